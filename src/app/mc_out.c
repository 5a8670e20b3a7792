/*
 * mc_out.c — writes a Monte Carlo result as text, JSON (the project's
 * header, the parameters, the uncertain inputs, then the aggregates) or
 * long-form CSV (section, subject, statistic, value). Nothing written
 * depends on threads, ranks or timing, so a seed always gives the same bytes.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mc.h"

static const char *const QNAME[PARLEY_MC_QUANTILES] = {"p05", "p25", "p50", "p75", "p95"};

/* The first stat of group g about (issue, actor, model); (size_t)-1 if none. */
static size_t find(const parley_mc_t *mc, parley_mc_group_t g, size_t issue, size_t actor,
                   int model)
{
    for (size_t k = 0; k < parley_mc_stat_count(mc); k++) {
        const parley_mc_stat_t *st = parley_mc_stat(mc, k);
        if (st->group == g && st->issue == issue && st->actor == actor && st->model == model)
            return k;
    }
    return (size_t)-1;
}

static size_t find_g(const parley_mc_t *mc, parley_mc_group_t g)
{
    return find(mc, g, (size_t)-1, (size_t)-1, -1);
}

static double share(uint64_t k, uint64_t n)
{
    return n ? (double)k / (double)n : (double)NAN;
}

static uint64_t valid(const parley_mc_t *mc)
{
    return parley_mc_samples(mc) - parley_mc_invalid(mc);
}

/* ---- JSON */
static void j_num(parley_json_t *j, const char *k, double v)
{
    parley_json_key(j, k);
    parley_json_number(j, v);
}

static void j_int(parley_json_t *j, const char *k, uint64_t v)
{
    parley_json_key(j, k);
    parley_json_int(j, (long long)v);
}

/* {"count", "share", "ci95": [lo, hi]} of k in n. */
void mc_j_prob(parley_json_t *j, const char *key, uint64_t k, uint64_t n)
{
    double lo, hi;
    parley_mc_wilson(k, n, &lo, &hi);
    parley_json_key(j, key);
    parley_json_object_begin(j);
    j_int(j, "count", k);
    j_int(j, "of", n);
    j_num(j, "share", share(k, n));
    parley_json_key(j, "ci95");
    parley_json_array_begin(j);
    parley_json_number(j, lo);
    parley_json_number(j, hi);
    parley_json_array_end(j);
    parley_json_object_end(j);
}

static void j_summary(parley_json_t *j, const parley_mc_t *mc, size_t stat)
{
    parley_mc_summary_t s;
    parley_mc_summary(mc, stat, &s);
    j_int(j, "n", s.n);
    j_num(j, "mean", s.mean);
    j_num(j, "sd", s.sd);
    for (int q = 0; q < PARLEY_MC_QUANTILES; q++)
        j_num(j, QNAME[q], s.q[q]);
}

/* Each category: {"name": {"count", "share"}} with shares of n. */
static void j_categories(parley_json_t *j, const parley_mc_t *mc, size_t stat, uint64_t n)
{
    const parley_mc_stat_t *st = parley_mc_stat(mc, stat);
    parley_json_object_begin(j);
    for (size_t c = 0; c < st->n_categories; c++) {
        uint64_t k = parley_mc_count(mc, stat, c);
        parley_json_key(j, st->names[c]);
        parley_json_object_begin(j);
        j_int(j, "count", k);
        j_num(j, "share", share(k, n));
        parley_json_object_end(j);
    }
    parley_json_object_end(j);
}

/* An INTEGERS stat: summary and the non-zero counts. */
static void j_integers(parley_json_t *j, const parley_mc_t *mc, size_t stat)
{
    const parley_mc_stat_t *st = parley_mc_stat(mc, stat);
    parley_json_object_begin(j);
    j_summary(j, mc, stat);
    parley_json_key(j, "counts");
    parley_json_array_begin(j);
    for (size_t c = 0; c < st->n_categories; c++) {
        uint64_t k = parley_mc_count(mc, stat, c);
        if (!k)
            continue;
        parley_json_array_begin(j);
        parley_json_int(j, (long long)c);
        parley_json_int(j, (long long)k);
        parley_json_array_end(j);
    }
    parley_json_array_end(j);
    parley_json_object_end(j);
}

