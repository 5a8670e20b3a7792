/*
 * dist.c — random streams and the four input distributions. A stream is a
 * GSL generator of our own type (xoshiro256**, 256-bit state) so that one
 * can be re-seeded from a 64-bit key per sample at the cost of four
 * splitmix64 steps: millions of samples each start a fresh stream.
 */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include "mcint.h"
#include "../core/rng.h"

/* GSL's samplers draw from the project's xoshiro256** (src/core/rng.c). */
static void xs_set(void *vs, unsigned long seed)
{
    parley__rng_seed(vs, (uint64_t)seed);
}

static unsigned long xs_get(void *vs)
{
    return (unsigned long)(parley__rng_next(vs) >> 32);
}

static double xs_get_double(void *vs)
{
    return (double)(parley__rng_next(vs) >> 11) * 0x1.0p-53; /* 53 random bits, in [0,1) */
}

static const gsl_rng_type XS_TYPE = {"parley-xoshiro256**", 0xFFFFFFFFul, 0,
                                     sizeof(parley__rng_t), xs_set, xs_get, xs_get_double};

struct parley_mc_stream {
    gsl_rng *g;
};

parley_mc_stream_t *parley_mc_stream_create(void)
{
    parley_mc_stream_t *r = malloc(sizeof *r);
    if (!r)
        return NULL;
    r->g = gsl_rng_alloc(&XS_TYPE);
    if (!r->g) {
        free(r);
        return NULL;
    }
    return r;
}

void parley_mc_stream_destroy(parley_mc_stream_t *r)
{
    if (!r)
        return;
    gsl_rng_free(r->g);
    free(r);
}

void parley_mc_stream_seek(parley_mc_stream_t *r, uint64_t seed, uint64_t index)
{
    /* Two rounds of mixing so that neighbouring seeds and indices give
     * unrelated keys; the key is written to the state directly (a GSL seed
     * is an unsigned long, 32 bits on some platforms). */
    uint64_t h = seed;
    h = parley__splitmix64(&h);
    uint64_t k = h ^ (index * 0xD1B54A32D192ED03ull);
    parley__rng_seed(r->g->state, parley__splitmix64(&k));
}

double parley_mc_stream_uniform(parley_mc_stream_t *r)
{
    return gsl_rng_uniform(r->g);
}

const char *parley_mc_dist_name(parley_dist_kind_t k)
{
    switch (k) {
    case PARLEY_DIST_UNIFORM: return "uniform";
    case PARLEY_DIST_TRIANGULAR: return "triangular";
    case PARLEY_DIST_NORMAL: return "normal";
    case PARLEY_DIST_BETA: return "beta";
    case PARLEY_DIST_CHOICE: return "choice";
    }
    return "?";
}

static double clamp(double x, double a, double b)
{
    return x < a ? a : x > b ? b : x;
}

static double triangular_inv(const parley_uncertain_t *u, double p)
{
    double a = u->a, b = u->b, c = u->c, w = b - a;
    if (p * w < c - a)
        return a + sqrt(p * w * (c - a));
    return b - sqrt((1.0 - p) * w * (b - c));
}

/* The truncated normal's inverse CDF, worked in the tail where the
 * truncation lies so that far-out intervals keep their precision. */
static double tnormal_inv(const parley_uncertain_t *u, double p)
{
    double al = (u->a - u->c) / u->d, be = (u->b - u->c) / u->d, z;
    if (al > 0.0) {
        double qa = gsl_cdf_ugaussian_Q(al), qb = gsl_cdf_ugaussian_Q(be);
        z = gsl_cdf_ugaussian_Qinv(qa - p * (qa - qb));
    } else {
        double pa = gsl_cdf_ugaussian_P(al), pb = gsl_cdf_ugaussian_P(be);
        z = gsl_cdf_ugaussian_Pinv(pa + p * (pb - pa));
    }
    return clamp(u->c + u->d * z, u->a, u->b);
}

static double tnormal_mass(const parley_uncertain_t *u)
{
    double al = (u->a - u->c) / u->d, be = (u->b - u->c) / u->d;
    return al > 0.0 ? gsl_cdf_ugaussian_Q(al) - gsl_cdf_ugaussian_Q(be)
                    : gsl_cdf_ugaussian_P(be) - gsl_cdf_ugaussian_P(al);
}

/* A choice's inverse CDF: the first option k whose cumulative probability
 * p[0] + ... + p[k] exceeds q (the last option of positive probability
 * when rounding leaves the sum below q). */
