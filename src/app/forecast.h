/*
 * forecast.h — what `parley forecast` and the API compute once (forecast.c)
 * and the three writers share (forecast_out.c), and the model options
 * `forecast`, `backtest` and `montecarlo` take.
 */
#ifndef PARLEY_APP_FORECAST_H
#define PARLEY_APP_FORECAST_H

#include "app.h"

/* One model's result: the forecast of every issue after each round. */
typedef struct fc_model_run {
    parley_model_t model;
    unsigned rounds;      /* rounds done; traj has rounds + 1 rows */
    double *traj;         /* (rounds + 1) * issues: row r = after round r */
    double *pos;          /* SMP: (rounds + 1) * actors * issues, actor-major rows */
    double *prob;         /* SMP: (rounds + 1) * actors, each position's chance */
    size_t *turn;         /* SMP: (rounds + 1) * actors * 3: whom the actor challenged, the
                             bargain it took (initiator, receiver); (size_t)-1: none */
    /* How each issue stopped (parley_forecast_stop), the rounds it iterated,
     * its cycle's period (0: none) and forecasts (ni * PARLEY_FC_CYCLE_MAX). */
    parley_fc_stop_t *stop;
    unsigned *irounds, *period;
    double *cycle;
    /* The final forecast checked against the actors (forecast_check.c). */
    double *pkg;          /* issues: the forecast as a package (PARLEY_OPEN: nobody takes part) */
    parley_actor_eval_t *checks; /* actors: what the package gives each */
    unsigned char *red;   /* actors * issues: the package crosses that red line */
    size_t accepted;      /* actors whose verdict is accept */
    /* Linkage: each rule (constraints, then conditional red lines) at the
     * package: 1 broken, 0 kept, PARLEY_UNDECIDED when an open issue
     * decides it (the checks' rules_broken and verdicts already hold the
     * conditional red lines, their utilities the terms). */
    signed char *rules;
    size_t broken_constraints; /* constraints broken for certain */
    /* --nearest (forecast_near.c): the nearest acceptable package */
    int near_state;       /* FC_NEAR_* */
    int near_exact;       /* the search finished within its budget */
    size_t near_changed;  /* issues it changes */
    double *near;         /* issues: its positions (FOUND) */
    size_t near_rule;     /* BREAKS: the rule the search's package breaks */
} fc_model_run_t;

enum { FC_NEAR_NOT_ASKED = 0, FC_NEAR_FOUND, FC_NEAR_NONE, FC_NEAR_UNKNOWN, FC_NEAR_BREAKS };

typedef struct fc_run {
    const parley_scenario_t *s;
    parley_fc_params_t prm;
    size_t n_models;
    fc_model_run_t models[PARLEY_MODEL_COUNT];
    size_t *participants; /* per issue */
    int trace;
    int nearest;          /* --nearest: search the nearest acceptable package per model */
    unsigned grid;        /* its points per continuous issue (0: 11) */
} fc_run_t;

/* Model options shared by forecast and backtest (strings from the command
 * line or a request). */
typedef struct fc_opt_values {
    const char *q, *no_risk, *offer, *rounds, *tol, *gamma, *nash_salience;
    /* the SMP's (forecast only) */
    const char *victory, *pce, *voting, *risk_adjust, *risk_range, *commit, *interp, *bargain,
        *mode, *seed, *challenge_victory;
    /* the EUM's conventions */
    const char *conflict, *security, *tie_tol;
    const char *group_probability; /* the SMP's */
} fc_opt_values_t;

/* Parses the model options into *p (defaults for those absent); PARLEY_EARG
 * with a message on ctx when one is malformed. */
parley_status_t fc_cli_params(parley_ctx_t *ctx, const fc_opt_values_t *v, parley_fc_params_t *p);
/* Parses --model: one id or "all" (NULL: all) into models / *n; PARLEY_EARG
 * (with a did-you-mean) for an unknown model. */
parley_status_t fc_cli_models(parley_ctx_t *ctx, const char *arg, parley_model_t *models,
                              size_t *n);
