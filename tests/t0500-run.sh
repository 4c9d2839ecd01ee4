# t0500-run.sh - `accusegraph run`: text in, every output file and a summary out, atomically.
PY=/usr/bin/python3
NAMES="triples.jsonl accusations.graphml accusations.gexf accusations.edges.csv accusations.nodes.csv accusations.xlsx accusations.svg"
[ "${VALGRIND:-0}" = 1 ] && export VALGRIND_OPTS="--num-callers=64 --suppressions=$PWD/tests/data/render-valgrind.supp"

# The input: news items written for this test in four forms, plus a file of another type and an
# empty document that the summary must report as skipped.
IN=$T/in
mkdir -p "$IN"
printf 'Britain accuses Russia over cyber attacks\n\nLONDON, March 3, 2022 - Britain accused Russia of cyber attacks on Thursday. The Foreign Office said Moscow was behind the hacking of a power company.\n' >"$IN/a.txt"
printf 'PARIS, March 4, 2022 - France on Friday criticized China over its trade practices. Germany did not blame Russia for the outage.\n' >"$IN/b.txt"
cat >"$IN/c.jsonl" <<'EOF'
{"id":"c1","date":"2022-03-05","title":"NATO condemns Russia","text":"NATO condemned Russia on Saturday for the attack on Ukraine. Moscow rejected the accusations by NATO."}
{"id":"c2","date":"2022-03-06","text":"Ukraine accused Russia of shelling civilians. The weather in Kyiv was cold."}
EOF
printf 'id,date,text\r\nd1,2022-03-07,"Japan condemned North Korea for the missile launch, calling it reckless."\r\n' >"$IN/d.csv"
echo "a note, not news" >"$IN/notes.md"
: >"$IN/empty.txt"

# quiet_err: the last call's stderr without valgrind's own report lines (make leakcheck).
quiet_err() { grep -v '^==[0-9]*==' "$err"; }

# summary_field LABEL N: the Nth word after LABEL on the summary line starting with LABEL.
summary_field() { awk -v l="$1" -v n="$2" '$1 == l { print $(n + 1); exit }' "$T/summary"; }

# check_run DIR: every file present and non-empty; GraphML valid and read by networkx with as many
# edges as non-negated triples, as edges.csv rows and as the summary says; the node table has the
# centrality columns and agrees with the graph; SVG well-formed; no staging directory left.
check_run() {
  local d=$1 f missing=""
  for f in $NAMES; do [ -s "$d/$f" ] || missing="$missing $f"; done
  expect_eq "$d: every output file written" "" "$missing"
  expect_eq "$d: nothing else left in the directory" "$NAMES" "$(cd "$d" && for f in $NAMES; do [ -e "$f" ] && printf '%s ' "$f"; done | sed 's/ $//')"
  if ls -A "$d" | grep -q '^\.accusegraph-run\|\.tmp\.'; then fail "$d: no staging files left" "$(ls -A "$d")"
  else pass "$d: no staging files left"; fi
  expect_cmd "$d: GraphML valid against the schema" xmllint --noout --schema "$SHARED/schemas/graphml/graphml.xsd" "$d/accusations.graphml"
  expect_cmd "$d: SVG well-formed" xmllint --noout "$d/accusations.svg"
  expect_cmd "$d: GEXF well-formed" xmllint --noout "$d/accusations.gexf"
  local triples negated nx csv_edges csv_nodes found edges actors
  triples=$(grep -c . "$d/triples.jsonl")
  negated=$(grep -c '"negated":true' "$d/triples.jsonl")
  nx=$("$PY" - "$d/accusations.graphml" <<'EOF' 2>&1
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1], force_multigraph=True)
assert g.is_directed() and g.is_multigraph()
print(g.number_of_edges(), g.number_of_nodes())
EOF
)
  read -r csv_edges csv_nodes <<<"$("$PY" - "$d" <<'EOF' 2>&1
import csv, sys
d = sys.argv[1]
with open(d + "/accusations.edges.csv", newline="", encoding="utf-8") as f:
    edges = list(csv.DictReader(f))
