/*
 * backtest.c — scores the models on DEU III: each scored issue (each
 * proposal, for the exchange model) becomes a problem, forecasts are
 * compared with outcomes, and a seeded bootstrap over issues gives
 * intervals for the mean error and its paired difference to the compromise
 * model. 351 issues x 6 models x 4 options: about 0.3 s.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../core/rng.h"
#include "fcint.h"

void parley_backtest_options_init(parley_backtest_options_t *o)
{
    parley_fc_params_init(&o->params);
    o->seed = 1;
    o->resamples = 2000;
    o->institutions = 1;
    o->missing_salience = 50.0;
    o->min_actors = 3;
    o->drop_blank_salience = 0;
    o->unweighted_median = 0;
}

typedef struct bt {
    parley_ctx_t *ctx;
    const parley_deu_t *d;
    const parley_backtest_options_t *o;
    size_t n, *sel;   /* the scored issues (indices into d->issues) */
    double *cap;      /* per DEU actor under the current option; NaN: takes no part */
    size_t cycles, unconverged; /* of the model being scored (parley_forecast_stop) */
} bt_t;

static int is_institution(const char *id)
{
    return strcmp(id, "com") == 0 || strcmp(id, "ep") == 0;
}

static parley_status_t capabilities(bt_t *b, parley_capability_t c)
{
    const parley_deu_t *d = b->d;
    if (c == PARLEY_CAP_GDP && !d->gdp)
        return parley__fail(b->ctx, PARLEY_EINPUT, "the DEU table has no GDP row: no 'gdp' option");
    double largest = 0.0;
    for (size_t a = 0; a < d->n_actors; a++) {
        b->cap[a] = parley_deu_state_capability(c, d->actors[a], d);
        largest = b->cap[a] > largest ? b->cap[a] : largest;
    }
    for (size_t a = 0; a < d->n_actors; a++)
        if (is_institution(d->actors[a]) && b->o->institutions)
            b->cap[a] = largest > 0.0 ? largest : (double)NAN;
    return PARLEY_OK;
}

static size_t positions(const parley_deu_issue_t *is, size_t na)
{
    size_t k = 0;
    for (size_t a = 0; a < na; a++)
        k += isnan(is->position[a]) ? 0u : 1u;
    return k;
}

/* Fills issue q of p from DEU issue `is` under the current capabilities. */
static void put_issue(const bt_t *b, parley_fc_problem_t *p, size_t q, const parley_deu_issue_t *is)
{
    size_t na = b->d->n_actors, ni = p->n_issues;
    p->lo[q] = 0.0;
    p->hi[q] = 100.0;
    p->status_quo[q] = is->reference;
    for (size_t a = 0; a < na; a++) {
        double x = is->position[a], s = is->salience[a];
        if (isnan(x) || isnan(b->cap[a]) || (isnan(s) && b->o->drop_blank_salience))
            continue;
        p->position[a * ni + q] = x;
        p->salience[a * ni + q] = (isnan(s) ? b->o->missing_salience : s) / 100.0;
    }
}

/* Runs model m on the scored issues sel[from..from+k) as one problem. */
static parley_status_t run_group(bt_t *b, parley_model_t m, const size_t *idx, size_t k,
                                 double *fc)
{
    parley_fc_problem_t p;
    parley_status_t st = parley_fc_problem_init(b->ctx, &p, b->d->n_actors, k);
    if (st)
        return st;
    for (size_t a = 0; a < b->d->n_actors; a++)
        p.capability[a] = isnan(b->cap[a]) ? 1.0 : b->cap[a];
    for (size_t q = 0; q < k; q++)
        put_issue(b, &p, q, &b->d->issues[b->sel[idx[q]]]);
    if (m == PARLEY_MODEL_MEDIAN && b->o->unweighted_median) /* every position counts once */
        for (size_t a = 0; a < b->d->n_actors; a++) {
            p.capability[a] = 1.0;
            for (size_t q = 0; q < k; q++)
                if (!isnan(p.position[a * k + q]))
                    p.salience[a * k + q] = 1.0;
        }
    parley_forecast_t *f = NULL;
    st = parley_forecast_create(b->ctx, &p, m, &b->o->params, &f);
    if (!st)
        st = parley_forecast_run(b->ctx, f);
    for (size_t q = 0; !st && q < k; q++) {
        fc[idx[q]] = parley_forecast_value(f, q);
        b->cycles += parley_forecast_stop(f, q) == PARLEY_FC_CYCLE;
        b->unconverged += parley_forecast_stop(f, q) == PARLEY_FC_MAX_ROUNDS;
    }
    parley_forecast_destroy(f);
    parley_fc_problem_free(&p);
    return st;
}

