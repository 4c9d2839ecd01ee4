/* ag_doc.c - the document reader: .txt files, directories, JSON Lines, CSV and standard input.
 *
 * Inputs wait on a stack of paths (directories are expanded when they reach the top, entries
 * sorted with strcmp). JSON Lines and CSV are streamed one physical line at a time with
 * getline, so a file of any size and a line of any length cost memory for one line (CSV: one
 * record) only; a .txt file is read whole.
 */
#include "ag_doc.h"
#include "ag_date.h"

#include <cjson/cJSON.h>
#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>

#define BOM "\xEF\xBB\xBF"
#define MAX_CANDIDATES 6

enum kind { K_NONE, K_JSONL, K_CSV };
enum ext { EXT_OTHER, EXT_TXT, EXT_JSONL, EXT_CSV };

typedef struct pending {
    char *path;
    bool explicit_input; /* named on the command line, not found in a directory */
    size_t root_len;     /* bytes of path before the document id: the input directory and its '/' */
} pending;

typedef struct dir_id {
    dev_t dev;
    ino_t ino;
} dir_id;

typedef struct csv_rec {
    char **cells;
    size_t n, cap;
    size_t line; /* physical line where the record starts */
} csv_rec;

/* Column indices of a CSV role (text, title, date, id) in candidate order. */
typedef struct col_list {
    size_t idx[MAX_CANDIDATES];
    size_t n;
} col_list;

struct ag_doc_reader {
    ag_doc_opts o;
    ag_doc_stats st;

    pending *todo; /* a stack: the next input is at the end */
    size_t ntodo, captodo;
    dir_id *seen; /* directories already walked, against symlink loops */
    size_t nseen, capseen;

    /* the JSONL or CSV file being read */
    enum kind kind;
    FILE *fp;
    char *path;       /* for messages: as given, or joined from a directory walk */
    const char *base; /* path relative to its input (see ag_doc.id), for "FILE:LINE" ids */
    size_t line;      /* physical lines read so far */
    bool first_line;  /* the next line is the file's first: strip a BOM */
    size_t line_max;  /* read_line keeps at most this many bytes of a line (0: all), JSON Lines only */
    bool line_cut;    /* the line read was longer: only its start is in lbuf */
    char *lbuf;
    size_t lcap;
    char *peek;       /* a first line read ahead to choose the format, handed out first */
    size_t peek_len, peek_cap;

    /* CSV */
    struct csv_parser csv;
    bool csv_live, csv_eof, header_done, in_rec, nomem;
    size_t csv_cols; /* the header's number of fields */
    size_t rec_line;
    csv_rec cur;
    csv_rec *q;
    size_t qhead, qn, qcap;
    col_list c_text, c_title, c_date, c_id, c_url, c_publisher;
};

static const char *const text_names_json[] = {"text", "maintext", "content", "description", NULL};
static const char *const text_names_csv[] = {"text", "content", "body", "description", "article", NULL};
static const char *const title_names[] = {"title", NULL};
static const char *const date_names[] = {"date", "date_publish", "published", "pubdate", NULL};
static const char *const id_names[] = {"id", "url", NULL};
static const char *const url_names[] = {"url", NULL};
static const char *const publisher_names[] = {"publisher", "source_domain", NULL};

/* ---- small helpers ---- */

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_space((unsigned char)s[i]))
            return false;
    return true;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static enum ext ext_of(const char *path)
{
    const char *name = base_name(path);
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name)
        return EXT_OTHER;
    if (strcasecmp(dot, ".txt") == 0)
        return EXT_TXT;
    if (strcasecmp(dot, ".jsonl") == 0 || strcasecmp(dot, ".ndjson") == 0)
        return EXT_JSONL;
    if (strcasecmp(dot, ".csv") == 0)
        return EXT_CSV;
    return EXT_OTHER;
}

