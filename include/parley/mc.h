/*
 * parley/mc.h — Monte Carlo over a scenario's uncertain inputs (numbers
 * written as distributions) and sensitivity analysis: each sample draws
 * every uncertain input from its own random stream, runs the simulator, the
 * forecasting models or the agreement space on the drawn scenario, and adds
 * the outcome to integer accumulators. The method is in docs/montecarlo.md.
 *
 * Determinism: the stream of sample i depends only on (seed, i), and every
 * aggregate is an integer count or a fixed-point integer sum, so the result
 * for a given seed is bit-identical for any number of threads, any batch
 * size and any split of the samples across processes (MPI ranks).
 *
 * Ownership: a parley_mc_t and a parley_sens_t are created by their
 * *_create functions and freed by their *_destroy functions. They keep a
 * pointer to the scenario they were made from (which must outlive them and
 * is never changed: each thread works on a private clone) and to the
 * arrays in the options (sim.tactic_off, sim.room, fc.smp.accommodation).
 * Pointers they return stay valid until they are destroyed. One thread at a
 * time calls a given object; it runs its own worker threads inside a step.
 */
#ifndef PARLEY_MC_H
#define PARLEY_MC_H

#include <stddef.h>
#include <stdint.h>
#include "common.h"
#include "forecast.h"
#include "scenario.h"
#include "sim.h"
#include "space.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The most samples one run takes (keeps the fixed-point sums exact). */
#define PARLEY_MC_MAX_SAMPLES 1000000000ull
/* Bins of the fixed histogram a continuous quantity is summarised by. */
#define PARLEY_MC_BINS 1000

/* ---- Random streams and the distributions (GSL underneath). */
typedef struct parley_mc_stream parley_mc_stream_t;

/* A stream; NULL when memory is exhausted. */
PARLEY_API parley_mc_stream_t *parley_mc_stream_create(void);
PARLEY_API void parley_mc_stream_destroy(parley_mc_stream_t *r);
/* Positions r at the start of the stream of sample `index` under `seed`:
 * the same (seed, index) always gives the same numbers, and different
 * pairs give streams that are independent for practical purposes. */
PARLEY_API void parley_mc_stream_seek(parley_mc_stream_t *r, uint64_t seed, uint64_t index);
/* A uniform number in [0,1). */
PARLEY_API double parley_mc_stream_uniform(parley_mc_stream_t *r);

/* A draw from u's distribution, within its support [a,b]. */
PARLEY_API double parley_mc_draw(const parley_uncertain_t *u, parley_mc_stream_t *r);
/* The p-quantile (0 <= p <= 1) of u's distribution (the truncated one for
 * a normal, the scaled one for a beta). */
PARLEY_API double parley_mc_quantile(const parley_uncertain_t *u, double p);
/* The mean and variance of u's distribution (as drawn). */
PARLEY_API void parley_mc_moments(const parley_uncertain_t *u, double *mean, double *var);
/* "uniform", "triangular", "normal", "beta", "choice". A choice's draw,
 * quantile and moments are of the option's index: the inverse CDF of one
 * uniform over the options in their order. */
PARLEY_API const char *parley_mc_dist_name(parley_dist_kind_t k);

/* The Wilson score interval at 95% for k successes in n trials
 * ([0,1] when n is 0). */
PARLEY_API void parley_mc_wilson(uint64_t k, uint64_t n, double *lo, double *hi);

/* ---- A Monte Carlo run. */
typedef enum parley_mc_what {
    PARLEY_MC_SIMULATE = 0, /* play the negotiation (parley/sim.h) */
    PARLEY_MC_FORECAST,     /* the forecasting models (parley/forecast.h) */
    PARLEY_MC_SPACE         /* the agreement space: ZOPA and a bargaining solution */
} parley_mc_what_t;

/* "simulate", "forecast", "space"; and back (PARLEY_ENOTFOUND). */
PARLEY_API const char *parley_mc_what_name(parley_mc_what_t w);
PARLEY_API parley_status_t parley_mc_what_from_name(const char *name, parley_mc_what_t *out);

