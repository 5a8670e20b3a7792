/*
 * condorcet.c — a probabilistic Condorcet model in the manner of KTAB's
 * spatial model: victory probabilities from weighted votes, the stationary
 * chance each position prevails, the expected outcome, and actors
 * conceding towards it by their chance of losing to it. O(n^3) per round
 * (a linear solve): for tens to hundreds of actors.
 */
#include <math.h>
#include "fcint.h"

/* Solves A p = b in place by Gaussian elimination with partial pivoting;
 * 0 when A is singular (the chain has several closed classes). */
static int solve(size_t n, double *A, double *b)
{
    for (size_t c = 0; c < n; c++) {
        size_t piv = c;
        for (size_t r = c + 1; r < n; r++)
            if (fabs(A[r * n + c]) > fabs(A[piv * n + c]))
                piv = r;
        if (!(fabs(A[piv * n + c]) > 1e-14))
            return 0;
        for (size_t k = 0; k < n && piv != c; k++) {
            double t = A[c * n + k];
            A[c * n + k] = A[piv * n + k];
            A[piv * n + k] = t;
        }
        double tb = b[c];
        b[c] = b[piv];
        b[piv] = tb;
        for (size_t r = c + 1; r < n; r++) {
            double m = A[r * n + c] / A[c * n + c];
            for (size_t k = c; k < n; k++)
                A[r * n + k] -= m * A[c * n + k];
            b[r] -= m * b[c];
        }
    }
    for (size_t c = n; c-- > 0;) {
        double v = b[c];
        for (size_t k = c + 1; k < n; k++)
            v -= A[c * n + k] * b[k];
        b[c] = v / A[c * n + c];
    }
    return 1;
}

/* Power iteration from the uniform distribution (the singular case). */
static void power(size_t n, const double *x, const fc_votes_t *v, double *p, double *q)
{
    for (size_t a = 0; a < n; a++)
        p[a] = 1.0 / (double)n;
    for (int it = 0; it < 20000; it++) {
        double change = 0.0;
        for (size_t b = 0; b < n; b++) {
            double in = 0.0, out = 0.0;
            for (size_t a = 0; a < n; a++)
                if (a != b) {
                    in += p[a] * parley__votes_share(v, x[b], x[a]);
                    out += parley__votes_share(v, x[a], x[b]);
                }
            q[b] = p[b] + (in - p[b] * out) / (double)n;
        }
        for (size_t b = 0; b < n; b++) {
            change += fabs(q[b] - p[b]);
            p[b] = q[b];
        }
        if (change < 1e-12)
            break;
    }
}

/* Stationary distribution p of the chain in which position b displaces
 * position a with probability P(b beats a) / n (mat: n*n scratch). */
static void stationary(size_t n, const double *x, const fc_votes_t *v, double *mat, double *p,
                       double *q)
{
    for (size_t a = 0; a < n; a++) {
        double leave = 0.0;
        for (size_t b = 0; b < n; b++)
            if (b != a) {
                double t = parley__votes_share(v, x[b], x[a]) / (double)n;
                mat[b * n + a] = t; /* row b of (M^T - I) */
                leave += t;
            }
        mat[a * n + a] = -leave;
    }
    for (size_t a = 0; a < n; a++) {
        mat[(n - 1) * n + a] = 1.0; /* replace one balance equation by sum p = 1 */
        p[a] = a == n - 1 ? 1.0 : 0.0;
    }
    if (!solve(n, mat, p))
        power(n, x, v, p, q);
    double sum = 0.0;
    for (size_t a = 0; a < n; a++) {
        p[a] = p[a] > 0.0 ? p[a] : 0.0;
        sum += p[a];
    }
    for (size_t a = 0; a < n; a++)
        p[a] = sum > 0.0 ? p[a] / sum : 1.0 / (double)n;
}

/* Voters sit at their ideals; the contested positions are x. */
static fc_votes_t ideal_votes(parley_forecast_t *f, size_t n, double **p, double **q)
{
    size_t stride = f->na + 1;
    double *w = f->scr, *xs = w + stride, *W = xs + stride, *WX = W + stride;
    *p = WX + stride;
    *q = *p + stride;
    for (size_t k = 0; k < n; k++)
        w[k] = f->cc[k] * f->cs[k];
    fc_votes_t v;
    parley__votes_build(&v, n, f->c0, w, f->keyed, xs, W, WX);
    return v;
}

double parley__condorcet_outcome(parley_forecast_t *f, size_t n, const double *x, double range)
{
    (void)range;
    double *p, *q;
    fc_votes_t v = ideal_votes(f, n, &p, &q);
    stationary(n, x, &v, f->mat, p, q);
    double e = 0.0;
    for (size_t k = 0; k < n; k++)
        e += p[k] * x[k];
    return e;
}

double parley__condorcet_round(parley_forecast_t *f, size_t n, double *x, double range)
{
    double e = parley__condorcet_outcome(f, n, x, range);
    double *p, *q;
    fc_votes_t v = ideal_votes(f, n, &p, &q);
    for (size_t k = 0; k < n; k++)
        q[k] = x[k] + (1.0 - parley__votes_share(&v, x[k], e)) * (e - x[k]);
    for (size_t k = 0; k < n; k++)
        x[k] = q[k];
    return parley__condorcet_outcome(f, n, x, range);
}
