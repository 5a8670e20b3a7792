/*
 * analysis.c — one analysis of the JSON API (and of `parley report`): maps
 * query parameters onto the CLI's own option values, runs the same
 * computation and JSON writer (so the result is byte for byte what `parley
 * CMD --format json` prints) and adds the Vega-Lite specs. Failures come
 * back as a status with the message from the error context.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis.h"
#include "charts.h"
#include "eval.h"
#include "forecast.h"
#include "mc.h"
#include "sim.h"
#include "space.h"

static const char *const KIND_NAMES[APP_KIND_COUNT] = {"eval", "space", "forecast", "simulate",
                                                       "montecarlo"};

const char *app_kind_name(app_kind_t k)
{
    return (unsigned)k < APP_KIND_COUNT ? KIND_NAMES[k] : "?";
}

void app_result_init(app_result_t *r)
{
    r->status = 500;
    parley_buf_init(&r->result);
    parley_buf_init(&r->charts);
    parley_buf_init(&r->error);
}

void app_result_free(app_result_t *r)
{
    parley_buf_free(&r->result);
    parley_buf_free(&r->charts);
    parley_buf_free(&r->error);
}

/* ---- parameters: each analysis lists the ones it takes */

typedef struct param_def {
    const char *name;  /* the CLI option without its dashes */
    int flag;          /* takes no value: 1, true, yes or empty set it; 0, false, no clear it */
    const char **dest;
} param_def_t;

static int fail(app_result_t *out, int status, const char *fmt, const char *a, const char *b)
{
    out->status = status;
    parley_buf_printf(&out->error, fmt, a, b);
    return status;
}

static int set_param(const param_def_t *d, const char *key, const char *v, app_result_t *out)
{
    if (*d->dest)
        return fail(out, 400, "parameter '%s' given twice%s", key, "");
    if (!d->flag) {
        *d->dest = v;
        return 0;
    }
    if (!*v || !strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "yes"))
        *d->dest = "1";
    else if (strcmp(v, "0") && strcmp(v, "false") && strcmp(v, "no"))
        return fail(out, 400, "parameter '%s' is a flag (1 or 0), not '%s'", key, v);
    return 0;
}

/* Fills the defs' destinations from the request; 400 on an unknown or repeated key. */
static int take_params(const app_request_t *rq, const param_def_t *defs, app_result_t *out)
{
    for (size_t k = 0; k < rq->n_params; k++) {
        char key[64];
        snprintf(key, sizeof key, "%s", rq->params[k].key ? rq->params[k].key : "");
        for (char *c = key; *c; c++)
            *c = *c == '_' ? '-' : *c; /* drop_red_lines and drop-red-lines alike */
        const char *v = rq->params[k].value ? rq->params[k].value : "";
        if (app_server_param(key))
            continue; /* the server's: the scenario's name, the job's id */
        const param_def_t *d = defs;
        while (d->name && strcmp(d->name, key))
            d++;
        if (!d->name) {
            parley_buf_t list;
            parley_buf_init(&list);
            for (d = defs; d->name; d++)
                parley_buf_printf(&list, "%s, ", d->name);
            parley_buf_puts(&list, "name");
            fail(out, 400, "unknown parameter '%s'; this endpoint takes %s", key,
                 list.data ? list.data : "");
            parley_buf_free(&list);
            return 400;
        }
        if (set_param(d, key, v, out))
            return 400;
    }
    return 0;
}

int app_server_param(const char *key)
{
    return !strcmp(key, "name") || !strcmp(key, "job");
}

int app_http_status(parley_status_t st)
{
    switch (st) {
    case PARLEY_OK: return 200;
    case PARLEY_EARG:
    case PARLEY_EINPUT:
    case PARLEY_ENOTFOUND:
    case PARLEY_ELIMIT:
    case PARLEY_EIO: return 400;
    default: return 500;
    }
}

/* The outcome of an analysis: its status, and the message from ctx. */
static int finish(parley_ctx_t *ctx, parley_status_t st, app_result_t *out)
{
    out->status = app_http_status(st);
    if (st) {
        const char *m = parley_ctx_message(ctx);
        parley_buf_puts(&out->error, *m ? m : parley_strerror(st));
    }
    return out->status;
}

