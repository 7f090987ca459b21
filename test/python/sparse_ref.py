#!/usr/bin/env python3
"""Independent references for test/t/indices_sparse.sql (standard library only).

  sparse_ref.py multi TABLE_JSON
      prints name,value rows for the multigroup indices of a table given as
      JSON {"unit": {"group": count, ...}, ...}, computed from the textbook
      formulas (METHODOLOGY 2) on exact rationals (fractions.Fraction) for
      every share, with math.log only for the final logarithms, and the Gini
      pair sum over all unit pairs (O(n^2)) instead of a sort.

  sparse_ref.py rankorder COUNTS_JSON DEGREE
      prints "h,r,s" for a units x bins matrix given as a JSON list of rows,
      with the degree rule of doc/indices.md: start at min(DEGREE,
      thresholds - 1) and lower the degree while the integral of the fitted
      polynomial lies outside [0, 1].  Thresholds, the exact-rational WLS fit
      and the integration coefficients come from rankorder_ref.py.
"""
import json
import math
import os
import sys
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rankorder_ref as ro  # noqa: E402


def multi(table):
    units = list(table)
    groups = sorted({g for u in units for g in table[u]})
    c = {(u, g): Fraction(table[u].get(g, 0)) for u in units for g in groups}
    t = {u: sum(c[u, g] for g in groups) for u in units}
    tg = {g: sum(c[u, g] for u in units) for g in groups}
    T = sum(t.values())
    units = [u for u in units if t[u] > 0]
    groups = [g for g in groups if tg[g] > 0]
    K = len(groups)
    pi = {g: tg[g] / T for g in groups}
    I = sum(pi[g] * (1 - pi[g]) for g in groups)
    D = sum(t[u] * abs(c[u, g] / t[u] - pi[g]) for u in units for g in groups) / (2 * T * I)
    G = sum(t[a] * t[b] * abs(c[a, g] / t[a] - c[b, g] / t[b])
            for g in groups for i, a in enumerate(units) for b in units[i + 1:]) / (T * T * I)
    E = -sum(float(pi[g]) * math.log(pi[g]) for g in groups)
    M = sum(float(c[u, g] / T) * math.log(c[u, g] * T / (t[u] * tg[g]))
            for u in units for g in groups if c[u, g] > 0)

    def wsq(w):
        return sum(t[u] * w[g] * (c[u, g] / t[u] - pi[g]) ** 2 for u in units for g in groups)

    RD = wsq({g: 1 / (T * I) for g in groups})
    NE = wsq({g: 1 / (T * (1 - pi[g])) for g in groups})
    CV = wsq({g: 1 / ((K - 1) * T * pi[g]) for g in groups})
    out = [("dissimilarity", float(D)), ("gini", float(G)), ("entropy_index", M / E),
           ("mutual_information", M), ("relative_diversity", float(RD)),
           ("normalized_exposure", float(NE)), ("squared_cv", float(CV)),
           ("diversity", E), ("simpson_interaction", float(I))]
    for name, v in out:
        print("%s,%r" % (name, v))


def rankorder(counts, degree):
    th = ro.thresholds(counts)
    xs = [p for p, _ in th]
    res = []
    for which, (f, delta) in enumerate(((ro.e2, ro.delta_h), (ro.var, ro.delta_r),
                                         (ro.sq, ro.delta_s))):
        ys = [idx[which] for _, idx in th]
        ws = [f(p) ** 2 for p in xs]
        for deg in range(min(degree, len(xs) - 1), -1, -1):
            coef = ro.wls(xs, ys, ws, deg)
            v = float(sum(delta(m) * coef[m] for m in range(deg + 1)))
            if deg == 0 or 0 <= v <= 1:
                break
        res.append(v)
    print("%r,%r,%r" % tuple(res))


if __name__ == "__main__":
    if sys.argv[1] == "multi":
        multi(json.loads(sys.argv[2]))
    else:
        rankorder(json.loads(sys.argv[2]), int(sys.argv[3]))
