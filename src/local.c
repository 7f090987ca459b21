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

#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

PG_FUNCTION_INFO_V1(seg_local);
PG_FUNCTION_INFO_V1(seg_local_scores);

/*
 * Materialize-mode set up by hand: InitMaterializedSRF() exists only from
 * PostgreSQL 15 on.
 */
static Tuplestorestate *
begin_materialize(FunctionCallInfo fcinfo, TupleDesc *tupdesc)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext old;
	Tuplestorestate *store;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		!(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	if (get_call_result_type(fcinfo, NULL, tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");

	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	*tupdesc = CreateTupleDescCopy(*tupdesc);
	store = tuplestore_begin_heap(rsinfo->allowedModes & SFRM_Materialize_Random,
								  false, work_mem);
	MemoryContextSwitchTo(old);

	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	rsinfo->setDesc = *tupdesc;
	return store;
}

/* Float8 datum, or NULL when the value is undefined. */
static void
set_float(Datum *values, bool *nulls, int col, bool defined, double v)
{
	values[col] = defined ? Float8GetDatum(v) : (Datum) 0;
	nulls[col] = !defined;
}

/*
 * seg_local(t, normalized): one row per unit and group, in key order:
 * (unit, grp, count, share, location_quotient, local_entropy).
 * share = pi_im, location_quotient = pi_im / pi_m and local_entropy = E_i
 * (or E_i / ln K), the last repeated on every row of the unit.  Undefined
 * values (unit without population, group absent everywhere, normalizing
 * with one group) are NULL.
 */
Datum
seg_local(PG_FUNCTION_ARGS)
{
	SegMatrix  *m = segmatrix_from_datum(PG_GETARG_DATUM(0));
	bool		normalized = PG_GETARG_BOOL(1);
	TupleDesc	tupdesc;
	Tuplestorestate *store = begin_materialize(fcinfo, &tupdesc);
	int			k = 0;

	for (int g = 0; g < m->ngroups; g++)
		if (m->group_totals[g] > 0)
			k++;

	for (int u = 0; u < m->nunits; u++)
	{
		double		ti = m->unit_totals[u];
		bool		populated = ti > 0;
		double		entropy = 0;
		bool		entropy_defined = populated && (!normalized || k >= 2);

		for (int g = 0; populated && g < m->ngroups; g++)
		{
			double		c = SEGMATRIX_CELL(m, u, g);

			if (c > 0)
				entropy -= (c / ti) * log(c / ti);
		}
		if (entropy_defined && normalized)
			entropy /= log(k);

		for (int g = 0; g < m->ngroups; g++)
		{
			Datum		values[6];
			bool		nulls[6] = {false};
			double		c = SEGMATRIX_CELL(m, u, g);
			double		share = populated ? c / ti : 0;
			bool		group_present = m->group_totals[g] > 0;

			values[0] = CStringGetTextDatum(m->unit_keys[u]);
			values[1] = CStringGetTextDatum(m->group_keys[g]);
			values[2] = Float8GetDatum(c);
			set_float(values, nulls, 3, populated, share);
			set_float(values, nulls, 4, populated && group_present,
					  group_present ? share / (m->group_totals[g] / m->total) : 0);
			set_float(values, nulls, 5, entropy_defined, entropy);
			tuplestore_putvalues(store, tupdesc, values, nulls);
		}
	}
	return (Datum) 0;
}

/*
 * seg_local_scores(t): one row per group: (grp, share, score) with
 * share = p_.m and score ls_m = sum_i p(i|m) ln(p(i|m) / p_i.), so that
 * sum_m share * score = M.  The score of a group absent everywhere is NULL.
 */
Datum
seg_local_scores(PG_FUNCTION_ARGS)
{
	SegMatrix  *m = segmatrix_from_datum(PG_GETARG_DATUM(0));
	TupleDesc	tupdesc;
	Tuplestorestate *store = begin_materialize(fcinfo, &tupdesc);

	for (int g = 0; g < m->ngroups; g++)
	{
		Datum		values[3];
		bool		nulls[3] = {false};
		double		tg = m->group_totals[g];
		bool		present = m->total > 0 && tg > 0;
		double		score = 0;

		for (int u = 0; present && u < m->nunits; u++)
		{
			double		c = SEGMATRIX_CELL(m, u, g);

			if (c > 0)
				score += (c / tg) * log((c * m->total) / (tg * m->unit_totals[u]));
		}
		values[0] = CStringGetTextDatum(m->group_keys[g]);
		set_float(values, nulls, 1, m->total > 0, m->total > 0 ? tg / m->total : 0);
		set_float(values, nulls, 2, present, Max(score, 0.0));
		tuplestore_putvalues(store, tupdesc, values, nulls);
	}
	return (Datum) 0;
}
