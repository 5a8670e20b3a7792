/*
 * cmd_simulate.c — `parley simulate FILE`: plays the negotiation round by
 * round with the what-if switches (src/app/sim.c) and writes the outcome
 * and trace as text, JSON or CSV.
 */
#include <string.h>
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
    rc = cli_emit("simulate", ctx, &b, out);
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
    const char *fmt = NULL, *out = NULL, *color = NULL, *db = NULL, *detail = NULL, *set = NULL;
    sim_switches_t w = {0};
    const cli_opt_t opts[] = {
        {"--format", "FORMAT", &fmt},       {"-o", "FILE", &out},
        {"--output", "FILE", &out},         {"--color", "WHEN", &color},
        {"--db", "FILE", &db},              {"--detail", NULL, &detail},
        {"--without", "TACTICS", &w.without}, {"--join", "ACTORS", &w.join},
        {"--leave", "ACTORS", &w.leave},    {"--protocol", "P", &w.protocol},
        {"--meeting", "M", &w.meeting},     {"--horizon", "N", &w.horizon},
        {"--grid", "N", &w.grid},           {"--set", "PATH=VALUE", &set},
        {"--seed", "S", &w.seed},
        {NULL, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("simulate", argc, argv, opts, pos, 1, &npos);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    if (npos != 1)
        return cli_error("simulate", EXIT_USAGE, "needs a scenario FILE; see 'parley help simulate'");
    app_format_t f;
    app_style_t sty;
    if ((rc = cli_format("simulate", fmt, &f)) ||
        (rc = cli_style_init("simulate", color, out && strcmp(out, "-"), &sty)))
        return rc;
    cli_archive_t arc;
    if ((rc = cli_archive_open(&arc, "simulate", db)))
        return rc;
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st = ctx ? parley_scenario_load_file(ctx, pos[0], &s) : PARLEY_ENOMEM;
    sim_run_t r = {.s = s, .detail = detail != NULL, .set = set};
    if (!st && set)
        st = sim_apply_set(ctx, s, set);
    rc = st ? cli_fail("simulate", ctx, st) : EXIT_OK;
    if (!rc)
        rc = run(ctx, &r, &w, f, &sty, out, &arc);
    sim_run_free(&r);
    cli_archive_close(&arc);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    return rc;
}
