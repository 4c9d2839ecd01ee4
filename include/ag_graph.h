/* ag_graph.h - triples -> igraph directed multigraph, and GraphML as the storage format.
 *
 * Vertex attributes: label (S), type (S), country (S), mentions (N), id (S: actor key).
 * Edge attributes: action, code, date, doc, sentence, charge, topic (S), confidence, weight (N),
 * negated (B: true only for negated triples kept with keep_negated), and the triple's rule,
 * date_precision and provenance: url, title, publisher, published (S), sentence_index,
 * mentions (N), and the sentence lists of a merged accusation: sentence_indexes, sentences (S).
 * A graph read without the last ten is accepted (older files, other programs);
 * with them, they must have these types.
 * One edge per triple; weight is always 1 on the multigraph.
 * The caller must have installed igraph_cattribute_table (main.c does).
 *
 * Vertices: at actor level one per actor key (the actor's id, or its name when the id is
 * empty); at country level one per country code, actors with an empty country keeping
 * their own key. Vertices are numbered in order of first appearance (source before
 * target) among the triples kept. label is the most frequent name given to the vertex's
 * own actor (at country level: to the actor whose key is the country code, e.g. RUS;
 * else the code itself), ties to the first seen; type likewise; country is the most
 * frequent non-empty country (at country level the code). mentions counts the kept
 * triples the vertex takes part in (a self-loop counts once).
 * Every string is cleaned with ag_graph_clean before it reaches igraph.
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
/* AG_ERR_USAGE with a message when since/until are not dates, min_confidence is not in
 * [0, 1] or actions lists nothing; ag_graph_build runs it too. */
ag_status ag_build_opts_check(const ag_build_opts *o, ag_err *err);

/* Builds g (uninitialised on entry; initialised on AG_OK, to be igraph_destroy'ed by the caller).
 * Filters, applied per triple: negated ones are dropped unless keep_negated; confidence must be
 * >= min_confidence; action must be in the actions list (case-insensitive); with since or until,
 * undated triples are dropped and a date is compared with each bound on their common prefix,
 * so a triple dated 2020-10 is kept by --since 2020-10-15 and --until 2020 keeps 2020-12-31
 * (the triple's period overlaps the range). Bad options: AG_ERR_USAGE; a triple failing
 * ag_triple_check: AG_ERR_INPUT "triple N: ...". Cost: O(triples + names per actor). */
ag_status ag_graph_build(const ag_triples *ts, const ag_build_opts *o, igraph_t *g, ag_err *err);

/* Reads a GraphML file written by ag_graph_write or another program (networkx, igraph) into g
 * ("-" = stdin). Graph-level attributes and attributes whose names are not [A-Za-z0-9_]+ are
 * dropped; an undirected graph is refused; the attributes above that the file lacks are added
 * with their defaults (README, "Graphs from other programs": id the GraphML node id or igraph's
 * name, label the name or id, mentions the edges a vertex takes part in, weight and confidence
 * 1, negated false, strings ""), numbers and booleans where a string belongs become strings,
 * weights, confidences and mentions left out of some elements are filled, and one warning on
 * standard error names all of it; then ag_graph_check runs. Other attributes are kept. Missing or unreadable file: AG_ERR_IO; not GraphML, truncated or
 * failing the check: AG_ERR_INPUT with the path. g is initialised only on AG_OK. */
ag_status ag_graph_read(const char *path, igraph_t *g, ag_err *err);

/* Checks that g is directed and has the attributes above with the right types, whole
 * mentions >= 0, finite weights > 0 and confidences in (0, 1]. name is used in messages. */
ag_status ag_graph_check(const igraph_t *g, const char *name, ag_err *err);

/* Writes g as GraphML (igraph's writer, prefixattr=1) to path ("-" or NULL = stdout),
 * atomically: a failure leaves a previous file intact. The numeric and boolean keys declare
 * the triple's defaults (<default>: vertex mentions 0; edge confidence, weight and mentions 1,
 * sentence_index 0, negated false) so that readers fill a value left out; string keys declare
 * none (networkx 2.8 reads an empty default as "None"). Strings must be clean (see
 * ag_graph_clean). Write errors: AG_ERR_IO. Cost: the file is written once to a temporary
 * file and copied. */
ag_status ag_graph_write(const igraph_t *g, const char *path, ag_err *err);

/* The binary sidecar GRAPH.graphml.agb that `build` writes beside its GraphML (graph_cache.c):
 * the graph and every attribute as they are in memory, read back without parsing XML while the
 * GraphML is unchanged (same file, size, modification time and ends) and the sidecar whole (its
 * checksum, version and owner). ag_graph_cache_write writes it atomically for the GraphML file
 * just written at graphml (nothing for standard output, a device, or a graph of over 2^32
 * vertices); ag_graph_cache_read returns true with g initialised when a valid sidecar gave the
 * graph, false (g untouched) when the GraphML must be read. ag_graph_read tries it first. */
ag_status ag_graph_cache_write(const igraph_t *g, const char *graphml, ag_err *err);
bool ag_graph_cache_read(const char *graphml, igraph_t *g);
/* Removes the sidecar of the GraphML at graphml, if there is one. */
void ag_graph_cache_remove(const char *graphml);

/* A malloc'ed copy of s (NULL = "") safe for XML and igraph: ag_utf8_clean, then CR LF and
 * lone CR become LF and U+FFFE/U+FFFF become U+FFFD. NULL when out of memory. */
char *ag_graph_clean(const char *s);

#endif
