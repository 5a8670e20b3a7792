/*
 * forecast_near.c — `forecast --nearest`: beside each model's forecast, the
 * acceptable package nearest to it by amend's metric (fewest changed
 * issues, then the smallest total utility shift; every actor at least at
 * its BATNA, no red line crossed), found by the agreement space's public
 * amend search on the scenario discretised with the forecast's own
 * positions added to the grids. One space and one search per model.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "forecast.h"

#define NEAR_BUDGET 20000000ull /* search nodes per model, as amend's order of magnitude */

/* Fills mr->near from the first amendment of the search (positions on the
 * scenario's scales, the forecast's where unchanged). */
static void keep_amendment(const parley_space_t *sp, const parley_amend_result_t *am,
                           fc_model_run_t *mr)
{
    size_t ni = parley_space_issue_count(sp);
    for (size_t j = 0; j < ni; j++)
        mr->near[j] = parley_space_position(sp, j, am->items[0].opt[j]);
    mr->near_changed = am->items[0].changed;
}

/* The package found must keep every constraint and conditional red line:
 * one the search let through (a space that does not apply linkage) is
 * reported as such, never as acceptable. */
static void check_linkage(const parley_scenario_t *s, fc_model_run_t *mr)
{
    size_t nr = parley_scenario_rule_count(s);
    for (size_t k = 0; k < nr; k++)
        if (parley_rule_broken(s, k, mr->near) == 1) {
            mr->near_state = FC_NEAR_BREAKS;
            mr->near_rule = k;
            return;
        }
}