/* The position stat of an issue: options with shares, or a summary. */
static void j_position(parley_json_t *j, const parley_mc_t *mc, size_t stat)
{
    const parley_mc_stat_t *st = parley_mc_stat(mc, stat);
    parley_mc_summary_t s;
    parley_mc_summary(mc, stat, &s);
    if (st->kind == PARLEY_MC_CATEGORIES) {
        parley_json_object_begin(j);
        j_int(j, "n", s.n);
        parley_json_key(j, "options");
        j_categories(j, mc, stat, s.n);
        parley_json_object_end(j);
    } else {
        parley_json_object_begin(j);
        j_summary(j, mc, stat);
        parley_json_object_end(j);
    }
}

void mc_uncertain_json(parley_json_t *j, const parley_scenario_t *s)
{
    parley_json_array_begin(j);
    for (size_t k = 0; k < parley_scenario_uncertain_count(s); k++) {
        const parley_uncertain_t *u = parley_scenario_uncertain(s, k);
        parley_json_object_begin(j);
        parley_json_key(j, "path");
        parley_json_string(j, u->path);
        parley_json_key(j, "label");
        parley_json_string(j, u->label);
        parley_json_key(j, "dist");
        parley_json_string(j, parley_mc_dist_name(u->dist));
        j_num(j, "min", u->a);
        j_num(j, "max", u->b);
        if (u->dist == PARLEY_DIST_TRIANGULAR)
            j_num(j, "mode", u->c);
        if (u->dist == PARLEY_DIST_NORMAL) {
            j_num(j, "mean", u->c);
            j_num(j, "sd", u->d);
        }
        if (u->dist == PARLEY_DIST_BETA) {
            j_num(j, "alpha", u->c);
            j_num(j, "beta", u->d);
        }
        j_num(j, "value", u->base);
        if (u->dist == PARLEY_DIST_CHOICE)
            app_choice_json(j, u);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}

static void j_parameters(parley_json_t *j, const parley_mc_t *mc)
{
    const parley_mc_options_t *o = parley_mc_options(mc);
    const parley_scenario_t *s = parley_mc_scenario(mc);
    parley_json_key(j, "parameters");
    parley_json_object_begin(j);
    parley_json_key(j, "what");
    parley_json_string(j, parley_mc_what_name(o->what));
    j_int(j, "samples", o->samples);
    parley_json_key(j, "seed");
    if (o->seed <= (uint64_t)INT64_MAX) {
        parley_json_int(j, (long long)o->seed);
    } else { /* the JSON writer's integers are signed: a decimal string beyond */
        char seed[24];
        snprintf(seed, sizeof seed, "%llu", (unsigned long long)o->seed);
        parley_json_string(j, seed);
    }
    if (o->what == PARLEY_MC_SIMULATE) {
        const parley_sim_config_t *c = parley_scenario_simulation(s);
        j_int(j, "horizon", o->sim.horizon ? o->sim.horizon : c->horizon);
        j_int(j, "grid", o->sim.grid ? o->sim.grid : c->grid);
    } else if (o->what == PARLEY_MC_FORECAST) {
        parley_json_key(j, "models");
        parley_json_array_begin(j);
        for (size_t m = 0; m < o->n_models; m++)
            parley_json_string(j, parley_model_name(o->models[m]));
        parley_json_array_end(j);
    } else {
        j_int(j, "grid", o->grid);
        parley_json_key(j, "solution");
        parley_json_string(j, parley_solution_name(o->solution));
    }
    parley_json_object_end(j);
}

/* "terms" and "actors": the deal's terms per issue, utility and surplus per actor. */
static void j_deal(parley_json_t *j, const parley_mc_t *mc)
{
    const parley_scenario_t *s = parley_mc_scenario(mc);
    parley_json_key(j, "terms");
    parley_json_object_begin(j);
    for (size_t i = 0; i < parley_scenario_issue_count(s); i++) {
        parley_json_key(j, parley_scenario_issue(s, i)->id);
        j_position(j, mc, find(mc, PARLEY_MCG_TERMS, i, (size_t)-1, -1));
    }
    parley_json_object_end(j);
    parley_json_key(j, "actors");
    parley_json_object_begin(j);
    for (size_t a = 0; a < parley_scenario_actor_count(s); a++) {
        parley_json_key(j, parley_scenario_actor(s, a)->id);
        parley_json_object_begin(j);
        parley_json_key(j, "utility");
        parley_json_object_begin(j);
        j_summary(j, mc, find(mc, PARLEY_MCG_UTILITY, (size_t)-1, a, -1));
        parley_json_object_end(j);
        parley_json_key(j, "surplus");
        parley_json_object_begin(j);
        j_summary(j, mc, find(mc, PARLEY_MCG_SURPLUS, (size_t)-1, a, -1));
        parley_json_object_end(j);
        parley_json_object_end(j);
    }
    parley_json_object_end(j);
}

static void j_simulate(parley_json_t *j, const parley_mc_t *mc)
{
    size_t end = find_g(mc, PARLEY_MCG_END), holds = find_g(mc, PARLEY_MCG_HOLDS);
    uint64_t n = valid(mc), agreed = parley_mc_count(mc, end, 0);
    mc_j_prob(j, "agreement", agreed, n);
    mc_choice_json(j, mc);
    mc_chance_json(j, mc);
    parley_json_key(j, "breakdown");
    parley_json_object_begin(j);
    mc_j_prob(j, "horizon", parley_mc_count(mc, end, 1), n);
    mc_j_prob(j, "breakdown-too-few", parley_mc_count(mc, end, 2), n);
    mc_j_prob(j, "breakdown-essential", parley_mc_count(mc, end, 3), n);
    parley_json_object_end(j);
    parley_json_key(j, "left");
    j_categories(j, mc, find_g(mc, PARLEY_MCG_WALKED), n);
    parley_json_key(j, "walked_out");
    j_categories(j, mc, find_g(mc, PARLEY_MCG_WALKED_OUT), n);
    parley_json_key(j, "warnings");
    j_categories(j, mc, find_g(mc, PARLEY_MCG_WARNING), n);
    parley_json_key(j, "round");
    j_integers(j, mc, find_g(mc, PARLEY_MCG_ROUND));
    j_deal(j, mc);
    parley_json_key(j, "durability");
    parley_json_object_begin(j);
    mc_j_prob(j, "holds", parley_mc_count(mc, holds, 0), agreed);
    parley_json_key(j, "rounds");
    j_integers(j, mc, find_g(mc, PARLEY_MCG_DURABILITY));
    parley_json_key(j, "breaker");
    j_categories(j, mc, find_g(mc, PARLEY_MCG_BREAKER), parley_mc_count(mc, holds, 1));
    parley_json_key(j, "why");
    j_categories(j, mc, find_g(mc, PARLEY_MCG_BREAK_WHY), parley_mc_count(mc, holds, 1));
    parley_json_object_end(j);
    size_t home = find_g(mc, PARLEY_MCG_HOME);
    if (home == (size_t)-1)
        return;
    parley_json_key(j, "ratification");
    parley_json_object_begin(j);
    mc_j_prob(j, "signed", parley_mc_count(mc, home, 0), n);
    mc_j_prob(j, "voided", parley_mc_count(mc, home, 1), n);
    mc_j_prob(j, "ratified", parley_mc_count(mc, home, 2), n);
    parley_json_key(j, "rejected_by");
    j_categories(j, mc, find_g(mc, PARLEY_MCG_VOIDER), n);
    parley_json_object_end(j);
}

/* With constraints: per model, how often its forecast keeps them. */
static void j_forecast_constraints(parley_json_t *j, const parley_mc_t *mc)
{
    const parley_mc_options_t *o = parley_mc_options(mc);
    if (find(mc, PARLEY_MCG_FORECAST_CONSTRAINTS, (size_t)-1, (size_t)-1, (int)o->models[0]) ==
        (size_t)-1)
        return;
    parley_json_key(j, "forecast_constraints");
    parley_json_object_begin(j);
    for (size_t m = 0; m < o->n_models; m++) {
        parley_json_key(j, parley_model_name(o->models[m]));
        j_categories(j, mc,
                     find(mc, PARLEY_MCG_FORECAST_CONSTRAINTS, (size_t)-1, (size_t)-1,
                          (int)o->models[m]),
                     valid(mc));
    }
    parley_json_object_end(j);
}

static void j_forecast(parley_json_t *j, const parley_mc_t *mc)
{
    const parley_mc_options_t *o = parley_mc_options(mc);
    const parley_scenario_t *s = parley_mc_scenario(mc);
    parley_json_key(j, "forecast");
    parley_json_object_begin(j);
    for (size_t m = 0; m < o->n_models; m++) {
        int model = (int)o->models[m];
        parley_json_key(j, parley_model_name(o->models[m]));
        parley_json_object_begin(j);
        for (size_t i = 0; i < parley_scenario_issue_count(s); i++) {
            size_t v = find(mc, PARLEY_MCG_FORECAST, i, (size_t)-1, model);
            size_t opt = find(mc, PARLEY_MCG_FORECAST_OPTION, i, (size_t)-1, model);
            parley_json_key(j, parley_scenario_issue(s, i)->id);
            parley_json_object_begin(j);
            j_summary(j, mc, v);
            if (opt != (size_t)-1) {
                parley_mc_summary_t sm;
                parley_mc_summary(mc, opt, &sm);
                parley_json_key(j, "options");
                j_categories(j, mc, opt, sm.n);
            }
            parley_json_object_end(j);
        }
        parley_json_object_end(j);
    }
    parley_json_object_end(j);
    j_forecast_constraints(j, mc);
}

void mc_render_json(parley_buf_t *b, const parley_mc_t *mc)
{
    parley_json_t j;
    parley_json_init(&j, b, 1);
    parley_json_object_begin(&j);
    app_json_header(&j, "montecarlo", parley_mc_scenario(mc));
    j_parameters(&j, mc);
    parley_json_key(&j, "uncertain");
    mc_uncertain_json(&j, parley_mc_scenario(mc));
    parley_json_key(&j, "samples");
    parley_json_object_begin(&j);
    j_int(&j, "drawn", parley_mc_samples(mc));
    j_int(&j, "refused", parley_mc_invalid(mc));
    parley_json_object_end(&j);
    switch (parley_mc_options(mc)->what) {
    case PARLEY_MC_SIMULATE: j_simulate(&j, mc); break;
    case PARLEY_MC_FORECAST: j_forecast(&j, mc); break;
    case PARLEY_MC_SPACE:
        mc_j_prob(&j, "zopa", parley_mc_count(mc, find_g(mc, PARLEY_MCG_ZOPA), 0), valid(mc));
        j_deal(&j, mc);
        break;
    }
    parley_json_object_end(&j);
    parley_buf_puts(b, "\n");
}

/* ---- CSV: section,subject,statistic,value */
void mc_c_row(parley_buf_t *b, const char *sec, const char *subj, const char *stat, double v)
{
    char num[32];
    parley_csv_field(b, sec);
    parley_buf_puts(b, ",");
    parley_csv_field(b, subj ? subj : "");
    parley_buf_puts(b, ",");
    parley_csv_field(b, stat);
    if (isnan(v)) {
        parley_buf_puts(b, ",\n");
        return;
    }
    parley_format_number(v, num);
    parley_buf_printf(b, ",%s\n", num);
}

static void c_prob(parley_buf_t *b, const char *sec, const char *subj, uint64_t k, uint64_t n)
{
    double lo, hi;
    parley_mc_wilson(k, n, &lo, &hi);
    mc_c_row(b, sec, subj, "count", (double)k);
    mc_c_row(b, sec, subj, "share", share(k, n));
    mc_c_row(b, sec, subj, "ci95_low", lo);
    mc_c_row(b, sec, subj, "ci95_high", hi);
}

static void c_summary(parley_buf_t *b, const char *sec, const char *subj, const parley_mc_t *mc,
                      size_t stat)
{
    parley_mc_summary_t s;
    parley_mc_summary(mc, stat, &s);
    mc_c_row(b, sec, subj, "n", (double)s.n);
    mc_c_row(b, sec, subj, "mean", s.mean);
    mc_c_row(b, sec, subj, "sd", s.sd);
    for (int q = 0; q < PARLEY_MC_QUANTILES; q++)
        mc_c_row(b, sec, subj, QNAME[q], s.q[q]);
}

static void c_categories(parley_buf_t *b, const char *sec, const char *subj,
                         const parley_mc_t *mc, size_t stat, uint64_t n)
{
    const parley_mc_stat_t *st = parley_mc_stat(mc, stat);
    char name[160];
    for (size_t c = 0; c < st->n_categories; c++) {
        snprintf(name, sizeof name, "share:%s", st->names[c]);
        if (subj)
            mc_c_row(b, sec, subj, name, share(parley_mc_count(mc, stat, c), n));
        else
            mc_c_row(b, sec, st->names[c], "share", share(parley_mc_count(mc, stat, c), n));
    }
}

static void c_position(parley_buf_t *b, const char *sec, const char *subj,
                       const parley_mc_t *mc, size_t stat)
{
    if (parley_mc_stat(mc, stat)->kind == PARLEY_MC_CATEGORIES) {
        parley_mc_summary_t s;
        parley_mc_summary(mc, stat, &s);
        mc_c_row(b, sec, subj, "n", (double)s.n);
        c_categories(b, sec, subj, mc, stat, s.n);
    } else {
        c_summary(b, sec, subj, mc, stat);
    }
}

static void c_deal(parley_buf_t *b, const parley_mc_t *mc)
{
    const parley_scenario_t *s = parley_mc_scenario(mc);
    for (size_t i = 0; i < parley_scenario_issue_count(s); i++)
        c_position(b, "terms", parley_scenario_issue(s, i)->id, mc,
                   find(mc, PARLEY_MCG_TERMS, i, (size_t)-1, -1));
    for (size_t a = 0; a < parley_scenario_actor_count(s); a++) {
        const char *id = parley_scenario_actor(s, a)->id;
        c_summary(b, "utility", id, mc, find(mc, PARLEY_MCG_UTILITY, (size_t)-1, a, -1));
        c_summary(b, "surplus", id, mc, find(mc, PARLEY_MCG_SURPLUS, (size_t)-1, a, -1));
    }
}

static void c_simulate(parley_buf_t *b, const parley_mc_t *mc)
{
    size_t end = find_g(mc, PARLEY_MCG_END), holds = find_g(mc, PARLEY_MCG_HOLDS);
    uint64_t n = valid(mc), agreed = parley_mc_count(mc, end, 0);
    c_prob(b, "agreement", NULL, agreed, n);
    mc_choice_csv(b, mc);
    mc_chance_csv(b, mc);
    c_prob(b, "breakdown", "horizon", parley_mc_count(mc, end, 1), n);
    c_prob(b, "breakdown", "breakdown-too-few", parley_mc_count(mc, end, 2), n);
    c_prob(b, "breakdown", "breakdown-essential", parley_mc_count(mc, end, 3), n);
    c_categories(b, "left", NULL, mc, find_g(mc, PARLEY_MCG_WALKED), n);
    c_categories(b, "walked_out", NULL, mc, find_g(mc, PARLEY_MCG_WALKED_OUT), n);
    c_categories(b, "warnings", NULL, mc, find_g(mc, PARLEY_MCG_WARNING), n);
    c_summary(b, "round", NULL, mc, find_g(mc, PARLEY_MCG_ROUND));
    c_deal(b, mc);
    c_prob(b, "durability", "holds", parley_mc_count(mc, holds, 0), agreed);
    c_summary(b, "durability", "rounds", mc, find_g(mc, PARLEY_MCG_DURABILITY));
    c_categories(b, "breaker", NULL, mc, find_g(mc, PARLEY_MCG_BREAKER),
                 parley_mc_count(mc, holds, 1));
    c_categories(b, "why", NULL, mc, find_g(mc, PARLEY_MCG_BREAK_WHY),
                 parley_mc_count(mc, holds, 1));
    size_t home = find_g(mc, PARLEY_MCG_HOME);
    if (home == (size_t)-1)
        return;
    c_prob(b, "ratification", "signed", parley_mc_count(mc, home, 0), n);
    c_prob(b, "ratification", "voided", parley_mc_count(mc, home, 1), n);
    c_prob(b, "ratification", "ratified", parley_mc_count(mc, home, 2), n);
    c_categories(b, "rejected_by", NULL, mc, find_g(mc, PARLEY_MCG_VOIDER), n);
}

static void c_forecast(parley_buf_t *b, const parley_mc_t *mc)
{
    const parley_mc_options_t *o = parley_mc_options(mc);
    const parley_scenario_t *s = parley_mc_scenario(mc);
    char subj[256];
    for (size_t m = 0; m < o->n_models; m++)
        for (size_t i = 0; i < parley_scenario_issue_count(s); i++) {
            int model = (int)o->models[m];
            snprintf(subj, sizeof subj, "%s:%s", parley_model_name(o->models[m]),
                     parley_scenario_issue(s, i)->id);
            c_summary(b, "forecast", subj, mc, find(mc, PARLEY_MCG_FORECAST, i, (size_t)-1, model));
            size_t opt = find(mc, PARLEY_MCG_FORECAST_OPTION, i, (size_t)-1, model);
            if (opt != (size_t)-1) {
                parley_mc_summary_t sm;
                parley_mc_summary(mc, opt, &sm);
                c_categories(b, "forecast", subj, mc, opt, sm.n);
            }
        }
    for (size_t m = 0; m < o->n_models; m++) {
        size_t k = find(mc, PARLEY_MCG_FORECAST_CONSTRAINTS, (size_t)-1, (size_t)-1,
                        (int)o->models[m]);
        if (k != (size_t)-1)
            c_categories(b, "constraints", parley_model_name(o->models[m]), mc, k, valid(mc));
    }
}

void mc_render_csv(parley_buf_t *b, const parley_mc_t *mc)
{
    parley_buf_puts(b, "section,subject,statistic,value\n");
    mc_c_row(b, "samples", NULL, "drawn", (double)parley_mc_samples(mc));
    mc_c_row(b, "samples", NULL, "refused", (double)parley_mc_invalid(mc));
    switch (parley_mc_options(mc)->what) {
    case PARLEY_MC_SIMULATE: c_simulate(b, mc); break;
    case PARLEY_MC_FORECAST: c_forecast(b, mc); break;
    case PARLEY_MC_SPACE:
        c_prob(b, "zopa", NULL, parley_mc_count(mc, find_g(mc, PARLEY_MCG_ZOPA), 0), valid(mc));
        c_deal(b, mc);
        break;
    }
}

/* ---- Text */
static void t_value(parley_buf_t *b, const parley_mc_stat_t *st, double v)
{
    if (isnan(v))
        parley_buf_puts(b, "-");
    else if (st->hi - st->lo >= 100.0)
        parley_buf_printf(b, "%.0f", v);
    else
        parley_buf_printf(b, "%.3f", v);
}

/* "mean 0.512 [5% 0.401, 50% 0.515, 95% 0.620]" */
static void t_summary(parley_buf_t *b, const parley_mc_t *mc, size_t stat)
{
    const parley_mc_stat_t *st = parley_mc_stat(mc, stat);
    parley_mc_summary_t s;
    parley_mc_summary(mc, stat, &s);
    if (!s.n) {
        parley_buf_puts(b, "-");
        return;
    }
    parley_mc_stat_t shown = *st;
    if (st->kind == PARLEY_MC_INTEGERS) { /* rounds: whole numbers, a mean with one decimal */
        parley_buf_printf(b, "mean %.1f [5%% %.0f, 50%% %.0f, 95%% %.0f]", s.mean, s.q[0], s.q[2],
                          s.q[4]);
        return;
    }
    parley_buf_puts(b, "mean ");
    t_value(b, &shown, s.mean);
    parley_buf_puts(b, " [5% ");
    t_value(b, &shown, s.q[0]);
    parley_buf_puts(b, ", 50% ");
    t_value(b, &shown, s.q[2]);
    parley_buf_puts(b, ", 95% ");
    t_value(b, &shown, s.q[4]);
    parley_buf_puts(b, "]");
}

/* "a 61.0%, b 39.0%" for the non-zero categories, largest first. */
static void t_categories(parley_buf_t *b, const parley_mc_t *mc, size_t stat, uint64_t n)
{
    const parley_mc_stat_t *st = parley_mc_stat(mc, stat);
    unsigned char used[256] = {0};
    size_t shown = 0;
    for (;;) {
        size_t best = (size_t)-1;
        uint64_t bk = 0;
        for (size_t c = 0; c < st->n_categories && c < sizeof used; c++) {
            uint64_t k = parley_mc_count(mc, stat, c);
            if (!used[c] && k > bk) {
                best = c;
                bk = k;
            }
        }
        if (best == (size_t)-1)
            break;
        used[best] = 1;
        parley_buf_printf(b, "%s%s %.1f%%", shown++ ? ", " : "", st->names[best],
                          100.0 * share(bk, n));
    }
    if (!shown)
        parley_buf_puts(b, "-");
}

static void t_prob(parley_buf_t *b, uint64_t k, uint64_t n)
{
    double lo, hi;
    if (!n) {
        parley_buf_puts(b, "- (0 of 0)");
        return;
    }
    parley_mc_wilson(k, n, &lo, &hi);
    parley_buf_printf(b, "%.1f%% (95%% CI %.1f%%-%.1f%%, %llu of %llu)", 100.0 * share(k, n),
                      100.0 * lo, 100.0 * hi, (unsigned long long)k, (unsigned long long)n);
}

static size_t id_width(const parley_scenario_t *s)
{
    size_t w = 6;
    for (size_t i = 0; i < parley_scenario_issue_count(s); i++)
        w = app_width(parley_scenario_issue(s, i)->id) > w ? app_width(parley_scenario_issue(s, i)->id) : w;
    for (size_t a = 0; a < parley_scenario_actor_count(s); a++)
        w = app_width(parley_scenario_actor(s, a)->id) > w ? app_width(parley_scenario_actor(s, a)->id) : w;
    return w + 2;
}

static void t_deal(parley_buf_t *b, const parley_mc_t *mc, const char *title)
{
    const parley_scenario_t *s = parley_mc_scenario(mc);
    size_t w = id_width(s);
    parley_buf_printf(b, "\n%s\n", title);
    for (size_t i = 0; i < parley_scenario_issue_count(s); i++) {
        size_t k = find(mc, PARLEY_MCG_TERMS, i, (size_t)-1, -1);
        parley_buf_puts(b, "  ");
        app_pad(b, parley_scenario_issue(s, i)->id, w);
        if (parley_mc_stat(mc, k)->kind == PARLEY_MC_CATEGORIES) {
            parley_mc_summary_t sm;
            parley_mc_summary(mc, k, &sm);
            t_categories(b, mc, k, sm.n);
        } else {
            t_summary(b, mc, k);
        }
        parley_buf_puts(b, "\n");
    }
    parley_buf_puts(b, "\n  ");
    app_pad(b, "actor", w);
    parley_buf_puts(b, "utility                                        surplus\n");
    for (size_t a = 0; a < parley_scenario_actor_count(s); a++) {
        parley_buf_t cell;
        parley_buf_init(&cell);
        t_summary(&cell, mc, find(mc, PARLEY_MCG_UTILITY, (size_t)-1, a, -1));
        parley_buf_puts(b, "  ");
        app_pad(b, parley_scenario_actor(s, a)->id, w);
        app_pad(b, cell.data ? cell.data : "", 47);
        t_summary(b, mc, find(mc, PARLEY_MCG_SURPLUS, (size_t)-1, a, -1));
        parley_buf_puts(b, "\n");
        parley_buf_free(&cell);
    }
}

static void t_simulate(parley_buf_t *b, const parley_mc_t *mc)
{
    size_t end = find_g(mc, PARLEY_MCG_END), holds = find_g(mc, PARLEY_MCG_HOLDS);
    uint64_t n = valid(mc), agreed = parley_mc_count(mc, end, 0);
    uint64_t broke = parley_mc_count(mc, holds, 1);
    parley_buf_puts(b, "\nAgreement: ");
    t_prob(b, agreed, n);
    parley_buf_printf(b, "\n  no deal by the horizon %.1f%%\n"
                         "  breakdown: an essential party walked out %.1f%%\n"
                         "  breakdown: fewer than two parties left %.1f%%\n",
                      100.0 * share(parley_mc_count(mc, end, 1), n),
                      100.0 * share(parley_mc_count(mc, end, 3), n),
                      100.0 * share(parley_mc_count(mc, end, 2), n));
    parley_buf_puts(b, "  walked out, ending the talks: ");
    t_categories(b, mc, find_g(mc, PARLEY_MCG_WALKED_OUT), n);
    parley_buf_puts(b, "\n  left the talks (the others went on): ");
    t_categories(b, mc, find_g(mc, PARLEY_MCG_WALKED), n);
    size_t wk = find_g(mc, PARLEY_MCG_WARNING);
    for (size_t k = 0; k < PARLEY_SIM_WARN_KINDS; k++)
        if (parley_mc_count(mc, wk, k))
            parley_buf_printf(b, "\n  warning: %.1f%% of the runs had the set-up warning '%s' "
                                 "(see simulate)", 100.0 * share(parley_mc_count(mc, wk, k), n),
                              parley_sim_warning_key((parley_sim_warning_kind_t)k));
    mc_choice_text(b, mc);
    mc_chance_text(b, mc);
    parley_buf_puts(b, "\n  agreement round: ");
    t_summary(b, mc, find_g(mc, PARLEY_MCG_ROUND));
    size_t home = find_g(mc, PARLEY_MCG_HOME);
    if (home != (size_t)-1) {
        parley_buf_puts(b, "\n\nRatification at home:\n  signed by the room (at least once): ");
        t_prob(b, parley_mc_count(mc, home, 0), n);
        parley_buf_puts(b, "\n  a signature voided at home: ");
        t_prob(b, parley_mc_count(mc, home, 1), n);
        parley_buf_puts(b, "\n  a deal every vote ratified (later votes included): ");
        t_prob(b, parley_mc_count(mc, home, 2), n);
        parley_buf_puts(b, "\n  rejected a signature or the deal: ");
        t_categories(b, mc, find_g(mc, PARLEY_MCG_VOIDER), n);
    }
    parley_buf_puts(b, "\n\nDurability: the deal holds in ");
    t_prob(b, parley_mc_count(mc, holds, 0), agreed);
    parley_buf_puts(b, "\n  rounds until it breaks: ");
    t_summary(b, mc, find_g(mc, PARLEY_MCG_DURABILITY));
    parley_buf_puts(b, "\n  first to break it: ");
    t_categories(b, mc, find_g(mc, PARLEY_MCG_BREAKER), broke);
    parley_buf_puts(b, "\n  why it breaks: ");
    t_categories(b, mc, find_g(mc, PARLEY_MCG_BREAK_WHY), broke);
    parley_buf_puts(b, "\n");
    t_deal(b, mc, "Terms among agreements");
}

static void t_forecast(parley_buf_t *b, const parley_mc_t *mc)
{
    const parley_mc_options_t *o = parley_mc_options(mc);
    const parley_scenario_t *s = parley_mc_scenario(mc);
    size_t w = id_width(s);
    for (size_t m = 0; m < o->n_models; m++) {
        int model = (int)o->models[m];
        parley_buf_printf(b, "\n%s\n", parley_model_name(o->models[m]));
        for (size_t i = 0; i < parley_scenario_issue_count(s); i++) {
            size_t opt = find(mc, PARLEY_MCG_FORECAST_OPTION, i, (size_t)-1, model);
            parley_buf_puts(b, "  ");
            app_pad(b, parley_scenario_issue(s, i)->id, w);
            if (opt != (size_t)-1) {
                parley_mc_summary_t sm;
                parley_mc_summary(mc, opt, &sm);
                t_categories(b, mc, opt, sm.n);
            } else {
                t_summary(b, mc, find(mc, PARLEY_MCG_FORECAST, i, (size_t)-1, model));
            }
            parley_buf_puts(b, "\n");
        }
        size_t kc = find(mc, PARLEY_MCG_FORECAST_CONSTRAINTS, (size_t)-1, (size_t)-1, model);
        if (kc != (size_t)-1) {
            parley_buf_puts(b, "  as a package, the constraints: ");
            t_categories(b, mc, kc, valid(mc));
            parley_buf_puts(b, "\n");
        }
    }
}

void mc_render_text(parley_buf_t *b, const parley_mc_t *mc)
{
    const parley_mc_options_t *o = parley_mc_options(mc);
    const parley_scenario_t *s = parley_mc_scenario(mc);
    size_t k = parley_scenario_uncertain_count(s);
    parley_buf_printf(b, "Monte Carlo (%s) of %s\n  %s\n", parley_mc_what_name(o->what),
                      parley_scenario_origin(s), parley_scenario_hash(s));
    app_text_set(b, s, "  ");
    parley_buf_printf(b, "  %llu samples, seed %llu; %zu uncertain input%s%s\n",
                      (unsigned long long)parley_mc_samples(mc), (unsigned long long)o->seed, k,
                      k == 1 ? "" : "s", k ? ":" : " (the chance events are drawn in each run)");
    for (size_t u = 0; u < k; u++) {
        const parley_uncertain_t *x = parley_scenario_uncertain(s, u);
        if (x->dist == PARLEY_DIST_CHOICE)
            mc_choice_input_text(b, x);
        else
            parley_buf_printf(b, "    %s  %s %g..%g\n", x->path, parley_mc_dist_name(x->dist),
                              x->a, x->b);
    }
    if (parley_mc_invalid(mc))
        parley_buf_printf(b, "  %llu draws refused (an actor's saliences all 0), not counted\n",
                          (unsigned long long)parley_mc_invalid(mc));
    switch (o->what) {
    case PARLEY_MC_SIMULATE: t_simulate(b, mc); break;
    case PARLEY_MC_FORECAST: t_forecast(b, mc); break;
    case PARLEY_MC_SPACE: {
        parley_buf_puts(b, "\nZone of possible agreement exists: ");
        t_prob(b, parley_mc_count(mc, find_g(mc, PARLEY_MCG_ZOPA), 0), valid(mc));
        parley_buf_puts(b, "\n");
        char title[128];
        snprintf(title, sizeof title, "The %s deal, when there is a ZOPA",
                 parley_solution_name(o->solution));
        t_deal(b, mc, title);
        break;
    }
    }
}