with open(d + "/accusations.nodes.csv", newline="", encoding="utf-8") as f:
    nodes = list(csv.DictReader(f))
print(len(edges), len(nodes))
EOF
)"
  found=$(summary_field found 1); edges=$(summary_field graph 3); actors=$(summary_field graph 1)
  expect_eq "$d: summary accusations found = triples minus negated" "$((triples - negated))" "$found"
  expect_eq "$d: networkx edges, nodes = summary's graph line" "$edges $actors" "$nx"
  expect_eq "$d: edges.csv rows = summary's accusations" "$edges" "$csv_edges"
  expect_eq "$d: nodes.csv rows = summary's actors" "$actors" "$csv_nodes"
  # The centrality columns hold what the graph says: in/out strength sum to the edge count,
  # pagerank to 1, hub and authority peak at 1; the summary's top lists match edges.csv counts.
  expect_cmd "$d: node centrality columns and summary tops agree with edges.csv" "$PY" - "$d" "$T/summary" <<'EOF'
import collections, csv, math, re, sys
d, summary = sys.argv[1], open(sys.argv[2], encoding="utf-8").read().splitlines()
with open(d + "/accusations.nodes.csv", newline="", encoding="utf-8") as f:
    r = csv.DictReader(f)
    cols = r.fieldnames
    nodes = list(r)
with open(d + "/accusations.edges.csv", newline="", encoding="utf-8") as f:
    edges = list(csv.DictReader(f))
for c in ("in_strength", "out_strength", "pagerank", "hub", "authority"):
    assert c in cols, "nodes.csv lacks column %s: %s" % (c, cols)
label = {n["Id"]: n["Label"] for n in nodes}
made = collections.Counter(label[e["Source"]] for e in edges)
got = collections.Counter(label[e["Target"]] for e in edges)
for n in nodes:
    assert int(n["out_strength"]) == made[n["Label"]], ("out_strength", n)
    assert int(n["in_strength"]) == got[n["Label"]], ("in_strength", n)
if nodes:
    assert abs(sum(float(n["pagerank"]) for n in nodes) - 1) < 1e-9, "pagerank does not sum to 1"
if edges:
    assert max(float(n["hub"]) for n in nodes) == 1 and max(float(n["authority"]) for n in nodes) == 1
# "top accusers" / "most accused" blocks: "  COUNT  LABEL (CODE)" lines
def block(title):
    i = next(k for k, l in enumerate(summary) if l.startswith(title))
    rows = []
    for l in summary[i + 1:]:
        m = re.match(r"^ +(\d+)  (.*?)(?: \([A-Z0-9-]+\))?$", l)
        if not m:
            break
        rows.append((m.group(2), int(m.group(1))))
    return rows
for title, counts in (("top accusers", made), ("most accused", got)):
    rows = block(title)
    want = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    assert [c for _, c in rows] == [c for _, c in want], (title, rows, want)
    for name, c in rows:
        assert counts[name] == c, (title, name, c, counts[name])
EOF
}

# The whole run, negated accusations kept in triples.jsonl (and left out of the graph).
ag run "$IN" -o "$T/out" --keep-negated
expect_rc "run exits 0" 0
cp "$out" "$T/summary"
check_run "$T/out"
expect_eq "summary reports the skipped inputs" "skipped       1 file of another type, 1 empty document" "$(grep '^skipped' "$T/summary")"
expect_eq "summary: documents read" "5" "$(summary_field read 1)"
if grep -q '"negated":true' "$T/out/triples.jsonl"; then pass "negated triple kept in triples.jsonl"
else fail "negated triple kept in triples.jsonl" "none found"; fi
expect_eq "most accused is Russia" "Russia (RUS)" "$(grep -A1 '^most accused' "$T/summary" | tail -n 1 | sed 's/^ *[0-9]*  //')"
if [ -n "$(quiet_err)" ]; then fail "nothing on stderr when it is not a terminal" "$(quiet_err | head -c 300)"
else pass "nothing on stderr when it is not a terminal"; fi

