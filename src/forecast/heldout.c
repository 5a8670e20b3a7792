/*
 * heldout.c — the pre-registered held-out evaluation on DEU
 * (docs/validation.md): proposals split in two (a seeded random half, or
 * by introduction date), candidates fitted on the training half by grid
 * search on the mean absolute error, and scored on the test half against
 * the compromise model with a bootstrap over test proposals; an 80%
 * interval per forecast by split conformal prediction. Everything here is
 * a few hundred issues: plain loops, no cleverness.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../core/rng.h"
#include "fcint.h"

enum { M_COMP, M_MED, M_NASH, M_EUM, M_COND, M_EXCH, N_MODELS };
enum { S_SHRINK = N_MODELS, S_STACK, S_STACK_RULE, S_INST, N_CAND };

static const parley_model_t MODELS[N_MODELS] = {
    PARLEY_MODEL_COMPROMISE, PARLEY_MODEL_MEDIAN,    PARLEY_MODEL_NASH,
    PARLEY_MODEL_EUM,        PARLEY_MODEL_CONDORCET, PARLEY_MODEL_EXCHANGE};
static const char *const NAMES[N_CAND] = {"compromise", "median",    "nash",  "eum",
                                          "condorcet",  "exchange",  "shrink", "stack",
                                          "stack-by-rule", "institutions"};

/* One scored issue: what the candidates may use. */
typedef struct hissue {
    double y;            /* the outcome */
    double f[N_MODELS];  /* the models' forecasts */
    double rp;           /* the reference point, or the compromise where blank */
    int has_rp;
    double com, ep;      /* the institutions' positions, or the compromise where blank */
    int unan;            /* decided by unanimity (else QMV) */
    size_t prop;         /* its proposal (index into the proposal list) */
    int train, test;
} hissue_t;

typedef struct hrun {
    parley_ctx_t *ctx;
    hissue_t *is;
    size_t n, np;
    double *pred;        /* N_CAND x n: each candidate's forecast */
} hrun_t;

/* ---- Dates. */

static int field(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t k = 0; k < n; k++) {
        if (!isdigit((unsigned char)s[k]))
            return 0;
        v = v * 10 + (s[k] - '0');
    }
    *out = v;
    return 1;
}

static long ymd(int y, int m, int d)
{
    return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? (long)y * 10000 + m * 100 + d : 0;
}

long parley_deu_intro_date(const char *t)
{
    size_t n = t ? strlen(t) : 0;
    int a, b, c;
    if (n == 8 && t[2] == '-' && t[5] == '-' && field(t, 2, &a) && field(t + 3, 2, &b) &&
        field(t + 6, 2, &c)) /* dd-mm-yy */
        return ymd(c >= 96 ? 1900 + c : c <= 29 ? 2000 + c : 0, b, a) * (c >= 96 || c <= 29);
    if (n == 10 && t[2] == '-' && t[5] == '-' && field(t, 2, &a) && field(t + 3, 2, &b) &&
        field(t + 6, 4, &c)) /* dd-mm-yyyy */
        return ymd(c, b, a);
    if (n == 10 && t[4] == '-' && t[7] == '-' && field(t, 4, &a) && field(t + 5, 2, &b) &&
        field(t + 8, 2, &c)) { /* yyyy-mm-dd; 03-08 in the last field: a misread dd-mm-yy */
        if (c >= 3 && c <= 8)
            return ymd(2000 + c, b, a % 100);
        return ymd(a, b, c);
    }
    return 0;
}

/* ---- The split. */

typedef struct prop {
    const char *id;
    long date;
    size_t first;        /* file order */
} prop_t;

