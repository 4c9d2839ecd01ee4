/* ag_actors.c - phrase tables and the actor dictionary (see ag_actors.h). */
#include "ag_actors.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- phrase tables ------------------------------------------------------------------ */

/* Keys are the phrase's token forms joined by \x1f. The table is open-addressed; a second
 * table records, per first token, the longest phrase length so matching knows where to start. */
struct slot {
    char *key; /* NULL = empty */
    uint32_t value;
    uint32_t hash;
};

struct ag_phrases {
    bool fold;
    struct slot *slots; /* phrases */
    size_t cap, len;
    struct slot *firsts; /* first token -> max length in tokens (value) */
    size_t fcap, flen;
    ag_tokens scratch;
};

static uint32_t fnv(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

ag_phrases *ag_phrases_new(bool fold)
{
    ag_phrases *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->fold = fold;
    ag_tokens_init(&p->scratch);
    return p;
}

static void slots_free(struct slot *s, size_t cap)
{
    for (size_t i = 0; i < cap; i++)
        free(s[i].key);
    free(s);
}

void ag_phrases_free(ag_phrases *p)
{
    if (!p)
        return;
    slots_free(p->slots, p->cap);
    slots_free(p->firsts, p->fcap);
    ag_tokens_destroy(&p->scratch);
    free(p);
}

static struct slot *slot_find(struct slot *slots, size_t cap, const char *key, size_t n, uint32_t h)
{
    if (!cap)
        return NULL;
    for (size_t i = h & (cap - 1);; i = (i + 1) & (cap - 1)) {
        struct slot *s = &slots[i];
        if (!s->key || (s->hash == h && strncmp(s->key, key, n) == 0 && s->key[n] == '\0'))
            return s;
    }
}

static ag_status slots_grow(struct slot **slots, size_t *cap, size_t len)
{
    if ((len + 1) * 2 <= *cap)
        return AG_OK;
    size_t ncap = *cap ? *cap * 2 : 64;
    struct slot *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return AG_ERR_NOMEM;
    for (size_t i = 0; i < *cap; i++) {
        struct slot *o = &(*slots)[i];
        if (!o->key)
            continue;
        struct slot *d = slot_find(ns, ncap, o->key, strlen(o->key), o->hash);
        *d = *o;
    }
    free(*slots);
    *slots = ns;
    *cap = ncap;
    return AG_OK;
}

/* Inserts or updates key; for the firsts table keeps the maximum value. */
static ag_status slot_put(struct slot **slots, size_t *cap, size_t *len, const char *key, uint32_t value, bool max)
{
    if (slots_grow(slots, cap, *len) != AG_OK)
        return AG_ERR_NOMEM;
    size_t n = strlen(key);
    uint32_t h = fnv(key, n);
    struct slot *s = slot_find(*slots, *cap, key, n, h);
    if (s->key) {
        s->value = max && s->value > value ? s->value : value;
        return AG_OK;
    }
    s->key = ag_strdup(key);
    if (!s->key)
        return AG_ERR_NOMEM;
    s->hash = h;
    s->value = value;
    (*len)++;
    return AG_OK;
}

static const char *form(const ag_phrases *p, const ag_tokens *t, size_t i)
{
    return p->fold ? ag_tok_norm(t, i) : ag_tok_surf(t, i);
}

ag_status ag_phrases_add(ag_phrases *p, const char *phrase, uint32_t value)
{
    ag_tokens *t = &p->scratch;
    if (ag_tokenize(phrase, 0, strlen(phrase), t) != AG_OK)
        return AG_ERR_NOMEM;
    if (t->len == 0)
        return AG_OK;
    ag_buf key;
    ag_buf_init(&key);
    for (size_t i = 0; i < t->len; i++) {
        if ((i && ag_buf_putc(&key, '\x1f') != AG_OK) || ag_buf_puts(&key, form(p, t, i)) != AG_OK) {
            ag_buf_destroy(&key);
            return AG_ERR_NOMEM;
        }
    }
    ag_status st = slot_put(&p->slots, &p->cap, &p->len, key.data, value, false);
    if (st == AG_OK)
        st = slot_put(&p->firsts, &p->fcap, &p->flen, form(p, t, 0), (uint32_t)t->len, true);
    ag_buf_destroy(&key);
    return st;
}

size_t ag_phrases_match(const ag_phrases *p, const ag_tokens *t, size_t i, uint32_t *value)
{
    if (!p->cap || i >= t->len)
        return 0;
    const char *f = form(p, t, i);
    size_t fl = strlen(f);
    struct slot *fs = slot_find(p->firsts, p->fcap, f, fl, fnv(f, fl));
    if (!fs || !fs->key)
        return 0;
    size_t maxlen = fs->value;
    if (maxlen > t->len - i)
        maxlen = t->len - i;
    char key[512];
    for (size_t n = maxlen; n >= 1; n--) {
        size_t o = 0;
        bool fits = true;
        for (size_t j = 0; j < n; j++) {
            const char *w = form(p, t, i + j);
            size_t wl = strlen(w);
            if (o + wl + 2 > sizeof key) {
                fits = false;
                break;
            }
            if (j)
                key[o++] = '\x1f';
            memcpy(key + o, w, wl);
            o += wl;
        }
        if (!fits)
            continue;
        /* a phrase never spans a line break: headlines and datelines stay apart */
        if (n > 1 && (t->items[i + n - 1].flags & AG_TF_NEWLINE))
            continue;
        key[o] = '\0';
        struct slot *s = slot_find(p->slots, p->cap, key, o, fnv(key, o));
        if (s && s->key) {
            *value = s->value;
            return n;
        }
    }
    return 0;
}

/* ---- the actor dictionary ----------------------------------------------------------- */

extern const char ag_data_actors[];

struct ag_actors {
    ag_phrases *phrases;
    ag_actor_entry *entries;
    size_t len, cap;
};

static const char *const kind_names[] = {"name", "adj", "people", "person", "org"};
static const char *const type_names[] = {"state", "igo", "org", "person", "group", "ngo"};

ag_status ag_actors_new(ag_actors **out, ag_err *err)
{
    ag_actors *a = calloc(1, sizeof *a);
    if (!a || !(a->phrases = ag_phrases_new(false))) {
        free(a);
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    }
    ag_status st = ag_actors_load(a, ag_data_actors, strlen(ag_data_actors), "built-in actors.tsv", err);
    if (st != AG_OK) {
        ag_actors_free(a);
        return st;
    }
    *out = a;
    return AG_OK;
}

static void entry_destroy(ag_actor_entry *e)
{
    free(e->pattern);
    free(e->id);
    free(e->type);
    free(e->country);
    free(e->label);
    free(e->years);
}

void ag_actors_free(ag_actors *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->len; i++)
        entry_destroy(&a->entries[i]);
    free(a->entries);
    ag_phrases_free(a->phrases);
    free(a);
}

