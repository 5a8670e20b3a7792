/*
 * unit.h — helpers the unit tests share (tests/unit/main.c).
 */
#ifndef PARLEY_UNIT_H
#define PARLEY_UNIT_H

#include "parley/parley.h"

/* The scenario in text (NUL-terminated YAML) loaded as "test": checked to
 * load, its message printed when it does not; NULL then. */
parley_scenario_t *unit_load(parley_ctx_t *ctx, const char *text);

#endif
