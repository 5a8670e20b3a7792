/*
 * sim_round.c — what changes between rounds: BATNAs drift, scheduled events,
 * leaks, deadlines and walk-aways; then each actor's reservation (BATNA,
 * audience costs, threats it believes) and the target its strategy asks
 * for (Faratin, Sierra & Jennings 1998 for time-dependent concession).
 */
#include <math.h>
#include <string.h>
#include "simint.h"
#include "../core/rng.h"

static double clamp01(double x)
{
    return x < 0.0 ? 0.0 : x > 1.0 ? 1.0 : x;
}

static void apply_event(parley_sim_t *sim, const parley_event_t *e)
{
    const parley_scenario_t *s = sim->s;
    if (e->government)
        parley__sim_gov_apply(sim, e);
    for (size_t i = 0; i < sim->n; i++) {
        if (e->batna && e->batna[i] != 0.0) {
            double old = sim->b[i];
            sim->b[i] = clamp01(sim->b[i] + e->batna[i]);
            parley__sim_note(sim, "%s: BATNA of %s %.3f -> %.3f", e->name, s->actors[i].id, old,
                             sim->b[i]);
        }
        if (e->drift && !isnan(e->drift[i])) {
            parley__sim_note(sim, "%s: BATNA drift of %s %+.4f -> %+.4f per round", e->name,
                             s->actors[i].id, sim->drift[i], e->drift[i]);
            sim->drift[i] = e->drift[i];
        }
        if (e->join && e->join[i] && sim->room[i] == ROOM_OUT) {
            sim->room[i] = ROOM_IN;
            sim->paths_dirty = 1;
            parley__sim_note(sim, "%s: %s joins the room", e->name, s->actors[i].id);
        }
        for (size_t j = 0; e->drop && j < sim->m; j++) {
            if (!e->drop[i * sim->m + j])
                continue;
            memset(sim->veto + i * sim->total + sim->opt0[j], 0, sim->nopt[j]);
            sim->paths_dirty = 1;
            parley__sim_note(sim, "%s: %s gives up its red line on '%s'", e->name, s->actors[i].id,
                             s->issues[j].id);
        }
        if (e->leave && e->leave[i] && sim->room[i] == ROOM_IN) {
            sim->room[i] = ROOM_OUT;
            sim->paths_dirty = 1;
            parley__sim_note(sim, "%s: %s leaves the room (it will ratify or veto)", e->name,
                             s->actors[i].id);
        }
    }
}

/* A chance event (probability < 1) that does not happen says so. */
static int event_happens(parley_sim_t *sim, size_t k)
{
    const parley_event_t *e = &sim->cfg->events[k];
    if (parley__sim_event_happens(sim, k))
        return 1;
    parley__sim_note(sim, "%s does not happen (probability %.2f)", e->name, e->probability);
    return 0;
}

/* The option index of a proposal's position on issue j; SIM_NONE if open. */
static size_t option_of(const parley_sim_t *sim, size_t j, double position)
{
    if (parley_is_open(position))
        return SIM_NONE;
    size_t best = 0;
    for (size_t o = 1; o < sim->nopt[j]; o++)
        if (fabs(sim->pos[sim->opt0[j] + o] - position) <
            fabs(sim->pos[sim->opt0[j] + best] - position))
            best = o;
    return best;
}

static int exposed(const parley_sim_t *sim, const parley_tactic_t *t, size_t i)
{
    return sim->room[i] != ROOM_WALKED && (!t->effect || t->effect[i] > 0.0);
}

/* Issue j's leaked option and everything the actor values no more becomes
 * a red line, unless the leak gave it its best. */
static void harden(parley_sim_t *sim, size_t i, size_t j, size_t leaked)
{
    size_t o0 = sim->opt0[j];
    double *w = sim->wval + i * sim->total + o0, top = w[0];
    for (size_t o = 1; o < sim->nopt[j]; o++)
        top = w[o] > top ? w[o] : top;
    if (!(w[leaked] < top - SIM_EPS))
        return;
    for (size_t o = 0; o < sim->nopt[j]; o++)
        if (w[o] <= w[leaked] + SIM_EPS)
            sim->veto[i * sim->total + o0 + o] = 1;
    parley__sim_note(sim, "leak: %s's red line on '%s' hardens at '%s' and below",
                     sim->s->actors[i].id, sim->s->issues[j].id,
                     sim->s->issues[j].kind == PARLEY_ISSUE_DISCRETE
                         ? sim->s->issues[j].options[leaked].id
                         : "the leaked position");
}

