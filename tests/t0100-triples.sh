# t0100-triples.sh - the triple format: JSONL and CSV read the same, BOM/CRLF/blank lines/empty
# files/huge lines accepted, malformed lines named by file and line.
D=tests/data
PY=/usr/bin/python3
J=$D/triples-small.jsonl
C=$D/triples-small.csv

# py_check NAME ARGS...: the checker's PASS/FAIL lines as results (py_results in lib.sh).
py_check() { local name=$1; shift; py_results "$name" tests/check_graph.py "$@"; }

# The CSV fixture (written by ag_triple_write_csv) holds, for python's csv module, exactly the
# values of the JSONL fixture: quotes, commas, a newline and a tab inside sentences, non-ASCII.
py_check "triples csv" triples-csv "$C" "$J"

# Both forms give the same graph.
ag build -q "$J" -o "$T/j.graphml"; expect_rc "build jsonl exits 0" 0
ag build -q "$C" -o "$T/c.graphml"; expect_rc "build csv exits 0" 0
expect_same "jsonl and csv give the same graph" "$T/j.graphml" "$T/c.graphml"

# Standard input: the format is sniffed from the first byte.
ag build -q - -o "$T/sj.graphml" <"$J"
expect_same "jsonl on stdin" "$T/j.graphml" "$T/sj.graphml"
ag build -q - -o "$T/sc.graphml" <"$C"
expect_same "csv on stdin" "$T/j.graphml" "$T/sc.graphml"
# A file name without a known extension is sniffed too.
cp "$C" "$T/triples.txt"
ag build -q "$T/triples.txt" -o "$T/txt.graphml"
expect_same "csv in a .txt file" "$T/j.graphml" "$T/txt.graphml"

# A UTF-8 BOM, CRLF line ends and blank lines change nothing.
{ printf '\357\273\277'; sed 's/$/\r/' "$J"; printf '\r\n  \n\n'; } >"$T/bom.jsonl"
ag build -q "$T/bom.jsonl" -o "$T/bom.graphml"; expect_rc "jsonl with BOM and CRLF exits 0" 0
expect_same "jsonl with BOM, CRLF, blank lines" "$T/j.graphml" "$T/bom.graphml"
{ printf '\357\273\277'; cat "$C"; printf '\r\n'; } >"$T/bom.csv"
ag build -q "$T/bom.csv" -o "$T/bomc.graphml"
expect_same "csv with BOM and a blank line" "$T/j.graphml" "$T/bomc.graphml"
# Columns in another order, the optional ones left out, LF line ends, no newline at the end.
printf 'target_id,action,source_id,source_name\nUKR,accuse,RUS,Moscow\nUSA,deny,CHN,Beijing' >"$T/few.csv"
ag build "$T/few.csv" -o "$T/few.graphml"
expect_rc "csv with four columns exits 0" 0
expect_err "csv with four columns: 2 triples" "2 triples read, 2 edges, 4 actors"

# Empty inputs are zero triples, not an error; a header-only CSV too.
ag build $D/triples-empty.jsonl -o "$T/e.graphml"
expect_rc "empty file exits 0" 0
expect_err "empty file: zero triples" "0 triples read, 0 edges, 0 actors"
expect_same "empty file gives the empty graph" tests/golden/empty.graphml "$T/e.graphml"
head -n 1 "$C" >"$T/header.csv"
ag build -q "$T/header.csv" -o "$T/h.graphml"
expect_same "header-only csv gives the empty graph" tests/golden/empty.graphml "$T/h.graphml"
ag build -q - -o "$T/s.graphml" </dev/null
expect_same "empty stdin gives the empty graph" tests/golden/empty.graphml "$T/s.graphml"

# A huge line (a 3 MB sentence) is read whole.
"$PY" -c '
import json
t = json.loads(open("'"$J"'").readline())
t["sentence"] = "Moscow accused Kyiv " + "of many things, " * 200000 + "again."
print(json.dumps(t, ensure_ascii=False))' >"$T/huge.jsonl"
ag build -q "$T/huge.jsonl" -o "$T/huge.graphml"
expect_rc "3 MB line exits 0" 0
expect_eq "3 MB sentence kept whole" 3200026 \
  "$("$PY" -W ignore -c 'import igraph; print(len(igraph.Graph.Read_GraphML("'"$T/huge.graphml"'").es[0]["sentence"]))')"

