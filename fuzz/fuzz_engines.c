/*
 * fuzz_engines.c — libFuzzer target that carries what the loader accepts
 * into every engine: through the application layer the CLI and the server
 * share (app_compute), eval of each proposal, the agreement space on a
 * 3-point grid with a small node budget, forecast with the per-issue models
 * and with the SMP, a short simulation and a few Monte Carlo samples of
 * each kind, whose JSON results and charts must be JSON to SQLite's own
 * parser (json_valid); then each analysis again with its table and CSV
 * writers, whose CSV must read back as CSV; and the space by both methods,
 * merge and brute force, which must agree byte for byte. Inputs are capped (actors,
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
#include "../src/app/eval.h"
#include "../src/app/forecast.h"
#include "../src/app/mc.h"
#include "../src/app/sim.h"
#include "../src/app/space.h"
#include "../src/io/csv.h"
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

/* The space by merging frontiers and by brute force: the same result,
 * byte for byte but for the method named in its parameters. */
static void space_methods_agree(const uint8_t *data, size_t size)
{
    static const char *const METHODS[2] = {"merge", "brute"};
    app_result_t r[2];
    for (int m = 0; m < 2; m++) {
        app_param_t p[] = {{"grid", "3"}, {"budget", "20000"}, {"samples", "100"},
                           {"limit", "5"}, {"method", METHODS[m]}};
        app_request_t rq = {.kind = APP_SPACE, .name = "fuzz.yaml", .body = (const char *)data,
                            .len = size, .params = p, .n_params = 5, .max_memory_gib = 0.05};
        app_result_init(&r[m]);
        app_compute(&rq, &r[m]);
    }
    if (r[0].status == 200 && r[1].status == 200) {
        char *at = strstr(r[1].result.data, "\"method\": \"brute\"");
        if (!at)
            abort();
        memcpy(at + 11, "merge", 5);
        if (strcmp(r[0].result.data, r[1].result.data) != 0) {
            fprintf(stderr, "merge:\n%s\nbrute:\n%s\n", r[0].result.data, r[1].result.data);
            abort(); /* the two methods disagree */
        }
    }
    app_result_free(&r[0]);
    app_result_free(&r[1]);
}

/* ---- the table and CSV writers, on the analyses as the CLI runs them */

typedef struct out {
    parley_ctx_t *ctx;
    app_style_t sty;
    parley_buf_t table, csv;
} out_t;

/* What the CSV writer wrote reads back as CSV; both buffers are emptied. */
static void written(out_t *o)
{
    if (o->table.failed || o->csv.failed)
        abort();
    if (o->csv.len) {
        csv_table_t t;
        if (parley__csv_parse(o->ctx, "out.csv", o->csv.data, o->csv.len, ',', &t) != PARLEY_OK) {
            fprintf(stderr, "%s\n%s\n", parley_ctx_message(o->ctx), o->csv.data);
            abort(); /* the CSV writer wrote something that is not CSV */
        }
        parley__csv_free(&t);
    }
    parley_buf_free(&o->table);
    parley_buf_free(&o->csv);
    parley_buf_init(&o->table);
    parley_buf_init(&o->csv);
}

static void write_eval(out_t *o, const parley_scenario_t *s)
{
    eval_run_t r;
    if (eval_run_select(o->ctx, &r, s, NULL) != PARLEY_OK)
        return;
    eval_render_table(&o->table, &r, 1, &o->sty);
    eval_render_csv(&o->csv, &r);
    eval_run_free(&r);
    written(o);
}

static void write_forecast(out_t *o, const parley_scenario_t *s)
{
    fc_run_t r = {.s = s, .n_models = PARLEY_MODEL_PER_ISSUE, .trace = 1};
    parley_fc_params_init(&r.prm);
    r.prm.max_rounds = 6;
    for (size_t m = 0; m < r.n_models; m++)
        r.models[m].model = (parley_model_t)m;
    if (fc_run_compute(o->ctx, s, &r) == PARLEY_OK) {
        fc_render_text(&o->table, &r);
        fc_render_csv(&o->csv, &r);
        written(o);
    }
    fc_run_free(&r);
}

static void write_simulate(out_t *o, const parley_scenario_t *s)
{
    sim_switches_t w = {.horizon = "5", .grid = "3", .seed = "3"};
    sim_run_t r = {.s = s, .detail = 1};
    if (sim_run_setup(o->ctx, &w, &r) == PARLEY_OK && sim_run_play(o->ctx, &r) == PARLEY_OK) {
        sim_render_text(&o->table, &r, &o->sty);
        sim_render_csv(&o->csv, &r);
        written(o);
    }
    sim_run_free(&r);
}

static void write_space(out_t *o, const uint8_t *data, size_t size)
{
    space_args_t a = {.grid = "3", .budget = "20000", .samples = "100", .limit = "5",
                      .max_memory = "0.05", .fmt = "table", .color = "always",
                      .progress = "never"};
    space_job_t j;
    if (space_job_open_buffer(&j, "space", &a, "fuzz.yaml", (const char *)data, size, 1000) ==
        PARLEY_OK) {
        space_run_t r;
        memset(&r, 0, sizeof r);
        r.job = &j;
        if (space_run_analyse(&r) == PARLEY_OK) {
            space_render_table(&o->table, &r);
            space_render_csv(&o->csv, &r);
            written(o);
        }
        space_run_free(&r);
    }
    space_job_close(&j);
}

static void write_montecarlo(out_t *o, const parley_scenario_t *s)
{
    mc_request_t q = {.n = "3", .threads = "1", .sw = {.horizon = "4", .grid = "3"}};
    mc_limits_t lim;
    mc_limits_cli(&lim);
    sim_run_t sr;
    memset(&sr, 0, sizeof sr);
    parley_mc_options_t opt;
    parley_mc_t *mc = NULL;
    if (parley_scenario_uncertain_count(s) && mc_setup(o->ctx, &q, &lim, s, &sr, &opt) == PARLEY_OK &&
        parley_mc_create(o->ctx, s, &opt, &mc) == PARLEY_OK &&
        parley_mc_run(o->ctx, mc, NULL, NULL) == PARLEY_OK) {
        mc_render_text(&o->table, mc);
        mc_render_csv(&o->csv, mc);
        written(o);
    }
    parley_mc_destroy(mc);
    sim_run_free(&sr);
}

static void writers(const uint8_t *data, size_t size, const parley_scenario_t *s)
{
    out_t o = {.ctx = parley_ctx_create()};
    if (app_style_init(o.ctx, "always", 0, &o.sty) != PARLEY_OK)
        abort();
    parley_buf_init(&o.table);
    parley_buf_init(&o.csv);
    write_eval(&o, s);
    write_forecast(&o, s);
    write_simulate(&o, s);
    write_space(&o, data, size);
    write_montecarlo(&o, s);
    parley_ctx_destroy(o.ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_BYTES)
        return 0;
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    int ok = parley_scenario_load_buffer(ctx, "fuzz.yaml", (const char *)data, size, &s) ==
                 PARLEY_OK && small_enough(s);
    if (ok) {
        writers(data, size, s);
        space_methods_agree(data, size);
    }
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
