/*
 * amend_transfer.c — `parley amend` with side payments (docs/agreement-space.md,
 * "Transfers"): the cheapest transfer for the proposal as it stands, and
 * the closest packages (fewest changed issues, then least total utility
 * shift, as amend's own) that some transfer within the channels' limits
 * makes acceptable to every actor, each with its cheapest transfer.
 *
 * Every package acceptable with a transfer meets the relaxed reservations
 * (BATNA minus the most the actor could receive), so amend's search under
 * those lists them in amend's order among others; the first three that
 * pass the exact program are the closest three acceptable with a transfer
 * when they are found among the RELAXED_MAX searched, or when the search
 * returned fewer (then it listed them all).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "space.h"
#include "transfer_out.h"

#define RELAXED_MAX 24

static int used_channels(const space_job_t *j)
{
    size_t n = parley_space_actor_count(j->sp);
    for (size_t k = 0; k < parley_scenario_transfer_count(j->s); k++) {
        const parley_transfer_t *t = parley_scenario_transfer(j->s, k);
        int from = 0, to = 0;
        for (size_t a = 0; a < n; a++) {
            from |= parley_space_actor(j->sp, a) == t->from;
            to |= parley_space_actor(j->sp, a) == t->to;
        }
        if (from && to)
            return 1;
    }
    return 0;
}

parley_status_t amend_transfers_compute(amend_run_t *r)
{
    space_job_t *j = r->job;
    if (!used_channels(j))
        return PARLEY_OK;
    size_t n = parley_space_actor_count(j->sp);
    r->tr_ran = 1;
    /* the proposal as it stands */
    int crossed = 0;
    for (size_t a = 0; a < n; a++)
        crossed |= r->crossed[a] != 0;
    crossed |= parley_space_broken_rule(j->sp, (size_t)-1, r->base, 0) != (size_t)-1;
    if (r->open) {
        memset(&r->tr_base, 0, sizeof r->tr_base);
        r->tr_base.status = PARLEY_TRANSFER_OPEN;
    } else if (crossed) {
        memset(&r->tr_base, 0, sizeof r->tr_base);
        r->tr_base.status = PARLEY_TRANSFER_RED_LINE;
    } else {
        parley_transfer_space(j->sp, r->ub, NULL, &r->tr_base);
    }
    /* the closest packages acceptable with a transfer */
    parley_util_t *res = malloc((n ? n : 1) * sizeof *res), u[1024];
    if (!res)
        return parley_ctx_fail(j->ctx, PARLEY_ENOMEM, "out of memory");
    parley_transfer_relaxed(j->sp, res);
    parley_constraints_t c = {res, j->cons.red, j->cons.rules};
    parley_status_t st =
        parley_space_amend(j->ctx, j->sp, &c, r->base, RELAXED_MAX, j->budget, &r->tr_am);
    free(res);
    if (st)
        return st;
    for (size_t k = 0; k < r->tr_am.n && r->tr_n < 3; k++) {
        parley_space_utilities(j->sp, r->tr_am.items[k].opt, u);
        parley_transfer_plan_t p;
        parley_transfer_space(j->sp, u, NULL, &p);
        if (p.status != PARLEY_TRANSFER_FOUND)
            continue;
        r->tr_keep[r->tr_n] = k;
        r->tr_plan[r->tr_n++] = p;
    }
    r->tr_complete = r->tr_am.exact && (r->tr_n == 3 || r->tr_am.n < RELAXED_MAX);
    return PARLEY_OK;
}

void amend_transfers_free(amend_run_t *r)
{
    parley_amend_result_free(&r->tr_am);
    memset(&r->tr_am, 0, sizeof r->tr_am);
}

/* Utilities of opt per scenario actor (NAN: not taking part). */
static double *before_of(const amend_run_t *r, const uint32_t *opt)
{
    const space_job_t *j = r->job;
    size_t N = parley_scenario_actor_count(j->s), n = parley_space_actor_count(j->sp);
    double *before = malloc((N ? N : 1) * sizeof *before);
    parley_util_t u[1024];
    if (!before)
        return NULL;
    for (size_t i = 0; i < N; i++)
        before[i] = (double)NAN;
    if (opt)
        parley_space_utilities(j->sp, opt, u);
    for (size_t a = 0; a < n; a++)
        before[parley_space_actor(j->sp, a)] = parley_space_value(j->sp, a, opt ? u[a] : r->ub[a]);
    return before;
}

void amend_transfers_text(parley_buf_t *b, const amend_run_t *r)
{
    const space_job_t *j = r->job;
    if (!r->tr_ran)
        return;
    parley_buf_printf(b, "\n%sWith side payments%s (docs/agreement-space.md, \"Transfers\")\n",
                      j->sty.bold, j->sty.reset);
    parley_buf_puts(b, "  as proposed: ");
    double *before = r->open ? NULL : before_of(r, NULL);
    transfer_plan_text(b, j->s, &r->tr_base, before, "", &j->sty);
    free(before);
    parley_buf_puts(b, "  closest packages acceptable with a transfer (fewest changed issues, "
                       "then least total utility shift):\n");
    if (!r->tr_n)
        parley_buf_printf(b, "    none%s\n",
                          r->tr_complete ? ": no package is, with any transfer within the limits"
                                         : " among the closest searched (not proven: --budget)");
    for (size_t k = 0; k < r->tr_n; k++) {
        const parley_amendment_t *it = &r->tr_am.items[r->tr_keep[k]];
        parley_buf_printf(b, "  %zu. changes %zu issue%s, total shift %.3f\n", k + 1, it->changed,
                          it->changed == 1 ? "" : "s",
                          parley_space_common_value(j->sp, it->shift));
        amend_change_lines(b, r, it->opt);
        double *bf = before_of(r, it->opt);
        transfer_plan_text(b, j->s, &r->tr_plan[k], bf, "       ", &j->sty);
        free(bf);
    }
    if (r->tr_n && !r->tr_complete)
        parley_buf_puts(b, "  (not proven the closest: fewer than 3 found among the closest "
                           "packages searched)\n");
}

void amend_transfers_json(parley_json_t *js, const amend_run_t *r)
{
    const space_job_t *j = r->job;
    if (!r->tr_ran)
        return;
    parley_json_key(js, "transfers");
    parley_json_object_begin(js);
    parley_json_key(js, "as_proposed");
    double *before = r->open ? NULL : before_of(r, NULL);
    transfer_plan_json(js, j->s, &r->tr_base, before);
    free(before);
    parley_json_key(js, "complete");
    parley_json_bool(js, r->tr_complete);
    parley_json_key(js, "amendments");
    parley_json_array_begin(js);
    for (size_t k = 0; k < r->tr_n; k++) {
        const parley_amendment_t *it = &r->tr_am.items[r->tr_keep[k]];
        parley_json_object_begin(js);
        parley_json_key(js, "changed");
        parley_json_int(js, (long long)it->changed);
        parley_json_key(js, "shift");
        parley_json_number(js, parley_space_common_value(j->sp, it->shift));
        parley_json_key(js, "package");
        space_json_package(js, j->sp, it->opt);
        parley_json_key(js, "transfer");
        double *bf = before_of(r, it->opt);
        transfer_plan_json(js, j->s, &r->tr_plan[k], bf);
        free(bf);
        parley_json_object_end(js);
    }
    parley_json_array_end(js);
    parley_json_object_end(js);
}