void parley__sim_leak(parley_sim_t *sim, const parley_tactic_t *t)
{
    const parley_scenario_t *s = sim->s;
    size_t *pkg = sim->scratch2;
    if (t->proposal != SIM_NONE) {
        const double *p = s->proposals[t->proposal].positions;
        for (size_t j = 0; j < sim->m; j++)
            pkg[j] = option_of(sim, j, p[j]);
        parley__sim_note(sim, "%s: proposal '%s' becomes public", t->name, s->proposals[t->proposal].id);
    } else if (sim->have_text) {
        for (size_t j = 0; j < sim->m; j++)
            pkg[j] = sim->text[j];
        parley__sim_note(sim, "%s: the text on the table becomes public", t->name);
    } else {
        parley__sim_note(sim, "%s: nothing on the table to leak yet", t->name);
        return;
    }
    parley__sim_publics_leak(sim, t);
    for (size_t i = 0; i < sim->n; i++) {
        if (!exposed(sim, t, i))
            continue;
        if (t->effect && t->effect[i] > 0.0) {
            sim->aud[i] += t->effect[i];
            parley__sim_note(sim, "leak: audience cost for %s: reservation +%.3f", s->actors[i].id,
                             t->effect[i]);
        }
        for (size_t j = 0; t->harden && j < sim->m; j++)
            if (t->harden[j] && pkg[j] != SIM_NONE)
                harden(sim, i, j, pkg[j]);
    }
    sim->paths_dirty = 1;
}

/* A uniform number in [0,1) from (seed, tactic or event key, round): splitmix64's mix. */
double parley__sim_chance(unsigned long long seed, size_t k, unsigned round)
{
    uint64_t x = seed + 0x9e3779b97f4a7c15ull * ((uint64_t)k * 65537ull + round);
    return (double)(parley__splitmix64(&x) >> 11) * 0x1.0p-53;
}

static void walk_away(parley_sim_t *sim, size_t w)
{
    const parley_tactic_t *t = &sim->cfg->tactics[w];
    const parley_scenario_t *s = sim->s;
    if (sim->room[t->actor] == ROOM_WALKED)
        return;
    int carried = sim->seeded ? parley__sim_chance(sim->seed, w, sim->round) < t->probability
                            : t->probability >= 0.5;
    if (!carried) {
        sim->due[w] = 0; /* the threat is spent: nobody counts on it any more */
        parley__sim_note(sim, "%s: %s does not carry out its threat (probability %.2f)", t->name,
                         s->actors[t->actor].id, t->probability);
        return;
    }
    sim->room[t->actor] = ROOM_WALKED;
    sim->walk_round[t->actor] = sim->round;
    sim->due[w] = 0;
    sim->paths_dirty = 1;
    parley__sim_note(sim, "%s: %s walks away", t->name, s->actors[t->actor].id);
    for (size_t i = 0; i < sim->n; i++) {
        if (t->effect && t->effect[i] != 0.0) {
            double old = sim->b[i];
            sim->b[i] = clamp01(sim->b[i] + t->effect[i]);
            parley__sim_note(sim, "%s: BATNA of %s %.3f -> %.3f", t->name, s->actors[i].id, old,
                             sim->b[i]);
        }
        if (t->drift && !isnan(t->drift[i]))
            sim->drift[i] = t->drift[i];
    }
}

/* The walk-away tactic of the actor who set deadline d (the loader made sure it exists). */
static size_t walk_away_of(const parley_sim_t *sim, size_t actor)
{
    for (size_t k = 0; k < sim->cfg->n_tactics; k++)
        if (sim->cfg->tactics[k].kind == PARLEY_TACTIC_WALK_AWAY &&
            sim->cfg->tactics[k].actor == actor && !sim->tactic_off[k])
            return k;
    return SIM_NONE;
}

static void deadline_passes(parley_sim_t *sim, size_t d)
{
    const parley_tactic_t *t = &sim->cfg->tactics[d];
    size_t w = t->then_walk_away ? walk_away_of(sim, t->actor) : SIM_NONE;
    parley__sim_note(sim, "%s of %s (round %u) passes without a deal", t->name,
                     sim->s->actors[t->actor].id, sim->round);
    if (w != SIM_NONE) {
        sim->due[d] = 0;
        walk_away(sim, w);
        return;
    }
    double old = sim->cred[d];
    sim->cred[d] *= t->decay;
    sim->due[d] = t->every && sim->round + t->every <= sim->horizon ? sim->round + t->every : 0;
    if (sim->due[d])
        parley__sim_note(sim, "%s: no consequence; credibility %.2f -> %.2f; new deadline round %u",
                         t->name, old, sim->cred[d], sim->due[d]);
    else
        parley__sim_note(sim, "%s: no consequence; credibility %.2f -> %.2f", t->name, old,
                         sim->cred[d]);
}

