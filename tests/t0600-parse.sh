# t0600-parse.sh - `accusegraph parse` and `accusegraph train`: help, CoNLL-U output (well-formed, one
# tree per sentence, comments, determinism, -o), --eval's JSON line on the hand-annotated fixture,
# malformed treebanks (exit 1, FILE:LINE), missing files (exit 3), a file that is not a model
# (exit 1), usage errors (exit 2), a tiny model trained and read back through the CLI, and the
# subject/object arcs the extractor relies on (tests/data/parse/arcs.txt, checked by
# tests/check_parse.py).
# Uses the built-in model. PARSE_MODEL=FILE runs the same checks with `--model FILE` instead (for
# trying a model before it is built in).
D=tests/data/parse
PY=/usr/bin/python3
FIXTURE=$D/fixture.conllu
FIXTURE_SENTENCES=20 FIXTURE_WORDS=226
MODEL=()
[ -n "${PARSE_MODEL:-}" ] && MODEL=(--model "$PARSE_MODEL")

# Help.
ag parse --help
expect_rc "parse --help: exit 0" 0
if grep -q -- '--eval' "$out"; then pass "parse --help: mentions --eval"
else fail "parse --help: mentions --eval" "$(head -c 300 "$out")"; fi
ag train --help
expect_rc "train --help: exit 0" 0
if grep -q -- '--train' "$out" && grep -q -- '--dev' "$out"; then pass "train --help: mentions --train and --dev"
else fail "train --help: mentions --train and --dev" "$(head -c 300 "$out")"; fi

# Text in, CoNLL-U out: two documents of our own sentences (contractions, a possessive, a quote,
# an ellipsis, a dotted acronym).
cat > "$T/news.txt" <<'EOF'
Freedonia's foreign minister said on Monday that Sylvania had violated the ceasefire.
Sylvania denied the charge. "We didn't fire a single shell," a spokesman said... The U.N. envoy can't confirm it.
EOF
printf 'The talks in Marnovia collapsed after two days, and neither side would say when they'"'"'d resume.\n' > "$T/more.txt"
ag parse "${MODEL[@]}" "$T/news.txt" "$T/more.txt"
expect_rc "parse text: exit 0" 0
cp "$out" "$T/parse1.conllu"
py_results "parse text" tests/check_parse.py format "$T/parse1.conllu" 5
for id in news.txt more.txt; do
  if grep -qx "# doc_id = $id" "$T/parse1.conllu"; then pass "parse text: # doc_id = $id"
  else fail "parse text: # doc_id = $id" "$(grep '^# doc_id' "$T/parse1.conllu" | sort -u | paste -sd ' ')"; fi
done
if grep -qP '^\d+\tdid\t' "$T/parse1.conllu" && grep -qP "^\\d+\\tn't\\t" "$T/parse1.conllu" &&
   grep -qP "^\\d+\\tca\\t" "$T/parse1.conllu"; then pass "parse text: contractions split into UD words"
else fail "parse text: contractions split into UD words" "no did / n't / ca words"; fi

# Determinism, and -o writes the same bytes (atomically: nothing on stdout).
ag parse "${MODEL[@]}" "$T/news.txt" "$T/more.txt"
if [ -s "$out" ]; then expect_same "parse text: two runs byte-identical" "$T/parse1.conllu" "$out"
else fail "parse text: two runs byte-identical" "no output (exit $rc)"; fi
ag parse "${MODEL[@]}" -o "$T/parse-o.conllu" "$T/news.txt" "$T/more.txt"
expect_rc "parse -o: exit 0" 0
if [ -s "$T/parse-o.conllu" ]; then expect_same "parse -o: same bytes as stdout" "$T/parse1.conllu" "$T/parse-o.conllu"
else fail "parse -o: same bytes as stdout" "no file (exit $rc)"; fi
if [ "$rc" = 0 ] && [ ! -s "$out" ]; then pass "parse -o: nothing on stdout"
else fail "parse -o: nothing on stdout" "exit $rc, stdout: $(head -c 200 "$out")"; fi

