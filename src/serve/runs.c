/*
 * runs.c — the run archive in the server (`parley serve --db FILE`): every
 * analysis a request ran is stored through the store API with the request's
 * query parameters, and GET /api/runs, /api/runs/ID and /api/runs/A/diff/B
 * read it back. One SQLite handle shared by the connection threads under a
 * mutex: a write is a few milliseconds beside the analyses it records.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "serve.h"

#define RUNS_LIST_DEFAULT 100
#define RUNS_LIST_MAX 10000
#define DIFF_MAX 5000 /* differences listed per field; "truncated" beyond */

struct serve_runs {
    pthread_mutex_t mu;
    parley_store_t *store;
    char *path;           /* cut from messages: a client never sees the server's paths */
};

serve_runs_t *serve_runs_open(const char *path)
{
    serve_runs_t *sr = calloc(1, sizeof *sr);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_store_options_t o;
    parley_store_options_init(&o);
    o.create = 1;
    parley_status_t st = sr && ctx ? parley_store_open(ctx, path, &o, &sr->store) : PARLEY_ENOMEM;
    if (st) {
        fprintf(stderr, "parley serve: --db %s: %s\n", path,
                ctx && *parley_ctx_message(ctx) ? parley_ctx_message(ctx) : parley_strerror(st));
        free(sr);
        sr = NULL;
    } else if (!(sr->path = strdup(path))) {
        parley_store_close(sr->store);
        free(sr);
        sr = NULL;
        fprintf(stderr, "parley serve: out of memory\n");
    } else {
        pthread_mutex_init(&sr->mu, NULL);
    }
    parley_ctx_destroy(ctx);
    return sr;
}

void serve_runs_close(serve_runs_t *sr)
{
    if (!sr)
        return;
    parley_store_close(sr->store);
    pthread_mutex_destroy(&sr->mu);
    free(sr->path);
    free(sr);
}

/* The request's options as a JSON object (the job id left out: it names
 * the request, not the analysis). */
static void params_json(parley_buf_t *b, const app_request_t *rq)
{
    parley_json_t j;
    parley_json_init(&j, b, 0);
    parley_json_object_begin(&j);
    for (size_t k = 0; k < rq->n_params; k++) {
        if (!rq->params[k].key || !strcmp(rq->params[k].key, "job"))
            continue;
        parley_json_key(&j, rq->params[k].key);
        parley_json_string(&j, rq->params[k].value ? rq->params[k].value : "");
    }
    parley_json_object_end(&j);
}

/* The scenario's id as the result's header names it ("id": "..."), in buf. */
static const char *scenario_id(const char *result, size_t len, char *buf, size_t cap)
{
    const char *p = result ? strstr(result, "\"id\": \"") : NULL;
    if (!p || (size_t)(p - result) >= len)
        return NULL;
    p += 7;
    size_t n = strcspn(p, "\"\\");
    if (n == 0 || n >= cap)
        return NULL;
    memcpy(buf, p, n);
    buf[n] = '\0';
    return buf;
}

static int seed_of(const app_request_t *rq, uint64_t *seed)
{
    for (size_t k = 0; k < rq->n_params; k++)
        if (rq->params[k].key && !strcmp(rq->params[k].key, "seed") && rq->params[k].value) {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(rq->params[k].value, &end, 10);
            if (*rq->params[k].value && !*end && !errno) {
                *seed = (uint64_t)v;
                return 1;
            }
        }
    if (rq->kind != APP_MONTECARLO && rq->kind != APP_SENSITIVITY)
        return 0;
    *seed = 1; /* montecarlo's and sensitivity's default */
    return 1;
}

long long serve_runs_add(serve_runs_t *sr, const app_request_t *rq, int status,
                         const parley_buf_t *body, const serve_job_info_t *info, double started,
                         double wall)
{
    parley_buf_t params, result;
    parley_buf_init(&params);
    parley_buf_init(&result);
    params_json(&params, rq);
    if (status == 200 && info->result_len)
        parley_buf_append(&result, body->data + info->result_off, info->result_len);
    char id[256];
    parley_run_t run;
    parley_run_init(&run);
    run.scenario_text = rq->body ? rq->body : "";
    run.scenario_len = rq->len;
    run.scenario_file = rq->name;
    run.scenario_id = scenario_id(result.data, result.len, id, sizeof id);
    run.command = app_kind_name(rq->kind);
    run.parameters = params.data;
    run.has_seed = seed_of(rq, &run.seed);
    run.started = started;
    run.finished = started + wall;
    run.wall_seconds = wall;
    run.cpu_seconds = info->cpu_seconds;
    run.exit_status = status == 200 ? 0 : status == 400 ? 1 : 3; /* the CLI's exit codes */
    run.result = result.len ? result.data : NULL;
    long long out = -1;
    parley_ctx_t *ctx = parley_ctx_create();
    if (ctx && !params.failed && !result.failed) {
        int64_t rid = 0;
        pthread_mutex_lock(&sr->mu);
        parley_status_t st = parley_store_add_run(ctx, sr->store, &run, &rid);
        pthread_mutex_unlock(&sr->mu);
        if (st)
            fprintf(stderr, "parley serve: the run was not stored: %s\n", parley_ctx_message(ctx));
        else
            out = (long long)rid;
    }
    parley_ctx_destroy(ctx);
    parley_buf_free(&params);
    parley_buf_free(&result);
    return out;
}

