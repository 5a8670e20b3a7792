/*
 * parley/space.h — the agreement space: every package of a scenario, its
 * exact Pareto frontier, the bargaining solutions, the zone of possible
 * agreement (ZOPA), amendments of a proposal and logrolling trades.
 * The mathematics and the algorithms are in docs/agreement-space.md.
 *
 * Ownership: a parley_space_t (the discretised space) and a
 * parley_frontier_t are created by their *_create functions and freed by
 * their *_destroy functions. A frontier keeps a pointer to its space and
 * the space to its scenario: destroy them in reverse order. Arrays passed
 * in are copied; arrays returned belong to the object they came from.
 *
 * Utilities inside the space are exact: each actor's utility is a whole
 * number (parley_util_t) over that actor's denominator
 * (parley_space_scale), built from the exact decimals and fractions the
 * scenario spells, so equal utilities compare equal and every BATNA and
 * red-line test is exact (docs/agreement-space.md, "Exact arithmetic").
 * Where no exact form fits (a non-integer exponent, numbers with too many
 * digits) utilities are rounded to 2^-100 and parley_space_exact says so.
 */
#ifndef PARLEY_SPACE_H
#define PARLEY_SPACE_H

#include <stddef.h>
#include <stdint.h>
#include "common.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An actor's utility in the space: a whole number over the actor's scale.
 * A GCC/Clang 128-bit integer (every supported compiler has it). */
__extension__
typedef __int128 parley_util_t;
#define PARLEY_UTIL_MAX ((parley_util_t)(((unsigned __int128)1 << 127) - 1))
#define PARLEY_UTIL_MIN (-PARLEY_UTIL_MAX - 1)
/* A reservation that nothing falls below: "no constraint". */
#define PARLEY_NO_RESERVATION PARLEY_UTIL_MIN

typedef struct parley_space parley_space_t;
typedef struct parley_frontier parley_frontier_t;

/* ---- The discretised space. */
typedef struct parley_space_options {
    unsigned grid;            /* points per continuous issue, >= 2 (default 11) */
    const double *include;    /* optional package whose decided positions are added
                                 to the continuous grids (e.g. a proposal), or NULL */
    const size_t *actors;     /* optional subset of actors (indices), or NULL: all */
    size_t n_actors;          /* length of actors when given */
    int exact_only;           /* 1: a linked cluster past the exact limit is an error
                                 (PARLEY_ELIMIT); 0 (default): the space is built for
                                 the anytime frontier alone (parley_space_anytime) */
    uint64_t joint_limit;     /* a cluster's joint positions at most (0: 2^20, the
                                 default and the largest allowed) */
} parley_space_options_t;

/* Fills *o with the defaults; cannot fail. */
PARLEY_API void parley_space_options_init(parley_space_options_t *o);

/*
 * Discretises scenario s: every discrete issue keeps its options; a
 * continuous issue becomes `grid` evenly spaced points from lo to hi (plus
 * the decided positions of o->include). Precomputes each option's
 * contribution to each actor's utility and whether it crosses a red line.
 */
PARLEY_API parley_status_t parley_space_create(parley_ctx_t *ctx, const parley_scenario_t *s,
                                               const parley_space_options_t *o,
                                               parley_space_t **out);
PARLEY_API void parley_space_destroy(parley_space_t *sp);

PARLEY_API const parley_scenario_t *parley_space_scenario(const parley_space_t *sp);
/* The actors taking part: count, and the scenario index of the a-th. */
PARLEY_API size_t parley_space_actor_count(const parley_space_t *sp);
PARLEY_API size_t parley_space_actor(const parley_space_t *sp, size_t a);
PARLEY_API size_t parley_space_issue_count(const parley_space_t *sp);
/* Options (grid points) of issue j and the scenario position of option k. */
PARLEY_API size_t parley_space_option_count(const parley_space_t *sp, size_t j);
PARLEY_API double parley_space_position(const parley_space_t *sp, size_t j, size_t k);
/* The option of issue j at scenario position x, or (size_t)-1. */
PARLEY_API size_t parley_space_find_option(const parley_space_t *sp, size_t j, double x);
/* Actor a's denominator: its utility is u / parley_space_scale(sp, a). When
 * every actor's utilities fit one denominator, all scales are equal and
 * utilities of different actors can be added and compared as integers. */
