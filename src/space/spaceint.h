/*
 * spaceint.h — the agreement-space internals shared by src/space/ (every file): the
 * discretised space's layout, the frontier's stages, the dominance filters
 * and a small big-number type for exact package counts.
 */
#ifndef PARLEY_SPACEINT_H
#define PARLEY_SPACEINT_H

#include <stdint.h>
#include "../core/core.h"
#include "../core/exact.h"
#include "parley/space.h"

typedef struct parley__anytime parley__anytime_t;

struct parley_space {
    const parley_scenario_t *s;
    size_t n, m;          /* actors taking part, items (the issues, without linkage) */
    size_t *actors;       /* n scenario indices */
    /* ---- scenario issues: their positions, contributions and red lines */
    size_t mi;            /* scenario issues */
    size_t *inopt;        /* mi: options per issue */
    size_t *istart;       /* mi + 1: first option of issue i in the flat arrays */
    double *pos;          /* flat: scenario position of each option (nearest double) */
    parley__q_t *qpos;    /* flat: the position exactly (when qok[issue]) */
    unsigned char *qok;   /* mi: the issue's positions are exact */
    parley_util_t *icontrib; /* flat x n: contribution to each actor's utility, over scale[a] */
    unsigned char *iveto; /* flat x n: crosses the actor's red line */
    /* ---- items: what every algorithm merges, counts and searches. Without
     * linkage an item is an issue and these alias the arrays above; with
     * it (items.c) an item is a cluster of issues that terms, constraints
     * and conditional red lines tie together, its options the joint
     * positions (mixed radix, its first issue most significant). */
    size_t *nopt;         /* m: options per item */
    size_t *start;        /* m + 1: first option of item j in the flat arrays */
    parley_util_t *contrib; /* flat x n: item option's contribution (issues + terms) */
    unsigned char *veto;  /* flat x n: VETO_ISSUE | VETO_RULE for that actor */
    int linked;           /* items are clusters (the arrays below exist) */
    size_t *item_of;      /* mi: the item holding issue i */
    size_t *ifirst;       /* m + 1: item j's issues are iss[ifirst[j] .. ifirst[j+1]) */
    size_t *iss;          /* mi: issues, item by item, increasing within an item */
    unsigned char *cbroken; /* flat: the item option breaks a constraint */
    size_t *rfirst;       /* m + 1: item j's rules are irule[rfirst[j] .. rfirst[j+1]) */
    size_t *irule;        /* rules of participating actors and constraints, by item */
    size_t *tactor;       /* per scenario term: its space actor, or (size_t)-1 */
    parley_util_t *tval;  /* per scenario term: its worth over its actor's scale */
    /* ---- per actor */
    parley_util_t *batna; /* n: least utility >= the BATNA */
    parley_util_t *scale; /* n: each actor's denominator */
    int common;           /* every scale is the same */
    int exact;            /* no utility was rounded */
    unsigned grid;
    uint64_t joint;       /* the largest item's options */
    int exact_only;       /* parley_space_options_t's */
    uint64_t joint_limit; /* the same: the exact limit per cluster */
    int big;              /* a cluster is past the exact limit: items are the bare
                             issues (no terms, no rules) and only the anytime
                             frontier (anytime.c) may be computed */
};

/* ---- The anytime frontier (anytime.c), for spaces with sp->big. */
/* D weight directions, at most `budget` move evaluations in all, seeded. */
parley__anytime_t *parley__anytime_create(const parley_space_t *sp, const parley_constraints_t *c,
                                          const parley_util_t *reservation, size_t D,
                                          uint64_t budget, uint64_t seed);
void parley__anytime_free(parley__anytime_t *w);
/* Searches direction d for at most `evals` more move evaluations. */
void parley__anytime_direction(parley__anytime_t *w, size_t d, uint64_t evals);
size_t parley__anytime_directions(const parley__anytime_t *w);
/* Pareto local search around the archive for at most `evals` evaluations. */
void parley__anytime_polish(parley__anytime_t *w, uint64_t evals);
int parley__anytime_failed(const parley__anytime_t *w);
size_t parley__anytime_points(const parley__anytime_t *w, const parley_util_t **u,
                              const uint32_t **pk);
double parley__anytime_gap(const parley__anytime_t *w);
/* Direction d's weights, best acceptable weighted sum found and bound. */
void parley__anytime_direction_info(const parley__anytime_t *w, size_t d, const double **lam,
                                    double *best, double *ub);
