/*
 * sim_path.c — utilities of packages and each actor's concession path: from
 * its ideal package, the moves (one issue to another option) that give the
 * others in the room the most, weighted by capability, per unit of its own
 * utility lost (the smaller step among equals). An offer at a target utility is the furthest point of the
 * path still worth the target. O(options^2) per actor, once per room change.
 * With linkage the ideal and every step fit the actor (no constraint broken,
 * none of its red lines crossed): a step that would break a rule carries a
 * repair, and the others' gain counts their terms and conditional red lines.
 */
#include <math.h>
#include <string.h>
#include "simint.h"

double parley__sim_utility(const parley_sim_t *sim, size_t i, const size_t *pkg)
{
    const double *w = sim->wval + i * sim->total;
    double u = 0.0;
    for (size_t j = 0; j < sim->m; j++)
        u += w[sim->opt0[j] + pkg[j]];
    return sim->n_terms ? u + parley__sim_terms(sim, i, pkg) : u;
}

int parley__sim_vetoed(const parley_sim_t *sim, size_t i, const size_t *pkg)
{
    const unsigned char *v = sim->veto + i * sim->total;
    for (size_t j = 0; j < sim->m; j++)
        if (v[sim->opt0[j] + pkg[j]])
            return 1;
    return sim->linked && parley__sim_broken(sim, i, pkg) != SIM_NONE;
}

/* What option `opt` gives the others in the room: capability-weighted value,
 * a whole unit of utility off for each red line it crosses. */
static double others_gain(const parley_sim_t *sim, size_t i, size_t opt)
{
    double g = 0.0;
    for (size_t k = 0; k < sim->n; k++) {
        if (k == i || sim->room[k] != ROOM_IN)
            continue;
        g += sim->cap[k] * sim->wval[k * sim->total + opt];
        if (sim->veto[k * sim->total + opt])
            g -= sim->cap[k];
    }
    return g;
}

static double own_utility(parley_sim_t *sim, const size_t *pkg, void *arg)
{
    return parley__sim_utility(sim, *(const size_t *)arg, pkg);
}

/* One candidate step of a linked path: issue j to option o, and, when that
 * breaks a rule, the repair (rj, ro; SIM_NONE: none needed). */
typedef struct step {
    size_t j, o, rj, ro;
    double loss, gain;
} step_t;

/* The step's loss to actor i and gain to the others in the room (their
 * capability-weighted utility, a unit off per red line), on pkg. The link
 * deltas of an unrepaired step are those fitting() left in ldu, ldv. */
static void measure(parley_sim_t *sim, size_t i, size_t *pkg, const double *gain, step_t *st)
{
    const double *w = sim->wval + i * sim->total;
    double *du = sim->ldu;
    int *dv = sim->ldv;
    size_t a = sim->opt0[st->j] + pkg[st->j], b = sim->opt0[st->j] + st->o;
    double own = w[b] - w[a], others = gain[b] - gain[a];
    if (st->rj != SIM_NONE) {
        memset(du, 0, sim->n * sizeof *du);
        memset(dv, 0, sim->n * sizeof *dv);
        parley__sim_link_delta(sim, pkg, st->j, st->o, du, dv, sim->lstate);
        size_t keep = pkg[st->j];
        pkg[st->j] = st->o;
        size_t c = sim->opt0[st->rj] + pkg[st->rj], d = sim->opt0[st->rj] + st->ro;
        parley__sim_link_delta(sim, pkg, st->rj, st->ro, du, dv, NULL);
        pkg[st->j] = keep;
        own += w[d] - w[c];
        others += gain[d] - gain[c];
    }
    for (size_t k = 0; k < sim->n; k++)
        if (k != i && sim->room[k] == ROOM_IN)
            others += sim->cap[k] * (du[k] - (double)dv[k]);
    st->loss = -(own + du[i]);
    st->gain = others;
}

/* Whether step st (issue and option set, no repair yet) fits actor i on
 * pkg (whose links' state is in lstate), repairing it when it breaks a
 * rule; leaves the step's own link deltas in ldu, ldv. */
static int fitting(parley_sim_t *sim, size_t i, size_t *pkg, step_t *st)
{
    memset(sim->ldu, 0, sim->n * sizeof *sim->ldu);
    memset(sim->ldv, 0, sim->n * sizeof *sim->ldv);
    st->rj = SIM_NONE;
    if (parley__sim_link_delta(sim, pkg, st->j, st->o, sim->ldu, sim->ldv, sim->lstate) <= 0 &&
        sim->ldv[i] <= 0)
        return 1;
    size_t keep = pkg[st->j];
    pkg[st->j] = st->o;
    int ok = parley__sim_repair1(sim, i, pkg, st->j, own_utility, &i, &st->rj, &st->ro);
    pkg[st->j] = keep;
    return ok;
}

/* A jump of the best step over options of its issue that lie between, in
 * the actor's utility and in the others' gain: an interaction term makes a
 * far option's ratio best (the threshold of a bonus), and without these
 * the actor could offer nothing between here and there. Writes the options
 * to visit first (own utility falling, others' gain rising) to fill_o;
 * returns how many. */
