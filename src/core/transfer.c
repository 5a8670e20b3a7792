/*
 * transfer.c — the cheapest side payment that makes a package acceptable
 * (parley/transfer.h; docs/agreement-space.md, "Transfers").
 *
 * Variables t_k (k < K <= 8 channels), 0 <= t_k <= max_k. Every constrained
 * actor a with shortfall d_a (reservation minus utility) needs
 *     sum_k A_ak t_k >= d_a,   A_ak = value_k (k into a), -cost_k (k out of a).
 * An actor no channel touches needs d_a <= 0. Among the feasible t the
 * plan is the lexicographic minimum of (sum cost_k t_k, sum t_k, -t_1, ...,
 * -t_K), a single point: the least cost, then the fewest units, then the
 * most on the channels listed first. It is found by a dense two-phase simplex over exact
 * rationals (128-bit numerator and denominator, every operation checked)
 * with Bland's rule, which cannot cycle; each later objective is minimised
 * with the columns whose reduced cost was positive at the previous optimum
 * held at zero (they are zero in every optimum of that objective).
 */
#include <string.h>
#include "parley/transfer.h"
#include "parley/utility.h"
#include "core.h"
#include "transfer_lp.h"

#define MAXK PARLEY_MAX_TRANSFERS
#define MAXA (2 * MAXK)               /* actors a channel touches */
#define MAXR (MAXA + MAXK)            /* rows: actors, bounds */
#define MAXC (MAXK + MAXA + MAXK + MAXA) /* t, surplus, bound slack, artificial */

typedef parley__q_t q_t;

typedef struct lp {
    size_t R, C;
    q_t T[MAXR][MAXC], rhs[MAXR];
    size_t basis[MAXR];
    unsigned char banned[MAXC];
    int ok;                       /* no overflow so far */
} lp_t;

static const q_t Q0 = {0, 1};

static q_t qmul(lp_t *lp, q_t a, q_t b)
{
    q_t r = Q0;
    if (a.n == 0 || b.n == 0)
        return r;
    if (!parley__q_mul(a, b, &r))
        lp->ok = 0;
    return r;
}

static q_t qsub(lp_t *lp, q_t a, q_t b)
{
    q_t r = a;
    if (b.n == 0)
        return r;
    if (!parley__q_sub(a, b, &r))
        lp->ok = 0;
    return r;
}

static q_t qdiv(lp_t *lp, q_t a, q_t b)
{
    q_t r = Q0;
    if (a.n == 0)
        return r;
    if (!parley__q_div(a, b, &r))
        lp->ok = 0;
    return r;
}

static void pivot(lp_t *lp, size_t r, size_t c)
{
    q_t p = lp->T[r][c];
    for (size_t j = 0; j < lp->C; j++)
        lp->T[r][j] = qdiv(lp, lp->T[r][j], p);
    lp->rhs[r] = qdiv(lp, lp->rhs[r], p);
    for (size_t i = 0; i < lp->R && lp->ok; i++) {
        q_t f = lp->T[i][c];
        if (i == r || f.n == 0)
            continue;
        for (size_t j = 0; j < lp->C; j++)
            if (lp->T[r][j].n)
                lp->T[i][j] = qsub(lp, lp->T[i][j], qmul(lp, f, lp->T[r][j]));
        lp->rhs[i] = qsub(lp, lp->rhs[i], qmul(lp, f, lp->rhs[r]));
    }
    lp->basis[r] = c;
}

/* Reduced cost of column j under objective obj. */
static q_t reduced(lp_t *lp, const q_t *obj, size_t j)
{
    q_t r = obj[j];
    for (size_t i = 0; i < lp->R; i++)
        if (obj[lp->basis[i]].n && lp->T[i][j].n)
            r = qsub(lp, r, qmul(lp, obj[lp->basis[i]], lp->T[i][j]));
    return r;
}

/* Minimises obj from the current basic feasible solution (Bland's rule),
 * then bans the nonbasic columns with positive reduced cost. 0 when the
 * arithmetic overflowed. */
