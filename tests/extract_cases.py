#!/usr/bin/python3
"""extract_cases.py - runs the extractor's fixture cases (tests/extract/*.cases).

Usage: /usr/bin/python3 tests/extract_cases.py [--show] [--bin BIN] [--dir DIR] [NAME-SUBSTRING...]

Parses every .cases file in DIR (default: tests/extract beside this script), groups the
cases by their `options:` line, writes one JSON Lines document file per group (id = case
name, date, text), runs `BIN extract --format jsonl --no-dedup OPTIONS FILE` once per group with DIR
as the working directory (so option paths such as `--actors fictional-actors.tsv` are
relative to DIR), and compares each case's triples with its expected lines.

Prints one "PASS extract:CASE" or "FAIL extract:CASE: why" line per case, then two
checks over every triple produced: "extract:provenance" (each triple names a known
document and its sentence is found at its offset) and "extract:schema" (fields present,
with the right types, codes consistent with the action). A malformed .cases file is a FAIL
line, not a crash. Always exits 0 (tests/t0300-extract-cases.sh counts the lines), except 2
for bad usage. BIN defaults to $BIN, then build/accusegraph. --show prints every case's
triples, passing or not. The format of a .cases file is documented at the top of each.
"""
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

ACTIONS = {"accuse", "criticize", "complain", "sue", "deny"}
CODES = {"accuse": {"112", "1121", "1122", "1123", "1124", "1125"}, "criticize": {"111"},
         "complain": {"114"}, "sue": {"115"}, "deny": {"016"}}
PRECISION_RE = {"day": r"\d{4}-\d{2}-\d{2}", "week": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}",
                "year": r"\d{4}", "": r""}
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
COUNTRY_RE = re.compile(r"^([A-Z][A-Z0-9]{1,7}|-)$")
DATE_RE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|-)$")
FIELD_RE = re.compile(r"^([a-z_]+(?:\.[a-z_]+)?)(~?=)(.*)$", re.S)
HEADER_RE = re.compile(r"^(#( .*)?|date:.*|options:.*|field:.*)$")


class CaseError(Exception):
    pass


def squash(s):
    """Collapses runs of white space; the fixtures compare text modulo line wrapping."""
    return " ".join(s.split())


class Expect:
    """One expected line: SOURCE ACTION TARGET [DATE] [field=value | field~=value ...], or '? ...'."""

    def __init__(self, line):
        try:
            toks = shlex.split(line)
        except ValueError as e:
            raise CaseError("bad expected line %r: %s" % (line, e))
        self.optional = bool(toks) and toks[0] == "?"
        if self.optional:
            toks = toks[1:]
        if len(toks) < 3:
            raise CaseError("expected line needs SOURCE ACTION TARGET: %r" % line)
        src, act, tgt = toks[:3]
        if not COUNTRY_RE.match(src) or not COUNTRY_RE.match(tgt):
            raise CaseError("bad country code in %r" % line)
        if act not in ACTIONS:
            raise CaseError("unknown action %r in %r" % (act, line))
        self.src = "" if src == "-" else src
        self.tgt = "" if tgt == "-" else tgt
        self.action = act
        self.date = None
        self.fields = {}  # name -> (op, value)
        rest = toks[3:]
        if rest and DATE_RE.match(rest[0]):
            self.date = "" if rest[0] == "-" else rest[0]
            rest = rest[1:]
        for tok in rest:
            m = FIELD_RE.match(tok)
            if not m:
                raise CaseError("bad token %r in %r (want field=value or field~=value)" % (tok, line))
            name, op, value = m.groups()
            self.fields[name] = (op, "" if value == "-" else value)

    def matches(self, t):
        if self.src != t["_src"] or self.action != t["_action"] or self.tgt != t["_tgt"]:
            return False
        if self.date is not None and self.date != t["_date"]:
            return False
        for name, (op, want) in self.fields.items():
            got = squash(field_value(t, name))
            if op == "=" and got != squash(want):
                return False
            if op == "~=" and squash(want).lower() not in got.lower():
                return False
        return True

    def __str__(self):
        s = "%s%s %s %s" % ("? " if self.optional else "", self.src or "-", self.action, self.tgt or "-")
        if self.date is not None:
            s += " " + (self.date or "-")
        for name, (op, value) in sorted(self.fields.items()):
            s += " %s%s%s" % (name, op, json.dumps(value, ensure_ascii=False) if " " in value or not value
                              else value)
        return s


def field_value(t, name):
    """The value of a (possibly dotted) field of triple t as a comparable string."""
    v = t
    for part in name.split("."):
        v = v.get(part) if isinstance(v, dict) else None
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    return str(v)


