# t0400-render.sh - `accusegraph render`: SVG/PNG pictures of a graph with Graphviz.
D=tests/data
G=$D/render-small.graphml
E=$D/render-empty.graphml
PY=/usr/bin/python3
# Under valgrind (make leakcheck), Graphviz 2.43's and the font libraries' own leaks are suppressed;
# their stacks are deep, hence the caller count.
[ "${VALGRIND:-0}" = 1 ] && export VALGRIND_OPTS="--num-callers=64 --suppressions=$PWD/$D/render-valgrind.supp"

# py_check NAME ARGS...: the checker's PASS/FAIL lines as results (py_results in lib.sh).
py_check() { local name=$1; shift; py_results "$name" "$D/render-check.py" "$@"; }

# The small graph (5 actors, parallel accusations, three actions) as SVG: well-formed, every actor
# labelled, parallel accusations of one action drawn as one edge with its count and width.
ag render "$G" -o "$T/small.svg"
expect_rc "render svg exits 0" 0
expect_cmd "svg is well-formed XML" xmllint --noout "$T/small.svg"
py_check "svg" "$G" "$T/small.svg"
if grep -q 'Tarn &amp; Vell' "$T/small.svg"; then pass "ampersand in a label escaped"
else fail "ampersand in a label escaped" "no 'Tarn &amp; Vell' in the SVG"; fi
if ls -A "$T" | grep -q '^\.accusegraph-\|\.tmp'; then fail "no temporary file left" "$(ls -A "$T")"; else pass "no temporary file left"; fi

# Deterministic: the layout is seeded, so a second run gives the same bytes.
ag render "$G" -o "$T/small2.svg"
expect_same "svg byte-identical across runs" "$T/small.svg" "$T/small2.svg"

# --top keeps the best N by PageRank and the legend says how many were left out.
for n in 2 3; do
  ag render "$G" -o "$T/top$n.svg" --top $n
  expect_rc "render --top $n exits 0" 0
  py_check "top $n" "$G" "$T/top$n.svg" --top $n
done
ag render "$G" -o "$T/top0.svg" --top 0
py_check "top 0 means all" "$G" "$T/top0.svg" --top 0

# --size-by in-strength ranks by accusations received.
ag render "$G" -o "$T/in.svg" --size-by in-strength --top 1
expect_rc "render --size-by in-strength exits 0" 0
py_check "in-strength top 1" "$G" "$T/in.svg" --top 1 --size-by in-strength
if grep -q 'node size: accusations received' "$T/in.svg"; then pass "legend names the size measure"
else fail "legend names the size measure" "no 'node size: accusations received'"; fi

# Every layout engine gives a well-formed picture of every actor.
for l in sfdp neato fdp dot circo; do
  ag render "$G" -o "$T/l-$l.svg" --layout $l
  expect_rc "layout $l exits 0" 0
  py_check "layout $l" "$G" "$T/l-$l.svg"
done

# PNG: the file starts with the PNG signature and has a sensible size.
ag render "$G" -o "$T/small.png"
expect_rc "render png exits 0" 0
expect_eq "png signature" "89504e470d0a1a0a" "$(head -c 8 "$T/small.png" | od -An -tx1 | tr -d ' \n')"
size=$(wc -c <"$T/small.png")
if [ "$size" -gt 10000 ]; then pass "png not trivially small"; else fail "png not trivially small" "$size bytes"; fi
ag render "$G" -o "$T/UPPER.PNG"
expect_eq "extension case ignored" "89504e470d0a1a0a" "$(head -c 8 "$T/UPPER.PNG" | od -An -tx1 | tr -d ' \n')"

# '-o -' writes SVG to standard output.
ag render "$G" -o -
expect_rc "render to stdout exits 0" 0
expect_same "stdout svg same as file" "$T/small.svg" "$out"

# The empty graph: a valid picture that says so, with no nodes.
ag render "$E" -o "$T/empty.svg"
expect_rc "empty graph exits 0" 0
expect_cmd "empty svg is well-formed XML" xmllint --noout "$T/empty.svg"
if grep -q '>no accusations<' "$T/empty.svg"; then pass "empty graph says no accusations"
else fail "empty graph says no accusations" "$(head -c 300 "$T/empty.svg")"; fi
expect_eq "empty graph has no nodes" 0 "$(grep -c 'class="node"' "$T/empty.svg")"
ag render "$E" -o "$T/empty.png"
expect_eq "empty png signature" "89504e470d0a1a0a" "$(head -c 8 "$T/empty.png" | od -An -tx1 | tr -d ' \n')"

