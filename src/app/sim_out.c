/*
 * sim_out.c — the renderings of `parley simulate`: a text report (outcome,
 * terms, each party's utility and surplus, durability, then a line per
 * round, every move with --detail), JSON with the whole trace and the
 * settings that reproduce it, and CSV, one row per move and actor.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "sim.h"
#include "transfer_out.h"
#include "parley/utility.h"

static const char *const PROTOCOL[] = {"alternating", "mediated"};
static const char *const MEETING[] = {"plenary", "shuttle"};
static const char *const ANSWER[] = {"reject", "accept", "red-line"};
static const char *const MOVE[] = {"offer", "text", "ratify"};

static const parley_actor_t *actor(const sim_run_t *r, size_t i)
{
    return parley_scenario_actor(r->s, i);
}

static parley_protocol_t protocol_of(const sim_run_t *r)
{
    return r->opt.protocol >= 0 ? (parley_protocol_t)r->opt.protocol
                                : parley_scenario_simulation(r->s)->protocol;
}

static parley_meeting_t meeting_of(const sim_run_t *r)
{
    return r->opt.meeting >= 0 ? (parley_meeting_t)r->opt.meeting
                               : parley_scenario_simulation(r->s)->meeting;
}

/* An issue's term: the option id, or the position with its unit. */
static void term(parley_buf_t *b, const parley_issue_t *is, double x)
{
    if (is->kind == PARLEY_ISSUE_DISCRETE)
        parley_buf_puts(b, is->options[(size_t)x].id);
    else
        parley_buf_printf(b, "%.6g%s%s", x, is->unit ? " " : "", is->unit ? is->unit : "");
}

static void json_term(parley_json_t *j, const parley_issue_t *is, double x)
{
    if (is->kind == PARLEY_ISSUE_DISCRETE)
        parley_json_string(j, is->options[(size_t)x].id);
    else
        parley_json_number(j, x);
}

static const char *mediator_name(const sim_run_t *r, size_t by)
{
    return by == (size_t)-1 ? "mediator" : actor(r, by)->id;
}

/* ---- Text. */

/* How the simulation treats the scenario's linkage, and each link. */
static void text_linkage(parley_buf_t *b, const sim_run_t *r)
{
    const parley_scenario_t *s = r->s;
    if (!parley_scenario_linked(s))
        return;
    parley_buf_puts(b, "Linkage: every offer and text breaks no constraint (repaired when a "
                       "change would); a conditional red line vetoes as a red line; "
                       "interaction terms count in the utilities\n");
    for (size_t k = 0; k < parley_scenario_rule_count(s); k++) {
        const parley_rule_t *ru = parley_scenario_rule(s, k);
        if (ru->actor == (size_t)-1)
            parley_buf_printf(b, "  constraint %s: ", ru->id);
        else
            parley_buf_printf(b, "  red line of %s %s: ", actor(r, ru->actor)->id, ru->id);
        app_rule_text(b, s, k);
        parley_buf_puts(b, "\n");
    }
    for (size_t k = 0; k < parley_scenario_term_count(s); k++) {
        const parley_term_t *t = parley_scenario_term(s, k);
        parley_buf_printf(b, "  term of %s %s: ", actor(r, t->actor)->id, t->id);
        app_term_text(b, s, k);
        parley_buf_puts(b, "\n");
    }
}

/* The interaction terms the deal pays (their contribution to their actor). */
static void text_terms_paid(parley_buf_t *b, const sim_run_t *r, const double *pkg)
{
    const parley_scenario_t *s = r->s;
    size_t nt = parley_scenario_term_count(s), n = 0;
    if (!nt)
        return;
    parley_buf_puts(b, "  interaction terms paid:");
    for (size_t k = 0; k < nt; k++) {
        double v = parley_term_value(s, k, pkg);
        if (v > 0.0)
            parley_buf_printf(b, "%s %s (%s +%.3f)", n++ ? "," : "", parley_scenario_term(s, k)->id,
                              actor(r, parley_scenario_term(s, k)->actor)->id, v);
    }
    parley_buf_puts(b, n ? "\n" : " none\n");
}

