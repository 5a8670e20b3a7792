/*
 * charts.c — the positions map and the proposals-vs-BATNA chart as
 * Vega-Lite v5 specs with inline data (charts.h), after the pieces of JSON
 * every chart writer shares (charts_int.h). Data are written in long form,
 * one row per mark, so the specs stay small and declarative; the scenarios
 * this serves have tens of actors and issues, not thousands.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "charts.h"
#include "charts_int.h"

/* ---- keyed values */

void charts__key_string(parley_json_t *j, const char *key, const char *v)
{
    parley_json_key(j, key);
    parley_json_string(j, v);
}

void charts__key_number(parley_json_t *j, const char *key, double v)
{
    parley_json_key(j, key);
    parley_json_number(j, v);
}

void charts__key_int(parley_json_t *j, const char *key, long long v)
{
    parley_json_key(j, key);
    parley_json_int(j, v);
}

void charts__key_object(parley_json_t *j, const char *key)
{
    parley_json_key(j, key);
    parley_json_object_begin(j);
}

void charts__key_pair(parley_json_t *j, const char *key, double a, double b)
{
    parley_json_key(j, key);
    parley_json_array_begin(j);
    parley_json_number(j, a);
    parley_json_number(j, b);
    parley_json_array_end(j);
}

void charts__key_strings(parley_json_t *j, const char *key, const char *const *v, size_t n)
{
    parley_json_key(j, key);
    parley_json_array_begin(j);
    for (size_t k = 0; k < n; k++)
        parley_json_string(j, v[k]);
    parley_json_array_end(j);
}

/* key: the issues' ids if issues, else the actors', in scenario order. */
static void key_ids(parley_json_t *j, const char *key, const parley_scenario_t *s, int issues)
{
    size_t n = issues ? parley_scenario_issue_count(s) : parley_scenario_actor_count(s);
    parley_json_key(j, key);
    parley_json_array_begin(j);
    for (size_t k = 0; k < n; k++)
        parley_json_string(j, issues ? parley_scenario_issue(s, k)->id
                                     : parley_scenario_actor(s, k)->id);
    parley_json_array_end(j);
}

void charts__key_actors(parley_json_t *j, const char *key, const parley_scenario_t *s)
{
    key_ids(j, key, s, 0);
}

void charts__key_issues(parley_json_t *j, const char *key, const parley_scenario_t *s)
{
    key_ids(j, key, s, 1);
}

/* ---- the spec around the marks */

void charts__head(parley_json_t *j, const parley_scenario_t *s, const char *title,
                  const char *subtitle)
{
    charts__key_string(j, "$schema", CHARTS_SCHEMA);
    charts__key_object(j, "title");
    charts__key_string(j, "text", title);
    charts__key_string(j, "subtitle", subtitle);
    parley_json_object_end(j);
    charts__key_object(j, "usermeta");
    charts__key_string(j, "generator", "parley " PARLEY_VERSION_STRING);
    charts__key_string(j, "scenario_hash", parley_scenario_hash(s));
    parley_json_object_end(j);
}

void charts__data_begin(parley_json_t *j)
{
    charts__key_object(j, "data");
    parley_json_key(j, "values");
    parley_json_array_begin(j);
}

void charts__data_end(parley_json_t *j)
{
    parley_json_array_end(j);
    parley_json_object_end(j);
}

void charts__size(parley_json_t *j, double width, double height)
{
    charts__key_number(j, "width", width);
    charts__key_number(j, "height", height);
}

/* ---- encoding channels */

/* channel: {"field": f, "type": t — left open. */
static void channel_open(parley_json_t *j, const char *channel, const char *f, const char *t)
{
    charts__key_object(j, channel);
    charts__key_string(j, "field", f);
    charts__key_string(j, "type", t);
}

void charts__channel_begin(parley_json_t *j, const char *channel, const char *f, const char *t,
                           const char *title)
{
    channel_open(j, channel, f, t);
    charts__key_string(j, "title", title);
}

void charts__field(parley_json_t *j, const char *channel, const char *f, const char *t,
                   const char *title)
{
    channel_open(j, channel, f, t);
    if (title)
        charts__key_string(j, "title", title);
    parley_json_object_end(j);
}

void charts__domain(parley_json_t *j, double lo, double hi)
{
    charts__key_object(j, "scale");
    charts__key_pair(j, "domain", lo, hi);
    parley_json_object_end(j);
}

void charts__unit_axis(parley_json_t *j, const char *channel, const char *f, const char *title)
{
    charts__channel_begin(j, channel, f, "quantitative", title);
    charts__domain(j, 0, 1);
    parley_json_object_end(j);
}

