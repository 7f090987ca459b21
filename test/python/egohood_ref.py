#!/usr/bin/env python3
"""Independent reference for segindex's egohoods (METHODOLOGY 4.7).

Usage: egohood_ref.py SOURCE ACTION [ARGS]
  SOURCE  synth:N:SEED   a reproducible layout of N units on the integer grid
                         0..40 x 0..40 (distinct points, except every unit
                         i = 5 mod 17 sits on unit i - 1; equal distances and
                         empty units on purpose), three groups a, b, c;
          FILE           CSV rows unit,x,y,grp,count (no header).
  ACTION  rows                         print the source rows
          kernel H KERNEL ROUND(0|1)   kernel egohood cells: unit,grp,count
          knn K                        k-nearest-population cells
          lrc GRP K                    Folch-Rey LRC: unit,value ('' = NULL)
          cases SPEC...                several of the above in one run, rows
                                       prefixed by their SPEC, e.g.
                                       kernel:6:triangular:0 knn:500 lrc:a:5
                                       (lrc rows: SPEC,unit,,value)

Brute force over all pairs, written from the definitions and sharing no
code with the extension: plain python3, standard library only.
"""
import csv
import itertools
import math
import random
import sys

KERNELS = {
    "triangular": lambda z: 1 - z,
    "uniform": lambda z: 0.5,
    "quadratic": lambda z: 0.75 * (1 - z * z),
    "quartic": lambda z: (15 / 16) * (1 - z * z) ** 2,
    "gaussian": lambda z: math.exp(-z * z / 2) / math.sqrt(2 * math.pi),
    "boxcar": lambda z: 1.0 if z < 1 else 0.0,
    "cosine": lambda z: (math.pi / 4) * math.cos(math.pi * z / 2),
}


def synth(n, seed):
    rnd = random.Random(seed)
    cells = rnd.sample(range(41 * 41), n)   # distinct grid points
    rows = []
    for i in range(n):
        key = "u%04d" % i
        if i % 17 == 5:          # coincides with the previous unit
            x, y = rows[-1][1], rows[-1][2]
        else:
            x, y = divmod(cells[i], 41)
        for g in "abc":
            c = 0 if (i % 23 == 7) else rnd.choice([0, 1, 2, 5, 10, 30, 120])
            rows.append((key, x, y, g, c))
    return rows


def load(source):
    if source.startswith("synth:"):
        _, n, seed = source.split(":")
        return synth(int(n), int(seed))
    with open(source, newline="") as f:
        return [(r[0], float(r[1]), float(r[2]), r[3], float(r[4]))
                for r in csv.reader(f) if r]


def layout(rows):
    """units sorted by key; pos[u] = (x, y); cnt[u] = {grp: count}"""
    pos, cnt = {}, {}
    for u, x, y, g, c in rows:
        pos[u] = (float(x), float(y))
        cnt.setdefault(u, {})
        if float(c) > 0:
            cnt[u][g] = cnt[u].get(g, 0.0) + float(c)
    return sorted(pos), pos, cnt


def dist(pos, i, j):
    return math.hypot(pos[i][0] - pos[j][0], pos[i][1] - pos[j][1])


def kernel(rows, h, kname, rnd):
    units, pos, cnt = layout(rows)
    k = KERNELS[kname]
    for i in units:
        if sum(cnt[i].values()) <= 0:
            continue
        acc = {}
        for j in units:
            d = dist(pos, i, j)
            if d > h:
                continue
            w = 1.0 if i == j else k(d / h)
            for g, c in cnt[j].items():
                acc[g] = acc.get(g, 0.0) + w * c
        for g in sorted(acc):
            v = round(acc[g]) if rnd else acc[g]   # round(): half to even
            if v > 0:
                yield i, g, v


def knn(rows, k):
    units, pos, cnt = layout(rows)
    tot = {u: sum(cnt[u].values()) for u in units}
    for i in units:
        if tot[i] <= 0:
            continue
        weights = {i: min(1.0, k / tot[i])}
        have = weights[i] * tot[i]
        others = sorted((dist(pos, i, j), j) for j in units if j != i)
        for d, block in itertools.groupby(others, key=lambda p: p[0]):
            if have >= k:
                break
            members = [j for _, j in block]
            pb = sum(tot[j] for j in members)
            if pb <= 0:
                continue
            w = 1.0 if have + pb <= k else (k - have) / pb
            for j in members:
                weights[j] = w
            have = min(k, have + pb)
        acc = {}
        for j, w in weights.items():
            for g, c in cnt[j].items():
                acc[g] = acc.get(g, 0.0) + w * c
        for g in sorted(acc):
            if acc[g] > 0:
                yield i, g, acc[g]


def lrc(rows, grp, k):
    units, pos, cnt = layout(rows)
    for i in units:
        if i not in {r[0] for r in rows if float(r[4]) > 0}:
            continue
        near = sorted((dist(pos, i, j), j) for j in units if j != i)[:k]
        hood = [(0.0, i)] + near
        x = {j: cnt[j].get(grp, 0.0) for _, j in hood}
        y = {j: sum(cnt[j].values()) - x[j] for _, j in hood}
        X, Y = sum(x.values()), sum(y.values())
        if X <= 0 or Y <= 0:
            yield i, ""
            continue
        # rings of equal distance from i, cumulative shares
        rings = {}
        for d, j in hood:
            rx, ry = rings.get(d, (0.0, 0.0))
            rings[d] = (rx + x[j], ry + y[j])
        cx = cy = px = py = 0.0
        rce = 0.0
        for d in sorted(rings):
            cx += rings[d][0] / X
            cy += rings[d][1] / Y
            rce += px * cy - cx * py
            px, py = cx, cy
        yield i, repr(rce)


def main(argv):
    rows = load(argv[1])
    action = argv[2]
    out = csv.writer(sys.stdout, lineterminator="\n")
    if action == "rows":
        out.writerows(rows)
    elif action == "kernel":
        for u, g, v in kernel(rows, float(argv[3]), argv[4], argv[5] == "1"):
            out.writerow((u, g, repr(float(v))))
    elif action == "knn":
        for u, g, v in knn(rows, float(argv[3])):
            out.writerow((u, g, repr(v)))
    elif action == "lrc":
        out.writerows(lrc(rows, argv[3], int(argv[4])))
    elif action == "cases":
        for spec in argv[3:]:
            a = spec.split(":")
            if a[0] == "kernel":
                for u, g, v in kernel(rows, float(a[1]), a[2], a[3] == "1"):
                    out.writerow((spec, u, g, repr(float(v))))
            elif a[0] == "knn":
                for u, g, v in knn(rows, float(a[1])):
                    out.writerow((spec, u, g, repr(v)))
            elif a[0] == "lrc":
                for u, v in lrc(rows, a[1], int(a[2])):
                    out.writerow((spec, u, "", v))
            else:
                sys.exit("unknown case " + spec)
    else:
        sys.exit("unknown action " + action)


if __name__ == "__main__":
    main(sys.argv)
