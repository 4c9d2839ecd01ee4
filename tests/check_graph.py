#!/usr/bin/python3
"""check_graph.py - checks accusegraph's graph outputs with independent readers (networkx,
python-igraph, python's csv and json modules). Prints one "PASS what" / "FAIL what: why" line
per check; exits 0 when it ran (failures are in the lines), 2 on bad usage.

  check_graph.py build GRAPH.graphml TRIPLES.jsonl [build options]
      Re-does `accusegraph build` in python (filters, vertex keys, order, labels, mentions) from
      the triples and compares with GRAPH as read by networkx and by python-igraph.
  check_graph.py json OUT.json GRAPH.graphml      node-link JSON vs the GraphML (networkx)
  check_graph.py csv BASE GRAPH.graphml           BASE.edges.csv/BASE.nodes.csv vs the GraphML
  check_graph.py triples-csv TRIPLES.csv TRIPLES.jsonl   the two triple forms hold the same values
"""
import argparse
import csv
import json
import sys
import warnings

warnings.simplefilter("ignore")  # python-igraph warns about our 'id' vertex attribute

import networkx as nx  # noqa: E402

NODE_ATTRS = ["label", "type", "country", "mentions", "id"]
EDGE_STR = ["action", "code", "date", "doc", "sentence", "charge", "topic", "rule", "date_precision", "url", "title",
            "publisher", "published", "sentence_indexes", "sentences"]
EDGE_NUM = {"sentence_index": 0, "mentions": 1}  # with the triple's default
EDGE_ATTRS = EDGE_STR + list(EDGE_NUM) + ["confidence", "weight", "negated"]


def report(ok, what, why=""):
    print(f"PASS {what}" if ok else f"FAIL {what}: {why}")


def clean(s):
    """What the graph does to strings: CR LF and CR become LF."""
    return s.replace("\r\n", "\n").replace("\r", "\n")


def read_graphml(path):
    """Vertices and edges in file order as plain dicts, via python-igraph (networkx does not
    keep the edge order of the file)."""
    import igraph
    h = igraph.Graph.Read_GraphML(path)
    nodes = [v.attributes() for v in h.vs]
    edges = [dict(e.attributes(), _from=e.source, _to=e.target) for e in h.es]
    return h, nodes, edges


def nx_edges(path):
    """networkx's view: the graph and its edges as (source id, target id, attributes) in a
    canonical order; networkx leaves out empty string values, so they are put back as ""."""
    g = nx.read_graphml(path)
    out = []
    for u, v, d in g.edges(data=True):
        d = dict(d)
        for k in EDGE_STR:
            d.setdefault(k, "")
        out.append((g.nodes[u].get("id", ""), g.nodes[v].get("id", ""), d))
    out.sort(key=lambda x: (x[0], x[1], sorted((k, str(v)) for k, v in x[2].items())))
    return g, out


def date_cmp(d, b):
    n = min(len(d), len(b))
    return (d[:n] > b[:n]) - (d[:n] < b[:n])


def expected_graph(triples, a):
    actions = None
    if a.action is not None:
        actions = {x.strip().lower() for x in a.action.split(",") if x.strip()}
    kept = []
    for t in triples:
        if t.get("negated", False) and not a.keep_negated:
            continue
        if t.get("confidence", 1) < a.min_confidence:
            continue
        if actions is not None and t["action"].lower() not in actions:
            continue
        d = t.get("date", "")
        if (a.since or a.until) and not d:
            continue
        if a.since and date_cmp(d, a.since) < 0:
            continue
        if a.until and date_cmp(d, a.until) > 0:
            continue
        kept.append(t)
    keys, verts, edges = {}, [], []
    for i, t in enumerate(kept):
        ends = []
        for side in ("source", "target"):
            s = t[side]
            akey = s.get("id") or s.get("name")
            country = s.get("country", "")
            by_country = a.level == "country" and country != ""
            key = country if by_country else akey
            if key not in keys:
                keys[key] = len(verts)
                verts.append({"key": key, "names": [], "types": [], "countries": [],
                              "by_country": by_country, "triples": set()})
            v = verts[keys[key]]
            v["triples"].add(i)
            if akey == key:
                v["names"].append(s.get("name", ""))
                v["types"].append(s.get("type", ""))
            if not by_country:
                v["countries"].append(country)
            ends.append(keys[key])
        edges.append((ends[0], ends[1], t))

    def best(xs, fallback):
        xs = [x for x in xs if x]
        if not xs:
            return fallback
        counts = {}
        for x in xs:
            counts[x] = counts.get(x, 0) + 1
        top = max(counts.values())
        return next(x for x in xs if counts[x] == top)

    vout = []
    for v in verts:
        vout.append({"id": v["key"], "label": best(v["names"], v["key"]), "type": best(v["types"], ""),
                     "country": v["key"] if v["by_country"] else best(v["countries"], ""),
                     "mentions": float(len(v["triples"]))})
    return vout, edges


