# t0700-clusters.sh - running on many processes or machines: `extract -` is a pure stream filter
# (JSON Lines documents in, triples out, nothing carried from one document to the next) and `build`
# merges triple shards, so GNU parallel, Dask and a Slurm job array (scripts/cluster-*) give the
# graph of one process edge for edge. The tests that need parallel or dask skip when they are missing.
FA=tests/extract/fictional-actors.tsv
CORPUS=tests/data/clusters-corpus.jsonl

# The reference: one process over the whole corpus, and `run` on it.
ag extract -q --actors "$FA" "$CORPUS"
expect_rc "reference extract: exit 0" 0
cp "$out" "$T/ref.jsonl"
ag build -q "$T/ref.jsonl" -o "$T/ref.graphml"
expect_rc "reference build: exit 0" 0
ag run -q --actors "$FA" "$CORPUS" -o "$T/run"
expect_rc "reference run: exit 0" 0
expect_same "run's triples are extract's" "$T/ref.jsonl" "$T/run/triples.jsonl"
expect_same "run's graph is build's" "$T/ref.graphml" "$T/run/accusations.graphml"
# ref_edges: the reference graph's edge count, so that an empty graph cannot pass as "the same".
ref_edges=$(grep -c '<edge ' "$T/ref.graphml")
if [ "$ref_edges" -ge 20 ]; then pass "the corpus yields a graph worth comparing"
else fail "the corpus yields a graph worth comparing" "$ref_edges edges"; fi

# A filter: each document alone on standard input gives its own triples, and these, one after the
# other, are the triples of the whole corpus (no state shared between documents).
: >"$T/per-doc.jsonl"
while IFS= read -r line; do
  printf '%s\n' "$line" | "$BIN" extract -q --actors "$FA" - >>"$T/per-doc.jsonl"
done <"$CORPUS"
expect_same "each document on its own stdin: the corpus's triples" "$T/ref.jsonl" "$T/per-doc.jsonl"
"$BIN" extract -q --actors "$FA" - <"$CORPUS" >"$T/stdin.jsonl"
expect_same "the corpus on stdin: read as JSON Lines, the same triples" "$T/ref.jsonl" "$T/stdin.jsonl"

# Shards: build over several triple files, over standard input, or files and stdin mixed, is the
# graph of their concatenation; an empty shard adds nothing.
mkdir -p "$T/shards"
split -l 3 -d "$CORPUS" "$T/shards/doc."
for p in "$T"/shards/doc.*; do "$BIN" extract -q --actors "$FA" - <"$p" >"${p/doc./tri.}"; done
: >"$T/shards/empty.jsonl"
ag build -q "$T"/shards/tri.* "$T/shards/empty.jsonl" -o "$T/shards.graphml"
expect_rc "build of 4 shards: exit 0" 0
expect_same "build of 4 shards: the graph of one process" "$T/ref.graphml" "$T/shards.graphml"
cat "$T"/shards/tri.* | "$BIN" build -q - -o "$T/stdin.graphml"
expect_same "build - of the shards concatenated: the graph of one process" "$T/ref.graphml" "$T/stdin.graphml"
cat "$T/shards/tri.01" "$T/shards/tri.02" | "$BIN" build -q "$T/shards/tri.00" - "$T/shards/tri.03" -o "$T/mixed.graphml"
expect_same "build of files and - mixed, in order: the graph of one process" "$T/ref.graphml" "$T/mixed.graphml"
