/* cli_run.c - `accusegraph run INPUT... [-o DIR]`: extract, build, export, analyse and draw
 * in one go.
 *
 * Every output is first written into a hidden staging directory inside DIR; only when all of
 * them are complete are they renamed into DIR, so a failure at any step leaves the previous
 * outputs as they were. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accusegraph.h"
#include "ag_analysis.h"
#include "ag_export.h"
#include "ag_graph.h"
#include "ag_render.h"
#include "cli.h"

static const char usage_text[] =
    "usage: accusegraph run [OPTIONS] INPUT... [-o DIR]\n"
    "\n"
    "Finds the accusations in news text and writes, into DIR (default graphs/):\n"
    "  triples.jsonl           one accusation triple per line (as 'extract' writes them)\n"
    "  accusations.graphml     the directed multigraph: one edge per accusation (Gephi, igraph),\n"
    "                          its nodes with the centrality columns of the node table\n"
    "  accusations.gexf        the same for Gephi's timeline (timestamped edges, nodes with\n"
    "                          spells, colours and sizes)\n"
    "  accusations.edges.csv   one row per accusation, for spreadsheets: an event table with\n"
    "                          both sides' names, countries and types, CAMEO code, root and\n"
    "                          QuadClass, year, month, date, url, title, publisher, sentence\n"
    "                          number and text, charge, topic, confidence, rule, mentions\n"
    "  accusations.nodes.csv   one row per actor with in_strength, out_strength, pagerank,\n"
    "                          hub and authority\n"
    "  accusations.xlsx        the same as a workbook with typed cells: sheets accusations,\n"
    "                          actors and pairs (counts per source, target, action, month)\n"
    "  accusations.svg         a picture of the network (Graphviz)\n"
    "and prints a summary on standard output. INPUT is a .txt file, a .jsonl or .csv file,\n"
    "a directory (read recursively) or - (standard input). The files replace earlier ones\n"
    "only when all of them were written.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR       output directory, created if missing (default: graphs)\n"
    "extract options:\n"
    "      --date DATE        document date (YYYY-MM-DD) for inputs that have none\n"
    "      --actors FILE      add or override actor dictionary entries (TSV; repeatable)\n"
    "      --keep-negated     keep negated accusations in triples.jsonl (\"negated\": true);\n"
    "                         the graph leaves them out\n"
    "      --no-dedup         keep every report of an accusation in a document apart\n"
    "                         (default: repeats merge into one, counted in mentions)\n"
    "      --skip-bad         skip malformed JSON lines and CSV rows (counted) instead of failing\n"
    "      --max-doc-size MB  skip (and count) documents with more text than this (default 64)\n"
    "  -j, --jobs N           extract on N threads (default: the number of processors); the\n"
    "                         outputs are the same for any N\n"
    "      --input-format F   txt, jsonl or csv: how to read standard input and the files named\n"
    "                         (not those found in a directory); default: by extension, and\n"
    "                         standard input or another extension by its first line, with a\n"
    "                         warning when that makes it JSON Lines or CSV\n"
    "      --text-column N    CSV/JSONL field holding the text (default: text, content, body, ...)\n"
    "      --title-column N   field holding the title (default: title)\n"
    "      --date-column N    field holding the date (default: date, date_publish, ...)\n"
    "      --id-column N      field holding the document id (default: id, url)\n"
    "build options (the graph and everything drawn from it; triples.jsonl keeps all):\n"
    "      --level L          actor (default): one vertex per actor; country: per country\n"
    "                         or organisation\n"
    "      --since DATE       keep accusations dated DATE or later (YYYY[-MM[-DD]])\n"
    "      --until DATE       keep accusations dated DATE or earlier; with either, undated\n"
    "                         accusations are left out\n"
    "      --action LIST      keep only these actions, comma-separated (accuse,deny,...)\n"
    "      --min-confidence X keep accusations with confidence >= X (0..1)\n"
    "picture:\n"
    "      --top N            draw the N actors with the highest PageRank (default 40; 0 = all)\n"
    "\n"
    "  -q, --quiet            no progress line and no summary\n"
    "  -v, --verbose          explain skipped inputs on standard error\n"
    "  -h, --help             show this help\n"
    "\n"
    "On a terminal a progress line on standard error shows documents, MB read, sentences\n"
    "per second, elapsed time and an estimate of the time left.\n"
    "exit codes: 0 ok, 1 malformed input, 2 bad usage, 3 file error, 4 internal error\n";

/* The outputs, in the order they are written and listed. */
enum { F_TRIPLES, F_GRAPHML, F_GEXF, F_EDGES, F_NODES, F_XLSX, F_SVG, F_COUNT };
static const char *const out_names[F_COUNT] = {
    "triples.jsonl",         "accusations.graphml",   "accusations.gexf", "accusations.edges.csv",
    "accusations.nodes.csv", "accusations.xlsx",      "accusations.svg"};

