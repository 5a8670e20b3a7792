/*
 * sweep.c — `parley sweep`: one analysis at every point of a grid of one or
 * two inputs. Each point is the API's own analysis (app_compute) on the
 * scenario text with that point's overrides, so a point is exactly what
 * `parley eval|space|simulate|montecarlo --set ...` gives; the figures a
 * sweep follows are read from the analysis's JSON (jsonget.c), so the
 * sweep depends on the documented JSON and on nothing inside the analyses.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "args.h"
#include "sweep.h"

/* ---- Axes. */

static int number(const char *s, size_t n, double *out)
{
    char buf[64];
    if (n == 0 || n >= sizeof buf)
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *end;
    *out = strtod(buf, &end);
    return *end == '\0' && isfinite(*out);
}

int sweep_axis_parse(const char *set, sweep_axis_t *ax, char *msg, size_t cap)
{
    const char *eq = strchr(set, '=');
    if (!eq)
        return 0;
    const char *v = eq + 1, *dots = strstr(v, ".."), *colon = dots ? strchr(dots, ':') : NULL;
    if (!dots || !colon)
        return 0;
    double a, b, st;
    if (!number(v, (size_t)(dots - v), &a) || !number(dots + 2, (size_t)(colon - dots - 2), &b) ||
        !number(colon + 1, strlen(colon + 1), &st))
        return 0; /* not numbers: a value that happens to hold ".." */
    size_t plen = (size_t)(eq - set);
    if (plen == 0 || plen >= sizeof ax->path) {
        snprintf(msg, cap, "--set %s: the PATH is empty or too long", set);
        return -1;
    }
    if (!(st > 0.0)) {
        snprintf(msg, cap, "--set %s: the STEP must be above 0", set);
        return -1;
    }
    if (b < a) {
        snprintf(msg, cap, "--set %s: TO must not be below FROM", set);
        return -1;
    }
    double n = floor((b - a) / st * (1.0 + 1e-12) + 1e-9) + 1.0;
    if (n > SWEEP_MAX_AXIS) {
        snprintf(msg, cap, "--set %s: %.0f points, the limit is %d per input", set, n,
                 SWEEP_MAX_AXIS);
        return -1;
    }
    memcpy(ax->path, set, plen);
    ax->path[plen] = '\0';
    ax->from = a;
    ax->to = b;
    ax->step = st;
    ax->n = (size_t)n;
    return 1;
}

void sweep_axis_value(const sweep_axis_t *ax, size_t k, char *buf, size_t cap)
{
    /* 12 significant digits: 0.1 + 2 x 0.1 is written 0.3, as typed. */
    snprintf(buf, cap, "%.12g", ax->from + (double)k * ax->step);
}

/* ---- Columns. */

static sweep_cell_t *cell(sweep_t *w, size_t point, size_t col)
{
    return &w->cells[point * SWEEP_MAX_COLS + col];
}

static size_t column(sweep_t *w, const char *name)
{
    for (size_t c = 0; c < w->n_cols; c++)
        if (strcmp(w->cols[c], name) == 0)
            return c;
    if (w->n_cols == SWEEP_MAX_COLS)
        return (size_t)-1;
    snprintf(w->cols[w->n_cols], sizeof w->cols[0], "%s", name);
    return w->n_cols++;
}

static void put_num(sweep_t *w, size_t point, const char *name, double v)
{
    size_t c = column(w, name);
    if (c != (size_t)-1) {
        cell(w, point, c)->num = v;
        cell(w, point, c)->set = 1;
    }
}

static void put_text(sweep_t *w, size_t point, const char *name, const char *t)
{
    size_t c = column(w, name);
    if (c != (size_t)-1) {
        sweep_cell_t *x = cell(w, point, c);
        snprintf(x->text, sizeof x->text, "%s", t);
        x->num = (double)NAN;
        x->is_text = x->set = 1;
    }
}

