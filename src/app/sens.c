/*
 * sens.c — what `parley sensitivity` computes and writes: which uncertain
 * inputs move one output (agreement, round, an actor's utility or surplus,
 * the terms of an issue) most: a one-at-a-time sweep and Sobol indices
 * (src/mc/sens.c), as a tornado table or JSON sorted by influence.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "forecast.h"
#include "mc.h"

static const char CMD[] = "sensitivity";

static parley_status_t parse_metric(parley_ctx_t *ctx, const parley_scenario_t *s, const char *arg,
                                    parley_metric_t *m)
{
    static const char *const NAMES[] = {"agreement", "round", "utility", "surplus", "terms"};
    const char *name = arg ? arg : "agreement", *colon = strchr(name, ':');
    size_t len = colon ? (size_t)(colon - name) : strlen(name);
    for (int k = 0; k < 5; k++) {
        if (strlen(NAMES[k]) != len || strncmp(name, NAMES[k], len) != 0)
            continue;
        m->kind = (parley_metric_kind_t)k;
        m->index = 0;
        int needs = k >= 2;
        if (needs != (colon != NULL))
            return parley_ctx_fail(ctx, PARLEY_EARG,
                                   needs ? "--metric %s needs an id: %s:%s"
                                         : "--metric %s takes no id%s%s",
                                   NAMES[k], needs ? NAMES[k] : "",
                                   needs ? (k == 4 ? "ISSUE" : "ACTOR") : "");
        if (!needs)
            return PARLEY_OK;
        m->index = k == 4 ? parley_scenario_find_issue(s, colon + 1)
                          : parley_scenario_find_actor(s, colon + 1);
        if (m->index == (size_t)-1)
            return parley_ctx_fail(ctx, PARLEY_EINPUT, "--metric %s: no %s '%s' in the scenario",
                                   NAMES[k], k == 4 ? "issue" : "actor", colon + 1);
        return PARLEY_OK;
    }
    return parley_ctx_fail(ctx, PARLEY_EARG, "--metric must be agreement, round, utility:ACTOR, "
                           "surplus:ACTOR or terms:ISSUE, got '%s'", name);
}

static parley_status_t parse_p(parley_ctx_t *ctx, const char *opt, const char *s, double dflt,
                               double *out)
{
    char *end;
    if (!s) {
        *out = dflt;
        return PARLEY_OK;
    }
    double v = strtod(s, &end);
    if (!*s || *end || !(v >= 0.0 && v <= 1.0))
        return parley_ctx_fail(ctx, PARLEY_EARG, "%s must be a number from 0 to 1, got '%s'", opt,
                               s);
    *out = v;
    return PARLEY_OK;
}

parley_status_t sens_setup(parley_ctx_t *ctx, const sens_request_t *a, const parley_scenario_t *s,
                           parley_sens_options_t *o)
{
    parley_status_t st;
    uint64_t threads = 0, resamples = 1000;
    parley_sens_options_init(o);
    if ((st = mc_cli_what(ctx, a->what, &o->mc.what)) ||
        (a->n && (st = mc_cli_count(ctx, "-n", a->n, 2, PARLEY_MC_MAX_SAMPLES, &o->mc.samples))) ||
        (a->seed && (st = mc_cli_seed(ctx, a->seed, &o->mc.seed))) ||
        (a->threads && (st = mc_cli_count(ctx, "--threads", a->threads, 0, 256, &threads))) ||
        (a->resamples && (st = mc_cli_count(ctx, "--resamples", a->resamples, 0,
                                            PARLEY_SENS_MAX_RESAMPLES, &resamples))))
        return st;
    o->resamples = (unsigned)resamples;
    if ((st = parse_p(ctx, "--low", a->low, 0.05, &o->p_low)) ||
        (st = parse_p(ctx, "--high", a->high, 0.95, &o->p_high)) ||
        (st = parse_metric(ctx, s, a->metric, &o->metric)))
        return st;
    if (!(o->p_low < o->p_high))
        return parley_ctx_fail(ctx, PARLEY_EARG, "--low must be below --high");
    o->mc.threads = (unsigned)threads;
    if (a->model && o->mc.what != PARLEY_MC_FORECAST)
        return parley_ctx_fail(ctx, PARLEY_EARG, "--model is for --what forecast");
    if (o->mc.what == PARLEY_MC_FORECAST) {
        parley_model_t models[PARLEY_MODEL_COUNT];
        size_t n;
        if ((st = fc_cli_models(ctx, a->model ? a->model : "compromise", models, &n)))
            return st;
        o->mc.models[0] = models[0];
        o->mc.n_models = 1;
        o->mc.fc.smp = parley_scenario_smp(s)->params;
    }
    return PARLEY_OK;
}

/* Most influential first: total Sobol index, then the sweep's swing. */
static int by_influence(const void *x, const void *y)
{
    const parley_sens_input_t *a = x, *b = y;
    double sa = isnan(a->st) ? -1.0 : a->st, sb = isnan(b->st) ? -1.0 : b->st;
    if (sa != sb)
        return sa < sb ? 1 : -1;
    if (a->swing != b->swing)
        return a->swing < b->swing ? 1 : -1;
    return a->input < b->input ? -1 : a->input > b->input;
}

