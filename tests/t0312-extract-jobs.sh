# t0312-extract-jobs.sh - `extract --jobs N` and `run --jobs N`: documents extracted on N threads,
# the output byte for byte the same for every N (in input order), the summary's counts summed over
# the threads, errors reported as with one thread, and bad values of --jobs refused (exit 2).
PY=/usr/bin/python3
FA=graphs/actors-fictional.tsv

# The example corpus 20 times over as one JSON Lines file (380 documents: several batches of
# documents per thread), each copy with ids and dates of its own.
"$PY" - graphs/corpus "$T/many.jsonl" <<'EOF'
import json, os, sys
root, out = sys.argv[1:]
names = sorted(f for f in os.listdir(root) if f.endswith(".txt"))
with open(out, "w", encoding="utf-8") as o:
    for k in range(20):
        for n in names:
            text = open(os.path.join(root, n), encoding="utf-8").read()
            o.write(json.dumps({"id": f"{k}/{n}", "date": n[:10], "text": text}) + "\n")
EOF

ag extract --jobs 1 --actors "$FA" "$T/many.jsonl"
expect_rc "--jobs 1: exit 0" 0
cp "$out" "$T/j1.jsonl"; cp "$err" "$T/j1.err"
if [ "$(wc -l < "$T/j1.jsonl")" -ge 100 ]; then pass "--jobs 1: many triples"
else fail "--jobs 1: many triples" "$(wc -l < "$T/j1.jsonl") lines"; fi
for j in 2 3 8; do
  ag extract -j "$j" --actors "$FA" "$T/many.jsonl"
  expect_rc "--jobs $j: exit 0" 0
  expect_same "--jobs $j: the same triples, in the same order, as --jobs 1" "$T/j1.jsonl" "$out"
  expect_same "--jobs $j: the same summary as --jobs 1" "$T/j1.err" "$err"
done

ag extract -j 1 --explain --actors "$FA" "$T/many.jsonl"
cp "$out" "$T/x1.txt"
ag extract -j 2 --explain --actors "$FA" "$T/many.jsonl"
expect_same "--explain --jobs 2: the same explanations as --jobs 1" "$T/x1.txt" "$out"

# A malformed line after a few hundred documents: the same error with any number of threads, and
# the documents before it written to standard output in order.
{ head -n 250 "$T/many.jsonl"; echo '{"id": "broken", "text": "no end'; tail -n 130 "$T/many.jsonl"; } > "$T/bad.jsonl"
ag extract -j 1 --actors "$FA" "$T/bad.jsonl"
expect_rc "malformed line, --jobs 1: exit 1" 1
expect_err "malformed line, --jobs 1: FILE:LINE" "bad.jsonl:251"
cp "$out" "$T/bad1.jsonl"
ag extract -j 2 --actors "$FA" "$T/bad.jsonl"
expect_rc "malformed line, --jobs 2: exit 1" 1
expect_err "malformed line, --jobs 2: FILE:LINE" "bad.jsonl:251"
expect_same "malformed line, --jobs 2: the same triples before the error" "$T/bad1.jsonl" "$out"
ag extract -j 2 --actors "$FA" -o "$T/never.jsonl" "$T/bad.jsonl"
if [ "$rc" = 1 ] && [ ! -e "$T/never.jsonl" ]; then pass "malformed line, --jobs 2 -o: no file written"
else fail "malformed line, --jobs 2 -o: no file written" "exit $rc; $(ls "$T" | paste -sd ' ')"; fi

for v in 0 65 two -1 ''; do
  ag extract --jobs "$v" "$T/many.jsonl"
  expect_rc "--jobs '$v': exit 2" 2
  expect_err "--jobs '$v': says what it wants" "--jobs wants a whole number from 1 to 64"
  ag run --jobs "$v" "$T/many.jsonl" -o "$T/never-run"
  expect_rc "run --jobs '$v': exit 2" 2
done

# run: every output file the same with one thread and with two.
ag run -j 1 --actors "$FA" "$T/many.jsonl" -o "$T/run1"
expect_rc "run --jobs 1: exit 0" 0
ag run -j 2 --actors "$FA" "$T/many.jsonl" -o "$T/run2"
expect_rc "run --jobs 2: exit 0" 0
for f in triples.jsonl accusations.graphml accusations.edges.csv accusations.nodes.csv; do
  expect_same "run --jobs 2: $f as with --jobs 1" "$T/run1/$f" "$T/run2/$f"
done
