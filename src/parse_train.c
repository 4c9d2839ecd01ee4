/* parse_train.c - training the tagger and the parser (ag_parser_train, see ag_parse.h).
 *
 * Both are averaged perceptrons over hashed features (the templates of parse_model.c), kept in
 * a growable table with lazily averaged weights. The tagger learns first, on the whole training
 * set, its number of iterations chosen on the dev set; the same number of iterations on each of
 * `folds` parts of the training set tags the part left out (jackknifing), so the parser learns
 * from tags as good as those it will see. The parser learns from a dynamic oracle: at every
 * step the transitions that lose the fewest reachable gold arcs are right, the model's own
 * choice is followed (after the first iteration, nine times in ten) even when wrong, and the
 * iteration with the best dev LAS is kept. Everything random comes from one seeded generator
 * and sentences are visited in a fixed order, so the model's bytes depend only on the inputs. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ag_parse.h"
#include "parse_model.h"

/* ---- the training table: feature key -> (class, weight, running total) ---- */

typedef struct tent {
    int64_t tot;   /* sum of the weight over the instances before ts */
    int32_t w;
    uint32_t ts;   /* instance count at the last change of w */
    uint32_t cls;
} tent;

typedef struct tfeat {
    uint64_t key;
    tent *e;
    uint32_t n, cap;
    uint32_t fires;  /* instances it was present in, since it was first updated */
} tfeat;

typedef struct ttab {
    tfeat *f;
    size_t nf, fcap;
    uint32_t *slot;  /* feature index + 1, 0 empty */
    size_t mask;
    uint32_t now;    /* instances seen */
} ttab;

static void tt_free(ttab *t)
{
    for (size_t i = 0; i < t->nf; i++)
        free(t->f[i].e);
    free(t->f);
    free(t->slot);
    memset(t, 0, sizeof *t);
}

static const tfeat *tt_find(const ttab *t, uint64_t key)
{
    if (!t->slot)
        return NULL;
    for (size_t i = key & t->mask;; i = (i + 1) & t->mask) {
        uint32_t v = t->slot[i];
        if (!v)
            return NULL;
        if (t->f[v - 1].key == key)
            return &t->f[v - 1];
    }
}

static ag_status tt_rehash(ttab *t, size_t nslots)
{
    uint32_t *s = calloc(nslots, sizeof *s);
    if (!s)
        return AG_ERR_NOMEM;
    for (size_t j = 0; j < t->nf; j++) {
        size_t i = t->f[j].key & (nslots - 1);
        while (s[i])
            i = (i + 1) & (nslots - 1);
        s[i] = (uint32_t)(j + 1);
    }
    free(t->slot);
    t->slot = s;
    t->mask = nslots - 1;
    return AG_OK;
}

static tfeat *tt_get(ttab *t, uint64_t key)
{
    tfeat *f = (tfeat *)tt_find(t, key);
    if (f)
        return f;
    if (!t->slot || (t->nf + 1) * 2 > t->mask + 1)
        if (tt_rehash(t, t->slot ? (t->mask + 1) * 2 : 1u << 16) != AG_OK)
            return NULL;
    if (t->nf == t->fcap) {
        size_t cap = t->fcap ? t->fcap * 2 : 1u << 15;
        tfeat *p = realloc(t->f, cap * sizeof *p);
        if (!p)
            return NULL;
        t->f = p;
        t->fcap = cap;
    }
    f = &t->f[t->nf++];
    memset(f, 0, sizeof *f);
    f->key = key;
    size_t i = key & t->mask;
    while (t->slot[i])
        i = (i + 1) & t->mask;
    t->slot[i] = (uint32_t)t->nf;
    return f;
}

static void tt_score(ttab *t, const uint64_t *keys, size_t nk, int32_t *scores)
{
    for (size_t j = 0; j < nk; j++) {
        tfeat *f = (tfeat *)tt_find(t, keys[j]);
        if (f) {
            f->fires++;
            for (uint32_t e = 0; e < f->n; e++)
                scores[f->e[e].cls] += f->e[e].w;
        }
    }
}

static ag_status tt_update(ttab *t, const uint64_t *keys, size_t nk, uint32_t cls, int32_t delta)
{
    for (size_t j = 0; j < nk; j++) {
        tfeat *f = tt_get(t, keys[j]);
        if (!f)
            return AG_ERR_NOMEM;
        uint32_t e = 0;
        while (e < f->n && f->e[e].cls != cls)
            e++;
        if (e == f->n) {
            if (f->n == f->cap) {
                uint32_t cap = f->cap ? f->cap * 2 : 2;
                tent *p = realloc(f->e, cap * sizeof *p);
                if (!p)
                    return AG_ERR_NOMEM;
                f->e = p;
                f->cap = cap;
            }
            f->e[f->n++] = (tent){0, 0, t->now, cls};
        }
        tent *x = &f->e[e];
        x->tot += (int64_t)x->w * (t->now - x->ts);
        x->ts = t->now;
        x->w += delta;
    }
    return AG_OK;
}

static double tt_avg(const ttab *t, const tent *x)
{
    return t->now ? (double)(x->tot + (int64_t)x->w * (t->now - x->ts)) / (double)t->now : 0.0;
}

/* ---- compact tables (the model format of parse_model.h) ---- */



static ag_status buf_pad(ag_buf *b)
{
    while (b->len % 8)
        if (ag_buf_putc(b, 0) != AG_OK)
            return AG_ERR_NOMEM;
    return AG_OK;
}

