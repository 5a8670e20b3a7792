/*
 * opt_tables.c — every command's options, declared once: name, type, range,
 * default, help and where each applies (command line, HTTP API, web page).
 * Groups shared by several commands (outputs, the agreement-space options,
 * the forecasting models', the simulation's what-if switches) are declared
 * once and listed by each command that takes them.
 */
#include <stddef.h>
#include "opt.h"

#define END {APP_O_COUNT, NULL, 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, 0, 0, NULL}
#define U64MAX 18446744073709551615.0

static const char *const FMT3[] = {"table", "json", "csv", NULL};
static const char *const FMT2[] = {"table", "json", NULL};
static const char *const WHEN[] = {"auto", "always", "never", NULL};
static const char *const METHODS[] = {"merge", "brute", NULL};
/* The models' names are parley_model_name's (a unit test compares them). */
static const char *const MODELS[] = {"compromise", "median", "nash", "eum", "condorcet",
                                     "exchange", "smp", "all", NULL};
static const char *const OFFERS[] = {"least", "strongest", NULL};
static const char *const CONFLICTS[] = {"yield", "none", NULL};
static const char *const SPLITS[] = {"random", "temporal", "both", NULL};
static const char *const SWEEP_WHATS[] = {"eval", "space", "simulate", "montecarlo", NULL};
static const char *const SECURITIES[] = {"all", "distinct", NULL};
static const char *const PROTOCOLS[] = {"alternating", "mediated", NULL};
static const char *const MEETINGS[] = {"plenary", "shuttle", NULL};
static const char *const WHATS[] = {"simulate", "forecast", "space", NULL};
static const char *const CAPS[] = {"equal", "gdp", "council-nice", "council-lisbon", "all", NULL};
static const char *const RUNS_FMT[] = {"jsonl", "json", "csv", NULL};
/* ---- outputs */

#define O_FORMAT(words, help) \
    {APP_O_FORMAT, "format", 0, NULL, APP_WORD, "F", 0, 0, words, "table", APP_CLI, 0, help}
#define O_OUTPUT \
    {APP_O_OUTPUT, "output", 'o', NULL, APP_TEXT, "FILE", 0, 0, NULL, NULL, APP_CLI, 0, \
     "write to FILE (atomically) instead of standard output"}
#define O_COLOR \
    {APP_O_COLOR, "color", 0, NULL, APP_WORD, "WHEN", 0, 0, WHEN, "auto", APP_CLI, 0, \
     "colour on a terminal; auto: when standard output is one and NO_COLOR is unset"}
#define O_QUIET \
    {APP_O_QUIET, "quiet", 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, APP_CLI, 0, \
     "no progress bar (it shows only on a terminal, after 1 s)"}

/* What every analysis takes to change its inputs and keep its run. */
static const app_opt_t INPUTS[] = {
    {APP_O_SET, "set", 0, NULL, APP_SET, "PATH=VALUE", 0, 0, NULL, NULL, APP_BOTH, 0,
     "use VALUE for the number (or word) of the scenario at PATH, checked as the file's own "
     "would be, e.g. actors.RUS.batna=0.5; repeatable; comma-separated pairs are accepted "
     "(docs/scenario-format.md)"},
    {APP_O_DB, "db", 0, NULL, APP_TEXT, "FILE", 0, 0, NULL, NULL, APP_CLI, 0,
     "also store the run in this archive (docs/archive.md)"},
    END};

static const app_opt_t OUT_EVAL[] = {
    O_FORMAT(FMT3, "table, json (docs/eval-json.md) or csv"), O_OUTPUT, O_COLOR, END};
static const app_opt_t OUT_CHECK[] = {O_FORMAT(FMT2, "table or json"), O_OUTPUT, O_COLOR, END};

/* ---- check, eval */

static const app_opt_t CHECK[] = {
    {APP_O_SOURCES, "sources", 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, APP_CLI, 0,
     "also list every source: text in the file"},
    {APP_O_GRID, "grid", 0, NULL, APP_UINT, "N", 2, 1000000, NULL, "11", APP_CLI, 0,
     "points per continuous issue when counting packages"},
    END};

static const app_opt_t EVAL[] = {
    {APP_O_PROPOSAL, "proposal", 0, NULL, APP_TEXT, "ID", 0, 0, NULL, NULL, APP_BOTH, 0,
     "evaluate one proposal (with its issue-by-issue detail)"},
    {APP_O_ALL, "all", 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, APP_CLI, 0,
     "evaluate every proposal (the default)"},
    {APP_O_DETAIL, "detail", 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, APP_CLI, 0,
     "print the issue-by-issue matrix for every proposal"},
    END};

/* ---- space, amend, trades */

#define SPACE_COMMON                                                                            \
    {APP_O_ACTORS, "actors", 0, NULL, APP_TEXT, "IDS", 0, 0, NULL, NULL, APP_BOTH, 0,           \
     "analyse these actors only (comma-separated ids)"},                                       \
    {APP_O_DROP, "drop-red-lines", 0, NULL, APP_TEXT, "LIST", 0, 0, NULL, NULL, APP_BOTH, 0,    \
     "ignore these red lines: ACTOR:ISSUE,... or all"},                                        \
    {APP_O_GRID, "grid", 0, NULL, APP_UINT, "N", 2, 1000, NULL, "11", APP_BOTH, 0,             \
     "points per continuous issue, lo to hi evenly"},                                          \
    {APP_O_BUDGET, "budget", 0, NULL, APP_UINT, "N", 1, U64MAX, NULL, "5e7", APP_BOTH, 0,      \
     "search nodes for exact counts and searches; for an anytime frontier (a linked cluster "  \
     "past the exact limit), its move evaluations (default there 2e7)"},                       \
    {APP_O_MAX_MEMORY, "max-memory", 0, NULL, APP_REAL, "GIB", 0.01, 1e6, NULL, "8", APP_BOTH, \
     0, "the frontier's memory bound in GiB (the server caps it at its own --max-memory)"},    \
    {APP_O_METHOD, "method", 0, NULL, APP_WORD, "M", 0, 0, METHODS, "merge", APP_BOTH, 0,      \
     "merge, or brute: every package (small spaces)"},                                         \
    {APP_O_PROGRESS, "progress", 0, NULL, APP_WORD, "WHEN", 0, 0, WHEN, "auto", APP_CLI, 0,    \
     "a progress line on standard error; auto: on a terminal"}

