/*
 * charts_sim.c — the simulation's Vega-Lite specs (charts.h): each actor's
 * BATNA, reservation and target round by round, and every move's utility
 * to every actor with its answer. Read from the simulator's trace; a trace
 * has at most horizon x (actors + 2) moves, a few hundred rows here.
 */
#include <math.h>
#include <stdio.h>
#include "charts.h"
#include "charts_int.h"

static const char *const ANSWERS[] = {"reject", "accept", "red-line"};
static const char *const MOVES[] = {"offer", "text", "ratify"};

static void round_x(parley_json_t *j, const char *field, const char *title)
{
    charts__channel_begin(j, "x", field, "quantitative", title);
    charts__key_object(j, "axis");
    charts__key_string(j, "format", "d");
    charts__key_number(j, "tickMinStep", 1);
    parley_json_object_end(j);
    parley_json_object_end(j);
}

/* ---- (e) BATNA, reservation and target per actor over the rounds */

static void trace_data(parley_json_t *j, const parley_scenario_t *s, const parley_sim_t *sim)
{
    static const char *const ROOM[] = {"out", "in", "walked away"};
    charts__data_begin(j);
    for (size_t k = 0; k < parley_sim_round_count(sim); k++) {
        const parley_sim_round_t *rd = parley_sim_round(sim, k);
        for (size_t i = 0; i < parley_scenario_actor_count(s); i++) {
            const double v[3] = {rd->batna[i], rd->reservation[i], rd->target[i]};
            static const char *const what[3] = {"BATNA", "reservation", "target"};
            for (int m = 0; m < 3; m++) {
                parley_json_object_begin(j);
                charts__key_int(j, "round", rd->round);
                charts__key_string(j, "actor", parley_scenario_actor(s, i)->id);
                charts__key_string(j, "measure", what[m]);
                charts__key_number(j, "utility", v[m]); /* non-finite: null */
                charts__key_string(j, "room", ROOM[rd->room[i] < 3 ? rd->room[i] : 0]);
                parley_json_object_end(j);
            }
        }
    }
    charts__data_end(j);
}

static void trace_layer(parley_json_t *j)
{
    static const char *const tip[] = {"actor", "round", "measure", "utility", "room", NULL};
    static const char *const dom[] = {"BATNA", "reservation", "target"};
    static const char *const rng[] = {"#d62728", "#ff7f0e", "#1f77b4"};
    charts__mark_begin(j, "line");
    parley_json_key(j, "point");
    parley_json_bool(j, 1);
    charts__encoding_begin(j);
    round_x(j, "round", "round");
    charts__unit_axis(j, "y", "utility", "utility (0 worst, 1 ideal)");
    charts__channel_begin(j, "color", "measure", "nominal", NULL);
    charts__key_object(j, "scale");
    charts__key_strings(j, "domain", dom, 3);
    charts__key_strings(j, "range", rng, 3);
    parley_json_object_end(j);
    parley_json_object_end(j);
    charts__tooltip(j, tip);
    parley_json_object_end(j);
}

void charts_sim_trace(parley_json_t *j, const parley_scenario_t *s, const parley_sim_t *sim)
{
    parley_json_object_begin(j);
    charts__head(j, s, "Simulation: what each party holds out for",
                 "per actor and round: its BATNA (walking away), its reservation (the least "
                 "it accepts, with audience costs and threats) and its strategy's target");
    trace_data(j, s, sim);
    charts__facet(j, "facet", "actor", s);
    charts__key_number(j, "columns", 3); /* two runs fit side by side */
    charts__key_object(j, "spec");
    charts__size(j, 150, 110);
    trace_layer(j);
    parley_json_object_end(j);
    parley_json_object_end(j);
}

/* ---- (f) every move: its utility to each actor, and the answers */

