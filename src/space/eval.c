/*
 * eval.c — the utility of a package to each actor, issue by issue, with
 * red lines and open issues. This is the inner loop of every later
 * analysis (frontier search, simulation), so it allocates nothing and is
 * linear in the number of issues.
 */
#include <assert.h>
#include <math.h>
#include "parley/eval.h"
#include "parley/utility.h"
#include "../core/exact.h"

/*
 * The best and worst value actor i can get on issue j among positions that
 * cross none of its red lines; *vetoable says whether some position would.
 * Value functions are monotone between the ideal, the breakpoints and the
 * red-line thresholds, so the extremes lie among those candidates.
 */
static void open_range(const parley_scenario_t *s, size_t i, size_t j, double *lo, double *hi,
                       int *vetoable)
{
    const parley_issue_t *is = parley_scenario_issue(s, j);
    const parley_stance_t *st = parley_scenario_stance(s, i, j);
    double best = -1.0, worst = 2.0;
    int veto = 0;
    if (is->kind == PARLEY_ISSUE_DISCRETE) {
        for (size_t k = 0; k < is->n_options; k++) {
            if (parley_crosses_red_line(s, i, j, (double)k)) {
                veto = 1;
                continue;
            }
            double v = parley_value(s, i, j, (double)k);
            best = fmax(best, v);
            worst = fmin(worst, v);
        }
    } else {
        double a = fmax(is->lo, st->has_red_line ? st->red_below : is->lo);
        double b = fmin(is->hi, st->has_red_line ? st->red_above : is->hi);
        veto = st->has_red_line && (a > is->lo || b < is->hi);
        double cand[3] = {a, b, st->form == PARLEY_VALUE_IDEAL ? st->ideal : a};
        for (size_t k = 0; k < 3; k++) {
            double x = fmin(fmax(cand[k], a), b);
            double v = parley_value(s, i, j, x);
            best = fmax(best, v);
            worst = fmin(worst, v);
        }
        for (size_t k = 0; st->form == PARLEY_VALUE_POINTS && k < st->n_points; k++) {
            double x = fmin(fmax(st->px[k], a), b);
            double v = parley_value(s, i, j, x);
            best = fmax(best, v);
            worst = fmin(worst, v);
        }
    }
    if (best < 0.0) /* every position is vetoed: the issue can only be a veto */
        best = worst = 0.0;
    *lo = worst;
    *hi = best;
    *vetoable = veto;
}

/* Sign of u - BATNA for a fully decided package, exactly (the same test as
 * the agreement space's, so eval and space never disagree); 2 when some
 * number has no exact form that fits (the caller compares doubles). */
static int exact_vs_batna(const parley_scenario_t *s, size_t i, const double *pkg)
{
    parley__q_t u, b;
    if (!parley__exact_batna(s, i, &b) || !parley__exact_utility(s, i, pkg, &u))
        return 2;
    return parley__q_cmp(u, b);
}

void parley_eval_actor(const parley_scenario_t *s, size_t i, const double *pkg,
                       parley_actor_eval_t *out, parley_issue_eval_t *issues)
{
    size_t n = parley_scenario_issue_count(s);
    parley_actor_eval_t r = {0};
    r.batna = parley_scenario_actor(s, i)->batna;
    int veto_possible = 0;
    for (size_t j = 0; j < n; j++) {
        parley_issue_eval_t e = {0};
        e.weight = parley_scenario_weight(s, i, j);
        if (parley_is_open(pkg[j])) {
            e.open = 1;
            e.value = e.contribution = e.loss = (double)NAN;
            open_range(s, i, j, &e.value_min, &e.value_max, &e.red_line_possible);
            veto_possible |= e.red_line_possible;
            r.open_issues++;
        } else {
            e.value = e.value_min = e.value_max = parley_value(s, i, j, pkg[j]);
            e.contribution = e.weight * e.value;
            e.loss = e.weight * (1.0 - e.value);
            parley__q_t x;
            e.red_line = parley__exact_of(s, &pkg[j], &x) ? parley__exact_crosses(s, i, j, x)
                                                          : parley_crosses_red_line(s, i, j, pkg[j]);
            r.red_lines_crossed += (size_t)e.red_line;
        }
        r.utility_min += e.weight * e.value_min;
        r.utility_max += e.weight * e.value_max;
        if (issues)
            issues[j] = e;
    }
    for (size_t k = 0; k < parley_scenario_term_count(s); k++) {
        if (parley_scenario_term(s, k)->actor != i)
            continue;
        parley_term_eval_t te;
        parley_eval_term(s, k, pkg, &te);
        r.utility_min += te.contribution_min;
        r.utility_max += te.contribution_max;
    }
    for (size_t k = 0; k < parley_scenario_rule_count(s); k++) {
        if (parley_scenario_rule(s, k)->actor != i)
            continue;
        int b = parley_rule_broken(s, k, pkg);
        r.rules_broken += b == 1;
        r.rules_possible += b == PARLEY_UNDECIDED;
    }
    veto_possible |= r.rules_possible > 0;
    r.utility = r.open_issues ? (double)NAN : r.utility_min;
    r.surplus = r.utility - r.batna;
    r.surplus_min = r.utility_min - r.batna;
    r.surplus_max = r.utility_max - r.batna;
    int vs = r.open_issues ? 2 : exact_vs_batna(s, i, pkg);
    int below = vs == 2 ? r.utility_max < r.batna : vs < 0;
    int above = vs == 2 ? r.utility_min >= r.batna : vs >= 0;
    if (r.red_lines_crossed || r.rules_broken || below)
        r.verdict = PARLEY_REJECT;
    else if (above && !veto_possible)
        r.verdict = PARLEY_ACCEPT;
    else
        r.verdict = PARLEY_OPEN_VERDICT;
    *out = r;
}

void parley_eval_term(const parley_scenario_t *s, size_t k, const double *pkg,
                      parley_term_eval_t *out)
{
    const parley_term_t *t = parley_scenario_term(s, k);
    parley_term_eval_t e = {0};
    e.weight = parley_scenario_term_weight(s, k);
    e.holds = parley_combination_holds(s, &t->when, pkg);
    if (e.holds == PARLEY_UNDECIDED) {
        e.contribution = e.loss = (double)NAN;
        e.contribution_min = 0.0;
        e.contribution_max = e.weight;
    } else {
        e.contribution = (e.holds == 1) != (t->penalty != 0) ? e.weight : 0.0;
        e.loss = e.weight - e.contribution;
        e.contribution_min = e.contribution_max = e.contribution;
    }
    *out = e;
}

const char *parley_verdict_name(parley_verdict_t v)
{
    switch (v) {
    case PARLEY_ACCEPT: return "accept";
    case PARLEY_REJECT: return "reject";
    default: return "open";
    }
}
