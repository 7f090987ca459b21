/*-------------------------------------------------------------------------
 *
 * rankorder.c
 *	  Reardon's rank-order segregation indices over ordered income bins
 *	  (METHODOLOGY 2, income measures): the information theory index H^R,
 *	  the variance ratio index R^R and the square root index S^R.
 *
 * Each bin boundary k splits the population into "at or below bin k" and
 * "above", with overall share p_k below.  The two-group index of that split
 * is Delta(p_k) = 1 - sum_i (t_i / T) f(p_ik) / f(p_k), where p_ik is unit
 * i's share below and f is the index's interaction function:
 *   H: f(p) = E(p) = -p log p - (1 - p) log(1 - p)
 *   R: f(p) = p (1 - p)
 *   S: f(p) = sqrt(p (1 - p))
 * The rank-order index is the f-weighted average of Delta over all p in
 * [0, 1].  As Reardon (2011) does, a polynomial Delta(p) = sum b_m p^m is
 * fitted to the thresholds by least squares weighted by f(p_k)^2, and
 * integrated in closed form: index = sum d_m b_m with
 * d_m = int f(p) p^m dp / int f(p) dp.
 *
 *-------------------------------------------------------------------------
 */
#include "segindex.h"

#include <math.h>

#include "indices.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "access/htup_details.h"
#include "utils/array.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(seg_rank_order_h_array);
PG_FUNCTION_INFO_V1(seg_rank_order_variance_ratio_array);
PG_FUNCTION_INFO_V1(seg_rank_order_sqrt_array);
PG_FUNCTION_INFO_V1(seg_rank_order_profile_array);
PG_FUNCTION_INFO_V1(seg_rank_order_h);
PG_FUNCTION_INFO_V1(seg_rank_order_variance_ratio);
PG_FUNCTION_INFO_V1(seg_rank_order_sqrt);
PG_FUNCTION_INFO_V1(seg_rank_order_profile);

#define RANK_ORDER_MAX_DEGREE 10
#define RANK_ORDER_RCOND 1e-10

typedef enum RankOrderKind
{
	RANK_ORDER_H,
	RANK_ORDER_R,
	RANK_ORDER_S
} RankOrderKind;

/* The two-group thresholds of a unit x bin count matrix. */
typedef struct RankOrderProfile
{
	int			nthresholds;
	int		   *bin;			/* 0-based input bin that ends the lower group */
	double	   *p;				/* overall share at or below */
	double	   *delta[3];		/* two-group H, R, S at each threshold */
} RankOrderProfile;

/* f(p) with q = 1 - p given separately, so neither side cancels. */
static segreal
interaction2(RankOrderKind kind, segreal p, segreal q)
{
	if (p <= 0 || q <= 0)
		return 0;
	switch (kind)
	{
		case RANK_ORDER_H:
			return -p * seg_ln_share(p, q, 1) - q * seg_ln_share(q, p, 1);
		case RANK_ORDER_R:
			return p * q;
		default:
			return sqrtl(p * q);
	}
}

static double
interaction(RankOrderKind kind, double p)
{
	return (double) interaction2(kind, p, 1 - (segreal) p);
}

/*
 * d_m = int_0^1 f(p) p^m dp / int_0^1 f(p) dp.
 * H: 2 [1/(m+2)^2 + (H_{m+2} - 1) / ((m+1)(m+2))], H_n the harmonic number
 *    (the two terms integrate -p ln p and -(1-p) ln(1-p) against p^m);
 * R: 6 / ((m+2)(m+3));
 * S: ratios of Beta functions, d_{m+1} = d_m (2m+3) / (2m+6).
 */
static double
integration_coefficient(RankOrderKind kind, int m)
{
	double		d;

	switch (kind)
	{
		case RANK_ORDER_H:
			{
				double		harmonic = 0;

				for (int j = 1; j <= m + 2; j++)
					harmonic += 1.0 / j;
				return 2.0 / ((m + 2.0) * (m + 2.0)) +
					2.0 * (harmonic - 1.0) / ((m + 1.0) * (m + 2.0));
			}
		case RANK_ORDER_R:
			return 6.0 / ((m + 2.0) * (m + 3.0));
		default:
			d = 1;
			for (int j = 0; j < m; j++)
				d *= (2.0 * j + 3.0) / (2.0 * j + 6.0);
			return d;
	}
}

