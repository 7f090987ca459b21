/*-------------------------------------------------------------------------
 *
 * incomestats.c
 *	  The incomestats value type (doc/income.md): per-unit sufficient
 *	  statistics of incomes, their text and portable byte forms, the
 *	  aggregates that build and merge them, and the per-unit views.
 *
 * incomestats holds, per unit, the sufficient statistics of its incomes:
 * the count n, the counts of zero and negative incomes, sum y, the
 * population standard deviation, and over positive incomes
 * sum y ln y and sum ln y.  Every measure is a function of those, so
 * one pass over person rows (or a merge of stored values) gives them all.
 *
 * Accuracy: every sum is compensated (Knuth's TwoSum) while aggregating;
 * squared deviations accumulate around a per-unit shift (no division per
 * row) and pool across merges with Chan et al.'s formula.
 *
 *-------------------------------------------------------------------------
 */
#include "incomestats.h"

#include <float.h>
#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/shortest_dec.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "port/pg_bswap.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

PG_FUNCTION_INFO_V1(incomestats_in);
PG_FUNCTION_INFO_V1(incomestats_out);
PG_FUNCTION_INFO_V1(incomestats_recv);
PG_FUNCTION_INFO_V1(incomestats_send);
PG_FUNCTION_INFO_V1(seg_incomestats_to_bytea);
PG_FUNCTION_INFO_V1(seg_incomestats_from_bytea);
PG_FUNCTION_INFO_V1(seg_incomestats_sfunc);
PG_FUNCTION_INFO_V1(seg_incomestats_merge_sfunc);
PG_FUNCTION_INFO_V1(seg_incomestats_combine);
PG_FUNCTION_INFO_V1(seg_incomestats_serialize);
PG_FUNCTION_INFO_V1(seg_incomestats_deserialize);
PG_FUNCTION_INFO_V1(seg_incomestats_final);
PG_FUNCTION_INFO_V1(seg_income_units);
PG_FUNCTION_INFO_V1(seg_income_split);

/* ------------------------------------------------------------------------
 * Per-unit accumulation
 * ------------------------------------------------------------------------
 */

/* 2 stores the standard deviation where 1 stored squared deviations */
#define INCOME_FORMAT_VERSION 2

/* Counts stay exact in a double up to 2^53. */
#define INCOME_MAX_COUNT (INT64CONST(1) << 53)

/*
 * A unit's running statistics.  Squared deviations are accumulated around
 * a shift K (the unit's first income, or its mean after a merge): the
 * sums of y - K and (y - K)^2 need no division per row, and since K is
 * a value of the unit's own distribution, ss = S2 - S1^2 / n loses only
 * about log10(1 + z^2) digits, z = (mean - K) / sd.
 *
 * The squares are taken of (y - K) 2^-e, with e following the magnitude
 * of the deviations, so no square over- or underflows at any scale of
 * incomes: the stored sd = 2^e sqrt(ss_scaled / n) is representable
 * whenever the incomes are.
 */
typedef struct IncomeAccum
{
	int64		n;				/* incomes seen */
	int64		nzero;			/* of which = 0 */
	int64		nneg;			/* of which < 0 */
	double		shift;			/* K */
	CompSum		dev;			/* S1 = sum of (y - K) */
	CompSum		dev2;			/* sum of ((y - K) 2^-e)^2 */
	int			e;				/* scale exponent of dev2 */
	double		inv;			/* 2^-e */
	CompSum		ylny;			/* sum of y ln y over y > 0 */
	CompSum		lny;			/* sum of ln y over y > 0 */
} IncomeAccum;

/* Scale exponents stay where 2^-e is a normal double. */
#define SCALE_MIN (-1000)
#define SCALE_MAX 1000
/* Scaled deviations beyond 2^200 (or below 2^-200 before any) rescale. */
#define SCALE_BIG 0x1p200
#define SCALE_SMALL 0x1p-200

static inline int
scale_of(double x)
{
	int			e = ilogb(x);

	return Min(Max(e, SCALE_MIN), SCALE_MAX);
}

static void
accum_init(IncomeAccum *a)
{
	memset(a, 0, sizeof(IncomeAccum));
	a->inv = 1;
}

/* Moves dev2 to scale exponent e; terms that fall below 2^-1074 are negligible. */
static void
accum_rescale(IncomeAccum *a, int e)
{
	int			k = 2 * (a->e - e);

	a->dev2.s = ldexp(a->dev2.s, k);
	a->dev2.c = ldexp(a->dev2.c, k);
	a->e = e;
	a->inv = ldexp(1.0, -e);
}

/* d 2^-e for a new deviation d, rescaling first when it would not square well. */
static inline double
accum_scaled(IncomeAccum *a, double d)
{
	double		ds = d * a->inv;

	if (unlikely(!(fabs(ds) <= SCALE_BIG) ||
				 (ds != 0 && fabs(ds) < SCALE_SMALL && a->dev2.s == 0)))
	{
		accum_rescale(a, scale_of(d));
		ds = d * a->inv;
	}
	return ds;
}

static inline void
accum_add(IncomeAccum *a, double y)
{
	double		d,
				ds;

	if (a->n == 0)
		a->shift = y;
	a->n++;
	d = y - a->shift;
	compsum_add(&a->dev, d);
	ds = accum_scaled(a, d);
	compsum_add(&a->dev2, ds * ds);
	if (y > 0)
	{
		double		l = log(y);

		compsum_add(&a->ylny, y * l);
		compsum_add(&a->lny, l);
	}
	else if (y == 0)
		a->nzero++;
	else
		a->nneg++;
}

/*
 * w persons with income y (w >= 1): the same sums as w calls of
 * accum_add, in one step.  Used for pre-aggregated rows (a mean income
 * and the number of persons behind it).
 */
