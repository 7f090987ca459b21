/*-------------------------------------------------------------------------
 *
 * indexargs.c
 *	  Group arguments of the measure functions, the scaled sparse view of
 *	  a SegMatrix and the two-group view (see indices.h).
 *
 *-------------------------------------------------------------------------
 */
#include "indices.h"

#include <float.h>
#include <stdlib.h>

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "segindex.h"

/*
 * Integer arguments are looked up by their decimal spelling; with
 * segmatrix_group_index() parsing text against integer keys, '5' and 5 find
 * the same group whichever way the table was built.
 */
int
seg_arg_group(FunctionCallInfo fcinfo, int argno, const SegMatrix *m)
{
	Oid			type = seg_fn_argtype(fcinfo, argno);
	char	   *key;

	switch (type)
	{
		case INT8OID:
			key = psprintf(INT64_FORMAT, PG_GETARG_INT64(argno));
			break;
		case INT4OID:
			key = psprintf("%d", PG_GETARG_INT32(argno));
			break;
		case INT2OID:
			key = psprintf("%d", (int) PG_GETARG_INT16(argno));
			break;
		case TEXTOID:
		case VARCHAROID:
			key = TextDatumGetCString(PG_GETARG_DATUM(argno));
			break;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("group argument must be text or an integer"),
					 errdetail("Argument %d has type %s.", argno + 1,
							   format_type_be(type))));
	}
	return segmatrix_group_index(m, key);
}

/* ------------------------------------------------------------------------
 * Scaled sparse view
 * ------------------------------------------------------------------------
 */

/*
 * Power of two that brings the largest count to [1, 2).  Multiplying by it
 * is exact, and afterwards no margin can overflow and no count that was
 * representable underflows (long double has the wider exponent range).
 */
static int
scale_exponent(const SegMatrix *m)
{
	double		max = 0;
	int			e;

	for (int k = 0; k < m->ncells; k++)
		if (m->cell_count[k] > max)
			max = m->cell_count[k];
	if (!(max > 0) || !isfinite(max))
		return 0;
	(void) frexp(max, &e);
	return 1 - e;
}

void
seg_sparse_init(const SegMatrix *m, SegSparse *s)
{
	int			e = scale_exponent(m);
	int			n = Max(m->ncells, 1);
	SegSum	   *gsum = palloc0(sizeof(SegSum) * Max(m->ngroups, 1));
	SegSum		total = {0, 0};
	SegSum		acc;

	s->nunits = m->nunits;
	s->ngroups = m->ngroups;
	s->ncells = m->ncells;
	s->unit_start = m->unit_start;
	s->cell_group = m->cell_group;
	s->c = palloc(sizeof(segreal) * n);
	s->r = palloc(sizeof(segreal) * n);
	s->t = palloc(sizeof(segreal) * Max(m->nunits, 1));
	s->g = palloc(sizeof(segreal) * Max(m->ngroups, 1));
	s->o = palloc(sizeof(segreal) * Max(m->ngroups, 1));
	s->k = 0;
	s->populated = 0;

	/* two exact factors: 2^e alone overflows where long double is double */
	{
		segreal		f1 = ldexpl(1, e / 2),
					f2 = ldexpl(1, e - e / 2);

		for (int k = 0; k < m->ncells; k++)
			s->c[k] = (segreal) m->cell_count[k] * f1 * f2;
	}

	for (int u = 0; u < m->nunits; u++)
	{
		int			lo = m->unit_start[u],
					hi = m->unit_start[u + 1];

		/* r[k] = (cells after k) + (cells before k) */
		acc.s = acc.c = 0;
		for (int k = hi - 1; k >= lo; k--)
		{
			s->r[k] = segsum_get(&acc);
			segsum_add(&acc, s->c[k]);
		}
		s->t[u] = segsum_get(&acc);
		acc.s = acc.c = 0;
		for (int k = lo; k < hi; k++)
		{
			s->r[k] += segsum_get(&acc);
			segsum_add(&acc, s->c[k]);
			segsum_add(&gsum[m->cell_group[k]], s->c[k]);
		}
		if (s->t[u] > 0)
			s->populated++;
	}

	/* o[g] = (groups after g) + (groups before g) */
	acc.s = acc.c = 0;
	for (int g = m->ngroups - 1; g >= 0; g--)
	{
		s->g[g] = segsum_get(&gsum[g]);
		s->o[g] = segsum_get(&acc);
		segsum_add(&acc, s->g[g]);
		if (s->g[g] > 0)
			s->k++;
	}
	for (int g = 0; g < m->ngroups; g++)
	{
		s->o[g] += segsum_get(&total);
		segsum_add(&total, s->g[g]);
	}
	s->T = segsum_get(&total);
	pfree(gsum);
}

