/*-------------------------------------------------------------------------
 *
 * spatial.c
 *	  Spatial single-group segregation measures of a segtable over a
 *	  segspace (METHODOLOGY sections 4.2 to 4.6): Delta, concentration,
 *	  centralization, the proximity family and contiguity-adjusted
 *	  dissimilarity.
 *
 * Every measure reads the group x_i and the rest y_i of each layout unit
 * (units of the layout absent from the table are empty, t_i = 0).  Counts,
 * areas, coordinates and the distance unit are rescaled by powers of two
 * before any product is formed, which is exact and keeps results the same
 * for counts near 1e-300 or 1e300 and denormals.  Undefined results (0/0)
 * return NULL, never NaN.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "indices.h"
#include "segindex.h"
#include "segspace.h"

PG_FUNCTION_INFO_V1(seg_delta_sp);
PG_FUNCTION_INFO_V1(seg_absolute_concentration_sp);
PG_FUNCTION_INFO_V1(seg_relative_concentration_sp);
PG_FUNCTION_INFO_V1(seg_centralization_sp);
PG_FUNCTION_INFO_V1(seg_absolute_clustering_sp);
PG_FUNCTION_INFO_V1(seg_relative_clustering_sp);
PG_FUNCTION_INFO_V1(seg_spatial_proximity_sp);
PG_FUNCTION_INFO_V1(seg_distance_decay_isolation_sp);
PG_FUNCTION_INFO_V1(seg_distance_decay_exposure_sp);
PG_FUNCTION_INFO_V1(seg_spatial_dissimilarity_sp);
PG_FUNCTION_INFO_V1(seg_boundary_dissimilarity_sp);
PG_FUNCTION_INFO_V1(seg_perimeter_area_dissimilarity_sp);

/* The group and the rest of every layout unit, counts rescaled. */
typedef struct SpData
{
	SegSpace   *s;
	int			n;
	double	   *x;
	double	   *y;
	double	   *t;
	double		X;
	double		Y;
	double		T;
} SpData;

static double
csum(const double *v, int n)
{
	CompSum		c = {0, 0};

	for (int i = 0; i < n; i++)
		compsum_add(&c, v[i]);
	return compsum_value(&c);
}

/*
 * Exponent e with max|v| * 2^-e in [0.5, 1); 0 when v is all zero.  Values
 * are rescaled with ldexp(v, -e): 2^-e alone overflows for denormals.
 */
static int
pow2_exp(double maxabs)
{
	int			e;

	if (maxabs == 0 || !isfinite(maxabs))
		return 0;
	(void) frexp(maxabs, &e);
	return e;
}

/*
 * Loads arguments 0 (segtable), 1 (segspace) and 2 (group).  Returns false
 * when the result is NULL: a NULL argument or a group absent from the table.
 */
static bool
sp_load(FunctionCallInfo fcinfo, SpData *d)
{
	SegMatrix  *m;
	int32	   *match;
	int			g;
	double		maxt = 0;
	int			e;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return false;
	m = segmatrix_from_datum(PG_GETARG_DATUM(0));
	d->s = segspace_from_datum(PG_GETARG_DATUM(1));
	d->n = d->s->nunits;
	match = segspace_match_units(d->s, m);
	g = seg_arg_group(fcinfo, 2, m);
	if (g < 0)
		return false;
	d->x = palloc0(sizeof(double) * Max(d->n, 1));
	d->y = palloc0(sizeof(double) * Max(d->n, 1));
	d->t = palloc0(sizeof(double) * Max(d->n, 1));
	for (int u = 0; u < m->nunits; u++)
	{
		int32		i = match[u];

		for (int32 c = m->unit_start[u]; c < m->unit_start[u + 1]; c++)
		{
			if (m->cell_group[c] == g)
				d->x[i] += m->cell_count[c];
			else
				d->y[i] += m->cell_count[c];
		}
		maxt = Max(maxt, d->x[i] + d->y[i]);
		maxt = Max(maxt, Max(d->x[i], d->y[i]));
	}
	e = pow2_exp(maxt);
	for (int i = 0; i < d->n; i++)
	{
		d->x[i] = ldexp(d->x[i], -e);
		d->y[i] = ldexp(d->y[i], -e);
		d->t[i] = d->x[i] + d->y[i];
	}
	d->X = csum(d->x, d->n);
	d->Y = csum(d->y, d->n);
	d->T = csum(d->t, d->n);
	return true;
}

