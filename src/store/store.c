/*
 * store.c — opening the run archive (an SQLite file in WAL mode with
 * synchronous=FULL, so a commit survives a crash), its versioned schema
 * migrations, and adding a run in one transaction. One run is written per
 * analysis: small transactions, a few per second at most.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "storeint.h"

/* PRAGMA application_id of a Parley archive: "PRLY". */
#define PARLEY_APP_ID 0x50524c59

typedef struct migration {
    int version;
    const char *name;
    const char *sql;
} migration_t;

/* Append only: an archive records which of these it has (table migrations)
 * and PRAGMA user_version is the last one applied. */
static const migration_t MIGRATIONS[] = {
    {1, "scenarios and runs",
     "CREATE TABLE migrations(\n"
     "  version INTEGER PRIMARY KEY,\n"
     "  name TEXT NOT NULL,\n"
     "  applied_at TEXT NOT NULL);\n"
     "CREATE TABLE scenarios(\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  hash TEXT NOT NULL UNIQUE,        -- 'sha256:' + hex of text\n"
     "  scenario_id TEXT,                 -- the scenario's own id:\n"
     "  text TEXT NOT NULL,\n"
     "  size INTEGER NOT NULL,\n"
     "  first_seen TEXT NOT NULL);\n"
     "CREATE TABLE runs(\n"
     "  id INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused\n"
     "  scenario INTEGER REFERENCES scenarios(id),\n"
     "  scenario_file TEXT,\n"
     "  command TEXT NOT NULL,\n"
     "  parameters TEXT NOT NULL CHECK (json_valid(parameters)),\n"
     "  seed,                              -- integer, or decimal text past 2^63-1\n"
     "  parley_version TEXT NOT NULL,\n"
     "  started_at TEXT NOT NULL,          -- ISO 8601 UTC\n"
     "  finished_at TEXT NOT NULL,\n"
     "  wall_seconds REAL NOT NULL,\n"
     "  cpu_seconds REAL NOT NULL,\n"
     "  exit_status INTEGER NOT NULL,\n"
     "  result TEXT CHECK (result IS NULL OR json_valid(result)));\n"
     "PRAGMA application_id = 1347570777;\n"},
    {2, "indexes of runs by scenario and start time",
     "CREATE INDEX runs_by_scenario ON runs(scenario);\n"
     "CREATE INDEX runs_by_start ON runs(started_at);\n"},
};
#define N_MIGRATIONS (sizeof MIGRATIONS / sizeof *MIGRATIONS)

_Static_assert(PARLEY_APP_ID == 1347570777, "the application id in migration 1");
_Static_assert(N_MIGRATIONS == PARLEY_STORE_SCHEMA_VERSION, "one migration per version");

void parley_store_options_init(parley_store_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->busy_timeout_ms = 5000;
    o->diff_max_bytes = PARLEY_STORE_DIFF_MAX_BYTES;
    o->diff_max_seconds = PARLEY_STORE_DIFF_MAX_SECONDS;
}

void parley_run_init(parley_run_t *r)
{
    memset(r, 0, sizeof *r);
}

parley_status_t parley__store_fail(parley_ctx_t *ctx, const parley_store_t *st,
                                   parley_status_t status, const char *what)
{
    return parley__fail(ctx, status, "%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

parley_status_t parley__store_prepare(parley_ctx_t *ctx, parley_store_t *st, const char *sql,
                                      sqlite3_stmt **out)
{
    if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) != SQLITE_OK)
        return parley__store_fail(ctx, st, PARLEY_EIO, "cannot read the run archive");
    return PARLEY_OK;
}

sqlite3 *parley__store_db(parley_store_t *st)
{
    return st->db;
}

int parley_store_schema_version(const parley_store_t *st)
{
    return st->version;
}

/* The integer a one-row, one-column statement returns (0 when no row). */
static parley_status_t query_int(parley_ctx_t *ctx, parley_store_t *st, const char *sql,
                                 int64_t *out)
{
    sqlite3_stmt *q = NULL;
    parley_status_t s = parley__store_prepare(ctx, st, sql, &q);
    if (s)
        return s;
    int rc = sqlite3_step(q);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return parley__store_fail(ctx, st, PARLEY_EIO, "cannot read the run archive");
    return PARLEY_OK;
}

static parley_status_t exec(parley_ctx_t *ctx, parley_store_t *st, const char *sql,
                            const char *what)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return parley__store_fail(ctx, st, PARLEY_EIO, what);
    return PARLEY_OK;
}

