/* unit.c - C unit tests for library internals. Prints "PASS name" / "FAIL name: why" per check. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accusegraph.h"
#include "ag_analysis.h"
#include "ag_date.h"
#include "ag_doc.h"
#include "ag_export.h"
#include "ag_graph.h"
#include "ag_parse.h"
#include "export_common.h"
#include "parse_model.h"

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
    rep = 0;
    s = ag_utf8_clean("a\xC2\x85" "b\xC2\x9B" "c\xC2\xA0" "d", 10, &rep);
    CHECK("utf8_clean: C1 controls become a space, U+00A0 is kept",
          s && strcmp(s, "a b c\xC2\xA0" "d") == 0 && rep == 0);
    free(s);
    CHECK("utf8_valid rejects overlong", !ag_utf8_valid("\xC0\xAF", 2));
    CHECK("utf8_valid accepts curly quote", ag_utf8_valid("\xE2\x80\x99", 3));
    CHECK("date_valid day", ag_date_valid("2022-03-29"));
    CHECK("date_valid month", ag_date_valid("2020-10"));
    CHECK("date_valid rejects Feb 30", !ag_date_valid("2021-02-30"));
    CHECK("date_valid leap day", ag_date_valid("2020-02-29"));
}

/* ---- ag_doc: the document reader (fixtures are written to a fresh temporary directory) ---- */

static char doc_dir[64];

/* Writes n bytes (n == (size_t)-1: strlen) to doc_dir/name, creating subdirectories. */
static void doc_file(const char *name, const char *s, size_t n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", doc_dir, name);
    for (char *p = path + strlen(doc_dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = '\0';
        mkdir(path, 0700);
        *p = '/';
    }
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(s, 1, n == (size_t)-1 ? strlen(s) : n, fp) != (n == (size_t)-1 ? strlen(s) : n)) {
        printf("FAIL doc fixture %s: cannot write\n", path);
        failures++;
    }
    if (fp)
        fclose(fp);
}

static const char *doc_path(const char *name)
{
    static char path[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", doc_dir, name);
    return path[k];
}

typedef struct doc_run {
    ag_doc docs[16];
    size_t n;     /* documents read (at most 16 kept) */
    ag_status st; /* status of the last call */
    ag_err err;
    ag_doc_stats stats;
} doc_run;

/* Reads every document of the inputs (relative to doc_dir unless "-" or absolute). */
static void doc_read(doc_run *run, const char *const *names, size_t n, const ag_doc_opts *o)
{
    char *inputs[8];
    memset(run, 0, sizeof *run);
    for (size_t i = 0; i < n; i++)
        inputs[i] = (char *)(names[i][0] == '-' || names[i][0] == '/' ? names[i] : doc_path(names[i]));
    char *copies[8];
    for (size_t i = 0; i < n; i++)
        copies[i] = strdup(inputs[i]);
    ag_doc_reader *r = NULL;
    run->st = ag_doc_reader_new(copies, n, o, &r, &run->err);
    for (bool done = false; run->st == AG_OK && !done;) {
        ag_doc d;
        run->st = ag_doc_reader_next(r, &d, &done, &run->err);
        if (run->st == AG_OK && !done) {
            if (run->n < 16)
                run->docs[run->n] = d;
            else
                ag_doc_destroy(&d);
            run->n++;
        }
    }
    if (r)
        run->stats = *ag_doc_reader_stats(r);
    ag_doc_reader_free(r);
    for (size_t i = 0; i < n; i++)
        free(copies[i]);
}

static void doc_run_free(doc_run *run)
{
    for (size_t i = 0; i < run->n && i < 16; i++)
        ag_doc_destroy(&run->docs[i]);
}

static bool doc_is(const ag_doc *d, const char *id, const char *date, const char *text)
{
    return d->id && strcmp(d->id, id) == 0 && strcmp(d->date, date) == 0 && strcmp(d->text, text) == 0 &&
           d->text_len == strlen(text);
}

static void test_doc_txt(void)
{
    doc_run run;
    ag_doc_opts o = {.default_date = "2021-05-06"};
    doc_file("one/000_abc.txt", "Ruritania accused Freedonia of fraud.\r\nFreedonia denied it.\r\n", (size_t)-1);
    const char *in[] = {"one/000_abc.txt"};
    doc_read(&run, in, 1, &o);
    CHECK("doc txt: one document, id = base name, --date, CRLF kept",
          run.st == AG_OK && run.n == 1 &&
              doc_is(&run.docs[0], "000_abc.txt", "2021-05-06",
                     "Ruritania accused Freedonia of fraud.\r\nFreedonia denied it.\r\n"));
    CHECK("doc txt: source is the path", run.n == 1 && strcmp(run.docs[0].source, doc_path("one/000_abc.txt")) == 0);
    CHECK("doc txt: stats", run.stats.files == 1 && run.stats.docs == 1 && run.stats.bytes == 61);
    doc_run_free(&run);

    doc_read(&run, in, 1, NULL);
    CHECK("doc txt: no --date gives an empty date", run.n == 1 && strcmp(run.docs[0].date, "") == 0);
    doc_run_free(&run);

    /* a BOM is not part of the text; invalid UTF-8 is replaced and counted */
    doc_file("one/bad.txt", "\xEF\xBB\xBF" "Caffe\xff and tea\xC3 here.", (size_t)-1);
    const char *in2[] = {"one/bad.txt"};
    doc_read(&run, in2, 1, NULL);
    CHECK("doc txt: BOM stripped, invalid UTF-8 replaced and counted",
          run.st == AG_OK && run.n == 1 && run.stats.utf8_replaced == 2 &&
              strcmp(run.docs[0].text, "Caffe\xEF\xBF\xBD and tea\xEF\xBF\xBD here.") == 0);
    doc_run_free(&run);

    doc_file("one/empty.txt", "", 0);
    doc_file("one/blank.txt", " \n\t\r\n", (size_t)-1);
    const char *in3[] = {"one/empty.txt", "one/blank.txt"};
    doc_read(&run, in3, 2, NULL);
    CHECK("doc txt: empty and blank files give no documents",
          run.st == AG_OK && run.n == 0 && run.stats.skipped_empty == 2 && run.stats.files == 2);
    doc_run_free(&run);

    doc_file("one/blob.txt", "PK\x03\x04\0\0\x14\0binary", 14);
    doc_file("one/ctl.txt", "\x01\x02\x03\x04\x05\x06 some words", (size_t)-1);
    const char *in4[] = {"one/blob.txt", "one/ctl.txt", "one/000_abc.txt"};
    doc_read(&run, in4, 3, NULL);
    CHECK("doc txt: binary files are skipped and counted",
          run.st == AG_OK && run.n == 1 && run.stats.skipped_binary == 2 &&
              strcmp(run.docs[0].id, "000_abc.txt") == 0);
    doc_run_free(&run);

    /* an input named explicitly is read as text whatever its extension */
    doc_file("one/article.text", "Plain words.", (size_t)-1);
    const char *in5[] = {"one/article.text"};
    doc_read(&run, in5, 1, NULL);
    CHECK("doc txt: explicit other extension read as text",
          run.st == AG_OK && run.n == 1 && doc_is(&run.docs[0], "article.text", "", "Plain words."));
    doc_run_free(&run);

    const char *in6[] = {"one/000_abc.txt", "one/nope.txt"};
    doc_read(&run, in6, 2, NULL);
    CHECK("doc missing path: AG_ERR_IO naming it",
          run.st == AG_ERR_IO && strstr(run.err.msg, "cannot open ") &&
              strstr(run.err.msg, "one/nope.txt: No such file or directory") && run.n == 0);
    doc_run_free(&run);
}

static void test_doc_jsonl(void)
{
    doc_run run;
    ag_doc_opts o = {.default_date = "2001-01-01"};
    doc_file("j/feed.jsonl",
             "\xEF\xBB\xBF{\"id\":\"a1\",\"date\":\"2019-07-08\",\"title\":\" Row over tariffs \",\"text\":\"Body one.\"}\n"
             "\n"
             "{\"url\":\"http://x.example/2\",\"date_publish\":\"2018-10-04 12:30:00\",\"maintext\":\"Body two.\","
             "\"source_domain\":\"x.example\"}\r\n"
             "{\"maintext\":null,\"description\":\"Only a summary.\",\"date_publish\":\"2018-10-05T08:00:00Z\"}\n"
             "{\"id\":17,\"text\":\"Numbered.\",\"date\":\"some day soon\"}\n"
             "{\"id\":\"e\",\"text\":\"   \"}\n",
             (size_t)-1);
    const char *in[] = {"j/feed.jsonl"};
    doc_read(&run, in, 1, &o);
    CHECK("doc jsonl: four documents", run.st == AG_OK && run.n == 4 && run.stats.skipped_empty == 1);
    if (run.n == 4) {
        CHECK("doc jsonl: id, date, title + blank line + text",
              doc_is(&run.docs[0], "a1", "2019-07-08", "Row over tariffs\n\nBody one."));
        CHECK("doc jsonl: crawler names url, date_publish, maintext",
              doc_is(&run.docs[1], "http://x.example/2", "2018-10-04", "Body two."));
        CHECK("doc jsonl: null maintext falls back to description, id BASENAME:LINE",
              doc_is(&run.docs[2], "feed.jsonl:4", "2018-10-05", "Only a summary."));
        CHECK("doc jsonl: numeric id; unreadable date -> --date, counted",
              doc_is(&run.docs[3], "17", "2001-01-01", "Numbered.") && run.stats.dates_unread == 1);
        CHECK("doc jsonl: title kept trimmed, no url or publisher",
              strcmp(run.docs[0].title, "Row over tariffs") == 0 && strcmp(run.docs[0].url, "") == 0 &&
                  strcmp(run.docs[0].publisher, "") == 0);
        CHECK("doc jsonl: url and source_domain kept",
              strcmp(run.docs[1].url, "http://x.example/2") == 0 && strcmp(run.docs[1].publisher, "x.example") == 0 &&
                  strcmp(run.docs[1].title, "") == 0);
        char src[600];
        snprintf(src, sizeof src, "%s:3", doc_path("j/feed.jsonl"));
        CHECK("doc jsonl: source FILE:LINE", strcmp(run.docs[1].source, src) == 0);
    }
    doc_run_free(&run);

    doc_file("j/bad.jsonl",
             "{\"text\":\"Fine one.\"}\n"
             "{\"text\":\"Cut off\"\n"
             "[1,2]\n"
             "{\"text\":\"x\"} junk\n"
             "{\"text\":5}\n"
             "{\"body\":\"wrong name\"}\n"
             "{\"text\": \"Fine two.\"}\n",
             (size_t)-1);
    const char *in2[] = {"j/bad.jsonl"};
    doc_read(&run, in2, 1, NULL);
    char want[600];
    snprintf(want, sizeof want, "%s:2: malformed JSON: unexpected end of line", doc_path("j/bad.jsonl"));
    CHECK("doc jsonl: malformed line is AG_ERR_INPUT naming FILE:LINE",
          run.st == AG_ERR_INPUT && run.n == 1 && strcmp(run.err.msg, want) == 0);
    if (strcmp(run.err.msg, want) != 0)
        printf("  got: %s\n", run.err.msg);
    doc_run_free(&run);

    ag_doc_opts skip = {.skip_bad = true};
    doc_read(&run, in2, 1, &skip);
    CHECK("doc jsonl: skip_bad skips and counts the five bad lines",
          run.st == AG_OK && run.n == 2 && run.stats.skipped_bad == 5 &&
              doc_is(&run.docs[1], "bad.jsonl:7", "", "Fine two."));
    doc_run_free(&run);

    /* each kind of bad line alone, to check its message */
    static const struct {
        const char *line, *msg;
    } bads[] = {
        {"[1,2]\n", "bad1.jsonl:1: malformed JSON: expected an object, got an array"},
        {"{\"text\":\"open \\\" \n", "bad1.jsonl:1: malformed JSON: unterminated string"},
        {"{\"text\":\"x\"} junk\n", "bad1.jsonl:1: malformed JSON: unexpected character after the object at column 14"},
        {"{\"text\" \"x\"}\n", "bad1.jsonl:1: malformed JSON: unexpected character at column 9"},
        {"{\"text\":5}\n", "bad1.jsonl:1: malformed JSON: field \"text\" is a number, not a string"},
        {"{\"body\":\"b\"}\n", "bad1.jsonl:1: no text field (text, maintext, content, description)"},
    };
    for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++) {
        doc_file("j/bad1.jsonl", bads[i].line, (size_t)-1);
        const char *in3[] = {"j/bad1.jsonl"};
        doc_read(&run, in3, 1, NULL);
        char name[80];
        snprintf(name, sizeof name, "doc jsonl: message %zu", i + 1);
        CHECK(name, run.st == AG_ERR_INPUT && strstr(run.err.msg, bads[i].msg));
        if (!(run.st == AG_ERR_INPUT && strstr(run.err.msg, bads[i].msg)))
            printf("  got: %s\n", run.err.msg);
        doc_run_free(&run);
    }

    /* --text-column names the field; the default names are then not used */
    doc_file("j/custom.jsonl", "{\"text\":\"ignored\",\"story\":\"The story.\",\"headline\":\"Head\"}\n", (size_t)-1);
    ag_doc_opts col = {.text_column = "story", .title_column = "headline"};
    const char *in4[] = {"j/custom.jsonl"};
    doc_read(&run, in4, 1, &col);
    CHECK("doc jsonl: --text-column and --title-column",
          run.st == AG_OK && run.n == 1 && doc_is(&run.docs[0], "custom.jsonl:1", "", "Head\n\nThe story."));
    doc_run_free(&run);

    /* a 5 MB line */
    size_t big = 5u << 20;
    char *line = malloc(big + 64);
    if (line) {
        strcpy(line, "{\"id\":\"big\",\"text\":\"");
        size_t k = strlen(line);
        for (size_t i = 0; i < big; i++)
            line[k++] = "abcd efgh. "[i % 11];
        strcpy(line + k, "\"}\n");
        doc_file("j/big.jsonl", line, (size_t)-1);
        free(line);
        const char *in5[] = {"j/big.jsonl"};
        doc_read(&run, in5, 1, NULL);
        CHECK("doc jsonl: a 5 MB line", run.st == AG_OK && run.n == 1 && run.docs[0].text_len == big &&
                                            strncmp(run.docs[0].text, "abcd efgh. abcd", 15) == 0);
        doc_run_free(&run);
    }

    doc_file("j/empty.ndjson", "", 0);
    const char *in6[] = {"j/empty.ndjson"};
    doc_read(&run, in6, 1, NULL);
    CHECK("doc jsonl: empty file, zero documents", run.st == AG_OK && run.n == 0 && run.stats.files == 1);
    doc_run_free(&run);
}

