/*-------------------------------------------------------------------------
 *
 * kdtree.c
 *	  A static 2-d tree over unit centroids (see kdtree.h).
 *
 *-------------------------------------------------------------------------
 */
#include "kdtree.h"

#include <math.h>

#define KD_LEAF 8				/* points per leaf */

/* a before b along coord; ties by index, so the tree is order independent */
static inline bool
coord_before(const double *coord, int32 a, int32 b)
{
	if (coord[a] != coord[b])
		return coord[a] < coord[b];
	return a < b;
}

static inline void
swap_int32(int32 *a, int32 *b)
{
	int32		t = *a;

	*a = *b;
	*b = t;
}

/*
 * Rearranges p[0 .. n - 1] so that p[k] is the element a full sort would put
 * there, with no later element before it and no earlier one after it
 * (Hoare's selection, median-of-three pivots): O(n) expected per level, so
 * the build is O(n log n).
 */
static void
select_kth(int32 *p, int32 n, int32 k, const double *coord)
{
	int32		lo = 0;
	int32		hi = n - 1;

	while (hi > lo)
	{
		int32		mid = lo + (hi - lo) / 2;
		int32		pivot;
		int32		i;
		int32		j;

		/* median of three into p[mid] */
		if (coord_before(coord, p[mid], p[lo]))
			swap_int32(&p[mid], &p[lo]);
		if (coord_before(coord, p[hi], p[lo]))
			swap_int32(&p[hi], &p[lo]);
		if (coord_before(coord, p[hi], p[mid]))
			swap_int32(&p[hi], &p[mid]);
		pivot = p[mid];
		i = lo;
		j = hi;
		while (i <= j)
		{
			while (coord_before(coord, p[i], pivot))
				i++;
			while (coord_before(coord, pivot, p[j]))
				j--;
			if (i <= j)
			{
				swap_int32(&p[i], &p[j]);
				i++;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return;
	}
}

/* Builds the node for perm[lo .. hi - 1]; returns its index. */
static int32
build_node(KdTree *t, int32 lo, int32 hi)
{
	int32		id = t->nnodes++;
	KdNode	   *nd = &t->nodes[id];
	const double *coord;
	int32		mid;
	int32		left;
	int32		right;

	nd->minx = nd->miny = INFINITY;
	nd->maxx = nd->maxy = -INFINITY;
	for (int32 i = lo; i < hi; i++)
	{
		int32		p = t->perm[i];

		nd->minx = Min(nd->minx, t->x[p]);
		nd->maxx = Max(nd->maxx, t->x[p]);
		nd->miny = Min(nd->miny, t->y[p]);
		nd->maxy = Max(nd->maxy, t->y[p]);
	}
	nd->lo = lo;
	nd->hi = hi;
	nd->left = nd->right = -1;
	if (hi - lo <= KD_LEAF)
		return id;

	/* split the wider side at the median (compared as differences: no overflow) */
	coord = (nd->maxx / 2 - nd->minx / 2 >= nd->maxy / 2 - nd->miny / 2) ? t->x : t->y;
	mid = lo + (hi - lo) / 2;
	select_kth(t->perm + lo, hi - lo, mid - lo, coord);
	left = build_node(t, lo, mid);
	right = build_node(t, mid, hi);
	/* t->nodes does not move: it was sized for the whole tree up front */
	t->nodes[id].left = left;
	t->nodes[id].right = right;
	return id;
}

KdTree *
kd_build(const double *x, const double *y, int32 n)
{
	KdTree	   *t = palloc0(sizeof(KdTree));
	/* only nodes above KD_LEAF points split, into halves: leaves hold >= 4 */
	int32		maxnodes = n / 2 + 4;

	t->npoints = n;
	t->x = x;
	t->y = y;
	t->perm = palloc(sizeof(int32) * Max(n, 1));
	for (int32 i = 0; i < n; i++)
		t->perm[i] = i;
	t->nodes = palloc(sizeof(KdNode) * maxnodes);
	if (n > 0)
		build_node(t, 0, n);
	return t;
}

/* Distance from (qx, qy) to the node's box: 0 inside it. */
static inline double
box_dist(const KdNode *nd, double qx, double qy)
{
	double		gx = qx < nd->minx ? nd->minx - qx : (qx > nd->maxx ? qx - nd->maxx : 0);
	double		gy = qy < nd->miny ? nd->miny - qy : (qy > nd->maxy ? qy - nd->maxy : 0);

	return hypot(gx, gy);
}

int32
kd_radius(const KdTree *t, double qx, double qy, double r,
		  KdHit **hits, int32 *cap)
{
	int32		stack[64];
	int32		depth = 0;
	int32		n = 0;

	if (t->nnodes == 0)
		return 0;
	stack[depth++] = 0;
	while (depth > 0)
	{
		const KdNode *nd = &t->nodes[stack[--depth]];

		if (box_dist(nd, qx, qy) > r)
			continue;
		if (nd->left >= 0)
		{
			/* depth is O(log n): 64 slots hold any int32 number of points */
			stack[depth++] = nd->left;
			stack[depth++] = nd->right;
			continue;
		}
		for (int32 i = nd->lo; i < nd->hi; i++)
		{
			int32		p = t->perm[i];
			double		d = hypot(t->x[p] - qx, t->y[p] - qy);

			if (!(d <= r))
				continue;
			if (n == *cap)
			{
				*cap = Max(64, *cap * 2);
				*hits = *hits ? repalloc(*hits, sizeof(KdHit) * *cap)
					: palloc(sizeof(KdHit) * *cap);
			}
			(*hits)[n].point = p;
			(*hits)[n].dist = d;
			n++;
		}
	}
	return n;
}

/* A heap entry: a node (by its box distance) or a point (by its distance). */
typedef struct KdEntry
{
	double		key;
	int32		id;
	bool		is_node;
} KdEntry;

struct KdIter
{
	const KdTree *t;
	double		qx,
				qy;
	KdEntry    *heap;
	int32		n;
	int32		cap;
};

/* a before b: nearer first; at equal keys nodes first, so a tie block is whole */
static inline bool
entry_before(const KdEntry *a, const KdEntry *b)
{
	if (a->key != b->key)
		return a->key < b->key;
	return a->is_node && !b->is_node;
}

static void
heap_push(KdIter *it, double key, int32 id, bool is_node)
{
	int32		i;

	if (it->n == it->cap)
	{
		it->cap *= 2;
		it->heap = repalloc(it->heap, sizeof(KdEntry) * it->cap);
	}
	i = it->n++;
	it->heap[i].key = key;
	it->heap[i].id = id;
	it->heap[i].is_node = is_node;
	while (i > 0)
	{
		int32		parent = (i - 1) / 2;
		KdEntry		tmp;

		if (!entry_before(&it->heap[i], &it->heap[parent]))
			break;
		tmp = it->heap[i];
		it->heap[i] = it->heap[parent];
		it->heap[parent] = tmp;
		i = parent;
	}
}

static KdEntry
heap_pop(KdIter *it)
{
	KdEntry		top = it->heap[0];
	int32		i = 0;

	it->heap[0] = it->heap[--it->n];
	for (;;)
	{
		int32		l = 2 * i + 1;
		int32		r = l + 1;
		int32		best = i;
		KdEntry		tmp;

		if (l < it->n && entry_before(&it->heap[l], &it->heap[best]))
			best = l;
		if (r < it->n && entry_before(&it->heap[r], &it->heap[best]))
			best = r;
		if (best == i)
			break;
		tmp = it->heap[i];
		it->heap[i] = it->heap[best];
		it->heap[best] = tmp;
		i = best;
	}
	return top;
}

void
kd_iter_reset(KdIter *it, double qx, double qy)
{
	it->qx = qx;
	it->qy = qy;
	it->n = 0;
	if (it->t->nnodes > 0)
		heap_push(it, box_dist(&it->t->nodes[0], qx, qy), 0, true);
}

KdIter *
kd_iter_begin(const KdTree *t, double qx, double qy)
{
	KdIter	   *it = palloc(sizeof(KdIter));

	it->t = t;
	it->cap = 64;
	it->heap = palloc(sizeof(KdEntry) * it->cap);
	kd_iter_reset(it, qx, qy);
	return it;
}

bool
kd_iter_next(KdIter *it, KdHit *hit)
{
	while (it->n > 0)
	{
		KdEntry		e = heap_pop(it);
		const KdNode *nd;

		if (!e.is_node)
		{
			hit->point = e.id;
			hit->dist = e.key;
			return true;
		}
		nd = &it->t->nodes[e.id];
		if (nd->left >= 0)
		{
			heap_push(it, box_dist(&it->t->nodes[nd->left], it->qx, it->qy), nd->left, true);
			heap_push(it, box_dist(&it->t->nodes[nd->right], it->qx, it->qy), nd->right, true);
			continue;
		}
		for (int32 i = nd->lo; i < nd->hi; i++)
		{
			int32		p = it->t->perm[i];

			heap_push(it, hypot(it->t->x[p] - it->qx, it->t->y[p] - it->qy), p, false);
		}
	}
	return false;
}

void
kd_iter_end(KdIter *it)
{
	pfree(it->heap);
	pfree(it);
}
