/*
 * route.c — one HTTP request of `parley serve`, from its method, target,
 * headers and body to a status, a type and a body, with no socket: the
 * checks (Host, cross-site origin, NUL bytes, content type, sizes), the
 * routes and the analyses. server.c feeds it from libmicrohttpd;
 * fuzz/fuzz_http.c and tests feed it directly. Every error is JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "serve.h"

#define MAX_HEADER_BYTES 16384 /* a request's headers, names and values together */

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
                          .max_connections = 64,
                          .max_per_client = 16,
                          .header_timeout = 10,
                          .body_timeout = 30};
}

void serve_resp_init(serve_resp_t *r)
{
    memset(r, 0, sizeof *r);
    r->type = "application/json";
    parley_buf_init(&r->body);
}

void serve_resp_free(serve_resp_t *r)
{
    parley_buf_free(&r->body);
}

const char *serve_req_header(const serve_req_t *rq, const char *name)
{
    for (size_t k = 0; k < rq->n_headers; k++)
        if (rq->headers[k].key && !strcasecmp(rq->headers[k].key, name))
            return rq->headers[k].value ? rq->headers[k].value : "";
    return NULL;
}

static const char *arg(const serve_req_t *rq, const char *name)
{
    for (size_t k = 0; k < rq->n_args; k++)
        if (rq->args[k].key && !strcmp(rq->args[k].key, name))
            return rq->args[k].value ? rq->args[k].value : "";
    return NULL;
}

/* Returns 1 (answered) after writing an error. */
static int fail(serve_resp_t *out, int status, const char *msg, const char *allow)
{
    out->status = status;
    out->type = "application/json";
    out->allow = allow;
    out->body.len = 0;
    serve_error_json(&out->body, status, msg);
    return 1;
}

/* ---- checks on the request's target and headers */

/* The host part of a Host header ("localhost:8080" -> "localhost"). */
static void host_name(const char *h, char *host, size_t cap)
{
    snprintf(host, cap, "%s", h);
    char *colon = host[0] == '[' ? strchr(host, ']') : strchr(host, ':');
    if (colon && host[0] == '[')
        colon[1] = '\0';
    else if (colon)
        *colon = '\0';
}

/* The Host header names this machine's loopback (or the bound address):
 * a page of another site reached through DNS rebinding names its own. */
static int host_ok(const serve_ctx_t *sv, const serve_req_t *rq)
{
    if (!sv->loopback)
        return 1;
    const char *h = serve_req_header(rq, "Host");
    if (!h)
        return 1; /* HTTP/1.0 */
    char host[256];
    host_name(h, host, sizeof host);
    return !strcasecmp(host, "localhost") || !strcmp(host, "127.0.0.1") ||
           !strcmp(host, "[::1]") || !strcmp(host, sv->cfg->bind);
}

/* A request a page of another site made the browser send: the browser says
 * so in Sec-Fetch-Site (cross-site, same-site: another port of localhost is
 * the same site, and another program) or, older browsers, in an Origin that
 * is not this server's own. Scripts (curl) send neither. */
static int cross_site(const serve_req_t *rq, const char **why)
{
    const char *site = serve_req_header(rq, "Sec-Fetch-Site");
    if (site && strcasecmp(site, "same-origin") && strcasecmp(site, "none")) {
        *why = "Sec-Fetch-Site";
        return 1;
    }
    const char *origin = serve_req_header(rq, "Origin");
    if (!origin)
        return 0;
    *why = "Origin";
    const char *host = serve_req_header(rq, "Host");
    if (!host || strncasecmp(origin, "http://", 7) != 0)
        return 1; /* "null", https://, another scheme: not this page */
    return strcasecmp(origin + 7, host) != 0;
}

/* "%00" anywhere in the target, or a literal NUL byte in it: the path a C
 * string holds would not be the one asked for ("/app.js%00../x" is not
 * "/app.js"). */
static int has_nul(const serve_req_t *rq)
{
    if (rq->target_nul)
        return 1;
    if (!rq->raw_url)
        return 0;
    for (const char *p = rq->raw_url; (p = strchr(p, '%')) != NULL; p++)
        if (p[1] == '0' && p[2] == '0')
            return 1;
    return 0;
}

static int headers_too_big(const serve_req_t *rq)
{
    size_t n = 0;
    for (size_t k = 0; k < rq->n_headers; k++)
        n += strlen(rq->headers[k].key ? rq->headers[k].key : "") +
             strlen(rq->headers[k].value ? rq->headers[k].value : "") + 4;
    return rq->headers_overflow || n > MAX_HEADER_BYTES;
}

