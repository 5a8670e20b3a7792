/*
 * trades.c — logrolling on a base package: two actors, two issues, each
 * actor conceding on the issue it weighs less so that both end better off
 * (Raiffa's integrative bargaining). For every pair of actors and ordered
 * pair of issues, all option pairs are tried: O(n^2 m^2 k^2), fine for the
 * scenarios analysts write (tens of issues, a few options each). With
 * linkage a change is valued on its item (the cluster of issues that terms
 * and rules tie together), so gains include the terms it switches.
 */
#include <stdlib.h>
#include <string.h>
#include "spaceint.h"

typedef struct search {
    const parley_space_t *sp;
    const parley_constraints_t *c;
    const uint32_t *base; /* per scenario issue */
    uint32_t *bitem;      /* per item: base's option, UINT32_MAX when an issue is open */
    int open;             /* base leaves an issue open: acceptance by red lines only */
    parley_util_t *ubase; /* utilities of base (decided issues) */
    unsigned char *acc;   /* per actor: accepts base */
    uint64_t pairs, budget;
    int stopped;
} search_t;

/* Item j's option in base with x -> ox and y -> oy (those in j). */
static uint32_t with(const search_t *w, size_t j, size_t x, uint32_t ox, size_t y, uint32_t oy)
{
    const parley_space_t *sp = w->sp;
    uint32_t o = w->bitem[j];
    if (!sp->linked)
        return j == x ? ox : j == y ? oy : o;
    if (o == UINT32_MAX)
        return o;
    if (sp->item_of[x] == j)
        o = (uint32_t)(o + ((int64_t)ox - w->base[x]) * (int64_t)PARLEY__RADIX(sp)[x]);
    if (y != (size_t)-1 && sp->item_of[y] == j)
        o = (uint32_t)(o + ((int64_t)oy - w->base[y]) * (int64_t)PARLEY__RADIX(sp)[y]);
    return o;
}

static size_t item_of(const parley_space_t *sp, size_t i) { return sp->linked ? sp->item_of[i] : i; }

/* Actor a's gain when item j moves from base to option o. */
static parley_util_t delta(const search_t *w, size_t j, uint32_t o, size_t a)
{
    return parley__contrib(w->sp, j, o)[a] - parley__contrib(w->sp, j, w->bitem[j])[a];
}

/* Actor a's gain from x -> ox together with y -> oy. */
static parley_util_t gain(const search_t *w, size_t x, uint32_t ox, size_t y, uint32_t oy,
                          size_t a)
{
    size_t jx = item_of(w->sp, x), jy = item_of(w->sp, y);
    if (jx == jy)
        return delta(w, jx, with(w, jx, x, ox, y, oy), a);
    return delta(w, jx, with(w, jx, x, ox, (size_t)-1, 0), a) +
           delta(w, jy, with(w, jy, y, oy, (size_t)-1, 0), a);
}

static int blocks(const parley_space_t *sp, const parley_constraints_t *c, size_t j, uint32_t o,
                  size_t a)
{
    return parley__item_blocked(sp, c, j, o, a);
}

static parley_util_t reservation(const parley_space_t *sp, const parley_constraints_t *c, size_t a)
{
    return c && c->reservation ? c->reservation[a] : sp->batna[a];
}

/* How actor c fares on base with x -> ox and y -> oy: 0 accepts, 1 a red
 * line, 2 below its reservation. */
static int verdict(const search_t *w, size_t c, size_t x, uint32_t ox, size_t y, uint32_t oy)
{
    const parley_space_t *sp = w->sp;
    for (size_t j = 0; j < sp->m; j++) {
        uint32_t o = with(w, j, x, ox, y, oy);
        if (o != UINT32_MAX && blocks(sp, w->c, j, o, c))
            return 1;
    }
    if (w->open)
        return 0;
    parley_util_t r = reservation(sp, w->c, c);
    parley_util_t u = w->ubase[c] + gain(w, x, ox, y, oy, c);
    return r != PARLEY_NO_RESERVATION && u < r ? 2 : 0;
}

static size_t count_breaks(const search_t *w, size_t a, size_t b, size_t x, uint32_t ox, size_t y,
                           uint32_t oy)
{
    size_t k = 0;
    for (size_t c = 0; c < w->sp->n; c++)
        if (c != a && c != b && w->acc[c] && verdict(w, c, x, ox, y, oy))
            k++;
    return k;
}