PARLEY_API parley_util_t parley_space_scale(const parley_space_t *sp, size_t a);
/* 1 when all actors share one scale. */
PARLEY_API int parley_space_common_scale(const parley_space_t *sp);
/* 1 when every utility is exact; 0 when some were rounded to 2^-100 (a
 * non-integer exponent, or numbers whose exact fractions do not fit). */
PARLEY_API int parley_space_exact(const parley_space_t *sp);
/* Actor a's utility u as a number in [0,1] (the nearest double). */
PARLEY_API double parley_space_value(const parley_space_t *sp, size_t a, parley_util_t u);
/* A sum or difference of several actors' utilities on the common scale
 * (amendment shifts, min-surplus diagnoses) as a number. */
PARLEY_API double parley_space_common_value(const parley_space_t *sp, parley_util_t v);
/* The smallest space utility of actor a that is at least x (x read as its
 * shortest decimal, exactly): the reservation meaning "utility >= x". */
PARLEY_API parley_util_t parley_space_at_least(const parley_space_t *sp, size_t a, double x);
/* Contribution of option k of issue j to actor a's utility. */
PARLEY_API parley_util_t parley_space_contribution(const parley_space_t *sp, size_t j, size_t k,
                                             size_t a);
/* Whether option k of issue j crosses actor a's red line. */
PARLEY_API int parley_space_vetoed(const parley_space_t *sp, size_t j, size_t k, size_t a);
/*
 * ---- Linkage (docs/agreement-space.md, "Linkage"). When the scenario has
 * interaction terms, constraints or conditional red lines (of the actors
 * taking part), the issues they tie together form clusters: the space's
 * algorithms work on "items", a cluster's joint positions, and every
 * package, amendment and trade they return is still written per scenario
 * issue (option indices of parley_space_option_count). Without linkage
 * each issue is its own item. parley_space_create fails with PARLEY_ELIMIT
 * when one cluster has more than 2^20 joint positions (the message names
 * it); the anytime frontier (parley_anytime_*) handles those.
 */
/* 1 when the space was built with linkage (some item has several issues,
 * or a constraint, conditional red line or term). */
PARLEY_API int parley_space_linked(const parley_space_t *sp);
/* 1 when a cluster is past the exact limit: only the anytime frontier
 * (parley_frontier_* with the default method) may be computed; the ZOPA
 * count, worst-for, amend and trades fail with PARLEY_ELIMIT. */
PARLEY_API int parley_space_anytime(const parley_space_t *sp);
/* Items, the number of issues of item j and its k-th issue (increasing in
 * k), and the item holding scenario issue i. */
PARLEY_API size_t parley_space_item_count(const parley_space_t *sp);
PARLEY_API size_t parley_space_item_issue_count(const parley_space_t *sp, size_t j);
PARLEY_API size_t parley_space_item_issue(const parley_space_t *sp, size_t j, size_t k);
PARLEY_API size_t parley_space_issue_item(const parley_space_t *sp, size_t i);
/* The most joint positions of one item (1 when there are no issues). */
PARLEY_API uint64_t parley_space_item_max_options(const parley_space_t *sp);
/* The first rule (scenario index) that package opt breaks among the
 * constraints (actor (size_t)-1) or the conditional red lines of scenario
 * actor `actor` (an actor taking part), at index >= from; (size_t)-1 when
 * none. A rule whose cluster has an open issue (UINT32_MAX) is not broken. */
PARLEY_API size_t parley_space_broken_rule(const parley_space_t *sp, size_t actor,
                                           const uint32_t *opt, size_t from);
/* The number of packages as a decimal string (cap bytes with the NUL); with
 * constraints, the packages that break none. */
PARLEY_API parley_status_t parley_space_outcomes(const parley_space_t *sp, char *buf, size_t cap);
/* An actor's BATNA as a reservation: the smallest utility at least the BATNA. */
PARLEY_API parley_util_t parley_space_batna(const parley_space_t *sp, size_t a);
/* Utilities of package opt[] (option indices) for every actor
 * (u[0..actors)), interaction terms included; returns how many red lines
 * (per actor and item: an issue's, or a conditional one) it crosses. Items
 * with an open issue (UINT32_MAX) are left out of both. */
PARLEY_API size_t parley_space_utilities(const parley_space_t *sp, const uint32_t *opt,
                                         parley_util_t *u);
/* The red lines of space actor a that package opt crosses: issues' red
 * lines plus conditional red lines broken (items with an open issue are
 * left out). */
PARLEY_API size_t parley_space_crossed(const parley_space_t *sp, const uint32_t *opt, size_t a);

