/* parse_model.c - features, transitions and decoding shared by the parser's runtime and trainer
 * (see parse_model.h). */
#include "parse_model.h"

#include <stdlib.h>

/* Built twice on x86-64, for AVX2 and for the baseline, and chosen when the program starts: the
 * sums are integers, so both give the same scores. */
#if defined(__GNUC__) && defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("avx2", "default")))
#endif
/* Adds the weights of every feature in keys[0..nk) to scores, asking for the memory of all of them
 * before reading any, so their cache misses overlap. */
static void table_score_all(const pm_table *t, const uint64_t *keys, size_t nk, int32_t *scores)
{
    uint32_t vals[PM_MAX_PKEYS];
    size_t nv = 0;
    for (size_t j = 0; j < nk; j++)
        __builtin_prefetch(&t->slots[pm_home(t, keys[j])]);
    for (size_t j = 0; j < nk && nv < PM_MAX_PKEYS; j++) {
        uint32_t v = pm_table_find(t, keys[j]);
        if (!v)
            continue;
        __builtin_prefetch(v & PM_DENSE ? (const void *)(t->rows + (size_t)(v & ~PM_DENSE) * PM_ROW_LEN)
                                        : (const void *)(t->entries + (v >> 8)));
        vals[nv++] = v;
    }
    for (size_t j = 0; j < nv; j++)
        pm_table_add(t, vals[j], scores);
}

/* ---- word attributes ---- */

/* British spellings the American treebank lacks, mapped to the American ones the model knows
 * (the tagger reads "criticised" as an adjective otherwise). Data: stems before -ise/-isation
 * (a word ends in the stem plus the suffix, after an optional re-/de-/un-/over-/mis- prefix),
 * stems before -our, and whole words. Only words of these lists change. */
static const char *const ise_stems[] = {
    "critic", "apolog", "recogn", "organ", "emphas", "author", "character", "legal", "national", "privat",
    "jeopard", "mobil", "stabil", "scrutin", "priorit", "minim", "maxim", "final", "real", "sympath", "summar",
    "penal", "util", "special", "capital", "normal", "neutral", "militar", "weapon", "politic", "polar", "demon",
    "ostrac", "victim", "terror", "patron", "legitim", "hospital", "modern", "democrat", "global", "industrial",
    "memorial", "symbol", "antagon", "harmon", "categor", "optim", "public", "subsid", "synchron", "colon", "civil",
    "galvan", "monopol", "sanit", "fertil", "familiar", "marginal", "radical", "trivial", "visual", "energ",
    "euthan", "evangel", "fantas", "ideal", "immun", "item", "rational", "revolution", "sensit", "steril", "agon",
    "scandal", "criminal", "central", "liberal", "moral", "sensational", "standard", "computer", "digit",
    "vandal", "vocal", "west", "american", "human", "plagiar", "jeopard", "burglar", "mesmer", "tantal",
    "caramel", "advert", NULL};
static const char *const ise_suffixes[] = {"isations", "isation", "ising", "ised", "ises", "isers", "iser",
                                           "ise", NULL};
static const char *const our_stems[] = {"lab", "fav", "hon", "behavi", "neighb", "col", "rum", "harb", "endeav",
                                        "vig", "hum", "savi", "arm", "val", "cand", "parl", "od", "flav", "splend",
                                        "rig", "tum", "clam", "sav", NULL};
static const char *const uk_words[][2] = {
    {"defence", "defense"}, {"defences", "defenses"}, {"offence", "offense"}, {"offences", "offenses"},
    {"licence", "license"}, {"centre", "center"}, {"centres", "centers"}, {"programme", "program"},
    {"programmes", "programs"}, {"theatre", "theater"}, {"travelled", "traveled"}, {"travelling", "traveling"},
    {"cancelled", "canceled"}, {"labelled", "labeled"}, {"modelling", "modeling"}, {"fuelled", "fueled"},
    {"signalled", "signaled"}, {"counselling", "counseling"}, {"analyse", "analyze"}, {"analysed", "analyzed"},
    {"analyses", "analyzes"}, {"analysing", "analyzing"}, {"paralysed", "paralyzed"}, {"grey", "gray"},
    {"manoeuvre", "maneuver"}, {"manoeuvres", "maneuvers"}, {"aluminium", "aluminum"}, {"whilst", "while"},
    {"amongst", "among"}, {"jewellery", "jewelry"}, {"cheque", "check"}, {"tyre", "tire"}, {NULL, NULL}};

static bool ends_with(const char *w, size_t n, const char *suf, size_t *at)
{
    size_t k = strlen(suf);
    if (k > n || memcmp(w + n - k, suf, k) != 0)
        return false;
    *at = n - k;
    return true;
}

