/*
 * sim_path.c — utilities of packages and each actor's concession path: from
 * its ideal package, the moves (one issue to another option) that give the
 * others in the room the most, weighted by capability, per unit of its own
 * utility lost (the smaller step among equals). An offer at a target utility is the furthest point of the
 * path still worth the target. O(options^2) per actor, once per room change.
 */
#include <math.h>
#include "simint.h"

double parley__sim_utility(const parley_sim_t *sim, size_t i, const size_t *pkg)
{
    const double *w = sim->wval + i * sim->total;
    double u = 0.0;
    for (size_t j = 0; j < sim->m; j++)
        u += w[sim->opt0[j] + pkg[j]];
    return u;
}

int parley__sim_vetoed(const parley_sim_t *sim, size_t i, const size_t *pkg)
{
    const unsigned char *v = sim->veto + i * sim->total;
    for (size_t j = 0; j < sim->m; j++)
        if (v[sim->opt0[j] + pkg[j]])
            return 1;
    return 0;
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
