/*-------------------------------------------------------------------------
 *
 * twogroup.c
 *	  Two-group segregation indices of a segtable (METHODOLOGY section 2):
 *	  dissimilarity, Gini, Theil's entropy index H, isolation, exposure,
 *	  correlation ratio, Atkinson and Hutchens' square root index.
 *
 * Each index works on the SegTwo view: a group against the rest of the
 * table, or a group against one other group.  x_i, y_i, t_i = x_i + y_i
 * and the totals X, Y, T are those of METHODOLOGY's two-group notation.
 *
 *-------------------------------------------------------------------------
 */
#include "indices.h"
#include "atkinson.h"

#include <math.h>

PG_FUNCTION_INFO_V1(seg_dissimilarity_vs);
PG_FUNCTION_INFO_V1(seg_dissimilarity_pair);
PG_FUNCTION_INFO_V1(seg_gini_vs);
PG_FUNCTION_INFO_V1(seg_gini_pair);
PG_FUNCTION_INFO_V1(seg_entropy_index_vs);
PG_FUNCTION_INFO_V1(seg_entropy_index_pair);
PG_FUNCTION_INFO_V1(seg_isolation_vs);
PG_FUNCTION_INFO_V1(seg_exposure_vs);
PG_FUNCTION_INFO_V1(seg_exposure_pair);
PG_FUNCTION_INFO_V1(seg_correlation_ratio_vs);
PG_FUNCTION_INFO_V1(seg_atkinson_vs);
PG_FUNCTION_INFO_V1(seg_hutchens_vs);

typedef bool (*TwoMeasure) (const SegTwo *s, double param, double *result);

/* Both groups present: the condition of every unevenness index. */
#define BOTH_PRESENT(s) ((s)->X > 0 && (s)->Y > 0)

/* q ln(1/q) + (1-q) ln(1/(1-q)) for q = x/t, from the counts themselves. */
static segreal
entropy2(segreal x, segreal y, segreal t)
{
	segreal		e = 0;

	if (x > 0)
		e -= (x / t) * seg_ln_share(x, y, t);
	if (y > 0)
		e -= (y / t) * seg_ln_share(y, x, t);
	return e;
}

/* |x_i/X - y_i/Y| = |x_i Y - y_i X| / (X Y), without cancelling shares. */
static bool
two_dissimilarity(const SegTwo *s, double param, double *result)
{
	SegSum		sum = {0, 0};

	if (!BOTH_PRESENT(s))
		return false;
	for (int i = 0; i < s->n; i++)
		segsum_add(&sum, fabsl(s->x[i] * s->Y - s->y[i] * s->X));
	*result = seg_bounded(segsum_get(&sum) / (2 * s->X * s->Y), 0, 1);
	return true;
}

/* 2 T^2 P (1-P) = 2 X Y, and the pair sum counts each pair once. */
static bool
two_gini(const SegTwo *s, double param, double *result)
{
	if (!BOTH_PRESENT(s))
		return false;
	*result = seg_bounded(seg_gini_pairsum(s->n, s->x, s->t) / (s->X * s->Y), 0, 1);
	return true;
}

static bool
two_entropy_index(const SegTwo *s, double param, double *result)
{
	segreal		e = entropy2(s->X, s->Y, s->T);
	SegSum		sum = {0, 0};

	if (!BOTH_PRESENT(s))
		return false;
	for (int i = 0; i < s->n; i++)
		if (s->t[i] > 0)
			segsum_add(&sum, s->t[i] * (e - entropy2(s->x[i], s->y[i], s->t[i])));
	*result = seg_bounded(segsum_get(&sum) / (s->T * e), 0, 1);
	return true;
}

/* Defined whenever the group occurs: everyone in the group gives 1. */
bool
seg_two_isolation(const SegTwo *s, double *result)
{
	SegSum		sum = {0, 0};

	if (!(s->X > 0))
		return false;
	for (int i = 0; i < s->n; i++)
		if (s->t[i] > 0)
			segsum_add(&sum, (s->x[i] / s->X) * (s->x[i] / s->t[i]));
	*result = seg_bounded(segsum_get(&sum), 0, 1);
	return true;
}

static bool
two_isolation(const SegTwo *s, double param, double *result)
{
	return seg_two_isolation(s, result);
}

static bool
two_exposure(const SegTwo *s, double param, double *result)
{
	SegSum		sum = {0, 0};

	if (!(s->X > 0))
		return false;
	for (int i = 0; i < s->n; i++)
		if (s->t[i] > 0)
			segsum_add(&sum, (s->x[i] / s->X) * (s->y[i] / s->t[i]));
	*result = seg_bounded(segsum_get(&sum), 0, 1);
	return true;
}

/*
 * V = (xPx - P) / (1 - P), undefined when P = 1.  xPx - P =
 * sum_i (x_i / X) (x_i / t_i - X / T) = sum_i (x_i / X)(x_i Y - y_i X) / (t_i T),
 * which keeps the difference of two near-equal shares exact.
 */
static bool
two_correlation_ratio(const SegTwo *s, double param, double *result)
{
	SegSum		sum = {0, 0};

	if (!BOTH_PRESENT(s))
		return false;
	for (int i = 0; i < s->n; i++)
		if (s->t[i] > 0 && s->x[i] > 0)
			segsum_add(&sum, (s->x[i] / s->X) *
					   ((s->x[i] * s->Y - s->y[i] * s->X) / (s->t[i] * s->T)));
	*result = seg_bounded(segsum_get(&sum) / (s->Y / s->T), 0, 1);
	return true;
}

/*
 * (1-p_i)^(1-b) p_i^b t_i = y_i^(1-b) x_i^b and P T = X, P / (1-P) = X / Y,
 * so A = 1 - (X/Y) (sum_i x_i^b y_i^(1-b) / X)^(1/(1-b)), evaluated by the
 * stable kernel of atkinson.h.  A single populated unit is even by
 * definition; return 0 exactly rather than the rounding residue.
 */