/* Rewrites the lower-cased word w[0..n) in place; returns its new length (never longer). */
static size_t american_spelling(char *w, size_t n)
{
    if (n < 4 || n > 40)
        return n;
    for (size_t i = 0; uk_words[i][0]; i++)
        if (uk_words[i][0][0] == w[0] && strlen(uk_words[i][0]) == n && memcmp(w, uk_words[i][0], n) == 0) {
            size_t m = strlen(uk_words[i][1]);
            memcpy(w, uk_words[i][1], m);
            return m;
        }
    /* (most words hold neither "is" nor "our": they leave here) */
    bool is_ = false, our = false;
    for (size_t i = 0; i + 1 < n; i++) {
        is_ |= w[i] == 'i' && w[i + 1] == 's';
        our |= i + 2 < n && w[i] == 'o' && w[i + 1] == 'u' && w[i + 2] == 'r';
    }
    for (size_t i = 0; is_ && ise_suffixes[i]; i++) {
        size_t at;
        if (!ends_with(w, n, ise_suffixes[i], &at))
            continue;
        static const char *const prefixes[] = {"", "re", "de", "un", "over", "mis", NULL};
        for (size_t j = 0; ise_stems[j]; j++) {
            size_t st;
            if (ends_with(w, at, ise_stems[j], &st))
                for (size_t p = 0; prefixes[p]; p++)
                    if (strlen(prefixes[p]) == st && memcmp(w, prefixes[p], st) == 0) {
                        w[at + 1] = 'z'; /* the 's' of "is..." */
                        return n;
                    }
        }
        break;
    }
    for (size_t j = 0; our && our_stems[j]; j++) {
        size_t sl = strlen(our_stems[j]);
        if (n >= sl + 3 && memcmp(w, our_stems[j], sl) == 0 && memcmp(w + sl, "our", 3) == 0) {
            memmove(w + sl + 1, w + sl + 2, n - sl - 2); /* "our" -> "or" */
            return n - 1;
        }
    }
    return n;
}

size_t ag_pm_normalise(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            out[o++] = (char)(c + 32);
        else if (c >= '0' && c <= '9')
            out[o++] = '0';
        else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
            unsigned char d = (unsigned char)s[i + 2];
            char r = 0;
            if (d >= 0x98 && d <= 0x9B)
                r = '\'';
            else if (d >= 0x9C && d <= 0x9F)
                r = '"';
            else if (d >= 0x90 && d <= 0x95)
                r = '-';
            if (r) {
                out[o++] = r;
                i += 2;
            } else {
                out[o++] = (char)c;
            }
        } else {
            out[o++] = (char)c;
        }
    }
    return american_spelling(out, o);
}

/* Shape: X for an upper-case letter, x lower case, d digit, u any non-ASCII byte, other bytes as
 * they are; runs of one kind longer than two are cut to two ("Xxx", "dd", "X.X."). */
static uint64_t shape_hash(const char *s, size_t n)
{
    char buf[64];
    size_t o = 0;
    char prev = 0;
    int run = 0;
    for (size_t i = 0; i < n && o < sizeof buf; i++) {
        unsigned char c = (unsigned char)s[i];
        char k = c >= 'A' && c <= 'Z' ? 'X' : c >= 'a' && c <= 'z' ? 'x' : c >= '0' && c <= '9' ? 'd'
               : c >= 0x80 ? 'u' : (char)c;
        if (k == prev && ++run > 2)
            continue;
        if (k != prev)
            run = 1;
        prev = k;
        buf[o++] = k;
    }
    return pm_hash_bytes(buf, o, 0x5a);
}

void ag_pm_tword_fill(pm_tword *w, const char *form, size_t n, int first)
{
    char low[256];
    if (n > sizeof low)
        n = sizeof low;
    size_t m = ag_pm_normalise(form, n, low);
    w->a[PM_TA_LOWER] = pm_hash_bytes(low, m, 1);
    w->a[PM_TA_FORM] = pm_hash_bytes(form, n, 2);
    w->a[PM_TA_SHAPE] = shape_hash(form, n);
    for (size_t k = 1; k <= 4; k++)
        w->a[PM_TA_SUF1 + k - 1] = pm_hash_bytes(low + (m > k ? m - k : 0), m > k ? k : m, 10 + k);
    for (size_t k = 1; k <= 3; k++)
        w->a[PM_TA_PRE1 + k - 1] = pm_hash_bytes(low, m > k ? k : m, 20 + k);
    unsigned flags = first ? 1u : 0u;
    int upper = 0, lower = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)form[i];
        if (c >= '0' && c <= '9')
            flags |= 2;
        else if (c == '-')
            flags |= 4;
        else if (c >= 'A' && c <= 'Z')
            upper++;
        else if (c >= 'a' && c <= 'z')
            lower++;
        else if (c >= 0x80)
            flags |= 8;
    }
    if (n && form[0] >= 'A' && form[0] <= 'Z')
        flags |= 16;
    if (upper && !lower)
        flags |= 32;
    w->a[PM_TA_FLAGS] = pm_mix(flags + 0x77);
}

