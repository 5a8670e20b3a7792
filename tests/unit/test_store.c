/*
 * test_store.c — the run archive: migrations from an empty file and from
 * an older schema, reopening, refusing newer or foreign files, adding,
 * listing, fetching, exporting and diffing runs, and the error paths
 * (invalid JSON, a write SQLite refuses, allocation failures).
 */
#include <stdlib.h>
#include <sqlite3.h>
#include <unistd.h>
#include "../../src/store/storeint.h"
#include "../test.h"

static char dir[64];
static void cleanup(void);

static const char *tmp_path(const char *name)
{
    static char path[128];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/parley-store-XXXXXX");
        if (!mkdtemp(dir))
            return "/nonexistent/x.db";
        atexit(cleanup);
    }
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static void remove_db(const char *path)
{
    char p[160];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

static parley_store_t *open_new(parley_ctx_t *ctx, const char *name)
{
    const char *path = tmp_path(name);
    remove_db(path);
    parley_store_options_t o;
    parley_store_options_init(&o);
    o.create = 1;
    parley_store_t *st = NULL;
    CHECK_INT(parley_store_open(ctx, path, &o, &st), PARLEY_OK);
    return st;
}

static long long sql_int(parley_store_t *st, const char *sql)
{
    sqlite3_stmt *q = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(parley__store_db(st), sql, -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return v;
}

static parley_status_t add(parley_ctx_t *ctx, parley_store_t *st, const char *text,
                           const char *result, int64_t *id)
{
    parley_run_t r;
    parley_run_init(&r);
    r.scenario_text = text;
    r.scenario_len = text ? strlen(text) : 0;
    r.scenario_id = "demo";
    r.scenario_file = "demo.yaml";
    r.command = "eval";
    r.parameters = "{\"args\":[\"demo.yaml\"]}";
    r.started = 1700000000.25;
    r.finished = 1700000001.5;
    r.wall_seconds = 1.25;
    r.cpu_seconds = 1.0;
    r.result = result;
    return parley_store_add_run(ctx, st, &r, id);
}

static void migrations_from_empty(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_store_t *st = open_new(ctx, "empty.db");
    CHECK(st != NULL);
    if (!st)
        goto out;
    CHECK_INT(parley_store_schema_version(st), PARLEY_STORE_SCHEMA_VERSION);
    CHECK_INT(sql_int(st, "PRAGMA user_version"), PARLEY_STORE_SCHEMA_VERSION);
    CHECK_INT(sql_int(st, "SELECT count(*) FROM migrations"), PARLEY_STORE_SCHEMA_VERSION);
    CHECK_INT(sql_int(st, "PRAGMA application_id"), 0x50524c59);
    CHECK_INT(sql_int(st, "PRAGMA synchronous"), 2); /* FULL */
    int64_t n = -1;
    CHECK_INT(parley_store_count(ctx, st, &n), PARLEY_OK);
    CHECK_INT(n, 0);
    CHECK_INT(parley_store_check(ctx, st), PARLEY_OK);
    parley_store_close(st);
out:
    parley_ctx_destroy(ctx);
}

static void migrations_stepwise(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    const char *path = tmp_path("old.db");
    remove_db(path);
    parley_store_options_t o;
    parley_store_options_init(&o);
    o.create = 1;
    parley_store_t *st = NULL;
    CHECK_INT(parley__store_open_at(ctx, path, &o, 1, &st), PARLEY_OK);
    CHECK_INT(parley_store_schema_version(st), 1);
    CHECK_INT(add(ctx, st, "id: demo\n", "{\"a\":1}", NULL), PARLEY_OK);
    parley_store_close(st);
    st = NULL;
    CHECK_INT(parley_store_open(ctx, path, NULL, &st), PARLEY_OK); /* migrates 1 -> 2 */
    if (st) {
        CHECK_INT(parley_store_schema_version(st), 2);
        CHECK_INT(sql_int(st, "SELECT count(*) FROM migrations"), 2);
        CHECK_INT(sql_int(st, "SELECT count(*) FROM sqlite_schema WHERE name = 'runs_by_start'"),
                  1);
        CHECK_INT(sql_int(st, "SELECT count(*) FROM runs"), 1); /* nothing lost */
    }
    parley_store_close(st);
    parley_ctx_destroy(ctx);
}

static void newer_refused(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_store_t *st = open_new(ctx, "newer.db");
    if (st)
        sqlite3_exec(parley__store_db(st), "PRAGMA user_version = 99", NULL, NULL, NULL);
    parley_store_close(st);
    st = NULL;
    CHECK_INT(parley_store_open(ctx, tmp_path("newer.db"), NULL, &st), PARLEY_EINPUT);
    CHECK(st == NULL);
    CHECK_CONTAINS(parley_ctx_message(ctx), "schema version 99, newer than");
    parley_ctx_destroy(ctx);
}

static void foreign_files(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_store_t *st = NULL;
    parley_store_options_t o;
    parley_store_options_init(&o);
    o.create = 1;
    const char *path = tmp_path("text.db");
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("this is not a database, just some text that is long enough to have a header\n"
              "and more lines to fill the first hundred bytes of the file with.\n", f);
        fclose(f);
    }
    CHECK_INT(parley_store_open(ctx, path, &o, &st), PARLEY_EINPUT);
    CHECK_CONTAINS(parley_ctx_message(ctx), "not a run archive");
    path = tmp_path("other.db");
    remove_db(path);
    sqlite3 *db = NULL;
    sqlite3_open(path, &db);
    sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(db);
    CHECK_INT(parley_store_open(ctx, path, &o, &st), PARLEY_EINPUT);
    CHECK_CONTAINS(parley_ctx_message(ctx), "another program");
    CHECK_INT(parley_store_open(ctx, dir, &o, &st), PARLEY_EINPUT);
    CHECK_CONTAINS(parley_ctx_message(ctx), "is a folder");
    CHECK_INT(parley_store_open(ctx, tmp_path("absent.db"), NULL, &st), PARLEY_ENOTFOUND);
    CHECK_CONTAINS(parley_ctx_message(ctx), "no run archive there");
    CHECK_INT(parley_store_open(ctx, tmp_path("no/such/folder.db"), &o, &st), PARLEY_EIO);
    CHECK_CONTAINS(parley_ctx_message(ctx), "cannot open the run archive");
    CHECK_INT(parley_store_open(ctx, "", &o, &st), PARLEY_EARG);
    CHECK(st == NULL);
    parley_ctx_destroy(ctx);
}

typedef struct seen {
    int n;
    int64_t ids[8];
    char result[256], text[256], started[32];
    uint64_t seed;
    int has_seed;
    double started_s, wall;
} seen_t;

static int see(void *arg, const parley_run_t *r)
{
    seen_t *s = arg;
    if (s->n < 8)
        s->ids[s->n] = r->id;
    s->n++;
    snprintf(s->result, sizeof s->result, "%s", r->result ? r->result : "(null)");
    snprintf(s->text, sizeof s->text, "%.*s", (int)r->scenario_len,
             r->scenario_text ? r->scenario_text : "");
    snprintf(s->started, sizeof s->started, "%s", r->started_at);
    s->seed = r->seed;
    s->has_seed = r->has_seed;
    s->started_s = r->started;
    s->wall = r->wall_seconds;
    return 0;
}

static void add_and_read(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_store_t *st = open_new(ctx, "runs.db");
    int64_t id1 = 0, id2 = 0, id3 = 0;
    CHECK_INT(add(ctx, st, "id: demo\n", "{\"a\":1}", &id1), PARLEY_OK);
    CHECK_INT(add(ctx, st, "id: demo\n", "{\"a\":2}", &id2), PARLEY_OK);
    CHECK_INT(add(ctx, st, NULL, NULL, &id3), PARLEY_OK); /* no scenario, no result */
    CHECK_INT(id1, 1);
    CHECK_INT(id2, 2);
    CHECK_INT(id3, 3);
    CHECK_INT(sql_int(st, "SELECT count(*) FROM scenarios"), 1); /* deduplicated */
    parley_store_close(st);
    st = NULL;
    CHECK_INT(parley_store_open(ctx, tmp_path("runs.db"), NULL, &st), PARLEY_OK); /* reopen */
    seen_t s = {0};
    CHECK_INT(parley_store_get(ctx, st, 2, PARLEY_RUN_RESULT | PARLEY_RUN_SCENARIO, see, &s),
              PARLEY_OK);
    CHECK_INT(s.n, 1);
    CHECK_STR(s.result, "{\"a\":2}");
    CHECK_STR(s.text, "id: demo\n");
    CHECK_STR(s.started, "2023-11-14T22:13:20.250Z");
    CHECK_NEAR(s.started_s, 1700000000.25, 1e-3);
    CHECK_NEAR(s.wall, 1.25, 0);
    CHECK_INT(s.has_seed, 0);
    memset(&s, 0, sizeof s);
    CHECK_INT(parley_store_get(ctx, st, 2, 0, see, &s), PARLEY_OK);
    CHECK_STR(s.result, "(null)"); /* not asked for */
    CHECK_INT(parley_store_get(ctx, st, 42, 0, see, &s), PARLEY_ENOTFOUND);
    CHECK_CONTAINS(parley_ctx_message(ctx), "no run 42");
    memset(&s, 0, sizeof s);
    CHECK_INT(parley_store_runs(ctx, st, 0, 0, see, &s), PARLEY_OK);
    CHECK_INT(s.n, 3);
    CHECK_INT(s.ids[0], 1);
    CHECK_INT(s.ids[2], 3);
    memset(&s, 0, sizeof s);
    CHECK_INT(parley_store_runs(ctx, st, 0, 2, see, &s), PARLEY_OK); /* the last two */
    CHECK_INT(s.n, 2);
    CHECK_INT(s.ids[0], 2);
    CHECK_INT(s.ids[1], 3);
    parley_store_close(st);
    parley_ctx_destroy(ctx);
}

static void seeds(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_store_t *st = open_new(ctx, "seeds.db");
    uint64_t values[] = {0, 1, (uint64_t)INT64_MAX, UINT64_MAX};
    for (size_t k = 0; k < 4; k++) {
        parley_run_t r;
        parley_run_init(&r);
        r.command = "space";
        r.has_seed = 1;
        r.seed = values[k];
        int64_t id = 0;
        CHECK_INT(parley_store_add_run(ctx, st, &r, &id), PARLEY_OK);
        seen_t s = {0};
        CHECK_INT(parley_store_get(ctx, st, id, 0, see, &s), PARLEY_OK);
        CHECK_INT(s.has_seed, 1);
        CHECK(s.seed == values[k]);
    }
    parley_store_close(st);
    parley_ctx_destroy(ctx);
}

static void invalid_runs(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_store_t *st = open_new(ctx, "invalid.db");
    parley_run_t r;
    parley_run_init(&r);
    CHECK_INT(parley_store_add_run(ctx, st, &r, NULL), PARLEY_EARG); /* no command */
    r.command = "eval";
    r.parameters = "[1]";
    CHECK_INT(parley_store_add_run(ctx, st, &r, NULL), PARLEY_EARG);
    CHECK_CONTAINS(parley_ctx_message(ctx), "parameters must be a JSON object");
    r.parameters = NULL;
    r.result = "{\"a\":";
    CHECK_INT(parley_store_add_run(ctx, st, &r, NULL), PARLEY_EARG);
    CHECK_CONTAINS(parley_ctx_message(ctx), "result is not valid JSON");
    int64_t n = -1;
    CHECK_INT(parley_store_count(ctx, st, &n), PARLEY_OK);
    CHECK_INT(n, 0);
    parley_store_close(st);
    parley_ctx_destroy(ctx);
}

/* SQLite refuses the write: the transaction rolls back, nothing half-stored. */
static void write_refused(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_store_t *st = open_new(ctx, "refused.db");
    CHECK_INT(add(ctx, st, "id: a\n", "{}", NULL), PARLEY_OK);
    sqlite3_exec(parley__store_db(st), "PRAGMA query_only = 1", NULL, NULL, NULL);
    CHECK_INT(add(ctx, st, "id: b\n", "{}", NULL), PARLEY_EIO);
    CHECK_CONTAINS(parley_ctx_message(ctx), "refused.db");
    sqlite3_exec(parley__store_db(st), "PRAGMA query_only = 0", NULL, NULL, NULL);
    CHECK_INT(sql_int(st, "SELECT count(*) FROM scenarios"), 1);
    CHECK_INT(sql_int(st, "SELECT count(*) FROM runs"), 1);
    CHECK(sqlite3_get_autocommit(parley__store_db(st)) != 0); /* no transaction left open */
    int64_t id = 0;
    CHECK_INT(add(ctx, st, "id: b\n", "{}", &id), PARLEY_OK);
    CHECK_INT(id, 2);
    parley_store_close(st);
    parley_ctx_destroy(ctx);
}

typedef struct diffs {
    int n;
    char line[16][160];
} diffs_t;

static int see_diff(void *arg, const parley_diff_t *d)
{
    diffs_t *x = arg;
    if (x->n < 16)
        snprintf(x->line[x->n], sizeof x->line[0], "%d %s %s %s%s", (int)d->kind, d->path,
                 d->old_json ? d->old_json : "-", d->new_json ? d->new_json : "-",
                 d->numeric ? " num" : "");
    x->n++;
    return 0;
}

static void diff_runs(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_store_t *st = open_new(ctx, "diff.db");
    add(ctx, st, "x", "{\"a\":1,\"b\":[1,2],\"c\":\"x\",\"d\":{\"e\":true},\"g\":{\"h\":[0]},"
                     "\"z\":0.1}", NULL);
    add(ctx, st, "x", "{\"a\":1.0,\"b\":[1,3,4],\"c\":\"y\",\"d\":{\"e\":false},"
                     "\"g\":[1,2],\"f\":null,\"z\":0.30000000000000004}", NULL);
    add(ctx, st, "x", NULL, NULL);
    diffs_t d = {0};
    size_t n = 0;
    CHECK_INT(parley_store_diff(ctx, st, 1, 2, PARLEY_DIFF_RESULT, see_diff, &d, &n), PARLEY_OK);
    CHECK_INT(n, 7);
    CHECK_STR(d.line[0], "1 $.b[1] 2 3 num");
    CHECK_STR(d.line[1], "1 $.c \"x\" \"y\"");
    CHECK_STR(d.line[2], "1 $.d.e true false");
    CHECK_STR(d.line[3], "1 $.g {\"h\":[0]} [1,2]"); /* an object became an array: one change */
    CHECK_STR(d.line[4], "1 $.z 0.1 0.30000000000000004 num");
    CHECK_STR(d.line[5], "2 $.b[2] - 4");
    CHECK_STR(d.line[6], "2 $.f - null");
    memset(&d, 0, sizeof d);
    CHECK_INT(parley_store_diff(ctx, st, 1, 1, PARLEY_DIFF_RESULT, see_diff, &d, &n), PARLEY_OK);
    CHECK_INT(n, 0);
    CHECK_INT(parley_store_diff(ctx, st, 1, 2, PARLEY_DIFF_PARAMETERS, see_diff, &d, &n),
              PARLEY_OK);
    CHECK_INT(n, 0);
    memset(&d, 0, sizeof d);
    CHECK_INT(parley_store_diff(ctx, st, 3, 1, PARLEY_DIFF_RESULT, see_diff, &d, &n), PARLEY_OK);
    CHECK_INT(n, 1); /* no result: null against the object */
    CHECK_CONTAINS(d.line[0], "1 $ null {");
    CHECK_INT(parley_store_diff(ctx, st, 1, 9, PARLEY_DIFF_RESULT, see_diff, &d, &n),
              PARLEY_ENOTFOUND);
    parley_store_close(st);
    parley_ctx_destroy(ctx);
}

typedef struct lines {
    int n;
    char first[512];
} lines_t;

static int see_line(void *arg, const char *json, size_t len)
{
    lines_t *l = arg;
    if (!l->n)
        snprintf(l->first, sizeof l->first, "%.*s", (int)len, json);
    l->n++;
    return 0;
}

static void export_runs(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_store_t *st = open_new(ctx, "export.db");
    add(ctx, st, "id: demo\n", "{\"u\": 0.24700000000000001}", NULL);
    add(ctx, st, "id: demo\n", NULL, NULL);
    lines_t l = {0};
    CHECK_INT(parley_store_export(ctx, st, NULL, 0, 0, see_line, &l), PARLEY_OK);
    CHECK_INT(l.n, 2);
    CHECK_CONTAINS(l.first, "\"id\":1,\"command\":\"eval\",\"parameters\":{\"args\":[\"demo.yaml\"]}");
    CHECK_CONTAINS(l.first, "\"scenario\":{\"hash\":\"sha256:");
    CHECK_CONTAINS(l.first, "\"result\":{\"u\":0.24700000000000001}"); /* verbatim */
    memset(&l, 0, sizeof l);
    int64_t ids[] = {2};
    CHECK_INT(parley_store_export(ctx, st, ids, 1, PARLEY_RUN_SCENARIO, see_line, &l), PARLEY_OK);
    CHECK_INT(l.n, 1);
    CHECK_CONTAINS(l.first, "\"text\":\"id: demo\\n\"");
    CHECK_CONTAINS(l.first, "\"result\":null");
    memset(&l, 0, sizeof l);
    int64_t bad[] = {1, 7};
    CHECK_INT(parley_store_export(ctx, st, bad, 2, 0, see_line, &l), PARLEY_ENOTFOUND);
    CHECK_INT(l.n, 0);
    parley_store_close(st);
    parley_ctx_destroy(ctx);
}

/* A document past diff_max_bytes is refused before any work; a comparison
 * past diff_max_seconds is stopped (a zero-length budget in practice). */
static void diff_bounded(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    const char *path = tmp_path("bounded.db");
    remove_db(path);
    parley_store_options_t o;
    parley_store_options_init(&o);
    o.create = 1;
    o.diff_max_bytes = 100;
    parley_store_t *st = NULL;
    CHECK_INT(parley_store_open(ctx, path, &o, &st), PARLEY_OK);
    char big[400];
    snprintf(big, sizeof big, "{\"a\":[%s0]}", "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,"
                                            "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,");
    add(ctx, st, "x", "{\"a\":1}", NULL);
    add(ctx, st, "x", big, NULL);
    diffs_t d = {0};
    CHECK_INT(parley_store_diff(ctx, st, 1, 2, PARLEY_DIFF_RESULT, see_diff, &d, NULL),
              PARLEY_ELIMIT);
    CHECK_INT(d.n, 0);
    CHECK_CONTAINS(parley_ctx_message(ctx), "run 2's result is 0.0 MB, more than the 0.0 MB");
    parley_store_close(st);
    o.create = 0;
    o.diff_max_bytes = 0;        /* the default */
    o.diff_max_seconds = 1e-9;   /* past at SQLite's first progress call */
    CHECK_INT(parley_store_open(ctx, path, &o, &st), PARLEY_OK);
    CHECK_INT(parley_store_diff(ctx, st, 1, 2, PARLEY_DIFF_RESULT, see_diff, &d, NULL),
              PARLEY_ELIMIT);
    CHECK_CONTAINS(parley_ctx_message(ctx), "the comparison of runs 1 and 2 ran past 1e-09 s");
    parley_store_close(st);
    parley_ctx_destroy(ctx);
}

static int see_nothing(void *arg, const parley_run_t *r)
{
    (void)r;
    ++*(int *)arg;
    return 0;
}

static int see_json(void *arg, const char *json, size_t len)
{
    (void)json, (void)len;
    ++*(int *)arg;
    return 0;
}

/* Rows changed behind the store's back: every read reports the row as
 * damaged (PARLEY_EINPUT, the run named), none reads past what SQLite holds. */
static void damaged_rows(void)
{
    static const struct {
        const char *sql, *says;
        unsigned flags;
    } cases[] = {
        {"UPDATE scenarios SET size = 100000", "its scenario text is 6 bytes but the archive "
                                               "records 100000", PARLEY_RUN_SCENARIO},
        {"UPDATE scenarios SET size = 'big'", "records big", PARLEY_RUN_SCENARIO},
        {"UPDATE scenarios SET text = 'id: b\n'", "does not match its recorded hash",
         PARLEY_RUN_SCENARIO},
        {"UPDATE runs SET result = '{\"a\":'", "its result is not valid JSON", PARLEY_RUN_RESULT},
        {"UPDATE runs SET parameters = 'x'", "its parameters are not valid JSON", 0},
        {"UPDATE runs SET command = x'00'", "it names no command", 0},
        {"UPDATE runs SET seed = 'abc'", "its seed is not a whole number", 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        parley_ctx_t *ctx = parley_ctx_create();
        parley_store_t *st = open_new(ctx, "damaged.db");
        add(ctx, st, "id: a\n", "{\"a\":1}", NULL);
        sqlite3_exec(parley__store_db(st), "PRAGMA ignore_check_constraints = 1", NULL, NULL, NULL);
        CHECK_INT(sqlite3_exec(parley__store_db(st), cases[k].sql, NULL, NULL, NULL), SQLITE_OK);
        int seen = 0;
        CHECK_INT(parley_store_get(ctx, st, 1, cases[k].flags, see_nothing, &seen), PARLEY_EINPUT);
        CHECK_INT(seen, 0);
        CHECK_CONTAINS(parley_ctx_message(ctx), "run 1 is damaged: ");
        CHECK_CONTAINS(parley_ctx_message(ctx), cases[k].says);
        CHECK_INT(parley_store_runs(ctx, st, cases[k].flags, 0, see_nothing, &seen), PARLEY_EINPUT);
        int64_t ids[1] = {1};
        if (!strstr(cases[k].says, "hash") && !strstr(cases[k].says, "seed")) {
            CHECK_INT(parley_store_export(ctx, st, ids, 1, cases[k].flags, see_json, &seen),
                      PARLEY_EINPUT);
            CHECK_CONTAINS(parley_ctx_message(ctx), "run 1 is damaged: ");
        }
        CHECK_INT(seen, 0);
        parley_store_close(st);
        parley_ctx_destroy(ctx);
    }
}

static void alloc_failures(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    const char *path = tmp_path("alloc.db");
    remove_db(path);
    parley_store_options_t o;
    parley_store_options_init(&o);
    o.create = 1;
    for (long n = 0; n < 2; n++) {
        parley_store_t *st = NULL;
        parley__alloc_fail_after(n);
        parley_status_t s = parley_store_open(ctx, path, &o, &st);
        parley__alloc_fail_after(-1);
        CHECK_INT(s, PARLEY_ENOMEM);
        CHECK(st == NULL);
    }
    parley_ctx_destroy(ctx);
}

static void cleanup(void)
{
    static const char *const names[] = {"empty.db", "old.db", "newer.db", "text.db", "other.db",
                                        "runs.db", "seeds.db", "invalid.db", "refused.db",
                                        "diff.db", "export.db", "alloc.db", "bounded.db",
                                        "damaged.db", NULL};
    for (size_t k = 0; names[k]; k++)
        remove_db(tmp_path(names[k]));
    if (dir[0])
        rmdir(dir);
}

const test_case_t tests_store[] = {
    {"store/migrations_from_empty", migrations_from_empty},
    {"store/migrations_stepwise", migrations_stepwise},
    {"store/newer_refused", newer_refused},
    {"store/foreign_files", foreign_files},
    {"store/add_and_read", add_and_read},
    {"store/seeds", seeds},
    {"store/invalid_runs", invalid_runs},
    {"store/write_refused", write_refused},
    {"store/diff", diff_runs},
    {"store/export", export_runs},
    {"store/diff_bounded", diff_bounded},
    {"store/damaged_rows", damaged_rows},
    {"store/alloc_failures", alloc_failures},
    {NULL, NULL},
};
