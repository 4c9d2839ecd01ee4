#!/usr/bin/python3
"""check_xlsx.py - checks accusegraph's workbook with independent readers: openpyxl for the
cells, python's zipfile for the raw sheets, LibreOffice for a client's view. Prints one
"PASS what" / "FAIL what: why" line per check (or "SKIP what: why"); exits 0 when it ran, 2 on
bad usage.

  check_xlsx.py cells BOOK.xlsx BASE
      The workbook against BASE.edges.csv and BASE.nodes.csv written from the same graph with
      the same node columns: sheets, typed cells (text, numbers, dates shown at their precision,
      booleans), no formula anywhere, frozen bold headers, autofilters, column widths; the
      accusations sheet holds the event table row for row (text exactly, without the CSV's
      formula guard), actors the node table, pairs the counts computed here from the edges.
  check_xlsx.py libreoffice BOOK.xlsx BASE PROFILE_DIR
      soffice --headless converts every sheet to CSV; codes keep their zeros, dates read as
      written, text (UTF-8, formula-like) comes back as it went in. SKIP when soffice is absent.
"""
import collections
import csv
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile


def report(ok, what, why=""):
    print(f"PASS {what}" if ok else f"FAIL {what}: {why}")


def unguard(s):
    """The CSV exporter's formula guard taken off: the text the workbook must hold."""
    guard = ("=", "+", "-", "@", "\t", "\r")
    return s[1:] if s[:1] == "'" and (s[1:2] in guard or (s[1:2] == "'" and s[2:3] in guard)) else s


def read_csv(path, with_header=False):
    with open(path, newline="", encoding="utf-8-sig") as f:
        r = csv.DictReader(f, strict=True)
        rows = list(r)
        return (rows, r.fieldnames) if with_header else rows


NUMBER = {"quad_class", "year", "month", "sentence_index", "confidence", "mentions"}
DATE = {"date", "published"}
FORMATS = {10: "yyyy-mm-dd", 7: "yyyy-mm", 4: "yyyy"}


def first_day(d):
    return datetime.datetime(int(d[:4]), int(d[5:7]) if len(d) >= 7 else 1, int(d[8:10]) if len(d) >= 10 else 1)


def num_eq(cell, text):
    if text == "":
        return cell is None
    return isinstance(cell, (int, float)) and not isinstance(cell, bool) and abs(cell - float(text)) < 1e-12