static int minimise(lp_t *lp, const q_t *obj)
{
    unsigned char isbasic[MAXC];
    for (int guard = 0; guard < 100000 && lp->ok; guard++) {
        memset(isbasic, 0, sizeof isbasic);
        for (size_t i = 0; i < lp->R; i++)
            isbasic[lp->basis[i]] = 1;
        size_t enter = MAXC;
        for (size_t j = 0; j < lp->C && lp->ok; j++) {
            if (lp->banned[j] || isbasic[j])
                continue;
            if (reduced(lp, obj, j).n < 0) {
                enter = j;
                break;
            }
        }
        if (!lp->ok)
            return 0;
        if (enter == MAXC) { /* optimal: hold the columns that would raise obj at zero */
            for (size_t j = 0; j < lp->C && lp->ok; j++)
                if (!lp->banned[j] && !isbasic[j] && reduced(lp, obj, j).n > 0)
                    lp->banned[j] = 1;
            return lp->ok;
        }
        size_t leave = MAXR;
        q_t best = Q0;
        for (size_t i = 0; i < lp->R; i++) {
            if (lp->T[i][enter].n <= 0)
                continue;
            q_t ratio = qdiv(lp, lp->rhs[i], lp->T[i][enter]);
            int c = leave == MAXR ? -1 : parley__q_cmp(ratio, best);
            if (c < 0 || (c == 0 && lp->basis[i] < lp->basis[leave])) {
                leave = i;
                best = ratio;
            }
        }
        if (leave == MAXR) /* unbounded: cannot happen, every variable is bounded */
            return 0;
        pivot(lp, leave, enter);
    }
    return 0;
}

typedef struct problem {
    size_t K;                 /* channels used */
    size_t ch[MAXK];          /* their scenario indices */
    size_t from[MAXK], to[MAXK]; /* their ends, as indices into actor[] */
    q_t max[MAXK], cost[MAXK], value[MAXK];
    size_t NA;                /* actors touched */
    size_t actor[MAXA];       /* scenario indices */
    q_t d[MAXA];              /* their shortfalls */
} problem_t;

static void qstr(q_t q, char *buf)
{
    char a[48], b[48];
    parley__i128_str(q.n, a);
    if (q.d == 1) {
        memcpy(buf, a, strlen(a) + 1);
        return;
    }
    parley__i128_str(q.d, b);
    size_t la = strlen(a), lb = strlen(b);
    memcpy(buf, a, la);
    buf[la] = '/';
    memcpy(buf + la + 1, b, lb + 1);
}

/* The value of column j in the current basic solution. */
static q_t column_value(const lp_t *lp, size_t j)
{
    for (size_t i = 0; i < lp->R; i++)
        if (lp->basis[i] == j)
            return lp->rhs[i];
    return Q0;
}

/* Solves pb into out (status FOUND, NONE or INEXACT); lp is scratch. */
static void solve(const problem_t *pb, lp_t *lp, parley_transfer_plan_t *out)
{
    size_t K = pb->K, NA = pb->NA;
    /* columns: t 0..K-1, surplus K..K+NA-1, bound slack K+NA..K+NA+K-1, artificials after */
    size_t cw = K + NA, ca = K + NA + K, nart = 0;
    memset(lp->banned, 0, sizeof lp->banned);
    lp->ok = 1;
    lp->R = NA + K;
    for (size_t a = 0; a < NA; a++)
        nart += pb->d[a].n > 0;
    lp->C = ca + nart;
    for (size_t i = 0; i < lp->R; i++) {
        for (size_t j = 0; j < lp->C; j++)
            lp->T[i][j] = Q0;
        lp->rhs[i] = Q0;
    }
    size_t art = ca;
    for (size_t a = 0; a < NA; a++) {
        /* sum_k A_ak t_k - s_a = d_a; negated when d_a <= 0 so that s_a is basic */
        int neg = pb->d[a].n <= 0;
        for (size_t k = 0; k < K; k++) {
            q_t v = Q0;
            if (pb->to[k] == a)
                v = pb->value[k];
            else if (pb->from[k] == a)
                v = (q_t){-pb->cost[k].n, pb->cost[k].d};
            lp->T[a][k] = neg ? (q_t){-v.n, v.d} : v;
        }
        lp->T[a][K + a] = neg ? parley__q_int(1) : parley__q_int(-1);
        lp->rhs[a] = neg ? (q_t){-pb->d[a].n, pb->d[a].d} : pb->d[a];
        if (neg) {
            lp->basis[a] = K + a;
        } else {
            lp->T[a][art] = parley__q_int(1);
            lp->basis[a] = art++;
        }
    }
    for (size_t k = 0; k < K; k++) { /* t_k + w_k = max_k */
        lp->T[NA + k][k] = parley__q_int(1);
        lp->T[NA + k][cw + k] = parley__q_int(1);
        lp->rhs[NA + k] = pb->max[k];
        lp->basis[NA + k] = cw + k;
    }
    q_t obj[MAXC];
    /* phase 1: minimise the artificials */
    for (size_t j = 0; j < lp->C; j++)
        obj[j] = parley__q_int(j >= ca);
    if (nart) {
        if (!minimise(lp, obj)) {
            out->status = PARLEY_TRANSFER_INEXACT;
            return;
        }
        for (size_t i = 0; i < lp->R; i++)
            if (lp->basis[i] >= ca && lp->rhs[i].n != 0) {
                out->status = PARLEY_TRANSFER_NONE;
                return;
            }
        /* drive the artificials left at zero out of the basis */
        for (size_t i = 0; i < lp->R && lp->ok; i++) {
            if (lp->basis[i] < ca)
                continue;
            for (size_t j = 0; j < ca; j++)
                if (lp->T[i][j].n) {
                    pivot(lp, i, j);
                    break;
                }
        }
        memset(lp->banned, 0, sizeof lp->banned);
        for (size_t j = ca; j < lp->C; j++)
            lp->banned[j] = 1;
    }
    /* phase 2: total cost, total units, then -t_1 .. -t_K */
    for (size_t o = 0; o < K + 2 && lp->ok; o++) {
        for (size_t j = 0; j < lp->C; j++)
            obj[j] = Q0;
        for (size_t k = 0; k < K; k++)
            if (o == 0)
                obj[k] = pb->cost[k];
            else if (o == 1)
                obj[k] = parley__q_int(1);
            else if (o - 2 == k) /* the most on the earlier channels */
                obj[k] = parley__q_int(-1);
        if (!minimise(lp, obj))
            lp->ok = 0;
    }
    if (!lp->ok) {
        out->status = PARLEY_TRANSFER_INEXACT;
        return;
    }
    q_t cost = Q0, units = Q0;
    for (size_t k = 0; k < K; k++) {
        q_t t = column_value(lp, k), c;
        size_t ch = pb->ch[k];
        out->units[ch] = parley__q_double(t);
        qstr(t, out->units_exact[ch]);
        if (!parley__q_mul(t, pb->cost[k], &c) || !parley__q_add(cost, c, &cost) ||
            !parley__q_add(units, t, &units)) {
            out->status = PARLEY_TRANSFER_INEXACT;
            return;
        }
    }
    out->cost = parley__q_double(cost);
    qstr(cost, out->cost_exact);
    out->total_units = parley__q_double(units);
    qstr(units, out->total_units_exact);
    out->status = PARLEY_TRANSFER_FOUND;
}

