/*
 * parley/transfer.h — side payments (docs/agreement-space.md, "Transfers";
 * the channels: docs/scenario-format.md, "transfers"). A package plus a
 * transfer vector t (0 <= t_k <= max_k per channel k) gives actor i
 *     u_i(package) + sum_{k into i} value_k t_k - sum_{k out of i} cost_k t_k.
 * The cheapest transfer that lifts every constrained actor to its
 * reservation is the lexicographic minimum of (total cost sum cost_k t_k,
 * total units sum t_k, -t_1, ..., -t_K) over the feasible t (the least
 * cost, then the fewest units, then the most on the channels listed
 * first): one point,
 * found by an exact simplex in rational arithmetic (src/space/transfer.c).
 */
#ifndef PARLEY_TRANSFER_H
#define PARLEY_TRANSFER_H

#include <stddef.h>
#include "scenario.h"
#include "space.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum parley_transfer_status {
    PARLEY_TRANSFER_FOUND = 0,    /* a transfer within the limits works (cost 0 when none
                                     is needed) */
    PARLEY_TRANSFER_NONE = 1,     /* no transfer within the limits does */
    PARLEY_TRANSFER_RED_LINE = 2, /* the package crosses a red line (or breaks a constraint):
                                     money does not buy it */
    PARLEY_TRANSFER_OPEN = 3,     /* the package leaves an issue open */
    PARLEY_TRANSFER_INEXACT = 4   /* a number has no exact form that fits 128 bits, or the
                                     exact arithmetic overflowed: not decided */
} parley_transfer_status_t;

#define PARLEY_TRANSFER_EXACT_LEN 84 /* "p/q" of two 128-bit integers + NUL */

typedef struct parley_transfer_plan {
    parley_transfer_status_t status;
    size_t channels;          /* scenario channels (parley_scenario_transfer_count) */
    unsigned char used[PARLEY_MAX_TRANSFERS]; /* the channel's payer and receiver both take
                                     part (the others are left out, units 0) */
    double units[PARLEY_MAX_TRANSFERS];       /* t_k (nearest double) */
    char units_exact[PARLEY_MAX_TRANSFERS][PARLEY_TRANSFER_EXACT_LEN]; /* t_k exactly */
    double cost;              /* sum cost_k t_k: the utility payers give up */
    char cost_exact[PARLEY_TRANSFER_EXACT_LEN];
    double total_units;       /* sum t_k */
    char total_units_exact[PARLEY_TRANSFER_EXACT_LEN];
} parley_transfer_plan_t;

/* Orders two FOUND plans by total cost, then total units, exactly: <0, 0, >0. */
PARLEY_API int parley_transfer_plan_cmp(const parley_transfer_plan_t *a,
                                        const parley_transfer_plan_t *b);

/* The word for a status: "found", "none", "red-line", "open", "inexact". */
PARLEY_API const char *parley_transfer_status_name(parley_transfer_status_t st);

/*
 * The cheapest transfer that makes fully decided package pkg (scenario
 * positions) acceptable to every actor with take_part[i] != 0 (NULL: all):
 * each reaches its BATNA after the transfer and none crosses a red line
 * (its own or a conditional one) and the package breaks no constraint.
 * Channels between actors taking part only. Exact (the test of eval).
 */
PARLEY_API void parley_transfer_package(const parley_scenario_t *s,
                                        const unsigned char *take_part, const double *pkg,
                                        parley_transfer_plan_t *out);
/*
 * The same against reservations res[i] (per scenario actor, read as the
 * shortest decimal of the double) instead of the BATNAs, for the
 * simulator's mediator; red lines are the caller's to check.
 */
PARLEY_API void parley_transfer_reservations(const parley_scenario_t *s,
                                             const unsigned char *take_part, const double *pkg,
                                             const double *res, parley_transfer_plan_t *out);
/*
 * The same for a space point: u[a] the utilities of space actor a
 * (parley_space_utilities, red lines already excluded by the caller) against
 * reservations r[a] (space utilities; NULL: the BATNAs).
 */
PARLEY_API void parley_transfer_space(const parley_space_t *sp, const parley_util_t *u,
                                      const parley_util_t *r, parley_transfer_plan_t *out);
/*
 * Space actor a's reservation relaxed by the most it could receive: the
 * smallest space utility u with u + sum_{k into a} value_k max_k >= BATNA
 * (a package acceptable with some transfer meets these; r == NULL: the
 * BATNAs). Writes n values; 0 when the exact arithmetic did not fit (then
 * every value is PARLEY_NO_RESERVATION, which is also correct, slower).
 */
PARLEY_API int parley_transfer_relaxed(const parley_space_t *sp, parley_util_t *out);

/* Actor i's (scenario index) change of utility under plan p: what it
 * receives minus what it pays (nearest double). */
PARLEY_API double parley_transfer_net(const parley_scenario_t *s, const parley_transfer_plan_t *p,
                                      size_t i);

#ifdef __cplusplus
}
#endif
#endif
