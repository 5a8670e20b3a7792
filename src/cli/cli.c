/*
 * cli.c — option parsing, exit codes, output and styling shared by the
 * subcommands. Options are few and simple (--name VALUE, --name=VALUE,
 * flags), so a small table-driven parser beats a dependency.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

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

/* Where messages go instead of stderr while a server job runs (cli_capture). */
static _Thread_local parley_buf_t *capture;

void cli_capture(parley_buf_t *sink)
{
    capture = sink;
}

int cli_error(const char *cmd, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (capture) {
        va_list aq;
        va_copy(aq, ap);
        int n = vsnprintf(NULL, 0, fmt, aq);
        va_end(aq);
        char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
        if (msg) {
            vsnprintf(msg, (size_t)n + 1, fmt, ap);
            parley_buf_printf(capture, "%s%s", capture->len ? "\n" : "", msg);
        }
        free(msg);
    } else {
        fprintf(stderr, "parley %s: ", cmd);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
    }
    va_end(ap);
    return code;
}

int cli_fail(const char *cmd, parley_ctx_t *ctx, parley_status_t st)
{
    const char *msg = parley_ctx_message(ctx);
    return cli_error(cmd, cli_exit_for(st), "%s", *msg ? msg : parley_strerror(st));
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
        return cli_error(cmd, EXIT_USAGE, "unknown option '%s' (did you mean '%s'?); see 'parley help %s'",
                         word, hint, cmd);
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
            cli_help_for(cmd, stdout);
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

int cli_format(const char *cmd, const char *s, cli_format_t *out)
{
    if (!s || strcmp(s, "table") == 0)
        *out = FMT_TABLE;
    else if (strcmp(s, "json") == 0)
        *out = FMT_JSON;
    else if (strcmp(s, "csv") == 0)
        *out = FMT_CSV;
    else
        return cli_error(cmd, EXIT_USAGE, "--format must be table, json or csv, got '%s'", s);
    return EXIT_OK;
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

int cli_style_init(const char *cmd, const char *when, int to_file, cli_style_t *st)
{
    int on;
    if (!when || strcmp(when, "auto") == 0) {
        const char *nc = getenv("NO_COLOR");
        on = !to_file && isatty(STDOUT_FILENO) && !(nc && *nc);
    } else if (strcmp(when, "always") == 0) {
        on = 1;
    } else if (strcmp(when, "never") == 0) {
        on = 0;
    } else {
        return cli_error(cmd, EXIT_USAGE, "--color must be auto, always or never, got '%s'", when);
    }
    if (on)
        *st = (cli_style_t){"\033[1m", "\033[2m", "\033[31m", "\033[32m", "\033[33m", "\033[0m"};
    else
        *st = (cli_style_t){"", "", "", "", "", ""};
    return EXIT_OK;
}

size_t cli_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        w += (*p & 0xC0) != 0x80;
    return w;
}

void cli_pad(parley_buf_t *b, const char *s, size_t width)
{
    parley_buf_puts(b, s);
    for (size_t w = cli_width(s); w < width; w++)
        parley_buf_puts(b, " ");
}

void cli_json_header(parley_json_t *j, const char *cmd, const parley_scenario_t *s)
{
    parley_json_key(j, "parley_version");
    parley_json_string(j, parley_version());
    parley_json_key(j, "command");
    parley_json_string(j, cmd);
    parley_json_key(j, "scenario");
    parley_json_object_begin(j);
    parley_json_key(j, "file");
    parley_json_string(j, parley_scenario_origin(s));
    parley_json_key(j, "hash");
    parley_json_string(j, parley_scenario_hash(s));
    parley_json_key(j, "id");
    parley_json_string(j, parley_scenario_id(s));
    parley_json_object_end(j);
}
