/*-------------------------------------------------------------------------
 *
 * official.c
 *	  Sweden's official segregation measures (METHODOLOGY section 1):
 *	  SCB's socioeconomic index, the five area types, the partition
 *	  z-score helpers behind Delmos' kommun flags, Delmos' inequality
 *	  index and SCB's disclosure rule.
 *
 *-------------------------------------------------------------------------
 */
#include "segindex.h"

#include <math.h>

#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "windowapi.h"

PG_FUNCTION_INFO_V1(seg_sei);
PG_FUNCTION_INFO_V1(seg_sei_counts);
PG_FUNCTION_INFO_V1(seg_area_type_window);
PG_FUNCTION_INFO_V1(seg_area_type_scalar);
PG_FUNCTION_INFO_V1(seg_area_type_name);
PG_FUNCTION_INFO_V1(seg_zscore_window);
PG_FUNCTION_INFO_V1(seg_sd_flag_window);
PG_FUNCTION_INFO_V1(seg_inequality_sfunc);
PG_FUNCTION_INFO_V1(seg_inequality_combine);
PG_FUNCTION_INFO_V1(seg_inequality_serialize);
PG_FUNCTION_INFO_V1(seg_inequality_deserialize);
PG_FUNCTION_INFO_V1(seg_inequality_final);
PG_FUNCTION_INFO_V1(seg_publishable_share);

/* ------------------------------------------------------------------------
 * Socioeconomic index
 * ------------------------------------------------------------------------
 */

Datum
seg_sei(PG_FUNCTION_ARGS)
{
	static const char *const names[] = {"v1", "v2", "v3"};
	double		sum = 0;

	for (int i = 0; i < 3; i++)
	{
		double		v = PG_GETARG_FLOAT8(i);

		seg_check_range(v, 0, 100, names[i]);
		sum += v;
	}
	PG_RETURN_FLOAT8(sum / 3);
}

/*
 * Count form: (numerator, denominator) per variable.  Age bands differ by
 * year, so the caller decides what the counts cover.
 */
Datum
seg_sei_counts(PG_FUNCTION_ARGS)
{
	static const char *const names[] = {"v1_num", "v1_den", "v2_num",
	"v2_den", "v3_num", "v3_den"};
	double		sum = 0;
	bool		zero_den = false;

	for (int i = 0; i < 6; i += 2)
	{
		double		num = PG_GETARG_FLOAT8(i);
		double		den = PG_GETARG_FLOAT8(i + 1);

		seg_check_count(num, names[i]);
		seg_check_count(den, names[i + 1]);
		if (num > den)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"%s\" must not exceed \"%s\"",
							names[i], names[i + 1]),
					 errdetail("Got %g > %g.", num, den)));
		if (den == 0)
			zero_den = true;	/* validate the rest before returning NULL */
		else
			sum += 100.0 * (num / den);	/* 100 * num alone may overflow */
	}
	if (zero_den)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(sum / 3);
}

/* ------------------------------------------------------------------------
 * Area types and partition z-scores
 * ------------------------------------------------------------------------
 */

static const char *const area_type_names_sv[] = {
	"Områden med stora socioekonomiska utmaningar",
	"Områden med socioekonomiska utmaningar",
	"Socioekonomiskt blandade områden",
	"Områden med goda socioekonomiska förutsättningar",
	"Områden med mycket goda socioekonomiska förutsättningar"
};

static const char *const area_type_names_en[] = {
	"Areas with major socioeconomic challenges",
	"Areas with socioeconomic challenges",
	"Socioeconomically mixed areas",
	"Areas with good socioeconomic conditions",
	"Areas with very good socioeconomic conditions"
};

/* Type 1..5 given the reference mean and a positive standard deviation. */
static int
area_type(double index, double mean, double sd)
{
	if (index >= mean + 2 * sd)
		return 1;
	if (index >= mean + sd)
		return 2;
	if (index >= mean)
		return 3;
	if (index >= mean - sd)
		return 4;
	return 5;
}

/* Mean and sample standard deviation of the non-NULL values of a partition. */
typedef struct PartitionStats
{
	bool		computed;
	int64		n;
	int			scale;			/* mean and sd are of the values times 2^-scale */
	double		mean;
	double		sd;				/* NaN when n < 2 */
} PartitionStats;

