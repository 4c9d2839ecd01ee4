/* export_graphml.c - GraphML through igraph's writer (the storage format, see ag_graph_write). */
#include <math.h>

#include "ag_graph.h"
#include "export_common.h"

/* Extra node columns become numeric vertex attributes of a copy of g; a value that is
 * not finite becomes NaN, which igraph's writer leaves out (it would write Inf). */
ag_status ag_export_graphml(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err)
{
    if (!o || o->ncolumns == 0)
        return ag_graph_write(g, out, err);
    ag_status st = ag_exp_check_columns(g, o, err);
    if (st)
        return st;
    igraph_t copy;
    igraph_vector_t v;
    if (igraph_copy(&copy, g) != IGRAPH_SUCCESS)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    if (igraph_vector_init(&v, 0) != IGRAPH_SUCCESS) {
        igraph_destroy(&copy);
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < o->ncolumns && st == AG_OK; i++) {
        if (igraph_vector_update(&v, o->columns[i].values) != IGRAPH_SUCCESS) {
            st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
            break;
        }
        for (igraph_integer_t k = 0; k < igraph_vector_size(&v); k++)
            if (!isfinite(VECTOR(v)[k]))
                VECTOR(v)[k] = NAN;
        if (igraph_cattribute_VAN_setv(&copy, o->columns[i].name, &v) != IGRAPH_SUCCESS)
            st = ag_fail(err, AG_ERR_INTERNAL, "cannot set vertex attribute %s", o->columns[i].name);
    }
    if (st == AG_OK)
        st = ag_graph_write(&copy, out, err);
    igraph_vector_destroy(&v);
    igraph_destroy(&copy);
    return st;
}
