/*
 * amend.c — the acceptable packages closest to a given one (a proposal):
 * fewest issues changed first, then the smallest total utility shift
 * (sum over actors of |u_a - u_a(base)|). Iterative deepening on the number
 * of changes; a table of the best each actor can still gain with c more
 * changes prunes every branch that cannot become acceptable to all. With
 * linkage the search runs over items (clusters of issues); an item option
 * costs as many changes as the decided issues it moves.
 */
#include <stdlib.h>
#include <string.h>
#include "spaceint.h"

#define NEG_INF (PARLEY_UTIL_MIN / 4)
#define OPEN_OPT UINT32_MAX

typedef struct amend {
    const parley_space_t *sp;
    parley__rules_t rules;
    const uint32_t *base;  /* per item: the base's option, OPEN_OPT when an issue is open */
    const uint32_t *ibase; /* per scenario issue, as given */
    uint32_t *bitem;
    size_t n, m, C, max;
    parley_util_t *best;        /* (m + 1) x (C + 1) x n: best gain over issues d.. with <= c changes */
    parley_util_t *dlo, *dhi;   /* (m + 1) x n: range of the shift still to come (decided issues) */
    parley_util_t *u, *du;      /* utilities so far; shift so far per actor (decided issues) */
    uint32_t *cur;
    uint64_t nodes, budget;
    int aborted;
    parley_amendment_t *items;
    size_t n_items;
    parley_amend_keep_fn keep; /* NULL: every package */
    void *keep_arg;
    uint32_t *kept;            /* keep's package, per scenario issue */
} amend_t;

/* The issues option o of item j changes from the base (decided ones only). */
static size_t cost(const amend_t *w, size_t j, uint32_t o)
{
    const parley_space_t *sp = w->sp;
    if (!sp->linked)
        return w->base[j] != OPEN_OPT && o != w->base[j];
    size_t k = 0;
    for (size_t q = sp->ifirst[j]; q < sp->ifirst[j + 1]; q++) {
        size_t i = sp->iss[q];
        uint32_t d = parley__item_digit(sp, i, o);
        k += w->ibase[i] != OPEN_OPT && d != w->ibase[i];
    }
    return k;
}

static size_t item_size(const amend_t *w, size_t j)
{
    return w->sp->linked ? w->sp->ifirst[j + 1] - w->sp->ifirst[j] : 1;
}

static parley_util_t *cell(const amend_t *w, size_t d, size_t c)
{
    return w->best + (d * (w->C + 1) + c) * w->n;
}

/* best[d][c][a] = max over options o of item d costing k <= c changes of
 * contrib(o) + best[d+1][c-k]; top[k] holds the best option costing k. */
static void fill_best(amend_t *w, parley_util_t *top)
{
    size_t n = w->n;
    for (size_t c = 0; c <= w->C; c++)
        for (size_t a = 0; a < n; a++)
            cell(w, w->m, c)[a] = 0;
    for (size_t d = w->m; d-- > 0;) {
        size_t K = item_size(w, d);
        for (size_t a = 0; a < n; a++) {
            for (size_t k = 0; k <= K; k++)
                top[k] = NEG_INF;
            for (size_t q = 0; q < w->rules.nallowed[d]; q++) {
                uint32_t o = w->rules.allowed[d][q];
                parley_util_t v = parley__contrib(w->sp, d, o)[a];
                size_t k = cost(w, d, o);
                top[k] = v > top[k] ? v : top[k];
            }
            for (size_t c = 0; c <= w->C; c++) {
                parley_util_t v = NEG_INF;
                for (size_t k = 0; k <= K && k <= c; k++) {
                    parley_util_t nx = cell(w, d + 1, c - k)[a];
                    if (top[k] > NEG_INF && nx > NEG_INF && top[k] + nx > v)
                        v = top[k] + nx;
                }
                cell(w, d, c)[a] = v;
            }
        }
    }
}

static void fill_shift_ranges(amend_t *w)
{
    size_t n = w->n;
    for (size_t d = w->m + 1; d-- > 0;)
        for (size_t a = 0; a < n; a++) {
            parley_util_t lo = 0, hi = 0;
            if (d < w->m && w->base[d] != OPEN_OPT) {
                parley_util_t b = parley__contrib(w->sp, d, w->base[d])[a];
                for (size_t q = 0; q < w->rules.nallowed[d]; q++) {
                    parley_util_t v = parley__contrib(w->sp, d, w->rules.allowed[d][q])[a] - b;
                    lo = v < lo ? v : lo;
                    hi = v > hi ? v : hi;
                }
            }
            parley_util_t nlo = d < w->m ? w->dlo[(d + 1) * n + a] : 0;
            parley_util_t nhi = d < w->m ? w->dhi[(d + 1) * n + a] : 0;
            w->dlo[d * n + a] = lo + nlo;
            w->dhi[d * n + a] = hi + nhi;
        }
}

