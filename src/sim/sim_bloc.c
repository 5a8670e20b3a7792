/*
 * sim_bloc.c — blocs in the simulator: the members of a bloc negotiate as
 * one party (one offer per round, made by its lead on the members' combined
 * utility, and one answer), and a member leaves the bloc when a text the
 * bloc would accept gives it less than its own reservation. Rules:
 * docs/simulation.md, "Blocs and governments". A few members per bloc.
 */
#include <math.h>
#include <string.h>
#include "simint.h"

/* Actor i negotiates in its bloc: it has not left it nor walked away. */
static int still_in(const parley_sim_t *sim, size_t i)
{
    return sim->bloc_in[i] && sim->room[i] != ROOM_WALKED;
}

/* Member k's share among the members still in the bloc. */
static double share(const parley_sim_t *sim, const parley_bloc_t *b, size_t k)
{
    if (!still_in(sim, b->members[k]))
        return 0.0;
    double total = 0.0;
    size_t in = 0;
    for (size_t q = 0; q < b->n_members; q++)
        if (still_in(sim, b->members[q])) {
            total += sim->cap[b->members[q]];
            in++;
        }
    return b->weights == PARLEY_BLOC_EQUAL ? 1.0 / (double)in
                                           : sim->cap[b->members[k]] / total;
}

/* The first member still in the bloc, or SIM_NONE when fewer than two are. */
static size_t lead_of(const parley_sim_t *sim, const parley_bloc_t *b)
{
    size_t lead = SIM_NONE, in = 0;
    for (size_t q = 0; q < b->n_members; q++)
        if (still_in(sim, b->members[q])) {
            lead = lead == SIM_NONE ? b->members[q] : lead;
            in++;
        }
    return in >= 2 ? lead : SIM_NONE;
}

void parley__sim_bloc_reset(parley_sim_t *sim)
{
    const parley_scenario_t *s = sim->s;
    for (size_t i = 0; i < sim->n; i++)
        sim->bloc_in[i] = parley_scenario_bloc_of(s, i) != SIM_NONE;
    for (size_t k = 0; k < sim->n_blocs; k++)
        sim->bloc_lead[k] = lead_of(sim, parley_scenario_bloc(s, k));
    sim->bloc_swapped = 0;
}

/* The bloc actor i negotiates in, or SIM_NONE (none, left it, walked away, dissolved). */
static size_t active_bloc(const parley_sim_t *sim, size_t i)
{
    if (!sim->n_blocs || !still_in(sim, i))
        return SIM_NONE;
    size_t k = parley_scenario_bloc_of(sim->s, i);
    return sim->bloc_lead[k] != SIM_NONE ? k : SIM_NONE;
}

/* Combined rows, target and reservation of every bloc, for this round. */
void parley__sim_bloc_round(parley_sim_t *sim)
{
    for (size_t k = 0; k < sim->n_blocs; k++) {
        const parley_bloc_t *b = parley_scenario_bloc(sim->s, k);
        double *w = sim->bloc_w + k * sim->total;
        unsigned char *v = sim->bloc_v + k * sim->total;
        memset(w, 0, sim->total * sizeof *w);
        memset(v, 0, sim->total);
        sim->bloc_tau[k] = sim->bloc_resv[k] = 0.0;
        if (sim->bloc_lead[k] == SIM_NONE)
            continue;
        size_t lead = lead_of(sim, b); /* a member may have walked away */
        if (lead != sim->bloc_lead[k]) {
            sim->bloc_lead[k] = lead;
            sim->paths_dirty = 1;
            if (lead == SIM_NONE) {
                parley__sim_note(sim, "bloc '%s' dissolves: fewer than two members are left",
                                 b->id);
                continue;
            }
        }
        for (size_t q = 0; q < b->n_members; q++) {
            size_t i = b->members[q];
            double wq = share(sim, b, q);
            if (wq == 0.0)
                continue;
            for (size_t o = 0; o < sim->total; o++) {
                w[o] += wq * sim->wval[i * sim->total + o];
                v[o] |= sim->veto[i * sim->total + o];
            }
            sim->bloc_tau[k] += wq * sim->tau[i];
            sim->bloc_resv[k] += wq * sim->resv[i];
        }
        double best = 0.0;
        for (size_t j = 0; j < sim->m; j++) {
            double top = -HUGE_VAL;
            for (size_t o = sim->opt0[j]; o < sim->opt0[j] + sim->nopt[j]; o++)
                top = !v[o] && w[o] > top ? w[o] : top;
            best += top > -HUGE_VAL ? top : 0.0;
        }
        sim->bloc_umax[k] = best;
    }
}

/* The bloc as one party for the paths: the lead stands for the members
 * still in it (their capabilities summed), who are out of the room
 * meanwhile; off: each back as it was. */
static void one_party(parley_sim_t *sim, size_t k, int on)
{
    const parley_bloc_t *b = parley_scenario_bloc(sim->s, k);
    size_t lead = sim->bloc_lead[k];
    double cap = sim->cap[lead];
    for (size_t q = 0; q < b->n_members; q++) {
        size_t i = b->members[q];
        if (i == lead || !still_in(sim, i))
            continue;
        if (on) {
            sim->bloc_room[i] = sim->room[i];
            sim->room[i] = sim->room[i] == ROOM_IN ? ROOM_OUT : sim->room[i];
            cap += sim->cap[i];
        } else {
            sim->room[i] = sim->bloc_room[i];
        }
    }
    if (on) {
        sim->bloc_cap[k] = sim->cap[lead];
        sim->cap[lead] = cap;
    } else {
        sim->cap[lead] = sim->bloc_cap[k];
    }
}

