#!/usr/bin/env python3
"""Independent reference for seg_wilson_interval and seg_poisson_interval.

Prints CSV rows "kind,count,base,level,estimate,lower,upper".

Computed differently from the extension (src/intervals.c):
- Wilson: the proportion form of METHODOLOGY section 7 with z from
  statistics.NormalDist (the extension uses the count form and AS 241);
- Poisson (Garwood): plain bisection for the mean mu at which the Poisson
  tail probabilities equal (1 - level) / 2, the tails summed term by term
  with math.fsum (the extension inverts the incomplete gamma function by
  Newton steps).  Integer counts only.
Python standard library only.
"""
import math
import sys
from statistics import NormalDist


def wilson(c, n, level):
    z = NormalDist().inv_cdf((1 + level) / 2)
    p = c / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    lo = 0.0 if c == 0 else centre - half
    hi = 1.0 if c == n else centre + half
    return p, lo, hi


def poisson_cdf(k, mu):
    """P(X <= k) for X ~ Poisson(mu), k a non-negative integer."""
    if k < 0:
        return 0.0
    lmu = math.log(mu)
    return math.fsum(math.exp(i * lmu - mu - math.lgamma(i + 1)) for i in range(k + 1))


def bisect(f, lo, hi):
    """Root of an increasing f on [lo, hi] by bisection to the last bit."""
    for _ in range(2000):
        mid = (lo + hi) / 2
        if mid <= lo or mid >= hi:
            break
        if f(mid) < 0:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def garwood(c, e, level):
    a = (1 - level) / 2
    top = 2 * c + 50 + 20 * math.sqrt(c + 1)
    # upper: P(X <= c; mu) = a, decreasing in mu
    up = bisect(lambda mu: a - poisson_cdf(c, mu), 1e-300, top)
    # lower: P(X >= c; mu) = a, increasing in mu
    lo = 0.0 if c == 0 else bisect(lambda mu: (1 - poisson_cdf(c - 1, mu)) - a, 1e-300, top)
    return c / e, lo / e, up / e


CASES_W = [(0, 1), (1, 1), (0, 20), (1, 29), (15, 148), (81, 263), (5, 5), (7, 21),
           (6, 21), (50, 100), (999, 1000), (1, 1000000), (123456, 987654),
           (3, 4.5), (0.5, 2)]
CASES_P = [(0, 1), (1, 1), (2, 1), (5, 1), (10, 1), (10, 2.5), (30, 100), (57, 12345.6),
           (100, 1), (1000, 1000), (1999, 3)]
LEVELS = [0.95, 0.9, 0.99, 0.5]


def main():
    out = sys.stdout
    for level in LEVELS:
        for c, n in CASES_W:
            est, lo, hi = wilson(c, n, level)
            out.write("wilson,%r,%r,%r,%r,%r,%r\n" % (c, n, level, est, lo, hi))
        for c, e in CASES_P:
            est, lo, hi = garwood(c, e, level)
            out.write("poisson,%r,%r,%r,%r,%r,%r\n" % (c, e, level, est, lo, hi))


if __name__ == "__main__":
    main()
