/*-------------------------------------------------------------------------
 *
 * economic.c
 *	  The Swedish consumption-unit scale and economic standard
 *	  (doc/methodology.md §1.1) and income classes from thresholds.
 *
 *-------------------------------------------------------------------------
 */
#include "segindex.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(seg_consumption_units);
PG_FUNCTION_INFO_V1(seg_economic_standard);
PG_FUNCTION_INFO_V1(seg_low_economic_standard);
PG_FUNCTION_INFO_V1(seg_income_class);

/* ------------------------------------------------------------------------
 * Economic standard (METHODOLOGY 1.1)
 * ------------------------------------------------------------------------
 */

/*
 * Consumption units of a household on the Swedish 2004 scale, in
 * hundredths so that 1 + 0.51 + 0.52 prints as 2.03.
 */
static double
consumption_units(int32 adults, int32 children)
{
	int64		cu;

	if (adults < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"adults\" must not be negative"),
				 errdetail("Got %d.", adults)));
	if (children < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"children\" must not be negative"),
				 errdetail("Got %d.", children)));
	if (adults == 0 && children == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a household must have at least one person"),
				 errdetail("Got adults = 0 and children = 0.")));

	/*
	 * SCB counts a person aged 0-19 as a child only when living with a
	 * parent, so a household without adults has no children: its members
	 * are weighted as adults.
	 */
	if (adults == 0)
	{
		adults = children;
		children = 0;
	}

	cu = 100;
	if (adults >= 2)
		cu += 51;
	if (adults >= 3)
		cu += (int64) 60 * (adults - 2);
	if (children >= 1)
		cu += 52 + (int64) 42 * (children - 1);
	return (double) cu / 100.0;
}

Datum
seg_consumption_units(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(consumption_units(PG_GETARG_INT32(0), PG_GETARG_INT32(1)));
}

/* Disposable household income per consumption unit. */
Datum
seg_economic_standard(PG_FUNCTION_ARGS)
{
	double		income = PG_GETARG_FLOAT8(0);

	seg_check_finite(income, "disposable_income");
	PG_RETURN_FLOAT8(income / consumption_units(PG_GETARG_INT32(1),
												PG_GETARG_INT32(2)));
}

/* Is the economic standard below share * median (SCB: 60 %)? */
Datum
seg_low_economic_standard(PG_FUNCTION_ARGS)
{
	double		standard = PG_GETARG_FLOAT8(0);
	double		median = PG_GETARG_FLOAT8(1);
	double		share = PG_GETARG_FLOAT8(2);

	seg_check_finite(standard, "standard");
	if (!isfinite(median) || median <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"median\" must be finite and positive"),
				 errdetail("Got %g.", median)));
	if (!isfinite(share) || share <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"share\" must be finite and positive"),
				 errdetail("Got %g.", share)));
	PG_RETURN_BOOL(standard < share * median);
}

/* ------------------------------------------------------------------------
 * Income classes
 * ------------------------------------------------------------------------
 */

/*
 * Validated thresholds, cached across calls: the thresholds usually come
 * from one scalar subquery, so each row would otherwise re-parse the same
 * array.
 */
typedef struct ThresholdCache
{
	Size		nbytes;			/* size of the array datum they came from */
	char	   *bytes;			/* copy of that datum, to detect changes */
	int			n;
	double	   *values;
} ThresholdCache;

static void
thresholds_parse(ArrayType *arr, ThresholdCache *cache, MemoryContext context)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	if (ARR_NDIM(arr) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"thresholds\" must not be empty")));
	if (ARR_NDIM(arr) != 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("argument \"thresholds\" must be a one-dimensional array"),
				 errdetail("Got %d dimensions.", ARR_NDIM(arr))));
	deconstruct_array(arr, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &elems, &nulls, &n);
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"thresholds\" must not be empty")));

	cache->values = MemoryContextAlloc(context, n * sizeof(double));
	for (int i = 0; i < n; i++)
	{
		double		t;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("argument \"thresholds\" must not contain NULL"),
					 errdetail("Element %d is NULL.", i + 1)));
		t = DatumGetFloat8(elems[i]);
		seg_check_finite(t, "thresholds");
		if (i > 0 && t < cache->values[i - 1])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"thresholds\" must be in non-decreasing order"),
					 errdetail("Element %d (%g) is less than element %d (%g).",
							   i + 1, t, i, cache->values[i - 1])));
		cache->values[i] = t;
	}
	cache->n = n;
}

/*
 * Class 1..K+1 of income given K thresholds: 1 + the number of thresholds
 * at or below the income.  Lower class bounds are inclusive, as in
 * width_bucket(): income = t_k falls in class k + 1.
 */
Datum
seg_income_class(PG_FUNCTION_ARGS)
{
	double		income = PG_GETARG_FLOAT8(0);
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
	ThresholdCache *cache = (ThresholdCache *) fcinfo->flinfo->fn_extra;
	Size		nbytes = VARSIZE(arr);
	int			lo,
				hi;

	seg_check_finite(income, "income");
	if (cache == NULL || cache->nbytes != nbytes ||
		memcmp(cache->bytes, arr, nbytes) != 0)
	{
		MemoryContext context = fcinfo->flinfo->fn_mcxt;
		ThresholdCache fresh = {0};

		thresholds_parse(arr, &fresh, context);
		if (cache == NULL)
			cache = MemoryContextAlloc(context, sizeof(ThresholdCache));
		else
		{
			pfree(cache->bytes);
			pfree(cache->values);
		}
		*cache = fresh;
		cache->nbytes = nbytes;
		cache->bytes = MemoryContextAlloc(context, nbytes);
		memcpy(cache->bytes, arr, nbytes);
		fcinfo->flinfo->fn_extra = cache;
	}

	/* binary search for the number of thresholds <= income */
	lo = 0;
	hi = cache->n;
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (cache->values[mid] <= income)
			lo = mid + 1;
		else
			hi = mid;
	}
	PG_RETURN_INT32(lo + 1);
}

