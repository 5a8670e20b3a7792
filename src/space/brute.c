/*
 * brute.c — the obviously correct frontier: every package that crosses no
 * enforced red line is enumerated, those meeting every reservation are
 * sorted by utility vector, and each distinct vector is compared with the
 * frontier kept so far. For tests and small spaces (up to a few million
 * packages); the merge in frontier.c must agree with it exactly.
 */
#include <stdlib.h>
#include <string.h>
#include "spaceint.h"

typedef struct pool {
    size_t n, m, N;
    parley_util_t *u;    /* N x n */
    uint32_t *pk;  /* N x m */
} pool_t;

static int cmp_rows(const void *ctx, size_t x, size_t y)
{
    const pool_t *p = ctx;
    int d = parley__ucmp(p->u + x * p->n, p->u + y * p->n, p->n);
    if (d)
        return -d;
    for (size_t j = 0; j < p->m; j++)
        if (p->pk[x * p->m + j] != p->pk[y * p->m + j])
            return p->pk[x * p->m + j] < p->pk[y * p->m + j] ? -1 : 1;
    return 0;
}

static int meets(const parley_frontier_t *f, const parley_util_t *u)
{
    for (size_t a = 0; a < f->n; a++)
        if (f->rules.r[a] != PARLEY_NO_RESERVATION && u[a] < f->rules.r[a])
            return 0;
    return 1;
}

/* Every allowed package meeting the reservations, in odometer order. */
static parley_status_t enumerate(parley_frontier_t *f, uint64_t total, pool_t *p)
{
    size_t n = f->n, m = f->m;
    p->n = n;
    p->m = m;
    p->N = 0;
    p->u = parley__malloc((total * n + 1) * sizeof *p->u);
    p->pk = parley__malloc((total * m + 1) * sizeof *p->pk);
    size_t *idx = parley__calloc(m + 1, sizeof *idx);
    if (!p->u || !p->pk || !idx) {
        parley__free(idx);
        return PARLEY_ENOMEM;
    }
    for (uint64_t t = 0; t < total; t++) {
        parley_util_t *u = p->u + p->N * n;
        uint32_t *pk = p->pk + p->N * m;
        for (size_t a = 0; a < n; a++)
            u[a] = 0;
        for (size_t j = 0; j < m; j++) {
            pk[j] = f->rules.allowed[j][idx[j]];
            const parley_util_t *c = parley__contrib(f->sp, j, pk[j]);
            for (size_t a = 0; a < n; a++)
                u[a] += c[a];
        }
        if (meets(f, u))
            p->N++;
        for (size_t j = m; j-- > 0;) { /* the last issue turns fastest */
            if (++idx[j] < f->rules.nallowed[j])
                break;
            idx[j] = 0;
        }
    }
    parley__free(idx);
    return PARLEY_OK;
}

static int dominates(const parley_util_t *q, const parley_util_t *p, size_t n)
{
    size_t gt = 0;
    for (size_t a = 0; a < n; a++) {
        if (q[a] < p[a])
            return 0;
        gt += q[a] > p[a];
    }
    return gt > 0;
}

/* Keeps the sorted rows whose vector no kept vector dominates. */
static parley_status_t keep_front(parley_frontier_t *f, const pool_t *p, const size_t *ord)
{
    size_t n = f->n, m = f->m, P = 0, R = 0;
    parley_util_t *u = parley__malloc((p->N * n + 1) * sizeof *u);
    size_t *bstart = parley__malloc((p->N + 2) * sizeof *bstart);
    uint32_t *bpk = parley__malloc((p->N * m + 1) * sizeof *bpk);
    uint64_t *mult = parley__malloc((p->N + 1) * sizeof *mult);
    if (!u || !bstart || !bpk || !mult) {
        parley__free(u);
        parley__free(bstart);
        parley__free(bpk);
        parley__free(mult);
        return PARLEY_ENOMEM;
    }
    for (size_t k = 0; k < p->N;) {
        const parley_util_t *v = p->u + ord[k] * n;
        size_t e = k + 1;
        while (e < p->N && parley__ucmp(p->u + ord[e] * n, v, n) == 0)
            e++;
        int dom = 0;
        for (size_t q = 0; q < P && !dom; q++)
            dom = dominates(u + q * n, v, n);
        if (!dom) {
            memcpy(u + P * n, v, n * sizeof *u);
            bstart[P] = R;
            mult[P] = e - k;
            for (size_t x = k; x < e; x++)
                memcpy(bpk + (R++) * m, p->pk + ord[x] * m, m * sizeof *bpk);
            P++;
        }
        k = e;
    }
    bstart[P] = R;
    parley__free(f->u);
    parley__free(f->mult);
    f->u = u;
    f->mult = mult;
    f->bstart = bstart;
    f->bpk = bpk;
    f->P = P;
    return PARLEY_OK;
}

parley_status_t parley__frontier_brute(parley_ctx_t *ctx, parley_frontier_t *f)
{
    uint64_t total = 1;
    for (size_t j = 0; j < f->m; j++) {
        uint64_t k = f->rules.nallowed[j];
        if (k && total > f->o.brute_limit / k + 1)
            return parley__fail(ctx, PARLEY_ELIMIT,
                                "the brute force enumerates at most %llu packages; this space "
                                "has more (use the default method)",
                                (unsigned long long)f->o.brute_limit);
        total *= k;
    }
    if (total > f->o.brute_limit)
        return parley__fail(ctx, PARLEY_ELIMIT,
                            "the brute force enumerates at most %llu packages; this space has "
                            "%llu",
                            (unsigned long long)f->o.brute_limit, (unsigned long long)total);
    pool_t p = {0};
    size_t *ord = NULL;
    parley_status_t st = enumerate(f, total, &p);
    if (!st && !(ord = parley__malloc((p.N + 1) * sizeof *ord)))
        st = PARLEY_ENOMEM;
    if (!st) {
        for (size_t k = 0; k < p.N; k++)
            ord[k] = k;
        st = parley__sort_idx(ord, p.N, cmp_rows, &p) ? PARLEY_ENOMEM : keep_front(f, &p, ord);
    }
    f->peak_points = p.N;
    f->peak_bytes = p.N * (f->n * sizeof(parley_util_t) + f->m * sizeof(uint32_t));
    parley__free(ord);
    parley__free(p.u);
    parley__free(p.pk);
    if (st)
        return parley__fail(ctx, st, "out of memory in the brute-force enumeration");
    return PARLEY_OK;
}
