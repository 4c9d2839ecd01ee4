#!/usr/bin/python3
"""check_centrality.py GRAPH OURS [--weighted] [--require M,M...] [--tag TAG]

Recomputes every measure found in OURS (the output of `accusegraph centrality GRAPH
--format json|csv`) with python-igraph on the same GraphML and prints one line per
measure: "PASS ..." when every vertex agrees within 1e-9 (relative above 1), "FAIL ...: why" otherwise.
Also checks that the rows are ranked by the sort measure (score descending, then
label ascending) and that every --require'd measure was present.

The weighted view is built the way ag_analysis.h documents it: weight 1 per edge when
the graph has no weight attribute, parallel edges merged with their weights summed,
self-loops dropped; lengths 1/weight for betweenness, closeness and harmonic.
"""
import csv
import json
import math
import sys
import warnings

import igraph

TOL = 1e-9


def view(g, weighted):
    if not weighted:
        return g, None, None
    h = g.copy()
    if "weight" not in h.es.attributes():
        h.es["weight"] = [1.0] * h.ecount()
    h.simplify(multiple=True, loops=True, combine_edges={"weight": "sum"})
    w = [float(x) for x in h.es["weight"]]
    return h, w, [1.0 / x for x in w]


def measure(h, name, w, lengths):
    if h.vcount() == 0:
        return []
    if name in ("in-degree", "out-degree"):
        return [float(x) for x in h.degree(mode="in" if name == "in-degree" else "out", loops=True)]
    if name in ("in-strength", "out-strength"):
        return h.strength(mode="in" if name == "in-strength" else "out", loops=True, weights=w)
    if name == "pagerank":
        return h.pagerank(directed=True, damping=0.85, weights=w, implementation="prpack")
    if name == "betweenness":
        return h.betweenness(directed=True, weights=lengths)
    if name == "closeness":
        return h.closeness(mode="out", weights=lengths, normalized=True)
    if name == "harmonic":
        return h.harmonic_centrality(mode="out", weights=lengths, normalized=True)
    if name == "hub":
        return h.hub_score(weights=w, scale=True)
    if name == "authority":
        return h.authority_score(weights=w, scale=True)
    if name == "eigenvector":
        return h.eigenvector_centrality(directed=True, scale=True, weights=w)
    raise ValueError("unknown measure " + name)


def num(x):
    if x is None or x == "":
        return math.nan
    return float(x)


def read_ours(path):
    """Returns (measures, sort or None, rows) with rows as dicts of vertex/label/scores."""
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    if text.lstrip().startswith("{"):
        doc = json.loads(text)
        rows = [{"vertex": r["vertex"], "rank": r["rank"], "label": r["label"],
                 "scores": {m: num(r[m]) for m in doc["measures"]}} for r in doc["rows"]]
        return doc["measures"], doc["sort"], rows, doc["actors"]
    rd = list(csv.reader(text.splitlines()))
    head, body = rd[0], rd[1:]
    measures = head[5:]
    rows = [{"vertex": int(r[1]), "rank": int(r[0]), "label": r[3],
             "scores": {m: num(r[5 + i]) for i, m in enumerate(measures)}} for r in body]
    return measures, None, rows, None


def same(a, b):
    """Equal within 1e-9, relative to the value once it exceeds 1 (betweenness counts paths)."""
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= TOL * max(1.0, abs(b))


def main(argv):
    graph, ours = argv[1], argv[2]
    weighted = "--weighted" in argv
    require = []
    tag = ""
    if "--require" in argv:
        require = argv[argv.index("--require") + 1].split(",")
    if "--tag" in argv:
        tag = argv[argv.index("--tag") + 1] + " "
    kind = "weighted" if weighted else "unweighted"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "could not add vertex ids": our graphs have an id attribute
        g = igraph.Graph.Read_GraphML(graph)
    h, w, lengths = view(g, weighted)
    measures, sort, rows, actors = read_ours(ours)
    failed = 0

    def report(ok, name, why=""):
        nonlocal failed
        if ok:
            print("PASS %s%s %s" % (tag, name, kind))
        else:
            failed += 1
            print("FAIL %s%s %s: %s" % (tag, name, kind, why))

    for m in require:
        report(m in measures, "present " + m, "measure missing from output")
    if actors is not None:
        report(actors == g.vcount(), "actors", "%s actors, igraph reads %d" % (actors, g.vcount()))
    verts = sorted(r["vertex"] for r in rows)
    complete = verts == list(range(g.vcount()))
    report(complete, "rows", "rows for vertices %s of %d" % (verts[:10], g.vcount()))
    report([r["rank"] for r in rows] == list(range(1, len(rows) + 1)), "ranks", "ranks not 1..n")
    for m in measures:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "weighted directed graph in eigenvector centrality"
            ref = measure(h, m, w, lengths)
        bad = []
        for r in rows:
            v = r["vertex"]
            if v >= len(ref) or not same(r["scores"][m], ref[v]):
                bad.append("vertex %d: ours %r, igraph %r" % (v, r["scores"][m],
                                                               ref[v] if v < len(ref) else None))
        report(not bad, m, "; ".join(bad[:3]))
    key = sort or measures[0]

    def order_key(r):
        s = r["scores"][key]
        return (1, 0.0, r["label"]) if math.isnan(s) else (0, -s, r["label"])

    # Python compares str by code point, the same order as strcmp on UTF-8 bytes.
    report([order_key(r) for r in rows] == sorted(order_key(r) for r in rows),
           "ranked by " + key, "rows not sorted by score desc, label asc")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