static const app_opt_t SPACE[] = {
    {APP_O_LIMIT, "limit", 0, NULL, APP_UINT, "N", 0, 1e9, NULL, NULL, APP_BOTH, 0,
     "frontier rows to list (table 10, json and csv 1000; 0: all)"},
    {APP_O_SAMPLES, "samples", 0, NULL, APP_UINT, "N", 100, 1e9, NULL, "1e5", APP_BOTH, 0,
     "random descents for the ZOPA estimate when the exact count would pass --budget"},
    {APP_O_SEED, "seed", 0, NULL, APP_SEED, "S", 0, 0, NULL, "1", APP_BOTH, 0,
     "seed of those draws (and of an anytime frontier's random kicks)"},
    {APP_O_X, "x", 0, NULL, APP_TEXT, "ACTOR", 0, 0, NULL, NULL, APP_API | APP_PAGE, 0,
     "the actor on the chart's x axis (default the first)"},
    {APP_O_Y, "y", 0, NULL, APP_TEXT, "ACTOR", 0, 0, NULL, NULL, APP_API | APP_PAGE, 0,
     "the actor on the chart's y axis (default the second)"},
    SPACE_COMMON, END};

static const app_opt_t AMEND[] = {
    {APP_O_PROPOSAL, "proposal", 0, NULL, APP_TEXT, "ID", 0, 0, NULL, NULL, APP_BOTH,
     APP_REQUIRED, "the proposal to amend"},
    {APP_O_LIMIT, "limit", 0, NULL, APP_UINT, "N", 0, 1e9, NULL, "10", APP_BOTH, 0,
     "Pareto improvements to list in json (0: all)"},
    SPACE_COMMON, END};

static const app_opt_t TRADES[] = {
    {APP_O_PROPOSAL, "proposal", 0, NULL, APP_TEXT, "ID", 0, 0, NULL, NULL, APP_BOTH, 0,
     "look for trades on this proposal only"},
    {APP_O_LIMIT, "limit", 0, NULL, APP_UINT, "N", 0, 1e9, NULL, "5", APP_BOTH, 0,
     "trades to list per proposal (0: all)"},
    {APP_O_ALL, "all", 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, APP_BOTH, 0,
     "also list trades that make a third party who accepts the proposal reject it, "
     "flagged with who and why"},
    SPACE_COMMON, END};

static const app_opt_t OUT_SPACE[] = {
    O_FORMAT(FMT3, "table, json (docs/space-json.md), or csv (the frontier's packages, one "
                   "per row)"),
    O_OUTPUT, O_COLOR, END};

/* ---- forecasting models */

static const app_opt_t FORECAST[] = {
    {APP_O_MODEL, "model", 0, NULL, APP_WORD, "ID", 0, 0, MODELS, "all", APP_BOTH, 0,
     "one model, or all: every model but smp"},
    {APP_O_TRACE, "trace", 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, APP_BOTH, 0,
     "also give each iterative model's forecast round by round"},
    {APP_O_NEAREST, "nearest", 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, APP_BOTH, 0,
     "also give, beside each forecast, the nearest acceptable package (amend's metric: fewest "
     "changed issues, then the smallest utility shift; continuous issues on an 11-point grid "
     "plus the forecast)"},
    END};

static const app_opt_t MODEL_PARAMS[] = {
    {APP_O_Q, "q", 0, NULL, APP_REAL, "Q", 0, 1, NULL, "1", APP_BOTH, 0,
     "EUM: weight of the status quo in a challenge"},
    {APP_O_NO_RISK, "no-risk", 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, APP_BOTH, 0,
     "EUM: risk exponents r = 1 instead of the BDM 1985 security levels"},
    {APP_O_OFFER, "offer", 0, NULL, APP_WORD, "RULE", 0, 0, OFFERS, "least", APP_BOTH, 0,
     "EUM: least (the offer that moves an actor least) or strongest (the offer of the "
     "challenger expecting most)"},
    {APP_O_EUM_CONFLICT, "eum-conflict", 0, NULL, APP_WORD, "RULE", 0, 0, CONFLICTS, "yield",
     APP_BOTH, 0,
     "EUM, when both sides of a pair expect to gain: yield (the side expecting less gives way "
     "fully) or none (nobody moves, as the solver behind the published DEU figures)"},
    {APP_O_EUM_SECURITY, "eum-security", 0, NULL, APP_WORD, "RULE", 0, 0, SECURITIES, "all",
     APP_BOTH, 0,
     "EUM: an actor's security level sums every other actor's challenge (all, the formula) or "
     "only those at another position (distinct)"},
    {APP_O_EUM_TIE_TOL, "eum-tie-tol", 0, NULL, APP_REAL, "T", 0, 0.001, NULL, "1e-9", APP_BOTH,
     0, "EUM: expected utilities and moves closer than T (relative, at least absolute) are ties, "
     "settled by the documented rules; 0 compares bits"},
    {APP_O_ROUNDS, "rounds", 0, NULL, APP_UINT, "N", 0, 100000, NULL, "100", APP_BOTH, 0,
     "EUM, condorcet, exchange: at most N rounds"},
    {APP_O_TOL, "tol", 0, NULL, APP_REAL, "T", 0, 0.5, NULL, "0.001", APP_BOTH, 0,
     "stop when the forecast moves less than T x the issue's spread of positions in a round"},
    {APP_O_GAMMA, "gamma", 0, NULL, APP_REAL, "G", 1, 10, NULL, "1", APP_BOTH, 0,
     "Nash: utility -salience x distance^G"},
    {APP_O_NASH_SALIENCE, "nash-salience", 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, APP_BOTH,
     0, "Nash: bargaining power capability x salience (default capability)"},
    END};