/* ---- tagger templates ---- */

#define TA(o, at) {PM_TT_ATTR, o, PM_TA_##at}
#define TG(o) {PM_TT_TAG, o, 0}
#define TP(o) {PM_TT_P1, o, 0}

const pm_ttemplate ag_pm_ttemplates[] = {
    {0, {{0}}},                                    /* bias */
    {1, {TA(0, LOWER)}},  {1, {TA(0, FORM)}},
    {1, {TA(0, SUF1)}},   {1, {TA(0, SUF2)}},  {1, {TA(0, SUF3)}}, {1, {TA(0, SUF4)}},
    {1, {TA(0, PRE1)}},   {1, {TA(0, PRE2)}},  {1, {TA(0, PRE3)}},
    {1, {TA(0, SHAPE)}},  {1, {TA(0, FLAGS)}},
    {1, {TG(-1)}},        {2, {TG(-2), TG(-1)}}, {2, {TG(-1), TA(0, LOWER)}}, {1, {TG(-2)}},
    {1, {TA(-1, LOWER)}}, {1, {TA(-1, SUF3)}}, {1, {TA(-2, LOWER)}}, {1, {TA(-1, SHAPE)}},
    {1, {TA(1, LOWER)}},  {1, {TA(1, SUF3)}},  {1, {TA(2, LOWER)}}, {1, {TA(1, SHAPE)}},
    {2, {TA(-1, LOWER), TA(0, LOWER)}}, {2, {TA(0, LOWER), TA(1, LOWER)}},
    {2, {TG(-1), TA(1, LOWER)}}, {2, {TG(-1), TA(0, SUF3)}}, {2, {TA(1, LOWER), TA(2, LOWER)}},
    {3, {TA(-1, SHAPE), TA(0, SHAPE), TA(1, SHAPE)}},
    /* second pass: the first pass's tags around the word */
    {1, {TP(0)}}, {1, {TP(1)}}, {1, {TP(2)}}, {2, {TP(1), TP(2)}}, {2, {TP(0), TP(1)}},
    {2, {TA(0, LOWER), TP(1)}}, {3, {TA(0, LOWER), TP(1), TP(2)}}, {2, {TG(-1), TP(1)}},
    {3, {TG(-1), TP(0), TP(1)}}, {2, {TA(0, SUF3), TP(1)}}, {2, {TA(0, LOWER), TP(0)}},
    {2, {TP(-1), TP(1)}}, {3, {TA(0, LOWER), TG(-1), TP(1)}},
};
const size_t ag_pm_nttemplates = sizeof ag_pm_ttemplates / sizeof ag_pm_ttemplates[0];
_Static_assert(sizeof ag_pm_ttemplates / sizeof ag_pm_ttemplates[0] <= PM_MAX_TKEYS, "too many tagger templates");

size_t ag_pm_tagger_features(const pm_tword *w, size_t n, size_t i, int t1, int t2, const uint16_t *p1,
                          uint64_t *keys)
{
    size_t nk = 0;
    for (size_t j = 0; j < ag_pm_nttemplates; j++) {
        const pm_ttemplate *t = &ag_pm_ttemplates[j];
        uint64_t h = pm_mix(0x9E3779B97F4A7C15ULL * (j + 1));
        int k;
        for (k = 0; k < t->n; k++) {
            const pm_tatom *a = &t->a[k];
            long p = (long)i + a->off;
            uint64_t v;
            if (a->kind == PM_TT_TAG)
                v = (uint64_t)((a->off == -1 ? t1 : t2) + 2);
            else if (p < 0 || p >= (long)n)
                v = (uint64_t)(0x1000 + a->off);
            else if (a->kind == PM_TT_ATTR)
                v = w[p].a[a->attr];
            else if (p1)
                v = p1[p];
            else
                break;
            h = (h ^ v) * 0x9E3779B97F4A7C15ULL;
        }
        if (k == t->n)
            keys[nk++] = pm_mix(h);
    }
    return nk;
}

/* ---- parser templates (Zhang & Nivre 2011, adapted to arc-hybrid: s1 stands where arc-eager
 * has the head of s0, and b0 has left children only) ---- */

