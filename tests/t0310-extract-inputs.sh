# t0310-extract-inputs.sh - `accusegraph extract` inputs and errors: .txt, directories, JSON Lines
# (with crawler field names), CSV (quoted fields, --text-column etc.), stdin, --date, --format csv,
# -o (atomic), malformed lines (exit 1, FILE:LINE; --skip-bad), missing files (exit 3), invalid
# UTF-8, binary and empty files, a 2 MB line, usage errors (exit 2), determinism.
# The sentences are the simplest active accusations, so a failure here is about reading input.
D=tests/data/extract-inputs
PY=/usr/bin/python3

# summ FILE: one line per triple of a JSONL output, "DOC<TAB>SRC ACTION TGT DATE" ("-" for "").
summ() {
  "$PY" -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    if not line.strip():
        continue
    try:
        t = json.loads(line)
        print("%s\t%s %s %s %s" % (t["doc"], t["source"]["country"] or "-", t["action"],
                                   t["target"]["country"] or "-", t["date"] or "-"))
    except (ValueError, KeyError, TypeError) as e:
        print("BADJSON\t%s" % e)
' "$1"
}
# triples FILE: the "SRC ACTION TGT DATE" part of summ, sorted, joined with "; ".
triples() { summ "$1" | cut -f2 | sort | paste -sd ';' | sed 's/;/; /g'; }
# docs FILE: the doc ids, sorted and unique, joined with " ".
docs() { summ "$1" | cut -f1 | sort -u | paste -sd ' '; }

# expect_same_nonempty NAME EXPECTED ACTUAL: both files exist, are not empty, and are identical.
expect_same_nonempty() {
  if [ ! -s "$2" ] || [ ! -s "$3" ]; then fail "$1" "missing or empty output ($2, $3)"
  else expect_same "$1" "$2" "$3"; fi
}

# A .txt file is one document whose id is the file name; --date gives it a date.
ag extract "$D/dir/a.txt"
expect_rc "txt: exit 0" 0
expect_eq "txt: triple" "GBR accuse RUS -" "$(triples "$out")"
expect_eq "txt: doc id is the file name" "a.txt" "$(docs "$out")"
ag extract --date 2022-03-29 "$D/dir/a.txt"
expect_eq "txt: --date sets the document date" "GBR accuse RUS 2022-03-29" "$(triples "$out")"

# A directory is read recursively: .txt, .jsonl (crawler names maintext/date_publish with a
# time of day; plain id/date/text) and .csv (a quoted text with commas and a CRLF inside, doubled
# quotes); notes.md is not read.
ag extract --format jsonl "$D/dir"
expect_rc "dir: exit 0" 0
expect_eq "dir: every document of every format, nothing from .md" \
  "EST accuse RUS 2022-03-29; GBR accuse RUS -; JPN criticize PRK 2022-03-29; POL accuse BLR 2022-03-28; TUR criticize SWE 2022-03-28" \
  "$(triples "$out")"
ids=$(summ "$out" | cut -f1 | sort -u)
for want in j2 c1 c2; do
  if printf '%s\n' "$ids" | grep -qx "$want"; then pass "dir: doc id $want"
  else fail "dir: doc id $want" "ids: $(printf '%s' "$ids" | tr '\n' ' ')"; fi
done
if printf '%s\n' "$ids" | grep -qE '(^|/)a\.txt$'; then pass "dir: .txt doc id is its file name"
else fail "dir: .txt doc id is its file name" "ids: $(printf '%s' "$ids" | tr '\n' ' ')"; fi
cp "$out" "$T/dir1.jsonl"
ag extract --format jsonl "$D/dir"
expect_same_nonempty "dir: two runs byte-identical" "$T/dir1.jsonl" "$out"

# JSON Lines alone: the crawler names give text and date.
ag extract "$D/dir/sub/b.jsonl"
expect_eq "jsonl: maintext and date_publish" "JPN criticize PRK 2022-03-29; POL accuse BLR 2022-03-28" "$(triples "$out")"