/* The codebook: 128 magnitudes from hi / 128 to hi, each BOOK_STEP times the one before
 * (BOOK_STEP = 2^(7/127)), and their negatives; weights under hi / 256 are left out. Built by
 * multiplications alone, so the same on every machine. */
#define BOOK_STEP 1.0389441558647927
#define BOOK_RANGE 128.0

typedef struct book {
    double level[128], cut[128]; /* cut[c]: the boundary between codes c and c + 1 (geometric middle) */
    int16_t w[256];
} book;

static void book_make(book *b, double hi)
{
    double lo = hi / BOOK_RANGE, half = 1.0192861010848684; /* sqrt(BOOK_STEP) */
    b->level[0] = lo;
    for (int c = 1; c < 128; c++)
        b->level[c] = b->level[c - 1] * BOOK_STEP;
    for (int c = 0; c < 128; c++) {
        b->cut[c] = b->level[c] * half;
        double q = nearbyint(b->level[c] / hi * 32767.0);
        if (q > 32767)
            q = 32767;
        if (q < 1)
            q = 1;
        b->w[c] = (int16_t)q;
        b->w[128 + c] = (int16_t)-q;
    }
}

/* The code of weight x, or -1 for a weight too small to keep. */
static int book_code(const book *b, double x)
{
    double m = fabs(x);
    if (m < b->level[0] / 2)
        return -1;
    int lo = 0, hi = 127;
    while (lo < hi) { /* the first code whose cut is at or above m */
        int mid = (lo + hi) / 2;
        if (b->cut[mid] >= m)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo + (x < 0 ? 128 : 0);
}

/* Appends a table to out (8-byte aligned) and fills h with offsets from the start of out: the slots
 * of the features keys[0..nk), placed in that order, with their slot values vals[k], then the
 * entries, the codebook codes[256] and the dense rows. */
static ag_status table_write(ag_buf *out, pm_table_header *h, const uint64_t *keys, const uint32_t *vals, size_t nk,
                             const uint16_t *ent, size_t ne, const int16_t *codes, const int16_t *rows, size_t nr)
{
    uint32_t nslots = (uint32_t)(nk * 4 / 3 + 8);
    uint64_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return AG_ERR_NOMEM;
    pm_table tab = {nslots, slots, NULL, NULL, NULL, 0};
    for (size_t k = 0; k < nk; k++) {
        uint32_t i = pm_home(&tab, keys[k]);
        while (slots[i])
            i = i + 1 == nslots ? 0 : i + 1;
        slots[i] = (uint64_t)vals[k] << 32 | pm_fingerprint(keys[k]);
    }
    memset(h, 0, sizeof *h);
    h->nslots = nslots;
    h->nfeatures = (uint32_t)nk;
    h->nentries = (uint32_t)ne;
    h->nrows = (uint32_t)nr;
    h->row_len = PM_ROW_LEN;
    ag_status st = AG_ERR_NOMEM;
    if (buf_pad(out) != AG_OK)
        goto done;
    h->slots_off = (uint32_t)out->len;
    if (ag_buf_append(out, (const char *)slots, (size_t)nslots * 8) != AG_OK)
        goto done;
    h->entries_off = (uint32_t)out->len;
    if (ag_buf_append(out, (const char *)ent, ne * 2) != AG_OK || buf_pad(out) != AG_OK)
        goto done;
    h->book_off = (uint32_t)out->len;
    if (ag_buf_append(out, (const char *)codes, 256 * sizeof *codes) != AG_OK)
        goto done;
    h->rows_off = (uint32_t)out->len;
    if (ag_buf_append(out, (const char *)rows, nr * PM_ROW_LEN * 2) != AG_OK)
        goto done;
    st = AG_OK;
done:
    free(slots);
    return st;
}

/* Appends the averaged table to out (8-byte aligned), filling h with offsets from the start of
 * out. Features seen fewer than min_fires times are left out. Cost: linear in the table. */
static ag_status tt_compact(const ttab *t, uint32_t min_fires, ag_buf *out, pm_table_header *h)
{
    ag_status st = AG_ERR_NOMEM;
    size_t cap = 0, nrows = 0;
    double hi = 0;
    for (size_t i = 0; i < t->nf; i++) {
        cap += t->f[i].n;
        if (t->f[i].fires >= min_fires)
            for (uint32_t e = 0; e < t->f[i].n; e++)
                hi = fmax(hi, fabs(tt_avg(t, &t->f[i].e[e])));
        if (t->f[i].fires >= min_fires && t->f[i].n >= PM_DENSE_MIN)
            nrows++;
    }
    book bk;
    book_make(&bk, hi > 0 ? hi : 1);
    uint16_t *ent = malloc((cap ? cap : 1) * sizeof *ent);
    uint32_t *val = malloc((t->nf ? t->nf : 1) * sizeof *val);  /* slot value of kept feature k */
    uint64_t *keys = malloc((t->nf ? t->nf : 1) * sizeof *keys); /* of kept feature k */
    int16_t *rows = calloc((nrows ? nrows : 1) * PM_ROW_LEN, sizeof *rows);
    if (!ent || !val || !keys || !rows)
        goto done;
    size_t ne = 0, nk = 0, nr = 0;
    for (size_t i = 0; i < t->nf; i++) {
        const tfeat *f = &t->f[i];
        if (f->fires < min_fires)
            continue;
        size_t start = ne;
        for (uint32_t c = 0; c < 256; c++) /* entries in class order */
            for (uint32_t e = 0; e < f->n; e++) {
                if (f->e[e].cls != c)
                    continue;
                int code = book_code(&bk, tt_avg(t, &f->e[e]));
                if (code >= 0)
                    ent[ne++] = (uint16_t)(c << 8 | (uint32_t)code);
            }
        size_t n = ne - start;
        if (n == 0)
            continue;
        if (f->n >= PM_DENSE_MIN && nr < nrows) { /* a dense row instead of entries */
            for (size_t q = start; q < ne; q++)
                rows[nr * PM_ROW_LEN + (ent[q] >> 8)] = bk.w[ent[q] & 0xff];
            ne = start;
            val[nk] = PM_DENSE | (uint32_t)nr++;
        } else {
            val[nk] = (uint32_t)(start << 8 | n);
        }
        keys[nk++] = f->key;
    }
    if (ne >= (1u << 23)) {
        st = AG_ERR_INTERNAL;
        goto done;
    }
    st = table_write(out, h, keys, val, nk, ent, ne, bk.w, rows, nr);
done:
    free(ent);
    free(val);
    free(keys);
    free(rows);
    return st;
}

static pm_table tab_view(const ag_buf *b, const pm_table_header *h)
{
    const uint8_t *d = (const uint8_t *)b->data;
    pm_table t = {h->nslots, (const uint64_t *)(const void *)(d + h->slots_off),
                  (const uint16_t *)(const void *)(d + h->entries_off), (const int16_t *)(const void *)(d + h->book_off),
                  (const int16_t *)(const void *)(d + h->rows_off), h->row_len};
    return t;
}

/* ---- the training data ---- */

typedef struct tsent {
    uint32_t n;
    const char **forms;
    uint16_t *gtag, *p1, *ptag; /* gold, first-pass and final predicted fine tags (gtag UINT16_MAX: unknown) */
    uint32_t *head;          /* gold, 0 = root */
    uint8_t *lab;            /* gold label, 0xff: unknown */
} tsent;

typedef struct tdata {
    tsent *s;
    size_t n;
    void *mem;
} tdata;

static uint64_t rng_next(uint64_t *s)
{
    *s += 0x9E3779B97F4A7C15ULL;
    return pm_mix(*s);
}

static void shuffle(size_t *a, size_t n, uint64_t *rng)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(rng_next(rng) % i);
        size_t t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* A sorted set of names. */
typedef struct names {
    char **v;
    size_t n, cap;
} names;

static void names_free(names *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

static int names_find(const names *s, const char *x)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(s->v[mid], x);
        if (c == 0)
            return (int)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Adds x (unsorted; call names_sort once all are in). Duplicates are removed by the sort. */
static ag_status names_add(names *s, const char *x)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        char **p = realloc(s->v, cap * sizeof *p);
        if (!p)
            return AG_ERR_NOMEM;
        s->v = p;
        s->cap = cap;
    }
    if (!(s->v[s->n] = ag_strdup(x)))
        return AG_ERR_NOMEM;
    s->n++;
    return AG_OK;
}

