/* cli.c - helpers shared by the subcommands. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int ag_cli_error(ag_status st, const ag_err *err)
{
    fprintf(stderr, "accusegraph: %s\n", err && err->msg[0] ? err->msg : "error");
    return ag_exit_code(st);
}

int ag_cli_is_help(const char *s)
{
    return strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0;
}
