/*
 * cmd_backtest.c — `parley backtest --deu FILE`: scores the forecasting
 * models on DEU III under each capability option and prints the errors
 * with bootstrap intervals, as a text table or JSON (the method and the
 * published anchors are in docs/validation.md).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "../app/forecast.h"
#include "cli.h"

typedef struct bt_cli {
    const char *path;
    parley_deu_t *d;
    parley_backtest_options_t o;
    parley_model_t models[PARLEY_MODEL_COUNT];
    parley_capability_t caps[PARLEY_CAP_COUNT];
    size_t nm, nc;
    parley_backtest_row_t rows[PARLEY_MODEL_COUNT * PARLEY_CAP_COUNT];
} bt_cli_t;

static int parse_caps(const char *arg, bt_cli_t *b)
{
    b->nc = 0;
    if (!arg || strcmp(arg, "all") == 0) {
        for (int c = 0; c < PARLEY_CAP_COUNT; c++)
            b->caps[b->nc++] = (parley_capability_t)c;
        return EXIT_OK;
    }
    if (parley_capability_from_name(arg, &b->caps[0]) == PARLEY_OK) {
        b->nc = 1;
        return EXIT_OK;
    }
    return cli_error("backtest", EXIT_USAGE, "--capability must be equal, gdp, council-nice, "
                     "council-lisbon or all, got '%s'", arg);
}

static int parse_count(const char *name, const char *s, unsigned long long max,
                       unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || errno || s[0] == '-' || v > max)
        return cli_error("backtest", EXIT_USAGE, "%s must be a whole number from 0 to %llu, got '%s'",
                         name, max, s);
    *out = v;
    return EXIT_OK;
}

static void render_text(parley_buf_t *b, const bt_cli_t *c)
{
    parley_buf_printf(b, "backtest  %s  %s\n", c->path, c->d->hash);
    parley_buf_printf(b, "  mean absolute error on the 0-100 scale; 95%% intervals from %u "
                         "bootstrap resamples of the issues (seed %llu)\n",
                      c->o.resamples, (unsigned long long)c->o.seed);
    parley_buf_printf(b, "  the Commission and Parliament %s\n\n",
                      c->o.institutions ? "get the capability of the largest member state"
                                        : "take no part");
    parley_buf_puts(b, "model       capability        n    MAE  95% CI          median  "
                       "vs compromise  95% CI\n");
    for (size_t m = 0; m < c->nm; m++)
        for (size_t k = 0; k < c->nc; k++) {
            const parley_backtest_row_t *r = &c->rows[m * c->nc + k];
            parley_buf_printf(b, "%-11s %-15s %4zu  %5.2f  [%5.2f, %5.2f]  %6.2f  %+6.2f         "
                                 "[%+.2f, %+.2f]\n",
                              parley_model_name(r->model), parley_capability_name(r->capability),
                              r->n, r->mae, r->mae_lo, r->mae_hi, r->median_ae, r->diff + 0.0,
                              r->diff_lo + 0.0, r->diff_hi + 0.0);
        }
    parley_buf_puts(b, "\nmodels: ");
    fc_model_label(b, PARLEY_MODEL_EUM, &c->o.params);
    parley_buf_printf(b, "; at most %u rounds, tolerance %g; docs/validation.md\n",
                      c->o.params.max_rounds, c->o.params.tol);
}

static void interval(parley_json_t *j, const char *key, double lo, double hi)
{
    parley_json_key(j, key);
    parley_json_array_begin(j);
    parley_json_number(j, lo);
    parley_json_number(j, hi);
    parley_json_array_end(j);
}

static void render_json(parley_buf_t *b, const bt_cli_t *c)
{
    parley_json_t j;
    parley_json_init(&j, b, 1);
    parley_json_object_begin(&j);
    parley_json_key(&j, "parley_version");
    parley_json_string(&j, parley_version());
    parley_json_key(&j, "command");
    parley_json_string(&j, "backtest");
    parley_json_key(&j, "data");
    parley_json_object_begin(&j);
    parley_json_key(&j, "file");
    parley_json_string(&j, c->path);
    parley_json_key(&j, "hash");
    parley_json_string(&j, c->d->hash);
    parley_json_object_end(&j);
    parley_json_key(&j, "seed");
    parley_json_int(&j, (long long)c->o.seed);
    parley_json_key(&j, "resamples");
    parley_json_int(&j, c->o.resamples);
    parley_json_key(&j, "institutions");
    parley_json_string(&j, c->o.institutions ? "largest member state" : "excluded");
    parley_json_key(&j, "missing_salience");
    parley_json_number(&j, c->o.missing_salience);
    parley_json_key(&j, "parameters");
    fc_params_json(&j, &c->o.params);
    parley_json_key(&j, "models");
    parley_json_array_begin(&j);
    for (size_t k = 0; k < c->nm * c->nc; k++) {
        const parley_backtest_row_t *r = &c->rows[k];
        parley_json_object_begin(&j);
        parley_json_key(&j, "id");
        parley_json_string(&j, parley_model_name(r->model));
        parley_json_key(&j, "capability");
        parley_json_string(&j, parley_capability_name(r->capability));
        parley_json_key(&j, "n");
        parley_json_int(&j, (long long)r->n);
        parley_json_key(&j, "mae");
        parley_json_number(&j, r->mae);
        interval(&j, "mae_ci", r->mae_lo, r->mae_hi);
        parley_json_key(&j, "median_ae");
        parley_json_number(&j, r->median_ae);
        parley_json_key(&j, "diff_vs_compromise");
        parley_json_number(&j, r->diff);
        interval(&j, "diff_ci", r->diff_lo, r->diff_hi);
        parley_json_object_end(&j);
    }
    parley_json_array_end(&j);
    parley_json_object_end(&j);
    parley_buf_puts(b, "\n");
}

static int run(parley_ctx_t *ctx, bt_cli_t *c, int json, const char *out)
{
    parley_status_t st = parley_deu_load_file(ctx, c->path, &c->d);
    if (!st)
        st = parley_backtest_run(ctx, c->d, c->models, c->nm, c->caps, c->nc, &c->o, c->rows);
    if (st)
        return cli_fail("backtest", ctx, st);
    parley_buf_t b;
    parley_buf_init(&b);
    if (json)
        render_json(&b, c);
    else
        render_text(&b, c);
    int rc = cli_emit("backtest", ctx, &b, out);
    parley_buf_free(&b);
    return rc;
}

int cmd_backtest(int argc, char **argv)
{
    const char *fmt = NULL, *out = NULL, *model = NULL, *cap = NULL, *seed = NULL, *res = NULL;
    const char *no_inst = NULL, *miss = NULL;
    bt_cli_t c = {0};
    fc_opt_values_t v = {0};
    const cli_opt_t opts[] = {
        {"--deu", "FILE", &c.path},     {"--format", "FORMAT", &fmt}, {"-o", "FILE", &out},
        {"--output", "FILE", &out},     {"--model", "ID", &model},    {"--capability", "C", &cap},
        {"--seed", "S", &seed},         {"--resamples", "N", &res},
        {"--no-institutions", NULL, &no_inst}, {"--missing-salience", "S", &miss},
        {"--q", "Q", &v.q},             {"--no-risk", NULL, &v.no_risk},
        {"--offer", "RULE", &v.offer},  {"--rounds", "N", &v.rounds}, {"--tol", "T", &v.tol},
        {"--gamma", "G", &v.gamma},     {"--nash-salience", NULL, &v.nash_salience},
        {NULL, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("backtest", argc, argv, opts, pos, 0, &npos);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    if (!c.path)
        return cli_error("backtest", EXIT_USAGE, "needs --deu FILE; see 'parley help backtest'");
    if (fmt && strcmp(fmt, "text") && strcmp(fmt, "table") && strcmp(fmt, "json"))
        return cli_error("backtest", EXIT_USAGE, "--format must be text or json, got '%s'", fmt);
    parley_backtest_options_init(&c.o);
    unsigned long long n = 0;
    parley_ctx_t *octx = parley_ctx_create(); /* for the option values' messages */
    parley_status_t st = octx ? fc_cli_params(octx, &v, &c.o.params) : PARLEY_ENOMEM;
    if (!st)
        st = fc_cli_models(octx, model, c.models, &c.nm);
    rc = st ? cli_fail("backtest", octx, st) : EXIT_OK;
    parley_ctx_destroy(octx);
    if (rc || (rc = parse_caps(cap, &c)))
        return rc;
    if (seed && (rc = parse_count("--seed", seed, UINT64_MAX, &n)))
        return rc;
    c.o.seed = seed ? n : c.o.seed;
    if (res && (rc = parse_count("--resamples", res, 1000000, &n)))
        return rc;
    c.o.resamples = res ? (unsigned)(n ? n : 1) : c.o.resamples;
    c.o.institutions = no_inst == NULL;
    if (miss && (rc = parse_count("--missing-salience", miss, 100, &n)))
        return rc;
    c.o.missing_salience = miss ? (double)n : c.o.missing_salience;
    parley_ctx_t *ctx = parley_ctx_create();
    if (!ctx)
        return cli_error("backtest", EXIT_INTERNAL, "out of memory");
    rc = run(ctx, &c, fmt && strcmp(fmt, "json") == 0, out);
    parley_deu_destroy(c.d);
    parley_ctx_destroy(ctx);
    return rc;
}