static void names_sort(names *s)
{
    qsort(s->v, s->n, sizeof *s->v, cmp_str);
    size_t o = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (o && strcmp(s->v[o - 1], s->v[i]) == 0)
            free(s->v[i]);
        else
            s->v[o++] = s->v[i];
    }
    s->n = o;
}

static void tag_name(const ag_gold_word *w, char *buf, size_t n)
{
    snprintf(buf, n, "%s %s", w->upos, w->xpos);
}

static void tdata_free(tdata *d)
{
    free(d->mem);
    free(d->s);
    memset(d, 0, sizeof *d);
}

/* Converts a treebank to ids; forms point into tb. */
static ag_status tdata_make(const ag_treebank *tb, const names *tags, const names *labels, tdata *d)
{
    memset(d, 0, sizeof *d);
    size_t per = sizeof(const char *) + 3 * sizeof(uint16_t) + sizeof(uint32_t) + 1;
    d->s = calloc(tb->n ? tb->n : 1, sizeof *d->s);
    char *m = d->mem = malloc(tb->words * per + 64);
    if (!d->s || !m)
        return AG_ERR_NOMEM;
    const char **forms = (const char **)(void *)m;
    uint32_t *heads = (uint32_t *)(void *)(forms + tb->words);
    uint16_t *gt = (uint16_t *)(void *)(heads + tb->words);
    uint16_t *pt = gt + tb->words, *p1 = pt + tb->words;
    uint8_t *lab = (uint8_t *)(p1 + tb->words);
    size_t o = 0;
    char buf[256];
    for (size_t i = 0; i < tb->n; i++) {
        const ag_gold_sent *g = &tb->s[i];
        tsent *s = &d->s[i];
        s->n = (uint32_t)g->n;
        s->forms = forms + o;
        s->head = heads + o;
        s->gtag = gt + o;
        s->ptag = pt + o;
        s->p1 = p1 + o;
        s->lab = lab + o;
        for (size_t j = 0; j < g->n; j++) {
            tag_name(&g->w[j], buf, sizeof buf);
            int t = names_find(tags, buf), l = names_find(labels, g->w[j].deprel);
            s->forms[j] = g->w[j].form;
            s->head[j] = g->w[j].head;
            s->gtag[j] = t < 0 ? UINT16_MAX : (uint16_t)t;
            s->ptag[j] = s->p1[j] = s->gtag[j] == UINT16_MAX ? 0 : s->gtag[j];
            s->lab[j] = l < 0 ? 0xff : (uint8_t)l;
        }
        o += g->n;
    }
    d->n = tb->n;
    return AG_OK;
}

