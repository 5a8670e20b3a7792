/*
 * ratify.c — ratifying bodies (parley/ratify.h): the accessors, each
 * member's vote on a package and the body's verdict. A member votes yes
 * when its utility over its stances (the actors' formula) is at least its
 * BATNA and the package crosses none of its red lines; the body ratifies
 * when the weight voting yes meets its rule, or, with an override, when the
 * weight voting no falls short of the override's threshold. Votes and
 * thresholds compare in exact rationals (exact.h) where every number has an
 * exact form that fits, so a member exactly at its BATNA and a Rada of
 * exactly 300 of 450 seats are judged as written; else in doubles.
 */
#include <math.h>
#include <string.h>
#include "core.h"
#include "exact.h"
#include "parley/ratify.h"
#include "parley/utility.h"

#define NOT_FOUND ((size_t)-1)

size_t parley_scenario_ratifier_count(const parley_scenario_t *s)
{
    return s->n_ratifiers;
}

const parley_ratifier_t *parley_scenario_ratifier(const parley_scenario_t *s, size_t k)
{
    return k < s->n_ratifiers ? &s->ratifiers[k] : NULL;
}

size_t parley_scenario_ratify_member_count(const parley_scenario_t *s)
{
    return s->n_ratifiers ? s->ratifiers[s->n_ratifiers - 1].first +
                                s->ratifiers[s->n_ratifiers - 1].n_members
                          : 0;
}

size_t parley_scenario_find_ratifier(const parley_scenario_t *s, const char *id)
{
    for (size_t k = 0; k < s->n_ratifiers; k++)
        if (s->ratifiers[k].id && strcmp(s->ratifiers[k].id, id) == 0)
            return k;
    return NOT_FOUND;
}

int parley_threshold_met(const parley_threshold_t *t, double share)
{
    return t->strict ? share > t->share : share >= t->share;
}

const char *parley_threshold_name(const parley_threshold_t *t)
{
    switch (t->kind) {
    case PARLEY_THRESHOLD_MAJORITY: return "majority";
    case PARLEY_THRESHOLD_TWO_THIRDS: return "two-thirds";
    case PARLEY_THRESHOLD_THREE_FIFTHS: return "three-fifths";
    case PARLEY_THRESHOLD_UNANIMITY: return "unanimity";
    default: return "share";
    }
}

const char *parley_ratify_verdict_name(parley_verdict_t v)
{
    return v == PARLEY_ACCEPT ? "ratified" : v == PARLEY_REJECT ? "rejected" : "open";
}

const char *parley_vote_name(parley_vote_t v)
{
    return v == PARLEY_VOTE_YES ? "yes" : v == PARLEY_VOTE_NO ? "no" : "open";
}

/* The worst and best value of a stance on issue j among positions off its
 * red line; *veto: some position is on it (eval.c's open_range for any
 * stance: values are monotone between the ideal, the breakpoints and the
 * red-line thresholds). */
static void open_range(const parley_scenario_t *s, size_t j, const parley_stance_t *st,
                       double *lo, double *hi, int *veto)
{
    const parley_issue_t *is = parley_scenario_issue(s, j);
    double best = -1.0, worst = 2.0;
    *veto = 0;
    if (is->kind == PARLEY_ISSUE_DISCRETE) {
        for (size_t k = 0; k < is->n_options; k++) {
            if (parley_stance_crosses(s, j, st, (double)k)) {
                *veto = 1;
                continue;
            }
            double v = parley_stance_value(s, j, st, (double)k);
            best = fmax(best, v);
            worst = fmin(worst, v);
        }
    } else {
        double a = fmax(is->lo, st->has_red_line ? st->red_below : is->lo);
        double b = fmin(is->hi, st->has_red_line ? st->red_above : is->hi);
        *veto = st->has_red_line && (a > is->lo || b < is->hi);
        double cand[3] = {a, b, st->form == PARLEY_VALUE_IDEAL ? st->ideal : a};
        for (size_t k = 0; k < 3; k++) {
            double v = parley_stance_value(s, j, st, fmin(fmax(cand[k], a), b));
            best = fmax(best, v);
            worst = fmin(worst, v);
        }
        for (size_t k = 0; st->form == PARLEY_VALUE_POINTS && k < st->n_points; k++) {
            double v = parley_stance_value(s, j, st, fmin(fmax(st->px[k], a), b));
            best = fmax(best, v);
            worst = fmin(worst, v);
        }
    }
    if (best < 0.0)
        best = worst = 0.0;
    *lo = worst;
    *hi = best;
}