static void note(const ag_doc_reader *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void note(const ag_doc_reader *r, const char *fmt, ...)
{
    if (!r->o.verbose)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("accusegraph: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* A malformed line or row: fails with AG_ERR_INPUT, or with skip_bad counts it, explains it
 * when verbose and returns AG_OK. */
static ag_status bad(ag_doc_reader *r, ag_err *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static ag_status bad(ag_doc_reader *r, ag_err *err, const char *fmt, ...)
{
    char msg[sizeof err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!r->o.skip_bad)
        return ag_fail(err, AG_ERR_INPUT, "%s", msg);
    r->st.skipped_bad++;
    note(r, "skipping %s", msg);
    return AG_OK;
}

/* A cleaned copy of s[0..n) (NULL = "") without leading and trailing white space; NULL when out of memory. */
static char *trimmed_clean(ag_doc_reader *r, const char *s, size_t n)
{
    if (!s)
        s = "", n = 0;
    while (n && is_space((unsigned char)*s))
        s++, n--;
    while (n && is_space((unsigned char)s[n - 1]))
        n--;
    return ag_utf8_clean(s, n, &r->st.utf8_replaced);
}

static ag_status nomem(ag_err *err) { return ag_fail(err, AG_ERR_NOMEM, "out of memory reading documents"); }

/* Fills doc from its parts. *made is false (and skipped_empty counted) when body is blank.
 * title may be NULL; text = trimmed title + "\n\n" + body, cleaned to valid UTF-8. */
static size_t doc_cap(const ag_doc_reader *r)
{
    return r->o.max_doc_bytes ? r->o.max_doc_bytes : AG_DOC_MAX_DEFAULT;
}

/* The metadata a JSONL or CSV record may give besides its id, date, title and text. */
typedef struct doc_meta {
    const char *url, *publisher;
    size_t url_len, publisher_len;
} doc_meta;

static ag_status make_doc(ag_doc_reader *r, ag_doc *doc, const char *id, size_t id_len, const char *date,
                          size_t date_len, const char *title, size_t title_len, const char *body, size_t body_len,
                          const doc_meta *meta, const char *source, bool *made, ag_err *err)
{
    *made = false;
    if (body_len > doc_cap(r)) {
        r->st.skipped_large++;
        note(r, "skipping %s: %zu MB of text, over the --max-doc-size of %zu MB", source, body_len >> 20,
             doc_cap(r) >> 20);
        return AG_OK;
    }
    if (is_blank(body, body_len)) {
        r->st.skipped_empty++;
        note(r, "skipping %s: no text", source);
        return AG_OK;
    }
    while (title_len && is_space((unsigned char)*title))
        title++, title_len--;
    while (title_len && is_space((unsigned char)title[title_len - 1]))
        title_len--;

    char nd[11] = "";
    if (date && date_len) {
        if (!ag_date_from_meta(date, date_len, nd)) {
            r->st.dates_unread++;
            note(r, "%s: cannot read the date \"%.*s\"; the document has none", source,
                 (int)(date_len > 40 ? 40 : date_len), date);
        }
    }
    if (!nd[0] && r->o.default_date)
        snprintf(nd, sizeof nd, "%s", r->o.default_date);

    char *text;
    if (title_len) {
        ag_buf b;
        ag_buf_init(&b);
        if (ag_buf_append(&b, title, title_len) != AG_OK || ag_buf_append(&b, "\n\n", 2) != AG_OK ||
            ag_buf_append(&b, body, body_len) != AG_OK) {
            ag_buf_destroy(&b);
            return nomem(err);
        }
        text = ag_utf8_clean(b.data, b.len, &r->st.utf8_replaced);
        ag_buf_destroy(&b);
    } else {
        text = ag_utf8_clean(body, body_len, &r->st.utf8_replaced);
    }
    if (!text)
        return nomem(err);
    size_t len = strlen(text);
    char *shrunk = realloc(text, len + 1); /* ag_utf8_clean reserves 3 bytes per input byte */
    if (shrunk)
        text = shrunk;

    doc->text = text;
    doc->text_len = len;
    doc->id = ag_utf8_clean(id, id_len, &r->st.utf8_replaced);
    doc->date = ag_strdup(nd);
    doc->source = ag_strdup(source);
    doc->title = ag_utf8_clean(title_len ? title : "", title_len, &r->st.utf8_replaced);
    doc->url = meta ? trimmed_clean(r, meta->url, meta->url_len) : ag_strdup("");
    doc->publisher = meta ? trimmed_clean(r, meta->publisher, meta->publisher_len) : ag_strdup("");
    if (!doc->id || !doc->date || !doc->source || !doc->title || !doc->url || !doc->publisher) {
        ag_doc_destroy(doc);
        return nomem(err);
    }
    r->st.docs++;
    *made = true;
    return AG_OK;
}

/* ---- the input stack ---- */

static ag_status push(ag_doc_reader *r, char *path, bool explicit_input, size_t root_len, ag_err *err)
{
    if (r->ntodo == r->captodo) {
        size_t cap = r->captodo ? r->captodo * 2 : 16;
        pending *p = realloc(r->todo, cap * sizeof *p);
        if (!p) {
            free(path);
            return nomem(err);
        }
        r->todo = p;
        r->captodo = cap;
    }
    r->todo[r->ntodo].path = path;
    r->todo[r->ntodo].explicit_input = explicit_input;
    r->todo[r->ntodo].root_len = root_len;
    r->ntodo++;
    return AG_OK;
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* A file that describes a folder rather than being one of its documents: README, LICENSE,
 * LICENCE, COPYING, CHANGELOG, CHANGES, NOTICE, AUTHORS (any case, any extension). */
static bool is_project_file(const char *path)
{
    static const char *const names[] = {"readme", "license", "licence", "copying", "changelog", "changes",
                                        "notice", "authors", NULL};
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strcspn(base, ".");
    for (size_t i = 0; names[i]; i++)
        if (strlen(names[i]) == n && strncasecmp(base, names[i], n) == 0)
            return true;
    return false;
}

/* Pushes a directory's entries (hidden ones left out) so that they pop in strcmp order. */
static ag_status expand_dir(ag_doc_reader *r, const char *path, size_t root_len, const struct stat *sb,
                            ag_err *err)
{
    struct stat out;
    if (r->o.skip_dir && stat(r->o.skip_dir, &out) == 0 && out.st_dev == sb->st_dev && out.st_ino == sb->st_ino) {
        r->st.skipped_outdir++;
        note(r, "skipping %s: the output directory of this run", path);
        return AG_OK;
    }
    for (size_t i = 0; i < r->nseen; i++)
        if (r->seen[i].dev == sb->st_dev && r->seen[i].ino == sb->st_ino) {
            note(r, "skipping %s: directory already read (symbolic link loop?)", path);
            return AG_OK;
        }
    if (r->nseen == r->capseen) {
        size_t cap = r->capseen ? r->capseen * 2 : 16;
        dir_id *p = realloc(r->seen, cap * sizeof *p);
        if (!p)
            return nomem(err);
        r->seen = p;
        r->capseen = cap;
    }
    r->seen[r->nseen].dev = sb->st_dev;
    r->seen[r->nseen].ino = sb->st_ino;
    r->nseen++;

    DIR *d = opendir(path);
    if (!d)
        return ag_fail(err, AG_ERR_IO, "cannot open %s: %s", path, strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    ag_status st = AG_OK;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 32;
            char **p = realloc(names, nc * sizeof *p);
            if (!p) {
                st = nomem(err);
                goto cleanup;
            }
            names = p;
            cap = nc;
        }
        if (!(names[n] = ag_strdup(e->d_name))) {
            st = nomem(err);
            goto cleanup;
        }
        n++;
        errno = 0;
    }
    if (errno) {
        st = ag_fail(err, AG_ERR_IO, "cannot read directory %s: %s", path, strerror(errno));
        goto cleanup;
    }
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    size_t plen = strlen(path);
    bool slash = plen && path[plen - 1] == '/';
    for (size_t i = n; i-- > 0;) {
        size_t len = plen + 1 + strlen(names[i]) + 1;
        char *full = malloc(len);
        if (!full) {
            st = nomem(err);
            goto cleanup;
        }
        snprintf(full, len, "%s%s%s", path, slash ? "" : "/", names[i]);
        if ((st = push(r, full, false, root_len, err)) != AG_OK)
            goto cleanup;
    }
cleanup:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return st;
}

/* ---- the current JSONL/CSV file ---- */

static void rec_clear(csv_rec *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->cells[i]);
    c->n = 0;
}

static void rec_free(csv_rec *c)
{
    rec_clear(c);
    free(c->cells);
    c->cells = NULL;
    c->cap = 0;
}

static void csv_reset_queue(ag_doc_reader *r)
{
    for (size_t i = r->qhead; i < r->qn; i++)
        rec_free(&r->q[i]);
    r->qhead = r->qn = 0;
}

static void close_current(ag_doc_reader *r)
{
    if (r->fp && r->fp != stdin)
        fclose(r->fp);
    r->fp = NULL;
    if (r->csv_live)
        csv_free(&r->csv);
    r->csv_live = false;
    csv_reset_queue(r);
    rec_free(&r->cur);
    free(r->path);
    r->path = NULL;
    r->base = NULL;
    r->kind = K_NONE;
}

/* Reads the next physical line into r->lbuf without its line ending, NUL-terminated.
 * Returns the length, or -1 at the end of the file (after an error: AG_ERR_IO in *st). */
/* getline that keeps at most max bytes of the line and reads the rest to its end without keeping
 * it (*cut set), so a line without end (a stream of bytes) costs bounded memory. */
static ssize_t getline_max(char **buf, size_t *cap, FILE *fp, size_t max, bool *cut)
{
    size_t len = 0;
    bool any = false;
    int c = EOF;
    *cut = false;
    flockfile(fp);
    while ((c = getc_unlocked(fp)) != EOF) {
        any = true;
        if (len < max) {
            if (len + 2 > *cap) {
                size_t nc = *cap ? 2 * *cap : 4096;
                if (nc > max + 2)
                    nc = max + 2;
                char *b = realloc(*buf, nc);
                if (!b) {
                    funlockfile(fp);
                    errno = ENOMEM;
                    return -1;
                }
                *buf = b, *cap = nc;
            }
            (*buf)[len++] = (char)c;
        } else if (c != '\n') {
            *cut = true;
        }
        if (c == '\n')
            break;
    }
    funlockfile(fp);
    if (!any)
        return -1;
    if (!*buf || len + 1 > *cap) {
        char *b = realloc(*buf, len + 1);
        if (!b) {
            errno = ENOMEM;
            return -1;
        }
        *buf = b, *cap = len + 1;
    }
    (*buf)[len] = '\0';
    return (ssize_t)len;
}

static ssize_t read_line(ag_doc_reader *r, bool keep_newline, ag_status *st, ag_err *err)
{
    *st = AG_OK;
    errno = 0;
    ssize_t n;
    r->line_cut = false;
    if (r->peek) {
        free(r->lbuf);
        r->lbuf = r->peek, r->lcap = r->peek_cap, n = (ssize_t)r->peek_len;
        r->peek = NULL;
    } else if (r->line_max) {
        n = getline_max(&r->lbuf, &r->lcap, r->fp, r->line_max, &r->line_cut);
    } else {
        n = getline(&r->lbuf, &r->lcap, r->fp);
    }
    if (n < 0) {
        /* (getline reports a line too long for memory with ENOMEM, not always with ferror):
         * an error naming the line, never the end of the file */
        if (errno == ENOMEM)
            *st = ag_fail(err, AG_ERR_NOMEM, "%s:%zu: out of memory reading the line", r->path, r->line + 1);
        else if (ferror(r->fp))
            *st = ag_fail(err, AG_ERR_IO, "cannot read %s: %s", r->path, strerror(errno ? errno : EIO));
        return -1;
    }
    r->line++;
    r->st.bytes += (size_t)n;
    size_t len = (size_t)n;
    /* a NUL byte would end the text there: it becomes U+FFFD, counted */
    if (memchr(r->lbuf, '\0', len)) {
        size_t nul = 0;
        for (size_t i = 0; i < len; i++)
            nul += r->lbuf[i] == '\0';
        if (len + 2 * nul + 1 > r->lcap) {
            char *b = realloc(r->lbuf, len + 2 * nul + 1);
            if (!b) {
                *st = ag_fail(err, AG_ERR_NOMEM, "%s:%zu: out of memory reading the line", r->path, r->line);
                return -1;
            }
            r->lbuf = b;
            r->lcap = len + 2 * nul + 1;
        }
        for (size_t i = len, j = len + 2 * nul; i-- > 0;) {
            if (r->lbuf[i] == '\0') {
                r->lbuf[--j] = (char)0xBD;
                r->lbuf[--j] = (char)0xBF;
                r->lbuf[--j] = (char)0xEF;
            } else {
                r->lbuf[--j] = r->lbuf[i];
            }
        }
        len += 2 * nul;
        r->lbuf[len] = '\0';
        r->st.nul_replaced += nul;
    }
    if (r->first_line) {
        r->first_line = false;
        if (len >= 3 && memcmp(r->lbuf, BOM, 3) == 0) {
            memmove(r->lbuf, r->lbuf + 3, len - 3 + 1);
            len -= 3;
        }
    }
    if (!keep_newline) {
        while (len && (r->lbuf[len - 1] == '\n' || r->lbuf[len - 1] == '\r'))
            len--;
        r->lbuf[len] = '\0';
    }
    return (ssize_t)len;
}

/* ---- JSON Lines ---- */

static int hex4(const char *s)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Rewrites, in place, the JSON escapes that would cut or stop the text: "\u0000" (a C string
 * ends there) and a lone surrogate "\ud800" (grammatical JSON that cJSON refuses) become
 * "\uFFFD", like any invalid text. Returns how many. */
static size_t fix_escapes(char *s, size_t n)
{
    size_t fixed = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\')
            continue;
        if (s[i + 1] != 'u' || i + 6 > n) {
            i++; /* another escape: skip its character */
            continue;
        }
        int v = hex4(s + i + 2);
        if (v < 0) {
            i++;
            continue;
        }
        bool bad = v == 0 || (v >= 0xDC00 && v <= 0xDFFF);
        if (v >= 0xD800 && v <= 0xDBFF) {
            int lo = i + 12 <= n && s[i + 6] == '\\' && s[i + 7] == 'u' ? hex4(s + i + 8) : -1;
            if (lo >= 0xDC00 && lo <= 0xDFFF)
                i += 6; /* a valid pair: skip the high half, the low half is passed below */
            else
                bad = true;
        }
        if (bad) {
            memcpy(s + i + 2, "FFFD", 4);
            fixed++;
        }
        i += 5;
    }
    return fixed;
}

static const char *json_type(const cJSON *v)
{
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsNull(v))
        return "null";
    return "something else";
}

/* True when a JSON text ends inside a string (cJSON reports those at the string's start). */
static bool open_string(const char *s, size_t n)
{
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            in = !in;
        else if (in && s[i] == '\\')
            i++;
    }
    return in;
}