/* Whether a or b vetoes item j at option o, or o breaks a constraint. */
static int refused(const search_t *w, size_t a, size_t b, size_t j, uint32_t o)
{
    return blocks(w->sp, w->c, j, o, a) || blocks(w->sp, w->c, j, o, b) ||
           parley__item_forbidden(w->sp, w->c, j, o);
}

/* The best options on (x, y) for a trade where a gains on x, b on y. A
 * change is judged on its item: alone for the signs of the concessions,
 * together with the other when both lie in one item. */
static int best_trade(search_t *w, int all, size_t a, size_t b, size_t x, size_t y,
                      parley_trade_t *t)
{
    const parley_space_t *sp = w->sp;
    size_t jx = item_of(sp, x), jy = item_of(sp, y);
    int found = 0;
    parley_util_t top = 0;
    if (w->bitem[jx] == UINT32_MAX || w->bitem[jy] == UINT32_MAX)
        return 0;
    for (uint32_t ox = 0; ox < sp->inopt[x] && !w->stopped; ox++) {
        uint32_t qx = with(w, jx, x, ox, (size_t)-1, 0);
        parley_util_t ax = delta(w, jx, qx, a), bx = delta(w, jx, qx, b);
        if (ax <= 0 || bx >= 0 || (jx != jy && refused(w, a, b, jx, qx)))
            continue;
        for (uint32_t oy = 0; oy < sp->inopt[y]; oy++) {
            if (w->budget && ++w->pairs > w->budget) {
                w->stopped = 1;
                break;
            }
            uint32_t qy = with(w, jy, y, oy, (size_t)-1, 0);
            parley_util_t ay = delta(w, jy, qy, a), by = delta(w, jy, qy, b);
            if (ay >= 0 || by <= 0 ||
                refused(w, a, b, jy, jx == jy ? with(w, jx, x, ox, y, oy) : qy))
                continue;
            parley_util_t ga = jx == jy ? gain(w, x, ox, y, oy, a) : ax + ay;
            parley_util_t gb = jx == jy ? gain(w, x, ox, y, oy, b) : bx + by;
            if (ga <= 0 || gb <= 0)
                continue;
            /* the smaller gain, on the actors' common scale */
            parley_util_t ca = parley__common(sp, a, ga), cb = parley__common(sp, b, gb);
            parley_util_t lo = ca < cb ? ca : cb;
            if (found && lo <= top)
                continue;
            size_t br = count_breaks(w, a, b, x, ox, y, oy);
            if (br && !all)
                continue;
            *t = (parley_trade_t){a, b, x, y, ox, oy, ga, gb, br};
            top = lo;
            found = 1;
        }
    }
    return found;
}

/* A trade with its sort key: the smaller gain on the common scale. */
typedef struct keyed {
    parley_util_t key;
    parley_trade_t t;
} keyed_t;

static int cmp_trade(const void *p, const void *q)
{
    const keyed_t *kx = p, *ky = q;
    const parley_trade_t *x = &kx->t, *y = &ky->t;
    if (kx->key != ky->key)
        return kx->key > ky->key ? -1 : 1;
    if (x->a != y->a)
        return x->a < y->a ? -1 : 1;
    if (x->b != y->b)
        return x->b < y->b ? -1 : 1;
    if (x->x != y->x)
        return x->x < y->x ? -1 : 1;
    return x->y < y->y ? -1 : x->y > y->y;
}

/* Sorts list by the smaller gain, descending, then by actors and issues. */
static int sort_trades(const parley_space_t *sp, parley_trade_t *list, size_t n)
{
    keyed_t *k = parley__malloc((n + 1) * sizeof *k);
    if (!k)
        return 0;
    for (size_t i = 0; i < n; i++) {
        parley_util_t a = parley__common(sp, list[i].a, list[i].gain_a);
        parley_util_t b = parley__common(sp, list[i].b, list[i].gain_b);
        k[i].key = a < b ? a : b;
        k[i].t = list[i];
    }
    qsort(k, n, sizeof *k, cmp_trade);
    for (size_t i = 0; i < n; i++)
        list[i] = k[i].t;
    parley__free(k);
    return 1;
}