static void text_settings(parley_buf_t *b, const sim_run_t *r)
{
    const parley_sim_config_t *c = parley_scenario_simulation(r->s);
    const parley_sim_result_t *res = parley_sim_result(r->sim);
    size_t na = parley_scenario_actor_count(r->s);
    parley_buf_printf(b, "Simulation of '%s' (%.19s...)\n",
                      parley_scenario_id(r->s) ? parley_scenario_id(r->s)
                                               : parley_scenario_origin(r->s),
                      parley_scenario_hash(r->s));
    app_text_set(b, r->s, "");
    if (protocol_of(r) == PARLEY_PROTOCOL_MEDIATED)
        parley_buf_printf(b, "Protocol: mediated single text, %s, mediator %s; ",
                          MEETING[meeting_of(r)],
                          c->mediator == (size_t)-1 ? "neutral" : actor(r, c->mediator)->id);
    else
        parley_buf_puts(b, "Protocol: stacked alternating offers; ");
    parley_buf_printf(b, "at most %u rounds; continuous issues on %u points\n", res->horizon,
                      parley_sim_grid(r->sim));
    parley_buf_puts(b, "Strategies:");
    for (size_t i = 0; i < na; i++)
        parley_buf_printf(b, " %s %s%s", actor(r, i)->id, c->strategies[i].name,
                          i + 1 < na ? "," : "\n");
    app_text_choices(b, r->s); /* settings written as choices (mc_choice.c) */
    if (c->n_tactics) {
        parley_buf_puts(b, "Tactics:");
        for (size_t k = 0; k < c->n_tactics; k++) {
            const parley_tactic_t *t = &c->tactics[k];
            char use[80] = ""; /* a deadline, leak or campaign used with a probability */
            if (t->kind != PARLEY_TACTIC_WALK_AWAY && t->probability < 1.0 && !r->tactic_off[k])
                snprintf(use, sizeof use, " [used with probability %.2f: %s in this run]",
                         t->probability,
                         parley_sim_tactic_used(r->sim, k) ? "used" : "not used");
            parley_buf_printf(b, " %s%s%s (round %u)%s%s%s", t->name,
                              t->actor != (size_t)-1 ? " by " : "",
                              t->actor != (size_t)-1 ? actor(r, t->actor)->id : "", t->round,
                              use, r->tactic_off[k] ? " [left out]" : "",
                              k + 1 < c->n_tactics ? "," : "\n");
        }
    }
    text_linkage(b, r);
}

/* An actor's walk-out in the one vocabulary (docs/simulation.md, "Output and durability"). */
static const char *walk_words(const parley_sim_result_t *res, size_t i)
{
    return !res->walked[i] ? "" : res->ended[i] ? "  (walked out, ending the talks)"
                                                : "  (left the talks; the others went on)";
}

static void text_outcome(parley_buf_t *b, const sim_run_t *r, const app_style_t *sty)
{
    const parley_sim_result_t *res = parley_sim_result(r->sim);
    size_t na = parley_scenario_actor_count(r->s), ni = parley_scenario_issue_count(r->s);
    size_t med = protocol_of(r) == PARLEY_PROTOCOL_MEDIATED
                     ? parley_scenario_simulation(r->s)->mediator : (size_t)-1;
    if (res->end == PARLEY_SIM_AGREEMENT)
        parley_buf_printf(b, "\n%sOutcome: AGREEMENT in round %u of %u%s\n", sty->green,
                          res->round, res->horizon, sty->reset);
    else if (res->end == PARLEY_SIM_ESSENTIAL && res->missing == med)
        parley_buf_printf(b, "\n%sOutcome: BREAKDOWN in round %u: an essential party walked "
                             "out (the mediator %s)%s\n",
                          sty->red, res->round, actor(r, med)->id, sty->reset);
    else if (res->end == PARLEY_SIM_ESSENTIAL && res->walked[res->missing])
        parley_buf_printf(b, "\n%sOutcome: BREAKDOWN in round %u: an essential party walked "
                             "out (%s)%s\n",
                          sty->red, res->round, actor(r, res->missing)->id, sty->reset);
    else if (res->end == PARLEY_SIM_ESSENTIAL)
        parley_buf_printf(b, "\n%sOutcome: BREAKDOWN in round %u: the deal lacks the signature "
                             "of %s, an essential party, and does not count%s\n",
                          sty->red, res->round, actor(r, res->missing)->id, sty->reset);
    else if (res->end == PARLEY_SIM_WALKOUT)
        parley_buf_printf(b, "\n%sOutcome: BREAKDOWN in round %u: fewer than two parties left "
                             "in the room%s\n", sty->red, res->round, sty->reset);
    else
        parley_buf_printf(b, "\n%sOutcome: NO DEAL by the horizon (%u rounds)%s\n", sty->red,
                          res->horizon, sty->reset);
    if (res->end == PARLEY_SIM_AGREEMENT) {
        parley_buf_puts(b, "\nTerms\n");
        for (size_t j = 0; j < ni; j++) {
            const parley_issue_t *is = parley_scenario_issue(r->s, j);
            parley_buf_puts(b, "  ");
            app_pad(b, is->id, 26);
            term(b, is, res->terms[j]);
            parley_buf_puts(b, "\n");
        }
    }
    parley_buf_puts(b, "\n  party   utility  BATNA   surplus  discounted\n");
    for (size_t i = 0; i < na; i++) {
        parley_buf_puts(b, "  ");
        app_pad(b, actor(r, i)->id, 8);
        if (res->end == PARLEY_SIM_AGREEMENT)
            parley_buf_printf(b, "%7.3f  %6.3f  %+7.3f  %10.3f%s\n", res->utility[i],
                              res->batna[i], res->utility[i] - res->batna[i], res->discounted[i],
                              walk_words(res, i));
        else
            parley_buf_printf(b, "      -  %6.3f        -           -%s\n", res->batna[i],
                              walk_words(res, i));
    }
    if (res->end != PARLEY_SIM_AGREEMENT)
        return;
    text_terms_paid(b, r, res->terms);
    if (res->transfer) {
        parley_buf_printf(b, "\nSide payment with the deal (the mediator's; cost to the payers "
                             "%.4g, in the utilities above)\n", res->transfer->cost);
        transfer_payments_text(b, r->s, res->transfer, "  ");
    }
    sim_ratify_text(b, r); /* sim_rat.c */
    sim_durability_text(b, r, res);
}

