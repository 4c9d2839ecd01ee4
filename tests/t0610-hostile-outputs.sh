# t0610-hostile-outputs.sh - output files against a hostile or careless environment (issue 9,
# ../shared/notes/hostile-inputs.md H22, H23, H25): the temporary file beside an output is created
# with O_EXCL under an unpredictable name (a planted symlink is never followed), a replaced file
# keeps its permission bits, a new one gets the umask's, and a valid long output name works.
D=tests/data/extract-inputs

# H22: symlinks planted at every name the tool could pick from its PID (the old scheme was
# PATH.tmp.PID, PIDs being sequential) point at a victim file; the victim must stay as it was.
mkdir -p "$T/shared"
echo "the victim's own text" > "$T/victim.txt"
# (one process plants them all, from its own PID on, so that the tool's PID, a few later, is covered)
/usr/bin/python3 -c 'import os, sys
p = os.getpid()
for i in range(1, 300):
    for name in ("out.jsonl", "g.graphml"):
        os.symlink(sys.argv[1], "%s/%s.tmp.%d" % (sys.argv[2], name, p + i))' "$T/victim.txt" "$T/shared"
ag extract -q "$D/dir/a.txt" -o "$T/shared/out.jsonl"
expect_rc "planted symlinks: exit 0" 0
expect_eq "planted symlinks: the victim is untouched" "the victim's own text" "$(cat "$T/victim.txt")"
if [ -f "$T/shared/out.jsonl" ] && [ ! -L "$T/shared/out.jsonl" ] && grep -q '"action"' "$T/shared/out.jsonl"; then
  pass "planted symlinks: the output is a regular file with the triples"
else fail "planted symlinks: the output is a regular file with the triples" "$(ls -l "$T/shared" | head -3)"; fi
expect_eq "planted symlinks: no temporary left" "" "$(ls -A "$T/shared" | grep '^\.accusegraph-' | paste -sd' ')"

# The same for build, whose GraphML goes through the same path.
/usr/bin/python3 -c 'import os, sys
p = os.getpid()
for i in range(1, 300):
    try:
        os.symlink(sys.argv[1], "%s/g.graphml.tmp.%d" % (sys.argv[2], p + i))
    except FileExistsError:
        pass' "$T/victim.txt" "$T/shared"
ag build "$T/shared/out.jsonl" -o "$T/shared/g.graphml"
expect_rc "build beside planted links: exit 0" 0
expect_eq "build beside planted links: the victim is untouched" "the victim's own text" "$(cat "$T/victim.txt")"

# H23: a replaced file keeps its permission bits; a new file gets 0666 less the umask.
echo old > "$T/p600.jsonl"; chmod 600 "$T/p600.jsonl"
ag extract -q "$D/dir/a.txt" -o "$T/p600.jsonl"
expect_eq "replace keeps mode 600" "600" "$(stat -c %a "$T/p600.jsonl")"
if grep -q '"action"' "$T/p600.jsonl"; then pass "replace keeps mode 600: new content"; else fail "replace keeps mode 600: new content" "$(head -c 200 "$T/p600.jsonl")"; fi
echo old > "$T/p640.jsonl"; chmod 640 "$T/p640.jsonl"
ag extract -q "$D/dir/a.txt" -o "$T/p640.jsonl"
expect_eq "replace keeps mode 640" "640" "$(stat -c %a "$T/p640.jsonl")"
# ... its read, write and execute bits only: never set-user-id, set-group-id or sticky
echo old > "$T/p4755.jsonl"; chmod 4755 "$T/p4755.jsonl"
ag extract -q "$D/dir/a.txt" -o "$T/p4755.jsonl"
expect_eq "replace of a set-user-id file: mode 755, no set-user-id bit" "755" "$(stat -c %a "$T/p4755.jsonl")"
( umask 027; "$BIN" extract -q "$D/dir/a.txt" -o "$T/new027.jsonl" )
expect_eq "a new file follows the umask (027 -> 640)" "640" "$(stat -c %a "$T/new027.jsonl")"
( umask 022; "$BIN" extract -q "$D/dir/a.txt" -o "$T/new022.jsonl" )
expect_eq "a new file follows the umask (022 -> 644)" "644" "$(stat -c %a "$T/new022.jsonl")"

