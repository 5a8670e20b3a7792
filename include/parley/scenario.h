/*
 * parley/scenario.h — the negotiation model: actors, issues, stances,
 * proposals; loading a scenario from YAML or JSON.
 *
 * Ownership: a parley_scenario_t is created by a loader and freed by
 * parley_scenario_destroy(). Every pointer an accessor returns (structs,
 * strings, arrays) belongs to the scenario and stays valid, unchanged,
 * until it is destroyed. A scenario is immutable once built, so it may be shared between threads.
 */
#ifndef PARLEY_SCENARIO_H
#define PARLEY_SCENARIO_H

#include <stddef.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_scenario parley_scenario_t;

typedef enum parley_issue_kind {
    PARLEY_ISSUE_CONTINUOUS = 0, /* a scale lo..hi */
    PARLEY_ISSUE_DISCRETE = 1    /* an ordered list of options */
} parley_issue_kind_t;

typedef struct parley_actor {
    const char *id;
    const char *name;        /* defaults to the id */
    const char *notes;       /* NULL when absent */
    const char *source;      /* NULL when absent */
    double capability;       /* > 0 */
    double batna;            /* in [0,1] */
    double batna_drift;      /* per round; 0 when absent */
    double discount;         /* per-round discount factor in (0,1]; 1 when absent */
    const char *capability_source;
    const char *batna_source;
    int essential;           /* `essential: true`: the talks end without it (docs/simulation.md,
                                "Output and durability"); 0 when absent */
} parley_actor_t;

typedef struct parley_option {
    const char *id;
    const char *name;   /* defaults to the id */
    const char *source; /* NULL when absent */
} parley_option_t;

typedef struct parley_issue {
    const char *id;
    const char *name;
    const char *source;
    parley_issue_kind_t kind;
    double lo, hi;          /* continuous: the scale; discrete: 0, n-1 */
    const char *unit;       /* continuous: may be NULL */
    size_t n_options;       /* discrete: 2..64; continuous: 0 */
    const parley_option_t *options;
    double status_quo;      /* the position if nothing is agreed (a scale position or an
                               option index); PARLEY_OPEN (NaN) when the scenario gives none */
    int ordered;            /* discrete: 1 when `ordered: true` (the options' order is a
                               scale the forecasting models may use), 0: categories */
} parley_issue_t;

/* How a stance turns a position into a value in [0,1]. */
typedef enum parley_value_form {
    PARLEY_VALUE_NONE = 0,   /* no stance: the actor is indifferent */
    PARLEY_VALUE_IDEAL,      /* distance from an ideal (see scenario-format.md) */
    PARLEY_VALUE_POINTS,     /* continuous: piecewise linear points */
    PARLEY_VALUE_TABLE       /* discrete: a value per option */
} parley_value_form_t;

typedef struct parley_stance {
    parley_value_form_t form;
    double salience;          /* in [0,1]; 0 for PARLEY_VALUE_NONE */
    double ideal;             /* IDEAL: position (continuous) or option index */
    double exponent;          /* IDEAL on a continuous issue: gamma > 0 */
    size_t n_points;          /* POINTS */
    const double *px, *pv;    /* POINTS: positions (increasing) and values */
    const double *table;      /* TABLE, and IDEAL on a discrete issue: n_options values */
    /* Red line: continuous positions < red_below or > red_above are vetoed
     * (-HUGE_VAL / +HUGE_VAL when absent); discrete: red_options[k] != 0. */
    double red_below, red_above;
    const unsigned char *red_options; /* discrete; NULL when no red line */
    int has_red_line;
    const char *source;
    const char *red_line_source;
} parley_stance_t;

/*
 * A package: one position per issue, an array of parley_scenario_issue_count()
 * doubles. A continuous issue holds the position on its scale, a discrete
 * issue the option's index (0-based). PARLEY_OPEN marks an issue the package
 * leaves open; test with parley_is_open().
 */
