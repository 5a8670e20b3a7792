/*
 * error.c — status strings and the error context. Every fallible call
 * records its detailed message here, so the library never prints, aborts
 * or exits; the caller decides what to show. In collect mode (opted into
 * by `parley check`) the loader records up to a cap of messages per call.
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
    if (ctx)
        parley__free(ctx->more);
    parley__free(ctx);
}

parley_status_t parley_ctx_set_max_errors(parley_ctx_t *ctx, size_t n)
{
    if (!ctx || n < 1 || n > PARLEY_MAX_ERRORS)
        return parley__fail(ctx, PARLEY_EARG,
                            "parley_ctx_set_max_errors: n must be in [1, %d], got %zu",
                            PARLEY_MAX_ERRORS, n);
    char (*more)[PARLEY__MSG] = NULL;
    if (n > 1 && !(more = parley__malloc((n - 1) * sizeof *more)))
        return parley__fail(ctx, PARLEY_ENOMEM, "parley_ctx_set_max_errors: out of memory");
    parley__free(ctx->more);
    ctx->more = more;
    ctx->max_errors = n;
    ctx->n_errors = ctx->status != PARLEY_OK; /* the held first error stays readable */
    ctx->overflow = 0;
    return PARLEY_OK;
}

size_t parley_ctx_error_count(const parley_ctx_t *ctx)
{
    return ctx && ctx->status != PARLEY_OK ? ctx->n_errors : 0;
}

const char *parley_ctx_error(const parley_ctx_t *ctx, size_t k)
{
    if (k >= parley_ctx_error_count(ctx))
        return NULL;
    return k == 0 ? ctx->msg : ctx->more[k - 1];
}

int parley_ctx_error_overflow(const parley_ctx_t *ctx)
{
    return ctx && ctx->status != PARLEY_OK && ctx->overflow;
}

const char *parley_ctx_message(const parley_ctx_t *ctx)
{
    return ctx ? ctx->msg : "";
}

parley_status_t parley_ctx_status(const parley_ctx_t *ctx)
{
    return ctx ? ctx->status : PARLEY_OK;
}

/* A later error of a collecting call: kept once, after the first. */
static void add_error(parley_ctx_t *ctx, const char *fmt, va_list ap)
{
    char m[PARLEY__MSG];
    vsnprintf(m, sizeof m, fmt, ap);
    for (size_t k = 0; k < ctx->n_errors; k++)
        if (strcmp(parley_ctx_error(ctx, k), m) == 0)
            return;
    if (ctx->n_errors >= ctx->max_errors) {
        ctx->overflow = 1;
        return;
    }
    memcpy(ctx->more[ctx->n_errors - 1], m, sizeof m);
    ctx->n_errors++;
}

parley_status_t parley__vfail(parley_ctx_t *ctx, parley_status_t status, const char *fmt,
                              va_list ap)
{
    if (!ctx)
        return status;
    if (ctx->collecting && ctx->status != PARLEY_OK) {
        add_error(ctx, fmt, ap);
        return status;
    }
    ctx->status = status;
    vsnprintf(ctx->msg, sizeof ctx->msg, fmt, ap);
    ctx->n_errors = 1;
    ctx->overflow = 0;
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
        ctx->n_errors = 0;
        ctx->overflow = 0;
    }
}

void parley__collect_begin(parley_ctx_t *ctx)
{
    if (ctx && ctx->max_errors > 1) {
        parley__ok(ctx); /* this call's errors only */
        ctx->collecting = 1;
    }
}

void parley__collect_end(parley_ctx_t *ctx)
{
    if (ctx)
        ctx->collecting = 0;
}

int parley__collecting(const parley_ctx_t *ctx)
{
    return ctx && ctx->collecting && !ctx->overflow;
}
