/*
 * big.c — unsigned big integers in base 10^9, just enough for exact
 * package counts (sums and products by small factors) far beyond 2^64 and
 * their decimal form. Counts stay below 10^7400 (4096 issues of 64 options).
 */
#include <stdio.h>
#include <string.h>
#include "spaceint.h"

#define BASE 1000000000u

void parley__big_init(parley__big_t *b)
{
    memset(b, 0, sizeof *b);
}

void parley__big_free(parley__big_t *b)
{
    parley__free(b->d);
    memset(b, 0, sizeof *b);
}

static int reserve(parley__big_t *b, size_t n)
{
    if (b->failed)
        return 0;
    if (n <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 4;
    while (cap < n)
        cap *= 2;
    uint32_t *d = parley__realloc(b->d, cap * sizeof *d);
    if (!d) {
        b->failed = 1;
        return 0;
    }
    memset(d + b->cap, 0, (cap - b->cap) * sizeof *d);
    b->d = d;
    b->cap = cap;
    return 1;
}

void parley__big_set(parley__big_t *b, uint32_t v)
{
    if (!reserve(b, 2))
        return;
    memset(b->d, 0, b->cap * sizeof *b->d);
    b->d[0] = v % BASE;
    b->d[1] = v / BASE;
    b->n = b->d[1] ? 2 : 1;
}

void parley__big_add(parley__big_t *b, const parley__big_t *x)
{
    if (x->failed) {
        b->failed = 1;
        return;
    }
    size_t n = (x->n > b->n ? x->n : b->n) + 1;
    if (!reserve(b, n))
        return;
    uint32_t carry = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t v = b->d[k] + (k < x->n ? x->d[k] : 0) + carry;
        carry = v >= BASE;
        b->d[k] = carry ? v - BASE : v;
    }
    b->n = n;
    while (b->n > 1 && b->d[b->n - 1] == 0)
        b->n--;
}

void parley__big_mul_small(parley__big_t *b, uint32_t v)
{
    if (!reserve(b, b->n + 2))
        return;
    uint64_t carry = 0;
    for (size_t k = 0; k < b->n + 2; k++) {
        uint64_t t = (uint64_t)b->d[k] * v + carry;
        b->d[k] = (uint32_t)(t % BASE);
        carry = t / BASE;
    }
    b->n += 2;
    while (b->n > 1 && b->d[b->n - 1] == 0)
        b->n--;
}

int parley__big_copy(parley__big_t *b, const parley__big_t *x)
{
    if (!reserve(b, x->n + 1))
        return 0;
    memset(b->d, 0, b->cap * sizeof *b->d);
    memcpy(b->d, x->d, x->n * sizeof *b->d);
    b->n = x->n;
    return 1;
}

int parley__big_str(const parley__big_t *b, char *buf, size_t cap)
{
    if (b->n == 0) {
        if (cap < 2)
            return 0;
        strcpy(buf, "0");
        return 1;
    }
    char tmp[16];
    int w = snprintf(tmp, sizeof tmp, "%u", b->d[b->n - 1]);
    if ((size_t)w + 9 * (b->n - 1) + 1 > cap)
        return 0;
    memcpy(buf, tmp, (size_t)w + 1);
    size_t at = (size_t)w;
    for (size_t k = b->n - 1; k-- > 0;) {
        snprintf(buf + at, 10, "%09u", b->d[k]);
        at += 9;
    }
    return 1;
}

double parley__big_double(const parley__big_t *b)
{
    double v = 0.0;
    for (size_t k = b->n; k-- > 0;)
        v = v * BASE + b->d[k];
    return v;
}
