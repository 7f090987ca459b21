/*-------------------------------------------------------------------------
 *
 * egohood.c
 *	  Egohoods (METHODOLOGY section 4.7): a segtable whose every unit is
 *	  replaced by the population of its surroundings, so that any aspatial
 *	  index becomes a spatial one; and Folch and Rey's local relative
 *	  centralization over each unit's k nearest units.
 *
 * Neighbours come from a k-d tree over the centroids (kdtree.c): a radius
 * query per origin for kernel egohoods, nearest-first iteration for
 * k-nearest-population egohoods and k-nearest units.  Nothing is O(n^2):
 * work is O(n log n + sum of neighbourhood sizes), memory O(n + cells out).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "indices.h"
#include "kdtree.h"
#include "segindex.h"
#include "segspace.h"

PG_FUNCTION_INFO_V1(seg_egohood);
PG_FUNCTION_INFO_V1(seg_egohood_knn);
PG_FUNCTION_INFO_V1(seg_local_relative_centralization);

typedef enum EgoKernel
{
	KERNEL_TRIANGULAR,
	KERNEL_UNIFORM,
	KERNEL_QUADRATIC,
	KERNEL_QUARTIC,
	KERNEL_GAUSSIAN,
	KERNEL_BOXCAR,
	KERNEL_COSINE
} EgoKernel;

static const struct
{
	const char *name;
	EgoKernel	kernel;
}			kernel_names[] =
{
	{"triangular", KERNEL_TRIANGULAR},
	{"uniform", KERNEL_UNIFORM},
	{"quadratic", KERNEL_QUADRATIC},
	{"parabolic", KERNEL_QUADRATIC},
	{"quartic", KERNEL_QUARTIC},
	{"bisquare", KERNEL_QUARTIC},
	{"gaussian", KERNEL_GAUSSIAN},
	{"boxcar", KERNEL_BOXCAR},
	{"cosine", KERNEL_COSINE}
};

static EgoKernel
parse_kernel(const char *name)
{
	for (size_t i = 0; i < lengthof(kernel_names); i++)
		if (pg_strcasecmp(name, kernel_names[i].name) == 0)
			return kernel_names[i].kernel;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown kernel \"%s\"", name),
			 errhint("kernel must be one of triangular, uniform, quadratic, quartic, gaussian, boxcar, cosine.")));
	return KERNEL_TRIANGULAR;	/* keep the compiler quiet */
}

/*
 * k(z) for z = d / h in [0, 1], libpysal's constants (weights.Kernel and
 * the graph kernels boxcar and cosine).  boxcar is 1 strictly inside h.
 */
static double
kernel_weight(EgoKernel kernel, double z)
{
	switch (kernel)
	{
		case KERNEL_TRIANGULAR:
			return 1.0 - z;
		case KERNEL_UNIFORM:
			return 0.5;
		case KERNEL_QUADRATIC:
			return 0.75 * (1.0 - z * z);
		case KERNEL_QUARTIC:
			return (15.0 / 16.0) * (1.0 - z * z) * (1.0 - z * z);
		case KERNEL_GAUSSIAN:
			return exp(-z * z / 2.0) / sqrt(2.0 * M_PI);
		case KERNEL_BOXCAR:
			return z < 1.0 ? 1.0 : 0.0;
		case KERNEL_COSINE:
			return (M_PI / 4.0) * cos(M_PI * z / 2.0);
	}
	return 0;
}

/*
 * The table, its layout and a k-d tree over the centroids of the table's
 * units (layout-only units are empty: they add nothing to an egohood).
 */
typedef struct EgoInput
{
	SegMatrix  *m;
	SegSpace   *s;
	double	   *x;				/* centroid of table unit u */
	double	   *y;
	KdTree	   *tree;
} EgoInput;

static void
ego_input(FunctionCallInfo fcinfo, EgoInput *in, const char *fname)
{
	int32	   *map;

	in->m = segmatrix_from_datum(PG_GETARG_DATUM(0));
	in->s = segspace_from_datum(PG_GETARG_DATUM(1));
	segspace_require_projected(in->s, fname);
	map = segspace_match_units(in->s, in->m);
	in->x = palloc(sizeof(double) * Max(in->m->nunits, 1));
	in->y = palloc(sizeof(double) * Max(in->m->nunits, 1));
	for (int u = 0; u < in->m->nunits; u++)
	{
		in->x[u] = in->s->cx[map[u]];
		in->y[u] = in->s->cy[map[u]];
	}
	in->tree = kd_build(in->x, in->y, in->m->nunits);
}