class Case:
    def __init__(self, name, path, line):
        self.name, self.path, self.line = name, path, line
        self.why = None
        self.date = None
        self.options = ""
        self.fields = []
        self.text_lines = []
        self.expect = []
        self.none = False
        self.error = None

    def finish(self):
        """Validates the case after parsing; raises CaseError."""
        if not self.why:
            raise CaseError("no '# why:' line")
        while self.text_lines and not self.text_lines[-1].strip():
            self.text_lines.pop()
        if not self.text_lines:
            raise CaseError("no text")
        if not self.none and not self.expect:
            raise CaseError("no expected line (write '(none)' when the text must yield nothing)")
        if self.none and self.expect:
            raise CaseError("'(none)' mixed with expected triples")
        for e in self.expect:
            for f in self.fields:
                if f not in e.fields:
                    raise CaseError("expected line '%s' lacks %s= (declared by field:)" % (e, f))
        try:
            self.opts = tuple(shlex.split(self.options))
        except ValueError as e:
            raise CaseError("bad options line: %s" % e)

    @property
    def text(self):
        return "\n".join(self.text_lines)


def parse_file(path):
    """Returns (cases, errors): cases parsed from path, and (where, message) for what is malformed."""
    cases, errors = [], []
    try:
        with open(path, encoding="utf-8") as fp:
            lines = fp.read().split("\n")
    except (OSError, UnicodeDecodeError) as e:
        return [], [(os.path.basename(path), "cannot read: %s" % e)]
    base = os.path.basename(path)
    cur, state = None, "preamble"  # preamble | header | text | expect

    def close():
        if cur is None:
            return
        if cur.error is None:
            if state in ("header", "text"):
                cur.error = "no '---' line before the expected triples"
            else:
                try:
                    cur.finish()
                except CaseError as e:
                    cur.error = str(e)
        cases.append(cur)

    for no, raw in enumerate(lines, 1):
        line = raw.rstrip("\r")
        if line.startswith("### "):
            close()
            name = line[4:].strip()
            cur, state = Case(name, base, no), "header"
            if not NAME_RE.match(name):
                cur.error = "bad case name %r at %s:%d" % (name, base, no)
            continue
        if cur is None:
            if line.strip() and not line.startswith("#"):
                errors.append(("%s:%d" % (base, no), "text outside a case: %r" % line[:60]))
            continue
        if cur.error is not None:
            continue
        try:
            if state == "header":
                if not line.strip() and not cur.text_lines:
                    continue
                if HEADER_RE.match(line):
                    if line.startswith("# why:"):
                        cur.why = line[6:].strip()
                    elif line.startswith("date:"):
                        cur.date = line[5:].strip()
                        if not cur.date:
                            raise CaseError("empty date: line (omit it for a document without date)")
                    elif line.startswith("options:"):
                        cur.options = line[8:].strip()
                    elif line.startswith("field:"):
                        f = line[6:].strip()
                        if not re.match(r"^[a-z_]+(\.[a-z_]+)?$", f):
                            raise CaseError("bad field name %r" % f)
                        cur.fields.append(f)
                    continue
                state = "text"
            if state == "text":
                if line == "---":
                    state = "expect"
                else:
                    cur.text_lines.append(line)
                continue
            # expected section
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            if s == "(none)":
                cur.none = True
            else:
                cur.expect.append(Expect(s))
        except CaseError as e:
            cur.error = "%s (%s:%d)" % (e, base, no)
    close()
    return cases, errors


def triple_key(t):
    """Adds the comparison keys to triple t (a dict from the extractor's JSON)."""
    def country(a):
        return a.get("country", "") if isinstance(a, dict) else ""
    t["_src"] = country(t.get("source"))
    t["_tgt"] = country(t.get("target"))
    t["_action"] = t.get("action", "")
    t["_date"] = t.get("date", "")
    return t


def show_triple(t):
    return "%s %s %s %s" % (t["_src"] or "-", t["_action"] or "-", t["_tgt"] or "-", t["_date"] or "-")


def bipartite_cover(left, right, edge):
    """True if some matching between left and right covers every element of left."""
    match = {}  # right index -> left index

    def augment(i, seen):
        for j in range(len(right)):
            if edge(left[i], right[j]) and j not in seen:
                seen.add(j)
                if j not in match or augment(match[j], seen):
                    match[j] = i
                    return True
        return False

    return all(augment(i, set()) for i in range(len(left)))


