/* cli.c - helpers shared by the subcommands. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ag_analysis.h"
#include "cli.h"

int ag_cli_error(ag_status st, const ag_err *err)
{
    fprintf(stderr, "accusegraph: %s\n", err && err->msg[0] ? err->msg : "error");
    return ag_exit_code(st);
}

bool ag_cli_doc_size(const char *s, size_t *bytes)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || v < 1 || v > 1048576 || s[0] == '-' || s[0] == '+')
        return false;
    *bytes = (size_t)v << 20;
    return true;
}

int ag_cli_is_help(const char *s)
{
    return strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0;
}

/* ---- progress line ---- */

/* Mirrors the document reader: the extensions it reads from directories. */
static bool readable_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && dot != name &&
           (strcasecmp(dot, ".txt") == 0 || strcasecmp(dot, ".jsonl") == 0 ||
            strcasecmp(dot, ".ndjson") == 0 || strcasecmp(dot, ".csv") == 0);
}

/* Bytes the reader will read under path; *known is cleared for a pipe or a terminal.
 * depth bounds the walk against symbolic link loops. */
/* The directories input_size has walked, so that symbolic links to a parent ("a -> .") count
 * once instead of leading the walk round in circles (2^depth paths for two such links). */
typedef struct walked {
    dev_t *dev;
    ino_t *ino;
    size_t n, cap;
} walked;

static bool walked_add(walked *w, dev_t dev, ino_t ino)
{
    for (size_t i = 0; i < w->n; i++)
        if (w->dev[i] == dev && w->ino[i] == ino)
            return false;
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 32;
        dev_t *d = realloc(w->dev, cap * sizeof *d);
        if (d)
            w->dev = d;
        ino_t *i = realloc(w->ino, cap * sizeof *i);
        if (i)
            w->ino = i;
        if (!d || !i)
            return false; /* out of memory: the size is a guess for the progress line only */
        w->cap = cap;
    }
    w->dev[w->n] = dev;
    w->ino[w->n] = ino;
    w->n++;
    return true;
}

static size_t input_size(const char *path, bool explicit_input, int depth, bool *known, walked *w)
{
    struct stat sb;
    if (strcmp(path, "-") == 0 || stat(path, &sb) != 0) {
        if (explicit_input)
            *known = false;
        return 0;
    }
    if (S_ISREG(sb.st_mode))
        return (explicit_input || readable_name(path)) ? (size_t)sb.st_size : 0;
    if (!S_ISDIR(sb.st_mode)) {
        if (explicit_input)
            *known = false;
        return 0;
    }
    if (depth > 64 || !walked_add(w, sb.st_dev, sb.st_ino))
        return 0;
    DIR *d = opendir(path);
    if (!d)
        return 0;
    size_t total = 0;
    struct dirent *e;
    ag_buf child;
    ag_buf_init(&child);
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        ag_buf_clear(&child);
        if (ag_buf_printf(&child, "%s/%s", path, e->d_name) != AG_OK)
            break;
        total += input_size(child.data, false, depth + 1, known, w);
    }
    ag_buf_destroy(&child);
    closedir(d);
    return total;
}

void ag_progress_start(ag_progress *p, char *const *inputs, size_t n, bool quiet)
{
    memset(p, 0, sizeof *p);
    p->on = !quiet && isatty(STDERR_FILENO);
    if (!p->on)
        return;
    bool known = true;
    size_t total = 0;
    walked w = {NULL, NULL, 0, 0};
    for (size_t i = 0; i < n; i++)
        total += input_size(inputs[i], true, 0, &known, &w);
    free(w.dev);
    free(w.ino);
    p->total = known ? total : 0;
    p->start = ag_seconds();
    p->last = p->start - 1.0; /* the first update draws */
}

/* "1:05" or "2:03:07". */
static void format_duration(char *buf, size_t n, double seconds)
{
    long s = seconds < 0 ? 0 : (long)(seconds + 0.5);
    if (s >= 3600)
        snprintf(buf, n, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, n, "%ld:%02ld", s / 60, s % 60);
}

static void progress_erase(ag_progress *p)
{
    if (!p->shown)
        return;
    fputc('\r', stderr);
    for (size_t i = 0; i < p->shown; i++)
        fputc(' ', stderr);
    fputc('\r', stderr);
    p->shown = 0;
}

/* Draws line[0..len) over what is on screen, cut to the terminal's width. */
static void progress_draw(ag_progress *p, const char *line, size_t len)
{
    size_t n = len;
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1 && n >= ws.ws_col)
        n = (size_t)ws.ws_col - 1; /* a wrapped line could not be redrawn in place */
    fputc('\r', stderr);
    fwrite(line, 1, n, stderr);
    for (size_t i = n; i < p->shown; i++) /* blank what is left of a longer line */
        fputc(' ', stderr);
    fflush(stderr);
    p->shown = n > p->shown ? n : p->shown;
}