static void answers_line(parley_buf_t *b, const sim_run_t *r, const parley_sim_move_t *mv)
{
    size_t na = parley_scenario_actor_count(r->s);
    const char *sep = "";
    for (int want = PARLEY_ANSWER_ACCEPT; want >= PARLEY_ANSWER_REJECT; want--) {
        int any = 0;
        for (size_t i = 0; i < na; i++)
            if (mv->answer[i] == want || (want == PARLEY_ANSWER_REJECT &&
                                          mv->answer[i] == PARLEY_ANSWER_RED_LINE)) {
                parley_buf_printf(b, "%s%s%s%s", any ? " " : sep,
                                  any ? "" : (want == PARLEY_ANSWER_ACCEPT ? "yes: " : "no: "),
                                  actor(r, i)->id,
                                  mv->answer[i] == PARLEY_ANSWER_RED_LINE ? "(red line)" : "");
                any = 1;
            }
        if (any)
            sep = "; ";
    }
}

static void text_rounds(parley_buf_t *b, const sim_run_t *r)
{
    size_t na = parley_scenario_actor_count(r->s), ni = parley_scenario_issue_count(r->s);
    parley_buf_puts(b, "\nRounds (BATNA / target per party; each move with the answers)\n");
    for (size_t k = 0; k < parley_sim_round_count(r->sim); k++) {
        const parley_sim_round_t *rd = parley_sim_round(r->sim, k);
        parley_buf_printf(b, "  %3u ", rd->round);
        for (size_t i = 0; i < na; i++)
            parley_buf_printf(b, " %s %.2f/%.2f%s", actor(r, i)->id, rd->batna[i], rd->target[i],
                              rd->room[i] == 2 ? "(gone)" : rd->room[i] == 0 ? "(out)" : "");
        parley_buf_puts(b, "\n");
        for (size_t n = 0; n < rd->n_notes; n++)
            parley_buf_printf(b, "        * %s\n", parley_sim_note(r->sim, rd->first_note + n));
        for (size_t m = 0; m < rd->n_moves; m++) {
            const parley_sim_move_t *mv = parley_sim_move(r->sim, rd->first_move + m);
            parley_buf_printf(b, "        %s by %s: ", MOVE[mv->kind], mediator_name(r, mv->by));
            answers_line(b, r, mv);
            parley_buf_puts(b, "\n");
            if (!r->detail)
                continue;
            parley_buf_puts(b, "          terms:");
            for (size_t j = 0; j < ni; j++) {
                parley_buf_printf(b, " %s=", parley_scenario_issue(r->s, j)->id);
                term(b, parley_scenario_issue(r->s, j), mv->terms[j]);
            }
            parley_buf_puts(b, "\n");
        }
    }
}

