/*
 * space.c — what `parley space` and the API's space report: the zone of
 * possible agreement, the exact Pareto frontier of the acceptable packages,
 * the bargaining solutions, each actor's best and worst acceptable package
 * and, when no deal exists, what empties the zone. Output: space_out.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include "space.h"

void space_point_package(const parley_frontier_t *f, size_t k, uint32_t *opt)
{
    parley_frontier_point_packages(f, k, opt, 1);
}

static int has_deal(space_job_t *j, const parley_constraints_t *c, parley_frontier_t **keep,
                    parley_status_t *rc)
{
    parley_frontier_t *f = space_frontier(j, c, rc);
    if (!f)
        return -1;
    int deal = parley_frontier_points(f) > 0;
    if (keep)
        *keep = f;
    else
        parley_frontier_destroy(f);
    return deal;
}

/* Issues whose every option some actor's red line vetoes. */
static void find_vetoed(space_run_t *r)
{
    const parley_space_t *sp = r->job->sp;
    size_t n = parley_space_actor_count(sp), m = parley_space_issue_count(sp);
    for (size_t j = 0; j < m; j++) {
        size_t free_opts = 0;
        for (size_t k = 0; k < parley_space_option_count(sp, j); k++) {
            int v = 0;
            for (size_t a = 0; a < n; a++)
                v |= parley_space_vetoed(sp, j, k, a) && r->job->red[a * m + j];
            free_opts += !v;
        }
        if (free_opts == 0)
            r->vetoed_issues[r->n_vetoed++] = j;
    }
}

/* Per actor: ignore its BATNA; is there a deal, and how good for it at best? */
static parley_status_t diagnose_batnas(space_run_t *r, parley_util_t *res)
{
    space_job_t *j = r->job;
    size_t n = parley_space_actor_count(j->sp);
    parley_status_t rc = PARLEY_OK;
    for (size_t a = 0; a < n && !rc; a++) {
        for (size_t b = 0; b < n; b++)
            res[b] = b == a ? PARLEY_NO_RESERVATION : parley_space_batna(j->sp, b);
        parley_constraints_t c = {res, j->red, NULL};
        parley_frontier_t *f = NULL;
        int d = has_deal(j, &c, &f, &rc);
        if (d > 0) {
            r->diag[a].deal = 1;
            r->diag[a].best = parley_frontier_utilities(f, parley_frontier_best_for(f, a))[a];
        }
        parley_frontier_destroy(f);
    }
    return rc;
}

/* Each constraint and conditional red line on its own (linkage): does
 * dropping it make a deal? They count with the red lines against the 64. */
static parley_status_t diagnose_rules(space_run_t *r)
{
    space_job_t *j = r->job;
    size_t R = parley_scenario_rule_count(j->s), n = parley_space_actor_count(j->sp);
    if (!parley_space_linked(j->sp) || R == 0)
        return PARLEY_OK;
    unsigned char *rules = malloc(R);
    if (!rules)
        return parley_ctx_fail(j->ctx, PARLEY_ENOMEM, "out of memory");
    parley_status_t rc = PARLEY_OK;
    for (size_t k = 0; k < R && !rc; k++) {
        size_t actor = parley_scenario_rule(j->s, k)->actor, a = n;
        for (size_t b = 0; b < n; b++)
            if (parley_space_actor(j->sp, b) == actor)
                a = b;
        if (actor != (size_t)-1 && a == n)
            continue; /* a red line of an actor left out by --actors */
        if (++r->reds_tested > 64)
            break;
        memset(rules, 1, R);
        rules[k] = 0;
        parley_constraints_t c = {NULL, j->red, rules};
        if (has_deal(j, &c, NULL, &rc) > 0)
            r->reds[r->n_reds++] = (space_red_t){a, (size_t)-1, k, (size_t)-1};
    }
    free(rules);
    return rc;
}

/* Whether the scenario file, read again with its overrides and term k's
 * weight set to 0, has a deal on the same grid and actors. */
