/*
 * agg.c — the aggregates: every stat is a run of unsigned 64-bit counters
 * in one flat array (category counts; or a fixed-point sum, a sum of
 * squares and a histogram), so adding two arrays merges two runs exactly
 * whatever the order, and memory does not grow with the number of samples.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "mcint.h"

const double parley_mc_quantile_levels[PARLEY_MC_QUANTILES] = {0.05, 0.25, 0.5, 0.75, 0.95};

static size_t stat_cells(const parley_mc_stat_t *st)
{
    return st->kind == PARLEY_MC_VALUES ? MC_V_HIST + 2 * PARLEY_MC_BINS : st->n_categories;
}

int parley__mc_keep(mc_layout_t *L, void *p)
{
    if (L->n_owned == L->cap_owned) {
        size_t cap = L->cap_owned ? 2 * L->cap_owned : 32;
        void **q = parley__realloc(L->owned, cap * sizeof *q);
        if (!q) {
            parley__free(p);
            return 0;
        }
        L->owned = q;
        L->cap_owned = cap;
    }
    L->owned[L->n_owned++] = p;
    return 1;
}

size_t parley__mc_add_stat(mc_layout_t *L, const parley_mc_stat_t *proto, const char *key)
{
    if (L->n_stats == L->cap_stats) {
        size_t cap = L->cap_stats ? 2 * L->cap_stats : 32;
        parley_mc_stat_t *s = parley__realloc(L->stats, cap * sizeof *s);
        if (!s)
            return (size_t)-1;
        L->stats = s;
        size_t *o = parley__realloc(L->offset, cap * sizeof *o);
        if (!o)
            return (size_t)-1;
        L->offset = o;
        L->cap_stats = cap;
    }
    size_t len = strlen(key) + 1;
    char *k = parley__malloc(len);
    if (!k || !parley__mc_keep(L, k))
        return (size_t)-1;
    memcpy(k, key, len);
    if (L->n_cells == 0)
        L->n_cells = MC_HEADER;
    parley_mc_stat_t *st = &L->stats[L->n_stats];
    *st = *proto;
    st->key = k;
    L->offset[L->n_stats] = L->n_cells;
    L->n_cells += stat_cells(st);
    return L->n_stats++;
}

void parley__mc_layout_init(mc_layout_t *L)
{
    memset(L, 0, sizeof *L);
    for (size_t g = 0; g < PARLEY_MCG_COUNT; g++)
        L->at[g] = (size_t)-1;
}

void parley__mc_layout_free(mc_layout_t *L)
{
    parley__free(L->fc_option);
    for (size_t k = 0; k < L->n_owned; k++)
        parley__free(L->owned[k]);
    parley__free(L->owned);
    parley__free(L->stats);
    parley__free(L->offset);
    memset(L, 0, sizeof *L);
}

void parley__mc_count(const mc_layout_t *L, uint64_t *cells, size_t stat, size_t c)
{
    const parley_mc_stat_t *st = &L->stats[stat];
    if (st->n_categories == 0)
        return;
    if (c >= st->n_categories) /* INTEGERS: the last category is "that many or more" */
        c = st->n_categories - 1;
    cells[L->offset[stat] + c]++;
}

void parley__mc_value(const mc_layout_t *L, uint64_t *cells, size_t stat, double v)
{
    const parley_mc_stat_t *st = &L->stats[stat];
    if (isnan(v))
        return;
    double t = (v - st->lo) / (st->hi - st->lo);
    t = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
    uint64_t q = (uint64_t)llround(t * MC_FIX);
    uint64_t *c = cells + L->offset[stat];
    size_t bin = (size_t)(t * PARLEY_MC_BINS);
    c[MC_V_N]++;
    c[MC_V_SUM] += q;
    c[MC_V_SQ] += (q * q) >> 31; /* q^2 / 2^31, exact to one unit */
    bin = bin < PARLEY_MC_BINS ? bin : PARLEY_MC_BINS - 1;
    c[MC_V_HIST + bin]++;
    c[MC_V_HIST + PARLEY_MC_BINS + bin] += q; /* the bin's sum: its mean is a quantile's value */
}

/* The p-quantile from a histogram of counts h over nb bins and the sums of
 * the fixed-point values in each bin: the mean of the values in the bin
 * where the cumulative count reaches p n. Exact for values that repeat (a
 * point mass), within one bin (1/nb of the scale) otherwise. */
static double hist_quantile(const uint64_t *h, const uint64_t *sums, size_t nb, uint64_t n,
                            double p)
{
    double target = p * (double)n;
    uint64_t cum = 0;
    for (size_t b = 0; b < nb; b++) {
        cum += h[b];
        if (h[b] && (double)cum >= target)
            return (double)sums[b] / (double)h[b] / MC_FIX;
    }
    return 1.0;
}

/* The smallest integer whose cumulative count reaches p n. */
static double int_quantile(const uint64_t *h, size_t nb, uint64_t n, double p)
{
    double target = p * (double)n;
    uint64_t cum = 0;
    for (size_t b = 0; b < nb; b++) {
        cum += h[b];
        if (h[b] && (double)cum >= target)
            return (double)b;
    }
    return (double)(nb - 1);
}

static void summarise_ints(const uint64_t *c, size_t nb, parley_mc_summary_t *out)
{
    uint64_t n = 0, sum = 0, sq = 0;
    for (size_t b = 0; b < nb; b++) {
        n += c[b];
        sum += c[b] * b;
        sq += c[b] * b * b;
    }
    out->n = n;
    if (!n)
        return;
    double m = (double)sum / (double)n, v = (double)sq / (double)n - m * m;
    out->mean = m;
    out->sd = sqrt(v > 0.0 ? v : 0.0);
    for (int k = 0; k < PARLEY_MC_QUANTILES; k++)
        out->q[k] = int_quantile(c, nb, n, parley_mc_quantile_levels[k]);
}

static void summarise_values(const parley_mc_stat_t *st, const uint64_t *c,
                             parley_mc_summary_t *out)
{
    uint64_t n = c[MC_V_N];
    out->n = n;
    if (!n)
        return;
    double w = st->hi - st->lo, m = (double)c[MC_V_SUM] / (double)n / MC_FIX;
    double v = (double)c[MC_V_SQ] / (double)n / MC_FIX - m * m;
    out->mean = st->lo + w * m;
    out->sd = w * sqrt(v > 0.0 ? v : 0.0);
    for (int k = 0; k < PARLEY_MC_QUANTILES; k++)
        out->q[k] = st->lo + w * hist_quantile(c + MC_V_HIST, c + MC_V_HIST + PARLEY_MC_BINS,
                                               PARLEY_MC_BINS, n, parley_mc_quantile_levels[k]);
}

void parley__mc_summarise(const mc_layout_t *L, const uint64_t *cells, size_t stat,
                          parley_mc_summary_t *out)
{
    const parley_mc_stat_t *st = &L->stats[stat];
    const uint64_t *c = cells + L->offset[stat];
    out->n = 0;
    out->mean = out->sd = (double)NAN;
    for (int k = 0; k < PARLEY_MC_QUANTILES; k++)
        out->q[k] = (double)NAN;
    if (st->kind == PARLEY_MC_VALUES) {
        summarise_values(st, c, out);
    } else if (st->kind == PARLEY_MC_INTEGERS) {
        summarise_ints(c, st->n_categories, out);
    } else {
        for (size_t k = 0; k < st->n_categories; k++)
            out->n += c[k];
    }
}
