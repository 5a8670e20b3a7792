/*
 * bench_forecast.c — prints how fast the forecasting models run: the whole
 * DEU III backtest (every model under every capability option, with the
 * bootstrap), and rounds of the expected-utility model on synthetic issues
 * of 10, 100 and 1,000 actors (O(n^2 log n) per round). Figures only; no
 * assertion on time. Usage: bench_forecast [DEU.tsv]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "parley/parley.h"
#include "bench.h"

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static double urand(void)
{
    return bench_urand(&rng);
}

static void backtest(const char *path)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_deu_t *d = NULL;
    if (parley_deu_load_file(ctx, path, &d) != PARLEY_OK) {
        printf("DEU backtest: skipped (%s)\n", parley_ctx_message(ctx));
        parley_ctx_destroy(ctx);
        return;
    }
    parley_backtest_options_t o;
    parley_backtest_options_init(&o);
    parley_model_t models[PARLEY_MODEL_PER_ISSUE];
    parley_capability_t caps[PARLEY_CAP_COUNT];
    for (int m = 0; m < PARLEY_MODEL_PER_ISSUE; m++)
        models[m] = (parley_model_t)m;
    for (int c = 0; c < PARLEY_CAP_COUNT; c++)
        caps[c] = (parley_capability_t)c;
    parley_backtest_row_t rows[PARLEY_MODEL_PER_ISSUE * PARLEY_CAP_COUNT];
    double t0 = bench_now(), best = 1e30;
    for (int rep = 0; rep < 5; rep++) {
        double t = bench_now();
        parley_backtest_run(ctx, d, models, PARLEY_MODEL_PER_ISSUE, caps, PARLEY_CAP_COUNT, &o, rows);
        t = bench_now() - t;
        best = t < best ? t : best;
    }
    printf("DEU backtest: %zu issues scored, 6 models x 4 capability options, %u resamples: "
           "best %.0f ms, mean %.0f ms (5 runs)\n",
           rows[0].n, o.resamples, best * 1e3, (bench_now() - t0) * 1e3 / 5);
    /* the models alone, without the bootstrap */
    o.resamples = 1;
    for (int m = 0; m < PARLEY_MODEL_PER_ISSUE; m++) {
        double t = bench_now();
        parley_backtest_run(ctx, d, &models[m], 1, caps, PARLEY_CAP_COUNT, &o, rows);
        printf("  %-10s all 4 options: %7.1f ms\n", parley_model_name(models[m]), (bench_now() - t) * 1e3);
    }
    parley_deu_destroy(d);
    parley_ctx_destroy(ctx);
}

static void eum_rounds(size_t n, unsigned rounds)
{
    parley_fc_problem_t p;
    parley_fc_problem_init(NULL, &p, n, 1);
    p.hi[0] = 100.0;
    for (size_t i = 0; i < n; i++) {
        p.capability[i] = 0.1 + urand();
        p.position[i] = 100.0 * urand();
        p.salience[i] = 0.05 + 0.95 * urand();
    }
    parley_fc_params_t prm;
    parley_fc_params_init(&prm);
    /* the run may stop after a round or two; time first rounds from fresh starts */
    double total = 0.0;
    for (unsigned k = 0; k < rounds; k++) {
        parley_forecast_t *f = NULL;
        parley_forecast_create(NULL, &p, PARLEY_MODEL_EUM, &prm, &f);
        int done = 0;
        double t0 = bench_now();
        parley_forecast_step(NULL, f, &done);
        total += bench_now() - t0;
        parley_forecast_destroy(f);
    }
    double dt = total / rounds;
    printf("EUM %5zu actors: %10.3f ms per round (mean of %u; %.1f ns per ordered pair)\n", n,
           dt * 1e3, rounds, dt * 1e9 / ((double)n * (double)(n - 1)));
    parley_fc_problem_free(&p);
}

int main(int argc, char **argv)
{
    printf("parley %s bench_forecast\n", parley_version());
    backtest(argc > 1 ? argv[1] : "../shared/data/deu3/deu3.tsv");
    eum_rounds(10, 200);
    eum_rounds(100, 50);
    eum_rounds(1000, 5);
    return 0;
}
