/*
 * zopa.c — the zone of possible agreement: how many packages meet every
 * constraint (an exact pruned count, or a seeded estimate with a Wilson
 * interval when the count would take too long) and, per actor, the
 * acceptable package it likes least (branch and bound). Issues are visited
 * in decreasing order of how much they can swing someone's utility, so
 * whole subtrees are settled (all in, or all out) early.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "spaceint.h"

typedef struct search {
    const parley_space_t *sp;
    parley__rules_t rules;
    size_t n, m;
    size_t *order;       /* m issues, the visiting order */
    parley_util_t *hi, *lo;    /* (m + 1) x n suffix sums in that order */
    parley_util_t *u;          /* n: utilities of the partial package */
    uint64_t nodes, budget;
    int aborted;
} search_t;

static parley_util_t swing(const parley_space_t *sp, const parley__rules_t *r, size_t j)
{
    parley_util_t best = 0;
    for (size_t a = 0; a < sp->n; a++) {
        parley_util_t w = r->ihi[j * sp->n + a] - r->ilo[j * sp->n + a];
        best = w > best ? w : best;
    }
    return best;
}

static int cmp_swing(const void *ctx, size_t a, size_t b)
{
    const parley_util_t *sw = ctx;
    if (sw[a] != sw[b])
        return sw[a] > sw[b] ? -1 : 1;
    return a < b ? -1 : a > b;
}

static void search_free(search_t *s)
{
    parley__rules_free(&s->rules, s->m);
    parley__free(s->order);
    parley__free(s->hi);
    parley__free(s->lo);
    parley__free(s->u);
}

