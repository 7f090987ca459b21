/*-------------------------------------------------------------------------
 *
 * segmatrix.h
 *	  The dense unit x group view of a segtable that every measure reads.
 *
 * A segtable value is stored sparsely (only non-zero cells).  Measures
 * expand it once into a SegMatrix: units and groups sorted by key (integer
 * keys numerically, text keys bytewise), counts row-major, margins
 * precomputed.  All memory is palloc'd in the current memory context.
 *
 *-------------------------------------------------------------------------
 */
#ifndef SEGMATRIX_H
#define SEGMATRIX_H

#include "postgres.h"
#include "fmgr.h"

typedef enum SegKeyKind
{
	SEG_KEY_INT = 'i',			/* keys came from smallint/int/bigint */
	SEG_KEY_TEXT = 't'			/* keys came from text/varchar */
} SegKeyKind;

typedef struct SegMatrix
{
	int			nunits;
	int			ngroups;
	SegKeyKind	unit_kind;
	SegKeyKind	group_kind;
	char	  **unit_keys;		/* canonical text form, in key order */
	char	  **group_keys;
	double	   *counts;			/* nunits * ngroups, counts[u * ngroups + g] */
	double	   *unit_totals;
	double	   *group_totals;
	double		total;
} SegMatrix;

#define SEGMATRIX_CELL(m, u, g) ((m)->counts[(size_t) (u) * (m)->ngroups + (g)])

/* Detoasts a segtable datum and expands it (implemented in segtable.c). */
extern SegMatrix *segmatrix_from_datum(Datum table);

/*
 * Expands the internal transition state of the segtable() aggregate, so
 * convenience aggregates can reuse its transition, combine and serial
 * functions with a measure as final function (implemented in segtable.c).
 */
extern SegMatrix *segmatrix_from_state(Datum state);

/*
 * Index of the group whose canonical key is key, or -1 if the table has no
 * such group (implemented in segtable.c).
 */
extern int	segmatrix_group_index(const SegMatrix *m, const char *key);

#endif							/* SEGMATRIX_H */
