/*
 * sim_ratify.c — ratifying bodies and publics in the simulator
 * (docs/simulation.md, "Ratification and publics"). Each member's
 * salience-weighted value of every option is tabled at reset, so a member's
 * utility is one add per issue; members' weights (a public's segment
 * shares) move with events, campaigns and leaks. A text agreed in the room
 * is put to the signatories' bodies (a RATIFY move); a rejection makes the
 * signature void and the talks go on. An anticipating negotiator answers a
 * text outside its body's win-set as one on its red line, and the mediator
 * counts it so. A body with vote_after votes later, on the publics as they
 * will have moved: a rejection then breaks the deal (durability).
 */
#include <limits.h>
#include <math.h>
#include <string.h>
#include "simint.h"
#include "parley/ratify.h"
#include "parley/utility.h"

#define TOL 1e-12

#define ALLOC(field, count) \
    ((sim->field = parley__arena_array(&sim->arena, (count) + 1, sizeof *sim->field)) != NULL)

parley_status_t parley__sim_ratify_create(parley_sim_t *sim)
{
    const parley_scenario_t *s = sim->s;
    sim->nb = parley_scenario_ratifier_count(s);
    sim->nbm = parley_scenario_ratify_member_count(s);
    sim->anticipating = 0;
    for (size_t k = 0; k < sim->nb; k++)
        sim->anticipating |= parley_scenario_ratifier(s, k)->anticipate;
    if (!ALLOC(bw, sim->nbm) || !ALLOC(bw2, sim->nbm) || !ALLOC(mval, sim->nbm * sim->total) ||
        !ALLOC(mveto, sim->nbm * sim->total) || !ALLOC(bshare, sim->nb) || !ALLOC(r_rat, sim->nb) ||
        !ALLOC(r_rshare, sim->nb) || !ALLOC(r_void, sim->nb) || !ALLOC(r_pkg, sim->m) || !ALLOC(wsv, sim->n))
        return PARLEY_ENOMEM;
    return PARLEY_OK;
}

void parley__sim_ratify_read(parley_sim_t *sim)
{
    const parley_scenario_t *s = sim->s;
    for (size_t k = 0; k < sim->nb; k++) {
        const parley_ratifier_t *b = parley_scenario_ratifier(s, k);
        for (size_t i = 0; i < b->n_members; i++) {
            const parley_ratify_member_t *mb = &b->members[i];
            size_t mi = b->first + i;
            double S = 0.0;
            for (size_t j = 0; j < sim->m; j++)
                S += mb->stances[j].form == PARLEY_VALUE_NONE ? 0.0 : mb->stances[j].salience;
            sim->bw[mi] = mb->weight;
            for (size_t j = 0; j < sim->m; j++) {
                const parley_stance_t *st = &mb->stances[j];
                for (size_t o = 0; o < sim->nopt[j]; o++) {
                    size_t at = mi * sim->total + sim->opt0[j] + o;
                    double x = sim->pos[sim->opt0[j] + o];
                    int none = st->form == PARLEY_VALUE_NONE || !(S > 0.0);
                    sim->mval[at] = none ? 0.0 : st->salience / S * parley_stance_value(s, j, st, x);
                    sim->mveto[at] = (unsigned char)(parley_stance_crosses(s, j, st, x) != 0);
                }
            }
        }
        sim->bshare[k] = (double)NAN;
        sim->r_rat[k] = PARLEY_RATIFY_NONE;
        sim->r_rshare[k] = (double)NAN;
        sim->r_void[k] = 0;
    }
    sim->res.n_voided = 0;
    sim->res.voided = sim->nb ? sim->r_void : NULL;
    sim->res.ratified = sim->nb ? sim->r_rat : NULL;
    sim->res.ratify_share = sim->nb ? sim->r_rshare : NULL;
}

static int met(const parley_threshold_t *t, double share)
{
    return t->strict ? share > t->share + TOL : share >= t->share - TOL;
}

