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
    "  simulate FILE         play the talks round by round: protocols, tactics, time\n"
    "  montecarlo FILE -n N  play it N times over the uncertain inputs: probabilities\n"
    "  sensitivity FILE      which uncertain inputs move the outcome most (tornado)\n"
    "  runs list|show|diff|export --db FILE  the runs stored with --db (docs/archive.md)\n"
    "  serve [--port P]      the web application and JSON API on localhost (docs/api.md)\n"
    "  report FILE -o OUT    a self-contained HTML report of a scenario, with charts\n"
    "  help [COMMAND]        this text, or a command's options\n"
    "  --version             print the version\n"
    "\n"
    "exit codes: 0 ok, 1 bad input, 2 usage, 3 internal error\n";

/* The options `space`, `amend` and `trades` share (space_args.c). */
#define SPACE_OPTIONS                                                                   \
    "  --actors IDS   analyse these actors only (comma-separated ids)\n"                \
    "  --drop-red-lines LIST  ignore these red lines: ACTOR:ISSUE,... or all\n"         \
    "  --grid N       points per continuous issue, lo to hi evenly (default 11)\n"     \
    "  --budget N     search nodes for exact counts and searches (default 5e7)\n"      \
    "  --max-memory G the frontier's memory bound in GiB (default 8)\n"                \
    "  --method M     merge (default) or brute (every package; small spaces)\n"       \
    "  --progress W   a progress line on stderr: auto (a terminal), always, never\n"   \
    "  -o, --output   write to a file (atomically) instead of standard output\n"      \
    "  --color WHEN   auto (default), always, never\n"                                \
    "  --db FILE      also store the run in this archive (docs/archive.md)\n"