/* The SMP's words are the library's (parley_smp_option_words; app_opt_words). */
static const app_opt_t SMP[] = {
    {APP_O_SMP_VICTORY, "smp-victory", 0, NULL, APP_WORD, "LAW", 0, 0, NULL, "linear",
     APP_BOTH, 0, "victory probability law"},
    {APP_O_SMP_PCE, "smp-pce", 0, NULL, APP_WORD, "PCE", 0, 0, NULL, "conditional", APP_BOTH,
     0, "probabilistic Condorcet election"},
    {APP_O_SMP_VOTING, "smp-voting", 0, NULL, APP_WORD, "RULE", 0, 0, NULL, "proportional",
     APP_BOTH, 0, "voting rule"},
    {APP_O_SMP_RISK_ADJUST, "smp-risk-adjust", 0, NULL, APP_WORD, "ADJ", 0, 0, NULL,
     "one-third", APP_BOTH, 0, "risk adjustment"},
    {APP_O_SMP_RISK_RANGE, "smp-risk-range", 0, NULL, APP_WORD, "RANGE", 0, 0, NULL, "mid",
     APP_BOTH, 0, "range of risk attitudes"},
    {APP_O_SMP_COMMIT, "smp-commit", 0, NULL, APP_WORD, "TPC", 0, 0, NULL, "semi",
     APP_BOTH, 0, "third parties' commitment"},
    {APP_O_SMP_INTERP, "smp-interp", 0, NULL, APP_WORD, "INTERP", 0, 0, NULL, "s2p2",
     APP_BOTH, 0, "bargain interpolation"},
    {APP_O_SMP_BARGAIN, "smp-bargain", 0, NULL, APP_WORD, "MODEL", 0, 0, NULL,
     "initiator-only", APP_BOTH, 0, "bargaining model"},
    {APP_O_SMP_MODE, "smp-mode", 0, NULL, APP_WORD, "MODE", 0, 0, NULL, "deterministic",
     APP_BOTH, 0, "deterministic, or stochastic (drawn from --seed)"},
    {APP_O_SEED, "seed", 0, NULL, APP_SEED, "S", 0, 0, NULL, NULL, APP_BOTH, 0,
     "stochastic mode's seed (implies --smp-mode stochastic)"},
    {APP_O_SMP_CHALLENGE_VICTORY, "smp-challenge-victory", 0, NULL, APP_FLAG, NULL, 0, 0, NULL,
     NULL, APP_BOTH, 0, "challenge probabilities follow --smp-victory (KTAB: always linear)"},
    {APP_O_SMP_SALIENCE, "smp-salience", 0, NULL, APP_WORD, "RULE", 0, 0, NULL, "strict",
     APP_BOTH, 0, "strict, or normalise each actor's saliences to sum to 1"},
    {APP_O_SMP_GROUP_PROBABILITY, "smp-group-probability", 0, NULL, APP_FLAG, NULL, 0, 0, NULL,
     NULL, APP_BOTH, 0,
     "give each actor the chance of the position group the election counts it in (KTAB "
     "prints the last group within 1e-3 of it)"},
    END};

static const app_opt_t OUT_FORECAST[] = {O_FORMAT(FMT3, "table, json or csv"), O_OUTPUT, END};

/* ---- backtest */

static const app_opt_t BACKTEST[] = {
    {APP_O_DEU, "deu", 0, NULL, APP_TEXT, "FILE", 0, 0, NULL, NULL, APP_CLI, APP_REQUIRED,
     "the DEU table (TAB-separated, as in ../shared/data/deu3)"},
    {APP_O_CAPABILITY, "capability", 0, NULL, APP_WORD, "C", 0, 0, CAPS, "all", APP_CLI, 0,
     "capability option"},
    {APP_O_MODEL, "model", 0, NULL, APP_WORD, "ID", 0, 0, MODELS, "all", APP_CLI, 0,
     "as for forecast"},
    {APP_O_SEED, "seed", 0, NULL, APP_SEED, "S", 0, 0, NULL, "1", APP_CLI, 0, "bootstrap seed"},
    {APP_O_RESAMPLES, "resamples", 0, NULL, APP_UINT, "N", 1, 1e6, NULL, "2000", APP_CLI, 0,
     "bootstrap resamples"},
    {APP_O_NO_INSTITUTIONS, "no-institutions", 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, APP_CLI,
     0, "leave the Commission and Parliament out (default: each gets the capability of the "
     "largest member state)"},
    {APP_O_MISSING_SALIENCE, "missing-salience", 0, NULL, APP_UINT, "S", 0, 100, NULL, "50",
     APP_CLI, 0, "salience (0-100) of an actor with a position but no salience in the table"},
    {APP_O_PUBLISHED, "published", 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, APP_CLI, 0,
     "also score the models under the conventions of the published DEU backtest (EUM conflict: "
     "nobody moves; blank saliences dropped; an unweighted median actor), side by side"},
    {APP_O_HELDOUT, "heldout", 0, NULL, APP_WORD, "SPLIT", 0, 0, SPLITS, NULL, APP_CLI, 0,
     "instead, the pre-registered held-out evaluation (docs/validation.md): candidates fitted on "
     "half of the proposals and scored on the other half against the compromise model; SPLIT: "
     "random (a seeded half), temporal (earlier proposals train) or both"},
    {APP_O_SPLIT_SEED, "split-seed", 0, NULL, APP_SEED, "S", 0, 0, NULL, "2026", APP_CLI, 0,
     "the seed of --heldout's random split"},
    END};

