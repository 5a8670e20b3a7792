/*
 * sim_walkout.c — how talks end when parties leave (docs/simulation.md,
 * "Output and durability"): an essential party (`essential: true`, or the
 * mediator of mediated talks) walking out ends them in a breakdown, as do
 * fewer than two parties left in the room; a deal an essential party did
 * not sign does not count. One vocabulary names the ends for every output.
 */
#include <math.h>
#include <stdio.h>
#include "simint.h"

static const char *const END_KEY[] = {NULL, "agreement", "horizon", "breakdown-too-few",
                                      "breakdown-essential"};
static const char *const END_TEXT[] = {NULL, "agreement", "no deal by the horizon",
                                       "breakdown: fewer than two parties left",
                                       "breakdown: an essential party walked out"};

const char *parley_sim_end_key(parley_sim_end_t end)
{
    return (unsigned)end <= PARLEY_SIM_ESSENTIAL ? END_KEY[end] : NULL;
}

const char *parley_sim_end_text(parley_sim_end_t end)
{
    return (unsigned)end <= PARLEY_SIM_ESSENTIAL ? END_TEXT[end] : NULL;
}

int parley__sim_essential(const parley_sim_t *sim, size_t i)
{
    return sim->s->actors[i].essential ||
           (sim->protocol == PARLEY_PROTOCOL_MEDIATED && i == sim->cfg->mediator);
}

void parley__sim_decide_end(parley_sim_t *sim)
{
    for (size_t i = 0; i < sim->n; i++) {
        if (sim->room[i] != ROOM_WALKED || !parley__sim_essential(sim, i))
            continue;
        if (sim->protocol == PARLEY_PROTOCOL_MEDIATED && i == sim->cfg->mediator)
            parley__sim_note(sim, "the mediator %s has left: the mediated talks end",
                             sim->s->actors[i].id);
        else
            parley__sim_note(sim, "%s is essential and has walked out: the talks end",
                             sim->s->actors[i].id);
        sim->end = PARLEY_SIM_ESSENTIAL;
        sim->res.missing = i;
        return;
    }
    if (parley__sim_in_room(sim) < 2)
        sim->end = PARLEY_SIM_WALKOUT;
    else if (sim->round >= sim->horizon)
        sim->end = PARLEY_SIM_HORIZON;
}

void parley__sim_check_signatories(parley_sim_t *sim)
{
    parley_sim_result_t *r = &sim->res;
    for (size_t i = 0; i < sim->n; i++) {
        if (sim->r_sign[i] || !parley__sim_essential(sim, i))
            continue;
        parley__sim_note(sim, "the deal lacks the signature of %s, an essential party: it does "
                              "not count and the talks end", sim->s->actors[i].id);
        sim->end = r->end = PARLEY_SIM_ESSENTIAL;
        r->missing = i;
        r->terms = NULL;
        r->holds = 0;
        r->durability = 0;
        r->breaker = SIM_NONE;
        r->why = PARLEY_BREAK_NONE;
        for (size_t k = 0; k < sim->n; k++) {
            sim->r_util[k] = sim->r_disc[k] = (double)NAN;
            sim->r_sign[k] = 0;
        }
        return;
    }
}

void parley__sim_walkout_finish(parley_sim_t *sim)
{
    const parley_sim_result_t *r = &sim->res;
    for (size_t i = 0; i < sim->n; i++)
        sim->r_ended[i] =
            sim->room[i] == ROOM_WALKED && sim->walk_round[i] == sim->round &&
            (r->end == PARLEY_SIM_WALKOUT ||
             (r->end == PARLEY_SIM_ESSENTIAL && parley__sim_essential(sim, i)));
}

/* ---- Set-up warnings. */

static const char *const WARN_KEY[] = {"mediator-never-concedes", "tactic-past-horizon",
                                       "mediator-outside-room", "essential-outside-room"};

const char *parley_sim_warning_key(parley_sim_warning_kind_t kind)
{
    return (unsigned)kind < PARLEY_SIM_WARN_KINDS ? WARN_KEY[kind] : NULL;
}

size_t parley_sim_warning_count(const parley_sim_t *sim)
{
    return sim->n_warn;
}

const parley_sim_warning_t *parley_sim_warning(const parley_sim_t *sim, size_t k)
{
    return k < sim->n_warn ? &sim->warn[k] : NULL;
}

