/* fuzz_extract.c - libFuzzer target: arbitrary bytes as a document's text through the whole
 * extractor (sentences, tokens, words and parses of candidate sentences, mentions, frames, dates).
 * Built and run by `make fuzz`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accusegraph.h"

static ag_actors *dict;
static ag_extractor *ex;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ag_err err;
    if (!dict) {
        if (ag_actors_new(&dict, &err) != AG_OK)
            abort();
        ag_extract_opts o = {true, NULL};
        if (ag_parser_builtin(&o.parser, &err) != AG_OK || ag_extractor_new(dict, &o, &ex, &err) != AG_OK)
            abort();
    }
    size_t replaced = 0;
    char *text = ag_utf8_clean((const char *)data, size, &replaced);
    if (!text)
        return 0;
    ag_doc doc = {.id = "fuzz", .date = size % 2 ? "2022-03-29" : "", .text = text, .text_len = strlen(text),
                  .source = "fuzz"};
    ag_triples ts;
    ag_triples_init(&ts);
    if (ag_extract_doc(ex, &doc, &ts, &err) == AG_OK)
        for (size_t i = 0; i < ts.len; i++)
            if (!ts.items[i].source.id || !ts.items[i].target.id || ts.items[i].confidence <= 0)
                abort();
    ag_triples_destroy(&ts);
    free(text);
    return 0;
}
