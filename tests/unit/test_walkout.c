/*
 * test_walkout.c — essential parties and the walk-out vocabulary, hand
 * checked (docs/simulation.md, "Output and durability"): an essential party
 * walking out ends the talks; one that is not leaves them and the others go
 * on; a deal without an essential signatory does not count (in simulate and
 * in montecarlo); the set-up warnings.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parley/parley.h"
#include "parley/mc.h"
#include "../test.h"
#include "../../src/sim/simint.h" /* parley__sim_check_signatories */

/* A wants x = 100, B x = 0, C x = 50 (linear values); C walks away in round 2. */
static const char THREE[] =
    "parley: 1\n"
    "actors:\n"
    "  - {id: A, capability: 1, batna: 0}\n"
    "  - {id: B, capability: 1, batna: 0}\n"
    "  - {id: C, capability: 1, batna: 0, essential: %s}\n"
    "issues:\n"
    "  - {id: x, scale: {lo: 0, hi: 100}}\n"
    "stances:\n"
    "  A: {x: {salience: 1, ideal: 100}}\n"
    "  B: {x: {salience: 1, ideal: 0}}\n"
    "  C: {x: {salience: 1, ideal: 50}}\n"
    "simulation:\n"
    "  grid: 11\n"
    "  horizon: 11\n"
    "%s"
    "  tactics:\n"
    "    - {kind: walk-away, actor: C, round: 2, probability: %s,\n"
    "       credibility: {dist: uniform, min: 0, max: 1}}\n"; /* no BATNA effect: moves nothing */

static parley_scenario_t *load3(const char *essential, const char *extra, const char *p)
{
    static char text[4096];
    snprintf(text, sizeof text, THREE, essential, extra, p);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st = parley_scenario_load_buffer(ctx, "walkout.yaml", text, strlen(text), &s);
    if (st)
        fprintf(stderr, "  load: %s\n", parley_ctx_message(ctx));
    CHECK_INT(st, PARLEY_OK);
    parley_ctx_destroy(ctx);
    return s;
}

static parley_sim_t *run(const parley_scenario_t *s, const parley_sim_options_t *o)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_sim_t *sim = NULL;
    parley_sim_options_t d;
    parley_sim_options_init(&d);
    d.trace = 1;
    CHECK_INT(parley_sim_create(ctx, s, o ? o : &d, &sim), PARLEY_OK);
    if (sim)
        CHECK_INT(parley_sim_run(ctx, sim), PARLEY_OK);
    parley_ctx_destroy(ctx);
    return sim;
}

/* Essential C walks away at the end of round 2: the talks end there, a
 * breakdown, and C is the one who walked out, ending them. */
static void test_essential_walkout_ends_talks(void)
{
    parley_scenario_t *s = load3("true", "", "1");
    CHECK(parley_scenario_actor(s, 2)->essential);
    CHECK(!parley_scenario_actor(s, 0)->essential);
    parley_sim_t *sim = run(s, NULL);
    const parley_sim_result_t *r = parley_sim_result(sim);
    CHECK_INT(r->end, PARLEY_SIM_ESSENTIAL);
    CHECK_INT(r->round, 2);
    CHECK_INT(r->missing, 2);
    CHECK(r->walked[2] && r->ended[2]);
    CHECK(!r->walked[0] && !r->ended[0]);
    CHECK(r->terms == NULL);
    CHECK(strcmp(parley_sim_end_key(r->end), "breakdown-essential") == 0);
    CHECK(strcmp(parley_sim_end_text(r->end), "breakdown: an essential party walked out") == 0);
    parley_sim_destroy(sim);
    parley_scenario_destroy(s);
}

/* C not essential: it leaves in round 2 and A and B go on. Linear targets
 * 1 - (r-1)/10 (BATNA 0): in round 6 A's target is 0.5, so A offers x = 50,
 * worth 0.5 to B, whose target is 0.5 too: agreement in round 6 at 50,
 * signed by A and B only; C "left the talks (the others went on)". */
