# t0130-errors.sh - build and export on bad input, bad usage and failing output: exit codes,
# messages, and previous output files left intact.
D=tests/data
J=$D/triples-small.jsonl

# --help on each command, and `help COMMAND`.
for c in build export; do
  ag $c --help
  expect_rc "$c --help exits 0" 0
  expect_eq "$c --help prints the usage" 1 "$(grep -c "^usage: accusegraph $c" "$out")"
  ag help $c
  expect_rc "help $c exits 0" 0
done

# Missing files: exit 3 with the path.
ag build "$T/none.jsonl" -o "$T/x.graphml"
expect_rc "build: missing file exits 3" 3
expect_err "build: missing file named" "cannot open $T/none.jsonl: No such file or directory"
ag export "$T/none.graphml" -f gexf -o "$T/x.gexf"
expect_rc "export: missing file exits 3" 3
expect_err "export: missing file named" "cannot open $T/none.graphml"
ag export "$T" -f gexf -o "$T/x.gexf"
expect_rc "export: a directory exits 3" 3
ag build "$J" -o "$T/no/such/dir/x.graphml"
expect_rc "build: output directory missing exits 3" 3
expect_err "build: output named" "cannot write $T/no/such/dir/x.graphml"

# A malformed line: exit 1, FILE:LINE.
{ head -n 4 "$J"; echo '{"doc": "x", '; tail -n 2 "$J"; } >"$T/bad.jsonl"
ag build "$T/bad.jsonl" -o "$T/x.graphml"
expect_rc "malformed JSON line exits 1" 1
expect_err "malformed JSON line named" "accusegraph: $T/bad.jsonl:5: not valid JSON"
ag build --skip-bad "$T/bad.jsonl" -o "$T/x.graphml"
expect_rc "--skip-bad exits 0" 0
expect_err "--skip-bad counted" "6 triples read, 6 edges, 6 actors, 1 skipped, 0 filtered out"

# Not GraphML, truncated GraphML, GraphML without our attributes, an undirected graph: exit 1.
ag export "$J" -f json
expect_rc "export of a JSONL file exits 1" 1
expect_err "not GraphML named" "$J: not a valid GraphML file"
head -c 3000 tests/golden/small.graphml >"$T/trunc.graphml"
ag export "$T/trunc.graphml" -f json -o "$T/x.json"
expect_rc "truncated GraphML exits 1" 1
expect_err "truncated GraphML named" "$T/trunc.graphml: not a valid GraphML file"
[ -e "$T/x.json" ] && fail "truncated GraphML: no output" "x.json written" || pass "truncated GraphML: no output"
sed '/<key id="v_mentions"/,/<\/key>/d; /v_mentions/d' tests/golden/small.graphml >"$T/nomentions.graphml"
ag export "$T/nomentions.graphml" -f json
expect_rc "GraphML without mentions: filled in, exit 0" 0
expect_err "missing attribute named in a warning" "warning: $T/nomentions.graphml: not written by accusegraph; filled with defaults (see the README, \"Graphs from other programs\"): no vertex attribute mentions"
sed 's/edgedefault="directed"/edgedefault="undirected"/' tests/golden/small.graphml >"$T/undirected.graphml"
ag export "$T/undirected.graphml" -f json
expect_err "undirected GraphML refused" "graph is undirected"
sed 's|<data key="e_weight">1</data>|<data key="e_weight">0</data>|' tests/golden/small.graphml >"$T/w0.graphml"
ag export "$T/w0.graphml" -f gexf
expect_rc "weight 0 refused" 1
expect_err "weight 0 named" "weight must be a number in (0, 1e15]"

# Bad usage: exit 2.
while IFS='|' read -r why msg args; do
  ag $args
  expect_rc "$why: exit 2" 2
  expect_err "$why: message" "$msg"
