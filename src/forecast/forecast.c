/*
 * forecast.c — the forecast object: validates and copies a problem, runs
 * the one-shot models at once and the iterative ones (EUM, Condorcet,
 * exchange, SMP) a round per step, so a caller owns the loop. Issues iterate
 * independently (except in the exchange model, which couples them) and
 * stop when their forecast moves less than tol x their starting spread.
 */
#include <math.h>
#include <string.h>
#include "fcint.h"

size_t parley__fc_gather(parley_forecast_t *f, size_t j)
{
    size_t n = 0, na = f->na;
    for (size_t i = 0; i < na; i++) {
        double x = f->x[j * na + i];
        if (isnan(x))
            continue;
        f->cx[n] = x;
        f->c0[n] = f->ideal[j * na + i];
        f->cc[n] = f->cap[i];
        f->cs[n] = f->sal[j * na + i];
        n++;
    }
    return n;
}

void parley__fc_scatter(parley_forecast_t *f, size_t j)
{
    size_t n = 0, na = f->na;
    for (size_t i = 0; i < na; i++)
        if (!isnan(f->x[j * na + i]))
            f->x[j * na + i] = f->cx[n++];
}

static double weighted(parley_forecast_t *f, size_t n, int median)
{
    double *w = f->scr;
    for (size_t k = 0; k < n; k++)
        w[k] = f->cc[k] * f->cs[k];
    return median ? parley_fc_median(n, f->cx, w) : parley_fc_mean(n, f->cx, w);
}

/* Positions of the gathered issue j in units of its spread, from its lowest start. */
static double base_of(const parley_forecast_t *f, size_t j)
{
    double b = HUGE_VAL;
    for (size_t i = 0; i < f->na; i++)
        if (!isnan(f->ideal[j * f->na + i]) && f->ideal[j * f->na + i] < b)
            b = f->ideal[j * f->na + i];
    return b;
}

static void to_units(parley_forecast_t *f, size_t n, double base, double range, int dir)
{
    for (size_t k = 0; k < n; k++) {
        f->cx[k] = dir > 0 ? (f->cx[k] - base) / range : base + f->cx[k] * range;
        if (dir > 0)
            f->c0[k] = (f->c0[k] - base) / range;
    }
}

/* The forecast of issue j from its current positions (no move). */
static double evaluate(parley_forecast_t *f, size_t j)
{
    if (f->ncat && f->ncat[j])
        return parley__fc_category(f, j);
    size_t n = parley__fc_gather(f, j);
    if (n == 0)
        return (double)NAN;
    switch (f->model) {
    case PARLEY_MODEL_MEDIAN:
    case PARLEY_MODEL_EUM:
        return weighted(f, n, 1);
    case PARLEY_MODEL_NASH:
        return parley__nash(n, f->cx, f->cc, f->cs, f->lo[j], f->hi[j], f->sq[j], &f->prm);
    case PARLEY_MODEL_CONDORCET:
        if (isnan(weighted(f, n, 0)) || !(f->range[j] > 0.0))
            return weighted(f, n, 0); /* nobody cares (NaN), or all agree */
        double base = base_of(f, j);
        to_units(f, n, base, f->range[j], 1);
        return base + parley__condorcet_outcome(f, n, f->cx, 1.0) * f->range[j];
    default:
        return weighted(f, n, 0);
    }
}

/* One EUM or Condorcet round on issue j; returns the new forecast. */
static double round_issue(parley_forecast_t *f, size_t j)
{
    size_t n = parley__fc_gather(f, j);
    double base = base_of(f, j), range = f->range[j];
    to_units(f, n, base, range, 1);
    double v = f->model == PARLEY_MODEL_EUM ? parley__eum_round(f, n, f->cx, 1.0)
                                            : parley__condorcet_round(f, n, f->cx, 1.0);
    to_units(f, n, base, range, -1);
    parley__fc_scatter(f, j);
    return base + v * range;
}

/* ---- Convergence: cycles found by hashing each round's positions. */

/* Mixes issue j's positions, quantised to 2^-40 of its scale (so that the
 * last bits of floating-point noise do not hide a repeat), into h. */
static uint64_t hash_issue(const parley_forecast_t *f, size_t j, uint64_t h)
{
    double span = f->hi[j] - f->lo[j];
    for (size_t i = 0; i < f->na; i++) {
        double x = f->x[j * f->na + i];
        uint64_t q = isnan(x) ? UINT64_MAX
                              : (uint64_t)llround((x - f->lo[j]) / span * 1099511627776.0);
        h = (h ^ q) * 0x100000001b3ull; /* FNV-1a over whole words */
        h ^= h >> 29;
    }
    return h;
}

