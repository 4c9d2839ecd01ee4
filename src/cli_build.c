/* cli_build.c - `accusegraph build`: triples (JSONL, CSV or an xlsx accusations sheet) -> GraphML multigraph. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ag_graph.h"
#include "cli.h"

static const char usage_text[] =
    "usage: accusegraph build [OPTIONS] TRIPLES... [-o GRAPH.graphml]\n"
    "\n"
    "Reads accusation triples (JSON Lines or CSV; '-' is standard input) and writes a\n"
    "directed multigraph as GraphML: one vertex per actor, one edge per accusation.\n"
    "An edges CSV written by 'export --format csv' or 'run' is read as triples too, and so is\n"
    "the accusations sheet of a workbook ('export --format xlsx', run's accusations.xlsx),\n"
    "also as edited and saved by a spreadsheet.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE       write the graph to FILE (default: standard output)\n"
    "  --level actor|country   one vertex per actor (default) or per country/organisation\n"
    "  --since DATE            keep accusations dated DATE or later (YYYY[-MM[-DD]])\n"
    "  --until DATE            keep accusations dated DATE or earlier; with either date\n"
    "                          option, undated accusations are left out\n"
    "  --action LIST           keep only these actions, comma-separated (accuse,deny,...)\n"
    "  --min-confidence X      keep accusations with confidence >= X (0..1)\n"
    "  --keep-negated          keep negated triples (edge attribute negated=true)\n"
    "  --skip-bad              skip and count malformed lines instead of failing\n"
    "  --no-sidecar            no FILE.agb beside the graph (the binary copy that lets\n"
    "                          stats, centrality, export and render skip the XML)\n"
    "  -q, --quiet             no summary line on standard error\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit codes: 0 ok, 1 bad input data, 2 bad usage, 3 file error, 4 internal error\n";

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "accusegraph: build: %s%s\n(see 'accusegraph build --help')\n", what, arg);
    return 2;
}

int ag_cmd_build(int argc, char **argv)
{
    ag_build_opts o;
    ag_build_opts_init(&o);
    ag_read_opts ro = {false, 0};
    const char *out = NULL, *level = NULL, *minconf = NULL;
    bool sidecar = true;
    bool quiet = false;
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    size_t ninputs = 0;
    if (!inputs) {
        fprintf(stderr, "accusegraph: out of memory\n");
        return 4;
    }
    int rc = 0;
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int m = 0;
        if (options_done || a[0] != '-' || strcmp(a, "-") == 0) {
            inputs[ninputs++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            options_done = true;
            continue;
        }
        if (ag_cli_is_help(a)) {
            fputs(usage_text, stdout);
            goto done;
        }
        if (strcmp(a, "--keep-negated") == 0)
            o.keep_negated = true;
        else if (strcmp(a, "--skip-bad") == 0)
            ro.skip_bad = true;
        else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
            quiet = true;
        else if (strcmp(a, "--no-sidecar") == 0)
            sidecar = false;
        else if ((m = ag_cli_opt_value(argc, argv, &i, "--output", "-o", &out)) ||
                 (m = ag_cli_opt_value(argc, argv, &i, "--level", NULL, &level)) ||
                 (m = ag_cli_opt_value(argc, argv, &i, "--since", NULL, &o.since)) ||
                 (m = ag_cli_opt_value(argc, argv, &i, "--until", NULL, &o.until)) ||
                 (m = ag_cli_opt_value(argc, argv, &i, "--action", NULL, &o.actions)) ||
                 (m = ag_cli_opt_value(argc, argv, &i, "--min-confidence", NULL, &minconf))) {
            if (m < 0) {
                rc = usage_error("option needs a value: ", a);
                goto done;
            }
        } else {
            rc = usage_error("unknown option ", a);
            goto done;
        }
    }
    if (level) {
        if (strcmp(level, "actor") == 0)
            o.level = AG_LEVEL_ACTOR;
        else if (strcmp(level, "country") == 0)
            o.level = AG_LEVEL_COUNTRY;
        else {
            rc = usage_error("--level must be actor or country, not ", level);
            goto done;
        }
    }
    if (minconf) {
        char *end;
        o.min_confidence = strtod(minconf, &end);
        if (!minconf[0] || *end || !(o.min_confidence >= 0 && o.min_confidence <= 1)) {
            rc = usage_error("--min-confidence must be a number between 0 and 1, not ", minconf);
            goto done;
        }
    }
    if (ninputs == 0) {
        rc = usage_error("no triples given", " (use - for standard input)");
        goto done;
    }

    ag_err err = {""};
    if (ag_build_opts_check(&o, &err) != AG_OK) {
        rc = usage_error(err.msg, "");
        goto done;
    }
    ag_triples ts;
    ag_triples_init(&ts);
    ag_status st = AG_OK;
    for (size_t k = 0; k < ninputs && st == AG_OK; k++)
        st = ag_triples_read(inputs[k], &ts, &ro, &err);
    igraph_t g;
    if (st == AG_OK && (st = ag_graph_build(&ts, &o, &g, &err)) == AG_OK) {
        st = ag_graph_write(&g, out, &err);
        /* the sidecar that lets the graph commands skip the XML (a file only) */
        if (st == AG_OK && sidecar && out && strcmp(out, "-") != 0)
            st = ag_graph_cache_write(&g, out, &err);
        if (st == AG_OK && !quiet)
            fprintf(stderr,
                    "accusegraph: build: %zu triples read, %" IGRAPH_PRId " edges, %" IGRAPH_PRId
                    " actors, %zu skipped, %zu filtered out\n",
                    ts.len, igraph_ecount(&g), igraph_vcount(&g), ro.skipped,
                    ts.len - (size_t)igraph_ecount(&g));
        igraph_destroy(&g);
    }
    ag_triples_destroy(&ts);
    if (st)
        rc = ag_cli_error(st, &err);
done:
    free(inputs);
    return rc;
}
