/* ag_parse.c - the syntactic stage: the model, words from tokens, tagging and parsing, CoNLL-U
 * output and evaluation (see ag_parse.h; features and transitions are in parse_model.c). */
#include "ag_parse.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse_model.h"

/* ---- names ---- */

static const char *const upos_names[AG_NUPOS] = {
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
    "SCONJ", "SYM", "VERB", "X"};

static const char *const deprel_names[AG_NDEPREL] = {
    "dep", "acl", "acl:relcl", "advcl", "advcl:relcl", "advmod", "amod", "appos", "aux", "aux:pass", "case",
    "cc", "cc:preconj", "ccomp", "clf", "compound", "compound:prt", "conj", "cop", "csubj", "csubj:outer",
    "csubj:pass", "det", "det:predet", "discourse", "dislocated", "expl", "fixed", "flat", "goeswith", "iobj",
    "list", "mark", "nmod", "nmod:desc", "nmod:poss", "nmod:unmarked", "nsubj", "nsubj:outer", "nsubj:pass",
    "nummod", "obj", "obl", "obl:agent", "obl:unmarked", "orphan", "parataxis", "punct", "reparandum", "root",
    "vocative", "xcomp"};

const char *ag_upos_name(int upos) { return upos >= 0 && upos < AG_NUPOS ? upos_names[upos] : "X"; }
const char *ag_deprel_name(int rel) { return rel >= 0 && rel < AG_NDEPREL ? deprel_names[rel] : "dep"; }

static int name_index(const char *const *names, int n, const char *s, size_t len)
{
    for (int i = 0; i < n; i++)
        if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
            return i;
    return -1;
}

int ag_upos_from_name(const char *s, size_t n) { return name_index(upos_names, AG_NUPOS, s, n); }
int ag_deprel_from_name(const char *s, size_t n) { return name_index(deprel_names, AG_NDEPREL, s, n); }

/* ---- sentences ---- */

/* The scratch state behind ag_parse.work. */
typedef struct parse_work {
    pm_work k;
    size_t cap;
    uint16_t *tags;
    uint32_t *heads;
    uint8_t *labels;
    const char **forms;
} parse_work;

void ag_parse_init(ag_parse *s) { memset(s, 0, sizeof *s); }

void ag_parse_destroy(ag_parse *s)
{
    parse_work *pw = s->work;
    if (pw) {
        ag_pm_work_free(&pw->k);
        free(pw->tags);
        free(pw->heads);
        free(pw->labels);
        free(pw->forms);
        free(pw);
    }
    free(s->w);
    free(s->pool);
    ag_parse_init(s);
}

void ag_parse_clear(ag_parse *s)
{
    s->n = 0;
    s->pool_len = 0;
}

ag_status ag_parse_add(ag_parse *s, const char *form, size_t len, uint32_t tok, bool space_after)
{
    if (s->n + 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        ag_word *w = realloc(s->w, cap * sizeof *w);
        if (!w)
            return AG_ERR_NOMEM;
        s->w = w;
        s->cap = cap;
    }
    if (s->pool_len + len + 1 > s->pool_cap) {
        size_t cap = s->pool_cap ? s->pool_cap : 1024;
        while (cap < s->pool_len + len + 1)
            cap *= 2;
        char *p = malloc(cap);
        if (!p)
            return AG_ERR_NOMEM;
        if (s->pool_len)
            memcpy(p, s->pool, s->pool_len);
        for (size_t i = 1; i <= s->n; i++) /* the forms move with the pool */
            s->w[i].form = p + (s->w[i].form - s->pool);
        free(s->pool);
        s->pool = p;
        s->pool_cap = cap;
    }
    memcpy(s->pool + s->pool_len, form, len);
    s->pool[s->pool_len + len] = '\0';
    ag_word *w = &s->w[++s->n];
    memset(w, 0, sizeof *w);
    w->form = s->pool + s->pool_len;
    w->tok = tok;
    w->space_after = space_after;
    s->pool_len += len + 1;
    return AG_OK;
}

