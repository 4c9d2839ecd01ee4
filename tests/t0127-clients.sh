# t0127-clients.sh - the clients' limits (issue 10 item 6), checked with the real clients: GraphML
# keys declare defaults (python-igraph, networkx, our own reader); GEXF 1.2 read by networkx 2.8;
# GEXF nodes with spells, colours and sizes; centrality on GraphML and GEXF nodes; graphology's
# JSON read by graphology (skipped with a message without node or tests/node/node_modules); GML,
# Pajek, dot and edge list through igraph's writers read back by python-igraph and Graphviz.
PY=/usr/bin/python3
D=tests/data
RNG=$SHARED/schemas/gexf-1.3/gexf.rng
XSD=$SHARED/schemas/graphml/graphml.xsd
ag build -q $D/triples-small.jsonl -o "$T/g.graphml"

# GraphML: numeric and boolean keys carry their default; the file stays schema-valid; a reader
# fills a value left out (python-igraph; networkx keeps it in edge_default; our reader too).
ag export "$T/g.graphml" -f graphml -o "$T/x.graphml"
expect_rc "export graphml exits 0" 0
expect_cmd "graphml with defaults valid by graphml.xsd" xmllint --noout --schema "$XSD" "$T/x.graphml"
awk 'BEGIN{n=0} /<data key="e_mentions">/ && n==0 {n=1; next} {print}' "$T/x.graphml" >"$T/nomention.graphml"
expect_cmd "python-igraph, networkx: the defaults fill a value left out" "$PY" - "$T/x.graphml" "$T/nomention.graphml" <<'EOF'
import sys, warnings, networkx as nx, igraph
warnings.simplefilter("ignore")
g = nx.read_graphml(sys.argv[1], force_multigraph=True)
want = {"confidence": 1.0, "weight": 1.0, "negated": False, "sentence_index": 0.0, "mentions": 1.0}
assert g.graph["edge_default"] == want, g.graph["edge_default"]
assert g.graph["node_default"] == {"mentions": 0.0}, g.graph["node_default"]
for u, v, d in g.edges(data=True):
    assert all(k in d for k in want), (u, v, d)
h = igraph.Graph.Read_GraphML(sys.argv[2])
assert h.es[0]["mentions"] == 1.0, h.es[0]["mentions"]
g2 = nx.read_graphml(sys.argv[2], force_multigraph=True)
e0 = [d for _, _, d in g2.edges(data=True) if d["sentence_index"] == 0 and "mentions" not in d]
assert len(e0) == 1 and {**g2.graph["edge_default"], **e0[0]}["mentions"] == 1.0, e0
EOF
ag export "$T/nomention.graphml" -f csv -o "$T/nm"
expect_eq "our reader fills a value left out with the key's default" "1" \
  "$("$PY" -c 'import csv,sys; print(next(csv.DictReader(open(sys.argv[1], encoding="utf-8")))["mentions"])' "$T/nm.edges.csv")"

# GraphML and GEXF nodes have the node table's centrality columns, with its values.
ag export "$T/g.graphml" -f csv -o "$T/t"
ag export "$T/g.graphml" -f gexf -o "$T/g13.gexf"
expect_cmd "gexf 1.3 with spells and viz valid by gexf.rng" xmllint --noout --relaxng "$RNG" "$T/g13.gexf"
ag export "$T/g.graphml" -f gexf --gexf-version 1.2 -o "$T/g12.gexf"
expect_rc "export --gexf-version 1.2 exits 0" 0
expect_cmd "networkx: centrality on GraphML and GEXF 1.2 nodes; GEXF 1.2 read with spells, colours, sizes" \
  "$PY" - "$T/x.graphml" "$T/g12.gexf" "$T/t.nodes.csv" "$T/g.graphml" <<'EOF'