def cmd_build(a):
    triples = [json.loads(line) for line in open(a.triples, encoding="utf-8") if line.strip()]
    want_v, want_e = expected_graph(triples, a)

    # networkx: a MultiDiGraph holding every accusation with its attributes (as a multiset)
    g, got = nx_edges(a.graph)
    multi = isinstance(g, nx.MultiDiGraph) or (len(want_e) == len(set((f, t) for f, t, _ in want_e)))
    report(multi, "networkx reads a MultiDiGraph when there are parallel edges", type(g).__name__)
    report(g.number_of_nodes() == len(want_v), f"networkx: {len(want_v)} vertices", f"got {g.number_of_nodes()}")
    report(g.number_of_edges() == len(want_e), f"networkx: {len(want_e)} edges (every parallel edge kept)",
           f"got {g.number_of_edges()}")
    want = []
    for f, t, tr in want_e:
        d = {k: clean(tr.get(k, "")) for k in EDGE_STR}
        d.update({k: float(tr.get(k, v)) for k, v in EDGE_NUM.items()})
        d.update(confidence=float(tr.get("confidence", 1)), weight=1.0, negated=bool(tr.get("negated", False)))
        want.append((want_v[f]["id"], want_v[t]["id"], d))
    want.sort(key=lambda x: (x[0], x[1], sorted((k, str(v)) for k, v in x[2].items())))
    diff = [f"{w} != {x}" for w, x in zip(want, got) if w != x]
    report(len(want) == len(got) and not diff, "networkx: edges and attributes equal the triples", "; ".join(diff[:2]))
    nxv = sorted((d.get("id"), d.get("label"), d.get("mentions")) for _, d in g.nodes(data=True))
    report(nxv == sorted((v["id"], v["label"], v["mentions"]) for v in want_v), "networkx: vertex attributes",
           str(nxv[:3]))

    # python-igraph: the same graph in file order
    h, nodes, edges = read_graphml(a.graph)
    report(h.is_directed(), "python-igraph: directed", "")
    report(len(nodes) == len(want_v), f"python-igraph: {len(want_v)} vertices", f"got {len(nodes)}")
    report(len(edges) == len(want_e), f"python-igraph: {len(want_e)} edges", f"got {len(edges)}")
    missing = [(i, k) for i, n in enumerate(nodes) for k in NODE_ATTRS if k not in n]
    missing += [(i, k) for i, e in enumerate(edges) for k in EDGE_ATTRS if k not in e]
    report(not missing, "every vertex and edge has every attribute", str(missing[:5]))
    bad = []
    for i, (w, n) in enumerate(zip(want_v, nodes)):
        for k in ("id", "label", "type", "country", "mentions"):
            if n.get(k) != w[k]:
                bad.append(f"vertex {i} {k}: want {w[k]!r}, got {n.get(k)!r}")
    report(not bad, "vertex keys, order, labels, types, countries, mentions", "; ".join(bad[:4]))
    bad = []
    for i, ((f, t, tr), e) in enumerate(zip(want_e, edges)):
        if (e["_from"], e["_to"]) != (f, t):
            bad.append(f"edge {i}: ends {e['_from']}->{e['_to']}, want {f}->{t}")
        for k in EDGE_STR:
            if e.get(k) != clean(tr.get(k, "")):
                bad.append(f"edge {i} {k}: want {clean(tr.get(k, ''))!r}, got {e.get(k)!r}")
        for k, v in EDGE_NUM.items():
            if e.get(k) != tr.get(k, v):
                bad.append(f"edge {i} {k}: want {tr.get(k, v)!r}, got {e.get(k)!r}")
        if e.get("confidence") != tr.get("confidence", 1) or e.get("weight") != 1.0:
            bad.append(f"edge {i} confidence/weight: {e.get('confidence')!r}/{e.get('weight')!r}")
        if e.get("negated") is not bool(tr.get("negated", False)):
            bad.append(f"edge {i} negated: {e.get('negated')!r}")
    report(not bad, "edges in triple order with their attributes", "; ".join(bad[:4]))
    loops = sum(1 for f, t, _ in want_e if f == t)
    report(sum(1 for e in edges if e["_from"] == e["_to"]) == loops, f"{loops} self-loops", "count differs")
    report(h.attributes() == [], "no graph-level attributes", str(h.attributes()))