typedef struct parley_mc_options {
    parley_mc_what_t what;
    uint64_t samples;      /* N, 1..PARLEY_MC_MAX_SAMPLES (default 10000) */
    uint64_t seed;         /* default 1 */
    unsigned threads;      /* worker threads; 0 (default): one per core. Without
                              OpenMP the run is serial whatever this says */
    unsigned batch;        /* samples per parley_mc_step (default 4096) */
    /* This process draws samples [first, first + count) of the N; count 0
     * (default) means all of them. MPI ranks each take a share and add up
     * their counters (parley_mc_counters). */
    uint64_t first, count;
    parley_sim_options_t sim;   /* SIMULATE: what-if switches (trace is forced off) */
    parley_model_t models[PARLEY_MODEL_COUNT]; /* FORECAST: the models (default: */
    size_t n_models;                           /*   every per-issue model) */
    parley_fc_params_t fc;                     /* FORECAST: their parameters */
    unsigned grid;              /* SPACE: points per continuous issue (default 11) */
    parley_solution_t solution; /* SPACE: the deal aggregated (default PARLEY_NASH) */
} parley_mc_options_t;

/* Fills *o with the defaults above. Cannot fail. */
PARLEY_API void parley_mc_options_init(parley_mc_options_t *o);

typedef struct parley_mc parley_mc_t;

/*
 * Prepares a run on scenario s: one private clone of s and one evaluator
 * (simulator, models or space) per worker thread. PARLEY_EINPUT when s has
 * no uncertain input and, for SIMULATE, no chance event (an event or
 * walk-away of probability strictly between 0 and 1): there is nothing to
 * sample; PARLEY_EARG when an
 * option is out of range.
 */
PARLEY_API parley_status_t parley_mc_create(parley_ctx_t *ctx, const parley_scenario_t *s,
                                            const parley_mc_options_t *o, parley_mc_t **out);
PARLEY_API void parley_mc_destroy(parley_mc_t *mc);

/* Draws and evaluates the next batch of samples on the worker threads;
 * *done becomes 1 when this process's share is complete. On failure the
 * message names the first failing sample; the counters are then partial. */
PARLEY_API parley_status_t parley_mc_step(parley_ctx_t *ctx, parley_mc_t *mc, int *done);
/* Steps until done; progress (may be NULL) is called after each step. */
PARLEY_API parley_status_t parley_mc_run(parley_ctx_t *ctx, parley_mc_t *mc,
                                         void (*progress)(void *arg, uint64_t done, uint64_t total),
                                         void *arg);
/* Changes the batch size (a progress bar keeps steps short); results do
 * not depend on it. */
PARLEY_API void parley_mc_set_batch(parley_mc_t *mc, unsigned batch);
/* Samples of this process's share drawn so far, and the share's size. */
PARLEY_API uint64_t parley_mc_done(const parley_mc_t *mc);
PARLEY_API uint64_t parley_mc_total(const parley_mc_t *mc);
/* Worker threads used (1 without OpenMP). */
PARLEY_API unsigned parley_mc_threads(const parley_mc_t *mc);
PARLEY_API const parley_mc_options_t *parley_mc_options(const parley_mc_t *mc);
PARLEY_API const parley_scenario_t *parley_mc_scenario(const parley_mc_t *mc);

/* ---- Results: read at any time (partial until done). */
/* Samples aggregated, and those whose draw the scenario refused (every
 * salience of an actor drawn 0): these count in neither outcome. */
PARLEY_API uint64_t parley_mc_samples(const parley_mc_t *mc);
PARLEY_API uint64_t parley_mc_invalid(const parley_mc_t *mc);

