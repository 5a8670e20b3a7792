/*
 * parley/common.h — status codes, the error context, version, and the one
 * way numbers are written (parley_format_number).
 *
 * Ownership: a parley_ctx_t is created by parley_ctx_create() and owned by
 * the caller until parley_ctx_destroy(). Strings returned by the context
 * (parley_ctx_message, parley_ctx_error) belong to it and stay valid until
 * the next call that takes the same context.
 */
#ifndef PARLEY_COMMON_H
#define PARLEY_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PARLEY_VERSION_MAJOR 0
#define PARLEY_VERSION_MINOR 1
#define PARLEY_VERSION_PATCH 0
#define PARLEY_VERSION_STRING "0.1.0"

/* On every public function and variable: the library is built with
 * -fvisibility=hidden, so the shared library exports these and nothing else. */
#if defined(__GNUC__) || defined(__clang__)
#define PARLEY_API __attribute__((visibility("default")))
#else
#define PARLEY_API
#endif

/* Every fallible call returns one of these; 0 is success. */
typedef enum parley_status {
    PARLEY_OK = 0,
    PARLEY_EINPUT,    /* the input (a file, a table, an id) is invalid */
    PARLEY_ELIMIT,    /* the input exceeds a documented limit */
    PARLEY_ENOTFOUND, /* a named thing (proposal, actor) does not exist */
    PARLEY_EIO,       /* reading or writing a file failed */
    PARLEY_ENOMEM,    /* an allocation failed */
    PARLEY_EARG,      /* the caller passed an invalid argument */
    PARLEY_EINTERNAL  /* a bug: an invariant did not hold */
} parley_status_t;

/* A short static description of a status code; never NULL. */
PARLEY_API const char *parley_strerror(parley_status_t status);

/* The library's version string, e.g. "0.1.0". */
PARLEY_API const char *parley_version(void);

/* The shortest decimal form of a finite v that reads back exactly
 * ("0.1", "600000", "1e-07"); "-0" is written "0". buf needs 32 bytes. */
PARLEY_API void parley_format_number(double v, char buf[32]);

/* Holds the detailed message of the last failure of a call that took it. */
typedef struct parley_ctx parley_ctx_t;

/* Creates a context; NULL only when memory is exhausted. */
PARLEY_API parley_ctx_t *parley_ctx_create(void);

/* Destroys a context; NULL is a no-op. */
PARLEY_API void parley_ctx_destroy(parley_ctx_t *ctx);

/*
 * The detailed message of the last failure ("file:line:col: what"), or ""
 * when the last call succeeded. Never NULL.
 */
PARLEY_API const char *parley_ctx_message(const parley_ctx_t *ctx);

/* The status of the last failure recorded on the context (PARLEY_OK if none). */
PARLEY_API parley_status_t parley_ctx_status(const parley_ctx_t *ctx);

/*
 * Records a failure on ctx: status, and a message formatted as printf does
 * (at most 2047 bytes are kept); returns status, so a caller can write
 * `return parley_ctx_fail(ctx, PARLEY_EARG, "...", ...)`. For applications
 * built on the library, whose own checks then report through the same
 * context as the library's. ctx may be NULL (nothing is recorded).
 */
PARLEY_API parley_status_t parley_ctx_fail(parley_ctx_t *ctx, parley_status_t status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The largest cap parley_ctx_set_max_errors accepts. */
#define PARLEY_MAX_ERRORS 1000

/*
 * Collect mode. By default (n = 1) a call stops at its first error and the
 * context holds that one message. With n > 1 the scenario loader
 * (parley_scenario_load_file / _buffer; no other call) goes on after an
 * error wherever the rest of the file can still be checked independently
 * and records up to n distinct messages, in the order found; it stops early
 * where going on would only report consequences of an earlier error (a
 * YAML syntax error, an unsupported format version, running out of
 * memory). The first message, the one parley_ctx_message returns, and the
 * call's status are those of the default mode. n must be in
 * [1, PARLEY_MAX_ERRORS]: else PARLEY_EARG. PARLEY_ENOMEM when the room
 * for n messages cannot be allocated; the context then keeps its previous
 * setting. The setting lasts until changed or the context is destroyed.
 */
PARLEY_API parley_status_t parley_ctx_set_max_errors(parley_ctx_t *ctx, size_t n);

/*
 * How many messages the last failure left on the context: 0 when the last
 * call succeeded (or nothing failed yet), 1 in the default mode, up to the
 * cap in collect mode.
 */
PARLEY_API size_t parley_ctx_error_count(const parley_ctx_t *ctx);

/*
 * Message k (from 0) of the last failure, "file:line:col: what"; message 0
 * is parley_ctx_message's. NULL when k >= parley_ctx_error_count(ctx).
 */
PARLEY_API const char *parley_ctx_error(const parley_ctx_t *ctx, size_t k);

/*
 * Nonzero when the last failed call found more errors than its cap allows:
 * it kept the first ones and stopped looking, so the count is a lower bound.
 */
PARLEY_API int parley_ctx_error_overflow(const parley_ctx_t *ctx);

#ifdef __cplusplus
}
#endif
#endif
