/*
 * mc_choice.c — choice inputs (a strategy, the protocol, the meeting or the
 * mediator written as {dist: choice, ...}) in the outputs: the options and
 * their probabilities, and in a simulate Monte Carlo the probability of
 * agreement given each option, with a warning when the result hangs on the
 * label (parley_mc_choice_hangs; docs/montecarlo.md, "Choices"); and the
 * agreement given each chance tactic's use or chance event's occurrence
 * (parley_mc_chance_count), after the choices.
 */
#include <math.h>
#include <stdio.h>
#include "mc.h"

void app_choice_json(parley_json_t *j, const parley_uncertain_t *u)
{
    parley_json_key(j, "options");
    parley_json_array_begin(j);
    for (size_t k = 0; k < u->n_options; k++) {
        parley_json_object_begin(j);
        parley_json_key(j, "name");
        parley_json_string(j, u->options[k]);
        parley_json_key(j, "p");
        parley_json_number(j, u->p[k]);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
    parley_json_key(j, "estimate_option");
    parley_json_string(j, u->options[(size_t)u->base]);
}

void mc_choice_input_text(parley_buf_t *b, const parley_uncertain_t *u)
{
    parley_buf_printf(b, "    %s  choice", u->path);
    for (size_t k = 0; k < u->n_options; k++)
        parley_buf_printf(b, "%s%s %g", k ? ", " : " ", u->options[k], u->p[k]);
    parley_buf_puts(b, "\n");
}

void app_text_choices(parley_buf_t *b, const parley_scenario_t *s)
{
    for (size_t u = 0; u < parley_scenario_uncertain_count(s); u++) {
        const parley_uncertain_t *x = parley_scenario_uncertain(s, u);
        if (x->dist != PARLEY_DIST_CHOICE)
            continue;
        parley_buf_printf(b, "Uncertain label: %s is a choice (", x->path);
        for (size_t k = 0; k < x->n_options; k++)
            parley_buf_printf(b, "%s%s %g", k ? ", " : "", x->options[k], x->p[k]);
        parley_buf_printf(b, "); this run takes %s, and the outcome may hang on it: parley "
                             "montecarlo draws it, parley sensitivity ranks it\n",
                          x->options[(size_t)x->base]);
    }
}

static double share(uint64_t k, uint64_t n)
{
    return n ? (double)k / (double)n : (double)NAN;
}

/* "LABEL  S% (95% CI L%-H%, Y of N UNIT)", or "- (never drawn)" when N is 0. */
static void given_line(parley_buf_t *b, int width, const char *label, uint64_t y, uint64_t n,
                       const char *unit)
{
    double lo, hi;
    parley_buf_printf(b, "\n    %-*s ", width, label);
    if (!n) {
        parley_buf_puts(b, "- (never drawn)");
        return;
    }
    parley_mc_wilson(y, n, &lo, &hi);
    parley_buf_printf(b, "%.1f%% (95%% CI %.1f%%-%.1f%%, %llu of %llu %s)", 100.0 * share(y, n),
                      100.0 * lo, 100.0 * hi, (unsigned long long)y, (unsigned long long)n, unit);
}

/* Uncertain input u when it is a choice of a simulate run, else NULL. */
static const parley_uncertain_t *choice_at(const parley_mc_t *mc, size_t u)
{
    const parley_uncertain_t *x = parley_scenario_uncertain(parley_mc_scenario(mc), u);
    return parley_mc_options(mc)->what == PARLEY_MC_SIMULATE && x &&
                   x->dist == PARLEY_DIST_CHOICE
               ? x
               : NULL;
}

void mc_choice_text(parley_buf_t *b, const parley_mc_t *mc)
{
    const parley_scenario_t *s = parley_mc_scenario(mc);
    for (size_t u = 0; u < parley_scenario_uncertain_count(s); u++) {
        const parley_uncertain_t *x = choice_at(mc, u);
        if (!x)
            continue;
        parley_buf_printf(b, "\n  agreement given %s:", x->path);
        for (size_t k = 0; k < x->n_options; k++) {
            uint64_t n, y;
            parley_mc_choice_count(mc, u, k, &n, &y);
            given_line(b, 14, x->options[k], y, n, "draws");
        }
        size_t lo, hi;
        if (parley_mc_choice_hangs(mc, u, &lo, &hi)) {
            uint64_t nl, yl, nh, yh;
            parley_mc_choice_count(mc, u, lo, &nl, &yl);
            parley_mc_choice_count(mc, u, hi, &nh, &yh);
            parley_buf_printf(b, "\n  warning: the probability of agreement hangs on the label "
                                 "%s: %.1f%% with %s, %.1f%% with %s (more than %.0f points "
                                 "apart, 95%% intervals disjoint); the overall figure averages "
                                 "over a modelling choice", x->path, 100.0 * share(yl, nl),
                              x->options[lo], 100.0 * share(yh, nh), x->options[hi],
                              100.0 * PARLEY_MC_HANGS);
        }
    }
}

void mc_choice_json(parley_json_t *j, const parley_mc_t *mc)
{
    const parley_scenario_t *s = parley_mc_scenario(mc);
    size_t u = 0, nu = parley_scenario_uncertain_count(s);
    while (u < nu && !choice_at(mc, u))
        u++;
    if (u == nu)
        return; /* no "choices" key without a choice */
    parley_json_key(j, "choices");
    parley_json_array_begin(j);
    for (; u < nu; u++) {
        const parley_uncertain_t *x = choice_at(mc, u);
        if (!x)
            continue;
        parley_json_object_begin(j);
        parley_json_key(j, "path");
        parley_json_string(j, x->path);
        parley_json_key(j, "given");
        parley_json_object_begin(j);
        for (size_t k = 0; k < x->n_options; k++) {
            uint64_t n, y;
            parley_mc_choice_count(mc, u, k, &n, &y);
            parley_json_key(j, x->options[k]);
            parley_json_object_begin(j);
            parley_json_key(j, "drawn");
            parley_json_int(j, (long long)n);
            mc_j_prob(j, "agreement", y, n);
            parley_json_object_end(j);
        }
        parley_json_object_end(j);
        size_t lo, hi;
        int hangs = parley_mc_choice_hangs(mc, u, &lo, &hi);
        parley_json_key(j, "hangs");
        parley_json_bool(j, hangs);
        parley_json_key(j, "lowest");
        if (hangs)
            parley_json_string(j, x->options[lo]);
        else
            parley_json_null(j);
        parley_json_key(j, "highest");
        if (hangs)
            parley_json_string(j, x->options[hi]);
        else
            parley_json_null(j);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}

void mc_choice_csv(parley_buf_t *b, const parley_mc_t *mc)
{
    const parley_scenario_t *s = parley_mc_scenario(mc);
    for (size_t u = 0; u < parley_scenario_uncertain_count(s); u++) {
        const parley_uncertain_t *x = choice_at(mc, u);
        if (!x)
            continue;
        char subj[PARLEY_MAX_OVERRIDE_PATH + 200];
        for (size_t k = 0; k < x->n_options; k++) {
            uint64_t n, y;
            double lo, hi;
            parley_mc_choice_count(mc, u, k, &n, &y);
            parley_mc_wilson(y, n, &lo, &hi);
            snprintf(subj, sizeof subj, "%s=%s", x->path, x->options[k]);
            mc_c_row(b, "choice", subj, "drawn", (double)n);
            mc_c_row(b, "choice", subj, "agreement_count", (double)y);
            mc_c_row(b, "choice", subj, "agreement_share", share(y, n));
            mc_c_row(b, "choice", subj, "ci95_low", lo);
            mc_c_row(b, "choice", subj, "ci95_high", hi);
        }
        size_t lo, hi;
        mc_c_row(b, "choice_hangs", x->path, "hangs", parley_mc_choice_hangs(mc, u, &lo, &hi));
    }
}

/* ---- chance tactics and events: P(agreement | drawn), P(agreement | not) */

typedef struct chance_item {
    int event;
    size_t k;
    const char *name;
    double p;
} chance_item_t;

/* The n-th chance item of a simulate run (tactics, then events); 0 past the last. */
static int chance_at(const parley_mc_t *mc, size_t n, chance_item_t *it)
{
    const parley_sim_config_t *c = parley_scenario_simulation(parley_mc_scenario(mc));
    uint64_t a, b;
    for (int event = 0; event < 2; event++)
        for (size_t k = 0; k < (event ? c->n_events : c->n_tactics); k++)
            if (parley_mc_chance_count(mc, event, k, 1, &a, &b, NULL) && n-- == 0) {
                it->event = event;
                it->k = k;
                it->name = event ? c->events[k].name : c->tactics[k].name;
                it->p = event ? c->events[k].probability : c->tactics[k].probability;
                return 1;
            }
    return 0;
}

static const char *drawn_word(const chance_item_t *it, int drawn)
{
    if (it->event)
        return drawn ? "happens" : "does not happen";
    return drawn ? "used" : "not used";
}

void mc_chance_text(parley_buf_t *b, const parley_mc_t *mc)
{
    chance_item_t it;
    for (size_t n = 0; chance_at(mc, n, &it); n++) {
        parley_buf_printf(b, "\n  agreement given the %s %s (simulation.%s[%zu], probability %g):",
                          it.event ? "event" : "tactic", it.name ? it.name : "",
                          it.event ? "events" : "tactics", it.k, it.p);
        for (int d = 1; d >= 0; d--) {
            uint64_t runs, y, h;
            double lo, hi;
            parley_mc_chance_count(mc, it.event, it.k, d, &runs, &y, &h);
            given_line(b, 16, drawn_word(&it, d), y, runs, "runs");
            if (!y)
                continue;
            parley_mc_wilson(h, y, &lo, &hi);
            parley_buf_printf(b, "; holds %.1f%% (%.1f%%-%.1f%%, %llu of %llu)",
                              100.0 * share(h, y), 100.0 * lo, 100.0 * hi,
                              (unsigned long long)h, (unsigned long long)y);
        }
    }
}

void mc_chance_json(parley_json_t *j, const parley_mc_t *mc)
{
    chance_item_t it;
    if (!chance_at(mc, 0, &it))
        return; /* no "chances" key without a chance tactic or event */
    parley_json_key(j, "chances");
    parley_json_array_begin(j);
    for (size_t n = 0; chance_at(mc, n, &it); n++) {
        char path[64];
        snprintf(path, sizeof path, "simulation.%s[%zu]", it.event ? "events" : "tactics", it.k);
        parley_json_object_begin(j);
        parley_json_key(j, "path");
        parley_json_string(j, path);
        parley_json_key(j, "kind");
        parley_json_string(j, it.event ? "event" : "tactic");
        parley_json_key(j, "name");
        if (it.name)
            parley_json_string(j, it.name);
        else
            parley_json_null(j);
        parley_json_key(j, "probability");
        parley_json_number(j, it.p);
        parley_json_key(j, "given");
        parley_json_object_begin(j);
        for (int d = 1; d >= 0; d--) {
            uint64_t runs, y, h;
            parley_mc_chance_count(mc, it.event, it.k, d, &runs, &y, &h);
            parley_json_key(j, d ? "drawn" : "not_drawn");
            parley_json_object_begin(j);
            parley_json_key(j, "runs");
            parley_json_int(j, (long long)runs);
            mc_j_prob(j, "agreement", y, runs);
            mc_j_prob(j, "holds", h, y);
            parley_json_object_end(j);
        }
        parley_json_object_end(j);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}

void mc_chance_csv(parley_buf_t *b, const parley_mc_t *mc)
{
    chance_item_t it;
    for (size_t n = 0; chance_at(mc, n, &it); n++)
        for (int d = 1; d >= 0; d--) {
            char subj[96];
            uint64_t runs, y, h;
            double lo, hi;
            parley_mc_chance_count(mc, it.event, it.k, d, &runs, &y, &h);
            parley_mc_wilson(y, runs, &lo, &hi);
            snprintf(subj, sizeof subj, "simulation.%s[%zu]=%s", it.event ? "events" : "tactics",
                     it.k, d ? "drawn" : "not_drawn");
            mc_c_row(b, "chance", subj, "runs", (double)runs);
            mc_c_row(b, "chance", subj, "agreement_count", (double)y);
            mc_c_row(b, "chance", subj, "agreement_share", share(y, runs));
            mc_c_row(b, "chance", subj, "ci95_low", lo);
            mc_c_row(b, "chance", subj, "ci95_high", hi);
            parley_mc_wilson(h, y, &lo, &hi);
            mc_c_row(b, "chance", subj, "holds_count", (double)h);
            mc_c_row(b, "chance", subj, "holds_share", share(h, y));
            mc_c_row(b, "chance", subj, "holds_ci95_low", lo);
            mc_c_row(b, "chance", subj, "holds_ci95_high", hi);
        }
}
