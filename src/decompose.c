/*-------------------------------------------------------------------------
 *
 * decompose.c
 *	  Between/within decomposition of M and H (METHODOLOGY section 6.1,
 *	  6.2; peer: R segregation's mutual_total(within), mutual_within,
 *	  mutual_total_nested).
 *
 * seg_decompose(segtable) is an aggregate over one stored table per
 * super-unit.  With p_s = N_s / N, E_s the group entropy of s and M_s the
 * M of s's own table:
 *	 M_between = E - sum_s p_s E_s		(M of the super-unit x group table)
 *	 M_within  = sum_s p_s M_s
 * so the state keeps (N_s, E_s, M_s) per input, the group totals and the
 * unit keys (to check that no unit lies in two super-units): it is
 * O(units + groups), never units x groups.
 *
 * seg_mutual_within and seg_mutual_total_nested read the hierarchy from
 * text unit keys of the form "län|kommun|deso" (separator chosen by the
 * caller): the super-unit at depth j is the key up to the j-th separator.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "decompose.h"
#include "segindex.h"
#include "segtable.h"

#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(seg_decompose_sfunc);
PG_FUNCTION_INFO_V1(seg_decompose_combine);
PG_FUNCTION_INFO_V1(seg_decompose_serialize);
PG_FUNCTION_INFO_V1(seg_decompose_deserialize);
PG_FUNCTION_INFO_V1(seg_decompose_final);
PG_FUNCTION_INFO_V1(seg_mutual_within);
PG_FUNCTION_INFO_V1(seg_mutual_total_nested);

#define DECOMPOSE_STATE_VERSION 1

bool
seg_rows_mutual(int nunits, int ngroups, const int32 *unit_start,
				const int32 *cell_group, const double *cell_count,
				double *m, double *e)
{
	double	   *gt = palloc0(sizeof(double) * Max(ngroups, 1));
	CompSum		total = {0, 0};
	CompSum		sum = {0, 0};
	CompSum		ent = {0, 0};
	double		n;

	for (int u = 0; u < nunits; u++)
		for (int c = unit_start[u]; c < unit_start[u + 1]; c++)
		{
			gt[cell_group[c]] += cell_count[c];
			compsum_add(&total, cell_count[c]);
		}
	n = compsum_value(&total);
	if (!(n > 0))
	{
		pfree(gt);
		return false;
	}
	for (int g = 0; g < ngroups; g++)
		if (gt[g] > 0)
			compsum_add(&ent, -(gt[g] / n) * log(gt[g] / n));
	for (int u = 0; u < nunits; u++)
	{
		double		ti = 0;

		for (int c = unit_start[u]; c < unit_start[u + 1]; c++)
			ti += cell_count[c];
		if (!(ti > 0))
			continue;
		/* ratios first: products of counts overflow at 1e300 */
		for (int c = unit_start[u]; c < unit_start[u + 1]; c++)
			if (cell_count[c] > 0)
				compsum_add(&sum, (cell_count[c] / n) *
							log((cell_count[c] / ti) / (gt[cell_group[c]] / n)));
	}
	pfree(gt);
	*m = Max(compsum_value(&sum), 0.0);
	*e = Max(compsum_value(&ent), 0.0);
	return true;
}

bool
seg_matrix_mutual(const SegMatrix *t, double *m, double *e)
{
	return seg_rows_mutual(t->nunits, t->ngroups, t->unit_start,
						   t->cell_group, t->cell_count, m, e);
}

/* ---------------------------------------------------------------------
 * The seg_decompose aggregate
 * ---------------------------------------------------------------------
 */
typedef struct DecState
{
	int			nsuper;			/* input tables with population */
	int			scap;
	double	   *sn;				/* N_s, E_s, M_s of each input: kept apart */
	double	   *se;				/* so the final sums can be scaled by max */
	double	   *sm;				/* N_s (denormal and huge N_s stay exact) */
	int			ngroups;
	int			gcap;
	char	  **gkeys;
	CompSum    *gtotals;
	int			nunits;
	int			ucap;
	char	  **ukeys;
} DecState;

static DecState *
dec_new(MemoryContext cxt)
{
	DecState   *st = MemoryContextAllocZero(cxt, sizeof(DecState));

	st->gcap = 8;
	st->gkeys = MemoryContextAlloc(cxt, sizeof(char *) * st->gcap);
	st->gtotals = MemoryContextAllocZero(cxt, sizeof(CompSum) * st->gcap);
	st->scap = 16;
	st->sn = MemoryContextAlloc(cxt, sizeof(double) * st->scap);
	st->se = MemoryContextAlloc(cxt, sizeof(double) * st->scap);
	st->sm = MemoryContextAlloc(cxt, sizeof(double) * st->scap);
	st->ucap = 64;
	st->ukeys = MemoryContextAlloc(cxt, sizeof(char *) * st->ucap);
	return st;
}

