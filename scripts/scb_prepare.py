#!/usr/bin/env python3
"""Classify, decode and validate SCB's CSV files for scripts/load-scb.

Usage: scb_prepare.py OUTDIR FILE...
Each FILE is recognised by its header (DeSO->RegSO key, per-DeSO indicators,
official RegSO area types), decoded as UTF-8 or, failing that, Latin-1,
checked row by row and written to OUTDIR as clean UTF-8 CSV.  Prints one
manifest line per file: kind<TAB>clean file<TAB>source<TAB>encoding<TAB>rows
[<TAB>columns present, for a Statistikdatabasen table that fills only some].
Statistikdatabasen's own exports (Swedish headings, long or wide) are mapped
by SWEDISH below.  Unrecognised files are skipped with a message naming the
headings seen.  Any problem: one message naming the file, line and column, exit status 1.
"""
import csv
import io
import math
import os
import re
import sys

CODE = {
    "deso": re.compile(r"^\d{4}[A-C]\d{4}$"),
    "regso": re.compile(r"^\d{4}R\d{3}$"),
    "kommun": re.compile(r"^\d{4}$"),
    "lan": re.compile(r"^\d{2}$"),
}
KEY_COLS = ["deso", "regso", "regso_name", "kommun", "kommun_name", "lan"]
IND_REQUIRED = ["pop", "low_econ_std_pct", "high_econ_std_pct", "econ_std_persons",
                "edu25_64_forgymnasial", "edu25_64_gymnasial", "edu25_64_eftergymn_lt3",
                "edu25_64_eftergymn_ge3", "edu25_64_missing",
                "lab16_64_unemployed", "lab16_64_labour_force"]
IND_OPTIONAL = ["lab16_64_employed", "lab16_64_outside", "lab16_64_total",
                "netinc_median_tkr", "netinc_mean_tkr", "netinc_persons",
                "born_sweden", "born_europe_ex_sweden", "born_rest_of_world",
                "bkg_swedish", "bkg_foreign",
                "hh_couple_children", "hh_couple_no_children", "hh_single_children",
                "hh_single_no_children", "hh_other",
                "house_smahus", "house_flerbostadshus", "house_ovriga", "house_special",
                "house_missing",
                "dw_hyresratt", "dw_bostadsratt", "dw_aganderatt", "dw_missing"]
IND_COLS = IND_REQUIRED + IND_OPTIONAL
YEAR_COLS = ("year", "år", "ar")
MISSING = {"", "..", ".", "-"}   # SCB marks suppressed or missing cells with ".."


# Statistikdatabasen (PxWeb) labels, lower case, year removed -> our column.
# Matched against category cells (long format) and value headings (wide).
SWEDISH = [
    (r"^folkmängd", "pop"),
    (r"^(född i )?sverige$", "born_sweden"),
    (r"europa utom sverige", "born_europe_ex_sweden"),
    (r"^(född i )?övriga världen$", "born_rest_of_world"),
    (r"^förgymnasial", "edu25_64_forgymnasial"),
    (r"^gymnasial", "edu25_64_gymnasial"),
    (r"^eftergymnasial.*(mindre|kortare) än 3 år", "edu25_64_eftergymn_lt3"),
    (r"^eftergymnasial.*3 år eller (mer|längre)", "edu25_64_eftergymn_ge3"),
    (r"utbildningsnivå saknas|^uppgift saknas", "edu25_64_missing"),
    (r"^(andel )?(personer )?med låg ekonomisk standard|^andel låg ekonomisk standard", "low_econ_std_pct"),
    (r"^(andel )?(personer )?med hög ekonomisk standard|^andel hög ekonomisk standard", "high_econ_std_pct"),
    (r"^sysselsatta", "lab16_64_employed"),
    (r"^arbetslösa", "lab16_64_unemployed"),
    (r"utanför arbetskraften|^ej i arbetskraften", "lab16_64_outside"),
    (r"^(i )?arbetskraften$", "lab16_64_labour_force"),
]
TOTAL = re.compile(r"^(totalt|samtliga|båda könen|alla)\b")
REGION_COLS = ("region", "deso", "regso")
SV_YEAR_COLS = ("år", "ar", "tid", "year")


