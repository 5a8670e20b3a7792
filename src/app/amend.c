/*
 * amend.c — what `parley amend` computes and writes: the acceptable
 * packages closest to a proposal (fewest changed issues, then the smallest
 * total utility shift), and the Pareto improvements on it — packages no
 * actor likes less and some actor likes more (post-settlement settlement).
 * Every line says what it counts: issues changed apart from open issues
 * settled, and actors the improvements do not protect apart from the rest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "space.h"

#define UNPROTECTED_WHY "the proposal already crosses a red line of theirs"


static const char *aid(const amend_run_t *r, size_t a)
{
    return parley_scenario_actor(r->job->s, parley_space_actor(r->job->sp, a))->id;
}

static void base_utilities(amend_run_t *r)
{
    const parley_space_t *sp = r->job->sp;
    size_t n = parley_space_actor_count(sp);
    parley_space_utilities(sp, r->base, r->ub); /* the decided issues (and clusters) */
    for (size_t a = 0; a < n; a++)
        r->crossed[a] = parley_space_crossed(sp, r->base, a);
}

/* Improvements: everyone at least as well off as under the base. */
static parley_status_t improvements(amend_run_t *r)
{
    space_job_t *j = r->job;
    size_t n = parley_space_actor_count(j->sp), m = parley_space_issue_count(j->sp);
    parley_util_t *res = malloc(n * sizeof *res);
    unsigned char *mask = malloc(n * m + 1);
    size_t R = parley_scenario_rule_count(j->s);
    unsigned char *rules = malloc(R + 1);
    r->impr_pts = NULL;
    if (!res || !mask || !rules) {
        free(res);
        free(mask);
        free(rules);
        return parley_ctx_fail(j->ctx, PARLEY_ENOMEM, "out of memory");
    }
    for (size_t a = 0; a < n; a++) { /* an actor whose red line the base crosses is at -inf */
        res[a] = r->crossed[a] ? PARLEY_NO_RESERVATION : r->ub[a];
        for (size_t i = 0; i < m; i++)
            mask[a * m + i] = (unsigned char)(!r->crossed[a] && j->red[a * m + i]);
    }
    for (size_t k = 0; k < R; k++) { /* so are its conditional red lines */
        rules[k] = 1;
        for (size_t a = 0; a < n; a++)
            if (r->crossed[a] && parley_scenario_rule(j->s, k)->actor == parley_space_actor(j->sp, a))
                rules[k] = 0;
    }
    parley_constraints_t c = {res, mask, rules};
    parley_status_t rc = PARLEY_OK;
    r->impr = space_frontier(j, &c, &rc);
    if (r->impr) {
        size_t P = parley_frontier_points(r->impr);
        r->impr_pts = malloc((P + 1) * sizeof *r->impr_pts);
        r->pick = (size_t)-1;
        parley_util_t best_min = 0, best_sum = 0;
        for (size_t k = 0; k < P && r->impr_pts; k++) {
            const parley_util_t *u = parley_frontier_utilities(r->impr, k);
            parley_util_t mn = PARLEY_UTIL_MAX, sum = 0;
            for (size_t a = 0; a < n; a++) {
                parley_util_t g = r->crossed[a] ? 0 : u[a] - r->ub[a];
                mn = g < mn ? g : mn;
                sum += g;
            }
            if (sum == 0 && mn == 0)
                continue; /* the base's own utilities: no improvement */
            r->impr_pts[r->n_impr++] = k;
            if (r->pick == (size_t)-1 || mn > best_min || (mn == best_min && sum > best_sum)) {
                r->pick = k;
                best_min = mn;
                best_sum = sum;
            }
        }
    }
    free(res);
    free(mask);
    free(rules);
    return rc;
}

