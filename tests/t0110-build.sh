# t0110-build.sh - `accusegraph build`: the multigraph, its filters and levels, checked against a
# python re-implementation read through networkx and python-igraph; GraphML valid by the schema.
D=tests/data
PY=/usr/bin/python3
J=$D/triples-small.jsonl
XSD=$SHARED/schemas/graphml/graphml.xsd

# py_check NAME ARGS...: the checker's PASS/FAIL lines as results (py_results in lib.sh).
py_check() { local name=$1; shift; py_results "$name" tests/check_graph.py "$@"; }

# valid NAME FILE: GraphML valid against the schema (the schema is in $SHARED; without it we fail).
valid() {
  if [ ! -f "$XSD" ]; then fail "$1" "no GraphML schema at $XSD (SHARED=$SHARED)"; return; fi
  expect_cmd "$1" xmllint --noout --schema "$XSD" "$2"
}

# The default graph: 10 triples, the negated one left out -> 9 accusations between 9 actors.
ag build "$J" -o "$T/small.graphml"
expect_rc "build exits 0" 0
expect_err "summary line" "accusegraph: build: 10 triples read, 9 edges, 9 actors, 0 skipped, 1 filtered out"
expect_same "golden small.graphml" tests/golden/small.graphml "$T/small.graphml"
valid "small.graphml valid by graphml.xsd" "$T/small.graphml"
py_check "small" build "$T/small.graphml" "$J"
if grep -q 'for="graph"' "$T/small.graphml"; then fail "no graph-level keys" "found for=\"graph\""
else pass "no graph-level keys"; fi

# Without -o the graph goes to standard output; --quiet drops the summary.
ag build --quiet "$J"
expect_same "stdout equals -o" "$T/small.graphml" "$out"
expect_eq "--quiet: nothing on stderr" "" "$(cat "$err")"

# Country level: the opposition group merges into RUS (a self-loop), Erdogan into TUR, which has no
# actor of its own: label TUR, type empty.
ag build -q "$J" --level country -o "$T/country.graphml"
expect_same "golden small-country.graphml" tests/golden/small-country.graphml "$T/country.graphml"
valid "country graph valid by graphml.xsd" "$T/country.graphml"
py_check "country" build "$T/country.graphml" "$J" --level country

# Each filter, and filters together, against the python re-implementation; the comment gives the
# edge count worked out by hand from the fixture.
while IFS='|' read -r edges opts; do
  ag build -q "$J" $opts -o "$T/f.graphml"
  expect_rc "build $opts exits 0" 0
  expect_eq "build $opts: $edges edges" "$edges" "$(grep -c '<edge ' "$T/f.graphml")"
  py_check "build $opts" build "$T/f.graphml" "$J" $opts
done <<'EOF'
10|--keep-negated
5|--since 2022
5|--since=2022-01-01
1|--until 2020-10-15
1|--since 2020-10-15 --until 2020-10-15
0|--since 2024
6|--action accuse,deny
6|--action=Accuse,DENY
2|--action criticize
5|--min-confidence 0.8
3|--min-confidence=0.9
4|--level country --keep-negated --since 2022-03 --action accuse,complain
EOF
# A negated edge says so.
ag build -q "$J" --keep-negated --action accuse --since 2021-02 --until 2021-02 -o "$T/neg.graphml"
expect_eq "--keep-negated: the negated edge carries negated=true" "1 true" \
  "$(grep -c '<edge ' "$T/neg.graphml") $(grep -o '<data key="e_negated">[a-z]*' "$T/neg.graphml" | cut -d'>' -f2)"

# Several inputs, JSONL and CSV, add up.
ag build "$J" $D/triples-small.csv -o "$T/two.graphml"
expect_err "two inputs: 20 triples" "20 triples read, 18 edges, 9 actors"

# Strings are cleaned before igraph: control characters become spaces, CR LF becomes LF.
printf '{"source":{"id":"RUS","name":"Mos\\u0007cow"},"action":"accuse","target":{"id":"UKR"},"sentence":"a\\r\\nb\\rc"}\n' >"$T/ctl.jsonl"
ag build -q "$T/ctl.jsonl" -o "$T/ctl.graphml"
valid "control characters: GraphML still valid" "$T/ctl.graphml"
expect_eq "control character in a name becomes a space" "Mos cow|a\nb\nc" \
  "$("$PY" -W ignore -c 'import igraph; g = igraph.Graph.Read_GraphML("'"$T/ctl.graphml"'"); print(g.vs[0]["label"] + "|" + g.es[0]["sentence"].replace("\n", "\\n"))')"

# Actors without an id are keyed by name; the same name is one actor.
printf '%s\n' '{"source":{"name":"Moscow"},"action":"accuse","target":{"name":"Kyiv"}}' \
  '{"source":{"name":"Kyiv"},"action":"deny","target":{"name":"Moscow"}}' >"$T/names.jsonl"
