/* parse_model.h - what the parser's runtime (ag_parse.c) and trainer (parse_train.c) share:
 * feature hashing, the feature templates, the arc-hybrid transition system and the model format.
 * Internal to the library.
 *
 * Model format (version 3). All integers little-endian; the file is used in place, so every
 * array starts on an 8-byte boundary:
 *
 *   pm_header              the fields below, 4-byte words
 *   strings                NUL-terminated: ntags fine tags "UPOS XPOS", nlabels relation names,
 *                          then the provenance line
 *   four tables (tagger first pass, parser, parser vocabulary, tagger second pass), each:
 *     slots[nslots]        uint64: low half the feature's fingerprint (the high half of its 64-bit
 *                          hash, low bit set; 0 = empty slot), high half its weights: bit 31 set:
 *                          the index of its dense row; else the first of its entries << 8 | their
 *                          number. A feature with hash h is looked for from slot
 *                          (h mod 2^32) * nslots / 2^32 on, one slot at a time.
 *     entries[nentries]    uint16: class << 8 | code, for features with few weights
 *     book[256]            int16: the weight of each code (the averaged perceptron weight,
 *                          scaled; 128 magnitudes spaced evenly on a log scale, each sign)
 *     rows[nrows][row_len] int16: the weights of every class (book values, 0 for none), for the
 *                          features with many weights, which are the ones seen most often: their
 *                          rows are added with vector instructions
 *
 * A class's score is the sum of the weights of the features present; the highest valid class
 * wins, the lowest index on a tie. Parser classes: 0 shift, 1 + l left-arc with label l,
 * 1 + nlabels + l right-arc with label l. The vocabulary table holds the normalised forms of the
 * training words (no weights); the parser reads any other word as one unknown word, as it
 * learnt to by word dropout. Features seen in training fewer than a set number of times are
 * left out. `features` records the revision of the templates below (a hash of the tables), so a
 * model trained with other templates is refused.
 */
#ifndef AG_PARSE_MODEL_H
#define AG_PARSE_MODEL_H

#include <stdint.h>
#include <string.h>

#include "ag_parse.h"

#define PM_MAGIC "AGPARSE1"
#define PM_VERSION 3u

typedef struct pm_table_header {
    uint32_t nslots, nfeatures, nentries;
    uint32_t slots_off, entries_off, book_off;
    uint32_t nrows, row_len, rows_off;
} pm_table_header;

typedef struct pm_header {
    char magic[8];
    uint32_t version, features;
    uint32_t ntags, nlabels;
    uint32_t strings_off, strings_len;
    pm_table_header tagger, parser;
    pm_table_header vocab;     /* the parser's known words (keys only, no entries) */
    pm_table_header tagger2;   /* the tagger's second pass (no features: one pass) */
    uint32_t reserved[4];
} pm_header;

/* A feature table read in place. */
typedef struct pm_table {
    uint32_t nslots;
    const uint64_t *slots;
    const uint16_t *entries;
    const int16_t *book;
    const int16_t *rows;
    uint32_t row_len;
} pm_table;

#define PM_DENSE 0x80000000u
#define PM_ROW_LEN 112  /* classes a dense row holds: every table has at most 112 (a multiple of 16) */
#define PM_DENSE_MIN 32 /* a feature with this many weights or more has a dense row */

/* ---- hashing: a feature is the 64-bit hash of its template and its atoms' values (each atom
 * folded in with one multiplication, the whole mixed once at the end) ---- */

static inline uint64_t pm_mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

static inline uint64_t pm_hash_bytes(const char *s, size_t n, uint64_t seed)
{
    uint64_t h = 0xcbf29ce484222325ULL ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return pm_mix(h);
}

static inline uint32_t pm_home(const pm_table *t, uint64_t h)
{
    return (uint32_t)(((uint64_t)(uint32_t)h * t->nslots) >> 32);
}

static inline uint32_t pm_fingerprint(uint64_t h) { return (uint32_t)(h >> 32) | 1u; }

