# t0330-dedup.sh - one accusation reported many times in a document is one event: the repeats
# (headline, lead, body) merge into one triple with a mentions count and every sentence kept;
# --no-dedup keeps them apart; documents never merge; the graph, the event table and the pairs
# sheet count accusations and reports. The news items are written for this test; the actors are
# the fictional states of tests/extract.
PY=/usr/bin/python3
ACT=tests/extract/fictional-actors.tsv
IN=$T/in
mkdir -p "$IN"
# headline (sentence 0), lead (1) and body (3) report one accusation; the lead's charge differs in
# case, spacing and a full stop; sentence 4 accuses another target of the same, 6 names another charge
cat >"$IN/wells.txt" <<'EOF'
Freedonia accuses Sylvania of poisoning the border wells

Freedonia on Monday accused Sylvania of Poisoning  the Border Wells.

The Freedonian foreign minister spoke to reporters in the capital. Freedonia accused Sylvania of poisoning the border wells, and the minister said the water would be tested again. Freedonia also accused the Northern Concord of poisoning the border wells. Sylvania rejected the accusations. Freedonia accused Sylvania of stealing cattle.
EOF
# a triple summary: "source target action charge mentions [sentence_indexes]" per triple, in order
summary() {
  "$PY" -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    t = json.loads(line)
    print(t["source"]["id"], t["target"]["id"], t["action"], t["charge"] or "-", t["mentions"], "[%s]" % t["sentence_indexes"])
' "$1"
}

ag extract "$IN/wells.txt" --actors $ACT --dedup -o "$T/d.jsonl"
expect_rc "extract exits 0" 0
expect_err "summary counts the merged repeats" "4 accusations, 2 repeats merged into accusations"
expect_eq "headline, lead and body: one triple with mentions 3; another target or charge stays apart" \
"FRD SYL accuse poisoning the border wells 3 [0 1 3]
FRD NCO accuse poisoning the border wells 1 []
SYL FRD deny - 1 []
FRD SYL accuse stealing cattle 1 []" "$(summary "$T/d.jsonl")"
expect_cmd "the merged triple keeps the first report's sentence and every report's sentence" "$PY" - "$T/d.jsonl" <<'EOF'
import json, sys
t = json.loads(open(sys.argv[1], encoding="utf-8").readline())
assert t["sentence"] == "Freedonia accuses Sylvania of poisoning the border wells" and t["sentence_index"] == 0, t
assert t["offset"] == 0 and t["charge"] == "poisoning the border wells", t
assert t["sentences"].split("\n") == [
    "Freedonia accuses Sylvania of poisoning the border wells",
    "Freedonia on Monday accused Sylvania of Poisoning  the Border Wells.",
    "Freedonia accused Sylvania of poisoning the border wells, and the minister said the water would be tested again."], t
EOF

ag extract "$IN/wells.txt" --actors $ACT --no-dedup -o "$T/n.jsonl"
expect_rc "--no-dedup exits 0" 0
expect_eq "--no-dedup: every report its own triple" \
"FRD SYL accuse poisoning the border wells 1 []
FRD SYL accuse Poisoning  the Border Wells 1 []
FRD SYL accuse poisoning the border wells 1 []
FRD NCO accuse poisoning the border wells 1 []
SYL FRD deny - 1 []
FRD SYL accuse stealing cattle 1 []" "$(summary "$T/n.jsonl")"
if grep -q 'merged' "$err"; then fail "--no-dedup: nothing merged in the summary" "$(cat "$err")"
else pass "--no-dedup: nothing merged in the summary"; fi

