# t0210-stats.sh - `accusegraph stats`: the summary against hand counts and python-igraph, formats, errors.
D=tests/data
G=$D/centrality-accusations.graphml
PY=/usr/bin/python3

# py_check NAME ARGS...: the checker's PASS/FAIL lines as results (py_results in lib.sh).
py_check() { py_results "$@"; }

# The fixture counted by hand: 20 accusations among 9 actors, Belarus never involved; loops
# Russia->Russia x2 and Türkiye->Türkiye; one Ukrainian accusation kept although negated; 12 ordered pairs of which Russia-Ukraine, Russia-USA,
# Russia-NATO and China-USA go both ways (8/12 answered); one date is 2022-02-30 (invalid) and two
# are empty, so 17 dated; ties by label (Ukraine before United States).
ag stats "$G" --top 4
expect_rc "stats exits 0" 0
cat >"$T/want" <<'EOF'
actors          9 (1 with no accusation)
accusations     20 (3 self-accusations, 1 negated)
distinct pairs  12 (ordered accuser -> accused, self excluded)
mutual pairs    4 (reciprocity 0.667)
dates           2021-11-30 .. 2022-05-02 (17 of 20 accusations dated)

top accusers (accusations made)
  1  Russia         RUS  8
  2  United States  USA  4
  3  Ukraine        UKR  3
  4  Sergei Lavrov  RUS  2

most accused (accusations received)
  1  Russia         RUS  7
  2  Ukraine        UKR  3
  3  United States  USA  3
  4  China          CHN  2

actions
  accuse     12
  criticize   6
  complain    1
  deny        1
EOF
expect_same "stats text, hand-counted" "$T/want" "$out"

# JSON against python-igraph, every field, on every fixture (acyclic and undated; empty).
for f in accusations dag empty; do
  ag stats "$D/centrality-$f.graphml" --format json --top 0
  expect_rc "stats json $f exits 0" 0
  cp "$out" "$T/$f.json"
  py_check "igraph $f" tests/check_stats.py "$D/centrality-$f.graphml" "$T/$f.json"
done

# End to end: a graph built from our triples at country level (self-accusations, mixed date precision).
ag build --level country $D/centrality-triples.jsonl -o "$T/built.graphml"
expect_rc "build for stats exits 0" 0
ag stats "$T/built.graphml" -f json -n 0
cp "$out" "$T/built.json"
py_check "igraph built" tests/check_stats.py "$T/built.graphml" "$T/built.json"

ag stats "$G" --format=json --top 2
expect_eq "--top 2 cuts both actor lists, not actions" "2 2 4" \
  "$("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["top_accusers"]), len(d["most_accused"]), len(d["actions"]))' "$out")"

# The empty graph: zeros, no reciprocity, no dates, no crash.
ag stats "$D/centrality-empty.graphml"
expect_rc "empty graph exits 0" 0
expect_eq "empty graph: 0 actors" 1 "$(grep -c '^actors  *0 ' "$out")"
expect_eq "empty graph: reciprocity n/a" 1 "$(grep -c 'reciprocity n/a' "$out")"
expect_eq "empty graph: no dates" 1 "$(grep -c '^dates  *none' "$out")"

# Errors and their exit codes.
ag stats "$T/no-such.graphml"
expect_rc "missing file exits 3" 3
expect_err "missing file is named" "no-such.graphml"
ag stats "$D/centrality-notgraphml.graphml"
expect_rc "not GraphML exits 1" 1
ag stats "$G" --format yaml
expect_rc "unknown format exits 2" 2
ag stats "$G" --top many
expect_rc "bad --top exits 2" 2
ag stats "$G" --verbose
expect_rc "unknown option exits 2" 2
ag stats
expect_rc "no graph exits 2" 2
ag stats --help
expect_rc "--help exits 0" 0
expect_eq "--help is a usage text" 1 "$(grep -c '^usage: accusegraph stats GRAPH' "$out")"

# stats --format json: the actor lists carry each actor's id.
ag stats tests/golden/small.graphml --format json
if /usr/bin/python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if d["top_accusers"] and all(r.get("id") for r in d["top_accusers"] + d["most_accused"]) else 1)' "$out"
then pass "stats json: actors have ids"; else fail "stats json: actors have ids" "$(head -c 300 "$out")"; fi