/* Orders group entries by key, then by position, so merges are deterministic. */
static int
cmp_group_entry(const void *a, const void *b, void *arg)
{
	char	  **keys = arg;
	int			x = *(const int *) a;
	int			y = *(const int *) b;
	int			c = strcmp(keys[x], keys[y]);

	return c != 0 ? c : (x > y) - (x < y);
}

/*
 * Merges entries with the same group key.  Groups are appended without a
 * lookup (dec_add_group) and merged here by one sort, so many groups cost
 * O(G log G) rather than a linear search per group and row.
 */
static void
dec_compact_groups(DecState *st)
{
	int		   *order;
	int			n = 0;
	char	  **keys;
	CompSum    *totals;

	if (st->ngroups < 2)
		return;
	order = palloc(sizeof(int) * st->ngroups);
	for (int g = 0; g < st->ngroups; g++)
		order[g] = g;
	qsort_arg(order, st->ngroups, sizeof(int), cmp_group_entry, st->gkeys);
	keys = MemoryContextAlloc(GetMemoryChunkContext(st->gkeys), sizeof(char *) * st->gcap);
	totals = MemoryContextAlloc(GetMemoryChunkContext(st->gtotals), sizeof(CompSum) * st->gcap);
	for (int i = 0; i < st->ngroups; i++)
	{
		int			g = order[i];

		if (n > 0 && strcmp(keys[n - 1], st->gkeys[g]) == 0)
		{
			compsum_merge(&totals[n - 1], &st->gtotals[g]);
			pfree(st->gkeys[g]);
			continue;
		}
		keys[n] = st->gkeys[g];
		totals[n++] = st->gtotals[g];
	}
	pfree(st->gkeys);
	pfree(st->gtotals);
	pfree(order);
	st->gkeys = keys;
	st->gtotals = totals;
	st->ngroups = n;
}

/* Appends total under group key; equal keys are merged by dec_compact_groups. */
static void
dec_add_group(DecState *st, const char *key, const CompSum *total)
{
	if (st->ngroups == st->gcap)
	{
		dec_compact_groups(st);
		if (st->ngroups > st->gcap / 2)
		{
			st->gcap *= 2;
			st->gkeys = repalloc_huge(st->gkeys, sizeof(char *) * st->gcap);
			st->gtotals = repalloc_huge(st->gtotals, sizeof(CompSum) * st->gcap);
		}
	}
	st->gkeys[st->ngroups] = pstrdup(key);
	st->gtotals[st->ngroups++] = *total;
}

static void
dec_add_super(DecState *st, double n, double e, double m)
{
	if (st->nsuper == st->scap)
	{
		st->scap *= 2;
		st->sn = repalloc_huge(st->sn, sizeof(double) * st->scap);
		st->se = repalloc_huge(st->se, sizeof(double) * st->scap);
		st->sm = repalloc_huge(st->sm, sizeof(double) * st->scap);
	}
	st->sn[st->nsuper] = n;
	st->se[st->nsuper] = e;
	st->sm[st->nsuper++] = m;
}

static void
dec_add_unit(DecState *st, const char *key)
{
	if (st->nunits == st->ucap)
	{
		st->ucap *= 2;
		st->ukeys = repalloc_huge(st->ukeys, sizeof(char *) * st->ucap);
	}
	st->ukeys[st->nunits++] = pstrdup(key);
}

Datum
seg_decompose_sfunc(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = seg_aggregate_context(fcinfo, "seg_decompose_sfunc");
	MemoryContext old;
	DecState   *st = PG_ARGISNULL(0) ? NULL : (DecState *) PG_GETARG_POINTER(0);
	SegMatrix  *t;
	double		m, e;

	if (st == NULL)
		st = dec_new(cxt);
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(st);
	t = segmatrix_from_datum(PG_GETARG_DATUM(1));
	if (seg_matrix_mutual(t, &m, &e))
	{
		old = MemoryContextSwitchTo(cxt);
		dec_add_super(st, t->total, e, m);
		for (int g = 0; g < t->ngroups; g++)
		{
			CompSum		gt = {t->group_totals[g], 0};

			dec_add_group(st, t->group_keys[g], &gt);
		}
		for (int u = 0; u < t->nunits; u++)
			dec_add_unit(st, t->unit_keys[u]);
		MemoryContextSwitchTo(old);
	}
	PG_RETURN_POINTER(st);
}

