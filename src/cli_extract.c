/* cli_extract.c - `accusegraph extract`: news text -> accusation triples. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accusegraph.h"
#include "ag_doc.h"
#include "ag_extract.h"
#include "cli.h"

static const char usage_text[] =
    "usage: accusegraph extract [OPTIONS] INPUT...\n"
    "\n"
    "Finds the accusations in news text and writes one triple per accusation.\n"
    "INPUT is a .txt file (one document), a .jsonl file (one document per line: id, date,\n"
    "title, text), a .csv file with a header row, a directory (read recursively; a file in it\n"
    "is named by its path from the directory: politics/007.txt), or -. A record's url, title,\n"
    "publisher (or source_domain) and date go into each of its triples.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
    "  -f, --format FMT       jsonl (default) or csv\n"
    "      --date DATE        document date (YYYY-MM-DD) for inputs that have none\n"
    "      --actors FILE      add or override actor dictionary entries (TSV, see README)\n"
    "      --keep-negated     keep negated or hedged accusations, marked \"negated\": true\n"
    "      --dedup            merge the reports of one accusation in a document (headline,\n"
    "                         lead, body) into one triple counting them in mentions (default:\n"
    "                         one triple per sentence, as evaluation sets label; run merges)\n"
    "      --no-dedup         one triple per reporting sentence (the default)\n"
    "      --explain          instead of triples, write for every candidate sentence its parse\n"
    "                         (CoNLL-U), its actor phrases and what they resolve to, and each\n"
    "                         trigger's frame decision: the triple written, or why none was\n"
    "      --skip-bad         skip malformed JSON lines and CSV rows (counted) instead of failing\n"
    "      --max-doc-size MB  skip (and count) documents with more text than this (default 64)\n"
    "  -j, --jobs N           extract on N threads (default: the number of processors); the\n"
    "                         output is the same for any N, in input order\n"
    "      --input-format F   txt, jsonl or csv: how to read standard input and the files named\n"
    "                         (not those found in a directory); default: by extension, and\n"
    "                         standard input or another extension by its first line, with a\n"
    "                         warning when that makes it JSON Lines or CSV\n"
    "      --text-column N    CSV/JSONL field holding the text (default: text, content, body, ...)\n"
    "      --title-column N   field holding the title (default: title)\n"
    "      --date-column N    field holding the date (default: date, date_publish, ...)\n"
    "      --id-column N      field holding the document id (default: id, url)\n"
    "  -q, --quiet            no summary or progress on standard error\n"
    "  -v, --verbose          explain skipped inputs\n"
    "  -h, --help             show this help\n"
    "\n"
    "exit codes: 0 ok, 1 malformed input, 2 bad usage, 3 file error, 4 internal error\n";

typedef struct extract_sink_ctx {
    ag_triple_writer *w;
    FILE *fp;
    bool explain;
    ag_progress *prog;
    ag_doc_reader *r;
    ag_extract_pool *pool;
    bool dedup;
    size_t merged; /* repeats folded into another triple */
} extract_sink_ctx;

/* Writes one document's triples, or its explanation with --explain. */
static ag_status extract_sink(void *ctx, ag_triples *ts, const ag_buf *why, ag_err *err)
{
    extract_sink_ctx *c = ctx;
    ag_status st = AG_OK;
    size_t merged = 0;
    if (c->dedup && !c->explain && (st = ag_triples_merge_repeats(ts, &merged, err)) != AG_OK)
        return st;
    c->merged += merged;
    if (c->explain && why->len && fwrite(why->data, 1, why->len, c->fp) != why->len)
        st = ag_fail(err, AG_ERR_IO, "cannot write the explanation: %s", strerror(errno));
    for (size_t i = 0; st == AG_OK && !c->explain && i < ts->len; i++)
        st = ag_triple_writer_put(c->w, &ts->items[i], err);
    if (st == AG_OK)
        ag_progress_update(c->prog, ag_doc_reader_stats(c->r)->docs, ag_doc_reader_stats(c->r)->bytes,
                           ag_extract_pool_stats(c->pool).sentences);
    return st;
}

