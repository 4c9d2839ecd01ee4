/* export_xlsx.c - a native spreadsheet (libxlsxwriter): sheets accusations, actors and pairs.
 *
 * accusations: one row per accusation: id (e0..), source_id, target_id, the event table
 *   (export_common.h) and negated. actors: Id, Label, type, country, mentions and the extra
 *   columns. pairs: one row per source, target, action and month (year and month of the date;
 *   both empty for an undated accusation, the month for one dated by its year only) with the
 *   accusations (sum of the edges' weights, 1 each on accusegraph's graphs) and the reports (sum
 *   of mentions) of that month and of all months.
 * Cells are typed: text as strings (never formulas, whatever they start with: codes such as 016
 * and ids stay text), numbers as numbers, dates as Excel dates shown as precise as they are
 * (yyyy-mm-dd, yyyy-mm or yyyy; date_precision says which), negated as a boolean. Every sheet
 * has a bold frozen header row, an autofilter over its rows and set column widths.
 * The workbook is written with constant_memory (rows streamed through libxlsxwriter's temporary
 * files) to a temporary beside the target and renamed into place; its creation date is fixed so
 * the same graph gives the same bytes. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "ag_graph.h"
#include "export_common.h"

/* Excel's longest cell text, in bytes as libxlsxwriter counts it. */
#define XLSX_TEXT_MAX 32767

/* The fixed creation date written into the workbook's properties: 1980-01-01, the zip epoch. */
#define XLSX_CREATED ((time_t)315532800)

typedef struct xlsx {
    lxw_workbook *wb;
    lxw_format *head, *day, *month, *year;
    lxw_error err; /* the first write error */
    bool oom;
} xlsx;

static void note(xlsx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
        x->err = e;
}

/* A text cell: cleaned for XML, cut at a character boundary to Excel's limit. */
static void text(xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s)
{
    char *clean = ag_graph_clean(s);
    if (!clean) {
        x->oom = true;
        return;
    }
    size_t n = strlen(clean);
    if (n > XLSX_TEXT_MAX) {
        n = XLSX_TEXT_MAX;
        while (n && ((unsigned char)clean[n] & 0xC0) == 0x80)
            n--;
        clean[n] = '\0';
    }
    if (n)
        note(x, worksheet_write_string(ws, r, c, clean, NULL));
    free(clean);
}

static void number(xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v)
{
    if (isfinite(v))
        note(x, worksheet_write_number(ws, r, c, v, NULL));
}

/* A date cell for YYYY-MM-DD, YYYY-MM or YYYY (the first day of its period, shown with the
 * precision it has); a text cell for a year before 1900, which Excel's dates do not reach;
 * nothing for "" or anything else. */
static void date(xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *d)
{
    if (!d[0] || !ag_date_valid(d))
        return;
    if (atoi(d) < 1900) {
        text(x, ws, r, c, d);
        return;
    }
    size_t n = strlen(d);
    lxw_datetime dt = {atoi(d), n >= 7 ? atoi(d + 5) : 1, n >= 10 ? atoi(d + 8) : 1, 0, 0, 0};
    note(x, worksheet_write_datetime(ws, r, c, &dt, n >= 10 ? x->day : n >= 7 ? x->month : x->year));
}

/* A sheet's header, frozen and filtered over nrows rows, with column widths. */
static void header(xlsx *x, lxw_worksheet *ws, const char *const *names, const double *widths, size_t ncols,
                   size_t nrows)
{
    for (size_t c = 0; c < ncols; c++) {
        note(x, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL));
        note(x, worksheet_write_string(ws, 0, (lxw_col_t)c, names[c], x->head));
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (ncols)
        note(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)nrows, (lxw_col_t)(ncols - 1)));
}

/* Column width for an event column: wide for the long texts, narrow for codes and numbers. */
static double event_width(const ag_exp_column *c)
{
    static const struct { const char *name; double width; } wide[] = {
        {"sentence", 80}, {"sentences", 80}, {"title", 40}, {"url", 40}, {"charge", 40}, {"source_name", 22}, {"target_name", 22},
        {"doc", 24}, {"publisher", 20}, {"rule", 18}};
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (strcmp(c->name, wide[i].name) == 0)
            return wide[i].width;
    return c->kind == AG_CELL_DATE ? 12 : c->kind == AG_CELL_NUMBER ? 10 : 14;
}

