/*
 * test_route.c — `parley serve`'s request handling (src/serve/route.c)
 * without a socket: each check (NUL bytes, header sizes, Host, cross-site
 * origin, content type, body size, a target that is not a path) answers
 * with its status and a JSON error before any analysis runs, and an
 * accepted analysis reaches the runner with its kind and parameters.
 * Usage: route_tests ROOT [FILTER], with the runner of tests/test.h.
 */
#include <stdio.h>
#include <string.h>
#include "../../src/serve/serve.h"
#include "../test.h"

static const char *root = ".";

typedef struct ran {
    int calls, estimates;
    app_kind_t kind;
    size_t n_params, len;
} ran_t;

static ran_t ran;

static int fake_run(serve_ctx_t *sv, const app_request_t *rq, const char *job, parley_buf_t *out,
                    serve_job_info_t *info)
{
    (void)sv, (void)job;
    memset(info, 0, sizeof *info);
    ran.calls++;
    ran.kind = rq->kind;
    ran.n_params = rq->n_params;
    ran.len = rq->len;
    parley_buf_puts(out, "{\"result\": {}, \"charts\": {}}\n");
    return 200;
}

static int fake_estimate(serve_ctx_t *sv, const app_request_t *rq, const char *job,
                         parley_buf_t *out, serve_job_info_t *info)
{
    ran.estimates++;
    return fake_run(sv, rq, job, out, info);
}

static serve_config_t cfg;
static serve_ctx_t sv;

static void setup(void)
{
    memset(&ran, 0, sizeof ran);
    serve_config_init(&cfg);
    memset(&sv, 0, sizeof sv);
    sv.cfg = &cfg;
    sv.loopback = 1;
    snprintf(sv.root, sizeof sv.root, "%s", root);
    sv.run = fake_run;
    sv.estimate = fake_estimate;
}

/* Handles rq as server.c would, with body (NULL: none) once the headers
 * are accepted. Returns the status; the response body is appended to out. */
static int ask(serve_req_t *rq, const char *body, parley_buf_t *out)
{
    serve_resp_t r;
    serve_resp_init(&r);
    if (!serve_http_begin(&sv, rq, &r)) {
        rq->body = body ? body : "";
        rq->len = body ? strlen(body) : 0;
        serve_http_finish(&sv, rq, &r);
    }
    CHECK(r.type != NULL);
    if (r.status >= 400)
        CHECK_STR(r.type, "application/json");
    parley_buf_append(out, r.body.data ? r.body.data : "", r.body.len);
    int status = r.status;
    serve_resp_free(&r);
    return status;
}

static serve_req_t make(const char *method, const char *url, const app_param_t *headers,
                        size_t n)
{
    serve_req_t rq;
    memset(&rq, 0, sizeof rq);
    rq.method = method;
    rq.url = url;
    rq.raw_url = url;
    rq.headers = headers;
    rq.n_headers = n;
    return rq;
}

#define ASK(want, rq, body, says)                                                          \
    do {                                                                                   \
        parley_buf_t body_;                                                                \
        parley_buf_init(&body_);                                                           \
        CHECK_INT(ask(&(rq), body, &body_), want);                                         \
        CHECK_CONTAINS(body_.data ? body_.data : "", says);                                \
        parley_buf_free(&body_);                                                           \
    } while (0)

static const app_param_t YAML[] = {{"Host", "localhost:8080"},
                                   {"Content-Type", "application/yaml"}};

static void analysis_accepted(void)
{
    setup();
    app_param_t args[] = {{"name", "x"}, {"proposal", "p"}};
    serve_req_t rq = make("POST", "/api/space", YAML, 2);
    rq.args = args;
    rq.n_args = 2;
    ASK(200, rq, "id: x\n", "\"result\"");
    CHECK_INT(ran.calls, 1);
    CHECK_INT(ran.kind, APP_SPACE);
    CHECK_INT(ran.n_params, 2);
    CHECK_INT(ran.len, 6);
    rq = make("POST", "/api/montecarlo/estimate", YAML, 2);
    ASK(200, rq, "id: x\n", "\"result\"");
    CHECK_INT(ran.estimates, 1);
    const app_param_t json[] = {{"Content-Type", "application/json; charset=utf-8"},
                                {"Origin", "http://localhost:8080"},
                                {"Host", "localhost:8080"},
                                {"Sec-Fetch-Site", "same-origin"}};
    rq = make("POST", "/api/eval", json, 4);
    ASK(200, rq, "{}", "\"result\"");
    CHECK_INT(ran.calls, 3);
}

