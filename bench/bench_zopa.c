/*
 * bench_zopa.c — how well and how fast the ZOPA's size is estimated where
 * the exact count would pass its node budget: the former estimator
 * (uniform draws, Wilson interval) and the stratified importance sampler,
 * side by side on the same "realistic" synthetic scenarios (4-5 parties,
 * 20-30 ordered issues of 5 options, ideal-based values, saliences
 * 0.05-1, BATNAs near a level, a red line on about 6% of stances), and,
 * where it finishes, the exact count with a large budget to check both.
 * Figures only.
 *
 *   bench_zopa [--quick]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parley/parley.h"
#include "bench.h"

static void realistic(parley_buf_t *b, int na, int ni, double batna, uint64_t *rng)
{
    parley_buf_puts(b, "parley: 1\nactors:\n");
    for (int i = 0; i < na; i++)
        parley_buf_printf(b, "  - {id: a%d, capability: 1, batna: %.2f}\n", i,
                          batna - 0.05 + 0.1 * bench_urand(rng));
    parley_buf_puts(b, "issues:\n");
    for (int j = 0; j < ni; j++)
        parley_buf_printf(b, "  - {id: i%d, options: [o0, o1, o2, o3, o4], ordered: true}\n", j);
    parley_buf_puts(b, "stances:\n");
    for (int i = 0; i < na; i++) {
        parley_buf_printf(b, "  a%d:\n", i);
        for (int j = 0; j < ni; j++) {
            int ideal = (int)(5 * bench_urand(rng));
            parley_buf_printf(b, "    i%d: {salience: %.2f, ideal: o%d", j,
                              0.05 + 0.95 * bench_urand(rng), ideal);
            if (bench_urand(rng) < 0.06) {
                const char *sep = ", red_line: [";
                int any = 0;
                for (int k = 0; k < 5; k++)
                    if (abs(k - ideal) >= 3) {
                        parley_buf_printf(b, "%so%d", sep, k);
                        sep = ", ";
                        any = 1;
                    }
                if (any)
                    parley_buf_puts(b, "]");
            }
            parley_buf_puts(b, "}\n");
        }
    }
}

static void report(const char *what, const parley_zopa_count_t *z, double secs)
{
    double rel = z->estimate > 0 ? (z->ci_hi - z->ci_lo) / 2 / z->estimate : 0;
    printf("    %-13s %12.5g  [%11.5g, %11.5g]  +-%6.2f%%  %9llu  %7.3f s\n", what, z->estimate,
           z->ci_lo, z->ci_hi, 100 * rel, (unsigned long long)z->samples, secs);
}

static uint64_t strat_samples = 100000;

static void one(int na, int ni, double batna, uint64_t samples, uint64_t exact_budget)
{
    uint64_t rng = 0x2545F4914F6CDD1Dull ^ (uint64_t)(na * 1000 + ni * 10 + (int)(batna * 100));
    parley_buf_t b;
    parley_buf_init(&b);
    realistic(&b, na, ni, batna, &rng);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_space_t *sp = NULL;
    if (parley_scenario_load_buffer(ctx, "realistic", b.data, b.len, &s) ||
        parley_space_create(ctx, s, NULL, &sp)) {
        printf("  %d x %d: %s\n", na, ni, parley_ctx_message(ctx));
        goto done;
    }
    char total[64];
    parley_scenario_package_count(s, 11, total, sizeof total);
    printf("  %d parties x %d issues, BATNAs %.2f +- 0.05: %s packages\n", na, ni, batna, total);
    printf("    %-13s %12s  %-27s %9s  %9s  %9s\n", "method", "estimate", "95% interval",
           "half", "samples", "time");
    parley_zopa_count_t z;
    double t0 = bench_now();
    if (!parley_space_estimate(ctx, sp, NULL, PARLEY_ZOPA_UNIFORM, samples, 1, &z))
        report("uniform", &z, bench_now() - t0);
    t0 = bench_now();
    if (!parley_space_estimate(ctx, sp, NULL, PARLEY_ZOPA_STRATIFIED, strat_samples, 1, &z))
        report("stratified", &z, bench_now() - t0);
    if (exact_budget) {
        t0 = bench_now();
        if (!parley_space_count(ctx, sp, NULL, exact_budget, 100, 1, &z) && z.exact)
            printf("    %-13s %12s  (%llu nodes)%*s%7.3f s\n", "exact count", z.count,
                   (unsigned long long)z.nodes, 28, "", bench_now() - t0);
        else
            printf("    exact count: past %llu nodes\n", (unsigned long long)exact_budget);
    }
done:
    parley_space_destroy(sp);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    parley_buf_free(&b);
}

int main(int argc, char **argv)
{
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    printf("ZOPA size estimates (parley %s), %s samples each, seed 1\n\n", parley_version(),
           "1e6");
    one(4, 20, 0.55, 1000000, quick ? 0 : 2000000000ull);
    if (quick)
        return 0;
    one(4, 30, 0.55, 1000000, 0);
    one(5, 20, 0.55, 1000000, 0);
    one(5, 30, 0.50, 1000000, 0);
    one(4, 25, 0.60, 1000000, 0);
    return 0;
}
