/*
 * dominance.c — which of K distinct utility vectors (sorted in decreasing
 * lexicographic order) another one dominates. Two actors: one sweep. Three:
 * a sweep with a Fenwick tree of running maxima, O(K log K). Four or more:
 * a k-d tree over the vectors with per-node maxima, queried for a vector
 * that is at least as good everywhere. K reaches tens of millions when a
 * four-party frontier is merged, so everything is flat arrays.
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

static void mark2(const parley_util_t *u, size_t K, unsigned char *dominated)
{
    /* Every earlier row is >= in u0; it dominates when it is also >= in u1. */
    parley_util_t best = PARLEY_UTIL_MIN;
    for (size_t p = 0; p < K; p++) {
        parley_util_t v = u[p * 2 + 1];
        dominated[p] = p > 0 && v <= best;
        if (v > best)
            best = v;
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
 * (the largest rounded coordinates) is pruned only when it is below the
 * query in some rounded coordinate, hence below it exactly; a leaf's rows
 * are compared in doubles and, where the doubles tie, in the exact 128-bit
 * values. */
typedef struct kd {
    const double *u;   /* K x n: the utilities rounded */
    const parley_util_t *x; /* K x n: exactly */
    size_t n;
    uint32_t *idx;     /* rows, permuted so each node is a contiguous range */
    double *box;       /* per node: the maximum of each coordinate */
    uint32_t *lo, *hi; /* per node: its range of idx */
    uint32_t *right;   /* per node: the right child (the left one is node + 1) */
    size_t nodes;
} kd_t;

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

static size_t build(kd_t *t, size_t lo, size_t hi, size_t depth)
{
    size_t node = t->nodes++, n = t->n;
    t->lo[node] = (uint32_t)lo;
    t->hi[node] = (uint32_t)hi;
    double *box = t->box + node * n;
    for (size_t i = 0; i < n; i++)
        box[i] = -HUGE_VAL;
    for (size_t p = lo; p < hi; p++)
        for (size_t i = 0; i < n; i++) {
            double v = t->u[(size_t)t->idx[p] * n + i];
            box[i] = v > box[i] ? v : box[i];
        }
    if (hi - lo > LEAF) {
        size_t mid = lo + (hi - lo) / 2;
        select_kth(t, lo, hi, mid, depth % n);
        build(t, lo, mid, depth + 1);
        t->right[node] = (uint32_t)build(t, mid, hi, depth + 1);
    }
    return node;
}

/* Children of node are node + 1 and the node after the left subtree. */
static int dominated_kd(const kd_t *t, size_t node, size_t p, size_t *stack)
{
    size_t n = t->n, top = 0;
    const double *x = t->u + p * n;
    const parley_util_t *xe = t->x + p * n;
    stack[top++] = node;
    while (top) {
        size_t v = stack[--top];
        const double *box = t->box + v * n;
        size_t i = 0;
        while (i < n && box[i] >= x[i])
            i++;
        if (i < n)
            continue;
        size_t lo = t->lo[v], hi = t->hi[v];
        if (hi - lo <= LEAF) {
            for (size_t q = lo; q < hi; q++) {
                size_t r = t->idx[q];
                if (r == p)
                    continue;
                const double *y = t->u + r * n;
                const parley_util_t *ye = t->x + r * n;
                size_t k = 0;
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

static parley_status_t markkd(const parley_util_t *u, size_t K, size_t n, unsigned char *dominated)
{
    kd_t t;
    memset(&t, 0, sizeof t);
    double *ud = parley__malloc((K * n + 1) * sizeof *ud);
    if (!ud)
        return PARLEY_ENOMEM;
    for (size_t k = 0; k < K * n; k++)
        ud[k] = (double)u[k];
    t.u = ud;
    t.x = u;
    t.n = n;
    size_t maxnodes = 2 * (K / LEAF + 1) * 2 + 8;
    t.idx = parley__malloc(K * sizeof *t.idx);
    t.box = parley__malloc(maxnodes * n * sizeof *t.box);
    t.lo = parley__malloc(maxnodes * sizeof *t.lo);
    t.hi = parley__malloc(maxnodes * sizeof *t.hi);
    t.right = parley__malloc(maxnodes * sizeof *t.right);
    size_t *stack = parley__malloc(256 * sizeof *stack);
    parley_status_t st = PARLEY_OK;
    if (!t.idx || !t.box || !t.lo || !t.hi || !t.right || !stack) {
        st = PARLEY_ENOMEM;
    } else {
        for (size_t p = 0; p < K; p++)
            t.idx[p] = (uint32_t)p;
        build(&t, 0, K, 0);
        for (size_t p = 0; p < K; p++)
            dominated[p] = (unsigned char)dominated_kd(&t, 0, p, stack);
    }
    parley__free(t.idx);
    parley__free(t.box);
    parley__free(t.lo);
    parley__free(t.hi);
    parley__free(t.right);
    parley__free(stack);
    parley__free(ud);
    return st;
}

parley_status_t parley__pareto_mark(const parley_util_t *u, size_t K, size_t n,
                                    unsigned char *dominated)
{
    if (K == 0)
        return PARLEY_OK;
    if (n == 1) {
        for (size_t p = 0; p < K; p++)
            dominated[p] = p > 0;
        return PARLEY_OK;
    }
    if (n == 2) {
        mark2(u, K, dominated);
        return PARLEY_OK;
    }
    if (n == 3)
        return mark3(u, K, dominated);
    return markkd(u, K, n, dominated);
}
