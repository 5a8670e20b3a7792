/*
 * parley/common.h — status codes, the error context, version, and the one
 * way numbers are written (parley_format_number).
 *
 * Ownership: a parley_ctx_t is created by parley_ctx_create() and owned by
 * the caller until parley_ctx_destroy(). Strings returned by the context
 * (parley_ctx_message) belong to it and stay valid until the next call that
 * takes the same context.
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

#ifdef __cplusplus
}
#endif
#endif
