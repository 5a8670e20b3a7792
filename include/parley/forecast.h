/*
 * parley/forecast.h — where a negotiation ends, issue by issue: the
 * collective-decision models (compromise, weighted median, Nash bargaining,
 * Bueno de Mesquita's expected-utility model, a probabilistic Condorcet
 * model, Stokman's exchange model), KTAB's spatial model of politics on all
 * issues at once, the DEU III data reader and the
 * backtest that scores the models on real EU decisions. The mathematics and
 * every interpretive choice are in docs/models.md; the validation in
 * docs/validation.md.
 *
 * Ownership: a parley_fc_problem_t owns its arrays once initialised (free
 * with parley_fc_problem_free). A parley_forecast_t copies the problem it is
 * created from and is freed by parley_forecast_destroy. A parley_deu_t is
 * owned by the caller until parley_deu_destroy. Pointers returned by
 * accessors belong to the object they came from and stay valid until its
 * next step or its destruction. Nothing keeps a pointer to a scenario.
 */
#ifndef PARLEY_FORECAST_H
#define PARLEY_FORECAST_H

#include <stddef.h>
#include <stdint.h>
#include "common.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum parley_model {
    PARLEY_MODEL_COMPROMISE = 0, /* capability x salience weighted mean */
    PARLEY_MODEL_MEDIAN,         /* weighted median */
    PARLEY_MODEL_NASH,           /* asymmetric Nash bargaining solution */
    PARLEY_MODEL_EUM,            /* Bueno de Mesquita's expected-utility model */
    PARLEY_MODEL_CONDORCET,      /* probabilistic Condorcet / spatial model */
    PARLEY_MODEL_EXCHANGE,       /* Stokman's exchange model */
    PARLEY_MODEL_SMP,            /* KTAB's spatial model of politics, all issues at once */
    PARLEY_MODEL_COUNT
} parley_model_t;

/* The models before this one work issue by issue ("all" in the CLI, the
 * backtest); the SMP is multi-dimensional and runs only when asked for. */
#define PARLEY_MODEL_PER_ISSUE PARLEY_MODEL_SMP

/* "compromise", "median", "nash", "eum", "condorcet", "exchange", "smp". */
PARLEY_API const char *parley_model_name(parley_model_t m);
/* The model named `name`; PARLEY_ENOTFOUND when there is none. */
PARLEY_API parley_status_t parley_model_from_name(const char *name, parley_model_t *out);

/* Which offer an EUM actor takes when it receives several in a round. */
typedef enum parley_eum_offer {
    PARLEY_EUM_OFFER_LEAST = 0,  /* the one that moves it least (BDM 1997; default) */
    PARLEY_EUM_OFFER_STRONGEST   /* the one from the challenger with the highest E(U) */
} parley_eum_offer_t;

/* What happens in the EUM's conflict region, where both sides of a pair
 * expect to gain from challenging the other (docs/models.md, "EUM
 * conventions"). */
typedef enum parley_eum_conflict {
    PARLEY_EUM_CONFLICT_YIELD = 0, /* the side expecting less gives way fully (default) */
    PARLEY_EUM_CONFLICT_NONE       /* nobody moves (the solver behind the published DEU figures) */
} parley_eum_conflict_t;

/* Which challengers an actor's security level Sec_i = sum_j E^j(U_ji) sums over. */
typedef enum parley_eum_security {
    PARLEY_EUM_SECURITY_ALL = 0,   /* every j != i, as the formula is written (default) */
    PARLEY_EUM_SECURITY_DISTINCT   /* only j at another position than i (Parley before 0.2) */
} parley_eum_security_t;

/*
 * The SMP's options (docs/models.md, "Spatial model of politics"); each
 * enum's first value is KTAB's default.
 */