static void metric_name(const parley_scenario_t *s, const parley_metric_t *m, char *buf,
                        size_t cap)
{
    switch (m->kind) {
    case PARLEY_METRIC_AGREEMENT: snprintf(buf, cap, "agreement"); return;
    case PARLEY_METRIC_ROUND: snprintf(buf, cap, "round"); return;
    case PARLEY_METRIC_UTILITY:
        snprintf(buf, cap, "utility:%s", parley_scenario_actor(s, m->index)->id);
        return;
    case PARLEY_METRIC_SURPLUS:
        snprintf(buf, cap, "surplus:%s", parley_scenario_actor(s, m->index)->id);
        return;
    case PARLEY_METRIC_TERMS:
        snprintf(buf, cap, "terms:%s", parley_scenario_issue(s, m->index)->id);
        return;
    }
    snprintf(buf, cap, "?");
}

static void num(parley_buf_t *b, double v, int width)
{
    if (isnan(v))
        parley_buf_printf(b, "%*s", width, "-");
    else if (fabs(v) >= 1000.0)
        parley_buf_printf(b, "%*.0f", width, v);
    else
        parley_buf_printf(b, "%*.3f", width, v);
}

/* A tornado bar: the span from the metric at low to at high on an axis
 * [lo, hi] of `w` columns, '|' at the base value. */
static void bar(parley_buf_t *b, const parley_sens_input_t *in, double base, double lo, double hi,
                int w)
{
    char line[64];
    int n = w < 63 ? w : 63;
    for (int c = 0; c < n; c++)
        line[c] = ' ';
    line[n] = '\0';
    double span = hi - lo;
    if (span > 0 && !isnan(in->y_low) && !isnan(in->y_high)) {
        double a = fmin(in->y_low, in->y_high), z = fmax(in->y_low, in->y_high);
        int ca = (int)floor((a - lo) / span * (n - 1) + 0.5);
        int cz = (int)floor((z - lo) / span * (n - 1) + 0.5);
        for (int c = ca; c <= cz && c < n; c++)
            line[c] = '=';
    }
    if (span > 0 && !isnan(base)) {
        int cb = (int)floor((base - lo) / span * (n - 1) + 0.5);
        if (cb >= 0 && cb < n)
            line[cb] = '|';
    }
    parley_buf_puts(b, line);
}

/* S1 above ST by more than their intervals allow: the estimates are noise. */
static int s1_above_st(const parley_sens_input_t *in)
{
    return !isnan(in->s1_lo) && !isnan(in->st_hi) && in->s1_lo > in->st_hi;
}

/* The output barely varies: it does not vary at all, its spread is below a
 * millionth of its mean, or fewer than max(10, 1%) of the rows move it. The
 * indices are then ratios of tiny numbers resting on a few rows. */