/* Body k's vote on pkg with member weights w: 1 ratified, 0 rejected; *share the yes share. */
static int body_vote(const parley_sim_t *sim, size_t k, const size_t *pkg, const double *w,
                     double *share)
{
    const parley_ratifier_t *b = parley_scenario_ratifier(sim->s, k);
    double yes = 0.0, total = 0.0;
    for (size_t i = 0; i < b->n_members; i++) {
        size_t mi = b->first + i;
        const double *mv = sim->mval + mi * sim->total;
        const unsigned char *vt = sim->mveto + mi * sim->total;
        double u = 0.0;
        int veto = 0;
        for (size_t j = 0; j < sim->m; j++) {
            u += mv[sim->opt0[j] + pkg[j]];
            veto |= vt[sim->opt0[j] + pkg[j]];
        }
        total += w[mi];
        if (!veto && u >= b->members[i].batna - SIM_EPS)
            yes += w[mi];
    }
    if (!(total > 0.0)) {
        *share = 0.0;
        return 0;
    }
    *share = yes / total;
    return met(&b->rule, yes / total) ||
           (b->has_override && !met(&b->override, (total - yes) / total));
}

int parley__sim_winset_quiet(const parley_sim_t *sim, size_t i, const size_t *pkg)
{
    int out = 0;
    for (size_t k = 0; sim->anticipating && k < sim->nb; k++) {
        const parley_ratifier_t *b = parley_scenario_ratifier(sim->s, k);
        double sh;
        out += b->actor == i && b->anticipate && !body_vote(sim, k, pkg, sim->bw, &sh);
    }
    return out;
}

int parley__sim_winset_out(parley_sim_t *sim, size_t i, const size_t *pkg)
{
    int out = 0;
    for (size_t k = 0; sim->anticipating && k < sim->nb; k++) {
        const parley_ratifier_t *b = parley_scenario_ratifier(sim->s, k);
        double sh;
        if (b->actor == i && b->anticipate && !body_vote(sim, k, pkg, sim->bw, &sh)) {
            out++;
            if (sim->trace_on)
                parley__sim_note(sim, "%s anticipates '%s': the text is outside its win-set (yes "
                                 "%.1f%%, %s): it answers as to a red line", sim->s->actors[i].id,
                                 b->id, 100.0 * sh, parley_threshold_name(&b->rule));
        }
    }
    return out;
}

/* Adds shifts (flat over the members) to weights w, keeping shares in [0,1];
 * notes the changes when `name` is given. */
static void shift(parley_sim_t *sim, double *w, const double *d, const char *name)
{
    for (size_t k = 0; k < sim->nb; k++) {
        const parley_ratifier_t *b = parley_scenario_ratifier(sim->s, k);
        for (size_t i = 0; i < b->n_members; i++) {
            size_t mi = b->first + i;
            if (d[mi] == 0.0)
                continue;
            double old = w[mi], v = old + d[mi];
            w[mi] = v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v;
            if (name)
                parley__sim_note(sim, "%s: public of '%s': segment '%s' %.3f -> %.3f", name, b->id,
                                 b->members[i].id, old, w[mi]);
        }
    }
}

/* Round r's scheduled public shifts applied to w: events, and the campaigns
 * running (not switched off, their actor not gone). Leaks are applied when
 * they happen (parley__sim_publics_leak), or here when projecting. */
static void round_shifts(parley_sim_t *sim, double *w, unsigned r, int project)
{
    const parley_sim_config_t *c = sim->cfg;
    for (size_t e = 0; e < c->n_events; e++)
        if (c->events[e].round == r && c->events[e].public_shift &&
            parley__sim_event_happens(sim, e)) /* its `probability` in this run */
            shift(sim, w, c->events[e].public_shift, project ? NULL : c->events[e].name);
    for (size_t k = 0; k < c->n_tactics; k++) {
        const parley_tactic_t *t = &c->tactics[k];
        if (!t->public_shift || sim->tactic_off[k] ||
            (t->actor != SIM_NONE && sim->room[t->actor] == ROOM_WALKED))
            continue;
        int on = t->kind == PARLEY_TACTIC_CAMPAIGN ? r >= t->round && r < t->round + t->rounds
                                                   : project && t->kind == PARLEY_TACTIC_LEAK &&
                                                         t->round == r;
        if (on)
            shift(sim, w, t->public_shift, project ? NULL : t->name);
    }
}

void parley__sim_publics_round(parley_sim_t *sim)
{
    if (sim->nb)
        round_shifts(sim, sim->bw, sim->round, 0);
}

void parley__sim_publics_leak(parley_sim_t *sim, const parley_tactic_t *t)
{
    if (sim->nb && t->public_shift)
        shift(sim, sim->bw, t->public_shift, t->name);
}

