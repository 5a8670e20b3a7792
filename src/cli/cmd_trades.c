/*
 * cmd_trades.c — `parley trades FILE [--proposal ID]`: logrolling on each
 * proposal (or one), found and written by src/app/trades.c, as a table or
 * JSON; the JSON is what --db archives either way.
 */
#include "../app/space.h"
#include "cli.h"

static int run(space_job_t *j, const char *proposal, int all, const char *out,
               cli_archive_t *arc)
{
    parley_buf_t b, jb; /* the table shown; the JSON, shown or archived (--db) */
    parley_buf_init(&b);
    parley_buf_init(&jb);
    int json = j->fmt == APP_FMT_JSON;
    parley_status_t st = trades_run(j, proposal, all, json ? NULL : &b, json || arc->store ? &jb : NULL);
    int rc = st ? cli_fail(j->cmd, j->ctx, st) : EXIT_OK;
    if (!rc) {
        rc = json ? cli_emit(j->cmd, j->ctx, &jb, out) : cli_emit_text(j->cmd, j->ctx, &b, out, &j->sty);
        rc = cli_archive_save(arc, j->s, NULL, &jb, rc);
    }
    parley_buf_free(&b);
    parley_buf_free(&jb);
    return rc;
}

int cmd_trades(int argc, char **argv)
{
    space_args_t a;
    app_args_t args;
    int rc = space_cli_args("trades", argc, argv, &args, &a);
    const char *path = args.pos[0];
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    cli_archive_t arc;
    if ((rc = cli_archive_open(&arc, "trades", a.db)))
        return rc;
    space_job_t j;
    parley_status_t st = space_job_open(&j, "trades", &a, path, 5);
    space_cli_progress(&j);
    rc = st ? cli_fail("trades", j.ctx, st) : run(&j, a.proposal, app_flag(&args, APP_O_ALL), a.out, &arc);
    space_job_close(&j);
    cli_archive_close(&arc);
    return rc;
}
