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

/* T^2 I = sum_m T_m (T - T_m), with T - T_m the other groups' sum. */
static segreal
interaction_t2(const SegSparse *s)
{
	SegSum		sum = {0, 0};

	for (int g = 0; g < s->ngroups; g++)
		segsum_add(&sum, s->g[g] * s->o[g]);
	return segsum_get(&sum);
}

/* Entropy of the group shares, E = -sum_m pi_m ln pi_m. */
static segreal
diversity(const SegSparse *s)
{
	SegSum		sum = {0, 0};

	for (int g = 0; g < s->ngroups; g++)
		if (s->g[g] > 0)
			segsum_add(&sum, -(s->g[g] / s->T) * seg_ln_share(s->g[g], s->o[g], s->T));
	return segsum_get(&sum);
}

/*
 * sum_i t_i sum_m w_m (pi_im - pi_m)^2 times T^2, the core of normalized
 * exposure, relative diversity and the squared coefficient of variation.
 * pi_im - pi_m = (t_im O_m - r_im T_m) / (t_i T), O_m and r_im sums of the
 * other groups and of the unit's other cells; a zero cell contributes
 * t_i w_m T_m^2 / T^2, summed over the groups missing from the row as a
 * complement sum.  Groups with zero weight are skipped.
 */
static segreal
weighted_squares(const SegSparse *s, const segreal *w)
{
	segreal    *wt2 = palloc(sizeof(segreal) * Max(s->ngroups, 1));
	SegComplement cs;
	SegSum		sum = {0, 0};

	for (int g = 0; g < s->ngroups; g++)
		wt2[g] = w[g] * s->g[g] * s->g[g];
	seg_complement_init(&cs, s->ngroups, wt2);
	for (int u = 0; u < s->nunits; u++)
	{
		int			lo = s->unit_start[u],
					hi = s->unit_start[u + 1];

		if (!(s->t[u] > 0))
			continue;
		for (int k = lo; k < hi; k++)
		{
			int			g = s->cell_group[k];
			segreal		d;

			if (w[g] == 0)
				continue;
			d = s->c[k] * s->o[g] - s->r[k] * s->g[g];
			segsum_add(&sum, w[g] * (d / s->t[u]) * d);
		}
		segsum_add(&sum, s->t[u] * seg_complement_sum(&cs, s->cell_group + lo, hi - lo));
	}
	return segsum_get(&sum) / (s->T * s->T);
}

/* Both the population and two groups: every unevenness index needs them. */
static bool
uneven_defined(const SegMatrix *m, SegSparse *s)
{
	seg_sparse_init(m, s);
	return s->T > 0 && s->k >= 2;
}

/*
 * D = sum_i sum_m |t_im O_m - r_im T_m| / (2 sum_m T_m O_m), the usual
 * sum_i t_i |pi_im - pi_m| / (2 T I) with both sides multiplied by T; the
 * groups missing from a row add t_i T_m each.
 */
bool
seg_multi_dissimilarity(const SegMatrix *m, double *result)
{
	SegSparse	s;
	SegComplement cs;
	SegSum		sum = {0, 0};

	if (!uneven_defined(m, &s))
		return false;
	seg_complement_init(&cs, s.ngroups, s.g);
	for (int u = 0; u < s.nunits; u++)
	{
		int			lo = s.unit_start[u],
					hi = s.unit_start[u + 1];

		if (!(s.t[u] > 0))
			continue;
		for (int k = lo; k < hi; k++)
		{
			int			g = s.cell_group[k];

			segsum_add(&sum, fabsl(s.c[k] * s.o[g] - s.r[k] * s.g[g]));
		}
		segsum_add(&sum, s.t[u] * seg_complement_sum(&cs, s.cell_group + lo, hi - lo));
	}
	*result = seg_bounded(segsum_get(&sum) / (2 * interaction_t2(&s)), 0, 1);
	return true;
}

/*
 * G = sum_m sum_{i<j} t_i t_j |pi_im - pi_jm| / (T^2 I), one pass per group
 * over the units where it occurs: the units without it all have pi = 0,
 * weigh W0 together, and add W0 T_m to the pair sum.
 */
static bool
multi_gini(const SegMatrix *m, double *result)
{
	SegSparse	s;
	SegComplement cs;
	int32	   *col_start,
			   *col_unit;
	segreal    *x,
			   *t;
	int		   *fill;
	SegSum		sum = {0, 0};

	if (!uneven_defined(m, &s))
		return false;
	/* the cells by group (compressed columns) */
	col_start = palloc0(sizeof(int32) * (s.ngroups + 1));
	col_unit = palloc(sizeof(int32) * Max(s.ncells, 1));
	fill = palloc(sizeof(int) * Max(s.ngroups, 1));
	x = palloc(sizeof(segreal) * Max(s.ncells, 1));
	t = palloc(sizeof(segreal) * Max(s.ncells, 1));
	for (int k = 0; k < s.ncells; k++)
		col_start[s.cell_group[k] + 1]++;
	for (int g = 0; g < s.ngroups; g++)
	{
		col_start[g + 1] += col_start[g];
		fill[g] = col_start[g];
	}
	for (int u = 0; u < s.nunits; u++)
		for (int k = s.unit_start[u]; k < s.unit_start[u + 1]; k++)
		{
			int			j = fill[s.cell_group[k]]++;

			col_unit[j] = u;
			x[j] = s.c[k];
			t[j] = s.t[u];
		}
	seg_complement_init(&cs, s.nunits, s.t);
	for (int g = 0; g < s.ngroups; g++)
	{
		int			lo = col_start[g],
					hi = col_start[g + 1];
		segreal		w0;

		if (!(s.g[g] > 0))
			continue;
		w0 = seg_complement_sum(&cs, col_unit + lo, hi - lo);
		segsum_add(&sum, seg_gini_pairsum(hi - lo, x + lo, t + lo));
		segsum_add(&sum, w0 * s.g[g]);
	}
	*result = seg_bounded(segsum_get(&sum) / interaction_t2(&s), 0, 1);
	return true;
}