static int deal_without_term(space_job_t *j, size_t k)
{
    size_t n = parley_scenario_override_count(j->s);
    parley_override_t *ov = malloc((n + 1) * sizeof *ov);
    char path[PARLEY_MAX_OVERRIDE_PATH];
    snprintf(path, sizeof path, "terms.%s.weight", parley_scenario_term(j->s, k)->id);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_space_t *sp = NULL;
    parley_frontier_t *f = NULL;
    int deal = 0;
    if (ov && ctx) {
        for (size_t q = 0; q < n; q++)
            ov[q] = *parley_scenario_override(j->s, q);
        ov[n] = (parley_override_t){path, "0"};
        parley_space_options_t so;
        parley_space_options_init(&so);
        so.grid = j->grid;
        so.actors = j->actors;
        so.n_actors = j->n_actors;
        so.include = j->include;
        so.exact_only = 1;
        parley_constraints_t c = {NULL, j->red, NULL};
        if (!parley_scenario_load_file_with(ctx, j->file, ov, n + 1, &s) &&
            !parley_space_create(ctx, s, &so, &sp) &&
            !parley_frontier_create(ctx, sp, &c, &j->fo, &f) &&
            !parley_frontier_run(ctx, f, NULL, NULL))
            deal = parley_frontier_points(f) > 0;
    }
    parley_frontier_destroy(f);
    parley_space_destroy(sp);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    free(ov);
    return deal;
}

/* Each interaction term of an actor taking part on its own (linkage, a
 * scenario read from a file): would the deal exist with its weight 0?
 * They count with the red lines and rules against the 64. */
static void diagnose_terms(space_run_t *r)
{
    space_job_t *j = r->job;
    size_t n = parley_space_actor_count(j->sp);
    if (!parley_space_linked(j->sp) || !j->file)
        return;
    for (size_t k = 0; k < parley_scenario_term_count(j->s); k++) {
        size_t actor = parley_scenario_term(j->s, k)->actor, a = n;
        for (size_t b = 0; b < n; b++)
            if (parley_space_actor(j->sp, b) == actor)
                a = b;
        if (a == n)
            continue;
        if (++r->reds_tested > 64)
            return;
        if (deal_without_term(j, k))
            r->reds[r->n_reds++] = (space_red_t){a, (size_t)-1, (size_t)-1, k};
    }
}

/* Each red line on its own: does removing it make a deal? */
static parley_status_t diagnose_reds(space_run_t *r, unsigned char *mask)
{
    space_job_t *j = r->job;
    const parley_scenario_t *s = j->s;
    size_t n = parley_space_actor_count(j->sp), m = parley_space_issue_count(j->sp);
    parley_status_t rc = PARLEY_OK;
    for (size_t a = 0; a < n && !rc; a++)
        for (size_t i = 0; i < m && !rc; i++) {
            if (!parley_scenario_stance(s, parley_space_actor(j->sp, a), i)->has_red_line ||
                !j->red[a * m + i])
                continue;
            if (++r->reds_tested > 64)
                return PARLEY_OK; /* enough: the report says how many were tried */
            memcpy(mask, j->red, n * m);
            mask[a * m + i] = 0;
            parley_constraints_t c = {NULL, mask, NULL};
            if (has_deal(j, &c, NULL, &rc) > 0)
                r->reds[r->n_reds++] = (space_red_t){a, i, (size_t)-1, (size_t)-1};
        }
    return rc ? rc : diagnose_rules(r);
}

/* How far every BATNA would have to fall together: max over packages of the
 * smallest surplus, found as the egalitarian point without reservations. */