/* ---- the model ---- */

struct ag_parser {
    pm_model m;
    void *owned;               /* the model's bytes when copied */
    const char **xpos;         /* ntags */
    const char **labels;       /* nlabels */
    uint8_t *tag_upos;         /* ntags */
    uint8_t *label_rel;        /* nlabels */
    const char *info;
};

static ag_status bad_model(ag_err *err, const char *what, const char *why)
{
    return ag_fail(err, AG_ERR_INPUT, "%s: not a usable parser model (%s)", what, why);
}

static bool in_file(size_t len, uint32_t off, uint64_t bytes, unsigned align)
{
    return off % align == 0 && off <= len && bytes <= len - off;
}

static ag_status table_open(const uint8_t *d, size_t len, const pm_table_header *h, uint32_t nclasses,
                            pm_table *t, const char *what, ag_err *err)
{
    if (h->nentries >= (1u << 23) || h->nslots == 0 || h->nfeatures >= h->nslots || nclasses > PM_ROW_LEN ||
        (h->nrows && h->row_len != PM_ROW_LEN))
        return bad_model(err, what, "table size");
    if (!in_file(len, h->slots_off, (uint64_t)h->nslots * 8, 8) ||
        !in_file(len, h->entries_off, (uint64_t)h->nentries * 2, 2) || !in_file(len, h->book_off, 512, 2) ||
        !in_file(len, h->rows_off, (uint64_t)h->nrows * PM_ROW_LEN * 2, 8))
        return bad_model(err, what, "table outside the file");
    t->nslots = h->nslots;
    t->slots = (const uint64_t *)(d + h->slots_off);
    t->entries = (const uint16_t *)(d + h->entries_off);
    t->book = (const int16_t *)(d + h->book_off);
    t->rows = (const int16_t *)(d + h->rows_off);
    t->row_len = h->row_len;
    uint64_t used = 0;
    for (uint32_t i = 0; i < h->nslots; i++) {
        uint64_t s = t->slots[i];
        if (!(uint32_t)s)
            continue;
        used++;
        uint32_t v = (uint32_t)(s >> 32);
        if (v & PM_DENSE) {
            if ((v & ~PM_DENSE) >= h->nrows)
                return bad_model(err, what, "row outside the table");
        } else if ((uint64_t)(v >> 8) + (v & 0xff) > h->nentries) {
            return bad_model(err, what, "entry outside the table");
        }
    }
    if (used != h->nfeatures)
        return bad_model(err, what, "feature count");
    for (uint32_t e = 0; e < h->nentries; e++)
        if ((t->entries[e] >> 8) >= nclasses)
            return bad_model(err, what, "class out of range");
    return AG_OK;
}