#define PARLEY_OPEN (__builtin_nan(""))
PARLEY_API int parley_is_open(double position);

typedef struct parley_proposal {
    const char *id;
    const char *name;
    const char *date;          /* free text; NULL when absent */
    const char *source;
    const char *notes;
    const double *positions;   /* a package */
    const char *const *position_sources; /* per issue; entries may be NULL */
} parley_proposal_t;

/* ---- Linkage (docs/scenario-format.md, "Linkage"): conditions over
 * several issues, used by constraints, conditional red lines and
 * interaction terms.
 *
 * A condition says where one issue's position lies. On a discrete issue it
 * is a set of options (bit k of `options` for option k); on a continuous
 * issue an interval from lo to hi (-HUGE_VAL / HUGE_VAL when unbounded),
 * each end included unless its *_open flag is set. `negate` turns it into
 * its complement ("not: ..."). */
typedef struct parley_condition {
    size_t issue;
    int negate;
    unsigned long long options; /* discrete: the options in the set */
    double lo, hi;              /* continuous: the interval */
    int lo_open, hi_open;       /* continuous: 1 when that end is excluded */
} parley_condition_t;

/* A combination of positions: it holds when every condition holds (at most
 * one condition per issue; n == 0 holds always). */
typedef struct parley_combination {
    size_t n;
    const parley_condition_t *c;
} parley_combination_t;

typedef enum parley_rule_kind {
    PARLEY_RULE_FORBID = 0,  /* `forbid: C`: no package may have C */
    PARLEY_RULE_REQUIRE = 1  /* `if: C, then: D`: a package with C must have D */
} parley_rule_kind_t;

/* A constraint (actor == (size_t)-1: a package that breaks it is no
 * package at all, for every actor and every analysis) or an actor's
 * conditional red line (`red_lines:`: the actor vetoes a package that
 * breaks it, as it vetoes one crossing an issue's red line). */
typedef struct parley_rule {
    const char *id;
    const char *name;          /* defaults to the id */
    const char *source;        /* NULL when absent */
    size_t actor;              /* (size_t)-1 for a constraint */
    parley_rule_kind_t kind;
    parley_combination_t when; /* FORBID: the forbidden combination; REQUIRE: the `if` */
    parley_combination_t then; /* REQUIRE: what must hold as well; n == 0 for FORBID */
} parley_rule_t;

/* An interaction term of one actor's utility: worth `weight` (a salience,
 * normalised with the actor's issue saliences) when its combination holds
 * (a bonus), or when it does not hold (a penalty). */
typedef struct parley_term {
    const char *id;
    const char *name;          /* defaults to the id */
    const char *source;        /* NULL when absent */
    size_t actor;
    parley_combination_t when;
    double weight;             /* in [0,1]; may be an uncertain input */
    int penalty;               /* 0: a bonus; 1: a penalty */
} parley_term_t;

/*
 * Loads a scenario from a file. YAML 1.2 or JSON; the format is documented
 * in docs/scenario-format.md. On failure returns a status other than
 * PARLEY_OK, leaves *out untouched, and records "path:line:col: message"
 * on ctx. The file's bytes are hashed (SHA-256) into the scenario.
 */
PARLEY_API parley_status_t parley_scenario_load_file(parley_ctx_t *ctx, const char *path,
                                                     parley_scenario_t **out);

/*
 * As parley_scenario_load_file, from a buffer of len bytes (need not be
 * NUL-terminated); name is used in messages.
 */
PARLEY_API parley_status_t parley_scenario_load_buffer(parley_ctx_t *ctx, const char *name,
                                                       const char *buf, size_t len,
                                                       parley_scenario_t **out);