#define P(pos, at) {PM_P_##pos, PM_A_##at}
#define D01 {0, PM_A_D01}
#define D10 {0, PM_A_D10}

const pm_ptemplate ag_pm_ptemplates[] = {
    /* single words */
    {2, {P(S0, W), P(S0, T)}}, {1, {P(S0, W)}}, {1, {P(S0, T)}},
    {2, {P(B0, W), P(B0, T)}}, {1, {P(B0, W)}}, {1, {P(B0, T)}},
    {2, {P(B1, W), P(B1, T)}}, {1, {P(B1, W)}}, {1, {P(B1, T)}},
    {2, {P(B2, W), P(B2, T)}}, {1, {P(B2, W)}}, {1, {P(B2, T)}},
    {2, {P(S1, W), P(S1, T)}}, {1, {P(S1, W)}}, {1, {P(S1, T)}},
    {1, {P(S2, W)}}, {1, {P(S2, T)}},
    /* word pairs */
    {4, {P(S0, W), P(S0, T), P(B0, W), P(B0, T)}}, {3, {P(S0, W), P(S0, T), P(B0, W)}},
    {3, {P(S0, W), P(B0, W), P(B0, T)}}, {3, {P(S0, W), P(S0, T), P(B0, T)}},
    {3, {P(S0, T), P(B0, W), P(B0, T)}}, {2, {P(S0, W), P(B0, W)}}, {2, {P(S0, T), P(B0, T)}},
    {2, {P(B0, T), P(B1, T)}},
    {4, {P(S1, W), P(S1, T), P(S0, W), P(S0, T)}}, {3, {P(S1, W), P(S1, T), P(S0, W)}},
    {3, {P(S1, W), P(S0, W), P(S0, T)}}, {3, {P(S1, W), P(S1, T), P(S0, T)}},
    {3, {P(S1, T), P(S0, W), P(S0, T)}}, {2, {P(S1, W), P(S0, W)}}, {2, {P(S1, T), P(S0, T)}},
    {2, {P(S1, T), P(B0, T)}},
    /* three words */
    {3, {P(B0, T), P(B1, T), P(B2, T)}}, {3, {P(S0, T), P(B0, T), P(B1, T)}},
    {3, {P(S1, T), P(S0, T), P(B0, T)}}, {3, {P(S0, T), P(S0L, T), P(B0, T)}},
    {3, {P(S0, T), P(S0R, T), P(B0, T)}}, {3, {P(S0, T), P(B0, T), P(B0L, T)}},
    {3, {P(S2, T), P(S1, T), P(S0, T)}}, {3, {P(S1, T), P(S1R, T), P(S0, T)}},
    {3, {P(S1, T), P(S0, T), P(S0L, T)}}, {3, {P(S1, T), P(S0, T), P(S0R, T)}},
    {3, {P(S1, T), P(S1L, T), P(S0, T)}},
    /* distances */
    {2, {P(S0, W), D01}}, {2, {P(S0, T), D01}}, {2, {P(B0, W), D01}}, {2, {P(B0, T), D01}},
    {3, {P(S0, W), P(B0, W), D01}}, {3, {P(S0, T), P(B0, T), D01}},
    {2, {P(S1, W), D10}}, {2, {P(S1, T), D10}}, {2, {P(S0, T), D10}},
    {3, {P(S1, W), P(S0, W), D10}}, {3, {P(S1, T), P(S0, T), D10}},
    /* valencies */
    {2, {P(S0, W), P(S0, VR)}}, {2, {P(S0, T), P(S0, VR)}}, {2, {P(S0, W), P(S0, VL)}},
    {2, {P(S0, T), P(S0, VL)}}, {2, {P(B0, W), P(B0, VL)}}, {2, {P(B0, T), P(B0, VL)}},
    {2, {P(S1, W), P(S1, VR)}}, {2, {P(S1, T), P(S1, VR)}}, {2, {P(S1, W), P(S1, VL)}},
    {2, {P(S1, T), P(S1, VL)}},
    /* children */
    {1, {P(S0L, W)}}, {1, {P(S0L, T)}}, {1, {P(S0L, L)}},
    {1, {P(S0R, W)}}, {1, {P(S0R, T)}}, {1, {P(S0R, L)}},
    {1, {P(B0L, W)}}, {1, {P(B0L, T)}}, {1, {P(B0L, L)}},
    {1, {P(S1L, W)}}, {1, {P(S1L, T)}}, {1, {P(S1L, L)}},
    {1, {P(S1R, W)}}, {1, {P(S1R, T)}}, {1, {P(S1R, L)}},
    /* third order */
    {1, {P(S0L2, W)}}, {1, {P(S0L2, T)}}, {1, {P(S0L2, L)}},
    {1, {P(S0R2, W)}}, {1, {P(S0R2, T)}}, {1, {P(S0R2, L)}},
    {1, {P(B0L2, W)}}, {1, {P(B0L2, T)}}, {1, {P(B0L2, L)}},
    {3, {P(S0, T), P(S0L, T), P(S0L2, T)}}, {3, {P(S0, T), P(S0R, T), P(S0R2, T)}},
    {3, {P(B0, T), P(B0L, T), P(B0L2, T)}}, {3, {P(S1, T), P(S1R, T), P(S1R2, T)}},
    {3, {P(S1, T), P(S1L, T), P(S1L2, T)}},
    /* label sets */
    {2, {P(S0, W), P(S0, RS)}}, {2, {P(S0, T), P(S0, RS)}}, {2, {P(S0, W), P(S0, LS)}},
    {2, {P(S0, T), P(S0, LS)}}, {2, {P(B0, W), P(B0, LS)}}, {2, {P(B0, T), P(B0, LS)}},
    {2, {P(S1, T), P(S1, RS)}}, {2, {P(S1, T), P(S1, LS)}},
    /* the words of case markers and other first children, with the candidate heads */
    {3, {P(S0L, W), P(S0, T), P(S1, T)}}, {3, {P(S0L, W), P(S0, T), P(B0, T)}},
    {2, {P(S0L, W), P(S1, W)}}, {2, {P(B0L, W), P(B0, T)}}, {3, {P(B0L, W), P(B0, T), P(S0, T)}},
    /* children's labels with the candidate arc */
    {3, {P(S0L, L), P(S0, T), P(B0, T)}}, {3, {P(S0R, L), P(S0, T), P(B0, T)}},
    {3, {P(S0L, L), P(S0, T), P(S1, T)}}, {3, {P(S0R, L), P(S0, T), P(S1, T)}},
    {3, {P(S1R, L), P(S1, T), P(S0, T)}}, {3, {P(B0L, L), P(B0, T), P(S0, T)}},
    /* coarse tags */
    {2, {P(S0, U), P(B0, U)}}, {2, {P(S1, U), P(S0, U)}}, {3, {P(S1, U), P(S0, U), P(B0, U)}},
    {3, {P(S0, U), P(B0, U), P(B1, U)}}, {3, {P(B0, U), P(B1, U), P(B2, U)}},
    {2, {P(B3, T)}}, {3, {P(B1, T), P(B2, T), P(B3, T)}},
    /* punctuation between s0 and b0 */
    {3, {P(S0, T), P(B0, T), {0, PM_A_PUNCT}}}, {2, {P(B0, W), {0, PM_A_PUNCT}}},
    {2, {P(S0, W), {0, PM_A_PUNCT}}},
};
const size_t ag_pm_nptemplates = sizeof ag_pm_ptemplates / sizeof ag_pm_ptemplates[0];
_Static_assert(sizeof ag_pm_ptemplates / sizeof ag_pm_ptemplates[0] <= PM_MAX_PKEYS, "too many parser templates");