/* Opens the model in d[0..len) (which must stay put, 8-byte aligned) into p. */
static ag_status model_open(const uint8_t *d, size_t len, ag_parser *p, const char *what, ag_err *err)
{
    pm_header h;
    if (len < sizeof h)
        return bad_model(err, what, "too short");
    memcpy(&h, d, sizeof h);
    if (memcmp(h.magic, PM_MAGIC, 8) != 0)
        return bad_model(err, what, "no AGPARSE1 header");
    if (h.version != PM_VERSION)
        return bad_model(err, what, "another format version");
    if (h.features != ag_pm_features_revision())
        return bad_model(err, what, "trained with other feature templates; retrain with 'make model'");
    if (h.ntags == 0 || h.ntags > 255 || h.nlabels == 0 || pm_nclasses(h.nlabels) > 255)
        return bad_model(err, what, "tag or label count");
    if (!in_file(len, h.strings_off, h.strings_len, 1) || h.strings_len == 0 ||
        d[h.strings_off + h.strings_len - 1] != '\0')
        return bad_model(err, what, "string table");
    p->m.ntags = h.ntags;
    p->m.nlabels = h.nlabels;
    p->xpos = calloc(h.ntags, sizeof *p->xpos);
    p->labels = calloc(h.nlabels, sizeof *p->labels);
    p->tag_upos = calloc(h.ntags, 1);
    p->label_rel = calloc(h.nlabels, 1);
    if (!p->xpos || !p->labels || !p->tag_upos || !p->label_rel)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    const char *s = (const char *)d + h.strings_off, *se = s + h.strings_len;
    uint32_t need = h.ntags + h.nlabels + 1;
    p->m.root_label = -1;
    for (uint32_t i = 0; i < need; i++) {
        if (s >= se)
            return bad_model(err, what, "too few strings");
        size_t n = strlen(s);
        if (i < h.ntags) {
            const char *sp = strchr(s, ' ');
            int u = sp ? ag_upos_from_name(s, (size_t)(sp - s)) : -1;
            p->tag_upos[i] = (uint8_t)(u < 0 ? AG_UPOS_X : u);
            p->xpos[i] = sp ? sp + 1 : "_";
        } else if (i < h.ntags + h.nlabels) {
            uint32_t l = i - h.ntags;
            int r = ag_deprel_from_name(s, n);
            p->labels[l] = s;
            p->label_rel[l] = (uint8_t)(r < 0 ? AG_DEP_DEP : r);
            if (r == AG_DEP_ROOT)
                p->m.root_label = (int)l;
        } else {
            p->info = s;
        }
        s += n + 1;
    }
    p->m.tag_upos = p->tag_upos;
    ag_status st = table_open(d, len, &h.tagger, h.ntags, &p->m.tagger, what, err);
    if (st == AG_OK)
        st = table_open(d, len, &h.parser, pm_nclasses(h.nlabels), &p->m.parser, what, err);
    if (st == AG_OK)
        st = table_open(d, len, &h.vocab, 1, &p->m.vocab, what, err);
    if (st == AG_OK && h.tagger2.nfeatures)
        st = table_open(d, len, &h.tagger2, h.ntags, &p->m.tagger2, what, err);
    return st;
}

void ag_parser_free(ag_parser *p)
{
    if (!p)
        return;
    free(p->xpos);
    free(p->labels);
    free(p->tag_upos);
    free(p->label_rel);
    free(p->owned);
    free(p);
}

ag_status ag_parser_from_memory(const void *data, size_t n, ag_parser **out, ag_err *err)
{
    *out = NULL;
    ag_parser *p = calloc(1, sizeof *p);
    void *copy = malloc(n ? n : 1);
    if (!p || !copy) {
        free(p);
        free(copy);
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    }
    memcpy(copy, data, n);
    p->owned = copy;
    ag_status st = model_open(copy, n, p, "model", err);
    if (st != AG_OK) {
        ag_parser_free(p);
        return st;
    }
    *out = p;
    return AG_OK;
}

ag_status ag_parser_load(const char *path, ag_parser **out, ag_err *err)
{
    char *data;
    size_t n;
    *out = NULL;
    ag_status st = ag_read_file(path, (size_t)256 << 20, "no parser model is that large", &data, &n, err);
    if (st != AG_OK)
        return st;
    ag_parser *p = calloc(1, sizeof *p);
    if (!p) {
        free(data);
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    }
    p->owned = data; /* malloc'ed, so aligned for any type */
    if ((st = model_open((const uint8_t *)data, n, p, path, err)) != AG_OK) {
        ag_parser_free(p);
        return st;
    }
    *out = p;
    return AG_OK;
}

/* The model's bytes, placed by the build (build/gen/ag_model.S, from src/data/parser.model.gz). */
extern const unsigned char ag_model_data[];
extern const uint64_t ag_model_size;

static ag_parser builtin;
static ag_status builtin_status;
static ag_err builtin_err;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_open(void)
{
    size_t n = (size_t)ag_model_size;
    if (n == 0)
        builtin_status = ag_fail(&builtin_err, AG_ERR_INTERNAL,
                                 "this build has no parser model (src/data/parser.model.gz; make model trains one)");
    else
        builtin_status = model_open(ag_model_data, n, &builtin, "built-in model", &builtin_err);
}

