/* ag_date.c - dates: the document's date from its text, and an accusation's date from its sentence.
 *
 * Everything here is byte-level ASCII matching over (pointer, length) text: no allocation, no
 * locale. Non-ASCII bytes are word boundaries, except that no-break and thin spaces count as
 * spaces and en/em dashes as dashes.
 *
 * Date expressions recognised (month and weekday names ASCII case-insensitive, on word
 * boundaries; "May", "March", "August", every abbreviation and every weekday name must start
 * with a capital letter, so "Russia may retaliate" and "they march" are not dates):
 *   explicit  "October 4, 2018", "Oct. 4 2018", "October 4th, 2018", "4 October 2018",
 *             "4th of October, 2018", "2018-10-04", "2018/10/04", "04.10.2018" (dotted: always
 *             day.month.year), "10/4/2018" (slashed: month/day/year, the English-language
 *             convention, unless the first number is above 12: "25/12/2018" is day/month/year),
 *             "October 2020" / "October of 2020" (month), "in 2016", "in early 2016" (year),
 *             "October 3-4" (the first day of a range)
 *   partial   "April 13", "13 April" (the document's year; the previous year when that would
 *             put the day more than two days after the document date), "in October", "in
 *             mid-October" (the most recent such month up to the document's month), "last
 *             October" (the most recent such month before the document's month)
 *   relative  "Tuesday", "on Tuesday night" (the most recent Tuesday on or before the document
 *             date), "last Tuesday" (strictly before), "Tuesday, October 4" (the explicit date),
 *             "yesterday", "last night" (one day before), "today", "tonight", "this morning",
 *             "earlier/later in the day" (the document date), "last week" (7 days before,
 *             precision week), "this week", "last weekend" (the Saturday of the last full
 *             weekend, precision week), "last month", "this month", "last year", "this year",
 *             "N days/weeks/months/years ago" (N a numeral, "a" or one..twelve).
 */
#include "ag_date.h"

#include <string.h>

typedef unsigned char uc;

enum kind {
    K_DAY,        /* y-m-d */
    K_MONTH,      /* y-m */
    K_YEAR,       /* y */
    K_MD,         /* m-d, year from the document */
    K_BAREMONTH,  /* m, the most recent up to the document's month */
    K_LASTMONTH,  /* m, the most recent before the document's month */
    K_WEEKDAY,    /* m = weekday 0..6, on or before the document date */
    K_WEEKDAY_LT, /* m = weekday, strictly before */
    K_DAYS,       /* d = offset in days, precision day */
    K_WEEKS,      /* d = offset in weeks, precision week */
    K_MONTHS,     /* d = offset in months */
    K_YEARS,      /* d = offset in years */
    K_TODAY,      /* the document date at its own precision */
    K_WEEKEND     /* the last full weekend before the document date */
};

typedef struct dexp {
    size_t a, b; /* the expression is s[a..b) */
    enum kind k;
    int y, m, d;
} dexp;

typedef struct docd {
    int lvl; /* 0 unknown, 1 year, 2 month, 3 day */
    int y, m, d;
} docd;

/* ---- characters and words ---- */

static bool is_alpha(uc c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static bool is_digit(uc c) { return c >= '0' && c <= '9'; }
static bool is_alnum(uc c) { return is_alpha(c) || is_digit(c); }
static bool is_upper(uc c) { return c >= 'A' && c <= 'Z'; }
static char to_lower(uc c) { return (char)(is_upper(c) ? c + 32 : c); }

/* Length of the run of ASCII letters at s[i]. */
static size_t word_len(const char *s, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && is_alpha((uc)s[j]))
        j++;
    return j - i;
}

/* True when s[0..len) equals the lower-case word w, ignoring ASCII case. */
static bool word_is(const char *s, size_t len, const char *w)
{
    for (size_t k = 0; k < len; k++)
        if (!w[k] || to_lower((uc)s[k]) != w[k])
            return false;
    return w[len] == '\0';
}

/* Index of s[0..len) in the NULL-terminated list of lower-case words, or -1. */
static int word_in(const char *s, size_t len, const char *const *list)
{
    for (int k = 0; list[k]; k++)
        if (word_is(s, len, list[k]))
            return k;
    return -1;
}

