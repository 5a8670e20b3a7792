/*
 * fuzz_engines.c — libFuzzer target that carries what the loader accepts
 * into every engine, through the application layer the CLI and the server
 * share (app_compute): eval of each proposal, the agreement space on a
 * 3-point grid with a small node budget, forecast with the per-issue models
 * and with the SMP, a short simulation and a few Monte Carlo samples of each
 * kind, with their JSON writers and charts, whose output must be JSON as
 * SQLite's own parser reads it (json_valid). Inputs are capped (actors,
 * issues, packages, proposals, uncertain inputs) so that one legitimate
 * input stays well under a second; beyond the caps only the loader runs.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "../src/app/analysis.h"
#include "parley/parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_BYTES 16384
#define MAX_ACTORS 8
#define MAX_ISSUES 6
#define MAX_PROPOSALS 16
#define MAX_UNCERTAIN 16
#define MAX_PACKAGES 4096 /* on the grid of 3 below */

typedef struct run {
    app_kind_t kind;
    app_param_t params[8];
    size_t n;
} run_t;

/* The analyses each accepted input goes through: cheap settings, every model. */
static const run_t RUNS[] = {
    {APP_EVAL, {{0}}, 0},
    {APP_SPACE, {{"grid", "3"}, {"budget", "20000"}, {"samples", "100"}, {"limit", "5"},
                 {"max-memory", "0.05"}}, 5},
    {APP_FORECAST, {{"model", "all"}, {"rounds", "8"}, {"trace", "1"}}, 3},
    {APP_FORECAST, {{"model", "smp"}, {"rounds", "4"}, {"smp-salience", "normalise"}}, 3},
    {APP_SIMULATE, {{"horizon", "6"}, {"grid", "3"}}, 2},
    {APP_SIMULATE, {{"horizon", "4"}, {"grid", "3"}, {"seed", "7"}, {"meeting", "shuttle"}}, 4},
    {APP_MONTECARLO, {{"n", "3"}, {"threads", "1"}, {"horizon", "4"}, {"grid", "3"}}, 4},
    {APP_MONTECARLO, {{"n", "3"}, {"threads", "1"}, {"what", "forecast"}}, 3},
    {APP_MONTECARLO, {{"n", "2"}, {"threads", "1"}, {"what", "space"}, {"grid", "3"}}, 4},
};

/* 1 when s is small enough for every engine to finish fast. */
static int small_enough(const parley_scenario_t *s)
{
    char count[64];
    if (parley_scenario_actor_count(s) > MAX_ACTORS || parley_scenario_issue_count(s) > MAX_ISSUES ||
        parley_scenario_proposal_count(s) > MAX_PROPOSALS ||
        parley_scenario_uncertain_count(s) > MAX_UNCERTAIN ||
        parley_scenario_package_count(s, 3, count, sizeof count) != PARLEY_OK)
        return 0;
    return strlen(count) < 6 && strtoul(count, NULL, 10) <= MAX_PACKAGES;
}

/* 1 when SQLite's JSON parser, which shares nothing with our writer, accepts b. */
static int valid_json(const parley_buf_t *b)
{
    static sqlite3 *db;
    static sqlite3_stmt *q;
    if (!q && (sqlite3_open(":memory:", &db) != SQLITE_OK ||
               sqlite3_prepare_v2(db, "SELECT json_valid(?1)", -1, &q, NULL) != SQLITE_OK))
        abort();
    sqlite3_reset(q);
    sqlite3_bind_text(q, 1, b->data ? b->data : "", (int)b->len, SQLITE_STATIC);
    return sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 1;
}

/* A failed analysis says why; a successful one has a result, in JSON. */
static void check(const app_result_t *r)
{
    if (r->status == 200 ? r->result.len == 0 || r->result.failed : r->error.len == 0)
        abort();
    if (r->status == 200 && (!valid_json(&r->result) || !valid_json(&r->charts)))
        abort(); /* the JSON writers wrote something that is not JSON */
    if (r->status == 500 && !strstr(r->error.data, "memory"))
        abort(); /* 500 is only for running out of memory: the input is the caller's fault */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_BYTES)
        return 0;
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    int ok = parley_scenario_load_buffer(ctx, "fuzz.yaml", (const char *)data, size, &s) ==
                 PARLEY_OK && small_enough(s);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    if (!ok)
        return 0;
    static int verbose = -1; /* FUZZ_VERBOSE=1: each analysis's status (to check the reach) */
    if (verbose < 0)
        verbose = getenv("FUZZ_VERBOSE") != NULL;
    for (size_t k = 0; k < sizeof RUNS / sizeof *RUNS; k++) {
        app_request_t rq = {.kind = RUNS[k].kind, .name = "fuzz.yaml", .body = (const char *)data,
                            .len = size, .params = RUNS[k].params, .n_params = RUNS[k].n,
                            .max_memory_gib = 0.05, .max_samples = 10, .max_threads = 1};
        app_result_t r;
        app_result_init(&r);
        app_compute(&rq, &r);
        if (verbose)
            fprintf(stderr, "%s: %d %.200s\n", app_kind_name(RUNS[k].kind), r.status,
                    r.status == 200 ? "" : r.error.data);
        check(&r);
        app_result_free(&r);
    }
    return 0;
}