/* ---- Constraints: who must be at least how well off. */
typedef struct parley_constraints {
    const parley_util_t *reservation; /* per space actor; PARLEY_NO_RESERVATION: none.
                                   NULL: every actor's BATNA */
    const unsigned char *red;   /* per space actor x issue (row per actor): 1 enforces
                                   that red line, 0 ignores it. NULL: all enforced */
    const unsigned char *rules; /* per scenario rule (parley_scenario_rule: constraints
                                   and conditional red lines): 1 enforces it, 0 ignores
                                   it. NULL: all enforced */
} parley_constraints_t;

/* ---- The Pareto frontier of the packages meeting the constraints. */
typedef enum parley_frontier_method {
    PARLEY_FRONTIER_MERGE = 0, /* issue by issue, discarding dominated partial packages */
    PARLEY_FRONTIER_BRUTE = 1  /* every package enumerated (small spaces, tests) */
} parley_frontier_method_t;

typedef struct parley_frontier_options {
    parley_frontier_method_t method;
    size_t max_bytes;      /* memory the computation may hold (default 8 GiB) */
    uint64_t brute_limit;  /* the brute force refuses larger spaces (default 2*10^7) */
    uint64_t anytime_evals; /* anytime frontier: move evaluations in all (default 2*10^7) */
    uint64_t seed;         /* anytime frontier: its random kicks (default 1) */
} parley_frontier_options_t;

PARLEY_API void parley_frontier_options_init(parley_frontier_options_t *o);

/*
 * Prepares the computation; the work is done by parley_frontier_step (one
 * issue merged per call, so a caller can show progress or stop) or all at
 * once by parley_frontier_run.
 */
PARLEY_API parley_status_t parley_frontier_create(parley_ctx_t *ctx, const parley_space_t *sp,
                                                  const parley_constraints_t *c,
                                                  const parley_frontier_options_t *o,
                                                  parley_frontier_t **out);
PARLEY_API void parley_frontier_destroy(parley_frontier_t *f);

/* Does one step; *done becomes 1 when the frontier is complete. ELIMIT when
 * the memory bound would be exceeded (the message says how far it got). */
PARLEY_API parley_status_t parley_frontier_step(parley_ctx_t *ctx, parley_frontier_t *f, int *done);
/* Steps until done; progress (may be NULL) is called after each step. */
PARLEY_API parley_status_t parley_frontier_run(parley_ctx_t *ctx, parley_frontier_t *f,
                                               void (*progress)(void *arg, size_t step, size_t steps,
                                                                size_t points),
                                               void *arg);
/* 1 when f is an anytime frontier (a space with parley_space_anytime): its
 * points are the non-dominated acceptable packages its search met, each
 * with one package (multiplicity 1), and *gap (may be NULL) bounds what it
 * may miss: for every weight direction λ it tried (Σλ = 1), no acceptable
 * package has Σ_a λ_a u_a more than gap above the best found (utilities in
 * [0,1]; HUGE_VAL when a direction found no acceptable package). */
PARLEY_API int parley_frontier_anytime(const parley_frontier_t *f, double *gap);
/* Steps in total, and the steps done. */
PARLEY_API size_t parley_frontier_steps(const parley_frontier_t *f);
PARLEY_API size_t parley_frontier_steps_done(const parley_frontier_t *f);

/*
 * Results, once done. Points are distinct utility vectors, in decreasing
 * lexicographic order of (u_0, u_1, ...); several packages may share one.
 */
PARLEY_API size_t parley_frontier_points(const parley_frontier_t *f);
PARLEY_API const parley_util_t *parley_frontier_utilities(const parley_frontier_t *f, size_t k);
/* Packages at point k; saturates at UINT64_MAX. */
PARLEY_API uint64_t parley_frontier_multiplicity(const parley_frontier_t *f, size_t k);
/* Packages on the frontier in total (saturating); *exact is 0 if it saturated. */
PARLEY_API uint64_t parley_frontier_packages(const parley_frontier_t *f, int *exact);
/* Largest number of points held at one stage, and bytes at the peak. */
PARLEY_API size_t parley_frontier_peak_points(const parley_frontier_t *f);
PARLEY_API size_t parley_frontier_peak_bytes(const parley_frontier_t *f);
/*
 * Writes up to max packages of point k (option index per issue, issue-major:
 * opt[p * issues + j]): the point's max lexicographically smallest, in
 * increasing order; returns how many (0 also when memory ran out).
 */
