/* ag_analysis.c - centrality measures, rankings and summary statistics (see ag_analysis.h). */
#include "ag_analysis.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <utf8proc.h>

static const char *const measure_names[AG_M_COUNT] = {
    "in-degree", "out-degree", "in-strength", "out-strength", "pagerank", "betweenness",
    "closeness", "harmonic",  "hub",         "authority",    "eigenvector",
};

const char *ag_measure_name(ag_measure m)
{
    return (unsigned)m < AG_M_COUNT ? measure_names[m] : NULL;
}

bool ag_measure_from_name(const char *name, ag_measure *m)
{
    char buf[32];
    size_t n = strlen(name);
    if (n >= sizeof buf)
        return false;
    for (size_t i = 0; i <= n; i++)
        buf[i] = name[i] == '_' ? '-' : name[i];
    for (int i = 0; i < AG_M_COUNT; i++)
        if (strcmp(buf, measure_names[i]) == 0) {
            *m = (ag_measure)i;
            return true;
        }
    return false;
}

bool ag_measure_is_count(ag_measure m)
{
    return m == AG_M_IN_DEGREE || m == AG_M_OUT_DEGREE || m == AG_M_IN_STRENGTH ||
           m == AG_M_OUT_STRENGTH;
}

bool ag_report_format_from_name(const char *name, ag_report_format *f)
{
    static const char *const names[] = {"table", "csv", "json"};
    for (int i = 0; i < 3; i++)
        if (strcmp(name, names[i]) == 0) {
            *f = (ag_report_format)i;
            return true;
        }
    return false;
}

/* ---- attributes ---------------------------------------------------------------- */

/* The type of attribute `name` of kind elem, or -1 when g has none by that name. */
static int attr_type(const igraph_t *g, igraph_attribute_elemtype_t elem, const char *name)
{
    igraph_strvector_t gn, vn, en;
    igraph_vector_int_t gt, vt, et;
    int type = -1;
    if (igraph_strvector_init(&gn, 0))
        return -1;
    if (igraph_strvector_init(&vn, 0)) {
        igraph_strvector_destroy(&gn);
        return -1;
    }
    if (igraph_strvector_init(&en, 0)) {
        igraph_strvector_destroy(&gn);
        igraph_strvector_destroy(&vn);
        return -1;
    }
    if (igraph_vector_int_init(&gt, 0) == IGRAPH_SUCCESS) {
        if (igraph_vector_int_init(&vt, 0) == IGRAPH_SUCCESS) {
            if (igraph_vector_int_init(&et, 0) == IGRAPH_SUCCESS) {
                if (igraph_cattribute_list(g, &gn, &gt, &vn, &vt, &en, &et) == IGRAPH_SUCCESS) {
                    const igraph_strvector_t *names = elem == IGRAPH_ATTRIBUTE_VERTEX ? &vn
                                                      : elem == IGRAPH_ATTRIBUTE_EDGE ? &en
                                                                                      : &gn;
                    const igraph_vector_int_t *types = elem == IGRAPH_ATTRIBUTE_VERTEX ? &vt
                                                       : elem == IGRAPH_ATTRIBUTE_EDGE ? &et
                                                                                       : &gt;
                    for (igraph_integer_t i = 0; i < igraph_strvector_size(names); i++)
                        if (strcmp(igraph_strvector_get(names, i), name) == 0)
                            type = (int)VECTOR(*types)[i];
                }
                igraph_vector_int_destroy(&et);
            }
            igraph_vector_int_destroy(&vt);
        }
        igraph_vector_int_destroy(&gt);
    }
    igraph_strvector_destroy(&gn);
    igraph_strvector_destroy(&vn);
    igraph_strvector_destroy(&en);
    return type;
}

static ag_status igraph_fail(ag_err *err, igraph_error_t rc, const char *what)
{
    if (rc == IGRAPH_ENOMEM)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory in %s", what);
    return ag_fail(err, AG_ERR_INTERNAL, "%s failed: %s", what, igraph_strerror(rc));
}

/* String attribute `name` of every vertex (elem VERTEX) or edge (elem EDGE) into
 * out; "" everywhere when the attribute is missing or not a string. */
static ag_status element_strings(const igraph_t *g, igraph_attribute_elemtype_t elem,
                                 const char *name, igraph_strvector_t *out, ag_err *err)
{
    igraph_integer_t n = elem == IGRAPH_ATTRIBUTE_VERTEX ? igraph_vcount(g) : igraph_ecount(g);
    igraph_error_t rc;
    if (attr_type(g, elem, name) == IGRAPH_ATTRIBUTE_STRING) {
        rc = elem == IGRAPH_ATTRIBUTE_VERTEX
                 ? igraph_cattribute_VASV(g, name, igraph_vss_all(), out)
                 : igraph_cattribute_EASV(g, name, igraph_ess_all(IGRAPH_EDGEORDER_ID), out);
        if (rc != IGRAPH_SUCCESS)
            return igraph_fail(err, rc, "reading a string attribute");
        if (igraph_strvector_size(out) == n)
            return AG_OK;
    }
    igraph_strvector_clear(out);
    rc = igraph_strvector_resize(out, n);
    if (rc != IGRAPH_SUCCESS)
        return igraph_fail(err, rc, "reading a string attribute");
    return AG_OK;
}

ag_status ag_vertex_strings(const igraph_t *g, const char *name, igraph_strvector_t *out,
                            ag_err *err)
{
    return element_strings(g, IGRAPH_ATTRIBUTE_VERTEX, name, out, err);
}

ag_status ag_vertex_labels(const igraph_t *g, igraph_strvector_t *labels, ag_err *err)
{
    igraph_strvector_t ids;
    ag_status st = ag_vertex_strings(g, "label", labels, err);
    if (st != AG_OK)
        return st;
    if (igraph_strvector_init(&ids, 0) != IGRAPH_SUCCESS)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory reading labels");
    st = ag_vertex_strings(g, "id", &ids, err);
    for (igraph_integer_t i = 0; st == AG_OK && i < igraph_strvector_size(labels); i++) {
        if (igraph_strvector_get(labels, i)[0] != '\0')
            continue;
        char name[32];
        const char *id = igraph_strvector_get(&ids, i);
        if (id[0] == '\0') {
            snprintf(name, sizeof name, "n%" IGRAPH_PRId, i);
            id = name;
        }
        if (igraph_strvector_set(labels, i, id) != IGRAPH_SUCCESS)
            st = ag_fail(err, AG_ERR_NOMEM, "out of memory reading labels");
    }
    igraph_strvector_destroy(&ids);
    return st;
}

