/*
 * fuzz_opts.c — libFuzzer target for the declared-option parsers of every
 * command (src/app/opt.c): the first byte picks the command and the source
 * (a command line or API parameters), the rest is one argument (or one
 * key=value parameter) per line. What parses must hold values in their
 * declared ranges; a command line that parses must parse the same way as
 * API parameters (for the options the API takes); and the values then go
 * where the commands send them: the --set list is split and applied to a
 * small scenario, and the model, simulation, Monte Carlo, sensitivity and
 * space options are parsed by each analysis's own setup.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../src/app/args.h"
#include "../src/app/eval.h"
#include "../src/app/sweep.h"
#include "parley/parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 64

static const char TOY[] =
    "parley: 1\n"
    "actors:\n"
    "  - {id: A, capability: 1, batna: {dist: uniform, min: 0.2, max: 0.4}}\n"
    "  - {id: B, capability: 2, batna: 0.3}\n"
    "  - {id: C, capability: 1, batna: 0.1}\n"
    "issues:\n"
    "  - {id: cap, scale: {lo: 0, hi: 100}}\n"
    "  - {id: nato, options: [ban, consensus, open]}\n"
    "stances:\n"
    "  A: {cap: {ideal: 100, salience: 0.5}, nato: {ideal: open, salience: 1}}\n"
    "  B: {cap: {ideal: 0, salience: 0.4}, nato: {ideal: ban, salience: 0.8, red_line: [open]}}\n"
    "  C: {cap: {ideal: 40, salience: 0.4}, nato: {ideal: consensus, salience: 0.3}}\n"
    "proposals:\n"
    "  - {id: p1, positions: {cap: 60, nato: consensus}}\n";

static size_t n_commands(void)
{
    size_t n = 0;
    while (app_commands[n])
        n++;
    return n;
}

/* Every given value lies in its option's declared range. */
static void check_values(const app_args_t *a)
{
    for (const app_group_t *g = a->cmd->groups; g->opts; g++)
        for (const app_opt_t *o = g->opts; o->name; o++) {
            const app_val_t *v = &a->v[o->key];
            if (!v->given || (o->type == APP_FLAG && !v->word))
                continue;
            if (!v->text)
                abort();
            if ((o->type == APP_UINT || o->type == APP_REAL) &&
                !(v->num >= o->lo && v->num <= o->hi))
                abort();
            if (o->type == APP_WORD) {
                const char *const *w = app_opt_words(o);
                int n = 0;
                while (w[n])
                    n++;
                if (v->word < 0 || v->word >= n || strcmp(w[v->word], v->text) != 0)
                    abort();
            }
        }
    if (a->n_set > APP_MAX_SET || a->n_pos > APP_MAX_POS)
        abort();
}

/* The same values given as API parameters parse to the same values. */
static void same_as_api(const app_args_t *cli)
{
    app_param_t p[APP_O_COUNT + APP_MAX_SET];
    size_t n = 0;
    for (const app_group_t *g = cli->cmd->groups; g->opts; g++)
        for (const app_opt_t *o = g->opts; o->name; o++) {
            const app_val_t *v = &cli->v[o->key];
            if (!(o->where & APP_API) || !v->given)
                continue;
            if (o->type == APP_SET)
                for (size_t k = 0; k < cli->n_set; k++)
                    p[n++] = (app_param_t){o->name, cli->set[k]};
            else
                p[n++] = (app_param_t){o->name, o->type == APP_FLAG ? "1" : v->text};
        }
    parley_ctx_t *ctx = parley_ctx_create();
    app_args_t *api = malloc(sizeof *api);
    if (!ctx || !api)
        abort();
    if (app_parse_params(ctx, cli->cmd, p, n, NULL, api) != PARLEY_OK)
        abort(); /* the API refuses what the command line took */
    for (size_t k = 0; k < n; k++) {
        const app_opt_t *o = NULL;
        for (const app_group_t *g = cli->cmd->groups; g->opts && !o; g++)
            for (const app_opt_t *x = g->opts; x->name && !o; x++)
                if ((x->where & APP_API) && !strcmp(x->name, p[k].key))
                    o = x;
        const app_val_t *a = &cli->v[o->key], *b = &api->v[o->key];
        if (a->word != b->word || a->u != b->u || !(a->num == b->num || (isnan(a->num) && isnan(b->num))) ||
            strcmp(a->text, b->text) != 0)
            abort();
    }
    if (api->n_set != cli->n_set)
        abort();
    free(api);
    parley_ctx_destroy(ctx);
}