/* The figures each analysis follows (its JSON, documented in docs/). */
static void read_point(sweep_t *w, app_jget_t *r, size_t point, const parley_scenario_t *s)
{
    char path[400], name[128], text[SWEEP_TEXT];
    size_t na = parley_scenario_actor_count(s);
    switch (w->kind) {
    case APP_EVAL:
        if (w->proposal) {
            for (size_t i = 0; i < na; i++) {
                const char *id = parley_scenario_actor(s, i)->id;
                snprintf(path, sizeof path, "$.proposals[0].actors[%zu].utility", i);
                snprintf(name, sizeof name, "%s utility", id);
                put_num(w, point, name, app_jget(r, path, NULL, 0));
                snprintf(path, sizeof path, "$.proposals[0].actors[%zu].verdict", i);
                app_jget(r, path, text, sizeof text);
                snprintf(name, sizeof name, "%s verdict", id);
                put_text(w, point, name, text);
            }
            break;
        }
        for (size_t p = 0; p < parley_scenario_proposal_count(s); p++) {
            snprintf(path, sizeof path, "$.proposals[%zu].accepted_by", p);
            snprintf(name, sizeof name, "%s accepted by", parley_scenario_proposal(s, p)->id);
            put_num(w, point, name, (double)app_jget_len(r, path));
            if (!parley_scenario_linked(s))
                continue;
            snprintf(path, sizeof path, "$.proposals[%zu].feasible", p);
            app_jget(r, path, text, sizeof text);
            snprintf(name, sizeof name, "%s feasible", parley_scenario_proposal(s, p)->id);
            put_text(w, point, name, strcmp(text, "1") == 0 ? "yes" : strcmp(text, "0") == 0
                                                                        ? "no" : "open");
        }
        break;
    case APP_SPACE:
        app_jget(r, "$.zopa.count_decimal", text, sizeof text);
        put_text(w, point, "zopa packages", text);
        app_jget(r, "$.zopa.exact", text, sizeof text);
        put_text(w, point, "zopa exact", strcmp(text, "1") == 0 ? "yes" : "estimate");
        put_num(w, point, "frontier points", app_jget(r, "$.frontier.points", NULL, 0));
        for (size_t i = 0; i < na; i++) {
            const char *id = parley_scenario_actor(s, i)->id;
            snprintf(path, sizeof path, "$.nash.utilities.\"%s\"", id);
            snprintf(name, sizeof name, "nash %s", id);
            put_num(w, point, name, app_jget(r, path, NULL, 0));
        }
        break;
    case APP_SIMULATE:
        app_jget(r, "$.outcome.agreement", text, sizeof text);
        put_text(w, point, "agreement", strcmp(text, "1") == 0 ? "yes" : "no");
        app_jget(r, "$.outcome.end", text, sizeof text);
        put_text(w, point, "end", text);
        put_num(w, point, "round", app_jget(r, "$.outcome.round", NULL, 0));
        for (size_t i = 0; i < na; i++) {
            const char *id = parley_scenario_actor(s, i)->id;
            snprintf(path, sizeof path, "$.outcome.utility.\"%s\"", id);
            snprintf(name, sizeof name, "%s utility", id);
            put_num(w, point, name, app_jget(r, path, NULL, 0));
        }
        break;
    default: /* APP_MONTECARLO */
        put_num(w, point, "P(agreement)", app_jget(r, "$.agreement.share", NULL, 0));
        put_num(w, point, "ci95 low", app_jget(r, "$.agreement.ci95[0]", NULL, 0));
        put_num(w, point, "ci95 high", app_jget(r, "$.agreement.ci95[1]", NULL, 0));
        if (parley_scenario_ratifier_count(s)) { /* signed and ratified, later votes too */
            put_num(w, point, "P(ratified)", app_jget(r, "$.ratification.ratified.share", NULL, 0));
            put_num(w, point, "P(voided)", app_jget(r, "$.ratification.voided.share", NULL, 0));
        }
        break;
    }
}

/* ---- The run. */

/* ---- The sweep's request: axes, overrides, the analysis's options. */

static const char *opt_name(int api, const char *name, char *buf, size_t cap)
{
    snprintf(buf, cap, api ? "parameter '%s'" : "--%s", name);
    return buf;
}

