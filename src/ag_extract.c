/* ag_extract.c - the accusation extractor (see ag_extract.h).
 *
 * Per sentence: tokens -> lexicon marks (one phrase table per word class) -> noun phrases
 * holding actors -> for each trigger, its frame finds source and target phrases -> triples.
 * A document-wide registry of entities resolves pronouns, descriptions and surnames.
 */
#include "ag_extract.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ag_date.h"

extern const char ag_data_lexicon[];

/* ---- lexicon ------------------------------------------------------------------------ */

enum lex_class {
    L_VERB, L_NOUN, L_COPULA, L_DEED, L_SAY, L_VOICE, L_ACCNOUN, L_NEG, L_MODAL, L_SKIP, L_BE,
    L_ROLE, L_DESC, L_PRON, L_INSULT, L_TOPIC, L_NONACTOR, L_DISMISS, L_INCUR, L_ORGWORD, L_NOTNAME, L_FIRSTNAME, L_ACT, L_FAULT, L_INTENT, L_DOMESTIC, L_LEGAL, L_DISCLAIM, L_NOTRIGGER, L_SUMMON, L_OFFICE, L_AGENTOF, L_INQUIRE, L_NCLASSES
};

static const char *const class_names[L_NCLASSES] = {
    "verb", "noun", "copula", "deed", "say", "voice", "accnoun", "neg", "modal", "skip", "be",
    "role", "desc", "pron", "insult", "topic", "nonactor", "dismiss", "incur", "orgword", "notname", "firstname", "act", "fault", "intent", "domestic", "legal", "disclaim", "notrigger", "summon", "office", "agentof", "inquire"};

enum frame { F_NONE, F_OBJ, F_BLAME, F_THAT, F_HOLD, F_AT, F_CALL, F_OF, F_DENY, F_COMPLAIN, F_CHARGE,
             F_EMOTION,   /* nouns: the "of" phrase is who feels it ("the ire of X") */
             F_RECIPROCAL /* nouns: a quarrel of its clause's subject "with" another ("a war of words with X") */ };

static const char *const frame_names[] = {"-", "obj", "blame", "that", "hold", "at", "call", "of", "deny", "complain",
                                          "charge", NULL};

typedef struct lex_entry {
    int cls;
    char *arg1; /* action, desc type, pron kind, topic */
    char *arg2; /* code, desc ids, topic code */
    int frame;
    const char *prep; /* F_AT: the preposition before the target ("at", "to") */
} lex_entry;

/* ---- entities and mentions ---------------------------------------------------------- */

typedef struct entity {
    char *name, *id, *type, *country;
    char *surname; /* persons: the last word of the name, for "Mr X" and "X" */
    char *titles;  /* persons: role words seen before the name, " a b c " */
    int last_seen; /* sentence number of the latest mention */
    int first_tok; /* token of the first mention in the current sentence, or -1 */
    int prev_order, prev_subj; /* order and last_subj as they were before the current sentence */
    int last_subj; /* sentence number of the latest mention as a subject */
    int order;     /* global mention counter at the latest mention */
    int mentions;  /* noun phrases naming it in the document so far */
    char gender;   /* persons: 'f' or 'm' from the first name (src/data/lexicon.tsv), 0 unknown */
    /* indexes that keep every lookup independent of the document's length */
    int country_ix; /* its country in the document's country tally, -1 for none */
    int next_same_surname; /* the entity added before it with the same surname, or -1 */
    int newer, older;      /* neighbours in the list of entities by latest mention */
    bool touched;          /* in the list of entities changed in the current sentence */
    bool proceeding;       /* stands for a proceeding ("the investigation (USA)") */
} entity;

/* Mentions of one country's actors in the document so far, for main_country. */
typedef struct country_tally {
    char *code;
    int64_t mentions;      /* mentions of its actors */
    int64_t prev_mentions; /* of those, before the current sentence */
    int latest;            /* order of the latest of them */
    bool counts;           /* some actor of it is no IGO and not the West: it can be the main country */
} country_tally;

#define MAX_GROUP 8
#define NAMED_ORGS 4 /* organisations remembered from sentences not parsed */
#define PARSE_MAX_TOKENS 250 /* longer candidate sentences are not parsed */

/* A noun phrase that names one actor or a coordinated group of actors. */
typedef struct np {
    size_t a, b;          /* token span [a, b) */
    int ents[MAX_GROUP];
    int nents;
    bool poss;            /* ends in a possessive: "Russia's" */
    bool modifier;        /* an adjective alone before a non-actor noun: "Russian tanks" */
    bool inferred;        /* resolved from a pronoun or a description */
    bool organ;           /* names an organ or office: "the Russian foreign ministry", "the Rwandan capital" */
} np;

struct ag_extractor {
    const ag_actors *dict;
    ag_extract_opts opts;
    ag_extract_stats stats;
    ag_phrases *tables[L_NCLASSES];
    ag_phrases *first_words; /* the first token of every lexicon phrase */
    lex_entry *lex;
    size_t nlex, caplex;
    /* per document */
    entity *ents;
    size_t nents, capents;
    int *id_slots;      /* open-addressing hash of entity ids -> entity, -1 empty */
    int *surname_slots; /* hash of surnames -> the latest entity added with it, -1 empty */
    size_t slots_cap;   /* a power of two, at least twice nents */
    int mru_head, mru_tail; /* entities by latest mention, the latest first; never mentioned last */
    struct { int ent, sent; } named_orgs[NAMED_ORGS]; /* organisations remembered from sentences not parsed,
                                                       * the latest first (for "the bureau" in a later one) */
    int *touched;       /* entities whose mention fields changed in the current sentence (capents cells) */
    size_t ntouched;
    country_tally *countries;
    size_t ncountries, capcountries;
    int sentno, order;
    int last_group[MAX_GROUP];
    int last_group_n, last_group_sent;
    int last_plural[MAX_GROUP]; /* the latest subject named by a plural description ("Freedonian ministers") */
    int last_plural_n, last_plural_sent;
    int prosecutor; /* the source of the document's latest legal charge, or -1 */
    bool title_case; /* the current sentence is a headline in title case */
    const np *avoid; /* while resolving an object pronoun: the subject it cannot refer to ("X accused it") */
    /* per sentence, reused */
    ag_tokens toks;
    ag_parse parse;     /* the candidate sentence's words, tags and tree when opts.parser is set */
    int parsed_sent;    /* the sentence the parse is of, -1 for none */
    uint32_t *tok_word; /* token -> its (first) word in the parse, 0 for none */
    size_t tok_word_cap;
    uint8_t *tok_want;  /* token -> the UPOS + 1 the tagger must give it (dictionary names), or 0 */
    size_t tok_want_cap;
    ag_spans sents;
    uint32_t *mark_len; /* [tok * L_NCLASSES + cls]: phrase length in tokens, 0 = none */
    uint32_t *mark_val;
    size_t mark_cap;
    np *nps;
    size_t nnps, capnps;
    int *np_of; /* token -> np index or -1 */
    size_t np_cap;
    ag_buf scratch;
};

/* ---- loading ------------------------------------------------------------------------ */

/* A class's bit in first_words' masks: classes past the 31st share the last bit. */
#define CLASS_BIT(c) ((c) < 31 ? 1u << (c) : 1u << 31)

/* Records the first token of a lexicon phrase with the classes whose phrases it starts (a bit
 * mask), so that mark_tokens looks up only those classes, and none for the many tokens that start
 * no phrase at all. */
static ag_status add_first_word(ag_extractor *x, const char *phrase, int cls)
{
    if (ag_tokenize(phrase, 0, strlen(phrase), &x->toks) != AG_OK)
        return AG_ERR_NOMEM;
    if (x->toks.len == 0)
        return AG_OK;
    const ag_token *t = &x->toks.items[0];
    uint32_t mask = 0;
    if (!ag_phrases_match(x->first_words, &x->toks, 0, &mask))
        mask = 0;
    char *w = ag_strndup(phrase + t->start, t->end - t->start);
    if (!w)
        return AG_ERR_NOMEM;
    ag_status st = ag_phrases_add(x->first_words, w, mask | CLASS_BIT(cls));
    free(w);
    return st;
}

static ag_status lex_load(ag_extractor *x, ag_err *err)
{
    const char *p = ag_data_lexicon;
    size_t line = 0;
    char buf[4096];
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        line++;
        if (len >= sizeof buf)
            return ag_fail(err, AG_ERR_INTERNAL, "lexicon.tsv:%zu: line too long", line);
        memcpy(buf, p, len);
        buf[len] = '\0';
        p = nl ? nl + 1 : p + len;
        if (!buf[0] || buf[0] == '#')
            continue;
        char *f[5] = {NULL, NULL, NULL, NULL, NULL};
        size_t nf = 0;
        for (char *s = buf; s && nf < 5;) {
            f[nf++] = s;
            s = strchr(s, '\t');
            if (s)
                *s++ = '\0';
        }
        if (nf < 4)
            return ag_fail(err, AG_ERR_INTERNAL, "lexicon.tsv:%zu: expected at least 4 fields", line);
        int cls = -1;
        for (int c = 0; c < L_NCLASSES; c++)
            if (strcmp(class_names[c], f[0]) == 0)
                cls = c;
        if (cls < 0)
            return ag_fail(err, AG_ERR_INTERNAL, "lexicon.tsv:%zu: unknown class '%s'", line, f[0]);
        if (x->nlex == x->caplex) {
            size_t cap = x->caplex ? x->caplex * 2 : 64;
            lex_entry *q = realloc(x->lex, cap * sizeof *q);
            if (!q)
                return ag_fail(err, AG_ERR_NOMEM, "out of memory");
            x->lex = q;
            x->caplex = cap;
        }
        lex_entry *e = &x->lex[x->nlex];
        e->cls = cls;
        e->arg1 = ag_strdup(f[2]);
        e->arg2 = ag_strdup(f[3]);
        e->frame = F_NONE;
        if (!e->arg1 || !e->arg2) {
            free(e->arg1);
            free(e->arg2);
            return ag_fail(err, AG_ERR_NOMEM, "out of memory");
        }
        x->nlex++;
        if (cls == L_NOUN && f[4] && strcmp(f[4], "emotion") == 0)
            e->frame = F_EMOTION;
        if (cls == L_NOUN && f[4] && strcmp(f[4], "reciprocal") == 0)
            e->frame = F_RECIPROCAL;
        if (cls == L_VERB) {
            e->prep = "at";
            for (int k = 0; frame_names[k]; k++)
                if (f[4] && strcmp(frame_names[k], f[4]) == 0)
                    e->frame = k;
            /* the at frame with another preposition: "protested to X", "lodged a protest with X" */
            static const char *const at_preps[] = {"to", "with", "against", "on", NULL};
            for (int k = 0; f[4] && at_preps[k]; k++)
                if (strcmp(f[4], at_preps[k]) == 0) {
                    e->frame = F_AT;
                    e->prep = at_preps[k];
                }
            if (e->frame == F_NONE)
                return ag_fail(err, AG_ERR_INTERNAL, "lexicon.tsv:%zu: unknown frame", line);
        }
        for (char *s = f[1]; s;) {
            char *bar = strchr(s, '|');
            if (bar)
                *bar = '\0';
            if (*s && (ag_phrases_add(x->tables[cls], s, (uint32_t)(x->nlex - 1)) != AG_OK ||
                       add_first_word(x, s, cls) != AG_OK))
                return ag_fail(err, AG_ERR_NOMEM, "out of memory");
            s = bar ? bar + 1 : NULL;
        }
    }
    return AG_OK;
}

ag_status ag_extractor_new(const ag_actors *dict, const ag_extract_opts *o, ag_extractor **out, ag_err *err)
{
    ag_extractor *x = calloc(1, sizeof *x);
    if (!x)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    x->dict = dict;
    x->mru_head = x->mru_tail = -1;
    for (int k = 0; k < NAMED_ORGS; k++)
        x->named_orgs[k].ent = -1;
    x->prosecutor = -1;
    if (o)
        x->opts = *o;
    ag_tokens_init(&x->toks);
    ag_parse_init(&x->parse);
    ag_spans_init(&x->sents);
    ag_buf_init(&x->scratch);
    x->first_words = ag_phrases_new(true);
    for (int c = 0; c < L_NCLASSES; c++)
        if (!x->first_words || !(x->tables[c] = ag_phrases_new(true))) {
            ag_extractor_free(x);
            return ag_fail(err, AG_ERR_NOMEM, "out of memory");
        }
    ag_status st = lex_load(x, err);
    if (st != AG_OK) {
        ag_extractor_free(x);
        return st;
    }
    *out = x;
    return AG_OK;
}

static void entities_clear(ag_extractor *x)
{
    for (size_t i = 0; i < x->nents; i++) {
        entity *e = &x->ents[i];
        free(e->name);
        free(e->id);
        free(e->type);
        free(e->country);
        free(e->surname);
        free(e->titles);
    }
    for (size_t c = 0; c < x->ncountries; c++)
        free(x->countries[c].code);
    x->ncountries = 0;
    for (size_t k = 0; k < x->slots_cap; k++)
        x->id_slots[k] = x->surname_slots[k] = -1;
    x->mru_head = x->mru_tail = -1;
    for (int k = 0; k < NAMED_ORGS; k++)
        x->named_orgs[k].ent = -1;
    x->ntouched = 0;
    x->prosecutor = -1;
    x->nents = 0;
    x->sentno = 0;
    x->order = 0;
    x->last_group_n = 0;
    x->last_plural_n = 0;
}

void ag_extractor_free(ag_extractor *x)
{
    if (!x)
        return;
    entities_clear(x);
    free(x->ents);
    free(x->id_slots);
    free(x->surname_slots);
    free(x->touched);
    free(x->countries);
    for (int c = 0; c < L_NCLASSES; c++)
        ag_phrases_free(x->tables[c]);
    ag_phrases_free(x->first_words);
    for (size_t i = 0; i < x->nlex; i++) {
        free(x->lex[i].arg1);
        free(x->lex[i].arg2);
    }
    free(x->lex);
    ag_tokens_destroy(&x->toks);
    ag_parse_destroy(&x->parse);
    ag_spans_destroy(&x->sents);
    free(x->mark_len);
    free(x->mark_val);
    free(x->nps);
    free(x->np_of);
    free(x->tok_word);
    free(x->tok_want);
    ag_buf_destroy(&x->scratch);
    free(x);
}

const ag_extract_stats *ag_extractor_stats(const ag_extractor *x) { return &x->stats; }

/* ---- token helpers ------------------------------------------------------------------ */

#define NTOK (x->toks.len)
#define NORM(i) ag_tok_norm(&x->toks, (i))
#define SURF(i) ag_tok_surf(&x->toks, (i))
#define TOK(i) (x->toks.items[(i)])

/* (the first bytes are compared before strcmp: most tokens differ there) */
static bool is(const ag_extractor *x, size_t i, const char *w)
{
    return i < NTOK && NORM(i)[0] == w[0] && strcmp(NORM(i), w) == 0;
}

static bool is_any(const ag_extractor *x, size_t i, const char *const *ws)
{
    if (i >= NTOK)
        return false;
    const char *t = NORM(i);
    for (size_t k = 0; ws[k]; k++)
        if (t[0] == ws[k][0] && strcmp(t, ws[k]) == 0)
            return true;
    return false;
}

static uint32_t mlen(const ag_extractor *x, size_t i, int cls) { return i < NTOK ? x->mark_len[i * L_NCLASSES + cls] : 0; }
static const lex_entry *mval(const ag_extractor *x, size_t i, int cls) { return &x->lex[x->mark_val[i * L_NCLASSES + cls]]; }

static bool is_punct(const ag_extractor *x, size_t i, char c)
{
    return i < NTOK && (TOK(i).kind == AG_TOK_PUNCT || TOK(i).kind == AG_TOK_QUOTE) && SURF(i)[0] == c && !SURF(i)[1];
}

static bool is_quote(const ag_extractor *x, size_t i) { return i < NTOK && TOK(i).kind == AG_TOK_QUOTE; }

static const char *const determiners[] = {"the", "a", "an", "this", "these", "those", "some", "several", "two", "three",
                                          "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                                          "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
                                          "hundred", "dozen", "dozens",
                                          "hundreds", "thousands", "scores", "few", "many", "more", "most",
                                          "top", "senior", "former", "ex", "fellow", "other", "both", "all", "new",
                                          "outgoing", "incoming", "then", "current", "acting", "unnamed", "anonymous",
                                          "neighbouring", "neighboring", NULL};
static const char *const honorifics[] = {"mr", "ms", "mrs", "dr", "mr.", "ms.", "mrs.", "dr.", "miss", "sir", "dame",
                                         "lord", "lady", NULL};
static const char *const institutions[] = {"administration", "government", "governments", "campaign", "team", "cabinet",
                                           "regime", "side", NULL};
static const char *const stop_preps[] = {"against", "with", "between", "amid", "about", "over", "to", "from",
                                         "toward", "towards", "at", "into", "like", "than", NULL};

/* ---- entities ----------------------------------------------------------------------- */