/*
 * Adds the partition's non-NULL values, or their squared deviations from
 * center when square is true, and returns how many there were.
 */
static int64
partition_sum(WindowObject winobj, const char *argname, bool square,
			  int scale, double center, CompSum *acc)
{
	int64		n = 0;

	for (int64 pos = 0;; pos++)
	{
		bool		isnull,
					isout;
		Datum		d;
		double		x;

		d = WinGetFuncArgInPartition(winobj, 0, pos, WINDOW_SEEK_HEAD,
									 false, &isnull, &isout);
		if (isout)
			break;
		if (isnull)
			continue;
		x = ldexp(DatumGetFloat8(d), -scale);
		n++;
		compsum_add(acc, square ? (x - center) * (x - center) : x);
	}
	return n;
}

/*
 * The binary exponent of the partition's largest |value| (0 when all are
 * zero): dividing by it keeps the squares of ±1e308 and of denormals finite
 * and non-zero, exactly, since it is a power of two.
 */
static int
partition_scale(WindowObject winobj, const char *argname)
{
	double		max = 0;
	int			e = 0;

	for (int64 pos = 0;; pos++)
	{
		bool		isnull,
					isout;
		Datum		d;

		d = WinGetFuncArgInPartition(winobj, 0, pos, WINDOW_SEEK_HEAD,
									 false, &isnull, &isout);
		if (isout)
			break;
		if (isnull)
			continue;
		seg_check_finite(DatumGetFloat8(d), argname);
		max = Max(max, fabs(DatumGetFloat8(d)));
	}
	if (max > 0)
		(void) frexp(max, &e);
	return e;
}

/*
 * Computes the statistics once per partition and caches them in the
 * partition-local memory.  After the scaling pass, two compensated passes,
 * so values that sit exactly on a type bound in exact arithmetic are
 * classified as such.
 */
static PartitionStats *
partition_stats(WindowObject winobj, const char *argname)
{
	PartitionStats *stats;

	stats = (PartitionStats *) WinGetPartitionLocalMemory(winobj,
														  sizeof(PartitionStats));
	if (!stats->computed)
	{
		CompSum		sum = {0, 0};
		CompSum		squares = {0, 0};
		int			scale = partition_scale(winobj, argname);
		int64		n = partition_sum(winobj, argname, false, scale, 0, &sum);

		stats->scale = scale;
		stats->n = n;
		stats->mean = n > 0 ? compsum_value(&sum) / n : NAN;
		if (n >= 2)
		{
			partition_sum(winobj, argname, true, scale, stats->mean, &squares);
			stats->sd = sqrt(compsum_value(&squares) / (n - 1));
		}
		else
			stats->sd = NAN;
		stats->computed = true;
	}
	return stats;
}

/* The current row's argument, or false when it is NULL. */
static bool
current_value(WindowObject winobj, int argno, double *value)
{
	bool		isnull;
	Datum		d = WinGetFuncArgCurrent(winobj, argno, &isnull);

	if (isnull)
		return false;
	*value = DatumGetFloat8(d);
	return true;
}

/* True when the partition has a usable spread: n >= 2 and sd > 0. */
static bool
stats_usable(const PartitionStats *stats)
{
	return stats->n >= 2 && stats->sd > 0;
}

Datum
seg_area_type_window(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	PartitionStats *stats = partition_stats(winobj, "index");
	double		index;

	if (!current_value(winobj, 0, &index) || !stats_usable(stats))
		PG_RETURN_NULL();
	PG_RETURN_INT32(area_type(ldexp(index, -stats->scale), stats->mean, stats->sd));
}

Datum
seg_zscore_window(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	PartitionStats *stats = partition_stats(winobj, "x");
	double		x;

	if (!current_value(winobj, 0, &x) || !stats_usable(stats))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((ldexp(x, -stats->scale) - stats->mean) / stats->sd);
}