typedef enum parley_smp_victory {  /* P[a>b] from coalition strengths */
    PARLEY_SMP_VP_LINEAR = 0, PARLEY_SMP_VP_SQUARE, PARLEY_SMP_VP_QUARTIC, PARLEY_SMP_VP_OCTIC,
    PARLEY_SMP_VP_BINARY
} parley_smp_victory_t;
typedef enum parley_smp_pce {      /* probabilistic Condorcet election */
    PARLEY_SMP_PCE_CONDITIONAL = 0, PARLEY_SMP_PCE_MARKOV_INCENTIVE, PARLEY_SMP_PCE_MARKOV_UNIFORM
} parley_smp_pce_t;
typedef enum parley_smp_vote {     /* an actor's vote from its utility difference */
    PARLEY_SMP_VOTE_PROPORTIONAL = 0, PARLEY_SMP_VOTE_BINARY, PARLEY_SMP_VOTE_PROP_BINARY,
    PARLEY_SMP_VOTE_PROP_CUBIC, PARLEY_SMP_VOTE_CUBIC, PARLEY_SMP_VOTE_ASYM_PROSPECT
} parley_smp_vote_t;
typedef enum parley_smp_radj {     /* h's estimate r_hi of i's risk attitude */
    PARLEY_SMP_RADJ_ONE_THIRD = 0, PARLEY_SMP_RADJ_NONE, PARLEY_SMP_RADJ_HALF,
    PARLEY_SMP_RADJ_TWO_THIRDS, PARLEY_SMP_RADJ_FULL
} parley_smp_radj_t;
typedef enum parley_smp_rrange {   /* range of the risk attitudes R_i */
    PARLEY_SMP_RRANGE_MID = 0, PARLEY_SMP_RRANGE_MIN, PARLEY_SMP_RRANGE_MAX
} parley_smp_rrange_t;
typedef enum parley_smp_commit {   /* third parties' commitment in a challenge */
    PARLEY_SMP_COMMIT_SEMI = 0, PARLEY_SMP_COMMIT_NONE, PARLEY_SMP_COMMIT_FULL
} parley_smp_commit_t;
typedef enum parley_smp_interp {   /* bargain interpolation */
    PARLEY_SMP_INTERP_S2P2 = 0, PARLEY_SMP_INTERP_S1P1, PARLEY_SMP_INTERP_S2PMAX
} parley_smp_interp_t;
typedef enum parley_smp_bargain {  /* whose view forms the bargain */
    PARLEY_SMP_BARGAIN_INITIATOR = 0, PARLEY_SMP_BARGAIN_INIT_RCVR, PARLEY_SMP_BARGAIN_PAIRWISE
} parley_smp_bargain_t;

typedef enum parley_smp_salience { /* saliences summing to more than 1 for an actor */
    PARLEY_SMP_SALIENCE_STRICT = 0, /* KTAB: refused (each actor's sum must be in (0,1]) */
    PARLEY_SMP_SALIENCE_NORMALISE   /* every actor's saliences divided by their sum */
} parley_smp_salience_t;

typedef struct parley_smp_params {
    parley_smp_victory_t victory;
    parley_smp_pce_t pce;
    parley_smp_vote_t vote;
    parley_smp_radj_t risk_adjust;
    parley_smp_rrange_t risk_range;
    parley_smp_commit_t commit;
    parley_smp_interp_t interp;
    parley_smp_bargain_t bargain;
    int stochastic;         /* 0 (default): the first most likely bargain; 1: sample */
    uint64_t seed;          /* stochastic mode's seed (default 1) */
    int challenge_victory;  /* 0 (KTAB): challenge probabilities are linear whatever the
                               victory law; 1: they follow it */
    parley_smp_salience_t salience;
    /* The accommodation matrix A (n_actors x n_actors, row-major): after each
     * turn ideal_i <- sum_j A_ij x_j + (1 - sum_j A_ij) ideal_i. Entries in
     * [0,1], rows summing to at most 1. NULL (default): the identity, ideals
     * follow positions. Read (copied) by parley_forecast_create only. */
    const double *accommodation;
    /* How an actor's printed probability is read (docs/models.md): 0 (default, KTAB's
     * output): from the LAST distinct position within 1e-3 of the actor, while the
     * election counts it in the first; 1: from the group the election counts it in. */
    int group_probability;
} parley_smp_params_t;