static uint32_t str_hash(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot of key in one of the entity hashes: the one holding it, or the empty one where it goes.
 * surname says which key of an entity the table is of. */
static size_t slot_of(const ag_extractor *x, const int *slots, const char *key, bool surname)
{
    size_t mask = x->slots_cap - 1, k = str_hash(key) & mask;
    while (slots[k] >= 0) {
        const entity *e = &x->ents[slots[k]];
        if (strcmp(surname ? e->surname : e->id, key) == 0)
            break;
        k = (k + 1) & mask;
    }
    return k;
}

static int entity_find(const ag_extractor *x, const char *id)
{
    return x->slots_cap ? x->id_slots[slot_of(x, x->id_slots, id, false)] : -1;
}

/* Puts entity i into the id and surname hashes. */
static void entity_index(ag_extractor *x, int i)
{
    entity *e = &x->ents[i];
    x->id_slots[slot_of(x, x->id_slots, e->id, false)] = i;
    e->next_same_surname = -1;
    if (e->surname[0]) {
        size_t k = slot_of(x, x->surname_slots, e->surname, true);
        e->next_same_surname = x->surname_slots[k];
        x->surname_slots[k] = i;
    }
}

/* Keeps the hashes at most half full; rebuilt in order of addition, so chains stay latest first. */
static bool entity_slots_grow(ag_extractor *x)
{
    if (2 * (x->nents + 1) <= x->slots_cap)
        return true;
    size_t cap = x->slots_cap ? 2 * x->slots_cap : 64;
    int *ids = malloc(cap * sizeof *ids), *sns = malloc(cap * sizeof *sns);
    if (!ids || !sns) {
        free(ids), free(sns);
        return false;
    }
    for (size_t k = 0; k < cap; k++)
        ids[k] = sns[k] = -1;
    free(x->id_slots), free(x->surname_slots);
    x->id_slots = ids, x->surname_slots = sns, x->slots_cap = cap;
    for (size_t i = 0; i < x->nents; i++)
        entity_index(x, (int)i);
    return true;
}

/* The index of country c in the document's tally, added when new; -1 for "" or no memory. */
static int country_index(ag_extractor *x, const char *c)
{
    if (!c[0])
        return -1;
    for (size_t k = 0; k < x->ncountries; k++) /* a document names a few dozen countries at most */
        if (strcmp(x->countries[k].code, c) == 0)
            return (int)k;
    if (x->ncountries == x->capcountries) {
        size_t cap = x->capcountries ? 2 * x->capcountries : 16;
        country_tally *p = realloc(x->countries, cap * sizeof *p);
        if (!p)
            return -1;
        x->countries = p, x->capcountries = cap;
    }
    country_tally *t = &x->countries[x->ncountries];
    memset(t, 0, sizeof *t);
    if (!(t->code = ag_strdup(c)))
        return -1;
    return (int)x->ncountries++;
}

static int entity_add(ag_extractor *x, const char *name, const char *id, const char *type, const char *country,
                      const char *surname)
{
    int k = entity_find(x, id);
    if (k >= 0)
        return k;
    if (!entity_slots_grow(x))
        return -1;
    if (x->nents == x->capents) {
        size_t cap = x->capents ? x->capents * 2 : 32;
        entity *p = realloc(x->ents, cap * sizeof *p);
        if (!p)
            return -1;
        x->ents = p;
        x->capents = cap;
        int *t = realloc(x->touched, cap * sizeof *t); /* so that entity_touch never fails */
        if (!t)
            return -1;
        x->touched = t;
    }
    entity *e = &x->ents[x->nents];
    memset(e, 0, sizeof *e);
    e->name = ag_strdup(name);
    e->id = ag_strdup(id);
    e->type = ag_strdup(type);
    e->country = ag_strdup(country);
    e->surname = ag_strdup(surname ? surname : "");
    e->titles = ag_strdup("|");
    e->last_seen = e->last_subj = e->prev_subj = e->first_tok = -1;
    if (!e->name || !e->id || !e->type || !e->country || !e->surname || !e->titles) {
        free(e->name), free(e->id), free(e->type), free(e->country), free(e->surname), free(e->titles);
        return -1;
    }
    e->country_ix = country_index(x, country);
    if (country[0] && e->country_ix < 0) {
        free(e->name), free(e->id), free(e->type), free(e->country), free(e->surname), free(e->titles);
        return -1;
    }
    if (e->country_ix >= 0 && strcmp(type, "igo") != 0 && strcmp(country, "WST") != 0)
        x->countries[e->country_ix].counts = true;
    /* never mentioned yet: the end of the list by latest mention */
    int i = (int)x->nents++;
    e->newer = x->mru_tail;
    e->older = -1;
    if (x->mru_tail >= 0)
        x->ents[x->mru_tail].older = i;
    else
        x->mru_head = i;
    x->mru_tail = i;
    entity_index(x, i);
    return i;
}

/* Notes that entity i's mention fields change in the current sentence (find_nps resets them). */
static void entity_touch(ag_extractor *x, int i)
{
    if (x->ents[i].touched)
        return;
    x->ents[i].touched = true; /* touched has room for every entity */
    x->touched[x->ntouched++] = i;
}

/* Moves entity i to the front of the list by latest mention. */
static void entity_to_front(ag_extractor *x, int i)
{
    entity *e = &x->ents[i];
    if (x->mru_head == i)
        return;
    x->ents[e->newer].older = e->older; /* not the head, so it has a newer neighbour */
    if (e->older >= 0)
        x->ents[e->older].newer = e->newer;
    else
        x->mru_tail = e->newer;
    e->newer = -1;
    e->older = x->mru_head;
    x->ents[x->mru_head].newer = i;
    x->mru_head = i;
}

static int entity_from_dict(ag_extractor *x, const ag_actor_entry *d)
{
    const char *surname = NULL;
    if (d->kind == AG_KIND_PERSON) {
        const char *sp = strrchr(d->label, ' ');
        surname = sp ? sp + 1 : d->label;
    }
    return entity_add(x, d->label, d->id, d->type, d->country, surname);
}

static void entity_add_title(entity *e, const char *words)
{
    size_t lt = strlen(e->titles), lw = strlen(words);
    if (lw == 0 || lt + lw > 400)
        return;
    char *t = malloc(lt + lw + 2);
    if (!t)
        return;
    memcpy(t, e->titles, lt);
    memcpy(t + lt, words, lw);
    t[lt + lw] = '|';
    t[lt + lw + 1] = '\0';
    free(e->titles);
    e->titles = t;
}

static bool is_thing(const entity *e) { return strcmp(e->type, "person") != 0; }

/* Makes the per-token array p (cap cells) hold at least NTOK cells, or returns AG_ERR_NOMEM from
 * the function it is used in. */
#define GROW_TOKENS(p, cap)                                                                        \
    do {                                                                                           \
        if (NTOK > (cap)) {                                                                        \
            void *q_ = realloc((p), NTOK * sizeof *(p));                                           \
            if (!q_)                                                                               \
                return AG_ERR_NOMEM;                                                               \
            (p) = q_;                                                                              \
            (cap) = NTOK;                                                                          \
        }                                                                                          \
    } while (0)

/* ---- marks -------------------------------------------------------------------------- */

static ag_status mark_tokens(ag_extractor *x)
{
    size_t need = NTOK * L_NCLASSES;
    if (need > x->mark_cap) {
        uint32_t *l = realloc(x->mark_len, need * sizeof *l);
        if (!l)
            return AG_ERR_NOMEM;
        x->mark_len = l;
        uint32_t *v = realloc(x->mark_val, need * sizeof *v);
        if (!v)
            return AG_ERR_NOMEM;
        x->mark_val = v;
        x->mark_cap = need;
    }
    for (size_t i = 0; i < NTOK; i++) {
        uint32_t classes = 0;
        if (!((TOK(i).kind == AG_TOK_WORD || TOK(i).kind == AG_TOK_NUM) &&
              ag_phrases_match(x->first_words, &x->toks, i, &classes)))
            classes = 0;
        for (int c = 0; c < L_NCLASSES; c++) {
            uint32_t v = 0;
            size_t n = classes & CLASS_BIT(c) ? ag_phrases_match(x->tables[c], &x->toks, i, &v) : 0;
            x->mark_len[i * L_NCLASSES + c] = (uint32_t)n;
            x->mark_val[i * L_NCLASSES + c] = v;
        }
    }
    /* phrases that hold a trigger word but are none ("Grand Slam", "in charge of"): the words
     * they cover trigger nothing */
    static const int triggers[] = {L_VERB, L_NOUN, L_COPULA, L_DEED, L_LEGAL, L_ACT, L_FAULT, L_INSULT, L_DISMISS,
                                   L_DISCLAIM};
    for (size_t i = 0; i < NTOK; i++) {
        size_t n = x->mark_len[i * L_NCLASSES + L_NOTRIGGER];
        for (size_t q = i; q < i + n && q < NTOK; q++)
            for (size_t c = 0; c < sizeof triggers / sizeof *triggers; c++)
                x->mark_len[q * L_NCLASSES + triggers[c]] = 0;
    }
    return AG_OK;
}

static bool has_class(const ag_extractor *x, int cls)
{
    for (size_t i = 0; i < NTOK; i++)
        if (mlen(x, i, cls))
            return true;
    return false;
}

/* 1 when the sentence holds a trigger of the frames, 2 when it holds only an act, fault or dismissal with a
 * say verb (read only from the parse), 0 when neither. */
static int has_trigger(const ag_extractor *x)
{
    for (size_t i = 0; i < NTOK; i++) {
        if (mlen(x, i, L_NOUN) || mlen(x, i, L_COPULA) || mlen(x, i, L_DEED) || mlen(x, i, L_LEGAL))
            return 1;
        if (!mlen(x, i, L_VERB))
            continue;
        /* "held talks", "called for calm": these frames need their second word somewhere after */
        int fr = mval(x, i, L_VERB)->frame;
        if (fr != F_HOLD && fr != F_CALL)
            return 1;
        for (size_t j = i + 1; j < NTOK; j++)
            if (fr == F_HOLD ? is(x, j, "responsible") || is(x, j, "accountable") || is(x, j, "liable")
                             : is(x, j, "out") || mlen(x, j, L_INSULT) || mlen(x, j, L_DISMISS) ||
                                   (mlen(x, j, L_FAULT) && strcmp(mval(x, j, L_FAULT)->arg1, "criticize") == 0))
                return 1;
    }
    bool act = false, say = false, own = false, accnoun = false;
    for (size_t i = 0; i < NTOK; i++) {
        act |= mlen(x, i, L_ACT) || mlen(x, i, L_FAULT) || mlen(x, i, L_INSULT);
        /* a denial in the speaker's own words needs no second actor: "X said it had nothing to
         * do with it", "X said the allegations were absurd" */
        own |= mlen(x, i, L_DISCLAIM) || mlen(x, i, L_DISMISS);
        accnoun |= mlen(x, i, L_ACCNOUN) || mlen(x, i, L_DISCLAIM);
        say |= mlen(x, i, L_SAY) > 0 || (is(x, i, "according") && is(x, i + 1, "to"));
    }
    if (own && accnoun && say)
        return 1;
    return act && say ? 2 : 0;
}

/* The names the dictionary knows in the sentence (of persons, states, bodies and places, not
 * adjectives or peoples), which the tagger must read as proper nouns: sentence-initial "Trump"
 * or "May" is otherwise read as a verb. */
static ag_status known_names(ag_extractor *x)
{
    GROW_TOKENS(x->tok_want, x->tok_want_cap);
    memset(x->tok_want, 0, NTOK);
    for (size_t i = 0; i < NTOK; i++) {
        const ag_actor_entry *d;
        size_t len;
        if (x->np_of[i] < 0 || TOK(i).kind != AG_TOK_WORD)
            continue;
        if (!(len = ag_actors_match(x->dict, &x->toks, i, &d))) {
            /* a person the document named before, by the surname ("Firefly told parliament") */
            const np *n = &x->nps[x->np_of[i]];
            if (n->nents == 1 && strcmp(x->ents[n->ents[0]].type, "person") == 0 && (TOK(i).flags & AG_TF_CAP) &&
                strcmp(SURF(i), x->ents[n->ents[0]].surname) == 0)
                x->tok_want[i] = AG_UPOS_PROPN + 1;
            continue;
        }
        if (d->kind == AG_KIND_NAME || d->kind == AG_KIND_PERSON || d->kind == AG_KIND_ORG)
            for (size_t q = i; q < i + len && q < NTOK; q++)
                if (TOK(q).kind == AG_TOK_WORD && (TOK(q).flags & AG_TF_CAP))
                    x->tok_want[q] = AG_UPOS_PROPN + 1;
        i += len - 1;
    }
    return AG_OK;
}


/* The first token after a dateline opening the sentence ("WASHINGTON (Reuters) -", "KIEV -",
 * "WASHINGTON/NEW YORK (Reuters) -"): words all in capitals (with "/" and ","), an optional
 * parenthesis, then a dash with spaces around it; 0 when there is none. The parser, which never
 * saw datelines, reads the clause after it alone. */
static size_t dateline_end(const ag_extractor *x)
{
    size_t i = 0;
    while (i < NTOK && i < 8 && ((TOK(i).kind == AG_TOK_WORD && (TOK(i).flags & AG_TF_UPPER)) ||
                                 (i > 0 && (is_punct(x, i, '/') || is_punct(x, i, ',')))))
        i++;
    if (i == 0 || i == 8)
        return 0;
    if (is_punct(x, i, '(')) {
        size_t j = i + 1;
        while (j < NTOK && j < i + 5 && !is_punct(x, j, ')'))
            j++;
        if (!is_punct(x, j, ')'))
            return 0;
        i = j + 1;
    }
    if (i + 1 < NTOK && TOK(i).kind == AG_TOK_PUNCT && (TOK(i).flags & AG_TF_SPACE) &&
        (TOK(i + 1).flags & AG_TF_SPACE) &&
        (is_punct(x, i, '-') || strcmp(SURF(i), "\xe2\x80\x94") == 0 || strcmp(SURF(i), "\xe2\x80\x93") == 0))
        return i + 1;
    return 0;
}

/* Records each token's word in the parse just made of the current sentence. */
static ag_status map_words(ag_extractor *x)
{
    GROW_TOKENS(x->tok_word, x->tok_word_cap);
    memset(x->tok_word, 0, NTOK * sizeof *x->tok_word);
    for (size_t w = x->parse.n; w >= 1; w--)
        if (x->parse.w[w].tok < NTOK)
            x->tok_word[x->parse.w[w].tok] = (uint32_t)w;
    x->parsed_sent = x->sentno;
    return AG_OK;
}

/* ---- noun phrases ------------------------------------------------------------------- */

static bool cap_word(const ag_extractor *x, size_t i)
{
    return i < NTOK && TOK(i).kind == AG_TOK_WORD && (TOK(i).flags & AG_TF_CAP) && !(TOK(i).flags & AG_TF_NEWLINE);
}

/* A capitalised word that can be part of a person's name. */
static bool is_calendar(const ag_extractor *x, size_t i)
{
    static const char *const names[] = {"january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december", "jan", "feb", "mar", "apr",
                                        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday",
                                        "wednesday", "thursday", "friday", "saturday", "sunday", NULL};
    return is_any(x, i, names);
}

static bool name_word(const ag_extractor *x, size_t i)
{
    static const char *const not_names[] = {"the", "a", "an", "and", "or", "but", "on", "in", "at", "of", "for", "said",
                                            "says", "told", "has", "had", "is", "was", "who", "which", "that", "this",
                                            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                            "sunday", "last", "also", NULL};
    if (!cap_word(x, i) || is_any(x, i, not_names))
        return false;
    /* a month after a preposition or next to a number is a date ("in May", "May 5") */
    if (is_calendar(x, i) &&
        ((i > 0 && is_any(x, i - 1, (const char *const[]){"in", "on", "since", "until", "till", "by", "last", "next",
                                                            "early", "late", "mid", "this", "during", "from", "through",
                                                            "between", "before", "after", "and", "to", NULL})) ||
         (i > 0 && TOK(i - 1).kind == AG_TOK_NUM) || (i + 1 < NTOK && TOK(i + 1).kind == AG_TOK_NUM)))
        return false;
    /* a capital inside the sentence makes a name of a modal or an act word ("Theresa May",
     * "Shell"); other lexicon words stay words */
    for (int c = 0; c < L_NCLASSES; c++)
        if (c != L_TOPIC && c != L_INSULT && c != L_ORGWORD && c != L_FIRSTNAME && c != L_AGENTOF && c != L_SUMMON &&
            mlen(x, i, c) &&
            !(i > 0 && (c == L_MODAL || c == L_ACT || c == L_FAULT || c == L_INTENT || c == L_LEGAL ||
                        c == L_DOMESTIC)))
            return false;
    return true;
}

static ag_status np_push(ag_extractor *x, np *n)
{
    if (x->nnps == x->capnps) {
        size_t cap = x->capnps ? x->capnps * 2 : 32;
        np *p = realloc(x->nps, cap * sizeof *p);
        if (!p)
            return AG_ERR_NOMEM;
        x->nps = p;
        x->capnps = cap;
    }
    x->nps[x->nnps++] = *n;
    for (size_t i = n->a; i < n->b; i++)
        x->np_of[i] = (int)x->nnps - 1;
    return AG_OK;
}

/* The country the document is about so far: the one its actors' mentions in the earlier sentences
 * name most often (the most recent on a tie); when they name none, the one the current sentence
 * names most often; "" when there is none. An unknown person or organisation with nothing else to
 * place it belongs to it ("WASHINGTON (Reuters) - ... Lindsey Graham said"). Cost: the number of
 * countries the document names (their tally is kept as mentions are noted). */
static int main_country_ix(const ag_extractor *x)
{
    int best = -1;
    int64_t best_n = 0;
    int best_latest = -1;
    for (size_t c = 0; c < x->ncountries; c++) {
        const country_tally *t = &x->countries[c];
        if (!t->counts)
            continue;
        /* the earlier sentences outweigh the current one, which counts only when they name no
         * country at all */
        int64_t n = t->prev_mentions * 1000 + (t->mentions - t->prev_mentions);
        if (n > 0 && (n > best_n || (n == best_n && t->latest > best_latest))) {
            best = (int)c;
            best_n = n;
            best_latest = t->latest;
        }
    }
    return best;
}

static const char *main_country(const ag_extractor *x)
{
    int c = main_country_ix(x);
    return c >= 0 ? x->countries[c].code : "";
}

/* The country the story is about: the dominant country of the sentences before this one, or ""
 * when they name none. */
static const char *story_country(const ag_extractor *x)
{
    int c = main_country_ix(x);
    return c >= 0 && x->countries[c].prev_mentions > 0 ? x->countries[c].code : "";
}

/* True when organisation e's name ends in the word w[0..n) ("Bureau" of "Harbour Safety Bureau"). */
static bool org_ends_in(const entity *e, const char *w, size_t n)
{
    const char *sp = strcmp(e->type, "org") == 0 ? strrchr(e->name, ' ') : NULL;
    return sp && strlen(sp + 1) == n && strncasecmp(sp + 1, w, n) == 0;
}

/* True when organisation e's name of two or more words begins with the word w[0..n). */
static bool org_begins_with(const entity *e, const char *w, size_t n)
{
    return strcmp(e->type, "org") == 0 && strncmp(e->name, w, n) == 0 && e->name[n] == ' ';
}

/* The organisation last named within max_age sentences, as an actor phrase or remembered from a
 * sentence not parsed (named_orgs), for which match(e, w, n) holds; -1 if none. */
static int recent_org(const ag_extractor *x, int max_age, bool (*match)(const entity *, const char *, size_t),
                      const char *w, size_t n)
{
    int best = -1, best_sent = -1, steps = 0;
    for (int k = x->mru_head; k >= 0 && steps < 32; k = x->ents[k].older, steps++) {
        const entity *e = &x->ents[k];
        if (e->last_seen < 0 || x->sentno - e->last_seen > max_age)
            break;
        if (match(e, w, n)) {
            best = k;
            best_sent = e->last_seen;
            break;
        }
    }
    for (int k = 0; k < NAMED_ORGS; k++)
        if (x->named_orgs[k].ent >= 0 && x->named_orgs[k].sent > best_sent &&
            x->sentno - x->named_orgs[k].sent <= max_age && match(&x->ents[x->named_orgs[k].ent], w, n))
            return x->named_orgs[k].ent;
    return best;
}

/* "the bureau", "the airline": the organisation named last, within a few sentences, whose name
 * ends in the word at token i ("the Harbour Safety Bureau"); -1 if none. */
static int org_by_head(const ag_extractor *x, size_t i)
{
    if (TOK(i).kind != AG_TOK_WORD || name_word(x, i))
        return -1;
    return recent_org(x, 8, org_ends_in, NORM(i), strlen(NORM(i)));
}

/* "Fusion" for "Fusion GPS": the organisation named in the last sixteen sentences whose name
 * begins with the word at token i; -1 if none. */
static int org_by_first_word(const ag_extractor *x, size_t i)
{
    return recent_org(x, 16, org_begins_with, SURF(i), strlen(SURF(i)));
}

/* Makes a slug "person:dmitry-peskov" of a name. */
static void slug(ag_buf *b, const char *prefix, const char *name)
{
    ag_buf_clear(b);
    ag_buf_puts(b, prefix);
    bool dash = false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (isalnum(*p) || *p >= 0x80) {
            if (dash && b->len > strlen(prefix))
                ag_buf_putc(b, '-');
            ag_buf_putc(b, (char)tolower(*p));
            dash = false;
        } else {
            dash = true;
        }
    }
}

static int resolve_person_by_surname(const ag_extractor *x, const char *surname)
{
    if (!x->slots_cap)
        return -1;
    int best = -1;
    for (int i = x->surname_slots[slot_of(x, x->surname_slots, surname, true)]; i >= 0;
         i = x->ents[i].next_same_surname)
        if (best < 0 || x->ents[i].order > x->ents[best].order ||
            (x->ents[i].order == x->ents[best].order && i < best))
            best = i;
    return best;
}

/* True when w is one of the comma-separated words of list ("org" in "org,ngo"). */
static bool word_in_list(const char *w, const char *list)
{
    size_t n = strlen(w);
    for (const char *p = list; (p = strstr(p, w)); p++)
        if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
            return true;
    return false;
}

/* The most recent entity that fits a pronoun or description: want = "person", "thing",
 * "plural", or types (comma list); ids = comma list or "*" / NULL; titles = role words for persons. */
static int resolve_back(const ag_extractor *x, const char *want, const char *ids, const char *titles, bool subj,
                        size_t pos, int max_age, char gender)
{
    int best = -1;
    int64_t bscore = -1;
    /* by latest mention, so the walk ends at the first entity too old, and (without the subject
     * preference) at the first one of an earlier sentence that cannot beat the best */
    for (int i = x->mru_head; i >= 0; i = x->ents[i].older) {
        const entity *e = &x->ents[i];
        if (e->last_seen < 0 || (max_age >= 0 && x->sentno - e->last_seen > max_age))
            break;
        if (!subj && best >= 0 && e->last_seen != x->sentno && e->order < bscore)
            break;
        bool avoided = false;
        for (int k = 0; x->avoid && k < x->avoid->nents; k++)
            avoided |= x->avoid->ents[k] == (int)i;
        if (avoided)
            continue;
        /* only what was mentioned before pos: earlier sentences, or earlier in this one */
        int order = e->order, lsubj = e->last_subj;
        if (e->last_seen == x->sentno && !(e->first_tok >= 0 && (size_t)e->first_tok < pos)) {
            order = e->prev_order;
            lsubj = e->prev_subj;
            if (order <= 0)
                continue;
        }
        bool ok;
        if (strcmp(want, "person") == 0)
            ok = strcmp(e->type, "person") == 0 && !(gender && e->gender && e->gender != gender);
        else if (strcmp(want, "thing") == 0)
            ok = is_thing(e) && strcmp(e->type, "group") != 0;
        else if (strcmp(want, "plural") == 0)
            ok = strcmp(e->type, "group") == 0;
        else
            ok = word_in_list(e->type, want) || (strcmp(want, "state") == 0 && strcmp(e->type, "group") == 0 &&
                                                  e->country[0] && strcmp(e->id, e->country) == 0) ||
                 /* "org:" wants an organisation the dictionary lacks (not a state's body) */
                 (strncmp(e->id, "org:", 4) == 0 && word_in_list("org:", want));
        if (ok && ids && strcmp(ids, "*") != 0)
            ok = word_in_list(e->id, ids);
        if (ok && titles) {
            /* the title given, or one ending in it ("the minister" after "Foreign Minister X") */
            char key[256];
            snprintf(key, sizeof key, "|%s|", titles);
            ok = strstr(e->titles, key) != NULL;
            key[0] = ' ';
            for (const char *p = e->titles; !ok && (p = strstr(p, key)); p++) {
                /* not a lower rank of it: "the president" is no vice president */
                const char *w = p;
                while (w > e->titles && w[-1] != ' ' && w[-1] != '|')
                    w--;
                static const char *const ranks[] = {"deputy ", "vice ", "assistant ", "former ", "shadow ",
                                                    "junior ", "under ", NULL};
                bool lower = false;
                for (int r = 0; ranks[r] && !lower; r++)
                    lower = strncmp(w, ranks[r], strlen(ranks[r])) == 0 && w + strlen(ranks[r]) == p + 1;
                ok = !lower;
            }
        }
        if (!ok)
            continue;
        int64_t score = subj ? (int64_t)lsubj * ((int64_t)1 << 32) + order : order; /* (last subject, order) */
        if (best < 0 || score > bscore) {
            best = i;
            bscore = score;
        }
    }
    return best;
}

static void np_add_ent(np *n, int e)
{
    if (e < 0 || n->nents >= MAX_GROUP)
        return;
    for (int k = 0; k < n->nents; k++)
        if (n->ents[k] == e)
            return;
    n->ents[n->nents++] = e;
}

/* Text of tokens [a, b) joined by single spaces into x->scratch. */
static const char *span_text(ag_extractor *x, size_t a, size_t b, bool lower)
{
    ag_buf_clear(&x->scratch);
    for (size_t i = a; i < b; i++) {
        if (i > a && (TOK(i).flags & AG_TF_SPACE))
            ag_buf_putc(&x->scratch, ' ');
        ag_buf_puts(&x->scratch, lower ? NORM(i) : SURF(i));
    }
    return x->scratch.data ? x->scratch.data : "";
}

/* Dictionary rows that name no actor: they exist so that a shorter pattern does not match
 * inside them ("Latin American" is not "American"). Their id is "-" or starts with "REGION-". */
static bool not_actor(const ag_actor_entry *d)
{
    return strcmp(d->id, "-") == 0 || strncmp(d->id, "REGION-", 7) == 0;
}

/* True if the actors from token j on form the rest of a list closed by "and|or ACTOR":
 * "France, Germany and Italy" (but not "At the UN, Colombia accused ..."). */
static bool list_closes(const ag_extractor *x, size_t j)
{
    const ag_actor_entry *d;
    size_t k;
    while (j < NTOK && (k = ag_actors_match(x->dict, &x->toks, j, &d))) {
        j += k;
        if (is_punct(x, j, ','))
            j++;
        if (is(x, j, "and") || is(x, j, "or")) {
            j++;
            if (is(x, j, "the"))
                j++;
            return ag_actors_match(x->dict, &x->toks, j, &d) > 0;
        }
        if (is(x, j, "the"))
            j++;
    }
    return false;
}

/* True if the actors from token j on premodify an accusation noun within three words:
 * "US, UK hacking accusations against Beijing". */
static bool premodifies_noun(const ag_extractor *x, size_t j)
{
    const ag_actor_entry *d;
    size_t k;
    while (j < NTOK && (k = ag_actors_match(x->dict, &x->toks, j, &d)))
        j += k + (is_punct(x, j + k, ',') ? 1 : 0);
    for (size_t m = j; m < NTOK && m < j + 3 && TOK(m).kind == AG_TOK_WORD; m++)
        if (mlen(x, m, L_NOUN))
            return true;
    return false;
}

/* True if the phrase starting at token a follows "according to": an adverbial that a comma closes. */
static bool after_according(const ag_extractor *x, size_t a)
{
    return a >= 2 && is(x, a - 2, "according") && is(x, a - 1, "to");
}

/* True if a dictionary name starts inside the description at i (k tokens) and reaches its
 * end: "the Organisation for the Prohibition of Chemical Weapons" is a name, not "the organisation". */
static bool name_inside(const ag_extractor *x, size_t i, size_t k)
{
    const ag_actor_entry *d;
    for (size_t j = i; j < i + k; j++) {
        size_t n = ag_actors_match(x->dict, &x->toks, j, &d);
        if (n && j + n >= i + k)
            return true;
    }
    return false;
}

/* True for a month or weekday name. */

/* True when most words of the sentence are capitalised: a headline in title case. */
static bool title_case(const ag_extractor *x)
{
    size_t words = 0, caps = 0;
    for (size_t i = 0; i < NTOK; i++)
        if (TOK(i).kind == AG_TOK_WORD && TOK(i).len > 3) {
            words++;
            caps += (TOK(i).flags & AG_TF_CAP) != 0;
        }
    return words >= 3 && caps * 4 >= words * 3;
}

/* Gives person entity k the gender of the first name at token i, if the lexicon knows it. */
static void note_gender(ag_extractor *x, int k, size_t i)
{
    if (k < 0 || x->ents[k].gender || strcmp(x->ents[k].type, "person") != 0 || !mlen(x, i, L_FIRSTNAME))
        return;
    const char *g = mval(x, i, L_FIRSTNAME)->arg1;
    if (g && (g[0] == 'f' || g[0] == 'm'))
        x->ents[k].gender = g[0];
}

/* The state entity of country code c, its label from the dictionary ("USA" -> United States); -1 on
 * exhaustion. */
static int state_entity(ag_extractor *x, const char *c)
{
    int e = entity_find(x, c);
    if (e >= 0)
        return e;
    const ag_actor_entry *d = ag_actors_by_id(x->dict, c);
    return d ? entity_from_dict(x, d) : entity_add(x, c, c, "state", c, NULL);
}

/* The length of a run of name words at i that no dictionary entry starts (at most four), or 0. */
static size_t unknown_name_len(const ag_extractor *x, size_t i)
{
    size_t j = i;
    const ag_actor_entry *d;
    while (j < i + 4 && name_word(x, j) && !ag_actors_match(x->dict, &x->toks, j, &d) && !is_calendar(x, j) &&
           !(TOK(j).flags & AG_TF_UPPER && TOK(j).len > 5))
        j++;
    return j - i;
}

/* A new actor named by tokens [a, b): a person (id person:..., surname the last word, gender from the
 * first) or, when org, an organisation (org:...), of country. Returns its entity or -1 on exhaustion. */
static int named_actor(ag_extractor *x, size_t a, size_t b, bool org, const char *country)
{
    char *nm = ag_strdup(span_text(x, a, b, false));
    ag_buf id;
    ag_buf_init(&id);
    slug(&id, org ? "org:" : "person:", nm ? nm : "");
    int e = nm && id.data ? entity_add(x, nm, id.data, org ? "org" : "person", country, org ? NULL : SURF(b - 1)) : -1;
    free(nm);
    ag_buf_destroy(&id);
    note_gender(x, e, a);
    return e;
}

/* Records that the noun phrase n of the current sentence names its entities. */
static void note_mention(ag_extractor *x, const np *n)
{
    for (int k = 0; k < n->nents; k++) {
        entity *e = &x->ents[n->ents[k]];
        entity_touch(x, n->ents[k]);
        entity_to_front(x, n->ents[k]);
        if (e->last_seen != x->sentno || e->first_tok < 0)
            e->first_tok = (int)n->a;
        e->last_seen = x->sentno;
        e->order = ++x->order;
        e->mentions++;
        if (e->country_ix >= 0) {
            x->countries[e->country_ix].mentions++;
            x->countries[e->country_ix].latest = e->order;
        }
    }
}

static int state_entity(ag_extractor *x, const char *c);

/* The states of the two countries whose actors were mentioned last before token pos, in this
 * sentence or the three before it ("both sides", "the two countries"); false when there are not
 * two. */
static bool pair_back(ag_extractor *x, size_t pos, int two[2])
{
    const char *c[2];
    int n = 0;
    for (int i = x->mru_head; i >= 0 && n < 2; i = x->ents[i].older) {
        const entity *e = &x->ents[i];
        if (e->last_seen < 0 || x->sentno - e->last_seen > 3)
            break;
        bool earlier = e->last_seen < x->sentno || (e->first_tok >= 0 && (size_t)e->first_tok < pos);
        if (!earlier || !e->country[0] || strcmp(e->type, "igo") == 0 || strcmp(e->type, "ngo") == 0 ||
            strcmp(e->country, "WST") == 0 || (n == 1 && strcmp(c[0], e->country) == 0))
            continue;
        c[n++] = e->country;
    }
    if (n < 2)
        return false;
    char c1[16];
    snprintf(c1, sizeof c1, "%s", c[1]); /* (state_entity may add entities) */
    return (two[0] = state_entity(x, c[0])) >= 0 && (two[1] = state_entity(x, c1)) >= 0;
}

/* The state "the government" or "the president" of a sentence stands for: the country of the
 * latest actor named before token pos in the sentence ("Critics in Sylvania accused the
 * government"), else the story's; -1 when there is none. */
