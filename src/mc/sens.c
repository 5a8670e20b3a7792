/*
 * sens.c — sensitivity of one output to each uncertain input: a
 * one-at-a-time sweep (each input at two quantiles, the others at their
 * point estimates) and first-order and total Sobol indices from the
 * Saltelli design (sobol.c: centred Saltelli et al. 2010 for S1, Jansen
 * 1999 for ST, bootstrap intervals). The N x (k + 2) evaluations run on the
 * worker threads in batches; their outputs are summed in row order, so any
 * thread count gives the same sums.
 */
#include <gsl/gsl_errno.h>
#include <math.h>
#include <string.h>
#include "mcint.h"
#include "sobol.h"

struct parley_sens {
    const parley_scenario_t *s;
    parley_sens_options_t o;
    const mc_mode_t *mode;
    mc_worker_t *w;
    unsigned n_workers;
    size_t k;                  /* uncertain inputs */
    parley_sens_input_t *in;
    double base;
    uint64_t oat, total, next; /* evaluations: the sweep's, all, done */
    uint64_t *sweep0;          /* per input its first sweep evaluation (k + 1 entries) */
    double *y_opt;             /* the choices' metric per option, flat */
    uint64_t rows_per_batch;
    double *y;                 /* a batch of outputs, rows x (k + 2) */
    parley__sobol_t sob;       /* the Sobol sums, in row order */
};

void parley_sens_options_init(parley_sens_options_t *o)
{
    memset(o, 0, sizeof *o);
    parley_mc_options_init(&o->mc);
    o->mc.samples = 1000;
    o->metric.kind = PARLEY_METRIC_AGREEMENT;
    o->p_low = 0.05;
    o->p_high = 0.95;
    o->resamples = 1000;
}

/* The metric of an outcome; NaN when it is undefined there. */
static double metric(const parley_sens_t *se, const mc_outcome_t *r)
{
    size_t x = se->o.metric.index;
    if (!r->valid)
        return (double)NAN;
    switch (se->o.metric.kind) {
    case PARLEY_METRIC_AGREEMENT: return r->agreement ? 1.0 : 0.0;
    case PARLEY_METRIC_ROUND: return (double)r->round;
    case PARLEY_METRIC_UTILITY: return r->agreement ? r->utility[x] : r->batna[x];
    case PARLEY_METRIC_SURPLUS: return r->agreement ? r->utility[x] - r->batna[x] : 0.0;
    case PARLEY_METRIC_TERMS:
        if (se->o.mc.what == PARLEY_MC_FORECAST)
            return r->forecast[x];
        return r->agreement && r->terms ? r->terms[x] : (double)NAN;
    }
    return (double)NAN;
}

static parley_status_t check(parley_ctx_t *ctx, const parley_scenario_t *s,
                             const parley_sens_options_t *o)
{
    parley_metric_kind_t m = o->metric.kind;
    parley_mc_what_t w = o->mc.what;
    if ((m == PARLEY_METRIC_ROUND && w != PARLEY_MC_SIMULATE) ||
        (m != PARLEY_METRIC_TERMS && w == PARLEY_MC_FORECAST) || (unsigned)m > 4u)
        return parley__fail(ctx, PARLEY_EARG, "sensitivity: this metric does not apply to '%s'",
                            parley_mc_what_name(w));
    size_t lim = m == PARLEY_METRIC_TERMS ? parley_scenario_issue_count(s)
                                          : parley_scenario_actor_count(s);
    if ((m == PARLEY_METRIC_TERMS || m == PARLEY_METRIC_UTILITY || m == PARLEY_METRIC_SURPLUS) &&
        o->metric.index >= lim)
        return parley__fail(ctx, PARLEY_EARG, "sensitivity: the metric's index is out of range");
    if (!(o->p_low >= 0.0 && o->p_low < o->p_high && o->p_high <= 1.0))
        return parley__fail(ctx, PARLEY_EARG, "sensitivity: need 0 <= low < high <= 1");
    if (o->resamples > PARLEY_SENS_MAX_RESAMPLES)
        return parley__fail(ctx, PARLEY_EARG, "sensitivity: at most %u resamples",
                            PARLEY_SENS_MAX_RESAMPLES);
    if (o->mc.samples < 2 || o->mc.samples > PARLEY_MC_MAX_SAMPLES)
        return parley__fail(ctx, PARLEY_EARG, "sensitivity: the samples must be 2 to %llu",
                            PARLEY_MC_MAX_SAMPLES);
    if (parley_scenario_uncertain_count(s) == 0)
        return parley__fail(ctx, PARLEY_EINPUT,
                            "%s: the scenario has no uncertain input: write a number as a "
                            "distribution, e.g. batna: {dist: uniform, min: 0.4, max: 0.6}, or "
                            "a strategy as a choice, e.g. {dist: choice, options: [linear, "
                            "hardline]} (docs/montecarlo.md)", parley_scenario_origin(s));
    return PARLEY_OK;
}