/*
 * M = sum_i sum_m p_im [ln(t_im / t_i) - ln(T_m / T)] over the non-zero
 * cells.  M >= 0; it is 0 for one group (no unevenness is possible).
 */
static segreal
mutual_information(const SegSparse *s)
{
	SegSum		sum = {0, 0};

	for (int u = 0; u < s->nunits; u++)
		for (int k = s->unit_start[u]; k < s->unit_start[u + 1]; k++)
		{
			int			g = s->cell_group[k];

			segsum_add(&sum, (s->c[k] / s->T) *
					   (seg_ln_share(s->c[k], s->r[k], s->t[u]) -
						seg_ln_share(s->g[g], s->o[g], s->T)));
		}
	return segsum_get(&sum);
}

bool
seg_multi_mutual_information(const SegMatrix *m, double *result)
{
	SegSparse	s;

	seg_sparse_init(m, &s);
	if (!(s.T > 0))
		return false;
	*result = seg_bounded(mutual_information(&s), 0, HUGE_VAL);
	return true;
}

/* H = M / E; undefined with fewer than two groups (E = 0). */
bool
seg_multi_entropy_index(const SegMatrix *m, double *result)
{
	SegSparse	s;

	if (!uneven_defined(m, &s))
		return false;
	*result = seg_bounded(mutual_information(&s) / diversity(&s), 0, 1);
	return true;
}

/* Normalized exposure: weights 1 / (T (1 - pi_m)) = 1 / O_m. */
static bool
multi_normalized_exposure(const SegMatrix *m, double *result)
{
	SegSparse	s;
	segreal    *w;

	if (!uneven_defined(m, &s))
		return false;
	w = palloc0(sizeof(segreal) * s.ngroups);
	for (int g = 0; g < s.ngroups; g++)
		if (s.g[g] > 0)
			w[g] = 1 / s.o[g];
	*result = seg_bounded(weighted_squares(&s, w), 0, 1);
	return true;
}

/* Relative diversity in its sum-of-squares form: weights 1 / (T I). */
static bool
multi_relative_diversity(const SegMatrix *m, double *result)
{
	SegSparse	s;
	segreal    *w;
	segreal		scale;

	if (!uneven_defined(m, &s))
		return false;
	w = palloc0(sizeof(segreal) * s.ngroups);
	scale = s.T / interaction_t2(&s);
	for (int g = 0; g < s.ngroups; g++)
		if (s.g[g] > 0)
			w[g] = scale;
	*result = seg_bounded(weighted_squares(&s, w), 0, 1);
	return true;
}

/* Squared coefficient of variation: weights 1 / ((K-1) T pi_m). */
static bool
multi_squared_cv(const SegMatrix *m, double *result)
{
	SegSparse	s;
	segreal    *w;

	if (!uneven_defined(m, &s))
		return false;
	w = palloc0(sizeof(segreal) * s.ngroups);
	for (int g = 0; g < s.ngroups; g++)
		if (s.g[g] > 0)
			w[g] = 1 / ((s.k - 1) * s.g[g]);
	*result = seg_bounded(weighted_squares(&s, w), 0, 1);
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
	SegSparse	s;

	seg_sparse_init(m, &s);
	if (!(s.T > 0) || (normalized && s.k < 2))
		PG_RETURN_NULL();
	if (normalized)
		PG_RETURN_FLOAT8(seg_bounded(diversity(&s) / logl(s.k), 0, 1));
	PG_RETURN_FLOAT8(seg_bounded(diversity(&s), 0, log(s.k)));
}

Datum
seg_simpson_concentration(PG_FUNCTION_ARGS)
{
	SegMatrix  *m = segmatrix_from_datum(PG_GETARG_DATUM(0));
	SegSparse	s;
	SegSum		sum = {0, 0};

	seg_sparse_init(m, &s);
	if (!(s.T > 0))
		PG_RETURN_NULL();
	for (int g = 0; g < s.ngroups; g++)
		segsum_add(&sum, (s.g[g] / s.T) * (s.g[g] / s.T));
	PG_RETURN_FLOAT8(seg_bounded(segsum_get(&sum), 0, 1));
}

/* 1 - sum pi_m^2 = sum pi_m (1 - pi_m), without the subtraction. */
Datum
seg_simpson_interaction(PG_FUNCTION_ARGS)
{
	SegMatrix  *m = segmatrix_from_datum(PG_GETARG_DATUM(0));
	SegSparse	s;

	seg_sparse_init(m, &s);
	if (!(s.T > 0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(seg_bounded(interaction_t2(&s) / (s.T * s.T), 0, 1));
}