static int own_state(ag_extractor *x, size_t pos)
{
    for (int i = x->mru_head; i >= 0; i = x->ents[i].older) {
        const entity *e = &x->ents[i];
        if (e->last_seen != x->sentno)
            break;
        if (e->first_tok < 0 || (size_t)e->first_tok >= pos || !e->country[0] || strcmp(e->type, "igo") == 0 ||
            strcmp(e->type, "ngo") == 0 || strcmp(e->country, "WST") == 0)
            continue;
        char c[16];
        snprintf(c, sizeof c, "%s", e->country);
        return state_entity(x, c);
    }
    const char *sc = story_country(x);
    return sc[0] ? state_entity(x, sc) : -1;
}

/* The country of a name at token i that the dictionary lacks: of an owner or nationality right
 * before it ("Trump's former campaign manager Paul Manafort", "the Russian lawyer Anna Petrova"),
 * else the document's (main_country). */
static const char *owner_country(const ag_extractor *x, size_t i)
{
    for (size_t j = i; j-- > 0 && j + 5 > i;) {
        int k = x->np_of[j];
        const ag_actor_entry *d;
        /* a demonym before a word that names no actor: "Freedonian carrier Northwind Airlines" */
        if (k < 0 && ag_actors_match(x->dict, &x->toks, j, &d) && d->kind == AG_KIND_ADJ && d->country[0])
            return d->country;
        if (k < 0)
            continue;
        const np *n = &x->nps[k];
        if ((n->poss || n->modifier) && n->nents == 1 && x->ents[n->ents[0]].country[0])
            return x->ents[n->ents[0]].country;
        break;
    }
    return main_country(x);
}

/* Actor phrases listed with "and" ("Tomas Vell and Ilka Dorn", "A, B and C") are a group that a
 * later "they" names, as one phrase naming several actors is. */
static void note_listed_group(ag_extractor *x)
{
    for (size_t k = 0; k + 1 < x->nnps; k++) {
        size_t m = k;
        while (m + 1 < x->nnps && x->nps[m].b + 1 == x->nps[m + 1].a &&
               (is(x, x->nps[m].b, "and") || (is_punct(x, x->nps[m].b, ',') && m + 2 < x->nnps)))
            m++;
        if (m == k || !is(x, x->nps[m - 1].b, "and"))
            continue;
        int n = 0;
        for (size_t q = k; q <= m; q++)
            for (int e = 0; e < x->nps[q].nents && n < MAX_GROUP; e++)
                x->last_group[n++] = x->nps[q].ents[e];
        x->last_group_n = n;
        x->last_group_sent = x->sentno;
        k = m;
    }
}

/* Finds the noun phrases holding actors in the current sentence, left to right, and
 * updates the entity registry as it goes so that later pronouns see earlier actors. */
static ag_status find_nps(ag_extractor *x)
{
    x->nnps = 0;
    GROW_TOKENS(x->np_of, x->np_cap);
    for (size_t i = 0; i < NTOK; i++)
        x->np_of[i] = -1;
    x->title_case = title_case(x);
    /* only the entities the previous sentence changed differ from their snapshot */
    for (size_t k = 0; k < x->ntouched; k++) {
        entity *e = &x->ents[x->touched[k]];
        e->first_tok = -1;
        e->prev_order = e->order;
        e->prev_subj = e->last_subj;
        e->touched = false;
    }
    x->ntouched = 0;
    for (size_t c = 0; c < x->ncountries; c++)
        x->countries[c].prev_mentions = x->countries[c].mentions;

    size_t i = 0;
    while (i < NTOK) {
        size_t a = i;
        const ag_actor_entry *d0;
        while ((is_any(x, i, determiners) || TOK(i).kind == AG_TOK_NUM) && !mlen(x, i, L_DESC) &&
               !ag_actors_match(x->dict, &x->toks, i, &d0))
            i++;
        np n;
        memset(&n, 0, sizeof n);
        n.a = a;
        int affiliation = -1;  /* the last state-like actor, for a person introduced by a title */
        int person = -1;
        bool any = false, saw_role = false, head_inst = false, coord = false, last_adj = false;
        size_t role_a = 0, role_b = 0;
        int heads[MAX_GROUP];
        int nheads = 0;
        for (;;) {
            const ag_actor_entry *d;
            size_t k;
            int ob;
            if (i < NTOK && !any && i == a + 1 && is(x, a, "the") && (ob = org_by_head(x, i)) >= 0 &&
                !(i + 1 < NTOK && mlen(x, i + 1, L_ROLE))) { /* ("the bureau chief" is its chief) */
                heads[nheads++] = ob;
                n.inferred = true;
                any = true;
                i++;
                continue;
            }
            if (i < NTOK && (k = mlen(x, i, L_DESC)) && !any && !name_inside(x, i, k)) {
                const lex_entry *e = mval(x, i, L_DESC);
                if (strcmp(e->arg1, "pair") == 0) {
                    /* "both sides", "the two countries": the two states named last */
                    i += k;
                    int two[2];
                    if (pair_back(x, a, two)) {
                        heads[nheads++] = two[0];
                        heads[nheads++] = two[1];
                        n.inferred = true;
                        any = true;
                    }
                    continue;
                }
                if (strcmp(e->arg1, "listed") == 0) {
                    /* "the companies", "the two men": the actors listed last with "and" */
                    i += k;
                    if (x->last_group_n > 1 && x->sentno - x->last_group_sent <= 2 &&
                        !(x->last_group_sent == x->sentno)) {
                        for (int q = 0; q < x->last_group_n && nheads < MAX_GROUP; q++)
                            heads[nheads++] = x->last_group[q];
                        n.inferred = true;
                        any = true;
                    }
                    continue;
                }
                int r = strcmp(e->arg1, "own-state") == 0 ? own_state(x, a)
                                                             : resolve_back(x, e->arg1, e->arg2, NULL, false, i, 8, 0);
                i += k;
                if (r >= 0) {
                    heads[nheads++] = r;
                    n.inferred = true;
                    any = true;
                }
                continue;
            }
            if (i < NTOK && (k = ag_actors_match(x->dict, &x->toks, i, &d)) && not_actor(d)) {
                i += k; /* a place or name that only stops a shorter pattern: "West Ham", "Latin America" */
                break;
            }
            if (i < NTOK && (k = ag_actors_match(x->dict, &x->toks, i, &d)) && d->kind == AG_KIND_NAME &&
                !x->title_case && name_word(x, i + k) && !is_calendar(x, i + k) &&
                !ag_actors_match(x->dict, &x->toks, i + k, &d0) && !name_word(x, i + k + 1)) {
                i += k + 1; /* "China Life", "Russia Today": a name of something else */
                break;
            }
            if (i < NTOK && (k = ag_actors_match(x->dict, &x->toks, i, &d)) && i + k < NTOK &&
                mlen(x, i + k, L_DOMESTIC) && strcmp(mval(x, i + k, L_DOMESTIC)->arg1, "proceeding") == 0) {
                i += k; /* "the Russia investigation" is the investigation, not Russia */
                break;
            }
            /* "the Republican candidate": a role phrase that begins with a demonym is the role */
            if (i < NTOK && (k = ag_actors_match(x->dict, &x->toks, i, &d)) &&
                !(d->kind == AG_KIND_ADJ && mlen(x, i, L_ROLE) > k)) {
                /* "US-led", "Ukraine-related": a modifier of something else */
                if (i + k < NTOK && is_punct(x, i + k, '-') && !(TOK(i + k).flags & AG_TF_SPACE)) {
                    i += k + 2;
                    continue;
                }
                int e = entity_from_dict(x, d);
                if (e < 0)
                    return AG_ERR_NOMEM;
                if (d->kind == AG_KIND_PERSON) {
                    person = e;
                    note_gender(x, e, i);
                    if (saw_role)
                        entity_add_title(&x->ents[e], span_text(x, role_a, role_b, true));
                } else {
                    affiliation = e;
                }
                bool other_people = last_adj && !coord && nheads > 0 && d->kind == AG_KIND_PEOPLE;
                if (!other_people && (coord || nheads == 0 || last_adj || d->kind != AG_KIND_ADJ)) {
                    if (!coord && nheads > 0 && !last_adj)
                        nheads = 0; /* "Kiev's Western sponsors": the later actor is the head */
                    if (!coord && last_adj && d->kind != AG_KIND_ADJ)
                        nheads = 0; /* "Russian ... GRU" */
                    if (nheads < MAX_GROUP)
                        heads[nheads++] = e;
                }
                last_adj = d->kind == AG_KIND_ADJ || other_people; /* "Ecuadorean Indians" stay Ecuadorean */
                coord = false;
                any = true;
                i += k;
                continue;
            }
            /* "Culture Secretary", "Interior Minister": a capitalised word before a role is part of it */
            if (i < NTOK && (any || i == a) && !saw_role && cap_word(x, i) && !mlen(x, i, L_ROLE) &&
                mlen(x, i + 1, L_ROLE) && !ag_actors_match(x->dict, &x->toks, i, &d) && !is_calendar(x, i)) {
                role_a = i;
                saw_role = true;
                i++;
                continue;
            }
            if (i < NTOK && (k = mlen(x, i, L_ROLE)) && (any || saw_role || i == a || cap_word(x, i) ||
                                                        is_any(x, i - 1, determiners))) {
                if (!saw_role)
                    role_a = i;
                saw_role = true;
                role_b = i + k;
                head_inst = is_any(x, i + k - 1, institutions);
                last_adj = false;
                i += k;
                continue;
            }
            /* "Mr Peskov", or a surname seen before in this document */
            if (i < NTOK && is_any(x, i, honorifics) && name_word(x, i + 1)) {
                size_t j = i + 1;
                while (name_word(x, j) && j < i + 4)
                    j++;
                int r = resolve_person_by_surname(x, SURF(j - 1));
                /* (Lord, Lady, Sir and Dame are part of a peer's name: the name-run rules read them) */
                if (r < 0 && !x->title_case &&
                    is_any(x, i, (const char *const[]){"mr", "ms", "mrs", "dr", "mr.", "ms.", "mrs.", "dr.", "miss", NULL})) {
                    /* "Mr Delcour", first met so: a person of the country before the name or
                     * of the document, a man or a woman as the honorific says */
                    if ((r = named_actor(x, i + 1, j, false, owner_country(x, i))) < 0)
                        return AG_ERR_NOMEM;
                    if (!x->ents[r].gender)
                        x->ents[r].gender = is_any(x, i, (const char *const[]){"mr", "mr.", NULL}) ? 'm'
                                            : is_any(x, i, (const char *const[]){"ms", "ms.", "mrs", "mrs.", "miss", NULL})
                                                ? 'f'
                                                : 0;
                }
                i = j;
                if (r >= 0) {
                    person = r;
                    any = true;
                }
                continue;
            }
            if (i < NTOK && name_word(x, i) && x->nents && !(i > 0 && name_word(x, i - 1))) {
                int r = resolve_person_by_surname(x, SURF(i));
                if (r >= 0 && !(i + 1 < NTOK && name_word(x, i + 1) && resolve_person_by_surname(x, SURF(i + 1)) >= 0)) {
                    person = r;
                    any = true;
                    i++;
                    continue;
                }
                /* "Fusion" after "Fusion GPS": an organisation named earlier, by its first word */
                if (r < 0 && nheads < MAX_GROUP && !(i + 1 < NTOK && name_word(x, i + 1)) &&
                    (r = org_by_first_word(x, i)) >= 0) {
                    heads[nheads++] = r;
                    any = true;
                    i++;
                    continue;
                }
            }
            /* "Russia's ambassador to Washington, ...": the "to X" only describes the post */
            if (saw_role && role_b == i && is(x, i, "to") && (k = ag_actors_match(x->dict, &x->toks, i + 1, &d)) &&
                !not_actor(d)) {
                i += 1 + k;
                role_b = i;
                continue;
            }
            /* a person introduced by a title: "Kremlin spokesman Dmitry Peskov", or in
             * apposition: "The Polish foreign minister, Marek Nowicki," */
            bool appos = saw_role && person < 0 && role_b == i && is_punct(x, i, ',') && name_word(x, i + 1) &&
                         name_word(x, i + 2);
            if (appos)
                i++;
            if (saw_role && person < 0 && name_word(x, i) && name_word(x, i + 1)) {
                size_t j = i;
                while (name_word(x, j) && j < i + 3)
                    j++;
                const entity *aff = affiliation >= 0 ? &x->ents[affiliation] : NULL;
                int e = named_actor(x, i, j, false, aff && aff->country[0] ? aff->country : owner_country(x, a));
                if (e < 0)
                    return AG_ERR_NOMEM;
                entity_add_title(&x->ents[e], span_text(x, role_a, role_b, true));
                person = e;
                any = true;
                i = j;
                continue;
            }
            if (i < NTOK && TOK(i).kind == AG_TOK_POSS && any) {
                i++;
                n.poss = true;
                /* "Bolivia's former government": the possessor's organ */
                size_t q = i;
                while (q < NTOK && q < i + 2 && is_any(x, q, determiners))
                    q++;
                if (q > i && mlen(x, q, L_ROLE))
                    i = q;
                continue;
            }
            /* coordination between actors: "London and Amsterdam", "the Dutch and British governments" */
            if (any && (is(x, i, "and") || is_punct(x, i, ',') || is(x, i, "or")) && i + 1 < NTOK) {
                size_t j = i + 1;
                if (is(x, j, "and") || is(x, j, "the"))
                    j++;
                const ag_actor_entry *d2;
                size_t l2;
                /* (after a comma an adjective joins a list of adjectives, "the Dutch, British and
                 * French governments", not a phrase of its own: "In a swipe at X, the Y president") */
                if (person < 0 && !saw_role && (l2 = ag_actors_match(x->dict, &x->toks, j, &d2)) && nheads < MAX_GROUP &&
                    (!is_punct(x, i, ',') ||
                     (d2->kind == AG_KIND_ADJ && !after_according(x, a) &&
                      (is_punct(x, j + l2, ',') || is(x, j + l2, "and") || is(x, j + l2, "or"))) ||
                     list_closes(x, j) || premodifies_noun(x, j))) {
                    coord = true;
                    n.poss = false;
                    i = j;
                    continue;
                }
            }
            break;
        }
        n.b = i;
        /* "U.S. oil firm ChevronTexaco": an actor's name before a company noun names a company */
        for (size_t q = i; any && q < NTOK && q < i + 3 && TOK(q).kind == AG_TOK_WORD; q++)
            if (mlen(x, q, L_NONACTOR)) {
                any = false;
                break;
            }
        if (!any) {
            if (i == a)
                i++;
            continue;
        }
        if (person >= 0 && !(head_inst && role_b == n.b)) {
            np_add_ent(&n, person);
        } else if (person >= 0) {
            /* "the Obama administration": the person's state */
            const entity *p = &x->ents[person];
            int e = -1;
            if (p->country[0])
                e = state_entity(x, p->country);
            np_add_ent(&n, e);
        } else {
            for (int k = 0; k < nheads; k++)
                np_add_ent(&n, heads[k]);
        }
        if (!n.nents) {
            if (i == a)
                i++;
            continue;
        }
        n.organ = saw_role;
        n.modifier = last_adj && !saw_role && n.b < NTOK && TOK(n.b).kind == AG_TOK_WORD && !mlen(x, n.b, L_VERB) &&
                     !mlen(x, n.b, L_SAY);
        note_mention(x, &n);
        if (n.nents > 1) {
            memcpy(x->last_group, n.ents, sizeof(int) * (size_t)n.nents);
            x->last_group_n = n.nents;
            x->last_group_sent = x->sentno;
        }
        ag_status st = np_push(x, &n);
        if (st != AG_OK)
            return st;
        if (i == a)
            i++;
    }
    note_listed_group(x);
    return AG_OK;
}

/* True when a role phrase ("Budget Director", "Senator") ends right before token i. */
static bool after_role(const ag_extractor *x, size_t i)
{
    for (size_t k = i > 4 ? i - 4 : 0; k < i; k++)
        if (mlen(x, k, L_ROLE) && k + mlen(x, k, L_ROLE) == i)
            return true;
    return false;
}

/* People introduced by first and last name in a sentence that is not parsed ("... campaign
 * manager Paul Manafort ghost-wrote ...") are remembered, so that a later "Manafort" resolves to
 * them; only runs that start with a known first name (lexicon class firstname) or follow a role
 * ("Budget Director Mick Delane"). */

static ag_status remember_names(ag_extractor *x)
{
    if (x->title_case)
        return AG_OK;
    for (size_t i = 0; i < NTOK; i++) {
        if (x->np_of[i] >= 0 || (i > 0 && name_word(x, i - 1)))
            continue;
        size_t len = unknown_name_len(x, i);
        if (len < 2 || x->np_of[i + len - 1] >= 0)
            continue;
        /* an organisation: a name ending in an organisation word ("the Harbour Safety Bureau") */
        bool org = mlen(x, i + len - 1, L_ORGWORD) > 0;
        if (!org && !(mlen(x, i, L_FIRSTNAME) || (i > 0 && after_role(x, i))))
            continue;
        int e = named_actor(x, i, i + len, org, owner_country(x, i));
        if (e < 0)
            return AG_ERR_NOMEM;
        if (org) {
            memmove(x->named_orgs + 1, x->named_orgs, (NAMED_ORGS - 1) * sizeof *x->named_orgs);
            x->named_orgs[0].ent = e;
            x->named_orgs[0].sent = x->sentno;
        }
        i += len - 1;
    }
    return AG_OK;
}

/* Whether the sentence holds a run of name words the dictionary lacks, outside its actors. */
static bool has_unknown_name(const ag_extractor *x)
{
    for (size_t i = 0; i < NTOK; i++)
        if (x->np_of[i] < 0 && (i == 0 || x->np_of[i - 1] < 0) && unknown_name_len(x, i) >= 2)
            return true;
    return false;
}

/* Adds n to the sentence's noun phrases, which stay in text order. */
static ag_status np_insert(ag_extractor *x, const np *n)
{
    np tmp = *n;
    ag_status st = np_push(x, &tmp);
    if (st != AG_OK)
        return st;
    size_t k = x->nnps - 1;
    while (k > 0 && x->nps[k - 1].a > n->a) {
        x->nps[k] = x->nps[k - 1];
        k--;
    }
    x->nps[k] = tmp;
    for (size_t q = k; q < x->nnps; q++)
        for (size_t t = x->nps[q].a; t < x->nps[q].b; t++)
            x->np_of[t] = (int)q;
    return AG_OK;
}

/* Open-world actors, read from the parse: every run of two to four name words the dictionary lacks
 * and that heads a noun phrase of its own (not "Microsoft Exchange" in "the Microsoft Exchange
 * hack", a compound before another noun) becomes an actor: a person ("Lindsey Graham"), or an
 * organisation when its last word says so ("Northwind Airlines", "Fusion GPS"). It belongs to the
 * country the document is about (main_country), "" when there is none yet. */
static ag_status add_unknown_names(ag_extractor *x)
{
    const ag_parse *p = &x->parse;
    if (x->title_case) /* a headline capitalises every word */
        return AG_OK;
    for (size_t i = 0; i < NTOK;) {
        size_t len = x->np_of[i] < 0 ? unknown_name_len(x, i) : 0;
        if (len < 2) {
            i++;
            continue;
        }
        size_t j = i + len;
        while (j > i && x->np_of[j - 1] >= 0)
            j--;
        if (j - i < 2) {
            i++;
            continue;
        }
        /* the run's words in the parse, and the relation of the one whose head lies outside */
        int rel = -1;
        int outside = -1; /* the noun phrase of the run's head, if it has one */
        for (size_t w = 1; w <= p->n; w++) {
            if (p->w[w].tok < i || p->w[w].tok >= j)
                continue;
            uint32_t h = p->w[w].head;
            if (h == 0 || p->w[h].tok < i || p->w[h].tok >= j) {
                rel = p->w[w].rel;
                outside = h ? x->np_of[p->w[h].tok] : -1;
            }
        }
        /* a premodifier ("the Microsoft Exchange hack"), or a name in apposition to an actor
         * already named ("Brazil's health minister, Dr. Maria Santos,"): no actor of its own */
        if (rel < 0 || rel == AG_DEP_COMPOUND || rel == AG_DEP_AMOD || (rel == AG_DEP_APPOS && outside >= 0)) {
            i = j;
            continue;
        }
        int e = named_actor(x, i, j, mlen(x, j - 1, L_ORGWORD) > 0, owner_country(x, i));
        if (e < 0)
            return AG_ERR_NOMEM;
        np n;
        memset(&n, 0, sizeof n);
        n.a = i;
        n.b = j;
        if (j < NTOK && TOK(j).kind == AG_TOK_POSS) {
            n.poss = true;
            n.b = j + 1;
        }
        np_add_ent(&n, e);
        note_mention(x, &n);
        ag_status st = np_insert(x, &n);
        if (st != AG_OK)
            return st;
        i = n.b;
    }
    return AG_OK;
}

static bool speaker_after(ag_extractor *x, size_t i, np *out, size_t *say_at);

/* Pronoun phrases are resolved lazily, when a frame needs an argument at token i. */
static int pronoun_np(ag_extractor *x, size_t i, np *out)
{
    if (!mlen(x, i, L_PRON) || (TOK(i).flags & AG_TF_UPPER)) /* "US" is no "us" */
        return 0;
    const lex_entry *e = mval(x, i, L_PRON);
    memset(out, 0, sizeof *out);
    out->a = i;
    out->b = i + 1;
    out->inferred = true;
    out->poss = is_any(x, i, (const char *const[]){"his", "her", "its", "their", NULL});
    if (strcmp(e->arg1, "speaker") == 0) {
        /* "We do not hold Tokyo responsible," a spokesman said: the quotation's speaker */
        size_t say_at;
        np sp;
        if (!speaker_after(x, i + 1, &sp, &say_at))
            return 0;
        *out = sp;
        out->a = i, out->b = i + 1, out->inferred = true;
        out->poss = is(x, i, "our");
        return 1;
    }
    if (strcmp(e->arg1, "plural") == 0) {
        /* the latest coordinated group in this sentence before the pronoun, else any plural */
        for (size_t k = x->nnps; k-- > 0;)
            if (x->nps[k].b <= i && x->nps[k].nents > 1) {
                *out = x->nps[k];
                out->a = i, out->b = i + 1, out->inferred = true;
                out->poss = is(x, i, "their");
                return 1;
            }
        /* the latest of a group named together and a subject named by a plural description
         * ("Freedonian ministers met ... They accused ..."), for the subject "they" only */
        bool group = x->last_group_n > 1 && x->sentno - x->last_group_sent <= 1;
        bool plural = is(x, i, "they") && x->last_plural_n > 0 && x->sentno - x->last_plural_sent <= 1 &&
                      x->last_plural_sent < x->sentno && !(group && x->last_group_sent >= x->last_plural_sent);
        if (group && !plural) {
            out->nents = x->last_group_n;
            memcpy(out->ents, x->last_group, sizeof(int) * (size_t)x->last_group_n);
            return 1;
        }
        if (plural) {
            out->nents = x->last_plural_n;
            memcpy(out->ents, x->last_plural, sizeof(int) * (size_t)x->last_plural_n);
            return 1;
        }
    }
    int age = strcmp(e->arg1, "person") == 0 ? 3 : 1;
    char gender = e->arg2 && (e->arg2[0] == 'f' || e->arg2[0] == 'm') ? e->arg2[0] : 0; /* she / he */
    int r = resolve_back(x, e->arg1, NULL, NULL, true, i, age, gender);
    if (r < 0)
        return 0;
    /* an object's possessive pronoun usually points back to the subject ("the Spanish media
     * criticised its English counterparts"): then it names no other actor */
    if (out->poss && x->avoid) {
        const np *avoid = x->avoid;
        x->avoid = NULL;
        int self = resolve_back(x, e->arg1, NULL, NULL, true, i, age, gender);
        x->avoid = avoid;
        for (int k = 0; k < avoid->nents; k++)
            if (avoid->ents[k] == self)
                return 0;
    }
    out->ents[0] = r;
    out->nents = 1;
    return 1;
}

/* Description phrases naming persons by a title seen earlier: "the Republican candidate". */
static int title_np(ag_extractor *x, size_t i, np *out)
{
    if (!is(x, i, "the") && i > 0 && is(x, i - 1, "the") && mlen(x, i, L_ROLE))
        i--;
    if (!is(x, i, "the"))
        return 0;
    size_t k = mlen(x, i + 1, L_ROLE);
    size_t j = i + 1;
    while (j < NTOK && !k && j < i + 3 && TOK(j).kind == AG_TOK_WORD) {
        j++;
        k = mlen(x, j, L_ROLE);
    }
    if (!k)
        return 0;
    const char *words = span_text(x, i + 1, j + k, true);
    char key[256];
    snprintf(key, sizeof key, "%s", words);
    int r = resolve_back(x, "person", NULL, key, false, i, -1, 0);
    /* "the candidate" with no matching title: the person last in subject position */
    static const char *const person_roles[] = {"candidate", "nominee", "spokesman", "spokeswoman", "envoy",
                                               NULL};
    if (r < 0 && is_any(x, j + k - 1, person_roles))
        r = resolve_back(x, "person", NULL, NULL, true, i, 3, 0);
    /* "the president" with no president named: the head of the sentence's own state */
    /* "the president", "the interior minister" with no one of that title named: an office of the
     * state of the sentence's opening actor ("Senator X accused the interior minister"), else of
     * the story's (lexicon class office, right after "the"); an actor named later in the
     * sentence is no owner ("critics of the Iraq war slammed the prime minister") */
    if (r < 0 && j == i + 1 && mlen(x, i + 1, L_OFFICE) == k) {
        int f = x->nnps > 0 && x->nps[0].a < i && x->nps[0].nents == 1 && (x->nps[0].a == 0 || is(x, 0, "the"))
                    ? x->nps[0].ents[0] : -1;
        const char *c = f >= 0 && x->ents[f].country[0] && strcmp(x->ents[f].type, "igo") != 0 &&
                                strcmp(x->ents[f].type, "ngo") != 0 && strcmp(x->ents[f].country, "WST") != 0
                            ? x->ents[f].country
                            : story_country(x);
        char cc[16];
        snprintf(cc, sizeof cc, "%s", c);
        r = cc[0] ? state_entity(x, cc) : -1;
    }
    if (r < 0)
        return 0;
    memset(out, 0, sizeof *out);
    out->a = i;
    out->b = j + k;
    out->ents[0] = r;
    out->nents = 1;
    out->inferred = true;
    if (out->b < NTOK && TOK(out->b).kind == AG_TOK_POSS) { /* "the president's criticism" */
        out->poss = true;
        out->b++;
    }
    return 1;
}