static int setup(search_t *w, const parley_space_t *sp, const uint32_t *base,
                 const parley_trades_options_t *o)
{
    memset(w, 0, sizeof *w);
    w->sp = sp;
    w->c = o->c;
    w->base = base;
    w->budget = o->budget;
    w->ubase = parley__calloc(sp->n + 1, sizeof *w->ubase);
    w->acc = parley__calloc(sp->n + 1, 1);
    w->bitem = parley__calloc(sp->m + 1, sizeof *w->bitem);
    if (!w->ubase || !w->acc || !w->bitem)
        return 0;
    parley__items_encode(sp, base, w->bitem);
    for (size_t i = 0; i < sp->mi; i++)
        w->open |= base[i] == UINT32_MAX;
    for (size_t j = 0; j < sp->m; j++)
        for (size_t a = 0; a < sp->n && w->bitem[j] != UINT32_MAX; a++)
            w->ubase[a] += parley__contrib(sp, j, w->bitem[j])[a];
    for (size_t c = 0; c < sp->n; c++) {
        int ok = 1;
        for (size_t j = 0; j < sp->m && ok; j++)
            ok = w->bitem[j] == UINT32_MAX || !blocks(sp, o->c, j, w->bitem[j], c);
        parley_util_t r = reservation(sp, o->c, c);
        if (ok && !w->open && r != PARLEY_NO_RESERVATION && w->ubase[c] < r)
            ok = 0;
        w->acc[c] = (unsigned char)ok;
    }
    return 1;
}

static void teardown(search_t *w)
{
    parley__free(w->ubase);
    parley__free(w->acc);
    parley__free(w->bitem);
}

parley_util_t parley_space_trade_gain(const parley_space_t *sp, const uint32_t *base,
                                      const parley_trade_t *t, size_t c)
{
    parley_trades_options_t o = {NULL, 1, 0};
    search_t w;
    parley_util_t g = 0;
    if (setup(&w, sp, base, &o))
        g = gain(&w, t->x, t->ox, t->y, t->oy, c);
    teardown(&w);
    return g;
}

int parley_space_trade_breaks(const parley_space_t *sp, const parley_constraints_t *cons,
                              const uint32_t *base, const parley_trade_t *t, size_t c)
{
    parley_trades_options_t o = {cons, 1, 0};
    search_t w;
    int v = 0;
    if (setup(&w, sp, base, &o) && w.acc[c])
        v = verdict(&w, c, t->x, t->ox, t->y, t->oy);
    teardown(&w);
    return v;
}

parley_status_t parley_space_trades_with(parley_ctx_t *ctx, const parley_space_t *sp,
                                         const uint32_t *base, const parley_trades_options_t *o,
                                         parley_trade_t **out, size_t *n, int *complete)
{
    parley_trades_options_t def = {NULL, 1, 0};
    if (!o)
        o = &def;
    if (sp->big)
        return parley__fail(ctx, PARLEY_ELIMIT, "%s", parley__big_message);

    size_t cap = 16, count = 0;
    search_t w;
    parley_trade_t *list = malloc(cap * sizeof *list);
    if (!list || !setup(&w, sp, base, o)) {
        free(list);
        teardown(&w);
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    for (size_t a = 0; a < sp->n && !w.stopped; a++)
        for (size_t b = a + 1; b < sp->n && !w.stopped; b++) {
            /* (x, y) ordered: a gains on x and b on y; (y, x) is the mirror trade */
            for (size_t x = 0; x < sp->mi && !w.stopped; x++)
                for (size_t y = 0; y < sp->mi && !w.stopped; y++) {
                    parley_trade_t t;
                    if (x == y || base[x] == UINT32_MAX || base[y] == UINT32_MAX ||
                        !best_trade(&w, o->all, a, b, x, y, &t))
                        continue;
                    if (count == cap) {
                        parley_trade_t *grown = realloc(list, 2 * cap * sizeof *list);
                        if (!grown) {
                            free(list);
                            teardown(&w);
                            return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
                        }
                        list = grown;
                        cap *= 2;
                    }
                    list[count++] = t;
                }
        }
    if (!sort_trades(sp, list, count)) {
        free(list);
        teardown(&w);
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    if (complete)
        *complete = !w.stopped;
    teardown(&w);
    parley__ok(ctx);
    *out = list;
    *n = count;
    return PARLEY_OK;
}

parley_status_t parley_space_trades(parley_ctx_t *ctx, const parley_space_t *sp,
                                    const uint32_t *base, parley_trade_t **out, size_t *n)
{
    return parley_space_trades_with(ctx, sp, base, NULL, out, n, NULL);
}
