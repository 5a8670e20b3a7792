/*
 * help.c — `parley help [CMD]`: the usage of every subcommand, kept next
 * to each other so they read alike.
 */
#include <string.h>
#include "cli.h"

typedef struct help {
    const char *cmd, *text;
} help_t;

static const char OVERVIEW[] =
    "usage: parley COMMAND [ARGS]\n"
    "\n"
    "Parley analyses multi-party, multi-issue negotiations described in a\n"
    "scenario file (docs/scenario-format.md).\n"
    "\n"
    "commands:\n"
    "  check FILE            validate a scenario and summarise it\n"
    "  eval FILE             what each proposal gives each actor\n"
    "  import actors CSV     turn a KTAB / BDM actor table into a scenario\n"
    "  help [COMMAND]        this text, or a command's options\n"
    "  --version             print the version\n"
    "\n"
    "exit codes: 0 ok, 1 bad input, 2 usage, 3 internal error\n";

static const help_t HELP[] = {
    {"check",
     "usage: parley check FILE [--format table|json] [--sources] [-o OUT]\n"
     "\n"
     "Validates a scenario (YAML or JSON) and prints a summary: actors, issues,\n"
     "the size of the package space, proposals. Errors name file:line:column.\n"
     "\n"
     "  --format F     table (default) or json\n"
     "  --sources      also list every source: text in the file\n"
     "  --grid N       points per continuous issue when counting packages (default 11)\n"
     "  -o, --output   write to a file (atomically) instead of standard output\n"
     "  --color WHEN   auto (default), always, never\n"},
    {"eval",
     "usage: parley eval FILE [--proposal ID | --all] [--format table|json|csv] [-o OUT]\n"
     "\n"
     "For each proposal and actor: utility, BATNA, surplus, verdict (accept,\n"
     "reject, or open when the proposal leaves issues open), red lines crossed,\n"
     "and each issue's contribution and loss (which points hurt whom most).\n"
     "\n"
     "  --proposal ID  evaluate one proposal (with its issue-by-issue detail)\n"
     "  --all          evaluate every proposal (the default)\n"
     "  --detail       print the issue-by-issue matrix for every proposal\n"
     "  --format F     table (default), json (docs/eval-json.md) or csv\n"
     "  -o, --output   write to a file (atomically) instead of standard output\n"
     "  --color WHEN   auto (default), always, never\n"},
    {"import",
     "usage: parley import actors TABLE.csv [-o scenario.yaml]\n"
     "\n"
     "Reads an actor table as KTAB and Bueno de Mesquita replications publish\n"
     "them and writes a scenario (YAML). Two layouts are recognised:\n"
     "  KTAB SMP: line 1 'name, description, actors, dimensions'; line 2 a\n"
     "    header; then 'actor, description, influence, position, salience, ...'\n"
     "  plain: a header naming Actor, Capability (or Influence, Power) and\n"
     "    Position, Salience column pairs, e.g. Actor,Capability,Position,Salience\n"
     "Positions keep the file's scale; saliences on 0-100 are divided by 100.\n"
     "BATNAs are not in such tables and are written as 0.\n"
     "\n"
     "  -o, --output   the scenario file to write (atomically); default stdout\n"},
    {"help", "usage: parley help [COMMAND]\n"},
    {NULL, NULL},
};

int cli_help_for(const char *cmd, FILE *f)
{
    if (!cmd) {
        fputs(OVERVIEW, f);
        return 0;
    }
    for (const help_t *h = HELP; h->cmd; h++)
        if (strcmp(h->cmd, cmd) == 0) {
            fputs(h->text, f);
            return 0;
        }
    return -1;
}

int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        cli_help_for(NULL, stdout);
        return EXIT_OK;
    }
    if (cli_help_for(argv[1], stdout) != 0)
        return cli_error("help", EXIT_USAGE, "no command '%s'; see 'parley help'", argv[1]);
    return EXIT_OK;
}