/*
 * The output table: the input's keys with new compressed rows, built one
 * origin at a time from a dense per-group accumulator (only its touched
 * groups are visited, so an origin costs O(its neighbours' cells)).
 */
typedef struct EgoOut
{
	SegMatrix  *out;
	int32		cap;
	double	   *acc;			/* per group, zero between origins */
	int32	   *touched;
	int32		ntouched;
	bool		round;
} EgoOut;

static void
ego_out_begin(EgoOut *o, const SegMatrix *m, bool round)
{
	o->out = palloc0(sizeof(SegMatrix));
	*o->out = *m;
	o->out->ncells = 0;
	o->out->unit_start = palloc0(sizeof(int32) * (m->nunits + 1));
	o->cap = Max(m->ncells, 16);
	o->out->cell_group = palloc(sizeof(int32) * o->cap);
	o->out->cell_count = palloc(sizeof(double) * o->cap);
	o->acc = palloc0(sizeof(double) * Max(m->ngroups, 1));
	o->touched = palloc(sizeof(int32) * Max(m->ngroups, 1));
	o->ntouched = 0;
	o->round = round;
}

/* Adds w times unit v's row of m to the accumulator. */
static inline void
ego_add(EgoOut *o, const SegMatrix *m, int32 v, double w)
{
	if (!(w > 0))
		return;
	for (int32 c = m->unit_start[v]; c < m->unit_start[v + 1]; c++)
	{
		int32		g = m->cell_group[c];

		if (o->acc[g] == 0)
			o->touched[o->ntouched++] = g;
		o->acc[g] += w * m->cell_count[c];
		/* a sum that stays 0 (w * count underflowed) is touched again: harmless */
		if (o->acc[g] == 0)
			o->ntouched--;
	}
}

/* Closes origin u's row: moves the accumulator into the output cells. */
static void
ego_emit(EgoOut *o, int32 u)
{
	SegMatrix  *out = o->out;

	if (out->ncells + o->ntouched > o->cap)
	{
		o->cap = Max(o->cap * 2, out->ncells + o->ntouched);
		out->cell_group = repalloc_huge(out->cell_group, sizeof(int32) * (Size) o->cap);
		out->cell_count = repalloc_huge(out->cell_count, sizeof(double) * (Size) o->cap);
	}
	for (int32 i = 0; i < o->ntouched; i++)
	{
		int32		g = o->touched[i];
		double		c = o->round ? rint(o->acc[g]) : o->acc[g];

		if (isinf(c))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("egohood count out of range"),
					 errdetail("The egohood of unit \"%s\" exceeds the double range.",
							   out->unit_keys[u])));
		o->acc[g] = 0;
		if (c > 0)
		{
			out->cell_group[out->ncells] = g;
			out->cell_count[out->ncells] = c;
			out->ncells++;
		}
	}
	o->ntouched = 0;
	out->unit_start[u + 1] = out->ncells;
}

/*
 * seg_egohood(t, s, bandwidth, kernel, round): every populated unit's counts
 * replaced by sum_j K_ij t_jm over the units within bandwidth of its
 * centroid (inclusive), K_ii = 1, K_ij = k(d_ij / bandwidth).
 */
Datum
seg_egohood(PG_FUNCTION_ARGS)
{
	double		h = PG_GETARG_FLOAT8(2);
	EgoKernel	kernel = parse_kernel(text_to_cstring(PG_GETARG_TEXT_PP(3)));
	bool		round = PG_GETARG_BOOL(4);
	EgoInput	in;
	EgoOut		o;
	KdHit	   *hits = NULL;
	int32		cap = 0;

	if (!(h > 0) || isinf(h))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bandwidth must be a finite number > 0, got %g", h)));
	ego_input(fcinfo, &in, "seg_egohood");
	ego_out_begin(&o, in.m, round);
	for (int32 u = 0; u < in.m->nunits; u++)
	{
		int32		n;

		CHECK_FOR_INTERRUPTS();
		if (in.m->unit_totals[u] > 0)
		{
			n = kd_radius(in.tree, in.x[u], in.y[u], h, &hits, &cap);
			for (int32 i = 0; i < n; i++)
			{
				int32		v = hits[i].point;

				ego_add(&o, in.m, v, v == u ? 1.0 :
						kernel_weight(kernel, hits[i].dist / h));
			}
		}
		ego_emit(&o, u);
	}
	PG_RETURN_DATUM(segmatrix_to_datum(o.out));
}