static void warn(parley_sim_t *sim, parley_sim_warning_kind_t kind, size_t actor, size_t tactic)
{
    sim->warn[sim->n_warn++] = (parley_sim_warning_t){kind, actor, tactic};
}

/* Whether an event within the horizon brings actor i into the room. */
static int joins(const parley_sim_t *sim, size_t i)
{
    for (size_t e = 0; e < sim->cfg->n_events; e++) {
        const parley_event_t *ev = &sim->cfg->events[e];
        if (ev->join && ev->join[i] && ev->round <= sim->horizon)
            return 1;
    }
    return 0;
}

void parley__sim_walkout_reset(parley_sim_t *sim)
{
    const parley_sim_config_t *c = sim->cfg;
    sim->protocol = sim->opt_protocol >= 0 ? (parley_protocol_t)sim->opt_protocol : c->protocol;
    sim->meeting = sim->opt_meeting >= 0 ? (parley_meeting_t)sim->opt_meeting : c->meeting;
    sim->n_warn = 0;
    size_t med = c->mediator;
    if (sim->protocol == PARLEY_PROTOCOL_MEDIATED && med != SIM_NONE) {
        const parley_strategy_t *st = &c->strategies[med];
        if (sim->room[med] == ROOM_IN &&
            (st->kind == PARLEY_STRATEGY_TIT_FOR_TAT ||
             (st->kind == PARLEY_STRATEGY_HARDLINE && sim->s->actors[med].batna_drift > 0.0)))
            warn(sim, PARLEY_SIM_WARN_FIRM_MEDIATOR, med, SIM_NONE);
        if (sim->room[med] != ROOM_IN)
            warn(sim, PARLEY_SIM_WARN_MEDIATOR_OUT, med, SIM_NONE);
    }
    for (size_t k = 0; k < c->n_tactics; k++) {
        const parley_tactic_t *t = &c->tactics[k];
        if (t->kind != PARLEY_TACTIC_LEAK && !sim->tactic_off[k] && t->round > sim->horizon)
            warn(sim, PARLEY_SIM_WARN_PAST_HORIZON, t->actor, k);
    }
    for (size_t i = 0; i < sim->n; i++)
        if (sim->s->actors[i].essential && sim->room[i] != ROOM_IN && !joins(sim, i))
            warn(sim, PARLEY_SIM_WARN_ESSENTIAL_OUT, i, SIM_NONE);
}

void parley_sim_warning_text(const parley_sim_t *sim, size_t k, char *buf, size_t cap)
{
    if (!buf || !cap)
        return;
    buf[0] = '\0';
    const parley_sim_warning_t *w = parley_sim_warning(sim, k);
    if (!w)
        return;
    const char *id = w->actor != SIM_NONE ? sim->s->actors[w->actor].id : "";
    switch (w->kind) {
    case PARLEY_SIM_WARN_FIRM_MEDIATOR:
        snprintf(buf, cap, "the mediator %s plays %s: it answers its own texts and %s, so "
                 "it may keep rejecting its own text and the talks may end without a deal "
                 "however far the others concede", id, sim->cfg->strategies[w->actor].name,
                 sim->cfg->strategies[w->actor].kind == PARLEY_STRATEGY_TIT_FOR_TAT
                     ? "lowers its target only by what each text gains it over the one before"
                     : "does not concede while its BATNA rises");
        break;
    case PARLEY_SIM_WARN_PAST_HORIZON:
        snprintf(buf, cap, "tactic '%s'%s%s is due in round %u, after the last round (%u): it "
                 "never happens", sim->cfg->tactics[w->tactic].name, *id ? " of " : "", id,
                 sim->cfg->tactics[w->tactic].round, sim->horizon);
        break;
    case PARLEY_SIM_WARN_MEDIATOR_OUT:
        snprintf(buf, cap, "the mediator %s is outside the room: it writes the texts but only "
                 "ratifies or vetoes them", id);
        break;
    case PARLEY_SIM_WARN_ESSENTIAL_OUT:
        snprintf(buf, cap, "%s is essential but outside the room for the whole run: it cannot "
                 "shape the texts, only ratify or veto them (the talks go on without it in the "
                 "room)", id);
        break;
    default:
        break;
    }
}
