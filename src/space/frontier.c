/*
 * frontier.c — the exact Pareto frontier of the packages that meet a set of
 * constraints, built issue by issue: the partial packages over issues
 * 0..j that no other partial package dominates are extended by every
 * option of issue j+1, those that can no longer reach every reservation are
 * dropped, and the dominated ones discarded. Additive utilities make this
 * exact (a dominated partial package stays dominated whatever follows).
 * Packages sharing a utility vector are kept together as one point with
 * back-pointers, so the cost follows the frontier's size, not the space's.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include "spaceint.h"

void parley_frontier_options_init(parley_frontier_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->method = PARLEY_FRONTIER_MERGE;
    o->max_bytes = (size_t)8 << 30;
    o->brute_limit = 20000000;
    o->anytime_evals = 20000000;
    o->seed = 1;
}

#define ANYTIME_DIRECTIONS 48u

static uint64_t sat_add(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* ---- Linked items: options another option of the same item dominates
 * (at least as good for everyone, better for someone, both allowed) never
 * reach the frontier (swap them and the package improves), so the merge
 * leaves them out. Clusters have up to 2^20 options, most of them
 * dominated; plain issues are left as they are. */

typedef struct item_rows {
    const parley_space_t *sp;
    size_t j;
    const uint32_t *opt;
} item_rows_t;

static int cmp_item(const void *ctx, size_t x, size_t y)
{
    const item_rows_t *r = ctx;
    return -parley__ucmp(parley__contrib(r->sp, r->j, r->opt[x]),
                         parley__contrib(r->sp, r->j, r->opt[y]), r->sp->n);
}

static parley_status_t prune_item(parley_frontier_t *f, size_t j)
{
    const parley_space_t *sp = f->sp;
    size_t K = f->rules.nallowed[j], n = sp->n, G = 0;
    uint32_t *opt = f->rules.allowed[j];
    size_t *ord = parley__malloc((K + 1) * sizeof *ord), *grp = parley__malloc((K + 1) * sizeof *grp);
    parley_util_t *du = parley__malloc((K * n + 1) * sizeof *du);
    unsigned char *dom = parley__malloc(K + 1), *drop = parley__calloc(K + 1, 1);
    item_rows_t rows = {sp, j, opt};
    parley_status_t st = ord && grp && du && dom && drop ? PARLEY_OK : PARLEY_ENOMEM;
    for (size_t k = 0; !st && k < K; k++)
        ord[k] = k;
    if (!st && parley__sort_idx(ord, K, cmp_item, &rows))
        st = PARLEY_ENOMEM;
    for (size_t k = 0; !st && k < K; k++) { /* distinct vectors, in decreasing order */
        const parley_util_t *c = parley__contrib(sp, j, opt[ord[k]]);
        if (G == 0 || parley__ucmp(du + (G - 1) * n, c, n) != 0)
            memcpy(du + G++ * n, c, n * sizeof *du);
        grp[k] = G - 1;
    }
    if (!st)
        st = parley__pareto_mark(du, G, n, dom);
    if (!st) {
        size_t keep = 0;
        for (size_t k = 0; k < K; k++)
            drop[ord[k]] = dom[grp[k]];
        for (size_t k = 0; k < K; k++)
            if (!drop[k])
                opt[keep++] = opt[k]; /* increasing option order kept */
        f->rules.nallowed[j] = keep;
    }
    parley__free(ord);
    parley__free(grp);
    parley__free(du);
    parley__free(dom);
    parley__free(drop);
    return st;
}