def cmd_cells(a):
    import openpyxl
    wb = openpyxl.load_workbook(a.book)
    report(wb.sheetnames == ["accusations", "actors", "pairs"], "sheets accusations, actors, pairs", wb.sheetnames)
    # no formula: none in openpyxl's view and no <f> element in any sheet's XML
    formulas = [(ws.title, c.coordinate) for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
    with zipfile.ZipFile(a.book) as z:
        raw = [n for n in z.namelist() if n.startswith("xl/worksheets/") and b"<f>" in z.read(n)]
    report(not formulas and not raw, "no formula cells, not even for text starting with = + - @", f"{formulas[:3]} {raw}")
    for ws in wb:
        head = [c for c in ws[1]]
        ok = ws.freeze_panes == "A2" and all(c.font.b for c in head) and all(isinstance(c.value, str) for c in head)
        report(ok, f"{ws.title}: bold header row, frozen", f"freeze {ws.freeze_panes}")
        want = f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}"
        report(ws.auto_filter.ref == want, f"{ws.title}: autofilter over every row", f"{ws.auto_filter.ref} != {want}")
        widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(ws.max_column)]
        report(all(w and w >= 8 for w in widths), f"{ws.title}: every column has a width", str(widths))

    # accusations = the event table of the edges CSV, typed
    edges, edge_head = read_csv(a.base + ".edges.csv", True)
    ws = wb["accusations"]
    rows = list(ws.iter_rows(values_only=False))
    head = [c.value for c in rows[0]]
    event = [k for k in edge_head if k not in ("Source", "Target", "Type", "Kind", "Id", "Label", "Weight", "timeset")]
    report(head == ["id", "source_id", "target_id"] + event, "accusations: header = id, source_id, target_id, event columns",
           str(head))
    report(len(rows) - 1 == len(edges), f"accusations: {len(edges)} rows", f"got {len(rows) - 1}")
    bad = []
    for i, (r, e) in enumerate(zip(rows[1:], edges)):
        cells = dict(zip(head, r))
        for k, c in (("id", e["Id"]), ("source_id", e["Source"]), ("target_id", e["Target"])):
            if cells[k].value != unguard(c) or cells[k].data_type != "s":
                bad.append(f"row {i + 1} {k}: {cells[k].value!r} != {c!r}")
        for k in event:
            c, v = cells[k], e[k]
            if k in NUMBER:
                ok = num_eq(c.value, v)
            elif k in DATE:
                ok = (v == "" and c.value is None) or (c.is_date and c.value == first_day(v) and
                                                       c.number_format == FORMATS[len(v)]) or (
                    v[:4] < "1900" and c.data_type == "s" and c.value == v)  # before Excel's dates: text
            elif k == "negated":
                ok = c.value is (v == "true") and c.data_type == "b"
            else:
                want = unguard(v)
                ok = (want == "" and c.value is None) or (c.data_type == "s" and c.value == want[:32767]) or (
                    len(want) > 32767 and c.data_type == "s" and want.startswith(c.value) and len(c.value) == 32767)
            if not ok:
                bad.append(f"row {i + 1} {k}: {c.value!r} ({c.data_type}, {c.number_format}) for {v[:60]!r}")
    report(not bad, "accusations: every cell typed and equal to the event table", "; ".join(bad[:3]))
    codes = [c.value for c in ws[openpyxl.utils.get_column_letter(head.index("cameo_code") + 1)]][1:]
    if "016" in [e["cameo_code"] for e in edges]:
        report("016" in codes, "accusations: code 016 kept as the text 016", str(codes))

    # actors = the node table
    nodes, cols = read_csv(a.base + ".nodes.csv", True)
    ws = wb["actors"]
    rows = list(ws.iter_rows(values_only=True))
    central = ["in_strength", "out_strength", "pagerank", "hub", "authority"]
    report(list(rows[0]) == cols + [c for c in central if c not in cols],
           "actors: the node table's columns and the centrality columns", str(rows[0]))
    bad = []
    for i, (r, n) in enumerate(zip(rows[1:], nodes)):
        for k, v in zip(rows[0], r):
            if k not in n:
                if not isinstance(v, (int, float)):
                    bad.append(f"actor {i + 1} {k}: {v!r} is no number")
                continue
            want = n[k]
            ok = num_eq(v, want) if k not in ("Id", "Label", "type", "country") else (
                (v or "") == unguard(want) and (v is None or isinstance(v, str)))
            if not ok:
                bad.append(f"actor {i + 1} {k}: {v!r} != {want!r}")
    report(len(rows) - 1 == len(nodes) and not bad, f"actors: {len(nodes)} rows equal the node table", "; ".join(bad[:3]))

    # pairs: counts per source, target, action and month, and over all months
    want = collections.OrderedDict()
    total = collections.Counter()
    label = {n["Id"]: unguard(n["Label"]) for n in nodes}
    for e in edges:
        d = e["date"]
        key = (unguard(e["Source"]), unguard(e["Target"]), unguard(e["action"]))
        mk = key + (int(d[:4]) if d else None, int(d[5:7]) if len(d) >= 7 else None)
        n, rep = want.get(mk, (0, 0))
        want[mk] = (n + 1, rep + int(e["mentions"]))
        total[key] += 1
        total[key + ("reports",)] += int(e["mentions"])
    exp = []
    for mk in sorted(want, key=lambda k: (k[0], k[1], k[2], k[3] or 0, k[4] or 0)):
        key = mk[:3]
        month = (datetime.datetime(mk[3], mk[4], 1) if mk[3] >= 1900 else mk[4]) if mk[4] else None
        exp.append((key[0], label.get(key[0], key[0]), key[1], label.get(key[1], key[1]), key[2], mk[3], month,
                    want[mk][0], want[mk][1], total[key], total[key + ("reports",)]))
    ws = wb["pairs"]
    got = [tuple(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    report(got == exp, f"pairs: {len(exp)} rows of counts per source, target, action and month",
           f"{got[:2]} != {exp[:2]}")


def cmd_libreoffice(a):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("SKIP libreoffice: soffice not installed (apt-get install libreoffice-calc-nogui)")
        return
    out = tempfile.mkdtemp(prefix="lo-csv.")
    # 44 comma, 34 quote, 76 UTF-8, from line 1, (format), (language), quoted as text, special numbers,
    # cells as shown: true, formulas, trim spaces, -1: every sheet to a file of its own
    filt = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
    cmd = [soffice, "-env:UserInstallation=file://" + os.path.abspath(a.profile), "--headless", "--convert-to", filt,
           "--outdir", out, a.book]
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=240)
    except subprocess.TimeoutExpired:
        report(False, "libreoffice converts the workbook", "soffice took over 240 s")
        return
    stem = os.path.splitext(os.path.basename(a.book))[0]
    files = {s: os.path.join(out, f"{stem}-{s}.csv") for s in ("accusations", "actors", "pairs")}
    missing = [s for s, f in files.items() if not os.path.exists(f)]
    report(p.returncode == 0 and not missing, "libreoffice converts every sheet to CSV",
           f"exit {p.returncode}, missing {missing}: {p.stderr.decode('utf-8', 'replace')[-300:]}")
    if missing:
        return
    edges = read_csv(a.base + ".edges.csv")
    rows = read_csv(files["accusations"])
    report(len(rows) == len(edges), f"libreoffice: {len(edges)} accusations", f"got {len(rows)}")
    bad = []
    for i, (r, e) in enumerate(zip(rows, edges)):
        for k in ("source_name", "target_name", "cameo_code", "cameo_root", "date", "published", "doc", "url", "title",
                  "publisher", "sentence", "charge", "rule"):
            want = unguard(e[k])[:32767]
            got = r.get(k, "")
            if k in ("sentence",):  # LibreOffice writes a cell's line break as LF
                got, want = got.replace("\r\n", "\n"), want.replace("\r\n", "\n")
            if got != want:
                bad.append(f"row {i + 1} {k}: {got[:60]!r} != {want[:60]!r}")
        for k in ("year", "month", "quad_class", "sentence_index", "mentions", "confidence"):
            if (r.get(k, "") == "") != (e[k] == "") or (e[k] and abs(float(r[k]) - float(e[k])) > 1e-9):
                bad.append(f"row {i + 1} {k}: {r.get(k)!r} != {e[k]!r}")
    report(not bad, "libreoffice: codes with their zeros, dates as written, UTF-8 and formula-like text as text",
           "; ".join(bad[:3]))
    shutil.rmtree(out, ignore_errors=True)


def main():
    import argparse
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("cells")
    c.add_argument("book")
    c.add_argument("base")
    lo = sub.add_parser("libreoffice")
    lo.add_argument("book")
    lo.add_argument("base")
    lo.add_argument("profile")
    a = p.parse_args()
    {"cells": cmd_cells, "libreoffice": cmd_libreoffice}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
