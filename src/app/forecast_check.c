/*
 * forecast_check.c — every forecast checked against the actors: the
 * forecast read as a package (a discrete issue at its nearest option, a
 * scale position clipped to the scale, an issue nobody takes part in left
 * open) and evaluated for each actor with the public eval API, so that a
 * forecast crossing a red line or falling below a BATNA says so. With
 * linkage the package is also checked against every constraint and
 * conditional red line (the models themselves ignore them). Runs once per
 * model after the model; actors x issues evaluations, plus one per rule.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "forecast.h"

double fc_package_position(const parley_issue_t *is, double v)
{
    if (isnan(v))
        return PARLEY_OPEN;
    if (is->kind == PARLEY_ISSUE_DISCRETE) {
        double k = floor(v + 0.5);
        return k < 0 ? 0 : k > (double)(is->n_options - 1) ? (double)(is->n_options - 1) : k;
    }
    return v < is->lo ? is->lo : v > is->hi ? is->hi : v;
}

/* Linkage: the package against every rule, for the report (eval has
 * already made a broken conditional red line its actor's veto and counted
 * the terms in the utilities). */
static parley_status_t check_rules(const parley_scenario_t *s, fc_model_run_t *mr)
{
    size_t nr = parley_scenario_rule_count(s);
    mr->broken_constraints = 0;
    mr->rules = calloc(nr + 1, 1);
    if (!mr->rules)
        return PARLEY_ENOMEM;
    for (size_t k = 0; k < nr; k++) {
        int b = parley_rule_broken(s, k, mr->pkg);
        mr->rules[k] = (signed char)b;
        mr->broken_constraints += parley_scenario_rule(s, k)->actor == (size_t)-1 && b == 1;
    }
    return PARLEY_OK;
}

const char *fc_linkage_text(parley_model_t m)
{
    switch (m) {
    case PARLEY_MODEL_SMP:
        return "moves every issue at once as a spatial position and ignores interaction terms, "
               "constraints and conditional red lines";
    case PARLEY_MODEL_EXCHANGE:
        return "trades positions between issues by their saliences, each issue a separate scale, "
               "and ignores interaction terms, constraints and conditional red lines";
    default:
        return "works issue by issue and ignores interaction terms, constraints and conditional "
               "red lines";
    }
}

parley_status_t fc_check_model(const parley_scenario_t *s, fc_model_run_t *mr)
{
    size_t na = parley_scenario_actor_count(s), ni = parley_scenario_issue_count(s);
    mr->pkg = malloc((ni + 1) * sizeof *mr->pkg);
    mr->checks = malloc((na + 1) * sizeof *mr->checks);
    mr->red = calloc(na * ni + 1, 1);
    parley_issue_eval_t *ie = malloc((ni + 1) * sizeof *ie);
    if (!mr->pkg || !mr->checks || !mr->red || !ie) {
        free(ie);
        return PARLEY_ENOMEM;
    }
    for (size_t j = 0; j < ni; j++)
        mr->pkg[j] = fc_package_position(parley_scenario_issue(s, j),
                                         mr->traj[(size_t)mr->rounds * ni + j]);
    mr->accepted = 0;
    for (size_t i = 0; i < na; i++) {
        parley_eval_actor(s, i, mr->pkg, &mr->checks[i], ie);
        for (size_t j = 0; j < ni; j++)
            mr->red[i * ni + j] = (unsigned char)ie[j].red_line;
    }
    free(ie);
    if (check_rules(s, mr) != PARLEY_OK)
        return PARLEY_ENOMEM;
    for (size_t i = 0; i < na; i++)
        mr->accepted += mr->checks[i].verdict == PARLEY_ACCEPT;
    return PARLEY_OK;
}

void fc_check_free(fc_model_run_t *mr)
{
    free(mr->pkg);
    free(mr->checks);
    free(mr->red);
    free(mr->rules);
    mr->pkg = NULL;
    mr->checks = NULL;
    mr->red = NULL;
    mr->rules = NULL;
}

void fc_red_text(parley_buf_t *b, const parley_scenario_t *s, const fc_model_run_t *mr, size_t i,
                 const char *sep)
{
    size_t ni = parley_scenario_issue_count(s), n = 0;
    for (size_t j = 0; j < ni; j++)
        if (mr->red[i * ni + j])
            parley_buf_printf(b, "%s%s", n++ ? sep : "", parley_scenario_issue(s, j)->id);
    for (size_t k = 0; mr->rules && k < parley_scenario_rule_count(s); k++)
        if (mr->rules[k] == 1 && parley_scenario_rule(s, k)->actor == i)
            parley_buf_printf(b, "%sconditional '%s'", n++ ? sep : "",
                              parley_scenario_rule(s, k)->id);
    if (!n)
        parley_buf_puts(b, "-");
}

