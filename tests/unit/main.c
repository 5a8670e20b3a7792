/*
 * main.c — runs the unit tests (all, or those whose name contains argv[1])
 * and ends with "N passed, N failed".
 */
#include <stdlib.h>
#include "test.h"

int test_failures;
extern const test_case_t tests_forecast[];
extern const test_case_t tests_smp[];
extern const test_case_t tests_ktab[];
extern const test_case_t tests_sim[];
extern const test_case_t tests_set[];

int main(int argc, char **argv)
{
    const test_case_t *suites[] = {tests_core, tests_loader, tests_eval, tests_io, tests_space,
                                   tests_genius, tests_forecast, tests_smp, tests_ktab,
                                   tests_store, tests_sim, tests_mc, tests_set};
    int passed = 0, failed = 0;
    for (size_t s = 0; s < sizeof suites / sizeof *suites; s++)
        for (const test_case_t *t = suites[s]; t->name; t++) {
            if (argc > 1 && !strstr(t->name, argv[1]))
                continue;
            test_failures = 0;
            t->fn();
            if (test_failures) {
                printf("FAIL %s (%d checks)\n", t->name, test_failures);
                failed++;
            } else {
                printf("ok   %s\n", t->name);
                passed++;
            }
        }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : (passed ? 0 : 1);
}