static void refused_before_running(void)
{
    setup();
    const app_param_t plain[] = {{"Content-Type", "text/plain"}};
    serve_req_t rq = make("POST", "/api/eval", plain, 1);
    ASK(415, rq, "x", "application/yaml or application/json");
    rq = make("POST", "/api/eval", NULL, 0);
    ASK(415, rq, "x", "no type is refused");
    const app_param_t form[] = {{"Content-Type", "application/x-www-form-urlencoded"}};
    rq = make("POST", "/api/eval", form, 1);
    ASK(415, rq, "x", "\"status\":415");
    const app_param_t foreign[] = {{"Content-Type", "application/yaml"},
                                   {"Host", "localhost:8080"},
                                   {"Origin", "http://evil.example"}};
    rq = make("POST", "/api/eval", foreign, 3);
    ASK(403, rq, "x", "another web site is refused (Origin)");
    const app_param_t port[] = {{"Content-Type", "application/yaml"},
                                {"Host", "localhost:8080"},
                                {"Origin", "http://localhost:3000"}};
    rq = make("POST", "/api/eval", port, 3);
    ASK(403, rq, "x", "(Origin)");
    const app_param_t site[] = {{"Content-Type", "application/yaml"},
                                {"Sec-Fetch-Site", "same-site"}};
    rq = make("POST", "/api/eval", site, 2);
    ASK(403, rq, "x", "(Sec-Fetch-Site)");
    const app_param_t rebind[] = {{"Host", "attacker.example"}};
    rq = make("GET", "/api/health", rebind, 1);
    ASK(403, rq, NULL, "localhost only");
    const app_param_t big[] = {{"Content-Type", "application/yaml"},
                               {"Content-Length", "2000000"}};
    rq = make("POST", "/api/eval", big, 2);
    ASK(413, rq, NULL, "larger than 1048576 bytes");
    rq = make("GET", "/api/eval", NULL, 0);
    ASK(405, rq, NULL, "takes POST");
    CHECK_INT(ran.calls, 0);
}

static void paths_and_headers(void)
{
    setup();
    serve_req_t rq = make("GET", "/app.js", NULL, 0);
    rq.raw_url = "/app.js%00../../etc/passwd";
    ASK(400, rq, NULL, "NUL byte");
    rq = make("GET", "/app.js", NULL, 0);
    rq.target_nul = 1;
    ASK(400, rq, NULL, "NUL byte");
    rq = make("GET", "/api/runs", NULL, 0);
    rq.raw_url = "/api/runs?limit=1%00";
    ASK(400, rq, NULL, "NUL byte");
    rq = make("OPTIONS", "*", NULL, 0);
    ASK(400, rq, NULL, "must start with '/'");
    rq = make("GET", "", NULL, 0);
    ASK(400, rq, NULL, "must start with '/'");
    static char long_value[20000];
    memset(long_value, 'a', sizeof long_value - 1);
    const app_param_t huge[] = {{"X-Big", long_value}};
    rq = make("GET", "/api/health", huge, 1);
    ASK(431, rq, NULL, "larger than 16384 bytes");
    rq = make("GET", "/api/health", NULL, 0);
    rq.headers_overflow = 1;
    ASK(431, rq, NULL, "\"status\":431");
    const app_param_t link[] = {{"Sec-Fetch-Site", "cross-site"}};
    rq = make("GET", "/api/options", link, 1);
    ASK(403, rq, NULL, "another web site");
    rq = make("GET", "/", link, 1); /* a link from another site opens the page */
    ASK(200, rq, NULL, "<html");
    rq = make("GET", "/api/runs/1", NULL, 0);
    ASK(409, rq, NULL, "no run archive");
    rq = make("GET", "/api/options", NULL, 0);
    ASK(200, rq, NULL, "\"time_limit\": 30");
}

static const test_case_t tests_route[] = {
    {"route/analysis_accepted", analysis_accepted},
    {"route/refused_before_running", refused_before_running},
    {"route/paths_and_headers", paths_and_headers},
    {NULL, NULL},
};

int main(int argc, char **argv)
{
    root = argc > 1 ? argv[1] : ".";
    const test_case_t *const suites[] = {tests_route};
    return test_run(suites, 1, argc > 2 ? argv[2] : NULL);
}