PARLEY_API size_t parley_frontier_point_packages(const parley_frontier_t *f, size_t k,
                                                 uint32_t *opt, size_t max);

/* ---- Bargaining solutions over the frontier (docs/agreement-space.md). */
typedef enum parley_solution {
    PARLEY_NASH = 0,          /* max prod (u_i - r_i) */
    PARLEY_NASH_WEIGHTED,     /* max prod (u_i - r_i)^{c_i}, c = capability */
    PARLEY_KALAI_SMORODINSKY, /* min max-min of (u_i - r_i)/(best_i - r_i) */
    PARLEY_EGALITARIAN,       /* max min (u_i - r_i) */
    PARLEY_UTILITARIAN,       /* max sum u_i */
    PARLEY_SOLUTION_COUNT
} parley_solution_t;

/* "nash", "nash_weighted", "kalai_smorodinsky", "egalitarian", "utilitarian". */
PARLEY_API const char *parley_solution_name(parley_solution_t k);

/*
 * The frontier point that solution k picks, with reservations r (space
 * utilities, per space actor; NULL: the frontier's constraints, where an
 * unconstrained actor counts from 0). Ties go to the earlier point.
 * (size_t)-1 when the frontier is empty.
 */
PARLEY_API size_t parley_frontier_solve(const parley_frontier_t *f, parley_solution_t k,
                                        const parley_util_t *r);
/* The point best for space actor a (ties: the earlier point); (size_t)-1 if empty. */
PARLEY_API size_t parley_frontier_best_for(const parley_frontier_t *f, size_t a);

/* ---- The zone of possible agreement. */
typedef enum parley_zopa_method {
    PARLEY_ZOPA_STRATIFIED = 0, /* stratified sequential importance sampling (the default) */
    PARLEY_ZOPA_UNIFORM = 1     /* uniform draws, Wilson interval (the former estimate) */
} parley_zopa_method_t;

typedef struct parley_zopa_count {
    int exact;             /* 1: count is exact; 0: an estimate */
    char count[64];        /* decimal; exact up to 63 digits, else an estimate */
    double estimate;       /* the count as a double (also when exact) */
    double ci_lo, ci_hi;   /* 95% interval when estimated (else = estimate) */
    uint64_t samples;      /* when estimated: sampled descents (see below) */
    uint64_t nodes;        /* search nodes visited by the exact count */
    size_t strata;         /* when estimated: the undecided subtrees sampled */
    parley_zopa_method_t method; /* when estimated: how */
} parley_zopa_count_t;

/*
 * Counts the packages meeting the constraints: exactly by a pruned search
 * when it visits at most `budget` nodes, else estimated by stratified
 * sequential importance sampling: the top of the search tree is expanded
 * exactly into at most 4,096 undecided subtrees, and `samples` random
 * descents (seeded by `seed`, spread over the subtrees by Neyman
 * allocation) each count the subtrees settled on their way exactly; the
 * estimate comes with a normal 95% interval (docs/agreement-space.md).
 */
PARLEY_API parley_status_t parley_space_count(parley_ctx_t *ctx, const parley_space_t *sp,
                                              const parley_constraints_t *c, uint64_t budget,
                                              uint64_t samples, uint64_t seed,
                                              parley_zopa_count_t *out);

/* The estimate alone, without trying the exact count first: by `method`
 * (PARLEY_ZOPA_UNIFORM is the former estimator, kept so bench/ can show
 * both side by side). */
PARLEY_API parley_status_t parley_space_estimate(parley_ctx_t *ctx, const parley_space_t *sp,
                                                 const parley_constraints_t *c,
                                                 parley_zopa_method_t method, uint64_t samples,
                                                 uint64_t seed, parley_zopa_count_t *out);

/*
 * The package meeting the constraints that is worst for space actor a
 * (branch and bound; ties: the lexicographically smallest package). Writes
 * the options to opt (issues entries) and returns 1; 0 when there is none;
 * sets *exact to 0 when the search hit `budget` nodes (the package found so
 * far is written).
 */
PARLEY_API int parley_space_worst_for(const parley_space_t *sp, const parley_constraints_t *c,
                                      size_t a, uint64_t budget, uint32_t *opt, int *exact);

/* ---- Amendments: the acceptable packages closest to a package. */
typedef struct parley_amendment {
    uint32_t *opt;        /* issues entries (owned by the result) */
    size_t changed;       /* issues changed (decided positions only) */
    parley_util_t shift;  /* sum over actors of |u_a - u_a(base)| (parley_space_shift_value) */
} parley_amendment_t;

