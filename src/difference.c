/*-------------------------------------------------------------------------
 *
 * difference.c
 *	  Decomposition of the difference M(t2) - M(t1) (METHODOLOGY section
 *	  6.3; Elbers 2023; peer: R segregation's mutual_difference, ipf).
 *
 * diff = additions + removals + group_marginal + unit_marginal + structural.
 * The common support (common groups, then units with people of a common
 * group in both tables, then the groups recomputed on those units once)
 * splits off additions = M(B) - M(B_r) and removals = M(A_r) - M(A); the
 * rest, M(B_r) - M(A_r), is split by Shapley (IPF of each table to the
 * other's margins) or by Mora and Ruiz-Castillo's closed form.
 *
 * IPF is sparse: it runs over the union of the non-zero cells of A_r and
 * B_r, so memory grows with the non-zero cells.  R fills every zero cell of
 * the dense common table with a small value; here only the cells that are
 * zero in the seed table but non-zero in the other one are filled, with
 * 1e-10 times the least positive count of the seed (cells zero in both
 * stay zero: IPF never makes a zero cell non-zero, and the other table's
 * margins are reachable on the union support).  The fill moves M by about
 * 1e-10 at most.  IPF works on proportions and stops when every margin is
 * within precision (relative) of its target; 10,000 iterations without
 * that is an error, never a half-converged value.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>
#include <stdlib.h>

#include "decompose.h"
#include "segindex.h"

#include "funcapi.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(seg_mutual_information_difference);

#define IPF_MAX_ITER 10000
#define IPF_FILL 1e-10

/* Compares two canonical keys of the same kind in key order. */
static int
key_cmp(SegKeyKind kind, const char *a, const char *b)
{
	if (kind == SEG_KEY_INT)
	{
		long long	x = strtoll(a, NULL, 10);
		long long	y = strtoll(b, NULL, 10);

		return (x > y) - (x < y);
	}
	return strcmp(a, b);
}

/*
 * Merge-joins two sorted key lists: map_a[i] = j when a's key i equals b's
 * key j, else -1.
 */
static void
join_keys(SegKeyKind kind, int na, char **ka, int nb, char **kb, int *map_a)
{
	int			i = 0,
				j = 0;

	for (int k = 0; k < na; k++)
		map_a[k] = -1;
	while (i < na && j < nb)
	{
		int			c = key_cmp(kind, ka[i], kb[j]);

		if (c == 0)
			map_a[i++] = j++;
		else if (c < 0)
			i++;
		else
			j++;
	}
}

/* A table restricted to the common support, as compressed rows. */
typedef struct Rows
{
	int32	   *start;			/* ncu + 1 */
	int32	   *group;
	double	   *count;
} Rows;

/* The cells of t in the common units/groups, renumbered. */
static void
restrict_rows(const SegMatrix *t, int ncu, const int *cu_unit,
			  const int *gnew, Rows *r)
{
	int			n = 0;

	r->start = palloc(sizeof(int32) * (ncu + 1));
	r->group = palloc(sizeof(int32) * Max(t->ncells, 1));
	r->count = palloc(sizeof(double) * Max(t->ncells, 1));
	for (int k = 0; k < ncu; k++)
	{
		int			u = cu_unit[k];

		r->start[k] = n;
		for (int c = t->unit_start[u]; c < t->unit_start[u + 1]; c++)
			if (gnew[t->cell_group[c]] >= 0)
			{
				r->group[n] = gnew[t->cell_group[c]];
				r->count[n++] = t->cell_count[c];
			}
	}
	r->start[ncu] = n;
}

/* Proportional margins of rows r (units nu, groups ng). */
static void
row_margins(const Rows *r, int nu, int ng, double *row, double *col)
{
	CompSum		total = {0, 0};
	double		n;

	memset(col, 0, sizeof(double) * ng);
	for (int u = 0; u < nu; u++)
	{
		row[u] = 0;
		for (int c = r->start[u]; c < r->start[u + 1]; c++)
		{
			row[u] += r->count[c];
			col[r->group[c]] += r->count[c];
			compsum_add(&total, r->count[c]);
		}
	}
	n = compsum_value(&total);
	for (int u = 0; u < nu; u++)
		row[u] /= n;
	for (int g = 0; g < ng; g++)
		col[g] /= n;
}

/* Scale factor to move a margin from cur to target. */
static inline double
ipf_factor(double target, double cur)
{
	if (target == 0)
		return 0;
	if (!(cur > 0))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("seg_mutual_information_difference: iterative proportional fitting cannot reach the target margins"),
				 errdetail("A margin is zero on the common support of both tables.")));
	return target / cur;
}

static bool
margin_ok(double target, double cur, double precision)
{
	if (target == 0)
		return cur == 0;
	return fabs(cur / target - 1) <= precision;
}