/*
 * The logarithms are taken in double (libm's long double ones cost 10x
 * more, and the results are doubles anyway); only a share below DBL_MIN,
 * which exists in the long double domain, needs logl.
 */
segreal
seg_ln_share(segreal part, segreal rest, segreal whole)
{
	double		q;

	if (rest < part)
		return log1p(-(double) (rest / whole));
	q = (double) (part / whole);
	if (q >= DBL_MIN)
		return log(q);
	return logl(part / whole);
}

double
seg_bounded(segreal v, double lo, double hi)
{
	double		d = (double) v;

	if (isnan(d))
		elog(ERROR, "segregation index is NaN");	/* a bug, not input */
	return Min(Max(d, lo), hi);
}

/* ------------------------------------------------------------------------
 * Complement sums
 * ------------------------------------------------------------------------
 */

static const segreal *cmp_weights;

static int
rank_cmp(const void *a, const void *b)
{
	segreal		wa = cmp_weights[*(const int *) a];
	segreal		wb = cmp_weights[*(const int *) b];

	if (wa != wb)
		return wa > wb ? -1 : 1;
	return *(const int *) a - *(const int *) b;
}

static int
int_cmp(const void *a, const void *b)
{
	return *(const int *) a - *(const int *) b;
}

void
seg_complement_init(SegComplement *cs, int n, const segreal *w)
{
	SegSum		acc = {0, 0};

	for (int i = 0; i < n; i++)
		segsum_add(&acc, w[i]);
	cs->n = n;
	cs->w = w;
	cs->total = segsum_get(&acc);
	cs->ranked = false;
}

static void
complement_rank(SegComplement *cs)
{
	int			n = cs->n;
	int		   *order = palloc(sizeof(int) * Max(n, 1));
	SegSum		acc = {0, 0};

	for (int i = 0; i < n; i++)
		order[i] = i;
	cmp_weights = cs->w;
	qsort(order, n, sizeof(int), rank_cmp);
	cs->pos = palloc(sizeof(int) * Max(n, 1));
	cs->w_by_rank = palloc(sizeof(segreal) * Max(n, 1));
	cs->suffix = palloc(sizeof(segreal) * (n + 1));
	cs->scratch = palloc(sizeof(int) * Max(n, 1));
	for (int j = 0; j < n; j++)
	{
		cs->pos[order[j]] = j;
		cs->w_by_rank[j] = cs->w[order[j]];
	}
	cs->suffix[n] = 0;
	for (int j = n - 1; j >= 0; j--)
	{
		segsum_add(&acc, cs->w_by_rank[j]);
		cs->suffix[j] = segsum_get(&acc);
	}
	pfree(order);
	cs->ranked = true;
}

/*
 * With the members' ranks sorted, ranks 0..j-1 all members and j not, the
 * complement is suffix[j] minus the members ranked after j, each of which
 * weighs no more than rank j itself: no catastrophic cancellation.
 */
segreal
seg_complement_sum(SegComplement *cs, const int32 *items, int nitems)
{
	int			j = 0;
	SegSum		members = {0, 0};
	segreal		result;

	if (nitems >= cs->n)
		return 0;				/* members are distinct: nothing is left */
	for (int i = 0; i < nitems; i++)
		segsum_add(&members, cs->w[items[i]]);
	result = cs->total - segsum_get(&members);
	if (result >= cs->total / 1024)
		return result;

	if (!cs->ranked)
		complement_rank(cs);
	members.s = members.c = 0;
	for (int i = 0; i < nitems; i++)
		cs->scratch[i] = cs->pos[items[i]];
	qsort(cs->scratch, nitems, sizeof(int), int_cmp);
	while (j < nitems && cs->scratch[j] == j)
		j++;
	if (j >= cs->n)
		return 0;
	for (int i = j; i < nitems; i++)
		segsum_add(&members, cs->w_by_rank[cs->scratch[i]]);
	result = cs->suffix[j] - segsum_get(&members);
	return result > 0 ? result : 0;
}