Datum
seg_decompose_combine(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = seg_aggregate_context(fcinfo, "seg_decompose_combine");
	MemoryContext old;
	DecState   *a = PG_ARGISNULL(0) ? NULL : (DecState *) PG_GETARG_POINTER(0);
	DecState   *b = PG_ARGISNULL(1) ? NULL : (DecState *) PG_GETARG_POINTER(1);

	if (b == NULL)
		PG_RETURN_POINTER(a);
	old = MemoryContextSwitchTo(cxt);
	if (a == NULL)
		a = dec_new(cxt);
	for (int s = 0; s < b->nsuper; s++)
		dec_add_super(a, b->sn[s], b->se[s], b->sm[s]);
	for (int g = 0; g < b->ngroups; g++)
		dec_add_group(a, b->gkeys[g], &b->gtotals[g]);
	for (int u = 0; u < b->nunits; u++)
		dec_add_unit(a, b->ukeys[u]);
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(a);
}

static void
send_compsum(StringInfo buf, const CompSum *s)
{
	pq_sendfloat8(buf, s->s);
	pq_sendfloat8(buf, s->c);
}

/* Damaged state bytes must end in 22P03, never pq_getmsg*'s 08P01. */
static void
dec_need(StringInfo buf, int n)
{
	if (n > buf->len - buf->cursor)
		seg_corrupt_state("seg_decompose state", "truncated");
}

static double
get_sum(StringInfo buf)
{
	double		v;

	dec_need(buf, 8);
	v = pq_getmsgfloat8(buf);
	if (!isfinite(v))
		seg_corrupt_state("seg_decompose state", "a sum is not finite");
	return v;
}

static void
get_compsum(StringInfo buf, CompSum *s)
{
	dec_need(buf, 16);
	s->s = pq_getmsgfloat8(buf);
	s->c = pq_getmsgfloat8(buf);
	if (!isfinite(s->s) || !isfinite(s->c))
		seg_corrupt_state("seg_decompose state", "a group total is not finite");
}

static void
send_key(StringInfo buf, const char *key)
{
	int			len = strlen(key);

	pq_sendint32(buf, len);
	pq_sendbytes(buf, key, len);
}

static int
get_count(StringInfo buf, const char *what)
{
	int			n;

	dec_need(buf, 4);
	n = pq_getmsgint(buf, 4);
	if (n < 0 || n > buf->len - buf->cursor)
		seg_corrupt_state("seg_decompose state", what);
	return n;
}

static char *
get_key(StringInfo buf)
{
	int			len = get_count(buf, "bad key length");

	if (memchr(buf->data + buf->cursor, 0, len) != NULL)
		seg_corrupt_state("seg_decompose state", "a key contains a zero byte");
	return pnstrdup(pq_getmsgbytes(buf, len), len);
}

/* Portable form: version, sums, groups (key, total), unit keys. */
static bytea *
dec_write(const DecState *st)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, DECOMPOSE_STATE_VERSION);
	pq_sendint32(&buf, st->nsuper);
	for (int s = 0; s < st->nsuper; s++)
	{
		pq_sendfloat8(&buf, st->sn[s]);
		pq_sendfloat8(&buf, st->se[s]);
		pq_sendfloat8(&buf, st->sm[s]);
	}
	pq_sendint32(&buf, st->ngroups);
	for (int g = 0; g < st->ngroups; g++)
	{
		send_key(&buf, st->gkeys[g]);
		send_compsum(&buf, &st->gtotals[g]);
	}
	pq_sendint32(&buf, st->nunits);
	for (int u = 0; u < st->nunits; u++)
		send_key(&buf, st->ukeys[u]);
	return pq_endtypsend(&buf);
}

Datum
seg_decompose_serialize(PG_FUNCTION_ARGS)
{
	DecState   *st = (DecState *) PG_GETARG_POINTER(0);

	dec_compact_groups(st);		/* send each group once */
	PG_RETURN_BYTEA_P(dec_write(st));
}