size_t ag_actors_count(const ag_actors *a) { return a->len; }

static int lookup(const char *const *names, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return (int)i;
    return -1;
}

static ag_status add_entry(ag_actors *a, char **f, int kind, ag_err *err)
{
    if (a->len == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 1024;
        ag_actor_entry *p = realloc(a->entries, cap * sizeof *p);
        if (!p)
            return ag_fail(err, AG_ERR_NOMEM, "out of memory");
        a->entries = p;
        a->cap = cap;
    }
    ag_actor_entry *e = &a->entries[a->len];
    e->pattern = ag_strdup(f[0]);
    e->id = ag_strdup(f[2]);
    e->type = ag_strdup(f[3]);
    e->country = ag_strdup(f[4]);
    e->label = ag_strdup(f[5][0] ? f[5] : f[0]);
    e->years = ag_strdup(f[6]);
    e->kind = (ag_actor_kind)kind;
    if (!e->pattern || !e->id || !e->type || !e->country || !e->label || !e->years) {
        entry_destroy(e);
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    }
    uint32_t idx = (uint32_t)a->len++;
    ag_status st = ag_phrases_add(a->phrases, e->pattern, idx);
    /* "the Kremlin" also matches "The Kremlin" */
    if (st == AG_OK && islower((unsigned char)e->pattern[0])) {
        char *cap = ag_strdup(e->pattern);
        if (!cap)
            return ag_fail(err, AG_ERR_NOMEM, "out of memory");
        cap[0] = (char)toupper((unsigned char)cap[0]);
        st = ag_phrases_add(a->phrases, cap, idx);
        free(cap);
    }
    return st == AG_OK ? AG_OK : ag_fail(err, st, "out of memory");
}