/* ---- the two views ------------------------------------------------------------- */

/* The graph a measure runs on: the multigraph (weights NULL) or the weighted
 * simple graph with its weights (strengths) and lengths (1 / weight). */
typedef struct view {
    const igraph_t *g;
    igraph_t simple;
    bool has_simple;
    igraph_vector_t weights, lengths;
    bool weighted;
} view;

static void view_destroy(view *v)
{
    if (v->has_simple)
        igraph_destroy(&v->simple);
    if (v->weighted) {
        igraph_vector_destroy(&v->weights);
        igraph_vector_destroy(&v->lengths);
    }
    v->has_simple = v->weighted = false;
}

/* Builds the weighted view: copy g, give it weight 1 per edge if it has no weight
 * attribute, check the weights, then merge parallel edges summing weights and drop
 * self-loops (igraph_simplify(multiple, loops), as python-igraph's simplify()). The
 * catch-all "" IGNORE avoids igraph 0.10's NULL record for attributes left to
 * DEFAULT (see notes/igraph-0.10.2.md). */
static ag_status view_weighted(view *v, const igraph_t *g, ag_err *err)
{
    igraph_attribute_combination_t comb;
    igraph_error_t rc;
    ag_status st = AG_OK;
    igraph_integer_t m = igraph_ecount(g);
    int wtype = attr_type(g, IGRAPH_ATTRIBUTE_EDGE, "weight");

    memset(v, 0, sizeof *v);
    if (wtype != -1 && wtype != IGRAPH_ATTRIBUTE_NUMERIC)
        return ag_fail(err, AG_ERR_INPUT, "edge attribute weight is not numeric");
    if ((rc = igraph_vector_init(&v->weights, 0)) != IGRAPH_SUCCESS)
        return igraph_fail(err, rc, "weighted view");
    if ((rc = igraph_vector_init(&v->lengths, 0)) != IGRAPH_SUCCESS) {
        igraph_vector_destroy(&v->weights);
        return igraph_fail(err, rc, "weighted view");
    }
    v->weighted = true;
    if ((rc = igraph_copy(&v->simple, g)) != IGRAPH_SUCCESS) {
        st = igraph_fail(err, rc, "copying the graph");
        goto cleanup;
    }
    v->has_simple = true;
    v->g = &v->simple;
    if (wtype == -1) {
        if ((rc = igraph_vector_resize(&v->weights, m)) != IGRAPH_SUCCESS) {
            st = igraph_fail(err, rc, "weighted view");
            goto cleanup;
        }
        igraph_vector_fill(&v->weights, 1.0);
        rc = igraph_cattribute_EAN_setv(&v->simple, "weight", &v->weights);
    } else {
        rc = igraph_cattribute_EANV(&v->simple, "weight", igraph_ess_all(IGRAPH_EDGEORDER_ID),
                                    &v->weights);
    }
    if (rc != IGRAPH_SUCCESS) {
        st = igraph_fail(err, rc, "reading edge weights");
        goto cleanup;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        double w = VECTOR(v->weights)[e];
        if (!isfinite(w) || w <= 0) {
            st = ag_fail(err, AG_ERR_INPUT, "edge %" IGRAPH_PRId " has weight %g; weights must be positive",
                         e, w);
            goto cleanup;
        }
    }
    if ((rc = igraph_attribute_combination(&comb, "weight", IGRAPH_ATTRIBUTE_COMBINE_SUM, "",
                                           IGRAPH_ATTRIBUTE_COMBINE_IGNORE,
                                           IGRAPH_NO_MORE_ATTRIBUTES)) != IGRAPH_SUCCESS) {
        st = igraph_fail(err, rc, "weighted view");
        goto cleanup;
    }
    rc = igraph_simplify(&v->simple, /*multiple=*/true, /*loops=*/true, &comb);
    igraph_attribute_combination_destroy(&comb);
    if (rc != IGRAPH_SUCCESS) {
        st = igraph_fail(err, rc, "merging parallel edges");
        goto cleanup;
    }
    rc = igraph_cattribute_EANV(&v->simple, "weight", igraph_ess_all(IGRAPH_EDGEORDER_ID),
                                &v->weights);
    if (rc == IGRAPH_SUCCESS)
        rc = igraph_vector_resize(&v->lengths, igraph_vector_size(&v->weights));
    if (rc != IGRAPH_SUCCESS) {
        st = igraph_fail(err, rc, "reading merged weights");
        goto cleanup;
    }
    for (igraph_integer_t e = 0; e < igraph_vector_size(&v->weights); e++)
        VECTOR(v->lengths)[e] = 1.0 / VECTOR(v->weights)[e];
    return AG_OK;
cleanup:
    view_destroy(v);
    return st;
}

/* The weights of g's edges into w (resized; 1 without the attribute); *nonunit tells whether
 * one of them is not 1. */
static ag_status edge_weights(const igraph_t *g, igraph_vector_t *w, bool *nonunit, ag_err *err)
{
    igraph_integer_t m = igraph_ecount(g);
    *nonunit = false;
    int wtype = attr_type(g, IGRAPH_ATTRIBUTE_EDGE, "weight");
    if (wtype != -1 && wtype != IGRAPH_ATTRIBUTE_NUMERIC)
        return ag_fail(err, AG_ERR_INPUT, "edge attribute weight is not numeric");
    igraph_error_t rc = wtype == -1 ? igraph_vector_resize(w, m)
                                    : igraph_cattribute_EANV(g, "weight", igraph_ess_all(IGRAPH_EDGEORDER_ID), w);
    if (rc != IGRAPH_SUCCESS)
        return igraph_fail(err, rc, "reading edge weights");
    if (wtype == -1)
        igraph_vector_fill(w, 1.0);
    for (igraph_integer_t e = 0; e < m; e++) {
        double x = VECTOR(*w)[e];
        if (!isfinite(x) || x <= 0)
            return ag_fail(err, AG_ERR_INPUT, "edge %" IGRAPH_PRId " has weight %g; weights must be positive", e, x);
        *nonunit = *nonunit || x != 1;
    }
    return AG_OK;
}

