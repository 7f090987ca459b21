/*-------------------------------------------------------------------------
 *
 * indexargs.c
 *	  Group arguments of the measure functions and the two-group view of a
 *	  SegMatrix (see indices.h).
 *
 *-------------------------------------------------------------------------
 */
#include "indices.h"

#include <stdlib.h>

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

/*
 * Declared type of argument argno.  The call expression gives it cheaply;
 * calls without one (e.g. through OidFunctionCall) fall back to pg_proc.
 */
static Oid
seg_arg_type(FunctionCallInfo fcinfo, int argno)
{
	Oid			type = get_fn_expr_argtype(fcinfo->flinfo, argno);

	if (!OidIsValid(type))
	{
		Oid		   *argtypes;
		int			nargs;

		get_func_signature(fcinfo->flinfo->fn_oid, &argtypes, &nargs);
		if (argno < nargs)
			type = argtypes[argno];
	}
	return type;
}

/*
 * Integer arguments are looked up by their decimal spelling; with
 * segmatrix_group_index() parsing text against integer keys, '5' and 5 find
 * the same group whichever way the table was built.
 */
int
seg_arg_group(FunctionCallInfo fcinfo, int argno, const SegMatrix *m)
{
	Oid			type = seg_arg_type(fcinfo, argno);
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

static void
seg_two_alloc(SegTwo *s, int n)
{
	s->n = n;
	s->x = palloc(sizeof(double) * Max(n, 1));
	s->y = palloc(sizeof(double) * Max(n, 1));
	s->t = palloc(sizeof(double) * Max(n, 1));
	s->X = s->Y = s->T = 0;
}

/*
 * The rest is summed from the other cells rather than taken as t_i - x_i,
 * which with fractional weights could round to a tiny negative count.
 */
void
seg_two_vs_rest(const SegMatrix *m, int g, SegTwo *s)
{
	seg_two_alloc(s, m->nunits);
	for (int u = 0; u < m->nunits; u++)
	{
		double		rest = 0;

		for (int k = 0; k < m->ngroups; k++)
			if (k != g)
				rest += SEGMATRIX_CELL(m, u, k);
		s->x[u] = SEGMATRIX_CELL(m, u, g);
		s->y[u] = rest;
		s->t[u] = s->x[u] + rest;
		s->X += s->x[u];
		s->Y += rest;
	}
	s->T = s->X + s->Y;
}

void
seg_two_pair(const SegMatrix *m, int a, int b, SegTwo *s)
{
	seg_two_alloc(s, m->nunits);
	for (int u = 0; u < m->nunits; u++)
	{
		s->x[u] = SEGMATRIX_CELL(m, u, a);
		s->y[u] = SEGMATRIX_CELL(m, u, b);
		s->t[u] = s->x[u] + s->y[u];
		s->X += s->x[u];
		s->Y += s->y[u];
	}
	s->T = s->X + s->Y;
}

typedef struct GiniItem
{
	double		p;
	double		t;
} GiniItem;

static int
gini_item_cmp(const void *a, const void *b)
{
	double		pa = ((const GiniItem *) a)->p;
	double		pb = ((const GiniItem *) b)->p;

	return (pa > pb) - (pa < pb);
}

/*
 * With units sorted by p, sum_{i<j} t_i t_j (p_j - p_i)
 * = sum_j t_j (p_j W_j - S_j), W_j and S_j the running sums of t and t p
 * before j.
 */
double
seg_gini_pairsum(int n, const double *x, const double *t)
{
	GiniItem   *items = palloc(sizeof(GiniItem) * Max(n, 1));
	int			k = 0;
	double		w = 0,
				sp = 0,
				sum = 0;

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
		sum += items[j].t * (items[j].p * w - sp);
		w += items[j].t;
		sp += items[j].t * items[j].p;
	}
	pfree(items);
	return sum;
}