static void trim_newline(parley_buf_t *b)
{
    while (b->len && b->data[b->len - 1] == '\n')
        b->data[--b->len] = '\0';
}

static parley_scenario_t *load(const app_request_t *rq, parley_ctx_t *ctx, app_result_t *out)
{
    parley_scenario_t *s = NULL;
    parley_status_t st = parley_scenario_load_buffer(ctx, rq->name, rq->body ? rq->body : "",
                                                     rq->len, &s);
    if (st)
        finish(ctx, st, out);
    return s;
}

/* ---- eval */

static int run_eval(const app_request_t *rq, parley_ctx_t *ctx, app_result_t *out)
{
    const char *proposal = NULL;
    const param_def_t defs[] = {{"proposal", 0, &proposal}, {NULL, 0, NULL}};
    if (take_params(rq, defs, out))
        return out->status;
    parley_scenario_t *s = load(rq, ctx, out);
    if (!s)
        return out->status;
    eval_run_t r;
    parley_status_t rc = eval_run_select(ctx, &r, s, proposal);
    if (!rc) {
        eval_render_json(&out->result, &r);
        eval_run_free(&r);
        parley_json_t j;
        parley_json_init(&j, &out->charts, 0);
        parley_json_object_begin(&j);
        parley_json_key(&j, "positions");
        charts_positions(&j, s);
        parley_json_key(&j, "proposals");
        charts_proposals(&j, s);
        parley_json_object_end(&j);
    }
    parley_scenario_destroy(s);
    return finish(ctx, rc, out);
}

/* ---- space */

static size_t space_actor_by_id(const parley_space_t *sp, const char *id)
{
    const parley_scenario_t *s = parley_space_scenario(sp);
    for (size_t a = 0; a < parley_space_actor_count(sp); a++)
        if (!strcmp(parley_scenario_actor(s, parley_space_actor(sp, a))->id, id))
            return a;
    return (size_t)-1;
}

static int space_charts(space_run_t *r, const char *x, const char *y, app_result_t *out)
{
    const parley_space_t *sp = r->job->sp;
    size_t ax = x ? space_actor_by_id(sp, x) : 0, ay = y ? space_actor_by_id(sp, y) : 1;
    if (ax == (size_t)-1 || ay == (size_t)-1)
        return fail(out, 400, "parameter x or y: no actor '%s' in the analysis%s",
                    ax == (size_t)-1 ? x : y, "");
    charts_space_in_t in = {sp, r->f, r->sol, ax, ay};
    parley_json_t j;
    parley_json_init(&j, &out->charts, 0);
    parley_json_object_begin(&j);
    parley_json_key(&j, "space");
    charts_space(&j, &in);
    parley_json_object_end(&j);
    return 0;
}

static int run_space(const app_request_t *rq, app_result_t *out)
{
    space_args_t a = {0};
    const char *x = NULL, *y = NULL;
    const param_def_t defs[] = {
        {"grid", 0, &a.grid},     {"actors", 0, &a.actors},   {"method", 0, &a.method},
        {"max-memory", 0, &a.max_memory}, {"limit", 0, &a.limit}, {"seed", 0, &a.seed},
        {"budget", 0, &a.budget}, {"samples", 0, &a.samples}, {"drop-red-lines", 0, &a.drop},
        {"x", 0, &x},             {"y", 0, &y},               {NULL, 0, NULL}};
    if (take_params(rq, defs, out))
        return out->status;
    char cap[32];
    snprintf(cap, sizeof cap, "%g", rq->max_memory_gib > 0 ? rq->max_memory_gib : 1.0);
    if (a.max_memory && !(strtod(a.max_memory, NULL) <= strtod(cap, NULL)))
        return fail(out, 400, "max-memory is at most %s GiB on this server, not '%s'", cap,
                    a.max_memory);
    if (!a.max_memory)
        a.max_memory = cap;
    a.fmt = "json";
    a.color = "never";
    a.progress = "never";
    space_job_t j;
    parley_status_t rc = space_job_open_buffer(&j, "space", &a, rq->name, rq->body, rq->len, 1000);
    if (!rc) {
        space_run_t r;
        memset(&r, 0, sizeof r);
        r.job = &j;
        rc = space_run_analyse(&r);
        if (!rc && !space_charts(&r, x, y, out))
            space_render_json(&out->result, &r);
        space_run_free(&r);
    }
    if (out->status == 400) {
        space_job_close(&j);
        return 400; /* space_charts */
    }
    finish(j.ctx, rc, out);
    space_job_close(&j);
    return out->status;
}

