/*
 * bloc_out.c — blocs in `eval` and `check`: per proposal, each bloc's
 * combined utility, its members' surpluses and who would split; the list of
 * blocs with their members' shares (docs/simulation.md, "Blocs and
 * governments"). A few blocs of a few members.
 */
#include <math.h>
#include <stdio.h>
#include "app.h"
#include "eval.h"
#include "bloc_out.h"

static const char *const WEIGHTS[] = {"capability", "equal"};

/* The bloc's combined utility (lo..hi when issues are open) and BATNA. */
static void combined(const eval_run_t *r, size_t p, const parley_bloc_t *b, double *lo,
                     double *hi, double *batna)
{
    *lo = *hi = *batna = 0.0;
    for (size_t k = 0; k < b->n_members; k++) {
        const parley_actor_eval_t *e = eval_actor(r, p, b->members[k]);
        double w = parley_bloc_share(r->s, b, k);
        *lo += w * (isnan(e->utility) ? e->utility_min : e->utility);
        *hi += w * (isnan(e->utility) ? e->utility_max : e->utility);
        *batna += w * e->batna;
    }
}

void bloc_eval_text(parley_buf_t *b, const eval_run_t *r, size_t p)
{
    const parley_scenario_t *s = r->s;
    for (size_t k = 0; k < parley_scenario_bloc_count(s); k++) {
        const parley_bloc_t *bl = parley_scenario_bloc(s, k);
        double lo, hi, batna;
        combined(r, p, bl, &lo, &hi, &batna);
        parley_buf_printf(b, "  bloc %s: combined utility ", bl->id);
        if (hi - lo > 1e-12)
            parley_buf_printf(b, "%.3f..%.3f", lo, hi);
        else
            parley_buf_printf(b, "%.3f", lo);
        parley_buf_printf(b, " (BATNA %.3f); surplus", batna);
        for (size_t q = 0; q < bl->n_members; q++) {
            const parley_actor_eval_t *e = eval_actor(r, p, bl->members[q]);
            parley_buf_printf(b, "%s %s ", q ? "," : "", parley_scenario_actor(s, bl->members[q])->id);
            if (isnan(e->surplus))
                parley_buf_printf(b, "%+.3f..%+.3f", e->surplus_min, e->surplus_max);
            else
                parley_buf_printf(b, "%+.3f", e->surplus);
        }
        if (!(hi >= batna - 1e-12)) {
            parley_buf_puts(b, "; the bloc would not accept it\n");
            continue;
        }
        if (!(lo >= batna - 1e-12)) {
            parley_buf_puts(b, "; the bloc may accept it, depending on the open issues\n");
            continue;
        }
        int any = 0;
        for (int sure = 1; sure >= 0; sure--) { /* would split, then may split (open issues) */
            int listed = 0;
            for (size_t q = 0; bl->split && q < bl->n_members; q++) {
                const parley_actor_eval_t *e = eval_actor(r, p, bl->members[q]);
                double worst = isnan(e->surplus) ? e->surplus_min : e->surplus;
                double best = isnan(e->surplus) ? e->surplus_max : e->surplus;
                if (!(worst < -1e-12) || (sure ? !(best < -1e-12) : best < -1e-12))
                    continue;
                parley_buf_printf(b, "%s%s", listed ? ", " : sure ? "; would split: "
                                                               : "; may split (open issues): ",
                                  parley_scenario_actor(s, bl->members[q])->id);
                listed = any = 1;
            }
        }
        parley_buf_puts(b, any ? "\n" : "; the bloc would accept it together\n");
    }
}

void bloc_check_text(parley_buf_t *b, const parley_scenario_t *s)
{
    size_t nb = parley_scenario_bloc_count(s);
    if (!nb)
        return;
    parley_buf_printf(b, "\nblocs (%zu)\n", nb);
    for (size_t k = 0; k < nb; k++) {
        const parley_bloc_t *bl = parley_scenario_bloc(s, k);
        parley_buf_printf(b, "  %-10s %s weights, %s:", bl->id, WEIGHTS[bl->weights],
                          bl->split ? "may split" : "never splits");
        for (size_t q = 0; q < bl->n_members; q++)
            parley_buf_printf(b, "%s %s %.3f", q ? "," : "",
                              parley_scenario_actor(s, bl->members[q])->id,
                              parley_bloc_share(s, bl, q));
        parley_buf_printf(b, "  %s\n", bl->name);
    }
}

void bloc_check_json(parley_json_t *j, const parley_scenario_t *s)
{
    size_t nb = parley_scenario_bloc_count(s);
    if (!nb)
        return;
    parley_json_key(j, "blocs");
    parley_json_array_begin(j);
    for (size_t k = 0; k < nb; k++) {
        const parley_bloc_t *bl = parley_scenario_bloc(s, k);
        parley_json_object_begin(j);
        parley_json_key(j, "id");
        parley_json_string(j, bl->id);
        parley_json_key(j, "name");
        parley_json_string(j, bl->name);
        parley_json_key(j, "weights");
        parley_json_string(j, WEIGHTS[bl->weights]);
        parley_json_key(j, "split");
        parley_json_bool(j, bl->split);
        parley_json_key(j, "members");
        parley_json_object_begin(j);
        for (size_t q = 0; q < bl->n_members; q++) {
            parley_json_key(j, parley_scenario_actor(s, bl->members[q])->id);
            parley_json_number(j, parley_bloc_share(s, bl, q));
        }
        parley_json_object_end(j);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}
