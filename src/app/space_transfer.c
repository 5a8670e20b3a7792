/*
 * space_transfer.c — `parley space` with side payments: which frontier
 * packages become acceptable with a transfer within the channels' limits,
 * and the cheapest such transfer (docs/agreement-space.md, "Transfers").
 *
 * Transfers only add to what the receivers get, so if a package is
 * acceptable with transfer t, a package every actor likes at least as much
 * is acceptable with the same t: the packages acceptable with some
 * transfer are the ones at or below the Pareto frontier of the packages
 * that could be (utility >= BATNA minus the most the actor could receive,
 * red lines enforced), and the cheapest transfer is at a frontier point.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "space.h"
#include "transfer_out.h"

static size_t used_channels(const space_job_t *j)
{
    size_t used = 0, n = parley_space_actor_count(j->sp);
    for (size_t k = 0; k < parley_scenario_transfer_count(j->s); k++) {
        const parley_transfer_t *t = parley_scenario_transfer(j->s, k);
        int from = 0, to = 0;
        for (size_t a = 0; a < n; a++) {
            from |= parley_space_actor(j->sp, a) == t->from;
            to |= parley_space_actor(j->sp, a) == t->to;
        }
        used += from && to;
    }
    return used;
}

parley_status_t space_transfers_analyse(space_run_t *r)
{
    space_job_t *j = r->job;
    space_transfers_t *tr = &r->tr;
    tr->best = (size_t)-1;
    if (!used_channels(j))
        return PARLEY_OK;
    size_t n = parley_space_actor_count(j->sp), m = parley_space_issue_count(j->sp);
    parley_util_t *res = malloc((n ? n : 1) * sizeof *res);
    tr->pkg = malloc((m ? m : 1) * sizeof *tr->pkg);
    if (!res || !tr->pkg) {
        free(res);
        return parley_ctx_fail(j->ctx, PARLEY_ENOMEM, "out of memory");
    }
    parley_transfer_relaxed(j->sp, res);
    parley_constraints_t c = {res, j->cons.red, j->cons.rules};
    parley_status_t rc = PARLEY_OK;
    tr->f = space_frontier(j, &c, &rc);
    free(res);
    if (!tr->f)
        return rc;
    tr->ran = 1;
    tr->points = parley_frontier_points(tr->f);
    parley_transfer_plan_t plan;
    for (size_t k = 0; k < tr->points; k++) {
        parley_transfer_space(j->sp, parley_frontier_utilities(tr->f, k), NULL, &plan);
        if (plan.status == PARLEY_TRANSFER_INEXACT)
            tr->inexact++;
        if (plan.status != PARLEY_TRANSFER_FOUND)
            continue;
        tr->feasible++;
        if (tr->best == (size_t)-1 || parley_transfer_plan_cmp(&plan, &tr->plan) < 0) {
            tr->best = k;
            tr->plan = plan;
        }
    }
    if (tr->best != (size_t)-1)
        space_point_package(tr->f, tr->best, tr->pkg);
    return PARLEY_OK;
}

void space_transfers_free(space_run_t *r)
{
    parley_frontier_destroy(r->tr.f);
    free(r->tr.pkg);
    r->tr.f = NULL;
    r->tr.pkg = NULL;
}

/* Utilities of the cheapest package per scenario actor (NAN: not taking part). */
static double *before_of(const space_run_t *r)
{
    const space_job_t *j = r->job;
    size_t N = parley_scenario_actor_count(j->s), n = parley_space_actor_count(j->sp);
    double *before = malloc((N ? N : 1) * sizeof *before);
    if (!before)
        return NULL;
    for (size_t i = 0; i < N; i++)
        before[i] = (double)NAN;
    const parley_util_t *u = parley_frontier_utilities(r->tr.f, r->tr.best);
    for (size_t a = 0; a < n; a++)
        before[parley_space_actor(j->sp, a)] = parley_space_value(j->sp, a, u[a]);
    return before;
}

