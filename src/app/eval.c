/*
 * eval.c — the evaluation of a set of proposals for `parley eval` and the
 * API: what each proposal gives each actor, computed once (eval_run_init)
 * and handed to a writer (eval_table.c, eval_data.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "eval.h"

int eval_run_init(eval_run_t *r, const parley_scenario_t *s, const size_t *props, size_t n)
{
    size_t na = parley_scenario_actor_count(s), ni = parley_scenario_issue_count(s);
    r->s = s;
    r->n_props = n;
    r->props = malloc((n ? n : 1) * sizeof *r->props);
    r->ae = calloc(n * na + 1, sizeof *r->ae);
    r->ie = calloc(n * na * ni + 1, sizeof *r->ie);
    size_t nt = parley_scenario_term_count(s), nr = parley_scenario_rule_count(s);
    r->te = calloc(n * nt + 1, sizeof *r->te);
    r->rb = calloc(n * nr + 1, sizeof *r->rb);
    size_t nb = parley_scenario_ratifier_count(s);
    r->mv0 = calloc(nb + 1, sizeof *r->mv0);
    r->n_mv = 0;
    for (size_t k = 0; r->mv0 && k < nb; k++) {
        r->mv0[k] = r->n_mv;
        r->n_mv += parley_scenario_ratifier(s, k)->n_members;
    }
    r->re = calloc(n * nb + 1, sizeof *r->re);
    r->mv = calloc(n * r->n_mv + 1, sizeof *r->mv);
    r->tp = parley_scenario_transfer_count(s) ? calloc(n + 1, sizeof *r->tp) : NULL;
    if (!r->props || !r->ae || !r->ie || !r->te || !r->rb || !r->mv0 || !r->re || !r->mv ||
        (parley_scenario_transfer_count(s) && !r->tp)) {
        eval_run_free(r);
        return -1;
    }
    for (size_t p = 0; p < n; p++) {
        r->props[p] = props[p];
        const parley_proposal_t *pr = parley_scenario_proposal(s, props[p]);
        for (size_t i = 0; i < na; i++)
            parley_eval_actor(s, i, pr->positions, &r->ae[p * na + i],
                              &r->ie[(p * na + i) * ni]);
        for (size_t k = 0; k < nt; k++)
            parley_eval_term(s, k, pr->positions, &r->te[p * nt + k]);
        for (size_t k = 0; k < nr; k++)
            r->rb[p * nr + k] = (signed char)parley_rule_broken(s, k, pr->positions);
        for (size_t k = 0; k < nb; k++)
            parley_ratify_eval(s, k, pr->positions, &r->re[p * nb + k],
                               &r->mv[p * r->n_mv + r->mv0[k]]);
        if (r->tp)
            parley_transfer_package(s, NULL, pr->positions, &r->tp[p]);
    }
    return 0;
}

void eval_constraints(const eval_run_t *r, size_t p, size_t *broken, size_t *possible)
{
    *broken = *possible = 0;
    for (size_t k = 0; k < parley_scenario_rule_count(r->s); k++) {
        if (parley_scenario_rule(r->s, k)->actor != (size_t)-1)
            continue;
        *broken += eval_rule(r, p, k) == 1;
        *possible += eval_rule(r, p, k) == PARLEY_UNDECIDED;
    }
}

int eval_ratified(const eval_run_t *r, size_t p)
{
    int all = 1;
    for (size_t k = 0; k < parley_scenario_ratifier_count(r->s); k++) {
        parley_verdict_t v = eval_ratify(r, p, k)->verdict;
        if (v == PARLEY_REJECT)
            return 0;
        if (v == PARLEY_OPEN_VERDICT)
            all = PARLEY_UNDECIDED;
    }
    return all;
}

int eval_void_signature(const eval_run_t *r, size_t p)
{
    for (size_t i = 0; i < parley_scenario_actor_count(r->s); i++)
        if (eval_actor(r, p, i)->verdict != PARLEY_ACCEPT)
            return 0;
    return eval_ratified(r, p) == 0;
}

void eval_run_free(eval_run_t *r)
{
    free(r->re);
    free(r->mv);
    free(r->mv0);
    r->re = NULL;
    r->mv = NULL;
    r->mv0 = NULL;
    free(r->props);
    free(r->ae);
    free(r->ie);
    free(r->te);
    free(r->rb);
    free(r->tp);
    r->tp = NULL;
    r->te = NULL;
    r->rb = NULL;
    r->props = NULL;
    r->ae = NULL;
    r->ie = NULL;
}

void eval_position_text(const parley_scenario_t *s, size_t j, double x, char *buf, size_t cap)
{
    const parley_issue_t *is = parley_scenario_issue(s, j);
    if (parley_is_open(x)) {
        snprintf(buf, cap, "open");
    } else if (is->kind == PARLEY_ISSUE_DISCRETE) {
        snprintf(buf, cap, "%s", is->options[(size_t)x].id);
    } else {
        char num[32];
        parley_format_number(x, num);
        snprintf(buf, cap, "%s%s%s", num, is->unit ? " " : "", is->unit ? is->unit : "");
    }
}

static parley_status_t unknown_proposal(parley_ctx_t *ctx, const parley_scenario_t *s,
                                        const char *id)
{
    size_t np = parley_scenario_proposal_count(s);
    const char **ids = malloc((np ? np : 1) * sizeof *ids);
    if (!ids)
        return parley_ctx_fail(ctx, PARLEY_ENOMEM, "out of memory");
    for (size_t p = 0; p < np; p++)
        ids[p] = parley_scenario_proposal(s, p)->id;
    const char *hint = parley_suggest(id, ids, np);
    parley_status_t rc;
    if (hint)
        rc = parley_ctx_fail(ctx, PARLEY_EINPUT, "%s: no proposal '%s' (did you mean '%s'?)",
                             parley_scenario_origin(s), id, hint);
    else
        rc = parley_ctx_fail(ctx, PARLEY_EINPUT, "%s: no proposal '%s' (it has %zu proposals; "
                             "'parley check' lists them)", parley_scenario_origin(s), id, np);
    free(ids);
    return rc;
}

parley_status_t eval_run_select(parley_ctx_t *ctx, eval_run_t *r, const parley_scenario_t *s,
                                const char *proposal)
{
    size_t np = parley_scenario_proposal_count(s), one, n = np;
    size_t *all = malloc((np ? np : 1) * sizeof *all);
    if (!all)
        return parley_ctx_fail(ctx, PARLEY_ENOMEM, "out of memory");
    for (size_t p = 0; p < np; p++)
        all[p] = p;
    const size_t *sel = all;
    parley_status_t rc = PARLEY_OK;
    if (proposal) {
        one = parley_scenario_find_proposal(s, proposal);
        sel = &one;
        n = 1;
        if (one == (size_t)-1)
            rc = unknown_proposal(ctx, s, proposal);
    }
    if (!rc && n == 0)
        rc = parley_ctx_fail(ctx, PARLEY_EINPUT, "%s: the scenario has no proposals to evaluate",
                             parley_scenario_origin(s));
    if (!rc && eval_run_init(r, s, sel, n) != 0)
        rc = parley_ctx_fail(ctx, PARLEY_ENOMEM, "out of memory");
    free(all);
    return rc;
}
