# t0300-extract-cases.sh - the extractor's fixture cases (tests/extract/*.cases), run by
# tests/extract_cases.py; every PASS/FAIL line it prints is counted by the runner.
# ONLY_CASES="name-substring ..." runs a subset.

# shellcheck disable=SC2086
/usr/bin/python3 tests/extract_cases.py --bin "$BIN" ${ONLY_CASES:-} > "$T/cases.out" 2> "$T/cases.err"
prc=$?
while IFS= read -r line; do
  case $line in
    PASS\ *) echo "$line"; echo pass >> "$RESULTS";;
    FAIL\ *) echo "$line"; echo fail >> "$RESULTS";;
  esac
done < "$T/cases.out"
if [ "$prc" -ne 0 ] || [ -s "$T/cases.err" ]; then
  fail extract:runner "extract_cases.py exited $prc: $(head -c 300 "$T/cases.err")"
fi
grep -q '^PASS \|^FAIL ' "$T/cases.out" || fail extract:runner "extract_cases.py printed no result"