void amend_change_lines(parley_buf_t *b, const amend_run_t *r, const uint32_t *opt)
{
    const parley_space_t *sp = r->job->sp;
    for (size_t j = 0; j < parley_space_issue_count(sp); j++) {
        if (r->base[j] != UINT32_MAX && opt[j] == r->base[j])
            continue;
        char from[64], to[64];
        space_option_text(sp, j, r->base[j], from, sizeof from);
        space_option_text(sp, j, opt[j], to, sizeof to);
        parley_buf_printf(b, "       %s: %s -> %s\n", parley_scenario_issue(r->job->s, j)->id,
                          from, to);
    }
}

/* Each actor's utility under opt and its change from the base. apart: the
 * actors whose red line the base crosses go on a "not protected:" line of
 * their own (the improvements hold only the others to the base; the
 * section's header says why). */
static void gains_line(parley_buf_t *b, const amend_run_t *r, const uint32_t *opt, int apart)
{
    const parley_space_t *sp = r->job->sp;
    size_t n = parley_space_actor_count(sp), lost = 0;
    parley_util_t u[1024];
    parley_space_utilities(sp, opt, u);
    parley_buf_puts(b, "      ");
    for (size_t a = 0; a < n; a++)
        if (!apart || !r->crossed[a])
            parley_buf_printf(b, " %s %.3f (%+.3f)", aid(r, a), space_u(sp, a, u[a]),
                              space_u(sp, a, u[a] - r->ub[a]));
    for (size_t a = 0; apart && a < n; a++) {
        if (!r->crossed[a])
            continue;
        if (!lost++)
            parley_buf_puts(b, "\n       not protected:");
        parley_buf_printf(b, " %s %.3f (%+.3f)", aid(r, a), space_u(sp, a, u[a]),
                          space_u(sp, a, u[a] - r->ub[a]));
    }
    parley_buf_puts(b, "\n");
}

/* "changes 1 issue, settles 2 open issues, total shift 0.250": the count of
 * changed decided issues never hides the open issues an amendment settles. */
static void amendment_head(parley_buf_t *b, const amend_run_t *r, size_t k,
                           const parley_amendment_t *it)
{
    char changes[64] = "changes none", settles[64] = "";
    if (it->changed)
        snprintf(changes, sizeof changes, "changes %zu issue%s", it->changed,
                 it->changed == 1 ? "" : "s");
    if (r->open)
        snprintf(settles, sizeof settles, "settles %zu open issue%s", r->open,
                 r->open == 1 ? "" : "s");
    parley_buf_printf(b, "  %zu. ", k + 1);
    if (r->open && !it->changed)
        parley_buf_printf(b, "%s, %s", settles, changes);
    else if (r->open)
        parley_buf_printf(b, "%s, %s", changes, settles);
    else
        parley_buf_puts(b, it->changed ? changes : "changes none (acceptable as proposed)");
    parley_buf_printf(b, ", %s %.3f\n", r->open ? "shift on the decided issues" : "total shift",
                      parley_space_common_value(r->job->sp, it->shift));
}

/* "ratified at home" or "rejected at home by BODY". */
static void home_line(parley_buf_t *b, const amend_run_t *r, size_t rejecter)
{
    const app_style_t *st = &r->job->sty;
    if (rejecter == (size_t)-1)
        parley_buf_printf(b, "       %sratified at home%s (every body votes yes)\n", st->green,
                          st->reset);
    else
        parley_buf_printf(b, "       %srejected at home by %s%s\n", st->red,
                          parley_scenario_ratifier(r->job->s, rejecter)->id, st->reset);
}

/* The amendments of am, each with its changes and gains; with rejecter
 * (per item, a body or -1) whether it is ratified at home. */
static void amendment_list(parley_buf_t *b, const amend_run_t *r, const parley_amend_result_t *am,
                           const size_t *rejecter)
{
    for (size_t k = 0; k < am->n; k++) {
        const parley_amendment_t *it = &am->items[k];
        amendment_head(b, r, k, it);
        amend_change_lines(b, r, it->opt);
        gains_line(b, r, it->opt, 0);
        if (rejecter)
            home_line(b, r, rejecter[k]);
    }
    if (!am->exact && am->n)
        parley_buf_puts(b, "  (the search budget ran out: these are the best found; --budget)\n");
}