# CSV: a "content" column is the text; chosen columns by name with --text-column and friends.
ag extract "$D/content.csv"
expect_rc "csv content column: exit 0" 0
expect_eq "csv content column" "CAN criticize IRN 2022-01-10" "$(triples "$out")"
ag extract --text-column body_text --title-column headline --date-column published --id-column key "$D/custom.csv"
expect_rc "csv --text-column etc.: exit 0" 0
expect_eq "csv --text-column etc.: triple" "FIN accuse RUS 2022-03-29" "$(triples "$out")"
expect_eq "csv --id-column: doc id" "k1" "$(docs "$out")"

# Standard input.
printf 'Britain accused Russia of sabotaging undersea cables.\n' > "$T/stdin.txt"
"$BIN" extract --date 2022-03-29 - < "$T/stdin.txt" > "$T/stdin.out" 2> "$T/stdin.err"; rc=$?
expect_eq "stdin: exit 0" 0 "$rc"
expect_eq "stdin: triple" "GBR accuse RUS 2022-03-29" "$(triples "$T/stdin.out")"

# --format csv: RFC 4180 that Python's csv module reads back, one record per triple, the quoted
# sentence with its commas intact.
ag extract --format csv "$D/dir/sub/c.csv"
expect_rc "format csv: exit 0" 0
expect_cmd "format csv: parses, 2 records, sentence with commas, actions" "$PY" -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
assert len(rows) == 3, "want header + 2 records, got %d rows" % len(rows)
head = rows[0]
assert all(len(r) == len(head) for r in rows), "ragged rows"
assert "action" in head, "no action column in %r" % head
acts = sorted(r[head.index("action")] for r in rows[1:])
assert acts == ["accuse", "criticize"], acts
assert any("Estonia, in a statement, accused Russia" in c for r in rows[1:] for c in r), "sentence lost"
' "$out"
if head -c 2000 "$out" | grep -q $'\r$'; then pass "format csv: CRLF records"
else fail "format csv: CRLF records" "no CRLF line ends"; fi

# -o writes the same bytes as stdout; a failing run leaves the previous file intact and no
# temporary file behind.
ag extract "$D/dir"
cp "$out" "$T/dir-stdout.jsonl"
mkdir -p "$T/odir"
ag extract -o "$T/odir/o.jsonl" "$D/dir"
expect_rc "-o: exit 0" 0
expect_same_nonempty "-o: same bytes as stdout" "$T/dir-stdout.jsonl" "$T/odir/o.jsonl"
if [ "$rc" = 0 ] && [ ! -s "$out" ]; then pass "-o: nothing on stdout"
else fail "-o: nothing on stdout" "exit $rc, stdout: $(head -c 200 "$out")"; fi
cp "$T/odir/o.jsonl" "$T/o.before" 2>/dev/null || : > "$T/o.before"
ag extract -o "$T/odir/o.jsonl" "$D/dir/a.txt" "$D/bad.jsonl"
expect_rc "-o with a malformed input: exit 1" 1
expect_same_nonempty "-o: failing run leaves the previous file intact" "$T/o.before" "$T/odir/o.jsonl"
ag extract -o "$T/odir/o.jsonl" "$D/dir/a.txt" "$T/no-such-file.txt"
expect_rc "-o with a missing input: exit 3" 3
expect_same_nonempty "-o: missing input leaves the previous file intact" "$T/o.before" "$T/odir/o.jsonl"
ag extract -o "$T/odir/new.jsonl" "$D/bad.jsonl"
if [ "$rc" = 1 ] && [ ! -e "$T/odir/new.jsonl" ]; then pass "-o: failing run creates no file"
else fail "-o: failing run creates no file" "exit $rc; $(ls "$T/odir" | paste -sd ' ')"; fi
expect_eq "-o: no temporary file left" "o.jsonl" "$(ls -A "$T/odir" | paste -sd ' ')"

# A malformed JSON line is an error naming FILE:LINE, or a counted skip with --skip-bad.
ag extract "$D/bad.jsonl"
expect_rc "malformed json line: exit 1" 1
expect_err "malformed json line: FILE:LINE in the message" "bad.jsonl:2"
ag extract --skip-bad "$D/bad.jsonl"
expect_rc "--skip-bad: exit 0" 0
expect_eq "--skip-bad: the good lines are read" "GBR accuse RUS 2022-03-29; JPN criticize PRK 2022-03-29" "$(triples "$out")"
if grep -qE '(^|[^0-9])1([^0-9]|$)' "$err"; then pass "--skip-bad: count on stderr"
else fail "--skip-bad: count on stderr" "stderr: $(head -c 300 "$err")"; fi

