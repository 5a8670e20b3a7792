/*
 * space_out.c — `parley space` written out: a terminal report (the zone,
 * the solutions and their terms, each actor's best and worst acceptable
 * package, the frontier, or why no deal exists), JSON (docs/space-json.md)
 * and CSV (one row per frontier package).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "space.h"

static const char *actor_id(const space_run_t *r, size_t a)
{
    return parley_scenario_actor(r->job->s, parley_space_actor(r->job->sp, a))->id;
}

static const char *issue_id(const space_run_t *r, size_t j)
{
    return parley_scenario_issue(r->job->s, j)->id;
}

/* ---- table */

static void header(parley_buf_t *b, const space_run_t *r)
{
    const space_job_t *j = r->job;
    const app_style_t *st = &j->sty;
    size_t n = parley_space_actor_count(j->sp), m = parley_space_issue_count(j->sp), cont = 0;
    for (size_t i = 0; i < m; i++)
        cont += parley_scenario_issue(j->s, i)->kind == PARLEY_ISSUE_CONTINUOUS;
    char outcomes[128];
    if (parley_space_outcomes(j->sp, outcomes, sizeof outcomes))
        strcpy(outcomes, "more than 10^120");
    parley_buf_printf(b, "%sAgreement space of %s%s\n", st->bold, parley_scenario_origin(j->s),
                      st->reset);
    parley_buf_printf(b, "  %s%s%s\n", st->dim, parley_scenario_hash(j->s), st->reset);
    app_text_set(b, j->s, "  ");
    parley_buf_printf(b, "  %zu actors (", n);
    for (size_t a = 0; a < n; a++)
        parley_buf_printf(b, "%s%s", a ? " " : "", actor_id(r, a));
    parley_buf_printf(b, "), %zu issues", m);
    if (cont)
        parley_buf_printf(b, " (%zu continuous, on a grid of %u points)", cont, j->grid);
    parley_buf_printf(b, "\n  packages: %s\n", outcomes);
    char note[256];
    if (space_linkage_note(j->sp, note, sizeof note))
        parley_buf_printf(b, "  linkage: %s\n", note);
    if (!parley_space_exact(j->sp))
        parley_buf_printf(b, "  %snote: some utilities are rounded to 2^-100 (a non-integer "
                             "exponent, or numbers with no exact fraction that fits): packages "
                             "that tie within that may be told apart%s\n",
                          st->red, st->reset);
    parley_buf_puts(b, "\n");
}

static void zone(parley_buf_t *b, const space_run_t *r)
{
    const app_style_t *st = &r->job->sty;
    const parley_zopa_count_t *z = &r->zopa;
    double gap;
    if (parley_frontier_anytime(r->f, &gap)) {
        size_t P = parley_frontier_points(r->f);
        parley_buf_printf(b, "%sZone of possible agreement:%s not counted (a linked cluster is "
                             "past the exact limit)\n",
                          st->yellow, st->reset);
        parley_buf_printf(b, "%sANYTIME frontier%s of the acceptable packages: %zu point%s "
                             "found by a weighted-sum search, not proven complete",
                          st->yellow, st->reset, P, P == 1 ? "" : "s");
        if (gap < HUGE_VAL)
            parley_buf_printf(b, "; for every weight direction tried no acceptable package "
                                 "beats the best found by more than %.3f (a relaxation's "
                                 "bound)\n\n",
                              gap);
        else
            parley_buf_puts(b, "; some weight directions found no acceptable package\n\n");
        return;
    }
    if (parley_frontier_points(r->f) == 0) {
        parley_buf_printf(b, "%sZone of possible agreement: EMPTY%s - no package is acceptable "
                             "to every actor (utility >= BATNA, no red line crossed).\n",
                          st->red, st->reset);
        return;
    }
    parley_buf_printf(b, "%sZone of possible agreement:%s ", st->green, st->reset);
    if (z->exact)
        parley_buf_printf(b, "%s packages acceptable to every actor (exact: pruned count, %llu "
                             "search nodes)\n",
                          z->count, (unsigned long long)z->nodes);
    else
        parley_buf_printf(b, "about %.4g packages acceptable to every actor (ESTIMATE from %llu "
                             "samples%s%.0zu%s, 95%% interval %.4g to %.4g)\n",
                          z->estimate, (unsigned long long)z->samples,
                          z->method == PARLEY_ZOPA_STRATIFIED ? " over " : "",
                          z->method == PARLEY_ZOPA_STRATIFIED ? z->strata : 0,
                          z->method == PARLEY_ZOPA_STRATIFIED ? " undecided subtrees" : "",
                          z->ci_lo, z->ci_hi);
    int exact;
    uint64_t total = parley_frontier_packages(r->f, &exact);
    parley_buf_printf(b, "Pareto frontier of the acceptable packages: %s%llu package%s%s (%zu "
                         "utility point%s)\n\n",
                      exact ? "" : "at least ", (unsigned long long)total, total == 1 ? "" : "s",
                      "", parley_frontier_points(r->f), parley_frontier_points(r->f) == 1 ? "" : "s");
}

