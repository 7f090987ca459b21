#!/usr/bin/env python3
"""Independent reference for test/t/decompose.sql (plain python3, no packages).

Reads R segregation's schools00.csv and schools05.csv (state, district,
school, race, n) and prints CSV rows name,value:
  M and H (school x race) of both years; the between/within split by state;
  the three-level state/district/school rows; the per-state components of
  mutual_within; the Shapley and MRC decompositions of M(05) - M(00)
  (doc/methodology.md §6.1-§6.3), with IPF run to convergence (1e-12).

Usage: decompose_ref.py schools00.csv schools05.csv
"""
import csv
import math
import sys
from collections import defaultdict


def read(path):
    rows = []
    with open(path, newline='') as f:
        for r in csv.DictReader(f):
            rows.append((r['state'], r['district'], r['school'], r['race'], float(r['n'])))
    return rows


def table(rows, unit):
    t = defaultdict(float)
    for r in rows:
        if r[4] > 0:
            t[(unit(r), r[3])] += r[4]
    return dict(t)


def margins(t):
    u, g = defaultdict(float), defaultdict(float)
    for (a, b), v in t.items():
        u[a] += v
        g[b] += v
    return u, g, sum(t.values())


def entropy(shares):
    return -sum(p * math.log(p) for p in shares if p > 0)


def mutual(t):
    u, g, n = margins(t)
    m = sum(v / n * math.log(v * n / (u[a] * g[b])) for (a, b), v in t.items() if v > 0)
    e = entropy([x / n for x in g.values()])
    return m, e


def restrict(t, units, groups):
    return {k: v for k, v in t.items() if k[0] in units and k[1] in groups and v > 0}


def ipf(seed, col_target, row_target, precision=1e-12):
    keys = list(seed)
    rows = sorted(row_target)
    cols = sorted(col_target)
    ri = {a: i for i, a in enumerate(rows)}
    ci = {b: i for i, b in enumerate(cols)}
    kr = [ri[a] for a, b in keys]
    kc = [ci[b] for a, b in keys]
    rt = [row_target[a] for a in rows]
    ct = [col_target[b] for b in cols]
    s = sum(seed.values())
    q = [seed[k] / s for k in keys]
    n = range(len(keys))
    for _ in range(10000):
        col = [0.0] * len(cols)
        for i in n:
            col[kc[i]] += q[i]
        f = [ct[j] / col[j] for j in range(len(cols))]
        q = [q[i] * f[kc[i]] for i in n]
        row = [0.0] * len(rows)
        for i in n:
            row[kr[i]] += q[i]
        f = [rt[j] / row[j] for j in range(len(rows))]
        q = [q[i] * f[kr[i]] for i in n]
        s = sum(q)
        q = [v / s for v in q]
        row, col = [0.0] * len(rows), [0.0] * len(cols)
        for i in n:
            row[kr[i]] += q[i]
            col[kc[i]] += q[i]
        if all(abs(row[j] / rt[j] - 1) <= precision for j in range(len(rows))) and \
           all(abs(col[j] / ct[j] - 1) <= precision for j in range(len(cols))):
            return dict(zip(keys, q))
    raise RuntimeError('IPF did not converge')


