#!/bin/bash
#SBATCH --job-name=accusegraph
#SBATCH --cpus-per-task=2
#SBATCH --output=accusegraph-%A_%a.log
# cluster-slurm.sh - extracts a JSON Lines corpus as a Slurm job array, one range of lines per
# task, and builds the graph in a job that runs when every task has succeeded.
#   scripts/cluster-slurm.sh --submit N CORPUS.jsonl OUTDIR [-- EXTRACT_OPTIONS...]
#       submits both: sbatch --array=0-(N-1) (this script, one task each) and sbatch
#       --dependency=afterok (this script --merge); --dry-run prints the two sbatch commands and
#       the commands of every task and of the merge instead of submitting anything
#   task K of an array (Slurm sets SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT) writes
#       OUTDIR/shards/part-K.jsonl from lines K*ceil(L/N)+1 ... of the corpus (L lines)
#   --merge N OUTDIR builds OUTDIR/accusations.graphml from the N shards, in order
# Corpus, OUTDIR and the program must be at the same paths on every node (a shared file system).
# Each task reads the corpus from its start up to its last line (sed), so the cost of N tasks
# grows with N times the corpus; split the corpus into files first when that matters.
# Exit codes: 0 ok, 2 bad usage, 3 a file or program missing, else the failing command's.
set -o pipefail
usage() {
  cat <<'USAGE'
usage: scripts/cluster-slurm.sh [--dry-run] --submit N CORPUS.jsonl OUTDIR [-- EXTRACT_OPTIONS...]
       sbatch --array=0-M scripts/cluster-slurm.sh [--lines L] CORPUS.jsonl OUTDIR [-- EXTRACT_OPTIONS...]
       scripts/cluster-slurm.sh [--dry-run] --merge N OUTDIR

Extracts CORPUS.jsonl (one document per line, each with an "id") as a Slurm job array of N
tasks, each `accusegraph extract -` on its range of lines into OUTDIR/shards/part-K.jsonl, and
builds OUTDIR/accusations.graphml from the shards once every task has succeeded.

options:
  --submit N      submit the array of N tasks and the merge job (sbatch)
  --merge N       build the graph from the N shards of OUTDIR
  --lines L       the corpus has L lines (--submit counts them once for all tasks)
  --bin PATH      the accusegraph program (default: build/accusegraph of this checkout with
                  --submit, else accusegraph on the PATH)
  --dry-run       print the commands instead of running them (also AG_DRY_RUN=1)
  -h, --help      show this help
USAGE
}
die() { echo "cluster-slurm: $2" >&2; exit "$1"; }
# quote WORD: WORD as a shell reads it back (in single quotes unless it needs none)
quote() {
  case $1 in
    '' | *[!A-Za-z0-9_./:=,+@%-]*) printf "'%s'" "${1//\'/\'\\\'\'}" ;;
    *) printf '%s' "$1" ;;
  esac
}
# show CMD...: prints CMD as a shell would read it back
show() { local a out=""; for a in "$@"; do out+="$(quote "$a") "; done; echo "${out% }"; }
number() { case $2 in '' | *[!0-9]*) die 2 "$1 wants a whole number, not '$2'" ;; esac; }

dry=${AG_DRY_RUN:-0}
BIN=${AG_BIN:-} submit="" merge="" lines=""
while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    --dry-run) dry=1; shift ;;
    --submit) number "$1" "${2:-}"; submit=$2; shift 2 ;;
    --merge) number "$1" "${2:-}"; merge=$2; shift 2 ;;
    --lines) number "$1" "${2:-}"; lines=$2; shift 2 ;;
    --bin) [ $# -ge 2 ] || die 2 "$1 wants a program"; BIN=$2; shift 2 ;;
    --) break ;;
    -*) die 2 "unknown option $1 (see --help)" ;;
    *) break ;;
  esac
done

# shard OUTDIR K: the path of task K's shard
shard() { printf '%s/shards/part-%05d.jsonl' "$1" "$2"; }

