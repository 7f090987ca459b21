#!/usr/bin/env python3
"""Independent reference for Reardon's rank-order segregation indices.

Reads a CSV of counts (header row, one row per unit, one column per ordered
income bin) and prints "degree,h,r,s" for each requested polynomial degree.

Deliberately computed differently from the extension (src/rankorder.c):
entropy in bits, the weighted least-squares fit by the normal equations in
exact rational arithmetic (fractions.Fraction), and the H integration
coefficients from Reardon's alternating binomial sum rather than the
harmonic-number closed form.  Python standard library only.
"""
import csv
import math
import sys
from fractions import Fraction


def read_counts(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return [[float(x) for x in row] for row in rows[1:] if row]


def e2(p):
    if p <= 0 or p >= 1:
        return 0.0
    return -(p * math.log2(p) + (1 - p) * math.log2(1 - p))


def var(p):
    return p * (1 - p)


def sq(p):
    return math.sqrt(p * (1 - p))


def thresholds(counts):
    nbins = len(counts[0])
    bin_tot = [sum(r[k] for r in counts) for k in range(nbins)]
    kept = [k for k in range(nbins) if bin_tot[k] > 0]
    units = [[r[k] for k in kept] for r in counts]
    units = [u for u in units if sum(u) > 0]
    T = sum(sum(u) for u in units)
    out = []
    for j in range(len(kept) - 1):
        below = sum(sum(u[: j + 1]) for u in units)
        p = below / T
        idx = []
        for f in (e2, var, sq):
            s = 0.0
            for u in units:
                t = sum(u)
                s += t * f(sum(u[: j + 1]) / t)
            idx.append(1 - s / (T * f(p)))
        out.append((p, idx))
    return out


def wls(xs, ys, ws, degree):
    m = degree + 1
    X = [Fraction(x) for x in xs]
    Y = [Fraction(y) for y in ys]
    W = [Fraction(w) for w in ws]
    A = [[sum(W[k] * X[k] ** (i + j) for k in range(len(X))) for j in range(m)]
         for i in range(m)]
    b = [sum(W[k] * X[k] ** i * Y[k] for k in range(len(X))) for i in range(m)]
    # Gauss-Jordan elimination, exact
    for c in range(m):
        piv = next(r for r in range(c, m) if A[r][c] != 0)
        A[c], A[piv] = A[piv], A[c]
        b[c], b[piv] = b[piv], b[c]
        for r in range(m):
            if r != c and A[r][c] != 0:
                f = A[r][c] / A[c][c]
                A[r] = [a - f * ac for a, ac in zip(A[r], A[c])]
                b[r] -= f * b[c]
    return [b[i] / A[i][i] for i in range(m)]


def delta_h(m):
    s = sum(Fraction((-1) ** (m - n) * math.comb(m, n), (m - n + 2) ** 2)
            for n in range(m + 1))
    return Fraction(2, (m + 2) ** 2) + 2 * s


def delta_r(m):
    return Fraction(6, (m + 2) * (m + 3))


def delta_s(m):
    # int p^m sqrt(p(1-p)) dp / int sqrt(p(1-p)) dp = B(m+3/2,3/2)/B(3/2,3/2)
    d = Fraction(1)
    for n in range(1, m + 1):
        d *= Fraction(2 * n + 1, 2 * n + 4)
    return d


def main():
    counts = read_counts(sys.argv[1])
    degrees = [int(d) for d in sys.argv[2:]] or [4]
    th = thresholds(counts)
    xs = [p for p, _ in th]
    for degree in degrees:
        deg = min(degree, len(xs) - 1)
        res = []
        for which, (f, delta) in enumerate(((e2, delta_h), (var, delta_r),
                                             (sq, delta_s))):
            ys = [idx[which] for _, idx in th]
            ws = [f(p) ** 2 for p in xs]
            coef = wls(xs, ys, ws, deg)
            res.append(float(sum(delta(m) * coef[m] for m in range(deg + 1))))
        print("%d,%r,%r,%r" % (degree, res[0], res[1], res[2]))


if __name__ == "__main__":
    main()
