/* cli.h - the subcommands behind src/main.c's dispatch table (internal to the program).
 * Each takes the arguments after the command name (argv[0] is the command) and
 * returns a process exit code as documented in the README. */
#ifndef AG_CLI_H
#define AG_CLI_H

#include "ag_common.h"
#include "ag_doc.h"
#include "ag_export.h"
#include "ag_extract.h"

int ag_cmd_extract(int argc, char **argv);
int ag_cmd_build(int argc, char **argv);
int ag_cmd_export(int argc, char **argv);
int ag_cmd_centrality(int argc, char **argv);
int ag_cmd_stats(int argc, char **argv);
int ag_cmd_run(int argc, char **argv);
int ag_cmd_render(int argc, char **argv);
int ag_cmd_parse(int argc, char **argv);
int ag_cmd_train(int argc, char **argv);

/* Prints "accusegraph: MSG" on stderr and returns the exit code for st. */
int ag_cli_error(ag_status st, const ag_err *err);
/* Parses --max-doc-size's value, whole megabytes 1..1048576, into bytes; false if it is no such
 * number. */
bool ag_cli_doc_size(const char *s, size_t *bytes);

/* Matches the option `name` (or its short `alias`, may be NULL) at argv[*i] as "--name VALUE",
 * "--name=VALUE" or "ALIAS VALUE"; sets *val and advances *i past a separate value.
 * Returns 1 when matched, 0 when argv[*i] is another argument, -1 when the value is missing. */
int ag_cli_opt_value(int argc, char **argv, int *i, const char *name, const char *alias, const char **val);

/* What `extract` and `run` both open: the actor dictionary (built-in plus --actors files),
 * the extractors (parsing candidate sentences with the built-in parser), one per job, and the
 * document reader. */
typedef struct ag_cli_extraction {
    ag_actors *dict;
    ag_extract_pool *pool;
    ag_doc_reader *r;
} ag_cli_extraction;

/* Opens all three, or none (e is zeroed on failure). Close with ag_cli_extraction_close. */
ag_status ag_cli_extraction_open(ag_cli_extraction *e, const char *const *actor_files, size_t nactor_files,
                                 const ag_extract_opts *xo, int jobs, char *const *inputs, size_t ninputs,
                                 const ag_doc_opts *dopts, ag_err *err);

/* Parses the value of --jobs (1 to AG_EXTRACT_MAX_JOBS) into *jobs; false when it is none. */
bool ag_cli_jobs(const char *s, int *jobs);
void ag_cli_extraction_close(ag_cli_extraction *e);

/* The node table's centrality columns, as run writes them and export --format xlsx too: the
 * unweighted in_strength, out_strength, pagerank, hub and authority of every vertex of g.
 * ag_cli_node_columns_init computes them (on failure nothing is left to destroy); cols[0..n)
 * points into values until ag_cli_node_columns_destroy. Cost: that of ag_centrality, five times. */
enum { AG_CLI_NODE_COLUMNS = 5 };
typedef struct ag_cli_node_columns {
    igraph_vector_t values[AG_CLI_NODE_COLUMNS];
    ag_node_column cols[AG_CLI_NODE_COLUMNS];
    size_t n;
} ag_cli_node_columns;
ag_status ag_cli_node_columns_init(ag_cli_node_columns *c, const igraph_t *g, ag_err *err);
void ag_cli_node_columns_destroy(ag_cli_node_columns *c);

/* True if s is "-h" or "--help". */
int ag_cli_is_help(const char *s);

/* A progress line on standard error for long runs: documents, MB read (of the total when
 * the inputs' sizes are known), sentences per second, elapsed time and an estimate of the
 * time left. It is drawn only when standard error is a terminal and quiet is false,
 * redrawn at most 5 times a second, kept shorter than the terminal is wide, and erased by
 * ag_progress_end, so nothing of it stays on the screen or reaches a file or pipe. */
typedef struct ag_progress {
    bool on;
    double start, last; /* monotonic seconds */
    size_t total;       /* bytes of input, 0 when unknown (standard input, a pipe) */
    size_t shown;       /* characters of the line on screen */
} ag_progress;

/* Starts the line for inputs[0..n) (paths, directories or "-"). The total is the sum of the
 * sizes of the files the document reader will read (directories walked, hidden entries and
 * other extensions skipped); it is computed only when the line is on. */
void ag_progress_start(ag_progress *p, char *const *inputs, size_t n, bool quiet);

/* Redraws the line if it is on and 0.2 s have passed since the last redraw.
 * Cost: one clock read when nothing is drawn. */
void ag_progress_update(ag_progress *p, size_t docs, size_t bytes, size_t sentences);

/* Replaces the line at once with "WHAT... (ELAPSED)", for a step that reports no counts
 * (building the graph, writing files). */
void ag_progress_stage(ag_progress *p, const char *what);

/* Erases the line; p may be started again. Safe to call twice or when off. */
void ag_progress_end(ag_progress *p);

#endif
