/*
 * fuzz_actors.c — libFuzzer target for the actor-table (CSV) importer:
 * parse, write the scenario YAML, and load that back; the loader must
 * accept what the importer writes whenever every actor has some salience.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "parley/parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_actor_table_t *t = NULL;
    if (parley_actor_table_parse(ctx, "fuzz.csv", (const char *)data, size, &t) == PARLEY_OK) {
        parley_buf_t y;
        parley_buf_init(&y);
        if (parley_actor_table_to_yaml(ctx, t, "fuzz.csv", &y) == PARLEY_OK) {
            parley_scenario_t *s = NULL;
            int every_actor_cares = 1;
            for (size_t i = 0; i < t->n_actors; i++) {
                double sum = 0;
                for (size_t k = 0; k < t->n_dims; k++)
                    sum += t->salience[i * t->n_dims + k];
                every_actor_cares &= sum > 0;
            }
            parley_status_t st = parley_scenario_load_buffer(ctx, "fuzz.yaml", y.data, y.len, &s);
            if (st != PARLEY_OK && every_actor_cares && st != PARLEY_ENOMEM)
                abort(); /* the importer wrote a scenario its own loader rejects */
            parley_scenario_destroy(s);
        }
        parley_buf_free(&y);
        parley_actor_table_destroy(t);
    }
    parley_ctx_destroy(ctx);
    return 0;
}