def label(text):
    """A heading or cell as matched against SWEDISH: lower case, no year."""
    text = re.sub(r"(?<!\d)(19|20)\d\d(?!\d)", " ", text.lower())
    return " ".join(text.replace('"', " ").split()).strip(" ,")


def swedish_col(text):
    t = label(text)
    if t.startswith("antal personer med"):    # counts of a share: not our column
        return None
    return next((c for pat, c in SWEDISH if re.search(pat, t)), None)


class Bad(Exception):
    pass


def decode(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "LATIN1"


def rows_of(path):
    text, enc = decode(path)
    first = text.split("\n", 1)[0]
    delim = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delim)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise Bad(f"{path}: empty file")
    return header, reader, enc, delim


def code(path, line, col, value, kind):
    value = value.strip()
    # Statistikdatabasen writes regions as "0114A0010 Upplands Väsby".
    value = value.split(" ", 1)[0]
    if not CODE[kind].match(value):
        raise Bad(f"{path} line {line} column {col}: {value!r} is not a {kind} code")
    return value


def number(path, line, col, value, delim):
    value = value.strip()
    if value in MISSING:
        return None
    if delim == ";":
        value = value.replace(",", ".")   # Swedish decimal comma
    try:
        x = float(value.replace(" ", ""))
    except ValueError:
        raise Bad(f"{path} line {line} column {col}: {value!r} is not a number")
    if not math.isfinite(x) or x < 0:
        raise Bad(f"{path} line {line} column {col}: {value!r} must be a finite number >= 0")
    return x


def year_of(path, header):
    m = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", os.path.basename(path))
    if any(c in header for c in YEAR_COLS):
        return None
    if not m:
        raise Bad(f"{path}: no year column and no year (e.g. _2022) in the file name")
    return int(m[-1])


def kind_of(header):
    h = set(header)
    if {"deso", "regso", "kommun", "lan"} <= h and "regso_name" in h and "pop" not in h:
        return "key"
    if ("deso" in h or "region" in h) and "pop" in h:
        return "indicators"
    if "regso" in h and "omradestyp" in h:
        return "types"
    return None


def swedish_layout(header, body):
    """Region, year, category and value columns of a Statistikdatabasen
    export, or None.  Value columns: headings that map (wide), else the last
    column (long); category columns: the rest, a column identifying the
    indicator if any of its cells map."""
    region = next((i for i, h in enumerate(header) if h in REGION_COLS), None)
    if region is None:
        return None
    ycol = next((i for i, h in enumerate(header) if h in SV_YEAR_COLS), None)
    values = [i for i, h in enumerate(header) if i not in (region, ycol) and swedish_col(h)]
    if any(swedish_col(header[i]) in ("low_econ_std_pct", "high_econ_std_pct") for i in values):
        # Economic standard: its "Antal personer" is the base of the shares.
        values += [i for i, h in enumerate(header) if label(h) in ("antal personer", "antal personer totalt")]
    cats = [i for i in range(len(header)) if i not in values and i not in (region, ycol)]
    if not values:
        if not cats:
            return None
        values = [cats.pop()]
    ident = [i for i in cats if any(i < len(r) and swedish_col(r[i]) for r in body)]
    if not ident and not any(swedish_col(header[i]) for i in values):
        return None
    return region, ycol, cats, ident, values