done <<EOF
build: unknown option|unknown option --colour|build --colour $J
build: no input|no triples given|build -o $T/x.graphml
build: bad level|--level must be actor or country|build --level planet $J
build: bad since|bad --since date '2020-13'|build --since 2020-13 $J
build: bad until|bad --until date 'soon'|build --until soon $J
build: confidence out of range|--min-confidence must be a number between 0 and 1|build --min-confidence 2 $J
build: empty action list|empty --action list|build --action , $J
build: -o without a value|option needs a value: -o|build $J -o
export: no format|give --format|export tests/golden/small.graphml
export: bad format|--format must be graphml, gexf, csv, json, xlsx, graphology, gml, pajek, dot or edgelist, not dotty|export tests/golden/small.graphml -f dotty
export: --gexf-version of another format|--gexf-version applies to --format gexf only|export tests/golden/small.graphml -f json --gexf-version 1.2
export: bad --gexf-version|--gexf-version must be 1.2 or 1.3, not 1.4|export tests/golden/small.graphml -f gexf --gexf-version 1.4
export: csv to stdout|csv writes two files|export tests/golden/small.graphml -f csv
export: xlsx to stdout|xlsx is a binary file: give -o FILE|export tests/golden/small.graphml -f xlsx
export: bom without csv|--bom applies to --format csv only|export tests/golden/small.graphml -f gexf --bom
export: two graphs|more than one graph|export tests/golden/small.graphml tests/golden/empty.graphml -f json
EOF

# Write errors: a full disk gives exit 3 and a clear message, for files and standard output.
ag build "$J" -o /dev/full
expect_rc "build -o /dev/full exits 3" 3
expect_err "build -o /dev/full message" "cannot write /dev/full: No space left on device"
"$BIN" build -q "$J" >/dev/full 2>"$T/full.err"; rc=$?
expect_eq "build > /dev/full exits 3" 3 "$rc"
expect_eq "build > /dev/full message" "accusegraph: cannot write standard output: No space left on device" "$(cat "$T/full.err")"
for f in graphml gexf json xlsx; do
  ag export tests/golden/small.graphml -f $f -o /dev/full
  expect_rc "export $f -o /dev/full exits 3" 3
  expect_err "export $f -o /dev/full message" "cannot write /dev/full"
done
[ -c /dev/full ] && pass "/dev/full is still a device" || fail "/dev/full is still a device" "replaced"

# A failure leaves the previous output intact and no temporary file behind:
# (1) bad input, (2) a write failing half-way (file size limit, SIGXFSZ ignored -> EFBIG).
for f in graphml gexf json xlsx; do printf 'previous\n' >"$T/prev.$f"; done
printf 'previous\n' >"$T/prev.edges.csv"; printf 'previous\n' >"$T/prev.nodes.csv"
ag build "$T/bad.jsonl" -o "$T/prev.graphml"
expect_eq "bad input: previous graph intact" previous "$(cat "$T/prev.graphml")"
for f in graphml gexf json csv xlsx; do
  o=$T/prev.$f; [ $f = csv ] && o=$T/prev
  (ulimit -f 1; trap '' XFSZ; exec "$BIN" export tests/golden/small.graphml -f $f -o "$o") 2>"$T/efbig.err"
  expect_eq "$f write failing half-way exits 3" 3 "$?"
  expect_eq "$f write failing half-way: message" 1 "$(grep -c '^accusegraph: cannot write' "$T/efbig.err")"
done
expect_eq "write failing half-way: previous files intact" "previous previous previous previous previous previous" \
  "$(cat "$T/prev.graphml" "$T/prev.gexf" "$T/prev.json" "$T/prev.edges.csv" "$T/prev.nodes.csv" "$T/prev.xlsx" | paste -sd' ')"
expect_eq "no temporary files left" "" "$(cd "$T" && ls -A | grep '^\.accusegraph-\|\.tmp\.' | paste -sd' ')"

# help --help is the general help (exit 0), like accusegraph --help.
ag help --help
expect_rc "help --help exits 0" 0
if grep -q "^usage: accusegraph COMMAND" "$out"; then pass "help --help prints the usage"; else fail "help --help prints the usage" "$(head -c 200 "$out")"; fi
