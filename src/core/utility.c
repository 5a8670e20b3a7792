/*
 * utility.c — the value of a position to an actor, red lines, and the
 * additive utility of a package (docs/scenario-format.md gives the
 * formulas). Everything later (evaluation, frontiers, simulation) calls
 * these in its inner loop, so they allocate nothing and do no I/O.
 */
#include <assert.h>
#include <math.h>
#include "parley/utility.h"
#include "core.h"

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

double parley__stance_value(const parley_issue_t *is, const parley_stance_t *st, double position)
{
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

int parley__stance_red(const parley_issue_t *is, const parley_stance_t *st, double position)
{
    if (!st->has_red_line)
        return 0;
    if (is->kind == PARLEY_ISSUE_DISCRETE)
        return st->red_options[(size_t)position] != 0;
    return position < st->red_below || position > st->red_above;
}

double parley_stance_value(const parley_scenario_t *s, size_t j, const parley_stance_t *st,
                           double position)
{
    return parley__stance_value(parley_scenario_issue(s, j), st, position);
}

int parley_stance_crosses(const parley_scenario_t *s, size_t j, const parley_stance_t *st,
                          double position)
{
    return parley__stance_red(parley_scenario_issue(s, j), st, position);
}

double parley_value(const parley_scenario_t *s, size_t i, size_t j, double position)
{
    return parley__stance_value(parley_scenario_issue(s, j), parley_scenario_stance(s, i, j),
                                position);
}

int parley_crosses_red_line(const parley_scenario_t *s, size_t i, size_t j, double position)
{
    return parley__stance_red(parley_scenario_issue(s, j), parley_scenario_stance(s, i, j),
                              position);
}

double parley_utility(const parley_scenario_t *s, size_t i, const double *pkg)
{
    double u = 0.0;
    size_t n = parley_scenario_issue_count(s);
    for (size_t j = 0; j < n; j++)
        u += parley_scenario_weight(s, i, j) * parley_value(s, i, j, pkg[j]);
    size_t nt = parley_scenario_term_count(s);
    for (size_t k = 0; k < nt; k++)
        if (parley_scenario_term(s, k)->actor == i)
            u += parley_term_value(s, k, pkg);
    return u;
}


int parley_condition_holds(const parley_scenario_t *s, const parley_condition_t *c,
                           double position)
{
    const parley_issue_t *is = parley_scenario_issue(s, c->issue);
    int in;
    assert(!parley_is_open(position));
    if (is->kind == PARLEY_ISSUE_DISCRETE) {
        size_t k = (size_t)position;
        in = k < 64 && ((c->options >> k) & 1ull) != 0;
    } else {
        in = (c->lo_open ? position > c->lo : position >= c->lo) &&
             (c->hi_open ? position < c->hi : position <= c->hi);
    }
    return c->negate ? !in : in;
}

int parley_combination_holds(const parley_scenario_t *s, const parley_combination_t *c,
                             const double *pkg)
{
    int open = 0;
    for (size_t k = 0; k < c->n; k++) {
        double x = pkg[c->c[k].issue];
        if (parley_is_open(x))
            open = 1;
        else if (!parley_condition_holds(s, &c->c[k], x))
            return 0; /* decided: one condition fails */
    }
    return open ? PARLEY_UNDECIDED : 1;
}

int parley_rule_broken(const parley_scenario_t *s, size_t k, const double *pkg)
{
    const parley_rule_t *r = parley_scenario_rule(s, k);
    int w = parley_combination_holds(s, &r->when, pkg);
    if (w == 0 || r->kind == PARLEY_RULE_FORBID)
        return w;
    int t = parley_combination_holds(s, &r->then, pkg);
    if (t == 1)
        return 0;
    return w == 1 && t == 0 ? 1 : PARLEY_UNDECIDED;
}

double parley_term_value(const parley_scenario_t *s, size_t k, const double *pkg)
{
    const parley_term_t *t = parley_scenario_term(s, k);
    int h = parley_combination_holds(s, &t->when, pkg);
    assert(h != PARLEY_UNDECIDED);
    return (h == 1) != (t->penalty != 0) ? parley_scenario_term_weight(s, k) : 0.0;
}

size_t parley_broken_rule(const parley_scenario_t *s, size_t actor, const double *pkg,
                          size_t from)
{
    size_t n = parley_scenario_rule_count(s);
    for (size_t k = from; k < n; k++)
        if (parley_scenario_rule(s, k)->actor == actor && parley_rule_broken(s, k, pkg) == 1)
            return k;
    return (size_t)-1;
}