# Malformed lines: exit 1 and FILE:LINE: reason. Line 3 of each file is the bad one.
bad_jsonl() { head -n 2 "$J" >"$T/bad.jsonl"; printf '%s\n' "$1" >>"$T/bad.jsonl"; tail -n 1 "$J" >>"$T/bad.jsonl"; }
OK='"source":{"id":"RUS"},"action":"accuse","target":{"id":"UKR"}'
while IFS='|' read -r why line msg; do
  bad_jsonl "$line"
  ag build "$T/bad.jsonl" -o "$T/bad.graphml"
  expect_rc "$why: exit 1" 1
  expect_err "$why: message" "$T/bad.jsonl:3: $msg"
done <<EOF
not JSON|{"doc":"x",|not valid JSON
an array|[1,2]|expected a JSON object
text after the object|{$OK} x|text after the JSON object
missing action|{"source":{"id":"RUS"},"target":{"id":"UKR"}}|missing key action
unknown key|{$OK,"negate":true}|unknown key 'negate'
duplicate key|{$OK,"doc":"a","doc":"b"}|duplicate key doc
string offset|{$OK,"offset":"12"}|offset must be a non-negative integer
negative offset|{$OK,"offset":-1}|offset must be a non-negative integer
string confidence|{$OK,"confidence":"high"}|confidence must be a number
confidence 0|{$OK,"confidence":0}|confidence must be a number in (0, 1]
confidence 1.5|{$OK,"confidence":1.5}|confidence must be a number in (0, 1]
null date|{$OK,"date":null}|date must be a string
bad date|{$OK,"date":"2021-02-30"}|date must be YYYY-MM-DD, YYYY-MM, YYYY or empty
bad precision|{$OK,"date_precision":"decade"}|date_precision must be
negated as string|{$OK,"negated":"yes"}|negated must be true or false
bad type|{"source":{"id":"RUS","type":"country"},"action":"accuse","target":{"id":"UKR"}}|source type must be
no actor key|{"source":{"id":"","name":""},"action":"accuse","target":{"id":"UKR"}}|source has neither id nor name
source not object|{"source":"RUS","action":"accuse","target":{"id":"UKR"}}|source must be an object
unknown actor key|{"source":{"id":"RUS","iso":"RUS"},"action":"accuse","target":{"id":"UKR"}}|unknown key 'iso' in source
EOF

# Invalid UTF-8 in a name is an input error with its place; so is a NUL byte.
{ head -n 3 "$J"; printf '{"source":{"name":"Erdo\304","id":"TUR"},"action":"accuse","target":{"id":"SWE"}}\n'; } >"$T/utf.jsonl"
ag build "$T/utf.jsonl" -o "$T/utf.graphml"
expect_rc "invalid UTF-8 in a name: exit 1" 1
expect_err "invalid UTF-8 in a name: message" "$T/utf.jsonl:4: invalid UTF-8 in source.name"
{ head -n 6 "$C"; printf 'd,s,0,Erdo\304an,TUR,person,TUR,accuse,112,Sweden,SWE,state,SWE,2023,year,false,c,t,0.8,r,0,,,,,1,,\r\n'; } >"$T/utf.csv"
ag build "$T/utf.csv" -o "$T/utf.graphml"
expect_rc "invalid UTF-8 in a csv name: exit 1" 1
expect_err "invalid UTF-8 in a csv name: physical line 7 after two two-line records" \
  "$T/utf.csv:7: invalid UTF-8 in source_name"
printf '{"source":{"id":"RUS"},"action":"acc\000use","target":{"id":"UKR"}}\n' >"$T/nul.jsonl"
ag build "$T/nul.jsonl" -o "$T/nul.graphml"
expect_err "NUL byte in a line" "$T/nul.jsonl:1: NUL character in line"
# The escape \u0000 would cut the string short; an escaped backslash before u0000 is plain text.
printf '%s\n' '{"source":{"id":"RUS"},"action":"accuse","target":{"id":"UKR"},"charge":"a\\u0000b"}' \
  '{"source":{"id":"RUS"},"action":"accuse","target":{"id":"UKR"},"charge":"a\u0000b"}' >"$T/unul.jsonl"
ag build "$T/unul.jsonl" -o "$T/nul.graphml"
expect_err "escaped NUL in a string" "$T/unul.jsonl:2: NUL character in line"

# CSV errors: record with a missing field, unknown column, stray quote, unterminated quote.
{ cat "$C"; printf 'ex-9,a sentence,0,Moscow,RUS,state,RUS,accuse\r\n'; } >"$T/short.csv"
ag build "$T/short.csv" -o "$T/x.graphml"
expect_rc "short csv record: exit 1" 1
expect_err "short csv record: line 14 (the header, 10 records, two of two lines)" \
  "$T/short.csv:14: 8 fields, the header has 28"
printf 'source_id,action,target_id,colour\nRUS,accuse,UKR,red\n' >"$T/col.csv"
ag build "$T/col.csv" -o "$T/x.graphml"
expect_err "unknown csv column" "$T/col.csv:1: unknown column 'colour' in the header"
printf 'source_id,action\nRUS,accuse\n' >"$T/notarget.csv"
ag build "$T/notarget.csv" -o "$T/x.graphml"
expect_err "csv header without target" "$T/notarget.csv:1: the header needs action"
printf 'source_id,action,target_id\nRUS,acc"use,UKR\n' >"$T/quote.csv"
ag build "$T/quote.csv" -o "$T/x.graphml"
expect_rc "stray quote: exit 1" 1
expect_err "stray quote" "$T/quote.csv:2: malformed CSV"
printf 'source_id,action,target_id\nRUS,accuse,UKR\nRUS,accuse,"UKR\n\n' >"$T/open.csv"
ag build "$T/open.csv" -o "$T/x.graphml"
expect_err "unterminated quote names the record's first line" "$T/open.csv:3: malformed CSV: unterminated quoted field"
printf 'source_id,action,target_id,confidence,negated\nRUS,accuse,UKR,0.5x,false\n' >"$T/conf.csv"
ag build "$T/conf.csv" -o "$T/x.graphml"
expect_err "csv confidence not a number" "$T/conf.csv:2: confidence must be a number"

# The provenance fields: a whole sentence_index >= 0, mentions >= 1 and a real published date,
# in both forms, each refused with the file, the line and the field.
pv='{"source":{"id":"RUS"},"action":"accuse","target":{"id":"UKR"}'
printf '%s,"mentions":0}\n' "$pv" >"$T/m0.jsonl"
ag build "$T/m0.jsonl" -o "$T/x.graphml"
expect_err "jsonl mentions 0 refused" "$T/m0.jsonl:1: mentions must be a whole number >= 1"
printf '%s}\n%s,"sentence_index":-1}\n' "$pv" "$pv" >"$T/si.jsonl"
ag build "$T/si.jsonl" -o "$T/x.graphml"
expect_err "jsonl negative sentence_index refused" "$T/si.jsonl:2: sentence_index must be a non-negative integer"
printf '%s,"published":"2021-02-30"}\n' "$pv" >"$T/pub.jsonl"
ag build "$T/pub.jsonl" -o "$T/x.graphml"
expect_err "jsonl published not a real date refused" "$T/pub.jsonl:1: published must be YYYY-MM-DD"
printf '%s,"url":7}\n' "$pv" >"$T/url.jsonl"
ag build "$T/url.jsonl" -o "$T/x.graphml"
expect_err "jsonl url must be a string" "$T/url.jsonl:1: url must be a string"
printf 'source_id,action,target_id,mentions\nRUS,accuse,UKR,2\nRUS,accuse,UKR,1.5\n' >"$T/m.csv"
ag build "$T/m.csv" -o "$T/x.graphml"
expect_err "csv mentions 1.5 refused" "$T/m.csv:3: mentions must be a whole number >= 1"
printf 'source_id,action,target_id,mentions,sentence_index\nRUS,accuse,UKR,,\n' >"$T/m1.csv"
ag build -q "$T/m1.csv" -o "$T/m1.graphml"
expect_eq "csv: empty sentence_index and mentions take 0 and 1" "0 1" \
  "$(grep -o '<data key="e_\(mentions\|sentence_index\)">[0-9]*' "$T/m1.graphml" | cut -d'>' -f2 | paste -sd' ')"

# --skip-bad counts malformed lines and keeps the rest.
{ cat "$J"; printf '{"doc":\n[]\n{"source":{"id":"A"},"action":"accuse","target":{"id":"B"},"date":"2020-13"}\n'; } >"$T/skip.jsonl"
ag build --skip-bad "$T/skip.jsonl" -o "$T/skip.graphml"
expect_rc "--skip-bad exits 0" 0
expect_err "--skip-bad counts 3 lines" "10 triples read, 9 edges, 9 actors, 3 skipped, 1 filtered out"
expect_same "--skip-bad keeps the good triples" "$T/j.graphml" "$T/skip.graphml"
{ cat "$C"; printf 'a,b\r\nex-9,"open\r\n'; } >"$T/skip.csv"
ag build --skip-bad "$T/skip.csv" -o "$T/skipc.graphml"
expect_err "--skip-bad in csv: short record and unterminated quote" "10 triples read, 9 edges, 9 actors, 2 skipped"