static void utilities_row(parley_buf_t *b, const space_run_t *r, const char *label,
                          const parley_util_t *u)
{
    size_t n = parley_space_actor_count(r->job->sp);
    parley_buf_puts(b, "  ");
    app_pad(b, label, 22);
    for (size_t a = 0; a < n; a++) {
        char cell[32];
        snprintf(cell, sizeof cell, "%.3f", space_u(r->job->sp, a, u[a]));
        app_pad(b, cell, 9);
    }
    parley_buf_puts(b, "\n");
}

static void actors_header(parley_buf_t *b, const space_run_t *r, const char *title)
{
    const app_style_t *st = &r->job->sty;
    parley_buf_puts(b, st->bold);
    app_pad(b, title, 24);
    for (size_t a = 0; a < parley_space_actor_count(r->job->sp); a++)
        app_pad(b, actor_id(r, a), 9);
    parley_buf_printf(b, "%s\n", st->reset);
}

static void solutions(parley_buf_t *b, const space_run_t *r)
{
    const space_job_t *j = r->job;
    size_t m = parley_space_issue_count(j->sp), n = parley_space_actor_count(j->sp);
    actors_header(b, r, "Solutions: utility");
    parley_util_t batna[1024];
    for (size_t a = 0; a < n; a++)
        batna[a] = parley_space_batna(j->sp, a);
    utilities_row(b, r, "BATNA", batna);
    for (int k = 0; k < PARLEY_SOLUTION_COUNT; k++)
        utilities_row(b, r, parley_solution_name((parley_solution_t)k),
                      parley_frontier_utilities(r->f, r->sol[k]));
    uint32_t *opt = malloc((PARLEY_SOLUTION_COUNT * m + 1) * sizeof *opt);
    if (!opt)
        return;
    for (int k = 0; k < PARLEY_SOLUTION_COUNT; k++)
        space_point_package(r->f, r->sol[k], opt + (size_t)k * m);
    parley_buf_printf(b, "\n%sTerms of the Nash deal%s\n", j->sty.bold, j->sty.reset);
    for (size_t i = 0; i < m; i++) {
        char cell[64];
        space_option_text(j->sp, i, opt[i], cell, sizeof cell);
        parley_buf_puts(b, "  ");
        app_pad(b, issue_id(r, i), 26);
        parley_buf_printf(b, "%s\n", cell);
    }
    for (int k = 1; k < PARLEY_SOLUTION_COUNT; k++) {
        size_t diff = 0;
        parley_buf_printf(b, "  %s:", parley_solution_name((parley_solution_t)k));
        for (size_t i = 0; i < m; i++) {
            if (opt[(size_t)k * m + i] == opt[i])
                continue;
            char cell[64];
            space_option_text(j->sp, i, opt[(size_t)k * m + i], cell, sizeof cell);
            parley_buf_printf(b, "%s %s %s", diff++ ? "," : "", issue_id(r, i), cell);
        }
        parley_buf_puts(b, diff ? "\n" : " the same terms\n");
    }
    free(opt);
}