/* The closest packages every body also ratifies, when some listed is not. */
static void ratified_text(parley_buf_t *b, const amend_run_t *r)
{
    const app_style_t *st = &r->job->sty;
    if (!r->rt_searched)
        return;
    parley_buf_printf(b, "\n%sClosest packages also ratified at home%s (every actor accepts, "
                         "every ratifying body votes yes)\n",
                      st->bold, st->reset);
    if (r->rt_am.n == 0)
        parley_buf_printf(b, "  none%s: every package acceptable to the actors is rejected at "
                             "home ('parley eval' shows each body's vote)\n",
                          r->rt_am.exact ? "" : " within the search budget");
    amendment_list(b, r, &r->rt_am, NULL);
}

static size_t unprotected_count(const amend_run_t *r)
{
    size_t k = 0;
    for (size_t a = 0; a < parley_space_actor_count(r->job->sp); a++)
        k += r->crossed[a] != 0;
    return k;
}

/* With linkage: the constraints and conditional red lines the proposal
 * breaks (those its open issues leave undecided are not listed). */
static void broken_lines(parley_buf_t *b, const amend_run_t *r)
{
    const space_job_t *j = r->job;
    if (!parley_space_linked(j->sp))
        return;
    size_t n = parley_space_actor_count(j->sp);
    for (size_t k = 0; (k = parley_space_broken_rule(j->sp, (size_t)-1, r->base, k)) != (size_t)-1;
         k++)
        parley_buf_printf(b, "\n  %sbreaks the constraint '%s'%s: it is not a package as it stands",
                          j->sty.red, parley_scenario_rule(j->s, k)->id, j->sty.reset);
    for (size_t a = 0; a < n; a++) {
        size_t i = parley_space_actor(j->sp, a);
        for (size_t k = 0; (k = parley_space_broken_rule(j->sp, i, r->base, k)) != (size_t)-1; k++)
            parley_buf_printf(b, "\n  %scrosses %s's conditional red line '%s'%s", j->sty.red,
                              aid(r, a), parley_scenario_rule(j->s, k)->id, j->sty.reset);
    }
}

/* Decided issues linked in one cluster with an open issue: their part of
 * the utility is known only once the cluster is settled, so "as proposed"
 * leaves them out. */
static size_t linked_with_open(const space_job_t *j, const amend_run_t *r)
{
    size_t n = 0;
    for (size_t it = 0; it < parley_space_item_count(j->sp); it++) {
        size_t ni = parley_space_item_issue_count(j->sp, it), open = 0;
        for (size_t k = 0; k < ni; k++)
            open += parley_is_open(r->prop->positions[parley_space_item_issue(j->sp, it, k)]) != 0;
        if (open && open < ni)
            n += ni - open;
    }
    return n;
}

