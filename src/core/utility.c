/*
 * utility.c — the value of a position to an actor, red lines, and the
 * additive utility of a package (docs/scenario-format.md gives the
 * formulas). Everything later (evaluation, frontiers, simulation) calls
 * these in its inner loop, so they allocate nothing and do no I/O.
 */
#include <assert.h>
#include <math.h>
#include "parley/utility.h"

static double clamp01(double v)
{
    return v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v;
}

static double ideal_value(const parley_issue_t *is, const parley_stance_t *st, double x)
{
    double reach = fmax(st->ideal - is->lo, is->hi - st->ideal);
    if (!(reach > 0.0))
        return 1.0;
    double d = fabs(x - st->ideal) / reach;
    return clamp01(1.0 - (st->exponent == 1.0 ? d : pow(d, st->exponent)));
}

static double points_value(const parley_stance_t *st, double x)
{
    size_t n = st->n_points;
    if (x <= st->px[0])
        return st->pv[0];
    if (x >= st->px[n - 1])
        return st->pv[n - 1];
    size_t k = 1;
    while (st->px[k] < x)
        k++;
    double t = (x - st->px[k - 1]) / (st->px[k] - st->px[k - 1]);
    return st->pv[k - 1] + t * (st->pv[k] - st->pv[k - 1]);
}

double parley_value(const parley_scenario_t *s, size_t i, size_t j, double position)
{
    const parley_issue_t *is = parley_scenario_issue(s, j);
    const parley_stance_t *st = parley_scenario_stance(s, i, j);
    assert(!parley_is_open(position));
    if (is->kind == PARLEY_ISSUE_DISCRETE) {
        if (st->form == PARLEY_VALUE_NONE)
            return 0.0;
        size_t k = (size_t)position;
        assert(k < is->n_options);
        return st->table[k];
    }
    switch (st->form) {
    case PARLEY_VALUE_IDEAL: return ideal_value(is, st, position);
    case PARLEY_VALUE_POINTS: return points_value(st, position);
    default: return 0.0;
    }
}

int parley_crosses_red_line(const parley_scenario_t *s, size_t i, size_t j, double position)
{
    const parley_stance_t *st = parley_scenario_stance(s, i, j);
    if (!st->has_red_line)
        return 0;
    if (parley_scenario_issue(s, j)->kind == PARLEY_ISSUE_DISCRETE)
        return st->red_options[(size_t)position] != 0;
    return position < st->red_below || position > st->red_above;
}

double parley_utility(const parley_scenario_t *s, size_t i, const double *pkg)
{
    double u = 0.0;
    size_t n = parley_scenario_issue_count(s);
    for (size_t j = 0; j < n; j++)
        u += parley_scenario_weight(s, i, j) * parley_value(s, i, j, pkg[j]);
    return u;
}

