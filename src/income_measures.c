/*-------------------------------------------------------------------------
 *
 * income_measures.c
 *	  Income inequality and income segregation measures over incomestats
 *	  (doc/methodology.md §2): Theil T and L with their between- and
 *	  within-unit parts, and Jargowsky's neighborhood sorting index.
 *
 *-------------------------------------------------------------------------
 */
#include "incomestats.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"

PG_FUNCTION_INFO_V1(seg_theil_t);
PG_FUNCTION_INFO_V1(seg_theil_t_between);
PG_FUNCTION_INFO_V1(seg_theil_t_within);
PG_FUNCTION_INFO_V1(seg_theil_t_parts);
PG_FUNCTION_INFO_V1(seg_theil_l);
PG_FUNCTION_INFO_V1(seg_theil_l_between);
PG_FUNCTION_INFO_V1(seg_theil_l_within);
PG_FUNCTION_INFO_V1(seg_theil_l_parts);
PG_FUNCTION_INFO_V1(seg_nsi);

/* ------------------------------------------------------------------------
 * Measures
 * ------------------------------------------------------------------------
 */

typedef struct Decomposition
{
	double		total;
	double		between;
	double		within;
} Decomposition;

typedef struct Totals
{
	double		n;
	double		sum;
	bool		any_zero;
	bool		any_negative;
} Totals;

static Totals
view_totals(const IncomeView *view)
{
	Totals		t = {0};
	CompSum		sum = {0};

	for (int i = 0; i < view->nunits; i++)
	{
		const IncomeUnit *u = &view->units[i];

		t.n += (double) u->n;
		compsum_add(&sum, u->sum);
		t.any_zero |= u->nzero > 0;
		t.any_negative |= u->nneg > 0;
	}
	t.sum = compsum_value(&sum);
	return t;
}

static double
checked_result(double value)
{
	if (!isfinite(value))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("income measure out of range")));
	return value;
}

/* ln(a / b) for a, b > 0, also when a / b under- or overflows. */
static double
log_ratio(double a, double b)
{
	double		r = a / b;

	if (isnormal(r) && isfinite(r))
		return log(r);
	return log(a) - log(b);
}

/*
 * A unit's own Theil T, T_g = (sum y ln y) / S_g - ln mu_g, in [0, ln n_g]:
 * the bounds are the mathematics' (equal incomes, one income holding all),
 * and they hold exactly where rounding would not: one income gives 0 even
 * when y ln y of a denormal y has lost digits (5e-324 gave 0.44).
 * Requires S_g > 0 and no negative income.
 */
double
income_unit_theil_t(const IncomeUnit *u)
{
	double		mu = u->sum / (double) u->n;

	if (u->n == 1)
		return 0;
	return Min(clamp_nonnegative(u->ylny / u->sum - log(mu)),
			   log((double) u->n));
}

/*
 * A unit's own Theil L, L_g = ln mu_g - (sum ln y) / n_g >= 0; 0 for one
 * income.  Requires every income positive.
 */
double
income_unit_theil_l(const IncomeUnit *u)
{
	double		n = (double) u->n;

	if (u->n == 1)
		return 0;
	return clamp_nonnegative(log(u->sum / n) - u->lny / n);
}

/*
 * Theil T = between + within over units g, with income shares
 * s_g = S_g / S:  between = sum s_g ln(mu_g / mu),
 * within = sum s_g T_g,  T_g = (sum y ln y) / S_g - ln mu_g.
 * Zero incomes count with 0 ln 0 = 0, so units whose incomes are all zero
 * have s_g = 0 and contribute nothing.  Undefined (false) when an income
 * is negative or all incomes are zero.  Both parts are >= 0 in exact
 * arithmetic; rounding below zero is clamped.
 */
static bool
theil_t(const IncomeView *view, Decomposition *d)
{
	Totals		t = view_totals(view);
	CompSum		between = {0},
				within = {0};
	double		mu;

	if (t.any_negative || !(t.sum > 0))
		return false;
	mu = t.sum / t.n;
	for (int i = 0; i < view->nunits; i++)
	{
		const IncomeUnit *u = &view->units[i];
		double		share,
					mu_g,
					t_g;

		if (u->sum <= 0)
			continue;
		share = u->sum / t.sum;
		mu_g = u->sum / (double) u->n;
		t_g = income_unit_theil_t(u);
		compsum_add(&between, share * log_ratio(mu_g, mu));
		compsum_add(&within, share * t_g);
	}
	/* T and both parts lie in [0, ln N] */
	d->between = Min(checked_result(clamp_nonnegative(compsum_value(&between))), log(t.n));
	d->within = Min(checked_result(clamp_nonnegative(compsum_value(&within))), log(t.n));
	d->total = Min(d->between + d->within, log(t.n));
	return true;
}

/*
 * Theil L (mean log deviation) = between + within with population shares
 * n_g / N:  between = sum (n_g/N) ln(mu / mu_g),
 * within = sum (n_g/N) L_g,  L_g = ln mu_g - (sum ln y) / n_g.
 * Undefined (false) unless every income is positive.
 */
