/*
 * rng.h — a small seeded pseudo-random generator for reproducible
 * resampling (the backtest's bootstrap): xoshiro256** (Blackman & Vigna),
 * its state filled from the seed by splitmix64. Not for cryptography.
 */
#ifndef PARLEY_RNG_H
#define PARLEY_RNG_H

#include <stdint.h>

typedef struct parley__rng {
    uint64_t s[4];
} parley__rng_t;

/* splitmix64: advances *x by the golden gamma and returns it mixed; a good
 * 64-bit hash of nearby keys, and the generator's seeding step. */
uint64_t parley__splitmix64(uint64_t *x);
/* Seeds the generator; every seed (0 included) gives a valid state. */
void parley__rng_seed(parley__rng_t *r, uint64_t seed);
/* The next 64 random bits. */
uint64_t parley__rng_next(parley__rng_t *r);
/* A uniform integer in [0, n), n > 0, without modulo bias. */
uint64_t parley__rng_below(parley__rng_t *r, uint64_t n);

#endif
