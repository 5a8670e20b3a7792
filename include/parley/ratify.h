/*
 * parley/ratify.h — the vote of a ratifying body (parley/scenario.h,
 * "Ratification") on a package: each member's or segment's vote, the share
 * of the weight voting yes, the rule, the override, and the verdict. The
 * rules are in docs/scenario-format.md, "ratification"; verdicts are exact
 * where the numbers are (docs/agreement-space.md, "Exact arithmetic").
 *
 * Ownership: the caller allocates every struct passed in; nothing here
 * allocates or fails on a loaded scenario.
 */
#ifndef PARLEY_RATIFY_H
#define PARLEY_RATIFY_H

#include <stddef.h>
#include "scenario.h"
#include "eval.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum parley_vote {
    PARLEY_VOTE_NO = 0,   /* below its BATNA, or a red line crossed */
    PARLEY_VOTE_YES = 1,  /* at least its BATNA and no red line crossed */
    PARLEY_VOTE_OPEN = 2  /* depends on how the open issues are settled */
} parley_vote_t;

/* One member's (segment's) vote on a package. */
typedef struct parley_member_vote {
    double weight;          /* its weight (seats, or its share of the public) */
    double utility;         /* over its stances; NAN when an issue it judges is open */
    double utility_min, utility_max; /* the range over the open issues (off its red lines) */
    double batna;
    size_t red_lines_crossed; /* decided issues on its red lines */
    parley_vote_t vote;
} parley_member_vote_t;

/* A body's vote on a package. */
typedef struct parley_ratify_eval {
    double total;           /* the weight of all members (segments' shares need not sum to 1) */
    double yes, no, open;   /* the weight voting yes, no, and open */
    double yes_share;       /* yes / total (open counted as no) */
    double yes_share_max;   /* (yes + open) / total */
    double no_share;        /* no / total */
    int passes;             /* the rule: 1 met, 0 not, PARLEY_UNDECIDED (open votes decide) */
    int saved;              /* 1: the rule is not met but, with an override, the no side falls
                               short of it, so the rejection does not stand */
    parley_verdict_t verdict; /* PARLEY_ACCEPT ratified, PARLEY_REJECT rejected, or open */
    int exact;              /* 1: votes and thresholds were compared in exact arithmetic */
} parley_ratify_eval_t;

/*
 * Body k's vote on `pkg` (parley_scenario_issue_count() positions; open
 * positions allowed). Fills *out and, when votes is not NULL,
 * votes[0..n_members-1].
 */
PARLEY_API void parley_ratify_eval(const parley_scenario_t *s, size_t k, const double *pkg,
                                   parley_ratify_eval_t *out, parley_member_vote_t *votes);

/* Whether a share (of the weight) meets a threshold: > share when strict, else >=. */
PARLEY_API int parley_threshold_met(const parley_threshold_t *t, double share);

/* "majority", "two-thirds", "three-fifths", "unanimity" or "share". */
PARLEY_API const char *parley_threshold_name(const parley_threshold_t *t);
/* "ratified", "rejected" or "open". */
PARLEY_API const char *parley_ratify_verdict_name(parley_verdict_t v);
/* "yes", "no" or "open". */
PARLEY_API const char *parley_vote_name(parley_vote_t v);

#ifdef __cplusplus
}
#endif
#endif