static void rollback(parley_store_t *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Is this file ours (or empty), and a version we can read? */
static parley_status_t check_identity(parley_ctx_t *ctx, parley_store_t *st, int64_t *version)
{
    int64_t app = 0, tables = 0;
    if (sqlite3_exec(st->db, "SELECT 1 FROM sqlite_schema LIMIT 1", NULL, NULL, NULL) ==
        SQLITE_NOTADB)
        return parley__fail(ctx, PARLEY_EINPUT, "%s: not a run archive (not an SQLite database)",
                            st->path);
    parley_status_t s = query_int(ctx, st, "PRAGMA application_id", &app);
    if (!s)
        s = query_int(ctx, st, "PRAGMA user_version", version);
    if (!s)
        s = query_int(ctx, st, "SELECT count(*) FROM sqlite_schema", &tables);
    if (s)
        return s;
    if (app != PARLEY_APP_ID && (app != 0 || tables > 0))
        return parley__fail(ctx, PARLEY_EINPUT,
                            "%s: not a run archive (an SQLite database of another program)",
                            st->path);
    if (*version > PARLEY_STORE_SCHEMA_VERSION)
        return parley__fail(ctx, PARLEY_EINPUT,
                            "%s: the run archive has schema version %" PRId64 ", newer than "
                            "this Parley (%s) reads (%d): use a newer Parley",
                            st->path, *version, parley_version(), PARLEY_STORE_SCHEMA_VERSION);
    return PARLEY_OK;
}

/* Applies migration m in a transaction of its own, unless another process
 * applied it meanwhile. */
static parley_status_t migrate_one(parley_ctx_t *ctx, parley_store_t *st, const migration_t *m)
{
    parley_status_t s = exec(ctx, st, "BEGIN IMMEDIATE", "cannot lock the run archive");
    int64_t v = 0;
    if (!s)
        s = query_int(ctx, st, "PRAGMA user_version", &v);
    if (!s && v < m->version) {
        char sql[256];
        s = exec(ctx, st, m->sql, "cannot upgrade the run archive's schema");
        snprintf(sql, sizeof sql,
                 "INSERT INTO migrations VALUES(%d, '%s', strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ'));"
                 "PRAGMA user_version = %d;", m->version, m->name, m->version);
        if (!s)
            s = exec(ctx, st, sql, "cannot upgrade the run archive's schema");
    }
    if (!s)
        s = exec(ctx, st, "COMMIT", "cannot upgrade the run archive's schema");
    if (s)
        rollback(st);
    return s;
}

static parley_status_t setup(parley_ctx_t *ctx, parley_store_t *st, int max_version)
{
    int64_t version = 0;
    sqlite3_extended_result_codes(st->db, 1);
    parley_status_t s = check_identity(ctx, st, &version);
    /* WAL: readers never block the writer; FULL: a commit is on disk. */
    if (!s)
        s = exec(ctx, st, "PRAGMA journal_mode = WAL", "cannot set the journal mode");
    if (!s)
        s = exec(ctx, st, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON",
                 "cannot configure the run archive");
    for (size_t k = 0; !s && k < N_MIGRATIONS && MIGRATIONS[k].version <= max_version; k++)
        if (MIGRATIONS[k].version > version)
            s = migrate_one(ctx, st, &MIGRATIONS[k]);
    if (!s)
        s = query_int(ctx, st, "PRAGMA user_version", &version);
    if (!s)
        st->version = (int)version;
    return s;
}

/* Tells a missing file or folder apart before SQLite says "unable to open". */
static parley_status_t check_path(parley_ctx_t *ctx, const char *path, int create)
{
    struct stat sb;
    if (stat(path, &sb) == 0) {
        if (S_ISDIR(sb.st_mode))
            return parley__fail(ctx, PARLEY_EINPUT, "%s: is a folder, not a run archive", path);
        return PARLEY_OK;
    }
    if (errno != ENOENT)
        return parley__fail(ctx, PARLEY_EIO, "%s: %s", path, strerror(errno));
    if (!create)
        return parley__fail(ctx, PARLEY_ENOTFOUND,
                            "%s: no run archive there (a command run with --db creates one)",
                            path);
    return PARLEY_OK;
}

parley_status_t parley__store_open_at(parley_ctx_t *ctx, const char *path,
                                      const parley_store_options_t *o, int max_version,
                                      parley_store_t **out)
{
    parley_store_options_t def;
    if (!o) {
        parley_store_options_init(&def);
        o = &def;
    }
    if (!path || !*path || !out)
        return parley__fail(ctx, PARLEY_EARG, "parley_store_open: invalid argument");
    parley_status_t s = check_path(ctx, path, o->create);
    if (s)
        return s;
    parley_store_t *st = parley__calloc(1, sizeof *st);
    size_t len = strlen(path);
    if (st)
        st->path = parley__malloc(len + 1);
    if (!st || !st->path) {
        parley__free(st);
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", path);
    }
    memcpy(st->path, path, len + 1);
    st->commit_delay_ms = o->test_commit_delay_ms;
    st->diff_max_bytes = o->diff_max_bytes ? o->diff_max_bytes : PARLEY_STORE_DIFF_MAX_BYTES;
    st->diff_max_seconds = o->diff_max_seconds > 0 ? o->diff_max_seconds
                                                   : PARLEY_STORE_DIFF_MAX_SECONDS;
    int flags = SQLITE_OPEN_READWRITE | (o->create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
        s = st->db ? parley__store_fail(ctx, st, PARLEY_EIO, "cannot open the run archive")
                   : parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", path);
    } else {
        unsigned ms = o->busy_timeout_ms > INT_MAX ? INT_MAX : o->busy_timeout_ms;
        sqlite3_busy_timeout(st->db, (int)ms); /* another writer: wait, then fail */
        s = setup(ctx, st, max_version);
    }
    if (s) {
        parley_store_close(st);
        return s;
    }
    parley__ok(ctx);
    *out = st;
    return PARLEY_OK;
}

parley_status_t parley_store_open(parley_ctx_t *ctx, const char *path,
                                  const parley_store_options_t *o, parley_store_t **out)
{
    return parley__store_open_at(ctx, path, o, PARLEY_STORE_SCHEMA_VERSION, out);
}

void parley_store_close(parley_store_t *st)
{
    if (!st)
        return;
    sqlite3_close_v2(st->db);
    parley__free(st->path);
    parley__free(st);
}

/* ---- Adding a run. */

typedef struct scen_in {
    const char *text, *id, *file, *hash;
    size_t len;
    char hash_buf[72];
} scen_in_t;

static void scenario_of(const parley_run_t *r, scen_in_t *in)
{
    memset(in, 0, sizeof *in);
    if (r->scenario) {
        const parley_scenario_t *s = r->scenario;
        in->text = s->text ? s->text : "";
        in->len = s->text_len;
        in->hash = s->hash;
        in->id = s->id;
        in->file = s->origin;
        return;
    }
    in->text = r->scenario_text;
    in->len = r->scenario_len;
    in->id = r->scenario_id;
    in->file = r->scenario_file;
    in->hash = r->scenario_hash;
    if (in->text && !in->hash) {
        memcpy(in->hash_buf, "sha256:", 7);
        parley__sha256_hex(in->text, in->len, in->hash_buf + 7);
        in->hash = in->hash_buf;
    }
}

static void bind_str(sqlite3_stmt *q, int k, const char *s)
{
    if (s)
        sqlite3_bind_text(q, k, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, k);
}

static parley_status_t check_json(parley_ctx_t *ctx, parley_store_t *st, const parley_run_t *r)
{
    sqlite3_stmt *q = NULL;
    parley_status_t s = parley__store_prepare(
        ctx, st, "SELECT json_valid(?1) AND json_type(?1) = 'object', "
                 "?2 IS NULL OR json_valid(?2)", &q);
    if (s)
        return s;
    bind_str(q, 1, r->parameters ? r->parameters : "{}");
    bind_str(q, 2, r->result);
    int rc = sqlite3_step(q);
    int params_ok = rc == SQLITE_ROW && sqlite3_column_int(q, 0);
    int result_ok = rc == SQLITE_ROW && sqlite3_column_int(q, 1);
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW)
        return parley__store_fail(ctx, st, PARLEY_EIO, "cannot check a run");
    if (!params_ok)
        return parley__fail(ctx, PARLEY_EARG, "%s: a run's parameters must be a JSON object",
                            st->path);
    if (!result_ok)
        return parley__fail(ctx, PARLEY_EARG, "%s: a run's result is not valid JSON", st->path);
    return PARLEY_OK;
}