/* The scenario's type: one a page of another site cannot send without the
 * browser asking first (CORS preflight, which this server never grants):
 * text/plain, forms and a missing type are refused. */
static int type_ok(const serve_req_t *rq)
{
    static const char *const OK[] = {"application/json", "application/yaml", "application/x-yaml",
                                     "text/yaml", "text/x-yaml", "application/octet-stream", NULL};
    const char *t = serve_req_header(rq, "Content-Type");
    if (!t)
        return 0;
    while (*t == ' ')
        t++;
    size_t n = strcspn(t, "; ");
    for (size_t k = 0; OK[k]; k++)
        if (strlen(OK[k]) == n && strncasecmp(t, OK[k], n) == 0)
            return 1;
    return 0;
}

static int length_too_big(const serve_ctx_t *sv, const serve_req_t *rq)
{
    const char *l = serve_req_header(rq, "Content-Length");
    return l && strtoull(l, NULL, 10) > sv->cfg->max_body;
}

/* ---- the analyses */

static double wall_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

void serve_http_finish(serve_ctx_t *sv, const serve_req_t *rq, serve_resp_t *out)
{
    char msg[96];
    if (rq->too_big) {
        snprintf(msg, sizeof msg, "the request body is larger than %zu bytes", sv->cfg->max_body);
        fail(out, 413, msg, NULL);
        return;
    }
    if (rq->args_overflow) {
        fail(out, 400, "too many query parameters", NULL);
        return;
    }
    if (rq->body_failed) {
        fail(out, 500, "out of memory reading the request", NULL);
        return;
    }
    const char *name = arg(rq, "name"), *job = arg(rq, "job");
    char label[128];
    snprintf(label, sizeof label, "%s", name && *name ? name : "scenario");
    if (job && !serve_job_id_ok(job)) {
        fail(out, 400, "parameter 'job' must be 1 to 64 letters, digits, '-' or '_'", NULL);
        return;
    }
    app_request_t ar = {.kind = rq->kind, .name = label, .body = rq->body ? rq->body : "",
                        .len = rq->len, .params = rq->args, .n_params = rq->n_args,
                        .max_memory_gib = sv->cfg->max_memory_gib,
                        .max_samples = sv->cfg->max_samples, .max_threads = sv->cfg->max_threads};
    serve_job_info_t info;
    out->type = "application/json";
    out->body.len = 0;
    if (rq->estimate) {
        out->status = sv->estimate ? sv->estimate(sv, &ar, job, &out->body, &info)
                                   : serve_jobs_estimate(sv->jobs, &ar, &out->body, &info);
        return; /* an estimate is not an analysis: not archived */
    }
    double started = wall_now();
    out->status = sv->run ? sv->run(sv, &ar, job, &out->body, &info)
                          : serve_jobs_run(sv->jobs, &ar, job, &out->body, &info);
    if (sv->runs && info.ran && rq->kind != APP_MODEL && rq->kind != APP_TREE) /* not analyses */
        out->run = serve_runs_add(sv->runs, &ar, out->status, &out->body, &info, started,
                                  wall_now() - started);
}

/* ---- the other routes */

/* /api/jobs/ID: GET its progress, DELETE cancels it. */
static int jobs_route(serve_ctx_t *sv, const char *method, const char *id, serve_resp_t *out)
{
    if (!serve_job_id_ok(id))
        return fail(out, 404, "no such job (ids are 1 to 64 letters, digits, '-', '_')", NULL);
    out->status = !strcmp(method, "DELETE") ? serve_jobs_cancel(sv->jobs, id, &out->body)
                                            : serve_jobs_progress(sv->jobs, id, &out->body);
    return 1;
}

static int health(serve_ctx_t *sv, serve_resp_t *out)
{
    parley_buf_printf(&out->body,
                      "{\"status\": \"ok\", \"parley_version\": \"%s\", \"jobs\": {\"running\": "
                      "%u, \"limit\": %u}, \"limits\": {\"max_body\": %zu, \"time_limit\": %g, "
                      "\"queue_wait\": %g, \"max_memory_gib\": %g, \"max_samples\": %llu, "
                      "\"max_threads\": %u}, \"archive\": %s}\n",
                      parley_version(), sv->jobs ? serve_jobs_running(sv->jobs) : 0u,
                      sv->cfg->max_jobs, sv->cfg->max_body, sv->cfg->time_limit,
                      sv->cfg->queue_wait, sv->cfg->max_memory_gib, sv->cfg->max_samples,
                      sv->cfg->max_threads, sv->runs ? "true" : "false");
    out->status = 200;
    return 1;
}

/* GET /api/options: every endpoint's parameters from the declared option
 * tables (src/app/opt_tables.c), with this server's caps; the web page
 * builds its controls from it. */