def prepare_swedish(path, header, body, layout, delim, out):
    """Long or wide export -> one row per DeSO and year with the columns it fills."""
    region, ycol, cats, ident, values = layout
    breakdown = [i for i in cats if i not in ident]
    heads = {v: swedish_col(header[v]) for v in values}
    if {"low_econ_std_pct", "high_econ_std_pct"} & set(heads.values()):
        heads = {v: c or "econ_std_persons" for v, c in heads.items()}
    fname_year = None
    # "totalt" of the employment table is everyone 16-64; elsewhere it is skipped.
    lab = {i for i in ident if any(i < len(r) and (swedish_col(r[i]) or "").startswith("lab16_64") for r in body)}
    acc = {}   # (deso, year) -> col -> [total or None, sum of parts]
    for line, row in enumerate(body, start=2):
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) < len(header):
            raise Bad(f"{path} line {line}: too few fields ({len(row)} of {len(header)})")
        d = code(path, line, header[region], row[region], "deso")
        parts = [TOTAL.match(label(row[i])) is None for i in breakdown]
        if any(parts) and not all(parts):
            continue            # a total over one breakdown only: neither total nor part
        col = None
        for i in ident:
            col = swedish_col(row[i])
            if col is None and not TOTAL.match(label(row[i])):
                raise Bad(f"{path} line {line} column {header[i]}: {row[i].strip()!r} is not a category "
                          f"the loader knows (see doc/loading.md)")
            if col is None and i in lab:
                col = "lab16_64_total"
        for v in values:
            target = col or heads[v]
            if target is None:
                continue        # the total of the identifying category
            if ycol is not None:
                y = row[ycol].strip()
                if not re.match(r"^\d{4}$", y):
                    raise Bad(f"{path} line {line} column {header[ycol]}: {y!r} is not a year")
                y = int(y)
            else:
                m = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", header[v])
                if m:
                    y = int(m[-1])
                else:
                    fname_year = fname_year or year_of(path, header)
                    y = fname_year
            x = number(path, line, header[v], row[v], delim)
            slot = acc.setdefault((d, y), {}).setdefault(target, [None, 0.0, False])
            if breakdown and all(parts):
                if x is not None:
                    slot[1] += x
                    slot[2] = True
            else:
                if slot[0] is not None:
                    raise Bad(f"{path} line {line}: {d} {y} {target} repeats")
                slot[0] = x
    if not acc:
        raise Bad(f"{path}: no data rows")
    filled = set()
    for (d, y), cols in sorted(acc.items()):
        vals = {c: (t if t is not None else (s if seen else None)) for c, (t, s, seen) in cols.items()}
        if "lab16_64_labour_force" not in vals and "lab16_64_employed" in vals and "lab16_64_unemployed" in vals:
            e, u = vals["lab16_64_employed"], vals["lab16_64_unemployed"]
            vals["lab16_64_labour_force"] = None if e is None or u is None else e + u
        check(path, f"{d} {y}", vals)
        filled |= vals.keys()
        out.writerow([d, y] + ["" if vals.get(c) is None else repr(vals[c]) for c in IND_COLS])
    return len(acc), [c for c in IND_COLS if c in filled]


def check(path, where, vals):
    for c in ("low_econ_std_pct", "high_econ_std_pct"):
        if vals.get(c) is not None and vals[c] > 100:
            raise Bad(f"{path} {where} column {c}: {vals[c]:g} is not a percentage")
    lo, hi = vals.get("low_econ_std_pct"), vals.get("high_econ_std_pct")
    if lo is not None and hi is not None and lo + hi > 100:
        raise Bad(f"{path} {where}: low_econ_std_pct + high_econ_std_pct exceed 100")
    for part, whole in (("lab16_64_unemployed", "lab16_64_labour_force"),
                        ("lab16_64_labour_force", "lab16_64_total")):
        if vals.get(part) is not None and vals.get(whole) is not None and vals[part] > vals[whole]:
            raise Bad(f"{path} {where} column {part}: {vals[part]:g} exceeds {whole} {vals[whole]:g}")


def need(path, header, cols):
    missing = [c for c in cols if c not in header]
    if missing:
        raise Bad(f"{path}: missing column(s) {', '.join(missing)}")


