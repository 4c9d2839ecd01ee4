/* ag_export.c - export format names, dispatch, and helpers shared by the exporters. */
#include "ag_export.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ag_graph.h"
#include "export_common.h"

static const char *const format_names[] = {"graphml",    "gexf", "csv",   "json", "xlsx",
                                           "graphology", "gml",  "pajek", "dot",  "edgelist"};
enum { NFORMATS = sizeof format_names / sizeof format_names[0] };

void ag_export_opts_init(ag_export_opts *o)
{
    o->bom = false;
    o->gexf_version = AG_GEXF_13;
    o->columns = NULL;
    o->ncolumns = 0;
}

bool ag_export_format_parse(const char *name, ag_export_format *f)
{
    for (int i = 0; i < NFORMATS; i++)
        if (strcmp(name, format_names[i]) == 0) {
            *f = (ag_export_format)i;
            return true;
        }
    return false;
}

const char *ag_export_format_name(ag_export_format f)
{
    return (unsigned)f < NFORMATS ? format_names[f] : "?";
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

bool ag_export_format_for_path(const char *path, ag_export_format *f)
{
    static const struct {
        const char *ext;
        ag_export_format f;
    } ext[] = {{".graphology.json", AG_EXPORT_GRAPHOLOGY}, {".graphml", AG_EXPORT_GRAPHML}, {".gexf", AG_EXPORT_GEXF},
               {".csv", AG_EXPORT_CSV},   {".json", AG_EXPORT_JSON}, {".xlsx", AG_EXPORT_XLSX},
               {".gml", AG_EXPORT_GML},   {".net", AG_EXPORT_PAJEK}, {".dot", AG_EXPORT_DOT}};
    for (size_t i = 0; path && i < sizeof ext / sizeof ext[0]; i++)
        if (ends_with(path, ext[i].ext)) {
            *f = ext[i].f;
            return true;
        }
    return false;
}

ag_status ag_export(const igraph_t *g, ag_export_format f, const char *out, const ag_export_opts *o,
                    ag_err *err)
{
    ag_export_opts defaults;
    if (!o) {
        ag_export_opts_init(&defaults);
        o = &defaults;
    }
    switch (f) {
    case AG_EXPORT_GRAPHML: return ag_export_graphml(g, out, o, err);
    case AG_EXPORT_GEXF: return ag_export_gexf(g, out, o, err);
    case AG_EXPORT_CSV: return ag_export_csv(g, out, o, err);
    case AG_EXPORT_JSON: return ag_export_json(g, out, o, err);
    case AG_EXPORT_XLSX: return ag_export_xlsx(g, out, o, err);
    case AG_EXPORT_GRAPHOLOGY: return ag_export_graphology(g, out, o, err);
    case AG_EXPORT_GML: return ag_export_gml(g, out, o, err);
    case AG_EXPORT_PAJEK: return ag_export_pajek(g, out, o, err);
    case AG_EXPORT_DOT: return ag_export_dot(g, out, o, err);
    case AG_EXPORT_EDGELIST: return ag_export_edgelist(g, out, o, err);
    }
    return ag_fail(err, AG_ERR_USAGE, "unknown export format");
}

ag_status ag_export_csv_paths(const char *out, char **edges, char **nodes, ag_err *err)
{
    if (!out || !out[0] || strcmp(out, "-") == 0)
        return ag_fail(err, AG_ERR_USAGE, "csv export writes two files: give -o BASE (not standard output)");
    size_t n = strlen(out);
    static const char *const suffixes[] = {".edges.csv", ".nodes.csv", ".csv"};
    for (int i = 0; i < 3; i++)
        if (ends_with(out, suffixes[i])) {
            n -= strlen(suffixes[i]);
            break;
        }
    *edges = malloc(n + 11);
    *nodes = malloc(n + 11);
    if (!*edges || !*nodes) {
        free(*edges);
        free(*nodes);
        *edges = *nodes = NULL;
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    }
    snprintf(*edges, n + 11, "%.*s.edges.csv", (int)n, out);
    snprintf(*nodes, n + 11, "%.*s.nodes.csv", (int)n, out);
    return AG_OK;
}

/* ---- attribute access ---- */

const char *ag_exp_vstr(const igraph_t *g, const char *name, igraph_integer_t v)
{
    if (!igraph_cattribute_has_attr(g, IGRAPH_ATTRIBUTE_VERTEX, name))
        return "";
    const char *s = VAS(g, name, v);
    return s ? s : "";
}

double ag_exp_vnum(const igraph_t *g, const char *name, igraph_integer_t v)
{
    return igraph_cattribute_has_attr(g, IGRAPH_ATTRIBUTE_VERTEX, name) ? VAN(g, name, v) : NAN;
}

const char *ag_exp_estr(const igraph_t *g, const char *name, igraph_integer_t e)
{
    if (!igraph_cattribute_has_attr(g, IGRAPH_ATTRIBUTE_EDGE, name))
        return "";
    const char *s = EAS(g, name, e);
    return s ? s : "";
}

double ag_exp_enum(const igraph_t *g, const char *name, igraph_integer_t e)
{
    return igraph_cattribute_has_attr(g, IGRAPH_ATTRIBUTE_EDGE, name) ? EAN(g, name, e) : NAN;
}

bool ag_exp_ebool(const igraph_t *g, const char *name, igraph_integer_t e)
{
    return igraph_cattribute_has_attr(g, IGRAPH_ATTRIBUTE_EDGE, name) && EAB(g, name, e);
}

void ag_exp_free_ids(char **ids, igraph_integer_t n)
{
    if (!ids)
        return;
    for (igraph_integer_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

ag_status ag_exp_node_ids(const igraph_t *g, char ***out, ag_err *err)
{
    igraph_integer_t n = igraph_vcount(g);
    char **ids = calloc((size_t)n + 1, sizeof *ids);
    char **sorted = calloc((size_t)n + 1, sizeof *sorted);
    if (!ids || !sorted)
        goto nomem;
    bool usable = true;
    for (igraph_integer_t v = 0; v < n; v++) {
        if (!(ids[v] = ag_graph_clean(ag_exp_vstr(g, "id", v))))
            goto nomem;
        usable = usable && ids[v][0];
        sorted[v] = ids[v];
    }
    qsort(sorted, (size_t)n, sizeof *sorted, cmp_str);
    for (igraph_integer_t v = 1; usable && v < n; v++)
        usable = strcmp(sorted[v - 1], sorted[v]) != 0;
    for (igraph_integer_t v = 0; !usable && v < n; v++) {
        char buf[32];
        snprintf(buf, sizeof buf, "n%" IGRAPH_PRId, v);
        free(ids[v]);
        if (!(ids[v] = ag_strdup(buf)))
            goto nomem;
    }
    free(sorted);
    *out = ids;
    return AG_OK;
nomem:
    free(sorted);
    ag_exp_free_ids(ids, n);
    return ag_fail(err, AG_ERR_NOMEM, "out of memory");
}

/* ---- values ---- */

void ag_exp_number(char *buf, size_t n, double x)
{
    if (x == 0)
        x = 0; /* no "-0" */
    if (x == floor(x) && fabs(x) < 1e15) {
        snprintf(buf, n, "%.0f", x);
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, n, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

bool ag_exp_day(const char *date, char out[11])
{
    if (!date || !ag_date_valid(date))
        return false;
    snprintf(out, 11, "%s", date);
    if (strlen(date) == 4)
        memcpy(out + 4, "-01-01", 7);
    else if (strlen(date) == 7)
        memcpy(out + 7, "-01", 4);
    return true;
}

const char *ag_exp_edge_label(const igraph_t *g, igraph_integer_t e)
{
    const char *charge = ag_exp_estr(g, "charge", e);
    return charge[0] ? charge : ag_exp_estr(g, "action", e);
}

void ag_exp_xml(FILE *fp, const char *s)
{
    char *c = ag_graph_clean(s);
    for (const char *p = c ? c : ""; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\'': fputs("&apos;", fp); break;
        case '\t': fputs("&#9;", fp); break;
        case '\n': fputs("&#10;", fp); break;
        case '\r': fputs("&#13;", fp); break;
        default: putc(*p, fp);
        }
    }
    free(c);
}

void ag_exp_json(FILE *fp, const char *s)
{
    char *c = ag_graph_clean(s);
    putc('"', fp);
    for (const unsigned char *p = (const unsigned char *)(c ? c : ""); *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", fp); break;
        case '\\': fputs("\\\\", fp); break;
        case '\t': fputs("\\t", fp); break;
        case '\n': fputs("\\n", fp); break;
        case '\r': fputs("\\r", fp); break;
        default:
            if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
                fputs(p[2] == 0xA8 ? "\\u2028" : "\\u2029", fp);
                p += 2;
            } else {
                putc(*p, fp);
            }
        }
    }
    putc('"', fp);
    free(c);
}

void ag_exp_json_num(FILE *fp, const char *key, double x)
{
    char buf[32];
    fprintf(fp, ",\"%s\":", key);
    if (isfinite(x)) {
        ag_exp_number(buf, sizeof buf, x);
        fputs(buf, fp);
    } else {
        fputs("null", fp);
    }
}

void ag_exp_json_str(FILE *fp, const char *key, const char *value)
{
    fprintf(fp, ",\"%s\":", key);
    ag_exp_json(fp, value);
}

void ag_exp_json_extra(FILE *fp, const igraph_t *g, const ag_exp_extra *x, bool vertex, igraph_integer_t i)
{
    if (x->type == IGRAPH_ATTRIBUTE_NUMERIC)
        ag_exp_json_num(fp, x->name, vertex ? VAN(g, x->name, i) : EAN(g, x->name, i));
    else if (x->type == IGRAPH_ATTRIBUTE_BOOLEAN)
        fprintf(fp, ",\"%s\":%s", x->name, (vertex ? VAB(g, x->name, i) : EAB(g, x->name, i)) ? "true" : "false");
    else if (x->type == IGRAPH_ATTRIBUTE_STRING)
        ag_exp_json_str(fp, x->name, vertex ? VAS(g, x->name, i) : EAS(g, x->name, i));
}

ag_status ag_exp_with_columns(const igraph_t *g, const ag_export_opts *o, igraph_t *copy, ag_err *err)
{
    if (igraph_copy(copy, g) != IGRAPH_SUCCESS)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    igraph_vector_t v;
    if (igraph_vector_init(&v, 0) != IGRAPH_SUCCESS) {
        igraph_destroy(copy);
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    }
    ag_status st = AG_OK;
    for (size_t i = 0; i < o->ncolumns && st == AG_OK; i++) {
        if (igraph_vector_update(&v, o->columns[i].values) != IGRAPH_SUCCESS) {
            st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
            break;
        }
        for (igraph_integer_t k = 0; k < igraph_vector_size(&v); k++)
            if (!isfinite(VECTOR(v)[k]))
                VECTOR(v)[k] = NAN;
        if (igraph_cattribute_VAN_setv(copy, o->columns[i].name, &v) != IGRAPH_SUCCESS)
            st = ag_fail(err, AG_ERR_INTERNAL, "cannot set vertex attribute %s", o->columns[i].name);
    }
    igraph_vector_destroy(&v);
    if (st)
        igraph_destroy(copy);
    return st;
}

ag_status ag_exp_check_columns(const igraph_t *g, const ag_export_opts *o, ag_err *err)
{
    static const char *const builtin[] = {"id", "label", "type", "country", "mentions"};
    for (size_t i = 0; i < o->ncolumns; i++) {
        const ag_node_column *c = &o->columns[i];
        const char *name = c->name ? c->name : "";
        bool ok = name[0] != '\0';
        for (const char *p = name; *p; p++)
            ok = ok && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_');
        if (!ok)
            return ag_fail(err, AG_ERR_USAGE, "bad node column name '%s' (want [A-Za-z0-9_]+)", name);
        for (int k = 0; k < 5; k++)
            if (strcasecmp(name, builtin[k]) == 0)
                return ag_fail(err, AG_ERR_USAGE, "node column '%s' clashes with a built-in column", name);
        for (size_t j = 0; j < i; j++)
            if (strcasecmp(name, o->columns[j].name) == 0)
                return ag_fail(err, AG_ERR_USAGE, "node column '%s' given twice", name);
        if (!c->values || igraph_vector_size(c->values) != igraph_vcount(g))
            return ag_fail(err, AG_ERR_USAGE, "node column '%s' needs one value per vertex", name);
    }
    return AG_OK;
}

ag_status ag_exp_finish(ag_out *out, ag_status st, ag_err *err)
{
    if (st) {
        ag_out_abort(out);
        return st;
    }
    return ag_out_commit(out, err);
}

ag_status ag_exp_write_file(const igraph_t *g, const char *out, const ag_export_opts *o, ag_exp_body body,
                            ag_err *err)
{
    ag_export_opts defaults;
    if (!o) {
        ag_export_opts_init(&defaults);
        o = &defaults;
    }
    char **ids = NULL;
    ag_status st = ag_exp_check_columns(g, o, err);
    if (st || (st = ag_exp_node_ids(g, &ids, err)))
        return st;
    ag_out fo;
    if ((st = ag_out_open(&fo, out, err)) == AG_OK) {
        st = body(fo.fp, g, ids, o);
        if (st == AG_ERR_NOMEM)
            ag_fail(err, st, "out of memory");
        st = ag_exp_finish(&fo, st, err);
    }
    ag_exp_free_ids(ids, igraph_vcount(g));
    return st;
}

static bool listed(const char *name, const char *const *list)
{
    for (; list && *list; list++)
        if (strcmp(name, *list) == 0)
            return true;
    return false;
}

ag_status ag_exp_extras_init(ag_exp_extras *x, const igraph_t *g, const ag_export_opts *o,
                             const char *const *reserved)
{
    static const char *const vbuilt[] = {"label", "type", "country", "mentions", "id", NULL};
    static const char *const ebuilt[] = {"confidence", "weight", "negated", "id", NULL};
    memset(x, 0, sizeof *x);
    igraph_vector_int_t vt, et;
    if (igraph_strvector_init(&x->vnames, 0))
        return AG_ERR_NOMEM;
    if (igraph_strvector_init(&x->enames, 0)) {
        igraph_strvector_destroy(&x->vnames);
        return AG_ERR_NOMEM;
    }
    if (igraph_vector_int_init(&vt, 0) || igraph_vector_int_init(&et, 0)) {
        igraph_vector_int_destroy(&vt); /* (destroying a vector that failed to initialise is safe: it holds NULL) */
        ag_exp_extras_destroy(x);
        return AG_ERR_NOMEM;
    }
    ag_status st = AG_OK;
    if (igraph_cattribute_list(g, NULL, NULL, &x->vnames, &vt, &x->enames, &et) != IGRAPH_SUCCESS)
        st = AG_ERR_NOMEM;
    igraph_integer_t nvn = igraph_strvector_size(&x->vnames), nen = igraph_strvector_size(&x->enames);
    if (!st && (!(x->v = calloc((size_t)nvn + 1, sizeof *x->v)) || !(x->e = calloc((size_t)nen + 1, sizeof *x->e))))
        st = AG_ERR_NOMEM;
    for (igraph_integer_t i = 0; !st && i < nvn; i++) {
        const char *n = igraph_strvector_get(&x->vnames, i);
        bool column = false;
        for (size_t c = 0; c < o->ncolumns; c++)
            column = column || strcmp(o->columns[c].name, n) == 0;
        if (!column && !listed(n, vbuilt) && !listed(n, reserved))
            x->v[x->nv++] = (ag_exp_extra){n, (int)VECTOR(vt)[i]};
    }
    for (igraph_integer_t i = 0; !st && i < nen; i++) {
        const char *n = igraph_strvector_get(&x->enames, i);
        if (!listed(n, ag_exp_edge_texts) && !listed(n, ag_exp_edge_counts) && !listed(n, ebuilt) &&
            !listed(n, reserved))
            x->e[x->ne++] = (ag_exp_extra){n, (int)VECTOR(et)[i]};
    }
    igraph_vector_int_destroy(&vt);
    igraph_vector_int_destroy(&et);
    if (st)
        ag_exp_extras_destroy(x);
    return st;
}

void ag_exp_extras_destroy(ag_exp_extras *x)
{
    igraph_strvector_destroy(&x->vnames);
    igraph_strvector_destroy(&x->enames);
    free(x->v);
    free(x->e);
    memset(x, 0, sizeof *x);
}

double ag_exp_size_basis(const igraph_t *g, const ag_export_opts *o, igraph_integer_t v)
{
    for (size_t i = 0; i < o->ncolumns; i++)
        if (strcmp(o->columns[i].name, "pagerank") == 0)
            return VECTOR(*o->columns[i].values)[v];
    return ag_exp_vnum(g, "mentions", v);
}

const char *const ag_exp_edge_texts[] = {"action", "code", "date", "date_precision", "doc", "url", "title",
                                         "publisher", "published", "sentence", "charge", "topic", "rule",
                                         "sentence_indexes", "sentences", NULL};
const char *const ag_exp_edge_counts[] = {"sentence_index", "mentions", NULL};

/* ---- the event table ---- */

/* CAMEO 1.1b3 root codes and the QuadClass the GDELT 2.0 event codebook gives each. */
static const struct {
    char root[3];
    int quad;
} cameo_roots[] = {
    {"01", 1}, {"02", 1}, {"03", 1}, {"04", 1}, {"05", 1}, /* statements, appeals, intents, consultations */
    {"06", 2}, {"07", 2}, {"08", 2}, {"09", 2},            /* cooperation, aid, yielding, investigation */
    {"10", 3}, {"11", 3}, {"12", 3}, {"13", 3}, {"14", 3}, /* demands, disapproval, rejection, threats, protest */
    {"15", 4}, {"16", 4}, {"17", 4}, {"18", 4}, {"19", 4}, {"20", 4}, /* force, reduced relations ... violence */
};

bool ag_exp_cameo_root(const char *code, char root[3], int *quad)
{
    root[0] = '\0';
    *quad = 0;
    size_t n = strlen(code);
    if (n < 2 || n > 4 || strspn(code, "0123456789") != n)
        return false;
    for (size_t i = 0; i < sizeof cameo_roots / sizeof cameo_roots[0]; i++)
        if (memcmp(code, cameo_roots[i].root, 2) == 0) {
            memcpy(root, code, 2);
            root[2] = '\0';
            *quad = cameo_roots[i].quad;
            return true;
        }
    return false;
}

const ag_exp_column ag_exp_event_columns[AG_EXP_NEVENT] = {
    {"source_name", AG_CELL_TEXT},    {"source_country", AG_CELL_TEXT}, {"source_type", AG_CELL_TEXT},
    {"target_name", AG_CELL_TEXT},    {"target_country", AG_CELL_TEXT}, {"target_type", AG_CELL_TEXT},
    {"action", AG_CELL_TEXT},         {"cameo_code", AG_CELL_TEXT},     {"cameo_root", AG_CELL_TEXT},
    {"quad_class", AG_CELL_NUMBER},   {"year", AG_CELL_NUMBER},         {"month", AG_CELL_NUMBER},
    {"date", AG_CELL_DATE},           {"date_precision", AG_CELL_TEXT}, {"doc", AG_CELL_TEXT},
    {"url", AG_CELL_TEXT},            {"title", AG_CELL_TEXT},          {"publisher", AG_CELL_TEXT},
    {"published", AG_CELL_DATE},      {"sentence_index", AG_CELL_NUMBER}, {"sentence", AG_CELL_TEXT},
    {"charge", AG_CELL_TEXT},         {"topic", AG_CELL_TEXT},          {"confidence", AG_CELL_NUMBER},
    {"rule", AG_CELL_TEXT},           {"mentions", AG_CELL_NUMBER},     {"sentence_indexes", AG_CELL_TEXT},
    {"sentences", AG_CELL_TEXT},
};

/* The label of vertex v, or its id when it has none. */
static const char *vertex_name(const igraph_t *g, igraph_integer_t v)
{
    const char *label = ag_exp_vstr(g, "label", v);
    return label[0] ? label : ag_exp_vstr(g, "id", v);
}

void ag_exp_event_row(const igraph_t *g, igraph_integer_t e, ag_exp_cell *row, ag_exp_row_buf *buf)
{
    igraph_integer_t from = IGRAPH_FROM(g, e), to = IGRAPH_TO(g, e);
    const char *code = ag_exp_estr(g, "code", e), *date = ag_exp_estr(g, "date", e);
    int quad;
    ag_exp_cameo_root(code, buf->root, &quad);
    double year = NAN, month = NAN;
    if (date[0] && ag_date_valid(date)) {
        year = atoi(date);
        if (strlen(date) >= 7)
            month = atoi(date + 5);
    }
    double mentions = ag_exp_enum(g, "mentions", e);
    const ag_exp_cell cells[AG_EXP_NEVENT] = {
        {vertex_name(g, from), NAN},
        {ag_exp_vstr(g, "country", from), NAN},
        {ag_exp_vstr(g, "type", from), NAN},
        {vertex_name(g, to), NAN},
        {ag_exp_vstr(g, "country", to), NAN},
        {ag_exp_vstr(g, "type", to), NAN},
        {ag_exp_estr(g, "action", e), NAN},
        {code, NAN},
        {buf->root, NAN},
        {"", quad ? quad : NAN},
        {"", year},
        {"", month},
        {date, NAN},
        {ag_exp_estr(g, "date_precision", e), NAN},
        {ag_exp_estr(g, "doc", e), NAN},
        {ag_exp_estr(g, "url", e), NAN},
        {ag_exp_estr(g, "title", e), NAN},
        {ag_exp_estr(g, "publisher", e), NAN},
        {ag_exp_estr(g, "published", e), NAN},
        {"", ag_exp_enum(g, "sentence_index", e)},
        {ag_exp_estr(g, "sentence", e), NAN},
        {ag_exp_estr(g, "charge", e), NAN},
        {ag_exp_estr(g, "topic", e), NAN},
        {"", ag_exp_enum(g, "confidence", e)},
        {ag_exp_estr(g, "rule", e), NAN},
        {"", isnan(mentions) ? 1 : mentions}, /* a graph without the attribute: one report per edge */
        {ag_exp_estr(g, "sentence_indexes", e), NAN},
        {ag_exp_estr(g, "sentences", e), NAN},
    };
    memcpy(row, cells, sizeof cells);
}