/* Areas rescaled by a power of two (the measures use ratios of areas). */
static double *
scaled_areas(const SegSpace *s)
{
	double	   *a = palloc(sizeof(double) * Max(s->nunits, 1));
	double		mx = 0;
	int			e;

	for (int i = 0; i < s->nunits; i++)
		mx = Max(mx, s->area[i]);
	e = pow2_exp(mx);
	for (int i = 0; i < s->nunits; i++)
		a[i] = ldexp(s->area[i], -e);
	return a;
}

static Datum
result_or_null(FunctionCallInfo fcinfo, bool ok, double v)
{
	if (!ok || isnan(v) || isinf(v))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v);
}

/* ------------------------------------------------------------- Delta */

Datum
seg_delta_sp(PG_FUNCTION_ARGS)
{
	SpData		d;
	double	   *a;
	double		A;
	CompSum		sum = {0, 0};

	if (!sp_load(fcinfo, &d))
		PG_RETURN_NULL();
	a = scaled_areas(d.s);
	A = csum(a, d.n);
	if (d.X <= 0 || A <= 0)
		PG_RETURN_NULL();
	for (int i = 0; i < d.n; i++)
		compsum_add(&sum, fabs(d.x[i] / d.X - a[i] / A));
	return result_or_null(fcinfo, true, 0.5 * compsum_value(&sum));
}

/* ---------------------------------------------------- concentration */

static const double *sort_key;

static int
idx_cmp(const void *pa, const void *pb)
{
	int			ia = *(const int *) pa,
				ib = *(const int *) pb;

	if (sort_key[ia] != sort_key[ib])
		return sort_key[ia] < sort_key[ib] ? -1 : 1;
	return (ia > ib) - (ia < ib);
}

/* Unit indexes sorted by key ascending (ties by index; callers use blocks). */
static int *
sorted_by(const double *key, int n)
{
	int		   *ord = palloc(sizeof(int) * Max(n, 1));

	for (int i = 0; i < n; i++)
		ord[i] = i;
	sort_key = key;
	qsort(ord, n, sizeof(int), idx_cmp);
	return ord;
}

/*
 * Tie tolerance: keys within TIE_TOL relative of each other are treated as
 * equal.  Areas and centroids come from PostGIS (ST_Area, ST_Centroid) with
 * a few ulps (2^-52) of rounding, which depends on the coordinates' scale;
 * 2^-40 leaves a margin of 2^12 over that rounding yet is far below any
 * real difference between units (1e-12 relative).  See doc/spatial.md.
 */
#define TIE_TOL		0x1p-40

/*
 * Block starts of the sorted keys: brk[k] is true when sorted position k
 * begins a new block, i.e. key[ord[k]] exceeds its predecessor by more than
 * TIE_TOL * max(|key|, scale); brk[n] is true.  Comparing neighbours (single
 * linkage) gives the same blocks read from either end.
 */
static bool *
tie_breaks(const double *key, const int *ord, int n, double scale)
{
	bool	   *brk = palloc(sizeof(bool) * (n + 1));

	for (int k = 0; k < n; k++)
	{
		double		lo = k > 0 ? key[ord[k - 1]] : 0,
					hi = key[ord[k]];

		brk[k] = k == 0 ||
			!(hi - lo <= TIE_TOL * Max(Max(fabs(lo), fabs(hi)), scale));
	}
	brk[n] = true;
	return brk;
}

/*
 * Areas of each tie block set to the block's smallest member, so every
 * later sum sees exactly equal areas within a block.  Returns the breaks.
 */
static bool *
tie_areas(double *a, const int *ord, int n)
{
	bool	   *brk = tie_breaks(a, ord, n, 0);
	double		rep = 0;

	for (int k = 0; k < n; k++)
	{
		if (brk[k])
			rep = a[ord[k]];
		a[ord[k]] = rep;
	}
	return brk;
}

/*
 * m = sum t_i a_i / sum t_i over the fewest whole tie blocks (brk), from
 * the smallest area (ascending) or the largest, with sum t_i >= Z.
 */
static bool
concentration_mean(const SpData *d, const double *a, const int *ord,
				   const bool *brk, bool from_largest, double Z, double *m)
{
	CompSum		st = {0, 0},
				sta = {0, 0};
	int			n = d->n;
	int			k = 0;

	while (k < n)
	{
		int			j = k;

		/* the whole block: until the next block start read in this direction */
		do
		{
			int			i = ord[from_largest ? n - 1 - j : j];

			compsum_add(&st, d->t[i]);
			compsum_add(&sta, d->t[i] * a[i]);
			j++;
		} while (j < n && !brk[from_largest ? n - j : j]);
		k = j;
		if (compsum_value(&st) >= Z)
			break;
	}
	if (compsum_value(&st) <= 0)
		return false;
	*m = compsum_value(&sta) / compsum_value(&st);
	return true;
}

