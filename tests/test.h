/*
 * test.h — the one harness of the C tests (tests/unit, tests/serve): typed
 * checks that print both sides, tolerance checks for doubles, skips, and a
 * runner (tests/test.c) whose last line is "N passed, N failed, N skipped"
 * like tests/lib.sh's, exiting 0, 1, or 77 when every case was skipped.
 */
#ifndef PARLEY_TEST_H
#define PARLEY_TEST_H

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

extern int test_failures; /* checks failed in the current case */

#define CHECK(cond)                                                                        \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);     \
            test_failures++;                                                               \
        }                                                                                  \
    } while (0)

#define CHECK_INT(a, b)                                                                    \
    do {                                                                                   \
        long long a_ = (long long)(a), b_ = (long long)(b);                                \
        if (a_ != b_) {                                                                    \
            fprintf(stderr, "  %s:%d: %s == %s failed: %lld vs %lld\n", __FILE__, __LINE__, \
                    #a, #b, a_, b_);                                                       \
            test_failures++;                                                               \
        }                                                                                  \
    } while (0)

#define CHECK_NEAR(a, b, tol)                                                              \
    do {                                                                                   \
        double a_ = (a), b_ = (b);                                                         \
        if (!(fabs(a_ - b_) <= (tol))) {                                                   \
            fprintf(stderr, "  %s:%d: %s ~ %s failed: %.17g vs %.17g (tol %g)\n", __FILE__, \
                    __LINE__, #a, #b, a_, b_, (double)(tol));                              \
            test_failures++;                                                               \
        }                                                                                  \
    } while (0)

#define CHECK_STR(a, b)                                                                    \
    do {                                                                                   \
        const char *a_ = (a), *b_ = (b);                                                   \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                           \
            fprintf(stderr, "  %s:%d: %s == %s failed:\n    \"%s\"\n    \"%s\"\n", __FILE__, \
                    __LINE__, #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)");            \
            test_failures++;                                                               \
        }                                                                                  \
    } while (0)

#define CHECK_CONTAINS(hay, needle)                                                        \
    do {                                                                                   \
        const char *h_ = (hay), *n_ = (needle);                                            \
        if (!h_ || !strstr(h_, n_)) {                                                      \
            fprintf(stderr, "  %s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__, \
                    h_ ? h_ : "(null)", n_);                                               \
            test_failures++;                                                               \
        }                                                                                  \
    } while (0)

/* Leaves the current case, counted as skipped (unless a check already
 * failed in it): for a case whose input, say ../shared/data, is absent. */
#define TEST_SKIP(why)                                                                     \
    do {                                                                                   \
        test_skip(why);                                                                    \
        return;                                                                            \
    } while (0)

typedef struct test_case {
    const char *name;
    void (*fn)(void);
} test_case_t;

/* Records why the current case is skipped (TEST_SKIP). */
void test_skip(const char *why);

/* Runs every case of the n suites (each ends with a {NULL, NULL} case)
 * whose name contains filter (all when filter is NULL), printing "ok",
 * "FAIL" or "skip" and the name for each, then the closing line. Returns
 * the exit code: 1 on a failure or when no case ran, 77 when every case
 * was skipped, else 0. */
int test_run(const test_case_t *const suites[], size_t n, const char *filter);

#endif
