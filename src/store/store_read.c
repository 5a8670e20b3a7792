/*
 * store_read.c — reading the run archive: runs in id order (all or the
 * last N), one run by id, the count, an integrity check, and the runs as
 * JSON objects for export (built by SQLite's JSON functions, so a stored
 * result is embedded verbatim, numbers and all).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "storeint.h"

#define RUN_COLUMNS                                                                        \
    "SELECT r.id, r.command, r.parameters, r.seed, r.parley_version, r.started_at, "      \
    "r.finished_at, (julianday(r.started_at) - 2440587.5) * 86400.0, "                  \
    "(julianday(r.finished_at) - 2440587.5) * 86400.0, r.wall_seconds, r.cpu_seconds, "  \
    "r.exit_status, r.scenario_file, s.hash, s.scenario_id, "                             \
    "CASE WHEN ?1 & 1 THEN r.result END, CASE WHEN ?1 & 2 THEN s.text END, s.size "       \
    "FROM runs r LEFT JOIN scenarios s ON s.id = r.scenario "

static const char *col_text(sqlite3_stmt *q, int k)
{
    return (const char *)sqlite3_column_text(q, k);
}

/* Fills r from the current row of a RUN_COLUMNS statement. */
static void read_row(sqlite3_stmt *q, parley_run_t *r)
{
    parley_run_init(r);
    r->id = sqlite3_column_int64(q, 0);
    r->command = col_text(q, 1);
    r->parameters = col_text(q, 2);
    int seed_type = sqlite3_column_type(q, 3);
    if (seed_type == SQLITE_INTEGER) {
        r->has_seed = 1;
        r->seed = (uint64_t)sqlite3_column_int64(q, 3);
    } else if (seed_type == SQLITE_TEXT) {
        r->has_seed = 1;
        r->seed = strtoull(col_text(q, 3), NULL, 10);
    }
    r->version = col_text(q, 4);
    r->started_at = col_text(q, 5);
    r->finished_at = col_text(q, 6);
    r->started = sqlite3_column_double(q, 7);
    r->finished = sqlite3_column_double(q, 8);
    r->wall_seconds = sqlite3_column_double(q, 9);
    r->cpu_seconds = sqlite3_column_double(q, 10);
    r->exit_status = sqlite3_column_int(q, 11);
    r->scenario_file = col_text(q, 12);
    r->scenario_hash = col_text(q, 13);
    r->scenario_id = col_text(q, 14);
    r->result = col_text(q, 15);
    r->scenario_text = col_text(q, 16);
    /* The text's own length, never the size column: a damaged or edited
     * archive may store a size the text does not have. */
    r->scenario_len = r->scenario_text ? (size_t)sqlite3_column_bytes(q, 16) : 0;
}

/* Steps q, calling fn on each row; *rows counts them. */
static parley_status_t walk(parley_ctx_t *ctx, parley_store_t *st, sqlite3_stmt *q,
                            parley_run_fn fn, void *arg, size_t *rows)
{
    int rc;
    *rows = 0;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        parley_run_t r;
        read_row(q, &r);
        ++*rows;
        if (fn(arg, &r))
            break;
    }
    parley_status_t s = rc == SQLITE_ROW || rc == SQLITE_DONE
                            ? PARLEY_OK
                            : parley__store_fail(ctx, st, PARLEY_EIO, "cannot read the runs");
    sqlite3_finalize(q);
    return s;
}

parley_status_t parley_store_runs(parley_ctx_t *ctx, parley_store_t *st, unsigned flags,
                                  size_t limit, parley_run_fn fn, void *arg)
{
    if (!st || !fn)
        return parley__fail(ctx, PARLEY_EARG, "parley_store_runs: invalid argument");
    sqlite3_stmt *q = NULL;
    parley_status_t s = parley__store_prepare(
        ctx, st, "SELECT * FROM (" RUN_COLUMNS "ORDER BY r.id DESC LIMIT ?2) ORDER BY 1", &q);
    if (s)
        return s;
    sqlite3_bind_int(q, 1, (int)flags);
    sqlite3_bind_int64(q, 2, limit && limit < INT64_MAX ? (sqlite3_int64)limit : -1);
    size_t rows;
    if ((s = walk(ctx, st, q, fn, arg, &rows)))
        return s;
    parley__ok(ctx);
    return PARLEY_OK;
}

parley_status_t parley_store_get(parley_ctx_t *ctx, parley_store_t *st, int64_t id,
                                 unsigned flags, parley_run_fn fn, void *arg)
{
    if (!st || !fn)
        return parley__fail(ctx, PARLEY_EARG, "parley_store_get: invalid argument");
    sqlite3_stmt *q = NULL;
    parley_status_t s = parley__store_prepare(ctx, st, RUN_COLUMNS "WHERE r.id = ?2", &q);
    if (s)
        return s;
    sqlite3_bind_int(q, 1, (int)flags);
    sqlite3_bind_int64(q, 2, id);
    size_t rows;
    if ((s = walk(ctx, st, q, fn, arg, &rows)))
        return s;
    if (rows == 0)
        return parley__fail(ctx, PARLEY_ENOTFOUND, "%s: no run %" PRId64, st->path, id);
    parley__ok(ctx);
    return PARLEY_OK;
}

