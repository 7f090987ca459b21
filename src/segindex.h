/*-------------------------------------------------------------------------
 *
 * segindex.h
 *	  Declarations shared by all segindex modules: argument validation and
 *	  the conventions of the portable serialization format.
 *
 * Every value segindex serializes starts with a one-byte format version and
 * stores numbers in network byte order (pq_send* / pq_getmsg*), so states
 * and stored values can cross machines of different endianness.
 *
 *-------------------------------------------------------------------------
 */
#ifndef SEGINDEX_H
#define SEGINDEX_H

#include "postgres.h"
#include "fmgr.h"
#include "access/tupdesc.h"

/* Errors out unless value is finite and >= 0; argname appears in the message. */
extern void seg_check_count(double value, const char *argname);

/* Errors out unless value is finite and >= 0 (a non-count quantity). */
extern void seg_check_nonnegative(double value, const char *argname);

/* Errors out unless value is finite. */
extern void seg_check_finite(double value, const char *argname);

/* Errors out unless value is finite and within [lo, hi]. */
extern void seg_check_range(double value, double lo, double hi,
							const char *argname);

/* The aggregate memory context; errors out when not called as an aggregate. */
extern MemoryContext seg_aggregate_context(FunctionCallInfo fcinfo,
										   const char *fname);

/*
 * Declared type of argument argno: from the call expression, else from the
 * function's pg_proc entry (calls without an expression); InvalidOid if
 * neither says.  A polymorphic declaration comes back as declared.
 */
extern Oid	seg_fn_argtype(FunctionCallInfo fcinfo, int argno);

/* Materialize-mode set-up of a set-returning function (common.c). */
extern struct Tuplestorestate *seg_begin_materialize(FunctionCallInfo fcinfo,
													 TupleDesc *tupdesc);

/* Raises the standard error for a damaged serialized value of type what. */
extern void seg_corrupt_state(const char *what, const char *detail) pg_attribute_noreturn();

/*
 * Compensated sum: value = s + c, where c collects the rounding error of
 * every addition exactly (Knuth's branch-free TwoSum; the branchy
 * Fast2Sum/Neumaier form mispredicts on deviations of either sign).
 */
typedef struct CompSum
{
	double		s;
	double		c;
} CompSum;

static inline void
compsum_add(CompSum *sum, double x)
{
	double		t = sum->s + x;
	double		bp = t - sum->s;

	sum->c += (sum->s - (t - bp)) + (x - bp);
	sum->s = t;
}

static inline double
compsum_value(const CompSum *sum)
{
	return sum->s + sum->c;
}

static inline void
compsum_merge(CompSum *sum, const CompSum *other)
{
	compsum_add(sum, other->s);
	compsum_add(sum, other->c);
}

#endif							/* SEGINDEX_H */
