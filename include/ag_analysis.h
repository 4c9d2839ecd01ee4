/* ag_analysis.h - centrality measures and summary statistics of an accusation graph.
 *
 * The input is the directed multigraph of ag_graph.h: one edge per accusation, from
 * accuser to accused, with the vertex attributes label/country and the edge
 * attributes action/date/weight. Any attribute may be missing (a GraphML file from
 * another program): labels then fall back to the vertex attribute id, then to "n<i>".
 *
 * Two views of the same graph:
 *  - unweighted: the multigraph as it is; every accusation (parallel edge) counts on
 *    its own, self-accusations (loops) included, the weight attribute is ignored;
 *  - weighted: a simple graph with one edge per ordered pair (accuser, accused) whose
 *    weight is the sum of the pair's edge weights, i.e. the number of accusations
 *    (weight 1 per edge when the attribute is missing), and no self-accusations
 *    (loops are dropped: an actor gains nothing by accusing itself). Weights must
 *    be finite and > 0. This is python-igraph's
 *    g.simplify(combine_edges={"weight": "sum"}).
 * Weights are strengths (more accusations, stronger tie) for strength, pagerank,
 * hub/authority and eigenvector, and lengths 1/weight (more accusations, shorter
 * distance) for betweenness, closeness and harmonic centrality.
 */
#ifndef AG_ANALYSIS_H
#define AG_ANALYSIS_H

#include <stdbool.h>
#include <stdio.h>

#include <igraph.h>

#include "ag_common.h"

/* Every measure is directed. Per measure (unweighted / weighted view):
 *  IN_DEGREE    accusations received / distinct other actors who accused it
 *  OUT_DEGREE   accusations made / distinct other actors it accused
 *  IN_STRENGTH  accusations received (= in-degree) / sum of the weights received
 *               from other actors (the accusation count when weights are 1)
 *  OUT_STRENGTH accusations made (= out-degree) / sum of the weights sent
 *  PAGERANK     PRPACK, damping 0.85, dangling actors jump uniformly; sums to 1
 *  BETWEENNESS  shortest accusation chains through the actor, not normalised
 *  CLOSENESS    mode OUT: 1 / mean distance to the actors reachable from it by
 *               chains of accusations (NaN when it reaches nobody)
 *  HARMONIC     mode OUT: mean of 1/distance over all other actors (0 if unreachable)
 *  HUB          Kleinberg hub score: accuses the much-accused; scaled to max 1
 *  AUTHORITY    Kleinberg authority score: accused by the big accusers; max 1
 *  EIGENVECTOR  directed (in-edges): accused by central actors; max 1; all 0 on an
 *               acyclic graph */
typedef enum ag_measure {
    AG_M_IN_DEGREE,
    AG_M_OUT_DEGREE,
    AG_M_IN_STRENGTH,
    AG_M_OUT_STRENGTH,
    AG_M_PAGERANK,
    AG_M_BETWEENNESS,
    AG_M_CLOSENESS,
    AG_M_HARMONIC,
    AG_M_HUB,
    AG_M_AUTHORITY,
    AG_M_EIGENVECTOR,
    AG_M_COUNT
} ag_measure;

/* The measure's command-line name ("in-degree", "pagerank", ...), or NULL. */
const char *ag_measure_name(ag_measure m);

/* Parses a name as printed by ag_measure_name (case-sensitive; "_" accepted for
 * "-"). Returns false for an unknown name. */
bool ag_measure_from_name(const char *name, ag_measure *m);

/* True for measures whose values are counts (degree, strength). */
bool ag_measure_is_count(ag_measure m);

/* Computes measure m for every vertex of g into out (initialised by the caller,
 * resized to vcount). NaN marks an undefined value (closeness of an actor that
 * reaches nobody). The weight attribute counts everywhere: an edge of weight w stands for w
 * accusations, so on the multigraph too (weighted false) strength is the sum of the weights,
 * PageRank, hub, authority and eigenvector use them, and betweenness, closeness and
 * harmonic take 1/w as the length (on accusegraph's own graphs every weight is 1: the
 * plain multigraph). Degree counts edges. weighted merges parallel edges first. Errors: AG_ERR_INPUT for bad weights in the weighted view,
 * AG_ERR_INTERNAL when igraph fails, AG_ERR_NOMEM.
 * Cost: degree O(V+E); pagerank/hub/authority/eigenvector iterative, about
 * O(E) per iteration; betweenness/closeness/harmonic O(V E) unweighted and
 * O(V E log V) weighted. The weighted view costs one copy and simplification. */
ag_status ag_centrality(const igraph_t *g, ag_measure m, bool weighted, igraph_vector_t *out,
                        ag_err *err);

