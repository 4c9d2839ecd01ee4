/* ag_text.c - sentence splitting and tokenisation (see ag_text.h). */
#include "ag_text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

void ag_spans_init(ag_spans *s) { s->items = NULL; s->len = s->cap = 0; }
void ag_spans_destroy(ag_spans *s) { free(s->items); ag_spans_init(s); }

static ag_status spans_push(ag_spans *s, size_t a, size_t b)
{
    if (s->len == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        ag_span *p = realloc(s->items, cap * sizeof *p);
        if (!p)
            return AG_ERR_NOMEM;
        s->items = p;
        s->cap = cap;
    }
    s->items[s->len++] = (ag_span){a, b};
    return AG_OK;
}

/* Decodes the code point at s[i] (n bytes in all); invalid bytes decode as U+FFFD, length 1. */
static utf8proc_int32_t decode(const char *s, size_t i, size_t n, size_t *len)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) {
        *len = 1;
        return 0xFFFD;
    }
    *len = (size_t)k;
    return cp;
}

static bool is_space_cp(utf8proc_int32_t c)
{
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return true;
    if (c < 0x80)
        return false;
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

static bool is_alnum_cp(utf8proc_int32_t c)
{
    if (c < 0x80)
        return isalnum(c) != 0;
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND:
        return true;
    default:
        return false;
    }
}

static bool is_upper_cp(utf8proc_int32_t c)
{
    if (c < 0x80)
        return isupper(c) != 0;
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LU;
}

static bool is_lower_cp(utf8proc_int32_t c)
{
    if (c < 0x80)
        return islower(c) != 0;
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

/* ASCII replacement for typographic punctuation, or 0. */
static char ascii_punct(utf8proc_int32_t c)
{
    switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB: case 0x2033: return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return '-';
    case 0x2026: return '.';
    default: return c < 0x80 ? (char)c : 0;
    }
}

/* ---- sentences ---------------------------------------------------------------------- */

static const char *const abbreviations[] = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "cpt", "maj", "adm", "prof", "sen", "rep",
    "gov", "st", "jan", "feb", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "mt",
    "jr", "sr", "vs", "v", "rev", "gens", "cmdr", "brig", "fig", "pres", "approx", "dept", "est", NULL};

static const char *const sentence_starters[] = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "but", "and", "in", "on", "at", "this", "that",
    "these", "those", "its", "his", "her", "their", "there", "however", "meanwhile", "last", "mr", "ms",
    "mrs", "officials", "earlier", "later", "also", "after", "before", "when", "while", NULL};

static bool in_list(const char *const *list, const char *w, size_t n)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncasecmp(list[i], w, n) == 0)
            return true;
    return false;
}

/* The word (letters and dots) that ends just before position i. */
static void word_before(const char *s, size_t i, size_t lo, size_t *ws, size_t *we)
{
    size_t e = i, b = i;
    while (b > lo && (isalpha((unsigned char)s[b - 1]) || s[b - 1] == '.'))
        b--;
    *ws = b;
    *we = e;
}

/* Start of the next word after position i (skipping spaces and opening quotes), or n. */
static size_t next_word(const char *s, size_t i, size_t n)
{
    while (i < n) {
        size_t k;
        utf8proc_int32_t c = decode(s, i, n, &k);
        if (is_space_cp(c) || ascii_punct(c) == '"' || ascii_punct(c) == '\'' || c == '(')
            i += k;
        else
            break;
    }
    return i;
}

/* Decides whether the terminal punctuation at i (a '.', '!' or '?') ends a sentence,
 * given the start w of the next word. */
static bool is_boundary(const char *s, size_t lo, size_t i, size_t w, size_t n)
{
    if (w >= n)
        return true;
    size_t k;
    utf8proc_int32_t c = decode(s, w, n, &k);
    if (c == '[')
        return true; /* a wire code after the full stop: "... on Monday. [nL5N1O02AB] Officials" */
    if (!(is_upper_cp(c) || (c < 0x80 && isdigit(c))))
        return false;
    if (s[i] != '.')
        return true;
    size_t ws, we;
    word_before(s, i, lo, &ws, &we);
    size_t wl = we - ws;
    if (wl == 0)
        return true;
    const char *word = s + ws;
    if (memchr(word, '.', wl)) {
        /* dotted acronym "U.S." or "U.N.": a boundary only before a typical sentence starter */
        size_t e = w;
        while (e < n && isalpha((unsigned char)s[e]))
            e++;
        return in_list(sentence_starters, s + w, e - w);
    }
    if (wl == 1 && isupper((unsigned char)word[0]))
        return false; /* an initial: "George W. Bush" */
    if (in_list(abbreviations, word, wl))
        return false;
    return true;
}