static parley_status_t alloc_all(parley_sens_t *se)
{
    size_t k = se->k;
    uint64_t cols = k + 2, b = se->o.mc.batch ? se->o.mc.batch : 4096;
    se->rows_per_batch = b / cols ? b / cols : 1;
    se->in = parley__calloc(k ? k : 1, sizeof *se->in);
    se->sweep0 = parley__calloc(k + 1, sizeof *se->sweep0);
    size_t n_opt = 0;
    for (size_t i = 0; i < k; i++) {
        const parley_uncertain_t *u = parley_scenario_uncertain(se->s, i);
        n_opt += u->dist == PARLEY_DIST_CHOICE ? u->n_options : 0;
    }
    se->y_opt = parley__calloc(n_opt ? n_opt : 1, sizeof *se->y_opt);
    if (!se->in || !se->sweep0 || !se->y_opt)
        return PARLEY_ENOMEM;
    /* the sweep: evaluation 0 the base, then per input two quantiles, or
     * every option of a choice */
    uint64_t e = 1;
    double *y = se->y_opt;
    for (size_t i = 0; i < k; i++) {
        const parley_uncertain_t *u = parley_scenario_uncertain(se->s, i);
        se->sweep0[i] = e;
        e += u->dist == PARLEY_DIST_CHOICE ? u->n_options : 2;
        if (u->dist == PARLEY_DIST_CHOICE) {
            se->in[i].y_option = y;
            y += u->n_options;
        }
    }
    se->sweep0[k] = e;
    se->oat = e;
    se->y = parley__calloc((size_t)(se->rows_per_batch * cols), sizeof *se->y);
    /* the bootstrap's weights come from their own stream of the seed */
    if (parley__sobol_init(&se->sob, k, se->o.resamples, se->o.mc.seed ^ 0x5b0b01b007ull))
        return PARLEY_ENOMEM;
    return se->in && se->y ? PARLEY_OK : PARLEY_ENOMEM;
}

parley_status_t parley_sens_create(parley_ctx_t *ctx, const parley_scenario_t *s,
                                   const parley_sens_options_t *o, parley_sens_t **out)
{
    if (!s || !o || !out)
        return parley__fail(ctx, PARLEY_EARG, "parley_sens_create: invalid argument");
    parley_status_t st = check(ctx, s, o);
    if (st)
        return st;
    gsl_set_error_handler_off();
    parley_sens_t *se = parley__calloc(1, sizeof *se);
    if (!se)
        return parley__fail(ctx, PARLEY_ENOMEM, "sensitivity: out of memory");
    se->s = s;
    se->o = *o;
    se->o.mc.sim.trace = 0;
    se->mode = parley__mc_mode(o->mc.what);
    se->k = parley_scenario_uncertain_count(s);
    if ((st = alloc_all(se)))
        parley__fail(ctx, st, "sensitivity: out of memory");
    se->total = se->oat + o->mc.samples * (se->k + 2);
    for (size_t i = 0; !st && i < se->k; i++) {
        const parley_uncertain_t *u = parley_scenario_uncertain(s, i);
        se->in[i].input = i;
        se->in[i].low = parley_mc_quantile(u, o->p_low);
        se->in[i].high = parley_mc_quantile(u, o->p_high);
    }
    if (!st)
        st = parley__mc_workers_open(ctx, s, &se->o.mc, se->mode, 0, &se->w, &se->n_workers);
    if (st) {
        parley_sens_destroy(se);
        return st;
    }
    *out = se;
    return PARLEY_OK;
}

