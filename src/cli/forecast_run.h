/*
 * forecast_run.h — what `parley forecast` computes once and its three
 * writers share (forecast_out.c), and the model options `forecast` and
 * `backtest` both take.
 */
#ifndef PARLEY_FORECAST_RUN_H
#define PARLEY_FORECAST_RUN_H

#include "cli.h"

/* One model's result: the forecast of every issue after each round. */
typedef struct fc_model_run {
    parley_model_t model;
    unsigned rounds;      /* rounds done; traj has rounds + 1 rows */
    double *traj;         /* (rounds + 1) * issues: row r = after round r */
    double *pos;          /* SMP: (rounds + 1) * actors * issues, actor-major rows */
    double *prob;         /* SMP: (rounds + 1) * actors, each position's chance */
} fc_model_run_t;

typedef struct fc_run {
    const parley_scenario_t *s;
    parley_fc_params_t prm;
    size_t n_models;
    fc_model_run_t models[PARLEY_MODEL_COUNT];
    size_t *participants; /* per issue */
    int trace;
} fc_run_t;

/* Model options shared by forecast and backtest (strings from cli_parse). */
typedef struct fc_opt_values {
    const char *q, *no_risk, *offer, *rounds, *tol, *gamma, *nash_salience;
    /* the SMP's (forecast only) */
    const char *victory, *pce, *voting, *risk_adjust, *risk_range, *commit, *interp, *bargain,
        *mode, *seed, *challenge_victory;
} fc_opt_values_t;

/* Parses the model options into *p (defaults for those absent); EXIT_USAGE
 * with a message when one is malformed. */
int fc_cli_params(const char *cmd, const fc_opt_values_t *v, parley_fc_params_t *p);
/* Parses --model: one id or "all" (NULL: all) into models / *n. */
int fc_cli_models(const char *cmd, const char *arg, parley_model_t *models, size_t *n);
/* A short description of a model with its parameters ("Q 1, risk on, ..."). */
void fc_model_label(parley_buf_t *b, parley_model_t m, const parley_fc_params_t *p);
/* Writes the parameters as a JSON object. */
void fc_params_json(parley_json_t *j, const parley_fc_params_t *p);

/* Runs r's models (r->models[].model, r->n_models, r->prm and r->trace set)
 * on scenario s; EXIT_OK or an exit code (message given). fc_run_free frees
 * the results either way. */
int fc_run_compute(parley_ctx_t *ctx, const parley_scenario_t *s, fc_run_t *r);
void fc_run_free(fc_run_t *r);

void fc_render_text(parley_buf_t *b, const fc_run_t *r);
void fc_render_json(parley_buf_t *b, const fc_run_t *r);
void fc_render_csv(parley_buf_t *b, const fc_run_t *r);

#endif
