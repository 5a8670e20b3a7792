/*
 * sim_run.h — what `parley simulate` runs (the what-if switches parsed from
 * the command line or an API request) and its three writers (sim_out.c).
 */
#ifndef PARLEY_SIM_RUN_H
#define PARLEY_SIM_RUN_H

#include "cli.h"

typedef struct sim_run {
    const parley_scenario_t *s;
    parley_sim_options_t opt;
    unsigned char *tactic_off;   /* n_tactics */
    signed char *room;           /* n_actors */
    const char *without, *join, *leave, *set; /* as given, for the parameters */
    parley_sim_t *sim;
    int detail;                  /* text: every move, not only a line per round */
} sim_run_t;

/* The what-if switches (each may be NULL): --without TACTIC,... (a kind:
 * deadline, walk-away, leak; a tactic's name; or KIND:ACTOR), --join
 * ACTOR,... and --leave ACTOR,...; --protocol, --meeting, --horizon, --grid,
 * --seed (draws the chance events; absent: their likelier course).
 * Fills r (r->s set); EXIT_USAGE with a message when one does not parse. */
typedef struct sim_switches {
    const char *without, *join, *leave, *protocol, *meeting, *horizon, *grid, *seed;
} sim_switches_t;
int sim_run_setup(const char *cmd, const sim_switches_t *w, sim_run_t *r);
/* --set PATH=VALUE,...: gives uncertain inputs (numbers the scenario writes
 * as distributions, by path) these values; the others keep their estimates.
 * EXIT_USAGE with a message when a path or value does not fit. */
int sim_apply_set(const char *cmd, parley_ctx_t *ctx, parley_scenario_t *s, const char *list);
/* Creates the simulator and plays it with its trace; EXIT_OK or an exit code. */
int sim_run_play(const char *cmd, parley_ctx_t *ctx, sim_run_t *r);
void sim_run_free(sim_run_t *r);

void sim_render_text(parley_buf_t *b, const sim_run_t *r, const cli_style_t *sty);
void sim_render_json(parley_buf_t *b, const sim_run_t *r);
void sim_render_csv(parley_buf_t *b, const sim_run_t *r);

#endif
