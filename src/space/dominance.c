/*
 * dominance.c — which of K distinct utility vectors (sorted in decreasing
 * lexicographic order) another one dominates. Two actors: one sweep. Three:
 * a sweep with a Fenwick tree of running maxima, O(K log K). Four or more:
 * a sweep too, with a k-d tree over the vectors whose per-node maxima cover
 * only the rows already found undominated (each row is then asked whether
 * one of them is at least as good everywhere: a dominator comes earlier in
 * the order, and if it is itself dominated, its own undominated dominator
 * is earlier still). K reaches tens of millions when a four-party frontier
 * is merged, so everything is flat arrays.
 *
 * The order makes the first coordinate free: every row swept before row p
 * is at least as large as p there (exactly, hence after rounding too). The
 * tree therefore splits on the other n - 1 coordinates only, and neither the
 * boxes nor the leaf comparisons look at the first one (splitting on it as
 * well cost 1.8x the time on five parties x 20 issues).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "spaceint.h"

void parley__pareto_mark_naive(const parley_util_t *u, size_t K, size_t n, unsigned char *dominated)
{
    for (size_t p = 0; p < K; p++) {
        dominated[p] = 0;
        for (size_t q = 0; q < K && !dominated[p]; q++) {
            if (q == p)
                continue;
            size_t ge = 0, gt = 0;
            for (size_t i = 0; i < n; i++) {
                ge += u[q * n + i] >= u[p * n + i];
                gt += u[q * n + i] > u[p * n + i];
            }
            dominated[p] = ge == n && gt > 0;
        }
    }
}

static int cmp_desc(const void *a, const void *b)
{
    parley_util_t x = *(const parley_util_t *)a, y = *(const parley_util_t *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Index of v in the decreasing array vals[0..n) (present). */