static size_t fill_jump(parley_sim_t *sim, size_t i, size_t *pkg, const double *gain,
                        const step_t *best)
{
    size_t n = 0;
    step_t st = {.j = best->j};
    for (st.o = 0; st.o < sim->nopt[st.j]; st.o++) {
        if (st.o == pkg[st.j] || st.o == best->o ||
            sim->veto[i * sim->total + sim->opt0[st.j] + st.o] || !fitting(sim, i, pkg, &st) ||
            st.rj != SIM_NONE)
            continue;
        measure(sim, i, pkg, gain, &st);
        if (!(st.loss > SIM_EPS && st.loss < best->loss - SIM_EPS && st.gain > SIM_EPS &&
              st.gain < best->gain - SIM_EPS))
            continue;
        size_t k = n++; /* insertion by loss, smallest first */
        while (k > 0 && sim->fill_u[k - 1] > st.loss) {
            sim->fill_u[k] = sim->fill_u[k - 1];
            sim->fill_g[k] = sim->fill_g[k - 1];
            sim->fill_o[k] = sim->fill_o[k - 1];
            k--;
        }
        sim->fill_u[k] = st.loss;
        sim->fill_g[k] = st.gain;
        sim->fill_o[k] = st.o;
    }
    size_t kept = 0; /* a chain: each stop gives the others more than the last */
    for (size_t k = 0; k < n; k++)
        if (sim->fill_g[k] > (kept ? sim->fill_g[kept - 1] : 0.0) + SIM_EPS &&
            sim->fill_u[k] > (kept ? sim->fill_u[kept - 1] : 0.0) + SIM_EPS) {
            sim->fill_u[kept] = sim->fill_u[k];
            sim->fill_g[kept] = sim->fill_g[k];
            sim->fill_o[kept++] = sim->fill_o[k];
        }
    return kept;
}

/* The path with linkage: from the ideal made to fit the actor, each step
 * the best ratio of the others' gain to its own loss among the steps that
 * fit it, with the jumps filled (fill_jump). A repaired step takes two
 * entries, both at the utility after it, so an offer never stops between
 * them. Each step searches every change of the package, so the path is
 * built lazily: only as far down as the actor's offers have reached. */
static void linked_start(parley_sim_t *sim, size_t i)
{
    size_t *cur = sim->ideal + i * sim->m, *end = sim->lend + i * sim->m;
    if (parley__sim_make_fit(sim, i, cur, own_utility, &i) >= 0)
        parley__sim_ascend(sim, i, cur);
    memcpy(end, cur, sim->m * sizeof *end);
    sim->path_u[i * (sim->path_cap + 1)] = parley__sim_utility(sim, i, end);
    sim->path_len[i] = 0;
    sim->ldone[i] = !parley__sim_fits(sim, i, end);
}

/* The best step from the path's end (best.j SIM_NONE: none helps the others). */
static step_t best_step(parley_sim_t *sim, size_t i, size_t *pkg, const double *gain)
{
    const unsigned char *v = sim->veto + i * sim->total;
    step_t best = {.j = SIM_NONE}, st;
    double best_ratio = 0.0;
    parley__sim_link_state(sim, pkg, sim->lstate);
    for (st.j = 0; st.j < sim->m; st.j++)
        for (st.o = 0; st.o < sim->nopt[st.j]; st.o++) {
            if (st.o == pkg[st.j] || v[sim->opt0[st.j] + st.o] || !fitting(sim, i, pkg, &st))
                continue;
            measure(sim, i, pkg, gain, &st);
            if (!(st.loss > SIM_EPS) || !(st.gain > SIM_EPS))
                continue;
            double ratio = st.gain / st.loss;
            if (ratio > best_ratio * (1.0 + 1e-12) ||
                (ratio >= best_ratio * (1.0 - 1e-12) && st.loss < best.loss - SIM_EPS)) {
                best_ratio = ratio;
                best = st;
            }
        }
    return best;
}

/* Appends the next step (with its filled jump or its repair) to actor i's
 * path; marks the path complete when no step helps the others. */