uint32_t ag_pm_features_revision(void)
{
    uint64_t h = pm_hash_bytes((const char *)ag_pm_ptemplates, sizeof ag_pm_ptemplates, 1);
    h = pm_hash_bytes((const char *)ag_pm_ttemplates, sizeof ag_pm_ttemplates, h);
    /* bump with any change to what an attribute means (normalisation, shape, buckets) */
    h = pm_mix(h ^ 4);
    return (uint32_t)h ^ (uint32_t)(h >> 32);
}

static uint64_t dist_bucket(uint32_t d)
{
    return d <= 5 ? d : d <= 7 ? 6 : d <= 10 ? 7 : d <= 15 ? 8 : 9;
}

size_t ag_pm_parser_features(const pm_config *c, const pm_pwords *pw, uint64_t *keys)
{
    uint32_t none = c->none, pos[PM_NPOS];
    uint32_t sp = c->sp;
    pos[PM_P_S0] = sp >= 1 ? c->stack[sp - 1] : none;
    pos[PM_P_S1] = sp >= 2 ? c->stack[sp - 2] : none;
    pos[PM_P_S2] = sp >= 3 ? c->stack[sp - 3] : none;
    pos[PM_P_B0] = c->b <= c->n ? c->b : none;
    pos[PM_P_B1] = c->b + 1 <= c->n ? c->b + 1 : none;
    pos[PM_P_B2] = c->b + 2 <= c->n ? c->b + 2 : none;
    pos[PM_P_B3] = c->b + 3 <= c->n ? c->b + 3 : none;
    pos[PM_P_S0L] = c->l1[pos[PM_P_S0]];
    pos[PM_P_S0L2] = c->l2[pos[PM_P_S0]];
    pos[PM_P_S0R] = c->r1[pos[PM_P_S0]];
    pos[PM_P_S0R2] = c->r2[pos[PM_P_S0]];
    pos[PM_P_S1L] = c->l1[pos[PM_P_S1]];
    pos[PM_P_S1L2] = c->l2[pos[PM_P_S1]];
    pos[PM_P_S1R] = c->r1[pos[PM_P_S1]];
    pos[PM_P_S1R2] = c->r2[pos[PM_P_S1]];
    pos[PM_P_B0L] = c->l1[pos[PM_P_B0]];
    pos[PM_P_B0L2] = c->l2[pos[PM_P_B0]];

    uint32_t s0 = pos[PM_P_S0], s1 = pos[PM_P_S1], b0 = pos[PM_P_B0];
    uint64_t d01 = s0 != none && b0 != none ? dist_bucket(b0 - s0) : 15;
    uint64_t d10 = s1 != none && s0 != none ? dist_bucket(s0 - s1) : 15;
    uint64_t np = 3;
    if (s0 != none && b0 != none) {
        uint32_t k = pw->npunct[b0] - pw->npunct[s0 + 1];
        np = k > 2 ? 2 : k;
    }

    for (size_t j = 0; j < ag_pm_nptemplates; j++) {
        const pm_ptemplate *t = &ag_pm_ptemplates[j];
        uint64_t h = pm_mix(0xD1B54A32D192ED03ULL * (j + 1));
        for (int k = 0; k < t->n; k++) {
            uint32_t p = pos[t->a[k].pos];
            uint64_t v;
            switch (t->a[k].attr) {
            case PM_A_W: v = pw->w[p]; break;
            case PM_A_T: v = pw->tag[p]; break;
            case PM_A_U: v = pw->upos[p]; break;
            case PM_A_L: v = c->label[p]; break;
            case PM_A_VL: v = c->nl[p]; break;
            case PM_A_VR: v = c->nr[p]; break;
            case PM_A_LS: v = c->lset[p]; break;
            case PM_A_RS: v = c->rset[p]; break;
            case PM_A_D01: v = d01; break;
            case PM_A_D10: v = d10; break;
            default: v = np; break;
            }
            h = (h ^ v) * 0x9E3779B97F4A7C15ULL;
        }
        keys[j] = pm_mix(h);
    }
    return ag_pm_nptemplates;
}

