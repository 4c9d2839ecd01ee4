/* ag_common.c - status messages, buffers, UTF-8 cleaning, whole-file reads and atomic output. */
#include "ag_common.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

ag_status ag_fail(ag_err *err, ag_status st, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return st;
}

int ag_exit_code(ag_status st)
{
    switch (st) {
    case AG_OK: return 0;
    case AG_ERR_INPUT: return 1;
    case AG_ERR_USAGE: return 2;
    case AG_ERR_IO: return 3;
    case AG_ERR_NOMEM:
    case AG_ERR_INTERNAL: return 4;
    }
    return 4;
}

void ag_buf_init(ag_buf *b) { b->data = NULL; b->len = b->cap = 0; }
void ag_buf_destroy(ag_buf *b) { free(b->data); ag_buf_init(b); }
void ag_buf_clear(ag_buf *b) { b->len = 0; if (b->data) b->data[0] = '\0'; }

static ag_status buf_reserve(ag_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return AG_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2)
            return AG_ERR_NOMEM;
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p)
        return AG_ERR_NOMEM;
    b->data = p;
    b->cap = cap;
    return AG_OK;
}

ag_status ag_buf_append(ag_buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n) != AG_OK)
        return AG_ERR_NOMEM;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return AG_OK;
}

ag_status ag_buf_puts(ag_buf *b, const char *s) { return ag_buf_append(b, s, strlen(s)); }
ag_status ag_buf_putc(ag_buf *b, char c) { return ag_buf_append(b, &c, 1); }

ag_status ag_buf_printf(ag_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return AG_ERR_INTERNAL;
    if (buf_reserve(b, (size_t)n) != AG_OK)
        return AG_ERR_NOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return AG_OK;
}

char *ag_buf_steal(ag_buf *b)
{
    char *s = b->data ? b->data : ag_strdup("");
    ag_buf_init(b);
    return s;
}

char *ag_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ag_strdup(const char *s) { return ag_strndup(s ? s : "", s ? strlen(s) : 0); }

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

bool ag_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t k = utf8_seq(p + i, n - i);
        if (!k)
            return false;
        i += k;
    }
    return true;
}

char *ag_utf8_clean(const char *s, size_t n, size_t *replaced)
{
    const unsigned char *p = (const unsigned char *)s;
    char *out = malloc(n * 3 + 1); /* each bad byte may become 3 bytes of U+FFFD */
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t k = utf8_seq(p + i, n - i);
        if (!k) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
            if (replaced)
                (*replaced)++;
            continue;
        }
        if ((k == 1 && ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r') || p[i] == 0x7F)) ||
            (k == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0))
            out[o++] = ' ';
        else
            memcpy(out + o, p + i, k), o += k;
        i += k;
    }
    out[o] = '\0';
    return out;
}

ag_status ag_read_file(const char *path, size_t cap, const char *what, char **out, size_t *len, ag_err *err)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp)
        return ag_fail(err, AG_ERR_IO, "cannot open %s: %s", path, strerror(errno));
    struct stat sb;
    if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        if (fp != stdin)
            fclose(fp);
        return ag_fail(err, AG_ERR_IO, "cannot read %s: %s", path, strerror(EISDIR));
    }
    ag_buf b;
    ag_buf_init(&b);
    char chunk[65536];
    size_t n;
    ag_status st = AG_OK;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (cap && b.len + n > cap) {
            st = ag_fail(err, AG_ERR_INPUT, "%s: over %zu MB (%s)", path, cap >> 20, what ? what : "too large");
            break;
        }
        if (ag_buf_append(&b, chunk, n) != AG_OK) {
            st = ag_fail(err, AG_ERR_NOMEM, "out of memory reading %s", path);
            break;
        }
    }
    if (st == AG_OK && ferror(fp))
        st = ag_fail(err, AG_ERR_IO, "cannot read %s: %s", path, strerror(errno));
    if (fp != stdin)
        fclose(fp);
    if (st != AG_OK) {
        ag_buf_destroy(&b);
        return st;
    }
    *len = b.len;
    *out = ag_buf_steal(&b);
    return AG_OK;
}