/* ---- forecast */

static int run_forecast(const app_request_t *rq, parley_ctx_t *ctx, app_result_t *out)
{
    const char *model = NULL, *trace = NULL;
    fc_opt_values_t v = {0};
    const param_def_t defs[] = {
        {"model", 0, &model},       {"trace", 1, &trace},       {"q", 0, &v.q},
        {"no-risk", 1, &v.no_risk}, {"offer", 0, &v.offer},     {"rounds", 0, &v.rounds},
        {"tol", 0, &v.tol},         {"gamma", 0, &v.gamma},     {"nash-salience", 1, &v.nash_salience},
        {"smp-victory", 0, &v.victory},   {"smp-pce", 0, &v.pce},
        {"smp-voting", 0, &v.voting},     {"smp-risk-adjust", 0, &v.risk_adjust},
        {"smp-risk-range", 0, &v.risk_range}, {"smp-commit", 0, &v.commit},
        {"smp-interp", 0, &v.interp},     {"smp-bargain", 0, &v.bargain},
        {"smp-mode", 0, &v.mode},         {"seed", 0, &v.seed},
        {"smp-challenge-victory", 1, &v.challenge_victory}, {NULL, 0, NULL}};
    if (take_params(rq, defs, out))
        return out->status;
    fc_run_t r = {0};
    parley_model_t models[PARLEY_MODEL_COUNT];
    parley_status_t rc = fc_cli_params(ctx, &v, &r.prm);
    if (!rc)
        rc = fc_cli_models(ctx, model, models, &r.n_models);
    if (rc)
        return finish(ctx, rc, out);
    for (size_t m = 0; m < r.n_models; m++)
        r.models[m].model = models[m];
    r.trace = trace != NULL;
    parley_scenario_t *s = load(rq, ctx, out);
    if (!s)
        return out->status;
    r.s = s;
    rc = fc_run_compute(ctx, s, &r);
    if (!rc) {
        fc_render_json(&out->result, &r);
        charts_fc_series_t series[PARLEY_MODEL_COUNT];
        for (size_t m = 0; m < r.n_models; m++)
            series[m] = (charts_fc_series_t){r.models[m].model, r.models[m].rounds,
                                             r.models[m].traj};
        parley_json_t j;
        parley_json_init(&j, &out->charts, 0);
        parley_json_object_begin(&j);
        parley_json_key(&j, "forecast");
        charts_forecast(&j, s, series, r.n_models);
        parley_json_object_end(&j);
    }
    fc_run_free(&r);
    parley_scenario_destroy(s);
    return finish(ctx, rc, out);
}

/* ---- simulate */

static int sim_switch_defs(param_def_t *defs, sim_switches_t *w, const char **set)
{
    const param_def_t d[] = {{"without", 0, &w->without}, {"join", 0, &w->join},
                             {"leave", 0, &w->leave},     {"protocol", 0, &w->protocol},
                             {"meeting", 0, &w->meeting}, {"horizon", 0, &w->horizon},
                             {"grid", 0, &w->grid},       {"set", 0, set}};
    memcpy(defs, d, sizeof d);
    return (int)(sizeof d / sizeof d[0]);
}

static void sim_charts(const sim_run_t *r, app_result_t *out)
{
    parley_json_t j;
    parley_json_init(&j, &out->charts, 0);
    parley_json_object_begin(&j);
    parley_json_key(&j, "sim_trace");
    charts_sim_trace(&j, r->s, r->sim);
    parley_json_key(&j, "sim_moves");
    charts_sim_moves(&j, r->s, r->sim);
    parley_json_object_end(&j);
}

