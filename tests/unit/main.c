/*
 * main.c — runs the unit tests (all, or those whose name contains argv[1])
 * with the runner of tests/test.h, which ends with "N passed, N failed,
 * N skipped".
 */
#include "../test.h"
#include "unit.h"

parley_scenario_t *unit_load(parley_ctx_t *ctx, const char *text)
{
    parley_scenario_t *s = NULL;
    parley_status_t st = parley_scenario_load_buffer(ctx, "test", text, strlen(text), &s);
    CHECK_INT(st, PARLEY_OK);
    if (st)
        fprintf(stderr, "  %s\n", parley_ctx_message(ctx));
    return s;
}

/* Each test file exports its cases through one of these. */
extern const test_case_t tests_core[], tests_loader[], tests_eval[], tests_io[], tests_space[],
    tests_genius[], tests_forecast[], tests_smp[], tests_ktab[], tests_store[], tests_sim[],
    tests_mc[], tests_set[], tests_links[], tests_linked[],
    tests_walkout[], tests_bloc[], tests_transfer[], tests_ratify[], tests_choice[];

int main(int argc, char **argv)
{
    const test_case_t *const suites[] = {tests_core, tests_loader, tests_eval, tests_io,
                                         tests_space, tests_genius, tests_forecast, tests_smp,
                                         tests_ktab, tests_store, tests_sim, tests_mc,
                                         tests_set, tests_links, tests_linked,
                                         tests_walkout, tests_bloc, tests_transfer,
                                         tests_ratify, tests_choice};
    return test_run(suites, sizeof suites / sizeof *suites, argc > 1 ? argv[1] : NULL);
}
