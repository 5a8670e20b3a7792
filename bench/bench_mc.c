/*
 * bench_mc.c — prints how many negotiations `parley montecarlo` simulates
 * per minute on a scenario with 1 and with 2 threads, side by side (wall
 * and CPU time, the per-core rate, the parallel efficiency, and a check
 * that both gave the same counters); `--memory N` runs N samples on 2
 * threads and prints the peak resident memory (getrusage ru_maxrss).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "parley/parley.h"
#include "parley/mc.h"
#include "bench.h"

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct timing {
    double wall, cpu;
    uint64_t *counters;
    size_t n;
} timing_t;

static int run(const parley_scenario_t *s, uint64_t n, unsigned threads, timing_t *t)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_mc_options_t o;
    parley_mc_options_init(&o);
    o.samples = n;
    o.threads = threads;
    o.batch = 65536;
    parley_mc_t *mc = NULL;
    double w0 = bench_now(), c0 = cpu_now();
    parley_status_t st = parley_mc_create(ctx, s, &o, &mc);
    if (!st)
        st = parley_mc_run(ctx, mc, NULL, NULL);
    t->wall = bench_now() - w0;
    t->cpu = cpu_now() - c0;
    if (st) {
        fprintf(stderr, "bench_mc: %s\n", parley_ctx_message(ctx));
    } else {
        const uint64_t *c = parley_mc_counters(mc, &t->n);
        t->counters = malloc(t->n * sizeof *c);
        if (t->counters)
            memcpy(t->counters, c, t->n * sizeof *c);
    }
    parley_mc_destroy(mc);
    parley_ctx_destroy(ctx);
    return st ? 1 : 0;
}

static int rates(const parley_scenario_t *s, uint64_t n)
{
    timing_t t[2] = {{0}};
    if (run(s, n, 1, &t[0]) || run(s, n, 2, &t[1]))
        return 1;
    printf("montecarlo --what simulate on %s, %llu samples, %zu uncertain inputs\n",
           parley_scenario_origin(s), (unsigned long long)n, parley_scenario_uncertain_count(s));
    printf("  threads  wall s  cpu s  sims/min (wall)  sims/min per core (cpu)\n");
    for (int k = 0; k < 2; k++)
        printf("  %7d  %6.2f  %5.2f  %15.0f  %23.0f\n", k + 1, t[k].wall, t[k].cpu,
               60.0 * (double)n / t[k].wall, 60.0 * (double)n / t[k].cpu);
    double eff = t[0].wall / t[1].wall / 2.0;
    printf("  parallel efficiency on 2 threads (wall): %.0f%%\n", 100.0 * eff);
    int same = t[0].counters && t[1].counters && t[0].n == t[1].n &&
               memcmp(t[0].counters, t[1].counters, t[0].n * sizeof *t[0].counters) == 0;
    printf("  1 and 2 threads gave %s counters\n", same ? "identical" : "DIFFERENT");
    free(t[0].counters);
    free(t[1].counters);
    return same ? 0 : 1;
}

static int memory(const parley_scenario_t *s, uint64_t n)
{
    timing_t t = {0};
    if (run(s, n, 2, &t))
        return 1;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("montecarlo of %s: %llu samples on 2 threads in %.1f s (%.0f sims/min); "
           "peak resident memory %ld KiB\n",
           parley_scenario_origin(s), (unsigned long long)n, t.wall,
           60.0 * (double)n / t.wall, ru.ru_maxrss);
    free(t.counters);
    return 0;
}

int main(int argc, char **argv)
{
    int mem = argc > 1 && strcmp(argv[1], "--memory") == 0;
    if (argc < 2 + mem) {
        fprintf(stderr, "usage: bench_mc SCENARIO [N]\n       bench_mc --memory N SCENARIO\n");
        return 2;
    }
    uint64_t n = mem ? strtoull(argv[2], NULL, 10) : argc > 2 ? strtoull(argv[2], NULL, 10) : 200000;
    const char *path = mem ? argv[3] : argv[1];
    if (!path || n == 0) {
        fprintf(stderr, "bench_mc: give a scenario and N > 0\n");
        return 2;
    }
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    if (parley_scenario_load_file(ctx, path, &s)) {
        fprintf(stderr, "bench_mc: %s\n", parley_ctx_message(ctx));
        parley_ctx_destroy(ctx);
        return 1;
    }
    int rc = mem ? memory(s, n) : rates(s, n);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    return rc;
}