/*
 * Computes the thresholds from compressed rows (unit u's cells are
 * cell_bin/cell_count[unit_start[u] .. unit_start[u + 1] - 1], bins
 * increasing), in O(cells + bins).  Units without population and bins
 * without population are dropped: an empty bin adds no threshold that
 * differs from its neighbour's.  A unit's share below a threshold changes
 * only at its own non-zero bins, so its t_i f(p_ik) is added to each run
 * of thresholds at once through a difference array.  Counts are scaled by
 * a power of two first (exact; the indices are scale invariant).
 */
static void
rank_order_profile(int nunits, int nbins, const int32 *unit_start,
				   const int32 *cell_bin, const double *cell_count,
				   RankOrderProfile *prof)
{
	int			ncells = unit_start[nunits];
	SegSum	   *bin_totals = palloc0(Max(nbins, 1) * sizeof(SegSum));
	int		   *kept = palloc(Max(nbins, 1) * sizeof(int));
	int		   *kept_of = palloc(Max(nbins, 1) * sizeof(int));
	segreal    *c = palloc(Max(ncells, 1) * sizeof(segreal));
	segreal    *suffix = palloc(Max(ncells, 1) * sizeof(segreal));
	segreal    *below,
			   *above;
	segreal    *diff[3];
	int			nkept = 0;
	double		max = 0;
	int			e = 0;
	SegSum		total = {0, 0},
				acc;
	segreal		f1,
				f2;

	for (int k = 0; k < ncells; k++)
		max = Max(max, cell_count[k]);
	if (max > 0)
		(void) frexp(max, &e);
	f1 = ldexpl(1, (1 - e) / 2);
	f2 = ldexpl(1, (1 - e) - (1 - e) / 2);
	for (int k = 0; k < ncells; k++)
	{
		c[k] = (segreal) cell_count[k] * f1 * f2;
		segsum_add(&bin_totals[cell_bin[k]], c[k]);
	}
	for (int b = 0; b < nbins; b++)
	{
		kept_of[b] = -1;
		if (segsum_get(&bin_totals[b]) > 0)
		{
			kept_of[b] = nkept;
			kept[nkept++] = b;
			segsum_add(&total, segsum_get(&bin_totals[b]));
		}
	}
	if (nkept < 3)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rank-order segregation needs at least 3 non-empty income bins"),
				 errdetail("Got %d non-empty bins.", nkept)));

	for (int x = 0; x < 3; x++)
		diff[x] = palloc0(nkept * sizeof(segreal));

	/* sum over units of t_i f(p_ik) for every threshold and index */
	for (int u = 0; u < nunits; u++)
	{
		int			lo = unit_start[u],
					hi = unit_start[u + 1];
		segreal		t_i = 0,
					cum = 0,
					rest;

		for (int k = lo; k < hi; k++)
			t_i += c[k];
		if (!(t_i > 0))
			continue;
		/* thresholds kept_of[cell k] .. kept_of[cell k+1] - 1 share p */
		rest = 0;
		for (int k = hi - 1; k >= lo; k--)
		{
			suffix[k] = rest;
			rest += c[k];
		}
		for (int k = lo; k < hi - 1; k++)
		{
			cum += c[k];
			rest = suffix[k];
			for (int x = 0; x < 3; x++)
			{
				segreal		v = t_i * interaction2((RankOrderKind) x,
												   cum / t_i, rest / t_i);

				diff[x][kept_of[cell_bin[k]]] += v;
				diff[x][kept_of[cell_bin[k + 1]]] -= v;
			}
		}
	}

	prof->nthresholds = 0;
	prof->bin = palloc((nkept - 1) * sizeof(int));
	prof->p = palloc((nkept - 1) * sizeof(double));
	for (int x = 0; x < 3; x++)
		prof->delta[x] = palloc((nkept - 1) * sizeof(double));
	below = palloc(nkept * sizeof(segreal));
	above = palloc(nkept * sizeof(segreal));
	acc.s = acc.c = 0;
	for (int j = nkept - 1; j >= 0; j--)
	{
		above[j] = segsum_get(&acc);
		segsum_add(&acc, segsum_get(&bin_totals[kept[j]]));
	}
	acc.s = acc.c = 0;
	for (int j = 0; j < nkept; j++)
	{
		segsum_add(&acc, segsum_get(&bin_totals[kept[j]]));
		below[j] = segsum_get(&acc);
	}

	{
		segreal		run[3] = {0, 0, 0};
		segreal		T = segsum_get(&total);

		for (int j = 0; j < nkept - 1; j++)
		{
			int			n = prof->nthresholds;
			segreal		p = below[j] / T,
						q = above[j] / T;

			for (int x = 0; x < 3; x++)
				run[x] += diff[x][j];
			prof->p[n] = (double) p;
			if (!(prof->p[n] > 0 && prof->p[n] < 1 && q > 0))
				continue;
			prof->bin[n] = kept[j];
			/* each Delta lies in [0, 1] since f is concave */
			for (int x = 0; x < 3; x++)
				prof->delta[x][n] =
					seg_bounded(1 - run[x] / (T * interaction2((RankOrderKind) x, p, q)),
								0, 1);
			prof->nthresholds++;
		}
	}
	if (prof->nthresholds < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rank-order segregation needs at least 3 non-empty income bins"),
				 errdetail("The bins' shares are too unequal to separate.")));
}