/* The scenario's row id (inserted when new) into *id; 0 when the run has none. */
static parley_status_t put_scenario(parley_ctx_t *ctx, parley_store_t *st, const scen_in_t *in,
                                    int64_t *id)
{
    *id = 0;
    if (!in->text)
        return PARLEY_OK;
    sqlite3_stmt *q = NULL;
    parley_status_t s = parley__store_prepare(
        ctx, st, "INSERT OR IGNORE INTO scenarios(hash, scenario_id, text, size, first_seen) "
                 "VALUES(?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ'))", &q);
    if (s)
        return s;
    bind_str(q, 1, in->hash);
    bind_str(q, 2, in->id);
    sqlite3_bind_text64(q, 3, in->text, in->len, SQLITE_STATIC, SQLITE_UTF8);
    sqlite3_bind_int64(q, 4, (sqlite3_int64)in->len);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return parley__store_fail(ctx, st, PARLEY_EIO, "cannot store the scenario");
    if ((s = parley__store_prepare(ctx, st, "SELECT id FROM scenarios WHERE hash = ?1", &q)))
        return s;
    bind_str(q, 1, in->hash);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? PARLEY_OK
                            : parley__store_fail(ctx, st, PARLEY_EIO, "cannot store the scenario");
}

#define ISO(k) "strftime('%Y-%m-%dT%H:%M:%fZ', ?" #k ", 'unixepoch')"