size_t parley_scenario_transfer_count(const parley_scenario_t *s)
{
    return s->n_transfers;
}

const parley_transfer_t *parley_scenario_transfer(const parley_scenario_t *s, size_t k)
{
    return k < s->n_transfers ? &s->transfers[k] : NULL;
}

static void plan_init(const parley_scenario_t *s, parley_transfer_plan_t *out)
{
    memset(out, 0, sizeof *out);
    out->channels = parley_scenario_transfer_count(s);
    for (size_t k = 0; k < out->channels; k++)
        memcpy(out->units_exact[k], "0", 2);
    memcpy(out->cost_exact, "0", 2);
    memcpy(out->total_units_exact, "0", 2);
}

int parley_transfer_plan_cmp(const parley_transfer_plan_t *a, const parley_transfer_plan_t *b)
{
    q_t x, y;
    if (parley__q_parse(a->cost_exact, &x) && parley__q_parse(b->cost_exact, &y)) {
        int c = parley__q_cmp(x, y);
        if (c)
            return c;
    }
    if (parley__q_parse(a->total_units_exact, &x) && parley__q_parse(b->total_units_exact, &y))
        return parley__q_cmp(x, y);
    return 0;
}

/* The index of scenario actor i in pb->actor, added when new. */
static size_t touch(problem_t *pb, size_t i)
{
    for (size_t a = 0; a < pb->NA; a++)
        if (pb->actor[a] == i)
            return a;
    pb->actor[pb->NA] = i;
    pb->d[pb->NA] = Q0;
    return pb->NA++;
}

/* Fills the channels between actors taking part (in[i] != 0); 0 when a rate
 * has no exact form. */
static int channels(const parley_scenario_t *s, const unsigned char *in, problem_t *pb,
                    parley_transfer_plan_t *out)
{
    pb->K = pb->NA = 0;
    for (size_t k = 0; k < parley_scenario_transfer_count(s); k++) {
        const parley_transfer_t *t = parley_scenario_transfer(s, k);
        if ((in && (!in[t->from] || !in[t->to])))
            continue;
        out->used[k] = 1;
        size_t K = pb->K++;
        pb->ch[K] = k;
        pb->from[K] = touch(pb, t->from);
        pb->to[K] = touch(pb, t->to);
        if (!parley__exact_of(s, &t->max, &pb->max[K]) ||
            !parley__exact_of(s, &t->cost, &pb->cost[K]) ||
            !parley__exact_of(s, &t->value, &pb->value[K]))
            return 0;
    }
    return 1;
}