/*
 * IPF of seed (cells on the union support s) to group margin col_t and unit
 * margin row_t (proportions); returns M of the fitted table.
 */
static double
ipf_mutual(const Rows *s, int nu, int ng, const double *seed,
		   const double *col_t, const double *row_t, double precision)
{
	int			ncells = s->start[nu];
	double	   *q = palloc(sizeof(double) * Max(ncells, 1));
	double	   *row = palloc(sizeof(double) * Max(nu, 1));
	double	   *col = palloc(sizeof(double) * Max(ng, 1));
	CompSum		total = {0, 0};
	double		n, m, e;
	int			iter;

	for (int c = 0; c < ncells; c++)
		compsum_add(&total, seed[c]);
	n = compsum_value(&total);
	for (int c = 0; c < ncells; c++)
		q[c] = seed[c] / n;
	for (iter = 0; iter < IPF_MAX_ITER; iter++)
	{
		bool		ok = true;

		/* groups first, then units, then back to a total of 1 */
		memset(col, 0, sizeof(double) * ng);
		for (int c = 0; c < ncells; c++)
			col[s->group[c]] += q[c];
		for (int g = 0; g < ng; g++)
			col[g] = ipf_factor(col_t[g], col[g]);
		for (int c = 0; c < ncells; c++)
			q[c] *= col[s->group[c]];
		for (int u = 0; u < nu; u++)
		{
			double		r = 0;

			for (int c = s->start[u]; c < s->start[u + 1]; c++)
				r += q[c];
			r = ipf_factor(row_t[u], r);
			for (int c = s->start[u]; c < s->start[u + 1]; c++)
				q[c] *= r;
		}
		total.s = total.c = 0;
		for (int c = 0; c < ncells; c++)
			compsum_add(&total, q[c]);
		n = compsum_value(&total);
		for (int c = 0; c < ncells; c++)
			q[c] /= n;
		memset(col, 0, sizeof(double) * ng);
		for (int u = 0; u < nu; u++)
		{
			double		r = 0;

			for (int c = s->start[u]; c < s->start[u + 1]; c++)
			{
				r += q[c];
				col[s->group[c]] += q[c];
			}
			ok = ok && margin_ok(row_t[u], r, precision);
		}
		for (int g = 0; g < ng; g++)
			ok = ok && margin_ok(col_t[g], col[g], precision);
		if (ok)
			break;
	}
	if (iter == IPF_MAX_ITER)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("seg_mutual_information_difference: iterative proportional fitting did not converge to precision %g in %d iterations",
						precision, IPF_MAX_ITER),
				 errhint("Use a larger precision, or method => 'mrc'.")));
	seg_rows_mutual(nu, ng, s->start, s->group, q, &m, &e);
	pfree(q);
	pfree(row);
	pfree(col);
	return m;
}

/* Union support of a and b; av/bv get each table's counts (0 if absent). */
static void
union_support(const Rows *a, const Rows *b, int nu, Rows *s, double **av,
			  double **bv)
{
	int			cap = a->start[nu] + b->start[nu];
	int			n = 0;

	s->start = palloc(sizeof(int32) * (nu + 1));
	s->group = palloc(sizeof(int32) * Max(cap, 1));
	*av = palloc0(sizeof(double) * Max(cap, 1));
	*bv = palloc0(sizeof(double) * Max(cap, 1));
	for (int u = 0; u < nu; u++)
	{
		int			i = a->start[u],
					j = b->start[u];

		s->start[u] = n;
		while (i < a->start[u + 1] || j < b->start[u + 1])
		{
			int			ga = i < a->start[u + 1] ? a->group[i] : INT_MAX;
			int			gb = j < b->start[u + 1] ? b->group[j] : INT_MAX;

			s->group[n] = Min(ga, gb);
			if (ga <= gb)
				(*av)[n] = a->count[i++];
			if (gb <= ga)
				(*bv)[n] = b->count[j++];
			n++;
		}
	}
	s->start[nu] = n;
}

/*
 * Zero cells of the seed get IPF_FILL times its least positive count.  The
 * seed is first divided by its largest count, so the fill cannot underflow
 * for denormal counts.
 */
static void
fill_seed(double *v, int n)
{
	double		least = 0;
	double		most = 0;

	for (int c = 0; c < n; c++)
		most = Max(most, v[c]);
	if (most > 0)
		for (int c = 0; c < n; c++)
			v[c] /= most;
	for (int c = 0; c < n; c++)
		if (v[c] > 0 && (least == 0 || v[c] < least))
			least = v[c];
	for (int c = 0; c < n; c++)
		if (v[c] == 0)
			v[c] = IPF_FILL * least;
}

typedef struct DiffParts
{
	double		group_marginal;
	double		unit_marginal;
	double		structural;
} DiffParts;

