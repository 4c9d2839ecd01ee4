/* ag_triple.c - the triple: memory, contract check, JSON Lines and CSV writers and readers. */
#include "ag_triple.h"
#include "xlsx_read.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include <cJSON.h>
#include <csv.h>
#include <utf8proc.h>

/* ---- the flat field table shared by the CSV form and error messages ---- */

/* The most columns a CSV header may have: the triple's and an edges CSV's. */
#define MAX_CSV_COLS 64

enum col {
    C_DOC, C_SENTENCE, C_OFFSET,
    C_SRC_NAME, C_SRC_ID, C_SRC_TYPE, C_SRC_COUNTRY,
    C_ACTION, C_CODE,
    C_TGT_NAME, C_TGT_ID, C_TGT_TYPE, C_TGT_COUNTRY,
    C_DATE, C_DATE_PRECISION, C_NEGATED, C_CHARGE, C_TOPIC, C_CONFIDENCE, C_RULE,
    C_SENTENCE_INDEX, C_URL, C_TITLE, C_PUBLISHER, C_PUBLISHED, C_MENTIONS,
    C_SENTENCE_INDEXES, C_SENTENCES,
    NCOLS
};

static const char *const col_name[NCOLS] = {
    "doc", "sentence", "offset",
    "source_name", "source_id", "source_type", "source_country",
    "action", "code",
    "target_name", "target_id", "target_type", "target_country",
    "date", "date_precision", "negated", "charge", "topic", "confidence", "rule",
    "sentence_index", "url", "title", "publisher", "published", "mentions",
    "sentence_indexes", "sentences",
};

/* The integer columns: their member, their least value and their default. */
static const struct { int col; long min, dflt; } int_cols[] = {
    {C_OFFSET, 0, 0}, {C_SENTENCE_INDEX, 0, 0}, {C_MENTIONS, 1, 1}};
enum { NINT = sizeof int_cols / sizeof int_cols[0] };

/* The member behind an integer column, or NULL for any other column. */
static long *int_slot(ag_triple *t, int c)
{
    switch (c) {
    case C_OFFSET: return &t->offset;
    case C_SENTENCE_INDEX: return &t->sentence_index;
    case C_MENTIONS: return &t->mentions;
    default: return NULL;
    }
}

static long int_min(int c)
{
    for (int i = 0; i < NINT; i++)
        if (int_cols[i].col == c)
            return int_cols[i].min;
    return 0;
}

/* The string member behind a column, or NULL for the integers, negated and confidence. */
static char **str_slot(ag_triple *t, int c)
{
    switch (c) {
    case C_DOC: return &t->doc;
    case C_SENTENCE: return &t->sentence;
    case C_SRC_NAME: return &t->source.name;
    case C_SRC_ID: return &t->source.id;
    case C_SRC_TYPE: return &t->source.type;
    case C_SRC_COUNTRY: return &t->source.country;
    case C_ACTION: return &t->action;
    case C_CODE: return &t->code;
    case C_TGT_NAME: return &t->target.name;
    case C_TGT_ID: return &t->target.id;
    case C_TGT_TYPE: return &t->target.type;
    case C_TGT_COUNTRY: return &t->target.country;
    case C_DATE: return &t->date;
    case C_DATE_PRECISION: return &t->date_precision;
    case C_CHARGE: return &t->charge;
    case C_TOPIC: return &t->topic;
    case C_RULE: return &t->rule;
    case C_URL: return &t->url;
    case C_TITLE: return &t->title;
    case C_PUBLISHER: return &t->publisher;
    case C_PUBLISHED: return &t->published;
    case C_SENTENCE_INDEXES: return &t->sentence_indexes;
    case C_SENTENCES: return &t->sentences;
    default: return NULL;
    }
}

static const char *cstr(const ag_triple *t, int c)
{
    const char *s = *str_slot((ag_triple *)t, c);
    return s ? s : "";
}

/* ---- memory ---- */

ag_status ag_triple_init(ag_triple *t)
{
    memset(t, 0, sizeof *t);
    t->confidence = 1.0;
    for (int i = 0; i < NINT; i++)
        *int_slot(t, int_cols[i].col) = int_cols[i].dflt;
    for (int c = 0; c < NCOLS; c++) {
        char **slot = str_slot(t, c);
        if (slot && !(*slot = ag_strdup(""))) {
            ag_triple_destroy(t);
            return AG_ERR_NOMEM;
        }
    }
    return AG_OK;
}

/* True when s lies in t's pack (ag_triple_pack), not in an allocation of its own. */
static bool in_pack(const ag_triple *t, const char *s)
{
    return t->pack && s >= t->pack && s < t->pack + t->pack_len;
}

/* Frees a string of t that is its own, not a part of its pack. */
static void slot_free(const ag_triple *t, char *s)
{
    if (!in_pack(t, s))
        free(s);
}

void ag_triple_destroy(ag_triple *t)
{
    for (int c = 0; c < NCOLS; c++) {
        char **slot = str_slot(t, c);
        if (slot) {
            slot_free(t, *slot);
            *slot = NULL;
        }
    }
    free(t->pack);
    t->pack = NULL;
    t->pack_len = 0;
}

ag_status ag_triple_pack(ag_triple *t)
{
    size_t total = 0, own = 0;
    for (int c = 0; c < NCOLS; c++) {
        char **slot = str_slot(t, c);
        if (slot && *slot) {
            total += strlen(*slot) + 1;
            own += !in_pack(t, *slot);
        }
    }
    if (!own) /* packed already (or no strings) */
        return AG_OK;
    char *pack = malloc(total ? total : 1), *p = pack;
    if (!pack)
        return AG_ERR_NOMEM;
    for (int c = 0; c < NCOLS; c++) {
        char **slot = str_slot(t, c);
        if (slot && *slot) {
            size_t n = strlen(*slot) + 1;
            memcpy(p, *slot, n);
            slot_free(t, *slot);
            *slot = p;
            p += n;
        }
    }
    free(t->pack);
    t->pack = pack;
    t->pack_len = total;
    return AG_OK;
}

ag_status ag_triple_copy(ag_triple *dst, const ag_triple *src)
{
    *dst = *src;
    dst->pack = NULL;
    dst->pack_len = 0;
    for (int c = 0; c < NCOLS; c++) {
        char **slot = str_slot(dst, c);
        if (slot)
            *slot = NULL;
    }
    for (int c = 0; c < NCOLS; c++) {
        char **slot = str_slot(dst, c);
        if (slot && !(*slot = ag_strdup(cstr(src, c)))) {
            ag_triple_destroy(dst);
            return AG_ERR_NOMEM;
        }
    }
    return AG_OK;
}

ag_status ag_triple_set_document(ag_triple *t, const char *url, const char *title, const char *publisher,
                                 const char *published)
{
    const char *v[] = {url, title, publisher, published};
    char **slot[] = {&t->url, &t->title, &t->publisher, &t->published};
    for (int i = 0; i < 4; i++) {
        char *c = ag_strdup(v[i] ? v[i] : "");
        if (!c)
            return AG_ERR_NOMEM;
        slot_free(t, *slot[i]);
        *slot[i] = c;
    }
    return AG_OK;
}