/* Sign of U - BATNA for a member and a package decided on its issues,
 * exactly; 2 when a number has no exact form that fits. */
static int exact_vs_batna(const parley_scenario_t *s, const parley_ratify_member_t *m,
                          const double *pkg)
{
    parley__q_t S = {0, 1}, u = {0, 1}, w, v, x, b;
    if (!parley__exact_of(s, &m->batna, &b))
        return 2;
    for (size_t j = 0; j < s->n_issues; j++) {
        const parley_stance_t *st = &m->stances[j];
        if (st->form == PARLEY_VALUE_NONE)
            continue;
        if (!parley__exact_of(s, &st->salience, &w) || !parley__q_add(S, w, &S) ||
            !parley__exact_of(s, &pkg[j], &x) || !parley__exact_stance_value(s, j, st, x, &v) ||
            !parley__q_mul(w, v, &v) || !parley__q_add(u, v, &u))
            return 2;
    }
    if (S.n <= 0)
        return parley__q_cmp((parley__q_t){0, 1}, b); /* cares about nothing: utility 0 */
    if (!parley__q_div(u, S, &u))
        return 2;
    return parley__q_cmp(u, b);
}

static int crosses(const parley_scenario_t *s, size_t j, const parley_stance_t *st,
                   const double *x)
{
    parley__q_t q;
    return parley__exact_of(s, x, &q) ? parley__exact_stance_crosses(s, j, st, q)
                                      : parley_stance_crosses(s, j, st, *x);
}

static void member_vote(const parley_scenario_t *s, const parley_ratify_member_t *m,
                        const double *pkg, parley_member_vote_t *out)
{
    double S = 0.0, lo = 0.0, hi = 0.0;
    size_t open = 0, red = 0;
    int veto_possible = 0;
    for (size_t j = 0; j < s->n_issues; j++) {
        const parley_stance_t *st = &m->stances[j];
        if (st->form == PARLEY_VALUE_NONE)
            continue;
        S += st->salience;
        if (parley_is_open(pkg[j])) {
            double a, b;
            int v;
            open_range(s, j, st, &a, &b, &v);
            veto_possible |= v;
            lo += st->salience * a;
            hi += st->salience * b;
            open++;
        } else {
            double v = parley_stance_value(s, j, st, pkg[j]);
            lo += st->salience * v;
            hi += st->salience * v;
            red += (size_t)crosses(s, j, st, &pkg[j]);
        }
    }
    out->weight = m->weight;
    out->batna = m->batna;
    out->utility_min = S > 0.0 ? lo / S : 0.0;
    out->utility_max = S > 0.0 ? hi / S : 0.0;
    out->utility = open ? (double)NAN : out->utility_min;
    out->red_lines_crossed = red;
    int vs = open ? 2 : exact_vs_batna(s, m, pkg);
    int below = vs == 2 ? out->utility_max < m->batna : vs < 0;
    int above = vs == 2 ? out->utility_min >= m->batna : vs >= 0;
    if (red || below)
        out->vote = PARLEY_VOTE_NO;
    else if (above && !veto_possible)
        out->vote = PARLEY_VOTE_YES;
    else
        out->vote = PARLEY_VOTE_OPEN;
}

/* The weights as exact sums (yes, no, open, total); 0 when one has no
 * exact form that fits. */
typedef struct tally {
    parley__q_t yes, no, open, total;
} tally_t;

