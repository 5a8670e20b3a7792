/*
 * rng.c — xoshiro256** seeded through splitmix64: fast, small state, good
 * statistical quality, and the same stream on every platform, so a
 * bootstrap interval is reproduced exactly from its reported seed.
 */
#include "rng.h"

uint64_t parley__splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void parley__rng_seed(parley__rng_t *r, uint64_t seed)
{
    for (int k = 0; k < 4; k++)
        r->s[k] = parley__splitmix64(&seed);
}

uint64_t parley__rng_next(parley__rng_t *r)
{
    uint64_t *s = r->s;
    uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

uint64_t parley__rng_below(parley__rng_t *r, uint64_t n)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % n; /* reject the biased tail */
    uint64_t v;
    do
        v = parley__rng_next(r);
    while (v >= limit);
    return v % n;
}