typedef struct run_opts {
    const char *dir;
    const char *actor_files[64];
    size_t nactor_files;
    ag_doc_opts doc;
    ag_extract_opts extract;
    ag_build_opts build;
    long top;
    int jobs;
    bool quiet;
    bool no_dedup;
} run_opts;

/* What the summary reports besides the graph's own statistics. */
typedef struct run_counts {
    ag_doc_stats doc;
    size_t sentences, triples, negated_kept, negated_dropped;
    size_t merged; /* repeats folded into another accusation */
} run_counts;

static int usage_error(const char *fmt, const char *arg)
{
    fputs("accusegraph: run: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs(" (see 'accusegraph run --help')\n", stderr);
    return 2;
}

/* Parses argv into o; returns -1 to go on, else the exit code (0 after --help). */
static int parse_args(int argc, char **argv, run_opts *o)
{
    enum { O_DATE = 256, O_ACTORS, O_NEG, O_SKIP, O_TEXT, O_TITLE, O_DATECOL, O_ID,
           O_LEVEL, O_SINCE, O_UNTIL, O_ACTION, O_MINCONF, O_TOP, O_MAXDOC, O_NODEDUP, O_INFMT };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"date", required_argument, NULL, O_DATE},
        {"actors", required_argument, NULL, O_ACTORS},
        {"keep-negated", no_argument, NULL, O_NEG},
        {"no-dedup", no_argument, NULL, O_NODEDUP},
        {"input-format", required_argument, NULL, O_INFMT},
        {"skip-bad", no_argument, NULL, O_SKIP},
        {"max-doc-size", required_argument, NULL, O_MAXDOC},
        {"jobs", required_argument, NULL, 'j'},
        {"text-column", required_argument, NULL, O_TEXT},
        {"title-column", required_argument, NULL, O_TITLE},
        {"date-column", required_argument, NULL, O_DATECOL},
        {"id-column", required_argument, NULL, O_ID},
        {"level", required_argument, NULL, O_LEVEL},
        {"since", required_argument, NULL, O_SINCE},
        {"until", required_argument, NULL, O_UNTIL},
        {"action", required_argument, NULL, O_ACTION},
        {"min-confidence", required_argument, NULL, O_MINCONF},
        {"top", required_argument, NULL, O_TOP},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    char *end;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:j:qvh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': o->dir = optarg; break;
        case O_DATE:
            if (strlen(optarg) != 10 || !ag_date_valid(optarg))
                return usage_error("--date wants YYYY-MM-DD, not '%s'", optarg);
            o->doc.default_date = optarg;
            break;
        case O_ACTORS:
            if (o->nactor_files == sizeof o->actor_files / sizeof *o->actor_files)
                return usage_error("too many --actors files%s", "");
            o->actor_files[o->nactor_files++] = optarg;
            break;
        case O_NEG: o->extract.keep_negated = true; break;
        case O_NODEDUP: o->no_dedup = true; break;
        case O_SKIP: o->doc.skip_bad = true; break;
        case O_MAXDOC:
            if (!ag_cli_doc_size(optarg, &o->doc.max_doc_bytes))
                return usage_error("--max-doc-size wants whole megabytes from 1 to 1048576, not '%s'", optarg);
            break;
        case 'j':
            if (!ag_cli_jobs(optarg, &o->jobs))
                return usage_error("--jobs wants a whole number from 1 to 64, not '%s'", optarg);
            break;
        case O_INFMT:
            if (!ag_doc_format_parse(optarg, &o->doc.format))
                return usage_error("--input-format must be txt, jsonl or csv, not '%s'", optarg);
            break;
        case O_TEXT: o->doc.text_column = optarg; break;
        case O_TITLE: o->doc.title_column = optarg; break;
        case O_DATECOL: o->doc.date_column = optarg; break;
        case O_ID: o->doc.id_column = optarg; break;
        case O_LEVEL:
            if (strcmp(optarg, "actor") == 0)
                o->build.level = AG_LEVEL_ACTOR;
            else if (strcmp(optarg, "country") == 0)
                o->build.level = AG_LEVEL_COUNTRY;
            else
                return usage_error("--level must be actor or country, not '%s'", optarg);
            break;
        case O_SINCE: o->build.since = optarg; break;
        case O_UNTIL: o->build.until = optarg; break;
        case O_ACTION: o->build.actions = optarg; break;
        case O_MINCONF:
            o->build.min_confidence = strtod(optarg, &end);
            if (!optarg[0] || *end || !(o->build.min_confidence >= 0 && o->build.min_confidence <= 1))
                return usage_error("--min-confidence must be a number between 0 and 1, not '%s'", optarg);
            break;
        case O_TOP:
            errno = 0;
            o->top = strtol(optarg, &end, 10);
            if (!optarg[0] || *end || errno || o->top < 0)
                return usage_error("--top wants a whole number >= 0, not '%s'", optarg);
            break;
        case 'q': o->quiet = true; break;
        case 'v': o->doc.verbose = true; break;
        case 'h': fputs(usage_text, stdout); return 0;
        case ':': return usage_error("option '%s' needs a value", argv[optind - 1]);
        default: return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return usage_error("%s", "no input given");
    ag_err err = {{0}};
    if (ag_build_opts_check(&o->build, &err) != AG_OK)
        return usage_error("%s", err.msg);
    return -1;
}