/* ---- configurations ---- */

ag_status ag_pm_work_reserve(pm_work *k, size_t n, size_t nclasses)
{
    if (nclasses < PM_ROW_LEN)
        nclasses = PM_ROW_LEN; /* dense rows add to every slot */
    if (nclasses > k->nscores) {
        int32_t *s = realloc(k->scores, nclasses * sizeof *s);
        if (!s)
            return AG_ERR_NOMEM;
        k->scores = s;
        k->nscores = nclasses;
    }
    if (n + 2 <= k->cap)
        return AG_OK;
    size_t cap = k->cap ? k->cap : 64;
    while (cap < n + 2)
        cap *= 2;
    pm_work w = *k;
#define GROW(f) do { void *q = realloc(w.f, cap * sizeof *w.f); if (!q) goto fail; w.f = q; } while (0)
    GROW(c.stack); GROW(c.head); GROW(c.label); GROW(c.l1); GROW(c.l2); GROW(c.r1); GROW(c.r2);
    GROW(c.nl); GROW(c.nr); GROW(c.lset); GROW(c.rset);
    GROW(pw.w); GROW(pw.tag); GROW(pw.upos); GROW(pw.npunct); GROW(tw); GROW(p1); GROW(want);
#undef GROW
    w.cap = cap;
    *k = w;
    return AG_OK;
fail:
    *k = w; /* what was grown stays grown; cap keeps the old size */
    return AG_ERR_NOMEM;
}

void ag_pm_work_free(pm_work *k)
{
    free(k->c.stack); free(k->c.head); free(k->c.label); free(k->c.l1); free(k->c.l2);
    free(k->c.r1); free(k->c.r2); free(k->c.nl); free(k->c.nr); free(k->c.lset); free(k->c.rset);
    free(k->pw.w); free(k->pw.tag); free(k->pw.upos); free(k->pw.npunct); free(k->tw);
    free(k->p1);
    free(k->want);
    free(k->scores);
    memset(k, 0, sizeof *k);
}