/* The weights of feature h (its slot's high half, see the format above), or 0 if absent. */
static inline uint32_t pm_table_find(const pm_table *t, uint64_t h)
{
    uint32_t fp = pm_fingerprint(h);
    for (uint32_t i = pm_home(t, h);;) {
        uint64_t s = t->slots[i];
        if ((uint32_t)s == fp)
            return (uint32_t)(s >> 32);
        if ((uint32_t)s == 0)
            return 0;
        if (++i == t->nslots)
            i = 0;
    }
}

/* Adds the weights v (from pm_table_find) to scores[class] (PM_ROW_LEN of them). */
static inline void pm_table_add(const pm_table *t, uint32_t v, int32_t *scores)
{
    if (v & PM_DENSE) {
        const int16_t *r = t->rows + (size_t)(v & ~PM_DENSE) * PM_ROW_LEN;
#if defined(__GNUC__)
        /* eight classes at a time, in whatever vector instructions the target has */
        typedef int16_t v8s __attribute__((vector_size(16)));
        typedef int32_t v8i __attribute__((vector_size(32)));
        for (int c = 0; c < PM_ROW_LEN; c += 8) {
            v8s x;
            v8i y;
            memcpy(&x, r + c, sizeof x);
            memcpy(&y, scores + c, sizeof y);
            y += __builtin_convertvector(x, v8i);
            memcpy(scores + c, &y, sizeof y);
        }
#else
        for (int c = 0; c < PM_ROW_LEN; c++)
            scores[c] += r[c];
#endif
        return;
    }
    const uint16_t *e = t->entries + (v >> 8), *end = e + (v & 0xff);
    for (; e < end; e++)
        scores[*e >> 8] += t->book[*e & 0xff];
}


/* ---- word attributes ---- */

/* The form used by features: ASCII lower case, digits as '0', typographic quotes, apostrophes
 * and dashes as ASCII, and British spellings of a fixed list as the American ones of the
 * treebank ("criticised" -> "criticized", "labour" -> "labor"). Writes at most n bytes to out and
 * returns the length. */
size_t ag_pm_normalise(const char *s, size_t n, char *out);

/* Per word, the hashed attributes the tagger's templates read. */
enum {
    PM_TA_LOWER, PM_TA_SHAPE, PM_TA_SUF1, PM_TA_SUF2, PM_TA_SUF3, PM_TA_SUF4,
    PM_TA_PRE1, PM_TA_PRE2, PM_TA_PRE3, PM_TA_FLAGS, PM_TA_FORM,
    PM_NTA
};
typedef struct pm_tword {
    uint64_t a[PM_NTA];
} pm_tword;

/* Fills the attributes of a word (form[0..n)), first = it starts the sentence. */
void ag_pm_tword_fill(pm_tword *w, const char *form, size_t n, int first);

/* Tagger templates: each reads up to three atoms: a word attribute at an offset from the word
 * being tagged (-2..+2), one of the two previous predicted tags, or (second pass only) the first
 * pass's tag of a word at an offset. The tagger runs twice: the first pass reads the templates
 * without first-pass atoms, the second all of them, so it sees the words' likely tags on the
 * right as well as on the left. */
enum { PM_TT_ATTR, PM_TT_TAG, PM_TT_P1 };
typedef struct pm_tatom {
    int8_t kind, off;
    uint8_t attr;
} pm_tatom;
typedef struct pm_ttemplate {
    uint8_t n;
    pm_tatom a[3];
} pm_ttemplate;

#define PM_MAX_TKEYS 64  /* the most tagger templates */
#define PM_MAX_PKEYS 256 /* the most parser templates */

extern const pm_ttemplate ag_pm_ttemplates[];
extern const size_t ag_pm_nttemplates;

/* The keys of the tagger's features for word i of n, given the tags of i-1 and i-2 (an
 * out-of-range word reads as a boundary) and, for the second pass, the first pass's tags p1
 * (NULL in the first pass). keys needs ag_pm_nttemplates entries; returns the count. */
