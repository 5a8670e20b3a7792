/*
 * parley/eval.h — what a package gives each actor: utility, surplus over
 * the BATNA, red lines crossed, each issue's contribution and loss, and the
 * range an actor can still end with on the issues a package leaves open.
 *
 * Ownership: the caller allocates every struct passed in; nothing here
 * allocates. The functions cannot fail on a loaded scenario; they only
 * assert their preconditions (indices in range, arrays long enough).
 */
#ifndef PARLEY_EVAL_H
#define PARLEY_EVAL_H

#include <stddef.h>
#include "scenario.h"
#include "utility.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum parley_verdict {
    PARLEY_REJECT = 0, /* below the BATNA, or a red line crossed */
    PARLEY_ACCEPT = 1, /* at least the BATNA, no red line crossed */
    PARLEY_OPEN_VERDICT = 2 /* depends on how the open issues are settled */
} parley_verdict_t;

/* One issue's part in an actor's evaluation of a package. */
typedef struct parley_issue_eval {
    double weight;        /* salience share: s / sum of the actor's saliences */
    double value;         /* v(position) in [0,1]; NAN when open */
    double contribution;  /* weight * value; NAN when open */
    double loss;          /* weight * (1 - value); NAN when open */
    double value_min;     /* open: the worst value among positions not on a red line */
    double value_max;     /* open: the best value; equal to value when decided */
    int open;             /* the package leaves this issue open */
    int red_line;         /* the decided position crosses the actor's red line */
    int red_line_possible;/* open, and some position would cross a red line */
} parley_issue_eval_t;

/* One interaction term's part in its actor's evaluation of a package
 * (docs/scenario-format.md, "Linkage"). */
typedef struct parley_term_eval {
    double weight;        /* the term's share of its actor's utility */
    double contribution;  /* weight when it pays (a bonus that holds, a penalty that
                             does not), else 0; NAN when undecided */
    double loss;          /* weight - contribution; NAN when undecided */
    double contribution_min, contribution_max; /* undecided: 0 and weight */
    int holds;            /* its combination: 1 holds, 0 not, PARLEY_UNDECIDED */
} parley_term_eval_t;

/* An actor's evaluation of a package. */
typedef struct parley_actor_eval {
    double utility;       /* sum of contributions (issues and terms); NAN when any
                             issue is open */
    double utility_min;   /* open issues at their worst non-vetoed positions, undecided
                             terms not paying */
    double utility_max;   /* open issues at their best, undecided terms paying */
    double batna;
    double surplus;       /* utility - batna; NAN when open */
    double surplus_min, surplus_max;
    size_t red_lines_crossed; /* count of decided issues on a red line */
    size_t open_issues;
    parley_verdict_t verdict;
    size_t rules_broken;  /* the actor's conditional red lines the package breaks */
    size_t rules_possible;/* ... it may break, depending on open issues */
} parley_actor_eval_t;

/*
 * Evaluates package `pkg` (parley_scenario_issue_count() positions) for
 * actor i. Fills *out and, when issues is not NULL, issues[0..n_issues-1].
 * The actor's interaction terms count in its utility and its conditional
 * red lines veto as issue red lines do; whether the package breaks a
 * constraint (a property of the package, not of an actor) is
 * parley_broken_rule's to say.
 */
PARLEY_API void parley_eval_actor(const parley_scenario_t *s, size_t i, const double *pkg,
                                  parley_actor_eval_t *out, parley_issue_eval_t *issues);

/* Term k's part in the evaluation of `pkg` (docs/scenario-format.md,
 * "Linkage"); its actor is parley_scenario_term(s, k)->actor. */
PARLEY_API void parley_eval_term(const parley_scenario_t *s, size_t k, const double *pkg,
                                 parley_term_eval_t *out);

/* A short word for a verdict: "accept", "reject", "open". */
PARLEY_API const char *parley_verdict_name(parley_verdict_t v);

#ifdef __cplusplus
}
#endif
#endif