/* ---- reading */

static const char *param(const app_param_t *p, size_t n, const char *key)
{
    for (size_t k = 0; k < n; k++)
        if (p[k].key && !strcmp(p[k].key, key))
            return p[k].value ? p[k].value : "";
    return NULL;
}

/* A positive whole number from text[0..len); 0 when it is not one. */
static long long whole(const char *text, size_t len)
{
    long long v = 0;
    if (len == 0 || len > 15)
        return 0;
    for (size_t k = 0; k < len; k++) {
        if (text[k] < '0' || text[k] > '9')
            return 0;
        v = v * 10 + (text[k] - '0');
    }
    return v;
}

/* A value that is already JSON text (as the store keeps it), after a key. */
static void raw_or_null(parley_json_t *j, const char *json)
{
    parley_buf_puts(j->out, json && *json ? json : "null");
    j->after_key = 0; /* the value is written */
}

static int list_row(void *arg, const parley_run_t *r)
{
    parley_buf_t *b = arg;
    parley_json_t j;
    parley_json_init(&j, b, 0);
    if (b->len && b->data[b->len - 1] != '[')
        parley_buf_puts(b, ",\n");
    parley_json_object_begin(&j);
    parley_json_key(&j, "id");
    parley_json_int(&j, (long long)r->id);
    parley_json_key(&j, "command");
    parley_json_string(&j, r->command);
    parley_json_key(&j, "parameters");
    raw_or_null(&j, r->parameters);
    parley_json_key(&j, "seed");
    if (r->has_seed) {
        parley_buf_printf(b, "%llu", (unsigned long long)r->seed);
        j.after_key = 0;
    } else {
        parley_json_null(&j);
    }
    parley_json_key(&j, "parley_version");
    parley_json_string(&j, r->version);
    parley_json_key(&j, "started_at");
    parley_json_string(&j, r->started_at);
    parley_json_key(&j, "wall_seconds");
    parley_json_number(&j, r->wall_seconds);
    parley_json_key(&j, "cpu_seconds");
    parley_json_number(&j, r->cpu_seconds);
    parley_json_key(&j, "exit_status");
    parley_json_int(&j, r->exit_status);
    parley_json_key(&j, "scenario");
    parley_json_object_begin(&j);
    parley_json_key(&j, "hash");
    parley_json_string(&j, r->scenario_hash);
    parley_json_key(&j, "id");
    parley_json_string(&j, r->scenario_id);
    parley_json_key(&j, "file");
    parley_json_string(&j, r->scenario_file);
    parley_json_object_end(&j);
    parley_json_object_end(&j);
    return 0;
}

static int list(serve_runs_t *sr, parley_ctx_t *ctx, const app_param_t *p, size_t n,
                parley_buf_t *out)
{
    const char *l = param(p, n, "limit");
    long long limit = l ? whole(l, strlen(l)) : RUNS_LIST_DEFAULT;
    if (limit <= 0 || limit > RUNS_LIST_MAX) {
        serve_error_json(out, 400, "limit must be a whole number from 1 to 10000");
        return 400;
    }
    int64_t count = 0;
    parley_buf_puts(out, "{\"runs\": [");
    parley_status_t st = parley_store_count(ctx, sr->store, &count);
    if (!st)
        st = parley_store_runs(ctx, sr->store, 0, (size_t)limit, list_row, out);
    parley_buf_printf(out, "],\n\"count\": %lld}\n", (long long)count);
    return st ? -1 : 200;
}

static int export_one(void *arg, const char *json, size_t len)
{
    parley_buf_append(arg, json, len);
    parley_buf_puts(arg, "\n");
    return 0;
}