/* ---- Overrides ("set PATH=VALUE"): change numbers and words of a scenario
 * at load time without editing the file (docs/scenario-format.md,
 * "Overriding values: --set").
 *
 * PATH names one value of the file: keys joined by '.', an element of an
 * id-keyed list (actors, issues, proposals) by its id, any other list
 * element by "[k]" (0-based): "actors.RUS.batna", "stances.UKR.nato.ideal",
 * "issues.army-cap.scale.hi", "proposals.us-28.positions.nato",
 * "simulation.horizon", "simulation.tactics[0].credibility". The paths of
 * the uncertain inputs (parley_uncertain_t.path) are such paths.
 *
 * VALUE is one scalar, taken as if written unquoted in the file: a number,
 * a word (an option id, a strategy, true/false), text, or null. It
 * replaces the scalar at PATH; where PATH holds {value: X, ...} or
 * {position: X, ...} it replaces X; where PATH holds a distribution
 * {dist: ...} the number replaces the whole distribution (keeping its
 * `source`), so the input becomes certain. Any other mapping or list at
 * PATH is an error. A missing last key is added when its mapping exists
 * (e.g. an actor's `batna_drift`); keys before it must exist. The scenario
 * is then read from the changed tree, so every type and range check of the
 * loader applies to the new values: an error at an overridden value reads
 * "NAME: set PATH=VALUE: message" instead of "NAME:line:col: message", and
 * any other error of such a load ends "(in the file as changed by set
 * PATH=VALUE ...)". Overrides are applied in order: a later one for the
 * same PATH wins. */
#define PARLEY_MAX_OVERRIDES 256      /* overrides per load */
#define PARLEY_MAX_OVERRIDE_PATH 512  /* bytes of a PATH */
#define PARLEY_MAX_OVERRIDE_VALUE 1024 /* bytes of a VALUE */

typedef struct parley_override {
    const char *path;  /* PATH; or, when value is NULL, the text "PATH=VALUE" */
    const char *value; /* VALUE, or NULL (see path) */
} parley_override_t;

/*
 * As parley_scenario_load_file, with n overrides ov[0..n-1] applied to the
 * file's tree before the scenario is built (ov may be NULL when n is 0).
 * The scenario's hash stays the hash of the file's bytes; the overrides are
 * copied into it (parley_scenario_override) and kept by
 * parley_scenario_clone. A malformed override (no '=', an empty or
 * over-long PATH or VALUE, control characters, more than
 * PARLEY_MAX_OVERRIDES) fails with PARLEY_EARG or PARLEY_ELIMIT; a PATH the
 * file does not have (an unknown key or id, with a did-you-mean) or a
 * VALUE the loader rejects fails with PARLEY_EINPUT. Messages begin
 * "NAME: set PATH=VALUE: " so a command line or an API can prefix its own
 * option name. The caller keeps ownership of ov.
 */
PARLEY_API parley_status_t parley_scenario_load_file_with(parley_ctx_t *ctx, const char *path,
                                               const parley_override_t *ov, size_t n,
                                               parley_scenario_t **out);

/* As parley_scenario_load_buffer, with overrides as parley_scenario_load_file_with. */
PARLEY_API parley_status_t parley_scenario_load_buffer_with(parley_ctx_t *ctx, const char *name,
                                                 const char *buf, size_t len,
                                                 const parley_override_t *ov, size_t n,
                                                 parley_scenario_t **out);

/* The number of overrides the scenario was loaded with (0 for a plain load). */
PARLEY_API size_t parley_scenario_override_count(const parley_scenario_t *s);
/* Override k < parley_scenario_override_count(s), path and value split
 * (value never NULL), as applied; NULL when k is out of range. Report
 * these next to parley_scenario_hash() to reproduce a result. */
PARLEY_API const parley_override_t *parley_scenario_override(const parley_scenario_t *s, size_t k);

/* Frees a scenario and everything it owns; NULL is a no-op. */
PARLEY_API void parley_scenario_destroy(parley_scenario_t *s);