static void accusations(xlsx *x, const igraph_t *g, char **ids)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "accusations");
    enum { NCOLS = 3 + AG_EXP_NEVENT + 1 };
    const char *names[NCOLS];
    double widths[NCOLS];
    names[0] = "id", names[1] = "source_id", names[2] = "target_id";
    widths[0] = 8, widths[1] = widths[2] = 14;
    for (size_t k = 0; k < AG_EXP_NEVENT; k++) {
        names[3 + k] = ag_exp_event_columns[k].name;
        widths[3 + k] = event_width(&ag_exp_event_columns[k]);
    }
    names[NCOLS - 1] = "negated", widths[NCOLS - 1] = 9;
    igraph_integer_t m = igraph_ecount(g);
    header(x, ws, names, widths, NCOLS, (size_t)m);
    ag_exp_cell row[AG_EXP_NEVENT];
    ag_exp_row_buf buf;
    char id[32];
    for (igraph_integer_t e = 0; e < m && !x->oom; e++) {
        lxw_row_t r = (lxw_row_t)e + 1;
        snprintf(id, sizeof id, "e%" IGRAPH_PRId, e);
        text(x, ws, r, 0, id);
        text(x, ws, r, 1, ids[IGRAPH_FROM(g, e)]);
        text(x, ws, r, 2, ids[IGRAPH_TO(g, e)]);
        ag_exp_event_row(g, e, row, &buf);
        for (size_t k = 0; k < AG_EXP_NEVENT; k++) {
            lxw_col_t c = (lxw_col_t)(3 + k);
            switch (ag_exp_event_columns[k].kind) {
            case AG_CELL_NUMBER: number(x, ws, r, c, row[k].x); break;
            case AG_CELL_DATE: date(x, ws, r, c, row[k].s); break;
            default: text(x, ws, r, c, row[k].s); break;
            }
        }
        note(x, worksheet_write_boolean(ws, r, NCOLS - 1, ag_exp_ebool(g, "negated", e), NULL));
    }
}

static void actors(xlsx *x, const igraph_t *g, char **ids, const ag_export_opts *o)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "actors");
    size_t ncols = 5 + o->ncolumns;
    const char **names = malloc(ncols * sizeof *names);
    double *widths = malloc(ncols * sizeof *widths);
    if (!names || !widths) {
        free(names);
        free(widths);
        x->oom = true;
        return;
    }
    static const char *const base[] = {"Id", "Label", "type", "country", "mentions"};
    static const double base_w[] = {22, 28, 10, 10, 10};
    for (size_t c = 0; c < 5; c++)
        names[c] = base[c], widths[c] = base_w[c];
    for (size_t i = 0; i < o->ncolumns; i++)
        names[5 + i] = o->columns[i].name, widths[5 + i] = 13;
    header(x, ws, names, widths, ncols, (size_t)igraph_vcount(g));
    free(names);
    free(widths);
    for (igraph_integer_t v = 0; v < igraph_vcount(g) && !x->oom; v++) {
        lxw_row_t r = (lxw_row_t)v + 1;
        const char *label = ag_exp_vstr(g, "label", v);
        text(x, ws, r, 0, ids[v]);
        text(x, ws, r, 1, label[0] ? label : ids[v]);
        text(x, ws, r, 2, ag_exp_vstr(g, "type", v));
        text(x, ws, r, 3, ag_exp_vstr(g, "country", v));
        number(x, ws, r, 4, ag_exp_vnum(g, "mentions", v));
        for (size_t i = 0; i < o->ncolumns; i++)
            number(x, ws, r, (lxw_col_t)(5 + i), VECTOR(*o->columns[i].values)[v]);
    }
}

/* ---- pairs ---- */

typedef struct pair_key {
    igraph_integer_t e;
    const char *from, *to, *action;
    int year, month; /* 0 = none */
} pair_key;

static int cmp_pair(const pair_key *a, const pair_key *b, bool by_month)
{
    int c = strcmp(a->from, b->from);
    if (!c)
        c = strcmp(a->to, b->to);
    if (!c)
        c = strcmp(a->action, b->action);
    if (!c && by_month)
        c = a->year != b->year ? (a->year < b->year ? -1 : 1) : a->month != b->month ? (a->month < b->month ? -1 : 1) : 0;
    return c;
}

