#!/bin/bash
# cluster-parallel.sh [OPTIONS] CORPUS.jsonl OUTDIR [-- EXTRACT_OPTIONS...] - extracts a JSON Lines
# corpus in blocks with GNU parallel, on this machine's cores or on ssh hosts, and builds the graph.
# `accusegraph extract -` is a stream filter and `build` merges shards, so this is, in one pipeline,
#   parallel --pipepart --block 10M -k -a CORPUS.jsonl accusegraph extract -q -j 1 - ... > triples.jsonl
#   accusegraph build triples.jsonl -o accusations.graphml
# and gives the graph a single `accusegraph run` gives (tests/t0700-clusters.sh checks it).
# Exit codes: 0 ok, 2 bad usage, 3 a file or program missing, else the failing step's.
set -o pipefail
usage() {
  cat <<'USAGE'
usage: scripts/cluster-parallel.sh [OPTIONS] CORPUS.jsonl OUTDIR [-- EXTRACT_OPTIONS...]

Splits CORPUS.jsonl (one document per line, each with an "id") into blocks of whole lines, runs
`accusegraph extract -` on each block with GNU parallel, keeps the triples in input order and
builds the graph. Writes OUTDIR/triples.jsonl and OUTDIR/accusations.graphml; EXTRACT_OPTIONS
(e.g. --actors FILE) go to every extract.

options:
  -b, --block SIZE      bytes per block (default 10M; parallel's units k, M, G)
  -j, --jobs N          blocks at a time on each host (default: one per core)
  -S, --sshlogin LIST   run on these hosts, as parallel takes them: 4/node1,4/node2 (':' is
                        this machine); each host needs the program (--bin) and the files that
                        EXTRACT_OPTIONS name, at the same paths
      --basefile FILE   copy FILE to every host first (parallel --basefile; repeatable)
      --ssh CMD         the ssh command parallel runs (default: ssh)
      --bin PATH        the accusegraph program (default: accusegraph on the PATH with
                        --sshlogin, else build/accusegraph of this checkout if built)
  -h, --help            show this help
USAGE
}
die() { echo "cluster-parallel: $2" >&2; exit "$1"; }

here=$(cd "$(dirname "$0")/.." && pwd)
BIN=${AG_BIN:-}
block=10M
popts=()
while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    -b|--block) [ $# -ge 2 ] || die 2 "$1 wants a size"; block=$2; shift 2 ;;
    -j|--jobs) [ $# -ge 2 ] || die 2 "$1 wants a number"; popts+=(--jobs "$2"); shift 2 ;;
    -S|--sshlogin) [ $# -ge 2 ] || die 2 "$1 wants a host list"; popts+=(--sshlogin "$2"); shift 2 ;;
    --basefile) [ $# -ge 2 ] || die 2 "$1 wants a file"; popts+=(--basefile "$2"); shift 2 ;;
    --ssh) [ $# -ge 2 ] || die 2 "$1 wants a command"; popts+=(--ssh "$2"); shift 2 ;;
    --bin) [ $# -ge 2 ] || die 2 "$1 wants a program"; BIN=$2; shift 2 ;;
    --) break ;;
    -*) die 2 "unknown option $1 (see --help)" ;;
    *) break ;;
  esac
done
[ $# -ge 2 ] && [ "$1" != -- ] && [ "$2" != -- ] || { usage >&2; exit 2; }
corpus=$1 outdir=$2
shift 2
if [ $# -gt 0 ]; then
  [ "$1" = -- ] || die 2 "unexpected argument '$1' (extract options go after --)"
  shift
fi
if [ -z "$BIN" ]; then
  case " ${popts[*]} " in
    *" --sshlogin "*) BIN=accusegraph ;; # this checkout's path means nothing on other hosts
    *) if [ -x "$here/build/accusegraph" ]; then BIN=$here/build/accusegraph; else BIN=accusegraph; fi ;;
  esac
fi

command -v parallel >/dev/null || die 3 "GNU parallel not found (Debian: apt-get install parallel)"
[ -f "$corpus" ] || die 3 "$corpus: not a regular file (--pipepart reads blocks of a file)"
mkdir -p "$outdir" || die 3 "$outdir: cannot create the directory"

# One extract thread per block: parallel already runs one block per core (EXTRACT_OPTIONS may
# override --jobs). Extract summaries are left out (-q); build's summary is the run's. On a failure
# no new block starts and the running ones finish ('soon': 'now' would kill them, and with -k the
# failing block's message can be lost with the output held back for order).
parallel --pipepart -a "$corpus" --block "$block" -k --halt soon,fail=1 "${popts[@]}" \
  -q "$BIN" extract -q -j 1 - "$@" >"$outdir/triples.jsonl.tmp" ||
  { st=$?; rm -f "$outdir/triples.jsonl.tmp"; die "$st" "extract failed (exit $st)"; }
mv "$outdir/triples.jsonl.tmp" "$outdir/triples.jsonl" || die 3 "$outdir/triples.jsonl: cannot write"
"$BIN" build "$outdir/triples.jsonl" -o "$outdir/accusations.graphml"