/* Skips blanks, line breaks, U+00A0 and U+2009/U+200A/U+202F. */
static size_t skip_sp(const char *s, size_t n, size_t i)
{
    for (;;) {
        if (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
            i++;
        else if (i + 1 < n && (uc)s[i] == 0xC2 && (uc)s[i + 1] == 0xA0)
            i += 2;
        else if (i + 2 < n && (uc)s[i] == 0xE2 && (uc)s[i + 1] == 0x80 &&
                 ((uc)s[i + 2] == 0x89 || (uc)s[i + 2] == 0x8A || (uc)s[i + 2] == 0xAF))
            i += 3;
        else
            return i;
    }
}

/* Byte length of a dash at s[i] ('-', U+2010, U+2011, U+2013, U+2014), or 0. */
static size_t dash_at(const char *s, size_t n, size_t i)
{
    if (i < n && s[i] == '-')
        return 1;
    if (i + 2 < n && (uc)s[i] == 0xE2 && (uc)s[i + 1] == 0x80 &&
        ((uc)s[i + 2] == 0x90 || (uc)s[i + 2] == 0x91 || (uc)s[i + 2] == 0x93 || (uc)s[i + 2] == 0x94))
        return 3;
    return 0;
}

/* Number of digits at s[i] (counted to the end of the run) and their value (saturating). */
static size_t digits_at(const char *s, size_t n, size_t i, int *val)
{
    size_t j = i;
    int v = 0;
    while (j < n && is_digit((uc)s[j])) {
        if (v < 100000)
            v = v * 10 + (s[j] - '0');
        j++;
    }
    *val = v;
    return j - i;
}

/* The word just before position i (skipping spaces): start and length, length 0 if none. */
static size_t prev_word(const char *s, size_t i, size_t *start)
{
    size_t j = i;
    while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t'))
        j--;
    size_t e = j;
    while (j > 0 && is_alpha((uc)s[j - 1]))
        j--;
    *start = j;
    return e - j;
}

/* The word after s[..i) separated by at least one space: start and length (0 if none). */
static size_t next_word(const char *s, size_t n, size_t i, size_t *start)
{
    size_t j = skip_sp(s, n, i);
    *start = j;
    if (j == i)
        return 0;
    return word_len(s, n, j);
}

/* ---- calendar ---- */

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* Days in month m of year y; y == 0 means "unknown year" (February has 29). */
static int month_days(int y, int m)
{
    static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && (y == 0 || leap(y)))
        return 29;
    return md[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* 0 = Monday ... 6 = Sunday; 1970-01-01 was a Thursday. */
static int weekday_of(long z) { return (int)(((z % 7) + 7 + 3) % 7); }

static void put2(char *p, int v)
{
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
}

/* Writes "YYYY", "YYYY-MM" or "YYYY-MM-DD" (lvl 1..3) into out[11]; "" if y is out of range. */
static void fmt_date(char out[11], long y, int m, int d, int lvl)
{
    out[0] = '\0';
    if (y < 0 || y > 9999 || lvl < 1)
        return;
    put2(out, (int)(y / 100));
    put2(out + 2, (int)(y % 100));
    out[4] = '\0';
    if (lvl >= 2) {
        out[4] = '-';
        put2(out + 5, m);
        out[7] = '\0';
    }
    if (lvl >= 3) {
        out[7] = '-';
        put2(out + 8, d);
        out[10] = '\0';
    }
}

static const char *precision_of(int lvl)
{
    static const char *const p[] = {"", "year", "month", "day"};
    return p[lvl < 0 || lvl > 3 ? 0 : lvl];
}

static void parse_doc(const char *doc, docd *dd)
{
    memset(dd, 0, sizeof *dd);
    if (!doc || !ag_date_valid(doc))
        return;
    size_t len = strlen(doc);
    dd->y = (doc[0] - '0') * 1000 + (doc[1] - '0') * 100 + (doc[2] - '0') * 10 + (doc[3] - '0');
    dd->lvl = 1;
    if (len >= 7) {
        dd->m = (doc[5] - '0') * 10 + (doc[6] - '0');
        dd->lvl = 2;
    }
    if (len == 10) {
        dd->d = (doc[8] - '0') * 10 + (doc[9] - '0');
        dd->lvl = 3;
    }
}

/* ---- pieces of date expressions ---- */

static const char *const month_names[] = {"january", "february", "march",     "april",   "may",      "june",
                                          "july",    "august",   "september", "october", "november", "december",
                                          NULL};
static const char *const month_abbrs[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul",
                                          "aug", "sep", "oct", "nov", "dec", "sept", NULL};
static const char *const weekday_names[] = {"monday", "tuesday",  "wednesday", "thursday",
                                            "friday", "saturday", "sunday",    NULL};

/* Month 1..12 named by the word at s[i] (full name, or abbreviation with an optional '.'),
 * with *end after it; 0 if none. Ambiguous names need a capital letter; "Theresa May" is not
 * a month. */
static int month_at(const char *s, size_t n, size_t i, size_t *end)
{
    size_t len = word_len(s, n, i);
    if (len < 3 || len > 9)
        return 0;
    int m = word_in(s + i, len, month_names) + 1;
    bool abbr = false;
    if (m == 0) {
        int a = word_in(s + i, len, month_abbrs);
        if (a < 0)
            return 0;
        m = a == 12 ? 9 : a + 1;
        abbr = true;
    }
    if ((abbr || m == 3 || m == 5 || m == 8) && !is_upper((uc)s[i]))
        return 0;
    if (m == 5) {
        size_t ps, pl = prev_word(s, i, &ps);
        if (word_is(s + ps, pl, "theresa"))
            return 0;
    }
    *end = i + len;
    if (abbr && *end < n && s[*end] == '.')
        (*end)++;
    return m;
}

/* A four-digit year 1900..2099 at s[i] that is not part of a longer number. */
static bool year_at(const char *s, size_t n, size_t i, int *y, size_t *end)
{
    int v;
    if (digits_at(s, n, i, &v) != 4 || v < 1900 || v > 2099)
        return false;
    size_t k = i + 4;
    if (k < n && is_alpha((uc)s[k]))
        return false;
    if (k + 1 < n && (s[k] == ',' || s[k] == '.' || s[k] == '/' || s[k] == '-') && is_digit((uc)s[k + 1]))
        return false;
    *y = v;
    *end = k;
    return true;
}

/* An ordinal suffix ("st", "nd", "rd", "th") at s[k] ending a word: its end, else k. */
static size_t skip_ordinal(const char *s, size_t n, size_t k)
{
    if (k + 1 < n && word_len(s, n, k) == 2 &&
        (word_is(s + k, 2, "st") || word_is(s + k, 2, "nd") || word_is(s + k, 2, "rd") || word_is(s + k, 2, "th")))
        return k + 2;
    return k;
}

/* A day of the month 1..31 at s[i], with an optional ordinal suffix and an optional range
 * ("3-4", "3rd–4th": the first day counts), not part of a larger number. */
static bool day_at(const char *s, size_t n, size_t i, int *d, size_t *end)
{
    int v, v2;
    size_t c = digits_at(s, n, i, &v);
    if (c < 1 || c > 2 || v < 1 || v > 31)
        return false;
    size_t k = skip_ordinal(s, n, i + c);
    size_t dl = dash_at(s, n, k);
    if (dl) {
        size_t c2 = digits_at(s, n, k + dl, &v2);
        if (c2 >= 1 && c2 <= 2 && v2 > v && v2 <= 31)
            k = skip_ordinal(s, n, k + dl + c2);
    }
    if (k < n && is_alnum((uc)s[k]))
        return false;
    if (k + 1 < n && (s[k] == ',' || s[k] == '.' || s[k] == ':' || s[k] == '/') && is_digit((uc)s[k + 1]))
        return false;
    *d = v;
    *end = k;
    return true;
}

/* After a day at s[..k): an optional comma and, after a space, a year. */
static bool trailing_year(const char *s, size_t n, size_t k, int *y, size_t *end)
{
    size_t q = k;
    if (q < n && s[q] == ',')
        q++;
    size_t r = skip_sp(s, n, q);
    return r > k && year_at(s, n, r, y, end);
}

static bool day_fits(int y, int m, int d) { return d >= 1 && d <= month_days(y, m); }

/* The expression starting at s[i] whose day-of-month d of month m ends at k: with a year
 * after it a full date, else a month-day (K_MD) whose year comes from the document. */
static bool day_and_year(const char *s, size_t n, size_t i, size_t k, int m, int d, dexp *e)
{
    int y;
    size_t ye;
    if (trailing_year(s, n, k, &y, &ye)) {
        if (!day_fits(y, m, d))
            return false;
        *e = (dexp){i, ye, K_DAY, y, m, d};
    } else {
        if (!day_fits(0, m, d))
            return false;
        *e = (dexp){i, k, K_MD, 0, m, d};
    }
    return true;
}

/* "October 4, 2018", "Oct. 4 2018", "October 3-4", "October 2020", "October of 2020" at s[i]. */
static bool month_first(const char *s, size_t n, size_t i, dexp *e)
{
    size_t end, k, ye, ws;
    int d, y;
    int m = month_at(s, n, i, &end);
    if (!m)
        return false;
    size_t j = skip_sp(s, n, end);
    if (j == end && s[end - 1] != '.')
        return false;
    if (day_at(s, n, j, &d, &k))
        return day_and_year(s, n, i, k, m, d, e);
    if (next_word(s, n, end, &ws) == 2 && word_is(s + ws, 2, "of")) {
        j = skip_sp(s, n, ws + 2);
        if (j == ws + 2)
            return false;
    }
    if (year_at(s, n, j, &y, &ye)) {
        *e = (dexp){i, ye, K_MONTH, y, m, 0};
        return true;
    }
    return false;
}

/* "4 October 2018", "4th of October, 2018", "13 April", "3-4 October" at s[i]. */
static bool day_first(const char *s, size_t n, size_t i, dexp *e)
{
    size_t k, end, ws;
    int d;
    if (!day_at(s, n, i, &d, &k))
        return false;
    size_t j = skip_sp(s, n, k);
    if (j == k)
        return false;
    if (next_word(s, n, k, &ws) == 2 && word_is(s + ws, 2, "of")) {
        j = skip_sp(s, n, ws + 2);
        if (j == ws + 2)
            return false;
    }
    int m = month_at(s, n, j, &end);
    return m && day_and_year(s, n, i, end, m, d, e);
}

/* "2018-10-04", "2018/10/04", "04.10.2018" (D.M.Y), "10/4/2018" (M/D/Y; D/M/Y if the first
 * number is above 12) at s[i]. */
static bool numeric(const char *s, size_t n, size_t i, dexp *e)
{
    int v1, v2, v3, y, m, d;
    size_t c1 = digits_at(s, n, i, &v1);
    size_t p = i + c1;
    if (p >= n)
        return false;
    char sep = s[p];
    if (c1 == 4 ? (sep != '-' && sep != '/') : (c1 > 2 || (sep != '.' && sep != '/')))
        return false;
    size_t c2 = digits_at(s, n, p + 1, &v2);
    size_t q = p + 1 + c2;
    if (c2 < 1 || c2 > 2 || q >= n || s[q] != sep)
        return false;
    size_t c3 = digits_at(s, n, q + 1, &v3);
    size_t end = q + 1 + c3;
    if (end < n && is_alpha((uc)s[end]) && !(c1 == 4 && s[end] == 'T'))
        return false;
    if (end + 1 < n && (s[end] == '.' || s[end] == '/' || s[end] == '-' || s[end] == ',') &&
        is_digit((uc)s[end + 1]))
        return false;
    if (c1 == 4) {
        if (c3 < 1 || c3 > 2)
            return false;
        y = v1, m = v2, d = v3;
    } else {
        if (c3 != 4)
            return false;
        y = v3;
        if (sep == '.' || v1 > 12)
            d = v1, m = v2;
        else
            m = v1, d = v2;
    }
    if (y < 1900 || y > 2099 || m < 1 || m > 12 || !day_fits(y, m, d))
        return false;
    *e = (dexp){i, end, K_DAY, y, m, d};
    return true;
}

/* Value 1..99 of a count at s[i] ("3", "a", "an", "one".."twelve"), its end in *end. */
static int count_at(const char *s, size_t n, size_t i, size_t *end)
{
    static const char *const words[] = {"a",   "one",   "two",  "three", "four",   "five", "six",
                                        "seven", "eight", "nine", "ten",   "eleven", "twelve", NULL};
    int v;
    size_t c = digits_at(s, n, i, &v);
    if (c >= 1 && c <= 2 && v >= 1) {
        *end = i + c;
        return v;
    }
    if (c)
        return 0;
    size_t len = word_len(s, n, i);
    if (word_is(s + i, len, "an")) {
        *end = i + len;
        return 1;
    }
    int k = word_in(s + i, len, words);
    if (k < 0)
        return 0;
    *end = i + len;
    return k == 0 ? 1 : k;
}

/* "two days ago", "3 weeks ago", "a year ago" at s[i]. */
static bool ago(const char *s, size_t n, size_t i, dexp *e)
{
    static const char *const units[] = {"day", "days", "week", "weeks", "month", "months", "year", "years", NULL};
    static const enum kind kinds[] = {K_DAYS, K_WEEKS, K_MONTHS, K_YEARS};
    size_t end, ws, ws2;
    int v = count_at(s, n, i, &end);
    if (!v || (end < n && is_alnum((uc)s[end])))
        return false;
    size_t ul = next_word(s, n, end, &ws);
    int u = word_in(s + ws, ul, units);
    if (u < 0)
        return false;
    size_t al = next_word(s, n, ws + ul, &ws2);
    if (!word_is(s + ws2, al, "ago"))
        return false;
    *e = (dexp){i, ws2 + al, kinds[u / 2], 0, 0, -v};
    return true;
}

/* Weekday 0..6 named by the capitalised word s[i..i+len), or -1. */
static int weekday_word(const char *s, size_t i, size_t len)
{
    if (!is_upper((uc)s[i]))
        return -1;
    return word_in(s + i, len, weekday_names);
}

/* "Tuesday", "Tuesday, October 4" at s[i]; not the names of newspapers and holidays
 * ("Sunday Times", "Mail on Sunday", "Good Friday", "Super Tuesday"). */
static bool weekday(const char *s, size_t n, size_t i, size_t len, dexp *e)
{
    static const char *const before[] = {"good", "black", "bloody", "super", "ash", "easter", "cyber",
                                         "palm", "holy", "maundy", "shrove", NULL};
    static const char *const after[] = {"times", "telegraph", "express", "mirror", "herald", "post",
                                        "star", "people", "sport", "world", NULL};
    int wd = weekday_word(s, i, len);
    if (wd < 0)
        return false;
    size_t ps, pl = prev_word(s, i, &ps);
    if (word_in(s + ps, pl, before) >= 0)
        return false;
    if (word_is(s + ps, pl, "on")) {
        size_t ps2, pl2 = prev_word(s, ps, &ps2);
        if (word_is(s + ps2, pl2, "mail"))
            return false;
    }
    size_t ws, wl = next_word(s, n, i + len, &ws);
    if (wl && is_upper((uc)s[ws]) && word_in(s + ws, wl, after) >= 0)
        return false;
    size_t j = i + len;
    if (j < n && s[j] == ',')
        j++;
    j = skip_sp(s, n, j);
    if (j > i + len && (month_first(s, n, j, e) || day_first(s, n, j, e)) && e->k != K_MONTH) {
        e->a = i;
        return true;
    }
    *e = (dexp){i, i + len, K_WEEKDAY, 0, wd, 0};
    return true;
}

/* "in 2016", "in early 2016", "in mid-2016", "in October", "in late October" at s[i]. */
static bool in_expr(const char *s, size_t n, size_t i, size_t len, dexp *e)
{
    size_t ws, end, ye;
    int y;
    size_t wl = next_word(s, n, i + len, &ws);
    size_t j = skip_sp(s, n, i + len);
    if (j == i + len)
        return false;
    if (wl && (word_is(s + ws, wl, "early") || word_is(s + ws, wl, "late") || word_is(s + ws, wl, "mid"))) {
        size_t k = ws + wl, dl = dash_at(s, n, k);
        j = dl ? k + dl : skip_sp(s, n, k);
        if (j == k)
            return false;
    }
    if (year_at(s, n, j, &y, &ye)) {
        *e = (dexp){i, ye, K_YEAR, y, 0, 0};
        return true;
    }
    int m = month_at(s, n, j, &end);
    if (!m || month_first(s, n, j, e))
        return false; /* the month with its day or year is matched on its own */
    if (end < n && is_alnum((uc)s[end]))
        return false;
    *e = (dexp){i, end, K_BAREMONTH, 0, m, 0};
    return true;
}

/* "last week|month|year|weekend|night|Tuesday|October" at s[i] (not "the last year"). */
static bool last_expr(const char *s, size_t n, size_t i, size_t len, dexp *e)
{
    size_t ps, pl = prev_word(s, i, &ps);
    if (word_is(s + ps, pl, "the") || word_is(s + ps, pl, "at"))
        return false;
    size_t ws, wl = next_word(s, n, i + len, &ws), end;
    size_t b = ws + wl;
    if (!wl || (b < n && is_digit((uc)s[b])))
        return false;
    if (word_is(s + ws, wl, "week"))
        *e = (dexp){i, b, K_WEEKS, 0, 0, -1};
    else if (word_is(s + ws, wl, "month"))
        *e = (dexp){i, b, K_MONTHS, 0, 0, -1};
    else if (word_is(s + ws, wl, "year"))
        *e = (dexp){i, b, K_YEARS, 0, 0, -1};
    else if (word_is(s + ws, wl, "weekend"))
        *e = (dexp){i, b, K_WEEKEND, 0, 0, 0};
    else if (word_is(s + ws, wl, "night"))
        *e = (dexp){i, b, K_DAYS, 0, 0, -1};
    else if (weekday_word(s, ws, wl) >= 0)
        *e = (dexp){i, b, K_WEEKDAY_LT, 0, weekday_word(s, ws, wl), 0};
    else {
        int m = month_at(s, n, ws, &end);
        dexp tmp;
        if (!m || month_first(s, n, ws, &tmp))
            return false;
        *e = (dexp){i, end, K_LASTMONTH, 0, m, 0};
    }
    return true;
}

/* Relative words at s[i]: yesterday, today, tonight, this ..., earlier/later in the day. */
static bool relative(const char *s, size_t n, size_t i, size_t len, dexp *e)
{
    size_t ws, wl, ps, pl;
    if (word_is(s + i, len, "yesterday")) {
        *e = (dexp){i, i + len, K_DAYS, 0, 0, -1};
        return true;
    }
    if (word_is(s + i, len, "today") || word_is(s + i, len, "tonight")) {
        /* "Russia Today", "USA Today" are names */
        pl = prev_word(s, i, &ps);
        if (is_upper((uc)s[i]) && pl && is_upper((uc)s[ps]))
            return false;
        *e = (dexp){i, i + len, K_TODAY, 0, 0, 0};
        return true;
    }
    if (word_is(s + i, len, "this")) {
        wl = next_word(s, n, i + len, &ws);
        if (word_is(s + ws, wl, "week"))
            *e = (dexp){i, ws + wl, K_WEEKS, 0, 0, 0};
        else if (word_is(s + ws, wl, "month"))
            *e = (dexp){i, ws + wl, K_MONTHS, 0, 0, 0};
        else if (word_is(s + ws, wl, "year"))
            *e = (dexp){i, ws + wl, K_YEARS, 0, 0, 0};
        else if (word_is(s + ws, wl, "morning") || word_is(s + ws, wl, "afternoon") ||
                 word_is(s + ws, wl, "evening"))
            *e = (dexp){i, ws + wl, K_TODAY, 0, 0, 0};
        else
            return false;
        return true;
    }
    if (word_is(s + i, len, "earlier") || word_is(s + i, len, "later")) {
        static const char *const seq[] = {"in", "the", "day"};
        size_t k = i + len;
        for (int t = 0; t < 3; t++) {
            wl = next_word(s, n, k, &ws);
            if (!word_is(s + ws, wl, seq[t]))
                return false;
            k = ws + wl;
        }
        *e = (dexp){i, k, K_TODAY, 0, 0, 0};
        return true;
    }
    return false;
}

/* Tries every expression form starting at the word start s[i]. */
static bool match_at(const char *s, size_t n, size_t i, bool explicit_only, dexp *e)
{
    if (is_digit((uc)s[i]))
        return numeric(s, n, i, e) || day_first(s, n, i, e) || (!explicit_only && ago(s, n, i, e));
    size_t len = word_len(s, n, i);
    if (month_first(s, n, i, e))
        return true;
    if (explicit_only)
        return false;
    if (word_is(s + i, len, "in"))
        return in_expr(s, n, i, len, e);
    if (word_is(s + i, len, "last"))
        return last_expr(s, n, i, len, e);
    return weekday(s, n, i, len, e) || relative(s, n, i, len, e) || ago(s, n, i, e);
}

/* The first expression in s[i..n): true and *e, or false at the end. Cost: O(n - i). */
static bool next_expr(const char *s, size_t n, size_t i, bool explicit_only, dexp *e)
{
    while (i < n) {
        uc c = (uc)s[i];
        if (!is_alnum(c)) {
            i++;
            continue;
        }
        bool start = i == 0 || !is_alnum((uc)s[i - 1]);
        if (start && is_digit(c) && i >= 2 && is_digit((uc)s[i - 2]) &&
            (s[i - 1] == '.' || s[i - 1] == ',' || s[i - 1] == '/' || s[i - 1] == ':' || s[i - 1] == '-'))
            start = false;
        if (start && match_at(s, n, i, explicit_only, e))
            return true;
        while (i < n && is_alnum((uc)s[i]))
            i++;
    }
    return false;
}

/* The date an expression denotes in a document dated dd. */
static void resolve_expr(const dexp *e, const docd *dd, ag_date *out)
{
    long y = dd->y, z;
    int m, d;
    out->value[0] = '\0';
    out->precision = "";
    long doc_z = dd->lvl == 3 ? days_from_civil(dd->y, dd->m, dd->d) : 0;
    switch (e->k) {
    case K_DAY:
        fmt_date(out->value, e->y, e->m, e->d, 3);
        break;
    case K_MONTH:
        fmt_date(out->value, e->y, e->m, 0, 2);
        break;
    case K_YEAR:
        fmt_date(out->value, e->y, 0, 0, 1);
        break;
    case K_MD:
        if (dd->lvl < 1)
            return;
        if (dd->lvl == 3 && days_from_civil(y, e->m, e->d) > doc_z + 2)
            y--;
        else if (dd->lvl == 2 && e->m > dd->m)
            y--;
        if (!day_fits((int)y, e->m, e->d))
            return;
        fmt_date(out->value, y, e->m, e->d, 3);
        break;
    case K_BAREMONTH:
    case K_LASTMONTH:
        if (dd->lvl < 1 || (e->k == K_LASTMONTH && dd->lvl < 2))
            return;
        if (dd->lvl >= 2 && (e->m > dd->m || (e->k == K_LASTMONTH && e->m == dd->m)))
            y--;
        fmt_date(out->value, y, e->m, 0, 2);
        break;
    case K_WEEKDAY:
    case K_WEEKDAY_LT:
    case K_WEEKEND: {
        if (dd->lvl < 3)
            return;
        int target = e->k == K_WEEKEND ? 5 : e->m;
        int back = (weekday_of(doc_z) - target + 7) % 7;
        if ((e->k == K_WEEKDAY_LT && back == 0) || (e->k == K_WEEKEND && back < 2))
            back += 7;
        civil_from_days(doc_z - back, &y, &m, &d);
        fmt_date(out->value, y, m, d, 3);
        break;
    }
    case K_DAYS:
    case K_WEEKS:
        if (dd->lvl < 3)
            return;
        z = doc_z + (e->k == K_WEEKS ? 7L * e->d : e->d);
        civil_from_days(z, &y, &m, &d);
        fmt_date(out->value, y, m, d, 3);
        break;
    case K_MONTHS:
        if (dd->lvl < 2)
            return;
        z = (long)dd->y * 12 + (dd->m - 1) + e->d;
        fmt_date(out->value, z / 12, (int)(z % 12) + 1, 0, 2);
        break;
    case K_YEARS:
        if (dd->lvl < 1)
            return;
        fmt_date(out->value, y + e->d, 0, 0, 1);
        break;
    case K_TODAY:
        fmt_date(out->value, dd->y, dd->m, dd->d, dd->lvl);
        break;
    }
    if (!out->value[0])
        return;
    switch (e->k) {
    case K_WEEKS:
    case K_WEEKEND:
        out->precision = "week";
        break;
    case K_MONTH:
    case K_BAREMONTH:
    case K_LASTMONTH:
    case K_MONTHS:
        out->precision = "month";
        break;
    case K_YEAR:
    case K_YEARS:
        out->precision = "year";
        break;
    case K_TODAY:
        out->precision = precision_of(dd->lvl);
        break;
    default:
        out->precision = "day";
    }
}

void ag_date_resolve(const char *s, size_t n, size_t trigger_off, const char *doc_date, ag_date *out)
{
    docd dd;
    dexp e, best;
    bool found = false;
    size_t best_dist = 0;
    parse_doc(doc_date, &dd);
    for (size_t i = 0; s && next_expr(s, n, i, false, &e); i = e.b) {
        if (trigger_off == (size_t)-1) {
            best = e;
            found = true;
            break;
        }
        size_t dist = trigger_off < e.a ? e.a - trigger_off : trigger_off >= e.b ? trigger_off - e.b + 1 : 0;
        if (!found || dist < best_dist) {
            best = e;
            best_dist = dist;
            found = true;
        }
        if (e.a > trigger_off)
            break; /* later expressions are farther */
    }
    if (found) {
        resolve_expr(&best, &dd, out);
        return;
    }
    fmt_date(out->value, dd.y, dd.m, dd.d, dd.lvl);
    out->precision = precision_of(dd.lvl);
}

/* ---- document dates ---- */

/* True when the line s[a..b) reads as a sentence: it ends with . ! or ? before any closing
 * quotes or brackets. */
static bool ends_sentence(const char *s, size_t a, size_t b)
{
    while (b > a) {
        uc c = (uc)s[b - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ')
            b--;
        else if (b - a >= 3 && (uc)s[b - 3] == 0xE2 && (uc)s[b - 2] == 0x80 && (c == 0x9D || c == 0x99))
            b -= 3; /* ” ’ */
        else
            break;
    }
    return b > a && (s[b - 1] == '.' || s[b - 1] == '!' || s[b - 1] == '?');
}

/* True when s[a..b) holds only spaces and closing punctuation (the date ends its line). */
static bool only_closers(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        uc c = (uc)s[i];
        if (c == ' ' || c == '\t' || c == ')' || c == ']' || c == '"' || c == '\'')
            continue;
        if (c == 0xC2 && i + 1 < b && (uc)s[i + 1] == 0xA0) {
            i++;
            continue;
        }
        if (c == 0xE2 && i + 2 < b && (uc)s[i + 1] == 0x80 && ((uc)s[i + 2] == 0x9D || (uc)s[i + 2] == 0x99)) {
            i += 2;
            continue;
        }
        return false;
    }
    return true;
}

/* True when a separator (dash, '|', '(', '/', ':', bullet) starts s[a..b) after spaces. */
static bool starts_with_sep(const char *s, size_t a, size_t b)
{
    a = skip_sp(s, b, a);
    if (a >= b)
        return false;
    if (dash_at(s, b, a) || s[a] == '|' || s[a] == '(' || s[a] == '/' || s[a] == ':')
        return true;
    return a + 2 < b && (uc)s[a] == 0xE2 && (uc)s[a + 1] == 0x80 && (uc)s[a + 2] == 0xA2;
}

/* True when the text s[a..b) before a date is a dateline's lead-in: empty, or at most 48
 * bytes of capitalised words ("LONDON, ", "Sputnik – ", "By Jane Roe | ", "Updated: ")
 * ending in a separator. */
static bool dateline_prefix(const char *s, size_t a, size_t b)
{
    static const char *const small[] = {"by", "on", "at", "posted", "published", "updated", NULL};
    if (a == b)
        return true;
    if (b - a > 48)
        return false;
    size_t e = b;
    while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
    if (e > a + 1 && (uc)s[e - 2] == 0xC2 && (uc)s[e - 1] == 0xA0)
        e -= 2;
    if (e == a)
        return true;
    uc c = (uc)s[e - 1];
    bool sep = c == ',' || c == '|' || c == ':' || c == '(' || c == '/' || c == '-' ||
               (e - a >= 3 && (uc)s[e - 3] == 0xE2 && (uc)s[e - 2] == 0x80 &&
                (c == 0x93 || c == 0x94 || c == 0xA2)) ||
               (e - a >= 2 && (uc)s[e - 2] == 0xC2 && c == 0xB7);
    if (!sep)
        return false;
    for (size_t i = a; i < e; i++) {
        if (!is_alpha((uc)s[i]) || (i > a && is_alpha((uc)s[i - 1])))
            continue;
        size_t len = word_len(s, e, i);
        if (!is_upper((uc)s[i]) && word_in(s + i, len, small) < 0)
            return false;
    }
    return true;
}

bool ag_date_from_text(const char *text, size_t n, ag_date *out)
{
    enum { TOP = 12, BOTTOM = 15 };
    size_t lines = 0, line = 0;
    int best_rank = 99;
    dexp best = {0, 0, K_DAY, 0, 0, 0};
    out->value[0] = '\0';
    out->precision = "";
    if (!text)
        return false;
    for (size_t i = 0; i < n; i++)
        if (text[i] == '\n')
            lines++;
    if (n && text[n - 1] != '\n')
        lines++;
    for (size_t ls = 0; ls < n && best_rank > 0; line++) {
        const char *nl = memchr(text + ls, '\n', n - ls);
        size_t next = nl ? (size_t)(nl - text) + 1 : n;
        size_t a = skip_sp(text, next, ls), b = next;
        while (b > a && (text[b - 1] == '\n' || text[b - 1] == '\r' || text[b - 1] == ' ' || text[b - 1] == '\t'))
            b--;
        ls = next;
        bool top = line < TOP, bottom = !top && line + BOTTOM >= lines;
        size_t len = b - a;
        bool sentence = ends_sentence(text, a, b);
        if (a == b || (!top && !bottom && (len >= 300 || sentence)))
            continue; /* body text: only captions and "DATE - Posted by" lines count */
        dexp e;
        for (size_t i = a; next_expr(text, b, i, true, &e); i = e.b) {
            if (e.k != K_DAY && e.k != K_MONTH)
                continue;
            bool lead = dateline_prefix(text, a, e.a);
            bool at_end = only_closers(text, e.b, b);
            bool sep_after = starts_with_sep(text, e.b, b);
            int rank = 99;
            if (e.k == K_DAY) {
                if ((top || bottom) && (lead || at_end || (len < 200 && !sentence)))
                    rank = top ? 0 : 1;
                else if (len < 300 && !sentence && (at_end || (e.a == a && sep_after)))
                    rank = 2;
            } else if ((top || bottom) && lead && (at_end || sep_after || (len < 200 && !sentence))) {
                rank = top ? 3 : 4;
            }
            if (rank < best_rank) {
                best_rank = rank;
                best = e;
            }
        }
    }
    if (best_rank == 99)
        return false;
    docd none = {0, 0, 0, 0};
    resolve_expr(&best, &none, out);
    return out->value[0] != '\0';
}

/* ---- day arithmetic ---- */

static bool parse_full(const char *d, long *z)
{
    docd dd;
    parse_doc(d, &dd);
    if (dd.lvl != 3)
        return false;
    *z = days_from_civil(dd.y, dd.m, dd.d);
    return true;
}

bool ag_date_add_days(const char *d, int days, char out[11])
{
    long z, y;
    int m, day;
    out[0] = '\0';
    if (!parse_full(d, &z) || days > 4000000 || days < -4000000) /* beyond years 0..9999 anyway */
        return false;
    civil_from_days(z + days, &y, &m, &day);
    fmt_date(out, y, m, day, 3);
    return out[0] != '\0';
}

int ag_date_weekday(const char *d)
{
    long z;
    return parse_full(d, &z) ? weekday_of(z) : -1;
}

/* ---- document dates from metadata ---- */

bool ag_date_from_meta(const char *s, size_t n, char out[11])
{
    out[0] = '\0';
    while (n && (*s == ' ' || *s == '\t' || *s == '"'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '"' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    if (n == 0)
        return false;
    /* a Unix timestamp: seconds (9 to 11 digits) or milliseconds (12 or 13), in UTC */
    size_t dg = 0;
    while (dg < n && is_digit((uc)s[dg]))
        dg++;
    if (dg == n && n >= 9 && n <= 13) {
        long long t = 0;
        for (size_t i = 0; i < n; i++)
            t = t * 10 + (s[i] - '0');
        if (n >= 12)
            t /= 1000;
        long y;
        int m, d;
        civil_from_days((long)(t / 86400), &y, &m, &d);
        fmt_date(out, y, m, d, 3);
        return y >= 1900 && y <= 2099;
    }
    /* "YYYY" and "YYYY-MM" as they are */
    if ((n == 4 || n == 7) && n < 11) {
        char d[11];
        memcpy(d, s, n);
        d[n] = '\0';
        if (ag_date_valid(d)) {
            memcpy(out, d, n + 1);
            return true;
        }
    }
    /* a weekday first, as RFC 2822 and many crawlers write it: "Mon, 18 Dec 2017 ...",
     * "Monday, December 18, 2017" */
    static const char *const weekday_abbrs[] = {"mon", "tue", "tues", "wed", "thu", "thur", "thurs",
                                                "fri", "sat", "sun", NULL};
    size_t i = 0, len = word_len(s, n, 0);
    if (len >= 3 && (weekday_word(s, 0, len) >= 0 || word_in(s, len, weekday_abbrs) >= 0)) {
        i = len;
        if (i < n && s[i] == '.')
            i++;
        if (i < n && s[i] == ',')
            i++;
        i = skip_sp(s, n, i);
    }
    dexp e;
    if (numeric(s, n, i, &e) || month_first(s, n, i, &e) || day_first(s, n, i, &e)) {
        if (e.k == K_DAY)
            fmt_date(out, e.y, e.m, e.d, 3);
        else if (e.k == K_MONTH)
            fmt_date(out, e.y, e.m, 0, 2);
        return out[0] != '\0';
    }
    return false;
}
