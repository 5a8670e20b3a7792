/*
 * mode_fc.c — Monte Carlo over the forecasting models: for each draw the
 * problem the scenario poses is rebuilt and every chosen model run to the
 * end; each model's forecast of each issue is counted on the issue's
 * scale, and for a discrete issue also as the nearest option. With
 * constraints, each forecast read as a package (the nearest option, the
 * scale clipped) is checked against them: the models ignore linkage, so
 * how often their forecast is no package at all is an outcome to count.
 */
#include <math.h>
#include <stdio.h>
#include "mcint.h"
#include "parley/utility.h"

typedef struct fc_state {
    double *value; /* n_models x n_issues */
    double *pkg;   /* n_issues: one forecast as a package */
    unsigned char *kept; /* n_models: the constraints at it (mc_outcome_t.kept) */
} fc_state_t;

static parley_status_t fc_open(mc_worker_t *w)
{
    size_t ni = parley_scenario_issue_count(w->s);
    fc_state_t *st = parley__calloc(1, sizeof *st);
    if (st) {
        st->value = parley__calloc(w->o->n_models * ni + 1, sizeof *st->value);
        st->pkg = parley__calloc(ni + 1, sizeof *st->pkg);
        st->kept = parley__calloc(w->o->n_models + 1, 1);
    }
    w->state = st;
    if (!st || !st->value || !st->pkg || !st->kept)
        return parley__fail(w->ctx, PARLEY_ENOMEM, "montecarlo: out of memory");
    return PARLEY_OK;
}

static void fc_close(mc_worker_t *w)
{
    fc_state_t *st = w->state;
    if (st) {
        parley__free(st->value);
        parley__free(st->pkg);
        parley__free(st->kept);
    }
    parley__free(st);
    w->state = NULL;
}

static int has_constraints(const parley_scenario_t *s)
{
    for (size_t k = 0; k < parley_scenario_rule_count(s); k++)
        if (parley_scenario_rule(s, k)->actor == (size_t)-1)
            return 1;
    return 0;
}

/* Forecast f of issue j as a package position: a discrete issue's nearest
 * option, a scale position clipped to the scale, open when nobody takes
 * part (as `forecast` checks it). */
static double as_position(const parley_issue_t *is, double f)
{
    if (isnan(f))
        return PARLEY_OPEN;
    if (is->kind == PARLEY_ISSUE_DISCRETE) {
        double k = floor(f + 0.5), top = (double)(is->n_options - 1);
        return k < 0.0 ? 0.0 : k > top ? top : k;
    }
    return f < is->lo ? is->lo : f > is->hi ? is->hi : f;
}

/* 0: keeps every constraint, 1: breaks one, 2: an open issue decides. */
static unsigned char constraints_at(const parley_scenario_t *s, const double *pkg)
{
    if (parley_broken_rule(s, (size_t)-1, pkg, 0) != (size_t)-1)
        return 1;
    for (size_t k = 0; k < parley_scenario_rule_count(s); k++)
        if (parley_scenario_rule(s, k)->actor == (size_t)-1 &&
            parley_rule_broken(s, k, pkg) == PARLEY_UNDECIDED)
            return 2;
    return 0;
}

static void check_constraints(const parley_scenario_t *s, size_t n_models, fc_state_t *st)
{
    size_t ni = parley_scenario_issue_count(s);
    for (size_t m = 0; m < n_models; m++) {
        for (size_t j = 0; j < ni; j++)
            st->pkg[j] = as_position(parley_scenario_issue(s, j), st->value[m * ni + j]);
        st->kept[m] = constraints_at(s, st->pkg);
    }
}

static parley_status_t fc_eval(mc_worker_t *w, mc_outcome_t *out)
{
    fc_state_t *st = w->state;
    parley_fc_problem_t p;
    parley_status_t s = parley_fc_problem_from_scenario(w->ctx, w->s, &p);
    if (s)
        return s;
    size_t ni = p.n_issues;
    for (size_t m = 0; m < w->o->n_models && !s; m++) {
        parley_forecast_t *f = NULL;
        s = parley_forecast_create(w->ctx, &p, w->o->models[m], &w->o->fc, &f);
        if (!s)
            s = parley_forecast_run(w->ctx, f);
        for (size_t j = 0; !s && j < ni; j++)
            st->value[m * ni + j] = parley_forecast_value(f, j);
        parley_forecast_destroy(f);
    }
    parley_fc_problem_free(&p);
    out->forecast = st->value;
    if (!s && has_constraints(w->s)) {
        check_constraints(w->s, w->o->n_models, st);
        out->kept = st->kept;
    }
    return s;
}

