/*
 * sim_use.c — whether each tactic is used in a run: a deadline, leak or
 * campaign with `probability` p < 1 is used with chance p, drawn per run
 * from (seed, tactic) like a chance event (docs/simulation.md, "Tactics");
 * without a seed it takes its likelier course (used when p >= 0.5). A
 * walk-away's `probability` is the chance it is carried out when due
 * (sim_round.c), so it is always threatened. Switched-off tactics
 * (simulate's --without-tactic) stay off.
 */
#include "simint.h"

/* Tactic k's use is drawn with keys past the walk-aways' and events'. */
#define USE_KEY 0x200000u

void parley__sim_tactics_use(parley_sim_t *sim)
{
    const parley_sim_config_t *c = sim->cfg;
    for (size_t k = 0; k < c->n_tactics; k++) {
        const parley_tactic_t *t = &c->tactics[k];
        int used = 1;
        if (t->kind != PARLEY_TACTIC_WALK_AWAY && t->probability < 1.0)
            used = sim->seeded ? parley__sim_chance(sim->seed, USE_KEY + k, 0) < t->probability
                               : t->probability >= 0.5;
        sim->tactic_off[k] = sim->tactic_user_off[k] || !used;
    }
}

int parley_sim_tactic_used(const parley_sim_t *sim, size_t k)
{
    return k < sim->cfg->n_tactics && !sim->tactic_off[k];
}

int parley_sim_event_drawn(const parley_sim_t *sim, size_t k)
{
    return k < sim->cfg->n_events && parley__sim_event_happens(sim, k);
}
