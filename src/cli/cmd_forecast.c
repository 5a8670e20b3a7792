/*
 * cmd_forecast.c — `parley forecast FILE`: runs the chosen forecasting
 * models on the problem the scenario poses, recording each model's
 * forecast after every round, and hands the result to a writer
 * (forecast_out.c). Also parses the model options `backtest` shares.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "forecast_run.h"

static int number_opt(const char *cmd, const char *name, const char *s, double lo, double hi,
                      double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (!*s || *end || errno || !(v >= lo && v <= hi))
        return cli_error(cmd, EXIT_USAGE, "%s must be a number from %g to %g, got '%s'", name, lo,
                         hi, s);
    *out = v;
    return EXIT_OK;
}

int fc_cli_params(const char *cmd, const fc_opt_values_t *v, parley_fc_params_t *p)
{
    parley_fc_params_init(p);
    double rounds = 0;
    int rc;
    if ((v->q && (rc = number_opt(cmd, "--q", v->q, 0, 1, &p->q))) ||
        (v->tol && (rc = number_opt(cmd, "--tol", v->tol, 0, 0.5, &p->tol))) ||
        (v->gamma && (rc = number_opt(cmd, "--gamma", v->gamma, 1, 10, &p->gamma))))
        return rc;
    if (v->rounds) {
        if ((rc = number_opt(cmd, "--rounds", v->rounds, 0, 100000, &rounds)))
            return rc;
        if (rounds != floor(rounds))
            return cli_error(cmd, EXIT_USAGE, "--rounds must be a whole number, got '%s'",
                             v->rounds);
        p->max_rounds = (unsigned)rounds;
    }
    if (v->offer && strcmp(v->offer, "least") == 0)
        p->offer = PARLEY_EUM_OFFER_LEAST;
    else if (v->offer && strcmp(v->offer, "strongest") == 0)
        p->offer = PARLEY_EUM_OFFER_STRONGEST;
    else if (v->offer)
        return cli_error(cmd, EXIT_USAGE, "--offer must be least or strongest, got '%s'", v->offer);
    p->risk = v->no_risk == NULL;
    p->nash_salience = v->nash_salience != NULL;
    return EXIT_OK;
}

int fc_cli_models(const char *cmd, const char *arg, parley_model_t *models, size_t *n)
{
    *n = 0;
    if (!arg || strcmp(arg, "all") == 0) {
        for (int m = 0; m < PARLEY_MODEL_COUNT; m++)
            models[(*n)++] = (parley_model_t)m;
        return EXIT_OK;
    }
    if (parley_model_from_name(arg, &models[0]) == PARLEY_OK) {
        *n = 1;
        return EXIT_OK;
    }
    const char *names[PARLEY_MODEL_COUNT];
    for (int m = 0; m < PARLEY_MODEL_COUNT; m++)
        names[m] = parley_model_name((parley_model_t)m);
    const char *hint = parley_suggest(arg, names, PARLEY_MODEL_COUNT);
    if (hint)
        return cli_error(cmd, EXIT_USAGE, "no model '%s' (did you mean '%s'?)", arg, hint);
    return cli_error(cmd, EXIT_USAGE, "no model '%s'; the models are compromise, median, nash, "
                     "eum, condorcet, exchange (or all)", arg);
}

/* Runs one model to the end, keeping the forecast of every round. */
static parley_status_t run_model(parley_ctx_t *ctx, const parley_fc_problem_t *p,
                                 const parley_fc_params_t *prm, fc_model_run_t *out)
{
    parley_forecast_t *f = NULL;
    parley_status_t st = parley_forecast_create(ctx, p, out->model, prm, &f);
    size_t ni = p->n_issues, cap = 0;
    int done = f ? parley_forecast_done(f) : 1;
    for (unsigned r = 0; !st; r++) {
        if (r + 1 > cap) {
            cap = cap ? 2 * cap : 8;
            double *t = realloc(out->traj, cap * (ni ? ni : 1) * sizeof *t);
            if (!t) {
                st = PARLEY_ENOMEM;
                break;
            }
            out->traj = t;
        }
        for (size_t j = 0; j < ni; j++)
            out->traj[r * ni + j] = parley_forecast_value(f, j);
        out->rounds = r;
        if (done)
            break;
        st = parley_forecast_step(ctx, f, &done);
    }
    parley_forecast_destroy(f);
    return st;
}