typedef enum parley_mc_group {
    PARLEY_MCG_END = 0,      /* SIMULATE: agreement / horizon / breakdown-too-few /
                                breakdown-essential (every valid sample; parley_sim_end_key) */
    PARLEY_MCG_WALKED,       /* SIMULATE: per actor, the samples where it left the talks and
                                the others went on (walked away, not ending them) */
    PARLEY_MCG_ROUND,        /* SIMULATE: the agreement round (agreements) */
    PARLEY_MCG_TERMS,        /* SIMULATE / SPACE: the terms of the deal, one stat per issue */
    PARLEY_MCG_UTILITY,      /* SIMULATE / SPACE: an actor's utility of the deal */
    PARLEY_MCG_SURPLUS,      /* SIMULATE / SPACE: utility minus BATNA at the deal */
    PARLEY_MCG_HOLDS,        /* SIMULATE: holds / breaks (agreements) */
    PARLEY_MCG_DURABILITY,   /* SIMULATE: rounds until it breaks (deals that break) */
    PARLEY_MCG_BREAKER,      /* SIMULATE: per actor, the deals it is first to break */
    PARLEY_MCG_FORECAST,    /* FORECAST: one model's forecast of one issue */
    PARLEY_MCG_FORECAST_OPTION, /* FORECAST, discrete issue: the option named */
    PARLEY_MCG_ZOPA,         /* SPACE: a ZOPA exists / is empty (every valid sample) */
    PARLEY_MCG_FORECAST_CONSTRAINTS, /* FORECAST, a scenario with constraints: per model, its
                                        forecast read as a package keeps them / breaks one /
                                        may break one (an open issue decides) */
    PARLEY_MCG_BREAK_WHY,    /* SIMULATE: why the deal breaks (deals that break): BATNA drift /
                                a new government / a failed ratification (parley_sim_break_t - 1) */
    PARLEY_MCG_WALKED_OUT,   /* SIMULATE: per actor, the samples where it walked out, ending
                                the talks (parley_sim_result_t.ended) */
    PARLEY_MCG_WARNING,      /* SIMULATE: per kind of set-up warning, the samples that had it
                                (parley_sim_warning_kind_t) */
    PARLEY_MCG_HOME,         /* SIMULATE with ratifying bodies (every valid sample):
                                signed (the room agreed a text at least once: an agreement or
                                a signature voided at home) / voided (a signature voided at
                                least once) / ratified (an agreement every vote approved, the
                                later votes within the durability horizon included) */
    PARLEY_MCG_VOIDER,       /* SIMULATE with ratifying bodies: per body, the samples where it
                                rejected a signature (voiding it, or breaking the deal by a
                                later vote) */
    PARLEY_MCG_CHOICE,       /* SIMULATE: per uncertain input written as a choice, in the
                                inputs' order, key "choice.PATH": categories 0..m-1 the
                                samples that drew option k, m..2m-1 the agreements among them */
    PARLEY_MCG_CHANCE        /* SIMULATE: per chance tactic (a deadline, leak or campaign whose
                                `probability` is strictly between 0 and 1), key
                                "chance.simulation.tactics[k]", then per chance event, key
                                "chance.simulation.events[k]": categories 0 not drawn, 1 drawn,
                                2 and 3 the agreements among them, 4 and 5 the agreements
                                that hold */
} parley_mc_group_t;
#define PARLEY_MCG_COUNT (PARLEY_MCG_CHANCE + 1)

/* The outcome conditional on a chance tactic's use or a chance event's
 * occurrence (SIMULATE): for tactic k (event k when `event` is 1) the runs
 * that drew it (`drawn` 1) or not (`drawn` 0), the agreements among them and
 * the agreements that hold (held may be NULL). Returns 1, or 0 (and zeros)
 * when the item is not a chance tactic or event of this run. An event is
 * drawn whether or not the talks reach its round (a change of government
 * after the deal is drawn from the start). */
PARLEY_API int parley_mc_chance_count(const parley_mc_t *mc, int event, size_t k, int drawn,
                                      uint64_t *runs, uint64_t *agreed, uint64_t *held);

/* The outcome conditional on one choice input (SIMULATE): for option k of
 * uncertain input `input`, the samples that drew it and the agreements
 * among them; 0 and 0 when the input is not a choice or k is out of range. */
PARLEY_API void parley_mc_choice_count(const parley_mc_t *mc, size_t input, size_t k,
                                       uint64_t *drawn, uint64_t *agreed);
