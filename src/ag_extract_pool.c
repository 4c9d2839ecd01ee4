/* ag_extract_pool.c - extraction of many documents on several threads, results in input order.
 *
 * The calling thread reads a batch of documents, every thread (the caller included) takes the
 * next unclaimed document of the batch and extracts it with an extractor of its own, and the
 * caller then hands the documents' results to the sink in input order. A document's triples
 * depend only on that document, so the output is the same for any number of threads. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ag_extract.h"

/* A batch ends at this many documents or this much text per thread, whichever comes first. */
#define BATCH_DOCS_PER_JOB 64
#define BATCH_BYTES_PER_JOB ((size_t)8 << 20)

typedef struct item {
    ag_doc doc;
    ag_triples ts;
    ag_buf why;
    ag_status st;
    ag_err err;
} item;

typedef struct worker {
    ag_extractor *x;
    ag_buf why; /* the explanation of the document being extracted */
    struct ag_extract_pool *pool;
} worker;

struct ag_extract_pool {
    int jobs;
    bool explain;
    worker *w;
    item *items;
    size_t nitems, capitems;
    atomic_size_t next; /* the next unclaimed item of the batch */
};

int ag_extract_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > AG_EXTRACT_MAX_JOBS ? AG_EXTRACT_MAX_JOBS : (int)n;
}

ag_status ag_extract_pool_new(const ag_actors *dict, const ag_extract_opts *o, int jobs, ag_extract_pool **out,
                              ag_err *err)
{
    *out = NULL;
    if (jobs < 1 || jobs > AG_EXTRACT_MAX_JOBS)
        return ag_fail(err, AG_ERR_USAGE, "jobs must be from 1 to %d, not %d", AG_EXTRACT_MAX_JOBS, jobs);
    ag_extract_pool *p = calloc(1, sizeof *p);
    if (!p || !(p->w = calloc((size_t)jobs, sizeof *p->w))) {
        free(p);
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    }
    p->explain = o && o->explain;
    for (int k = 0; k < jobs; k++) {
        worker *w = &p->w[k];
        ag_buf_init(&w->why);
        w->pool = p;
        ag_extract_opts wo;
        memset(&wo, 0, sizeof wo);
        if (o)
            wo = *o;
        wo.explain = p->explain ? &w->why : NULL;
        p->jobs = k + 1;
        ag_status st = ag_extractor_new(dict, &wo, &w->x, err);
        if (st != AG_OK) {
            ag_extract_pool_free(p);
            return st;
        }
    }
    *out = p;
    return AG_OK;
}

static void item_clear(item *it)
{
    ag_doc_destroy(&it->doc);
    for (size_t i = 0; i < it->ts.len; i++)
        ag_triple_destroy(&it->ts.items[i]);
    it->ts.len = 0;
    ag_buf_clear(&it->why);
}

void ag_extract_pool_free(ag_extract_pool *p)
{
    if (!p)
        return;
    for (int k = 0; k < p->jobs; k++) {
        ag_extractor_free(p->w[k].x);
        ag_buf_destroy(&p->w[k].why);
    }
    for (size_t i = 0; i < p->capitems; i++) {
        ag_triples_destroy(&p->items[i].ts);
        ag_buf_destroy(&p->items[i].why);
    }
    free(p->items);
    free(p->w);
    free(p);
}

/* Extracts unclaimed items of the batch until none is left. */
static void *work(void *arg)
{
    worker *w = arg;
    ag_extract_pool *p = w->pool;
    for (;;) {
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->nitems)
            return NULL;
        item *it = &p->items[i];
        it->st = ag_extract_doc(w->x, &it->doc, &it->ts, &it->err);
        if (p->explain) { /* the explanation moves to the item; the worker starts a new one */
            ag_buf t = it->why;
            it->why = w->why;
            w->why = t;
            ag_buf_clear(&w->why);
        }
        ag_doc_destroy(&it->doc); /* the text is no longer needed: only the triples are kept */
    }
}

/* Extracts the batch on every thread; the caller is one of them. */
static void run_batch(ag_extract_pool *p)
{
    atomic_store(&p->next, 0);
    pthread_t tid[AG_EXTRACT_MAX_JOBS];
    int started = 0;
    if (p->jobs > 1 && p->nitems > 1) {
        /* the helpers take no signals: the caller's handlers (cleanup of temporary files) run on it */
        sigset_t all, old;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        for (int k = 1; k < p->jobs && (size_t)k < p->nitems; k++)
            if (pthread_create(&tid[started], NULL, work, &p->w[k]) == 0)
                started++; /* a thread that cannot start leaves its share to the others */
        pthread_sigmask(SIG_SETMASK, &old, NULL);
    }
    work(&p->w[0]);
    for (int k = 0; k < started; k++)
        pthread_join(tid[k], NULL);
}

static ag_status items_reserve(ag_extract_pool *p, size_t n, ag_err *err)
{
    if (n <= p->capitems)
        return AG_OK;
    item *q = realloc(p->items, n * sizeof *q);
    if (!q)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    for (size_t i = p->capitems; i < n; i++) {
        memset(&q[i], 0, sizeof q[i]);
        ag_triples_init(&q[i].ts);
        ag_buf_init(&q[i].why);
    }
    p->items = q;
    p->capitems = n;
    return AG_OK;
}

ag_status ag_extract_pool_run(ag_extract_pool *p, ag_doc_reader *r, ag_extract_sink sink, void *ctx, ag_err *err)
{
    size_t max_docs = BATCH_DOCS_PER_JOB * (size_t)p->jobs, max_bytes = BATCH_BYTES_PER_JOB * (size_t)p->jobs;
    if (p->jobs == 1)
        max_docs = 1; /* one thread: each document is handed on as soon as it is extracted */
    ag_status st = items_reserve(p, max_docs, err);
    if (st != AG_OK)
        return st;
    bool done = false;
    while (!done) {
        /* read a batch; a reading error ends it, after the documents read before it */
        ag_status read_st = AG_OK;
        ag_err read_err = {{0}};
        size_t bytes = 0;
        p->nitems = 0;
        while (p->nitems < max_docs && bytes < max_bytes) {
            item *it = &p->items[p->nitems];
            if ((read_st = ag_doc_reader_next(r, &it->doc, &done, &read_err)) != AG_OK || done)
                break;
            it->st = AG_OK;
            bytes += it->doc.text_len;
            p->nitems++;
        }
        run_batch(p);
        for (size_t i = 0; i < p->nitems; i++) {
            item *it = &p->items[i];
            if (st == AG_OK && it->st != AG_OK) {
                st = it->st;
                *err = it->err;
            }
            if (st == AG_OK)
                st = sink(ctx, &it->ts, &it->why, err);
            item_clear(it);
        }
        p->nitems = 0;
        if (st != AG_OK)
            return st;
        if (read_st != AG_OK) {
            *err = read_err;
            return read_st;
        }
    }
    return AG_OK;
}

ag_extract_stats ag_extract_pool_stats(const ag_extract_pool *p)
{
    ag_extract_stats s;
    memset(&s, 0, sizeof s);
    for (int k = 0; k < p->jobs; k++) {
        const ag_extract_stats *w = ag_extractor_stats(p->w[k].x);
        s.docs += w->docs;
        s.sentences += w->sentences;
        s.bytes += w->bytes;
        s.triggers += w->triggers;
        s.triples += w->triples;
        s.negated_dropped += w->negated_dropped;
        s.parsed += w->parsed;
    }
    return s;
}
