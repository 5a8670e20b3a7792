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

/* The axes and the fixed overrides from the --set options. */
static int split_sets(const app_args_t *a, sweep_t *w, const char **fixed)
{
    char msg[700];
    for (size_t k = 0; k < a->n_set; k++) {
        sweep_axis_t ax;
        int r = sweep_axis_parse(a->set[k], &ax, msg, sizeof msg);
        if (r < 0)
            return cli_error("sweep", EXIT_USAGE, "%s", msg);
        if (r == 0) {
            fixed[w->n_fixed++] = a->set[k];
            continue;
        }
        if (w->n_axes == 2)
            return cli_error("sweep", EXIT_USAGE, "at most two inputs can be swept (a grid of "
                             "pairs); --set %s is a third", a->set[k]);
        w->axes[w->n_axes++] = ax;
    }
    if (w->n_axes == 0)
        return cli_error("sweep", EXIT_USAGE, "nothing to sweep: give --set PATH=FROM..TO:STEP "
                         "(e.g. --set actors.RUS.batna=0.3..0.7:0.1)");
    if (w->n_axes == 2 && strcmp(w->axes[0].path, w->axes[1].path) == 0)
        return cli_error("sweep", EXIT_USAGE, "%s is swept twice", w->axes[0].path);
    return EXIT_OK;
}

static void params(const app_args_t *a, sweep_t *w)
{
    if (w->kind == APP_EVAL && w->proposal)
        w->params[w->n_params++] = (app_param_t){"proposal", w->proposal};
    if (w->kind == APP_SPACE)
        w->params[w->n_params++] = (app_param_t){"grid", app_text(a, APP_O_GRID)};
    if (w->kind == APP_MONTECARLO) {
        w->params[w->n_params++] = (app_param_t){"samples", app_text(a, APP_O_SAMPLES)};
        w->params[w->n_params++] = (app_param_t){"seed", app_text(a, APP_O_SEED)};
    }
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
    static const app_kind_t KINDS[] = {APP_EVAL, APP_SPACE, APP_SIMULATE, APP_MONTECARLO};
    sweep_t w;
    sweep_init(&w);
    const char *fixed[APP_MAX_SET];
    w.kind = KINDS[a.v[APP_O_WHAT].word];
    w.proposal = app_arg(&a, APP_O_PROPOSAL);
    w.fixed = fixed;
    if (w.proposal && w.kind != APP_EVAL)
        return cli_error("sweep", EXIT_USAGE, "--proposal goes with --what eval");
    if ((rc = split_sets(&a, &w, fixed)))
        return rc;
    params(&a, &w);
    const char *out = app_arg(&a, APP_O_OUTPUT), *when = app_text(&a, APP_O_PROGRESS);
    if (strcmp(when, "always") == 0 || (strcmp(when, "auto") == 0 && isatty(STDERR_FILENO)))
        w.progress = progress;
    cli_archive_t arc;
    if ((rc = cli_archive_open(&arc, "sweep", app_arg(&a, APP_O_DB))))
        return rc;
    parley_ctx_t *ctx = parley_ctx_create();
    char *body = NULL;
    size_t len = 0;
    parley_scenario_t *s = NULL;
    parley_status_t st = ctx ? parley_read_file(ctx, a.pos[0], 16u << 20, &body, &len)
                             : PARLEY_ENOMEM;
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
