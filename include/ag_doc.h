/* ag_doc.h - documents in: .txt files, directories, JSON Lines, CSV and standard input.
 *
 * A reader walks its inputs in the order given (directories recursively, entries sorted
 * by name so output is deterministic) and yields one document at a time. The title, when
 * the input has one, becomes the first line of the document text followed by a blank line,
 * so headlines are analysed like any other line; offsets refer to that combined text.
 */
#ifndef AG_DOC_H
#define AG_DOC_H

#include "ag_common.h"

typedef struct ag_doc {
    char *id;       /* .txt: the file name ("007.txt"), or for a file found in a directory given as
                     * input its path relative to that directory ("politics/007.txt");
                     * jsonl/csv: the id field, else "FILE:LINE" (FILE named the same way) */
    char *date;     /* YYYY-MM-DD from metadata or the reader's default date; "" when unknown */
    char *url;      /* jsonl/csv: the url field; "" when none */
    char *title;    /* jsonl/csv: the title field, trimmed; "" when none */
    char *publisher; /* jsonl/csv: the publisher or source_domain field; "" when none */
    char *text;     /* valid UTF-8 (invalid bytes replaced by U+FFFD), NUL-terminated */
    size_t text_len;
    char *source;   /* "FILE" or "FILE:LINE" the document came from, for messages */
} ag_doc;

/* How an input named on the command line (a file or "-") is read. */
typedef enum ag_doc_format {
    AG_DOC_AUTO,  /* by extension (.txt, .jsonl/.ndjson, .csv); standard input and a file with
                   * another extension by their first line: '{' = JSON Lines, a CSV header
                   * naming a text column = CSV (with a warning), else one text document (with a
                   * warning when the first line looks like a CSV header all the same) */
    AG_DOC_TXT,   /* one text document, whatever its extension */
    AG_DOC_JSONL, /* JSON Lines */
    AG_DOC_CSV    /* CSV with a header row */
} ag_doc_format;

/* "txt", "jsonl" (or "ndjson") or "csv" -> format; false for anything else. */
bool ag_doc_format_parse(const char *name, ag_doc_format *f);

typedef struct ag_doc_opts {
    ag_doc_format format;     /* --input-format: for inputs named on the command line; files found
                               * in a directory are always read by their extension */
    const char *text_column;  /* CSV/JSONL field names to use instead of the defaults, or NULL */
    const char *title_column;
    const char *date_column;
    const char *id_column;
    const char *default_date; /* --date: used when the document has no date, or NULL */
    bool skip_bad;            /* count and skip malformed JSON lines / CSV rows instead of failing */
    bool verbose;             /* explain skips on stderr */
    size_t max_doc_bytes;     /* a document with more text is skipped and counted; 0: AG_DOC_MAX_DEFAULT */
    const char *skip_dir;     /* a directory never read (run's output directory inside an input), or NULL */
} ag_doc_opts;

/* The default cap on one document's text (--max-doc-size): 64 MiB, far above any article, so
 * that a runaway file or stream costs bounded memory. */
#define AG_DOC_MAX_DEFAULT ((size_t)64 << 20)

typedef struct ag_doc_stats {
    size_t files;         /* input files opened */
    size_t docs;          /* documents yielded */
    size_t bytes;         /* bytes of input read */
    size_t skipped_bad;   /* malformed lines/rows skipped (skip_bad) */
    size_t skipped_empty; /* documents with no text skipped */
    size_t skipped_files; /* files in directories skipped for their extension */
    size_t utf8_replaced; /* invalid UTF-8 sequences replaced */
    size_t skipped_binary; /* .txt (or plain-text) inputs skipped because they look binary */
    size_t dates_unread;  /* documents whose metadata date could not be read (they have none) */
    size_t nul_replaced;  /* NUL bytes inside JSON Lines or CSV records, replaced by U+FFFD */
    size_t skipped_large; /* documents over max_doc_bytes skipped */
    size_t escapes_replaced; /* \u0000 and lone-surrogate escapes in JSON strings, made \uFFFD */
    size_t skipped_outdir; /* run's own output directory met inside an input, not read */
} ag_doc_stats;

typedef struct ag_doc_reader ag_doc_reader;

/* Creates a reader over inputs[0..n) (paths, directories or "-"). The strings must outlive
 * the reader. Fails with AG_ERR_IO if an input does not exist. */
ag_status ag_doc_reader_new(char *const *inputs, size_t n, const ag_doc_opts *o, ag_doc_reader **out,
                            ag_err *err);

/* Fills *doc with the next document (the caller owns it: ag_doc_destroy) and sets *done to
 * false, or sets *done to true at the end. A malformed line fails with AG_ERR_INPUT and a
 * message "FILE:LINE: ..." unless skip_bad. */
ag_status ag_doc_reader_next(ag_doc_reader *r, ag_doc *doc, bool *done, ag_err *err);

const ag_doc_stats *ag_doc_reader_stats(const ag_doc_reader *r);
void ag_doc_reader_free(ag_doc_reader *r);
void ag_doc_destroy(ag_doc *d);

#endif