/*
 * A scenario's optional `smp:` section (docs/scenario-format.md): SMP
 * options that replace the defaults above, and the accommodation matrix as
 * written (entries not written are the identity's). Belongs to the scenario.
 */
typedef struct parley_smp_adjust {
    size_t actor, reference;  /* actor indices: actor's ideal moves toward reference's position */
    double adjust;            /* A[actor][reference], in [0,1] */
    int line, col;            /* where the entry is written */
} parley_smp_adjust_t;

typedef struct parley_smp_config {
    int present;                        /* the scenario has an `smp:` section */
    parley_smp_params_t params;         /* its options; params.accommodation is the matrix
                                           (NULL when the section gives no entry) */
    size_t n_adjust;
    const parley_smp_adjust_t *adjust;  /* the accommodation entries, in file order */
} parley_smp_config_t;

/* The scenario's SMP settings; never NULL (defaults when there is no `smp:`). */
PARLEY_API const parley_smp_config_t *parley_scenario_smp(const parley_scenario_t *s);

/* The SMP's options, for their words below. */
typedef enum parley_smp_option {
    PARLEY_SMP_OPT_VICTORY = 0, PARLEY_SMP_OPT_PCE, PARLEY_SMP_OPT_VOTING,
    PARLEY_SMP_OPT_RISK_ADJUST, PARLEY_SMP_OPT_RISK_RANGE, PARLEY_SMP_OPT_COMMIT,
    PARLEY_SMP_OPT_INTERP, PARLEY_SMP_OPT_BARGAIN, PARLEY_SMP_OPT_MODE,
    PARLEY_SMP_OPT_SALIENCE, PARLEY_SMP_OPT_COUNT
} parley_smp_option_t;

/* The words of an SMP option's values in the order of its enum (the first
 * is KTAB's default), NULL-terminated: the values of the --smp-* options,
 * of the scenario's `smp:` section and of the JSON `parameters.smp`. */
PARLEY_API const char *const *parley_smp_option_words(parley_smp_option_t opt);

/* Model parameters; every field has a published or documented default. */
typedef struct parley_fc_params {
    double q;              /* EUM: weight of the status quo in E(U), in [0,1] (Scholz: 1) */
    int risk;              /* EUM: 1 derives risk exponents r_i (BDM 1985), 0 uses r = 1 */
    parley_eum_offer_t offer;
    unsigned max_rounds;   /* EUM, condorcet, exchange: at most this many rounds (100) */
    double tol;            /* stop when the forecast moves less than tol x range (0.001) */
    double gamma;          /* Nash: utility -s|x - y|^gamma, gamma >= 1 (1) */
    int nash_salience;     /* Nash: 1 weighs actors by capability x salience, 0 (default)
                              by capability alone */
    parley_smp_params_t smp;
    parley_eum_conflict_t conflict;  /* EUM: the conflict region's rule (YIELD) */
    parley_eum_security_t security;  /* EUM: the security level's sum (ALL) */
    double tie_tol;        /* EUM: expected utilities, moves and vote shares closer than
                              tie_tol x the larger magnitude are ties, settled by the
                              documented rules (1e-9; 0: bit-exact comparisons) */
} parley_fc_params_t;

/* Fills *p with the defaults above; cannot fail. */
PARLEY_API void parley_fc_params_init(parley_fc_params_t *p);
/* PARLEY_EARG with a message on ctx when a field is out of range. */
PARLEY_API parley_status_t parley_fc_params_check(parley_ctx_t *ctx, const parley_fc_params_t *p);

