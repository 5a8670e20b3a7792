/*
 * args.h — from the declared options (opt.h) to the analyses: the one place
 * that hands the values of an app_args_t, parsed from a command line or an
 * API request alike, to each analysis's request, and that loads a scenario
 * with the --set overrides the user gave.
 */
#ifndef PARLEY_APP_ARGS_H
#define PARLEY_APP_ARGS_H

#include "forecast.h"
#include "mc.h"
#include "opt.h"
#include "sim.h"
#include "space.h"

/* The --set overrides of a, split at commas (PATH=VALUE,PATH=VALUE). */
typedef struct app_overrides {
    parley_override_t ov[APP_MAX_SET];
    size_t n;
    char *text;                 /* the copies the paths point into */
} app_overrides_t;
/* PARLEY_EARG when there are more than APP_MAX_SET pairs; PARLEY_ENOMEM. */
parley_status_t app_overrides_init(parley_ctx_t *ctx, const app_args_t *a, app_overrides_t *o);
void app_overrides_free(app_overrides_t *o);

/* Loads the scenario at path (or in buf) with a's overrides. */
parley_status_t app_load_file(parley_ctx_t *ctx, const app_args_t *a, const char *path,
                              parley_scenario_t **out);
parley_status_t app_load_buffer(parley_ctx_t *ctx, const app_args_t *a, const char *name,
                                const char *buf, size_t len, parley_scenario_t **out);

/* Appends the --set pairs as given, comma-separated (simulate's parameters). */
void app_set_list(const app_args_t *a, parley_buf_t *b);

/* Each analysis's request from a's values. */
void app_space_args(const app_args_t *a, space_args_t *o);
void app_fc_values(const app_args_t *a, fc_opt_values_t *o);
void app_sim_switches(const app_args_t *a, sim_switches_t *o);
void app_mc_request(const app_args_t *a, mc_request_t *o);
void app_sens_request(const app_args_t *a, sens_request_t *o);

#endif