def prepare(path, outdir, n):
    header, reader, enc, delim = rows_of(path)
    kind = kind_of(header)
    if kind is None:
        body = list(reader)
        layout = swedish_layout(header, body)
        if layout is None:
            print(f"load-scb: skipping {path}: headings not recognised ({', '.join(header)}); "
                  f"see doc/loading.md", file=sys.stderr)
            return None
        out_path = os.path.join(outdir, f"{n:02d}_indicators.csv")
        with open(out_path, "w", newline="", encoding="utf-8") as f:
            count, cols = prepare_swedish(path, header, body, layout, delim, csv.writer(f))
        return "indicators", out_path, enc, count, ",".join(cols)
    ix = {c: i for i, c in enumerate(header)}
    out_path = os.path.join(outdir, f"{n:02d}_{kind}.csv")
    out = csv.writer(open(out_path, "w", newline="", encoding="utf-8"))
    seen = {}
    count = 0
    year = None if kind == "key" else year_of(path, header)
    ycol = next((c for c in YEAR_COLS if c in ix), None)

    def cell(row, line, col):
        if ix[col] >= len(row):
            raise Bad(f"{path} line {line}: too few fields (no column {col})")
        return row[ix[col]]

    def row_year(row, line):
        if ycol is None:
            return year
        v = cell(row, line, ycol).strip()
        if not re.match(r"^\d{4}$", v):
            raise Bad(f"{path} line {line} column {ycol}: {v!r} is not a year")
        return int(v)

    if kind == "key":
        need(path, header, KEY_COLS)
    elif kind == "types":
        need(path, header, ["regso", "omradestyp"])
    else:
        need(path, header, IND_REQUIRED)
    idcol = "deso" if "deso" in ix else "region"
    for line, row in enumerate(reader, start=2):
        if not row or all(not c.strip() for c in row):
            continue
        if kind == "key":
            d = code(path, line, "deso", cell(row, line, "deso"), "deso")
            r = code(path, line, "regso", cell(row, line, "regso"), "regso")
            k = code(path, line, "kommun", cell(row, line, "kommun"), "kommun")
            l = code(path, line, "lan", cell(row, line, "lan"), "lan")
            if d[:4] != k or r[:4] != k or k[:2] != l:
                raise Bad(f"{path} line {line}: codes disagree (DeSO {d}, RegSO {r}, kommun {k}, län {l})")
            key = d
            out.writerow([d, r, cell(row, line, "regso_name").strip(), k,
                          cell(row, line, "kommun_name").strip(), l])
        elif kind == "types":
            r = code(path, line, "regso", cell(row, line, "regso"), "regso")
            t = cell(row, line, "omradestyp").strip()
            if t not in MISSING and t not in {"1", "2", "3", "4", "5"}:
                raise Bad(f"{path} line {line} column omradestyp: {t!r} is not an area type 1..5")
            y = row_year(row, line)
            key = (r, y)
            out.writerow([r, y, "" if t in MISSING else t])
        else:
            d = code(path, line, idcol, cell(row, line, idcol), "deso")
            y = row_year(row, line)
            vals = {}
            for c in IND_COLS:
                vals[c] = number(path, line, c, cell(row, line, c), delim) if c in ix else None
            check(path, f"line {line}", vals)
            key = (d, y)
            out.writerow([d, y] + ["" if vals[c] is None else repr(vals[c]) for c in IND_COLS])
        if key in seen:
            raise Bad(f"{path} line {line}: {key if isinstance(key, str) else key[0]} repeats line {seen[key]}")
        seen[key] = line
        count += 1
    if count == 0:
        raise Bad(f"{path}: no data rows")
    return kind, out_path, enc, count, ""


def main():
    outdir, files = sys.argv[1], sys.argv[2:]
    try:
        for n, path in enumerate(files):
            res = prepare(path, outdir, n)
            if res:
                kind, out_path, enc, count, cols = res
                print(f"{kind}\t{out_path}\t{path}\t{enc}\t{count}\t{cols}")
    except Bad as e:
        print(f"load-scb: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