/*
 * What the models see: per actor a capability, per actor and issue a
 * one-dimensional position (NaN: the actor takes no part in the issue) and
 * a salience in [0,1]; per issue its scale lo..hi and status quo (NaN when
 * none).
 */
typedef struct parley_fc_problem {
    size_t n_actors, n_issues;
    double *capability;  /* n_actors, > 0 */
    double *position;    /* n_actors * n_issues, row per actor */
    double *salience;    /* n_actors * n_issues */
    double *lo, *hi;     /* n_issues */
    double *status_quo;  /* n_issues */
    /* Categories (docs/models.md, "Unordered options"): n_options[j] > 0 makes
     * issue j a set of that many unordered options, 0 a scale. For a
     * category issue, values + cat_at[j] * n_actors holds each actor's value
     * of every option (row per actor) and rank + cat_at[j] each option's rank
     * in a fixed order (ties go to the lower rank; the option ids' order, so
     * a permutation of the options changes nothing); positions and the
     * status quo are option indices. All NULL (as parley_fc_problem_init
     * leaves them): every issue a scale. */
    size_t *n_options;   /* n_issues */
    size_t *cat_at;      /* n_issues */
    double *values;
    size_t *rank;
    /* Names for messages (owned copies; NULL: "actor #k", "issue #k"): set
     * by parley_fc_problem_from_scenario to the scenario's ids. */
    char **actor_ids;    /* n_actors */
    char **issue_ids;    /* n_issues */
} parley_fc_problem_t;

/* Allocates the arrays: capabilities 1, positions and status quo NaN,
 * saliences 0, scales 0..1. PARLEY_ENOMEM leaves *p empty. */
PARLEY_API parley_status_t parley_fc_problem_init(parley_ctx_t *ctx, parley_fc_problem_t *p,
                                                  size_t n_actors, size_t n_issues);
/* Frees the arrays; an empty or already freed problem is a no-op. */
PARLEY_API void parley_fc_problem_free(parley_fc_problem_t *p);

/*
 * The problem a scenario poses (docs/models.md, "From a scenario"): a
 * continuous issue's IDEAL stance gives its ideal, a POINTS stance the
 * position of its highest value; a discrete issue gives the ideal option's
 * index, or for a TABLE stance the index of its best option (the first when
 * tied), on the 0..n-1 scale. A discrete issue not declared `ordered` is a
 * category issue (n_options, values, rank). Actors without a stance take
 * no part.
 */
PARLEY_API parley_status_t parley_fc_problem_from_scenario(parley_ctx_t *ctx,
                                                           const parley_scenario_t *s,
                                                           parley_fc_problem_t *out);

/* ---- Running a model: state + step, so a caller owns the loop. */
typedef struct parley_forecast parley_forecast_t;

/*
 * Prepares model m on problem p (copied). PARLEY_EARG when the parameters
 * are out of range; PARLEY_EINPUT when a position lies outside its scale,
 * a salience outside [0,1] or a capability is not positive.
 */
PARLEY_API parley_status_t parley_forecast_create(parley_ctx_t *ctx, const parley_fc_problem_t *p,
                                                  parley_model_t m,
                                                  const parley_fc_params_t *params,
                                                  parley_forecast_t **out);
PARLEY_API void parley_forecast_destroy(parley_forecast_t *f);

/*
 * Does one round on every issue still moving; *done becomes 1 when no
 * issue moves any more (or max_rounds is reached). The one-shot models
 * (compromise, median, nash) are done before the first step.
 */