static void test_doc_csv(void)
{
    doc_run run;
    char want_long[600];
    doc_file("c/news.csv",
             "\xEF\xBB\xBFId,Title,Published,Content,extra\r\n"
             "n1,First,2020-02-03T10:00:00,\"Ruritania, again, blamed Freedonia.\",x\r\n"
             ",Second,,\"A quote: \"\"no\"\".\r\nSecond line.\",y\r\n"
             "\r\n"
             "n3,,2020-02-30,Short row\r\n"
             "n4\r\n"
             ",, , \"A,b\" ,z\r\n",
             (size_t)-1);
    const char *in[] = {"c/news.csv"};
    ag_doc_opts o = {.default_date = "1999-12-31"};
    doc_read(&run, in, 1, &o);
    CHECK("doc csv: four documents, one empty row", run.st == AG_OK && run.n == 4 && run.stats.skipped_empty == 1);
    if (run.n == 4) {
        CHECK("doc csv: BOM, case-insensitive header, quoted commas, ISO date",
              doc_is(&run.docs[0], "n1", "2020-02-03", "First\n\nRuritania, again, blamed Freedonia."));
        CHECK("doc csv: quoted newline and quotes; id BASENAME:ROW",
              doc_is(&run.docs[1], "news.csv:3", "1999-12-31", "Second\n\nA quote: \"no\".\r\nSecond line."));
        CHECK("doc csv: row after a two-line record; bad date -> --date",
              doc_is(&run.docs[2], "n3", "1999-12-31", "Short row"));
        CHECK("doc csv: quoted comma in the last row, id from the row's line",
              doc_is(&run.docs[3], "news.csv:8", "1999-12-31", "A,b"));
    }
    doc_run_free(&run);

    /* a row with more cells than the header: an error at its line, or a counted skip */
    doc_file("c/long.csv", "id,text\na,Good one.\nb,Cut here, and the rest,x\nc,Good two.\n", (size_t)-1);
    const char *in_long[] = {"c/long.csv"};
    doc_read(&run, in_long, 1, NULL);
    snprintf(want_long, sizeof want_long, "%s:3: 4 fields where the header has 2", doc_path("c/long.csv"));
    CHECK("doc csv: more cells than the header is AG_ERR_INPUT at its line",
          run.st == AG_ERR_INPUT && strncmp(run.err.msg, want_long, strlen(want_long)) == 0);
    doc_run_free(&run);
    ag_doc_opts skip_long = {.skip_bad = true};
    doc_read(&run, in_long, 1, &skip_long);
    CHECK("doc csv: more cells than the header, --skip-bad: skipped and counted",
          run.st == AG_OK && run.n == 2 && run.stats.skipped_bad == 1);
    doc_run_free(&run);

    doc_file("c/custom.csv", "headline,story,when,key\nHead,The story.,2022-03-29,k1\n", (size_t)-1);
    ag_doc_opts col = {.text_column = "Story", .title_column = "headline", .date_column = "when", .id_column = "key"};
    const char *in2[] = {"c/custom.csv"};
    doc_read(&run, in2, 1, &col);
    CHECK("doc csv: --text-column etc.",
          run.st == AG_OK && run.n == 1 && doc_is(&run.docs[0], "k1", "2022-03-29", "Head\n\nThe story."));
    doc_run_free(&run);

    doc_read(&run, in2, 1, NULL);
    char want[600];
    snprintf(want, sizeof want, "%s:1: no text column (", doc_path("c/custom.csv"));
    CHECK("doc csv: no text column is AG_ERR_INPUT at line 1",
          run.st == AG_ERR_INPUT && strncmp(run.err.msg, want, strlen(want)) == 0 &&
              strstr(run.err.msg, "use --text-column"));
    doc_run_free(&run);

    doc_file("c/bad.csv", "id,text\na,Good one.\nb,Bad \"quote\" here\nc,\"Good two.\"\nd,\"open quote\n",
             (size_t)-1);
    const char *in3[] = {"c/bad.csv"};
    doc_read(&run, in3, 1, NULL);
    snprintf(want, sizeof want, "%s:3: malformed CSV: ", doc_path("c/bad.csv"));
    CHECK("doc csv: a stray quote is AG_ERR_INPUT naming FILE:LINE",
          run.st == AG_ERR_INPUT && run.n == 1 && strncmp(run.err.msg, want, strlen(want)) == 0);
    doc_run_free(&run);

    ag_doc_opts skip = {.skip_bad = true};
    doc_read(&run, in3, 1, &skip);
    CHECK("doc csv: skip_bad skips the stray quote and the unterminated quote",
          run.st == AG_OK && run.n == 2 && run.stats.skipped_bad == 2 && run.n == 2 &&
              doc_is(&run.docs[1], "c", "", "Good two."));
    doc_run_free(&run);

    doc_file("c/open.csv", "id,text\na,Good one.\nb,\"never closed\nstill open\n", (size_t)-1);
    const char *in4[] = {"c/open.csv"};
    doc_read(&run, in4, 1, NULL);
    snprintf(want, sizeof want, "%s:3: malformed CSV: unterminated quoted field", doc_path("c/open.csv"));
    CHECK("doc csv: unterminated quote at the end names the row's line",
          run.st == AG_ERR_INPUT && run.n == 1 && strcmp(run.err.msg, want) == 0);
    doc_run_free(&run);

    doc_file("c/empty.csv", "", 0);
    doc_file("c/header.csv", "id,text\n", (size_t)-1);
    const char *in5[] = {"c/empty.csv", "c/header.csv"};
    doc_read(&run, in5, 2, NULL);
    CHECK("doc csv: empty file and header only, zero documents", run.st == AG_OK && run.n == 0);
    doc_run_free(&run);
}