ag build "$T/names.jsonl" -o "$T/names.graphml"
expect_err "actors keyed by name" "2 triples read, 2 edges, 2 actors"

# build reads back what it wrote: export to GraphML reproduces the file byte for byte, with the
# centrality columns of the node table added to the nodes.
ag export "$T/small.graphml" --format graphml -o "$T/again.graphml"
grep -v '"v_\(in_strength\|out_strength\|pagerank\|hub\|authority\)"' "$T/again.graphml" >"$T/again-plain.graphml"
expect_same "GraphML read and written again is identical but for the centrality" "$T/small.graphml" "$T/again-plain.graphml"
expect_eq "export to GraphML adds the five centrality keys" 5 "$(grep -c '<key id="v_\(in_strength\|out_strength\|pagerank\|hub\|authority\)" for="node"' "$T/again.graphml")"

# build reads the edges CSV that export and run write (the event table): the graph comes back
# byte for byte, at actor and at country level, with the formula guard (') taken off the text;
# the derived columns (Type, Kind, Id, Label, Weight, timeset, cameo_root, quad_class, year,
# month) are ignored and Source, Target, cameo_code stand for source_id, target_id, code.
ag export "$T/small.graphml" -f csv -o "$T/rt"
ag build -q "$T/rt.edges.csv" -o "$T/rt.graphml"
expect_rc "build reads an edges CSV" 0
expect_same "edges CSV -> build gives the graph back" "$T/small.graphml" "$T/rt.graphml"
ag export "$T/country.graphml" -f csv -o "$T/rtc"
ag build -q "$T/rtc.edges.csv" -o "$T/rtc.graphml"
expect_same "country edges CSV -> build gives the country graph back" "$T/country.graphml" "$T/rtc.graphml"
# the layout before the event table (tests/data/edges-v1.csv: export's output until then)
ag build -q $D/edges-v1.csv -o "$T/v1.graphml"
expect_rc "build reads an edges CSV of the earlier layout" 0
expect_eq "earlier layout: every edge, the =HYPERLINK sentence without its guard" "9 1" \
  "$(grep -c '<edge ' "$T/v1.graphml") $(grep -c '<data key="e_sentence">=HYPERLINK' "$T/v1.graphml")"
# an edges CSV edited in a spreadsheet: a column added (ignored, named in a warning), the
# columns in another order, rows deleted: the graph of the rows left
/usr/bin/python3 - "$T/rt.edges.csv" "$T/edited.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
head, body = rows[0], rows[1:]
order = list(reversed(range(len(head))))
with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow([head[i] for i in order] + ["notes"])
    for n, r in enumerate(body):
        if n not in (1, 4):
            w.writerow([r[i] for i in order] + ["checked"])
EOF
ag build "$T/edited.csv" -o "$T/edited.graphml"
expect_rc "edited edges CSV (a column added, columns reordered, rows deleted): exit 0" 0
expect_err "edited edges CSV: the added column named in a warning" "warning: $T/edited.csv: columns of no accusation field ignored: 'notes'"
expect_cmd "edited edges CSV: the graph of the rows left" /usr/bin/python3 - "$T/small.graphml" "$T/edited.graphml" <<'EOF'
import sys, warnings, igraph
warnings.simplefilter("ignore")
a, b = igraph.Graph.Read_GraphML(sys.argv[1]), igraph.Graph.Read_GraphML(sys.argv[2])
keep = [e for e in range(a.ecount()) if e not in (1, 4)]
assert [a.es[e]["sentence"] for e in keep] == b.es["sentence"], b.es["sentence"]
assert [(a.vs[a.es[e].source]["id"], a.vs[a.es[e].target]["id"]) for e in keep] == \
       [(b.vs[x.source]["id"], b.vs[x.target]["id"]) for x in b.es]
EOF
# in a triples CSV a column that is no triple field is still refused by name
sed '1s/\r$/,notes\r/' $D/triples-small.csv >"$T/notes.csv"
ag build "$T/notes.csv" -o "$T/x.graphml"
expect_err "triples CSV with an unknown column: named" "$T/notes.csv:1: unknown column 'notes' in the header"
# a text that itself starts with ' and a formula character survives the round trip: the CSV
# guards it with one more ', which build takes off again
printf '%s\n' '{"source":{"id":"FRD"},"action":"accuse","target":{"id":"SYL"},"sentence":"'"'"'=SUM(1) is what they wrote","charge":"'"'"'-x"}' >"$T/q.jsonl"
ag build -q "$T/q.jsonl" -o "$T/q.graphml"
ag export "$T/q.graphml" -f csv -o "$T/q"
ag build -q "$T/q.edges.csv" -o "$T/q2.graphml"
expect_same "a text starting with ' and = comes back from the edges CSV as it was" "$T/q.graphml" "$T/q2.graphml"
expect_eq "the edges CSV doubles that guard" 1 "$(grep -c "''=SUM(1) is what they wrote" "$T/q.edges.csv")"