void ag_pm_config_init(pm_config *c, uint32_t n)
{
    c->n = n;
    c->none = n + 1;
    c->sp = 1;
    c->stack[0] = 0;
    c->b = 1;
    for (uint32_t i = 0; i <= n + 1; i++) {
        c->head[i] = c->none;
        c->label[i] = 0xff;
        c->l1[i] = c->l2[i] = c->r1[i] = c->r2[i] = c->none;
        c->nl[i] = c->nr[i] = 0;
        c->lset[i] = c->rset[i] = 0;
    }
}

static void attach(pm_config *c, uint32_t h, uint32_t d, uint32_t l)
{
    c->head[d] = h;
    c->label[d] = (uint8_t)l;
    if (d < h) {
        c->l2[h] = c->l1[h];
        c->l1[h] = d;
        c->nl[h]++;
        c->lset[h] |= 1ULL << (l & 63);
    } else {
        c->r2[h] = c->r1[h];
        c->r1[h] = d;
        c->nr[h]++;
        c->rset[h] |= 1ULL << (l & 63);
    }
}

void ag_pm_apply(pm_config *c, int cls, uint32_t nlabels)
{
    if (cls == PM_SHIFT) {
        c->stack[c->sp++] = c->b++;
    } else if ((uint32_t)cls <= nlabels) {
        uint32_t d = c->stack[--c->sp];
        attach(c, c->b, d, (uint32_t)cls - 1);
    } else {
        uint32_t d = c->stack[--c->sp];
        attach(c, c->stack[c->sp - 1], d, (uint32_t)cls - 1 - nlabels);
    }
}

/* Whether transition cls is valid in c. */
static int valid(const pm_config *c, int cls, uint32_t nlabels, int root_label)
{
    if (cls == PM_SHIFT)
        return pm_can_shift(c);
    if ((uint32_t)cls <= nlabels)
        return pm_can_left(c) && cls - 1 != root_label;
    if (!pm_can_right(c))
        return 0;
    int l = cls - 1 - (int)nlabels;
    int to_root = c->stack[c->sp - 2] == 0;
    return root_label < 0 || (to_root ? l == root_label : l != root_label);
}

int ag_pm_best_valid(const pm_config *c, const int32_t *scores, uint32_t nlabels, int root_label)
{
    int best = -1;
    int32_t bs = 0;
    if (pm_can_shift(c)) {
        best = PM_SHIFT;
        bs = scores[PM_SHIFT];
    }
    if (pm_can_left(c)) {
        int32_t d = scores[pm_direction(1, nlabels)];
        for (uint32_t l = 0; l < nlabels; l++)
            if ((int)l != root_label && (best < 0 || scores[1 + l] + d > bs)) {
                best = (int)(1 + l);
                bs = scores[best] + d;
            }
    }
    if (pm_can_right(c)) {
        int to_root = c->stack[c->sp - 2] == 0;
        int32_t d = scores[pm_direction((int)(1 + nlabels), nlabels)];
        for (uint32_t l = 0; l < nlabels; l++) {
            if (root_label >= 0 && (to_root ? (int)l != root_label : (int)l == root_label))
                continue;
            int k = (int)(1 + nlabels + l);
            if (best < 0 || scores[k] + d > bs) {
                best = k;
                bs = scores[k] + d;
            }
        }
    }
    return best;
}

/* ---- the dynamic oracle ---- */

/* Whether word h is on the stack: the stack holds, in order, exactly the words before the buffer
 * that have no head yet (and the root). */
static int on_stack(const pm_config *c, uint32_t h) { return h < c->b && c->head[h] == c->none; }

int32_t ag_pm_costs(const pm_config *c, const uint32_t *gh, const uint8_t *gl, uint32_t nlabels, int root_label,
                 int32_t *cost)
{
    uint32_t sp = c->sp, s0 = c->stack[sp - 1], s1 = sp >= 2 ? c->stack[sp - 2] : c->none;
    uint32_t b0 = c->b <= c->n ? c->b : c->none;
    int32_t cshift = 0, cleft = 0, cright = 0, deps = 0;
    if (sp >= 2) /* s0's dependents still in the buffer are lost by either arc */
        for (uint32_t x = c->b; x <= c->n; x++)
            deps += gh[x] == s0;
    if (b0 != c->none) { /* shift: b0 can no longer take a head or dependents deeper in the stack */
        for (uint32_t q = 1; q < sp; q++)
            cshift += gh[c->stack[q]] == b0;
        cshift += on_stack(c, gh[b0]) && gh[b0] != s0;
    }
    if (sp >= 2) {
        uint32_t h = gh[s0];
        int h_in_buf = h >= c->b && h <= c->n;
        cleft = deps + (h != b0 && (h == s1 || h_in_buf));
        cright = deps + (h != s1 && h_in_buf);
    }
    uint32_t ncls = pm_ntransitions(nlabels);
    int32_t best = INT32_MAX;
    for (uint32_t cl = 0; cl < ncls; cl++) {
        int32_t v;
        if (!valid(c, (int)cl, nlabels, root_label))
            v = INT32_MAX;
        else if (cl == PM_SHIFT)
            v = cshift;
        else if (cl <= nlabels)
            v = cleft + (gh[s0] == b0 && cl - 1 != gl[s0]);
        else
            v = cright + (gh[s0] == s1 && cl - 1 - nlabels != gl[s0]);
        cost[cl] = v;
        if (v < best)
            best = v;
    }
    return best;
}

