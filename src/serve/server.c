/*
 * server.c — the HTTP side of `parley serve` on libmicrohttpd, one thread
 * per connection: routing, the request-body limit, content types, the Host
 * check that keeps a loopback server out of reach of other web sites (DNS
 * rebinding), security headers, and a clean stop on SIGINT or SIGTERM.
 * Analyses run in child processes (jobs.c) and, with --db, are stored in
 * the run archive (runs.c); files come from static.c.
 */
#include <arpa/inet.h>
#include <limits.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "serve.h"

typedef struct server {
    const serve_config_t *cfg;
    char root[PATH_MAX];
    serve_jobs_t *jobs;
    serve_runs_t *runs;       /* --db, else NULL */
    int loopback;
} server_t;

typedef struct request {
    int api;              /* a POST to an analysis endpoint */
    app_kind_t kind;
    parley_buf_t body;
    int too_big;
    struct timespec start;
    char what[128];       /* "METHOD URL" for the log */
} request_t;

void serve_config_init(serve_config_t *c)
{
    *c = (serve_config_t){.bind = "127.0.0.1",
                          .port = 8080,
                          .max_body = (size_t)1 << 20,
                          .time_limit = 30,
                          .max_jobs = 2,
                          .queue_wait = 10,
                          .max_memory_gib = 1,
                          .max_samples = 1000000,
                          .max_threads = 1,
                          .max_connections = 64};
}

/* ---- responses */

static enum MHD_Result respond_run(struct MHD_Connection *c, int status, const char *type,
                                   const parley_buf_t *body, const char *allow, long long run)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        body->failed ? 0 : body->len, body->data ? body->data : (void *)"", MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    if (strncmp(type, "text/html", 9) == 0) /* vega compiles expressions: unsafe-eval */
        MHD_add_response_header(r, "Content-Security-Policy",
                                "default-src 'self'; script-src 'self' 'unsafe-eval'; "
                                "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                                "frame-ancestors 'none'");
    if (allow)
        MHD_add_response_header(r, "Allow", allow);
    if (status == 503)
        MHD_add_response_header(r, "Retry-After", "1");
    if (run > 0) {
        char id[32];
        snprintf(id, sizeof id, "%lld", run);
        MHD_add_response_header(r, "X-Parley-Run", id);
    }
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result respond(struct MHD_Connection *c, int status, const char *type,
                               const parley_buf_t *body, const char *allow)
{
    return respond_run(c, status, type, body, allow, 0);
}

static enum MHD_Result respond_error(struct MHD_Connection *c, int status, const char *msg,
                                     const char *allow)
{
    parley_buf_t b;
    parley_buf_init(&b);
    serve_error_json(&b, status, msg);
    enum MHD_Result r = respond(c, status, "application/json", &b, allow);
    parley_buf_free(&b);
    return r;
}

/* ---- checks on the request's headers */

/* The Host header names this machine's loopback (or the bound address). */
static int host_ok(const server_t *sv, struct MHD_Connection *c)
{
    if (!sv->loopback)
        return 1;
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    if (!h)
        return 1; /* HTTP/1.0 */
    char host[256];
    snprintf(host, sizeof host, "%s", h);
    char *colon = host[0] == '[' ? strchr(host, ']') : strchr(host, ':');
    if (colon && host[0] == '[')
        colon[1] = '\0';
    else if (colon)
        *colon = '\0';
    return !strcasecmp(host, "localhost") || !strcmp(host, "127.0.0.1") ||
           !strcmp(host, "[::1]") || !strcmp(host, sv->cfg->bind);
}

static int type_ok(struct MHD_Connection *c)
{
    static const char *const OK[] = {"application/json", "application/yaml", "application/x-yaml",
                                     "text/yaml", "text/x-yaml", "text/plain",
                                     "application/octet-stream", NULL};
    const char *t = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    if (!t)
        return 1;
    while (*t == ' ')
        t++;
    size_t n = strcspn(t, "; ");
    for (size_t k = 0; OK[k]; k++)
        if (strlen(OK[k]) == n && strncasecmp(t, OK[k], n) == 0)
            return 1;
    return 0;
}

static int length_too_big(const server_t *sv, struct MHD_Connection *c)
{
    const char *l = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    return l && strtoull(l, NULL, 10) > sv->cfg->max_body;
}

/* ---- the analyses */

typedef struct params {
    app_param_t items[APP_MAX_PARAMS];
    size_t n;
    int overflow;
} params_t;

static enum MHD_Result add_param(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
    (void)kind;
    params_t *p = cls;
    if (p->n == APP_MAX_PARAMS) {
        p->overflow = 1;
        return MHD_NO;
    }
    p->items[p->n++] = (app_param_t){key, value ? value : ""};
    return MHD_YES;
}

static double wall_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static enum MHD_Result run_api(server_t *sv, struct MHD_Connection *c, request_t *rq)
{
    if (rq->too_big) {
        char msg[96];
        snprintf(msg, sizeof msg, "the request body is larger than %zu bytes", sv->cfg->max_body);
        return respond_error(c, 413, msg, NULL);
    }
    params_t p = {.n = 0};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_param, &p);
    if (p.overflow)
        return respond_error(c, 400, "too many query parameters", NULL);
    const char *name = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "name");
    char label[128];
    snprintf(label, sizeof label, "%s", name && *name ? name : "scenario");
    if (rq->body.failed)
        return respond_error(c, 500, "out of memory reading the request", NULL);
    const char *job = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "job");
    if (job && !serve_job_id_ok(job))
        return respond_error(c, 400, "parameter 'job' must be 1 to 64 letters, digits, '-' or '_'",
                             NULL);
    app_request_t ar = {.kind = rq->kind, .name = label, .body = rq->body.data,
                        .len = rq->body.len, .params = p.items, .n_params = p.n,
                        .max_memory_gib = sv->cfg->max_memory_gib,
                        .max_samples = sv->cfg->max_samples, .max_threads = sv->cfg->max_threads};
    parley_buf_t out;
    parley_buf_init(&out);
    serve_job_info_t info;
    double started = wall_now();
    int status = serve_jobs_run(sv->jobs, &ar, job, &out, &info);
    long long run = sv->runs && info.ran ? serve_runs_add(sv->runs, &ar, status, &out, &info,
                                                           started, wall_now() - started)
                                         : 0;
    enum MHD_Result r = respond_run(c, status, "application/json", &out, NULL, run);
    parley_buf_free(&out);
    return r;
}

