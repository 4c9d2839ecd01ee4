#!/bin/bash
# run.sh - the test runner: the C unit tests, then every tests/tNNNN-*.sh. Ends with "N passed, N failed".
# Environment: BIN (program), UNIT (unit-test binary), SHARED (../shared), VALGRIND=1 to run under valgrind,
# ONLY=pattern to run only matching shell tests.
cd "$(dirname "$0")/.." || exit 2
export BIN=${BIN:-build/accusegraph} UNIT=${UNIT:-build/unit_tests} SHARED=${SHARED:-../shared}
BIN=$(realpath "$BIN"); UNIT=$(realpath "$UNIT" 2>/dev/null || echo "$UNIT")
export BIN UNIT
RESULTS=$(mktemp); export RESULTS
scratch=$(mktemp -d)
trap 'rm -rf "$scratch" "$RESULTS"' EXIT

if [ -x "$UNIT" ]; then
  "$UNIT" tests | while IFS= read -r line; do
    echo "$line"
    case $line in PASS*) echo pass >> "$RESULTS";; FAIL*) echo fail >> "$RESULTS";; esac
  done
  [ "${PIPESTATUS[0]}" -le 1 ] || { echo "FAIL unit tests crashed"; echo fail >> "$RESULTS"; }
fi

shopt -s nullglob
for t in tests/t[0-9]*.sh; do
  [ -n "${ONLY:-}" ] && case $t in *$ONLY*) ;; *) continue;; esac
  T=$scratch/$(basename "$t" .sh); mkdir -p "$T"
  echo "# $t"
  ( export T; . tests/lib.sh; . "$t" ) || { echo "FAIL $t: script exited $?"; echo fail >> "$RESULTS"; }
done

passed=$(grep -c '^pass$' "$RESULTS"); failed=$(grep -c '^fail$' "$RESULTS")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
