#!/usr/bin/env python3
"""Checks the documentation's links and citations; prints one line per problem.

    doc_check.py links       relative links in README.md and doc/*.md resolve
                             (README rows for modules listed in the Makefile's
                             SQL_MODULES whose sql/<module>.sql is not yet in
                             the tree are reported on stderr, not as problems)
    doc_check.py citations   docs cite doc/methodology.md, never the shared
                             design copy, and every §N they cite exists there
    doc_check.py contents    every doc/*.md is in README's contents table
    doc_check.py sqlcalls    the seg_* functions called in the SQL examples
                             (```sql blocks) of README.md and doc/*.md, one a line
Run from the repository root.
"""
import glob
import os
import re
import sys

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def pending_modules():
    make = open("Makefile", encoding="utf-8").read()
    listed = re.findall(r"sql/([a-z_]+)\.sql", make)
    return {m for m in listed if not os.path.exists(f"sql/{m}.sql")}


def links():
    pending = pending_modules()
    for path in ["README.md"] + sorted(glob.glob("doc/*.md")):
        base = os.path.dirname(path)
        for target in LINK.findall(open(path, encoding="utf-8").read()):
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            file = os.path.normpath(os.path.join(base, target.split("#")[0]))
            if os.path.exists(file):
                continue
            module = re.match(r"^doc/([a-z_]+)\.md$", file)
            if path == "README.md" and module and module.group(1) in pending:
                print(f"{path}: {target} awaits module {module.group(1)}", file=sys.stderr)
                continue
            print(f"{path}: broken link {target}")


def citations():
    heads = set(re.findall(r"^#+ (\d+(?:\.\d+)?)\.? ",
                           open("doc/methodology.md", encoding="utf-8").read(), re.M))
    for path in ["README.md"] + sorted(glob.glob("doc/*.md")):
        text = open(path, encoding="utf-8").read()
        for bad in ("METHODOLOGY", "shared/docs"):
            if bad in text:
                print(f"{path}: cites {bad} instead of doc/methodology.md")
        if path == "doc/methodology.md":
            continue
        for sec in re.findall(r"§\s?(\d+(?:\.\d+)?)", text):
            if sec not in heads:
                print(f"{path}: cites §{sec}, which doc/methodology.md does not have")


def contents():
    readme = open("README.md", encoding="utf-8").read()
    for path in sorted(glob.glob("doc/*.md")):
        if f"]({path})" not in readme:
            print(f"README.md: no contents row for {path}")


def sqlcalls():
    names = set()
    for path in ["README.md"] + sorted(glob.glob("doc/*.md")):
        text = open(path, encoding="utf-8").read()
        for block in re.findall(r"```sql\n(.*?)```", text, re.S):
            names.update(re.findall(r"\b(seg_[a-z0-9_]+)\s*\(", block))
    for name in sorted(names):
        print(name)


if __name__ == "__main__":
    {"links": links, "citations": citations, "contents": contents,
     "sqlcalls": sqlcalls}[sys.argv[1]]()
