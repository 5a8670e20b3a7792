/*
 * forecast.c — the forecasting models of `parley forecast`, `backtest`,
 * `montecarlo` and the API: the model options parsed from their strings,
 * and each chosen model run to the end on the problem the scenario poses,
 * recording its forecast after every round (written by forecast_out.c).
 */
#include <stdio.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "forecast.h"

static parley_status_t number_opt(parley_ctx_t *ctx, const char *name, const char *s, double lo,
                                  double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (!*s || *end || errno || !(v >= lo && v <= hi))
        return parley_ctx_fail(ctx, PARLEY_EARG, "%s must be a number from %g to %g, got '%s'",
                               name, lo, hi, s);
    *out = v;
    return PARLEY_OK;
}

/* The index of s in the NULL-terminated names (the first is the default). */
static parley_status_t enum_opt(parley_ctx_t *ctx, const char *name, const char *s,
                                const char *const *names, int *out)
{
    for (int k = 0; s && names[k]; k++)
        if (strcmp(s, names[k]) == 0) {
            *out = k;
            return PARLEY_OK;
        }
    if (!s)
        return PARLEY_OK;
    parley_buf_t b;
    parley_buf_init(&b);
    for (int k = 0; names[k]; k++)
        parley_buf_printf(&b, "%s%s", k ? ", " : "", names[k]);
    parley_status_t rc = parley_ctx_fail(ctx, PARLEY_EARG, "%s must be one of %s; got '%s'", name,
                                         b.data ? b.data : "", s);
    parley_buf_free(&b);
    return rc;
}

/* The SMP's options, in the orders of parley_smp_params_t's enums. */
static parley_status_t smp_params(parley_ctx_t *ctx, const fc_opt_values_t *v,
                                  parley_smp_params_t *o)
{
#define W(opt) parley_smp_option_words(PARLEY_SMP_OPT_##opt)
    int e[9] = {(int)o->victory, (int)o->pce, (int)o->vote, (int)o->risk_adjust,
                (int)o->risk_range, (int)o->commit, (int)o->interp, (int)o->bargain,
                o->stochastic}; /* absent options keep o's values */
    parley_status_t rc;
    if ((rc = enum_opt(ctx, "--smp-victory", v->victory, W(VICTORY), &e[0])) ||
        (rc = enum_opt(ctx, "--smp-pce", v->pce, W(PCE), &e[1])) ||
        (rc = enum_opt(ctx, "--smp-voting", v->voting, W(VOTING), &e[2])) ||
        (rc = enum_opt(ctx, "--smp-risk-adjust", v->risk_adjust, W(RISK_ADJUST), &e[3])) ||
        (rc = enum_opt(ctx, "--smp-risk-range", v->risk_range, W(RISK_RANGE), &e[4])) ||
        (rc = enum_opt(ctx, "--smp-commit", v->commit, W(COMMIT), &e[5])) ||
        (rc = enum_opt(ctx, "--smp-interp", v->interp, W(INTERP), &e[6])) ||
        (rc = enum_opt(ctx, "--smp-bargain", v->bargain, W(BARGAIN), &e[7])) ||
        (rc = enum_opt(ctx, "--smp-mode", v->mode, W(MODE), &e[8])))
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
    o->group_probability = o->group_probability || v->group_probability != NULL;
    if (v->seed) {
        char *end;
        errno = 0;
        unsigned long long s = strtoull(v->seed, &end, 10);
        if (!*v->seed || *end || errno || v->seed[0] == '-')
            return parley_ctx_fail(ctx, PARLEY_EARG, "--seed must be a whole number, got '%s'",
                                   v->seed);
        o->seed = (uint64_t)s;
        o->stochastic = v->mode ? o->stochastic : 1; /* a seed asks for stochastic mode */
    }
    return PARLEY_OK;
}

parley_status_t fc_smp_with_scenario(parley_ctx_t *ctx, const fc_opt_values_t *v,
                                     const char *salience, const parley_scenario_t *s,
                                     parley_smp_params_t *o)
{
    const char *const *SAL = parley_smp_option_words(PARLEY_SMP_OPT_SALIENCE);
    *o = parley_scenario_smp(s)->params;
    int k = (int)o->salience;
    parley_status_t rc = smp_params(ctx, v, o);
    if (!rc && !(rc = enum_opt(ctx, "--smp-salience", salience, SAL, &k)))
        o->salience = (parley_smp_salience_t)k;
    return rc;
}