/* Each analysis's own parsing of the values, on the small scenario. */
static void downstream(parley_ctx_t *ctx, const app_args_t *a, const parley_scenario_t *s)
{
    const char *name = a->cmd->name;
    if (!strcmp(name, "forecast") || !strcmp(name, "backtest")) {
        fc_opt_values_t v;
        app_fc_values(a, &v);
        parley_fc_params_t prm;
        parley_model_t models[PARLEY_MODEL_COUNT];
        size_t nm;
        if (fc_cli_params(ctx, &v, &prm) == PARLEY_OK &&
            fc_cli_salience(ctx, app_arg(a, APP_O_SMP_SALIENCE)) == PARLEY_OK &&
            fc_cli_models(ctx, app_arg(a, APP_O_MODEL), models, &nm) == PARLEY_OK) {
            if (nm == 0 || nm > PARLEY_MODEL_COUNT)
                abort();
            fc_smp_with_scenario(ctx, &v, app_arg(a, APP_O_SMP_SALIENCE), s, &prm.smp);
        }
    } else if (!strcmp(name, "simulate")) {
        sim_switches_t w;
        app_sim_switches(a, &w);
        sim_run_t r = {.s = s};
        sim_run_setup(ctx, &w, &r);
        sim_run_free(&r);
    } else if (!strcmp(name, "montecarlo")) {
        mc_request_t q;
        app_mc_request(a, &q);
        mc_limits_t lim;
        mc_limits_cli(&lim);
        sim_run_t sr;
        memset(&sr, 0, sizeof sr);
        parley_mc_options_t o;
        mc_setup(ctx, &q, &lim, s, &sr, &o);
        sim_run_free(&sr);
    } else if (!strcmp(name, "sensitivity")) {
        sens_request_t q;
        app_sens_request(a, &q);
        parley_sens_options_t o;
        sens_setup(ctx, &q, s, &o);
    } else if (!strcmp(name, "eval")) {
        eval_run_t r;
        if (eval_run_select(ctx, &r, s, app_arg(a, APP_O_PROPOSAL)) == PARLEY_OK)
            eval_run_free(&r);
    } else if (!strcmp(name, "sweep")) { /* the ranges: each parsed axis holds its limits */
        for (size_t k = 0; k < a->n_set; k++) {
            sweep_axis_t ax;
            char msg[700], v[64];
            int r = sweep_axis_parse(a->set[k], &ax, msg, sizeof msg);
            if (r < 0 && !msg[0])
                abort(); /* a refusal says why */
            if (r > 0 && (ax.n < 1 || ax.n > SWEEP_MAX_AXIS || !(ax.step > 0.0) || ax.to < ax.from))
                abort();
            if (r > 0)
                sweep_axis_value(&ax, ax.n - 1, v, sizeof v);
        }
    } else if ((!strcmp(name, "space") || !strcmp(name, "amend") || !strcmp(name, "trades")) &&
               (!app_given(a, APP_O_GRID) || a->v[APP_O_GRID].u <= 64)) {
        space_args_t sa;
        app_space_args(a, &sa);
        sa.out = NULL; /* never write a file */
        sa.db = NULL;
        space_job_t j;
        if (space_job_open_buffer(&j, name, &sa, "toy.yaml", TOY, sizeof TOY - 1, 10) &&
            j.ctx && !*parley_ctx_message(j.ctx))
            abort(); /* a refusal says why */
        space_job_close(&j);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    const app_cmd_t *cmd = app_commands[data[0] % n_commands()];
    int api = data[0] & 0x80;
    char *text = malloc(size);
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    char *argv[MAX_ARGS + 1];
    app_param_t p[MAX_ARGS];
    int argc = 0;
    argv[argc++] = (char *)cmd->name;
    for (char *line = text; line && argc < MAX_ARGS;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (api) {
            char *eq = strchr(line, '=');
            if (eq)
                *eq = '\0';
            p[argc - 1] = (app_param_t){line, eq ? eq + 1 : NULL};
        }
        argv[argc++] = line;
        line = nl ? nl + 1 : NULL;
    }
    argv[argc] = NULL;
    parley_ctx_t *ctx = parley_ctx_create();
    app_args_t *a = malloc(sizeof *a);
    parley_status_t st = api ? app_parse_params(ctx, cmd, p, (size_t)argc - 1, NULL, a)
                             : app_parse_argv(ctx, cmd, argc, argv, a);
    if (getenv("FUZZ_VERBOSE")) /* each input's outcome, to check the seeds reach past parsing */
        fprintf(stderr, "%s %s: %d %s\n", api ? "api" : "cli", cmd->name, (int)st,
                parley_ctx_message(ctx));
    if (st == PARLEY_EARG && !*parley_ctx_message(ctx))
        abort(); /* a refusal names the option */
    if (st == PARLEY_OK) {
        check_values(a);
        if (!api && cmd->api)
            same_as_api(a);
        parley_scenario_t *s = NULL;
        if (app_load_buffer(ctx, a, "toy.yaml", TOY, sizeof TOY - 1, &s) == PARLEY_OK) {
            downstream(ctx, a, s);
            if (getenv("FUZZ_VERBOSE"))
                fprintf(stderr, "  downstream: %s\n", parley_ctx_message(ctx));
            parley_scenario_destroy(s);
        } else if (!*parley_ctx_message(ctx)) {
            abort();
        }
    } else if (st != PARLEY_EARG && st != APP_HELP) {
        abort();
    }
    free(a);
    parley_ctx_destroy(ctx);
    free(text);
    return 0;
}