/* dir/name, malloc'ed; NULL when out of memory. */
static char *path_join(const char *dir, const char *name)
{
    ag_buf b;
    ag_buf_init(&b);
    if (ag_buf_printf(&b, "%s/%s", dir, name) != AG_OK) {
        ag_buf_destroy(&b);
        return NULL;
    }
    return ag_buf_steal(&b);
}

/* mkdir -p. */
static ag_status make_dirs(const char *dir, ag_err *err)
{
    char *p = ag_strdup(dir);
    if (!p)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    ag_status st = AG_OK;
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        struct stat sb;
        if (mkdir(p, 0777) != 0 && (errno != EEXIST || stat(p, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
            st = ag_fail(err, AG_ERR_IO, "cannot create output directory %s: %s", p,
                         errno == EEXIST ? strerror(ENOTDIR) : strerror(errno));
            break;
        }
        *s = c;
        if (c == '\0')
            break;
    }
    free(p);
    return st;
}

typedef struct run_sink_ctx {
    ag_triple_writer *w;
    ag_triples *ts;
    run_counts *rc;
    ag_progress *prog;
    ag_doc_reader *r;
    ag_extract_pool *pool;
    bool dedup;
} run_sink_ctx;

/* Writes one document's triples to the staging triples.jsonl and moves them into the run's. */
static ag_status run_sink(void *ctx, ag_triples *doc_ts, const ag_buf *why, ag_err *err)
{
    run_sink_ctx *c = ctx;
    size_t merged = 0;
    ag_status st = c->dedup ? ag_triples_merge_repeats(doc_ts, &merged, err) : AG_OK;
    c->rc->merged += merged;
    for (size_t i = 0; st == AG_OK && i < doc_ts->len; i++) {
        st = ag_triple_writer_put(c->w, &doc_ts->items[i], err);
        if (doc_ts->items[i].negated)
            c->rc->negated_kept++;
    }
    size_t moved = 0;
    while (st == AG_OK && moved < doc_ts->len) {
        if (ag_triples_push(c->ts, &doc_ts->items[moved]) != AG_OK)
            st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
        else
            moved++;
    }
    /* the ones not moved stay in doc_ts, which frees them */
    if (doc_ts->len > moved) /* (items is NULL for a document without triples) */
        memmove(doc_ts->items, doc_ts->items + moved, (doc_ts->len - moved) * sizeof *doc_ts->items);
    doc_ts->len -= moved;
    if (st == AG_OK)
        ag_progress_update(c->prog, ag_doc_reader_stats(c->r)->docs, ag_doc_reader_stats(c->r)->bytes,
                           ag_extract_pool_stats(c->pool).sentences);
    return st;
}

/* Reads every document, writes its triples to the staging triples.jsonl and keeps them in ts. */
static ag_status extract_all(const run_opts *o, char **inputs, size_t ninputs, const char *triples_path,
                             ag_triples *ts, run_counts *rc, ag_progress *prog, ag_err *err)
{
    ag_cli_extraction ex;
    ag_out out = {0};
    bool out_open = false;
    ag_status st = ag_cli_extraction_open(&ex, o->actor_files, o->nactor_files, &o->extract, o->jobs, inputs,
                                          ninputs, &o->doc, err);
    if (st != AG_OK)
        return st;
    ag_doc_reader *r = ex.r;
    if ((st = ag_out_open(&out, triples_path, err)) != AG_OK)
        goto cleanup;
    out_open = true;
    ag_triple_writer w;
    ag_triple_writer_init(&w, out.fp, AG_TRIPLES_JSONL);
    run_sink_ctx sc = {&w, ts, rc, prog, r, ex.pool, !o->no_dedup};
    if ((st = ag_extract_pool_run(ex.pool, r, run_sink, &sc, err)) != AG_OK)
        goto cleanup;
    if ((st = ag_triple_writer_finish(&w, err)) != AG_OK)
        goto cleanup;
    out_open = false;
    if ((st = ag_out_commit(&out, err)) != AG_OK)
        goto cleanup;
    ag_extract_stats xs = ag_extract_pool_stats(ex.pool);
    rc->doc = *ag_doc_reader_stats(r);
    rc->sentences = xs.sentences;
    rc->triples = w.count;
    rc->negated_dropped = xs.negated_dropped;

cleanup:
    if (out_open)
        ag_out_abort(&out);
    ag_cli_extraction_close(&ex);
    return st;
}

/* Writes the six graph files into the staging directory. */
static ag_status write_graph_files(const igraph_t *g, const run_opts *o, char **paths, const char *csv_base,
                                   ag_progress *prog, ag_err *err)
{
    ag_cli_node_columns nc;
    ag_progress_stage(prog, "computing centrality");
    ag_status st = ag_cli_node_columns_init(&nc, g, err);
    if (st)
        return st;
    ag_export_opts eo;
    ag_export_opts_init(&eo);
    ag_progress_stage(prog, "writing GraphML, GEXF, CSV and xlsx");
    eo.columns = nc.cols; /* every node table has the centrality columns */
    eo.ncolumns = nc.n;
    if ((st = ag_export(g, AG_EXPORT_GRAPHML, paths[F_GRAPHML], &eo, err)) != AG_OK ||
        (st = ag_export(g, AG_EXPORT_GEXF, paths[F_GEXF], &eo, err)) != AG_OK ||
        (st = ag_export(g, AG_EXPORT_CSV, csv_base, &eo, err)) != AG_OK ||
        (st = ag_export(g, AG_EXPORT_XLSX, paths[F_XLSX], &eo, err)) != AG_OK)
        goto cleanup;
    ag_render_opts ro;
    ag_render_opts_init(&ro);
    ro.format = AG_RENDER_SVG;
    ro.top = o->top;
    ag_progress_stage(prog, "drawing the picture");
    st = ag_render_file(g, &ro, paths[F_SVG], err);

cleanup:
    ag_cli_node_columns_destroy(&nc);
    return st;
}

static void print_counts(FILE *fp, const char *title, const ag_count *c, size_t n)
{
    fprintf(fp, "%s\n", title);
    if (n == 0)
        fputs("  none\n", fp);
    for (size_t i = 0; i < n; i++) {
        fprintf(fp, "  %5.15g  %s", c[i].count, c[i].name);
        if (c[i].country[0] && strcmp(c[i].country, c[i].name) != 0)
            fprintf(fp, " (%s)", c[i].country);
        fputc('\n', fp);
    }
}

/* "none" or "N what, N what, ..." for the reasons inputs were skipped. */
static void print_skips(FILE *fp, const ag_doc_stats *d)
{
    struct {
        size_t n;
        const char *one, *many;
    } why[] = {
        {d->skipped_files, "file of another type", "files of other types"},
        {d->skipped_binary, "binary file", "binary files"},
        {d->skipped_large, "document over --max-doc-size", "documents over --max-doc-size"},
        {d->skipped_empty, "empty document", "empty documents"},
        {d->skipped_bad, "malformed record (--skip-bad)", "malformed records (--skip-bad)"},
        {d->skipped_outdir, "directory, the output directory (-v names it)", "directories, the output directory"},
    };
    const char *sep = "";
    fputs("skipped       ", fp);
    for (size_t i = 0; i < sizeof why / sizeof why[0]; i++) {
        if (!why[i].n)
            continue;
        fprintf(fp, "%s%zu %s", sep, why[i].n, why[i].n == 1 ? why[i].one : why[i].many);
        sep = ", ";
    }
    fputs(*sep ? "" : "none", fp);
    if (d->utf8_replaced)
        fprintf(fp, "; %zu invalid UTF-8 sequence%s replaced", d->utf8_replaced,
                d->utf8_replaced == 1 ? "" : "s");
    if (d->nul_replaced)
        fprintf(fp, "; %zu NUL byte%s replaced", d->nul_replaced, d->nul_replaced == 1 ? "" : "s");
    if (d->escapes_replaced)
        fprintf(fp, "; %zu \\u0000 or lone-surrogate escape%s replaced", d->escapes_replaced,
                d->escapes_replaced == 1 ? "" : "s");
    fputc('\n', fp);
}

static ag_status print_summary(FILE *fp, const run_opts *o, const run_counts *rc, const igraph_t *g,
                               const ag_stats *s, ag_err *err)
{
    double kb = (double)rc->doc.bytes / 1e3;
    fprintf(fp, "read          %zu documents, %zu sentences (%.1f %s)\n", rc->doc.docs, rc->sentences,
            kb >= 1000 ? kb / 1e3 : kb, kb >= 1000 ? "MB" : "KB");
    print_skips(fp, &rc->doc);
    fprintf(fp, "found         %zu accusations", rc->triples - rc->negated_kept);
    if (rc->negated_kept)
        fprintf(fp, " (+ %zu negated, kept in triples.jsonl, not in the graph)", rc->negated_kept);
    else if (rc->negated_dropped)
        fprintf(fp, " (%zu negated left out)", rc->negated_dropped);
    fputc('\n', fp);
    if (rc->merged)
        fprintf(fp, "merged        %zu repeated report%s into %s (--no-dedup keeps repeats apart)\n", rc->merged,
                rc->merged == 1 ? "" : "s", rc->merged == 1 ? "its accusation" : "their accusations");
    size_t edges = (size_t)igraph_ecount(g), kept = rc->triples - rc->negated_kept;
    fprintf(fp, "graph         %" IGRAPH_PRId " actors, %zu accusations", igraph_vcount(g), edges);
    if (kept > edges)
        fprintf(fp, " (%zu filtered out by the build options)", kept - edges);
    if (o->build.level == AG_LEVEL_COUNTRY)
        fputs(", country level", fp);
    fputc('\n', fp);
    if (s->dated)
        fprintf(fp, "dates         %s .. %s (%.15g of %.15g accusations dated)\n", s->first_date, s->last_date,
                s->dated, s->accusations);
    else
        fprintf(fp, "dates         none (0 of %.15g accusations dated)\n", s->accusations);
    print_counts(fp, "top accusers (accusations made)", s->accusers, s->n_accusers);
    print_counts(fp, "most accused (accusations received)", s->accused, s->n_accused);
    fputs("actions      ", fp);
    for (size_t i = 0; i < s->n_actions; i++)
        fprintf(fp, "%s %s %.15g", i ? "," : "", s->actions[i].name[0] ? s->actions[i].name : "(none)",
                s->actions[i].count);
    fputs(s->n_actions ? "\n" : " none\n", fp);
    fprintf(fp, "written to    %s/:", o->dir);
    for (size_t i = 0; i < F_COUNT; i++)
        fprintf(fp, " %s", out_names[i]);
    fputc('\n', fp);
    if (fflush(fp) != 0 || ferror(fp))
        return ag_fail(err, AG_ERR_IO, "cannot write the summary to standard output: %s", strerror(errno));
    return AG_OK;
}

/* Removes what a failed run left in the staging directory, then the directory. */
/* Takes the output directory's lock (an flock on the directory itself, so that no file is left
 * behind; released when the process ends, however it ends), waiting for a run that holds it
 * and saying so. Returns the lock's descriptor, or -1 with err set. */
static int lock_outputs(const char *dir, bool quiet, ag_err *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        ag_fail(err, AG_ERR_IO, "cannot open %s: %s", dir, strerror(errno));
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (!quiet)
            fprintf(stderr, "accusegraph: run: waiting for another run writing to %s\n", dir);
        if (flock(fd, LOCK_EX) != 0) {
            ag_fail(err, AG_ERR_IO, "cannot lock %s: %s", dir, strerror(errno));
            close(fd);
            return -1;
        }
    }
    return fd;
}