static int barely_varies(const parley_sens_t *se)
{
    double mean, var;
    uint64_t n;
    parley_sens_moments(se, &mean, &var, &n);
    uint64_t moving = parley_sens_varying_rows(se), need = n / 100 > 10 ? n / 100 : 10;
    return n > 0 && (!(var > 0.0) || sqrt(var) < 1e-6 * fabs(mean) || moving < need);
}

/* "[0.412, 0.530]" or "" without an interval. */
static void ci_text(parley_buf_t *b, double lo, double hi)
{
    if (isnan(lo) || isnan(hi))
        parley_buf_printf(b, "  %-16s", "");
    else
        parley_buf_printf(b, "  [%6.3f, %6.3f]", lo + 0.0, hi + 0.0);
}

static void warnings_text(parley_buf_t *b, const parley_sens_t *se, const parley_scenario_t *s,
                          const parley_sens_input_t *in, size_t k)
{
    double mean, var;
    uint64_t n;
    parley_sens_moments(se, &mean, &var, &n);
    if (barely_varies(se))
        parley_buf_printf(b, "\n  ! the output barely varies (variance %g around %g; %llu of %llu "
                             "rows move it): the indices are not reliable\n",
                          var, mean + 0.0, (unsigned long long)parley_sens_varying_rows(se),
                          (unsigned long long)n);
    for (size_t i = 0; i < k; i++)
        if (s1_above_st(&in[i]))
            parley_buf_printf(b, "  ! %s: S1 %.3f exceeds ST %.3f beyond their intervals "
                                 "(S1 cannot exceed ST): too few samples, raise -n\n",
                              parley_scenario_uncertain(s, in[i].input)->path, in[i].s1,
                              in[i].st);
}

static void render_text(parley_buf_t *b, const parley_sens_t *se, const parley_scenario_t *s,
                        const parley_sens_options_t *o, const parley_sens_input_t *in, size_t k)
{
    char m[200];
    metric_name(s, &o->metric, m, sizeof m);
    double mean, var, base = parley_sens_base(se);
    uint64_t n;
    parley_sens_moments(se, &mean, &var, &n);
    parley_buf_printf(b, "Sensitivity of %s (%s) in %s\n  %s\n", m, parley_mc_what_name(o->mc.what),
                      parley_scenario_origin(s), parley_scenario_hash(s));
    app_text_set(b, s, "  ");
    parley_buf_puts(b, "  at every point estimate: ");
    num(b, base, 0);
    parley_buf_printf(b, "\n  Sobol design: %llu base samples x (%zu inputs + 2), seed %llu; "
                         "%llu usable rows, mean ",
                      (unsigned long long)o->mc.samples, k, (unsigned long long)o->mc.seed,
                      (unsigned long long)n);
    num(b, mean, 0);
    parley_buf_puts(b, ", variance ");
    num(b, var, 0);
    parley_buf_printf(b, "\n  sweep: each input at its %g and %g quantiles, the others at "
                         "their point estimates\n\n", o->p_low, o->p_high);
    double lo = base, hi = base;
    for (size_t i = 0; i < k; i++) {
        double y[2] = {in[i].y_low, in[i].y_high};
        for (int e = 0; e < 2; e++) { /* fmin/fmax skip a NaN */
            lo = fmin(lo, y[e]);
            hi = fmax(hi, y[e]);
        }
    }
    size_t w = 5;
    for (size_t i = 0; i < k; i++) {
        size_t l = app_width(parley_scenario_uncertain(s, in[i].input)->path);
        w = l > w ? l : w;
    }
    parley_buf_puts(b, "  ");
    app_pad(b, "input", w + 2);
    parley_buf_puts(b, "      low..high         at low  at high  ");
    app_pad(b, "tornado", 32);
    parley_buf_puts(b, "      S1  95% CI                ST  95% CI\n");
    for (size_t i = 0; i < k; i++) {
        parley_buf_puts(b, "  ");
        const parley_uncertain_t *u = parley_scenario_uncertain(s, in[i].input);
        app_pad(b, u->path, w + 2);
        if (in[i].y_option) { /* a choice: the options at the bar's two ends */
            char ends[160];
            if (in[i].low == in[i].high) /* the same metric at every option */
                snprintf(ends, sizeof ends, "(any option)");
            else
                snprintf(ends, sizeof ends, "%s..%s", u->options[(size_t)in[i].low],
                         u->options[(size_t)in[i].high]);
            parley_buf_printf(b, "%20s", ends);
        } else {
            num(b, in[i].low, 9);
            parley_buf_puts(b, "..");
            num(b, in[i].high, -9);
        }
        num(b, in[i].y_low, 9);
        num(b, in[i].y_high, 9);
        parley_buf_puts(b, "  ");
        bar(b, &in[i], base, lo, hi, 32);
        num(b, in[i].s1, 8);
        ci_text(b, in[i].s1_lo, in[i].s1_hi);
        num(b, in[i].st, 8);
        ci_text(b, in[i].st_lo, in[i].st_hi);
        parley_buf_puts(b, "\n");
    }
    for (size_t i = 0; i < k; i++) {
        const parley_uncertain_t *u = parley_scenario_uncertain(s, in[i].input);
        if (!in[i].y_option)
            continue;
        parley_buf_printf(b, "  %s is a choice: its bar spans the options of the lowest and "
                             "highest metric, the others at their estimates; at each option:",
                          u->path);
        for (size_t q = 0; q < u->n_options; q++) {
            parley_buf_printf(b, "%s%s ", q ? ", " : " ", u->options[q]);
            num(b, in[i].y_option[q], 0);
        }
        parley_buf_puts(b, "\n");
    }
    warnings_text(b, se, s, in, k);
    parley_buf_printf(b, "\n  S1: first-order Sobol index (Saltelli et al. 2010, centred), ST: "
                         "total index (Jansen 1999);\n  95%% intervals from %u Poisson bootstrap "
                         "replicates of the design's rows (docs/montecarlo.md);\n  '=' spans "
                         "the metric from the low to the high quantile, '|' marks it at every "
                         "point estimate.\n",
                      o->resamples);
}