/* ---- decoding ---- */

void ag_pm_tag(const pm_model *m, pm_work *k, size_t n, uint16_t *tags)
{
    if (!m->tagger2.slots) {
        ag_pm_tag_pass(m, &m->tagger, k, n, NULL, tags);
        return;
    }
    ag_pm_tag_pass(m, &m->tagger, k, n, NULL, k->p1);
    ag_pm_tag_pass(m, &m->tagger2, k, n, k->p1, tags);
}

void ag_pm_tag_pass(const pm_model *m, const pm_table *t, pm_work *k, size_t n, const uint16_t *p1, uint16_t *tags)
{
    uint64_t keys[PM_MAX_TKEYS];
    for (size_t i = 0; i < n; i++) {
        int t1 = i >= 1 ? tags[i - 1] : -1, t2 = i >= 2 ? tags[i - 2] : -1;
        size_t nk = ag_pm_tagger_features(k->tw, n, i, t1, t2, p1, keys);
        memset(k->scores, 0, PM_ROW_LEN * sizeof *k->scores);
        table_score_all(t, keys, nk, k->scores);
        uint32_t best = 0;
        for (uint32_t c = 1; c < m->ntags; c++)
            if (k->scores[c] > k->scores[best])
                best = c;
        if (k->constrained && k->want[i] && m->tag_upos[best] != k->want[i] - 1) {
            /* the caller knows the word's class: the best tag of that class, if the model has one */
            int64_t top = INT64_MIN;
            for (uint32_t c = 0; c < m->ntags; c++)
                if (m->tag_upos[c] == k->want[i] - 1 && k->scores[c] > top) {
                    top = k->scores[c];
                    best = c;
                }
        }
        tags[i] = (uint16_t)best;
    }
}

void ag_pm_pwords_fill(const pm_model *m, pm_work *k, size_t n, const uint16_t *tags, const char *const *forms)
{
    pm_pwords *pw = &k->pw;
    char low[256];
    pw->w[0] = pm_mix(0xA0);
    pw->tag[0] = (uint16_t)(m->ntags + 1);
    pw->upos[0] = AG_NUPOS + 1;
    pw->w[n + 1] = pm_mix(0xA1);
    pw->tag[n + 1] = (uint16_t)m->ntags;
    pw->upos[n + 1] = AG_NUPOS;
    pw->npunct[0] = pw->npunct[1] = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(forms[i]);
        if (len > sizeof low)
            len = sizeof low;
        uint64_t h = pm_hash_bytes(low, ag_pm_normalise(forms[i], len, low), 1);
        pw->w[i + 1] = !m->vocab.slots || pm_table_has(&m->vocab, h) ? h : PM_UNKNOWN_WORD;
        pw->tag[i + 1] = tags[i];
        pw->upos[i + 1] = m->tag_upos[tags[i]];
        pw->npunct[i + 2] = pw->npunct[i + 1] + (pw->upos[i + 1] == AG_UPOS_PUNCT);
    }
}

void ag_pm_parse(const pm_model *m, pm_work *k, size_t n, const uint16_t *tags, const char *const *forms,
              uint32_t *heads, uint8_t *labels)
{
    uint64_t keys[PM_MAX_PKEYS];
    ag_pm_pwords_fill(m, k, n, tags, forms);
    pm_config *c = &k->c;
    ag_pm_config_init(c, (uint32_t)n);
    while (!pm_terminal(c)) {
        size_t nf = ag_pm_parser_features(c, &k->pw, keys);
        memset(k->scores, 0, PM_ROW_LEN * sizeof *k->scores);
        table_score_all(&m->parser, keys, nf, k->scores);
        int best = ag_pm_best_valid(c, k->scores, m->nlabels, m->root_label);
        ag_pm_apply(c, best, m->nlabels);
    }
    for (size_t i = 0; i < n; i++) {
        heads[i] = c->head[i + 1];
        labels[i] = c->label[i + 1];
    }
}
