/*
 * sim_transfer.c — side payments in a mediated protocol
 * (docs/simulation.md, "Side payments"): before each time the mediator
 * puts its text to the parties it attaches the cheapest transfer over the
 * scenario's channels between parties in the room that lifts every one of
 * them to its current target (payers included, net of what they pay), as
 * src/core/transfer.c computes it; none when nobody is short, when no
 * transfer within the limits does it, or when a party's red line vetoes
 * the text (money does not cross a red line). The parties answer the text
 * with the transfer counted; an agreement's utilities include it.
 */
#include <stdio.h>
#include <string.h>
#include "parley/transfer.h"
#include "simint.h"

#define ALLOC(field, count) \
    ((sim->field = parley__arena_array(&sim->arena, (count) + 1, sizeof *sim->field)) != NULL)

int parley__sim_transfer_alloc(parley_sim_t *sim)
{
    sim->xfer_on = 0;
    return ALLOC(xfer_net, sim->n) && ALLOC(xfer_pkg, sim->m) && ALLOC(xfer_in, sim->n) &&
           ALLOC(xfer_plan, 0) && ALLOC(r_xfer, 0);
}

/* The trace's words for the plan: "EU pays UKR 45 EUR bn, ...". */
static void note_plan(parley_sim_t *sim, const parley_transfer_plan_t *p)
{
    char buf[400];
    size_t at = 0;
    buf[0] = 0;
    for (size_t k = 0; k < p->channels && at < sizeof buf - 1; k++) {
        if (!(p->units[k] > 0.0))
            continue;
        const parley_transfer_t *t = parley_scenario_transfer(sim->s, k);
        char u[32];
        parley_format_number(p->units[k], u);
        int w = snprintf(buf + at, sizeof buf - at, "%s%s pays %s %s %s", at ? ", " : "",
                         sim->s->actors[t->from].id, sim->s->actors[t->to].id, u, t->unit);
        if (w < 0)
            break;
        at += (size_t)w;
    }
    parley__sim_note(sim, "the mediator attaches a side payment to its text: %s (cost to the "
                          "payers %.4g)", buf, p->cost);
}

void parley__sim_transfer_agreed(parley_sim_t *sim)
{
    sim->res.transfer = NULL;
    if (!sim->xfer_on)
        return;
    *sim->r_xfer = *sim->xfer_plan;
    sim->res.transfer = sim->r_xfer;
}

void parley__sim_transfer_attach(parley_sim_t *sim, const size_t *pkg)
{
    const parley_scenario_t *s = sim->s;
    sim->xfer_on = 0;
    if (!parley_scenario_transfer_count(s))
        return;
    int short_any = 0;
    for (size_t k = 0; k < sim->n; k++) {
        sim->xfer_in[k] = sim->room[k] == ROOM_IN;
        sim->xfer_net[k] = 0.0;
        if (!sim->xfer_in[k])
            continue;
        if (parley__sim_vetoed(sim, k, pkg))
            return;
        short_any |= parley__sim_utility(sim, k, pkg) < sim->tau[k] - SIM_EPS;
    }
    if (!short_any)
        return;
    for (size_t j = 0; j < sim->m; j++)
        sim->xfer_pkg[j] = sim->pos[sim->opt0[j] + pkg[j]];
    parley_transfer_plan_t plan;
    parley_transfer_reservations(s, sim->xfer_in, sim->xfer_pkg, sim->tau, &plan);
    if (plan.status != PARLEY_TRANSFER_FOUND || !(plan.total_units > 0.0))
        return;
    for (size_t k = 0; k < sim->n; k++)
        sim->xfer_net[k] = parley_transfer_net(s, &plan, k);
    *sim->xfer_plan = plan;
    sim->xfer_on = 1;
    note_plan(sim, &plan);
}
