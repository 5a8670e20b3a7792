/*
 * eum.c — Bueno de Mesquita's expected-utility model as Scholz, Calbert &
 * Smith (2011) specify it: pairwise challenges priced from weighted votes
 * and risk-adjusted utilities, the conflict / compromise / compel /
 * stalemate regions, one offer taken per actor, simultaneous moves. A round
 * is O(n^2 log n); positions are in units of the starting spread R.
 */
#include <math.h>
#include "fcint.h"

typedef struct eum_round {
    size_t n;
    const double *x, *s; /* positions (units of R), saliences */
    const double *r;     /* risk exponents */
    double mu, q;
    double tol;          /* the tie tolerance (parley_fc_params_t.tie_tol) */
    fc_votes_t votes;
} eum_round_t;

/* a exceeds b by more than tol x the larger of 1, |a|, |b|: closer values
 * are a tie, so rounding noise in the last bits never decides a region or
 * an offer (docs/models.md, "EUM conventions"). E(U)s lie within [-4, 4]
 * and positions within [0, 1] units of R, so the floor of 1 keeps the
 * tolerance absolute near 0. */
static int above(double a, double b, double tol)
{
    double m = fmax(1.0, fmax(fabs(a), fabs(b)));
    return a - b > tol * m;
}

/* 2 - 4 (0.5 + 0.5 t)^r: a utility of the BDM form, t in [-1, 1]. */
static double util(double t, double r)
{
    double base = 0.5 + 0.5 * t;
    base = base < 0.0 ? 0.0 : base;
    return 2.0 - 4.0 * (r == 1.0 ? base : pow(base, r));
}

/* E^i(U_ij): i's expected utility of challenging j. */
static double expected(const eum_round_t *e, size_t i, size_t j)
{
    double xi = e->x[i], xj = e->x[j], r = e->r[i];
    double d = fabs(xi - xj), dm = fabs(xi - e->mu);
    double p = parley__votes_share(&e->votes, xi, xj);
    double us = util(-d, r), uf = util(d, r);
    double eu = e->s[j] * (p * us + (1.0 - p) * uf) + (1.0 - e->s[j]) * us - e->q * util(0.0, r);
    if (e->q < 1.0) {
        double t = above(d, dm, e->tol) ? 1.0 : 0.0; /* j moving to the median would help i */
        double ub = util(-0.5 * (dm + d), r), uw = util(0.5 * (dm + d), r);
        eu -= (1.0 - e->q) * (t * ub + (1.0 - t) * uw);
    }
    return eu;
}

/* Risk exponents from security levels, Sec_i = sum_j E^j(U_ji) at r = 1. */
static void risk_exponents(eum_round_t *e, double *sec, double *r, int distinct)
{
    size_t n = e->n;
    for (size_t i = 0; i < n; i++) {
        r[i] = 1.0;
        sec[i] = 0.0;
    }
    e->r = r;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (i != j && (!distinct || e->x[i] != e->x[j]))
                sec[j] += expected(e, i, j);
    double mx = sec[0], mn = sec[0];
    for (size_t i = 1; i < n; i++) {
        mx = sec[i] > mx ? sec[i] : mx;
        mn = sec[i] < mn ? sec[i] : mn;
    }
    if (!(mx > mn))
        return;
    for (size_t i = 0; i < n; i++) {
        double R = (2.0 * sec[i] - mx - mn) / (mx - mn);
        r[i] = (1.0 - R / 3.0) / (1.0 + R / 3.0);
    }
}

typedef struct offers {
    double *to, *dist, *strength; /* per actor; dist < 0: no offer yet */
    parley_eum_offer_t rule;
    parley_eum_conflict_t conflict;
    double tol;
} offers_t;