# Two documents with the same report are two events: one triple each.
mkdir -p "$IN/two"
cp "$IN/wells.txt" "$IN/two/a.txt"
cp "$IN/wells.txt" "$IN/two/b.txt"
ag extract "$IN/two" --actors $ACT --dedup -o "$T/two.jsonl"
expect_eq "two documents: one poisoning triple each, mentions 3 in each" "a.txt 3
b.txt 3" "$("$PY" -c '
import json, sys
for l in open(sys.argv[1]):
    t = json.loads(l)
    if t["target"]["id"] == "SYL" and t["charge"].startswith("poisoning"): print(t["doc"], t["mentions"])
' "$T/two.jsonl")"

# An empty charge repeats the accusation with a charge (a headline that names none), and the
# merged one takes that charge; a negated report stays apart from the accusation.
cat >"$IN/empty.txt" <<'EOF'
Freedonia blames Sylvania

Freedonia accused Sylvania of opening the dam gates. Freedonia did not accuse Sylvania of opening the dam gates on purpose. Freedonia blamed Sylvania.
EOF
ag extract "$IN/empty.txt" --actors $ACT --dedup --keep-negated -o "$T/e.jsonl"
expect_eq "an empty charge merges; a negated report does not" \
"FRD SYL accuse opening the dam gates 3 [0 1 3] False
FRD SYL accuse opening the dam gates on purpose 1 [] True" "$("$PY" -c '
import json, sys
for l in open(sys.argv[1]):
    t = json.loads(l)
    print(t["source"]["id"], t["target"]["id"], t["action"], t["charge"] or "-", t["mentions"], "[%s]" % t["sentence_indexes"], t["negated"])
' "$T/e.jsonl")"

# The output is the same for any number of threads.
for i in 1 2 3 4 5 6; do cp "$IN/wells.txt" "$IN/two/w$i.txt"; cp "$IN/empty.txt" "$IN/two/e$i.txt"; done
ag extract "$IN/two" --actors $ACT --dedup -j 1 -o "$T/j1.jsonl"
ag extract "$IN/two" --actors $ACT --dedup -j 3 -o "$T/j3.jsonl"
expect_same "--jobs 1 and --jobs 3 give the same bytes" "$T/j1.jsonl" "$T/j3.jsonl"

# The CSV form carries the sentence lists, and reads back as the same triples.
ag extract "$IN/wells.txt" --actors $ACT --dedup -f csv -o "$T/d.csv"
py_results "triples csv = jsonl" tests/check_graph.py triples-csv "$T/d.csv" "$T/d.jsonl"
printf '{"source":{"id":"FRD"},"action":"accuse","target":{"id":"SYL"},"mentions":2,"sentence_indexes":"0,1"}\n' >"$T/bad.jsonl"
ag build "$T/bad.jsonl" -o "$T/bad.graphml"
expect_rc "bad sentence_indexes: exit 1" 1
expect_err "bad sentence_indexes: file, line and field" "$T/bad.jsonl:1: sentence_indexes must be whole numbers separated by spaces"

# run: the graph has one edge per accusation with its mentions and sentences; the event table
# and the pairs sheet count accusations and reports; --no-dedup gives an edge per report.
ag run "$IN/wells.txt" --actors $ACT -q -o "$T/out"
expect_rc "run exits 0" 0
ag run "$IN/wells.txt" --actors $ACT -q --no-dedup -o "$T/outn"
expect_rc "run --no-dedup exits 0" 0
expect_cmd "run: graph, edges.csv and pairs count accusations and reports" "$PY" - "$T/out" "$T/outn" <<'EOF'
import csv, sys, networkx as nx, openpyxl
def check(d, edges):
    g = nx.read_graphml(d + "/accusations.graphml", force_multigraph=True)
    e = [x for u, v, x in g.edges(data=True) if x.get("charge", "").lower().startswith("poisoning")]
    syl = [x for x in e if "Concord" not in x["sentence"]]
    assert len(syl) == edges and sum(x["mentions"] for x in syl) == 3, syl
    rows = [r for r in csv.DictReader(open(d + "/accusations.edges.csv", newline="", encoding="utf-8"))
            if r["Target"] == "SYL" and r["action"] == "accuse"]
    assert len(rows) == edges + 1 and sum(int(r["mentions"]) for r in rows) == 4, rows
    ws = openpyxl.load_workbook(d + "/accusations.xlsx")["pairs"]
    head = [c.value for c in ws[1]]
    pairs = [dict(zip(head, [c.value for c in r])) for r in ws.iter_rows(min_row=2)]
    p = [r for r in pairs if r["source_id"] == "FRD" and r["target_id"] == "SYL" and r["action"] == "accuse"]
    assert len(p) == 1 and p[0]["accusations"] == edges + 1 and p[0]["reports"] == 4, p
check(sys.argv[1], 1)
check(sys.argv[2], 3)
g = nx.read_graphml(sys.argv[1] + "/accusations.graphml", force_multigraph=True)
m = [x for _, _, x in g.edges(data=True) if x["mentions"] == 3]
assert len(m) == 1 and m[0]["sentence_indexes"] == "0 1 3" and len(m[0]["sentences"].split("\n")) == 3, m
EOF
