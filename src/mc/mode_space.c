/*
 * mode_space.c — Monte Carlo over the agreement space: for each draw, is
 * there a package every actor prefers to its BATNA without crossing a red
 * line (a ZOPA), and which deal a bargaining solution (Nash by default)
 * picks on the exact frontier. Also the deal stats the simulator shares.
 */
#include <math.h>
#include <stdio.h>
#include "mcint.h"

size_t parley__mc_add_actor_stat(const parley_scenario_t *s, mc_layout_t *L,
                                 parley_mc_group_t g, const char *key)
{
    size_t na = parley_scenario_actor_count(s);
    const char **names = parley__calloc(na ? na : 1, sizeof *names);
    if (!names || !parley__mc_keep(L, (void *)names))
        return (size_t)-1;
    for (size_t i = 0; i < na; i++)
        names[i] = parley_scenario_actor(s, i)->id;
    parley_mc_stat_t p = {.group = g, .kind = PARLEY_MC_CATEGORIES, .actor = (size_t)-1,
                          .issue = (size_t)-1, .model = -1, .n_categories = na, .names = names};
    return parley__mc_add_stat(L, &p, key);
}

/* The stat of issue j's position (group g): a discrete issue's options or a
 * continuous issue's scale. */
size_t parley__mc_add_issue_stat(const parley_scenario_t *s, mc_layout_t *L,
                                 parley_mc_group_t g, size_t j, int model, const char *key)
{
    const parley_issue_t *is = parley_scenario_issue(s, j);
    parley_mc_stat_t p = {.group = g, .actor = (size_t)-1, .issue = j, .model = model,
                          .lo = is->lo, .hi = is->hi};
    if (is->kind == PARLEY_ISSUE_DISCRETE) {
        const char **names = parley__calloc(is->n_options, sizeof *names);
        if (!names || !parley__mc_keep(L, (void *)names))
            return (size_t)-1;
        for (size_t k = 0; k < is->n_options; k++)
            names[k] = is->options[k].id;
        p.kind = PARLEY_MC_CATEGORIES;
        p.n_categories = is->n_options;
        p.names = names;
    } else {
        p.kind = PARLEY_MC_VALUES;
    }
    return parley__mc_add_stat(L, &p, key);
}

parley_status_t parley__mc_layout_deal(const parley_scenario_t *s, mc_layout_t *L)
{
    size_t ni = parley_scenario_issue_count(s), na = parley_scenario_actor_count(s);
    char key[256];
    for (size_t j = 0; j < ni; j++) {
        snprintf(key, sizeof key, "terms.%s", parley_scenario_issue(s, j)->id);
        size_t k = parley__mc_add_issue_stat(s, L, PARLEY_MCG_TERMS, j, -1, key);
        if (k == (size_t)-1)
            return PARLEY_ENOMEM;
        if (j == 0)
            L->at[PARLEY_MCG_TERMS] = k;
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < na; i++) {
            const parley_actor_t *a = parley_scenario_actor(s, i);
            parley_mc_stat_t p = {.group = pass ? PARLEY_MCG_SURPLUS : PARLEY_MCG_UTILITY,
                                  .kind = PARLEY_MC_VALUES, .actor = i, .issue = (size_t)-1,
                                  .model = -1, .lo = pass ? -1.0 : 0.0, .hi = 1.0};
            snprintf(key, sizeof key, "%s.%s", pass ? "surplus" : "utility", a->id);
            size_t k = parley__mc_add_stat(L, &p, key);
            if (k == (size_t)-1)
                return PARLEY_ENOMEM;
            if (i == 0)
                L->at[p.group] = k;
        }
    return PARLEY_OK;
}

/* A position on issue stat k: a discrete option index or a scale value. */
static void record_position(const mc_layout_t *L, uint64_t *cells, size_t k, double x)
{
    if (isnan(x))
        return;
    if (L->stats[k].kind == PARLEY_MC_CATEGORIES)
        parley__mc_count(L, cells, k, (size_t)llround(x < 0.0 ? 0.0 : x));
    else
        parley__mc_value(L, cells, k, x);
}

void parley__mc_record_deal(const mc_layout_t *L, size_t n_issues, size_t n_actors,
                            uint64_t *cells, const mc_outcome_t *r)
{
    for (size_t j = 0; r->terms && j < n_issues; j++)
        record_position(L, cells, L->at[PARLEY_MCG_TERMS] + j, r->terms[j]);
    for (size_t i = 0; r->utility && i < n_actors; i++) {
        parley__mc_value(L, cells, L->at[PARLEY_MCG_UTILITY] + i, r->utility[i]);
        parley__mc_value(L, cells, L->at[PARLEY_MCG_SURPLUS] + i, r->utility[i] - r->batna[i]);
    }
}

/* ---- The evaluator. */
typedef struct space_state {
    double *terms, *utility, *batna;
    uint32_t *opt;
} space_state_t;

