/* ag_extract.h - sentences + mentions -> accusation triples.
 *
 * The extractor reads one document at a time: it splits the text into sentences, finds
 * actor mentions (dictionary entries, people introduced with a title, pronouns and
 * descriptions resolved against the document's earlier actors) and, only in sentences
 * holding an accusation trigger from the lexicon (src/data/lexicon.tsv), applies the
 * argument frames: active and passive verbs, nominal forms, reported blame, denials.
 */
#ifndef AG_EXTRACT_H
#define AG_EXTRACT_H

#include "ag_actors.h"
#include "ag_doc.h"
#include "ag_parse.h"
#include "ag_triple.h"

typedef struct ag_extract_opts {
    bool keep_negated;        /* keep negated or hedged accusations, with negated = true */
    const ag_parser *parser;  /* tags and parses every candidate sentence (one holding a trigger
                               * and an actor named or described) for the frames; NULL: none.
                               * Borrowed: it must outlive the extractor */
    ag_buf *explain;          /* when set, every candidate sentence's analysis is appended here as
                               * text: the sentence, its parse (CoNLL-U), its actor phrases with
                               * the actors they resolve to, and each trigger's frame decision
                               * (the triple written, or why none was). Borrowed */
} ag_extract_opts;

typedef struct ag_extract_stats {
    size_t docs, sentences, bytes, triggers, triples, negated_dropped;
    size_t parsed;            /* candidate sentences parsed */
} ag_extract_stats;

typedef struct ag_extractor ag_extractor;

/* dict is borrowed and must outlive the extractor. */
ag_status ag_extractor_new(const ag_actors *dict, const ag_extract_opts *o, ag_extractor **out, ag_err *err);
void ag_extractor_free(ag_extractor *x);

/* Appends the triples of doc to out, in sentence order. Cost: linear in the text for
 * sentences without triggers; triggers add work bounded by the sentence length. */
ag_status ag_extract_doc(ag_extractor *x, const ag_doc *doc, ag_triples *out, ag_err *err);

const ag_extract_stats *ag_extractor_stats(const ag_extractor *x);

/* ---- many documents on several threads (src/ag_extract_pool.c) ---- */

#define AG_EXTRACT_MAX_JOBS 64

typedef struct ag_extract_pool ag_extract_pool;

/* The number of online processors, from 1 to AG_EXTRACT_MAX_JOBS. */
int ag_extract_default_jobs(void);

/* jobs extractors (1 to AG_EXTRACT_MAX_JOBS), one per thread, sharing dict and the options. With
 * o->explain set, each document's explanation goes to the sink; the buffer o->explain points to
 * is not used. */
ag_status ag_extract_pool_new(const ag_actors *dict, const ag_extract_opts *o, int jobs, ag_extract_pool **out,
                              ag_err *err);
void ag_extract_pool_free(ag_extract_pool *p);

/* Receives one document's triples and explanation ("" without explain), on the thread that
 * called ag_extract_pool_run, in input order. It may take the triples (move the items out and
 * set ts->len to 0); those left are freed after the call. */
typedef ag_status (*ag_extract_sink)(void *ctx, ag_triples *ts, const ag_buf *why, ag_err *err);

/* Reads every document of r and extracts them on the pool's threads, batch by batch (the
 * calling thread reads, and extracts too); hands each document's results to sink in input
 * order. The same input gives the same calls for any number of threads. The first error of
 * reading, extraction or the sink ends the run after the documents before it were handed on. */
ag_status ag_extract_pool_run(ag_extract_pool *p, ag_doc_reader *r, ag_extract_sink sink, void *ctx, ag_err *err);

/* The sum of the threads' counts so far. */
ag_extract_stats ag_extract_pool_stats(const ag_extract_pool *p);

#endif
