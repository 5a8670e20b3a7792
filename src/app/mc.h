/*
 * mc.h — `parley montecarlo` and the API's montecarlo: the request's option
 * values (strings) under the front end's limits, one setup and one batch
 * loop (mc.c), the writers of a Monte Carlo result (mc_out.c), which
 * `parley sensitivity` shares, and the sensitivity analysis (sens.c).
 */
#ifndef PARLEY_APP_MC_H
#define PARLEY_APP_MC_H

#include "app.h"
#include "parley/mc.h"
#include "sim.h"

/* Option values shared by montecarlo and sensitivity; PARLEY_EARG with a
 * message on ctx when one does not parse. A count accepts 1e6. */
parley_status_t mc_cli_count(parley_ctx_t *ctx, const char *opt, const char *s, uint64_t lo,
                             uint64_t hi, uint64_t *out);
parley_status_t mc_cli_seed(parley_ctx_t *ctx, const char *s, uint64_t *out);
parley_status_t mc_cli_what(parley_ctx_t *ctx, const char *s, parley_mc_what_t *out);

/* A montecarlo request: the option values as given (NULL: absent). */
typedef struct mc_request {
    const char *n, *seed, *threads, *what, *model;
    sim_switches_t sw;
} mc_request_t;

/* What the front end allows, and how its messages name the options. */
typedef struct mc_limits {
    uint64_t max_samples;       /* n at most */
    uint64_t min_threads, max_threads; /* threads, when given */
    unsigned default_threads;   /* when threads is absent (0: OpenMP's choice) */
    int api;                    /* name the API's parameters (n, threads, grid, what=) */
} mc_limits_t;

/* The limits of the command line: n up to PARLEY_MC_MAX_SAMPLES, 0 to 256 threads. */
void mc_limits_cli(mc_limits_t *l);

/* Parses the request into *o for scenario s: each evaluator's own options,
 * then the common ones; sr holds the simulator's switches (sim_run_free it
 * either way). 0, or PARLEY_EARG with the message on ctx. */
parley_status_t mc_setup(parley_ctx_t *ctx, const mc_request_t *a, const mc_limits_t *lim,
                         const parley_scenario_t *s, sim_run_t *sr, parley_mc_options_t *o);

/* Called after each batch with the samples done of the total. */
typedef void (*mc_progress_fn)(void *arg, uint64_t done, uint64_t total);
/* Draws every sample of mc in batches sized to take about step_seconds each
 * (so a progress display moves and a cancel is quick); progress may be
 * NULL. 0 or the library's status (message on ctx). */
parley_status_t mc_run_batches(parley_ctx_t *ctx, parley_mc_t *mc, double step_seconds,
                               mc_progress_fn progress, void *arg);

/* The writers (mc_out.c). JSON and CSV hold nothing that depends on the
 * threads, ranks or time taken: the same seed gives the same bytes. */
void mc_render_text(parley_buf_t *b, const parley_mc_t *mc);
void mc_render_json(parley_buf_t *b, const parley_mc_t *mc);
void mc_render_csv(parley_buf_t *b, const parley_mc_t *mc);
/* The uncertain inputs as a JSON array (montecarlo and sensitivity). */
void mc_uncertain_json(parley_json_t *j, const parley_scenario_t *s);

/* Choice inputs (mc_choice.c): a choice's options and probabilities as
 * JSON keys "options" [{name, p}] and "estimate_option" (check, montecarlo,
 * sensitivity); its line in the list of inputs; and per choice input of a
 * simulate run, the agreement conditional on each option, with a warning
 * when the result hangs on it (parley_mc_choice_hangs), in text, JSON
 * ("choices") and CSV ("choice" rows). */
void app_choice_json(parley_json_t *j, const parley_uncertain_t *u);
/* mc_out.c's writers of a probability {count, of, share, ci95} and of a CSV row. */
void mc_j_prob(parley_json_t *j, const char *key, uint64_t k, uint64_t n);
void mc_c_row(parley_buf_t *b, const char *sec, const char *subj, const char *stat, double v);
void mc_choice_input_text(parley_buf_t *b, const parley_uncertain_t *u);
void mc_choice_text(parley_buf_t *b, const parley_mc_t *mc);
void mc_choice_json(parley_json_t *j, const parley_mc_t *mc);
void mc_choice_csv(parley_buf_t *b, const parley_mc_t *mc);
/* Per chance tactic and event of a simulate run (mc_choice.c): the agreement
 * given it is drawn (used, happens) and given it is not, in text, JSON
 * ("chances") and CSV ("chance" rows); nothing without one. */
void mc_chance_text(parley_buf_t *b, const parley_mc_t *mc);
void mc_chance_json(parley_json_t *j, const parley_mc_t *mc);
void mc_chance_csv(parley_buf_t *b, const parley_mc_t *mc);

/* ---- `parley sensitivity` (sens.c): its option values as given. */
typedef struct sens_request {
    const char *metric, *n, *seed, *threads, *what, *model, *low, *high, *resamples;
} sens_request_t;
/* Parses the request into *o for scenario s; PARLEY_EARG with a message on ctx. */
parley_status_t sens_setup(parley_ctx_t *ctx, const sens_request_t *a, const parley_scenario_t *s,
                           parley_sens_options_t *o);
/* Steps se to the end, reporting progress after each step (may be NULL). */
parley_status_t sens_run(parley_ctx_t *ctx, parley_sens_t *se, mc_progress_fn progress,
                         void *arg);
/* The tornado table (json 0) or the JSON result, inputs sorted by influence;
 * PARLEY_ENOMEM with a message on ctx. */
parley_status_t sens_render(parley_ctx_t *ctx, parley_buf_t *b, const parley_sens_t *se,
                            const parley_scenario_t *s, const parley_sens_options_t *o, int json);

#endif
