/*
 * test_transfer.c — side payments (docs/agreement-space.md, "Transfers"):
 * hand-checked cases of the cheapest transfer on a package, in the space
 * and against a simulator's reservations, and the loader's accessors.
 *
 * The scenario: two actors, one issue split = a | mid | b. A values a 1,
 * mid 0.5, b 0; B the reverse; both BATNAs 0.6, so no package is
 * acceptable to both (mid gives each 0.5). A can pay B on channel `aid`.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "parley/eval.h"
#include "parley/space.h"
#include "parley/transfer.h"
#include "../test.h"

#define HEAD                                                                                \
    "parley: 1\n"                                                                           \
    "actors:\n"                                                                             \
    "  - {id: A, capability: 1, batna: 0.6}\n"                                              \
    "  - {id: B, capability: 1, batna: 0.6}\n"                                              \
    "issues:\n"                                                                             \
    "  - {id: split, options: [a, mid, b]}\n"                                               \
    "stances:\n"                                                                            \
    "  A: {split: {values: {a: 1, mid: 0.5, b: 0}, salience: 1}}\n"                         \
    "  B: {split: {values: {a: 0, mid: 0.5, b: 1}, salience: 1, red_line: [b]}}\n"          \
    "transfers:\n"

static parley_scenario_t *load(const char *channels)
{
    char text[2048];
    snprintf(text, sizeof text, "%s%s", HEAD, channels);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    if (parley_scenario_load_buffer(ctx, "t.yaml", text, strlen(text), &s) != PARLEY_OK)
        fprintf(stderr, "%s\n", parley_ctx_message(ctx));
    parley_ctx_destroy(ctx);
    return s;
}

static parley_transfer_plan_t plan_at(const parley_scenario_t *s, double option)
{
    parley_transfer_plan_t p;
    double pkg[1] = {option};
    parley_transfer_package(s, NULL, pkg, &p);
    return p;
}

#define AID(max, cost, value)                                                               \
    "  - {id: aid, from: A, to: B, unit: EUR bn, max: " max ", cost: " cost ", value: " value "}\n"

/* A transfer that creates a ZOPA, exactly at B's BATNA. On `a` B has 0 and
 * needs 0.6: t = 0.6 / 0.02 = 30 units (the whole limit), B ends at
 * 0 + 0.02 * 30 = 0.6 = its BATNA exactly (in doubles 0.02 * 30 is
 * 0.6000000000000001: only exact arithmetic calls this a tie rather than by
 * luck), A at 1 - 0.01 * 30 = 0.7 >= 0.6. Cost 0.01 * 30 = 3/10. On `mid`
 * B needs 0.1 (5 units) but A, already 0.1 short, has nobody paying it:
 * none. On `b` B's red line vetoes. */
static void creates_zopa(void)
{
    parley_scenario_t *s = load(AID("30", "0.01", "0.02"));
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK_INT(parley_scenario_transfer_count(s), 1);
    const parley_transfer_t *t = parley_scenario_transfer(s, 0);
    CHECK_STR(t->id, "aid");
    CHECK_STR(t->unit, "EUR bn");
    CHECK_INT(t->from, 0);
    CHECK_INT(t->to, 1);
    parley_transfer_plan_t p = plan_at(s, 0.0);
    CHECK_INT(p.status, PARLEY_TRANSFER_FOUND);
    CHECK_STR(p.units_exact[0], "30");
    CHECK_STR(p.cost_exact, "3/10");
    CHECK_STR(p.total_units_exact, "30");
    CHECK_NEAR(parley_transfer_net(s, &p, 0), -0.3, 1e-15);
    CHECK_NEAR(parley_transfer_net(s, &p, 1), 0.6, 1e-15);
    CHECK_INT(plan_at(s, 1.0).status, PARLEY_TRANSFER_NONE);
    CHECK_INT(plan_at(s, 2.0).status, PARLEY_TRANSFER_RED_LINE);
    parley_scenario_destroy(s);
}

/* Too small: 29 units give B 0.58 < 0.6. */
static void too_small(void)
{
    parley_scenario_t *s = load(AID("29", "0.01", "0.02"));
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK_INT(plan_at(s, 0.0).status, PARLEY_TRANSFER_NONE);
    parley_scenario_destroy(s);
}

/* The payer would rather walk away: at cost 0.02 a unit, 30 units leave A
 * at 1 - 0.6 = 0.4 < 0.6; at cost 0.0133.. (2/150) it is exactly 0.6 again
 * (1 - 30 * 2/150 = 0.6): a tie, accepted. */
static void payer_walks(void)
{
    parley_scenario_t *s = load(AID("30", "0.02", "0.02"));
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK_INT(plan_at(s, 0.0).status, PARLEY_TRANSFER_NONE);
    parley_scenario_destroy(s);
    s = load(AID("30", "2/150", "0.02"));
    CHECK(s != NULL);
    if (!s)
        return;
    parley_transfer_plan_t p = plan_at(s, 0.0);
    CHECK_INT(p.status, PARLEY_TRANSFER_FOUND);
    CHECK_STR(p.cost_exact, "2/5"); /* 30 * 2/150 */
    parley_scenario_destroy(s);
}

/* Two channels: the cheaper one per unit of B's gain is used first. Cash
 * costs 0.01 for 0.02 (0.5 per unit of value), assets 0.004 for 0.01 (0.4),
 * at most 40. B needs 0.6: assets 40 give 0.4 for 0.16, cash 10 give the
 * other 0.2 for 0.1: cost 0.26 = 13/50, 50 units; A ends at 0.74. */