static bool
two_atkinson(const SegTwo *s, double b, double *result)
{
	AtkinsonSum sum = {{0, 0}};
	int			populated = 0;

	if (!BOTH_PRESENT(s))
		return false;
	for (int i = 0; i < s->n; i++)
	{
		if (s->t[i] > 0)
		{
			populated++;
			atkinson_add(&sum, s->x[i], s->y[i], s->X, b);
		}
	}
	if (populated == 1)
		*result = 0;
	else
		*result = atkinson_value(&sum, s->X, s->Y, b);
	return true;
}

/* S = 1 - sum_i sqrt((x_i/X) (y_i/Y)), the p_i form of METHODOLOGY rewritten. */
static bool
two_hutchens(const SegTwo *s, double param, double *result)
{
	SegSum		sum = {0, 0};

	if (!BOTH_PRESENT(s))
		return false;
	for (int i = 0; i < s->n; i++)
		segsum_add(&sum, sqrtl((s->x[i] / s->X) * (s->y[i] / s->Y)));
	*result = seg_bounded(1 - segsum_get(&sum), 0, 1);
	return true;
}

/* measure(t, grp): the group against every other group of the table. */
static Datum
call_vs_rest(FunctionCallInfo fcinfo, TwoMeasure f, double param)
{
	SegMatrix  *m = segmatrix_from_datum(PG_GETARG_DATUM(0));
	int			g = seg_arg_group(fcinfo, 1, m);
	SegTwo		s;
	double		result;

	if (g < 0)
		PG_RETURN_NULL();
	seg_two_vs_rest(m, g, &s);
	if (!f(&s, param, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

/* measure(t, grp_a, grp_b): the table restricted to the two groups. */
static Datum
call_pair(FunctionCallInfo fcinfo, TwoMeasure f, double param)
{
	SegMatrix  *m = segmatrix_from_datum(PG_GETARG_DATUM(0));
	int			a = seg_arg_group(fcinfo, 1, m);
	int			b = seg_arg_group(fcinfo, 2, m);
	SegTwo		s;
	double		result;

	if (a < 0 || b < 0)
		PG_RETURN_NULL();
	seg_two_pair(m, a, b, &s);
	if (!f(&s, param, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

Datum
seg_dissimilarity_vs(PG_FUNCTION_ARGS)
{
	return call_vs_rest(fcinfo, two_dissimilarity, 0);
}

Datum
seg_dissimilarity_pair(PG_FUNCTION_ARGS)
{
	return call_pair(fcinfo, two_dissimilarity, 0);
}

Datum
seg_gini_vs(PG_FUNCTION_ARGS)
{
	return call_vs_rest(fcinfo, two_gini, 0);
}

Datum
seg_gini_pair(PG_FUNCTION_ARGS)
{
	return call_pair(fcinfo, two_gini, 0);
}

Datum
seg_entropy_index_vs(PG_FUNCTION_ARGS)
{
	return call_vs_rest(fcinfo, two_entropy_index, 0);
}

Datum
seg_entropy_index_pair(PG_FUNCTION_ARGS)
{
	return call_pair(fcinfo, two_entropy_index, 0);
}

Datum
seg_isolation_vs(PG_FUNCTION_ARGS)
{
	return call_vs_rest(fcinfo, two_isolation, 0);
}

Datum
seg_exposure_vs(PG_FUNCTION_ARGS)
{
	return call_vs_rest(fcinfo, two_exposure, 0);
}

/*
 * Exposure of a to b, aPb = sum_i (a_i/A)(b_i/t_i), with t_i the whole
 * unit: the other groups stay in the denominator, unlike the pair forms.
 * Both groups must occur; a group absent everywhere gives NULL, so a
 * misspelt key cannot pass for "no contact".
 */
Datum
seg_exposure_pair(PG_FUNCTION_ARGS)
{
	SegMatrix  *m = segmatrix_from_datum(PG_GETARG_DATUM(0));
	int			a = seg_arg_group(fcinfo, 1, m);
	int			b = seg_arg_group(fcinfo, 2, m);
	SegSparse	s;
	SegSum		sum = {0, 0};

	if (a < 0 || b < 0)
		PG_RETURN_NULL();
	seg_sparse_init(m, &s);
	if (!(s.g[a] > 0) || !(s.g[b] > 0))
		PG_RETURN_NULL();
	for (int u = 0; u < s.nunits; u++)
	{
		segreal		ca = 0,
					cb = 0;

		for (int k = s.unit_start[u]; k < s.unit_start[u + 1]; k++)
		{
			if (s.cell_group[k] == a)
				ca = s.c[k];
			if (s.cell_group[k] == b)
				cb = s.c[k];
		}
		if (ca > 0 && cb > 0)
			segsum_add(&sum, (ca / s.g[a]) * (cb / s.t[u]));
	}
	PG_RETURN_FLOAT8(seg_bounded(segsum_get(&sum), 0, 1));
}

Datum
seg_correlation_ratio_vs(PG_FUNCTION_ARGS)
{
	return call_vs_rest(fcinfo, two_correlation_ratio, 0);
}

Datum
seg_atkinson_vs(PG_FUNCTION_ARGS)
{
	double		b = PG_GETARG_FLOAT8(2);

	if (!(b > 0 && b < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"b\" must be strictly between 0 and 1"),
				 errdetail("Got %g.", b)));
	return call_vs_rest(fcinfo, two_atkinson, b);
}

Datum
seg_hutchens_vs(PG_FUNCTION_ARGS)
{
	return call_vs_rest(fcinfo, two_hutchens, 0);
}
