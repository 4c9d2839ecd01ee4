# t0135-sidecar.sh - the binary sidecar GRAPH.graphml.agb that build writes: every graph command
# gives the same bytes with it as from the GraphML alone; it is ignored once the GraphML changes
# or when it is damaged, truncated or someone else's; --no-sidecar and standard output write none;
# a GraphML written over by another command loses its stale sidecar.
D=tests/data
ag build -q $D/centrality-triples.jsonl -o "$T/g.graphml"
if [ -s "$T/g.graphml.agb" ]; then pass "build writes g.graphml.agb"; else fail "build writes g.graphml.agb" "none"; fi

# same_without NAME ARGS...: the command's stdout and written files with the sidecar equal those
# from the GraphML alone (the sidecar moved away for the second run).
same_without() {
  name=$1; shift
  ( cd "$T" && "$BIN" "$@" >with.out 2>with.err; echo $? >with.rc )
  mv "$T/g.graphml.agb" "$T/away.agb"
  ( cd "$T" && "$BIN" "$@" >without.out 2>without.err; echo $? >without.rc )
  mv "$T/away.agb" "$T/g.graphml.agb"
  if cmp -s "$T/with.out" "$T/without.out" && cmp -s "$T/with.rc" "$T/without.rc" && cmp -s "$T/with.err" "$T/without.err"
  then pass "sidecar: $name as from the GraphML"
  else fail "sidecar: $name as from the GraphML" "$(diff "$T/with.out" "$T/without.out" | head -n 5)"; fi
}
same_without "stats" stats g.graphml
same_without "stats --format json" stats --format json g.graphml
same_without "centrality, every measure" centrality --measure all g.graphml
same_without "centrality --weighted --format csv" centrality --weighted --format csv g.graphml
for f in graphml gexf json graphology gml pajek dot edgelist; do
  same_without "export $f" export -f $f g.graphml -o -
done
same_without "render svg" render g.graphml -f svg -o -

# Used: a sidecar of the same GraphML that says otherwise is believed (it is what is read), which
# shows the XML was skipped. (The sidecar of another graph, renamed into place, with the header
# rewritten to describe this GraphML by a python helper.)
ag build -q $D/triples-small.jsonl -o "$T/other.graphml"
/usr/bin/python3 - "$T/other.graphml.agb" "$T/g.graphml" "$T/g.graphml.agb" <<'EOF'
import os, struct, sys
other = open(sys.argv[1], "rb").read()
good = open(sys.argv[3], "rb").read()
# the header's GraphML description (size, mtime s, ns, dev, ino, ends hash) from the right sidecar
desc = good[16:64]
open(sys.argv[3] + ".forged", "wb").write(other[:16] + desc + other[64:])
EOF
cp "$T/g.graphml.agb" "$T/good.agb"
mv "$T/g.graphml.agb.forged" "$T/g.graphml.agb"
ag stats "$T/g.graphml"
"$BIN" stats "$T/other.graphml" >"$T/other.stats" 2>/dev/null
expect_same "a sidecar that belongs to the GraphML is what is read (the XML is skipped)" "$T/other.stats" "$out"
cp "$T/good.agb" "$T/g.graphml.agb"

# Ignored: the GraphML changed (a label, same size), the sidecar damaged or truncated.
"$BIN" stats "$T/g.graphml" >"$T/g.stats"
cp "$T/g.graphml" "$T/g.orig"
sed -i 's/>Northland</>Northlanx</' "$T/g.graphml"
ag stats "$T/g.graphml"
if grep -q Northlanx "$out"; then pass "GraphML edited after build: the edit is read, the sidecar ignored"
else fail "GraphML edited after build: the edit is read, the sidecar ignored" "$(head -n 5 "$out")"; fi
cp -p "$T/g.orig" "$T/g.graphml"
ag build -q $D/centrality-triples.jsonl -o "$T/g.graphml"
/usr/bin/python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read()); b[len(b) // 2] ^= 0x55
open(sys.argv[1], "wb").write(bytes(b))' "$T/g.graphml.agb"
ag stats "$T/g.graphml"
expect_same "a damaged sidecar: ignored" "$T/g.stats" "$out"
head -c 100 "$T/good.agb" >"$T/g.graphml.agb"
ag stats "$T/g.graphml"
expect_same "a truncated sidecar: ignored" "$T/g.stats" "$out"
: >"$T/g.graphml.agb"
ag stats "$T/g.graphml"
expect_same "an empty sidecar: ignored" "$T/g.stats" "$out"
if [ "$(id -u)" -eq 0 ]; then
  ag build -q $D/triples-small.jsonl -o "$T/other.graphml"
  ag build -q $D/centrality-triples.jsonl -o "$T/g.graphml"
  /usr/bin/python3 - "$T/other.graphml.agb" "$T/g.graphml.agb" <<'EOF'
import sys
other = open(sys.argv[1], "rb").read(); good = open(sys.argv[2], "rb").read()
open(sys.argv[2], "wb").write(other[:16] + good[16:64] + other[64:])
EOF
  chown nobody "$T/g.graphml.agb"
  ag stats "$T/g.graphml"
  expect_same "a sidecar of another owner: ignored" "$T/g.stats" "$out"
else
  echo "SKIP sidecar of another owner: needs root to chown"
fi

# None written: --no-sidecar, standard output; a GraphML written over loses its stale sidecar.
ag build -q --no-sidecar $D/centrality-triples.jsonl -o "$T/plain.graphml"
if [ ! -e "$T/plain.graphml.agb" ]; then pass "--no-sidecar: none written"; else fail "--no-sidecar: none written" "written"; fi
( cd "$T" && "$BIN" build -q "$OLDPWD/$D/centrality-triples.jsonl" >stdout.graphml )
if [ ! -e "$T/-.agb" ] && [ ! -e "$T/stdout.graphml.agb" ]; then pass "build to standard output: no sidecar"
else fail "build to standard output: no sidecar" "$(ls "$T" | grep agb)"; fi
ag build -q $D/centrality-triples.jsonl -o "$T/g.graphml"
ag export -f graphml "$T/other.graphml" -o "$T/g.graphml"
if [ ! -e "$T/g.graphml.agb" ]; then pass "export over a built GraphML removes its sidecar"
else fail "export over a built GraphML removes its sidecar" "still there"; fi
ag stats "$T/g.graphml"
"$BIN" stats "$T/other.graphml" >"$T/other.stats2" 2>/dev/null
expect_same "export over a built GraphML: the new graph is read" "$T/other.stats2" "$out"
