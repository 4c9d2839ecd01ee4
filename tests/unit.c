/* unit.c - C unit tests for library internals. Prints "PASS name" / "FAIL name: why" per check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accusegraph.h"
#include "ag_date.h"

static int failures;

#define CHECK(name, cond)                                                                          \
    do {                                                                                           \
        if (cond)                                                                                  \
            printf("PASS %s\n", name);                                                             \
        else {                                                                                     \
            printf("FAIL %s: %s (%s:%d)\n", name, #cond, __FILE__, __LINE__);                      \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static void test_common(void)
{
    size_t rep = 0;
    char *s = ag_utf8_clean("a\xff" "b\x01" "c", 5, &rep);
    CHECK("utf8_clean replaces invalid byte", s && strcmp(s, "a\xEF\xBF\xBD" "b c") == 0 && rep == 1);
    free(s);
    CHECK("utf8_valid rejects overlong", !ag_utf8_valid("\xC0\xAF", 2));
    CHECK("utf8_valid accepts curly quote", ag_utf8_valid("\xE2\x80\x99", 3));
    CHECK("date_valid day", ag_date_valid("2022-03-29"));
    CHECK("date_valid month", ag_date_valid("2020-10"));
    CHECK("date_valid rejects Feb 30", !ag_date_valid("2021-02-30"));
    CHECK("date_valid leap day", ag_date_valid("2020-02-29"));
}

/* Date of sentence s in a document of doc_date, the trigger being the first occurrence of
 * trig in s (NULL: no trigger); true when value and precision are as expected. */
static bool date_case(const char *s, const char *trig, const char *doc_date, const char *value, const char *prec)
{
    ag_date d;
    const char *t = trig ? strstr(s, trig) : NULL;
    ag_date_resolve(s, strlen(s), t ? (size_t)(t - s) : (size_t)-1, doc_date, &d);
    if (strcmp(d.value, value) != 0 || strcmp(d.precision, prec) != 0) {
        printf("  date of \"%s\": got \"%s\" (%s), want \"%s\" (%s)\n", s, d.value, d.precision, value, prec);
        return false;
    }
    return true;
}

/* Document date found in text; value "" means none must be found. */
static bool dateline_case(const char *text, const char *value, const char *prec)
{
    ag_date d;
    bool found = ag_date_from_text(text, strlen(text), &d);
    if (found != (value[0] != '\0') || strcmp(d.value, value) != 0 || strcmp(d.precision, prec) != 0) {
        printf("  dateline: got %d \"%s\" (%s), want \"%s\" (%s)\n", found, d.value, d.precision, value, prec);
        return false;
    }
    return true;
}