/* Is x >= mean + k * sd of its partition?  Delmos' kommun flag test. */
Datum
seg_sd_flag_window(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	PartitionStats *stats = partition_stats(winobj, "x");
	double		x,
				k;

	if (!current_value(winobj, 0, &x) || !current_value(winobj, 1, &k))
		PG_RETURN_NULL();
	seg_check_finite(k, "k");
	if (!stats_usable(stats))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(ldexp(x, -stats->scale) >= stats->mean + k * stats->sd);
}

Datum
seg_area_type_scalar(PG_FUNCTION_ARGS)
{
	double		index = PG_GETARG_FLOAT8(0);
	double		mean = PG_GETARG_FLOAT8(1);
	double		sd = PG_GETARG_FLOAT8(2);

	seg_check_finite(index, "index");
	seg_check_finite(mean, "mean");
	seg_check_nonnegative(sd, "sd");
	if (sd == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT32(area_type(index, mean, sd));
}

Datum
seg_area_type_name(PG_FUNCTION_ARGS)
{
	int32		type = PG_GETARG_INT32(0);
	char	   *lang = text_to_cstring(PG_GETARG_TEXT_PP(1));
	const char *const *names;

	if (type < 1 || type > 5)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("argument \"type\" must be between 1 and 5"),
				 errdetail("Got %d.", type)));
	/* language codes are case-insensitive (ISO 639: 'sv', 'SV', 'En') */
	if (pg_strcasecmp(lang, "sv") == 0)
		names = area_type_names_sv;
	else if (pg_strcasecmp(lang, "en") == 0)
		names = area_type_names_en;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"lang\" must be 'sv' or 'en'"),
				 errdetail("Got '%s'.", lang)));
	PG_RETURN_TEXT_P(cstring_to_text(names[type - 1]));
}

/* ------------------------------------------------------------------------
 * Inequality index: Duncan dissimilarity between two groups, 0..100
 *
 * D needs the group totals before any unit can contribute, so the state
 * keeps every unit's (low, high) pair.  That is one pair per DeSO, not per
 * person: a kommun has at most a few hundred.
 * ------------------------------------------------------------------------
 */

#define INEQUALITY_FORMAT_VERSION 1

typedef struct InequalityState
{
	int64		nunits;
	int64		capacity;
	double	   *low;
	double	   *high;
} InequalityState;

static InequalityState *
inequality_new(MemoryContext context, int64 capacity)
{
	InequalityState *state;

	state = MemoryContextAllocZero(context, sizeof(InequalityState));
	state->capacity = Max(capacity, 16);
	state->low = MemoryContextAlloc(context, state->capacity * sizeof(double));
	state->high = MemoryContextAlloc(context, state->capacity * sizeof(double));
	return state;
}

/* Appends one unit; the arrays live in the state's own memory context. */
static void
inequality_add(InequalityState *state, double low, double high)
{
	if (state->nunits == state->capacity)
	{
		state->capacity *= 2;
		state->low = repalloc_huge(state->low, state->capacity * sizeof(double));
		state->high = repalloc_huge(state->high, state->capacity * sizeof(double));
	}
	state->low[state->nunits] = low;
	state->high[state->nunits] = high;
	state->nunits++;
}

Datum
seg_inequality_sfunc(PG_FUNCTION_ARGS)
{
	MemoryContext context = seg_aggregate_context(fcinfo, "seg_inequality_sfunc");
	InequalityState *state;
	double		low,
				high;

	state = PG_ARGISNULL(0) ? NULL : (InequalityState *) PG_GETARG_POINTER(0);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		/* like sum(), a row with a NULL count is skipped */
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	low = PG_GETARG_FLOAT8(1);
	high = PG_GETARG_FLOAT8(2);
	seg_check_count(low, "low");
	seg_check_count(high, "high");

	if (state == NULL)
		state = inequality_new(context, 16);
	{
		MemoryContext old = MemoryContextSwitchTo(context);

		inequality_add(state, low, high);
		MemoryContextSwitchTo(old);
	}
	PG_RETURN_POINTER(state);
}