/* The end (one past ']') of a wire code "[nL5N1O02AB]" at i: brackets around at most 32 bytes
 * without white space; 0 if none. */
static size_t wire_code_end(const char *s, size_t i, size_t n)
{
    for (size_t j = i + 1; j < n && j < i + 34; j++) {
        if (s[j] == ']')
            return j > i + 1 ? j + 1 : 0;
        if (isspace((unsigned char)s[j]) || s[j] == '[')
            return 0;
    }
    return 0;
}

/* The end (one past ')') of a picture credit "(Photo: ...)" at i, or 0. */
static size_t caption_end(const char *s, size_t i, size_t n)
{
    static const char *const words[] = {"photo:", "photos:", "picture:", "pictures:", "image:", "images:",
                                        "credit:", "file photo:", "video:", "graphic:", "photo credit:", NULL};
    bool hit = false;
    for (size_t k = 0; words[k] && !hit; k++) {
        size_t l = strlen(words[k]);
        hit = i + 1 + l <= n && strncasecmp(s + i + 1, words[k], l) == 0;
    }
    if (!hit)
        return 0;
    for (size_t j = i + 1; j < n && j < i + 200; j++) {
        if (s[j] == ')')
            return j + 1;
        if (s[j] == '\n' || s[j] == '(')
            return 0;
    }
    return 0;
}

static bool line_is_blank(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!isspace((unsigned char)s[i]))
            return false;
    return true;
}

ag_status ag_split_sentences(const char *s, size_t n, ag_spans *out)
{
    size_t start = 0;
    size_t i = 0;
    while (i < n) {
        size_t k;
        utf8proc_int32_t c = decode(s, i, n, &k);
        size_t cut = (size_t)-1, resume = 0, e;
        if (c == '\n') {
            /* end of a line: blank line, or a line that does not continue in lower case */
            size_t j = i + 1;
            size_t line_end = i;
            while (line_end > start && (s[line_end - 1] == '\r' || s[line_end - 1] == ' ' || s[line_end - 1] == '\t'))
                line_end--;
            size_t nl = j;
            while (nl < n && (s[nl] == ' ' || s[nl] == '\t' || s[nl] == '\r'))
                nl++;
            bool blank_next = nl >= n || s[nl] == '\n';
            size_t kk;
            utf8proc_int32_t nc = nl < n ? decode(s, nl, n, &kk) : 0;
            if (blank_next || !is_lower_cp(nc) || line_is_blank(s, start, line_end))
                cut = i, resume = j;
        } else if (c == '[' && (e = wire_code_end(s, i, n)) != 0 && line_is_blank(s, start, i)) {
            /* a wire code opening a sentence is left out of it */
            cut = i, resume = e;
        } else if (c == '(' && (e = caption_end(s, i, n)) != 0) {
            /* "... at the border on Monday (Photo: Reuters/J. Doe) Officials said": a picture
             * credit ends the caption before it and belongs to no sentence */
            cut = i, resume = e;
        } else if (c == ' ' && i + 3 <= n && s[i + 1] == ' ' && s[i + 2] == ' ' && i > start &&
                   (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '"' || s[i - 1] == ')')) {
            /* a paragraph break lost in export: "... on the deal   Officials said" (three or
             * more spaces before a capital) */
            size_t j = i;
            while (j < n && (s[j] == ' ' || s[j] == '\t'))
                j++;
            size_t kk;
            if (j < n && is_upper_cp(decode(s, j, n, &kk)))
                cut = i, resume = j;
            else
                k = j - i;
        } else if ((c == ' ' || c == '\t') && i - start >= AG_SENTENCE_MAX) {
            /* a run of text with no sentence end (a word list, a table flattened to one line) is
             * cut at white space, so that one sentence's words stay few */
            cut = i, resume = i + 1;
        } else if (c == '.' || c == '!' || c == '?') {
            size_t j = i + 1;
            while (j < n) {
                size_t kk;
                utf8proc_int32_t q = decode(s, j, n, &kk);
                char a = ascii_punct(q);
                if (a == '"' || a == '\'' || a == ')' || a == ']' || a == '.' || a == '!' || a == '?')
                    j += kk;
                else
                    break;
            }
            if (j >= n || is_space_cp(decode(s, j, n, &k))) {
                size_t w = next_word(s, j, n);
                if (is_boundary(s, start, i, w, n))
                    cut = j, resume = j;
            }
            if (cut == (size_t)-1) {
                i = j;
                continue;
            }
            k = 0;
        }
        if (cut != (size_t)-1) {
            size_t a = start, b = cut;
            while (a < b && isspace((unsigned char)s[a]))
                a++;
            while (b > a && isspace((unsigned char)s[b - 1]))
                b--;
            if (b > a && spans_push(out, a, b) != AG_OK)
                return AG_ERR_NOMEM;
            start = resume;
            i = resume;
            continue;
        }
        i += k;
    }
    size_t a = start, b = n;
    while (a < b && isspace((unsigned char)s[a]))
        a++;
    while (b > a && isspace((unsigned char)s[b - 1]))
        b--;
    if (b > a && spans_push(out, a, b) != AG_OK)
        return AG_ERR_NOMEM;
    return AG_OK;
}

