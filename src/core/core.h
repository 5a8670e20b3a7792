/*
 * core.h — internals shared by libparley's modules: the error context, the
 * arena allocator, and the scenario's concrete layout (built by the loader
 * in src/io, read through the accessors of parley/scenario.h elsewhere).
 */
#ifndef PARLEY_CORE_H
#define PARLEY_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include "parley/common.h"
#include "parley/forecast.h" /* parley_smp_config_t, the scenario's `smp:` section */
#include "parley/scenario.h"

#define PARLEY__MSG 2048

struct parley_ctx {
    parley_status_t status;
    char msg[PARLEY__MSG];    /* the first error of the last failed call */
    /* Collect mode (parley_ctx_set_max_errors): while a call brackets its
     * work with parley__collect_begin/end, later errors go to `more`. */
    size_t max_errors;        /* 0 or 1: the first error only (the default) */
    char (*more)[PARLEY__MSG];/* max_errors - 1 slots, allocated by the setter */
    size_t n_errors;          /* messages held: msg, then more[0..n_errors-2] */
    int collecting, overflow; /* overflow: an error past max_errors was dropped */
};

/* Records a failure on ctx (may be NULL) and returns status. */
parley_status_t parley__fail(parley_ctx_t *ctx, parley_status_t status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
parley_status_t parley__vfail(parley_ctx_t *ctx, parley_status_t status, const char *fmt,
                              va_list ap);
/* Clears the context's failure (at the start of a successful call). */
void parley__ok(parley_ctx_t *ctx);
/* Brackets a call that may report several errors (the scenario loader).
 * Between the two, a failure after the first is added to the list instead
 * of replacing it, unless the same message is already there; past
 * max_errors it is dropped and the overflow flag set. Without collect mode
 * both are no-ops, so parley__fail keeps its "last failure" meaning. */
void parley__collect_begin(parley_ctx_t *ctx);
void parley__collect_end(parley_ctx_t *ctx);
/* 1 while collecting and the cap has not been passed: the caller may go on
 * looking for errors after an input error. */
int parley__collecting(const parley_ctx_t *ctx);

/* ---- Allocation: every allocation of the library goes through these, so
 * tests can make the n-th one fail (parley__alloc_fail_after). */
void *parley__malloc(size_t n);
void *parley__calloc(size_t n, size_t size);
void *parley__realloc(void *p, size_t n);
void parley__free(void *p);
/* Test hook: the next n allocations succeed, then every one fails; a
 * negative n turns failures off. Not thread-safe: for single-threaded tests. */
void parley__alloc_fail_after(long n);

/* ---- Arena: many small allocations freed together. */
typedef struct parley__chunk parley__chunk_t;
typedef struct parley__arena {
    parley__chunk_t *head;
    size_t used_total;
    size_t limit; /* 0: unlimited */
} parley__arena_t;

void parley__arena_init(parley__arena_t *a, size_t limit);
void parley__arena_free(parley__arena_t *a);
/* 16-byte aligned, zeroed; NULL when out of memory or over the limit. */
void *parley__arena_alloc(parley__arena_t *a, size_t size);
void *parley__arena_array(parley__arena_t *a, size_t n, size_t size);
char *parley__arena_strndup(parley__arena_t *a, const char *s, size_t n);
char *parley__arena_strdup(parley__arena_t *a, const char *s);

/* ---- Scenario layout. */
struct parley_scenario {
    parley__arena_t arena;
    const char *id, *name, *description, *source, *origin;
    char hash[72];
    size_t n_actors, n_issues, n_proposals;
    parley_actor_t *actors;
    parley_issue_t *issues;
    parley_stance_t *stances;     /* n_actors * n_issues, row per actor */
    parley_proposal_t *proposals;
    double *weights;              /* n_actors * n_issues salience shares */
    parley_smp_config_t smp;      /* the `smp:` section, or defaults (load_smp.c) */
    const char *text;             /* the bytes loaded (for parley_scenario_clone) */
    size_t text_len;
    parley_uncertain_t *unc;      /* uncertain inputs, in file order */
    double **unc_target;          /* where each one's value lives */
    double *unc_old;              /* scratch: the values before a set (to undo it) */
    struct parley__choice **unc_choice; /* per input: what a CHOICE sets (choice.c), or NULL */
    size_t n_unc, cap_unc;
    parley_sim_config_t sim;      /* the `simulation:` section, or defaults */
    parley_override_t *ov;        /* the overrides applied at load (arena copies) */
    size_t n_ov;
    struct parley__xmap *xm;      /* the exact value of each number read (exact.c) */
    parley_rule_t *rules;         /* constraints, then conditional red lines */
    size_t n_rules;
    parley_term_t *terms;         /* interaction terms */
    size_t n_terms;
    double *term_weights;         /* n_terms: each term's share of its actor's utility */
    /* ---- Ratification (load_ratify.c, ratify.c) */
    parley_ratifier_t *ratifiers; /* `ratification:` bodies, in file order */
    size_t n_ratifiers;
    /* ---- Transfers (load_transfers.c) */
    parley_transfer_t *transfers; /* side-payment channels, in file order */
    size_t n_transfers;
    /* Blocs and governments (load_blocs.c, bloc.c). */
    parley_bloc_t *blocs;
    size_t n_blocs;
    size_t *bloc_of;              /* n_actors: the actor's bloc or (size_t)-1; NULL without blocs */
};

/* Allocates an empty scenario; NULL when out of memory. */
parley_scenario_t *parley__scenario_new(void);
/* Computes the weights (PARLEY_ENOMEM is its only failure; the arrays are
 * allocated on the first call, so it also recomputes them after a change).
 * Every actor's saliences and term weights must sum to more than zero.
 * Call once everything else is filled in. */
parley_status_t parley__scenario_finish(parley_ctx_t *ctx, parley_scenario_t *s);
/* Actor i's saliences plus its interaction terms' weights: what its
 * weights divide by. */
double parley__weight_total(const parley_scenario_t *s, size_t i);

/* Records an uncertain input whose value lives at *target (arena memory of
 * s); label and path are copied. PARLEY_ENOMEM is its only failure. */
parley_status_t parley__scenario_add_uncertain(parley_ctx_t *ctx, parley_scenario_t *s,
                                               const parley_uncertain_t *u, double *target);
/* ---- Choices (choice.c): an uncertain input over words, PARLEY_DIST_CHOICE. */
typedef enum parley__choice_what {
    PARLEY__CHOICE_STRATEGY = 0, /* simulation.strategies.ACTOR */
    PARLEY__CHOICE_PROTOCOL,     /* simulation.protocol */
    PARLEY__CHOICE_MEETING,      /* simulation.meeting */
    PARLEY__CHOICE_MEDIATOR      /* simulation.mediator: an actor or (size_t)-1, neutral */
} parley__choice_what_t;

typedef struct parley__choice {
    parley__choice_what_t what;
    size_t actor;                /* STRATEGY: whose */
    size_t n;                    /* options */
    parley_strategy_t *strategy; /* STRATEGY: n strategies */
    size_t *code;                /* otherwise: n protocol / meeting codes or actor indices */
} parley__choice_t;

/* A choice with n options (arrays zeroed in the arena of s); NULL when out of memory. */
parley__choice_t *parley__choice_new(parley_scenario_t *s, parley__choice_what_t what,
                                     size_t actor, size_t n);
/* Sets option k of c in s's simulation settings. */
void parley__choice_apply(parley_scenario_t *s, const parley__choice_t *c, size_t k);
/* Records choice c as uncertain input u (u->dist CHOICE, options and p
 * filled; label, path and the option names are copied). PARLEY_ENOMEM only. */
parley_status_t parley__scenario_add_choice(parley_ctx_t *ctx, parley_scenario_t *s,
                                            const parley_uncertain_t *u, parley__choice_t *c);

/* Fills s->sim with the defaults (call before loading a `simulation:` section). */
parley_status_t parley__sim_defaults(parley_ctx_t *ctx, parley_scenario_t *s);

/* ---- Blocs and governments: a stance's value and red line at a position
 * (parley_value and parley_crosses_red_line for a stance outside the
 * scenario's table, e.g. a new government's). */
double parley__stance_value(const parley_issue_t *is, const parley_stance_t *st, double position);
int parley__stance_red(const parley_issue_t *is, const parley_stance_t *st, double position);

/* ---- SHA-256 of a byte string as 64 lowercase hex digits + NUL. */
void parley__sha256_hex(const void *data, size_t len, char hex[65]);

/* ---- UTF-8: 1 when buf[0..len) is valid UTF-8 (no overlongs, surrogates
 * or code points past U+10FFFF); else 0 with the 1-based line and column
 * (in characters) of the first bad byte. */
int parley__utf8_valid(const char *buf, size_t len, int *line, int *col);

/* ---- Edit distance (for suggestions), capped at cap+1. */
size_t parley__edit_distance(const char *a, const char *b, size_t cap);

#endif
