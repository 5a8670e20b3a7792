/*
 * api.h — the analyses behind the JSON API (eval, space, forecast,
 * simulate, montecarlo): a
 * scenario text plus options in, the CLI's JSON result plus Vega-Lite specs
 * out. The server runs them in a child process (jobs.c); `parley report`
 * runs them in-process. docs/api.md documents the requests and responses.
 */
#ifndef PARLEY_SERVE_API_H
#define PARLEY_SERVE_API_H

#include <stdint.h>
#include "parley/parley.h"

typedef enum api_kind {
    API_EVAL = 0,
    API_SPACE,
    API_FORECAST,
    API_SIMULATE,
    API_MONTECARLO,
    API_KIND_COUNT
} api_kind_t;

/* "eval", "space", "forecast", "simulate", "montecarlo". */
const char *api_kind_name(api_kind_t k);

typedef struct api_param {
    const char *key, *value; /* from the query string, decoded */
} api_param_t;

#define API_MAX_PARAMS 32

typedef struct api_request {
    api_kind_t kind;
    const char *name;         /* the scenario's name in messages and results */
    const char *body;         /* the scenario, YAML or JSON */
    size_t len;
    const api_param_t *params;
    size_t n_params;
    double max_memory_gib;    /* the most a space job may hold (caps max-memory) */
    uint64_t max_samples;     /* montecarlo: the most n may be (0: 1000000) */
    unsigned max_threads;     /* montecarlo: the most threads may be (0: 1) */
    /* montecarlo: called after each batch of samples (may be NULL). */
    void (*progress)(void *arg, uint64_t done, uint64_t total);
    void *progress_arg;
} api_request_t;

/* What an analysis gives: an HTTP status and, on success, the result the
 * CLI writes with --format json and the charts (a JSON object of specs). */
typedef struct api_result {
    int status;               /* 200, 400 (bad scenario or option), 500 */
    parley_buf_t result;      /* the CLI's JSON, without its final newline */
    parley_buf_t charts;      /* {"name": spec, ...} */
    parley_buf_t error;       /* the message when status is not 200 */
} api_result_t;

void api_result_init(api_result_t *r);
void api_result_free(api_result_t *r);

/* Runs the analysis; fills *out (initialised by the caller) and returns its status. */
int api_compute(const api_request_t *rq, api_result_t *out);

/* The response body: {"result": ..., "charts": ...} or an error object. */
void api_response_json(const api_result_t *r, parley_buf_t *out);

/* The parameters that are the server's, not the analysis's: "name", "job". */
int api_server_param(const char *key);

/* {"error": {"status": status, "message": msg}} followed by a newline. */
void api_error_json(parley_buf_t *out, int status, const char *msg);

#endif