static void extremes(parley_buf_t *b, const space_run_t *r)
{
    const space_job_t *j = r->job;
    size_t n = parley_space_actor_count(j->sp), m = parley_space_issue_count(j->sp);
    parley_buf_printf(b, "\n%sBest and worst acceptable package for each actor%s%s\n", j->sty.bold,
                      j->sty.reset,
                      parley_frontier_anytime(r->f, NULL) ? " (best found; worst not searched)" : "");
    parley_util_t u[1024];
    for (size_t a = 0; a < n; a++) {
        parley_space_utilities(j->sp, r->best + a * m, u);
        parley_buf_printf(b, "  %-8s best %.3f", actor_id(r, a), space_u(j->sp, a, u[a]));
        if (r->worst_found[a]) {
            parley_space_utilities(j->sp, r->worst + a * m, u);
            parley_buf_printf(b, "   worst %.3f%s", space_u(j->sp, a, u[a]),
                              r->worst_exact[a] ? "" : " (search budget ran out: best found)");
        }
        parley_buf_printf(b, "   BATNA %.3f\n", space_batna(j->sp, a));
    }
}

static void frontier_list(parley_buf_t *b, const space_run_t *r)
{
    size_t P = parley_frontier_points(r->f), show = r->job->limit && r->job->limit < P
                                                        ? r->job->limit : P;
    char title[64];
    snprintf(title, sizeof title, "Frontier (%zu of %zu)", show, P);
    parley_buf_puts(b, "\n");
    actors_header(b, r, title);
    for (size_t k = 0; k < show; k++) {
        char label[32];
        snprintf(label, sizeof label, "#%zu", k + 1);
        utilities_row(b, r, label, parley_frontier_utilities(r->f, k));
    }
    if (show < P)
        parley_buf_printf(b, "  ... %zu more (--limit N, or --format json|csv for packages)\n",
                          P - show);
}

static void why_empty(parley_buf_t *b, const space_run_t *r)
{
    const space_job_t *j = r->job;
    size_t n = parley_space_actor_count(j->sp);
    parley_buf_printf(b, "\n%sWhy there is no deal%s\n", j->sty.bold, j->sty.reset);
    for (size_t k = 0; k < r->n_vetoed; k++)
        parley_buf_printf(b, "  red lines veto every option of '%s'\n",
                          issue_id(r, r->vetoed_issues[k]));
    for (size_t a = 0; a < n; a++) {
        double batna = space_batna(j->sp, a);
        if (r->n_vetoed && !r->diag[a].deal)
            continue; /* the red lines alone empty the zone */
        if (r->diag[a].deal)
            parley_buf_printf(b, "  %-8s BATNA %.3f: a deal exists if it fell to %.3f (by %.3f)\n",
                              actor_id(r, a), batna, space_u(j->sp, a, r->diag[a].best),
                              batna - space_u(j->sp, a, r->diag[a].best));
        else
            parley_buf_printf(b, "  %-8s BATNA %.3f: lowering it alone does not help (the others "
                                 "conflict)\n",
                              actor_id(r, a), batna);
    }
    for (size_t k = 0; k < r->n_reds; k++) {
        const space_red_t *x = &r->reds[k];
        if (x->term != (size_t)-1)
            parley_buf_printf(b, "  without %s's interaction term '%s' (weight 0) a deal would "
                                 "exist\n",
                              actor_id(r, x->actor), parley_scenario_term(j->s, x->term)->id);
        else if (x->rule == (size_t)-1)
            parley_buf_printf(b, "  dropping %s's red line on '%s' alone would make a deal\n",
                              actor_id(r, x->actor), issue_id(r, x->issue));
        else if (parley_scenario_rule(j->s, x->rule)->actor == (size_t)-1)
            parley_buf_printf(b, "  dropping the constraint '%s' alone would make a deal\n",
                              parley_scenario_rule(j->s, x->rule)->id);
        else
            parley_buf_printf(b, "  dropping %s's conditional red line '%s' alone would make a "
                                 "deal\n",
                              actor_id(r, x->actor), parley_scenario_rule(j->s, x->rule)->id);
    }
    if (r->reds_tested && r->n_reds == 0)
        parley_buf_printf(b, parley_space_linked(j->sp)
                                 ? "  no single red line's, constraint's or conditional red "
                                   "line's removal makes a deal (%zu tried)\n"
                                 : "  no single red line's removal makes a deal (%zu tried)\n",
                          r->reds_tested > 64 ? (size_t)64 : r->reds_tested);
    if (r->uniform_known)
        parley_buf_printf(b, "  if every BATNA fell by %.3f together, a deal would exist\n",
                          -r->uniform);
}

