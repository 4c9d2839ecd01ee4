/* cli_export.c - `accusegraph export`: a GraphML graph -> any format of ag_export.h. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ag_export.h"
#include "ag_graph.h"
#include "cli.h"

static const char usage_text[] =
    "usage: accusegraph export GRAPH --format FORMAT [-o OUT] [--bom] [--gexf-version 1.2|1.3]\n"
    "\n"
    "Converts a graph written by 'accusegraph build' (GraphML; '-' is standard input). The\n"
    "nodes get the centrality columns of run's node table (in_strength, out_strength,\n"
    "pagerank, hub, authority) in every format.\n"
    "\n"
    "formats:\n"
    "  graphml   GraphML for igraph, networkx, Gephi (every parallel edge kept)\n"
    "  gexf      GEXF 1.3 for Gephi: dynamic, one timestamped edge per accusation, nodes\n"
    "            with a spell (first to last accusation), colour by type, size by PageRank\n"
    "  csv       OUT.edges.csv + OUT.nodes.csv for spreadsheets and Gephi's importer\n"
    "            (-o out, out.csv, out.edges.csv or out.nodes.csv all name the pair);\n"
    "            the edges are an event table: Gephi's Source, Target, Type, Kind, Id,\n"
    "            Label, Weight, timeset, then source_name, source_country, source_type,\n"
    "            target_name, target_country, target_type, action, cameo_code, cameo_root,\n"
    "            quad_class, year, month, date, date_precision, doc, url, title, publisher,\n"
    "            published, sentence_index, sentence, charge, topic, confidence, rule,\n"
    "            mentions, sentence_indexes, sentences, negated (see the README);\n"
    "            text cells starting with = + - @ TAB or CR get a leading '\n"
    "  json      node-link JSON {\"nodes\":[...],\"edges\":[...]} (networkx)\n"
    "  graphology  graphology's serialized graph (graph.import(), Gephi Lite, sigma.js)\n"
    "  gml, pajek, dot, edgelist  igraph's writers (edgelist: vertex numbers 0..N-1)\n"
    "  xlsx      a workbook for Excel and LibreOffice (needs -o OUT): sheets accusations\n"
    "            (the event table), actors (with in_strength, out_strength, pagerank, hub,\n"
    "            authority) and pairs (accusations per source, target, action and month);\n"
    "            typed cells: dates as dates, codes and ids as text, numbers as numbers\n"
    "\n"
    "options:\n"
    "  -f, --format FORMAT  output format; default: from the extension of OUT\n"
    "  -o, --output OUT     output file (default: standard output; csv and xlsx need OUT)\n"
    "  --bom                csv: start each file with a UTF-8 byte order mark (Excel)\n"
    "  --gexf-version V     gexf: 1.3 (default, Gephi) or 1.2 (the 1.2draft dialect that\n"
    "                       networkx 2.8's read_gexf reads: edges with start and end)\n"
    "  -h, --help           show this help\n"
    "\n"
    "exit codes: 0 ok, 1 bad input data, 2 bad usage, 3 file error, 4 internal error\n";

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "accusegraph: export: %s%s\n(see 'accusegraph export --help')\n", what, arg);
    return 2;
}

int ag_cmd_export(int argc, char **argv)
{
    const char *in = NULL, *out = NULL, *fname = NULL, *gexf_version = NULL;
    ag_export_opts o;
    ag_export_opts_init(&o);
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int m;
        if (options_done || a[0] != '-' || strcmp(a, "-") == 0) {
            if (in)
                return usage_error("more than one graph given: ", a);
            in = a;
        } else if (strcmp(a, "--") == 0) {
            options_done = true;
        } else if (ag_cli_is_help(a)) {
            fputs(usage_text, stdout);
            return 0;
        } else if (strcmp(a, "--bom") == 0) {
            o.bom = true;
        } else if ((m = ag_cli_opt_value(argc, argv, &i, "--format", "-f", &fname)) ||
                   (m = ag_cli_opt_value(argc, argv, &i, "--output", "-o", &out)) ||
                   (m = ag_cli_opt_value(argc, argv, &i, "--gexf-version", NULL, &gexf_version))) {
            if (m < 0)
                return usage_error("option needs a value: ", a);
        } else {
            return usage_error("unknown option ", a);
        }
    }
    if (!in)
        return usage_error("no graph given", " (use - for standard input)");
    ag_export_format f;
    if (fname) {
        if (!ag_export_format_parse(fname, &f))
            return usage_error("--format must be graphml, gexf, csv, json, xlsx, graphology, gml, pajek, dot or "
                               "edgelist, not ",
                               fname);
    } else if (!ag_export_format_for_path(out, &f)) {
        return usage_error("give --format graphml|gexf|csv|json|xlsx|graphology|gml|pajek|dot|edgelist", "");
    }
    if (gexf_version) {
        if (strcmp(gexf_version, "1.2") == 0)
            o.gexf_version = AG_GEXF_12;
        else if (strcmp(gexf_version, "1.3") != 0)
            return usage_error("--gexf-version must be 1.2 or 1.3, not ", gexf_version);
        if (f != AG_EXPORT_GEXF)
            return usage_error("--gexf-version applies to --format gexf only", "");
    }
    if (o.bom && f != AG_EXPORT_CSV)
        return usage_error("--bom applies to --format csv only", "");
    if (f == AG_EXPORT_CSV && (!out || strcmp(out, "-") == 0))
        return usage_error("csv writes two files: give -o BASE", "");
    struct stat sb; /* -o /dev/full would name /dev/full.edges.csv and /dev/full.nodes.csv */
    if (f == AG_EXPORT_CSV && stat(out, &sb) == 0 && !S_ISREG(sb.st_mode))
        return usage_error("csv writes two files, BASE.edges.csv and BASE.nodes.csv: -o names no device, "
                           "pipe or directory: ",
                           out);
    if (f == AG_EXPORT_XLSX && (!out || strcmp(out, "-") == 0))
        return usage_error("xlsx is a binary file: give -o FILE", "");

    ag_err err = {""};
    igraph_t g;
    ag_status st = ag_graph_read(in, &g, &err);
    if (st)
        return ag_cli_error(st, &err);
    ag_cli_node_columns nc = {.n = 0};
    if ((st = ag_cli_node_columns_init(&nc, &g, &err)) == AG_OK) {
        o.columns = nc.cols; /* the nodes have the centrality columns of run's node table */
        o.ncolumns = nc.n;
    }
    if (st == AG_OK)
        st = ag_export(&g, f, out, &o, &err);
    ag_cli_node_columns_destroy(&nc);
    igraph_destroy(&g);
    return st ? ag_cli_error(st, &err) : 0;
}
