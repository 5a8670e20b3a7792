/*
 * parley/store.h — the run archive: every analysis can be stored in an
 * SQLite database with the scenario it read (text and hash), its command,
 * parameters, seed, Parley version, timings and JSON result
 * (docs/archive.md).
 *
 * Ownership: a parley_store_t is created by parley_store_open() and owned
 * by the caller until parley_store_close(). A parley_run_t passed to a
 * callback, and every string in it, belongs to the store and is valid only
 * during that call: copy what you keep. parley_store_add_run() keeps no
 * pointer to its argument.
 *
 * Threads: a handle is used by one thread at a time; several handles (in one
 * process or several) may share a file: writers wait for each other.
 */
#ifndef PARLEY_STORE_H
#define PARLEY_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "common.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The schema version this Parley writes (PRAGMA user_version of an archive). */
#define PARLEY_STORE_SCHEMA_VERSION 2

typedef struct parley_store parley_store_t;

typedef struct parley_store_options {
    int create;                     /* 1: create the file when absent (default 0) */
    unsigned busy_timeout_ms;       /* wait this long for another writer (5000) */
    unsigned test_commit_delay_ms;  /* test hook: sleep inside each write transaction,
                                       before COMMIT, so a kill can land mid-write (0) */
    size_t diff_max_bytes;          /* parley_store_diff compares JSON documents of at most
                                       this many bytes (PARLEY_STORE_DIFF_MAX_BYTES) */
    double diff_max_seconds;        /* and stops after this long (PARLEY_STORE_DIFF_MAX_SECONDS) */
} parley_store_options_t;

/* A comparison flattens both documents into SQLite tables: about 0.7 s per
 * MB on a 2020s core, so these bound one at about ten seconds. */
#define PARLEY_STORE_DIFF_MAX_BYTES ((size_t)16 << 20)
#define PARLEY_STORE_DIFF_MAX_SECONDS 10.0

/* Fills *o with the defaults above; cannot fail. */
PARLEY_API void parley_store_options_init(parley_store_options_t *o);

/*
 * Opens the archive at path (options NULL: the defaults) and brings its
 * schema up to PARLEY_STORE_SCHEMA_VERSION, each migration in a transaction
 * of its own. Fails with PARLEY_ENOTFOUND when the file is absent and
 * o->create is 0; PARLEY_EINPUT when the file is not a Parley archive or was
 * written by a newer Parley (schema version above ours: it is left
 * untouched); PARLEY_EIO when SQLite cannot open, read or write it. The
 * message on ctx names the path.
 */
PARLEY_API parley_status_t parley_store_open(parley_ctx_t *ctx, const char *path,
                                             const parley_store_options_t *o, parley_store_t **out);

/* Closes the archive; NULL is a no-op. Nothing committed is lost. */
PARLEY_API void parley_store_close(parley_store_t *st);

/* The schema version of the open archive (PARLEY_STORE_SCHEMA_VERSION). */
PARLEY_API int parley_store_schema_version(const parley_store_t *st);

/*
 * One run. To add a run, fill in the inputs (parley_run_init first); the
 * store fills in the rest when it reads a run back.
 */
typedef struct parley_run {
    /* The scenario: either a loaded scenario (its text, hash, id and origin
     * are stored) or, when scenario is NULL, scenario_text (may be NULL too:
     * a run about no scenario), scenario_id and scenario_file. */
    const parley_scenario_t *scenario;
    const char *scenario_text;
    size_t scenario_len;
    const char *scenario_id, *scenario_file;
    const char *scenario_hash;     /* "sha256:<64 hex>"; read back, or computed on add */

    const char *command;           /* "eval", "space", ...: required */
    const char *parameters;        /* a JSON object (NULL: {}) */
    int has_seed;
    uint64_t seed;
    const char *version;           /* NULL on add: parley_version() */
    double started, finished;      /* seconds since 1970-01-01 UTC */
    double wall_seconds, cpu_seconds;
    int exit_status;               /* the command's exit code */
    const char *result;            /* JSON text, or NULL */

    /* Read back only. */
    int64_t id;
    const char *started_at, *finished_at; /* ISO 8601 UTC, millisecond precision */
} parley_run_t;

/* Zeroes *r (no scenario, no seed, no result); cannot fail. */
PARLEY_API void parley_run_init(parley_run_t *r);

/*
 * Stores a run in one transaction: the scenario text once per distinct hash,
 * then the run. Either both are committed or neither (also when the process
 * is killed). *id (may be NULL) gets the new run's id, which is never
 * reused. PARLEY_EARG when command is missing or parameters or result is
 * not valid JSON; PARLEY_EIO when SQLite cannot write.
 */