/* The compressed rows of a dense nunits x nbins matrix (row-major). */
static void
rank_order_profile_dense(const double *counts, int nunits, int nbins,
						 const char *argname, RankOrderProfile *prof)
{
	Size		n = (Size) nunits * nbins;
	int32	   *unit_start = palloc((nunits + 1) * sizeof(int32));
	int32	   *cell_bin = palloc(Max(n, 1) * sizeof(int32));
	double	   *cell_count = palloc(Max(n, 1) * sizeof(double));
	int32		k = 0;

	for (int i = 0; i < nunits; i++)
	{
		unit_start[i] = k;
		for (int b = 0; b < nbins; b++)
		{
			double		v = counts[(Size) i * nbins + b];

			seg_check_count(v, argname);
			if (v > 0)
			{
				cell_bin[k] = b;
				cell_count[k++] = v;
			}
		}
	}
	unit_start[nunits] = k;
	rank_order_profile(nunits, nbins, unit_start, cell_bin, cell_count, prof);
}

/*
 * Weighted least squares fit of a polynomial of the given degree through
 * (x_k, y_k) with weights w_k^2 (w holds their square roots, which do not
 * underflow), by Householder QR of the weighted
 * Vandermonde matrix (better conditioned than the normal equations).
 * Returns the coefficients b_0..b_degree in coef, or false when the
 * system is numerically rank deficient: a diagonal entry of R below
 * RANK_ORDER_RCOND times the largest (the columns p^m are then too close
 * to dependent on these thresholds for the coefficients to mean anything).
 */
static bool
weighted_polyfit(const double *x, const double *y, const double *w, int n,
				 int degree, double *coef)
{
	int			m = degree + 1;
	double	   *a = palloc(sizeof(double) * n * m); /* column-major */
	double	   *b = palloc(sizeof(double) * n);

	for (int k = 0; k < n; k++)
	{
		double		sw = w[k];
		double		power = 1;

		for (int j = 0; j < m; j++)
		{
			a[j * n + k] = sw * power;
			power *= x[k];
		}
		b[k] = sw * y[k];
	}

	for (int j = 0; j < m; j++)
	{
		double	   *col = a + j * n;
		double		norm = 0,
					alpha,
					vnorm2;

		for (int k = j; k < n; k++)
			norm += col[k] * col[k];
		norm = sqrt(norm);
		if (!(norm > 0) || !isfinite(norm))
			return false;
		alpha = col[j] > 0 ? -norm : norm;
		/* v = col[j..] - alpha e_j, stored in place */
		col[j] -= alpha;
		vnorm2 = 0;
		for (int k = j; k < n; k++)
			vnorm2 += col[k] * col[k];
		/* apply H = I - 2 v v^T / (v^T v) to the remaining columns and b */
		for (int jj = j + 1; jj <= m; jj++)
		{
			double	   *target = (jj < m) ? a + jj * n : b;
			double		dot = 0;

			for (int k = j; k < n; k++)
				dot += col[k] * target[k];
			dot = 2 * dot / vnorm2;
			for (int k = j; k < n; k++)
				target[k] -= dot * col[k];
		}
		col[j] = alpha;			/* R's diagonal */
	}
	{
		double		rmax = 0;

		for (int j = 0; j < m; j++)
			rmax = Max(rmax, fabs(a[j * n + j]));
		for (int j = 0; j < m; j++)
			if (!(fabs(a[j * n + j]) > RANK_ORDER_RCOND * rmax))
				return false;
	}
	for (int j = m - 1; j >= 0; j--)
	{
		double		s = b[j];

		for (int jj = j + 1; jj < m; jj++)
			s -= a[jj * n + j] * coef[jj];
		coef[j] = s / a[j * n + j];
	}
	pfree(a);
	pfree(b);
	for (int j = 0; j < m; j++)
		if (!isfinite(coef[j]))
			return false;
	return true;
}