/*
 * m1 = m2 makes ACO and RCO 0/0.  With tied areas made exactly equal, a
 * true m1 = m2 (e.g. one populated block) can only differ by the rounding of
 * the two means, so it is tested with the tie tolerance.
 */
static bool
means_equal(double m1, double m2)
{
	return fabs(m2 - m1) <= TIE_TOL * Max(fabs(m1), fabs(m2));
}

static double
weighted_area_mean(const double *v, double V, const double *a, int n)
{
	CompSum		s = {0, 0};

	for (int i = 0; i < n; i++)
		compsum_add(&s, v[i] * a[i]);
	return compsum_value(&s) / V;
}

Datum
seg_absolute_concentration_sp(PG_FUNCTION_ARGS)
{
	SpData		d;
	double	   *a;
	int		   *ord;
	bool	   *brk;
	double		m1,
				m2,
				mx;

	if (!sp_load(fcinfo, &d))
		PG_RETURN_NULL();
	if (d.X <= 0)
		PG_RETURN_NULL();
	a = scaled_areas(d.s);
	ord = sorted_by(a, d.n);
	brk = tie_areas(a, ord, d.n);
	if (!concentration_mean(&d, a, ord, brk, false, d.X, &m1) ||
		!concentration_mean(&d, a, ord, brk, true, d.X, &m2) ||
		means_equal(m1, m2))
		PG_RETURN_NULL();
	mx = weighted_area_mean(d.x, d.X, a, d.n);
	return result_or_null(fcinfo, true, 1 - (mx - m1) / (m2 - m1));
}

Datum
seg_relative_concentration_sp(PG_FUNCTION_ARGS)
{
	SpData		d;
	double	   *a;
	int		   *ord;
	bool	   *brk;
	double		m1,
				m2,
				mx,
				my;
	char	   *variant;
	bool		pysal;

	if (PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("seg_relative_concentration: argument \"variant\" must not be NULL")));
	variant = text_to_cstring(PG_GETARG_TEXT_PP(3));
	if (strcmp(variant, "massey_denton") == 0)
		pysal = false;
	else if (strcmp(variant, "pysal") == 0)
		pysal = true;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("seg_relative_concentration: argument \"variant\" must be 'massey_denton' or 'pysal', not \"%s\"",
						variant)));
	if (!sp_load(fcinfo, &d))
		PG_RETURN_NULL();
	if (d.X <= 0 || d.Y <= 0)
		PG_RETURN_NULL();
	a = scaled_areas(d.s);
	ord = sorted_by(a, d.n);
	brk = tie_areas(a, ord, d.n);
	if (!concentration_mean(&d, a, ord, brk, false, d.X, &m1) ||
		!concentration_mean(&d, a, ord, brk, true, pysal ? d.X : d.Y, &m2) ||
		means_equal(m1, m2) || m2 == 0)
		PG_RETURN_NULL();
	mx = weighted_area_mean(d.x, d.X, a, d.n);
	my = weighted_area_mean(d.y, d.Y, a, d.n);
	if (my == 0)
		PG_RETURN_NULL();
	return result_or_null(fcinfo, true, (mx / my - 1) / (m1 / m2 - 1));
}

/* ---------------------------------------------------- centralization */

/* Float8 array contents (no NULLs), or NULL for a NULL argument. */
static double *
float8_arg(FunctionCallInfo fcinfo, int argno, int *n, const char *fname,
		   const char *argname)
{
	ArrayType  *arr;

	if (PG_ARGISNULL(argno))
	{
		*n = 0;
		return NULL;
	}
	arr = PG_GETARG_ARRAYTYPE_P(argno);
	if (ARR_NDIM(arr) > 1 || ARR_HASNULL(arr) || ARR_ELEMTYPE(arr) != FLOAT8OID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: argument \"%s\" must be a one-dimensional float8 array without NULLs",
						fname, argname)));
	*n = ARR_NDIM(arr) == 0 ? 0 : ARR_DIMS(arr)[0];
	return (double *) ARR_DATA_PTR(arr);
}

/*
 * seg_centralization_sp(t, s, grp, relative bool, xs float8[], ys float8[],
 * center_srid int, center_ok bool): the SQL wrappers turn the center
 * geometry into its point coordinates (NULL arrays = no center given).
 */