/* The axes and the fixed overrides from the set options. */
static parley_status_t split_sets(parley_ctx_t *ctx, const app_args_t *a, sweep_t *w,
                                  const char **fixed, int api)
{
    char msg[700];
    const char *o = api ? "set=" : "--set ";
    for (size_t k = 0; k < a->n_set; k++) {
        sweep_axis_t ax;
        int r = sweep_axis_parse(a->set[k], &ax, msg, sizeof msg);
        if (r < 0)
            return parley_ctx_fail(ctx, PARLEY_EARG, "%s", msg);
        if (r == 0) {
            fixed[w->n_fixed++] = a->set[k];
            continue;
        }
        if (w->n_axes == 2)
            return parley_ctx_fail(ctx, PARLEY_EARG, "at most two inputs can be swept (a grid "
                                   "of pairs); %s%s is a third", o, a->set[k]);
        w->axes[w->n_axes++] = ax;
    }
    if (w->n_axes == 0)
        return parley_ctx_fail(ctx, PARLEY_EARG, "nothing to sweep: give %sPATH=FROM..TO:STEP "
                               "(e.g. %sactors.RUS.batna=0.3..0.7:0.1)", o, o);
    if (w->n_axes == 2 && strcmp(w->axes[0].path, w->axes[1].path) == 0)
        return parley_ctx_fail(ctx, PARLEY_EARG, "%s is swept twice", w->axes[0].path);
    return PARLEY_OK;
}

parley_status_t sweep_setup(parley_ctx_t *ctx, const app_args_t *a, sweep_t *w,
                            const char **fixed, int api)
{
    static const app_kind_t KINDS[] = {APP_EVAL, APP_SPACE, APP_SIMULATE, APP_MONTECARLO};
    char o[32];
    w->kind = KINDS[a->v[APP_O_WHAT].word];
    w->proposal = app_arg(a, APP_O_PROPOSAL);
    w->fixed = fixed;
    if (w->proposal && w->kind != APP_EVAL)
        return parley_ctx_fail(ctx, PARLEY_EARG, "%s goes with %s",
                               opt_name(api, "proposal", o, sizeof o),
                               api ? "what=eval" : "--what eval");
    parley_status_t st = split_sets(ctx, a, w, fixed, api);
    if (st)
        return st;
    if (w->kind == APP_EVAL && w->proposal)
        w->params[w->n_params++] = (app_param_t){"proposal", w->proposal};
    if (w->kind == APP_SPACE)
        w->params[w->n_params++] = (app_param_t){"grid", app_text(a, APP_O_GRID)};
    if (w->kind == APP_MONTECARLO) {
        w->params[w->n_params++] = (app_param_t){"samples", app_text(a, APP_O_SAMPLES)};
        w->params[w->n_params++] = (app_param_t){"seed", app_text(a, APP_O_SEED)};
    }
    return PARLEY_OK;
}

void sweep_init(sweep_t *w)
{
    memset(w, 0, sizeof *w);
}

void sweep_free(sweep_t *w)
{
    free(w->cells);
    free(w->values);
    w->cells = NULL;
    w->values = NULL;
}

size_t sweep_points(const sweep_t *w)
{
    size_t n = 1;
    for (size_t k = 0; k < w->n_axes; k++)
        n *= w->axes[k].n;
    return n;
}

/* The two values of point p (axis 0 varies slowest). */
static void point_index(const sweep_t *w, size_t p, size_t *k0, size_t *k1)
{
    size_t n1 = w->n_axes > 1 ? w->axes[1].n : 1;
    *k0 = p / n1;
    *k1 = p % n1;
}

