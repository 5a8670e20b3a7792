/*
 * sim_protocol.c — one round of each protocol. Stacked alternating offers:
 * every party in the room proposes in turn and the others answer. Mediated
 * single text: the mediator puts a text to the parties (all at once in
 * plenary, one at a time in shuttle) and revises it towards the demands it
 * has heard, weighted by its bias. A text agreed in the room goes to those
 * outside it, who ratify it or veto it. With linkage every offer and text
 * breaks no constraint (sim_link.c repairs them) and a conditional red line
 * vetoes like an issue's.
 */
#include <math.h>
#include <string.h>
#include "simint.h"

/* The trace says which conditional red line made actor k veto pkg. */
static void note_veto(parley_sim_t *sim, size_t k, const size_t *pkg)
{
    size_t b = sim->trace_on && sim->linked ? parley__sim_broken(sim, k, pkg) : SIM_NONE;
    if (b != SIM_NONE)
        parley__sim_note(sim, "%s vetoes: the package breaks its conditional red line '%s'",
                         sim->s->actors[k].id, parley_scenario_rule(sim->s, sim->links[b].index)->id);
}

/* The trace names the constraint an (unrepairable) package breaks. */
static void note_infeasible(parley_sim_t *sim, const char *what, const size_t *pkg)
{
    size_t b = parley__sim_broken(sim, SIM_NONE, pkg);
    if (b != SIM_NONE)
        parley__sim_note(sim, "%s breaks the constraint '%s' and no change found mends it: it is "
                         "no package", what, parley_scenario_rule(sim->s, sim->links[b].index)->id);
}

int parley__sim_ask(parley_sim_t *sim, const size_t *pkg, int who, size_t only, size_t from,
                    int ratify, signed char *ans)
{
    int all = 1;
    parley__sim_bloc_ask(sim, pkg, who, from, ratify);
    for (size_t k = 0; k < sim->n; k++) {
        if (sim->room[k] != who || (only != SIM_NONE && k != only)) {
            if (ans)
                ans[k] = (signed char)PARLEY_ANSWER_NONE;
            continue;
        }
        double u = parley__sim_utility(sim, k, pkg) + parley__sim_transfer_net(sim, k);
        signed char ba;
        int inbloc = parley__sim_bloc_answer(sim, k, &ba);
        if (inbloc == 1) { /* its bloc's answer */
            if (!ratify && u > sim->seen_next[k])
                sim->seen_next[k] = u;
            all &= ba == (signed char)PARLEY_ANSWER_ACCEPT;
            if (ans)
                ans[k] = ba;
            continue;
        }
        if (k == from && inbloc == 0) { /* its own offer: worth its target by construction; an
                                           anticipating negotiator does not sign it outside its
                                           win-set */
            int out = sim->anticipating && parley__sim_winset_out(sim, k, pkg);
            all &= !out;
            if (ans)
                ans[k] = (signed char)(out ? PARLEY_ANSWER_RED_LINE : PARLEY_ANSWER_ACCEPT);
            continue;
        }
        if (!ratify && u > sim->seen_next[k])
            sim->seen_next[k] = u;
        parley_sim_answer_t a = parley__sim_vetoed(sim, k, pkg) ||
                                        (sim->anticipating && parley__sim_winset_out(sim, k, pkg))
                                    ? PARLEY_ANSWER_RED_LINE
                                : u >= (ratify ? sim->resv[k] : sim->tau[k]) - SIM_EPS
                                    ? PARLEY_ANSWER_ACCEPT
                                    : PARLEY_ANSWER_REJECT;
        if (a == PARLEY_ANSWER_RED_LINE)
            note_veto(sim, k, pkg);
        all &= a == PARLEY_ANSWER_ACCEPT;
        if (ans)
            ans[k] = (signed char)a;
    }
    return all;
}