static bool
theil_l(const IncomeView *view, Decomposition *d)
{
	Totals		t = view_totals(view);
	CompSum		between = {0},
				within = {0};
	double		mu;

	if (t.any_negative || t.any_zero || !(t.sum > 0))
		return false;
	mu = t.sum / t.n;
	for (int i = 0; i < view->nunits; i++)
	{
		const IncomeUnit *u = &view->units[i];
		double		n_g = (double) u->n;
		double		share = n_g / t.n;
		double		mu_g = u->sum / n_g;
		double		l_g = income_unit_theil_l(u);

		compsum_add(&between, share * log_ratio(mu, mu_g));
		compsum_add(&within, share * l_g);
	}
	d->between = checked_result(clamp_nonnegative(compsum_value(&between)));
	d->within = checked_result(clamp_nonnegative(compsum_value(&within)));
	d->total = d->between + d->within;
	return true;
}

/*
 * NSI = sqrt(between sum of squares / total sum of squares), with the
 * total = sum over units of (n_g sd_g^2 + n_g (mu_g - mu)^2).
 * Any incomes are allowed.  Undefined (false) when all incomes are equal.
 * Every term is divided by c^2, c the largest of sqrt(n_g) sd_g and
 * sqrt(n_g) |mu_g - mu|, so each is <= 1 and no square over- or
 * underflows at any scale of incomes.
 */
static bool
nsi(const IncomeView *view, double *result)
{
	Totals		t = view_totals(view);
	CompSum		between = {0},
				within = {0};
	double		mu,
				c = 0,
				b,
				total;

	if (t.n == 0)
		return false;
	mu = t.sum / t.n;
	for (int i = 0; i < view->nunits; i++)
	{
		const IncomeUnit *u = &view->units[i];
		double		rn = sqrt((double) u->n);

		c = Max(c, Max(fabs(checked_result(rn * (u->sum / (double) u->n - mu))),
					   checked_result(rn * u->sd)));
	}
	if (c == 0)
		return false;
	for (int i = 0; i < view->nunits; i++)
	{
		const IncomeUnit *u = &view->units[i];
		double		rn = sqrt((double) u->n);
		double		dev = rn * (u->sum / (double) u->n - mu) / c;
		double		w = rn * u->sd / c;

		compsum_add(&between, dev * dev);
		compsum_add(&within, w * w);
	}
	b = compsum_value(&between);
	total = b + compsum_value(&within);
	if (!(total > 0))
		return false;
	*result = sqrt(Min(checked_result(b / total), 1.0));
	return true;
}

typedef bool (*DecompositionFn) (const IncomeView *view, Decomposition *d);

typedef enum DecompositionPart
{
	PART_TOTAL,
	PART_BETWEEN,
	PART_WITHIN
} DecompositionPart;

static Datum
decomposition_scalar(FunctionCallInfo fcinfo, DecompositionFn fn,
					 DecompositionPart part)
{
	IncomeView	view;
	Decomposition d;

	income_parse_varlena(PG_GETARG_VARLENA_PP(0), &view);
	if (!fn(&view, &d))
		PG_RETURN_NULL();
	switch (part)
	{
		case PART_BETWEEN:
			PG_RETURN_FLOAT8(d.between);
		case PART_WITHIN:
			PG_RETURN_FLOAT8(d.within);
		default:
			PG_RETURN_FLOAT8(d.total);
	}
}

static Datum
decomposition_row(FunctionCallInfo fcinfo, DecompositionFn fn)
{
	IncomeView	view;
	Decomposition d;
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	income_parse_varlena(PG_GETARG_VARLENA_PP(0), &view);
	if (!fn(&view, &d))
		PG_RETURN_NULL();
	values[0] = Float8GetDatum(d.total);
	values[1] = Float8GetDatum(d.between);
	values[2] = Float8GetDatum(d.within);
	tupdesc = BlessTupleDesc(tupdesc);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

Datum
seg_theil_t(PG_FUNCTION_ARGS)
{
	return decomposition_scalar(fcinfo, theil_t, PART_TOTAL);
}

Datum
seg_theil_t_between(PG_FUNCTION_ARGS)
{
	return decomposition_scalar(fcinfo, theil_t, PART_BETWEEN);
}

Datum
seg_theil_t_within(PG_FUNCTION_ARGS)
{
	return decomposition_scalar(fcinfo, theil_t, PART_WITHIN);
}

Datum
seg_theil_t_parts(PG_FUNCTION_ARGS)
{
	return decomposition_row(fcinfo, theil_t);
}

Datum
seg_theil_l(PG_FUNCTION_ARGS)
{
	return decomposition_scalar(fcinfo, theil_l, PART_TOTAL);
}

Datum
seg_theil_l_between(PG_FUNCTION_ARGS)
{
	return decomposition_scalar(fcinfo, theil_l, PART_BETWEEN);
}

Datum
seg_theil_l_within(PG_FUNCTION_ARGS)
{
	return decomposition_scalar(fcinfo, theil_l, PART_WITHIN);
}

Datum
seg_theil_l_parts(PG_FUNCTION_ARGS)
{
	return decomposition_row(fcinfo, theil_l);
}

Datum
seg_nsi(PG_FUNCTION_ARGS)
{
	IncomeView	view;
	double		result;

	income_parse_varlena(PG_GETARG_VARLENA_PP(0), &view);
	if (!nsi(&view, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

