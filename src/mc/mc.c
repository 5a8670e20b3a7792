/*
 * mc.c — a Monte Carlo run: state + step over batches of samples. Each
 * worker thread owns a clone of the scenario, a stream and its counters;
 * sample i is drawn from the stream of (seed, i) wherever it runs, and the
 * counters are added after each batch, so any thread count gives the same
 * integers. Assumes evaluations of a few microseconds to seconds each.
 */
#include <gsl/gsl_errno.h>
#include <stdlib.h>
#include <string.h>
#include "mcint.h"

struct parley_mc {
    const parley_scenario_t *s;
    parley_mc_options_t o;
    const mc_mode_t *mode;
    mc_layout_t L;
    uint64_t *cells;        /* the merged counters */
    mc_worker_t *w;
    unsigned n_workers;
    uint64_t begin, end, next;
};

void parley_mc_options_init(parley_mc_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->what = PARLEY_MC_SIMULATE;
    o->samples = 10000;
    o->seed = 1;
    o->batch = 4096;
    parley_sim_options_init(&o->sim);
    for (int m = 0; m < PARLEY_MODEL_PER_ISSUE; m++)
        o->models[o->n_models++] = (parley_model_t)m;
    parley_fc_params_init(&o->fc);
    o->grid = 11;
    o->solution = PARLEY_NASH;
}

static const char *const WHAT[] = {"simulate", "forecast", "space"};

const char *parley_mc_what_name(parley_mc_what_t w)
{
    return (unsigned)w < 3 ? WHAT[w] : "?";
}

parley_status_t parley_mc_what_from_name(const char *name, parley_mc_what_t *out)
{
    for (int k = 0; k < 3; k++)
        if (name && strcmp(name, WHAT[k]) == 0) {
            *out = (parley_mc_what_t)k;
            return PARLEY_OK;
        }
    return PARLEY_ENOTFOUND;
}

const mc_mode_t *parley__mc_mode(parley_mc_what_t w)
{
    switch (w) {
    case PARLEY_MC_SIMULATE: return &parley__mc_mode_sim;
    case PARLEY_MC_FORECAST: return &parley__mc_mode_fc;
    case PARLEY_MC_SPACE: return &parley__mc_mode_space;
    }
    return NULL;
}

static parley_status_t check_options(parley_ctx_t *ctx, const parley_scenario_t *s,
                                     const parley_mc_options_t *o)
{
    if (!parley__mc_mode(o->what))
        return parley__fail(ctx, PARLEY_EARG, "montecarlo: unknown evaluator %d", (int)o->what);
    if (o->samples < 1 || o->samples > PARLEY_MC_MAX_SAMPLES)
        return parley__fail(ctx, PARLEY_EARG, "montecarlo: the samples must be 1 to %llu, got %llu",
                            PARLEY_MC_MAX_SAMPLES, (unsigned long long)o->samples);
    if (o->count && (o->first > o->samples || o->count > o->samples - o->first))
        return parley__fail(ctx, PARLEY_EARG, "montecarlo: the share [%llu, +%llu) is not within "
                            "the %llu samples", (unsigned long long)o->first,
                            (unsigned long long)o->count, (unsigned long long)o->samples);
    if (o->what == PARLEY_MC_FORECAST && (o->n_models < 1 || o->n_models > PARLEY_MODEL_COUNT))
        return parley__fail(ctx, PARLEY_EARG, "montecarlo: give 1 to %d models",
                            (int)PARLEY_MODEL_COUNT);
    if (o->what == PARLEY_MC_SPACE && (o->grid < 2 || o->solution >= PARLEY_SOLUTION_COUNT))
        return parley__fail(ctx, PARLEY_EARG, "montecarlo: the grid must be at least 2");
    size_t numeric = 0; /* choices set the simulation only */
    for (size_t u = 0; u < parley_scenario_uncertain_count(s); u++)
        numeric += parley_scenario_uncertain(s, u)->dist != PARLEY_DIST_CHOICE;
    if (o->what != PARLEY_MC_SIMULATE && numeric == 0)
        return parley__fail(ctx, PARLEY_EINPUT,
                            "%s: the scenario has no uncertain number: write one as a "
                            "distribution, e.g. batna: {dist: uniform, min: 0.4, max: 0.6} "
                            "(choices of strategy, protocol, meeting or mediator and chance "
                            "events matter to --what simulate only; docs/montecarlo.md)",
                            parley_scenario_origin(s));
    if (parley_scenario_uncertain_count(s) == 0 && !parley__mc_has_chance(s))
        return parley__fail(ctx, PARLEY_EINPUT,
                            "%s: the scenario has no uncertain input and no chance event: write "
                            "a number as a distribution, e.g. batna: {dist: uniform, min: 0.4, "
                            "max: 0.6}, a strategy as a choice, e.g. {dist: choice, options: "
                            "[linear, hardline]}, or give an event a probability below 1 "
                            "(docs/montecarlo.md)", parley_scenario_origin(s));
    return PARLEY_OK;
}

