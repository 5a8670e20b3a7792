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
int parley_is_open(double position);

typedef struct parley_proposal {
    const char *id;
    const char *name;
    const char *date;          /* free text; NULL when absent */
    const char *source;
    const char *notes;
    const double *positions;   /* a package */
    const char *const *position_sources; /* per issue; entries may be NULL */
} parley_proposal_t;

/*
 * Loads a scenario from a file. YAML 1.2 or JSON; the format is documented
 * in docs/scenario-format.md. On failure returns a status other than
 * PARLEY_OK, leaves *out untouched, and records "path:line:col: message"
 * on ctx. The file's bytes are hashed (SHA-256) into the scenario.
 */
parley_status_t parley_scenario_load_file(parley_ctx_t *ctx, const char *path,
                                          parley_scenario_t **out);

/*
 * As parley_scenario_load_file, from a buffer of len bytes (need not be
 * NUL-terminated); name is used in messages.
 */
parley_status_t parley_scenario_load_buffer(parley_ctx_t *ctx, const char *name,
                                            const char *buf, size_t len,
                                            parley_scenario_t **out);

/* Frees a scenario and everything it owns; NULL is a no-op. */
void parley_scenario_destroy(parley_scenario_t *s);

/* Metadata; strings may be NULL when absent except the hash. */
const char *parley_scenario_id(const parley_scenario_t *s);
const char *parley_scenario_name(const parley_scenario_t *s);
const char *parley_scenario_description(const parley_scenario_t *s);
const char *parley_scenario_source(const parley_scenario_t *s);
/* "sha256:" followed by 64 lowercase hex digits of the input bytes. */
const char *parley_scenario_hash(const parley_scenario_t *s);
/* The name the scenario was loaded under (path or buffer name). */
const char *parley_scenario_origin(const parley_scenario_t *s);

size_t parley_scenario_actor_count(const parley_scenario_t *s);
size_t parley_scenario_issue_count(const parley_scenario_t *s);
size_t parley_scenario_proposal_count(const parley_scenario_t *s);

/* Index accessors; the index must be below the matching count. */
const parley_actor_t *parley_scenario_actor(const parley_scenario_t *s, size_t i);
const parley_issue_t *parley_scenario_issue(const parley_scenario_t *s, size_t j);
const parley_proposal_t *parley_scenario_proposal(const parley_scenario_t *s, size_t p);
/* The stance of actor i on issue j (form PARLEY_VALUE_NONE when it has none). */
const parley_stance_t *parley_scenario_stance(const parley_scenario_t *s, size_t i,
                                              size_t j);

/* The weight of issue j for actor i: its salience over the sum of its saliences. */
double parley_scenario_weight(const parley_scenario_t *s, size_t i, size_t j);

/* Look-ups by id; return the index, or (size_t)-1 when there is none. */
size_t parley_scenario_find_actor(const parley_scenario_t *s, const char *id);
size_t parley_scenario_find_issue(const parley_scenario_t *s, const char *id);
size_t parley_scenario_find_proposal(const parley_scenario_t *s, const char *id);
size_t parley_issue_find_option(const parley_issue_t *issue, const char *id);

/*
 * The number of packages (one position per issue, continuous issues counted
 * on a grid of `grid` points) as a decimal string, exact at any size.
 * Writes at most cap bytes including the NUL; returns PARLEY_ELIMIT when cap
 * is too small. For a scenario with only discrete issues `grid` is unused.
 */
parley_status_t parley_scenario_package_count(const parley_scenario_t *s, unsigned grid,
                                              char *buf, size_t cap);

/*
 * The closest id to `word` among the candidates, when it is close enough to
 * be a likely typo (edit distance <= max(1, len/3)); NULL otherwise.
 * Used for "did you mean" suggestions.
 */
const char *parley_suggest(const char *word, const char *const *candidates, size_t n);

#ifdef __cplusplus
}
#endif
#endif