/* Reads serialized state into cxt; every damage is a 22P03 error. */
static DecState *
dec_read(bytea *bytes, MemoryContext cxt)
{
	MemoryContext old = MemoryContextSwitchTo(cxt);
	StringInfoData buf;
	DecState   *st = dec_new(cxt);
	int			n;

	buf.data = VARDATA_ANY(bytes);
	buf.len = VARSIZE_ANY_EXHDR(bytes);
	buf.maxlen = buf.len;
	buf.cursor = 0;
	if (buf.len < 1 || pq_getmsgbyte(&buf) != DECOMPOSE_STATE_VERSION)
		seg_corrupt_state("seg_decompose state", "unknown version");
	n = get_count(&buf, "bad input count");
	for (int s = 0; s < n; s++)
	{
		double		sn = get_sum(&buf);
		double		se = get_sum(&buf);

		dec_add_super(st, sn, se, get_sum(&buf));
	}
	n = get_count(&buf, "bad group count");
	for (int g = 0; g < n; g++)
	{
		char	   *key = get_key(&buf);
		CompSum		total;

		get_compsum(&buf, &total);
		dec_add_group(st, key, &total);
	}
	n = get_count(&buf, "bad unit count");
	for (int u = 0; u < n; u++)
		dec_add_unit(st, get_key(&buf));
	if (buf.cursor != buf.len)
		seg_corrupt_state("seg_decompose state", "trailing bytes");
	MemoryContextSwitchTo(old);
	return st;
}

Datum
seg_decompose_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = seg_aggregate_context(fcinfo, "seg_decompose_deserialize");

	PG_RETURN_POINTER(dec_read(PG_GETARG_BYTEA_PP(0), cxt));
}

/*
 * Test hook, not in the extension's SQL: read state bytes and write them
 * again, so a test can feed damaged bytes to the deserializer's reader.
 */
PG_FUNCTION_INFO_V1(seg_decompose_state_roundtrip);
Datum
seg_decompose_state_roundtrip(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(dec_write(dec_read(PG_GETARG_BYTEA_PP(0), CurrentMemoryContext)));
}

static int
cmp_cstring_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* A unit key in two inputs breaks nesting: the split would be wrong. */
static void
dec_check_nesting(DecState *st)
{
	qsort(st->ukeys, st->nunits, sizeof(char *), cmp_cstring_ptr);
	for (int u = 1; u < st->nunits; u++)
		if (strcmp(st->ukeys[u - 1], st->ukeys[u]) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("seg_decompose: unit \"%s\" appears in more than one input table",
							st->ukeys[u]),
					 errdetail("Each unit must lie in exactly one super-unit table.")));
}

/*
 * (m_total, m_between, m_within, h_total, h_between, h_within); NULL when
 * there is no population, H parts NULL when E = 0 (one group).
 */
Datum
seg_decompose_final(PG_FUNCTION_ARGS)
{
	DecState   *st = PG_ARGISNULL(0) ? NULL : (DecState *) PG_GETARG_POINTER(0);
	TupleDesc	desc;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};
	double		n, e = 0, between, within, scale = 0, gscale = 0;
	CompSum		ent = {0, 0};
	CompSum		sn = {0, 0};
	CompSum		sne = {0, 0};
	CompSum		snm = {0, 0};
	CompSum		gn = {0, 0};

	if (st == NULL)
		PG_RETURN_NULL();
	for (int s = 0; s < st->nsuper; s++)
		scale = Max(scale, st->sn[s]);
	if (!(scale > 0))
		PG_RETURN_NULL();
	for (int s = 0; s < st->nsuper; s++)
	{
		double		w = st->sn[s] / scale;

		compsum_add(&sn, w);
		compsum_add(&sne, w * st->se[s]);
		compsum_add(&snm, w * st->sm[s]);
	}
	n = compsum_value(&sn);
	dec_check_nesting(st);
	dec_compact_groups(st);
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "seg_decompose_final: return type must be a row type");
	for (int g = 0; g < st->ngroups; g++)
		gscale = Max(gscale, compsum_value(&st->gtotals[g]));
	for (int g = 0; g < st->ngroups; g++)
		compsum_add(&gn, compsum_value(&st->gtotals[g]) / gscale);
	for (int g = 0; g < st->ngroups; g++)
	{
		double		p = (compsum_value(&st->gtotals[g]) / gscale) / compsum_value(&gn);

		if (p > 0)
			compsum_add(&ent, -p * log(p));
	}
	e = Max(compsum_value(&ent), 0.0);
	between = Max(e - compsum_value(&sne) / n, 0.0);
	within = Max(compsum_value(&snm) / n, 0.0);
	values[0] = Float8GetDatum(between + within);
	values[1] = Float8GetDatum(between);
	values[2] = Float8GetDatum(within);
	if (e > 0)
	{
		values[3] = Float8GetDatum((between + within) / e);
		values[4] = Float8GetDatum(between / e);
		values[5] = Float8GetDatum(within / e);
	}
	else
		nulls[3] = nulls[4] = nulls[5] = true;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/* ---------------------------------------------------------------------
 * Hierarchies in text unit keys
 * ---------------------------------------------------------------------
 */

