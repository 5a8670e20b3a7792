/*
 * charts_space.c — the agreement-space chart (frontier projected on a pair
 * of actors that the reader picks inside the chart) and the forecast
 * trajectories, as Vega-Lite v5 specs (charts.h). The frontier is thinned
 * to CHARTS_MAX_POINTS so a large space still gives a chart a browser draws.
 */
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "charts.h"
#include "charts_int.h"

/* ---- (c) agreement space */

static void utilities_fixed(parley_json_t *j, const parley_space_t *sp, const parley_util_t *u)
{
    const parley_scenario_t *s = parley_space_scenario(sp);
    charts__key_object(j, "u");
    for (size_t a = 0; a < parley_space_actor_count(sp); a++) {
        parley_json_key(j, parley_scenario_actor(s, parley_space_actor(sp, a))->id);
        parley_json_number(j, round(parley_space_value(sp, a, u[a]) * 1e9) / 1e9);
    }
    parley_json_object_end(j);
}

static void row_begin(parley_json_t *j, const char *kind, const char *label)
{
    parley_json_object_begin(j);
    charts__key_string(j, "kind", kind);
    charts__key_string(j, "label", label);
}

static void space_proposals(parley_json_t *j, const parley_space_t *sp)
{
    const parley_scenario_t *s = parley_space_scenario(sp);
    for (size_t p = 0; p < parley_scenario_proposal_count(s); p++) {
        const parley_proposal_t *pr = parley_scenario_proposal(s, p);
        size_t open = 0;
        row_begin(j, "proposal", pr->id);
        charts__key_object(j, "u");
        for (size_t a = 0; a < parley_space_actor_count(sp); a++) {
            size_t i = parley_space_actor(sp, a);
            parley_actor_eval_t e;
            parley_eval_actor(s, i, pr->positions, &e, NULL);
            open = e.open_issues;
            parley_json_key(j, parley_scenario_actor(s, i)->id);
            parley_json_number(j, isnan(e.utility) ? (e.utility_min + e.utility_max) / 2
                                                   : e.utility);
        }
        parley_json_object_end(j);
        charts__key_string(j, "note", open ? "open issues: midpoint of the range" : "");
        parley_json_object_end(j);
    }
}

static void space_data(parley_json_t *j, const charts_space_in_t *in, size_t stride)
{
    const parley_space_t *sp = in->sp;
    const parley_scenario_t *s = parley_space_scenario(sp);
    size_t n = in->f ? parley_frontier_points(in->f) : 0;
    charts__data_begin(j);
    row_begin(j, "batna", "BATNA");
    charts__key_object(j, "u");
    for (size_t a = 0; a < parley_space_actor_count(sp); a++) {
        const parley_actor_t *ac = parley_scenario_actor(s, parley_space_actor(sp, a));
        charts__key_number(j, ac->id, ac->batna);
    }
    parley_json_object_end(j);
    parley_json_object_end(j);
    for (size_t k = 0; k < n; k += stride) {
        row_begin(j, "frontier", "");
        utilities_fixed(j, sp, parley_frontier_utilities(in->f, k));
        parley_json_object_end(j);
    }
    for (int k = 0; in->sol && k < PARLEY_SOLUTION_COUNT; k++) {
        if (!in->f || in->sol[k] == (size_t)-1)
            continue;
        row_begin(j, "solution", parley_solution_name((parley_solution_t)k));
        utilities_fixed(j, sp, parley_frontier_utilities(in->f, in->sol[k]));
        parley_json_object_end(j);
    }
    space_proposals(j, sp);
    charts__data_end(j);
}

static void actor_param(parley_json_t *j, const parley_space_t *sp, const char *name,
                        size_t a, const char *label)
{
    const parley_scenario_t *s = parley_space_scenario(sp);
    parley_json_object_begin(j);
    charts__key_string(j, "name", name);
    charts__key_string(j, "value", parley_scenario_actor(s, parley_space_actor(sp, a))->id);
    charts__key_object(j, "bind");
    charts__key_string(j, "input", "select");
    charts__key_string(j, "name", label);
    parley_json_key(j, "options");
    parley_json_array_begin(j);
    for (size_t b = 0; b < parley_space_actor_count(sp); b++)
        parley_json_string(j, parley_scenario_actor(s, parley_space_actor(sp, b))->id);
    parley_json_array_end(j);
    parley_json_object_end(j);
    parley_json_object_end(j);
}