Datum
seg_centralization_sp(PG_FUNCTION_ARGS)
{
	const char *fname;
	bool		relative = PG_GETARG_BOOL(3);
	SpData		d;
	int			np,
				npy;
	double	   *px,
			   *py;
	double	   *a,
			   *r;
	double		A,
				cx0 = 0,
				cy0 = 0,
				cmax = 0;
	int			ce;
	int		   *ord;
	bool	   *brk;
	double		res;
	CompSum		sum = {0, 0},
				cx = {0, 0},
				cw = {0, 0};
	double		prevX = 0,
				prevW = 0;
	const double *w;
	double		W;

	fname = relative ? "seg_relative_centralization" : "seg_absolute_centralization";
	px = float8_arg(fcinfo, 4, &np, fname, "center");
	py = float8_arg(fcinfo, 5, &npy, fname, "center");
	if (!PG_ARGISNULL(4) && (!PG_GETARG_BOOL(7) || np == 0 || np != npy))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: argument \"center\" must be a non-empty POINT or MULTIPOINT",
						fname)));
	if (!sp_load(fcinfo, &d))
		PG_RETURN_NULL();
	if (px != NULL && PG_GETARG_INT32(6) != d.s->srid)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: argument \"center\" has SRID %d but the segspace has SRID %d",
						fname, PG_GETARG_INT32(6), d.s->srid)));
	for (int k = 0; k < np; k++)
		if (!isfinite(px[k]) || !isfinite(py[k]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s: argument \"center\" has non-finite coordinates", fname)));
	if (d.X <= 0 || (relative && d.Y <= 0))
		PG_RETURN_NULL();

	/* coordinates scaled by a power of two so differences cannot overflow */
	for (int i = 0; i < d.n; i++)
		cmax = Max(cmax, Max(fabs(d.s->cx[i]), fabs(d.s->cy[i])));
	for (int k = 0; k < np; k++)
		cmax = Max(cmax, Max(fabs(px[k]), fabs(py[k])));
	ce = pow2_exp(cmax);
	if (px == NULL)
	{
		CompSum		sx = {0, 0},
					sy = {0, 0};

		for (int i = 0; i < d.n; i++)
		{
			compsum_add(&sx, ldexp(d.s->cx[i], -ce));
			compsum_add(&sy, ldexp(d.s->cy[i], -ce));
		}
		cx0 = compsum_value(&sx) / d.n;
		cy0 = compsum_value(&sy) / d.n;
	}
	r = palloc(sizeof(double) * Max(d.n, 1));
	for (int i = 0; i < d.n; i++)
	{
		double		ux = ldexp(d.s->cx[i], -ce),
					uy = ldexp(d.s->cy[i], -ce);

		/* coordinates are scaled to at most 1: the squares cannot overflow */
		if (px == NULL)
			r[i] = sqrt((ux - cx0) * (ux - cx0) + (uy - cy0) * (uy - cy0));
		else
		{
			r[i] = INFINITY;
			for (int k = 0; k < np; k++)
			{
				double		dx = ux - ldexp(px[k], -ce),
							dy = uy - ldexp(py[k], -ce);

				r[i] = Min(r[i], sqrt(dx * dx + dy * dy));
			}
		}
	}
	a = scaled_areas(d.s);
	A = csum(a, d.n);
	w = relative ? d.y : a;
	W = relative ? d.Y : A;
	if (W <= 0)
		PG_RETURN_NULL();
	ord = sorted_by(r, d.n);

	/*
	 * One ring: distances tied within TIE_TOL of the coordinates' scale (a
	 * centroid's rounding is relative to its coordinates, not to r).
	 */
	brk = tie_breaks(r, ord, d.n, ldexp(cmax, -ce));
	for (int k = 0; k < d.n;)
	{
		int			j = k;
		double		curX,
					curW;

		do
		{
			compsum_add(&cx, d.x[ord[j]]);
			compsum_add(&cw, w[ord[j]]);
			j++;
		} while (!brk[j]);
		k = j;
		curX = compsum_value(&cx) / d.X;
		curW = compsum_value(&cw) / W;
		compsum_add(&sum, prevX * curW);
		compsum_add(&sum, -curX * prevW);
		prevX = curX;
		prevW = curW;
	}
	/* a shoelace sum of a path in the unit square: |sum| <= 1; clamp rounding */
	res = compsum_value(&sum);
	if (fabs(res) > 1)
		res = copysign(1, res);
	return result_or_null(fcinfo, true, res);
}