/* ---- sweep */

static const app_opt_t SWEEP[] = {
    {APP_O_WHAT, "what", 0, NULL, APP_WORD, "A", 0, 0, SWEEP_WHATS, "eval", APP_BOTH, 0,
     "the analysis at each point: eval (each proposal's acceptances; with --proposal each "
     "actor's utility and verdict), space (ZOPA size, frontier points, the Nash deal's "
     "utilities), simulate (agreement, round, utilities) or montecarlo (P(agreement) with its "
     "95% interval)"},
    {APP_O_PROPOSAL, "proposal", 0, NULL, APP_TEXT, "ID", 0, 0, NULL, NULL, APP_BOTH, 0,
     "eval: follow this proposal actor by actor"},
    {APP_O_SAMPLES, "samples", 'n', NULL, APP_UINT, "N", 1, 1e7, NULL, "1000", APP_BOTH, 0,
     "montecarlo: draws per point"},
    {APP_O_SEED, "seed", 0, NULL, APP_SEED, "S", 0, 0, NULL, "1", APP_BOTH, 0,
     "montecarlo: the random seed (the same at every point: common random numbers)"},
    {APP_O_GRID, "grid", 0, NULL, APP_UINT, "N", 2, 1000, NULL, "11", APP_BOTH, 0,
     "space: points per continuous issue"},
    {APP_O_PROGRESS, "progress", 0, NULL, APP_WORD, "WHEN", 0, 0, WHEN, "auto", APP_CLI, 0,
     "show a progress line on standard error: auto (when it is a terminal), always, never"},
    END};

static const app_opt_t OUT_TJC[] = {O_FORMAT(FMT3, "table, json or csv"), O_OUTPUT, END};

static const app_opt_t OUT_TJ[] = {O_FORMAT(FMT2, "table or json"), O_OUTPUT, END};

/* ---- simulate, montecarlo, sensitivity */

#define SIM_SWITCHES                                                                           \
    {APP_O_WITHOUT, "without", 0, NULL, APP_TEXT, "TACTICS", 0, 0, NULL, NULL, APP_ALL, 0,     \
     "leave tactics out: a kind (deadline, walk-away, leak), a tactic's name, or KIND:ACTOR; " \
     "comma-separated"},                                                                       \
    {APP_O_JOIN, "join", 0, NULL, APP_TEXT, "IDS", 0, 0, NULL, NULL, APP_ALL, 0,               \
     "put these actors in the room from round 1"},                                             \
    {APP_O_LEAVE, "leave", 0, NULL, APP_TEXT, "IDS", 0, 0, NULL, NULL, APP_ALL, 0,             \
     "keep these actors out of the room (they ratify or veto)"},                               \
    {APP_O_PROTOCOL, "protocol", 0, NULL, APP_WORD, "P", 0, 0, PROTOCOLS, NULL, APP_ALL, 0,    \
     "the protocol (default the scenario's)"},                                                 \
    {APP_O_MEETING, "meeting", 0, NULL, APP_WORD, "M", 0, 0, MEETINGS, NULL, APP_ALL, 0,       \
     "plenary or shuttle, with mediated (default the scenario's)"},                            \
    {APP_O_HORIZON, "horizon", 0, NULL, APP_UINT, "N", 1, 100000, NULL, NULL, APP_ALL, 0,      \
     "rounds available (default the scenario's)"},                                             \
    {APP_O_GRID, "grid", 0, NULL, APP_UINT, "N", 2, 1000, NULL, NULL, APP_BOTH, 0,             \
     "points per continuous issue (default the scenario's)"}

static const app_opt_t SIMULATE[] = {
    SIM_SWITCHES,
    {APP_O_SEED, "seed", 0, NULL, APP_SEED, "S", 0, 0, NULL, NULL, APP_BOTH, 0,
     "draw chance events (a walk-away carried out with its probability) from S; without it "
     "each takes its likelier course"},
    END};

static const app_opt_t OUT_SIM[] = {
    {APP_O_DETAIL, "detail", 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, APP_CLI, 0,
     "table: every move with its terms, not only a line per round"},
    O_FORMAT(FMT3, "table, json (with the whole trace) or csv (the trace)"), O_OUTPUT, O_COLOR,
    END};

static const app_opt_t MC[] = {
    {APP_O_SAMPLES, "samples", 'n', NULL, APP_UINT, "N", 1, 1e9, NULL, "10000",
     APP_ALL, 0, "draws (the server caps them at its --max-samples)"},
    {APP_O_SEED, "seed", 0, NULL, APP_SEED, "S", 0, 0, NULL, "1", APP_ALL, 0,
     "the random seed"},
    {APP_O_THREADS, "threads", 0, NULL, APP_UINT, "T", 0, 256, NULL, "0", APP_BOTH, 0,
     "worker threads, 0: one per core (the server caps them at its --max-threads)"},
    {APP_O_WHAT, "what", 0, NULL, APP_WORD, "W", 0, 0, WHATS, "simulate", APP_ALL, 0,
     "simulate: agreement probability with its Wilson 95% interval, why talks fail, the "
     "round, the terms, utilities, surpluses, how long the deal holds; forecast: each model's "
     "forecast per issue; space: the chance a ZOPA exists and the Nash deal's terms"},
    {APP_O_MODEL, "model", 0, NULL, APP_WORD, "ID", 0, 0, MODELS, "all", APP_BOTH, 0,
     "with --what forecast: one model, or all but smp"},
    END};