static int one(serve_runs_t *sr, parley_ctx_t *ctx, long long id, const app_param_t *p, size_t n,
               parley_buf_t *out)
{
    const char *sc = param(p, n, "scenario");
    unsigned flags = sc && (!*sc || !strcmp(sc, "1") || !strcmp(sc, "true")) ? PARLEY_RUN_SCENARIO
                                                                              : 0u;
    int64_t ids[1] = {id};
    parley_status_t st = parley_store_export(ctx, sr->store, ids, 1, flags, export_one, out);
    return st == PARLEY_ENOTFOUND ? -404 : st ? -1 : 200;
}

typedef struct diff_acc {
    parley_json_t *j;
    size_t n;
} diff_acc_t;

static int diff_row(void *arg, const parley_diff_t *d)
{
    static const char *const KIND[] = {"", "changed", "added", "removed"};
    diff_acc_t *a = arg;
    if (a->n++ >= DIFF_MAX)
        return 0;
    parley_json_t *j = a->j;
    parley_json_object_begin(j);
    parley_json_key(j, "kind");
    parley_json_string(j, KIND[d->kind <= PARLEY_DIFF_REMOVED ? d->kind : 0]);
    parley_json_key(j, "path");
    parley_json_string(j, d->path);
    parley_json_key(j, "old");
    raw_or_null(j, d->old_json);
    parley_json_key(j, "new");
    raw_or_null(j, d->new_json);
    parley_json_object_end(j);
    return 0;
}

typedef struct text_of {
    parley_buf_t text;
    int has;
    char hash[80];
} text_of_t;

static int keep_text(void *arg, const parley_run_t *r)
{
    text_of_t *t = arg;
    t->has = r->scenario_text != NULL;
    snprintf(t->hash, sizeof t->hash, "%s", r->scenario_hash ? r->scenario_hash : "");
    if (r->scenario_text)
        parley_buf_append(&t->text, r->scenario_text, r->scenario_len);
    return 0;
}

static int change_row(void *arg, const parley_scenario_change_t *c)
{
    diff_acc_t *acc = arg;
    if (acc->n++ >= DIFF_MAX)
        return 0;
    parley_json_object_begin(acc->j);
    parley_json_key(acc->j, "path");
    parley_json_string(acc->j, c->path);
    parley_json_key(acc->j, "change");
    parley_json_string(acc->j, c->what);
    parley_buf_t w;
    parley_buf_init(&w);
    parley_scenario_change_words(c, &w);
    parley_json_key(acc->j, "words");
    parley_json_string(acc->j, w.failed || !w.data ? c->what : w.data);
    parley_buf_free(&w);
    parley_json_object_end(acc->j);
    return 0;
}

/* "scenario": the change between the two runs' scenario texts in words
 * (empty when they read the same text), and its count. */
static parley_status_t scenario_part(serve_runs_t *sr, parley_ctx_t *ctx, long long a,
                                     long long b, parley_json_t *j)
{
    text_of_t t[2];
    parley_status_t st = PARLEY_OK;
    for (int k = 0; k < 2; k++) {
        memset(&t[k], 0, sizeof t[k]);
        parley_buf_init(&t[k].text);
    }
    for (int k = 0; k < 2 && !st; k++)
        st = parley_store_get(ctx, sr->store, k ? b : a, PARLEY_RUN_SCENARIO, keep_text, &t[k]);
    diff_acc_t acc = {j, 0};
    parley_json_key(j, "scenario");
    parley_json_array_begin(j);
    if (!st && t[0].has && t[1].has && strcmp(t[0].hash, t[1].hash) != 0 &&
        parley_scenario_diff(ctx, t[0].text.data, t[0].text.len, t[1].text.data, t[1].text.len,
                             change_row, &acc, NULL) != PARLEY_OK)
        acc.n = 0; /* a stored text that does not parse: only the hashes differ */
    parley_json_array_end(j);
    parley_json_key(j, "scenario_differences");
    parley_json_int(j, (long long)acc.n);
    for (int k = 0; k < 2; k++)
        parley_buf_free(&t[k].text);
    return st;
}

