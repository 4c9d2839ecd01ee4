/* parse_conllu.c - CoNLL-U treebanks in, for evaluation and training (ag_treebank_read). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ag_parse.h"

/* The storage behind a treebank: the file's text (cut into NUL-terminated fields in place) and
 * the sentence and word arrays. */
typedef struct tb_mem {
    char *text;
    ag_gold_word *words;
    size_t nwords, capwords;
} tb_mem;

static ag_status push_word(tb_mem *m, const ag_gold_word *w)
{
    if (m->nwords == m->capwords) {
        size_t cap = m->capwords ? m->capwords * 2 : 4096;
        ag_gold_word *p = realloc(m->words, cap * sizeof *p);
        if (!p)
            return AG_ERR_NOMEM;
        m->words = p;
        m->capwords = cap;
    }
    m->words[m->nwords++] = *w;
    return AG_OK;
}

static ag_status push_sent(ag_treebank *tb, size_t *cap, const ag_gold_sent *s)
{
    if (tb->n == *cap) {
        size_t c = *cap ? *cap * 2 : 1024;
        ag_gold_sent *p = realloc(tb->s, c * sizeof *p);
        if (!p)
            return AG_ERR_NOMEM;
        tb->s = p;
        *cap = c;
    }
    tb->s[tb->n++] = *s;
    return AG_OK;
}

/* Parses a decimal number filling s exactly; false if s is not one. */
static bool parse_uint(const char *s, unsigned long *out)
{
    if (!*s)
        return false;
    unsigned long v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > 100000000UL)
            return false;
        v = v * 10 + (unsigned long)(*s - '0');
    }
    *out = v;
    return true;
}

static bool space_after_no(const char *misc)
{
    for (const char *p = misc; (p = strstr(p, "SpaceAfter=No")) != NULL; p++)
        if ((p == misc || p[-1] == '|') && (p[13] == '\0' || p[13] == '|'))
            return true;
    return false;
}

/* Checks the sentence's heads: in range and free of cycles. lines[i] is word i's line. */
static ag_status check_tree(const char *path, const ag_gold_word *w, size_t n, const size_t *lines,
                            unsigned char *mark, ag_err *err)
{
    for (size_t i = 0; i < n; i++)
        if (w[i].head > n)
            return ag_fail(err, AG_ERR_INPUT, "%s:%zu: head %u out of range (the sentence has %zu words)",
                           path, lines[i], (unsigned)w[i].head, n);
    /* 0 unvisited, 1 on the current path, 2 known to reach the root */
    memset(mark, 0, n);
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        while (mark[j] == 0) {
            mark[j] = 1;
            if (w[j].head == 0)
                break;
            j = w[j].head - 1;
            if (mark[j] == 1)
                return ag_fail(err, AG_ERR_INPUT, "%s:%zu: the heads form a cycle through word %zu",
                               path, lines[j], j + 1);
        }
        for (j = i; mark[j] == 1;) {
            mark[j] = 2;
            if (w[j].head == 0)
                break;
            j = w[j].head - 1;
        }
    }
    return AG_OK;
}

