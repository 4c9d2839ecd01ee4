#!/usr/bin/python3
"""render-check.py GRAPHML SVG [--top N] [--size-by pagerank|in-strength]

Checks an SVG drawn by `accusegraph render` against the GraphML it was drawn from,
computing everything it expects from the GraphML itself (networkx and python-igraph):
  - the drawn actors are the N best by PageRank (python-igraph, directed, 0.85) or by
    in-strength, each labelled with its vertex label, which also starts its tooltip;
  - one drawn edge per (source, target, action) among drawn actors, coloured by action,
    stroke width 1 + 1.5 log2(count) (at most 12), the count written on it when above one;
  - the legend's counts and its "left out" line.
Prints one PASS/FAIL line per check (the shell test turns them into results).
"""
import math
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter

import igraph
import networkx as nx

COLORS = {"accuse": "#d62728", "criticize": "#f28e1c", "complain": "#9467bd",
          "sue": "#8c564b", "deny": "#1f77b4"}
OTHER = "#7f7f7f"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def check(name, ok, why=""):
    print(("PASS %s" % name) if ok else ("FAIL %s: %s" % (name, why)))


def main():
    args = sys.argv[1:]
    graphml, svg = args[0], args[1]
    top, size_by = 40, "pagerank"
    if "--top" in args:
        top = int(args[args.index("--top") + 1])
    if "--size-by" in args:
        size_by = args[args.index("--size-by") + 1]

    g = igraph.Graph.Read_GraphML(graphml)
    n = g.vcount()
    if size_by == "pagerank":
        score = g.pagerank(directed=True, damping=0.85, implementation="prpack")
    else:
        score = g.strength(mode="in", weights="weight", loops=True)
    ranked = sorted(range(n), key=lambda v: -score[v])
    keep = n if top <= 0 else min(top, n)
    # a tie at the cut would make the expected set ambiguous: the fixture must avoid it
    if 0 < keep < n:
        check("no tie at the top-%d cut" % keep, score[ranked[keep - 1]] != score[ranked[keep]],
              "scores tie at the cut")
    want_labels = sorted(g.vs[v]["label"] for v in ranked[:keep])

    root = ET.parse(svg).getroot()
    nodes, edges = {}, []
    for grp in root.iter(SVG + "g"):
        cls = grp.get("class")
        title = grp.find(SVG + "title")
        if cls == "node":
            text = " ".join(t.text or "" for t in grp.iter(SVG + "text"))
            nodes[title.text] = text
            link = grp.find(".//" + SVG + "a")
            tip = link.get(XLINK + "title", "") if link is not None else ""
            check("tooltip of %s names it" % text, tip.startswith(text + " (") or tip.startswith(text + ":"),
                  "tooltip '%s'" % tip[:120])
        elif cls == "edge":
            src, dst = title.text.split("->")
            path = next(grp.iter(SVG + "path"))
            label = " ".join(t.text or "" for t in grp.iter(SVG + "text"))
            edges.append((src, dst, path.get("stroke"), float(path.get("stroke-width", "1")), label))

    got_labels = sorted(nodes.values())
    check("drawn actors are the top %d by %s, labelled" % (keep, size_by), got_labels == want_labels,
          "got %s, wanted %s" % (got_labels, want_labels))

    kept = {g.vs[v]["label"] for v in ranked[:keep]}
    mg = nx.read_graphml(graphml)
    want = Counter()
    for u, v, d in mg.edges(data=True):
        lu, lv = mg.nodes[u]["label"], mg.nodes[v]["label"]
        if lu in kept and lv in kept:
            want[(lu, lv, COLORS.get(d.get("action", ""), OTHER))] += 1
    got = {}
    for src, dst, color, width, label in edges:
        key = (nodes[src], nodes[dst], color)
        check("edge %s -> %s %s drawn once" % key, key not in got, "drawn twice")
        got[key] = (width, label)
    check("one drawn edge per (source, target, action)", set(got) == set(want),
          "got %s, wanted %s" % (sorted(got), sorted(want)))
    for key, count in sorted(want.items()):
        if key not in got:
            continue
        width, label = got[key]
        w = min(12, 1 + 1.5 * math.log2(count))
        check("edge %s -> %s %s width for %d" % (key + (count,)), abs(width - w) < 0.01,
              "stroke-width %g, wanted %.2f" % (width, w))
        check("edge %s -> %s %s count label" % key,
              label.strip() == (str(count) if count > 1 else ""), "label '%s' for %d" % (label, count))

    text = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    m = g.ecount()
    check("legend counts accusations and actors", "%d accusation%s among %d actors"
          % (m, "" if m == 1 else "s", n) in text, text[:300])
    for action, count in sorted(Counter(g.es["action"]).items()):
        check("legend counts %s" % action, re.search(r"\b%s %d\b" % (re.escape(action), count), text)
              is not None, text[:300])
    if keep < n:
        not_drawn = sum(1 for e in g.es if e.source not in ranked[:keep] or e.target not in ranked[:keep])
        line = "showing the top %d of %d actors: %d left out, with %d accusation%s not drawn" % (
            keep, n, n - keep, not_drawn, "" if not_drawn == 1 else "s")
        check("legend says how many were left out", line in text, text[-300:])
    else:
        check("legend has no left-out line", "left out" not in text, text[-300:])


main()