/* ---- the parser's vocabulary: normalised form hash -> training count ---- */

typedef struct vmap {
    uint64_t *key;
    uint32_t *count;
    size_t n, mask;
} vmap;

static void vmap_free(vmap *v)
{
    free(v->key);
    free(v->count);
    memset(v, 0, sizeof *v);
}

static uint32_t vmap_get(const vmap *v, uint64_t k)
{
    for (size_t i = k & v->mask;; i = (i + 1) & v->mask) {
        if (v->key[i] == k)
            return v->count[i];
        if (!v->key[i])
            return 0;
    }
}

static uint64_t word_hash(const char *form)
{
    char low[256];
    size_t n = strlen(form);
    if (n > sizeof low)
        n = sizeof low;
    size_t m = ag_pm_normalise(form, n, low);
    return pm_hash_bytes(low, m, 1);
}

static ag_status vocab_count(const tdata *d, vmap *v)
{
    size_t words = 0;
    for (size_t i = 0; i < d->n; i++)
        words += d->s[i].n;
    size_t slots = 1024;
    while (slots < 2 * words)
        slots *= 2;
    v->key = calloc(slots, sizeof *v->key);
    v->count = calloc(slots, sizeof *v->count);
    if (!v->key || !v->count)
        return AG_ERR_NOMEM;
    v->mask = slots - 1;
    for (size_t i = 0; i < d->n; i++)
        for (uint32_t j = 0; j < d->s[i].n; j++) {
            uint64_t k = word_hash(d->s[i].forms[j]);
            size_t x = k & v->mask;
            while (v->key[x] && v->key[x] != k)
                x = (x + 1) & v->mask;
            if (!v->key[x]) {
                v->key[x] = k;
                v->n++;
            }
            v->count[x]++;
        }
    return AG_OK;
}

/* The vocabulary as a table of keys without weights. */
static ag_status vocab_compact(const vmap *v, ag_buf *out, pm_table_header *h)
{
    static const int16_t zero_book[256];
    uint64_t *keys = malloc((v->n ? v->n : 1) * sizeof *keys);
    uint32_t *vals = calloc(v->n ? v->n : 1, sizeof *vals);
    ag_status st = AG_ERR_NOMEM;
    if (keys && vals) {
        size_t n = 0;
        for (size_t i = 0; i <= v->mask; i++)
            if (v->key[i])
                keys[n++] = v->key[i];
        st = table_write(out, h, keys, vals, n, NULL, 0, zero_book, NULL, 0);
    }
    free(keys);
    free(vals);
    return st;
}

/* ---- the tagger ---- */

static void fill_twords(pm_work *k, const tsent *s)
{
    for (uint32_t i = 0; i < s->n; i++)
        ag_pm_tword_fill(&k->tw[i], s->forms[i], strlen(s->forms[i]), i == 0);
}

/* The tags a pass reads (the first pass's, for the second) and writes. */
static const uint16_t *pass_in(const tsent *s, int pass) { return pass == 2 ? s->p1 : NULL; }
static uint16_t *pass_out(const tsent *s, int pass) { return pass == 2 ? s->ptag : s->p1; }

/* One iteration of pass `pass` over order[0..n) of d; *wrong counts the words mistagged. */
static ag_status tagger_epoch(ttab *t, const tdata *d, const size_t *order, size_t n, uint32_t ntags, int pass,
                              pm_work *k, size_t *wrong)
{
    uint64_t keys[PM_MAX_TKEYS];
    uint16_t hist[2];
    for (size_t o = 0; o < n; o++) {
        const tsent *s = &d->s[order[o]];
        if (ag_pm_work_reserve(k, s->n, ntags) != AG_OK)
            return AG_ERR_NOMEM;
        fill_twords(k, s);
        hist[0] = hist[1] = 0;
        for (uint32_t i = 0; i < s->n; i++) {
            int t1 = i >= 1 ? hist[(i - 1) & 1] : -1, t2 = i >= 2 ? hist[i & 1] : -1;
            size_t nk = ag_pm_tagger_features(k->tw, s->n, i, t1, t2, pass_in(s, pass), keys);
            memset(k->scores, 0, ntags * sizeof *k->scores);
            tt_score(t, keys, nk, k->scores);
            uint32_t best = 0;
            for (uint32_t c = 1; c < ntags; c++)
                if (k->scores[c] > k->scores[best])
                    best = c;
            uint16_t gold = s->gtag[i];
            t->now++;
            if (gold != UINT16_MAX && best != gold) {
                (*wrong)++;
                if (tt_update(t, keys, nk, gold, 1) != AG_OK || tt_update(t, keys, nk, best, -1) != AG_OK)
                    return AG_ERR_NOMEM;
            }
            hist[i & 1] = (uint16_t)best;
        }
    }
    return AG_OK;
}

/* Tags d's sentences order[0..n) with pass `pass` of table tab. */
static ag_status tag_sents(const pm_model *m, const pm_table *tab, int pass, tdata *d, const size_t *order, size_t n,
                           pm_work *k)
{
    for (size_t o = 0; o < n; o++) {
        tsent *s = &d->s[order ? order[o] : o];
        if (ag_pm_work_reserve(k, s->n, m->ntags) != AG_OK)
            return AG_ERR_NOMEM;
        fill_twords(k, s);
        ag_pm_tag_pass(m, tab, k, s->n, pass_in(s, pass), pass_out(s, pass));
    }
    return AG_OK;
}