static int cmp_pair_sort(const void *a, const void *b)
{
    int c = cmp_pair(a, b, true);
    if (!c)
        c = ((const pair_key *)a)->e < ((const pair_key *)b)->e ? -1 : 1;
    return c;
}

/* The accusations edge e stands for: its weight (1 on accusegraph's graphs), as stats counts. */
static double weight_of(const igraph_t *g, igraph_integer_t e)
{
    double w = ag_exp_enum(g, "weight", e);
    return isfinite(w) && w > 0 ? w : 1;
}

static double reports_of(const igraph_t *g, igraph_integer_t e)
{
    double m = ag_exp_enum(g, "mentions", e);
    return isfinite(m) && m >= 1 ? m : 1;
}

static void pairs(xlsx *x, const igraph_t *g, char **ids)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "pairs");
    igraph_integer_t m = igraph_ecount(g);
    pair_key *k = malloc(((size_t)m + 1) * sizeof *k);
    if (!k) {
        x->oom = true;
        return;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        const char *d = ag_exp_estr(g, "date", e);
        bool dated = d[0] && ag_date_valid(d);
        k[e] = (pair_key){e, ids[IGRAPH_FROM(g, e)], ids[IGRAPH_TO(g, e)], ag_exp_estr(g, "action", e),
                          dated ? atoi(d) : 0, dated && strlen(d) >= 7 ? atoi(d + 5) : 0};
    }
    qsort(k, (size_t)m, sizeof *k, cmp_pair_sort);
    /* the rows: one per run of equal (pair, action, month) */
    size_t nrows = 0;
    for (igraph_integer_t i = 0; i < m; i++)
        nrows += i == 0 || cmp_pair(&k[i - 1], &k[i], true) != 0;
    static const char *const names[] = {"source_id", "source_name", "target_id", "target_name", "action",
                                        "year", "month", "accusations", "reports", "accusations_all_months",
                                        "reports_all_months"};
    static const double widths[] = {14, 22, 14, 22, 12, 8, 10, 12, 10, 12, 12};
    header(x, ws, names, widths, sizeof names / sizeof names[0], nrows);
    lxw_row_t r = 0;
    double all_n = 0, all_rep = 0; /* of the pair and action of row i, all months */
    for (igraph_integer_t i = 0; i < m && !x->oom;) {
        if (i == 0 || cmp_pair(&k[i - 1], &k[i], false) != 0) {
            all_n = all_rep = 0;
            for (igraph_integer_t j = i; j < m && cmp_pair(&k[i], &k[j], false) == 0; j++)
                all_n += weight_of(g, k[j].e), all_rep += reports_of(g, k[j].e);
        }
        igraph_integer_t j = i;
        double n = 0, rep = 0;
        for (; j < m && cmp_pair(&k[i], &k[j], true) == 0; j++)
            n += weight_of(g, k[j].e), rep += reports_of(g, k[j].e);
        igraph_integer_t from = IGRAPH_FROM(g, k[i].e), to = IGRAPH_TO(g, k[i].e);
        const char *fl = ag_exp_vstr(g, "label", from), *tl = ag_exp_vstr(g, "label", to);
        r++;
        text(x, ws, r, 0, k[i].from);
        text(x, ws, r, 1, fl[0] ? fl : k[i].from);
        text(x, ws, r, 2, k[i].to);
        text(x, ws, r, 3, tl[0] ? tl : k[i].to);
        text(x, ws, r, 4, k[i].action);
        if (k[i].year)
            number(x, ws, r, 5, k[i].year);
        if (k[i].month && k[i].year >= 1900) {
            lxw_datetime dt = {k[i].year, k[i].month, 1, 0, 0, 0};
            note(x, worksheet_write_datetime(ws, r, 6, &dt, x->month));
        } else if (k[i].month) {
            number(x, ws, r, 6, k[i].month);
        }
        number(x, ws, r, 7, n);
        number(x, ws, r, 8, rep);
        number(x, ws, r, 9, all_n);
        number(x, ws, r, 10, all_rep);
        i = j;
    }
    free(k);
}

