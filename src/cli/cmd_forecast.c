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

/* The index of s in the NULL-terminated names (the first is the default). */
static int enum_opt(const char *cmd, const char *name, const char *s, const char *const *names,
                    int *out)
{
    for (int k = 0; s && names[k]; k++)
        if (strcmp(s, names[k]) == 0) {
            *out = k;
            return EXIT_OK;
        }
    if (!s)
        return EXIT_OK;
    parley_buf_t b;
    parley_buf_init(&b);
    for (int k = 0; names[k]; k++)
        parley_buf_printf(&b, "%s%s", k ? ", " : "", names[k]);
    int rc = cli_error(cmd, EXIT_USAGE, "%s must be one of %s; got '%s'", name,
                       b.data ? b.data : "", s);
    parley_buf_free(&b);
    return rc;
}

/* The SMP's options, in the orders of parley_smp_params_t's enums. */
static int smp_params(const char *cmd, const fc_opt_values_t *v, parley_smp_params_t *o)
{
#define W(opt) parley_smp_option_words(PARLEY_SMP_OPT_##opt)
    int e[9] = {(int)o->victory, (int)o->pce, (int)o->vote, (int)o->risk_adjust,
                (int)o->risk_range, (int)o->commit, (int)o->interp, (int)o->bargain,
                o->stochastic}, rc; /* absent options keep o's values */
    if ((rc = enum_opt(cmd, "--smp-victory", v->victory, W(VICTORY), &e[0])) ||
        (rc = enum_opt(cmd, "--smp-pce", v->pce, W(PCE), &e[1])) ||
        (rc = enum_opt(cmd, "--smp-voting", v->voting, W(VOTING), &e[2])) ||
        (rc = enum_opt(cmd, "--smp-risk-adjust", v->risk_adjust, W(RISK_ADJUST), &e[3])) ||
        (rc = enum_opt(cmd, "--smp-risk-range", v->risk_range, W(RISK_RANGE), &e[4])) ||
        (rc = enum_opt(cmd, "--smp-commit", v->commit, W(COMMIT), &e[5])) ||
        (rc = enum_opt(cmd, "--smp-interp", v->interp, W(INTERP), &e[6])) ||
        (rc = enum_opt(cmd, "--smp-bargain", v->bargain, W(BARGAIN), &e[7])) ||
        (rc = enum_opt(cmd, "--smp-mode", v->mode, W(MODE), &e[8])))
        return rc;
    o->victory = (parley_smp_victory_t)e[0];
    o->pce = (parley_smp_pce_t)e[1];
    o->vote = (parley_smp_vote_t)e[2];
    o->risk_adjust = (parley_smp_radj_t)e[3];
    o->risk_range = (parley_smp_rrange_t)e[4];
    o->commit = (parley_smp_commit_t)e[5];
    o->interp = (parley_smp_interp_t)e[6];
    o->bargain = (parley_smp_bargain_t)e[7];
    o->stochastic = e[8];
#undef W
    o->challenge_victory = o->challenge_victory || v->challenge_victory != NULL;
    if (v->seed) {
        char *end;
        errno = 0;
        unsigned long long s = strtoull(v->seed, &end, 10);
        if (!*v->seed || *end || errno || v->seed[0] == '-')
            return cli_error(cmd, EXIT_USAGE, "--seed must be a whole number, got '%s'", v->seed);
        o->seed = (uint64_t)s;
        o->stochastic = v->mode ? o->stochastic : 1; /* a seed asks for stochastic mode */
    }
    return EXIT_OK;
}

/* The SMP options of the scenario's `smp:` section, then those given on the
 * command line over them (already checked by fc_cli_params). */
static int smp_with_scenario(const fc_opt_values_t *v, const char *salience,
                             const parley_scenario_t *s, parley_smp_params_t *o)
{
    const char *const *SAL = parley_smp_option_words(PARLEY_SMP_OPT_SALIENCE);
    *o = parley_scenario_smp(s)->params;
    int k = (int)o->salience, rc = smp_params("forecast", v, o);
    if (!rc && !(rc = enum_opt("forecast", "--smp-salience", salience, SAL, &k)))
        o->salience = (parley_smp_salience_t)k;
    return rc;
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
    return smp_params(cmd, v, &p->smp);
}

int fc_cli_models(const char *cmd, const char *arg, parley_model_t *models, size_t *n)
{
    *n = 0;
    if (!arg || strcmp(arg, "all") == 0) {
        for (int m = 0; m < PARLEY_MODEL_PER_ISSUE; m++) /* the SMP only when asked for */
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
                     "eum, condorcet, exchange, smp (or all: every model but smp)", arg);
}

/* Room for cap rounds of the SMP's positions and chances. */
static parley_status_t grow_smp(size_t na, size_t ni, size_t cap, fc_model_run_t *out)
{
    double *p = realloc(out->pos, cap * (na * ni + 1) * sizeof *p);
    if (p)
        out->pos = p;
    double *q = p ? realloc(out->prob, cap * (na + 1) * sizeof *q) : NULL;
    if (!q)
        return PARLEY_ENOMEM;
    out->prob = q;
    return PARLEY_OK;
}

