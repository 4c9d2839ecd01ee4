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

/* What a node's drawn size grows with: the extra column pagerank when o has one, else the
 * vertex attribute mentions (NaN when neither has a value). */
double ag_exp_size_basis(const igraph_t *g, const ag_export_opts *o, igraph_integer_t v);

/* The attributes of g beyond the ones the exporters write anyway (an edited file's or another
 * program's: GraphML keeps them all), for GEXF, JSON and graphology to carry too: names and
 * igraph attribute types, in g's order. Left out: the built-in attributes, o's extra columns,
 * an edge attribute id (igraph's reader keeps networkx's edge ids there; Gephi drops it) and the
 * names in reserved (NULL-terminated, may be NULL: a format's own keys such as source or x). */
typedef struct ag_exp_extra {
    const char *name; /* g's */
    int type;         /* IGRAPH_ATTRIBUTE_STRING | _NUMERIC | _BOOLEAN */
} ag_exp_extra;
typedef struct ag_exp_extras {
    igraph_strvector_t vnames, enames; /* the storage of the names */
    ag_exp_extra *v, *e;
    size_t nv, ne;
} ag_exp_extras;
ag_status ag_exp_extras_init(ag_exp_extras *x, const igraph_t *g, const ag_export_opts *o,
                             const char *const *reserved);
void ag_exp_extras_destroy(ag_exp_extras *x);

/* Edge label: the charge, or the action when there is none. */
const char *ag_exp_edge_label(const igraph_t *g, igraph_integer_t e);

/* The edge attributes every format carries besides confidence, weight and negated: the strings
 * (NULL-terminated, in this order) and the numbers (whole numbers: sentence_index, mentions). */
extern const char *const ag_exp_edge_texts[];
extern const char *const ag_exp_edge_counts[];

/* ---- the event table: one row per accusation, for the CSV and xlsx exporters ---- */

/* How a column's value is typed in a spreadsheet. */
typedef enum ag_exp_kind {
    AG_CELL_TEXT,   /* a string, never a number or a formula (codes such as 016 included) */
    AG_CELL_NUMBER, /* a number; NaN = an empty cell */
    AG_CELL_DATE    /* YYYY-MM-DD | YYYY-MM | YYYY | "" (the date_precision column tells which) */
} ag_exp_kind;

typedef struct ag_exp_column {
    const char *name;
    ag_exp_kind kind;
} ag_exp_column;

/* The event columns, in order: source_name ... mentions, sentence_indexes, sentences (README, "The event table"). */
extern const ag_exp_column ag_exp_event_columns[];
enum { AG_EXP_NEVENT = 28 };

/* One cell: s for text and dates (never NULL), x for numbers. */
typedef struct ag_exp_cell {
    const char *s;
    double x;
} ag_exp_cell;

/* Fills row[0..AG_EXP_NEVENT) for edge e of g. The strings point into g's attributes or into
 * buf, which must outlive the use of the row. Cost: O(1) apart from attribute look-ups. */
typedef struct ag_exp_row_buf {
    char root[3];
} ag_exp_row_buf;
void ag_exp_event_row(const igraph_t *g, igraph_integer_t e, ag_exp_cell *row, ag_exp_row_buf *buf);

/* The CAMEO root code of code (its first two digits, "01".."20") into root, and its QuadClass
 * (GDELT 2.0 / CAMEO 1.1b3: 1 verbal cooperation 01-05, 2 material cooperation 06-09, 3 verbal
 * conflict 10-14, 4 material conflict 15-20). false (root "", *quad 0) when code is no CAMEO code. */
bool ag_exp_cameo_root(const char *code, char root[3], int *quad);

/* Writes s to fp for XML text or a double-quoted attribute value: cleaned (invalid UTF-8
 * -> U+FFFD, other control characters -> space), & < > " ' escaped and TAB LF CR written
 * as character references so attribute normalisation keeps them. */
void ag_exp_xml(FILE *fp, const char *s);

/* Writes s as a JSON string (cleaned, escaped). */
void ag_exp_json(FILE *fp, const char *s);
/* JSON members written after an earlier one: ,"key":number (null when not finite), ,"key":"string",
 * and an extra attribute's key and value (of vertex or edge i). */
void ag_exp_json_num(FILE *fp, const char *key, double x);
void ag_exp_json_str(FILE *fp, const char *key, const char *value);
void ag_exp_json_extra(FILE *fp, const igraph_t *g, const ag_exp_extra *x, bool vertex, igraph_integer_t i);

/* Checks o's extra columns against g: names [A-Za-z0-9_]+, distinct, not a built-in
 * column, one value per vertex. AG_ERR_USAGE otherwise. */
ag_status ag_exp_check_columns(const igraph_t *g, const ag_export_opts *o, ag_err *err);
/* A copy of g with o's extra columns as numeric vertex attributes; a value that is not finite
 * becomes NaN, which igraph's writers leave out (they would write Inf). Destroy it after use. */
ag_status ag_exp_with_columns(const igraph_t *g, const ag_export_opts *o, igraph_t *copy, ag_err *err);

/* Writes a one-file format: checks o's columns (NULL = defaults), makes the node ids, opens
 * out atomically, calls body to write the document and commits the file (write errors ->
 * AG_ERR_IO, the previous file left intact). body returns AG_OK or AG_ERR_NOMEM (the file is
 * then abandoned). */
typedef ag_status (*ag_exp_body)(FILE *fp, const igraph_t *g, char **ids, const ag_export_opts *o);
ag_status ag_exp_write_file(const igraph_t *g, const char *out, const ag_export_opts *o, ag_exp_body body,
                            ag_err *err);

/* Closes out after checking fp for write errors (AG_ERR_IO) or aborts it when st != AG_OK. */
ag_status ag_exp_finish(ag_out *out, ag_status st, ag_err *err);

#endif