static void
accum_add_weighted(IncomeAccum *a, double y, int64 w)
{
	double		d,
				ds,
				W = (double) w;

	if (w > INCOME_MAX_COUNT - a->n)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("incomestats unit count out of range"),
				 errdetail("A unit may hold at most 2^53 persons.")));
	if (a->n == 0)
		a->shift = y;
	a->n += w;
	d = y - a->shift;
	compsum_add(&a->dev, W * d);
	ds = accum_scaled(a, d);
	compsum_add(&a->dev2, W * (ds * ds));
	if (y > 0)
	{
		double		l = log(y);

		compsum_add(&a->ylny, W * (y * l));
		compsum_add(&a->lny, W * l);
	}
	else if (y == 0)
		a->nzero += w;
	else
		a->nneg += w;
}

/* sum of y */
static inline double
accum_sum(const IncomeAccum *a)
{
	CompSum		sum = {(double) a->n * a->shift, 0};

	compsum_merge(&sum, &a->dev);
	return compsum_value(&sum);
}

/* population standard deviation, sqrt(sum of (y - mean)^2 / n) */
static double
accum_sd(const IncomeAccum *a)
{
	double		n = (double) a->n;
	double		s1 = compsum_value(&a->dev) * a->inv;
	double		ss;

	/* s1 (s1 / n) <= S2 by Cauchy-Schwarz; both in the 2^-e scale */
	ss = clamp_nonnegative(compsum_value(&a->dev2) - s1 * (s1 / n));
	return ldexp(sqrt(ss / n), a->e);
}

/* Re-expresses a unit's sum and standard deviation around its mean. */
static void
accum_set_moments(IncomeAccum *a, double sum, double sd)
{
	double		n = (double) a->n;
	double		r,
				sds;

	a->shift = sum / n;
	a->dev.s = sum - n * a->shift;	/* the rounding residual, small */
	a->dev.c = 0;
	a->e = sd > 0 ? scale_of(sd) : (a->dev.s != 0 ? scale_of(a->dev.s) : 0);
	a->inv = ldexp(1.0, -a->e);
	sds = sd * a->inv;
	r = a->dev.s * a->inv;
	a->dev2.s = n * (sds * sds) + r * (r / n);
	a->dev2.c = 0;
}

/*
 * a += b, pooling the squared deviations as Chan et al. do:
 * n sd^2 = na sda^2 + nb sdb^2 + (na nb / n) gap^2, each term scaled by
 * the largest so that nothing is squared out of range.
 */
static void
accum_merge(IncomeAccum *a, const IncomeAccum *b)
{
	double		na,
				nb,
				ta,
				tb,
				tg,
				m,
				sd = 0;
	CompSum		sum = {0};

	if (b->n == 0)
		return;
	if (a->n == 0)
	{
		*a = *b;
		return;
	}
	if (b->n > INCOME_MAX_COUNT - a->n)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("incomestats unit count out of range")));
	na = (double) a->n;
	nb = (double) b->n;
	compsum_add(&sum, na * a->shift);
	compsum_merge(&sum, &a->dev);
	compsum_add(&sum, nb * b->shift);
	compsum_merge(&sum, &b->dev);
	ta = sqrt(na) * accum_sd(a);
	tb = sqrt(nb) * accum_sd(b);
	tg = (accum_sum(a) / na - accum_sum(b) / nb) * sqrt(na * nb / (na + nb));
	m = Max(Max(ta, tb), fabs(tg));
	if (m > 0)
	{
		int			e = scale_of(m);

		ta = ldexp(ta, -e);
		tb = ldexp(tb, -e);
		tg = ldexp(tg, -e);
		sd = ldexp(sqrt((ta * ta + tb * tb + tg * tg) / (na + nb)), e);
	}

	a->n += b->n;
	a->nzero += b->nzero;
	a->nneg += b->nneg;
	accum_set_moments(a, compsum_value(&sum), sd);
	compsum_merge(&a->ylny, &b->ylny);
	compsum_merge(&a->lny, &b->lny);
}

/* The accumulator of a stored unit. */
static void
accum_from_unit(IncomeAccum *a, const IncomeUnit *u)
{
	accum_init(a);
	a->n = u->n;
	a->nzero = u->nzero;
	a->nneg = u->nneg;
	accum_set_moments(a, u->sum, u->sd);
	a->ylny.s = u->ylny;
	a->lny.s = u->lny;
}

/* ------------------------------------------------------------------------
 * The per-unit hash table (lib/simplehash.h)
 * ------------------------------------------------------------------------
 */


typedef struct IncomeEntry
{
	IncomeKey	key;
	uint32		hash;
	char		status;
	IncomeAccum acc;
} IncomeEntry;

static inline uint32
income_key_hash(const IncomeKey *key)
{
	uint64		x;

	if (key->str != NULL)
		return hash_bytes((const unsigned char *) key->str, key->len);
	/* splitmix64's finalizer */
	x = (uint64) key->ival;
	x ^= x >> 30;
	x *= UINT64CONST(0xbf58476d1ce4e5b9);
	x ^= x >> 27;
	x *= UINT64CONST(0x94d049bb133111eb);
	x ^= x >> 31;
	return (uint32) x;
}

static inline bool
income_key_equal(const IncomeKey *a, const IncomeKey *b)
{
	return a->ival == b->ival && a->len == b->len &&
		(a->len == 0 || memcmp(a->str, b->str, a->len) == 0);
}

#define SH_PREFIX incunits
#define SH_ELEMENT_TYPE IncomeEntry
#define SH_KEY_TYPE IncomeKey
#define SH_KEY key
#define SH_HASH_KEY(tb, k) income_key_hash(&(k))
#define SH_EQUAL(tb, a, b) income_key_equal(&(a), &(b))
#define SH_STORE_HASH
#define SH_GET_HASH(tb, a) a->hash
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/* Transition state of incomestats() and seg_merge(incomestats). */
typedef struct IncomeState
{
	char		kind;			/* INCOME_KEY_INT or INCOME_KEY_TEXT */
	MemoryContext context;		/* where the table and its keys live */
	incunits_hash *units;
	IncomeEntry *last;			/* last unit touched; invalid after an insert */
} IncomeState;

