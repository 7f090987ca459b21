/*-------------------------------------------------------------------------
 *
 * indices.h
 *	  Shared pieces of the aspatial segregation measures (METHODOLOGY
 *	  section 2): group arguments, the scaled sparse view of a SegMatrix
 *	  that every measure computes on, and the two-group view.
 *
 * Conventions every measure follows (METHODOLOGY section 3):
 *	- units with no population contribute nothing;
 *	- a result that is undefined (no population, a group absent everywhere,
 *	  everyone in one group where the index divides by that) is reported by
 *	  returning false, and the SQL entry point returns NULL, never NaN;
 *	- groups with a zero total are ignored by the multigroup measures, so K
 *	  counts only the groups that occur.
 *
 * Numerics (doc/indices.md, "Numerical behaviour"): every index is scale
 * invariant, so the counts are first multiplied by a power of two (exact)
 * that brings the largest cell to [1, 2), then everything is computed in
 * long double with compensated sums.  Differences such as 1 - pi_m or
 * t_i - t_im are never formed by subtraction: they are sums of the other
 * cells, so complete segregation gives exactly the bound.
 *
 *-------------------------------------------------------------------------
 */
#ifndef INDICES_H
#define INDICES_H

#include <math.h>

#include "segmatrix.h"

typedef long double segreal;

/* Neumaier-compensated running sum. */
typedef struct SegSum
{
	segreal		s;
	segreal		c;
} SegSum;

static inline void
segsum_add(SegSum *a, segreal v)
{
	segreal		t = a->s + v;

	if (fabsl(a->s) >= fabsl(v))
		a->c += (a->s - t) + v;
	else
		a->c += (v - t) + a->s;
	a->s = t;
}

static inline segreal
segsum_get(const SegSum *a)
{
	return a->s + a->c;
}

/*
 * Scaled compressed rows of a SegMatrix.  c[k] is cell k's count times
 * 2^scale_exp; r[k] = t_i - c[k] as the sum of the row's other cells;
 * t, g and T the margins; o[m] = T - g[m] as the sum of the other groups.
 */
typedef struct SegSparse
{
	int			nunits;
	int			ngroups;
	int			ncells;
	const int32 *unit_start;
	const int32 *cell_group;
	segreal    *c;
	segreal    *r;
	segreal    *t;
	segreal    *g;
	segreal    *o;
	segreal		T;
	int			k;				/* groups with g > 0 */
	int			populated;		/* units with t > 0 */
} SegSparse;

extern void seg_sparse_init(const SegMatrix *m, SegSparse *s);

/* ln(part / whole) with rest = whole - part, accurate when part ~ whole. */
extern segreal seg_ln_share(segreal part, segreal rest, segreal whole);

/*
 * Sums of a per-item weight over the items NOT in a member list, without
 * the cancellation of "total minus members": when the members hold more
 * than 1023/1024 of the total, the items are ranked by weight (once, on
 * first need) and the answer is a suffix sum minus the few members inside
 * it.  Otherwise total minus members loses at most 10 bits of long
 * double's 64, below double precision.
 */
typedef struct SegComplement
{
	int			n;
	const segreal *w;
	segreal		total;
	bool		ranked;
	int		   *pos;			/* item -> rank (0 = heaviest) */
	segreal    *w_by_rank;
	segreal    *suffix;			/* suffix[j] = sum of w at ranks >= j */
	int		   *scratch;
} SegComplement;

extern void seg_complement_init(SegComplement *cs, int n, const segreal *w);
extern segreal seg_complement_sum(SegComplement *cs, const int32 *items,
								  int nitems);

/*
 * Two-group view: for each unit the group of interest x_i and the rest y_i,
 * t_i = x_i + y_i, in the scaled domain of SegSparse.  "Rest" is either
 * every other group of the table or one second group (the table restricted
 * to the pair).
 */
typedef struct SegTwo
{
	int			n;
	segreal    *x;
	segreal    *y;
	segreal    *t;
	segreal		X;
	segreal		Y;
	segreal		T;
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
extern segreal seg_gini_pairsum(int n, const segreal *x, const segreal *t);

/* A finite result clamped to [lo, hi], the bounds the index guarantees. */
extern double seg_bounded(segreal v, double lo, double hi);

/* Measures shared by the segtable functions and the row aggregates. */
extern bool seg_multi_dissimilarity(const SegMatrix *m, double *result);
extern bool seg_multi_entropy_index(const SegMatrix *m, double *result);
extern bool seg_multi_mutual_information(const SegMatrix *m, double *result);
extern bool seg_two_isolation(const SegTwo *s, double *result);

#endif							/* INDICES_H */
