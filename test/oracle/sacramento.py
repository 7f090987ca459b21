#!/usr/bin/env python3
"""Independent oracle for the Sacramento tract tests (plain python3, no libraries).

Reads sacramentot2.dbf (PySAL segregation's test data) with the struct module and
computes the METHODOLOGY section 2 indices straight from their textbook formulas
(Gini as the full double sum, not the sorted form the extension uses).

  sacramento.py DBF rows       -> CSV fips,grp,n  (groups hisp/other and white/black/asian/hisp_m)
  sacramento.py DBF expected   -> CSV name,value  (full precision)
  sacramento.py DBF local      -> CSV fips,grp,share,location_quotient,entropy,entropy/ln K
                                  for the four-group table
"""
import math
import struct
import sys


def read_dbf(path):
    with open(path, "rb") as f:
        head = f.read(32)
        nrec, hlen, rlen = struct.unpack("<4xIHH20x", head)
        fields = []
        while True:
            b = f.read(1)
            if b == b"\r":
                break
            desc = b + f.read(31)
            name = desc[:11].split(b"\0")[0].decode("ascii")
            fields.append((name, chr(desc[11]), desc[16]))
        f.seek(hlen)
        rows = []
        for _ in range(nrec):
            rec = f.read(rlen)
            if rec[:1] == b"*":          # deleted record
                continue
            pos, row = 1, {}
            for name, typ, length in fields:
                raw = rec[pos:pos + length].decode("latin-1").strip()
                pos += length
                row[name] = float(raw) if typ in "NF" and raw else raw
            rows.append(row)
    return rows


def two_group(x, t, b=0.5):
    """Group count x_i within unit totals t_i."""
    fs = math.fsum
    T, X = fs(t), fs(x)
    y = [ti - xi for xi, ti in zip(x, t)]
    Y = fs(y)
    P = X / T
    p = [xi / ti if ti > 0 else 0.0 for xi, ti in zip(x, t)]
    out = {}
    out["D"] = 0.5 * fs(abs(xi / X - yi / Y) for xi, yi in zip(x, y))
    n = len(t)
    g = fs(t[i] * t[j] * abs(p[i] - p[j]) for i in range(n) for j in range(n))
    out["Gini"] = g / (2 * T * T * P * (1 - P))

    def E(q):
        return 0.0 if q <= 0 or q >= 1 else q * math.log(1 / q) + (1 - q) * math.log(1 / (1 - q))
    EP = E(P)
    out["H"] = fs(ti * (EP - E(pi)) for ti, pi in zip(t, p)) / (T * EP)
    out["isolation"] = fs((xi / X) * (xi / ti) for xi, ti in zip(x, t) if ti > 0)
    out["exposure"] = fs((xi / X) * (yi / ti) for xi, yi, ti in zip(x, y, t) if ti > 0)
    out["correlation_ratio"] = (out["isolation"] - P) / (1 - P)
    s = fs((1 - pi) ** (1 - b) * pi ** b * ti for pi, ti in zip(p, t))
    out["Atkinson"] = 1 - (P / (1 - P)) * abs(s / (P * T)) ** (1 / (1 - b))
    # Hutchens square root index in its x/X, y/Y form (METHODOLOGY gives the p_i form)
    out["Hutchens"] = 1 - fs(math.sqrt((xi / X) * (yi / Y)) for xi, yi in zip(x, y))
    return out


def multi_group(cells):
    """cells: list of per-unit lists of group counts."""
    fs = math.fsum
    K = len(cells[0])
    t = [fs(r) for r in cells]
    T = fs(t)
    Tm = [fs(r[m] for r in cells) for m in range(K)]
    pm = [v / T for v in Tm]
    pim = [[c / ti if ti > 0 else 0.0 for c in r] for r, ti in zip(cells, t)]
    I = fs(q * (1 - q) for q in pm)
    E = -fs(q * math.log(q) for q in pm if q > 0)
    Ei = [-fs(q * math.log(q) for q in row if q > 0) for row in pim]
    n = len(t)
    out = {}
    out["multi_D"] = fs(t[i] * abs(pim[i][m] - pm[m]) for i in range(n) for m in range(K)) / (2 * T * I)
    g = fs(t[i] * t[j] * abs(pim[i][m] - pim[j][m])
           for m in range(K) for i in range(n) for j in range(n))
    out["multi_Gini"] = g / (2 * T * T * I)
    out["multi_H"] = 1 - fs(ti * e for ti, e in zip(t, Ei)) / (T * E)
    # M from the joint-probability form (independent of the E - sum E_i form)
    out["M"] = fs((c / T) * math.log((c / T) / ((ti / T) * pm[m]))
                  for r, ti in zip(cells, t) for m, c in enumerate(r) if c > 0)
    out["normalized_exposure"] = fs(
        (ti / T) * (pim[i][m] - pm[m]) ** 2 / (1 - pm[m]) for i, ti in enumerate(t) for m in range(K))
    out["relative_diversity"] = 1 - fs(ti * (1 - fs(q * q for q in pim[i])) for i, ti in enumerate(t)) / (T * I)
    out["squared_cv"] = fs(ti * (pim[i][m] - pm[m]) ** 2 / ((K - 1) * T * pm[m])
                           for i, ti in enumerate(t) for m in range(K))
    out["diversity"] = E
    out["diversity_normalized"] = E / math.log(K)
    out["simpson_concentration"] = fs(q * q for q in pm)
    out["simpson_interaction"] = 1 - fs(q * q for q in pm)
    # local segregation scores ls_m = sum_i p(i|m) ln(p(i|m) / p_i.)
    for m in range(K):
        out["ls_%d" % m] = fs((r[m] / Tm[m]) * math.log((r[m] / Tm[m]) / (ti / T))
                              for r, ti in zip(cells, t) if r[m] > 0)
    return out


MULTI = [("white", "WHITE_"), ("black", "BLACK_"), ("asian", "ASIAN_"), ("hisp_m", "HISP_")]


def main():
    path, mode = sys.argv[1], sys.argv[2]
    rows = read_dbf(path)
    if mode == "rows":
        for r in rows:
            print("%s,hisp,%d" % (r["FIPS"], r["HISP_"]))
            print("%s,other,%d" % (r["FIPS"], r["TOT_POP"] - r["HISP_"]))
            for g, col in MULTI:
                print("%s,%s,%d" % (r["FIPS"], g, r[col]))
    elif mode == "expected":
        res = two_group([r["HISP_"] for r in rows], [r["TOT_POP"] for r in rows])
        res.update(multi_group([[r[c] for _, c in MULTI] for r in rows]))
        for k, v in res.items():
            print("%s,%.17g" % (k, v))
    elif mode == "local":
        cells = [[r[c] for _, c in MULTI] for r in rows]
        K = len(MULTI)
        T = math.fsum(map(math.fsum, cells))
        pm = [math.fsum(r[m] for r in cells) / T for m in range(K)]
        for r, c in zip(rows, cells):
            ti = math.fsum(c)
            e = -math.fsum((v / ti) * math.log(v / ti) for v in c if v > 0)
            for m, (g, _) in enumerate(MULTI):
                print("%s,%s,%.17g,%.17g,%.17g,%.17g" % (
                    r["FIPS"], g, c[m] / ti, (c[m] / ti) / pm[m], e, e / math.log(K)))
    else:
        sys.exit("mode must be rows, expected or local")


if __name__ == "__main__":
    main()
