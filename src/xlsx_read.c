/* xlsx_read.c - the rows of one sheet of an xlsx workbook (see xlsx_read.h).
 *
 * The parts read: xl/workbook.xml (the sheets' names and the date system),
 * xl/_rels/workbook.xml.rels (where each sheet's part is), xl/sharedStrings.xml (the strings
 * cells refer to by number), xl/styles.xml (which cell styles are dates, and how precise) and the
 * sheet's own part. Each is inflated into memory (at most XLSX_MAX_PART bytes) and read once with
 * libxml2's streaming reader, without entity expansion or network access. */
#include "xlsx_read.h"

#include <errno.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unzip.h>

#define XLSX_MAX_PART ((size_t)1 << 30)

/* ---- the archive ---- */

/* The part `name` inflated into *out (NUL-terminated), or *out NULL when it is absent and not
 * required. */
static ag_status read_part(unzFile zf, const char *path, const char *name, bool required, ag_buf *out, ag_err *err)
{
    ag_buf_init(out);
    if (unzLocateFile(zf, name, 1) != UNZ_OK) {
        if (!required)
            return AG_OK;
        return ag_fail(err, AG_ERR_INPUT, "%s: not an xlsx workbook (it has no %s)", path, name);
    }
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(zf, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK || unzOpenCurrentFile(zf) != UNZ_OK)
        return ag_fail(err, AG_ERR_INPUT, "%s: not an xlsx workbook (cannot inflate %s)", path, name);
    if (info.uncompressed_size > XLSX_MAX_PART) {
        unzCloseCurrentFile(zf);
        return ag_fail(err, AG_ERR_INPUT, "%s: %s is over %zu MB uncompressed", path, name, XLSX_MAX_PART >> 20);
    }
    char chunk[65536];
    int n;
    ag_status st = AG_OK;
    while ((n = unzReadCurrentFile(zf, chunk, sizeof chunk)) > 0) {
        if (out->len + (size_t)n > XLSX_MAX_PART) { /* the header may lie */
            st = ag_fail(err, AG_ERR_INPUT, "%s: %s is over %zu MB uncompressed", path, name, XLSX_MAX_PART >> 20);
            break;
        }
        if (ag_buf_append(out, chunk, (size_t)n) != AG_OK) {
            st = ag_fail(err, AG_ERR_NOMEM, "out of memory reading %s", path);
            break;
        }
    }
    if (st == AG_OK && n < 0)
        st = ag_fail(err, AG_ERR_INPUT, "%s: not an xlsx workbook (%s is damaged)", path, name);
    /* (a fuzzer's mutations never fix the checksum: its build reads the part all the same) */
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
    if (unzCloseCurrentFile(zf) == UNZ_CRCERROR && st == AG_OK)
        st = ag_fail(err, AG_ERR_INPUT, "%s: not an xlsx workbook (%s fails its checksum)", path, name);
#else
    unzCloseCurrentFile(zf);
#endif
    if (st == AG_OK && !out->data && ag_buf_append(out, "", 0) != AG_OK)
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory reading %s", path);
    if (st != AG_OK)
        ag_buf_destroy(out);
    return st;
}

