/* export_gexf.c - GEXF for Gephi: a dynamic graph whose timeline plays the accusations.
 *
 * GEXF 1.3: <graph mode="dynamic" defaultedgetype="directed" timeformat="date"
 * timerepresentation="timestamp">; one <edge id="eK" kind="ACTION" weight="W"
 * label="CHARGE|ACTION" timestamp="DAY"> per accusation (no timestamp when undated, the first
 * day of the period for a month or a year), attvalues for the other edge attributes and a
 * viz:color by action. Nodes carry type, country, mentions and any extra columns, a spell from
 * their first to their last dated accusation (none when they have none dated), a viz:color by
 * actor type and a viz:size of 10 + 40 * pagerank / the largest pagerank (mentions when there is
 * no pagerank column). The colours are the picture's (ag_render_action_color, _type_color).
 * Any other attribute of the graph (another program's, ag_exp_extras_init) follows the built-in
 * ones as a string, double or boolean attribute. Valid against schemas/gexf-1.3/gexf.rng.
 * GEXF 1.2draft (networkx 2.8's read_gexf): the same with the 1.2draft namespaces, no
 * timerepresentation, an edge's day as start="DAY" end="DAY" and no kind. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ag_render.h"
#include "export_common.h"


static void attr_decl(FILE *fp, const char *id, const char *type)
{
    fputs("      <attribute id=\"", fp);
    ag_exp_xml(fp, id);
    fputs("\" title=\"", fp);
    ag_exp_xml(fp, id);
    fprintf(fp, "\" type=\"%s\"/>\n", type);
}

static void attvalue(FILE *fp, const char *id, const char *value)
{
    fputs("          <attvalue for=\"", fp);
    ag_exp_xml(fp, id);
    fputs("\" value=\"", fp);
    ag_exp_xml(fp, value);
    fputs("\"/>\n", fp);
}

static const char *gexf_type(int igraph_type)
{
    return igraph_type == IGRAPH_ATTRIBUTE_NUMERIC ? "double" : igraph_type == IGRAPH_ATTRIBUTE_BOOLEAN ? "boolean" : "string";
}

/* The attvalue of an extra attribute of vertex (or edge) i; none for a number left out (NaN). */
static void extra_value(FILE *fp, const igraph_t *g, const ag_exp_extra *x, bool vertex, igraph_integer_t i)
{
    char num[32];
    if (x->type == IGRAPH_ATTRIBUTE_NUMERIC) {
        double v = vertex ? VAN(g, x->name, i) : EAN(g, x->name, i);
        if (isfinite(v)) {
            ag_exp_number(num, sizeof num, v);
            attvalue(fp, x->name, num);
        }
    } else if (x->type == IGRAPH_ATTRIBUTE_BOOLEAN) {
        attvalue(fp, x->name, (vertex ? VAB(g, x->name, i) : EAB(g, x->name, i)) ? "true" : "false");
    } else if (x->type == IGRAPH_ATTRIBUTE_STRING) {
        attvalue(fp, x->name, vertex ? VAS(g, x->name, i) : EAS(g, x->name, i));
    }
}

static void header(FILE *fp, const ag_export_opts *o, const ag_exp_extras *x)
{
    if (o->gexf_version == AG_GEXF_12)
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<gexf xmlns=\"http://www.gexf.net/1.2draft\" xmlns:viz=\"http://www.gexf.net/1.2draft/viz\" "
              "version=\"1.2\">\n",
              fp);
    else
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n", fp);
    fputs("  <meta>\n"
          "    <creator>accusegraph</creator>\n"
          "    <description>actor-accusation network: one edge per accusation</description>\n"
          "  </meta>\n",
          fp);
    if (o->gexf_version == AG_GEXF_12)
        fputs("  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\">\n", fp);
    else
        fputs("  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\" "
              "timerepresentation=\"timestamp\">\n",
              fp);
    fputs("    <attributes class=\"node\">\n", fp);
    attr_decl(fp, "type", "string");
    attr_decl(fp, "country", "string");
    attr_decl(fp, "mentions", "integer");
    for (size_t i = 0; i < o->ncolumns; i++)
        attr_decl(fp, o->columns[i].name, "double");
    for (size_t i = 0; i < x->nv; i++)
        attr_decl(fp, x->v[i].name, gexf_type(x->v[i].type));
    fputs("    </attributes>\n    <attributes class=\"edge\">\n", fp);
    for (int k = 0; ag_exp_edge_texts[k]; k++)
        attr_decl(fp, ag_exp_edge_texts[k], "string");
    for (int k = 0; ag_exp_edge_counts[k]; k++)
        attr_decl(fp, ag_exp_edge_counts[k], "integer");
    attr_decl(fp, "confidence", "double");
    attr_decl(fp, "negated", "boolean");
    for (size_t i = 0; i < x->ne; i++)
        attr_decl(fp, x->e[i].name, gexf_type(x->e[i].type));
    fputs("    </attributes>\n", fp);
}