/* The first non-blank string among the named fields, or NULL. */
static const char *json_str(const cJSON *obj, const char *opt, const char *const *names)
{
    const char *one[] = {opt, NULL};
    for (const char *const *n = opt ? one : names; *n; n++) {
        const cJSON *v = cJSON_GetObjectItem(obj, *n);
        if (cJSON_IsString(v) && v->valuestring && !is_blank(v->valuestring, strlen(v->valuestring)))
            return v->valuestring;
    }
    return NULL;
}

static ag_status jsonl_next(ag_doc_reader *r, ag_doc *doc, bool *made, ag_err *err)
{
    ag_status st;
    /* a record holds the text and its escapes (up to 6 bytes a character) and a little more: a
     * longer line is skipped and counted like a document over --max-doc-size, read to its end
     * without being kept */
    r->line_max = 6 * doc_cap(r) + ((size_t)1 << 20);
    ssize_t n = read_line(r, false, &st, err);
    r->line_max = 0;
    if (n < 0) {
        close_current(r);
        return st;
    }
    if (r->line_cut) {
        r->st.skipped_large++;
        note(r, "skipping %s:%zu: a line of over %zu MB, past the --max-doc-size of %zu MB", r->path, r->line,
             (6 * doc_cap(r) + ((size_t)1 << 20)) >> 20, doc_cap(r) >> 20);
        return AG_OK;
    }
    const char *s = r->lbuf;
    size_t len = (size_t)n;
    if (is_blank(s, len))
        return AG_OK;

    r->st.escapes_replaced += fix_escapes(r->lbuf, len);
    /* The length includes the terminating NUL, so a truncated line fails at column len + 1. */
    const char *end = NULL;
    cJSON *obj = cJSON_ParseWithLengthOpts(s, len + 1, &end, 0);
    if (!obj) {
        size_t pos = end && end >= s ? (size_t)(end - s) : len;
        if (open_string(s, len))
            return bad(r, err, "%s:%zu: malformed JSON: unterminated string", r->path, r->line);
        if (pos >= len)
            return bad(r, err, "%s:%zu: malformed JSON: unexpected end of line", r->path, r->line);
        return bad(r, err, "%s:%zu: malformed JSON: unexpected character at column %zu", r->path, r->line,
                   pos + 1);
    }
    for (const char *p = end; p < s + len; p++)
        if (!is_space((unsigned char)*p)) {
            cJSON_Delete(obj);
            return bad(r, err, "%s:%zu: malformed JSON: unexpected character after the object at column %zu",
                       r->path, r->line, (size_t)(p - s) + 1);
        }
    if (!cJSON_IsObject(obj)) {
        const char *what = json_type(obj);
        cJSON_Delete(obj);
        return bad(r, err, "%s:%zu: malformed JSON: expected an object, got %s", r->path, r->line, what);
    }

    /* text: the first non-blank string among the text fields; null counts as absent */
    const char *one[] = {r->o.text_column, NULL};
    const char *body = NULL;
    bool found = false;
    for (const char *const *f = r->o.text_column ? one : text_names_json; *f; f++) {
        const cJSON *v = cJSON_GetObjectItem(obj, *f);
        if (!v || cJSON_IsNull(v))
            continue;
        if (!cJSON_IsString(v) || !v->valuestring) {
            const char *what = json_type(v);
            cJSON_Delete(obj);
            return bad(r, err, "%s:%zu: malformed JSON: field \"%s\" is %s, not a string", r->path, r->line, *f,
                       what);
        }
        found = true;
        if (!is_blank(v->valuestring, strlen(v->valuestring))) {
            body = v->valuestring;
            break;
        }
    }
    if (!found) {
        cJSON_Delete(obj);
        if (r->o.text_column)
            return bad(r, err, "%s:%zu: no text field (%s)", r->path, r->line, r->o.text_column);
        return bad(r, err, "%s:%zu: no text field (text, maintext, content, description)", r->path, r->line);
    }

    char idbuf[64];
    const char *id = json_str(obj, r->o.id_column, id_names);
    if (!id) {
        const char *one_id[] = {r->o.id_column, NULL};
        for (const char *const *f = r->o.id_column ? one_id : id_names; *f && !id; f++) {
            const cJSON *v = cJSON_GetObjectItem(obj, *f);
            if (cJSON_IsNumber(v)) {
                double d = v->valuedouble;
                if (d > -1e15 && d < 1e15 && d == (double)(long long)d)
                    snprintf(idbuf, sizeof idbuf, "%lld", (long long)d);
                else
                    snprintf(idbuf, sizeof idbuf, "%.17g", d);
                id = idbuf;
            }
        }
    }
    const char *title = json_str(obj, r->o.title_column, title_names);
    const char *date = json_str(obj, r->o.date_column, date_names);
    doc_meta meta = {json_str(obj, NULL, url_names), json_str(obj, NULL, publisher_names), 0, 0};
    meta.url_len = meta.url ? strlen(meta.url) : 0;
    meta.publisher_len = meta.publisher ? strlen(meta.publisher) : 0;

    ag_buf src, idb;
    ag_buf_init(&src);
    ag_buf_init(&idb);
    st = ag_buf_printf(&src, "%s:%zu", r->path, r->line);
    if (st == AG_OK && !id) {
        st = ag_buf_printf(&idb, "%s:%zu", r->base, r->line);
        id = idb.data;
    }
    if (st != AG_OK)
        st = nomem(err);
    else
        st = make_doc(r, doc, id, strlen(id), date, date ? strlen(date) : 0, title, title ? strlen(title) : 0,
                      body ? body : "", body ? strlen(body) : 0, &meta, src.data, made, err);
    ag_buf_destroy(&idb);
    ag_buf_destroy(&src);
    cJSON_Delete(obj);
    return st;
}

