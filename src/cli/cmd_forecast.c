/*
 * cmd_forecast.c — `parley forecast FILE`: runs the chosen forecasting
 * models (src/app/forecast.c) and writes the result as text, JSON or CSV.
 */
#include <string.h>
#include "../app/forecast.h"
#include "cli.h"

static int run(parley_ctx_t *ctx, const parley_scenario_t *s, fc_run_t *r, const char *fmt,
               const char *out, cli_archive_t *arc)
{
    parley_status_t st = fc_run_compute(ctx, s, r);
    if (st)
        return cli_fail("forecast", ctx, st);
    int rc;
    parley_buf_t b;
    parley_buf_init(&b);
    if (fmt && strcmp(fmt, "json") == 0)
        fc_render_json(&b, r);
    else if (fmt && strcmp(fmt, "csv") == 0)
        fc_render_csv(&b, r);
    else
        fc_render_text(&b, r);
    rc = cli_emit("forecast", ctx, &b, out);
    if (arc->store) { /* archived: the JSON result whatever was shown */
        b.len = 0;
        fc_render_json(&b, r);
        rc = cli_archive_save(arc, s, r->prm.smp.stochastic ? &r->prm.smp.seed : NULL, &b, rc);
    }
    parley_buf_free(&b);
    return rc;
}

int cmd_forecast(int argc, char **argv)
{
    const char *fmt = NULL, *out = NULL, *model = NULL, *trace = NULL, *salience = NULL;
    const char *db = NULL;
    fc_opt_values_t v = {0};
    const cli_opt_t opts[] = {
        {"--db", "FILE", &db},
        {"--format", "FORMAT", &fmt},   {"-o", "FILE", &out},        {"--output", "FILE", &out},
        {"--model", "ID", &model},      {"--trace", NULL, &trace},   {"--q", "Q", &v.q},
        {"--no-risk", NULL, &v.no_risk}, {"--offer", "RULE", &v.offer},
        {"--rounds", "N", &v.rounds},   {"--tol", "T", &v.tol},      {"--gamma", "G", &v.gamma},
        {"--nash-salience", NULL, &v.nash_salience},
        {"--smp-victory", "LAW", &v.victory},   {"--smp-pce", "PCE", &v.pce},
        {"--smp-voting", "RULE", &v.voting},    {"--smp-risk-adjust", "ADJ", &v.risk_adjust},
        {"--smp-risk-range", "RANGE", &v.risk_range}, {"--smp-commit", "TPC", &v.commit},
        {"--smp-interp", "INTERP", &v.interp},  {"--smp-bargain", "MODEL", &v.bargain},
        {"--smp-mode", "MODE", &v.mode},        {"--seed", "S", &v.seed},
        {"--smp-challenge-victory", NULL, &v.challenge_victory},
        {"--smp-salience", "RULE", &salience}, {NULL, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("forecast", argc, argv, opts, pos, 1, &npos);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    if (npos != 1)
        return cli_error("forecast", EXIT_USAGE, "needs a scenario FILE; see 'parley help forecast'");
    if (fmt && strcmp(fmt, "text") && strcmp(fmt, "table") && strcmp(fmt, "json") &&
        strcmp(fmt, "csv"))
        return cli_error("forecast", EXIT_USAGE, "--format must be text, json or csv, got '%s'",
                         fmt);
    fc_run_t r = {0};
    parley_model_t models[PARLEY_MODEL_COUNT];
    parley_ctx_t *ctx = parley_ctx_create();
    parley_status_t st = ctx ? PARLEY_OK : PARLEY_ENOMEM;
    if (st || (st = fc_cli_params(ctx, &v, &r.prm)) || (st = fc_cli_salience(ctx, salience)) ||
        (st = fc_cli_models(ctx, model, models, &r.n_models))) {
        rc = cli_fail("forecast", ctx, st);
        parley_ctx_destroy(ctx);
        return rc;
    }
    for (size_t m = 0; m < r.n_models; m++)
        r.models[m].model = models[m];
    r.trace = trace != NULL;
    cli_archive_t arc;
    if ((rc = cli_archive_open(&arc, "forecast", db))) {
        parley_ctx_destroy(ctx);
        return rc;
    }
    parley_scenario_t *s = NULL;
    st = parley_scenario_load_file(ctx, pos[0], &s);
    r.s = s;
    if (!st)
        st = fc_smp_with_scenario(ctx, &v, salience, s, &r.prm.smp);
    rc = st ? cli_fail("forecast", ctx, st) : run(ctx, s, &r, fmt, out, &arc);
    cli_archive_close(&arc);
    fc_run_free(&r);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    return rc;
}
