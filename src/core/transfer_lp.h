/*
 * transfer_lp.h — the exact linear program of side payments
 * (src/core/transfer.c), shared with the agreement space's points
 * (src/space/transfer.c).
 */
#ifndef PARLEY_TRANSFER_LP_H
#define PARLEY_TRANSFER_LP_H

#include "exact.h"
#include "parley/transfer.h"

/* The cheapest plan (parley/transfer.h) for the actors with in[i] != 0 (NULL:
 * all; channels between those only), actor i short of its reservation by
 * d[i] (per scenario actor; <= 0: not short). Status FOUND, NONE or INEXACT. */
void parley__transfer_solve(const parley_scenario_t *s, const unsigned char *in,
                            const parley__q_t *d, parley_transfer_plan_t *out);

#endif