# H25: an output name of 251 characters (valid: the file system takes it) is written.
long=$(printf 'a%.0s' $(seq 1 245)).jsonl
if touch "$T/$long" 2>/dev/null; then
  rm -f "$T/$long"
  ag extract -q "$D/dir/a.txt" -o "$T/$long"
  expect_rc "251-character output name: exit 0" 0
  if [ -s "$T/$long" ]; then pass "251-character output name: written"; else fail "251-character output name: written" "no file"; fi
else
  echo "SKIP 251-character output name: the file system here refuses such a name"
fi

# An output in a directory the user cannot write to is a clear error naming it, and leaves nothing.
if [ "$(id -u)" != 0 ]; then
  mkdir -p "$T/ro"; chmod 555 "$T/ro"
  ag extract -q "$D/dir/a.txt" -o "$T/ro/out.jsonl"
  expect_rc "read-only directory: exit 3" 3
  expect_err "read-only directory: names the output" "$T/ro/out.jsonl"
  chmod 755 "$T/ro"
else
  echo "SKIP read-only directory: running as root, which may write anywhere"
fi

# H20: `run` over a previous run's outputs where one of them cannot be replaced (a non-empty
# directory stands in its place): exit 3 naming it, and every previous output is as it was.
ag run -q "$D/dir/a.txt" -o "$T/run"
expect_rc "run: first run exit 0" 0
for f in triples.jsonl accusations.graphml accusations.gexf accusations.nodes.csv accusations.svg; do
  cp "$T/run/$f" "$T/run-$f.before"
done
rm -f "$T/run/accusations.edges.csv"; mkdir -p "$T/run/accusations.edges.csv/x"
printf 'Freedonia accused Sylvania of closing the border.\n' > "$T/second.txt"
ag run -q --actors tests/extract/fictional-actors.tsv "$T/second.txt" -o "$T/run"
expect_rc "run over a directory in an output's place: exit 3" 3
expect_err "run over a directory: names it" "accusations.edges.csv"
same=yes
for f in triples.jsonl accusations.graphml accusations.gexf accusations.nodes.csv accusations.svg; do
  cmp -s "$T/run/$f" "$T/run-$f.before" || same="no ($f changed)"
done
expect_eq "run over a directory: every previous output as it was" "yes" "$same"
expect_eq "run over a directory: nothing staged left" "" "$(ls -A "$T/run" | grep '^\.accusegraph' | paste -sd' ')"

# H21: `export --format csv` where the nodes file cannot be replaced: the old edges file stays.
ag build "$T/run/triples.jsonl" -o "$T/one.graphml"
mkdir -p "$T/pair"; echo OLD-EDGES > "$T/pair/c2.edges.csv"; mkdir -p "$T/pair/c2.nodes.csv/x"
ag export "$T/one.graphml" --format csv -o "$T/pair/c2"
expect_rc "export csv over a directory: exit 3" 3
expect_eq "export csv over a directory: the old edges file stays" "OLD-EDGES" "$(cat "$T/pair/c2.edges.csv")"
expect_eq "export csv over a directory: nothing left beside" "" "$(ls -A "$T/pair" | grep '^\.accusegraph' | paste -sd' ')"
rm -rf "$T/pair/c2.nodes.csv"
ag export "$T/one.graphml" --format csv -o "$T/pair/c2"
expect_rc "export csv after the directory is gone: exit 0" 0
if head -1 "$T/pair/c2.edges.csv" | grep -q '^Source,'; then pass "export csv: both files replaced"; else fail "export csv: both files replaced" "$(head -1 "$T/pair/c2.edges.csv")"; fi