void parley_sens_destroy(parley_sens_t *se)
{
    if (!se)
        return;
    parley__mc_workers_close(se->mode, se->w, se->n_workers);
    parley__free(se->in);
    parley__free(se->sweep0);
    parley__free(se->y_opt);
    parley__free(se->y);
    parley__sobol_free(&se->sob);
    parley__free(se);
}

/* Evaluates the metric at draws x (NULL: every point estimate). */
static double eval(parley_sens_t *se, mc_worker_t *w, const double *x, uint64_t e)
{
    mc_outcome_t r;
    parley_status_t st = parley__mc_eval_at(se->mode, w, x, &r);
    if (st) {
        parley__mc_worker_fail(w, st, e);
        return (double)NAN;
    }
    return metric(se, &r);
}

/* Sweep evaluation e: 0 the base; from sweep0[i], input i at its low and
 * high quantiles, or a choice at each of its options in turn. */
static void oat_one(mc_worker_t *w, uint64_t e, void *arg)
{
    parley_sens_t *se = arg;
    w->chance = 0; /* the sweep holds everything at its likelier course */
    if (e == 0) {
        se->base = eval(se, w, NULL, e);
        return;
    }
    size_t i = 0;
    while (se->sweep0[i + 1] <= e)
        i++;
    uint64_t q = e - se->sweep0[i];
    for (size_t u = 0; u < se->k; u++)
        w->x[u] = parley_scenario_uncertain(w->s, u)->base;
    parley_sens_input_t *in = &se->in[i];
    if (in->y_option) {
        w->x[i] = (double)q;
        ((double *)in->y_option)[q] = eval(se, w, w->x, e);
        return;
    }
    w->x[i] = q ? in->high : in->low;
    double y = eval(se, w, w->x, e);
    if (q)
        in->y_high = y;
    else
        in->y_low = y;
}

/* A choice's bar: from the option of the lowest metric to that of the
 * highest (the first on ties; undefined options skipped). */
static void choice_ends(parley_sens_input_t *in, size_t m)
{
    size_t lo = (size_t)-1, hi = (size_t)-1;
    for (size_t q = 0; q < m; q++) {
        double y = in->y_option[q];
        if (isnan(y))
            continue;
        if (lo == (size_t)-1 || y < in->y_option[lo])
            lo = q;
        if (hi == (size_t)-1 || y > in->y_option[hi])
            hi = q;
    }
    in->low = lo == (size_t)-1 ? 0.0 : (double)lo;
    in->high = hi == (size_t)-1 ? 0.0 : (double)hi;
    in->y_low = lo == (size_t)-1 ? (double)NAN : in->y_option[lo];
    in->y_high = hi == (size_t)-1 ? (double)NAN : in->y_option[hi];
}

/* Sobol evaluation e of the batch starting at row `first`: row e / (k+2);
 * column 0 the A sample, 1 the B sample, 2 + i A with input i from B. */
static void sobol_one(mc_worker_t *w, uint64_t e, void *arg)
{
    parley_sens_t *se = arg;
    uint64_t cols = se->k + 2;
    uint64_t first = (se->next - se->oat) / cols, j = first + e / cols, c = e % cols;
    parley_mc_stream_seek(w->rng, se->o.mc.seed, j);
    size_t k = se->k;
    for (size_t u = 0; u < k; u++) /* A's row, then B's, from the row's stream */
        w->x[u] = parley_mc_draw(parley_scenario_uncertain(w->s, u), w->rng);
    for (size_t u = 0; u < k; u++) {
        double b = parley_mc_draw(parley_scenario_uncertain(w->s, u), w->rng);
        if (c == 1)
            w->x[u] = b;
        else if (c >= 2 && u == c - 2)
            w->x[u] = b;
    }
    w->chance = parley__mc_chance_seed(w->rng); /* the same for every column of the row */
    se->y[e] = eval(se, w, w->x, se->oat + first * cols + e);
}