/* The state hash of slot k (an issue, or ni: all issues at once). */
static uint64_t state_hash(const parley_forecast_t *f, size_t k)
{
    uint64_t h = 0xcbf29ce484222325ull;
    if (k < f->ni)
        return hash_issue(f, k, h);
    for (size_t j = 0; j < f->ni; j++)
        h = hash_issue(f, j, h);
    size_t used = 0; /* the exchange's other state: who has traded what, for good */
    for (size_t c = 0; f->used && c < f->na * f->ni; c++)
        used += f->used[c];
    return (h ^ used) * 0x100000001b3ull;
}

/* Records round r's state of slot k; returns the period p >= 2 when it
 * equals the state p rounds before (0 when not). */
static unsigned ring_push(parley_forecast_t *f, size_t k, unsigned r)
{
    uint64_t h = state_hash(f, k), *ring = f->ring + k * FC_RING;
    unsigned period = 0;
    for (unsigned p = 2; p <= PARLEY_FC_CYCLE_MAX && p <= r && !period; p++)
        if (ring[(r - p) % FC_RING] == h)
            period = p;
    ring[r % FC_RING] = h;
    return period;
}

static void ring_value(parley_forecast_t *f, size_t j, unsigned r)
{
    f->ringv[j * FC_RING + r % FC_RING] = f->value[j];
}

/* Issue j cycles with period p ending at round r: keeps the cycle's
 * forecasts and reports their mean. */
static void close_cycle(parley_forecast_t *f, size_t j, unsigned p, unsigned r)
{
    double sum = 0.0;
    for (unsigned q = 0; q < p; q++) {
        double v = f->ringv[j * FC_RING + (r - p + 1 + q) % FC_RING];
        f->cyc[j * FC_RING + q] = v;
        sum += v;
    }
    f->value[j] = sum / p;
    f->period[j] = p;
    f->stop[j] = PARLEY_FC_CYCLE;
    f->moving[j] = 0;
}

static parley_status_t check_problem(parley_ctx_t *ctx, const parley_fc_problem_t *p)
{
    char b1[FC_NAME_CAP], b2[FC_NAME_CAP];
    const char *const *aid = (const char *const *)p->actor_ids;
    const char *const *iid = (const char *const *)p->issue_ids;
    for (size_t i = 0; i < p->n_actors; i++)
        if (!(p->capability[i] > 0.0 && isfinite(p->capability[i])))
            return parley__fail(ctx, PARLEY_EINPUT, "%s: capability must be > 0, got %g",
                                parley__fc_name(aid, "actor", i, b1, sizeof b1),
                                p->capability[i]);
    for (size_t j = 0; j < p->n_issues; j++) {
        if (!(p->lo[j] < p->hi[j] && isfinite(p->lo[j]) && isfinite(p->hi[j])))
            return parley__fail(ctx, PARLEY_EINPUT, "%s: the scale must have lo < hi",
                                parley__fc_name(iid, "issue", j, b2, sizeof b2));
        double sq = p->status_quo[j];
        if (!isnan(sq) && !(sq >= p->lo[j] && sq <= p->hi[j]))
            return parley__fail(ctx, PARLEY_EINPUT, "%s: status quo %g outside the scale",
                                parley__fc_name(iid, "issue", j, b2, sizeof b2), sq);
        for (size_t i = 0; i < p->n_actors; i++) {
            double x = p->position[i * p->n_issues + j], s = p->salience[i * p->n_issues + j];
            if (!isnan(x) && !(x >= p->lo[j] && x <= p->hi[j]))
                return parley__fail(ctx, PARLEY_EINPUT,
                                    "%s, %s: position %g outside the scale",
                                    parley__fc_name(aid, "actor", i, b1, sizeof b1),
                                    parley__fc_name(iid, "issue", j, b2, sizeof b2), x);
            if (!(s >= 0.0 && s <= 1.0))
                return parley__fail(ctx, PARLEY_EINPUT,
                                    "%s, %s: salience %g outside [0,1]",
                                    parley__fc_name(aid, "actor", i, b1, sizeof b1),
                                    parley__fc_name(iid, "issue", j, b2, sizeof b2), s);
        }
    }
    return PARLEY_OK;
}

