/* export_common.h - helpers shared by the exporters (internal to the library). */
#ifndef AG_EXPORT_COMMON_H
#define AG_EXPORT_COMMON_H

#include <stdio.h>

#include "ag_export.h"

/* Attribute values with defaults when the attribute is absent: "" for strings,
 * NaN for numbers, false for booleans. The pointers stay valid while g lives. */
const char *ag_exp_vstr(const igraph_t *g, const char *name, igraph_integer_t v);
double ag_exp_vnum(const igraph_t *g, const char *name, igraph_integer_t v);
const char *ag_exp_estr(const igraph_t *g, const char *name, igraph_integer_t e);
double ag_exp_enum(const igraph_t *g, const char *name, igraph_integer_t e);
bool ag_exp_ebool(const igraph_t *g, const char *name, igraph_integer_t e);

/* Node ids as described in ag_export.h: ids[v] malloc'ed, free with ag_exp_free_ids. */
ag_status ag_exp_node_ids(const igraph_t *g, char ***ids, ag_err *err);
void ag_exp_free_ids(char **ids, igraph_integer_t n);

/* Shortest decimal that reads back as x ("%.15g" .. "%.17g"); buf of 32 bytes.
 * Whole numbers print without a decimal point, -0 as 0. Caller handles NaN/Inf. */
void ag_exp_number(char *buf, size_t n, double x);

/* A date as a full day for GEXF/CSV time columns (see ag_export.h); false when undated. */
bool ag_exp_day(const char *date, char out[11]);

/* Edge label: the charge, or the action when there is none. */
const char *ag_exp_edge_label(const igraph_t *g, igraph_integer_t e);

/* Writes s to fp for XML text or a double-quoted attribute value: cleaned (invalid UTF-8
 * -> U+FFFD, other control characters -> space), & < > " ' escaped and TAB LF CR written
 * as character references so attribute normalisation keeps them. */
void ag_exp_xml(FILE *fp, const char *s);

/* Writes s as a JSON string (cleaned, escaped). */
void ag_exp_json(FILE *fp, const char *s);

/* Checks o's extra columns against g: names [A-Za-z0-9_]+, distinct, not a built-in
 * column, one value per vertex. AG_ERR_USAGE otherwise. */
ag_status ag_exp_check_columns(const igraph_t *g, const ag_export_opts *o, ag_err *err);

/* Writes a one-file format: checks o's columns (NULL = defaults), makes the node ids, opens
 * out atomically, calls body to write the document and commits the file (write errors ->
 * AG_ERR_IO, the previous file left intact). */
typedef void (*ag_exp_body)(FILE *fp, const igraph_t *g, char **ids, const ag_export_opts *o);
ag_status ag_exp_write_file(const igraph_t *g, const char *out, const ag_export_opts *o, ag_exp_body body,
                            ag_err *err);

/* Closes out after checking fp for write errors (AG_ERR_IO) or aborts it when st != AG_OK. */
ag_status ag_exp_finish(ag_out *out, ag_status st, ag_err *err);

#endif