# --eval: the last line is one JSON object with the scores; the counts are the fixture's. The
# fixture is news-like text of our own, so a decently trained model gets most of it right.
ag parse "${MODEL[@]}" --eval "$FIXTURE" --parses "$T/pred.conllu"
expect_rc "parse --eval: exit 0" 0
expect_cmd "parse --eval: last line is JSON with the scores and the fixture's counts" "$PY" -c '
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert lines, "no output"
j = json.loads(lines[-1])
assert isinstance(j, dict), "not an object: %r" % lines[-1]
for k in ("sentences", "tokens", "upos", "uas", "las", "tokens_per_s"):
    assert k in j, "no key %s in %s" % (k, lines[-1])
    assert isinstance(j[k], (int, float)) and not isinstance(j[k], bool), "%s is not a number" % k
assert j["sentences"] == int(sys.argv[2]), "sentences %r" % j["sentences"]
assert j["tokens"] == int(sys.argv[3]), "tokens %r" % j["tokens"]
for k in ("upos", "uas", "las"):
    assert 0 <= j[k] <= 1, "%s = %r" % (k, j[k])
assert j["las"] <= j["uas"], "las > uas"
assert j["tokens_per_s"] > 0, "tokens_per_s %r" % j["tokens_per_s"]
' "$out" "$FIXTURE_SENTENCES" "$FIXTURE_WORDS"
expect_cmd "parse --eval: the model parses the fixture well (UPOS >= 0.9, UAS >= 0.8, LAS >= 0.75)" "$PY" -c '
import json, sys
j = json.loads(open(sys.argv[1], encoding="utf-8").read().splitlines()[-1])
assert j["upos"] >= 0.9 and j["uas"] >= 0.8 and j["las"] >= 0.75, "upos %.3f uas %.3f las %.3f" % (j["upos"], j["uas"], j["las"])
' "$out"
expect_cmd "parse --eval --parses: the fixture's sentences, ids and words" "$PY" -c '
import sys
def sents(p):
    out = []
    for block in open(p, encoding="utf-8").read().strip().split("\n\n"):
        ids = [l[len("# sent_id = "):] for l in block.split("\n") if l.startswith("# sent_id = ")]
        words = [l.split("\t")[1] for l in block.split("\n") if l and not l.startswith("#") and l.split("\t")[0].isdigit()]
        out.append((ids, words))
    return out
g, p = sents(sys.argv[1]), sents(sys.argv[2])
assert len(g) == len(p) == int(sys.argv[3]), "%d gold, %d parsed sentences" % (len(g), len(p))
for a, b in zip(g, p):
    assert a == b, "gold %r, parsed %r" % (a, b)
' "$FIXTURE" "$T/pred.conllu" "$FIXTURE_SENTENCES"

# Malformed treebanks: exit 1 naming FILE:LINE (each file starts with the same good sentence,
# lines 1-6).
good=$'# sent_id = good\n# text = Sylvania resigned.\n1\tSylvania\tSylvania\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tresigned\tresign\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n'
w1=$'1\tFreedonia\tFreedonia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_'
printf '%s\n%s\n%s\n' "$good" "$w1" $'2\tprotested\tprotest\tVERB\tVBD\t_\t0\troot\t_' > "$T/cols9.conllu"
printf '%s\n%s\n%s\n%s\n' "$good" "$w1" $'2\tprotested\tprotest\tVERB\tVBD\t_\t0\troot\t_\t_' \
  $'3\tloudly\tloudly\tADV\tRB\t_\t7\tadvmod\t_\t_' > "$T/range.conllu"
printf '%s\n%s\n%s\n' "$good" "$w1" $'2\tprotested\tprotest\tVERB\tVBD\t_\t1\tccomp\t_\t_' > "$T/cycle.conllu"
printf '%s\n%s\n%s\n' "$good" "$w1" $'two\tprotested\tprotest\tVERB\tVBD\t_\t0\troot\t_\t_' > "$T/badid.conllu"
for c in "cols9 8" "range 9" "cycle 7|8" "badid 8"; do
  set -- $c
  ag parse "${MODEL[@]}" --eval "$T/$1.conllu"
  expect_rc "parse --eval $1.conllu: exit 1" 1
  if grep -qE -- "$T/$1\\.conllu:($2):" "$err"; then pass "parse --eval $1.conllu: FILE:LINE in the message"
  else fail "parse --eval $1.conllu: FILE:LINE in the message" "wanted $1.conllu:$2:, stderr: $(head -c 300 "$err")"; fi