/* ---- CSV ---- */

static ag_status rec_push(csv_rec *c, const char *s, size_t n)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 8;
        char **p = realloc(c->cells, cap * sizeof *p);
        if (!p)
            return AG_ERR_NOMEM;
        c->cells = p;
        c->cap = cap;
    }
    if (!(c->cells[c->n] = ag_strndup(s ? s : "", s ? n : 0)))
        return AG_ERR_NOMEM;
    c->n++;
    return AG_OK;
}

static void csv_field_cb(void *s, size_t n, void *data)
{
    ag_doc_reader *r = data;
    if (r->nomem)
        return;
    if (!r->in_rec) { /* a second record on a line that ends in a bare CR */
        r->in_rec = true;
        r->rec_line = r->line;
    }
    if (rec_push(&r->cur, s, n) != AG_OK)
        r->nomem = true;
}

static void csv_row_cb(int c, void *data)
{
    ag_doc_reader *r = data;
    (void)c;
    if (r->nomem)
        return;
    if (r->qn == r->qcap) {
        size_t cap = r->qcap ? r->qcap * 2 : 8;
        csv_rec *p = realloc(r->q, cap * sizeof *p);
        if (!p) {
            r->nomem = true;
            return;
        }
        r->q = p;
        r->qcap = cap;
    }
    r->cur.line = r->in_rec ? r->rec_line : r->line;
    r->q[r->qn++] = r->cur;
    r->cur.cells = NULL;
    r->cur.n = r->cur.cap = 0;
    r->in_rec = false;
}

static void csv_restart(ag_doc_reader *r)
{
    if (r->csv_live)
        csv_free(&r->csv);
    r->csv_live = csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) == 0;
    rec_clear(&r->cur);
    r->in_rec = false;
}

/* Column indices of a role: the one named by opt, or every candidate present in the header. */
static void find_cols(const csv_rec *h, const char *opt, const char *const *names, col_list *out)
{
    const char *one[] = {opt, NULL};
    out->n = 0;
    for (const char *const *n = opt ? one : names; *n && out->n < MAX_CANDIDATES; n++)
        for (size_t i = 0; i < h->n; i++) {
            const char *c = h->cells[i];
            size_t len = strlen(c);
            while (len && is_space((unsigned char)*c))
                c++, len--;
            while (len && is_space((unsigned char)c[len - 1]))
                len--;
            if (len == strlen(*n) && strncasecmp(c, *n, len) == 0) {
                out->idx[out->n++] = i;
                break;
            }
        }
}