static parley_status_t diagnose_uniform(space_run_t *r, parley_util_t *res)
{
    space_job_t *j = r->job;
    size_t n = parley_space_actor_count(j->sp);
    for (size_t a = 0; a < n; a++)
        res[a] = PARLEY_NO_RESERVATION;
    parley_constraints_t c = {res, j->red, NULL};
    parley_status_t rc = PARLEY_OK;
    parley_frontier_t *f = space_frontier(j, &c, &rc);
    if (!f)
        return rc;
    for (size_t a = 0; a < n; a++)
        res[a] = parley_space_batna(j->sp, a);
    size_t k = parley_frontier_solve(f, PARLEY_EGALITARIAN, res);
    if (k != (size_t)-1) {
        const parley_util_t *u = parley_frontier_utilities(f, k);
        r->uniform = HUGE_VAL;
        for (size_t a = 0; a < n; a++) {
            double g = space_u(j->sp, a, u[a]) - space_batna(j->sp, a);
            r->uniform = g < r->uniform ? g : r->uniform;
        }
        r->uniform_known = 1;
    }
    parley_frontier_destroy(f);
    return PARLEY_OK;
}

static parley_status_t diagnose(space_run_t *r)
{
    size_t n = parley_space_actor_count(r->job->sp), m = parley_space_issue_count(r->job->sp);
    parley_util_t *res = malloc(n * sizeof *res);
    unsigned char *mask = malloc(n * m + 1);
    r->vetoed_issues = calloc(m + 1, sizeof *r->vetoed_issues);
    r->diag = calloc(n, sizeof *r->diag);
    r->reds = calloc(65, sizeof *r->reds);
    parley_status_t rc = PARLEY_ENOMEM;
    if (res && mask && r->vetoed_issues && r->diag && r->reds) {
        find_vetoed(r);
        rc = diagnose_batnas(r, res);
        if (!rc)
            rc = diagnose_reds(r, mask);
        if (!rc)
            diagnose_terms(r);
        if (!rc && r->n_vetoed == 0)
            rc = diagnose_uniform(r, res);
    } else {
        parley_ctx_fail(r->job->ctx, PARLEY_ENOMEM, "out of memory");
    }
    free(res);
    free(mask);
    return rc;
}

parley_status_t space_run_analyse(space_run_t *r)
{
    space_job_t *j = r->job;
    size_t n = parley_space_actor_count(j->sp), m = parley_space_issue_count(j->sp);
    parley_status_t rc = PARLEY_OK;
    if (!(r->f = space_frontier(j, &j->cons, &rc)))
        return rc;
    int any = parley_space_anytime(j->sp); /* no exact count, worst or diagnosis */
    parley_status_t st = any ? PARLEY_OK
                             : parley_space_count(j->ctx, j->sp, &j->cons, j->budget,
                                                  j->samples, j->seed, &r->zopa);
    if (st)
        return st;
    for (int k = 0; k < PARLEY_SOLUTION_COUNT; k++)
        r->sol[k] = parley_frontier_solve(r->f, (parley_solution_t)k, NULL);
    r->best = calloc(n * m + 1, sizeof *r->best);
    r->worst = calloc(n * m + 1, sizeof *r->worst);
    r->worst_exact = calloc(n, sizeof *r->worst_exact);
    r->worst_found = calloc(n, sizeof *r->worst_found);
    if (!r->best || !r->worst || !r->worst_exact || !r->worst_found)
        return parley_ctx_fail(j->ctx, PARLEY_ENOMEM, "out of memory");
    if (!any && (st = space_transfers_analyse(r)))
        return st;
    if (parley_frontier_points(r->f) == 0)
        return any ? PARLEY_OK : diagnose(r);
    for (size_t a = 0; a < n; a++) {
        space_point_package(r->f, parley_frontier_best_for(r->f, a), r->best + a * m);
        if (any)
            continue;
        r->worst_found[a] = parley_space_worst_for(j->sp, &j->cons, a, j->budget, r->worst + a * m,
                                                   &r->worst_exact[a]);
    }
    return PARLEY_OK;
}

void space_run_free(space_run_t *r)
{
    space_transfers_free(r);
    parley_frontier_destroy(r->f);
    free(r->best);
    free(r->worst);
    free(r->worst_exact);
    free(r->worst_found);
    free(r->vetoed_issues);
    free(r->diag);
    free(r->reds);
}
