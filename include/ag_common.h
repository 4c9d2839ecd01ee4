/* ag_common.h - status codes, error reports and small helpers shared by every stage.
 *
 * Every library function that can fail returns an ag_status and, when given a
 * non-NULL ag_err, writes a one-line message into it that says what is wrong first,
 * in lower case, naming the file and line where there is one.
 */
#ifndef AG_COMMON_H
#define AG_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum ag_status {
    AG_OK = 0,
    AG_ERR_USAGE,    /* bad option or argument: exit 2 */
    AG_ERR_INPUT,    /* malformed input data (bad JSON line, bad CSV row, bad GraphML): exit 1 */
    AG_ERR_IO,       /* cannot open, read or write a file: exit 3 */
    AG_ERR_NOMEM,    /* out of memory: exit 4 */
    AG_ERR_INTERNAL  /* igraph or graphviz failure: exit 4 */
} ag_status;

typedef struct ag_err {
    char msg[1024];
} ag_err;

/* Formats a message into err (if non-NULL) and returns st, so callers can write
 * `return ag_fail(err, AG_ERR_IO, "cannot open %s: %s", path, strerror(errno));`. */
ag_status ag_fail(ag_err *err, ag_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The process exit code documented in the README for a status. */
int ag_exit_code(ag_status st);

/* Growable byte buffer; always NUL-terminated once anything was appended. */
typedef struct ag_buf {
    char *data;
    size_t len, cap;
} ag_buf;

void ag_buf_init(ag_buf *b);
void ag_buf_destroy(ag_buf *b);
void ag_buf_clear(ag_buf *b);
ag_status ag_buf_append(ag_buf *b, const char *s, size_t n);
ag_status ag_buf_puts(ag_buf *b, const char *s);
ag_status ag_buf_putc(ag_buf *b, char c);
ag_status ag_buf_printf(ag_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Hands the buffer's string to the caller (never NULL) and leaves b empty. */
char *ag_buf_steal(ag_buf *b);

/* malloc'ed copies; abort-free: return NULL on exhaustion. */
char *ag_strdup(const char *s);
char *ag_strndup(const char *s, size_t n);

/* Returns a malloc'ed copy of s[0..n) that is valid UTF-8 with no control
 * characters other than TAB, LF and CR removed/replaced: each invalid byte becomes
 * U+FFFD, other C0 controls, DEL and the C1 controls U+0080-U+009F (NEL, CSI, ...)
 * become a space. *replaced (may be NULL) is
 * increased by the number of invalid sequences replaced. Cost: O(n). */
char *ag_utf8_clean(const char *s, size_t n, size_t *replaced);

/* True when s[0..n) is valid UTF-8. */
bool ag_utf8_valid(const char *s, size_t n);

/* Reads a whole file (or stdin for "-") into a malloc'ed NUL-terminated buffer. Any stream
 * will do (a pipe such as <(zcat x.gz), a device), but never more than cap bytes (0: no cap):
 * a longer one is AG_ERR_INPUT "PATH: over N MB (what)", with `what` saying what was wanted;
 * a directory is AG_ERR_IO "cannot read PATH: Is a directory". */
ag_status ag_read_file(const char *path, size_t cap, const char *what, char **out, size_t *len, ag_err *err);

/* Atomic output: ag_out_open creates a temporary file beside path (an unpredictable
 * name made with mkstemp, O_CREAT|O_EXCL, carrying the permission bits of the file it
 * will replace) or uses stdout when path is "-" or NULL, or writes straight to an
 * existing device or pipe such as /dev/null; ag_out_commit flushes, checks for write
 * errors and renames it into place; ag_out_abort removes the temporary. */
typedef struct ag_out {
    FILE *fp;
    char *path;
    char *tmp;
    int slot; /* its ag_cleanup_add slot (valid while tmp is set) */
} ag_out;

/* Files and directories to remove if the program is stopped by SIGINT, SIGTERM or SIGHUP (the
 * temporaries of ag_out register themselves): ag_cleanup_on_signals installs the handlers, which
 * remove every registered file, then every registered directory, and end the program with the
 * signal. ag_cleanup_add returns a slot (or -1 when all 64 are taken: that path is then left
 * behind on a signal), ag_cleanup_drop frees it. */
void ag_cleanup_on_signals(void);
int ag_cleanup_add(const char *path, bool dir);
void ag_cleanup_drop(int slot);

/* Descriptors 0-2 closed by the caller are opened to /dev/null at start (so that no output file
 * takes their numbers); a closed standard output is remembered, and writing results to it is then
 * an error (exit 3), never a silent loss. ag_stdout_closed_error fails with it when stdout was closed. */
void ag_std_fds_open(void);
ag_status ag_stdout_closed_error(ag_err *err);

ag_status ag_out_open(ag_out *o, const char *path, ag_err *err);
ag_status ag_out_commit(ag_out *o, ag_err *err);
void ag_out_abort(ag_out *o);
/* Commits the n files o[0..n) (each opened to a file, not stdout) all or none: after a failure
 * every old file is still there and no new one is (see ag_rename_all). Closes them all. */
ag_status ag_out_commit_all(ag_out *o, size_t n, ag_err *err);

/* Renames from[i] to to[i] for every i < n, all or none: when a target is a directory nothing is
 * touched; the old targets are first moved aside (beside them), then the new files take their
 * places, and on any failure the new files go back and the old ones return. Only a crash in the
 * middle can leave a mix (the old files then survive as .accusegraph-old-* beside the targets). */
ag_status ag_rename_all(const char *const *from, const char *const *to, size_t n, ag_err *err);

/* Seconds on the monotonic clock, for durations. */
double ag_seconds(void);

/* Dates as "YYYY-MM-DD", "YYYY-MM" or "YYYY": true if s is one of these forms
 * with a valid month and day. */
bool ag_date_valid(const char *s);

#endif