/* The multigraph, with its weights (and lengths 1/w) when one of them is not 1. */
static ag_status view_init(view *v, const igraph_t *g, bool weighted, ag_err *err)
{
    if (weighted)
        return view_weighted(v, g, err);
    memset(v, 0, sizeof *v);
    v->g = g;
    igraph_error_t rc;
    if ((rc = igraph_vector_init(&v->weights, 0)) != IGRAPH_SUCCESS)
        return igraph_fail(err, rc, "weights");
    if ((rc = igraph_vector_init(&v->lengths, 0)) != IGRAPH_SUCCESS) {
        igraph_vector_destroy(&v->weights);
        return igraph_fail(err, rc, "weights");
    }
    v->weighted = true;
    bool nonunit;
    ag_status st = edge_weights(g, &v->weights, &nonunit, err);
    if (st == AG_OK && nonunit) {
        if ((rc = igraph_vector_resize(&v->lengths, igraph_vector_size(&v->weights))) != IGRAPH_SUCCESS)
            st = igraph_fail(err, rc, "weights");
        for (igraph_integer_t e = 0; st == AG_OK && e < igraph_vector_size(&v->weights); e++)
            VECTOR(v->lengths)[e] = 1.0 / VECTOR(v->weights)[e];
    }
    if (st != AG_OK || !nonunit) {
        view_destroy(v); /* every weight 1: the plain multigraph, as igraph computes it without weights */
        v->g = g;
    }
    return st;
}

/* Eigenvector centrality by the power method on A + I (the shift breaks the period of cycles),
 * from the uniform vector, scaled to a maximum of 1: for the graphs on which ARPACK stops without
 * converging (a directed cycle of thousands of actors, whose answer the uniform vector is). At most
 * 1000 rounds, so the cost stays linear in the edges. */
static igraph_error_t eigenvector_power(const igraph_t *g, const igraph_vector_t *w, igraph_vector_t *out)
{
    igraph_integer_t n = igraph_vcount(g), m = igraph_ecount(g);
    igraph_vector_t next;
    IGRAPH_CHECK(igraph_vector_resize(out, n));
    IGRAPH_CHECK(igraph_vector_init(&next, n));
    igraph_vector_fill(out, 1.0);
    for (int round = 0; round < 1000 && n > 0; round++) {
        for (igraph_integer_t v = 0; v < n; v++)
            VECTOR(next)[v] = VECTOR(*out)[v];
        for (igraph_integer_t e = 0; e < m; e++)
            VECTOR(next)[IGRAPH_TO(g, e)] += (w ? VECTOR(*w)[e] : 1.0) * VECTOR(*out)[IGRAPH_FROM(g, e)];
        igraph_real_t top = 0, change = 0;
        for (igraph_integer_t v = 0; v < n; v++)
            top = VECTOR(next)[v] > top ? VECTOR(next)[v] : top;
        if (top <= 0)
            break;
        for (igraph_integer_t v = 0; v < n; v++) {
            igraph_real_t x = VECTOR(next)[v] / top, d = x - VECTOR(*out)[v];
            change = d > change ? d : -d > change ? -d : change;
            VECTOR(*out)[v] = x;
        }
        if (change < 1e-12)
            break;
    }
    igraph_vector_destroy(&next);
    return IGRAPH_SUCCESS;
}

static ag_status view_measure(const view *v, ag_measure m, igraph_vector_t *out, ag_err *err)
{
    const igraph_t *g = v->g;
    const igraph_vector_t *w = v->weighted ? &v->weights : NULL;
    const igraph_vector_t *len = v->weighted ? &v->lengths : NULL;
    igraph_integer_t n = igraph_vcount(g);
    igraph_error_t rc = IGRAPH_SUCCESS;
    igraph_real_t value;

    if ((unsigned)m >= AG_M_COUNT)
        return ag_fail(err, AG_ERR_USAGE, "unknown measure %d", (int)m);
    if (n == 0) /* several igraph routines reject the null graph */
        return igraph_vector_resize(out, 0) ? ag_fail(err, AG_ERR_NOMEM, "out of memory") : AG_OK;

    switch (m) {
    case AG_M_IN_DEGREE:
    case AG_M_OUT_DEGREE: {
        igraph_vector_int_t d;
        if ((rc = igraph_vector_int_init(&d, 0)) != IGRAPH_SUCCESS)
            break;
        rc = igraph_degree(g, &d, igraph_vss_all(), m == AG_M_IN_DEGREE ? IGRAPH_IN : IGRAPH_OUT,
                           /*loops=*/true);
        if (rc == IGRAPH_SUCCESS)
            rc = igraph_vector_resize(out, n);
        for (igraph_integer_t i = 0; rc == IGRAPH_SUCCESS && i < n; i++)
            VECTOR(*out)[i] = (double)VECTOR(d)[i];
        igraph_vector_int_destroy(&d);
        break;
    }
    case AG_M_IN_STRENGTH:
    case AG_M_OUT_STRENGTH:
        rc = igraph_strength(g, out, igraph_vss_all(), m == AG_M_IN_STRENGTH ? IGRAPH_IN : IGRAPH_OUT,
                             /*loops=*/true, w);
        break;
    case AG_M_PAGERANK:
        rc = igraph_pagerank(g, IGRAPH_PAGERANK_ALGO_PRPACK, out, &value, igraph_vss_all(),
                             /*directed=*/true, 0.85, w, NULL);
        break;
    case AG_M_BETWEENNESS:
        rc = igraph_betweenness(g, out, igraph_vss_all(), /*directed=*/true, len);
        break;
    case AG_M_CLOSENESS:
        rc = igraph_closeness(g, out, NULL, NULL, igraph_vss_all(), IGRAPH_OUT, len,
                              /*normalized=*/true);
        break;
    case AG_M_HARMONIC:
        rc = igraph_harmonic_centrality(g, out, igraph_vss_all(), IGRAPH_OUT, len,
                                        /*normalized=*/true);
        break;
    case AG_M_HUB:
    case AG_M_AUTHORITY: {
        igraph_vector_t other;
        if ((rc = igraph_vector_init(&other, 0)) != IGRAPH_SUCCESS)
            break;
        rc = m == AG_M_HUB
                 ? igraph_hub_and_authority_scores(g, out, &other, &value, /*scale=*/true, w, NULL)
                 : igraph_hub_and_authority_scores(g, &other, out, &value, /*scale=*/true, w, NULL);
        igraph_vector_destroy(&other);
        break;
    }
    case AG_M_EIGENVECTOR: {
        /* ARPACK gives up on some graphs (a long cycle): the power method answers then, and
         * ARPACK's complaint is no error of ours */
        igraph_error_handler_t *prev = igraph_set_error_handler(igraph_error_handler_ignore);
        rc = igraph_eigenvector_centrality(g, out, &value, /*directed=*/true, /*scale=*/true, w,
                                           NULL);
        igraph_set_error_handler(prev);
        if (rc != IGRAPH_SUCCESS && rc != IGRAPH_ENOMEM)
            rc = eigenvector_power(g, w, out);
        break;
    }
    case AG_M_COUNT:
        break;
    }
    if (rc != IGRAPH_SUCCESS)
        return igraph_fail(err, rc, ag_measure_name(m));
    for (igraph_integer_t i = 0; i < igraph_vector_size(out); i++)
        if (VECTOR(*out)[i] == 0)
            VECTOR(*out)[i] = 0.0; /* -0 from the eigensolvers prints as "-0" */
    if (igraph_vector_size(out) != n)
        return ag_fail(err, AG_ERR_INTERNAL, "%s returned %" IGRAPH_PRId " values for %" IGRAPH_PRId
                       " actors", ag_measure_name(m), igraph_vector_size(out), n);
    return AG_OK;
}