static void remove_staging(const char *staging, char **paths)
{
    for (size_t i = 0; i < F_COUNT; i++)
        if (paths[i])
            unlink(paths[i]);
    rmdir(staging);
}

int ag_cmd_run(int argc, char **argv)
{
    run_opts o;
    memset(&o, 0, sizeof o);
    o.dir = "graphs";
    o.top = 40;
    o.jobs = ag_extract_default_jobs();
    ag_build_opts_init(&o.build);
    int code = parse_args(argc, argv, &o);
    if (code >= 0)
        return code;
    /* the summary goes to standard output: closed (>&-), it would be lost, so nothing is done */
    if (!o.quiet) {
        ag_err cerr = {{0}};
        if (ag_stdout_closed_error(&cerr) != AG_OK) {
            fprintf(stderr, "accusegraph: run: standard output is closed, so the summary would be lost "
                            "(-q runs without one)\n");
            return ag_exit_code(AG_ERR_IO);
        }
    }
    char **inputs = argv + optind;
    size_t ninputs = (size_t)(argc - optind);

    ag_err err = {{0}};
    ag_status st;
    char *staging = NULL, *csv_base = NULL, *paths[F_COUNT] = {0}, *finals[F_COUNT] = {0};
    int slots[F_COUNT + 1]; /* ag_cleanup_add slots: the staged files, then the staging directory */
    for (size_t i = 0; i <= F_COUNT; i++)
        slots[i] = -1;
    bool stats_done = false, graph_done = false;
    ag_stats stats;
    igraph_t g;
    run_counts rc;
    memset(&rc, 0, sizeof rc);
    ag_triples ts;
    ag_triples_init(&ts);
    ag_progress prog;
    ag_progress_start(&prog, inputs, ninputs, o.quiet);

    /* Inputs are checked before anything is created. */
    for (size_t i = 0; i < ninputs; i++) {
        struct stat sb;
        if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &sb) != 0) {
            st = ag_fail(&err, AG_ERR_IO, "cannot open %s: %s", inputs[i], strerror(errno));
            goto cleanup;
        }
    }
    if ((st = make_dirs(o.dir, &err)) != AG_OK)
        goto cleanup;
    o.doc.skip_dir = o.dir; /* "run ." must not read its own outputs */
    if (!(staging = path_join(o.dir, ".accusegraph-run.XXXXXX"))) {
        st = ag_fail(&err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    if (!mkdtemp(staging)) {
        st = ag_fail(&err, AG_ERR_IO, "cannot create a directory in %s: %s", o.dir, strerror(errno));
        free(staging);
        staging = NULL;
        goto cleanup;
    }
    /* a signal removes the staging directory and what it holds */
    slots[F_COUNT] = ag_cleanup_add(staging, true);
    for (size_t i = 0; i < F_COUNT; i++) {
        if (!(paths[i] = path_join(staging, out_names[i])) || !(finals[i] = path_join(o.dir, out_names[i]))) {
            st = ag_fail(&err, AG_ERR_NOMEM, "out of memory");
            goto cleanup;
        }
        slots[i] = ag_cleanup_add(paths[i], false);
    }
    if (!(csv_base = path_join(staging, "accusations"))) {
        st = ag_fail(&err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }

    if ((st = extract_all(&o, inputs, ninputs, paths[F_TRIPLES], &ts, &rc, &prog, &err)) != AG_OK)
        goto cleanup;
    ag_progress_stage(&prog, "building the graph");
    if ((st = ag_graph_build(&ts, &o.build, &g, &err)) != AG_OK)
        goto cleanup;
    graph_done = true;
    ag_triples_destroy(&ts); /* the graph holds what is needed now */
    if ((st = write_graph_files(&g, &o, paths, csv_base, &prog, &err)) != AG_OK)
        goto cleanup;
    if ((st = ag_stats_compute(&g, 5, &stats, &err)) != AG_OK)
        goto cleanup;
    stats_done = true;

    /* every output replaced, or none: a failure leaves the previous run's files as they were;
     * and one run at a time, so that two runs into one directory never mix their files */
    int lock = lock_outputs(o.dir, o.quiet, &err);
    if (lock < 0) {
        st = AG_ERR_IO;
        goto cleanup;
    }
    st = ag_rename_all((const char *const *)paths, (const char *const *)finals, F_COUNT, &err);
    close(lock);
    if (st != AG_OK)
        goto cleanup;
    ag_progress_end(&prog);
    if (!o.quiet)
        st = print_summary(stdout, &o, &rc, &g, &stats, &err);

cleanup:
    ag_progress_end(&prog);
    if (staging) {
        remove_staging(staging, paths);
        free(staging);
    }
    for (size_t i = 0; i <= F_COUNT; i++)
        ag_cleanup_drop(slots[i]);
    for (size_t i = 0; i < F_COUNT; i++) {
        free(paths[i]);
        free(finals[i]);
    }
    free(csv_base);
    if (stats_done)
        ag_stats_destroy(&stats);
    if (graph_done)
        igraph_destroy(&g);
    ag_triples_destroy(&ts);
    return st == AG_OK ? 0 : ag_cli_error(st, &err);
}