parley_status_t parley_store_count(parley_ctx_t *ctx, parley_store_t *st, int64_t *n)
{
    if (!st || !n)
        return parley__fail(ctx, PARLEY_EARG, "parley_store_count: invalid argument");
    sqlite3_stmt *q = NULL;
    parley_status_t s = parley__store_prepare(ctx, st, "SELECT count(*) FROM runs", &q);
    if (s)
        return s;
    int rc = sqlite3_step(q);
    int64_t v = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW)
        return parley__store_fail(ctx, st, PARLEY_EIO, "cannot count the runs");
    parley__ok(ctx);
    *n = v;
    return PARLEY_OK;
}

/* The first row of a checking pragma: NULL (no row) or its text, copied. */
static parley_status_t first_complaint(parley_ctx_t *ctx, parley_store_t *st, const char *sql,
                                       char *buf, size_t cap)
{
    sqlite3_stmt *q = NULL;
    parley_status_t s = parley__store_prepare(ctx, st, sql, &q);
    if (s)
        return s;
    int rc = sqlite3_step(q);
    buf[0] = '\0';
    if (rc == SQLITE_ROW) {
        const char *t = col_text(q, 0);
        snprintf(buf, cap, "%s", t ? t : "foreign key violation");
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return parley__store_fail(ctx, st, PARLEY_EINPUT, "the run archive is damaged");
    return PARLEY_OK;
}

parley_status_t parley_store_check(parley_ctx_t *ctx, parley_store_t *st)
{
    if (!st)
        return parley__fail(ctx, PARLEY_EARG, "parley_store_check: invalid argument");
    char msg[512];
    parley_status_t s = first_complaint(ctx, st, "PRAGMA integrity_check", msg, sizeof msg);
    if (s)
        return s;
    if (strcmp(msg, "ok") != 0)
        return parley__fail(ctx, PARLEY_EINPUT, "%s: the run archive is damaged: %s", st->path,
                            msg);
    if ((s = first_complaint(ctx, st, "PRAGMA foreign_key_check", msg, sizeof msg)))
        return s;
    if (msg[0])
        return parley__fail(ctx, PARLEY_EINPUT, "%s: the run archive is damaged: a run in "
                            "table %s names a missing scenario", st->path, msg);
    parley__ok(ctx);
    return PARLEY_OK;
}

/* ---- Export. */

#define EXPORT_SQL                                                                         \
    "SELECT json_object('id', r.id, 'command', r.command, "                               \
    "'parameters', json(r.parameters), 'seed', r.seed, "                                  \
    "'parley_version', r.parley_version, 'started_at', r.started_at, "                    \
    "'finished_at', r.finished_at, 'wall_seconds', r.wall_seconds, "                      \
    "'cpu_seconds', r.cpu_seconds, 'exit_status', r.exit_status, "                        \
    "'scenario', json(CASE WHEN s.id IS NULL THEN 'null' WHEN ?1 & 2 THEN "               \
    "json_object('hash', s.hash, 'id', s.scenario_id, 'file', r.scenario_file, "           \
    "'text', s.text) ELSE json_object('hash', s.hash, 'id', s.scenario_id, "              \
    "'file', r.scenario_file) END), 'result', json(r.result)) "                            \
    "FROM runs r LEFT JOIN scenarios s ON s.id = r.scenario "

static int step_export(sqlite3_stmt *q, int (*fn)(void *, const char *, size_t), void *arg,
                       int *stop)
{
    int rc;
    while (!*stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *j = col_text(q, 0);
        *stop = fn(arg, j ? j : "null", (size_t)sqlite3_column_bytes(q, 0));
    }
    return *stop ? SQLITE_DONE : rc;
}

static parley_status_t check_ids(parley_ctx_t *ctx, parley_store_t *st, const int64_t *ids,
                                 size_t n)
{
    sqlite3_stmt *q = NULL;
    parley_status_t s = parley__store_prepare(ctx, st, "SELECT 1 FROM runs WHERE id = ?1", &q);
    for (size_t k = 0; !s && k < n; k++) {
        sqlite3_reset(q);
        sqlite3_bind_int64(q, 1, ids[k]);
        int rc = sqlite3_step(q);
        if (rc == SQLITE_DONE)
            s = parley__fail(ctx, PARLEY_ENOTFOUND, "%s: no run %" PRId64, st->path, ids[k]);
        else if (rc != SQLITE_ROW)
            s = parley__store_fail(ctx, st, PARLEY_EIO, "cannot read the runs");
    }
    sqlite3_finalize(q);
    return s;
}

parley_status_t parley_store_export(parley_ctx_t *ctx, parley_store_t *st, const int64_t *ids,
                                    size_t n, unsigned flags,
                                    int (*fn)(void *arg, const char *json, size_t len),
                                    void *arg)
{
    if (!st || !fn || (n && !ids))
        return parley__fail(ctx, PARLEY_EARG, "parley_store_export: invalid argument");
    parley_status_t s = check_ids(ctx, st, ids, n);
    sqlite3_stmt *q = NULL;
    if (!s)
        s = parley__store_prepare(ctx, st, n ? EXPORT_SQL "WHERE r.id = ?2"
                                             : EXPORT_SQL "ORDER BY r.id", &q);
    int stop = 0, rc = SQLITE_DONE;
    for (size_t k = 0; !s && k < (n ? n : 1) && !stop && rc == SQLITE_DONE; k++) {
        sqlite3_reset(q);
        sqlite3_bind_int(q, 1, (int)flags);
        if (n)
            sqlite3_bind_int64(q, 2, ids[k]);
        rc = step_export(q, fn, arg, &stop);
    }
    if (!s && rc != SQLITE_DONE)
        s = parley__store_fail(ctx, st, PARLEY_EIO, "cannot export the runs");
    sqlite3_finalize(q);
    if (!s)
        parley__ok(ctx);
    return s;
}