static void linked_step(parley_sim_t *sim, size_t i)
{
    size_t *pkg = sim->lend + i * sim->m, len = sim->path_len[i];
    size_t *pj = sim->path_j + i * sim->path_cap, *po = sim->path_o + i * sim->path_cap;
    double *pu = sim->path_u + i * (sim->path_cap + 1);
    const double *gain = sim->lgain + i * sim->total;
    step_t best = len + 2 <= sim->path_cap ? best_step(sim, i, pkg, gain) : (step_t){.j = SIM_NONE};
    if (best.j == SIM_NONE) {
        sim->ldone[i] = 1;
        return;
    }
    /* Only a term on the step's issue makes a far option's ratio jump. */
    int termed = 0;
    for (size_t t = sim->touch0[best.j]; t < sim->touch0[best.j + 1]; t++)
        termed |= sim->links[sim->touch[t]].kind == LINK_TERM;
    size_t nfill = best.rj == SIM_NONE && termed ? fill_jump(sim, i, pkg, gain, &best) : 0;
    for (size_t k = 0; k < nfill && len + 3 <= sim->path_cap; k++) {
        pkg[best.j] = sim->fill_o[k];
        pj[len] = best.j;
        po[len++] = sim->fill_o[k];
        pu[len] = parley__sim_utility(sim, i, pkg);
    }
    pkg[best.j] = best.o;
    pj[len] = best.j;
    po[len++] = best.o;
    if (best.rj != SIM_NONE) {
        pkg[best.rj] = best.ro;
        pj[len] = best.rj;
        po[len++] = best.ro;
        pu[len - 1] = parley__sim_utility(sim, i, pkg);
    }
    pu[len] = parley__sim_utility(sim, i, pkg);
    sim->path_len[i] = len;
}

static void actor_path(parley_sim_t *sim, size_t i, double *gain)
{
    const double *w = sim->wval + i * sim->total;
    const unsigned char *v = sim->veto + i * sim->total;
    size_t *cur = sim->ideal + i * sim->m;
    for (size_t t = 0; t < sim->total; t++)
        gain[t] = others_gain(sim, i, t);
    double u = 0.0;
    for (size_t j = 0; j < sim->m; j++) {
        size_t best = SIM_NONE, o0 = sim->opt0[j];
        for (size_t o = 0; o < sim->nopt[j]; o++) {
            if (v[o0 + o])
                continue;
            if (best == SIM_NONE || w[o0 + o] > w[o0 + best] + SIM_EPS ||
                (w[o0 + o] > w[o0 + best] - SIM_EPS && gain[o0 + o] > gain[o0 + best] + SIM_EPS))
                best = o;
        }
        cur[j] = best == SIM_NONE ? 0 : best; /* every option vetoed: the loader forbids it */
        u += w[o0 + cur[j]];
    }
    if (sim->linked) {
        memcpy(sim->lgain + i * sim->total, gain, sim->total * sizeof *gain);
        linked_start(sim, i);
        return;
    }
    size_t *pj = sim->path_j + i * sim->path_cap, *po = sim->path_o + i * sim->path_cap;
    double *pu = sim->path_u + i * (sim->path_cap + 1);
    size_t *pkg = sim->scratch;
    for (size_t j = 0; j < sim->m; j++)
        pkg[j] = cur[j];
    pu[0] = u;
    size_t len = 0;
    while (len < sim->path_cap) {
        double best_ratio = 0.0, best_loss = 0.0;
        size_t bj = SIM_NONE, bo = 0;
        for (size_t j = 0; j < sim->m; j++) {
            size_t o0 = sim->opt0[j], at = o0 + pkg[j];
            for (size_t o = 0; o < sim->nopt[j]; o++) {
                double loss = w[at] - w[o0 + o], g = gain[o0 + o] - gain[at];
                if (v[o0 + o] || !(loss > SIM_EPS) || !(g > SIM_EPS))
                    continue;
                double ratio = g / loss; /* equal ratios: the smaller step, for fine offers */
                if (ratio > best_ratio * (1.0 + 1e-12) ||
                    (ratio >= best_ratio * (1.0 - 1e-12) && loss < best_loss - SIM_EPS)) {
                    best_ratio = ratio;
                    best_loss = loss;
                    bj = j;
                    bo = o;
                }
            }
        }
        if (bj == SIM_NONE)
            break;
        u -= w[sim->opt0[bj] + pkg[bj]] - w[sim->opt0[bj] + bo];
        pkg[bj] = bo;
        pj[len] = bj;
        po[len] = bo;
        pu[++len] = u;
    }
    sim->path_len[i] = len;
}

void parley__sim_paths(parley_sim_t *sim)
{
    if (!sim->paths_dirty)
        return;
    for (size_t i = 0; i < sim->n; i++)
        if (sim->room[i] != ROOM_WALKED)
            actor_path(sim, i, sim->gain);
    sim->paths_dirty = 0;
}

void parley__sim_offer(parley_sim_t *sim, size_t i, double target, size_t *pkg)
{
    const double *pu = sim->path_u + i * (sim->path_cap + 1);
    while (sim->linked && !sim->ldone[i] && pu[sim->path_len[i]] >= target - SIM_EPS)
        linked_step(sim, i);
    const size_t *pj = sim->path_j + i * sim->path_cap, *po = sim->path_o + i * sim->path_cap;
    size_t lo = 0, hi = sim->path_len[i]; /* the last k with pu[k] >= target (pu decreases) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if (pu[mid] >= target - SIM_EPS)
            lo = mid;
        else
            hi = mid - 1;
    }
    const size_t *ideal = sim->ideal + i * sim->m;
    for (size_t j = 0; j < sim->m; j++)
        pkg[j] = ideal[j];
    for (size_t k = 0; k < lo; k++)
        pkg[pj[k]] = po[k];
}