void ag_progress_stage(ag_progress *p, const char *what)
{
    if (!p->on)
        return;
    char line[256], took[32];
    format_duration(took, sizeof took, ag_seconds() - p->start);
    int len = snprintf(line, sizeof line, "%s... (%s elapsed)", what, took);
    progress_draw(p, line, (size_t)len < sizeof line ? (size_t)len : sizeof line - 1);
}

void ag_progress_update(ag_progress *p, size_t docs, size_t bytes, size_t sentences)
{
    if (!p->on)
        return;
    double t = ag_seconds();
    if (t - p->last < 0.2)
        return;
    p->last = t;
    double elapsed = t - p->start, mb = (double)bytes / 1e6;
    char line[256], took[32], left[32];
    int len;
    format_duration(took, sizeof took, elapsed);
    if (p->total && bytes <= p->total) {
        len = snprintf(line, sizeof line, "%zu docs | %.1f of %.1f MB (%d%%) | ", docs, mb,
                       (double)p->total / 1e6, (int)(100.0 * (double)bytes / (double)p->total));
    } else {
        len = snprintf(line, sizeof line, "%zu docs | %.1f MB | ", docs, mb);
    }
    len += snprintf(line + len, sizeof line - (size_t)len, "%.0f sentences/s | %s elapsed",
                    elapsed > 0 ? (double)sentences / elapsed : 0.0, took);
    if (p->total && bytes > 0 && bytes <= p->total && elapsed >= 1.0) {
        format_duration(left, sizeof left, elapsed * (double)(p->total - bytes) / (double)bytes);
        len += snprintf(line + len, sizeof line - (size_t)len, " | ~%s left", left);
    }
    progress_draw(p, line, (size_t)len < sizeof line ? (size_t)len : sizeof line - 1);
}

void ag_progress_end(ag_progress *p)
{
    if (p->on) {
        progress_erase(p);
        fflush(stderr);
    }
    p->on = false;
}

int ag_cli_opt_value(int argc, char **argv, int *i, const char *name, const char *alias, const char **val)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) == 0 && a[n] == '=') {
        *val = a + n + 1;
        return 1;
    }
    if (strcmp(a, name) != 0 && !(alias && strcmp(a, alias) == 0))
        return 0;
    if (*i + 1 >= argc)
        return -1;
    *val = argv[++*i];
    return 1;
}

ag_status ag_cli_extraction_open(ag_cli_extraction *e, const char *const *actor_files, size_t nactor_files,
                                 const ag_extract_opts *xo, int jobs, char *const *inputs, size_t ninputs,
                                 const ag_doc_opts *dopts, ag_err *err)
{
    memset(e, 0, sizeof *e);
    ag_extract_opts o = *xo;
    ag_status st = ag_parser_builtin(&o.parser, err);
    if (st == AG_OK)
        st = ag_actors_new(&e->dict, err);
    for (size_t i = 0; st == AG_OK && i < nactor_files; i++)
        st = ag_actors_load_file(e->dict, actor_files[i], err);
    if (st == AG_OK)
        st = ag_extract_pool_new(e->dict, &o, jobs, &e->pool, err);
    if (st == AG_OK)
        st = ag_doc_reader_new(inputs, ninputs, dopts, &e->r, err);
    if (st != AG_OK)
        ag_cli_extraction_close(e);
    return st;
}

void ag_cli_extraction_close(ag_cli_extraction *e)
{
    ag_doc_reader_free(e->r);
    ag_extract_pool_free(e->pool);
    ag_actors_free(e->dict);
    memset(e, 0, sizeof *e);
}

bool ag_cli_jobs(const char *s, int *jobs)
{
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (errno || end == s || *end || n < 1 || n > AG_EXTRACT_MAX_JOBS)
        return false;
    *jobs = (int)n;
    return true;
}

ag_status ag_cli_node_columns_init(ag_cli_node_columns *c, const igraph_t *g, ag_err *err)
{
    static const ag_measure measures[AG_CLI_NODE_COLUMNS] = {AG_M_IN_STRENGTH, AG_M_OUT_STRENGTH, AG_M_PAGERANK,
                                                             AG_M_HUB, AG_M_AUTHORITY};
    static const char *const names[AG_CLI_NODE_COLUMNS] = {"in_strength", "out_strength", "pagerank", "hub",
                                                           "authority"};
    ag_status st = AG_OK;
    for (c->n = 0; c->n < AG_CLI_NODE_COLUMNS; c->n++) {
        if (igraph_vector_init(&c->values[c->n], 0) != IGRAPH_SUCCESS) {
            st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
            break;
        }
        c->cols[c->n].name = names[c->n];
        c->cols[c->n].values = &c->values[c->n];
        if ((st = ag_centrality(g, measures[c->n], false, &c->values[c->n], err)) != AG_OK) {
            c->n++;
            break;
        }
    }
    if (st)
        ag_cli_node_columns_destroy(c);
    return st;
}

void ag_cli_node_columns_destroy(ag_cli_node_columns *c)
{
    for (size_t i = 0; i < c->n; i++)
        igraph_vector_destroy(&c->values[i]);
    c->n = 0;
}