parley_status_t parley_mc_create(parley_ctx_t *ctx, const parley_scenario_t *s,
                                 const parley_mc_options_t *o, parley_mc_t **out)
{
    if (!s || !o || !out)
        return parley__fail(ctx, PARLEY_EARG, "parley_mc_create: invalid argument");
    parley_status_t st = check_options(ctx, s, o);
    if (st)
        return st;
    gsl_set_error_handler_off(); /* GSL reports through return values, never aborts */
    parley_mc_t *mc = parley__calloc(1, sizeof *mc);
    if (!mc)
        return parley__fail(ctx, PARLEY_ENOMEM, "montecarlo: out of memory");
    mc->s = s;
    mc->o = *o;
    mc->o.sim.trace = 0;
    mc->mode = parley__mc_mode(o->what);
    mc->begin = o->count ? o->first : 0;
    mc->end = o->count ? o->first + o->count : o->samples;
    mc->next = mc->begin;
    parley__mc_layout_init(&mc->L);
    st = mc->mode->layout(s, &mc->o, &mc->L);
    if (!st && o->what == PARLEY_MC_SIMULATE)
        st = parley__mc_layout_choices(s, &mc->L);
    if (!st && o->what == PARLEY_MC_SIMULATE)
        st = parley__mc_layout_chances(s, &mc->L);
    if (!st && mc->L.n_cells == 0)
        mc->L.n_cells = MC_HEADER;
    if (!st && !(mc->cells = parley__calloc(mc->L.n_cells, sizeof *mc->cells)))
        st = PARLEY_ENOMEM;
    if (st == PARLEY_ENOMEM)
        parley__fail(ctx, st, "montecarlo: out of memory");
    if (!st)
        st = parley__mc_workers_open(ctx, s, &mc->o, mc->mode, mc->L.n_cells, &mc->w,
                                     &mc->n_workers);
    if (st) {
        parley_mc_destroy(mc);
        return st;
    }
    *out = mc;
    return PARLEY_OK;
}

void parley_mc_destroy(parley_mc_t *mc)
{
    if (!mc)
        return;
    parley__mc_workers_close(mc->mode, mc->w, mc->n_workers);
    parley__mc_layout_free(&mc->L);
    parley__free(mc->cells);
    parley__free(mc);
}

/* One sample: seek the stream, draw, evaluate, record. */
static void sample(mc_worker_t *w, uint64_t i, void *arg)
{
    parley_mc_t *mc = arg;
    if (w->st)
        return; /* this worker already failed in the batch */
    size_t k = parley_scenario_uncertain_count(w->s);
    parley_mc_stream_seek(w->rng, mc->o.seed, i);
    for (size_t u = 0; u < k; u++)
        w->x[u] = parley_mc_draw(parley_scenario_uncertain(w->s, u), w->rng);
    w->chance = parley__mc_chance_seed(w->rng);
    mc_outcome_t r;
    parley_status_t st = parley__mc_eval_at(mc->mode, w, w->x, &r);
    if (st) {
        parley__mc_worker_fail(w, st, i);
        return;
    }
    w->cells[MC_SAMPLES]++;
    if (!r.valid) {
        w->cells[MC_INVALID]++;
        return;
    }
    mc->mode->record(&mc->L, &mc->o, parley_scenario_issue_count(mc->s),
                     parley_scenario_actor_count(mc->s), w->cells, &r);
    if (mc->o.what == PARLEY_MC_SIMULATE) {
        parley__mc_record_choices(&mc->L, w->s, w->x, r.agreement, w->cells);
        parley__mc_record_chances(&mc->L, w->s, &r, w->cells);
    }
}

