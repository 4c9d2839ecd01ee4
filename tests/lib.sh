# lib.sh - assertions for the shell tests (sourced by tests/run.sh before each tNNNN-*.sh).
# Each assertion prints "PASS name" or "FAIL name: why" and appends to $RESULTS.
# BIN is the program, T a fresh scratch directory for this test file, SHARED ../shared.

pass() { echo "PASS $1"; echo pass >> "$RESULTS"; }
fail() { echo "FAIL $1: $2"; echo fail >> "$RESULTS"; }

# run CMD...: runs the program with valgrind when VALGRIND=1; sets $rc, $out (stdout file), $err (stderr file)
out=""; err=""; rc=0
ag() {
  out=$T/stdout; err=$T/stderr
  if [ "${VALGRIND:-0}" = 1 ]; then
    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "$BIN" "$@" >"$out" 2>"$err"; rc=$?
  else
    "$BIN" "$@" >"$out" 2>"$err"; rc=$?
  fi
  return 0
}

# expect_rc NAME CODE: the last ag call exited with CODE
expect_rc() {
  if [ "$rc" = "$2" ]; then pass "$1"; else fail "$1" "exit $rc, wanted $2; stderr: $(head -c 300 "$err")"; fi
}
# expect_err NAME TEXT: stderr of the last call contains TEXT
expect_err() {
  if grep -qF -- "$2" "$err"; then pass "$1"; else fail "$1" "stderr lacks '$2': $(head -c 300 "$err")"; fi
}
# expect_same NAME EXPECTED_FILE ACTUAL_FILE
# (on a difference: both line counts, then the first 20 lines of the diff)
expect_same() {
  if cmp -s "$2" "$3"; then pass "$1"
  else fail "$1" "$(wc -l <"$2" 2>&1) lines wanted, $(wc -l <"$3" 2>&1) got; $(diff "$2" "$3" 2>&1 | head -n 20)"; fi
}
# expect_cmd NAME CMD...: CMD succeeds
expect_cmd() {
  name=$1; shift
  if o=$("$@" 2>&1); then pass "$name"; else fail "$name" "$(printf '%s' "$o" | head -c 600)"; fi
}
# expect_eq NAME WANT GOT
expect_eq() {
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "wanted '$2', got '$3'"; fi
}

# py_results NAME SCRIPT ARGS...: runs a python checker with /usr/bin/python3 (Debian's, which sees
# networkx and igraph); each of its "PASS x" / "FAIL x: why" lines becomes one result. A checker
# that exits non-zero without a FAIL line (a crash) or checks nothing is a failure of its own.
py_results() {
  local name=$1 line f nfail=0 prc; shift
  /usr/bin/python3 "$@" >"$T/py.out" 2>"$T/py.err"; prc=$?
  while IFS= read -r line; do
    case $line in
      "PASS "*) pass "$name: ${line#PASS }" ;;
      "FAIL "*) nfail=$((nfail + 1)); f=${line#FAIL }; fail "$name: ${f%%: *}" "${f#*: }" ;;
    esac
  done <"$T/py.out"
  if { [ "$prc" -ne 0 ] && [ "$nfail" -eq 0 ]; } || ! grep -q '^PASS' "$T/py.out"; then
    fail "$name: checker ran" "exit $prc: $(tail -n 5 "$T/py.err")"
  fi
}