/* Metadata; strings may be NULL when absent except the hash. */
PARLEY_API const char *parley_scenario_id(const parley_scenario_t *s);
PARLEY_API const char *parley_scenario_name(const parley_scenario_t *s);
PARLEY_API const char *parley_scenario_description(const parley_scenario_t *s);
PARLEY_API const char *parley_scenario_source(const parley_scenario_t *s);
/* "sha256:" followed by 64 lowercase hex digits of the input bytes. */
PARLEY_API const char *parley_scenario_hash(const parley_scenario_t *s);
/* The name the scenario was loaded under (path or buffer name). */
PARLEY_API const char *parley_scenario_origin(const parley_scenario_t *s);

PARLEY_API size_t parley_scenario_actor_count(const parley_scenario_t *s);
PARLEY_API size_t parley_scenario_issue_count(const parley_scenario_t *s);
PARLEY_API size_t parley_scenario_proposal_count(const parley_scenario_t *s);

/* Index accessors; the index must be below the matching count. */
PARLEY_API const parley_actor_t *parley_scenario_actor(const parley_scenario_t *s, size_t i);
PARLEY_API const parley_issue_t *parley_scenario_issue(const parley_scenario_t *s, size_t j);
PARLEY_API const parley_proposal_t *parley_scenario_proposal(const parley_scenario_t *s, size_t p);
/* The stance of actor i on issue j (form PARLEY_VALUE_NONE when it has none). */
PARLEY_API const parley_stance_t *parley_scenario_stance(const parley_scenario_t *s, size_t i,
                                                         size_t j);

/* The weight of issue j for actor i: its salience over the sum of its
 * saliences and its interaction terms' weights. */
PARLEY_API double parley_scenario_weight(const parley_scenario_t *s, size_t i, size_t j);

/* The scenario's constraints and conditional red lines (`constraints:`,
 * then `red_lines:`, in file order) and interaction terms (`terms:`). */
PARLEY_API size_t parley_scenario_rule_count(const parley_scenario_t *s);
PARLEY_API const parley_rule_t *parley_scenario_rule(const parley_scenario_t *s, size_t k);
PARLEY_API size_t parley_scenario_term_count(const parley_scenario_t *s);
PARLEY_API const parley_term_t *parley_scenario_term(const parley_scenario_t *s, size_t k);
/* Term k's share of its actor's utility: its weight over the sum of the
 * actor's saliences and term weights (parley_scenario_weight divides by the
 * same sum). */
PARLEY_API double parley_scenario_term_weight(const parley_scenario_t *s, size_t k);
/* 1 when the scenario has any constraint, conditional red line or term. */
PARLEY_API int parley_scenario_linked(const parley_scenario_t *s);

/* Look-ups by id; return the index, or (size_t)-1 when there is none. */
PARLEY_API size_t parley_scenario_find_actor(const parley_scenario_t *s, const char *id);
PARLEY_API size_t parley_scenario_find_issue(const parley_scenario_t *s, const char *id);
PARLEY_API size_t parley_scenario_find_proposal(const parley_scenario_t *s, const char *id);
PARLEY_API size_t parley_issue_find_option(const parley_issue_t *issue, const char *id);

/*
 * The number of packages (one position per issue, continuous issues counted
 * on a grid of `grid` points) as a decimal string, exact at any size.
 * Writes at most cap bytes including the NUL; returns PARLEY_ELIMIT when cap
 * is too small. For a scenario with only discrete issues `grid` is unused.
 */
PARLEY_API parley_status_t parley_scenario_package_count(const parley_scenario_t *s, unsigned grid,
                                                         char *buf, size_t cap);

/* ---- Uncertain inputs.
 *
 * Any number of the scenario that may carry a distribution (a capability,
 * BATNA, drift, discount, salience, ideal, option value, curve value, or a
 * number of the simulation section) can be written as
 * {dist: uniform|triangular|normal|beta, ...} instead of a plain number
 * (docs/scenario-format.md). The scenario then holds the point estimate
 * `base`, used by every analysis, and records the distribution here for
 * Monte Carlo and sensitivity analysis.
 */