/* The set-up warnings (docs/simulation.md, "Output and durability"). */
static void text_warnings(parley_buf_t *b, const sim_run_t *r)
{
    char w[512];
    for (size_t k = 0; k < parley_sim_warning_count(r->sim); k++) {
        parley_sim_warning_text(r->sim, k, w, sizeof w);
        parley_buf_printf(b, "Warning: %s\n", w);
    }
}

void sim_render_text(parley_buf_t *b, const sim_run_t *r, const app_style_t *sty)
{
    text_settings(b, r);
    text_warnings(b, r);
    text_outcome(b, r, sty);
    text_rounds(b, r);
}

/* ---- JSON. */

static void json_actor_numbers(parley_json_t *j, const sim_run_t *r, const char *key,
                               const double *v)
{
    parley_json_key(j, key);
    parley_json_object_begin(j);
    for (size_t i = 0; i < parley_scenario_actor_count(r->s); i++) {
        parley_json_key(j, actor(r, i)->id);
        if (isnan(v[i]))
            parley_json_null(j);
        else
            parley_json_number(j, v[i]);
    }
    parley_json_object_end(j);
}

static void json_terms(parley_json_t *j, const sim_run_t *r, const double *terms)
{
    parley_json_object_begin(j);
    for (size_t k = 0; k < parley_scenario_issue_count(r->s); k++) {
        const parley_issue_t *is = parley_scenario_issue(r->s, k);
        parley_json_key(j, is->id);
        json_term(j, is, terms[k]);
    }
    parley_json_object_end(j);
}

static void json_parameters(parley_json_t *j, const sim_run_t *r)
{
    const parley_sim_config_t *c = parley_scenario_simulation(r->s);
    parley_json_key(j, "parameters");
    parley_json_object_begin(j);
    parley_json_key(j, "protocol");
    parley_json_string(j, PROTOCOL[protocol_of(r)]);
    parley_json_key(j, "meeting");
    parley_json_string(j, MEETING[meeting_of(r)]);
    parley_json_key(j, "mediator");
    parley_json_string(j, c->mediator == (size_t)-1 ? NULL : actor(r, c->mediator)->id);
    parley_json_key(j, "horizon");
    parley_json_int(j, parley_sim_result(r->sim)->horizon);
    parley_json_key(j, "grid");
    parley_json_int(j, parley_sim_grid(r->sim));
    parley_json_key(j, "without");
    parley_json_string(j, r->without);
    parley_json_key(j, "join");
    parley_json_string(j, r->join);
    parley_json_key(j, "leave");
    parley_json_string(j, r->leave);
    parley_json_key(j, "set");
    parley_json_string(j, r->set);
    parley_json_key(j, "seed");
    if (r->opt.seeded && r->opt.seed <= (1ull << 53))
        parley_json_int(j, (long long)r->opt.seed);
    else if (r->opt.seeded) {
        char num[32];
        snprintf(num, sizeof num, "%llu", r->opt.seed);
        parley_json_string(j, num);
    } else
        parley_json_null(j);
    parley_json_key(j, "strategies");
    parley_json_object_begin(j);
    for (size_t i = 0; i < parley_scenario_actor_count(r->s); i++) {
        const parley_strategy_t *st = &c->strategies[i];
        parley_json_key(j, actor(r, i)->id);
        parley_json_object_begin(j);
        parley_json_key(j, "kind");
        parley_json_string(j, st->name);
        parley_json_key(j, st->kind == PARLEY_STRATEGY_TIT_FOR_TAT ? "factor" : "e");
        parley_json_number(j, st->kind == PARLEY_STRATEGY_TIT_FOR_TAT ? st->factor : st->e);
        parley_json_object_end(j);
    }
    parley_json_object_end(j);
    parley_json_object_end(j);
}

/* With linkage: the treatment, and at a deal the rules it breaks (none, by
 * construction: a check anyone can read) and the terms it pays. */
