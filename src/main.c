/*
 * main.c — the `parley` command: dispatches to a subcommand. Each
 * subcommand lives in its own src/cli/cmd_*.c (`serve` in src/serve) and
 * returns a documented exit code (0 ok, 1 bad input, 2 usage, 3 internal).
 * Here, above both front ends, so neither depends on the other.
 */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "serve/serve.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} command_t;

static const command_t COMMANDS[] = {
    {"check", cmd_check},
    {"eval", cmd_eval},
    {"import", cmd_import},
    {"space", cmd_space},
    {"amend", cmd_amend},
    {"trades", cmd_trades},
    {"forecast", cmd_forecast},
    {"backtest", cmd_backtest},
    {"simulate", cmd_simulate},
    {"montecarlo", cmd_montecarlo},
    {"sensitivity", cmd_sensitivity},
    {"sweep", cmd_sweep},
    {"runs", cmd_runs},
    {"serve", serve_main},
    {"report", cmd_report},
    {"help", cmd_help},
    {NULL, NULL},
};

int main(int argc, char **argv)
{
    if (argc < 2) {
        cli_help_for(NULL, stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    cli_archive_args(argc - 1, argv + 1);
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("parley %s\n", parley_version());
        return EXIT_OK;
    }
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        return cmd_help(1, argv);
    const char *names[32];
    size_t n = 0;
    for (const command_t *c = COMMANDS; c->name; c++) {
        if (strcmp(c->name, name) == 0)
            return c->run(argc - 1, argv + 1);
        names[n++] = c->name;
    }
    const char *hint = parley_suggest(name, names, n);
    if (hint)
        fprintf(stderr, "parley: unknown command '%s' (did you mean '%s'?); see 'parley help'\n",
                name, hint);
    else
        fprintf(stderr, "parley: unknown command '%s'; see 'parley help'\n", name);
    return EXIT_USAGE;
}