static double tag_accuracy(const tdata *d, const uint8_t *tag_upos, int pass, double *upos)
{
    size_t ok = 0, uok = 0, n = 0;
    for (size_t i = 0; i < d->n; i++) {
        const tsent *s = &d->s[i];
        const uint16_t *p = pass_out(s, pass);
        for (uint32_t j = 0; j < s->n; j++) {
            n++;
            ok += p[j] == s->gtag[j];
            uok += s->gtag[j] != UINT16_MAX && tag_upos[p[j]] == tag_upos[s->gtag[j]];
        }
    }
    *upos = n ? (double)uok / (double)n : 0;
    return n ? (double)ok / (double)n : 0;
}

/* ---- the parser ---- */

typedef struct pstats {
    size_t steps, wrong;
} pstats;

/* One pass of dynamic-oracle training over order[0..n) of d (tags from ptag). */
static ag_status parser_epoch(ttab *t, const tdata *d, const size_t *order, size_t n, const pm_model *m,
                              pm_work *k, uint64_t *rng, bool explore, const vmap *vocab, double dropout,
                              pstats *ps)
{
    uint64_t keys[PM_MAX_PKEYS];
    uint32_t nl = m->nlabels, ncls = pm_nclasses(nl), ntr = pm_ntransitions(nl);
    int root = m->root_label;
    int32_t *cost = malloc(ntr * sizeof *cost);
    ag_status st = cost ? AG_OK : AG_ERR_NOMEM;
    for (size_t o = 0; o < n && st == AG_OK; o++) {
        const tsent *s = &d->s[order[o]];
        if (ag_pm_work_reserve(k, s->n, ncls) != AG_OK) {
            st = AG_ERR_NOMEM;
            break;
        }
        ag_pm_pwords_fill(m, k, s->n, s->ptag, s->forms);
        /* word dropout: a word seen f times reads as unknown with probability a / (a + f) */
        for (uint32_t i = 1; dropout > 0 && i <= s->n; i++) {
            double f = (double)vmap_get(vocab, k->pw.w[i]);
            if ((double)(rng_next(rng) >> 11) * (1.0 / 9007199254740992.0) < dropout / (dropout + f))
                k->pw.w[i] = PM_UNKNOWN_WORD;
        }
        pm_config *c = &k->c;
        ag_pm_config_init(c, s->n);
        const uint32_t *gh = s->head - 1; /* gh[i], gl[i] for words 1..n */
        const uint8_t *gl = s->lab - 1;
        while (!pm_terminal(c)) {
            size_t nk = ag_pm_parser_features(c, &k->pw, keys);
            memset(k->scores, 0, ncls * sizeof *k->scores);
            tt_score(t, keys, nk, k->scores);
            int pred = ag_pm_best_valid(c, k->scores, nl, root);
            int32_t best_cost = ag_pm_costs(c, gh, gl, nl, root, cost);
            int gold = -1;
            int32_t gs = 0;
            for (uint32_t cl = 0; cl < ntr; cl++) {
                int32_t v = pm_transition_score(k->scores, (int)cl, nl);
                if (cost[cl] == best_cost && (gold < 0 || v > gs)) {
                    gold = (int)cl;
                    gs = v;
                }
            }
            t->now++;
            ps->steps++;
            if (cost[pred] > best_cost) {
                ps->wrong++;
                int dg = pm_direction(gold, nl), dp = pm_direction(pred, nl);
                if (tt_update(t, keys, nk, (uint32_t)gold, 1) != AG_OK ||
                    tt_update(t, keys, nk, (uint32_t)pred, -1) != AG_OK ||
                    (dg != dp && dg >= 0 && tt_update(t, keys, nk, (uint32_t)dg, 1) != AG_OK) ||
                    (dg != dp && dp >= 0 && tt_update(t, keys, nk, (uint32_t)dp, -1) != AG_OK)) {
                    st = AG_ERR_NOMEM;
                    break;
                }
            }
            int next = explore && rng_next(rng) % 10 != 0 ? pred : gold;
            ag_pm_apply(c, next, nl);
        }
    }
    free(cost);
    return st;
}

typedef struct pscore {
    double uas, las;
} pscore;

static ag_status parse_score(const pm_model *m, const tdata *d, pm_work *k, pscore *out)
{
    uint32_t ncls = pm_nclasses(m->nlabels);
    size_t n = 0, uas = 0, las = 0;
    uint32_t *heads = NULL;
    uint8_t *labels = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < d->n; i++) {
        const tsent *s = &d->s[i];
        if (s->n > cap) {
            cap = s->n * 2;
            uint32_t *h = realloc(heads, cap * sizeof *h);
            if (h)
                heads = h;
            uint8_t *l = realloc(labels, cap);
            if (l)
                labels = l;
            if (!h || !l) {
                free(heads);
                free(labels);
                return AG_ERR_NOMEM;
            }
        }
        if (ag_pm_work_reserve(k, s->n, ncls) != AG_OK) {
            free(heads);
            free(labels);
            return AG_ERR_NOMEM;
        }
        ag_pm_parse(m, k, s->n, s->ptag, s->forms, heads, labels);
        for (uint32_t j = 0; j < s->n; j++) {
            n++;
            if (heads[j] == s->head[j]) {
                uas++;
                las += labels[j] == s->lab[j];
            }
        }
    }
    free(heads);
    free(labels);
    out->uas = n ? (double)uas / (double)n : 0;
    out->las = n ? (double)las / (double)n : 0;
    return AG_OK;
}

