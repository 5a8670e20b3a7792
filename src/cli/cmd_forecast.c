/*
 * cmd_forecast.c — `parley forecast FILE`: runs the chosen forecasting
 * models (src/app/forecast.c) and writes the result as text, JSON or CSV.
 */
#include <string.h>
#include "../app/args.h"
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
    int text = !(fmt && (strcmp(fmt, "json") == 0 || strcmp(fmt, "csv") == 0));
    rc = text ? cli_emit_text("forecast", ctx, &b, out, NULL) : cli_emit("forecast", ctx, &b, out);
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
    app_args_t a;
    int rc = cli_args("forecast", argc, argv, &a);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    const char *salience = app_arg(&a, APP_O_SMP_SALIENCE);
    fc_opt_values_t v;
    app_fc_values(&a, &v);
    fc_run_t r = {0};
    parley_model_t models[PARLEY_MODEL_COUNT];
    parley_ctx_t *ctx = parley_ctx_create();
    parley_status_t st = ctx ? PARLEY_OK : PARLEY_ENOMEM;
    if (st || (st = fc_cli_params(ctx, &v, &r.prm)) || (st = fc_cli_salience(ctx, salience)) ||
        (st = fc_cli_models(ctx, app_arg(&a, APP_O_MODEL), models, &r.n_models))) {
        rc = cli_fail("forecast", ctx, st);
        parley_ctx_destroy(ctx);
        return rc;
    }
    for (size_t m = 0; m < r.n_models; m++)
        r.models[m].model = models[m];
    r.trace = app_flag(&a, APP_O_TRACE);
    r.nearest = app_flag(&a, APP_O_NEAREST);
    cli_archive_t arc;
    if ((rc = cli_archive_open(&arc, "forecast", app_arg(&a, APP_O_DB)))) {
        parley_ctx_destroy(ctx);
        return rc;
    }
    parley_scenario_t *s = NULL;
    st = app_load_file(ctx, &a, a.pos[0], &s);
    r.s = s;
    if (!st)
        st = fc_smp_with_scenario(ctx, &v, salience, s, &r.prm.smp);
    rc = st ? cli_fail("forecast", ctx, st)
            : run(ctx, s, &r, app_text(&a, APP_O_FORMAT), app_arg(&a, APP_O_OUTPUT), &arc);
    cli_archive_close(&arc);
    fc_run_free(&r);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    return rc;
}
