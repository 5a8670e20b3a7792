/*
 * sim_why.c — durability in `parley simulate`'s text and JSON: how long the
 * deal holds, who breaks it first and why (BATNA drift, a new government,
 * ...), with the numbers that decide it (docs/simulation.md, "Blocs and
 * governments").
 */
#include <math.h>
#include <stdio.h>
#include "sim.h"

static const char *actor_id(const sim_run_t *r, size_t i)
{
    return parley_scenario_actor(r->s, i)->id;
}

/* The event that changed the breaker's government, or NULL. */
static const parley_event_t *break_event(const sim_run_t *r, const parley_sim_result_t *res)
{
    const parley_sim_config_t *c = parley_scenario_simulation(r->s);
    return res->break_event < c->n_events ? &c->events[res->break_event] : NULL;
}

static void government_text(parley_buf_t *b, const sim_run_t *r, const parley_sim_result_t *res)
{
    const parley_event_t *e = break_event(r, res);
    const char *id = actor_id(r, res->breaker);
    parley_buf_printf(b, "\nDurability: %u rounds, until a new government of %s ('%s', event "
                         "'%s' in round %u) breaks it: ",
                      res->durability, id, e ? e->government->name : "?", e ? e->name : "?",
                      e ? e->round : 0u);
    if (isnan(res->break_utility))
        parley_buf_printf(b, "the deal crosses one of its red lines\n");
    else
        parley_buf_printf(b, "its utility from the deal %.3f < its BATNA %.3f\n",
                          res->break_utility, res->break_batna);
}

void sim_durability_text(parley_buf_t *b, const sim_run_t *r, const parley_sim_result_t *res)
{
    const parley_sim_config_t *c = parley_scenario_simulation(r->s);
    if (res->holds)
        parley_buf_printf(b, "\nDurability: holds for at least %u rounds (no party's drifting "
                             "BATNA overtakes its utility from the deal)\n",
                          c->durability_horizon);
    else if (res->why == PARLEY_BREAK_GOVERNMENT)
        government_text(b, r, res);
    else if (res->why == PARLEY_BREAK_RATIFICATION)
        parley_buf_printf(b, "\nDurability: %u rounds, until a body ratifying %s's signature "
                             "votes it down (see Ratification)\n",
                          res->durability, actor_id(r, res->breaker));
    else if (res->why != PARLEY_BREAK_BATNA)
        parley_buf_printf(b, "\nDurability: %u rounds, until %s breaks it (%s)\n", res->durability,
                          actor_id(r, res->breaker), parley_sim_break_name(res->why));
    else if (res->durability == 0)
        parley_buf_printf(b, "\nDurability: fragile at once: %s's BATNA already exceeds its "
                             "utility from the deal\n", actor_id(r, res->breaker));
    else
        parley_buf_printf(b, "\nDurability: %u rounds, until %s's drifting BATNA exceeds its "
                             "utility from the deal (%.3f)\n",
                          res->durability, actor_id(r, res->breaker), res->break_utility);
}

void sim_durability_json(parley_json_t *j, const sim_run_t *r, const parley_sim_result_t *res)
{
    parley_json_object_begin(j);
    parley_json_key(j, "holds");
    parley_json_bool(j, res->holds);
    parley_json_key(j, "rounds");
    if (res->holds)
        parley_json_null(j);
    else
        parley_json_int(j, res->durability);
    parley_json_key(j, "breaker");
    parley_json_string(j, res->holds ? NULL : actor_id(r, res->breaker));
    parley_json_key(j, "why");
    parley_json_string(j, res->holds ? NULL : parley_sim_break_name(res->why));
    if (!res->holds) {
        const parley_event_t *e = break_event(r, res);
        parley_json_key(j, "event");
        parley_json_string(j, e ? e->name : NULL);
        parley_json_key(j, "government");
        parley_json_string(j, e ? e->government->name : NULL);
        parley_json_key(j, "utility");
        if (isnan(res->break_utility))
            parley_json_null(j);
        else
            parley_json_number(j, res->break_utility);
        parley_json_key(j, "batna");
        parley_json_number(j, res->break_batna);
    }
    parley_json_key(j, "looked_ahead");
    parley_json_int(j, parley_scenario_simulation(r->s)->durability_horizon);
    parley_json_object_end(j);
}