/* ---- tokens ------------------------------------------------------------------------- */

void ag_tokens_init(ag_tokens *t) { memset(t, 0, sizeof *t); }

void ag_tokens_destroy(ag_tokens *t)
{
    free(t->items);
    free(t->pool);
    ag_tokens_init(t);
}

static ag_status pool_reserve(ag_tokens *t, size_t extra)
{
    if (t->pool_len + extra <= t->pool_cap)
        return AG_OK;
    size_t cap = t->pool_cap ? t->pool_cap : 4096;
    while (cap < t->pool_len + extra)
        cap *= 2;
    char *p = realloc(t->pool, cap);
    if (!p)
        return AG_ERR_NOMEM;
    t->pool = p;
    t->pool_cap = cap;
    return AG_OK;
}

/* Appends a token covering text[a..b); surf is built from that range with typographic
 * punctuation mapped to ASCII, norm is surf in ASCII lower case. */
static ag_status push_token(ag_tokens *t, const char *text, size_t a, size_t b, ag_tok_kind kind, uint8_t flags)
{
    if (t->len == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        ag_token *p = realloc(t->items, cap * sizeof *p);
        if (!p)
            return AG_ERR_NOMEM;
        t->items = p;
        t->cap = cap;
    }
    size_t len = b - a;
    if (len > 60000)
        len = 60000;
    if (pool_reserve(t, 2 * len + 2) != AG_OK)
        return AG_ERR_NOMEM;
    char *surf = t->pool + t->pool_len;
    size_t o = 0;
    bool letters = false, all_upper = true;
    int nletters = 0;
    for (size_t i = a; i < a + len;) {
        size_t k;
        utf8proc_int32_t c = decode(text, i, a + len, &k);
        char r = ascii_punct(c);
        if (r && c >= 0x80) {
            surf[o++] = r;
        } else {
            memcpy(surf + o, text + i, k);
            o += k;
        }
        if (is_alnum_cp(c) && !(c < 0x80 && isdigit(c))) {
            if (!letters && is_upper_cp(c))
                flags |= AG_TF_CAP;
            letters = true;
            nletters++;
            if (!is_upper_cp(c))
                all_upper = false;
        }
        i += k;
    }
    surf[o] = '\0';
    char *norm = surf + o + 1;
    for (size_t i = 0; i < o; i++)
        norm[i] = (char)tolower((unsigned char)surf[i]);
    norm[o] = '\0';
    if (letters && all_upper && nletters >= 2)
        flags |= AG_TF_UPPER;
    ag_token *tok = &t->items[t->len++];
    tok->start = (uint32_t)a;
    tok->end = (uint32_t)b;
    tok->surf = (uint32_t)t->pool_len;
    tok->norm = (uint32_t)(t->pool_len + o + 1);
    tok->len = (uint16_t)o;
    tok->kind = (uint8_t)kind;
    tok->flags = flags;
    t->pool_len += 2 * o + 2;
    return AG_OK;
}

