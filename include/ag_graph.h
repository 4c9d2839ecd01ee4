/* ag_graph.h - triples -> igraph directed multigraph, and GraphML as the storage format.
 *
 * Vertex attributes: label (S), type (S), country (S), mentions (N), id (S: actor key).
 * Edge attributes: action, code, date, doc, sentence, charge, topic (S), confidence, weight (N).
 * One edge per triple; weight is always 1 on the multigraph.
 * The caller must have installed igraph_cattribute_table (main.c does).
 */
#ifndef AG_GRAPH_H
#define AG_GRAPH_H

#include <igraph.h>

#include "ag_triple.h"

typedef enum ag_level { AG_LEVEL_ACTOR, AG_LEVEL_COUNTRY } ag_level;

typedef struct ag_build_opts {
    ag_level level;
    const char *since;     /* inclusive, YYYY[-MM[-DD]], NULL = open */
    const char *until;     /* inclusive, NULL = open */
    const char *actions;   /* comma-separated list of actions to keep, NULL = all */
    double min_confidence; /* 0 = keep all */
    bool keep_negated;     /* negated triples are left out unless true */
} ag_build_opts;

void ag_build_opts_init(ag_build_opts *o);

/* Builds g (uninitialised on entry; initialised on AG_OK, to be igraph_destroy'ed by the caller). */
ag_status ag_graph_build(const ag_triples *ts, const ag_build_opts *o, igraph_t *g, ag_err *err);

/* Reads a GraphML file written by ag_graph_write (or a compatible one) into g. */
ag_status ag_graph_read(const char *path, igraph_t *g, ag_err *err);

/* Writes g as GraphML to path ("-" = stdout), atomically. */
ag_status ag_graph_write(const igraph_t *g, const char *path, ag_err *err);

#endif