parley_status_t sweep_run(parley_ctx_t *ctx, sweep_t *w, const parley_scenario_t *s,
                          const char *body, size_t len)
{
    size_t np = sweep_points(w);
    if (np > SWEEP_MAX_POINTS)
        return parley_ctx_fail(ctx, PARLEY_ELIMIT, "%zu points: the limit is %d", np,
                               SWEEP_MAX_POINTS);
    w->cells = calloc(np * SWEEP_MAX_COLS + 1, sizeof *w->cells);
    w->values = calloc(np * 2 + 1, sizeof *w->values);
    app_jget_t *r = w->cells && w->values ? app_jget_open() : NULL;
    if (!r)
        return parley_ctx_fail(ctx, PARLEY_ENOMEM, "out of memory");
    parley_status_t st = PARLEY_OK;
    app_param_t params[APP_MAX_PARAMS];
    char vals[2][64], sets[2][SWEEP_PATH + 80];
    for (size_t p = 0; p < np && !st; p++) {
        size_t k[2] = {0, 0}, n = 0;
        point_index(w, p, &k[0], &k[1]);
        for (size_t a = 0; a < w->n_axes; a++) {
            sweep_axis_value(&w->axes[a], k[a], vals[a], sizeof vals[a]);
            w->values[2 * p + a] = strtod(vals[a], NULL);
            snprintf(sets[a], sizeof sets[a], "%s=%s", w->axes[a].path, vals[a]);
        }
        for (size_t f = 0; f < w->n_fixed && n < APP_MAX_PARAMS - 8; f++)
            params[n++] = (app_param_t){"set", w->fixed[f]};
        for (size_t a = 0; a < w->n_axes; a++)
            params[n++] = (app_param_t){"set", sets[a]};
        for (size_t q = 0; q < w->n_params && n < APP_MAX_PARAMS; q++)
            params[n++] = w->params[q];
        app_request_t rq = {.kind = w->kind, .name = w->name, .body = body, .len = len,
                            .params = params, .n_params = n,
                            .max_memory_gib = w->max_memory_gib > 0 ? w->max_memory_gib : 4.0,
                            .max_samples = w->max_samples ? w->max_samples : 10000000,
                            .max_threads = 1};
        app_result_t res;
        app_result_init(&res);
        int http = app_compute(&rq, &res);
        if (http != 200) {
            st = parley_ctx_fail(ctx, http == 400 ? PARLEY_EINPUT : PARLEY_EINTERNAL,
                                 "at %s%s%s: %s", sets[0], w->n_axes > 1 ? ", " : "",
                                 w->n_axes > 1 ? sets[1] : "",
                                 res.error.len ? res.error.data : "the analysis failed");
        } else {
            app_jget_use(r, res.result.data);
            read_point(w, r, p, s);
        }
        app_result_free(&res);
        if (w->progress)
            w->progress(w->progress_arg, p + 1, np);
    }
    app_jget_close(r);
    w->n_points = st ? 0 : np;
    return st;
}

/* ---- Rendering. */

void sweep_render_table(parley_buf_t *b, const sweep_t *w, const parley_scenario_t *s)
{
    size_t width[2 + SWEEP_MAX_COLS];
    for (size_t a = 0; a < w->n_axes; a++)
        width[a] = strlen(w->axes[a].path) > 8 ? strlen(w->axes[a].path) : 8;
    for (size_t c = 0; c < w->n_cols; c++)
        width[w->n_axes + c] = strlen(w->cols[c]) > 9 ? strlen(w->cols[c]) : 9;
    for (size_t p = 0; p < w->n_points; p++) /* a word longer than its heading */
        for (size_t c = 0; c < w->n_cols; c++) {
            const sweep_cell_t *x = &w->cells[p * SWEEP_MAX_COLS + c];
            if (x->set && x->is_text && strlen(x->text) > width[w->n_axes + c])
                width[w->n_axes + c] = strlen(x->text);
        }
    parley_buf_printf(b, "sweep: %s at %zu points\n", app_kind_name(w->kind), w->n_points);
    for (size_t a = 0; a < w->n_axes; a++)
        app_pad(b, w->axes[a].path, width[a] + 2);
    for (size_t c = 0; c < w->n_cols; c++)
        app_pad(b, w->cols[c], width[w->n_axes + c] + 2);
    parley_buf_puts(b, "\n");
    char t[96];
    for (size_t p = 0; p < w->n_points; p++) {
        for (size_t a = 0; a < w->n_axes; a++) {
            parley_format_number(w->values[2 * p + a], t);
            app_pad(b, t, width[a] + 2);
        }
        for (size_t c = 0; c < w->n_cols; c++) {
            const sweep_cell_t *x = &w->cells[p * SWEEP_MAX_COLS + c];
            if (!x->set || (!x->is_text && isnan(x->num)))
                snprintf(t, sizeof t, "-");
            else if (x->is_text)
                snprintf(t, sizeof t, "%s", x->text);
            else if (x->num == floor(x->num) && fabs(x->num) < 1e15)
                snprintf(t, sizeof t, "%.0f", x->num);
            else
                snprintf(t, sizeof t, "%.3f", x->num);
            app_pad(b, t, width[w->n_axes + c] + 2);
        }
        parley_buf_puts(b, "\n");
    }
    parley_buf_printf(b, "\nscenario %s %s | parley %s\n", parley_scenario_origin(s),
                      parley_scenario_hash(s), parley_version());
    for (size_t f = 0; f < w->n_fixed; f++)
        parley_buf_printf(b, "set %s\n", w->fixed[f]);
}

