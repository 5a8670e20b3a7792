/*
 * sobol.c — the Sobol estimators of `parley sensitivity`, fed one row of
 * the Saltelli design at a time (f(A), f(B), f(A_B^i) per input): centred
 * first-order indices (Saltelli et al. 2010, Table 2 (b)), total indices
 * (Jansen 1999, Table 2 (f)) and their bootstrap 95% intervals. The
 * bootstrap is the Poisson one (Hanley & MacGibbon 2006): each row enters
 * each of B replicates with a Poisson(1) weight drawn from a hash of (seed,
 * row, replicate), so the replicates accumulate as the rows arrive, in
 * constant memory, and give the same result in any order or thread count.
 * Work: B x (4k + 3) operations per row.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sobol.h"

enum { G_W = 0, G_S, G_SS, G_CELLS };          /* per replicate */
enum { P_N = 0, P_A, P_D, P_T, P_CELLS };      /* per replicate and input */

parley_status_t parley__sobol_init(parley__sobol_t *s, size_t k, unsigned resamples,
                                   uint64_t seed)
{
    memset(s, 0, sizeof *s);
    size_t R = (size_t)resamples + 1;
    s->k = k;
    s->B = resamples;
    s->seed = seed;
    s->g = parley__calloc(R * G_CELLS, sizeof(double));
    s->p = parley__calloc(R * (k ? k : 1) * P_CELLS, sizeof(double));
    if (!s->g || !s->p) {
        parley__sobol_free(s);
        return PARLEY_ENOMEM;
    }
    return PARLEY_OK;
}

void parley__sobol_free(parley__sobol_t *s)
{
    parley__free(s->g);
    parley__free(s->p);
    s->g = s->p = NULL;
}

static uint64_t mix(uint64_t z)
{
    z += 0x9e3779b97f4a7c15ull; /* splitmix64's finaliser */
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* A Poisson(1) count by inversion of a uniform from (seed, row, b). */
static double poisson1(uint64_t seed, uint64_t row, unsigned b)
{
    double u = (double)(mix(mix(seed ^ mix(row)) + b) >> 11) * 0x1p-53;
    double p = 0.36787944117144233, F = p; /* e^-1 */
    unsigned n = 0;
    while (u > F && n < 20) {
        n++;
        p /= n;
        F += p;
    }
    return (double)n;
}

void parley__sobol_add(parley__sobol_t *s, uint64_t row, double fa, double fb, const double *fab)
{
    if (isnan(fa) || isnan(fb))
        return;
    if (!s->n)
        s->c = fa; /* outputs are shifted by the first f(A): sums stay small */
    s->n++;
    int moved = fa != fb;
    for (size_t i = 0; i < s->k; i++)
        moved |= !isnan(fab[i]) && fab[i] != fa;
    s->moving += (uint64_t)moved;
    double a = fa - s->c, b = fb - s->c;
    for (unsigned r = 0; r <= s->B; r++) {
        double w = r ? poisson1(s->seed, row, r) : 1.0;
        if (w == 0.0)
            continue;
        double *g = s->g + (size_t)r * G_CELLS, *p = s->p + (size_t)r * s->k * P_CELLS;
        g[G_W] += w;
        g[G_S] += w * (a + b);
        g[G_SS] += w * (a * a + b * b);
        for (size_t i = 0; i < s->k; i++, p += P_CELLS) {
            if (isnan(fab[i]))
                continue;
            double d = fab[i] - fa;
            p[P_N] += w;
            p[P_A] += w * b * d;
            p[P_D] += w * d;
            p[P_T] += w * d * d;
        }
    }
}

/* Mean and variance of replicate r's outputs (shifted by c). */
static void rep_moments(const parley__sobol_t *s, unsigned r, double *mean, double *var)
{
    const double *g = s->g + (size_t)r * G_CELLS;
    if (!(g[G_W] > 0.0)) {
        *mean = *var = (double)NAN;
        return;
    }
    double m = g[G_S] / (2.0 * g[G_W]), v = g[G_SS] / (2.0 * g[G_W]) - m * m;
    *mean = m;
    *var = v > 0.0 ? v : 0.0;
}

/* Replicate r's indices of input i; NaN when the output has no variance. */
static void rep_index(const parley__sobol_t *s, unsigned r, size_t i, double *s1, double *st)
{
    double m, v;
    rep_moments(s, r, &m, &v);
    const double *p = s->p + ((size_t)r * s->k + i) * P_CELLS;
    if (!(v > 0.0) || !(p[P_N] > 0.0)) {
        *s1 = *st = (double)NAN;
        return;
    }
    /* (1/n) sum (f(B) - mean)(f(A_B^i) - f(A)): Saltelli's (b), centred */
    *s1 = (p[P_A] - m * p[P_D]) / p[P_N] / v;
    *st = p[P_T] / (2.0 * p[P_N]) / v; /* Jansen's (f) */
}

void parley__sobol_moments(const parley__sobol_t *s, double *mean, double *var, uint64_t *n)
{
    *n = s->n;
    rep_moments(s, 0, mean, var);
    *mean += s->c;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The 2.5% and 97.5% points of v[0..n) (sorted in place): the ceil(p n)-th
 * smallest, as the backtest's intervals. */
static void interval(double *v, size_t n, double *lo, double *hi)
{
    if (!n) {
        *lo = *hi = (double)NAN;
        return;
    }
    qsort(v, n, sizeof *v, cmp_double);
    size_t a = (size_t)ceil(0.025 * (double)n), b = (size_t)ceil(0.975 * (double)n);
    *lo = v[a ? a - 1 : 0];
    *hi = v[b ? b - 1 : 0];
}

parley_status_t parley__sobol_finish(const parley__sobol_t *s, parley__sobol_index_t *out)
{
    double *v1 = parley__malloc(((size_t)s->B + 1) * 2 * sizeof(double)), *vt;
    if (!v1)
        return PARLEY_ENOMEM;
    vt = v1 + s->B + 1;
    for (size_t i = 0; i < s->k; i++) {
        parley__sobol_index_t *o = &out[i];
        rep_index(s, 0, i, &o->s1, &o->st);
        o->n = (uint64_t)s->p[i * P_CELLS + P_N];
        size_t n1 = 0, nt = 0;
        for (unsigned r = 1; r <= s->B; r++) {
            double a, b;
            rep_index(s, r, i, &a, &b);
            if (!isnan(a))
                v1[n1++] = a;
            if (!isnan(b))
                vt[nt++] = b;
        }
        interval(v1, n1, &o->s1_lo, &o->s1_hi);
        interval(vt, nt, &o->st_lo, &o->st_hi);
        if (isnan(o->s1))
            o->s1_lo = o->s1_hi = o->st_lo = o->st_hi = (double)NAN;
    }
    parley__free(v1);
    return PARLEY_OK;
}
