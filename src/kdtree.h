/*-------------------------------------------------------------------------
 *
 * kdtree.h
 *	  A static 2-d tree over unit centroids: radius queries and nearest-first
 *	  iteration (for k-nearest-population egohoods and k-nearest units).
 *
 * Memory is O(n): a permutation of the points and about 2n/KD_LEAF nodes.
 * Distances are hypot(dx, dy), so coordinates near the double range's ends
 * neither overflow nor underflow; exactly equal distances are reported as
 * equal, which the callers use to form tie blocks.
 *
 *-------------------------------------------------------------------------
 */
#ifndef KDTREE_H
#define KDTREE_H

#include "postgres.h"

typedef struct KdNode
{
	double		minx,
				maxx,
				miny,
				maxy;			/* bounding box of the node's points */
	int32		lo,
				hi;				/* the node's points: perm[lo .. hi - 1] */
	int32		left,
				right;			/* child nodes, -1 at a leaf */
} KdNode;

typedef struct KdTree
{
	int32		npoints;
	const double *x;			/* caller's coordinates, not copied */
	const double *y;
	int32	   *perm;			/* point indexes, grouped by node */
	KdNode	   *nodes;
	int32		nnodes;
} KdTree;

/* One point found by a query: its index and distance to the query point. */
typedef struct KdHit
{
	int32		point;
	double		dist;
} KdHit;

/* Builds a tree over points 0 .. n - 1 at (x[i], y[i]); x and y must outlive it. */
extern KdTree *kd_build(const double *x, const double *y, int32 n);

/*
 * Every point within distance r (inclusive) of (qx, qy), in no particular
 * order; *hits is (re)allocated as needed and its capacity kept in *cap.
 * Returns the number of hits.
 */
extern int32 kd_radius(const KdTree *t, double qx, double qy, double r,
					   KdHit **hits, int32 *cap);

/*
 * Nearest-first iteration (Hjaltason and Samet's incremental search):
 * kd_iter_next returns points in non-decreasing distance from the query
 * point, false when all have been returned.
 */
typedef struct KdIter KdIter;

extern KdIter *kd_iter_begin(const KdTree *t, double qx, double qy);
extern bool kd_iter_next(KdIter *it, KdHit *hit);
extern void kd_iter_end(KdIter *it);

/* Clears an iterator for a new query point, keeping its memory. */
extern void kd_iter_reset(KdIter *it, double qx, double qy);

#endif							/* KDTREE_H */