void amend_render_table(parley_buf_t *b, const amend_run_t *r)
{
    const space_job_t *j = r->job;
    const app_style_t *st = &j->sty;
    size_t n = parley_space_actor_count(j->sp);
    parley_buf_printf(b, "%sAmending %s%s (%s)\n  %s%s%s\n", st->bold, r->prop->id,
                      st->reset, parley_scenario_origin(j->s), st->dim, parley_scenario_hash(j->s),
                      st->reset);
    app_text_set(b, j->s, "  ");
    parley_buf_puts(b, "  as proposed:");
    for (size_t a = 0; a < n; a++) {
        int ok = !r->crossed[a] && r->ub[a] >= parley_space_batna(j->sp, a);
        parley_buf_printf(b, " %s %.3f%s%s%s", aid(r, a), space_u(j->sp, a, r->ub[a]),
                          r->open ? "" : ok ? st->green : st->red,
                          r->open ? "" : ok ? " accept" : " reject", st->reset);
    }
    broken_lines(b, r);
    size_t linked = r->open ? linked_with_open(j, r) : 0;
    if (r->open && linked)
        parley_buf_printf(b, "\n  (%zu issues left open: utilities count the decided issues, "
                             "except %zu linked with an open one, which count once their linked "
                             "issues are settled; an amendment may settle open issues freely)",
                          r->open, linked);
    else if (r->open)
        parley_buf_printf(b, "\n  (%zu issues left open: utilities count the decided issues; an "
                             "amendment may settle open issues freely)",
                          r->open);
    parley_buf_printf(b, "\n\n%sClosest acceptable packages%s (fewest changed issues, then least "
                         "total utility shift)\n",
                      st->bold, st->reset);
    if (r->am.n == 0)
        parley_buf_printf(b, "  none: no package is acceptable to every actor%s ('parley space' "
                             "says why)\n",
                          r->am.exact ? "" : " within the search budget");
    amendment_list(b, r, &r->am, r->rt_ran ? r->rt_rejecter : NULL);
    ratified_text(b, r);
    parley_buf_printf(b, "\n%sPareto improvements%s (no actor worse off, some better)\n", st->bold,
                      st->reset);
    if (r->impr && unprotected_count(r)) {
        parley_buf_puts(b, "  not protected:");
        for (size_t a = 0; a < n; a++)
            if (r->crossed[a])
                parley_buf_printf(b, " %s", aid(r, a));
        parley_buf_puts(b, ", as " UNPROTECTED_WHY " (they may lose)\n");
    }
    if (!r->impr) {
        parley_buf_puts(b, "  not computed: the proposal leaves issues open\n");
    } else if (r->n_impr == 0) {
        parley_buf_puts(b, "  none: the proposal is Pareto-optimal on this grid\n");
    } else {
        uint32_t *opt = malloc((parley_space_issue_count(j->sp) + 1) * sizeof *opt);
        parley_buf_printf(b, "  %zu Pareto-optimal improvement point%s; the most balanced (largest "
                             "smallest gain):\n",
                          r->n_impr, r->n_impr == 1 ? "" : "s");
        if (opt) {
            space_point_package(r->impr, r->pick, opt);
            amend_change_lines(b, r, opt);
            gains_line(b, r, opt, 1);
        }
        free(opt);
    }
    amend_transfers_text(b, r);
}

/* The amendments of am; with rejecter (per item, a body or -1) each says
 * whether it is ratified at home and by whom it is not. */
static void amendments_json(parley_json_t *js, const amend_run_t *r,
                            const parley_amend_result_t *am, const size_t *rejecter)
{
    const space_job_t *j = r->job;
    parley_json_array_begin(js);
    for (size_t k = 0; k < am->n; k++) {
        const parley_amendment_t *it = &am->items[k];
        parley_json_object_begin(js);
        parley_json_key(js, "changed");
        parley_json_int(js, (long long)it->changed);
        parley_json_key(js, "settled");
        parley_json_int(js, (long long)r->open);
        parley_json_key(js, "shift");
        parley_json_number(js, parley_space_common_value(j->sp, it->shift));
        parley_json_key(js, "package");
        space_json_package(js, j->sp, it->opt);
        if (rejecter) {
            parley_json_key(js, "ratified");
            parley_json_bool(js, rejecter[k] == (size_t)-1);
            parley_json_key(js, "rejected_by");
            if (rejecter[k] == (size_t)-1)
                parley_json_null(js);
            else
                parley_json_string(js, parley_scenario_ratifier(j->s, rejecter[k])->id);
        }
        parley_json_object_end(js);
    }
    parley_json_array_end(js);
}

