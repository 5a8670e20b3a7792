/*
 * choice.c — uncertain inputs over words (PARLEY_DIST_CHOICE): an actor's
 * strategy, the protocol, the meeting format or the mediator written as
 * {dist: choice, options: [...], p: [...]} (docs/scenario-format.md). The
 * input's value is the index of an option; setting it writes that option
 * into the scenario's simulation settings, which the simulator re-reads on
 * every reset.
 */
#include <string.h>
#include "core.h"

parley__choice_t *parley__choice_new(parley_scenario_t *s, parley__choice_what_t what,
                                     size_t actor, size_t n)
{
    parley__choice_t *c = parley__arena_alloc(&s->arena, sizeof *c);
    if (!c)
        return NULL;
    c->what = what;
    c->actor = actor;
    c->n = n;
    if (what == PARLEY__CHOICE_STRATEGY)
        c->strategy = parley__arena_array(&s->arena, n, sizeof *c->strategy);
    else
        c->code = parley__arena_array(&s->arena, n, sizeof *c->code);
    return c->strategy || c->code ? c : NULL;
}

void parley__choice_apply(parley_scenario_t *s, const parley__choice_t *c, size_t k)
{
    if (k >= c->n)
        return;
    parley_sim_config_t *cfg = &s->sim;
    switch (c->what) {
    case PARLEY__CHOICE_STRATEGY:
        /* the strategies are the scenario's arena array (parley__sim_defaults) */
        ((parley_strategy_t *)cfg->strategies)[c->actor] = c->strategy[k];
        break;
    case PARLEY__CHOICE_PROTOCOL: cfg->protocol = (parley_protocol_t)c->code[k]; break;
    case PARLEY__CHOICE_MEETING: cfg->meeting = (parley_meeting_t)c->code[k]; break;
    case PARLEY__CHOICE_MEDIATOR: cfg->mediator = c->code[k]; break;
    }
}

parley_status_t parley__scenario_add_choice(parley_ctx_t *ctx, parley_scenario_t *s,
                                            const parley_uncertain_t *u, parley__choice_t *c)
{
    size_t n = u->n_options;
    const char **names = parley__arena_array(&s->arena, n, sizeof *names);
    double *p = parley__arena_array(&s->arena, n, sizeof *p);
    if (!names || !p)
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", s->origin);
    for (size_t k = 0; k < n; k++) {
        if (!(names[k] = parley__arena_strdup(&s->arena, u->options[k])))
            return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", s->origin);
        p[k] = u->p[k];
    }
    parley_uncertain_t d = *u;
    d.dist = PARLEY_DIST_CHOICE;
    d.options = names;
    d.p = p;
    parley_status_t st = parley__scenario_add_uncertain(ctx, s, &d, NULL);
    if (st)
        return st;
    s->unc_choice[s->n_unc - 1] = c;
    return PARLEY_OK;
}
