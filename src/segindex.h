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

/* Errors out unless value is finite and >= 0; argname appears in the message. */
extern void seg_check_count(double value, const char *argname);

/* Errors out unless value is finite. */
extern void seg_check_finite(double value, const char *argname);

/* Errors out unless value is finite and within [lo, hi]. */
extern void seg_check_range(double value, double lo, double hi,
							const char *argname);

/* The aggregate memory context; errors out when not called as an aggregate. */
extern MemoryContext seg_aggregate_context(FunctionCallInfo fcinfo,
										   const char *fname);

/* Raises the standard error for a damaged serialized value of type what. */
extern void seg_corrupt_state(const char *what, const char *detail) pg_attribute_noreturn();

#endif							/* SEGINDEX_H */
