/*
 * fuzz_deu.c — libFuzzer target for the DEU III reader: parse, and when
 * the table is accepted, backtest every per-issue model (the backtest
 * scores those; the SMP is refused there) under the capability options
 * that apply to the file (GDP only when it has a GDP row), with few
 * resamples and a few rounds of the iterative models, so malformed numbers
 * reach the models too. The first input byte's parity flips the
 * institutions' part; then the held-out evaluation (its split chosen by the
 * second bit). Any crash, leak or sanitizer report is a finding, and
 * so is a refusal other than the data's (no issue to score) or one without
 * a message.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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
        o.institutions = size && (data[0] & 1);
        parley_model_t models[PARLEY_MODEL_PER_ISSUE];
        for (int m = 0; m < PARLEY_MODEL_PER_ISSUE; m++)
            models[m] = (parley_model_t)m;
        parley_capability_t caps[PARLEY_CAP_COUNT];
        size_t nc = 0;
        for (int c = 0; c < PARLEY_CAP_COUNT; c++)
            if (c != PARLEY_CAP_GDP || d->gdp)
                caps[nc++] = (parley_capability_t)c;
        parley_backtest_row_t rows[PARLEY_MODEL_PER_ISSUE * PARLEY_CAP_COUNT];
        parley_status_t st =
            parley_backtest_run(ctx, d, models, PARLEY_MODEL_PER_ISSUE, caps, nc, &o, rows);
        if (getenv("FUZZ_VERBOSE")) /* to check that the seeds reach the models */
            fprintf(stderr, "backtest: %d %s\n", (int)st, parley_ctx_message(ctx));
        if (st != PARLEY_OK && st != PARLEY_EINPUT && st != PARLEY_ENOMEM)
            abort(); /* the options above are valid: only the data may be refused */
        if (st != PARLEY_OK && !*parley_ctx_message(ctx))
            abort(); /* a refusal says why */
        /* The held-out evaluation on the same table: by date when the first
         * byte's second bit is set (the intro column's rules), else random. */
        parley_heldout_t h;
        parley_split_t split = size && (data[0] & 2) ? PARLEY_SPLIT_TEMPORAL : PARLEY_SPLIT_RANDOM;
        st = parley_backtest_heldout(ctx, d, &o, PARLEY_CAP_EQUAL, split, 7, &h);
        if (st != PARLEY_OK && st != PARLEY_EINPUT && st != PARLEY_ENOMEM)
            abort();
        if (st != PARLEY_OK && !*parley_ctx_message(ctx))
            abort();
        if (st == PARLEY_OK && (h.n_rows == 0 || h.train_proposals == 0 || h.test_proposals == 0))
            abort(); /* a run that succeeds scored something on both halves */
    }
    parley_deu_destroy(d);
    parley_ctx_destroy(ctx);
    return 0;
}
