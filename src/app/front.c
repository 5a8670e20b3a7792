/*
 * front.c — exit codes, option parsing, messages and output shared by the
 * subcommands and `parley serve`. Options are few and simple (--name VALUE,
 * --name=VALUE, flags), so a small table-driven parser beats a dependency.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
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
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "parley %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return code;
}

int cli_fail(const char *cmd, parley_ctx_t *ctx, parley_status_t st)
{
    const char *msg = parley_ctx_message(ctx);
    return cli_error(cmd, cli_exit_for(st), "%s", *msg ? msg : parley_strerror(st));
}

static int (*help_printer)(const char *cmd, FILE *f);

void cli_set_help(int (*help_for)(const char *cmd, FILE *f))
{
    help_printer = help_for;
}

static const cli_opt_t *find_opt(const cli_opt_t *opts, const char *name, size_t len)
{
    for (const cli_opt_t *o = opts; o->name; o++)
        if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
            return o;
    return NULL;
}

static int unknown_option(const char *cmd, const char *arg, const cli_opt_t *opts)
{
    const char *names[64];
    size_t n = 0;
    for (const cli_opt_t *o = opts; o->name && n < 64; o++)
        names[n++] = o->name;
    char word[128];
    snprintf(word, sizeof word, "%.*s", (int)strcspn(arg, "="), arg);
    const char *hint = parley_suggest(word, names, n);
    if (hint)
        return cli_error(cmd, EXIT_USAGE,
                         "unknown option '%s' (did you mean '%s'?); see 'parley help %s'", word,
                         hint, cmd);
    return cli_error(cmd, EXIT_USAGE, "unknown option '%s'; see 'parley help %s'", word, cmd);
}

int cli_parse(const char *cmd, int argc, char **argv, const cli_opt_t *opts, const char **pos,
              int max_pos, int *n_pos)
{
    *n_pos = 0;
    int only_pos = 0;
    for (int k = 1; k < argc; k++) {
        const char *a = argv[k];
        if (only_pos || a[0] != '-' || strcmp(a, "-") == 0) {
            if (*n_pos >= max_pos)
                return cli_error(cmd, EXIT_USAGE, "unexpected argument '%s'; see 'parley help %s'",
                                 a, cmd);
            pos[(*n_pos)++] = a;
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            if (help_printer)
                help_printer(cmd, stdout);
            return CLI_HELP;
        }
        if (strcmp(a, "--") == 0) {
            only_pos = 1;
            continue;
        }
        const char *eq = strchr(a, '=');
        size_t len = eq ? (size_t)(eq - a) : strlen(a);
        const cli_opt_t *o = find_opt(opts, a, len);
        if (!o)
            return unknown_option(cmd, a, opts);
        if (!o->metavar) {
            if (eq)
                return cli_error(cmd, EXIT_USAGE, "option '%s' takes no value", o->name);
            *o->value = "1";
        } else if (eq) {
            *o->value = eq + 1;
        } else if (k + 1 < argc) {
            *o->value = argv[++k];
        } else {
            return cli_error(cmd, EXIT_USAGE, "option '%s' needs a value (%s)", o->name,
                             o->metavar);
        }
    }
    return EXIT_OK;
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

int cli_emit(const char *cmd, parley_ctx_t *ctx, const parley_buf_t *out, const char *path)
{
    if (out->failed)
        return cli_error(cmd, EXIT_INTERNAL, "out of memory while formatting the output");
    if (path && strcmp(path, "-") != 0) {
        parley_status_t st = parley_write_file_atomic(ctx, path, out->data ? out->data : "",
                                                      out->len);
        return st ? cli_fail(cmd, ctx, st) : EXIT_OK;
    }
    if (out->len && fwrite(out->data, 1, out->len, stdout) != out->len)
        return cli_error(cmd, EXIT_INTERNAL, "cannot write to standard output");
    if (fflush(stdout) != 0)
        return cli_error(cmd, EXIT_INTERNAL, "cannot write to standard output");
    return EXIT_OK;
}
