# t0611-hostile-inputs.sh - input nobody wrote for the tool (issue 9, ../shared/notes/hostile-inputs.md
# A6, A7, A9-A12, B10, C1, E1): nothing is silently cut or dropped; every skip is counted and said.

D=tests/data/extract-inputs

# A9, A11: a raw NUL inside a JSON Lines or CSV text becomes U+FFFD (counted), not the end of the text.
printf '{"id":"j","text":"Britain accused Russia of spying. Germany accused China of hacking \0 its parliament. France accused Iran of lying."}\n' > "$T/nul.jsonl"
ag extract "$T/nul.jsonl" -o "$T/nul.out"
expect_rc "NUL in JSONL: exit 0" 0
expect_eq "NUL in JSONL: the text after the NUL is read" "1" "$(grep -c '"name":"Iran"' "$T/nul.out")"
expect_err "NUL in JSONL: counted" "1 NUL byte replaced"
printf 'id,text\nc,"Britain accused Russia of spying. Germany accused China of hacking \0 its parliament. France accused Iran of lying."\n' > "$T/nul.csv"
ag extract "$T/nul.csv" -o "$T/nulc.out"
expect_rc "NUL in CSV: exit 0" 0
expect_eq "NUL in CSV: the text after the NUL is read" "1" "$(grep -c '"name":"Iran"' "$T/nulc.out")"

# A10, A6: the escapes \u0000 and a lone surrogate are replaced like invalid text, not fatal or a cut.
printf '{"id":"e","text":"Britain accused Russia of spying.\\u0000 France accused Iran of lying."}\n{"id":"s","text":"Germany accused China \\ud800 of hacking its parliament."}\n' > "$T/esc.jsonl"
ag extract "$T/esc.jsonl" -o "$T/esc.out"
expect_rc "JSON escapes: exit 0" 0
expect_eq "\\u0000 escape: the text after it is read" "1" "$(grep -c '"name":"Iran"' "$T/esc.out")"
expect_eq "lone surrogate escape: the document is read" "1" "$(grep -c '"doc":"s"' "$T/esc.out")"
expect_err "JSON escapes: counted" "2 \\u0000 or lone-surrogate escapes replaced"

# A7, C1: extract says how many files it skipped as binary (run always did).
printf 'Britain accused Russia of spying.\0\1\2' > "$T/bin.txt"
ag extract "$T/bin.txt" -o "$T/bin.out"
expect_rc "binary .txt: exit 0" 0
expect_err "binary .txt: the summary counts the skip" "1 binary file skipped"

# A12: UTF-16 with a byte-order mark is decoded, not skipped.
printf 'Britain accused Russia of spying.\n' | iconv -f UTF-8 -t UTF-16LE | { printf '\377\376'; cat; } > "$T/u16le.txt"
printf 'Britain accused Russia of spying.\n' | iconv -f UTF-8 -t UTF-16BE | { printf '\376\377'; cat; } > "$T/u16be.txt"
ag extract "$T/u16le.txt" "$T/u16be.txt" -o "$T/u16.out"
expect_rc "UTF-16 text: exit 0" 0
expect_eq "UTF-16 text: both byte orders read" "2" "$(grep -c '"name":"Russia"' "$T/u16.out")"
# An odd last byte (UTF-16 cut short) is replaced and counted, not dropped unsaid.
{ cat "$T/u16le.txt"; printf 'X'; } > "$T/u16odd.txt"
ag extract "$T/u16odd.txt" -o "$T/u16odd.out"
expect_rc "UTF-16 with an odd last byte: exit 0" 0
expect_err "UTF-16 with an odd last byte: counted" "1 invalid UTF-8 sequence replaced"
# C1 controls (U+0085 NEL, U+009B CSI) become spaces like C0 ones, never reaching the output.
printf 'Britain accused \302\205Russia\302\233 of spying.\n' > "$T/c1.txt"
ag extract "$T/c1.txt"
expect_eq "C1 controls: the accusation is read, the sentence has none of them" "1 0" \
  "$(grep -c '"name":"Russia"' "$out") $(LC_ALL=C grep -c $'\302[\200-\237]' "$out")"

