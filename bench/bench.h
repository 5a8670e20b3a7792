/*
 * bench.h — what the benchmarks share: a monotonic clock and a small
 * seeded xorshift generator (each benchmark keeps its own state, so its
 * figures do not depend on the others).
 */
#ifndef PARLEY_BENCH_H
#define PARLEY_BENCH_H

#include <stdint.h>
#include <time.h>

static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Uniform in [0, 1) from the xorshift state *s (never 0). */
static inline double bench_urand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return (double)(*s >> 11) / 9007199254740992.0;
}

#endif