static int run(parley_ctx_t *ctx, const parley_scenario_t *s, fc_run_t *r, const char *fmt,
               const char *out)
{
    parley_fc_problem_t p;
    parley_status_t st = parley_fc_problem_from_scenario(ctx, s, &p);
    if (st)
        return cli_fail("forecast", ctx, st);
    r->participants = calloc(p.n_issues + 1, sizeof *r->participants);
    for (size_t j = 0; r->participants && j < p.n_issues; j++)
        for (size_t i = 0; i < p.n_actors; i++)
            r->participants[j] += isnan(p.position[i * p.n_issues + j]) ? 0u : 1u;
    st = r->participants ? PARLEY_OK : PARLEY_ENOMEM;
    for (size_t m = 0; m < r->n_models && !st; m++)
        st = run_model(ctx, &p, &r->prm, &r->models[m]);
    parley_fc_problem_free(&p);
    if (st)
        return st == PARLEY_ENOMEM ? cli_error("forecast", EXIT_INTERNAL, "out of memory")
                                   : cli_fail("forecast", ctx, st);
    parley_buf_t b;
    parley_buf_init(&b);
    if (fmt && strcmp(fmt, "json") == 0)
        fc_render_json(&b, r);
    else if (fmt && strcmp(fmt, "csv") == 0)
        fc_render_csv(&b, r);
    else
        fc_render_text(&b, r);
    int rc = cli_emit("forecast", ctx, &b, out);
    parley_buf_free(&b);
    return rc;
}

int cmd_forecast(int argc, char **argv)
{
    const char *fmt = NULL, *out = NULL, *model = NULL, *trace = NULL;
    fc_opt_values_t v = {0};
    const cli_opt_t opts[] = {
        {"--format", "FORMAT", &fmt},   {"-o", "FILE", &out},        {"--output", "FILE", &out},
        {"--model", "ID", &model},      {"--trace", NULL, &trace},   {"--q", "Q", &v.q},
        {"--no-risk", NULL, &v.no_risk}, {"--offer", "RULE", &v.offer},
        {"--rounds", "N", &v.rounds},   {"--tol", "T", &v.tol},      {"--gamma", "G", &v.gamma},
        {"--nash-salience", NULL, &v.nash_salience}, {NULL, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("forecast", argc, argv, opts, pos, 1, &npos);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    if (npos != 1)
        return cli_error("forecast", EXIT_USAGE, "needs a scenario FILE; see 'parley help forecast'");
    if (fmt && strcmp(fmt, "text") && strcmp(fmt, "table") && strcmp(fmt, "json") &&
        strcmp(fmt, "csv"))
        return cli_error("forecast", EXIT_USAGE, "--format must be text, json or csv, got '%s'",
                         fmt);
    fc_run_t r = {0};
    parley_model_t models[PARLEY_MODEL_COUNT];
    if ((rc = fc_cli_params("forecast", &v, &r.prm)) ||
        (rc = fc_cli_models("forecast", model, models, &r.n_models)))
        return rc;
    for (size_t m = 0; m < r.n_models; m++)
        r.models[m].model = models[m];
    r.trace = trace != NULL;
    parley_ctx_t *ctx = parley_ctx_create();
    if (!ctx)
        return cli_error("forecast", EXIT_INTERNAL, "out of memory");
    parley_scenario_t *s = NULL;
    parley_status_t st = parley_scenario_load_file(ctx, pos[0], &s);
    r.s = s;
    rc = st ? cli_fail("forecast", ctx, st) : run(ctx, s, &r, fmt, out);
    for (size_t m = 0; m < r.n_models; m++)
        free(r.models[m].traj);
    free(r.participants);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    return rc;
}
