/*
 * fcint.h — internals shared by the forecasting models: the forecast
 * object's layout (issue-major arrays, so one issue's actors are
 * contiguous) and each model's one-issue kernel.
 */
#ifndef PARLEY_FCINT_H
#define PARLEY_FCINT_H

#include "../core/core.h"
#include "parley/forecast.h"

typedef struct fc_keyed fc_keyed_t;

#define FC_SCRATCH 12
#define FC_RING (PARLEY_FC_CYCLE_MAX + 1)
#define PARLEY_FC_MAX_ACTORS_STACK 256
#define FC_NAME_CAP 96 /* "actor 'ID'" with an id of up to 64 bytes */

struct parley_forecast {
    parley_model_t model;
    parley_fc_params_t prm;
    size_t na, ni;
    double *cap;          /* na */
    double *ideal;        /* ni * na, issue-major: the starting positions */
    double *x;            /* ni * na: the current positions; NaN: not taking part */
    double *sal;          /* ni * na */
    double *lo, *hi, *sq; /* ni */
    double *range;        /* ni: spread of the starting positions */
    double *value;        /* ni: the current forecast */
    unsigned char *moving;/* ni: the issue still iterates */
    size_t *part;         /* ni: participants */
    unsigned rounds;
    int done;
    /* convergence (forecast.c): per issue, and the exchange model's state in slot ni */
    unsigned char *stop;  /* ni: parley_fc_stop_t */
    unsigned *irounds;    /* ni: rounds the issue iterated */
    unsigned *period;     /* ni: its cycle's period, 0 if none */
    uint64_t *ring;       /* (ni + 1) * FC_RING: hashes of the last rounds' positions */
    double *ringv;        /* ni * FC_RING: the last rounds' forecasts */
    double *cyc;          /* ni * FC_RING: the cycle's forecasts, oldest first */
    /* category issues (category.c; NULL when every issue is a scale) */
    size_t *ncat, *cat_at;/* ni: options (0: a scale), offset as in parley_fc_problem_t */
    double *cval;         /* the actors' values of the options */
    size_t *crank;        /* the options' tie ranks */
    /* scratch for one issue (na entries each unless noted) */
    double *cx, *cc, *cs, *c0; /* compacted positions, capabilities, saliences, ideals */
    double *scr;          /* FC_SCRATCH * (na + 1) */
    fc_keyed_t *keyed;    /* na */
    double *mat;          /* na * na (condorcet) */
    unsigned char *used;  /* na * ni (exchange): the actor has traded on the issue */
    struct smp *smp;      /* the SMP's state (smp.c); NULL for the other models */
    /* the problem's ids, borrowed during parley_forecast_create only (messages) */
    const char *const *aid, *const *iid;
};

/* "actor 'RUS'" (ids[k] given) or "actor #3" into buf; returns buf. */
const char *parley__fc_name(const char *const *ids, const char *what, size_t k, char *buf,
                            size_t cap);

/* ---- The SMP (smp.c), on all issues at once. */
/* Builds f->smp from f's (validated) problem and sets f's positions and values. */
parley_status_t parley__smp_create(parley_ctx_t *ctx, parley_forecast_t *f);
void parley__smp_free(struct smp *s);
/* One turn; returns 1 when the SMP's stopping rule holds, 2 when it does
 * not but max_rounds has been reached, else 0. */
int parley__smp_step(parley_forecast_t *f);
double parley__smp_probability(const struct smp *s, size_t i);
/* The last turn's record of actor i (parley_forecast_smp_turn). */
int parley__smp_record(const struct smp *s, size_t i, size_t *challenged, size_t *initiator,
                       size_t *receiver);

/* Compacts issue j's participants into f->cx/cc/cs/c0; returns their count. */
size_t parley__fc_gather(parley_forecast_t *f, size_t j);
/* Writes f->cx back into issue j's positions. */
void parley__fc_scatter(parley_forecast_t *f, size_t j);

/* The forecast of category issue j (category.c): an option index; NaN when
 * nobody with a weight takes part (or memory runs out). */
double parley__fc_category(const parley_forecast_t *f, size_t j);

/* Nash bargaining on one issue (nash.c). sq may be NaN. */
double parley__nash(size_t n, const double *x, const double *c, const double *s, double lo,
                    double hi, double sq, const parley_fc_params_t *p);

/*
 * One EUM round on one issue (eum.c): moves x[0..n) in place and returns
 * the new median. range > 0 is the spread of the starting positions.
 */
double parley__eum_round(parley_forecast_t *f, size_t n, double *x, double range);

/* One Condorcet round on one issue (condorcet.c); returns the expected outcome. */
double parley__condorcet_round(parley_forecast_t *f, size_t n, double *x, double range);
/* The expected outcome of the current positions without moving them. */
double parley__condorcet_outcome(parley_forecast_t *f, size_t n, const double *x, double range);

/* One round of exchanges over all issues (exchange.c); *trades gets the count. */
parley_status_t parley__exchange_round(parley_ctx_t *ctx, parley_forecast_t *f, size_t *trades);

/* ---- P(i beats j) from weighted votes, for sorted positions (eum.c). */
typedef struct fc_votes {
    size_t n;
    const double *xs;  /* positions, increasing */
    const double *W;   /* n+1 prefix sums of weights in that order */
    const double *WX;  /* n+1 prefix sums of weight x position */
} fc_votes_t;
struct fc_keyed {
    double x, w;
};
/* qsort comparator of fc_keyed_t by x. */
int parley__fc_by_position(const void *a, const void *b);
/* Builds the sorted arrays from x, w into xs, W (n+1), WX (n+1); tmp: n scratch. */
void parley__votes_build(fc_votes_t *v, size_t n, const double *x, const double *w,
                         fc_keyed_t *tmp, double *xs, double *W, double *WX);
/* Share of the weighted vote margin for a against b: sum over k closer to a
 * of w_k (|x_k - b| - |x_k - a|) over the sum of w_k | ... |; 0.5 when 0/0. */
double parley__votes_share(const fc_votes_t *v, double a, double b);

/* The p-quantile of v[0..n) (sorted in place): the ceil(p n)-th smallest;
 * NAN when n is 0 (backtest.c, heldout.c). */
double parley__quantile(double *v, size_t n, double p);

/* The backtest's forecasts (backtest.c) for the held-out evaluation
 * (heldout.c): models[0..nm) under capability option c on the scored
 * issues, whose indices into d->issues go to *sel (n of them); *fc gets nm
 * x n forecasts, model-major. Both arrays are the caller's (parley__free). */
parley_status_t parley__backtest_forecasts(parley_ctx_t *ctx, const parley_deu_t *d,
                                           const parley_backtest_options_t *o,
                                           parley_capability_t c, const parley_model_t *models,
                                           size_t nm, size_t **sel, size_t *n, double **fc);

#endif