void parley__sim_agree(parley_sim_t *sim, const size_t *pkg)
{
    parley_sim_result_t *r = &sim->res;
    sim->end = PARLEY_SIM_AGREEMENT;
    for (size_t j = 0; j < sim->m; j++)
        sim->r_terms[j] = sim->pos[sim->opt0[j] + pkg[j]];
    for (size_t i = 0; i < sim->n; i++) {
        sim->r_util[i] = parley__sim_utility(sim, i, pkg) + parley__sim_transfer_net(sim, i);
        sim->r_disc[i] = sim->r_util[i] * pow(sim->s->actors[i].discount, (double)(sim->round - 1));
        sim->r_sign[i] = sim->room[i] != ROOM_WALKED;
    }
    r->terms = sim->r_terms;
    parley__sim_transfer_agreed(sim);
    parley__sim_check_signatories(sim); /* a deal an essential party did not sign does not count */
    if (sim->end == PARLEY_SIM_AGREEMENT) /* only a deal that counts has a durability (and later */
        parley__sim_durability(sim);      /* ratification votes, sim_ratify.c) */
}

int parley__sim_ratify(parley_sim_t *sim, const size_t *pkg)
{
    int outside = 0;
    for (size_t k = 0; k < sim->n; k++)
        outside += sim->room[k] == ROOM_OUT;
    if (!outside)
        return parley__sim_bodies_vote(sim, pkg); /* sim_ratify.c */
    signed char *ans = sim->ans + sim->n;
    int ok = parley__sim_ask(sim, pkg, ROOM_OUT, SIM_NONE, SIM_NONE, 1, ans);
    parley__sim_move(sim, PARLEY_MOVE_RATIFY, SIM_NONE, pkg, ans);
    return ok && parley__sim_bodies_vote(sim, pkg);
}

/* An offer accepted by the room and, outside it, ratified: agreement. A
 * package that breaks a constraint is none, whoever accepts it (offers and
 * texts are repaired, so this only guards a scenario nothing mends). */
static int settle(parley_sim_t *sim, const size_t *pkg)
{
    if (sim->linked && !parley__sim_fits(sim, SIM_NONE, pkg))
        return 0;
    if (!parley__sim_ratify(sim, pkg))
        return 0;
    parley__sim_agree(sim, pkg);
    return 1;
}

void parley__sim_alternating(parley_sim_t *sim)
{
    signed char *ans = sim->ans;
    for (size_t i = 0; i < sim->n; i++) {
        if (sim->room[i] != ROOM_IN || parley__sim_bloc_silent(sim, i))
            continue;
        parley__sim_bloc_swap(sim, 1); /* a bloc is one party: its lead offers for it */
        parley__sim_paths(sim);        /* (again only after a change, e.g. a bloc's split) */
        parley__sim_offer(sim, i, parley__sim_bloc_target(sim, i), sim->text);
        parley__sim_bloc_swap(sim, 0);
        sim->have_text = 1;
        if (sim->linked && !parley__sim_fits(sim, i, sim->text)) {
            parley__sim_note(sim, "%s has no package that breaks no constraint and crosses none "
                             "of its red lines: it makes no offer", sim->s->actors[i].id);
            continue;
        }
        int all = parley__sim_ask(sim, sim->text, ROOM_IN, SIM_NONE, i, 0, ans);
        parley__sim_move(sim, PARLEY_MOVE_OFFER, i, sim->text, ans);
        if (all && settle(sim, sim->text))
            return;
    }
}

/* ---- Mediated single text. */

/* The mediator's score of a text: minus each heard party's shortfall from
 * its demand (each crossed red line counts one more unit), weighted by the
 * mediator's favour, plus self_weight times its own utility. */
typedef struct scorer {
    double *u;     /* n: utility of the current text */
    int *vetoes;   /* n: red lines it crosses */
} scorer_t;

static double shortfall(const parley_sim_t *sim, size_t k, double u, int vetoes)
{
    double d = sim->demand[k];
    double gap = isnan(d) ? 0.0 : (d - u > 0.0 ? d - u : 0.0);
    return gap + (double)vetoes;
}

