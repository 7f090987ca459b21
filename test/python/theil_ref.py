#!/usr/bin/env python3
"""Independent reference for Theil T and L and their between/within parts.

Usage: theil_ref.py rows       -> CSV dataset,unit,income (repr of each float8)
       theil_ref.py expected   -> CSV dataset,t,t_between,t_within,l,l_between,
                                  l_within,max_abs_log  (empty = NULL)

Computed differently from the extension (src/income_measures.c): straight
from the incomes, never from sufficient statistics, in decimal arithmetic
with 80 significant digits (each float8 income is converted exactly), so
the results are exact to far below float8 rounding.  Standard library only.
"""
import csv
import math
import random
import sys
from decimal import Decimal, getcontext

getcontext().prec = 80


def datasets():
    """Deterministic datasets: name -> list of (unit, income)."""
    d = {}
    # issue 7: incomes 1e9 + 0..1000 lose 2 % relative accuracy in T and L
    d["near_equal_1e9"] = [(k % 3, 1e9 + k) for k in range(1001)]
    d["single_denormal"] = [(1, 5e-324)]
    d["two_denormals"] = [(1, 5e-324), (1, 1e-323), (2, 1.5e-323)]
    rng = random.Random(20261202)
    d["lognormal"] = [(u, rng.lognormvariate(12, 0.8)) for u in range(6) for _ in range(150)]
    d["lognormal_zeros"] = [(u, 0.0 if rng.random() < 0.1 else rng.lognormvariate(10, 1.2))
                            for u in range(4) for _ in range(100)]
    base = [(u, rng.lognormvariate(0, 1.5)) for u in range(5) for _ in range(40)]
    for k in (1e-300, 1e-150, 1e150):
        d["scaled_%g" % k] = [(u, y * k) for u, y in base]
    d["near_2p53"] = [(k % 4, float(2 ** 53 - 1 - 7 * k)) for k in range(300)]
    d["one_rich"] = [(1, 1.0)] * 999 + [(2, 1e12)]
    return d


def theil(rows):
    pos = all(y >= 0 for _, y in rows)
    total = sum(Decimal(y) for _, y in rows)
    n = len(rows)
    units = {}
    for u, y in rows:
        units.setdefault(u, []).append(Decimal(y))
    out = {}
    if pos and total > 0:
        mu = total / n
        tb = tw = Decimal(0)
        for ys in units.values():
            s = sum(ys)
            if s == 0:
                continue
            mug = s / len(ys)
            tg = sum((y / mug) * (y / mug).ln() for y in ys if y > 0) / len(ys)
            tb += (s / total) * (mug / mu).ln()
            tw += (s / total) * tg
        out["t"] = (tb + tw, tb, tw)
    if all(y > 0 for _, y in rows):
        mu = total / n
        lb = lw = Decimal(0)
        for ys in units.values():
            mug = sum(ys) / len(ys)
            lg = sum((mug / y).ln() for y in ys) / len(ys)
            lb += Decimal(len(ys)) / n * (mu / mug).ln()
            lw += Decimal(len(ys)) / n * lg
        out["l"] = (lb + lw, lb, lw)
    return out


def main():
    mode = sys.argv[1]
    w = csv.writer(sys.stdout, lineterminator="\n")
    for name, rows in datasets().items():
        if mode == "rows":
            for u, y in rows:
                w.writerow([name, u, repr(y)])
            continue
        r = theil(rows)
        t = r.get("t", ("", "", ""))
        l = r.get("l", ("", "", ""))
        mal = max(abs(math.log(y)) for _, y in rows if y > 0)
        w.writerow([name] + [repr(float(v)) if v != "" else "" for v in t + l] + [repr(mal)])


if __name__ == "__main__":
    main()