void ag_triples_init(ag_triples *ts)
{
    ts->items = NULL;
    ts->len = ts->cap = 0;
}

void ag_triples_destroy(ag_triples *ts)
{
    for (size_t i = 0; i < ts->len; i++)
        ag_triple_destroy(&ts->items[i]);
    free(ts->items);
    ag_triples_init(ts);
}

ag_status ag_triples_push(ag_triples *ts, ag_triple *t)
{
    if (ts->len == ts->cap) {
        size_t cap = ts->cap ? ts->cap * 2 : 16;
        if (cap > SIZE_MAX / sizeof *ts->items)
            return AG_ERR_NOMEM;
        ag_triple *p = realloc(ts->items, cap * sizeof *p);
        if (!p)
            return AG_ERR_NOMEM;
        ts->items = p;
        ts->cap = cap;
    }
    if (ag_triple_pack(t) != AG_OK)
        return AG_ERR_NOMEM;
    ts->items[ts->len++] = *t;
    memset(t, 0, sizeof *t);
    return AG_OK;
}

/* ---- repeats of one accusation ---- */

static bool fold_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* s folded for comparing charges (see ag_triples_merge_repeats): Unicode case folding (ASCII
 * lower case for invalid UTF-8), white space runs as one space, no leading or trailing white
 * space or final full stop. Malloc'ed; NULL when out of memory. */
static char *fold_charge(const char *s)
{
    utf8proc_uint8_t *f = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &f,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0) {
        if (!(f = (utf8proc_uint8_t *)ag_strdup(s)))
            return NULL;
        for (utf8proc_uint8_t *p = f; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (utf8proc_uint8_t)(*p - 'A' + 'a');
    }
    char *r = (char *)f, *w = r;
    bool space = false;
    for (const char *p = r; *p; p++) {
        if (fold_space((unsigned char)*p)) {
            space = w > r;
            continue;
        }
        if (space)
            *w++ = ' ';
        space = false;
        *w++ = *p;
    }
    if (w > r && w[-1] == '.')
        w--;
    while (w > r && w[-1] == ' ')
        w--;
    *w = '\0';
    return r;
}

/* One triple of the document as the merge sees it. */
typedef struct repeat_item {
    size_t pos;         /* index in ts */
    const char *doc, *src, *tgt, *action;
    bool negated;
    char *charge;       /* folded; the merged accusation's once it is a representative */
    long last_index;    /* a representative's last listed sentence_index */
} repeat_item;

static const char *actor_key(const ag_actor_ref *a)
{
    return a->id && a->id[0] ? a->id : a->name ? a->name : "";
}

/* Orders by the repeat key (doc, source, target, action, negated), then by position. */
static int repeat_key_cmp(const repeat_item *a, const repeat_item *b)
{
    int c = strcmp(a->doc, b->doc);
    if (!c) c = strcmp(a->src, b->src);
    if (!c) c = strcmp(a->tgt, b->tgt);
    if (!c) c = strcasecmp(a->action, b->action);
    if (!c) c = (int)a->negated - (int)b->negated;
    return c;
}

static int repeat_cmp(const void *pa, const void *pb)
{
    const repeat_item *a = pa, *b = pb;
    int c = repeat_key_cmp(a, b);
    return c ? c : a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* *slot = *slot SEP add, with LF and CR in add as spaces when flatten. */
static ag_status append_list(ag_triple *t, char **slot, const char *sep, const char *add, bool flatten)
{
    ag_buf b;
    ag_buf_init(&b);
    ag_status st = ag_buf_puts(&b, *slot ? *slot : "");
    if (!st && *slot && **slot)
        st = ag_buf_puts(&b, sep);
    for (const char *p = add; !st && *p; p++)
        st = ag_buf_putc(&b, flatten && (*p == '\n' || *p == '\r') ? ' ' : *p);
    char *s = st ? NULL : ag_buf_steal(&b);
    ag_buf_destroy(&b);
    if (!s)
        return AG_ERR_NOMEM;
    slot_free(t, *slot);
    *slot = s;
    return AG_OK;
}

/* Lists t's own report(s) onto r's sentence lists. */
static ag_status list_reports(ag_triple *r, const ag_triple *t)
{
    if (t->sentence_indexes && t->sentence_indexes[0]) {
        ag_status st = append_list(r, &r->sentence_indexes, " ", t->sentence_indexes, false);
        return st ? st : append_list(r, &r->sentences, "\n", t->sentences ? t->sentences : "", false);
    }
    char num[32];
    snprintf(num, sizeof num, "%ld", t->sentence_index);
    ag_status st = append_list(r, &r->sentence_indexes, " ", num, false);
    return st ? st : append_list(r, &r->sentences, "\n", t->sentence ? t->sentence : "", true);
}

/* Replaces *slot by a copy of s. */
static ag_status take_string(ag_triple *t, char **slot, const char *s)
{
    char *c = ag_strdup(s ? s : "");
    if (!c)
        return AG_ERR_NOMEM;
    slot_free(t, *slot);
    *slot = c;
    return AG_OK;
}

/* Folds the repeat it into the representative ri. */
static ag_status merge_into(ag_triple *ts, repeat_item *ri, repeat_item *it)
{
    ag_triple *r = &ts[ri->pos];
    const ag_triple *t = &ts[it->pos];
    ag_status st = AG_OK;
    bool single = !(t->sentence_indexes && t->sentence_indexes[0]);
    if (!single || t->sentence_index != ri->last_index) {
        if (!(r->sentence_indexes && r->sentence_indexes[0]) && (st = list_reports(r, r)))
            return st;
        if ((st = list_reports(r, t)))
            return st;
        r->mentions += t->mentions;
        ri->last_index = t->sentence_index;
    }
    if (r->confidence < t->confidence)
        r->confidence = t->confidence;
    if (!ri->charge[0] && it->charge[0]) {
        if ((st = take_string(r, &r->charge, t->charge)))
            return st;
        free(ri->charge);
        ri->charge = it->charge;
        it->charge = NULL;
    }
    if (!(r->topic && r->topic[0]) && t->topic && t->topic[0] && (st = take_string(r, &r->topic, t->topic)))
        return st;
    if (!(r->date && r->date[0]) && t->date && t->date[0]) {
        if ((st = take_string(r, &r->date, t->date)) || (st = take_string(r, &r->date_precision, t->date_precision)))
            return st;
    }
    return AG_OK;
}

ag_status ag_triples_merge_repeats(ag_triples *ts, size_t *merged, ag_err *err)
{
    if (merged)
        *merged = 0;
    if (ts->len < 2)
        return AG_OK;
    ag_status st = AG_OK;
    size_t n = ts->len, nmerged = 0;
    repeat_item *items = calloc(n, sizeof *items);
    repeat_item **reps = calloc(n, sizeof *reps);
    bool *dead = calloc(n, sizeof *dead);
    if (!items || !reps || !dead) {
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        const ag_triple *t = &ts->items[i];
        items[i].pos = i;
        items[i].doc = t->doc ? t->doc : "";
        items[i].action = t->action ? t->action : "";
        items[i].negated = t->negated;
        items[i].src = actor_key(&t->source);
        items[i].tgt = actor_key(&t->target);
        items[i].last_index = t->sentence_index;
        if (!(items[i].charge = fold_charge(t->charge ? t->charge : ""))) {
            st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
            goto cleanup;
        }
    }
    qsort(items, n, sizeof *items, repeat_cmp);
    for (size_t a = 0, b; a < n; a = b) {
        size_t nreps = 0;
        for (b = a; b < n && repeat_key_cmp(&items[a], &items[b]) == 0; b++) {
            repeat_item *it = &items[b];
            size_t k = 0;
            while (k < nreps && reps[k]->charge[0] && it->charge[0] && strcmp(reps[k]->charge, it->charge) != 0)
                k++;
            if (k == nreps) {
                reps[nreps++] = it;
            } else {
                if ((st = merge_into(ts->items, reps[k], it))) {
                    ag_fail(err, st, "out of memory");
                    goto cleanup;
                }
                dead[it->pos] = true;
                nmerged++;
            }
        }
    }
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (dead[i])
            ag_triple_destroy(&ts->items[i]);
        else
            ts->items[w++] = ts->items[i];
    }
    ts->len = w;
    if (merged)
        *merged = nmerged;

cleanup:
    for (size_t i = 0; items && i < n; i++)
        free(items[i].charge);
    free(items);
    free(reps);
    free(dead);
    return st;
}

