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
#include "../app/args.h"
#include "cli.h"

typedef struct bt_cli {
    const char *path;
    parley_deu_t *d;
    parley_backtest_options_t o;
    parley_model_t models[PARLEY_MODEL_COUNT];
    parley_capability_t caps[PARLEY_CAP_COUNT];
    size_t nm, nc;
    parley_backtest_row_t rows[PARLEY_MODEL_COUNT * PARLEY_CAP_COUNT];
    int published;         /* --published: pub and pub_rows are filled */
    parley_backtest_options_t pub;
    parley_backtest_row_t pub_rows[PARLEY_MODEL_COUNT * PARLEY_CAP_COUNT];
    int heldout;           /* --heldout: 1 random, 2 temporal, 3 both */
    uint64_t split_seed;
    parley_heldout_t ho[2];
} bt_cli_t;

/* The conventions of the published DEU backtest that Parley can follow
 * (docs/validation.md): its EUM solver moves nobody in the conflict region,
 * it drops actors with a blank salience, and its median actor is the
 * unweighted median of the positions. Its date-dependent Council weights
 * cannot be followed: the re-published file's date columns are garbled. */
static void published_options(const parley_backtest_options_t *o, parley_backtest_options_t *p)
{
    *p = *o;
    p->params.conflict = PARLEY_EUM_CONFLICT_NONE;
    p->drop_blank_salience = 1;
    p->unweighted_median = 1;
}

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

