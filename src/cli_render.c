/* cli_render.c - `accusegraph render GRAPH -o FILE.svg|.png`: the network as a picture. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ag_graph.h"
#include "ag_render.h"
#include "cli.h"

static void help(FILE *fp)
{
    fprintf(fp,
            "usage: accusegraph render GRAPH -o FILE.svg|FILE.png [OPTIONS]\n"
            "\n"
            "Draws the accusation network of GRAPH (GraphML written by 'build') with Graphviz.\n"
            "Nodes are actors, sized by PageRank or accusations received and filled by type;\n"
            "accusations with the same source, target and action are drawn as one edge whose\n"
            "width and number give their count and whose colour gives the action (accuse red,\n"
            "criticize orange, complain purple, sue brown, deny blue, other grey).\n"
            "\n"
            "options:\n"
            "  -o, --output FILE   picture to write; the format comes from the extension\n"
            "                      (.svg or .png); '-' writes SVG to standard output\n"
            "  --top N             draw the N highest-ranked actors (default 40; 0 = all);\n"
            "                      the legend says how many were left out\n"
            "  --layout ENGINE     Graphviz layout: sfdp (default), neato, fdp, dot, circo\n"
            "  --size-by MEASURE   pagerank (default) or in-strength; also decides the top N\n"
            "  --title TEXT        first line of the legend (default \"Accusation network\")\n"
            "  -h, --help          show this help\n"
            "\n"
            "The same graph always gives the same file (the layout is seeded).\n"
            "exit codes: 0 ok, 1 bad graph file, 2 bad usage, 3 file error, 4 internal error\n");
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "accusegraph: render: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (see 'accusegraph render --help')\n");
    return 2;
}

/* Matches "--name VALUE" and "--name=VALUE" (and the short form, if any); on a match
 * sets *value and advances *i past what was consumed. Returns -1 when the value is missing. */
static int option(int argc, char **argv, int *i, const char *name, const char *short_name, const char **value)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) == 0 && a[n] == '=') {
        *value = a + n + 1;
        return 1;
    }
    if (strcmp(a, name) == 0 || (short_name && strcmp(a, short_name) == 0)) {
        if (*i + 1 >= argc)
            return -1;
        *value = argv[++*i];
        return 1;
    }
    return 0;
}

int ag_cmd_render(int argc, char **argv)
{
    ag_render_opts o;
    ag_render_opts_init(&o);
    const char *graph = NULL, *output = NULL, *value = NULL;
    ag_err err = {{0}};
    bool only_args = false;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r;
        if (only_args || a[0] != '-' || strcmp(a, "-") == 0) {
            if (graph)
                return usage_error("more than one graph given: '%s'", a);
            graph = a;
        } else if (strcmp(a, "--") == 0) {
            only_args = true;
        } else if (ag_cli_is_help(a)) {
            help(stdout);
            return 0;
        } else if ((r = option(argc, argv, &i, "--output", "-o", &value)) != 0) {
            if (r < 0)
                return usage_error("%s needs a file name", a);
            output = value;
        } else if ((r = option(argc, argv, &i, "--top", NULL, &value)) != 0) {
            if (r < 0)
                return usage_error("%s needs a number", a);
            char *end;
            errno = 0;
            long n = strtol(value, &end, 10);
            if (!value[0] || *end || errno || n < 0)
                return usage_error("--top wants a whole number >= 0, not '%s'", value);
            o.top = n;
        } else if ((r = option(argc, argv, &i, "--layout", NULL, &value)) != 0) {
            if (r < 0)
                return usage_error("%s needs an engine name", a);
            if (!ag_render_layout_valid(value))
                return usage_error("unknown layout '%s': use sfdp, neato, fdp, dot or circo", value);
            o.layout = value;
        } else if ((r = option(argc, argv, &i, "--size-by", NULL, &value)) != 0) {
            if (r < 0)
                return usage_error("%s needs pagerank or in-strength", a);
            if (ag_render_size_parse(value, &o.size_by, &err) != AG_OK)
                return usage_error("%s", err.msg);
        } else if ((r = option(argc, argv, &i, "--title", NULL, &value)) != 0) {
            if (r < 0)
                return usage_error("%s needs a text", a);
            o.title = value;
        } else {
            return usage_error("unknown option '%s'", a);
        }
    }
    if (!graph)
        return usage_error("%s", "no graph given");
    if (!output)
        return usage_error("%s", "no output given: use -o FILE.svg or -o FILE.png");
    if (strcmp(output, "-") == 0)
        o.format = AG_RENDER_SVG;
    else if (ag_render_format_from_path(output, &o.format, &err) != AG_OK)
        return usage_error("%s", err.msg);

    igraph_t g;
    ag_status st = ag_graph_read(graph, &g, &err);
    if (st != AG_OK)
        return ag_cli_error(st, &err);
    st = ag_render_file(&g, &o, output, &err);
    igraph_destroy(&g);
    if (st != AG_OK)
        return ag_cli_error(st, &err);
    return 0;
}