/* ---- contract ---- */

static bool one_of(const char *s, const char *const *set)
{
    for (; *set; set++)
        if (strcmp(s, *set) == 0)
            return true;
    return false;
}

static const char *const actor_types[] = {"state", "igo", "org", "person", "group", "ngo", "", NULL};
static const char *const precisions[] = {"day", "week", "month", "year", "", NULL};

/* True for a non-empty string of white space only (ASCII, no-break and the Unicode spaces). */
static bool only_space(const char *s)
{
    if (!*s)
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' || *p == '\f') {
            p++;
        } else if (p[0] == 0xC2 && p[1] == 0xA0) {
            p += 2; /* U+00A0 */
        } else if (p[0] == 0xE2 && p[1] == 0x80 && ((p[2] >= 0x80 && p[2] <= 0x8B) || p[2] == 0xA8 || p[2] == 0xA9 ||
                                                    p[2] == 0xAF)) {
            p += 3; /* U+2000-U+200B, U+2028, U+2029, U+202F */
        } else if ((p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) || (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) ||
                   (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)) {
            p += 3; /* U+3000, U+205F, U+FEFF */
        } else {
            return false;
        }
    }
    return true;
}

ag_status ag_triple_check(const ag_triple *t, ag_err *err)
{
    static const struct { int col; const char *name; } names[] = {
        {C_SRC_ID, "source.id"}, {C_SRC_NAME, "source.name"}, {C_TGT_ID, "target.id"}, {C_TGT_NAME, "target.name"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (only_space(cstr(t, names[i].col)))
            return ag_fail(err, AG_ERR_INPUT, "%s is only white space", names[i].name);
    if (!cstr(t, C_SRC_ID)[0] && !cstr(t, C_SRC_NAME)[0])
        return ag_fail(err, AG_ERR_INPUT, "source has neither id nor name");
    if (!cstr(t, C_TGT_ID)[0] && !cstr(t, C_TGT_NAME)[0])
        return ag_fail(err, AG_ERR_INPUT, "target has neither id nor name");
    if (!cstr(t, C_ACTION)[0])
        return ag_fail(err, AG_ERR_INPUT, "action is empty");
    if (only_space(cstr(t, C_ACTION)))
        return ag_fail(err, AG_ERR_INPUT, "action is only white space");
    if (!one_of(cstr(t, C_SRC_TYPE), actor_types))
        return ag_fail(err, AG_ERR_INPUT, "source type must be state, igo, org, person, group or empty");
    if (!one_of(cstr(t, C_TGT_TYPE), actor_types))
        return ag_fail(err, AG_ERR_INPUT, "target type must be state, igo, org, person, group or empty");
    const char *d = cstr(t, C_DATE);
    if (d[0] && !ag_date_valid(d))
        return ag_fail(err, AG_ERR_INPUT, "date must be YYYY-MM-DD, YYYY-MM, YYYY or empty");
    const char *pd = cstr(t, C_PUBLISHED);
    if (pd[0] && !ag_date_valid(pd))
        return ag_fail(err, AG_ERR_INPUT, "published must be YYYY-MM-DD, YYYY-MM, YYYY or empty");
    if (!one_of(cstr(t, C_DATE_PRECISION), precisions))
        return ag_fail(err, AG_ERR_INPUT, "date_precision must be day, week, month, year or empty");
    if (t->offset < 0)
        return ag_fail(err, AG_ERR_INPUT, "offset is negative");
    if (t->sentence_index < 0)
        return ag_fail(err, AG_ERR_INPUT, "sentence_index is negative");
    if (t->mentions < 1)
        return ag_fail(err, AG_ERR_INPUT, "mentions must be 1 or more");
    const char *si = cstr(t, C_SENTENCE_INDEXES);
    for (const char *p = si; *p; p++)
        if (!(*p >= '0' && *p <= '9') && !(*p == ' ' && p > si && p[-1] != ' ' && p[1]))
            return ag_fail(err, AG_ERR_INPUT, "sentence_indexes must be whole numbers separated by spaces");
    if (!(t->confidence > 0 && t->confidence <= 1))
        return ag_fail(err, AG_ERR_INPUT, "confidence must be a number in (0, 1]");
    return AG_OK;
}

/* ---- writers ---- */

/* Confidence with up to 3 decimals and no trailing zeros; never "0". */
static void format_confidence(char *buf, size_t n, double c)
{
    snprintf(buf, n, "%.3f", c);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *e = buf + strlen(buf);
        while (e > dot + 1 && e[-1] == '0')
            *--e = '\0';
        if (e == dot + 1)
            *dot = '\0';
    }
    if (strcmp(buf, "0") == 0)
        snprintf(buf, n, "0.001");
}

/* Appends s as a JSON string: cleaned like ag_utf8_clean, with " \ LF CR TAB and
 * U+2028/U+2029 escaped. */
static ag_status json_string(ag_buf *b, const char *s)
{
    char *c = ag_utf8_clean(s, strlen(s), NULL);
    if (!c)
        return AG_ERR_NOMEM;
    ag_status st = ag_buf_putc(b, '"');
    for (const char *p = c; *p && st == AG_OK; p++) {
        switch (*p) {
        case '"': st = ag_buf_puts(b, "\\\""); break;
        case '\\': st = ag_buf_puts(b, "\\\\"); break;
        case '\n': st = ag_buf_puts(b, "\\n"); break;
        case '\r': st = ag_buf_puts(b, "\\r"); break;
        case '\t': st = ag_buf_puts(b, "\\t"); break;
        default:
            if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
                ((unsigned char)p[2] == 0xA8 || (unsigned char)p[2] == 0xA9)) {
                st = ag_buf_puts(b, (unsigned char)p[2] == 0xA8 ? "\\u2028" : "\\u2029");
                p += 2;
            } else {
                st = ag_buf_putc(b, *p);
            }
        }
    }
    if (st == AG_OK)
        st = ag_buf_putc(b, '"');
    free(c);
    return st;
}

