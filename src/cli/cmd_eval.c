/*
 * cmd_eval.c — `parley eval FILE`: what each proposal gives each actor.
 * Evaluates once (src/app/eval.c) and hands the result to one of three
 * writers: a terminal table, JSON or CSV.
 */
#include <string.h>
#include "../app/args.h"
#include "../app/eval.h"
#include "cli.h"

static int run(parley_ctx_t *ctx, const parley_scenario_t *s, const char *proposal,
               app_format_t f, int detail, const app_style_t *sty, const char *out,
               cli_archive_t *arc)
{
    eval_run_t r;
    parley_status_t st = eval_run_select(ctx, &r, s, proposal);
    if (st)
        return cli_fail("eval", ctx, st);
    int rc;
    if (proposal)
        detail = 1;
    parley_buf_t b;
    parley_buf_init(&b);
    if (f == APP_FMT_JSON)
        eval_render_json(&b, &r);
    else if (f == APP_FMT_CSV)
        eval_render_csv(&b, &r);
    else
        eval_render_table(&b, &r, detail, sty);
    rc = f == APP_FMT_TABLE ? cli_emit_text("eval", ctx, &b, out, sty) : cli_emit("eval", ctx, &b, out);
    if (arc->store) { /* the archive keeps the JSON result whatever was shown */
        b.len = 0;
        eval_render_json(&b, &r);
        rc = cli_archive_save(arc, s, NULL, &b, rc);
    }
    parley_buf_free(&b);
    eval_run_free(&r);
    return rc;
}

int cmd_eval(int argc, char **argv)
{
    app_args_t a;
    int rc = cli_args("eval", argc, argv, &a);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    const char *proposal = app_arg(&a, APP_O_PROPOSAL), *out = app_arg(&a, APP_O_OUTPUT);
    if (proposal && app_flag(&a, APP_O_ALL))
        return cli_error("eval", EXIT_USAGE, "give --proposal ID or --all, not both");
    app_format_t f = (app_format_t)a.v[APP_O_FORMAT].word;
    app_style_t sty;
    if ((rc = cli_style_init("eval", app_text(&a, APP_O_COLOR), out && strcmp(out, "-"), &sty)))
        return rc;
    cli_archive_t arc;
    if ((rc = cli_archive_open(&arc, "eval", app_arg(&a, APP_O_DB))))
        return rc;
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st = ctx ? app_load_file(ctx, &a, a.pos[0], &s) : PARLEY_ENOMEM;
    rc = st ? cli_fail("eval", ctx, st)
            : run(ctx, s, proposal, f, app_flag(&a, APP_O_DETAIL), &sty, out, &arc);
    cli_archive_close(&arc);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    return rc;
}
