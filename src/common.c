/*-------------------------------------------------------------------------
 *
 * common.c
 *	  Argument validation shared by all segindex modules.
 *
 *-------------------------------------------------------------------------
 */
#include "segindex.h"

#include <math.h>

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/lsyscache.h"
#include "utils/tuplestore.h"

PG_MODULE_MAGIC;

void
seg_check_count(double value, const char *argname)
{
	if (!isfinite(value) || value < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" must be a finite, non-negative count", argname),
				 errdetail("Got %g.", value)));
}

void
seg_check_nonnegative(double value, const char *argname)
{
	if (!isfinite(value) || value < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" must be finite and non-negative", argname),
				 errdetail("Got %g.", value)));
}

void
seg_check_finite(double value, const char *argname)
{
	if (!isfinite(value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" must be finite", argname),
				 errdetail("Got %g.", value)));
}

void
seg_check_range(double value, double lo, double hi, const char *argname)
{
	if (!isfinite(value) || value < lo || value > hi)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("argument \"%s\" must be between %g and %g", argname, lo, hi),
				 errdetail("Got %g.", value)));
}

void
seg_corrupt_state(const char *what, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid serialized %s", what),
			 errdetail_internal("%s", detail)));
}

MemoryContext
seg_aggregate_context(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext context;

	if (!AggCheckCallContext(fcinfo, &context))
		elog(ERROR, "%s called in non-aggregate context", fname);
	return context;
}

/*
 * Transition functions built by fmgr_info() alone (OidFunctionCall, Citus's
 * worker_partial_agg) have no call expression, so get_fn_expr_argtype()
 * knows nothing; the function's own pg_proc entry still declares concrete
 * types.  Callers cache the answer in their fn_extra.
 */
Oid
seg_fn_argtype(FunctionCallInfo fcinfo, int argno)
{
	Oid			type = get_fn_expr_argtype(fcinfo->flinfo, argno);

	if (!OidIsValid(type) && OidIsValid(fcinfo->flinfo->fn_oid))
	{
		Oid		   *argtypes;
		int			nargs;

		get_func_signature(fcinfo->flinfo->fn_oid, &argtypes, &nargs);
		if (argno < nargs)
			type = argtypes[argno];
		pfree(argtypes);
	}
	return type;
}

/*
 * Sets up a materialize-mode set-returning call and returns its store;
 * *tupdesc receives the result row type.  Written by hand because
 * InitMaterializedSRF() exists only from PostgreSQL 15 on.
 */
Tuplestorestate *
seg_begin_materialize(FunctionCallInfo fcinfo, TupleDesc *tupdesc)
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