/* Feeds the batch's rows (the first is design row `first`) to the estimators. */
static void accumulate(parley_sens_t *se, uint64_t first, uint64_t rows)
{
    size_t cols = se->k + 2;
    for (uint64_t r = 0; r < rows; r++) {
        const double *y = se->y + r * cols;
        parley__sobol_add(&se->sob, first + r, y[0], y[1], y + 2);
    }
}

static parley_status_t finish(parley_ctx_t *ctx, parley_sens_t *se)
{
    parley__sobol_index_t *ix = parley__malloc((se->k + 1) * sizeof *ix);
    if (!ix || parley__sobol_finish(&se->sob, ix)) {
        parley__free(ix);
        return parley__fail(ctx, PARLEY_ENOMEM, "sensitivity: out of memory");
    }
    for (size_t i = 0; i < se->k; i++) {
        parley_sens_input_t *in = &se->in[i];
        if (in->y_option)
            choice_ends(in, parley_scenario_uncertain(se->s, i)->n_options);
        in->swing = isnan(in->y_low) || isnan(in->y_high) ? 0.0 : fabs(in->y_high - in->y_low);
        in->n = ix[i].n;
        in->s1 = ix[i].s1;
        in->st = ix[i].st;
        in->s1_lo = ix[i].s1_lo;
        in->s1_hi = ix[i].s1_hi;
        in->st_lo = ix[i].st_lo;
        in->st_hi = ix[i].st_hi;
    }
    parley__free(ix);
    return PARLEY_OK;
}

parley_status_t parley_sens_step(parley_ctx_t *ctx, parley_sens_t *se, int *done)
{
    uint64_t cols = se->k + 2;
    if (se->next == 0) {
        parley__mc_parallel(se->w, se->n_workers, 0, se->oat, oat_one, se);
        parley_status_t st = parley__mc_collect_failure(ctx, se->w, se->n_workers);
        if (st)
            return st;
        se->next = se->oat;
    } else if (se->next < se->total) {
        uint64_t rows = (se->total - se->next) / cols;
        rows = rows < se->rows_per_batch ? rows : se->rows_per_batch;
        parley__mc_parallel(se->w, se->n_workers, 0, rows * cols, sobol_one, se);
        parley_status_t st = parley__mc_collect_failure(ctx, se->w, se->n_workers);
        if (st)
            return st;
        accumulate(se, (se->next - se->oat) / cols, rows);
        se->next += rows * cols;
        if (se->next >= se->total && (st = finish(ctx, se)))
            return st;
    }
    if (done)
        *done = se->next >= se->total;
    parley__ok(ctx);
    return PARLEY_OK;
}

parley_status_t parley_sens_run(parley_ctx_t *ctx, parley_sens_t *se)
{
    int done = 0;
    while (!done) {
        parley_status_t st = parley_sens_step(ctx, se, &done);
        if (st)
            return st;
    }
    return PARLEY_OK;
}

uint64_t parley_sens_done(const parley_sens_t *se)
{
    return se->next;
}

uint64_t parley_sens_total(const parley_sens_t *se)
{
    return se->total;
}

double parley_sens_base(const parley_sens_t *se)
{
    return se->base;
}

void parley_sens_moments(const parley_sens_t *se, double *mean, double *var, uint64_t *n)
{
    parley__sobol_moments(&se->sob, mean, var, n);
}

uint64_t parley_sens_varying_rows(const parley_sens_t *se)
{
    return se->sob.moving;
}

const parley_sens_input_t *parley_sens_inputs(const parley_sens_t *se, size_t *k)
{
    *k = se->k;
    return se->in;
}
