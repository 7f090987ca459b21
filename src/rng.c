/*-------------------------------------------------------------------------
 *
 * rng.c
 *	  xoshiro256** seeded by splitmix64, and exact samplers built on it:
 *	  binomial (inversion for small means, Hormann's BTRS transformed
 *	  rejection otherwise: O(1) expected), hypergeometric (inversion from
 *	  the mode: O(sd) expected), multinomial (conditional binomials).
 *	  Probabilities are computed with Loader's (2000) saddle-point form
 *	  (stirlerr, bd0), accurate for counts up to 2^53.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "rng.h"

static inline uint64
rotl(uint64 x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64
splitmix64(uint64 *x)
{
	uint64		z = (*x += UINT64CONST(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64CONST(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64CONST(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

void
seg_rng_init(SegRng *rng, int64 seed, int64 replicate)
{
	uint64		x = (uint64) seed;
	uint64		y;

	/* mix the seed, then the replicate number, into one splitmix state */
	y = splitmix64(&x);
	x = y ^ (uint64) replicate;
	y = splitmix64(&x);
	x = y;
	for (int i = 0; i < 4; i++)
		rng->s[i] = splitmix64(&x);
}

uint64
seg_rng_next(SegRng *rng)
{
	uint64	   *s = rng->s;
	uint64		result = rotl(s[1] * 5, 7) * 9;
	uint64		t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double
seg_rng_uniform(SegRng *rng)
{
	return (seg_rng_next(rng) >> 11) * 0x1.0p-53;
}

uint64
seg_rng_below(SegRng *rng, uint64 n)
{
	uint64		limit = PG_UINT64_MAX - PG_UINT64_MAX % n;
	uint64		x;

	do
		x = seg_rng_next(rng);
	while (x >= limit);
	return x % n;
}

/* Inversion: for n p < 10, O(n p) expected steps. */
static double
binomial_inversion(SegRng *rng, double n, double p)
{
	double		q = 1 - p;
	double		s = p / q;
	double		a = (n + 1) * s;
	double		r = exp(n * log1p(-p));
	double		u = seg_rng_uniform(rng);
	double		x = 0;

	while (u > r)
	{
		u -= r;
		x++;
		if (x > n)
		{
			/* rounding left mass beyond n: start over */
			u = seg_rng_uniform(rng);
			x = 0;
			r = exp(n * log1p(-p));
			continue;
		}
		r *= (a / x - s);
	}
	return x;
}

#define LN_SQRT_2PI 0.918938533204672741780329736406

/*
 * stirlerr(x) = ln x! - [(x + 1/2) ln x - x + ln sqrt(2 pi)], x >= 1
 * (Loader 2000): lgamma below 50, where it is accurate to about 1e-14,
 * the Stirling series above.
 */
static double
stirlerr(double x)
{
	double		xx;

	if (x < 50)
		return lgamma(x + 1) - (x + 0.5) * log(x) + x - LN_SQRT_2PI;
	xx = x * x;
	return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - 1.0 / 1188 / xx) / xx) / xx) / xx) / x;
}

/* bd0(x, np) = x ln(x / np) + np - x without cancellation (Loader 2000). */
static double
bd0(double x, double np)
{
	if (fabs(x - np) < 0.1 * (x + np))
	{
		double		v = (x - np) / (x + np);
		double		s = (x - np) * v;
		double		ej = 2 * x * v;

		v *= v;
		for (int j = 1; j < 1000; j++)
		{
			double		s1;

			ej *= v;
			s1 = s + ej / (2 * j + 1);
			if (s1 == s)
				return s1;
			s = s1;
		}
		return s;
	}
	return x * log(x / np) + np - x;
}

/*
 * ln of the binomial probability of x in n trials, q = 1 - p, accurate
 * for any n up to 2^53 (no ln n! - ln x! - ln (n - x)! cancellation).
 */
static double
log_dbinom(double x, double n, double p, double q)
{
	if (x == 0)
		return n == 0 ? 0 : (p < 0.1 ? -bd0(n, n * q) - n * p : n * log(q));
	if (x == n)
		return q < 0.1 ? -bd0(n, n * p) - n * q : n * log(p);
	return stirlerr(n) - stirlerr(x) - stirlerr(n - x) -
		bd0(x, n * p) - bd0(n - x, n * q) -
		(LN_SQRT_2PI + 0.5 * (log(x) + log1p(-x / n)));
}

