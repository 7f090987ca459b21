/*-------------------------------------------------------------------------
 *
 * multigroup.c
 *	  Multigroup segregation and diversity indices of a segtable
 *	  (METHODOLOGY section 2): dissimilarity, Gini, entropy index H, mutual
 *	  information M, normalized exposure, relative diversity, squared
 *	  coefficient of variation, diversity and Simpson's indices.
 *
 * pi_m = T_m / T over the groups that occur (T_m > 0); K is their number.
 * Units without population contribute nothing.
 *
 *-------------------------------------------------------------------------
 */
#include "indices.h"

#include <math.h>

PG_FUNCTION_INFO_V1(seg_dissimilarity_multi);
PG_FUNCTION_INFO_V1(seg_gini_multi);
PG_FUNCTION_INFO_V1(seg_entropy_index_multi);
PG_FUNCTION_INFO_V1(seg_mutual_information_multi);
PG_FUNCTION_INFO_V1(seg_normalized_exposure);
PG_FUNCTION_INFO_V1(seg_relative_diversity);
PG_FUNCTION_INFO_V1(seg_squared_cv);
PG_FUNCTION_INFO_V1(seg_diversity);
PG_FUNCTION_INFO_V1(seg_simpson_concentration);
PG_FUNCTION_INFO_V1(seg_simpson_interaction);

/* Number of groups that occur. */
static int
groups_present(const SegMatrix *m)
{
	int			k = 0;

	for (int g = 0; g < m->ngroups; g++)
		if (m->group_totals[g] > 0)
			k++;
	return k;
}

/* Simpson interaction I = sum_m pi_m (1 - pi_m). */
static double
interaction(const SegMatrix *m)
{
	double		sum = 0;

	for (int g = 0; g < m->ngroups; g++)
	{
		double		pm = m->group_totals[g] / m->total;

		sum += pm * (1 - pm);
	}
	return sum;
}

/* Entropy of the group shares, E = -sum_m pi_m ln pi_m. */
static double
diversity(const SegMatrix *m)
{
	double		sum = 0;

	for (int g = 0; g < m->ngroups; g++)
		if (m->group_totals[g] > 0)
		{
			double		pm = m->group_totals[g] / m->total;

			sum -= pm * log(pm);
		}
	return sum;
}

/*
 * sum_i sum_m t_i w_m (pi_im - pi_m)^2, the core of normalized exposure,
 * relative diversity and the squared coefficient of variation; w_m is
 * given per group.  Groups with zero weight are skipped.
 */
static double
weighted_squares(const SegMatrix *m, const double *w)
{
	double		sum = 0;

	for (int u = 0; u < m->nunits; u++)
	{
		double		ti = m->unit_totals[u];

		if (!(ti > 0))
			continue;
		for (int g = 0; g < m->ngroups; g++)
		{
			double		d;

			if (w[g] == 0)
				continue;
			d = SEGMATRIX_CELL(m, u, g) / ti - m->group_totals[g] / m->total;
			sum += ti * w[g] * d * d;
		}
	}
	return sum;
}

bool
seg_multi_dissimilarity(const SegMatrix *m, double *result)
{
	double		sum = 0;

	if (!(m->total > 0) || groups_present(m) < 2)
		return false;
	for (int u = 0; u < m->nunits; u++)
	{
		double		ti = m->unit_totals[u];

		if (!(ti > 0))
			continue;
		for (int g = 0; g < m->ngroups; g++)
			sum += ti * fabs(SEGMATRIX_CELL(m, u, g) / ti -
							 m->group_totals[g] / m->total);
	}
	*result = sum / (2 * m->total * interaction(m));
	return true;
}

/* One O(n log n) pass per group; the pair sums count each pair once. */
static bool
multi_gini(const SegMatrix *m, double *result)
{
	double	   *column;
	double		sum = 0;

	if (!(m->total > 0) || groups_present(m) < 2)
		return false;
	column = palloc(sizeof(double) * Max(m->nunits, 1));
	for (int g = 0; g < m->ngroups; g++)
	{
		if (!(m->group_totals[g] > 0))
			continue;
		for (int u = 0; u < m->nunits; u++)
			column[u] = SEGMATRIX_CELL(m, u, g);
		sum += seg_gini_pairsum(m->nunits, column, m->unit_totals);
	}
	pfree(column);
	*result = sum / (m->total * m->total * interaction(m));
	return true;
}

/*
 * M = sum_i sum_m p_im ln(p_im / (p_i. p_.m)).  It is 0 for one group (no
 * unevenness is possible) and never negative; rounding of an even table is
 * clamped to 0.
 */
bool
seg_multi_mutual_information(const SegMatrix *m, double *result)
{
	double		sum = 0;

	if (!(m->total > 0))
		return false;
	for (int u = 0; u < m->nunits; u++)
	{
		double		ti = m->unit_totals[u];

		for (int g = 0; g < m->ngroups; g++)
		{
			double		c = SEGMATRIX_CELL(m, u, g);

			if (c > 0)
				sum += (c / m->total) *
					log((c * m->total) / (ti * m->group_totals[g]));
		}
	}
	*result = Max(sum, 0.0);
	return true;
}