typedef enum parley_dist_kind {
    PARLEY_DIST_UNIFORM = 1, /* min a, max b */
    PARLEY_DIST_TRIANGULAR,  /* min a, mode c, max b */
    PARLEY_DIST_NORMAL,      /* mean c, sd d, truncated to [a,b] */
    PARLEY_DIST_BETA,        /* shape alpha c, beta d, scaled to [a,b] */
    PARLEY_DIST_CHOICE       /* a discrete choice among n_options words (a strategy, the
                                protocol, the meeting, the mediator): the value is the
                                option's index 0..n_options-1 (a = 0, b = n_options - 1),
                                option k drawn with probability p[k] */
} parley_dist_kind_t;

typedef struct parley_uncertain {
    const char *label;        /* e.g. "actor 'RUS': batna" */
    const char *path;         /* a stable key, e.g. "actors.RUS.batna" */
    parley_dist_kind_t dist;
    double a, b;              /* the support [a,b] (within the field's range) */
    double c, d;              /* mode / mean, sd / alpha, beta as above */
    double base;              /* the point estimate the scenario holds */
    int line, col;            /* where the distribution is written */
    /* CHOICE only (0 / NULL otherwise): */
    size_t n_options;         /* >= 2 */
    const char *const *options; /* the options as written ("tit-for-tat", "time e=3") */
    const double *p;          /* their probabilities, summing to 1 */
} parley_uncertain_t;

/* The number of uncertain inputs (0 when the scenario gives no distribution). */
PARLEY_API size_t parley_scenario_uncertain_count(const parley_scenario_t *s);
/* Uncertain input k < parley_scenario_uncertain_count(s). */
PARLEY_API const parley_uncertain_t *parley_scenario_uncertain(const parley_scenario_t *s,
                                                               size_t k);

/*
 * A private, independent copy of s (parsed again from the text s was loaded
 * from, with the same overrides), for a thread that will change its numbers
 * with parley_scenario_set_uncertain(). Same hash, origin, overrides and
 * contents.
 */
PARLEY_API parley_status_t parley_scenario_clone(parley_ctx_t *ctx, const parley_scenario_t *s,
                                                 parley_scenario_t **out);

/*
 * Sets every uncertain input k to values[k] (one per uncertain input, each
 * within its support [a,b]) and recomputes what depends on them (issue
 * weights). values == NULL restores the base values. This is the one call
 * that changes a scenario: it must own s alone (a clone), no other thread
 * may read it meanwhile. PARLEY_EARG, and nothing changed, when a value is
 * outside its support or leaves an actor caring about nothing.
 */
PARLEY_API parley_status_t parley_scenario_set_uncertain(parley_ctx_t *ctx, parley_scenario_t *s,
                                                         const double *values);

/* ---- Ratification (docs/scenario-format.md, "ratification"): bodies
 * outside the room whose vote decides whether an actor's signature holds
 * (a parliament, a congress with a veto override, a public in a
 * referendum). Computing a body's vote on a package: parley/ratify.h. */
typedef enum parley_threshold_kind {
    PARLEY_THRESHOLD_MAJORITY = 0,  /* more than half of the weight */
    PARLEY_THRESHOLD_TWO_THIRDS,    /* at least two-thirds */
    PARLEY_THRESHOLD_THREE_FIFTHS,  /* at least three-fifths */
    PARLEY_THRESHOLD_UNANIMITY,     /* all of it */
    PARLEY_THRESHOLD_SHARE          /* at least `share` ({share: X}) */
} parley_threshold_kind_t;

typedef struct parley_threshold {
    parley_threshold_kind_t kind;
    double share;   /* the fraction: 1/2 (strictly more), 2/3, 3/5, 1, or X (at least) */
    int strict;     /* 1: more than `share` (majority); 0: at least `share` */
} parley_threshold_t;

