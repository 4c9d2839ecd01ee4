/* cli.h - the subcommands behind src/main.c's dispatch table (internal to the program).
 * Each takes the arguments after the command name (argv[0] is the command) and
 * returns a process exit code as documented in the README. */
#ifndef AG_CLI_H
#define AG_CLI_H

#include "ag_common.h"

int ag_cmd_extract(int argc, char **argv);
int ag_cmd_build(int argc, char **argv);
int ag_cmd_export(int argc, char **argv);
int ag_cmd_centrality(int argc, char **argv);
int ag_cmd_stats(int argc, char **argv);
int ag_cmd_run(int argc, char **argv);
int ag_cmd_render(int argc, char **argv);

/* Prints "accusegraph: MSG" on stderr and returns the exit code for st. */
int ag_cli_error(ag_status st, const ag_err *err);

/* True if s is "-h" or "--help". */
int ag_cli_is_help(const char *s);

#endif