/* Why an exact analysis refuses a big space. */
extern const char parley__big_message[];
/* Utilities with terms, and the red lines crossed, of a big space's package. */
size_t parley__big_utilities(const parley_space_t *sp, const uint32_t *opt, parley_util_t *u);
/* Whether rule r is broken by package opt (per scenario issue; 0 when an
 * issue it needs is open). */
int parley__rule_broken_at(const parley_space_t *sp, size_t r, const uint32_t *opt);

#define VETO_ISSUE 1u     /* an issue's red line crossed */
#define VETO_RULE 2u      /* a conditional red line broken */

/* Items (items.c). Builds the clusters and their options when the scenario
 * is linked (called by parley_space_create once issues are filled). */
parley_status_t parley__items_build(parley_ctx_t *ctx, parley_space_t *sp);
void parley__items_free(parley_space_t *sp);
/* The issue options of item j's option o, written at opt[issue]. */
void parley__item_decode(const parley_space_t *sp, size_t j, uint32_t o, uint32_t *opt);
/* Item j's option for the issue options opt[issue]; UINT32_MAX when one of
 * its issues is open (UINT32_MAX). */
uint32_t parley__item_encode(const parley_space_t *sp, size_t j, const uint32_t *opt);
/* Whether actor a vetoes item j's option o under c (the red lines and
 * conditional red lines c enforces). */
int parley__item_blocked(const parley_space_t *sp, const parley_constraints_t *c, size_t j,
                         uint32_t o, size_t a);
/* Whether item j's option o breaks a constraint c enforces. */
int parley__item_forbidden(const parley_space_t *sp, const parley_constraints_t *c, size_t j,
                           uint32_t o);
/* The radix of each issue in its item's options (the product of the option
 * counts of the item's later issues), kept after the issues in iss. */
#define PARLEY__RADIX(sp) ((sp)->iss + (sp)->mi)
/* Scenario issue i's option within option o of its (linked) item. */
static inline uint32_t parley__item_digit(const parley_space_t *sp, size_t i, uint32_t o)
{
    return (uint32_t)((o / PARLEY__RADIX(sp)[i]) % sp->inopt[i]);
}
/* Packages in scenario issues <-> in items (m entries). */
void parley__items_encode(const parley_space_t *sp, const uint32_t *issue_opt, uint32_t *item_opt);
void parley__items_decode(const parley_space_t *sp, const uint32_t *item_opt, uint32_t *issue_opt);

/* Actor a's utility u on a scale shared by all actors: u itself when the
 * space has a common scale, else u / scale[a] in units of 2^-100 (rounded:
 * the cross-actor sums of amend and the solutions then tie within that). */
parley_util_t parley__common(const parley_space_t *sp, size_t a, parley_util_t u);

/* A constraint set resolved against a space: reservations and, per issue,
 * the options left once the enforced red lines are removed. */
typedef struct parley__rules {
    parley_util_t *r;           /* n reservations (PARLEY_NO_RESERVATION: none) */
    size_t *nallowed;     /* m */
    uint32_t **allowed;   /* m arrays of option indices, increasing */
    parley_util_t *ihi, *ilo;   /* m x n: best and worst contribution of issue j's allowed
                             options to each actor (0 when none is allowed) */
    parley_util_t *maxrem;      /* (m + 1) x n: best sum over issues j.. (allowed options) */
    parley_util_t *minrem;      /* (m + 1) x n: worst sum over issues j.. */
} parley__rules_t;

parley_status_t parley__rules_init(parley_ctx_t *ctx, const parley_space_t *sp,
                                   const parley_constraints_t *c, parley__rules_t *out);
void parley__rules_free(parley__rules_t *r, size_t m);

static inline const parley_util_t *parley__contrib(const parley_space_t *sp, size_t j, size_t k)
{
    return sp->contrib + (sp->start[j] + k) * sp->n;
}

/* Lexicographic comparison of two utility vectors of length n: >0 when a is larger. */
static inline int parley__ucmp(const parley_util_t *a, const parley_util_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return a[i] > b[i] ? 1 : -1;
    return 0;
}

/*
 * Marks dominated[k] = 1 for every row k of u (K rows of n values) that
 * another row dominates (>= everywhere, > somewhere). Rows must be distinct
 * and in decreasing lexicographic order. Returns PARLEY_ENOMEM on failure.
 */
parley_status_t parley__pareto_mark(const parley_util_t *u, size_t K, size_t n,
                                    unsigned char *dominated);
/* Buffers the dominance filter keeps between calls (a frontier merges issue
 * after issue: fresh pages for every step cost as much as the filter). */