void charts__facet(parley_json_t *j, const char *key, const char *f, const parley_scenario_t *s)
{
    int issues = strcmp(f, "issue") == 0;
    assert(issues || strcmp(f, "actor") == 0);
    charts__channel_begin(j, key, f, "nominal", NULL);
    key_ids(j, "sort", s, issues);
    parley_json_object_end(j);
}

void charts__tooltip(parley_json_t *j, const char *const *fields)
{
    parley_json_key(j, "tooltip");
    parley_json_array_begin(j);
    for (size_t k = 0; fields[k]; k++) {
        parley_json_object_begin(j);
        charts__key_string(j, "field", fields[k]);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}

void charts__verdict_color(parley_json_t *j)
{
    static const char *const dom[] = {"accept", "reject", "open"};
    static const char *const rng[] = {"#2a9d3f", "#d62728", "#8c8c8c"};
    channel_open(j, "color", "verdict", "nominal");
    charts__key_object(j, "scale");
    charts__key_strings(j, "domain", dom, 3);
    charts__key_strings(j, "range", rng, 3);
    parley_json_object_end(j);
    parley_json_object_end(j);
}

/* ---- layers */

void charts__mark_begin(parley_json_t *j, const char *mark)
{
    charts__key_object(j, "mark");
    charts__key_string(j, "type", mark);
}

void charts__layer_begin(parley_json_t *j, const char *mark)
{
    parley_json_object_begin(j);
    charts__mark_begin(j, mark);
}

void charts__encoding_begin(parley_json_t *j)
{
    parley_json_object_end(j);
    charts__key_object(j, "encoding");
}

void charts__layer_end(parley_json_t *j)
{
    parley_json_object_end(j);
    parley_json_object_end(j);
}

/* ---- text */

void charts__position_text(const parley_issue_t *is, double x, char *buf, size_t cap)
{
    if (isnan(x)) {
        snprintf(buf, cap, "-");
    } else if (is->kind == PARLEY_ISSUE_DISCRETE) {
        double k = floor(x + 0.5);
        k = k < 0 ? 0 : k > (double)(is->n_options - 1) ? (double)(is->n_options - 1) : k;
        snprintf(buf, cap, "%s", is->options[(size_t)k].id);
    } else {
        char num[32];
        parley_format_number(x, num);
        snprintf(buf, cap, "%s%s%s", num, is->unit ? " " : "", is->unit ? is->unit : "");
    }
}

/* ---- (a) positions map */

static void red_line_text(const parley_issue_t *is, const parley_stance_t *st, char *buf,
                          size_t cap)
{
    buf[0] = '\0';
    if (!st->has_red_line)
        return;
    if (is->kind == PARLEY_ISSUE_DISCRETE) {
        size_t used = 0;
        for (size_t k = 0; k < is->n_options && used + 1 < cap; k++)
            if (st->red_options && st->red_options[k]) {
                int w = snprintf(buf + used, cap - used, "%s%s", used ? ", " : "", is->options[k].id);
                used += w > 0 ? (size_t)w : 0;
            }
        if (used >= cap)
            buf[cap - 1] = '\0';
        return;
    }
    char lo[32], hi[32];
    parley_format_number(st->red_below, lo);
    parley_format_number(st->red_above, hi);
    if (isfinite(st->red_below) && isfinite(st->red_above))
        snprintf(buf, cap, "below %s or above %s", lo, hi);
    else if (isfinite(st->red_below))
        snprintf(buf, cap, "below %s", lo);
    else
        snprintf(buf, cap, "above %s", hi);
}

static void positions_data(parley_json_t *j, const parley_scenario_t *s,
                           const parley_fc_problem_t *p)
{
    size_t na = p->n_actors, ni = p->n_issues;
    charts__data_begin(j);
    for (size_t i = 0; i < na; i++)
        for (size_t k = 0; k < ni; k++) {
            const parley_issue_t *is = parley_scenario_issue(s, k);
            const parley_stance_t *st = parley_scenario_stance(s, i, k);
            double x = p->position[i * ni + k];
            if (st->form == PARLEY_VALUE_NONE || isnan(x))
                continue;
            char text[256], red[512];
            charts__position_text(is, x, text, sizeof text);
            red_line_text(is, st, red, sizeof red);
            double span = p->hi[k] - p->lo[k];
            parley_json_object_begin(j);
            charts__key_string(j, "actor", parley_scenario_actor(s, i)->id);
            charts__key_string(j, "issue", is->id);
            charts__key_string(j, "issue_name", is->name);
            charts__key_number(j, "position", span > 0 ? (x - p->lo[k]) / span : 0.5);
            charts__key_string(j, "position_text", text);
            charts__key_number(j, "salience", st->salience);
            charts__key_string(j, "red_line", red[0] ? red : "none");
            parley_json_object_end(j);
        }
    charts__data_end(j);
}

/* "width": width, "height": {"step": step} — a band per row. */
static void width_and_step(parley_json_t *j, double width, double step)
{
    charts__key_number(j, "width", width);
    charts__key_object(j, "height");
    charts__key_number(j, "step", step);
    parley_json_object_end(j);
}

static void positions_axes(parley_json_t *j, const parley_scenario_t *s)
{
    charts__channel_begin(j, "x", "actor", "nominal", "actor");
    charts__key_actors(j, "sort", s);
    charts__key_object(j, "axis");
    charts__key_string(j, "orient", "top");
    charts__key_number(j, "labelAngle", 0);
    parley_json_object_end(j);
    parley_json_object_end(j);
    charts__channel_begin(j, "y", "issue", "nominal", "issue");
    charts__key_issues(j, "sort", s);
    parley_json_object_end(j);
}

static void positions_layers(parley_json_t *j)
{
    static const char *const tip[] = {"actor", "issue_name", "position_text", "salience",
                                      "red_line", NULL};
    parley_json_key(j, "layer");
    parley_json_array_begin(j);
    parley_json_object_begin(j); /* the position: a coloured cell */
    charts__key_string(j, "mark", "rect");
    charts__key_object(j, "encoding");
    charts__channel_begin(j, "color", "position", "quantitative", "position (scale low to high)");
    charts__key_object(j, "scale");
    charts__key_string(j, "scheme", "blueorange");
    charts__key_pair(j, "domain", 0, 1);
    parley_json_object_end(j);
    parley_json_object_end(j);
    charts__tooltip(j, tip);
    charts__layer_end(j);
    charts__layer_begin(j, "circle"); /* the salience: a circle's size */
    charts__key_string(j, "color", "#222");
    charts__key_number(j, "opacity", 0.75);
    charts__encoding_begin(j);
    charts__channel_begin(j, "size", "salience", "quantitative", "salience");
    charts__key_object(j, "legend"); /* its own legend, not merged with the colour's */
    charts__key_string(j, "orient", "bottom");
    charts__key_string(j, "direction", "horizontal");
    parley_json_object_end(j);
    charts__domain(j, 0, 1);
    parley_json_object_end(j);
    charts__tooltip(j, tip);
    charts__layer_end(j);
    parley_json_array_end(j);
}

void charts_positions(parley_json_t *j, const parley_scenario_t *s)
{
    parley_fc_problem_t p;
    parley_ctx_t *ctx = parley_ctx_create();
    int ok = ctx && parley_fc_problem_from_scenario(ctx, s, &p) == PARLEY_OK;
    parley_json_object_begin(j);
    charts__head(j, s, "Positions map",
                 "each actor's ideal on each issue (colour) and how much it cares (circle)");
    if (ok)
        positions_data(j, s, &p);
    width_and_step(j, 60.0 * (double)parley_scenario_actor_count(s), 26);
    charts__key_object(j, "encoding");
    positions_axes(j, s);
    parley_json_object_end(j);
    positions_layers(j);
    parley_json_object_end(j);
    if (ok)
        parley_fc_problem_free(&p);
    parley_ctx_destroy(ctx);
}

/* ---- (b) proposals vs BATNA */

static void red_list(const parley_scenario_t *s, const parley_issue_eval_t *ie, char *buf,
                     size_t cap)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < parley_scenario_issue_count(s) && used + 1 < cap; k++)
        if (ie[k].red_line) {
            int w = snprintf(buf + used, cap - used, "%s%s", used ? ", " : "",
                             parley_scenario_issue(s, k)->id);
            used += w > 0 ? (size_t)w : 0;
        }
    if (used >= cap)
        buf[cap - 1] = '\0';
}