ag_status ag_actors_load(ag_actors *a, const char *tsv, size_t n, const char *origin, ag_err *err)
{
    size_t line = 0;
    const char *p = tsv, *end = tsv + n;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    char buf[2048];
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        line++;
        size_t len = (size_t)(le - p);
        if (len && p[len - 1] == '\r')
            len--;
        if (len >= sizeof buf)
            return ag_fail(err, AG_ERR_INPUT, "%s:%zu: line too long", origin, line);
        memcpy(buf, p, len);
        buf[len] = '\0';
        p = nl ? nl + 1 : end;
        size_t k = 0;
        while (k < len && (buf[k] == ' ' || buf[k] == '\t'))
            k++;
        if (k == len || buf[k] == '#')
            continue;
        if (!ag_utf8_valid(buf, len))
            return ag_fail(err, AG_ERR_INPUT, "%s:%zu: invalid UTF-8", origin, line);
        char *f[7];
        size_t nf = 0, fields = 1;
        for (const char *q = buf; *q; q++)
            fields += *q == '\t';
        char *s = buf;
        while (nf < 7) {
            f[nf++] = s;
            char *tab = strchr(s, '\t');
            if (!tab || nf == 7)
                break;
            *tab = '\0';
            s = tab + 1;
        }
        if (fields != 7)
            return ag_fail(err, AG_ERR_INPUT,
                           "%s:%zu: expected 7 tab-separated fields (pattern, kind, id, type, country, label, years), found %zu",
                           origin, line, fields);
        int kind = lookup(kind_names, 5, f[1]);
        if (kind < 0)
            return ag_fail(err, AG_ERR_INPUT, "%s:%zu: unknown kind '%s' (name, adj, people, person, org)", origin,
                           line, f[1]);
        if (lookup(type_names, sizeof type_names / sizeof type_names[0], f[3]) < 0)
            return ag_fail(err, AG_ERR_INPUT, "%s:%zu: unknown type '%s' (state, igo, org, person, group, ngo)", origin,
                           line, f[3]);
        if (!f[0][0] || !f[2][0])
            return ag_fail(err, AG_ERR_INPUT, "%s:%zu: empty pattern or id", origin, line);
        static const char *const field_names[] = {"pattern", "kind", "id", "type", "country", "label", "years"};
        for (int fi = 0; fi < 7; fi++) {
            const char *q = f[fi];
            while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\v' || *q == '\f')
                q++;
            if (f[fi][0] && !*q)
                return ag_fail(err, AG_ERR_INPUT, "%s:%zu: the %s is only white space", origin, line, field_names[fi]);
        }
        ag_status st = add_entry(a, f, kind, err);
        if (st != AG_OK)
            return st;
    }
    return AG_OK;
}

ag_status ag_actors_load_file(ag_actors *a, const char *path, ag_err *err)
{
    /* a dictionary is a few megabytes at most: anything far larger (/dev/zero, a wrong file) is
     * refused once that much is read; a pipe (<(zcat actors.tsv.gz)) is read like a file */
    char *text;
    size_t n;
    ag_status st = ag_read_file(path, (size_t)256 << 20, "no dictionary is that large", &text, &n, err);
    if (st != AG_OK)
        return st;
    st = ag_actors_load(a, text, n, path, err);
    free(text);
    return st;
}

size_t ag_actors_match(const ag_actors *a, const ag_tokens *t, size_t i, const ag_actor_entry **e)
{
    uint32_t v;
    size_t n = ag_phrases_match(a->phrases, t, i, &v);
    if (n)
        *e = &a->entries[v];
    return n;
}

const ag_actor_entry *ag_actors_by_id(const ag_actors *a, const char *id)
{
    for (size_t i = 0; i < a->len; i++)
        if (strcmp(a->entries[i].id, id) == 0)
            return &a->entries[i];
    return NULL;
}
