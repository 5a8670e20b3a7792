/*
 * error.c — status strings and the error context. Every fallible call
 * records its detailed message here, so the library never prints, aborts
 * or exits; the caller decides what to show.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core.h"

const char *parley_strerror(parley_status_t status)
{
    switch (status) {
    case PARLEY_OK: return "success";
    case PARLEY_EINPUT: return "invalid input";
    case PARLEY_ELIMIT: return "input exceeds a limit";
    case PARLEY_ENOTFOUND: return "not found";
    case PARLEY_EIO: return "input/output error";
    case PARLEY_ENOMEM: return "out of memory";
    case PARLEY_EARG: return "invalid argument";
    case PARLEY_EINTERNAL: return "internal error";
    }
    return "unknown status";
}

const char *parley_version(void)
{
    return PARLEY_VERSION_STRING;
}

parley_ctx_t *parley_ctx_create(void)
{
    return parley__calloc(1, sizeof(parley_ctx_t));
}

void parley_ctx_destroy(parley_ctx_t *ctx)
{
    parley__free(ctx);
}

const char *parley_ctx_message(const parley_ctx_t *ctx)
{
    return ctx ? ctx->msg : "";
}

parley_status_t parley_ctx_status(const parley_ctx_t *ctx)
{
    return ctx ? ctx->status : PARLEY_OK;
}

parley_status_t parley__vfail(parley_ctx_t *ctx, parley_status_t status, const char *fmt,
                              va_list ap)
{
    if (ctx) {
        ctx->status = status;
        vsnprintf(ctx->msg, sizeof ctx->msg, fmt, ap);
    }
    return status;
}

parley_status_t parley_ctx_fail(parley_ctx_t *ctx, parley_status_t status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    parley__vfail(ctx, status, fmt, ap);
    va_end(ap);
    return status;
}

parley_status_t parley__fail(parley_ctx_t *ctx, parley_status_t status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    parley__vfail(ctx, status, fmt, ap);
    va_end(ap);
    return status;
}

void parley__ok(parley_ctx_t *ctx)
{
    if (ctx) {
        ctx->status = PARLEY_OK;
        ctx->msg[0] = '\0';
    }
}
