/* accusegraph.h - the library in pipeline order:
 *
 *   text (ag_doc.h: documents in; ag_text.h: normalisation, sentences)
 *   -> mentions (ag_actors.h: actor dictionary; ag_date.h: dates)
 *   -> triples (ag_extract.h: patterns; ag_triple.h: the triple format)
 *   -> graph (ag_graph.h: igraph multigraph, GraphML storage)
 *   -> exporters (ag_export.h) and analysis (ag_analysis.h, ag_render.h)
 */
#ifndef ACCUSEGRAPH_H
#define ACCUSEGRAPH_H

#define AG_VERSION "0.1.0"

#include "ag_common.h"
#include "ag_triple.h"

#endif
