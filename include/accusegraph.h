/* accusegraph.h - the library in pipeline order:
 *
 *   text      ag_doc.h      documents in (.txt, directories, JSON Lines, CSV, stdin)
 *             ag_text.h     sentences and tokens
 *   parse     ag_parse.h    words, part-of-speech tags and dependency trees (of candidate sentences)
 *   mentions  ag_actors.h   phrase tables, the actor dictionary
 *             ag_date.h     document and event dates
 *   triples   ag_extract.h  argument frames -> accusation triples
 *             ag_triple.h   the triple format (JSONL / CSV), the extractor-graph contract
 *   graph     ag_graph.h    igraph directed multigraph, GraphML storage
 *   outputs   ag_export.h   GraphML, GEXF, CSV, JSON exporters
 *             ag_analysis.h centrality and statistics
 *             ag_render.h   pictures with Graphviz
 */
#ifndef ACCUSEGRAPH_H
#define ACCUSEGRAPH_H

#define AG_VERSION "0.1.0"

#include "ag_common.h"
#include "ag_doc.h"
#include "ag_text.h"
#include "ag_parse.h"
#include "ag_actors.h"
#include "ag_date.h"
#include "ag_extract.h"
#include "ag_triple.h"

#endif