static parley_status_t search_init(parley_ctx_t *ctx, const parley_space_t *sp,
                                   const parley_constraints_t *c, uint64_t budget,
                                   search_t *s)
{
    memset(s, 0, sizeof *s);
    s->sp = sp;
    s->n = sp->n;
    s->m = sp->m;
    s->budget = budget;
    parley_status_t st = parley__rules_init(ctx, sp, c, &s->rules);
    if (st)
        return st;
    size_t n = s->n, m = s->m;
    s->order = parley__malloc((m + 1) * sizeof *s->order);
    s->hi = parley__calloc((m + 1) * n + 1, sizeof *s->hi);
    s->lo = parley__calloc((m + 1) * n + 1, sizeof *s->lo);
    s->u = parley__calloc(n + 1, sizeof *s->u);
    parley_util_t *sw = parley__malloc((m + 1) * sizeof *sw);
    if (!s->order || !s->hi || !s->lo || !s->u || !sw) {
        parley__free(sw);
        search_free(s);
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    for (size_t j = 0; j < m; j++) {
        s->order[j] = j;
        sw[j] = swing(sp, &s->rules, j);
    }
    int bad = parley__sort_idx(s->order, m, cmp_swing, sw);
    parley__free(sw);
    if (bad) {
        search_free(s);
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    for (size_t d = m; d-- > 0;) {
        size_t j = s->order[d];
        for (size_t a = 0; a < n; a++) {
            s->hi[d * n + a] = s->hi[(d + 1) * n + a] + s->rules.ihi[j * n + a];
            s->lo[d * n + a] = s->lo[(d + 1) * n + a] + s->rules.ilo[j * n + a];
        }
    }
    return PARLEY_OK;
}

/* -1: no completion meets every reservation; 1: every completion does; 0: some. */
static int settle(const search_t *s, size_t d)
{
    int all = 1;
    for (size_t a = 0; a < s->n; a++) {
        parley_util_t r = s->rules.r[a];
        if (r == PARLEY_NO_RESERVATION)
            continue;
        if (s->u[a] + s->hi[d * s->n + a] < r)
            return -1;
        if (s->u[a] + s->lo[d * s->n + a] < r)
            all = 0;
    }
    return all;
}

static void add_option(search_t *s, size_t j, uint32_t q, int sign)
{
    const parley_util_t *c = parley__contrib(s->sp, j, q);
    for (size_t a = 0; a < s->n; a++)
        s->u[a] += sign * c[a];
}

/* ---- Counting. */

typedef struct counter {
    search_t *s;
    parley__big_t total;
    parley__big_t *suffix; /* m + 1: packages over order[d..] */
} counter_t;

static void count_dfs(counter_t *c, size_t d)
{
    search_t *s = c->s;
    if (s->aborted || ++s->nodes > s->budget) {
        s->aborted = 1;
        return;
    }
    int v = settle(s, d);
    if (v < 0)
        return;
    if (v > 0) {
        parley__big_add(&c->total, &c->suffix[d]);
        return;
    }
    size_t j = s->order[d];
    for (size_t q = 0; q < s->rules.nallowed[j] && !s->aborted; q++) {
        add_option(s, j, s->rules.allowed[j][q], 1);
        count_dfs(c, d + 1);
        add_option(s, j, s->rules.allowed[j][q], -1);
    }
}

/* ---- The plain estimate, kept as the baseline of bench/: uniform draws
 * among the packages crossing no red line, Wilson score interval. */

/* Wilson score interval for k successes in N draws, scaled by total. */
static void wilson(uint64_t k, uint64_t N, double total, parley_zopa_count_t *out)
{
    const double z = 1.959963984540054;
    double p = (double)k / (double)N, nn = (double)N;
    double den = 1.0 + z * z / nn;
    double mid = (p + z * z / (2.0 * nn)) / den;
    double half = z * sqrt(p * (1.0 - p) / nn + z * z / (4.0 * nn * nn)) / den;
    out->estimate = p * total;
    out->ci_lo = fmax(0.0, mid - half) * total;
    out->ci_hi = fmin(1.0, mid + half) * total;
}

static void estimate_uniform(search_t *s, uint64_t samples, uint64_t seed, double total,
                     parley_zopa_count_t *out)
{
    uint64_t state = seed, hits = 0;
    for (uint64_t t = 0; t < samples; t++) {
        for (size_t a = 0; a < s->n; a++)
            s->u[a] = 0;
        for (size_t j = 0; j < s->m; j++) {
            uint64_t k = parley__splitmix64(&state) % s->rules.nallowed[j];
            add_option(s, j, s->rules.allowed[j][k], 1);
        }
        hits += settle(s, s->m) > 0;
    }
    out->exact = 0;
    out->samples = samples;
    out->method = PARLEY_ZOPA_UNIFORM;
    wilson(hits, samples, total, out);
    snprintf(out->count, sizeof out->count, "%.0f", out->estimate);
}

/* ---- Estimating, when the exact count would pass the budget: stratified
 * sequential importance sampling (docs/agreement-space.md, "The ZOPA's
 * size"). The top of the search tree is expanded breadth first, exactly,
 * into at most STRATA_MAX undecided subtrees (strata); subtrees settled on
 * the way are counted exactly. Each sample walks down one stratum: at each
 * issue the options whose subtree is entirely acceptable are counted
 * exactly, the undecided ones are followed by choosing one uniformly (its
 * weight the number of them), the unacceptable ones dropped. A sample is
 * therefore an unbiased estimate of its stratum's count (Knuth 1975's
 * estimator, with settled children summed exactly). A tenth of the samples
 * is a pilot, spread evenly, that only allocates the rest: REPLICATES
 * independent replicates each draw every stratum once plus a share of the
 * remaining samples in proportion to the pilot's standard deviation
 * (Neyman allocation), and sum the strata's means into one estimate of the
 * count. The estimate is the replicates' mean, its 95% interval Student's t
 * (15 degrees of freedom) times their standard error: a replicate sums
 * thousands of strata, so it is close to normal even where single draws
 * are heavy-tailed (per-stratum variances from a few draws understate the
 * spread). Every stratum draws from its own stream of the seed, so the
 * result does not depend on the order strata are visited. */
#define STRATA_MAX 4096
#define LPHI_BINS 4096
#define REPLICATES 16

typedef struct strata {
    size_t depth, count;       /* the strata's depth, their number */
    parley_util_t *u;          /* count x n: each stratum's partial utilities */
    double *suffix;            /* m + 1: packages over order[d..], as doubles */
    parley__big_t in;          /* packages in subtrees settled acceptable on the way */
    uint32_t *open, *pick;     /* max options: scratch (options, their rank in allowed[j]) */
    double *score;             /* max options: scratch */
    double *mu, *sd;           /* (m + 1) x n: mean and 1/sd of the utility still to come
                                  (sd: 0 when none is left) */
    double *cd;                /* m x max options x n: the contributions as doubles */
    double *gap;               /* n: the partial utility minus the reservation, as doubles */
    size_t kmax;
    double lphi[LPHI_BINS + 1];
} strata_t;

/* log of the standard normal distribution function, tabled on [-10, 10]
 * (LPHI_BINS + 1 entries in st->lphi, filled per estimate). */

static void lphi_init(double *t)
{
    for (int k = 0; k <= LPHI_BINS; k++)
        t[k] = log(0.5 * erfc((10.0 - 20.0 * k / LPHI_BINS) / sqrt(2.0)));
}

static double lphi(const double *t, double z)
{
    if (z >= 10.0)
        return 0.0;
    if (z <= -10.0) /* the tail: log(phi(z) / -z) */
        return -0.5 * z * z - log(-z) - 0.9189385332046727;
    double x = (z + 10.0) * (LPHI_BINS / 20.0);
    int k = (int)x;
    return t[k] + (x - k) * (t[k + 1] - t[k]);
}

/* The proposal's log-score of option q of the issue at depth d: how likely
 * a uniformly random completion meets every reservation, were each actor's
 * remaining utility normal and the actors independent. Only a guide: the
 * estimate stays unbiased whatever it says. */
static double guide(const search_t *s, const strata_t *st, size_t d, size_t q)
{
    size_t n = s->n;
    const double *c = st->cd + (d * st->kmax + q) * n, *mu = st->mu + (d + 1) * n,
                 *isd = st->sd + (d + 1) * n;
    double l = 0;
    for (size_t a = 0; a < n; a++) {
        if (s->rules.r[a] == PARLEY_NO_RESERVATION)
            continue;
        double gap = st->gap[a] + c[a] + mu[a];
        l += isd[a] > 0 ? lphi(st->lphi, gap * isd[a]) : gap >= 0 ? 0.0 : -745.0;
    }
    return l;
}

/* Expands the tree level by level while the undecided nodes stay within
 * max. Returns 0, or -1 when out of memory. */
static int strata_build(search_t *s, const parley__big_t *suffix, size_t max, strata_t *st)
{
    size_t n = s->n;
    parley_util_t *cur = parley__calloc(n + 1, sizeof *cur), *next = NULL;
    size_t ncur = 1, d = 0;
    if (!cur)
        return -1;
    while (d < s->m && ncur) {
        size_t j = s->order[d], k = s->rules.nallowed[j], nnext = 0, cap = ncur * k;
        if (cap > max * 4 && ncur > 1)
            break;
        next = parley__malloc((cap * n + 1) * sizeof *next);
        if (!next) {
            parley__free(cur);
            return -1;
        }
        size_t settled_in = 0;
        for (size_t h = 0; h < ncur; h++) {
            for (size_t q = 0; q < k; q++) {
                const parley_util_t *c = parley__contrib(s->sp, j, s->rules.allowed[j][q]);
                for (size_t a = 0; a < n; a++)
                    s->u[a] = cur[h * n + a] + c[a];
                int v = settle(s, d + 1);
                if (v > 0)
                    settled_in++;
                else if (v == 0)
                    memcpy(next + nnext++ * n, s->u, n * sizeof *s->u);
            }
        }
        if (nnext > max && d > 0) { /* too many: keep this level */
            parley__free(next);
            break;
        }
        for (size_t t = 0; t < settled_in; t++) /* settled_in <= cap: a few adds */
            parley__big_add(&st->in, &suffix[d + 1]);
        parley__free(cur);
        cur = next;
        ncur = nnext;
        d++;
    }
    st->u = cur;
    st->count = ncur;
    st->depth = d;
    return st->in.failed ? -1 : 0;
}

/* One sample of stratum h's count: down the undecided options, each chosen
 * with probability in proportion to exp(guide), its weight the inverse. */
static double strata_draw(search_t *s, const strata_t *st, size_t h, uint64_t *rng)
{
    size_t n = s->n;
    for (size_t a = 0; a < n; a++) {
        s->u[a] = st->u[h * n + a];
        st->gap[a] = s->rules.r[a] == PARLEY_NO_RESERVATION ? 0 : (double)(s->u[a] - s->rules.r[a]);
    }
    double w = 0, mult = 1;
    for (size_t d = st->depth; d < s->m; d++) {
        size_t j = s->order[d], open = 0, in = 0;
        double top = -HUGE_VAL;
        for (size_t q = 0; q < s->rules.nallowed[j]; q++) {
            const parley_util_t *c = parley__contrib(s->sp, j, s->rules.allowed[j][q]);
            for (size_t a = 0; a < n; a++)
                s->u[a] += c[a];
            int v = settle(s, d + 1);
            if (v == 0) {
                st->score[open] = guide(s, st, d, q);
                top = st->score[open] > top ? st->score[open] : top;
            }
            for (size_t a = 0; a < n; a++)
                s->u[a] -= c[a];
            if (v > 0)
                in++;
            else if (v == 0) {
                st->pick[open] = (uint32_t)q;
                st->open[open++] = s->rules.allowed[j][q];
            }
        }
        w += mult * (double)in * st->suffix[d + 1];
        if (!open)
            break;
        double total = 0;
        for (size_t k = 0; k < open; k++) {
            st->score[k] = exp(st->score[k] - top);
            total += st->score[k];
        }
        double x = (double)(parley__splitmix64(rng) >> 11) * 0x1p-53 * total;
        size_t k = 0;
        while (k + 1 < open && x >= st->score[k]) {
            x -= st->score[k];
            k++;
        }
        mult *= total / st->score[k];
        add_option(s, j, st->open[k], 1);
        for (size_t a = 0; a < n; a++)
            st->gap[a] += st->cd[(d * st->kmax + st->pick[k]) * n + a];
    }
    return w;
}

/* The mean and sd of each actor's utility over the issues from depth d on,
 * each issue's allowed options taken uniformly. */
static void strata_moments(const search_t *s, strata_t *st)
{
    size_t n = s->n;
    double *var = st->sd;
    for (size_t a = 0; a < n; a++)
        st->mu[s->m * n + a] = var[s->m * n + a] = 0;
    for (size_t d = s->m; d-- > 0;) {
        size_t j = s->order[d], k = s->rules.nallowed[j];
        for (size_t a = 0; a < n; a++) {
            double s1 = 0, s2 = 0;
            for (size_t q = 0; q < k; q++) {
                double c = (double)parley__contrib(s->sp, j, s->rules.allowed[j][q])[a];
                st->cd[(d * st->kmax + q) * n + a] = c;
                s1 += c;
                s2 += c * c;
            }
            double mean = k ? s1 / (double)k : 0;
            st->mu[d * n + a] = st->mu[(d + 1) * n + a] + mean;
            var[d * n + a] = var[(d + 1) * n + a] + (k ? fmax(0.0, s2 / (double)k - mean * mean) : 0);
        }
    }
    for (size_t x = 0; x < (s->m + 1) * n; x++)
        st->sd[x] = var[x] > 0 ? 1 / sqrt(var[x]) : 0;
}

static int estimate(search_t *s, const parley__big_t *suffix, uint64_t samples, uint64_t seed,
                    parley_zopa_count_t *out)
{
    strata_t st;
    memset(&st, 0, sizeof st);
    parley__big_init(&st.in);
    parley__big_set(&st.in, 0);
    size_t kmax = 1;
    for (size_t j = 0; j < s->m; j++)
        kmax = s->rules.nallowed[j] > kmax ? s->rules.nallowed[j] : kmax;
    st.suffix = parley__malloc((s->m + 1) * sizeof *st.suffix);
    st.open = parley__malloc(kmax * sizeof *st.open);
    st.score = parley__malloc(kmax * sizeof *st.score);
    st.pick = parley__malloc(kmax * sizeof *st.pick);
    st.kmax = kmax;
    st.cd = parley__malloc((s->m * kmax * s->n + 1) * sizeof *st.cd);
    st.gap = parley__malloc((s->n + 1) * sizeof *st.gap);
    st.mu = parley__malloc(((s->m + 1) * s->n + 1) * sizeof *st.mu);
    st.sd = parley__malloc(((s->m + 1) * s->n + 1) * sizeof *st.sd);
    double *sq = NULL; /* per stratum: the pilot's standard deviation */
    uint64_t *taken = NULL, *rng = NULL;
    int failed = !st.suffix || !st.open || !st.score || !st.mu || !st.sd || !st.pick || !st.cd ||
                 !st.gap;
    if (!failed) {
        lphi_init(st.lphi);
        strata_moments(s, &st);
    }
    for (size_t d = 0; !failed && d <= s->m; d++)
        st.suffix[d] = parley__big_double(&suffix[d]);
    uint64_t most = samples / 32; /* a pilot of at least 8 draws per stratum */
    failed = failed || strata_build(s, suffix, most < 1 ? 1 : most > STRATA_MAX ? STRATA_MAX
                                                       : (size_t)most, &st);
    size_t K = st.count;
    if (!failed && K) {
        sq = parley__calloc(K, sizeof *sq);
        taken = parley__calloc(K, sizeof *taken);
        rng = parley__malloc(K * sizeof *rng);
        failed = !sq || !taken || !rng;
    }
    double est = 0, var = 0;
    if (!failed && K) {
        for (size_t h = 0; h < K; h++) { /* splitmix64 streams start at hashed states: */
            uint64_t x = seed ^ (0xD1B54A32D192ED03ull * (uint64_t)(h + 1)); /* no overlap */
            rng[h] = parley__splitmix64(&x);
        }
        /* The pilot: a tenth of the samples, evenly, only to allocate the rest. */
        uint64_t pilot = samples / 10 / K;
        pilot = pilot < 2 ? 2 : pilot;
        double sdsum = 0;
        for (size_t h = 0; h < K; h++) {
            double s1 = 0, s2 = 0;
            for (uint64_t t = 0; t < pilot; t++) {
                double w = strata_draw(s, &st, h, &rng[h]);
                s1 += w;
                s2 += w * w;
            }
            double mean = s1 / (double)pilot;
            sq[h] = sqrt(fmax(0.0, s2 / (double)pilot - mean * mean)); /* the pilot's sd */
            sdsum += sq[h];
        }
        uint64_t used = pilot * K;
        /* REPLICATES independent replicates, each one draw per stratum plus
         * its share of the rest in proportion to the pilot's sd. */
        uint64_t per = samples > used ? (samples - used) / REPLICATES : 0;
        uint64_t extra = per > K ? per - K : 0;
        for (size_t h = 0; h < K; h++)
            taken[h] = 1 + (sdsum > 0 ? (uint64_t)((double)extra * sq[h] / sdsum) : 0);
        double r1 = 0, r2 = 0;
        for (int r = 0; r < REPLICATES; r++) {
            double e = 0;
            for (size_t h = 0; h < K; h++) {
                double s1 = 0;
                for (uint64_t t = 0; t < taken[h]; t++)
                    s1 += strata_draw(s, &st, h, &rng[h]);
                e += s1 / (double)taken[h];
                used += taken[h];
            }
            r1 += e;
            r2 += e * e;
        }
        est = r1 / REPLICATES;
        var = fmax(0.0, (r2 - REPLICATES * est * est) / (REPLICATES - 1)) / REPLICATES;
        out->samples = used;
    }
    if (!failed) {
        const double t = 2.131449545559323; /* Student's t, 15 degrees of freedom, 97.5% */
        double in = parley__big_double(&st.in), half = t * sqrt(var);
        out->exact = 0;
        out->estimate = in + est;
        out->ci_lo = fmax(in, out->estimate - half);
        out->ci_hi = fmin(st.suffix[0], out->estimate + half);
        out->strata = K;
        out->method = PARLEY_ZOPA_STRATIFIED;
        if (!K) { /* every subtree settled on the way: the count is exact */
            out->exact = 1;
            out->ci_lo = out->ci_hi = out->estimate;
            if (!parley__big_str(&st.in, out->count, sizeof out->count))
                snprintf(out->count, sizeof out->count, "%.17g", out->estimate);
        } else {
            snprintf(out->count, sizeof out->count, "%.0f", out->estimate);
        }
    }
    parley__free(sq);
    parley__free(taken);
    parley__free(rng);
    parley__free(st.u);
    parley__free(st.suffix);
    parley__free(st.open);
    parley__free(st.score);
    parley__free(st.pick);
    parley__free(st.cd);
    parley__free(st.gap);
    parley__free(st.mu);
    parley__free(st.sd);
    parley__big_free(&st.in);
    return failed ? -1 : 0;
}

static parley_status_t count_with(parley_ctx_t *ctx, search_t *s, uint64_t samples,
                                  uint64_t seed, int method, parley_zopa_count_t *out)
{
    counter_t c = {s, {0}, NULL};
    parley__big_init(&c.total);
    parley__big_set(&c.total, 0);
    c.suffix = parley__calloc(s->m + 1, sizeof *c.suffix);
    if (!c.suffix) {
        parley__big_free(&c.total);
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    int failed = 0;
    for (size_t d = s->m + 1; d-- > 0;) {
        parley__big_init(&c.suffix[d]);
        if (d == s->m) {
            parley__big_set(&c.suffix[d], 1);
        } else {
            failed |= !parley__big_copy(&c.suffix[d], &c.suffix[d + 1]);
            parley__big_mul_small(&c.suffix[d], (uint32_t)s->rules.nallowed[s->order[d]]);
        }
        failed |= c.suffix[d].failed;
    }
    if (!failed && method < 0)
        count_dfs(&c, 0);
    else
        s->aborted = 1;
    failed |= c.total.failed;
    out->nodes = s->nodes;
    if (!failed && !s->aborted) {
        out->exact = 1;
        out->estimate = parley__big_double(&c.total);
        out->ci_lo = out->ci_hi = out->estimate;
        if (!parley__big_str(&c.total, out->count, sizeof out->count))
            snprintf(out->count, sizeof out->count, "%.17g", out->estimate);
    } else if (!failed) {
        if (method == PARLEY_ZOPA_UNIFORM)
            estimate_uniform(s, samples ? samples : 1, seed, parley__big_double(&c.suffix[0]),
                             out);
        else
            failed = estimate(s, c.suffix, samples ? samples : 1, seed, out) != 0;
    }
    for (size_t d = 0; d <= s->m; d++)
        parley__big_free(&c.suffix[d]);
    parley__free(c.suffix);
    parley__big_free(&c.total);
    return failed ? parley__fail(ctx, PARLEY_ENOMEM, "out of memory") : PARLEY_OK;
}

static parley_status_t count_or_estimate(parley_ctx_t *ctx, const parley_space_t *sp,
                                         const parley_constraints_t *c, uint64_t budget,
                                         uint64_t samples, uint64_t seed, int method,
                                         parley_zopa_count_t *out)
{
    if (sp->big)
        return parley__fail(ctx, PARLEY_ELIMIT, "%s", parley__big_message);
    search_t s;
    parley_status_t st = search_init(ctx, sp, c, budget, &s);
    if (st)
        return st;
    parley_zopa_count_t r;
    memset(&r, 0, sizeof r);
    int none = 0;
    for (size_t j = 0; j < s.m; j++)
        none |= s.rules.nallowed[j] == 0;
    if (none) { /* red lines veto every option of some issue */
        r.exact = 1;
        strcpy(r.count, "0");
    } else {
        st = count_with(ctx, &s, samples, seed, method, &r);
    }
    search_free(&s);
    if (!st) {
        parley__ok(ctx);
        *out = r;
    }
    return st;
}

parley_status_t parley_space_count(parley_ctx_t *ctx, const parley_space_t *sp,
                                   const parley_constraints_t *c, uint64_t budget,
                                   uint64_t samples, uint64_t seed,
                                   parley_zopa_count_t *out)
{
    return count_or_estimate(ctx, sp, c, budget, samples, seed, -1, out);
}

parley_status_t parley_space_estimate(parley_ctx_t *ctx, const parley_space_t *sp,
                                      const parley_constraints_t *c,
                                      parley_zopa_method_t method, uint64_t samples,
                                      uint64_t seed, parley_zopa_count_t *out)
{
    if (method != PARLEY_ZOPA_STRATIFIED && method != PARLEY_ZOPA_UNIFORM)
        return parley__fail(ctx, PARLEY_EARG, "parley_space_estimate: unknown method %d",
                            (int)method);
    return count_or_estimate(ctx, sp, c, 0, samples, seed, (int)method, out);
}

/* ---- The acceptable package an actor likes least. */

typedef struct worst {
    search_t *s;
    size_t a;
    uint32_t *cur, *best;
    uint32_t *sorted; /* per issue (at start[j]): allowed options, cheapest for a first */
    parley_util_t best_u;
    int found;
} worst_t;

static int lex_less(const uint32_t *x, const uint32_t *y, size_t m)
{
    for (size_t j = 0; j < m; j++)
        if (x[j] != y[j])
            return x[j] < y[j];
    return 0;
}

typedef struct by_actor {
    const parley_space_t *sp;
    size_t j, a;
    const uint32_t *in;
} by_actor_t;

static int cmp_for_actor(const void *ctx, size_t x, size_t y)
{
    const by_actor_t *b = ctx;
    parley_util_t u = parley__contrib(b->sp, b->j, b->in[x])[b->a];
    parley_util_t v = parley__contrib(b->sp, b->j, b->in[y])[b->a];
    return u < v ? -1 : u > v;
}

/* Stable sort by contribution to actor a (equal ones keep their order). */
static int sort_for_actor(const parley_space_t *sp, size_t j, size_t a, const uint32_t *in,
                          size_t k, uint32_t *out)
{
    size_t *idx = parley__malloc((k + 1) * sizeof *idx);
    by_actor_t b = {sp, j, a, in};
    if (!idx)
        return -1;
    for (size_t x = 0; x < k; x++)
        idx[x] = x;
    if (parley__sort_idx(idx, k, cmp_for_actor, &b)) {
        parley__free(idx);
        return -1;
    }
    for (size_t x = 0; x < k; x++)
        out[x] = in[idx[x]];
    parley__free(idx);
    return 0;
}

static void worst_dfs(worst_t *w, size_t d)
{
    search_t *s = w->s;
    if (s->aborted || ++s->nodes > s->budget) {
        s->aborted = 1;
        return;
    }
    if (settle(s, d) < 0)
        return;
    if (w->found && s->u[w->a] + s->lo[d * s->n + w->a] > w->best_u)
        return;
    if (d == s->m) {
        if (!w->found || s->u[w->a] < w->best_u ||
            (s->u[w->a] == w->best_u && lex_less(w->cur, w->best, s->m))) {
            memcpy(w->best, w->cur, s->m * sizeof *w->cur);
            w->best_u = s->u[w->a];
            w->found = 1;
        }
        return;
    }
    size_t j = s->order[d];
    const uint32_t *opts = w->sorted + s->sp->start[j];
    size_t used = s->rules.nallowed[j];
    for (size_t x = 0; x < used && !s->aborted; x++) {
        w->cur[j] = opts[x];
        add_option(s, j, opts[x], 1);
        worst_dfs(w, d + 1);
        add_option(s, j, opts[x], -1);
    }
}

int parley_space_worst_for(const parley_space_t *sp, const parley_constraints_t *c, size_t a,
                           uint64_t budget, uint32_t *opt, int *exact)
{
    search_t s;
    *exact = 0;
    if (sp->big)
        return 0;
    if (search_init(NULL, sp, c, budget, &s))
        return 0;
    worst_t w = {&s, a, parley__calloc(sp->m + 1, sizeof(uint32_t)),
                 parley__calloc(sp->m + 1, sizeof(uint32_t)),
                 parley__calloc(sp->start[sp->m] + 1, sizeof(uint32_t)), 0, 0};
    int bad = !w.cur || !w.best || !w.sorted;
    for (size_t j = 0; j < sp->m && !bad; j++)
        bad = sort_for_actor(sp, j, a, s.rules.allowed[j], s.rules.nallowed[j],
                             w.sorted + sp->start[j]) != 0;
    if (!bad)
        worst_dfs(&w, 0);
    if (w.found && !bad)
        parley__items_decode(sp, w.best, opt); /* written per scenario issue */
    w.found = w.found && !bad;
    *exact = !s.aborted;
    parley__free(w.cur);
    parley__free(w.best);
    parley__free(w.sorted);
    search_free(&s);
    return w.found;
}