static double choice_inv(const parley_uncertain_t *u, double q)
{
    double cum = 0.0;
    size_t last = 0;
    for (size_t k = 0; k < u->n_options; k++) {
        if (u->p[k] > 0.0)
            last = k;
        cum += u->p[k];
        if (u->p[k] > 0.0 && q < cum)
            return (double)k;
    }
    return (double)last;
}

double parley_mc_draw(const parley_uncertain_t *u, parley_mc_stream_t *r)
{
    switch (u->dist) {
    case PARLEY_DIST_UNIFORM:
        return clamp(u->a + (u->b - u->a) * gsl_rng_uniform(r->g), u->a, u->b);
    case PARLEY_DIST_TRIANGULAR:
        return clamp(triangular_inv(u, gsl_rng_uniform(r->g)), u->a, u->b);
    case PARLEY_DIST_NORMAL:
        /* Rejection keeps GSL's sampler when most of the mass is kept; a
         * narrow or far truncation goes through the inverse CDF. */
        if (tnormal_mass(u) >= 0.25)
            for (int k = 0; k < 64; k++) {
                double x = u->c + gsl_ran_gaussian_ziggurat(r->g, u->d);
                if (x >= u->a && x <= u->b)
                    return x;
            }
        return tnormal_inv(u, gsl_rng_uniform(r->g));
    case PARLEY_DIST_BETA:
        return clamp(u->a + (u->b - u->a) * gsl_ran_beta(r->g, u->c, u->d), u->a, u->b);
    case PARLEY_DIST_CHOICE:
        return choice_inv(u, gsl_rng_uniform(r->g));
    }
    return u->base;
}

double parley_mc_quantile(const parley_uncertain_t *u, double p)
{
    p = clamp(p, 0.0, 1.0);
    switch (u->dist) {
    case PARLEY_DIST_UNIFORM: return u->a + p * (u->b - u->a);
    case PARLEY_DIST_TRIANGULAR: return clamp(triangular_inv(u, p), u->a, u->b);
    case PARLEY_DIST_NORMAL: return tnormal_inv(u, p);
    case PARLEY_DIST_BETA:
        return clamp(u->a + (u->b - u->a) * gsl_cdf_beta_Pinv(p, u->c, u->d), u->a, u->b);
    case PARLEY_DIST_CHOICE: return choice_inv(u, p);
    }
    return u->base;
}

void parley_mc_moments(const parley_uncertain_t *u, double *mean, double *var)
{
    double a = u->a, b = u->b, c = u->c, d = u->d;
    switch (u->dist) {
    case PARLEY_DIST_UNIFORM:
        *mean = 0.5 * (a + b);
        *var = (b - a) * (b - a) / 12.0;
        return;
    case PARLEY_DIST_TRIANGULAR:
        *mean = (a + b + c) / 3.0;
        *var = (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
        return;
    case PARLEY_DIST_NORMAL: {
        double al = (a - c) / d, be = (b - c) / d, z = tnormal_mass(u);
        double pa = gsl_ran_ugaussian_pdf(al), pb = gsl_ran_ugaussian_pdf(be);
        double m = (pa - pb) / z;
        *mean = c + d * m;
        *var = d * d * (1.0 + (al * pa - be * pb) / z - m * m);
        return;
    }
    case PARLEY_DIST_BETA: {
        double s = c + d, m = c / s, v = c * d / (s * s * (s + 1.0));
        *mean = a + (b - a) * m;
        *var = (b - a) * (b - a) * v;
        return;
    }
    case PARLEY_DIST_CHOICE: { /* of the option's index */
        double m = 0.0, q = 0.0;
        for (size_t k = 0; k < u->n_options; k++) {
            m += (double)k * u->p[k];
            q += (double)k * (double)k * u->p[k];
        }
        *mean = m;
        *var = q - m * m;
        return;
    }
    }
    *mean = u->base;
    *var = 0.0;
}

void parley_mc_wilson(uint64_t k, uint64_t n, double *lo, double *hi)
{
    if (n == 0) {
        *lo = 0.0;
        *hi = 1.0;
        return;
    }
    const double z = 1.959963984540054; /* the 97.5% normal quantile */
    double nn = (double)n, p = (double)k / nn, z2 = z * z;
    double den = 1.0 + z2 / nn, mid = (p + z2 / (2.0 * nn)) / den;
    double half = z / den * sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn));
    *lo = clamp(mid - half, 0.0, 1.0);
    *hi = clamp(mid + half, 0.0, 1.0);
}