static double score_of(const parley_sim_t *sim, const double *u, const int *v)
{
    const parley_sim_config_t *c = sim->cfg;
    double sc = 0.0;
    for (size_t k = 0; k < sim->n; k++)
        if (sim->room[k] == ROOM_IN)
            sc -= c->favour[k] * shortfall(sim, k, u[k], v[k]);
    if (c->mediator != SIM_NONE)
        sc += c->self_weight * u[c->mediator];
    return sc;
}

static void text_state(const parley_sim_t *sim, const size_t *pkg, double *u, int *v)
{
    for (size_t k = 0; k < sim->n; k++) {
        u[k] = parley__sim_utility(sim, k, pkg);
        v[k] = 0;
        for (size_t j = 0; j < sim->m; j++)
            v[k] += sim->veto[k * sim->total + sim->opt0[j] + pkg[j]];
        for (size_t r = sim->n_terms; r < sim->n_links; r++)
            v[k] += sim->links[r].actor == k && parley__sim_link_fires(sim, &sim->links[r], pkg);
        if (sim->anticipating) /* a text outside its win-set: one more red line */
            v[k] += parley__sim_winset_quiet(sim, k, pkg);
    }
}

/* Candidate change of issue j to option o (no repair): v2 gets the change
 * in each party's win-set rejections (wsv: those at the text). */
static void winset_delta(parley_sim_t *sim, size_t j, size_t o, int *v2)
{
    size_t keep = sim->text[j];
    sim->text[j] = o;
    for (size_t k = 0; k < sim->n; k++)
        v2[k] += parley__sim_winset_quiet(sim, k, sim->text) - sim->wsv[k];
    sim->text[j] = keep;
}

/* The score of a whole package (repairs compare them this way). */
static double text_score(parley_sim_t *sim, const size_t *pkg, void *arg)
{
    (void)arg;
    text_state(sim, pkg, sim->su2, sim->sv2);
    return score_of(sim, sim->su2, sim->sv2);
}

/* Linked revision candidate: issue j to option `to`, repaired when it breaks
 * a constraint; its score (u2, v2 from u, v and the deltas), or -HUGE_VAL
 * when it breaks a rule nothing mends or adds to the mediator's red lines. */
static double linked_candidate(parley_sim_t *sim, size_t j, size_t o, const double *u,
                               const int *v, double *u2, int *v2, size_t *rj, size_t *ro)
{
    size_t med = sim->cfg->mediator, at = sim->opt0[j] + sim->text[j], to = sim->opt0[j] + o;
    memset(sim->ldu, 0, sim->n * sizeof *sim->ldu);
    memset(sim->ldv, 0, sim->n * sizeof *sim->ldv);
    int dc = parley__sim_link_delta(sim, sim->text, j, o, sim->ldu, sim->ldv, sim->lstate);
    *rj = SIM_NONE;
    if (dc > 0) {
        size_t keep = sim->text[j];
        sim->text[j] = o;
        int ok = parley__sim_repair1(sim, SIM_NONE, sim->text, j, text_score, NULL, rj, ro);
        double sc = -HUGE_VAL;
        if (ok) {
            size_t back = sim->text[*rj];
            sim->text[*rj] = *ro;
            text_state(sim, sim->text, u2, v2);
            sim->text[*rj] = back;
            sc = med != SIM_NONE && v2[med] > v[med] ? -HUGE_VAL : score_of(sim, u2, v2);
        }
        sim->text[j] = keep;
        return sc;
    }
    for (size_t k = 0; k < sim->n; k++) {
        const double *w = sim->wval + k * sim->total;
        const unsigned char *vt = sim->veto + k * sim->total;
        u2[k] = u[k] + w[to] - w[at] + sim->ldu[k];
        v2[k] = v[k] + vt[to] - vt[at] + sim->ldv[k];
    }
    if (med != SIM_NONE && sim->ldv[med] > 0)
        return -HUGE_VAL;
    return score_of(sim, u2, v2);
}