void parley__sim_end_round(parley_sim_t *sim)
{
    const parley_sim_config_t *c = sim->cfg;
    for (size_t k = 0; k < c->n_tactics; k++) {
        const parley_tactic_t *t = &c->tactics[k];
        if (sim->tactic_off[k] || sim->due[k] != sim->round || t->kind == PARLEY_TACTIC_LEAK)
            continue;
        if (t->actor != SIM_NONE && sim->room[t->actor] == ROOM_WALKED) {
            sim->due[k] = 0;
            continue;
        }
        if (t->kind == PARLEY_TACTIC_DEADLINE)
            deadline_passes(sim, k);
        else
            walk_away(sim, k);
    }
    parley__sim_decide_end(sim);
}

/* Reservation: BATNA, plus audience costs, plus the expected effect of the
 * walk-away threats it believes. */
static void reservations(parley_sim_t *sim)
{
    const parley_sim_config_t *c = sim->cfg;
    for (size_t i = 0; i < sim->n; i++) {
        double r = sim->b[i] + sim->aud[i];
        for (size_t k = 0; k < c->n_tactics; k++) {
            const parley_tactic_t *t = &c->tactics[k];
            if (t->kind == PARLEY_TACTIC_WALK_AWAY && !sim->tactic_off[k] && sim->due[k] &&
                t->actor != i && t->effect)
                r += sim->cred[k] * t->effect[i];
        }
        sim->resv[i] = clamp01(r);
    }
}

/* Normalised time with the pressure of the deadlines other actors set:
 * (1 - kappa) t + kappa max(t, progress towards the deadline). */
static double pressured(const parley_sim_t *sim, size_t i, double t)
{
    double out = t;
    const parley_sim_config_t *c = sim->cfg;
    for (size_t k = 0; k < c->n_tactics; k++) {
        const parley_tactic_t *d = &c->tactics[k];
        if (d->kind != PARLEY_TACTIC_DEADLINE || sim->tactic_off[k] || !sim->due[k] ||
            d->actor == i || sim->room[d->actor] == ROOM_WALKED)
            continue;
        unsigned due = sim->due[k];
        double p = due > 1 ? (double)(sim->round - 1) / (double)(due - 1) : 1.0;
        p = p > 1.0 ? 1.0 : p;
        double te = (1.0 - sim->cred[k]) * t + sim->cred[k] * (p > t ? p : t);
        out = te > out ? te : out;
    }
    return out;
}

static double concede(const parley_strategy_t *st, double t, double r, double umax)
{
    double f = st->k + (1.0 - st->k) * pow(t, 1.0 / st->e);
    double tau = r + (umax - r) * (1.0 - f);
    return tau > r ? tau : r;
}

static void targets(parley_sim_t *sim)
{
    double span = sim->horizon > 1 ? (double)(sim->horizon - 1) : 1.0;
    double t = sim->horizon > 1 ? (double)(sim->round - 1) / span : 1.0;
    for (size_t i = 0; i < sim->n; i++) {
        const parley_strategy_t *st = &sim->cfg->strategies[i];
        double r = sim->resv[i], tau;
        int rising = sim->round > 1 ? sim->b[i] > sim->b_prev[i] + SIM_EPS : sim->drift[i] > 0.0;
        switch (st->kind) {
        case PARLEY_STRATEGY_HARDLINE:
            if (sim->round > 1 && !rising)
                sim->clock[i]++;
            tau = concede(st, rising ? (double)sim->clock[i] / span
                                     : pressured(sim, i, (double)sim->clock[i] / span),
                          r, sim->umax[i]);
            break;
        case PARLEY_STRATEGY_TIT_FOR_TAT: {
            double got = sim->seen[i] - sim->seen_prev[i];
            tau = sim->round <= 2 ? sim->umax[i] : sim->tau_prev[i];
            if (sim->round > 2 && isfinite(got) && got > 0.0)
                tau -= st->factor * got;
            tau = tau > sim->umax[i] ? sim->umax[i] : tau;
            tau = tau < r ? r : tau;
            break;
        }
        default:
            tau = concede(st, pressured(sim, i, t), r, sim->umax[i]);
            break;
        }
        sim->tau[i] = tau;
    }
}

