/*
 * file.c — reading inputs with a size limit and writing outputs
 * atomically: a temporary file beside the target, fsync, rename. A run that
 * fails or is killed leaves either the old file or the new one, never half.
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

parley_status_t parley_write_file_atomic(parley_ctx_t *ctx, const char *path, const char *data,
                                         size_t len)
{
    size_t pl = strlen(path);
    char *tmp = parley__malloc(pl + 32);
    if (!tmp)
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", path);
    snprintf(tmp, pl + 32, "%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        parley_status_t st = parley__fail(ctx, PARLEY_EIO, "%s: cannot create: %s", path,
                                          strerror(errno));
        parley__free(tmp);
        return st;
    }
    size_t done = 0;
    int err = 0;
    while (done < len && !err) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            err = errno ? errno : EIO;
        else
            done += (size_t)w;
    }
    if (!err && fsync(fd) != 0)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    if (!err && rename(tmp, path) != 0)
        err = errno;
    if (err) {
        unlink(tmp);
        parley__free(tmp);
        return parley__fail(ctx, PARLEY_EIO, "%s: cannot write: %s", path, strerror(err));
    }
    parley__free(tmp);
    parley__ok(ctx);
    return PARLEY_OK;
}
