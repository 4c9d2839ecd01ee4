/* export_gexf.c - GEXF 1.3 for Gephi: a dynamic graph whose timeline plays the accusations.
 *
 * <graph mode="dynamic" defaultedgetype="directed" timeformat="date" timerepresentation="timestamp">;
 * one <edge id="eK" kind="ACTION" weight="W" label="CHARGE|ACTION" timestamp="DAY"> per accusation
 * (no timestamp when undated, the first day of the period for a month or a year), attvalues for
 * the other edge attributes; nodes carry type, country, mentions and any extra columns.
 * Valid against schemas/gexf-1.3/gexf.rng. */
#include <math.h>
#include <stdlib.h>

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

static void header(FILE *fp, const ag_export_opts *o)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
          "  <meta>\n"
          "    <creator>accusegraph</creator>\n"
          "    <description>actor-accusation network: one edge per accusation</description>\n"
          "  </meta>\n"
          "  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\" "
          "timerepresentation=\"timestamp\">\n"
          "    <attributes class=\"node\">\n",
          fp);
    attr_decl(fp, "type", "string");
    attr_decl(fp, "country", "string");
    attr_decl(fp, "mentions", "integer");
    for (size_t i = 0; i < o->ncolumns; i++)
        attr_decl(fp, o->columns[i].name, "double");
    fputs("    </attributes>\n    <attributes class=\"edge\">\n", fp);
    for (int k = 0; ag_exp_edge_texts[k]; k++)
        attr_decl(fp, ag_exp_edge_texts[k], "string");
    for (int k = 0; ag_exp_edge_counts[k]; k++)
        attr_decl(fp, ag_exp_edge_counts[k], "integer");
    attr_decl(fp, "confidence", "double");
    attr_decl(fp, "negated", "boolean");
    fputs("    </attributes>\n", fp);
}

static void nodes(FILE *fp, const igraph_t *g, char **ids, const ag_export_opts *o)
{
    igraph_integer_t n = igraph_vcount(g);
    char num[32];
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
        fputs("        </attvalues>\n      </node>\n", fp);
    }
    fputs("    </nodes>\n", fp);
}

static void edges(FILE *fp, const igraph_t *g, char **ids)
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
        fputs("\" kind=\"", fp);
        ag_exp_xml(fp, ag_exp_estr(g, "action", e));
        fputs("\" label=\"", fp);
        ag_exp_xml(fp, ag_exp_edge_label(g, e));
        fprintf(fp, "\" weight=\"%s\"", num);
        if (ag_exp_day(ag_exp_estr(g, "date", e), day))
            fprintf(fp, " timestamp=\"%s\"", day);
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
        fputs("        </attvalues>\n      </edge>\n", fp);
    }
    fputs("    </edges>\n", fp);
}

static void document(FILE *fp, const igraph_t *g, char **ids, const ag_export_opts *o)
{
    header(fp, o);
    nodes(fp, g, ids, o);
    edges(fp, g, ids);
    fputs("  </graph>\n</gexf>\n", fp);
}

ag_status ag_export_gexf(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err)
{
    return ag_exp_write_file(g, out, o, document, err);
}