void parley__sim_begin_round(parley_sim_t *sim)
{
    const parley_sim_config_t *c = sim->cfg;
    sim->round++;
    for (size_t i = 0; i < sim->n; i++) {
        sim->b_prev[i] = sim->b[i];
        sim->tau_prev[i] = sim->tau[i];
        if (sim->round > 1)
            sim->b[i] = clamp01(sim->b[i] + sim->drift[i]);
        sim->seen_prev[i] = sim->seen[i]; /* the best it was offered two rounds ago */
        sim->seen[i] = sim->seen_next[i]; /* and last round */
        sim->seen_next[i] = -HUGE_VAL;
    }
    for (size_t e = 0; e < c->n_events; e++)
        if (c->events[e].round == sim->round && event_happens(sim, e))
            apply_event(sim, &c->events[e]);
    for (size_t k = 0; k < c->n_tactics; k++)
        if (c->tactics[k].kind == PARLEY_TACTIC_LEAK && !sim->tactic_off[k] &&
            c->tactics[k].round == sim->round)
            parley__sim_leak(sim, &c->tactics[k]);
    parley__sim_publics_round(sim); /* events' and campaigns' shifts of the publics */
    reservations(sim);
    targets(sim);
    parley__sim_bloc_round(sim);
}

/* Durability: from the deal's round on, BATNAs drift and the scheduled
 * events apply (those that happen in this run); a change of government
 * re-evaluates the deal with the new stances. The first signatory whose
 * BATNA exceeds its utility from the deal (or whose new government's red
 * line it crosses) breaks it: for a new government's reason when its
 * government changed in that round, else for BATNA drift. */
void parley__sim_durability(parley_sim_t *sim)
{
    const parley_sim_config_t *c = sim->cfg;
    parley_sim_result_t *r = &sim->res;
    double *b = sim->b_prev, *d = sim->tau_prev, *u = sim->gov_u; /* scratch: the round is over */
    for (size_t i = 0; i < sim->n; i++) {
        b[i] = sim->b[i];
        d[i] = sim->drift[i];
        u[i] = sim->r_util[i];
    }
    parley__sim_gov_deal(sim);
    r->holds = 1;
    r->break_event = SIM_NONE;
    size_t rat_who = SIM_NONE;
    unsigned rat_m = parley__sim_late_votes(sim, &rat_who); /* sim_ratify.c */
    for (unsigned m = 0; m <= sim->cfg->durability_horizon; m++) {
        unsigned round = sim->round + m;
        memset(sim->gov_new, 0, sim->n);
        for (size_t i = 0; m > 0 && i < sim->n; i++)
            b[i] = clamp01(b[i] + d[i]);
        for (size_t e = 0; m > 0 && e < c->n_events; e++) {
            const parley_event_t *ev = &c->events[e];
            if (ev->round != round || !parley__sim_event_happens(sim, e))
                continue;
            for (size_t i = 0; i < sim->n; i++) {
                b[i] = ev->batna ? clamp01(b[i] + ev->batna[i]) : b[i];
                d[i] = ev->drift && !isnan(ev->drift[i]) ? ev->drift[i] : d[i];
            }
            if (ev->government) {
                parley__sim_gov_judge(sim, ev->government, b, d, u);
                sim->gov_new[ev->government->actor] = 1;
                sim->gov_event[ev->government->actor] = e;
            }
        }
        if (m == rat_m) { /* a body voting later turns the deal down */
            r->holds = 0;
            r->durability = m;
            r->breaker = rat_who;
            r->why = PARLEY_BREAK_RATIFICATION;
            r->break_utility = u[rat_who];
            r->break_batna = b[rat_who];
            return;
        }
        for (size_t i = 0; i < sim->n; i++) {
            if (r->signatory[i] && (isnan(u[i]) || b[i] > u[i] + SIM_EPS)) {
                r->holds = 0;
                r->durability = m;
                r->breaker = i;
                r->why = sim->gov_new[i] ? PARLEY_BREAK_GOVERNMENT : PARLEY_BREAK_BATNA;
                r->break_utility = u[i];
                r->break_batna = b[i];
                r->break_event = sim->gov_new[i] ? sim->gov_event[i] : SIM_NONE;
                return;
            }
        }
    }
}
