/* export_json.c - node-link JSON, read by networkx:
 *   networkx.node_link_graph(data, edges="edges")            (networkx >= 3.4)
 *   networkx.node_link_graph(data, link="edges")             (networkx 2.8 .. 3.3)
 * {"directed":true,"multigraph":true,"graph":{},
 *  "nodes":[{"id":..,"label":..,"type":..,"country":..,"mentions":N,EXTRA...},...],
 *  "edges":[{"source":ID,"target":ID,"id":"eK","action":..,"code":..,"date":..,"date_precision":..,
 *            "doc":..,"url":..,"title":..,"publisher":..,"published":..,"sentence":..,"charge":..,
 *            "topic":..,"rule":..,"sentence_indexes":..,"sentences":..,"sentence_index":N,"mentions":N,
 *            "confidence":X,"weight":W,
 *            "negated":B},...]}
 * One node or edge per line; numbers that are not finite are written null. */
#include <math.h>

#include "export_common.h"

static void nodes(FILE *fp, const igraph_t *g, char **ids, const ag_export_opts *o, const ag_exp_extras *xs)
{
    igraph_integer_t n = igraph_vcount(g);
    fputs("\"nodes\":[", fp);
    for (igraph_integer_t v = 0; v < n; v++) {
        const char *label = ag_exp_vstr(g, "label", v);
        fputs(v ? ",\n{\"id\":" : "\n{\"id\":", fp);
        ag_exp_json(fp, ids[v]);
        ag_exp_json_str(fp, "label", label[0] ? label : ids[v]);
        ag_exp_json_str(fp, "type", ag_exp_vstr(g, "type", v));
        ag_exp_json_str(fp, "country", ag_exp_vstr(g, "country", v));
        ag_exp_json_num(fp, "mentions", ag_exp_vnum(g, "mentions", v));
        for (size_t i = 0; i < o->ncolumns; i++)
            ag_exp_json_num(fp, o->columns[i].name, VECTOR(*o->columns[i].values)[v]);
        for (size_t i = 0; i < xs->nv; i++)
            ag_exp_json_extra(fp, g, &xs->v[i], true, v);
        putc('}', fp);
    }
    fputs(n ? "\n],\n" : "],\n", fp);
}

static void edges(FILE *fp, const igraph_t *g, char **ids, const ag_exp_extras *xs)
{
    igraph_integer_t m = igraph_ecount(g);
    fputs("\"edges\":[", fp);
    for (igraph_integer_t e = 0; e < m; e++) {
        fputs(e ? ",\n{\"source\":" : "\n{\"source\":", fp);
        ag_exp_json(fp, ids[IGRAPH_FROM(g, e)]);
        fputs(",\"target\":", fp);
        ag_exp_json(fp, ids[IGRAPH_TO(g, e)]);
        fprintf(fp, ",\"id\":\"e%" IGRAPH_PRId "\"", e);
        for (int k = 0; ag_exp_edge_texts[k]; k++)
            ag_exp_json_str(fp, ag_exp_edge_texts[k], ag_exp_estr(g, ag_exp_edge_texts[k], e));
        for (int k = 0; ag_exp_edge_counts[k]; k++)
            ag_exp_json_num(fp, ag_exp_edge_counts[k], ag_exp_enum(g, ag_exp_edge_counts[k], e));
        ag_exp_json_num(fp, "confidence", ag_exp_enum(g, "confidence", e));
        ag_exp_json_num(fp, "weight", ag_exp_enum(g, "weight", e));
        for (size_t i = 0; i < xs->ne; i++)
            ag_exp_json_extra(fp, g, &xs->e[i], false, e);
        fprintf(fp, ",\"negated\":%s}", ag_exp_ebool(g, "negated", e) ? "true" : "false");
    }
    fputs(m ? "\n]}\n" : "]}\n", fp);
}

static ag_status document(FILE *fp, const igraph_t *g, char **ids, const ag_export_opts *o)
{
    fputs("{\"directed\":true,\"multigraph\":true,\"graph\":{},\n", fp);
    static const char *const reserved[] = {"source", "target", NULL};
    ag_exp_extras xs;
    if (ag_exp_extras_init(&xs, g, o, reserved) != AG_OK)
        return AG_ERR_NOMEM;
    nodes(fp, g, ids, o, &xs);
    edges(fp, g, ids, &xs);
    ag_exp_extras_destroy(&xs);
    return AG_OK;
}

ag_status ag_export_json(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err)
{
    return ag_exp_write_file(g, out, o, document, err);
}