/* A voting bloc of a body (`members:`, weight = seats or votes) or a
 * segment of a public (`population:`, weight = its share of the public).
 * Its stances use the actors' syntax: one per issue (form
 * PARLEY_VALUE_NONE where it gives none); its utility of a package is the
 * actors' formula over these stances (no interaction terms). */
typedef struct parley_ratify_member {
    const char *id;
    const char *name;          /* defaults to the id */
    const char *source;        /* NULL when absent */
    double weight;             /* members: > 0; population: a share >= 0 (may be uncertain) */
    const char *weight_source;
    double batna;              /* in [0,1]: it votes yes when the package is worth at least this */
    const char *batna_source;
    const parley_stance_t *stances; /* n_issues */
} parley_ratify_member_t;

typedef struct parley_ratifier {
    const char *id;
    const char *name;          /* defaults to the id */
    const char *source;
    const char *notes;
    size_t actor;              /* whose signature it ratifies */
    parley_threshold_t rule;   /* the share of the weight voting yes that ratifies */
    int population;            /* 1: `population:` segments; 0: `members:` */
    size_t n_members;
    const parley_ratify_member_t *members;
    const unsigned char *issues; /* n_issues flags: the issues put to the vote (all when
                                    `issues:` is absent) */
    int has_override;          /* 1: a rejection stands only if the no side reaches `override` */
    parley_threshold_t override;
    int anticipate;            /* 1 (default): its negotiator anticipates its win-set */
    unsigned vote_after;       /* simulate: it votes this many rounds after the signature (0) */
    size_t first;              /* the index of its first member among every body's members
                                  (bodies in order): where its shifts sit in public_shift */
} parley_ratifier_t;

/* The number of members of every body together (the length of a public_shift). */
PARLEY_API size_t parley_scenario_ratify_member_count(const parley_scenario_t *s);

PARLEY_API size_t parley_scenario_ratifier_count(const parley_scenario_t *s);
/* Body k < parley_scenario_ratifier_count(s), in file order. */
PARLEY_API const parley_ratifier_t *parley_scenario_ratifier(const parley_scenario_t *s, size_t k);
/* The body with this id, or (size_t)-1. */
PARLEY_API size_t parley_scenario_find_ratifier(const parley_scenario_t *s, const char *id);
/* ---- Transfers (the optional `transfers:` section; docs/scenario-format.md,
 * "transfers"): side payments between actors at stated rates. Channel k
 * lets actor `from` pay actor `to` up to `max` units; per unit the payer
 * loses `cost` utility and the receiver gains `value`. */
#define PARLEY_MAX_TRANSFERS 8

typedef struct parley_transfer {
    const char *id, *name, *source, *unit; /* unit: free text, e.g. "EUR bn" */
    size_t from, to;          /* actor indices, from != to */
    double max;               /* units available, > 0 */
    double cost;              /* utility the payer loses per unit, >= 0 */
    double value;             /* utility the receiver gains per unit, >= 0 */
    int line, col;            /* where the channel is written */
} parley_transfer_t;

/* The number of transfer channels (0 to PARLEY_MAX_TRANSFERS). */
PARLEY_API size_t parley_scenario_transfer_count(const parley_scenario_t *s);
/* Channel k < parley_scenario_transfer_count(s). */
PARLEY_API const parley_transfer_t *parley_scenario_transfer(const parley_scenario_t *s, size_t k);
/* ---- Blocs and governments (docs/scenario-format.md "## blocs",
 * docs/simulation.md "## Blocs and governments"). */

/* A bloc (`blocs:`): actors who coordinate as one party in `simulate`,
 * their utilities combined with shares that sum to 1. */
typedef enum parley_bloc_weights {
    PARLEY_BLOC_CAPABILITY = 0, /* member i's share: capability_i / the members' capabilities */
    PARLEY_BLOC_EQUAL = 1       /* each member 1 / the number of members */
} parley_bloc_weights_t;