# E1: a CSV row with more fields than the header (an unquoted comma in the text) is an error
# naming file and line, or a counted skip with --skip-bad.
printf 'id,text\n1,Britain accused Russia of spying.\n2,Germany accused China of hacking, and France accused Iran of lying.\n' > "$T/ragged.csv"
ag extract "$T/ragged.csv" -o "$T/ragged.out"
expect_rc "ragged CSV: exit 1" 1
expect_err "ragged CSV: names file and line" "ragged.csv:3: 3 fields where the header has 2"
ag extract --skip-bad "$T/ragged.csv" -o "$T/ragged.out"
expect_rc "ragged CSV --skip-bad: exit 0" 0
expect_err "ragged CSV --skip-bad: counted" "1 malformed record skipped"

# B10: a triples line over 64 MB (no triple is that long) is an error naming the line, never read
# whole: not a line of /dev/zero on standard input, which once took all memory; --skip-bad skips
# and counts such a line.
{ printf '{"doc":"a","sentence":"x","source":{"name":"A","id":"A","type":"state","country":"AAA"},"action":"accuse","code":"112","target":{"name":"B","id":"B","type":"state","country":"BBB"}}\n'
  head -c 70000000 /dev/zero | tr '\0' 'x'; printf '\n'
  printf '{"doc":"b","sentence":"y","source":{"name":"A","id":"A","type":"state","country":"AAA"},"action":"accuse","code":"112","target":{"name":"B","id":"B","type":"state","country":"BBB"}}\n'; } > "$T/long.jsonl"
ag build "$T/long.jsonl" -o "$T/long.graphml"
expect_rc "a line of over 64 MB: exit 1" 1
expect_err "a line of over 64 MB: names the line" "long.jsonl:2: a line of over 64 MB: no triple is that long"
if [ -e "$T/long.graphml" ]; then fail "a line of over 64 MB: no graph written" "long.graphml exists"
else pass "a line of over 64 MB: no graph written"; fi
ag build --skip-bad "$T/long.jsonl" -o "$T/long.graphml"
expect_err "a line of over 64 MB, --skip-bad: skipped and counted" "2 triples read, 2 edges, 2 actors, 1 skipped"
timeout 60 "$BIN" build - < /dev/zero -o "$T/zero.graphml" 2>"$T/zero.err"; rc=$?
expect_eq "build - < /dev/zero: exit 1 at the cap" "1" "$rc"
if grep -q "<stdin>:1: a line of over 64 MB" "$T/zero.err"; then pass "build - < /dev/zero: says why"
else fail "build - < /dev/zero: says why" "$(head -c 300 "$T/zero.err")"; fi
rm -f "$T/long.jsonl"

# B8, B9, I12: bounded memory on unbounded input. A document over --max-doc-size (default 64 MB)
# is skipped and counted, from a file (never read) or from standard input (read no further than
# the cap); --actors refuses a device or a huge file.
head -c 2200000 /dev/zero | tr '\0' 'a' > "$T/huge.txt"
cp "$D/dir/a.txt" "$T/small.txt"
ag extract --max-doc-size 1 "$T/huge.txt" "$T/small.txt" -o "$T/cap.out"
expect_rc "--max-doc-size: exit 0" 0
expect_err "--max-doc-size: the skip is counted" "1 document over --max-doc-size skipped"
expect_eq "--max-doc-size: the other document is read" "1" "$(grep -c '"action"' "$T/cap.out")"
ag extract -v --max-doc-size 1 "$T/huge.txt" -o "$T/cap.out"
expect_err "--max-doc-size -v: names the document" "skipping $T/huge.txt: 2 MB of text, over the --max-doc-size of 1 MB"
head -c 3000000 /dev/zero | "$BIN" extract --max-doc-size 1 - > "$T/capin.out" 2> "$T/capin.err"; rc=$?
expect_eq "--max-doc-size on stdin: exit 0" "0" "$rc"
if grep -q "1 document over --max-doc-size skipped" "$T/capin.err"; then pass "--max-doc-size on stdin: counted"
else fail "--max-doc-size on stdin: counted" "$(head -c 300 "$T/capin.err")"; fi
ag extract --max-doc-size 0 "$T/small.txt"
expect_rc "--max-doc-size 0: exit 2" 2
# I12: --actors reads any stream, /dev/zero too, but no more than 256 MB of it.
ag extract --actors /dev/zero "$T/small.txt"
expect_rc "--actors /dev/zero: exit 1, at the cap" 1
expect_err "--actors /dev/zero: says why" "/dev/zero: over 256 MB (no dictionary is that large)"
# I11: a directory is a file that cannot be read (exit 3); a pipe is a dictionary like a file.
mkdir -p "$T/actdir"
ag extract --actors "$T/actdir" "$T/small.txt"
expect_rc "--actors DIR: exit 3" 3
expect_err "--actors DIR: says why" "cannot read $T/actdir: Is a directory"
"$BIN" extract -q --actors <(cat tests/extract/fictional-actors.tsv) - <<<'Freedonia accused Sylvania of shelling its border posts.' >"$T/pipe-act.out" 2>"$T/pipe-act.err"
expect_eq "--actors <(a pipe): exit 0, its actors used" "0 FRD SYL" \
  "$? $(sed -n 's/.*"source":{[^}]*"id":"\([A-Z]*\)".*"target":{[^}]*"id":"\([A-Z]*\)".*/\1 \2/p' "$T/pipe-act.out")"