/* The phrase starting at token i (an actor NP, a pronoun or a title description). */
static bool np_at(ag_extractor *x, size_t i, np *out)
{
    if (i >= NTOK)
        return false;
    if (x->np_of[i] >= 0) {
        *out = x->nps[x->np_of[i]];
        return true;
    }
    return pronoun_np(x, i, out) || title_np(x, i, out);
}

static bool negated_between(const ag_extractor *x, size_t from, size_t v);
static const ag_word *word_at(const ag_extractor *x, size_t i);
static size_t child_rel(const ag_extractor *x, size_t h, int rel);
static bool has_np_between(ag_extractor *x, size_t a, size_t b);

/* ---- clauses ------------------------------------------------------------------------ */

static bool clause_break(const ag_extractor *x, size_t i)
{
    static const char *const conj[] = {"but", "while", "whereas", "although", "though", "as", "and", "because",
                                       "after", "before", "when", "since", "yet", NULL};
    if (is_punct(x, i, ';') || is_punct(x, i, ':') || is_punct(x, i, '(') || is_punct(x, i, ')'))
        return true;
    if (is_punct(x, i, ',') && is_any(x, i + 1, conj))
        return true;
    if (is_punct(x, i, '-') && (TOK(i).flags & AG_TF_SPACE))
        return true;
    return false;
}

/* The subject of the clause whose verb is at token v: the leftmost actor phrase between the
 * clause start and v (skipping phrases governed by prepositions like "against"). For "who"
 * and "which" the antecedent before the relative pronoun. Returns false if none. */
/* "The United States, along with Britain, blamed ...", "X together with Y": Y joins the subject
 * phrase out of the verb at token v. */
static void add_along_with(ag_extractor *x, np *out, size_t v)
{
    size_t j = out->b;
    if (is_punct(x, j, ','))
        j++;
    if ((is(x, j, "along") || is(x, j, "together")) && is(x, j + 1, "with")) {
        np m;
        if (np_at(x, j + 2, &m) && m.b <= v)
            for (int k = 0; k < m.nents; k++)
                np_add_ent(out, m.ents[k]);
    }
}

static bool find_subject(ag_extractor *x, size_t v, np *out, size_t *clause_start)
{
    static const char *const subordinators[] = {"after", "before", "when", "because", "while", "since", "although",
                                                "though", "if", "unless", "until", "whereas", "as", "once", NULL};
    /* an infinitive ("the decision by the Dutch to call out Russia"): the nearest actor before "to" */
    size_t t = v;
    while (t > 0 && mlen(x, t - 1, L_SKIP) && !is(x, t - 1, "on"))
        t--;
    if (t > 0 && is(x, t - 1, "to") && !negated_between(x, t > 4 ? t - 4 : 0, t)) {
        for (size_t m = t - 1; m-- > 0 && m + 8 > t;) {
            if (clause_break(x, m) || is_quote(x, m))
                break;
            if (np_at(x, m, out) && out->b <= t - 1 && !(m > 0 && is_any(x, m - 1, stop_preps))) {
                if (clause_start)
                    *clause_start = m;
                return true;
            }
        }
    }
    size_t s = v;
    while (s > 0) {
        size_t j = s - 1;
        /* a parenthesis between dashes: "Britain's foreign secretary - speaking in London - accused" */
        if (is_punct(x, j, '-') && (TOK(j).flags & AG_TF_SPACE)) {
            size_t m = j;
            while (m > 0 && !(is_punct(x, m - 1, '-') && (TOK(m - 1).flags & AG_TF_SPACE)) && !clause_break(x, m - 1))
                m--;
            if (m > 0 && is_punct(x, m - 1, '-')) {
                s = m - 1;
                continue;
            }
        }
        /* a relative clause between commas: "India, which has fought wars with its neighbour, accused" */
        if (is_punct(x, j, ',')) {
            size_t m = j;
            while (m > 0 && !clause_break(x, m - 1) && !is_quote(x, m - 1) && !is_punct(x, m - 1, ',') &&
                   !is(x, m - 1, "which") && !is(x, m - 1, "who"))
                m--;
            if (m >= 2 && (is(x, m - 1, "which") || is(x, m - 1, "who")) && is_punct(x, m - 2, ',')) {
                s = m - 2;
                continue;
            }
        }
        if (clause_break(x, j) || is(x, j, "that") || is_quote(x, j) || is_any(x, j, subordinators))
            break;
        /* "X said the delay was harmful and she accused ...": a new clause with its own subject */
        np c;
        if ((is(x, j, "and") || is(x, j, "but")) && np_at(x, j + 1, &c) && c.b <= v) {
            size_t g = c.b;
            while (g < v && mlen(x, g, L_SKIP))
                g++;
            if (g == v)
                break;
        }
        if ((is(x, j, "who") || is(x, j, "which")) && has_np_between(x, j + 1, v)) {
            s = j + 1; /* an object relative: "Iran, which Israel blames for ..." */
            break;
        }
        if (is(x, j, "who") || is(x, j, "which")) {
            size_t k = j;
            if (k > 0 && is_punct(x, k - 1, ','))
                k--;
            for (size_t m = k; m-- > 0 && m + 6 > k;)
                if (np_at(x, m, out) && out->b >= k - 0) {
                    if (clause_start)
                        *clause_start = j + 1;
                    return true;
                }
            return false;
        }
        if (is(x, j, "whom")) {
            s = j + 1;
            break;
        }
        s = j;
    }
    if (clause_start)
        *clause_start = s;
    /* the leftmost actor phrase not governed by a preposition and not a possessor ("Peskov's
     * complaint"); failing that, one inside "in/of/at" ("a report in the Rwandan capital") */
    static const char *const preps[] = {"in", "on", "at", "of", "for", "by", "under", "after", "before", "during",
                                        "since", "near", "within", "inside", "across", "through", NULL};
    for (int pass = 0; pass < 3; pass++)
    for (size_t i = s; i < v; i++) {
        np n;
        if (!np_at(x, i, &n))
            continue;
        if (n.b > v) /* the verb itself is inside a phrase */
            break;
        bool prep = i > s && is_any(x, i - 1, preps);
        if ((i > s && is_any(x, i - 1, stop_preps)) || (pass == 0 && (prep || n.poss)) || (pass == 1 && prep) ||
            (pass == 2 && (n.inferred || !(n.organ || (i >= 2 && (is(x, i - 1, "in") || is(x, i - 1, "of")) &&
                                                        mlen(x, i - 2, L_ROLE)))))) {
            i = n.b - 1;
            continue;
        }
        *out = n;
        add_along_with(x, out, v);
        return true;
    }
    return false;
}

/* True if an actor phrase starts in [a, b). */
static bool has_np_between(ag_extractor *x, size_t a, size_t b)
{
    np n;
    for (size_t i = a; i < b; i++)
        if (np_at(x, i, &n))
            return true;
    return false;
}

/* Skips adverbs, auxiliaries, determiners and quotes forwards from i. */
static size_t skip_fwd(const ag_extractor *x, size_t i)
{
    while (i < NTOK) {
        size_t k = mlen(x, i, L_SKIP);
        if (k && !is(x, i, "on"))
            i += k;
        else if (is_quote(x, i) || is(x, i, "the"))
            i++;
        else
            break;
    }
    return i;
}

/* The object: the first actor phrase after token i, within a short window that stops at
 * clause ends and at the prepositions that start a charge. "by X" after a non-actor object
 * names the target ("condemned the launch by North Korea"). */
static bool find_object(ag_extractor *x, size_t i, size_t window, np *out, size_t *after)
{
    static const char *const stops[] = {"of", "for", "over", "with", "that", "who", "which", "after", "because",
                                        "in", "as", "amid", "while", "and", "but", "to", "when", "if", "since", NULL};
    size_t end = i + window;
    bool other = false; /* a non-actor word came first: only "by X" may follow */
    for (size_t j = skip_fwd(x, i); j < NTOK && j < end; j++) {
        if (!other && np_at(x, j, out)) {
            if (after)
                *after = out->b > j ? out->b : j + 1;
            return true;
        }
        if (is(x, j, "by") && np_at(x, j + 1, out)) {
            if (after)
                *after = out->b;
            return true;
        }
        bool of_part = is(x, j, "of") && j > i && (mlen(x, j - 1, L_ROLE) || is_any(x, j - 1, determiners));
        if ((is_any(x, j, stops) && !of_part) || clause_break(x, j) || is_punct(x, j, ',') || is_punct(x, j, '.'))
            break;
        if (TOK(j).kind == AG_TOK_WORD && !is_any(x, j, determiners) && !mlen(x, j, L_SKIP) && !is(x, j, "by") &&
            !is(x, j, "of") && !mlen(x, j, L_ROLE)) /* "dozens of Russian officers", "officers of Russia's GRU" */
            other = true;
    }
    return false;
}

/* Negation or modality between the subject and the trigger. */
/* Token i lies in a phrase set off by commas between from and v ("X, which never accused anyone,
 * blamed ...", "Britain, not France, blamed ...", "..., something Moscow denies, charged ..."). */
static bool between_commas(const ag_extractor *x, size_t from, size_t i, size_t v)
{
    bool before = false, after = false;
    for (size_t k = from; k < i; k++)
        before |= is_punct(x, k, ',');
    for (size_t k = i + 1; k < v; k++)
        after |= is_punct(x, k, ',');
    return before && after;
}

static bool negated_between(const ag_extractor *x, size_t from, size_t v)
{
    size_t lo = v > 8 && v - 8 > from ? v - 8 : from;
    /* a verb of negation is not the negation of the verb coordinated with it or of a participle
     * adjunct to it ("has denied any wrongdoing and called the inquiry a witch hunt", "denied
     * collusion, calling the inquiry a witch hunt"); an adverb before the first verb may be ("did
     * not accuse or blame") */
    const ag_word *vw = word_at(x, v);
    size_t vi = vw ? (size_t)(vw - x->parse.w) : 0;
    /* (a bare participle: "refrained from accusing" is negated) */
    bool adjunct = vw && vw->rel == AG_DEP_ADVCL && !child_rel(x, vi, AG_DEP_MARK) && !child_rel(x, vi, AG_DEP_CASE);
    const ag_word *conj_head = vw && (vw->rel == AG_DEP_CONJ || adjunct) ? &x->parse.w[vw->head] : NULL;
    for (size_t i = lo; i < v; i++) {
        if (conj_head && conj_head->tok == i && conj_head->upos == AG_UPOS_VERB)
            continue;
        if (mlen(x, i, L_NEG) && i + mlen(x, i, L_NEG) <= v && !between_commas(x, from, i, v))
            return true;
        size_t n = strlen(NORM(i));
        if (n > 3 && strcmp(NORM(i) + n - 3, "n't") == 0)
            return true;
    }
    /* a modal right before the verb, adverbs allowed in between */
    size_t j = v;
    while (j > from && j > 0 && mlen(x, j - 1, L_SKIP) && !mlen(x, j - 1, L_MODAL))
        j--;
    return j > from && j > 0 && mlen(x, j - 1, L_MODAL);
}

/* A passive verb: a form of "be" before it (adverbs allowed) and not followed by an object. */
static bool passive_before(const ag_extractor *x, size_t v)
{
    size_t j = v;
    while (j > 0 && mlen(x, j - 1, L_SKIP) && !mlen(x, j - 1, L_BE))
        j--;
    return j > 0 && mlen(x, j - 1, L_BE) && strlen(NORM(v)) > 2 && strcmp(NORM(v) + strlen(NORM(v)) - 2, "ed") == 0;
}

/* True if an actor phrase ends right before token v (adverbs allowed in between). */
static bool np_ends_at(ag_extractor *x, size_t v)
{
    size_t j = v;
    while (j > 0 && mlen(x, j - 1, L_SKIP) && !mlen(x, j - 1, L_BE))
        j--;
    return j > 0 && x->np_of[j - 1] >= 0 && x->nps[x->np_of[j - 1]].b == j;
}

/* ---- triples ------------------------------------------------------------------------ */

typedef struct found {
    np src, tgt;
    const char *action, *code, *rule;
    size_t trig;       /* trigger token */
    size_t src_clause; /* first token of the source's clause */
    size_t charge_a, charge_b; /* token span of the charge, or 0,0 */
    double conf;
    bool negated;
    bool act_negated;  /* reported acts: the act itself is negated ("had never interfered"), not hedged */
    const char *why;   /* for --explain: why the frame wrote no triple */
    bool by_position;  /* a side was found by the positional fallback, not read from the parse */
    bool accuser_named; /* a denial whose accuser the sentence names ("denied Y's claims"): Y's
                         * accusation of the denier is written too */
} found;

#define WHY(f, s) ((f)->why = (s))

static ag_status set_ref(ag_actor_ref *r, const entity *e)
{
    free(r->name), free(r->id), free(r->type), free(r->country);
    r->name = ag_strdup(e->name);
    r->id = ag_strdup(e->id);
    r->type = ag_strdup(e->type);
    r->country = ag_strdup(e->country);
    return r->name && r->id && r->type && r->country ? AG_OK : AG_ERR_NOMEM;
}

static ag_status set_str(char **dst, const char *s, size_t n)
{
    free(*dst);
    *dst = ag_strndup(s, n);
    return *dst ? AG_OK : AG_ERR_NOMEM;
}

/* True when date d (YYYY-MM...) falls in the month of doc (YYYY-MM-DD...) or the month before. */
static bool near_month(const char *d, const char *doc)
{
    if (strlen(d) < 7 || strlen(doc) < 7)
        return false; /* a year alone is never the accusation's own day */
    int dy = atoi(d), dm = atoi(d + 5), y = atoi(doc), m = atoi(doc + 5);
    int diff = (y - dy) * 12 + (m - dm);
    return diff == 0 || diff == 1;
}

/* The triple's rule: the frame's name, with "+position" when a side was found by the positional
 * fallback (no parse, or the parse lacks the relation) rather than read from the parse. */
static ag_status set_rule(char **dst, const found *f)
{
    size_t n = strlen(f->rule);
    free(*dst);
    *dst = malloc(n + sizeof "+position");
    if (!*dst)
        return AG_ERR_NOMEM;
    memcpy(*dst, f->rule, n);
    strcpy(*dst + n, f->by_position ? "+position" : "");
    return AG_OK;
}

/* The charge's topic and the CAMEO code it refines 112 into. */
static void topic_of(ag_extractor *x, size_t a, size_t b, const char **topic, const char **code)
{
    const lex_entry *best = NULL;
    for (int pass = 0; pass < 2 && !best; pass++) {
        size_t lo = pass ? 0 : a, hi = pass ? NTOK : b;
        for (size_t i = lo; i < hi; i++)
            if (mlen(x, i, L_TOPIC)) {
                const lex_entry *e = mval(x, i, L_TOPIC);
                if (!best || e < best)
                    best = e;
            }
    }
    *topic = best ? best->arg1 : "other";
    *code = best && strcmp(best->arg2, "-") != 0 ? best->arg2 : NULL;
}

/* Emits one triple per (source, target) pair of f, skipping self-accusations and pairs
 * already emitted for this sentence. */
static ag_status emit(ag_extractor *x, const ag_doc *doc, const ag_span *sent, const found *f, ag_triples *out,
                      size_t first_of_sentence)
{
    if (f->negated && !x->opts.keep_negated) {
        x->stats.negated_dropped++;
        return AG_OK;
    }
    /* who brings the document's legal charges: its later proceedings ("the indictment") are theirs */
    if (!f->negated && f->src.nents && !x->ents[f->src.ents[0]].proceeding &&
        (strncmp(f->rule, "legal", 5) == 0 || (mlen(x, f->trig, L_VERB) && mval(x, f->trig, L_VERB)->frame == F_CHARGE)))
        x->prosecutor = f->src.ents[0];
    const char *topic, *tcode;
    size_t ca = f->charge_a, cb = f->charge_b;
    topic_of(x, ca, cb, &topic, &tcode);
    const char *code = f->code;
    if (tcode && strcmp(f->code, "112") == 0)
        code = tcode;
    ag_date date;
    size_t toff = TOK(f->trig).start - sent->start;
    /* the accusation's own date, never one inside its charge ("accused X of a coup in July
     * 2016"): when the date found lies in the charge (it changes with the charge blanked out)
     * and is not of the document's month or the one before (as "on Monday" at the clause's end
     * is), the date outside the charge is taken */
    const char *stext = doc->text + sent->start;
    size_t slen = sent->end - sent->start;
    ag_date_resolve(stext, slen, toff, doc->date, &date);
    if (cb > ca && date.value[0] && doc->date && strlen(doc->date) >= 7 && TOK(ca).start >= sent->start &&
        TOK(cb - 1).end <= sent->end) {
        x->scratch.len = 0;
        if (ag_buf_append(&x->scratch, stext, slen) != AG_OK)
            return AG_ERR_NOMEM;
        memset(x->scratch.data + (TOK(ca).start - sent->start), ' ', TOK(cb - 1).end - TOK(ca).start);
        ag_date outside;
        ag_date_resolve(x->scratch.data, slen, toff, doc->date, &outside);
        if (strcmp(outside.value, date.value) != 0 && !near_month(date.value, doc->date))
            date = outside;
    }
    double conf = f->conf;
    if (f->src.inferred)
        conf *= 0.8;
    if (f->tgt.inferred)
        conf *= 0.8;
    for (int si = 0; si < f->src.nents; si++)
        for (int ti = 0; ti < f->tgt.nents; ti++) {
            const entity *s = &x->ents[f->src.ents[si]], *t = &x->ents[f->tgt.ents[ti]];
            if (strcmp(s->id, t->id) == 0) /* only an actor accusing itself; domestic accusations stay */
                continue;
            bool dup = false;
            for (size_t k = first_of_sentence; k < out->len && !dup; k++) {
                const ag_triple *o = &out->items[k];
                /* (a reported accusation repeats one the sentence's verb made: "complained that
                 * Y were biased" is one complaint, not also a criticism) */
                dup = strcmp(o->source.id, s->id) == 0 && strcmp(o->target.id, t->id) == 0 &&
                      (strcmp(o->action, f->action) == 0 ||
                       (strncmp(f->rule, "reported", 8) == 0 &&
                        (strcmp(o->action, "deny") == 0) == (strcmp(f->action, "deny") == 0)));
            }
            if (dup)
                continue;
            ag_triple tr;
            if (ag_triple_init(&tr) != AG_OK)
                return AG_ERR_NOMEM;
            ag_status st = AG_OK;
            if (set_str(&tr.doc, doc->id, strlen(doc->id)) || set_str(&tr.sentence, doc->text + sent->start,
                                                                         sent->end - sent->start) ||
                set_ref(&tr.source, s) || set_ref(&tr.target, t) || set_str(&tr.action, f->action, strlen(f->action)) ||
                set_str(&tr.code, code, strlen(code)) || set_str(&tr.date, date.value, strlen(date.value)) ||
                set_str(&tr.date_precision, date.precision, strlen(date.precision)) ||
                set_str(&tr.topic, topic, strlen(topic)) || set_rule(&tr.rule, f) ||
                ag_triple_set_document(&tr, doc->url, doc->title, doc->publisher, doc->date))
                st = AG_ERR_NOMEM;
            if (st == AG_OK && cb > ca) {
                size_t a = TOK(ca).start, b = TOK(cb - 1).end;
                st = set_str(&tr.charge, doc->text + a, b - a);
            }
            tr.offset = (long)sent->start;
            tr.sentence_index = x->sentno;
            tr.negated = f->negated;
            tr.confidence = conf;
            if (st == AG_OK)
                st = ag_triples_push(out, &tr);
            else
                ag_triple_destroy(&tr);
            if (st != AG_OK)
                return st;
            x->stats.triples++;
        }
    return AG_OK;
}

/* A denial of an accusation the sentence attributes ("Y denied X's claims that it ...", "Y
 * rejected the report by X") also reports that accusation: X accuses Y, on the same date. */
static ag_status emit_denied(ag_extractor *x, const ag_doc *doc, const ag_span *sent, const found *d,
                             ag_triples *out, size_t first_of_sentence)
{
    found a = *d;
    a.src = d->tgt;
    a.tgt = d->src;
    a.action = "accuse";
    a.code = "112";
    a.rule = "deny-answers";
    a.conf = d->conf * 0.9;
    a.accuser_named = false;
    return emit(x, doc, sent, &a, out, first_of_sentence);
}

/* The charge: from a preposition after the target ("of attempting to ...") to the clause end. */
static void charge_after(const ag_extractor *x, size_t i, found *f)
{
    static const char *const preps[] = {"of", "for", "over", "with", "in", "on", "that", NULL};
    f->charge_a = f->charge_b = 0;
    i = skip_fwd(x, i);
    if (i >= NTOK || !is_any(x, i, preps))
        return;
    size_t a = i + 1, b = a;
    while (b < NTOK && b < a + 30 && !clause_break(x, b) && !is_punct(x, b, '.') &&
           !(is_punct(x, b, ',') && b > a + 3))
        b++;
    if (b > a) {
        f->charge_a = a;
        f->charge_b = b;
    }
}

/* The speaker named after a quotation or a reported clause that starts before token i:
 * "..., the Polish foreign minister said", "... ,\" said the Lithuanian minister". */
static bool speaker_after(ag_extractor *x, size_t i, np *out, size_t *say_at)
{
    for (size_t j = i; j < NTOK; j++) {
        if (!mlen(x, j, L_SAY) || j == 0)
            continue;
        size_t k = j;
        while (k > i && (is_punct(x, k - 1, ',') || is_quote(x, k - 1) || mlen(x, k - 1, L_SKIP)))
            k--;
        bool after_break = k < j; /* a comma or quote before the say verb */
        *say_at = j;
        /* "the minister said": the phrase right before the verb */
        for (size_t m = j; m-- > i && m + 8 > j;) {
            if (is_punct(x, m, ',') || is_quote(x, m))
                break;
            if (np_at(x, m, out) && out->b <= j && (m == 0 || is_punct(x, m - 1, ',') || is_quote(x, m - 1) ||
                                                     is_any(x, m - 1, determiners)))
                return true;
        }
        if (after_break && find_object(x, j + 1, 6, out, NULL))
            return true;
        return false;
    }
    return false;
}

/* The reporter of a reported accusation before token i: the subject of a say verb, or the
 * actor before a headline colon ("Seoul: Pyongyang to blame"). */
static bool find_reporter(ag_extractor *x, size_t i, np *out, size_t *say_at, bool direct, bool after_ok)
{
    static const char *const between[] = {"that", "on", "last", "this", "in", "earlier", "later", "today", "there",
                                          "was", "is", "were", "no", "evidence", "proof", "clear", "little", "any",
                                          "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday",
                                          "saturday", "sunday", "week", "month", "year", ",", NULL};
    /* "According to Germany, ..." */
    for (size_t j = 0; j + 2 < i; j++)
        if (is(x, j, "according") && is(x, j + 1, "to") && np_at(x, j + 2, out) && out->b <= i) {
            *say_at = j;
            return true;
        }
    for (size_t j = i; j-- > 0;) {
        if (is_quote(x, j))
            break; /* inside a quotation: the speaker is named after it */
        if (mlen(x, j, L_SAY) && !is(x, j, "charged")) {
            /* the reported clause must be the say verb's own complement, not nested deeper */
            size_t k = j + mlen(x, j, L_SAY);
            for (; direct && k < i; k++)
                if (!is_any(x, k, between) && !mlen(x, k, L_SKIP))
                    return false;
            *say_at = j;
            return find_subject(x, j, out, NULL);
        }
        if (is_punct(x, j, ':') && np_at(x, 0, out) && out->b == j) {
            *say_at = j;
            return true;
        }
        if (is_punct(x, j, ';'))
            break;
    }
    /* a say verb after the reported clause: "X was to blame, Y said", "..." said Y */
    return after_ok && speaker_after(x, i, out, say_at);
}

