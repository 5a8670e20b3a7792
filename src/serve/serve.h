/*
 * serve.h — `parley serve`: a local HTTP server (libmicrohttpd) for the web
 * application in web/ and the JSON API (docs/api.md). Shared by server.c
 * (libmicrohttpd: connections, slow clients, stopping), route.c (a request
 * in, a response out: routing and every check, with no socket, so tests and
 * fuzz/fuzz_http.c call it directly), jobs.c (analyses in child processes),
 * static.c (files, vega libraries, examples) and serve_cmd.c (the `parley
 * serve` command); the analyses themselves are src/app's (analysis.h).
 */
#ifndef PARLEY_SERVE_H
#define PARLEY_SERVE_H

#include <limits.h>
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
    unsigned max_per_client; /* connections from one address (not applied on loopback) */
    double header_timeout;   /* seconds a connection may take to send a request's headers */
    double body_timeout;     /* seconds it may take to send the body after them */
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
/* POST /api/montecarlo/estimate: times short runs of rq in a child (a
 * fraction of the samples asked for, the longest about half a second) and
 * answers how long the whole run would take and how many samples fit in
 * the time limit. Returns the HTTP status as serve_jobs_run does. */
int serve_jobs_estimate(serve_jobs_t *jb, const app_request_t *rq, parley_buf_t *out,
                        serve_job_info_t *info);
/* Kills every running job's child (the server stopping). */
void serve_jobs_kill_all(serve_jobs_t *jb);
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

/* ---- route.c: one HTTP request, handled without a socket. */

/* The server's state that every request reads (server.c owns it). */
typedef struct serve_ctx serve_ctx_t;
/* Runs an analysis as serve_jobs_run does (a test harness may run it
 * in-process instead). */
typedef int (*serve_run_fn)(serve_ctx_t *sv, const app_request_t *rq, const char *job,
                            parley_buf_t *out, serve_job_info_t *info);
struct serve_ctx {
    const serve_config_t *cfg;
    char root[PATH_MAX];
    serve_jobs_t *jobs;
    serve_runs_t *runs;       /* --db, else NULL */
    int loopback;             /* listening on a loopback address */
    serve_run_fn run;         /* NULL: serve_jobs_run on jobs */
    serve_run_fn estimate;    /* NULL: serve_jobs_estimate on jobs */
};

/* A request as it arrived. Strings are the caller's and outlive the calls. */
typedef struct serve_req {
    const char *method;
    const char *url;          /* the path, percent-decoded (no query) */
    const char *raw_url;      /* the request target as sent, query included (NULL: unknown) */
    int target_nul;           /* the target held a literal NUL byte (raw_url stops there) */
    const app_param_t *headers; /* names as sent; looked up without regard to case */
    size_t n_headers;
    int headers_overflow;     /* more headers than the caller could list */
    const app_param_t *args;  /* the query's parameters, decoded */
    size_t n_args;
    int args_overflow;
    const char *body;         /* the body (serve_http_finish) */
    size_t len;
    int body_failed;          /* out of memory while it arrived */
    int too_big;              /* it grew past --max-body while it arrived */
    /* set by serve_http_begin for serve_http_finish: */
    app_kind_t kind;
    int estimate;             /* POST /api/montecarlo/estimate */
} serve_req_t;

typedef struct serve_resp {
    int status;
    const char *type;         /* a static string */
    parley_buf_t body;
    const char *allow;        /* the Allow header of a 405, else NULL */
    long long run;            /* the archived run's id (X-Parley-Run), else 0 */
} serve_resp_t;

void serve_resp_init(serve_resp_t *r);
void serve_resp_free(serve_resp_t *r);
/* The same request's headers: the value of name, or NULL. */
const char *serve_req_header(const serve_req_t *rq, const char *name);

/* The first look at a request, its headers only. Returns 1 with *out
 * filled when it is answered now (every GET, every error), 0 when it is an
 * analysis whose body must be read first and handed to serve_http_finish. */
int serve_http_begin(serve_ctx_t *sv, serve_req_t *rq, serve_resp_t *out);
/* Runs the analysis serve_http_begin accepted, on rq->body. */
void serve_http_finish(serve_ctx_t *sv, const serve_req_t *rq, serve_resp_t *out);

/* ---- static.c: files under root. Each returns the HTTP status and fills
 * body and *type (a static string); errors are JSON bodies. */
int serve_static(const char *root, const char *url, parley_buf_t *body, const char **type);
int serve_examples_list(const char *root, parley_buf_t *body, const char **type);
int serve_example(const char *root, const char *name, parley_buf_t *body, const char **type);

#endif