# I2: an --actors row with more than 7 fields is an error naming the line, not extra fields dropped.
printf 'Freedonia\tname\tFRD\tstate\tFRD\tFreedonia\t\textra\n' > "$T/cols8.tsv"
ag extract --actors "$T/cols8.tsv" "$D/dir/a.txt"
expect_rc "--actors row with 8 fields: exit 1" 1
expect_err "--actors row with 8 fields: says so" "cols8.tsv:1: expected 7 tab-separated fields (pattern, kind, id, type, country, label, years), found 8"

# F13: an actor name or id of white space only is refused, naming the line.
printf '{"doc":"d","sentence":"s","source":{"name":"\\u00a0\\u2003","id":"","type":"state","country":"FRD"},"action":"accuse","code":"112","target":{"name":"Sylvania","id":"SYL","type":"state","country":"SYL"}}\n' > "$T/ws.jsonl"
ag build "$T/ws.jsonl" -o "$T/ws.graphml"
expect_rc "white-space-only name: exit 1" 1
expect_err "white-space-only name: says which field" "source.name is only white space"
printf '{"source":{"id":"FRD"},"action":"  ","target":{"id":"SYL"}}\n' > "$T/wsa.jsonl"
ag build "$T/wsa.jsonl" -o "$T/wsa.graphml"
expect_rc "white-space-only action: exit 1" 1
expect_err "white-space-only action: names the line" "wsa.jsonl:1: action is only white space"

# G18: a weight too large for the sums of strength and PageRank is refused when the graph is read.
sed 's|<data key="e_weight">1</data>|<data key="e_weight">1e308</data>|' tests/golden/small.graphml > "$T/whuge.graphml"
ag centrality "$T/whuge.graphml" --weighted
expect_rc "weight 1e308: exit 1" 1
expect_err "weight 1e308: says why" "weight must be a number in (0, 1e15]"

# G10: a GraphML prefix padded with NUL bytes is refused at once, not parsed for minutes.
{ head -c 1000 tests/golden/small.graphml; head -c 50000000 /dev/zero; } > "$T/padded.graphml"
ag stats "$T/padded.graphml"
expect_rc "NUL-padded GraphML: exit 1" 1
expect_err "NUL-padded GraphML: says where" "a NUL byte at offset 1000"
rm -f "$T/padded.graphml"

# H28: `run .` in a project directory does not read the outputs of its previous run.
mkdir -p "$T/proj"; cp "$D/dir/a.txt" "$T/proj/a.txt"
( cd "$T/proj" && "$BIN" run -q . && "$BIN" run -q . ) > "$T/proj.out" 2>&1; rc=$?
expect_eq "run . twice: exit 0" "0" "$rc"
expect_eq "run . twice: the triples are those of the one document" "1" "$(grep -c '"action"' "$T/proj/graphs/triples.jsonl")"

# F10: C1 control characters (CSI U+009B, NEL U+0085) in a name become spaces in every output.
printf '{"doc":"d","sentence":"s","source":{"name":"Free\\u009b31mdonia\\u0085","id":"FRD","type":"state","country":"FRD"},"action":"accuse","code":"112","target":{"name":"Sylvania","id":"SYL","type":"state","country":"SYL"}}\n' > "$T/c1.jsonl"
ag build "$T/c1.jsonl" -o "$T/c1.graphml"
expect_rc "C1 controls: build exit 0" 0
if grep -q "$(printf '\302\233')\|$(printf '\302\205')" "$T/c1.graphml"; then fail "C1 controls: none left in the GraphML" "found"
else pass "C1 controls: none left in the GraphML"; fi
ag stats "$T/c1.graphml"
if grep -q "$(printf '\302\233')" "$T/stdout"; then fail "C1 controls: none on the terminal" "found"
else pass "C1 controls: none on the terminal"; fi

