/* ag_date.h - dates: the document's date from its text, and an accusation's date from its sentence.
 *
 * Dates are strings "YYYY-MM-DD", "YYYY-MM", "YYYY" or "" (unknown); precision is one of
 * "day", "week", "month", "year" or "".
 */
#ifndef AG_DATE_H
#define AG_DATE_H

#include "ag_common.h"

typedef struct ag_date {
    char value[11];     /* "" when unknown */
    const char *precision; /* static string: "day" | "week" | "month" | "year" | "" */
} ag_date;

/* Finds the document date in the first lines or the last lines of a text (a dateline such
 * as "Sputnik – 04.10.2018", "LONDON, October 4, 2018 -", "October 4, 2018 - Posted by", a
 * caption ending "... March 29, 2022", an ISO date line). Returns true and fills out
 * (precision day, or month/year when that is all there is) when one is found. Cost: O(n). */
bool ag_date_from_text(const char *text, size_t n, ag_date *out);

/* Resolves the date of an event reported in sentence s[0..n) of a document dated doc_date
 * ("" if unknown): explicit dates ("In October 2020" -> 2020-10, "on April 13" -> the year
 * of the document, "on 13 April 2021"), weekdays ("on Tuesday": the most recent such day
 * on or before the document date), "yesterday", "today", "earlier in the day", "last week"
 * (7 days before, precision week), "last month" (previous month), "last year"; without any
 * expression, the document date. If trigger_off is not (size_t)-1, the expression nearest
 * to that byte offset wins when there are several. Never fails: unknown stays "". */
void ag_date_resolve(const char *s, size_t n, size_t trigger_off, const char *doc_date, ag_date *out);

/* The date a document's metadata gives, in the forms crawlers and wires write: ISO 8601 with or
 * without a time and zone ("2017-12-18", "2017-12-18T14:30:00+01:00"), "2017/12/18",
 * "December 18, 2017", "Dec. 18, 2017", "18 December 2017", "Monday, December 18, 2017",
 * RFC 2822 ("Mon, 18 Dec 2017 14:30:00 +0000"), a Unix timestamp in seconds or milliseconds
 * (UTC), "2017-12" or "2017". The date is taken as written, before any time zone. Fills out
 * with "YYYY-MM-DD" (or "YYYY-MM", "YYYY") and returns true, or returns false. */
bool ag_date_from_meta(const char *s, size_t n, char out[11]);

/* Day arithmetic on "YYYY-MM-DD": adds days (may be negative) into out[11]. False if d is
 * not a full date. Weekday of a full date: 0 = Monday ... 6 = Sunday, or -1. */
bool ag_date_add_days(const char *d, int days, char out[11]);
int ag_date_weekday(const char *d);

#endif
