/*
 * sweep.h — one analysis along a grid of one or two inputs (`parley
 * sweep`, sweep.c): the axes from --set PATH=FROM..TO:STEP, each point run
 * through app_compute, the figures followed per analysis.
 */
#ifndef PARLEY_APP_SWEEP_H
#define PARLEY_APP_SWEEP_H

#include "analysis.h"
#include "app.h"

#define SWEEP_MAX_AXIS 1000     /* points per input */
#define SWEEP_MAX_POINTS 10000  /* points in all */
#define SWEEP_MAX_COLS 48       /* figures followed per point */
#define SWEEP_PATH 512
#define SWEEP_TEXT 48

typedef struct sweep_axis {
    char path[SWEEP_PATH];
    double from, to, step;
    size_t n;                /* points: FROM, FROM + STEP, ... up to TO */
} sweep_axis_t;

typedef struct sweep_cell {
    double num;              /* NAN: none */
    char text[SWEEP_TEXT];   /* words (verdicts, "yes") and exact counts */
    int is_text, set;
} sweep_cell_t;

typedef struct sweep {
    app_kind_t kind;
    const char *name;                 /* the scenario's name in messages */
    const char *proposal;             /* eval: the proposal followed, or NULL */
    sweep_axis_t axes[2];
    size_t n_axes;
    const char *const *fixed;         /* "PATH=VALUE" overrides for every point */
    size_t n_fixed;
    app_param_t params[8];            /* the analysis's options (API names) */
    size_t n_params;
    double max_memory_gib;            /* each point's cap (0: 4 GiB, the CLI's) */
    uint64_t max_samples;             /* each point's cap (0: 10,000,000) */
    void (*progress)(void *arg, size_t done, size_t total);
    void *progress_arg;
    /* Results. */
    size_t n_points, n_cols;
    char cols[SWEEP_MAX_COLS][136];
    double *values;                   /* n_points x 2: each point's input values */
    sweep_cell_t *cells;              /* n_points x SWEEP_MAX_COLS */
} sweep_t;

/* 1 when `set` ("PATH=VALUE") is a range PATH=FROM..TO:STEP (fills *ax), 0
 * when it is a plain override, -1 when it is a malformed range (msg says
 * why). */
int sweep_axis_parse(const char *set, sweep_axis_t *ax, char *msg, size_t cap);
/* Point k of the axis as text (12 significant digits: as typed). */
void sweep_axis_value(const sweep_axis_t *ax, size_t k, char *buf, size_t cap);

void sweep_init(sweep_t *w);
/* Fills w's kind, proposal, axes (the set options that are ranges), fixed
 * overrides (the others; fixed holds APP_MAX_SET) and the analysis's
 * options from parsed arguments; api: messages name parameters as the API
 * spells them. PARLEY_EARG with the message on ctx. */
parley_status_t sweep_setup(parley_ctx_t *ctx, const app_args_t *a, sweep_t *w,
                            const char **fixed, int api);
void sweep_free(sweep_t *w);
size_t sweep_points(const sweep_t *w);
/* Runs every point on the scenario text body[0..len) (s: the same text
 * loaded with the fixed overrides, for its actor and proposal ids). */
parley_status_t sweep_run(parley_ctx_t *ctx, sweep_t *w, const parley_scenario_t *s,
                          const char *body, size_t len);

void sweep_render_table(parley_buf_t *b, const sweep_t *w, const parley_scenario_t *s);
void sweep_render_json(parley_buf_t *b, const sweep_t *w, const parley_scenario_t *s);
void sweep_render_csv(parley_buf_t *b, const sweep_t *w, const parley_scenario_t *s);

#endif
