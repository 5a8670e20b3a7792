/*
 * mc.c — the one setup and batch loop of a Monte Carlo run, for `parley
 * montecarlo` and the API alike: the option values parsed under the front
 * end's limits (the server caps samples and threads), then the samples
 * drawn in batches sized to a wall-clock step, reporting progress after each.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "forecast.h"
#include "mc.h"

parley_status_t mc_cli_count(parley_ctx_t *ctx, const char *opt, const char *s, uint64_t lo,
                             uint64_t hi, uint64_t *out)
{
    char *end;
    errno = 0;
    double v = s ? strtod(s, &end) : 0;
    if (!s || !*s || *end || errno || !(v >= (double)lo && v <= (double)hi) || v != floor(v))
        return parley_ctx_fail(ctx, PARLEY_EARG,
                               "%s must be a whole number from %llu to %llu, got '%s'", opt,
                               (unsigned long long)lo, (unsigned long long)hi, s ? s : "");
    *out = (uint64_t)v;
    return PARLEY_OK;
}

parley_status_t mc_cli_seed(parley_ctx_t *ctx, const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = s ? strtoull(s, &end, 10) : 0;
    if (!s || !*s || *end || errno || s[0] == '-' || s[0] == '+')
        return parley_ctx_fail(ctx, PARLEY_EARG,
                               "--seed must be a whole number from 0 to 2^64-1, got '%s'",
                               s ? s : "");
    *out = (uint64_t)v;
    return PARLEY_OK;
}

parley_status_t mc_cli_what(parley_ctx_t *ctx, const char *s, parley_mc_what_t *out)
{
    if (!s) {
        *out = PARLEY_MC_SIMULATE;
        return PARLEY_OK;
    }
    if (parley_mc_what_from_name(s, out) == PARLEY_OK)
        return PARLEY_OK;
    return parley_ctx_fail(ctx, PARLEY_EARG, "--what must be simulate, forecast or space, got '%s'",
                           s);
}

void mc_limits_cli(mc_limits_t *l)
{
    *l = (mc_limits_t){PARLEY_MC_MAX_SAMPLES, 0, 256, 0, 0};
}

parley_status_t mc_setup(parley_ctx_t *ctx, const mc_request_t *a, const mc_limits_t *lim,
                         const parley_scenario_t *s, sim_run_t *sr, parley_mc_options_t *o)
{
    parley_status_t rc;
    uint64_t threads = lim->default_threads;
    parley_mc_options_init(o);
    if ((rc = mc_cli_what(ctx, a->what, &o->what)) ||
        (rc = mc_cli_count(ctx, lim->api ? "n" : "-n", a->n ? a->n : "10000", 1,
                           lim->max_samples, &o->samples)) ||
        (a->seed && (rc = mc_cli_seed(ctx, a->seed, &o->seed))) ||
        (a->threads && (rc = mc_cli_count(ctx, lim->api ? "threads" : "--threads", a->threads,
                                          lim->min_threads, lim->max_threads, &threads))))
        return rc;
    o->threads = (unsigned)threads;
    if (a->model && o->what != PARLEY_MC_FORECAST)
        return parley_ctx_fail(ctx, PARLEY_EARG, lim->api ? "model is for what=forecast"
                                                          : "--model is for --what forecast");
    if (o->what == PARLEY_MC_FORECAST) {
        if ((rc = fc_cli_models(ctx, a->model, o->models, &o->n_models)))
            return rc;
        o->fc.smp = parley_scenario_smp(s)->params;
    }
    if (o->what == PARLEY_MC_SPACE && a->sw.grid) {
        uint64_t g;
        if ((rc = mc_cli_count(ctx, lim->api ? "grid" : "--grid", a->sw.grid, 2, 1000, &g)))
            return rc;
        o->grid = (unsigned)g;
    }
    sr->s = s;
    if ((rc = sim_run_setup(ctx, &a->sw, sr)))
        return rc;
    o->sim = sr->opt;
    return PARLEY_OK;
}

/* The next batch: about `step` seconds at the last batch's pace, at most
 * doubling, at least 16 (and 8 a thread), at most 2^20. */
static unsigned next_batch(unsigned batch, double dt, double step, unsigned threads)
{
    double want = dt > 0 ? (double)batch * step / dt : 2.0 * batch;
    double lo = 8.0 * threads > 16 ? 8.0 * threads : 16, hi = 1 << 20;
    if (want > 2.0 * batch)
        want = 2.0 * batch;
    want = want < lo ? lo : want > hi ? hi : want;
    return (unsigned)want;
}

parley_status_t mc_run_batches(parley_ctx_t *ctx, parley_mc_t *mc, double step_seconds,
                               mc_progress_fn progress, void *arg)
{
    unsigned batch = 64;
    int done = 0;
    while (!done) {
        parley_mc_set_batch(mc, batch);
        double t = app_now();
        parley_status_t st = parley_mc_step(ctx, mc, &done);
        if (st)
            return st;
        batch = next_batch(batch, app_now() - t, step_seconds, parley_mc_threads(mc));
        if (progress)
            progress(arg, parley_mc_done(mc), parley_mc_total(mc));
    }
    return PARLEY_OK;
}