static IncomeState *
income_state_new(MemoryContext context, char kind, uint32 size)
{
	IncomeState *state = MemoryContextAllocZero(context, sizeof(IncomeState));

	state->kind = kind;
	state->context = context;
	state->units = incunits_create(context, Max(size, 16), NULL);
	return state;
}

/* The unit's accumulator, created (with a copy of the key) if new. */
static inline IncomeAccum *
income_state_unit(IncomeState *state, const IncomeKey *key)
{
	IncomeEntry *entry = state->last;
	bool		found;

	/* person rows often arrive sorted by unit: skip the hash lookup */
	if (entry != NULL && income_key_equal(&entry->key, key))
		return &entry->acc;

	entry = incunits_insert(state->units, *key, &found);
	if (!found)
	{
		accum_init(&entry->acc);
		if (key->str != NULL)
		{
			char	   *copy = MemoryContextAlloc(state->context, Max(key->len, 1));

			memcpy(copy, key->str, key->len);
			entry->key.str = copy;
		}
	}
	state->last = entry;
	return &entry->acc;
}

static void
income_check_kinds(char a, char b)
{
	if (a != b)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot merge incomestats values with integer and text unit keys")));
}

/* ------------------------------------------------------------------------
 * Portable format
 *
 * Shared by the type's storage, its binary send/receive form and the
 * aggregates' serialized state, all big-endian:
 *   byte    format version (2; version 1 stored sum (y - mean)^2 for sd)
 *   byte    key kind: 'i' (int8 keys) or 't' (text keys)
 *   int32   number of units
 *   per unit, in strictly ascending key order (integers numerically,
 *   text bytewise):
 *     key     int64, or int32 length + bytes in the database encoding
 *     int64   n, number of zero incomes, number of negative incomes
 *     float8  sum y, sd = sqrt(sum (y - mean)^2 / n), sum y ln y (y > 0),
 *             sum ln y (y > 0)
 * ------------------------------------------------------------------------
 */

#define INCOME_UNIT_FIXED_BYTES (3 * 8 + 4 * 8)



static int
income_key_cmp(const IncomeKey *a, const IncomeKey *b, char kind)
{
	int			c;

	if (kind == INCOME_KEY_INT)
		return (a->ival > b->ival) - (a->ival < b->ival);
	c = memcmp(a->str, b->str, Min(a->len, b->len));
	if (c != 0)
		return c;
	return (a->len > b->len) - (a->len < b->len);
}

/*
 * Relative slack of the bounds below that hold with equality (one income,
 * equal incomes): far above the rounding of the compensated sums and of
 * log(), far below any damage that would move a measure visibly.
 */
#define INCOME_SLACK 1e-9

/* Largest |ln y| of a positive float8 (ln of the smallest denormal). */
#define INCOME_MAX_ABS_LOG 745.2

/*
 * Why a unit's numbers cannot come from any set of incomes, or NULL when
 * they can.  Besides counts and signs, the bounds are those every set of
 * npos positive incomes with sum S satisfies (when no income is negative,
 * so that S is their sum):
 *	 Jensen:	 S ln(S/npos) <= sum y ln y <= S ln S,  sum ln y <= npos ln(S/npos)
 *	 spread:	 n sd^2 <= S^2 (n-1)/n  (all of S on one income), and with
 *				 nzero zeros n sd^2 >= (nzero/n) S^2/npos (the zero/positive gap)
 * and for any incomes y ln y >= -1/e.  A single income has sd = 0 and
 * both log sums at their Jensen bound.  Each message names the field.
 */
static const char *
income_unit_problem(const IncomeUnit *u)
{
	int64		npos;
	double		n,
				S,
				lnS,
				lnmean,
				ss_slack,
				tol;

	if (u->n < 1 || u->n > INCOME_MAX_COUNT)
		return "Field \"n\" is out of range (1 .. 2^53).";
	if (u->nzero < 0 || u->nneg < 0 || u->nzero > u->n - u->nneg)
		return "Fields \"nzero\" and \"nneg\" do not fit the count \"n\".";
	if (!isfinite(u->sum))
		return "Field \"sum\" is not finite.";
	if (!isfinite(u->sd))
		return "Field \"sd\" is not finite.";
	if (!isfinite(u->ylny))
		return "Field \"ylny\" is not finite.";
	if (!isfinite(u->lny))
		return "Field \"lny\" is not finite.";
	if (u->sd < 0)
		return "Field \"sd\" (standard deviation) is negative.";
	if (u->n == 1 && u->sd != 0)
		return "Field \"sd\" must be 0 for a unit of one income.";
	npos = u->n - u->nzero - u->nneg;
	if (npos == 0)
	{
		if (u->ylny != 0 || u->lny != 0)
			return "Fields \"ylny\" and \"lny\" must be 0 in a unit without positive incomes.";
		if (u->nneg == 0 ? u->sum != 0 : !(u->sum < 0))
			return "Field \"sum\" does not fit the signs of the counts.";
		return NULL;
	}
	/* y ln y >= -1/e for every y > 0 */
	if (u->ylny < -(double) npos / M_E * (1 + INCOME_SLACK))
		return "Field \"ylny\" is below npos * (-1/e).";
	if (u->nneg > 0)
		return NULL;			/* the positive incomes' sum is unknown */

	if (!(u->sum > 0))
		return "Field \"sum\" must be positive when no income is negative and some are positive.";
	n = (double) u->n;
	S = u->sum;
	lnS = log(S);
	lnmean = lnS - log((double) npos);

	/* the shifted sums lose up to n ulps of ss (Samuelson: z^2 <= n - 1) */
	ss_slack = INCOME_SLACK + 8 * DBL_EPSILON * n;
	/* n sd^2 <= S^2 (n-1)/n */
	if (u->sd > S * (sqrt(n - 1) / n) * (1 + ss_slack))
		return "Field \"sd\" exceeds sum sqrt(n-1)/n, the widest spread of incomes >= 0 with that sum.";
	/* n sd^2 >= (nzero/n) S^2/npos; not where S/n is subnormal */
	if (u->nzero > 0 && S / n > 1e-290 &&
		u->sd < S * (sqrt((double) u->nzero / (double) npos) / n) * (1 - ss_slack))
		return "Field \"sd\" is below the spread between the zero and the positive incomes.";

	/* log sums: rounding of log() is relative to |y ln y| <= y * 745 */
	tol = INCOME_SLACK * S * (1 + INCOME_MAX_ABS_LOG) + (double) npos * 1e-320;
	if (u->ylny < S * lnmean - tol)
		return "Field \"ylny\" is below sum ln(sum/npos) (Jensen).";
	if (u->ylny > S * lnS + tol)
		return "Field \"ylny\" exceeds sum ln(sum).";
	tol = INCOME_SLACK * (double) npos * (1 + INCOME_MAX_ABS_LOG);
	if (u->lny > (double) npos * lnmean + tol)
		return "Field \"lny\" exceeds npos ln(sum/npos) (Jensen).";
	if (npos == 1 && u->lny < lnS - tol)
		return "Field \"lny\" must be ln(sum) for a single positive income.";
	return NULL;
}

