/*-------------------------------------------------------------------------
 *
 * segtable.h
 *	  The segtable value type: a sparse unit x group table of counts.
 *
 * One byte layout serves as the on-disk datum, the binary send/recv form
 * and the serialized transition state of every aggregate built on the
 * segtable() state, so stored values, COPY BINARY files and partial
 * aggregates exchanged between processes (or machines) are the same bytes.
 * All numbers are big-endian.  Format version 1:
 *
 *	 uint8	 version			1
 *	 uint8	 unit kind			'i' (integer keys) or 't' (text keys)
 *	 uint8	 group kind
 *	 uint8	 reserved			0
 *	 int32	 nunits
 *	 int32	 ngroups
 *	 int32	 ncells
 *	 unit keys, strictly increasing:
 *			 integer kind: int64 each
 *			 text kind: int32 byte length, then the bytes (database
 *			 encoding, no NUL), compared bytewise
 *	 group keys, likewise
 *	 for each unit in key order:
 *			 int32 cell count (>= 1)
 *			 that many (int32 group index, float8 count) pairs, group
 *			 indexes strictly increasing, counts finite and > 0
 *
 * The form is canonical: zero cells are never stored, every unit and every
 * group has at least one cell, and the empty table (no cells) has zero
 * units and groups and text kinds.  Readers verify all of this, so a
 * damaged value raises ERRCODE_INVALID_BINARY_REPRESENTATION.
 *
 * SQL-level transition machinery that other modules may reuse to build
 * convenience aggregates (their final function calls
 * segmatrix_from_state()):
 *	 segtable_sfunc(internal, unit, grp [, weight float8 [, ...]])
 *		 unit and grp may be declared as smallint, int, bigint or text; the
 *		 C function reads the declared types from the call expression;
 *		 a float8 fourth argument is the weight, further arguments are
 *		 ignored
 *	 segtable_combine(internal, internal)
 *	 segtable_serialize(internal) -> bytea
 *	 segtable_deserialize(bytea, internal)
 *
 *-------------------------------------------------------------------------
 */
#ifndef SEGTABLE_H
#define SEGTABLE_H

#include "segmatrix.h"

#define SEGTABLE_FORMAT_VERSION 1

#endif							/* SEGTABLE_H */
