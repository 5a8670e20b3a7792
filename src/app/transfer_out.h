/*
 * transfer_out.h — side payments written out (transfer_out.c): a plan
 * (parley/transfer.h) as lines of text and as JSON, shared by `space`,
 * `eval`, `amend` and `simulate` (docs/agreement-space.md, "Transfers").
 */
#ifndef PARLEY_APP_TRANSFER_OUT_H
#define PARLEY_APP_TRANSFER_OUT_H

#include "app.h"

/* "EU pays UKR 45 EUR bn (eu-loan: EU -0.045, UKR +0.09)" lines, each
 * prefixed by indent, for the channels the plan uses (nothing when none). */
void transfer_payments_text(parley_buf_t *b, const parley_scenario_t *s,
                            const parley_transfer_plan_t *p, const char *indent);
/* One line on a plan: what it costs, or why there is none, then the
 * payments and, when before is not NULL (per scenario actor; NAN for actors
 * not taking part), every actor's utility after the transfer. */
void transfer_plan_text(parley_buf_t *b, const parley_scenario_t *s,
                        const parley_transfer_plan_t *p, const double *before, const char *indent,
                        const app_style_t *sty);
/* {"status", "cost", "cost_exact", "units", "units_exact", "payments": [...],
 * "utilities_after": {...} (when before is not NULL and a plan was found)}. */
void transfer_plan_json(parley_json_t *js, const parley_scenario_t *s,
                        const parley_transfer_plan_t *p, const double *before);
/* The channels in words, for the model notes: "3 channels (EU -> UKR ...)". */
void transfer_channels_json(parley_json_t *js, const parley_scenario_t *s);

#endif