/* Whether the probability of agreement hangs on choice input `input`: two
 * of its options, each drawn, whose shares of agreement differ by more than
 * PARLEY_MC_HANGS (20 percentage points) and whose Wilson 95% intervals do
 * not overlap. Returns 1 then, with *lo and *hi the options of the lowest
 * and highest share (the first on ties); 0 otherwise. */
#define PARLEY_MC_HANGS 0.20
PARLEY_API int parley_mc_choice_hangs(const parley_mc_t *mc, size_t input, size_t *lo,
                                      size_t *hi);

typedef enum parley_mc_kind {
    PARLEY_MC_CATEGORIES = 0, /* counts per named category */
    PARLEY_MC_INTEGERS,       /* counts of 0, 1, ..., n-2 and of n-1 or more */
    PARLEY_MC_VALUES          /* a continuous quantity on [lo, hi]: fixed-point
                                 sums and a PARLEY_MC_BINS-bin histogram (counts
                                 and per-bin sums) */
} parley_mc_kind_t;

typedef struct parley_mc_stat {
    const char *key;          /* "terms.nato", "utility.RUS", "forecast.median.nato", ... */
    parley_mc_group_t group;
    parley_mc_kind_t kind;
    size_t actor, issue;      /* scenario indices, (size_t)-1 when not about one */
    int model;                /* a parley_model_t, -1 when not about one */
    size_t n_categories;      /* CATEGORIES, INTEGERS */
    const char *const *names; /* CATEGORIES: n_categories names */
    double lo, hi;            /* VALUES: the scale */
} parley_mc_stat_t;

PARLEY_API size_t parley_mc_stat_count(const parley_mc_t *mc);
PARLEY_API const parley_mc_stat_t *parley_mc_stat(const parley_mc_t *mc, size_t k);
/* The stat with this key, or (size_t)-1. */
PARLEY_API size_t parley_mc_find_stat(const parley_mc_t *mc, const char *key);

/* CATEGORIES / INTEGERS: the count of category c; VALUES: 0. */
PARLEY_API uint64_t parley_mc_count(const parley_mc_t *mc, size_t stat, size_t c);

#define PARLEY_MC_QUANTILES 5 /* 5%, 25%, 50%, 75%, 95% */
PARLEY_API extern const double parley_mc_quantile_levels[PARLEY_MC_QUANTILES];

typedef struct parley_mc_summary {
    uint64_t n;      /* observations */
    double mean, sd; /* NaN when n is 0; VALUES: exact to 2^-31 of the scale */
    double q[PARLEY_MC_QUANTILES]; /* INTEGERS: exact; VALUES: the mean of the histogram
                                      bin holding the quantile (exact for repeated values,
                                      else within 1/PARLEY_MC_BINS of the scale) */
} parley_mc_summary_t;

/* Summary of an INTEGERS or VALUES stat (of a CATEGORIES stat: n only). */
PARLEY_API void parley_mc_summary(const parley_mc_t *mc, size_t stat, parley_mc_summary_t *out);
/* A VALUES stat's histogram: count of bin b < PARLEY_MC_BINS. */
PARLEY_API uint64_t parley_mc_bin(const parley_mc_t *mc, size_t stat, size_t b);

/*
 * The raw counters behind every result (a flat array of n unsigned 64-bit
 * integers), for adding up the shares of several processes: sum the arrays
 * element by element (e.g. MPI_Reduce with MPI_SUM on MPI_UINT64_T) and
 * load the sum into one run with parley_mc_set_counters.
 */
PARLEY_API const uint64_t *parley_mc_counters(const parley_mc_t *mc, size_t *n);
PARLEY_API parley_status_t parley_mc_set_counters(parley_ctx_t *ctx, parley_mc_t *mc,
                                                  const uint64_t *c, size_t n);

/* ---- Sensitivity: which uncertain inputs move one output most. */
typedef enum parley_metric_kind {
    PARLEY_METRIC_AGREEMENT = 0, /* 1 for an agreement (SPACE: a ZOPA exists), else 0 */
    PARLEY_METRIC_ROUND,         /* SIMULATE: the round the talks ended in */
    PARLEY_METRIC_UTILITY,       /* an actor's utility: of the deal, else its final BATNA */
    PARLEY_METRIC_SURPLUS,       /* utility minus BATNA at the deal, else 0 */
    PARLEY_METRIC_TERMS          /* the position on an issue (the deal's, or the first
                                    model's forecast); undefined without a deal */
} parley_metric_kind_t;

