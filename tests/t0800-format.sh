# t0800-format.sh - `make format` formats only the lines changed since HEAD with the house style
# (.clang-format), so on a clean checkout it changes nothing and the hand-aligned tables stay.
if ! command -v git-clang-format >/dev/null || ! command -v clang-format >/dev/null; then
  echo "SKIP make format: git-clang-format is not installed (Debian: clang-format)"
else
  R=$T/fmt
  mkdir -p "$R/src" "$R/include" "$R/tests"
  cp Makefile .clang-format "$R/"
  printf 'static const char *const t[] = {"a",  "b",\n                               "c", NULL};\nint f(int x)\n{\n    return x;\n}\n' >"$R/src/x.c"
  ( cd "$R" && git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm base ) || fail "format: a scratch repository" "git failed"
  cp "$R/src/x.c" "$T/fmt-base.c"
  ( cd "$R" && make -s format >/dev/null 2>&1 ); frc=$?
  expect_eq "make format on a clean checkout: exit 0" "0" "$frc"
  expect_same "make format on a clean checkout: nothing changed (the table kept)" "$T/fmt-base.c" "$R/src/x.c"
  printf 'int g(int  y){ if(y) return  y+1; return 0; }\n' >>"$R/src/x.c"
  ( cd "$R" && make -s format >/dev/null 2>&1 )
  printf 'int g(int y)\n{\n    if (y)\n        return y + 1;\n    return 0;\n}\n' >"$T/fmt-g.c"
  tail -n 6 "$R/src/x.c" >"$T/fmt-got.c"
  expect_same "make format: the changed lines in the house style" "$T/fmt-g.c" "$T/fmt-got.c"
  head -n 6 "$R/src/x.c" >"$T/fmt-head.c"
  expect_same "make format: the unchanged lines as they were" "$T/fmt-base.c" "$T/fmt-head.c"
fi