void parley__transfer_solve(const parley_scenario_t *s, const unsigned char *in,
                            const parley__q_t *d, parley_transfer_plan_t *out)
{
    plan_init(s, out);
    problem_t pb;
    if (!channels(s, in, &pb, out)) {
        out->status = PARLEY_TRANSFER_INEXACT;
        return;
    }
    for (size_t i = 0; i < parley_scenario_actor_count(s); i++) {
        if (in && !in[i])
            continue;
        size_t a;
        for (a = 0; a < pb.NA && pb.actor[a] != i; a++)
            ;
        if (a < pb.NA)
            pb.d[a] = d[i];
        else if (d[i].n > 0) { /* no channel reaches it */
            out->status = PARLEY_TRANSFER_NONE;
            return;
        }
    }
    lp_t *lp = parley__malloc(sizeof *lp);
    if (!lp) {
        out->status = PARLEY_TRANSFER_INEXACT;
        return;
    }
    solve(&pb, lp, out);
    parley__free(lp);
}

/* Whether actor i vetoes decided package pkg: an issue's red line crossed
 * (exactly) or a conditional red line broken. */
static int vetoes(const parley_scenario_t *s, size_t i, const double *pkg)
{
    for (size_t j = 0; j < parley_scenario_issue_count(s); j++) {
        q_t x;
        if (parley__exact_of(s, &pkg[j], &x) ? parley__exact_crosses(s, i, j, x)
                                              : parley_crosses_red_line(s, i, j, pkg[j]))
            return 1;
    }
    return parley_broken_rule(s, i, pkg, 0) != (size_t)-1;
}

static void scenario_plan(const parley_scenario_t *s, const unsigned char *take_part,
                          const double *pkg, const double *res, parley_transfer_plan_t *out)
{
    plan_init(s, out);
    size_t n = parley_scenario_actor_count(s);
    for (size_t j = 0; j < parley_scenario_issue_count(s); j++)
        if (parley_is_open(pkg[j])) {
            out->status = PARLEY_TRANSFER_OPEN;
            return;
        }
    if (!res && parley_broken_rule(s, (size_t)-1, pkg, 0) != (size_t)-1) {
        out->status = PARLEY_TRANSFER_RED_LINE;
        return;
    }
    q_t *d = parley__malloc((n ? n : 1) * sizeof *d);
    if (!d) {
        out->status = PARLEY_TRANSFER_INEXACT;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        d[i] = Q0;
        if (take_part && !take_part[i])
            continue;
        if (!res && vetoes(s, i, pkg)) {
            out->status = PARLEY_TRANSFER_RED_LINE;
            parley__free(d);
            return;
        }
        q_t u, r;
        if (!parley__exact_utility(s, i, pkg, &u) ||
            !(res ? parley__q_from_double(res[i], &r) : parley__exact_batna(s, i, &r)) ||
            !parley__q_sub(r, u, &d[i])) {
            out->status = PARLEY_TRANSFER_INEXACT;
            parley__free(d);
            return;
        }
    }
    parley__transfer_solve(s, take_part, d, out);
    parley__free(d);
}

void parley_transfer_package(const parley_scenario_t *s, const unsigned char *take_part,
                             const double *pkg, parley_transfer_plan_t *out)
{
    scenario_plan(s, take_part, pkg, NULL, out);
}

void parley_transfer_reservations(const parley_scenario_t *s, const unsigned char *take_part,
                                  const double *pkg, const double *res,
                                  parley_transfer_plan_t *out)
{
    scenario_plan(s, take_part, pkg, res, out);
}

double parley_transfer_net(const parley_scenario_t *s, const parley_transfer_plan_t *p, size_t i)
{
    double net = 0.0;
    for (size_t k = 0; k < p->channels && k < parley_scenario_transfer_count(s); k++) {
        const parley_transfer_t *t = parley_scenario_transfer(s, k);
        if (t->to == i)
            net += t->value * p->units[k];
        if (t->from == i)
            net -= t->cost * p->units[k];
    }
    return net;
}

const char *parley_transfer_status_name(parley_transfer_status_t st)
{
    switch (st) {
    case PARLEY_TRANSFER_FOUND: return "found";
    case PARLEY_TRANSFER_NONE: return "none";
    case PARLEY_TRANSFER_RED_LINE: return "red-line";
    case PARLEY_TRANSFER_OPEN: return "open";
    default: return "inexact";
    }
}
