/*-------------------------------------------------------------------------
 *
 * seg_fncall_test.c
 *	  Test harness (not part of segindex): a transition function that calls
 *	  another transition function through fmgr_info() alone, without a call
 *	  expression, passing the aggregate context on.  This is what Citus's
 *	  worker_partial_agg_sfunc and any OidFunctionCall-style caller do; the
 *	  called function must then find its argument types in pg_proc.
 *
 *	  seg_fncall_sfunc(state internal, fn regprocedure, arg1 "any", ...)
 *	  calls fn(state, arg1, ...).  The arguments must already have fn's
 *	  declared types (or fn declares "any"), checked so that a wrong test
 *	  cannot hand a datum of one type to code expecting another.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(seg_fncall_sfunc);

#define MAX_INNER_ARGS 4

typedef struct InnerCall
{
	Oid			fn;
	FmgrInfo	flinfo;			/* from fmgr_info_cxt: fn_expr stays NULL */
} InnerCall;

static InnerCall *
inner_call(FunctionCallInfo fcinfo, Oid fn)
{
	InnerCall  *in = (InnerCall *) fcinfo->flinfo->fn_extra;
	Oid		   *argtypes;
	int			nargs;

	if (in != NULL && in->fn == fn)
		return in;

	get_func_signature(fn, &argtypes, &nargs);
	if (nargs != PG_NARGS() - 1 || nargs > MAX_INNER_ARGS || argtypes[0] != INTERNALOID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"fn\" must take (internal, ...) with %d arguments",
						PG_NARGS() - 1)));
	for (int i = 1; i < nargs; i++)
	{
		Oid			given = get_fn_expr_argtype(fcinfo->flinfo, i + 1);

		if (argtypes[i] != ANYOID && given != argtypes[i])
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("argument %d has type %s, %s declares %s", i + 1,
							format_type_be(given), format_procedure(fn),
							format_type_be(argtypes[i]))));
	}

	in = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(InnerCall));
	in->fn = fn;
	fmgr_info_cxt(fn, &in->flinfo, fcinfo->flinfo->fn_mcxt);
	Assert(in->flinfo.fn_expr == NULL);
	fcinfo->flinfo->fn_extra = in;
	return in;
}

Datum
seg_fncall_sfunc(PG_FUNCTION_ARGS)
{
	InnerCall  *in;
	LOCAL_FCINFO(call, MAX_INNER_ARGS);
	int			nargs = PG_NARGS() - 1;
	Datum		result;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("argument \"fn\" must not be null")));
	in = inner_call(fcinfo, PG_GETARG_OID(1));

	InitFunctionCallInfoData(*call, &in->flinfo, nargs, fcinfo->fncollation,
							 fcinfo->context, NULL);
	call->args[0] = fcinfo->args[0];
	for (int i = 1; i < nargs; i++)
		call->args[i] = fcinfo->args[i + 1];
	result = FunctionCallInvoke(call);
	if (call->isnull)
		PG_RETURN_NULL();
	return result;
}
