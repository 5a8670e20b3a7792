/*
 * eval.h — the evaluation of a set of proposals, computed once (eval.c)
 * and rendered by the table, JSON and CSV writers of `parley eval` and the
 * API (eval_table.c, eval_data.c).
 */
#ifndef PARLEY_APP_EVAL_H
#define PARLEY_APP_EVAL_H

#include "app.h"

typedef struct eval_run {
    const parley_scenario_t *s;
    size_t n_props;          /* selected proposals */
    size_t *props;           /* their indices */
    parley_actor_eval_t *ae; /* n_props * n_actors */
    parley_issue_eval_t *ie; /* n_props * n_actors * n_issues */
    parley_term_eval_t *te;  /* n_props * n_terms */
    signed char *rb;         /* n_props * n_rules: parley_rule_broken (1, 0, undecided) */
    /* Ratification (parley/ratify.h): per proposal, each body's vote and
     * its members' votes (body k's start at mv0[k] in a proposal's row). */
    parley_ratify_eval_t *re;  /* n_props * n_ratifiers */
    parley_member_vote_t *mv;  /* n_props * n_mv */
    size_t *mv0, n_mv;
    parley_transfer_plan_t *tp; /* n_props: the cheapest transfer (NULL: no channels) */
} eval_run_t;

/* Evaluates the selected proposals; 0 on success, -1 when out of memory. */
int eval_run_init(eval_run_t *r, const parley_scenario_t *s, const size_t *props, size_t n);
void eval_run_free(eval_run_t *r);
/* Evaluates one proposal (by id, with a did-you-mean message) or, when
 * proposal is NULL, every proposal; PARLEY_EINPUT for an unknown id or no
 * proposals, PARLEY_ENOMEM (messages on ctx). */
parley_status_t eval_run_select(parley_ctx_t *ctx, eval_run_t *r, const parley_scenario_t *s,
                                const char *proposal);

static inline const parley_actor_eval_t *eval_actor(const eval_run_t *r, size_t p, size_t i)
{
    return &r->ae[p * parley_scenario_actor_count(r->s) + i];
}

static inline const parley_issue_eval_t *eval_issue(const eval_run_t *r, size_t p, size_t i,
                                                    size_t j)
{
    size_t na = parley_scenario_actor_count(r->s), ni = parley_scenario_issue_count(r->s);
    return &r->ie[(p * na + i) * ni + j];
}

static inline const parley_term_eval_t *eval_term(const eval_run_t *r, size_t p, size_t k)
{
    return &r->te[p * parley_scenario_term_count(r->s) + k];
}

static inline int eval_rule(const eval_run_t *r, size_t p, size_t k)
{
    return r->rb[p * parley_scenario_rule_count(r->s) + k];
}

static inline const parley_ratify_eval_t *eval_ratify(const eval_run_t *r, size_t p, size_t k)
{
    return &r->re[p * parley_scenario_ratifier_count(r->s) + k];
}

static inline const parley_member_vote_t *eval_votes(const eval_run_t *r, size_t p, size_t k)
{
    return &r->mv[p * r->n_mv + r->mv0[k]];
}

/* Whether every body ratifies proposal p (1), one rejects it (0), or that
 * depends on the open issues (PARLEY_UNDECIDED); 1 without bodies. */
int eval_ratified(const eval_run_t *r, size_t p);
/* Every actor accepts proposal p and some body rejects it: a signature that
 * is void. */
int eval_void_signature(const eval_run_t *r, size_t p);

/* The constraints proposal p breaks (certain) and may break (undecided). */
void eval_constraints(const eval_run_t *r, size_t p, size_t *broken, size_t *possible);

/* The text of a position: option id, number with unit, or "open". */
void eval_position_text(const parley_scenario_t *s, size_t j, double x, char *buf, size_t cap);

void eval_render_table(parley_buf_t *b, const eval_run_t *r, int detail, const app_style_t *sty);
void eval_render_json(parley_buf_t *b, const eval_run_t *r);
void eval_render_csv(parley_buf_t *b, const eval_run_t *r);

#endif
