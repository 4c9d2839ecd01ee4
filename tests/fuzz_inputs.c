/* fuzz_inputs.c - libFuzzer targets for every input reader, one per value of FUZZ_READER (built
 * and run by `make fuzz`): 1 documents as JSON Lines, 2 documents as CSV, 3 a text document,
 * 4 triples (JSON Lines or CSV, as the first byte decides), 5 GraphML, 6 the actor dictionary,
 * 7 CoNLL-U, 8 triples from an xlsx workbook (the zip and XML readers). The bytes are written to a file with the reader's extension, which the reader then
 * opens as a user's file would be; any outcome but a crash, a hang or a leak is fine. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <igraph.h>

#include "accusegraph.h"
#include "ag_doc.h"
#include "ag_graph.h"
#include "ag_parse.h"

#ifndef FUZZ_READER
#define FUZZ_READER 1
#endif

static const char *const ext[] = {"", ".jsonl", ".csv", ".txt", ".jsonl", ".graphml", ".tsv", ".conllu", ".xlsx"};

static char path[64];

static void remove_scratch(void) { unlink(path); }

static const char *scratch(void)
{
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/agfuzz-%ld%s", (long)getpid(), ext[FUZZ_READER]);
        atexit(remove_scratch);
        igraph_set_error_handler(igraph_error_handler_ignore);
        igraph_set_warning_handler(igraph_warning_handler_ignore);
        igraph_set_attribute_table(&igraph_cattribute_table);
    }
    return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = scratch();
    FILE *fp = fopen(path, "wb");
    if (!fp)
        abort();
    if (size && fwrite(data, 1, size, fp) != size)
        abort();
    fclose(fp);
    ag_err err;
#if FUZZ_READER <= 3
    char *in[] = {(char *)path};
    ag_doc_opts o;
    memset(&o, 0, sizeof o);
    o.skip_bad = size % 2 == 0;
    ag_doc_reader *r;
    if (ag_doc_reader_new(in, 1, &o, &r, &err) == AG_OK) {
        for (int k = 0; k < 100000; k++) {
            ag_doc d;
            bool done;
            if (ag_doc_reader_next(r, &d, &done, &err) != AG_OK || done)
                break;
            if (!d.text || !d.id)
                abort();
            ag_doc_destroy(&d);
        }
        ag_doc_reader_free(r);
    }
#elif FUZZ_READER == 4 || FUZZ_READER == 8
    ag_triples ts;
    ag_triples_init(&ts);
    ag_read_opts ro = {size % 2 == 0, 0};
    (void)ag_triples_read(path, &ts, &ro, &err);
    ag_triples_destroy(&ts);
#elif FUZZ_READER == 5
    igraph_t g;
    if (ag_graph_read(path, &g, &err) == AG_OK)
        igraph_destroy(&g);
#elif FUZZ_READER == 6
    ag_actors *a;
    if (ag_actors_new(&a, &err) == AG_OK) {
        (void)ag_actors_load(a, (const char *)data, size, "fuzz", &err);
        ag_actors_free(a);
    }
#else
    ag_treebank tb;
    memset(&tb, 0, sizeof tb);
    if (ag_treebank_read(path, &tb, &err) == AG_OK)
        ag_treebank_destroy(&tb);
#endif
    return 0;
}
