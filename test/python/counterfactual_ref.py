#!/usr/bin/env python3
"""Independent reference for the counterfactual decomposition (PySAL's
composition, share and dual_composition; doc/methodology.md §6.4) of
D(HISP_ vs rest of TOT_POP) - D(BLACK_ vs rest) on Sacramento 2000 tracts.
Plain python3; reads the DBF with test/oracle/sacramento.py's reader.
Prints CSV approach,d1,d2,d1_cf,d2_cf,c_s,c_a.

Usage: counterfactual_ref.py sacramentot2.dbf
"""
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'oracle'))
from sacramento import read_dbf  # noqa: E402


def dissim(x, t):
    y = [ti - xi for xi, ti in zip(x, t)]
    X, Y = math.fsum(x), math.fsum(y)
    return 0.5 * math.fsum(abs(xi / X - yi / Y) for xi, yi in zip(x, y))


def avg_rank(v):
    """Average 1-based rank of each value (ties share the mean position) / n."""
    order = sorted(range(len(v)), key=lambda i: v[i])
    r = [0.0] * len(v)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return [x / len(v) for x in r]


def q7(v, q):
    s = sorted(v)
    h = (len(s) - 1) * q
    lo = math.floor(h)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (h - lo) * (s[hi] - s[lo])


def features(x, t):
    y = [ti - xi for xi, ti in zip(x, t)]
    X, Y = sum(x), sum(y)
    c = [xi / ti if ti > 0 else 0.0 for xi, ti in zip(x, t)]
    cy = [yi / ti if ti > 0 else 0.0 for yi, ti in zip(y, t)]
    s = [xi / X if ti > 0 else 0.0 for xi, ti in zip(x, t)]
    sy = [yi / Y if yi > 0 else 0.0 for yi in y]
    return dict(x=x, y=y, t=t, X=X, Y=Y, c=c, cy=cy, s=s, sy=sy)


def counterfactual(a, b, approach):
    """Context a's units with context b's distribution: returns (x^, t^)."""
    xc = [q7(b['c'], r) * ti for r, ti in zip(avg_rank(a['c']), a['t'])]
    if approach == 'composition':
        return xc, list(a['t'])
    if approach == 'dual_composition':
        yc = [q7(b['cy'], r) * ti for r, ti in zip(avg_rank(a['cy']), a['t'])]
        return xc, [u + v for u, v in zip(xc, yc)]
    sa = [q7(b['s'], r) for r in avg_rank(a['s'])]
    sb = [q7(b['sy'], r) for r in avg_rank(a['sy'])]
    xh = [a['X'] * v / sum(sa) for v in sa]
    yh = [a['Y'] * v / sum(sb) for v in sb]
    return xh, [u + v for u, v in zip(xh, yh)]


def main():
    rows = read_dbf(sys.argv[1])
    t = [r['TOT_POP'] for r in rows]
    c1 = features([r['HISP_'] for r in rows], t)
    c2 = features([r['BLACK_'] for r in rows], t)
    for approach in ('composition', 'share', 'dual_composition'):
        g11, g22 = dissim(c1['x'], c1['t']), dissim(c2['x'], c2['t'])
        g12 = dissim(*counterfactual(c1, c2, approach))
        g21 = dissim(*counterfactual(c2, c1, approach))
        c_s = 0.5 * ((g11 - g21) + (g12 - g22))
        c_a = 0.5 * ((g11 - g12) + (g21 - g22))
        print(','.join([approach] + [repr(v) for v in (g11, g22, g12, g21, c_s, c_a)]))


if __name__ == '__main__':
    main()
