/*
 * fuzz_store.c — libFuzzer target for the run archive's reader
 * (src/store): an archive built from the input is opened with the archive
 * API and read every way the CLI and the server read it (count, list with
 * results and scenario texts, each run, export, diff, check). Two shapes
 * of input: one starting with SQLite's magic is the database file itself;
 * any other is a list of fields separated by NUL bytes that become rows of
 * a fresh archive, written with the CHECK constraints off so that what a
 * damaged or hand-edited file may hold (a size that is not the text's, a
 * blob where text belongs, JSON that is not JSON, a seed that is no
 * number) reaches the reader. A field's first byte types it: 'i' integer,
 * 'r' real, 'b' blob, 'n' NULL, anything else text (the whole field).
 * Every byte the reader hands out is read, so an over-read is a finding.
 */
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parley/parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64], dir[48];
static volatile size_t sink; /* keeps the reads below from being optimised away */

static void touch(const char *s, size_t n)
{
    for (size_t k = 0; s && k < n; k++)
        sink += (unsigned char)s[k];
}

static void touch_str(const char *s)
{
    if (s)
        touch(s, strlen(s));
}

static int on_run(void *arg, const parley_run_t *r)
{
    (void)arg;
    touch_str(r->command);
    touch_str(r->parameters);
    touch_str(r->version);
    touch_str(r->started_at);
    touch_str(r->finished_at);
    touch_str(r->scenario_file);
    touch_str(r->scenario_hash);
    touch_str(r->scenario_id);
    touch_str(r->result);
    touch(r->scenario_text, r->scenario_len); /* the CLI writes exactly these bytes */
    return 0;
}

static int on_json(void *arg, const char *json, size_t len)
{
    (void)arg;
    touch(json, len);
    return 0;
}

static int on_diff(void *arg, const parley_diff_t *d)
{
    (void)arg;
    touch_str(d->path);
    touch_str(d->old_json);
    touch_str(d->new_json);
    return 0;
}

/* ---- the fields shape */

typedef struct fields {
    const char *p, *end;
} fields_t;

/* Binds the next field to parameter k of q (NULL when the fields ran out). */
static void bind_next(sqlite3_stmt *q, int k, fields_t *f)
{
    if (f->p >= f->end) {
        sqlite3_bind_null(q, k);
        return;
    }
    const char *nul = memchr(f->p, '\0', (size_t)(f->end - f->p));
    size_t n = nul ? (size_t)(nul - f->p) : (size_t)(f->end - f->p);
    const char *v = f->p + 1;
    char num[64];
    snprintf(num, sizeof num, "%.*s", n ? (int)(n - 1 < 63 ? n - 1 : 63) : 0, v);
    switch (n ? f->p[0] : 0) {
    case 'i': sqlite3_bind_int64(q, k, strtoll(num, NULL, 10)); break;
    case 'r': sqlite3_bind_double(q, k, strtod(num, NULL)); break;
    case 'b': sqlite3_bind_blob(q, k, v, (int)n - 1, SQLITE_TRANSIENT); break;
    case 'n': sqlite3_bind_null(q, k); break;
    default: sqlite3_bind_text(q, k, f->p, (int)n, SQLITE_TRANSIENT); break;
    }
    f->p += n + 1;
}

static void insert_rows(sqlite3 *db, const char *sql, int n_params, int rows, fields_t *f)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
        abort();
    for (int r = 0; r < rows && f->p < f->end; r++) {
        for (int k = 1; k <= n_params; k++)
            bind_next(q, k, f);
        sqlite3_step(q); /* a NOT NULL violation only skips the row */
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
}

static int write_file(const void *data, size_t size)
{
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return -1;
    fwrite(data, 1, size, fp);
    return fclose(fp);
}

/* A fresh archive as the archive API makes it, made once and copied. */
static char *fresh;
static size_t fresh_len;

