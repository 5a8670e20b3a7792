/*
 * test.h — a minimal test harness: typed checks that print both sides,
 * tolerance checks for doubles, and a runner whose last line is
 * "N passed, N failed" (read by CI).
 */
#ifndef PARLEY_TEST_H
#define PARLEY_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

extern int test_failures; /* checks failed in the current test */

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

typedef struct test_case {
    const char *name;
    void (*fn)(void);
} test_case_t;

/* Each test file exports its cases through one of these. */
extern const test_case_t tests_core[], tests_loader[], tests_eval[], tests_io[],
    tests_space[], tests_genius[], tests_store[], tests_mc[];

#endif
