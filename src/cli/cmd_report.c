/*
 * cmd_report.c — `parley report FILE -o report.html`: runs the API's eval,
 * space, forecast and (with a `simulation:` section) simulate in-process on
 * one scenario and writes the HTML report
 * (src/serve/report.c) atomically, so an error never leaves a partial file.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../serve/report.h"
#include "../serve/serve.h"
#include "cli.h"

typedef struct report_opts {
    const char *out, *x, *y, *drop, *grid, *root;
} report_opts_t;

/* Runs the analyses; the eval must succeed, the others may fail into the
 * report. The simulation runs only when the scenario has a `simulation:`. */
static int analyse(const parley_scenario_t *s, const char *path, const char *text, size_t len,
                   const report_opts_t *o, api_result_t res[REPORT_RESULTS])
{
    api_param_t sp[4];
    size_t n = 0;
    const char *keys[4] = {"x", "y", "drop-red-lines", "grid"};
    const char *vals[4] = {o->x, o->y, o->drop, o->grid};
    for (int k = 0; k < 4; k++)
        if (vals[k])
            sp[n++] = (api_param_t){keys[k], vals[k]};
    api_param_t trace = {"trace", "1"};
    const api_kind_t kinds[REPORT_RESULTS] = {API_EVAL, API_SPACE, API_FORECAST, API_SIMULATE};
    for (int k = 0; k < REPORT_RESULTS; k++) {
        if (kinds[k] == API_SIMULATE && !parley_scenario_simulation(s)->present) {
            res[k].status = 0; /* not asked for */
            continue;
        }
        api_request_t rq = {.kind = kinds[k], .name = path, .body = text, .len = len,
                            .max_memory_gib = 1.0};
        if (kinds[k] == API_SPACE) {
            rq.params = sp;
            rq.n_params = n;
        } else if (kinds[k] == API_FORECAST) {
            rq.params = &trace;
            rq.n_params = 1;
        }
        api_compute(&rq, &res[k]);
        if (res[k].status != 200 && k == 0)
            return cli_error("report", res[k].status == 400 ? EXIT_INPUT : EXIT_INTERNAL, "%s",
                             res[k].error.data ? res[k].error.data : "eval failed");
        if (res[k].status != 200)
            fprintf(stderr, "parley report: %s not in the report: %s\n", api_kind_name(kinds[k]),
                    res[k].error.data ? res[k].error.data : "failed");
    }
    return EXIT_OK;
}

static int write_report(parley_ctx_t *ctx, const char *path, const char *text, size_t len,
                        const report_opts_t *o, const char *root)
{
    report_libs_t libs;
    char missing[PATH_MAX + 64];
    if (report_libs_load(root, &libs, missing, sizeof missing) != 0) {
        report_libs_free(&libs);
        return cli_error("report", EXIT_INPUT, "%s is missing: run 'npm ci' in %s to install "
                         "the vega libraries the report embeds", missing, root);
    }
    parley_scenario_t *s = NULL;
    parley_status_t st = parley_scenario_load_buffer(ctx, path, text, len, &s);
    api_result_t res[REPORT_RESULTS];
    for (int k = 0; k < REPORT_RESULTS; k++)
        api_result_init(&res[k]);
    int rc = st ? cli_fail("report", ctx, st) : analyse(s, path, text, len, o, res);
    if (!rc) {
        parley_buf_t html;
        parley_buf_init(&html);
        if (report_html(&html, s, res, &libs) != 0)
            rc = cli_error("report", EXIT_INTERNAL, "out of memory writing the report");
        else
            rc = cli_emit("report", ctx, &html, o->out);
        parley_buf_free(&html);
    }
    for (int k = 0; k < REPORT_RESULTS; k++)
        api_result_free(&res[k]);
    parley_scenario_destroy(s);
    report_libs_free(&libs);
    return rc;
}

int cmd_report(int argc, char **argv)
{
    report_opts_t o = {0};
    const cli_opt_t opts[] = {{"-o", "FILE", &o.out},     {"--output", "FILE", &o.out},
                              {"--x", "ACTOR", &o.x},     {"--y", "ACTOR", &o.y},
                              {"--drop-red-lines", "LIST", &o.drop},
                              {"--grid", "N", &o.grid},   {"--root", "DIR", &o.root},
                              {NULL, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("report", argc, argv, opts, pos, 1, &npos);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    if (npos != 1)
        return cli_error("report", EXIT_USAGE, "needs a scenario FILE; see 'parley help report'");
    if (!o.out || !strcmp(o.out, "-"))
        return cli_error("report", EXIT_USAGE, "needs -o report.html (the report is a file)");
    char root[PATH_MAX];
    if (o.root)
        snprintf(root, sizeof root, "%s", o.root);
    else if (serve_find_root(root, sizeof root) != 0)
        return cli_error("report", EXIT_INPUT, "cannot find the repository (web/ and "
                         "node_modules/) beside the executable or here; give --root DIR");
    parley_ctx_t *ctx = parley_ctx_create();
    if (!ctx)
        return cli_error("report", EXIT_INTERNAL, "out of memory");
    char *text = NULL;
    size_t len = 0;
    parley_status_t st = parley_read_file(ctx, pos[0], (size_t)64 << 20, &text, &len);
    rc = st ? cli_fail("report", ctx, st) : write_report(ctx, pos[0], text, len, &o, root);
    free(text);
    parley_ctx_destroy(ctx);
    return rc;
}