/*
 * The bytes are canonical: a -0 would print as "-0" and re-read as a
 * different value, so writers store +0 and readers reject -0.
 */
static const char *
income_negative_zero(const IncomeUnit *u)
{
	static const char *const names[] = {"sum", "sd", "ylny", "lny"};
	const double v[] = {u->sum, u->sd, u->ylny, u->lny};

	for (int i = 0; i < 4; i++)
		if (v[i] == 0 && signbit(v[i]))
			return psprintf("Field \"%s\" is -0; the canonical form stores +0.",
							names[i]);
	return NULL;
}

/* Bounds-checked big-endian reader over a serialized value. */
typedef struct ByteReader
{
	const char *p;
	const char *end;
} ByteReader;

static inline void
reader_need(ByteReader *r, Size n)
{
	if ((Size) (r->end - r->p) < n)
		seg_corrupt_state("incomestats", "The value is truncated.");
}

static uint8
reader_byte(ByteReader *r)
{
	reader_need(r, 1);
	return (uint8) *r->p++;
}

static int32
reader_int32(ByteReader *r)
{
	uint32		v;

	reader_need(r, 4);
	memcpy(&v, r->p, 4);
	r->p += 4;
	return (int32) pg_ntoh32(v);
}

static int64
reader_int64(ByteReader *r)
{
	uint64		v;

	reader_need(r, 8);
	memcpy(&v, r->p, 8);
	r->p += 8;
	return (int64) pg_ntoh64(v);
}

static double
reader_float8(ByteReader *r)
{
	union
	{
		int64		i;
		double		d;
	}			v;

	v.i = reader_int64(r);
	return v.d;
}

/* Parses and validates a serialized value; errors out on any damage. */
static void
income_parse(const char *data, Size len, IncomeView *view)
{
	ByteReader	r = {data, data + len};
	int			version;
	char		kind;
	int32		nunits;
	Size		min_unit;

	version = reader_byte(&r);
	if (version == 1)
		seg_corrupt_state("incomestats",
						  "Format version 1 (squared deviations) is not read from bytes; cast its text form, which converts.");
	if (version != INCOME_FORMAT_VERSION)
		seg_corrupt_state("incomestats",
						  psprintf("Unknown format version %d.", version));
	kind = (char) reader_byte(&r);
	if (kind != INCOME_KEY_INT && kind != INCOME_KEY_TEXT)
		seg_corrupt_state("incomestats", "Unknown key kind.");
	nunits = reader_int32(&r);
	min_unit = INCOME_UNIT_FIXED_BYTES + (kind == INCOME_KEY_INT ? 8 : 4);
	if (nunits < 0 || (Size) nunits > (Size) (r.end - r.p) / min_unit)
		seg_corrupt_state("incomestats",
						  "The unit count does not match the value's length.");

	view->kind = kind;
	view->nunits = nunits;
	view->units = palloc(Max(nunits, 1) * sizeof(IncomeUnit));
	for (int i = 0; i < nunits; i++)
	{
		IncomeUnit *u = &view->units[i];
		const char *problem;

		if (kind == INCOME_KEY_INT)
		{
			u->key.ival = reader_int64(&r);
			u->key.str = NULL;
			u->key.len = 0;
		}
		else
		{
			int32		klen = reader_int32(&r);

			if (klen < 0)
				seg_corrupt_state("incomestats", "A key length is negative.");
			reader_need(&r, klen);
			u->key.ival = 0;
			u->key.str = r.p;
			u->key.len = klen;
			r.p += klen;
			if (!pg_verifymbstr(u->key.str, klen, true))
				seg_corrupt_state("incomestats",
								  "A key is not valid in the database encoding.");
		}
		if (i > 0 && income_key_cmp(&view->units[i - 1].key, &u->key, kind) >= 0)
			seg_corrupt_state("incomestats",
							  "The units are not in strictly ascending key order.");
		u->n = reader_int64(&r);
		u->nzero = reader_int64(&r);
		u->nneg = reader_int64(&r);
		u->sum = reader_float8(&r);
		u->sd = reader_float8(&r);
		u->ylny = reader_float8(&r);
		u->lny = reader_float8(&r);
		problem = income_negative_zero(u);
		if (problem == NULL)
			problem = income_unit_problem(u);
		if (problem != NULL)
			seg_corrupt_state("incomestats", problem);
	}
	if (r.p != r.end)
		seg_corrupt_state("incomestats", "The value has trailing bytes.");
}

void
income_parse_varlena(struct varlena *value, IncomeView *view)
{
	income_parse(VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value), view);
}

static int
entry_cmp_int(const void *a, const void *b)
{
	const IncomeEntry *x = *(IncomeEntry *const *) a;
	const IncomeEntry *y = *(IncomeEntry *const *) b;

	return income_key_cmp(&x->key, &y->key, INCOME_KEY_INT);
}

