#!/bin/sh
# bench.sh BIN SHARED - speed and memory of `extract` (and of the graph half) on real news (make bench).
# Inputs are read from ../shared/corpus/bench (BBC News 2,225 stories; AG News 7,600 items) and never copied.
# Prints documents, sentences, megabytes, wall time, sentences per second and peak memory (max RSS) per run,
# and the cost of one long document against the same text as short ones.
set -e
BIN=${1:-build/accusegraph}
SHARED=${2:-../shared}
B=$SHARED/corpus/bench
[ -d "$B" ] || { echo "bench: $B not found" >&2; exit 3; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# AG News has no header row: give it one so the CSV reader finds the title and description columns.
{ echo "class,title,description"; cat "$B/ag_news_test.csv"; } > "$tmp/ag_news.csv"
# A larger input: BBC stories repeated 10 times as one JSON Lines file (about 50 MB).
python3 - "$B/bbc" "$tmp/bbc10.jsonl" <<'PY'
import json, os, sys
root, out = sys.argv[1], sys.argv[2]
docs = []
for d, _, fs in sorted(os.walk(root)):
    for f in sorted(fs):
        if f.endswith(".txt"):
            with open(os.path.join(d, f), encoding="utf-8", errors="replace") as fh:
                docs.append(fh.read())
with open(out, "w", encoding="utf-8") as o:
    for k in range(10):
        for i, t in enumerate(docs):
            o.write(json.dumps({"id": f"bbc{k}-{i}", "text": t}) + "\n")
PY
# The same stories as one long document (issue 11: cost linear in document length).
python3 - "$tmp/bbc10.jsonl" "$tmp/bbc1.jsonl" "$tmp/bbc-long.jsonl" <<'PY'
import json, sys
src, short, long_ = sys.argv[1:]
docs = [json.loads(l) for l in open(src, encoding="utf-8")][:2225]
with open(short, "w", encoding="utf-8") as o:
    for d in docs:
        o.write(json.dumps(d) + "\n")
with open(long_, "w", encoding="utf-8") as o:
    o.write(json.dumps({"id": "bbc-long", "text": "\n\n".join(d["text"] for d in docs)}) + "\n")
PY
run() {
  name=$1; shift
  python3 - "$name" "$@" <<'PY'
import resource, subprocess, sys, time, re
name, cmd = sys.argv[1], sys.argv[2:]
t0 = time.monotonic()
p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
dt = time.monotonic() - t0
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
if p.returncode:
    print(f"{name}: failed ({p.returncode}): {p.stderr.strip()}"); sys.exit(1)
m = re.search(r"(\d+) documents, (\d+) sentences, (\d+) (accusations|words)", p.stderr)
docs, sents, acc = (int(g) for g in m.groups()[:3]) if m else (0, 0, 0)
what = m.group(4) if m else "accusations"
pm = re.search(r"(\d+) candidate sentences parsed", p.stderr)
if pm:
    what += f", {pm.group(1)} candidate sentences parsed"

import os
def size(a):
    if os.path.isdir(a):
        return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(a) for f in fs)
    return os.path.getsize(a) if os.path.isfile(a) else 0
mb = sum(size(a) for a in cmd[2:]) / 1e6  # the inputs, not the program
print(f"{name:22s} {docs:7d} docs {sents:8d} sentences {mb:7.1f} MB {dt:7.2f} s "
      f"{sents/dt if dt else 0:10.0f} sentences/s {mb/dt if dt else 0:6.1f} MB/s  peak {rss:6.1f} MB  {acc} {what}")
PY
}
# The parser alone: words per second on gold words (tagging and parsing only) and the model's opening.
if [ -f "$SHARED/ud/en_ewt/en_ewt-ud-test.conllu" ]; then
  "$BIN" parse --quiet --eval "$SHARED/ud/en_ewt/en_ewt-ud-test.conllu" | python3 -c '
import json, sys
d = json.loads(sys.stdin.read().splitlines()[-1])
n, r, ms = d["tokens"], d["tokens_per_s"], d["model_load_s"] * 1000
print(f"parse ewt test (gold words) {n:7d} words {r:10.0f} words/s on one core; model opened in {ms:.1f} ms")'
fi
run "parse bbc (every sentence)" "$BIN" parse "$B/bbc"
run "extract bbc (txt dir)" "$BIN" extract -j 1 "$B/bbc"
run "extract ag_news (csv)" "$BIN" extract -j 1 "$tmp/ag_news.csv"
run "extract bbc x10 (jsonl)" "$BIN" extract -j 1 "$tmp/bbc10.jsonl"
# --jobs: the same input on every processor, against one (medians of 3 interleaved runs)
python3 - "$BIN" "$tmp/bbc10.jsonl" <<'PY'
import os, subprocess, sys, time
b, f = sys.argv[1:]
n = os.cpu_count() or 1
def t(j):
    t0 = time.monotonic()
    subprocess.run([b, "extract", "-q", "-j", str(j), f, "-o", "/dev/null"], check=True)
    return time.monotonic() - t0
one, many = [], []
for _ in range(3):
    one.append(t(1)); many.append(t(n))
o, m = sorted(one)[1], sorted(many)[1]
mb = os.path.getsize(f) / 1e6
print(f"extract --jobs {n:<2d}        bbc x10 {m:5.2f} s ({mb/m:5.1f} MB/s) against {o:5.2f} s with --jobs 1: speed-up {o/m:4.2f}")
PY
# median of 3 runs each, interleaved: one long document against the same text as 2,225 documents
python3 - "$BIN" "$tmp/bbc1.jsonl" "$tmp/bbc-long.jsonl" <<'PY'
import subprocess, sys, time
b, short, long_ = sys.argv[1:]
def t(f):
    t0 = time.monotonic()
    subprocess.run([b, "extract", "-q", "-j", "1", f, "-o", "/dev/null"], check=True)
    return time.monotonic() - t0
ts, tl = [], []
for _ in range(3):
    ts.append(t(short)); tl.append(t(long_))
s, l = sorted(ts)[1], sorted(tl)[1]
print(f"long document           bbc as 1 document {l:5.2f} s, as 2,225 documents {s:5.2f} s: ratio {l/s:4.2f} (bar 1.3)")
PY
"$BIN" extract --quiet -j 1 "$tmp/bbc10.jsonl" > "$tmp/t.jsonl"
python3 - "$BIN" "$tmp/t.jsonl" "$tmp/g.graphml" <<'PY'
import subprocess, sys, time
b, t, g = sys.argv[1:]
for name, cmd in [("build", [b, "build", "-q", t, "-o", g]), ("centrality all", [b, "centrality", g, "--measure", "all"]),
                  ("export gexf", [b, "export", g, "--format", "gexf", "-o", g + ".gexf"])]:
    t0 = time.monotonic(); subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"{name:22s} {time.monotonic()-t0:7.2f} s")
PY
