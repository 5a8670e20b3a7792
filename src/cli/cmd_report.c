/*
 * cmd_report.c — `parley report FILE -o report.html`: the self-contained
 * HTML report of src/app/report.c on one scenario, written atomically so an
 * error never leaves a partial file; analyses left out are named on stderr.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../app/report.h"
#include "../app/args.h"
#include "cli.h"

static int write_report(parley_ctx_t *ctx, const char *path, const char *text, size_t len,
                        const report_opts_t *o)
{
    parley_buf_t html, notes;
    parley_buf_init(&html);
    parley_buf_init(&notes);
    parley_status_t st = report_build(ctx, path, text, len, o, &html, &notes);
    for (const char *p = notes.data; p && *p;) {
        size_t n = strcspn(p, "\n");
        cli_error("report", EXIT_OK, "%.*s", (int)n, p); /* a note, escaped like an error */
        p += n + (p[n] == '\n');
    }
    int rc = st ? cli_fail("report", ctx, st) : cli_emit("report", ctx, &html, o->out);
    parley_buf_free(&html);
    parley_buf_free(&notes);
    return rc;
}

int cmd_report(int argc, char **argv)
{
    app_args_t a;
    int rc = cli_args("report", argc, argv, &a);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    report_opts_t o = {app_arg(&a, APP_O_OUTPUT), app_arg(&a, APP_O_X), app_arg(&a, APP_O_Y),
                       app_arg(&a, APP_O_DROP), app_arg(&a, APP_O_GRID), app_arg(&a, APP_O_ROOT),
                       app_arg(&a, APP_O_SAMPLES), app_text(&a, APP_O_SEED),
                       app_flag(&a, APP_O_SENSITIVITY)};
    const char *const *pos = a.pos;
    if (!o.out || !strcmp(o.out, "-"))
        return cli_error("report", EXIT_USAGE, "needs -o report.html (the report is a file)");
    char root[PATH_MAX];
    if (o.root)
        snprintf(root, sizeof root, "%s", o.root);
    else if (app_find_root(root, sizeof root) != 0)
        return cli_error("report", EXIT_INPUT, "cannot find web/ and node_modules/ beside the "
                         "executable, in PREFIX/share/parley of an installed parley, or here; "
                         "give --root DIR");
    o.root = root;
    parley_ctx_t *ctx = parley_ctx_create();
    if (!ctx)
        return cli_error("report", EXIT_INTERNAL, "out of memory");
    char *text = NULL;
    size_t len = 0;
    parley_status_t st = parley_read_file(ctx, pos[0], (size_t)64 << 20, &text, &len);
    rc = st ? cli_fail("report", ctx, st) : write_report(ctx, pos[0], text, len, &o);
    free(text);
    parley_ctx_destroy(ctx);
    return rc;
}
