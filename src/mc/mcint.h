/*
 * mcint.h — what the Monte Carlo files share: the flat integer counters and
 * the stats laid out in them, the per-thread worker (a scenario clone, a
 * stream, an evaluator), the three evaluators and the sample outcome they
 * fill, and the OpenMP-or-serial loop over a batch of samples.
 */
#ifndef PARLEY_MCINT_H
#define PARLEY_MCINT_H

#include "../core/core.h"
#include "parley/mc.h"

/* Fixed-point scale of a value normalised to [0,1]: 2^31, so a square fits
 * in 62 bits and N <= 10^9 sums stay below 2^63. */
#define MC_FIX 2147483648.0

/* Cells of a VALUES stat: n, sum, sum of squares, the histogram's counts,
 * then per bin the sum of its values. */
enum { MC_V_N = 0, MC_V_SUM, MC_V_SQ, MC_V_HIST };
/* Global cells before the stats: samples aggregated, draws refused. */
enum { MC_SAMPLES = 0, MC_INVALID, MC_HEADER };

/* What one evaluation of the drawn scenario gave. */
typedef struct mc_outcome {
    int valid;               /* 0: the draw was refused */
    int agreement;           /* SIMULATE: a deal; SPACE: a ZOPA exists */
    int end;                 /* SIMULATE: a parley_sim_end_t */
    unsigned round;          /* SIMULATE: the round it ended in */
    const double *terms;     /* n_issues when agreement (SPACE: the solution's) */
    const double *utility;   /* n_actors when agreement */
    const double *batna;     /* n_actors: the BATNAs at the end */
    const unsigned char *walked; /* SIMULATE: n_actors, may be NULL */
    const unsigned char *ended;  /* SIMULATE: n_actors, its walking out ended the talks */
    unsigned warnings;       /* SIMULATE: bit k set for a warning of kind k */
    int holds;               /* SIMULATE, agreement */
    unsigned durability;
    size_t breaker;
    int why;                 /* SIMULATE, a deal that breaks: a parley_sim_break_t */
    unsigned n_voided;       /* SIMULATE: signatures voided at home */
    const unsigned *voided;  /* SIMULATE: per ratifying body, signatures it voided (or NULL) */
    const signed char *ratified; /* SIMULATE, agreement: per body, its vote (or NULL) */
    const unsigned char *tactic_used; /* SIMULATE: n_tactics, 1 used in this run (or NULL) */
    const unsigned char *event_drawn; /* SIMULATE: n_events, 1 happens if reached (or NULL) */
    const double *forecast;  /* FORECAST: n_models x n_issues */
    const unsigned char *kept; /* FORECAST with constraints: n_models, 0 kept, 1 broken,
                                  2 undecided */
} mc_outcome_t;

typedef struct mc_layout {
    size_t n_stats, cap_stats;
    parley_mc_stat_t *stats;
    size_t *offset;   /* per stat: its first cell */
    size_t n_cells;
    size_t at[PARLEY_MCG_COUNT]; /* the first stat of each group; (size_t)-1: none */
    size_t *fc_option;             /* FORECAST: per model x issue the option stat, or -1 */
    void **owned;     /* keys and name arrays to free */
    size_t n_owned, cap_owned;
} mc_layout_t;

/* Adds a stat; returns its index or (size_t)-1 when memory is exhausted.
 * key is copied; names (CATEGORIES) must outlive the layout. */
size_t parley__mc_add_stat(mc_layout_t *L, const parley_mc_stat_t *proto, const char *key);
void parley__mc_layout_free(mc_layout_t *L);
/* Starts an empty layout (no group present). */
void parley__mc_layout_init(mc_layout_t *L);
/* Hands a malloc'd block to the layout, freed with it; 0 when out of memory
 * (the block is then freed). */
int parley__mc_keep(mc_layout_t *L, void *p);
/* The stats of a deal: terms per issue (categories of a discrete issue's
 * options, values of a continuous one), utility and surplus per actor. */
parley_status_t parley__mc_layout_deal(const parley_scenario_t *s, mc_layout_t *L);
void parley__mc_record_deal(const mc_layout_t *L, size_t n_issues, size_t n_actors,
                            uint64_t *cells, const mc_outcome_t *r);
/* The stat of issue j's position: CATEGORIES over a discrete issue's
 * options, VALUES on a continuous issue's scale. */
size_t parley__mc_add_issue_stat(const parley_scenario_t *s, mc_layout_t *L,
                                 parley_mc_group_t g, size_t j, int model, const char *key);
/* A CATEGORIES stat over the actors' ids. */
size_t parley__mc_add_actor_stat(const parley_scenario_t *s, mc_layout_t *L,
                                 parley_mc_group_t g, const char *key);