static parley_util_t iabs(parley_util_t v) { return v < 0 ? -v : v; }

/* The least total shift any completion can have. */
static parley_util_t shift_bound(const amend_t *w, size_t d)
{
    parley_util_t t = 0;
    for (size_t a = 0; a < w->n; a++) {
        parley_util_t lo = w->du[a] + w->dlo[d * w->n + a], hi = w->du[a] + w->dhi[d * w->n + a];
        t += parley__common(w->sp, a, lo > 0 ? lo : hi < 0 ? -hi : 0);
    }
    return t;
}

static int pkg_less(const uint32_t *x, const uint32_t *y, size_t m)
{
    for (size_t j = 0; j < m; j++)
        if (x[j] != y[j])
            return x[j] < y[j];
    return 0;
}

static int item_less(const parley_amendment_t *x, const parley_amendment_t *y, size_t m)
{
    if (x->shift != y->shift)
        return x->shift < y->shift;
    return pkg_less(x->opt, y->opt, m);
}

/* Keeps the best `max` items found so far, sorted. */
static void offer(amend_t *w, size_t changed)
{
    parley_util_t shift = 0;
    for (size_t a = 0; a < w->n; a++)
        shift += parley__common(w->sp, a, iabs(w->du[a]));
    parley_amendment_t cand = {w->cur, changed, shift};
    if (w->n_items == w->max && !item_less(&cand, &w->items[w->max - 1], w->m))
        return;
    size_t k = w->n_items < w->max ? w->n_items++ : w->max - 1;
    uint32_t *slot = w->items[k].opt;
    while (k > 0 && item_less(&cand, &w->items[k - 1], w->m)) {
        w->items[k] = w->items[k - 1];
        k--;
    }
    memcpy(slot, w->cur, w->m * sizeof *slot);
    w->items[k] = (parley_amendment_t){slot, changed, shift};
}

static int feasible(const amend_t *w, size_t d, size_t left)
{
    for (size_t a = 0; a < w->n; a++) {
        parley_util_t r = w->rules.r[a], g = cell(w, d, left)[a];
        if (g == NEG_INF || (r != PARLEY_NO_RESERVATION && w->u[a] + g < r))
            return 0;
    }
    return 1;
}

static void step_option(amend_t *w, size_t d, uint32_t o, int sign)
{
    const parley_util_t *c = parley__contrib(w->sp, d, o);
    const parley_util_t *b = w->base[d] == OPEN_OPT ? NULL : parley__contrib(w->sp, d, w->base[d]);
    for (size_t a = 0; a < w->n; a++) {
        w->u[a] += sign * c[a];
        if (b)
            w->du[a] += sign * (c[a] - b[a]);
    }
}

static void dfs(amend_t *w, size_t d, size_t left, size_t changed)
{
    if (w->aborted || ++w->nodes > w->budget) {
        w->aborted = 1;
        return;
    }
    if (!feasible(w, d, left))
        return;
    if (w->n_items == w->max && shift_bound(w, d) > w->items[w->max - 1].shift)
        return;
    if (d == w->m) {
        if (w->keep) {
            const uint32_t *pkg = w->cur;
            if (w->sp->linked) {
                parley__items_decode(w->sp, w->cur, w->kept);
                pkg = w->kept;
            }
            if (!w->keep(w->keep_arg, pkg))
                return;
        }
        offer(w, changed);
        return;
    }
    for (size_t q = 0; q < w->rules.nallowed[d] && !w->aborted; q++) {
        uint32_t o = w->rules.allowed[d][q];
        size_t change = cost(w, d, o);
        if (change > left)
            continue;
        w->cur[d] = o;
        step_option(w, d, o, 1);
        dfs(w, d + 1, left - change, changed + change);
        step_option(w, d, o, -1);
    }
}

static void amend_free(amend_t *w)
{
    parley__rules_free(&w->rules, w->m);
    parley__free(w->best);
    parley__free(w->dlo);
    parley__free(w->dhi);
    parley__free(w->u);
    parley__free(w->du);
    parley__free(w->cur);
    parley__free(w->bitem);
    parley__free(w->kept);
}

