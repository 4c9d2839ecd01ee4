# t0315-input-format.sh - --input-format txt|jsonl|csv for standard input and files of other
# extensions, and the first-line guess (with a warning) without it. Fixture text written for this
# test; the actors are the fictional states of tests/extract.
ACT=tests/extract/fictional-actors.tsv
printf 'id,date,text\r\nd1,2023-05-06,"Freedonia accused Sylvania of espionage."\r\nd2,2023-05-07,Sylvania criticized Freedonia over its tariffs.\r\n' >"$T/docs.dat"
printf '{"id":"j1","text":"Freedonia accused Sylvania of espionage."}\n' >"$T/docs.feed"
# docs FILE: the document ids of a triples file, in order, one line
docs() { /usr/bin/python3 -c 'import json,sys; print(" ".join(json.loads(l)["doc"] for l in open(sys.argv[1])))' "$1"; }

ag extract --actors $ACT -o "$T/a.jsonl" - <"$T/docs.dat"
expect_rc "CSV on stdin: exit 0" 0
expect_eq "CSV on stdin: read as CSV, one document per row" "d1 d2" "$(docs "$T/a.jsonl")"
expect_err "CSV on stdin: a warning says how it was read" "warning: standard input read as CSV: its first line is a header with a text column ('text'); --input-format txt|jsonl|csv chooses"

ag extract --actors $ACT --input-format csv -o "$T/b.jsonl" - <"$T/docs.dat"
expect_eq "--input-format csv on stdin: the same triples" "$(cat "$T/a.jsonl")" "$(cat "$T/b.jsonl")"
if grep -q warning "$err"; then fail "--input-format csv: no warning" "$(cat "$err")"; else pass "--input-format csv: no warning"; fi

ag extract --actors $ACT --input-format txt -o "$T/c.jsonl" - <"$T/docs.dat"
expect_eq "--input-format txt on stdin: one text document" "stdin stdin" "$(docs "$T/c.jsonl")"
expect_err "--input-format txt: counted as one document" "extract: 1 document,"

# a BOM and blank lines before the header, CRLF: still CSV, lines counted for messages
printf '\357\273\277\r\n\r\nid,text\r\nd1,"Freedonia accused Sylvania of espionage."\r\nd2,"unterminated\r\n' >"$T/bad.dat"
ag extract --actors $ACT - <"$T/bad.dat"
expect_rc "CSV on stdin with an unterminated quote: exit 1" 1
expect_err "CSV on stdin: the error names the line" "stdin:5:"

ag extract --actors $ACT -o "$T/d.jsonl" "$T/docs.dat"
expect_eq "a .dat file of CSV: read as CSV" "d1 d2" "$(docs "$T/d.jsonl")"
expect_err "a .dat file of CSV: a warning names it" "warning: $T/docs.dat read as CSV"
ag extract --actors $ACT -o "$T/e.jsonl" "$T/docs.feed"
expect_eq "a .feed file of JSON Lines: read as JSON Lines" "j1" "$(docs "$T/e.jsonl")"
expect_err "a .feed file of JSON Lines: a warning names it" "warning: $T/docs.feed read as JSON Lines: its first line is a JSON object"

# a header without a text column: text, with a warning; an ordinary first line: no warning
printf 'id,headline,story\nFreedonia accused Sylvania of espionage.\n' >"$T/h.dat"
ag extract --actors $ACT -o "$T/h.jsonl" "$T/h.dat"
expect_err "a CSV-like header with no text column: read as text, with a warning" "read as one text document, though its first line looks like a CSV header with no text column"
printf 'FREDVILLE, Freedonia\nFreedonia accused Sylvania of espionage.\n' >"$T/p.dat"
ag extract --actors $ACT -o "$T/p.jsonl" - <"$T/p.dat"
expect_eq "a dateline first line: one text document" "stdin" "$(docs "$T/p.jsonl")"
if grep -q warning "$err"; then fail "a dateline first line: no warning" "$(cat "$err")"; else pass "a dateline first line: no warning"; fi

# --input-format jsonl makes a .txt file JSON Lines (errors name file and line)
printf '{"id":"k1","text":"Freedonia accused Sylvania of espionage."}\nnot json\n' >"$T/k.txt"
ag extract --actors $ACT --input-format jsonl "$T/k.txt"
expect_rc "--input-format jsonl on a .txt: malformed second line, exit 1" 1
expect_err "--input-format jsonl on a .txt: the error names file and line" "$T/k.txt:2:"

ag extract --input-format xml "$T/k.txt"
expect_rc "--input-format xml: exit 2" 2
expect_err "--input-format xml: says the choices" "--input-format must be txt, jsonl or csv, not 'xml'"

ag run --actors $ACT --input-format csv -q -o "$T/run" - <"$T/docs.dat"
expect_rc "run --input-format csv on stdin: exit 0" 0
expect_eq "run --input-format csv: the documents of the rows" "d1 d2" "$(docs "$T/run/triples.jsonl")"
ag run --input-format doc -o "$T/run2" - </dev/null
expect_rc "run --input-format doc: exit 2" 2
