/*
 * cmd_sensitivity.c — `parley sensitivity FILE`: which uncertain inputs
 * move one output most (src/app/sens.c), with a progress bar on a terminal,
 * written as a tornado table or JSON.
 */
#include <string.h>
#include "mc_cli.h"

static const char CMD[] = "sensitivity";

typedef struct sens_args {
    sens_request_t rq;
    const char *fmt, *out, *quiet;
} sens_args_t;

static void show(void *arg, uint64_t done, uint64_t total)
{
    mc_progress_show(arg, done, total);
}

static int run(parley_ctx_t *ctx, const parley_scenario_t *s, const sens_args_t *a, int json)
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
    int rc = st ? cli_fail(CMD, ctx, st) : cli_emit(CMD, ctx, &b, a->out);
    parley_buf_free(&b);
    parley_sens_destroy(se);
    return rc;
}

int cmd_sensitivity(int argc, char **argv)
{
    sens_args_t a;
    memset(&a, 0, sizeof a);
    const cli_opt_t opts[] = {
        {"--metric", "M", &a.rq.metric}, {"-n", "N", &a.rq.n},      {"--samples", "N", &a.rq.n},
        {"--seed", "S", &a.rq.seed},     {"--threads", "T", &a.rq.threads},
        {"--what", "W", &a.rq.what},     {"--model", "ID", &a.rq.model},
        {"--low", "P", &a.rq.low},       {"--high", "P", &a.rq.high},
        {"--format", "F", &a.fmt},       {"-o", "FILE", &a.out},    {"--output", "FILE", &a.out},
        {"--quiet", NULL, &a.quiet},     {NULL, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse(CMD, argc, argv, opts, pos, 1, &npos);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    if (npos != 1)
        return cli_error(CMD, EXIT_USAGE, "needs a scenario FILE; see 'parley help sensitivity'");
    int json = a.fmt && strcmp(a.fmt, "json") == 0;
    if (a.fmt && !json && strcmp(a.fmt, "text") && strcmp(a.fmt, "table"))
        return cli_error(CMD, EXIT_USAGE, "--format must be text or json, got '%s'", a.fmt);
    parley_mc_what_t w;
    parley_ctx_t *ctx = parley_ctx_create();
    parley_status_t st = ctx ? mc_cli_what(ctx, a.rq.what, &w) : PARLEY_ENOMEM;
    parley_scenario_t *s = NULL;
    if (!st)
        st = parley_scenario_load_file(ctx, pos[0], &s);
    rc = st ? cli_fail(CMD, ctx, st) : run(ctx, s, &a, json);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    return rc;
}