static int
entry_cmp_text(const void *a, const void *b)
{
	const IncomeEntry *x = *(IncomeEntry *const *) a;
	const IncomeEntry *y = *(IncomeEntry *const *) b;

	return income_key_cmp(&x->key, &y->key, INCOME_KEY_TEXT);
}

static void
send_checked_float8(StringInfo buf, double value)
{
	if (!isfinite(value))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("incomestats value out of range: overflow")));
	pq_sendfloat8(buf, value);
}

/* Appends one unit in the portable format. */
static void
income_send_unit(StringInfo buf, char kind, const IncomeUnit *u)
{
	if (kind == INCOME_KEY_INT)
		pq_sendint64(buf, u->key.ival);
	else
	{
		pq_sendint32(buf, u->key.len);
		pq_sendbytes(buf, u->key.str, u->key.len);
	}
	pq_sendint64(buf, u->n);
	pq_sendint64(buf, u->nzero);
	pq_sendint64(buf, u->nneg);
	/* + 0.0 turns -0 into +0, the canonical zero */
	send_checked_float8(buf, u->sum + 0.0);
	send_checked_float8(buf, u->sd + 0.0);
	send_checked_float8(buf, u->ylny + 0.0);
	send_checked_float8(buf, u->lny + 0.0);
}

static void
income_send_header(StringInfo buf, char kind, int32 nunits)
{
	pq_begintypsend(buf);
	pq_sendbyte(buf, INCOME_FORMAT_VERSION);
	pq_sendbyte(buf, (uint8) kind);
	pq_sendint32(buf, nunits);
}

/* Writes the state in the portable format, as a varlena. */
static struct varlena *
income_state_flatten(IncomeState *state)
{
	StringInfoData buf;
	incunits_iterator it;
	IncomeEntry *entry;
	IncomeEntry **entries;
	uint32		n = 0;

	entries = palloc(Max(state->units->members, 1) * sizeof(IncomeEntry *));
	incunits_start_iterate(state->units, &it);
	while ((entry = incunits_iterate(state->units, &it)) != NULL)
		entries[n++] = entry;
	if (n > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("incomestats has too many units")));
	qsort(entries, n, sizeof(IncomeEntry *),
		  state->kind == INCOME_KEY_INT ? entry_cmp_int : entry_cmp_text);

	income_send_header(&buf, state->kind, (int32) n);
	for (uint32 i = 0; i < n; i++)
	{
		IncomeEntry *e = entries[i];
		IncomeUnit	u;

		u.key = e->key;
		u.n = e->acc.n;
		u.nzero = e->acc.nzero;
		u.nneg = e->acc.nneg;
		u.sum = accum_sum(&e->acc);
		u.sd = accum_sd(&e->acc);
		u.ylny = compsum_value(&e->acc.ylny);
		u.lny = compsum_value(&e->acc.lny);
		income_send_unit(&buf, state->kind, &u);
	}
	pfree(entries);
	return (struct varlena *) pq_endtypsend(&buf);
}

/* Merges every unit of a parsed value into the state. */
static void
income_state_merge_view(IncomeState *state, const IncomeView *view)
{
	income_check_kinds(state->kind, view->kind);
	for (int i = 0; i < view->nunits; i++)
	{
		const IncomeUnit *u = &view->units[i];
		IncomeAccum *acc = income_state_unit(state, &u->key);
		IncomeAccum b;

		accum_from_unit(&b, u);
		accum_merge(acc, &b);
	}
}

/* ------------------------------------------------------------------------
 * Text form
 *
 *   v2 int {1:(n,nzero,nneg,sum,sd,ylny,lny);2:(...)}
 *   v2 text {"0180C1010":(...);"a \"quoted\" key":(...)}
 *
 * Numbers print in shortest exact form, so the text round-trips bit for
 * bit whatever extra_float_digits is.
 * ------------------------------------------------------------------------
 */