static void json_linkage(parley_json_t *j, const sim_run_t *r, const double *pkg)
{
    const parley_scenario_t *s = r->s;
    parley_json_key(j, "linkage");
    parley_json_object_begin(j);
    parley_json_key(j, "treatment");
    parley_json_string(j, "offers and texts break no constraint; conditional red lines veto; "
                          "interaction terms count in the utilities");
    parley_json_key(j, "rules_broken");
    if (!pkg) {
        parley_json_null(j);
    } else {
        parley_json_array_begin(j);
        for (size_t k = 0; k < parley_scenario_rule_count(s); k++)
            if (parley_rule_broken(s, k, pkg) == 1)
                parley_json_string(j, parley_scenario_rule(s, k)->id);
        parley_json_array_end(j);
    }
    parley_json_key(j, "terms_paid");
    if (!pkg) {
        parley_json_null(j);
    } else {
        parley_json_object_begin(j);
        for (size_t k = 0; k < parley_scenario_term_count(s); k++) {
            double v = parley_term_value(s, k, pkg);
            if (v > 0.0) {
                parley_json_key(j, parley_scenario_term(s, k)->id);
                parley_json_number(j, v);
            }
        }
        parley_json_object_end(j);
    }
    parley_json_object_end(j);
}

static void json_outcome(parley_json_t *j, const sim_run_t *r)
{
    const parley_sim_result_t *res = parley_sim_result(r->sim);
    int agreed = res->end == PARLEY_SIM_AGREEMENT;
    parley_json_key(j, "outcome");
    parley_json_object_begin(j);
    parley_json_key(j, "agreement");
    parley_json_bool(j, agreed);
    parley_json_key(j, "end");
    parley_json_string(j, parley_sim_end_key(res->end));
    parley_json_key(j, "end_text");
    parley_json_string(j, parley_sim_end_text(res->end));
    parley_json_key(j, "essential_missing");
    if (res->end == PARLEY_SIM_ESSENTIAL)
        parley_json_string(j, actor(r, res->missing)->id);
    else
        parley_json_null(j);
    parley_json_key(j, "round");
    parley_json_int(j, res->round);
    parley_json_key(j, "terms");
    if (agreed)
        json_terms(j, r, res->terms);
    else
        parley_json_null(j);
    json_actor_numbers(j, r, "utility", res->utility);
    json_actor_numbers(j, r, "batna", res->batna);
    json_actor_numbers(j, r, "discounted", res->discounted);
    parley_json_key(j, "walked_away");
    parley_json_array_begin(j);
    for (size_t i = 0; i < parley_scenario_actor_count(r->s); i++)
        if (res->walked[i])
            parley_json_string(j, actor(r, i)->id);
    parley_json_array_end(j);
    parley_json_key(j, "left");
    parley_json_array_begin(j);
    for (size_t i = 0; i < parley_scenario_actor_count(r->s); i++)
        if (res->walked[i] && !res->ended[i])
            parley_json_string(j, actor(r, i)->id);
    parley_json_array_end(j);
    parley_json_key(j, "walked_out");
    parley_json_array_begin(j);
    for (size_t i = 0; i < parley_scenario_actor_count(r->s); i++)
        if (res->ended[i])
            parley_json_string(j, actor(r, i)->id);
    parley_json_array_end(j);
    parley_json_key(j, "durability");
    if (!agreed)
        parley_json_null(j);
    else
        sim_durability_json(j, r, res);
    if (parley_scenario_linked(r->s))
        json_linkage(j, r, agreed ? res->terms : NULL);
    if (parley_scenario_transfer_count(r->s)) {
        parley_json_key(j, "transfer");
        if (agreed && res->transfer)
            transfer_plan_json(j, r->s, res->transfer, NULL);
        else
            parley_json_null(j);
    }
    sim_ratify_json(j, r); /* sim_rat.c */
    parley_json_object_end(j);
}

static void json_move(parley_json_t *j, const sim_run_t *r, const parley_sim_move_t *mv)
{
    parley_json_object_begin(j);
    parley_json_key(j, "kind");
    parley_json_string(j, MOVE[mv->kind]);
    parley_json_key(j, "by");
    parley_json_string(j, mv->by == (size_t)-1 ? NULL : actor(r, mv->by)->id);
    parley_json_key(j, "terms");
    json_terms(j, r, mv->terms);
    json_actor_numbers(j, r, "utility", mv->utility);
    parley_json_key(j, "answers");
    parley_json_object_begin(j);
    for (size_t i = 0; i < parley_scenario_actor_count(r->s); i++)
        if (mv->answer[i] >= 0) {
            parley_json_key(j, actor(r, i)->id);
            parley_json_string(j, ANSWER[mv->answer[i]]);
        }
    parley_json_object_end(j);
    sim_ratify_move_json(j, r, mv); /* sim_rat.c */
    parley_json_object_end(j);
}