/*
 * seg_egohood_knn(t, s, population): every populated unit's counts replaced
 * by those of the min(population, T) persons nearest to it: itself first
 * (fractionally if it alone holds more), then the other units by centroid
 * distance, a block of equally distant units sharing the remainder in
 * proportion to population.
 */
Datum
seg_egohood_knn(PG_FUNCTION_ARGS)
{
	double		k = PG_GETARG_FLOAT8(2);
	EgoInput	in;
	EgoOut		o;
	KdIter	   *it;
	int32	   *block = NULL;
	int32		blockcap = 0;

	if (!(k > 0) || isinf(k))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("population must be a finite number > 0, got %g", k)));
	ego_input(fcinfo, &in, "seg_egohood_knn");
	ego_out_begin(&o, in.m, false);
	it = kd_iter_begin(in.tree, 0, 0);
	for (int32 u = 0; u < in.m->nunits; u++)
	{
		double		tu = in.m->unit_totals[u];
		double		c;
		KdHit		hit;
		bool		more;

		CHECK_FOR_INTERRUPTS();
		if (!(tu > 0))
		{
			ego_emit(&o, u);
			continue;
		}
		ego_add(&o, in.m, u, tu <= k ? 1.0 : k / tu);
		c = Min(k, tu);
		kd_iter_reset(it, in.x[u], in.y[u]);
		more = kd_iter_next(it, &hit);
		while (more && c < k)
		{
			double		d = hit.dist;
			double		pb = 0;
			int32		nb = 0;
			double		w;

			/* gather the block of units at exactly distance d */
			for (; more && hit.dist == d; more = kd_iter_next(it, &hit))
			{
				if (hit.point == u)
					continue;
				if (nb == blockcap)
				{
					blockcap = Max(16, blockcap * 2);
					block = block ? repalloc(block, sizeof(int32) * blockcap)
						: palloc(sizeof(int32) * blockcap);
				}
				block[nb++] = hit.point;
				pb += in.m->unit_totals[hit.point];
			}
			if (!(pb > 0))
				continue;
			w = c + pb <= k ? 1.0 : (k - c) / pb;
			for (int32 i = 0; i < nb; i++)
				ego_add(&o, in.m, block[i], w);
			c = Min(k, c + pb);
		}
		/* min(k, T) > 0 persons whose counts all underflowed: no table holds them */
		if (o.ntouched == 0)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("population %g is too small for the counts of t: the egohood of unit \"%s\" underflows to zero",
							k, in.m->unit_keys[u]),
					 errhint("Scale the counts and population by the same power of two; no index changes.")));
		ego_emit(&o, u);
	}
	PG_RETURN_DATUM(segmatrix_to_datum(o.out));
}

/* A member of a local neighbourhood: layout unit and distance to the centre. */
typedef struct LrcMember
{
	int32		unit;
	double		dist;
} LrcMember;

static int
cmp_member(const void *a, const void *b)
{
	const LrcMember *ma = a;
	const LrcMember *mb = b;

	if (ma->dist != mb->dist)
		return ma->dist < mb->dist ? -1 : 1;
	return (ma->unit > mb->unit) - (ma->unit < mb->unit);
}

/*
 * RCE (METHODOLOGY section 4.4) over members sorted by distance: rings of
 * equal distance, sum_k (Xc_{k-1} Yc_k - Xc_k Yc_{k-1}) over cumulative
 * shares.  False when X or Y is 0.
 */