static void rows_text(parley_buf_t *b, const bt_cli_t *c, const parley_backtest_row_t *rows)
{
    parley_buf_puts(b, "model       capability        n    MAE  95% CI          median  "
                       "vs compromise  95% CI\n");
    for (size_t m = 0; m < c->nm; m++)
        for (size_t k = 0; k < c->nc; k++) {
            const parley_backtest_row_t *r = &rows[m * c->nc + k];
            parley_buf_printf(b, "%-11s %-15s %4zu  %5.2f  [%5.2f, %5.2f]  %6.2f  %+6.2f         "
                                 "[%+.2f, %+.2f]\n",
                              parley_model_name(r->model), parley_capability_name(r->capability),
                              r->n, r->mae, r->mae_lo, r->mae_hi, r->median_ae, r->diff + 0.0,
                              r->diff_lo + 0.0, r->diff_hi + 0.0);
        }
    parley_buf_puts(b, "\n");
    for (size_t k = 0; k < c->nm * c->nc; k++) {
        const parley_backtest_row_t *r = &rows[k];
        if (r->cycles || r->unconverged)
            parley_buf_printf(b, "%s %s: %zu issue%s cycled (forecast = the mean over the "
                                 "cycle), %zu still moving after %u rounds\n",
                              parley_model_name(r->model), parley_capability_name(r->capability),
                              r->cycles, r->cycles == 1 ? "" : "s", r->unconverged,
                              c->o.params.max_rounds);
    }
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
    rows_text(b, c, c->rows);
    if (c->published) {
        parley_buf_puts(b, "\nunder the published backtest's conventions: EUM conflict rule "
                           "none (nobody moves),\nblank saliences dropped, median = the "
                           "unweighted median actor (one Council table for every date:\nthe "
                           "file's dates are garbled); docs/validation.md\n\n");
        rows_text(b, c, c->pub_rows);
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

static void rows_json(parley_json_t *j, const bt_cli_t *c, const parley_backtest_row_t *rows)
{
    parley_json_array_begin(j);
    for (size_t k = 0; k < c->nm * c->nc; k++) {
        const parley_backtest_row_t *r = &rows[k];
        parley_json_object_begin(j);
        parley_json_key(j, "id");
        parley_json_string(j, parley_model_name(r->model));
        parley_json_key(j, "capability");
        parley_json_string(j, parley_capability_name(r->capability));
        parley_json_key(j, "n");
        parley_json_int(j, (long long)r->n);
        parley_json_key(j, "mae");
        parley_json_number(j, r->mae);
        interval(j, "mae_ci", r->mae_lo, r->mae_hi);
        parley_json_key(j, "median_ae");
        parley_json_number(j, r->median_ae);
        parley_json_key(j, "diff_vs_compromise");
        parley_json_number(j, r->diff);
        interval(j, "diff_ci", r->diff_lo, r->diff_hi);
        parley_json_key(j, "cycles");
        parley_json_int(j, (long long)r->cycles);
        parley_json_key(j, "unconverged");
        parley_json_int(j, (long long)r->unconverged);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}

/* The start of the JSON result: version, command, the data file and hash. */
static void json_head(parley_json_t *j, const bt_cli_t *c, const char *cmd)
{
    parley_json_object_begin(j);
    parley_json_key(j, "parley_version");
    parley_json_string(j, parley_version());
    parley_json_key(j, "command");
    parley_json_string(j, cmd);
    parley_json_key(j, "data");
    parley_json_object_begin(j);
    parley_json_key(j, "file");
    parley_json_string(j, c->path);
    parley_json_key(j, "hash");
    parley_json_string(j, c->d->hash);
    parley_json_object_end(j);
}

static void render_json(parley_buf_t *b, const bt_cli_t *c)
{
    parley_json_t j;
    parley_json_init(&j, b, 1);
    json_head(&j, c, "backtest");
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
    rows_json(&j, c, c->rows);
    if (c->published) {
        parley_json_key(&j, "published_conventions");
        parley_json_object_begin(&j);
        parley_json_key(&j, "eum_conflict");
        parley_json_string(&j, "none");
        parley_json_key(&j, "blank_salience");
        parley_json_string(&j, "dropped");
        parley_json_key(&j, "median");
        parley_json_string(&j, "unweighted median actor");
        parley_json_key(&j, "models");
        rows_json(&j, c, c->pub_rows);
        parley_json_object_end(&j);
    }
    parley_json_object_end(&j);
    parley_buf_puts(b, "\n");
}

static const char *split_name(parley_split_t s)
{
    return s == PARLEY_SPLIT_RANDOM ? "random" : "temporal";
}

static void date_text(char *buf, size_t cap, long ymd)
{
    snprintf(buf, cap, "%04ld-%02ld-%02ld", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

static void heldout_text(parley_buf_t *b, const bt_cli_t *c, const parley_heldout_t *h)
{
    char a[32], z[32];
    parley_buf_printf(b, "\n%s split: %zu proposals (%zu issues) train, %zu proposals (%zu "
                         "issues) test", split_name(h->split), h->train_proposals,
                      h->train_issues, h->test_proposals, h->test_issues);
    if (h->split == PARLEY_SPLIT_RANDOM)
        parley_buf_printf(b, "; split seed %llu\n", (unsigned long long)c->split_seed);
    else {
        date_text(a, sizeof a, h->train_last);
        date_text(z, sizeof z, h->test_first);
        parley_buf_printf(b, "; trained up to %s, tested from %s; %zu undated proposals left "
                             "out\n", a, z, h->undated);
    }
    parley_buf_puts(b, "candidate       test MAE  vs compromise  95% CI            99.4% CI        "
                       "   80% PI cover  width  fitted on the training half\n");
    for (size_t k = 0; k < h->n_rows; k++) {
        const parley_heldout_row_t *r = &h->rows[k];
        int beats = r->diff_hi < 0.0;
        parley_buf_printf(b, "%-15s %8.2f  %+13.2f  [%+6.2f, %+6.2f]%s [%+6.2f, %+6.2f]  %12.1f%%  "
                             "%5.1f  %s\n", r->candidate, r->mae, r->diff, r->diff_lo,
                          r->diff_hi, beats ? "*" : " ", r->diff_lo_bonf, r->diff_hi_bonf,
                          100.0 * r->coverage, r->width, r->fitted[0] ? r->fitted : "-");
    }
}

static void heldout_verdict(parley_buf_t *b, const bt_cli_t *c)
{
    int n = c->heldout == 3 ? 2 : 1;
    for (size_t k = 1; k < c->ho[0].n_rows; k++) {
        int all = 1;
        for (int s = 0; s < n; s++)
            all &= c->ho[s].rows[k].diff_hi < 0.0;
        if (all && n == 2) {
            parley_buf_printf(b, "\n%s beats the compromise model on both splits (95%% "
                                 "intervals wholly below zero)\n", c->ho[0].rows[k].candidate);
            return;
        }
    }
    parley_buf_printf(b, "\nno candidate beats the compromise model %s: no 95%% interval of the "
                         "paired difference lies wholly below zero%s (* marks one that does on "
                         "one split)\n", n == 2 ? "on both splits" : "on this split",
                      n == 2 ? " on both" : "");
}

static void heldout_json(parley_json_t *j, const bt_cli_t *c, const parley_heldout_t *h)
{
    parley_json_object_begin(j);
    parley_json_key(j, "split");
    parley_json_string(j, split_name(h->split));
    if (h->split == PARLEY_SPLIT_RANDOM) {
        parley_json_key(j, "split_seed");
        parley_json_int(j, (long long)c->split_seed);
    } else {
        parley_json_key(j, "train_last");
        parley_json_int(j, h->train_last);
        parley_json_key(j, "test_first");
        parley_json_int(j, h->test_first);
        parley_json_key(j, "undated");
        parley_json_int(j, (long long)h->undated);
    }
    parley_json_key(j, "train_proposals");
    parley_json_int(j, (long long)h->train_proposals);
    parley_json_key(j, "test_proposals");
    parley_json_int(j, (long long)h->test_proposals);
    parley_json_key(j, "train_issues");
    parley_json_int(j, (long long)h->train_issues);
    parley_json_key(j, "test_issues");
    parley_json_int(j, (long long)h->test_issues);
    parley_json_key(j, "candidates");
    parley_json_array_begin(j);
    for (size_t k = 0; k < h->n_rows; k++) {
        const parley_heldout_row_t *r = &h->rows[k];
        parley_json_object_begin(j);
        parley_json_key(j, "id");
        parley_json_string(j, r->candidate);
        parley_json_key(j, "fitted");
        parley_json_string(j, r->fitted[0] ? r->fitted : NULL);
        parley_json_key(j, "mae");
        parley_json_number(j, r->mae);
        parley_json_key(j, "diff_vs_compromise");
        parley_json_number(j, r->diff);
        parley_json_key(j, "diff_ci");
        parley_json_array_begin(j);
        parley_json_number(j, r->diff_lo);
        parley_json_number(j, r->diff_hi);
        parley_json_array_end(j);
        parley_json_key(j, "diff_ci_bonferroni");
        parley_json_array_begin(j);
        parley_json_number(j, r->diff_lo_bonf);
        parley_json_number(j, r->diff_hi_bonf);
        parley_json_array_end(j);
        parley_json_key(j, "pi80_coverage");
        parley_json_number(j, r->coverage);
        parley_json_key(j, "pi80_width");
        parley_json_number(j, r->width);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
    parley_json_object_end(j);
}

static void render_heldout(parley_buf_t *b, const bt_cli_t *c, int json)
{
    int n = c->heldout == 3 ? 2 : 1;
    if (json) {
        parley_json_t j;
        parley_json_init(&j, b, 1);
        json_head(&j, c, "backtest --heldout");
        parley_json_key(&j, "capability");
        parley_json_string(&j, parley_capability_name(c->caps[0]));
        parley_json_key(&j, "seed");
        parley_json_int(&j, (long long)c->o.seed);
        parley_json_key(&j, "resamples");
        parley_json_int(&j, c->o.resamples);
        parley_json_key(&j, "protocol");
        parley_json_string(&j, "docs/validation.md, Held-out evaluation (pre-registered protocol)");
        parley_json_key(&j, "splits");
        parley_json_array_begin(&j);
        for (int s = 0; s < n; s++)
            heldout_json(&j, c, &c->ho[s]);
        parley_json_array_end(&j);
        parley_json_object_end(&j);
        parley_buf_puts(b, "\n");
        return;
    }
    parley_buf_printf(b, "held-out evaluation on %s (%s), capability %s; protocol: "
                         "docs/validation.md\n", c->path, c->d->hash,
                      parley_capability_name(c->caps[0]));
    for (int s = 0; s < n; s++)
        heldout_text(b, c, &c->ho[s]);
    heldout_verdict(b, c);
    parley_buf_printf(b, "bootstrap over test proposals: %u resamples, seed %llu; 80%% PI: split "
                         "conformal from the training residuals\n", c->o.resamples,
                      (unsigned long long)c->o.seed);
}

static int run_heldout(parley_ctx_t *ctx, bt_cli_t *c, int json, const char *out)
{
    parley_status_t st = PARLEY_OK;
    if (c->nc != 1) /* the protocol fixes one option; --capability all means its default */
        c->caps[0] = PARLEY_CAP_NICE;
    c->nc = 1;
    int n = 0;
    if (c->heldout & 1)
        st = parley_backtest_heldout(ctx, c->d, &c->o, c->caps[0], PARLEY_SPLIT_RANDOM,
                                     c->split_seed, &c->ho[n++]);
    if (!st && (c->heldout & 2))
        st = parley_backtest_heldout(ctx, c->d, &c->o, c->caps[0], PARLEY_SPLIT_TEMPORAL,
                                     c->split_seed, &c->ho[n++]);
    if (st)
        return cli_fail("backtest", ctx, st);
    if (c->heldout == 2) /* render the one split run */
        c->heldout = 1;
    parley_buf_t b;
    parley_buf_init(&b);
    render_heldout(&b, c, json);
    int rc = json ? cli_emit("backtest", ctx, &b, out) : cli_emit_text("backtest", ctx, &b, out, NULL);
    parley_buf_free(&b);
    return rc;
}

static int run(parley_ctx_t *ctx, bt_cli_t *c, int json, const char *out)
{
    parley_status_t st = parley_deu_load_file(ctx, c->path, &c->d);
    if (!st && c->heldout)
        return run_heldout(ctx, c, json, out);
    if (!st)
        st = parley_backtest_run(ctx, c->d, c->models, c->nm, c->caps, c->nc, &c->o, c->rows);
    if (!st && c->published) {
        published_options(&c->o, &c->pub);
        st = parley_backtest_run(ctx, c->d, c->models, c->nm, c->caps, c->nc, &c->pub,
                                 c->pub_rows);
    }
    if (st)
        return cli_fail("backtest", ctx, st);
    parley_buf_t b;
    parley_buf_init(&b);
    if (json)
        render_json(&b, c);
    else
        render_text(&b, c);
    int rc = json ? cli_emit("backtest", ctx, &b, out) : cli_emit_text("backtest", ctx, &b, out, NULL);
    parley_buf_free(&b);
    return rc;
}

int cmd_backtest(int argc, char **argv)
{
    app_args_t a;
    int rc = cli_args("backtest", argc, argv, &a);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    bt_cli_t c = {0};
    c.path = app_arg(&a, APP_O_DEU);
    const char *out = app_arg(&a, APP_O_OUTPUT);
    fc_opt_values_t v;
    app_fc_values(&a, &v);
    v.seed = NULL; /* the bootstrap's seed, not the SMP's */
    parley_backtest_options_init(&c.o);
    parley_ctx_t *octx = parley_ctx_create(); /* for the option values' messages */
    parley_status_t st = octx ? fc_cli_params(octx, &v, &c.o.params) : PARLEY_ENOMEM;
    if (!st)
        st = fc_cli_models(octx, app_arg(&a, APP_O_MODEL), c.models, &c.nm);
    rc = st ? cli_fail("backtest", octx, st) : EXIT_OK;
    parley_ctx_destroy(octx);
    if (rc || (rc = parse_caps(app_arg(&a, APP_O_CAPABILITY), &c)))
        return rc;
    c.o.seed = a.v[APP_O_SEED].u;
    c.o.resamples = (unsigned)a.v[APP_O_RESAMPLES].u;
    c.o.institutions = !app_flag(&a, APP_O_NO_INSTITUTIONS);
    c.o.missing_salience = a.v[APP_O_MISSING_SALIENCE].num;
    c.published = app_flag(&a, APP_O_PUBLISHED);
    c.heldout = app_given(&a, APP_O_HELDOUT) ? a.v[APP_O_HELDOUT].word + 1 : 0;
    c.split_seed = a.v[APP_O_SPLIT_SEED].u;
    if (c.heldout && c.published)
        return cli_error("backtest", EXIT_USAGE, "--heldout and --published are separate "
                         "analyses: give one");
    parley_ctx_t *ctx = parley_ctx_create();
    if (!ctx)
        return cli_error("backtest", EXIT_INTERNAL, "out of memory");
    rc = run(ctx, &c, a.v[APP_O_FORMAT].word == APP_FMT_JSON, out);
    parley_deu_destroy(c.d);
    parley_ctx_destroy(ctx);
    return rc;
}