# H19: two runs into one directory at once never mix their files (the output directory's lock):
# every file of the result comes from the same one of the two runs.
printf 'Britain accused Russia of sabotaging undersea cables.\n' > "$T/conc-a.txt"
printf 'Germany accused Russia of hacking its parliament.\n' > "$T/conc-b.txt"
mixed=0
for i in $(seq 1 25); do
  "$BIN" run -q "$T/conc-a.txt" -o "$T/conc" 2>/dev/null & A=$!
  "$BIN" run -q "$T/conc-b.txt" -o "$T/conc" 2>/dev/null & B=$!
  wait $A; wait $B
  k=""
  for f in triples.jsonl accusations.graphml accusations.gexf accusations.edges.csv accusations.nodes.csv accusations.svg; do
    if grep -q Germany "$T/conc/$f"; then k="${k}B"; else k="${k}A"; fi
  done
  case $k in AAAAAA|BBBBBB) ;; *) mixed=$((mixed + 1)); echo "# trial $i: $k";; esac
done
expect_eq "two concurrent runs into one directory: no trial mixes their files (25 trials)" "0" "$mixed"

# H2: two symbolic links to "." in an input directory; with standard error a terminal (the
# progress line sizes the inputs first), extract ends, reading the one document once.
mkdir -p "$T/loop"; cp "$D/dir/a.txt" "$T/loop/a.txt"; ln -s . "$T/loop/l1"; ln -s . "$T/loop/l2"
if command -v script >/dev/null 2>&1; then
  timeout 60 script -qec "'$BIN' extract '$T/loop' -o '$T/loop.jsonl'" /dev/null >"$T/loop.tty" 2>&1; rc=$?
  expect_rc "symlink loops with a terminal: ends (exit 0, not a timeout)" 0
  expect_eq "symlink loops: the document read once" "1" "$(grep -c '"action"' "$T/loop.jsonl")"
else
  echo "SKIP symlink loops with a terminal: no script(1) here to give the program a terminal"
fi

# H16, H18: a signal in the middle of writing removes the temporary files and the staging
# directory, and leaves the previous outputs intact (SIGTERM: a background job of a script
# ignores SIGINT, which the program then leaves ignored).
/usr/bin/python3 -c 'import json
with open("'"$T"'/big.jsonl", "w") as f:
    for i in range(6000):
        f.write(json.dumps({"id": "d%d" % i, "text": "Britain accused Russia of sabotaging undersea cables. "
                            "Germany condemned the attack on its embassy. " * 8}) + "\n")'
mkdir -p "$T/sig"; echo previous > "$T/sig/t.jsonl"
"$BIN" extract -q "$T/big.jsonl" -o "$T/sig/t.jsonl" & P=$!
sleep 0.7; kill -TERM $P; wait $P; rc=$?
expect_eq "SIGTERM to extract -o: ends by the signal (143)" "143" "$rc"
expect_eq "SIGTERM to extract -o: the previous output intact" "previous" "$(cat "$T/sig/t.jsonl")"
expect_eq "SIGTERM to extract -o: no temporary left" "" "$(ls -A "$T/sig" | grep -v '^t\.jsonl$' | paste -sd' ')"
ag run -q "$D/dir/a.txt" -o "$T/sigrun"
cp "$T/sigrun/triples.jsonl" "$T/sigrun-before.jsonl"
"$BIN" run -q "$T/big.jsonl" -o "$T/sigrun" & P=$!
sleep 0.7; kill -TERM $P; wait $P; rc=$?
expect_eq "SIGTERM to run: ends by the signal (143)" "143" "$rc"
expect_same "SIGTERM to run: the previous triples intact" "$T/sigrun-before.jsonl" "$T/sigrun/triples.jsonl"
expect_eq "SIGTERM to run: no staging directory left" "" "$(ls -A "$T/sigrun" | grep '^\.' | paste -sd' ')"

# H26: with standard error closed, diagnostics never land in the output file.
mkdir -p "$T/closed"; cp "$D/dir/a.txt" "$T/closed/a.txt"; ln -s "$T/closed/nowhere.txt" "$T/closed/dangling.txt"
"$BIN" extract -v "$T/closed" -o "$T/closed.jsonl" 2>&-
expect_eq "stderr closed: the output holds only triples" "$(grep -c '' "$T/closed.jsonl")" "$(grep -c '^{' "$T/closed.jsonl")"
if [ -s "$T/closed.jsonl" ]; then pass "stderr closed: the output is written"; else fail "stderr closed: the output is written" "empty"; fi