ag_status ag_treebank_read(const char *path, ag_treebank *tb, ag_err *err)
{
    memset(tb, 0, sizeof *tb);
    tb_mem *m = calloc(1, sizeof *m);
    if (!m)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    tb->mem = m;
    size_t len;
    ag_status st = ag_read_file(path, (size_t)2 << 30, "no treebank is that large", &m->text, &len, err);
    if (st != AG_OK) {
        ag_treebank_destroy(tb);
        return st;
    }
    size_t cap = 0, lineno = 0;
    size_t first = 0;         /* index of the sentence's first word in m->words */
    size_t first_line = 0;
    const char *sent_id = "", *text = "";
    size_t *lines = NULL, nlines_cap = 0;
    unsigned char *mark = NULL;
    size_t mwt_end = 0;       /* last word of the multiword token being read, 0 if none */
    bool mwt_space = true;
    char *p = m->text, *end = m->text + len;
    while (p < end || m->nwords > first) {
        char *line = p;
        char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
        char *le = nl ? nl : end;
        p = nl ? nl + 1 : end;
        if (line < end)
            lineno++;
        if (le > line && le[-1] == '\r')
            le--;
        *le = '\0';
        if (line >= end || line[0] == '\0') {
            size_t n = m->nwords - first;
            if (n > 0) {
                if ((st = check_tree(path, m->words + first, n, lines, mark, err)) != AG_OK)
                    goto fail;
                ag_gold_sent s = {NULL, n, first_line, sent_id, text};
                s.w = (ag_gold_word *)(uintptr_t)first; /* an index until the words stop moving */
                if (push_sent(tb, &cap, &s) != AG_OK)
                    goto nomem;
                first = m->nwords;
            }
            sent_id = text = "";
            mwt_end = 0;
            if (line >= end)
                break;
            continue;
        }
        if (line[0] == '#') {
            if (strncmp(line, "# sent_id = ", 12) == 0)
                sent_id = line + 12;
            else if (strncmp(line, "# text = ", 9) == 0)
                text = line + 9;
            continue;
        }
        char *col[10];
        int nc = 0;
        for (char *q = line;;) {
            if (nc < 10)
                col[nc] = q;
            nc++;
            char *t = strchr(q, '\t');
            if (!t)
                break;
            *t = '\0';
            q = t + 1;
        }
        if (nc != 10) {
            st = ag_fail(err, AG_ERR_INPUT, "%s:%zu: %d column%s, a CoNLL-U word line has 10 separated by tabs",
                         path, lineno, nc, nc == 1 ? "" : "s");
            goto fail;
        }
        size_t n = m->nwords - first;
        unsigned long id, id2, head;
        char *dash = strchr(col[0], '-'), *dot = strchr(col[0], '.');
        if (dash || dot) {
            char *sep = dash ? dash : dot;
            *sep = '\0';
            if (!parse_uint(col[0], &id) || !parse_uint(sep + 1, &id2) || (dash && (id != n + 1 || id2 < id))) {
                *sep = dash ? '-' : '.';
                st = ag_fail(err, AG_ERR_INPUT, "%s:%zu: bad ID '%s'", path, lineno, col[0]);
                goto fail;
            }
            if (dash) {
                mwt_end = id2;
                mwt_space = !space_after_no(col[9]);
            }
            continue; /* multiword tokens and empty nodes are not words of the basic tree */
        }
        if (!parse_uint(col[0], &id) || id != n + 1) {
            st = ag_fail(err, AG_ERR_INPUT, "%s:%zu: ID '%s' where word %zu was expected", path, lineno, col[0], n + 1);
            goto fail;
        }
        if (!parse_uint(col[6], &head)) {
            st = ag_fail(err, AG_ERR_INPUT, "%s:%zu: HEAD '%s' is not a number", path, lineno, col[6]);
            goto fail;
        }
        if (!col[1][0] || !col[3][0] || !col[7][0]) {
            st = ag_fail(err, AG_ERR_INPUT, "%s:%zu: empty FORM, UPOS or DEPREL", path, lineno);
            goto fail;
        }
        if (n == 0)
            first_line = lineno;
        if (n + 1 > nlines_cap) {
            size_t c = nlines_cap ? nlines_cap * 2 : 256;
            size_t *q = realloc(lines, c * sizeof *q);
            unsigned char *mk = realloc(mark, c);
            if (q)
                lines = q;
            if (mk)
                mark = mk;
            if (!q || !mk)
                goto nomem;
            nlines_cap = c;
        }
        lines[n] = lineno;
        bool space = !space_after_no(col[9]);
        if (mwt_end) {
            space = id == mwt_end ? mwt_space : false;
            if (id >= mwt_end)
                mwt_end = 0;
        }
        ag_gold_word w = {col[1], col[3], col[4], col[7], (uint32_t)head, space};
        if (push_word(m, &w) != AG_OK)
            goto nomem;
    }
    for (size_t i = 0; i < tb->n; i++)
        tb->s[i].w = m->words + (size_t)(uintptr_t)tb->s[i].w;
    tb->words = m->nwords;
    free(lines);
    free(mark);
    return AG_OK;
nomem:
    st = ag_fail(err, AG_ERR_NOMEM, "out of memory reading %s", path);
fail:
    free(lines);
    free(mark);
    ag_treebank_destroy(tb);
    return st;
}

void ag_treebank_destroy(ag_treebank *tb)
{
    tb_mem *m = tb->mem;
    if (m) {
        free(m->text);
        free(m->words);
        free(m);
    }
    free(tb->s);
    memset(tb, 0, sizeof *tb);
}