static parley_forecast_t *alloc_forecast(size_t na, size_t ni)
{
    parley_forecast_t *f = parley__calloc(1, sizeof *f);
    if (!f)
        return NULL;
    size_t cells = na * ni + 1, a = na + 1, i = ni + 1;
    f->na = na;
    f->ni = ni;
    f->cap = parley__malloc(a * sizeof(double));
    f->ideal = parley__malloc(cells * sizeof(double));
    f->x = parley__malloc(cells * sizeof(double));
    f->sal = parley__malloc(cells * sizeof(double));
    f->lo = parley__malloc(6 * i * sizeof(double));
    f->moving = parley__calloc(i, 1);
    f->part = parley__calloc(i, sizeof(size_t));
    f->cx = parley__malloc(4 * a * sizeof(double));
    f->scr = parley__malloc(FC_SCRATCH * a * sizeof(double));
    f->keyed = parley__malloc(a * sizeof(fc_keyed_t));
    f->stop = parley__calloc(i, 1);
    f->irounds = parley__calloc(2 * i, sizeof(unsigned));
    f->ring = parley__calloc((ni + 1) * FC_RING, sizeof(uint64_t));
    f->ringv = parley__calloc(2 * i * FC_RING, sizeof(double));
    if (!f->cap || !f->ideal || !f->x || !f->sal || !f->lo || !f->moving || !f->part || !f->cx ||
        !f->scr || !f->keyed || !f->stop || !f->irounds || !f->ring || !f->ringv) {
        parley_forecast_destroy(f);
        return NULL;
    }
    f->hi = f->lo + i;
    f->sq = f->hi + i;
    f->range = f->sq + i;
    f->value = f->range + i;
    f->period = f->irounds + i;
    f->cyc = f->ringv + i * FC_RING;
    f->cc = f->cx + a;
    f->cs = f->cc + a;
    f->c0 = f->cs + a;
    return f;
}

/* Copies p into f (issue-major) and records each issue's spread. */
static void fill(parley_forecast_t *f, const parley_fc_problem_t *p)
{
    size_t na = f->na, ni = f->ni;
    memcpy(f->cap, p->capability, na * sizeof(double));
    for (size_t j = 0; j < ni; j++) {
        f->lo[j] = p->lo[j];
        f->hi[j] = p->hi[j];
        f->sq[j] = p->status_quo[j];
        double mn = HUGE_VAL, mx = -HUGE_VAL;
        for (size_t i = 0; i < na; i++) {
            double x = p->position[i * ni + j];
            f->ideal[j * na + i] = f->x[j * na + i] = x;
            f->sal[j * na + i] = isnan(x) ? 0.0 : p->salience[i * ni + j];
            if (!isnan(x)) {
                f->part[j]++;
                mn = x < mn ? x : mn;
                mx = x > mx ? x : mx;
            }
        }
        f->range[j] = f->part[j] ? mx - mn : 0.0;
    }
}

/* Copies p's category issues into f and takes them off the scale: their
 * positions become NaN so that no spatial model moves them, and their
 * spread 0 so that no iterative model rounds them. The SMP keeps every
 * issue a scale (KTAB's model). */
static parley_status_t fill_categories(parley_forecast_t *f, const parley_fc_problem_t *p)
{
    size_t cells = 0, na = f->na, ni = f->ni;
    for (size_t j = 0; p->n_options && j < ni; j++)
        cells += p->n_options[j];
    if (cells == 0 || f->model == PARLEY_MODEL_SMP)
        return PARLEY_OK;
    f->ncat = parley__malloc(2 * ni * sizeof(size_t));
    f->cval = parley__malloc(cells * (na ? na : 1) * sizeof(double));
    f->crank = parley__malloc(cells * sizeof(size_t));
    if (!f->ncat || !f->cval || !f->crank)
        return PARLEY_ENOMEM;
    f->cat_at = f->ncat + ni;
    memcpy(f->ncat, p->n_options, ni * sizeof(size_t));
    memcpy(f->cat_at, p->cat_at, ni * sizeof(size_t));
    memcpy(f->cval, p->values, cells * na * sizeof(double));
    memcpy(f->crank, p->rank, cells * sizeof(size_t));
    for (size_t j = 0; j < ni; j++) {
        if (!f->ncat[j])
            continue;
        if (p->n_options[j] > 64)
            return PARLEY_ELIMIT;
        for (size_t i = 0; i < na; i++)
            f->x[j * na + i] = f->ideal[j * na + i] = (double)NAN;
        f->range[j] = 0.0;
    }
    return PARLEY_OK;
}

static int iterative(parley_model_t m)
{
    return m == PARLEY_MODEL_EUM || m == PARLEY_MODEL_CONDORCET || m == PARLEY_MODEL_EXCHANGE;
}