static const help_t HELP[] = {
    {"simulate",
     "usage: parley simulate FILE [--format text|json|csv] [-o OUT] [what-if switches]\n"
     "\n"
     "Plays the negotiation round by round under the scenario's `simulation:`\n"
     "settings (protocol, mediator, room, strategies, deadlines, walk-away threats,\n"
     "leaks, drifting BATNAs, events; docs/simulation.md) and reports agreement or\n"
     "breakdown, the round, the terms, each party's utility and surplus, how long\n"
     "the deal holds, and the trace (every offer and answer, BATNAs per round).\n"
     "\n"
     "what-if switches:\n"
     "  --without LIST  leave tactics out: a kind (deadline, walk-away, leak), a\n"
     "                  tactic's name, or KIND:ACTOR; comma-separated\n"
     "  --join IDS      put these actors in the room from round 1\n"
     "  --leave IDS     keep these actors out of the room (they ratify or veto)\n"
     "  --protocol P    alternating or mediated\n"
     "  --meeting M     plenary or shuttle (mediated)\n"
     "  --horizon N     rounds available\n"
     "  --grid N        points per continuous issue\n"
     "  --set PATH=V,.. give uncertain inputs (numbers written as distributions) a\n"
     "                  value, e.g. actors.RUS.batna_drift=-0.005\n"
     "  --seed S        draw chance events (a walk-away carried out with its\n"
     "                  probability) from S; without it each takes its likelier course\n"
     "\n"
     "  --detail        text: every move with its terms, not only a line per round\n"
     "  --format F      text (default), json (with the whole trace) or csv (the trace)\n"
     "  -o, --output    write to a file (atomically) instead of standard output\n"
     "  --color WHEN    auto (default), always, never\n"
     "  --db FILE       also store the run in this archive (docs/archive.md)\n"},
    {"montecarlo",
     "usage: parley montecarlo FILE -n N [--seed S] [--threads T]\n"
     "                         [--what simulate|forecast|space] [--format text|json|csv]\n"
     "                         [-o OUT] [--quiet] [--db FILE]\n"
     "\n"
     "Draws the numbers the scenario writes as distributions ({dist: uniform |\n"
     "triangular | normal | beta, ...}) N times and aggregates what each draw gives\n"
     "(docs/montecarlo.md). The result for a seed is the same, byte for byte, for\n"
     "any --threads and any number of MPI ranks (mpirun -np R parley montecarlo ...\n"
     "in a -DPARLEY_MPI=ON build). A scenario without distributions is an error.\n"
     "\n"
     "  -n, --samples N  draws, 1 to 1e9 (default 10000; 1e6 is accepted)\n"
     "  --seed S       the random seed, 0 to 2^64-1 (default 1)\n"
     "  --threads T    worker threads (default 0: one per core)\n"
     "  --what W       simulate (default): agreement probability with its Wilson 95%\n"
     "                 interval, why talks fail, the round, the terms, utilities and\n"
     "                 surpluses, how long the deal holds;\n"
     "                 forecast: each model's forecast per issue (--model ID|all);\n"
     "                 space: the chance a ZOPA exists and the Nash deal's terms\n"
     "  --model ID     forecast: one model or all (default all but smp)\n"
     "  --without, --join, --leave, --protocol, --meeting, --horizon, --grid\n"
     "                 simulate's what-if switches (--grid also for space)\n"
     "  --format F     text (default), json (docs/montecarlo.md) or csv\n"
     "  -o, --output   write to a file (atomically) instead of standard output\n"
     "  --quiet        no progress bar (it shows only on a terminal, after 1 s)\n"
     "  --db FILE      also store the run in this archive (docs/archive.md)\n"},
    {"sensitivity",
     "usage: parley sensitivity FILE [--metric M] [-n N] [--seed S] [--threads T]\n"
     "                          [--what simulate|space|forecast] [--format text|json]\n"
     "\n"
     "Which uncertain inputs move one output most: a one-at-a-time sweep (each\n"
     "input at its 5th and 95th percentile, the others at their point estimates)\n"
     "and first-order and total Sobol indices (Saltelli et al. 2010; Jansen 1999)\n"
     "from N x (k + 2) evaluations, printed as a tornado table sorted by influence.\n"
     "\n"
     "  --metric M     agreement (default; space: a ZOPA exists), round (the round\n"
     "                 the talks end in), utility:ACTOR, surplus:ACTOR, terms:ISSUE\n"
     "  -n, --samples N  base samples of the Sobol design (default 1000)\n"
     "  --seed S       the random seed (default 1)\n"
     "  --threads T    worker threads (default 0: one per core)\n"
     "  --what W       the evaluator: simulate (default), space, forecast (terms only,\n"
     "                 of the first --model)\n"
     "  --model ID     forecast: the model (default compromise)\n"
     "  --low P, --high P  the sweep's quantiles (default 0.05 and 0.95)\n"
     "  --format F     text (default) or json\n"
     "  -o, --output   write to a file (atomically) instead of standard output\n"
     "  --quiet        no progress bar\n"},
    {"check",
     "usage: parley check FILE [--format table|json] [--sources] [-o OUT]\n"
     "\n"
     "Validates a scenario (YAML or JSON) and prints a summary: actors, issues,\n"
     "the size of the package space, proposals. Errors name file:line:column.\n"
     "Reports every error it finds (at most 20), one a line on stderr.\n"
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
     "  --color WHEN   auto (default), always, never\n"
     "  --db FILE      also store the run in this archive (docs/archive.md)\n"},
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
     "  --db FILE      also store the run in this archive (docs/archive.md)\n"
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
    {"runs",
     "usage: parley runs list [--limit N] --db FILE\n"
     "       parley runs show ID [--scenario] --db FILE\n"
     "       parley runs diff ID1 ID2 --db FILE\n"
     "       parley runs export [ID...] [--format jsonl|json|csv] [--scenario] --db FILE\n"
     "       parley runs check --db FILE\n"
     "\n"
     "The run archive: eval, space, amend, trades and forecast given --db FILE\n"
     "store each run there (SQLite) with its scenario, parameters, seed, Parley\n"
     "version, timings and JSON result. See docs/archive.md.\n"
     "\n"
     "  list           one line per run: id, start, command, scenario, seed, wall\n"
     "                 time, exit status (--limit N: the last N)\n"
     "  show ID        a run's record and its result JSON (--scenario: the scenario\n"
     "                 text it read, byte for byte)\n"
     "  diff ID1 ID2   what differs: the scenario, the parameters, and the result\n"
     "                 path by path (~ changed old -> new, + added, - removed)\n"
     "  export [ID...] every run (or these) as JSON lines (default), a JSON array\n"
     "                 (--format json) or CSV; --scenario adds the scenario text\n"
     "  check          verify the file's integrity and count the runs\n"
     "  --db FILE      the archive (default: the PARLEY_DB environment variable)\n"
     "  -o, --output   write to a file (atomically) instead of standard output\n"},
    {"serve",
     "usage: parley serve [--port P] [--bind ADDR [--allow-remote]] [--root DIR] [--db FILE]\n"
     "\n"
     "Serves the web application (web/) and the JSON API (docs/api.md) until\n"
     "Ctrl-C. Listens on 127.0.0.1 only unless --bind names another address and\n"
     "--allow-remote is given (a warning is printed: there is no authentication).\n"
     "Each analysis runs in a child process under the limits below.\n"
     "\n"
     "  --port P         TCP port (default 8080; 0: any free port, printed)\n"
     "  --bind ADDR      listening address (default 127.0.0.1)\n"
     "  --allow-remote   allow --bind to a non-loopback address\n"
     "  --root DIR       the folder holding web/, examples/ and node_modules/\n"
     "                   (default: found from the executable or the working directory)\n"
     "  --db FILE        store every analysis in this run archive (created if\n"
     "                   absent); GET /api/runs reads it (docs/archive.md)\n"
     "  --max-body B     request body limit in bytes (default 1048576; 413 beyond)\n"
     "  --time-limit S   seconds one analysis may run (default 30; 503 beyond)\n"
     "  --max-jobs N     analyses running at once (default 2)\n"
     "  --queue-wait S   seconds a request waits for a free job (default 10; 503 beyond)\n"
     "  --max-memory G   GiB one analysis may use (default 1)\n"
     "  --max-samples N  the most samples one montecarlo request draws (default 1e6)\n"
     "  --max-threads T  the most threads one montecarlo request uses (default 1)\n"
     "  --quiet          no request log on standard error\n"},
    {"report",
     "usage: parley report FILE -o report.html [--x ACTOR] [--y ACTOR] [--root DIR]\n"
     "\n"
     "Writes a self-contained HTML report of a scenario: every proposal's\n"
     "evaluation, the positions map, the agreement space, the forecasts and,\n"
     "when the scenario has a `simulation:` section, the simulation's trace, as\n"
     "the same Vega-Lite charts `parley serve` draws. The vega libraries are\n"
     "copied in from node_modules (run 'npm ci' once); the file is written\n"
     "atomically and opens offline.\n"
     "\n"
     "  -o, --output F   the report (required)\n"
     "  --x, --y ACTOR   the actors on the agreement space's axes at first\n"
     "  --drop-red-lines LIST  as for space (e.g. all), for the agreement space\n"
     "  --grid N         points per continuous issue in the space (default 11)\n"
     "  --root DIR       the folder holding node_modules/ (default: found)\n"},
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