static void test_nonessential_leaves(void)
{
    parley_scenario_t *s = load3("false", "", "1");
    parley_sim_t *sim = run(s, NULL);
    const parley_sim_result_t *r = parley_sim_result(sim);
    CHECK_INT(r->end, PARLEY_SIM_AGREEMENT);
    CHECK_INT(r->round, 6);
    if (r->terms)
        CHECK_NEAR(r->terms[0], 50.0, 1e-9);
    CHECK(r->walked[2] && !r->ended[2]);
    CHECK(r->signatory[0] && r->signatory[1] && !r->signatory[2]);
    CHECK_INT(r->missing, (size_t)-1);
    /* The same deal, had C been essential, does not count: the hook every
     * rule that takes a signature away (ratification, blocs) ends with. */
    ((parley_actor_t *)parley_scenario_actor(s, 2))->essential = 1;
    parley__sim_check_signatories(sim);
    CHECK_INT(r->end, PARLEY_SIM_ESSENTIAL);
    CHECK_INT(r->missing, 2);
    CHECK(r->terms == NULL);
    CHECK(isnan(r->utility[0]));
    ((parley_actor_t *)parley_scenario_actor(s, 2))->essential = 0;
    parley_sim_destroy(sim);
    parley_scenario_destroy(s);
}

/* B outside the room (it only ratifies): A and C negotiate, and when C
 * leaves in round 2 A is alone in the room: a breakdown, fewer than two
 * parties left, which C's walking out caused. */
static void test_too_few(void)
{
    parley_scenario_t *s = load3("false", "", "1");
    parley_sim_options_t o;
    parley_sim_options_init(&o);
    signed char room[3] = {1, 0, 1}; /* B outside: A and C negotiate, C leaves in round 2 */
    o.room = room;
    parley_sim_t *sim = run(s, &o);
    const parley_sim_result_t *r = parley_sim_result(sim);
    CHECK_INT(r->end, PARLEY_SIM_WALKOUT);
    CHECK_INT(r->round, 2);
    CHECK(r->ended[2]); /* its walking out left A alone: it ended the talks */
    CHECK(strcmp(parley_sim_end_key(r->end), "breakdown-too-few") == 0);
    parley_sim_destroy(sim);
    parley_scenario_destroy(s);
}

/* Monte Carlo with C's walk-away carried out with probability 0.5 in each
 * sample: essential, every run is an agreement (C stayed: it is carried out
 * or not once, in round 2) or an essential breakdown (C walked out), the
 * latter about half; not essential, every run is an agreement and C "left"
 * in about half. */
static void mc_case(const char *essential, int want_essential)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = load3(essential, "", "0.5");
    parley_mc_options_t o;
    parley_mc_options_init(&o);
    o.what = PARLEY_MC_SIMULATE;
    o.samples = 4000;
    o.seed = 7;
    parley_mc_t *mc = NULL;
    parley_status_t st = parley_mc_create(ctx, s, &o, &mc);
    if (!st)
        st = parley_mc_run(ctx, mc, NULL, NULL);
    if (st)
        fprintf(stderr, "  %s\n", parley_ctx_message(ctx));
    CHECK_INT(st, PARLEY_OK);
    if (st) {
        parley_mc_destroy(mc);
        parley_scenario_destroy(s);
        parley_ctx_destroy(ctx);
        return;
    }
    size_t end = parley_mc_find_stat(mc, "end"), left = parley_mc_find_stat(mc, "left"),
           out = parley_mc_find_stat(mc, "walked_out");
    CHECK(end != (size_t)-1 && left != (size_t)-1 && out != (size_t)-1);
    uint64_t n = parley_mc_samples(mc), agreed = parley_mc_count(mc, end, 0),
             broke = parley_mc_count(mc, end, 3);
    double lo, hi;
    if (want_essential) {
        CHECK(agreed + broke == n);
        CHECK(parley_mc_count(mc, out, 2) == broke);
        CHECK(parley_mc_count(mc, left, 2) == 0);
        parley_mc_wilson(broke, n, &lo, &hi);
    } else {
        CHECK(agreed == n);
        CHECK(broke == 0);
        CHECK(parley_mc_count(mc, out, 2) == 0);
        parley_mc_wilson(parley_mc_count(mc, left, 2), n, &lo, &hi);
    }
    CHECK(lo < 0.5 && 0.5 < hi);
    parley_mc_destroy(mc);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

static void test_mc_counts_no_deal_without_essential(void)
{
    mc_case("true", 1);
    mc_case("false", 0);
}