/* The latest earlier accusation in this document against one of the given entities. */
static int implied_accuser(ag_extractor *x, const ag_triples *out, size_t doc_first, const np *denier)
{
    for (size_t k = out->len; k-- > doc_first;) {
        const ag_triple *t = &out->items[k];
        if (strcmp(t->action, "deny") == 0 || t->negated)
            continue;
        for (int d = 0; d < denier->nents; d++) {
            const entity *e = &x->ents[denier->ents[d]];
            if (e->country[0] && strcmp(t->target.country, e->country) == 0) {
                int r = entity_find(x, t->source.id);
                if (r >= 0)
                    return r;
            }
        }
    }
    return -1;
}

/* Makes the target of the denial f the implied accuser (see implied_accuser); false if none. */
static bool set_implied_accuser(ag_extractor *x, const ag_triples *out, size_t doc_first, found *f)
{
    int r = implied_accuser(x, out, doc_first, &f->src);
    double conf = 0.5;
    if (r < 0) {
        /* no accusation of the denier so far: a foreign denier in a story about one country
         * answers that country ("Moscow denies meddling" in an American story) */
        const char *mc = story_country(x);
        if (!mc[0] || f->src.nents != 1 || !x->ents[f->src.ents[0]].country[0] ||
            strcmp(x->ents[f->src.ents[0]].country, mc) == 0)
            return false;
        r = state_entity(x, mc);
        if (r < 0)
            return false;
        conf = 0.4;
    }
    memset(&f->tgt, 0, sizeof f->tgt);
    f->tgt.ents[0] = r;
    f->tgt.nents = 1;
    f->rule = "deny-implied";
    f->conf = conf;
    return true;
}

/* Makes f a denial (rule, confidence) whose target is the accuser named in the object at
 * token i; false when none is named (*accnoun says whether an accusation noun was seen). */
static bool find_accuser(ag_extractor *x, size_t i, np *out, bool *has_accnoun);
static bool deny_named(ag_extractor *x, size_t i, const char *rule, double conf, found *f, bool *accnoun)
{
    f->action = "deny";
    f->code = "016";
    f->rule = rule;
    f->conf = conf;
    f->accuser_named = find_accuser(x, i, &f->tgt, accnoun);
    return f->accuser_named;
}

/* An accusation word at token i, which a denial can answer: not a quarrel ("the feud"). */
static bool accusation_noun(const ag_extractor *x, size_t i)
{
    return mlen(x, i, L_ACCNOUN) || (mlen(x, i, L_NOUN) && mval(x, i, L_NOUN)->frame != F_RECIPROCAL);
}

/* The accuser named in a denial's object: "X's accusations", "US accusations",
 * "accusations by/from X", "accusations made by X". */
static bool find_accuser(ag_extractor *x, size_t i, np *out, bool *has_accnoun)
{
    *has_accnoun = false;
    size_t end = i + 10 < NTOK ? i + 10 : NTOK;
    for (size_t j = skip_fwd(x, i); j < end; j++) {
        if (accusation_noun(x, j)) {
            *has_accnoun = true;
            size_t k = j + (mlen(x, j, L_ACCNOUN) ? mlen(x, j, L_ACCNOUN) : mlen(x, j, L_NOUN));
            if (is(x, k, "made") || is(x, k, "levelled") || is(x, k, "leveled"))
                k++;
            if ((is(x, k, "by") || is(x, k, "from")) && np_at(x, k + 1, out))
                return true;
            /* "the findings of the UN report": a report's "of" names its author */
            if (is(x, k, "of") && is_any(x, k - 1, (const char *const[]){"findings", "conclusions", "conclusion", "report",
                                                                          "assessment", "reports", NULL})) {
                size_t m = skip_fwd(x, k + 1);
                if (np_at(x, m, out))
                    return true;
            }
            /* "allegations of interfering ... by the West" */
            for (size_t m = k; m < NTOK && m < k + 12 && !clause_break(x, m) && !is_punct(x, m, ','); m++)
                if (is(x, m, "by") && np_at(x, m + 1, out))
                    return true;
            return false;
        }
        if (np_at(x, j, out) && (out->poss || out->modifier || accusation_noun(x, out->b))) {
            size_t k = out->b;
            while (k < end && TOK(k).kind == AG_TOK_WORD && !accusation_noun(x, k) && k < out->b + 3)
                k++;
            if (accusation_noun(x, k)) {
                *has_accnoun = true;
                return true;
            }
            return false;
        }
        if (is_punct(x, j, ',') || clause_break(x, j))
            break;
    }
    return false;
}

static ag_status do_verb_object(ag_extractor *x, size_t v, const lex_entry *e, found *f, bool *ok,
                                const ag_triples *out, size_t doc_first);

/* Makes f the criticism of a call-frame verb whose target is named by tokens [a, b) (an insult
 * or a fault); true. */
static bool called_names(found *f, const char *rule, size_t a, size_t b)
{
    f->action = "criticize";
    f->code = "111";
    f->rule = rule;
    f->charge_a = a;
    f->charge_b = b;
    return true;
}

/* "called the accusations baseless": an accusation noun (with its accuser) then a dismissive word. */
static bool called_baseless(const ag_extractor *x, size_t i)
{
    size_t j = skip_fwd(x, i);
    size_t end = j + 8 < NTOK ? j + 8 : NTOK;
    for (; j < end && !mlen(x, j, L_ACCNOUN) && !mlen(x, j, L_NOUN); j++)
        if (is_punct(x, j, ',') || clause_break(x, j) || mlen(x, j, L_VERB))
            return false;
    if (j >= end)
        return false;
    for (size_t k = j + 1; k < NTOK && k < j + 5; k++)
        if (mlen(x, k, L_DISMISS))
            return true;
    return false;
}

/* The parse's word for token i of the current sentence (the first, for a token split in two), or
 * NULL when the sentence has no parse. */
static const ag_word *word_at(const ag_extractor *x, size_t i)
{
    if (x->parsed_sent != x->sentno || i >= NTOK || !x->tok_word[i])
        return NULL;
    return &x->parse.w[x->tok_word[i]];
}

/* ---- frames read from the parse ------------------------------------------------------- */

#define WD(k) (x->parse.w[k])

/* True when word k lies in the subtree of word root. */
static bool in_subtree(const ag_extractor *x, size_t k, size_t root)
{
    for (int d = 0; k && d < 64; d++, k = WD(k).head)
        if (k == root)
            return true;
    return false;
}

/* The first child of word h with relation rel, or 0. */
static size_t child_rel(const ag_extractor *x, size_t h, int rel)
{
    for (size_t k = 1; k <= x->parse.n; k++)
        if (WD(k).head == h && WD(k).rel == rel)
            return k;
    return 0;
}

/* The first child of word h whose lower-cased form is one of ws, or 0. */
static size_t child_form(const ag_extractor *x, size_t h, const char *const *ws)
{
    for (size_t k = 1; k <= x->parse.n; k++)
        if (WD(k).head == h)
            for (size_t i = 0; ws[i]; i++)
                if (strcasecmp(WD(k).form, ws[i]) == 0)
                    return k;
    return 0;
}

/* The nmod or obl child of word h whose case marker is one of ws ("by", "against"), or 0. */
static size_t child_case(const ag_extractor *x, size_t h, const char *const *ws)
{
    for (size_t k = 1; k <= x->parse.n; k++)
        if (WD(k).head == h && (WD(k).rel == AG_DEP_NMOD || WD(k).rel == AG_DEP_OBL || WD(k).rel == AG_DEP_OBL_AGENT) &&
            child_form(x, k, ws))
            return k;
    return 0;
}

/* The charge read from the parse: the verb w's "of/for/over/with" phrase or clause ("accused
 * by X on Tuesday of cutting the flow" -> "cutting the flow"), as a token span; false if none. */
static bool tree_charge(ag_extractor *x, size_t w, found *f)
{
    static const char *const preps[] = {"of", "for", "over", "with", NULL};
    size_t k = 0;
    for (size_t q = 1; q <= x->parse.n && !k; q++)
        if (WD(q).head == w && (WD(q).rel == AG_DEP_OBL || WD(q).rel == AG_DEP_ADVCL) && child_form(x, q, preps))
            k = q;
    if (!k)
        return false;
    size_t a = (size_t)-1, b = 0;
    for (size_t q = 1; q <= x->parse.n; q++) {
        if (!in_subtree(x, q, k) || WD(q).upos == AG_UPOS_PUNCT || ((WD(q).rel == AG_DEP_CASE || WD(q).rel == AG_DEP_MARK) &&
                                                      WD(q).head == k && is_any(x, WD(q).tok, preps)))
            continue;
        a = WD(q).tok < a ? WD(q).tok : a;
        b = WD(q).tok + 1 > b ? WD(q).tok + 1 : b;
    }
    if (b <= a || a == (size_t)-1)
        return false;
    f->charge_a = a;
    f->charge_b = b;
    return true;
}

/* True when a child of word h negates it ("did not", "never"). */
static bool word_negated(const ag_extractor *x, size_t h)
{
    for (size_t k = 1; k <= x->parse.n; k++)
        if (WD(k).head == h && ag_word_negates(&x->parse, k))
            return true;
    return false;
}

#define MOD_DEPTH 2 /* how deep actor_at_word looks into a word's modifiers */

/* An apposition right after its head ("Democratic Leader Chuck Schumer") or closed by
 * punctuation or the sentence's end ("the envoy, Anna Petrova, said"), not a name after a comma
 * the parser hung on a noun before the verb ("the proposal, Representative X said"). */
static bool appos_closed(const ag_extractor *x, size_t k)
{
    size_t first = WD(k).tok, head = WD(WD(k).head).tok;
    bool comma = false;
    for (size_t q = head + 1; q < first && q < NTOK; q++) /* (a dateline's dash is no comma) */
        comma |= is_punct(x, q, ',') || is_punct(x, q, ';');
    if (!comma)
        return true;
    size_t last = WD(k).tok;
    for (size_t q = 1; q <= x->parse.n; q++)
        if (in_subtree(x, q, k) && WD(q).tok > last && WD(q).upos != AG_UPOS_PUNCT)
            last = WD(q).tok;
    return last + 1 >= NTOK || TOK(last + 1).kind == AG_TOK_PUNCT || TOK(last + 1).kind == AG_TOK_QUOTE;
}

/* Word k names word w in apposition: an appos closed as appos_closed says, or a name the parser
 * read as an nmod with no preposition right after the noun ("campaign manager Carlos Trentino"). */
static bool names_in_apposition(const ag_extractor *x, size_t w, size_t k)
{
    if (WD(k).rel == AG_DEP_APPOS)
        return appos_closed(x, k);
    if (WD(k).rel != AG_DEP_NMOD || WD(k).upos != AG_UPOS_PROPN || k <= w || child_rel(x, k, AG_DEP_CASE))
        return false;
    for (size_t q = w + 1; q < k; q++) /* only the name's own words in between */
        if (WD(q).head != k || (WD(q).rel != AG_DEP_COMPOUND && WD(q).rel != AG_DEP_FLAT))
            return false;
    return true;
}

/* The actor a word stands for: the noun phrase at it, else one among the modifiers that name its
 * owner or side ("Britain's foreign secretary", "the Kremlin spokesman", "Mueller's team"). */
static bool actor_at_word(ag_extractor *x, size_t w, np *out, int depth)
{
    if (!w || w > x->parse.n)
        return false;
    size_t t = WD(w).tok;
    if (t < NTOK && np_at(x, t, out))
        return true;
    /* no modifier of a pronoun, nor the owner of a statement ("Sweden's complaint came after ..."
     * is no act of Sweden's) */
    if (depth == 0 || WD(w).upos == AG_UPOS_PRON || (t < NTOK && (mlen(x, t, L_NOUN) || mlen(x, t, L_ACCNOUN))))
        return false;
    /* an apposition names the word itself, before any modifier does ("Trump's former campaign
     * manager Paul Manafort" is Manafort, not Trump) */
    for (size_t k = 1; k <= x->parse.n; k++)
        if (WD(k).head == w && names_in_apposition(x, w, k) && actor_at_word(x, k, out, depth - 1))
            return true;
    for (size_t k = 1; k <= x->parse.n; k++)
        if (WD(k).head == w && (WD(k).rel == AG_DEP_NMOD_POSS || WD(k).rel == AG_DEP_COMPOUND ||
                                WD(k).rel == AG_DEP_AMOD || WD(k).rel == AG_DEP_FLAT) &&
            actor_at_word(x, k, out, depth - 1))
            return true;
    /* the agent of an event noun or the author of a document: "the remarks by X", "attempts by X
     * to ...", "a letter from X"; "of X" after a noun whose of-phrase is its agent (lexicon class
     * agentof: "the decision of X", "the conduct of X"; not "the killing of X", whose is the victim) */
    bool agent_of = t < NTOK && mlen(x, t, L_AGENTOF) == 1;
    for (size_t k = 1; k <= x->parse.n; k++)
        if (WD(k).head == w && WD(k).rel == AG_DEP_NMOD &&
            (child_form(x, k, (const char *const[]){"by", "from", NULL}) ||
             (agent_of && child_form(x, k, (const char *const[]){"of", NULL}))) &&
            actor_at_word(x, k, out, depth - 1))
            return true;
    return false;
}


/* True when word k lies inside an oblique or adverbial phrase ("in a statement carried by ...",
 * "after talks with ..."). */
static bool in_oblique(const ag_extractor *x, size_t k)
{
    for (int d = 0; k && d < 64; d++, k = WD(k).head) {
        int r = WD(k).rel;
        if (r == AG_DEP_OBL || r == AG_DEP_OBL_AGENT || r == AG_DEP_OBL_UNMARKED || r == AG_DEP_ADVCL)
            return true;
    }
    return false;
}

/* The subject of verb or predicate v, or of the verb it is coordinated with ("... and lied"). */
static size_t subject_of(const ag_extractor *x, size_t v)
{
    for (int hop = 0; v && hop < 3; hop++) {
        size_t s = child_rel(x, v, AG_DEP_NSUBJ);
        if (s)
            return s;
        if (WD(v).rel != AG_DEP_CONJ)
            return 0;
        v = WD(v).head;
    }
    return 0;
}

/* The reporter of a reported clause headed by word c: the subject of the say verb that takes it
 * as complement ("X said that ..."), of the say verb inside it ("..., X said"), or the owner of a
 * reporting noun ("X's conclusion that ...", "the conclusion by X that ..."). */
static bool tree_reporter(ag_extractor *x, size_t c, np *out, size_t *say)
{
    size_t s = 0;
    /* (an xcomp with a subject of its own is a complement the parser mislabelled; so is a
     * "relative clause" after a reporting noun, "the conclusion that Moscow used hacking", whose
     * noun may stand one nmod higher: "the conclusions by the agencies that ...") */
    if (WD(c).rel == AG_DEP_CCOMP || WD(c).rel == AG_DEP_ACL ||
        (WD(c).rel == AG_DEP_XCOMP && child_rel(x, c, AG_DEP_NSUBJ)))
        s = WD(c).head;
    if (WD(c).rel == AG_DEP_ACL_RELCL && child_rel(x, c, AG_DEP_NSUBJ)) {
        s = WD(c).head;
        if (s && !mlen(x, WD(s).tok, L_ACCNOUN) && WD(s).rel == AG_DEP_NMOD && WD(s).head &&
            mlen(x, WD(WD(s).head).tok, L_ACCNOUN))
            s = WD(s).head;
        if (s && !mlen(x, WD(s).tok, L_ACCNOUN))
            s = 0;
    }
    /* "said in a statement that ...": a clause the parser hung on the say verb's oblique or object
     * is the say verb's complement */
    if (s && WD(c).rel == AG_DEP_ACL && !mlen(x, WD(s).tok, L_SAY) && !mlen(x, WD(s).tok, L_ACCNOUN) &&
        (WD(s).rel == AG_DEP_OBL || WD(s).rel == AG_DEP_OBJ) && WD(s).head && mlen(x, WD(WD(s).head).tok, L_SAY))
        s = WD(s).head;
    if (s && !(mlen(x, WD(s).tok, L_SAY) || mlen(x, WD(s).tok, L_ACCNOUN)))
        s = 0;
    if (!s)
        for (size_t k = 1; k <= x->parse.n && !s; k++)
            if (WD(k).head == c && (WD(k).rel == AG_DEP_PARATAXIS || WD(k).rel == AG_DEP_CCOMP) &&
                mlen(x, WD(k).tok, L_SAY))
                s = k;
    if (!s) {
        /* "..., according to X", "According to X, ...": X reports the clause */
        size_t acc = child_case(x, c, (const char *const[]){"according", NULL});
        if (acc && actor_at_word(x, acc, out, MOD_DEPTH)) {
            *say = acc;
            return true;
        }
        return false;
    }
    *say = s;
    if (WD(s).upos == AG_UPOS_NOUN || WD(s).upos == AG_UPOS_PROPN) {
        size_t own = child_rel(x, s, AG_DEP_NMOD_POSS);
        for (size_t k = 1; k <= x->parse.n && !own; k++)
            if (WD(k).head == s && WD(k).rel == AG_DEP_NMOD &&
                child_form(x, k, (const char *const[]){"by", "from", NULL}))
                own = k;
        return own ? actor_at_word(x, own, out, MOD_DEPTH) : actor_at_word(x, s, out, MOD_DEPTH);
    }
    /* "saying ...", "who said ...", "and added ...": the reporter is the subject higher up */
    size_t v = s;
    for (int hop = 0; v && hop < 3; hop++) {
        size_t subj = child_rel(x, v, AG_DEP_NSUBJ);
        if (subj)
            return actor_at_word(x, subj, out, MOD_DEPTH);
        if (WD(v).rel == AG_DEP_ACL_RELCL)
            return actor_at_word(x, WD(v).head, out, MOD_DEPTH);
        if (WD(v).rel != AG_DEP_CONJ && WD(v).rel != AG_DEP_ADVCL && WD(v).rel != AG_DEP_XCOMP)
            return false;
        v = WD(v).head;
    }
    return false;
}

/* The speaker of a quotation that opens the sentence and holds token t, named after it ("“Y lied
 * to the world,” X told reporters"), when the parse misses the say verb; *say is its word. */
static bool quoted_speaker(ag_extractor *x, size_t t, np *out, size_t *say)
{
    if (NTOK == 0 || !is_quote(x, 0) || t == 0)
        return false;
    size_t close = 0;
    for (size_t q = t + 1; q < NTOK && !close; q++)
        if (is_quote(x, q))
            close = q;
    for (size_t q = 1; q < t; q++) /* the quotation is still open at t */
        if (is_quote(x, q))
            return false;
    size_t say_at;
    if (!close || !speaker_after(x, close + 1, out, &say_at))
        return false;
    const ag_word *sw = word_at(x, say_at);
    if (!sw)
        return false;
    *say = (size_t)(sw - x->parse.w);
    return true;
}

/* Reported accusations read from the tree: the word at token t is a hostile act (deed, act) or a
 * fault that is the predicate of a clause whose subject is an actor, and that
 * clause is what a reporter says or concludes: "X said Y had tried to undermine Z" (the act under
 * "tried to"), "X concluded that Y used hacking" (an act noun as the verb's object), "X said Y was
 * wrong to ...", "X's conclusion that Y ...". False when the parse lacks one of the relations,
 * so that the positional rules may try. */
static bool reported_tree(ag_extractor *x, size_t t, found *f)
{
    const ag_word *pw = word_at(x, t);
    if (!pw)
        return false;
    size_t w = (size_t)(pw - x->parse.w), c = w, agent = 0;
    int u = WD(w).upos;
    if (mlen(x, t, L_FAULT) || mlen(x, t, L_INSULT)) {
        /* "Y is biased" read as a passive: the fault is still the predicate, of its passive subject */
        if (u == AG_UPOS_VERB && child_rel(x, w, AG_DEP_NSUBJ_PASS) && child_rel(x, w, AG_DEP_AUX_PASS) &&
            !child_rel(x, w, AG_DEP_OBL_AGENT))
            agent = child_rel(x, w, AG_DEP_NSUBJ_PASS);
        else if (u != AG_UPOS_ADJ && u != AG_UPOS_NOUN)
            return false;
        else if (!child_rel(x, w, AG_DEP_COP))
            return false; /* "Y was wrong", "Y is a liar": the fault is the predicate */
    } else if (u == AG_UPOS_NOUN) {
        /* "This is a violation of the truce by Y": a predicate noun whose agent did it */
        size_t by = child_rel(x, w, AG_DEP_COP) ? child_case(x, w, (const char *const[]){"by", NULL}) : 0;
        if (by) {
            agent = by;
        } else {
            /* "used hacking", "carried out a campaign of hacking": the verb whose object it is */
            if (WD(c).rel == AG_DEP_NMOD && WD(WD(c).head).rel == AG_DEP_OBJ)
                c = WD(c).head;
            if (WD(c).rel != AG_DEP_OBJ)
                return false;
            c = WD(c).head;
        }
    } else if (u == AG_UPOS_VERB) {
        /* "tried to undermine", "used leaks to undermine" */
        for (int hop = 0; hop < 2 && !child_rel(x, c, AG_DEP_NSUBJ) &&
                          (WD(c).rel == AG_DEP_XCOMP ||
                           (WD(c).rel == AG_DEP_ADVCL && child_form(x, c, (const char *const[]){"to", NULL})));
             hop++)
            c = WD(c).head;
    } else {
        return false;
    }
    if (!c || child_form(x, c, (const char *const[]){"if", "whether", "unless", NULL}))
        return WHY(f, "a reported act under if/whether/unless"), false;
    /* "were planning an attack", "plans to meddle": intended, not done */
    for (size_t k = w; k; k = WD(k).head) {
        if (mlen(x, WD(k).tok, L_INTENT))
            return WHY(f, "an act intended or planned, not done"), false;
        if (k == c)
            break;
    }
    size_t subj = agent ? agent : subject_of(x, c);
    if (!subj && child_rel(x, c, AG_DEP_NSUBJ_PASS)) {
        /* "Y is being manipulated by Z", "the vote was rigged by Z": the agent did it */
        subj = child_rel(x, c, AG_DEP_OBL_AGENT);
        for (size_t k = 1; k <= x->parse.n && !subj; k++)
            if (WD(k).head == c && WD(k).rel == AG_DEP_OBL && child_form(x, k, (const char *const[]){"by", NULL}))
                subj = k;
    }
    if (!subj && WD(c).rel == AG_DEP_ACL && WD(c).head) {
        /* "Y's attempts to undermine Z show ...", "efforts by Y to discredit Z": the owner of the
         * noun the act completes, reported by whoever reports the clause the noun stands in */
        size_t nn = WD(c).head;
        /* (the parse may hang the infinitive on a word inside the noun's by-phrase: "efforts by
         * Y's allies in Z to discredit": up the nmod and conj chain to the noun) */
        for (int hop = 0; nn && hop < 4 && !subj; hop++) {
            if (hop > 0 && WD(nn).rel == AG_DEP_NMOD && child_form(x, nn, (const char *const[]){"by", NULL})) {
                subj = nn; /* nn is the by-phrase itself */
                nn = WD(nn).head;
                break;
            }
            subj = child_rel(x, nn, AG_DEP_NMOD_POSS);
            for (size_t k = 1; k <= x->parse.n && !subj; k++)
                if (WD(k).head == nn && WD(k).rel == AG_DEP_NMOD &&
                    child_form(x, k, (const char *const[]){"by", NULL}))
                    subj = k;
            if (!subj && (WD(nn).rel == AG_DEP_NMOD || WD(nn).rel == AG_DEP_CONJ))
                nn = WD(nn).head;
            else if (!subj)
                break;
        }
        if (subj && WD(nn).head)
            c = WD(nn).head;
    }
    if (!subj)
        return WHY(f, "the reported act's clause has no subject in the parse"), false;
    size_t say;
    np src, tgt;
    if (!tree_reporter(x, c, &src, &say) && !quoted_speaker(x, t, &src, &say))
        return WHY(f, "the act's clause is no say verb's or reporting noun's complement, or its reporter is no actor"),
               false;
    if (!actor_at_word(x, subj, &tgt, MOD_DEPTH))
        return WHY(f, "the reported act's subject is no actor"), false;
    static const char *const hedges[] = {"could", "might", "may", "would", "will", "should", "can", "wo", "ca", NULL};
    f->src = src;
    f->tgt = tgt;
    f->act_negated = word_negated(x, w) || word_negated(x, c);
    f->negated = f->act_negated || word_negated(x, say) || child_form(x, c, hedges) || child_form(x, w, hedges);
    f->rule = "reported-tree";
    f->conf = 0.6;
    /* the charge: the reported clause from its predicate on */
    size_t a = t, b = t + 1;
    bool subj_in_c = in_subtree(x, subj, c);
    for (size_t k = 1; k <= x->parse.n; k++) {
        bool in_subj = subj_in_c && in_subtree(x, k, subj); /* on the way from k up to c */
        if (in_subtree(x, k, c) && !in_subj && WD(k).tok > WD(subj).tok && WD(k).upos != AG_UPOS_PUNCT) {
            if (WD(k).tok < a)
                a = WD(k).tok;
            if (WD(k).tok + 1 > b)
                b = WD(k).tok + 1;
        }
    }
    f->charge_a = a;
    f->charge_b = b;
    return true;
}

