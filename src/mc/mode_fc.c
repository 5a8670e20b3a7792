/*
 * mode_fc.c — Monte Carlo over the forecasting models: for each draw the
 * problem the scenario poses is rebuilt and every chosen model run to the
 * end; each model's forecast of each issue is counted on the issue's
 * scale, and for a discrete issue also as the nearest option.
 */
#include <math.h>
#include <stdio.h>
#include "mcint.h"

typedef struct fc_state {
    double *value; /* n_models x n_issues */
} fc_state_t;

static parley_status_t fc_open(mc_worker_t *w)
{
    size_t ni = parley_scenario_issue_count(w->s);
    fc_state_t *st = parley__calloc(1, sizeof *st);
    if (st)
        st->value = parley__calloc(w->o->n_models * ni + 1, sizeof *st->value);
    w->state = st;
    if (!st || !st->value)
        return parley__fail(w->ctx, PARLEY_ENOMEM, "montecarlo: out of memory");
    return PARLEY_OK;
}

static void fc_close(mc_worker_t *w)
{
    fc_state_t *st = w->state;
    parley__free(st->value);
    parley__free(st);
    w->state = NULL;
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
    return s;
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
    return PARLEY_OK;
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
}

const mc_mode_t parley__mc_mode_fc = {fc_open, fc_eval, fc_close, fc_layout, fc_record};
