/*
 * bench_eval.c — prints how fast Parley loads scenarios and evaluates
 * packages: a generated scenario of A actors and I issues (half discrete,
 * half continuous) is loaded R times, then random packages are evaluated
 * for every actor. Figures only; no assertion on time.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "parley/parley.h"
#include "bench.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static double urand(void)
{
    return bench_urand(&rng);
}

static void scenario(parley_buf_t *b, int na, int ni)
{
    parley_buf_puts(b, "parley: 1\nactors:\n");
    for (int i = 0; i < na; i++)
        parley_buf_printf(b, "  - {id: a%d, capability: %.3f, batna: %.3f}\n", i, 0.1 + urand(),
                          0.5 * urand());
    parley_buf_puts(b, "issues:\n");
    for (int j = 0; j < ni; j++) {
        if (j % 2)
            parley_buf_printf(b, "  - {id: i%d, options: [o0, o1, o2, o3, o4]}\n", j);
        else
            parley_buf_printf(b, "  - {id: i%d, scale: {lo: 0, hi: 100}}\n", j);
    }
    parley_buf_puts(b, "stances:\n");
    for (int i = 0; i < na; i++) {
        parley_buf_printf(b, "  a%d:\n", i);
        for (int j = 0; j < ni; j++) {
            if (j % 2)
                parley_buf_printf(b, "    i%d: {ideal: o%d, salience: %.3f}\n", j, (int)(urand() * 5),
                                  urand());
            else
                parley_buf_printf(b, "    i%d: {ideal: %.2f, salience: %.3f, red_line: {below: 1}}\n",
                                  j, 1 + 99 * urand(), 0.01 + 0.99 * urand());
        }
    }
}

static void run(int na, int ni, int loads, long evals)
{
    parley_buf_t b;
    parley_buf_init(&b);
    scenario(&b, na, ni);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    double t0 = bench_now();
    for (int r = 0; r < loads; r++) {
        parley_scenario_destroy(s);
        s = NULL;
        if (parley_scenario_load_buffer(ctx, "bench.yaml", b.data, b.len, &s) != PARLEY_OK) {
            fprintf(stderr, "bench: %s\n", parley_ctx_message(ctx));
            exit(3);
        }
    }
    double load_ms = (bench_now() - t0) * 1e3 / loads;
    double *pkg = malloc((size_t)ni * sizeof *pkg);
    double sink = 0;
    t0 = bench_now();
    for (long e = 0; e < evals; e++) {
        for (int j = 0; j < ni; j++)
            pkg[j] = j % 2 ? (double)(int)(urand() * 5) : 100 * urand();
        for (int i = 0; i < na; i++)
            sink += parley_utility(s, (size_t)i, pkg);
    }
    double dt = bench_now() - t0;
    printf("%4d actors x %4d issues  %8zu bytes  load %8.2f ms  eval %10.0f packages/s "
           "(%6.1f ns per actor-issue)  [%g]\n",
           na, ni, b.len, load_ms, (double)evals / dt,
           dt * 1e9 / ((double)evals * na * ni), sink > 0 ? 1.0 : 0.0);
    free(pkg);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    parley_buf_free(&b);
}

int main(void)
{
    printf("parley %s bench_eval (load: YAML parse + validation; eval: utility of one package for "
           "every actor)\n", parley_version());
    run(5, 14, 200, 200000);
    run(30, 30, 50, 50000);
    run(160, 1, 50, 200000);
    run(100, 200, 5, 5000);
    return 0;
}