static void test_doc_dir(void)
{
    doc_run run;
    doc_file("d/b.txt", "Text b.", (size_t)-1);
    doc_file("d/a.jsonl", "{\"id\":\"a\",\"text\":\"Text a.\"}\n", (size_t)-1);
    doc_file("d/Z.csv", "text\nText Z.\n", (size_t)-1);
    doc_file("d/sub/c.txt", "Text c.", (size_t)-1);
    doc_file("d/sub/.secret.txt", "Hidden.", (size_t)-1);
    doc_file("d/.git/x.txt", "Hidden dir.", (size_t)-1);
    doc_file("d/notes.md", "Not read.", (size_t)-1);
    doc_file("d/aa.ndjson", "{\"text\":\"Text aa.\"}\n", (size_t)-1);
    const char *in[] = {"d", "one/000_abc.txt"};
    doc_read(&run, in, 2, NULL);
    CHECK("doc dir: five documents then the next input", run.st == AG_OK && run.n == 6);
    if (run.n == 6) {
        /* ids of what a directory holds are paths relative to it (sub/c.txt, not c.txt, which
         * another folder may hold too); a file named as input keeps its base name */
        const char *want[] = {"Z.csv:2", "a", "aa.ndjson:1", "b.txt", "sub/c.txt", "000_abc.txt"};
        bool ok = true;
        for (size_t i = 0; i < 6; i++)
            ok = ok && strcmp(run.docs[i].id, want[i]) == 0;
        CHECK("doc dir: entries in strcmp order, recursive, hidden left out, ids relative to the input", ok);
    }
    CHECK("doc dir: other extensions counted as skipped files",
          run.stats.skipped_files == 1 && run.stats.files == 6 && run.stats.docs == 6);
    doc_run_free(&run);
}

static void test_doc_stdin(void)
{
    doc_run run;
    const char *in[] = {"-"};
    doc_file("s/in.jsonl", "\n  {\"text\":\"From a pipe.\"}\n{\"text\":\"Second.\"}\n", (size_t)-1);
    if (freopen(doc_path("s/in.jsonl"), "rb", stdin)) {
        doc_read(&run, in, 1, NULL);
        CHECK("doc stdin: JSON Lines when it starts with '{'",
              run.st == AG_OK && run.n == 2 && doc_is(&run.docs[0], "stdin:2", "", "From a pipe.") &&
                  doc_is(&run.docs[1], "stdin:3", "", "Second."));
        doc_run_free(&run);
    }
    doc_file("s/in.txt", "\xEF\xBB\xBF\n  Plain {text} here.\n", (size_t)-1);
    if (freopen(doc_path("s/in.txt"), "rb", stdin)) {
        doc_read(&run, in, 1, NULL);
        CHECK("doc stdin: one text document otherwise",
              run.st == AG_OK && run.n == 1 && doc_is(&run.docs[0], "stdin", "", "\n  Plain {text} here.\n"));
        doc_run_free(&run);
    }
}