# G11: XML comments (which slow the XML parser down badly when long) are dropped before igraph
# reads a GraphML; the graph read is the same, and "<!--" inside a CDATA section is kept as text.
/usr/bin/python3 -c 'import sys
s = open("tests/golden/small.graphml").read()
i = s.index("<graph")
open(sys.argv[1], "w").write(s[:i] + "<!-- " + "a" * 4000000 + " -->\n" + s[i:].replace("<graph", "<!-- a -- b --><graph", 1))
j = s.index("<data key=\"v_label\">") + len("<data key=\"v_label\">")
k = s.index("</data>", j)
open(sys.argv[2], "w").write(s[:j] + "<![CDATA[Free <!-- not a comment -->donia]]>" + s[k:])' "$T/comm.graphml" "$T/cdata.graphml"
ag stats tests/golden/small.graphml; cp "$out" "$T/stats.plain"
ag stats "$T/comm.graphml"
expect_rc "GraphML with comments: exit 0" 0
expect_same "GraphML with comments: the same graph" "$T/stats.plain" "$out"
ag export "$T/cdata.graphml" --format csv -o "$T/cdata"
expect_rc "GraphML with a CDATA section: exit 0" 0
if grep -q "Free <!-- not a comment -->donia" "$T/cdata.nodes.csv"; then pass "CDATA with <!-- kept as text"
else fail "CDATA with <!-- kept as text" "$(head -3 "$T/cdata.nodes.csv")"; fi

# G10 (other padding): a valid GraphML start padded with text, or a truncated GraphML, is refused
# at once: a GraphML ends with </graphml>.
{ head -c 1000 tests/golden/small.graphml; head -c 3000000 /dev/zero | tr '\0' 'a'; } > "$T/pad-a.graphml"
ag stats "$T/pad-a.graphml"
expect_rc "text-padded GraphML: exit 1" 1
expect_err "text-padded GraphML: says why" "not a valid GraphML file"
head -c 2000 tests/golden/small.graphml > "$T/cut.graphml"
ag stats "$T/cut.graphml"
expect_rc "truncated GraphML: exit 1" 1

# G11 (attributes): a tag of megabytes (a huge attribute value) is refused at once, naming its offset.
/usr/bin/python3 -c 'import sys
s = open("tests/golden/small.graphml").read()
i = s.index("<graph ")
open(sys.argv[1], "w").write(s[:i] + "<graph x=\"" + "a" * 3000000 + "\" " + s[i + 7:])' "$T/attr.graphml"
ag stats "$T/attr.graphml"
expect_rc "huge attribute: exit 1" 1
expect_err "huge attribute: says where" "a tag of over 1 MB at offset"

# G11 (declarations): thousands of small DTD entity declarations (each a short tag, 3 MB in all)
# cost the XML parser as much as one long tag: refused at once; a small DTD is still read.
/usr/bin/python3 -c 'import sys
s = open("tests/golden/small.graphml").read()
i = s.index("<graphml")
d = "".join("<!ENTITY e%d \"%s\">\n" % (k, "v" * 50) for k in range(50000))
open(sys.argv[1], "w").write(s[:i] + "<!DOCTYPE graphml [\n" + d + "]>\n" + s[i:])
open(sys.argv[2], "w").write(s[:i] + "<!DOCTYPE graphml [<!ENTITY fr \"Freedonia\">]>\n" + s[i:])' "$T/dtd.graphml" "$T/dtd-small.graphml"
ag stats "$T/dtd.graphml"
expect_rc "3 MB of DTD declarations: exit 1" 1
expect_err "3 MB of DTD declarations: says why" "over 1 MB of DTD declarations"
ag stats "$T/dtd-small.graphml"
expect_rc "a small DTD: exit 0" 0

# G16: a node id given twice, or an edge naming a node no node declares, is refused naming the id
# (igraph would read one vertex for the two, or make up a vertex for the edge: a wrong graph).
sed '0,/<node id="n1">/s//<node id="n0">/' tests/golden/small.graphml >"$T/dupid.graphml"
ag stats "$T/dupid.graphml"
expect_rc "GraphML with a node id given twice: exit 1" 1
expect_err "GraphML with a node id given twice: names it" "node id 'n0' given twice"
sed '0,/target="n1"/s//target="n99"/' tests/golden/small.graphml >"$T/undecl.graphml"
ag stats "$T/undecl.graphml"
expect_rc "GraphML with an edge to an undeclared node: exit 1" 1
expect_err "GraphML with an edge to an undeclared node: names it" "an edge names node 'n99', which no node declares"