static bool
ring_rce(const LrcMember *mem, int32 n, const double *x, const double *y,
		 double *result)
{
	double		X = 0,
				Y = 0,
				cx = 0,
				cy = 0,
				prevx = 0,
				prevy = 0,
				rce = 0;

	for (int32 i = 0; i < n; i++)
	{
		X += x[mem[i].unit];
		Y += y[mem[i].unit];
	}
	if (!(X > 0) || !(Y > 0))
		return false;
	for (int32 i = 0; i < n; i++)
	{
		cx += x[mem[i].unit];
		cy += y[mem[i].unit];
		if (i + 1 < n && mem[i + 1].dist == mem[i].dist)
			continue;			/* the ring is not complete yet */
		rce += prevx * (cy / Y) - (cx / X) * prevy;
		prevx = cx / X;
		prevy = cy / Y;
	}
	*result = rce;
	return true;
}

/*
 * seg_local_relative_centralization(t, s, grp, k): per unit of t, RCE of
 * grp against the rest over the unit and its k nearest other layout units
 * (a tie at place k goes to the smaller key), centred on its centroid.
 * Layout units absent from t are empty neighbours.  Uses only the order of
 * distances, so any SRID is accepted.
 */
Datum
seg_local_relative_centralization(PG_FUNCTION_ARGS)
{
	SegMatrix  *m = segmatrix_from_datum(PG_GETARG_DATUM(0));
	SegSpace   *s = segspace_from_datum(PG_GETARG_DATUM(1));
	int			g = seg_arg_group(fcinfo, 2, m);
	int32		k = PG_GETARG_INT32(3);
	int32	   *map;
	double	   *x;
	double	   *y;
	KdTree	   *tree;
	KdIter	   *it;
	LrcMember  *mem;
	int32		memcap;
	TupleDesc	tupdesc;
	Tuplestorestate *store;

	if (k < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k must be at least 1, got %d", k)));
	map = segspace_match_units(s, m);
	store = seg_begin_materialize(fcinfo, &tupdesc);

	/* group and rest counts per layout unit (0 for layout-only units) */
	x = palloc0(sizeof(double) * Max(s->nunits, 1));
	y = palloc0(sizeof(double) * Max(s->nunits, 1));
	for (int32 u = 0; u < m->nunits; u++)
	{
		for (int32 c = m->unit_start[u]; c < m->unit_start[u + 1]; c++)
		{
			if (m->cell_group[c] == g)
				x[map[u]] += m->cell_count[c];
			else
				y[map[u]] += m->cell_count[c];
		}
	}

	tree = kd_build(s->cx, s->cy, s->nunits);
	it = kd_iter_begin(tree, 0, 0);
	memcap = Min(k, s->nunits) + 16;
	mem = palloc(sizeof(LrcMember) * memcap);
	for (int32 u = 0; u < m->nunits; u++)
	{
		int32		i = map[u];
		int32		n = 1;
		int32		others = 0;
		int32		first_at_kth = -1;
		double		kth = 0;
		KdHit		hit;
		Datum		values[2];
		bool		nulls[2] = {false, false};
		double		lrc;

		CHECK_FOR_INTERRUPTS();
		mem[0].unit = i;
		mem[0].dist = 0;
		kd_iter_reset(it, s->cx[i], s->cy[i]);
		while (kd_iter_next(it, &hit))
		{
			if (hit.point == i)
				continue;
			if (others >= k && hit.dist != kth)
				break;
			if (n == memcap)
			{
				memcap *= 2;
				mem = repalloc(mem, sizeof(LrcMember) * memcap);
			}
			mem[n].unit = hit.point;
			mem[n].dist = hit.dist;
			n++;
			others++;
			if (others == k)
				kth = hit.dist;
		}
		/* members at the k-th distance: sorted by key, the first ones kept */
		if (others > k)
		{
			for (first_at_kth = 1; mem[first_at_kth].dist != kth; first_at_kth++)
				;
			qsort(mem + first_at_kth, n - first_at_kth, sizeof(LrcMember), cmp_member);
			n = 1 + k;
		}
		/* the centre first; rings by distance (units on the centre join ring 1) */
		qsort(mem + 1, n - 1, sizeof(LrcMember), cmp_member);

		values[0] = CStringGetTextDatum(m->unit_keys[u]);
		if (g >= 0 && ring_rce(mem, n, x, y, &lrc))
			values[1] = Float8GetDatum(lrc);
		else
		{
			values[1] = (Datum) 0;
			nulls[1] = true;
		}
		tuplestore_putvalues(store, tupdesc, values, nulls);
	}
	return (Datum) 0;
}
