/*
 * charts_mc.c — the Monte Carlo run's Vega-Lite specs (charts.h): the
 * outcome's probabilities with their Wilson 95% intervals, the terms of the
 * deals per issue, and the round of agreement. Read from the run's integer
 * counters; a continuous issue's 1000-bin histogram is drawn in 40 bars.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "charts.h"
#include "charts_int.h"

#define TERM_BARS 40

/* "count": k[, "of": n], "share": k / n — a bar's height. */
static void count_share(parley_json_t *j, uint64_t k, uint64_t n, int of)
{
    charts__key_int(j, "count", (long long)k);
    if (of)
        charts__key_int(j, "of", (long long)n);
    charts__key_number(j, "share", n ? (double)k / (double)n : 0.0);
}

static uint64_t stat_total(const parley_mc_t *mc, size_t st)
{
    uint64_t n = 0;
    for (size_t c = 0; c < parley_mc_stat(mc, st)->n_categories; c++)
        n += parley_mc_count(mc, st, c);
    return n;
}

static void share_y(parley_json_t *j, const char *field, const char *title)
{
    charts__channel_begin(j, "y", field, "quantitative", title);
    charts__key_object(j, "axis");
    charts__key_string(j, "format", "%");
    parley_json_object_end(j);
    parley_json_object_end(j);
}

static void nominal_x(parley_json_t *j, const char *field, const char *title, const char *sort)
{
    charts__channel_begin(j, "x", field, "nominal", title);
    parley_json_key(j, "sort");
    if (sort) {
        parley_json_object_begin(j);
        charts__key_string(j, "field", sort);
        parley_json_object_end(j);
    } else {
        parley_json_null(j);
    }
    charts__key_object(j, "axis");
    charts__key_number(j, "labelAngle", -40);
    parley_json_object_end(j);
    parley_json_object_end(j);
}

/* ---- (g) the outcome: agreement, no deal by the horizon, the two breakdowns (or ZOPA) */

void charts_mc_outcome(parley_json_t *j, const parley_mc_t *mc)
{
    static const char *const tip[] = {"outcome", "count", "of", "share", "ci95_low", "ci95_high",
                                      NULL};
    const parley_scenario_t *s = parley_mc_scenario(mc);
    int space = parley_mc_options(mc)->what == PARLEY_MC_SPACE;
    size_t st = parley_mc_find_stat(mc, space ? "zopa" : "end");
    char sub[160];
    snprintf(sub, sizeof sub, "share of %llu samples with its Wilson 95%% interval",
             (unsigned long long)parley_mc_samples(mc));
    parley_json_object_begin(j);
    charts__head(j, s, space ? "Monte Carlo: is there a ZOPA?" : "Monte Carlo: how the talks end",
                 sub);
    charts__data_begin(j);
    uint64_t n = st == (size_t)-1 ? 0 : stat_total(mc, st);
    for (size_t c = 0; st != (size_t)-1 && c < parley_mc_stat(mc, st)->n_categories; c++) {
        uint64_t k = parley_mc_count(mc, st, c);
        double lo, hi;
        parley_mc_wilson(k, n, &lo, &hi);
        parley_json_object_begin(j);
        charts__key_string(j, "outcome", parley_mc_stat(mc, st)->names[c]);
        count_share(j, k, n, 1);
        charts__key_number(j, "ci95_low", lo);
        charts__key_number(j, "ci95_high", hi);
        parley_json_object_end(j);
    }
    charts__data_end(j);
    charts__size(j, 300, 200);
    charts__key_object(j, "encoding");
    nominal_x(j, "outcome", NULL, NULL);
    parley_json_object_end(j);
    parley_json_key(j, "layer");
    parley_json_array_begin(j);
    parley_json_object_begin(j); /* the share */
    charts__key_string(j, "mark", "bar");
    charts__key_object(j, "encoding");
    share_y(j, "share", "probability");
    charts__tooltip(j, tip);
    charts__layer_end(j);
    charts__layer_begin(j, "rule"); /* its interval */
    charts__key_string(j, "color", "#000");
    charts__key_number(j, "strokeWidth", 2);
    charts__encoding_begin(j);
    share_y(j, "ci95_low", "probability");
    charts__field(j, "y2", "ci95_high", "quantitative", NULL);
    charts__layer_end(j);
    parley_json_array_end(j);
    parley_json_object_end(j);
}