PARLEY_API parley_status_t parley_forecast_step(parley_ctx_t *ctx, parley_forecast_t *f, int *done);
/* Steps until done. */
PARLEY_API parley_status_t parley_forecast_run(parley_ctx_t *ctx, parley_forecast_t *f);
PARLEY_API int parley_forecast_done(const parley_forecast_t *f);
/* Rounds done so far (0 for the one-shot models). */
PARLEY_API unsigned parley_forecast_rounds(const parley_forecast_t *f);
/*
 * Why issue j stopped iterating (docs/models.md, "Convergence"). A cycle is
 * a return of the issue's positions (quantised to 2^-40 of its scale) to
 * those of `period` rounds before, 2 <= period <= PARLEY_FC_CYCLE_MAX; the
 * issue then stops and its forecast is the mean of its forecasts over the
 * cycle's rounds, whatever round it would otherwise have stopped on. The
 * exchange model couples the issues and tests the positions of all issues
 * together; the SMP is not tested for cycles (its stopping rule and, in
 * stochastic mode, its draws decide).
 */
typedef enum parley_fc_stop {
    PARLEY_FC_MOVING = 0,   /* still iterating */
    PARLEY_FC_CONVERGED,    /* moved by at most tol x spread (the SMP: its own rule); also
                               the one-shot models and issues with nothing to move */
    PARLEY_FC_CYCLE,        /* positions repeat; the forecast is the mean over the cycle */
    PARLEY_FC_MAX_ROUNDS    /* still moving when max_rounds ran out: not converged */
} parley_fc_stop_t;

#define PARLEY_FC_CYCLE_MAX 64

PARLEY_API parley_fc_stop_t parley_forecast_stop(const parley_forecast_t *f, size_t j);
/* "moving", "converged", "cycle", "max-rounds". */
PARLEY_API const char *parley_fc_stop_name(parley_fc_stop_t s);
/* Rounds issue j iterated before it stopped (so far, while moving). */
PARLEY_API unsigned parley_forecast_issue_rounds(const parley_forecast_t *f, size_t j);
/* The cycle's period on issue j (0: none), and its forecasts round by round,
 * oldest first (period entries; NULL when none). */
PARLEY_API unsigned parley_forecast_period(const parley_forecast_t *f, size_t j);
PARLEY_API const double *parley_forecast_cycle(const parley_forecast_t *f, size_t j);

/* The current forecast on issue j; NaN when nobody takes part in it. On a
 * cycle, the mean of its forecasts over the cycle. */
PARLEY_API double parley_forecast_value(const parley_forecast_t *f, size_t j);
/* Actors taking part in issue j (a position and salience > 0 or not). */
PARLEY_API size_t parley_forecast_participants(const parley_forecast_t *f, size_t j);
/* The current positions on issue j (n_actors entries; NaN: not taking part). */
PARLEY_API const double *parley_forecast_positions(const parley_forecast_t *f, size_t j);

/*
 * The SMP (multi-dimensional): the chance that actor i's current position
 * prevails, shared by every actor at the same position (a probabilistic
 * Condorcet election over the distinct positions; so the actors' chances
 * sum to more than 1 when actors share a position); NaN for the other
 * models. Where an actor lies within 1e-3 of two distinct positions, which
 * chance it gets follows smp.group_probability. The SMP's per-issue value is the expected outcome, sum over the
 * distinct positions of probability x position, and its positions are
 * every actor's, on the issue's own scale.
 */
PARLEY_API double parley_forecast_probability(const parley_forecast_t *f, size_t i);

/*
 * The SMP's last turn, for actor i (KTAB's log of a turn): *challenged the
 * actor it challenged, *initiator and *receiver the actors of the bargain
 * it took (its side of it is its new position); (size_t)-1 for nobody (no
 * challenge worth making; it kept its status quo). 0 for the other models
 * or i out of range (nothing written), else 1. Before the first turn every
 * value is (size_t)-1.
 */
PARLEY_API int parley_forecast_smp_turn(const parley_forecast_t *f, size_t i, size_t *challenged,
                                        size_t *initiator, size_t *receiver);

/* ---- One-issue building blocks (tests, other modules). n actors, no NaN. */
/* Weighted mean of x with weights w; NaN when the weights sum to 0. */
PARLEY_API double parley_fc_mean(size_t n, const double *x, const double *w);
/* The first position, in increasing order, whose cumulative weight reaches
 * half the total; NaN when the weights sum to 0. */
