/*
 * sim_rat.c — what `parley simulate` says about ratifying bodies
 * (docs/simulation.md, "Ratification and publics"): each body's vote on the
 * deal in the text and JSON outcome, and a RATIFY move's yes shares.
 */
#include <math.h>
#include "sim.h"

static const char *rat_word(signed char v)
{
    return v == PARLEY_RATIFY_RATIFIED ? "ratified"
           : v == PARLEY_RATIFY_REJECTED ? "rejected" : "no vote";
}

void sim_ratify_text(parley_buf_t *b, const sim_run_t *r)
{
    const parley_sim_result_t *res = parley_sim_result(r->sim);
    size_t nb = parley_scenario_ratifier_count(r->s);
    if (!nb || res->end != PARLEY_SIM_AGREEMENT || !res->ratified)
        return;
    parley_buf_puts(b, "\nRatification (a signature a body rejects is void)\n");
    for (size_t k = 0; k < nb; k++) {
        const parley_ratifier_t *bd = parley_scenario_ratifier(r->s, k);
        const char *who = parley_scenario_actor(r->s, bd->actor)->id;
        parley_buf_puts(b, "  ");
        app_pad(b, bd->id, 16);
        parley_buf_printf(b, "of %-8s %s", who, rat_word(res->ratified[k]));
        if (!isnan(res->ratify_share[k]))
            parley_buf_printf(b, ", yes %.1f%% (%s%s)", 100.0 * res->ratify_share[k],
                              parley_threshold_name(&bd->rule),
                              bd->has_override ? ", with an override" : "");
        if (bd->vote_after)
            parley_buf_printf(b, ", voting %u round%s after the signature", bd->vote_after,
                              bd->vote_after == 1 ? "" : "s");
        if (res->ratified[k] == PARLEY_RATIFY_NONE)
            parley_buf_puts(b, res->signatory[bd->actor] ? " (past the durability horizon)"
                                                         : " (its actor did not sign)");
        parley_buf_puts(b, "\n");
    }
}

void sim_ratify_json(parley_json_t *j, const sim_run_t *r)
{
    const parley_sim_result_t *res = parley_sim_result(r->sim);
    size_t nb = parley_scenario_ratifier_count(r->s);
    if (!nb)
        return;
    int agreed = res->end == PARLEY_SIM_AGREEMENT && res->ratified;
    parley_json_key(j, "ratification");
    parley_json_array_begin(j);
    for (size_t k = 0; k < nb; k++) {
        const parley_ratifier_t *bd = parley_scenario_ratifier(r->s, k);
        parley_json_object_begin(j);
        parley_json_key(j, "id");
        parley_json_string(j, bd->id);
        parley_json_key(j, "actor");
        parley_json_string(j, parley_scenario_actor(r->s, bd->actor)->id);
        parley_json_key(j, "vote_after");
        parley_json_int(j, bd->vote_after);
        parley_json_key(j, "verdict");
        if (agreed && res->ratified[k] != PARLEY_RATIFY_NONE)
            parley_json_string(j, rat_word(res->ratified[k]));
        else
            parley_json_null(j);
        parley_json_key(j, "yes_share");
        parley_json_number(j, agreed ? res->ratify_share[k] : (double)NAN);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}

void sim_ratify_move_json(parley_json_t *j, const sim_run_t *r, const parley_sim_move_t *mv)
{
    if (!mv->shares)
        return;
    parley_json_key(j, "yes_shares");
    parley_json_object_begin(j);
    for (size_t k = 0; k < parley_scenario_ratifier_count(r->s); k++)
        if (!isnan(mv->shares[k])) {
            parley_json_key(j, parley_scenario_ratifier(r->s, k)->id);
            parley_json_number(j, mv->shares[k]);
        }
    parley_json_object_end(j);
}