/* --------------------------------------------------- proximity family */

typedef enum ProxVariant
{
	PROX_MASSEY_DENTON,
	PROX_PYSAL,
	PROX_ROOK,
	PROX_QUEEN
} ProxVariant;

typedef enum ProxMeasure
{
	PROX_ACL,
	PROX_RCL,
	PROX_SP,
	PROX_DPXX,
	PROX_DPXY
} ProxMeasure;

/* Row sums of the proximity matrix against x and y, and its total. */
typedef struct ProxSums
{
	double	   *rx;				/* sum_j c_ij x_j */
	double	   *ry;				/* sum_j c_ij y_j */
	double	   *colsum;			/* sum_i c_ij ('pysal' RCL) */
	double		csum;			/* sum_ij c_ij */
} ProxSums;

static ProxVariant
prox_variant(FunctionCallInfo fcinfo, const char *fname)
{
	char	   *v;

	if (PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: argument \"variant\" must not be NULL", fname)));
	v = text_to_cstring(PG_GETARG_TEXT_PP(3));
	if (strcmp(v, "massey_denton") == 0)
		return PROX_MASSEY_DENTON;
	if (strcmp(v, "pysal") == 0)
		return PROX_PYSAL;
	if (strcmp(v, "rook") == 0)
		return PROX_ROOK;
	if (strcmp(v, "queen") == 0)
		return PROX_QUEEN;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: argument \"variant\" must be 'massey_denton', 'pysal', 'rook' or 'queen', not \"%s\"",
					fname, v)));
	pg_unreachable();
}

/* Centroids and the distance unit scaled by one power of two. */
static void
scaled_coords(const SegSpace *s, double u, double **ux, double **uy,
			  double *us, int *exp2)
{
	double		mx = fabs(u);
	int			e;

	*ux = palloc(sizeof(double) * Max(s->nunits, 1));
	*uy = palloc(sizeof(double) * Max(s->nunits, 1));
	for (int i = 0; i < s->nunits; i++)
		mx = Max(mx, Max(fabs(s->cx[i]), fabs(s->cy[i])));
	e = pow2_exp(mx);
	for (int i = 0; i < s->nunits; i++)
	{
		(*ux)[i] = ldexp(s->cx[i], -e);
		(*uy)[i] = ldexp(s->cy[i], -e);
	}
	*us = ldexp(u, -e);
	*exp2 = e;
}

/*
 * One O(n^2) pass for the textbook decay or two for 'pysal' (S_j first);
 * O(edges) for contiguity.  Memory O(n).  No distance cut-off: DPxx and
 * DPxy normalise each row, so when every c_ij of a row is tiny (units
 * large against distance_unit) the far terms are not negligible.
 */