static void two_channels(void)
{
    parley_scenario_t *s = load(
        "  - {id: cash, from: A, to: B, max: 100, cost: 0.01, value: 0.02}\n"
        "  - {id: assets, from: A, to: B, max: 40, cost: 0.004, value: 0.01}\n");
    CHECK(s != NULL);
    if (!s)
        return;
    parley_transfer_plan_t p = plan_at(s, 0.0);
    CHECK_INT(p.status, PARLEY_TRANSFER_FOUND);
    CHECK_STR(p.units_exact[0], "10");
    CHECK_STR(p.units_exact[1], "40");
    CHECK_STR(p.cost_exact, "13/50");
    CHECK_STR(p.total_units_exact, "50");
    CHECK_NEAR(parley_transfer_net(s, &p, 0), -0.26, 1e-15);
    parley_scenario_destroy(s);
}

/* Ties in cost go to fewer units, then to the channels listed first: two
 * channels of the same rates (cost 0.01, value 0.02): t = (30, 0). A
 * third way: a channel worth 0.04 at cost 0.02 costs the same 0.3 for 15
 * units, so it wins on units. */
static void ties(void)
{
    parley_scenario_t *s = load("  - {id: one, from: A, to: B, max: 30, cost: 0.01, value: 0.02}\n"
                                "  - {id: two, from: A, to: B, max: 30, cost: 0.01, value: 0.02}\n"
                                "  - {id: big, from: A, to: B, max: 30, cost: 0.02, value: 0.04}\n");
    CHECK(s != NULL);
    if (!s)
        return;
    parley_transfer_plan_t p = plan_at(s, 0.0);
    CHECK_INT(p.status, PARLEY_TRANSFER_FOUND);
    CHECK_STR(p.cost_exact, "3/10");
    CHECK_STR(p.units_exact[2], "15");
    CHECK_STR(p.units_exact[0], "0");
    parley_scenario_destroy(s);
    s = load("  - {id: one, from: A, to: B, max: 30, cost: 0.01, value: 0.02}\n"
             "  - {id: two, from: A, to: B, max: 30, cost: 0.01, value: 0.02}\n");
    p = plan_at(s, 0.0);
    CHECK_STR(p.units_exact[0], "30");
    CHECK_STR(p.units_exact[1], "0");
    parley_scenario_destroy(s);
}

/* The space: no ZOPA without transfers; with them one frontier point of the
 * relaxed space (B may receive up to 0.6, A nothing: A needs >= 0.6, B
 * >= 0, which leaves `a` alone) is acceptable, at 3/10. */
static void space_point(void)
{
    parley_scenario_t *s = load(AID("30", "0.01", "0.02"));
    CHECK(s != NULL);
    if (!s)
        return;
    parley_ctx_t *ctx = parley_ctx_create();
    parley_space_t *sp = NULL;
    CHECK_INT(parley_space_create(ctx, s, NULL, &sp), PARLEY_OK);
    parley_util_t r[2], u[2];
    CHECK(parley_transfer_relaxed(sp, r));
    uint32_t opt[1] = {0};
    parley_space_utilities(sp, opt, u);
    CHECK(u[0] >= r[0] && u[1] >= r[1]); /* a meets the relaxed reservations */
    opt[0] = 1;
    parley_space_utilities(sp, opt, u);
    CHECK(u[0] < r[0]);                  /* mid does not: A 0.5 < 0.6 */
    CHECK(parley_space_value(sp, 1, r[1]) == 0.0); /* 0.6 - 0.02 * 30 */
    opt[0] = 0;
    parley_space_utilities(sp, opt, u);
    parley_transfer_plan_t p;
    parley_transfer_space(sp, u, NULL, &p);
    CHECK_INT(p.status, PARLEY_TRANSFER_FOUND);
    CHECK_STR(p.cost_exact, "3/10");
    parley_space_destroy(sp);
    parley_ctx_destroy(ctx);
    parley_scenario_destroy(s);
}

/* Against a simulator's reservations: with B's at 0.5 on `a`, 25 units
 * (0.5 / 0.02) for 0.25; with A's at 0.8 as well, 25 units leave A at
 * 0.75 < 0.8: none. */
static void reservations(void)
{
    parley_scenario_t *s = load(AID("30", "0.01", "0.02"));
    CHECK(s != NULL);
    if (!s)
        return;
    double pkg[1] = {0.0}, res[2] = {0.6, 0.5};
    parley_transfer_plan_t p;
    parley_transfer_reservations(s, NULL, pkg, res, &p);
    CHECK_INT(p.status, PARLEY_TRANSFER_FOUND);
    CHECK_STR(p.units_exact[0], "25");
    CHECK_STR(p.cost_exact, "1/4");
    res[0] = 0.8;
    parley_transfer_reservations(s, NULL, pkg, res, &p);
    CHECK_INT(p.status, PARLEY_TRANSFER_NONE);
    unsigned char in[2] = {0, 1}; /* A not in the room: no channel, B short: none */
    res[0] = 0.6;
    parley_transfer_reservations(s, in, pkg, res, &p);
    CHECK_INT(p.status, PARLEY_TRANSFER_NONE);
    CHECK(!p.used[0]);
    parley_scenario_destroy(s);
}

const test_case_t tests_transfer[] = {
    {"transfer/creates_zopa", creates_zopa},
    {"transfer/too_small", too_small},
    {"transfer/payer_walks", payer_walks},
    {"transfer/two_channels", two_channels},
    {"transfer/ties", ties},
    {"transfer/space_point", space_point},
    {"transfer/reservations", reservations},
    {NULL, NULL},
};
