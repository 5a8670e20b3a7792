/*
 * cmd_sensitivity.c — `parley sensitivity FILE`: which uncertain inputs
 * move one output most (src/app/sens.c), with a progress bar on a terminal,
 * written as a tornado table or JSON.
 */
#include <string.h>
#include "../app/args.h"
#include "mc_cli.h"

static const char CMD[] = "sensitivity";

typedef struct sens_args {
    sens_request_t rq;
    const char *out, *quiet;
} sens_args_t;

static void show(void *arg, uint64_t done, uint64_t total)
{
    mc_progress_show(arg, done, total);
}

static int run(parley_ctx_t *ctx, const parley_scenario_t *s, const sens_args_t *a, int json,
               cli_archive_t *arc)
{
    parley_sens_options_t o;
    parley_sens_t *se = NULL;
    parley_status_t st = sens_setup(ctx, &a->rq, s, &o);
    if (!st)
        st = parley_sens_create(ctx, s, &o, &se);
    if (!st) {
        mc_progress_t p;
        mc_progress_init(&p, a->quiet == NULL, CMD);
        st = sens_run(ctx, se, show, &p);
        mc_progress_end(&p);
    }
    parley_buf_t b;
    parley_buf_init(&b);
    if (!st)
        st = sens_render(ctx, &b, se, s, &o, json);
    int rc = st     ? cli_fail(CMD, ctx, st)
             : json ? cli_emit(CMD, ctx, &b, a->out)
                    : cli_emit_text(CMD, ctx, &b, a->out, NULL);
    if (!st && arc->store) { /* archived: the JSON result whatever was shown */
        b.len = 0;
        st = sens_render(ctx, &b, se, s, &o, 1);
        rc = st ? cli_fail(CMD, ctx, st) : cli_archive_save(arc, s, &o.mc.seed, &b, rc);
    }
    parley_buf_free(&b);
    parley_sens_destroy(se);
    return rc;
}

int cmd_sensitivity(int argc, char **argv)
{
    sens_args_t a;
    memset(&a, 0, sizeof a);
    app_args_t args;
    int rc = cli_args(CMD, argc, argv, &args);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    app_sens_request(&args, &a.rq);
    a.out = app_arg(&args, APP_O_OUTPUT);
    a.quiet = app_arg(&args, APP_O_QUIET);
    int json = args.v[APP_O_FORMAT].word == APP_FMT_JSON;
    cli_archive_t arc;
    if ((rc = cli_archive_open(&arc, CMD, app_arg(&args, APP_O_DB))))
        return rc;
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st = ctx ? app_load_file(ctx, &args, args.pos[0], &s) : PARLEY_ENOMEM;
    rc = st ? cli_fail(CMD, ctx, st) : run(ctx, s, &a, json, &arc);
    cli_archive_close(&arc);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    return rc;
}
