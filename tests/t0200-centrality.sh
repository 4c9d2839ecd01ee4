# t0200-centrality.sh - `accusegraph centrality`: numbers against python-igraph, ranking, formats, errors.
D=tests/data
G=$D/centrality-accusations.graphml
PY=/usr/bin/python3

# py_check NAME ARGS...: the checker's PASS/FAIL lines as results (py_results in lib.sh).
py_check() { py_results "$@"; }

# Every measure, both views, JSON and CSV, against python-igraph 0.10 on the same GraphML
# (a multigraph with parallel edges, mutual pairs, self-loops, an isolated and a dangling actor).
for w in "" --weighted; do
  ag centrality "$G" --measure all $w --format json
  expect_rc "centrality all $w json exits 0" 0
  cp "$out" "$T/all$w.json"
  py_check "igraph json$w" tests/check_centrality.py "$G" "$T/all$w.json" $w \
    --require pagerank,betweenness,hub,authority
  ag centrality "$G" -m pagerank,betweenness,hub,authority $w -f csv
  expect_rc "centrality csv $w exits 0" 0
  cp "$out" "$T/four$w.csv"
  py_check "igraph csv$w" tests/check_centrality.py "$G" "$T/four$w.csv" $w \
    --require pagerank,betweenness,hub,authority
done

# The weighted view really differs (distinct accusers, 1/count lengths): the two JSONs must not match.
if cmp -s "$T/all.json" "$T/all--weighted.json"; then fail "weighted differs from unweighted" "same output"
else pass "weighted differs from unweighted"; fi

# An acyclic graph with a parallel edge and an actor with no country: eigenvector centrality is all
# zeros in igraph 0.10 (in both tools), closeness is undefined for actors that reach nobody.
F=$D/centrality-dag.graphml
for w in "" --weighted; do
  ag centrality "$F" $w -f json
  expect_rc "dag $w json exits 0" 0
  cp "$out" "$T/dag$w.json"
  py_check "igraph dag$w" tests/check_centrality.py "$F" "$T/dag$w.json" $w
done
ag centrality "$F" -m out-degree,closeness -f csv
expect_eq "dag: out-degree ranking, empty cells for no country and NaN closeness" \
  "1,0,org:northland-ministry,Northland Ministry,NTH,3,1|2,3,group:press-watchdog,Press Watchdog,,1,1|3,1,org:southland-embassy,Southland Embassy,STH,1,1|4,2,org:eastland-agency,Eastland Agency,EST,0," \
  "$(tail -n +2 "$out" | tr -d '\r' | paste -sd'|')"

# End to end: triples written by us -> build (actor and country level; the latter turns a quarrel
# between two Northland politicians into self-accusations) -> centrality, against python-igraph.
for level in actor country; do
  ag build --level $level $D/centrality-triples.jsonl -o "$T/built-$level.graphml"
  expect_rc "build --level $level for centrality exits 0" 0
  for w in "" --weighted; do
    ag centrality "$T/built-$level.graphml" $w -f json
    expect_rc "built $level $w json exits 0" 0
    cp "$out" "$T/built-$level$w.json"
    py_check "igraph built $level$w" tests/check_centrality.py "$T/built-$level.graphml" \
      "$T/built-$level$w.json" $w --require pagerank,betweenness,hub,authority
  done
done

# Ranking: score descending, ties by label; the table is aligned; --top cuts.
ag centrality "$G" --measure in-degree --top 6
printf '%s\n' \
  'rank  label                 country  in-degree' \
  '   1  Russia                RUS              7' \
  '   2  Ukraine               UKR              3' \
  '   3  United States         USA              3' \
  '   4  China                 CHN              2' \
  '   5  NATO                  NATO             2' \
  '   6  OPCW (The Hague, NL)  OPCW             2' >"$T/want"
expect_same "in-degree table, ties by label, top 6" "$T/want" "$out"

# Weighted out-degree counts distinct actors accused; self-accusations are dropped (Türkiye's only
# edge is a loop); the UTF-8 label stays aligned.
ag centrality "$G" -m out-degree --weighted
printf '%s\n' \
  'rank  label                 country  out-degree' \
  '   1  Russia                RUS               4' \
  '   2  Sergei Lavrov         RUS               2' \
  '   3  Ukraine               UKR               2' \
  '   4  United States         USA               2' \
  '   5  China                 CHN               1' \
  '   6  NATO                  NATO              1' \
  '   7  Belarus               BLR               0' \
  '   8  OPCW (The Hague, NL)  OPCW              0' \
  '   9  Türkiye               TUR               0' >"$T/want"