void space_transfers_text(parley_buf_t *b, const space_run_t *r)
{
    const space_job_t *j = r->job;
    const space_transfers_t *tr = &r->tr;
    if (!parley_scenario_transfer_count(j->s))
        return;
    parley_buf_printf(b, "\n%sSide payments%s (%zu channel%s:", j->sty.bold, j->sty.reset,
                      parley_scenario_transfer_count(j->s),
                      parley_scenario_transfer_count(j->s) == 1 ? "" : "s");
    for (size_t k = 0; k < parley_scenario_transfer_count(j->s); k++) {
        const parley_transfer_t *t = parley_scenario_transfer(j->s, k);
        char mx[32];
        parley_format_number(t->max, mx);
        parley_buf_printf(b, "%s %s %s->%s up to %s %s", k ? ";" : "", t->id,
                          parley_scenario_actor(j->s, t->from)->id,
                          parley_scenario_actor(j->s, t->to)->id, mx, t->unit);
    }
    parley_buf_puts(b, ")\n");
    if (!tr->ran) {
        parley_buf_puts(b, "  no channel joins two actors taking part: transfers not "
                           "considered\n");
        return;
    }
    int without = parley_frontier_points(r->f) > 0;
    parley_buf_printf(b, "  without transfers: %s\n",
                      without ? "a deal exists" : "no deal (see above)");
    parley_buf_printf(b, "  with transfers: %zu of %zu candidate point%s acceptable to every "
                         "actor with some transfer within the limits (candidates: the Pareto "
                         "frontier of the packages the most each actor could receive might lift "
                         "to its BATNA)\n",
                      tr->feasible, tr->points, tr->points == 1 ? "" : "s");
    if (tr->inexact)
        parley_buf_printf(b, "  %swarning%s: %zu point%s not decided (the exact arithmetic did "
                             "not fit 128 bits)\n",
                          j->sty.yellow, j->sty.reset, tr->inexact, tr->inexact == 1 ? "" : "s");
    if (tr->best == (size_t)-1) {
        parley_buf_printf(b, "  %sno deal even with transfers%s: no package, with any transfer "
                             "within the channels' limits, lifts every actor to its BATNA "
                             "without sinking a payer below its own\n",
                          j->sty.red, j->sty.reset);
        return;
    }
    if (without) {
        parley_buf_puts(b, "  a deal exists without them: the cheapest transfer is none\n");
        return;
    }
    parley_buf_printf(b, "  %sa deal exists with transfers%s; the cheapest (least utility paid, "
                         "then fewest units) is on the package\n",
                      j->sty.green, j->sty.reset);
    for (size_t i = 0; i < parley_space_issue_count(j->sp); i++) {
        char opt[128];
        space_option_text(j->sp, i, r->tr.pkg[i], opt, sizeof opt);
        parley_buf_printf(b, "    %-20s %s\n", parley_scenario_issue(j->s, i)->id, opt);
    }
    double *before = before_of(r);
    transfer_plan_text(b, j->s, &tr->plan, before, "  ", &j->sty);
    free(before);
}

void space_transfers_json(parley_json_t *js, const space_run_t *r)
{
    const space_job_t *j = r->job;
    const space_transfers_t *tr = &r->tr;
    if (!parley_scenario_transfer_count(j->s))
        return;
    parley_json_key(js, "transfers");
    parley_json_object_begin(js);
    parley_json_key(js, "channels");
    transfer_channels_json(js, j->s);
    parley_json_key(js, "considered");
    parley_json_bool(js, tr->ran);
    parley_json_key(js, "deal_without");
    parley_json_bool(js, parley_frontier_points(r->f) > 0);
    parley_json_key(js, "deal_with");
    parley_json_bool(js, tr->best != (size_t)-1);
    parley_json_key(js, "frontier_points");
    parley_json_int(js, (long long)tr->points);
    parley_json_key(js, "acceptable_with_transfer");
    parley_json_int(js, (long long)tr->feasible);
    parley_json_key(js, "inexact");
    parley_json_int(js, (long long)tr->inexact);
    parley_json_key(js, "cheapest");
    if (tr->best == (size_t)-1) {
        parley_json_null(js);
    } else {
        parley_json_object_begin(js);
        parley_json_key(js, "package");
        space_json_package(js, j->sp, tr->pkg);
        double *before = before_of(r);
        parley_json_key(js, "transfer");
        transfer_plan_json(js, j->s, &tr->plan, before);
        free(before);
        parley_json_object_end(js);
    }
    parley_json_object_end(js);
}
