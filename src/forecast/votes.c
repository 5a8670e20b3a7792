/*
 * votes.c — weighted pairwise votes between two positions (voter k backs
 * the nearer one with weight w_k times how much nearer), shared by the EUM
 * and Condorcet models. Sorted voters and prefix sums of w and w x price a
 * contest in O(log n), keeping a round's n^2 contests cheap at n = 1,000.
 */
#include <stdlib.h>
#include "fcint.h"

int parley__fc_by_position(const void *a, const void *b)
{
    double xa = ((const fc_keyed_t *)a)->x, xb = ((const fc_keyed_t *)b)->x;
    return (xa > xb) - (xa < xb);
}

void parley__votes_build(fc_votes_t *v, size_t n, const double *x, const double *w,
                         fc_keyed_t *tmp, double *xs, double *W, double *WX)
{
    for (size_t k = 0; k < n; k++)
        tmp[k] = (fc_keyed_t){x[k], w[k]};
    qsort(tmp, n, sizeof *tmp, parley__fc_by_position);
    W[0] = WX[0] = 0.0;
    for (size_t k = 0; k < n; k++) {
        xs[k] = tmp[k].x;
        W[k + 1] = W[k] + tmp[k].w;
        WX[k + 1] = WX[k] + tmp[k].w * tmp[k].x;
    }
    *v = (fc_votes_t){n, xs, W, WX};
}

/* Voters strictly below y (below = 1) or at most y (below = 0). */
static size_t count(const fc_votes_t *v, double y, int strict)
{
    size_t a = 0, b = v->n;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (strict ? v->xs[m] < y : v->xs[m] <= y)
            a = m + 1;
        else
            b = m;
    }
    return a;
}

double parley__votes_share(const fc_votes_t *v, double a, double b)
{
    if (a == b)
        return 0.5;
    double lo = a < b ? a : b, hi = a < b ? b : a, len = hi - lo, mid = 0.5 * (lo + hi);
    size_t i1 = count(v, lo, 0), i2 = count(v, mid, 1), i3 = count(v, mid, 0),
           i4 = count(v, hi, 1);
    const double *W = v->W, *WX = v->WX;
    double for_lo = len * W[i1] + (lo + hi) * (W[i2] - W[i1]) - 2.0 * (WX[i2] - WX[i1]);
    double for_hi = len * (W[v->n] - W[i4]) + 2.0 * (WX[i4] - WX[i3]) - (lo + hi) * (W[i4] - W[i3]);
    for_lo = for_lo > 0.0 ? for_lo : 0.0; /* rounding in the prefix sums */
    for_hi = for_hi > 0.0 ? for_hi : 0.0;
    double total = for_lo + for_hi;
    if (!(total > 0.0))
        return 0.5;
    return (a == lo ? for_lo : for_hi) / total;
}
