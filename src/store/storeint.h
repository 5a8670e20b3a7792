/*
 * storeint.h — internals shared by the run archive's files (store.c opens,
 * migrates and writes; store_read.c lists, fetches and exports;
 * store_diff.c compares): the handle's layout and SQLite helpers.
 */
#ifndef PARLEY_STOREINT_H
#define PARLEY_STOREINT_H

#include <sqlite3.h>
#include "../core/core.h"
#include "parley/store.h"

struct parley_store {
    sqlite3 *db;
    char *path;
    int version;               /* schema version after migrations */
    unsigned commit_delay_ms;  /* test hook */
    size_t diff_max_bytes;     /* parley_store_diff's bounds (options) */
    double diff_max_seconds;
};

/* Records SQLite's current error on ctx as "PATH: what: sqlite's message"
 * and returns status. */
parley_status_t parley__store_fail(parley_ctx_t *ctx, const parley_store_t *st,
                                   parley_status_t status, const char *what);

/* Prepares sql; on failure records the error. */
parley_status_t parley__store_prepare(parley_ctx_t *ctx, parley_store_t *st, const char *sql,
                                      sqlite3_stmt **out);

/* PARLEY_EINPUT naming the first damaged row of run id (0: of every run):
 * a JSON column that is not JSON, or (flags & PARLEY_RUN_SCENARIO) a
 * scenario text whose length is not its recorded size. SQLite's JSON
 * functions would otherwise fail with a bare "malformed JSON". */
parley_status_t parley__store_check_rows(parley_ctx_t *ctx, parley_store_t *st, int64_t id,
                                         unsigned flags);

/* Test hook: opens like parley_store_open but migrates no further than
 * max_version (to build archives of an older schema). */
parley_status_t parley__store_open_at(parley_ctx_t *ctx, const char *path,
                                      const parley_store_options_t *o, int max_version,
                                      parley_store_t **out);

/* The handle's SQLite connection (for tests that break it on purpose). */
sqlite3 *parley__store_db(parley_store_t *st);

#endif
