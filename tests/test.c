/*
 * test.c — the runner of tests/test.h: runs the cases one after another in
 * one process (they are small and share nothing), reports each, and ends
 * with "N passed, N failed, N skipped", the closing line tests/lib.sh's
 * t_done prints too.
 */
#include "test.h"

int test_failures;
static const char *skipped; /* the reason of TEST_SKIP in the current case */

void test_skip(const char *why)
{
    skipped = why ? why : "";
}

int test_run(const test_case_t *const suites[], size_t n, const char *filter)
{
    int passed = 0, failed = 0, skips = 0;
    for (size_t s = 0; s < n; s++)
        for (const test_case_t *t = suites[s]; t->name; t++) {
            if (filter && !strstr(t->name, filter))
                continue;
            test_failures = 0;
            skipped = NULL;
            t->fn();
            if (test_failures) {
                printf("FAIL %s (%d checks)\n", t->name, test_failures);
                failed++;
            } else if (skipped) {
                printf("skip %s: %s\n", t->name, skipped);
                skips++;
            } else {
                printf("ok   %s\n", t->name);
                passed++;
            }
            fflush(stdout);
        }
    printf("%d passed, %d failed, %d skipped\n", passed, failed, skips);
    if (failed || (!passed && !skips))
        return 1;
    return passed ? 0 : 77;
}