# G11 (text): a text of over 24 MB between two tags (igraph's reader is quadratic in it) is refused
# in the linear scan; on standard input the copy ends there too, however long the stream; build
# refuses a triple string of over 4 MB, so that it never writes such a graph.
/usr/bin/python3 -c 'import sys
s = open("tests/golden/small.graphml").read()
i = s.index("</data>")
open(sys.argv[1], "w").write(s[:i] + "x" * 26000000 + s[i:])' "$T/text.graphml"
ag stats "$T/text.graphml"
expect_rc "a 26 MB text: exit 1" 1
expect_err "a 26 MB text: says why" "a text of over 24 MB before offset"
( head -c 1000 tests/golden/small.graphml; yes ' ' | tr -d '\n' ) | timeout 60 "$BIN" stats - >/dev/null 2>"$T/endless.err"; rc=$?
expect_eq "an endless stream after a GraphML start on stdin: exit 1, not a hang" "1" "$rc"
if grep -q "a text or tag of over 24 MB" "$T/endless.err"; then pass "an endless stream on stdin: says why"
else fail "an endless stream on stdin: says why" "$(head -c 300 "$T/endless.err")"; fi
/usr/bin/python3 -c 'import json,sys
t = json.loads(open("tests/data/triples-small.jsonl").readline())
t["sentence"] = "x" * 5000000
print(json.dumps(t))' >"$T/bigfield.jsonl"
ag build "$T/bigfield.jsonl" -o "$T/bigfield.graphml"
expect_rc "a triple string of over 4 MB: exit 1" 1
expect_err "a triple string of over 4 MB: names the line and field" "bigfield.jsonl:1: sentence of over 4 MB"

# G10/G11 on standard input: spooled to a temporary file, it gets the same checks as a file.
"$BIN" stats - < "$T/attr.graphml" > /dev/null 2> "$T/attr-stdin.err"; rc=$?
expect_eq "huge attribute on stdin: exit 1" "1" "$rc"
if grep -q "<stdin>: not a valid GraphML file (a tag of over 1 MB" "$T/attr-stdin.err"; then pass "huge attribute on stdin: says where"
else fail "huge attribute on stdin: says where" "$(head -c 300 "$T/attr-stdin.err")"; fi
"$BIN" stats - < tests/golden/small.graphml > "$T/stdin-stats.out"; rc=$?
expect_eq "GraphML on stdin: exit 0" "0" "$rc"
ag stats tests/golden/small.graphml
expect_same "GraphML on stdin: the same stats as from the file" "$out" "$T/stdin-stats.out"

# B8, B9: a stream that never ends on standard input (/dev/zero, yes) stops at the cap: ends, counted.
timeout 60 "$BIN" extract --max-doc-size 2 - < /dev/zero > /dev/null 2> "$T/zero.err"; rc=$?
expect_eq "/dev/zero on stdin: ends (exit 0, no timeout)" "0" "$rc"
if grep -q "1 document over --max-doc-size skipped" "$T/zero.err"; then pass "/dev/zero on stdin: counted"
else fail "/dev/zero on stdin: counted" "$(head -c 300 "$T/zero.err")"; fi

# G19: GraphML on standard input that cannot be GraphML (/dev/zero, yes) is refused at once,
# not copied to a temporary file without end.
timeout 20 "$BIN" stats - < /dev/zero > /dev/null 2> "$T/gz.err"; rc=$?
expect_eq "/dev/zero as GraphML on stdin: exit 1 at once" "1" "$rc"
timeout 20 sh -c "yes | \"$BIN\" stats -" > /dev/null 2> "$T/gy.err"; rc=$?
expect_eq "yes as GraphML on stdin: exit 1 at once" "1" "$rc"
if grep -q "not a GraphML file" "$T/gy.err"; then pass "yes as GraphML on stdin: says why"
else fail "yes as GraphML on stdin: says why" "$(head -c 300 "$T/gy.err")"; fi
"$BIN" stats - < tests/golden/small.graphml > "$T/gs.out" 2>/dev/null; rc=$?
expect_eq "GraphML on stdin after white space: still read" "0" "$rc"