ag_status ag_centrality(const igraph_t *g, ag_measure m, bool weighted, igraph_vector_t *out,
                        ag_err *err)
{
    view v;
    ag_status st = view_init(&v, g, weighted, err);
    if (st != AG_OK)
        return st;
    st = view_measure(&v, m, out, err);
    view_destroy(&v);
    return st;
}

/* ---- ranking ------------------------------------------------------------------- */

typedef struct rank_item {
    double score;
    const char *label;
    igraph_integer_t id;
} rank_item;

static int rank_cmp(const void *pa, const void *pb)
{
    const rank_item *a = pa, *b = pb;
    bool na = isnan(a->score), nb = isnan(b->score);
    if (na != nb)
        return na ? 1 : -1;
    if (!na && a->score != b->score)
        return a->score > b->score ? -1 : 1;
    int c = strcmp(a->label, b->label);
    if (c)
        return c;
    return (a->id > b->id) - (a->id < b->id);
}

ag_status ag_rank_order(const igraph_vector_t *score, const igraph_strvector_t *labels,
                        igraph_vector_int_t *order, ag_err *err)
{
    igraph_integer_t n = igraph_vector_size(score);
    if (igraph_strvector_size(labels) != n)
        return ag_fail(err, AG_ERR_INTERNAL, "ranking: %" IGRAPH_PRId " labels for %" IGRAPH_PRId
                       " scores", igraph_strvector_size(labels), n);
    rank_item *items = malloc(sizeof *items * (size_t)(n ? n : 1));
    if (!items)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory ranking %" IGRAPH_PRId " actors", n);
    for (igraph_integer_t i = 0; i < n; i++) {
        items[i].score = VECTOR(*score)[i];
        items[i].label = igraph_strvector_get(labels, i);
        items[i].id = i;
    }
    qsort(items, (size_t)n, sizeof *items, rank_cmp);
    ag_status st = AG_OK;
    if (igraph_vector_int_resize(order, n) != IGRAPH_SUCCESS)
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory ranking %" IGRAPH_PRId " actors", n);
    for (igraph_integer_t i = 0; st == AG_OK && i < n; i++)
        VECTOR(*order)[i] = items[i].id;
    free(items);
    return st;
}

/* ---- text helpers -------------------------------------------------------------- */

/* Columns a UTF-8 string takes on a terminal (utf8proc's character widths: wide
 * East Asian characters take two, combining marks none); an invalid byte or a control character counts one. */
static size_t text_width(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
    size_t w = 0;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
        if (k <= 0) {
            w++;
            k = 1;
        } else if (cp < 0x20 || cp == 0x7F) {
            w++; /* put_cell prints it as a space */
        } else {
            int cw = utf8proc_charwidth(cp);
            w += cw > 0 ? (size_t)cw : 0;
        }
        p += k;
        left -= k;
    }
    return w;
}

/* Writes s with control characters turned into spaces, padded to width columns
 * (left-aligned) or right-aligned when right is true. */
static void put_cell(FILE *fp, const char *s, size_t width, bool right)
{
    size_t w = text_width(s);
    if (right)
        for (size_t i = w; i < width; i++)
            fputc(' ', fp);
    for (const char *p = s; *p; p++)
        fputc((unsigned char)*p < 0x20 || *p == 0x7F ? ' ' : *p, fp);
    if (!right)
        for (size_t i = w; i < width; i++)
            fputc(' ', fp);
}

/* One CSV cell (RFC 4180), with spreadsheet formulas neutralised. */
static void put_csv_text(FILE *fp, const char *s)
{
    bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
                   s[0] == '\r';
    bool quote = formula || strpbrk(s, ",\"\r\n") != NULL || (s[0] == ' ') ||
                 (s[0] && s[strlen(s) - 1] == ' ');
    if (quote)
        fputc('"', fp);
    if (formula)
        fputc('\'', fp);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', fp);
        fputc(*p, fp);
    }
    if (quote)
        fputc('"', fp);
}

static void format_score(char *buf, size_t n, double x, bool count, bool machine)
{
    if (isnan(x))
        snprintf(buf, n, "%s", machine ? "" : "-");
    else if (machine)
        snprintf(buf, n, "%.17g", x);
    else if (count && x == floor(x) && fabs(x) < 1e15)
        snprintf(buf, n, "%.0f", x);
    else
        snprintf(buf, n, "%.6f", x);
}

static ag_status write_check(FILE *fp, ag_err *err)
{
    if (fflush(fp) != 0 || ferror(fp))
        return ag_fail(err, AG_ERR_IO, "write error: %s", strerror(errno ? errno : EIO));
    return AG_OK;
}

/* ---- centrality report --------------------------------------------------------- */

typedef struct report {
    const igraph_t *g;
    igraph_integer_t n, rows;
    size_t nm;
    const ag_measure *ms;
    igraph_vector_t *scores; /* nm vectors */
    igraph_strvector_t labels, ids, countries;
    igraph_vector_int_t order;
} report;

