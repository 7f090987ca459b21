/*-------------------------------------------------------------------------
 *
 * intervals.c
 *	  Confidence intervals for statistics by area type (METHODOLOGY
 *	  section 7): Wilson's score interval for a proportion and Garwood's
 *	  exact interval for a Poisson rate.
 *
 * Both take counts rather than shares, so the caller never divides first.
 * The Poisson bounds are quantiles of the gamma distribution, found here
 * from the regularized incomplete gamma function by safeguarded Newton
 * steps; above a shape of 1e7 the Wilson-Hilferty cube-root approximation
 * is already exact to double precision for practical purposes and is used
 * directly (the series would need ~sqrt(shape) terms).
 *
 *-------------------------------------------------------------------------
 */
#include "segindex.h"

#include <float.h>
#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(seg_wilson_interval);
PG_FUNCTION_INFO_V1(seg_poisson_interval);

#define WILSON_HILFERTY_SHAPE 1e7

/*
 * Inverse standard normal CDF: Wichura's algorithm AS 241 (PPND16),
 * relative accuracy about 1e-16 over the whole range.
 */
static double
normal_quantile(double p)
{
	double		q = p - 0.5;
	double		r;
	double		x;

	if (fabs(q) <= 0.425)
	{
		r = 0.180625 - q * q;
		return q * (((((((r * 2509.0809287301226727 +
						  33430.575583588128105) * r + 67265.770927008700853) * r +
						45921.953931549871457) * r + 13731.693765509461125) * r +
					  1971.5909503065514427) * r + 133.14166789178437745) * r +
					3.387132872796366608) /
			(((((((r * 5226.495278852545925 +
				   28729.085735721942674) * r + 39307.89580009271061) * r +
				 21213.794301586595867) * r + 5394.1960214247511077) * r +
			   687.1870074920579083) * r + 42.313330701600911252) * r + 1.0);
	}
	r = (q < 0) ? p : 1.0 - p;
	r = sqrt(-log(r));
	if (r <= 5.0)
	{
		r -= 1.6;
		x = (((((((r * 7.7454501427834140764e-4 +
				   0.0227238449892691845833) * r + 0.24178072517745061177) * r +
				 1.27045825245236838258) * r + 3.64784832476320460504) * r +
			   5.7694972214606914055) * r + 4.6303378461565452959) * r +
			 1.42343711074968357734) /
			(((((((r * 1.05075007164441684324e-9 +
				   5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
				 0.14810397642748007459) * r + 0.68976733498510000455) * r +
			   1.6763848301838038494) * r + 2.05319162663775882187) * r + 1.0);
	}
	else
	{
		r -= 5.0;
		x = (((((((r * 2.01033439929228813265e-7 +
				   2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
				 0.026532189526576123093) * r + 0.29656057182850489123) * r +
			   1.7848265399172913358) * r + 5.4637849111641143699) * r +
			 6.6579046435011037772) /
			(((((((r * 2.04426310338993978564e-15 +
				   1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
				 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r +
			   0.13692988092273580531) * r + 0.59983220655588793769) * r + 1.0);
	}
	return (q < 0) ? -x : x;
}

/*
 * log of x^a e^-x / Gamma(a), the common factor of P(a, x) and Q(a, x).
 * For large a the direct form cancels badly (a ln x and x are both ~a), so
 * it is written around x = a with log1p and Stirling's series.
 */
static double
gamma_log_prefactor(double a, double x)
{
	double		t,
				stirl;

	double		a2 = a * a;

	if (a < 50.0)
		return a * log(x) - x - lgamma(a);
	t = (x - a) / a;
	/* lgamma(a) - ((a - 0.5) ln a - a + 0.5 ln 2 pi); next term < 1e-18 */
	stirl = (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - 1.0 / (1680.0 * a2)) / a2) / a2) / a;
	return a * (log1p(t) - t) + 0.5 * log(a) - 0.5 * log(2.0 * M_PI) - stirl;
}

/*
 * Regularized incomplete gamma: sets *p = P(a, x) and *q = Q(a, x) = 1 - P,
 * each computed directly where it is the smaller one (series below a + 1,
 * Lentz's continued fraction above), so tail quantiles keep full relative
 * precision.
 */
static void
incomplete_gamma(double a, double x, double *p, double *q)
{
	double		lpre;

	if (x <= 0)
	{
		*p = 0;
		*q = 1;
		return;
	}
	lpre = gamma_log_prefactor(a, x);
	if (x < a + 1.0)
	{
		double		ap = a,
					del = 1.0 / a,
					sum = del;

		for (int n = 0; n < 10000000; n++)
		{
			ap += 1.0;
			del *= x / ap;
			sum += del;
			if (fabs(del) < fabs(sum) * 1e-17)
				break;
		}
		*p = sum * exp(lpre);
		if (*p > 1)
			*p = 1;
		*q = 1.0 - *p;
	}
	else
	{
		double		b = x + 1.0 - a,
					c = 1.0 / DBL_MIN,
					d = 1.0 / b,
					h = d;

		for (int i = 1; i < 10000000; i++)
		{
			double		an = -i * (i - a),
						del;

			b += 2.0;
			d = an * d + b;
			if (fabs(d) < DBL_MIN)
				d = DBL_MIN;
			c = b + an / c;
			if (fabs(c) < DBL_MIN)
				c = DBL_MIN;
			d = 1.0 / d;
			del = d * c;
			h *= del;
			if (fabs(del - 1.0) < 1e-17)
				break;
		}
		*q = exp(lpre) * h;
		if (*q > 1)
			*q = 1;
		*p = 1.0 - *q;
	}
}

/* Wilson-Hilferty: Gamma(a) quantile from the normal quantile z. */
static double
wilson_hilferty(double a, double z)
{
	double		v = 1.0 / (9.0 * a);
	double		c = 1.0 - v + z * sqrt(v);

	return (c > 0) ? a * c * c * c : 0;
}

/*
 * The prob-quantile of Gamma(shape a, scale 1), 0 < prob < 1, a > 0.
 * Newton steps on whichever of P and Q is the smaller tail, kept inside a
 * bracket that shrinks with every evaluation; a step that leaves the
 * bracket is replaced by bisection (geometric while the bracket spans
 * orders of magnitude).
 */
static double
gamma_quantile(double a, double prob)
{
	bool		upper = prob > 0.5;
	double		target = upper ? 1.0 - prob : prob;
	double		lo = 0,
				hi = HUGE_VAL;
	double		x;

	if (!upper)
	{
		/* P(a, x) ~ x^a / Gamma(a + 1) for small x: a tiny shape underflows */
		x = exp((log(prob) + lgamma(a + 1.0)) / a);
		if (x < DBL_MIN)
			return x;
	}
	x = wilson_hilferty(a, normal_quantile(prob));
	if (a > WILSON_HILFERTY_SHAPE)
		return x;
	if (!(x > 0) || !isfinite(x))
		/* lower tail for small a: P(a, x) ~ x^a / Gamma(a + 1) */
		x = exp((log(prob) + lgamma(a + 1.0)) / a);
	if (!(x > 0))
		x = DBL_MIN;

	for (int iter = 0; iter < 400; iter++)
	{
		double		p,
					q,
					f,
					dens,
					nx;

		incomplete_gamma(a, x, &p, &q);
		f = upper ? (target - q) : (p - target);	/* increasing in x */
		if (f == 0)
			return x;
		if (f < 0)
			lo = x;
		else
			hi = x;
		dens = exp(gamma_log_prefactor(a, x)) / x;
		nx = x - f / dens;
		if (!(nx > lo && nx < hi) || !isfinite(nx))
		{
			if (!isfinite(hi))
				nx = 2 * x + 1;
			else if (lo > 0 && hi / lo > 4)
				nx = sqrt(lo) * sqrt(hi);
			else
				nx = lo + (hi - lo) / 2;
		}
		if (fabs(nx - x) <= 4 * DBL_EPSILON * x || nx == lo || nx == hi)
			return nx;
		x = nx;
	}
	return x;
}

/* The level must lie strictly between 0 and 1. */
static void
check_level(double level)
{
	if (!(level > 0 && level < 1))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("argument \"level\" must be between 0 and 1 (exclusive)"),
				 errdetail("Got %g.", level)));
}

/* Builds the (estimate, lower, upper) record. */
static Datum
interval_record(FunctionCallInfo fcinfo, double est, double lo, double hi)
{
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = Float8GetDatum(est);
	values[1] = Float8GetDatum(lo);
	values[2] = Float8GetDatum(hi);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/*
 * Wilson score interval in count form: with z^2 added to n the formula
 * never forms c/n * (1 - c/n) * n, so no product of two counts overflows.
 *   centre = (c + z^2/2) / (n + z^2)
 *   half   = z / (n + z^2) * sqrt(c (n - c) / n + z^2 / 4)
 */
Datum
seg_wilson_interval(PG_FUNCTION_ARGS)
{
	double		c = PG_GETARG_FLOAT8(0);
	double		n = PG_GETARG_FLOAT8(1);
	double		level = PG_GETARG_FLOAT8(2);
	double		z,
				z2,
				den,
				centre,
				half,
				lo,
				hi;

	seg_check_count(c, "count");
	seg_check_count(n, "base");
	check_level(level);
	if (c > n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"count\" must not exceed \"base\""),
				 errdetail("Got %g > %g.", c, n)));
	if (n == 0)
		PG_RETURN_NULL();

	z = normal_quantile((1.0 + level) / 2.0);
	z2 = z * z;
	den = n + z2;
	centre = (c + z2 / 2.0) / den;
	half = z / den * sqrt(c * ((n - c) / n) + z2 / 4.0);
	/*
	 * centre - half cancels when c/n is tiny (it gave 5.6e-17 above an
	 * estimate of 1e-300); centre^2 - half^2 = (c/n)(c/den) gives it without
	 * cancellation.  Rounding may not put the bounds across the estimate.
	 */
	lo = (c == 0) ? 0 : fmin(c / n, (c / n) * (c / den) / (centre + half));
	hi = (c == n) ? 1 : fmax(c / n, fmin(1, centre + half));
	return interval_record(fcinfo, c / n, lo, hi);
}

/*
 * Garwood's exact Poisson interval for the rate c / E:
 *   lower = G^-1((1 - L)/2; c) / E (0 when c = 0)
 *   upper = G^-1((1 + L)/2; c + 1) / E
 */
Datum
seg_poisson_interval(PG_FUNCTION_ARGS)
{
	double		c = PG_GETARG_FLOAT8(0);
	double		e = PG_GETARG_FLOAT8(1);
	double		level = PG_GETARG_FLOAT8(2);
	double		lo,
				hi,
				est;

	seg_check_count(c, "count");
	seg_check_nonnegative(e, "exposure");
	check_level(level);
	if (e == 0)
		PG_RETURN_NULL();

	lo = (c == 0) ? 0 : gamma_quantile(c, (1.0 - level) / 2.0) / e;
	hi = gamma_quantile(c + 1.0, (1.0 + level) / 2.0) / e;
	est = c / e;
	if (!isfinite(hi) || !isfinite(est))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("Poisson rate out of range"),
				 errdetail("count %g over exposure %g exceeds the float8 range.", c, e)));
	/* the bounds must bracket the estimate even after rounding */
	PG_RETURN_DATUM(interval_record(fcinfo, est, fmin(lo, est), fmax(hi, est)));
}