static lxw_format *num_format(xlsx *x, const char *f)
{
    lxw_format *fmt = workbook_add_format(x->wb);
    if (fmt)
        format_set_num_format(fmt, f);
    else
        x->oom = true;
    return fmt;
}

ag_status ag_export_xlsx(const igraph_t *g, const char *out, const ag_export_opts *o, ag_err *err)
{
    ag_export_opts defaults;
    if (!o) {
        ag_export_opts_init(&defaults);
        o = &defaults;
    }
    if (!out || !out[0] || strcmp(out, "-") == 0)
        return ag_fail(err, AG_ERR_USAGE, "xlsx is a binary file: give -o FILE (not standard output)");
    if (igraph_ecount(g) >= LXW_ROW_MAX || igraph_vcount(g) >= LXW_ROW_MAX)
        return ag_fail(err, AG_ERR_INPUT, "%s: a sheet holds at most %d rows: the graph has %" IGRAPH_PRId
                       " accusations and %" IGRAPH_PRId " actors (export csv instead)",
                       out, LXW_ROW_MAX - 1, igraph_ecount(g), igraph_vcount(g));
    char **ids = NULL;
    ag_status st = ag_exp_check_columns(g, o, err);
    if (st || (st = ag_exp_node_ids(g, &ids, err)))
        return st;
    ag_out fo;
    if ((st = ag_out_open(&fo, out, err))) {
        ag_exp_free_ids(ids, igraph_vcount(g));
        return st;
    }
    /* libxlsxwriter opens the file by its name when it closes the workbook: given the temporary
     * ag_out made as /proc/self/fd/N, it opens that very file whatever another user may have put
     * at its name since (a symlink to a victim file in a shared directory); without /proc, by
     * its name (ag_out_commit still renames nothing that is not ours) */
    char fdname[64];
    snprintf(fdname, sizeof fdname, "/proc/self/fd/%d", fileno(fo.fp));
    const char *target = fo.tmp && access(fdname, W_OK) == 0 ? fdname : fo.tmp ? fo.tmp : fo.path;
    lxw_workbook_options wo = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    xlsx x = {workbook_new_opt(target, &wo), NULL, NULL, NULL, NULL, LXW_NO_ERROR, false};
    if (!x.wb) {
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory writing %s", out);
        goto cleanup;
    }
    lxw_doc_properties props = {.created = XLSX_CREATED};
    note(&x, workbook_set_properties(x.wb, &props));
    if ((x.head = workbook_add_format(x.wb)))
        format_set_bold(x.head);
    x.day = num_format(&x, "yyyy-mm-dd");
    x.month = num_format(&x, "yyyy-mm");
    x.year = num_format(&x, "yyyy");
    if (!x.head)
        x.oom = true;
    if (!x.oom)
        accusations(&x, g, ids);
    if (!x.oom)
        actors(&x, g, ids, o);
    if (!x.oom)
        pairs(&x, g, ids);
    /* libxlsxwriter reports its failures on standard error itself, naming the temporary: our
     * one message below says it instead */
    fflush(stderr);
    int saved = dup(STDERR_FILENO), devnull = open("/dev/null", O_WRONLY);
    if (saved >= 0 && devnull >= 0)
        dup2(devnull, STDERR_FILENO);
    errno = 0;
    lxw_error ce = workbook_close(x.wb); /* frees the workbook whatever happens */
    int close_errno = errno;
    if (saved >= 0 && devnull >= 0)
        dup2(saved, STDERR_FILENO);
    if (saved >= 0)
        close(saved);
    if (devnull >= 0)
        close(devnull);
    if (x.oom)
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory writing %s", out);
    else if (x.err != LXW_NO_ERROR)
        st = ag_fail(err, AG_ERR_INTERNAL, "cannot write %s: %s", out, lxw_strerror(x.err));
    else if (ce != LXW_NO_ERROR)
        st = ag_fail(err, AG_ERR_IO, "cannot write %s: %s", out, close_errno ? strerror(close_errno) : lxw_strerror(ce));
cleanup:
    st = ag_exp_finish(&fo, st, err);
    ag_exp_free_ids(ids, igraph_vcount(g));
    return st;
}