done

# Missing files, a file that is not a model, usage errors.
ag parse "${MODEL[@]}" --eval "$T/no-such.conllu"
expect_rc "parse --eval missing file: exit 3" 3
expect_err "parse --eval missing file: named" "no-such.conllu"
ag parse "${MODEL[@]}" "$T/no-such.txt"
expect_rc "parse missing input: exit 3" 3
ag parse --model "$T/no-such.model" "$T/news.txt"
expect_rc "parse --model missing file: exit 3" 3
ag parse --model "$FIXTURE" "$T/news.txt"
expect_rc "parse --model a text file: exit 1" 1
if grep -qF "$FIXTURE" "$err" && grep -qi 'model' "$err"; then pass "parse --model a text file: says the file is not a model"
else fail "parse --model a text file: says the file is not a model" "stderr: $(head -c 300 "$err")"; fi
ag parse --model "$FIXTURE" --eval "$FIXTURE"
expect_rc "parse --eval --model a text file: exit 1" 1
ag parse --no-such-option "$T/news.txt"
expect_rc "parse unknown option: exit 2" 2
ag parse
expect_rc "parse without input: exit 2" 2
ag parse --eval "$FIXTURE" "$T/news.txt"
expect_rc "parse --eval with an input too: exit 2" 2
ag train --no-such-option
expect_rc "train unknown option: exit 2" 2
ag train --train "$FIXTURE" -o "$T/x.model"
expect_rc "train without --dev: exit 2" 2
ag train --train "$FIXTURE" --dev "$FIXTURE" -o "$T/x.model" --tagger-iterations 0
expect_rc "train --tagger-iterations 0: exit 2" 2

# A tiny model through the CLI: trained twice byte-identical, read back by parse --model; a
# malformed training file is exit 1 naming FILE:LINE and writes no model.
tiny=(--train "$FIXTURE" --dev "$FIXTURE" --tagger-iterations 2 --parser-iterations 2 --folds 2 --threads 1 -q)
ag train "${tiny[@]}" -o "$T/tiny1.model"
expect_rc "train tiny: exit 0" 0
ag train "${tiny[@]}" -o "$T/tiny2.model"
if [ -s "$T/tiny1.model" ]; then expect_same "train tiny: two runs byte-identical" "$T/tiny1.model" "$T/tiny2.model"
else fail "train tiny: two runs byte-identical" "no model written"; fi
ag parse --model "$T/tiny1.model" --eval "$FIXTURE"
expect_rc "parse --model tiny --eval: exit 0" 0
expect_cmd "parse --model tiny --eval: the fixture's counts" "$PY" -c '
import json, sys
j = json.loads(open(sys.argv[1]).read().splitlines()[-1])
assert (j["sentences"], j["tokens"]) == (int(sys.argv[2]), int(sys.argv[3])), j' "$out" "$FIXTURE_SENTENCES" "$FIXTURE_WORDS"
ag parse --model "$T/tiny1.model" "$T/news.txt"
expect_rc "parse --model tiny on text: exit 0" 0
ag train --train "$T/cycle.conllu" --dev "$FIXTURE" -o "$T/bad.model" -q
expect_rc "train on a malformed treebank: exit 1" 1
expect_err "train on a malformed treebank: FILE:LINE" "cycle.conllu:"
if [ ! -e "$T/bad.model" ]; then pass "train on a malformed treebank: no model written"
else fail "train on a malformed treebank: no model written" "$T/bad.model exists"; fi

# The arcs the extractor relies on: subjects, objects, passive agents, relative clauses,
# coordination, reported speech, negation (tests/data/parse/arcs.txt).
sed -n 's/^> //p' "$D/arcs.txt" > "$T/arcs.txt"
ag parse "${MODEL[@]}" "$T/arcs.txt"
expect_rc "parse arcs.txt: exit 0" 0
cp "$out" "$T/arcs.conllu"
py_results "parse" tests/check_parse.py arcs "$T/arcs.conllu" "$D/arcs.txt"