typedef struct parley_bloc {
    const char *id;
    const char *name;          /* defaults to the id */
    const char *source;        /* NULL when absent */
    size_t n_members;          /* >= 2 */
    const size_t *members;     /* actor indices, in file order; an actor is in one bloc at most */
    parley_bloc_weights_t weights;
    int split;                 /* 1 (default): a member leaves when it would do better alone */
} parley_bloc_t;

PARLEY_API size_t parley_scenario_bloc_count(const parley_scenario_t *s);
PARLEY_API const parley_bloc_t *parley_scenario_bloc(const parley_scenario_t *s, size_t k);
/* The bloc of actor i (an index below parley_scenario_bloc_count), or (size_t)-1. */
PARLEY_API size_t parley_scenario_bloc_of(const parley_scenario_t *s, size_t i);
/* Member k's share of the bloc's combined utility (the capabilities as the
 * scenario holds them now). */
PARLEY_API double parley_bloc_share(const parley_scenario_t *s, const parley_bloc_t *b, size_t k);
/* The bloc's combined utility of a package: sum over members of share x utility. */
PARLEY_API double parley_bloc_utility(const parley_scenario_t *s, const parley_bloc_t *b,
                                      const double *pkg);

/* A change of government of one actor, carried by a simulation event
 * (`government:`): from the event's round the actor values packages with
 * the government's stances (each issue it names replaces the actor's
 * stance there, red line included; the others are kept), and its BATNA and
 * drift become the government's when given. */
typedef struct parley_government {
    size_t actor;
    const char *name;                /* a label for traces; defaults to "new government of ACTOR" */
    const parley_stance_t *stances;  /* n_issues: the new row (unnamed issues copied) */
    const unsigned char *named;      /* n_issues: 1 where the government gives a stance */
    double batna;                    /* NaN: unchanged */
    double drift;                    /* NaN: unchanged */
    const char *source;
} parley_government_t;

/* ---- Simulation settings (the optional `simulation:` section). Read by
 * the simulator (parley/sim.h); docs/simulation.md gives their meaning. */
typedef enum parley_protocol {
    PARLEY_PROTOCOL_ALTERNATING = 0, /* stacked alternating offers */
    PARLEY_PROTOCOL_MEDIATED = 1     /* single negotiating text */
} parley_protocol_t;

typedef enum parley_meeting {
    PARLEY_MEETING_PLENARY = 0, /* every party in the room answers each round */
    PARLEY_MEETING_SHUTTLE = 1  /* the mediator meets one party at a time */
} parley_meeting_t;

typedef enum parley_strategy_kind {
    PARLEY_STRATEGY_TIME = 0,   /* Faratin et al. (1998) time-dependent concession */
    PARLEY_STRATEGY_HARDLINE,   /* no concession while its BATNA rises */
    PARLEY_STRATEGY_TIT_FOR_TAT /* relative tit-for-tat: concede what it was conceded */
} parley_strategy_kind_t;

typedef struct parley_strategy {
    parley_strategy_kind_t kind;
    const char *name;  /* as written: boulware, linear, conceder, time, hardline, tit-for-tat */
    double e;          /* TIME, HARDLINE: concession exponent (e < 1 Boulware) */
    double k;          /* TIME, HARDLINE: initial concession F(0) in [0,1) */
    double factor;     /* TIT_FOR_TAT: share of the others' concession returned */
} parley_strategy_t;

typedef enum parley_tactic_kind {
    PARLEY_TACTIC_DEADLINE = 0, /* "take it by round k" */
    PARLEY_TACTIC_WALK_AWAY,    /* leave the talks at round k, changing others' BATNAs */
    PARLEY_TACTIC_LEAK,         /* a text becomes public: audience costs, harder red lines */
    PARLEY_TACTIC_CAMPAIGN      /* a campaign for public buy-in: shifts a public's segments */
} parley_tactic_kind_t;

