# t0120-export.sh - `accusegraph export`: golden files for every format (the small graph and the
# empty graph), GEXF valid by the RNG, GraphML by the XSD, JSON read by networkx, CSV by python's csv.
D=tests/data
G=tests/golden
PY=/usr/bin/python3
RNG=$SHARED/schemas/gexf-1.3/gexf.rng
XSD=$SHARED/schemas/graphml/graphml.xsd

# py_check NAME ARGS...: the checker's PASS/FAIL lines as results (py_results in lib.sh).
py_check() { local name=$1; shift; py_results "$name" tests/check_graph.py "$@"; }

# schema_ok NAME KIND FILE: xmllint against the schema in $SHARED (missing schema = failure).
schema_ok() {
  local s=$XSD opt=--schema
  [ "$2" = gexf ] && s=$RNG opt=--relaxng
  if [ ! -f "$s" ]; then fail "$1" "no schema at $s (SHARED=$SHARED)"; return; fi
  expect_cmd "$1" xmllint --noout $opt "$s" "$3"
}

for n in small empty; do
  # The graphs come from build, so this file also checks that build's output is what we think.
  ag build -q $D/triples-$n.jsonl -o "$T/$n.graphml"
  expect_same "$n: build output is the golden graph" $G/$n.graphml "$T/$n.graphml"

  ag export "$T/$n.graphml" --format gexf -o "$T/$n.gexf"
  expect_rc "$n: export gexf exits 0" 0
  expect_same "$n: golden gexf" $G/$n.gexf "$T/$n.gexf"
  schema_ok "$n: gexf valid by gexf.rng" gexf "$T/$n.gexf"

  ag export "$T/$n.graphml" --format graphml -o "$T/$n.out.graphml"
  grep -v '"v_\(in_strength\|out_strength\|pagerank\|hub\|authority\)"' "$T/$n.out.graphml" >"$T/$n.plain.graphml"
  expect_same "$n: graphml export equals the stored graph with the centrality added" $G/$n.graphml "$T/$n.plain.graphml"
  schema_ok "$n: graphml valid by graphml.xsd" graphml "$T/$n.out.graphml"

  ag export "$T/$n.graphml" --format json -o "$T/$n.json"
  expect_rc "$n: export json exits 0" 0
  expect_same "$n: golden json" $G/$n.json "$T/$n.json"
  py_check "$n: json" json "$T/$n.json" "$T/$n.graphml"

  ag export "$T/$n.graphml" --format csv -o "$T/$n"
  expect_rc "$n: export csv exits 0" 0
  expect_same "$n: golden edges.csv" $G/$n.edges.csv "$T/$n.edges.csv"
  expect_same "$n: golden nodes.csv" $G/$n.nodes.csv "$T/$n.nodes.csv"
  py_check "$n: csv" csv "$T/$n" "$T/$n.graphml"
done

# The country graph (with a self-loop) through every format: valid and consistent.
ag build -q $D/triples-small.jsonl --level country -o "$T/c.graphml"
ag export "$T/c.graphml" -f gexf -o "$T/c.gexf"
schema_ok "country gexf valid by gexf.rng" gexf "$T/c.gexf"
ag export "$T/c.graphml" -f json -o "$T/c.json"
py_check "country json" json "$T/c.json" "$T/c.graphml"
ag export "$T/c.graphml" -f csv -o "$T/c"
py_check "country csv" csv "$T/c" "$T/c.graphml"

