/* ag_export.h - the graph in the formats our users' programs read: GraphML, GEXF, CSV, JSON, xlsx,
 * graphology's JSON, and igraph's GML, Pajek, dot and edge list.
 *
 * Every exporter takes a graph with ag_graph.h's attributes (built by ag_graph_build or read
 * by ag_graph_read) and writes through ag_out: to a temporary file renamed into place when
 * complete, so a failure leaves any previous file intact. Write errors give AG_ERR_IO.
 *
 * Node ids: the vertex attribute id (the actor key, e.g. RUS) when every vertex has a
 * distinct non-empty one, else n0..n(N-1). Edge ids: e0..e(M-1) in edge order.
 * Dates: GEXF timestamps and the CSV timeset column need a full day, so a partial date
 * takes the first day of its period (2020-10 -> 2020-10-01, 2023 -> 2023-01-01; the date
 * attribute keeps the original) and an undated edge gets no timestamp (Gephi shows it at
 * every time).
 */
#ifndef AG_EXPORT_H
#define AG_EXPORT_H

#include <igraph.h>

#include "ag_common.h"

typedef enum ag_export_format {
    AG_EXPORT_GRAPHML, /* igraph's GraphML writer, as ag_graph_write (the storage format) */
    AG_EXPORT_GEXF,    /* GEXF 1.3, dynamic, one timestamped edge per accusation (Gephi) */
    AG_EXPORT_CSV,     /* BASE.edges.csv + BASE.nodes.csv (spreadsheets, Gephi's importer) */
    AG_EXPORT_JSON,    /* {"directed","multigraph","graph","nodes","edges"}: networkx node-link */
    AG_EXPORT_XLSX,    /* a workbook: sheets accusations (the event table), actors, pairs */
    AG_EXPORT_GRAPHOLOGY, /* graphology's serialized graph (graph.import(), Gephi Lite, sigma.js) */
    AG_EXPORT_GML,     /* igraph's writers: GML, */
    AG_EXPORT_PAJEK,   /* Pajek .net, */
    AG_EXPORT_DOT,     /* Graphviz dot */
    AG_EXPORT_EDGELIST /* and "FROM TO" vertex numbers, one line per edge */
} ag_export_format;

/* An extra numeric node column, e.g. a centrality score. */
typedef struct ag_node_column {
    const char *name;              /* [A-Za-z0-9_]+, not id/label/type/country/mentions */
    const igraph_vector_t *values; /* one per vertex; NaN or Inf = no value */
} ag_node_column;

typedef enum ag_gexf_version {
    AG_GEXF_13, /* GEXF 1.3 (Gephi 0.9+): edges timestamped, kind = the action */
    AG_GEXF_12  /* GEXF 1.2draft, which networkx 2.8's read_gexf reads: an edge's day as start
                 * and end, no kind */
} ag_gexf_version;

typedef struct ag_export_opts {
    bool bom;                      /* csv: begin each file with a UTF-8 BOM (for Excel) */
    ag_gexf_version gexf_version;  /* gexf: the dialect (default AG_GEXF_13) */
    const ag_node_column *columns; /* extra node columns, after the built-in ones; may be NULL */
    size_t ncolumns;
} ag_export_opts;

void ag_export_opts_init(ag_export_opts *o);

/* "graphml", "gexf", "csv", "json", "xlsx", "graphology", "gml", "pajek", "dot", "edgelist"
 * -> format; false for anything else. */
bool ag_export_format_parse(const char *name, ag_export_format *f);
const char *ag_export_format_name(ag_export_format f);
/* The format named by path's extension (.graphml, .gexf, .csv, .json, .xlsx, .gml, .net, .dot;
 * .graphology.json for graphology); false if none (graphology and edgelist need --format). */
bool ag_export_format_for_path(const char *path, ag_export_format *f);

/* Writes g in format f to out ("-" or NULL = standard output, except for CSV which
 * needs a base name and xlsx which needs a file: AG_ERR_USAGE). o may be NULL. Bad extra
 * columns: AG_ERR_USAGE. xlsx: a graph with over 1,048,575 edges or vertices (a sheet's
 * rows) is AG_ERR_INPUT. */
ag_status ag_export(const igraph_t *g, ag_export_format f, const char *out, const ag_export_opts *o,
                    ag_err *err);

/* The two CSV file names for -o out: "out", "out.csv", "out.edges.csv" and "out.nodes.csv"
 * all give out.edges.csv and out.nodes.csv. Both strings malloc'ed (caller frees). */
ag_status ag_export_csv_paths(const char *out, char **edges, char **nodes, ag_err *err);

/* One exporter per format (src/export_FORMAT.c), same contract as ag_export; each checks the
 * extra columns (names, one value per vertex) before writing anything. */
ag_status ag_export_graphml(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err);
ag_status ag_export_gexf(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err);
ag_status ag_export_csv(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err);
ag_status ag_export_json(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err);
ag_status ag_export_xlsx(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err);
ag_status ag_export_graphology(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err);
/* src/export_igraph.c: igraph's own writers, given g with the extra columns as vertex attributes */
ag_status ag_export_gml(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err);
ag_status ag_export_pajek(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err);
ag_status ag_export_dot(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err);
ag_status ag_export_edgelist(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err);

#endif