parley_status_t fc_nearest_model(parley_ctx_t *ctx, const parley_scenario_t *s, unsigned grid,
                                 fc_model_run_t *mr)
{
    size_t ni = parley_scenario_issue_count(s);
    mr->near = malloc((ni + 1) * sizeof *mr->near);
    uint32_t *base = malloc((ni + 1) * sizeof *base);
    if (!mr->near || !base) {
        free(base);
        return parley_ctx_fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    parley_space_options_t so;
    parley_space_options_init(&so);
    so.grid = grid;
    so.include = mr->pkg; /* the forecast is on the grid, so "unchanged" is exact */
    parley_space_t *sp = NULL;
    parley_status_t st = parley_space_create(ctx, s, &so, &sp);
    for (size_t j = 0; !st && j < ni; j++) {
        size_t k = parley_is_open(mr->pkg[j]) ? (size_t)-1
                                               : parley_space_find_option(sp, j, mr->pkg[j]);
        base[j] = k == (size_t)-1 ? UINT32_MAX : (uint32_t)k; /* open: free to set */
    }
    parley_amend_result_t am;
    memset(&am, 0, sizeof am);
    parley_constraints_t every = {NULL, NULL, NULL}; /* every BATNA and red line */
    if (!st)
        st = parley_space_amend(ctx, sp, &every, base, 1, NEAR_BUDGET, &am);
    if (!st) {
        mr->near_exact = am.exact;
        mr->near_state = am.n ? FC_NEAR_FOUND : am.exact ? FC_NEAR_NONE : FC_NEAR_UNKNOWN;
        if (am.n)
            keep_amendment(sp, &am, mr);
        if (am.n)
            check_linkage(s, mr);
    }
    parley_amend_result_free(&am);
    parley_space_destroy(sp);
    free(base);
    return st;
}

void fc_nearest_free(fc_model_run_t *mr)
{
    free(mr->near);
    mr->near = NULL;
}

/* "nato: constitutional-ban -> no-consensus; army-cap: 600000 -> 800000". */
static void changes_text(parley_buf_t *b, const parley_scenario_t *s, const fc_model_run_t *mr)
{
    size_t ni = parley_scenario_issue_count(s), n = 0;
    for (size_t j = 0; j < ni; j++) {
        const parley_issue_t *is = parley_scenario_issue(s, j);
        double from = mr->pkg[j], to = mr->near[j];
        if (!parley_is_open(from) && from == to)
            continue;
        parley_buf_printf(b, "%s%s: ", n++ ? "; " : "", is->id);
        if (is->kind == PARLEY_ISSUE_DISCRETE)
            parley_buf_printf(b, "%s -> %s",
                              parley_is_open(from) ? "open" : is->options[(size_t)from].id,
                              is->options[(size_t)to].id);
        else if (parley_is_open(from))
            parley_buf_printf(b, "open -> %g", to);
        else
            parley_buf_printf(b, "%g -> %g", from, to);
    }
    if (!n)
        parley_buf_puts(b, "none (the forecast is acceptable)");
}

void fc_nearest_text(parley_buf_t *b, const parley_scenario_t *s, const fc_model_run_t *mr)
{
    if (mr->near_state == FC_NEAR_NONE) {
        parley_buf_puts(b, "  nearest acceptable package: none exists on the grid (no package "
                           "meets every BATNA and red line)\n");
        return;
    }
    if (mr->near_state == FC_NEAR_UNKNOWN) {
        parley_buf_puts(b, "  nearest acceptable package: none found within the search budget\n");
        return;
    }
    if (mr->near_state == FC_NEAR_BREAKS) {
        parley_buf_printf(b, "  nearest acceptable package: none found: the search's nearest "
                             "breaks '%s'\n", parley_scenario_rule(s, mr->near_rule)->id);
        return;
    }
    parley_buf_printf(b, "  nearest acceptable package (amend's metric: fewest changed issues, "
                         "then smallest utility shift%s), %zu change%s: ",
                      mr->near_exact ? "" : "; best within the search budget", mr->near_changed,
                      mr->near_changed == 1 ? "" : "s");
    changes_text(b, s, mr);
    parley_buf_puts(b, "\n");
}

void fc_nearest_json(parley_json_t *j, const parley_scenario_t *s, const fc_model_run_t *mr)
{
    size_t ni = parley_scenario_issue_count(s), na = parley_scenario_actor_count(s);
    parley_json_key(j, "nearest_acceptable");
    parley_json_object_begin(j);
    parley_json_key(j, "metric");
    parley_json_string(j, "amend: fewest changed issues, then smallest total utility shift");
    parley_json_key(j, "found");
    parley_json_bool(j, mr->near_state == FC_NEAR_FOUND);
    parley_json_key(j, "exact"); /* the search finished: "found": false means none exists */
    parley_json_bool(j, mr->near_exact && mr->near_state != FC_NEAR_BREAKS);
    if (mr->near_state == FC_NEAR_BREAKS) {
        parley_json_key(j, "breaks");
        parley_json_string(j, parley_scenario_rule(s, mr->near_rule)->id);
    }
    if (mr->near_state == FC_NEAR_FOUND) {
        parley_json_key(j, "changed");
        parley_json_int(j, (long long)mr->near_changed);
        parley_json_key(j, "positions");
        parley_json_object_begin(j);
        for (size_t k = 0; k < ni; k++) {
            const parley_issue_t *is = parley_scenario_issue(s, k);
            parley_json_key(j, is->id);
            if (is->kind == PARLEY_ISSUE_DISCRETE)
                parley_json_string(j, is->options[(size_t)mr->near[k]].id);
            else
                parley_json_number(j, mr->near[k]);
        }
        parley_json_object_end(j);
        parley_json_key(j, "utilities");
        parley_json_object_begin(j);
        for (size_t i = 0; i < na; i++) {
            parley_json_key(j, parley_scenario_actor(s, i)->id);
            parley_json_number(j, parley_utility(s, i, mr->near));
        }
        parley_json_object_end(j);
    }
    parley_json_object_end(j);
}

void fc_nearest_csv(parley_buf_t *b, const parley_scenario_t *s, const fc_model_run_t *mr)
{
    if (mr->near_state != FC_NEAR_FOUND)
        return;
    for (size_t k = 0; k < parley_scenario_issue_count(s); k++) {
        const parley_issue_t *is = parley_scenario_issue(s, k);
        char num[32];
        parley_format_number(mr->near[k], num);
        parley_buf_printf(b, "%s,nearest,", parley_model_name(mr->model));
        parley_csv_field(b, is->id);
        parley_buf_printf(b, ",,,%s,", num);
        parley_csv_field(b, is->kind == PARLEY_ISSUE_DISCRETE ? is->options[(size_t)mr->near[k]].id
                                                              : "");
        parley_buf_printf(b, ",,,,,,,,%s\n", parley_scenario_hash(s));
    }
}