static void proposal_row(parley_json_t *j, const parley_scenario_t *s, size_t p, size_t i,
                         parley_issue_eval_t *ie)
{
    const parley_proposal_t *pr = parley_scenario_proposal(s, p);
    parley_actor_eval_t e;
    parley_eval_actor(s, i, pr->positions, &e, ie);
    char red[1024];
    red_list(s, ie, red, sizeof red);
    double mid = isnan(e.utility) ? (e.utility_min + e.utility_max) / 2 : e.utility;
    parley_json_object_begin(j);
    charts__key_string(j, "actor", parley_scenario_actor(s, i)->id);
    charts__key_string(j, "proposal", pr->id);
    charts__key_string(j, "proposal_name", pr->name);
    charts__key_number(j, "utility", mid);
    charts__key_number(j, "utility_min", e.utility_min);
    charts__key_number(j, "utility_max", e.utility_max);
    charts__key_number(j, "batna", e.batna);
    charts__key_number(j, "surplus", mid - e.batna);
    charts__key_string(j, "verdict", parley_verdict_name(e.verdict));
    charts__key_string(j, "red_lines_crossed", red[0] ? red : "none");
    parley_json_key(j, "red_line");
    parley_json_bool(j, red[0] != '\0');
    charts__key_int(j, "open_issues", (long long)e.open_issues);
    parley_json_object_end(j);
}