/* The subject of the verb at token v read from the parse: its nsubj, the subject of the verb it
 * is coordinated with or controlled by ("X met Y and accused Z", "X decided to accuse"), the noun a
 * relative clause modifies ("Iran, which accused ..."), the subject of the clause a participle
 * hangs from ("..., accusing Moscow"). 1 with the actor in *out; 0 when the subject is no actor;
 * -1 when the sentence has no parse or the verb no subject (the positional rules decide). */
/* The summoning verb (lexicon class summon) that the infinitive at word w is the purpose of,
 * with an actor as its object: "Freedonia summoned the Sylvanian ambassador (on Monday) to
 * protest", whether the parse hangs the infinitive on the verb or on the actor summoned; 0 when
 * there is none. (A verb of another kind leaves its infinitive alone: "challenged X to deny"
 * is X's act, "stood by the decision of Y to call out Z" Y's.) */
static size_t purpose_governor(ag_extractor *x, size_t w)
{
    static const char *const to[] = {"to", NULL};
    if (!w || !child_form(x, w, to))
        return 0;
    size_t g = WD(w).rel == AG_DEP_ACL && WD(WD(w).head).rel == AG_DEP_OBJ ? WD(WD(w).head).head
               : WD(w).rel == AG_DEP_ADVCL                                 ? WD(w).head
                                                                           : 0;
    size_t o = g ? child_rel(x, g, AG_DEP_OBJ) : 0;
    np m;
    return o && mlen(x, WD(g).tok, L_SUMMON) && actor_at_word(x, o, &m, MOD_DEPTH) ? g : 0;
}

static int tree_subject(ag_extractor *x, size_t v, np *out, size_t *subj)
{
    const ag_word *pw = word_at(x, v);
    if (!pw)
        return -1;
    size_t w = (size_t)(pw - x->parse.w);
    for (int hop = 0; w && hop < 4; hop++) {
        size_t s = child_rel(x, w, AG_DEP_NSUBJ);
        if (s && WD(s).upos == AG_UPOS_PRON && (WD(w).rel == AG_DEP_ACL_RELCL) &&
            is_any(x, WD(s).tok, (const char *const[]){"which", "who", "that", NULL}))
            s = WD(w).head;
        *subj = s;
        if (s)
            return actor_at_word(x, s, out, MOD_DEPTH) ? 1 : 0;
        int r = WD(w).rel;
        /* a purpose infinitive of a summoning verb: the summoner's act */
        size_t g = purpose_governor(x, w);
        if (g) {
            w = g;
            continue;
        }
        if (r != AG_DEP_CONJ && r != AG_DEP_XCOMP && !(r == AG_DEP_ADVCL && WD(w).upos == AG_UPOS_VERB &&
                                                      strlen(WD(w).form) > 4 &&
                                                      strcmp(WD(w).form + strlen(WD(w).form) - 3, "ing") == 0))
            return -1;
        w = WD(w).head;
    }
    return -1;
}

/* The actor a domestic description stands for: a group of the country c named by the words
 * [a, b) without a leading "the" ("lawmakers (USA)", id USA-LAWMAKERS), so that it stays apart
 * from the state itself ("the White House accused the media"). */
static int domestic_entity(ag_extractor *x, size_t a, size_t b, const char *c)
{
    if (is(x, a, "the") && b > a + 1)
        a++;
    const char *words = span_text(x, a, b, true);
    ag_buf id, name;
    ag_buf_init(&id);
    ag_buf_init(&name);
    int e = -1;
    if (ag_buf_printf(&id, "%s-", c) == AG_OK && ag_buf_printf(&name, "%s (%s)", words, c) == AG_OK) {
        for (const char *p = words; *p; p++)
            if (ag_buf_putc(&id, isalnum((unsigned char)*p) ? (char)toupper((unsigned char)*p) : '-') != AG_OK)
                break;
        e = entity_add(x, name.data, id.data, "group", c, NULL);
    }
    ag_buf_destroy(&id);
    ag_buf_destroy(&name);
    return e;
}

/* Descriptions of a nation's own political actors with no country in the phrase ("lawmakers",
 * "federal prosecutors", "critics"): in a parsed sentence, the head noun of such a phrase stands
 * for the country the story is about (story_country), as the labelling codes it. */
static ag_status add_domestic(ag_extractor *x)
{
    const char *sc = NULL;
    for (size_t i = 0; i < NTOK; i++) {
        size_t len = mlen(x, i, L_DOMESTIC);
        if (!len)
            continue;
        if (x->np_of[i] >= 0) {
            /* "Sylvanian opposition leaders", "Russian lawmakers": the head names a group of the
             * state the adjective names, not the state (so they may accuse its government) */
            np *p = &x->nps[x->np_of[i]];
            const lex_entry *le = mval(x, i, L_DOMESTIC);
            if (p->b == i + len && !p->poss && p->nents == 1 && p->a < i &&
                strcmp(x->ents[p->ents[0]].type, "state") == 0 && !(le->arg1 && strcmp(le->arg1, "proceeding") == 0)) {
                char c[16];
                snprintf(c, sizeof c, "%s", x->ents[p->ents[0]].country);
                int e = domestic_entity(x, i, i + len, c);
                if (e < 0)
                    return AG_ERR_NOMEM;
                p->ents[0] = e;
            }
            continue;
        }
        size_t last = i + len - 1;
        const ag_word *pw = word_at(x, last);
        np n;
        /* a phrase of its own, not a modifier ("the opposition-held town") */
        if (!pw || (pw->upos != AG_UPOS_NOUN && pw->upos != AG_UPOS_PROPN) || pw->rel == AG_DEP_COMPOUND ||
            pw->rel == AG_DEP_AMOD || (last + 1 < NTOK && is_punct(x, last + 1, '-')))
            continue;
        const lex_entry *le = mval(x, i, L_DOMESTIC);
        bool proceeding = le->arg1 && strcmp(le->arg1, "proceeding") == 0;
        bool relational = le->arg1 && strcmp(le->arg1, "relational") == 0;
        /* an actor among its modifiers names it ("Sylvania's inquiry", "Russian lawmakers"),
         * except that a relation's owner only places it ("Firefly's critics" are of Freedonia) */
        const char *owner_country = NULL;
        if (actor_at_word(x, (size_t)(pw - x->parse.w), &n, MOD_DEPTH)) {
            if (!relational || !n.nents || !x->ents[n.ents[0]].country[0])
                continue;
            owner_country = x->ents[n.ents[0]].country;
        }
        int e;
        if (proceeding && x->prosecutor >= 0) {
            e = x->prosecutor;
        } else {
            const char *c = owner_country;
            if (!c) {
                if (!sc)
                    sc = story_country(x);
                c = sc;
            }
            if (!c[0])
                continue;
            if ((e = domestic_entity(x, i, i + len, c)) < 0)
                return AG_ERR_NOMEM;
            x->ents[e].proceeding = proceeding;
        }
        memset(&n, 0, sizeof n);
        n.a = i;
        n.b = i + len;
        n.inferred = true;
        np_add_ent(&n, e);
        /* the phrase takes in its premodifiers that name nothing ("the Russia investigation") */
        while (n.a > 0 && x->np_of[n.a - 1] < 0 && TOK(n.a - 1).kind == AG_TOK_WORD &&
               (name_word(x, n.a - 1) || is_any(x, n.a - 1, determiners)) && n.a + 4 > i)
            n.a--;
        ag_status st = np_insert(x, &n);
        if (st != AG_OK)
            return st;
        i = n.b - 1;
    }
    return AG_OK;
}

/* Adds to out the actors of the words coordinated with word w in the parse ("accused Y and Z",
 * "X and Y were charged"); returns the token after the last of them, or out->b if none is later. */
static size_t add_conjuncts(ag_extractor *x, size_t w, np *out)
{
    size_t end = out->b;
    for (size_t k = 1; k <= x->parse.n; k++) {
        np m;
        if (WD(k).head == w && WD(k).rel == AG_DEP_CONJ && actor_at_word(x, k, &m, MOD_DEPTH)) {
            for (int q = 0; q < m.nents; q++)
                np_add_ent(out, m.ents[q]);
            end = m.b > end ? m.b : end;
        }
    }
    return end;
}

/* The object of the verb at token v read from the parse: its obj and the objects coordinated
 * with it ("accused Y and Z of ..."), each an actor phrase; *after is the token after the last.
 * 1 with the object; 0 when the parse's object (word *obj) is no actor; -1 when the parse has no
 * object (the positional rules decide). */
static int tree_object(ag_extractor *x, size_t v, np *out, size_t *after, size_t *obj)
{
    const ag_word *pw = word_at(x, v);
    if (!pw)
        return -1;
    size_t w = (size_t)(pw - x->parse.w);
    size_t o = child_rel(x, w, AG_DEP_OBJ);
    *obj = o;
    if (!o)
        return -1;
    size_t end;
    bool actor = actor_at_word(x, o, out, MOD_DEPTH);
    /* "condemned what it called Sylvanian aggression": a free relative's object is the object */
    if (!actor && is(x, WD(o).tok, "what")) {
        size_t r = child_rel(x, o, AG_DEP_ACL_RELCL);
        size_t ro = r ? child_rel(x, r, AG_DEP_OBJ) : 0;
        if (!ro && r)
            ro = child_rel(x, r, AG_DEP_XCOMP);
        if (!ro && r)
            ro = child_case(x, r, (const char *const[]){"as", NULL});
        if (ro && actor_at_word(x, ro, out, MOD_DEPTH)) {
            actor = true;
            o = ro;
        }
    }
    bool group = actor && out->nents == 1 && strcmp(x->ents[out->ents[0]].type, "group") == 0;
    if (!actor || group) {
        /* "its neighbours, including X and Y", "rivals such as X", "countries like X": the
         * members named after a description (the parser hangs them on the noun or the verb) */
        static const char *const members[] = {"including", "like", "such", "notably", "especially", NULL};
        size_t k = child_case(x, o, members);
        if (!k)
            k = child_case(x, w, members);
        if (k && WD(k).tok < WD(w).tok) /* members of the subject ("X's allies, including Y, condemned") */
            k = 0;
        np m;
        if (!k || !actor_at_word(x, k, &m, MOD_DEPTH)) {
            if (group)
                *after = out->b;
            return group ? 1 : 0;
        }
        *out = m;
        o = k;
    }
    end = add_conjuncts(x, o, out);
    /* the object's own words (a modifier phrase found first may end before its head) */
    size_t ot = WD(o).tok + 1;
    *after = end > ot ? end : ot;
    return 1;
}

/* The subject of the verb at token v: the parse's (tree_subject) where it names one, else the
 * positional one (find_subject), with *cs the first token of the subject's clause. When the
 * parse's subject is no actor, the positional subject counts only where it lies inside that
 * subject or after its head, where the phrases modifying the subject stand ("a report released
 * in the Rwandan capital alleged"), never before it inside another phrase ("in a statement
 * carried by KCNA, the ministry denied"); then *vetoed is set when none counts. */
static bool subject_at(ag_extractor *x, size_t v, np *out, size_t *cs, bool *vetoed, bool *by_position)
{
    size_t subj_word = 0;
    *vetoed = false;
    int ts = tree_subject(x, v, out, &subj_word);
    if (ts == 1) {
        *cs = out->a;
        add_along_with(x, out, v);
        return true;
    }
    if (!find_subject(x, v, out, cs))
        return false;
    *by_position = true;
    if (ts < 0)
        return true;
    const ag_word *sw = word_at(x, out->a);
    if (sw && (in_subtree(x, (size_t)(sw - x->parse.w), subj_word) || out->a > WD(subj_word).tok ||
               !in_oblique(x, (size_t)(sw - x->parse.w))))
        return true;
    *vetoed = true;
    return false;
}

static ag_status do_verb(ag_extractor *x, size_t v, const lex_entry *e, found *f, bool *ok, const ag_triples *out,
                         size_t doc_first)
{
    size_t k = mlen(x, v, L_VERB);
    size_t after_v = v + k;
    size_t cs = 0;
    *ok = false;
    f->action = e->arg1;
    f->code = e->arg2;
    f->conf = 0.9;
    f->rule = "verb-active";
    /* "an inquiry into alleged Russian meddling": where the parse reads the word as a modifier of
     * noun that names no actor, and no actor stands right before it, it is no verb ("critical of"
     * is an adjective by nature; the tagger, taught on American English, reads "Sweden criticised
     * Norway" and "services accused Moscow" so too) */
    const ag_word *pw = word_at(x, v);
    const ag_word *before = v > 0 ? word_at(x, v - 1) : NULL; /* "Russia also alleged", not "X probing alleged" */
    if (pw && pw->rel == AG_DEP_AMOD && e->frame != F_OF && !np_ends_at(x, v) &&
        !(v > 0 && np_ends_at(x, v - 1) && (!before || before->upos == AG_UPOS_ADV)) &&
        x->np_of[x->parse.w[pw->head].tok] < 0)
        return WHY(f, "the parse reads it as an adjective of a noun that names no actor"), AG_OK;
    /* "puts some blame on": a noun after a determiner, not the verb */
    static const char *const noun_marks[] = {"the", "a", "an", "some", "any", "no", "his", "her", "its", "their",
                                             "our", "this", "that", "much", "more", NULL};
    if (v > 0 && is_any(x, v - 1, noun_marks) && e->frame != F_OF)
        return WHY(f, "a noun after a determiner, not the verb"), AG_OK;
    /* "pleaded guilty to charges that ...": a noun the parse puts in a prepositional phrase */
    if (pw && pw->upos == AG_UPOS_NOUN && child_rel(x, (size_t)(pw - x->parse.w), AG_DEP_CASE) && e->frame != F_OF &&
        v > 0 && TOK(v - 1).kind == AG_TOK_WORD && word_at(x, v - 1) && word_at(x, v - 1)->rel == AG_DEP_CASE)
        return WHY(f, "a noun in a prepositional phrase, not the verb"), AG_OK;
    /* "Jakarta bombing blamed on ...", "diplomat accused of spying": a bare participle is passive */
    size_t nl = strlen(NORM(v));
    bool bare_participle = nl > 2 && strcmp(NORM(v) + nl - 2, "ed") == 0 && k == 1 &&
                           is_any(x, after_v, (const char *const[]){"of", "on", "for", "over", "in", NULL}) &&
                           !(v > 0 && mlen(x, v - 1, L_SKIP) && !mlen(x, v - 1, L_BE)) && !np_ends_at(x, v) &&
                           !(pw && child_rel(x, (size_t)(pw - x->parse.w), AG_DEP_NSUBJ)); /* the parse's active subject */
    /* "Freedonia accused of war crimes by Sylvania" (headlinese): an actor, then "accused of"
     * with no object, is the passive when a by-agent follows the charge */
    if (!bare_participle && nl > 2 && strcmp(NORM(v) + nl - 2, "ed") == 0 && k == 1 && np_ends_at(x, v) &&
        (e->frame == F_OBJ || e->frame == F_BLAME) && is_any(x, after_v, (const char *const[]){"of", "for", NULL}))
        for (size_t b = after_v + 1; b < NTOK && b < after_v + 10 && !clause_break(x, b) && !is_punct(x, b, ','); b++)
            if (is(x, b, "by")) {
                np m;
                bare_participle = np_at(x, b + 1, &m);
                break;
            }
    /* passive: "was accused by Germany's interior ministry"; reduced: "GRU, accused by Britain" */
    bool by_next = is(x, after_v, "by") || (mlen(x, after_v, L_SKIP) && is(x, after_v + 1, "by"));
    /* a passive read from the parse: the passive subject (or, for a reduced relative, the noun
     * the participle modifies: "the GRU, accused by Britain of ...") is the target and the
     * by-agent the source; without an agent that is an actor, nothing */
    if (pw && (e->frame == F_OBJ || e->frame == F_CHARGE || (e->frame == F_BLAME && !is(x, after_v, "on")))) {
        size_t w = (size_t)(pw - x->parse.w);
        size_t tw = child_rel(x, w, AG_DEP_NSUBJ_PASS);
        if (!tw && pw->rel == AG_DEP_ACL && child_case(x, w, (const char *const[]){"by", NULL}))
            tw = pw->head;
        size_t ag = tw ? child_rel(x, w, AG_DEP_OBL_AGENT) : 0;
        if (tw && !ag)
            ag = child_case(x, w, (const char *const[]){"by", NULL});
        /* (an agent the parser hung inside the charge, "accused of misconduct by X", is left to
         * the positional rule below) */
        if (tw && ag) {
            if (!actor_at_word(x, ag, &f->src, MOD_DEPTH))
                return WHY(f, "a passive whose 'by' agent is no actor"), AG_OK;
            if (!actor_at_word(x, tw, &f->tgt, MOD_DEPTH))
                return WHY(f, "a passive whose subject is no actor"), AG_OK;
            f->rule = "verb-passive";
            f->conf = 0.85;
            f->negated = word_negated(x, w) || negated_between(x, f->tgt.b < v ? f->tgt.b : 0, v);
            if (!tree_charge(x, w, f))
                charge_after(x, f->src.b > after_v ? f->src.b : after_v, f);
            *ok = true;
            return AG_OK;
        }
    }
    if (e->frame != F_OF && e->frame != F_AT && (passive_before(x, v) || by_next || bare_participle)) {
        /* "was held responsible by", "was called out by": other passives of these verbs are no accusation */
        size_t q = skip_fwd(x, after_v);
        if ((e->frame == F_HOLD && !(is(x, q, "responsible") || is(x, q, "accountable") || is(x, q, "liable"))) ||
            (e->frame == F_CALL && !is(x, q, "out")))
            return AG_OK;
        size_t b = after_v;
        while (b < NTOK && b < after_v + 8 && !is(x, b, "by") && !clause_break(x, b) && !is_punct(x, b, ','))
            b++;
        if (!is(x, b, "by") || !np_at(x, b + 1, &f->src))
            return WHY(f, "a passive without a 'by' agent that is an actor"), AG_OK;
        if (e->frame == F_DENY) {
            /* "the accusations were rejected by X": X denies them; the accuser is the one named
             * in the subject ("Y's accusations"), else the one implied */
            size_t j = v;
            while (j > 0 && (mlen(x, j - 1, L_SKIP) || mlen(x, j - 1, L_BE)))
                j--;
            bool accnoun = false;
            for (size_t m = j; m-- > 0 && m + 6 > j && !accnoun;)
                accnoun = mlen(x, m, L_NOUN) || mlen(x, m, L_ACCNOUN);
            if (!accnoun)
                return WHY(f, "a passive denial of no accusation"), AG_OK;
            np src = f->src;
            f->negated = negated_between(x, 0, v);
            bool named = false;
            for (size_t m = j; m-- > 0 && m + 6 > j && !named;)
                named = np_at(x, m, &f->tgt) && f->tgt.b <= j;
            if (named) {
                f->rule = "deny-passive";
                f->conf = 0.8;
                f->accuser_named = true;
                *ok = true;
            } else {
                *ok = set_implied_accuser(x, out, doc_first, f);
            }
            f->src = src;
            f->by_position = true;
            return AG_OK;
        }
        /* "the attack was blamed on Iran by Saudi Arabia" */
        if (e->frame == F_BLAME && is(x, after_v, "on") && np_at(x, after_v + 1, &f->tgt) && f->tgt.b <= b) {
            f->rule = "verb-passive";
            f->conf = 0.85;
            f->by_position = true;
            f->negated = negated_between(x, 0, v);
            *ok = true;
            return AG_OK;
        }
        size_t j = v;
        while (j > 0 && (mlen(x, j - 1, L_SKIP) || mlen(x, j - 1, L_BE) || is_punct(x, j - 1, ',')))
            j--;
        if (!find_subject(x, j, &f->tgt, &cs)) {
            /* the nearest actor before the verb */
            bool got = false;
            for (size_t m = j; m-- > 0 && m + 8 > j && !got;)
                got = np_at(x, m, &f->tgt) && f->tgt.b <= j && !(f->tgt.a > 0 && is_any(x, f->tgt.a - 1, stop_preps)) &&
                      !(f->tgt.a > 0 && is(x, f->tgt.a - 1, "in"));
            if (!got)
                return WHY(f, "a passive with no actor as its subject"), AG_OK;
        }
        f->rule = "verb-passive";
        f->conf = 0.85;
        f->by_position = true;
        f->negated = negated_between(x, f->tgt.b, v);
        charge_after(x, f->src.b, f);
        *ok = true;
        return AG_OK;
    }
    bool vetoed;
    if (!subject_at(x, v, &f->src, &cs, &vetoed, &f->by_position)) {
        if (vetoed)
            return WHY(f, "the parse's subject is no actor (an actor before it sits in another phrase)"), AG_OK;
        /* a participle after a comma belongs to the sentence's subject: "..., alleging Moscow was ..." */
        bool ing = strlen(NORM(v)) > 3 && strcmp(NORM(v) + strlen(NORM(v)) - 3, "ing") == 0;
        size_t c = v + 1;
        while (ing && c < NTOK && c < v + 20 && !is_punct(x, c, ',') && !clause_break(x, c))
            c++;
        if (ing && v > 0 && is_punct(x, v - 1, ',') && find_subject(x, v - 1, &f->src, &cs)) {
            f->conf = 0.8;
        } else if (ing && v == 0 && is_punct(x, c, ',') && np_at(x, c + 1, &f->src)) {
            f->conf = 0.8; /* "Accusing Moscow of lying, Kyiv released ..." */
        } else {
            return WHY(f, "no actor as the subject"), AG_OK;
        }
    }
    f->negated = negated_between(x, f->src.b, v);
    f->src_clause = cs;
    x->avoid = &f->src;
    ag_status st = do_verb_object(x, v, e, f, ok, out, doc_first);
    x->avoid = NULL;
    return st;
}

/* The one a complaint made in a purpose clause is addressed to: "summoned the Sylvanian
 * ambassador to protest ...", "called in X's envoy to complain ...": the summoning verb's object
 * (purpose_governor). False when v is no such infinitive. */
static bool purpose_addressee(ag_extractor *x, size_t v, np *out)
{
    const ag_word *pw = word_at(x, v);
    size_t g = pw ? purpose_governor(x, (size_t)(pw - x->parse.w)) : 0;
    return g && actor_at_word(x, child_rel(x, g, AG_DEP_OBJ), out, MOD_DEPTH);
}

