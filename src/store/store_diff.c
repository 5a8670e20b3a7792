/*
 * store_diff.c — what changed between two runs: both JSON documents are
 * flattened by SQLite's json_tree() into (path, type, value) rows and
 * joined by path, so the comparison is one query. Results are at most a
 * few MB; SQLite indexes the materialised trees for the join itself. A
 * comparison is bounded: documents past diff_max_bytes are refused before
 * any work, and a progress handler stops the query at diff_max_seconds.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "storeint.h"

/* TREE(k): the nodes of run ?k's field F, one row per JSON value. */
#define TREE(k)                                                                            \
    "SELECT j.fullkey AS k, j.path AS p, j.type AS t, j.atom AS x, j.id AS o, "            \
    "CASE j.type WHEN 'object' THEN j.value WHEN 'array' THEN j.value "                    \
    "WHEN 'text' THEN json_quote(j.atom) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' " \
    "WHEN 'null' THEN 'null' ELSE CAST(j.atom AS TEXT) END AS v, "                          \
    "j.type IN ('integer', 'real') AS n "                                                  \
    "FROM runs r, json_tree(COALESCE(r.F, 'null')) j WHERE r.id = ?" #k

/* Numbers compare by value whatever their type (1 and 1.0); containers of
 * the same type are compared through their children; a path present in one
 * run only is reported where its parent exists in both, as the same type. */
#define DIFF_SQL                                                                           \
    "WITH a AS MATERIALIZED (" TREE(1) "), b AS MATERIALIZED (" TREE(2) ") "               \
    "SELECT 1, a.k, a.v, b.v, a.n, b.n, a.x, b.x, 0 AS part, a.o AS ord "               \
    "FROM a JOIN b ON b.k = a.k "                                                          \
    "WHERE NOT (a.t = b.t AND a.t IN ('object', 'array')) AND "                            \
    "(NOT (a.t = b.t OR (a.n AND b.n)) OR a.x IS NOT b.x) "                                \
    "UNION ALL "                                                                           \
    "SELECT 3, a.k, a.v, NULL, a.n, 0, a.x, NULL, 0, a.o FROM a "                               \
    "WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.k = a.k) AND EXISTS (SELECT 1 FROM a AS pa " \
    "JOIN b AS pb ON pb.k = pa.k WHERE pa.k = a.p AND pa.t = pb.t) "                        \
    "UNION ALL "                                                                           \
    "SELECT 2, b.k, NULL, b.v, 0, b.n, NULL, b.x, 1, b.o FROM b "                               \
    "WHERE NOT EXISTS (SELECT 1 FROM a WHERE a.k = b.k) AND EXISTS (SELECT 1 FROM a AS pa " \
    "JOIN b AS pb ON pb.k = pa.k WHERE pb.k = b.p AND pa.t = pb.t) "                        \
    "ORDER BY part, ord"

/* Run id exists, its row is sound, and its field is at most
 * diff_max_bytes long. */
static parley_status_t need_run(parley_ctx_t *ctx, parley_store_t *st, int64_t id,
                                parley_diff_field_t field)
{
    sqlite3_stmt *q = NULL;
    parley_status_t s = parley__store_prepare(
        ctx, st, field == PARLEY_DIFF_PARAMETERS
                     ? "SELECT length(CAST(parameters AS BLOB)) FROM runs WHERE id = ?1"
                     : "SELECT length(CAST(result AS BLOB)) FROM runs WHERE id = ?1", &q);
    if (s)
        return s;
    sqlite3_bind_int64(q, 1, id);
    int rc = sqlite3_step(q);
    sqlite3_int64 bytes = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE)
        return parley__fail(ctx, PARLEY_ENOTFOUND, "%s: no run %lld", st->path, (long long)id);
    if (rc != SQLITE_ROW)
        return parley__store_fail(ctx, st, PARLEY_EIO, "cannot read the runs");
    if (bytes > 0 && (size_t)bytes > st->diff_max_bytes)
        return parley__fail(ctx, PARLEY_ELIMIT, "run %lld's %s is %.1f MB, more than the %.1f MB "
                            "a comparison reads; export the two runs ('parley runs export') "
                            "and compare them with a JSON tool", (long long)id,
                            field == PARLEY_DIFF_PARAMETERS ? "parameters" : "result",
                            (double)bytes / 1e6, (double)st->diff_max_bytes / 1e6);
    return parley__store_check_rows(ctx, st, id, field == PARLEY_DIFF_RESULT ? PARLEY_RUN_RESULT
                                                                             : 0u);
}

