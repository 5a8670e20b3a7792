/*
 * alloc.c — the library's allocation functions. They are the system's,
 * plus a test hook that makes allocations fail from the n-th on, so tests
 * can check that every allocation failure is reported as PARLEY_ENOMEM
 * and leaks nothing (in the manner of curl's torture tests).
 */
#include <stdlib.h>
#include "core.h"

static long countdown = -1; /* < 0: never fail */

void parley__alloc_fail_after(long n)
{
    countdown = n;
}

static int fail_now(void)
{
    if (countdown < 0)
        return 0;
    if (countdown == 0)
        return 1;
    countdown--;
    return 0;
}

void *parley__malloc(size_t n)
{
    return fail_now() ? NULL : malloc(n);
}

void *parley__calloc(size_t n, size_t size)
{
    return fail_now() ? NULL : calloc(n, size);
}

void *parley__realloc(void *p, size_t n)
{
    return fail_now() ? NULL : realloc(p, n);
}

void parley__free(void *p)
{
    free(p);
}
