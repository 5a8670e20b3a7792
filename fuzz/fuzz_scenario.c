/*
 * fuzz_scenario.c — libFuzzer target for the scenario loader (YAML and
 * JSON): any input must load or fail with a message, never crash, leak or
 * hang; a loaded scenario is then evaluated on its proposals. Loading again
 * collecting errors (as `parley check` does) must give the same status and
 * the same first message.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "parley/parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The same input in collect mode: the first error is the default one. */
static void collect(const uint8_t *data, size_t size, parley_status_t want, const char *msg)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    if (parley_ctx_set_max_errors(ctx, 20) != PARLEY_OK)
        __builtin_trap();
    parley_status_t st = parley_scenario_load_buffer(ctx, "fuzz.yaml", (const char *)data, size, &s);
    if (st != want || strcmp(parley_ctx_message(ctx), msg) != 0 ||
        (st != PARLEY_OK) != (parley_ctx_error_count(ctx) > 0))
        __builtin_trap();
    for (size_t k = 0; k < parley_ctx_error_count(ctx); k++)
        if (!*parley_ctx_error(ctx, k))
            __builtin_trap();
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st = parley_scenario_load_buffer(ctx, "fuzz.yaml", (const char *)data, size, &s);
    collect(data, size, st, parley_ctx_message(ctx));
    if (st == PARLEY_OK) {
        size_t na = parley_scenario_actor_count(s);
        for (size_t p = 0; p < parley_scenario_proposal_count(s); p++) {
            const parley_proposal_t *pr = parley_scenario_proposal(s, p);
            for (size_t i = 0; i < na; i++) {
                parley_actor_eval_t e;
                parley_eval_actor(s, i, pr->positions, &e, NULL);
            }
        }
        char buf[256];
        parley_scenario_package_count(s, 11, buf, sizeof buf);
        parley_scenario_destroy(s);
    }
    parley_ctx_destroy(ctx);
    return 0;
}
