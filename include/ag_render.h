/* ag_render.h - draws the accusation multigraph with Graphviz (libgvc): SVG or PNG.
 *
 * The picture: one node per actor (label = vertex "label"), sized by PageRank or
 * in-strength and filled by actor type; parallel accusations with the same action
 * collapse into one drawn edge whose width grows with their number and whose colour
 * says the action (accuse red, criticize orange, complain purple, sue brown, deny
 * blue, anything else grey); a legend and a one-line summary under the drawing.
 * Only the top N actors by the chosen score are drawn; the legend says how many
 * were left out. The layout is seeded, so the same graph gives the same bytes.
 */
#ifndef AG_RENDER_H
#define AG_RENDER_H

#include <igraph.h>

#include "ag_common.h"

typedef enum ag_render_format { AG_RENDER_SVG, AG_RENDER_PNG } ag_render_format;

/* What decides node size and which actors make the top N. */
typedef enum ag_render_size {
    AG_SIZE_PAGERANK,   /* PageRank (PRPACK, damping 0.85, directed) on the multigraph */
    AG_SIZE_IN_STRENGTH /* sum of the weights of the accusations an actor received */
} ag_render_size;

typedef struct ag_render_opts {
    ag_render_format format;
    ag_render_size size_by;
    long top;           /* draw at most this many actors; <= 0 = all (default 40) */
    const char *layout; /* Graphviz engine: dot, neato, fdp, sfdp, circo (default sfdp) */
    const char *title;  /* first line of the legend; NULL = "Accusation network" */
} ag_render_opts;

/* Defaults: SVG, PageRank, top 40, sfdp, no title. */
void ag_render_opts_init(ag_render_opts *o);

/* The format named by path's extension (.svg or .png, any case); AG_ERR_USAGE otherwise. */
ag_status ag_render_format_from_path(const char *path, ag_render_format *f, ag_err *err);

/* True if name is one of the layout engines accepted in opts.layout. */
bool ag_render_layout_valid(const char *name);

/* Parses "pagerank" or "in-strength"; AG_ERR_USAGE otherwise. */
ag_status ag_render_size_parse(const char *name, ag_render_size *s, ag_err *err);

/* Lays g out and writes the picture to fp (not closed). g is a multigraph as read by
 * ag_graph_read; missing attributes fall back to defaults (label: the vertex index,
 * action: "other", weight: 1). An empty graph gives a valid picture that says
 * "no accusations". Errors: AG_ERR_INTERNAL (igraph or Graphviz failed), AG_ERR_NOMEM,
 * AG_ERR_IO (write error). Cost: O(|E| log |E|) plus the layout engine's. */
ag_status ag_render(const igraph_t *g, const ag_render_opts *o, FILE *fp, ag_err *err);

/* The picture's colours, "#rrggbb", for other outputs to match it (GEXF viz, graphology):
 * an edge's by its action (accuse red, criticize orange, complain purple, sue brown, deny
 * blue, anything else grey), a node's fill by actor type (state, igo, person, org, group,
 * ngo; anything else light grey). Static strings. */
const char *ag_render_action_color(const char *action);
const char *ag_render_type_color(const char *type);

/* ag_render into path, atomically (temporary file renamed into place; "-" = stdout). */
ag_status ag_render_file(const igraph_t *g, const ag_render_opts *o, const char *path, ag_err *err);

#endif