parley_status_t parley_mc_step(parley_ctx_t *ctx, parley_mc_t *mc, int *done)
{
    if (mc->next < mc->end) {
        uint64_t b = mc->o.batch ? mc->o.batch : 4096;
        uint64_t to = mc->end - mc->next < b ? mc->end : mc->next + b;
        parley__mc_parallel(mc->w, mc->n_workers, mc->next, to, sample, mc);
        for (unsigned t = 0; t < mc->n_workers; t++) {
            for (size_t c = 0; c < mc->L.n_cells; c++)
                mc->cells[c] += mc->w[t].cells[c];
            memset(mc->w[t].cells, 0, mc->L.n_cells * sizeof *mc->w[t].cells);
        }
        parley_status_t st = parley__mc_collect_failure(ctx, mc->w, mc->n_workers);
        if (st)
            return st;
        mc->next = to;
    }
    if (done)
        *done = mc->next >= mc->end;
    parley__ok(ctx);
    return PARLEY_OK;
}

parley_status_t parley_mc_run(parley_ctx_t *ctx, parley_mc_t *mc,
                              void (*progress)(void *arg, uint64_t done, uint64_t total),
                              void *arg)
{
    int done = 0;
    while (!done) {
        parley_status_t st = parley_mc_step(ctx, mc, &done);
        if (st)
            return st;
        if (progress)
            progress(arg, parley_mc_done(mc), parley_mc_total(mc));
    }
    return PARLEY_OK;
}

void parley_mc_set_batch(parley_mc_t *mc, unsigned batch)
{
    mc->o.batch = batch ? batch : 1;
}

uint64_t parley_mc_done(const parley_mc_t *mc)
{
    return mc->next - mc->begin;
}

uint64_t parley_mc_total(const parley_mc_t *mc)
{
    return mc->end - mc->begin;
}

unsigned parley_mc_threads(const parley_mc_t *mc)
{
    return mc->n_workers;
}

const parley_mc_options_t *parley_mc_options(const parley_mc_t *mc)
{
    return &mc->o;
}

const parley_scenario_t *parley_mc_scenario(const parley_mc_t *mc)
{
    return mc->s;
}

uint64_t parley_mc_samples(const parley_mc_t *mc)
{
    return mc->cells[MC_SAMPLES];
}

uint64_t parley_mc_invalid(const parley_mc_t *mc)
{
    return mc->cells[MC_INVALID];
}

size_t parley_mc_stat_count(const parley_mc_t *mc)
{
    return mc->L.n_stats;
}

const parley_mc_stat_t *parley_mc_stat(const parley_mc_t *mc, size_t k)
{
    return k < mc->L.n_stats ? &mc->L.stats[k] : NULL;
}

size_t parley_mc_find_stat(const parley_mc_t *mc, const char *key)
{
    for (size_t k = 0; k < mc->L.n_stats; k++)
        if (strcmp(mc->L.stats[k].key, key) == 0)
            return k;
    return (size_t)-1;
}

uint64_t parley_mc_count(const parley_mc_t *mc, size_t stat, size_t c)
{
    if (stat >= mc->L.n_stats)
        return 0;
    const parley_mc_stat_t *st = &mc->L.stats[stat];
    if (st->kind == PARLEY_MC_VALUES || c >= st->n_categories)
        return 0;
    return mc->cells[mc->L.offset[stat] + c];
}

void parley_mc_summary(const parley_mc_t *mc, size_t stat, parley_mc_summary_t *out)
{
    memset(out, 0, sizeof *out);
    if (stat < mc->L.n_stats)
        parley__mc_summarise(&mc->L, mc->cells, stat, out);
}

uint64_t parley_mc_bin(const parley_mc_t *mc, size_t stat, size_t b)
{
    if (stat >= mc->L.n_stats || mc->L.stats[stat].kind != PARLEY_MC_VALUES ||
        b >= PARLEY_MC_BINS)
        return 0;
    return mc->cells[mc->L.offset[stat] + MC_V_HIST + b];
}

const uint64_t *parley_mc_counters(const parley_mc_t *mc, size_t *n)
{
    *n = mc->L.n_cells;
    return mc->cells;
}

parley_status_t parley_mc_set_counters(parley_ctx_t *ctx, parley_mc_t *mc, const uint64_t *c,
                                       size_t n)
{
    if (!c || n != mc->L.n_cells)
        return parley__fail(ctx, PARLEY_EARG, "montecarlo: %zu counters given, %zu expected", n,
                            mc->L.n_cells);
    memcpy(mc->cells, c, n * sizeof *c);
    parley__ok(ctx);
    return PARLEY_OK;
}