/* Swaps each lead's own rows with its bloc's combined rows (on: combined). */
void parley__sim_bloc_swap(parley_sim_t *sim, int on)
{
    if (!sim->n_blocs || sim->bloc_swapped == on)
        return;
    for (size_t k = 0; k < sim->n_blocs; k++) {
        size_t lead = sim->bloc_lead[k];
        if (lead == SIM_NONE)
            continue;
        one_party(sim, k, on);
        double *w = sim->wval + lead * sim->total, *bw = sim->bloc_w + k * sim->total;
        unsigned char *v = sim->veto + lead * sim->total, *bv = sim->bloc_v + k * sim->total;
        for (size_t o = 0; o < sim->total; o++) {
            double x = w[o];
            w[o] = bw[o];
            bw[o] = x;
            unsigned char y = v[o];
            v[o] = bv[o];
            bv[o] = y;
        }
        double u = sim->umax[lead];
        sim->umax[lead] = sim->bloc_umax[k];
        sim->bloc_umax[k] = u;
    }
    sim->bloc_swapped = on;
}

int parley__sim_bloc_silent(const parley_sim_t *sim, size_t i)
{
    size_t k = active_bloc(sim, i);
    return k != SIM_NONE && sim->bloc_lead[k] != i;
}

double parley__sim_bloc_target(const parley_sim_t *sim, size_t i)
{
    size_t k = active_bloc(sim, i);
    return k != SIM_NONE && sim->bloc_lead[k] == i ? sim->bloc_tau[k] : sim->tau[i];
}

/* The bloc's combined utility of pkg (every member's own utility, terms
 * included) and whether a member still in it vetoes pkg. */
static double combined(const parley_sim_t *sim, size_t k, const size_t *pkg, int *vetoed)
{
    const parley_bloc_t *b = parley_scenario_bloc(sim->s, k);
    double u = 0.0;
    *vetoed = 0;
    for (size_t q = 0; q < b->n_members; q++) {
        double wq = share(sim, b, q);
        if (wq == 0.0)
            continue;
        u += wq * parley__sim_utility(sim, b->members[q], pkg);
        *vetoed |= parley__sim_vetoed(sim, b->members[q], pkg);
    }
    return u;
}

/* Members who would do better alone leave the bloc (it accepts pkg). */
static void splits(parley_sim_t *sim, size_t k, const size_t *pkg, double ub)
{
    const parley_bloc_t *b = parley_scenario_bloc(sim->s, k);
    if (!b->split)
        return;
    for (size_t q = 0; q < b->n_members; q++) {
        size_t i = b->members[q];
        double u = parley__sim_utility(sim, i, pkg);
        if (!still_in(sim, i) || !(u < sim->resv[i] - SIM_EPS))
            continue;
        sim->bloc_in[i] = 0;
        sim->bloc_gone[i] = 1;
        parley__sim_note(sim, "bloc '%s' splits: %s leaves it: the text the bloc accepts (its "
                         "combined utility %.3f) gives %s %.3f < its reservation %.3f",
                         b->id, sim->s->actors[i].id, ub, sim->s->actors[i].id, u, sim->resv[i]);
    }
    size_t lead = lead_of(sim, b);
    if (lead == SIM_NONE)
        parley__sim_note(sim, "bloc '%s' dissolves: fewer than two members are left", b->id);
    sim->bloc_lead[k] = lead;
    sim->paths_dirty = 1;
}

void parley__sim_bloc_ask(parley_sim_t *sim, const size_t *pkg, int who, size_t from, int ratify)
{
    if (!sim->n_blocs)
        return;
    parley__sim_bloc_swap(sim, 0);
    memset(sim->bloc_gone, 0, sim->n);
    for (size_t k = 0; k < sim->n_blocs; k++) {
        size_t lead = sim->bloc_lead[k];
        sim->bloc_ans[k] = (signed char)PARLEY_ANSWER_NONE;
        if (lead == SIM_NONE || sim->room[lead] != who)
            continue;
        int vetoed;
        double ub = combined(sim, k, pkg, &vetoed);
        int own = from != SIM_NONE && active_bloc(sim, from) == k;
        parley_sim_answer_t a = vetoed ? PARLEY_ANSWER_RED_LINE
                                : own || ub >= (ratify ? sim->bloc_resv[k] : sim->bloc_tau[k]) -
                                                   SIM_EPS
                                    ? PARLEY_ANSWER_ACCEPT
                                    : PARLEY_ANSWER_REJECT;
        sim->bloc_ans[k] = (signed char)a;
        if (a == PARLEY_ANSWER_ACCEPT) {
            splits(sim, k, pkg, ub);
            if (sim->bloc_lead[k] == SIM_NONE)
                sim->bloc_ans[k] = (signed char)PARLEY_ANSWER_NONE;
        }
    }
}

int parley__sim_bloc_answer(const parley_sim_t *sim, size_t i, signed char *a)
{
    if (sim->n_blocs && sim->bloc_gone[i])
        return -1;
    size_t k = active_bloc(sim, i);
    if (k == SIM_NONE || sim->bloc_ans[k] == (signed char)PARLEY_ANSWER_NONE)
        return 0;
    *a = sim->bloc_ans[k];
    return 1;
}