/* <viz:color> for "#rrggbb". */
static void viz_color(FILE *fp, const char *indent, const char *hex)
{
    unsigned r = 0, gr = 0, b = 0;
    sscanf(hex, "#%2x%2x%2x", &r, &gr, &b);
    fprintf(fp, "%s<viz:color r=\"%u\" g=\"%u\" b=\"%u\"/>\n", indent, r, gr, b);
}

/* Each vertex's first and last accusation day (made or received), "" when it has none dated:
 * first[v] and last[v] are 11 bytes each. */
static ag_status node_days(const igraph_t *g, char (**first)[11], char (**last)[11])
{
    igraph_integer_t n = igraph_vcount(g), m = igraph_ecount(g);
    *first = calloc((size_t)(n ? n : 1), sizeof **first);
    *last = calloc((size_t)(n ? n : 1), sizeof **last);
    if (!*first || !*last) {
        free(*first), free(*last);
        return AG_ERR_NOMEM;
    }
    char day[11];
    for (igraph_integer_t e = 0; e < m; e++) {
        if (!ag_exp_day(ag_exp_estr(g, "date", e), day))
            continue;
        igraph_integer_t ends[2] = {IGRAPH_FROM(g, e), IGRAPH_TO(g, e)};
        for (int k = 0; k < 2; k++) {
            char *f = (*first)[ends[k]], *l = (*last)[ends[k]];
            if (!f[0] || strcmp(day, f) < 0)
                memcpy(f, day, sizeof day);
            if (!l[0] || strcmp(day, l) > 0)
                memcpy(l, day, sizeof day);
        }
    }
    return AG_OK;
}

static ag_status nodes(FILE *fp, const igraph_t *g, char **ids, const ag_export_opts *o, const ag_exp_extras *xs)
{
    igraph_integer_t n = igraph_vcount(g);
    char num[32];
    char(*first)[11], (*last)[11];
    if (node_days(g, &first, &last) != AG_OK)
        return AG_ERR_NOMEM;
    double max = 0;
    for (igraph_integer_t v = 0; v < n; v++) {
        double x = ag_exp_size_basis(g, o, v);
        if (isfinite(x) && x > max)
            max = x;
    }
    fprintf(fp, "    <nodes count=\"%" IGRAPH_PRId "\">\n", n);
    for (igraph_integer_t v = 0; v < n; v++) {
        const char *label = ag_exp_vstr(g, "label", v);
        fputs("      <node id=\"", fp);
        ag_exp_xml(fp, ids[v]);
        fputs("\" label=\"", fp);
        ag_exp_xml(fp, label[0] ? label : ids[v]);
        fputs("\">\n        <attvalues>\n", fp);
        attvalue(fp, "type", ag_exp_vstr(g, "type", v));
        attvalue(fp, "country", ag_exp_vstr(g, "country", v));
        double m = ag_exp_vnum(g, "mentions", v);
        if (isfinite(m)) {
            snprintf(num, sizeof num, "%.0f", m);
            attvalue(fp, "mentions", num);
        }
        for (size_t i = 0; i < o->ncolumns; i++) {
            double x = VECTOR(*o->columns[i].values)[v];
            if (isfinite(x)) {
                ag_exp_number(num, sizeof num, x);
                attvalue(fp, o->columns[i].name, num);
            }
        }
        for (size_t i = 0; i < xs->nv; i++)
            extra_value(fp, g, &xs->v[i], true, v);
        fputs("        </attvalues>\n", fp);
        if (first[v][0])
            fprintf(fp, "        <spells>\n          <spell start=\"%s\" end=\"%s\"/>\n        </spells>\n", first[v],
                    last[v]);
        viz_color(fp, "        ", ag_render_type_color(ag_exp_vstr(g, "type", v)));
        double x = ag_exp_size_basis(g, o, v);
        ag_exp_number(num, sizeof num, round((10 + (isfinite(x) && max > 0 ? 40 * x / max : 0)) * 100) / 100);
        fprintf(fp, "        <viz:size value=\"%s\"/>\n", num);
        fputs("      </node>\n", fp);
    }
    fputs("    </nodes>\n", fp);
    free(first);
    free(last);
    return AG_OK;
}