def ids_of(nodes):
    ids = [n["id"] for n in nodes]
    if all(ids) and len(set(ids)) == len(ids):
        return ids
    return [f"n{i}" for i in range(len(nodes))]


def cmd_json(a):
    data = json.load(open(a.out, encoding="utf-8"))
    report(set(data) == {"directed", "multigraph", "graph", "nodes", "edges"}, "json top-level keys",
           str(sorted(data)))
    try:
        j = nx.node_link_graph(data, edges="edges")
    except TypeError:  # networkx < 3.4
        j = nx.node_link_graph(data, link="edges")
    _g, nodes, edges = read_graphml(a.graph)
    ids = ids_of(nodes)
    report(isinstance(j, nx.MultiDiGraph), "networkx node_link_graph gives a MultiDiGraph", type(j).__name__)
    report(list(j.nodes) == ids, "json node ids in vertex order", f"{list(j.nodes)[:5]}")
    bad = []
    for i, n in enumerate(nodes):
        d = j.nodes[ids[i]] if ids[i] in j.nodes else {}
        for k in ("label", "type", "country"):
            if d.get(k) != n[k]:
                bad.append(f"node {ids[i]} {k}")
        if d.get("mentions") != n["mentions"]:
            bad.append(f"node {ids[i]} mentions")
    report(not bad, "json node attributes equal the GraphML", "; ".join(bad[:4]))
    got = list(j.edges(data=True))
    report(len(got) == len(edges), f"json has {len(edges)} edges", f"got {len(got)}")
    bad = []
    for i, e in enumerate(edges):
        match = [d for u, v, d in got if d.get("id") == f"e{i}"]
        if len(match) != 1:
            bad.append(f"e{i} missing")
            continue
        d = match[0]
        for k in EDGE_ATTRS:
            if d.get(k) != e[k]:
                bad.append(f"e{i} {k}: {d.get(k)!r} != {e[k]!r}")
    src = {d["id"]: (u, v) for u, v, d in got}
    for i, e in enumerate(edges):
        if src.get(f"e{i}") != (ids[e["_from"]], ids[e["_to"]]):
            bad.append(f"e{i} ends")
    report(not bad, "json edges equal the GraphML (attributes and ends)", "; ".join(bad[:4]))


def neutral(s):
    """What the CSV exporter does to a text cell."""
    guard = ("=", "+", "-", "@", "\t", "\r")
    return "'" + s if s[:1] in guard or (s[:1] == "'" and s[1:2] in guard) else s


def day(d):
    return d + "-01-01" if len(d) == 4 else d + "-01" if len(d) == 7 else d


def quad_class(code):
    """CAMEO root and QuadClass, from the GDELT 2.0 codebook's ranges."""
    if not (code.isdigit() and 2 <= len(code) <= 4) or not 1 <= int(code[:2]) <= 20:
        return "", ""
    r = int(code[:2])
    return code[:2], "1" if r <= 5 else "2" if r <= 9 else "3" if r <= 14 else "4"


def num(x):
    return "" if x is None or x != x else f"{x:g}"


EVENT_HEAD = ["source_name", "source_country", "source_type", "target_name", "target_country", "target_type",
              "action", "cameo_code", "cameo_root", "quad_class", "year", "month", "date", "date_precision", "doc",
              "url", "title", "publisher", "published", "sentence_index", "sentence", "charge", "topic",
              "confidence", "rule", "mentions", "sentence_indexes", "sentences"]


def event_row(e, nodes):
    """The event-table cells of edge e (a python-igraph edge dict) before CSV neutralisation."""
    s, t = nodes[e["_from"]], nodes[e["_to"]]
    root, quad = quad_class(e["code"])
    d = e["date"]
    mentions = e.get("mentions")
    return [s["label"] or s["id"], s["country"], s["type"], t["label"] or t["id"], t["country"], t["type"],
            e["action"], e["code"], root, quad, d[:4], d[5:7].lstrip("0") if len(d) >= 7 else "", d,
            e.get("date_precision", ""), e["doc"], e.get("url", ""), e.get("title", ""), e.get("publisher", ""),
            e.get("published", ""), num(e.get("sentence_index")), e["sentence"], e["charge"], e["topic"],
            num(e["confidence"]), e.get("rule", ""), num(mentions if mentions is not None else 1),
            e.get("sentence_indexes", ""), e.get("sentences", "")]