/* [lo, hi], or null without an interval. */
static void interval_json(parley_json_t *j, const char *key, double lo, double hi)
{
    parley_json_key(j, key);
    if (isnan(lo) || isnan(hi)) {
        parley_json_null(j);
        return;
    }
    parley_json_array_begin(j);
    parley_json_number(j, lo);
    parley_json_number(j, hi);
    parley_json_array_end(j);
}

/* A choice's sweep: the options at the bar's ends and the metric at each. */
static void choice_json(parley_json_t *j, const parley_uncertain_t *u,
                        const parley_sens_input_t *in)
{
    parley_json_key(j, "low_option");
    parley_json_string(j, u->options[(size_t)in->low]);
    parley_json_key(j, "high_option");
    parley_json_string(j, u->options[(size_t)in->high]);
    parley_json_key(j, "at_option");
    parley_json_object_begin(j);
    for (size_t q = 0; q < u->n_options; q++) {
        parley_json_key(j, u->options[q]);
        parley_json_number(j, in->y_option[q]);
    }
    parley_json_object_end(j);
}

static void render_json(parley_buf_t *b, const parley_sens_t *se, const parley_scenario_t *s,
                        const parley_sens_options_t *o, const parley_sens_input_t *in, size_t k)
{
    char m[200];
    metric_name(s, &o->metric, m, sizeof m);
    double mean, var;
    uint64_t n;
    parley_sens_moments(se, &mean, &var, &n);
    parley_json_t j;
    parley_json_init(&j, b, 1);
    parley_json_object_begin(&j);
    app_json_header(&j, CMD, s);
    parley_json_key(&j, "parameters");
    parley_json_object_begin(&j);
    parley_json_key(&j, "metric");
    parley_json_string(&j, m);
    parley_json_key(&j, "what");
    parley_json_string(&j, parley_mc_what_name(o->mc.what));
    parley_json_key(&j, "samples");
    parley_json_int(&j, (long long)o->mc.samples);
    parley_json_key(&j, "seed");
    parley_json_int(&j, (long long)(o->mc.seed > (uint64_t)INT64_MAX ? 0 : o->mc.seed));
    parley_json_key(&j, "low");
    parley_json_number(&j, o->p_low);
    parley_json_key(&j, "high");
    parley_json_number(&j, o->p_high);
    parley_json_key(&j, "resamples");
    parley_json_int(&j, o->resamples);
    parley_json_object_end(&j);
    parley_json_key(&j, "uncertain");
    mc_uncertain_json(&j, s);
    parley_json_key(&j, "base");
    parley_json_number(&j, parley_sens_base(se));
    parley_json_key(&j, "sobol");
    parley_json_object_begin(&j);
    parley_json_key(&j, "rows");
    parley_json_int(&j, (long long)n);
    parley_json_key(&j, "mean");
    parley_json_number(&j, mean);
    parley_json_key(&j, "variance");
    parley_json_number(&j, var);
    parley_json_key(&j, "varying_rows");
    parley_json_int(&j, (long long)parley_sens_varying_rows(se));
    parley_json_key(&j, "resamples");
    parley_json_int(&j, o->resamples);
    parley_json_key(&j, "estimators");
    parley_json_string(&j, "S1: Saltelli et al. 2010 (b), centred; ST: Jansen 1999 (f); "
                           "intervals: Poisson bootstrap, 2.5% and 97.5% points");
    parley_json_key(&j, "barely_varies");
    parley_json_bool(&j, barely_varies(se));
    parley_json_object_end(&j);
    parley_json_key(&j, "inputs");
    parley_json_array_begin(&j);
    for (size_t i = 0; i < k; i++) {
        parley_json_object_begin(&j);
        parley_json_key(&j, "path");
        parley_json_string(&j, parley_scenario_uncertain(s, in[i].input)->path);
        const char *keys[] = {"low", "high", "at_low", "at_high", "swing", "s1", "st"};
        double vals[] = {in[i].low, in[i].high, in[i].y_low, in[i].y_high, in[i].swing, in[i].s1,
                         in[i].st};
        for (int q = 0; q < 7; q++) {
            parley_json_key(&j, keys[q]);
            parley_json_number(&j, vals[q]);
        }
        if (in[i].y_option)
            choice_json(&j, parley_scenario_uncertain(s, in[i].input), &in[i]);
        interval_json(&j, "s1_ci", in[i].s1_lo, in[i].s1_hi);
        interval_json(&j, "st_ci", in[i].st_lo, in[i].st_hi);
        parley_json_key(&j, "s1_above_st");
        parley_json_bool(&j, s1_above_st(&in[i]));
        parley_json_key(&j, "pairs");
        parley_json_int(&j, (long long)in[i].n);
        parley_json_object_end(&j);
    }
    parley_json_array_end(&j);
    parley_json_object_end(&j);
    parley_buf_puts(b, "\n");
}

parley_status_t sens_run(parley_ctx_t *ctx, parley_sens_t *se, mc_progress_fn progress, void *arg)
{
    parley_status_t st = PARLEY_OK;
    int done = 0;
    while (!done && !st) {
        st = parley_sens_step(ctx, se, &done);
        if (progress)
            progress(arg, parley_sens_done(se), parley_sens_total(se));
    }
    return st;
}

parley_status_t sens_render(parley_ctx_t *ctx, parley_buf_t *b, const parley_sens_t *se,
                            const parley_scenario_t *s, const parley_sens_options_t *o, int json)
{
    size_t k;
    const parley_sens_input_t *in0 = parley_sens_inputs(se, &k);
    parley_sens_input_t *in = malloc((k ? k : 1) * sizeof *in);
    if (!in)
        return parley_ctx_fail(ctx, PARLEY_ENOMEM, "out of memory");
    memcpy(in, in0, k * sizeof *in);
    qsort(in, k, sizeof *in, by_influence);
    if (json)
        render_json(b, se, s, o, in, k);
    else
        render_text(b, se, s, o, in, k);
    free(in);
    return PARLEY_OK;
}