static int diff(serve_runs_t *sr, parley_ctx_t *ctx, long long a, long long b, parley_buf_t *out)
{
    static const char *const FIELD[] = {"result", "parameters"};
    parley_json_t j;
    parley_json_init(&j, out, 0);
    parley_json_object_begin(&j);
    parley_json_key(&j, "a");
    parley_json_int(&j, a);
    parley_json_key(&j, "b");
    parley_json_int(&j, b);
    parley_status_t sst = scenario_part(sr, ctx, a, b, &j);
    if (sst)
        return sst == PARLEY_ENOTFOUND ? -404 : -1;
    for (int f = 1; f >= 0; f--) {
        diff_acc_t acc = {&j, 0};
        parley_json_key(&j, FIELD[f]);
        parley_json_array_begin(&j);
        parley_status_t st = parley_store_diff(ctx, sr->store, a, b, (parley_diff_field_t)f,
                                               diff_row, &acc, NULL);
        parley_json_array_end(&j);
        if (st)
            return st == PARLEY_ENOTFOUND ? -404 : st == PARLEY_ELIMIT ? -413 : -1;
        char key[40];
        snprintf(key, sizeof key, "%s_differences", FIELD[f]);
        parley_json_key(&j, key);
        parley_json_int(&j, (long long)acc.n);
    }
    parley_json_key(&j, "truncated_at");
    parley_json_int(&j, DIFF_MAX);
    parley_json_object_end(&j);
    parley_buf_puts(out, "\n");
    return 200;
}

/* "", "/ID", "/ID/diff/ID2"; or a query form: ?a=ID&b=ID2 on /api/runs/diff. */
static int route(serve_runs_t *sr, parley_ctx_t *ctx, const char *rest, const app_param_t *p,
                 size_t n, parley_buf_t *out)
{
    if (!*rest || !strcmp(rest, "/"))
        return list(sr, ctx, p, n, out);
    if (!strcmp(rest, "/diff")) {
        const char *a = param(p, n, "a"), *b = param(p, n, "b");
        long long x = a ? whole(a, strlen(a)) : 0, y = b ? whole(b, strlen(b)) : 0;
        if (!x || !y) {
            serve_error_json(out, 400, "/api/runs/diff needs a=ID&b=ID (run ids)");
            return 400;
        }
        return diff(sr, ctx, x, y, out);
    }
    rest++;
    size_t len = strcspn(rest, "/");
    long long id = whole(rest, len);
    if (id && !rest[len])
        return one(sr, ctx, id, p, n, out);
    if (id && !strncmp(rest + len, "/diff/", 6)) {
        const char *b = rest + len + 6;
        long long id2 = whole(b, strlen(b));
        if (id2)
            return diff(sr, ctx, id, id2, out);
    }
    serve_error_json(out, 404, "no such resource: /api/runs, /api/runs/ID, /api/runs/ID/diff/ID2");
    return 404;
}

int serve_runs_get(serve_runs_t *sr, const char *rest, const app_param_t *params, size_t n,
                   parley_buf_t *out)
{
    if (!sr) {
        serve_error_json(out, 409, "this server keeps no run archive: start it with "
                                 "'parley serve --db FILE'");
        return 409;
    }
    parley_ctx_t *ctx = parley_ctx_create();
    if (!ctx) {
        serve_error_json(out, 500, "out of memory");
        return 500;
    }
    parley_buf_t body;
    parley_buf_init(&body);
    /* A comparison may take seconds: on a handle of its own (WAL: readers
     * never wait), it holds up neither the list nor the runs being stored. */
    parley_store_options_t o;
    parley_store_options_init(&o);
    serve_runs_t own = {.path = sr->path};
    int status;
    if (strstr(rest, "/diff") && parley_store_open(ctx, sr->path, &o, &own.store) == PARLEY_OK) {
        status = route(&own, ctx, rest, params, n, &body);
        parley_store_close(own.store);
    } else {
        pthread_mutex_lock(&sr->mu);
        status = route(sr, ctx, rest, params, n, &body);
        pthread_mutex_unlock(&sr->mu);
    }
    if (status > 0 && !body.failed) { /* a result, or an error of route's own */
        parley_buf_append(out, body.data, body.len);
    } else { /* -404: the store found no such run; -413: too big to compare; -1: it failed */
        const char *m = parley_ctx_message(ctx);
        size_t plen = strlen(sr->path);
        if (!strncmp(m, sr->path, plen) && !strncmp(m + plen, ": ", 2))
            m += plen + 2; /* "PATH: no run 9" -> "no run 9" */
        if (strchr(m, '/')) /* SQLite's words may name a file too */
            m = "";
        status = status == -404 ? 404 : status == -413 ? 413 : 500;
        serve_error_json(out, status, *m ? m : status == 404 ? "no such run"
                                              : "the run archive failed");
    }
    parley_buf_free(&body);
    parley_ctx_destroy(ctx);
    return status;
}