/* Per model, "forecast.MODEL.constraints": kept / broken / undecided. */
static parley_status_t layout_constraints(const parley_scenario_t *s,
                                          const parley_mc_options_t *o, mc_layout_t *L)
{
    static const char *const STATE[] = {"kept", "broken", "undecided"};
    char key[256];
    (void)s;
    for (size_t m = 0; m < o->n_models; m++) {
        parley_mc_stat_t p = {.group = PARLEY_MCG_FORECAST_CONSTRAINTS,
                              .kind = PARLEY_MC_CATEGORIES, .actor = (size_t)-1,
                              .issue = (size_t)-1, .model = (int)o->models[m],
                              .n_categories = 3, .names = STATE};
        snprintf(key, sizeof key, "forecast.%s.constraints", parley_model_name(o->models[m]));
        size_t k = parley__mc_add_stat(L, &p, key);
        if (k == (size_t)-1)
            return PARLEY_ENOMEM;
        if (m == 0)
            L->at[PARLEY_MCG_FORECAST_CONSTRAINTS] = k;
    }
    return PARLEY_OK;
}

static parley_status_t fc_layout(const parley_scenario_t *s, const parley_mc_options_t *o,
                                 mc_layout_t *L)
{
    size_t ni = parley_scenario_issue_count(s);
    char key[256];
    L->fc_option = parley__calloc(o->n_models * ni + 1, sizeof *L->fc_option);
    if (!L->fc_option)
        return PARLEY_ENOMEM;
    for (size_t m = 0; m < o->n_models; m++)
        for (size_t j = 0; j < ni; j++) {
            const parley_issue_t *is = parley_scenario_issue(s, j);
            const char *model = parley_model_name(o->models[m]);
            parley_mc_stat_t p = {.group = PARLEY_MCG_FORECAST, .kind = PARLEY_MC_VALUES,
                                  .actor = (size_t)-1, .issue = j, .model = (int)o->models[m],
                                  .lo = is->lo, .hi = is->hi};
            snprintf(key, sizeof key, "forecast.%s.%s", model, is->id);
            size_t k = parley__mc_add_stat(L, &p, key);
            if (k == (size_t)-1)
                return PARLEY_ENOMEM;
            if (m == 0 && j == 0)
                L->at[PARLEY_MCG_FORECAST] = k;
        }
    for (size_t m = 0; m < o->n_models; m++)
        for (size_t j = 0; j < ni; j++) {
            const parley_issue_t *is = parley_scenario_issue(s, j);
            L->fc_option[m * ni + j] = (size_t)-1;
            if (is->kind != PARLEY_ISSUE_DISCRETE)
                continue;
            snprintf(key, sizeof key, "forecast.%s.%s.option", parley_model_name(o->models[m]),
                     is->id);
            size_t k = parley__mc_add_issue_stat(s, L, PARLEY_MCG_FORECAST_OPTION, j,
                                                 (int)o->models[m], key);
            if (k == (size_t)-1)
                return PARLEY_ENOMEM;
            L->fc_option[m * ni + j] = k;
        }
    return has_constraints(s) ? layout_constraints(s, o, L) : PARLEY_OK;
}

static void fc_record(const mc_layout_t *L, const parley_mc_options_t *o, size_t ni, size_t na,
                      uint64_t *cells, const mc_outcome_t *r)
{
    (void)na;
    for (size_t m = 0; m < o->n_models; m++)
        for (size_t j = 0; j < ni; j++) {
            double v = r->forecast[m * ni + j];
            if (isnan(v))
                continue;
            parley__mc_value(L, cells, L->at[PARLEY_MCG_FORECAST] + m * ni + j, v);
            size_t k = L->fc_option[m * ni + j];
            if (k != (size_t)-1) /* the nearest option, as `forecast` names it */
                parley__mc_count(L, cells, k, (size_t)llround(v < 0.0 ? 0.0 : v));
        }
    for (size_t m = 0; r->kept && m < o->n_models; m++)
        parley__mc_count(L, cells, L->at[PARLEY_MCG_FORECAST_CONSTRAINTS] + m, r->kept[m]);
}

const mc_mode_t parley__mc_mode_fc = {fc_open, fc_eval, fc_close, fc_layout, fc_record};