PARLEY_API parley_status_t parley_store_add_run(parley_ctx_t *ctx, parley_store_t *st,
                                                const parley_run_t *run, int64_t *id);

/* What parley_store_runs and parley_store_get read besides the metadata. */
#define PARLEY_RUN_RESULT 1u   /* the result JSON */
#define PARLEY_RUN_SCENARIO 2u /* the scenario text */

/* Called once per run; a nonzero return stops the walk (the call still
 * returns PARLEY_OK). */
typedef int (*parley_run_fn)(void *arg, const parley_run_t *run);

/*
 * Calls fn on the runs in id order: all of them (limit 0), or the last
 * `limit`. flags: PARLEY_RUN_RESULT | PARLEY_RUN_SCENARIO.
 */
PARLEY_API parley_status_t parley_store_runs(parley_ctx_t *ctx, parley_store_t *st, unsigned flags,
                                             size_t limit, parley_run_fn fn, void *arg);

/* Calls fn on run `id`; PARLEY_ENOTFOUND (with a message) when there is none. */
PARLEY_API parley_status_t parley_store_get(parley_ctx_t *ctx, parley_store_t *st, int64_t id,
                                            unsigned flags, parley_run_fn fn, void *arg);

/* The number of runs stored. */
PARLEY_API parley_status_t parley_store_count(parley_ctx_t *ctx, parley_store_t *st, int64_t *n);

/*
 * Checks the file (PRAGMA integrity_check and foreign_key_check):
 * PARLEY_OK when it is sound, PARLEY_EINPUT with SQLite's first complaint
 * otherwise.
 */
PARLEY_API parley_status_t parley_store_check(parley_ctx_t *ctx, parley_store_t *st);

/* ---- Differences between two runs' JSON (result or parameters). */
typedef enum parley_diff_kind {
    PARLEY_DIFF_CHANGED = 1, /* a value at the same path differs */
    PARLEY_DIFF_ADDED,       /* only the second run has the path */
    PARLEY_DIFF_REMOVED      /* only the first run has it */
} parley_diff_kind_t;

typedef enum parley_diff_field {
    PARLEY_DIFF_RESULT = 0,
    PARLEY_DIFF_PARAMETERS
} parley_diff_field_t;

typedef struct parley_diff {
    parley_diff_kind_t kind;
    const char *path;        /* "$.proposals[0].actors[1].utility" (SQLite's JSON path) */
    const char *old_json;    /* the first run's value as compact JSON; NULL when added */
    const char *new_json;    /* the second's; NULL when removed */
    int numeric;             /* both values are numbers: */
    double old_number, new_number;
} parley_diff_t;

typedef int (*parley_diff_fn)(void *arg, const parley_diff_t *d);

/*
 * Compares one JSON field of runs a and b path by path, and calls fn on each
 * difference: leaves whose values differ (numbers by value: 1 equals 1.0),
 * and the topmost path present in one run only (an added array element is
 * one difference, not one per leaf inside it). Order: the first run's
 * document order, then what the second adds in its own. *n (may be NULL)
 * gets the number of differences. PARLEY_ENOTFOUND when a run is absent;
 * a run without a result compares as null. PARLEY_ELIMIT (nothing compared,
 * or the comparison stopped part way: fn may have been called) when either
 * document is larger than the options' diff_max_bytes or the comparison
 * runs past diff_max_seconds; PARLEY_EINPUT when a run's row is damaged.
 */
PARLEY_API parley_status_t parley_store_diff(parley_ctx_t *ctx, parley_store_t *st, int64_t a,
                                             int64_t b, parley_diff_field_t field,
                                             parley_diff_fn fn, void *arg, size_t *n);

/*
 * Calls fn with each run as one compact JSON object (id, command,
 * parameters, seed, parley_version, started_at, finished_at, wall_seconds,
 * cpu_seconds, exit_status, scenario {hash, id, file[, text]}, result): the
 * runs ids[0..n) in that order, or every run in id order when n is 0. The
 * result is embedded as stored, numbers verbatim. flags: PARLEY_RUN_SCENARIO
 * adds the scenario text. PARLEY_ENOTFOUND when a listed id is absent
 * (nothing is passed to fn then).
 */
PARLEY_API parley_status_t parley_store_export(parley_ctx_t *ctx, parley_store_t *st,
                                               const int64_t *ids, size_t n, unsigned flags,
                                               int (*fn)(void *arg, const char *json, size_t len),
                                               void *arg);

#ifdef __cplusplus
}
#endif
#endif