static void
text_append_float8(StringInfo buf, double value)
{
	char		digits[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(value, digits);
	appendStringInfoString(buf, digits);
}

Datum
incomestats_out(PG_FUNCTION_ARGS)
{
	struct varlena *value = PG_GETARG_VARLENA_PP(0);
	IncomeView	view;
	StringInfoData buf;

	income_parse_varlena(value, &view);
	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d %s {", INCOME_FORMAT_VERSION,
					 view.kind == INCOME_KEY_INT ? "int" : "text");
	for (int i = 0; i < view.nunits; i++)
	{
		const IncomeUnit *u = &view.units[i];

		if (i > 0)
			appendStringInfoChar(&buf, ';');
		if (view.kind == INCOME_KEY_INT)
			appendStringInfo(&buf, INT64_FORMAT, u->key.ival);
		else
		{
			appendStringInfoChar(&buf, '"');
			for (int j = 0; j < u->key.len; j++)
			{
				char		c = u->key.str[j];

				if (c == '"' || c == '\\')
					appendStringInfoChar(&buf, '\\');
				appendStringInfoChar(&buf, c);
			}
			appendStringInfoChar(&buf, '"');
		}
		appendStringInfo(&buf, ":(" INT64_FORMAT "," INT64_FORMAT "," INT64_FORMAT ",",
						 u->n, u->nzero, u->nneg);
		text_append_float8(&buf, u->sum);
		appendStringInfoChar(&buf, ',');
		text_append_float8(&buf, u->sd);
		appendStringInfoChar(&buf, ',');
		text_append_float8(&buf, u->ylny);
		appendStringInfoChar(&buf, ',');
		text_append_float8(&buf, u->lny);
		appendStringInfoChar(&buf, ')');
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/* Text parser state: the cursor and the whole literal, for messages. */
typedef struct TextParser
{
	const char *p;
	const char *input;
} TextParser;

static void pg_attribute_noreturn()
text_malformed(TextParser *tp, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("malformed incomestats literal: \"%s\"", tp->input),
			 errdetail("%s", detail)));
}

static void
text_skip_space(TextParser *tp)
{
	while (*tp->p == ' ' || *tp->p == '\t' || *tp->p == '\n' || *tp->p == '\r')
		tp->p++;
}

static void
text_expect(TextParser *tp, char c)
{
	text_skip_space(tp);
	if (*tp->p != c)
		text_malformed(tp, psprintf("Expected \"%c\" at offset %d.", c,
									(int) (tp->p - tp->input)));
	tp->p++;
}

static int64
text_int64(TextParser *tp)
{
	char	   *end;
	int64		v;

	text_skip_space(tp);
	errno = 0;
	v = strtoi64(tp->p, &end, 10);
	if (end == tp->p || errno != 0)
		text_malformed(tp, psprintf("Expected an integer at offset %d.",
									(int) (tp->p - tp->input)));
	tp->p = end;
	return v;
}

static double
text_float8(TextParser *tp)
{
	char	   *end;
	double		v;

	text_skip_space(tp);
	errno = 0;
	v = strtod(tp->p, &end);
	if (end == tp->p || !isfinite(v))
		text_malformed(tp, psprintf("Expected a finite number at offset %d.",
									(int) (tp->p - tp->input)));
	tp->p = end;
	return v;
}

/* A double-quoted key; \" and \\ are the only escapes. */
static void
text_quoted(TextParser *tp, StringInfo out)
{
	text_expect(tp, '"');
	resetStringInfo(out);
	for (;;)
	{
		char		c = *tp->p;

		if (c == '\0')
			text_malformed(tp, "Unterminated quoted key.");
		tp->p++;
		if (c == '"')
			break;
		if (c == '\\')
		{
			c = *tp->p;
			if (c != '"' && c != '\\')
				text_malformed(tp, "Only \\\" and \\\\ may be escaped in a key.");
			tp->p++;
		}
		appendStringInfoChar(out, c);
	}
}

static int
unit_cmp_int(const void *a, const void *b)
{
	return income_key_cmp(&((const IncomeUnit *) a)->key,
						  &((const IncomeUnit *) b)->key, INCOME_KEY_INT);
}

static int
unit_cmp_text(const void *a, const void *b)
{
	return income_key_cmp(&((const IncomeUnit *) a)->key,
						  &((const IncomeUnit *) b)->key, INCOME_KEY_TEXT);
}

/*
 * The units are written exactly as given (only -0 becomes +0), not
 * re-derived through an accumulator, so every accepted literal prints back
 * as the same numbers.
 */
Datum
incomestats_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	TextParser	tp = {input, input};
	StringInfoData keybuf;
	StringInfoData out;
	IncomeUnit *units;
	int			nunits = 0,
				capacity = 16;
	int64		version;
	char		kind;

	text_expect(&tp, 'v');
	version = text_int64(&tp);
	if (version != 1 && version != INCOME_FORMAT_VERSION)
		text_malformed(&tp, psprintf("Unknown format version " INT64_FORMAT ".", version));
	text_skip_space(&tp);
	if (strncmp(tp.p, "int", 3) == 0)
	{
		kind = INCOME_KEY_INT;
		tp.p += 3;
	}
	else if (strncmp(tp.p, "text", 4) == 0)
	{
		kind = INCOME_KEY_TEXT;
		tp.p += 4;
	}
	else
		text_malformed(&tp, "Expected the key kind \"int\" or \"text\".");

	units = palloc(capacity * sizeof(IncomeUnit));
	initStringInfo(&keybuf);
	text_expect(&tp, '{');
	text_skip_space(&tp);
	if (*tp.p == '}')
		tp.p++;
	else
	{
		for (;;)
		{
			IncomeUnit	u = {0};
			const char *problem;

			if (kind == INCOME_KEY_INT)
				u.key.ival = text_int64(&tp);
			else
			{
				text_quoted(&tp, &keybuf);
				if (!pg_verifymbstr(keybuf.data, keybuf.len, true))
					text_malformed(&tp, "A key is not valid in the database encoding.");
				u.key.str = pnstrdup(keybuf.data, keybuf.len);
				u.key.len = keybuf.len;
			}
			text_expect(&tp, ':');
			text_expect(&tp, '(');
			u.n = text_int64(&tp);
			text_expect(&tp, ',');
			u.nzero = text_int64(&tp);
			text_expect(&tp, ',');
			u.nneg = text_int64(&tp);
			text_expect(&tp, ',');
			u.sum = text_float8(&tp) + 0.0;
			text_expect(&tp, ',');
			u.sd = text_float8(&tp) + 0.0;
			/* version 1 gave sum (y - mean)^2 = n sd^2 */
			if (version == 1 && u.sd > 0 && u.n > 0)
				u.sd = sqrt(u.sd / (double) u.n);
			text_expect(&tp, ',');
			u.ylny = text_float8(&tp) + 0.0;
			text_expect(&tp, ',');
			u.lny = text_float8(&tp) + 0.0;
			text_expect(&tp, ')');

			problem = income_unit_problem(&u);
			if (problem != NULL)
				text_malformed(&tp, problem);
			if (nunits == PG_INT32_MAX / (int) sizeof(IncomeUnit))
				text_malformed(&tp, "Too many units.");
			if (nunits == capacity)
			{
				capacity = Min(capacity * 2, PG_INT32_MAX / (int) sizeof(IncomeUnit));
				units = repalloc(units, capacity * sizeof(IncomeUnit));
			}
			units[nunits++] = u;

			text_skip_space(&tp);
			if (*tp.p == ';')
			{
				tp.p++;
				continue;
			}
			if (*tp.p == '}')
			{
				tp.p++;
				break;
			}
			text_malformed(&tp, psprintf("Expected \";\" or \"}\" at offset %d.",
										 (int) (tp.p - tp.input)));
		}
	}
	text_skip_space(&tp);
	if (*tp.p != '\0')
		text_malformed(&tp, "Unexpected characters after \"}\".");

	qsort(units, nunits, sizeof(IncomeUnit),
		  kind == INCOME_KEY_INT ? unit_cmp_int : unit_cmp_text);
	income_send_header(&out, kind, nunits);
	for (int i = 0; i < nunits; i++)
	{
		if (i > 0 && income_key_cmp(&units[i - 1].key, &units[i].key, kind) == 0)
			text_malformed(&tp, "A unit key appears twice.");
		income_send_unit(&out, kind, &units[i]);
	}
	PG_RETURN_POINTER(pq_endtypsend(&out));
}