# H14 (and H11, H12): a picture larger than Graphviz's buffer into a full device is a clear
# error (exit 3 naming the cause), not Graphviz's silent exit 1.
ag build "$T/shared/out.jsonl" -o "$T/pic.graphml"
"$BIN" render "$T/pic.graphml" -o - > /dev/full 2>"$T/full.err"; rc=$?
expect_eq "render to /dev/full: exit 3" "3" "$rc"
if grep -q "No space left on device" "$T/full.err"; then pass "render to /dev/full: says why"
else fail "render to /dev/full: says why" "$(head -c 300 "$T/full.err")"; fi

# csv names a pair from -o BASE: a device or a directory as BASE is refused (exit 2), never
# /dev/full.edges.csv written beside the device.
ag export --format csv "$T/pic.graphml" -o /dev/full
expect_rc "export csv -o /dev/full: exit 2" 2
expect_err "export csv -o /dev/full: says why" "-o names no device, pipe or directory: /dev/full"
if [ ! -e /dev/full.edges.csv ]; then pass "export csv -o /dev/full: no /dev/full.edges.csv"
else fail "export csv -o /dev/full: no /dev/full.edges.csv" "written"; rm -f /dev/full.edges.csv /dev/full.nodes.csv; fi
mkdir -p "$T/csvdir"
ag export --format csv "$T/pic.graphml" -o "$T/csvdir"
expect_rc "export csv -o DIR: exit 2" 2

# F8: a label too large for a bitmap gives an error, not an empty PNG over the old picture.
/usr/bin/python3 -c 'import json
name = "Freedonia " + "x" * 1000000
print(json.dumps({"doc": "d", "sentence": "s", "source": {"name": name, "id": "FRD", "type": "state", "country": "FRD"},
                  "action": "accuse", "code": "112", "target": {"name": "Sylvania", "id": "SYL", "type": "state",
                  "country": "SYL"}}))' > "$T/huge.jsonl"
ag build "$T/huge.jsonl" -o "$T/huge.graphml"
echo old-picture > "$T/huge.png"
ag render "$T/huge.graphml" -o "$T/huge.png"
if [ "$rc" = 0 ] && [ ! -s "$T/huge.png" ]; then fail "huge label: no empty PNG with exit 0" "exit 0, empty file"
elif [ "$rc" = 0 ]; then pass "huge label: no empty PNG with exit 0 (a picture was made)"
else expect_eq "huge label: the old picture stays when rendering fails" "old-picture" "$(cat "$T/huge.png")"; fi

# H27: with standard output closed (>&-), results written to it are an error (exit 3), never a
# silent loss; with -o the file is written as usual.
"$BIN" extract "$D/dir/a.txt" >&- 2>"$T/so.err"; rc=$?
expect_eq "stdout closed: extract exits 3" "3" "$rc"
if grep -q "standard output: it is closed" "$T/so.err"; then pass "stdout closed: says so"
else fail "stdout closed: says so" "$(head -c 300 "$T/so.err")"; fi
"$BIN" stats tests/golden/small.graphml >&- 2>/dev/null; rc=$?
expect_eq "stdout closed: stats exits 3" "3" "$rc"
"$BIN" extract "$D/dir/a.txt" -o "$T/so.jsonl" >&- 2>/dev/null; rc=$?
expect_eq "stdout closed, -o FILE: exit 0" "0" "$rc"
if [ -s "$T/so.jsonl" ]; then pass "stdout closed, -o FILE: written"; else fail "stdout closed, -o FILE: written" "empty"; fi
# H28: run's own output directory inside an input is left out and counted in the summary.
mkdir -p "$T/proj/graphs/sub"; cp "$D/dir/a.txt" "$T/proj/a.txt"
( cd "$T/proj" && "$BIN" run -q . >/dev/null 2>&1 && cp a.txt graphs/sub/user.txt && "$BIN" run . >"$T/proj.out" 2>/dev/null )
if grep -q "skipped       1 directory, the output directory" "$T/proj.out"; then pass "run .: its output directory skipped and counted"
else fail "run .: its output directory skipped and counted" "$(grep skipped "$T/proj.out")"; fi
# run writes its summary to standard output: closed, the run does nothing (exit 3) unless -q
"$BIN" run "$D/dir/a.txt" -o "$T/runso" >&- 2>"$T/runso.err"; rc=$?
expect_eq "stdout closed: run exits 3" "3" "$rc"
if grep -q "standard output is closed, so the summary would be lost" "$T/runso.err" && [ ! -e "$T/runso" ]
then pass "stdout closed: run says so and writes nothing"
else fail "stdout closed: run says so and writes nothing" "$(head -c 300 "$T/runso.err")"; fi
"$BIN" run -q "$D/dir/a.txt" -o "$T/runso" >&- 2>/dev/null; rc=$?
expect_eq "stdout closed, run -q: exit 0" "0" "$rc"