static parley_status_t put_run(parley_ctx_t *ctx, parley_store_t *st, const parley_run_t *r,
                               const scen_in_t *in, int64_t scen)
{
    sqlite3_stmt *q = NULL;
    parley_status_t s = parley__store_prepare(
        ctx, st, "INSERT INTO runs(scenario, scenario_file, command, parameters, seed, "
                 "parley_version, started_at, finished_at, wall_seconds, cpu_seconds, "
                 "exit_status, result) VALUES(?1, ?2, ?3, ?4, ?5, ?6, " ISO(7) ", " ISO(8)
                 ", ?9, ?10, ?11, ?12)", &q);
    if (s)
        return s;
    if (scen)
        sqlite3_bind_int64(q, 1, scen);
    bind_str(q, 2, in->file);
    bind_str(q, 3, r->command);
    bind_str(q, 4, r->parameters ? r->parameters : "{}");
    char seed[24];
    if (!r->has_seed) {
        sqlite3_bind_null(q, 5);
    } else if (r->seed <= (uint64_t)INT64_MAX) {
        sqlite3_bind_int64(q, 5, (sqlite3_int64)r->seed);
    } else {
        snprintf(seed, sizeof seed, "%" PRIu64, r->seed);
        sqlite3_bind_text(q, 5, seed, -1, SQLITE_TRANSIENT);
    }
    bind_str(q, 6, r->version ? r->version : parley_version());
    sqlite3_bind_double(q, 7, r->started);
    sqlite3_bind_double(q, 8, r->finished);
    sqlite3_bind_double(q, 9, r->wall_seconds);
    sqlite3_bind_double(q, 10, r->cpu_seconds);
    sqlite3_bind_int(q, 11, r->exit_status);
    bind_str(q, 12, r->result);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? PARLEY_OK
                             : parley__store_fail(ctx, st, PARLEY_EIO, "cannot store the run");
}

static void test_delay(const parley_store_t *st)
{
    if (!st->commit_delay_ms)
        return;
    struct timespec ts = {(time_t)(st->commit_delay_ms / 1000),
                          (long)(st->commit_delay_ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

parley_status_t parley_store_add_run(parley_ctx_t *ctx, parley_store_t *st,
                                     const parley_run_t *run, int64_t *id)
{
    if (!st || !run)
        return parley__fail(ctx, PARLEY_EARG, "parley_store_add_run: invalid argument");
    if (!run->command || !*run->command)
        return parley__fail(ctx, PARLEY_EARG, "%s: a run needs a command", st->path);
    parley_status_t s = check_json(ctx, st, run);
    if (s)
        return s;
    scen_in_t in;
    scenario_of(run, &in);
    int64_t scen = 0;
    if ((s = exec(ctx, st, "BEGIN IMMEDIATE", "cannot lock the run archive")))
        return s;
    s = put_scenario(ctx, st, &in, &scen);
    if (!s)
        s = put_run(ctx, st, run, &in, scen);
    int64_t rowid = sqlite3_last_insert_rowid(st->db);
    if (!s) {
        test_delay(st);
        s = exec(ctx, st, "COMMIT", "cannot commit the run");
    }
    if (s) {
        rollback(st);
        return s;
    }
    parley__ok(ctx);
    if (id)
        *id = rowid;
    return PARLEY_OK;
}
