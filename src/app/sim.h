/*
 * sim.h — what `parley simulate` and the API run (the what-if switches
 * parsed from the command line or a request; sim.c) and its three writers
 * (sim_out.c).
 */
#ifndef PARLEY_APP_SIM_H
#define PARLEY_APP_SIM_H

#include "app.h"

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
 * Fills r (r->s set); PARLEY_EARG with a message on ctx when one does not
 * parse. */
typedef struct sim_switches {
    const char *without, *join, *leave, *protocol, *meeting, *horizon, *grid, *seed;
} sim_switches_t;
parley_status_t sim_run_setup(parley_ctx_t *ctx, const sim_switches_t *w, sim_run_t *r);
/* Creates the simulator and plays it with its trace; 0 or a status (message on ctx). */
parley_status_t sim_run_play(parley_ctx_t *ctx, sim_run_t *r);
void sim_run_free(sim_run_t *r);

void sim_render_text(parley_buf_t *b, const sim_run_t *r, const app_style_t *sty);
void sim_render_json(parley_buf_t *b, const sim_run_t *r);
void sim_render_csv(parley_buf_t *b, const sim_run_t *r);
/* Ratifying bodies in the outcome and the moves (sim_rat.c). */
void sim_ratify_text(parley_buf_t *b, const sim_run_t *r);
void sim_ratify_json(parley_json_t *j, const sim_run_t *r);
void sim_ratify_move_json(parley_json_t *j, const sim_run_t *r, const parley_sim_move_t *mv);
/* Durability: how long the deal holds, who breaks it and why (sim_why.c). */
void sim_durability_text(parley_buf_t *b, const sim_run_t *r, const parley_sim_result_t *res);
void sim_durability_json(parley_json_t *j, const sim_run_t *r, const parley_sim_result_t *res);

#endif
