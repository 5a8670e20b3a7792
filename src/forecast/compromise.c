/*
 * compromise.c — the compromise model: the capability x salience weighted
 * mean of the actors' positions (Achen 2006; on DEU the model to beat).
 * One pass over the actors of an issue.
 */
#include <math.h>
#include "fcint.h"

double parley_fc_mean(size_t n, const double *x, const double *w)
{
    double sw = 0.0, swx = 0.0;
    for (size_t k = 0; k < n; k++) {
        sw += w[k];
        swx += w[k] * x[k];
    }
    if (!(sw > 0.0))
        return (double)NAN;
    double m = swx / sw;
    /* rounding must not carry the mean outside the positions' hull */
    double lo = x[0], hi = x[0];
    for (size_t k = 1; k < n; k++) {
        lo = x[k] < lo ? x[k] : lo;
        hi = x[k] > hi ? x[k] : hi;
    }
    return m < lo ? lo : m > hi ? hi : m;
}