if [ -n "$merge" ]; then
  [ $# -eq 1 ] || { usage >&2; exit 2; }
  [ "$merge" -ge 1 ] || die 2 "--merge wants 1 or more shards"
  outdir=$1 shards=()
  for ((k = 0; k < merge; k++)); do shards+=("$(shard "$outdir" "$k")"); done
  cmd=("${BIN:-accusegraph}" build "${shards[@]}" -o "$outdir/accusations.graphml")
  if [ "$dry" = 1 ]; then show "${cmd[@]}"; exit 0; fi
  for s in "${shards[@]}"; do [ -f "$s" ] || die 3 "$s: missing (did its task fail?)"; done
  exec "${cmd[@]}"
fi

[ $# -ge 2 ] && [ "$1" != -- ] && [ "$2" != -- ] || { usage >&2; exit 2; }
corpus=$1 outdir=$2
shift 2
if [ $# -gt 0 ]; then
  [ "$1" = -- ] || die 2 "unexpected argument '$1' (extract options go after --)"
  shift
fi
[ -f "$corpus" ] || die 3 "$corpus: not a regular file"
if [ -z "$lines" ]; then
  lines=$(awk 'END { print NR }' "$corpus") || die 3 "$corpus: cannot read"
fi

# task_cmd K N: prints task K of N, a pipeline: its lines of the corpus into extract -
task_cmd() {
  local k=$1 n=$2 per first last
  shift 2
  per=$(( (lines + n - 1) / n )) first=$(( k * per + 1 )) last=$(( (k + 1) * per ))
  [ "$last" -le "$lines" ] || last=$lines
  if [ "$first" -le "$last" ]; then
    printf '%s | ' "$(show sed -n "${first},${last}p;${last}q" "$corpus")"
  else
    printf ': | ' # more tasks than lines: an empty shard
  fi
  echo \
    "$(show "${BIN:-accusegraph}" extract -q -j "${SLURM_CPUS_PER_TASK:-1}" - "$@" -o "$(shard "$outdir" "$k")")"
}

if [ -n "$submit" ]; then
  [ "$submit" -ge 1 ] || die 2 "--submit wants 1 or more tasks"
  here=$(cd "$(dirname "$0")/.." && pwd)
  if [ -z "$BIN" ]; then
    if [ -x "$here/build/accusegraph" ]; then BIN=$here/build/accusegraph; else BIN=accusegraph; fi
  fi
  corpus=$(realpath "$corpus") && outdir=$(realpath -m "$outdir") || die 3 "$outdir: no such place"
  self=$(realpath "$0")
  array=(sbatch --parsable --array="0-$((submit - 1))" "$self" --bin "$BIN" --lines "$lines" "$corpus" "$outdir" -- "$@")
  # merge_job JOBID: the merge job's submission, to run when job JOBID has succeeded
  merge_job() { merge=(sbatch --parsable "--dependency=afterok:$1" --job-name=accusegraph-build "$self" --bin "$BIN" --merge "$submit" "$outdir"); }
  if [ "$dry" = 1 ]; then
    show "${array[@]}"
    merge_job JOBID
    show "${merge[@]}"
    for ((k = 0; k < submit; k++)); do echo "task $k: $(task_cmd "$k" "$submit" "$@")"; done
    echo "merge: $("$self" --dry-run --bin "$BIN" --merge "$submit" "$outdir")"
    exit 0
  fi
  command -v sbatch >/dev/null || die 3 "sbatch not found (run this on a Slurm login node, or --dry-run)"
  mkdir -p "$outdir/shards" || die 3 "$outdir/shards: cannot create the directory"
  jid=$("${array[@]}") || die 1 "sbatch of the array failed"
  jid=${jid%%;*}
  merge_job "$jid"
  mid=$("${merge[@]}") || die 1 "sbatch of the merge job failed (the array is job $jid)"
  echo "submitted: extract array job $jid ($submit tasks), merge job ${mid%%;*} -> $outdir/accusations.graphml"
  exit 0
fi

# One task of the array.
k=${SLURM_ARRAY_TASK_ID:-}
n=${SLURM_ARRAY_TASK_COUNT:-}
[ -n "$n" ] || { [ -n "${SLURM_ARRAY_TASK_MAX:-}" ] && n=$((SLURM_ARRAY_TASK_MAX + 1)); }
[ -n "$k" ] && [ -n "$n" ] || die 2 "not in a Slurm job array (no SLURM_ARRAY_TASK_ID); use --submit N"
number SLURM_ARRAY_TASK_ID "$k"
number SLURM_ARRAY_TASK_COUNT "$n"
[ "$k" -lt "$n" ] || die 2 "task $k of an array of $n (submit it as --array=0-$((n - 1)))"
if [ "$dry" = 1 ]; then task_cmd "$k" "$n" "$@"; exit 0; fi
mkdir -p "$outdir/shards" || die 3 "$outdir/shards: cannot create the directory"
eval "$(task_cmd "$k" "$n" "$@")"