static void make_fresh(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_store_options_t o;
    parley_store_options_init(&o);
    o.create = 1;
    parley_store_t *st = NULL;
    if (parley_store_open(ctx, path, &o, &st) != PARLEY_OK)
        abort(); /* a fresh archive in a private folder */
    parley_store_close(st); /* the last close folds the WAL into the file */
    if (parley_read_file(ctx, path, 1 << 20, &fresh, &fresh_len) != PARLEY_OK)
        abort();
    parley_ctx_destroy(ctx);
}

/* A fresh archive filled with the fields. */
static int build_from_fields(const uint8_t *data, size_t size)
{
    if (write_file(fresh, fresh_len) != 0)
        return -1;
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        abort();
    sqlite3_exec(db, "PRAGMA ignore_check_constraints = 1; PRAGMA foreign_keys = 0; BEGIN",
                 NULL, NULL, NULL);
    fields_t f = {(const char *)data, (const char *)data + size};
    insert_rows(db, "INSERT INTO scenarios(id, hash, scenario_id, text, size, first_seen) "
                    "VALUES(?1, ?2, ?3, ?4, ?5, '2025-01-01T00:00:00.000Z')", 5, 2, &f);
    insert_rows(db, "INSERT INTO runs(id, scenario, scenario_file, command, parameters, seed, "
                    "parley_version, started_at, finished_at, wall_seconds, cpu_seconds, "
                    "exit_status, result) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                    "?12, ?13)", 13, 3, &f);
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(db);
    return 0;
}

/* Every way the archive is read. */
static void read_all(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_store_t *st = NULL;
    parley_status_t s = parley_store_open(ctx, path, NULL, &st);
    if (s != PARLEY_OK) {
        if (!*parley_ctx_message(ctx) || st)
            abort(); /* a refusal says why and gives no handle */
        parley_ctx_destroy(ctx);
        return;
    }
    int64_t n = 0;
    parley_store_count(ctx, st, &n);
    unsigned all = PARLEY_RUN_RESULT | PARLEY_RUN_SCENARIO;
    parley_store_runs(ctx, st, all, 0, on_run, NULL);
    parley_store_runs(ctx, st, 0, 1, on_run, NULL);
    for (int64_t id = 0; id <= 3; id++)
        parley_store_get(ctx, st, id, all, on_run, NULL);
    parley_store_export(ctx, st, NULL, 0, PARLEY_RUN_SCENARIO, on_json, NULL);
    int64_t ids[] = {1, 2};
    parley_store_export(ctx, st, ids, 2, 0, on_json, NULL);
    size_t nd = 0;
    parley_store_diff(ctx, st, 1, 2, PARLEY_DIFF_RESULT, on_diff, NULL, &nd);
    parley_store_diff(ctx, st, 2, 1, PARLEY_DIFF_PARAMETERS, on_diff, NULL, &nd);
    parley_store_check(ctx, st);
    parley_store_close(st);
    parley_ctx_destroy(ctx);
}

static void remove_files(void)
{
    char extra[80];
    unlink(path);
    snprintf(extra, sizeof extra, "%s-wal", path);
    unlink(extra);
    snprintf(extra, sizeof extra, "%s-shm", path);
    unlink(extra);
    snprintf(extra, sizeof extra, "%s-journal", path);
    unlink(extra);
}

/* A private folder for one input, removed after it (a run stopped by
 * -max_total_time does not call atexit handlers). */
static int make_dir(void)
{
    snprintf(dir, sizeof dir, "/dev/shm/parley-fuzz-store-XXXXXX"); /* SQLite syncs: tmpfs */
    if (!mkdtemp(dir)) {
        snprintf(dir, sizeof dir, "/tmp/parley-fuzz-store-XXXXXX");
        if (!mkdtemp(dir))
            return -1;
    }
    snprintf(path, sizeof path, "%s/runs.db", dir);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20 || make_dir() != 0)
        return 0;
    if (!fresh)
        make_fresh();
    remove_files();
    static const char MAGIC[] = "SQLite format 3";
    int file = size >= sizeof MAGIC && memcmp(data, MAGIC, sizeof MAGIC) == 0;
    if ((file ? write_file(data, size) : build_from_fields(data, size)) == 0)
        read_all();
    remove_files();
    rmdir(dir);
    return 0;
}