/* H = M / E; undefined with fewer than two groups (E = 0). */
bool
seg_multi_entropy_index(const SegMatrix *m, double *result)
{
	double		mi;

	if (!(m->total > 0) || groups_present(m) < 2)
		return false;
	seg_multi_mutual_information(m, &mi);
	*result = mi / diversity(m);
	return true;
}

/*
 * Normalized exposure: weights 1 / (T (1 - pi_m)) = 1 / (sum of the other
 * groups' totals), which stays positive when pi_m rounds to 1.
 */
static bool
multi_normalized_exposure(const SegMatrix *m, double *result)
{
	double	   *w;

	if (!(m->total > 0) || groups_present(m) < 2)
		return false;
	w = palloc0(sizeof(double) * m->ngroups);
	for (int g = 0; g < m->ngroups; g++)
	{
		double		others = 0;

		if (!(m->group_totals[g] > 0))
			continue;
		for (int k = 0; k < m->ngroups; k++)
			if (k != g)
				others += m->group_totals[k];
		w[g] = 1 / others;
	}
	*result = weighted_squares(m, w);
	return true;
}

/* Relative diversity in its sum-of-squares form: weights 1 / (T I). */
static bool
multi_relative_diversity(const SegMatrix *m, double *result)
{
	double	   *w;
	double		scale;

	if (!(m->total > 0) || groups_present(m) < 2)
		return false;
	w = palloc0(sizeof(double) * m->ngroups);
	scale = 1 / (m->total * interaction(m));
	for (int g = 0; g < m->ngroups; g++)
		if (m->group_totals[g] > 0)
			w[g] = scale;
	*result = weighted_squares(m, w);
	return true;
}

/* Squared coefficient of variation: weights 1 / ((K-1) T pi_m). */
static bool
multi_squared_cv(const SegMatrix *m, double *result)
{
	double	   *w;
	int			k = groups_present(m);

	if (!(m->total > 0) || k < 2)
		return false;
	w = palloc0(sizeof(double) * m->ngroups);
	for (int g = 0; g < m->ngroups; g++)
		if (m->group_totals[g] > 0)
			w[g] = 1 / ((k - 1) * m->group_totals[g]);
	*result = weighted_squares(m, w);
	return true;
}

typedef bool (*MultiMeasure) (const SegMatrix *m, double *result);

static Datum
call_multi(FunctionCallInfo fcinfo, MultiMeasure f)
{
	SegMatrix  *m = segmatrix_from_datum(PG_GETARG_DATUM(0));
	double		result;

	if (!f(m, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

Datum
seg_dissimilarity_multi(PG_FUNCTION_ARGS)
{
	return call_multi(fcinfo, seg_multi_dissimilarity);
}

Datum
seg_gini_multi(PG_FUNCTION_ARGS)
{
	return call_multi(fcinfo, multi_gini);
}

Datum
seg_entropy_index_multi(PG_FUNCTION_ARGS)
{
	return call_multi(fcinfo, seg_multi_entropy_index);
}

Datum
seg_mutual_information_multi(PG_FUNCTION_ARGS)
{
	return call_multi(fcinfo, seg_multi_mutual_information);
}

Datum
seg_normalized_exposure(PG_FUNCTION_ARGS)
{
	return call_multi(fcinfo, multi_normalized_exposure);
}

Datum
seg_relative_diversity(PG_FUNCTION_ARGS)
{
	return call_multi(fcinfo, multi_relative_diversity);
}

Datum
seg_squared_cv(PG_FUNCTION_ARGS)
{
	return call_multi(fcinfo, multi_squared_cv);
}

/* E, or E / ln K when normalized (undefined for one group). */
Datum
seg_diversity(PG_FUNCTION_ARGS)
{
	SegMatrix  *m = segmatrix_from_datum(PG_GETARG_DATUM(0));
	bool		normalized = PG_GETARG_BOOL(1);
	int			k = groups_present(m);

	if (!(m->total > 0) || (normalized && k < 2))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(normalized ? diversity(m) / log(k) : diversity(m));
}

static double
concentration(const SegMatrix *m)
{
	double		sum = 0;

	for (int g = 0; g < m->ngroups; g++)
	{
		double		pm = m->group_totals[g] / m->total;

		sum += pm * pm;
	}
	return sum;
}

Datum
seg_simpson_concentration(PG_FUNCTION_ARGS)
{
	SegMatrix  *m = segmatrix_from_datum(PG_GETARG_DATUM(0));

	if (!(m->total > 0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(concentration(m));
}

Datum
seg_simpson_interaction(PG_FUNCTION_ARGS)
{
	SegMatrix  *m = segmatrix_from_datum(PG_GETARG_DATUM(0));

	if (!(m->total > 0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(1 - concentration(m));
}