static const app_opt_t MC_SWITCHES[] = {SIM_SWITCHES, END};

static const app_opt_t OUT_MC[] = {
    O_FORMAT(FMT3, "table, json (docs/montecarlo.md) or csv"), O_OUTPUT, O_QUIET, END};

static const app_opt_t SENS[] = {
    {APP_O_METRIC, "metric", 0, NULL, APP_TEXT, "M", 0, 0, NULL, "agreement", APP_BOTH, 0,
     "agreement (space: a ZOPA exists), round (the round the talks end in), utility:ACTOR, "
     "surplus:ACTOR, terms:ISSUE"},
    {APP_O_SAMPLES, "samples", 'n', NULL, APP_UINT, "N", 2, 1e9, NULL, "1000", APP_BOTH, 0,
     "base samples of the Sobol design"},
    {APP_O_SEED, "seed", 0, NULL, APP_SEED, "S", 0, 0, NULL, "1", APP_BOTH, 0, "the random seed"},
    {APP_O_THREADS, "threads", 0, NULL, APP_UINT, "T", 0, 256, NULL, "0", APP_BOTH, 0,
     "worker threads, 0: one per core"},
    {APP_O_WHAT, "what", 0, NULL, APP_WORD, "W", 0, 0, WHATS, "simulate", APP_BOTH, 0,
     "the evaluator: simulate, space, or forecast (terms only, of --model)"},
    {APP_O_MODEL, "model", 0, NULL, APP_WORD, "ID", 0, 0, MODELS, NULL, APP_BOTH, 0,
     "with --what forecast: the model (default compromise)"},
    {APP_O_LOW, "low", 0, NULL, APP_REAL, "P", 0, 1, NULL, "0.05", APP_BOTH, 0,
     "the sweep's low quantile"},
    {APP_O_HIGH, "high", 0, NULL, APP_REAL, "P", 0, 1, NULL, "0.95", APP_BOTH, 0,
     "the sweep's high quantile"},
    {APP_O_RESAMPLES, "resamples", 0, NULL, APP_UINT, "N", 0, 1e5, NULL, "1000", APP_BOTH, 0,
     "bootstrap replicates of the Sobol indices' 95% intervals (0: none)"},
    END};

static const app_opt_t OUT_SENS[] = {O_FORMAT(FMT2, "table or json"), O_OUTPUT, O_QUIET, END};

/* ---- the other commands */

static const app_opt_t IMPORT[] = {
    {APP_O_OUTPUT, "output", 'o', NULL, APP_TEXT, "FILE", 0, 0, NULL, NULL, APP_CLI, 0,
     "the scenario file to write (atomically); default standard output"},
    {APP_O_UNCERTAIN, "uncertain", 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, APP_CLI, 0,
     "genius: import type=\"UNCERTAIN\" profiles as ordinary parties"},
    END};

static const app_opt_t RUNS[] = {
    {APP_O_DB, "db", 0, NULL, APP_TEXT, "FILE", 0, 0, NULL, NULL, APP_CLI, 0,
     "the archive (default: the PARLEY_DB environment variable)"},
    {APP_O_LIMIT, "limit", 0, NULL, APP_UINT, "N", 0, U64MAX, NULL, NULL, APP_CLI, 0,
     "list: the last N runs"},
    {APP_O_SCENARIO, "scenario", 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, APP_CLI, 0,
     "show, export: add the scenario text, byte for byte"},
    {APP_O_FORMAT, "format", 0, NULL, APP_WORD, "F", 0, 0, RUNS_FMT, "jsonl", APP_CLI, 0,
     "export: JSON lines, a JSON array or CSV"},
    O_OUTPUT, END};

