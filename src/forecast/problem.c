/*
 * problem.c — what the forecasting models take in: their parameters (with
 * the published defaults), model names, and the one-dimensional problem a
 * scenario poses (one position, salience and capability per actor and
 * issue). Scenarios have at most thousands of actors and issues.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "fcint.h"
#include "parley/utility.h"

static const char *const MODEL_NAMES[PARLEY_MODEL_COUNT] = {
    "compromise", "median", "nash", "eum", "condorcet", "exchange", "smp"};

const char *parley_model_name(parley_model_t m)
{
    return (unsigned)m < PARLEY_MODEL_COUNT ? MODEL_NAMES[m] : "?";
}

parley_status_t parley_model_from_name(const char *name, parley_model_t *out)
{
    for (int m = 0; m < PARLEY_MODEL_COUNT; m++)
        if (name && strcmp(name, MODEL_NAMES[m]) == 0) {
            *out = (parley_model_t)m;
            return PARLEY_OK;
        }
    return PARLEY_ENOTFOUND;
}

void parley_fc_params_init(parley_fc_params_t *p)
{
    p->q = 1.0;
    p->risk = 1;
    p->offer = PARLEY_EUM_OFFER_LEAST;
    p->max_rounds = 100;
    p->tol = 0.001;
    p->gamma = 1.0;
    p->nash_salience = 0;
    memset(&p->smp, 0, sizeof p->smp); /* every enum's first value is KTAB's default */
    p->smp.seed = 1;
    p->conflict = PARLEY_EUM_CONFLICT_YIELD;
    p->security = PARLEY_EUM_SECURITY_ALL;
    p->tie_tol = 1e-9;
}

static parley_status_t smp_check(parley_ctx_t *ctx, const parley_smp_params_t *o)
{
    if ((unsigned)o->victory > PARLEY_SMP_VP_BINARY || (unsigned)o->pce > PARLEY_SMP_PCE_MARKOV_UNIFORM ||
        (unsigned)o->vote > PARLEY_SMP_VOTE_ASYM_PROSPECT ||
        (unsigned)o->risk_adjust > PARLEY_SMP_RADJ_FULL ||
        (unsigned)o->risk_range > PARLEY_SMP_RRANGE_MAX ||
        (unsigned)o->commit > PARLEY_SMP_COMMIT_FULL ||
        (unsigned)o->interp > PARLEY_SMP_INTERP_S2PMAX ||
        (unsigned)o->bargain > PARLEY_SMP_BARGAIN_PAIRWISE)
        return parley__fail(ctx, PARLEY_EARG, "an SMP option is out of range");
    return PARLEY_OK;
}

parley_status_t parley_fc_params_check(parley_ctx_t *ctx, const parley_fc_params_t *p)
{
    if (!(p->q >= 0.0 && p->q <= 1.0))
        return parley__fail(ctx, PARLEY_EARG, "Q must be in [0,1], got %g", p->q);
    if (!(p->tol >= 0.0 && p->tol < 1.0))
        return parley__fail(ctx, PARLEY_EARG, "the tolerance must be in [0,1), got %g", p->tol);
    if (!(p->gamma >= 1.0 && p->gamma <= 10.0))
        return parley__fail(ctx, PARLEY_EARG, "gamma must be in [1,10], got %g", p->gamma);
    if (p->max_rounds > 100000)
        return parley__fail(ctx, PARLEY_EARG, "at most 100000 rounds, got %u", p->max_rounds);
    if ((unsigned)p->offer > PARLEY_EUM_OFFER_STRONGEST)
        return parley__fail(ctx, PARLEY_EARG, "unknown offer rule %d", (int)p->offer);
    if ((unsigned)p->conflict > PARLEY_EUM_CONFLICT_NONE ||
        (unsigned)p->security > PARLEY_EUM_SECURITY_DISTINCT)
        return parley__fail(ctx, PARLEY_EARG, "unknown EUM conflict or security rule");
    if (!(p->tie_tol >= 0.0 && p->tie_tol <= 1e-3))
        return parley__fail(ctx, PARLEY_EARG, "the EUM tie tolerance must be in [0, 0.001], got %g",
                            p->tie_tol);
    return smp_check(ctx, &p->smp);
}

void parley_fc_problem_free(parley_fc_problem_t *p)
{
    parley__free(p->capability);
    parley__free(p->position);
    parley__free(p->salience);
    parley__free(p->lo);
    parley__free(p->hi);
    parley__free(p->status_quo);
    parley__free(p->n_options);
    parley__free(p->values);
    parley__free(p->rank);
    for (size_t k = 0; p->actor_ids && k < p->n_actors; k++)
        parley__free(p->actor_ids[k]);
    for (size_t k = 0; p->issue_ids && k < p->n_issues; k++)
        parley__free(p->issue_ids[k]);
    parley__free(p->actor_ids);
    parley__free(p->issue_ids);
    memset(p, 0, sizeof *p);
}