/* ------------------------------------------------------------------------
 * Binary form and bytea conversions: the portable bytes themselves
 * ------------------------------------------------------------------------
 */

static struct varlena *
income_from_bytes(const char *data, Size len)
{
	IncomeView	view;
	struct varlena *result;

	income_parse(data, len, &view);
	result = palloc(VARHDRSZ + len);
	SET_VARSIZE(result, VARHDRSZ + len);
	memcpy(VARDATA(result), data, len);
	return result;
}

Datum
incomestats_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	struct varlena *result;

	result = income_from_bytes(buf->data + buf->cursor, buf->len - buf->cursor);
	buf->cursor = buf->len;
	PG_RETURN_POINTER(result);
}

Datum
incomestats_send(PG_FUNCTION_ARGS)
{
	struct varlena *value = PG_GETARG_VARLENA_PP(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
seg_incomestats_to_bytea(PG_FUNCTION_ARGS)
{
	struct varlena *value = PG_GETARG_VARLENA_PP(0);
	Size		len = VARSIZE_ANY_EXHDR(value);
	bytea	   *result = palloc(VARHDRSZ + len);

	SET_VARSIZE(result, VARHDRSZ + len);
	memcpy(VARDATA(result), VARDATA_ANY(value), len);
	PG_RETURN_BYTEA_P(result);
}

Datum
seg_incomestats_from_bytea(PG_FUNCTION_ARGS)
{
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);

	PG_RETURN_POINTER(income_from_bytes(VARDATA_ANY(bytes),
										VARSIZE_ANY_EXHDR(bytes)));
}

/* ------------------------------------------------------------------------
 * Aggregates: incomestats(unit, income) and seg_merge(incomestats)
 * ------------------------------------------------------------------------
 */

/*
 * The unit key of the current row: integer declarations become int keys,
 * text ones text keys.  The type comes from the catalog when there is no
 * call expression (seg_fn_argtype); others raise 42804.
 */
static char
income_row_key(FunctionCallInfo fcinfo, IncomeKey *key)
{
	Oid			type;
	Datum		d = PG_GETARG_DATUM(1);

	/* the type is fixed per call site: look it up once */
	if (fcinfo->flinfo->fn_extra == NULL)
	{
		Oid		   *cache = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(Oid));

		*cache = seg_fn_argtype(fcinfo, 1);
		fcinfo->flinfo->fn_extra = cache;
	}
	type = *(Oid *) fcinfo->flinfo->fn_extra;

	key->ival = 0;
	key->str = NULL;
	key->len = 0;
	switch (type)
	{
		case INT2OID:
			key->ival = DatumGetInt16(d);
			return INCOME_KEY_INT;
		case INT4OID:
			key->ival = DatumGetInt32(d);
			return INCOME_KEY_INT;
		case INT8OID:
			key->ival = DatumGetInt64(d);
			return INCOME_KEY_INT;
		case TEXTOID:
		case VARCHAROID:
		case BPCHAROID:
			{
				text	   *t = DatumGetTextPP(d);

				key->str = VARDATA_ANY(t);
				key->len = VARSIZE_ANY_EXHDR(t);
				/* char(n) pads with spaces that its comparisons ignore */
				if (type == BPCHAROID)
					while (key->len > 0 && key->str[key->len - 1] == ' ')
						key->len--;
				return INCOME_KEY_TEXT;
			}
		case UNKNOWNOID:
			key->str = DatumGetCString(d);
			key->len = strlen(key->str);
			return INCOME_KEY_TEXT;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("argument \"unit\" must be smallint, integer, bigint or text"),
					 errdetail("Got type %s.", format_type_be(type)),
					 errhint("Cast the unit key to bigint or text.")));
	}
	return 0;					/* keep the compiler quiet */
}

/*
 * incomestats(unit, income) and incomestats(unit, mean, persons).  A row
 * with a NULL argument is skipped, like sum() skips NULLs; so is a row of
 * zero persons.
 */
Datum
seg_incomestats_sfunc(PG_FUNCTION_ARGS)
{
	IncomeState *state = PG_ARGISNULL(0) ? NULL : (IncomeState *) PG_GETARG_POINTER(0);
	bool		weighted = PG_NARGS() > 3;
	IncomeKey	key;
	double		income;
	int64		persons = 1;
	char		kind;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || (weighted && PG_ARGISNULL(3)))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	income = PG_GETARG_FLOAT8(2);
	seg_check_finite(income, weighted ? "mean" : "income");
	if (weighted)
	{
		persons = PG_GETARG_INT64(3);
		if (persons < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"persons\" must not be negative"),
					 errdetail("Got " INT64_FORMAT ".", persons)));
	}
	kind = income_row_key(fcinfo, &key);
	/* an internal state can only come from the aggregate machinery */
	if (state == NULL)
		state = income_state_new(seg_aggregate_context(fcinfo, "incomestats"),
								 kind, 64);
	if (persons == 0)
		PG_RETURN_POINTER(state);
	if (!weighted)
		accum_add(income_state_unit(state, &key), income);
	else
		accum_add_weighted(income_state_unit(state, &key), income, persons);
	PG_RETURN_POINTER(state);
}