# GEXF: one edge per accusation with a unique id, kind = action, weight 1, a timestamp for every
# dated one (first day of the month/year for partial dates), none for the undated one.
expect_eq "gexf: 9 unique edge ids" 9 "$(grep -o '<edge id="[^"]*"' "$T/small.gexf" | sort -u | wc -l)"
expect_eq "gexf: kinds" "accuse accuse accuse criticize accuse deny accuse complain criticize" \
  "$(grep -o ' kind="[^"]*"' "$T/small.gexf" | cut -d'"' -f2 | paste -sd' ')"
expect_eq "gexf: timestamps" "2022-03-29 2022-03-30 2020-10-01 2021-06-15 2023-01-01 2021-09-20 2023-05-02 2023-05-03" \
  "$(grep -o ' timestamp="[^"]*"' "$T/small.gexf" | cut -d'"' -f2 | paste -sd' ')"
expect_eq "gexf: the undated edge has no timestamp" 1 "$(grep '<edge ' "$T/small.gexf" | grep -vc timestamp)"
expect_eq "gexf: dynamic graph header" 1 \
  "$(grep -c 'mode="dynamic" defaultedgetype="directed" timeformat="date" timerepresentation="timestamp"' "$T/small.gexf")"
if grep -q 'weight="0"' "$T/small.gexf" "$T/small.graphml"; then fail "no weight 0" "found weight 0"
else pass "no weight 0"; fi
# A newline and a tab in a sentence survive attribute-value normalisation as character references.
expect_eq "gexf: newline and tab as character references" 2 \
  "$(grep -c 'cyberattacks&#10;on the 2020\|Brussels&#9;also' "$T/small.gexf")"

# CSV: --bom puts a BOM before each file and changes nothing else.
ag export "$T/small.graphml" -f csv --bom -o "$T/bom"
expect_rc "--bom exits 0" 0
for k in edges nodes; do
  expect_eq "--bom: $k.csv starts with EF BB BF" "efbbbf" "$(head -c 3 "$T/bom.$k.csv" | od -An -tx1 | tr -d ' \n')"
  tail -c +4 "$T/bom.$k.csv" >"$T/nobom.$k.csv"
  expect_same "--bom: $k.csv otherwise unchanged" "$T/small.$k.csv" "$T/nobom.$k.csv"
done
py_check "csv with BOM" csv "$T/bom" "$T/small.graphml" --bom
# The cells a spreadsheet would run as formulas are neutralised; the rest is kept verbatim.
expect_eq "csv: =HYPERLINK sentence neutralised" 1 "$(grep -c "^CHN,NATO,.*,\"'=HYPERLINK(\"\"https" "$T/small.edges.csv")"
expect_eq "csv: leading dashes neutralised" 1 "$(grep -c ",'-- Beijing denied" "$T/small.edges.csv")"

# -o names the pair: out, out.csv, out.edges.csv and out.nodes.csv are the same request.
for o in pair.csv pair.edges.csv pair.nodes.csv pair; do
  rm -f "$T/pair.edges.csv" "$T/pair.nodes.csv"
  ag export "$T/small.graphml" -f csv -o "$T/$o"
  expect_rc "csv -o $o exits 0" 0
  expect_same "csv -o $o writes pair.edges.csv" "$T/small.edges.csv" "$T/pair.edges.csv"
  expect_same "csv -o $o writes pair.nodes.csv" "$T/small.nodes.csv" "$T/pair.nodes.csv"
done
expect_eq "csv: no other file written" "pair.edges.csv pair.nodes.csv" \
  "$(cd "$T" && ls pair* | paste -sd' ')"

# The format can come from the output's extension; the graph can come from standard input;
# without -o the output goes to standard output.
ag export "$T/small.graphml" -o "$T/ext.gexf"
expect_same "format from .gexf extension" "$T/small.gexf" "$T/ext.gexf"
ag export - --format=json -o "$T/stdin.json" <"$T/small.graphml"
expect_same "graph from standard input" "$T/small.json" "$T/stdin.json"
ag export "$T/small.graphml" -f json
expect_same "json to standard output" "$T/small.json" "$out"

# A graph made by another program: graph attributes dropped, no id attribute -> n0.. ids.
cat >"$T/foreign.graphml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="g1" for="graph" attr.name="title" attr.type="string"/>
  <key id="k0" for="node" attr.name="label" attr.type="string"/>
  <key id="k1" for="node" attr.name="type" attr.type="string"/>
  <key id="k2" for="node" attr.name="country" attr.type="string"/>
  <key id="k3" for="node" attr.name="mentions" attr.type="int"/>
  <key id="k4" for="node" attr.name="id" attr.type="string"/>
  <key id="k5" for="edge" attr.name="action" attr.type="string"/>
  <key id="k6" for="edge" attr.name="code" attr.type="string"/>
  <key id="k7" for="edge" attr.name="date" attr.type="string"/>
  <key id="k8" for="edge" attr.name="doc" attr.type="string"/>
  <key id="k9" for="edge" attr.name="sentence" attr.type="string"/>
  <key id="ka" for="edge" attr.name="charge" attr.type="string"/>
  <key id="kb" for="edge" attr.name="topic" attr.type="string"/>
  <key id="kc" for="edge" attr.name="confidence" attr.type="double"/>
  <key id="kd" for="edge" attr.name="weight" attr.type="double"/>
  <key id="ke" for="edge" attr.name="negated" attr.type="boolean"/>
  <graph edgedefault="directed">
    <data key="g1">hand-made</data>
    <node id="a"><data key="k0">Ruritania</data><data key="k3">1</data><data key="k4">RUR</data></node>
    <node id="b"><data key="k0">Ruritania</data><data key="k3">1</data><data key="k4">RUR</data></node>
    <edge source="a" target="b"><data key="k5">accuse</data><data key="kc">0.5</data><data key="kd">2</data><data key="ke">false</data></edge>
  </graph>
</graphml>
EOF
ag export "$T/foreign.graphml" -f graphml -o "$T/foreign.out.graphml"
expect_rc "foreign graph exports" 0
if grep -q 'for="graph"' "$T/foreign.out.graphml"; then fail "foreign: graph attribute dropped" "still there"
else pass "foreign: graph attribute dropped"; fi
ag export "$T/foreign.graphml" -f json
expect_eq "foreign: duplicate ids fall back to n0, n1" '"n0" "n1"' \
  "$(grep -o '^{"id":"[^"]*"' "$out" | cut -d: -f2 | paste -sd' ')"

# The event table: CAMEO root and QuadClass (deny 016 is root 01, verbal cooperation; accuse 112
# root 11, verbal conflict), year and month from full and partial dates, none for the undated
# (the deny).
# cols FILE COLUMNS...: the named columns of every row of an edges.csv, "|"-joined, one row a line.
cols() { "$PY" -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    print("|".join(r[c] for c in sys.argv[2:]))
' "$@"; }
expect_eq "event table: cameo_code, cameo_root, quad_class, year, month, date_precision" \
"112|11|3|2022|3|day
1123|11|3|2022|3|day
1125|11|3|2020|10|month
111|11|3|2021|6|day
112|11|3|2023||year
016|01|1|||
1121|11|3|2021|9|day
114|11|3|2023|5|day
111|11|3|2023|5|day" "$(cols "$T/small.edges.csv" cameo_code cameo_root quad_class year month date_precision)"
expect_eq "event table: names, countries and types of both sides from the graph's actors" \
  "Moscow|RUS|state|Kyiv|UKR|state" "$(cols "$T/small.edges.csv" source_name source_country source_type target_name target_country target_type | head -n 1)"
expect_eq "event table: provenance, sentence_index and mentions of the triples" \
  "ex-001|news.example.org|2022-03-30|3|2" "$(cols "$T/small.edges.csv" doc publisher published sentence_index mentions | sed -n 2p)"
# A graph written before the provenance attributes (tests/data/export-v1.graphml, build's output
# until then) still exports: no url, rule or sentence number, one mention per edge.
ag export tests/data/export-v1.graphml -f csv -o "$T/v1"
expect_rc "graph without provenance attributes exports" 0
expect_eq "graph without provenance: empty provenance cells, mentions 1" "|||||1" \
  "$(cols "$T/v1.edges.csv" url title publisher rule sentence_index mentions | sort -u)"
# A provenance attribute of the wrong type is refused by name.
sed 's/attr.name="sentence_index" attr.type="double"/attr.name="sentence_index" attr.type="string"/' tests/golden/small.graphml >"$T/badsi.graphml"
ag export "$T/badsi.graphml" -f json
expect_rc "sentence_index attribute of the wrong type: exit 1" 1
expect_err "sentence_index attribute of the wrong type: named" "edge attribute 'sentence_index' must be numeric"