int parley__sim_bodies_vote(parley_sim_t *sim, const size_t *pkg)
{
    int all = 1, any = 0;
    for (size_t k = 0; k < sim->nb; k++) {
        const parley_ratifier_t *b = parley_scenario_ratifier(sim->s, k);
        sim->bshare[k] = (double)NAN;
        if (sim->room[b->actor] == ROOM_WALKED || b->vote_after)
            continue;
        double sh;
        int ok = body_vote(sim, k, pkg, sim->bw, &sh);
        sim->bshare[k] = sh;
        any = 1;
        parley__sim_note(sim, "ratification: '%s' (%s) votes yes %.1f%%, %s%s: %s", b->id,
                         sim->s->actors[b->actor].id, 100.0 * sh, parley_threshold_name(&b->rule),
                         b->has_override ? " with an override" : "",
                         ok ? "ratified" : "rejected");
        sim->r_void[k] += !ok; /* any rejection voids the signature */
        all &= ok;
    }
    if (!any)
        return 1;
    if (sim->trace_on) {
        signed char *ans = sim->ans + sim->n;
        for (size_t i = 0; i < sim->n; i++)
            ans[i] = (signed char)PARLEY_ANSWER_NONE;
        for (size_t k = 0; k < sim->nb; k++) {
            size_t a = parley_scenario_ratifier(sim->s, k)->actor;
            if (isnan(sim->bshare[k]))
                continue;
            double sh;
            int ok = body_vote(sim, k, pkg, sim->bw, &sh);
            if (ans[a] != (signed char)PARLEY_ANSWER_REJECT)
                ans[a] = (signed char)(ok ? PARLEY_ANSWER_ACCEPT : PARLEY_ANSWER_REJECT);
        }
        parley__sim_move(sim, PARLEY_MOVE_RATIFY, SIM_NONE, pkg, ans);
        if (sim->tr.n_moves && !sim->tr.failed) {
            double *sh = parley__arena_array(&sim->tr.arena, sim->nb + 1, sizeof *sh);
            if (sh) {
                memcpy(sh, sim->bshare, sim->nb * sizeof *sh);
                sim->tr.moves[sim->tr.n_moves - 1].shares = sh;
            } else {
                sim->tr.failed = 1;
            }
        }
    }
    if (!all) {
        parley__sim_note(sim, "signed but not ratified: void; the talks go on");
        sim->res.n_voided++;
    }
    else
        for (size_t k = 0; k < sim->nb; k++)
            if (!isnan(sim->bshare[k])) {
                sim->r_rat[k] = PARLEY_RATIFY_RATIFIED;
                sim->r_rshare[k] = sim->bshare[k];
            }
    return all;
}

unsigned parley__sim_late_votes(parley_sim_t *sim, size_t *who)
{
    unsigned first = UINT_MAX;
    for (size_t j = 0; j < sim->m; j++) { /* the deal, as options */
        size_t best = 0;
        for (size_t o = 1; o < sim->nopt[j]; o++)
            if (fabs(sim->pos[sim->opt0[j] + o] - sim->r_terms[j]) <
                fabs(sim->pos[sim->opt0[j] + best] - sim->r_terms[j]))
                best = o;
        sim->r_pkg[j] = best;
    }
    for (size_t k = 0; k < sim->nb; k++) {
        const parley_ratifier_t *b = parley_scenario_ratifier(sim->s, k);
        unsigned K = b->vote_after;
        if (!K || !sim->r_sign[b->actor] || K > sim->cfg->durability_horizon)
            continue;
        memcpy(sim->bw2, sim->bw, sim->nbm * sizeof *sim->bw2);
        for (unsigned m = 1; m <= K; m++)
            round_shifts(sim, sim->bw2, sim->round + m, 1);
        double sh;
        int ok = body_vote(sim, k, sim->r_pkg, sim->bw2, &sh);
        sim->r_rat[k] = (signed char)(ok ? PARLEY_RATIFY_RATIFIED : PARLEY_RATIFY_REJECTED);
        sim->r_rshare[k] = sh;
        parley__sim_note(sim, "ratification: '%s' (%s) will vote %u round%s after the signature "
                         "(round %u): yes %.1f%%, %s: %s", b->id, sim->s->actors[b->actor].id, K,
                         K == 1 ? "" : "s", sim->round + K, 100.0 * sh,
                         parley_threshold_name(&b->rule), ok ? "ratified" : "rejected");
        if (!ok && K < first) {
            first = K;
            *who = b->actor;
        }
    }
    return first;
}