/* Greedy revision: up to `changes` single-issue changes, each the best
 * strict improvement of the score; never across the mediator's red lines.
 * With linkage a change that breaks a constraint is made together with the
 * best-scoring repair, or not at all. Returns 1 when the text changed. */
static int revise(parley_sim_t *sim, double *u, int *v, double *u2, int *v2)
{
    const parley_sim_config_t *c = sim->cfg;
    size_t med = c->mediator;
    int changed = 0;
    for (unsigned step = 0; step < c->changes; step++) {
        text_state(sim, sim->text, u, v);
        if (sim->linked)
            parley__sim_link_state(sim, sim->text, sim->lstate);
        for (size_t k = 0; sim->anticipating && k < sim->n; k++)
            sim->wsv[k] = parley__sim_winset_quiet(sim, k, sim->text);
        double base = score_of(sim, u, v), best = base + 1e-9;
        size_t bj = SIM_NONE, bo = 0, brj = SIM_NONE, bro = 0;
        for (size_t j = 0; j < sim->m; j++) {
            size_t at = sim->opt0[j] + sim->text[j];
            for (size_t o = 0; o < sim->nopt[j]; o++) {
                size_t to = sim->opt0[j] + o, rj = SIM_NONE, ro = 0;
                if (to == at || (med != SIM_NONE && sim->veto[med * sim->total + to]))
                    continue;
                double sc;
                if (sim->linked) {
                    sc = linked_candidate(sim, j, o, u, v, u2, v2, &rj, &ro);
                } else {
                    for (size_t k = 0; k < sim->n; k++) {
                        const double *w = sim->wval + k * sim->total;
                        const unsigned char *vt = sim->veto + k * sim->total;
                        u2[k] = u[k] + w[to] - w[at];
                        v2[k] = v[k] + vt[to] - vt[at];
                    }
                    sc = score_of(sim, u2, v2);
                }
                if (sim->anticipating && rj == SIM_NONE && sc > -HUGE_VAL) {
                    winset_delta(sim, j, o, v2);
                    sc = score_of(sim, u2, v2);
                }
                if (sc > best) {
                    best = sc;
                    bj = j;
                    bo = o;
                    brj = rj;
                    bro = ro;
                }
            }
        }
        if (bj == SIM_NONE)
            break;
        sim->text[bj] = bo;
        if (brj != SIM_NONE) {
            sim->text[brj] = bro;
            parley__sim_note(sim, "the mediator changes '%s' and, so that the text breaks no "
                             "constraint, '%s' with it", sim->s->issues[bj].id,
                             sim->s->issues[brj].id);
        }
        changed = 1;
    }
    return changed;
}

/* What the first text maximises issue by issue, for a whole package: the
 * favour-weighted utilities of the room (a unit off per red line) plus the
 * mediator's own, self_weight times. */
static double first_score(parley_sim_t *sim, const size_t *pkg, void *arg)
{
    const parley_sim_config_t *c = sim->cfg;
    double sc = 0.0;
    (void)arg;
    text_state(sim, pkg, sim->su2, sim->sv2);
    for (size_t k = 0; k < sim->n; k++)
        if (sim->room[k] == ROOM_IN)
            sc += c->favour[k] * (sim->su2[k] - (double)sim->sv2[k]);
    if (c->mediator != SIM_NONE)
        sc += c->self_weight * sim->su2[c->mediator];
    return sc;
}

/* The first text: the start proposal, its open issues (or every issue when
 * there is none) set to the option the mediator's favour-weighted sum of
 * the room's values prefers. */
