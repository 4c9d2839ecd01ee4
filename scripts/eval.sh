#!/bin/sh
# eval.sh BIN SHARED - scores the extractor on the shared evaluation sets (make eval).
# Targets (issue 3): seeds precision >= 0.90, recall_core >= 0.90, recall_core_ext >= 0.75, no negative hit,
# every labelled date right; petr2_gsr precision >= 0.80, recall_core = 1.0.
set -e
BIN=${1:-build/accusegraph}
SHARED=${2:-../shared}
if [ ! -d "$SHARED/corpus" ]; then
  echo "eval: $SHARED/corpus not found (the shared evaluation sets live beside the checkout)" >&2
  exit 3
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BIN" extract --quiet "$SHARED"/corpus/seeds/*.txt > "$tmp/seeds.jsonl"
"$BIN" extract --quiet "$SHARED/corpus/petr2_gsr.docs.jsonl" > "$tmp/petr.jsonl"
printf 'seeds:     '
python3 "$SHARED/eval/score.py" "$SHARED/corpus/seeds.gold.jsonl" "$tmp/seeds.jsonl" ${SHOW:+--show}
printf 'petr2_gsr: '
python3 "$SHARED/eval/score.py" --docs "$SHARED/corpus/petr2_gsr.docs.jsonl" "$SHARED/corpus/petr2_gsr.gold.jsonl" \
  "$tmp/petr.jsonl" ${SHOW:+--show}
