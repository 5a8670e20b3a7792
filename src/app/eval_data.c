/*
 * eval_data.c — the machine renderings of `parley eval`: JSON (schema in
 * docs/eval-json.md) and CSV (one row per proposal, actor and issue).
 * Every number is written in full precision; the scenario hash and the
 * utility model travel with the result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include "eval.h"
#include "bloc_out.h"
#include "transfer_out.h"

static void position_json(parley_json_t *j, const parley_scenario_t *s, size_t k, double x)
{
    const parley_issue_t *is = parley_scenario_issue(s, k);
    if (parley_is_open(x))
        parley_json_null(j);
    else if (is->kind == PARLEY_ISSUE_DISCRETE)
        parley_json_string(j, is->options[(size_t)x].id);
    else
        parley_json_number(j, x);
}

static void issue_json(parley_json_t *j, const eval_run_t *r, size_t p, size_t i, size_t k)
{
    const parley_scenario_t *s = r->s;
    const parley_issue_eval_t *e = eval_issue(r, p, i, k);
    const parley_proposal_t *pr = parley_scenario_proposal(s, r->props[p]);
    parley_json_object_begin(j);
    parley_json_key(j, "id");
    parley_json_string(j, parley_scenario_issue(s, k)->id);
    parley_json_key(j, "position");
    position_json(j, s, k, pr->positions[k]);
    parley_json_key(j, "open");
    parley_json_bool(j, e->open);
    parley_json_key(j, "weight");
    parley_json_number(j, e->weight);
    parley_json_key(j, "value");
    parley_json_number(j, e->value);
    parley_json_key(j, "contribution");
    parley_json_number(j, e->contribution);
    parley_json_key(j, "loss");
    parley_json_number(j, e->loss);
    parley_json_key(j, "value_min");
    parley_json_number(j, e->value_min);
    parley_json_key(j, "value_max");
    parley_json_number(j, e->value_max);
    parley_json_key(j, "red_line");
    parley_json_bool(j, e->red_line);
    parley_json_key(j, "red_line_possible");
    parley_json_bool(j, e->red_line_possible);
    parley_json_object_end(j);
}

static void holds_json(parley_json_t *j, int v)
{
    if (v == PARLEY_UNDECIDED)
        parley_json_null(j);
    else
        parley_json_bool(j, v == 1);
}

/* An actor's conditional red lines and interaction terms (linked scenarios only). */
static void actor_links_json(parley_json_t *j, const eval_run_t *r, size_t p, size_t i)
{
    const parley_scenario_t *s = r->s;
    parley_json_key(j, "red_line_rules");
    parley_json_array_begin(j);
    for (size_t k = 0; k < parley_scenario_rule_count(s); k++) {
        if (parley_scenario_rule(s, k)->actor != i)
            continue;
        parley_json_object_begin(j);
        parley_json_key(j, "id");
        parley_json_string(j, parley_scenario_rule(s, k)->id);
        parley_json_key(j, "broken");
        holds_json(j, eval_rule(r, p, k));
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
    parley_json_key(j, "terms");
    parley_json_array_begin(j);
    for (size_t k = 0; k < parley_scenario_term_count(s); k++) {
        const parley_term_t *t = parley_scenario_term(s, k);
        const parley_term_eval_t *e = eval_term(r, p, k);
        if (t->actor != i)
            continue;
        parley_json_object_begin(j);
        parley_json_key(j, "id");
        parley_json_string(j, t->id);
        parley_json_key(j, "effect");
        parley_json_string(j, t->penalty ? "penalty" : "bonus");
        parley_json_key(j, "holds");
        holds_json(j, e->holds);
        parley_json_key(j, "weight");
        parley_json_number(j, e->weight);
        parley_json_key(j, "contribution");
        parley_json_number(j, e->contribution);
        parley_json_key(j, "loss");
        parley_json_number(j, e->loss);
        parley_json_key(j, "contribution_min");
        parley_json_number(j, e->contribution_min);
        parley_json_key(j, "contribution_max");
        parley_json_number(j, e->contribution_max);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}

/* The constraints a proposal breaks (linked scenarios only): `feasible` is
 * false when it breaks one, null when one depends on the open issues. */
static void constraints_json(parley_json_t *j, const eval_run_t *r, size_t p)
{
    const parley_scenario_t *s = r->s;
    size_t broken, possible;
    eval_constraints(r, p, &broken, &possible);
    parley_json_key(j, "feasible");
    holds_json(j, broken ? 0 : possible ? PARLEY_UNDECIDED : 1);
    parley_json_key(j, "constraints");
    parley_json_array_begin(j);
    for (size_t k = 0; k < parley_scenario_rule_count(s); k++) {
        if (parley_scenario_rule(s, k)->actor != (size_t)-1)
            continue;
        parley_json_object_begin(j);
        parley_json_key(j, "id");
        parley_json_string(j, parley_scenario_rule(s, k)->id);
        parley_json_key(j, "broken");
        holds_json(j, eval_rule(r, p, k));
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}

static void threshold_json(parley_json_t *j, const parley_threshold_t *t)
{
    parley_json_object_begin(j);
    parley_json_key(j, "rule");
    parley_json_string(j, parley_threshold_name(t));
    parley_json_key(j, "share");
    parley_json_number(j, t->share);
    parley_json_key(j, "strict");
    parley_json_bool(j, t->strict);
    parley_json_object_end(j);
}

/* Each ratifying body's vote on proposal p (docs/eval-json.md, RATIFY). */
static void ratify_json(parley_json_t *j, const eval_run_t *r, size_t p)
{
    const parley_scenario_t *s = r->s;
    int all = eval_ratified(r, p);
    parley_json_key(j, "ratified");
    holds_json(j, all);
    parley_json_key(j, "void_signature");
    parley_json_bool(j, eval_void_signature(r, p));
    parley_json_key(j, "ratification");
    parley_json_array_begin(j);
    for (size_t k = 0; k < parley_scenario_ratifier_count(s); k++) {
        const parley_ratifier_t *b = parley_scenario_ratifier(s, k);
        const parley_ratify_eval_t *e = eval_ratify(r, p, k);
        const parley_member_vote_t *mv = eval_votes(r, p, k);
        parley_json_object_begin(j);
        parley_json_key(j, "id");
        parley_json_string(j, b->id);
        parley_json_key(j, "actor");
        parley_json_string(j, parley_scenario_actor(s, b->actor)->id);
        parley_json_key(j, "kind");
        parley_json_string(j, b->population ? "population" : "members");
        parley_json_key(j, "issues");
        if (!b->issues) {
            parley_json_null(j);
        } else {
            parley_json_array_begin(j);
            for (size_t q = 0; q < parley_scenario_issue_count(s); q++)
                if (b->issues[q])
                    parley_json_string(j, parley_scenario_issue(s, q)->id);
            parley_json_array_end(j);
        }
        parley_json_key(j, "threshold");
        threshold_json(j, &b->rule);
        parley_json_key(j, "override");
        if (b->has_override)
            threshold_json(j, &b->override);
        else
            parley_json_null(j);
        parley_json_key(j, "total");
        parley_json_number(j, e->total);
        parley_json_key(j, "yes");
        parley_json_number(j, e->yes);
        parley_json_key(j, "no");
        parley_json_number(j, e->no);
        parley_json_key(j, "open");
        parley_json_number(j, e->open);
        parley_json_key(j, "yes_share");
        parley_json_number(j, e->yes_share);
        parley_json_key(j, "yes_share_max");
        parley_json_number(j, e->yes_share_max);
        parley_json_key(j, "no_share");
        parley_json_number(j, e->no_share);
        parley_json_key(j, "rule_met");
        holds_json(j, e->passes);
        parley_json_key(j, "rejection_overridden");
        parley_json_bool(j, e->saved);
        parley_json_key(j, "verdict");
        parley_json_string(j, parley_ratify_verdict_name(e->verdict));
        parley_json_key(j, "exact");
        parley_json_bool(j, e->exact);
        parley_json_key(j, "members");
        parley_json_array_begin(j);
        for (size_t i = 0; i < b->n_members; i++) {
            parley_json_object_begin(j);
            parley_json_key(j, "id");
            parley_json_string(j, b->members[i].id);
            parley_json_key(j, "weight");
            parley_json_number(j, mv[i].weight);
            parley_json_key(j, "utility");
            parley_json_number(j, mv[i].utility);
            parley_json_key(j, "utility_min");
            parley_json_number(j, mv[i].utility_min);
            parley_json_key(j, "utility_max");
            parley_json_number(j, mv[i].utility_max);
            parley_json_key(j, "batna");
            parley_json_number(j, mv[i].batna);
            parley_json_key(j, "red_lines_crossed");
            parley_json_number(j, (double)mv[i].red_lines_crossed);
            parley_json_key(j, "vote");
            parley_json_string(j, parley_vote_name(mv[i].vote));
            parley_json_object_end(j);
        }
        parley_json_array_end(j);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}

static void actor_json(parley_json_t *j, const eval_run_t *r, size_t p, size_t i)
{
    const parley_scenario_t *s = r->s;
    const parley_actor_eval_t *e = eval_actor(r, p, i);
    size_t ni = parley_scenario_issue_count(s);
    parley_json_object_begin(j);
    parley_json_key(j, "id");
    parley_json_string(j, parley_scenario_actor(s, i)->id);
    parley_json_key(j, "utility");
    parley_json_number(j, e->utility);
    parley_json_key(j, "utility_min");
    parley_json_number(j, e->utility_min);
    parley_json_key(j, "utility_max");
    parley_json_number(j, e->utility_max);
    parley_json_key(j, "batna");
    parley_json_number(j, e->batna);
    parley_json_key(j, "batna_source");
    parley_json_string(j, parley_scenario_actor(s, i)->batna_source);
    parley_json_key(j, "surplus");
    parley_json_number(j, e->surplus);
    parley_json_key(j, "surplus_min");
    parley_json_number(j, e->surplus_min);
    parley_json_key(j, "surplus_max");
    parley_json_number(j, e->surplus_max);
    parley_json_key(j, "acceptable");
    if (e->verdict == PARLEY_OPEN_VERDICT)
        parley_json_null(j);
    else
        parley_json_bool(j, e->verdict == PARLEY_ACCEPT);
    parley_json_key(j, "verdict");
    parley_json_string(j, parley_verdict_name(e->verdict));
    parley_json_key(j, "red_lines_crossed");
    parley_json_array_begin(j);
    for (size_t k = 0; k < ni; k++)
        if (eval_issue(r, p, i, k)->red_line)
            parley_json_string(j, parley_scenario_issue(s, k)->id);
    parley_json_array_end(j);
    parley_json_key(j, "issues");
    parley_json_array_begin(j);
    for (size_t k = 0; k < ni; k++)
        issue_json(j, r, p, i, k);
    parley_json_array_end(j);
    if (parley_scenario_linked(s))
        actor_links_json(j, r, p, i);
    parley_json_object_end(j);
}

static void proposal_json(parley_json_t *j, const eval_run_t *r, size_t p)
{
    const parley_scenario_t *s = r->s;
    const parley_proposal_t *pr = parley_scenario_proposal(s, r->props[p]);
    size_t na = parley_scenario_actor_count(s), ni = parley_scenario_issue_count(s);
    parley_json_object_begin(j);
    parley_json_key(j, "id");
    parley_json_string(j, pr->id);
    parley_json_key(j, "name");
    parley_json_string(j, pr->name);
    parley_json_key(j, "date");
    parley_json_string(j, pr->date);
    parley_json_key(j, "source");
    parley_json_string(j, pr->source);
    parley_json_key(j, "positions");
    parley_json_array_begin(j);
    for (size_t k = 0; k < ni; k++) {
        parley_json_object_begin(j);
        parley_json_key(j, "issue");
        parley_json_string(j, parley_scenario_issue(s, k)->id);
        parley_json_key(j, "position");
        position_json(j, s, k, pr->positions[k]);
        parley_json_key(j, "source");
        parley_json_string(j, pr->position_sources[k]);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
    parley_json_key(j, "open_issues");
    parley_json_array_begin(j);
    for (size_t k = 0; k < ni; k++)
        if (parley_is_open(pr->positions[k]))
            parley_json_string(j, parley_scenario_issue(s, k)->id);
    parley_json_array_end(j);
    static const char *const groups[3] = {"rejected_by", "accepted_by", "open_for"};
    for (int g = 0; g < 3; g++) {
        parley_json_key(j, groups[g]);
        parley_json_array_begin(j);
        for (size_t i = 0; i < na; i++)
            if ((int)eval_actor(r, p, i)->verdict == g)
                parley_json_string(j, parley_scenario_actor(s, i)->id);
        parley_json_array_end(j);
    }
    if (parley_scenario_linked(s))
        constraints_json(j, r, p);
    if (parley_scenario_ratifier_count(s))
        ratify_json(j, r, p);
    bloc_eval_json(j, r, p); /* nothing without blocs */
    if (r->tp) {
        double *before = malloc((na ? na : 1) * sizeof *before);
        if (before)
            for (size_t i = 0; i < na; i++)
                before[i] = eval_actor(r, p, i)->utility;
        parley_json_key(j, "transfer");
        transfer_plan_json(j, s, &r->tp[p], before);
        free(before);
    }
    parley_json_key(j, "actors");
    parley_json_array_begin(j);
    for (size_t i = 0; i < na; i++)
        actor_json(j, r, p, i);
    parley_json_array_end(j);
    parley_json_object_end(j);
}

void eval_render_json(parley_buf_t *b, const eval_run_t *r)
{
    parley_json_t j;
    parley_json_init(&j, b, 1);
    parley_json_object_begin(&j);
    app_json_header(&j, "eval", r->s);
    parley_json_key(&j, "model");
    parley_json_object_begin(&j);
    parley_json_key(&j, "utility");
    parley_json_string(&j, parley_scenario_term_count(r->s)
                               ? "additive with interaction terms: sum of (salience / S) * value "
                                 "+ sum of (term weight / S) * pays, S = saliences + term weights"
                               : "additive: sum of (salience / sum of saliences) * value");
    parley_json_key(&j, "definition");
    parley_json_string(&j, "docs/scenario-format.md");
    parley_json_object_end(&j);
    parley_json_key(&j, "proposals");
    parley_json_array_begin(&j);
    for (size_t p = 0; p < r->n_props; p++)
        proposal_json(&j, r, p);
    parley_json_array_end(&j);
    parley_json_object_end(&j);
    parley_buf_puts(b, "\n");
}

static void csv_num(parley_buf_t *b, double v)
{
    char tmp[32];
    if (isfinite(v)) {
        parley_format_number(v, tmp);
        parley_buf_puts(b, tmp);
    }
    parley_buf_puts(b, ",");
}

/* The actor-level columns every row of actor i repeats, up to `issue`. */
static void csv_actor_cols(parley_buf_t *b, const eval_run_t *r, size_t p, size_t i,
                           const char *red)
{
    const parley_scenario_t *s = r->s;
    const parley_actor_eval_t *e = eval_actor(r, p, i);
    parley_csv_field(b, parley_scenario_proposal(s, r->props[p])->id);
    parley_buf_puts(b, ",");
    parley_csv_field(b, parley_scenario_actor(s, i)->id);
    parley_buf_puts(b, ",");
    csv_num(b, e->utility);
    csv_num(b, e->utility_min);
    csv_num(b, e->utility_max);
    csv_num(b, e->batna);
    csv_num(b, e->surplus);
    parley_buf_printf(b, "%s,", parley_verdict_name(e->verdict));
    parley_csv_field(b, red);
    parley_buf_puts(b, ",");
}

/* Rows for actor i's interaction terms: issue "term:ID", position holds /
 * not / empty when undecided, value 1 when it pays. */
static void term_rows_csv(parley_buf_t *b, const eval_run_t *r, size_t p, size_t i,
                          const char *red)
{
    const parley_scenario_t *s = r->s;
    for (size_t k = 0; k < parley_scenario_term_count(s); k++) {
        const parley_term_t *t = parley_scenario_term(s, k);
        const parley_term_eval_t *te = eval_term(r, p, k);
        if (t->actor != i)
            continue;
        char id[300];
        snprintf(id, sizeof id, "term:%s", t->id);
        csv_actor_cols(b, r, p, i, red);
        parley_csv_field(b, id);
        parley_buf_printf(b, ",%s,%s,", te->holds == 1 ? "holds" : te->holds == 0 ? "not" : "",
                          te->holds == PARLEY_UNDECIDED ? "true" : "false");
        csv_num(b, te->weight);
        csv_num(b, te->holds == PARLEY_UNDECIDED ? (double)NAN : te->contribution > 0 ? 1.0 : 0.0);
        csv_num(b, te->contribution);
        csv_num(b, te->loss);
        parley_buf_printf(b, "false,%s\n", parley_scenario_hash(s));
    }
}

/* Rows for the ratifying bodies: one per body and member (docs/eval-json.md, CSV). */
static void ratify_rows_csv(parley_buf_t *b, const eval_run_t *r, size_t p)
{
    const parley_scenario_t *s = r->s;
    for (size_t k = 0; k < parley_scenario_ratifier_count(s); k++) {
        const parley_ratifier_t *bd = parley_scenario_ratifier(s, k);
        const parley_ratify_eval_t *e = eval_ratify(r, p, k);
        const parley_member_vote_t *mv = eval_votes(r, p, k);
        char body[100];
        snprintf(body, sizeof body, "ratify:%s", bd->id);
        for (size_t i = 0; i < bd->n_members; i++) {
            char who[200];
            snprintf(who, sizeof who, "%s/%s", bd->id, bd->members[i].id);
            parley_csv_field(b, parley_scenario_proposal(s, r->props[p])->id);
            parley_buf_puts(b, ",");
            parley_csv_field(b, who);
            parley_buf_puts(b, ",");
            csv_num(b, mv[i].utility);
            csv_num(b, mv[i].utility_min);
            csv_num(b, mv[i].utility_max);
            csv_num(b, mv[i].batna);
            csv_num(b, mv[i].utility - mv[i].batna);
            parley_buf_printf(b, "%s,%s,", parley_vote_name(mv[i].vote),
                              mv[i].red_lines_crossed ? "red_line" : "");
            parley_csv_field(b, body);
            parley_buf_printf(b, ",%s,%s,", parley_ratify_verdict_name(e->verdict),
                              e->verdict == PARLEY_OPEN_VERDICT ? "true" : "false");
            csv_num(b, e->total > 0.0 ? mv[i].weight / e->total : (double)NAN);
            csv_num(b, e->yes_share);
            csv_num(b, mv[i].vote == PARLEY_VOTE_YES && e->total > 0.0 ? mv[i].weight / e->total
                                                                         : 0.0);
            csv_num(b, mv[i].vote != PARLEY_VOTE_YES && e->total > 0.0 ? mv[i].weight / e->total
                                                                         : 0.0);
            parley_buf_printf(b, "%s,%s\n", mv[i].red_lines_crossed ? "true" : "false",
                              parley_scenario_hash(s));
        }
    }
}

void eval_render_csv(parley_buf_t *b, const eval_run_t *r)
{
    const parley_scenario_t *s = r->s;
    size_t na = parley_scenario_actor_count(s), ni = parley_scenario_issue_count(s);
    parley_buf_puts(b, "proposal,actor,utility,utility_min,utility_max,batna,surplus,verdict,"
                       "red_lines_crossed,issue,position,open,weight,value,contribution,loss,"
                       "red_line,scenario_hash\n");
    for (size_t p = 0; p < r->n_props; p++) {
        const parley_proposal_t *pr = parley_scenario_proposal(s, r->props[p]);
        for (size_t i = 0; i < na; i++) {
            char red[4096] = "";
            size_t at = 0;
            for (size_t k = 0; k < ni && at < sizeof red; k++)
                if (eval_issue(r, p, i, k)->red_line)
                    at += (size_t)snprintf(red + at, sizeof red - at, "%s%s", at ? ";" : "",
                                           parley_scenario_issue(s, k)->id);
            for (size_t k = 0; k < parley_scenario_rule_count(s) && at < sizeof red; k++)
                if (parley_scenario_rule(s, k)->actor == i && eval_rule(r, p, k) == 1)
                    at += (size_t)snprintf(red + at, sizeof red - at, "%s%s", at ? ";" : "",
                                           parley_scenario_rule(s, k)->id);
            for (size_t k = 0; k < ni; k++) {
                const parley_issue_eval_t *ie = eval_issue(r, p, i, k);
                char pos[128];
                csv_actor_cols(b, r, p, i, red);
                parley_csv_field(b, parley_scenario_issue(s, k)->id);
                parley_buf_puts(b, ",");
                if (!ie->open) {
                    const parley_issue_t *is = parley_scenario_issue(s, k);
                    if (is->kind == PARLEY_ISSUE_DISCRETE)
                        snprintf(pos, sizeof pos, "%s", is->options[(size_t)pr->positions[k]].id);
                    else
                        parley_format_number(pr->positions[k], pos);
                    parley_csv_field(b, pos);
                }
                parley_buf_printf(b, ",%s,", ie->open ? "true" : "false");
                csv_num(b, ie->weight);
                csv_num(b, ie->value);
                csv_num(b, ie->contribution);
                csv_num(b, ie->loss);
                parley_buf_printf(b, "%s,%s\n", ie->red_line ? "true" : "false",
                                  parley_scenario_hash(s));
            }
            term_rows_csv(b, r, p, i, red);
        }
        ratify_rows_csv(b, r, p);
    }
}
