/* ag_triple.h - the accusation triple: the contract between the extractor and the graph.
 *
 * One triple is one accusation found in one sentence. Its JSON Lines form is documented
 * in the README ("The triple format"); the CSV form has the same fields as flat columns.
 */
#ifndef AG_TRIPLE_H
#define AG_TRIPLE_H

#include "ag_common.h"

/* An actor as it appears on either side of a triple. All strings owned, never NULL
 * once the triple is filled ("" when unknown). */
typedef struct ag_actor_ref {
    char *name;    /* as named in the text or its canonical label, e.g. "Dmitry Peskov" */
    char *id;      /* stable key, e.g. "RUS" or "person:dmitry-peskov" */
    char *type;    /* state | igo | org | person | group */
    char *country; /* ISO 3166-1 alpha-3, IGO short code (NATO, EU, UN...), WST, or "" */
} ag_actor_ref;

typedef struct ag_triple {
    char *doc;
    char *sentence;
    long offset;          /* byte offset of the sentence in the document text */
    ag_actor_ref source;
    char *action;         /* accuse | criticize | deny | complain | sue */
    char *code;           /* CAMEO code, e.g. "112" */
    ag_actor_ref target;
    char *date;           /* YYYY-MM-DD | YYYY-MM | YYYY | "" */
    char *date_precision; /* day | week | month | year | "" */
    bool negated;
    char *charge;
    char *topic;
    double confidence;    /* in (0, 1] */
    char *rule;
} ag_triple;

/* Growable array of triples that owns its elements. */
typedef struct ag_triples {
    ag_triple *items;
    size_t len, cap;
} ag_triples;

/* Sets every string of t to an owned "" and numbers to defaults (confidence 1). */
ag_status ag_triple_init(ag_triple *t);
void ag_triple_destroy(ag_triple *t);
/* Deep copy of src into dst (dst uninitialised). */
ag_status ag_triple_copy(ag_triple *dst, const ag_triple *src);

void ag_triples_init(ag_triples *ts);
void ag_triples_destroy(ag_triples *ts);
/* Takes ownership of *t (moved; t must not be destroyed by the caller afterwards). */
ag_status ag_triples_push(ag_triples *ts, ag_triple *t);

typedef enum ag_triple_format { AG_TRIPLES_JSONL, AG_TRIPLES_CSV } ag_triple_format;

/* Writers: one JSON object per line, or one CSV record (CRLF, RFC 4180).
 * ag_triple_write_csv_header writes the header row. */
ag_status ag_triple_write_jsonl(FILE *fp, const ag_triple *t);
ag_status ag_triple_write_csv_header(FILE *fp);
ag_status ag_triple_write_csv(FILE *fp, const ag_triple *t);

typedef struct ag_read_opts {
    bool skip_bad;        /* count and skip malformed lines instead of failing */
    size_t skipped;       /* out: number of malformed lines skipped */
} ag_read_opts;

/* Reads triples from path ("-" = stdin), JSONL or CSV, chosen by the file name
 * (.csv) or, for stdin, by the first byte ('{' = JSONL). Appends to ts.
 * A malformed line fails with AG_ERR_INPUT and a message "FILE:LINE: ..." unless
 * opts->skip_bad. */
ag_status ag_triples_read(const char *path, ag_triples *ts, ag_read_opts *opts, ag_err *err);

#endif