/* The first non-blank cell among cols, or "" (with *len 0). */
static const char *pick(const csv_rec *rec, const col_list *cols, size_t *len)
{
    for (size_t k = 0; k < cols->n; k++) {
        size_t i = cols->idx[k];
        if (i < rec->n) {
            size_t n = strlen(rec->cells[i]);
            if (!is_blank(rec->cells[i], n)) {
                *len = n;
                return rec->cells[i];
            }
        }
    }
    *len = 0;
    return "";
}

static ag_status csv_header(ag_doc_reader *r, const csv_rec *h, ag_err *err)
{
    find_cols(h, r->o.text_column, text_names_csv, &r->c_text);
    find_cols(h, r->o.title_column, title_names, &r->c_title);
    find_cols(h, r->o.date_column, date_names, &r->c_date);
    find_cols(h, r->o.id_column, id_names, &r->c_id);
    find_cols(h, NULL, url_names, &r->c_url);
    find_cols(h, NULL, publisher_names, &r->c_publisher);
    r->header_done = true;
    r->csv_cols = h->n;
    const char *missing = NULL;
    if (!r->c_text.n) {
        if (!r->o.text_column)
            return ag_fail(err, AG_ERR_INPUT,
                           "%s:%zu: no text column (text, content, body, description, article); use --text-column",
                           r->path, h->line);
        missing = r->o.text_column;
    } else if (r->o.title_column && !r->c_title.n) {
        missing = r->o.title_column;
    } else if (r->o.date_column && !r->c_date.n) {
        missing = r->o.date_column;
    } else if (r->o.id_column && !r->c_id.n) {
        missing = r->o.id_column;
    }
    if (missing)
        return ag_fail(err, AG_ERR_INPUT, "%s:%zu: no column \"%s\" in the header", r->path, h->line, missing);
    return AG_OK;
}

static ag_status csv_record(ag_doc_reader *r, const csv_rec *rec, ag_doc *doc, bool *made, ag_err *err)
{
    if (!r->header_done) {
        ag_err why;
        ag_status st = csv_header(r, rec, &why);
        if (st == AG_OK)
            return AG_OK;
        if (!r->o.skip_bad)
            return ag_fail(err, st, "%s", why.msg);
        r->st.skipped_bad++; /* a file we cannot use: skip all of it */
        note(r, "skipping %s", why.msg);
        close_current(r);
        return AG_OK;
    }
    /* a row longer than the header: some text was cut at an unquoted comma, never silently */
    if (rec->n > r->csv_cols)
        return bad(r, err, "%s:%zu: %zu fields where the header has %zu (an unquoted comma in the text?)", r->path,
                   rec->line, rec->n, r->csv_cols);
    size_t body_len, title_len, date_len, id_len;
    const char *body = pick(rec, &r->c_text, &body_len);
    const char *title = pick(rec, &r->c_title, &title_len);
    const char *date = pick(rec, &r->c_date, &date_len);
    const char *id = pick(rec, &r->c_id, &id_len);
    doc_meta meta;
    meta.url = pick(rec, &r->c_url, &meta.url_len);
    meta.publisher = pick(rec, &r->c_publisher, &meta.publisher_len);
    ag_buf src, idb;
    ag_buf_init(&src);
    ag_buf_init(&idb);
    ag_status st = ag_buf_printf(&src, "%s:%zu", r->path, rec->line);
    if (st == AG_OK && !id_len) {
        st = ag_buf_printf(&idb, "%s:%zu", r->base, rec->line);
        id = idb.data;
        id_len = idb.len;
    }
    if (st != AG_OK)
        st = nomem(err);
    else
        st = make_doc(r, doc, id, id_len, date, date_len, title, title_len, body, body_len, &meta, src.data, made,
                      err);
    ag_buf_destroy(&src);
    ag_buf_destroy(&idb);
    return st;
}

static ag_status csv_next(ag_doc_reader *r, ag_doc *doc, bool *made, ag_err *err)
{
    if (r->qhead < r->qn) {
        csv_rec rec = r->q[r->qhead++];
        if (r->qhead == r->qn)
            r->qhead = r->qn = 0;
        ag_status st = csv_record(r, &rec, doc, made, err);
        rec_free(&rec);
        return st;
    }
    if (r->csv_eof) {
        close_current(r);
        return AG_OK;
    }
    if (!r->csv_live)
        return nomem(err);

    ag_status st;
    ssize_t n = read_line(r, true, &st, err);
    if (n < 0) {
        if (st != AG_OK) {
            close_current(r);
            return st;
        }
        r->csv_eof = true;
        size_t before = r->qn;
        int rc = csv_fini(&r->csv, csv_field_cb, csv_row_cb, r);
        if (r->nomem)
            return nomem(err);
        if (rc != 0) {
            for (size_t i = before; i < r->qn; i++)
                rec_free(&r->q[i]);
            r->qn = before;
            if (r->qhead >= r->qn)
                r->qhead = r->qn = 0;
            rec_clear(&r->cur);
            return bad(r, err, "%s:%zu: malformed CSV: unterminated quoted field", r->path, r->rec_line);
        }
        return AG_OK;
    }
    size_t len = (size_t)n;
    const char *s = r->lbuf;
    if (!r->in_rec && !is_blank(s, len)) {
        r->in_rec = true;
        r->rec_line = r->line;
    }
    size_t k = csv_parse(&r->csv, s, len, csv_field_cb, csv_row_cb, r);
    if (r->nomem)
        return nomem(err);
    if (k < len) {
        int e = csv_error(&r->csv);
        csv_restart(r);
        if (!r->csv_live || e == CSV_ENOMEM || e == CSV_ETOOBIG)
            return nomem(err);
        if (s[k] == '"')
            return bad(r, err, "%s:%zu: malformed CSV: quote inside an unquoted field at column %zu", r->path,
                       r->line, k + 1);
        return bad(r, err, "%s:%zu: malformed CSV: unexpected character after a closing quote at column %zu",
                   r->path, r->line, k + 1);
    }
    return AG_OK;
}

/* ---- plain text ---- */

/* NUL bytes anywhere, or more than 10% control bytes in the first 4 KB. */
static bool looks_binary(const char *s, size_t n)
{
    if (memchr(s, '\0', n))
        return true;
    size_t m = n < 4096 ? n : 4096, ctl = 0;
    for (size_t i = 0; i < m; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && !is_space(c) && c != 0x1B) || c == 0x7F)
            ctl++;
    }
    return ctl * 10 > m;
}

