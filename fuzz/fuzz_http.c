/*
 * fuzz_http.c — libFuzzer target for `parley serve`'s request handling
 * (src/serve/route.c) without libmicrohttpd or a socket: the input is a raw
 * HTTP/1.1 request (request line, headers, empty line, body), split here
 * the way libmicrohttpd hands it on (the path percent-decoded, the query
 * as decoded pairs, a literal NUL flagged) and answered by
 * serve_http_begin/serve_http_finish. Every answer must be a status from
 * 200 to 599 with a body, errors JSON. Analyses: `eval` runs in-process (the
 * other engines have targets of their own and would make each input take
 * seconds); the others answer 503 here. GET files come from the checkout.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../src/serve/serve.h"

#ifndef PARLEY_ROOT
#define PARLEY_ROOT "."
#endif

#define MAX_HEADERS 100

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_here(serve_ctx_t *sv, const app_request_t *rq, const char *job, parley_buf_t *out,
                    serve_job_info_t *info)
{
    (void)sv, (void)job;
    memset(info, 0, sizeof *info);
    if (rq->kind != APP_EVAL) {
        serve_error_json(out, 503, "not run in the fuzzer");
        return 503;
    }
    app_result_t res;
    app_result_init(&res);
    app_compute(rq, &res);
    serve_response_json(&res, out);
    int status = res.status;
    app_result_free(&res);
    return status;
}

static int hex(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Percent-decodes s in place ('+' is a space in the query); a %00 decodes
 * to a NUL that ends the C string, as it does in libmicrohttpd. */
static void decode(char *s, int plus)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r == '%' && hex(r[1]) >= 0 && hex(r[2]) >= 0) {
            *w++ = (char)(hex(r[1]) * 16 + hex(r[2]));
            r += 2;
        } else {
            *w++ = plus && *r == '+' ? ' ' : *r;
        }
    }
    *w = '\0';
}

/* The next line of [*p, end), without its CR LF, NUL-terminated in place. */
static char *line(char **p, char *end)
{
    char *s = *p, *nl = memchr(s, '\n', (size_t)(end - s));
    if (!nl)
        return NULL;
    *nl = '\0';
    if (nl > s && nl[-1] == '\r')
        nl[-1] = '\0';
    *p = nl + 1;
    return s;
}

typedef struct parsed {
    char method[16];
    char *raw, *path;
    app_param_t headers[MAX_HEADERS], args[APP_MAX_PARAMS];
    serve_req_t rq;
} parsed_t;

static void split_query(parsed_t *x, char *query)
{
    for (char *kv = query; kv && *kv;) {
        char *amp = strchr(kv, '&');
        if (amp)
            *amp = '\0';
        char *eq = strchr(kv, '=');
        if (eq)
            *eq = '\0';
        decode(kv, 1);
        if (eq)
            decode(eq + 1, 1);
        if (x->rq.n_args == APP_MAX_PARAMS) {
            x->rq.args_overflow = 1;
            return;
        }
        x->args[x->rq.n_args++] = (app_param_t){kv, eq ? eq + 1 : ""};
        kv = amp ? amp + 1 : NULL;
    }
}

/* The request line and headers of text[0, n); the body after them. */
static int parse(parsed_t *x, char *text, size_t n)
{
    char *p = text, *end = text + n;
    char *nl = memchr(text, '\n', n);
    /* a literal NUL in the request line: the C strings after it stop short */
    x->rq.target_nul = nl && memchr(text, '\0', (size_t)(nl - text)) != NULL;
    char *first = line(&p, end);
    if (!first)
        return -1;
    char *sp = memchr(first, ' ', (size_t)(p - first));
    char *last = sp ? strrchr(sp + 1, ' ') : NULL;
    if (!sp || (size_t)(sp - first) >= sizeof x->method)
        return -1;
    memcpy(x->method, first, (size_t)(sp - first));
    *sp = '\0';
    char *target = sp + 1;
    if (last)
        *last = '\0';
    x->raw = strdup(target);
    x->path = strdup(target);
    if (!x->raw || !x->path)
        return -1;
    char *q = strchr(x->path, '?');
    if (q)
        *q++ = '\0';
    decode(x->path, 0);
    split_query(x, q);
    char *h;
    while ((h = line(&p, end)) != NULL && *h) {
        char *colon = strchr(h, ':');
        if (!colon)
            continue;
        *colon = '\0';
        char *v = colon + 1;
        while (*v == ' ')
            v++;
        if (x->rq.n_headers == MAX_HEADERS) {
            x->rq.headers_overflow = 1;
            break;
        }
        x->headers[x->rq.n_headers++] = (app_param_t){h, v};
    }
    x->rq.method = x->method;
    x->rq.url = x->path;
    x->rq.raw_url = x->raw;
    x->rq.headers = x->headers;
    x->rq.args = x->args;
    x->rq.body = p < end ? p : "";
    x->rq.len = p < end ? (size_t)(end - p) : 0;
    return 0;
}

static serve_config_t g_cfg;
static serve_ctx_t g_sv;

static void setup(void)
{
    serve_config_init(&g_cfg);
    g_cfg.max_body = 65536;
    g_cfg.max_samples = 50;
    g_cfg.max_memory_gib = 0.05;
    snprintf(g_sv.root, sizeof g_sv.root, "%s", PARLEY_ROOT);
    g_sv.cfg = &g_cfg;
    g_sv.loopback = 1;
    g_sv.jobs = serve_jobs_create(1, 0, 1, 0.05); /* progress and cancel only: nothing forks */
    g_sv.run = run_here;
    g_sv.estimate = run_here;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!g_sv.cfg)
        setup();
    char *text = malloc(size + 1);
    parsed_t *x = calloc(1, sizeof *x);
    if (!text || !x) {
        free(text);
        free(x);
        return 0;
    }
    memcpy(text, data, size);
    text[size] = '\0';
    if (parse(x, text, size) == 0) {
        serve_resp_t out;
        serve_resp_init(&out);
        if (!serve_http_begin(&g_sv, &x->rq, &out)) {
            x->rq.too_big = x->rq.len > g_cfg.max_body;
            serve_http_finish(&g_sv, &x->rq, &out);
        }
        if (out.status < 200 || out.status > 599 || !out.type || (out.body.len == 0 &&
                                                                  !out.body.failed))
            abort(); /* every answer has a status and a body */
        if (out.status >= 400 && strcmp(out.type, "application/json") != 0)
            abort(); /* every error is JSON */
        serve_resp_free(&out);
    }
    free(x->raw);
    free(x->path);
    free(x);
    free(text);
    return 0;
}