static ag_status json_key_str(ag_buf *b, const char *key, const char *val, bool comma)
{
    ag_status st = ag_buf_printf(b, "%s\"%s\":", comma ? "," : "", key);
    return st ? st : json_string(b, val);
}

static ag_status json_actor(ag_buf *b, const char *key, const ag_triple *t, int first_col)
{
    static const char *const keys[] = {"name", "id", "type", "country"};
    ag_status st = ag_buf_printf(b, ",\"%s\":{", key);
    for (int i = 0; i < 4 && st == AG_OK; i++)
        st = json_key_str(b, keys[i], cstr(t, first_col + i), i > 0);
    return st ? st : ag_buf_putc(b, '}');
}

static ag_status json_line(ag_buf *b, const ag_triple *t)
{
    char conf[32];
    format_confidence(conf, sizeof conf, t->confidence);
    ag_status st = ag_buf_putc(b, '{');
    if (!st) st = json_key_str(b, "doc", cstr(t, C_DOC), false);
    if (!st) st = json_key_str(b, "sentence", cstr(t, C_SENTENCE), true);
    if (!st) st = ag_buf_printf(b, ",\"offset\":%ld", t->offset);
    if (!st) st = json_actor(b, "source", t, C_SRC_NAME);
    if (!st) st = json_key_str(b, "action", cstr(t, C_ACTION), true);
    if (!st) st = json_key_str(b, "code", cstr(t, C_CODE), true);
    if (!st) st = json_actor(b, "target", t, C_TGT_NAME);
    if (!st) st = json_key_str(b, "date", cstr(t, C_DATE), true);
    if (!st) st = json_key_str(b, "date_precision", cstr(t, C_DATE_PRECISION), true);
    if (!st) st = ag_buf_printf(b, ",\"negated\":%s", t->negated ? "true" : "false");
    if (!st) st = json_key_str(b, "charge", cstr(t, C_CHARGE), true);
    if (!st) st = json_key_str(b, "topic", cstr(t, C_TOPIC), true);
    if (!st) st = ag_buf_printf(b, ",\"confidence\":%s", conf);
    if (!st) st = json_key_str(b, "rule", cstr(t, C_RULE), true);
    if (!st) st = ag_buf_printf(b, ",\"sentence_index\":%ld", t->sentence_index);
    if (!st) st = json_key_str(b, "url", cstr(t, C_URL), true);
    if (!st) st = json_key_str(b, "title", cstr(t, C_TITLE), true);
    if (!st) st = json_key_str(b, "publisher", cstr(t, C_PUBLISHER), true);
    if (!st) st = json_key_str(b, "published", cstr(t, C_PUBLISHED), true);
    if (!st) st = ag_buf_printf(b, ",\"mentions\":%ld", t->mentions);
    if (!st) st = json_key_str(b, "sentence_indexes", cstr(t, C_SENTENCE_INDEXES), true);
    if (!st) st = json_key_str(b, "sentences", cstr(t, C_SENTENCES), true);
    if (!st) st = ag_buf_puts(b, "}\n");
    return st;
}

static ag_status write_buf(FILE *fp, const ag_buf *b)
{
    if (b->len && fwrite(b->data, 1, b->len, fp) != b->len)
        return AG_ERR_IO;
    return AG_OK;
}

ag_status ag_triple_write_jsonl(FILE *fp, const ag_triple *t)
{
    if (ag_triple_check(t, NULL) != AG_OK)
        return AG_ERR_INPUT;
    ag_buf b;
    ag_buf_init(&b);
    ag_status st = json_line(&b, t);
    if (st == AG_OK)
        st = write_buf(fp, &b);
    ag_buf_destroy(&b);
    return st;
}

/* Appends one CSV field, quoted (as csv_fwrite does) only when it holds , " CR or LF. */
static ag_status csv_field(ag_buf *b, const char *s, bool comma)
{
    ag_status st = comma ? ag_buf_putc(b, ',') : AG_OK;
    if (st)
        return st;
    if (!strpbrk(s, ",\"\r\n"))
        return ag_buf_puts(b, s);
    st = ag_buf_putc(b, '"');
    for (const char *p = s; *p && st == AG_OK; p++)
        st = *p == '"' ? ag_buf_puts(b, "\"\"") : ag_buf_putc(b, *p);
    return st ? st : ag_buf_putc(b, '"');
}

ag_status ag_triple_write_csv_header(FILE *fp)
{
    ag_buf b;
    ag_buf_init(&b);
    ag_status st = AG_OK;
    for (int c = 0; c < NCOLS && st == AG_OK; c++)
        st = csv_field(&b, col_name[c], c > 0);
    if (st == AG_OK)
        st = ag_buf_puts(&b, "\r\n");
    if (st == AG_OK)
        st = write_buf(fp, &b);
    ag_buf_destroy(&b);
    return st;
}