typedef struct parley_metric {
    parley_metric_kind_t kind;
    size_t index;  /* UTILITY, SURPLUS: the actor; TERMS: the issue */
} parley_metric_t;

typedef struct parley_sens_options {
    parley_mc_options_t mc;  /* what, seed, threads and the evaluator's settings;
                                mc.samples is N, the base samples of the Sobol
                                design (default 1000: N x (k + 2) evaluations) */
    parley_metric_t metric;  /* default AGREEMENT */
    double p_low, p_high;    /* the one-at-a-time sweep's quantiles (0.05, 0.95) */
    unsigned resamples;      /* bootstrap replicates of the indices' intervals (default
                                1000, at most PARLEY_SENS_MAX_RESAMPLES; 0: no intervals) */
} parley_sens_options_t;

#define PARLEY_SENS_MAX_RESAMPLES 100000u

PARLEY_API void parley_sens_options_init(parley_sens_options_t *o);

typedef struct parley_sens_input {
    size_t input;          /* uncertain input index */
    double low, high;      /* the input's p_low and p_high quantiles */
    double y_low, y_high;  /* the metric with the input there, the others at their
                              point estimates (NaN: undefined) */
    double swing;          /* |y_high - y_low| (0 when either is undefined) */
    double s1, st;         /* first-order and total Sobol indices (NaN: no variance):
                              S1 centred (Saltelli et al. 2010), ST by Jansen (1999) */
    double s1_lo, s1_hi;   /* bootstrap 95% intervals (Poisson bootstrap over the
                              design's rows; NaN when there are none) */
    double st_lo, st_hi;
    uint64_t n;            /* pairs the indices are estimated from */
    /* A choice input (PARLEY_DIST_CHOICE): the sweep evaluates every option
     * instead of two quantiles; low and high are then the options (indices)
     * where the metric is lowest and highest (the first on ties), y_low and
     * y_high the metric there, and y_option the metric at each of the
     * n_options options (NaN: undefined). NULL for a numeric input. */
    const double *y_option;
} parley_sens_input_t;

typedef struct parley_sens parley_sens_t;

/* Prepares the analysis (as parley_mc_create; PARLEY_EARG when the metric
 * does not apply to the evaluator, e.g. ROUND without SIMULATE). */
PARLEY_API parley_status_t parley_sens_create(parley_ctx_t *ctx, const parley_scenario_t *s,
                                              const parley_sens_options_t *o, parley_sens_t **out);
PARLEY_API void parley_sens_destroy(parley_sens_t *se);
/* Evaluates the next batch (the sweep first, then the Sobol design). */
PARLEY_API parley_status_t parley_sens_step(parley_ctx_t *ctx, parley_sens_t *se, int *done);
PARLEY_API parley_status_t parley_sens_run(parley_ctx_t *ctx, parley_sens_t *se);
/* Evaluations done and in all. */
PARLEY_API uint64_t parley_sens_done(const parley_sens_t *se);
PARLEY_API uint64_t parley_sens_total(const parley_sens_t *se);

/* Once done: the metric at every point estimate, its mean and variance over
 * the Sobol design's A and B samples, and per input the sweep and indices
 * (k entries, in the scenario's order of uncertain inputs). */
PARLEY_API double parley_sens_base(const parley_sens_t *se);
PARLEY_API void parley_sens_moments(const parley_sens_t *se, double *mean, double *var,
                                    uint64_t *n);
PARLEY_API const parley_sens_input_t *parley_sens_inputs(const parley_sens_t *se, size_t *k);
/* Rows of the design whose outputs (f(A), f(B), every f(A_B^i)) are not all
 * equal: few of them means the output barely varies and the indices rest
 * on those few rows. */
PARLEY_API uint64_t parley_sens_varying_rows(const parley_sens_t *se);

#ifdef __cplusplus
}
#endif
#endif