static int by_date(const void *x, const void *y)
{
    const prop_t *a = x, *b = y;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

/* Marks each proposal train (1), test (2) or out (0) in role[]. */
static parley_status_t split(hrun_t *r, const parley_deu_t *d, const size_t *sel,
                             parley_split_t how, uint64_t seed, parley_heldout_t *out,
                             unsigned char *role)
{
    prop_t *p = parley__calloc(r->np + 1, sizeof *p);
    size_t *order = parley__calloc(r->np + 1, sizeof *order);
    if (!p || !order) {
        parley__free(p);
        parley__free(order);
        return parley__fail(r->ctx, PARLEY_ENOMEM, "out of memory");
    }
    for (size_t q = r->n; q-- > 0;) { /* the first issue of each proposal */
        prop_t *pp = &p[r->is[q].prop];
        pp->id = d->issues[sel[q]].proposal;
        pp->first = r->is[q].prop;
        pp->date = parley_deu_intro_date(d->issues[sel[q]].intro);
    }
    size_t m = 0;
    if (how == PARLEY_SPLIT_RANDOM) {
        parley__rng_t rng;
        parley__rng_seed(&rng, seed);
        for (size_t k = 0; k < r->np; k++)
            order[m++] = k;
        for (size_t k = m; k > 1; k--) { /* Fisher-Yates */
            size_t j = (size_t)parley__rng_below(&rng, k), t = order[k - 1];
            order[k - 1] = order[j];
            order[j] = t;
        }
    } else {
        prop_t *dated = parley__calloc(r->np + 1, sizeof *dated);
        if (!dated) {
            parley__free(p);
            parley__free(order);
            return parley__fail(r->ctx, PARLEY_ENOMEM, "out of memory");
        }
        for (size_t k = 0; k < r->np; k++)
            if (p[k].date)
                dated[m++] = p[k];
        qsort(dated, m, sizeof *dated, by_date);
        for (size_t k = 0; k < m; k++)
            order[k] = dated[k].first;
        out->undated = r->np - m;
        parley__free(dated);
    }
    size_t half = (m + 1) / 2;
    memset(role, 0, r->np);
    for (size_t k = 0; k < m; k++)
        role[order[k]] = k < half ? 1 : 2;
    out->train_proposals = half;
    out->test_proposals = m - half;
    if (how == PARLEY_SPLIT_TEMPORAL && m >= 2) {
        out->train_last = p[order[half - 1]].date;
        out->test_first = p[order[half]].date;
    }
    parley__free(p);
    parley__free(order);
    return PARLEY_OK;
}

/* ---- Fitting. */

static double train_mae(const hrun_t *r, const double *pred, int unan)
{
    double sum = 0.0;
    size_t n = 0;
    for (size_t q = 0; q < r->n; q++)
        if (r->is[q].train && (unan < 0 || r->is[q].unan == unan)) {
            sum += fabs(pred[q] - r->is[q].y);
            n++;
        }
    return n ? sum / (double)n : 0.0;
}

/* shrink: c + alpha (rp - c), alpha per voting rule on 0, 0.05, ..., 1. */
static void fit_shrink(hrun_t *r, double *pred, char *fitted, size_t cap)
{
    double best[2] = {0.0, 0.0};
    for (int u = 0; u < 2; u++) {
        double best_mae = HUGE_VAL;
        for (int k = 0; k <= 20; k++) {
            double a = k / 20.0;
            for (size_t q = 0; q < r->n; q++)
                pred[q] = r->is[q].f[M_COMP] + a * (r->is[q].rp - r->is[q].f[M_COMP]);
            double e = train_mae(r, pred, u);
            if (e < best_mae) {
                best_mae = e;
                best[u] = a;
            }
        }
    }
    for (size_t q = 0; q < r->n; q++)
        pred[q] = r->is[q].f[M_COMP] +
                  best[r->is[q].unan] * (r->is[q].rp - r->is[q].f[M_COMP]);
    snprintf(fitted, cap, "alpha QMV %.2f, unanimity %.2f", best[0], best[1]);
}

/* The stack's components for issue q. */
static void stack_parts(const hissue_t *h, double *x)
{
    x[0] = h->f[M_COMP];
    x[1] = h->f[M_MED];
    x[2] = h->f[M_NASH];
    x[3] = h->f[M_EUM];
    x[4] = h->rp;
}

static void inst_parts(const hissue_t *h, double *x)
{
    x[0] = h->f[M_COMP];
    x[1] = h->com;
    x[2] = h->ep;
}

typedef struct simplex {
    const hrun_t *r;
    void (*parts)(const hissue_t *, double *);
    int k, steps, unan;
    int c[5], best[5];
    double best_mae;
} simplex_t;

static double simplex_mae(const simplex_t *x)
{
    double e = 0.0;
    size_t n = 0;
    for (size_t q = 0; q < x->r->n; q++) {
        const hissue_t *h = &x->r->is[q];
        if (!h->train || (x->unan >= 0 && h->unan != x->unan))
            continue;
        double v[5], f = 0.0;
        x->parts(h, v);
        for (int j = 0; j < x->k; j++)
            f += x->c[j] * v[j];
        e += fabs(f / x->steps - h->y);
        n++;
    }
    return n ? e / (double)n : 0.0;
}

/* Weights j.. share `left` steps; each weight from its largest down, so the
 * first point visited is all on the compromise and a tie keeps it. */
static void simplex_walk(simplex_t *x, int j, int left)
{
    if (j >= x->k - 1 || j >= 4) { /* k <= 5 */
        x->c[j] = left;
        double e = simplex_mae(x);
        if (e < x->best_mae - 1e-12) {
            x->best_mae = e;
            memcpy(x->best, x->c, sizeof x->best);
        }
        return;
    }
    for (int v = left; v >= 0; v--) {
        x->c[j] = v;
        simplex_walk(x, j + 1, left - v);
    }
}

/* The weights (k parts, steps of 1/steps) with the least training MAE on
 * issues of rule `unan` (-1: all). */
static void fit_simplex(const hrun_t *r, void (*parts)(const hissue_t *, double *), int k,
                        int steps, int unan, double *w)
{
    simplex_t x = {.r = r, .parts = parts, .k = k, .steps = steps, .unan = unan,
                   .best_mae = HUGE_VAL};
    simplex_walk(&x, 0, steps);
    for (int j = 0; j < k; j++)
        w[j] = (double)x.best[j] / steps;
}

static double apply(const hissue_t *h, void (*parts)(const hissue_t *, double *), int k,
                    const double *w)
{
    double x[5], f = 0.0;
    parts(h, x);
    for (int j = 0; j < k; j++)
        f += w[j] * x[j];
    return f;
}

static void weights_text(char *buf, size_t cap, const char *const *names, const double *w, int k)
{
    size_t at = 0;
    buf[0] = '\0';
    for (int j = 0; j < k && at < cap; j++)
        if (w[j] > 0.0)
            at += (size_t)snprintf(buf + at, cap - at, "%s%s %.2f", at ? ", " : "", names[j], w[j]);
}

static void fit_stacks(hrun_t *r, parley_heldout_t *res)
{
    static const char *const sn[5] = {"compromise", "median", "nash", "eum", "reference"};
    static const char *const in[3] = {"compromise", "commission", "parliament"};
    double w[5], wr[2][5];
    fit_simplex(r, stack_parts, 5, 10, -1, w);
    weights_text(res->rows[S_STACK].fitted, sizeof res->rows[S_STACK].fitted, sn, w, 5);
    for (size_t q = 0; q < r->n; q++)
        r->pred[S_STACK * r->n + q] = apply(&r->is[q], stack_parts, 5, w);
    char qmv[80], unan[80];
    for (int u = 0; u < 2; u++)
        fit_simplex(r, stack_parts, 5, 10, u, wr[u]);
    weights_text(qmv, sizeof qmv, sn, wr[0], 5);
    weights_text(unan, sizeof unan, sn, wr[1], 5);
    snprintf(res->rows[S_STACK_RULE].fitted, sizeof res->rows[S_STACK_RULE].fitted,
             "QMV: %s; unanimity: %s", qmv, unan);
    for (size_t q = 0; q < r->n; q++)
        r->pred[S_STACK_RULE * r->n + q] = apply(&r->is[q], stack_parts, 5, wr[r->is[q].unan]);
    double wi[5];
    fit_simplex(r, inst_parts, 3, 20, -1, wi);
    weights_text(res->rows[S_INST].fitted, sizeof res->rows[S_INST].fitted, in, wi, 3);
    for (size_t q = 0; q < r->n; q++)
        r->pred[S_INST * r->n + q] = apply(&r->is[q], inst_parts, 3, wi);
}

/* ---- Scoring. */

#define quantile parley__quantile

/* The 80% split-conformal interval of candidate k: coverage and width on
 * the test half from the training residuals' 10th and 90th percentiles. */
static void conformal(const hrun_t *r, size_t k, double *tmp, parley_heldout_row_t *row)
{
    const double *f = r->pred + k * r->n;
    size_t m = 0, in = 0, t = 0;
    for (size_t q = 0; q < r->n; q++)
        if (r->is[q].train)
            tmp[m++] = r->is[q].y - f[q];
    double lo = quantile(tmp, m, 0.10), hi = quantile(tmp, m, 0.90), width = 0.0;
    for (size_t q = 0; q < r->n; q++) {
        if (!r->is[q].test)
            continue;
        double a = fmax(0.0, f[q] + lo), b = fmin(100.0, f[q] + hi);
        in += r->is[q].y >= a && r->is[q].y <= b;
        width += b - a;
        t++;
    }
    row->coverage = t ? (double)in / (double)t : (double)NAN;
    row->width = t ? width / (double)t : (double)NAN;
}

/* Test MAE, paired difference to the compromise and its intervals from a
 * bootstrap that resamples test proposals with their issues. */
static parley_status_t score(const hrun_t *r, const parley_backtest_options_t *o,
                             const unsigned char *role, parley_heldout_t *out)
{
    size_t B = o->resamples ? o->resamples : 1, nt = 0;
    size_t *tp = parley__malloc((r->np + 1) * sizeof *tp);
    double *dsum = parley__calloc(r->np + 1, sizeof *dsum);
    double *boot = parley__malloc((B + 1) * sizeof *boot);
    size_t *cnt = parley__calloc(r->np + 1, sizeof *cnt);
    double *tmp = parley__malloc((r->n + 1) * sizeof *tmp);
    parley_status_t st = PARLEY_OK;
    if (!tp || !dsum || !boot || !cnt || !tmp)
        st = parley__fail(r->ctx, PARLEY_ENOMEM, "out of memory");
    for (size_t p = 0; !st && p < r->np; p++)
        if (role[p] == 2)
            tp[nt++] = p;
    for (size_t q = 0; !st && q < r->n; q++)
        if (r->is[q].test)
            cnt[r->is[q].prop]++;
    for (size_t k = 0; !st && k < N_CAND; k++) {
        parley_heldout_row_t *row = &out->rows[k];
        snprintf(row->candidate, sizeof row->candidate, "%s", NAMES[k]);
        const double *f = r->pred + k * r->n, *c = r->pred;
        double e = 0.0, dd = 0.0;
        memset(dsum, 0, r->np * sizeof *dsum);
        for (size_t q = 0; q < r->n; q++) {
            if (!r->is[q].test)
                continue;
            double dq = fabs(f[q] - r->is[q].y) - fabs(c[q] - r->is[q].y);
            e += fabs(f[q] - r->is[q].y);
            dd += dq;
            dsum[r->is[q].prop] += dq;
        }
        row->mae = e / (double)out->test_issues;
        row->diff = dd / (double)out->test_issues;
        parley__rng_t rng;
        parley__rng_seed(&rng, o->seed);
        for (size_t b = 0; b < B; b++) {
            double s = 0.0;
            size_t n = 0;
            for (size_t j = 0; j < nt; j++) {
                size_t p = tp[parley__rng_below(&rng, nt)];
                s += dsum[p];
                n += cnt[p];
            }
            boot[b] = n ? s / (double)n : 0.0;
        }
        row->diff_lo = quantile(boot, B, 0.025);
        row->diff_hi = quantile(boot, B, 0.975);
        row->diff_lo_bonf = quantile(boot, B, 0.05 / 9.0 / 2.0);
        row->diff_hi_bonf = quantile(boot, B, 1.0 - 0.05 / 9.0 / 2.0);
        conformal(r, k, tmp, row);
    }
    out->n_rows = N_CAND;
    parley__free(tp);
    parley__free(dsum);
    parley__free(boot);
    parley__free(cnt);
    parley__free(tmp);
    return st;
}

/* ---- The run. */

static size_t actor_index(const parley_deu_t *d, const char *id)
{
    for (size_t a = 0; a < d->n_actors; a++)
        if (strcmp(d->actors[a], id) == 0)
            return a;
    return (size_t)-1;
}

static parley_status_t build(hrun_t *r, const parley_deu_t *d, const size_t *sel, const double *fc)
{
    size_t com = actor_index(d, "com"), ep = actor_index(d, "ep");
    r->is = parley__calloc(r->n + 1, sizeof *r->is);
    r->pred = parley__calloc(N_CAND * r->n + 1, sizeof *r->pred);
    if (!r->is || !r->pred)
        return parley__fail(r->ctx, PARLEY_ENOMEM, "out of memory");
    for (size_t q = 0; q < r->n; q++) {
        const parley_deu_issue_t *di = &d->issues[sel[q]];
        hissue_t *h = &r->is[q];
        h->y = di->outcome;
        for (int m = 0; m < N_MODELS; m++)
            h->f[m] = fc[(size_t)m * r->n + q];
        h->has_rp = !isnan(di->reference);
        h->rp = h->has_rp ? di->reference : h->f[M_COMP];
        h->com = com != (size_t)-1 && !isnan(di->position[com]) ? di->position[com] : h->f[M_COMP];
        h->ep = ep != (size_t)-1 && !isnan(di->position[ep]) ? di->position[ep] : h->f[M_COMP];
        h->unan = strncmp(di->rule, "Unan", 4) == 0;
        h->prop = r->np;
        for (size_t p = 0; p < q; p++)
            if (strcmp(d->issues[sel[p]].proposal, di->proposal) == 0) {
                h->prop = r->is[p].prop;
                break;
            }
        if (h->prop == r->np)
            r->np++;
    }
    return PARLEY_OK;
}

parley_status_t parley_backtest_heldout(parley_ctx_t *ctx, const parley_deu_t *d,
                                        const parley_backtest_options_t *o,
                                        parley_capability_t c, parley_split_t how,
                                        uint64_t split_seed, parley_heldout_t *out)
{
    if (!d || !o || !out || (how != PARLEY_SPLIT_RANDOM && how != PARLEY_SPLIT_TEMPORAL))
        return parley__fail(ctx, PARLEY_EARG, "parley_backtest_heldout: invalid argument");
    size_t *sel = NULL;
    double *fc = NULL;
    hrun_t r = {.ctx = ctx};
    unsigned char *role = NULL;
    parley_heldout_t res;
    memset(&res, 0, sizeof res);
    res.split = how;
    parley_status_t st =
        parley__backtest_forecasts(ctx, d, o, c, MODELS, N_MODELS, &sel, &r.n, &fc);
    if (!st)
        st = build(&r, d, sel, fc);
    if (!st && !(role = parley__calloc(r.np + 1, 1)))
        st = parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    if (!st)
        st = split(&r, d, sel, how, split_seed, &res, role);
    if (!st && (res.train_proposals == 0 || res.test_proposals == 0))
        st = parley__fail(ctx, PARLEY_EINPUT, "the DEU table has too few proposals to split "
                          "(%zu usable)", res.train_proposals + res.test_proposals);
    if (!st) {
        for (size_t q = 0; q < r.n; q++) {
            r.is[q].train = role[r.is[q].prop] == 1;
            r.is[q].test = role[r.is[q].prop] == 2;
            res.train_issues += (size_t)r.is[q].train;
            res.test_issues += (size_t)r.is[q].test;
            for (int m = 0; m < N_MODELS; m++)
                r.pred[(size_t)m * r.n + q] = r.is[q].f[m];
        }
        fit_shrink(&r, r.pred + S_SHRINK * r.n, res.rows[S_SHRINK].fitted,
                   sizeof res.rows[S_SHRINK].fitted);
        fit_stacks(&r, &res);
        st = score(&r, o, role, &res);
    }
    if (!st) {
        *out = res;
        parley__ok(ctx);
    }
    parley__free(role);
    parley__free(r.is);
    parley__free(r.pred);
    parley__free(sel);
    parley__free(fc);
    return st;
}
