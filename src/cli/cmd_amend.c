/*
 * cmd_amend.c — `parley amend FILE --proposal ID`: the acceptable packages
 * closest to a proposal and the Pareto improvements on it (computed and
 * written by src/app/amend.c), as a table or JSON.
 */
#include <string.h>
#include "../app/space.h"
#include "cli.h"

static int run(amend_run_t *r, const char *out, cli_archive_t *arc)
{
    space_job_t *j = r->job;
    parley_status_t st = amend_run_compute(r);
    if (st)
        return cli_fail(j->cmd, j->ctx, st);
    parley_buf_t b;
    parley_buf_init(&b);
    if (j->fmt == APP_FMT_JSON)
        amend_render_json(&b, r);
    else
        amend_render_table(&b, r);
    int rc = j->fmt == APP_FMT_TABLE ? cli_emit_text(j->cmd, j->ctx, &b, out, &j->sty)
                                     : cli_emit(j->cmd, j->ctx, &b, out);
    if (arc->store) { /* archived: the JSON result whatever was shown */
        b.len = 0;
        amend_render_json(&b, r);
        rc = cli_archive_save(arc, j->s, NULL, &b, rc);
    }
    parley_buf_free(&b);
    return rc;
}

int cmd_amend(int argc, char **argv)
{
    space_args_t a;
    app_args_t args;
    int rc = space_cli_args("amend", argc, argv, &args, &a);
    const char *path = args.pos[0];
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    cli_archive_t arc;
    if ((rc = cli_archive_open(&arc, "amend", a.db)))
        return rc;
    space_job_t j;
    amend_run_t r;
    memset(&r, 0, sizeof r);
    parley_status_t st = space_job_open(&j, "amend", &a, path, 10);
    space_cli_progress(&j);
    if (!st) {
        size_t p = space_find_proposal(j.ctx, j.s, a.proposal);
        if (p == (size_t)-1) {
            st = PARLEY_EINPUT;
        } else {
            r.job = &j;
            r.prop = parley_scenario_proposal(j.s, p);
            st = space_job_include(&j, r.prop->positions);
            if (!st)
                rc = run(&r, a.out, &arc);
        }
    }
    if (st)
        rc = cli_fail("amend", j.ctx, st);
    amend_run_free(&r);
    space_job_close(&j);
    cli_archive_close(&arc);
    return rc;
}
