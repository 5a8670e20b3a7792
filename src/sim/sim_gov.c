/*
 * sim_gov.c — changes of government (an event's `government:`): whether a
 * chance event happens in this run, the new government's utilities and red
 * lines on the option grid (switched in during the talks), and its verdict
 * on a deal it inherits (durability). Rules: docs/simulation.md, "Blocs and
 * governments". A change costs one pass over the actor's options.
 */
#include <math.h>
#include <string.h>
#include "simint.h"

/* Event k's draws use keys past every tactic's (at most 256 tactics). */
#define EVENT_KEY 0x100000u

int parley__sim_event_happens(const parley_sim_t *sim, size_t k)
{
    const parley_event_t *e = &sim->cfg->events[k];
    if (e->probability >= 1.0)
        return 1;
    return sim->seeded ? parley__sim_chance(sim->seed, EVENT_KEY + k, e->round) < e->probability
                       : e->probability >= 0.5;
}

/* The share of actor i's utility its interaction terms hold (the issues
 * share the rest, under any government). */
static double term_share(const parley_sim_t *sim, size_t i)
{
    double t = 0.0;
    for (size_t k = 0; k < sim->n_terms; k++)
        if (sim->links[k].actor == i)
            t += sim->share[k];
    return t;
}

/* The government's stance on issue j: its own where it names one, else the
 * actor's as the scenario holds it now (Monte Carlo may have drawn it). */
static const parley_stance_t *stance_of(const parley_sim_t *sim, const parley_government_t *g,
                                        size_t j)
{
    return g->named[j] ? &g->stances[j] : parley_scenario_stance(sim->s, g->actor, j);
}

/* Government g's weighted values (w) and red lines (v) of every option of
 * its actor: weight of issue j = salience_j / (sum of its saliences) x (1 -
 * the actor's term share). Without stances the actor's own row is kept. */
static void gov_row(const parley_sim_t *sim, const parley_government_t *g, double *w,
                    unsigned char *v)
{
    size_t i = g->actor;
    if (!g->stances) {
        memcpy(w, sim->wval + i * sim->total, sim->total * sizeof *w);
        memcpy(v, sim->veto + i * sim->total, sim->total);
        return;
    }
    double total = 0.0;
    for (size_t j = 0; j < sim->m; j++)
        total += stance_of(sim, g, j)->salience;
    double scale = total > 0.0 ? (1.0 - term_share(sim, i)) / total : 0.0;
    for (size_t j = 0; j < sim->m; j++) {
        const parley_issue_t *is = &sim->s->issues[j];
        const parley_stance_t *st = stance_of(sim, g, j);
        for (size_t o = 0; o < sim->nopt[j]; o++) {
            size_t at = sim->opt0[j] + o;
            w[at] = st->salience * scale * parley__stance_value(is, st, sim->pos[at]);
            v[at] = (unsigned char)(parley__stance_red(is, st, sim->pos[at]) != 0);
        }
    }
}

void parley__sim_gov_apply(parley_sim_t *sim, const parley_event_t *e)
{
    const parley_government_t *g = e->government;
    size_t i = g->actor;
    const char *id = sim->s->actors[i].id;
    if (g->stances) {
        gov_row(sim, g, sim->gov_w, sim->gov_v);
        memcpy(sim->wval + i * sim->total, sim->gov_w, sim->total * sizeof *sim->gov_w);
        memcpy(sim->veto + i * sim->total, sim->gov_v, sim->total);
        sim->umax[i] = parley__sim_best(sim, i);
        sim->paths_dirty = 1;
        parley__sim_note(sim, "%s: %s takes office in %s: its stances and red lines apply "
                         "(best package now %.3f)", e->name, g->name, id, sim->umax[i]);
    } else {
        parley__sim_note(sim, "%s: %s takes office in %s", e->name, g->name, id);
    }
    if (!isnan(g->batna)) {
        parley__sim_note(sim, "%s: BATNA of %s %.3f -> %.3f (the new government's)", e->name, id,
                         sim->b[i], g->batna);
        sim->b[i] = g->batna;
    }
    if (!isnan(g->drift)) {
        parley__sim_note(sim, "%s: BATNA drift of %s %+.4f -> %+.4f per round", e->name, id,
                         sim->drift[i], g->drift);
        sim->drift[i] = g->drift;
    }
}

void parley__sim_gov_deal(parley_sim_t *sim)
{
    for (size_t j = 0; j < sim->m; j++) {
        size_t o = 0;
        while (o + 1 < sim->nopt[j] && sim->pos[sim->opt0[j] + o] != sim->r_terms[j])
            o++;
        sim->gov_pkg[j] = o;
    }
}

void parley__sim_gov_judge(parley_sim_t *sim, const parley_government_t *g, double *b, double *d,
                           double *u)
{
    size_t i = g->actor;
    const size_t *pkg = sim->gov_pkg;
    if (!isnan(g->batna))
        b[i] = g->batna;
    if (!isnan(g->drift))
        d[i] = g->drift;
    if (!g->stances)
        return;
    gov_row(sim, g, sim->gov_w, sim->gov_v);
    double x = 0.0;
    int vetoed = 0;
    for (size_t j = 0; j < sim->m; j++) {
        x += sim->gov_w[sim->opt0[j] + pkg[j]];
        vetoed |= sim->gov_v[sim->opt0[j] + pkg[j]];
    }
    if (sim->n_terms)
        x += parley__sim_terms(sim, i, pkg);
    vetoed |= sim->linked && parley__sim_broken(sim, i, pkg) != SIM_NONE;
    u[i] = vetoed ? (double)NAN : x;
}

const char *parley_sim_break_name(parley_sim_break_t why)
{
    switch (why) {
    case PARLEY_BREAK_NONE: return "none";
    case PARLEY_BREAK_BATNA: return "batna-drift";
    case PARLEY_BREAK_GOVERNMENT: return "government";
    case PARLEY_BREAK_RATIFICATION: return "ratification";
    default: return "other";
    }
}