def compare(case, got):
    """Returns None when the triples got match the case, else a reason. A matching must cover
    every required expected line and every triple (Mendelsohn-Dulmage: covering both sides
    separately means one matching covers both)."""
    required = [e for e in case.expect if not e.optional]
    ok_req = bipartite_cover(required, got, lambda e, t: e.matches(t))
    ok_got = bipartite_cover(got, case.expect, lambda t, e: e.matches(t))
    if ok_req and ok_got:
        return None
    exp = "(none)" if case.none else ", ".join(str(e) for e in case.expect)
    gots = []
    for t in got:
        extra = " ".join("%s=%s" % (f, json.dumps(field_value(t, f), ensure_ascii=False))
                         for f in sorted({f for e in case.expect for f in e.fields} | set(case.fields)))
        gots.append(show_triple(t) + (" " + extra if extra else ""))
    sents = sorted({squash(t.get("sentence", "")) for t in got})
    why = "expected [%s] got [%s]" % (exp, ", ".join(gots) if gots else "(none)")
    if sents:
        why += " (sentences: %s)" % " | ".join(json.dumps(s, ensure_ascii=False)[:200] for s in sents)
    return why


def check_triple(t, keep_negated):
    """Schema problems of one triple, as a list of strings."""
    probs = []
    for k in ("doc", "sentence", "action", "code", "date", "date_precision", "charge", "topic", "rule"):
        if not isinstance(t.get(k), str):
            probs.append("%s is not a string" % k)
    for side in ("source", "target"):
        a = t.get(side)
        if not isinstance(a, dict) or not all(isinstance(a.get(k), str) for k in ("name", "id", "type", "country")):
            probs.append("%s lacks name/id/type/country strings" % side)
        elif a["type"] not in ("state", "igo", "org", "person", "group", "ngo"):
            probs.append("%s.type %r" % (side, a["type"]))
    if not isinstance(t.get("offset"), int) or isinstance(t.get("offset"), bool) or t.get("offset", -1) < 0:
        probs.append("offset is not a non-negative integer")
    if not isinstance(t.get("negated"), bool):
        probs.append("negated is not a boolean")
    elif t["negated"] and not keep_negated:
        probs.append("negated triple without --keep-negated")
    c = t.get("confidence")
    if not isinstance(c, (int, float)) or isinstance(c, bool) or not 0 < c <= 1:
        probs.append("confidence %r not in (0, 1]" % (c,))
    if t.get("action") not in ACTIONS:
        probs.append("action %r" % t.get("action"))
    elif t.get("code") not in CODES[t["action"]]:
        probs.append("code %r for %s" % (t.get("code"), t["action"]))
    p = t.get("date_precision")
    if p not in PRECISION_RE:
        probs.append("date_precision %r" % p)
    elif isinstance(t.get("date"), str) and not re.fullmatch(PRECISION_RE[p], t["date"]):
        probs.append("date %r with precision %r" % (t["date"], p))
    if t.get("topic") not in ("cyber", "election-interference", "aggression", "espionage", "human-rights",
                              "corruption", "trade", "other"):
        probs.append("topic %r" % t.get("topic"))
    return probs