static void test_doc(void)
{
    snprintf(doc_dir, sizeof doc_dir, "/tmp/ag_doc_XXXXXX");
    if (!mkdtemp(doc_dir)) {
        printf("FAIL doc: cannot create a temporary directory\n");
        failures++;
        return;
    }
    test_doc_txt();
    test_doc_jsonl();
    test_doc_csv();
    test_doc_dir();
    test_doc_stdin();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", doc_dir);
    if (system(cmd) != 0)
        printf("note: could not remove %s\n", doc_dir);
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

    /* document dates from metadata, in the forms crawlers and wires write */
    static const struct { const char *in, *want; } metas[] = {
        {"2017-12-18", "2017-12-18"}, {" 2017-12-18 12:30:00 ", "2017-12-18"},
        {"2017-12-18T23:30:00-05:00", "2017-12-18"}, {"2017/12/18", "2017-12-18"},
        {"December 18, 2017", "2017-12-18"}, {"Dec. 18, 2017", "2017-12-18"}, {"Dec 18 2017", "2017-12-18"},
        {"18 December 2017", "2017-12-18"}, {"18 Dec 2017", "2017-12-18"},
        {"Monday, December 18, 2017", "2017-12-18"}, {"Mon, 18 Dec 2017 14:30:00 +0000", "2017-12-18"},
        {"1513607400", "2017-12-18"}, {"1513607400123", "2017-12-18"}, {"2017-12", "2017-12"},
        {"2017", "2017"}, {"December 2017", "2017-12"}, {"12/18/2017", "2017-12-18"}, {"18.12.2017", "2017-12-18"}};
    for (size_t i = 0; i < sizeof metas / sizeof metas[0]; i++) {
        char name[96];
        snprintf(name, sizeof name, "date from metadata \"%s\"", metas[i].in);
        CHECK(name, ag_date_from_meta(metas[i].in, strlen(metas[i].in), out) && strcmp(out, metas[i].want) == 0);
    }
    static const char *const bad_metas[] = {"", "soon", "2017-02-30", "February 30, 2017", "99999", "Mon"};
    for (size_t i = 0; i < sizeof bad_metas / sizeof bad_metas[0]; i++) {
        char name[96];
        snprintf(name, sizeof name, "date from metadata refuses \"%s\"", bad_metas[i]);
        CHECK(name, !ag_date_from_meta(bad_metas[i], strlen(bad_metas[i]), out) && out[0] == '\0');
    }
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

/* Reads a whole stream back from the start into a malloc'ed string. */
static char *slurp(FILE *fp, size_t *len)
{
    ag_buf b;
    ag_buf_init(&b);
    char chunk[4096];
    size_t n;
    rewind(fp);
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        ag_buf_append(&b, chunk, n);
    *len = b.len;
    return ag_buf_steal(&b);
}

static bool file_is(const char *path, const char *s, size_t n)
{
    char *want = NULL;
    size_t wn = 0;
    bool ok = ag_read_file(path, 0, NULL, &want, &wn, NULL) == AG_OK && wn == n && memcmp(want, s, n) == 0;
    free(want);
    return ok;
}

/* The triple writers write exactly what the readers accept (tests/data fixtures, both ways). */
static void test_triple_io(void)
{
    static const char *jsonl = "tests/data/triples-small.jsonl", *csvf = "tests/data/triples-small.csv";
    ag_triples ts;
    ag_triples_init(&ts);
    ag_err err = {""};
    ag_status st = ag_triples_read(jsonl, &ts, NULL, &err);
    CHECK("triples: fixture reads", st == AG_OK && ts.len == 10);
    for (int f = 0; f < 2 && st == AG_OK; f++) {
        FILE *fp = tmpfile();
        ag_triple_writer w;
        ag_triple_writer_init(&w, fp, f ? AG_TRIPLES_CSV : AG_TRIPLES_JSONL);
        ag_status ws = AG_OK;
        for (size_t i = 0; i < ts.len && ws == AG_OK; i++) {
            ag_triple copy;
            ws = ag_triple_copy(&copy, &ts.items[i]);
            if (ws == AG_OK) {
                ws = ag_triple_writer_put(&w, &copy, &err);
                ag_triple_destroy(&copy);
            }
        }
        if (ws == AG_OK)
            ws = ag_triple_writer_finish(&w, &err);
        size_t n;
        char *s = slurp(fp, &n);
        CHECK(f ? "triples: csv writer reproduces the csv fixture" : "triples: jsonl writer reproduces the input",
              ws == AG_OK && w.count == 10 && file_is(f ? csvf : jsonl, s, n));
        free(s);
        fclose(fp);
    }
    ag_triples_destroy(&ts);

    /* Confidence rounding, cleaning of bad strings, refusal of triples that break the contract. */
    ag_triple t;
    ag_triple_init(&t);
    free(t.source.id), t.source.id = ag_strdup("RUS");
    free(t.target.id), t.target.id = ag_strdup("UKR");
    free(t.action), t.action = ag_strdup("accuse");
    free(t.sentence), t.sentence = ag_strdup("bad \xff byte, bell \a, line\u2028sep");
    t.confidence = 0.12345;
    FILE *fp = tmpfile();
    st = ag_triple_write_jsonl(fp, &t);
    t.confidence = 0.0001;
    if (st == AG_OK)
        st = ag_triple_write_jsonl(fp, &t);
    size_t n;
    char *s = slurp(fp, &n);
    CHECK("triples: confidence printed with 3 decimals, never 0",
          st == AG_OK && strstr(s, "\"confidence\":0.123,") && strstr(s, "\"confidence\":0.001,"));
    CHECK("triples: writer output is valid UTF-8, control characters cleaned, U+2028 escaped",
          ag_utf8_valid(s, n) && strstr(s, "bad \xEF\xBF\xBD byte, bell  , line\\u2028sep"));
    free(s);
    fclose(fp);
    t.confidence = 0;
    CHECK("triples: writer refuses confidence 0", ag_triple_write_jsonl(stdout, &t) == AG_ERR_INPUT);
    t.confidence = 1;
    free(t.date), t.date = ag_strdup("2021-02-30");
    CHECK("triples: check names a bad date",
          ag_triple_check(&t, &err) == AG_ERR_INPUT && strstr(err.msg, "date must be"));
    ag_triple_destroy(&t);

    fp = tmpfile();
    ag_triple_writer w;
    ag_triple_writer_init(&w, fp, AG_TRIPLES_CSV);
    st = ag_triple_writer_finish(&w, &err);
    s = slurp(fp, &n);
    CHECK("triples: csv writer with no triples writes the header",
          st == AG_OK && n > 10 && strncmp(s, "doc,sentence,offset,source_name,", 32) == 0 && s[n - 1] == '\n');
    free(s);
    fclose(fp);
    CHECK("triples: format from path",
          ag_triple_format_for_path("x.CSV") == AG_TRIPLES_CSV && ag_triple_format_for_path("-") == AG_TRIPLES_JSONL);
}

/* ag_analysis on graphs built in C: the paths the CLI cannot reach (no attributes at all, bad
 * weights), the views' definitions and the ranking's tie-breaks. */
static bool vec_is(const igraph_vector_t *v, const double *want, igraph_integer_t n)
{
    if (igraph_vector_size(v) != n)
        return false;
    for (igraph_integer_t i = 0; i < n; i++)
        if (!(fabs(VECTOR(*v)[i] - want[i]) <= 1e-12))
            return false;
    return true;
}

/* A triple of doc d: source s accuses target t of charge c in sentence i. */
static void merge_triple(ag_triples *ts, const char *d, const char *s, const char *t, const char *c, long i,
                         bool negated)
{
    ag_triple x;
    ag_triple_init(&x);
    free(x.doc), x.doc = ag_strdup(d);
    free(x.source.id), x.source.id = ag_strdup(s);
    free(x.target.id), x.target.id = ag_strdup(t);
    free(x.action), x.action = ag_strdup(i == 2 ? "Accuse" : "accuse");
    free(x.charge), x.charge = ag_strdup(c);
    char sent[64];
    snprintf(sent, sizeof sent, "sentence %ld", i);
    free(x.sentence), x.sentence = ag_strdup(sent);
    x.sentence_index = i;
    x.confidence = 0.5 + 0.1 * (double)i;
    x.negated = negated;
    ag_triples_push(ts, &x);
}

/* One accusation reported many times in a document is one triple (ag_triples_merge_repeats). */
static void test_merge_repeats(void)
{
    ag_triples ts;
    ag_triples_init(&ts);
    ag_err err = {""};
    merge_triple(&ts, "d", "FRD", "SYL", "", 0, false);                     /* headline, no charge */
    merge_triple(&ts, "d", "FRD", "SYL", "Jamming the  Radio.", 1, false);  /* gives the charge */
    merge_triple(&ts, "d", "FRD", "SYL", "jamming the radio", 2, false);    /* repeat, action in capitals */
    merge_triple(&ts, "d", "FRD", "SYL", "jamming the radio", 2, false);    /* the same sentence again */
    merge_triple(&ts, "d", "FRD", "NCO", "jamming the radio", 3, false);    /* another target */
    merge_triple(&ts, "d", "FRD", "SYL", "stealing cattle", 4, false);      /* another charge */
    merge_triple(&ts, "d", "FRD", "SYL", "jamming the radio", 5, true);     /* negated */
    merge_triple(&ts, "e", "FRD", "SYL", "jamming the radio", 6, false);    /* another document */
    size_t merged = 0;
    ag_status st = ag_triples_merge_repeats(&ts, &merged, &err);
    CHECK("merge: ok, three folded", st == AG_OK && merged == 3 && ts.len == 5);
    const ag_triple *t = &ts.items[0];
    CHECK("merge: the first report's sentence, the first charge, every sentence listed",
          ts.len == 5 && t->mentions == 3 && t->sentence_index == 0 && strcmp(t->sentence, "sentence 0") == 0 &&
              strcmp(t->charge, "Jamming the  Radio.") == 0 && strcmp(t->sentence_indexes, "0 1 2") == 0 &&
              strcmp(t->sentences, "sentence 0\nsentence 1\nsentence 2") == 0 && fabs(t->confidence - 0.7) < 1e-9);
    CHECK("merge: other target, charge, negation and document stay apart, in order",
          ts.len == 5 && strcmp(ts.items[1].target.id, "NCO") == 0 && strcmp(ts.items[2].charge, "stealing cattle") == 0 &&
              ts.items[3].negated && strcmp(ts.items[4].doc, "e") == 0 && ts.items[4].mentions == 1 &&
              ts.items[4].sentence_indexes[0] == '\0');
    CHECK("merge: the result passes the triple check", ts.len == 5 && ag_triple_check(&ts.items[0], &err) == AG_OK);
    ag_triples_destroy(&ts);
    CHECK("merge: nothing to merge in an empty list", ag_triples_merge_repeats(&ts, &merged, &err) == AG_OK && merged == 0);
}

static void test_analysis(void)
{
    igraph_t g, h;
    igraph_vector_t v, v2;
    igraph_strvector_t labels;
    igraph_vector_int_t order;
    ag_measure m;
    ag_err err;
    ag_stats st;
    bool names_ok = true;

    igraph_set_attribute_table(&igraph_cattribute_table);
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
    for (int i = 0; i < AG_M_COUNT; i++)
        names_ok = names_ok && ag_measure_from_name(ag_measure_name((ag_measure)i), &m) && m == (ag_measure)i;
    CHECK("analysis measure names round-trip", names_ok);
    CHECK("analysis measure name with _", ag_measure_from_name("in_degree", &m) && m == AG_M_IN_DEGREE);
    CHECK("analysis unknown measure", !ag_measure_from_name("fame", &m) && !ag_measure_name(AG_M_COUNT));

    /* 0->1 twice, 1->0, a loop on 2, vertex 3 isolated; no attributes at all */
    igraph_small(&g, 4, IGRAPH_DIRECTED, 0, 1, 0, 1, 1, 0, 2, 2, -1);
    igraph_vector_init(&v, 0);
    igraph_vector_init(&v2, 0);
    igraph_strvector_init(&labels, 0);
    igraph_vector_int_init(&order, 0);
    CHECK("analysis labels fall back to n<i>", ag_vertex_labels(&g, &labels, &err) == AG_OK &&
          igraph_strvector_size(&labels) == 4 && strcmp(igraph_strvector_get(&labels, 3), "n3") == 0);
    CHECK("analysis unweighted in-degree counts parallel edges and loops",
          ag_centrality(&g, AG_M_IN_DEGREE, false, &v, &err) == AG_OK && vec_is(&v, (double[]){1, 2, 1, 0}, 4));
    CHECK("analysis weighted in-degree counts distinct accusers, no loops",
          ag_centrality(&g, AG_M_IN_DEGREE, true, &v, &err) == AG_OK && vec_is(&v, (double[]){1, 1, 0, 0}, 4));
    CHECK("analysis weighted in-strength: weight 1 per edge when the attribute is missing",
          ag_centrality(&g, AG_M_IN_STRENGTH, true, &v, &err) == AG_OK && vec_is(&v, (double[]){1, 2, 0, 0}, 4));
    CHECK("analysis closeness NaN when nothing is reachable",
          ag_centrality(&g, AG_M_CLOSENESS, false, &v, &err) == AG_OK && isnan(VECTOR(v)[3]) &&
          VECTOR(v)[0] == 1.0);

    CHECK("analysis stats on an attribute-less graph", ag_stats_compute(&g, 0, &st, &err) == AG_OK &&
          st.actors == 4 && st.isolated == 1 && st.accusations == 4 && st.self_accusations == 1 && st.pairs == 2 &&
          st.mutual_pairs == 1 && st.reciprocity == 1.0 && st.dated == 0 && st.n_actions == 1 &&
          st.actions[0].count == 4 && st.n_accusers == 3 && strcmp(st.accusers[0].name, "n0") == 0 &&
          strcmp(st.accusers[1].name, "n1") == 0 && st.n_accused == 3);
    ag_stats_destroy(&st);

    /* parallel edges are the same as summed weights: the two views agree on a loop-free graph */
    igraph_small(&h, 5, IGRAPH_DIRECTED, 0, 1, 0, 1, 0, 1, 1, 2, 2, 0, 3, 2, 3, 2, 2, 4, 4, 1, -1);
    bool same = true;
    ag_measure eq[] = {AG_M_PAGERANK, AG_M_HUB, AG_M_AUTHORITY, AG_M_EIGENVECTOR, AG_M_IN_STRENGTH};
    for (size_t i = 0; i < sizeof eq / sizeof eq[0]; i++) {
        same = same && ag_centrality(&h, eq[i], false, &v, &err) == AG_OK &&
               ag_centrality(&h, eq[i], true, &v2, &err) == AG_OK && igraph_vector_size(&v) == 5;
        for (igraph_integer_t k = 0; same && k < 5; k++)
            same = fabs(VECTOR(v)[k] - VECTOR(v2)[k]) < 1e-9;
    }
    CHECK("analysis multigraph and weighted view agree (pagerank, hub, authority, eigenvector, strength)", same);
    igraph_destroy(&h);

    /* weights: 0 is refused by the weighted view only, a string attribute too */
    igraph_vector_t w;
    igraph_vector_init(&w, 4);
    igraph_vector_fill(&w, 1);
    VECTOR(w)[2] = 0;
    SETEANV(&g, "weight", &w);
    CHECK("analysis weight 0 refused when weighted", ag_centrality(&g, AG_M_PAGERANK, true, &v, &err) == AG_ERR_INPUT &&
          strstr(err.msg, "edge 2 has weight 0"));
    /* weights count on the multigraph too (an edge of weight w is w accusations): 0 is refused there as well */
    CHECK("analysis weight 0 refused on the multigraph too", ag_centrality(&g, AG_M_PAGERANK, false, &v, &err) ==
          AG_ERR_INPUT && strstr(err.msg, "edge 2 has weight 0"));
    DELEA(&g, "weight");
    {
        /* one edge of weight 2 is two parallel edges of weight 1, for every measure but degree */
        igraph_t one, two;
        igraph_small(&one, 3, IGRAPH_DIRECTED, 0, 1, 1, 2, 2, 0, -1);
        igraph_small(&two, 3, IGRAPH_DIRECTED, 0, 1, 0, 1, 1, 2, 2, 0, -1);
        igraph_vector_t w3;
        igraph_vector_init(&w3, 3);
        igraph_vector_fill(&w3, 1);
        VECTOR(w3)[0] = 2;
        SETEANV(&one, "weight", &w3);
        bool agree = true;
        ag_measure ms[] = {AG_M_IN_STRENGTH, AG_M_OUT_STRENGTH, AG_M_PAGERANK, AG_M_HUB, AG_M_AUTHORITY};
        for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++) {
            agree = agree && ag_centrality(&one, ms[i], false, &v, &err) == AG_OK &&
                    ag_centrality(&two, ms[i], false, &v2, &err) == AG_OK;
            for (igraph_integer_t k = 0; agree && k < 3; k++)
                agree = fabs(VECTOR(v)[k] - VECTOR(v2)[k]) < 1e-9;
        }
        CHECK("analysis a weight of 2 counts as two accusations (strength, pagerank, hub, authority)", agree);
        CHECK("analysis degree counts edges, not weights",
              ag_centrality(&one, AG_M_OUT_DEGREE, false, &v, &err) == AG_OK && VECTOR(v)[0] == 1);
        ag_stats st1;
        CHECK("analysis stats count accusations by weight", ag_stats_compute(&one, 0, &st1, &err) == AG_OK &&
              st1.accusations == 4 && st1.n_accusers > 0 && st1.accusers[0].count == 2);
        ag_stats_destroy(&st1);
        igraph_vector_destroy(&w3);
        igraph_destroy(&one);
        igraph_destroy(&two);
    }
    for (igraph_integer_t e = 0; e < 4; e++)
        SETEAS(&g, "weight", e, "heavy");
    CHECK("analysis string weights refused", ag_centrality(&g, AG_M_BETWEENNESS, true, &v, &err) == AG_ERR_INPUT);
    igraph_vector_destroy(&w);

    /* ranking: score desc, then label, NaN last */
    igraph_vector_resize(&v, 4);
    VECTOR(v)[0] = 1; VECTOR(v)[1] = NAN; VECTOR(v)[2] = 2; VECTOR(v)[3] = 2;
    igraph_strvector_set(&labels, 0, "b");
    igraph_strvector_set(&labels, 1, "a");
    igraph_strvector_set(&labels, 2, "z");
    igraph_strvector_set(&labels, 3, "c");
    CHECK("analysis rank order ties by label, NaN last", ag_rank_order(&v, &labels, &order, &err) == AG_OK &&
          VECTOR(order)[0] == 3 && VECTOR(order)[1] == 2 && VECTOR(order)[2] == 0 && VECTOR(order)[3] == 1);

    igraph_destroy(&g);
    igraph_empty(&g, 0, IGRAPH_DIRECTED);
    same = true;
    for (int i = 0; i < AG_M_COUNT; i++)
        for (int wt = 0; wt < 2; wt++)
            same = same && ag_centrality(&g, (ag_measure)i, wt, &v, &err) == AG_OK && igraph_vector_size(&v) == 0;
    CHECK("analysis every measure on the null graph", same);
    igraph_destroy(&g);

    igraph_vector_int_destroy(&order);
    igraph_strvector_destroy(&labels);
    igraph_vector_destroy(&v2);
    igraph_vector_destroy(&v);
}