static void move_row(parley_json_t *j, const parley_scenario_t *s, const parley_sim_t *sim,
                     size_t m, size_t i)
{
    const parley_sim_move_t *mv = parley_sim_move(sim, m);
    const parley_sim_round_t *rd = NULL;
    for (size_t k = 0; k < parley_sim_round_count(sim) && !rd; k++)
        if (parley_sim_round(sim, k)->round == mv->round)
            rd = parley_sim_round(sim, k);
    int a = mv->answer[i];
    parley_json_object_begin(j);
    charts__key_int(j, "move", (long long)m + 1);
    charts__key_int(j, "round", mv->round);
    charts__key_string(j, "kind", MOVES[mv->kind]);
    charts__key_string(j, "by", mv->by == (size_t)-1 ? "mediator"
                                                     : parley_scenario_actor(s, mv->by)->id);
    charts__key_string(j, "actor", parley_scenario_actor(s, i)->id);
    charts__key_number(j, "utility", mv->utility[i]); /* non-finite: null */
    charts__key_number(j, "reservation", rd ? rd->reservation[i] : (double)NAN);
    charts__key_string(j, "answer", a >= 0 && a < 3 ? ANSWERS[a] : "not asked");
    parley_json_object_end(j);
}

static void moves_shape(parley_json_t *j)
{
    static const char *const dom[] = {"accept", "reject", "red-line", "not asked"};
    static const char *const rng[] = {"circle", "cross", "triangle-down", "stroke"};
    charts__channel_begin(j, "shape", "answer", "nominal", "answer");
    charts__key_object(j, "scale");
    charts__key_strings(j, "domain", dom, 4);
    charts__key_strings(j, "range", rng, 4);
    parley_json_object_end(j);
    parley_json_object_end(j);
}

/* Closes the mark and writes the move, its utility and the actor's colour,
 * leaving the encoding open. */
static void moves_encoding(parley_json_t *j, const parley_scenario_t *s)
{
    charts__encoding_begin(j);
    round_x(j, "move", "move (offers and texts in order)");
    charts__unit_axis(j, "y", "utility", "utility of the offer or text");
    charts__channel_begin(j, "color", "actor", "nominal", "utility to");
    charts__key_object(j, "scale");
    charts__key_actors(j, "domain", s);
    parley_json_object_end(j);
    parley_json_object_end(j);
}

static void moves_layers(parley_json_t *j, const parley_scenario_t *s)
{
    static const char *const tip[] = {"move", "round", "kind", "by", "actor", "utility",
                                      "reservation", "answer", NULL};
    parley_json_key(j, "layer");
    parley_json_array_begin(j);
    charts__layer_begin(j, "line");
    charts__key_number(j, "opacity", 0.45);
    moves_encoding(j, s);
    charts__layer_end(j);
    charts__layer_begin(j, "point");
    charts__key_number(j, "size", 70);
    parley_json_key(j, "filled");
    parley_json_bool(j, 1);
    moves_encoding(j, s);
    moves_shape(j);
    charts__tooltip(j, tip);
    charts__layer_end(j);
    parley_json_array_end(j);
}

void charts_sim_moves(parley_json_t *j, const parley_scenario_t *s, const parley_sim_t *sim)
{
    char sub[160];
    const parley_sim_result_t *res = parley_sim_result(sim);
    const char *end = parley_sim_end_text(res->end);
    snprintf(sub, sizeof sub, "%s in round %u; each offer's (or text's) utility to each actor, "
                              "shaped by its answer",
             end ? end : "still running", res->round);
    parley_json_object_begin(j);
    charts__head(j, s, "Simulation: the offers and the answers", sub);
    charts__data_begin(j);
    for (size_t m = 0; m < parley_sim_move_count(sim); m++)
        for (size_t i = 0; i < parley_scenario_actor_count(s); i++)
            move_row(j, s, sim, m, i);
    charts__data_end(j);
    charts__size(j, 480, 260);
    moves_layers(j, s);
    parley_json_object_end(j);
}
