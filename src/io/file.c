/*
 * file.c — reading inputs with a size limit and writing outputs
 * atomically: a temporary file beside the target, fsync, rename. A run that
 * fails or is killed leaves either the old file or the new one, never half.
 * Only a regular file is replaced: a symbolic link is followed, a device or
 * FIFO written through, anything else refused (docs in README, "-o").
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../core/core.h"
#include "parley/io.h"

parley_status_t parley_read_file(parley_ctx_t *ctx, const char *path, size_t max, char **out,
                                 size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return parley__fail(ctx, PARLEY_EIO, "%s: cannot open: %s", path, strerror(errno));
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fclose(f);
        return parley__fail(ctx, PARLEY_EIO, "%s: is a folder, not a file", path);
    }
    size_t cap = 4096, n = 0;
    char *buf = parley__malloc(cap + 1);
    parley_status_t st = buf ? PARLEY_OK : PARLEY_ENOMEM;
    while (st == PARLEY_OK) {
        if (n == cap) {
            if (cap > max) {
                st = parley__fail(ctx, PARLEY_ELIMIT, "%s: larger than the limit of %zu bytes",
                                  path, max);
                break;
            }
            char *p = parley__realloc(buf, cap * 2 + 1);
            if (!p) {
                st = PARLEY_ENOMEM;
                break;
            }
            buf = p;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f))
                st = parley__fail(ctx, PARLEY_EIO, "%s: read error: %s", path, strerror(errno));
            break;
        }
    }
    fclose(f);
    if (st == PARLEY_OK && n > max)
        st = parley__fail(ctx, PARLEY_ELIMIT, "%s: larger than the limit of %zu bytes", path, max);
    if (st == PARLEY_ENOMEM)
        parley__fail(ctx, st, "%s: out of memory while reading", path);
    if (st) {
        parley__free(buf);
        return st;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return PARLEY_OK;
}

/* Writes all of data to fd; 0 or the errno of the failure. */
static int write_all(int fd, const char *data, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return w < 0 && errno ? errno : EIO;
        done += (size_t)w;
    }
    return 0;
}

/*
 * A character device or a FIFO (/dev/null, /dev/stdout, a pipe someone
 * reads) cannot be replaced by a file, and rename() would do exactly that:
 * write through it as a shell redirection would. No O_CREAT: it exists.
 */
static parley_status_t write_through(parley_ctx_t *ctx, const char *path, const char *data,
                                     size_t len)
{
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return parley__fail(ctx, PARLEY_EIO, "%s: cannot open for writing: %s", path,
                            strerror(errno));
    int err = write_all(fd, data, len);
    if (close(fd) != 0 && !err)
        err = errno;
    if (err)
        return parley__fail(ctx, PARLEY_EIO, "%s: cannot write: %s", path, strerror(err));
    parley__ok(ctx);
    return PARLEY_OK;
}

/* A temporary file beside path, written, synced and renamed over it; the
 * mode of a file it replaces is kept (mode is -1 for a new file). */
static parley_status_t write_replace(parley_ctx_t *ctx, const char *shown, const char *path,
                                     const char *data, size_t len, int mode)
{
    size_t pl = strlen(path);
    char *tmp = parley__malloc(pl + 32);
    if (!tmp)
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", shown);
    snprintf(tmp, pl + 32, "%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        parley_status_t st = parley__fail(ctx, PARLEY_EIO, "%s: cannot create: %s", shown,
                                          strerror(errno));
        parley__free(tmp);
        return st;
    }
    int err = write_all(fd, data, len);
    if (!err && mode >= 0 && fchmod(fd, (mode_t)mode) != 0)
        err = errno;
    if (!err && fsync(fd) != 0)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    if (!err && rename(tmp, path) != 0)
        err = errno;
    if (err) {
        unlink(tmp);
        parley__free(tmp);
        return parley__fail(ctx, PARLEY_EIO, "%s: cannot write: %s", shown, strerror(err));
    }
    parley__free(tmp);
    parley__ok(ctx);
    return PARLEY_OK;
}

parley_status_t parley_write_file_atomic(parley_ctx_t *ctx, const char *path, const char *data,
                                         size_t len)
{
    struct stat sb;
    if (lstat(path, &sb) != 0) {
        if (errno != ENOENT)
            return parley__fail(ctx, PARLEY_EIO, "%s: cannot write: %s", path, strerror(errno));
        return write_replace(ctx, path, path, data, len, -1);
    }
    if (S_ISLNK(sb.st_mode)) {
        /* Followed, never replaced: the file it leads to is written as if
         * named, and the link stays a link. /dev/stdout on a pipe leads to
         * a FIFO without a path, so what it leads to is read with stat(). */
        if (stat(path, &sb) != 0)
            return parley__fail(ctx, PARLEY_EIO,
                                "%s: a symbolic link that leads to no file (%s): "
                                "give the path of the file to write",
                                path, strerror(errno));
        if (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode))
            return write_through(ctx, path, data, len);
        char *target = S_ISREG(sb.st_mode) ? realpath(path, NULL) : NULL;
        if (!target)
            return parley__fail(ctx, PARLEY_EIO, "%s: leads to %s, not a file: nothing written",
                                path, S_ISDIR(sb.st_mode) ? "a folder" : "something");
        parley_status_t st = write_replace(ctx, path, target, data, len, (int)(sb.st_mode & 07777));
        free(target); /* realpath's, from malloc */
        return st;
    }
    if (S_ISREG(sb.st_mode))
        return write_replace(ctx, path, path, data, len, (int)(sb.st_mode & 07777));
    if (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode))
        return write_through(ctx, path, data, len);
    return parley__fail(ctx, PARLEY_EIO, "%s: %s, not a file: nothing written", path,
                        S_ISDIR(sb.st_mode) ? "a folder" : S_ISBLK(sb.st_mode) ? "a block device"
                                                                              : "a socket");
}
