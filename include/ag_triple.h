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
    char *type;    /* state | igo | org | person | group | ngo */
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
    /* where the accusation was reported (provenance) */
    long sentence_index;  /* index of the sentence in its document, from 0 (a title is sentence 0) */
    char *url;            /* the document's URL, "" when unknown */
    char *title;          /* the document's title (headline), "" when it has none */
    char *publisher;      /* the document's publisher or source domain ("example.com"), or "" */
    char *published;      /* the document's date: YYYY-MM-DD | YYYY-MM | YYYY | "" */
    long mentions;        /* reports of this one accusation the triple stands for, >= 1 */
    /* every report's sentence when the triple stands for more than one (see
     * ag_triples_merge_repeats), both "" for a single report */
    char *sentence_indexes; /* their sentence_index values in document order, separated by spaces: "0 1 4" */
    char *sentences;        /* their texts in the same order, separated by LF (a sentence holds none) */
    /* one block holding every string above once the triple is stored (ag_triple_pack): one
     * allocation of their exact size instead of 23; a string replaced later is its own */
    char *pack;
    size_t pack_len;
} ag_triple;

/* Growable array of triples that owns its elements. */
typedef struct ag_triples {
    ag_triple *items;
    size_t len, cap;
} ag_triples;

/* Sets every string of t to an owned "" and numbers to defaults (confidence 1, mentions 1). */
ag_status ag_triple_init(ag_triple *t);
void ag_triple_destroy(ag_triple *t);
/* Deep copy of src into dst (dst uninitialised). */
ag_status ag_triple_copy(ag_triple *dst, const ag_triple *src);

/* Sets t's document fields to copies of url, title, publisher and published (NULL = "").
 * AG_ERR_NOMEM leaves t valid (the fields not yet replaced keep their values). */
ag_status ag_triple_set_document(ag_triple *t, const char *url, const char *title, const char *publisher,
                                 const char *published);

/* Moves t's strings into one block of their exact size (t->pack). ag_triples_push packs what it
 * stores; a packed triple's strings are still replaced through this module's functions. */
ag_status ag_triple_pack(ag_triple *t);

void ag_triples_init(ag_triples *ts);
void ag_triples_destroy(ag_triples *ts);
/* Takes ownership of *t (moved; t must not be destroyed by the caller afterwards). */
ag_status ag_triples_push(ag_triples *ts, ag_triple *t);

/* One accusation reported many times in a document is one event: merges the repeats among
 * ts's triples (one document's, in sentence order, as the extractor gives them) in place.
 * Two triples are repeats when they have the same doc, source and target key (id, or name
 * when the id is empty), action (case-insensitive) and negated, and their charges are equal
 * or one of them is empty. Charges are compared folded: case-insensitive (Unicode case
 * folding), white space runs as one space, and leading or trailing white space and a final
 * full stop ignored. A triple merges into the first earlier accusation it repeats; the merged
 * one keeps the first report's fields (sentence, offset, sentence_index, date, rule ...),
 * takes the first non-empty charge (and topic when it had none) and the highest confidence,
 * adds up mentions and lists every report's sentence in sentence_indexes and sentences. A
 * repeat from a sentence already listed (two rules reading one sentence) adds no mention.
 * Order: the accusations in the order of their first report. *merged gets the number of
 * triples folded into others (may be NULL). AG_ERR_NOMEM leaves ts valid but perhaps
 * partly merged. Cost: O(n log n) plus O(r^2) for r repeats of one key. */
ag_status ag_triples_merge_repeats(ag_triples *ts, size_t *merged, ag_err *err);

typedef enum ag_triple_format { AG_TRIPLES_JSONL, AG_TRIPLES_CSV } ag_triple_format;

/* Checks t against the contract the reader enforces: source and target each have a
 * non-empty id or name, action is non-empty, type is state|igo|org|person|group|ngo or "",
 * date and published are "" or valid for ag_date_valid, date_precision is
 * day|week|month|year or "", offset >= 0, sentence_index >= 0, mentions >= 1, confidence in (0, 1],
 * sentence_indexes "" or whole numbers separated by single spaces. NULL strings count as "". Returns AG_ERR_INPUT
 * with a message naming the field otherwise. Cost: O(1) apart from string lengths. */
ag_status ag_triple_check(const ag_triple *t, ag_err *err);

/* Writers: one JSON object per line, or one CSV record (CRLF, RFC 4180).
 * ag_triple_write_csv_header writes the header row.
 * A triple failing ag_triple_check is not written (AG_ERR_INPUT); a write error gives
 * AG_ERR_IO. Strings are written cleaned as ag_utf8_clean does (invalid UTF-8 becomes
 * U+FFFD, control characters other than TAB/LF/CR a space), so whatever is written
 * reads back. Confidence is rounded to 3 decimals (at least 0.001). NULL strings are "". */
ag_status ag_triple_write_jsonl(FILE *fp, const ag_triple *t);
ag_status ag_triple_write_csv_header(FILE *fp);
ag_status ag_triple_write_csv(FILE *fp, const ag_triple *t);

/* JSONL when path ends in .jsonl/.ndjson/.json, CSV when it ends in .csv (any case);
 * JSONL for anything else, including "-" and NULL. */
ag_triple_format ag_triple_format_for_path(const char *path);

/* Streaming writer: writes the CSV header before the first triple (or at finish when
 * there was none), counts triples, and reports errors with a message. Typical use:
 *   ag_triple_writer w; ag_triple_writer_init(&w, fp, AG_TRIPLES_JSONL);
 *   for each t: if ((st = ag_triple_writer_put(&w, &t, &err))) goto cleanup;
 *   st = ag_triple_writer_finish(&w, &err);     -- flushes and checks ferror(fp)
 * The writer does not own or close fp. */
typedef struct ag_triple_writer {
    FILE *fp;
    ag_triple_format format;
    size_t count;         /* triples written so far */
    bool header_done;
} ag_triple_writer;

void ag_triple_writer_init(ag_triple_writer *w, FILE *fp, ag_triple_format format);
ag_status ag_triple_writer_put(ag_triple_writer *w, const ag_triple *t, ag_err *err);
ag_status ag_triple_writer_finish(ag_triple_writer *w, ag_err *err);

typedef struct ag_read_opts {
    bool skip_bad;        /* count and skip malformed lines instead of failing */
    size_t skipped;       /* out: number of malformed lines skipped */
} ag_read_opts;

/* Reads triples from path ("-" = stdin), JSONL or CSV, chosen by the file name
 * (.csv = CSV, .jsonl/.ndjson/.json = JSONL) or otherwise by the first non-blank
 * byte ('{' = JSONL, anything else CSV). Appends to ts; opts may be NULL.
 * Accepts a UTF-8 BOM, CRLF line ends, blank lines, an empty file (no triples) and
 * lines of any length. A malformed line or record (bad JSON or CSV, wrong type,
 * unknown key or column, invalid date, invalid UTF-8 or NUL byte in a string,
 * ag_triple_check failure) fails with AG_ERR_INPUT and "FILE:LINE: ..." ("<stdin>"
 * for "-"), or with opts->skip_bad is counted in opts->skipped and skipped. A bad CSV
 * header is always an error; but an edges CSV (its header has Source) may have columns of
 * its own, added in a spreadsheet: they are ignored, named in one warning on standard error. Strings read are cleaned with ag_utf8_clean.
 * Missing or unreadable file: AG_ERR_IO. On error ts keeps the triples read before.
 * Cost: O(size of the input). */
ag_status ag_triples_read(const char *path, ag_triples *ts, ag_read_opts *opts, ag_err *err);

#endif
