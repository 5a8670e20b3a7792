/*
 * archive.c — `--db FILE` for the analysis commands: opens the run archive
 * before the analysis (a bad path fails fast, before minutes of work),
 * times the run, and stores it with its JSON result once the output is
 * written. One call per command, so new commands archive the same way.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"

static int g_argc;
static char **g_argv;

void cli_archive_args(int argc, char **argv)
{
    g_argc = argc;
    g_argv = argv;
}

static double clock_s(clockid_t id)
{
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0)
        return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* PARLEY_TEST_NOW=SECONDS: a fixed clock (and zero timings), for tests. */
static int test_now(double *now)
{
    const char *e = getenv("PARLEY_TEST_NOW");
    char *end;
    if (!e || !*e)
        return 0;
    *now = strtod(e, &end);
    return *end == '\0';
}

static unsigned test_delay_ms(void)
{
    const char *e = getenv("PARLEY_STORE_TEST_DELAY");
    char *end;
    unsigned long v = e ? strtoul(e, &end, 10) : 0;
    return e && *e && *end == '\0' && v < 600000 ? (unsigned)v : 0;
}

int cli_archive_open(cli_archive_t *a, const char *cmd, const char *path)
{
    memset(a, 0, sizeof *a);
    a->cmd = cmd;
    a->started = clock_s(CLOCK_REALTIME);
    a->t0 = clock_s(CLOCK_MONOTONIC);
    a->c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    if (!path)
        return EXIT_OK;
    if (!*path)
        return cli_error(cmd, EXIT_USAGE, "--db needs a file name");
    parley_ctx_t *ctx = parley_ctx_create();
    if (!ctx)
        return cli_error(cmd, EXIT_INTERNAL, "out of memory");
    parley_store_options_t o;
    parley_store_options_init(&o);
    o.create = 1;
    o.test_commit_delay_ms = test_delay_ms();
    parley_status_t st = parley_store_open(ctx, path, &o, &a->store);
    int rc = st ? cli_fail(cmd, ctx, st) : EXIT_OK;
    parley_ctx_destroy(ctx);
    return rc;
}

/* Options that change how the output looks, not what is computed. */
static int presentation(const char *arg, size_t len)
{
    static const char *const names[] = {"--db", "--format", "-o", "--output", "--color",
                                        "--progress", NULL};
    for (size_t k = 0; names[k]; k++)
        if (strlen(names[k]) == len && strncmp(arg, names[k], len) == 0)
            return 1;
    return 0;
}

/* {"args": [...]}: the command line after the command's name, as typed,
 * less --db and the presentation options. */
static void args_json(parley_buf_t *b)
{
    parley_json_t j;
    parley_json_init(&j, b, 0);
    parley_json_object_begin(&j);
    parley_json_key(&j, "args");
    parley_json_array_begin(&j);
    int only_pos = 0;
    for (int k = 1; k < g_argc; k++) {
        const char *s = g_argv[k];
        if (!only_pos && strcmp(s, "--") == 0) {
            only_pos = 1;
        } else if (!only_pos && s[0] == '-' && presentation(s, strcspn(s, "="))) {
            k += strchr(s, '=') == NULL; /* skip its value too */
            continue;
        }
        parley_json_string(&j, s);
    }
    parley_json_array_end(&j);
    parley_json_object_end(&j);
}

int cli_archive_save(cli_archive_t *a, const parley_scenario_t *s, const uint64_t *seed,
                     const parley_buf_t *result, int exit_status)
{
    if (!a->store)
        return exit_status;
    parley_run_t run;
    parley_run_init(&run);
    run.scenario = s;
    run.command = a->cmd;
    run.exit_status = exit_status;
    run.has_seed = seed != NULL;
    run.seed = seed ? *seed : 0;
    run.started = a->started;
    run.finished = clock_s(CLOCK_REALTIME);
    run.wall_seconds = clock_s(CLOCK_MONOTONIC) - a->t0;
    run.cpu_seconds = clock_s(CLOCK_PROCESS_CPUTIME_ID) - a->c0;
    double now;
    if (test_now(&now)) {
        run.started = run.finished = now;
        run.wall_seconds = run.cpu_seconds = 0;
    }
    parley_buf_t params;
    parley_buf_init(&params);
    if (!a->parameters)
        args_json(&params);
    run.parameters = a->parameters ? a->parameters : params.data;
    run.result = result && result->len ? result->data : NULL;
    parley_ctx_t *ctx = parley_ctx_create();
    int rc = exit_status;
    if (!ctx || params.failed || (result && result->failed)) {
        rc = cli_error(a->cmd, EXIT_INTERNAL, "out of memory while storing the run");
    } else {
        parley_status_t st = parley_store_add_run(ctx, a->store, &run, NULL);
        if (st)
            rc = cli_fail(a->cmd, ctx, st);
    }
    parley_ctx_destroy(ctx);
    parley_buf_free(&params);
    return exit_status ? exit_status : rc;
}

void cli_archive_close(cli_archive_t *a)
{
    parley_store_close(a->store);
    a->store = NULL;
}