/* UTF-16 text after its byte-order mark (FF FE little-endian, FE FF big-endian) as UTF-8, in a
 * malloc'ed buffer; unpaired surrogates and an odd last byte become U+FFFD (counted). NULL when
 * out of memory. */
static char *utf16_to_utf8(const unsigned char *s, size_t n, bool le, size_t *out_len, size_t *bad)
{
    char *o = malloc(n / 2 * 3 + 4);
    if (!o)
        return NULL;
    size_t k = 0;
    for (size_t i = 2; i + 1 < n; i += 2) {
        uint32_t u = le ? (uint32_t)(s[i] | s[i + 1] << 8) : (uint32_t)(s[i] << 8 | s[i + 1]);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
            uint32_t lo = le ? (uint32_t)(s[i + 2] | s[i + 3] << 8) : (uint32_t)(s[i + 2] << 8 | s[i + 3]);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            } else {
                u = 0xFFFD;
            }
        } else if (u >= 0xD800 && u <= 0xDFFF) {
            u = 0xFFFD;
        }
        if (u == 0xFFFD || u == 0)
            (*bad)++, u = 0xFFFD;
        if (u < 0x80) {
            o[k++] = (char)u;
        } else if (u < 0x800) {
            o[k++] = (char)(0xC0 | u >> 6);
            o[k++] = (char)(0x80 | (u & 0x3F));
        } else if (u < 0x10000) {
            o[k++] = (char)(0xE0 | u >> 12);
            o[k++] = (char)(0x80 | (u >> 6 & 0x3F));
            o[k++] = (char)(0x80 | (u & 0x3F));
        } else {
            o[k++] = (char)(0xF0 | u >> 18);
            o[k++] = (char)(0x80 | (u >> 12 & 0x3F));
            o[k++] = (char)(0x80 | (u >> 6 & 0x3F));
            o[k++] = (char)(0x80 | (u & 0x3F));
        }
    }
    if (n % 2) { /* half a code unit at the end: cut short */
        (*bad)++;
        memcpy(o + k, "\xEF\xBF\xBD", 3);
        k += 3;
    }
    *out_len = k;
    return o;
}

/* One document from a whole text (data[0..len), owned by the caller). */
static ag_status text_doc(ag_doc_reader *r, const char *source, const char *id, const char *data, size_t len,
                          ag_doc *doc, bool *made, ag_err *err)
{
    *made = false;
    r->st.files++;
    r->st.bytes += len;
    if (len >= 3 && memcmp(data, BOM, 3) == 0)
        data += 3, len -= 3;
    if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                     ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF))) {
        /* UTF-16 with its byte-order mark: decoded, not skipped as binary */
        size_t n8 = 0;
        char *u8 = utf16_to_utf8((const unsigned char *)data, len, (unsigned char)data[0] == 0xFF, &n8,
                                 &r->st.utf8_replaced);
        if (!u8)
            return ag_fail(err, AG_ERR_NOMEM, "out of memory decoding %s", source);
        ag_status st = looks_binary(u8, n8) ? AG_OK : make_doc(r, doc, id, strlen(id), NULL, 0, NULL, 0, u8, n8,
                                                                NULL, source, made, err);
        if (st == AG_OK && !*made && looks_binary(u8, n8)) {
            r->st.skipped_binary++;
            note(r, "skipping %s: UTF-16 that decodes to binary data", source);
        }
        free(u8);
        return st;
    }
    if (looks_binary(data, len)) {
        r->st.skipped_binary++;
        note(r, "skipping %s: looks like a binary file", source);
        return AG_OK;
    }
    return make_doc(r, doc, id, strlen(id), NULL, 0, NULL, 0, data, len, NULL, source, made, err);
}