PARLEY_API double parley_fc_median(size_t n, const double *x, const double *w);

/* ---- DEU III (Arregui & Perarnaud 2021), as re-published in
 * blksv/predictioneers_game (docs/validation.md). */
typedef struct parley_deu_issue {
    const char *proposal;    /* the 'prnr' column */
    const char *id;          /* the 'isnr' column */
    const char *procedure;   /* 'proc': COD, CNS, ... (may be "") */
    const char *rule;        /* 'counvte': QMV, Unan, ... (may be "") */
    int line;                /* in the file */
    double *position;        /* n_actors, 0-100; NaN: blank */
    double *salience;        /* n_actors, 0-100; NaN: blank */
    double reference;        /* 'rp', the status quo; NaN: blank */
    double outcome;          /* 'out'; NaN: blank */
    const char *intro;       /* 'intro', the proposal's introduction date as written
                                (may be ""; see parley_deu_intro_date) */
} parley_deu_issue_t;

typedef struct parley_deu {
    size_t n_actors, n_issues;
    const char **actors;     /* ids from the header: "com", "ep", "at", ... */
    double *gdp;             /* the added GDP row; NULL when the file has none */
    parley_deu_issue_t *issues;
    char hash[72];           /* "sha256:" + hex of the file's bytes */
    void *arena_;            /* internal */
} parley_deu_t;

/*
 * Parses a DEU table (TAB-separated, a quoted header naming the p<actor>,
 * s<actor>, rp and out columns; an optional row of GDP weights before the
 * issues). Errors: "name:line:col: message".
 */
PARLEY_API parley_status_t parley_deu_parse(parley_ctx_t *ctx, const char *name, const char *buf,
                                            size_t len, parley_deu_t **out);
PARLEY_API parley_status_t parley_deu_load_file(parley_ctx_t *ctx, const char *path,
                                                parley_deu_t **out);
PARLEY_API void parley_deu_destroy(parley_deu_t *d);

/* ---- The backtest. */
typedef enum parley_capability {
    PARLEY_CAP_EQUAL = 0,  /* every actor 1 */
    PARLEY_CAP_GDP,        /* the file's GDP row */
    PARLEY_CAP_NICE,       /* Council votes under the Treaty of Nice (EU-28, 352 votes) */
    PARLEY_CAP_LISBON,     /* population shares, Council Decision 2015/2393 (2016 figures) */
    PARLEY_CAP_COUNT
} parley_capability_t;

/* "equal", "gdp", "council-nice", "council-lisbon". */
PARLEY_API const char *parley_capability_name(parley_capability_t c);
PARLEY_API parley_status_t parley_capability_from_name(const char *name, parley_capability_t *out);

/*
 * The capability of DEU actor `id` ("de", "com", ...) under option c, for a
 * member state; NaN for the institutions and unknown ids (see
 * parley_backtest_options_t.institutions).
 */
PARLEY_API double parley_deu_state_capability(parley_capability_t c, const char *id,
                                              const parley_deu_t *d);

typedef struct parley_backtest_options {
    parley_fc_params_t params;
    uint64_t seed;             /* bootstrap seed (default 1) */
    unsigned resamples;        /* bootstrap resamples (default 2000) */
    int institutions;          /* 1 (default): com and ep get the capability of the
                                  largest member state; 0: they take no part */
    double missing_salience;   /* salience (0-100) of an actor with a position and a
                                  blank salience (default 50) */
    size_t min_actors;         /* issues with fewer actors are not scored (default 3) */
    int drop_blank_salience;   /* 1: an actor with a position and a blank salience takes
                                  no part (missing_salience is then unused); default 0 */
    int unweighted_median;     /* 1: the median model weighs every actor with a position
                                  1 (a "median actor" of the positions); default 0 */
} parley_backtest_options_t;

