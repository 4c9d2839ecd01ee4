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
ag run -q --no-dedup --actors "$FA" "$CORPUS" -o "$T/run"
expect_rc "reference run: exit 0" 0
expect_same "run's triples are extract's" "$T/ref.jsonl" "$T/run/triples.jsonl"
# (run's nodes carry the node table's centrality columns too: left out for the comparison)
grep -v '"v_\(in_strength\|out_strength\|pagerank\|hub\|authority\)"' "$T/run/accusations.graphml" >"$T/run-plain.graphml"
expect_same "run's graph is build's (less the centrality)" "$T/ref.graphml" "$T/run-plain.graphml"
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

# logged_bin: a program that logs each start to $T/starts and runs accusegraph, to count the
# extract processes a script started.
printf '#!/bin/sh\necho "$*" >>"%s/starts"\nexec "%s" "$@"\n' "$T" "$BIN" >"$T/logged-bin"
chmod +x "$T/logged-bin"
# An actors file by a path with a space in it: the options must reach extract quoted, over ssh too.
cp "$FA" "$T/fictional actors.tsv"
# The corpus with a malformed line in its middle.
{ head -n 4 "$CORPUS"; echo '{"id":"bad","text":"no end'; tail -n 6 "$CORPUS"; } >"$T/bad.jsonl"

# GNU parallel: blocks of 300 bytes (4 or more blocks of the 2.8 KB corpus), on this machine's
# cores and on two hosts reached through tests/data/fake-ssh (an ssh that runs the command here).
if ! command -v parallel >/dev/null; then
  echo "SKIP GNU parallel tests: parallel is not installed (scripts/install-deps.sh installs it)"
else
  : >"$T/starts"
  expect_cmd "cluster-parallel.sh: exit 0" scripts/cluster-parallel.sh --bin "$T/logged-bin" -b 300 \
    "$CORPUS" "$T/par" -- --actors "$T/fictional actors.tsv"
  n=$(grep -c '^extract ' "$T/starts")
  if [ "$n" -ge 4 ]; then pass "cluster-parallel.sh: one extract per block ($n)"
  else fail "cluster-parallel.sh: one extract per block" "$n extract processes"; fi
  expect_same "cluster-parallel.sh: triples in input order, as one process" "$T/ref.jsonl" "$T/par/triples.jsonl"
  expect_same "cluster-parallel.sh: the graph of one process" "$T/ref.graphml" "$T/par/accusations.graphml"

  # Over ssh (the fake one): run without SHELL in the environment, as CI starts the tests, since
  # sshd sets it and the fake ssh must too (parallel's remote wrapper runs the job with $SHELL).
  : >"$T/hosts"
  FAKESSH_LOG=$T/hosts env -u SHELL scripts/cluster-parallel.sh -b 300 -S 1/hostA,1/hostB \
    --ssh "$PWD/tests/data/fake-ssh" --bin "$BIN" "$CORPUS" "$T/ssh" -- --actors "$T/fictional actors.tsv" \
    >"$T/ssh.out" 2>&1; src=$?
  [ "$src" -eq 0 ] || sed 's/^/#   /' "$T/ssh.out" | head -n 40
  expect_eq "cluster-parallel.sh -S 2 hosts: exit 0" "0" "$src"
  expect_eq "cluster-parallel.sh -S: both hosts ran blocks" "hostA hostB" "$(sort -u "$T/hosts" | paste -sd ' ')"
  expect_same "cluster-parallel.sh -S: triples in input order, as one process" "$T/ref.jsonl" "$T/ssh/triples.jsonl"
  expect_same "cluster-parallel.sh -S: the graph of one process" "$T/ref.graphml" "$T/ssh/accusations.graphml"

  # The documented one-liner itself, merged by build from standard input.
  parallel --pipepart --block 300 -k -a "$CORPUS" "$BIN" extract -q -j 1 - --actors "$FA" |
    "$BIN" build -q - -o "$T/oneliner.graphml"
  expect_same "parallel --pipepart | build -: the graph of one process" "$T/ref.graphml" "$T/oneliner.graphml"

  # A malformed document ($T/bad.jsonl): the script fails with extract's message and leaves no triples behind.
  scripts/cluster-parallel.sh -b 300 "$T/bad.jsonl" "$T/parbad" -- --actors "$FA" >"$T/parbad.out" 2>&1; prc=$?
  if [ "$prc" -ne 0 ] && grep -q 'malformed JSON' "$T/parbad.out" && [ ! -e "$T/parbad/triples.jsonl" ]; then
    pass "cluster-parallel.sh, a malformed line: fails, says why, writes no triples"
  else fail "cluster-parallel.sh, a malformed line: fails, says why, writes no triples" \
    "exit $prc; $(head -c 300 "$T/parbad.out"); $(ls "$T/parbad" 2>&1)"; fi
  scripts/cluster-parallel.sh "$T/no-such.jsonl" "$T/parnone" >/dev/null 2>"$T/parnone.err"; prc=$?
  expect_eq "cluster-parallel.sh, a missing corpus: exit 3" 3 "$prc"
  scripts/cluster-parallel.sh "$CORPUS" >/dev/null 2>&1; prc=$?
  expect_eq "cluster-parallel.sh without OUTDIR: exit 2" 2 "$prc"