# A malformed CSV row (a bare quote inside a quoted field) is an error naming FILE:LINE.
ag extract "$D/badrow.csv"
expect_rc "malformed csv row: exit 1" 1
expect_err "malformed csv row: FILE:LINE in the message" "badrow.csv:3"

# A missing file is an I/O error naming it.
ag extract "$T/no-such-file.txt"
expect_rc "missing file: exit 3" 3
expect_err "missing file: named" "no-such-file.txt"

# Invalid UTF-8 is replaced, never fatal; the valid sentences are still read and the output is
# valid UTF-8.
printf 'The report\xff\xfe came late. Britain accused Russia of sabotaging undersea cables.\nThe \xc3 meeting ended.\n' \
  > "$T/badutf8.txt"
ag extract "$T/badutf8.txt"
expect_rc "invalid utf-8: exit 0" 0
expect_eq "invalid utf-8: valid sentences still read" "GBR accuse RUS -" "$(triples "$out")"
expect_cmd "invalid utf-8: output is valid UTF-8" "$PY" -c '
import sys
b = open(sys.argv[1], "rb").read()
assert b, "no output"
b.decode("utf-8")' "$out"

# A binary file (a fixed 4 KB pattern of every byte value) does not crash: exit 0 with nothing, or
# exit 1 with a message.
: > "$T/binary.txt"
for i in $(seq 0 255); do printf "\\$(printf '%03o' "$i")"; done > "$T/bytes"
for i in $(seq 16); do cat "$T/bytes" >> "$T/binary.txt"; done
ag extract "$T/binary.txt"
if [ "$rc" = 0 ] && [ ! -s "$out" ]; then pass "binary file: no crash"
elif [ "$rc" = 1 ] && [ -s "$err" ]; then pass "binary file: no crash"
else fail "binary file: no crash" "exit $rc, $(wc -c < "$out") bytes out, stderr: $(head -c 200 "$err")"; fi

# An empty file: exit 0, no output.
: > "$T/empty.txt"
ag extract "$T/empty.txt"
expect_rc "empty file: exit 0" 0
if [ "$rc" = 0 ] && [ ! -s "$out" ]; then pass "empty file: no output"
else fail "empty file: no output" "exit $rc, stdout: $(head -c 200 "$out")"; fi

# A 2 MB line with no sentence end, then an accusation: finishes in time, finds it; the same text
# as one JSON line.
"$PY" -c '
import json, sys
body = "the talks went on and on " * 84000 + "all night. Britain accused Russia of sabotaging undersea cables."
open(sys.argv[1], "w").write(body + "\n")
open(sys.argv[2], "w").write(json.dumps({"id": "big", "date": "2022-03-29", "text": body}) + "\n")
' "$T/big.txt" "$T/big.jsonl"
timeout 60 "$BIN" extract "$T/big.txt" > "$T/big.out" 2> "$T/big.err"; rc=$?
expect_eq "2 MB line: exit 0 within 60 s" 0 "$rc"
expect_eq "2 MB line: the accusation after it is found" "GBR accuse RUS -" "$(triples "$T/big.out")"
timeout 60 "$BIN" extract "$T/big.jsonl" > "$T/bigj.out" 2> "$T/bigj.err"; rc=$?
expect_eq "2 MB json line: exit 0 within 60 s" 0 "$rc"
expect_eq "2 MB json line: the accusation is found" "GBR accuse RUS 2022-03-29" "$(triples "$T/bigj.out")"

# --quiet and --verbose are accepted.
ag extract --quiet "$D/dir/a.txt"
expect_rc "--quiet: exit 0" 0
ag extract --verbose "$D/dir/a.txt"
expect_rc "--verbose: exit 0" 0

# Usage: --help exits 0 and documents the options; bad usage exits 2.
ag extract --help
expect_rc "--help: exit 0" 0
if grep -q -- '--keep-negated' "$out" "$err"; then pass "--help: lists the options"
else fail "--help: lists the options" "no --keep-negated in the help text"; fi
ag extract --no-such-option "$D/dir/a.txt"
expect_rc "unknown option: exit 2" 2
ag extract --date 2022-02-30 "$D/dir/a.txt"
expect_rc "--date 2022-02-30: exit 2" 2
ag extract --date yesterday "$D/dir/a.txt"
expect_rc "--date yesterday: exit 2" 2
ag extract --format xml "$D/dir/a.txt"
expect_rc "--format xml: exit 2" 2