int ag_cmd_extract(int argc, char **argv)
{
    enum { O_DATE = 256, O_ACTORS, O_NEG, O_SKIP, O_TEXT, O_TITLE, O_DATECOL, O_ID, O_EXPLAIN, O_MAXDOC, O_NODEDUP, O_DEDUP, O_INFMT };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},     {"format", required_argument, NULL, 'f'},
        {"date", required_argument, NULL, O_DATE},    {"actors", required_argument, NULL, O_ACTORS},
        {"keep-negated", no_argument, NULL, O_NEG},   {"skip-bad", no_argument, NULL, O_SKIP},
        {"text-column", required_argument, NULL, O_TEXT}, {"title-column", required_argument, NULL, O_TITLE},
        {"date-column", required_argument, NULL, O_DATECOL}, {"id-column", required_argument, NULL, O_ID},
        {"explain", no_argument, NULL, O_EXPLAIN},   {"no-dedup", no_argument, NULL, O_NODEDUP},
        {"dedup", no_argument, NULL, O_DEDUP},
        {"input-format", required_argument, NULL, O_INFMT},   {"max-doc-size", required_argument, NULL, O_MAXDOC},
        {"jobs", required_argument, NULL, 'j'},      {"quiet", no_argument, NULL, 'q'},           {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},            {NULL, 0, NULL, 0}};
    const char *output = NULL, *format = "jsonl";
    const char *actor_files[64];
    size_t nactor_files = 0;
    bool quiet = false, explain = false, dedup = false;
    int jobs = ag_extract_default_jobs();
    ag_buf why;
    ag_buf_init(&why);
    ag_doc_opts dopts;
    memset(&dopts, 0, sizeof dopts);
    ag_extract_opts xopts;
    memset(&xopts, 0, sizeof xopts);
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:f:j:qvh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': output = optarg; break;
        case 'f': format = optarg; break;
        case O_DATE:
            if (strlen(optarg) != 10 || !ag_date_valid(optarg)) {
                fprintf(stderr, "accusegraph: extract: --date wants YYYY-MM-DD, got '%s'\n", optarg);
                return 2;
            }
            dopts.default_date = optarg;
            break;
        case O_ACTORS:
            if (nactor_files == sizeof actor_files / sizeof *actor_files) {
                fprintf(stderr, "accusegraph: extract: too many --actors files\n");
                return 2;
            }
            actor_files[nactor_files++] = optarg;
            break;
        case O_NEG: xopts.keep_negated = true; break;
        case O_EXPLAIN: explain = true; break;
        case O_NODEDUP: dedup = false; break;
        case O_DEDUP: dedup = true; break;
        case O_SKIP: dopts.skip_bad = true; break;
        case O_MAXDOC:
            if (!ag_cli_doc_size(optarg, &dopts.max_doc_bytes)) {
                fprintf(stderr, "accusegraph: extract: --max-doc-size wants whole megabytes from 1 to 1048576, not '%s'\n",
                        optarg);
                return 2;
            }
            break;
        case 'j':
            if (!ag_cli_jobs(optarg, &jobs)) {
                fprintf(stderr, "accusegraph: extract: --jobs wants a whole number from 1 to %d, not '%s'\n",
                        AG_EXTRACT_MAX_JOBS, optarg);
                return 2;
            }
            break;
        case O_INFMT:
            if (!ag_doc_format_parse(optarg, &dopts.format)) {
                fprintf(stderr, "accusegraph: extract: --input-format must be txt, jsonl or csv, not '%s'\n", optarg);
                return 2;
            }
            break;
        case O_TEXT: dopts.text_column = optarg; break;
        case O_TITLE: dopts.title_column = optarg; break;
        case O_DATECOL: dopts.date_column = optarg; break;
        case O_ID: dopts.id_column = optarg; break;
        case 'q': quiet = true; break;
        case 'v': dopts.verbose = true; break;
        case 'h': fputs(usage_text, stdout); return 0;
        case ':':
            fprintf(stderr, "accusegraph: extract: option '%s' needs a value\n", argv[optind - 1]);
            return 2;
        default:
            fprintf(stderr, "accusegraph: extract: unknown option '%s' (see 'accusegraph extract --help')\n",
                    argv[optind - 1]);
            return 2;
        }
    }
    ag_triple_format fmt;
    if (strcmp(format, "jsonl") == 0 || strcmp(format, "json") == 0)
        fmt = AG_TRIPLES_JSONL;
    else if (strcmp(format, "csv") == 0)
        fmt = AG_TRIPLES_CSV;
    else {
        fprintf(stderr, "accusegraph: extract: unknown format '%s' (jsonl, csv)\n", format);
        return 2;
    }
    if (optind >= argc) {
        fprintf(stderr, "accusegraph: extract: no input (see 'accusegraph extract --help')\n");
        return 2;
    }

    ag_err err = {{0}};
    ag_status st;
    ag_cli_extraction ex = {0};
    ag_out out = {0};
    bool out_open = false;
    ag_progress prog;
    ag_progress_start(&prog, NULL, 0, true); /* off until the inputs are open */

    if (explain)
        xopts.explain = &why; /* each job has its own; this says there is one */
    if ((st = ag_cli_extraction_open(&ex, actor_files, nactor_files, &xopts, jobs, argv + optind,
                                     (size_t)(argc - optind), &dopts, &err)) != AG_OK)
        goto cleanup;
    ag_doc_reader *r = ex.r;
    if ((st = ag_out_open(&out, output, &err)) != AG_OK)
        goto cleanup;
    out_open = true;
    ag_triple_writer w;
    ag_triple_writer_init(&w, out.fp, fmt);
    /* Triples written to a terminal would be mixed with the progress line: none then. */
    bool to_tty = (!output || strcmp(output, "-") == 0) && isatty(STDOUT_FILENO);
    ag_progress_start(&prog, argv + optind, (size_t)(argc - optind), quiet || to_tty);
    extract_sink_ctx sc = {&w, out.fp, explain, &prog, r, ex.pool, dedup, 0};
    st = ag_extract_pool_run(ex.pool, r, extract_sink, &sc, &err);
    ag_progress_end(&prog);
    if (st != AG_OK || (st = ag_triple_writer_finish(&w, &err)) != AG_OK)
        goto cleanup;
    st = ag_out_commit(&out, &err);
    out_open = false;
    if (st == AG_OK && !quiet) {
        const ag_doc_stats *ds = ag_doc_reader_stats(r);
        ag_extract_stats xstats = ag_extract_pool_stats(ex.pool);
        const ag_extract_stats *xs = &xstats;
        /* one count per line of the table, singular or plural, only when not zero (the first three always) */
        const struct {
            size_t n;
            const char *one, *many;
            bool always;
        } parts[] = {
            {ds->docs, "document", "documents", true},
            {xs->sentences, "sentence", "sentences", true},
            {w.count, "accusation", "accusations", true},
            {sc.merged, "repeat merged into an accusation", "repeats merged into accusations", false},
            {xs->negated_dropped, "negated left out", "negated left out", false},
            {xs->parsed, "candidate sentence parsed", "candidate sentences parsed", false},
            {ds->skipped_bad, "malformed record skipped", "malformed records skipped", false},
            {ds->skipped_empty, "empty document skipped", "empty documents skipped", false},
            {ds->skipped_files, "file of another type skipped", "files of other types skipped", false},
            {ds->skipped_large, "document over --max-doc-size skipped (-v names it)",
             "documents over --max-doc-size skipped (-v names them)", false},
            {ds->skipped_binary, "binary file skipped (-v names it)", "binary files skipped (-v names them)", false},
            {ds->dates_unread, "date not understood (-v names it)", "dates not understood (-v names them)", false},
            {ds->utf8_replaced, "invalid UTF-8 sequence replaced", "invalid UTF-8 sequences replaced", false},
            {ds->nul_replaced, "NUL byte replaced", "NUL bytes replaced", false},
            {ds->escapes_replaced, "\\u0000 or lone-surrogate escape replaced",
             "\\u0000 or lone-surrogate escapes replaced", false},
        };
        fputs("accusegraph: extract:", stderr);
        const char *sep = " ";
        for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
            if (parts[i].n || parts[i].always) {
                fprintf(stderr, "%s%zu %s", sep, parts[i].n, parts[i].n == 1 ? parts[i].one : parts[i].many);
                sep = ", ";
            }
        fputc('\n', stderr);
    }

cleanup:
    ag_progress_end(&prog);
    if (out_open)
        ag_out_abort(&out);
    ag_buf_destroy(&why);
    ag_cli_extraction_close(&ex);
    return st == AG_OK ? 0 : ag_cli_error(st, &err);
}