import csv, sys, networkx as nx, igraph
cols = ["in_strength", "out_strength", "pagerank", "hub", "authority"]
table = {r["Id"]: r for r in csv.DictReader(open(sys.argv[3], encoding="utf-8"))}
gm = nx.read_graphml(sys.argv[1], force_multigraph=True)
for n, d in gm.nodes(data=True):
    assert all(abs(d[c] - float(table[d["id"]][c])) < 1e-12 for c in cols), (n, d)
gx = nx.read_gexf(sys.argv[2])
assert gx.number_of_nodes() == len(table) and gx.number_of_edges() == gm.number_of_edges()
# every attribute on every edge, empty strings included; an edge's day is its start and end
keys = set.union(*(set(d) for _, _, d in gx.edges(data=True)))
for u, v, d in gx.edges(data=True):
    assert set(d) == keys or (set(d) | {"start", "end"}) == keys and not d["date"], (u, v, d)
    if d["date"]:
        assert d["start"] == d["end"] and d["start"].startswith(d["date"]), d
# nodes: centrality, a spell from the first to the last accusation day, a colour by type, a size
ig = igraph.Graph.Read_GraphML(sys.argv[4])
type_rgb = {"state": (198, 219, 239), "igo": (254, 227, 145), "person": (199, 233, 192), "group": (252, 187, 161)}
pr_max = max(float(r["pagerank"]) for r in table.values())
for n, d in gx.nodes(data=True):
    assert all(abs(d[c] - float(table[n][c])) < 1e-12 for c in cols), (n, d)
    v = ig.vs.find(id=n)
    days = sorted((e["date"] + "-01-01")[:10] if len(e["date"]) == 4 else (e["date"] + "-01")[:10]
                  for e in ig.es.select(lambda e: v.index in e.tuple) if e["date"])
    assert d.get("spells", []) == ([(days[0], days[-1])] if days else []), (n, d.get("spells"), days)
    c = d["viz"]["color"]
    assert (c["r"], c["g"], c["b"]) == type_rgb[d["type"]], (n, c)
    assert abs(d["viz"]["size"] - round(10 + 40 * float(table[n]["pagerank"]) / pr_max, 2)) < 1e-9, (n, d["viz"])
EOF
expect_cmd "gexf 1.3: edges coloured by action, nodes sized in [10, 50]" "$PY" - "$T/g13.gexf" <<'EOF'
import sys, xml.etree.ElementTree as ET
ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
root = ET.parse(sys.argv[1]).getroot()
colours = {"accuse": (214, 39, 40), "criticize": (242, 142, 28), "complain": (148, 103, 189), "deny": (31, 119, 180)}
for e in root.iter("{http://gexf.net/1.3}edge"):
    c = e.find("viz:color", ns)
    assert tuple(int(c.get(k)) for k in "rgb") == colours[e.get("kind")], e.attrib
sizes = [float(n.find("viz:size", ns).get("value")) for n in root.iter("{http://gexf.net/1.3}node")]
assert sizes and min(sizes) >= 10 and max(sizes) == 50, sizes
EOF
"$PY" -c 'import networkx as nx, sys; nx.read_gexf(sys.argv[1])' "$T/g13.gexf" 2>/dev/null &&
  fail "networkx 2.8 cannot read GEXF 1.3 (the reason for --gexf-version 1.2)" "it read it: the note is out of date" ||
  pass "networkx 2.8 cannot read GEXF 1.3 (the reason for --gexf-version 1.2)"

# run writes the centrality into its GraphML and GEXF too.
mkdir -p "$T/in"
printf 'Freedonia accused Sylvania of jamming its radio stations on Monday. Sylvania denied the accusation.\n' >"$T/in/a.txt"
ag run "$T/in" --actors tests/extract/fictional-actors.tsv -q --date 2023-01-02 -o "$T/run"
expect_rc "run exits 0" 0
expect_eq "run: GraphML and GEXF nodes have the five centrality columns" "5 5" \
  "$(grep -c '<key id="v_\(in_strength\|out_strength\|pagerank\|hub\|authority\)"' "$T/run/accusations.graphml") $(grep -c '<attribute id="\(in_strength\|out_strength\|pagerank\|hub\|authority\)"' "$T/run/accusations.gexf")"