Datum
seg_incomestats_merge_sfunc(PG_FUNCTION_ARGS)
{
	MemoryContext context = seg_aggregate_context(fcinfo, "seg_merge");
	IncomeState *state = PG_ARGISNULL(0) ? NULL : (IncomeState *) PG_GETARG_POINTER(0);
	IncomeView	view;

	if (PG_ARGISNULL(1))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	income_parse_varlena(PG_GETARG_VARLENA_PP(1), &view);
	if (state == NULL)
		state = income_state_new(context, view.kind, view.nunits);
	income_state_merge_view(state, &view);
	PG_RETURN_POINTER(state);
}

Datum
seg_incomestats_combine(PG_FUNCTION_ARGS)
{
	MemoryContext context = seg_aggregate_context(fcinfo, "seg_incomestats_combine");
	IncomeState *a = PG_ARGISNULL(0) ? NULL : (IncomeState *) PG_GETARG_POINTER(0);
	IncomeState *b = PG_ARGISNULL(1) ? NULL : (IncomeState *) PG_GETARG_POINTER(1);
	incunits_iterator it;
	IncomeEntry *entry;

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	/* Never hand back b itself: it may live in another context. */
	if (a == NULL)
		a = income_state_new(context, b->kind, b->units->members);
	income_check_kinds(a->kind, b->kind);
	incunits_start_iterate(b->units, &it);
	while ((entry = incunits_iterate(b->units, &it)) != NULL)
		accum_merge(income_state_unit(a, &entry->key), &entry->acc);
	PG_RETURN_POINTER(a);
}

Datum
seg_incomestats_serialize(PG_FUNCTION_ARGS)
{
	IncomeState *state = (IncomeState *) PG_GETARG_POINTER(0);

	PG_RETURN_BYTEA_P(income_state_flatten(state));
}

Datum
seg_incomestats_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext context = seg_aggregate_context(fcinfo, "seg_incomestats_deserialize");
	IncomeView	view;
	IncomeState *state;

	income_parse_varlena(PG_GETARG_VARLENA_PP(0), &view);
	state = income_state_new(context, view.kind, view.nunits);
	income_state_merge_view(state, &view);
	PG_RETURN_POINTER(state);
}

Datum
seg_incomestats_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(income_state_flatten((IncomeState *) PG_GETARG_POINTER(0)));
}

/* ------------------------------------------------------------------------
 * Per-unit statistics
 * ------------------------------------------------------------------------
 */

/*
 * First call of a set-returning function over the units of its
 * incomestats argument: parses the value once, into multi-call memory.
 */
static void
income_units_srf_init(FunctionCallInfo fcinfo)
{
	FuncCallContext *funcctx = SRF_FIRSTCALL_INIT();
	MemoryContext old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
	TupleDesc	tupdesc;
	IncomeView *view;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	funcctx->tuple_desc = BlessTupleDesc(tupdesc);
	view = palloc(sizeof(IncomeView));
	income_parse_varlena(PG_GETARG_VARLENA_PP(0), view);
	funcctx->user_fctx = view;
	funcctx->max_calls = view->nunits;
	MemoryContextSwitchTo(old);
}

#define UNIT_COLUMNS 9

Datum
seg_income_units(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	IncomeView *view;

	if (SRF_IS_FIRSTCALL())
		income_units_srf_init(fcinfo);
	funcctx = SRF_PERCALL_SETUP();
	view = (IncomeView *) funcctx->user_fctx;

	if (funcctx->call_cntr < funcctx->max_calls)
	{
		const IncomeUnit *u = &view->units[funcctx->call_cntr];
		Datum		values[UNIT_COLUMNS];
		bool		nulls[UNIT_COLUMNS] = {0};
		double		n = (double) u->n;
		double		mu = u->sum / n;

		if (view->kind == INCOME_KEY_INT)
			values[0] = CStringGetTextDatum(psprintf(INT64_FORMAT, u->key.ival));
		else
			values[0] = PointerGetDatum(cstring_to_text_with_len(u->key.str, u->key.len));
		values[1] = Int64GetDatum(u->n);
		values[2] = Int64GetDatum(u->nzero);
		values[3] = Int64GetDatum(u->nneg);
		values[4] = Float8GetDatum(mu);
		/* NULL where sd^2 exceeds float8 (incomes beyond 1e154); sd is there */
		values[5] = Float8GetDatum(u->sd * u->sd);
		nulls[5] = isinf(u->sd * u->sd);
		values[8] = Float8GetDatum(u->sd);
		/* the unit's own Theil T and L, under the same policy as the totals */
		if (u->nneg == 0 && u->sum > 0)
			values[6] = Float8GetDatum(income_unit_theil_t(u));
		else
			nulls[6] = true;
		if (u->nneg == 0 && u->nzero == 0)
			values[7] = Float8GetDatum(income_unit_theil_l(u));
		else
			nulls[7] = true;
		SRF_RETURN_NEXT(funcctx,
						HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc,
														  values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}

/*
 * One row per unit: its key and a one-unit incomestats value, so that a
 * single pass over person rows at the finest unit can be joined to a unit
 * -> region key and rolled up with seg_merge() GROUP BY region.
 */
Datum
seg_income_split(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	IncomeView *view;

	if (SRF_IS_FIRSTCALL())
		income_units_srf_init(fcinfo);
	funcctx = SRF_PERCALL_SETUP();
	view = (IncomeView *) funcctx->user_fctx;

	if (funcctx->call_cntr < funcctx->max_calls)
	{
		const IncomeUnit *u = &view->units[funcctx->call_cntr];
		Datum		values[2];
		bool		nulls[2] = {false, false};
		StringInfoData buf;

		if (view->kind == INCOME_KEY_INT)
			values[0] = CStringGetTextDatum(psprintf(INT64_FORMAT, u->key.ival));
		else
			values[0] = PointerGetDatum(cstring_to_text_with_len(u->key.str, u->key.len));
		income_send_header(&buf, view->kind, 1);
		income_send_unit(&buf, view->kind, u);
		values[1] = PointerGetDatum(pq_endtypsend(&buf));
		SRF_RETURN_NEXT(funcctx,
						HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc,
														  values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}
