/*
 * uncertain.c — the scenario's uncertain inputs (numbers written as
 * distributions) and the simulation settings' defaults. A Monte Carlo
 * worker clones a scenario once (the loader's parley_scenario_clone) and
 * then rewrites its uncertain numbers in place for each sample, so setting
 * values costs O(inputs + actors x issues).
 */
#include <math.h>
#include <string.h>
#include "core.h"

size_t parley_scenario_uncertain_count(const parley_scenario_t *s)
{
    return s->n_unc;
}

const parley_uncertain_t *parley_scenario_uncertain(const parley_scenario_t *s, size_t k)
{
    return k < s->n_unc ? &s->unc[k] : NULL;
}

parley_status_t parley__scenario_add_uncertain(parley_ctx_t *ctx, parley_scenario_t *s,
                                               const parley_uncertain_t *u, double *target)
{
    if (s->n_unc == s->cap_unc) {
        size_t cap = s->cap_unc ? 2 * s->cap_unc : 16;
        parley_uncertain_t *nu = parley__arena_array(&s->arena, cap, sizeof *nu);
        double **nt = parley__arena_array(&s->arena, cap, sizeof *nt);
        double *no = parley__arena_array(&s->arena, cap, sizeof *no);
        parley__choice_t **nc = parley__arena_array(&s->arena, cap, sizeof *nc);
        if (!nu || !nt || !no || !nc)
            return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", s->origin);
        if (s->n_unc) {
            memcpy(nu, s->unc, s->n_unc * sizeof *nu);
            memcpy(nt, s->unc_target, s->n_unc * sizeof *nt);
            memcpy(nc, s->unc_choice, s->n_unc * sizeof *nc);
        }
        s->unc_choice = nc;
        s->unc = nu;
        s->unc_target = nt;
        s->unc_old = no;
        s->cap_unc = cap;
    }
    parley_uncertain_t *d = &s->unc[s->n_unc];
    *d = *u;
    d->label = parley__arena_strdup(&s->arena, u->label);
    d->path = parley__arena_strdup(&s->arena, u->path);
    if (!d->label || !d->path)
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", s->origin);
    s->unc_choice[s->n_unc] = NULL;
    s->unc_target[s->n_unc++] = target; /* NULL for a choice (choice.c) */
    return PARLEY_OK;
}

/* Weights are salience shares; an actor whose drawn saliences and term
 * weights are all 0 cares about nothing and has none. */
static int weights_defined(const parley_scenario_t *s, size_t *who)
{
    for (size_t i = 0; i < s->n_actors; i++)
        if (!(parley__weight_total(s, i) > 0.0)) {
            *who = i;
            return 0;
        }
    return 1;
}

parley_status_t parley_scenario_set_uncertain(parley_ctx_t *ctx, parley_scenario_t *s,
                                              const double *values)
{
    if (!s)
        return parley__fail(ctx, PARLEY_EARG, "parley_scenario_set_uncertain: invalid argument");
    for (size_t k = 0; values && k < s->n_unc; k++)
        if (!(values[k] >= s->unc[k].a && values[k] <= s->unc[k].b) ||
            (s->unc_choice[k] && values[k] != floor(values[k])))
            return parley__fail(ctx, PARLEY_EARG, "%s: %g is outside its support [%g, %g]",
                                s->unc[k].label, values[k], s->unc[k].a, s->unc[k].b);
    for (size_t k = 0; k < s->n_unc; k++) /* to undo a draw that zeroes every salience */
        if (s->unc_target[k])
            s->unc_old[k] = *s->unc_target[k];
    for (size_t k = 0; k < s->n_unc; k++)
        if (s->unc_target[k])
            *s->unc_target[k] = values ? values[k] : s->unc[k].base;
    size_t who;
    if (!weights_defined(s, &who)) {
        for (size_t k = 0; k < s->n_unc; k++)
            if (s->unc_target[k])
                *s->unc_target[k] = s->unc_old[k];
        return parley__fail(ctx, PARLEY_EARG,
                            "actor '%s': the drawn saliences are all 0 (it cares about nothing)",
                            s->actors[who].id);
    }
    for (size_t k = 0; k < s->n_unc; k++) /* choices change no weight: set after the check */
        if (s->unc_choice[k])
            parley__choice_apply(s, s->unc_choice[k],
                                 (size_t)(values ? values[k] : s->unc[k].base));
    parley_status_t st = parley__scenario_finish(ctx, s); /* arrays exist: cannot fail */
    if (st != PARLEY_OK)
        return st;
    parley__ok(ctx);
    return PARLEY_OK;
}

parley_status_t parley__sim_defaults(parley_ctx_t *ctx, parley_scenario_t *s)
{
    parley_sim_config_t *c = &s->sim;
    size_t n = s->n_actors;
    memset(c, 0, sizeof *c);
    c->protocol = PARLEY_PROTOCOL_ALTERNATING;
    c->meeting = PARLEY_MEETING_PLENARY;
    c->mediator = (size_t)-1;
    c->start = (size_t)-1;
    c->changes = 2;
    c->horizon = 20;
    c->grid = 11;
    c->durability_horizon = 100;
    double *fav = parley__arena_array(&s->arena, n + 1, sizeof *fav);
    unsigned char *room = parley__arena_alloc(&s->arena, n + 1);
    parley_strategy_t *st = parley__arena_array(&s->arena, n + 1, sizeof *st);
    if (!fav || !room || !st)
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", s->origin);
    for (size_t i = 0; i < n; i++) {
        fav[i] = 1.0;
        room[i] = 1;
        st[i].kind = PARLEY_STRATEGY_TIME;
        st[i].name = "linear";
        st[i].e = 1.0;
        st[i].factor = 1.0;
    }
    c->favour = fav;
    c->in_room = room;
    c->strategies = st;
    return PARLEY_OK;
}

const parley_sim_config_t *parley_scenario_simulation(const parley_scenario_t *s)
{
    return &s->sim;
}