static void
prox_sums(const SpData *d, ProxVariant v, double u, ProxSums *ps)
{
	const SegSpace *s = d->s;
	int			n = d->n;
	CompSum		total = {0, 0};

	ps->rx = palloc0(sizeof(double) * Max(n, 1));
	ps->ry = palloc0(sizeof(double) * Max(n, 1));
	ps->colsum = palloc0(sizeof(double) * Max(n, 1));

	if (v == PROX_ROOK || v == PROX_QUEEN)
	{
		for (int i = 0; i < n; i++)
		{
			double		c = 1;	/* the diagonal */

			ps->rx[i] = d->x[i];
			ps->ry[i] = d->y[i];
			for (int32 e = s->edge_start[i]; e < s->edge_start[i + 1]; e++)
			{
				int32		j = s->edge_unit[e];

				if (v == PROX_ROOK && !(s->edge_flags[e] & SEG_EDGE_ROOK))
					continue;
				ps->rx[i] += d->x[j];
				ps->ry[i] += d->y[j];
				c += 1;
			}
			ps->colsum[i] = c;	/* symmetric */
			compsum_add(&total, c);
		}
		ps->csum = compsum_value(&total);
		return;
	}
	else
	{
		double	   *ux,
				   *uy,
					us;
		int			ce;
		double	   *S = NULL;

		scaled_coords(s, u, &ux, &uy, &us, &ce);
		if (v == PROX_MASSEY_DENTON)
		{
			/*
			 * c is symmetric: each unordered pair once, plain sums in the
			 * inner loop (all terms are >= 0, so no cancellation).
			 */
			double		inv = 1.0 / us;

			for (int i = 0; i < n; i++)
			{
				double		xi = d->x[i],
							yi = d->y[i],
							cxi = ux[i],
							cyi = uy[i],
							rxi,
							ryi,
							rc,
							cii = exp(-sqrt(0.6 * ldexp(s->area[i], -2 * ce)) * inv);

				CHECK_FOR_INTERRUPTS();
				rxi = cii * xi;
				ryi = cii * yi;
				rc = 0;
				for (int j = i + 1; j < n; j++)
				{
					double		dx = cxi - ux[j],
								dy = cyi - uy[j],
								c = exp(-sqrt(dx * dx + dy * dy) * inv);

					rxi += c * d->x[j];
					ryi += c * d->y[j];
					ps->rx[j] += c * xi;
					ps->ry[j] += c * yi;
					rc += c;
				}
				ps->rx[i] += rxi;
				ps->ry[i] += ryi;
				compsum_add(&total, cii + 2 * rc);
			}
			ps->csum = compsum_value(&total);
			return;
		}
		/* 'pysal': S_j = sum_k d_jk first */
		S = palloc0(sizeof(double) * Max(n, 1));
		for (int j = 0; j < n; j++)
		{
			CompSum		sj = {0, 0};

			CHECK_FOR_INTERRUPTS();
			for (int k = 0; k < n; k++)
				compsum_add(&sj, hypot(ux[j] - ux[k], uy[j] - uy[k]));
			S[j] = compsum_value(&sj);
		}
		for (int i = 0; i < n; i++)
		{
			CompSum		rx = {0, 0},
						ry = {0, 0},
						rc = {0, 0};

			CHECK_FOR_INTERRUPTS();
			for (int j = 0; j < n; j++)
			{
				double		c;

				if (v == PROX_PYSAL)
				{
					if (i == j)
						c = -expm1(-sqrt(0.6 * s->area[i]));
					else
						c = S[j] > 0 ? -expm1(-hypot(ux[i] - ux[j], uy[i] - uy[j]) / S[j]) : 0;
				}
				else
				{
					double		dij;

					if (i == j)
						dij = sqrt(0.6 * ldexp(s->area[i], -2 * ce));
					else
						dij = hypot(ux[i] - ux[j], uy[i] - uy[j]);
					c = exp(-dij / us);
				}
				compsum_add(&rx, c * d->x[j]);
				compsum_add(&ry, c * d->y[j]);
				compsum_add(&rc, c);
				ps->colsum[j] += c;
			}
			ps->rx[i] = compsum_value(&rx);
			ps->ry[i] = compsum_value(&ry);
			compsum_add(&total, compsum_value(&rc));
		}
		ps->csum = compsum_value(&total);
		if (S)
			pfree(S);
	}
}

/* PySAL's DPxx/DPxy: sum_i (x_i/X) sum_j c_ij v_j / s_j, s_j a row sum. */
static double
pysal_dp(const SpData *d, const ProxSums *ps, const double *v)
{
	const SegSpace *s = d->s;
	int			n = d->n;
	double	   *ux,
			   *uy,
				us;
	int			ce;
	double	   *S = palloc0(sizeof(double) * Max(n, 1));
	CompSum		out = {0, 0};

	/* d_ij / S_j is scale-free, so any power-of-two scale will do */
	scaled_coords(s, 1, &ux, &uy, &us, &ce);
	for (int j = 0; j < n; j++)
	{
		CompSum		sj = {0, 0};

		for (int k = 0; k < n; k++)
			compsum_add(&sj, hypot(ux[j] - ux[k], uy[j] - uy[k]));
		S[j] = compsum_value(&sj);
	}
	for (int i = 0; i < n; i++)
	{
		CompSum		r = {0, 0};

		CHECK_FOR_INTERRUPTS();
		if (d->x[i] == 0)
			continue;
		for (int j = 0; j < n; j++)
		{
			double		c,
						sj = ps->rx[j] + ps->ry[j];

			if (sj <= 0 || v[j] == 0)
				continue;
			if (i == j)
				c = -expm1(-sqrt(0.6 * s->area[i]));
			else
				c = S[j] > 0 ? -expm1(-hypot(ux[i] - ux[j], uy[i] - uy[j]) / S[j]) : 0;
			compsum_add(&r, c * v[j] / sj);
		}
		compsum_add(&out, d->x[i] / d->X * compsum_value(&r));
	}
	return compsum_value(&out);
}