/*
 * The rank-order index from a profile.  The requested degree is an upper
 * bound: with fewer thresholds than degree + 1 it drops to (thresholds - 1)
 * (the polynomial then passes through every threshold), and it keeps
 * dropping while the fit is numerically rank deficient or its integral
 * falls outside [0, 1].  Every Delta(p_k) lies in [0, 1], so such an
 * integral is an artefact of the polynomial swinging between thresholds,
 * not information; degree 0 is the f^2-weighted mean of the Delta(p_k),
 * which always lies in [0, 1], so the loop ends there at the latest.
 */
static double
rank_order_index(const RankOrderProfile *prof, RankOrderKind kind, int degree)
{
	int			n = prof->nthresholds;
	double	   *w = palloc(n * sizeof(double));
	double		coef[RANK_ORDER_MAX_DEGREE + 1];

	for (int k = 0; k < n; k++)
	{
		double		f = interaction(kind, prof->p[k]);

		w[k] = f;
	}
	for (int deg = Min(degree, n - 1); deg >= 0; deg--)
	{
		double		result = 0;

		if (!weighted_polyfit(prof->p, prof->delta[kind], w, n, deg, coef))
			continue;
		for (int m = 0; m <= deg; m++)
			result += integration_coefficient(kind, m) * coef[m];
		if (deg == 0 || (result >= 0 && result <= 1))
			return seg_bounded(result, 0, 1);
	}
	/* not reached (weights are positive); the plain mean is in [0, 1] too */
	{
		double		mean = 0;

		for (int k = 0; k < n; k++)
			mean += prof->delta[kind][k] / n;
		return seg_bounded(mean, 0, 1);
	}
}

static void
check_degree(int32 degree)
{
	if (degree < 0 || degree > RANK_ORDER_MAX_DEGREE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"degree\" must be between 0 and %d",
						RANK_ORDER_MAX_DEGREE),
				 errdetail("Got %d.", degree)));
}

/* ------------------------------------------------------------------------
 * float8[][] input: one row per unit, one column per ordered bin
 * ------------------------------------------------------------------------
 */

static double *
counts_from_array(ArrayType *arr, int *nunits, int *nbins)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	double	   *counts;

	if (ARR_NDIM(arr) != 2)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("argument \"counts\" must be a two-dimensional array (units x bins)"),
				 errdetail("Got %d dimensions.", ARR_NDIM(arr))));
	deconstruct_array(arr, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &elems, &nulls, &n);
	counts = palloc(Max(n, 1) * sizeof(double));
	for (int i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("argument \"counts\" must not contain NULL")));
		counts[i] = DatumGetFloat8(elems[i]);
	}
	*nunits = ARR_DIMS(arr)[0];
	*nbins = ARR_DIMS(arr)[1];
	return counts;
}

static Datum
rank_order_array(FunctionCallInfo fcinfo, RankOrderKind kind)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	int32		degree = PG_GETARG_INT32(1);
	RankOrderProfile prof;
	double	   *counts;
	int			nunits,
				nbins;

	check_degree(degree);
	counts = counts_from_array(arr, &nunits, &nbins);
	rank_order_profile_dense(counts, nunits, nbins, "counts", &prof);
	PG_RETURN_FLOAT8(rank_order_index(&prof, kind, degree));
}