static void proposals_data(parley_json_t *j, const parley_scenario_t *s)
{
    size_t ni = parley_scenario_issue_count(s);
    parley_issue_eval_t *ie = calloc(ni + 1, sizeof *ie);
    charts__data_begin(j);
    for (size_t p = 0; ie && p < parley_scenario_proposal_count(s); p++)
        for (size_t i = 0; i < parley_scenario_actor_count(s); i++)
            proposal_row(j, s, p, i, ie);
    charts__data_end(j);
    free(ie);
}

static void proposal_y(parley_json_t *j, const parley_scenario_t *s)
{
    charts__channel_begin(j, "y", "proposal", "nominal", NULL);
    parley_json_key(j, "sort");
    parley_json_array_begin(j);
    for (size_t p = 0; p < parley_scenario_proposal_count(s); p++)
        parley_json_string(j, parley_scenario_proposal(s, p)->id);
    parley_json_array_end(j);
    parley_json_object_end(j);
}

/* "shape" by "red_line": a circle, a cross where a red line is crossed. */
static void red_line_shape(parley_json_t *j)
{
    static const char *const rng[] = {"circle", "cross"};
    charts__channel_begin(j, "shape", "red_line", "nominal", "red line crossed");
    charts__key_object(j, "scale");
    parley_json_key(j, "domain");
    parley_json_array_begin(j);
    parley_json_bool(j, 0);
    parley_json_bool(j, 1);
    parley_json_array_end(j);
    charts__key_strings(j, "range", rng, 2);
    parley_json_object_end(j);
    parley_json_object_end(j);
}

#define UTILITY_TITLE "utility (0 worst, 1 ideal)"

static void proposals_layers(parley_json_t *j, const parley_scenario_t *s)
{
    static const char *const tip[] = {"proposal_name", "actor", "utility", "utility_min",
                                      "utility_max", "batna", "surplus", "verdict",
                                      "red_lines_crossed", NULL};
    parley_json_key(j, "layer");
    parley_json_array_begin(j);
    charts__layer_begin(j, "rule"); /* the range an open proposal leaves: a thick bar */
    charts__key_number(j, "strokeWidth", 8);
    charts__key_number(j, "opacity", 0.35);
    charts__encoding_begin(j);
    charts__unit_axis(j, "x", "utility_min", UTILITY_TITLE);
    charts__field(j, "x2", "utility_max", "quantitative", NULL);
    proposal_y(j, s);
    charts__verdict_color(j);
    charts__layer_end(j);
    charts__layer_begin(j, "tick"); /* the BATNA */
    charts__key_string(j, "color", "#000");
    charts__key_number(j, "thickness", 2);
    charts__encoding_begin(j);
    charts__unit_axis(j, "x", "batna", UTILITY_TITLE);
    proposal_y(j, s);
    charts__tooltip(j, tip);
    charts__layer_end(j);
    charts__layer_begin(j, "point"); /* the utility */
    parley_json_key(j, "filled");
    parley_json_bool(j, 1);
    charts__key_number(j, "size", 120);
    charts__encoding_begin(j);
    charts__unit_axis(j, "x", "utility", UTILITY_TITLE);
    proposal_y(j, s);
    charts__verdict_color(j);
    red_line_shape(j);
    charts__tooltip(j, tip);
    charts__layer_end(j);
    parley_json_array_end(j);
}

void charts_proposals(parley_json_t *j, const parley_scenario_t *s)
{
    parley_json_object_begin(j);
    charts__head(j, s, "Reactions to the plans",
                 "each actor's utility under each proposal (bar: range over open issues) "
                 "against its BATNA (black tick); a cross marks a red line crossed");
    proposals_data(j, s);
    charts__key_object(j, "facet");
    charts__facet(j, "column", "actor", s);
    parley_json_object_end(j);
    charts__key_object(j, "spec");
    width_and_step(j, 150, 24);
    proposals_layers(j, s);
    parley_json_object_end(j);
    parley_json_object_end(j);
}