def difference(ta, tb):
    ua, ga, _ = margins(ta)
    ub, gb, _ = margins(tb)
    groups = set(ga) & set(gb)
    ua_c, ub_c = defaultdict(float), defaultdict(float)
    for (a, b), v in ta.items():
        if b in groups:
            ua_c[a] += v
    for (a, b), v in tb.items():
        if b in groups:
            ub_c[a] += v
    units = {x for x in ua_c if ua_c[x] > 0 and ub_c.get(x, 0) > 0}
    ga_c, gb_c = defaultdict(float), defaultdict(float)
    for (a, b), v in ta.items():
        if a in units and b in groups:
            ga_c[b] += v
    for (a, b), v in tb.items():
        if a in units and b in groups:
            gb_c[b] += v
    groups = {g for g in groups if ga_c[g] > 0 and gb_c[g] > 0}
    ar, br = restrict(ta, units, groups), restrict(tb, units, groups)
    m1, _ = mutual(ta)
    m2, _ = mutual(tb)
    mar, ear = mutual(ar)
    mbr, ebr = mutual(br)
    out = {'m1': m1, 'm2': m2, 'diff': m2 - m1, 'additions': m2 - mbr, 'removals': mar - m1}
    # MRC
    ur1, _, n1 = margins(ar)
    ur2, _, n2 = margins(br)
    s1, s2 = defaultdict(float), defaultdict(float)
    for (a, b), v in ar.items():
        p = v / ur1[a]
        s1[a] += p * math.log(p)
    for (a, b), v in br.items():
        p = v / ur2[a]
        s2[a] += p * math.log(p)
    mrc = {'group_marginal': ebr - ear,
           'unit_marginal': 0.5 * sum((ur2[a] / n2 - ur1[a] / n1) * (s1[a] + s2[a]) for a in units),
           'structural': 0.5 * sum((ur1[a] / n1 + ur2[a] / n2) * (s2[a] - s1[a]) for a in units)}
    # Shapley: union support, structural zeros filled with 1e-10 x least count
    support = set(ar) | set(br)
    fa, fb = 1e-10 * min(ar.values()), 1e-10 * min(br.values())
    seed_a = {k: ar.get(k, fa) for k in support}
    seed_b = {k: br.get(k, fb) for k in support}
    rua, cga, na = margins(ar)
    rub, cgb, nb = margins(br)
    ra = {k: v / na for k, v in rua.items()}
    rb = {k: v / nb for k, v in rub.items()}
    ca = {k: v / na for k, v in cga.items()}
    cb = {k: v / nb for k, v in cgb.items()}
    src = {'A': seed_a, 'B': seed_b}
    col = {'A': ca, 'B': cb}
    row = {'A': ra, 'B': rb}
    m = {'AAA': mar, 'BBB': mbr}
    for x in 'AB':
        for y in 'AB':
            for z in 'AB':
                key = x + y + z
                if key not in m:
                    m[key] = mutual(ipf(src[z], col[x], row[y]))[0]
    shap = {
        'structural': 0.5 * (m['AAB'] - m['AAA']) + 0.5 * (m['BBB'] - m['BBA']),
        'group_marginal': 0.25 * ((m['BAA'] - m['AAA']) + (m['BBA'] - m['ABA']) +
                                  (m['BBB'] - m['ABB']) + (m['BAB'] - m['AAB'])),
        'unit_marginal': 0.25 * ((m['ABA'] - m['AAA']) + (m['BBA'] - m['BAA']) +
                                 (m['BBB'] - m['BAB']) + (m['ABB'] - m['AAB']))}
    return out, shap, mrc


def main():
    r0, r5 = read(sys.argv[1]), read(sys.argv[2])
    w = csv.writer(sys.stdout, lineterminator='\n')
    out = {}
    for name, rows in (('00', r0), ('05', r5)):
        t = table(rows, lambda r: r[2])
        m, e = mutual(t)
        out['M' + name], out['H' + name] = m, m / e
    t = table(r0, lambda r: r[2])
    m, e = mutual(t)
    mb, _ = mutual(table(r0, lambda r: r[0]))
    out['m_total'], out['m_between'], out['m_within'] = m, mb, m - mb
    out['h_total'], out['h_between'], out['h_within'] = m / e, mb / e, (m - mb) / e
    md, _ = mutual(table(r0, lambda r: r[0] + '|' + r[1]))
    out['nested_1'], out['nested_2'], out['nested_3'] = mb, md - mb, m - md
    for s in sorted({r[0] for r in r0}):
        sub = [r for r in r0 if r[0] == s]
        ms, es = mutual(table(sub, lambda r: r[2]))
        out['within_p_' + s] = sum(r[4] for r in sub) / sum(r[4] for r in r0)
        out['within_m_' + s] = ms
        out['within_h_' + s] = ms / es if es > 0 else 0.0
        out['within_ratio_' + s] = es / e
    base, shap, mrc = difference(table(r0, lambda r: r[2]), table(r5, lambda r: r[2]))
    for k, v in base.items():
        out['diff_' + k] = v
    for k, v in shap.items():
        out['shapley_' + k] = v
    for k, v in mrc.items():
        out['mrc_' + k] = v
    for k, v in out.items():
        w.writerow([k, repr(v)])


if __name__ == '__main__':
    main()
