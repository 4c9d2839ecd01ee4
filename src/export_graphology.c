/* export_graphology.c - graphology's serialized graph, read by graph.import() (graphology 0.26),
 * Graph.from(), Gephi Lite and sigma.js:
 * {"attributes":{"name":"accusations"},"options":{"type":"directed","multi":true,"allowSelfLoops":true},
 *  "nodes":[{"key":ID,"attributes":{"label":..,"x":X,"y":Y,"size":S,"color":"#rrggbb",
 *            "actor_type":..,"country":..,"mentions":N,EXTRA...}},...],
 *  "edges":[{"key":"eK","source":ID,"target":ID,"attributes":{"label":..,"color":"#rrggbb",
 *            "size":1,the edge attributes...}},...]}
 * sigma.js reads label, x, y, size and color and takes a node's or edge's "type" for the name of
 * its drawing program, so the actor type is "actor_type". Positions: the nodes on a circle of
 * radius 100 in vertex order (a start for a layout such as ForceAtlas2); size 4 + 16 * pagerank
 * / the largest pagerank (mentions without a pagerank column); the colours are the picture's.
 * One node or edge per line; numbers that are not finite are written null. */
#include <math.h>

#include "ag_render.h"
#include "export_common.h"

static void nodes(FILE *fp, const igraph_t *g, char **ids, const ag_export_opts *o, const ag_exp_extras *xs)
{
    igraph_integer_t n = igraph_vcount(g);
    double max = 0;
    for (igraph_integer_t v = 0; v < n; v++) {
        double x = ag_exp_size_basis(g, o, v);
        if (isfinite(x) && x > max)
            max = x;
    }
    fputs("\"nodes\":[", fp);
    for (igraph_integer_t v = 0; v < n; v++) {
        const char *label = ag_exp_vstr(g, "label", v);
        double a = 2 * M_PI * (double)v / (double)n, x = ag_exp_size_basis(g, o, v);
        fputs(v ? ",\n{\"key\":" : "\n{\"key\":", fp);
        ag_exp_json(fp, ids[v]);
        fputs(",\"attributes\":{\"label\":", fp);
        ag_exp_json(fp, label[0] ? label : ids[v]);
        ag_exp_json_num(fp, "x", round(100 * cos(a) * 1000) / 1000 + 0.0);
        ag_exp_json_num(fp, "y", round(100 * sin(a) * 1000) / 1000 + 0.0);
        ag_exp_json_num(fp, "size", round((4 + (isfinite(x) && max > 0 ? 16 * x / max : 0)) * 100) / 100);
        ag_exp_json_str(fp, "color", ag_render_type_color(ag_exp_vstr(g, "type", v)));
        ag_exp_json_str(fp, "actor_type", ag_exp_vstr(g, "type", v));
        ag_exp_json_str(fp, "country", ag_exp_vstr(g, "country", v));
        ag_exp_json_num(fp, "mentions", ag_exp_vnum(g, "mentions", v));
        for (size_t i = 0; i < o->ncolumns; i++)
            ag_exp_json_num(fp, o->columns[i].name, VECTOR(*o->columns[i].values)[v]);
        for (size_t i = 0; i < xs->nv; i++)
            ag_exp_json_extra(fp, g, &xs->v[i], true, v);
        fputs("}}", fp);
    }
    fputs(n ? "\n],\n" : "],\n", fp);
}

static void edges(FILE *fp, const igraph_t *g, char **ids, const ag_exp_extras *xs)
{
    igraph_integer_t m = igraph_ecount(g);
    fputs("\"edges\":[", fp);
    for (igraph_integer_t e = 0; e < m; e++) {
        fprintf(fp, "%s{\"key\":\"e%" IGRAPH_PRId "\",\"source\":", e ? ",\n" : "\n", e);
        ag_exp_json(fp, ids[IGRAPH_FROM(g, e)]);
        fputs(",\"target\":", fp);
        ag_exp_json(fp, ids[IGRAPH_TO(g, e)]);
        fputs(",\"attributes\":{\"label\":", fp);
        ag_exp_json(fp, ag_exp_edge_label(g, e));
        ag_exp_json_str(fp, "color", ag_render_action_color(ag_exp_estr(g, "action", e)));
        fputs(",\"size\":1", fp);
        for (int k = 0; ag_exp_edge_texts[k]; k++)
            ag_exp_json_str(fp, ag_exp_edge_texts[k], ag_exp_estr(g, ag_exp_edge_texts[k], e));
        for (int k = 0; ag_exp_edge_counts[k]; k++)
            ag_exp_json_num(fp, ag_exp_edge_counts[k], ag_exp_enum(g, ag_exp_edge_counts[k], e));
        ag_exp_json_num(fp, "confidence", ag_exp_enum(g, "confidence", e));
        ag_exp_json_num(fp, "weight", ag_exp_enum(g, "weight", e));
        for (size_t i = 0; i < xs->ne; i++)
            ag_exp_json_extra(fp, g, &xs->e[i], false, e);
        fprintf(fp, ",\"negated\":%s}}", ag_exp_ebool(g, "negated", e) ? "true" : "false");
    }
    fputs(m ? "\n]}\n" : "]}\n", fp);
}

static ag_status document(FILE *fp, const igraph_t *g, char **ids, const ag_export_opts *o)
{
    fputs("{\"attributes\":{\"name\":\"accusations\"},"
          "\"options\":{\"type\":\"directed\",\"multi\":true,\"allowSelfLoops\":true},\n",
          fp);
    static const char *const reserved[] = {"key", "x", "y", "size", "color", "actor_type", "label", NULL};
    ag_exp_extras xs;
    if (ag_exp_extras_init(&xs, g, o, reserved) != AG_OK)
        return AG_ERR_NOMEM;
    nodes(fp, g, ids, o, &xs);
    edges(fp, g, ids, &xs);
    ag_exp_extras_destroy(&xs);
    return AG_OK;
}

ag_status ag_export_graphology(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err)
{
    return ag_exp_write_file(g, out, o, document, err);
}