static void edges(FILE *fp, const igraph_t *g, char **ids, const ag_export_opts *o, const ag_exp_extras *xs)
{
    igraph_integer_t m = igraph_ecount(g);
    char num[32], day[11];
    fprintf(fp, "    <edges count=\"%" IGRAPH_PRId "\">\n", m);
    for (igraph_integer_t e = 0; e < m; e++) {
        double w = ag_exp_enum(g, "weight", e);
        ag_exp_number(num, sizeof num, isfinite(w) && w > 0 ? w : 1);
        fprintf(fp, "      <edge id=\"e%" IGRAPH_PRId "\" source=\"", e);
        ag_exp_xml(fp, ids[IGRAPH_FROM(g, e)]);
        fputs("\" target=\"", fp);
        ag_exp_xml(fp, ids[IGRAPH_TO(g, e)]);
        if (o->gexf_version == AG_GEXF_13) {
            fputs("\" kind=\"", fp);
            ag_exp_xml(fp, ag_exp_estr(g, "action", e));
        }
        fputs("\" label=\"", fp);
        ag_exp_xml(fp, ag_exp_edge_label(g, e));
        fprintf(fp, "\" weight=\"%s\"", num);
        if (ag_exp_day(ag_exp_estr(g, "date", e), day)) {
            if (o->gexf_version == AG_GEXF_13)
                fprintf(fp, " timestamp=\"%s\"", day);
            else
                fprintf(fp, " start=\"%s\" end=\"%s\"", day, day);
        }
        fputs(">\n        <attvalues>\n", fp);
        for (int k = 0; ag_exp_edge_texts[k]; k++)
            attvalue(fp, ag_exp_edge_texts[k], ag_exp_estr(g, ag_exp_edge_texts[k], e));
        for (int k = 0; ag_exp_edge_counts[k]; k++) {
            double x = ag_exp_enum(g, ag_exp_edge_counts[k], e);
            if (isfinite(x)) {
                snprintf(num, sizeof num, "%.0f", x);
                attvalue(fp, ag_exp_edge_counts[k], num);
            }
        }
        double c = ag_exp_enum(g, "confidence", e);
        if (isfinite(c)) {
            ag_exp_number(num, sizeof num, c);
            attvalue(fp, "confidence", num);
        }
        attvalue(fp, "negated", ag_exp_ebool(g, "negated", e) ? "true" : "false");
        for (size_t i = 0; i < xs->ne; i++)
            extra_value(fp, g, &xs->e[i], false, e);
        fputs("        </attvalues>\n", fp);
        viz_color(fp, "        ", ag_render_action_color(ag_exp_estr(g, "action", e)));
        fputs("      </edge>\n", fp);
    }
    fputs("    </edges>\n", fp);
}

static ag_status document(FILE *fp, const igraph_t *g, char **ids, const ag_export_opts *o)
{
    ag_exp_extras xs;
    if (ag_exp_extras_init(&xs, g, o, NULL) != AG_OK)
        return AG_ERR_NOMEM;
    header(fp, o, &xs);
    ag_status st = nodes(fp, g, ids, o, &xs);
    if (st == AG_OK) {
        edges(fp, g, ids, o, &xs);
        fputs("  </graph>\n</gexf>\n", fp);
    }
    ag_exp_extras_destroy(&xs);
    return st;
}

ag_status ag_export_gexf(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err)
{
    return ag_exp_write_file(g, out, o, document, err);
}
