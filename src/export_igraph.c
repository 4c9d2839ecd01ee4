/* export_igraph.c - GML, Pajek, Graphviz dot and a plain edge list through igraph's own writers.
 *
 * The graph goes to igraph's writer as it is, with the extra node columns as numeric vertex
 * attributes (NaN for a value that is not finite: the writers leave it out or write nan).
 * GML (igraph_write_graph_gml, creator "accusegraph"): for igraph's readers (python-igraph
 * Read_GML, R); node ids 0..N-1 with the actor key in name (GML's id is a number); strings in
 * UTF-8 with igraph's entities for & < > "; attribute names lose the characters GML keys cannot
 * have (sentence_index -> sentenceindex). networkx's read_gml refuses it: it wants ASCII and a
 * "multigraph 1" that igraph does not write.
 * Pajek (igraph_write_graph_pajek): *Vertices with the actor's id as its label,
 * *Arcs with the weight. dot (igraph_write_graph_dot): every attribute as a dot attribute.
 * edgelist (igraph_write_graph_edgelist): one "FROM TO" line per accusation, vertex numbers
 * 0..N-1 in the order of the node table, the lines in igraph's order: by source, then target. */
#include <stdlib.h>
#include <string.h>

#include "export_common.h"

typedef igraph_error_t (*writer_fn)(const igraph_t *g, FILE *fp);

static igraph_error_t write_gml(const igraph_t *g, FILE *fp)
{
    return igraph_write_graph_gml(g, fp, IGRAPH_WRITE_GML_DEFAULT_SW, NULL, "accusegraph");
}

static igraph_error_t write_pajek(const igraph_t *g, FILE *fp)
{
    return igraph_write_graph_pajek(g, fp);
}

static igraph_error_t write_dot(const igraph_t *g, FILE *fp)
{
    return igraph_write_graph_dot(g, fp);
}

static igraph_error_t write_edgelist(const igraph_t *g, FILE *fp)
{
    return igraph_write_graph_edgelist(g, fp);
}

/* Names each vertex by its actor key in the attribute name (GML's id must be a number: igraph
 * would drop a string attribute id). */
static ag_status gml_names(igraph_t *g, ag_err *err)
{
    igraph_bool_t has = igraph_cattribute_has_attr(g, IGRAPH_ATTRIBUTE_VERTEX, "id"); /* a string: ag_graph_check */
    for (igraph_integer_t v = 0; has && v < igraph_vcount(g); v++)
        if (igraph_cattribute_VAS_set(g, "name", v, VAS(g, "id", v)) != IGRAPH_SUCCESS)
            return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    if (has)
        igraph_cattribute_remove_v(g, "id");
    return AG_OK;
}

static ag_status write_with(const igraph_t *g, const char *out, const ag_export_opts *o, writer_fn fn,
                            const char *what, ag_err *err)
{
    ag_status st = ag_exp_check_columns(g, o, err);
    igraph_t copy;
    if (st || (st = ag_exp_with_columns(g, o, &copy, err)))
        return st;
    if (fn == write_gml && (st = gml_names(&copy, err)) != AG_OK) {
        igraph_destroy(&copy);
        return st;
    }
    ag_out fo;
    if ((st = ag_out_open(&fo, out, err)) == AG_OK) {
        igraph_error_handler_t *old = igraph_set_error_handler(igraph_error_handler_ignore);
        igraph_error_t rc = fn(&copy, fo.fp);
        igraph_set_error_handler(old);
        if (rc != IGRAPH_SUCCESS)
            st = ferror(fo.fp) ? ag_fail(err, AG_ERR_IO, "cannot write the %s file", what)
                               : ag_fail(err, AG_ERR_INTERNAL, "cannot write the %s file: igraph: %s", what,
                                         igraph_strerror(rc));
        st = ag_exp_finish(&fo, st, err);
    }
    igraph_destroy(&copy);
    return st;
}

ag_status ag_export_gml(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err)
{
    return write_with(g, out, o, write_gml, "GML", err);
}

ag_status ag_export_pajek(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err)
{
    return write_with(g, out, o, write_pajek, "Pajek", err);
}

ag_status ag_export_dot(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err)
{
    return write_with(g, out, o, write_dot, "dot", err);
}

ag_status ag_export_edgelist(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err)
{
    return write_with(g, out, o, write_edgelist, "edge list", err);
}