Datum
seg_rank_order_h_array(PG_FUNCTION_ARGS)
{
	return rank_order_array(fcinfo, RANK_ORDER_H);
}

Datum
seg_rank_order_variance_ratio_array(PG_FUNCTION_ARGS)
{
	return rank_order_array(fcinfo, RANK_ORDER_R);
}

Datum
seg_rank_order_sqrt_array(PG_FUNCTION_ARGS)
{
	return rank_order_array(fcinfo, RANK_ORDER_S);
}

/* ------------------------------------------------------------------------
 * segtable input: units x groups, groups are the bins in key order
 * ------------------------------------------------------------------------
 */

static Datum
rank_order_segtable(FunctionCallInfo fcinfo, RankOrderKind kind)
{
	int32		degree = PG_GETARG_INT32(1);
	SegMatrix  *m;
	RankOrderProfile prof;

	check_degree(degree);
	m = segmatrix_from_datum(PG_GETARG_DATUM(0));
	rank_order_profile(m->nunits, m->ngroups, m->unit_start, m->cell_group, m->cell_count, &prof);
	PG_RETURN_FLOAT8(rank_order_index(&prof, kind, degree));
}

Datum
seg_rank_order_h(PG_FUNCTION_ARGS)
{
	return rank_order_segtable(fcinfo, RANK_ORDER_H);
}

Datum
seg_rank_order_variance_ratio(PG_FUNCTION_ARGS)
{
	return rank_order_segtable(fcinfo, RANK_ORDER_R);
}

Datum
seg_rank_order_sqrt(PG_FUNCTION_ARGS)
{
	return rank_order_segtable(fcinfo, RANK_ORDER_S);
}

/* ------------------------------------------------------------------------
 * Profiles: one row per threshold with the bin that ends the lower group,
 * the share below, and the two-group H, R and S.
 * ------------------------------------------------------------------------
 */

typedef struct ProfileCall
{
	RankOrderProfile prof;
	char	  **group_keys;		/* segtable input; NULL for arrays */
} ProfileCall;

static Datum
rank_order_profile_srf(FunctionCallInfo fcinfo, bool segtable)
{
	FuncCallContext *funcctx;
	ProfileCall *call;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;
		TupleDesc	tupdesc;

		funcctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		call = palloc0(sizeof(ProfileCall));
		if (segtable)
		{
			SegMatrix  *m = segmatrix_from_datum(PG_GETARG_DATUM(0));

			rank_order_profile(m->nunits, m->ngroups, m->unit_start, m->cell_group, m->cell_count, &call->prof);
			call->group_keys = m->group_keys;
		}
		else
		{
			double	   *counts;
			int			nunits,
						nbins;

			counts = counts_from_array(PG_GETARG_ARRAYTYPE_P(0), &nunits, &nbins);
			rank_order_profile_dense(counts, nunits, nbins, "counts", &call->prof);
		}
		funcctx->user_fctx = call;
		funcctx->max_calls = call->prof.nthresholds;
		MemoryContextSwitchTo(old);
	}
	funcctx = SRF_PERCALL_SETUP();
	call = (ProfileCall *) funcctx->user_fctx;
	if (funcctx->call_cntr < funcctx->max_calls)
	{
		const RankOrderProfile *prof = &call->prof;
		int			k = funcctx->call_cntr;
		Datum		values[5];
		bool		nulls[5] = {0};

		if (segtable)
			values[0] = CStringGetTextDatum(call->group_keys[prof->bin[k]]);
		else
			values[0] = Int32GetDatum(prof->bin[k] + 1);
		values[1] = Float8GetDatum(prof->p[k]);
		for (int x = 0; x < 3; x++)
			values[2 + x] = Float8GetDatum(prof->delta[x][k]);
		SRF_RETURN_NEXT(funcctx,
						HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc,
														  values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}

Datum
seg_rank_order_profile_array(PG_FUNCTION_ARGS)
{
	return rank_order_profile_srf(fcinfo, false);
}

Datum
seg_rank_order_profile(PG_FUNCTION_ARGS)
{
	return rank_order_profile_srf(fcinfo, true);
}
