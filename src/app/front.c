/*
 * front.c — exit codes, option parsing, messages and output shared by the
 * subcommands and `parley serve`. Options are few and simple (--name VALUE,
 * --name=VALUE, flags), so a small table-driven parser beats a dependency.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "front.h"

int cli_exit_for(parley_status_t st)
{
    switch (st) {
    case PARLEY_OK: return EXIT_OK;
    case PARLEY_EINPUT:
    case PARLEY_ELIMIT:
    case PARLEY_ENOTFOUND:
    case PARLEY_EIO: return EXIT_INPUT;
    case PARLEY_EARG: return EXIT_USAGE;
    default: return EXIT_INTERNAL;
    }
}

int cli_error(const char *cmd, int code, const char *fmt, ...)
{
    /* Messages quote the input (an unknown key, a name): escaped like a table. */
    char small[1024], *msg = small;
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n >= (int)sizeof small && (msg = malloc((size_t)n + 1)) != NULL)
        vsnprintf(msg, (size_t)n + 1, fmt, again);
    va_end(again);
    va_end(ap);
    if (!msg)
        msg = small; /* out of memory: the message cut short */
    parley_buf_t b;
    parley_buf_init(&b);
    app_escape_controls(&b, msg, n < 0 ? 0 : strnlen(msg, (size_t)n), NULL);
    fprintf(stderr, "parley %s: %.*s\n", cmd, (int)b.len, b.failed || !b.data ? "" : b.data);
    parley_buf_free(&b);
    if (msg != small)
        free(msg);
    return code;
}

int cli_fail(const char *cmd, parley_ctx_t *ctx, parley_status_t st)
{
    const char *msg = parley_ctx_message(ctx);
    return cli_error(cmd, cli_exit_for(st), "%s", *msg ? msg : parley_strerror(st));
}

/* 1 when path names the file st describes (the same inode), or a file in it
 * when path is a folder read as a whole (a GENIUS domain). */
static int is_input(const char *path, const struct stat *out)
{
    struct stat sb;
    if (!path || stat(path, &sb) != 0)
        return 0;
    if (sb.st_dev == out->st_dev && sb.st_ino == out->st_ino)
        return 1;
    if (!S_ISDIR(sb.st_mode) || sb.st_dev != out->st_dev)
        return 0;
    DIR *d = opendir(path);
    int same = 0;
    for (struct dirent *e; d && !same && (e = readdir(d)) != NULL;)
        same = e->d_ino == out->st_ino;
    if (d)
        closedir(d);
    return same;
}

/*
 * `-o` naming a file the command reads (a scenario, a table, an archive)
 * would replace the input with the output. Compared by device and inode,
 * not by name, so ./x.yaml, a hard link or a symbolic link to it are caught
 * too. Devices and FIFOs (-o /dev/null, -o /dev/stdout) are not files one
 * can lose and are never refused here.
 */
static int output_is_input(const char *cmd, const app_args_t *a)
{
    const char *out = app_arg(a, APP_O_OUTPUT);
    struct stat ob;
    if (!out || strcmp(out, "-") == 0 || stat(out, &ob) != 0 || !S_ISREG(ob.st_mode))
        return EXIT_OK;
    static const app_key_t file_opts[] = {APP_O_DB, APP_O_DEU};
    size_t n_files = strcmp(cmd, "runs") == 0 ? 0 : a->n_pos; /* runs: a verb and ids */
    for (size_t k = 0; k < n_files; k++)
        if (is_input(a->pos[k], &ob))
            return cli_error(cmd, EXIT_USAGE, "-o %s is the input %s: choose another output file",
                             out, a->pos[k]);
    for (size_t k = 0; k < sizeof file_opts / sizeof *file_opts; k++)
        if (is_input(app_arg(a, file_opts[k]), &ob))
            return cli_error(cmd, EXIT_USAGE, "-o %s is the file of %s: choose another output file",
                             out, app_opt_label(a, file_opts[k]));
    return EXIT_OK;
}

int cli_args(const char *cmd, int argc, char **argv, app_args_t *a)
{
    const app_cmd_t *c = app_command(cmd);
    parley_ctx_t *ctx = parley_ctx_create();
    if (!c || !ctx) {
        parley_ctx_destroy(ctx);
        return cli_error(cmd, EXIT_INTERNAL, c ? "out of memory" : "no option table");
    }
    parley_status_t st = app_parse_argv(ctx, c, argc, argv, a);
    int rc = st == APP_HELP ? CLI_HELP : st ? cli_fail(cmd, ctx, st) : EXIT_OK;
    parley_ctx_destroy(ctx);
    if (rc == EXIT_OK && c->min_pos == 1 && c->max_pos == 1 && a->n_pos == 0)
        rc = cli_error(cmd, EXIT_USAGE, "needs a scenario FILE%s; see 'parley help %s'",
                       strstr(c->brief, "DIR") ? " or GENIUS folder" : "", cmd);
    if (rc == EXIT_OK)
        rc = output_is_input(cmd, a);
    return rc;
}

int cli_format(const char *cmd, const char *s, app_format_t *out)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_status_t st = app_format(ctx, s, out);
    int rc = st ? cli_fail(cmd, ctx, st) : EXIT_OK;
    parley_ctx_destroy(ctx);
    return rc;
}

int cli_style_init(const char *cmd, const char *when, int to_file, app_style_t *st)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_status_t rc = app_style_init(ctx, when, to_file, st);
    int code = rc ? cli_fail(cmd, ctx, rc) : EXIT_OK;
    parley_ctx_destroy(ctx);
    return code;
}

int cli_emit_text(const char *cmd, parley_ctx_t *ctx, const parley_buf_t *out, const char *path,
                  const app_style_t *sty)
{
    if (out->failed)
        return cli_error(cmd, EXIT_INTERNAL, "out of memory while formatting the output");
    parley_buf_t safe;
    parley_buf_init(&safe);
    app_escape_controls(&safe, out->data ? out->data : "", out->len, sty);
    int rc = cli_emit(cmd, ctx, &safe, path);
    parley_buf_free(&safe);
    return rc;
}

int cli_emit(const char *cmd, parley_ctx_t *ctx, const parley_buf_t *out, const char *path)
{
    if (out->failed)
        return cli_error(cmd, EXIT_INTERNAL, "out of memory while formatting the output");
    if (path && strcmp(path, "-") != 0) {
        parley_status_t st = parley_write_file_atomic(ctx, path, out->data ? out->data : "",
                                                      out->len);
        if (st) /* the documented code of a write that failed, whatever the cause */
            return cli_error(cmd, EXIT_INTERNAL, "%s", parley_ctx_message(ctx));
        return EXIT_OK;
    }
    if (out->len && fwrite(out->data, 1, out->len, stdout) != out->len)
        return cli_error(cmd, EXIT_INTERNAL, "cannot write to standard output");
    if (fflush(stdout) != 0)
        return cli_error(cmd, EXIT_INTERNAL, "cannot write to standard output");
    return EXIT_OK;
}
