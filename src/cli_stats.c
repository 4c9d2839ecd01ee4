/* cli_stats.c - `accusegraph stats GRAPH`: summary statistics of an accusation graph. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ag_analysis.h"
#include "ag_graph.h"
#include "cli.h"

static void usage(FILE *fp)
{
    fputs("usage: accusegraph stats GRAPH [--format text|json] [--top N]\n"
          "\n"
          "Summarises an accusation graph (GraphML written by 'accusegraph build'): actors,\n"
          "accusations, self-accusations, distinct ordered pairs (accuser -> accused), mutual\n"
          "pairs (both have accused each other) and reciprocity (share of pairs answered),\n"
          "the date range, the top accusers and the most accused, and counts by action.\n"
          "\n"
          "  -f, --format F  text (default) or json\n"
          "  -n, --top N     list at most N top accusers and most accused (default 10, 0 = all)\n"
          "  -h, --help      show this help\n"
          "\n"
          "Exit codes: 0 ok, 1 bad graph, 2 bad usage, 3 file error.\n",
          fp);
}

int ag_cmd_stats(int argc, char **argv)
{
    const char *path = NULL, *format = "text";
    size_t top = 10;
    bool only_args = false;
    ag_err err = {{0}};
    ag_status st;
    ag_stats stats;
    igraph_t g;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        if (only_args || a[0] != '-' || strcmp(a, "-") == 0) {
            if (path) {
                fprintf(stderr, "accusegraph: stats: one graph expected, got '%s' too\n", a);
                return 2;
            }
            path = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_args = true;
            continue;
        }
        if (ag_cli_is_help(a)) {
            usage(stdout);
            return 0;
        }
        bool is_format = strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0;
        bool is_top = strcmp(a, "-n") == 0 || strcmp(a, "--top") == 0;
        if (strncmp(a, "--format=", 9) == 0) {
            v = a + 9;
            is_format = true;
        } else if (strncmp(a, "--top=", 6) == 0) {
            v = a + 6; /* not --format: the value is the count */
        } else if (is_format || is_top) {
            if (i + 1 >= argc) {
                fprintf(stderr, "accusegraph: stats: option %s needs a value\n", a);
                return 2;
            }
            v = argv[++i];
        } else {
            fprintf(stderr, "accusegraph: stats: unknown option '%s' (see --help)\n", a);
            return 2;
        }
        if (is_format) {
            format = v;
        } else {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(v, &end, 10);
            if (!v[0] || v[0] == '-' || v[0] == '+' || *end || errno || n > SIZE_MAX) {
                fprintf(stderr, "accusegraph: stats: --top wants a number >= 0, not '%s'\n", v);
                return 2;
            }
            top = (size_t)n;
        }
    }
    if (!path) {
        fprintf(stderr, "accusegraph: stats: missing GRAPH (see --help)\n");
        return 2;
    }
    bool json = strcmp(format, "json") == 0;
    if (!json && strcmp(format, "text") != 0) {
        fprintf(stderr, "accusegraph: stats: unknown format '%s' (text or json)\n", format);
        return 2;
    }

    if ((st = ag_graph_read(path, &g, &err)) != AG_OK)
        return ag_cli_error(st, &err);
    st = ag_stats_compute(&g, top, &stats, &err);
    igraph_destroy(&g);
    if (st != AG_OK)
        return ag_cli_error(st, &err);
    if (st == AG_OK && (st = ag_stdout_closed_error(&err)) != AG_OK) {
        ag_stats_destroy(&stats);
        return ag_cli_error(st, &err);
    }
    if (json) {
        ag_buf b;
        ag_buf_init(&b);
        st = ag_stats_json(&stats, &b, &err);
        if (st == AG_OK && (fwrite(b.data, 1, b.len, stdout) != b.len || fflush(stdout) != 0))
            st = ag_fail(&err, AG_ERR_IO, "write error on standard output: %s", strerror(errno));
        ag_buf_destroy(&b);
    } else {
        st = ag_stats_print(&stats, stdout, &err);
    }
    ag_stats_destroy(&stats);
    return st == AG_OK ? 0 : ag_cli_error(st, &err);
}