static size_t actor_width(const parley_scenario_t *s)
{
    size_t w = 7;
    for (size_t i = 0; i < parley_scenario_actor_count(s); i++) {
        size_t k = app_width(parley_scenario_actor(s, i)->id) + 2;
        w = k > w ? k : w;
    }
    return w;
}

static void num_text(char *buf, size_t cap, double v, int sign)
{
    if (isnan(v))
        snprintf(buf, cap, "open");
    else
        snprintf(buf, cap, sign ? "%+.3f" : "%.3f", v + 0.0);
}

/* The check crosses a red line: an issue's, or a conditional one. */
static int crossed(const parley_actor_eval_t *e)
{
    return e->red_lines_crossed || e->rules_broken;
}

/* The constraints the package breaks (or may break: an open issue decides). */
static void rules_text(parley_buf_t *b, const parley_scenario_t *s, const fc_model_run_t *mr)
{
    for (size_t k = 0; mr->rules && k < parley_scenario_rule_count(s); k++) {
        const parley_rule_t *r = parley_scenario_rule(s, k);
        if (r->actor == (size_t)-1 && mr->rules[k] == 1)
            parley_buf_printf(b, "  ! breaks the constraint '%s': it is no package at all\n", r->id);
        else if (mr->rules[k] == PARLEY_UNDECIDED)
            parley_buf_printf(b, "  ? may break the %s '%s%s%s' (an open issue decides)\n",
                              r->actor == (size_t)-1 ? "constraint" : "conditional red line",
                              r->id, r->actor == (size_t)-1 ? "" : "' of '",
                              r->actor == (size_t)-1 ? "" : parley_scenario_actor(s, r->actor)->id);
    }
}

/* The warning lines under the table: who rejects, and why. */
static void flags_text(parley_buf_t *b, const parley_scenario_t *s, const fc_model_run_t *mr)
{
    size_t na = parley_scenario_actor_count(s), below = 0;
    for (size_t i = 0; i < na; i++) {
        below += mr->checks[i].verdict == PARLEY_REJECT && !crossed(&mr->checks[i]);
    }
    for (size_t i = 0; i < na; i++)
        if (crossed(&mr->checks[i])) {
            parley_buf_printf(b, "  ! crosses a red line of %s: ", parley_scenario_actor(s, i)->id);
            fc_red_text(b, s, mr, i, ", ");
            parley_buf_puts(b, "\n");
        }
    if (below) {
        parley_buf_puts(b, "  ! below the BATNA of");
        for (size_t i = 0, n = 0; i < na; i++)
            if (mr->checks[i].verdict == PARLEY_REJECT && !crossed(&mr->checks[i]))
                parley_buf_printf(b, "%s %s", n++ ? "," : "", parley_scenario_actor(s, i)->id);
        parley_buf_puts(b, "\n");
    }
    rules_text(b, s, mr);
    if (mr->accepted == na && !mr->broken_constraints)
        parley_buf_puts(b, "  acceptable to every actor (no red line crossed, no one below "
                           "its BATNA)\n");
}

void fc_check_text(parley_buf_t *b, const parley_scenario_t *s, const fc_model_run_t *mr)
{
    size_t na = parley_scenario_actor_count(s), w = actor_width(s);
    parley_buf_printf(b, "\n  checked as a package (discrete issues at the nearest option): "
                         "%zu of %zu actors accept\n",
                      mr->accepted, na);
    if (parley_scenario_linked(s))
        parley_buf_printf(b, "  linkage: the model %s; the check below applies them\n",
                          fc_linkage_text(mr->model));
    parley_buf_puts(b, "  ");
    app_pad(b, "actor", w);
    parley_buf_puts(b, "utility  batna   surplus  verdict  red lines crossed\n");
    for (size_t i = 0; i < na; i++) {
        const parley_actor_eval_t *e = &mr->checks[i];
        char u[32], bt[32], sp[32];
        num_text(u, sizeof u, e->utility, 0);
        num_text(bt, sizeof bt, e->batna, 0);
        num_text(sp, sizeof sp, e->surplus, 1);
        parley_buf_puts(b, "  ");
        app_pad(b, parley_scenario_actor(s, i)->id, w);
        parley_buf_printf(b, "%-7s  %-6s  %-7s  %-7s  ", u, bt, sp,
                          e->verdict == PARLEY_REJECT ? "REJECT"
                                                      : parley_verdict_name(e->verdict));
        fc_red_text(b, s, mr, i, ", ");
        parley_buf_puts(b, "\n");
    }
    flags_text(b, s, mr);
}