/* /api/jobs/ID: GET its progress, DELETE cancels it. */
static enum MHD_Result jobs_route(server_t *sv, struct MHD_Connection *c, const char *method,
                                  const char *id)
{
    if (!serve_job_id_ok(id))
        return respond_error(c, 404, "no such job (ids are 1 to 64 letters, digits, '-', '_')",
                             NULL);
    parley_buf_t b;
    parley_buf_init(&b);
    int status = !strcmp(method, "DELETE") ? serve_jobs_cancel(sv->jobs, id, &b)
                                           : serve_jobs_progress(sv->jobs, id, &b);
    enum MHD_Result r = respond(c, status, "application/json", &b, NULL);
    parley_buf_free(&b);
    return r;
}

static enum MHD_Result runs_route(server_t *sv, struct MHD_Connection *c, const char *rest)
{
    params_t p = {.n = 0};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_param, &p);
    parley_buf_t b;
    parley_buf_init(&b);
    int status = serve_runs_get(sv->runs, rest, p.items, p.n, &b);
    enum MHD_Result r = respond(c, status, "application/json", &b, NULL);
    parley_buf_free(&b);
    return r;
}

static enum MHD_Result health(server_t *sv, struct MHD_Connection *c)
{
    parley_buf_t b;
    parley_buf_init(&b);
    parley_buf_printf(&b,
                      "{\"status\": \"ok\", \"parley_version\": \"%s\", \"jobs\": {\"running\": "
                      "%u, \"limit\": %u}, \"limits\": {\"max_body\": %zu, \"time_limit\": %g, "
                      "\"queue_wait\": %g, \"max_memory_gib\": %g, \"max_samples\": %llu, "
                      "\"max_threads\": %u}, \"archive\": %s}\n",
                      parley_version(), serve_jobs_running(sv->jobs), sv->cfg->max_jobs,
                      sv->cfg->max_body, sv->cfg->time_limit, sv->cfg->queue_wait,
                      sv->cfg->max_memory_gib, sv->cfg->max_samples, sv->cfg->max_threads,
                      sv->runs ? "true" : "false");
    enum MHD_Result r = respond(c, 200, "application/json", &b, NULL);
    parley_buf_free(&b);
    return r;
}

/* GET /api/options: every endpoint's parameters from the declared option
 * tables (src/app/opt_tables.c), with this server's caps; the web page
 * builds its controls from it. */