# graphology: its JSON through import(), our GraphML and GEXF through graphology-graphml and -gexf.
ag export "$T/g.graphml" -f graphology -o "$T/g.graphology.json"
expect_rc "export graphology exits 0" 0
ag export "$T/g.graphml" -o "$T/by-ext.graphology.json"
expect_same "a .graphology.json name picks the format" "$T/g.graphology.json" "$T/by-ext.graphology.json"
if command -v node >/dev/null 2>&1 && [ -d tests/node/node_modules/graphology-gexf ]; then
  NODE_PATH=tests/node/node_modules node tests/check_clients.js "$T/g.graphology.json" "$T/x.graphml" "$T/g13.gexf" \
    >"$T/node.out" 2>"$T/node.err"
  while IFS= read -r line; do
    case $line in
      "PASS "*) pass "graphology: ${line#PASS }" ;;
      "FAIL "*) f=${line#FAIL }; fail "graphology: ${f%%: *}" "${f#*: }" ;;
    esac
  done <"$T/node.out"
  grep -q '^PASS' "$T/node.out" || fail "graphology: checker ran" "$(tail -n 5 "$T/node.err")"
  ag export tests/golden/empty.graphml -f graphology -o "$T/e.graphology.json"
  ag export tests/golden/empty.graphml -f gexf -o "$T/e.gexf"
  NODE_PATH=tests/node/node_modules node tests/check_clients.js "$T/e.graphology.json" tests/golden/empty.graphml "$T/e.gexf" >"$T/node.out" 2>&1
  expect_eq "graphology: the empty graph imports" "" "$(grep '^FAIL' "$T/node.out" | grep -v 'every\|colours' | head -3)"
else
  echo "SKIP graphology checks: no node or no tests/node/node_modules (scripts/install-deps.sh installs them with npm)"
fi

# igraph's writers: GML, Pajek, edge list read back by python-igraph, dot by Graphviz.
for f in gml pajek dot edgelist; do
  ag export "$T/g.graphml" -f $f -o "$T/g.$f"
  expect_rc "export $f exits 0" 0
done
ag export "$T/g.graphml" -o "$T/ext.net"
expect_same "a .net name picks pajek" "$T/g.pajek" "$T/ext.net"
expect_cmd "python-igraph reads the GML, Pajek and edge list as the same graph" "$PY" - "$T/g.graphml" "$T/g.gml" "$T/g.pajek" "$T/g.edgelist" <<'EOF'
import sys, warnings, igraph
warnings.simplefilter("ignore")
g = igraph.Graph.Read_GraphML(sys.argv[1])
edges = [(g.vs[a]["id"], g.vs[b]["id"]) for a, b in g.get_edgelist()]
m = igraph.Graph.Read_GML(sys.argv[2])
assert [(m.vs[a]["name"], m.vs[b]["name"]) for a, b in m.get_edgelist()] == edges
assert m.es["sentences"] == g.es["sentences"] and m.es["charge"] == g.es["charge"] and m.vs["label"] == g.vs["label"]
assert m.es["sentenceindex"] == g.es["sentence_index"] and "pagerank" in m.vs.attributes()
p = igraph.Graph.Read_Pajek(sys.argv[3])
assert [(p.vs[a]["id"], p.vs[b]["id"]) for a, b in p.get_edgelist()] == edges and p.es["weight"] == g.es["weight"]
e = igraph.Graph.Read_Edgelist(sys.argv[4])
assert e.get_edgelist() == sorted(g.get_edgelist())  # igraph writes them by source, then target
EOF
expect_cmd "Graphviz reads the dot file" dot -Tcanon -o /dev/null "$T/g.dot"
ag export tests/golden/empty.graphml -f gml -o "$T/e.gml"
expect_cmd "python-igraph reads the empty graph's GML" "$PY" -c 'import igraph, sys; assert igraph.Graph.Read_GML(sys.argv[1]).vcount() == 0' "$T/e.gml"
