/*
 * cli.h — what the `parley` subcommands share: exit codes, option parsing,
 * output (built in memory, then written whole to stdout or atomically to a
 * file, so an error never leaves partial output), terminal styling.
 */
#ifndef PARLEY_CLI_H
#define PARLEY_CLI_H

#include <stdint.h>
#include <stdio.h>
#include "parley/parley.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_INTERNAL = 3 };
/* cli_parse printed the command's help: exit 0 without doing anything. */
#define CLI_HELP (-1)

/* Maps a library status to the documented exit code. */
int cli_exit_for(parley_status_t st);

/* Prints "parley CMD: message" on stderr; returns code. */
int cli_error(const char *cmd, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Prints the context's message (a located input error) and maps its status. */
int cli_fail(const char *cmd, parley_ctx_t *ctx, parley_status_t st);
/* While sink is not NULL, cli_error and cli_fail append their message (without
 * the "parley CMD: " prefix) to sink instead of printing it; per thread. The
 * server uses it to return the CLI's messages in JSON errors. */
void cli_capture(parley_buf_t *sink);

/* ---- options: each subcommand declares what it takes. */
typedef struct cli_opt {
    const char *name;   /* "--format" */
    const char *metavar;/* NULL: a flag */
    const char **value; /* where the value (or "1" for a flag) goes */
} cli_opt_t;

/*
 * Parses argv[1..] against opts; positional arguments go to pos[0..*n_pos)
 * (at most max_pos). Returns EXIT_OK, EXIT_USAGE (message printed), or
 * CLI_HELP when --help was given (the help is printed).
 */
int cli_parse(const char *cmd, int argc, char **argv, const cli_opt_t *opts, const char **pos,
              int max_pos, int *n_pos);

typedef enum { FMT_TABLE, FMT_JSON, FMT_CSV } cli_format_t;
/* "table"|"json"|"csv" (NULL: table); EXIT_USAGE with a message otherwise. */
int cli_format(const char *cmd, const char *s, cli_format_t *out);

/* Writes out to path atomically, or to stdout when path is NULL or "-". */
int cli_emit(const char *cmd, parley_ctx_t *ctx, const parley_buf_t *out, const char *path);

/* The opening keys of every JSON result about a scenario: parley_version,
 * command, and scenario {file, hash, id} (docs/eval-json.md). */
void cli_json_header(parley_json_t *j, const char *cmd, const parley_scenario_t *s);

/* ---- terminal styling: empty strings unless colour is on. */
typedef struct cli_style {
    const char *bold, *dim, *red, *green, *yellow, *reset;
} cli_style_t;
/* when: "auto" (a tty and no NO_COLOR), "always", "never"; NULL is auto. */
int cli_style_init(const char *cmd, const char *when, int to_file, cli_style_t *st);

/* Appends s padded with spaces to `width` display columns (UTF-8 aware). */
void cli_pad(parley_buf_t *b, const char *s, size_t width);
/* Display width of a UTF-8 string (one column a code point). */
size_t cli_width(const char *s);

/* ---- the run archive (--db FILE; archive.c, docs/archive.md). */
typedef struct cli_archive {
    const char *cmd;
    parley_store_t *store;  /* NULL: no --db, nothing is stored */
    const char *parameters; /* a JSON object; NULL: the command line (cli_archive_args) */
    double started;         /* wall clock at the start, seconds since 1970 */
    double t0, c0;          /* monotonic and CPU clocks at the start */
} cli_archive_t;

/* Records the command line (main): an archived run's parameters are its
 * arguments as typed, less --db and the options that only change the look. */
void cli_archive_args(int argc, char **argv);
/* Starts the run's clocks and, when path is not NULL, opens (creates) the
 * archive there; EXIT_OK or an exit code (message printed). */
int cli_archive_open(cli_archive_t *a, const char *cmd, const char *path);
/* Stores the run when an archive is open: scenario s (may be NULL), seed
 * (NULL when nothing is drawn at random), the result as JSON text, and the
 * command's exit code so far. Returns exit_status when it is not 0, else
 * EXIT_OK or the archive's error (message printed). */
int cli_archive_save(cli_archive_t *a, const parley_scenario_t *s, const uint64_t *seed,
                     const parley_buf_t *result, int exit_status);
void cli_archive_close(cli_archive_t *a);

/* The subcommands. */
int cmd_check(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_space(int argc, char **argv);
int cmd_amend(int argc, char **argv);
int cmd_trades(int argc, char **argv);
int cmd_forecast(int argc, char **argv);
int cmd_backtest(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_montecarlo(int argc, char **argv);
int cmd_sensitivity(int argc, char **argv);
int cmd_runs(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_help(int argc, char **argv);
/* Prints the help of a command to f; 0 when the command exists. */
int cli_help_for(const char *cmd, FILE *f);

#endif
