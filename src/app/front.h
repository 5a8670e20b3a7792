/*
 * front.h — the front-end helpers that `parley`'s subcommands and `parley
 * serve` share: exit codes, the small option parser, printing a message
 * and writing a result (whole to stdout, or atomically to a file). Unlike
 * the rest of src/app these print: they are where a front end reports.
 */
#ifndef PARLEY_APP_FRONT_H
#define PARLEY_APP_FRONT_H

#include <stdio.h>
#include "app.h"
#include "opt.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_INTERNAL = 3 };
/* cli_args printed the command's help: exit 0 without doing anything. */
#define CLI_HELP (-1)

/* Maps a library status to the documented exit code. */
int cli_exit_for(parley_status_t st);

/* Prints "parley CMD: message" on stderr, its control characters escaped
 * (app_escape_controls); returns code. */
int cli_error(const char *cmd, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Prints the context's message (or the status's text when it has none) and
 * maps the status to its exit code; ctx may be NULL. */
int cli_fail(const char *cmd, parley_ctx_t *ctx, parley_status_t st);

/*
 * Parses argv[1..] against the declared options of command cmd (opt.h,
 * opt_tables.c) into *a. Returns EXIT_OK, EXIT_USAGE (message printed), or
 * CLI_HELP when --help was given (the help is printed). A command that
 * takes one FILE and got none is a usage error here too.
 */
int cli_args(const char *cmd, int argc, char **argv, app_args_t *a);

/* app_format and app_style_init with their messages printed: EXIT_OK or EXIT_USAGE. */
int cli_format(const char *cmd, const char *s, app_format_t *out);
int cli_style_init(const char *cmd, const char *when, int to_file, app_style_t *st);

/* Writes out to path (parley_write_file_atomic: atomically when a regular
 * file), or to stdout when path is NULL or "-". A failed write is exit 3. */
int cli_emit(const char *cmd, parley_ctx_t *ctx, const parley_buf_t *out, const char *path);
/* cli_emit of a table for people: control characters escaped
 * (app_escape_controls), sty's colour codes kept; sty may be NULL. */
int cli_emit_text(const char *cmd, parley_ctx_t *ctx, const parley_buf_t *out, const char *path,
                  const app_style_t *sty);

#endif