static xmlTextReaderPtr xml_open(const ag_buf *b, const char *name)
{
    return xmlReaderForMemory(b->data, (int)b->len, name, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static bool is(xmlTextReaderPtr x, const char *name)
{
    const xmlChar *n = xmlTextReaderConstLocalName(x);
    return n && strcmp((const char *)n, name) == 0;
}

/* An attribute's value (malloc'ed), or NULL. Looked up by local name, so r:id is "id". */
static char *attr(xmlTextReaderPtr x, const char *name)
{
    char *v = NULL;
    if (xmlTextReaderMoveToFirstAttribute(x) == 1) {
        do {
            const xmlChar *n = xmlTextReaderConstLocalName(x);
            if (n && strcmp((const char *)n, name) == 0) {
                const xmlChar *val = xmlTextReaderConstValue(x);
                v = ag_strdup(val ? (const char *)val : "");
                break;
            }
        } while (xmlTextReaderMoveToNextAttribute(x) == 1);
        xmlTextReaderMoveToElement(x);
    }
    return v;
}

/* ---- the state of one reading ---- */

typedef struct xlsx {
    const char *path;
    ag_err *err;
    ag_buf strings;     /* the shared strings, each NUL-terminated */
    size_t *str_off;    /* where each begins in strings */
    size_t nstr, capstr;
    unsigned char *xf_date; /* per cell style: 0 no date, 1 year, 2 month, 3 day */
    size_t nxf;
    bool date1904;
} xlsx;

static ag_status bad_xml(xlsx *w, const char *part)
{
    return ag_fail(w->err, AG_ERR_INPUT, "%s: not an xlsx workbook (malformed XML in %s)", w->path, part);
}

static ag_status nomem(xlsx *w)
{
    return ag_fail(w->err, AG_ERR_NOMEM, "out of memory reading %s", w->path);
}

/* Appends the text of the node the reader is on when it is text inside a <t> of interest. */
static ag_status take_text(xmlTextReaderPtr x, ag_buf *b)
{
    int type = xmlTextReaderNodeType(x);
    if (type != XML_READER_TYPE_TEXT && type != XML_READER_TYPE_CDATA &&
        type != XML_READER_TYPE_SIGNIFICANT_WHITESPACE && type != XML_READER_TYPE_WHITESPACE)
        return AG_OK;
    const xmlChar *v = xmlTextReaderConstValue(x);
    return v ? ag_buf_puts(b, (const char *)v) : AG_OK;
}

/* xl/sharedStrings.xml: every <si>, the text of its <t> elements (rich-text runs joined; the
 * phonetic guides of <rPh> left out). */
static ag_status read_strings(xlsx *w, const ag_buf *part)
{
    xmlTextReaderPtr x = xml_open(part, "sharedStrings.xml");
    if (!x)
        return nomem(w);
    ag_status st = AG_OK;
    int r, in_t = 0, in_rph = 0;
    bool in_si = false;
    size_t start = 0;
    while (st == AG_OK && (r = xmlTextReaderRead(x)) == 1) {
        int type = xmlTextReaderNodeType(x);
        if (type == XML_READER_TYPE_ELEMENT) {
            bool empty = xmlTextReaderIsEmptyElement(x);
            if (is(x, "si")) {
                in_si = true;
                start = w->strings.len;
            } else if (is(x, "t") && !empty) {
                in_t++;
            } else if (is(x, "rPh") && !empty) {
                in_rph++;
            }
            if (!(is(x, "si") && empty))
                continue;
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (is(x, "t"))
                in_t--;
            else if (is(x, "rPh"))
                in_rph--;
            if (!is(x, "si"))
                continue;
        } else {
            if (in_si && in_t > 0 && !in_rph)
                st = take_text(x, &w->strings);
            continue;
        }
        /* the end of an <si> */
        in_si = false;
        if (w->nstr == w->capstr) {
            size_t cap = w->capstr ? w->capstr * 2 : 256;
            size_t *p = realloc(w->str_off, cap * sizeof *p);
            if (!p) {
                st = nomem(w);
                break;
            }
            w->str_off = p, w->capstr = cap;
        }
        w->str_off[w->nstr++] = start;
        if (ag_buf_putc(&w->strings, '\0') != AG_OK)
            st = nomem(w);
    }
    if (st == AG_OK && r < 0)
        st = bad_xml(w, "xl/sharedStrings.xml");
    xmlFreeTextReader(x);
    return st;
}

/* How precise a number format shows a date: 3 day, 2 month, 1 year, 0 not a date. Quoted text,
 * [colours and conditions] and escaped characters are no part of it; 'm' alone is minutes. */
static unsigned char format_precision(const char *code)
{
    bool d = false, m = false, y = false;
    for (const char *p = code; *p; p++) {
        if (*p == '"') {
            while (p[1] && p[1] != '"')
                p++;
            if (p[1])
                p++;
        } else if (*p == '[') {
            while (p[1] && p[1] != ']')
                p++;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (p[1])
                p++;
        } else if (*p == 'd' || *p == 'D') {
            d = true;
        } else if (*p == 'm' || *p == 'M') {
            m = true;
        } else if (*p == 'y' || *p == 'Y') {
            y = true;
        }
    }
    return d && (m || y) ? 3 : y && m ? 2 : y ? 1 : 0;
}

/* Excel's built-in date formats (ECMA-376 18.8.30): 14-17 and 22 (times alone are no dates). */
static unsigned char builtin_precision(long id)
{
    return id == 17 ? 2 : (id >= 14 && id <= 16) || id == 22 ? 3 : 0;
}

/* xl/styles.xml: the custom number formats, then for each cell style (<cellXfs><xf>) whether it
 * shows a date. */
static ag_status read_styles(xlsx *w, const ag_buf *part)
{
    xmlTextReaderPtr x = xml_open(part, "styles.xml");
    if (!x)
        return nomem(w);
    struct fmt { long id; unsigned char prec; } *fmts = NULL;
    size_t nfmt = 0, capfmt = 0, capxf = 0;
    ag_status st = AG_OK;
    int r;
    bool in_xfs = false;
    while (st == AG_OK && (r = xmlTextReaderRead(x)) == 1) {
        int type = xmlTextReaderNodeType(x);
        if (type == XML_READER_TYPE_END_ELEMENT && is(x, "cellXfs"))
            in_xfs = false;
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        if (is(x, "cellXfs")) {
            in_xfs = !xmlTextReaderIsEmptyElement(x);
        } else if (is(x, "numFmt")) {
            char *id = attr(x, "numFmtId"), *code = attr(x, "formatCode");
            if (id && code) {
                if (nfmt == capfmt) {
                    size_t cap = capfmt ? capfmt * 2 : 16;
                    struct fmt *p = realloc(fmts, cap * sizeof *p);
                    if (!p)
                        st = nomem(w);
                    else
                        fmts = p, capfmt = cap;
                }
                if (st == AG_OK)
                    fmts[nfmt++] = (struct fmt){strtol(id, NULL, 10), format_precision(code)};
            }
            free(id), free(code);
        } else if (is(x, "xf") && in_xfs) {
            char *id = attr(x, "numFmtId");
            long fid = id ? strtol(id, NULL, 10) : 0;
            free(id);
            unsigned char prec = builtin_precision(fid);
            for (size_t i = 0; i < nfmt; i++)
                if (fmts[i].id == fid)
                    prec = fmts[i].prec;
            if (w->nxf == capxf) {
                size_t cap = capxf ? capxf * 2 : 16;
                unsigned char *p = realloc(w->xf_date, cap);
                if (!p) {
                    st = nomem(w);
                    break;
                }
                w->xf_date = p, capxf = cap;
            }
            w->xf_date[w->nxf++] = prec;
        }
    }
    if (st == AG_OK && r < 0)
        st = bad_xml(w, "xl/styles.xml");
    free(fmts);
    xmlFreeTextReader(x);
    return st;
}

/* The sheet's part, from xl/workbook.xml (its name, else the first sheet; the date system) and
 * the workbook's relationships. *part is malloc'ed, like "xl/worksheets/sheet1.xml". */
static ag_status find_sheet(xlsx *w, const ag_buf *book, const ag_buf *rels, const char *want, char **part)
{
    *part = NULL;
    char *rid = NULL;
    ag_status st = AG_OK;
    xmlTextReaderPtr x = xml_open(book, "workbook.xml");
    if (!x)
        return nomem(w);
    int r;
    while ((r = xmlTextReaderRead(x)) == 1) {
        if (xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT)
            continue;
        if (is(x, "workbookPr")) {
            char *v = attr(x, "date1904");
            w->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
            free(v);
        } else if (is(x, "sheet")) {
            char *name = attr(x, "name"), *id = attr(x, "id");
            bool match = name && want && strcmp(name, want) == 0;
            if (id && (!rid || match)) {
                bool first = !rid;
                free(rid);
                rid = id, id = NULL;
                if (match || first) {
                    free(name);
                    if (match)
                        break;
                    continue;
                }
            }
            free(name), free(id);
        }
    }
    if (r < 0)
        st = bad_xml(w, "xl/workbook.xml");
    xmlFreeTextReader(x);
    if (st == AG_OK && !rid)
        st = ag_fail(w->err, AG_ERR_INPUT, "%s: not an xlsx workbook (it has no sheet)", w->path);
    if (st != AG_OK) {
        free(rid);
        return st;
    }
    if (!(x = xml_open(rels, "workbook.xml.rels"))) {
        free(rid);
        return nomem(w);
    }
    while (st == AG_OK && !*part && (r = xmlTextReaderRead(x)) == 1) {
        if (xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT || !is(x, "Relationship"))
            continue;
        char *id = attr(x, "Id"), *target = attr(x, "Target");
        if (id && target && strcmp(id, rid) == 0) {
            /* relative to xl/, or absolute from the archive's root */
            ag_buf b;
            ag_buf_init(&b);
            if ((target[0] == '/' ? ag_buf_puts(&b, target + 1) : ag_buf_printf(&b, "xl/%s", target)) != AG_OK)
                st = nomem(w);
            else
                *part = ag_buf_steal(&b);
            ag_buf_destroy(&b);
        }
        free(id), free(target);
    }
    if (st == AG_OK && r < 0)
        st = bad_xml(w, "xl/_rels/workbook.xml.rels");
    xmlFreeTextReader(x);
    if (st == AG_OK && !*part)
        st = ag_fail(w->err, AG_ERR_INPUT, "%s: not an xlsx workbook (no part for sheet %s)", w->path, rid);
    free(rid);
    return st;
}

/* ---- cells ---- */

/* The date of a serial day number (1900 system: 1 is 1900-01-01, with Excel's 29 February 1900;
 * 1904 system: 0 is 1904-01-01), at the precision given. False when out of range. */
static bool serial_date(double v, bool date1904, unsigned char prec, char *out, size_t n)
{
    if (!(v >= 1 && v < 2958466)) /* 9999-12-31 */
        return false;
    long days = (long)v; /* the time of day left out */
    /* days since 1970-01-01 */
    long z = date1904 ? days + 24107 : days < 60 ? days - 25568 : days - 25569;
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    if (prec == 1)
        snprintf(out, n, "%04ld", y);
    else if (prec == 2)
        snprintf(out, n, "%04ld-%02ld", y, m);
    else
        snprintf(out, n, "%04ld-%02ld-%02ld", y, m, d);
    return true;
}

/* The column (0 for A) of a cell reference like "AB12", or -1. */
static long ref_column(const char *ref)
{
    long c = 0;
    const char *p = ref;
    for (; *p >= 'A' && *p <= 'Z'; p++) {
        c = c * 26 + (*p - 'A' + 1);
        if (c > 16384)
            return -1;
    }
    return p == ref ? -1 : c - 1;
}

typedef struct row {
    long *col;          /* each cell's column */
    size_t *off, *len;  /* its text in txt */
    size_t n, cap;
    ag_buf txt;
} row;

static ag_status row_add(row *rw, long col, size_t off, size_t len)
{
    if (rw->n == rw->cap) {
        size_t cap = rw->cap ? rw->cap * 2 : 64;
        long *c = realloc(rw->col, cap * sizeof *c);
        if (c)
            rw->col = c;
        size_t *o = c ? realloc(rw->off, cap * sizeof *o) : NULL;
        if (o)
            rw->off = o;
        size_t *l = o ? realloc(rw->len, cap * sizeof *l) : NULL;
        if (!l)
            return AG_ERR_NOMEM;
        rw->len = l, rw->cap = cap;
    }
    rw->col[rw->n] = col, rw->off[rw->n] = off, rw->len[rw->n] = len;
    rw->n++;
    return AG_OK;
}

/* Hands a row to the sink: columns 0 to the last with text, at least `width` of them. */
static void row_emit(const row *rw, size_t *width, bool *first, const ag_xlsx_sink *sink)
{
    long last = -1;
    for (size_t i = 0; i < rw->n; i++)
        if (rw->len[i] && rw->col[i] > last)
            last = rw->col[i];
    if (last < 0)
        return; /* no text: a row deleted or never filled */
    size_t n = (size_t)last + 1;
    if (*first)
        *width = n, *first = false;
    else if (n < *width)
        n = *width;
    for (size_t c = 0, i = 0; c < n; c++) {
        /* cells come in column order; a repeated column keeps the last */
        const char *s = "";
        size_t len = 0;
        for (; i < rw->n && rw->col[i] <= (long)c; i++)
            if (rw->col[i] == (long)c)
                s = rw->txt.data + rw->off[i], len = rw->len[i];
        sink->cell((void *)s, len, sink->data);
        if (*sink->stop != AG_OK)
            return;
    }
    sink->row(0, sink->data);
}

static ag_status read_cells(xlsx *w, const ag_buf *part, const char *name, const ag_xlsx_sink *sink)
{
    xmlTextReaderPtr x = xml_open(part, name);
    if (!x)
        return nomem(w);
    row rw = {0};
    ag_buf_init(&rw.txt);
    ag_buf v; /* the <v> or inline text of the current cell */
    ag_buf_init(&v);
    ag_status st = AG_OK;
    int r, in_v = 0, in_t = 0, in_is = 0, in_rph = 0;
    bool in_cell = false, first = true;
    size_t width = 0;
    long next_col = 0, rownum = 0;
    char type[16] = "";
    long style = 0, col = 0;
    while (st == AG_OK && (r = xmlTextReaderRead(x)) == 1) {
        int nt = xmlTextReaderNodeType(x);
        bool end_cell = false, end_row = false;
        if (nt == XML_READER_TYPE_ELEMENT) {
            bool empty = xmlTextReaderIsEmptyElement(x);
            if (is(x, "row")) {
                char *rn = attr(x, "r");
                rownum = rn ? strtol(rn, NULL, 10) : rownum + 1;
                free(rn);
                rw.n = 0;
                ag_buf_clear(&rw.txt);
                next_col = 0;
                end_row = empty;
            } else if (is(x, "c")) {
                char *ref = attr(x, "r"), *t = attr(x, "t"), *s = attr(x, "s");
                col = ref ? ref_column(ref) : next_col;
                if (col < 0)
                    col = next_col;
                snprintf(type, sizeof type, "%s", t ? t : "n");
                style = s ? strtol(s, NULL, 10) : 0;
                free(ref), free(t), free(s);
                ag_buf_clear(&v);
                in_cell = true;
                end_cell = empty;
            } else if (in_cell && is(x, "v") && !empty) {
                in_v++;
            } else if (in_cell && is(x, "is") && !empty) {
                in_is++;
            } else if (in_is && is(x, "t") && !empty) {
                in_t++;
            } else if (in_is && is(x, "rPh") && !empty) {
                in_rph++;
            }
        } else if (nt == XML_READER_TYPE_END_ELEMENT) {
            if (is(x, "v"))
                in_v--;
            else if (is(x, "is"))
                in_is--;
            else if (is(x, "t"))
                in_t--;
            else if (is(x, "rPh"))
                in_rph--;
            else if (is(x, "c"))
                end_cell = in_cell;
            else if (is(x, "row"))
                end_row = true;
        } else if ((in_v > 0 && in_cell) || (in_t > 0 && in_is && !in_rph)) {
            st = take_text(x, &v);
        }
        if (st == AG_OK && end_cell) {
            in_cell = false;
            in_v = in_is = in_t = in_rph = 0;
            next_col = col + 1;
            const char *text = v.data ? v.data : "";
            char buf[64];
            if (strcmp(type, "s") == 0) {
                char *end;
                unsigned long k = strtoul(text, &end, 10);
                if (end == text || *end || k >= w->nstr) {
                    st = ag_fail(w->err, AG_ERR_INPUT, "%s: not an xlsx workbook (cell %ld of row %ld: no shared string %s)",
                                 w->path, col + 1, rownum, text);
                    break;
                }
                text = w->strings.data + w->str_off[k];
            } else if (strcmp(type, "b") == 0) {
                text = strcmp(text, "1") == 0 ? "true" : strcmp(text, "0") == 0 ? "false" : text;
            } else if (strcmp(type, "n") == 0 && style >= 0 && (size_t)style < w->nxf && w->xf_date[style] && *text) {
                char *end;
                double d = strtod(text, &end);
                if (!*end && serial_date(d, w->date1904, w->xf_date[style], buf, sizeof buf))
                    text = buf;
            }
            size_t off = rw.txt.len, len = strlen(text);
            if (ag_buf_append(&rw.txt, text, len) != AG_OK || ag_buf_putc(&rw.txt, '\0') != AG_OK ||
                row_add(&rw, col, off, len) != AG_OK)
                st = nomem(w);
        }
        if (st == AG_OK && end_row) {
            *sink->row_number = rownum;
            row_emit(&rw, &width, &first, sink);
            st = *sink->stop;
            rw.n = 0;
        }
    }
    if (st == AG_OK && r < 0)
        st = bad_xml(w, name);
    xmlFreeTextReader(x);
    ag_buf_destroy(&v);
    ag_buf_destroy(&rw.txt);
    free(rw.col), free(rw.off), free(rw.len);
    return st;
}

ag_status ag_xlsx_read_rows(const char *path, const char *sheet, const ag_xlsx_sink *sink, ag_err *err)
{
    FILE *probe = fopen(path, "rb");
    if (!probe)
        return ag_fail(err, AG_ERR_IO, "cannot open %s: %s", path, strerror(errno));
    fclose(probe);
    unzFile zf = unzOpen64(path);
    if (!zf)
        return ag_fail(err, AG_ERR_INPUT, "%s: not an xlsx workbook (not a zip archive)", path);
    xlsx w = {.path = path, .err = err};
    ag_buf_init(&w.strings);
    ag_buf book, rels, strings, styles, cells;
    ag_buf_init(&book), ag_buf_init(&rels), ag_buf_init(&strings), ag_buf_init(&styles), ag_buf_init(&cells);
    char *part = NULL;
    ag_status st = read_part(zf, path, "xl/workbook.xml", true, &book, err);
    if (st == AG_OK)
        st = read_part(zf, path, "xl/_rels/workbook.xml.rels", true, &rels, err);
    if (st == AG_OK)
        st = find_sheet(&w, &book, &rels, sheet, &part);
    if (st == AG_OK)
        st = read_part(zf, path, "xl/sharedStrings.xml", false, &strings, err);
    if (st == AG_OK && strings.data)
        st = read_strings(&w, &strings);
    ag_buf_destroy(&strings);
    if (st == AG_OK)
        st = read_part(zf, path, "xl/styles.xml", false, &styles, err);
    if (st == AG_OK && styles.data)
        st = read_styles(&w, &styles);
    if (st == AG_OK)
        st = read_part(zf, path, part, true, &cells, err);
    if (st == AG_OK)
        st = read_cells(&w, &cells, part, sink);
    unzClose(zf);
    ag_buf_destroy(&book), ag_buf_destroy(&rels), ag_buf_destroy(&styles), ag_buf_destroy(&cells);
    ag_buf_destroy(&w.strings);
    free(w.str_off);
    free(w.xf_date);
    free(part);
    return st;
}