static Datum
proximity_measure(FunctionCallInfo fcinfo, ProxMeasure which, const char *fname)
{
	ProxVariant v = prox_variant(fcinfo, fname);
	double		u;
	SpData		d;
	ProxSums	ps;
	int			n;
	double		result;

	if (PG_ARGISNULL(4))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: argument \"distance_unit\" must not be NULL", fname)));
	u = PG_GETARG_FLOAT8(4);
	if (!(u > 0) || isinf(u))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: argument \"distance_unit\" must be finite and > 0", fname)));
	if (!sp_load(fcinfo, &d))
		PG_RETURN_NULL();
	if (v == PROX_MASSEY_DENTON || v == PROX_PYSAL)
		segspace_require_projected(d.s, fname);
	n = d.n;
	if (d.X <= 0 || n == 0)
		PG_RETURN_NULL();
	prox_sums(&d, v, u, &ps);

	switch (which)
	{
		case PROX_ACL:
			{
				CompSum		num = {0, 0},
							den = {0, 0};
				double		base = d.X / ((double) n * n) * ps.csum;

				for (int i = 0; i < n; i++)
				{
					compsum_add(&num, d.x[i] / d.X * ps.rx[i]);
					compsum_add(&den, d.x[i] / d.X * (ps.rx[i] + ps.ry[i]));
				}
				compsum_add(&num, -base);
				compsum_add(&den, -base);
				if (compsum_value(&den) == 0)
					PG_RETURN_NULL();
				result = compsum_value(&num) / compsum_value(&den);
				break;
			}
		case PROX_SP:
		case PROX_RCL:
			{
				CompSum		pxx = {0, 0},
							pyy = {0, 0},
							ptt = {0, 0};
				double		Pxx,
							Pyy,
							Ptt;

				if (d.Y <= 0)
					PG_RETURN_NULL();
				for (int i = 0; i < n; i++)
				{
					if (which == PROX_RCL && v == PROX_PYSAL)
					{
						/* PySAL's elementwise x_j^2 C_j (METHODOLOGY 4.5) */
						compsum_add(&pxx, d.x[i] * d.x[i] * ps.colsum[i]);
						compsum_add(&pyy, d.y[i] * d.y[i] * ps.colsum[i]);
						continue;
					}
					compsum_add(&pxx, d.x[i] * ps.rx[i]);
					compsum_add(&pyy, d.y[i] * ps.ry[i]);
					compsum_add(&ptt, d.t[i] * (ps.rx[i] + ps.ry[i]));
				}
				Pxx = compsum_value(&pxx) / d.X / d.X;
				Pyy = compsum_value(&pyy) / d.Y / d.Y;
				if (which == PROX_RCL)
				{
					if (Pyy == 0)
						PG_RETURN_NULL();
					result = Pxx / Pyy - 1;
				}
				else
				{
					Ptt = compsum_value(&ptt) / d.T / d.T;
					if (Ptt == 0)
						PG_RETURN_NULL();
					result = (d.X / d.T * Pxx + d.Y / d.T * Pyy) / Ptt;
				}
				break;
			}
		case PROX_DPXX:
		case PROX_DPXY:
			{
				CompSum		out = {0, 0};

				if (v == PROX_PYSAL)
				{
					result = pysal_dp(&d, &ps, which == PROX_DPXX ? d.x : d.y);
					break;
				}
				for (int i = 0; i < n; i++)
				{
					double		si = ps.rx[i] + ps.ry[i];

					if (si <= 0 || d.x[i] == 0)
						continue;
					compsum_add(&out, d.x[i] / d.X *
								((which == PROX_DPXX ? ps.rx[i] : ps.ry[i]) / si));
				}
				result = compsum_value(&out);
				break;
			}
		default:
			elog(ERROR, "unknown proximity measure");
	}
	return result_or_null(fcinfo, true, result);
}

Datum
seg_absolute_clustering_sp(PG_FUNCTION_ARGS)
{
	return proximity_measure(fcinfo, PROX_ACL, "seg_absolute_clustering");
}

Datum
seg_relative_clustering_sp(PG_FUNCTION_ARGS)
{
	return proximity_measure(fcinfo, PROX_RCL, "seg_relative_clustering");
}

Datum
seg_spatial_proximity_sp(PG_FUNCTION_ARGS)
{
	return proximity_measure(fcinfo, PROX_SP, "seg_spatial_proximity");
}

Datum
seg_distance_decay_isolation_sp(PG_FUNCTION_ARGS)
{
	return proximity_measure(fcinfo, PROX_DPXX, "seg_distance_decay_isolation");
}

Datum
seg_distance_decay_exposure_sp(PG_FUNCTION_ARGS)
{
	return proximity_measure(fcinfo, PROX_DPXY, "seg_distance_decay_exposure");
}