static enum MHD_Result options(server_t *sv, struct MHD_Connection *c)
{
    parley_buf_t b;
    parley_buf_init(&b);
    parley_json_t j;
    parley_json_init(&j, &b, 1);
    parley_json_object_begin(&j);
    parley_json_key(&j, "options");
    app_options_json(&j);
    parley_json_key(&j, "limits");
    parley_json_object_begin(&j);
    parley_json_key(&j, "max_memory_gib");
    parley_json_number(&j, sv->cfg->max_memory_gib);
    parley_json_key(&j, "max_samples");
    parley_json_int(&j, (long long)sv->cfg->max_samples);
    parley_json_key(&j, "max_threads");
    parley_json_int(&j, sv->cfg->max_threads);
    parley_json_object_end(&j);
    parley_json_object_end(&j);
    parley_buf_puts(&b, "\n");
    enum MHD_Result r = respond(c, 200, "application/json", &b, NULL);
    parley_buf_free(&b);
    return r;
}

/* GET routes: health, options, examples, static files. */
static enum MHD_Result get(server_t *sv, struct MHD_Connection *c, const char *url)
{
    parley_buf_t b;
    parley_buf_init(&b);
    const char *type = "application/json";
    int status;
    if (!strcmp(url, "/api/health"))
        return health(sv, c);
    if (!strcmp(url, "/api/options"))
        return options(sv, c);
    if (!strcmp(url, "/api/runs") || !strncmp(url, "/api/runs/", 10))
        return runs_route(sv, c, url + 9);
    if (!strcmp(url, "/api/examples") || !strcmp(url, "/api/examples/"))
        status = serve_examples_list(sv->root, &b, &type);
    else if (!strncmp(url, "/api/examples/", 14))
        status = serve_example(sv->root, url + 14, &b, &type);
    else if (!strncmp(url, "/api/", 5) || !strcmp(url, "/api"))
        status = (serve_error_json(&b, 404, "no such endpoint (docs/api.md lists them)"), 404);
    else
        status = serve_static(sv->root, url, &b, &type);
    enum MHD_Result r = respond(c, status, type, &b, NULL);
    parley_buf_free(&b);
    return r;
}

static int api_kind_of(const char *url, app_kind_t *k)
{
    for (int i = 0; i < APP_KIND_COUNT; i++) {
        char path[32];
        snprintf(path, sizeof path, "/api/%s", app_kind_name((app_kind_t)i));
        if (!strcmp(url, path)) {
            *k = (app_kind_t)i;
            return 1;
        }
    }
    return 0;
}

/* The first call for a request: headers only. Answers at once or waits for a body. */
static enum MHD_Result start(server_t *sv, struct MHD_Connection *c, const char *url,
                             const char *method, request_t *rq)
{
    int is_get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    if (!host_ok(sv, c))
        return respond_error(c, 403, "this server answers requests for localhost only", NULL);
    if (api_kind_of(url, &rq->kind)) {
        if (strcmp(method, "POST"))
            return respond_error(c, 405, "this endpoint takes POST with a scenario", "POST");
        if (!type_ok(c))
            return respond_error(c, 415, "send the scenario as application/yaml or "
                                         "application/json (or text/plain)", NULL);
        if (length_too_big(sv, c)) {
            rq->too_big = 1;
            return run_api(sv, c, rq);
        }
        rq->api = 1;
        return MHD_YES; /* the body follows */
    }
    if (!strncmp(url, "/api/jobs/", 10)) {
        if (!is_get && strcmp(method, "DELETE"))
            return respond_error(c, 405, "a job takes GET (progress) or DELETE (cancel)",
                                 "GET, HEAD, DELETE");
        return jobs_route(sv, c, method, url + 10);
    }
    if (!is_get)
        return respond_error(c, 405, "this resource takes GET or HEAD", "GET, HEAD");
    return get(sv, c, url);
}

static double elapsed_ms(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) * 1e-6;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    (void)version;
    server_t *sv = cls;
    request_t *rq = *con_cls;
    if (!rq) {
        if (!(rq = calloc(1, sizeof *rq)))
            return MHD_NO;
        parley_buf_init(&rq->body);
        clock_gettime(CLOCK_MONOTONIC, &rq->start);
        snprintf(rq->what, sizeof rq->what, "%s %s", method, url);
        *con_cls = rq;
        return start(sv, c, url, method, rq);
    }
    if (!rq->api)
        return MHD_YES; /* a body after an answer: ignored */
    if (*upload_size) {
        if (rq->body.len + *upload_size > sv->cfg->max_body)
            rq->too_big = 1;
        else
            parley_buf_append(&rq->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    rq->api = 0;
    return run_api(sv, c, rq);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode code)
{
    server_t *sv = cls;
    request_t *rq = *con_cls;
    if (!rq)
        return;
    if (!sv->cfg->quiet) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_HTTP_STATUS);
        fprintf(stderr, "parley serve: %s %u %.1f ms%s\n", rq->what, ci ? ci->http_status : 0,
                elapsed_ms(&rq->start),
                code == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (not completed)");
    }
    parley_buf_free(&rq->body);
    free(rq);
    *con_cls = NULL;
}