static const app_opt_t SERVE[] = {
    {APP_O_PORT, "port", 0, NULL, APP_UINT, "P", 0, 65535, NULL, "8080", APP_CLI, 0,
     "TCP port (0: any free port, printed)"},
    {APP_O_BIND, "bind", 0, NULL, APP_TEXT, "ADDR", 0, 0, NULL, "127.0.0.1", APP_CLI, 0,
     "listening address"},
    {APP_O_ALLOW_REMOTE, "allow-remote", 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, APP_CLI, 0,
     "allow --bind to a non-loopback address (there is no authentication)"},
    {APP_O_ROOT, "root", 0, NULL, APP_TEXT, "DIR", 0, 0, NULL, NULL, APP_CLI, 0,
     "the folder holding web/, examples/ and node_modules/ (default: found from the "
     "executable or the working directory)"},
    {APP_O_DB, "db", 0, NULL, APP_TEXT, "FILE", 0, 0, NULL, NULL, APP_CLI, 0,
     "store every analysis in this run archive (created if absent); GET /api/runs reads it"},
    {APP_O_MAX_BODY, "max-body", 0, NULL, APP_UINT, "BYTES", 1024, 1073741824, NULL, "1048576",
     APP_CLI, 0, "request body limit (413 beyond)"},
    {APP_O_TIME_LIMIT, "time-limit", 0, NULL, APP_REAL, "S", 0.1, 86400, NULL, "30", APP_CLI, 0,
     "seconds one analysis may run (503 beyond)"},
    {APP_O_MAX_JOBS, "max-jobs", 0, NULL, APP_UINT, "N", 1, 256, NULL, "2", APP_CLI, 0,
     "analyses running at once"},
    {APP_O_QUEUE_WAIT, "queue-wait", 0, NULL, APP_REAL, "S", 0, 3600, NULL, "10", APP_CLI, 0,
     "seconds a request waits for a free job (503 beyond)"},
    {APP_O_MAX_MEMORY, "max-memory", 0, NULL, APP_REAL, "GIB", 0.05, 1024, NULL, "1", APP_CLI, 0,
     "GiB one analysis may use"},
    {APP_O_MAX_SAMPLES, "max-samples", 0, NULL, APP_UINT, "N", 1, 1e9, NULL, "1e6", APP_CLI, 0,
     "the most samples one montecarlo request draws"},
    {APP_O_MAX_THREADS, "max-threads", 0, NULL, APP_UINT, "T", 1, 256, NULL, "1", APP_CLI, 0,
     "the most threads one montecarlo request uses"},
    {APP_O_MAX_PER_CLIENT, "max-per-client", 0, NULL, APP_UINT, "N", 1, 4096, NULL, "16", APP_CLI,
     0, "connections one client address may hold (not applied on loopback, where every "
     "client has the same address)"},
    {APP_O_HEADER_TIMEOUT, "header-timeout", 0, NULL, APP_REAL, "S", 0.1, 3600, NULL, "10",
     APP_CLI, 0, "seconds a connection may take to send a request's headers (or sit idle "
     "between requests); then it is closed"},
    {APP_O_BODY_TIMEOUT, "body-timeout", 0, NULL, APP_REAL, "S", 0.1, 3600, NULL, "30", APP_CLI,
     0, "seconds a client may take to send a request's body; then the connection is closed"},
    {APP_O_QUIET, "quiet", 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, APP_CLI, 0,
     "no request log on standard error"},
    END};

static const app_opt_t REPORT[] = {
    {APP_O_OUTPUT, "output", 'o', NULL, APP_TEXT, "FILE", 0, 0, NULL, NULL, APP_CLI, 0,
     "the report (required: it is a file)"},
    {APP_O_X, "x", 0, NULL, APP_TEXT, "ACTOR", 0, 0, NULL, NULL, APP_CLI, 0,
     "the actor on the agreement space's x axis at first"},
    {APP_O_Y, "y", 0, NULL, APP_TEXT, "ACTOR", 0, 0, NULL, NULL, APP_CLI, 0,
     "the actor on the agreement space's y axis at first"},
    {APP_O_DROP, "drop-red-lines", 0, NULL, APP_TEXT, "LIST", 0, 0, NULL, NULL, APP_CLI, 0,
     "as for space (e.g. all), for the agreement space"},
    {APP_O_GRID, "grid", 0, NULL, APP_UINT, "N", 2, 1000, NULL, "11", APP_CLI, 0,
     "points per continuous issue in the space"},
    {APP_O_ROOT, "root", 0, NULL, APP_TEXT, "DIR", 0, 0, NULL, NULL, APP_CLI, 0,
     "the folder holding web/ and node_modules/ (default: found beside the executable, in "
     "PREFIX/share/parley of an installed parley, or here)"},
    {APP_O_SAMPLES, "montecarlo", 0, NULL, APP_UINT, "N", 100, 1e7, NULL, NULL, APP_CLI, 0,
     "add a Monte Carlo section: N draws of the uncertain inputs (as parley montecarlo -n N)"},
    {APP_O_SENSITIVITY, "sensitivity", 0, NULL, APP_FLAG, NULL, 0, 0, NULL, NULL, APP_CLI, 0,
     "add a sensitivity section (parley sensitivity with its defaults)"},
    {APP_O_SEED, "seed", 0, NULL, APP_SEED, "S", 0, 0, NULL, "1", APP_CLI, 0,
     "the seed of those sections"},
    END};

static const app_opt_t NONE[] = {END};

/* ---- the commands */

#define GROUPS(...) ((const app_group_t[]){__VA_ARGS__, {NULL, NULL}})

static const app_cmd_t CMD_CHECK = {
    "check", "FILE", "validate a scenario and summarise it", "FILE [options]",
    "Validates a scenario (YAML or JSON) and prints a summary: actors, issues, the size of the "
    "package space, proposals. Errors name file:line:column.",
    1, 1, NULL, GROUPS({NULL, CHECK}, {"output", OUT_CHECK}), NULL};

static const app_cmd_t CMD_EVAL = {
    "eval", "FILE", "what each proposal gives each actor", "FILE [--proposal ID | --all] [options]",
    "For each proposal and actor: utility, BATNA, surplus, verdict (accept, reject, or open "
    "when the proposal leaves issues open), red lines crossed, and each issue's contribution "
    "and loss (which points hurt whom most).",
    1, 1, "/api/eval", GROUPS({NULL, EVAL}, {"inputs and archive", INPUTS}, {"output", OUT_EVAL}),
    NULL};

static const app_cmd_t CMD_IMPORT = {
    "import", "actors CSV|genius DIR", "turn a KTAB / BDM actor table or a GENIUS domain into a "
    "scenario", "actors TABLE.csv [-o scenario.yaml]\n"
    "       parley import genius DIR [--uncertain] [-o scenario.yaml]",
    "import actors: reads an actor table as KTAB and Bueno de Mesquita replications publish "
    "them and writes a scenario (YAML). Two layouts are recognised: KTAB SMP (line 1 'name, "
    "description, actors, dimensions'; line 2 a header; then 'actor, description, influence, "
    "position, salience, ...') and plain (a header naming Actor, Capability (or Influence, "
    "Power) and Position, Salience column pairs). Positions keep the file's scale; saliences "
    "on 0-100 are divided by 100. BATNAs are not in such tables and are written as 0.\n\n"
    "import genius: reads a folder holding one negotiation domain and one profile per party "
    "(GENIUS XML, or GeniusWeb JSON LinearAdditiveUtilitySpace profiles), told apart by "
    "content, and writes a scenario whose utilities are GENIUS's: weights become saliences, "
    "evaluations values, reservation values BATNAs and discount factors 'discount'; every "
    "actor gets capability 1. Other files and type=\"UNCERTAIN\" profiles are skipped (listed "
    "in comments). See docs/import-genius.md.",
    1, 2, NULL, GROUPS({NULL, IMPORT}), NULL};

