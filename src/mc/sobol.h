/*
 * sobol.h — the Sobol estimators and their bootstrap (sobol.c), fed row by
 * row by sens.c and tested directly on functions with known indices
 * (tests/unit/test_mc.c). Internal: not part of the public API.
 */
#ifndef PARLEY_SOBOL_H
#define PARLEY_SOBOL_H

#include "../core/core.h"

typedef struct parley__sobol {
    size_t k;          /* inputs */
    unsigned B;        /* bootstrap replicates; replicate 0 is the estimate itself */
    uint64_t seed;     /* the replicates' Poisson weights */
    uint64_t n;        /* rows used (f(A) and f(B) defined) */
    uint64_t moving;   /* rows whose outputs are not all equal */
    double c;          /* the shift: the first row's f(A) */
    double *g;         /* (B + 1) x 3: weight, sum and sum of squares of f(A), f(B) */
    double *p;         /* (B + 1) x k x 4: per input the pairs' weight and sums */
} parley__sobol_t;

typedef struct parley__sobol_index {
    double s1, st;               /* NaN when the output has no variance */
    double s1_lo, s1_hi, st_lo, st_hi; /* bootstrap 95% intervals (NaN with no replicate) */
    uint64_t n;                  /* pairs */
} parley__sobol_index_t;

/* PARLEY_ENOMEM (no message) leaves *s empty. */
parley_status_t parley__sobol_init(parley__sobol_t *s, size_t k, unsigned resamples,
                                   uint64_t seed);
void parley__sobol_free(parley__sobol_t *s);
/* Row `row` of the design: f(A), f(B) and f(A_B^i) for the k inputs. A row
 * with f(A) or f(B) undefined (NaN) is skipped; an undefined f(A_B^i)
 * leaves input i out of that row. */
void parley__sobol_add(parley__sobol_t *s, uint64_t row, double fa, double fb, const double *fab);
/* Mean and variance of the f(A) and f(B) outputs, and the rows used. */
void parley__sobol_moments(const parley__sobol_t *s, double *mean, double *var, uint64_t *n);
/* The k indices and intervals into out; PARLEY_ENOMEM (no message). */
parley_status_t parley__sobol_finish(const parley__sobol_t *s, parley__sobol_index_t *out);

#endif