/* Super-unit statistics at one depth. */
typedef struct SuperStats
{
	int			nsuper;
	char	  **keys;			/* prefix of each super-unit, in key order */
	double	   *n;				/* N_s */
	double	   *e;				/* E_s */
	double	   *m;				/* M_s */
	double		m_between;		/* M of the super-unit x group table */
	double		total;
	double		entropy;		/* E */
} SuperStats;

typedef struct PrefixRef
{
	const char *key;
	int			len;
	int			unit;
} PrefixRef;

static int
cmp_prefix(const void *a, const void *b)
{
	const PrefixRef *x = a;
	const PrefixRef *y = b;
	int			c = memcmp(x->key, y->key, Min(x->len, y->len));

	if (c != 0)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->unit - y->unit;
}

/* Length of key up to its depth-th separator (the whole key if fewer). */
static int
prefix_len(const char *key, const char *sep, int depth)
{
	int			seplen = strlen(sep);
	const char *p = key;

	for (int d = 0; d < depth; d++)
	{
		const char *q = strstr(p, sep);

		if (q == NULL)
			return strlen(key);
		if (d == depth - 1)
			return q - key;
		p = q + seplen;
	}
	return strlen(key);
}

/* Number of levels in key (separators + 1). */
static int
key_levels(const char *key, const char *sep)
{
	int			n = 1;
	int			seplen = strlen(sep);

	for (const char *q = strstr(key, sep); q != NULL; q = strstr(q + seplen, sep))
		n++;
	return n;
}

/*
 * Groups the units of t by their key prefix at depth and computes each
 * super-unit's N_s, E_s, M_s and M_between.  O(cells + units log units)
 * time, O(units + groups) memory (one group buffer reused per run).
 */
static void
super_stats(const SegMatrix *t, const char *sep, int depth, SuperStats *ss)
{
	PrefixRef  *refs = palloc(sizeof(PrefixRef) * Max(t->nunits, 1));
	double	   *buf = palloc0(sizeof(double) * Max(t->ngroups, 1));
	int		   *touched = palloc(sizeof(int) * Max(t->ngroups, 1));
	CompSum		between = {0, 0};
	CompSum		ent = {0, 0};
	int			r = 0;

	for (int u = 0; u < t->nunits; u++)
	{
		refs[u].key = t->unit_keys[u];
		refs[u].len = prefix_len(t->unit_keys[u], sep, depth);
		refs[u].unit = u;
	}
	qsort(refs, t->nunits, sizeof(PrefixRef), cmp_prefix);
	ss->nsuper = 0;
	ss->keys = palloc(sizeof(char *) * Max(t->nunits, 1));
	ss->n = palloc(sizeof(double) * Max(t->nunits, 1));
	ss->e = palloc(sizeof(double) * Max(t->nunits, 1));
	ss->m = palloc(sizeof(double) * Max(t->nunits, 1));
	ss->total = t->total;
	for (int g = 0; g < t->ngroups; g++)
		if (t->group_totals[g] > 0)
			compsum_add(&ent, -(t->group_totals[g] / t->total) *
						log(t->group_totals[g] / t->total));
	ss->entropy = Max(compsum_value(&ent), 0.0);
	while (r < t->nunits)
	{
		int			end = r;
		int			ntouched = 0;
		CompSum		ns = {0, 0};
		CompSum		es = {0, 0};
		CompSum		ms = {0, 0};
		double		nsv;
		int			s = ss->nsuper++;

		while (end < t->nunits && refs[end].len == refs[r].len &&
			   memcmp(refs[end].key, refs[r].key, refs[r].len) == 0)
			end++;
		for (int i = r; i < end; i++)
		{
			int			u = refs[i].unit;

			for (int c = t->unit_start[u]; c < t->unit_start[u + 1]; c++)
			{
				int			g = t->cell_group[c];

				if (buf[g] == 0)
					touched[ntouched++] = g;
				buf[g] += t->cell_count[c];
			}
			compsum_add(&ns, t->unit_totals[u]);
		}
		nsv = compsum_value(&ns);
		for (int k = 0; k < ntouched; k++)
		{
			int			g = touched[k];
			double		p = buf[g] / nsv;

			compsum_add(&es, -p * log(p));
			compsum_add(&between, (buf[g] / t->total) *
						log(p / (t->group_totals[g] / t->total)));
		}
		for (int i = r; i < end; i++)
		{
			int			u = refs[i].unit;
			double		ti = t->unit_totals[u];

			for (int c = t->unit_start[u]; c < t->unit_start[u + 1]; c++)
				compsum_add(&ms, (t->cell_count[c] / nsv) *
							log((t->cell_count[c] / ti) / (buf[t->cell_group[c]] / nsv)));
		}
		for (int k = 0; k < ntouched; k++)
			buf[touched[k]] = 0;
		ss->keys[s] = pnstrdup(refs[r].key, refs[r].len);
		ss->n[s] = nsv;
		ss->e[s] = Max(compsum_value(&es), 0.0);
		ss->m[s] = Max(compsum_value(&ms), 0.0);
		r = end;
	}
	ss->m_between = Max(compsum_value(&between), 0.0);
	pfree(refs);
	pfree(buf);
	pfree(touched);
}

