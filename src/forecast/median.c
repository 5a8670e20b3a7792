/*
 * median.c — the weighted median: sorted by position, the first actor
 * whose cumulative weight (capability x salience) reaches half the total;
 * with linear losses the Condorcet winner among the positions. One sort of
 * an issue's actors (up to a few thousand).
 */
#include <math.h>
#include <stdlib.h>
#include "fcint.h"

/* The median of n (position, weight) pairs, sorted in place. */
static double median_sorted(fc_keyed_t *k, size_t n)
{
    qsort(k, n, sizeof *k, parley__fc_by_position);
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += k[i].w;
    if (!(total > 0.0))
        return (double)NAN;
    double half = 0.5 * total * (1.0 - 1e-12), run = 0.0; /* "reaches" despite rounding */
    for (size_t i = 0; i < n; i++) {
        run += k[i].w;
        if (k[i].w > 0.0 && run >= half)
            return k[i].x;
    }
    return k[n - 1].x;
}

double parley_fc_median(size_t n, const double *x, const double *w)
{
    fc_keyed_t stack[64], *k = n <= 64 ? stack : parley__malloc(n * sizeof *k);
    if (!k) { /* out of memory: fall back to a quadratic scan without allocating */
        double total = 0.0, best = (double)NAN;
        for (size_t i = 0; i < n; i++)
            total += w[i];
        for (size_t i = 0; i < n; i++) {
            double below = 0.0;
            for (size_t m = 0; m < n; m++)
                below += x[m] <= x[i] ? w[m] : 0.0;
            if (w[i] > 0.0 && below >= 0.5 * total * (1.0 - 1e-12) && !(x[i] >= best))
                best = x[i];
        }
        return total > 0.0 ? best : (double)NAN;
    }
    for (size_t i = 0; i < n; i++)
        k[i] = (fc_keyed_t){x[i], w[i]};
    double m = median_sorted(k, n);
    if (k != stack)
        parley__free(k);
    return m;
}