/* ---- removal on a signal ---- */

#define CLEANUP_SLOTS 64
static char *volatile cleanup_path[CLEANUP_SLOTS];
static volatile sig_atomic_t cleanup_dir[CLEANUP_SLOTS];

static void cleanup_handler(int sig)
{
    for (int pass = 0; pass < 2; pass++) /* files, then the directories that held them */
        for (int i = 0; i < CLEANUP_SLOTS; i++) {
            char *p = cleanup_path[i];
            if (p && (cleanup_dir[i] != 0) == (pass == 1))
                (void)(pass ? rmdir(p) : unlink(p));
        }
    signal(sig, SIG_DFL);
    raise(sig);
}

void ag_cleanup_on_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = cleanup_handler;
        sigemptyset(&sa.sa_mask);
        struct sigaction old;
        /* a signal the caller's shell ignores (nohup, background jobs) stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
    }
}

int ag_cleanup_add(const char *path, bool dir)
{
    char *p = ag_strdup(path);
    if (!p)
        return -1;
    for (int i = 0; i < CLEANUP_SLOTS; i++)
        if (!cleanup_path[i]) {
            cleanup_dir[i] = dir;
            cleanup_path[i] = p;
            return i;
        }
    free(p);
    return -1;
}

void ag_cleanup_drop(int slot)
{
    if (slot < 0 || slot >= CLEANUP_SLOTS || !cleanup_path[slot])
        return;
    char *p = cleanup_path[slot];
    cleanup_path[slot] = NULL;
    free(p);
}

/* The process's umask (read by setting and restoring it; the program is single-threaded
 * where it writes files). */
static mode_t current_umask(void)
{
    mode_t m = umask(022);
    umask(m);
    return m;
}

static bool stdout_closed;

void ag_std_fds_open(void)
{
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
            if (open("/dev/null", fd ? O_WRONLY : O_RDONLY) != fd)
                _exit(4);
            if (fd == 1)
                stdout_closed = true;
        }
}

ag_status ag_stdout_closed_error(ag_err *err)
{
    if (!stdout_closed)
        return AG_OK;
    return ag_fail(err, AG_ERR_IO, "cannot write to standard output: it is closed (give -o FILE)");
}

ag_status ag_out_open(ag_out *o, const char *path, ag_err *err)
{
    o->fp = NULL;
    o->path = o->tmp = NULL;
    o->slot = -1;
    if (!path || strcmp(path, "-") == 0) {
        ag_status st = ag_stdout_closed_error(err);
        if (st != AG_OK)
            return st;
        o->fp = stdout;
        return AG_OK;
    }
    struct stat sb;
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode)) {
        /* A device or pipe (/dev/null, /dev/full, a FIFO): write to it directly,
         * never rename a temporary over it. */
        o->path = ag_strdup(path);
        if (!o->path)
            return ag_fail(err, AG_ERR_NOMEM, "out of memory");
        o->fp = fopen(path, "wb");
        if (!o->fp) {
            ag_status st = ag_fail(err, AG_ERR_IO, "cannot write %s: %s", path, strerror(errno));
            free(o->path);
            o->path = NULL;
            return st;
        }
        return AG_OK;
    }
    bool exists = stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
    o->path = ag_strdup(path);
    /* The temporary: an unpredictable short name in the target's directory, created with
     * O_CREAT|O_EXCL by mkstemp (never a file or symlink someone planted, and never too long
     * for a valid target name), with the permission bits of the file it replaces, or of a new
     * file under the umask, before anything is written to it. */
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path) + 1 : 0;
    o->tmp = malloc(dl + sizeof ".accusegraph-XXXXXX");
    if (!o->path || !o->tmp) {
        free(o->path);
        free(o->tmp);
        o->path = o->tmp = NULL;
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    }
    memcpy(o->tmp, path, dl);
    strcpy(o->tmp + dl, ".accusegraph-XXXXXX");
    int fd = mkstemp(o->tmp);
    o->slot = fd >= 0 ? ag_cleanup_add(o->tmp, false) : -1;
    mode_t mode = exists ? sb.st_mode & 0777 : 0666 & ~current_umask();
    if (fd < 0 || fchmod(fd, mode) != 0 || !(o->fp = fdopen(fd, "wb"))) {
        ag_status st = ag_fail(err, AG_ERR_IO, "cannot write %s: %s", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            remove(o->tmp);
        }
        ag_cleanup_drop(o->slot);
        free(o->path);
        free(o->tmp);
        o->path = o->tmp = NULL;
        return st;
    }
    return AG_OK;
}