static void test_date(void)
{
    const char *doc = "2022-03-29"; /* a Tuesday */
    char out[11];

    /* day arithmetic */
    CHECK("date weekday of a Tuesday", ag_date_weekday(doc) == 1);
    CHECK("date weekday of leap day 2020 (Saturday)", ag_date_weekday("2020-02-29") == 5);
    CHECK("date weekday of 1970-01-01 (Thursday)", ag_date_weekday("1970-01-01") == 3);
    CHECK("date weekday rejects month", ag_date_weekday("2022-03") == -1);
    CHECK("date add into leap day", ag_date_add_days("2020-02-28", 1, out) && strcmp(out, "2020-02-29") == 0);
    CHECK("date add out of leap day", ag_date_add_days("2020-02-29", 1, out) && strcmp(out, "2020-03-01") == 0);
    CHECK("date add no leap day in 2021", ag_date_add_days("2021-02-28", 1, out) && strcmp(out, "2021-03-01") == 0);
    CHECK("date add 1900 not leap", ag_date_add_days("1900-02-28", 1, out) && strcmp(out, "1900-03-01") == 0);
    CHECK("date add 2000 leap", ag_date_add_days("2000-02-28", 1, out) && strcmp(out, "2000-02-29") == 0);
    CHECK("date add back over new year", ag_date_add_days("2021-01-01", -1, out) && strcmp(out, "2020-12-31") == 0);
    CHECK("date add a leap year", ag_date_add_days("2020-01-01", 366, out) && strcmp(out, "2021-01-01") == 0);
    CHECK("date add rejects partial date", !ag_date_add_days("2022-03", 1, out) && out[0] == '\0');
    CHECK("date add rejects Feb 30", !ag_date_add_days("2021-02-30", 1, out));

    /* no expression: the document date at its precision */
    CHECK("date none -> doc day", date_case("The council accused the mayor of graft.", NULL, doc, doc, "day"));
    CHECK("date none -> doc month", date_case("The council accused the mayor.", NULL, "2022-03", "2022-03", "month"));
    CHECK("date none -> doc year", date_case("The council accused the mayor.", NULL, "2022", "2022", "year"));
    CHECK("date none, no doc date", date_case("The council accused the mayor.", NULL, "", "", ""));
    CHECK("date none, bad doc date", date_case("The council accused the mayor.", NULL, "03/29/2022", "", ""));

    /* explicit dates */
    CHECK("date in Month YYYY", date_case("In October 2020, prosecutors accused six officers of sabotage.", "accused", doc, "2020-10", "month"));
    CHECK("date Month YYYY", date_case("The envoy said the November 2019 raid was ordered by the army.", "ordered", doc, "2019-11", "month"));
    CHECK("date Month D, YYYY", date_case("The minister accused the consul on October 4, 2018 of spying.", "accused", doc, "2018-10-04", "day"));
    CHECK("date D Month YYYY", date_case("On 4 October 2018 the bloc condemned the test.", "condemned", doc, "2018-10-04", "day"));
    CHECK("date Mon. D, YYYY", date_case("By Oct. 4, 2018 the panel had blamed the builder.", "blamed", doc, "2018-10-04", "day"));
    CHECK("date ordinal day", date_case("On November 2nd, 2017 the mayor was blamed by the council.", "blamed", doc, "2017-11-02", "day"));
    CHECK("date dotted D.M.Y", date_case("The statement of 04.10.2018 blamed the navy.", "blamed", doc, "2018-10-04", "day"));
    CHECK("date slashed M/D/Y", date_case("The statement of 10/4/2018 blamed the navy.", "blamed", doc, "2018-10-04", "day"));
    CHECK("date slashed D/M/Y when day > 12", date_case("The statement of 25/12/2018 blamed the navy.", "blamed", doc, "2018-12-25", "day"));
    CHECK("date ISO", date_case("A note dated 2018-10-04 accused the navy.", "accused", doc, "2018-10-04", "day"));
    CHECK("date in YYYY", date_case("The council in 2016 accused the mayor of graft.", "accused", doc, "2016", "year"));
    CHECK("date in early YYYY", date_case("In early 2019 the union blamed the airline.", "blamed", doc, "2019", "year"));
    CHECK("date numbers are not years", date_case("Officials accused 2,000 troops of looting 100,000 homes in 2,000 raids.", "accused", doc, doc, "day"));
    CHECK("date 1500 is not a year", date_case("In 1500 cases the inspectors blamed the staff.", "blamed", doc, doc, "day"));
    CHECK("date range -> first day", date_case("Ministers met on October 3-4 and condemned the strike.", "condemned", "2018-10-04", "2018-10-03", "day"));

    /* month and day without a year: the document's year, or the one before */
    CHECK("date Month D -> doc year", date_case("The agency said on March 12 that the crew was to blame.", "blame", doc, "2022-03-12", "day"));
    CHECK("date D Month -> doc year", date_case("The agency said on 13 March that the crew was to blame.", "blame", doc, "2022-03-13", "day"));
    CHECK("date Month D one day ahead stays", date_case("On March 30 the agency blamed the crew.", "blamed", doc, "2022-03-30", "day"));
    CHECK("date Month D after doc -> previous year", date_case("On April 13 the agency blamed the crew.", "blamed", doc, "2021-04-13", "day"));
    CHECK("date Month D without doc date", date_case("On April 13 the agency blamed the crew.", "blamed", "", "", ""));
    CHECK("date Month D with month-only doc", date_case("On March 2 the agency blamed the crew.", "blamed", "2022-03", "2022-03-02", "day"));
    CHECK("date Feb 29 in a leap year", date_case("On February 29 the agency blamed the crew.", "blamed", "2020-03-10", "2020-02-29", "day"));
    CHECK("date Feb 29 in a common year", date_case("On February 29 the agency blamed the crew.", "blamed", "2022-03-10", "", ""));
    CHECK("date in Month -> most recent", date_case("In October the agency blamed the crew.", "blamed", doc, "2021-10", "month"));
    CHECK("date in mid-Month", date_case("In mid-February the agency blamed the crew.", "blamed", doc, "2022-02", "month"));
    CHECK("date last Month", date_case("Last March the agency blamed the crew.", "blamed", doc, "2021-03", "month"));

    /* "May" and "March" as words, not months */
    CHECK("date May modal", date_case("Ruritania may accuse its neighbour of meddling in 2 weeks.", "accuse", doc, doc, "day"));
    CHECK("date May modal in a headline", date_case("Ruritania May Accuse Neighbour Of Meddling", "Accuse", doc, doc, "day"));
    CHECK("date Theresa May", date_case("Theresa May 10 days later blamed the agency.", "blamed", doc, doc, "day"));
    CHECK("date May YYYY is a month", date_case("The envoy said in May 2019 that the crew was to blame.", "blame", doc, "2019-05", "month"));
    CHECK("date May D is a day", date_case("On May 3 the envoy blamed the crew.", "blamed", doc, "2021-05-03", "day"));
    CHECK("date march verb", date_case("Protesters march 12 miles and accuse the guards.", "accuse", doc, doc, "day"));
    CHECK("date lower-case may", date_case("They said the rebels may 2 days ago have been blamed.", "blamed", doc, "2022-03-27", "day"));

    /* weekdays */
    CHECK("date on Tuesday = doc day", date_case("Ruritania on Tuesday accused the envoy of lying.", "accused", doc, "2022-03-29", "day"));
    CHECK("date on Friday", date_case("On Friday the agency blamed hackers.", "blamed", doc, "2022-03-25", "day"));
    CHECK("date Monday's", date_case("Monday's statement condemned the raid.", "condemned", doc, "2022-03-28", "day"));
    CHECK("date Sunday night", date_case("The minister said Sunday night that the guards were to blame.", "blame", doc, "2022-03-27", "day"));
    CHECK("date last Tuesday", date_case("The envoy last Tuesday denounced the blockade.", "denounced", doc, "2022-03-22", "day"));
    CHECK("date weekday with date", date_case("On Tuesday, March 15 the envoy denounced the blockade.", "denounced", doc, "2022-03-15", "day"));
    CHECK("date weekday needs capital", date_case("The tuesday club denounced the blockade.", "denounced", doc, doc, "day"));
    CHECK("date weekday needs full doc date", date_case("On Friday the agency blamed hackers.", "blamed", "2022-03", "", ""));
    CHECK("date weekday, unknown doc", date_case("On Friday the agency blamed hackers.", "blamed", "", "", ""));
    CHECK("date Sunday Times is a paper", date_case("The Sunday Times said the minister accused the guards.", "accused", doc, doc, "day"));
    CHECK("date Good Friday is a name", date_case("The Good Friday pact was cited as the envoy blamed the police.", "blamed", doc, doc, "day"));

    /* relative expressions */
    CHECK("date yesterday", date_case("The regulator yesterday accused the bank of fraud.", "accused", doc, "2022-03-28", "day"));
    CHECK("date yesterday over new year", date_case("The regulator yesterday accused the bank.", "accused", "2021-01-01", "2020-12-31", "day"));
    CHECK("date yesterday over leap day", date_case("Yesterday the regulator accused the bank.", "accused", "2020-03-01", "2020-02-29", "day"));
    CHECK("date today", date_case("The council today criticised the decision.", "criticised", doc, doc, "day"));
    CHECK("date earlier in the day", date_case("Earlier in the day, the minister blamed rebels.", "blamed", doc, doc, "day"));
    CHECK("date earlier today", date_case("Earlier today the council criticised the decision.", "criticised", doc, doc, "day"));
    CHECK("date this morning", date_case("This morning the mayor accused the contractor.", "accused", doc, doc, "day"));
    CHECK("date tonight", date_case("The mayor will tonight accuse the contractor.", "accuse", doc, doc, "day"));
    CHECK("date last week", date_case("Last week the coalition accused the junta of abuses.", "accused", doc, "2022-03-22", "week"));
    CHECK("date this week", date_case("The union this week blamed the airline.", "blamed", doc, doc, "week"));
    CHECK("date last weekend", date_case("Last weekend the union blamed the airline.", "blamed", doc, "2022-03-26", "week"));
    CHECK("date last month", date_case("Last month the court charged three officers.", "charged", doc, "2022-02", "month"));
    CHECK("date last month in January", date_case("Last month the court charged three officers.", "charged", "2022-01-15", "2021-12", "month"));
    CHECK("date last year", date_case("Last year the ministry accused the firm.", "accused", doc, "2021", "year"));
    CHECK("date over the last year is a span", date_case("Over the last year the ministry accused the firm.", "accused", doc, doc, "day"));
    CHECK("date days ago", date_case("Two days ago the ministry accused the firm.", "accused", doc, "2022-03-27", "day"));
    CHECK("date a week ago", date_case("A week ago the ministry accused the firm.", "accused", doc, "2022-03-22", "week"));
    CHECK("date years ago", date_case("The ministry 3 years ago accused the firm.", "accused", doc, "2019", "year"));
    CHECK("date last week, unknown doc", date_case("Last week the coalition accused the junta.", "accused", "", "", ""));
    CHECK("date yesterday, month doc", date_case("The regulator yesterday accused the bank.", "accused", "2022-03", "", ""));

    /* several expressions: the nearest to the trigger, or the first */
    const char *several = "On Monday the minister said rebels had attacked the base on March 12, and on Friday he accused them of war crimes.";
    CHECK("date nearest to accused", date_case(several, "accused", doc, "2022-03-25", "day"));
    CHECK("date nearest to attacked", date_case(several, "attacked", doc, "2022-03-12", "day"));
    CHECK("date nearest to said", date_case(several, "said", doc, "2022-03-28", "day"));
    CHECK("date first without trigger", date_case(several, NULL, doc, "2022-03-28", "day"));
    CHECK("date tie goes to the earlier", date_case("Monday X Friday", "X", doc, "2022-03-28", "day"));
    CHECK("date Russia Today is a name", date_case("Last week, Russia Today said the ministry accused the firm.", "accused", doc, "2022-03-22", "week"));

    /* document dates from the text */
    CHECK("dateline dotted under the headline",
          dateline_case("Ruritania News\n\n\nBloc Backs Claims Against Borduria – Spokesman\n\nNovinka – 17.05.2019\n\n"
                        "The bloc stands by its members in their claims, its spokesman said.\n",
                        "2019-05-17", "day"));
    CHECK("dateline wire lead",
          dateline_case("LONDON, October 4, 2018 - The government said on Thursday that the agency had tried to break into "
                        "the computers of a watchdog, and it named four officers whom it accused of the attempt. "
                        "Officials in the capital rejected the claims as fantasy.\n",
                        "2018-10-04", "day"));
    CHECK("dateline ISO with time", dateline_case("Headline here\nPublished: 2018-10-04T08:00:00Z\n\nBody text.\n", "2018-10-04", "day"));
    CHECK("dateline D Month YYYY", dateline_case("Headline here\n4 October 2018\n\nBody text.\n", "2018-10-04", "day"));
    CHECK("dateline Mon. D, YYYY", dateline_case("Headline here\nBy Jane Roe | Oct. 4, 2018\n\nBody text.\n", "2018-10-04", "day"));
    CHECK("dateline month only", dateline_case("Headline here\nNovinka – October 2018\n\nBody text.\n", "2018-10", "month"));
    CHECK("dateline no date", dateline_case("Headline here\n\nBody text without any date.\n", "", ""));
    CHECK("dateline empty text", dateline_case("", "", ""));

    /* "DATE - Posted by" after the body, a caption in the middle, body dates refused */
    char text[4096];
    strcpy(text, "Envoys Trade Blame Over Port Blast\n\n");
    for (int i = 0; i < 14; i++)
        strcat(text, "The harbour authority said the crews had followed every rule, and the ministry disagreed.\n");
    strcat(text, "May 17, 2019 - Posted by | Politics, Harbours | ,\n\nNo comments yet.\n\nLeave a reply\n");
    CHECK("dateline Posted by at the end", dateline_case(text, "2019-05-17", "day"));
    for (int i = 0; i < 20; i++)
        strcat(text, "Comment text from a reader, with no date at all in it, one more line.\n");
    CHECK("dateline Posted by far from the end", dateline_case(text, "2019-05-17", "day"));

    /* a short date line counts in the last 15 lines, not in the middle of the text */
    strcpy(text, "Envoys Trade Blame Over Port Blast\n\n");
    for (int i = 0; i < 14; i++)
        strcat(text, "The harbour authority said the crews had followed every rule, and the ministry disagreed.\n");
    strcat(text, "Filed on May 17, 2019 at 9:40\n");
    for (int i = 0; i < 13; i++)
        strcat(text, "Reader comment without a date.\n");
    CHECK("dateline short line near the end", dateline_case(text, "2019-05-17", "day"));
    strcat(text, "Reader comment without a date.\nReader comment without a date.\n");
    CHECK("dateline short line in the middle refused", dateline_case(text, "", ""));

    strcpy(text, "The ministry accused the envoy of lying about the port blast, in a long statement read to the press by its spokeswoman.\n");
    for (int i = 0; i < 12; i++)
        strcat(text, "The harbour authority said the crews had followed every rule, and the ministry disagreed.\n");
    strcat(text, "HANDSHAKE: The minister greets the envoy at the palace in Novigrad March 29, 2022\n");
    for (int i = 0; i < 16; i++)
        strcat(text, "The harbour authority said the crews had followed every rule, and the ministry disagreed.\n");
    CHECK("dateline caption in the middle", dateline_case(text, "2022-03-29", "day"));

    CHECK("dateline body sentence with In Month YYYY refused",
          dateline_case("Port Hack Blamed On Neighbours\n\nThe authority said its systems were restored.\n\n"
                        "In October 2020, the prosecutors accused six officers of sabotage at the port and the airport.\n",
                        "", ""));
    CHECK("dateline body sentence with a full date refused",
          dateline_case("Port Hack Blamed On Neighbours\n\nOn May 2, 2019, the council blamed the mayor for the leak.\n", "", ""));
    CHECK("dateline top beats bottom",
          dateline_case("Headline\nNovinka – 17.05.2019\nBody.\nJune 1, 2019 - Posted by | Politics\n", "2019-05-17", "day"));
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    test_common();
    test_date();
    return failures ? 1 : 0;
}
