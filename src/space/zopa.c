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

static void estimate(search_t *s, uint64_t samples, uint64_t seed, double total,
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
    wilson(hits, samples, total, out);
    snprintf(out->count, sizeof out->count, "%.0f", out->estimate);
}

static parley_status_t count_with(parley_ctx_t *ctx, search_t *s, uint64_t samples,
                                  uint64_t seed, parley_zopa_count_t *out)
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
    if (!failed)
        count_dfs(&c, 0);
    failed |= c.total.failed;
    out->nodes = s->nodes;
    if (!failed && !s->aborted) {
        out->exact = 1;
        out->estimate = parley__big_double(&c.total);
        out->ci_lo = out->ci_hi = out->estimate;
        if (!parley__big_str(&c.total, out->count, sizeof out->count))
            snprintf(out->count, sizeof out->count, "%.17g", out->estimate);
    } else if (!failed) {
        estimate(s, samples ? samples : 1, seed, parley__big_double(&c.suffix[0]), out);
    }
    for (size_t d = 0; d <= s->m; d++)
        parley__big_free(&c.suffix[d]);
    parley__free(c.suffix);
    parley__big_free(&c.total);
    return failed ? parley__fail(ctx, PARLEY_ENOMEM, "out of memory") : PARLEY_OK;
}

parley_status_t parley_space_count(parley_ctx_t *ctx, const parley_space_t *sp,
                                   const parley_constraints_t *c, uint64_t budget,
                                   uint64_t samples, uint64_t seed,
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
        st = count_with(ctx, &s, samples, seed, &r);
    }
    search_free(&s);
    if (!st) {
        parley__ok(ctx);
        *out = r;
    }
    return st;
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