# Determinism across formats: CSV twice, byte-identical.
ag extract --format csv "$D/dir"
cp "$out" "$T/dir1.csv"
ag extract --format csv "$D/dir"
expect_same_nonempty "csv: two runs byte-identical" "$T/dir1.csv" "$out"

# --explain: the candidate sentence, its parse, its phrases and each trigger's decision, no triples.
printf 'Freedonian lawmakers met on Monday.\nThe Freedonian envoy said Sylvania had tried to undermine the talks.\nSylvania did not accuse Freedonia.\nThe weather was fine.\n' > "$T/explain.txt"
ag extract --explain --actors tests/extract/fictional-actors.tsv "$T/explain.txt"
expect_rc "--explain: exit 0" 0
expect_eq "--explain: one block per candidate sentence" "2" "$(grep -c '^== explain.txt, sentence' "$out")"
expect_eq "--explain: no block for a sentence without trigger" "0" "$(grep -c 'weather' "$out")"
expect_eq "--explain: the parse as CoNLL-U" "1" "$(grep -c '^[0-9]*	undermine	_	VERB	VB	_	[0-9]*	xcomp' "$out")"
expect_eq "--explain: phrases resolved" "2" "$(grep -c '^  "Sylvania" -> Sylvania \[SYL, state, SYL\]$' "$out")"
expect_eq "--explain: the rule that fired" "1" "$(grep -c '"undermine" act (accuse 112): rule reported-tree' "$out")"
expect_eq "--explain: a negated accusation says so" "1" "$(grep -c '"accuse" verb (accuse 112): rule verb-active, confidence 0.90, negated or hedged' "$out")"
expect_eq "--explain: no triples written" "0" "$(grep -c '^{' "$out")"

# Small traps (issue 10): a README/LICENSE .txt in a corpus folder is no document (read when named),
# and counts are singular when they are one.
mkdir -p "$T/corpus"; cp "$D/dir/a.txt" "$T/corpus/a.txt"
printf 'Germany accused China of hacking.\n' > "$T/corpus/README.TXT"
printf 'Germany accused China of hacking.\n' > "$T/corpus/LICENSE.txt"
ag extract "$T/corpus"
expect_rc "README.TXT in a folder: exit 0" 0
expect_eq "README.TXT and LICENSE.txt in a folder: skipped" "GBR accuse RUS -" "$(triples "$out")"
expect_err "README.TXT: the skip counted" "2 files of other types skipped"
expect_err "one document: singular" "1 document, 1 sentence, 1 accusation,"
ag extract "$T/corpus/README.TXT"
expect_eq "README.TXT given by name: read" "DEU accuse CHN -" "$(triples "$out")"

# A long document reads its last sentences as a short one does: a pronoun after 22,000 sentences
# still prefers the previous sentence's subject (a recency score once overflowed past 21,474
# sentences and preferred the other man named).
FA=tests/extract/fictional-actors.tsv
tail='Rufus Firefly met the Sylvanian envoy, Ambassador Carlos Trentino, on Monday. He accused Sylvania of arming the rebels.'
printf '%s\n' "$tail" > "$T/short.txt"
"$PY" -c 'import sys; sys.stdout.write("The weather stayed mild all week.\n" * 22000 + "\n" + sys.argv[1] + "\n")' "$tail" > "$T/long.txt"
names() { "$PY" -c 'import json, sys; print("; ".join(json.loads(l)["source"]["name"] + " -> " + json.loads(l)["target"]["name"] for l in open(sys.argv[1])))' "$1"; }
ag extract --actors "$FA" "$T/short.txt"
expect_eq "short document: he = the previous subject" "Rufus Firefly -> Sylvania" "$(names "$out")"
ag extract --actors "$FA" "$T/long.txt"
expect_rc "22,000-sentence document: exit 0" 0
expect_eq "22,000-sentence document: he = the previous subject" "Rufus Firefly -> Sylvania" "$(names "$out")"
