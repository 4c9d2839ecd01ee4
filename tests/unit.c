/* unit.c - C unit tests for library internals. Prints "PASS name" / "FAIL name: why" per check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accusegraph.h"

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

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    test_common();
    return failures ? 1 : 0;
}