Datum
seg_inequality_combine(PG_FUNCTION_ARGS)
{
	MemoryContext context = seg_aggregate_context(fcinfo, "seg_inequality_combine");
	InequalityState *a = PG_ARGISNULL(0) ? NULL : (InequalityState *) PG_GETARG_POINTER(0);
	InequalityState *b = PG_ARGISNULL(1) ? NULL : (InequalityState *) PG_GETARG_POINTER(1);
	InequalityState *result;
	MemoryContext old;

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	/* Never hand back b itself: it may live in another context. */
	result = a ? a : inequality_new(context, b->nunits);
	old = MemoryContextSwitchTo(context);
	for (int64 i = 0; i < b->nunits; i++)
		inequality_add(result, b->low[i], b->high[i]);
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(result);
}

/* Format: version byte, int64 unit count, then (low, high) float8 pairs. */
Datum
seg_inequality_serialize(PG_FUNCTION_ARGS)
{
	InequalityState *state = (InequalityState *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, INEQUALITY_FORMAT_VERSION);
	pq_sendint64(&buf, state->nunits);
	for (int64 i = 0; i < state->nunits; i++)
	{
		pq_sendfloat8(&buf, state->low[i]);
		pq_sendfloat8(&buf, state->high[i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
seg_inequality_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext context = seg_aggregate_context(fcinfo, "seg_inequality_deserialize");
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	InequalityState *state;
	int			version;
	int64		nunits;

	buf.data = VARDATA_ANY(bytes);
	buf.len = VARSIZE_ANY_EXHDR(bytes);
	buf.maxlen = buf.len;
	buf.cursor = 0;

	if (buf.len < 1 + 8)
		seg_corrupt_state("seg_inequality_index state", "The value is too short.");
	version = pq_getmsgbyte(&buf);
	if (version != INEQUALITY_FORMAT_VERSION)
		seg_corrupt_state("seg_inequality_index state", "Unknown format version.");
	nunits = pq_getmsgint64(&buf);
	if (nunits < 0 || nunits > (buf.len - buf.cursor) / 16 ||
		buf.len - buf.cursor != nunits * 16)
		seg_corrupt_state("seg_inequality_index state",
						  "The unit count does not match the value's length.");

	state = inequality_new(context, nunits);
	for (int64 i = 0; i < nunits; i++)
	{
		double		low = pq_getmsgfloat8(&buf);
		double		high = pq_getmsgfloat8(&buf);

		if (!isfinite(low) || low < 0 || !isfinite(high) || high < 0)
			seg_corrupt_state("seg_inequality_index state",
							  "A count is negative or not finite.");
		state->low[i] = low;
		state->high[i] = high;
	}
	state->nunits = nunits;
	PG_RETURN_POINTER(state);
}

Datum
seg_inequality_final(PG_FUNCTION_ARGS)
{
	InequalityState *state;
	double		low_total = 0,
				high_total = 0,
				sum = 0;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (InequalityState *) PG_GETARG_POINTER(0);

	for (int64 i = 0; i < state->nunits; i++)
	{
		low_total += state->low[i];
		high_total += state->high[i];
	}
	if (low_total == 0 || high_total == 0)
		PG_RETURN_NULL();
	for (int64 i = 0; i < state->nunits; i++)
		sum += fabs(state->low[i] / low_total - state->high[i] / high_total);
	PG_RETURN_FLOAT8(50.0 * sum);
}

/* ------------------------------------------------------------------------
 * Disclosure control
 * ------------------------------------------------------------------------
 */

/*
 * 100 * part / base, or NULL unless base > min_base and part > min_part
 * (SCB: more than 20 persons, of whom more than 5 have the property).
 */
Datum
seg_publishable_share(PG_FUNCTION_ARGS)
{
	double		part = PG_GETARG_FLOAT8(0);
	double		base = PG_GETARG_FLOAT8(1);
	double		min_base = PG_GETARG_FLOAT8(2);
	double		min_part = PG_GETARG_FLOAT8(3);

	seg_check_count(part, "part");
	seg_check_count(base, "base");
	seg_check_count(min_base, "min_base");
	seg_check_count(min_part, "min_part");
	if (part > base)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"part\" must not exceed \"base\""),
				 errdetail("Got %g > %g.", part, base)));
	if (!(base > min_base && part > min_part))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * part / base);
}
