# t0125-xlsx.sh - `export --format xlsx` and run's accusations.xlsx, read back by openpyxl (typed
# cells, no formulas, UTF-8, the event table, actors with centrality, pairs) and by LibreOffice
# headless converting every sheet back to CSV (skipped with a message when soffice is absent).
# tests/data/triples-xlsx.jsonl holds text a spreadsheet would run as a formula, non-ASCII names,
# a tab and a line break, the deny code 016, day, month and year dates, an undated accusation and
# a charge longer than a cell holds, and a date before 1900 (text: Excel has no such dates).
D=tests/data
X=$D/triples-xlsx.jsonl

# xlsx_cells NAME BOOK BASE: check_xlsx.py's cell checks against BASE.edges.csv / BASE.nodes.csv.
xlsx_cells() { py_results "$1" tests/check_xlsx.py cells "$2" "$3"; }

ag build -q $X -o "$T/x.graphml"
ag export "$T/x.graphml" -f xlsx -o "$T/x.xlsx"
expect_rc "export xlsx exits 0" 0
ag export "$T/x.graphml" -f csv -o "$T/x"
xlsx_cells "xlsx" "$T/x.xlsx" "$T/x"

# The format comes from the extension too; the same graph gives the same bytes.
ag export "$T/x.graphml" -o "$T/again.xlsx"
expect_rc "format from .xlsx extension" 0
expect_same "xlsx is deterministic" "$T/x.xlsx" "$T/again.xlsx"
# An empty graph is a workbook of headers.
ag export tests/golden/empty.graphml -f xlsx -o "$T/empty.xlsx"
ag export tests/golden/empty.graphml -f csv -o "$T/empty"
xlsx_cells "empty xlsx" "$T/empty.xlsx" "$T/empty"

# Written atomically: a file it replaces keeps its permission bits, no temporary is left.
printf 'previous\n' >"$T/keep.xlsx"; chmod 640 "$T/keep.xlsx"
ag export "$T/x.graphml" -f xlsx -o "$T/keep.xlsx"
expect_same "replaced xlsx is the new workbook" "$T/x.xlsx" "$T/keep.xlsx"
expect_eq "replaced xlsx keeps mode 640" 640 "$(stat -c %a "$T/keep.xlsx")"
expect_eq "no temporary left beside the workbook" "" "$(cd "$T" && ls -A | grep '^\.accusegraph-' | paste -sd' ')"
ag export "$T/x.graphml" -f xlsx -o "$T/no/such/dir/x.xlsx"
expect_rc "xlsx into a missing directory exits 3" 3
expect_err "xlsx into a missing directory: message" "cannot write $T/no/such/dir/x.xlsx: No such file or directory"

# run writes accusations.xlsx beside the CSV tables: the actors sheet has the node table's
# centrality columns with the same values.
IN=$T/in
mkdir -p "$IN"
printf 'Freedonia accused Sylvania of jamming its radio stations on 3 May 2024.\nSylvania denied it.\n' >"$IN/a.txt"
printf 'Sylvania criticized Freedonia over its grain tariffs in June 2024. Freedonia accused Sylvania of spying.\n' >"$IN/b.txt"
ag run "$IN" --actors tests/extract/fictional-actors.tsv -q -o "$T/out"
expect_rc "run exits 0" 0
if [ -s "$T/out/accusations.xlsx" ]; then pass "run writes accusations.xlsx"
else fail "run writes accusations.xlsx" "$(ls "$T/out")"; fi
xlsx_cells "run xlsx" "$T/out/accusations.xlsx" "$T/out/accusations"

# LibreOffice: its first start is slow, so it gets a private profile and a time limit.
if command -v soffice >/dev/null 2>&1; then
  py_results "libreoffice" tests/check_xlsx.py libreoffice "$T/x.xlsx" "$T/x" "$T/lo-profile"
else
  echo "SKIP libreoffice: soffice not installed (scripts/install-deps.sh installs libreoffice-calc-nogui)"
fi
