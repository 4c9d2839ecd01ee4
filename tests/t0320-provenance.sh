# t0320-provenance.sh - where each accusation was reported: document ids relative to the input
# directory, the url, title, publisher and date of JSON Lines and CSV documents, and the sentence's
# index, from extract through the triples, build's GraphML and every export to the event table.
# The news items are written for this test; the actors are the fictional states of tests/extract.
PY=/usr/bin/python3
ACT=tests/extract/fictional-actors.tsv
IN=$T/in
mkdir -p "$IN/politics" "$IN/economy"
# two files of one name in two folders: two documents, two ids
printf 'Freedonia accused Sylvania of jamming its radio stations on Monday.\n' >"$IN/politics/007.txt"
printf 'The harbour was quiet. Sylvania criticized Freedonia over its new grain tariffs.\n' >"$IN/economy/007.txt"
# a crawler's record (news-please names); the title is sentence 0, the accusation sentence 3: one
# accusation reported twice, so one triple (sentence 0, the charge of sentence 3, mentions 2)
cat >"$IN/feed.jsonl" <<'EOF'
{"url":"https://wire.example.net/a/1","title":"Freedonia blames Sylvania","source_domain":"wire.example.net","date_publish":"2023-04-05 10:00:00","maintext":"The talks in Fredville ended early. Officials met again on Tuesday. Freedonia accused Sylvania of sabotaging the pipeline."}
EOF
# a CSV export with a publisher column and a title a spreadsheet would run as a formula
printf 'id,url,publisher,title,date,text\r\nc-1,https://daily.example.com/x?a=1&b=2,Daily Example,"=SUM(A1:A9), a headline",2023-05-06,"Sylvania accused Freedonia of espionage."\r\n' >"$IN/docs.csv"

ag extract "$IN" --actors $ACT --dedup -o "$T/t.jsonl"
expect_rc "extract exits 0" 0
# prov FILE: "doc|sentence_index|url|title|publisher|published" per triple, sorted
prov() {
  "$PY" -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    t = json.loads(line)
    print("|".join(str(t[k]) for k in ("doc", "sentence_index", "url", "title", "publisher", "published")))
' "$1" | LC_ALL=C sort
}
expect_eq "triples: ids relative to the input, url, title, publisher, date, sentence index" \
"c-1|1|https://daily.example.com/x?a=1&b=2|=SUM(A1:A9), a headline|Daily Example|2023-05-06
economy/007.txt|1||||
https://wire.example.net/a/1|0|https://wire.example.net/a/1|Freedonia blames Sylvania|wire.example.net|2023-04-05
politics/007.txt|0||||" "$(prov "$T/t.jsonl")"
# (c-1's sentence 0 is its title, the text sentence 1)

# A file named as input keeps its bare name; the folder named as input starts the path.
ag extract "$IN/politics/007.txt" --actors $ACT -o "$T/one.jsonl"
expect_eq "a file given by name: id is its name" "007.txt" "$(prov "$T/one.jsonl" | cut -d'|' -f1)"
ag extract "$IN/politics/" --actors $ACT -o "$T/dir.jsonl"
expect_eq "a folder given with a trailing slash: id relative to it" "007.txt" "$(prov "$T/dir.jsonl" | cut -d'|' -f1)"

# The CSV form of the triples carries the same fields.
ag extract "$IN" --actors $ACT --dedup --format csv -o "$T/t.csv"
py_results "triples csv = jsonl" tests/check_graph.py triples-csv "$T/t.csv" "$T/t.jsonl"

# build: the provenance as edge attributes, read back by networkx with every attribute on every edge.
ag build -q "$T/t.jsonl" -o "$T/g.graphml"
py_results "build" tests/check_graph.py build "$T/g.graphml" "$T/t.jsonl"
expect_cmd "networkx: url, title, publisher, published and sentence_index on the edges" "$PY" - "$T/g.graphml" <<'EOF'
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1], force_multigraph=True)
got = sorted((d["doc"], int(d["sentence_index"]), d.get("url", ""), d.get("publisher", "")) for _, _, d in g.edges(data=True))
want = [("c-1", 1, "https://daily.example.com/x?a=1&b=2", "Daily Example"), ("economy/007.txt", 1, "", ""),
        ("https://wire.example.net/a/1", 0, "https://wire.example.net/a/1", "wire.example.net"),
        ("politics/007.txt", 0, "", "")]
assert got == want, got
EOF

# export: the event table holds them (the formula-like title neutralised), GEXF and JSON too.
ag export "$T/g.graphml" -f csv -o "$T/e"
py_results "export csv" tests/check_graph.py csv "$T/e" "$T/g.graphml"
expect_cmd "edges.csv: event columns of the CSV document" "$PY" - "$T/e.edges.csv" <<'EOF'
import csv, sys
rows = {r["doc"]: r for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))}
r = rows["c-1"]
want = {"source_name": "Sylvania", "source_country": "SYL", "target_name": "Freedonia", "action": "accuse",
        "cameo_code": "1125", "cameo_root": "11", "quad_class": "3", "year": "2023", "month": "5",
        "date": "2023-05-06", "date_precision": "day", "url": "https://daily.example.com/x?a=1&b=2",
        "title": "'=SUM(A1:A9), a headline", "publisher": "Daily Example", "published": "2023-05-06",
        "sentence_index": "1", "sentence": "Sylvania accused Freedonia of espionage.", "mentions": "1"}
bad = {k: (v, r.get(k)) for k, v in want.items() if r.get(k) != v}
assert not bad, bad
u = rows["economy/007.txt"]
assert (u["year"], u["month"], u["date"], u["cameo_root"], u["quad_class"]) == ("", "", "", "11", "3"), u
EOF
ag export "$T/g.graphml" -f gexf -o "$T/g.gexf"
expect_cmd "gexf valid by gexf.rng with the provenance attributes" xmllint --noout --relaxng "$SHARED/schemas/gexf-1.3/gexf.rng" "$T/g.gexf"
expect_eq "gexf: the url on its edge" 1 "$(grep -c '<attvalue for="url" value="https://wire.example.net/a/1"/>' "$T/g.gexf")"
ag export "$T/g.graphml" -f json -o "$T/g.json"
py_results "export json" tests/check_graph.py json "$T/g.json" "$T/g.graphml"

# run: the same in its outputs.
ag run "$IN" --actors $ACT -q -o "$T/out"
expect_rc "run exits 0" 0
expect_eq "run: edges.csv has the relative ids and the urls" \
  "c-1 https://daily.example.com/x?a=1&b=2|economy/007.txt |https://wire.example.net/a/1 https://wire.example.net/a/1|politics/007.txt " \
  "$("$PY" -c '
import csv, sys
print("|".join(sorted(r["doc"] + " " + r["url"] for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))))
' "$T/out/accusations.edges.csv")"