/* Recording into a counter array laid out by L. */
void parley__mc_count(const mc_layout_t *L, uint64_t *cells, size_t stat, size_t c);
void parley__mc_value(const mc_layout_t *L, uint64_t *cells, size_t stat, double v);
/* Summaries from a counter array. */
void parley__mc_summarise(const mc_layout_t *L, const uint64_t *cells, size_t stat,
                          parley_mc_summary_t *out);


typedef struct mc_worker mc_worker_t;

/* An evaluator: opens its state on a worker's clone, evaluates the clone's
 * current numbers, closes. The layout functions run once on the base
 * scenario; record adds an outcome to a counter array. */
typedef struct mc_mode {
    parley_status_t (*open)(mc_worker_t *w);
    parley_status_t (*eval)(mc_worker_t *w, mc_outcome_t *out);
    void (*close)(mc_worker_t *w);
    parley_status_t (*layout)(const parley_scenario_t *s, const parley_mc_options_t *o,
                              mc_layout_t *L);
    void (*record)(const mc_layout_t *L, const parley_mc_options_t *o, size_t n_issues,
                   size_t n_actors, uint64_t *cells, const mc_outcome_t *r);
} mc_mode_t;

extern const mc_mode_t parley__mc_mode_sim, parley__mc_mode_fc, parley__mc_mode_space;
const mc_mode_t *parley__mc_mode(parley_mc_what_t w);

struct mc_worker {
    parley_ctx_t *ctx;
    parley_scenario_t *s;        /* private clone */
    const parley_mc_options_t *o;
    parley_mc_stream_t *rng;
    double *x;                   /* the draws, one per uncertain input */
    unsigned long long chance;   /* the simulator's seed for chance events (0: likelier course) */
    uint64_t *cells;             /* this thread's counters (monte carlo) */
    void *state;                 /* the evaluator's */
    parley_status_t st;          /* the first failure of this batch */
    uint64_t fail_index;         /* ... at this sample */
    char msg[512];
};

/* A seed for the simulator's chance events (walk-away threats carried out
 * with their probability), the next draw of the sample's stream; never 0. */
unsigned long long parley__mc_chance_seed(parley_mc_stream_t *r);

/* Workers for threads: clones s for each, opens the mode. */
parley_status_t parley__mc_workers_open(parley_ctx_t *ctx, const parley_scenario_t *s,
                                        const parley_mc_options_t *o, const mc_mode_t *m,
                                        size_t n_cells, mc_worker_t **out, unsigned *n);
void parley__mc_workers_close(const mc_mode_t *m, mc_worker_t *w, unsigned n);
/* Sets the worker's clone to draws x (NULL: base values) and evaluates it;
 * a refused draw gives out->valid = 0 and PARLEY_OK. */
parley_status_t parley__mc_eval_at(const mc_mode_t *m, mc_worker_t *w, const double *x,
                                   mc_outcome_t *out);
/* Records a failure of sample `index` on the worker (the lowest index wins). */
void parley__mc_worker_fail(mc_worker_t *w, parley_status_t st, uint64_t index);

/* Runs fn(w[t], i, arg) for i in [begin, end) on the workers' threads. */
void parley__mc_parallel(mc_worker_t *w, unsigned n_workers, uint64_t begin, uint64_t end,
                         void (*fn)(mc_worker_t *w, uint64_t i, void *arg), void *arg);
/* Threads to use for a request (0: all cores). */
unsigned parley__mc_thread_count(unsigned want);
/* Collects the first failure (lowest sample index) across workers onto ctx. */
parley_status_t parley__mc_collect_failure(parley_ctx_t *ctx, mc_worker_t *w, unsigned n);

/* choice.c: the outcome per option of each choice input (SIMULATE). */
int parley__mc_has_chance(const parley_scenario_t *s);
/* A tactic whose use is drawn (not a walk-away: its probability is that of
 * carrying it out), an event whose occurrence is. */
int parley__mc_chance_tactic(const parley_tactic_t *t);
int parley__mc_chance_event(const parley_event_t *e);
parley_status_t parley__mc_layout_chances(const parley_scenario_t *s, mc_layout_t *L);
void parley__mc_record_chances(const mc_layout_t *L, const parley_scenario_t *s,
                               const mc_outcome_t *r, uint64_t *cells);
parley_status_t parley__mc_layout_choices(const parley_scenario_t *s, mc_layout_t *L);
void parley__mc_record_choices(const mc_layout_t *L, const parley_scenario_t *s,
                               const double *x, int agreement, uint64_t *cells);

#endif
