/*
 * cmd_simulate.c — `parley simulate FILE`: plays the negotiation round by
 * round with the what-if switches (src/app/sim.c) and writes the outcome
 * and trace as text, JSON or CSV.
 */
#include <string.h>
#include "../app/args.h"
#include "../app/sim.h"
#include "cli.h"

static int run(parley_ctx_t *ctx, sim_run_t *r, const sim_switches_t *w, app_format_t f,
               const app_style_t *sty, const char *out, cli_archive_t *arc)
{
    parley_status_t st = sim_run_setup(ctx, w, r);
    if (st || (st = sim_run_play(ctx, r)))
        return cli_fail("simulate", ctx, st);
    int rc;
    parley_buf_t b;
    parley_buf_init(&b);
    if (f == APP_FMT_JSON)
        sim_render_json(&b, r);
    else if (f == APP_FMT_CSV)
        sim_render_csv(&b, r);
    else
        sim_render_text(&b, r, sty);
    rc = f == APP_FMT_TABLE ? cli_emit_text("simulate", ctx, &b, out, sty)
                            : cli_emit("simulate", ctx, &b, out);
    if (arc->store) {
        b.len = 0;
        sim_render_json(&b, r);
        rc = cli_archive_save(arc, r->s, NULL, &b, rc);
    }
    parley_buf_free(&b);
    return rc;
}

int cmd_simulate(int argc, char **argv)
{
    app_args_t a;
    int rc = cli_args("simulate", argc, argv, &a);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    const char *out = app_arg(&a, APP_O_OUTPUT);
    sim_switches_t w;
    app_sim_switches(&a, &w);
    app_format_t f = (app_format_t)a.v[APP_O_FORMAT].word;
    app_style_t sty;
    if ((rc = cli_style_init("simulate", app_text(&a, APP_O_COLOR), out && strcmp(out, "-"), &sty)))
        return rc;
    cli_archive_t arc;
    if ((rc = cli_archive_open(&arc, "simulate", app_arg(&a, APP_O_DB))))
        return rc;
    parley_buf_t set; /* the --set pairs as given, for the result's parameters */
    parley_buf_init(&set);
    app_set_list(&a, &set);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st = ctx ? app_load_file(ctx, &a, a.pos[0], &s) : PARLEY_ENOMEM;
    sim_run_t r = {.s = s, .detail = app_flag(&a, APP_O_DETAIL), .set = set.data};
    rc = st ? cli_fail("simulate", ctx, st) : run(ctx, &r, &w, f, &sty, out, &arc);
    sim_run_free(&r);
    cli_archive_close(&arc);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    parley_buf_free(&set);
    return rc;
}