parley_status_t parley_fc_problem_init(parley_ctx_t *ctx, parley_fc_problem_t *p,
                                       size_t n_actors, size_t n_issues)
{
    memset(p, 0, sizeof *p);
    size_t cells = n_actors * n_issues;
    if (n_actors && cells / n_actors != n_issues)
        return parley__fail(ctx, PARLEY_ELIMIT, "%zu actors x %zu issues: too large", n_actors,
                            n_issues);
    p->capability = parley__malloc((n_actors ? n_actors : 1) * sizeof(double));
    p->position = parley__malloc((cells ? cells : 1) * sizeof(double));
    p->salience = parley__calloc(cells ? cells : 1, sizeof(double));
    p->lo = parley__calloc(n_issues ? n_issues : 1, sizeof(double));
    p->hi = parley__malloc((n_issues ? n_issues : 1) * sizeof(double));
    p->status_quo = parley__malloc((n_issues ? n_issues : 1) * sizeof(double));
    if (!p->capability || !p->position || !p->salience || !p->lo || !p->hi || !p->status_quo) {
        parley_fc_problem_free(p);
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    p->n_actors = n_actors;
    p->n_issues = n_issues;
    for (size_t i = 0; i < n_actors; i++)
        p->capability[i] = 1.0;
    for (size_t k = 0; k < cells; k++)
        p->position[k] = (double)NAN;
    for (size_t j = 0; j < n_issues; j++) {
        p->hi[j] = 1.0;
        p->status_quo[j] = (double)NAN;
    }
    return PARLEY_OK;
}

/* The first index of the largest of n values. */
static size_t argmax(const double *v, size_t n)
{
    size_t best = 0;
    for (size_t k = 1; k < n; k++)
        if (v[k] > v[best])
            best = k;
    return best;
}

/* An actor's one-dimensional position on an issue (docs/models.md). */
static double stance_position(const parley_issue_t *is, const parley_stance_t *st)
{
    switch (st->form) {
    case PARLEY_VALUE_IDEAL:
        return st->ideal;
    case PARLEY_VALUE_POINTS:
        return st->px[argmax(st->pv, st->n_points)];
    case PARLEY_VALUE_TABLE:
        return (double)argmax(st->table, is->n_options);
    default:
        return (double)NAN;
    }
}

/* Option k's rank among the issue's options in the order of their ids. */
static size_t id_rank(const parley_issue_t *is, size_t k)
{
    size_t r = 0;
    for (size_t m = 0; m < is->n_options; m++)
        r += strcmp(is->options[m].id, is->options[k].id) < 0;
    return r;
}

/* The category issues' option counts, values and ranks (see forecast.h). */
static parley_status_t categories(parley_ctx_t *ctx, const parley_scenario_t *s,
                                  parley_fc_problem_t *p)
{
    size_t na = p->n_actors, ni = p->n_issues, cells = 0;
    for (size_t j = 0; j < ni; j++) {
        const parley_issue_t *is = parley_scenario_issue(s, j);
        cells += is->kind == PARLEY_ISSUE_DISCRETE && !is->ordered ? is->n_options : 0;
    }
    if (cells == 0)
        return PARLEY_OK;
    p->n_options = parley__calloc(2 * ni, sizeof(size_t));
    p->values = parley__malloc(cells * (na ? na : 1) * sizeof(double));
    p->rank = parley__malloc(cells * sizeof(size_t));
    if (!p->n_options || !p->values || !p->rank)
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    p->cat_at = p->n_options + ni;
    size_t at = 0;
    for (size_t j = 0; j < ni; j++) {
        const parley_issue_t *is = parley_scenario_issue(s, j);
        if (is->kind != PARLEY_ISSUE_DISCRETE || is->ordered)
            continue;
        size_t no = is->n_options;
        p->n_options[j] = no;
        p->cat_at[j] = at;
        for (size_t k = 0; k < no; k++) {
            p->rank[at + k] = id_rank(is, k);
            for (size_t i = 0; i < na; i++)
                p->values[at * na + i * no + k] = parley_value(s, i, j, (double)k);
        }
        at += no;
    }
    return PARLEY_OK;
}

static char *copy(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = parley__malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

/* The actors' and issues' ids, for messages. */
static parley_status_t names(parley_ctx_t *ctx, const parley_scenario_t *s, parley_fc_problem_t *p)
{
    p->actor_ids = parley__calloc(p->n_actors + 1, sizeof(char *));
    p->issue_ids = parley__calloc(p->n_issues + 1, sizeof(char *));
    int ok = p->actor_ids && p->issue_ids;
    for (size_t i = 0; ok && i < p->n_actors; i++)
        ok = (p->actor_ids[i] = copy(parley_scenario_actor(s, i)->id)) != NULL;
    for (size_t j = 0; ok && j < p->n_issues; j++)
        ok = (p->issue_ids[j] = copy(parley_scenario_issue(s, j)->id)) != NULL;
    return ok ? PARLEY_OK : parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
}

const char *parley__fc_name(const char *const *ids, const char *what, size_t k, char *buf,
                            size_t cap)
{
    if (ids && ids[k])
        snprintf(buf, cap, "%s '%s'", what, ids[k]);
    else
        snprintf(buf, cap, "%s #%zu", what, k + 1);
    return buf;
}

parley_status_t parley_fc_problem_from_scenario(parley_ctx_t *ctx, const parley_scenario_t *s,
                                                parley_fc_problem_t *out)
{
    size_t na = parley_scenario_actor_count(s), ni = parley_scenario_issue_count(s);
    parley_fc_problem_t p;
    parley_status_t st = parley_fc_problem_init(ctx, &p, na, ni);
    if (st)
        return st;
    for (size_t i = 0; i < na; i++)
        p.capability[i] = parley_scenario_actor(s, i)->capability;
    if ((st = categories(ctx, s, &p)) || (st = names(ctx, s, &p))) {
        parley_fc_problem_free(&p);
        return st;
    }
    for (size_t j = 0; j < ni; j++) {
        const parley_issue_t *is = parley_scenario_issue(s, j);
        p.lo[j] = is->lo;
        p.hi[j] = is->hi;
        p.status_quo[j] = is->status_quo;
        for (size_t i = 0; i < na; i++) {
            const parley_stance_t *sn = parley_scenario_stance(s, i, j);
            p.position[i * ni + j] = stance_position(is, sn);
            p.salience[i * ni + j] = sn->form == PARLEY_VALUE_NONE ? 0.0 : sn->salience;
        }
    }
    *out = p;
    parley__ok(ctx);
    return PARLEY_OK;
}