size_t ag_pm_tagger_features(const pm_tword *w, size_t n, size_t i, int t1, int t2, const uint16_t *p1,
                          uint64_t *keys);

/* ---- the arc-hybrid transition system ----
 * Words 1..n, 0 the root (at the bottom of the stack from the start). shift moves b0 to the
 * stack; left-arc makes b0 the head of s0 and pops it; right-arc makes s1 the head of s0 and pops
 * it. The root takes its one dependent by right-arc once the buffer is empty, so every parse is a
 * tree with a single root. */
enum { PM_SHIFT = 0 };

typedef struct pm_config {
    uint32_t n, none;          /* none = n + 1: the index of a missing position */
    uint32_t *stack, sp;       /* stack[0..sp) */
    uint32_t b;                /* the buffer is b..n */
    uint32_t *head;            /* none until attached */
    uint8_t *label;
    uint32_t *l1, *l2, *r1, *r2; /* leftmost, second leftmost, rightmost, second rightmost child */
    uint16_t *nl, *nr;         /* left and right valency */
    uint64_t *lset, *rset;     /* labels of the left and right children, as bits (label % 64) */
} pm_config;

/* The words the parser's templates read: index 0 the root, 1..n the words, n + 1 "none". */
typedef struct pm_pwords {
    uint64_t *w;               /* normalised form hash */
    uint16_t *tag;             /* fine tag; ntags = none, ntags + 1 = root */
    uint8_t *upos;             /* AG_NUPOS = none, AG_NUPOS + 1 = root */
    uint32_t *npunct;          /* npunct[i]: punctuation words among 1..i-1 */
} pm_pwords;

/* Every array of a configuration and of its words, for sentences of up to cap words. */
typedef struct pm_work {
    size_t cap;
    pm_config c;
    pm_pwords pw;
    pm_tword *tw;
    uint16_t *p1;              /* the tagger's first pass */
    uint8_t *want;             /* per word: 0, or the UPOS + 1 its tag must have (ag_word.want) */
    bool constrained;          /* some want[i] is set (training leaves it false) */
    int32_t *scores;
    size_t nscores;
} pm_work;

ag_status ag_pm_work_reserve(pm_work *k, size_t n, size_t nclasses);
void ag_pm_work_free(pm_work *k);

void ag_pm_config_init(pm_config *c, uint32_t n);

static inline int pm_terminal(const pm_config *c) { return c->b > c->n && c->sp == 1; }

/* Validity of the three kinds of transition (the root's arc is right-arc with s1 = 0). */
static inline int pm_can_shift(const pm_config *c) { return c->b <= c->n; }
static inline int pm_can_left(const pm_config *c) { return c->sp >= 2 && c->b <= c->n; }
static inline int pm_can_right(const pm_config *c)
{
    return c->sp >= 2 && (c->stack[c->sp - 2] != 0 || c->b > c->n);
}

/* Transitions: 0 shift, 1 + l left-arc with label l, 1 + nlabels + l right-arc with label l. The
 * parser's weights have two more classes that weigh an arc's direction whatever its label
 * (2 nlabels + 1 every left-arc, 2 nlabels + 2 every right-arc), so what is learnt about
 * attaching is shared by all labels: a transition's score is its own class's plus its
 * direction's. */
static inline uint32_t pm_ntransitions(uint32_t nlabels) { return 1 + 2 * nlabels; }
static inline uint32_t pm_nclasses(uint32_t nlabels) { return 3 + 2 * nlabels; }
static inline int pm_direction(int cls, uint32_t nlabels)
{
    return cls == PM_SHIFT ? -1 : (int)(1 + 2 * nlabels) + ((uint32_t)cls > nlabels);
}
static inline int32_t pm_transition_score(const int32_t *scores, int cls, uint32_t nlabels)
{
    return cls == PM_SHIFT ? scores[0] : scores[cls] + scores[pm_direction(cls, nlabels)];
}

/* Applies transition cls. */
void ag_pm_apply(pm_config *c, int cls, uint32_t nlabels);