# H23 for run: the files a run replaces keep their read, write and execute bits.
ag run "$D/dir/a.txt" -q -o "$T/runmode"
chmod 600 "$T/runmode/triples.jsonl"; chmod 640 "$T/runmode/accusations.graphml"
ag run "$D/dir/a.txt" -q -o "$T/runmode"
expect_rc "run into its own earlier outputs: exit 0" 0
expect_eq "run: a replaced triples.jsonl keeps mode 600" "600" "$(stat -c %a "$T/runmode/triples.jsonl")"
expect_eq "run: a replaced accusations.graphml keeps mode 640" "640" "$(stat -c %a "$T/runmode/accusations.graphml")"

# H22 (xlsx): libxlsxwriter opens its file by name when it closes the workbook. In a shared
# directory another user (nobody, here) swaps every temporary for a symlink to a victim file as
# fast as it can: the workbook is written through /proc/self/fd, so the victim is never touched,
# and a temporary swapped away is never renamed into place. (Needs root, to act as nobody.)
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
  XS=$(mktemp -d /tmp/agshared.XXXXXX); chmod 0777 "$XS" # shared, not sticky: the note's H22 case
  printf "the victim's own text\n" >"$XS/xvictim.txt"; chmod 0644 "$XS/xvictim.txt"
  ag build -q "$T/shared/out.jsonl" -o "$T/xg.graphml"
  setpriv --reuid=nobody --regid=nogroup --clear-groups sh -c '
    end=$(($(date +%s) + 8))
    while [ "$(date +%s)" -lt "$end" ]; do
      for f in "$1"/.accusegraph-*; do
        [ -f "$f" ] && [ ! -L "$f" ] && { rm -f "$f" && ln -s "$2" "$f"; } 2>/dev/null
      done
    done' sh "$XS" "$XS/xvictim.txt" &
  attacker=$!
  bad=""
  for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    "$BIN" export -f xlsx "$T/xg.graphml" -o "$XS/book$i.xlsx" 2>>"$T/xattack.err"
    rc=$?
    if [ $rc -eq 0 ]; then
      [ -f "$XS/book$i.xlsx" ] && [ ! -L "$XS/book$i.xlsx" ] || bad="$bad book$i:not-a-file"
    elif [ $rc -ne 3 ]; then bad="$bad book$i:exit$rc"; fi
  done
  kill "$attacker" 2>/dev/null; wait "$attacker" 2>/dev/null
  expect_eq "xlsx temporaries swapped for symlinks by another user: the victim is untouched" \
    "the victim's own text" "$(cat "$XS/xvictim.txt")"
  expect_eq "xlsx under attack: each workbook is written whole or the export fails (exit 3)" "" "$bad"
  rm -rf "$XS"
else
  echo "SKIP xlsx temporary swapped by another user: needs root and setpriv to act as nobody"
fi