/* The object half of do_verb: the frame's target, with the source in f->src. */
static ag_status do_verb_object(ag_extractor *x, size_t v, const lex_entry *e, found *f, bool *ok,
                                const ag_triples *out, size_t doc_first)
{
    size_t k = mlen(x, v, L_VERB);
    size_t after_v = v + k;
    size_t cs = f->src_clause;
    bool has_obj;
    WHY(f, "no actor where the frame wants its target");
    size_t after = after_v;
    int frame = e->frame;
    if (frame == F_CHARGE && is(x, after_v, "that"))
        frame = F_THAT; /* "Moscow charged that Washington was arming the rebels" */
    if (frame != F_OBJ && frame != F_BLAME && frame != F_CHARGE)
        f->by_position = true; /* the other frames find their target by position */
    switch (frame) {
    case F_OBJ:
    case F_BLAME:
    case F_CHARGE:
        {
            size_t ow = 0;
            int to = tree_object(x, v, &f->tgt, &after, &ow);
            has_obj = to == 1;
            if (!has_obj) {
                /* by position; where the parse's object is no actor, only an actor inside it
                 * ("accused the head of Sylvania's army"), not one past it ("criticized the
                 * proposal, Representative X said") */
                has_obj = find_object(x, after_v, 8, &f->tgt, &after);
                const ag_word *tw = has_obj && to == 0 ? word_at(x, f->tgt.a) : NULL;
                if (to == 0 && has_obj && !(tw && in_subtree(x, (size_t)(tw - x->parse.w), ow)))
                    has_obj = false;
                f->by_position |= has_obj;
            }
        }
        if (!has_obj && f->src.nents > 1 && ((is(x, after_v, "each") && is(x, after_v + 1, "other")) ||
                                             (is(x, after_v, "one") && is(x, after_v + 1, "another")))) {
            /* "Georgian and South Ossetian forces accused each other": every ordered pair */
            f->tgt = f->src;
            has_obj = true;
            after = after_v + 2;
            f->rule = "verb-reciprocal";
        }
        if (!has_obj && frame == F_BLAME) {
            for (size_t j = after_v; j < NTOK && j < after_v + 10 && !clause_break(x, j); j++)
                if (is(x, j, "on") && np_at(x, j + 1, &f->tgt)) {
                    has_obj = true;
                    after = f->tgt.b;
                    break;
                }
        }
        if (!has_obj && cs > 0 && f->src.a == cs && cs >= 2 &&
            is_any(x, cs - 1, (const char *const[]){"whom", "that", "which", "who", NULL}) &&
            TOK(cs - 2).kind != AG_TOK_QUOTE && !mlen(x, cs - 2, L_SAY) && !mlen(x, cs - 2, L_VOICE) &&
            !mlen(x, cs - 2, L_VERB) && !mlen(x, cs - 2, L_SKIP)) {
            /* "a businessman whom Caracas accuses of ...", "Iran, which Israel blames for ..." */
            size_t r = cs - 1;
            if (r > 0 && is_punct(x, r - 1, ','))
                r--;
            for (size_t m = r; m-- > 0 && m + 6 > r;)
                if (np_at(x, m, &f->tgt) && f->tgt.b <= r + 1) {
                    has_obj = true;
                    f->rule = "verb-relative";
                    break;
                }
        }
        if (!has_obj)
            return AG_OK;
        if (frame == F_CHARGE) {
            /* "charged X (and Y, among them Z) with ...": the charge may come after a longer object */
            size_t w = after;
            while (w < NTOK && w < after + 25 && !is(x, w, "with") && !is_punct(x, w, ';') && !is_punct(x, w, '.'))
                w++;
            /* without "with", only people are charged ("Mueller has charged four Trump
             * associates"): a state or body "charged" is as often a cost or an assault */
            bool people = f->tgt.modifier;
            for (int q = 0; q < f->tgt.nents; q++)
                people |= strcmp(x->ents[f->tgt.ents[q]].type, "person") == 0;
            if (!is(x, w, "with") && !people)
                return WHY(f, "'charged' a non-person without a 'with' phrase"), AG_OK;
        }
        break;
    case F_THAT: {
        size_t j = after_v;
        if (is(x, j, "that"))
            j++;
        if (np_at(x, j, &f->tgt) || np_at(x, skip_fwd(x, j), &f->tgt)) {
            /* (by position) */
        } else {
            f->by_position = false;
            /* "alleged in January that X ...": the subject of the verb's complement clause */
            const ag_word *pw = word_at(x, v);
            size_t c = pw ? child_rel(x, (size_t)(pw - x->parse.w), AG_DEP_CCOMP) : 0;
            /* (a verb has no relative clause: one under it is its complement misread) */
            if (!c && pw && pw->upos == AG_UPOS_VERB)
                c = child_rel(x, (size_t)(pw - x->parse.w), AG_DEP_ACL_RELCL);
            size_t sw = c ? subject_of(x, c) : 0;
            if (!sw || !actor_at_word(x, sw, &f->tgt, MOD_DEPTH))
                return AG_OK;
            f->tgt.b = WD(sw).tok + 1 > f->tgt.b ? WD(sw).tok + 1 : f->tgt.b;
        }
        after = f->tgt.b;
        f->charge_a = f->tgt.b;
        f->charge_b = f->tgt.b;
        while (f->charge_b < NTOK && f->charge_b < f->charge_a + 30 && !is_punct(x, f->charge_b, '.') &&
               !clause_break(x, f->charge_b))
            f->charge_b++;
        *ok = true;
        return AG_OK;
    }
    case F_HOLD:
        if (!find_object(x, after_v, 6, &f->tgt, &after))
            return AG_OK;
        {
            size_t j = skip_fwd(x, after);
            if (!(is(x, j, "responsible") || is(x, j, "accountable") || is(x, j, "liable")))
                return AG_OK;
            after = j + 1;
        }
        break;
    case F_AT:
    case F_OF: {
        size_t j = skip_fwd(x, after_v);
        if (e->frame == F_AT && !is(x, j, e->prep)) {
            if (!purpose_addressee(x, v, &f->tgt))
                return AG_OK;
            f->by_position = false;
            after = f->tgt.b;
            break;
        }
        if (e->frame == F_AT)
            j++;
        if (!np_at(x, skip_fwd(x, j), &f->tgt)) {
            /* the phrase the preposition heads in the parse ("at Obama-era officials X, Y and Z") */
            const ag_word *pw = j > 0 ? word_at(x, j - 1) : NULL;
            size_t h = pw && pw->rel == AG_DEP_CASE ? pw->head : 0;
            while (h && WD(h).rel == AG_DEP_COMPOUND && WD(h).head > h) /* up to the phrase's head */
                h = WD(h).head;
            if (!(h && WD(h).tok >= j && actor_at_word(x, h, &f->tgt, MOD_DEPTH)))
                return AG_OK;
            f->by_position = false;
        }
        after = f->tgt.b;
        break;
    }
    case F_CALL:
        if (is(x, after_v, "out") && find_object(x, after_v + 1, 6, &f->tgt, &after)) {
            break;
        }
        if (called_baseless(x, after_v)) {
            /* "Beijing called the allegations groundless": a denial */
            bool accnoun;
            *ok = deny_named(x, after_v, "deny-called", 0.8, f, &accnoun) ||
                  set_implied_accuser(x, out, doc_first, f);
            return AG_OK;
        }
        if (!find_object(x, after_v, 5, &f->tgt, &after)) {
            /* "declared Y's proposal a sham", "called the Sylvanian election a farce": the owner
             * of the thing so named (a possessive or a nationality before it), past its words */
            size_t q = skip_fwd(x, after_v);
            if (!(np_at(x, q, &f->tgt) && (f->tgt.poss || f->tgt.modifier) && f->tgt.b + 1 < NTOK &&
                  TOK(f->tgt.b).kind == AG_TOK_WORD && !mlen(x, f->tgt.b, L_INSULT)))
                return AG_OK;
            after = f->tgt.b + 1;
            while (after < NTOK && after < f->tgt.b + 3 && TOK(after).kind == AG_TOK_WORD && !is(x, after, "a") &&
                   !is(x, after, "an") && !mlen(x, after, L_INSULT) && !mlen(x, after, L_FAULT))
                after++;
        } else if ((f->tgt.poss || f->tgt.modifier) && after == f->tgt.b && after + 1 < NTOK &&
                   TOK(after).kind == AG_TOK_WORD && !mlen(x, after, L_INSULT) && !is(x, after, "a") &&
                   !is(x, after, "an")) {
            after++; /* past the thing owned */
            while (after < NTOK && after < f->tgt.b + 3 && TOK(after).kind == AG_TOK_WORD && !is(x, after, "a") &&
                   !is(x, after, "an") && !mlen(x, after, L_INSULT) && !mlen(x, after, L_FAULT))
                after++;
        }
        if (is(x, after, "out")) {
            after++;
            break;
        }
        if (is(x, after, "as")) /* "described X as a rogue state", "referred to X as a liar" */
            after++;
        {
            size_t j = after;
            while (j < NTOK && j < after + 4 && (is(x, j, "a") || is(x, j, "an") || is_quote(x, j) ||
                                                 (TOK(j).kind == AG_TOK_WORD && !mlen(x, j, L_INSULT) &&
                                                  j > after && !is_punct(x, j, ','))))
                j++;
            if (j > after && mlen(x, j, L_INSULT) && (is(x, after, "a") || is(x, after, "an") || is_quote(x, after))) {
                *ok = called_names(f, "verb-call-name", j, j + mlen(x, j, L_INSULT));
                return AG_OK;
            }
            /* "called X reckless", "called the Y plan “unacceptable”": a fault as the predicate */
            size_t q = is_quote(x, after) ? after + 1 : after;
            if (q < NTOK && mlen(x, q, L_FAULT) && strcmp(mval(x, q, L_FAULT)->arg1, "criticize") == 0)
                *ok = called_names(f, "verb-call-fault", q, q + mlen(x, q, L_FAULT));
        }
        return AG_OK;
    case F_COMPLAIN: {
        size_t j = after_v;
        for (; j < NTOK && j < after_v + 8 && !clause_break(x, j); j++)
            if ((is(x, j, "about") || is(x, j, "over") || is(x, j, "of") || is(x, j, "that")) &&
                np_at(x, skip_fwd(x, j + 1), &f->tgt))
                break;
        if (j >= NTOK || j >= after_v + 8 || clause_break(x, j)) {
            /* "China complained to Japan about the visit": the one complained to; "complained
             * (that) the media were biased": the subject of the complement in the parse */
            const ag_word *pw = word_at(x, v);
            size_t c = pw ? child_rel(x, (size_t)(pw - x->parse.w), AG_DEP_CCOMP) : 0;
            size_t sw = c ? subject_of(x, c) : 0;
            if (!(is(x, after_v, "to") && np_at(x, after_v + 1, &f->tgt)) &&
                !(sw && WD(sw).upos != AG_UPOS_PRON && actor_at_word(x, sw, &f->tgt, MOD_DEPTH)) &&
                !purpose_addressee(x, v, &f->tgt))
                return AG_OK;
        }
        after = f->tgt.b;
        break;
    }
    case F_DENY: {
        bool accnoun;
        if (deny_named(x, after_v, "deny", 0.85, f, &accnoun)) {
            *ok = true;
            return AG_OK;
        }
        /* "denied the accusations": the accuser of an earlier accusation of this document */
        bool plain_deny = strncmp(NORM(v), "den", 3) == 0;
        size_t j = skip_fwd(x, after_v);
        /* "denied such meddling", "denies any such effort" */
        bool act = false;
        for (size_t q = j; q < NTOK && q < j + 3 && !act; q++) {
            act = mlen(x, q, L_ACT) || mlen(x, q, L_DEED);
            if (!is_any(x, q, (const char *const[]){"such", "any", "all", "the", "these", "those", NULL}))
                break;
        }
        size_t jl = j < NTOK ? strlen(NORM(j)) : 0;
        bool gerund = jl > 4 && strcmp(NORM(j) + jl - 3, "ing") == 0 && TOK(j).kind == AG_TOK_WORD;
        /* "..., a charge Y denies", "allegations Y rejects", "something Moscow denies": the verb
         * is a relative clause of the accusation (or of "something" standing for the act) */
        const ag_word *dw = word_at(x, v);
        bool relcl = dw && dw->rel == AG_DEP_ACL_RELCL && !child_rel(x, (size_t)(dw - x->parse.w), AG_DEP_OBJ) &&
                     (mlen(x, WD(dw->head).tok, L_NOUN) || mlen(x, WD(dw->head).tok, L_ACCNOUN) ||
                      is(x, WD(dw->head).tok, "something"));
        if (!relcl && v > 0 && x->np_of[v - 1] >= 0 && x->nps[x->np_of[v - 1]].b == v) {
            size_t a = x->nps[x->np_of[v - 1]].a; /* (the parser may read the verb as a noun) */
            relcl = a > 0 && (mlen(x, a - 1, L_NOUN) || mlen(x, a - 1, L_ACCNOUN) || is(x, a - 1, "something")) &&
                    (v + 1 >= NTOK || TOK(v + 1).kind == AG_TOK_PUNCT);
        }
        /* its denier is the phrase right before it, not the main clause's subject */
        if (relcl && !(v > 0 && x->np_of[v - 1] >= 0 && x->nps[x->np_of[v - 1]].b == v))
            relcl = false;
        if (relcl)
            f->src = x->nps[x->np_of[v - 1]];
        if (!accnoun && !relcl && !(plain_deny && (is(x, j, "that") || is(x, j, "any") || is(x, j, "having") ||
                                                   is(x, j, "being") || is(x, after_v, "being") || gerund || act ||
                                                   mlen(x, j, L_ACCNOUN))))
            return AG_OK;
        *ok = set_implied_accuser(x, out, doc_first, f);
        if (!*ok)
            WHY(f, "a denial with no accuser named, earlier or implied by the story's country");
        return AG_OK;
    }
    default:
        return AG_OK;
    }
    const ag_word *vw = word_at(x, v);
    if (!(vw && (frame == F_OBJ || frame == F_BLAME || frame == F_CHARGE) &&
          tree_charge(x, (size_t)(vw - x->parse.w), f)))
        charge_after(x, after, f);
    *ok = true;
    return AG_OK;
}

/* Nominal accusations: "accusations against Russia", "Japan's condemnation of the launch by
 * North Korea", "drawing criticism from Berlin", "UK, Dutch cyberattack accusations". */
/* True unless the parse hangs the phrase of the preposition at token p on a word other than the
 * noun at token n or the noun's own governor ("facing allegations ... to depart from X": the
 * from-phrase is the departing's, not the allegations'); true without a parse. */
static bool phrase_of_noun(const ag_extractor *x, size_t p, size_t n)
{
    const ag_word *pw = word_at(x, p), *nw = word_at(x, n);
    if (!pw || !nw || pw->rel != AG_DEP_CASE || !pw->head)
        return true;
    size_t gov = WD(pw->head).head, nwi = (size_t)(nw - x->parse.w);
    /* (or on a participle of the noun's: "evidence gathered by X", "claims made by X") */
    return gov == nwi || gov == nw->head ||
           (gov && WD(gov).head == nwi && WD(gov).rel == AG_DEP_ACL && !child_form(x, gov, (const char *const[]){"to", NULL}));
}

static void do_noun(ag_extractor *x, size_t t, const lex_entry *e, found *f, bool *ok)
{
    size_t k = mlen(x, t, L_NOUN);
    *ok = false;
    f->action = e->arg1;
    f->code = e->arg2;
    f->rule = "noun";
    f->conf = 0.8;
    f->by_position = true; /* nominal frames read the phrase around the noun by position */
    bool src = false, tgt = false;
    /* "X and Y traded accusations", "X exchanged insults with Y": each accuses the other (the
     * subject of trade/exchange, with its "with" phrase) */
    const ag_word *tw = word_at(x, t);
    /* "X found itself in a war of words with Y", "X is locked in a feud with Y": a quarrel noun
     * (frame reciprocal) whose clause's subject quarrels with its "with" phrase */
    if (tw && e->frame == F_RECIPROCAL && tw->head) {
        static const char *const with_[] = {"with", NULL};
        size_t nw = (size_t)(tw - x->parse.w), with = child_case(x, nw, with_);
        size_t of = child_rel(x, nw, AG_DEP_NMOD); /* "war of words with Y" */
        if (!with && of)
            with = child_case(x, of, with_);
        /* the quarrel one is in ("embroiled in", "locked in", "is in"), or the owner's ("X's
         * feud with Y"); not one avoided or denied ("avoided a feud with Y") */
        size_t h = tw->head, sw = child_rel(x, nw, AG_DEP_NMOD_POSS);
        if (!sw && !child_form(x, nw, (const char *const[]){"in", NULL}))
            h = 0;
        for (int d = 0; !sw && h && d < 4; d++) {
            if (!(sw = subject_of(x, h)))
                sw = child_rel(x, h, AG_DEP_NSUBJ_PASS);
            if (!sw)
                h = WD(h).head;
        }
        if (!h)
            h = nw;
        if (!with && h)
            with = child_case(x, h, with_);
        np other;
        if (sw && with && actor_at_word(x, sw, &f->src, MOD_DEPTH) && actor_at_word(x, with, &other, MOD_DEPTH)) {
            for (int q = 0; q < other.nents; q++)
                np_add_ent(&f->src, other.ents[q]);
            f->tgt = f->src;
            f->rule = "noun-reciprocal";
            f->by_position = false;
            f->negated = word_negated(x, h);
            *ok = f->src.nents > 1;
            return;
        }
        WHY(f, "a quarrel with no party that is in it and none it is with");
        return; /* (a quarrel is no one-way criticism) */
    }
    if (tw && tw->rel == AG_DEP_OBJ && tw->head &&
        is_any(x, WD(tw->head).tok, (const char *const[]){"traded", "trade", "trades", "trading", "exchanged",
                                                           "exchange", "exchanges", "exchanging", NULL})) {
        static const char *const with_[] = {"with", NULL};
        size_t sw = subject_of(x, tw->head), with = child_case(x, tw->head, with_);
        /* "..., exchanging insults with Y": a participle's subject is its governor's */
        if (!sw && (WD(tw->head).rel == AG_DEP_ADVCL || WD(tw->head).rel == AG_DEP_XCOMP) && WD(tw->head).head)
            sw = subject_of(x, WD(tw->head).head);
        if (!with)
            with = child_case(x, (size_t)(tw - x->parse.w), with_); /* "insults with Y" */
        np other;
        if (sw && actor_at_word(x, sw, &f->src, MOD_DEPTH) && with && actor_at_word(x, with, &other, MOD_DEPTH))
            for (int q = 0; q < other.nents; q++)
                np_add_ent(&f->src, other.ents[q]);
        if (sw && f->src.nents > 1) {
            f->tgt = f->src;
            f->rule = "noun-reciprocal";
            f->by_position = false;
            f->negated = word_negated(x, tw->head);
            *ok = true;
            return;
        }
    }
    /* "the committee investigating allegations of X", "a probe into claims that X ...": the
     * accusations under inquiry (lexicon class inquire) name no accuser but their own (an owner,
     * a premodifier, a "by" or "from" phrase: "investigating US allegations"); neither the
     * inquirer nor a phrase around is one */
    if (tw && tw->head && (tw->rel == AG_DEP_OBJ || tw->rel == AG_DEP_NMOD || tw->rel == AG_DEP_OBL) &&
        mlen(x, WD(tw->head).tok, L_INQUIRE)) {
        size_t nw = (size_t)(tw - x->parse.w), own = 0;
        np probe;
        for (size_t q = 1; q <= x->parse.n && !own; q++)
            if (WD(q).head == nw && (WD(q).rel == AG_DEP_NMOD_POSS || WD(q).rel == AG_DEP_AMOD ||
                                     WD(q).rel == AG_DEP_COMPOUND || WD(q).rel == AG_DEP_NMOD) &&
                (WD(q).rel != AG_DEP_NMOD || child_form(x, q, (const char *const[]){"by", "from", NULL})) &&
                actor_at_word(x, q, &probe, MOD_DEPTH))
                own = q;
        if (!own) {
            WHY(f, "accusations under inquiry, with no accuser of their own");
            return;
        }
    }
    /* source before the noun: possessor or premodifier within the phrase */
    for (size_t j = t; j-- > 0 && j + 5 > t;) {
        np n;
        if (np_at(x, j, &n) && n.b <= t) {
            bool adjacent = true;
            for (size_t m = n.b; m < t; m++)
                if (TOK(m).kind != AG_TOK_WORD || mlen(x, m, L_VERB) || mlen(x, m, L_SAY) || mlen(x, m, L_SKIP) ||
                    mlen(x, m, L_VOICE) || mlen(x, m, L_INCUR) || is_any(x, m, stop_preps) || is(x, m, "of") || is(x, m, "in"))
                    adjacent = false;
            if (adjacent) {
                f->src = n;
                src = true;
            }
            break;
        }
        if (TOK(j).kind != AG_TOK_WORD && TOK(j).kind != AG_TOK_POSS)
            break;
    }
    size_t i = t + k;
    size_t tgt_end = i;
    for (size_t j = i; j < NTOK && j < i + 12 && !clause_break(x, j) && !is_punct(x, j, '.'); j++) {
        /* "the ire of X", "the anger of X": who feels it */
        if (!src && e->frame == F_EMOTION && j == i && is(x, j, "of") && np_at(x, skip_fwd(x, j + 1), &f->src)) {
            src = true;
            j = f->src.b - 1;
            continue;
        }
        /* ("a rebuke to X", "a swipe at X", "frustration with X": right after a noun of criticism,
         * not "a complaint to the UN") */
        if (!tgt && ((is(x, j, "of") && e->frame != F_EMOTION) || is(x, j, "against") || is(x, j, "on") ||
                     is(x, j, "over") || (is(x, j, "that") && j == i) ||
                     ((is(x, j, "to") || is(x, j, "at") || is(x, j, "with")) && j == i &&
                      strcmp(e->arg1, "criticize") == 0))) {
            size_t m = skip_fwd(x, j + 1);
            if (np_at(x, m, &f->tgt)) {
                tgt = true;
                tgt_end = f->tgt.b;
                j = f->tgt.b - 1;
                continue;
            }
            /* "condemnation of the launch by North Korea" */
            for (size_t q = m; q < NTOK && q < m + 5; q++)
                if (is(x, q, "by") && np_at(x, q + 1, &f->tgt)) {
                    tgt = true;
                    tgt_end = f->tgt.b;
                    break;
                }
            if (tgt)
                j = tgt_end - 1;
            continue;
        }
        if (!src && (is(x, j, "by") || is(x, j, "from")) && phrase_of_noun(x, j, t + k - 1) &&
            np_at(x, j + 1, &f->src)) {
            src = true;
            j = f->src.b - 1;
            continue;
        }
        if (is_punct(x, j, ',') || mlen(x, j, L_SAY))
            break;
    }
    size_t cs = 0;
    if (!src) {
        /* "Western officials put forward accusations": the subject of a voice verb */
        for (size_t j = t; j-- > 0 && j + 5 > t;)
            if (mlen(x, j, L_VOICE)) {
                src = find_subject(x, j, &f->src, &cs);
                f->negated = src && negated_between(x, f->src.b, j);
                break;
            }
        /* "Evidence against Russia was presented by the US" */
        if (!src)
            for (size_t j = tgt_end; j < NTOK && j < tgt_end + 5; j++)
                if (is(x, j, "by") && j > 0 && mlen(x, j - 1, L_VOICE) && np_at(x, j + 1, &f->src)) {
                    src = true;
                    break;
                }
    }
    if (!src && tgt) {
        /* "X sparked outrage with a sharp rebuke of Y", "in a rebuke of Y, X said": the subject of
         * the verb the noun is a with/in-oblique of (an object's verb only when it voices it, as
         * above: "probing allegations" or "faced criticism" voice nothing); the phrase's last
         * word is its head ("a thinly veiled attack") */
        const ag_word *pw = word_at(x, t + k - 1);
        size_t nw = pw ? (size_t)(pw - x->parse.w) : 0;
        if (pw && pw->rel == AG_DEP_OBL && pw->head && WD(pw->head).upos == AG_UPOS_VERB &&
            child_form(x, nw, (const char *const[]){"with", "in", NULL}) && !child_rel(x, nw, AG_DEP_NMOD_POSS) &&
            !child_case(x, nw, (const char *const[]){"from", "by", NULL}) &&
            !child_case(x, pw->head, (const char *const[]){"from", "by", NULL})) { /* (another's criticism) */
            size_t hv = WD(pw->head).tok;
            bool vetoed;
            if (!mlen(x, hv, L_VERB) && !mlen(x, hv, L_DISMISS) &&
                !word_negated(x, pw->head) && subject_at(x, hv, &f->src, &cs, &vetoed, &f->by_position)) {
                src = true;
                f->rule = "noun-governor";
                f->conf = 0.7;
            }
        }
    }
    if (src && !tgt) {
        /* "X drew the bulk of Y's ire": the noun (or the noun it qualifies) is the object of an
         * incurring verb in the parse */
        const ag_word *nw = word_at(x, t + k - 1);
        size_t q = nw ? (size_t)(nw - x->parse.w) : 0;
        for (int d = 0; q && d < 3 && WD(q).head &&
                        (WD(q).rel == AG_DEP_NMOD || WD(q).rel == AG_DEP_AMOD || WD(q).rel == AG_DEP_COMPOUND);
             d++)
            q = WD(q).head;
        if (q && WD(q).rel == AG_DEP_OBJ && WD(q).head && mlen(x, WD(WD(q).head).tok, L_INCUR)) {
            bool vetoed;
            tgt = subject_at(x, WD(WD(q).head).tok, &f->tgt, &cs, &vetoed, &f->by_position);
        }
    }
    if (src && !tgt) {
        /* "X passed the law, drawing criticism from Berlin": the clause subject is the target */
        for (size_t j = t; j-- > 0 && j + 4 > t;)
            if (mlen(x, j, L_INCUR)) {
                size_t s = j;
                if (s > 0 && is_punct(x, s - 1, ','))
                    s--;
                bool vetoed;
                tgt = subject_at(x, s, &f->tgt, &cs, &vetoed, &f->by_position);
                break;
            }
    }
    if (!src || !tgt)
        return (void)WHY(f, !src ? "no source: no possessor, premodifier, by/from phrase or voicing subject"
                                 : "no target: no against/of/on/over phrase and no incurring subject");
    if (strcmp(NORM(t), "evidence") == 0 || strcmp(NORM(t), "charges") == 0) {
        /* only "evidence/charges against X", "charges that X ..." */
        bool against = false;
        for (size_t j = t + k; j < f->tgt.a; j++)
            against |= is(x, j, "against") || (is(x, j, "that") && strcmp(NORM(t), "charges") == 0);
        if (!against)
            return;
    }
    if (!f->negated)
        f->negated = negated_between(x, t > 6 ? t - 6 : 0, t);
    charge_after(x, tgt_end, f);
    *ok = true;
}

/* Reported blame: "Beijing said Washington's policies were to blame", "Seoul: Pyongyang to
 * blame", "the US said that Iraq had attacked". The phrase before the copula is the target. */