typedef struct parley__dom_work {
    double *ud, *fd;
    uint32_t *idx, *nodes, *leaf, *gid, *copy;
    double *box;
    unsigned char *active;
    parley_util_t *rows3;
    size_t cap_ud, cap_fd, cap_idx, cap_nodes, cap_leaf, cap_box, cap_active, cap_rows3;
    size_t cap_gid, cap_copy;
} parley__dom_work_t;
void parley__dom_work_free(parley__dom_work_t *w);
/* parley__pareto_mark on rows u + row[k] * n (u + k * n when row is NULL),
 * with w's buffers (zeroed the first time; freed by parley__dom_work_free). */
parley_status_t parley__pareto_mark_rows(const parley_util_t *u, const size_t *row, size_t K,
                                         size_t n, unsigned char *dominated,
                                         parley__dom_work_t *w);
/* The same for a merge step's candidates: the P points fu (P x n, mutually
 * undominated) shifted by each of Q options, row r of u belonging to copy c
 * when rs[c] <= r < rs[c+1] and to point cpar[r]; the K distinct vectors are
 * u + row[k] * n in decreasing order. Up to PARLEY__COPIES_MAX copies (four
 * or more actors) the tree is shared by the copies; otherwise this is
 * parley__pareto_mark_rows. */
#define PARLEY__COPIES_MAX 16
parley_status_t parley__pareto_mark_copies(const parley_util_t *fu, size_t P, const size_t *rs,
                                           size_t Q, const uint32_t *cpar,
                                           const parley_util_t *u, const size_t *row, size_t K,
                                           size_t n, unsigned char *dominated,
                                           parley__dom_work_t *w);
/* The same by comparing every pair: the slow reference for tests. */
void parley__pareto_mark_naive(const parley_util_t *u, size_t K, size_t n, unsigned char *dominated);

/* ---- The frontier's layout (frontier.c builds it by merging, brute.c by
 * enumeration). */
typedef struct parley__stage {
    size_t n;             /* points */
    uint32_t *alt_start;  /* n + 1 */
    uint32_t *alt_parent; /* per alternative: point of the previous stage */
    uint32_t *alt_opt;    /* per alternative: option of this stage's issue */
} parley__stage_t;

struct parley_frontier {
    const parley_space_t *sp;
    parley_frontier_options_t o;
    parley__rules_t rules;
    size_t n, m;
    size_t step;          /* issues merged */
    int done;
    /* the current points: utilities, multiplicities, lexicographic ranks */
    size_t P;
    parley_util_t *u;
    uint64_t *mult;
    uint32_t *rank;
    parley__stage_t *stages; /* m, merge mode */
    /* brute mode: packages of each point, explicit */
    uint32_t *bpk;        /* packages x m */
    size_t *bstart;       /* P + 1 */
    /* anytime mode (a big space): the search, and its bound when done */
    parley__anytime_t *any;
    double gap;
    size_t peak_points, bytes, peak_bytes;
    /* merge mode: a step's candidates and their order, kept from step to
     * step (freed when the frontier is done) */
    parley_util_t *cu;    /* K x n */
    uint32_t *cpar, *copt, *ord;
    size_t *gs, *grow, cap_k, cap_ku;
    unsigned char *dom;
    parley__dom_work_t dw;
};

/* The brute-force enumerator (brute.c): fills f's points and packages. */
parley_status_t parley__frontier_brute(parley_ctx_t *ctx, parley_frontier_t *f);

/* ---- Big unsigned integers in base 10^9, for exact counts. */
typedef struct parley__big {
    uint32_t *d;
    size_t n, cap;
    int failed;
} parley__big_t;

void parley__big_init(parley__big_t *b);
void parley__big_free(parley__big_t *b);
void parley__big_set(parley__big_t *b, uint32_t v);
void parley__big_add(parley__big_t *b, const parley__big_t *x);
void parley__big_mul_small(parley__big_t *b, uint32_t v);
int parley__big_copy(parley__big_t *b, const parley__big_t *x);
/* Decimal into buf (cap bytes); 0 when it does not fit. */
int parley__big_str(const parley__big_t *b, char *buf, size_t cap);
double parley__big_double(const parley__big_t *b);

/* Stable sort of idx[0..n) by cmp(ctx, a, b) (<0: a first); -1 when out of memory. */
typedef int (*parley__idx_cmp)(const void *ctx, size_t a, size_t b);
int parley__sort_idx(size_t *idx, size_t n, parley__idx_cmp cmp, const void *ctx);

/* splitmix64: a seeded stream for the estimates (deterministic per seed). */
static inline uint64_t parley__splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

#endif