# Deterministic: a second run gives the same bytes in every file (the SVG's layout is seeded).
ag run "$IN" -o "$T/out2" --keep-negated
expect_rc "second run exits 0" 0
for f in $NAMES; do expect_same "rerun byte-identical: $f" "$T/out/$f" "$T/out2/$f"; done

# Without --keep-negated, triples.jsonl has no negated line and the graph is the same.
ag run "$IN" -o "$T/plain"
cp "$out" "$T/summary"; cp "$out" "$T/summary.plain"
check_run "$T/plain"
expect_eq "negated left out by default" "0" "$(grep -c '"negated":true' "$T/plain/triples.jsonl")"
expect_same "graph without --keep-negated is the same" "$T/out/accusations.graphml" "$T/plain/accusations.graphml"
if grep -q '^found .*negated left out' "$T/summary"; then pass "summary counts negated left out"
else fail "summary counts negated left out" "$(grep '^found' "$T/summary")"; fi

# Build options reach the graph: --since drops the earlier accusations, the summary says how many.
ag run "$IN" -o "$T/since" --since 2022-03-05
expect_rc "run --since exits 0" 0
cp "$out" "$T/summary"
check_run "$T/since"
if grep -q '^graph .*filtered out' "$T/summary"; then pass "summary counts filtered accusations"
else fail "summary counts filtered accusations" "$(grep '^graph' "$T/summary")"; fi
expect_eq "triples.jsonl keeps every accusation under --since" "$(grep -c . "$T/plain/triples.jsonl")" "$(grep -c . "$T/since/triples.jsonl")"
ag run "$IN" -o "$T/country" --level country -q
expect_rc "run --level country exits 0" 0
if [ "$(grep -c '^GBR-FCO,' "$T/country/accusations.nodes.csv")" = 0 ] && grep -q '^GBR,' "$T/country/accusations.nodes.csv"
then pass "--level country merges the Foreign Office into GBR"
else fail "--level country merges the Foreign Office into GBR" "$(cut -d, -f1 "$T/country/accusations.nodes.csv" | tr '\n' ' ')"; fi

