/*
 * exchange.c — Stokman's exchange model, equal-gain variant: actors on
 * opposite sides of two compromise outcomes who weigh the issues
 * differently trade ground, in order of gain, each actor trading an issue
 * position once. O(actors^2 issues^2) per round: for scenarios and DEU
 * proposals (tens of actors, a few issues), not for thousands.
 */
#include <math.h>
#include <stdlib.h>
#include "fcint.h"

typedef struct trade {
    size_t a, b, j, k; /* a gains on j (b moves there), b gains on k (a moves there) */
    double gain, dj, dk;
} trade_t;

typedef struct board {
    parley_forecast_t *f;
    double *O, *W;         /* per issue: outcome (units of the scale), total weight */
    unsigned char *used;   /* per actor x issue: has traded it (for good) */
} board_t;

static double pos(const parley_forecast_t *f, size_t i, size_t j)
{
    return (f->x[j * f->na + i] - f->lo[j]) / (f->hi[j] - f->lo[j]);
}

static double sal(const parley_forecast_t *f, size_t i, size_t j)
{
    return f->sal[j * f->na + i];
}

static void outcome(board_t *bd, size_t j)
{
    parley_forecast_t *f = bd->f;
    double sw = 0.0, swx = 0.0;
    for (size_t i = 0; i < f->na; i++)
        if (!isnan(f->x[j * f->na + i])) {
            double w = f->cap[i] * sal(f, i, j);
            sw += w;
            swx += w * pos(f, i, j);
        }
    bd->W[j] = sw;
    bd->O[j] = sw > 0.0 ? swx / sw : (double)NAN;
}

/* The equal-gain trade of t's actors and issues; its gain (0: none). */
static double price(const board_t *bd, trade_t *t)
{
    const parley_forecast_t *f = bd->f;
    size_t a = t->a, b = t->b, j = t->j, k = t->k;
    double xaj = pos(f, a, j), xbj = pos(f, b, j), xak = pos(f, a, k), xbk = pos(f, b, k);
    double saj = sal(f, a, j), sbj = sal(f, b, j), sak = sal(f, a, k), sbk = sal(f, b, k);
    const double *O = bd->O, *W = bd->W;
    if (isnan(xaj + xbj + xak + xbk) || !(W[j] > 0.0 && W[k] > 0.0))
        return 0.0;
    if (!((xaj - O[j]) * (xbj - O[j]) < 0.0 && (xak - O[k]) * (xbk - O[k]) < 0.0))
        return 0.0; /* not on opposite sides of both outcomes */
    if (!(saj * sbk > sak * sbj))
        return 0.0; /* a does not care relatively more about j than b does */
    double rho = (saj + sbj) / (sak + sbk);
    double dj = fmin(fabs(xaj - O[j]), fabs(xaj - xbj) * f->cap[b] * sbj / W[j]);
    double dk = fmin(fabs(xbk - O[k]), fabs(xbk - xak) * f->cap[a] * sak / W[k]);
    dj = fmin(dj, dk / rho);
    t->dj = dj;
    t->dk = dj * rho;
    t->gain = saj * t->dj - sak * t->dk;
    return t->gain > 1e-12 ? t->gain : 0.0;
}

/* Moves actor i on issue j by d outcome units towards position y (units). */
static void move(board_t *bd, size_t i, size_t j, double d, double y)
{
    parley_forecast_t *f = bd->f;
    double span = f->hi[j] - f->lo[j], from = pos(f, i, j);
    double dx = d * bd->W[j] / (f->cap[i] * sal(f, i, j));
    double to = y > from ? fmin(from + dx, y) : fmax(from - dx, y);
    f->x[j * f->na + i] = f->lo[j] + to * span;
    outcome(bd, j);
}

static int by_gain(const void *p, const void *q)
{
    const trade_t *a = p, *b = q;
    if (a->gain != b->gain)
        return a->gain < b->gain ? 1 : -1;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    if (a->b != b->b)
        return a->b < b->b ? -1 : 1;
    if (a->j != b->j)
        return a->j < b->j ? -1 : 1;
    return (a->k > b->k) - (a->k < b->k);
}

static parley_status_t candidates(board_t *bd, trade_t **out, size_t *n)
{
    parley_forecast_t *f = bd->f;
    size_t cap = 0, m = 0;
    trade_t *list = NULL;
    for (size_t a = 0; a < f->na; a++)
        for (size_t b = a + 1; b < f->na; b++)
            for (size_t j = 0; j < f->ni; j++)
                for (size_t k = 0; k < f->ni; k++) {
                    trade_t t = {a, b, j, k, 0, 0, 0};
                    if (j == k || price(bd, &t) <= 0.0)
                        continue;
                    if (m == cap) {
                        size_t nc = cap ? 2 * cap : 64;
                        trade_t *p = parley__realloc(list, nc * sizeof *p);
                        if (!p) {
                            parley__free(list);
                            return PARLEY_ENOMEM;
                        }
                        list = p;
                        cap = nc;
                    }
                    list[m++] = t;
                }
    *out = list;
    *n = m;
    return PARLEY_OK;
}

static size_t execute(board_t *bd, trade_t *list, size_t n)
{
    parley_forecast_t *f = bd->f;
    size_t done = 0, ni = f->ni;
    if (n == 0)
        return 0;
    qsort(list, n, sizeof *list, by_gain);
    for (size_t q = 0; q < n; q++) {
        trade_t t = list[q];
        unsigned char *u = bd->used;
        if (u[t.a * ni + t.j] || u[t.a * ni + t.k] || u[t.b * ni + t.j] || u[t.b * ni + t.k])
            continue;
        if (price(bd, &t) <= 0.0) /* the earlier trades changed the outcomes */
            continue;
        double xaj = pos(f, t.a, t.j), xbk = pos(f, t.b, t.k);
        move(bd, t.b, t.j, t.dj, xaj);
        move(bd, t.a, t.k, t.dk, xbk);
        u[t.a * ni + t.j] = u[t.a * ni + t.k] = u[t.b * ni + t.j] = u[t.b * ni + t.k] = 1;
        done++;
    }
    return done;
}

parley_status_t parley__exchange_round(parley_ctx_t *ctx, parley_forecast_t *f, size_t *trades)
{
    board_t bd = {f, parley__malloc(2 * (f->ni + 1) * sizeof(double)), NULL, f->used};
    trade_t *list = NULL;
    size_t n = 0;
    parley_status_t st = bd.O && bd.used ? PARLEY_OK : PARLEY_ENOMEM;
    if (st == PARLEY_OK) {
        bd.W = bd.O + f->ni + 1;
        for (size_t j = 0; j < f->ni; j++)
            outcome(&bd, j);
        st = candidates(&bd, &list, &n);
    }
    if (st == PARLEY_OK)
        *trades = execute(&bd, list, n);
    parley__free(list);
    parley__free(bd.O);
    return st ? parley__fail(ctx, st, "out of memory") : PARLEY_OK;
}