fi

# Dask: a LocalCluster of 2 worker processes, the corpus in 8 partitions of whole lines, and in
# more partitions than it has lines (the empty ones left out).
if ! /usr/bin/python3 -c 'import dask.distributed' 2>/dev/null; then
  echo "SKIP Dask tests: python3-distributed is not installed (scripts/install-deps.sh installs it)"
else
  : >"$T/starts"
  expect_cmd "cluster-dask.py: exit 0" scripts/cluster-dask.py --bin "$T/logged-bin" "$CORPUS" "$T/dask" \
    -- --actors "$T/fictional actors.tsv"
  expect_eq "cluster-dask.py: one extract per partition" 8 "$(grep -c '^extract ' "$T/starts")"
  cat "$T"/dask/shards/part-*.jsonl >"$T/dask.jsonl"
  expect_same "cluster-dask.py: the shards, in order, are the triples of one process" "$T/ref.jsonl" "$T/dask.jsonl"
  expect_same "cluster-dask.py: the graph of one process" "$T/ref.graphml" "$T/dask/accusations.graphml"
  expect_cmd "cluster-dask.py --partitions 50: exit 0" scripts/cluster-dask.py --partitions 50 "$CORPUS" \
    "$T/dask50" -- --actors "$FA"
  expect_eq "cluster-dask.py --partitions 50: one shard per line" 10 "$(ls "$T/dask50/shards" | wc -l)"
  expect_same "cluster-dask.py --partitions 50: the graph of one process" "$T/ref.graphml" "$T/dask50/accusations.graphml"

  scripts/cluster-dask.py "$T/bad.jsonl" "$T/daskbad" -- --actors "$FA" >"$T/daskbad.out" 2>&1; prc=$?
  if [ "$prc" = 1 ] && grep -q 'partition [0-9]* (bytes [0-9]*-[0-9]* of .*malformed JSON' "$T/daskbad.out" &&
     [ ! -e "$T/daskbad/accusations.graphml" ]; then
    pass "cluster-dask.py, a malformed line: exit 1, names the partition, builds no graph"
  else fail "cluster-dask.py, a malformed line: exit 1, names the partition, builds no graph" \
    "exit $prc; $(head -c 300 "$T/daskbad.out")"; fi
  scripts/cluster-dask.py --bin "$T/no-such-program" "$CORPUS" "$T/dasknone" >/dev/null 2>&1; prc=$?
  expect_eq "cluster-dask.py, a missing program: exit 3" 3 "$prc"
fi

# Slurm (scripts/cluster-slurm.sh): valid bash; its dry run prints one extract command per array
# task, whose line ranges cover the corpus once, in order; the tasks run as Slurm runs them (task
# variables set) and the merge give the graph of one process; --submit goes through an sbatch that
# runs each job here at once ($T/bin/sbatch).
expect_cmd "cluster-slurm.sh: bash -n" bash -n scripts/cluster-slurm.sh
scripts/cluster-slurm.sh --dry-run --submit 4 "$CORPUS" "$T/slurm-dry" -- --actors "$T/fictional actors.tsv" \
  >"$T/dry.out" 2>&1; prc=$?
expect_eq "cluster-slurm.sh --dry-run: exit 0" 0 "$prc"
expect_eq "cluster-slurm.sh --dry-run: one extract command per task" "0 1 2 3" \
  "$(sed -n 's/^task \([0-9]*\): .* extract .*/\1/p' "$T/dry.out" | paste -sd ' ')"
expect_eq "cluster-slurm.sh --dry-run: two sbatch commands, an array of 4" "2 --array=0-3" \
  "$(grep -c '^sbatch ' "$T/dry.out") $(grep -o -- '--array=[0-9-]*' "$T/dry.out")"