void amend_render_json(parley_buf_t *b, const amend_run_t *r)
{
    const space_job_t *j = r->job;
    size_t m = parley_space_issue_count(j->sp);
    parley_json_t js;
    parley_json_init(&js, b, 1);
    parley_json_object_begin(&js);
    space_json_header(&js, j);
    parley_json_key(&js, "proposal");
    parley_json_string(&js, r->prop->id);
    parley_json_key(&js, "metric");
    parley_json_string(&js, "fewest changed issues, then least sum over actors of |utility change|");
    parley_json_key(&js, "exact");
    parley_json_bool(&js, r->am.exact);
    parley_json_key(&js, "open_issues");
    parley_json_int(&js, (long long)r->open);
    parley_json_key(&js, "amendments");
    amendments_json(&js, r, &r->am, r->rt_ran ? r->rt_rejecter : NULL);
    parley_json_key(&js, "ratified_amendments"); /* null: no body, or every one listed passes */
    if (r->rt_searched) {
        parley_json_object_begin(&js);
        parley_json_key(&js, "exact");
        parley_json_bool(&js, r->rt_am.exact);
        parley_json_key(&js, "amendments");
        amendments_json(&js, r, &r->rt_am, NULL);
        parley_json_object_end(&js);
    } else {
        parley_json_null(&js);
    }
    parley_json_key(&js, "pareto_improvements");
    if (!r->impr) {
        parley_json_null(&js);
    } else {
        uint32_t *opt = malloc((m + 1) * sizeof *opt);
        parley_json_object_begin(&js);
        parley_json_key(&js, "points");
        parley_json_int(&js, (long long)r->n_impr);
        parley_json_key(&js, "unprotected");
        parley_json_array_begin(&js);
        for (size_t a = 0; a < parley_space_actor_count(j->sp); a++) {
            if (!r->crossed[a])
                continue;
            parley_json_object_begin(&js);
            parley_json_key(&js, "actor");
            parley_json_string(&js, aid(r, a));
            parley_json_key(&js, "why");
            parley_json_string(&js, "red line crossed by the proposal");
            parley_json_object_end(&js);
        }
        parley_json_array_end(&js);
        parley_json_key(&js, "packages");
        parley_json_array_begin(&js);
        size_t show = j->limit && j->limit < r->n_impr ? j->limit : r->n_impr;
        for (size_t k = 0; k < show && opt; k++) {
            space_point_package(r->impr, r->impr_pts[k], opt);
            space_json_package(&js, j->sp, opt);
        }
        parley_json_array_end(&js);
        parley_json_key(&js, "most_balanced");
        if (r->n_impr && opt) {
            space_point_package(r->impr, r->pick, opt);
            space_json_package(&js, j->sp, opt);
        } else {
            parley_json_null(&js);
        }
        parley_json_object_end(&js);
        free(opt);
    }
    amend_transfers_json(&js, r);
    parley_json_object_end(&js);
    parley_buf_puts(b, "\n");
}

parley_status_t amend_run_compute(amend_run_t *r)
{
    space_job_t *j = r->job;
    size_t n = parley_space_actor_count(j->sp), m = parley_space_issue_count(j->sp), max = 3;
    r->base = malloc((m + 1) * sizeof *r->base);
    r->ub = malloc(n * sizeof *r->ub);
    r->crossed = malloc(n * sizeof *r->crossed);
    if (!r->base || !r->ub || !r->crossed)
        return parley_ctx_fail(j->ctx, PARLEY_ENOMEM, "out of memory");
    if (space_proposal_options(j->sp, r->prop->positions, r->base))
        return parley_ctx_fail(j->ctx, PARLEY_EINTERNAL, "a proposal position is not on the grid");
    for (size_t i = 0; i < m; i++)
        r->open += r->base[i] == UINT32_MAX;
    base_utilities(r);
    parley_status_t st =
        parley_space_amend(j->ctx, j->sp, &j->cons, r->base, max, j->budget, &r->am);
    if (st || (!r->open && (st = improvements(r))) || (st = amend_ratify_compute(r)))
        return st;
    return amend_transfers_compute(r);
}

void amend_run_free(amend_run_t *r)
{
    amend_transfers_free(r);
    amend_ratify_free(r);
    parley_amend_result_free(&r->am);
    parley_frontier_destroy(r->impr);
    free(r->impr_pts);
    free(r->base);
    free(r->ub);
    free(r->crossed);
    r->impr = NULL;
    r->impr_pts = NULL;
    r->base = NULL;
    r->ub = NULL;
    r->crossed = NULL;
}
