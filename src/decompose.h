/*-------------------------------------------------------------------------
 *
 * decompose.h
 *	  Mutual information of compressed rows, shared by the decomposition,
 *	  difference and inference modules (METHODOLOGY section 6).
 *
 * These read only the compressed rows of a table (unit_start, cell_group,
 * cell_count), so memory and time grow with the non-zero cells.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DECOMPOSE_H
#define DECOMPOSE_H

#include "segmatrix.h"

/*
 * M (natural logs) and the entropy E of the group margin of the table
 * given by compressed rows; groups are 0 .. ngroups - 1.  Margins are
 * computed here from the cells.  Returns false when the total is not
 * positive (M undefined).  M is clamped to >= 0 against rounding.
 */
extern bool seg_rows_mutual(int nunits, int ngroups, const int32 *unit_start,
							const int32 *cell_group, const double *cell_count,
							double *m, double *e);

/* The same for a SegMatrix (its compressed rows only). */
extern bool seg_matrix_mutual(const SegMatrix *t, double *m, double *e);

#endif							/* DECOMPOSE_H */