/* Checks --smp-salience (NULL: the scenario's); PARLEY_EARG when unknown. */
parley_status_t fc_cli_salience(parley_ctx_t *ctx, const char *salience);
/* The SMP options of the scenario's `smp:` section, then the options given
 * (v, salience) over them. */
parley_status_t fc_smp_with_scenario(parley_ctx_t *ctx, const fc_opt_values_t *v,
                                     const char *salience, const parley_scenario_t *s,
                                     parley_smp_params_t *o);
/* A short description of a model with its parameters ("Q 1, risk on, ..."). */
void fc_model_label(parley_buf_t *b, parley_model_t m, const parley_fc_params_t *p);
/* Writes the parameters as a JSON object. */
void fc_params_json(parley_json_t *j, const parley_fc_params_t *p);

/* Runs r's models (r->models[].model, r->n_models, r->prm and r->trace set)
 * on scenario s; 0 or a status (message on ctx). fc_run_free frees the
 * results either way. */
parley_status_t fc_run_compute(parley_ctx_t *ctx, const parley_scenario_t *s, fc_run_t *r);
void fc_run_free(fc_run_t *r);

/* ---- The check of a forecast against the actors (forecast_check.c). */
/* The package position of forecast v on issue is: a discrete issue's nearest
 * option, a scale position clipped to the scale, PARLEY_OPEN for NaN. */
double fc_package_position(const parley_issue_t *is, double v);
/* Evaluates mr's final forecast as a package for every actor of s (fills
 * pkg, checks, red, accepted); PARLEY_ENOMEM (no message) on failure. */
parley_status_t fc_check_model(const parley_scenario_t *s, fc_model_run_t *mr);
void fc_check_free(fc_model_run_t *mr);
/* How model m treats interaction terms, constraints and conditional red
 * lines: one sentence (docs/models.md, "Linkage"). */
const char *fc_linkage_text(parley_model_t m);
/* The red lines actor i's check crosses: issue ids, then conditional red
 * lines ("conditional 'ID'"), joined by sep; "-" when none. */
void fc_red_text(parley_buf_t *b, const parley_scenario_t *s, const fc_model_run_t *mr, size_t i,
                 const char *sep);
/* The table of the check under a model's forecast, with its warnings. */
void fc_check_text(parley_buf_t *b, const parley_scenario_t *s, const fc_model_run_t *mr);
/* The keys "acceptable" and "checks" inside a model's JSON object. */
void fc_check_json(parley_json_t *j, const parley_scenario_t *s, const fc_model_run_t *mr);
/* The CSV's "actor" rows of one model. */
void fc_check_csv(parley_buf_t *b, const parley_scenario_t *s, const fc_model_run_t *mr);

/* Whether model m iterates (and so reports convergence). */
int fc_iterative(parley_model_t m);
/* Issues of mr that did not converge (a cycle or max_rounds). */
size_t fc_unconverged(const fc_model_run_t *mr, size_t ni);

/* ---- The nearest acceptable package (forecast_near.c). */
/* Fills mr's near_* by the amend search on s's space (grid points per
 * continuous issue, the forecast's positions added); mr's check must be
 * done. 0 or a status with its message on ctx. */
parley_status_t fc_nearest_model(parley_ctx_t *ctx, const parley_scenario_t *s, unsigned grid,
                                 fc_model_run_t *mr);
void fc_nearest_free(fc_model_run_t *mr);
void fc_nearest_text(parley_buf_t *b, const parley_scenario_t *s, const fc_model_run_t *mr);
void fc_nearest_json(parley_json_t *j, const parley_scenario_t *s, const fc_model_run_t *mr);
void fc_nearest_csv(parley_buf_t *b, const parley_scenario_t *s, const fc_model_run_t *mr);

void fc_render_text(parley_buf_t *b, const fc_run_t *r);
void fc_render_json(parley_buf_t *b, const fc_run_t *r);
void fc_render_csv(parley_buf_t *b, const fc_run_t *r);

#endif