/* Length of a dotted acronym ("U.S.", "U.N.", "e.g.") starting at i, or 0. */
static size_t acronym_len(const char *s, size_t i, size_t n)
{
    size_t j = i;
    int letters = 0;
    while (j + 1 < n && isalpha((unsigned char)s[j]) && s[j + 1] == '.') {
        j += 2;
        letters++;
    }
    if (letters >= 2 && !(j < n && isalpha((unsigned char)s[j])))
        return j - i;
    return 0;
}

ag_status ag_tokenize(const char *s, size_t start, size_t end, ag_tokens *out)
{
    out->len = 0;
    out->pool_len = 0;
    uint8_t pending = 0;
    size_t i = start;
    while (i < end) {
        size_t k;
        utf8proc_int32_t c = decode(s, i, end, &k);
        if (is_space_cp(c)) {
            pending |= AG_TF_SPACE;
            if (c == '\n')
                pending |= AG_TF_NEWLINE;
            i += k;
            continue;
        }
        ag_status st;
        if (is_alnum_cp(c)) {
            size_t a = i;
            size_t ac = acronym_len(s, i, end);
            if (ac) {
                i += ac;
            } else {
                bool num = c < 0x80 && isdigit(c);
                while (i < end) {
                    size_t kk;
                    utf8proc_int32_t d = decode(s, i, end, &kk);
                    if (is_alnum_cp(d)) {
                        i += kk;
                        continue;
                    }
                    /* digits keep , and . between digits: 100,000 and 3.5 */
                    if (num && (d == ',' || d == '.') && i + 1 < end && isdigit((unsigned char)s[i + 1])) {
                        i += kk;
                        continue;
                    }
                    /* an apostrophe inside a word (don't, d'Ivoire), but not the possessive 's */
                    if (ascii_punct(d) == '\'' && i + kk < end) {
                        size_t k2;
                        utf8proc_int32_t e = decode(s, i + kk, end, &k2);
                        bool poss = (e == 's' || e == 'S') &&
                                    (i + kk + 1 >= end || !is_alnum_cp(decode(s, i + kk + 1, end, &k2)));
                        if (is_alnum_cp(e) && !poss) {
                            i += kk;
                            continue;
                        }
                    }
                    break;
                }
                st = push_token(out, s, a, i, num ? AG_TOK_NUM : AG_TOK_WORD, pending);
                if (st != AG_OK)
                    return st;
                pending = 0;
                /* possessive: 's, or ' after a plural in s */
                if (i < end) {
                    size_t kk;
                    utf8proc_int32_t d = decode(s, i, end, &kk);
                    if (ascii_punct(d) == '\'') {
                        size_t k2;
                        if (i + kk < end && (s[i + kk] == 's' || s[i + kk] == 'S') &&
                            (i + kk + 1 >= end || !is_alnum_cp(decode(s, i + kk + 1, end, &k2)))) {
                            st = push_token(out, s, i, i + kk + 1, AG_TOK_POSS, 0);
                            if (st != AG_OK)
                                return st;
                            i += kk + 1;
                        } else if ((s[i - 1] == 's') && i + kk < end && s[i + kk] == ' ' && i + kk + 1 < end &&
                                   islower((unsigned char)s[i + kk + 1])) {
                            st = push_token(out, s, i, i + kk, AG_TOK_POSS, 0);
                            if (st != AG_OK)
                                return st;
                            i += kk;
                        }
                    }
                }
                continue;
            }
            st = push_token(out, s, a, i, AG_TOK_WORD, pending);
        } else {
            char a = ascii_punct(c);
            st = push_token(out, s, i, i + k, (a == '"' || a == '\'') ? AG_TOK_QUOTE : AG_TOK_PUNCT, pending);
            i += k;
        }
        if (st != AG_OK)
            return st;
        pending = 0;
    }
    return AG_OK;
}