void sweep_render_json(parley_buf_t *b, const sweep_t *w, const parley_scenario_t *s)
{
    parley_json_t j;
    parley_json_init(&j, b, 1);
    parley_json_object_begin(&j);
    app_json_header(&j, "sweep", s);
    parley_json_key(&j, "what");
    parley_json_string(&j, app_kind_name(w->kind));
    parley_json_key(&j, "vary");
    parley_json_array_begin(&j);
    for (size_t a = 0; a < w->n_axes; a++) {
        parley_json_object_begin(&j);
        parley_json_key(&j, "path");
        parley_json_string(&j, w->axes[a].path);
        parley_json_key(&j, "from");
        parley_json_number(&j, w->axes[a].from);
        parley_json_key(&j, "to");
        parley_json_number(&j, w->axes[a].to);
        parley_json_key(&j, "step");
        parley_json_number(&j, w->axes[a].step);
        parley_json_key(&j, "points");
        parley_json_int(&j, (long long)w->axes[a].n);
        parley_json_object_end(&j);
    }
    parley_json_array_end(&j);
    parley_json_key(&j, "parameters");
    parley_json_object_begin(&j);
    for (size_t q = 0; q < w->n_params; q++) {
        parley_json_key(&j, w->params[q].key);
        parley_json_string(&j, w->params[q].value);
    }
    parley_json_object_end(&j);
    parley_json_key(&j, "columns");
    parley_json_array_begin(&j);
    for (size_t c = 0; c < w->n_cols; c++)
        parley_json_string(&j, w->cols[c]);
    parley_json_array_end(&j);
    parley_json_key(&j, "points");
    parley_json_array_begin(&j);
    for (size_t p = 0; p < w->n_points; p++) {
        parley_json_object_begin(&j);
        parley_json_key(&j, "values");
        parley_json_array_begin(&j);
        for (size_t a = 0; a < w->n_axes; a++)
            parley_json_number(&j, w->values[2 * p + a]);
        parley_json_array_end(&j);
        for (size_t c = 0; c < w->n_cols; c++) {
            const sweep_cell_t *x = &w->cells[p * SWEEP_MAX_COLS + c];
            parley_json_key(&j, w->cols[c]);
            if (!x->set)
                parley_json_null(&j);
            else if (x->is_text)
                parley_json_string(&j, x->text);
            else
                parley_json_number(&j, x->num);
        }
        parley_json_object_end(&j);
    }
    parley_json_array_end(&j);
    parley_json_object_end(&j);
    parley_buf_puts(b, "\n");
}

void sweep_render_csv(parley_buf_t *b, const sweep_t *w, const parley_scenario_t *s)
{
    for (size_t a = 0; a < w->n_axes; a++) {
        parley_csv_field(b, w->axes[a].path);
        parley_buf_puts(b, ",");
    }
    for (size_t c = 0; c < w->n_cols; c++) {
        parley_csv_field(b, w->cols[c]);
        parley_buf_puts(b, ",");
    }
    parley_buf_puts(b, "scenario_hash\n");
    char t[64];
    for (size_t p = 0; p < w->n_points; p++) {
        for (size_t a = 0; a < w->n_axes; a++) {
            parley_format_number(w->values[2 * p + a], t);
            parley_buf_printf(b, "%s,", t);
        }
        for (size_t c = 0; c < w->n_cols; c++) {
            const sweep_cell_t *x = &w->cells[p * SWEEP_MAX_COLS + c];
            if (x->set && x->is_text)
                parley_csv_field(b, x->text);
            else if (x->set && !isnan(x->num)) {
                parley_format_number(x->num, t);
                parley_buf_puts(b, t);
            }
            parley_buf_puts(b, ",");
        }
        parley_buf_printf(b, "%s\n", parley_scenario_hash(s));
    }
}