static parley_status_t amend_init(parley_ctx_t *ctx, const parley_space_t *sp,
                                  const parley_constraints_t *c, const uint32_t *base,
                                  size_t max, uint64_t budget, amend_t *w)
{
    memset(w, 0, sizeof *w);
    w->sp = sp;
    w->ibase = base;
    w->bitem = parley__calloc(sp->m + 1, sizeof *w->bitem);
    if (!w->bitem)
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    parley__items_encode(sp, base, w->bitem);
    w->base = w->bitem;
    w->n = sp->n;
    w->m = sp->m;
    w->max = max;
    w->budget = budget;
    /* changes tracked up to all issues, within 64 MiB of table */
    w->C = sp->mi;
    while (w->C > 1 && (w->m + 1) * (w->C + 1) * w->n > ((size_t)8 << 20))
        w->C /= 2;
    parley_status_t st = parley__rules_init(ctx, sp, c, &w->rules);
    if (st) {
        parley__free(w->bitem);
        return st;
    }
    w->best = parley__malloc((w->m + 1) * (w->C + 1) * w->n * sizeof *w->best);
    w->dlo = parley__calloc((w->m + 1) * w->n + 1, sizeof *w->dlo);
    w->dhi = parley__calloc((w->m + 1) * w->n + 1, sizeof *w->dhi);
    w->u = parley__calloc(w->n + 1, sizeof *w->u);
    w->du = parley__calloc(w->n + 1, sizeof *w->du);
    w->cur = parley__calloc(w->m + 1, sizeof *w->cur);
    w->kept = parley__calloc(sp->mi + 1, sizeof *w->kept);
    parley_util_t *top = parley__calloc(sp->mi + 2, sizeof *top);
    if (!w->best || !w->dlo || !w->dhi || !w->u || !w->du || !w->cur || !w->kept || !top) {
        parley__free(top);
        amend_free(w);
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    fill_best(w, top);
    parley__free(top);
    fill_shift_ranges(w);
    return PARLEY_OK;
}

parley_status_t parley_space_amend(parley_ctx_t *ctx, const parley_space_t *sp,
                                   const parley_constraints_t *c, const uint32_t *base,
                                   size_t max, uint64_t budget, parley_amend_result_t *out)
{
    return parley_space_amend_where(ctx, sp, c, base, max, budget, NULL, NULL, out);
}

parley_status_t parley_space_amend_where(parley_ctx_t *ctx, const parley_space_t *sp,
                                         const parley_constraints_t *c, const uint32_t *base,
                                         size_t max, uint64_t budget, parley_amend_keep_fn keep,
                                         void *arg, parley_amend_result_t *out)
{
    if (max == 0)
        return parley__fail(ctx, PARLEY_EARG, "ask for at least one amendment");
    if (sp->big)
        return parley__fail(ctx, PARLEY_ELIMIT, "%s", parley__big_message);
    amend_t w;
    parley_status_t st = amend_init(ctx, sp, c, base, max, budget, &w);
    if (st)
        return st;
    parley_amendment_t *items = parley__calloc(max, sizeof *items);
    int bad = !items;
    for (size_t k = 0; k < max && !bad; k++)
        bad = !(items[k].opt = parley__calloc((sp->m > sp->mi ? sp->m : sp->mi) + 1,
                                              sizeof(uint32_t)));
    if (bad) {
        for (size_t k = 0; items && k < max; k++)
            parley__free(items[k].opt);
        parley__free(items);
        amend_free(&w);
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    w.items = items;
    w.keep = keep;
    w.keep_arg = arg;
    for (size_t cmax = 0; cmax <= w.C && w.n_items == 0 && !w.aborted; cmax++)
        dfs(&w, 0, cmax, 0);
    for (size_t k = w.n_items; k < max; k++) {
        parley__free(items[k].opt);
        items[k].opt = NULL;
    }
    for (size_t k = 0; k < w.n_items && sp->linked; k++) { /* per scenario issue */
        memcpy(w.cur, items[k].opt, sp->m * sizeof *w.cur);
        parley__items_decode(sp, w.cur, items[k].opt);
    }
    out->n = w.n_items;
    out->items = items;
    out->exact = !w.aborted && (w.n_items > 0 || w.C == sp->mi);
    out->nodes = w.nodes;
    amend_free(&w);
    parley__ok(ctx);
    return PARLEY_OK;
}

void parley_amend_result_free(parley_amend_result_t *r)
{
    if (!r || !r->items)
        return;
    for (size_t k = 0; k < r->n; k++)
        parley__free(r->items[k].opt);
    parley__free(r->items);
    memset(r, 0, sizeof *r);
}