def offset_ok(text, t):
    """The triple's sentence is found at its byte offset of the document text (modulo white space)."""
    b = text.encode("utf-8")
    off, sent = t.get("offset"), t.get("sentence")
    if not isinstance(off, int) or not isinstance(sent, str) or not sent.strip() or off > len(b):
        return False
    at = b[off:off + 4 * len(sent.encode("utf-8")) + 64].decode("utf-8", "replace")
    return squash(at).startswith(squash(sent))


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    show, bin_path, cdir, filters = False, None, os.path.join(here, "extract"), []
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--show":
            show = True
        elif a in ("--bin", "--dir") and args:
            if a == "--bin":
                bin_path = args.pop(0)
            else:
                cdir = args.pop(0)
        elif a in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        elif a.startswith("-"):
            print("extract_cases.py: unknown option %s" % a, file=sys.stderr)
            return 2
        else:
            filters.append(a)
    if bin_path is None:
        bin_path = os.environ.get("BIN") or os.path.join(os.path.dirname(here), "build", "accusegraph")
    bin_path = os.path.abspath(bin_path)
    cdir = os.path.abspath(cdir)

    cases, seen = [], {}
    try:
        files = sorted(f for f in os.listdir(cdir) if f.endswith(".cases"))
    except OSError as e:
        print("FAIL extract:cases-dir: %s" % e)
        return 0
    if not files:
        print("FAIL extract:cases-dir: no .cases files in %s" % cdir)
        return 0
    for f in files:
        fc, errs = parse_file(os.path.join(cdir, f))
        for where, msg in errs:
            print("FAIL extract:%s: malformed: %s" % (where, msg))
        for c in fc:
            if c.error is None and c.name in seen:
                c.error = "duplicate case name (also %s:%d)" % seen[c.name]
            seen.setdefault(c.name, (c.path, c.line))
            cases.append(c)
    if filters:
        cases = [c for c in cases if any(s in c.name for s in filters)]

    groups = {}
    for c in cases:
        if c.error is not None:
            print("FAIL extract:%s: malformed case: %s" % (c.name, c.error))
            continue
        groups.setdefault(c.opts, []).append(c)

    ntriples, prov_bad, schema_bad = 0, [], []
    with tempfile.TemporaryDirectory(prefix="extract-cases.") as tmp:
        for gi, opts in enumerate(sorted(groups)):
            group = groups[opts]
            docs = os.path.join(tmp, "group%02d.jsonl" % gi)
            with open(docs, "w", encoding="utf-8") as fp:
                for c in group:
                    d = {"id": c.name}
                    if c.date is not None:
                        d["date"] = c.date
                    d["text"] = c.text
                    fp.write(json.dumps(d, ensure_ascii=False) + "\n")
            # --no-dedup: a case lists every report the extractor finds (merging repeats is tested
            # in tests/t0330-dedup.sh)
            cmd = [bin_path, "extract", "--format", "jsonl", "--no-dedup"] + list(opts) + [docs]
            try:
                p = subprocess.run(cmd, cwd=cdir, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
                rc, out, err = p.returncode, p.stdout, p.stderr
            except (OSError, subprocess.TimeoutExpired) as e:
                rc, out, err = -1, b"", str(e).encode()
            if rc != 0:
                msg = "extract %s exited %d: %s" % (" ".join(opts) or "(no options)", rc,
                                                    squash(err.decode("utf-8", "replace"))[:200])
                for c in group:
                    print("FAIL extract:%s: %s" % (c.name, msg))
                continue
            bydoc = {c.name: [] for c in group}
            texts = {c.name: c.text for c in group}
            for ln, line in enumerate(out.decode("utf-8", "replace").split("\n"), 1):
                if not line.strip():
                    continue
                try:
                    t = json.loads(line)
                    if not isinstance(t, dict):
                        raise ValueError("not an object")
                except ValueError as e:
                    schema_bad.append("output line %d of %s is not a JSON object: %s" % (ln, " ".join(opts), e))
                    continue
                ntriples += 1
                triple_key(t)
                doc = t.get("doc")
                if doc not in bydoc:
                    prov_bad.append("triple for unknown doc %r" % (doc,))
                    continue
                bydoc[doc].append(t)
                if not offset_ok(texts[doc], t):
                    prov_bad.append("%s: sentence %r not at offset %r" % (doc, squash(str(t.get("sentence")))[:80],
                                                                          t.get("offset")))
                probs = check_triple(t, "--keep-negated" in opts)
                if probs:
                    schema_bad.append("%s: %s" % (doc, "; ".join(probs)))
            for c in group:
                got = bydoc[c.name]
                why = compare(c, got)
                if why is None:
                    print("PASS extract:%s" % c.name)
                else:
                    print("FAIL extract:%s: %s" % (c.name, why))
                if show:
                    print("  # %s:%d %s" % (c.path, c.line, c.why))
                    for t in got:
                        print("  # got %s negated=%s topic=%s precision=%s rule=%s conf=%s charge=%s" % (
                            show_triple(t), json.dumps(t.get("negated")), t.get("topic"), t.get("date_precision"),
                            t.get("rule"), t.get("confidence"), json.dumps(t.get("charge"), ensure_ascii=False)))
                        print("  #     sentence: %s" % json.dumps(squash(str(t.get("sentence"))), ensure_ascii=False))

    if not groups:
        return 0
    if ntriples == 0:
        print("FAIL extract:provenance: no triples produced")
        print("FAIL extract:schema: no triples produced")
        return 0
    if prov_bad:
        print("FAIL extract:provenance: %d of %d triples: %s" % (len(prov_bad), ntriples, " | ".join(prov_bad[:3])))
    else:
        print("PASS extract:provenance")
    if schema_bad:
        print("FAIL extract:schema: %d problems: %s" % (len(schema_bad), " | ".join(schema_bad[:3])))
    else:
        print("PASS extract:schema")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Exception as e:  # a broken fixture or runner bug is a FAIL line, never a crash
        print("FAIL extract:runner: %s: %s" % (type(e).__name__, e))
        sys.exit(0)
