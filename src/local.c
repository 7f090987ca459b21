/*-------------------------------------------------------------------------
 *
 * local.c
 *	  Local segregation measures of a segtable (METHODOLOGY section 2,
 *	  "Local"): per unit and group location quotients, shares and local
 *	  entropy; per group local segregation scores, whose group-share
 *	  weighted sum is the mutual information M.
 *
 *-------------------------------------------------------------------------
 */
#include "indices.h"
#include "segindex.h"

#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

PG_FUNCTION_INFO_V1(seg_local);
PG_FUNCTION_INFO_V1(seg_local_scores);

/* Float8 datum, or NULL when the value is undefined. */
static void
set_float(Datum *values, bool *nulls, int col, bool defined, double v)
{
	values[col] = defined ? Float8GetDatum(v) : (Datum) 0;
	nulls[col] = !defined;
}

/*
 * seg_local(t, normalized): one row per non-zero cell, units then groups in
 * key order: (unit, grp, count, share, location_quotient, local_entropy).
 * share = pi_im, location_quotient = pi_im / pi_m = t_im T / (t_i T_m) and
 * local_entropy = E_i (or E_i / ln K), the last repeated on every row of
 * the unit.  Zero cells are not listed (their share and quotient are 0),
 * so the output grows with the cells, not with units x groups.
 */
Datum
seg_local(PG_FUNCTION_ARGS)
{
	SegMatrix  *m = segmatrix_from_datum(PG_GETARG_DATUM(0));
	bool		normalized = PG_GETARG_BOOL(1);
	TupleDesc	tupdesc;
	Tuplestorestate *store = seg_begin_materialize(fcinfo, &tupdesc);
	SegSparse	s;

	seg_sparse_init(m, &s);
	for (int u = 0; u < s.nunits; u++)
	{
		int			lo = s.unit_start[u],
					hi = s.unit_start[u + 1];
		SegSum		entropy = {0, 0};
		bool		entropy_defined = !normalized || s.k >= 2;
		double		e;

		for (int k = lo; k < hi; k++)
			segsum_add(&entropy, -(s.c[k] / s.t[u]) * seg_ln_share(s.c[k], s.r[k], s.t[u]));
		if (normalized && entropy_defined)
			e = seg_bounded(segsum_get(&entropy) / logl(s.k), 0, 1);
		else
			e = seg_bounded(segsum_get(&entropy), 0, log(Max(s.k, 1)));

		for (int k = lo; k < hi; k++)
		{
			Datum		values[6];
			bool		nulls[6] = {false};
			int			g = s.cell_group[k];
			double		lq;

			values[0] = CStringGetTextDatum(m->unit_keys[u]);
			values[1] = CStringGetTextDatum(m->group_keys[g]);
			values[2] = Float8GetDatum(m->cell_count[k]);
			set_float(values, nulls, 3, true, seg_bounded(s.c[k] / s.t[u], 0, 1));
			/* beyond DBL_MAX only for a group ~1e-308 times the table */
			lq = seg_bounded((s.c[k] / s.t[u]) * (s.T / s.g[g]), 0, HUGE_VAL);
			set_float(values, nulls, 4, isfinite(lq), lq);
			set_float(values, nulls, 5, entropy_defined, e);
			tuplestore_putvalues(store, tupdesc, values, nulls);
		}
	}
	return (Datum) 0;
}

/*
 * seg_local_scores(t): one row per group: (grp, share, score) with
 * share = p_.m and score ls_m = sum_i p(i|m) ln(p(i|m) / p_i.)
 * = sum_i (t_im / T_m) [ln(t_im / t_i) - ln(T_m / T)], so that
 * sum_m share * score = M.  The score of a group absent everywhere is NULL.
 */
Datum
seg_local_scores(PG_FUNCTION_ARGS)
{
	SegMatrix  *m = segmatrix_from_datum(PG_GETARG_DATUM(0));
	TupleDesc	tupdesc;
	Tuplestorestate *store = seg_begin_materialize(fcinfo, &tupdesc);
	SegSparse	s;
	SegSum	   *score;

	seg_sparse_init(m, &s);
	score = palloc0(sizeof(SegSum) * Max(s.ngroups, 1));
	for (int u = 0; u < s.nunits; u++)
		for (int k = s.unit_start[u]; k < s.unit_start[u + 1]; k++)
		{
			int			g = s.cell_group[k];

			segsum_add(&score[g], (s.c[k] / s.g[g]) *
					   (seg_ln_share(s.c[k], s.r[k], s.t[u]) -
						seg_ln_share(s.g[g], s.o[g], s.T)));
		}
	for (int g = 0; g < s.ngroups; g++)
	{
		Datum		values[3];
		bool		nulls[3] = {false};
		bool		present = s.T > 0 && s.g[g] > 0;

		values[0] = CStringGetTextDatum(m->group_keys[g]);
		set_float(values, nulls, 1, s.T > 0, s.T > 0 ? seg_bounded(s.g[g] / s.T, 0, 1) : 0);
		set_float(values, nulls, 2, present,
				  present ? seg_bounded(segsum_get(&score[g]), 0, HUGE_VAL) : 0);
		tuplestore_putvalues(store, tupdesc, values, nulls);
	}
	return (Datum) 0;
}