/* Extra numeric node columns (the run command's centrality scores) reach every exporter; a
 * value that is not finite is left empty/null/out; bad columns are refused before writing. */
/* CAMEO roots and QuadClass (GDELT 2.0 codebook): every root, and what is no CAMEO code. */
static void test_cameo(void)
{
    char root[3];
    int quad, want[21] = {0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4};
    bool ok = true;
    for (int r = 1; r <= 20; r++) {
        char code[8];
        snprintf(code, sizeof code, "%02d%d", r, r % 10);
        ok = ok && ag_exp_cameo_root(code, root, &quad) && quad == want[r] && atoi(root) == r && strlen(root) == 2;
    }
    CHECK("cameo: roots 01-20 and their QuadClass", ok);
    CHECK("cameo: deny 016 is root 01, verbal cooperation",
          ag_exp_cameo_root("016", root, &quad) && strcmp(root, "01") == 0 && quad == 1);
    CHECK("cameo: 1125 is root 11, verbal conflict",
          ag_exp_cameo_root("1125", root, &quad) && strcmp(root, "11") == 0 && quad == 3);
    CHECK("cameo: a root alone (18) is material conflict", ag_exp_cameo_root("18", root, &quad) && quad == 4);
    static const char *const bad[] = {"", "1", "21", "00", "0a1", "11250", "-12", " 112"};
    ok = true;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ok = ok && !ag_exp_cameo_root(bad[i], root, &quad) && root[0] == '\0' && quad == 0;
    CHECK("cameo: no root for what is no code", ok);
}

static void test_export_columns(void)
{
    igraph_set_attribute_table(&igraph_cattribute_table);
    ag_triples ts;
    ag_triples_init(&ts);
    ag_err err = {""};
    ag_build_opts bo;
    ag_build_opts_init(&bo);
    igraph_t g;
    bool built = ag_triples_read("tests/data/triples-small.jsonl", &ts, NULL, &err) == AG_OK &&
                 ag_graph_build(&ts, &bo, &g, &err) == AG_OK;
    ag_triples_destroy(&ts);
    CHECK("export columns: graph built", built && igraph_vcount(&g) == 9);
    if (!built)
        return;
    igraph_vector_t pr, hub;
    igraph_vector_init(&pr, 9);
    igraph_vector_init(&hub, 9);
    for (int i = 0; i < 9; i++) {
        VECTOR(pr)[i] = 0.5 / (i + 1);
        VECTOR(hub)[i] = i == 1 ? NAN : -1e-17 * i;
    }
    ag_node_column cols[] = {{"pagerank", &pr}, {"hub", &hub}};
    ag_export_opts o;
    ag_export_opts_init(&o);
    o.columns = cols;
    o.ncolumns = 2;
    char dir[] = "/tmp/ag-unit-export-XXXXXX", path[256];
    bool made = mkdtemp(dir) != NULL;
    snprintf(path, sizeof path, "%s/g", dir);
    char *s = NULL;
    size_t n = 0;
    ag_status st = made ? ag_export(&g, AG_EXPORT_CSV, path, &o, &err) : AG_ERR_IO;
    snprintf(path, sizeof path, "%s/g.nodes.csv", dir);
    CHECK("export columns: csv header and cells",
          st == AG_OK && ag_read_file(path, 0, NULL, &s, &n, NULL) == AG_OK &&
              strstr(s, "Id,Label,type,country,mentions,pagerank,hub\r\n") &&
              strstr(s, "\r\nRUS,Moscow,state,RUS,4,0.5,0\r\n") && strstr(s, "\r\nUKR,Kyiv,state,UKR,2,0.25,\r\n") &&
              strstr(s, ",0.16666666666666666,-2e-17\r\n"));
    free(s);
    s = NULL;
    remove(path);
    snprintf(path, sizeof path, "%s/g.edges.csv", dir);
    remove(path);
    snprintf(path, sizeof path, "%s/g.json", dir);
    st = ag_export(&g, AG_EXPORT_JSON, path, &o, &err);
    CHECK("export columns: json numbers and null",
          st == AG_OK && ag_read_file(path, 0, NULL, &s, &n, NULL) == AG_OK &&
              strstr(s, "\"mentions\":2,\"pagerank\":0.25,\"hub\":null}"));
    free(s);
    s = NULL;
    remove(path);
    snprintf(path, sizeof path, "%s/g.gexf", dir);
    st = ag_export(&g, AG_EXPORT_GEXF, path, &o, &err);
    CHECK("export columns: gexf declares and fills them",
          st == AG_OK && ag_read_file(path, 0, NULL, &s, &n, NULL) == AG_OK &&
              strstr(s, "<attribute id=\"pagerank\" title=\"pagerank\" type=\"double\"/>") &&
              strstr(s, "<attvalue for=\"pagerank\" value=\"0.25\"/>\n        </attvalues>"));
    free(s);
    s = NULL;
    remove(path);
    snprintf(path, sizeof path, "%s/g.graphml", dir);
    st = ag_export(&g, AG_EXPORT_GRAPHML, path, &o, &err);
    CHECK("export columns: graphml vertex attributes",
          st == AG_OK && ag_read_file(path, 0, NULL, &s, &n, NULL) == AG_OK &&
              strstr(s, "attr.name=\"pagerank\" attr.type=\"double\"") && !strstr(s, "nan") && !strstr(s, "Inf"));
    free(s);
    remove(path);
    ag_node_column bad[] = {{"Label", &pr}};
    o.columns = bad;
    o.ncolumns = 1;
    snprintf(path, sizeof path, "%s/bad.json", dir);
    st = ag_export(&g, AG_EXPORT_JSON, path, &o, &err);
    struct stat sb;
    CHECK("export columns: a clash with a built-in column is refused, nothing written",
          st == AG_ERR_USAGE && strstr(err.msg, "clashes") && stat(path, &sb) != 0);
    igraph_vector_resize(&pr, 3);
    cols[1].values = &hub;
    o.columns = cols;
    o.ncolumns = 2;
    st = ag_export(&g, AG_EXPORT_GEXF, path, &o, &err);
    CHECK("export columns: a column of the wrong length is refused", st == AG_ERR_USAGE);
    if (made)
        rmdir(dir);
    igraph_vector_destroy(&pr);
    igraph_vector_destroy(&hub);
    igraph_destroy(&g);
}