static double mono_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* SQLite's progress handler: nonzero interrupts the query. */
static int past_deadline(void *arg)
{
    return mono_now() > *(const double *)arg;
}

/* The statement text with F replaced by the column compared. */
static void diff_sql(parley_diff_field_t field, char *buf, size_t cap)
{
    const char *col = field == PARLEY_DIFF_PARAMETERS ? "parameters" : "result";
    const char *src = DIFF_SQL;
    size_t n = 0;
    for (const char *p = src; *p && n + 16 < cap; p++) {
        if (p[0] == 'r' && p[1] == '.' && p[2] == 'F' && p[3] == ',') {
            n += (size_t)snprintf(buf + n, cap - n, "r.%s", col);
            p += 2;
        } else {
            buf[n++] = *p;
        }
    }
    buf[n] = '\0';
}

static void read_diff(sqlite3_stmt *q, parley_diff_t *d, char *old_num, char *new_num)
{
    memset(d, 0, sizeof *d);
    d->kind = (parley_diff_kind_t)sqlite3_column_int(q, 0);
    d->path = (const char *)sqlite3_column_text(q, 1);
    d->old_json = (const char *)sqlite3_column_text(q, 2);
    d->new_json = (const char *)sqlite3_column_text(q, 3);
    int old_n = sqlite3_column_int(q, 4), new_n = sqlite3_column_int(q, 5);
    d->numeric = old_n && new_n;
    /* numbers in the shortest form that reads back exactly, not SQLite's 15 digits */
    if (old_n) {
        d->old_number = sqlite3_column_double(q, 6);
        parley_format_number(d->old_number, old_num);
        d->old_json = old_num;
    }
    if (new_n) {
        d->new_number = sqlite3_column_double(q, 7);
        parley_format_number(d->new_number, new_num);
        d->new_json = new_num;
    }
}

parley_status_t parley_store_diff(parley_ctx_t *ctx, parley_store_t *st, int64_t a, int64_t b,
                                  parley_diff_field_t field, parley_diff_fn fn, void *arg,
                                  size_t *n)
{
    if (!st || !fn)
        return parley__fail(ctx, PARLEY_EARG, "parley_store_diff: invalid argument");
    parley_status_t s = need_run(ctx, st, a, field);
    if (!s)
        s = need_run(ctx, st, b, field);
    char sql[4096];
    diff_sql(field, sql, sizeof sql);
    sqlite3_stmt *q = NULL;
    if (!s)
        s = parley__store_prepare(ctx, st, sql, &q);
    if (s)
        return s;
    sqlite3_bind_int64(q, 1, a);
    sqlite3_bind_int64(q, 2, b);
    size_t count = 0;
    int rc;
    double deadline = mono_now() + st->diff_max_seconds;
    sqlite3_progress_handler(st->db, 1000, past_deadline, &deadline);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        parley_diff_t d;
        char old_num[32], new_num[32];
        read_diff(q, &d, old_num, new_num);
        count++;
        if (fn(arg, &d))
            break;
    }
    sqlite3_progress_handler(st->db, 0, NULL, NULL);
    sqlite3_finalize(q);
    if (rc == SQLITE_INTERRUPT)
        return parley__fail(ctx, PARLEY_ELIMIT, "the comparison of runs %lld and %lld ran past "
                            "%g s and was stopped; export the two runs ('parley runs export') "
                            "and compare them with a JSON tool", (long long)a, (long long)b,
                            st->diff_max_seconds);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return parley__store_fail(ctx, st, PARLEY_EIO, "cannot compare the runs");
    parley__ok(ctx);
    if (n)
        *n = count;
    return PARLEY_OK;
}
