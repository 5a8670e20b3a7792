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
    "  import genius DIR     turn a GENIUS / GeniusWeb negotiation domain into a scenario\n"
    "  space FILE|DIR        is there a deal all prefer to walking away? frontier, solutions\n"
    "  amend FILE --proposal ID  the closest acceptable packages, Pareto improvements\n"
    "  trades FILE           logrolling: concessions two actors should swap\n"
    "  forecast FILE         where the talks end: compromise, median, Nash, EUM, ...\n"
    "  backtest --deu TSV    score the forecasting models on real EU decisions\n"
    "  help [COMMAND]        this text, or a command's options\n"
    "  --version             print the version\n"
    "\n"
    "exit codes: 0 ok, 1 bad input, 2 usage, 3 internal error\n";

/* The options `space`, `amend` and `trades` share (space_cli.c). */
#define SPACE_OPTIONS                                                                   \
    "  --actors IDS   analyse these actors only (comma-separated ids)\n"                \
    "  --drop-red-lines LIST  ignore these red lines: ACTOR:ISSUE,... or all\n"         \
    "  --grid N       points per continuous issue, lo to hi evenly (default 11)\n"     \
    "  --budget N     search nodes for exact counts and searches (default 5e7)\n"      \
    "  --max-memory G the frontier's memory bound in GiB (default 8)\n"                \
    "  --method M     merge (default) or brute (every package; small spaces)\n"       \
    "  --progress W   a progress line on stderr: auto (a terminal), always, never\n"   \
    "  -o, --output   write to a file (atomically) instead of standard output\n"      \
    "  --color WHEN   auto (default), always, never\n"

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
     "       parley import genius DIR [--uncertain] [-o scenario.yaml]\n"
     "\n"
     "import actors:\n"
     "Reads an actor table as KTAB and Bueno de Mesquita replications publish\n"
     "them and writes a scenario (YAML). Two layouts are recognised:\n"
     "  KTAB SMP: line 1 'name, description, actors, dimensions'; line 2 a\n"
     "    header; then 'actor, description, influence, position, salience, ...'\n"
     "  plain: a header naming Actor, Capability (or Influence, Power) and\n"
     "    Position, Salience column pairs, e.g. Actor,Capability,Position,Salience\n"
     "Positions keep the file's scale; saliences on 0-100 are divided by 100.\n"
     "BATNAs are not in such tables and are written as 0.\n"
     "\n"
     "import genius:\n"
     "Reads a folder holding one negotiation domain and one profile per party\n"
     "(GENIUS XML, or GeniusWeb JSON LinearAdditiveUtilitySpace profiles), told\n"
     "apart by content, and writes a scenario whose utilities are GENIUS's:\n"
     "weights become saliences, evaluations values, reservation values BATNAs\n"
     "and discount factors 'discount'; every actor gets capability 1. Other\n"
     "files and type=\"UNCERTAIN\" profiles are skipped (listed in comments).\n"
     "See docs/import-genius.md.\n"
     "\n"
     "  -o, --output   the scenario file to write (atomically); default stdout\n"
     "  --uncertain    import type=\"UNCERTAIN\" profiles as ordinary parties\n"},
    {"space",
     "usage: parley space FILE|DIR [--format table|json|csv] [--limit N] [options]\n"
     "\n"
     "The agreement space of a scenario (or of a GENIUS folder): the zone of\n"
     "possible agreement (packages every actor accepts: utility >= BATNA and no\n"
     "red line crossed), its exact size or a labelled estimate, the exact Pareto\n"
     "frontier of those packages, the Nash, capability-weighted Nash,\n"
     "Kalai-Smorodinsky, egalitarian and utilitarian deals, each actor's best and\n"
     "worst acceptable package; when no deal exists, which BATNA or red line\n"
     "empties the zone and by how much. docs/agreement-space.md has the maths.\n"
     "\n"
     "  --format F     table (default), json (docs/space-json.md), or csv (the\n"
     "                 frontier's packages, one per row)\n"
     "  --limit N      frontier rows to list (table 10, json/csv 1000; 0: all)\n"
     "  --samples N    draws for the ZOPA estimate when the count is too big (1e6)\n"
     "  --seed S       seed of those draws (default 1)\n"
     SPACE_OPTIONS},
    {"amend",
     "usage: parley amend FILE --proposal ID [--format table|json] [options]\n"
     "\n"
     "The acceptable packages closest to a proposal - fewest changed issues,\n"
     "then the least total utility shift (the sum over actors of |change|) - and\n"
     "the Pareto improvements on it: packages no actor likes less and some\n"
     "actor likes more. Issues the proposal leaves open may be set freely.\n"
     "\n"
     "  --limit N      Pareto improvements to list in json (default 10; 0: all)\n"
     SPACE_OPTIONS},
    {"trades",
     "usage: parley trades FILE [--proposal ID] [--format table|json] [options]\n"
     "\n"
     "Logrolling on each proposal (or one): two actors, two issues, each actor\n"
     "conceding on the issue it weighs less so that both gain, with the effect\n"
     "on everyone else. For each pair of actors and issues, the options with\n"
     "the largest smaller gain; trades sorted by that gain.\n"
     "\n"
     "  --limit N      trades to list per proposal (default 5; 0: all)\n"
     SPACE_OPTIONS},
    {"forecast",
     "usage: parley forecast FILE [--model ID|all] [--trace] [--format text|json|csv] [-o OUT]\n"
     "\n"
     "Predicts where the negotiation ends, issue by issue, with the collective-\n"
     "decision models of docs/models.md. Each actor's position on an issue is\n"
     "its ideal (a discrete issue: the ideal or best option's index), its weight\n"
     "capability x salience; actors without a stance take no part.\n"
     "\n"
     "  --model ID     compromise, median, nash, eum, condorcet, exchange, smp, or\n"
     "                 all (default: every model but smp)\n"
     "  --trace        also print each iterative model's forecast round by round\n"
     "  --format F     text (default), json or csv\n"
     "  -o, --output   write to a file (atomically) instead of standard output\n"
     "  --q Q          EUM: weight of the status quo in a challenge, 0..1 (default 1)\n"
     "  --no-risk      EUM: risk exponents r = 1 instead of the BDM 1985 security levels\n"
     "  --offer RULE   EUM: least (default: the offer that moves an actor least) or\n"
     "                 strongest (the offer of the challenger expecting most)\n"
     "  --rounds N     EUM, condorcet, exchange: at most N rounds (default 100)\n"
     "  --tol T        stop when the forecast moves less than T x the issue's spread\n"
     "                 of positions in a round (default 0.001)\n"
     "  --gamma G      Nash: utility -salience x distance^G, G >= 1 (default 1)\n"
     "  --nash-salience  Nash: bargaining power capability x salience (default\n"
     "                 capability)\n"
     "\n"
     "smp is KTAB's spatial model of politics on all issues at once (every actor\n"
     "needs a position on every issue; saliences summing to at most 1): per\n"
     "actor, its final position and that position's probability; --trace shows\n"
     "every turn. Options (KTAB's defaults first):\n"
     "  --smp-victory LAW       linear, square, quartic, octic, binary\n"
     "  --smp-pce PCE           conditional, markov-incentive, markov-uniform\n"
     "  --smp-voting RULE       proportional, binary, prop-binary, prop-cubic, cubic,\n"
     "                          asymmetric-prospect\n"
     "  --smp-risk-adjust ADJ   one-third, none, half, two-thirds, full\n"
     "  --smp-risk-range RANGE  mid, min, max\n"
     "  --smp-commit TPC        semi, none, full (third parties' commitment)\n"
     "  --smp-interp INTERP     s2p2, s1p1, s2pmax (bargain interpolation)\n"
     "  --smp-bargain MODEL     initiator-only, initiator-receiver, pairwise-compromise\n"
     "  --smp-mode MODE         deterministic, stochastic\n"
     "  --seed S                stochastic mode's seed (implies --smp-mode stochastic)\n"
     "  --smp-challenge-victory challenge probabilities follow --smp-victory (KTAB:\n"
     "                          always linear)\n"},
    {"backtest",
     "usage: parley backtest --deu DEU.tsv [--capability OPT|all] [--model ID|all]\n"
     "                       [--format text|json] [--seed S] [-o OUT]\n"
     "\n"
     "Runs the forecasting models on DEU III (EU legislative decisions with\n"
     "their actual outcomes) and reports, per model and capability option, the\n"
     "issues scored, the mean and median absolute error (0-100 scale) with a\n"
     "bootstrap 95% interval, and the paired difference to the compromise\n"
     "model with its interval. docs/validation.md has the method and results.\n"
     "\n"
     "  --deu FILE       the DEU table (TAB-separated, as in ../shared/data/deu3)\n"
     "  --capability C   equal, gdp, council-nice, council-lisbon, or all (default)\n"
     "  --model ID       as for forecast (default all)\n"
     "  --seed S         bootstrap seed (default 1); --resamples N (default 2000)\n"
     "  --no-institutions  leave the Commission and Parliament out (default: each\n"
     "                   gets the capability of the largest member state)\n"
     "  --missing-salience S  salience (0-100) of an actor with a position but no\n"
     "                   salience in the table (default 50)\n"
     "  --format F       text (default) or json\n"
     "  -o, --output     write to a file (atomically) instead of standard output\n"
     "  --q, --no-risk, --offer, --rounds, --tol, --gamma, --nash-salience: as for\n"
     "  forecast\n"},
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
