# t0126-xlsx-read.sh - `build` reads the accusations sheet of a workbook back (export --format
# xlsx, run's accusations.xlsx), as written, as saved again by LibreOffice, and as edited in a
# spreadsheet (rows deleted, columns moved, a column added, a date retyped in another format);
# a file that is no workbook is a clear error. The graph it gives is compared through the edges
# CSV, which carries every accusation field.
D=tests/data
X=$D/triples-xlsx.jsonl

ag build -q $X -o "$T/x.graphml"
ag export "$T/x.graphml" -f xlsx -o "$T/x.xlsx"
ag export "$T/x.graphml" -f csv -o "$T/x"

# As written: every field back, but the charge longer than a cell holds (cut by the workbook).
ag build "$T/x.xlsx" -o "$T/back.graphml"
expect_rc "build x.xlsx: exit 0" 0
expect_err "build x.xlsx: every accusation read" "6 triples read, 6 edges"
ag export "$T/back.graphml" -f csv -o "$T/back"
grep -v xxxxxxxxxx "$T/x.edges.csv" >"$T/x.short.csv"
grep -v xxxxxxxxxx "$T/back.edges.csv" >"$T/back.short.csv"
expect_same "xlsx read back: the edges (formula-like text, tab, line break, 016, dates of each precision, a date before 1900)" \
  "$T/x.short.csv" "$T/back.short.csv"
expect_same "xlsx read back: the actors" "$T/x.nodes.csv" "$T/back.nodes.csv"
expect_eq "xlsx read back: the long charge as the cell holds it" "32767" \
  "$(/usr/bin/python3 -c 'import csv,sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["charge"].startswith("xxxx"): print(len(r["charge"]))' "$T/back.edges.csv")"
# A workbook named otherwise is known by its zip signature.
cp "$T/x.xlsx" "$T/x-book"
ag build -q "$T/x-book" -o "$T/sig.graphml"
expect_same "a workbook without .xlsx: read as one" "$T/back.graphml" "$T/sig.graphml"

# Saved again by LibreOffice (its own styles, shared strings and number formats): the same graph.
# (A private profile: LibreOffice's first start is slow and its profile is no test's business.)
if command -v soffice >/dev/null; then
  mkdir -p "$T/lo"
  timeout 300 soffice "-env:UserInstallation=file://$T/lo-profile" --headless --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$T/lo" "$T/x.xlsx" >/dev/null 2>&1
  ag build -q "$T/lo/x.xlsx" -o "$T/lo.graphml"
  expect_rc "build of the workbook LibreOffice saved: exit 0" 0
  ag export "$T/lo.graphml" -f csv -o "$T/lo-back"
  grep -v xxxxxxxxxx "$T/lo-back.edges.csv" >"$T/lo.short.csv"
  expect_same "LibreOffice's workbook: the same edges" "$T/x.short.csv" "$T/lo.short.csv"
else
  echo "SKIP LibreOffice's workbook: soffice is not installed"
fi

# Edited with openpyxl as a user would in a spreadsheet: two rows deleted, the action column
# moved to the front, a column of notes added, one date retyped as a date shown dd/mm/yyyy,
# one charge rewritten.
/usr/bin/python3 - "$T/x.xlsx" "$T/edited.xlsx" <<'EOF'
import datetime, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["accusations"]
head = [c.value for c in ws[1]]
ws.delete_rows(3, 2)                      # the 2nd and 3rd accusations
a = head.index("action") + 1
rows = [[c.value for c in r] for r in ws.iter_rows()]
fmts = [[c.number_format for c in r] for r in ws.iter_rows()]
new = openpyxl.Workbook()
out = new.active
out.title = "accusations"
for i, (r, f) in enumerate(zip(rows, fmts)):
    vals = [r[a - 1]] + r[:a - 1] + r[a:] + (["note"] if i == 0 else ["checked by hand"])
    nf = [f[a - 1]] + f[:a - 1] + f[a:] + ["General"]
    out.append(vals)
    for j, fm in enumerate(nf):
        out.cell(row=i + 1, column=j + 1).number_format = fm
h = [c.value for c in out[1]]
d = out.cell(row=2, column=h.index("date") + 1)
d.value = datetime.datetime(2024, 2, 29)
d.number_format = "dd/mm/yyyy"
out.cell(row=3, column=h.index("charge") + 1).value = "jamming, as retyped"
new.save(sys.argv[2])
EOF
ag build "$T/edited.xlsx" -o "$T/edited.graphml"
expect_rc "edited workbook: exit 0" 0
expect_err "edited workbook: the extra column is named, not an error" "columns of no accusation field ignored: 'note'"
expect_err "edited workbook: the rows left" "4 triples read, 4 edges"
ag export "$T/edited.graphml" -f csv -o "$T/edited"
expect_eq "edited workbook: the retyped date, and the charge rewritten" "2024-02-29|jamming, as retyped" \
  "$(/usr/bin/python3 -c 'import csv,sys
r = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
print(r[0]["date"] + "|" + r[1]["charge"])' "$T/edited.edges.csv")"

# Not a workbook: a clear error naming the file; a missing one is exit 3.
printf 'id,text\n' >"$T/fake.xlsx"
ag build "$T/fake.xlsx" -o "$T/fake.graphml"
expect_rc "a text named .xlsx: exit 1" 1
expect_err "a text named .xlsx: says why" "$T/fake.xlsx: not an xlsx workbook (not a zip archive)"
( cd "$T" && rm -f plain.zip && printf 'hello\n' >hello.txt && /usr/bin/python3 -c 'import zipfile; zipfile.ZipFile("plain.zip", "w").write("hello.txt")' && mv plain.zip plain.xlsx )
ag build "$T/plain.xlsx" -o "$T/plain.graphml"
expect_rc "a zip that is no workbook: exit 1" 1
expect_err "a zip that is no workbook: says what it lacks" "not an xlsx workbook (it has no xl/workbook.xml)"
ag build "$T/nowhere.xlsx" -o "$T/nowhere.graphml"
expect_rc "a missing workbook: exit 3" 3
if [ ! -e "$T/fake.graphml" ] && [ ! -e "$T/plain.graphml" ]; then pass "no graph written from a bad workbook"
else fail "no graph written from a bad workbook" "a graph was written"; fi

# A bad row (an actor type of no kind) names the workbook and the sheet's row; --skip-bad counts it.
/usr/bin/python3 - "$T/x.xlsx" "$T/badrow.xlsx" <<'EOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["accusations"]
h = [c.value for c in ws[1]]
ws.cell(row=4, column=h.index("source_type") + 1).value = "alien"
wb.save(sys.argv[2])
EOF
ag build "$T/badrow.xlsx" -o "$T/badrow.graphml"
expect_rc "a workbook with a bad actor type: exit 1" 1
expect_err "a workbook with a bad actor type: names the row" "$T/badrow.xlsx:4:"
ag build --skip-bad "$T/badrow.xlsx" -o "$T/badrow.graphml"
expect_rc "--skip-bad: exit 0" 0
expect_err "--skip-bad: the row skipped, counted" "5 triples read, 5 edges, 2 actors, 1 skipped"
