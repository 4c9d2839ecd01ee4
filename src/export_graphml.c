/* export_graphml.c - GraphML through igraph's writer (the storage format, see ag_graph_write). */
#include "ag_graph.h"
#include "export_common.h"

/* Extra node columns become numeric vertex attributes of a copy of g (ag_exp_with_columns). */
ag_status ag_export_graphml(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err)
{
    if (!o || o->ncolumns == 0)
        return ag_graph_write(g, out, err);
    ag_status st = ag_exp_check_columns(g, o, err);
    igraph_t copy;
    if (st || (st = ag_exp_with_columns(g, o, &copy, err)))
        return st;
    st = ag_graph_write(&copy, out, err);
    igraph_destroy(&copy);
    return st;
}