/* Whether part/total meets t, exactly; -1 when it cannot say exactly. */
static int met_exact(const parley_scenario_t *s, const parley_threshold_t *t, parley__q_t part,
                     parley__q_t total)
{
    parley__q_t sh, r;
    if (total.n <= 0)
        return 0;
    if (!parley__exact_of(s, &t->share, &sh) || !parley__q_div(part, total, &r))
        return -1;
    int c = parley__q_cmp(r, sh);
    return t->strict ? c > 0 : c >= 0;
}

static int met(const parley_scenario_t *s, const parley_threshold_t *t, double part,
               double total, const parley__q_t *qp, const parley__q_t *qt, int *exact)
{
    if (qp && qt) {
        int e = met_exact(s, t, *qp, *qt);
        if (e >= 0)
            return e;
    }
    *exact = 0;
    return total > 0.0 && parley_threshold_met(t, part / total);
}

/* Ratified with this many yes and no (the rest abstains from neither side). */
static int ratified(const parley_scenario_t *s, const parley_ratifier_t *b, double yes, double no,
                    double total, const parley__q_t *qy, const parley__q_t *qn,
                    const parley__q_t *qt, int *exact, int *rule)
{
    *rule = met(s, &b->rule, yes, total, qy, qt, exact);
    if (*rule)
        return 1;
    return b->has_override && !met(s, &b->override, no, total, qn, qt, exact);
}

void parley_ratify_eval(const parley_scenario_t *s, size_t k, const double *pkg,
                        parley_ratify_eval_t *out, parley_member_vote_t *votes)
{
    const parley_ratifier_t *b = &s->ratifiers[k];
    parley_ratify_eval_t r;
    memset(&r, 0, sizeof r);
    tally_t q = {{0, 1}, {0, 1}, {0, 1}, {0, 1}};
    int qok = 1;
    for (size_t i = 0; i < b->n_members; i++) {
        const parley_ratify_member_t *m = &b->members[i];
        parley_member_vote_t v;
        member_vote(s, m, pkg, &v);
        if (votes)
            votes[i] = v;
        parley__q_t w;
        parley__q_t *slot = v.vote == PARLEY_VOTE_YES ? &q.yes
                            : v.vote == PARLEY_VOTE_NO ? &q.no : &q.open;
        if (qok && (!parley__exact_of(s, &m->weight, &w) || !parley__q_add(*slot, w, slot) ||
                    !parley__q_add(q.total, w, &q.total)))
            qok = 0;
        r.total += m->weight;
        *(v.vote == PARLEY_VOTE_YES ? &r.yes : v.vote == PARLEY_VOTE_NO ? &r.no : &r.open) +=
            m->weight;
    }
    r.exact = qok;
    if (r.total > 0.0) {
        r.yes_share = r.yes / r.total;
        r.yes_share_max = (r.yes + r.open) / r.total;
        r.no_share = r.no / r.total;
    }
    /* Open votes: counted against the deal (pessimistic) and for it (optimistic). */
    parley__q_t qy2, qn2;
    int q2 = qok && parley__q_add(q.yes, q.open, &qy2) && parley__q_add(q.no, q.open, &qn2);
    int rule_lo, rule_hi;
    int lo = ratified(s, b, r.yes, r.no + r.open, r.total, qok ? &q.yes : NULL,
                      q2 ? &qn2 : NULL, qok ? &q.total : NULL, &r.exact, &rule_lo);
    int hi = ratified(s, b, r.yes + r.open, r.no, r.total, q2 ? &qy2 : NULL,
                      qok ? &q.no : NULL, qok ? &q.total : NULL, &r.exact, &rule_hi);
    if (!q2 && r.open > 0.0)
        r.exact = 0;
    r.passes = rule_lo ? 1 : !rule_hi ? 0 : PARLEY_UNDECIDED;
    r.verdict = !(r.total > 0.0) ? PARLEY_REJECT
                : lo               ? PARLEY_ACCEPT
                : !hi              ? PARLEY_REJECT
                                   : PARLEY_OPEN_VERDICT;
    r.saved = r.open == 0.0 && r.passes == 0 && r.verdict == PARLEY_ACCEPT;
    *out = r;
}
