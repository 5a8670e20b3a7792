/*
 * fuzz_deu.c — libFuzzer target for the DEU III reader: parse, and when
 * the table is accepted, backtest the cheap models and a few rounds of the
 * iterative ones on it (few resamples), so malformed numbers reach the
 * models too. Any crash, leak or sanitizer report is a finding.
 */
#include <stddef.h>
#include <stdint.h>
#include "parley/parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_deu_t *d = NULL;
    if (parley_deu_parse(ctx, "fuzz.tsv", (const char *)data, size, &d) == PARLEY_OK &&
        d->n_issues <= 200) {
        parley_backtest_options_t o;
        parley_backtest_options_init(&o);
        o.resamples = 20;
        o.params.max_rounds = 5;
        parley_model_t models[PARLEY_MODEL_COUNT];
        for (int m = 0; m < PARLEY_MODEL_COUNT; m++)
            models[m] = (parley_model_t)m;
        parley_capability_t caps[] = {PARLEY_CAP_EQUAL, PARLEY_CAP_NICE};
        parley_backtest_row_t rows[PARLEY_MODEL_COUNT * 2];
        parley_backtest_run(ctx, d, models, PARLEY_MODEL_COUNT, caps, 2, &o, rows);
    }
    parley_deu_destroy(d);
    parley_ctx_destroy(ctx);
    return 0;
}