static const char *
sep_arg(FunctionCallInfo fcinfo, int argno)
{
	char	   *sep;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("sep must not be NULL")));
	sep = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	if (sep[0] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sep must not be empty")));
	return sep;
}

static void
require_text_units(const SegMatrix *t, const char *fname)
{
	if (t->nunits > 0 && t->unit_kind != SEG_KEY_TEXT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: t needs text unit keys that name the hierarchy, such as 'län|kommun|deso'",
						fname)));
}

/*
 * seg_mutual_within(t, sep) -> setof (super, p, m, h, entropy_ratio):
 * one row per super-unit (the key up to the first separator), as R's
 * mutual_within.  h is 0 when the super-unit has one group; entropy_ratio
 * is NULL when the whole table has one group.
 */
Datum
seg_mutual_within(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	SegMatrix  *t = segmatrix_from_datum(PG_GETARG_DATUM(0));
	const char *sep = sep_arg(fcinfo, 1);
	SuperStats	ss;

	require_text_units(t, "seg_mutual_within");
	InitMaterializedSRF(fcinfo, 0);
	if (!(t->total > 0))
		return (Datum) 0;
	super_stats(t, sep, 1, &ss);
	for (int s = 0; s < ss.nsuper; s++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		values[0] = CStringGetTextDatum(ss.keys[s]);
		values[1] = Float8GetDatum(ss.n[s] / ss.total);
		values[2] = Float8GetDatum(ss.m[s]);
		values[3] = Float8GetDatum(ss.e[s] > 0 ? ss.m[s] / ss.e[s] : 0.0);
		if (ss.entropy > 0)
			values[4] = Float8GetDatum(ss.e[s] / ss.entropy);
		else
			nulls[4] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * seg_mutual_total_nested(t, sep) -> setof (level, component, m, h, share):
 * row j is M(G; l_1..l_j) - M(G; l_1..l_{j-1}); the rows sum to M of t.
 */
Datum
seg_mutual_total_nested(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	SegMatrix  *t = segmatrix_from_datum(PG_GETARG_DATUM(0));
	const char *sep = sep_arg(fcinfo, 1);
	int			levels = 1;
	double		prev = 0;
	double		m_all,
				e;

	require_text_units(t, "seg_mutual_total_nested");
	InitMaterializedSRF(fcinfo, 0);
	if (!seg_matrix_mutual(t, &m_all, &e))
		return (Datum) 0;
	for (int u = 0; u < t->nunits; u++)
		levels = Max(levels, key_levels(t->unit_keys[u], sep));
	for (int j = 1; j <= levels; j++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};
		double		mj;
		double		row;

		if (j == levels)
			mj = m_all;
		else
		{
			SuperStats	ss;

			super_stats(t, sep, j, &ss);
			mj = ss.m_between;
		}
		row = mj - prev;
		prev = mj;
		values[0] = Int32GetDatum(j);
		values[1] = CStringGetTextDatum(j == 1 ? "between level 1" :
										psprintf("within level %d, between level %d", j - 1, j));
		values[2] = Float8GetDatum(row);
		if (e > 0)
			values[3] = Float8GetDatum(row / e);
		else
			nulls[3] = true;
		if (m_all > 0)
			values[4] = Float8GetDatum(row / m_all);
		else
			nulls[4] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