/* ---- the listening socket and the life of the server */

static int resolve(const serve_config_t *cfg, struct sockaddr_storage *ss, int *loopback)
{
    struct addrinfo hints = {.ai_flags = AI_NUMERICSERV | AI_PASSIVE, .ai_socktype = SOCK_STREAM};
    struct addrinfo *ai = NULL;
    char port[16];
    snprintf(port, sizeof port, "%u", cfg->port);
    int e = getaddrinfo(cfg->bind, port, &hints, &ai);
    if (e || !ai) {
        fprintf(stderr, "parley serve: --bind %s: %s\n", cfg->bind, gai_strerror(e));
        return -1;
    }
    memcpy(ss, ai->ai_addr, ai->ai_addrlen);
    freeaddrinfo(ai);
    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)ss;
        *loopback = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
    } else {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;
        *loopback = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
    }
    return 0;
}

static struct MHD_Daemon *start_daemon(server_t *sv, const struct sockaddr_storage *ss)
{
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                     MHD_USE_ERROR_LOG | (ss->ss_family == AF_INET6 ? MHD_USE_IPv6 : 0u);
    return MHD_start_daemon(flags, (uint16_t)sv->cfg->port, NULL, NULL, handle, sv,
                            MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)ss,
                            MHD_OPTION_CONNECTION_LIMIT, sv->cfg->max_connections,
                            MHD_OPTION_CONNECTION_TIMEOUT, 60u,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)256 * 1024,
                            MHD_OPTION_NOTIFY_COMPLETED, completed, sv, MHD_OPTION_END);
}

int serve_run(const serve_config_t *cfg)
{
    static server_t sv; /* lives as long as the daemon's threads */
    memset(&sv, 0, sizeof sv);
    sv.cfg = cfg;
    if (cfg->root)
        snprintf(sv.root, sizeof sv.root, "%s", cfg->root);
    else if (app_find_root(sv.root, sizeof sv.root) != 0) {
        fprintf(stderr, "parley serve: cannot find web/index.html beside the executable or in "
                        "the working directory; give --root DIR (the repository)\n");
        return 1;
    }
    struct sockaddr_storage ss;
    if (resolve(cfg, &ss, &sv.loopback) != 0)
        return 1;
    if (!sv.loopback && !cfg->allow_remote) {
        fprintf(stderr, "parley serve: %s is not a loopback address; binding there lets other "
                        "machines run analyses: add --allow-remote to do it anyway\n", cfg->bind);
        return 1;
    }
    if (!sv.loopback)
        fprintf(stderr, "parley serve: WARNING: listening on %s, reachable from other machines; "
                        "there is no authentication\n", cfg->bind);
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, &old); /* every thread started from here on too */
    signal(SIGPIPE, SIG_IGN);
    if (cfg->db && !(sv.runs = serve_runs_open(cfg->db)))
        return 1;
    sv.jobs = serve_jobs_create(cfg->max_jobs, cfg->queue_wait, cfg->time_limit,
                                cfg->max_memory_gib);
    struct MHD_Daemon *d = sv.jobs ? start_daemon(&sv, &ss) : NULL;
    if (!d) {
        fprintf(stderr, "parley serve: cannot listen on %s port %u (in use?)\n", cfg->bind,
                cfg->port);
        serve_jobs_destroy(sv.jobs);
        serve_runs_close(sv.runs);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        return 1;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = di ? di->port : cfg->port;
    int v6 = ss.ss_family == AF_INET6;
    printf("parley serve: listening on http://%s%s%s:%u/ (root %s)\n", v6 ? "[" : "", cfg->bind,
           v6 ? "]" : "", port, sv.root);
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "parley serve: %s: stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    MHD_stop_daemon(d);
    serve_jobs_destroy(sv.jobs);
    serve_runs_close(sv.runs);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return 0;
}
