# t0128-foreign-graphml.sh - GraphML written by networkx and by python-igraph (issue 10 item 5):
# stats, centrality and export read it, fill what is missing with the documented defaults, name
# every missing attribute in one warning, keep the extra attributes on export; and weight counts
# the same in every command (an edge of weight w is w accusations).
PY=/usr/bin/python3
"$PY" - "$T" <<'EOF'
import sys, networkx as nx, igraph
t = sys.argv[1]
g = nx.MultiDiGraph()
g.add_node("FRD", label="Freedonia", population=3)
g.add_node("SYL")
g.add_node("NCO", label="Northern Concord")
g.add_edge("FRD", "SYL", action="accuse", code=112, date="2023-05-06", weight=3, note="three reports")
g.add_edge("SYL", "FRD", action="deny")
g.add_edge("NCO", "SYL", action="accuse", weight=1)
nx.write_graphml(g, t + "/nx.graphml")
h = igraph.Graph(directed=True)
h.add_vertices(3)
h.vs["name"] = ["A", "B", "C"]
h.add_edges([(0, 1), (1, 2), (0, 1)])
h.es["weight"] = [1.0, 3.0, 2.0]
h.es["kind"] = ["a", "b", "c"]
h.write_graphml(t + "/ig.graphml")
EOF

ag stats "$T/nx.graphml"
expect_rc "networkx GraphML: stats exits 0" 0
expect_err "networkx GraphML: one warning names every missing attribute" "warning: $T/nx.graphml: not written by accusegraph; filled with defaults (see the README, \"Graphs from other programs\"): no vertex attribute type, country, mentions; no edge attribute doc, sentence, charge, topic, confidence, negated; 1 edge without weight; numbers read as text: edge code"
expect_eq "networkx GraphML: one warning, not one per attribute" 1 "$(grep -c warning "$err")"
expect_eq "networkx GraphML: stats counts an edge of weight 3 as three accusations" \
  "accusations     5 (0 self-accusations, 0 negated)" "$(grep '^accusations' "$out")"
expect_eq "networkx GraphML: the top accuser by weight" "  1  Freedonia         3" "$(sed -n '/^top accusers/{n;p}' "$out")"

ag centrality "$T/nx.graphml" --measure in-strength,out-strength,in-degree --format csv
expect_rc "networkx GraphML: centrality exits 0" 0
expect_eq "networkx GraphML: in-strength counts weights as stats does, degree counts edges" \
  "SYL 4 1 2" "$("$PY" -c 'import csv,sys; r=[x for x in csv.DictReader(open(sys.argv[1])) if x["label"]=="SYL"][0]; print(r["label"], r["in-strength"], r["out-strength"], r["in-degree"])' "$out")"

ag export "$T/nx.graphml" -f json -o "$T/nx.json"
expect_rc "networkx GraphML: export exits 0" 0
expect_cmd "networkx GraphML: export keeps the extra attributes and fills the defaults" "$PY" - "$T/nx.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
nodes = {n["id"]: n for n in d["nodes"]}
assert nodes["FRD"]["population"] == 3 and nodes["SYL"]["population"] is None, nodes
assert nodes["FRD"]["label"] == "Freedonia" and nodes["SYL"]["label"] == "SYL" and nodes["SYL"]["mentions"] == 3, nodes
e = d["edges"]
assert [x["note"] for x in e] == ["three reports", "", ""], e
assert [x["weight"] for x in e] == [3, 1, 1] and [x["confidence"] for x in e] == [1, 1, 1], e
assert e[0]["code"] == "112" and e[1]["negated"] is False and e[1]["charge"] == "", e
assert "id" not in {k for x in e for k in x} - {"id"} or all(x["id"].startswith("e") for x in e), e
EOF
ag export "$T/nx.graphml" -f graphml -o "$T/nx-again.graphml"
expect_cmd "networkx GraphML: exported GraphML keeps note and population, networkx reads it back" "$PY" - "$T/nx-again.graphml" <<'EOF'
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1], force_multigraph=True)
assert g.nodes["n0"]["population"] == 3 and g.nodes["n0"]["label"] == "Freedonia", dict(g.nodes(data=True))
assert sorted(d.get("note", "") for _, _, d in g.edges(data=True)) == ["", "", "three reports"]
EOF
ag export "$T/nx.graphml" -f gexf -o "$T/nx.gexf"
expect_eq "networkx GraphML: GEXF declares the extra attributes" 2 "$(grep -c '<attribute id="\(population\|note\)"' "$T/nx.gexf")"

ag stats "$T/ig.graphml" --format json
expect_rc "igraph GraphML: stats exits 0" 0
expect_err "igraph GraphML: one warning names every missing attribute" "no vertex attribute label, type, country, mentions; no edge attribute action, code, date, doc, sentence, charge, topic, confidence, negated"
expect_cmd "igraph GraphML: the vertex names are the actors, weights the accusations" "$PY" - "$out" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["accusations"] == 6, s
assert [(a["id"], a["count"]) for a in s["top_accusers"]] == [("A", 3), ("B", 3)], s["top_accusers"]
EOF
ag render "$T/ig.graphml" -o "$T/ig.svg"
expect_rc "igraph GraphML: render exits 0" 0
expect_eq "render counts by weight too: 6 accusations in the legend" 1 "$(grep -c '6 accusations among 3 actors' "$T/ig.svg")"
ag export "$T/ig.graphml" -f json -o "$T/ig.json"
expect_eq "igraph GraphML: the extra edge attribute kind kept" "a b c" \
  "$("$PY" -c 'import json,sys; print(" ".join(e["kind"] for e in json.load(open(sys.argv[1]))["edges"]))' "$T/ig.json")"

# still refused: an undirected graph, a weight that is no number
"$PY" -c 'import networkx as nx, sys; g = nx.Graph(); g.add_edge("a", "b"); nx.write_graphml(g, sys.argv[1])' "$T/und.graphml"
ag stats "$T/und.graphml"
expect_rc "undirected GraphML: exit 1" 1
expect_err "undirected GraphML: says so" "$T/und.graphml: graph is undirected; accusegraph graphs are directed"
"$PY" -c 'import networkx as nx, sys; g = nx.MultiDiGraph(); g.add_edge("a", "b", weight="heavy"); nx.write_graphml(g, sys.argv[1])' "$T/sw.graphml"
ag centrality "$T/sw.graphml"
expect_rc "string weight: exit 1" 1
expect_err "string weight: names the attribute" "edge attribute 'weight' must be numeric"
