/*-------------------------------------------------------------------------
 *
 * indices.h
 *	  Shared pieces of the aspatial segregation measures (METHODOLOGY
 *	  section 2): group arguments and the two-group view of a SegMatrix.
 *
 * Conventions every measure follows (METHODOLOGY section 3):
 *	- units with no population contribute nothing;
 *	- a result that is undefined (no population, a group absent everywhere,
 *	  everyone in one group where the index divides by that) is reported by
 *	  returning false, and the SQL entry point returns NULL, never NaN;
 *	- groups with a zero total are ignored by the multigroup measures, so K
 *	  counts only the groups that occur.
 *
 *-------------------------------------------------------------------------
 */
#ifndef INDICES_H
#define INDICES_H

#include "segmatrix.h"

/*
 * Two-group view: for each unit the group of interest x_i and the rest y_i,
 * t_i = x_i + y_i.  "Rest" is either every other group of the table or one
 * second group (the table restricted to the pair).
 */
typedef struct SegTwo
{
	int			n;
	double	   *x;
	double	   *y;
	double	   *t;
	double		X;
	double		Y;
	double		T;
} SegTwo;

/* Index of the group named by argument argno (text or integer), or -1. */
extern int	seg_arg_group(FunctionCallInfo fcinfo, int argno, const SegMatrix *m);

/* Group g against all other groups of m. */
extern void seg_two_vs_rest(const SegMatrix *m, int g, SegTwo *s);

/* Group a against group b only; other groups are left out. */
extern void seg_two_pair(const SegMatrix *m, int a, int b, SegTwo *s);

/*
 * Sum over unit pairs of t_i t_j |p_i - p_j| (each unordered pair once),
 * p_i = x_i / t_i, in O(n log n) by sorting on p_i.  Units with t_i = 0
 * are skipped.
 */
extern double seg_gini_pairsum(int n, const double *x, const double *t);

/* Measures shared by the segtable functions and the row aggregates. */
extern bool seg_multi_dissimilarity(const SegMatrix *m, double *result);
extern bool seg_multi_entropy_index(const SegMatrix *m, double *result);
extern bool seg_multi_mutual_information(const SegMatrix *m, double *result);
extern bool seg_two_isolation(const SegTwo *s, double *result);

#endif							/* INDICES_H */
