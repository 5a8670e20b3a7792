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

/* A bloc under one proposal: its combined utility (lo..hi when issues are
 * open) and BATNA, whether it accepts, and per member whether it splits. */
enum { BLOC_NO, BLOC_DEPENDS, BLOC_YES };
enum { STAYS, MAY_SPLIT, SPLITS };
typedef struct bloc_view {
    double lo, hi, batna;
    int accepts;        /* BLOC_* */
} bloc_view_t;

static bloc_view_t view(const eval_run_t *r, size_t p, const parley_bloc_t *b)
{
    bloc_view_t v = {0.0, 0.0, 0.0, BLOC_NO};
    for (size_t k = 0; k < b->n_members; k++) {
        const parley_actor_eval_t *e = eval_actor(r, p, b->members[k]);
        double w = parley_bloc_share(r->s, b, k);
        v.lo += w * (isnan(e->utility) ? e->utility_min : e->utility);
        v.hi += w * (isnan(e->utility) ? e->utility_max : e->utility);
        v.batna += w * e->batna;
    }
    v.accepts = !(v.hi >= v.batna - 1e-12)  ? BLOC_NO
                : !(v.lo >= v.batna - 1e-12) ? BLOC_DEPENDS
                                            : BLOC_YES;
    return v;
}

/* Member q of a bloc that accepts: it splits when its own surplus is below 0
 * whatever the open issues, may split when only some settle it so. */
static int member_split(const eval_run_t *r, size_t p, const parley_bloc_t *b, size_t q)
{
    const parley_actor_eval_t *e = eval_actor(r, p, b->members[q]);
    double worst = isnan(e->surplus) ? e->surplus_min : e->surplus;
    double best = isnan(e->surplus) ? e->surplus_max : e->surplus;
    if (!b->split || !(worst < -1e-12))
        return STAYS;
    return best < -1e-12 ? SPLITS : MAY_SPLIT;
}

void bloc_eval_text(parley_buf_t *b, const eval_run_t *r, size_t p)
{
    const parley_scenario_t *s = r->s;
    for (size_t k = 0; k < parley_scenario_bloc_count(s); k++) {
        const parley_bloc_t *bl = parley_scenario_bloc(s, k);
        bloc_view_t v = view(r, p, bl);
        parley_buf_printf(b, "  bloc %s: combined utility ", bl->id);
        if (v.hi - v.lo > 1e-12)
            parley_buf_printf(b, "%.3f..%.3f", v.lo, v.hi);
        else
            parley_buf_printf(b, "%.3f", v.lo);
        parley_buf_printf(b, " (BATNA %.3f); surplus", v.batna);
        for (size_t q = 0; q < bl->n_members; q++) {
            const parley_actor_eval_t *e = eval_actor(r, p, bl->members[q]);
            parley_buf_printf(b, "%s %s ", q ? "," : "", parley_scenario_actor(s, bl->members[q])->id);
            if (isnan(e->surplus))
                parley_buf_printf(b, "%+.3f..%+.3f", e->surplus_min, e->surplus_max);
            else
                parley_buf_printf(b, "%+.3f", e->surplus);
        }
        if (v.accepts == BLOC_NO) {
            parley_buf_puts(b, "; the bloc would not accept it\n");
            continue;
        }
        if (v.accepts == BLOC_DEPENDS) {
            parley_buf_puts(b, "; the bloc may accept it, depending on the open issues\n");
            continue;
        }
        int any = 0;
        for (int want = SPLITS; want >= MAY_SPLIT; want--) { /* would split, then may split */
            int listed = 0;
            for (size_t q = 0; q < bl->n_members; q++) {
                if (member_split(r, p, bl, q) != want)
                    continue;
                parley_buf_printf(b, "%s%s", listed ? ", " : want == SPLITS ? "; would split: "
                                                          : "; may split (open issues): ",
                                  parley_scenario_actor(s, bl->members[q])->id);
                listed = any = 1;
            }
        }
        parley_buf_puts(b, any ? "\n" : "; the bloc would accept it together\n");
    }
}

/* Key "blocs" and the array's start when s has blocs; their number. */
static size_t blocs_begin(parley_json_t *j, const parley_scenario_t *s)
{
    size_t nb = parley_scenario_bloc_count(s);
    if (nb) {
        parley_json_key(j, "blocs");
        parley_json_array_begin(j);
    }
    return nb;
}

/* x, or {min: lo, max: hi} when x is NaN (open issues). */
static void number_or_range(parley_json_t *j, double x, double lo, double hi)
{
    if (!isnan(x)) {
        parley_json_number(j, x);
        return;
    }
    parley_json_object_begin(j);
    parley_json_key(j, "min");
    parley_json_number(j, lo);
    parley_json_key(j, "max");
    parley_json_number(j, hi);
    parley_json_object_end(j);
}

void bloc_eval_json(parley_json_t *j, const eval_run_t *r, size_t p)
{
    static const char *const ACCEPTS[] = {"no", "depends", "yes"};
    static const char *const SPLIT[] = {"stays", "may_split", "splits"};
    const parley_scenario_t *s = r->s;
    size_t nb = blocs_begin(j, s);
    if (!nb)
        return;
    for (size_t k = 0; k < nb; k++) {
        const parley_bloc_t *bl = parley_scenario_bloc(s, k);
        bloc_view_t v = view(r, p, bl);
        parley_json_object_begin(j);
        parley_json_key(j, "id");
        parley_json_string(j, bl->id);
        parley_json_key(j, "utility");
        number_or_range(j, v.hi - v.lo > 1e-12 ? (double)NAN : v.lo, v.lo, v.hi);
        parley_json_key(j, "batna");
        parley_json_number(j, v.batna);
        parley_json_key(j, "accepts");
        parley_json_string(j, ACCEPTS[v.accepts]);
        parley_json_key(j, "members");
        parley_json_array_begin(j);
        for (size_t q = 0; q < bl->n_members; q++) {
            const parley_actor_eval_t *e = eval_actor(r, p, bl->members[q]);
            parley_json_object_begin(j);
            parley_json_key(j, "actor");
            parley_json_string(j, parley_scenario_actor(s, bl->members[q])->id);
            parley_json_key(j, "share");
            parley_json_number(j, parley_bloc_share(s, bl, q));
            parley_json_key(j, "surplus");
            number_or_range(j, e->surplus, e->surplus_min, e->surplus_max);
            parley_json_key(j, "split");
            if (v.accepts == BLOC_YES)
                parley_json_string(j, SPLIT[member_split(r, p, bl, q)]);
            else
                parley_json_null(j);
            parley_json_object_end(j);
        }
        parley_json_array_end(j);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
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
    size_t nb = blocs_begin(j, s);
    if (!nb)
        return;
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