ag_status ag_parser_builtin(const ag_parser **out, ag_err *err)
{
    pthread_once(&builtin_once, builtin_open);
    *out = builtin_status == AG_OK ? &builtin : NULL;
    if (builtin_status != AG_OK && err)
        *err = builtin_err;
    return builtin_status;
}

const char *ag_parser_info(const ag_parser *p) { return p->info ? p->info : ""; }
const char *ag_parser_xpos(const ag_parser *p, int t) { return t >= 0 && (uint32_t)t < p->m.ntags ? p->xpos[t] : "_"; }
const char *ag_parser_label(const ag_parser *p, int l)
{
    return l >= 0 && (uint32_t)l < p->m.nlabels ? p->labels[l] : "dep";
}

/* ---- tagging and parsing ---- */

static ag_status work_reserve(ag_parse *s, size_t n, uint32_t nclasses)
{
    parse_work *pw = s->work;
    if (!pw) {
        pw = calloc(1, sizeof *pw);
        if (!pw)
            return AG_ERR_NOMEM;
        s->work = pw;
    }
    if (ag_pm_work_reserve(&pw->k, n, nclasses) != AG_OK)
        return AG_ERR_NOMEM;
    if (n > pw->cap) {
        size_t cap = pw->cap ? pw->cap : 64;
        while (cap < n)
            cap *= 2;
        uint16_t *t = realloc(pw->tags, cap * sizeof *t);
        if (t)
            pw->tags = t;
        uint32_t *h = realloc(pw->heads, cap * sizeof *h);
        if (h)
            pw->heads = h;
        uint8_t *l = realloc(pw->labels, cap);
        if (l)
            pw->labels = l;
        const char **f = realloc(pw->forms, cap * sizeof *f);
        if (f)
            pw->forms = f;
        if (!t || !h || !l || !f)
            return AG_ERR_NOMEM;
        pw->cap = cap;
    }
    return AG_OK;
}

ag_status ag_parser_run(const ag_parser *p, ag_parse *s)
{
    size_t n = s->n;
    uint32_t ncls = pm_nclasses(p->m.nlabels);
    if (work_reserve(s, n, ncls > p->m.ntags ? ncls : p->m.ntags) != AG_OK)
        return AG_ERR_NOMEM;
    if (n == 0)
        return AG_OK;
    parse_work *pw = s->work;
    bool any_want = false;
    for (size_t i = 0; i < n; i++) {
        pw->forms[i] = s->w[i + 1].form;
        ag_pm_tword_fill(&pw->k.tw[i], s->w[i + 1].form, strlen(s->w[i + 1].form), i == 0);
        pw->k.want[i] = s->w[i + 1].want <= AG_NUPOS ? s->w[i + 1].want : 0;
        any_want |= pw->k.want[i] != 0;
    }
    pw->k.constrained = any_want;
    ag_pm_tag(&p->m, &pw->k, n, pw->tags);
    ag_pm_parse(&p->m, &pw->k, n, pw->tags, pw->forms, pw->heads, pw->labels);
    for (size_t i = 0; i < n; i++) {
        ag_word *w = &s->w[i + 1];
        w->tag = pw->tags[i];
        w->upos = p->tag_upos[pw->tags[i]];
        w->head = pw->heads[i];
        w->label = pw->labels[i];
        w->rel = p->label_rel[pw->labels[i]];
    }
    return AG_OK;
}

/* ---- tokens to words ---- */

