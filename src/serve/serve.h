/*
 * serve.h — `parley serve`: a local HTTP server (libmicrohttpd) for the web
 * application in web/ and the JSON API (docs/api.md). Shared by server.c
 * (connections, routing, limits), jobs.c (analyses in child processes),
 * static.c (files, vega libraries, examples) and serve_cmd.c (the
 * `parley serve` command); the analyses themselves are src/app's (analysis.h).
 */
#ifndef PARLEY_SERVE_H
#define PARLEY_SERVE_H

#include <stddef.h>
#include "parley/io.h"
#include "../app/analysis.h"
#include "../app/app.h"

typedef struct serve_config {
    const char *bind;        /* address to listen on (default 127.0.0.1) */
    unsigned port;           /* 0: any free port (printed) */
    int allow_remote;        /* bind may be a non-loopback address */
    const char *root;        /* the folder holding web/, examples/, node_modules/ */
    const char *db;          /* run archive: every analysis is stored (NULL: none) */
    unsigned long long max_samples; /* montecarlo: the most samples one request draws */
    unsigned max_threads;    /* montecarlo: the most threads one request uses */
    size_t max_body;         /* bytes of a request body (413 beyond) */
    double time_limit;       /* seconds one analysis may run (503 beyond) */
    unsigned max_jobs;       /* analyses running at once */
    double queue_wait;       /* seconds a request waits for a free job slot (503 beyond) */
    double max_memory_gib;   /* memory one analysis may use */
    unsigned max_connections;
    int quiet;               /* no request log on stderr */
} serve_config_t;

/* The defaults documented in docs/api.md; cannot fail. */
void serve_config_init(serve_config_t *c);

/* Runs the server until SIGINT or SIGTERM; prints "listening on URL" on
 * stdout once it accepts connections. 0 after a clean stop, else 1
 * (message printed). */
int serve_run(const serve_config_t *c);

/* `parley serve ARGS` (serve_cmd.c): parses the options and runs the
 * server; returns the exit code (0 after a clean stop). */
int serve_main(int argc, char **argv);

/* The response body: {"result": ..., "charts": ...} or an error object (respond.c). */
void serve_response_json(const app_result_t *r, parley_buf_t *out);
/* {"error": {"status": status, "message": msg}} followed by a newline. */
void serve_error_json(parley_buf_t *out, int status, const char *msg);

/* ---- jobs.c: an analysis in a child process, bounded in time and memory.
 * A request may name its job (a token of the client's choosing): while it
 * runs, serve_jobs_progress reports how far it got and serve_jobs_cancel
 * kills it. */
typedef struct serve_jobs serve_jobs_t;
serve_jobs_t *serve_jobs_create(unsigned max_jobs, double queue_wait, double time_limit,
                                double max_memory_gib);
void serve_jobs_destroy(serve_jobs_t *jb);
unsigned serve_jobs_running(serve_jobs_t *jb);

/* What a job gives besides its response body. */
typedef struct serve_job_info {
    int ran;                   /* it got a slot and its child ran */
    size_t result_off, result_len; /* status 200: the "result" JSON inside the body */
    double cpu_seconds;        /* the child's user and system time */
} serve_job_info_t;

/* Runs rq under the job id `job` (NULL: anonymous); out gets the response
 * body. Returns the HTTP status (200, 400, 500; 409 when cancelled or the id
 * is in use; 503 when no slot freed in time or the time limit passed). */
int serve_jobs_run(serve_jobs_t *jb, const app_request_t *rq, const char *job,
                   parley_buf_t *out, serve_job_info_t *info);
/* A job id is 1 to 64 letters, digits, '-' and '_'. */
int serve_job_id_ok(const char *id);
/* {"job", "kind", "state": queued|running, "done", "total", "elapsed"} of a
 * named job; 404 when no such job is queued or running. Returns the status. */
int serve_jobs_progress(serve_jobs_t *jb, const char *job, parley_buf_t *out);
/* Kills a named job (its request answers 409); 404 when there is none. */
int serve_jobs_cancel(serve_jobs_t *jb, const char *job, parley_buf_t *out);

/* ---- runs.c: the run archive (--db FILE) behind /api/runs. */
typedef struct serve_runs serve_runs_t;
/* Opens (creates) the archive; NULL with the message printed on failure. */
serve_runs_t *serve_runs_open(const char *path);
void serve_runs_close(serve_runs_t *sr);
/* Stores one analysis the server ran: the request (its scenario and query
 * parameters), the HTTP status, the body and what the job told. Returns the
 * run's id, or -1 (message on stderr) when it could not be stored. */
long long serve_runs_add(serve_runs_t *sr, const app_request_t *rq, int status,
                         const parley_buf_t *body, const serve_job_info_t *info, double started,
                         double wall);
/* GET /api/runs[/...]: rest is the URL after "/api/runs"; sr may be NULL
 * (409: no archive). Returns the status; out gets the JSON body. */
int serve_runs_get(serve_runs_t *sr, const char *rest, const app_param_t *params, size_t n,
                   parley_buf_t *out);

/* ---- static.c: files under root. Each returns the HTTP status and fills
 * body and *type (a static string); errors are JSON bodies. */
int serve_static(const char *root, const char *url, parley_buf_t *body, const char **type);
int serve_examples_list(const char *root, parley_buf_t *body, const char **type);
int serve_example(const char *root, const char *name, parley_buf_t *body, const char **type);

#endif