/* key: [ids of the rules of `actor` ((size_t)-1: constraints) in state]. */
static void rules_json(parley_json_t *j, const parley_scenario_t *s, const fc_model_run_t *mr,
                       size_t actor, const char *key, int state)
{
    parley_json_key(j, key);
    parley_json_array_begin(j);
    for (size_t k = 0; k < parley_scenario_rule_count(s); k++)
        if (mr->rules[k] == state && parley_scenario_rule(s, k)->actor == actor)
            parley_json_string(j, parley_scenario_rule(s, k)->id);
    parley_json_array_end(j);
}

void fc_check_json(parley_json_t *j, const parley_scenario_t *s, const fc_model_run_t *mr)
{
    size_t na = parley_scenario_actor_count(s), ni = parley_scenario_issue_count(s);
    int linked = parley_scenario_linked(s);
    parley_json_key(j, "acceptable");
    parley_json_bool(j, mr->accepted == na && !mr->broken_constraints);
    if (linked) {
        parley_json_key(j, "linkage");
        parley_json_string(j, fc_linkage_text(mr->model));
        parley_json_key(j, "feasible");
        parley_json_bool(j, !mr->broken_constraints);
        rules_json(j, s, mr, (size_t)-1, "constraints_broken", 1);
        rules_json(j, s, mr, (size_t)-1, "constraints_undecided", PARLEY_UNDECIDED);
    }
    parley_json_key(j, "checks");
    parley_json_array_begin(j);
    for (size_t i = 0; i < na; i++) {
        const parley_actor_eval_t *e = &mr->checks[i];
        parley_json_object_begin(j);
        parley_json_key(j, "actor");
        parley_json_string(j, parley_scenario_actor(s, i)->id);
        parley_json_key(j, "utility");
        parley_json_number(j, e->utility);
        parley_json_key(j, "batna");
        parley_json_number(j, e->batna);
        parley_json_key(j, "surplus");
        parley_json_number(j, e->surplus);
        parley_json_key(j, "verdict");
        parley_json_string(j, parley_verdict_name(e->verdict));
        parley_json_key(j, "below_batna");
        parley_json_bool(j, e->surplus < 0.0);
        parley_json_key(j, "red_lines_crossed");
        parley_json_array_begin(j);
        for (size_t k = 0; k < ni; k++)
            if (mr->red[i * ni + k])
                parley_json_string(j, parley_scenario_issue(s, k)->id);
        parley_json_array_end(j);
        if (linked) {
            rules_json(j, s, mr, i, "conditional_red_lines_broken", 1);
            rules_json(j, s, mr, i, "conditional_red_lines_undecided", PARLEY_UNDECIDED);
        }
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}

void fc_check_csv(parley_buf_t *b, const parley_scenario_t *s, const fc_model_run_t *mr)
{
    size_t na = parley_scenario_actor_count(s);
    for (size_t i = 0; i < na; i++) {
        const parley_actor_eval_t *e = &mr->checks[i];
        char u[32] = "", bt[32] = "", sp[32] = "";
        if (!isnan(e->utility))
            parley_format_number(e->utility, u);
        parley_format_number(e->batna, bt);
        if (!isnan(e->surplus))
            parley_format_number(e->surplus, sp);
        parley_buf_printf(b, "%s,actor,,", parley_model_name(mr->model));
        parley_csv_field(b, parley_scenario_actor(s, i)->id);
        parley_buf_printf(b, ",,,,,,%s,%s,%s,%s,", u, bt, sp, parley_verdict_name(e->verdict));
        parley_buf_t red;
        parley_buf_init(&red);
        size_t ni = parley_scenario_issue_count(s), n = 0;
        for (size_t k = 0; k < ni; k++)
            if (mr->red[i * ni + k])
                parley_buf_printf(&red, "%s%s", n++ ? ";" : "", parley_scenario_issue(s, k)->id);
        for (size_t k = 0; k < parley_scenario_rule_count(s); k++)
            if (mr->rules[k] == 1 && parley_scenario_rule(s, k)->actor == i)
                parley_buf_printf(&red, "%s%s", n++ ? ";" : "", parley_scenario_rule(s, k)->id);
        parley_csv_field(b, red.data ? red.data : "");
        parley_buf_free(&red);
        parley_buf_printf(b, ",%s\n", parley_scenario_hash(s));
    }
    /* A `constraint` record per constraint broken (verdict "broken") or
     * decided by an open issue ("undecided"), its id in the last column. */
    for (size_t k = 0; k < parley_scenario_rule_count(s); k++) {
        const parley_rule_t *r = parley_scenario_rule(s, k);
        if (r->actor != (size_t)-1 || mr->rules[k] == 0)
            continue;
        parley_buf_printf(b, "%s,constraint,,,,,,,,,,,%s,", parley_model_name(mr->model),
                          mr->rules[k] == 1 ? "broken" : "undecided");
        parley_csv_field(b, r->id);
        parley_buf_printf(b, ",%s\n", parley_scenario_hash(s));
    }
}
