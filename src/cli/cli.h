/*
 * cli.h — the `parley` subcommands (one cmd_*.c each, on src/app), the run
 * archive they write with --db (archive.c) and the help (help.c). Exit
 * codes, option parsing and output are src/app's front-end helpers.
 */
#ifndef PARLEY_CLI_H
#define PARLEY_CLI_H

#include <stdint.h>
#include <stdio.h>
#include "../app/front.h"

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

/* ---- space, amend and trades (space_args.c) */
struct space_args;
struct space_job;
/* Parses a space command's declared options into args and the space
 * request a (which points into args); EXIT_OK, CLI_HELP or EXIT_USAGE. */
int space_cli_args(const char *cmd, int argc, char **argv, app_args_t *args,
                   struct space_args *a);
/* Shows the frontier's progress line on stderr when --progress allows. */
void space_cli_progress(struct space_job *j);

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
int cmd_sweep(int argc, char **argv);
int cmd_runs(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_help(int argc, char **argv);
/* Prints the help of a command to f; 0 when the command exists. */
int cli_help_for(const char *cmd, FILE *f);

#endif