parley_status_t fc_cli_salience(parley_ctx_t *ctx, const char *salience)
{
    int k = 0;
    return enum_opt(ctx, "--smp-salience", salience,
                    parley_smp_option_words(PARLEY_SMP_OPT_SALIENCE), &k);
}

parley_status_t fc_cli_params(parley_ctx_t *ctx, const fc_opt_values_t *v, parley_fc_params_t *p)
{
    parley_fc_params_init(p);
    double rounds = 0;
    parley_status_t rc;
    if ((v->q && (rc = number_opt(ctx, "--q", v->q, 0, 1, &p->q))) ||
        (v->tol && (rc = number_opt(ctx, "--tol", v->tol, 0, 0.5, &p->tol))) ||
        (v->gamma && (rc = number_opt(ctx, "--gamma", v->gamma, 1, 10, &p->gamma))))
        return rc;
    if (v->rounds) {
        if ((rc = number_opt(ctx, "--rounds", v->rounds, 0, 100000, &rounds)))
            return rc;
        if (rounds != floor(rounds))
            return parley_ctx_fail(ctx, PARLEY_EARG, "--rounds must be a whole number, got '%s'",
                                   v->rounds);
        p->max_rounds = (unsigned)rounds;
    }
    if (v->offer && strcmp(v->offer, "least") == 0)
        p->offer = PARLEY_EUM_OFFER_LEAST;
    else if (v->offer && strcmp(v->offer, "strongest") == 0)
        p->offer = PARLEY_EUM_OFFER_STRONGEST;
    else if (v->offer)
        return parley_ctx_fail(ctx, PARLEY_EARG, "--offer must be least or strongest, got '%s'",
                               v->offer);
    static const char *const CONFLICT[] = {"yield", "none", NULL};
    static const char *const SECURITY[] = {"all", "distinct", NULL};
    int conflict = 0, security = 0;
    if ((rc = enum_opt(ctx, "--eum-conflict", v->conflict, CONFLICT, &conflict)) ||
        (rc = enum_opt(ctx, "--eum-security", v->security, SECURITY, &security)) ||
        (v->tie_tol && (rc = number_opt(ctx, "--eum-tie-tol", v->tie_tol, 0, 0.001, &p->tie_tol))))
        return rc;
    p->conflict = (parley_eum_conflict_t)conflict;
    p->security = (parley_eum_security_t)security;
    p->risk = v->no_risk == NULL;
    p->nash_salience = v->nash_salience != NULL;
    return smp_params(ctx, v, &p->smp);
}

parley_status_t fc_cli_models(parley_ctx_t *ctx, const char *arg, parley_model_t *models,
                              size_t *n)
{
    *n = 0;
    if (!arg || strcmp(arg, "all") == 0) {
        for (int m = 0; m < PARLEY_MODEL_PER_ISSUE; m++) /* the SMP only when asked for */
            models[(*n)++] = (parley_model_t)m;
        return PARLEY_OK;
    }
    if (parley_model_from_name(arg, &models[0]) == PARLEY_OK) {
        *n = 1;
        return PARLEY_OK;
    }
    const char *names[PARLEY_MODEL_COUNT];
    for (int m = 0; m < PARLEY_MODEL_COUNT; m++)
        names[m] = parley_model_name((parley_model_t)m);
    const char *hint = parley_suggest(arg, names, PARLEY_MODEL_COUNT);
    if (hint)
        return parley_ctx_fail(ctx, PARLEY_EARG, "no model '%s' (did you mean '%s'?)", arg, hint);
    return parley_ctx_fail(ctx, PARLEY_EARG,
                           "no model '%s'; the models are compromise, median, nash, eum, "
                           "condorcet, exchange, smp (or all: every model but smp)", arg);
}