/* ---- the parser (ag_parse.h, parse_model.h): oracle, training, model I/O, token mapping, CoNLL-U ---- */

#define PARSE_FIXTURE "tests/data/parse/fixture.conllu"
#define PARSE_FIXTURE_SENTENCES 20 /* the sentences and words written in the fixture */
#define PARSE_FIXTURE_WORDS 226

static char parse_dir[64];

/* Writes s to parse_dir/name and returns the path (one of four static buffers). */
static const char *parse_file(const char *name, const void *s, size_t n)
{
    static char path[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", parse_dir, name);
    FILE *fp = fopen(path[k], "wb");
    if (!fp || fwrite(s, 1, n, fp) != n) {
        printf("FAIL parse fixture %s: cannot write\n", path[k]);
        failures++;
    }
    if (fp)
        fclose(fp);
    return path[k];
}

/* The dynamic oracle, followed greedily (the lowest-numbered transition of least cost), rebuilds
 * every gold tree of the fixture, which is projective, at cost 0 all the way. */
static void test_parse_oracle(const ag_treebank *tb)
{
    const char *names[64];
    uint32_t nlabels = 0;
    int root_label = -1;
    bool labels_ok = true;
    for (size_t i = 0; i < tb->n; i++)
        for (size_t j = 0; j < tb->s[i].n; j++) {
            const char *r = tb->s[i].w[j].deprel;
            uint32_t l = 0;
            while (l < nlabels && strcmp(names[l], r) != 0)
                l++;
            if (l == nlabels) {
                if (nlabels == 64) {
                    labels_ok = false;
                    continue;
                }
                names[nlabels++] = r;
            }
            if (strcmp(r, "root") == 0)
                root_label = (int)l;
        }
    CHECK("parse oracle: the fixture has a root label and fewer than 64 labels", labels_ok && root_label >= 0);
    if (!labels_ok || root_label < 0)
        return;
    pm_work k;
    memset(&k, 0, sizeof k);
    uint32_t ntr = pm_ntransitions(nlabels);
    int32_t *cost = calloc(ntr, sizeof *cost);
    size_t exact = 0, zero_cost = 0, some_costly = 0, sentences = 0;
    bool costly_seen = false;
    for (size_t i = 0; i < tb->n && cost; i++) {
        const ag_gold_sent *g = &tb->s[i];
        uint32_t n = (uint32_t)g->n;
        uint32_t *gh = calloc(n + 2, sizeof *gh);
        uint8_t *gl = calloc(n + 2, 1);
        if (!gh || !gl || ag_pm_work_reserve(&k, n, pm_nclasses(nlabels)) != AG_OK) {
            free(gh);
            free(gl);
            break;
        }
        for (uint32_t j = 0; j < n; j++) {
            gh[j + 1] = g->w[j].head;
            uint32_t l = 0;
            while (strcmp(names[l], g->w[j].deprel) != 0)
                l++;
            gl[j + 1] = (uint8_t)l;
        }
        pm_config *c = &k.c;
        ag_pm_config_init(c, n);
        bool stuck = false, all_zero = true;
        uint32_t steps = 0;
        while (!pm_terminal(c) && steps <= 2 * n + 2) {
            int32_t best = ag_pm_costs(c, gh, gl, nlabels, root_label, cost);
            if (best == INT32_MAX) {
                stuck = true;
                break;
            }
            if (best != 0)
                all_zero = false;
            int cls = -1;
            for (uint32_t t = 0; t < ntr; t++) {
                if (cost[t] != INT32_MAX && cost[t] > best)
                    costly_seen = true;
                if (cls < 0 && cost[t] == best)
                    cls = (int)t;
            }
            ag_pm_apply(c, cls, nlabels);
            steps++;
        }
        bool same = !stuck && pm_terminal(c) && steps == 2 * n;
        for (uint32_t j = 1; same && j <= n; j++)
            same = c->head[j] == gh[j] && c->label[j] == gl[j];
        if (!same)
            printf("  oracle: sentence %s (line %zu) not rebuilt (%u steps for %u words%s)\n", g->sent_id, g->line,
                   steps, n, stuck ? ", stuck" : "");
        exact += same;
        zero_cost += all_zero;
        some_costly += costly_seen;
        costly_seen = false;
        sentences++;
        free(gh);
        free(gl);
    }
    CHECK("parse oracle: rebuilds the gold heads and labels of every fixture sentence",
          sentences == PARSE_FIXTURE_SENTENCES && exact == sentences);
    CHECK("parse oracle: the least cost is 0 at every step of a projective tree", zero_cost == sentences);
    CHECK("parse oracle: wrong transitions cost something in every sentence", some_costly == sentences);

    /* Hand-checked costs on "Freedonia accused Sylvania ...": at the start only shift is valid and
     * free; after it, "Freedonia" is s0 and "accused" (its head, label nsubj) b0, s1 the root. */
    const ag_gold_sent *g = &tb->s[0];
    if (cost && tb->n && g->n >= 3 && g->n < 62 && ag_pm_work_reserve(&k, g->n, pm_nclasses(nlabels)) == AG_OK) {
        uint32_t n = (uint32_t)g->n, gh[64] = {0};
        uint8_t gl[64] = {0};
        int nsubj = -1, obj = -1;
        for (uint32_t l = 0; l < nlabels; l++) {
            if (strcmp(names[l], "nsubj") == 0)
                nsubj = (int)l;
            if (strcmp(names[l], "obj") == 0)
                obj = (int)l;
        }
        for (uint32_t j = 0; j < n && j < 62; j++) {
            gh[j + 1] = g->w[j].head;
            for (uint32_t l = 0; l < nlabels; l++)
                if (strcmp(names[l], g->w[j].deprel) == 0)
                    gl[j + 1] = (uint8_t)l;
        }
        ag_pm_config_init(&k.c, n);
        int32_t c0 = ag_pm_costs(&k.c, gh, gl, nlabels, root_label, cost);
        bool initial = c0 == 0 && cost[PM_SHIFT] == 0 && cost[1 + nsubj] == INT32_MAX &&
                       cost[1 + nlabels + nsubj] == INT32_MAX;
        ag_pm_apply(&k.c, PM_SHIFT, nlabels);
        ag_pm_costs(&k.c, gh, gl, nlabels, root_label, cost);
        /* shifting "accused" over "Freedonia" loses both of accused's gold arcs: it can no longer
         * be Freedonia's head (only s1 -> s0 arcs remain between them) nor the root's dependent */
        CHECK("parse oracle: costs by hand (shift 2, left-arc nsubj 0, left-arc obj 1, right-arcs invalid)",
              initial && nsubj >= 0 && obj >= 0 && cost[PM_SHIFT] == 2 && cost[1 + nsubj] == 0 &&
                  cost[1 + obj] == 1 && cost[1 + nlabels + nsubj] == INT32_MAX &&
                  cost[1 + nlabels + (uint32_t)root_label] == INT32_MAX);
    }
    free(cost);
    ag_pm_work_free(&k);
}

/* Parses every fixture sentence's forms with p into s; returns false on an error. The result
 * for sentence i is left in out[i] (tags, heads, labels) when out is not NULL. */
typedef struct parse_result {
    uint16_t tag[64];
    uint8_t upos[64], label[64], rel[64];
    uint32_t head[64];
    size_t n;
} parse_result;

static bool parse_fixture(const ag_parser *p, const ag_treebank *tb, parse_result *out)
{
    ag_parse s;
    ag_parse_init(&s);
    bool ok = true;
    for (size_t i = 0; ok && i < tb->n; i++) {
        const ag_gold_sent *g = &tb->s[i];
        ag_parse_clear(&s);
        for (size_t j = 0; ok && j < g->n; j++)
            ok = ag_parse_add(&s, g->w[j].form, strlen(g->w[j].form), (uint32_t)j, g->w[j].space_after) == AG_OK;
        ok = ok && ag_parser_run(p, &s) == AG_OK && s.n == g->n && g->n <= 64;
        size_t roots = 0;
        for (size_t j = 1; ok && j <= s.n; j++) {
            const ag_word *w = &s.w[j];
            ok = w->head <= s.n && w->head != j && strcmp(w->form, g->w[j - 1].form) == 0 && w->tok == j - 1;
            roots += w->head == 0;
            out[i].tag[j - 1] = w->tag;
            out[i].upos[j - 1] = w->upos;
            out[i].head[j - 1] = w->head;
            out[i].label[j - 1] = w->label;
            out[i].rel[j - 1] = w->rel;
        }
        ok = ok && roots == 1;
        out[i].n = s.n;
    }
    ag_parse_destroy(&s);
    return ok;
}

static void test_parse_model(const ag_treebank *tb, ag_parser **tiny)
{
    ag_err err = {{0}};
    ag_train_opts o;
    memset(&o, 0, sizeof o);
    o.train_path = o.dev_path = PARSE_FIXTURE;
    o.tagger_epochs = 3;
    o.parser_epochs = 3;
    o.folds = 2;
    o.threads = 1;
    o.log = NULL;
    ag_buf m1, m2;
    ag_buf_init(&m1);
    ag_buf_init(&m2);
    ag_status st1 = ag_parser_train(&o, &m1, &err);
    if (st1 != AG_OK)
        printf("  train: %s\n", err.msg);
    ag_status st2 = ag_parser_train(&o, &m2, &err);
    CHECK("parse train: a tiny model from the fixture", st1 == AG_OK && st2 == AG_OK && m1.len > sizeof(pm_header));
    CHECK("parse train: the same options give the same bytes",
          st1 == AG_OK && st2 == AG_OK && m1.len == m2.len && memcmp(m1.data, m2.data, m1.len) == 0);
    if (st1 != AG_OK || m1.len <= sizeof(pm_header)) {
        ag_buf_destroy(&m1);
        ag_buf_destroy(&m2);
        return;
    }
    ag_parser *pm = NULL, *pl = NULL;
    ag_status sm = ag_parser_from_memory(m1.data, m1.len, &pm, &err);
    const char *path = parse_file("tiny.model", m1.data, m1.len);
    ag_status sl = ag_parser_load(path, &pl, &err);
    CHECK("parse model: from memory and from a file", sm == AG_OK && sl == AG_OK && pm && pl);
    static parse_result rm[PARSE_FIXTURE_SENTENCES], rl[PARSE_FIXTURE_SENTENCES];
    if (pm && pl && tb->n == PARSE_FIXTURE_SENTENCES) {
        memset(rm, 0, sizeof rm);
        memset(rl, 0, sizeof rl);
        bool okm = parse_fixture(pm, tb, rm), okl = parse_fixture(pl, tb, rl);
        CHECK("parse model: every sentence parses into one tree", okm && okl);
        CHECK("parse model: loaded and in-memory copies give the same tags, heads and labels",
              okm && okl && memcmp(rm, rl, sizeof rm) == 0);
        bool names = true;
        for (size_t i = 0; i < tb->n; i++)
            for (size_t j = 0; j < rm[i].n; j++)
                names = names && strcmp(ag_parser_xpos(pm, rm[i].tag[j]), ag_parser_xpos(pl, rl[i].tag[j])) == 0 &&
                        strcmp(ag_parser_label(pm, rm[i].label[j]), ag_parser_label(pl, rl[i].label[j])) == 0 &&
                        ag_deprel_from_name(ag_parser_label(pm, rm[i].label[j]),
                                            strlen(ag_parser_label(pm, rm[i].label[j]))) == rm[i].rel[j];
        CHECK("parse model: tag and label names agree and name the relations", names);
        ag_parse_scores sc;
        ag_status se = ag_parser_evaluate(pm, tb, &sc, NULL, &err);
        CHECK("parse model: evaluation counts the fixture, scores in [0, 1]",
              se == AG_OK && sc.sentences == PARSE_FIXTURE_SENTENCES && sc.words == PARSE_FIXTURE_WORDS &&
                  sc.upos >= 0 && sc.upos <= 1 && sc.uas >= 0 && sc.uas <= 1 && sc.las <= sc.uas &&
                  sc.las_full <= sc.las);
        /* trained and scored on the same 226 words, even 3 iterations learn most of them */
        CHECK("parse model: the tiny model has learnt its own training words (UPOS > 0.8)",
              se == AG_OK && sc.upos > 0.8);
        if (se != AG_OK || sc.upos <= 0.8)
            printf("  tiny model on its training set: UPOS %.3f UAS %.3f LAS %.3f\n", sc.upos, sc.uas, sc.las);
    }
    /* damaged copies are refused, not read */
    size_t cuts[] = {0, 7, sizeof(pm_header) - 1, sizeof(pm_header), m1.len / 2, m1.len - 1};
    bool all_refused = true;
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        ag_parser *q = (ag_parser *)1;
        ag_status s = ag_parser_from_memory(m1.data, cuts[i], &q, &err);
        if (s != AG_ERR_INPUT || q != NULL) {
            printf("  truncated to %zu bytes: status %d\n", cuts[i], (int)s);
            all_refused = false;
        }
        if (s == AG_OK)
            ag_parser_free(q);
    }
    CHECK("parse model: truncated copies are AG_ERR_INPUT", all_refused);
    char *bad = malloc(m1.len);
    if (bad) {
        memcpy(bad, m1.data, m1.len);
        bad[0] ^= 0x20;
        ag_parser *q = NULL;
        err.msg[0] = '\0';
        ag_status s = ag_parser_from_memory(bad, m1.len, &q, &err);
        CHECK("parse model: a flipped magic byte is AG_ERR_INPUT with a message",
              s == AG_ERR_INPUT && q == NULL && strstr(err.msg, "model"));
        ag_parser_free(q);
        memcpy(bad, m1.data, m1.len);
        bad[8] ^= 1; /* the version */
        s = ag_parser_from_memory(bad, m1.len, &q, &err);
        CHECK("parse model: another format version is AG_ERR_INPUT", s == AG_ERR_INPUT && q == NULL);
        ag_parser_free(q);
        free(bad);
    }
    ag_parser *q = NULL;
    snprintf(err.msg, sizeof err.msg, "%s", "");
    ag_status s = ag_parser_load(PARSE_FIXTURE, &q, &err);
    CHECK("parse model: a text file is AG_ERR_INPUT naming it", s == AG_ERR_INPUT && q == NULL &&
                                                                    strstr(err.msg, PARSE_FIXTURE));
    s = ag_parser_load("tests/data/parse/no-such.model", &q, &err);
    CHECK("parse model: a missing file is AG_ERR_IO", s == AG_ERR_IO && q == NULL);
    ag_parser_free(pl);
    *tiny = pm;
    ag_buf_destroy(&m1);
    ag_buf_destroy(&m2);
}