if [ ! -e "$T/slurm-dry" ]; then pass "cluster-slurm.sh --dry-run: writes nothing"
else fail "cluster-slurm.sh --dry-run: writes nothing" "$T/slurm-dry exists"; fi
# The printed task commands, run one after the other: the triples of one process.
# (the output name is quoted when it has a space: when $TMPDIR has one)
sed -n 's/^task [0-9]*: //p' "$T/dry.out" | sed "s/ -o '[^']*'\$//; s/ -o [^ ']*\$//" >"$T/dry-tasks.sh"
bash -o pipefail "$T/dry-tasks.sh" >"$T/dry-tasks.jsonl" 2>"$T/dry-tasks.err"
expect_same "cluster-slurm.sh --dry-run: the commands printed give the triples of one process" \
  "$T/ref.jsonl" "$T/dry-tasks.jsonl"

for n in 3 12; do
  prc=0
  for ((k = 0; k < n; k++)); do
    SLURM_ARRAY_TASK_ID=$k SLURM_ARRAY_TASK_COUNT=$n scripts/cluster-slurm.sh --bin "$BIN" "$CORPUS" \
      "$T/slurm$n" -- --actors "$T/fictional actors.tsv" 2>>"$T/slurm$n.err" || prc=$?
  done
  scripts/cluster-slurm.sh --bin "$BIN" --merge "$n" "$T/slurm$n" 2>>"$T/slurm$n.err" || prc=$?
  if [ "$prc" = 0 ]; then pass "cluster-slurm.sh, $n tasks and the merge: exit 0"
  else fail "cluster-slurm.sh, $n tasks and the merge: exit 0" "exit $prc: $(head -c 300 "$T/slurm$n.err")"; fi
  expect_same "cluster-slurm.sh, $n tasks: the graph of one process" "$T/ref.graphml" "$T/slurm$n/accusations.graphml"
done
rm "$T/slurm3/shards/part-00001.jsonl"
scripts/cluster-slurm.sh --bin "$BIN" --merge 3 "$T/slurm3" >/dev/null 2>"$T/slurm-miss.err"; prc=$?
if [ "$prc" = 3 ] && grep -q 'part-00001.jsonl: missing' "$T/slurm-miss.err"; then
  pass "cluster-slurm.sh --merge, a shard missing: exit 3, names it"
else fail "cluster-slurm.sh --merge, a shard missing: exit 3, names it" "exit $prc: $(head -c 300 "$T/slurm-miss.err")"; fi
scripts/cluster-slurm.sh "$CORPUS" "$T/slurm-none" >/dev/null 2>"$T/slurm-none.err"; prc=$?
expect_eq "cluster-slurm.sh outside an array, without --submit: exit 2" 2 "$prc"

mkdir -p "$T/bin"
cat >"$T/bin/sbatch" <<'SB'
#!/bin/bash
# sbatch [OPTIONS] SCRIPT ARGS...: runs the job here at once (each task of an --array in turn),
# logs its options, prints a job id as --parsable does.
array="" opts=""
while [ $# -gt 0 ]; do
  case $1 in --array=*) array=${1#--array=0-} ;; -*) ;; *) break ;; esac
  opts+="$1 "; shift
done
echo "$opts" >>"$SBATCH_LOG"
if [ -n "$array" ]; then
  for ((k = 0; k <= array; k++)); do
    SLURM_ARRAY_TASK_ID=$k SLURM_ARRAY_TASK_COUNT=$((array + 1)) bash "$@" || exit 1
  done
else bash "$@" || exit 1; fi
echo 42
SB
chmod +x "$T/bin/sbatch"
: >"$T/sbatch.log"
PATH=$T/bin:$PATH SBATCH_LOG=$T/sbatch.log expect_cmd "cluster-slurm.sh --submit 4 (a fake sbatch): exit 0" \
  scripts/cluster-slurm.sh --submit 4 "$CORPUS" "$T/submit" -- --actors "$T/fictional actors.tsv"
expect_eq "cluster-slurm.sh --submit: the merge job waits for the array" \
  "--parsable --array=0-3 |--parsable --dependency=afterok:42 --job-name=accusegraph-build " \
  "$(paste -sd '|' "$T/sbatch.log")"
expect_same "cluster-slurm.sh --submit: the graph of one process" "$T/ref.graphml" "$T/submit/accusations.graphml"