/* A warning about how an input is read: always shown (it says how to choose otherwise). */
static void warn(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static void warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("accusegraph: warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* What the first line of an input of no known extension says it is: K_JSONL when it begins with
 * '{', K_CSV when it is a CSV header naming a text column (--text-column or a default one, then
 * *col is set to it): two or more comma-separated names of letters, digits, _ - and . (quotes and
 * spaces around them allowed), else K_NONE (text); *header_like then tells a line of three or more
 * such names (a CSV header all the same). */
static enum kind sniff_line(const ag_doc_reader *r, const char *line, size_t n, bool *header_like, char *col,
                            size_t coln)
{
    *header_like = false;
    col[0] = '\0';
    size_t i = 0;
    while (i < n && is_space((unsigned char)line[i]))
        i++;
    if (i < n && line[i] == '{')
        return K_JSONL;
    size_t fields = 0;
    bool names_only = true, text_col = false;
    while (i <= n) {
        size_t j = i;
        while (j < n && line[j] != ',' && line[j] != '\n' && line[j] != '\r')
            j++;
        size_t a = i, b = j;
        while (a < b && (is_space((unsigned char)line[a]) || line[a] == '"'))
            a++;
        while (b > a && (is_space((unsigned char)line[b - 1]) || line[b - 1] == '"'))
            b--;
        bool name = b > a && b - a <= 64;
        for (size_t k = a; k < b && name; k++) {
            unsigned char c = (unsigned char)line[k];
            name = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
                   c == '.';
        }
        names_only = names_only && name;
        const char *one[] = {r->o.text_column, NULL};
        for (const char *const *t = r->o.text_column ? one : text_names_csv; name && *t && !text_col; t++)
            if (strlen(*t) == b - a && strncasecmp(*t, line + a, b - a) == 0) {
                text_col = true;
                snprintf(col, coln, "%.*s", (int)(b - a), line + a);
            }
        fields++;
        if (j >= n || line[j] != ',')
            break;
        i = j + 1;
    }
    /* a header names its columns without spaces; two names could be a dateline ("Moscow, Russia"),
     * so a header without a text column needs three */
    if (names_only && fields >= 2 && text_col)
        return K_CSV;
    *header_like = names_only && fields >= 3;
    return K_NONE;
}

/* Starts reading the CSV file just opened; on failure (out of memory) closes it. */
static ag_status csv_start(ag_doc_reader *r, ag_err *err)
{
    r->csv_eof = r->header_done = r->in_rec = r->nomem = false;
    r->csv_live = false;
    csv_restart(r);
    if (!r->csv_live) {
        close_current(r);
        return nomem(err);
    }
    return AG_OK;
}

/* Makes fp (standard input or an opened file, owned by r unless stdin) the current JSONL or CSV
 * file, named path; lines_before physical lines were read already (blank ones). */
static ag_status open_stream(ag_doc_reader *r, FILE *fp, const char *path, const char *base, enum kind kind,
                             size_t lines_before, ag_err *err)
{
    char *p = ag_strdup(path);
    if (!p) {
        if (fp != stdin)
            fclose(fp);
        return nomem(err);
    }
    r->st.files++;
    r->fp = fp;
    r->path = p;
    r->base = base ? base : r->path;
    r->line = lines_before;
    r->first_line = true;
    r->kind = kind;
    return kind == K_JSONL ? AG_OK : csv_start(r, err);
}

/* Standard input: as --input-format says, or JSON Lines when the first non-space byte is '{',
 * CSV when the first line is a header naming a text column, else one text document. */
static ag_status open_stdin(ag_doc_reader *r, ag_doc *doc, bool *made, ag_err *err)
{
    if (r->o.format == AG_DOC_JSONL || r->o.format == AG_DOC_CSV)
        return open_stream(r, stdin, "stdin", NULL, r->o.format == AG_DOC_CSV ? K_CSV : K_JSONL, 0, err);
    ag_buf pre; /* the bytes read to decide, all part of the text unless they are a BOM */
    ag_buf_init(&pre);
    int c = 0;
    while (pre.len < 3 && (c = getc(stdin)) != EOF) {
        if (ag_buf_putc(&pre, (char)c) != AG_OK)
            goto nomem;
        if ((unsigned char)c != (unsigned char)BOM[pre.len - 1])
            break;
    }
    if (pre.len == 3 && memcmp(pre.data, BOM, 3) == 0) {
        r->st.bytes += 3;
        ag_buf_clear(&pre);
    }
    if (is_blank(pre.data, pre.len)) /* nothing yet, or only white space */
        while ((c = getc(stdin)) != EOF) {
            if (ag_buf_putc(&pre, (char)c) != AG_OK)
                goto nomem;
            if (!is_space((unsigned char)c))
                break;
        }
    if (ferror(stdin)) {
        ag_buf_destroy(&pre);
        return ag_fail(err, AG_ERR_IO, "cannot read standard input: %s", strerror(errno));
    }
    if (r->o.format == AG_DOC_AUTO && pre.len && pre.data[pre.len - 1] != '{' && pre.data[pre.len - 1] != '\n' &&
        c != EOF) {
        /* the rest of the first non-blank line decides between CSV and text (its first 64 KB: a
         * stream without line breaks, such as /dev/zero, is no CSV) */
        while (pre.len < 65536 && (c = getc(stdin)) != EOF) {
            if (ag_buf_putc(&pre, (char)c) != AG_OK)
                goto nomem;
            if (c == '\n')
                break;
        }
        if (ferror(stdin)) {
            ag_buf_destroy(&pre);
            return ag_fail(err, AG_ERR_IO, "cannot read standard input: %s", strerror(errno));
        }
        size_t start = 0, newlines = 0; /* the first line after the blank ones */
        for (size_t i = 0; i < pre.len && is_space((unsigned char)pre.data[i]); i++)
            if (pre.data[i] == '\n')
                start = i + 1, newlines++;
        bool header_like;
        char col[72];
        enum kind k = sniff_line(r, pre.data + start, pre.len - start, &header_like, col, sizeof col);
        if (k == K_CSV) {
            warn("standard input read as CSV: its first line is a header with a text column ('%s'); "
                 "--input-format txt|jsonl|csv chooses",
                 col);
            r->peek_len = pre.len - start;
            memmove(pre.data, pre.data + start, r->peek_len);
            r->peek = pre.data, r->peek_cap = pre.cap;
            r->peek[r->peek_len] = '\0';
            return open_stream(r, stdin, "stdin", NULL, K_CSV, newlines, err);
        }
        if (header_like)
            warn("standard input read as one text document, though its first line looks like a CSV header "
                 "with no text column (%s); --input-format csv with --text-column NAME reads it as CSV",
                 r->o.text_column ? r->o.text_column : "text, content, body, description, article");
    }
    if (r->o.format == AG_DOC_AUTO && pre.len && pre.data[pre.len - 1] == '{' && is_blank(pre.data, pre.len - 1)) {
        size_t newlines = 0;
        for (size_t i = 0; i + 1 < pre.len; i++)
            newlines += pre.data[i] == '\n';
        r->st.bytes += pre.len - 1; /* read_line counts the rest */
        ag_buf_destroy(&pre);
        if (ungetc('{', stdin) == EOF)
            return ag_fail(err, AG_ERR_IO, "cannot read standard input");
        if (!(r->path = ag_strdup("stdin")))
            return nomem(err);
        r->st.files++;
        r->kind = K_JSONL;
        r->fp = stdin;
        r->base = r->path;
        r->line = newlines;
        r->first_line = false;
        return AG_OK;
    }
    char chunk[65536];
    size_t n, total = pre.len;
    /* one text document: read up to the cap and no further (a stream that never ends, such as
     * /dev/zero, stops there too) */
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
        total += n;
        if (total > doc_cap(r))
            break;
        if (ag_buf_append(&pre, chunk, n) != AG_OK)
            goto nomem;
    }
    if (total > doc_cap(r)) {
        ag_buf_destroy(&pre);
        r->st.files++;
        r->st.bytes += total;
        r->st.skipped_large++;
        note(r, "skipping stdin: more than the --max-doc-size of %zu MB of text", doc_cap(r) >> 20);
        return AG_OK;
    }
    if (ferror(stdin)) {
        ag_buf_destroy(&pre);
        return ag_fail(err, AG_ERR_IO, "cannot read standard input: %s", strerror(errno));
    }
    ag_status st = text_doc(r, "stdin", "stdin", pre.data ? pre.data : "", pre.len, doc, made, err);
    ag_buf_destroy(&pre);
    return st;
nomem:
    ag_buf_destroy(&pre);
    return nomem(err);
}

/* The format of a file of no known extension named as input, from its first non-blank line
 * (sniff_line), with a warning when it is not read as text or looks like CSV all the same.
 * A file that cannot be read is text (reading it reports the error). */
static enum ext sniff_file(const ag_doc_reader *r, const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return EXT_OTHER;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, fp)) > 0 && is_blank(line, (size_t)n))
        ;
    fclose(fp);
    enum kind k = K_NONE;
    bool header_like = false;
    char col[72];
    if (n > 0) {
        size_t skip = (size_t)n >= 3 && memcmp(line, BOM, 3) == 0 ? 3 : 0;
        k = sniff_line(r, line + skip, (size_t)n - skip, &header_like, col, sizeof col);
    }
    free(line);
    if (k == K_JSONL) {
        warn("%s read as JSON Lines: its first line is a JSON object; --input-format txt|jsonl|csv chooses", path);
        return EXT_JSONL;
    }
    if (k == K_CSV) {
        warn("%s read as CSV: its first line is a header with a text column ('%s'); --input-format txt|jsonl|csv "
             "chooses",
             path, col);
        return EXT_CSV;
    }
    if (header_like)
        warn("%s read as one text document, though its first line looks like a CSV header with no text column (%s); "
             "--input-format csv with --text-column NAME reads it as CSV",
             path, r->o.text_column ? r->o.text_column : "text, content, body, description, article");
    return EXT_OTHER;
}