/* The dynamic oracle (Goldberg & Nivre 2013, arc-hybrid): cost[cls] = the gold arcs that become
 * unreachable if cls is applied in c (a wrong label counts one), INT32_MAX for an invalid class.
 * gh[i], gl[i] are word i's gold head and label (indices 1..n). Returns the least cost.
 * Cost: O(stack + buffer). */
int32_t ag_pm_costs(const pm_config *c, const uint32_t *gh, const uint8_t *gl, uint32_t nlabels, int root_label,
                 int32_t *cost);

/* Parser templates: up to four atoms, each an attribute of a position (a stack or buffer
 * word or one of their children) or a distance. */
enum {
    PM_P_S0, PM_P_S1, PM_P_S2, PM_P_B0, PM_P_B1, PM_P_B2, PM_P_B3,
    PM_P_S0L, PM_P_S0L2, PM_P_S0R, PM_P_S0R2,
    PM_P_S1L, PM_P_S1L2, PM_P_S1R, PM_P_S1R2,
    PM_P_B0L, PM_P_B0L2,
    PM_NPOS
};
enum {
    PM_A_W, PM_A_T, PM_A_U, PM_A_L, PM_A_VL, PM_A_VR, PM_A_LS, PM_A_RS,
    PM_NATTR,
    PM_A_D01 = PM_NATTR, /* distance s0..b0 (bucketed), the position is ignored */
    PM_A_D10,            /* distance s1..s0 */
    PM_A_PUNCT           /* punctuation between s0 and b0 (0, 1, 2+) */
};
typedef struct pm_patom {
    uint8_t pos, attr;
} pm_patom;
typedef struct pm_ptemplate {
    uint8_t n;
    pm_patom a[4];
} pm_ptemplate;

extern const pm_ptemplate ag_pm_ptemplates[];
extern const size_t ag_pm_nptemplates;

/* The keys of the parser's features in configuration c; keys needs ag_pm_nptemplates entries. */
size_t ag_pm_parser_features(const pm_config *c, const pm_pwords *pw, uint64_t *keys);

/* The revision of the templates, recorded in the model. */
uint32_t ag_pm_features_revision(void);

/* Tags and parses words 1..n held in k (k->tw filled, forms of n words); writes tags, heads and
 * model labels into w[1..n]. Shared by ag_parser_run and the trainer's evaluation. */
typedef struct pm_model {
    uint32_t ntags, nlabels;
    int root_label;            /* the label of the root's arc, -1 if the model has none */
    pm_table tagger, parser, vocab, tagger2;
    const uint8_t *tag_upos;   /* ntags */
} pm_model;

/* The hash the parser reads for a word not in the vocabulary. */
#define PM_UNKNOWN_WORD 0x6b6e6f776e756e75ULL

static inline int pm_table_has(const pm_table *t, uint64_t h)
{
    uint32_t fp = pm_fingerprint(h);
    for (uint32_t i = pm_home(t, h);;) {
        uint32_t k = (uint32_t)t->slots[i];
        if (k == fp)
            return 1;
        if (k == 0)
            return 0;
        if (++i == t->nslots)
            i = 0;
    }
}

/* The valid class with the highest score (the lowest index on a tie), -1 if none. */
int ag_pm_best_valid(const pm_config *c, const int32_t *scores, uint32_t nlabels, int root_label);

/* One pass of the tagger with table t (p1: the first pass's tags, or NULL in the first pass). */
void ag_pm_tag_pass(const pm_model *m, const pm_table *t, pm_work *k, size_t n, const uint16_t *p1, uint16_t *tags);
/* Both passes (the second if the model has one). */
void ag_pm_tag(const pm_model *m, pm_work *k, size_t n, uint16_t *tags);

void ag_pm_parse(const pm_model *m, pm_work *k, size_t n, const uint16_t *tags, const char *const *forms,
              uint32_t *heads, uint8_t *labels);
/* Fills k->pw for words 1..n from their forms and tags. */
void ag_pm_pwords_fill(const pm_model *m, pm_work *k, size_t n, const uint16_t *tags, const char *const *forms);

#endif