PARLEY_API void parley_backtest_options_init(parley_backtest_options_t *o);

typedef struct parley_backtest_row {
    parley_model_t model;
    parley_capability_t capability;
    size_t n;                     /* issues scored */
    double mae, mae_lo, mae_hi;   /* mean absolute error and its bootstrap 95% interval */
    double median_ae;             /* median absolute error */
    double diff, diff_lo, diff_hi;/* mean of (error - compromise's error), paired, and CI */
    size_t cycles;                /* issues whose positions cycled (forecast: the cycle's mean) */
    size_t unconverged;           /* issues still moving when max_rounds ran out */
} parley_backtest_row_t;

/*
 * Scores every model in models[0..nm) under every capability option in
 * caps[0..nc) on the issues of d with an outcome and at least min_actors
 * actors; rows[m * nc + c] gets the result (rows has nm * nc entries).
 * The exchange model runs on each proposal's issues together.
 */
PARLEY_API parley_status_t parley_backtest_run(parley_ctx_t *ctx, const parley_deu_t *d,
                                               const parley_model_t *models, size_t nm,
                                               const parley_capability_t *caps, size_t nc,
                                               const parley_backtest_options_t *o,
                                               parley_backtest_row_t *rows);

/* ---- Held-out evaluation (docs/validation.md, "Held-out evaluation
 * (pre-registered protocol)"): candidates fitted on one half of the DEU
 * proposals and scored on the other, against the compromise model. */

/* DEU's 'intro' text as the number yyyymmdd by the documented rules
 * (dd-mm-yy, dd-mm-yyyy, and yyyy-mm-dd read as the misread dd-mm-yy when
 * its last field is 03-08); 0 when it cannot be read. */
PARLEY_API long parley_deu_intro_date(const char *text);

typedef enum parley_split {
    PARLEY_SPLIT_RANDOM = 0,  /* a seeded random half of the proposals trains */
    PARLEY_SPLIT_TEMPORAL = 1 /* the earlier half (by introduction date) trains */
} parley_split_t;

#define PARLEY_HELDOUT_MAX 16 /* candidates */

typedef struct parley_heldout_row {
    char candidate[24];       /* "compromise", "median", ..., "shrink", "stack", ... */
    char fitted[192];         /* the fitted parameters in words; "" when none */
    double mae;               /* test-half mean absolute error */
    double diff;              /* mean of (error - compromise's error) on the test half */
    double diff_lo, diff_hi;  /* its 95% interval (bootstrap over test proposals) */
    double diff_lo_bonf, diff_hi_bonf; /* the 99.4% interval (Bonferroni for 9) */
    double coverage;          /* share of test outcomes inside the 80% interval */
    double width;             /* the 80% interval's mean width */
} parley_heldout_row_t;

typedef struct parley_heldout {
    parley_split_t split;
    size_t train_proposals, test_proposals, undated; /* undated: left out (temporal) */
    size_t train_issues, test_issues;
    long train_last, test_first; /* temporal: last training and first test date (yyyymmdd) */
    size_t n_rows;
    parley_heldout_row_t rows[PARLEY_HELDOUT_MAX];
} parley_heldout_t;

/*
 * Runs the pre-registered held-out protocol on d under capability c with
 * the backtest options o (o->seed seeds the bootstrap, o->resamples its
 * size): the proposals split by `split` (split_seed shuffles the random
 * one), every candidate fitted on the training half and scored on the test
 * half. Fills *out.
 */
PARLEY_API parley_status_t parley_backtest_heldout(parley_ctx_t *ctx, const parley_deu_t *d,
                                                   const parley_backtest_options_t *o,
                                                   parley_capability_t c, parley_split_t split,
                                                   uint64_t split_seed, parley_heldout_t *out);

#ifdef __cplusplus
}
#endif
#endif