static parley_status_t space_open(mc_worker_t *w)
{
    size_t ni = parley_scenario_issue_count(w->s), na = parley_scenario_actor_count(w->s);
    space_state_t *st = parley__calloc(1, sizeof *st);
    if (!st)
        return parley__fail(w->ctx, PARLEY_ENOMEM, "montecarlo: out of memory");
    w->state = st;
    st->terms = parley__calloc(ni + 1, sizeof *st->terms);
    st->utility = parley__calloc(na + 1, sizeof *st->utility);
    st->batna = parley__calloc(na + 1, sizeof *st->batna);
    st->opt = parley__calloc(ni + 1, sizeof *st->opt);
    if (!st->terms || !st->utility || !st->batna || !st->opt)
        return parley__fail(w->ctx, PARLEY_ENOMEM, "montecarlo: out of memory");
    return PARLEY_OK;
}

static void space_close(mc_worker_t *w)
{
    space_state_t *st = w->state;
    parley__free(st->terms);
    parley__free(st->utility);
    parley__free(st->batna);
    parley__free(st->opt);
    parley__free(st);
    w->state = NULL;
}

/* The chosen solution's first package, its utilities. */
static void read_deal(const parley_space_t *sp, const parley_frontier_t *f, size_t k,
                      space_state_t *st, size_t ni, size_t na)
{
    const parley_util_t *u = parley_frontier_utilities(f, k);
    for (size_t i = 0; i < na; i++)
        st->utility[i] = parley_space_value(sp, i, u[i]);
    if (parley_frontier_point_packages(f, k, st->opt, 1) == 1)
        for (size_t j = 0; j < ni; j++)
            st->terms[j] = parley_space_position(sp, j, st->opt[j]);
    else
        for (size_t j = 0; j < ni; j++)
            st->terms[j] = (double)NAN;
}

static parley_status_t space_eval(mc_worker_t *w, mc_outcome_t *out)
{
    space_state_t *st = w->state;
    size_t ni = parley_scenario_issue_count(w->s), na = parley_scenario_actor_count(w->s);
    parley_space_options_t so;
    parley_space_options_init(&so);
    so.grid = w->o->grid;
    parley_frontier_options_t fo;
    parley_frontier_options_init(&fo);
    fo.max_bytes = (size_t)1 << 30; /* per worker */
    parley_space_t *sp = NULL;
    parley_frontier_t *f = NULL;
    parley_status_t s = parley_space_create(w->ctx, w->s, &so, &sp);
    /* An anytime frontier may miss the deal a draw allows: counted as "no
     * ZOPA", that would bias the probability, so such spaces are refused
     * (as amend and trades refuse them). */
    if (!s && parley_space_anytime(sp))
        s = parley__fail(w->ctx, PARLEY_EINPUT,
                            "%s: its linked issues form a cluster past the exact limit, so its "
                            "space is searched by the anytime frontier, which may miss a deal; "
                            "a Monte Carlo of the space would count those misses as no ZOPA. "
                            "Use --what simulate, or link fewer issues together "
                            "(docs/agreement-space.md, Linkage)",
                            parley_scenario_origin(w->s));
    if (!s)
        s = parley_frontier_create(w->ctx, sp, NULL, &fo, &f);
    if (!s)
        s = parley_frontier_run(w->ctx, f, NULL, NULL);
    if (!s) {
        for (size_t i = 0; i < na; i++)
            st->batna[i] = parley_scenario_actor(w->s, i)->batna;
        out->batna = st->batna;
        size_t k = parley_frontier_points(f) ? parley_frontier_solve(f, w->o->solution, NULL)
                                              : (size_t)-1;
        out->agreement = k != (size_t)-1;
        if (out->agreement) {
            read_deal(sp, f, k, st, ni, na);
            out->terms = st->terms;
            out->utility = st->utility;
        }
    }
    parley_frontier_destroy(f);
    parley_space_destroy(sp);
    return s;
}

static parley_status_t space_layout(const parley_scenario_t *s, const parley_mc_options_t *o,
                                    mc_layout_t *L)
{
    (void)o;
    static const char *const ZOPA[] = {"exists", "empty"};
    parley_mc_stat_t p = {.group = PARLEY_MCG_ZOPA, .kind = PARLEY_MC_CATEGORIES,
                          .actor = (size_t)-1, .issue = (size_t)-1, .model = -1,
                          .n_categories = 2, .names = ZOPA};
    if ((L->at[PARLEY_MCG_ZOPA] = parley__mc_add_stat(L, &p, "zopa")) == (size_t)-1)
        return PARLEY_ENOMEM;
    return parley__mc_layout_deal(s, L);
}

static void space_record(const mc_layout_t *L, const parley_mc_options_t *o, size_t ni,
                         size_t na, uint64_t *cells, const mc_outcome_t *r)
{
    (void)o;
    parley__mc_count(L, cells, L->at[PARLEY_MCG_ZOPA], r->agreement ? 0 : 1);
    if (r->agreement)
        parley__mc_record_deal(L, ni, na, cells, r);
}

const mc_mode_t parley__mc_mode_space = {space_open, space_eval, space_close, space_layout,
                                         space_record};
