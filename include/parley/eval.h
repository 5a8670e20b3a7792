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

/* An actor's evaluation of a package. */
typedef struct parley_actor_eval {
    double utility;       /* sum of contributions; NAN when any issue is open */
    double utility_min;   /* open issues at their worst non-vetoed positions */
    double utility_max;   /* open issues at their best */
    double batna;
    double surplus;       /* utility - batna; NAN when open */
    double surplus_min, surplus_max;
    size_t red_lines_crossed; /* count of decided issues on a red line */
    size_t open_issues;
    parley_verdict_t verdict;
} parley_actor_eval_t;

/*
 * Evaluates package `pkg` (parley_scenario_issue_count() positions) for
 * actor i. Fills *out and, when issues is not NULL, issues[0..n_issues-1].
 */
PARLEY_API void parley_eval_actor(const parley_scenario_t *s, size_t i, const double *pkg,
                                  parley_actor_eval_t *out, parley_issue_eval_t *issues);

/* A short word for a verdict: "accept", "reject", "open". */
PARLEY_API const char *parley_verdict_name(parley_verdict_t v);

#ifdef __cplusplus
}
#endif
#endif