static void
shapley(const Rows *a, const Rows *b, int nu, int ng, double m_aaa,
		double m_bbb, double precision, DiffParts *out)
{
	Rows		s;
	double	   *av, *bv;
	double	   *ra = palloc(sizeof(double) * Max(nu, 1));
	double	   *rb = palloc(sizeof(double) * Max(nu, 1));
	double	   *ca = palloc(sizeof(double) * Max(ng, 1));
	double	   *cb = palloc(sizeof(double) * Max(ng, 1));
	double		m_bba, m_aba, m_baa, m_aab, m_bab, m_abb;

	row_margins(a, nu, ng, ra, ca);
	row_margins(b, nu, ng, rb, cb);
	union_support(a, b, nu, &s, &av, &bv);
	fill_seed(av, s.start[nu]);
	fill_seed(bv, s.start[nu]);
	/* d_XYZ: group margin of X, unit margin of Y, association of Z */
	m_bba = ipf_mutual(&s, nu, ng, av, cb, rb, precision);
	m_aba = ipf_mutual(&s, nu, ng, av, ca, rb, precision);
	m_baa = ipf_mutual(&s, nu, ng, av, cb, ra, precision);
	m_aab = ipf_mutual(&s, nu, ng, bv, ca, ra, precision);
	m_bab = ipf_mutual(&s, nu, ng, bv, cb, ra, precision);
	m_abb = ipf_mutual(&s, nu, ng, bv, ca, rb, precision);
	out->structural = 0.5 * (m_aab - m_aaa) + 0.5 * (m_bbb - m_bba);
	out->group_marginal = 0.25 * ((m_baa - m_aaa) + (m_bba - m_aba) +
								  (m_bbb - m_abb) + (m_bab - m_aab));
	out->unit_marginal = 0.25 * ((m_aba - m_aaa) + (m_bba - m_baa) +
								 (m_bbb - m_bab) + (m_abb - m_aab));
}

/* s_i = sum_m p(m|i) ln p(m|i) of each unit. */
static void
unit_neg_entropy(const Rows *r, int nu, double *s)
{
	for (int u = 0; u < nu; u++)
	{
		double		t = 0;

		s[u] = 0;
		for (int c = r->start[u]; c < r->start[u + 1]; c++)
			t += r->count[c];
		for (int c = r->start[u]; c < r->start[u + 1]; c++)
			s[u] += (r->count[c] / t) * log(r->count[c] / t);
	}
}

static void
mrc(const Rows *a, const Rows *b, int nu, int ng, double e_a, double e_b,
	DiffParts *out)
{
	double	   *pa = palloc(sizeof(double) * Max(nu, 1));
	double	   *pb = palloc(sizeof(double) * Max(nu, 1));
	double	   *ca = palloc(sizeof(double) * Max(ng, 1));
	double	   *sa = palloc(sizeof(double) * Max(nu, 1));
	double	   *sb = palloc(sizeof(double) * Max(nu, 1));
	CompSum		um = {0, 0};
	CompSum		st = {0, 0};

	row_margins(a, nu, ng, pa, ca);
	row_margins(b, nu, ng, pb, ca);
	unit_neg_entropy(a, nu, sa);
	unit_neg_entropy(b, nu, sb);
	for (int u = 0; u < nu; u++)
	{
		compsum_add(&um, 0.5 * (pb[u] - pa[u]) * (sa[u] + sb[u]));
		compsum_add(&st, 0.5 * (pa[u] + pb[u]) * (sb[u] - sa[u]));
	}
	out->group_marginal = e_b - e_a;
	out->unit_marginal = compsum_value(&um);
	out->structural = compsum_value(&st);
}

static void
check_kinds(SegKeyKind a, SegKeyKind b, bool nonempty, const char *what)
{
	if (nonempty && a != b)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("seg_mutual_information_difference: t1 and t2 have %s keys of different kinds (integer and text)",
						what)));
}

/*
 * seg_mutual_information_difference(t1, t2, method, precision) ->
 * (m1, m2, diff, additions, removals, group_marginal, unit_marginal,
 * structural); NULL when either table has no population.
 */