/* Where a token splits into two UD words: the length of the first word, or 0 (see ag_parse.h). */
static size_t split_point(const char *f, size_t n)
{
    if (n == 6 && strncasecmp(f, "cannot", 6) == 0)
        return 3;
    size_t a = n, al = 0; /* the last apostrophe, ASCII or U+2019 */
    for (size_t i = 0; i < n; i++) {
        if (f[i] == '\'') {
            a = i;
            al = 1;
        } else if (i + 2 < n && (unsigned char)f[i] == 0xE2 && (unsigned char)f[i + 1] == 0x80 &&
                   (unsigned char)f[i + 2] == 0x99) {
            a = i;
            al = 3;
            i += 2;
        }
    }
    if (a == n || a == 0)
        return 0;
    const char *r = f + a + al;
    size_t rl = n - a - al;
    if (rl == 1 && (r[0] == 't' || r[0] == 'T') && a >= 2 && (f[a - 1] == 'n' || f[a - 1] == 'N'))
        return a - 1;
    if (rl == 1 && (r[0] == 'm' || r[0] == 'M') && a == 1 && (f[0] == 'I' || f[0] == 'i'))
        return a; /* "I'm"; not "ma'm" */
    if (rl == 1 && (r[0] == 'd' || r[0] == 'D'))
        return a;
    if (rl == 2 && (strncasecmp(r, "re", 2) == 0 || strncasecmp(r, "ve", 2) == 0 || strncasecmp(r, "ll", 2) == 0))
        return a;
    return 0;
}

ag_status ag_parse_tokens(const ag_parser *p, const char *text, size_t text_len, const ag_tokens *t, ag_parse *s)
{
    return ag_parse_tokens_known(p, text, text_len, t, NULL, s);
}

ag_status ag_parse_tokens_known(const ag_parser *p, const char *text, size_t text_len, const ag_tokens *t,
                                const uint8_t *want, ag_parse *s)
{
    return ag_parse_tokens_from(p, text, text_len, t, 0, want, s);
}

ag_status ag_parse_tokens_from(const ag_parser *p, const char *text, size_t text_len, const ag_tokens *t,
                               size_t first, const uint8_t *want, ag_parse *s)
{
    ag_parse_clear(s);
    for (size_t i = first; i < t->len; i++) {
        const ag_token *k = &t->items[i];
        const char *f = text + k->start;
        size_t n = k->end - k->start;
        size_t j = i; /* last token of the word */
        /* a run of dots or of hyphens with nothing between is one word */
        if (k->kind == AG_TOK_PUNCT && n == 1 && (f[0] == '.' || f[0] == '-'))
            while (j + 1 < t->len && t->items[j + 1].kind == AG_TOK_PUNCT && !(t->items[j + 1].flags & AG_TF_SPACE) &&
                   t->items[j + 1].end - t->items[j + 1].start == 1 && text[t->items[j + 1].start] == f[0])
                j++;
        size_t e = t->items[j].end;
        bool space = j + 1 < t->len ? (t->items[j + 1].flags & AG_TF_SPACE) != 0
                                    : e >= text_len || isspace((unsigned char)text[e]);
        size_t len = t->items[j].end - k->start;
        size_t cut = k->kind == AG_TOK_WORD ? split_point(f, len) : 0;
        ag_status st;
        if (cut) {
            if ((st = ag_parse_add(s, f, cut, (uint32_t)i, false)) != AG_OK ||
                (st = ag_parse_add(s, f + cut, len - cut, (uint32_t)i, space)) != AG_OK)
                return st;
        } else if ((st = ag_parse_add(s, f, len, (uint32_t)i, space)) != AG_OK) {
            return st;
        } else if (want && j == i) {
            s->w[s->n].want = want[i];
        }
        i = j;
    }
    return ag_parser_run(p, s);
}

/* ---- output ---- */

ag_status ag_parse_conllu(const ag_parser *p, const ag_parse *s, ag_buf *b)
{
    for (size_t i = 1; i <= s->n; i++) {
        const ag_word *w = &s->w[i];
        if (ag_buf_printf(b, "%zu\t%s\t_\t%s\t%s\t_\t%u\t%s\t_\t%s\n", i, w->form, ag_upos_name(w->upos),
                          ag_parser_xpos(p, w->tag), (unsigned)w->head, ag_parser_label(p, w->label),
                          w->space_after ? "_" : "SpaceAfter=No") != AG_OK)
            return AG_ERR_NOMEM;
    }
    return ag_buf_putc(b, '\n');
}