/* Room for cap rounds of the SMP's positions and chances. */
static parley_status_t grow_smp(size_t na, size_t ni, size_t cap, fc_model_run_t *out)
{
    double *p = realloc(out->pos, cap * (na * ni + 1) * sizeof *p);
    if (p)
        out->pos = p;
    double *q = p ? realloc(out->prob, cap * (na + 1) * sizeof *q) : NULL;
    if (q)
        out->prob = q;
    size_t *t = q ? realloc(out->turn, cap * (3 * na + 1) * sizeof *t) : NULL;
    if (!t)
        return PARLEY_ENOMEM;
    out->turn = t;
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
    for (size_t i = 0; i < na; i++) {
        size_t *t = out->turn + ((size_t)r * na + i) * 3;
        out->prob[(size_t)r * na + i] = parley_forecast_probability(f, i);
        parley_forecast_smp_turn(f, i, &t[0], &t[1], &t[2]);
    }
}

int fc_iterative(parley_model_t m)
{
    return m == PARLEY_MODEL_EUM || m == PARLEY_MODEL_CONDORCET || m == PARLEY_MODEL_EXCHANGE ||
           m == PARLEY_MODEL_SMP;
}

size_t fc_unconverged(const fc_model_run_t *mr, size_t ni)
{
    size_t n = 0;
    for (size_t j = 0; j < ni; j++)
        n += mr->stop[j] != PARLEY_FC_CONVERGED;
    return n;
}

/* Keeps how each issue of f stopped. */
static parley_status_t keep_stops(const parley_forecast_t *f, size_t ni, fc_model_run_t *out)
{
    out->stop = malloc((ni + 1) * sizeof *out->stop);
    out->irounds = malloc(2 * (ni + 1) * sizeof *out->irounds);
    out->cycle = malloc((ni * PARLEY_FC_CYCLE_MAX + 1) * sizeof *out->cycle);
    if (!out->stop || !out->irounds || !out->cycle)
        return PARLEY_ENOMEM;
    out->period = out->irounds + ni + 1;
    for (size_t j = 0; j < ni; j++) {
        out->stop[j] = parley_forecast_stop(f, j);
        out->irounds[j] = parley_forecast_issue_rounds(f, j);
        out->period[j] = parley_forecast_period(f, j);
        const double *c = parley_forecast_cycle(f, j);
        for (unsigned q = 0; c && q < out->period[j]; q++)
            out->cycle[j * PARLEY_FC_CYCLE_MAX + q] = c[q];
    }
    return PARLEY_OK;
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
    if (!st)
        st = keep_stops(f, ni, out);
    parley_forecast_destroy(f);
    return st;
}

parley_status_t fc_run_compute(parley_ctx_t *ctx, const parley_scenario_t *s, fc_run_t *r)
{
    parley_fc_problem_t p;
    parley_status_t st = parley_fc_problem_from_scenario(ctx, s, &p);
    if (st)
        return st;
    r->participants = calloc(p.n_issues + 1, sizeof *r->participants);
    for (size_t j = 0; r->participants && j < p.n_issues; j++)
        for (size_t i = 0; i < p.n_actors; i++)
            r->participants[j] += isnan(p.position[i * p.n_issues + j]) ? 0u : 1u;
    st = r->participants ? PARLEY_OK : PARLEY_ENOMEM;
    for (size_t m = 0; m < r->n_models && !st; m++)
        if (!(st = run_model(ctx, &p, &r->prm, &r->models[m])) &&
            !(st = fc_check_model(s, &r->models[m])) && r->nearest)
            st = fc_nearest_model(ctx, s, r->grid ? r->grid : 11, &r->models[m]);
    parley_fc_problem_free(&p);
    if (st == PARLEY_ENOMEM)
        return parley_ctx_fail(ctx, PARLEY_ENOMEM, "out of memory");
    return st;
}

void fc_run_free(fc_run_t *r)
{
    for (size_t m = 0; m < r->n_models; m++) {
        free(r->models[m].traj);
        free(r->models[m].pos);
        free(r->models[m].prob);
        free(r->models[m].turn);
        r->models[m].turn = NULL;
        r->models[m].traj = r->models[m].pos = r->models[m].prob = NULL;
        fc_check_free(&r->models[m]);
        fc_nearest_free(&r->models[m]);
        free(r->models[m].stop);
        free(r->models[m].irounds);
        free(r->models[m].cycle);
        r->models[m].stop = NULL;
        r->models[m].irounds = r->models[m].period = NULL;
        r->models[m].cycle = NULL;
    }
    free(r->participants);
    r->participants = NULL;
}