static void filter(parley_json_t *j, const char *kind)
{
    char expr[64];
    snprintf(expr, sizeof expr, "datum.kind === '%s'", kind);
    parley_json_key(j, "transform");
    parley_json_array_begin(j);
    parley_json_object_begin(j);
    charts__key_string(j, "filter", expr);
    parley_json_object_end(j);
    parley_json_array_end(j);
}

#define X_TITLE "utility of the x-axis actor"
#define Y_TITLE "utility of the y-axis actor"

/* One layer: its kind's rows, mark {type, then the caller's properties}. */
static void layer_begin(parley_json_t *j, const char *kind, const char *mark)
{
    parley_json_object_begin(j);
    filter(j, kind);
    charts__mark_begin(j, mark);
}

/* Closes the mark and writes x and y on both utility scales, leaving the
 * encoding open. */
static void encoding_xy(parley_json_t *j)
{
    charts__encoding_begin(j);
    charts__unit_axis(j, "x", "ux", X_TITLE);
    charts__unit_axis(j, "y", "uy", Y_TITLE);
}

/* The ZOPA of the pair, beyond both BATNAs: a shaded corner and its edges. */
static void zopa_layers(parley_json_t *j)
{
    layer_begin(j, "batna", "rect");
    charts__key_string(j, "color", "#2a9d3f");
    charts__key_number(j, "opacity", 0.1);
    encoding_xy(j);
    charts__field(j, "x2", "one", "quantitative", NULL);
    charts__field(j, "y2", "one", "quantitative", NULL);
    charts__layer_end(j);
    for (int axis = 0; axis < 2; axis++) { /* the BATNA lines */
        layer_begin(j, "batna", "rule");
        charts__key_string(j, "color", "#2a9d3f");
        charts__key_pair(j, "strokeDash", 5, 3);
        charts__encoding_begin(j);
        charts__unit_axis(j, axis ? "y" : "x", axis ? "uy" : "ux", axis ? Y_TITLE : X_TITLE);
        charts__layer_end(j);
    }
}

static void space_layers(parley_json_t *j)
{
    static const char *const tip[] = {"kind", "label", "ux", "uy", NULL};
    static const char *const ptip[] = {"label", "ux", "uy", "note", NULL};
    parley_json_key(j, "layer");
    parley_json_array_begin(j);
    zopa_layers(j);
    layer_begin(j, "frontier", "circle");
    charts__key_string(j, "color", "#777");
    charts__key_number(j, "opacity", 0.45);
    charts__key_number(j, "size", 16);
    encoding_xy(j);
    charts__tooltip(j, tip);
    charts__layer_end(j);
    layer_begin(j, "solution", "point");
    charts__key_string(j, "shape", "diamond");
    parley_json_key(j, "filled");
    parley_json_bool(j, 1);
    charts__key_number(j, "size", 150);
    encoding_xy(j);
    charts__field(j, "color", "label", "nominal", "bargaining solution");
    charts__tooltip(j, tip);
    charts__layer_end(j);
    layer_begin(j, "proposal", "square");
    charts__key_string(j, "color", "#111");
    charts__key_number(j, "size", 90);
    encoding_xy(j);
    charts__tooltip(j, ptip);
    charts__layer_end(j);
    layer_begin(j, "proposal", "text");
    charts__key_string(j, "align", "left");
    charts__key_number(j, "dx", 7);
    charts__key_number(j, "fontSize", 10);
    encoding_xy(j);
    charts__field(j, "text", "label", "nominal", NULL);
    charts__layer_end(j);
    parley_json_array_end(j);
}

