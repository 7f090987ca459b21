/*-------------------------------------------------------------------------
 *
 * indexaggs.c
 *	  Convenience aggregates over rows: seg_dissimilarity, seg_entropy_index,
 *	  seg_mutual_information and seg_isolation straight from (unit, grp
 *	  [, weight]) rows, without an explicit segtable.
 *
 * They are the segtable() aggregate with a measure as final function: the
 * transition state, combine, serialize and deserialize functions are
 * segtable's, so these aggregates parallelize and their partial states are
 * the portable segtable bytes.
 *
 * Two families:
 *	- (unit, grp [, weight]) with a text or integer grp: the multigroup index
 *	  over all groups in the rows (with exactly two groups, the two-group
 *	  index; FILTER (WHERE grp IN (a, b)) picks a pair);
 *	- (unit, in_group boolean [, weight]): the rows where in_group is true
 *	  against the others.  An aggregate's final function cannot see a
 *	  constant argument, so the group of interest is spelled as a predicate.
 *	  seg_member_sfunc maps it to the integer group keys 1 (true) and 0
 *	  (false) and hands the row to segtable_sfunc.
 *
 *-------------------------------------------------------------------------
 */
#include "indices.h"
#include "segindex.h"

#include "catalog/pg_type.h"
#include "nodes/makefuncs.h"

/* segtable.c: the segtable() transition function (see segtable.h). */
extern PGDLLEXPORT Datum segtable_sfunc(PG_FUNCTION_ARGS);

PG_FUNCTION_INFO_V1(seg_member_sfunc);
PG_FUNCTION_INFO_V1(seg_dissimilarity_final);
PG_FUNCTION_INFO_V1(seg_entropy_index_final);
PG_FUNCTION_INFO_V1(seg_mutual_information_final);
PG_FUNCTION_INFO_V1(seg_member_isolation_final);

/* Group key that seg_member_sfunc gives rows whose in_group is true. */
#define MEMBER_KEY "1"

/*
 * segtable_sfunc reads the declared types of unit, grp and weight from its
 * call expression, so it gets one of its own that says (internal, unit's
 * type, bigint [, float8]); built once per call site.
 */
static FmgrInfo *
member_inner_flinfo(FunctionCallInfo fcinfo)
{
	FmgrInfo   *inner = (FmgrInfo *) fcinfo->flinfo->fn_extra;

	if (inner == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		List	   *args;

		args = list_make3(makeNullConst(INTERNALOID, -1, InvalidOid),
						  makeNullConst(seg_fn_argtype(fcinfo, 1),
										-1, InvalidOid),
						  makeNullConst(INT8OID, -1, InvalidOid));
		if (PG_NARGS() > 3)
			args = lappend(args, makeNullConst(FLOAT8OID, -1, InvalidOid));

		inner = palloc0(sizeof(FmgrInfo));
		inner->fn_addr = segtable_sfunc;
		inner->fn_oid = InvalidOid;
		inner->fn_nargs = PG_NARGS();
		inner->fn_strict = false;
		inner->fn_mcxt = fcinfo->flinfo->fn_mcxt;
		inner->fn_expr = (Node *) makeFuncExpr(InvalidOid, INTERNALOID, args,
											   InvalidOid, InvalidOid,
											   COERCE_EXPLICIT_CALL);
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = inner;
	}
	return inner;
}

/*
 * seg_member_sfunc(state, unit, in_group boolean [, weight]): segtable_sfunc
 * with in_group as group key 1 or 0; NULL in_group skips the row.  The
 * aggregate's context passes through, so the state lives where segtable's
 * own does.
 */
Datum
seg_member_sfunc(PG_FUNCTION_ARGS)
{
	FmgrInfo   *inner = member_inner_flinfo(fcinfo);
	LOCAL_FCINFO(call, 4);
	Datum		result;

	InitFunctionCallInfoData(*call, inner, PG_NARGS(), fcinfo->fncollation,
							 fcinfo->context, NULL);
	call->args[0] = fcinfo->args[0];
	call->args[1] = fcinfo->args[1];
	call->args[2].isnull = PG_ARGISNULL(2);
	call->args[2].value = PG_ARGISNULL(2) ? (Datum) 0 :
		Int64GetDatum(PG_GETARG_BOOL(2) ? 1 : 0);
	if (PG_NARGS() > 3)
		call->args[3] = fcinfo->args[3];

	result = FunctionCallInvoke(call);
	fcinfo->isnull = call->isnull;
	return result;
}

typedef bool (*StateMeasure) (const SegMatrix *m, double *result);

static Datum
final_multi(FunctionCallInfo fcinfo, StateMeasure f)
{
	double		result;

	if (PG_ARGISNULL(0) || !f(segmatrix_from_state(PG_GETARG_DATUM(0)), &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

Datum
seg_dissimilarity_final(PG_FUNCTION_ARGS)
{
	return final_multi(fcinfo, seg_multi_dissimilarity);
}

Datum
seg_entropy_index_final(PG_FUNCTION_ARGS)
{
	return final_multi(fcinfo, seg_multi_entropy_index);
}

Datum
seg_mutual_information_final(PG_FUNCTION_ARGS)
{
	return final_multi(fcinfo, seg_multi_mutual_information);
}

/*
 * The boolean forms of seg_dissimilarity and seg_entropy_index use the
 * finals above: with the two keys 1 and 0 the multigroup index is the
 * two-group one, and with no member rows (or no others) it is NULL.
 */
Datum
seg_member_isolation_final(PG_FUNCTION_ARGS)
{
	SegMatrix  *m;
	int			g;
	SegTwo		s;
	double		result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	m = segmatrix_from_state(PG_GETARG_DATUM(0));
	g = segmatrix_group_index(m, MEMBER_KEY);
	if (g < 0)
		PG_RETURN_NULL();
	seg_two_vs_rest(m, g, &s);
	if (!seg_two_isolation(&s, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}