/* Hormann (1993) BTRS, p <= 1/2 and n p >= 10. */
static double
binomial_btrs(SegRng *rng, double n, double p)
{
	double		spq = sqrt(n * p * (1 - p));
	double		b = 1.15 + 2.53 * spq;
	double		a = -0.0873 + 0.0248 * b + 0.01 * p;
	double		c = n * p + 0.5;
	double		vr = 0.92 - 4.2 / b;
	double		alpha = (2.83 + 5.1 / b) * spq;
	double		m = floor((n + 1) * p);
	double		lf_mode = log_dbinom(m, n, p, 1 - p);

	for (;;)
	{
		double		u = seg_rng_uniform(rng) - 0.5;
		double		v = seg_rng_uniform(rng);
		double		us = 0.5 - fabs(u);
		double		k = floor((2 * a / us + b) * u + c);
		double		bound;

		if (k < 0 || k > n)
			continue;
		if (us >= 0.07 && v <= vr)
			return k;
		v = log(v * alpha / (a / (us * us) + b));
		/* ln f(k) / f(m), f the binomial probabilities */
		bound = log_dbinom(k, n, p, 1 - p) - lf_mode;
		if (v <= bound)
			return k;
	}
}

double
seg_rng_binomial(SegRng *rng, double n, double p)
{
	bool		flip;
	double		x;

	if (n <= 0 || p <= 0)
		return 0;
	if (p >= 1)
		return n;
	flip = p > 0.5;
	if (flip)
		p = 1 - p;
	x = n * p < 10 ? binomial_inversion(rng, n, p) : binomial_btrs(rng, n, p);
	return flip ? n - x : x;
}

/* The hypergeometric probability ratio f(x + 1) / f(x). */
static inline double
hyper_ratio(double x, double n, double good, double bad)
{
	return ((good - x) * (n - x)) / ((x + 1) * (bad - n + x + 1));
}

double
seg_rng_hypergeometric(SegRng *rng, double n, double good, double total)
{
	double		bad = total - good;
	double		lo = Max(0, n - bad);
	double		hi = Min(n, good);
	double		mode,
				fmode,
				u;
	double		xl,
				xh,
				fl,
				fh;

	if (lo >= hi)
		return lo;
	mode = floor((n + 1) * (good + 1) / (total + 2));
	mode = Min(Max(mode, lo), hi);
	{
		/* f(x) = b(x; good, p) b(n - x; bad, p) / b(n; total, p), p = n / total */
		double		p = n / total;
		double		q = (total - n) / total;

		fmode = exp(log_dbinom(mode, good, p, q) + log_dbinom(n - mode, bad, p, q) -
					log_dbinom(n, total, p, q));
	}
	for (;;)
	{
		/* chop-down search alternating around the mode */
		u = seg_rng_uniform(rng) - fmode;
		if (u < 0)
			return mode;
		xl = xh = mode;
		fl = fh = fmode;
		while (xl > lo || xh < hi)
		{
			if (xh < hi)
			{
				fh *= hyper_ratio(xh, n, good, bad);
				xh++;
				u -= fh;
				if (u < 0)
					return xh;
			}
			if (xl > lo)
			{
				fl /= hyper_ratio(xl - 1, n, good, bad);
				xl--;
				u -= fl;
				if (u < 0)
					return xl;
			}
		}
		/* rounding left mass outside: draw again */
	}
}

void
seg_rng_multinomial(SegRng *rng, double n, int k, const double *w, double *out)
{
	double	   *rest = palloc(sizeof(double) * (k + 1));

	/* suffix sums of the weights, so each step is one binomial */
	rest[k] = 0;
	for (int i = k - 1; i >= 0; i--)
		rest[i] = rest[i + 1] + w[i];
	for (int i = 0; i < k; i++)
	{
		if (n <= 0 || !(rest[i] > 0))
			out[i] = 0;
		else if (i == k - 1 || rest[i + 1] <= 0)
			out[i] = n;
		else
			out[i] = seg_rng_binomial(rng, n, Min(w[i] / rest[i], 1.0));
		n -= out[i];
	}
	pfree(rest);
}