/* Tokens to words (ag_parse_tokens): the expected words, each with the index of its token. */
static void parse_tokens_case(const ag_parser *p, const char *name, const char *text, const char *const *want,
                              const int *want_tok, const char *want_nospace)
{
    ag_tokens t;
    ag_parse s;
    ag_tokens_init(&t);
    ag_parse_init(&s);
    size_t n = strlen(text), nw = 0;
    while (want[nw])
        nw++;
    bool ok = ag_tokenize(text, 0, n, &t) == AG_OK && ag_parse_tokens(p, text, n, &t, &s) == AG_OK && s.n == nw;
    bool toks = ok, spaces = ok;
    for (size_t i = 0; ok && i < nw; i++) {
        const ag_word *w = &s.w[i + 1];
        ok = strcmp(w->form, want[i]) == 0;
        toks = toks && w->tok == (uint32_t)want_tok[i] && w->tok < t.len;
        /* the word's text is inside its token's (for a run of punctuation, from its first token on) */
        if (toks) {
            const ag_token *k = &t.items[w->tok];
            size_t fl = strlen(w->form);
            const char *at = text + k->start;
            bool inside = (i > 0 && s.w[i].tok == w->tok) ? memcmp(text + k->end - fl, w->form, fl) == 0
                                                          : memcmp(at, w->form, fl) == 0;
            toks = inside;
        }
        bool nospace = want_nospace[i] == '1';
        spaces = spaces && w->space_after == !nospace;
    }
    if (!ok || !toks || !spaces) {
        printf("  %s: got", name);
        for (size_t i = 1; i <= s.n; i++)
            printf(" [%s tok %u%s]", s.w[i].form, s.w[i].tok, s.w[i].space_after ? "" : " nospace");
        printf("\n");
    }
    char label[160];
    snprintf(label, sizeof label, "parse tokens: %s: the words", name);
    CHECK(label, ok);
    snprintf(label, sizeof label, "parse tokens: %s: each word's token", name);
    CHECK(label, ok && toks);
    snprintf(label, sizeof label, "parse tokens: %s: space after", name);
    CHECK(label, ok && spaces);
    ag_tokens_destroy(&t);
    ag_parse_destroy(&s);
}

static void test_parse_tokens(const ag_parser *p)
{
    {
        const char *w[] = {"Freedonia", "did", "n't", "deny", "it", ",", "and", "we", "ca", "n't", "say", "they", "'re",
                           "wrong", ".", NULL};
        const int tok[] = {0, 1, 1, 2, 3, 4, 5, 6, 7, 7, 8, 9, 9, 10, 11};
        parse_tokens_case(p, "n't, ca n't, 're", "Freedonia didn't deny it, and we can't say they're wrong.", w, tok,
                          "010010001001010");
    }
    {
        const char *w[] = {"I", "'m", "sure", "it", "'s", "Sylvania", "'s", "fault", "...", "The", "U.S.", "wo", "n't",
                           "--", "can", "not", "--", "help", ".", NULL};
        const int tok[] = {0, 0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 12, 13, 15, 15, 16, 18, 19};
        parse_tokens_case(p, "'m, 's, possessive, ..., U.S., wo n't, --, can not",
                          "I'm sure it's Sylvania's fault... The U.S. won't -- cannot -- help.", w, tok,
                          "1001010100010010010");
    }
    {
        const char *w[] = {"Marnovia", "\xE2\x80\x99s", "envoy", "did", "n\xE2\x80\x99t", "say", "what", "he", "'d",
                           "do", ",", "and", "they", "'ve", "left", NULL};
        const int tok[] = {0, 1, 2, 3, 3, 4, 5, 6, 6, 7, 8, 9, 10, 10, 11};
        parse_tokens_case(p, "curly apostrophes, 'd, 've",
                          "Marnovia\xE2\x80\x99s envoy didn\xE2\x80\x99t say what he'd do, and they've left", w, tok,
                          "100100010100100");
    }
    {
        const char *w[] = {"Freedonia", "'s", "minister", "did", "not", "resign", NULL};
        const int tok[] = {0, 1, 2, 3, 4, 5};
        parse_tokens_case(p, "no split without a contraction", "Freedonia's minister did not resign", w, tok, "100000");
    }
    {
        /* a known name is tagged PROPN whatever the tagger would say; other words are untouched */
        const char *text = "Trump sparked outrage in Fredville.";
        ag_tokens t;
        ag_tokens_init(&t);
        ag_parse s, u;
        ag_parse_init(&s);
        ag_parse_init(&u);
        uint8_t want[16] = {0};
        want[0] = AG_UPOS_PROPN + 1;
        bool ok = ag_tokenize(text, 0, strlen(text), &t) == AG_OK && t.len == 6 &&
                  ag_parse_tokens(p, text, strlen(text), &t, &u) == AG_OK &&
                  ag_parse_tokens_known(p, text, strlen(text), &t, want, &s) == AG_OK && s.n == 6;
        CHECK("parse: a wanted PROPN is given", ok && s.w[1].upos == AG_UPOS_PROPN);
        CHECK("parse: no constraint leaves the tags as they are",
              ok && u.n == 6 && s.w[3].upos == u.w[3].upos && s.w[5].upos == u.w[5].upos);
        ag_parse_destroy(&s);
        ag_parse_destroy(&u);
        ag_tokens_destroy(&t);
    }
}