/* The SMP works on all issues at once (smp.c). */
static parley_status_t create_smp(parley_ctx_t *ctx, parley_forecast_t *f, parley_forecast_t **out)
{
    parley_status_t st = parley__smp_create(ctx, f);
    f->aid = f->iid = NULL; /* the problem's ids are not kept */
    if (st) {
        parley_forecast_destroy(f);
        return st;
    }
    f->done = f->prm.max_rounds == 0;
    memset(f->stop, f->done ? PARLEY_FC_MAX_ROUNDS : PARLEY_FC_MOVING, f->ni);
    *out = f;
    parley__ok(ctx);
    return PARLEY_OK;
}

parley_status_t parley_forecast_create(parley_ctx_t *ctx, const parley_fc_problem_t *p,
                                       parley_model_t m, const parley_fc_params_t *params,
                                       parley_forecast_t **out)
{
    parley_status_t st;
    if ((unsigned)m >= PARLEY_MODEL_COUNT)
        return parley__fail(ctx, PARLEY_EARG, "unknown model %d", (int)m);
    if ((st = parley_fc_params_check(ctx, params)) || (st = check_problem(ctx, p)))
        return st;
    if (m == PARLEY_MODEL_CONDORCET && p->n_actors > 1024)
        return parley__fail(ctx, PARLEY_ELIMIT, "the Condorcet model takes at most 1024 actors");
    parley_forecast_t *f = alloc_forecast(p->n_actors, p->n_issues);
    if (f && m == PARLEY_MODEL_CONDORCET)
        f->mat = parley__malloc((p->n_actors * p->n_actors + 1) * sizeof(double));
    if (f && m == PARLEY_MODEL_EXCHANGE)
        f->used = parley__calloc(p->n_actors * p->n_issues + 1, 1);
    if (!f || (m == PARLEY_MODEL_CONDORCET && !f->mat) || (m == PARLEY_MODEL_EXCHANGE && !f->used)) {
        parley_forecast_destroy(f);
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    f->model = m;
    f->prm = *params;
    f->aid = (const char *const *)p->actor_ids; /* messages only; cleared below */
    f->iid = (const char *const *)p->issue_ids;
    fill(f, p);
    if ((st = fill_categories(f, p))) {
        parley_forecast_destroy(f);
        return parley__fail(ctx, st, st == PARLEY_ENOMEM ? "out of memory"
                                                         : "an issue has more than 64 options");
    }
    if (m == PARLEY_MODEL_SMP)
        return create_smp(ctx, f, out);
    int any = 0;
    for (size_t j = 0; j < f->ni; j++) {
        f->value[j] = evaluate(f, j);
        f->moving[j] = iterative(m) && f->part[j] > 1 && f->range[j] > 0.0 && !isnan(f->value[j]);
        f->stop[j] = f->moving[j] ? (params->max_rounds ? PARLEY_FC_MOVING : PARLEY_FC_MAX_ROUNDS)
                                  : PARLEY_FC_CONVERGED;
        any |= f->moving[j];
        ring_push(f, j, 0);
        ring_value(f, j, 0);
    }
    ring_push(f, f->ni, 0);
    f->done = !any || params->max_rounds == 0;
    f->aid = f->iid = NULL; /* the problem's ids are not kept */
    *out = f;
    parley__ok(ctx);
    return PARLEY_OK;
}

void parley_forecast_destroy(parley_forecast_t *f)
{
    if (!f)
        return;
    parley__free(f->cap);
    parley__free(f->ideal);
    parley__free(f->x);
    parley__free(f->sal);
    parley__free(f->lo);
    parley__free(f->moving);
    parley__free(f->part);
    parley__free(f->cx);
    parley__free(f->scr);
    parley__free(f->keyed);
    parley__free(f->stop);
    parley__free(f->irounds);
    parley__free(f->ring);
    parley__free(f->ringv);
    parley__free(f->ncat);
    parley__free(f->cval);
    parley__free(f->crank);
    parley__free(f->mat);
    parley__free(f->used);
    parley__smp_free(f->smp);
    parley__free(f);
}

static parley_status_t step_exchange(parley_ctx_t *ctx, parley_forecast_t *f)
{
    size_t trades = 0;
    parley_status_t st = parley__exchange_round(ctx, f, &trades);
    if (st)
        return st;
    double shift = 0.0;
    unsigned r = f->rounds + 1;
    for (size_t j = 0; j < f->ni; j++) {
        double v = evaluate(f, j);
        if (f->range[j] > 0.0 && !isnan(v))
            shift = fmax(shift, fabs(v - f->value[j]) / f->range[j]);
        f->value[j] = v;
        ring_value(f, j, r);
        f->irounds[j] += f->moving[j];
    }
    unsigned p = ring_push(f, f->ni, r); /* the issues move together: one state */
    for (size_t j = 0; j < f->ni; j++) {
        if (!f->moving[j])
            continue;
        if (trades == 0 || shift <= f->prm.tol) {
            f->moving[j] = 0;
            f->stop[j] = PARLEY_FC_CONVERGED;
        } else if (p) {
            close_cycle(f, j, p, r);
        }
    }
    return PARLEY_OK;
}

parley_status_t parley_forecast_step(parley_ctx_t *ctx, parley_forecast_t *f, int *done)
{
    if (!f->done && f->model == PARLEY_MODEL_SMP) {
        int why = parley__smp_step(f);
        f->done = why != 0;
        f->rounds++;
        for (size_t j = 0; j < f->ni; j++) {
            f->irounds[j] = f->rounds;
            f->stop[j] = why == 1 ? PARLEY_FC_CONVERGED
                                  : why == 2 ? PARLEY_FC_MAX_ROUNDS : PARLEY_FC_MOVING;
        }
    } else if (!f->done) {
        if (f->model == PARLEY_MODEL_EXCHANGE) {
            parley_status_t st = step_exchange(ctx, f);
            if (st)
                return st;
        } else {
            for (size_t j = 0; j < f->ni; j++) {
                if (!f->moving[j])
                    continue;
                double before = f->value[j];
                unsigned r = f->rounds + 1;
                f->value[j] = round_issue(f, j);
                f->irounds[j]++;
                ring_value(f, j, r);
                unsigned p = ring_push(f, j, r);
                if (fabs(f->value[j] - before) <= f->prm.tol * f->range[j]) {
                    f->moving[j] = 0;
                    f->stop[j] = PARLEY_FC_CONVERGED;
                } else if (p) {
                    close_cycle(f, j, p, r);
                }
            }
        }
        f->rounds++;
        int any = 0;
        for (size_t j = 0; j < f->ni; j++)
            any |= f->moving[j];
        f->done = !any || f->rounds >= f->prm.max_rounds;
        for (size_t j = 0; j < f->ni && f->done; j++)
            if (f->moving[j]) /* max_rounds ran out while it still moved */
                f->stop[j] = PARLEY_FC_MAX_ROUNDS;
    }
    *done = f->done;
    parley__ok(ctx);
    return PARLEY_OK;
}

parley_status_t parley_forecast_run(parley_ctx_t *ctx, parley_forecast_t *f)
{
    int done = f->done;
    while (!done) {
        parley_status_t st = parley_forecast_step(ctx, f, &done);
        if (st)
            return st;
    }
    return PARLEY_OK;
}

int parley_forecast_done(const parley_forecast_t *f) { return f->done; }
unsigned parley_forecast_rounds(const parley_forecast_t *f) { return f->rounds; }

double parley_forecast_value(const parley_forecast_t *f, size_t j)
{
    return j < f->ni ? f->value[j] : (double)NAN;
}

size_t parley_forecast_participants(const parley_forecast_t *f, size_t j)
{
    return j < f->ni ? f->part[j] : 0;
}

double parley_forecast_probability(const parley_forecast_t *f, size_t i)
{
    return f->smp ? parley__smp_probability(f->smp, i) : (double)NAN;
}

const double *parley_forecast_positions(const parley_forecast_t *f, size_t j)
{
    return j < f->ni ? f->x + j * f->na : NULL;
}

parley_fc_stop_t parley_forecast_stop(const parley_forecast_t *f, size_t j)
{
    return j < f->ni ? (parley_fc_stop_t)f->stop[j] : PARLEY_FC_CONVERGED;
}

const char *parley_fc_stop_name(parley_fc_stop_t s)
{
    static const char *const NAMES[] = {"moving", "converged", "cycle", "max-rounds"};
    return (unsigned)s <= PARLEY_FC_MAX_ROUNDS ? NAMES[s] : "?";
}

unsigned parley_forecast_issue_rounds(const parley_forecast_t *f, size_t j)
{
    return j < f->ni ? f->irounds[j] : 0;
}

unsigned parley_forecast_period(const parley_forecast_t *f, size_t j)
{
    return j < f->ni ? f->period[j] : 0;
}

const double *parley_forecast_cycle(const parley_forecast_t *f, size_t j)
{
    return j < f->ni && f->period[j] ? f->cyc + j * FC_RING : NULL;
}

int parley_forecast_smp_turn(const parley_forecast_t *f, size_t i, size_t *challenged,
                             size_t *initiator, size_t *receiver)
{
    return f->smp ? parley__smp_record(f->smp, i, challenged, initiator, receiver) : 0;
}
