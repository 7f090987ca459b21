/*-------------------------------------------------------------------------
 *
 * atkinson.h
 *	  A stable kernel for the two-group Atkinson index A(b), 0 < b < 1
 *	  (doc/methodology.md §3), shared by whatever loop visits the units.
 *
 * A = 1 - (X/Y) (sum_i x_i^b y_i^(1-b) / X)^(1/(1-b)).  Written with
 * c = 1 - b, w_i = x_i / X and l_i = ln(y_i / x_i), the bracket is
 * sum_i w_i exp(c l_i) = 1 + S with S = sum_i w_i expm1(c l_i), so
 *
 *	  A = -expm1(ln(X/Y) + log1p(S) / c).
 *
 * As b -> 1, pow(bracket, 1/c) raised the bracket's rounding error to the
 * power 1/c (b = 1 - 2^-53 gave -0.495); here S is computed to full
 * relative accuracy by expm1, so log1p(S)/c tends smoothly to
 * sum_i w_i l_i and A is continuous in b.  Logs of the counts, not their
 * ratios, keep denormal and huge counts finite.  A unit with x_i > 0 and
 * y_i = 0 has l_i = -inf and expm1 = -1 exactly; x_i = 0 adds nothing.
 *
 *-------------------------------------------------------------------------
 */
#ifndef ATKINSON_H
#define ATKINSON_H

#include <math.h>

#include "segindex.h"

typedef struct AtkinsonSum
{
	CompSum		s;				/* S */
} AtkinsonSum;

/* Adds unit (x, y) of a table whose group totals are X > 0 and Y > 0. */
static inline void
atkinson_add(AtkinsonSum *a, double x, double y, double X, double b)
{
	double		r,
				l;

	if (!(x > 0))
		return;
	r = y / x;
	if (y == 0)
		l = -INFINITY;
	else if (isnormal(r) && isfinite(r))
		l = log(r);
	else
		l = log(y) - log(x);	/* the ratio under- or overflowed */
	compsum_add(&a->s, (x / X) * expm1((1 - b) * l));
}

/* A(b) in [0, 1]; the clamp at 0 is Hoelder's inequality, not a cover. */
static inline double
atkinson_value(const AtkinsonSum *a, double X, double Y, double b)
{
	double		S = compsum_value(&a->s);
	double		z;

	if (S <= -1)
		return 1;				/* every unit with x > 0 has y = 0 */
	z = (log(X) - log(Y)) + log1p(S) / (1 - b);
	return Max(-expm1(z), 0.0);
}

#endif							/* ATKINSON_H */
