/* export_csv.c - BASE.edges.csv and BASE.nodes.csv for spreadsheets and Gephi's importer.
 *
 * RFC 4180: records end with CRLF; a field holding , " CR or LF is quoted by libcsv's
 * csv_fwrite (inner quotes doubled). UTF-8, with a BOM when asked (Excel).
 * Text cells that a spreadsheet would run as a formula (beginning with = + - @ TAB or CR)
 * get a leading apostrophe ('=HYPERLINK(...) stays text), and so does a text that already
 * begins with one of them after an apostrophe; numeric columns are written as
 * plain numbers. Edge columns: Gephi's Source,Target,Type,Kind,Id,Label,Weight,timeset, the
 * event table (export_common.h: source_name ... mentions, sentence_indexes, sentences) and negated; node columns:
 * Id,Label,type,country,mentions and the extra columns. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "ag_graph.h"
#include "export_common.h"

typedef struct csvw {
    FILE *fp;
    bool oom;
} csvw;

/* One cell: text is cleaned and neutralised, numbers are not. */
static void cell(csvw *w, const char *s, bool text, bool first)
{
    if (!first)
        putc(',', w->fp);
    char *c = NULL;
    if (text) {
        char *clean = ag_graph_clean(s);
        size_t n = clean ? strlen(clean) : 0;
        /* (a text that already starts with ' and one of them gets one more, so that build, which
         * takes one off, reads back what the graph holds) */
        bool guard = clean && n && strchr("=+-@\t\r", clean[0]);
        guard = guard || (clean && n > 1 && clean[0] == '\'' && strchr("=+-@\t\r", clean[1]));
        if (guard) {
            c = malloc(n + 2);
            if (c) {
                c[0] = '\'';
                memcpy(c + 1, clean, n + 1);
            }
            free(clean);
        } else {
            c = clean;
        }
        if (!c) {
            w->oom = true;
            return;
        }
        s = c;
    }
    if (strpbrk(s, ",\"\r\n"))
        csv_fwrite(w->fp, s, strlen(s));
    else
        fputs(s, w->fp);
    free(c);
}

static void num_cell(csvw *w, double x)
{
    char buf[32] = "";
    if (isfinite(x))
        ag_exp_number(buf, sizeof buf, x);
    cell(w, buf, false, false);
}

static void write_edges(csvw *w, const igraph_t *g, char **ids)
{
    static const char *const head[] = {"Source", "Target", "Type", "Kind", "Id", "Label", "Weight", "timeset"};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        cell(w, head[i], false, i == 0);
    for (size_t i = 0; i < AG_EXP_NEVENT; i++)
        cell(w, ag_exp_event_columns[i].name, false, false);
    cell(w, "negated", false, false);
    fputs("\r\n", w->fp);
    char id[32], day[11];
    ag_exp_cell row[AG_EXP_NEVENT];
    ag_exp_row_buf buf;
    for (igraph_integer_t e = 0; e < igraph_ecount(g); e++) {
        cell(w, ids[IGRAPH_FROM(g, e)], true, true);
        cell(w, ids[IGRAPH_TO(g, e)], true, false);
        cell(w, "Directed", false, false);
        cell(w, ag_exp_estr(g, "action", e), true, false);
        snprintf(id, sizeof id, "e%" IGRAPH_PRId, e);
        cell(w, id, false, false);
        cell(w, ag_exp_edge_label(g, e), true, false);
        num_cell(w, ag_exp_enum(g, "weight", e));
        cell(w, ag_exp_day(ag_exp_estr(g, "date", e), day) ? day : "", false, false);
        ag_exp_event_row(g, e, row, &buf);
        for (size_t k = 0; k < AG_EXP_NEVENT; k++) {
            if (ag_exp_event_columns[k].kind == AG_CELL_NUMBER)
                num_cell(w, row[k].x);
            else
                cell(w, row[k].s, true, false);
        }
        cell(w, ag_exp_ebool(g, "negated", e) ? "true" : "false", false, false);
        fputs("\r\n", w->fp);
    }
}

static void write_nodes(csvw *w, const igraph_t *g, char **ids, const ag_export_opts *o)
{
    static const char *const head[] = {"Id", "Label", "type", "country", "mentions"};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        cell(w, head[i], false, i == 0);
    for (size_t i = 0; i < o->ncolumns; i++)
        cell(w, o->columns[i].name, false, false);
    fputs("\r\n", w->fp);
    for (igraph_integer_t v = 0; v < igraph_vcount(g); v++) {
        const char *label = ag_exp_vstr(g, "label", v);
        cell(w, ids[v], true, true);
        cell(w, label[0] ? label : ids[v], true, false);
        cell(w, ag_exp_vstr(g, "type", v), true, false);
        cell(w, ag_exp_vstr(g, "country", v), true, false);
        num_cell(w, ag_exp_vnum(g, "mentions", v));
        for (size_t i = 0; i < o->ncolumns; i++)
            num_cell(w, VECTOR(*o->columns[i].values)[v]);
        fputs("\r\n", w->fp);
    }
}

ag_status ag_export_csv(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err)
{
    ag_export_opts defaults;
    if (!o) {
        ag_export_opts_init(&defaults);
        o = &defaults;
    }
    char *epath = NULL, *npath = NULL, **ids = NULL;
    ag_out files[2] = {{NULL, NULL, NULL, -1}, {NULL, NULL, NULL, -1}};
    ag_out *eo = &files[0], *no = &files[1];
    csvw we = {NULL, false}, wn = {NULL, false};
    ag_status st = ag_exp_check_columns(g, o, err);
    if (st || (st = ag_export_csv_paths(out, &epath, &npath, err)))
        return st;
    if ((st = ag_exp_node_ids(g, &ids, err)) || (st = ag_out_open(eo, epath, err)) ||
        (st = ag_out_open(no, npath, err)))
        goto cleanup;
    if (o->bom) {
        fputs("\xEF\xBB\xBF", eo->fp);
        fputs("\xEF\xBB\xBF", no->fp);
    }
    we.fp = eo->fp;
    wn.fp = no->fp;
    write_edges(&we, g, ids);
    write_nodes(&wn, g, ids, o);
    /* Both files complete before either replaces an old one, and both or neither do. */
    if (we.oom || wn.oom)
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
    else if (fflush(eo->fp) != 0 || ferror(eo->fp))
        st = ag_fail(err, AG_ERR_IO, "cannot write %s: %s", epath, strerror(errno ? errno : EIO));
    else if (fflush(no->fp) != 0 || ferror(no->fp))
        st = ag_fail(err, AG_ERR_IO, "cannot write %s: %s", npath, strerror(errno ? errno : EIO));
    if (st == AG_OK && eo->tmp && no->tmp)
        st = ag_out_commit_all(files, 2, err);
    else if (st == AG_OK && (st = ag_out_commit(eo, err)) == AG_OK) /* (a device: written in place) */
        st = ag_out_commit(no, err);
cleanup:
    if (eo->fp)
        ag_out_abort(eo);
    if (no->fp)
        ag_out_abort(no);
    ag_exp_free_ids(ids, igraph_vcount(g));
    free(epath);
    free(npath);
    return st;
}
