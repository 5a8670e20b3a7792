/*
 * bloc_out.h — blocs in the outputs of `eval` and `check` (bloc_out.c).
 */
#ifndef PARLEY_APP_BLOC_OUT_H
#define PARLEY_APP_BLOC_OUT_H

#include "app.h"
#include "eval.h"

/* A line per bloc under proposal p: combined utility and BATNA, each
 * member's surplus, and who would split. Nothing without blocs. */
void bloc_eval_text(parley_buf_t *b, const eval_run_t *r, size_t p);
/* The same as JSON key "blocs" of proposal p: [{id, utility (a number, or
 * {min, max} with open issues), batna, accepts (yes, no, depends), members
 * [{actor, share, surplus, split (stays, may_split, splits; null unless the
 * bloc accepts)}]}]. Nothing without blocs. */
void bloc_eval_json(parley_json_t *j, const eval_run_t *r, size_t p);
/* `check`: the blocs with their members' shares (nothing without blocs). */
void bloc_check_text(parley_buf_t *b, const parley_scenario_t *s);
void bloc_check_json(parley_json_t *j, const parley_scenario_t *s);

#endif