static void first_text(parley_sim_t *sim)
{
    const parley_sim_config_t *c = sim->cfg;
    const double *start = c->start != SIM_NONE ? sim->s->proposals[c->start].positions : NULL;
    for (size_t j = 0; j < sim->m; j++) {
        size_t o0 = sim->opt0[j], best = 0;
        double best_v = -HUGE_VAL;
        if (start && !parley_is_open(start[j])) {
            for (size_t o = 1; o < sim->nopt[j]; o++)
                if (fabs(sim->pos[o0 + o] - start[j]) < fabs(sim->pos[o0 + best] - start[j]))
                    best = o;
            sim->text[j] = best;
            continue;
        }
        for (size_t o = 0; o < sim->nopt[j]; o++) {
            double v = 0.0;
            for (size_t k = 0; k < sim->n; k++) {
                if (sim->room[k] != ROOM_IN)
                    continue;
                v += c->favour[k] * sim->wval[k * sim->total + o0 + o];
                v -= c->favour[k] * sim->veto[k * sim->total + o0 + o];
            }
            if (c->mediator != SIM_NONE)
                v += c->self_weight * sim->wval[c->mediator * sim->total + o0 + o];
            if (v > best_v + SIM_EPS) {
                best_v = v;
                best = o;
            }
        }
        sim->text[j] = best;
    }
    sim->have_text = 1;
    if (sim->linked) {
        int fixed = parley__sim_make_fit(sim, SIM_NONE, sim->text, first_score, NULL);
        if (fixed > 0)
            parley__sim_note(sim, "the first text is changed on %d issue%s so that it breaks no "
                             "constraint", fixed, fixed == 1 ? "" : "s");
        else if (fixed < 0)
            note_infeasible(sim, "the first text", sim->text);
    }
}

static size_t mediator_id(const parley_sim_t *sim)
{
    return sim->cfg->mediator;
}

static void plenary(parley_sim_t *sim, double *u, int *v, double *u2, int *v2)
{
    signed char *ans = sim->ans;
    parley__sim_transfer_attach(sim, sim->text);
    int all = parley__sim_ask(sim, sim->text, ROOM_IN, SIM_NONE, SIM_NONE, 0, ans);
    parley__sim_move(sim, PARLEY_MOVE_TEXT, mediator_id(sim), sim->text, ans);
    if (all && settle(sim, sim->text))
        return;
    for (size_t k = 0; k < sim->n; k++)
        if (sim->room[k] == ROOM_IN)
            sim->demand[k] = sim->tau[k];
    revise(sim, u, v, u2, v2);
}

/* Shuttle: the mediator meets each party in turn; a change of the text
 * voids the acceptances gathered so far. */
static void shuttle(parley_sim_t *sim, double *u, int *v, double *u2, int *v2)
{
    signed char *ans = sim->ans;
    unsigned char *ok = sim->accepted;
    for (size_t p = 0; p < sim->n; p++) {
        if (sim->room[p] != ROOM_IN)
            continue;
        parley__sim_transfer_attach(sim, sim->text);
        int yes = parley__sim_ask(sim, sim->text, ROOM_IN, p, SIM_NONE, 0, ans);
        parley__sim_move(sim, PARLEY_MOVE_TEXT, mediator_id(sim), sim->text, ans);
        sim->demand[p] = sim->tau[p];
        ok[p] = (unsigned char)yes;
        if (!yes && revise(sim, u, v, u2, v2)) {
            for (size_t k = 0; k < sim->n; k++)
                ok[k] = 0;
            continue;
        }
        size_t k = 0;
        while (k < sim->n && (sim->room[k] != ROOM_IN || ok[k]))
            k++;
        if (k == sim->n && settle(sim, sim->text))
            return;
    }
}

void parley__sim_mediated(parley_sim_t *sim)
{
    if (!sim->have_text)
        first_text(sim);
    if (sim->linked && !parley__sim_fits(sim, SIM_NONE, sim->text)) {
        parley__sim_note(sim, "the mediator has no text that breaks no constraint: it puts none");
        return;
    }
    if (sim->meeting == PARLEY_MEETING_SHUTTLE)
        shuttle(sim, sim->su, sim->sv, sim->su2, sim->sv2);
    else
        plenary(sim, sim->su, sim->sv, sim->su2, sim->sv2);
}
