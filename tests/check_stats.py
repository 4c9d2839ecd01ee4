#!/usr/bin/python3
"""check_stats.py GRAPH OURS.json: recomputes `accusegraph stats GRAPH --format json --top 0`
with python-igraph and prints "PASS stats FIELD" or "FAIL stats FIELD: why" per field."""
import collections
import datetime
import json
import math
import re
import sys
import warnings

import igraph


def valid_date(s):
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", s)
    if not m:
        return False
    try:
        datetime.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return False
    return True


def attr(seq, name, default=""):
    return [x if isinstance(x, str) else default for x in seq[name]] if name in seq.attributes() \
        else [default] * len(seq)


def main(graph, ours):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = igraph.Graph.Read_GraphML(graph)
    with open(ours, encoding="utf-8") as f:
        doc = json.load(f)
    labels = attr(g.vs, "label")
    ids = attr(g.vs, "id")
    labels = [l or i or "n%d" % v for v, (l, i) in enumerate(zip(labels, ids))]
    countries = attr(g.vs, "country")
    edges = g.get_edgelist()
    pairs = {e for e in edges if e[0] != e[1]}
    mutual = sum(1 for (a, b) in pairs if a < b and (b, a) in pairs)
    dates = [d for d in attr(g.es, "date") if d and valid_date(d)]
    want = {
        "actors": g.vcount(),
        "isolated": sum(1 for d in g.degree(loops=True) if d == 0),
        "accusations": g.ecount(),
        "self_accusations": sum(g.is_loop()),
        "negated": sum(1 for x in g.es["negated"] if x is True) if "negated" in g.es.attributes() else 0,
        "pairs": len(pairs),
        "mutual_pairs": mutual,
        "reciprocity": 2 * mutual / len(pairs) if pairs else None,
        "dated": len(dates),
        "first_date": min(dates) if dates else None,
        "last_date": max(dates) if dates else None,
    }
    for mode, key in (("out", "top_accusers"), ("in", "most_accused")):
        deg = g.degree(mode=mode, loops=True)
        rows = sorted(((labels[v], countries[v], d, ids[v]) for v, d in enumerate(deg) if d > 0),
                      key=lambda r: (-r[2], r[0], r[1]))
        want[key] = [{"id": i, "label": l, "country": c, "count": d} for l, c, d, i in rows]
    counts = collections.Counter(attr(g.es, "action"))
    want["actions"] = [{"action": a, "count": n}
                       for a, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    failed = 0
    for k, v in want.items():
        got = doc.get(k, "missing")
        ok = got == v or (isinstance(v, float) and isinstance(got, float) and abs(got - v) <= 1e-12)
        if ok:
            print("PASS stats %s" % k)
        else:
            failed += 1
            print("FAIL stats %s: ours %r, python-igraph %r" % (k, got, v))
    # python-igraph's own reciprocity of the simple graph, as a second opinion
    s = g.copy()
    s.simplify(multiple=True, loops=True)
    r = s.reciprocity(ignore_loops=True) if s.ecount() else None
    got = doc.get("reciprocity")
    if (r is None and got is None) or (r is not None and got is not None and abs(r - got) <= 1e-12):
        print("PASS stats reciprocity = igraph reciprocity()")
    else:
        failed += 1
        print("FAIL stats reciprocity = igraph reciprocity(): ours %r, igraph %r" % (got, r))
    extra = set(doc) - set(want)
    if extra:
        failed += 1
        print("FAIL stats fields: unexpected %s" % sorted(extra))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