static const app_cmd_t CMD_SPACE = {
    "space", "FILE|DIR", "is there a deal all prefer to walking away? frontier, solutions",
    "FILE|DIR [options]",
    "The agreement space of a scenario (or of a GENIUS folder): the zone of possible agreement "
    "(packages every actor accepts: utility >= BATNA and no red line crossed), its exact size "
    "or a labelled estimate, the exact Pareto frontier of those packages, the Nash, "
    "capability-weighted Nash, Kalai-Smorodinsky, egalitarian and utilitarian deals, each "
    "actor's best and worst acceptable package; when no deal exists, which BATNA or red line "
    "empties the zone and by how much. docs/agreement-space.md has the maths.",
    1, 1, "/api/space",
    GROUPS({NULL, SPACE}, {"inputs and archive", INPUTS}, {"output", OUT_SPACE}), NULL};

static const app_cmd_t CMD_AMEND = {
    "amend", "FILE --proposal ID", "the closest acceptable packages, Pareto improvements",
    "FILE --proposal ID [options]",
    "The acceptable packages closest to a proposal - fewest changed issues, then the least "
    "total utility shift (the sum over actors of |change|) - and the Pareto improvements on "
    "it: packages no actor likes less and some actor likes more. Issues the proposal leaves "
    "open may be set freely.",
    1, 1, "/api/amend",
    GROUPS({NULL, AMEND}, {"inputs and archive", INPUTS}, {"output", OUT_CHECK}), NULL};

static const app_cmd_t CMD_TRADES = {
    "trades", "FILE", "logrolling: concessions two actors should swap", "FILE [--proposal ID] "
    "[options]",
    "Logrolling on each proposal (or one): two actors, two issues, each actor conceding on the "
    "issue it weighs less so that both gain, with the effect on everyone else. For each pair "
    "of actors and issues, the options with the largest smaller gain; trades sorted by that "
    "gain. Only the red lines kept (--drop-red-lines) bind; a trade that would make a third "
    "party who accepts the proposal reject it (a red line crossed, or its utility pushed "
    "below its BATNA) is left out unless --all. --budget bounds the option pairs examined.",
    1, 1, "/api/trades",
    GROUPS({NULL, TRADES}, {"inputs and archive", INPUTS}, {"output", OUT_CHECK}), NULL};

static const app_cmd_t CMD_FORECAST = {
    "forecast", "FILE", "where the talks end: compromise, median, Nash, EUM, ...",
    "FILE [--model ID|all] [--trace] [options]",
    "Predicts where the negotiation ends, issue by issue, with the collective-decision models "
    "of docs/models.md. Each actor's position on an issue is its ideal (a discrete issue: the "
    "ideal or best option's index), its weight capability x salience; actors without a stance "
    "take no part.",
    1, 1, "/api/forecast",
    GROUPS({NULL, FORECAST}, {"model parameters", MODEL_PARAMS},
           {"smp (KTAB's spatial model of politics; KTAB's defaults)", SMP},
           {"inputs and archive", INPUTS}, {"output", OUT_FORECAST}),
    "smp runs on all issues at once (every actor needs a position on every issue;\n"
    "saliences summing to at most 1): per actor, its final position and that\n"
    "position's probability; --trace shows every turn. The scenario's `smp:`\n"
    "section sets these options too; the command line's win."};

static const app_cmd_t CMD_BACKTEST = {
    "backtest", "--deu TSV", "score the forecasting models on real EU decisions",
    "--deu DEU.tsv [--capability OPT|all] [--model ID|all] [options]",
    "Runs the forecasting models on DEU III (EU legislative decisions with their actual "
    "outcomes) and reports, per model and capability option, the issues scored, the mean and "
    "median absolute error (0-100 scale) with a bootstrap 95% interval, and the paired "
    "difference to the compromise model with its interval. docs/validation.md has the method "
    "and results.",
    0, 0, NULL,
    GROUPS({NULL, BACKTEST}, {"model parameters", MODEL_PARAMS}, {"output", OUT_TJ}), NULL};

static const app_cmd_t CMD_SWEEP = {
    "sweep", "FILE --set PATH=FROM..TO:STEP", "how an answer changes along one or two inputs",
    "FILE --set PATH=FROM..TO:STEP [--set PATH2=FROM..TO:STEP] [--what eval|space|simulate|"
    "montecarlo] [options]",
    "Runs one analysis at every point of a grid of one input (or two, a grid of pairs) and "
    "tabulates how its answer moves: a --set whose VALUE is FROM..TO:STEP is swept (at most "
    "1,000 points per input, 10,000 in all), any other --set holds for every point. Each point "
    "is the scenario loaded with those values, so every value is checked as the file's own "
    "would be; the first point that fails stops the sweep with its message.",
    1, 1, "/api/sweep",
    GROUPS({NULL, SWEEP}, {"inputs and archive", INPUTS}, {"output", OUT_TJC}), NULL};