static void json_trace(parley_json_t *j, const sim_run_t *r)
{
    static const char *const ROOM[] = {"out", "in", "walked-away"};
    parley_json_key(j, "trace");
    parley_json_array_begin(j);
    for (size_t k = 0; k < parley_sim_round_count(r->sim); k++) {
        const parley_sim_round_t *rd = parley_sim_round(r->sim, k);
        parley_json_object_begin(j);
        parley_json_key(j, "round");
        parley_json_int(j, rd->round);
        json_actor_numbers(j, r, "batna", rd->batna);
        json_actor_numbers(j, r, "reservation", rd->reservation);
        json_actor_numbers(j, r, "target", rd->target);
        parley_json_key(j, "room");
        parley_json_object_begin(j);
        for (size_t i = 0; i < parley_scenario_actor_count(r->s); i++) {
            parley_json_key(j, actor(r, i)->id);
            parley_json_string(j, ROOM[rd->room[i]]);
        }
        parley_json_object_end(j);
        parley_json_key(j, "notes");
        parley_json_array_begin(j);
        for (size_t n = 0; n < rd->n_notes; n++)
            parley_json_string(j, parley_sim_note(r->sim, rd->first_note + n));
        parley_json_array_end(j);
        parley_json_key(j, "moves");
        parley_json_array_begin(j);
        for (size_t m = 0; m < rd->n_moves; m++)
            json_move(j, r, parley_sim_move(r->sim, rd->first_move + m));
        parley_json_array_end(j);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}

/* "warnings": [{"kind", "actor" (or null), "text"}], empty when none. */
static void json_warnings(parley_json_t *j, const sim_run_t *r)
{
    char w[512];
    parley_json_key(j, "warnings");
    parley_json_array_begin(j);
    for (size_t k = 0; k < parley_sim_warning_count(r->sim); k++) {
        const parley_sim_warning_t *wr = parley_sim_warning(r->sim, k);
        parley_sim_warning_text(r->sim, k, w, sizeof w);
        parley_json_object_begin(j);
        parley_json_key(j, "kind");
        parley_json_string(j, parley_sim_warning_key(wr->kind));
        parley_json_key(j, "actor");
        if (wr->actor != (size_t)-1)
            parley_json_string(j, actor(r, wr->actor)->id);
        else
            parley_json_null(j);
        parley_json_key(j, "text");
        parley_json_string(j, w);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}

void sim_render_json(parley_buf_t *b, const sim_run_t *r)
{
    parley_json_t j;
    parley_json_init(&j, b, 1);
    parley_json_object_begin(&j);
    app_json_header(&j, "simulate", r->s);
    json_parameters(&j, r);
    json_warnings(&j, r);
    json_outcome(&j, r);
    json_trace(&j, r);
    parley_json_object_end(&j);
    parley_buf_puts(b, "\n");
}

/* ---- CSV: one row per move and actor asked or not. */

void sim_render_csv(parley_buf_t *b, const sim_run_t *r)
{
    size_t na = parley_scenario_actor_count(r->s), ni = parley_scenario_issue_count(r->s);
    parley_buf_puts(b, "round,move,kind,by,actor,utility,answer,batna,reservation,target");
    for (size_t j = 0; j < ni; j++)
        parley_buf_printf(b, ",%s", parley_scenario_issue(r->s, j)->id);
    parley_buf_puts(b, "\n");
    for (size_t k = 0; k < parley_sim_round_count(r->sim); k++) {
        const parley_sim_round_t *rd = parley_sim_round(r->sim, k);
        for (size_t m = 0; m < rd->n_moves; m++) {
            const parley_sim_move_t *mv = parley_sim_move(r->sim, rd->first_move + m);
            for (size_t i = 0; i < na; i++) {
                parley_buf_printf(b, "%u,%zu,%s,%s,%s,%.17g,%s,%.17g,%.17g,%.17g", rd->round,
                                  rd->first_move + m + 1, MOVE[mv->kind],
                                  mediator_name(r, mv->by), actor(r, i)->id, mv->utility[i],
                                  mv->answer[i] >= 0 ? ANSWER[mv->answer[i]] : "",
                                  rd->batna[i], rd->reservation[i], rd->target[i]);
                for (size_t j = 0; j < ni; j++) {
                    const parley_issue_t *is = parley_scenario_issue(r->s, j);
                    if (is->kind == PARLEY_ISSUE_DISCRETE)
                        parley_buf_printf(b, ",%s", is->options[(size_t)mv->terms[j]].id);
                    else
                        parley_buf_printf(b, ",%.17g", mv->terms[j]);
                }
                parley_buf_puts(b, "\n");
            }
        }
    }
}