/* ------------------------------------------------------------------------
 * Two-group views
 * ------------------------------------------------------------------------
 */

static void
seg_two_alloc(SegTwo *s, int n)
{
	s->n = n;
	s->x = palloc0(sizeof(segreal) * Max(n, 1));
	s->y = palloc0(sizeof(segreal) * Max(n, 1));
	s->t = palloc0(sizeof(segreal) * Max(n, 1));
	s->X = s->Y = s->T = 0;
}

static void
seg_two_totals(SegTwo *s)
{
	SegSum		x = {0, 0},
				y = {0, 0};

	for (int i = 0; i < s->n; i++)
	{
		s->t[i] = s->x[i] + s->y[i];
		segsum_add(&x, s->x[i]);
		segsum_add(&y, s->y[i]);
	}
	s->X = segsum_get(&x);
	s->Y = segsum_get(&y);
	s->T = s->X + s->Y;
}

/* The rest is the sum of the unit's other cells, never t_i - x_i. */
void
seg_two_vs_rest(const SegMatrix *m, int g, SegTwo *s)
{
	SegSparse	sp;

	seg_sparse_init(m, &sp);
	seg_two_alloc(s, m->nunits);
	for (int u = 0; u < m->nunits; u++)
	{
		s->y[u] = sp.t[u];
		for (int k = m->unit_start[u]; k < m->unit_start[u + 1]; k++)
			if (m->cell_group[k] == g)
			{
				s->x[u] = sp.c[k];
				s->y[u] = sp.r[k];
			}
	}
	seg_two_totals(s);
}

void
seg_two_pair(const SegMatrix *m, int a, int b, SegTwo *s)
{
	SegSparse	sp;

	seg_sparse_init(m, &sp);
	seg_two_alloc(s, m->nunits);
	for (int u = 0; u < m->nunits; u++)
		for (int k = m->unit_start[u]; k < m->unit_start[u + 1]; k++)
		{
			if (m->cell_group[k] == a)
				s->x[u] = sp.c[k];
			if (m->cell_group[k] == b)
				s->y[u] = sp.c[k];
		}
	seg_two_totals(s);
}

typedef struct GiniItem
{
	segreal		p;
	segreal		t;
} GiniItem;

static int
gini_item_cmp(const void *a, const void *b)
{
	segreal		pa = ((const GiniItem *) a)->p;
	segreal		pb = ((const GiniItem *) b)->p;

	return (pa > pb) - (pa < pb);
}

/*
 * With units sorted by p, sum_{i<j} t_i t_j (p_j - p_i)
 * = sum_j t_j (p_j W_j - S_j), W_j and S_j the running sums of t and t p
 * before j.
 */
segreal
seg_gini_pairsum(int n, const segreal *x, const segreal *t)
{
	GiniItem   *items = palloc(sizeof(GiniItem) * Max(n, 1));
	int			k = 0;
	SegSum		w = {0, 0},
				sp = {0, 0},
				sum = {0, 0};

	for (int i = 0; i < n; i++)
	{
		if (t[i] > 0)
		{
			items[k].p = x[i] / t[i];
			items[k].t = t[i];
			k++;
		}
	}
	qsort(items, k, sizeof(GiniItem), gini_item_cmp);
	for (int j = 0; j < k; j++)
	{
		segreal		d = items[j].p * segsum_get(&w) - segsum_get(&sp);

		segsum_add(&sum, items[j].t * (d > 0 ? d : 0));
		segsum_add(&w, items[j].t);
		segsum_add(&sp, items[j].t * items[j].p);
	}
	pfree(items);
	return segsum_get(&sum);
}