ag_status ag_out_commit(ag_out *o, ag_err *err)
{
    ag_status st = AG_OK;
    if (o->fp == stdout) {
        if (fflush(stdout) != 0 || ferror(stdout))
            st = ag_fail(err, AG_ERR_IO, "cannot write to standard output: %s", strerror(errno));
        o->fp = NULL;
        return st;
    }
    if (!o->fp)
        return ag_fail(err, AG_ERR_IO, "output not open");
    int bad = ferror(o->fp);
    int e = errno;
    /* the name must still be the file we made: another user who can write to the directory may
     * have put something else there (a writer that reopens files by name, such as libxlsxwriter,
     * writes through /proc/self/fd, see export_xlsx.c), and then nothing is renamed */
    struct stat mine, now;
    bool swapped = o->tmp && fstat(fileno(o->fp), &mine) == 0 &&
                   (lstat(o->tmp, &now) != 0 || now.st_dev != mine.st_dev || now.st_ino != mine.st_ino);
    if (fclose(o->fp) != 0 || bad) {
        if (!bad)
            e = errno;
        st = ag_fail(err, AG_ERR_IO, "cannot write %s: %s", o->path, strerror(e ? e : EIO));
    }
    o->fp = NULL;
    if (st == AG_OK && swapped) {
        st = ag_fail(err, AG_ERR_IO, "cannot write %s: its temporary file %s was replaced by someone else", o->path,
                     o->tmp);
        ag_cleanup_drop(o->slot);
        free(o->tmp);
        free(o->path);
        o->tmp = o->path = NULL;
        return st; /* (what is there now is not ours to remove) */
    }
    if (st == AG_OK && o->tmp && rename(o->tmp, o->path) != 0)
        st = ag_fail(err, AG_ERR_IO, "cannot rename %s to %s: %s", o->tmp, o->path, strerror(errno));
    if (st != AG_OK && o->tmp)
        remove(o->tmp);
    if (o->tmp)
        ag_cleanup_drop(o->slot);
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    return st;
}

/* A fresh empty file beside path (".accusegraph-old-XXXXXX" in its directory), over which an old
 * file can be renamed to keep it until the new ones are in place; NULL on failure. */
static char *aside_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path) + 1 : 0;
    char *a = malloc(dl + sizeof ".accusegraph-old-XXXXXX");
    if (!a)
        return NULL;
    memcpy(a, path, dl);
    strcpy(a + dl, ".accusegraph-old-XXXXXX");
    int fd = mkstemp(a);
    if (fd < 0) {
        free(a);
        return NULL;
    }
    close(fd);
    return a;
}