/* Keeps the SMP's positions and chances after round r. */
static void keep_smp(const parley_forecast_t *f, size_t na, size_t ni, unsigned r,
                     fc_model_run_t *out)
{
    for (size_t j = 0; j < ni; j++) {
        const double *x = parley_forecast_positions(f, j);
        for (size_t i = 0; i < na; i++)
            out->pos[((size_t)r * na + i) * ni + j] = x[i];
    }
    for (size_t i = 0; i < na; i++)
        out->prob[(size_t)r * na + i] = parley_forecast_probability(f, i);
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
            if (out->model == PARLEY_MODEL_SMP && (st = grow_smp(p->n_actors, ni, cap, out)))
                break;
        }
        for (size_t j = 0; j < ni; j++)
            out->traj[r * ni + j] = parley_forecast_value(f, j);
        if (out->model == PARLEY_MODEL_SMP)
            keep_smp(f, p->n_actors, ni, r, out);
        out->rounds = r;
        if (done)
            break;
        st = parley_forecast_step(ctx, f, &done);
    }
    parley_forecast_destroy(f);
    return st;
}

int fc_run_compute(parley_ctx_t *ctx, const parley_scenario_t *s, fc_run_t *r)
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
    return EXIT_OK;
}

void fc_run_free(fc_run_t *r)
{
    for (size_t m = 0; m < r->n_models; m++) {
        free(r->models[m].traj);
        free(r->models[m].pos);
        free(r->models[m].prob);
        r->models[m].traj = r->models[m].pos = r->models[m].prob = NULL;
    }
    free(r->participants);
    r->participants = NULL;
}

static int run(parley_ctx_t *ctx, const parley_scenario_t *s, fc_run_t *r, const char *fmt,
               const char *out, cli_archive_t *arc)
{
    int rc = fc_run_compute(ctx, s, r);
    if (rc)
        return rc;
    parley_buf_t b;
    parley_buf_init(&b);
    if (fmt && strcmp(fmt, "json") == 0)
        fc_render_json(&b, r);
    else if (fmt && strcmp(fmt, "csv") == 0)
        fc_render_csv(&b, r);
    else
        fc_render_text(&b, r);
    rc = cli_emit("forecast", ctx, &b, out);
    if (arc->store) { /* archived: the JSON result whatever was shown */
        b.len = 0;
        fc_render_json(&b, r);
        rc = cli_archive_save(arc, s, r->prm.smp.stochastic ? &r->prm.smp.seed : NULL, &b, rc);
    }
    parley_buf_free(&b);
    return rc;
}

int cmd_forecast(int argc, char **argv)
{
    const char *fmt = NULL, *out = NULL, *model = NULL, *trace = NULL, *salience = NULL;
    const char *db = NULL;
    fc_opt_values_t v = {0};
    const cli_opt_t opts[] = {
        {"--db", "FILE", &db},
        {"--format", "FORMAT", &fmt},   {"-o", "FILE", &out},        {"--output", "FILE", &out},
        {"--model", "ID", &model},      {"--trace", NULL, &trace},   {"--q", "Q", &v.q},
        {"--no-risk", NULL, &v.no_risk}, {"--offer", "RULE", &v.offer},
        {"--rounds", "N", &v.rounds},   {"--tol", "T", &v.tol},      {"--gamma", "G", &v.gamma},
        {"--nash-salience", NULL, &v.nash_salience},
        {"--smp-victory", "LAW", &v.victory},   {"--smp-pce", "PCE", &v.pce},
        {"--smp-voting", "RULE", &v.voting},    {"--smp-risk-adjust", "ADJ", &v.risk_adjust},
        {"--smp-risk-range", "RANGE", &v.risk_range}, {"--smp-commit", "TPC", &v.commit},
        {"--smp-interp", "INTERP", &v.interp},  {"--smp-bargain", "MODEL", &v.bargain},
        {"--smp-mode", "MODE", &v.mode},        {"--seed", "S", &v.seed},
        {"--smp-challenge-victory", NULL, &v.challenge_victory},
        {"--smp-salience", "RULE", &salience}, {NULL, NULL, NULL}};
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
    int sal = 0;
    const char *const *SAL = parley_smp_option_words(PARLEY_SMP_OPT_SALIENCE);
    if ((rc = fc_cli_params("forecast", &v, &r.prm)) ||
        (rc = enum_opt("forecast", "--smp-salience", salience, SAL, &sal)) ||
        (rc = fc_cli_models("forecast", model, models, &r.n_models)))
        return rc;
    for (size_t m = 0; m < r.n_models; m++)
        r.models[m].model = models[m];
    r.trace = trace != NULL;
    cli_archive_t arc;
    if ((rc = cli_archive_open(&arc, "forecast", db)))
        return rc;
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st = ctx ? parley_scenario_load_file(ctx, pos[0], &s) : PARLEY_ENOMEM;
    r.s = s;
    rc = st ? cli_fail("forecast", ctx, st)
            : smp_with_scenario(&v, salience, s, &r.prm.smp) ? EXIT_USAGE
                                                           : run(ctx, s, &r, fmt, out, &arc);
    cli_archive_close(&arc);
    fc_run_free(&r);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    return rc;
}
