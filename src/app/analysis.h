/*
 * analysis.h — the analyses behind the JSON API (eval, space, forecast,
 * simulate, montecarlo, amend, trades): a scenario text plus options in, the CLI's JSON
 * result plus Vega-Lite specs out. The server runs them in a child process
 * (src/serve/jobs.c); `parley report` runs them in-process (report.c).
 * docs/api.md documents the requests and responses.
 */
#ifndef PARLEY_APP_ANALYSIS_H
#define PARLEY_APP_ANALYSIS_H

#include <stdint.h>
#include "parley/parley.h"
#include "opt.h"

typedef enum app_kind {
    APP_EVAL = 0,
    APP_SPACE,
    APP_FORECAST,
    APP_SIMULATE,
    APP_MONTECARLO,
    APP_AMEND,
    APP_TRADES,
    APP_MODEL,
    APP_SENSITIVITY,
    APP_SWEEP,
    APP_TREE,
    APP_KIND_COUNT
} app_kind_t;

/* "eval", "space", "forecast", "simulate", "montecarlo", "amend", "trades",
 * "model" (the scenario's issues, actors and proposals, for the page's
 * package builder: no CLI command prints it), "sensitivity", "sweep",
 * "tree" (the scenario's parsed tree, for the page's scenario editor). */
const char *app_kind_name(app_kind_t k);


#define APP_MAX_PARAMS 32

typedef struct app_request {
    app_kind_t kind;
    const char *name;         /* the scenario's name in messages and results */
    const char *body;         /* the scenario, YAML or JSON */
    size_t len;
    const app_param_t *params;
    size_t n_params;
    double max_memory_gib;    /* the most a space job may hold (caps max-memory) */
    uint64_t max_samples;     /* montecarlo, sensitivity: the most n may be (0: 1000000) */
    unsigned max_threads;     /* montecarlo: the most threads may be (0: 1) */
    /* montecarlo, sensitivity, sweep: called after each batch of samples
     * (a sweep: after each point; may be NULL). */
    void (*progress)(void *arg, uint64_t done, uint64_t total);
    void *progress_arg;
} app_request_t;

/* What an analysis gives: an HTTP status and, on success, the result the
 * CLI writes with --format json and the charts (a JSON object of specs). */
typedef struct app_result {
    int status;               /* 200, 400 (bad scenario or option), 500 */
    parley_buf_t result;      /* the CLI's JSON, without its final newline */
    parley_buf_t charts;      /* {"name": spec, ...} */
    parley_buf_t error;       /* the message when status is not 200 */
} app_result_t;

void app_result_init(app_result_t *r);
void app_result_free(app_result_t *r);

/* The HTTP status of a library status: 200 for 0; 400 for a bad request
 * (EARG, EINPUT, ENOTFOUND, ELIMIT, EIO); 500 otherwise. */
int app_http_status(parley_status_t st);

/* Runs the analysis; fills *out (initialised by the caller) and returns its
 * status: 200, or 400/500 with the message of the error context in out->error. */
int app_compute(const app_request_t *rq, app_result_t *out);

/* The parameters that are the server's, not the analysis's: "name", "job". */
int app_server_param(const char *key);

#endif