/* ag_treebank_read: the fixture's multiword tokens and empty node, and malformed files. */
static void test_parse_treebank(const ag_treebank *tb)
{
    bool mwt = false, empty = false, poss = false, ids = tb->n == PARSE_FIXTURE_SENTENCES;
    for (size_t i = 0; i < tb->n; i++) {
        const ag_gold_sent *g = &tb->s[i];
        if (strcmp(g->sent_id, "fixture-07") == 0)
            mwt = g->n == 12 && strcmp(g->w[1].form, "did") == 0 && !g->w[1].space_after &&
                  strcmp(g->w[2].form, "n't") == 0 && g->w[2].space_after && g->w[2].head == 4 &&
                  strcmp(g->w[2].deprel, "advmod") == 0 && strcmp(g->w[2].xpos, "RB") == 0 &&
                  strcmp(g->text, "Marnovia didn't sign the treaty because its parliament rejected it.") == 0;
        if (strcmp(g->sent_id, "fixture-12") == 0)
            empty = g->n == 9 && strcmp(g->w[6].form, "the") == 0 && g->w[7].head == 6 &&
                    strcmp(g->w[7].deprel, "orphan") == 0 && !g->w[7].space_after;
        if (strcmp(g->sent_id, "fixture-08") == 0)
            poss = g->n == 11 && strcmp(g->w[1].form, "'s") == 0 && strcmp(g->w[1].upos, "PART") == 0 &&
                   !g->w[0].space_after && g->w[1].space_after && strcmp(g->w[0].deprel, "nmod:poss") == 0;
        char want[32];
        snprintf(want, sizeof want, "fixture-%02zu", i + 1);
        ids = ids && strcmp(g->sent_id, want) == 0;
    }
    CHECK("parse treebank: sent_ids in order", ids);
    CHECK("parse treebank: first word's line", tb->n > 1 && tb->s[0].line == 5 && tb->s[1].line > tb->s[0].line + 8);
    CHECK("parse treebank: a multiword token gives its words, spacing from the token line", mwt);
    CHECK("parse treebank: the possessive 's is its own word", poss);
    CHECK("parse treebank: an empty node is skipped", empty);

    static const char good[] = "# sent_id = good\n# text = Sylvania resigned.\n"
                               "1\tSylvania\tSylvania\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                               "2\tresigned\tresign\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n"
                               "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
    struct {
        const char *name, *body;
        int line, alt; /* the line the message must name (alt: another acceptable one, or 0) */
    } bads[] = {
        {"nine columns", "# text = Freedonia protested.\n1\tFreedonia\tFreedonia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                         "2\tprotested\tprotest\tVERB\tVBD\t_\t0\troot\t_\n", 9, 0},
        {"head out of range", "1\tFreedonia\tFreedonia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                              "2\tprotested\tprotest\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                              "3\tloudly\tloudly\tADV\tRB\t_\t7\tadvmod\t_\t_\n\n", 9, 0},
        {"cycle", "# text = Freedonia protested\n1\tFreedonia\tFreedonia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                  "2\tprotested\tprotest\tVERB\tVBD\t_\t1\tccomp\t_\t_\n\n", 8, 9},
        {"non-numeric ID", "1\tFreedonia\tFreedonia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                           "two\tprotested\tprotest\tVERB\tVBD\t_\t0\troot\t_\t_\n", 8, 0},
        {"ID out of sequence", "1\tFreedonia\tFreedonia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                               "3\tprotested\tprotest\tVERB\tVBD\t_\t0\troot\t_\t_\n", 8, 0},
        {"non-numeric HEAD", "1\tFreedonia\tFreedonia\tPROPN\tNNP\t_\tx\tnsubj\t_\t_\n", 7, 0},
    };
    for (size_t i = 0; i < sizeof bads / sizeof *bads; i++) {
        char body[1024], file[32], want[600], alt[600], name[128];
        snprintf(body, sizeof body, "%s%s", good, bads[i].body);
        snprintf(file, sizeof file, "bad%zu.conllu", i);
        const char *path = parse_file(file, body, strlen(body));
        snprintf(want, sizeof want, "%s:%d:", path, bads[i].line);
        snprintf(alt, sizeof alt, "%s:%d:", path, bads[i].alt);
        ag_treebank t;
        ag_err err = {{0}};
        ag_status st = ag_treebank_read(path, &t, &err);
        bool ok = st == AG_ERR_INPUT && (strstr(err.msg, want) || (bads[i].alt && strstr(err.msg, alt)));
        snprintf(name, sizeof name, "parse treebank: %s is AG_ERR_INPUT naming FILE:%d:", bads[i].name, bads[i].line);
        CHECK(name, ok);
        if (!ok)
            printf("  status %d: %s\n", (int)st, err.msg);
        snprintf(name, sizeof name, "parse treebank: %s leaves an empty treebank", bads[i].name);
        CHECK(name, st == AG_OK || (t.n == 0 && t.s == NULL));
        ag_treebank_destroy(&t);
    }
    /* The last sentence needs no blank line after it; CRLF line ends are read. */
    static const char crlf[] = "1\tFreedonia\tFreedonia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\r\n"
                               "2\tprotested\tprotest\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\r\n"
                               "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_";
    const char *path = parse_file("crlf.conllu", crlf, strlen(crlf));
    ag_treebank t;
    ag_err err = {{0}};
    ag_status st = ag_treebank_read(path, &t, &err);
    CHECK("parse treebank: CRLF and no final blank line",
          st == AG_OK && t.n == 1 && t.words == 3 && strcmp(t.s[0].w[1].deprel, "root") == 0 &&
              !t.s[0].w[1].space_after && strcmp(t.s[0].w[2].form, ".") == 0 && t.s[0].w[2].space_after);
    ag_treebank_destroy(&t);
    st = ag_treebank_read("tests/data/parse/no-such.conllu", &t, &err);
    CHECK("parse treebank: a missing file is AG_ERR_IO", st == AG_ERR_IO);
}

/* The feature form maps the listed British spellings to the American ones, and no other word. */
static void test_parse_spelling(void)
{
    static const char *const cases[][2] = {
        {"criticised", "criticized"}, {"Criticising", "criticizing"}, {"reorganisation", "reorganization"},
        {"labour", "labor"}, {"neighbouring", "neighboring"}, {"defence", "defense"}, {"programmes", "programs"},
        {"promised", "promised"}, {"raised", "raised"}, {"exercise", "exercise"}, {"house", "house"},
        {"rise", "rise"}, {"our", "our"}, {"four", "four"}, {"Sylvania", "sylvania"}, {"2021", "0000"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[64];
        size_t n = ag_pm_normalise(cases[i][0], strlen(cases[i][0]), out);
        char name[96];
        snprintf(name, sizeof name, "normalise %s -> %s", cases[i][0], cases[i][1]);
        CHECK(name, n == strlen(cases[i][1]) && memcmp(out, cases[i][1], n) == 0);
    }
}

static void test_parse(void)
{
    test_parse_spelling();
    snprintf(parse_dir, sizeof parse_dir, "/tmp/ag_parse_XXXXXX");
    if (!mkdtemp(parse_dir)) {
        printf("FAIL parse: cannot create a temporary directory\n");
        failures++;
        return;
    }
    ag_treebank tb;
    ag_err err = {{0}};
    ag_status st = ag_treebank_read(PARSE_FIXTURE, &tb, &err);
    CHECK("parse fixture: read", st == AG_OK);
    if (st != AG_OK)
        printf("  %s\n", err.msg);
    CHECK("parse fixture: the sentences and words written",
          st == AG_OK && tb.n == PARSE_FIXTURE_SENTENCES && tb.words == PARSE_FIXTURE_WORDS);
    if (st == AG_OK) {
        test_parse_treebank(&tb);
        test_parse_oracle(&tb);
        ag_parser *tiny = NULL;
        test_parse_model(&tb, &tiny);
        if (tiny)
            test_parse_tokens(tiny);
        else
            CHECK("parse tokens: a model to run them with", false);
        ag_parser_free(tiny);
        ag_treebank_destroy(&tb);
    }
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", parse_dir);
    if (system(cmd) != 0)
        printf("note: could not remove %s\n", parse_dir);
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    test_common();
    test_date();
    test_doc();
    test_triple_io();
    test_merge_repeats();
    test_analysis();
    test_export_columns();
    test_cameo();
    test_parse();
    return failures ? 1 : 0;
}