/* Takes the next input off the stack: expands a directory, yields a text document, or opens
 * a JSONL/CSV file as the current file. Owns p.path. */
static ag_status open_next(ag_doc_reader *r, ag_doc *doc, bool *made, ag_err *err)
{
    pending p = r->todo[--r->ntodo];
    ag_status st = AG_OK;
    *made = false;
    if (p.explicit_input && strcmp(p.path, "-") == 0) {
        free(p.path);
        return open_stdin(r, doc, made, err);
    }
    struct stat sb;
    if (stat(p.path, &sb) != 0) {
        if (p.explicit_input) {
            st = ag_fail(err, AG_ERR_IO, "cannot open %s: %s", p.path, strerror(errno));
        } else {
            r->st.skipped_files++;
            note(r, "skipping %s: %s", p.path, strerror(errno));
        }
        free(p.path);
        return st;
    }
    if (S_ISDIR(sb.st_mode)) {
        /* the entries of a directory named as input are named from it on: politics/007.txt */
        size_t plen = strlen(p.path);
        st = expand_dir(r, p.path, p.explicit_input ? plen + (plen && p.path[plen - 1] != '/') : p.root_len, &sb,
                        err);
        free(p.path);
        return st;
    }
    enum ext x = ext_of(p.path);
    if (p.explicit_input && r->o.format != AG_DOC_AUTO)
        x = r->o.format == AG_DOC_TXT ? EXT_TXT : r->o.format == AG_DOC_JSONL ? EXT_JSONL : EXT_CSV;
    else if (p.explicit_input && x == EXT_OTHER && S_ISREG(sb.st_mode))
        x = sniff_file(r, p.path);
    if (!p.explicit_input && x == EXT_TXT && is_project_file(p.path)) {
        /* README.TXT, LICENSE.txt... in a corpus folder describe it; they are no news */
        r->st.skipped_files++;
        note(r, "skipping %s: a README, licence or changelog, not a document (give it by name to read it)", p.path);
        free(p.path);
        return AG_OK;
    }
    if (!p.explicit_input && (x == EXT_OTHER || !S_ISREG(sb.st_mode))) {
        r->st.skipped_files++;
        note(r, "skipping %s: not a .txt, .jsonl, .ndjson or .csv file", p.path);
        free(p.path);
        return AG_OK;
    }
    if (x == EXT_TXT || x == EXT_OTHER) {
        char *data;
        size_t len;
        if (S_ISREG(sb.st_mode) && (size_t)sb.st_size > doc_cap(r)) {
            /* not even read */
            r->st.files++;
            r->st.bytes += (size_t)sb.st_size;
            r->st.skipped_large++;
            note(r, "skipping %s: %zu MB of text, over the --max-doc-size of %zu MB", p.path,
                 (size_t)sb.st_size >> 20, doc_cap(r) >> 20);
            free(p.path);
            return AG_OK;
        }
        st = ag_read_file(p.path, doc_cap(r), "the --max-doc-size", &data, &len, err);
        if (st == AG_OK) {
            st = text_doc(r, p.path, p.explicit_input ? base_name(p.path) : p.path + p.root_len, data, len, doc,
                          made, err);
            free(data);
        }
        free(p.path);
        return st;
    }
    FILE *fp = fopen(p.path, "rb");
    if (!fp) {
        st = ag_fail(err, AG_ERR_IO, "cannot open %s: %s", p.path, strerror(errno));
        free(p.path);
        return st;
    }
    r->st.files++;
    r->fp = fp;
    r->path = p.path;
    r->base = p.explicit_input ? base_name(p.path) : p.path + p.root_len;
    r->line = 0;
    r->first_line = true;
    if (x == EXT_JSONL) {
        r->kind = K_JSONL;
        return AG_OK;
    }
    r->kind = K_CSV;
    return csv_start(r, err);
}

/* ---- public ---- */

ag_status ag_doc_reader_new(char *const *inputs, size_t n, const ag_doc_opts *o, ag_doc_reader **out,
                            ag_err *err)
{
    *out = NULL;
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &sb) != 0)
            return ag_fail(err, AG_ERR_IO, "cannot open %s: %s", inputs[i], strerror(errno));
    }
    ag_doc_reader *r = calloc(1, sizeof *r);
    if (!r)
        return nomem(err);
    if (o)
        r->o = *o;
    for (size_t i = n; i-- > 0;) {
        char *p = ag_strdup(inputs[i]);
        if (!p || push(r, p, true, 0, err) != AG_OK) { /* push frees p when it fails */
            ag_doc_reader_free(r);
            return nomem(err);
        }
    }
    *out = r;
    return AG_OK;
}

ag_status ag_doc_reader_next(ag_doc_reader *r, ag_doc *doc, bool *done, ag_err *err)
{
    memset(doc, 0, sizeof *doc);
    *done = false;
    for (;;) {
        bool made = false;
        ag_status st;
        switch (r->kind) {
        case K_NONE:
            if (!r->ntodo) {
                *done = true;
                return AG_OK;
            }
            st = open_next(r, doc, &made, err);
            break;
        case K_JSONL:
            st = jsonl_next(r, doc, &made, err);
            break;
        case K_CSV:
            st = csv_next(r, doc, &made, err);
            break;
        default:
            return ag_fail(err, AG_ERR_INTERNAL, "document reader in a bad state");
        }
        if (st != AG_OK || made)
            return st;
    }
}

const ag_doc_stats *ag_doc_reader_stats(const ag_doc_reader *r) { return &r->st; }

void ag_doc_reader_free(ag_doc_reader *r)
{
    if (!r)
        return;
    close_current(r);
    for (size_t i = 0; i < r->ntodo; i++)
        free(r->todo[i].path);
    free(r->todo);
    free(r->seen);
    free(r->q);
    free(r->lbuf);
    free(r->peek);
    free(r);
}

bool ag_doc_format_parse(const char *name, ag_doc_format *f)
{
    static const struct {
        const char *name;
        ag_doc_format f;
    } names[] = {{"txt", AG_DOC_TXT}, {"jsonl", AG_DOC_JSONL}, {"ndjson", AG_DOC_JSONL}, {"csv", AG_DOC_CSV}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i].name) == 0) {
            *f = names[i].f;
            return true;
        }
    return false;
}

void ag_doc_destroy(ag_doc *d)
{
    if (!d)
        return;
    free(d->id);
    free(d->date);
    free(d->text);
    free(d->source);
    free(d->url);
    free(d->title);
    free(d->publisher);
    memset(d, 0, sizeof *d);
}
