/*
 * cmd_space.c — `parley space FILE|DIR`: the zone of possible agreement,
 * the Pareto frontier, the bargaining solutions and, when no deal exists,
 * what empties the zone (computed and written by src/app/space*.c).
 */
#include <string.h>
#include "../app/space.h"
#include "cli.h"

int cmd_space(int argc, char **argv)
{
    space_args_t a;
    app_args_t args;
    int rc = space_cli_args("space", argc, argv, &args, &a);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    cli_archive_t arc;
    if ((rc = cli_archive_open(&arc, "space", a.db)))
        return rc;
    space_job_t j;
    parley_status_t st = space_job_open(&j, "space", &a, args.pos[0], 0);
    space_cli_progress(&j);
    if (!st) {
        if (!a.limit)
            j.limit = j.fmt == APP_FMT_TABLE ? 10 : 1000;
        space_run_t r;
        memset(&r, 0, sizeof r);
        r.job = &j;
        st = space_run_analyse(&r);
        if (!st) {
            parley_buf_t b;
            parley_buf_init(&b);
            if (j.fmt == APP_FMT_JSON)
                space_render_json(&b, &r);
            else if (j.fmt == APP_FMT_CSV)
                space_render_csv(&b, &r);
            else
                space_render_table(&b, &r);
            rc = j.fmt == APP_FMT_TABLE ? cli_emit_text("space", j.ctx, &b, a.out, &j.sty)
                                        : cli_emit("space", j.ctx, &b, a.out);
            if (arc.store) { /* archived: what --format json gives */
                b.len = 0;
                j.limit = a.limit ? j.limit : 1000;
                space_render_json(&b, &r);
                rc = cli_archive_save(&arc, j.s, &j.seed, &b, rc);
            }
            parley_buf_free(&b);
        }
        space_run_free(&r);
    }
    if (st)
        rc = cli_fail("space", j.ctx, st);
    space_job_close(&j);
    cli_archive_close(&arc);
    return rc;
}