static int run_simulate(const app_request_t *rq, parley_ctx_t *ctx, app_result_t *out)
{
    sim_switches_t w = {0};
    const char *set = NULL;
    param_def_t defs[16];
    int n = sim_switch_defs(defs, &w, &set);
    defs[n] = (param_def_t){NULL, 0, NULL};
    if (take_params(rq, defs, out))
        return out->status;
    parley_scenario_t *s = load(rq, ctx, out);
    if (!s)
        return out->status;
    sim_run_t r = {.s = s, .set = set};
    parley_status_t rc = set ? sim_apply_set(ctx, s, set) : PARLEY_OK;
    if (!rc)
        rc = sim_run_setup(ctx, &w, &r);
    if (!rc)
        rc = sim_run_play(ctx, &r);
    if (!rc) {
        sim_render_json(&out->result, &r);
        sim_charts(&r, out);
    }
    sim_run_free(&r);
    parley_scenario_destroy(s);
    return finish(ctx, rc, out);
}

/* ---- montecarlo */

static void mc_progress(void *arg, uint64_t done, uint64_t total)
{
    const app_request_t *rq = arg;
    if (rq->progress)
        rq->progress(rq->progress_arg, done, total);
}

static void mc_charts(const parley_mc_t *mc, app_result_t *out)
{
    parley_mc_what_t what = parley_mc_options(mc)->what;
    parley_json_t j;
    parley_json_init(&j, &out->charts, 0);
    parley_json_object_begin(&j);
    if (what != PARLEY_MC_FORECAST) {
        parley_json_key(&j, "mc_outcome");
        charts_mc_outcome(&j, mc);
        parley_json_key(&j, "mc_terms");
        charts_mc_terms(&j, mc);
    }
    if (what == PARLEY_MC_SIMULATE) {
        parley_json_key(&j, "mc_round");
        charts_mc_round(&j, mc);
    }
    parley_json_object_end(&j);
}

static int run_montecarlo(const app_request_t *rq, parley_ctx_t *ctx, app_result_t *out)
{
    mc_request_t a;
    memset(&a, 0, sizeof a);
    const char *set = NULL;
    param_def_t defs[24] = {{"n", 0, &a.n},         {"seed", 0, &a.seed},
                            {"threads", 0, &a.threads}, {"what", 0, &a.what},
                            {"model", 0, &a.model}};
    int n = 5 + sim_switch_defs(defs + 5, &a.sw, &set);
    defs[n] = (param_def_t){NULL, 0, NULL};
    if (take_params(rq, defs, out))
        return out->status;
    if (set)
        return fail(out, 400, "parameter 'set' is for simulate: montecarlo draws the uncertain "
                              "inputs%s%s", "", "");
    parley_scenario_t *s = load(rq, ctx, out);
    if (!s)
        return out->status;
    sim_run_t sr;
    memset(&sr, 0, sizeof sr);
    parley_mc_options_t o;
    parley_mc_t *mc = NULL;
    unsigned tcap = rq->max_threads ? rq->max_threads : 1;
    mc_limits_t lim = {rq->max_samples ? rq->max_samples : 1000000, 1, tcap, tcap, 1};
    parley_status_t rc = mc_setup(ctx, &a, &lim, s, &sr, &o);
    if (!rc)
        rc = parley_mc_create(ctx, s, &o, &mc);
    if (!rc)
        rc = mc_run_batches(ctx, mc, 0.1, mc_progress, (void *)rq);
    if (!rc) {
        mc_render_json(&out->result, mc);
        mc_charts(mc, out);
    }
    parley_mc_destroy(mc);
    sim_run_free(&sr);
    parley_scenario_destroy(s);
    return finish(ctx, rc, out);
}

int app_compute(const app_request_t *rq, app_result_t *out)
{
    parley_ctx_t *ctx = parley_ctx_create();
    if (!ctx)
        return fail(out, 500, "out of memory%s%s", "", "");
    out->status = 500;
    if (rq->kind == APP_EVAL)
        run_eval(rq, ctx, out);
    else if (rq->kind == APP_SPACE)
        run_space(rq, out);
    else if (rq->kind == APP_FORECAST)
        run_forecast(rq, ctx, out);
    else if (rq->kind == APP_SIMULATE)
        run_simulate(rq, ctx, out);
    else
        run_montecarlo(rq, ctx, out);
    parley_ctx_destroy(ctx);
    trim_newline(&out->result);
    if (out->status == 200 && (out->result.failed || out->charts.failed)) {
        out->status = 500;
        parley_buf_puts(&out->error, "out of memory while writing the result");
    }
    if (out->status != 200 && out->error.len == 0)
        parley_buf_puts(&out->error, out->status == 400 ? "bad request" : "internal error");
    return out->status;
}
