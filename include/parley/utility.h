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

/* The utility of a fully decided package for actor i, ignoring red lines. */
PARLEY_API double parley_utility(const parley_scenario_t *s, size_t i, const double *pkg);

#ifdef __cplusplus
}
#endif
#endif
