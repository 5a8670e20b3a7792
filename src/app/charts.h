/*
 * charts.h — Vega-Lite v5 specifications of Parley's results, with their
 * data inline, so the web application (vega-embed) and the HTML report draw
 * the same charts from the same engine output.
 *
 * Each function writes exactly one JSON value (a whole spec) into a JSON
 * writer the caller owns; nothing is allocated that outlives the call and
 * nothing can fail but memory, which the writer's buffer records. One
 * function per chart: a new analysis (simulation traces, Monte Carlo
 * histograms) adds its own function here and its key in analysis.c's "charts".
 */
#ifndef PARLEY_SERVE_CHARTS_H
#define PARLEY_SERVE_CHARTS_H

#include "parley/mc.h"
#include "parley/parley.h"

#define CHARTS_SCHEMA "https://vega.github.io/schema/vega-lite/v5.json"
/* The frontier points a space chart draws at most (evenly thinned beyond). */
#define CHARTS_MAX_POINTS 2000

/* (a) Issue x actor heat map: each actor's position (colour, on the issue's
 * scale from lo to hi) and salience (circle size), red lines in the tooltip. */
void charts_positions(parley_json_t *j, const parley_scenario_t *s);

/* (b) Proposals vs BATNA: one panel per actor, each proposal's utility (a
 * range where it leaves issues open) against the actor's BATNA, coloured by
 * verdict, crossed red lines marked with a cross. */
void charts_proposals(parley_json_t *j, const parley_scenario_t *s);

/* What the agreement-space chart draws (space actors, frontier, solutions). */
typedef struct charts_space_in {
    const parley_space_t *sp;
    const parley_frontier_t *f;  /* the frontier under the run's constraints, or NULL */
    const size_t *sol;           /* PARLEY_SOLUTION_COUNT frontier points ((size_t)-1: none) */
    size_t x, y;                 /* the space actors shown first on the axes */
} charts_space_in_t;

/* (c) The agreement space projected on a pair of actors (chosen in the chart
 * by two bound selects): frontier points, the ZOPA corner beyond both
 * BATNAs, the bargaining solutions and the proposals. */
void charts_space(parley_json_t *j, const charts_space_in_t *in);

/* One forecasting model's trajectory: rounds + 1 rows of issue values. */
typedef struct charts_fc_series {
    parley_model_t model;
    unsigned rounds;
    const double *traj;          /* (rounds + 1) * issues, row r = after round r */
} charts_fc_series_t;

/* (d) Forecasts per model: per issue, each model's forecast round by round
 * (a single point for the one-shot models), on the scale. */
void charts_forecast(parley_json_t *j, const parley_scenario_t *s, const charts_fc_series_t *m,
                     size_t n);

/* (e) A simulation's trace (charts_sim.c): one panel per actor, its BATNA,
 * reservation utility and its strategy's target round by round. */
void charts_sim_trace(parley_json_t *j, const parley_scenario_t *s, const parley_sim_t *sim);

/* (f) A simulation's moves: each offer's or text's utility to every actor,
 * in the order played, each point shaped by the actor's answer (accept,
 * reject, red line, not asked). */
void charts_sim_moves(parley_json_t *j, const parley_scenario_t *s, const parley_sim_t *sim);

/* (g) A Monte Carlo run's outcome (charts_mc.c): the share of each ending
 * (agreement, no deal by the horizon, walk-out; for --what space: ZOPA or
 * none) with its Wilson 95% interval. */
void charts_mc_outcome(parley_json_t *j, const parley_mc_t *mc);

/* (h) The terms of the deals: per issue, the share of deals with each
 * option (a continuous issue: 40 bins of its scale). */
void charts_mc_terms(parley_json_t *j, const parley_mc_t *mc);

/* (i) The round of agreement: share of the agreements per round. */
void charts_mc_round(parley_json_t *j, const parley_mc_t *mc);

#endif