static void space_transform(parley_json_t *j)
{
    static const char *const calc[3][2] = {
        {"datum.u[x_actor]", "ux"}, {"datum.u[y_actor]", "uy"}, {"1", "one"}};
    parley_json_key(j, "transform");
    parley_json_array_begin(j);
    for (int k = 0; k < 3; k++) {
        parley_json_object_begin(j);
        charts__key_string(j, "calculate", calc[k][0]);
        charts__key_string(j, "as", calc[k][1]);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}

void charts_space(parley_json_t *j, const charts_space_in_t *in)
{
    const parley_space_t *sp = in->sp;
    size_t n = in->f ? parley_frontier_points(in->f) : 0, na = parley_space_actor_count(sp);
    size_t stride = n > CHARTS_MAX_POINTS ? (n + CHARTS_MAX_POINTS - 1) / CHARTS_MAX_POINTS : 1;
    char sub[256];
    if (n == 0)
        snprintf(sub, sizeof sub, "no package beats every BATNA without crossing a red line: "
                                  "the zone of possible agreement is empty");
    else
        snprintf(sub, sizeof sub, "%zu Pareto-optimal packages%s, projected on two actors; "
                 "shaded: better than both BATNAs", n, stride > 1 ? " (thinned)" : "");
    parley_json_object_begin(j);
    charts__head(j, parley_space_scenario(sp), "Agreement space", sub);
    charts__size(j, 420, 420);
    parley_json_key(j, "params");
    parley_json_array_begin(j);
    actor_param(j, sp, "x_actor", in->x < na ? in->x : 0, "x axis: ");
    actor_param(j, sp, "y_actor", in->y < na ? in->y : (na > 1), "y axis: ");
    parley_json_array_end(j);
    space_data(j, in, stride);
    space_transform(j);
    space_layers(j);
    parley_json_object_end(j);
}

/* ---- (d) forecasts */

static void forecast_data(parley_json_t *j, const parley_scenario_t *s,
                          const charts_fc_series_t *m, size_t n)
{
    size_t ni = parley_scenario_issue_count(s);
    charts__data_begin(j);
    for (size_t q = 0; q < n; q++)
        for (size_t k = 0; k < ni; k++) {
            const parley_issue_t *is = parley_scenario_issue(s, k);
            for (unsigned r = 0; r <= m[q].rounds; r++) {
                double v = m[q].traj[(size_t)r * ni + k];
                if (isnan(v))
                    continue;
                char text[256];
                charts__position_text(is, v, text, sizeof text);
                parley_json_object_begin(j);
                charts__key_string(j, "model", parley_model_name(m[q].model));
                charts__key_string(j, "issue", is->id);
                charts__key_int(j, "round", r);
                charts__key_number(j, "value", v);
                charts__key_string(j, "nearest", text);
                parley_json_object_end(j);
            }
        }
    charts__data_end(j);
}

static void forecast_layer(parley_json_t *j, const char *mark)
{
    static const char *const tip[] = {"model", "issue", "round", "value", "nearest", NULL};
    charts__layer_begin(j, mark);
    if (strcmp(mark, "point") == 0) {
        parley_json_key(j, "filled");
        parley_json_bool(j, 1);
    }
    charts__encoding_begin(j);
    charts__channel_begin(j, "x", "round", "quantitative", "round");
    charts__key_object(j, "axis");
    charts__key_number(j, "tickMinStep", 1);
    parley_json_object_end(j);
    parley_json_object_end(j);
    charts__channel_begin(j, "y", "value", "quantitative", "forecast");
    charts__key_object(j, "scale");
    parley_json_key(j, "zero");
    parley_json_bool(j, 0);
    parley_json_object_end(j);
    parley_json_object_end(j);
    charts__field(j, "color", "model", "nominal", "model");
    charts__tooltip(j, tip);
    charts__layer_end(j);
}

void charts_forecast(parley_json_t *j, const parley_scenario_t *s, const charts_fc_series_t *m,
                     size_t n)
{
    parley_json_object_begin(j);
    charts__head(j, s, "Forecasts per model",
                 "each model's forecast on each issue, round by round (one point: a one-shot "
                 "model); discrete issues on their 0..n-1 option scale");
    forecast_data(j, s, m, n);
    charts__key_number(j, "columns", 4);
    charts__facet(j, "facet", "issue", s);
    charts__key_object(j, "spec");
    charts__size(j, 170, 110);
    parley_json_key(j, "layer");
    parley_json_array_begin(j);
    forecast_layer(j, "line");
    forecast_layer(j, "point");
    parley_json_array_end(j);
    parley_json_object_end(j);
    charts__key_object(j, "resolve");
    charts__key_object(j, "scale");
    charts__key_string(j, "x", "independent");
    charts__key_string(j, "y", "independent");
    parley_json_object_end(j);
    parley_json_object_end(j);
    parley_json_object_end(j);
}