void space_render_table(parley_buf_t *b, const space_run_t *r)
{
    header(b, r);
    zone(b, r);
    if (parley_frontier_points(r->f) == 0) {
        if (!parley_frontier_anytime(r->f, NULL))
            why_empty(b, r);
        space_transfers_text(b, r);
        return;
    }
    solutions(b, r);
    extremes(b, r);
    frontier_list(b, r);
    space_transfers_text(b, r);
}

/* The packages of point k, at most left of them, into a growing buffer. */
static size_t point_packages(const parley_frontier_t *f, size_t k, size_t m, size_t left,
                             uint32_t **buf, size_t *cap)
{
    uint64_t mult = parley_frontier_multiplicity(f, k);
    size_t want = mult < left ? (size_t)mult : left;
    if (want > *cap) {
        uint32_t *grown = realloc(*buf, (want * m + 1) * sizeof **buf);
        if (!grown)
            return 0;
        *buf = grown;
        *cap = want;
    }
    return parley_frontier_point_packages(f, k, *buf, want);
}

/* ---- JSON */

static void json_zopa(parley_json_t *js, const space_run_t *r)
{
    const space_job_t *j = r->job;
    const parley_zopa_count_t *z = &r->zopa;
    size_t n = parley_space_actor_count(j->sp), m = parley_space_issue_count(j->sp);
    int empty = parley_frontier_points(r->f) == 0;
    parley_json_key(js, "zopa");
    parley_json_object_begin(js);
    parley_json_key(js, "empty");
    parley_json_bool(js, empty);
    if (parley_frontier_anytime(r->f, NULL)) { /* no count: the anytime frontier alone */
        parley_json_key(js, "count");
        parley_json_null(js);
        parley_json_key(js, "exact");
        parley_json_bool(js, 0);
        parley_json_key(js, "method");
        parley_json_string(js, "not counted: a linked cluster is past the exact limit");
        for (int w = 0; w < 2; w++) {
            parley_json_key(js, w ? "worst" : "best");
            if (empty || w) {
                parley_json_null(js);
                continue;
            }
            parley_json_object_begin(js);
            for (size_t a = 0; a < n; a++) {
                parley_json_key(js, actor_id(r, a));
                space_json_package(js, j->sp, r->best + a * m);
            }
            parley_json_object_end(js);
        }
        parley_json_object_end(js);
        return;
    }
    parley_json_key(js, "count");
    parley_json_number(js, z->estimate);
    parley_json_key(js, "exact");
    parley_json_bool(js, z->exact);
    if (z->exact) {
        parley_json_key(js, "count_decimal");
        parley_json_string(js, z->count);
        parley_json_key(js, "method");
        parley_json_string(js, "pruned exhaustive count");
        parley_json_key(js, "nodes");
        parley_json_int(js, (long long)z->nodes);
    } else {
        parley_json_key(js, "ci");
        parley_json_array_begin(js);
        parley_json_number(js, z->ci_lo);
        parley_json_number(js, z->ci_hi);
        parley_json_array_end(js);
        parley_json_key(js, "method");
        parley_json_string(js, z->method == PARLEY_ZOPA_UNIFORM
                                   ? "uniform sampling, Wilson 95% interval"
                                   : "stratified importance sampling, normal 95% interval");
        parley_json_key(js, "samples");
        parley_json_int(js, (long long)z->samples);
        if (z->method == PARLEY_ZOPA_STRATIFIED) {
            parley_json_key(js, "strata");
            parley_json_int(js, (long long)z->strata);
        }
    }
    for (int w = 0; w < 2; w++) {
        parley_json_key(js, w ? "worst" : "best");
        if (empty) {
            parley_json_null(js);
            continue;
        }
        parley_json_object_begin(js);
        for (size_t a = 0; a < n; a++) {
            parley_json_key(js, actor_id(r, a));
            if (w && !r->worst_found[a])
                parley_json_null(js);
            else
                space_json_package(js, j->sp, (w ? r->worst : r->best) + a * m);
        }
        parley_json_object_end(js);
    }
    parley_json_object_end(js);
}

