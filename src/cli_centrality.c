/* cli_centrality.c - `accusegraph centrality GRAPH`: rank actors by a centrality measure. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ag_analysis.h"
#include "ag_graph.h"
#include "cli.h"

static void usage(FILE *fp)
{
    fputs("usage: accusegraph centrality GRAPH [--measure M[,M...]|all] [--weighted] [--top N]\n"
          "                              [--sort M] [--format table|csv|json]\n"
          "\n"
          "Ranks the actors of an accusation graph (GraphML written by 'accusegraph build').\n"
          "\n"
          "  -m, --measure M  one or more of (comma-separated), or all (the default):\n"
          "                   in-degree     accusations received (weighted: distinct accusers)\n"
          "                   out-degree    accusations made (weighted: distinct actors accused)\n"
          "                   in-strength   accusations received (weighted: sum of weights)\n"
          "                   out-strength  accusations made (weighted: sum of weights)\n"
          "                   pagerank      accused by much-accused actors (damping 0.85)\n"
          "                   betweenness   on the shortest accusation chains between others\n"
          "                   closeness     1 / mean distance to the actors it reaches\n"
          "                   harmonic      mean of 1/distance to all other actors\n"
          "                   hub           accuses the most-accused (HITS hub)\n"
          "                   authority     accused by the big accusers (HITS authority)\n"
          "                   eigenvector   accused by central actors\n"
          "  -w, --weighted   merge parallel accusations into one edge per ordered pair with\n"
          "                   weight = number of accusations (distance = 1/weight for\n"
          "                   betweenness, closeness, harmonic); otherwise every accusation counts\n"
          "  -n, --top N      only the N best-ranked actors (default: all)\n"
          "  -s, --sort M     rank by measure M (default: the first measure; pagerank for all)\n"
          "  -f, --format F   table (default: aligned columns), csv (RFC 4180, full precision)\n"
          "                   or json (full precision)\n"
          "  -h, --help       show this help\n"
          "\n"
          "Ties are ranked by label. Exit codes: 0 ok, 1 bad graph, 2 bad usage, 3 file error.\n",
          fp);
}

/* The value of option `name` given as "--name V", "--name=V" or "-x V" at argv[*i];
 * NULL when argv[*i] is not that option. Sets *missing when the value is absent. */
static const char *opt_value(int argc, char **argv, int *i, const char *lng, const char *shrt,
                             bool *missing)
{
    const char *a = argv[*i];
    size_t n = strlen(lng);
    if (strncmp(a, lng, n) == 0 && a[n] == '=')
        return a + n + 1;
    if (strcmp(a, lng) != 0 && !(shrt && strcmp(a, shrt) == 0))
        return NULL;
    if (*i + 1 >= argc) {
        *missing = true;
        return NULL;
    }
    return argv[++*i];
}

/* Parses "all" or a comma-separated list of measure names into ms/nm. */
static ag_status parse_measures(const char *s, ag_measure *ms, size_t *nm, ag_err *err)
{
    *nm = 0;
    if (strcmp(s, "all") == 0) {
        for (int i = 0; i < AG_M_COUNT; i++)
            ms[(*nm)++] = (ag_measure)i;
        return AG_OK;
    }
    const char *p = s;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char name[32];
        ag_measure m;
        if (len == 0 || len >= sizeof name)
            return ag_fail(err, AG_ERR_USAGE, "unknown measure '%.*s' (see --help)", (int)len, p);
        memcpy(name, p, len);
        name[len] = '\0';
        if (!ag_measure_from_name(name, &m))
            return ag_fail(err, AG_ERR_USAGE, "unknown measure '%s' (see --help)", name);
        for (size_t j = 0; j < *nm; j++)
            if (ms[j] == m)
                return ag_fail(err, AG_ERR_USAGE, "measure '%s' given twice", name);
        if (*nm >= AG_M_COUNT)
            return ag_fail(err, AG_ERR_USAGE, "too many measures");
        ms[(*nm)++] = m;
        if (!comma)
            return AG_OK;
        p = comma + 1;
    }
}

/* Parses a count for --top: a decimal number >= 0. */
static bool parse_count(const char *s, size_t *out)
{
    char *end;
    if (!s[0] || s[0] == '-' || s[0] == '+')
        return false;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > (unsigned long long)SIZE_MAX)
        return false;
    *out = (size_t)v;
    return true;
}

int ag_cmd_centrality(int argc, char **argv)
{
    const char *path = NULL, *measure = "all", *sort = NULL, *format = "table";
    size_t top = 0, nm = 0;
    bool weighted = false, only_args = false;
    ag_measure ms[AG_M_COUNT], sort_by;
    ag_report_format fmt;
    ag_err err = {{0}};
    ag_status st;
    igraph_t g;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        bool missing = false;
        if (only_args || a[0] != '-' || strcmp(a, "-") == 0) {
            if (path) {
                fprintf(stderr, "accusegraph: centrality: one graph expected, got '%s' too\n", a);
                return 2;
            }
            path = a;
        } else if (strcmp(a, "--") == 0) {
            only_args = true;
        } else if (ag_cli_is_help(a)) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "-w") == 0 || strcmp(a, "--weighted") == 0) {
            weighted = true;
        } else if ((v = opt_value(argc, argv, &i, "--measure", "-m", &missing))) {
            measure = v;
        } else if ((v = opt_value(argc, argv, &i, "--sort", "-s", &missing))) {
            sort = v;
        } else if ((v = opt_value(argc, argv, &i, "--format", "-f", &missing))) {
            format = v;
        } else if ((v = opt_value(argc, argv, &i, "--top", "-n", &missing))) {
            if (!parse_count(v, &top)) {
                fprintf(stderr, "accusegraph: centrality: --top wants a number >= 0, not '%s'\n", v);
                return 2;
            }
        } else {
            if (missing)
                fprintf(stderr, "accusegraph: centrality: option %s needs a value\n", a);
            else
                fprintf(stderr, "accusegraph: centrality: unknown option '%s' (see --help)\n", a);
            return 2;
        }
    }
    if (!path) {
        fprintf(stderr, "accusegraph: centrality: missing GRAPH (see --help)\n");
        return 2;
    }
    if ((st = parse_measures(measure, ms, &nm, &err)) != AG_OK)
        return ag_cli_error(st, &err);
    if (!ag_report_format_from_name(format, &fmt)) {
        fprintf(stderr, "accusegraph: centrality: unknown format '%s' (table, csv or json)\n",
                format);
        return 2;
    }
    if (sort) {
        if (!ag_measure_from_name(sort, &sort_by)) {
            fprintf(stderr, "accusegraph: centrality: unknown measure '%s' for --sort\n", sort);
            return 2;
        }
    } else {
        sort_by = strcmp(measure, "all") == 0 ? AG_M_PAGERANK : ms[0];
    }

    if ((st = ag_graph_read(path, &g, &err)) != AG_OK)
        return ag_cli_error(st, &err);
    st = ag_stdout_closed_error(&err);
    if (st == AG_OK)
        st = ag_centrality_report(&g, ms, nm, weighted, sort_by, top, fmt, stdout, &err);
    igraph_destroy(&g);
    if (st == AG_ERR_INPUT) { /* the library does not know the file name */
        ag_err e2;
        return ag_cli_error(ag_fail(&e2, st, "%.200s: %.800s", path, err.msg), &e2);
    }
    if (st != AG_OK)
        return ag_cli_error(st, &err);
    return 0;
}