# B2: a run of text with no sentence end is cut into sentences of at most 8 KB at white space, so
# the memory for one document stays a small multiple of its size (measured: 47 MB in 122 MB).
/usr/bin/python3 -c 'import sys; sys.stdout.write(" ".join(["word"] * 25000) + "\n")' > "$T/runon.txt"
ag extract "$T/runon.txt"
expect_rc "a 125 KB line without a full stop: exit 0" 0
n=$(sed -n 's/.*document, \([0-9]*\) sentences.*/\1/p' "$err")
if [ -n "$n" ] && [ "$n" -ge 15 ]; then pass "a 125 KB line without a full stop: cut into sentences ($n)"
else fail "a 125 KB line without a full stop: cut into sentences" "$(head -c 300 "$err")"; fi

# G11: a CDATA section (or declaration) of over 1 MB is refused at once, like a tag that long,
# instead of seconds per megabyte in the XML parser; long comments are still read (and stripped).
/usr/bin/python3 -c '
import sys
g = open("tests/golden/small.graphml").read()
i = g.find("<graph ")
sys.stdout.write(g[:i] + "<desc><![CDATA[" + "a" * 3000000 + "]]></desc>" + g[i:])' > "$T/cdata.graphml"
timeout 20 "$BIN" stats "$T/cdata.graphml" > /dev/null 2> "$T/cdata.err"; rc=$?
expect_eq "a 3 MB CDATA section: exit 1 at once" "1" "$rc"
if grep -q "a tag of over 1 MB" "$T/cdata.err"; then pass "a 3 MB CDATA section: says why"
else fail "a 3 MB CDATA section: says why" "$(head -c 300 "$T/cdata.err")"; fi

# G8/G14 check made exact: after </graphml> XML allows white space and comments, and the end tag
# may hold white space before '>'; a truncated file is still refused.
{ cat tests/golden/small.graphml; echo '<!-- written by hand -->'; } > "$T/trailc.graphml"
ag stats "$T/trailc.graphml"
expect_rc "a comment after </graphml>: read" 0
sed 's|</graphml>|</graphml  >|' tests/golden/small.graphml > "$T/endsp.graphml"
ag stats "$T/endsp.graphml"
expect_rc "'</graphml  >': read" 0
head -c 2000 tests/golden/small.graphml > "$T/trunc2.graphml"
ag stats "$T/trunc2.graphml"
expect_rc "a truncated GraphML: still refused" 1

# I2 for every field: an --actors row whose id, label or country is only white space is refused
# when the dictionary is read, naming file and line (it used to stop extract later, naming neither).
printf 'Foo Land\tname\tFOO\tstate\tFOO\t  \t\n' > "$T/wslabel.tsv"
printf 'Foo Land accused Sylvania of lying.\n' > "$T/foo.txt"
ag extract --actors "$T/wslabel.tsv" "$T/foo.txt"
expect_rc "--actors label of white space: exit 1" 1
expect_err "--actors label of white space: file, line and field" "wslabel.tsv:1: the label is only white space"

# B8/B9 for JSON Lines: a line longer than a record over --max-doc-size can be is read to its end
# without being kept, skipped and counted; the records around it are read. (The line here is
# 200 MB under a 200 MB address-space limit: kept whole, it would not fit.)
case "$BIN" in */asan/*) memlimit=no ;; *) memlimit=yes ;; esac
[ "${VALGRIND:-0}" = 1 ] && memlimit=no
if [ "$memlimit" = no ]; then
  echo "SKIP JSONL line past --max-doc-size under a memory limit (not under ASan or valgrind)"
else
  ( ulimit -v 200000
    { printf '{"id":"1","text":"Britain accused Russia of hacking."}\n{"text":"'
      head -c 200000000 /dev/zero | tr '\0' a
      printf '"}\n{"id":"3","text":"Germany accused China of hacking."}\n'; } |
    "$BIN" extract --max-doc-size 1 - > "$T/jl.out" 2> "$T/jl.err" ); rc=$?
  expect_eq "a 200 MB JSON Lines line, --max-doc-size 1: exit 0 in 200 MB" "0" "$rc"
  expect_eq "a 200 MB JSON Lines line: the records around it read" "2" "$(grep -c '^{' "$T/jl.out")"
  if grep -q "1 document over --max-doc-size skipped" "$T/jl.err"; then pass "a 200 MB JSON Lines line: counted"
  else fail "a 200 MB JSON Lines line: counted" "$(head -c 300 "$T/jl.err")"; fi
fi