static int options(serve_ctx_t *sv, serve_resp_t *out)
{
    parley_json_t j;
    parley_json_init(&j, &out->body, 1);
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
    parley_json_key(&j, "time_limit");
    parley_json_number(&j, sv->cfg->time_limit);
    parley_json_object_end(&j);
    parley_json_object_end(&j);
    parley_buf_puts(&out->body, "\n");
    out->status = 200;
    return 1;
}

/* GET routes: health, options, runs, examples, static files. */
static int get(serve_ctx_t *sv, const serve_req_t *rq, serve_resp_t *out)
{
    const char *url = rq->url;
    out->status = 0;
    if (!strcmp(url, "/api/health"))
        return health(sv, out);
    if (!strcmp(url, "/api/options"))
        return options(sv, out);
    if (!strcmp(url, "/api/runs") || !strncmp(url, "/api/runs/", 10)) {
        if (rq->args_overflow)
            return fail(out, 400, "too many query parameters", NULL);
        out->status = serve_runs_get(sv->runs, url + 9, rq->args, rq->n_args, &out->body);
    } else if (!strcmp(url, "/api/examples") || !strcmp(url, "/api/examples/")) {
        out->status = serve_examples_list(sv->root, &out->body, &out->type);
    } else if (!strncmp(url, "/api/examples/", 14)) {
        out->status = serve_example(sv->root, url + 14, &out->body, &out->type);
    } else if (!strncmp(url, "/api/", 5) || !strcmp(url, "/api")) {
        return fail(out, 404, "no such endpoint (docs/api.md lists them)", NULL);
    } else {
        out->status = serve_static(sv->root, url, &out->body, &out->type);
    }
    return 1;
}

/* "/api/eval" ... "/api/montecarlo", and "/api/montecarlo/estimate". */
static int api_kind_of(const char *url, app_kind_t *k, int *estimate)
{
    *estimate = !strcmp(url, "/api/montecarlo/estimate");
    if (*estimate) {
        *k = APP_MONTECARLO;
        return 1;
    }
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

/* The request's checks that hold for every route, in the order a client
 * can fix them. */
static int refused(serve_ctx_t *sv, const serve_req_t *rq, int is_get, serve_resp_t *out)
{
    char msg[192];
    const char *why = NULL;
    if (has_nul(rq))
        return fail(out, 400, "the request's path or query contains a NUL byte (literal or %00)",
                    NULL);
    if (headers_too_big(rq)) {
        snprintf(msg, sizeof msg, "the request's headers are larger than %d bytes",
                 MAX_HEADER_BYTES);
        return fail(out, 431, msg, NULL);
    }
    if (!host_ok(sv, rq))
        return fail(out, 403, "this server answers requests for localhost only", NULL);
    /* A link from another site may open the page; only the API is guarded. */
    int api = !strncmp(rq->url, "/api/", 5) || !strcmp(rq->url, "/api");
    if ((api || !is_get) && cross_site(rq, &why)) {
        snprintf(msg, sizeof msg, "a request from another web site is refused (%s): the API "
                                  "answers this server's own page and local programs only", why);
        return fail(out, 403, msg, NULL);
    }
    return 0;
}

int serve_http_begin(serve_ctx_t *sv, serve_req_t *rq, serve_resp_t *out)
{
    const char *method = rq->method ? rq->method : "";
    int is_get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    if (!rq->url || rq->url[0] != '/') /* "*", "", an absolute URI: no route takes them */
        return fail(out, 400, "the request path must start with '/'", NULL);
    if (refused(sv, rq, is_get, out))
        return 1;
    if (api_kind_of(rq->url, &rq->kind, &rq->estimate)) {
        if (strcmp(method, "POST"))
            return fail(out, 405, "this endpoint takes POST with a scenario", "POST");
        if (!type_ok(rq))
            return fail(out, 415, "send the scenario with Content-Type application/yaml or "
                                  "application/json (text/plain, a form or no type is refused: "
                                  "a page of another web site could send those)", NULL);
        if (length_too_big(sv, rq)) {
            rq->too_big = 1;
            serve_http_finish(sv, rq, out);
            return 1;
        }
        return 0; /* the body follows */
    }
    if (!strncmp(rq->url, "/api/jobs/", 10)) {
        if (!is_get && strcmp(method, "DELETE"))
            return fail(out, 405, "a job takes GET (progress) or DELETE (cancel)",
                        "GET, HEAD, DELETE");
        return jobs_route(sv, method, rq->url + 10, out);
    }
    if (!is_get)
        return fail(out, 405, "this resource takes GET or HEAD", "GET, HEAD");
    return get(sv, rq, out);
}