Datum
seg_mutual_information_difference(PG_FUNCTION_ARGS)
{
	SegMatrix  *A = segmatrix_from_datum(PG_GETARG_DATUM(0));
	SegMatrix  *B = segmatrix_from_datum(PG_GETARG_DATUM(1));
	char	   *method = text_to_cstring(PG_GETARG_TEXT_PP(2));
	double		precision = PG_GETARG_FLOAT8(3);
	bool		use_mrc;
	int		   *gmap, *umap, *gnew_a, *gnew_b, *cu_a, *cu_b;
	double	   *ua, *ub, *ga, *gb;
	int			ncu = 0,
				ncg = 0;
	double		m1, m2, mar = 0, mbr = 0, ear = 0, ebr = 0, e;
	DiffParts	parts = {0, 0, 0};
	Rows		ar, br;
	TupleDesc	desc;
	Datum		values[8];
	bool		nulls[8] = {false};

	if (strcmp(method, "shapley") == 0)
		use_mrc = false;
	else if (strcmp(method, "mrc") == 0)
		use_mrc = true;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("method must be 'shapley' or 'mrc', not \"%s\"", method)));
	if (!(precision > 0 && precision < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("precision must be in (0, 1), not %g", precision)));
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "seg_mutual_information_difference: return type must be a row type");
	if (!seg_matrix_mutual(A, &m1, &e) || !seg_matrix_mutual(B, &m2, &e))
		PG_RETURN_NULL();
	check_kinds(A->unit_kind, B->unit_kind, true, "unit");
	check_kinds(A->group_kind, B->group_kind, true, "group");

	/* common groups; units with people of a common group in both */
	gmap = palloc(sizeof(int) * A->ngroups);
	join_keys(A->group_kind, A->ngroups, A->group_keys, B->ngroups, B->group_keys, gmap);
	umap = palloc(sizeof(int) * A->nunits);
	join_keys(A->unit_kind, A->nunits, A->unit_keys, B->nunits, B->unit_keys, umap);
	ua = palloc0(sizeof(double) * A->nunits);
	ub = palloc0(sizeof(double) * B->nunits);
	for (int u = 0; u < A->nunits; u++)
		for (int c = A->unit_start[u]; c < A->unit_start[u + 1]; c++)
			if (gmap[A->cell_group[c]] >= 0)
				ua[u] += A->cell_count[c];
	{
		bool	   *gb_common = palloc0(sizeof(bool) * B->ngroups);

		for (int g = 0; g < A->ngroups; g++)
			if (gmap[g] >= 0)
				gb_common[gmap[g]] = true;
		for (int u = 0; u < B->nunits; u++)
			for (int c = B->unit_start[u]; c < B->unit_start[u + 1]; c++)
				if (gb_common[B->cell_group[c]])
					ub[u] += B->cell_count[c];
	}
	cu_a = palloc(sizeof(int) * Max(A->nunits, 1));
	cu_b = palloc(sizeof(int) * Max(A->nunits, 1));
	for (int u = 0; u < A->nunits; u++)
		if (umap[u] >= 0 && ua[u] > 0 && ub[umap[u]] > 0)
		{
			cu_a[ncu] = u;
			cu_b[ncu++] = umap[u];
		}
	/* groups recomputed on the common units, once */
	ga = palloc0(sizeof(double) * A->ngroups);
	gb = palloc0(sizeof(double) * B->ngroups);
	for (int k = 0; k < ncu; k++)
	{
		for (int c = A->unit_start[cu_a[k]]; c < A->unit_start[cu_a[k] + 1]; c++)
			ga[A->cell_group[c]] += A->cell_count[c];
		for (int c = B->unit_start[cu_b[k]]; c < B->unit_start[cu_b[k] + 1]; c++)
			gb[B->cell_group[c]] += B->cell_count[c];
	}
	gnew_a = palloc(sizeof(int) * A->ngroups);
	gnew_b = palloc(sizeof(int) * B->ngroups);
	for (int g = 0; g < B->ngroups; g++)
		gnew_b[g] = -1;
	for (int g = 0; g < A->ngroups; g++)
	{
		gnew_a[g] = -1;
		if (gmap[g] >= 0 && ga[g] > 0 && gb[gmap[g]] > 0)
		{
			gnew_a[g] = ncg;
			gnew_b[gmap[g]] = ncg++;
		}
	}
	restrict_rows(A, ncu, cu_a, gnew_a, &ar);
	restrict_rows(B, ncu, cu_b, gnew_b, &br);
	if (ar.start[ncu] > 0 && br.start[ncu] > 0)
	{
		seg_rows_mutual(ncu, ncg, ar.start, ar.group, ar.count, &mar, &ear);
		seg_rows_mutual(ncu, ncg, br.start, br.group, br.count, &mbr, &ebr);
		if (use_mrc)
			mrc(&ar, &br, ncu, ncg, ear, ebr, &parts);
		else
			shapley(&ar, &br, ncu, ncg, mar, mbr, precision, &parts);
	}
	values[0] = Float8GetDatum(m1);
	values[1] = Float8GetDatum(m2);
	values[2] = Float8GetDatum(m2 - m1);
	values[3] = Float8GetDatum(m2 - mbr);
	values[4] = Float8GetDatum(mar - m1);
	values[5] = Float8GetDatum(parts.group_marginal);
	values[6] = Float8GetDatum(parts.unit_marginal);
	values[7] = Float8GetDatum(parts.structural);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}