static const app_cmd_t CMD_SIMULATE = {
    "simulate", "FILE", "play the talks round by round: protocols, tactics, time",
    "FILE [what-if switches] [options]",
    "Plays the negotiation round by round under the scenario's `simulation:` settings "
    "(protocol, mediator, room, strategies, deadlines, walk-away threats, leaks, drifting "
    "BATNAs, events; docs/simulation.md) and reports agreement or breakdown, the round, the "
    "terms, each party's utility and surplus, how long the deal holds, and the trace (every "
    "offer and answer, BATNAs per round).",
    1, 1, "/api/simulate",
    GROUPS({"what-if switches", SIMULATE}, {"inputs and archive", INPUTS}, {"output", OUT_SIM}),
    NULL};

static const app_cmd_t CMD_MONTECARLO = {
    "montecarlo", "FILE -n N", "play it N times over the uncertain inputs: probabilities",
    "FILE -n N [--seed S] [--threads T] [--what simulate|forecast|space] [options]",
    "Draws the numbers the scenario writes as distributions ({dist: uniform | triangular | "
    "normal | beta, ...}) N times and aggregates what each draw gives (docs/montecarlo.md). "
    "The result for a seed is the same, byte for byte, for any --threads and any number of "
    "MPI ranks (mpirun -np R parley montecarlo ... in a -DPARLEY_MPI=ON build). A scenario "
    "without distributions is an error.",
    1, 1, "/api/montecarlo",
    GROUPS({NULL, MC}, {"simulate's what-if switches (--grid also for space)", MC_SWITCHES},
           {"inputs and archive", INPUTS}, {"output", OUT_MC}),
    NULL};

static const app_cmd_t CMD_SENSITIVITY = {
    "sensitivity", "FILE", "which uncertain inputs move the outcome most (tornado)",
    "FILE [--metric M] [-n N] [--seed S] [--what simulate|space|forecast] [options]",
    "Which uncertain inputs move one output most: a one-at-a-time sweep (each input at its "
    "5th and 95th percentile, the others at their point estimates) and first-order and total "
    "Sobol indices (Saltelli et al. 2010; Jansen 1999) from N x (k + 2) evaluations, printed "
    "as a tornado table sorted by influence.",
    1, 1, "/api/sensitivity",
    GROUPS({NULL, SENS}, {"inputs and archive", INPUTS}, {"output", OUT_SENS}), NULL};

static const app_cmd_t CMD_RUNS = {
    "runs", "list|show|diff|export|check", "the runs stored with --db (docs/archive.md)",
    "list [--limit N] --db FILE\n"
    "       parley runs show ID [--scenario] --db FILE\n"
    "       parley runs diff ID1 ID2 --db FILE\n"
    "       parley runs export [ID...] [--format jsonl|json|csv] [--scenario] --db FILE\n"
    "       parley runs check --db FILE",
    "The run archive: every analysis given --db FILE stores each run there (SQLite) with its "
    "scenario, parameters, seed, Parley version, timings and JSON result. See docs/archive.md.",
    1, 1001, NULL, GROUPS({NULL, RUNS}),
    "  list           one line per run: id, start, command, scenario, seed, wall\n"
    "                 time, exit status (--limit N: the last N)\n"
    "  show ID        a run's record and its result JSON (--scenario: the scenario\n"
    "                 text it read, byte for byte)\n"
    "  diff ID1 ID2   what differs: the scenario, the parameters, and the result\n"
    "                 path by path (~ changed old -> new, + added, - removed)\n"
    "  export [ID...] every run (or these) as JSON lines (default), a JSON array\n"
    "                 (--format json) or CSV; --scenario adds the scenario text\n"
    "  check          verify the file's integrity and count the runs"};

static const app_cmd_t CMD_SERVE = {
    "serve", "[--port P]", "the web application and JSON API on localhost (docs/api.md)",
    "[--port P] [--bind ADDR [--allow-remote]] [--root DIR] [--db FILE] [options]",
    "Serves the web application (web/) and the JSON API (docs/api.md) until Ctrl-C. Listens on "
    "127.0.0.1 only unless --bind names another address and --allow-remote is given (a "
    "warning is printed: there is no authentication). Each analysis runs in a child process "
    "under the limits below.",
    0, 0, NULL, GROUPS({NULL, SERVE}), NULL};

static const app_cmd_t CMD_REPORT = {
    "report", "FILE -o OUT", "a self-contained HTML report of a scenario, with charts",
    "FILE -o report.html [--x ACTOR] [--y ACTOR] [--root DIR]",
    "Writes a self-contained HTML report of a scenario: every proposal's evaluation, the "
    "positions map, the agreement space, the forecasts and, when the scenario has a "
    "`simulation:` section, the simulation's trace, as the same Vega-Lite charts `parley "
    "serve` draws. The vega libraries are copied in from node_modules (run 'npm ci' once); "
    "the file is written atomically and opens offline.",
    1, 1, NULL, GROUPS({NULL, REPORT}), NULL};

static const app_cmd_t CMD_HELP = {
    "help", "[COMMAND]", "this text, or a command's options", "[COMMAND] [--markdown]", "",
    0, 1, NULL, GROUPS({NULL, NONE}), NULL};

const app_cmd_t *const app_commands[] = {
    &CMD_CHECK, &CMD_EVAL,  &CMD_IMPORT,   &CMD_SPACE,  &CMD_AMEND,  &CMD_TRADES,
    &CMD_FORECAST, &CMD_BACKTEST, &CMD_SIMULATE, &CMD_MONTECARLO, &CMD_SENSITIVITY,
    &CMD_SWEEP,
    &CMD_RUNS,  &CMD_SERVE, &CMD_REPORT,   &CMD_HELP,   NULL};
