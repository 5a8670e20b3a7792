/*
 * solve.c — the bargaining solutions picked from a finished frontier: Nash,
 * capability-weighted Nash, Kalai–Smorodinsky, egalitarian, utilitarian,
 * and each actor's best point. Every solution of a Pareto-optimal kind is
 * attained on the frontier, so a linear scan of its points is exact.
 */
#include <assert.h>
#include <math.h>
#include "spaceint.h"

const char *parley_solution_name(parley_solution_t k)
{
    static const char *const names[] = {"nash", "nash_weighted", "kalai_smorodinsky",
                                        "egalitarian", "utilitarian"};
    return k < PARLEY_SOLUTION_COUNT ? names[k] : "?";
}

static parley_util_t reservation(const parley_frontier_t *f, const parley_util_t *r, size_t a)
{
    parley_util_t v = r ? r[a] : f->rules.r[a];
    return v == PARLEY_NO_RESERVATION ? 0 : v;
}

/* Criteria that are not sums of utilities (products, ratios) are scored in
 * long double; two scores within TIE of each other count as a tie, which
 * goes to the earlier point, so the pick does not hang on rounding. */
#define TIE 1e-12L

/* sum of w_a log(u_a - r_a); -inf when someone gains nothing. */
static long double log_product(const parley_frontier_t *f, const parley_util_t *u,
                               const parley_util_t *r, int weighted)
{
    const parley_scenario_t *s = f->sp->s;
    long double v = 0.0L;
    for (size_t a = 0; a < f->n; a++) {
        parley_util_t g = u[a] - reservation(f, r, a);
        if (g <= 0)
            return -HUGE_VALL;
        long double w =
            weighted ? (long double)parley_scenario_actor(s, f->sp->actors[a])->capability : 1.0L;
        v += w * logl((long double)g / (long double)f->sp->scale[a]);
    }
    return v;
}

/* Kalai–Smorodinsky: the spread of the actors' normalised gains (smaller is better). */
static long double ks_spread(const parley_frontier_t *f, const parley_util_t *u,
                             const parley_util_t *r, const parley_util_t *best)
{
    long double lo = HUGE_VALL, hi = -HUGE_VALL;
    for (size_t a = 0; a < f->n; a++) {
        parley_util_t ra = reservation(f, r, a), span = best[a] - ra;
        long double g = span > 0 ? (long double)(u[a] - ra) / (long double)span : 1.0L;
        lo = g < lo ? g : lo;
        hi = g > hi ? g : hi;
    }
    return hi - lo;
}

static long double score(const parley_frontier_t *f, parley_solution_t k, const parley_util_t *u,
                         const parley_util_t *r, const parley_util_t *best)
{
    switch (k) {
    case PARLEY_NASH: return log_product(f, u, r, 0);
    case PARLEY_NASH_WEIGHTED: return log_product(f, u, r, 1);
    case PARLEY_KALAI_SMORODINSKY: return -ks_spread(f, u, r, best);
    default: break;
    }
    return 0.0L; /* the integer criteria are compared exactly below */
}

/* Integer criteria, on the actors' common scale (exact when the space has
 * one, parley__common): egalitarian (min gain) and utilitarian (sum). */
static parley_util_t iscore(const parley_frontier_t *f, parley_solution_t k, const parley_util_t *u,
                      const parley_util_t *r)
{
    parley_util_t v = k == PARLEY_EGALITARIAN ? PARLEY_UTIL_MAX : 0;
    for (size_t a = 0; a < f->n; a++) {
        if (k == PARLEY_EGALITARIAN) {
            parley_util_t g = parley__common(f->sp, a, u[a] - reservation(f, r, a));
            v = g < v ? g : v;
        } else {
            v += parley__common(f->sp, a, u[a]);
        }
    }
    return v;
}

size_t parley_frontier_best_for(const parley_frontier_t *f, size_t a)
{
    size_t best = (size_t)-1;
    for (size_t k = 0; f->done && k < f->P; k++)
        if (best == (size_t)-1 || f->u[k * f->n + a] > f->u[best * f->n + a])
            best = k;
    return best;
}

size_t parley_frontier_solve(const parley_frontier_t *f, parley_solution_t k,
                             const parley_util_t *r)
{
    assert(k < PARLEY_SOLUTION_COUNT);
    if (!f->done || f->P == 0)
        return (size_t)-1;
    parley_util_t *best = parley__malloc(f->n * sizeof *best);
    if (!best)
        return (size_t)-1;
    for (size_t a = 0; a < f->n; a++)
        best[a] = f->u[parley_frontier_best_for(f, a) * f->n + a];
    int exact = k == PARLEY_EGALITARIAN || k == PARLEY_UTILITARIAN;
    size_t pick = 0;
    long double top = exact ? 0.0L : score(f, k, f->u, r, best);
    parley_util_t itop = exact ? iscore(f, k, f->u, r) : 0;
    for (size_t p = 1; p < f->P; p++) {
        const parley_util_t *u = f->u + p * f->n;
        if (exact) {
            parley_util_t v = iscore(f, k, u, r);
            if (v > itop) {
                itop = v;
                pick = p;
            }
        } else {
            long double v = score(f, k, u, r, best);
            if (isinf(top) ? v > top : v > top + TIE * (fabsl(top) > 1.0L ? fabsl(top) : 1.0L)) {
                top = v;
                pick = p;
            }
        }
    }
    parley__free(best);
    return pick;
}
