/*-------------------------------------------------------------------------
 *
 * segmatrix.h
 *	  The unit x group view of a segtable that every measure reads.
 *
 * A segtable value is stored sparsely (only non-zero cells).  Measures
 * read it as a SegMatrix: units and groups sorted by key (integer keys
 * numerically, text keys bytewise), the non-zero cells as compressed rows
 * (unit u's cells are cell_group/cell_count[unit_start[u] ..
 * unit_start[u + 1] - 1], group indexes increasing), margins precomputed
 * by plain summation in the counts' own scale (they can overflow to
 * Infinity for counts near DBL_MAX: the measures compute their own scaled,
 * compensated margins, see indices.h).  There is no dense units x groups
 * array: memory is O(units + groups + cells).  All memory is palloc'd in the
 * current memory context.
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
	int			ncells;			/* non-zero cells */
	int32	   *unit_start;		/* nunits + 1 offsets into the cell arrays */
	int32	   *cell_group;		/* group index of each cell */
	double	   *cell_count;		/* count of each cell, finite and > 0 */
	double	   *unit_totals;
	double	   *group_totals;
	double		total;
} SegMatrix;

/* Detoasts a segtable datum and expands it (implemented in segtable.c). */
extern SegMatrix *segmatrix_from_datum(Datum table);

/*
 * Expands the internal transition state of the segtable() aggregate, so
 * convenience aggregates can reuse its transition, combine and serial
 * functions with a measure as final function (implemented in segtable.c).
 */
extern SegMatrix *segmatrix_from_state(Datum state);

/*
 * Builds a canonical segtable datum from m's keys, kinds and compressed
 * rows (the margins are ignored).  Cells may be in any
 * order; zero cells are dropped, cells with the same (unit, group) are
 * summed, and counts must be finite and >= 0 (implemented in segtable.c).
 * Measures that produce tables (egohoods, bootstrap replicates) use it.
 */
extern Datum segmatrix_to_datum(const SegMatrix *m);

/*
 * Index of the group whose canonical key is key, or -1 if the table has no
 * such group (implemented in segtable.c).
 */
extern int	segmatrix_group_index(const SegMatrix *m, const char *key);

#endif							/* SEGMATRIX_H */
