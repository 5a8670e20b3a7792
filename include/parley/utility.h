/*
 * parley/utility.h — the value of a position to an actor, red lines, and
 * the additive utility of a package. Formulas: docs/scenario-format.md.
 *
 * Ownership: nothing here allocates or keeps a pointer.
 */
#ifndef PARLEY_UTILITY_H
#define PARLEY_UTILITY_H

#include <stddef.h>
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The value in [0,1] that actor i's stance on issue j gives to `position`
 * (a scale position, or an option index on a discrete issue). 0 when the
 * actor has no stance. `position` must not be open.
 */
PARLEY_API double parley_value(const parley_scenario_t *s, size_t i, size_t j, double position);

/* Whether `position` on issue j crosses actor i's red line. */
PARLEY_API int parley_crosses_red_line(const parley_scenario_t *s, size_t i, size_t j,
                                       double position);

/* As parley_value and parley_crosses_red_line, for any stance on issue j
 * (an actor's, or a ratifying body's member's: parley/ratify.h). */
PARLEY_API double parley_stance_value(const parley_scenario_t *s, size_t j,
                                      const parley_stance_t *st, double position);
PARLEY_API int parley_stance_crosses(const parley_scenario_t *s, size_t j,
                                     const parley_stance_t *st, double position);

/* The utility of a fully decided package for actor i, ignoring red lines:
 * the weighted values of its issues plus its interaction terms. */
PARLEY_API double parley_utility(const parley_scenario_t *s, size_t i, const double *pkg);

/* ---- Linkage (docs/scenario-format.md, "Linkage"). PARLEY_UNDECIDED: the
 * answer depends on an issue the package leaves open. */
#define PARLEY_UNDECIDED (-1)

/* Whether a decided position of the condition's issue satisfies it. */
PARLEY_API int parley_condition_holds(const parley_scenario_t *s, const parley_condition_t *c,
                                      double position);
/* 1 when the combination holds for pkg, 0 when not, PARLEY_UNDECIDED when
 * that depends on an open issue. */
PARLEY_API int parley_combination_holds(const parley_scenario_t *s,
                                        const parley_combination_t *c, const double *pkg);
/* 1 when pkg breaks rule k, 0 when not, PARLEY_UNDECIDED when that depends
 * on an open issue. */
PARLEY_API int parley_rule_broken(const parley_scenario_t *s, size_t k, const double *pkg);
/* Term k's contribution to its actor's utility for a decided pkg:
 * parley_scenario_term_weight when it pays, else 0. */
PARLEY_API double parley_term_value(const parley_scenario_t *s, size_t k, const double *pkg);
/* The first constraint (actor == -1) or, when actor is given, conditional
 * red line of that actor, at index >= from that pkg breaks for certain;
 * (size_t)-1 when none. Pass actor (size_t)-1 for constraints. */
PARLEY_API size_t parley_broken_rule(const parley_scenario_t *s, size_t actor, const double *pkg,
                                     size_t from);

#ifdef __cplusplus
}
#endif
#endif