ag_status ag_triple_write_csv(FILE *fp, const ag_triple *t)
{
    if (ag_triple_check(t, NULL) != AG_OK)
        return AG_ERR_INPUT;
    ag_buf b;
    ag_buf_init(&b);
    ag_status st = AG_OK;
    char num[32];
    for (int c = 0; c < NCOLS && st == AG_OK; c++) {
        if (int_slot((ag_triple *)t, c)) {
            snprintf(num, sizeof num, "%ld", *int_slot((ag_triple *)t, c));
            st = csv_field(&b, num, true);
        } else if (c == C_NEGATED) {
            st = csv_field(&b, t->negated ? "true" : "false", true);
        } else if (c == C_CONFIDENCE) {
            format_confidence(num, sizeof num, t->confidence);
            st = csv_field(&b, num, true);
        } else {
            const char *s = cstr(t, c);
            char *clean = ag_utf8_clean(s, strlen(s), NULL);
            st = clean ? csv_field(&b, clean, c > 0) : AG_ERR_NOMEM;
            free(clean);
        }
    }
    if (st == AG_OK)
        st = ag_buf_puts(&b, "\r\n");
    if (st == AG_OK)
        st = write_buf(fp, &b);
    ag_buf_destroy(&b);
    return st;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

ag_triple_format ag_triple_format_for_path(const char *path)
{
    return path && ends_with(path, ".csv") ? AG_TRIPLES_CSV : AG_TRIPLES_JSONL;
}

void ag_triple_writer_init(ag_triple_writer *w, FILE *fp, ag_triple_format format)
{
    w->fp = fp;
    w->format = format;
    w->count = 0;
    w->header_done = false;
}

static ag_status writer_header(ag_triple_writer *w, ag_err *err)
{
    if (w->format != AG_TRIPLES_CSV || w->header_done)
        return AG_OK;
    w->header_done = true;
    if (ag_triple_write_csv_header(w->fp) != AG_OK)
        return ag_fail(err, AG_ERR_IO, "cannot write triples: %s", strerror(errno ? errno : EIO));
    return AG_OK;
}

ag_status ag_triple_writer_put(ag_triple_writer *w, const ag_triple *t, ag_err *err)
{
    ag_status st = ag_triple_check(t, err);
    if (st)
        return st;
    if ((st = writer_header(w, err)))
        return st;
    st = w->format == AG_TRIPLES_CSV ? ag_triple_write_csv(w->fp, t) : ag_triple_write_jsonl(w->fp, t);
    if (st == AG_ERR_IO)
        return ag_fail(err, st, "cannot write triples: %s", strerror(errno ? errno : EIO));
    if (st)
        return ag_fail(err, st, "cannot write triple: %s", st == AG_ERR_NOMEM ? "out of memory" : "invalid");
    w->count++;
    return AG_OK;
}

ag_status ag_triple_writer_finish(ag_triple_writer *w, ag_err *err)
{
    ag_status st = writer_header(w, err);
    if (st)
        return st;
    if (fflush(w->fp) != 0 || ferror(w->fp))
        return ag_fail(err, AG_ERR_IO, "cannot write triples: %s", strerror(errno ? errno : EIO));
    return AG_OK;
}

/* ---- readers ---- */

typedef struct reader {
    const char *name; /* file name for messages */
    FILE *fp;
    ag_triples *ts;
    ag_read_opts *opts;
    ag_err *err;
    long line;        /* number of the line in buf */
    char *buf;        /* getline buffer */
    size_t cap;
    char *data;       /* current line (BOM removed), with its line end */
    size_t len;
    bool pending;     /* data holds a line not yet consumed */
    ag_status fail;   /* why next_line returned -1 */
} reader;

/* Reads the next physical line into r->data/len. Returns 1, 0 at EOF, -1 on error. */
/* The longest line a triples file may have: a triple is a few kilobytes (a sentence is cut at
 * 8 KB by extract), so a longer line is no triple, and reading it whole (/dev/zero) would take all
 * memory. */
#define MAX_TRIPLE_LINE ((size_t)64 << 20)

static int next_line(reader *r)
{
    for (;;) {
        size_t n = 0;
        bool over = false;
        int c = EOF;
        errno = 0;
        size_t dropped = 0;
        while ((c = getc_unlocked(r->fp)) != EOF) {
            /* a line that never ends (/dev/zero): no skipping it either */
            if (over && (!(r->opts && r->opts->skip_bad) || ++dropped > 16 * MAX_TRIPLE_LINE))
                break;
            if (!over) {
                if (n + 2 > r->cap) {
                    size_t cap = r->cap ? r->cap * 2 : 4096;
                    char *b = realloc(r->buf, cap);
                    if (!b) {
                        r->fail = ag_fail(r->err, AG_ERR_NOMEM, "%s:%ld: out of memory reading the line", r->name,
                                          r->line + 1);
                        return -1;
                    }
                    r->buf = b, r->cap = cap;
                }
                r->buf[n++] = (char)c;
                over = n > MAX_TRIPLE_LINE; /* then the rest of the line is read and dropped */
            }
            if (c == '\n')
                break;
        }
        if (ferror(r->fp)) {
            r->fail = ag_fail(r->err, AG_ERR_IO, "cannot read %s: %s", r->name, strerror(errno ? errno : EIO));
            return -1;
        }
        if (over) {
            r->line++;
            if (r->opts && r->opts->skip_bad && dropped <= 16 * MAX_TRIPLE_LINE) {
                r->opts->skipped++;
                if (c == EOF)
                    return 0;
                continue;
            }
            r->fail = ag_fail(r->err, AG_ERR_INPUT, "%s:%ld: a line of over %zu MB: no triple is that long", r->name,
                              r->line, MAX_TRIPLE_LINE >> 20);
            return -1;
        }
        if (c == EOF && n == 0)
            return 0;
        r->buf[n] = '\0';
        r->len = n;
        break;
    }
    r->line++;
    r->data = r->buf;
    if (r->line == 1 && r->len >= 3 && memcmp(r->data, "\xEF\xBB\xBF", 3) == 0) {
        r->data += 3;
        r->len -= 3;
    }
    return 1;
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    return true;
}

/* A bad line: counted when skipping, else the error "FILE:LINE: why". */
static ag_status bad_line(reader *r, long line, const char *why)
{
    if (r->opts && r->opts->skip_bad) {
        r->opts->skipped++;
        return AG_OK;
    }
    return ag_fail(r->err, AG_ERR_INPUT, "%s:%ld: %s", r->name, line, why);
}

/* The longest string a triple holds: a sentence is cut at 8 KB by extract, and the GraphML a
 * longer one would go into reads slowly (see ag_graph.c). */
#define MAX_TRIPLE_FIELD ((size_t)4 << 20)

/* Stores a cleaned copy of s[0..n) in *slot. why gets a message on bad input. */
static ag_status set_string(char **slot, const char *s, size_t n, const char *field, char *why, size_t wn)
{
    if (n > MAX_TRIPLE_FIELD) {
        snprintf(why, wn, "%s of over %zu MB: no accusation field is that long", field, MAX_TRIPLE_FIELD >> 20);
        return AG_ERR_INPUT;
    }
    if (memchr(s, '\0', n)) {
        snprintf(why, wn, "NUL character in %s", field);
        return AG_ERR_INPUT;
    }
    if (!ag_utf8_valid(s, n)) {
        snprintf(why, wn, "invalid UTF-8 in %s", field);
        return AG_ERR_INPUT;
    }
    char *c = ag_utf8_clean(s, n, NULL);
    if (!c)
        return AG_ERR_NOMEM;
    free(*slot);
    *slot = c;
    return AG_OK;
}

/* Copies at most 40 bytes of s, cleaned, for use in a message. */
static void quote_for_msg(char *dst, size_t dn, const char *s, size_t n)
{
    char *c = ag_utf8_clean(s, n > 40 ? 40 : n, NULL);
    snprintf(dst, dn, "%s%s", c ? c : "?", n > 40 ? "..." : "");
    free(c);
}

/* JSON value of an actor object into t (first_col = C_SRC_NAME or C_TGT_NAME). */
static ag_status json_actor_in(const cJSON *obj, const char *side, ag_triple *t, int first_col,
                               char *why, size_t wn)
{
    static const char *const keys[] = {"name", "id", "type", "country"};
    if (!cJSON_IsObject(obj)) {
        snprintf(why, wn, "%s must be an object", side);
        return AG_ERR_INPUT;
    }
    bool seen[4] = {false};
    const cJSON *it;
    cJSON_ArrayForEach(it, obj) {
        int k = 0;
        while (k < 4 && strcmp(it->string, keys[k]) != 0)
            k++;
        if (k == 4) {
            char q[64];
            quote_for_msg(q, sizeof q, it->string, strlen(it->string));
            snprintf(why, wn, "unknown key '%s' in %s", q, side);
            return AG_ERR_INPUT;
        }
        char field[32];
        snprintf(field, sizeof field, "%s.%s", side, keys[k]);
        if (seen[k]) {
            snprintf(why, wn, "duplicate key %s", field);
            return AG_ERR_INPUT;
        }
        seen[k] = true;
        if (!cJSON_IsString(it)) {
            snprintf(why, wn, "%s must be a string", field);
            return AG_ERR_INPUT;
        }
        ag_status st = set_string(str_slot(t, first_col + k), it->valuestring,
                                  strlen(it->valuestring), field, why, wn);
        if (st)
            return st;
    }
    return AG_OK;
}

/* Fills t from one parsed JSON object. */
static ag_status json_fill(const cJSON *root, ag_triple *t, char *why, size_t wn)
{
    static const struct { const char *key; int col; } top[] = {
        {"doc", C_DOC}, {"sentence", C_SENTENCE}, {"offset", C_OFFSET}, {"source", -1},
        {"action", C_ACTION}, {"code", C_CODE}, {"target", -2}, {"date", C_DATE},
        {"date_precision", C_DATE_PRECISION}, {"negated", C_NEGATED}, {"charge", C_CHARGE},
        {"topic", C_TOPIC}, {"confidence", C_CONFIDENCE}, {"rule", C_RULE},
        {"sentence_index", C_SENTENCE_INDEX}, {"url", C_URL}, {"title", C_TITLE}, {"publisher", C_PUBLISHER},
        {"published", C_PUBLISHED}, {"mentions", C_MENTIONS}, {"sentence_indexes", C_SENTENCE_INDEXES},
        {"sentences", C_SENTENCES},
    };
    enum { NTOP = sizeof top / sizeof top[0] };
    bool seen[NTOP] = {false};
    if (!cJSON_IsObject(root)) {
        snprintf(why, wn, "expected a JSON object");
        return AG_ERR_INPUT;
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, root) {
        size_t k = 0;
        while (k < NTOP && strcmp(it->string, top[k].key) != 0)
            k++;
        if (k == NTOP) {
            char q[64];
            quote_for_msg(q, sizeof q, it->string, strlen(it->string));
            snprintf(why, wn, "unknown key '%s'", q);
            return AG_ERR_INPUT;
        }
        if (seen[k]) {
            snprintf(why, wn, "duplicate key %s", top[k].key);
            return AG_ERR_INPUT;
        }
        seen[k] = true;
        int col = top[k].col;
        ag_status st = AG_OK;
        if (col == -1 || col == -2) {
            st = json_actor_in(it, top[k].key, t, col == -1 ? C_SRC_NAME : C_TGT_NAME, why, wn);
        } else if (int_slot(t, col)) {
            double v = it->valuedouble;
            if (!cJSON_IsNumber(it) || v < int_min(col) || v > 9007199254740992.0 || v != floor(v)) {
                snprintf(why, wn, "%s must be %s", top[k].key,
                         int_min(col) ? "a whole number >= 1" : "a non-negative integer");
                return AG_ERR_INPUT;
            }
            *int_slot(t, col) = (long)v;
        } else if (col == C_NEGATED) {
            if (!cJSON_IsBool(it)) {
                snprintf(why, wn, "negated must be true or false");
                return AG_ERR_INPUT;
            }
            t->negated = cJSON_IsTrue(it);
        } else if (col == C_CONFIDENCE) {
            if (!cJSON_IsNumber(it)) {
                snprintf(why, wn, "confidence must be a number in (0, 1]");
                return AG_ERR_INPUT;
            }
            t->confidence = it->valuedouble;
        } else {
            if (!cJSON_IsString(it)) {
                snprintf(why, wn, "%s must be a string", top[k].key);
                return AG_ERR_INPUT;
            }
            st = set_string(str_slot(t, col), it->valuestring, strlen(it->valuestring),
                            top[k].key, why, wn);
        }
        if (st)
            return st;
    }
    static const char *const required[] = {"source", "action", "target"};
    for (size_t i = 0; i < 3; i++) {
        size_t k = 0;
        while (strcmp(top[k].key, required[i]) != 0)
            k++;
        if (!seen[k]) {
            snprintf(why, wn, "missing key %s", required[i]);
            return AG_ERR_INPUT;
        }
    }
    return AG_OK;
}

/* Validates a filled triple; why gets the reason. */
static ag_status check_filled(const ag_triple *t, char *why, size_t wn)
{
    ag_err e;
    if (ag_triple_check(t, &e) == AG_OK)
        return AG_OK;
    snprintf(why, wn, "%.200s", e.msg);
    return AG_ERR_INPUT;
}

/* True when s holds the JSON escape \u0000, which cJSON would silently cut the string at. */
static bool escaped_nul(const char *s, size_t n)
{
    for (const char *p = s; (p = memchr(p, '\\', (size_t)(s + n - p))) != NULL;) {
        if (p + 1 < s + n && p[1] == '\\') {
            p += 2;
            continue;
        }
        if ((size_t)(s + n - p) >= 6 && memcmp(p, "\\u0000", 6) == 0)
            return true;
        p++;
    }
    return false;
}

/* Parses and stores one JSON line (line end stripped). */
static ag_status jsonl_one(reader *r, const char *s, size_t n)
{
    char why[256] = "";
    ag_triple t;
    if (ag_triple_init(&t) != AG_OK)
        return ag_fail(r->err, AG_ERR_NOMEM, "out of memory");
    ag_status st = AG_OK;
    cJSON *root = NULL;
    if (memchr(s, '\0', n) || escaped_nul(s, n)) {
        snprintf(why, sizeof why, "NUL character in line");
        st = AG_ERR_INPUT;
    } else {
        const char *end = NULL;
        root = cJSON_ParseWithLengthOpts(s, n, &end, 0);
        if (!root) {
            size_t col = end && end >= s && end <= s + n ? (size_t)(end - s) + 1 : 1;
            snprintf(why, sizeof why, "not valid JSON (column %zu)", col);
            st = AG_ERR_INPUT;
        } else if (end && !blank(end, n - (size_t)(end - s))) {
            snprintf(why, sizeof why, "text after the JSON object (column %zu)", (size_t)(end - s) + 1);
            st = AG_ERR_INPUT;
        } else {
            st = json_fill(root, &t, why, sizeof why);
            if (st == AG_OK)
                st = check_filled(&t, why, sizeof why);
        }
    }
    cJSON_Delete(root);
    if (st == AG_OK) {
        if (ag_triples_push(r->ts, &t) != AG_OK) {
            ag_triple_destroy(&t);
            return ag_fail(r->err, AG_ERR_NOMEM, "out of memory");
        }
        return AG_OK;
    }
    ag_triple_destroy(&t);
    if (st == AG_ERR_NOMEM)
        return ag_fail(r->err, st, "out of memory");
    return bad_line(r, r->line, why);
}

static ag_status read_jsonl(reader *r)
{
    int got = 0;
    while (r->pending || (got = next_line(r)) > 0) {
        r->pending = false;
        size_t n = r->len;
        while (n && (r->data[n - 1] == '\n' || r->data[n - 1] == '\r'))
            n--;
        if (blank(r->data, n))
            continue;
        ag_status st = jsonl_one(r, r->data, n);
        if (st)
            return st;
    }
    return got < 0 ? r->fail : AG_OK;
}

/* CSV reading state: libcsv calls field_cb/row_cb while we feed it one line at a time. */
typedef struct csv_state {
    reader *r;
    ag_buf *fields;       /* fields of the record being assembled */
    size_t nf, capf;
    int colmap[MAX_CSV_COLS]; /* column of the file -> enum col, or -1 for a derived column */
    bool edge_table;      /* the header is that of an edges CSV (Source, Target, ...) */
    size_t ncols;         /* 0 until the header is read */
    long rec_line;        /* line where the current record began */
    bool in_record;
    bool row_done;        /* a row ended during the current line */
    ag_status st;         /* first fatal status */
} csv_state;

static void field_cb(void *s, size_t n, void *data)
{
    csv_state *c = data;
    if (c->st)
        return;
    if (c->nf == c->capf) {
        size_t cap = c->capf ? c->capf * 2 : 32;
        ag_buf *p = realloc(c->fields, cap * sizeof *p);
        if (!p) {
            c->st = ag_fail(c->r->err, AG_ERR_NOMEM, "out of memory");
            return;
        }
        for (size_t i = c->capf; i < cap; i++)
            ag_buf_init(&p[i]);
        c->fields = p;
        c->capf = cap;
    }
    ag_buf *f = &c->fields[c->nf++];
    ag_buf_clear(f);
    if (ag_buf_append(f, s ? s : "", s ? n : 0) != AG_OK)
        c->st = ag_fail(c->r->err, AG_ERR_NOMEM, "out of memory");
}

/* The columns of an edges CSV (export --format csv, run's accusations.edges.csv) that are not
 * triple columns: Gephi's ids stand for the actor ids and cameo_code for the code; the others
 * are derived from the rest and ignored (-1). */
static const struct { const char *name; int col; } edge_cols[] = {
    {"Source", C_SRC_ID}, {"Target", C_TGT_ID}, {"cameo_code", C_CODE}, {"Type", -1}, {"Kind", -1}, {"Id", -1},
    {"Label", -1}, {"Weight", -1}, {"timeset", -1}, {"cameo_root", -1}, {"quad_class", -1}, {"year", -1},
    {"month", -1}, {"id", -1}};
enum { NEDGE_COLS = sizeof edge_cols / sizeof edge_cols[0] };

static bool named(const ag_buf *f, const char *name)
{
    return strlen(name) == f->len && memcmp(name, f->data, f->len) == 0;
}

static ag_status csv_header(csv_state *c)
{
    bool seen[NCOLS] = {false}, seen_edge[NEDGE_COLS] = {false};
    ag_buf ignored; /* an edges CSV's columns of its own (added in a spreadsheet) */
    ag_buf_init(&ignored);
    if (c->nf > MAX_CSV_COLS)
        return ag_fail(c->r->err, AG_ERR_INPUT, "%s:%ld: %zu columns in the header, at most %d known",
                       c->r->name, c->rec_line, c->nf, MAX_CSV_COLS);
    for (size_t i = 0; i < c->nf; i++) {
        const ag_buf *f = &c->fields[i];
        c->edge_table = c->edge_table || named(f, "Source");
    }
    for (size_t i = 0; i < c->nf; i++) {
        const ag_buf *f = &c->fields[i];
        int k = 0;
        while (k < NCOLS && !named(f, col_name[k]))
            k++;
        char q[64];
        quote_for_msg(q, sizeof q, f->data, f->len);
        int e = 0;
        while (k == NCOLS && c->edge_table && e < NEDGE_COLS && !named(f, edge_cols[e].name))
            e++;
        if (k == NCOLS && c->edge_table && e < NEDGE_COLS) {
            if (seen_edge[e]) {
                ag_buf_destroy(&ignored);
                return ag_fail(c->r->err, AG_ERR_INPUT, "%s:%ld: duplicate column '%s' in the header",
                               c->r->name, c->rec_line, q);
            }
            seen_edge[e] = true;
            if ((k = edge_cols[e].col) < 0) {
                c->colmap[i] = -1;
                continue;
            }
        }
        if (k == NCOLS && c->edge_table) {
            c->colmap[i] = -1;
            if (ag_buf_printf(&ignored, "%s'%s'", ignored.len ? ", " : "", q) != AG_OK) {
                ag_buf_destroy(&ignored);
                return ag_fail(c->r->err, AG_ERR_NOMEM, "out of memory");
            }
            continue;
        }
        if (k == NCOLS)
            return ag_fail(c->r->err, AG_ERR_INPUT, "%s:%ld: unknown column '%s' in the header",
                           c->r->name, c->rec_line, q);
        if (seen[k]) {
            ag_buf_destroy(&ignored);
            return ag_fail(c->r->err, AG_ERR_INPUT, "%s:%ld: duplicate column '%s' in the header",
                           c->r->name, c->rec_line, q);
        }
        seen[k] = true;
        c->colmap[i] = k;
    }
    if (ignored.len)
        fprintf(stderr, "accusegraph: warning: %s: columns of no accusation field ignored: %s\n", c->r->name,
                ignored.data);
    ag_buf_destroy(&ignored);
    if (!seen[C_ACTION] || !(seen[C_SRC_NAME] || seen[C_SRC_ID]) || !(seen[C_TGT_NAME] || seen[C_TGT_ID]))
        return ag_fail(c->r->err, AG_ERR_INPUT,
                       "%s:%ld: the header needs action and source_name or source_id and "
                       "target_name or target_id",
                       c->r->name, c->rec_line);
    c->ncols = c->nf;
    return AG_OK;
}

/* Fills t from the fields of one CSV record. */
static ag_status csv_fill(csv_state *c, ag_triple *t, char *why, size_t wn)
{
    if (c->nf != c->ncols) {
        snprintf(why, wn, "%zu fields, the header has %zu", c->nf, c->ncols);
        return AG_ERR_INPUT;
    }
    for (size_t i = 0; i < c->nf; i++) {
        int k = c->colmap[i];
        const char *s = c->fields[i].data ? c->fields[i].data : "";
        size_t n = c->fields[i].len;
        char *end;
        if (k < 0)
            continue;
        /* an edges CSV guards a text a spreadsheet would run as a formula with a ', and a text
         * that begins with ' and such a character with one more: one is taken off */
        if (c->edge_table && str_slot(t, k) && n >= 2 && s[0] == '\'' &&
            (strchr("=+-@\t\r", s[1]) || (n >= 3 && s[1] == '\'' && strchr("=+-@\t\r", s[2]))))
            s++, n--;
        if (int_slot(t, k)) {
            errno = 0;
            long v = n ? strtol(s, &end, 10) : *int_slot(t, k);
            if (n && (s[0] < '0' || s[0] > '9' || end != s + n || errno || v < int_min(k))) {
                snprintf(why, wn, "%s must be %s", col_name[k],
                         int_min(k) ? "a whole number >= 1" : "a non-negative integer");
                return AG_ERR_INPUT;
            }
            *int_slot(t, k) = v;
        } else if (k == C_NEGATED) {
            if (n == 0 || strcmp(s, "false") == 0 || strcmp(s, "FALSE") == 0 || strcmp(s, "0") == 0)
                t->negated = false;
            else if (strcmp(s, "true") == 0 || strcmp(s, "TRUE") == 0 || strcmp(s, "1") == 0)
                t->negated = true;
            else {
                snprintf(why, wn, "negated must be true or false");
                return AG_ERR_INPUT;
            }
        } else if (k == C_CONFIDENCE) {
            double v = 1.0;
            if (n) {
                v = strtod(s, &end);
                if (end != s + n || (s[0] != '.' && (s[0] < '0' || s[0] > '9'))) {
                    snprintf(why, wn, "confidence must be a number in (0, 1]");
                    return AG_ERR_INPUT;
                }
            }
            t->confidence = v;
        } else {
            ag_status st = set_string(str_slot(t, k), s, n, col_name[k], why, wn);
            if (st)
                return st;
        }
    }
    return check_filled(t, why, wn);
}

static void row_cb(int term, void *data)
{
    (void)term;
    csv_state *c = data;
    c->row_done = true;
    c->in_record = false;
    if (c->st)
        return;
    if (!c->ncols) {
        c->st = csv_header(c);
        c->nf = 0;
        return;
    }
    char why[256] = "";
    ag_triple t;
    if (ag_triple_init(&t) != AG_OK) {
        c->st = ag_fail(c->r->err, AG_ERR_NOMEM, "out of memory");
        return;
    }
    ag_status st = csv_fill(c, &t, why, sizeof why);
    c->nf = 0;
    if (st == AG_OK) {
        if (ag_triples_push(c->r->ts, &t) != AG_OK) {
            ag_triple_destroy(&t);
            c->st = ag_fail(c->r->err, AG_ERR_NOMEM, "out of memory");
        }
        return;
    }
    ag_triple_destroy(&t);
    c->st = st == AG_ERR_NOMEM ? ag_fail(c->r->err, st, "out of memory") : bad_line(c->r, c->rec_line, why);
}

static int no_space(unsigned char ch)
{
    (void)ch;
    return 0;
}

static ag_status csv_start(struct csv_parser *p, reader *r)
{
    if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return ag_fail(r->err, AG_ERR_NOMEM, "out of memory");
    csv_set_space_func(p, no_space);
    return AG_OK;
}

static ag_status read_csv(reader *r)
{
    struct csv_parser p;
    csv_state c;
    memset(&c, 0, sizeof c);
    c.r = r;
    ag_status st = csv_start(&p, r);
    if (st)
        return st;
    int got = 0;
    char why[128];
    while (r->pending || (got = next_line(r)) > 0) {
        r->pending = false;
        if (!c.in_record)
            c.rec_line = r->line;
        c.row_done = false;
        size_t used = csv_parse(&p, r->data, r->len, field_cb, row_cb, &c);
        if (c.st) {
            st = c.st;
            goto cleanup;
        }
        if (used < r->len) {
            snprintf(why, sizeof why, "malformed CSV: %s", csv_strerror(csv_error(&p)));
            if (!c.ncols || (st = bad_line(r, r->line, why)))
                goto header_bad;
            /* Skipped: restart the parser at the next line. */
            csv_free(&p);
            if ((st = csv_start(&p, r)))
                return st;
            c.nf = 0;
            c.in_record = false;
            continue;
        }
        if (!c.row_done && !blank(r->data, r->len))
            c.in_record = true;
    }
    if (got < 0) {
        st = r->fail;
        goto cleanup;
    }
    size_t before = r->ts->len;
    if (csv_fini(&p, field_cb, row_cb, &c) != 0) {
        /* libcsv flushes the partial record even on error: drop it. */
        while (r->ts->len > before)
            ag_triple_destroy(&r->ts->items[--r->ts->len]);
        c.st = AG_OK;
        if (!c.ncols)
            st = ag_fail(r->err, AG_ERR_INPUT, "%s:%ld: malformed CSV: unterminated quoted field",
                         r->name, c.rec_line);
        else
            st = bad_line(r, c.rec_line, "malformed CSV: unterminated quoted field");
    }
    if (!st)
        st = c.st;
    goto cleanup;
header_bad:
    if (!st)
        st = ag_fail(r->err, AG_ERR_INPUT, "%s:%ld: %s", r->name, r->line, why);
cleanup:
    csv_free(&p);
    for (size_t i = 0; i < c.capf; i++)
        ag_buf_destroy(&c.fields[i]);
    free(c.fields);
    return st;
}

/* The accusations sheet of a workbook (export --format xlsx, run's accusations.xlsx, as edited
 * in a spreadsheet), row by row through the CSV reader's callbacks as an edge table: its id,
 * source_id and target_id, the event columns and negated, in any order, extra columns ignored. */
static ag_status read_xlsx(reader *r, const char *path)
{
    csv_state c;
    memset(&c, 0, sizeof c);
    c.r = r;
    c.edge_table = true;
    /* a row is a record: messages name the sheet's row number where a CSV's name the line */
    ag_xlsx_sink sink = {field_cb, row_cb, &c, &c.rec_line, &c.st};
    ag_status st = ag_xlsx_read_rows(path, "accusations", &sink, r->err);
    if (st == AG_OK && !c.ncols)
        st = ag_fail(r->err, AG_ERR_INPUT, "%s: the accusations sheet is empty", r->name);
    for (size_t k = 0; k < c.capf; k++)
        ag_buf_destroy(&c.fields[k]);
    free(c.fields);
    return st;
}

ag_status ag_triples_read(const char *path, ag_triples *ts, ag_read_opts *opts, ag_err *err)
{
    bool is_stdin = strcmp(path, "-") == 0;
    reader r;
    memset(&r, 0, sizeof r);
    r.name = is_stdin ? "<stdin>" : path;
    r.ts = ts;
    r.opts = opts;
    r.err = err;
    r.fp = is_stdin ? stdin : fopen(path, "rb");
    if (!r.fp)
        return ag_fail(err, AG_ERR_IO, "cannot open %s: %s", path, strerror(errno));
    /* a workbook: by its name, or by the zip signature of a file named otherwise */
    char sig[4] = {0};
    if (!is_stdin && (ends_with(path, ".xlsx") || (fread(sig, 1, 4, r.fp) == 4 && memcmp(sig, "PK\3\4", 4) == 0))) {
        fclose(r.fp);
        r.fp = NULL;
        return read_xlsx(&r, path);
    }
    if (!is_stdin)
        rewind(r.fp);

    ag_status st = AG_OK;
    int format = -1;
    if (!is_stdin && ends_with(path, ".csv"))
        format = AG_TRIPLES_CSV;
    else if (!is_stdin && (ends_with(path, ".jsonl") || ends_with(path, ".ndjson") || ends_with(path, ".json")))
        format = AG_TRIPLES_JSONL;
    else {
        /* Sniff: the first non-blank line decides; it is kept for the reader. */
        int got;
        while ((got = next_line(&r)) > 0 && blank(r.data, r.len))
            ;
        if (got < 0)
            st = r.fail;
        else if (got > 0) {
            r.pending = true;
            size_t i = 0;
            while (r.data[i] == ' ' || r.data[i] == '\t')
                i++;
            format = r.data[i] == '{' ? AG_TRIPLES_JSONL : AG_TRIPLES_CSV;
        }
    }
    if (st == AG_OK && format == AG_TRIPLES_CSV)
        st = read_csv(&r);
    else if (st == AG_OK && format == AG_TRIPLES_JSONL)
        st = read_jsonl(&r);
    free(r.buf);
    if (!is_stdin)
        fclose(r.fp);
    return st;
}
