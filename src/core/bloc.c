/*
 * bloc.c — the scenario's blocs: actors who negotiate as one party, their
 * utilities combined by a stated rule (docs/scenario-format.md, "blocs").
 * A handful of members per bloc: everything here is a short loop.
 */
#include <assert.h>
#include "core.h"
#include "parley/utility.h"

size_t parley_scenario_bloc_count(const parley_scenario_t *s) { return s->n_blocs; }

const parley_bloc_t *parley_scenario_bloc(const parley_scenario_t *s, size_t k)
{
    assert(k < s->n_blocs);
    return &s->blocs[k];
}

size_t parley_scenario_bloc_of(const parley_scenario_t *s, size_t i)
{
    return s->bloc_of && i < s->n_actors ? s->bloc_of[i] : (size_t)-1;
}

double parley_bloc_share(const parley_scenario_t *s, const parley_bloc_t *b, size_t k)
{
    assert(k < b->n_members);
    if (b->weights == PARLEY_BLOC_EQUAL)
        return 1.0 / (double)b->n_members;
    double total = 0.0;
    for (size_t m = 0; m < b->n_members; m++)
        total += s->actors[b->members[m]].capability;
    return s->actors[b->members[k]].capability / total; /* capabilities are > 0 */
}

double parley_bloc_utility(const parley_scenario_t *s, const parley_bloc_t *b, const double *pkg)
{
    double u = 0.0;
    for (size_t k = 0; k < b->n_members; k++)
        u += parley_bloc_share(s, b, k) * parley_utility(s, b->members[k], pkg);
    return u;
}