parley_status_t parley_frontier_create(parley_ctx_t *ctx, const parley_space_t *sp,
                                       const parley_constraints_t *c,
                                       const parley_frontier_options_t *o,
                                       parley_frontier_t **out)
{
    parley_frontier_t *f = parley__calloc(1, sizeof *f);
    if (!f)
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    f->sp = sp;
    if (o)
        f->o = *o;
    else
        parley_frontier_options_init(&f->o);
    f->n = sp->n;
    f->m = sp->m;
    parley_status_t st = parley__rules_init(ctx, sp, c, &f->rules);
    if (st) {
        parley__free(f);
        return st;
    }
    for (size_t j = 0; sp->linked && f->o.method == PARLEY_FRONTIER_MERGE && j < f->m; j++)
        if (prune_item(f, j)) {
            parley_frontier_destroy(f);
            return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
        }
    if (sp->big && f->o.method == PARLEY_FRONTIER_BRUTE) {
        parley_frontier_destroy(f);
        return parley__fail(ctx, PARLEY_ELIMIT, "the brute force cannot enumerate a linked "
                                                "cluster past the exact limit");
    }
    if (sp->big && !(f->any = parley__anytime_create(sp, c, f->rules.r, ANYTIME_DIRECTIONS,
                                                     f->o.anytime_evals, f->o.seed))) {
        parley_frontier_destroy(f);
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    f->P = 1;
    f->u = parley__calloc(f->n + 1, sizeof *f->u);
    f->mult = parley__calloc(1, sizeof *f->mult);
    f->rank = parley__calloc(1, sizeof *f->rank);
    f->stages = parley__calloc(f->m + 1, sizeof *f->stages);
    if (!f->u || !f->mult || !f->rank || !f->stages) {
        parley_frontier_destroy(f);
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    f->mult[0] = 1;
    f->peak_points = 1;
    parley__ok(ctx);
    *out = f;
    return PARLEY_OK;
}

static void merge_free(parley_frontier_t *f);

static void free_stage(parley__stage_t *s)
{
    parley__free(s->alt_start);
    parley__free(s->alt_parent);
    parley__free(s->alt_opt);
    memset(s, 0, sizeof *s);
}

void parley_frontier_destroy(parley_frontier_t *f)
{
    if (!f)
        return;
    if (f->stages)
        for (size_t j = 0; j < f->m; j++)
            free_stage(&f->stages[j]);
    parley__free(f->stages);
    parley__free(f->u);
    parley__free(f->mult);
    parley__free(f->rank);
    parley__free(f->bpk);
    parley__free(f->bstart);
    parley__rules_free(&f->rules, f->m);
    parley__anytime_free(f->any);
    merge_free(f);
    parley__free(f);
}

size_t parley_frontier_steps(const parley_frontier_t *f)
{
    if (f->any)
        return parley__anytime_directions(f->any);
    return f->o.method == PARLEY_FRONTIER_BRUTE ? 1 : f->m;
}

int parley_frontier_anytime(const parley_frontier_t *f, double *gap)
{
    if (gap)
        *gap = f->any ? f->gap : 0.0;
    return f->any != NULL;
}

/* ---- The anytime frontier's results, in the frontier's layout. */

typedef struct any_rows {
    const parley_util_t *u;
    size_t n;
} any_rows_t;

static int cmp_any(const void *ctx, size_t x, size_t y)
{
    const any_rows_t *r = ctx;
    return -parley__ucmp(r->u + x * r->n, r->u + y * r->n, r->n);
}

static parley_status_t anytime_finish(parley_frontier_t *f)
{
    const parley_util_t *au;
    const uint32_t *apk;
    size_t P = parley__anytime_points(f->any, &au, &apk), n = f->n, m = f->m;
    if (parley__anytime_failed(f->any))
        return PARLEY_ENOMEM;
    size_t *ord = parley__malloc((P + 1) * sizeof *ord);
    parley_util_t *u = parley__malloc((P * n + 1) * sizeof *u);
    uint64_t *mult = parley__malloc((P + 1) * sizeof *mult);
    uint32_t *bpk = parley__malloc((P * m + 1) * sizeof *bpk);
    size_t *bstart = parley__malloc((P + 2) * sizeof *bstart);
    any_rows_t rows = {au, n};
    int bad = !ord || !u || !mult || !bpk || !bstart;
    for (size_t k = 0; !bad && k < P; k++)
        ord[k] = k;
    if (!bad)
        bad = parley__sort_idx(ord, P, cmp_any, &rows) != 0;
    for (size_t k = 0; !bad && k < P; k++) { /* decreasing lexicographic order */
        memcpy(u + k * n, au + ord[k] * n, n * sizeof *u);
        memcpy(bpk + k * m, apk + ord[k] * m, m * sizeof *bpk);
        mult[k] = 1;
        bstart[k] = k;
    }
    parley__free(ord);
    if (bad) {
        parley__free(u);
        parley__free(mult);
        parley__free(bpk);
        parley__free(bstart);
        return PARLEY_ENOMEM;
    }
    bstart[P] = P;
    parley__free(f->u);
    parley__free(f->mult);
    f->u = u;
    f->mult = mult;
    f->bpk = bpk;
    f->bstart = bstart;
    f->P = f->peak_points = P;
    f->gap = parley__anytime_gap(f->any);
    return PARLEY_OK;
}

size_t parley_frontier_steps_done(const parley_frontier_t *f)
{
    return f->done ? parley_frontier_steps(f) : f->step;
}

/* ---- One merge step. The candidates (every point extended by every
 * allowed option of the issue) are written run by run, one run per option
 * (each in the points' decreasing order), merged into one order without
 * moving them, grouped by equal vectors and filtered. */

typedef struct cand {
    size_t n, K;
    parley_util_t *u;        /* K x n */
    uint32_t *par, *opt;
} cand_t;

/* Frees the per-candidate arrays but the utilities. */
static void free_per_candidate(parley_frontier_t *f)
{
    parley__free(f->cpar);
    parley__free(f->copt);
    parley__free(f->ord);
    parley__free(f->gs);
    parley__free(f->grow);
    parley__free(f->dom);
    f->cpar = f->copt = f->ord = NULL;
    f->gs = f->grow = NULL;
    f->dom = NULL;
    f->cap_k = 0;
}

static void merge_free(parley_frontier_t *f)
{
    free_per_candidate(f);
    parley__free(f->cu);
    f->cu = NULL;
    f->cap_ku = 0;
    parley__dom_work_free(&f->dw);
}

/* *p resized to bytes (contents need not survive): realloc moves a large
 * block's pages instead of faulting in fresh ones each step. *p is kept on
 * failure, for the caller to free. */
static int grow(void **p, size_t bytes)
{
    void *q = parley__realloc(*p, bytes);
    if (!q)
        return -1;
    *p = q;
    return 0;
}

/* Room for K candidates in f's buffers (grown by a quarter, kept). */
static int merge_reserve(parley_frontier_t *f, size_t K)
{
    if (K + 1 > f->cap_k) {
        size_t cap = K + K / 4 + 16;
        if (grow((void **)&f->cpar, cap * sizeof *f->cpar) ||
            grow((void **)&f->copt, cap * sizeof *f->copt) ||
            grow((void **)&f->ord, cap * sizeof *f->ord) ||
            grow((void **)&f->gs, cap * sizeof *f->gs) ||
            grow((void **)&f->grow, cap * sizeof *f->grow) || grow((void **)&f->dom, cap)) {
            free_per_candidate(f);
            return -1;
        }
        f->cap_k = cap;
    }
    if (K + 1 > f->cap_ku) {
        size_t cap = K + K / 4 + 16;
        if (grow((void **)&f->cu, cap * f->n * sizeof *f->cu)) {
            parley__free(f->cu);
            f->cu = NULL;
            f->cap_ku = 0;
            return -1;
        }
        f->cap_ku = cap;
    }
    return 0;
}

/* Can this partial package (issues < j+1 decided) still meet every reservation? */
static int reachable(const parley_frontier_t *f, size_t j, const parley_util_t *u)
{
    const parley_util_t *rem = f->rules.maxrem + (j + 1) * f->n;
    for (size_t a = 0; a < f->n; a++)
        if (f->rules.r[a] != PARLEY_NO_RESERVATION && u[a] + rem[a] < f->rules.r[a])
            return 0;
    return 1;
}

/* Extends every point by option q of issue j into c (one sorted run). */
static void extend(const parley_frontier_t *f, size_t j, uint32_t q, cand_t *c)
{
    size_t n = f->n;
    const parley_util_t *add = parley__contrib(f->sp, j, q);
    for (size_t p = 0; p < f->P; p++) {
        parley_util_t *u = c->u + c->K * n;
        for (size_t a = 0; a < n; a++)
            u[a] = f->u[p * n + a] + add[a];
        if (!reachable(f, j, u))
            continue;
        c->par[c->K] = (uint32_t)p;
        c->opt[c->K] = q;
        c->K++;
    }
}

/* Heap order of candidates: larger utilities first; equal vectors by the
 * lexicographic rank of their smallest package, so a group's first entry
 * is its smallest package. */
static int before(const parley_frontier_t *f, const cand_t *c, size_t x, size_t y)
{
    int d = parley__ucmp(c->u + x * c->n, c->u + y * c->n, c->n);
    if (d)
        return d > 0;
    uint32_t rx = f->rank[c->par[x]], ry = f->rank[c->par[y]];
    if (rx != ry)
        return rx < ry;
    return c->opt[x] < c->opt[y];
}

static void sift(const parley_frontier_t *f, const cand_t *c, size_t *heap, size_t *end,
                 size_t h, size_t k)
{
    for (;;) {
        size_t l = 2 * k + 1, r = l + 1, b = k;
        if (l < h && before(f, c, heap[l], heap[b]))
            b = l;
        if (r < h && before(f, c, heap[r], heap[b]))
            b = r;
        if (b == k)
            return;
        size_t t = heap[b];
        heap[b] = heap[k];
        heap[k] = t;
        t = end[b];
        end[b] = end[k];
        end[k] = t;
        k = b;
    }
}

/* Merges the sorted runs [rs[r], rs[r+1]) of c into the order ord. */
static parley_status_t merge_runs(const parley_frontier_t *f, const cand_t *c,
                                  const size_t *rs, size_t runs, uint32_t *ord)
{
    size_t *heap = parley__malloc((runs + 1) * sizeof *heap);
    size_t *end = parley__malloc((runs + 1) * sizeof *end);
    if (!heap || !end) {
        parley__free(heap);
        parley__free(end);
        return PARLEY_ENOMEM;
    }
    size_t h = 0, K = 0;
    for (size_t r = 0; r < runs; r++)
        if (rs[r] < rs[r + 1]) {
            heap[h] = rs[r];
            end[h++] = rs[r + 1];
        }
    for (size_t k = h; k-- > 0;)
        sift(f, c, heap, end, h, k);
    while (h) {
        ord[K++] = (uint32_t)heap[0];
        if (++heap[0] == end[0]) {
            heap[0] = heap[h - 1];
            end[0] = end[h - 1];
            h--;
        }
        sift(f, c, heap, end, h, 0);
    }
    parley__free(heap);
    parley__free(end);
    return PARLEY_OK;
}

typedef struct keyed {
    uint64_t key;
    uint32_t idx;
} keyed_t;

static int cmp_keyed(const void *a, const void *b)
{
    uint64_t x = ((const keyed_t *)a)->key, y = ((const keyed_t *)b)->key;
    return x < y ? -1 : x > y;
}

/* The new points: the groups of candidates c, in the order ord, whose
 * vector survived (group g is ord[gs[g] .. gs[g+1])). */
static parley_status_t adopt(parley_frontier_t *f, size_t j, const cand_t *c, const uint32_t *ord,
                             const size_t *gs, size_t G, const unsigned char *dom)
{
    size_t n = f->n, S = 0, A = 0;
    for (size_t g = 0; g < G; g++)
        if (!dom[g]) {
            S++;
            A += gs[g + 1] - gs[g];
        }
    parley__stage_t st = {0};
    parley_util_t *u = parley__malloc((S * n + 1) * sizeof *u);
    uint64_t *mult = parley__malloc((S + 1) * sizeof *mult);
    uint32_t *rank = parley__malloc((S + 1) * sizeof *rank);
    keyed_t *keys = parley__malloc((S + 1) * sizeof *keys);
    st.alt_start = parley__malloc((S + 1) * sizeof *st.alt_start);
    st.alt_parent = parley__malloc((A + 1) * sizeof *st.alt_parent);
    st.alt_opt = parley__malloc((A + 1) * sizeof *st.alt_opt);
    if (!u || !mult || !rank || !keys || !st.alt_start || !st.alt_parent || !st.alt_opt) {
        parley__free(u);
        parley__free(mult);
        parley__free(rank);
        parley__free(keys);
        free_stage(&st);
        return PARLEY_ENOMEM;
    }
    size_t s = 0, a = 0;
    uint64_t width = f->sp->nopt[j];
    for (size_t g = 0; g < G; g++) {
        if (dom[g])
            continue;
        size_t first = ord[gs[g]];
        memcpy(u + s * n, c->u + first * n, n * sizeof *u);
        st.alt_start[s] = (uint32_t)a;
        mult[s] = 0;
        for (size_t k = gs[g]; k < gs[g + 1]; k++) {
            size_t x = ord[k];
            st.alt_parent[a] = c->par[x];
            st.alt_opt[a] = c->opt[x];
            mult[s] = sat_add(mult[s], f->mult[c->par[x]]);
            a++;
        }
        keys[s].key = (uint64_t)f->rank[c->par[first]] * width + c->opt[first];
        keys[s].idx = (uint32_t)s;
        s++;
    }
    st.alt_start[S] = (uint32_t)A;
    st.n = S;
    qsort(keys, S, sizeof *keys, cmp_keyed);
    for (size_t k = 0; k < S; k++)
        rank[keys[k].idx] = (uint32_t)k;
    parley__free(keys);
    parley__free(f->u);
    parley__free(f->mult);
    parley__free(f->rank);
    f->u = u;
    f->mult = mult;
    f->rank = rank;
    f->P = S;
    f->stages[j] = st;
    f->bytes += (S + 1) * sizeof(uint32_t) + A * 2 * sizeof(uint32_t);
    return PARLEY_OK;
}

/* Groups of equal vectors in c taken in the order ord: group g starts at
 * ord position gs[g], its vector is row grow[g] of c. */
static size_t group(const cand_t *c, const uint32_t *ord, size_t *gs, size_t *grow)
{
    size_t G = 0, n = c->n;
    for (size_t k = 0; k < c->K; k++)
        if (k == 0 || parley__ucmp(c->u + (size_t)ord[k] * n, c->u + grow[G - 1] * n, n) != 0) {
            grow[G] = ord[k];
            gs[G++] = k;
        }
    gs[G] = c->K;
    return G;
}

static parley_status_t too_big(parley_ctx_t *ctx, const parley_frontier_t *f, size_t need)
{
    return parley__fail(ctx, PARLEY_ELIMIT,
                        "the frontier after %zu of %zu issues holds %zu points; merging the "
                        "next issue needs about %.1f GiB on top of the %.1f GiB kept for the "
                        "issues merged, over the bound of %.1f GiB (--max-memory)",
                        f->step, f->m, f->P, (double)need / (1u << 30),
                        (double)f->bytes / (1u << 30), (double)f->o.max_bytes / (1u << 30));
}

/* Bytes per candidate a step among n actors holds (the candidates,
 * their order and groups, and the dominance filter's tree). */
static size_t step_bytes(size_t n)
{
    size_t per = n * sizeof(parley_util_t) + 3 * sizeof(uint32_t) + 2 * sizeof(size_t) + 1;
    if (n >= 4) /* rounded rows, index, leaf, flag; about K / 3 nodes' maxima; the
                   copies' maps and the previous points rounded (dominance.c) */
        per += n * sizeof(double) + 2 * sizeof(uint32_t) + 1 + (n * sizeof(double) + 16) / 3 +
               4 * sizeof(uint32_t) + n * sizeof(double) / 2;
    else if (n == 3) /* the rows copied, the Fenwick tree and values */
        per += 5 * sizeof(parley_util_t);
    return per * 5 / 4; /* the buffers grow by a quarter */
}

static parley_status_t merge_step(parley_ctx_t *ctx, parley_frontier_t *f)
{
    size_t j = f->step, n = f->n, na = f->rules.nallowed[j];
    size_t Kmax = f->P * na, per = step_bytes(n);
    size_t need = Kmax * per;
    if (na && (Kmax / na != f->P || need / per != Kmax || f->bytes + need > f->o.max_bytes ||
               Kmax > UINT32_MAX - 64))
        return too_big(ctx, f, need);
    size_t *rs = parley__malloc((na + 2) * sizeof *rs);
    parley_status_t st = PARLEY_ENOMEM;
    if (rs && !merge_reserve(f, Kmax)) {
        cand_t c = {n, 0, f->cu, f->cpar, f->copt};
        rs[0] = 0;
        for (size_t q = 0; q < na; q++) {
            extend(f, j, f->rules.allowed[j][q], &c);
            rs[q + 1] = c.K;
        }
        if (f->bytes + need > f->peak_bytes)
            f->peak_bytes = f->bytes + need;
        st = merge_runs(f, &c, rs, na, f->ord);
        size_t G = st ? 0 : group(&c, f->ord, f->gs, f->grow);
        if (!st)
            st = parley__pareto_mark_copies(f->u, f->P, rs, na, c.par, c.u, f->grow, G, n,
                                            f->dom, &f->dw);
        if (!st)
            st = adopt(f, j, &c, f->ord, f->gs, G, f->dom);
    }
    parley__free(rs);
    if (st) {
        merge_free(f);
        return parley__fail(ctx, st, "out of memory while merging issue %zu of %zu", j + 1,
                            f->m);
    }
    if (f->P > f->peak_points)
        f->peak_points = f->P;
    return PARLEY_OK;
}

parley_status_t parley_frontier_step(parley_ctx_t *ctx, parley_frontier_t *f, int *done)
{
    parley_status_t st = PARLEY_OK;
    if (!f->done) {
        if (f->any) {
            /* three quarters of the budget on the directions, the rest polishing */
            size_t D = parley__anytime_directions(f->any);
            parley__anytime_direction(f->any, f->step, f->o.anytime_evals / D * 3 / 4);
            if (++f->step == D) {
                parley__anytime_polish(f->any, f->o.anytime_evals / 4);
                st = anytime_finish(f);
                if (st)
                    return parley__fail(ctx, st, "out of memory in the anytime frontier");
                f->done = 1;
            }
        } else if (f->o.method == PARLEY_FRONTIER_BRUTE) {
            st = parley__frontier_brute(ctx, f);
            f->done = st == PARLEY_OK;
        } else if (f->m == 0) {
            f->done = 1;
        } else {
            st = merge_step(ctx, f);
            if (!st && ++f->step == f->m) {
                f->done = 1;
                merge_free(f);
            }
        }
    }
    if (!st)
        parley__ok(ctx);
    *done = f->done;
    return st;
}

parley_status_t parley_frontier_run(parley_ctx_t *ctx, parley_frontier_t *f,
                                    void (*progress)(void *arg, size_t step, size_t steps,
                                                     size_t points),
                                    void *arg)
{
    int done = f->done;
    while (!done) {
        parley_status_t st = parley_frontier_step(ctx, f, &done);
        if (st)
            return st;
        if (progress)
            progress(arg, parley_frontier_steps_done(f), parley_frontier_steps(f), f->P);
    }
    return PARLEY_OK;
}

/* ---- Results. */

size_t parley_frontier_points(const parley_frontier_t *f)
{
    return f->done ? f->P : 0;
}

const parley_util_t *parley_frontier_utilities(const parley_frontier_t *f, size_t k)
{
    assert(f->done && k < f->P);
    return f->u + k * f->n;
}

uint64_t parley_frontier_multiplicity(const parley_frontier_t *f, size_t k)
{
    assert(f->done && k < f->P);
    return f->mult[k];
}

uint64_t parley_frontier_packages(const parley_frontier_t *f, int *exact)
{
    uint64_t t = 0;
    for (size_t k = 0; f->done && k < f->P; k++)
        t = sat_add(t, f->mult[k]);
    if (exact)
        *exact = t != UINT64_MAX;
    return t;
}

size_t parley_frontier_peak_points(const parley_frontier_t *f) { return f->peak_points; }
size_t parley_frontier_peak_bytes(const parley_frontier_t *f) { return f->peak_bytes; }

/*
 * Packages of one point in lexicographic order: the point's ancestors are
 * collected stage by stage (sorted, unique), their forward edges (parent,
 * option, child) sorted by parent then option, and a forward depth-first
 * walk from the root then meets packages in increasing order. The cost is
 * the size of the point's own sub-graph.
 */
typedef struct edge {
    uint32_t from, opt, to; /* indices into the ancestor lists of stages j-1 and j */
} edge_t;

typedef struct lexwalk {
    const parley_frontier_t *f;
    uint32_t **anc;   /* per stage: sorted ancestor points */
    size_t *nanc;
    edge_t **edges;   /* per stage: edges into it, by (from, opt) */
    size_t *nedges;
    uint32_t *cur, *out;
    size_t got, cap;
} lexwalk_t;

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_edge(const void *a, const void *b)
{
    const edge_t *x = a, *y = b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return x->opt < y->opt ? -1 : x->opt > y->opt;
}

static size_t find_u32(const uint32_t *v, size_t n, uint32_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Ancestors of stage j+1's list at stage j, and the edges between them. */
static int collect(lexwalk_t *w, size_t j)
{
    const parley__stage_t *st = &w->f->stages[j];
    size_t na = 0, ne = 0;
    for (size_t k = 0; k < w->nanc[j]; k++)
        ne += st->alt_start[w->anc[j][k] + 1] - st->alt_start[w->anc[j][k]];
    w->edges[j] = parley__malloc((ne + 1) * sizeof(edge_t));
    uint32_t *par = parley__malloc((ne + 1) * sizeof *par);
    if (!w->edges[j] || !par) {
        parley__free(par);
        return -1;
    }
    for (size_t k = 0; k < w->nanc[j]; k++)
        for (uint32_t a = st->alt_start[w->anc[j][k]]; a < st->alt_start[w->anc[j][k] + 1]; a++)
            par[na++] = st->alt_parent[a];
    qsort(par, na, sizeof *par, cmp_u32);
    size_t u = 0;
    for (size_t k = 0; k < na; k++)
        if (u == 0 || par[u - 1] != par[k])
            par[u++] = par[k];
    ne = 0;
    for (size_t k = 0; k < w->nanc[j]; k++)
        for (uint32_t a = st->alt_start[w->anc[j][k]]; a < st->alt_start[w->anc[j][k] + 1]; a++)
            w->edges[j][ne++] = (edge_t){(uint32_t)find_u32(par, u, st->alt_parent[a]),
                                         st->alt_opt[a], (uint32_t)k};
    qsort(w->edges[j], ne, sizeof(edge_t), cmp_edge);
    w->nedges[j] = ne;
    if (j > 0) {
        w->anc[j - 1] = par;
        w->nanc[j - 1] = u;
    } else {
        parley__free(par); /* stage 0's parents: the root alone */
    }
    return 0;
}

/* Forward from node x of stage j-1 (the root when j == 0). */
static void forward(lexwalk_t *w, size_t j, uint32_t x)
{
    const edge_t *e = w->edges[j];
    size_t n = w->nedges[j], k = 0;
    while (k < n && e[k].from < x)
        k++;
    for (; k < n && e[k].from == x && w->got < w->cap; k++) {
        w->cur[j] = e[k].opt;
        if (j + 1 == w->f->m) {
            memcpy(w->out + w->got * w->f->m, w->cur, w->f->m * sizeof *w->cur);
            w->got++;
        } else {
            forward(w, j + 1, e[k].to);
        }
    }
}

static size_t lex_packages(const parley_frontier_t *f, size_t k, uint32_t *opt, size_t max)
{
    size_t m = f->m;
    lexwalk_t w = {f, parley__calloc(m, sizeof(uint32_t *)), parley__calloc(m, sizeof(size_t)),
                   parley__calloc(m, sizeof(edge_t *)), parley__calloc(m, sizeof(size_t)),
                   parley__calloc(m, sizeof(uint32_t)), opt, 0, max};
    int bad = !w.anc || !w.nanc || !w.edges || !w.nedges || !w.cur ||
              !(w.anc[m - 1] = parley__malloc(sizeof(uint32_t)));
    if (!bad) {
        w.anc[m - 1][0] = (uint32_t)k;
        w.nanc[m - 1] = 1;
    }
    for (size_t j = m; j-- > 0 && !bad;)
        bad = collect(&w, j) != 0;
    if (!bad)
        forward(&w, 0, 0);
    for (size_t j = 0; j < m; j++) {
        if (w.anc)
            parley__free(w.anc[j]);
        if (w.edges)
            parley__free(w.edges[j]);
    }
    parley__free(w.anc);
    parley__free(w.nanc);
    parley__free(w.edges);
    parley__free(w.nedges);
    parley__free(w.cur);
    return bad ? 0 : w.got;
}

static size_t item_packages(const parley_frontier_t *f, size_t k, uint32_t *opt, size_t max)
{
    size_t m = f->m;
    if (f->bpk) {
        size_t n = f->bstart[k + 1] - f->bstart[k];
        n = n < max ? n : max;
        memcpy(opt, f->bpk + f->bstart[k] * m, n * m * sizeof *opt);
        return n;
    }
    if (m == 0)
        return max ? 1 : 0;
    return lex_packages(f, k, opt, max);
}

size_t parley_frontier_point_packages(const parley_frontier_t *f, size_t k, uint32_t *opt,
                                      size_t max)
{
    assert(f->done && k < f->P);
    const parley_space_t *sp = f->sp;
    if (!sp->linked)
        return item_packages(f, k, opt, max);
    /* with linkage: found per item, written per scenario issue */
    uint32_t *it = parley__malloc((max * f->m + 1) * sizeof *it);
    if (!it)
        return 0;
    size_t got = item_packages(f, k, it, max);
    for (size_t p = 0; p < got; p++)
        parley__items_decode(sp, it + p * f->m, opt + p * sp->mi);
    parley__free(it);
    return got;
}