/* Output formats of ag_centrality_report. */
typedef enum ag_report_format { AG_REPORT_TABLE, AG_REPORT_CSV, AG_REPORT_JSON } ag_report_format;

/* Parses "table", "csv", "json"; false for anything else. */
bool ag_report_format_from_name(const char *name, ag_report_format *f);

/* Computes the nm measures ms[] (each at most once) and writes one row per actor,
 * ranked by sort_by (ag_rank_order), the first `top` rows only (0 = all):
 *  - table: aligned columns rank, label, country, one column per measure (6
 *    decimals; counts as integers; "-" for NaN);
 *  - csv: RFC 4180 with CRLF, header rank,vertex,id,label,country,MEASURE...;
 *    numbers %.17g, NaN as an empty cell; text cells that a spreadsheet would run
 *    as a formula (leading = + - @ TAB CR) get a leading apostrophe;
 *  - json: {"weighted":B,"measures":[...],"sort":M,"actors":N,"rows":[{"rank":1,
 *    "vertex":I,"id":S,"label":S,"country":S,"MEASURE":X,...},...]}, numbers that
 *    round-trip exactly, NaN as null.
 * vertex is the 0-based vertex index (GraphML node order). Errors as ag_centrality,
 * AG_ERR_IO on a write error. */
ag_status ag_centrality_report(const igraph_t *g, const ag_measure *ms, size_t nm, bool weighted,
                               ag_measure sort_by, size_t top, ag_report_format fmt, FILE *fp,
                               ag_err *err);

/* Vertex labels of g into labels (initialised by the caller): attribute label,
 * else id, else "n<i>". */
ag_status ag_vertex_labels(const igraph_t *g, igraph_strvector_t *labels, ag_err *err);

/* Vertex attribute `name` as strings ("" when missing or not a string attribute). */
ag_status ag_vertex_strings(const igraph_t *g, const char *name, igraph_strvector_t *out,
                            ag_err *err);

/* Orders vertex ids by score descending, then label ascending (byte order), then
 * id; NaN scores come last. order is initialised by the caller. Cost: O(V log V). */
ag_status ag_rank_order(const igraph_vector_t *score, const igraph_strvector_t *labels,
                        igraph_vector_int_t *order, ag_err *err);

/* One actor or action with a count, for the stats tables. */
typedef struct ag_count {
    char *name;    /* label or action, owned */
    char *country; /* "" for actions, owned */
    char *id;      /* the actor's id, owned; NULL for actions */
    double count;  /* accusations: the sum of the weights of the edges counted (a whole number
                    * for accusegraph's graphs, whose edges have weight 1) */
} ag_count;

/* Summary statistics of an accusation graph (plain data; ag_stats_destroy frees). */
typedef struct ag_stats {
    long actors;            /* vertices */
    long isolated;          /* actors with no accusation at all */
    /* Accusations are counted by weight: an edge of weight w stands for w accusations, as in
     * the strengths of ag_centrality (every edge of accusegraph's graphs has weight 1) */
    double accusations;     /* the edges' weights */
    double self_accusations; /* the loops' */
    double negated;         /* those of edges whose boolean attribute negated is true (build --keep-negated) */
    long pairs;             /* distinct ordered pairs (accuser, accused), loops excluded */
    long mutual_pairs;      /* unordered pairs {a, b} with a->b and b->a, a != b */
    double reciprocity;     /* 2 * mutual_pairs / pairs: share of pairs answered; NaN if no pair */
    double dated;           /* accusations (by weight) with a valid non-empty date */
    char first_date[16];    /* earliest date by period start ("" if none), YYYY[-MM[-DD]] */
    char last_date[16];     /* latest date by period start */
    ag_count *accusers;     /* top accusers by out-strength (weighted out-degree), count > 0 only */
    size_t n_accusers;
    ag_count *accused;      /* most accused by in-strength, count > 0 only */
    size_t n_accused;
    ag_count *actions;      /* every action with its count, "" for a missing one */
    size_t n_actions;
} ag_stats;

/* Fills st (uninitialised on entry) from g; top limits the two actor tables (0 =
 * all). Ties are broken by name ascending. Dates that pass ag_date_valid are
 * compared as strings, i.e. by the start of their period ("2023" = 2023-01-01, before
 * "2023-01-10"); invalid ones count as undated. Cost: O(V log V + E log E). */
ag_status ag_stats_compute(const igraph_t *g, size_t top, ag_stats *st, ag_err *err);
void ag_stats_destroy(ag_stats *st);

/* Human-readable report; AG_ERR_IO on a write error. */
ag_status ag_stats_print(const ag_stats *st, FILE *fp, ag_err *err);

/* The same as a JSON object (pretty-printed, newline-terminated) appended to out. */
ag_status ag_stats_json(const ag_stats *st, ag_buf *out, ag_err *err);

#endif