# Errors: missing graph (3), not a graph (1), usage (2). A failed run leaves the old picture alone.
echo old >"$T/keep.svg"
ag render "$T/no-such.graphml" -o "$T/keep.svg"
expect_rc "missing graph exits 3" 3
expect_err "missing graph named" "no-such.graphml"
expect_eq "failed run keeps the old file" old "$(cat "$T/keep.svg")"
printf 'this is not GraphML\n' >"$T/bad.graphml"
ag render "$T/bad.graphml" -o "$T/keep.svg"
expect_rc "not GraphML exits 1" 1
expect_eq "bad input keeps the old file" old "$(cat "$T/keep.svg")"
ag render "$G" -o "$T/out.pdf"
expect_rc "unknown extension exits 2" 2
expect_err "unknown extension explained" "use a .svg or .png file name"
if [ -e "$T/out.pdf" ]; then fail "unknown extension writes nothing" "out.pdf exists"
else pass "unknown extension writes nothing"; fi
ag render "$G" -o "$T/noext"
expect_rc "no extension exits 2" 2
ag render "$G"
expect_rc "missing -o exits 2" 2
ag render -o "$T/x.svg"
expect_rc "missing graph argument exits 2" 2
ag render "$G" "$G" -o "$T/x.svg"
expect_rc "two graphs exit 2" 2
ag render "$G" -o "$T/x.svg" --layout spring
expect_rc "unknown layout exits 2" 2
expect_err "unknown layout named" "spring"
ag render "$G" -o "$T/x.svg" --size-by betweenness
expect_rc "unknown size measure exits 2" 2
for bad in -1 x 3x ""; do
  ag render "$G" -o "$T/x.svg" --top "$bad"
  expect_rc "--top '$bad' exits 2" 2
done
ag render "$G" -o "$T/x.svg" --top
expect_rc "--top without a value exits 2" 2
ag render "$G" -o "$T/x.svg" --frobnicate
expect_rc "unknown option exits 2" 2
expect_err "unknown option named" "--frobnicate"
ag render "$G" -o "$T/no-such-dir/x.svg"
expect_rc "unwritable output exits 3" 3

# Help: on stdout, exit 0, through both spellings.
ag render --help
expect_rc "render --help exits 0" 0
if grep -q '^usage: accusegraph render' "$out" && grep -q -- '--size-by' "$out"; then pass "render --help text"
else fail "render --help text" "$(head -c 200 "$out")"; fi
cp "$out" "$T/help1"
ag help render
expect_rc "help render exits 0" 0
expect_same "help render same as --help" "$T/help1" "$out"

# The man page (src/accusegraph.1): renders without warnings, has a synopsis for every command the
# program lists, and documents every long option of every command's --help.
if command -v groff >/dev/null 2>&1; then
  groff -man -Tutf8 -ww -z src/accusegraph.1 >"$T/groff.out" 2>&1; grc=$?
  if [ "$grc" = 0 ] && [ ! -s "$T/groff.out" ]; then pass "man page renders without warnings"
  else fail "man page renders without warnings" "exit $grc: $(head -c 300 "$T/groff.out")"; fi
fi
ag --help
cmds=$(awk '/^commands:/ {f = 1; next} f && /^  [a-z]/ {print $1}' "$out")
[ -n "$cmds" ] || fail "program lists its commands" "no commands in --help"
for c in $cmds; do
  if grep -q "^\.B accusegraph $c\$" src/accusegraph.1; then pass "man synopsis has $c"
  else fail "man synopsis has $c" "no '.B accusegraph $c' line"; fi
  [ "$c" = help ] && continue
  ag "$c" --help
  missing=""
  for o in $(grep -oE -- '--[a-z][a-z-]*' "$out" | sort -u); do
    grep -qF -- "$(printf '%s' "$o" | sed 's/-/\\-/g')" src/accusegraph.1 || missing="$missing $o"
  done
  if [ -z "$missing" ]; then pass "man page documents the options of $c"
  else fail "man page documents the options of $c" "missing:$missing"; fi
done

# Labels with quotes, <, &, backslash escapes (\N, \n) and non-ASCII letters are drawn as written.
ag render $D/render-odd.graphml -o "$T/odd.svg"
expect_rc "odd labels exit 0" 0
expect_cmd "odd labels: well-formed XML" xmllint --noout "$T/odd.svg"
py_check "odd labels" $D/render-odd.graphml "$T/odd.svg"