ag_status ag_rename_all(const char *const *from, const char *const *to, size_t n, ag_err *err)
{
    /* nothing is touched unless every target can be replaced by a file */
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        if (lstat(to[i], &sb) == 0 && S_ISDIR(sb.st_mode))
            return ag_fail(err, AG_ERR_IO, "cannot replace %s: it is a directory", to[i]);
    }
    /* a file replaced keeps its read, write and execute bits, as ag_out_open's single files do */
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        if (lstat(to[i], &sb) == 0 && S_ISREG(sb.st_mode))
            (void)chmod(from[i], sb.st_mode & 0777);
    }
    char **aside = calloc(n ? n : 1, sizeof *aside);
    if (!aside)
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    /* no signal between the first move and the last: a Ctrl-C then takes effect after it */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &old);
    ag_status st = AG_OK;
    size_t moved = 0, placed = 0;
    /* the old files step aside, */
    for (; moved < n && st == AG_OK; moved++) {
        struct stat sb;
        if (lstat(to[moved], &sb) != 0)
            continue;
        if (!(aside[moved] = aside_name(to[moved])))
            st = ag_fail(err, AG_ERR_IO, "cannot create a file beside %s: %s", to[moved], strerror(errno));
        else if (rename(to[moved], aside[moved]) != 0) {
            st = ag_fail(err, AG_ERR_IO, "cannot move %s aside: %s", to[moved], strerror(errno));
            remove(aside[moved]);
            free(aside[moved]);
            aside[moved] = NULL;
        }
    }
    if (st != AG_OK)
        moved--;
    /* the new ones take their places, */
    while (st == AG_OK && placed < n) {
        if (rename(from[placed], to[placed]) != 0)
            st = ag_fail(err, AG_ERR_IO, "cannot rename %s to %s: %s", from[placed], to[placed], strerror(errno));
        else
            placed++;
    }
    if (st != AG_OK) {
        /* or, on any failure, everything goes back where it was */
        for (size_t i = placed; i-- > 0;)
            rename(to[i], from[i]);
        for (size_t i = 0; i < moved; i++)
            if (aside[i])
                rename(aside[i], to[i]);
    } else {
        for (size_t i = 0; i < n; i++)
            if (aside[i])
                remove(aside[i]);
    }
    for (size_t i = 0; i < n; i++)
        free(aside[i]);
    free(aside);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return st;
}

ag_status ag_out_commit_all(ag_out *o, size_t n, ag_err *err)
{
    ag_status st = AG_OK;
    const char **from = calloc(n ? n : 1, sizeof *from), **to = calloc(n ? n : 1, sizeof *to);
    size_t k = 0;
    if (!from || !to)
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        if (!o[i].fp || o[i].fp == stdout) {
            if (st == AG_OK)
                st = ag_fail(err, AG_ERR_INTERNAL, "output %zu not open to a file", i);
            continue;
        }
        int bad = ferror(o[i].fp);
        int e = errno;
        if ((fclose(o[i].fp) != 0 || bad) && st == AG_OK)
            st = ag_fail(err, AG_ERR_IO, "cannot write %s: %s", o[i].path, strerror(bad ? (e ? e : EIO) : errno));
        o[i].fp = NULL;
        if (o[i].tmp && from && to) {
            from[k] = o[i].tmp;
            to[k] = o[i].path;
            k++;
        }
    }
    if (st == AG_OK)
        st = ag_rename_all(from, to, k, err);
    for (size_t i = 0; i < n; i++) {
        if (st != AG_OK && o[i].tmp)
            remove(o[i].tmp);
        if (o[i].tmp)
            ag_cleanup_drop(o[i].slot);
        free(o[i].tmp);
        free(o[i].path);
        o[i].tmp = o[i].path = NULL;
    }
    free(from);
    free(to);
    return st;
}

void ag_out_abort(ag_out *o)
{
    if (o->fp && o->fp != stdout)
        fclose(o->fp);
    if (o->tmp) {
        remove(o->tmp);
        ag_cleanup_drop(o->slot);
    }
    free(o->tmp);
    free(o->path);
    o->fp = NULL;
    o->tmp = o->path = NULL;
}

bool ag_date_valid(const char *s)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return false;
    for (size_t i = 0; i < n; i++) {
        bool dash = (i == 4 || i == 7);
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return false;
    }
    if (n >= 7) {
        int m = (s[5] - '0') * 10 + (s[6] - '0');
        if (m < 1 || m > 12)
            return false;
        if (n == 10) {
            int y = atoi(s);
            int d = (s[8] - '0') * 10 + (s[9] - '0');
            int max = mdays[m - 1];
            if (m == 2 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
                max = 28;
            if (d < 1 || d > max)
                return false;
        }
    }
    return true;
}

double ag_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
