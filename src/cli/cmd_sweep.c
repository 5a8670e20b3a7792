/*
 * cmd_sweep.c — `parley sweep FILE --set PATH=FROM..TO:STEP [--what A]`:
 * one analysis at every point of a grid of one or two inputs, as a table,
 * JSON or CSV (src/app/sweep.c computes), with a progress line and the
 * archive.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../app/args.h"
#include "../app/sweep.h"
#include "cli.h"

static void progress(void *arg, size_t done, size_t total)
{
    (void)arg;
    fprintf(stderr, "\rsweep: %zu of %zu points", done, total);
    if (done == total)
        fputs("\n", stderr);
    fflush(stderr);
}

static int run(parley_ctx_t *ctx, sweep_t *w, const parley_scenario_t *s, const char *body,
               size_t len, app_format_t f, const char *out, cli_archive_t *arc, uint64_t seed)
{
    parley_status_t st = sweep_run(ctx, w, s, body, len);
    if (st)
        return cli_fail("sweep", ctx, st);
    parley_buf_t b;
    parley_buf_init(&b);
    if (f == APP_FMT_JSON)
        sweep_render_json(&b, w, s);
    else if (f == APP_FMT_CSV)
        sweep_render_csv(&b, w, s);
    else
        sweep_render_table(&b, w, s);
    int rc = f == APP_FMT_TABLE ? cli_emit_text("sweep", ctx, &b, out, NULL)
                                : cli_emit("sweep", ctx, &b, out);
    if (arc->store) {
        b.len = 0;
        sweep_render_json(&b, w, s);
        rc = cli_archive_save(arc, s, w->kind == APP_MONTECARLO ? &seed : NULL, &b, rc);
    }
    parley_buf_free(&b);
    return rc;
}

int cmd_sweep(int argc, char **argv)
{
    app_args_t a;
    int rc = cli_args("sweep", argc, argv, &a);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    sweep_t w;
    sweep_init(&w);
    const char *fixed[APP_MAX_SET];
    parley_ctx_t *ctx = parley_ctx_create();
    if (!ctx)
        return cli_error("sweep", EXIT_INTERNAL, "out of memory");
    if (sweep_setup(ctx, &a, &w, fixed, 0) != PARLEY_OK) {
        rc = cli_error("sweep", EXIT_USAGE, "%s", parley_ctx_message(ctx));
        parley_ctx_destroy(ctx);
        return rc;
    }
    const char *out = app_arg(&a, APP_O_OUTPUT), *when = app_text(&a, APP_O_PROGRESS);
    if (strcmp(when, "always") == 0 || (strcmp(when, "auto") == 0 && isatty(STDERR_FILENO)))
        w.progress = progress;
    cli_archive_t arc;
    if ((rc = cli_archive_open(&arc, "sweep", app_arg(&a, APP_O_DB)))) {
        parley_ctx_destroy(ctx);
        return rc;
    }
    char *body = NULL;
    size_t len = 0;
    parley_scenario_t *s = NULL;
    parley_status_t st = parley_read_file(ctx, a.pos[0], 16u << 20, &body, &len);
    /* The scenario with the fixed overrides: its ids, hash and messages. */
    parley_override_t ov[APP_MAX_SET];
    for (size_t k = 0; k < w.n_fixed; k++)
        ov[k] = (parley_override_t){fixed[k], NULL};
    if (!st)
        st = parley_scenario_load_file_with(ctx, a.pos[0], ov, w.n_fixed, &s);
    w.name = a.pos[0];
    rc = st ? cli_fail("sweep", ctx, st)
            : run(ctx, &w, s, body, len, (app_format_t)a.v[APP_O_FORMAT].word, out, &arc,
                  a.v[APP_O_SEED].u);
    cli_archive_close(&arc);
    parley_scenario_destroy(s);
    free(body);
    sweep_free(&w);
    parley_ctx_destroy(ctx);
    return rc;
}