/* Records that actor j could move to y under a challenger of strength st. */
static void offer(offers_t *o, const double *x, size_t j, double y, double st)
{
    double d = fabs(y - x[j]);
    if (!(d > 0.0))
        return; /* not a move */
    int better;
    if (o->dist[j] < 0.0) {
        better = 1;
    } else {
        /* -1, 0, 1: this offer is worse, as good, better on distance and strength */
        double tol = o->tol;
        int dd = above(o->dist[j], d, tol) - above(d, o->dist[j], tol);
        int ds = above(st, o->strength[j], tol) - above(o->strength[j], st, tol);
        int first = o->rule == PARLEY_EUM_OFFER_LEAST ? dd : ds;
        int second = o->rule == PARLEY_EUM_OFFER_LEAST ? ds : dd;
        better = first > 0 || (first == 0 && (second > 0 || (second == 0 && y < o->to[j])));
    }
    if (better) {
        o->to[j] = y;
        o->dist[j] = d;
        o->strength[j] = st;
    }
}

/* The region of the pair (i, j) with a = E^i(U_ij), b = E^j(U_ji). */
static void contest(offers_t *o, const double *x, size_t i, size_t j, double a, double b)
{
    double tol = o->tol;
    int pa = above(a, 0.0, tol), pb = above(b, 0.0, tol); /* within tol of 0: not a gain */
    if (pa && pb) { /* conflict: by default the side expecting less gives way fully */
        if (o->conflict == PARLEY_EUM_CONFLICT_NONE)
            return;
        if (above(a, b, tol))
            offer(o, x, j, x[i], a);
        else if (above(b, a, tol))
            offer(o, x, i, x[j], b);
        /* a tie: neither expects less, nobody gives way */
    } else if (pa) { /* i has the upper hand */
        if (above(a, -b, tol)) /* compromise */
            offer(o, x, j, x[j] + (x[i] - x[j]) * fabs(b / a), a);
        else /* compel: j capitulates (also on a tie) */
            offer(o, x, j, x[i], a);
    } else if (pb) {
        if (above(b, -a, tol))
            offer(o, x, i, x[i] + (x[j] - x[i]) * fabs(a / b), b);
        else
            offer(o, x, i, x[j], b);
    } /* both <= 0 (within tol): stalemate */
}

/* The weighted median from the sorted votes arrays. */
static double votes_median(const fc_votes_t *v)
{
    double total = v->W[v->n], half = 0.5 * total * (1.0 - 1e-12);
    for (size_t k = 0; k < v->n; k++)
        if (v->W[k + 1] > v->W[k] && v->W[k + 1] >= half)
            return v->xs[k];
    return total > 0.0 ? v->xs[v->n - 1] : (double)NAN; /* nobody cares: as parley_fc_median */
}

double parley__eum_round(parley_forecast_t *f, size_t n, double *x, double range)
{
    (void)range;
    size_t stride = f->na + 1;
    double *w = f->scr, *xs = w + stride, *W = xs + stride, *WX = W + stride;
    double *r = WX + stride, *sec = r + stride;
    offers_t o = {sec + stride, sec + 2 * stride, sec + 3 * stride, f->prm.offer,
                  f->prm.conflict, f->prm.tie_tol};
    for (size_t k = 0; k < n; k++)
        w[k] = f->cc[k] * f->cs[k];
    eum_round_t e = {.n = n, .x = x, .s = f->cs, .r = r, .q = f->prm.q, .tol = f->prm.tie_tol};
    parley__votes_build(&e.votes, n, x, w, f->keyed, xs, W, WX);
    e.mu = votes_median(&e.votes);
    if (f->prm.risk)
        risk_exponents(&e, sec, r, f->prm.security == PARLEY_EUM_SECURITY_DISTINCT);
    else
        for (size_t i = 0; i < n; i++)
            r[i] = 1.0;
    for (size_t i = 0; i < n; i++)
        o.dist[i] = -1.0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (x[i] != x[j])
                contest(&o, x, i, j, expected(&e, i, j), expected(&e, j, i));
    for (size_t i = 0; i < n; i++)
        if (o.dist[i] >= 0.0)
            x[i] = o.to[i];
    parley__votes_build(&e.votes, n, x, w, f->keyed, xs, W, WX);
    return votes_median(&e.votes);
}