static void json_frontier(parley_json_t *js, const space_run_t *r)
{
    const space_job_t *j = r->job;
    size_t m = parley_space_issue_count(j->sp), P = parley_frontier_points(r->f);
    int exact;
    uint64_t total = parley_frontier_packages(r->f, &exact);
    parley_json_key(js, "frontier");
    parley_json_object_begin(js);
    parley_json_key(js, "size");
    parley_json_number(js, (double)total);
    parley_json_key(js, "points");
    parley_json_int(js, (long long)P);
    parley_json_key(js, "packages");
    parley_json_array_begin(js);
    size_t left = j->limit ? j->limit : SIZE_MAX;
    uint32_t *opt = NULL;
    size_t cap = 0;
    for (size_t k = 0; k < P && left; k++) {
        size_t got = point_packages(r->f, k, m, left, &opt, &cap);
        for (size_t x = 0; x < got; x++)
            space_json_package(js, j->sp, opt + x * m);
        left -= got;
    }
    free(opt);
    parley_json_array_end(js);
    parley_json_key(js, "truncated");
    parley_json_bool(js, left == 0 && (uint64_t)(j->limit) < total);
    double gap;
    if (parley_frontier_anytime(r->f, &gap)) {
        parley_json_key(js, "anytime");
        parley_json_bool(js, 1);
        parley_json_key(js, "gap");
        if (gap < HUGE_VAL)
            parley_json_number(js, gap);
        else
            parley_json_null(js);
    }
    parley_json_object_end(js);
}

static void json_diagnosis(parley_json_t *js, const space_run_t *r)
{
    size_t n = parley_space_actor_count(r->job->sp);
    parley_json_key(js, "diagnosis");
    if (parley_frontier_points(r->f) > 0 || parley_frontier_anytime(r->f, NULL)) {
        parley_json_null(js);
        return;
    }
    parley_json_object_begin(js);
    parley_json_key(js, "vetoed_issues");
    parley_json_array_begin(js);
    for (size_t k = 0; k < r->n_vetoed; k++)
        parley_json_string(js, issue_id(r, r->vetoed_issues[k]));
    parley_json_array_end(js);
    parley_json_key(js, "batna");
    parley_json_object_begin(js);
    for (size_t a = 0; a < n; a++) {
        parley_json_key(js, actor_id(r, a));
        parley_json_object_begin(js);
        parley_json_key(js, "deal_if_lowered");
        parley_json_bool(js, r->diag[a].deal);
        parley_json_key(js, "lower_to");
        if (r->diag[a].deal)
            parley_json_number(js, space_u(r->job->sp, a, r->diag[a].best));
        else
            parley_json_null(js);
        parley_json_object_end(js);
    }
    parley_json_object_end(js);
    parley_json_key(js, "red_lines_to_drop");
    parley_json_array_begin(js);
    for (size_t k = 0; k < r->n_reds; k++) {
        const space_red_t *x = &r->reds[k];
        if (x->term != (size_t)-1 || (x->rule != (size_t)-1 &&
                                      parley_scenario_rule(r->job->s, x->rule)->actor == (size_t)-1))
            continue; /* constraints and terms are listed apart */
        parley_json_object_begin(js);
        parley_json_key(js, "actor");
        parley_json_string(js, actor_id(r, x->actor));
        parley_json_key(js, x->rule == (size_t)-1 ? "issue" : "conditional_red_line");
        parley_json_string(js, x->rule == (size_t)-1 ? issue_id(r, x->issue)
                                                     : parley_scenario_rule(r->job->s, x->rule)->id);
        parley_json_object_end(js);
    }
    parley_json_array_end(js);
    if (parley_space_linked(r->job->sp)) {
        parley_json_key(js, "constraints_to_drop");
        parley_json_array_begin(js);
        for (size_t k = 0; k < r->n_reds; k++)
            if (r->reds[k].rule != (size_t)-1 &&
                parley_scenario_rule(r->job->s, r->reds[k].rule)->actor == (size_t)-1)
                parley_json_string(js, parley_scenario_rule(r->job->s, r->reds[k].rule)->id);
        parley_json_array_end(js);
        parley_json_key(js, "terms_to_drop");
        parley_json_array_begin(js);
        for (size_t k = 0; k < r->n_reds; k++)
            if (r->reds[k].term != (size_t)-1) {
                parley_json_object_begin(js);
                parley_json_key(js, "actor");
                parley_json_string(js, actor_id(r, r->reds[k].actor));
                parley_json_key(js, "term");
                parley_json_string(js, parley_scenario_term(r->job->s, r->reds[k].term)->id);
                parley_json_object_end(js);
            }
        parley_json_array_end(js);
    }
    parley_json_key(js, "uniform_batna_fall");
    if (r->uniform_known)
        parley_json_number(js, -r->uniform);
    else
        parley_json_null(js);
    parley_json_object_end(js);
}