# Standard input and --date.
printf 'Britain accused Russia of cyber attacks on Thursday.\n' >"$T/stdin.txt"
ag run - -o "$T/stdin" --date 2022-03-04 <"$T/stdin.txt"
expect_rc "run on standard input exits 0" 0
expect_eq "date from --date and the weekday" '"2022-03-03"' "$(grep -o '"date":"[^"]*"' "$T/stdin/triples.jsonl" | head -n 1 | cut -d: -f2)"

# Rerunning into a directory replaces the outputs; a failing run leaves them as they were.
touch -d 2000-01-01 "$T/out/accusations.svg"
ag run "$IN" -o "$T/out" --keep-negated
expect_rc "rerun into the same directory exits 0" 0
cp "$out" "$T/summary"
check_run "$T/out"
if [ "$T/out/accusations.svg" -nt "$T/summary.plain" ]; then pass "rerun replaced the files"
else fail "rerun replaced the files" "accusations.svg kept its old time"; fi
ag run "$IN" -o "$T/quiet" -q
expect_rc "run --quiet exits 0" 0
if [ -s "$out" ] || [ -n "$(quiet_err)" ]; then fail "--quiet prints nothing" "$(head -c 300 "$out"; quiet_err | head -c 300)"
else pass "--quiet prints nothing"; fi
for f in $NAMES; do expect_same "--quiet writes the same $f" "$T/plain/$f" "$T/quiet/$f"; done
mkdir -p "$T/bad"
printf '{"id":"x1","text":"Britain accused Russia of spying."}\n{"id": broken\n' >"$T/bad/bad.jsonl"
ag run "$T/bad" -o "$T/out"
expect_rc "malformed input exits 1" 1
expect_err "malformed input names file and line" "bad.jsonl:2"
for f in $NAMES; do expect_same "failed run left $f intact" "$T/out2/$f" "$T/out/$f"; done
if ls -A "$T/out" | grep -q '^\.'; then fail "failed run leaves no staging directory" "$(ls -A "$T/out")"
else pass "failed run leaves no staging directory"; fi
ag run "$T/bad" -o "$T/skip" --skip-bad
expect_rc "--skip-bad exits 0" 0
expect_eq "--skip-bad counted in the summary" "skipped       1 malformed record (--skip-bad)" "$(grep '^skipped' "$out")"

# Errors: missing input (exit 3, nothing created), output that is a file (3), usage (2).
ag run "$T/no-such-dir" -o "$T/never"
expect_rc "missing input exits 3" 3
expect_err "missing input named" "no-such-dir"
if [ -e "$T/never" ]; then fail "missing input creates no output directory" "$T/never exists"
else pass "missing input creates no output directory"; fi
: >"$T/afile"
ag run "$IN" -o "$T/afile/sub"
expect_rc "output under a regular file exits 3" 3
expect_err "output directory error says so" "cannot create output directory"
ag run "$IN" -o "$T/deep/er/dir" -q
expect_rc "nested output directory created" 0
ag run
expect_rc "no input exits 2" 2
ag run "$IN" --level planet
expect_rc "bad --level exits 2" 2
ag run "$IN" --since 2022-13
expect_rc "bad --since exits 2" 2
ag run "$IN" --top -1
expect_rc "bad --top exits 2" 2
ag run "$IN" --frobnicate
expect_rc "unknown option exits 2" 2
ag run --help
expect_rc "--help exits 0" 0
if grep -q '^usage: accusegraph run' "$out"; then pass "--help prints usage on stdout"; else fail "--help prints usage on stdout" "$(head -c 200 "$out")"; fi
ag help run
expect_rc "help run exits 0" 0

# On a terminal, a progress line on stderr (erased at the end); none with --quiet.
if command -v script >/dev/null && [ "${VALGRIND:-0}" != 1 ]; then
  script -qfc "'$BIN' run '$IN' -o '$T/tty' >'$T/tty.out'" /dev/null >"$T/tty.log" 2>&1
  if grep -q 'docs | .* sentences/s | .* elapsed' "$T/tty.log"; then pass "progress line on a terminal"
  else fail "progress line on a terminal" "$(od -c "$T/tty.log" | head -n 5)"; fi
  # the last thing on the terminal is the erased line: a space then a carriage return
  expect_eq "progress line erased at the end" "200d" "$(tail -c 2 "$T/tty.log" | od -An -tx1 | tr -d ' \n')"
  expect_same "summary the same with a progress line" <(grep -v '^written to' "$T/summary.plain") <(grep -v '^written to' "$T/tty.out")
  script -qfc "'$BIN' run '$IN' -o '$T/tty' -q" /dev/null >"$T/ttyq.log" 2>&1
  if [ -s "$T/ttyq.log" ]; then fail "no progress with --quiet" "$(od -c "$T/ttyq.log" | head -n 3)"
  else pass "no progress with --quiet"; fi
fi

# The committed graphs/ is what `make run` produces, byte for byte.
if [ -d graphs/corpus ]; then
  ag run graphs/corpus --actors graphs/actors-fictional.tsv -o "$T/graphs"
  expect_rc "example corpus run exits 0" 0
  for f in $NAMES; do expect_same "graphs/$f matches a fresh run" "graphs/$f" "$T/graphs/$f"; done
else
  echo "SKIP graphs/ check: graphs/corpus does not exist yet"
fi

# run's edges CSV builds its GraphML again, byte for byte (build reads the event table).
if [ -d graphs/corpus ]; then
  ag build -q "$T/graphs/accusations.edges.csv" -o "$T/rebuilt.graphml"
  grep -v '"v_\(in_strength\|out_strength\|pagerank\|hub\|authority\)"' "$T/graphs/accusations.graphml" >"$T/run-plain.graphml"
  expect_same "build of run's accusations.edges.csv gives its accusations.graphml (less the centrality)" "$T/run-plain.graphml" "$T/rebuilt.graphml"
fi