static ag_status report_table(const report *r, FILE *fp)
{
    size_t wrank = 4, wlabel = 5, wcountry = 7, wm[AG_M_COUNT];
    char buf[64];
    for (igraph_integer_t k = 0; k < r->rows; k++) {
        igraph_integer_t v = VECTOR(r->order)[k];
        size_t w = text_width(igraph_strvector_get(&r->labels, v));
        if (w > wlabel)
            wlabel = w;
        w = text_width(igraph_strvector_get(&r->countries, v));
        if (w > wcountry)
            wcountry = w;
    }
    snprintf(buf, sizeof buf, "%" IGRAPH_PRId, r->rows);
    if (strlen(buf) > wrank)
        wrank = strlen(buf);
    for (size_t j = 0; j < r->nm; j++) {
        wm[j] = strlen(ag_measure_name(r->ms[j]));
        for (igraph_integer_t k = 0; k < r->rows; k++) {
            igraph_integer_t v = VECTOR(r->order)[k];
            format_score(buf, sizeof buf, VECTOR(r->scores[j])[v], ag_measure_is_count(r->ms[j]),
                         false);
            if (strlen(buf) > wm[j])
                wm[j] = strlen(buf);
        }
    }
    put_cell(fp, "rank", wrank, true);
    fputs("  ", fp);
    put_cell(fp, "label", wlabel, false);
    fputs("  ", fp);
    put_cell(fp, "country", wcountry, false);
    for (size_t j = 0; j < r->nm; j++) {
        fputs("  ", fp);
        put_cell(fp, ag_measure_name(r->ms[j]), wm[j], true);
    }
    fputc('\n', fp);
    for (igraph_integer_t k = 0; k < r->rows; k++) {
        igraph_integer_t v = VECTOR(r->order)[k];
        snprintf(buf, sizeof buf, "%" IGRAPH_PRId, k + 1);
        put_cell(fp, buf, wrank, true);
        fputs("  ", fp);
        put_cell(fp, igraph_strvector_get(&r->labels, v), wlabel, false);
        fputs("  ", fp);
        put_cell(fp, igraph_strvector_get(&r->countries, v), wcountry, false);
        for (size_t j = 0; j < r->nm; j++) {
            fputs("  ", fp);
            format_score(buf, sizeof buf, VECTOR(r->scores[j])[v], ag_measure_is_count(r->ms[j]),
                         false);
            put_cell(fp, buf, wm[j], true);
        }
        fputc('\n', fp);
    }
    return AG_OK;
}

static ag_status report_csv(const report *r, FILE *fp)
{
    char buf[64];
    fputs("rank,vertex,id,label,country", fp);
    for (size_t j = 0; j < r->nm; j++)
        fprintf(fp, ",%s", ag_measure_name(r->ms[j]));
    fputs("\r\n", fp);
    for (igraph_integer_t k = 0; k < r->rows; k++) {
        igraph_integer_t v = VECTOR(r->order)[k];
        fprintf(fp, "%" IGRAPH_PRId ",%" IGRAPH_PRId ",", k + 1, v);
        put_csv_text(fp, igraph_strvector_get(&r->ids, v));
        fputc(',', fp);
        put_csv_text(fp, igraph_strvector_get(&r->labels, v));
        fputc(',', fp);
        put_csv_text(fp, igraph_strvector_get(&r->countries, v));
        for (size_t j = 0; j < r->nm; j++) {
            format_score(buf, sizeof buf, VECTOR(r->scores[j])[v], false, true);
            fprintf(fp, ",%s", buf);
        }
        fputs("\r\n", fp);
    }
    return AG_OK;
}

/* cJSON prints NaN and infinities as null, and other numbers so they read back
 * as the same double (%.15g, or %.17g when that is not exact). */
static ag_status report_json(const report *r, bool weighted, ag_measure sort_by, FILE *fp,
                             ag_err *err)
{
    ag_status st = AG_OK;
    cJSON *root = cJSON_CreateObject(), *arr = NULL;
    char *text = NULL;
    bool ok = root && cJSON_AddBoolToObject(root, "weighted", weighted) &&
              (arr = cJSON_AddArrayToObject(root, "measures")) != NULL;
    for (size_t j = 0; ok && j < r->nm; j++) {
        cJSON *s = cJSON_CreateString(ag_measure_name(r->ms[j]));
        ok = s && cJSON_AddItemToArray(arr, s);
    }
    ok = ok && cJSON_AddStringToObject(root, "sort", ag_measure_name(sort_by)) &&
         cJSON_AddNumberToObject(root, "actors", (double)r->n) &&
         (arr = cJSON_AddArrayToObject(root, "rows")) != NULL;
    for (igraph_integer_t k = 0; ok && k < r->rows; k++) {
        igraph_integer_t v = VECTOR(r->order)[k];
        cJSON *row = cJSON_CreateObject();
        ok = row && cJSON_AddItemToArray(arr, row);
        ok = ok && cJSON_AddNumberToObject(row, "rank", (double)(k + 1)) &&
             cJSON_AddNumberToObject(row, "vertex", (double)v) &&
             cJSON_AddStringToObject(row, "id", igraph_strvector_get(&r->ids, v)) &&
             cJSON_AddStringToObject(row, "label", igraph_strvector_get(&r->labels, v)) &&
             cJSON_AddStringToObject(row, "country", igraph_strvector_get(&r->countries, v));
        for (size_t j = 0; ok && j < r->nm; j++) {
            double x = VECTOR(r->scores[j])[v];
            ok = isnan(x) ? cJSON_AddNullToObject(row, ag_measure_name(r->ms[j])) != NULL
                          : cJSON_AddNumberToObject(row, ag_measure_name(r->ms[j]), x) != NULL;
        }
    }
    if (ok)
        text = cJSON_Print(root);
    if (!text)
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory writing JSON");
    else
        fprintf(fp, "%s\n", text);
    cJSON_free(text);
    cJSON_Delete(root);
    return st;
}