expect_same "weighted out-degree table" "$T/want" "$out"

# --sort ranks by another measure than the first column; the checker verifies the order.
ag centrality "$G" -m pagerank,hub --sort hub -f json
cp "$out" "$T/sorted.json"
expect_eq "json names the sort measure" hub "$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["sort"])' "$T/sorted.json")"
py_check "igraph sorted by hub" tests/check_centrality.py "$G" "$T/sorted.json"

ag centrality "$G" -m betweenness --top 3 -f json
expect_eq "--top 3 gives 3 rows of 9" "3 9" \
  "$("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["rows"]), d["actors"])' "$out")"

# CSV: RFC 4180 quoting of a label with a comma, CRLF line ends, NaN closeness as an empty cell.
ag centrality "$G" -m closeness -f csv
expect_eq "csv quotes a comma" 1 "$(grep -c '^[0-9]*,5,OPCW,"OPCW (The Hague, NL)",OPCW,'$'\r''$' "$out")"
expect_eq "csv lines end in CRLF" "$(wc -l <"$out")" "$(grep -c $'\r$' "$out")"

# Deterministic: the same bytes twice.
ag centrality "$G" --weighted -f csv; cp "$out" "$T/run1"
ag centrality "$G" --weighted -f csv
expect_same "deterministic output" "$T/run1" "$out"

# The empty graph: headers only, no crash.
E=$D/centrality-empty.graphml
ag centrality "$E"
expect_rc "empty graph table exits 0" 0
expect_eq "empty graph table is the header" 1 "$(wc -l <"$out")"
ag centrality "$E" --weighted -f json
expect_rc "empty graph weighted json exits 0" 0
cp "$out" "$T/empty.json"
py_check "igraph empty" tests/check_centrality.py "$E" "$T/empty.json" --weighted
ag centrality "$E" -f csv -m hub
expect_eq "empty graph csv is the header" "rank,vertex,id,label,country,hub" "$(tr -d '\r' <"$out")"

# Errors and their exit codes.
ag centrality "$T/no-such.graphml"
expect_rc "missing file exits 3" 3
expect_err "missing file is named" "no-such.graphml"
ag centrality "$D/centrality-notgraphml.graphml"
expect_rc "not GraphML exits 1" 1
expect_err "not GraphML names the file" "centrality-notgraphml.graphml"
ag centrality "$G" --measure fame
expect_rc "unknown measure exits 2" 2
expect_err "unknown measure is named" "unknown measure 'fame'"
ag centrality "$G" -m pagerank,pagerank
expect_rc "measure twice exits 2" 2
ag centrality "$G" --format xml
expect_rc "unknown format exits 2" 2
ag centrality "$G" --top -1
expect_rc "negative --top exits 2" 2
ag centrality "$G" --top
expect_rc "--top without value exits 2" 2
ag centrality
expect_rc "no graph exits 2" 2
ag centrality "$G" "$G"
expect_rc "two graphs exit 2" 2
ag centrality --help
expect_rc "--help exits 0" 0
expect_eq "--help lists every measure" 11 \
  "$(grep -cE '^ +(in-degree|out-degree|in-strength|out-strength|pagerank|betweenness|closeness|harmonic|hub|authority|eigenvector) ' "$out")"
ag help centrality
expect_rc "help centrality exits 0" 0

# A directed cycle of 5,000 actors, on which ARPACK stops without converging: eigenvector
# centrality comes from the power method (every actor 1), no error.
/usr/bin/python3 -c "import json;[print(json.dumps({'source':{'id':'A%d'%i},'action':'accuse','target':{'id':'A%d'%((i+1)%5000)}})) for i in range(5000)]" > "$T/cycle.jsonl"
ag build -q "$T/cycle.jsonl" -o "$T/cycle.graphml"
ag centrality "$T/cycle.graphml" --measure eigenvector --format csv
expect_rc "eigenvector on a 5000-cycle: exit 0" 0
expect_eq "eigenvector on a 5000-cycle: every actor 1" "5000" "$(tr -d '\r' < "$out" | grep -c ',1$')"
if [ -s "$err" ]; then fail "eigenvector on a 5000-cycle: nothing on stderr" "$(head -c 300 "$err")"; else pass "eigenvector on a 5000-cycle: nothing on stderr"; fi
