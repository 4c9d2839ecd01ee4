/* ag_graph.c - triples -> igraph directed multigraph; GraphML read and write. */
#include "ag_graph.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

void ag_build_opts_init(ag_build_opts *o)
{
    o->level = AG_LEVEL_ACTOR;
    o->since = o->until = NULL;
    o->actions = NULL;
    o->min_confidence = 0;
    o->keep_negated = false;
}

char *ag_graph_clean(const char *s)
{
    if (!s)
        s = "";
    char *c = ag_utf8_clean(s, strlen(s), NULL);
    if (!c)
        return NULL;
    unsigned char *r = (unsigned char *)c, *w = r;
    while (*r) {
        if (r[0] == '\r') {
            *w++ = '\n';
            r += r[1] == '\n' ? 2 : 1;
        } else if (r[0] == 0xC2 && r[1] >= 0x80 && r[1] <= 0x9F) {
            /* C1 controls (CSI U+009B would steer a terminal, NEL U+0085 breaks lines) */
            *w++ = ' ';
            r += 2;
        } else if (r[0] == 0xEF && r[1] == 0xBF && (r[2] == 0xBE || r[2] == 0xBF)) {
            /* U+FFFE and U+FFFF are not XML characters */
            *w++ = 0xEF, *w++ = 0xBF, *w++ = 0xBD;
            r += 3;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return c;
}

/* ---- string -> index map (open addressing, keys owned) ---- */

typedef struct strmap {
    char **keys;
    size_t *vals;
    size_t cap, len;
} strmap;

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static void strmap_destroy(strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

static size_t *strmap_slot(const strmap *m, const char *key, size_t *pos)
{
    size_t i = hash(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    *pos = i;
    return m->keys[i] ? &m->vals[i] : NULL;
}

static ag_status strmap_grow(strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    strmap n = {calloc(cap, sizeof(char *)), calloc(cap, sizeof(size_t)), cap, m->len};
    if (!n.keys || !n.vals) {
        free(n.keys);
        free(n.vals);
        return AG_ERR_NOMEM;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t pos;
        strmap_slot(&n, m->keys[i], &pos);
        n.keys[pos] = m->keys[i];
        n.vals[pos] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    *m = n;
    return AG_OK;
}

/* Looks key up; when absent inserts it with value val. *found tells which. */
static ag_status strmap_get_or_put(strmap *m, const char *key, size_t val, size_t *out, bool *found)
{
    if ((m->len + 1) * 2 > m->cap && strmap_grow(m) != AG_OK)
        return AG_ERR_NOMEM;
    size_t pos;
    size_t *v = strmap_slot(m, key, &pos);
    if (v) {
        *out = *v;
        *found = true;
        return AG_OK;
    }
    if (!(m->keys[pos] = ag_strdup(key)))
        return AG_ERR_NOMEM;
    m->vals[pos] = val;
    m->len++;
    *out = val;
    *found = false;
    return AG_OK;
}

/* ---- tallies: most frequent string, ties to the first seen ---- */

typedef struct tally_item {
    char *s;
    size_t n;
} tally_item;

typedef struct tally {
    tally_item *items;
    size_t len, cap;
} tally;

/* At most this many distinct values are tallied per actor (the label is the most frequent of
 * them): an actor given a new name in every one of 100,000 triples costs linear time, not
 * quadratic. */
#define TALLY_MAX 256

static ag_status tally_add(tally *t, const char *s)
{
    if (!s[0])
        return AG_OK;
    for (size_t i = 0; i < t->len; i++)
        if (strcmp(t->items[i].s, s) == 0) {
            t->items[i].n++;
            return AG_OK;
        }
    if (t->len >= TALLY_MAX)
        return AG_OK;
    if (t->len == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 2;
        tally_item *p = realloc(t->items, cap * sizeof *p);
        if (!p)
            return AG_ERR_NOMEM;
        t->items = p;
        t->cap = cap;
    }
    if (!(t->items[t->len].s = ag_strdup(s)))
        return AG_ERR_NOMEM;
    t->items[t->len++].n = 1;
    return AG_OK;
}

static const char *tally_best(const tally *t, const char *fallback)
{
    const tally_item *best = NULL;
    for (size_t i = 0; i < t->len; i++)
        if (!best || t->items[i].n > best->n)
            best = &t->items[i];
    return best ? best->s : fallback;
}

static void tally_destroy(tally *t)
{
    for (size_t i = 0; i < t->len; i++)
        free(t->items[i].s);
    free(t->items);
}

/* ---- building ---- */

typedef struct vinfo {
    char *key;
    tally names, types, countries;
    bool by_country;  /* country level, keyed by the actor's country */
    double mentions;
    size_t last_triple; /* index+1 of the last triple counted in mentions */
} vinfo;

typedef struct builder {
    const ag_build_opts *o;
    strmap map;
    vinfo *v;
    size_t nv, capv;
} builder;

/* Cleaned actor key: id, or name when id is empty. */
static char *actor_key(const ag_actor_ref *a)
{
    return ag_graph_clean(a->id && a->id[0] ? a->id : a->name);
}

/* Vertex index for one side of triple i; created on first appearance. */
static ag_status add_actor(builder *b, const ag_actor_ref *a, size_t i, size_t *vid)
{
    char *akey = actor_key(a), *country = ag_graph_clean(a->country);
    char *name = ag_graph_clean(a->name), *type = ag_graph_clean(a->type);
    ag_status st = AG_ERR_NOMEM;
    if (!akey || !country || !name || !type)
        goto cleanup;
    bool by_country = b->o->level == AG_LEVEL_COUNTRY && country[0];
    const char *key = by_country ? country : akey;
    bool found;
    if ((st = strmap_get_or_put(&b->map, key, b->nv, vid, &found)))
        goto cleanup;
    if (!found) {
        if (b->nv == b->capv) {
            size_t cap = b->capv ? b->capv * 2 : 64;
            vinfo *p = realloc(b->v, cap * sizeof *p);
            if (!p) {
                st = AG_ERR_NOMEM;
                goto cleanup;
            }
            b->v = p;
            b->capv = cap;
        }
        vinfo *nv = &b->v[b->nv];
        memset(nv, 0, sizeof *nv);
        if (!(nv->key = ag_strdup(key))) {
            st = AG_ERR_NOMEM;
            goto cleanup;
        }
        nv->by_country = by_country;
        b->nv++;
    }
    if (!b->v || *vid >= b->nv) { /* cannot happen: the map and the array grow together */
        st = AG_ERR_INTERNAL;
        goto cleanup;
    }
    vinfo *v = &b->v[*vid];
    if (v->last_triple != i + 1) {
        v->mentions++;
        v->last_triple = i + 1;
    }
    /* Label and type come from the mentions of the vertex's own actor: at country
     * level the state or organisation itself, not its ministers. */
    if (strcmp(akey, key) == 0) {
        if ((st = tally_add(&v->names, name)) || (st = tally_add(&v->types, type)))
            goto cleanup;
    }
    if (!by_country && (st = tally_add(&v->countries, country)))
        goto cleanup;
    st = AG_OK;
cleanup:
    free(akey);
    free(country);
    free(name);
    free(type);
    return st;
}

/* Compares date d with bound b on their common prefix (b and d are YYYY[-MM[-DD]]). */
static int date_cmp(const char *d, const char *b)
{
    size_t n = strlen(d), k = strlen(b);
    return strncmp(d, b, n < k ? n : k);
}

static bool action_listed(const char *list, const char *action)
{
    size_t an = strlen(action);
    const char *p = list;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        const char *e = p;
        while (*e && *e != ',')
            e++;
        const char *f = e;
        while (f > p && f[-1] == ' ')
            f--;
        if (f > p && (size_t)(f - p) == an && strncasecmp(p, action, an) == 0)
            return true;
        p = e;
    }
    return false;
}

static bool keep_triple(const ag_triple *t, const ag_build_opts *o)
{
    if (t->negated && !o->keep_negated)
        return false;
    if (t->confidence < o->min_confidence)
        return false;
    if (o->actions && !action_listed(o->actions, t->action ? t->action : ""))
        return false;
    const char *d = t->date ? t->date : "";
    if ((o->since || o->until) && !d[0])
        return false;
    if (o->since && date_cmp(d, o->since) < 0)
        return false;
    if (o->until && date_cmp(d, o->until) > 0)
        return false;
    return true;
}

ag_status ag_build_opts_check(const ag_build_opts *o, ag_err *err)
{
    if (o->since && !ag_date_valid(o->since))
        return ag_fail(err, AG_ERR_USAGE, "bad --since date '%s' (want YYYY-MM-DD, YYYY-MM or YYYY)", o->since);
    if (o->until && !ag_date_valid(o->until))
        return ag_fail(err, AG_ERR_USAGE, "bad --until date '%s' (want YYYY-MM-DD, YYYY-MM or YYYY)", o->until);
    if (!(o->min_confidence >= 0 && o->min_confidence <= 1))
        return ag_fail(err, AG_ERR_USAGE, "--min-confidence must be between 0 and 1");
    if (o->actions && strspn(o->actions, " ,") == strlen(o->actions))
        return ag_fail(err, AG_ERR_USAGE, "empty --action list");
    return AG_OK;
}

static const char *const edge_str_attrs[] = {"action",    "code",  "date", "doc",      "sentence",
                                             "charge",    "topic", "rule", "date_precision", "url",
                                             "title",     "publisher", "published", "sentence_indexes",
                                             "sentences"};
enum { NEDGE_STR = sizeof edge_str_attrs / sizeof edge_str_attrs[0] };

static const char *edge_str_value(const ag_triple *t, int k)
{
    const char *v[] = {t->action, t->code,  t->date,     t->doc,   t->sentence, t->charge,   t->topic,
                       t->rule,   t->date_precision, t->url, t->title, t->publisher, t->published,
                       t->sentence_indexes, t->sentences};
    return v[k] ? v[k] : "";
}

#define IGRAPH_TRY(call)                                                                           \
    do {                                                                                           \
        igraph_error_t rc_ = (call);                                                               \
        if (rc_ != IGRAPH_SUCCESS) {                                                               \
            st = rc_ == IGRAPH_ENOMEM ? AG_ERR_NOMEM : AG_ERR_INTERNAL;                            \
            ag_fail(err, st, "igraph: %s", igraph_strerror(rc_));                                  \
            goto cleanup;                                                                          \
        }                                                                                          \
    } while (0)

/* Sets one string attribute of every edge of g from the kept triples. */
static ag_status set_edge_strings(igraph_t *g, const ag_triples *ts, const size_t *kept, size_t m,
                                  int k, ag_err *err)
{
    ag_status st = AG_OK;
    igraph_strvector_t sv;
    if (igraph_strvector_init(&sv, (igraph_integer_t)m) != IGRAPH_SUCCESS)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    for (size_t e = 0; e < m; e++) {
        char *c = ag_graph_clean(edge_str_value(&ts->items[kept[e]], k));
        if (!c) {
            st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
            goto cleanup;
        }
        igraph_error_t rc = igraph_strvector_set(&sv, (igraph_integer_t)e, c);
        free(c);
        IGRAPH_TRY(rc);
    }
    IGRAPH_TRY(igraph_cattribute_EAS_setv(g, edge_str_attrs[k], &sv));
cleanup:
    igraph_strvector_destroy(&sv);
    return st;
}

static ag_status set_vertex_attrs(igraph_t *g, const builder *b, ag_err *err)
{
    ag_status st = AG_OK;
    igraph_strvector_t label, type, country, id;
    igraph_vector_t mentions;
    igraph_integer_t n = (igraph_integer_t)b->nv;
    /* zeroed so that cleanup can destroy whatever did not get initialised */
    memset(&label, 0, sizeof label), memset(&type, 0, sizeof type), memset(&country, 0, sizeof country);
    memset(&id, 0, sizeof id), memset(&mentions, 0, sizeof mentions);
    bool ok = igraph_strvector_init(&label, n) == IGRAPH_SUCCESS;
    ok = igraph_strvector_init(&type, n) == IGRAPH_SUCCESS && ok;
    ok = igraph_strvector_init(&country, n) == IGRAPH_SUCCESS && ok;
    ok = igraph_strvector_init(&id, n) == IGRAPH_SUCCESS && ok;
    ok = igraph_vector_init(&mentions, n) == IGRAPH_SUCCESS && ok;
    if (!ok) {
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < b->nv; i++) {
        const vinfo *v = &b->v[i];
        IGRAPH_TRY(igraph_strvector_set(&label, (igraph_integer_t)i, tally_best(&v->names, v->key)));
        IGRAPH_TRY(igraph_strvector_set(&type, (igraph_integer_t)i, tally_best(&v->types, "")));
        IGRAPH_TRY(igraph_strvector_set(&country, (igraph_integer_t)i,
                                        v->by_country ? v->key : tally_best(&v->countries, "")));
        IGRAPH_TRY(igraph_strvector_set(&id, (igraph_integer_t)i, v->key));
        VECTOR(mentions)[i] = v->mentions;
    }
    IGRAPH_TRY(igraph_cattribute_VAS_setv(g, "label", &label));
    IGRAPH_TRY(igraph_cattribute_VAS_setv(g, "type", &type));
    IGRAPH_TRY(igraph_cattribute_VAS_setv(g, "country", &country));
    IGRAPH_TRY(igraph_cattribute_VAN_setv(g, "mentions", &mentions));
    IGRAPH_TRY(igraph_cattribute_VAS_setv(g, "id", &id));
cleanup:
    igraph_strvector_destroy(&label);
    igraph_strvector_destroy(&type);
    igraph_strvector_destroy(&country);
    igraph_strvector_destroy(&id);
    igraph_vector_destroy(&mentions);
    return st;
}

static ag_status set_edge_numbers(igraph_t *g, const ag_triples *ts, const size_t *kept, size_t m,
                                  ag_err *err)
{
    ag_status st = AG_OK;
    igraph_vector_t conf, weight, sindex, mentions;
    igraph_vector_bool_t neg;
    memset(&conf, 0, sizeof conf), memset(&weight, 0, sizeof weight), memset(&neg, 0, sizeof neg);
    memset(&sindex, 0, sizeof sindex), memset(&mentions, 0, sizeof mentions);
    bool ok = igraph_vector_init(&conf, (igraph_integer_t)m) == IGRAPH_SUCCESS;
    ok = igraph_vector_init(&weight, (igraph_integer_t)m) == IGRAPH_SUCCESS && ok;
    ok = igraph_vector_init(&sindex, (igraph_integer_t)m) == IGRAPH_SUCCESS && ok;
    ok = igraph_vector_init(&mentions, (igraph_integer_t)m) == IGRAPH_SUCCESS && ok;
    ok = igraph_vector_bool_init(&neg, (igraph_integer_t)m) == IGRAPH_SUCCESS && ok;
    if (!ok) {
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t e = 0; e < m; e++) {
        const ag_triple *t = &ts->items[kept[e]];
        VECTOR(conf)[e] = t->confidence;
        VECTOR(weight)[e] = 1;
        VECTOR(neg)[e] = t->negated;
        VECTOR(sindex)[e] = (double)t->sentence_index;
        VECTOR(mentions)[e] = (double)t->mentions;
    }
    IGRAPH_TRY(igraph_cattribute_EAN_setv(g, "confidence", &conf));
    IGRAPH_TRY(igraph_cattribute_EAN_setv(g, "weight", &weight));
    IGRAPH_TRY(igraph_cattribute_EAB_setv(g, "negated", &neg));
    IGRAPH_TRY(igraph_cattribute_EAN_setv(g, "sentence_index", &sindex));
    IGRAPH_TRY(igraph_cattribute_EAN_setv(g, "mentions", &mentions));
cleanup:
    igraph_vector_destroy(&sindex);
    igraph_vector_destroy(&mentions);
    igraph_vector_destroy(&conf);
    igraph_vector_destroy(&weight);
    igraph_vector_bool_destroy(&neg);
    return st;
}

ag_status ag_graph_build(const ag_triples *ts, const ag_build_opts *o, igraph_t *g, ag_err *err)
{
    ag_status st = ag_build_opts_check(o, err);
    if (st)
        return st;
    builder b;
    memset(&b, 0, sizeof b);
    b.o = o;
    bool have_graph = false;
    size_t *kept = malloc((ts->len ? ts->len : 1) * sizeof *kept);
    igraph_vector_int_t edges;
    bool have_edges = false;
    if (!kept) {
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    size_t m = 0;
    for (size_t i = 0; i < ts->len; i++) {
        ag_err why;
        if (ag_triple_check(&ts->items[i], &why) != AG_OK) {
            st = ag_fail(err, AG_ERR_INPUT, "triple %zu: %s", i + 1, why.msg);
            goto cleanup;
        }
        if (keep_triple(&ts->items[i], o))
            kept[m++] = i;
    }
    if (igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m)) != IGRAPH_SUCCESS) {
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    have_edges = true;
    for (size_t e = 0; e < m; e++) {
        size_t from, to;
        const ag_triple *t = &ts->items[kept[e]];
        if ((st = add_actor(&b, &t->source, kept[e], &from)) || (st = add_actor(&b, &t->target, kept[e], &to))) {
            ag_fail(err, st, "out of memory");
            goto cleanup;
        }
        VECTOR(edges)[2 * e] = (igraph_integer_t)from;
        VECTOR(edges)[2 * e + 1] = (igraph_integer_t)to;
    }
    IGRAPH_TRY(igraph_empty(g, (igraph_integer_t)b.nv, IGRAPH_DIRECTED));
    have_graph = true;
    IGRAPH_TRY(igraph_add_edges(g, &edges, NULL));
    if ((st = set_vertex_attrs(g, &b, err)))
        goto cleanup;
    for (int k = 0; k < NEDGE_STR; k++)
        if ((st = set_edge_strings(g, ts, kept, m, k, err)))
            goto cleanup;
    st = set_edge_numbers(g, ts, kept, m, err);
cleanup:
    if (st && have_graph)
        igraph_destroy(g);
    if (have_edges)
        igraph_vector_int_destroy(&edges);
    for (size_t i = 0; i < b.nv; i++) {
        free(b.v[i].key);
        tally_destroy(&b.v[i].names);
        tally_destroy(&b.v[i].types);
        tally_destroy(&b.v[i].countries);
    }
    free(b.v);
    strmap_destroy(&b.map);
    free(kept);
    return st;
}

/* ---- GraphML storage ---- */

static const char *const vertex_str[] = {"label", "type", "country", "id", NULL};
static const char *const edge_str[] = {"action", "code", "date", "doc", "sentence", "charge", "topic", NULL};
static const char *const edge_str_optional[] = {"rule", "date_precision", "url", "title", "publisher", "published",
                                                "sentence_indexes", "sentences",
                                                NULL};
static const char *const edge_num_optional[] = {"sentence_index", "mentions", NULL};

static bool attr_name_ok(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

/* Type of attribute name of elem in g, or -1 when absent (or out of memory). */
static int attr_type(const igraph_t *g, igraph_attribute_elemtype_t elem, const char *name)
{
    igraph_strvector_t names;
    igraph_vector_int_t types;
    int type = -1;
    if (igraph_strvector_init(&names, 0) != IGRAPH_SUCCESS)
        return -1;
    if (igraph_vector_int_init(&types, 0) != IGRAPH_SUCCESS) {
        igraph_strvector_destroy(&names);
        return -1;
    }
    bool vertex = elem == IGRAPH_ATTRIBUTE_VERTEX;
    if (igraph_cattribute_list(g, NULL, NULL, vertex ? &names : NULL, vertex ? &types : NULL,
                               vertex ? NULL : &names, vertex ? NULL : &types) == IGRAPH_SUCCESS) {
        for (igraph_integer_t i = 0; i < igraph_strvector_size(&names); i++)
            if (strcmp(igraph_strvector_get(&names, i), name) == 0)
                type = (int)VECTOR(types)[i];
    }
    igraph_vector_int_destroy(&types);
    igraph_strvector_destroy(&names);
    return type;
}

static ag_status need_attr(const igraph_t *g, igraph_attribute_elemtype_t elem, const char *name,
                           igraph_attribute_type_t want, const char *path, ag_err *err)
{
    const char *what = elem == IGRAPH_ATTRIBUTE_VERTEX ? "vertex" : "edge";
    const char *tname = want == IGRAPH_ATTRIBUTE_STRING ? "string" :
                        want == IGRAPH_ATTRIBUTE_NUMERIC ? "numeric" : "boolean";
    int type = attr_type(g, elem, name);
    if (type < 0)
        return ag_fail(err, AG_ERR_INPUT, "%s: not an accusegraph graph: no %s attribute '%s'", path, what, name);
    if (type != (int)want)
        return ag_fail(err, AG_ERR_INPUT, "%s: %s attribute '%s' must be %s", path, what, name, tname);
    return AG_OK;
}

ag_status ag_graph_check(const igraph_t *g, const char *path, ag_err *err)
{
    ag_status st;
    if (!igraph_is_directed(g))
        return ag_fail(err, AG_ERR_INPUT, "%s: graph is undirected; accusegraph graphs are directed", path);
    for (int i = 0; vertex_str[i]; i++)
        if ((st = need_attr(g, IGRAPH_ATTRIBUTE_VERTEX, vertex_str[i], IGRAPH_ATTRIBUTE_STRING, path, err)))
            return st;
    if ((st = need_attr(g, IGRAPH_ATTRIBUTE_VERTEX, "mentions", IGRAPH_ATTRIBUTE_NUMERIC, path, err)))
        return st;
    for (int i = 0; edge_str[i]; i++)
        if ((st = need_attr(g, IGRAPH_ATTRIBUTE_EDGE, edge_str[i], IGRAPH_ATTRIBUTE_STRING, path, err)))
            return st;
    /* the provenance attributes came later: a graph without them reads ("" and no number), one
     * with them needs their types */
    for (int i = 0; edge_str_optional[i]; i++)
        if (attr_type(g, IGRAPH_ATTRIBUTE_EDGE, edge_str_optional[i]) >= 0 &&
            (st = need_attr(g, IGRAPH_ATTRIBUTE_EDGE, edge_str_optional[i], IGRAPH_ATTRIBUTE_STRING, path, err)))
            return st;
    for (int i = 0; edge_num_optional[i]; i++)
        if (attr_type(g, IGRAPH_ATTRIBUTE_EDGE, edge_num_optional[i]) >= 0 &&
            (st = need_attr(g, IGRAPH_ATTRIBUTE_EDGE, edge_num_optional[i], IGRAPH_ATTRIBUTE_NUMERIC, path, err)))
            return st;
    if ((st = need_attr(g, IGRAPH_ATTRIBUTE_EDGE, "confidence", IGRAPH_ATTRIBUTE_NUMERIC, path, err)) ||
        (st = need_attr(g, IGRAPH_ATTRIBUTE_EDGE, "weight", IGRAPH_ATTRIBUTE_NUMERIC, path, err)) ||
        (st = need_attr(g, IGRAPH_ATTRIBUTE_EDGE, "negated", IGRAPH_ATTRIBUTE_BOOLEAN, path, err)))
        return st;
    for (igraph_integer_t v = 0; v < igraph_vcount(g); v++) {
        double x = VAN(g, "mentions", v);
        if (!(x >= 0 && x <= 1e15 && x == floor(x)))
            return ag_fail(err, AG_ERR_INPUT, "%s: vertex %" IGRAPH_PRId ": mentions must be a whole number >= 0",
                           path, v);
    }
    for (igraph_integer_t e = 0; e < igraph_ecount(g); e++) {
        double w = EAN(g, "weight", e), c = EAN(g, "confidence", e);
        /* (a weight near the largest double overflows the sums of strength, PageRank and
         * hub scores: 1e15 is far above any count of accusations) */
        if (!(w > 0 && w <= 1e15))
            return ag_fail(err, AG_ERR_INPUT, "%s: edge %" IGRAPH_PRId ": weight must be a number in (0, 1e15]",
                           path, e);
        if (!(c > 0 && c <= 1))
            return ag_fail(err, AG_ERR_INPUT, "%s: edge %" IGRAPH_PRId ": confidence must be in (0, 1]", path, e);
    }
    return AG_OK;
}

/* Drops graph attributes (Gephi reports them as errors) and attributes whose names
 * would make an invalid GraphML key id. */
static ag_status tidy_attrs(igraph_t *g)
{
    igraph_strvector_t vn, en;
    if (igraph_strvector_init(&vn, 0) != IGRAPH_SUCCESS)
        return AG_ERR_NOMEM;
    if (igraph_strvector_init(&en, 0) != IGRAPH_SUCCESS) {
        igraph_strvector_destroy(&vn);
        return AG_ERR_NOMEM;
    }
    ag_status st = AG_OK;
    if (igraph_cattribute_list(g, NULL, NULL, &vn, NULL, &en, NULL) != IGRAPH_SUCCESS)
        st = AG_ERR_NOMEM;
    igraph_cattribute_remove_all(g, true, false, false);
    for (igraph_integer_t i = igraph_strvector_size(&vn) - 1; st == AG_OK && i >= 0; i--)
        if (!attr_name_ok(igraph_strvector_get(&vn, i)))
            igraph_cattribute_remove_v(g, igraph_strvector_get(&vn, i));
    for (igraph_integer_t i = igraph_strvector_size(&en) - 1; st == AG_OK && i >= 0; i--)
        if (!attr_name_ok(igraph_strvector_get(&en, i)))
            igraph_cattribute_remove_e(g, igraph_strvector_get(&en, i));
    igraph_strvector_destroy(&vn);
    igraph_strvector_destroy(&en);
    return st;
}

/* The longest tag a GraphML file may hold (an attribute value of megabytes is no graph data). */
#define AG_GRAPHML_MAX_TAG (1 << 20)
/* The longest text between tags: igraph's reader copies a value's text over again for each piece
 * the XML parser hands it (quadratic: 88 MB took 41 s); a triple's strings are at most 4 MB,
 * 20 MB once escaped. */
#define AG_GRAPHML_MAX_TEXT (24 << 20)

/* The first occurrence of pat[0..pn) in s[0..n), or NULL (memmem is not in POSIX). */
static const char *find_bytes(const char *s, size_t n, const char *pat, size_t pn)
{
    for (const char *p = s; pn <= n && p <= s + n - pn; p++) {
        p = memchr(p, pat[0], (size_t)(s + n - pn - p) + 1);
        if (!p)
            return NULL;
        if (memcmp(p, pat, pn) == 0)
            return p;
    }
    return NULL;
}

/* A temporary copy of the XML in fp without its comments ("<!-- ... -->", but not inside CDATA
 * sections), positioned at its start; NULL on failure. Linear in the file. */
static FILE *without_comments(FILE *fp)
{
    FILE *out = tmpfile();
    if (!out)
        return NULL;
    enum { TEXT, COMMENT, CDATA } state = TEXT;
    /* a small window of pending bytes, enough to recognise "<!--", "-->", "<![CDATA[" and "]]>" */
    char win[9];
    size_t wn = 0;
    int c;
    while ((c = getc(fp)) != EOF) {
        win[wn++] = (char)c;
        for (;;) {
            if (state == TEXT) {
                if (wn >= 4 && memcmp(win, "<!--", 4) == 0) {
                    state = COMMENT;
                    wn = 0;
                } else if (wn >= 9 && memcmp(win, "<![CDATA[", 9) == 0) {
                    fwrite(win, 1, 9, out);
                    state = CDATA;
                    wn = 0;
                } else if ((wn < 4 && memcmp(win, "<!--", wn) == 0) || (wn < 9 && memcmp(win, "<![CDATA[", wn) == 0)) {
                    break; /* a prefix: wait for more */
                } else {
                    putc(win[0], out);
                    memmove(win, win + 1, --wn);
                    if (wn)
                        continue;
                }
            } else if (state == COMMENT) {
                if (wn >= 3 && memcmp(win, "-->", 3) == 0) {
                    state = TEXT;
                    wn = 0;
                } else if (wn < 3 && memcmp(win, "-->", wn) == 0) {
                    break;
                } else {
                    memmove(win, win + 1, --wn);
                    if (wn)
                        continue;
                }
            } else {
                if (wn >= 3 && memcmp(win, "]]>", 3) == 0) {
                    fwrite(win, 1, 3, out);
                    state = TEXT;
                    wn = 0;
                } else if (wn < 3 && memcmp(win, "]]>", wn) == 0) {
                    break;
                } else {
                    putc(win[0], out);
                    memmove(win, win + 1, --wn);
                    if (wn)
                        continue;
                }
            }
            break;
        }
    }
    if (state != COMMENT)
        fwrite(win, 1, wn, out);
    if (ferror(fp) || ferror(out) || fflush(out) != 0 || fseek(out, 0, SEEK_SET) != 0) {
        fclose(out);
        return NULL;
    }
    return out;
}

/* ---- graphs written by other programs ---- */

/* "n0", "n1", ...: igraph's GraphML node ids. */
static bool igraph_node_id(const char *s, igraph_integer_t v)
{
    char want[32];
    snprintf(want, sizeof want, "n%" IGRAPH_PRId, v);
    return strcmp(s, want) == 0;
}

/* Replaces the numeric or boolean attribute name of elem by its values as strings ("%.15g",
 * true/false; NaN gives ""). */
static ag_status to_strings(igraph_t *g, igraph_attribute_elemtype_t elem, const char *name, int type)
{
    bool vertex = elem == IGRAPH_ATTRIBUTE_VERTEX;
    igraph_integer_t n = vertex ? igraph_vcount(g) : igraph_ecount(g);
    igraph_strvector_t sv;
    if (igraph_strvector_init(&sv, n) != IGRAPH_SUCCESS)
        return AG_ERR_NOMEM;
    char buf[64];
    for (igraph_integer_t i = 0; i < n; i++) {
        if (type == IGRAPH_ATTRIBUTE_BOOLEAN) {
            snprintf(buf, sizeof buf, "%s", (vertex ? VAB(g, name, i) : EAB(g, name, i)) ? "true" : "false");
        } else {
            double x = vertex ? VAN(g, name, i) : EAN(g, name, i);
            if (isnan(x))
                buf[0] = '\0';
            else
                snprintf(buf, sizeof buf, "%.15g", x);
        }
        if (igraph_strvector_set(&sv, i, buf) != IGRAPH_SUCCESS) {
            igraph_strvector_destroy(&sv);
            return AG_ERR_NOMEM;
        }
    }
    char *keep = ag_strdup(name);
    if (!keep) {
        igraph_strvector_destroy(&sv);
        return AG_ERR_NOMEM;
    }
    if (vertex)
        igraph_cattribute_remove_v(g, keep);
    else
        igraph_cattribute_remove_e(g, keep);
    igraph_error_t rc = vertex ? igraph_cattribute_VAS_setv(g, keep, &sv) : igraph_cattribute_EAS_setv(g, keep, &sv);
    free(keep);
    igraph_strvector_destroy(&sv);
    return rc == IGRAPH_SUCCESS ? AG_OK : AG_ERR_NOMEM;
}

/* Appends name to the list in b ("a, b, c"). */
static ag_status list_add(ag_buf *b, const char *name)
{
    return ag_buf_printf(b, "%s%s", b->len ? ", " : "", name);
}

/* Gives g every attribute ag_graph_check wants that it lacks, with the defaults of README
 * "Graphs from other programs", turns numbers and booleans where a string belongs into strings,
 * and fills the numbers left out (NaN) of weight, confidence and mentions; prints one warning
 * naming all of it. Errors: AG_ERR_NOMEM only. */
static ag_status fill_defaults(igraph_t *g, const char *name, ag_err *err)
{
    ag_buf missing_v, missing_e, converted, gaps;
    ag_buf_init(&missing_v), ag_buf_init(&missing_e), ag_buf_init(&converted), ag_buf_init(&gaps);
    ag_status st = AG_OK;
    igraph_integer_t nv = igraph_vcount(g), ne = igraph_ecount(g);
    igraph_strvector_t sv;
    igraph_vector_t nvec;
    igraph_vector_bool_t bvec;
    bool sv_live = false, n_live = false, b_live = false;
#define FILL_TRY(x)                                                                                                \
    do {                                                                                                           \
        if ((x) != 0) {                                                                                            \
            st = AG_ERR_NOMEM;                                                                                     \
            goto cleanup;                                                                                          \
        }                                                                                                          \
    } while (0)
    /* strings where a string belongs */
    for (int side = 0; side < 2; side++) {
        igraph_attribute_elemtype_t elem = side ? IGRAPH_ATTRIBUTE_EDGE : IGRAPH_ATTRIBUTE_VERTEX;
        const char *const *lists[2] = {side ? edge_str : vertex_str, side ? edge_str_optional : NULL};
        for (int l = 0; l < 2; l++)
            for (int i = 0; lists[l] && lists[l][i]; i++) {
                int t = attr_type(g, elem, lists[l][i]);
                if (t == IGRAPH_ATTRIBUTE_NUMERIC || t == IGRAPH_ATTRIBUTE_BOOLEAN) {
                    FILL_TRY(to_strings(g, elem, lists[l][i], t));
                    FILL_TRY(ag_buf_printf(&converted, "%s%s %s", converted.len ? ", " : "", side ? "edge" : "vertex",
                                           lists[l][i]));
                }
            }
    }
    /* the actor key: the GraphML node id igraph's reader keeps in id, or a name when the ids are
     * igraph's own n0, n1, ... */
    bool has_name = attr_type(g, IGRAPH_ATTRIBUTE_VERTEX, "name") == IGRAPH_ATTRIBUTE_STRING;
    int id_type = attr_type(g, IGRAPH_ATTRIBUTE_VERTEX, "id");
    bool id_generated = id_type == IGRAPH_ATTRIBUTE_STRING && nv > 0;
    for (igraph_integer_t v = 0; id_generated && v < nv; v++)
        id_generated = igraph_node_id(VAS(g, "id", v), v);
    if (id_type < 0 || (has_name && id_generated)) {
        FILL_TRY(igraph_strvector_init(&sv, nv));
        sv_live = true;
        for (igraph_integer_t v = 0; v < nv; v++) {
            char num[32];
            snprintf(num, sizeof num, "n%" IGRAPH_PRId, v);
            FILL_TRY(igraph_strvector_set(&sv, v, has_name ? VAS(g, "name", v) : num));
        }
        FILL_TRY(igraph_cattribute_VAS_setv(g, "id", &sv));
        if (id_type < 0)
            FILL_TRY(list_add(&missing_v, "id"));
    }
    static const char *const v_empty[] = {"type", "country", NULL};
    if (attr_type(g, IGRAPH_ATTRIBUTE_VERTEX, "label") < 0) {
        if (!sv_live) {
            FILL_TRY(igraph_strvector_init(&sv, nv));
            sv_live = true;
        }
        for (igraph_integer_t v = 0; v < nv; v++)
            FILL_TRY(igraph_strvector_set(&sv, v, has_name ? VAS(g, "name", v) : VAS(g, "id", v)));
        FILL_TRY(igraph_cattribute_VAS_setv(g, "label", &sv));
        FILL_TRY(list_add(&missing_v, "label"));
    }
    for (int side = 0; side < 2; side++) {
        const char *const *names = side ? edge_str : v_empty;
        igraph_attribute_elemtype_t elem = side ? IGRAPH_ATTRIBUTE_EDGE : IGRAPH_ATTRIBUTE_VERTEX;
        igraph_integer_t n = side ? ne : nv;
        for (int i = 0; names[i]; i++) {
            if (attr_type(g, elem, names[i]) >= 0)
                continue;
            igraph_strvector_t empty;
            FILL_TRY(igraph_strvector_init(&empty, n)); /* all "" */
            igraph_error_t rc = side ? igraph_cattribute_EAS_setv(g, names[i], &empty)
                                     : igraph_cattribute_VAS_setv(g, names[i], &empty);
            igraph_strvector_destroy(&empty);
            FILL_TRY(rc);
            FILL_TRY(list_add(side ? &missing_e : &missing_v, names[i]));
        }
    }
    /* numbers: absent -> the default for every element; present with gaps (NaN) -> filled */
    static const struct {
        bool vertex;
        const char *name;
        double dflt; /* NaN: a vertex's mentions, the edges it takes part in */
    } nums[] = {{true, "mentions", NAN}, {false, "weight", 1}, {false, "confidence", 1}};
    for (size_t k = 0; k < sizeof nums / sizeof nums[0]; k++) {
        igraph_attribute_elemtype_t elem = nums[k].vertex ? IGRAPH_ATTRIBUTE_VERTEX : IGRAPH_ATTRIBUTE_EDGE;
        igraph_integer_t n = nums[k].vertex ? nv : ne;
        int t = attr_type(g, elem, nums[k].name);
        if (t >= 0 && t != IGRAPH_ATTRIBUTE_NUMERIC)
            continue; /* ag_graph_check names the wrong type */
        if (!n_live) {
            FILL_TRY(igraph_vector_init(&nvec, 0));
            n_live = true;
        }
        FILL_TRY(igraph_vector_resize(&nvec, n));
        size_t filled = 0;
        for (igraph_integer_t i = 0; i < n; i++) {
            double x = t < 0 ? NAN : nums[k].vertex ? VAN(g, nums[k].name, i) : EAN(g, nums[k].name, i);
            if (isnan(x)) {
                filled++;
                if (isnan(nums[k].dflt)) {
                    igraph_vector_int_t inc;
                    FILL_TRY(igraph_vector_int_init(&inc, 0));
                    igraph_error_t rc = igraph_incident(g, &inc, i, IGRAPH_ALL);
                    igraph_integer_t loops = 0, m = igraph_vector_int_size(&inc);
                    for (igraph_integer_t j = 0; j < m; j++)
                        loops += IGRAPH_FROM(g, VECTOR(inc)[j]) == IGRAPH_TO(g, VECTOR(inc)[j]);
                    igraph_vector_int_destroy(&inc);
                    FILL_TRY(rc);
                    x = (double)(m - loops / 2); /* igraph lists a self-loop twice: it counts once */
                } else {
                    x = nums[k].dflt;
                }
            }
            VECTOR(nvec)[i] = x;
        }
        if (t < 0 || filled) {
            FILL_TRY(nums[k].vertex ? igraph_cattribute_VAN_setv(g, nums[k].name, &nvec)
                                    : igraph_cattribute_EAN_setv(g, nums[k].name, &nvec));
            if (t < 0)
                FILL_TRY(list_add(nums[k].vertex ? &missing_v : &missing_e, nums[k].name));
            else
                FILL_TRY(ag_buf_printf(&gaps, "%s%zu %s without %s", gaps.len ? ", " : "", filled,
                                       nums[k].vertex ? (filled == 1 ? "vertex" : "vertices") : (filled == 1 ? "edge" : "edges"),
                                       nums[k].name));
        }
    }
    if (attr_type(g, IGRAPH_ATTRIBUTE_EDGE, "negated") < 0) {
        FILL_TRY(igraph_vector_bool_init(&bvec, ne)); /* all false */
        b_live = true;
        FILL_TRY(igraph_cattribute_EAB_setv(g, "negated", &bvec));
        FILL_TRY(list_add(&missing_e, "negated"));
    }
    if (missing_v.len || missing_e.len || converted.len || gaps.len) {
        fprintf(stderr, "accusegraph: warning: %s: not written by accusegraph; filled with defaults (see the README,"
                        " \"Graphs from other programs\"):", name);
        const char *sep = " ";
        if (missing_v.len)
            fprintf(stderr, "%sno vertex attribute %s", sep, missing_v.data), sep = "; ";
        if (missing_e.len)
            fprintf(stderr, "%sno edge attribute %s", sep, missing_e.data), sep = "; ";
        if (gaps.len)
            fprintf(stderr, "%s%s", sep, gaps.data), sep = "; ";
        if (converted.len)
            fprintf(stderr, "%snumbers read as text: %s", sep, converted.data);
        fputc('\n', stderr);
    }
cleanup:
#undef FILL_TRY
    if (sv_live)
        igraph_strvector_destroy(&sv);
    if (n_live)
        igraph_vector_destroy(&nvec);
    if (b_live)
        igraph_vector_bool_destroy(&bvec);
    ag_buf_destroy(&missing_v), ag_buf_destroy(&missing_e), ag_buf_destroy(&converted), ag_buf_destroy(&gaps);
    if (st)
        ag_fail(err, st, "out of memory reading %s", name);
    return st;
}

/* ---- node ids ---- */

/* A set of strings (open addressing), for the node ids a GraphML file declares. */
typedef struct idset {
    char **slot;
    size_t mask, n;
} idset;

static uint64_t id_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* Adds s[0..n); *dup when it was there. False when out of memory. */
static bool idset_add(idset *t, const char *s, size_t n, bool *dup, bool insert)
{
    *dup = false;
    if (insert && (t->n + 1) * 2 > t->mask + 1) {
        size_t cap = t->slot ? (t->mask + 1) * 2 : 1024;
        char **ns = calloc(cap, sizeof *ns);
        if (!ns)
            return false;
        for (size_t i = 0; t->slot && i <= t->mask; i++)
            if (t->slot[i]) {
                size_t k = id_hash(t->slot[i], strlen(t->slot[i])) & (cap - 1);
                while (ns[k])
                    k = (k + 1) & (cap - 1);
                ns[k] = t->slot[i];
            }
        free(t->slot);
        t->slot = ns;
        t->mask = cap - 1;
    }
    if (!t->slot)
        return true; /* (a lookup in an empty set) */
    size_t k = id_hash(s, n) & t->mask;
    for (; t->slot[k]; k = (k + 1) & t->mask)
        if (strlen(t->slot[k]) == n && memcmp(t->slot[k], s, n) == 0) {
            *dup = true;
            return true;
        }
    if (insert) {
        if (!(t->slot[k] = ag_strndup(s, n)))
            return false;
        t->n++;
    }
    return true;
}

static void idset_free(idset *t)
{
    for (size_t i = 0; t->slot && i <= t->mask; i++)
        free(t->slot[i]);
    free(t->slot);
}

/* The value of attribute name in the tag text s[0..n) ("id", "source"...), or NULL. */
static const char *tag_attr(const char *s, size_t n, const char *name, size_t *len)
{
    size_t nl = strlen(name);
    for (size_t i = 1; i + nl + 2 < n; i++) {
        if ((s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n' || s[i - 1] == '\r') &&
            memcmp(s + i, name, nl) == 0) {
            size_t j = i + nl;
            while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r'))
                j++;
            if (j >= n || s[j] != '=')
                continue;
            j++;
            while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r'))
                j++;
            if (j >= n || (s[j] != '"' && s[j] != '\''))
                continue;
            const char *q = memchr(s + j + 1, s[j], n - j - 1);
            if (!q)
                return NULL;
            *len = (size_t)(q - (s + j + 1));
            return s + j + 1;
        }
    }
    return NULL;
}

/* igraph reads a node id given twice as one vertex and makes a vertex of an id an edge names but
 * no node declares: neither is the graph the file means, so one more linear pass over the tags
 * (each under AG_GRAPHML_MAX_TAG, checked before) refuses both, naming the id. fp is read with
 * pread: its position stays where it is. */
static ag_status check_node_ids(FILE *fp, const char *name, ag_err *err)
{
    idset ids = {0};
    ag_buf tag, ends; /* a <node or <edge tag; the edge ends, each NUL-terminated */
    ag_buf_init(&tag);
    ag_buf_init(&ends);
    ag_status st = AG_OK;
    int c, state = 0; /* 0 text, 1 after '<', 2 in a node or edge tag, 3 in another tag */
    char head[6];
    size_t nh = 0;
    /* read with pread, apart from the stream the XML parser reads next */
    static unsigned char chunk[65536];
    int fd = fileno(fp);
    off_t off = 0;
    ssize_t got = 0, at = 0;
    for (;;) {
        if (at == got) {
            got = pread(fd, chunk, sizeof chunk, off);
            if (got <= 0)
                break;
            off += got;
            at = 0;
        }
        if (st != AG_OK)
            break;
        c = chunk[at++];
        if (state == 0) {
            if (c == '<')
                state = 1, nh = 0;
        } else if (state == 1) {
            head[nh++] = (char)c;
            if (nh == 5) {
                bool node = memcmp(head, "node", 4) == 0, edge = memcmp(head, "edge", 4) == 0;
                if ((node || edge) && strchr(" \t\r\n/>", head[4])) {
                    ag_buf_clear(&tag);
                    if (ag_buf_append(&tag, head, 5) != AG_OK)
                        st = ag_fail(err, AG_ERR_NOMEM, "out of memory reading %s", name);
                    state = head[4] == '>' ? 0 : 2;
                    if (state == 0)
                        goto got_tag;
                } else {
                    state = 3;
                }
            } else if (c == '>') {
                state = 0;
            }
            continue;
        } else if (state == 2) {
            if (ag_buf_putc(&tag, (char)c) != AG_OK)
                st = ag_fail(err, AG_ERR_NOMEM, "out of memory reading %s", name);
            if (c == '>') {
                state = 0;
                goto got_tag;
            }
        } else if (c == '>') {
            state = 0;
        }
        continue;
    got_tag:
        if (tag.data[0] == 'n') {
            size_t n;
            const char *id = tag_attr(tag.data, tag.len, "id", &n);
            bool dup;
            if (id && !idset_add(&ids, id, n, &dup, true))
                st = ag_fail(err, AG_ERR_NOMEM, "out of memory reading %s", name);
            else if (id && dup)
                st = ag_fail(err, AG_ERR_INPUT, "%s: not a valid GraphML file (node id '%.*s' given twice)", name,
                             (int)(n > 64 ? 64 : n), id);
        } else {
            static const char *const which[] = {"source", "target"};
            for (int k = 0; k < 2 && st == AG_OK; k++) {
                size_t n;
                const char *id = tag_attr(tag.data, tag.len, which[k], &n);
                if (id && (ag_buf_append(&ends, id, n) != AG_OK || ag_buf_putc(&ends, '\0') != AG_OK))
                    st = ag_fail(err, AG_ERR_NOMEM, "out of memory reading %s", name);
            }
        }
    }
    for (size_t i = 0; st == AG_OK && i < ends.len;) {
        size_t n = strlen(ends.data + i);
        bool found;
        idset_add(&ids, ends.data + i, n, &found, false);
        if (!found)
            st = ag_fail(err, AG_ERR_INPUT, "%s: not a valid GraphML file (an edge names node '%.*s', which no node declares)",
                         name, (int)(n > 64 ? 64 : n), ends.data + i);
        i += n + 1;
    }
    idset_free(&ids);
    ag_buf_destroy(&tag);
    ag_buf_destroy(&ends);
    if (st == AG_OK && got < 0)
        st = ag_fail(err, AG_ERR_IO, "cannot read %s: %s", name, strerror(errno ? errno : EIO));
    return st;
}

ag_status ag_graph_read(const char *path, igraph_t *g, ag_err *err)
{
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    /* the sidecar build wrote beside it, while it still belongs to this very file */
    if (!is_stdin && ag_graph_cache_read(path, g)) {
        ag_status st = ag_graph_check(g, name, err);
        if (st)
            igraph_destroy(g);
        return st;
    }
    FILE *fp = is_stdin ? tmpfile() : fopen(path, "rb");
    if (!fp)
        return ag_fail(err, AG_ERR_IO, "cannot open %s: %s", is_stdin ? "a temporary file for standard input" : path,
                       strerror(errno));
    if (is_stdin) {
        /* standard input is spooled to a temporary file, so that it gets the same checks as a file */
        char chunk[65536];
        size_t n, off = 0, run = 0; /* run: bytes since the last '<' or '>' */
        bool started = false;
        while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
            /* a text or tag longer than any the file checks below let through ends the copy at
             * once too (an endless stream of spaces after a GraphML start) */
            for (size_t i = 0; i < n; i++) {
                if (chunk[i] == '<' || chunk[i] == '>')
                    run = 0;
                else if (++run > AG_GRAPHML_MAX_TEXT) {
                    fclose(fp);
                    return ag_fail(err, AG_ERR_INPUT,
                                   "%s: not a valid GraphML file (a text or tag of over %d MB before offset %zu)", name,
                                   AG_GRAPHML_MAX_TEXT >> 20, off + i);
                }
            }
            /* what no GraphML holds ends the copy at once, not at the end of an endless stream
             * (/dev/zero, yes): a NUL byte, or text before the first '<' */
            const char *z = memchr(chunk, '\0', n);
            size_t k = 0;
            if (!started && off == 0 && n >= 3 && memcmp(chunk, "\xef\xbb\xbf", 3) == 0)
                k = 3; /* a byte-order mark */
            while (!started && k < n && (chunk[k] == ' ' || chunk[k] == '\t' || chunk[k] == '\r' || chunk[k] == '\n'))
                k++;
            if (!started && k < n) {
                if (chunk[k] != '<') {
                    fclose(fp);
                    return ag_fail(err, AG_ERR_INPUT, "%s: not a GraphML file (no '<' at offset %zu)", name, off + k);
                }
                started = true;
            }
            if (z) {
                fclose(fp);
                return ag_fail(err, AG_ERR_INPUT, "%s: not a valid GraphML file (a NUL byte at offset %zu)", name,
                               off + (size_t)(z - chunk));
            }
            if (fwrite(chunk, 1, n, fp) != n)
                break;
            off += n;
        }
        if (ferror(stdin) || ferror(fp) || fflush(fp) != 0 || fseek(fp, 0, SEEK_SET) != 0) {
            int e = errno;
            fclose(fp);
            return ag_fail(err, AG_ERR_IO, "cannot read standard input: %s", strerror(e ? e : EIO));
        }
    }
    {
        /* XML holds no NUL byte: a file padded with them (or a binary file) is refused after one
         * linear scan, before the XML parser, which slows down badly on such input */
        char buf[3 + 65536]; /* the last 3 bytes of the previous chunk, then the chunk */
        char *chunk = buf + 3;
        size_t n, off = 0, keep = 0, comment_len = 0, longest = 0, tag_len = 0, tag_start = 0, decl_len = 0,
                  text_len = 0;
        bool in_comment = false, in_tag = false;
        int bang = 0; /* the tag opens "<!": 1, not: 0, unknown yet (at a chunk's end): -1 */
        int comment = 0; /* the tag opens "<!--" (1 also when unknown at a chunk's end) */
        int decl = 0;    /* the tag is a declaration ("<!DOCTYPE", "<!ENTITY"...: no comment or CDATA) */
        while ((n = fread(chunk, 1, sizeof buf - 3, fp)) > 0) {
            const char *z = memchr(chunk, '\0', n);
            if (z) {
                fclose(fp);
                return ag_fail(err, AG_ERR_INPUT, "%s: not a valid GraphML file (a NUL byte at offset %zu)", name,
                               off + (size_t)(z - chunk));
            }
            /* the longest comment, for the decision below */
            const char *p = chunk - keep, *end = chunk + n;
            while (p < end) {
                const char *q = find_bytes(p, (size_t)(end - p), in_comment ? "-->" : "<!--", in_comment ? 3 : 4);
                if (in_comment)
                    comment_len += (size_t)((q ? q : end) - (p > chunk ? p : chunk));
                if (!q)
                    break;
                if (in_comment && comment_len > longest)
                    longest = comment_len;
                in_comment = !in_comment;
                comment_len = 0;
                p = q + (in_comment ? 4 : 3);
            }
            if (in_comment && comment_len > longest)
                longest = comment_len;
            /* the longest tag (markup from '<' to '>' that is no comment, CDATA or declaration):
             * a GraphML tag is short, and a tag of megabytes (a huge attribute value) costs the
             * XML parser minutes */
            for (const char *t = chunk; t < end;) {
                if (!in_tag) {
                    const char *lt = memchr(t, '<', (size_t)(end - t));
                    if ((text_len += (size_t)((lt ? lt : end) - t)) > AG_GRAPHML_MAX_TEXT) {
                        fclose(fp);
                        return ag_fail(err, AG_ERR_INPUT,
                                       "%s: not a valid GraphML file (a text of over %d MB before offset %zu)", name,
                                       AG_GRAPHML_MAX_TEXT >> 20, off + (size_t)((lt ? lt : end) - chunk));
                    }
                    if (!lt)
                        break;
                    text_len = 0;
                    in_tag = true;
                    tag_len = 0;
                    tag_start = off + (size_t)(lt - chunk);
                    bang = lt + 1 < end ? lt[1] == '!' : -1;
                    /* a comment may be long (the reader strips long ones); CDATA and declarations may not */
                    comment = lt + 3 < end ? memcmp(lt, "<!--", 4) == 0 : 1;
                    decl = lt + 2 < end && lt[1] == '!' && lt[2] != '-' && lt[2] != '[';
                    t = lt + 1;
                    continue;
                }
                if (bang < 0)
                    bang = *t == '!';
                const char *gt = memchr(t, '>', (size_t)(end - t));
                tag_len += (size_t)((gt ? gt : end) - t);
                if ((!bang || !comment) && tag_len > AG_GRAPHML_MAX_TAG) {
                    fclose(fp);
                    return ag_fail(err, AG_ERR_INPUT, "%s: not a valid GraphML file (a tag of over %d MB at offset %zu)",
                                   name, AG_GRAPHML_MAX_TAG >> 20, tag_start);
                }
                /* a document type declaration of megabytes (thousands of entities) is no GraphML
                 * either, and costs the XML parser as much as one long tag */
                if (decl && (decl_len += (size_t)((gt ? gt : end) - t)) > AG_GRAPHML_MAX_TAG) {
                    fclose(fp);
                    return ag_fail(err, AG_ERR_INPUT,
                                   "%s: not a valid GraphML file (over %d MB of DTD declarations, at offset %zu)", name,
                                   AG_GRAPHML_MAX_TAG >> 20, tag_start);
                }
                if (!gt)
                    break;
                in_tag = false;
                t = gt + 1;
            }
            keep = n >= 3 ? 3 : n;
            memmove(buf + 3 - keep, chunk + n - keep, keep);
            off += n;
        }
        bool comments = longest > 65536;
        if (ferror(fp) || fseek(fp, 0, SEEK_SET) != 0) {
            int e = errno;
            fclose(fp);
            return ag_fail(err, AG_ERR_IO, "cannot read %s: %s", name, strerror(e ? e : EIO));
        }
        /* a GraphML ends with its root's end tag: a truncated file, or one padded after a valid
         * start (which costs the XML parser minutes), is refused here at once */
        char last[4096] = {0};
        size_t ln = 0;
        if (off > 0 && fseek(fp, off > sizeof last ? -(long)sizeof last : -(long)off, SEEK_END) == 0)
            ln = fread(last, 1, sizeof last, fp);
        /* the end tag, after which XML allows white space and comments ("</graphml >" too) */
        for (;;) {
            while (ln && (last[ln - 1] == ' ' || last[ln - 1] == '\n' || last[ln - 1] == '\r' || last[ln - 1] == '\t'))
                ln--;
            if (ln < 7 || memcmp(last + ln - 3, "-->", 3) != 0)
                break;
            size_t c = ln - 3;
            while (c >= 4 && memcmp(last + c - 4, "<!--", 4) != 0)
                c--;
            if (c < 4)
                break;
            ln = c - 4;
        }
        if (ln && last[ln - 1] == '>') {
            size_t e = ln - 1;
            while (e > 0 && (last[e - 1] == ' ' || last[e - 1] == '\t' || last[e - 1] == '\n' || last[e - 1] == '\r'))
                e--;
            if (e >= 9 && memcmp(last + e - 9, "</graphml", 9) == 0) {
                memcpy(last + e - 9, "</graphml>", 10);
                ln = e + 1;
            }
        }
        if (ln < 10 || memcmp(last + ln - 10, "</graphml>", 10) != 0) {
            fclose(fp);
            return ag_fail(err, AG_ERR_INPUT, "%s: not a valid GraphML file (it does not end with </graphml>)", name);
        }
        if (fseek(fp, 0, SEEK_SET) != 0) {
            fclose(fp);
            return ag_fail(err, AG_ERR_IO, "cannot read %s: %s", name, strerror(errno));
        }
        ag_status ids = check_node_ids(fp, name, err);
        if (ids != AG_OK) {
            fclose(fp);
            return ids;
        }
        if (comments) {
            /* the XML parser is superlinear in a long comment (16 MB: 20 s); comments mean nothing
             * in GraphML, so the parser reads a copy without them (a file with only short ones,
             * such as igraph's own header comment, is read as it is) */
            FILE *clean = without_comments(fp);
            fclose(fp);
            if (!clean)
                return ag_fail(err, AG_ERR_IO, "cannot read %s: %s", name, strerror(errno ? errno : EIO));
            fp = clean;
        }
    }
    /* igraph's own messages would duplicate ours: silence them while reading */
    igraph_error_handler_t *old = igraph_set_error_handler(igraph_error_handler_ignore);
    errno = 0;
    igraph_error_t rc = igraph_read_graph_graphml(g, fp, 0);
    int e = errno;
    igraph_set_error_handler(old);
    bool read_error = ferror(fp);
    fclose(fp); /* (standard input's spooled copy too) */
    if (read_error) {
        if (rc == IGRAPH_SUCCESS)
            igraph_destroy(g);
        return ag_fail(err, AG_ERR_IO, "cannot read %s: %s", name, strerror(e ? e : EIO));
    }
    if (rc == IGRAPH_ENOMEM)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory reading %s", name);
    if (rc != IGRAPH_SUCCESS)
        return ag_fail(err, AG_ERR_INPUT, "%s: not a valid GraphML file (%s)", name, igraph_strerror(rc));
    ag_status st = tidy_attrs(g);
    if (st)
        ag_fail(err, st, "out of memory reading %s", name);
    else if (!igraph_is_directed(g))
        st = ag_fail(err, AG_ERR_INPUT, "%s: graph is undirected; accusegraph graphs are directed", name);
    else if ((st = fill_defaults(g, name, err)) == AG_OK)
        st = ag_graph_check(g, name, err);
    if (st)
        igraph_destroy(g);
    return st;
}

/* The defaults GraphML keys declare, so that a reader fills a value left out (GraphML primer,
 * "Attributes"): the triple's defaults for numbers and booleans. Strings get none: an empty
 * <default/> reads in networkx 2.8 as the string "None". */
static const struct {
    const char *key, *value;
} key_defaults[] = {
    {"v_mentions", "0"},      {"e_confidence", "1"},     {"e_weight", "1"},
    {"e_negated", "false"},   {"e_sentence_index", "0"}, {"e_mentions", "1"},
};

/* Copies igraph's GraphML from in to out, giving the keys of key_defaults their <default>. */
static bool copy_with_defaults(FILE *in, FILE *out)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    bool in_graph = false;
    while ((n = getline(&line, &cap, in)) > 0) {
        const char *def = NULL;
        size_t klen = 0;
        if (!in_graph && strncmp(line, "  <key id=\"", 11) == 0 && n > 3 && strcmp(line + n - 3, "/>\n") == 0) {
            for (size_t i = 0; i < sizeof key_defaults / sizeof key_defaults[0] && !def; i++) {
                klen = strlen(key_defaults[i].key);
                if (strncmp(line + 11, key_defaults[i].key, klen) == 0 && line[11 + klen] == '"')
                    def = key_defaults[i].value;
            }
        }
        in_graph = in_graph || strncmp(line, "  <graph ", 9) == 0;
        if (def) {
            if (fwrite(line, 1, (size_t)n - 3, out) != (size_t)n - 3 ||
                fprintf(out, ">\n    <default>%s</default>\n  </key>\n", def) < 0)
                break;
        } else if (fwrite(line, 1, (size_t)n, out) != (size_t)n) {
            break;
        }
    }
    free(line);
    return !ferror(in) && !ferror(out) && feof(in);
}

ag_status ag_graph_write(const igraph_t *g, const char *path, ag_err *err)
{
    const char *name = path && strcmp(path, "-") != 0 ? path : "standard output";
    FILE *tmp = tmpfile();
    if (!tmp)
        return ag_fail(err, AG_ERR_IO, "cannot write %s: no temporary file: %s", name, strerror(errno));
    igraph_error_handler_t *old = igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_error_t rc = igraph_write_graph_graphml(g, tmp, 1);
    igraph_set_error_handler(old);
    if (rc != IGRAPH_SUCCESS) {
        ag_status st = ferror(tmp) ? ag_fail(err, AG_ERR_IO, "cannot write %s: %s", name, strerror(errno ? errno : EIO))
                                   : ag_fail(err, AG_ERR_INTERNAL, "cannot write %s: igraph: %s", name,
                                             igraph_strerror(rc));
        fclose(tmp);
        return st;
    }
    ag_out out;
    ag_status st = ag_out_open(&out, path, err);
    if (st) {
        fclose(tmp);
        return st;
    }
    bool ok = fflush(tmp) == 0 && fseek(tmp, 0, SEEK_SET) == 0 && copy_with_defaults(tmp, out.fp);
    fclose(tmp);
    if (!ok) {
        st = ag_fail(err, AG_ERR_IO, "cannot write %s: %s", name, strerror(errno ? errno : EIO));
        if (out.fp == stdout)
            out.fp = NULL;
        ag_out_abort(&out);
        return st;
    }
    st = ag_out_commit(&out, err);
    if (st == AG_OK && path && strcmp(path, "-") != 0) {
        ag_graph_cache_remove(path); /* the replaced file's sidecar is stale now (and would be ignored) */
    }
    return st;
}
