/*
 * test_links.c — linkage in the model: the accessors of constraints,
 * conditional red lines and terms, how terms share the normalisation with
 * saliences (and follow a Monte Carlo draw of their weight), the
 * three-valued tests on packages with open issues, and parley_utility with
 * terms against parley_eval_actor.
 */
#include <math.h>
#include <string.h>
#include "parley/eval.h"
#include "parley/utility.h"
#include "../test.h"

static const char TEXT[] =
    "parley: 1\n"
    "actors:\n"
    "  - {id: A, capability: 1, batna: 0.5}\n"
    "  - {id: B, capability: 1, batna: 0.25}\n"
    "issues:\n"
    "  - {id: x, scale: {lo: 0, hi: 10}}\n"
    "  - {id: y, options: [y0, y1, y2]}\n"
    "stances:\n"
    "  A:\n"
    "    x: {salience: 0.5, ideal: 10}\n"
    "    y: {salience: 0.25, ideal: y2}\n"
    "  B:\n"
    "    y: {salience: 0, ideal: y0}\n"
    "constraints:\n"
    "  - {id: c, if: {x: {above: 5}}, then: {y: {at_least: y1}}}\n"
    "red_lines:\n"
    "  - {id: r, actor: B, forbid: {y: y2, x: {not: {at_most: 2}}}}\n"
    "terms:\n"
    "  - {id: t, actor: A, when: {x: 10, y: [y1, y2]}, weight: {dist: uniform, min: 0, max: 0.5}}\n"
    "  - {id: u, actor: B, when: {y: {below: y1}}, weight: 1, effect: penalty}\n";

static parley_scenario_t *load(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st = parley_scenario_load_buffer(ctx, "t.yaml", TEXT, strlen(TEXT), &s);
    if (st != PARLEY_OK)
        fprintf(stderr, "%s\n", parley_ctx_message(ctx));
    parley_ctx_destroy(ctx);
    return s;
}

static void accessors(void)
{
    parley_scenario_t *s = load();
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK(parley_scenario_linked(s));
    CHECK_INT(parley_scenario_rule_count(s), 2);
    CHECK_INT(parley_scenario_term_count(s), 2);
    const parley_rule_t *c = parley_scenario_rule(s, 0), *r = parley_scenario_rule(s, 1);
    CHECK_STR(c->id, "c");
    CHECK(c->actor == (size_t)-1 && c->kind == PARLEY_RULE_REQUIRE);
    CHECK(c->when.n == 1 && c->when.c[0].lo == 5.0 && c->when.c[0].lo_open && isinf(c->when.c[0].hi));
    CHECK(c->then.n == 1 && c->then.c[0].options == 6ull); /* y1, y2 */
    CHECK(r->actor == 1 && r->kind == PARLEY_RULE_FORBID && r->when.n == 2);
    CHECK(r->when.c[1].negate && r->when.c[1].hi == 2.0);
    const parley_term_t *t = parley_scenario_term(s, 0), *u = parley_scenario_term(s, 1);
    CHECK(t->actor == 0 && !t->penalty && t->weight == 0.25);
    CHECK(t->when.c[0].lo == 10.0 && t->when.c[0].hi == 10.0);
    CHECK(u->actor == 1 && u->penalty && u->when.c[0].options == 1ull);
    /* A: S = 0.5 + 0.25 + 0.25; B: S = 0 + 1 (it cares only through its term). */
    CHECK_NEAR(parley_scenario_weight(s, 0, 0), 0.5, 1e-15);
    CHECK_NEAR(parley_scenario_term_weight(s, 0), 0.25, 1e-15);
    CHECK_NEAR(parley_scenario_term_weight(s, 1), 1.0, 1e-15);
    parley_scenario_destroy(s);
}

static void three_valued(void)
{
    parley_scenario_t *s = load();
    if (!s) {
        CHECK(0);
        return;
    }
    double open[2] = {PARLEY_OPEN, 0.0}, bad[2] = {6.0, 0.0}, fine[2] = {6.0, 1.0};
    double red[2] = {3.0, 2.0}, safe[2] = {2.0, 2.0}, xopen[2] = {PARLEY_OPEN, 2.0};
    CHECK_INT(parley_rule_broken(s, 0, open), PARLEY_UNDECIDED);
    CHECK_INT(parley_rule_broken(s, 0, bad), 1);
    CHECK_INT(parley_rule_broken(s, 0, fine), 0);
    CHECK_INT(parley_rule_broken(s, 1, red), 1);
    CHECK_INT(parley_rule_broken(s, 1, safe), 0);
    CHECK_INT(parley_rule_broken(s, 1, xopen), PARLEY_UNDECIDED);
    CHECK_INT(parley_broken_rule(s, (size_t)-1, bad, 0), 0);
    CHECK(parley_broken_rule(s, (size_t)-1, fine, 0) == (size_t)-1);
    CHECK_INT(parley_broken_rule(s, 1, red, 0), 1);
    /* B's penalty is worth 1 unless y = y0: its whole utility. */
    CHECK_NEAR(parley_utility(s, 1, bad), 0.0, 1e-15);
    CHECK_NEAR(parley_utility(s, 1, fine), 1.0, 1e-15);
    parley_actor_eval_t e;
    parley_eval_actor(s, 1, red, &e, NULL);
    CHECK_INT(e.rules_broken, 1);
    CHECK(e.verdict == PARLEY_REJECT);
    parley_eval_actor(s, 1, xopen, &e, NULL);
    CHECK(e.verdict == PARLEY_OPEN_VERDICT && e.rules_possible == 1);
    /* A at x = 10, y = y2: every issue at its ideal and the bonus: 1. */
    double best[2] = {10.0, 2.0};
    parley_eval_actor(s, 0, best, &e, NULL);
    CHECK_NEAR(e.utility, 1.0, 1e-15);
    CHECK_NEAR(parley_utility(s, 0, best), 1.0, 1e-15);
    parley_scenario_destroy(s);
}

/* A draw of a term's weight changes every share of its actor. */
static void drawn_weight(void)
{
    parley_scenario_t *s = load();
    if (!s) {
        CHECK(0);
        return;
    }
    parley_ctx_t *ctx = parley_ctx_create();
    CHECK_INT(parley_scenario_uncertain_count(s), 1);
    CHECK_STR(parley_scenario_uncertain(s, 0)->path, "terms.t.weight");
    double v = 0.5;
    CHECK_INT(parley_scenario_set_uncertain(ctx, s, &v), PARLEY_OK);
    CHECK_NEAR(parley_scenario_term_weight(s, 0), 0.4, 1e-15);    /* 0.5 / 1.25 */
    CHECK_NEAR(parley_scenario_weight(s, 0, 0), 0.4, 1e-15);
    v = 0.0;
    CHECK_INT(parley_scenario_set_uncertain(ctx, s, &v), PARLEY_OK);
    CHECK_NEAR(parley_scenario_weight(s, 0, 0), 0.5 / 0.75, 1e-15);
    CHECK_INT(parley_scenario_set_uncertain(ctx, s, NULL), PARLEY_OK);
    CHECK_NEAR(parley_scenario_term_weight(s, 0), 0.25, 1e-15);
    parley_ctx_destroy(ctx);
    parley_scenario_destroy(s);
}

const test_case_t tests_links[] = {
    {"links/accessors", accessors},
    {"links/three_valued", three_valued},
    {"links/drawn_weight", drawn_weight},
    {NULL, NULL},
};