typedef struct parley_amend_result {
    size_t n;                  /* amendments found (<= max asked) */
    parley_amendment_t *items; /* by (changed, shift, package) */
    int exact;                 /* 0 when the search budget ran out */
    uint64_t nodes;
} parley_amend_result_t;

/*
 * The packages meeting the constraints with the fewest changed issues
 * relative to base (option per issue; UINT32_MAX marks an open issue, free
 * to set), then the smallest total utility shift; at most max of them.
 */
PARLEY_API parley_status_t parley_space_amend(parley_ctx_t *ctx, const parley_space_t *sp,
                                              const parley_constraints_t *c, const uint32_t *base,
                                              size_t max, uint64_t budget,
                                              parley_amend_result_t *out);
/* As parley_space_amend, keeping only the packages keep(arg, opt) returns
 * nonzero for (opt: an option per scenario issue, as the result's items);
 * keep is asked only of packages that meet the constraints, so the search's
 * bounds stay exact. keep NULL: every package. */
typedef int (*parley_amend_keep_fn)(void *arg, const uint32_t *opt);
PARLEY_API parley_status_t parley_space_amend_where(parley_ctx_t *ctx, const parley_space_t *sp,
                                                    const parley_constraints_t *c,
                                                    const uint32_t *base, size_t max,
                                                    uint64_t budget, parley_amend_keep_fn keep,
                                                    void *arg, parley_amend_result_t *out);
PARLEY_API void parley_amend_result_free(parley_amend_result_t *r);

/* ---- Logrolling trades on a base package. */
typedef struct parley_trade {
    size_t a, b;            /* space actors */
    size_t x, y;            /* issues: a gains on x, b gains on y */
    uint32_t ox, oy;        /* the new options on x and y */
    parley_util_t gain_a, gain_b; /* both > 0, in a's and b's scales */
    size_t breaks;          /* third parties that accept the base and would not
                               accept after the trade (parley_space_trade_breaks) */
} parley_trade_t;

typedef struct parley_trades_options {
    const parley_constraints_t *c; /* reservations and the red lines enforced
                                      (NULL: every BATNA and red line) */
    int all;          /* 1: keep trades that break a third party (counted in
                         `breaks`); 0: drop them */
    uint64_t budget;  /* option pairs examined at most; 0: no bound */
} parley_trades_options_t;

/*
 * Every trade between two actors a < b on two issues x != y where a gains
 * on x and concedes on y, b concedes on x and gains on y, both gain in
 * total, and neither crosses its red line; for each (a, b, x, y) the options
 * maximising min(gain_a, gain_b). Issues open in base (UINT32_MAX) are
 * not traded. Sorted by that minimum, descending. The
 * array is allocated with malloc (the caller frees it).
 */
PARLEY_API parley_status_t parley_space_trades(parley_ctx_t *ctx, const parley_space_t *sp,
                                               const uint32_t *base, parley_trade_t **out,
                                               size_t *n);
/*
 * As parley_space_trades under options o: only the red lines o->c enforces
 * bind a and b; a third party "accepts" a package when it crosses none of
 * its enforced red lines and (when base leaves no issue open) its utility
 * is at least its reservation. A trade that makes a third party who accepts
 * base stop accepting it is dropped, or kept with `breaks` > 0 under
 * o->all. When o->budget option pairs have been examined the search stops:
 * *complete becomes 0 and the trades found so far are returned.
 */
PARLEY_API parley_status_t parley_space_trades_with(parley_ctx_t *ctx, const parley_space_t *sp,
                                                    const uint32_t *base,
                                                    const parley_trades_options_t *o,
                                                    parley_trade_t **out, size_t *n,
                                                    int *complete);
/* What trade t on base does to space actor c's utility (terms included). */
PARLEY_API parley_util_t parley_space_trade_gain(const parley_space_t *sp, const uint32_t *base,
                                                 const parley_trade_t *t, size_t c);
/* Whether trade t makes actor c, who accepts base under constraints cons
 * (NULL: BATNAs, every red line), stop accepting it: 1 by a red line, 2 by
 * falling below its reservation, 0 when it does not. */
PARLEY_API int parley_space_trade_breaks(const parley_space_t *sp,
                                         const parley_constraints_t *cons, const uint32_t *base,
                                         const parley_trade_t *t, size_t c);

#ifdef __cplusplus
}
#endif
#endif