bool ag_word_negates(const ag_parse *s, size_t i)
{
    if (i < 1 || i > s->n)
        return false;
    const ag_word *w = &s->w[i];
    if (w->rel != AG_DEP_ADVMOD && w->rel != AG_DEP_DET)
        return false;
    const char *f = w->form;
    return strcasecmp(f, "not") == 0 || strcasecmp(f, "n't") == 0 || strcasecmp(f, "n\xE2\x80\x99t") == 0 ||
           strcasecmp(f, "never") == 0 || strcasecmp(f, "no") == 0;
}

/* ---- evaluation ---- */

static size_t universal_len(const char *rel)
{
    const char *c = strchr(rel, ':');
    return c ? (size_t)(c - rel) : strlen(rel);
}

ag_status ag_parser_evaluate(const ag_parser *p, const ag_treebank *tb, ag_parse_scores *out, FILE *pred, ag_err *err)
{
    memset(out, 0, sizeof *out);
    ag_parse s;
    ag_parse_init(&s);
    ag_buf b;
    ag_buf_init(&b);
    size_t upos = 0, xpos = 0, uas = 0, las = 0, lasf = 0, words = 0, wuas = 0, wlas = 0;
    for (size_t i = 0; i < tb->n; i++) {
        const ag_gold_sent *g = &tb->s[i];
        ag_parse_clear(&s);
        for (size_t j = 0; j < g->n; j++)
            if (ag_parse_add(&s, g->w[j].form, strlen(g->w[j].form), (uint32_t)j, g->w[j].space_after) != AG_OK)
                goto nomem;
        double t0 = ag_seconds();
        if (ag_parser_run(p, &s) != AG_OK)
            goto nomem;
        out->seconds += ag_seconds() - t0;
        if (pred) {
            ag_buf_clear(&b);
            if (ag_buf_printf(&b, "# sent_id = %s\n# text = %s\n", g->sent_id, g->text) != AG_OK ||
                ag_parse_conllu(p, &s, &b) != AG_OK)
                goto nomem;
            if (fwrite(b.data, 1, b.len, pred) != b.len) {
                ag_parse_destroy(&s);
                ag_buf_destroy(&b);
                return ag_fail(err, AG_ERR_IO, "cannot write the parses: %s", strerror(errno));
            }
        }
        for (size_t j = 0; j < g->n; j++) {
            const ag_word *w = &s.w[j + 1];
            const ag_gold_word *gw = &g->w[j];
            bool word = strcmp(gw->upos, "PUNCT") != 0;
            upos += strcmp(ag_upos_name(w->upos), gw->upos) == 0;
            xpos += strcmp(ag_parser_xpos(p, w->tag), gw->xpos) == 0;
            words += word;
            if (w->head != gw->head)
                continue;
            uas++;
            wuas += word;
            const char *rel = ag_parser_label(p, w->label);
            size_t ul = universal_len(rel);
            bool lab = ul == universal_len(gw->deprel) && memcmp(rel, gw->deprel, ul) == 0;
            las += lab;
            wlas += lab && word;
            lasf += strcmp(rel, gw->deprel) == 0;
        }
        out->words += g->n;
    }
    out->sentences = tb->n;
    if (out->words) {
        double n = (double)out->words;
        out->upos = (double)upos / n;
        out->xpos = (double)xpos / n;
        out->uas = (double)uas / n;
        out->las = (double)las / n;
        out->las_full = (double)lasf / n;
    }
    if (words) {
        out->uas_nopunct = (double)wuas / (double)words;
        out->las_nopunct = (double)wlas / (double)words;
    }
    ag_parse_destroy(&s);
    ag_buf_destroy(&b);
    return AG_OK;
nomem:
    ag_parse_destroy(&s);
    ag_buf_destroy(&b);
    return ag_fail(err, AG_ERR_NOMEM, "out of memory");
}
