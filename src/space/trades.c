/*
 * trades.c — logrolling on a base package: two actors, two issues, each
 * actor conceding on the issue it weighs less so that both end better off
 * (Raiffa's integrative bargaining). For every pair of actors and ordered
 * pair of issues, all option pairs are tried: O(n^2 m^2 k^2), fine for the
 * scenarios analysts write (tens of issues, a few options each).
 */
#include <stdlib.h>
#include <string.h>
#include "spaceint.h"

static parley_util_t delta(const parley_space_t *sp, size_t j, uint32_t from, uint32_t to, size_t a)
{
    return parley__contrib(sp, j, to)[a] - parley__contrib(sp, j, from)[a];
}

/* The best options on (x, y) for a trade where a gains on x, b on y. */
static int best_trade(const parley_space_t *sp, const uint32_t *base, size_t a, size_t b,
                      size_t x, size_t y, parley_trade_t *t)
{
    int found = 0;
    parley_util_t top = 0;
    for (uint32_t ox = 0; ox < sp->nopt[x]; ox++) {
        parley_util_t ax = delta(sp, x, base[x], ox, a), bx = delta(sp, x, base[x], ox, b);
        if (ax <= 0 || bx >= 0 || parley_space_vetoed(sp, x, ox, a) ||
            parley_space_vetoed(sp, x, ox, b))
            continue;
        for (uint32_t oy = 0; oy < sp->nopt[y]; oy++) {
            parley_util_t ay = delta(sp, y, base[y], oy, a), by = delta(sp, y, base[y], oy, b);
            if (ay >= 0 || by <= 0 || parley_space_vetoed(sp, y, oy, a) ||
                parley_space_vetoed(sp, y, oy, b))
                continue;
            parley_util_t ga = ax + ay, gb = bx + by, lo = ga < gb ? ga : gb;
            if (ga > 0 && gb > 0 && (!found || lo > top)) {
                *t = (parley_trade_t){a, b, x, y, ox, oy, ga, gb};
                top = lo;
                found = 1;
            }
        }
    }
    return found;
}

static int cmp_trade(const void *p, const void *q)
{
    const parley_trade_t *x = p, *y = q;
    parley_util_t a = x->gain_a < x->gain_b ? x->gain_a : x->gain_b;
    parley_util_t b = y->gain_a < y->gain_b ? y->gain_a : y->gain_b;
    if (a != b)
        return a > b ? -1 : 1;
    if (x->a != y->a)
        return x->a < y->a ? -1 : 1;
    if (x->b != y->b)
        return x->b < y->b ? -1 : 1;
    if (x->x != y->x)
        return x->x < y->x ? -1 : 1;
    return x->y < y->y ? -1 : x->y > y->y;
}

parley_status_t parley_space_trades(parley_ctx_t *ctx, const parley_space_t *sp,
                                    const uint32_t *base, parley_trade_t **out, size_t *n)
{
    size_t cap = 16, count = 0;
    parley_trade_t *list = malloc(cap * sizeof *list);
    if (!list)
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    for (size_t a = 0; a < sp->n; a++)
        for (size_t b = a + 1; b < sp->n; b++) {
            /* (x, y) ordered: a gains on x and b on y; (y, x) is the mirror trade */
            for (size_t x = 0; x < sp->m; x++)
                for (size_t y = 0; y < sp->m; y++) {
                    parley_trade_t t;
                    if (x == y || base[x] == UINT32_MAX || base[y] == UINT32_MAX ||
                        !best_trade(sp, base, a, b, x, y, &t))
                        continue;
                    if (count == cap) {
                        parley_trade_t *grown = realloc(list, 2 * cap * sizeof *list);
                        if (!grown) {
                            free(list);
                            return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
                        }
                        list = grown;
                        cap *= 2;
                    }
                    list[count++] = t;
                }
        }
    qsort(list, count, sizeof *list, cmp_trade);
    parley__ok(ctx);
    *out = list;
    *n = count;
    return PARLEY_OK;
}