/* Forecasts of model m on every scored issue; exchange by proposal. */
static parley_status_t forecasts(bt_t *b, parley_model_t m, double *fc, size_t *idx)
{
    if (m != PARLEY_MODEL_EXCHANGE) {
        for (size_t q = 0; q < b->n; q++)
            idx[q] = q;
        return run_group(b, m, idx, b->n, fc);
    }
    unsigned char *done = parley__calloc(b->n + 1, 1);
    if (!done)
        return parley__fail(b->ctx, PARLEY_ENOMEM, "out of memory");
    parley_status_t st = PARLEY_OK;
    for (size_t q = 0; q < b->n && !st; q++) {
        if (done[q])
            continue;
        const char *prop = b->d->issues[b->sel[q]].proposal;
        size_t k = 0;
        for (size_t r = q; r < b->n; r++)
            if (!done[r] && strcmp(b->d->issues[b->sel[r]].proposal, prop) == 0) {
                idx[k++] = r;
                done[r] = 1;
            }
        st = run_group(b, m, idx, k, fc);
    }
    parley__free(done);
    return st;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double parley__quantile(double *v, size_t n, double p)
{
    if (n == 0)
        return (double)NAN;
    qsort(v, n, sizeof *v, cmp_double);
    size_t k = (size_t)ceil(p * (double)n);
    return v[k ? k - 1 : 0];
}

#define quantile parley__quantile

typedef struct stats_in {
    size_t n, nm, nc;
    const double *err;     /* (nm + 1) * nc * n: model slot 0 is the compromise model */
} stats_in_t;

static const double *errs(const stats_in_t *s, size_t m, size_t c)
{
    return s->err + (m * s->nc + c) * s->n;
}

/* Bootstrap: means of each (model, option) and paired differences. */
static parley_status_t bootstrap(parley_ctx_t *ctx, const stats_in_t *s,
                                 const parley_backtest_options_t *o, parley_backtest_row_t *rows)
{
    size_t B = o->resamples ? o->resamples : 1, cells = s->nm * s->nc;
    double *mean = parley__malloc((2 * cells * B + 1) * sizeof(double));
    size_t *pick = parley__malloc((s->n + 1) * sizeof(size_t));
    if (!mean || !pick) {
        parley__free(mean);
        parley__free(pick);
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    double *diff = mean + cells * B;
    parley__rng_t rng;
    parley__rng_seed(&rng, o->seed);
    for (size_t r = 0; r < B; r++) {
        for (size_t q = 0; q < s->n; q++)
            pick[q] = (size_t)parley__rng_below(&rng, s->n);
        for (size_t m = 0; m < s->nm; m++)
            for (size_t c = 0; c < s->nc; c++) {
                const double *e = errs(s, m + 1, c), *e0 = errs(s, 0, c);
                double sum = 0.0, sd = 0.0;
                for (size_t q = 0; q < s->n; q++) {
                    sum += e[pick[q]];
                    sd += e[pick[q]] - e0[pick[q]];
                }
                mean[(m * s->nc + c) * B + r] = sum / (double)s->n;
                diff[(m * s->nc + c) * B + r] = sd / (double)s->n;
            }
    }
    for (size_t k = 0; k < cells; k++) {
        rows[k].mae_lo = quantile(mean + k * B, B, 0.025);
        rows[k].mae_hi = quantile(mean + k * B, B, 0.975);
        rows[k].diff_lo = quantile(diff + k * B, B, 0.025);
        rows[k].diff_hi = quantile(diff + k * B, B, 0.975);
    }
    parley__free(mean);
    parley__free(pick);
    return PARLEY_OK;
}

static parley_status_t point_stats(parley_ctx_t *ctx, const stats_in_t *s,
                                   parley_backtest_row_t *rows)
{
    double *tmp = parley__malloc((s->n + 1) * sizeof(double));
    if (!tmp)
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    for (size_t m = 0; m < s->nm; m++)
        for (size_t c = 0; c < s->nc; c++) {
            const double *e = errs(s, m + 1, c), *e0 = errs(s, 0, c);
            double sum = 0.0, sd = 0.0;
            for (size_t q = 0; q < s->n; q++) {
                sum += e[q];
                sd += e[q] - e0[q];
                tmp[q] = e[q];
            }
            parley_backtest_row_t *r = &rows[m * s->nc + c];
            r->n = s->n;
            r->mae = sum / (double)s->n;
            r->diff = sd / (double)s->n;
            r->median_ae = quantile(tmp, s->n, 0.5);
        }
    parley__free(tmp);
    return PARLEY_OK;
}

/* Absolute errors of model m under option c into err[0..n). */
static parley_status_t score(bt_t *b, parley_model_t m, double *err, double *fc, size_t *idx)
{
    parley_status_t st = forecasts(b, m, fc, idx);
    for (size_t q = 0; !st && q < b->n; q++) {
        if (isnan(fc[q]))
            return parley__fail(b->ctx, PARLEY_EINPUT,
                                "%s: issue '%s' (line %d): no actor with capability and salience",
                                parley_model_name(m), b->d->issues[b->sel[q]].id,
                                b->d->issues[b->sel[q]].line);
        err[q] = fabs(fc[q] - b->d->issues[b->sel[q]].outcome);
    }
    return st;
}

static parley_status_t select_issues(bt_t *b)
{
    const parley_deu_t *d = b->d;
    b->sel = parley__malloc((d->n_issues + 1) * sizeof(size_t));
    b->cap = parley__malloc((d->n_actors + 1) * sizeof(double));
    if (!b->sel || !b->cap)
        return parley__fail(b->ctx, PARLEY_ENOMEM, "out of memory");
    for (size_t q = 0; q < d->n_issues; q++)
        if (!isnan(d->issues[q].outcome) && positions(&d->issues[q], d->n_actors) >= b->o->min_actors)
            b->sel[b->n++] = q;
    if (b->n == 0)
        return parley__fail(b->ctx, PARLEY_EINPUT,
                            "no issue has an outcome and at least %zu actors with positions",
                            b->o->min_actors);
    return PARLEY_OK;
}

static parley_status_t score_all(bt_t *b, const parley_model_t *models, size_t nm,
                                 const parley_capability_t *caps, size_t nc, double *err,
                                 size_t *stops)
{
    double *fc = parley__malloc((b->n + 1) * sizeof(double));
    size_t *idx = parley__malloc((b->n + 1) * sizeof(size_t));
    parley_status_t st = fc && idx ? PARLEY_OK : parley__fail(b->ctx, PARLEY_ENOMEM, "out of memory");
    for (size_t c = 0; c < nc && !st; c++) {
        st = capabilities(b, caps[c]);
        for (size_t m = 0; m <= nm && !st; m++) {
            parley_model_t model = m ? models[m - 1] : PARLEY_MODEL_COMPROMISE;
            b->cycles = b->unconverged = 0;
            st = score(b, model, err + (m * nc + c) * b->n, fc, idx);
            if (m) { /* 2 per (model, option) cell */
                stops[2 * ((m - 1) * nc + c)] = b->cycles;
                stops[2 * ((m - 1) * nc + c) + 1] = b->unconverged;
            }
        }
    }
    parley__free(fc);
    parley__free(idx);
    return st;
}

parley_status_t parley_backtest_run(parley_ctx_t *ctx, const parley_deu_t *d,
                                    const parley_model_t *models, size_t nm,
                                    const parley_capability_t *caps, size_t nc,
                                    const parley_backtest_options_t *o,
                                    parley_backtest_row_t *rows)
{
    if (nm == 0 || nc == 0)
        return parley__fail(ctx, PARLEY_EARG, "no model or no capability option to score");
    for (size_t m = 0; m < nm; m++)
        if ((unsigned)models[m] >= PARLEY_MODEL_PER_ISSUE)
            return parley__fail(ctx, PARLEY_EARG, "the backtest scores the per-issue models; "
                                "'%s' is not one", parley_model_name(models[m]));
    bt_t b = {.ctx = ctx, .d = d, .o = o};
    double *err = NULL;
    size_t *stops = NULL;
    parley_status_t st = parley_fc_params_check(ctx, &o->params);
    if (!st)
        st = select_issues(&b);
    if (!st && (!(err = parley__malloc(((nm + 1) * nc * b.n + 1) * sizeof(double))) ||
                !(stops = parley__calloc(2 * nm * nc + 1, sizeof(size_t)))))
        st = parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    if (!st)
        st = score_all(&b, models, nm, caps, nc, err, stops);
    stats_in_t s = {b.n, nm, nc, err};
    parley_backtest_row_t *tmp = st ? NULL : parley__calloc(nm * nc, sizeof *tmp);
    if (!st && !tmp)
        st = parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    if (!st && !(st = point_stats(ctx, &s, tmp)) && !(st = bootstrap(ctx, &s, o, tmp))) {
        for (size_t m = 0; m < nm; m++)
            for (size_t c = 0; c < nc; c++) {
                tmp[m * nc + c].model = models[m];
                tmp[m * nc + c].capability = caps[c];
                tmp[m * nc + c].cycles = stops[2 * (m * nc + c)];
                tmp[m * nc + c].unconverged = stops[2 * (m * nc + c) + 1];
            }
        memcpy(rows, tmp, nm * nc * sizeof *rows);
        parley__ok(ctx);
    }
    parley__free(tmp);
    parley__free(err);
    parley__free(stops);
    parley__free(b.sel);
    parley__free(b.cap);
    return st;
}

parley_status_t parley__backtest_forecasts(parley_ctx_t *ctx, const parley_deu_t *d,
                                           const parley_backtest_options_t *o,
                                           parley_capability_t c, const parley_model_t *models,
                                           size_t nm, size_t **sel, size_t *n, double **fc)
{
    bt_t b = {.ctx = ctx, .d = d, .o = o};
    double *all = NULL;
    size_t *idx = NULL;
    *sel = NULL;
    *fc = NULL;
    *n = 0;
    parley_status_t st = parley_fc_params_check(ctx, &o->params);
    if (!st)
        st = select_issues(&b);
    if (!st)
        st = capabilities(&b, c);
    if (!st && (!(all = parley__malloc((nm * b.n + 1) * sizeof(double))) ||
                !(idx = parley__malloc((b.n + 1) * sizeof(size_t)))))
        st = parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    for (size_t m = 0; m < nm && !st; m++) {
        st = forecasts(&b, models[m], all + m * b.n, idx);
        for (size_t q = 0; !st && q < b.n; q++)
            if (isnan(all[m * b.n + q]))
                st = parley__fail(ctx, PARLEY_EINPUT, "%s: issue '%s' (line %d): no actor with "
                                  "capability and salience", parley_model_name(models[m]),
                                  d->issues[b.sel[q]].id, d->issues[b.sel[q]].line);
    }
    parley__free(idx);
    parley__free(b.cap);
    if (st) {
        parley__free(all);
        parley__free(b.sel);
        return st;
    }
    *sel = b.sel;
    *n = b.n;
    *fc = all;
    return PARLEY_OK;
}