static int has_warning(const parley_sim_t *sim, parley_sim_warning_kind_t kind, size_t actor)
{
    for (size_t k = 0; k < parley_sim_warning_count(sim); k++)
        if (parley_sim_warning(sim, k)->kind == kind && parley_sim_warning(sim, k)->actor == actor)
            return 1;
    return 0;
}

/* The set-up rules: a tit-for-tat mediator in the room of mediated talks;
 * a walk-away due in round 2 with --horizon 1; the mediator outside the
 * room; an essential party outside it with no event bringing it in. */
static void test_warnings(void)
{
    parley_scenario_t *s = load3("false",
                                 "  protocol: mediated\n  mediator: A\n"
                                 "  strategies: {A: tit-for-tat}\n", "0");
    parley_sim_t *sim = run(s, NULL);
    CHECK(has_warning(sim, PARLEY_SIM_WARN_FIRM_MEDIATOR, 0));
    CHECK_INT(parley_sim_warning_count(sim), 1);
    char buf[512];
    parley_sim_warning_text(sim, 0, buf, sizeof buf);
    CHECK(strstr(buf, "the mediator A plays tit-for-tat") != NULL);
    parley_sim_destroy(sim);
    /* --horizon 1: C's walk-away (round 2) never happens. */
    parley_sim_options_t o;
    parley_sim_options_init(&o);
    o.horizon = 1;
    sim = run(s, &o);
    CHECK(has_warning(sim, PARLEY_SIM_WARN_PAST_HORIZON, 2));
    parley_sim_destroy(sim);
    parley_scenario_destroy(s);
    /* Essential C and mediator A outside the room. */
    s = load3("true", "  protocol: mediated\n  mediator: A\n  room: [B, C]\n", "0");
    signed char room[3] = {0, 1, -1};
    parley_sim_options_init(&o);
    sim = run(s, &o);
    CHECK(!has_warning(sim, PARLEY_SIM_WARN_ESSENTIAL_OUT, 2));
    CHECK(has_warning(sim, PARLEY_SIM_WARN_MEDIATOR_OUT, 0));
    parley_sim_destroy(sim);
    room[1] = 1;
    room[2] = 0;
    room[0] = 1;
    o.room = room;
    sim = run(s, &o);
    CHECK(has_warning(sim, PARLEY_SIM_WARN_ESSENTIAL_OUT, 2));
    CHECK(!has_warning(sim, PARLEY_SIM_WARN_MEDIATOR_OUT, 0));
    parley_sim_destroy(sim);
    parley_scenario_destroy(s);
}

/* --set simulation.strategies.A=tit-for-tat replaces A's whole strategy
 * mapping {kind: boulware, e: 0.3} (its e does not carry over). */
static void test_set_strategy(void)
{
    static char text[4096];
    snprintf(text, sizeof text, THREE, "false",
             "  strategies: {A: {kind: time, e: 0.3}, B: linear}\n", "1");
    parley_override_t ov[2] = {{"simulation.strategies.A", "tit-for-tat"},
                               {"simulation.strategies.C", "hardline"}};
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    CHECK_INT(parley_scenario_load_buffer_with(ctx, "set.yaml", text, strlen(text), ov, 2, &s),
              PARLEY_OK);
    if (s) {
        const parley_sim_config_t *c = parley_scenario_simulation(s);
        CHECK_INT(c->strategies[0].kind, PARLEY_STRATEGY_TIT_FOR_TAT);
        CHECK(strcmp(c->strategies[0].name, "tit-for-tat") == 0);
        CHECK_NEAR(c->strategies[0].e, 1.0, 0); /* the word's own e, not the mapping's 0.3 */
        CHECK_INT(c->strategies[1].kind, PARLEY_STRATEGY_TIME); /* untouched */
        CHECK_INT(c->strategies[2].kind, PARLEY_STRATEGY_HARDLINE); /* a key added */
    }
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

const test_case_t tests_walkout[] = {
    {"walkout/set_strategy", test_set_strategy},
    {"walkout/essential_ends_talks", test_essential_walkout_ends_talks},
    {"walkout/nonessential_leaves", test_nonessential_leaves},
    {"walkout/too_few", test_too_few},
    {"walkout/mc_no_deal_without_essential", test_mc_counts_no_deal_without_essential},
    {"walkout/warnings", test_warnings},
    {NULL, NULL},
};