/* ---- jackknifing ---- */

typedef struct fold_job {
    tdata *train;
    const pm_model *m;
    int pass, folds, epochs, nthreads, tid;
    uint64_t seed;
    uint32_t min_fires;
    ag_status st;
} fold_job;

/* Trains pass `pass` on all parts but f and tags part f, for the parts f = tid, tid + nthreads... */
static void *fold_worker(void *arg)
{
    fold_job *j = arg;
    pm_work k;
    memset(&k, 0, sizeof k);
    size_t *in = malloc(j->train->n * sizeof *in), *out = malloc(j->train->n * sizeof *out);
    j->st = in && out ? AG_OK : AG_ERR_NOMEM;
    for (int f = j->tid; f < j->folds && j->st == AG_OK; f += j->nthreads) {
        size_t nin = 0, nout = 0;
        for (size_t i = 0; i < j->train->n; i++) {
            /* contiguous parts, so no document has sentences on both sides */
            if ((int)(i * (size_t)j->folds / j->train->n) == f)
                out[nout++] = i;
            else
                in[nin++] = i;
        }
        ttab t;
        memset(&t, 0, sizeof t);
        uint64_t rng = j->seed ^ (0x1000u * (unsigned)j->pass + (unsigned)f);
        for (int e = 0; e < j->epochs && j->st == AG_OK; e++) {
            size_t wrong = 0;
            shuffle(in, nin, &rng);
            j->st = tagger_epoch(&t, j->train, in, nin, j->m->ntags, j->pass, &k, &wrong);
        }
        ag_buf b;
        ag_buf_init(&b);
        pm_table_header h;
        if (j->st == AG_OK)
            j->st = tt_compact(&t, j->min_fires * (uint32_t)j->epochs, &b, &h);
        if (j->st == AG_OK) {
            pm_table tab = tab_view(&b, &h);
            j->st = tag_sents(j->m, &tab, j->pass, j->train, out, nout, &k);
        }
        ag_buf_destroy(&b);
        tt_free(&t);
    }
    free(in);
    free(out);
    ag_pm_work_free(&k);
    return NULL;
}

typedef struct tagger_run {
    int max_epochs, folds, nthreads;
    uint64_t seed;
    uint32_t min_fires;   /* per iteration */
    FILE *log;
    double t0;
} tagger_run;

/* Trains pass `pass` of the tagger on train, choosing the iterations on dev; keeps the best table
 * in *best (header *bh, iterations *be, dev accuracy *bacc); leaves the pass's tags in every dev
 * sentence (from the best table) and every training sentence (jackknifed). */
static ag_status tagger_pass(const tagger_run *r, int pass, const pm_model *m, tdata *train, tdata *dev, ag_buf *best,
                             pm_table_header *bh, int *be, double *bacc)
{
    ttab tt = {0};
    pm_work k;
    memset(&k, 0, sizeof k);
    ag_buf cur;
    ag_buf_init(&cur);
    size_t *order = malloc((train->n ? train->n : 1) * sizeof *order);
    ag_status st = order ? AG_OK : AG_ERR_NOMEM;
    uint64_t rng = r->seed ^ (uint64_t)pass;
    *bacc = -1;
    for (size_t i = 0; i < train->n; i++)
        order[i] = i;
    for (int e = 1; e <= r->max_epochs && st == AG_OK; e++) {
        size_t wrong = 0, words = 0;
        shuffle(order, train->n, &rng);
        pm_table_header h;
        ag_buf_clear(&cur);
        if ((st = tagger_epoch(&tt, train, order, train->n, m->ntags, pass, &k, &wrong)) != AG_OK ||
            (st = tt_compact(&tt, r->min_fires * (uint32_t)e, &cur, &h)) != AG_OK)
            break;
        pm_table tab = tab_view(&cur, &h);
        if ((st = tag_sents(m, &tab, pass, dev, NULL, dev->n, &k)) != AG_OK)
            break;
        for (size_t i = 0; i < train->n; i++)
            words += train->s[i].n;
        double upos, acc = tag_accuracy(dev, m->tag_upos, pass, &upos);
        if (r->log)
            fprintf(r->log, "tagger pass %d, %2d: train errors %.2f%%, dev tags %.4f upos %.4f, %u features, %.0f s\n",
                    pass, e, 100.0 * (double)wrong / (double)(words ? words : 1), acc, upos, h.nfeatures,
                    ag_seconds() - r->t0);
        if (acc > *bacc) {
            *bacc = acc;
            *be = e;
            *bh = h;
            ag_buf tmp = *best;
            *best = cur;
            cur = tmp;
        }
    }
    tt_free(&tt);
    ag_buf_destroy(&cur);
    free(order);
    pm_table tab = tab_view(best, bh);
    if (st == AG_OK)
        st = tag_sents(m, &tab, pass, dev, NULL, dev->n, &k);
    ag_pm_work_free(&k);
    if (st != AG_OK)
        return st;
    /* the training set's tags, each part tagged by a tagger that did not see it */
    fold_job jobs[16];
    pthread_t th[16];
    int nt = r->nthreads > 16 ? 16 : r->nthreads;
    if (r->folds <= 1) {
        for (size_t i = 0; i < train->n; i++)
            memcpy(pass_out(&train->s[i], pass), train->s[i].gtag, train->s[i].n * sizeof(uint16_t));
        return AG_OK;
    }
    for (int i = 0; i < nt; i++) {
        jobs[i] = (fold_job){train, m, pass, r->folds, *be, nt, i, r->seed, r->min_fires, AG_OK};
        if (pthread_create(&th[i], NULL, fold_worker, &jobs[i]) != 0) {
            fold_worker(&jobs[i]);
            th[i] = 0;
        }
    }
    for (int i = 0; i < nt; i++)
        if (th[i])
            pthread_join(th[i], NULL);
    for (int i = 0; i < nt; i++)
        if (jobs[i].st != AG_OK)
            return jobs[i].st;
    double upos, acc = tag_accuracy(train, m->tag_upos, pass, &upos);
    if (r->log)
        fprintf(r->log, "tagger pass %d: %d folds, training-set tags %.4f upos %.4f, %.0f s\n", pass, r->folds, acc,
                upos, ag_seconds() - r->t0);
    return AG_OK;
}