/* ---- (h) the terms of the deals, per issue */

static void term_row(parley_json_t *j, const char *issue, const char *term, size_t order,
                     uint64_t k, uint64_t n)
{
    parley_json_object_begin(j);
    charts__key_string(j, "issue", issue);
    charts__key_string(j, "term", term);
    charts__key_int(j, "order", (long long)order);
    count_share(j, k, n, 0);
    parley_json_object_end(j);
}

static void terms_of(parley_json_t *j, const parley_mc_t *mc, size_t st)
{
    const parley_mc_stat_t *m = parley_mc_stat(mc, st);
    const parley_issue_t *is = parley_scenario_issue(parley_mc_scenario(mc), m->issue);
    if (m->kind != PARLEY_MC_VALUES) {
        uint64_t n = stat_total(mc, st);
        for (size_t c = 0; c < m->n_categories; c++) {
            char name[32];
            if (!m->names)
                snprintf(name, sizeof name, "%zu", c);
            term_row(j, is->id, m->names ? m->names[c] : name, c, parley_mc_count(mc, st, c), n);
        }
        return;
    }
    parley_mc_summary_t sum;
    parley_mc_summary(mc, st, &sum);
    for (size_t g = 0; g < TERM_BARS; g++) {
        uint64_t k = 0;
        for (size_t b = g * PARLEY_MC_BINS / TERM_BARS; b < (g + 1) * PARLEY_MC_BINS / TERM_BARS; b++)
            k += parley_mc_bin(mc, st, b);
        char text[64];
        double mid = m->lo + (m->hi - m->lo) * ((double)g + 0.5) / TERM_BARS;
        charts__position_text(is, mid, text, sizeof text);
        term_row(j, is->id, text, g, k, sum.n);
    }
}

void charts_mc_terms(parley_json_t *j, const parley_mc_t *mc)
{
    static const char *const tip[] = {"issue", "term", "count", "share", NULL};
    const parley_scenario_t *s = parley_mc_scenario(mc);
    parley_json_object_begin(j);
    charts__head(j, s, "Monte Carlo: the terms of the deals",
                 "per issue, the share of the deals with each term (a continuous issue in "
                 "40 bins of its scale)");
    charts__data_begin(j);
    for (size_t st = 0; st < parley_mc_stat_count(mc); st++)
        if (parley_mc_stat(mc, st)->group == PARLEY_MCG_TERMS)
            terms_of(j, mc, st);
    charts__data_end(j);
    charts__facet(j, "facet", "issue", s);
    charts__key_number(j, "columns", 4);
    charts__key_object(j, "resolve");
    charts__key_object(j, "scale");
    charts__key_string(j, "x", "independent");
    parley_json_object_end(j);
    parley_json_object_end(j);
    charts__key_object(j, "spec");
    charts__size(j, 200, 110);
    charts__key_string(j, "mark", "bar");
    charts__key_object(j, "encoding");
    nominal_x(j, "term", NULL, "order");
    share_y(j, "share", "share of deals");
    charts__tooltip(j, tip);
    parley_json_object_end(j);
    parley_json_object_end(j);
    parley_json_object_end(j);
}

/* ---- (i) the round of agreement */

void charts_mc_round(parley_json_t *j, const parley_mc_t *mc)
{
    static const char *const tip[] = {"round", "count", "share", NULL};
    size_t st = parley_mc_find_stat(mc, "round");
    uint64_t n = st == (size_t)-1 ? 0 : stat_total(mc, st);
    parley_json_object_begin(j);
    charts__head(j, parley_mc_scenario(mc), "Monte Carlo: the round of agreement",
                 "share of the agreements reached in each round");
    charts__data_begin(j);
    for (size_t c = 1; st != (size_t)-1 && c < parley_mc_stat(mc, st)->n_categories; c++) {
        uint64_t k = parley_mc_count(mc, st, c);
        parley_json_object_begin(j);
        charts__key_int(j, "round", (long long)c);
        count_share(j, k, n, 0);
        parley_json_object_end(j);
    }
    charts__data_end(j);
    charts__size(j, 420, 180);
    charts__key_string(j, "mark", "bar");
    charts__key_object(j, "encoding");
    charts__field(j, "x", "round", "ordinal", "round");
    share_y(j, "share", "share of agreements");
    charts__tooltip(j, tip);
    parley_json_object_end(j);
    parley_json_object_end(j);
}