ag_status ag_centrality_report(const igraph_t *g, const ag_measure *ms, size_t nm, bool weighted,
                               ag_measure sort_by, size_t top, ag_report_format fmt, FILE *fp,
                               ag_err *err)
{
    report r;
    view v;
    ag_status st;
    size_t sort_j = nm, inited = 0;
    bool has_view = false, has_strings = false, has_order = false;
    igraph_vector_t sort_scores;
    bool has_sort = false;

    memset(&r, 0, sizeof r);
    r.g = g;
    r.ms = ms;
    r.nm = nm;
    r.n = igraph_vcount(g);
    if (nm == 0 || nm > AG_M_COUNT)
        return ag_fail(err, AG_ERR_USAGE, "between 1 and %d measures expected", AG_M_COUNT);
    for (size_t j = 0; j < nm; j++) {
        if (!ag_measure_name(ms[j]))
            return ag_fail(err, AG_ERR_USAGE, "unknown measure %d", (int)ms[j]);
        for (size_t i = 0; i < j; i++)
            if (ms[i] == ms[j])
                return ag_fail(err, AG_ERR_USAGE, "measure %s given twice", ag_measure_name(ms[j]));
        if (ms[j] == sort_by)
            sort_j = j;
    }
    r.scores = calloc(nm, sizeof *r.scores);
    if (!r.scores)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");

    if ((st = view_init(&v, g, weighted, err)) != AG_OK)
        goto cleanup;
    has_view = true;
    for (; inited < nm; inited++)
        if (igraph_vector_init(&r.scores[inited], 0) != IGRAPH_SUCCESS) {
            st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
            goto cleanup;
        }
    for (size_t j = 0; j < nm; j++)
        if ((st = view_measure(&v, ms[j], &r.scores[j], err)) != AG_OK)
            goto cleanup;
    if (sort_j == nm) {
        if (igraph_vector_init(&sort_scores, 0) != IGRAPH_SUCCESS) {
            st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
            goto cleanup;
        }
        has_sort = true;
        if ((st = view_measure(&v, sort_by, &sort_scores, err)) != AG_OK)
            goto cleanup;
    }

    if (igraph_strvector_init(&r.labels, 0) != IGRAPH_SUCCESS) {
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    if (igraph_strvector_init(&r.ids, 0) != IGRAPH_SUCCESS) {
        igraph_strvector_destroy(&r.labels);
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    if (igraph_strvector_init(&r.countries, 0) != IGRAPH_SUCCESS) {
        igraph_strvector_destroy(&r.labels);
        igraph_strvector_destroy(&r.ids);
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    has_strings = true;
    if ((st = ag_vertex_labels(g, &r.labels, err)) != AG_OK ||
        (st = ag_vertex_strings(g, "id", &r.ids, err)) != AG_OK ||
        (st = ag_vertex_strings(g, "country", &r.countries, err)) != AG_OK)
        goto cleanup;
    if (igraph_vector_int_init(&r.order, 0) != IGRAPH_SUCCESS) {
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    has_order = true;
    if ((st = ag_rank_order(sort_j < nm ? &r.scores[sort_j] : &sort_scores, &r.labels, &r.order,
                            err)) != AG_OK)
        goto cleanup;
    r.rows = top && (igraph_integer_t)top < r.n ? (igraph_integer_t)top : r.n;

    switch (fmt) {
    case AG_REPORT_TABLE: st = report_table(&r, fp); break;
    case AG_REPORT_CSV: st = report_csv(&r, fp); break;
    case AG_REPORT_JSON: st = report_json(&r, weighted, sort_by, fp, err); break;
    default: st = ag_fail(err, AG_ERR_USAGE, "unknown output format %d", (int)fmt); break;
    }
    if (st == AG_OK)
        st = write_check(fp, err);

cleanup:
    if (has_order)
        igraph_vector_int_destroy(&r.order);
    if (has_strings) {
        igraph_strvector_destroy(&r.labels);
        igraph_strvector_destroy(&r.ids);
        igraph_strvector_destroy(&r.countries);
    }
    if (has_sort)
        igraph_vector_destroy(&sort_scores);
    for (size_t j = 0; j < inited; j++)
        igraph_vector_destroy(&r.scores[j]);
    free(r.scores);
    if (has_view)
        view_destroy(&v);
    return st;
}

/* ---- stats --------------------------------------------------------------------- */

typedef struct pair {
    igraph_integer_t from, to;
} pair;

static int pair_cmp(const void *pa, const void *pb)
{
    const pair *a = pa, *b = pb;
    if (a->from != b->from)
        return (a->from > b->from) - (a->from < b->from);
    return (a->to > b->to) - (a->to < b->to);
}

static int count_cmp(const void *pa, const void *pb)
{
    const ag_count *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    int c = strcmp(a->name, b->name);
    return c ? c : strcmp(a->country, b->country);
}

static void counts_free(ag_count *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++) {
        free(c[i].name);
        free(c[i].country);
        free(c[i].id);
    }
    free(c);
}

/* The actors with strength > 0 in direction mode (weights w), best first, at most top (0 = all). */
static ag_status actor_table(const igraph_t *g, igraph_neimode_t mode, const igraph_vector_t *w,
                             const igraph_strvector_t *labels, const igraph_strvector_t *countries,
                             const igraph_strvector_t *ids, size_t top, ag_count **out, size_t *nout, ag_err *err)
{
    igraph_vector_t d;
    igraph_integer_t n = igraph_vcount(g);
    ag_count *c = NULL;
    size_t k = 0;
    ag_status st = AG_OK;

    *out = NULL;
    *nout = 0;
    if (igraph_vector_init(&d, 0) != IGRAPH_SUCCESS)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    igraph_error_t rc = igraph_strength(g, &d, igraph_vss_all(), mode, true, w);
    if (rc != IGRAPH_SUCCESS) {
        st = igraph_fail(err, rc, "strength");
        goto cleanup;
    }
    c = calloc((size_t)(n ? n : 1), sizeof *c);
    if (!c) {
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    for (igraph_integer_t i = 0; i < n; i++) {
        if (VECTOR(d)[i] == 0)
            continue;
        c[k].count = VECTOR(d)[i];
        c[k].name = ag_strdup(igraph_strvector_get(labels, i));
        c[k].country = ag_strdup(igraph_strvector_get(countries, i));
        c[k].id = ag_strdup(igraph_strvector_get(ids, i));
        k++;
        if (!c[k - 1].name || !c[k - 1].country || !c[k - 1].id) {
            st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
            goto cleanup;
        }
    }
    qsort(c, k, sizeof *c, count_cmp);
    if (top && k > top) {
        for (size_t i = top; i < k; i++) {
            free(c[i].name);
            free(c[i].country);
            free(c[i].id);
        }
        k = top;
    }
    *out = c;
    *nout = k;
    c = NULL;
cleanup:
    counts_free(c, k);
    igraph_vector_destroy(&d);
    return st;
}

/* Counts per distinct string of es (sorted copy), best first. */
typedef struct weighted_str {
    const char *s;
    double w;
} weighted_str;

static int wstr_cmp(const void *pa, const void *pb)
{
    return strcmp(((const weighted_str *)pa)->s, ((const weighted_str *)pb)->s);
}

static ag_status string_counts(const igraph_strvector_t *es, const igraph_vector_t *w, ag_count **out,
                               size_t *nout, ag_err *err)
{
    size_t m = (size_t)igraph_strvector_size(es), k = 0;
    weighted_str *s = malloc(sizeof *s * (m ? m : 1));
    ag_count *c = calloc(m ? m : 1, sizeof *c);
    ag_status st = AG_OK;

    *out = NULL;
    *nout = 0;
    if (!s || !c) {
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < m; i++)
        s[i] = (weighted_str){igraph_strvector_get(es, (igraph_integer_t)i), VECTOR(*w)[i]};
    qsort(s, m, sizeof *s, wstr_cmp);
    for (size_t i = 0; i < m; i++) {
        if (k > 0 && strcmp(c[k - 1].name, s[i].s) == 0) {
            c[k - 1].count += s[i].w;
            continue;
        }
        c[k].name = ag_strdup(s[i].s);
        c[k].country = ag_strdup("");
        c[k].count = s[i].w;
        k++;
        if (!c[k - 1].name || !c[k - 1].country) {
            st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
            goto cleanup;
        }
    }
    qsort(c, k, sizeof *c, count_cmp);
    *out = c;
    *nout = k;
    c = NULL;
cleanup:
    counts_free(c, k);
    free(s);
    return st;
}

/* Pairs, mutual pairs and loops (by weight w) from the edge list. */
static ag_status pair_stats(const igraph_t *g, const igraph_vector_t *w, ag_stats *st_out, ag_err *err)
{
    igraph_integer_t m = igraph_ecount(g);
    pair *p = malloc(sizeof *p * (size_t)(m ? m : 1));
    size_t np = 0;
    if (!p)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    for (igraph_integer_t e = 0; e < m; e++) {
        igraph_integer_t from = IGRAPH_FROM(g, e), to = IGRAPH_TO(g, e);
        if (from == to) {
            st_out->self_accusations += VECTOR(*w)[e];
            continue;
        }
        p[np].from = from;
        p[np].to = to;
        np++;
    }
    qsort(p, np, sizeof *p, pair_cmp);
    size_t u = 0;
    for (size_t i = 0; i < np; i++)
        if (u == 0 || pair_cmp(&p[u - 1], &p[i]) != 0)
            p[u++] = p[i];
    st_out->pairs = (long)u;
    for (size_t i = 0; i < u; i++) {
        pair rev = {p[i].to, p[i].from};
        if (p[i].from < p[i].to && bsearch(&rev, p, u, sizeof *p, pair_cmp))
            st_out->mutual_pairs++;
    }
    st_out->reciprocity = u ? 2.0 * (double)st_out->mutual_pairs / (double)u : NAN;
    free(p);
    return AG_OK;
}

static ag_status date_stats(const igraph_strvector_t *dates, const igraph_vector_t *w, ag_stats *st)
{
    for (igraph_integer_t e = 0; e < igraph_strvector_size(dates); e++) {
        const char *d = igraph_strvector_get(dates, e);
        if (!d[0] || strlen(d) >= sizeof st->first_date || !ag_date_valid(d))
            continue;
        if (st->dated == 0 || strcmp(d, st->first_date) < 0)
            strcpy(st->first_date, d);
        if (st->dated == 0 || strcmp(d, st->last_date) > 0)
            strcpy(st->last_date, d);
        st->dated += VECTOR(*w)[e];
    }
    return AG_OK;
}

/* Edges whose boolean attribute "negated" is true (none when it is missing). */
static ag_status count_negated(const igraph_t *g, const igraph_vector_t *w, ag_stats *st, ag_err *err)
{
    igraph_vector_bool_t neg;
    if (attr_type(g, IGRAPH_ATTRIBUTE_EDGE, "negated") != IGRAPH_ATTRIBUTE_BOOLEAN)
        return AG_OK;
    if (igraph_vector_bool_init(&neg, 0) != IGRAPH_SUCCESS)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    igraph_error_t rc = igraph_cattribute_EABV(g, "negated", igraph_ess_all(IGRAPH_EDGEORDER_ID), &neg);
    for (igraph_integer_t e = 0; rc == IGRAPH_SUCCESS && e < igraph_vector_bool_size(&neg); e++)
        if (VECTOR(neg)[e])
            st->negated += VECTOR(*w)[e];
    igraph_vector_bool_destroy(&neg);
    return rc == IGRAPH_SUCCESS ? AG_OK : igraph_fail(err, rc, "reading attribute negated");
}

ag_status ag_stats_compute(const igraph_t *g, size_t top, ag_stats *st, ag_err *err)
{
    igraph_strvector_t labels, countries, strs;
    igraph_vector_int_t deg;
    igraph_vector_t w;
    ag_status rc = AG_OK;
    int have = 0;
    bool nonunit;

    memset(st, 0, sizeof *st);
    st->actors = (long)igraph_vcount(g);
    st->reciprocity = NAN;
    if (igraph_vector_init(&w, 0) != IGRAPH_SUCCESS)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    if ((rc = edge_weights(g, &w, &nonunit, err)) != AG_OK) {
        igraph_vector_destroy(&w);
        return rc;
    }
    st->accusations = igraph_vector_sum(&w);
    if (igraph_strvector_init(&labels, 0) != IGRAPH_SUCCESS) {
        igraph_vector_destroy(&w);
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    }
    have = 1;
    if (igraph_strvector_init(&countries, 0) != IGRAPH_SUCCESS) {
        rc = ag_fail(err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    have = 2;
    if (igraph_strvector_init(&strs, 0) != IGRAPH_SUCCESS) {
        rc = ag_fail(err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    have = 3;
    if (igraph_vector_int_init(&deg, 0) != IGRAPH_SUCCESS) {
        rc = ag_fail(err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    have = 4;
    igraph_error_t ierr = igraph_degree(g, &deg, igraph_vss_all(), IGRAPH_ALL, true);
    if (ierr != IGRAPH_SUCCESS) {
        rc = igraph_fail(err, ierr, "degree");
        goto cleanup;
    }
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(&deg); i++)
        if (VECTOR(deg)[i] == 0)
            st->isolated++;
    if ((rc = pair_stats(g, &w, st, err)) != AG_OK)
        goto cleanup;
    if ((rc = ag_vertex_labels(g, &labels, err)) != AG_OK ||
        (rc = ag_vertex_strings(g, "country", &countries, err)) != AG_OK)
        goto cleanup;
    {
        igraph_strvector_t ids;
        if (igraph_strvector_init(&ids, 0) != IGRAPH_SUCCESS) {
            rc = ag_fail(err, AG_ERR_NOMEM, "out of memory");
            goto cleanup;
        }
        if ((rc = ag_vertex_strings(g, "id", &ids, err)) == AG_OK &&
            (rc = actor_table(g, IGRAPH_OUT, &w, &labels, &countries, &ids, top, &st->accusers, &st->n_accusers,
                              err)) == AG_OK)
            rc = actor_table(g, IGRAPH_IN, &w, &labels, &countries, &ids, top, &st->accused, &st->n_accused, err);
        igraph_strvector_destroy(&ids);
        if (rc != AG_OK)
            goto cleanup;
    }
    if ((rc = count_negated(g, &w, st, err)) != AG_OK)
        goto cleanup;
    if ((rc = element_strings(g, IGRAPH_ATTRIBUTE_EDGE, "date", &strs, err)) != AG_OK)
        goto cleanup;
    date_stats(&strs, &w, st);
    if ((rc = element_strings(g, IGRAPH_ATTRIBUTE_EDGE, "action", &strs, err)) != AG_OK ||
        (rc = string_counts(&strs, &w, &st->actions, &st->n_actions, err)) != AG_OK)
        goto cleanup;
cleanup:
    if (have >= 4)
        igraph_vector_int_destroy(&deg);
    if (have >= 3)
        igraph_strvector_destroy(&strs);
    if (have >= 2)
        igraph_strvector_destroy(&countries);
    igraph_strvector_destroy(&labels);
    igraph_vector_destroy(&w);
    if (rc != AG_OK)
        ag_stats_destroy(st);
    return rc;
}

void ag_stats_destroy(ag_stats *st)
{
    counts_free(st->accusers, st->n_accusers);
    counts_free(st->accused, st->n_accused);
    counts_free(st->actions, st->n_actions);
    st->accusers = st->accused = st->actions = NULL;
    st->n_accusers = st->n_accused = st->n_actions = 0;
}

static void print_counts(FILE *fp, const char *title, const ag_count *c, size_t n, bool actors)
{
    size_t wname = 0, wcountry = 0, wcount = 1, wrank = 1;
    char buf[32];
    fprintf(fp, "\n%s\n", title);
    if (n == 0) {
        fputs("  (none)\n", fp);
        return;
    }
    snprintf(buf, sizeof buf, "%zu", n);
    wrank = strlen(buf);
    for (size_t i = 0; i < n; i++) {
        const char *name = c[i].name[0] ? c[i].name : "(none)";
        if (text_width(name) > wname)
            wname = text_width(name);
        if (text_width(c[i].country) > wcountry)
            wcountry = text_width(c[i].country);
        snprintf(buf, sizeof buf, "%.15g", c[i].count);
        if (strlen(buf) > wcount)
            wcount = strlen(buf);
    }
    for (size_t i = 0; i < n; i++) {
        fputs("  ", fp);
        if (actors) {
            snprintf(buf, sizeof buf, "%zu", i + 1);
            put_cell(fp, buf, wrank, true);
            fputs("  ", fp);
        }
        put_cell(fp, c[i].name[0] ? c[i].name : "(none)", wname, false);
        fputs("  ", fp);
        if (actors && wcountry > 0) {
            put_cell(fp, c[i].country, wcountry, false);
            fputs("  ", fp);
        }
        snprintf(buf, sizeof buf, "%.15g", c[i].count);
        put_cell(fp, buf, wcount, true);
        fputc('\n', fp);
    }
}

ag_status ag_stats_print(const ag_stats *st, FILE *fp, ag_err *err)
{
    fprintf(fp, "actors          %ld (%ld with no accusation)\n", st->actors, st->isolated);
    fprintf(fp, "accusations     %.15g (%.15g self-accusations, %.15g negated)\n", st->accusations,
            st->self_accusations, st->negated);
    fprintf(fp, "distinct pairs  %ld (ordered accuser -> accused, self excluded)\n", st->pairs);
    if (isnan(st->reciprocity))
        fprintf(fp, "mutual pairs    %ld (reciprocity n/a)\n", st->mutual_pairs);
    else
        fprintf(fp, "mutual pairs    %ld (reciprocity %.3f)\n", st->mutual_pairs,
                st->reciprocity);
    if (st->dated)
        fprintf(fp, "dates           %s .. %s (%.15g of %.15g accusations dated)\n", st->first_date,
                st->last_date, st->dated, st->accusations);
    else
        fprintf(fp, "dates           none (0 of %.15g accusations dated)\n", st->accusations);
    print_counts(fp, "top accusers (accusations made)", st->accusers, st->n_accusers, true);
    print_counts(fp, "most accused (accusations received)", st->accused, st->n_accused, true);
    print_counts(fp, "actions", st->actions, st->n_actions, false);
    return write_check(fp, err);
}

static cJSON *counts_json(const ag_count *c, size_t n, const char *key, bool actors)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddItemToArray(arr, o) || (actors && !cJSON_AddStringToObject(o, "id", c[i].id ? c[i].id : "")) ||
            !cJSON_AddStringToObject(o, key, c[i].name) ||
            (actors && !cJSON_AddStringToObject(o, "country", c[i].country)) ||
            !cJSON_AddNumberToObject(o, "count", c[i].count)) {
            cJSON_Delete(arr);
            return NULL;
        }
    }
    return arr;
}

ag_status ag_stats_json(const ag_stats *st, ag_buf *out, ag_err *err)
{
    cJSON *root = cJSON_CreateObject(), *a;
    char *text = NULL;
    bool ok = root && cJSON_AddNumberToObject(root, "actors", (double)st->actors) &&
              cJSON_AddNumberToObject(root, "isolated", (double)st->isolated) &&
              cJSON_AddNumberToObject(root, "accusations", (double)st->accusations) &&
              cJSON_AddNumberToObject(root, "self_accusations", (double)st->self_accusations) &&
              cJSON_AddNumberToObject(root, "negated", (double)st->negated) &&
              cJSON_AddNumberToObject(root, "pairs", (double)st->pairs) &&
              cJSON_AddNumberToObject(root, "mutual_pairs", (double)st->mutual_pairs) &&
              (isnan(st->reciprocity) ? cJSON_AddNullToObject(root, "reciprocity") != NULL
                                      : cJSON_AddNumberToObject(root, "reciprocity",
                                                                st->reciprocity) != NULL) &&
              cJSON_AddNumberToObject(root, "dated", (double)st->dated) &&
              (st->dated ? cJSON_AddStringToObject(root, "first_date", st->first_date) != NULL
                         : cJSON_AddNullToObject(root, "first_date") != NULL) &&
              (st->dated ? cJSON_AddStringToObject(root, "last_date", st->last_date) != NULL
                         : cJSON_AddNullToObject(root, "last_date") != NULL);
    ok = ok && (a = counts_json(st->accusers, st->n_accusers, "label", true)) &&
         cJSON_AddItemToObject(root, "top_accusers", a);
    ok = ok && (a = counts_json(st->accused, st->n_accused, "label", true)) &&
         cJSON_AddItemToObject(root, "most_accused", a);
    ok = ok && (a = counts_json(st->actions, st->n_actions, "action", false)) &&
         cJSON_AddItemToObject(root, "actions", a);
    if (ok)
        text = cJSON_Print(root);
    ag_status rc = AG_OK;
    if (!text || ag_buf_puts(out, text) != AG_OK || ag_buf_putc(out, '\n') != AG_OK)
        rc = ag_fail(err, AG_ERR_NOMEM, "out of memory writing JSON");
    cJSON_free(text);
    cJSON_Delete(root);
    return rc;
}