/* ---- the whole run ---- */

ag_status ag_parser_train(const ag_train_opts *o, ag_buf *out, ag_err *err)
{
    int tagger_epochs = o->tagger_epochs > 0 ? o->tagger_epochs : 12;
    int parser_epochs = o->parser_epochs > 0 ? o->parser_epochs : 15;
    int folds = o->folds > 0 ? o->folds : 10;
    int nthreads = o->threads > 0 ? o->threads : 2;
    uint64_t seed = o->seed ? o->seed : 20261201;
    double dropout = o->word_dropout > 0 ? o->word_dropout : o->word_dropout < 0 ? 0 : 0.25;
    uint32_t tagger_min = o->tagger_min_count > 0 ? (uint32_t)o->tagger_min_count : 1;
    uint32_t parser_min = o->parser_min_count > 0 ? (uint32_t)o->parser_min_count : 6;
    FILE *log = o->log;
    ag_treebank tbt, tbd;
    memset(&tbt, 0, sizeof tbt);
    memset(&tbd, 0, sizeof tbd);
    names tags = {0}, labels = {0};
    tdata train = {0}, dev = {0};
    ttab pt = {0};
    pm_work k;
    memset(&k, 0, sizeof k);
    ag_buf best_tagger, best_tagger2, best_parser, cur;
    ag_buf_init(&best_tagger);
    ag_buf_init(&best_tagger2);
    ag_buf_init(&best_parser);
    ag_buf_init(&cur);
    pm_table_header best_th = {0}, best_th2 = {0}, best_ph = {0}, vocab_h = {0};
    vmap vocab = {0};
    ag_buf vocab_buf;
    ag_buf_init(&vocab_buf);
    size_t *order = NULL;
    uint8_t *tag_upos = NULL;
    ag_status st;
    double t0 = ag_seconds();

    if ((st = ag_treebank_read(o->train_path, &tbt, err)) != AG_OK ||
        (st = ag_treebank_read(o->dev_path, &tbd, err)) != AG_OK)
        goto done;
    if (tbt.n == 0) {
        st = ag_fail(err, AG_ERR_INPUT, "%s: no sentences to learn from", o->train_path);
        goto done;
    }
    char buf[256];
    for (size_t i = 0; i < tbt.n; i++)
        for (size_t j = 0; j < tbt.s[i].n; j++) {
            tag_name(&tbt.s[i].w[j], buf, sizeof buf);
            if (names_add(&tags, buf) != AG_OK || names_add(&labels, tbt.s[i].w[j].deprel) != AG_OK)
                goto nomem;
        }
    names_sort(&tags);
    names_sort(&labels);
    if (tags.n > PM_ROW_LEN || pm_nclasses((uint32_t)labels.n) > PM_ROW_LEN) {
        st = ag_fail(err, AG_ERR_INPUT, "%s: %zu tags and %zu relations; the model holds at most %d and %d",
                     o->train_path, tags.n, labels.n, PM_ROW_LEN, (PM_ROW_LEN - 3) / 2);
        goto done;
    }
    tag_upos = malloc(tags.n);
    order = malloc(tbt.n * sizeof *order);
    if (!tag_upos || !order)
        goto nomem;
    for (size_t i = 0; i < tags.n; i++) {
        int u = ag_upos_from_name(tags.v[i], strcspn(tags.v[i], " "));
        tag_upos[i] = (uint8_t)(u < 0 ? AG_UPOS_X : u);
    }
    int root = names_find(&labels, "root");
    if ((st = tdata_make(&tbt, &tags, &labels, &train)) != AG_OK || (st = tdata_make(&tbd, &tags, &labels, &dev)) != AG_OK)
        goto nomem;
    if (log)
        fprintf(log, "train: %zu sentences, %zu words; dev: %zu sentences, %zu words; %zu tags, %zu relations\n",
                tbt.n, tbt.words, tbd.n, tbd.words, tags.n, labels.n);

    /* the tagger's two passes, then the parser */
    tagger_run tr = {tagger_epochs, folds, nthreads, seed, tagger_min, log, t0};
    pm_model mt = {.ntags = (uint32_t)tags.n, .nlabels = 1, .root_label = -1, .tag_upos = tag_upos};
    double best_acc, best_acc2;
    int best_te, best_te2;
    if ((st = tagger_pass(&tr, 1, &mt, &train, &dev, &best_tagger, &best_th, &best_te, &best_acc)) != AG_OK ||
        (st = tagger_pass(&tr, 2, &mt, &train, &dev, &best_tagger2, &best_th2, &best_te2, &best_acc2)) != AG_OK)
        goto nomem;
    mt.tagger = tab_view(&best_tagger, &best_th);
    mt.tagger2 = tab_view(&best_tagger2, &best_th2);
    uint64_t rng = seed;

    if ((st = vocab_count(&train, &vocab)) != AG_OK || (st = vocab_compact(&vocab, &vocab_buf, &vocab_h)) != AG_OK)
        goto nomem;
    pm_model mp = mt;
    mp.nlabels = (uint32_t)labels.n;
    mp.root_label = root;
    mp.vocab = tab_view(&vocab_buf, &vocab_h);

    /* the parser */
    double best_las = -1;
    int best_pe = 0;
    for (size_t i = 0; i < train.n; i++)
        order[i] = i;
    for (int e = 1; e <= parser_epochs; e++) {
        pstats ps = {0, 0};
        shuffle(order, train.n, &rng);
        if ((st = parser_epoch(&pt, &train, order, train.n, &mp, &k, &rng, e > 1, &vocab, dropout, &ps)) != AG_OK)
            goto nomem;
        ag_buf_clear(&cur);
        pm_table_header h;
        if ((st = tt_compact(&pt, parser_min * (uint32_t)e, &cur, &h)) != AG_OK)
            goto nomem;
        pm_model m = mp;
        m.parser = tab_view(&cur, &h);
        pscore sc;
        if ((st = parse_score(&m, &dev, &k, &sc)) != AG_OK)
            goto nomem;
        if (log)
            fprintf(log, "parser %2d: train errors %.2f%%, dev UAS %.4f LAS %.4f, %u features, %u weights, %.0f s\n", e,
                    100.0 * (double)ps.wrong / (double)(ps.steps ? ps.steps : 1), sc.uas, sc.las, h.nfeatures,
                    h.nentries, ag_seconds() - t0);
        if (sc.las > best_las) {
            best_las = sc.las;
            best_pe = e;
            ag_buf tmp = best_parser;
            best_parser = cur;
            cur = tmp;
            best_ph = h;
        }
    }

    /* the model file */
    pm_header hd;
    memset(&hd, 0, sizeof hd);
    memcpy(hd.magic, PM_MAGIC, 8);
    hd.version = PM_VERSION;
    hd.features = ag_pm_features_revision();
    hd.ntags = (uint32_t)tags.n;
    hd.nlabels = (uint32_t)labels.n;
    size_t base = out->len;
    if (ag_buf_append(out, (const char *)&hd, sizeof hd) != AG_OK)
        goto nomem;
    hd.strings_off = (uint32_t)(out->len - base);
    for (size_t i = 0; i < tags.n; i++)
        if (ag_buf_append(out, tags.v[i], strlen(tags.v[i]) + 1) != AG_OK)
            goto nomem;
    for (size_t i = 0; i < labels.n; i++)
        if (ag_buf_append(out, labels.v[i], strlen(labels.v[i]) + 1) != AG_OK)
            goto nomem;
    if (ag_buf_printf(out, "%s%stagger %d+%d iterations, parser %d; dev UPOS+XPOS %.4f, LAS %.4f",
                      o->info ? o->info : "", o->info ? "; " : "", best_te, best_te2, best_pe, best_acc2, best_las) != AG_OK ||
        ag_buf_putc(out, '\0') != AG_OK)
        goto nomem;
    hd.strings_len = (uint32_t)(out->len - base - hd.strings_off);
    if (buf_pad(out) != AG_OK)
        goto nomem;
    /* the tables, offsets moved from their own buffers to the file */
    struct { ag_buf *b; pm_table_header *h, *dst; } parts[4] = {{&best_tagger, &best_th, &hd.tagger},
                                                               {&best_parser, &best_ph, &hd.parser},
                                                               {&vocab_buf, &vocab_h, &hd.vocab},
                                                               {&best_tagger2, &best_th2, &hd.tagger2}};
    for (int i = 0; i < 4; i++) {
        if (!parts[i].b->len) /* a stage left out: an empty table */
            continue;
        uint32_t at = (uint32_t)(out->len - base);
        if (ag_buf_append(out, parts[i].b->data, parts[i].b->len) != AG_OK)
            goto nomem;
        *parts[i].dst = *parts[i].h;
        parts[i].dst->slots_off += at;
        parts[i].dst->entries_off += at;
        parts[i].dst->book_off += at;
        parts[i].dst->rows_off += at;
    }
    memcpy(out->data + base, &hd, sizeof hd);
    if (log)
        fprintf(log, "model: %zu bytes (tagger iterations %d+%d, parser iteration %d), %.0f s\n", out->len - base,
                best_te, best_te2, best_pe, ag_seconds() - t0);
    st = AG_OK;
    goto done;
nomem:
    if (st == AG_ERR_INTERNAL) /* tt_compact: a table past the format's 2^23 weights */
        ag_fail(err, st, "the model would hold too many weights; raise --parser-min or --tagger-min");
    else if (st == AG_OK || st == AG_ERR_NOMEM)
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory while training");
done:
    ag_treebank_destroy(&tbt);
    ag_treebank_destroy(&tbd);
    names_free(&tags);
    names_free(&labels);
    tdata_free(&train);
    tdata_free(&dev);
    tt_free(&pt);
    ag_pm_work_free(&k);
    ag_buf_destroy(&best_tagger);
    ag_buf_destroy(&best_tagger2);
    ag_buf_destroy(&best_parser);
    ag_buf_destroy(&cur);
    ag_buf_destroy(&vocab_buf);
    vmap_free(&vocab);
    free(order);
    free(tag_upos);
    return st;
}
