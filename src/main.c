/* main.c - accusegraph's command line: parses the command name and dispatches. */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <igraph.h>

#include "accusegraph.h"
#include "cli.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    {"run", ag_cmd_run, "extract, build, export and draw in one go: INPUT... -> DIR/"},
    {"extract", ag_cmd_extract, "find accusations in news text and write triples (JSONL or CSV)"},
    {"build", ag_cmd_build, "assemble triples into a directed multigraph (GraphML)"},
    {"export", ag_cmd_export, "convert a graph to GraphML, GEXF, CSV, JSON, xlsx, graphology, GML, Pajek, dot"},
    {"centrality", ag_cmd_centrality, "rank actors by degree, strength, pagerank, hub/authority..."},
    {"stats", ag_cmd_stats, "summarise a graph: actors, accusations, reciprocity, dates"},
    {"render", ag_cmd_render, "draw the accusation network as SVG or PNG with Graphviz"},
    {"parse", ag_cmd_parse, "tag and parse sentences (CoNLL-U), or score the parser on a treebank"},
    {"train", ag_cmd_train, "train the tagger and parser on a CoNLL-U treebank"},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *fp)
{
    fprintf(fp, "usage: accusegraph COMMAND [OPTIONS] [ARGS]\n\n"
                "Turns news text into an actor-accusation graph.\n\ncommands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(fp, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fprintf(fp, "  %-11s %s\n", "help", "help COMMAND shows a command's options");
    fprintf(fp, "\n'accusegraph COMMAND --help' shows a command's options.\n"
                "exit codes: 0 ok, 1 bad input data, 2 bad usage, 3 file error, 4 internal error\n");
}

static const struct command *find(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

int main(int argc, char **argv)
{
    /* Standard input, output and error closed by the caller (2>&-) are opened to /dev/null, so
     * that no output file takes their numbers and receives the diagnostics. */
    ag_std_fds_open();
    /* A closed pipe (accusegraph ... | head) ends the program quietly. */
    signal(SIGPIPE, SIG_DFL);
    /* Ctrl-C or a kill removes the temporary files and staging directories being written. */
    ag_cleanup_on_signals();
    /* A fixed mmap threshold: glibc raises it to the size of any large block freed, after which
     * the XML parser's many mid-sized buffers fragment the heap (a 413 MB GraphML read took
     * 930 MB instead of 645 MB after one 4 MB buffer was freed before it). */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    igraph_set_error_handler(igraph_error_handler_printignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
    igraph_set_attribute_table(&igraph_cattribute_table);

    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *name = argv[1];
    if (ag_cli_is_help(name)) {
        usage(stdout);
        return 0;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("accusegraph %s\n", AG_VERSION);
        return 0;
    }
    if (strcmp(name, "help") == 0) {
        if (argc < 3 || ag_cli_is_help(argv[2])) {
            usage(stdout);
            return 0;
        }
        const struct command *c = find(argv[2]);
        if (!c) {
            fprintf(stderr, "accusegraph: unknown command '%s'\n", argv[2]);
            return 2;
        }
        char *hargv[] = {argv[2], "--help", NULL};
        return c->run(2, hargv);
    }
    const struct command *c = find(name);
    if (!c) {
        fprintf(stderr, "accusegraph: unknown command '%s' (see 'accusegraph --help')\n", name);
        return 2;
    }
    return c->run(argc - 1, argv + 1);
}