static size_t rank_of(const parley_util_t *vals, size_t n, parley_util_t v)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (vals[mid] > v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static parley_status_t mark3(const parley_util_t *u, size_t K, unsigned char *dominated)
{
    /* Sweep in order; a Fenwick tree over the ranks of u1 (rank 0 = largest)
     * keeps the largest u2 among earlier rows with u1 at least a given value. */
    parley_util_t *vals = parley__malloc(K * sizeof *vals);
    parley_util_t *tree = parley__malloc((K + 1) * sizeof *tree);
    if (!vals || !tree) {
        parley__free(vals);
        parley__free(tree);
        return PARLEY_ENOMEM;
    }
    for (size_t p = 0; p < K; p++)
        vals[p] = u[p * 3 + 1];
    qsort(vals, K, sizeof *vals, cmp_desc);
    size_t nv = 0;
    for (size_t p = 0; p < K; p++)
        if (nv == 0 || vals[nv - 1] != vals[p])
            vals[nv++] = vals[p];
    for (size_t k = 0; k <= nv; k++)
        tree[k] = PARLEY_UTIL_MIN;
    for (size_t p = 0; p < K; p++) {
        size_t r = rank_of(vals, nv, u[p * 3 + 1]) + 1;
        parley_util_t best = PARLEY_UTIL_MIN;
        for (size_t k = r; k > 0; k -= k & (~k + 1))
            best = tree[k] > best ? tree[k] : best;
        parley_util_t v = u[p * 3 + 2];
        dominated[p] = best >= v;
        if (!dominated[p])
            for (size_t k = r; k <= nv; k += k & (~k + 1))
                if (tree[k] < v)
                    tree[k] = v;
    }
    parley__free(vals);
    parley__free(tree);
    return PARLEY_OK;
}

/* ---- k-d tree for four or more actors. */

enum { LEAF = 12 };

/* The tree works on the utilities rounded to doubles, which is exact where
 * it matters: rounding is monotone, so d(a) < d(b) implies a < b. A box
 * (the largest rounded coordinates of the node's active rows, -inf while it
 * has none) is pruned only when it is below the query in some rounded
 * coordinate, hence below it exactly; rows are compared in doubles and,
 * where the doubles tie, in the exact 128-bit values.
 *
 * Two layouts. Plain: the tree is built over the K rows themselves. Copies
 * (a merge step): the rows are the previous frontier's points shifted by
 * each of the Q options; the tree is built once over the P points
 * and each copy keeps its own boxes over that shared partition (a shift
 * moves every point of a copy alike, so the partition stays a partition,
 * and the boxes only ever hold actual rows). A row is never dominated by a
 * row of its own copy (the points are mutually undominated), so its copy is
 * not searched. */
typedef struct kd {
    const double *u;   /* tree rows x n: the coordinates the tree is built on */
    const double *g;   /* K x n: the rows rounded */
    const parley_util_t *x; /* the exact rows */
    const size_t *row; /* row k is x + row[k] * n (x + k * n when NULL) */
    const uint32_t *gid; /* copies: the row of copy c, point p at c * P + p (or NONE) */
    size_t n, P, Q, cap_nodes;
    uint32_t *idx;     /* tree rows, permuted so each node is a contiguous range */
    double *box;       /* per copy and node: the maximum of each coordinate over active rows */
    uint32_t *lo, *hi; /* per node: its range of idx */
    uint32_t *right;   /* per node: the right child (the left one is node + 1) */
    uint32_t *parent;  /* per node: its parent (the root's is itself) */
    uint32_t *leaf;    /* per tree row: the leaf holding it */
    const uint32_t *copy, *point; /* copies: each row's copy and point */
    unsigned char *active; /* per row: swept and undominated */
    size_t nodes;
} kd_t;

#define NONE UINT32_MAX

static const parley_util_t *exact_row(const kd_t *t, size_t k)
{
    return t->x + (t->row ? t->row[k] : k) * t->n;
}

static void swap_idx(uint32_t *a, uint32_t *b)
{
    uint32_t t = *a;
    *a = *b;
    *b = t;
}

/* Partially orders idx[lo..hi) on coordinate d so that idx[k] holds the
 * k-th smallest, smaller ones before it and larger ones after (three-way
 * partitions: many equal coordinates are common). */
static void select_kth(const kd_t *t, size_t lo, size_t hi, size_t k, size_t d)
{
    const double *u = t->u;
    size_t n = t->n;
    while (hi - lo > 1) {
        double pivot = u[(size_t)t->idx[lo + (hi - lo) / 2] * n + d];
        size_t lt = lo, i = lo, gt = hi;
        while (i < gt) {
            double v = u[(size_t)t->idx[i] * n + d];
            if (v < pivot)
                swap_idx(&t->idx[lt++], &t->idx[i++]);
            else if (v > pivot)
                swap_idx(&t->idx[i], &t->idx[--gt]);
            else
                i++;
        }
        if (k < lt)
            hi = lt;
        else if (k >= gt)
            lo = gt;
        else
            return;
    }
}

static size_t build(kd_t *t, size_t lo, size_t hi, size_t depth, size_t parent)
{
    size_t node = t->nodes++, n = t->n;
    t->lo[node] = (uint32_t)lo;
    t->hi[node] = (uint32_t)hi;
    t->parent[node] = (uint32_t)parent;
    for (size_t c = 0; c < t->Q; c++)
        for (size_t i = 0; i < n; i++)
            t->box[(c * t->cap_nodes + node) * n + i] = -HUGE_VAL;
    if (hi - lo > LEAF) {
        size_t mid = lo + (hi - lo) / 2;
        select_kth(t, lo, hi, mid, 1 + depth % (n - 1));
        build(t, lo, mid, depth + 1, node);
        t->right[node] = (uint32_t)build(t, mid, hi, depth + 1, node);
    } else {
        for (size_t p = lo; p < hi; p++)
            t->leaf[t->idx[p]] = (uint32_t)node;
    }
    return node;
}

/* Row p joins the active rows: its leaf's and ancestors' boxes grow. */
static void activate(kd_t *t, size_t p)
{
    size_t n = t->n, c = t->copy ? t->copy[p] : 0, v = t->leaf[t->point ? t->point[p] : p];
    const double *x = t->g + p * n;
    double *boxes = t->box + c * t->cap_nodes * n;
    t->active[p] = 1;
    for (;;) {
        double *box = boxes + v * n;
        int grew = 0;
        for (size_t i = 1; i < n; i++)
            if (x[i] > box[i]) {
                box[i] = x[i];
                grew = 1;
            }
        if (!grew || v == 0)
            return; /* an ancestor's box already holds this one's */
        v = t->parent[v];
    }
}

/* Whether an active row of copy c is at least as good as row p everywhere.
 * Children of node are node + 1 and the node after the left subtree. */
static int dominated_in(const kd_t *t, size_t c, size_t p, size_t *stack)
{
    size_t n = t->n, top = 0;
    const double *x = t->g + p * n;
    const parley_util_t *xe = exact_row(t, p);
    const double *boxes = t->box + c * t->cap_nodes * n;
    stack[top++] = 0;
    while (top) {
        size_t v = stack[--top];
        const double *box = boxes + v * n;
        size_t i = 1;
        while (i < n && box[i] >= x[i])
            i++;
        if (i < n)
            continue;
        size_t lo = t->lo[v], hi = t->hi[v];
        if (hi - lo <= LEAF) {
            for (size_t q = lo; q < hi; q++) {
                size_t r = t->gid ? t->gid[c * t->P + t->idx[q]] : t->idx[q];
                if (r == NONE || !t->active[r])
                    continue;
                const double *y = t->g + r * n;
                const parley_util_t *ye = exact_row(t, r);
                size_t k = 1;
                while (k < n && (y[k] > x[k] || (y[k] == x[k] && ye[k] >= xe[k])))
                    k++;
                if (k == n)
                    return 1; /* rows are distinct: >= everywhere means dominates */
            }
            continue;
        }
        /* Higher values of the split coordinate sit in the right child:
         * look there first, a dominator is likelier. */
        stack[top++] = v + 1;
        stack[top++] = t->right[v];
    }
    return 0;
}

/* Makes *p hold at least `need` elements of `size` bytes (contents kept
 * or not: callers rewrite them). Grown with realloc, which moves a large
 * block's pages instead of faulting in fresh ones. */
static int reserve(void **p, size_t *cap, size_t need, size_t size)
{
    if (*cap >= need && *p)
        return 0;
    size_t c = need + need / 4 + 16;
    void *q = parley__realloc(*p, c * size);
    if (!q) {
        parley__free(*p);
        *p = NULL;
        *cap = 0;
        return -1;
    }
    *p = q;
    *cap = c;
    return 0;
}

void parley__dom_work_free(parley__dom_work_t *w)
{
    parley__free(w->ud);
    parley__free(w->fd);
    parley__free(w->idx);
    parley__free(w->box);
    parley__free(w->nodes);
    parley__free(w->leaf);
    parley__free(w->active);
    parley__free(w->rows3);
    parley__free(w->gid);
    parley__free(w->copy);
    memset(w, 0, sizeof *w);
}

/* The sweep: rows in decreasing order, each asked against the active rows
 * of every copy but its own, and activated when undominated. The tree is
 * built over T rows of t->u (set by the caller). */
static parley_status_t sweep(kd_t *t, parley__dom_work_t *w, size_t T, size_t K,
                             unsigned char *dominated)
{
    size_t n = t->n, maxnodes = 2 * (T / LEAF + 1) * 2 + 8;
    if (reserve((void **)&w->idx, &w->cap_idx, T + 1, sizeof *w->idx) ||
        reserve((void **)&w->box, &w->cap_box, maxnodes * n * t->Q, sizeof *w->box) ||
        reserve((void **)&w->nodes, &w->cap_nodes, maxnodes * 4, sizeof *w->nodes) ||
        reserve((void **)&w->leaf, &w->cap_leaf, T + 1, sizeof *w->leaf) ||
        reserve((void **)&w->active, &w->cap_active, K + 1, 1))
        return PARLEY_ENOMEM;
    t->cap_nodes = maxnodes;
    t->idx = w->idx;
    t->box = w->box;
    t->lo = w->nodes;
    t->hi = w->nodes + maxnodes;
    t->right = w->nodes + 2 * maxnodes;
    t->parent = w->nodes + 3 * maxnodes;
    t->leaf = w->leaf;
    t->active = w->active;
    t->nodes = 0;
    memset(t->active, 0, K);
    size_t stack[256];
    for (size_t p = 0; p < T; p++)
        t->idx[p] = (uint32_t)p;
    build(t, 0, T, 0, 0);
    for (size_t p = 0; p < K; p++) {
        size_t own = t->copy ? t->copy[p] : NONE;
        int d = 0;
        for (size_t c = 0; c < t->Q && !d; c++)
            if (c != own)
                d = dominated_in(t, c, p, stack);
        dominated[p] = (unsigned char)d;
        if (!d)
            activate(t, p);
    }
    return PARLEY_OK;
}

/* The rows rounded to doubles, into w->ud. */
static int round_rows(const parley_util_t *u, const size_t *row, size_t K, size_t n,
                      parley__dom_work_t *w)
{
    if (reserve((void **)&w->ud, &w->cap_ud, K * n + 1, sizeof *w->ud))
        return -1;
    for (size_t k = 0; k < K; k++) {
        const parley_util_t *x = u + (row ? row[k] : k) * n;
        for (size_t i = 0; i < n; i++)
            w->ud[k * n + i] = (double)x[i];
    }
    return 0;
}

static parley_status_t markkd(const parley_util_t *u, const size_t *row, size_t K, size_t n,
                              unsigned char *dominated, parley__dom_work_t *w)
{
    if (round_rows(u, row, K, n, w))
        return PARLEY_ENOMEM;
    kd_t t;
    memset(&t, 0, sizeof t);
    t.u = t.g = w->ud;
    t.x = u;
    t.row = row;
    t.n = n;
    t.Q = 1;
    return sweep(&t, w, K, K, dominated);
}

parley_status_t parley__pareto_mark_copies(const parley_util_t *fu, size_t P, const size_t *rs,
                                           size_t Q, const uint32_t *cpar,
                                           const parley_util_t *u, const size_t *row, size_t K,
                                           size_t n, unsigned char *dominated,
                                           parley__dom_work_t *w)
{
    if (n < 4 || Q < 2 || Q > PARLEY__COPIES_MAX)
        return parley__pareto_mark_rows(u, row, K, n, dominated, w);
    size_t R = rs[Q];
    if (round_rows(u, row, K, n, w) ||
        reserve((void **)&w->fd, &w->cap_fd, P * n + 1, sizeof *w->fd) ||
        reserve((void **)&w->gid, &w->cap_gid, Q * P + 1, sizeof *w->gid) ||
        reserve((void **)&w->copy, &w->cap_copy, 2 * K + R + 1, sizeof *w->copy))
        return PARLEY_ENOMEM;
    for (size_t k = 0; k < P * n; k++)
        w->fd[k] = (double)fu[k];
    /* each candidate row's copy (its run), then each row's copy and point */
    uint32_t *rcopy = w->copy + 2 * K;
    for (size_t c = 0; c < Q; c++)
        for (size_t r = rs[c]; r < rs[c + 1]; r++)
            rcopy[r] = (uint32_t)c;
    for (size_t k = 0; k < Q * P; k++)
        w->gid[k] = NONE;
    for (size_t k = 0; k < K; k++) {
        size_t r = row[k];
        w->copy[k] = rcopy[r];
        w->copy[K + k] = cpar[r];
        w->gid[(size_t)rcopy[r] * P + cpar[r]] = (uint32_t)k;
    }
    kd_t t;
    memset(&t, 0, sizeof t);
    t.u = w->fd;
    t.g = w->ud;
    t.x = u;
    t.row = row;
    t.gid = w->gid;
    t.copy = w->copy;
    t.point = w->copy + K;
    t.n = n;
    t.P = P;
    t.Q = Q;
    return sweep(&t, w, P, K, dominated);
}

static void mark2_rows(const parley_util_t *u, const size_t *row, size_t K,
                       unsigned char *dominated)
{
    /* Every earlier row is >= in u0; it dominates when it is also >= in u1. */
    parley_util_t best = PARLEY_UTIL_MIN;
    for (size_t p = 0; p < K; p++) {
        parley_util_t v = u[(row ? row[p] : p) * 2 + 1];
        dominated[p] = p > 0 && v <= best;
        if (v > best)
            best = v;
    }
}

parley_status_t parley__pareto_mark_rows(const parley_util_t *u, const size_t *row, size_t K,
                                         size_t n, unsigned char *dominated,
                                         parley__dom_work_t *w)
{
    if (K == 0)
        return PARLEY_OK;
    if (n == 1) {
        for (size_t p = 0; p < K; p++)
            dominated[p] = p > 0;
        return PARLEY_OK;
    }
    if (n == 2) {
        mark2_rows(u, row, K, dominated);
        return PARLEY_OK;
    }
    if (n >= 4)
        return markkd(u, row, K, n, dominated, w);
    /* three actors: the Fenwick sweep on contiguous rows */
    if (!row)
        return mark3(u, K, dominated);
    if (reserve((void **)&w->rows3, &w->cap_rows3, K * 3 + 1, sizeof *w->rows3))
        return PARLEY_ENOMEM;
    for (size_t k = 0; k < K; k++)
        memcpy(w->rows3 + k * 3, u + row[k] * 3, 3 * sizeof *w->rows3);
    return mark3(w->rows3, K, dominated);
}

parley_status_t parley__pareto_mark(const parley_util_t *u, size_t K, size_t n,
                                    unsigned char *dominated)
{
    parley__dom_work_t w;
    memset(&w, 0, sizeof w);
    parley_status_t st = parley__pareto_mark_rows(u, NULL, K, n, dominated, &w);
    parley__dom_work_free(&w);
    return st;
}