void space_render_json(parley_buf_t *b, const space_run_t *r)
{
    const space_job_t *j = r->job;
    size_t m = parley_space_issue_count(j->sp);
    parley_json_t js;
    parley_json_init(&js, b, 1);
    parley_json_object_begin(&js);
    space_json_header(&js, j);
    char outcomes[8192];
    parley_json_key(&js, "outcomes");
    if (parley_space_outcomes(j->sp, outcomes, sizeof outcomes) == PARLEY_OK)
        parley_json_string(&js, outcomes);
    else
        parley_json_null(&js);
    json_zopa(&js, r);
    json_frontier(&js, r);
    uint32_t *opt = malloc((m + 1) * sizeof *opt);
    for (int k = 0; k < PARLEY_SOLUTION_COUNT; k++) {
        parley_json_key(&js, parley_solution_name((parley_solution_t)k));
        if (r->sol[k] == (size_t)-1 || !opt) {
            parley_json_null(&js);
            continue;
        }
        space_point_package(r->f, r->sol[k], opt);
        space_json_package(&js, j->sp, opt);
    }
    free(opt);
    json_diagnosis(&js, r);
    space_transfers_json(&js, r);
    parley_json_object_end(&js);
    parley_buf_puts(b, "\n");
}

/* ---- CSV: the frontier packages */

void space_render_csv(parley_buf_t *b, const space_run_t *r)
{
    const space_job_t *j = r->job;
    size_t n = parley_space_actor_count(j->sp), m = parley_space_issue_count(j->sp);
    size_t P = parley_frontier_points(r->f), left = j->limit ? j->limit : SIZE_MAX;
    parley_buf_puts(b, "point");
    for (size_t i = 0; i < m; i++) {
        parley_buf_puts(b, ",");
        parley_csv_field(b, issue_id(r, i));
    }
    for (size_t a = 0; a < n; a++) {
        parley_buf_puts(b, ",u_");
        parley_csv_field(b, actor_id(r, a));
    }
    parley_buf_puts(b, "\n");
    uint32_t *opt = NULL;
    size_t cap = 0;
    for (size_t k = 0; k < P && left; k++) {
        size_t got = point_packages(r->f, k, m, left, &opt, &cap);
        const parley_util_t *u = parley_frontier_utilities(r->f, k);
        for (size_t x = 0; x < got; x++) {
            parley_buf_printf(b, "%zu", k + 1);
            for (size_t i = 0; i < m; i++) {
                char cell[64];
                if (parley_scenario_issue(j->s, i)->kind == PARLEY_ISSUE_DISCRETE)
                    space_option_text(j->sp, i, opt[x * m + i], cell, sizeof cell);
                else
                    parley_format_number(parley_space_position(j->sp, i, opt[x * m + i]), cell);
                parley_buf_puts(b, ",");
                parley_csv_field(b, cell);
            }
            for (size_t a = 0; a < n; a++) {
                char num[32];
                parley_format_number(space_u(j->sp, a, u[a]), num);
                parley_buf_printf(b, ",%s", num);
            }
            parley_buf_puts(b, "\n");
        }
        left -= got;
    }
    free(opt);
}