typedef struct parley_tactic {
    parley_tactic_kind_t kind;
    const char *name;         /* a label for traces; defaults to kind + actor */
    size_t actor;             /* who uses it; (size_t)-1 for a leak from nobody in particular */
    unsigned round;           /* the deadline, the walk-away, the leak (1-based) */
    unsigned every;           /* DEADLINE: a new deadline this many rounds after one passes (0: none) */
    double credibility;       /* DEADLINE, WALK_AWAY: how far others believe it, [0,1] */
    double decay;             /* DEADLINE: credibility kept each time a deadline passes idle */
    double probability;       /* WALK_AWAY: the chance it is carried out when due (1) */
    int then_walk_away;       /* DEADLINE: carry out the actor's walk-away when it passes */
    size_t proposal;          /* LEAK: the leaked proposal; (size_t)-1: the text on the table */
    const double *effect;     /* n_actors: WALK_AWAY BATNA shifts; LEAK audience costs */
    const double *drift;      /* WALK_AWAY: n_actors new drifts, NaN = unchanged; may be NULL */
    const unsigned char *harden; /* LEAK: n_issues flags, NULL for none */
    const char *source;
    /* ---- Publics (docs/simulation.md, "Ratification and publics") */
    unsigned rounds;          /* CAMPAIGN: rounds it runs from `round` (default 1) */
    const double *public_shift; /* CAMPAIGN (per round), LEAK (once): a shift of each
                                   ratifying body's member weight, flat in body order
                                   (parley_ratifier_t.first); NULL for none */
} parley_tactic_t;

typedef struct parley_event {
    unsigned round;           /* applied at the start of this round */
    const char *name;
    const double *batna;      /* n_actors one-off BATNA shifts (0: none) */
    const double *drift;      /* n_actors new drifts, NaN = unchanged */
    const unsigned char *join;  /* n_actors: 1 enters the room */
    const unsigned char *leave; /* n_actors: 1 leaves the room (becomes a ratifier) */
    const unsigned char *drop;  /* n_actors x n_issues: 1 gives up its red line there; may be NULL */
    const char *source;
    const double *public_shift; /* shifts of the publics' segment shares, flat as a
                                   tactic's; NULL for none */
    /* Blocs and governments: */
    const parley_government_t *government; /* a change of government, or NULL */
    double probability;         /* the chance the event happens (1); see parley_sim_set_seed */
} parley_event_t;

typedef struct parley_sim_config {
    int present;                   /* 0: the scenario has no `simulation:` (defaults below) */
    parley_protocol_t protocol;    /* default ALTERNATING */
    parley_meeting_t meeting;      /* MEDIATED: default PLENARY */
    size_t mediator;               /* MEDIATED: an actor, or (size_t)-1 for a neutral one */
    const double *favour;          /* MEDIATED: n_actors weights of each party's shortfall (1) */
    double self_weight;            /* MEDIATED: weight of the mediator's own utility (0) */
    unsigned changes;              /* MEDIATED: issue changes per revision (default 2) */
    size_t start;                  /* MEDIATED: the first text (a proposal), or (size_t)-1 */
    unsigned horizon;              /* rounds (default 20) */
    unsigned grid;                 /* positions per continuous issue (default 11) */
    unsigned durability_horizon;   /* rounds looked ahead after a deal (default 100) */
    const unsigned char *in_room;  /* n_actors; default all */
    const parley_strategy_t *strategies; /* n_actors; default linear */
    size_t n_tactics;
    const parley_tactic_t *tactics;
    size_t n_events;
    const parley_event_t *events;
} parley_sim_config_t;

/* The simulation settings; never NULL (defaults when the section is absent). */
PARLEY_API const parley_sim_config_t *parley_scenario_simulation(const parley_scenario_t *s);

/*
 * The closest id to `word` among the candidates, when it is close enough to
 * be a likely typo (edit distance <= max(1, len/3)); NULL otherwise.
 * Used for "did you mean" suggestions.
 */
PARLEY_API const char *parley_suggest(const char *word, const char *const *candidates, size_t n);

#ifdef __cplusplus
}
#endif
#endif