def cmd_csv(a):
    _g, nodes, edges = read_graphml(a.graph)
    ids = ids_of(nodes)
    raw_e = open(a.base + ".edges.csv", "rb").read()
    raw_n = open(a.base + ".nodes.csv", "rb").read()
    bom = b"\xef\xbb\xbf"
    report(raw_e.startswith(bom) == a.bom and raw_n.startswith(bom) == a.bom,
           f"csv BOM {'present' if a.bom else 'absent'}", "")
    lines_ok = all(r.endswith(b"\r\n") for r in (raw_e, raw_n))
    report(lines_ok, "csv records end with CRLF", "")
    with open(a.base + ".edges.csv", newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, strict=True))
    head = ["Source", "Target", "Type", "Kind", "Id", "Label", "Weight", "timeset"] + EVENT_HEAD + ["negated"]
    report(rows and rows[0] == head, "edges.csv header", str(rows[:1]))
    report(len(rows) == len(edges) + 1, f"edges.csv has {len(edges)} rows", f"got {len(rows) - 1}")
    bad = []
    for i, (r, e) in enumerate(zip(rows[1:], edges)):
        want = [neutral(ids[e["_from"]]), neutral(ids[e["_to"]]), "Directed", neutral(e["action"]), f"e{i}",
                neutral(e["charge"] or e["action"]), "1", day(e["date"])]
        want += [neutral(x) for x in event_row(e, nodes)]
        want += ["true" if e["negated"] else "false"]
        if r != want:
            bad.append(f"row {i + 1}: {r} != {want}")
    report(not bad, "edges.csv cells equal the GraphML (quotes, commas, newlines, formulas)", "; ".join(bad[:2]))
    with open(a.base + ".nodes.csv", newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, strict=True))
    report(rows and rows[0][:5] == ["Id", "Label", "type", "country", "mentions"], "nodes.csv header",
           str(rows[:1]))
    bad = []
    for i, (r, n) in enumerate(zip(rows[1:], nodes)):
        want = [neutral(ids[i]), neutral(n["label"] or ids[i]), neutral(n["type"]), neutral(n["country"]),
                f"{n['mentions']:g}"]
        if r[:5] != want:
            bad.append(f"row {i + 1}: {r} != {want}")
    report(len(rows) == len(nodes) + 1 and not bad, f"nodes.csv has the {len(nodes)} actors", "; ".join(bad[:2]))


def cmd_triples_csv(a):
    with open(a.csv, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f, strict=True))
    triples = [json.loads(line) for line in open(a.jsonl, encoding="utf-8") if line.strip()]
    report(len(rows) == len(triples), f"{len(triples)} records in both forms", f"csv {len(rows)}")
    bad = []
    for i, (r, t) in enumerate(zip(rows, triples)):
        flat = {}
        for k, v in t.items():
            if isinstance(v, dict):
                for kk, vv in v.items():
                    flat[f"{k}_{kk}"] = vv
            elif isinstance(v, bool):
                flat[k] = "true" if v else "false"
            else:
                flat[k] = f"{v:g}" if isinstance(v, float) else str(v)
        if r != flat:
            bad.append(f"record {i + 1}: " + ", ".join(k for k in flat if r.get(k) != flat[k]))
    report(not bad, "csv cells (commas, quotes, newline, tab, non-ASCII) equal the JSON values", "; ".join(bad[:3]))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("graph")
    b.add_argument("triples")
    b.add_argument("--level", default="actor")
    b.add_argument("--since")
    b.add_argument("--until")
    b.add_argument("--action")
    b.add_argument("--min-confidence", type=float, default=0.0)
    b.add_argument("--keep-negated", action="store_true")
    j = sub.add_parser("json")
    j.add_argument("out")
    j.add_argument("graph")
    c = sub.add_parser("csv")
    c.add_argument("base")
    c.add_argument("graph")
    c.add_argument("--bom", action="store_true")
    t = sub.add_parser("triples-csv")
    t.add_argument("csv")
    t.add_argument("jsonl")
    a = p.parse_args()
    {"build": cmd_build, "json": cmd_json, "csv": cmd_csv, "triples-csv": cmd_triples_csv}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