static void do_reported(ag_extractor *x, size_t t, const lex_entry *e, bool deed, found *f, bool *ok)
{
    *ok = false;
    f->action = e->arg1;
    f->code = e->arg2;
    if (reported_tree(x, t, f)) {
        *ok = true;
        return;
    }
    f->by_position = true;
    f->rule = deed ? "reported-deed" : "reported-blame";
    f->conf = deed ? 0.6 : 0.7;
    size_t j = t;
    if (deed && passive_before(x, t)) {
        /* "a mortar bomb was fired at it from the Gaza Strip" */
        size_t end = t + mlen(x, t, L_DEED);
        for (size_t q = end; q < NTOK && q < end + 8 && !clause_break(x, q); q++)
            if ((is(x, q, "by") || is(x, q, "from")) && np_at(x, skip_fwd(x, q + 1), &f->tgt)) {
                size_t say_at;
                if (!find_reporter(x, t, &f->src, &say_at, false, false))
                    return;
                f->negated = negated_between(x, say_at > 6 ? say_at - 6 : 0, say_at + 1);
                *ok = true;
                return;
            }
        return;
    }
    while (j > 0 && (mlen(x, j - 1, L_SKIP) || mlen(x, j - 1, L_BE) || is_quote(x, j - 1)))
        j--;
    /* the target phrase ends right before the copula, allowing a head noun: "Washington's policies" */
    bool got = false;
    for (size_t m = j; m-- > 0 && m + 4 > j && !got;) {
        if (np_at(x, m, &f->tgt) && f->tgt.b <= j) {
            got = true;
            for (size_t q = f->tgt.b; q < j; q++)
                if (TOK(q).kind != AG_TOK_WORD || mlen(x, q, L_SAY) || mlen(x, q, L_VERB))
                    got = false;
        }
        if (m < j && (is_punct(x, m, ',') || clause_break(x, m)))
            break;
    }
    if (!got)
        return (void)(f->why ? 0 : WHY(f, "no actor right before the reported act"));
    size_t say_at;
    if (!find_reporter(x, f->tgt.a, &f->src, &say_at, true, !deed)) {
        /* the reporter read from the parse: the say verb whose complement the copula's clause is
         * ("Investigators from X concluded that Y were responsible for ...") */
        const ag_word *pw = word_at(x, t);
        size_t c = pw ? (pw->rel == AG_DEP_COP || pw->rel == AG_DEP_AUX ? pw->head : (size_t)(pw - x->parse.w)) : 0;
        size_t say = 0;
        if (!c || !tree_reporter(x, c, &f->src, &say))
            return (void)(f->why ? 0 : WHY(f, "no reporter: no say verb with an actor subject governs the clause"));
        say_at = WD(say).tok;
    }
    f->negated = negated_between(x, say_at > 6 ? say_at - 6 : 0, say_at + 1) || negated_between(x, f->tgt.b, t) ||
                 (say_at < f->tgt.a && negated_between(x, say_at, f->tgt.a));
    charge_after(x, t + (deed ? mlen(x, t, L_DEED) : mlen(x, t, L_COPULA)) - 1, f);
    *ok = true;
}

/* A question or a condition ("Will Sweden criticise ...?", "Should the inquiry confirm ..., X
 * will accuse ...") reports no accusation. */
static bool hedged_sentence(const ag_extractor *x)
{
    static const char *const conditional[] = {"if", "should", "unless", "were", "had", "will", "would", "could",
                                              "did", "does", "do", "is", "are", "can", NULL};
    if (NTOK == 0)
        return false;
    size_t last = NTOK - 1;
    while (last > 0 && is_quote(x, last))
        last--;
    if (is_punct(x, last, '?') && !is_quote(x, 0))
        return true;
    return is_any(x, 0, (const char *const[]){"if", "should", "unless", NULL}) && is_any(x, 0, conditional);
}


/* Legal charges, read from the parse, with the prosecuting side implied where the sentence names
 * none: "X was charged with fraud", "X was indicted", "X faces charges", "the charges against X",
 * "an indictment of X", "indictments charging X" (the prosecutor: a by-phrase or owner, else the
 * state the story is about, else the defendant's own state); "X pleaded not guilty to the
 * charges" is X's denial. Only charge and indictment words: "accused of" with no accuser named
 * stays no triple. */
static bool do_legal(ag_extractor *x, size_t t, const ag_triples *out, size_t doc_first, found *f)
{
    const ag_word *pw = word_at(x, t);
    if (!pw)
        return WHY(f, "legal charges are read only from the parse"), false;
    size_t w = (size_t)(pw - x->parse.w), tw = 0, sw = 0;
    bool deny = false;
    static const char *const against[] = {"against", "of", NULL};
    static const char *const by[] = {"by", "from", NULL};
    if (is_any(x, t, (const char *const[]){"pleaded", "pleads", "plead", "pled", "pleading", NULL})) {
        /* "X pleaded not guilty" (to the charges or not): X denies the prosecution's charges */
        tw = child_rel(x, w, AG_DEP_NSUBJ);
        deny = true;
        if (!tw && pw->rel == AG_DEP_CONJ)
            tw = subject_of(x, w);
    } else if (pw->upos == AG_UPOS_VERB) {
        tw = child_rel(x, w, AG_DEP_NSUBJ_PASS);
        if (!tw && (pw->rel == AG_DEP_ACL || pw->rel == AG_DEP_ACL_RELCL) && !child_rel(x, w, AG_DEP_NSUBJ))
            tw = child_rel(x, w, AG_DEP_OBJ); /* "indictments charging X with ..." */
        sw = child_case(x, w, by);
    } else if (pw->upos == AG_UPOS_NOUN) {
        np probe;
        tw = child_case(x, w, against);
        if (tw && !actor_at_word(x, tw, &probe, MOD_DEPTH))
            tw = 0; /* "charges of bribery" */
        sw = child_case(x, w, by);
        if (!sw)
            sw = child_rel(x, w, AG_DEP_NMOD_POSS);
        size_t h = pw->head;
        if (!tw && h && pw->rel == AG_DEP_OBJ &&
            is_any(x, WD(h).tok, (const char *const[]){"faces", "face", "facing", "faced", NULL}))
            tw = child_rel(x, h, AG_DEP_NSUBJ); /* "X faces charges" */
        /* "X pleaded not guilty to the charges" (the charges hang from "guilty" or "pleaded") */
        static const char *const plead[] = {"pleaded", "pleads", "plead", "pled", NULL};
        size_t guilty = h && is(x, WD(h).tok, "guilty") ? h : h ? child_form(x, h, (const char *const[]){"guilty", NULL}) : 0;
        size_t pv = guilty && is_any(x, WD(guilty).tok, (const char *const[]){"guilty", NULL}) &&
                            WD(guilty).head && is_any(x, WD(WD(guilty).head).tok, plead) ? WD(guilty).head
                    : h && is_any(x, WD(h).tok, plead) ? h : 0;
        if (!tw && pv && guilty && pw->rel == AG_DEP_OBL && word_negated(x, guilty)) {
            tw = child_rel(x, pv, AG_DEP_NSUBJ);
            deny = true;
        } else if (!tw && pv && pw->rel == AG_DEP_OBL) {
            /* "X pleaded guilty to a charge of fraud": the charge is the prosecution's */
            tw = child_rel(x, pv, AG_DEP_NSUBJ);
        }
    }
    if (!tw)
        return WHY(f, "no defendant in the parse (passive subject, against/of, faces, pleads)"), false;
    np defendant, prosecutor;
    if (!actor_at_word(x, tw, &defendant, MOD_DEPTH))
        return WHY(f, "the defendant is no actor"), false;
    add_conjuncts(x, tw, &defendant); /* "X and Y were charged": each is a defendant */
    bool named = sw && actor_at_word(x, sw, &prosecutor, MOD_DEPTH);
    if (!named) {
        const char *c = story_country(x);
        if (!c[0] && defendant.nents == 1)
            c = x->ents[defendant.ents[0]].country;
        int e = c[0] ? state_entity(x, c) : -1;
        if (e < 0)
            return WHY(f, "no prosecutor named and no country for one"), false;
        memset(&prosecutor, 0, sizeof prosecutor);
        prosecutor.a = prosecutor.b = t;
        prosecutor.inferred = true;
        np_add_ent(&prosecutor, e);
    }
    (void)out, (void)doc_first;
    f->src = deny ? defendant : prosecutor;
    f->tgt = deny ? prosecutor : defendant;
    f->action = deny ? "deny" : "accuse";
    f->code = deny ? "016" : "112";
    f->rule = named ? "legal" : "legal-implied";
    f->conf = named ? 0.8 : 0.5;
    size_t h = pw->upos == AG_UPOS_NOUN && pw->head ? pw->head : w;
    f->negated = !deny && (word_negated(x, w) || word_negated(x, h) ||
                           child_form(x, h, (const char *const[]){"neither", "nor", NULL}) || negated_between(x, 0, t));
    return true;
}

/* A reported dismissal read from the parse: the word at token t (lexicon class dismiss) is the
 * predicate of a clause whose subject is an accusation noun, and a reporter says it: "X said the
 * allegations were groundless" is X's denial, answering the accuser the noun names ("Y's
 * allegations", "allegations by Y") or, failing that, the implied one. */
static bool do_dismissed(ag_extractor *x, size_t t, const ag_triples *out, size_t doc_first, found *f)
{
    const ag_word *pw = word_at(x, t);
    if (!pw)
        return WHY(f, "a reported dismissal is read only from the parse"), false;
    size_t c = (size_t)(pw - x->parse.w);
    if (!child_rel(x, c, AG_DEP_COP) && pw->rel == AG_DEP_NSUBJ)
        return WHY(f, "not the predicate of its clause"), false;
    size_t subj = subject_of(x, c);
    if (!subj || !(mlen(x, WD(subj).tok, L_ACCNOUN) || mlen(x, WD(subj).tok, L_NOUN)))
        return WHY(f, "what is dismissed is no accusation noun"), false;
    size_t say;
    if (!tree_reporter(x, c, &f->src, &say))
        return WHY(f, "no reporter says the dismissal"), false;
    f->action = "deny";
    f->code = "016";
    f->rule = "deny-reported";
    f->conf = 0.7;
    f->negated = word_negated(x, c) || word_negated(x, say);
    size_t own = child_rel(x, subj, AG_DEP_NMOD_POSS);
    if (!own)
        own = child_case(x, subj, (const char *const[]){"by", "from", NULL});
    if (!own) /* "the Freedonian claims" */
        own = child_rel(x, subj, AG_DEP_AMOD);
    if (own && actor_at_word(x, own, &f->tgt, MOD_DEPTH))
        return f->accuser_named = true;
    if (!set_implied_accuser(x, out, doc_first, f))
        return WHY(f, "a dismissal with no accuser named, earlier or implied by the story's country"), false;
    f->rule = "deny-reported";
    return true;
}

static bool same_actors(const np *a, const np *b);

/* A disclaimer read from the parse: the word at token t opens a phrase of the lexicon class
 * disclaim ("had nothing to do with", "played no role in") whose clause's subject is the one who
 * says it: "X insisted it had nothing to do with the attack", "“We played no role in it,” X
 * said" is X's denial, answering the accuser implied (an earlier accusation of X in the
 * document, or the story's country). */
static bool do_disclaim(ag_extractor *x, size_t t, const ag_triples *out, size_t doc_first, found *f)
{
    const ag_word *pw = word_at(x, t);
    if (!pw)
        return WHY(f, "a disclaimer is read only from the parse"), false;
    size_t c = (size_t)(pw - x->parse.w);
    for (int d = 0; c && d < 4 && !child_rel(x, c, AG_DEP_NSUBJ); d++)
        c = WD(c).head;
    size_t subj = c ? child_rel(x, c, AG_DEP_NSUBJ) : 0;
    np sn, rep;
    /* "had nothing to do with Putin" is a relation, not a denial: the phrase ends in an event */
    size_t after = t + mlen(x, t, L_DISCLAIM);
    if (after < NTOK && x->np_of[skip_fwd(x, after)] >= 0)
        return WHY(f, "what it has nothing to do with is an actor, not an act"), false;
    size_t say;
    if (!subj || !actor_at_word(x, subj, &sn, MOD_DEPTH))
        return WHY(f, "the disclaimer's clause has no actor as its subject"), false;
    if (!tree_reporter(x, c, &rep, &say) && !quoted_speaker(x, t, &rep, &say))
        return WHY(f, "no reporter says the disclaimer"), false;
    if (!same_actors(&sn, &rep))
        return WHY(f, "the one said to have nothing to do with it is not the speaker"), false;
    f->src = rep;
    f->action = "deny";
    f->code = "016";
    if (!set_implied_accuser(x, out, doc_first, f))
        return WHY(f, "a disclaimer with no accuser named, earlier or implied by the story's country"), false;
    f->rule = "deny-disclaim";
    f->negated = word_negated(x, say);
    return true;
}

/* True when both phrases name the same actors. */
static bool same_actors(const np *a, const np *b)
{
    if (a->nents != b->nents || a->nents == 0)
        return false;
    for (int i = 0; i < a->nents; i++) {
        bool hit = false;
        for (int j = 0; j < b->nents && !hit; j++)
            hit = a->ents[i] == b->ents[j];
        if (!hit)
            return false;
    }
    return true;
}

/* ---- --explain ------------------------------------------------------------------------ */

static void explain_np(ag_extractor *x, ag_buf *b, const np *n)
{
    if (n->b > n->a)
        ag_buf_printf(b, "  \"%s\" ->", span_text(x, n->a, n->b, false));
    else
        ag_buf_puts(b, "  (implied) ->");
    for (int k = 0; k < n->nents; k++) {
        const entity *e = &x->ents[n->ents[k]];
        ag_buf_printf(b, "%s %s [%s, %s, %s]", k ? " +" : "", e->name, e->id, e->type, e->country[0] ? e->country : "no country");
    }
    ag_buf_printf(b, "%s%s%s%s\n", n->poss ? " (possessor)" : "", n->modifier ? " (modifier)" : "",
                  n->organ ? " (organ)" : "", n->inferred ? " (inferred)" : "");
}

/* The sentence, its parse and its actor phrases (before the frames run). */
static void explain_sentence(ag_extractor *x, const ag_doc *doc, const ag_span *sent)
{
    ag_buf *b = x->opts.explain;
    ag_buf_printf(b, "== %s, sentence %d, offset %zu\n", doc->id, x->sentno + 1, sent->start);
    ag_buf_append(b, doc->text + sent->start, sent->end - sent->start);
    ag_buf_puts(b, "\n");
    if (x->parsed_sent == x->sentno) {
        ag_buf_puts(b, "parse:\n");
        ag_parse_conllu(x->opts.parser, &x->parse, b);
    } else {
        ag_buf_puts(b, "parse: none (no actor named in the sentence, or no parser)\n");
    }
    ag_buf_puts(b, "phrases:\n");
    for (size_t k = 0; k < x->nnps; k++)
        explain_np(x, b, &x->nps[k]);
    if (!x->nnps)
        ag_buf_puts(b, "  (no actor phrase)\n");
    ag_buf_puts(b, "triggers:\n");
}

/* One trigger's decision. */
static void explain_trigger(ag_extractor *x, size_t i, const char *cls, const found *f, bool ok)
{
    ag_buf *b = x->opts.explain;
    ag_buf_printf(b, "  \"%s\" %s", span_text(x, i, i + 1, false), cls);
    if (f->action)
        ag_buf_printf(b, " (%s %s)", f->action, f->code);
    if (!ok) {
        ag_buf_printf(b, ": no triple: %s\n", f->why ? f->why : "no frame matched");
        return;
    }
    ag_buf_printf(b, ": rule %s%s, confidence %.2f%s\n", f->rule, f->by_position ? "+position" : "", f->conf,
                  f->negated ? ", negated or hedged (left out without --keep-negated)" : "");
    ag_buf_puts(b, "    source");
    explain_np(x, b, &f->src);
    ag_buf_puts(b, "    target");
    explain_np(x, b, &f->tgt);
}

/* Frames read only from the parse, tried after the verb frame for a token of their class:
 * "charged with" (the prosecutor implied), "X said the allegations were groundless". */
static const struct tree_frame {
    int cls;
    bool (*fn)(ag_extractor *, size_t, const ag_triples *, size_t, found *);
    const char *name; /* for --explain */
    bool not_verb;    /* only where the token is no accusation verb */
} tree_frames[] = {
    {L_LEGAL, do_legal, "legal", false},
    {L_DISMISS, do_dismissed, "dismissal", true},
    {L_DISCLAIM, do_disclaim, "disclaimer", true},
};

static ag_status analyse_sentence(ag_extractor *x, const ag_doc *doc, const ag_span *sent, ag_triples *out,
                                  size_t doc_first)
{
    size_t first = out->len;
    bool hedged = hedged_sentence(x);
    for (size_t i = 0; i < NTOK; i++) {
        found f;
        memset(&f, 0, sizeof f);
        f.trig = i;
        bool ok = false;
        ag_status st = AG_OK;
        const char *cls = NULL; /* the trigger's class, for --explain */
        if (mlen(x, i, L_VERB)) {
            cls = "verb";
            x->stats.triggers++;
            st = do_verb(x, i, mval(x, i, L_VERB), &f, &ok, out, doc_first);
        }
        /* the frames read only from the parse, for the classes that have one, in order */
        for (size_t k = 0; !ok && x->parsed_sent == x->sentno && k < sizeof tree_frames / sizeof *tree_frames; k++) {
            const struct tree_frame *tf = &tree_frames[k];
            if (!mlen(x, i, tf->cls) || (tf->not_verb && mlen(x, i, L_VERB)))
                continue;
            found g;
            memset(&g, 0, sizeof g);
            g.trig = i;
            if (tf->fn(x, i, out, doc_first, &g)) {
                f = g;
                ok = true;
                cls = tf->name;
            } else if (x->opts.explain) {
                explain_trigger(x, i, tf->name, &g, false);
            }
        }
        if (!ok && mlen(x, i, L_NOUN)) { /* "charges", "blame", "complaints" are nouns too */
            memset(&f, 0, sizeof f);
            f.trig = i;
            if (!mlen(x, i, L_VERB))
                x->stats.triggers++;
            x->stats.triggers++;
            cls = "noun";
            do_noun(x, i, mval(x, i, L_NOUN), &f, &ok);
        } else if (!mlen(x, i, L_VERB) && mlen(x, i, L_COPULA)) {
            x->stats.triggers++;
            cls = "copula";
            do_reported(x, i, mval(x, i, L_COPULA), false, &f, &ok);
        } else if (!mlen(x, i, L_VERB) && mlen(x, i, L_DEED)) {
            x->stats.triggers++;
            cls = "deed";
            do_reported(x, i, mval(x, i, L_DEED), true, &f, &ok);
        } else if (!mlen(x, i, L_VERB) && (mlen(x, i, L_ACT) || mlen(x, i, L_FAULT) || mlen(x, i, L_INSULT))) {
            /* acts, faults and insults as predicates are read only from the parse */
            x->stats.triggers++;
            cls = mlen(x, i, L_ACT) ? "act" : mlen(x, i, L_FAULT) ? "fault" : "insult";
            const lex_entry *e = mlen(x, i, L_ACT) ? mval(x, i, L_ACT) : mlen(x, i, L_FAULT) ? mval(x, i, L_FAULT) : NULL;
            f.action = e ? e->arg1 : "criticize";
            f.code = e ? e->arg2 : "111";
            ok = reported_tree(x, i, &f);
        }
        if (st != AG_OK)
            return st;
        if (ok && f.act_negated && strcmp(f.rule, "reported-tree") == 0 && same_actors(&f.src, &f.tgt)) {
            /* "X said it had never interfered": the speaker denies, answering its accuser */
            np self = f.src;
            if (set_implied_accuser(x, out, doc_first, &f)) {
                f.src = self;
                f.action = "deny";
                f.code = "016";
                f.rule = "deny-reported";
                f.negated = false;
                cls = "denial";
            } else {
                ok = false;
                WHY(&f, "the speaker says it did not do it, and no accuser is named, earlier or implied");
            }
        }
        /* one phrase as both sides is a list the phrase finder joined across clauses ("In a
         * rebuke of X, the Y president said"), except for reciprocals ("accused each other") */
        if (ok && f.src.a == f.tgt.a && f.src.b == f.tgt.b && strcmp(f.rule, "verb-reciprocal") != 0 &&
            strcmp(f.rule, "noun-reciprocal") != 0) {
            ok = false;
            WHY(&f, "source and target are one phrase (a list joined across clauses)");
        }
        if (ok && !(f.src.nents && f.tgt.nents)) {
            ok = false;
            WHY(&f, "a side names no actor");
        }
        f.negated |= ok && hedged;
        if (cls && x->opts.explain)
            explain_trigger(x, i, cls, &f, ok);
        if (ok) {
            st = emit(x, doc, sent, &f, out, first);
            if (st == AG_OK && f.accuser_named && !f.negated)
                st = emit_denied(x, doc, sent, &f, out, first);
            if (st != AG_OK)
                return st;
        }
    }
    return AG_OK;
}

/* Marks the subjects of this sentence for pronoun resolution in later ones: an actor phrase
 * followed (after adverbs) by a verb-like word. */
/* True when phrase n ends in a plural role or description word: "Freedonian ministers", "the
 * authorities", "opposition lawmakers" (what "they" in the next sentence names). */
static bool plural_head(const ag_extractor *x, const np *n)
{
    if (n->b == 0 || n->poss)
        return false;
    size_t t = n->b - 1;
    const char *w = NORM(t);
    size_t len = strlen(w);
    if (TOK(t).kind != AG_TOK_WORD || len < 4 || w[len - 1] != 's' || strchr("sui", w[len - 2]))
        return false;
    for (size_t a = n->a; a <= t; a++) /* the class phrase that ends at the head */
        if ((mlen(x, a, L_ROLE) && a + mlen(x, a, L_ROLE) == t + 1) ||
            (mlen(x, a, L_DOMESTIC) && a + mlen(x, a, L_DOMESTIC) == t + 1) ||
            (mlen(x, a, L_DESC) && a + mlen(x, a, L_DESC) == t + 1))
            return true;
    return false;
}

static void note_subjects(ag_extractor *x)
{
    for (size_t k = 0; k < x->nnps; k++) {
        const np *n = &x->nps[k];
        if (n->poss)
            continue;
        size_t j = n->b;
        while (j < NTOK && mlen(x, j, L_SKIP) && !mlen(x, j, L_BE))
            j++;
        bool first = k == 0 && (n->a == 0 || is_any(x, n->a - 1, determiners)) && j < NTOK &&
                     TOK(j).kind == AG_TOK_WORD && !(TOK(j).flags & AG_TF_CAP);
        bool verb = first || (j < NTOK && (mlen(x, j, L_VERB) || mlen(x, j, L_SAY) || mlen(x, j, L_VOICE) || mlen(x, j, L_BE) ||
                                 mlen(x, j, L_MODAL) || mlen(x, j, L_SKIP) ||
                                 (strlen(NORM(j)) > 3 && strcmp(NORM(j) + strlen(NORM(j)) - 2, "ed") == 0)));
        if (verb)
            for (int e = 0; e < n->nents; e++) {
                entity_touch(x, n->ents[e]);
                x->ents[n->ents[e]].last_subj = x->sentno;
            }
        if (verb && !n->inferred && plural_head(x, n)) {
            memcpy(x->last_plural, n->ents, sizeof(int) * (size_t)n->nents);
            x->last_plural_n = n->nents;
            x->last_plural_sent = x->sentno;
        }
    }
}

ag_status ag_extract_doc(ag_extractor *x, const ag_doc *doc, ag_triples *out, ag_err *err)
{
    x->parsed_sent = -1;
    entities_clear(x);
    x->sents.len = 0;
    x->stats.docs++;
    x->stats.bytes += doc->text_len;
    ag_doc d = *doc;
    ag_date dd;
    if (!d.date || !d.date[0]) {
        if (ag_date_from_text(doc->text, doc->text_len, &dd))
            d.date = dd.value;
        else
            d.date = "";
    }
    if (ag_split_sentences(doc->text, doc->text_len, &x->sents) != AG_OK)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    size_t doc_first = out->len;
    for (size_t s = 0; s < x->sents.len; s++) {
        const ag_span *sp = &x->sents.items[s];
        x->sentno = (int)s;
        x->stats.sentences++;
        if (ag_tokenize(doc->text, sp->start, sp->end, &x->toks) != AG_OK || mark_tokens(x) != AG_OK ||
            find_nps(x) != AG_OK)
            return ag_fail(err, AG_ERR_NOMEM, "out of memory");
        note_subjects(x); /* before the frames: "Secretary Tessa Jowell said ... and she accused" */
        int trig = has_trigger(x);
        if (!trig) {
            if (remember_names(x) != AG_OK)
                return ag_fail(err, AG_ERR_NOMEM, "out of memory");
            continue;
        }
        /* a candidate sentence: a trigger and an actor named, described or unknown to the
         * dictionary (no accusation has come from a sentence whose actors are all pronouns);
         * a reported act needs two, the reporter and the actor reported on */
        bool unknown = x->nnps < 2 && has_unknown_name(x);
        if (trig == 2 && !(x->opts.parser && x->nnps + unknown >= 2)) {
            if (remember_names(x) != AG_OK)
                return ag_fail(err, AG_ERR_NOMEM, "out of memory");
            continue;
        }
        /* (a "sentence" of hundreds of words is a list or a flattened table, which the parser
         * would read wrongly and slowly: the positional rules alone read it) */
        if (x->opts.parser && NTOK <= PARSE_MAX_TOKENS &&
            (x->nnps > 0 || unknown || has_unknown_name(x) || has_class(x, L_DOMESTIC) ||
             (has_class(x, L_LEGAL) && has_class(x, L_PRON)))) {
            if (known_names(x) != AG_OK ||
                ag_parse_tokens_from(x->opts.parser, doc->text, doc->text_len, &x->toks, dateline_end(x), x->tok_want,
                                     &x->parse) != AG_OK ||
                map_words(x) != AG_OK || add_unknown_names(x) != AG_OK || add_domestic(x) != AG_OK)
                return ag_fail(err, AG_ERR_NOMEM, "out of memory");
            x->stats.parsed++;
            note_listed_group(x); /* (with the names the parse added) */
        }
        if (x->opts.explain)
            explain_sentence(x, &d, sp);
        if (analyse_sentence(x, &d, sp, out, doc_first) != AG_OK)
            return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    }
    return AG_OK;
}
