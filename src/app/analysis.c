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
#include "args.h"
#include "charts.h"
#include "eval.h"
#include "forecast.h"
#include "mc.h"
#include "sim.h"
#include "space.h"
#include "sweep.h"

static const char *const KIND_NAMES[APP_KIND_COUNT] = {
    "eval", "space", "forecast", "simulate", "montecarlo", "amend", "trades", "model",
    "sensitivity", "sweep", "tree"};

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

static int fail(app_result_t *out, int status, const char *fmt, const char *a, const char *b)
{
    out->status = status;
    parley_buf_printf(&out->error, fmt, a, b);
    return status;
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

static parley_scenario_t *load(const app_request_t *rq, const app_args_t *a, parley_ctx_t *ctx,
                               app_result_t *out)
{
    parley_scenario_t *s = NULL;
    parley_status_t st = app_load_buffer(ctx, a, rq->name, rq->body ? rq->body : "", rq->len, &s);
    if (st)
        finish(ctx, st, out);
    return s;
}

/* ---- eval */

static int run_eval(const app_request_t *rq, const app_args_t *a, parley_ctx_t *ctx,
                    app_result_t *out)
{
    const char *proposal = app_arg(a, APP_O_PROPOSAL);
    parley_scenario_t *s = load(rq, a, ctx, out);
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
        return fail(out, 400, "parameter '%s': no actor '%s' in the analysis",
                    ax == (size_t)-1 ? "x" : "y", ax == (size_t)-1 ? x : y);
    charts_space_in_t in = {sp, r->f, r->sol, ax, ay};
    parley_json_t j;
    parley_json_init(&j, &out->charts, 0);
    parley_json_object_begin(&j);
    parley_json_key(&j, "space");
    charts_space(&j, &in);
    parley_json_object_end(&j);
    return 0;
}

/* The space options of a request, max-memory capped at the server's (cap
 * holds its text); 400 when the request asks for more. */
static int space_request_args(const app_request_t *rq, const app_args_t *args, space_args_t *a,
                              char cap[32], app_result_t *out)
{
    app_space_args(args, a);
    snprintf(cap, 32, "%g", rq->max_memory_gib > 0 ? rq->max_memory_gib : 1.0);
    if (a->max_memory && !(strtod(a->max_memory, NULL) <= strtod(cap, NULL)))
        return fail(out, 400, "parameter 'max-memory' is at most %s GiB on this server, not '%s'", cap,
                    a->max_memory);
    if (!a->max_memory)
        a->max_memory = cap;
    a->fmt = "json";
    a->color = "never";
    a->progress = "never";
    return 0;
}

static int run_space(const app_request_t *rq, const app_args_t *args, app_result_t *out)
{
    space_args_t a;
    char cap[32];
    if (space_request_args(rq, args, &a, cap, out))
        return out->status;
    const char *x = app_arg(args, APP_O_X), *y = app_arg(args, APP_O_Y);
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

/* ---- amend, trades: the CLI's computations and JSON on a proposal of the
 * body (the page's package builder appends the package it built as one). */

static int no_charts(app_result_t *out)
{
    parley_buf_puts(&out->charts, "{}");
    return 0;
}

static int run_amend(const app_request_t *rq, const app_args_t *args, app_result_t *out)
{
    space_args_t a;
    char cap[32];
    if (space_request_args(rq, args, &a, cap, out))
        return out->status;
    space_job_t j;
    amend_run_t r;
    memset(&r, 0, sizeof r);
    parley_status_t rc = space_job_open_buffer(&j, "amend", &a, rq->name, rq->body, rq->len, 10);
    if (!rc) {
        size_t p = space_find_proposal(j.ctx, j.s, a.proposal);
        rc = p == (size_t)-1 ? PARLEY_EINPUT : PARLEY_OK;
        if (!rc) {
            r.job = &j;
            r.prop = parley_scenario_proposal(j.s, p);
            rc = space_job_include(&j, r.prop->positions);
        }
        if (!rc)
            rc = amend_run_compute(&r);
        if (!rc) {
            amend_render_json(&out->result, &r);
            no_charts(out);
        }
    }
    amend_run_free(&r);
    finish(j.ctx, rc, out);
    space_job_close(&j);
    return out->status;
}

static int run_trades(const app_request_t *rq, const app_args_t *args, app_result_t *out)
{
    space_args_t a;
    char cap[32];
    if (space_request_args(rq, args, &a, cap, out))
        return out->status;
    space_job_t j;
    parley_status_t rc = space_job_open_buffer(&j, "trades", &a, rq->name, rq->body, rq->len, 5);
    if (!rc)
        rc = trades_run(&j, a.proposal, app_flag(args, APP_O_ALL), NULL, &out->result);
    if (!rc)
        no_charts(out);
    finish(j.ctx, rc, out);
    space_job_close(&j);
    return out->status;
}

/* ---- model: what the page's package builder needs to lay out its
 * controls (every issue's options or scale, the actors, the proposals'
 * packages). Not a CLI command, so its one parameter is declared here. */

static const app_opt_t MODEL_OPTS[] = {
    {APP_O_SET, "set", 0, NULL, APP_SET, "PATH=VALUE", 0, 0, NULL, NULL, APP_API, 0,
     "use VALUE for the number (or word) of the scenario at PATH"},
    {APP_O_COUNT, NULL, 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, 0, 0, NULL}};
static const app_group_t MODEL_GROUPS[] = {{NULL, MODEL_OPTS}, {NULL, NULL}};
static const app_cmd_t MODEL_CMD = {"model", "", "", "", "", 0, 0, "/api/model", MODEL_GROUPS,
                                    NULL};

static void model_position(parley_json_t *j, const parley_issue_t *is, double x)
{
    if (parley_is_open(x))
        parley_json_null(j);
    else if (is->kind == PARLEY_ISSUE_DISCRETE)
        parley_json_string(j, is->options[(size_t)x].id);
    else
        parley_json_number(j, x);
}

static void model_issue(parley_json_t *j, const parley_issue_t *is)
{
    parley_json_object_begin(j);
    parley_json_key(j, "id");
    parley_json_string(j, is->id);
    parley_json_key(j, "name");
    parley_json_string(j, is->name);
    parley_json_key(j, "kind");
    parley_json_string(j, is->kind == PARLEY_ISSUE_DISCRETE ? "discrete" : "continuous");
    if (is->kind == PARLEY_ISSUE_DISCRETE) {
        parley_json_key(j, "options");
        parley_json_array_begin(j);
        for (size_t k = 0; k < is->n_options; k++)
            parley_json_string(j, is->options[k].id);
        parley_json_array_end(j);
    } else {
        parley_json_key(j, "lo");
        parley_json_number(j, is->lo);
        parley_json_key(j, "hi");
        parley_json_number(j, is->hi);
        parley_json_key(j, "unit");
        parley_json_string(j, is->unit);
    }
    parley_json_object_end(j);
}

static void model_actors(parley_json_t *j, const parley_scenario_t *s)
{
    parley_json_key(j, "actors");
    parley_json_array_begin(j);
    for (size_t a = 0; a < parley_scenario_actor_count(s); a++) {
        const parley_actor_t *ac = parley_scenario_actor(s, a);
        parley_json_object_begin(j);
        parley_json_key(j, "id");
        parley_json_string(j, ac->id);
        parley_json_key(j, "name");
        parley_json_string(j, ac->name);
        parley_json_key(j, "batna");
        parley_json_number(j, ac->batna);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}

static void model_proposals(parley_json_t *j, const parley_scenario_t *s)
{
    parley_json_key(j, "proposals");
    parley_json_array_begin(j);
    for (size_t p = 0; p < parley_scenario_proposal_count(s); p++) {
        const parley_proposal_t *pr = parley_scenario_proposal(s, p);
        parley_json_object_begin(j);
        parley_json_key(j, "id");
        parley_json_string(j, pr->id);
        parley_json_key(j, "name");
        parley_json_string(j, pr->name);
        parley_json_key(j, "positions");
        parley_json_object_begin(j);
        for (size_t i = 0; i < parley_scenario_issue_count(s); i++) {
            parley_json_key(j, parley_scenario_issue(s, i)->id);
            model_position(j, parley_scenario_issue(s, i), pr->positions[i]);
        }
        parley_json_object_end(j);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}

static void model_json(parley_buf_t *b, const parley_scenario_t *s)
{
    parley_json_t j;
    parley_json_init(&j, b, 1);
    parley_json_object_begin(&j);
    parley_json_key(&j, "scenario");
    parley_json_object_begin(&j);
    parley_json_key(&j, "id");
    parley_json_string(&j, parley_scenario_id(s));
    parley_json_key(&j, "name");
    parley_json_string(&j, parley_scenario_name(s));
    parley_json_key(&j, "hash");
    parley_json_string(&j, parley_scenario_hash(s));
    parley_json_key(&j, "linked");
    parley_json_bool(&j, parley_scenario_linked(s));
    parley_json_object_end(&j);
    parley_json_key(&j, "issues");
    parley_json_array_begin(&j);
    for (size_t i = 0; i < parley_scenario_issue_count(s); i++)
        model_issue(&j, parley_scenario_issue(s, i));
    parley_json_array_end(&j);
    model_actors(&j, s);
    model_proposals(&j, s);
    parley_json_object_end(&j);
}

static int run_model(const app_request_t *rq, const app_args_t *a, parley_ctx_t *ctx,
                     app_result_t *out)
{
    parley_scenario_t *s = load(rq, a, ctx, out);
    if (!s)
        return out->status;
    model_json(&out->result, s);
    no_charts(out);
    parley_scenario_destroy(s);
    return finish(ctx, PARLEY_OK, out);
}

/* ---- forecast */

static int run_forecast(const app_request_t *rq, const app_args_t *a, parley_ctx_t *ctx,
                        app_result_t *out)
{
    const char *model = app_arg(a, APP_O_MODEL), *salience = app_arg(a, APP_O_SMP_SALIENCE);
    fc_opt_values_t v;
    app_fc_values(a, &v);
    fc_run_t r = {0};
    parley_model_t models[PARLEY_MODEL_COUNT];
    parley_status_t rc = fc_cli_params(ctx, &v, &r.prm);
    if (!rc)
        rc = fc_cli_salience(ctx, salience);
    if (!rc)
        rc = fc_cli_models(ctx, model, models, &r.n_models);
    if (rc)
        return finish(ctx, rc, out);
    for (size_t m = 0; m < r.n_models; m++)
        r.models[m].model = models[m];
    r.trace = app_flag(a, APP_O_TRACE);
    r.nearest = app_flag(a, APP_O_NEAREST);
    parley_scenario_t *s = load(rq, a, ctx, out);
    if (!s)
        return out->status;
    r.s = s;
    rc = fc_smp_with_scenario(ctx, &v, salience, s, &r.prm.smp);
    if (!rc)
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

static int run_simulate(const app_request_t *rq, const app_args_t *a, parley_ctx_t *ctx,
                        app_result_t *out)
{
    sim_switches_t w;
    app_sim_switches(a, &w);
    parley_scenario_t *s = load(rq, a, ctx, out);
    if (!s)
        return out->status;
    parley_buf_t set; /* the set pairs as given, for the result's parameters */
    parley_buf_init(&set);
    app_set_list(a, &set);
    sim_run_t r = {.s = s, .set = set.data};
    parley_status_t rc = sim_run_setup(ctx, &w, &r);
    if (!rc)
        rc = sim_run_play(ctx, &r);
    if (!rc) {
        sim_render_json(&out->result, &r);
        sim_charts(&r, out);
    }
    sim_run_free(&r);
    parley_scenario_destroy(s);
    parley_buf_free(&set);
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

static int run_montecarlo(const app_request_t *rq, const app_args_t *args, parley_ctx_t *ctx,
                          app_result_t *out)
{
    mc_request_t a;
    app_mc_request(args, &a);
    parley_scenario_t *s = load(rq, args, ctx, out);
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

/* ---- sensitivity: `parley sensitivity --format json`, samples and threads
 * capped as montecarlo's. No charts: the page draws the tornado and the
 * Sobol indices from the result's "inputs". */

static int run_sensitivity(const app_request_t *rq, const app_args_t *args, parley_ctx_t *ctx,
                           app_result_t *out)
{
    sens_request_t a;
    app_sens_request(args, &a);
    uint64_t cap = rq->max_samples ? rq->max_samples : 1000000;
    unsigned tcap = rq->max_threads ? rq->max_threads : 1;
    parley_scenario_t *s = load(rq, args, ctx, out);
    if (!s)
        return out->status;
    parley_sens_options_t o;
    parley_sens_t *se = NULL;
    parley_status_t rc = sens_setup(ctx, &a, s, &o);
    if (!rc && o.mc.samples > cap)
        rc = parley_ctx_fail(ctx, PARLEY_EARG, "parameter 'samples' is at most %llu on this "
                             "server, not %llu", (unsigned long long)cap,
                             (unsigned long long)o.mc.samples);
    if (!rc && (o.mc.threads == 0 || o.mc.threads > tcap))
        o.mc.threads = tcap;
    if (!rc)
        rc = parley_sens_create(ctx, s, &o, &se);
    if (!rc)
        rc = sens_run(ctx, se, mc_progress, (void *)rq);
    if (!rc)
        rc = sens_render(ctx, &out->result, se, s, &o, 1);
    if (!rc)
        no_charts(out);
    parley_sens_destroy(se);
    parley_scenario_destroy(s);
    return finish(ctx, rc, out);
}

/* ---- sweep: `parley sweep --format json`, each point capped as a request
 * of its analysis would be. */

static void sweep_progress(void *arg, size_t done, size_t total)
{
    mc_progress(arg, done, total);
}

static int run_sweep(const app_request_t *rq, const app_args_t *args, parley_ctx_t *ctx,
                     app_result_t *out)
{
    sweep_t w;
    sweep_init(&w);
    const char *fixed[APP_MAX_SET];
    parley_status_t rc = sweep_setup(ctx, args, &w, fixed, 1);
    parley_scenario_t *s = NULL;
    if (!rc) {
        /* The scenario with the fixed overrides: its ids, hash and messages. */
        parley_override_t ov[APP_MAX_SET];
        for (size_t k = 0; k < w.n_fixed; k++)
            ov[k] = (parley_override_t){fixed[k], NULL};
        rc = parley_scenario_load_buffer_with(ctx, rq->name, rq->body ? rq->body : "", rq->len,
                                              ov, w.n_fixed, &s);
    }
    w.name = rq->name;
    w.max_memory_gib = rq->max_memory_gib;
    w.max_samples = rq->max_samples;
    w.progress = sweep_progress;
    w.progress_arg = (void *)rq;
    if (!rc)
        rc = sweep_run(ctx, &w, s, rq->body ? rq->body : "", rq->len);
    if (!rc) {
        sweep_render_json(&out->result, &w, s);
        no_charts(out);
    }
    sweep_free(&w);
    parley_scenario_destroy(s);
    return finish(ctx, rc, out);
}

/* ---- tree: the scenario as the loader's tree, every section (the page's
 * scenario editor edits it and writes YAML back). No parameters. */

static const app_opt_t TREE_OPTS[] = {
    {APP_O_COUNT, NULL, 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, 0, 0, NULL}};
static const app_group_t TREE_GROUPS[] = {{NULL, TREE_OPTS}, {NULL, NULL}};
static const app_cmd_t TREE_CMD = {"tree", "", "", "", "", 0, 0, "/api/tree", TREE_GROUPS, NULL};

static int run_tree(const app_request_t *rq, parley_ctx_t *ctx, app_result_t *out)
{
    parley_status_t st = parley_scenario_tree_json(ctx, rq->name, rq->body ? rq->body : "",
                                                   rq->len, &out->result);
    if (!st)
        no_charts(out);
    return finish(ctx, st, out);
}

static const app_cmd_t *kind_command(app_kind_t k)
{
    if (k == APP_TREE)
        return &TREE_CMD;
    return k == APP_MODEL ? &MODEL_CMD : app_command(app_kind_name(k));
}

int app_compute(const app_request_t *rq, app_result_t *out)
{
    parley_ctx_t *ctx = parley_ctx_create();
    if (!ctx)
        return fail(out, 500, "out of memory%s%s", "", "");
    out->status = 500;
    app_args_t *a = malloc(sizeof *a);
    parley_status_t st = !a ? PARLEY_ENOMEM
                            : app_parse_params(ctx, kind_command(rq->kind), rq->params,
                                               rq->n_params, app_server_param, a);
    if (st)
        finish(ctx, st, out);
    else if (rq->kind == APP_EVAL)
        run_eval(rq, a, ctx, out);
    else if (rq->kind == APP_SPACE)
        run_space(rq, a, out);
    else if (rq->kind == APP_FORECAST)
        run_forecast(rq, a, ctx, out);
    else if (rq->kind == APP_SIMULATE)
        run_simulate(rq, a, ctx, out);
    else if (rq->kind == APP_AMEND)
        run_amend(rq, a, out);
    else if (rq->kind == APP_TRADES)
        run_trades(rq, a, out);
    else if (rq->kind == APP_MODEL)
        run_model(rq, a, ctx, out);
    else if (rq->kind == APP_SENSITIVITY)
        run_sensitivity(rq, a, ctx, out);
    else if (rq->kind == APP_SWEEP)
        run_sweep(rq, a, ctx, out);
    else if (rq->kind == APP_TREE)
        run_tree(rq, ctx, out);
    else
        run_montecarlo(rq, a, ctx, out);
    free(a);
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