/* ------------------------------------ contiguity-adjusted dissimilarity */

typedef enum AdjKind
{
	ADJ_MORRILL,
	ADJ_WONG_W,
	ADJ_WONG_S
} AdjKind;

/*
 * D minus the contiguity term.  Empty units and their edges are left out;
 * weights are 1 (Morrill, queen) or the shared length (Wong).
 */
static Datum
adjusted_dissimilarity(FunctionCallInfo fcinfo, AdjKind kind, bool standardize)
{
	SpData		d;
	const SegSpace *s;
	double	   *p;
	double	   *pa = NULL;
	double		pamax = 0;
	int			le = 0;
	CompSum		D = {0, 0},
				num = {0, 0},
				den = {0, 0};
	int			nprime = 0;

	if (!sp_load(fcinfo, &d))
		PG_RETURN_NULL();
	if (d.X <= 0 || d.Y <= 0)
		PG_RETURN_NULL();
	s = d.s;
	p = palloc(sizeof(double) * Max(d.n, 1));
	for (int i = 0; i < d.n; i++)
	{
		p[i] = d.t[i] > 0 ? d.x[i] / d.t[i] : 0;
		compsum_add(&D, fabs(d.x[i] / d.X - d.y[i] / d.Y));
	}
	if (kind != ADJ_MORRILL)
	{
		double		mx = 0;

		for (int32 e = 0; e < s->edge_start[d.n]; e++)
			mx = Max(mx, s->edge_length[e]);
		le = pow2_exp(mx);
	}
	if (kind == ADJ_WONG_S)
	{
		pa = palloc(sizeof(double) * Max(d.n, 1));
		for (int i = 0; i < d.n; i++)
		{
			/* P/a in a scaled length unit: l * (P/a) stays scale-free */
			pa[i] = s->area[i] > 0 ?
				ldexp(s->perimeter[i], -le) / ldexp(s->area[i], -2 * le) : 0;
			if (d.t[i] > 0)
				pamax = Max(pamax, pa[i]);
		}
		if (!(pamax > 0) || isinf(pamax))
			PG_RETURN_NULL();
	}
	for (int i = 0; i < d.n; i++)
	{
		CompSum		rn = {0, 0},
					rw = {0, 0};

		if (d.t[i] <= 0)
			continue;
		for (int32 e = s->edge_start[i]; e < s->edge_start[i + 1]; e++)
		{
			int32		j = s->edge_unit[e];
			double		w,
						term;

			if (d.t[j] <= 0)
				continue;
			w = kind == ADJ_MORRILL ? 1.0 : ldexp(s->edge_length[e], -le);
			if (w <= 0)
				continue;
			term = w * fabs(p[i] - p[j]);
			if (kind == ADJ_WONG_S)
				term *= (pa[i] + pa[j]) / (2 * pamax);
			compsum_add(&rn, term);
			compsum_add(&rw, w);
		}
		if (compsum_value(&rw) <= 0)
			continue;			/* an island */
		nprime++;
		if (standardize)
			compsum_add(&num, compsum_value(&rn) / compsum_value(&rw));
		else
		{
			compsum_add(&num, compsum_value(&rn));
			compsum_add(&den, compsum_value(&rw));
		}
	}
	if (nprime == 0)
		PG_RETURN_NULL();
	return result_or_null(fcinfo, true,
						  0.5 * compsum_value(&D) -
						  compsum_value(&num) /
						  (standardize ? (double) nprime : compsum_value(&den)));
}

static bool
bool_arg(FunctionCallInfo fcinfo, int argno, const char *fname, const char *argname)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: argument \"%s\" must not be NULL", fname, argname)));
	return PG_GETARG_BOOL(argno);
}

Datum
seg_spatial_dissimilarity_sp(PG_FUNCTION_ARGS)
{
	return adjusted_dissimilarity(fcinfo, ADJ_MORRILL,
								  bool_arg(fcinfo, 3, "seg_spatial_dissimilarity", "standardize"));
}

Datum
seg_boundary_dissimilarity_sp(PG_FUNCTION_ARGS)
{
	return adjusted_dissimilarity(fcinfo, ADJ_WONG_W,
								  bool_arg(fcinfo, 3, "seg_boundary_dissimilarity", "standardize"));
}

Datum
seg_perimeter_area_dissimilarity_sp(PG_FUNCTION_ARGS)
{
	return adjusted_dissimilarity(fcinfo, ADJ_WONG_S, false);
}
