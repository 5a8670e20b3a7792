/*
 * test_sim.c — the simulator on small hand-checked cases: two time-dependent
 * agents agree in the round Faratin's formula gives, deadlines press and lose
 * credibility, walk-aways move BATNAs, leaks harden red lines, hard-liners
 * wait while their BATNA rises, tit-for-tat mirrors, the mediator converges,
 * durability follows the drift; and the scenario's uncertain inputs.
 */
#include <math.h>
#include <stdlib.h>
#include "parley/parley.h"
#include "../test.h"
#include "../../src/core/core.h" /* parley__alloc_fail_after */

/* Two actors on one 0..100 issue with linear values, A wanting 100, B 0. */
static const char BASE[] =
    "parley: 1\n"
    "actors:\n"
    "  - {id: A, capability: 1, batna: %s, batna_drift: %s}\n"
    "  - {id: B, capability: 1, batna: %s, batna_drift: %s}\n"
    "issues:\n"
    "  - {id: x, scale: {lo: 0, hi: 100}}\n"
    "stances:\n"
    "  A: {x: {salience: 1, ideal: 100}}\n"
    "  B: {x: {salience: 1, ideal: 0}}\n"
    "proposals:\n"
    "  - {id: p30, positions: {x: 30}}\n"
    "simulation:\n"
    "  grid: 11\n"
    "  horizon: 11\n"
    "%s";

static parley_scenario_t *load(const char *ba, const char *da, const char *bb, const char *db,
                               const char *sim)
{
    static char text[8192];
    snprintf(text, sizeof text, BASE, ba, da, bb, db, sim);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st = parley_scenario_load_buffer(ctx, "sim.yaml", text, strlen(text), &s);
    if (st)
        fprintf(stderr, "  load: %s\n", parley_ctx_message(ctx));
    CHECK_INT(st, PARLEY_OK);
    parley_ctx_destroy(ctx);
    return s;
}

static parley_sim_t *play(const parley_scenario_t *s, const parley_sim_options_t *o)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_sim_t *sim = NULL;
    parley_sim_options_t dflt;
    parley_sim_options_init(&dflt);
    dflt.trace = 1;
    CHECK_INT(parley_sim_create(ctx, s, o ? o : &dflt, &sim), PARLEY_OK);
    if (sim)
        CHECK_INT(parley_sim_run(ctx, sim), PARLEY_OK);
    parley_ctx_destroy(ctx);
    return sim;
}

/* Faratin's target with k = 0: 1 - t^(1/e) of the span above BATNA 0. */
static double target(double e, unsigned round, unsigned horizon)
{
    return 1.0 - pow((double)(round - 1) / (double)(horizon - 1), 1.0 / e);
}

/* A proposes first; A's offer is the lowest grid point worth its target,
 * B accepts when it is worth B's target; then B's offer, mirrored. */
static unsigned expected_round(double e, unsigned horizon, double *x)
{
    for (unsigned t = 1; t <= horizon; t++) {
        double tau = target(e, t, horizon);
        double xa = 10.0 * ceil(10.0 * tau - 1e-9);
        if (1.0 - xa / 100.0 >= tau - 1e-12) {
            *x = xa;
            return t;
        }
        double xb = 100.0 - xa;
        if (xb / 100.0 >= tau - 1e-12) {
            *x = xb;
            return t;
        }
    }
    return 0;
}

static void check_time_dependent(const char *kind, double e)
{
    char sim[256];
    snprintf(sim, sizeof sim, "  strategies: {A: %s, B: %s}\n", kind, kind);
    parley_scenario_t *s = load("0", "0", "0", "0", sim);
    parley_sim_t *r = play(s, NULL);
    double x = -1;
    unsigned want = expected_round(e, 11, &x);
    const parley_sim_result_t *res = parley_sim_result(r);
    CHECK(want > 0);
    CHECK_INT(res->end, PARLEY_SIM_AGREEMENT);
    CHECK_INT(res->round, want);
    if (res->terms)
        CHECK_NEAR(res->terms[0], x, 1e-9);
    CHECK_NEAR(res->utility[0], x / 100.0, 1e-12);
    CHECK_NEAR(res->utility[1], 1.0 - x / 100.0, 1e-12);
    /* Every round's target follows the formula. */
    for (size_t k = 0; k < parley_sim_round_count(r); k++) {
        const parley_sim_round_t *rd = parley_sim_round(r, k);
        CHECK_NEAR(rd->target[0], target(e, rd->round, 11), 1e-12);
    }
    parley_sim_destroy(r);
    parley_scenario_destroy(s);
}

static void test_linear_agents(void)
{
    check_time_dependent("linear", 1.0); /* round 6 at x = 50 */
}

static void test_boulware_agents(void)
{
    check_time_dependent("boulware", 0.2);
    check_time_dependent("{kind: time, e: 0.5}", 0.5); /* round 9 at x = 40 */
    check_time_dependent("conceder", 5.0);
}

static void test_deadline_presses_then_fades(void)
{
    parley_scenario_t *s = load("0.2", "0", "0.2", "0",
                                "  strategies: {A: boulware, B: boulware}\n"
                                "  tactics:\n"
                                "    - {kind: deadline, actor: A, round: 3, credibility: 1, "
                                "decay: 0.5, every: 4}\n");
    parley_sim_options_t o;
    parley_sim_options_init(&o);
    o.trace = 1;
    o.protocol = PARLEY_PROTOCOL_MEDIATED; /* no early deal: the neutral text is at 50 */
    parley_sim_t *r = play(s, &o);
    const parley_sim_round_t *r3 = parley_sim_round(r, 2);
    CHECK(r3 != NULL);
    if (r3) /* fully credible deadline at round 3: B's target is its reservation */
        CHECK_NEAR(r3->target[1], 0.2, 1e-12);
    if (r3) /* A does not press itself */
        CHECK(r3->target[0] > 0.9);
    int faded = 0;
    for (size_t k = 0; k < parley_sim_note_count(r); k++)
        faded |= strstr(parley_sim_note(r, k), "credibility 1.00 -> 0.50") != NULL;
    CHECK(faded || parley_sim_result(r)->end == PARLEY_SIM_AGREEMENT);
    parley_sim_destroy(r);
    parley_scenario_destroy(s);
}

static void test_walk_away_moves_batnas(void)
{
    parley_scenario_t *s = load("0.3", "0", "0.6", "0",
                                "  strategies: {A: boulware, B: boulware}\n"
                                "  tactics:\n"
                                "    - {kind: walk-away, actor: A, round: 2, credibility: 0.5, "
                                "batna: {B: -0.2}}\n");
    parley_sim_t *r = play(s, NULL);
    const parley_sim_round_t *r1 = parley_sim_round(r, 0);
    /* Round 1: B believes half the threat: reservation 0.6 - 0.5 x 0.2. */
    if (r1)
        CHECK_NEAR(r1->reservation[1], 0.5, 1e-12);
    const parley_sim_result_t *res = parley_sim_result(r);
    CHECK_INT(res->end, PARLEY_SIM_WALKOUT);
    CHECK_INT(res->round, 2);
    CHECK(res->walked[0]);
    CHECK_NEAR(res->batna[1], 0.4, 1e-12);
    parley_sim_destroy(r);
    parley_scenario_destroy(s);
}

static void test_leak_hardens_red_lines(void)
{
    parley_scenario_t *s = load("0", "0", "0", "0",
                                "  strategies: {A: boulware, B: boulware}\n"
                                "  tactics:\n"
                                "    - {kind: leak, round: 1, proposal: p30, "
                                "audience_cost: {A: 0.1}, harden: [x]}\n");
    parley_sim_t *r = play(s, NULL);
    const parley_sim_round_t *r1 = parley_sim_round(r, 0);
    if (r1)
        CHECK_NEAR(r1->reservation[0], 0.1, 1e-12);
    const parley_sim_result_t *res = parley_sim_result(r);
    /* A's red line now vetoes 30 and below: any deal gives A more than 30. */
    CHECK_INT(res->end, PARLEY_SIM_AGREEMENT);
    if (res->terms)
        CHECK(res->terms[0] > 30.0);
    /* Without the leak the deal is the symmetric one. */
    unsigned char off[1] = {1};
    parley_sim_options_t o;
    parley_sim_options_init(&o);
    o.tactic_off = off;
    parley_sim_t *r2 = play(s, &o);
    CHECK_INT(parley_sim_result(r2)->end, PARLEY_SIM_AGREEMENT);
    CHECK(parley_sim_result(r2)->terms && parley_sim_result(r2)->terms[0] <= 60.0);
    parley_sim_destroy(r2);
    parley_sim_destroy(r);
    parley_scenario_destroy(s);
}

static void test_hardline_waits_while_batna_rises(void)
{
    parley_scenario_t *s = load("0", "0.01", "0", "0",
                                "  strategies: {A: hardline, B: linear}\n");
    parley_sim_t *r = play(s, NULL);
    for (size_t k = 0; k < parley_sim_round_count(r); k++) /* its ideal, every round */
        CHECK_NEAR(parley_sim_round(r, k)->target[0], 1.0, 1e-12);
    /* B concedes to its BATNA 0 at the horizon and takes A's ideal. */
    const parley_sim_result_t *res = parley_sim_result(r);
    CHECK_INT(res->end, PARLEY_SIM_AGREEMENT);
    CHECK_INT(res->round, 11);
    if (res->terms)
        CHECK_NEAR(res->terms[0], 100.0, 1e-9);
    /* A BATNA is a utility: it stops at 1 and never overtakes A's ideal. */
    CHECK(res->holds);
    parley_sim_destroy(r);
    parley_scenario_destroy(s);
}

static void test_durability(void)
{
    /* A's BATNA rises 0.02 a round from 0: its targets rise too, and the linear agents
     * settle on 50 in round 7 (A's BATNA then 0.12); 0.12 + 0.02 m first exceeds A's 0.5
     * at m = 20. B's BATNA falls and never breaks the deal. */
    parley_scenario_t *s = load("0", "0.02", "0", "-0.01", "");
    parley_sim_t *r = play(s, NULL);
    const parley_sim_result_t *res = parley_sim_result(r);
    CHECK_INT(res->end, PARLEY_SIM_AGREEMENT);
    CHECK_INT(res->round, 7);
    CHECK_NEAR(res->batna[0], 0.12, 1e-12);
    CHECK_NEAR(res->utility[0], 0.5, 1e-12);
    CHECK(!res->holds);
    CHECK_INT(res->durability, 20);
    CHECK_INT(res->breaker, 0);
    parley_sim_destroy(r);
    parley_scenario_destroy(s);
}

static void test_tit_for_tat_mirrors(void)
{
    /* Against a hard-liner who never concedes, tit-for-tat never concedes either. */
    parley_scenario_t *s = load("0", "0.01", "0", "0",
                                "  strategies: {A: hardline, B: tit-for-tat}\n");
    parley_sim_t *r = play(s, NULL);
    for (size_t k = 0; k < parley_sim_round_count(r); k++)
        CHECK_NEAR(parley_sim_round(r, k)->target[1], 1.0, 1e-12);
    CHECK_INT(parley_sim_result(r)->end, PARLEY_SIM_HORIZON);
    parley_sim_destroy(r);
    parley_scenario_destroy(s);
    /* Against a linear conceder it concedes what it was conceded (factor 1). */
    s = load("0", "0", "0", "0", "  strategies: {A: linear, B: tit-for-tat}\n");
    r = play(s, NULL);
    CHECK_INT(parley_sim_result(r)->end, PARLEY_SIM_AGREEMENT);
    const parley_sim_round_t *r4 = parley_sim_round(r, 3);
    if (r4) /* A offered 90, 80, then 70: B's target fell by 0.1 twice */
        CHECK_NEAR(r4->target[1], 0.8, 1e-9);
    parley_sim_destroy(r);
    parley_scenario_destroy(s);
}

static void test_mediated_plenary_and_shuttle(void)
{
    parley_scenario_t *s = load("0", "0", "0", "0",
                                "  protocol: mediated\n"
                                "  strategies: {A: linear, B: linear}\n");
    parley_sim_t *r = play(s, NULL);
    const parley_sim_result_t *res = parley_sim_result(r);
    /* A neutral mediator's first text is the favour-weighted best; both concede
     * linearly and accept it once their targets reach its value. */
    CHECK_INT(res->end, PARLEY_SIM_AGREEMENT);
    if (res->terms)
        CHECK_NEAR(res->utility[0] + res->utility[1], 1.0, 1e-12);
    unsigned plenary = res->round;
    parley_sim_options_t o;
    parley_sim_options_init(&o);
    o.meeting = PARLEY_MEETING_SHUTTLE;
    o.trace = 1;
    parley_sim_t *r2 = play(s, &o);
    CHECK_INT(parley_sim_result(r2)->end, PARLEY_SIM_AGREEMENT);
    CHECK(parley_sim_result(r2)->round >= plenary);
    /* Shuttle: one party answers per move. */
    const parley_sim_move_t *mv = parley_sim_move(r2, 0);
    if (mv)
        CHECK((mv->answer[0] < 0) != (mv->answer[1] < 0));
    parley_sim_destroy(r2);
    parley_sim_destroy(r);
    parley_scenario_destroy(s);
}

static void test_room_and_ratification(void)
{
    static const char TEXT[] =
        "parley: 1\n"
        "actors:\n"
        "  - {id: A, capability: 1, batna: 0}\n"
        "  - {id: B, capability: 1, batna: 0}\n"
        "  - {id: C, capability: 1, batna: 0.9}\n"
        "issues:\n"
        "  - {id: x, scale: {lo: 0, hi: 100}}\n"
        "stances:\n"
        "  A: {x: {salience: 1, ideal: 100}}\n"
        "  B: {x: {salience: 1, ideal: 0}}\n"
        "  C: {x: {salience: 1, ideal: 50}}\n"
        "simulation:\n"
        "  room: [A, B]\n"
        "  horizon: 11\n";
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    CHECK_INT(parley_scenario_load_buffer(ctx, "room.yaml", TEXT, sizeof TEXT - 1, &s), PARLEY_OK);
    parley_sim_t *r = play(s, NULL);
    /* A and B agree on 50 in round 6 (linear); C, outside, gets 1 >= 0.9 and ratifies. */
    const parley_sim_result_t *res = parley_sim_result(r);
    CHECK_INT(res->end, PARLEY_SIM_AGREEMENT);
    CHECK_INT(res->round, 6);
    CHECK(res->signatory[2]);
    /* The ratification is in the trace. */
    int ratified = 0;
    for (size_t k = 0; k < parley_sim_move_count(r); k++)
        ratified |= parley_sim_move(r, k)->kind == PARLEY_MOVE_RATIFY;
    CHECK(ratified);
    parley_sim_destroy(r);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

static void test_uncertain_inputs(void)
{
    parley_scenario_t *s = load("{dist: uniform, min: 0.1, max: 0.3}", "0",
                                "{dist: triangular, min: 0, mode: 0.1, max: 0.4, value: 0.2}",
                                "{dist: normal, mean: 0, sd: 0.01, min: -0.05, max: 0.05}", "");
    CHECK_INT(parley_scenario_uncertain_count(s), 3);
    const parley_uncertain_t *u = parley_scenario_uncertain(s, 0);
    CHECK_STR(u->path, "actors.A.batna");
    CHECK_NEAR(u->base, 0.2, 1e-15);
    CHECK_NEAR(parley_scenario_actor(s, 0)->batna, 0.2, 1e-15);
    CHECK_NEAR(parley_scenario_uncertain(s, 1)->base, 0.2, 1e-15); /* value given */
    CHECK_INT(parley_scenario_uncertain(s, 2)->dist, PARLEY_DIST_NORMAL);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *c = NULL;
    CHECK_INT(parley_scenario_clone(ctx, s, &c), PARLEY_OK);
    double v[3] = {0.25, 0.05, 0.01};
    CHECK_INT(parley_scenario_set_uncertain(ctx, c, v), PARLEY_OK);
    CHECK_NEAR(parley_scenario_actor(c, 0)->batna, 0.25, 0);
    CHECK_NEAR(parley_scenario_actor(c, 1)->batna_drift, 0.01, 0);
    CHECK_NEAR(parley_scenario_actor(s, 0)->batna, 0.2, 0); /* the original is untouched */
    double bad[3] = {0.5, 0.05, 0.01};
    CHECK_INT(parley_scenario_set_uncertain(ctx, c, bad), PARLEY_EARG);
    CHECK_NEAR(parley_scenario_actor(c, 0)->batna, 0.25, 0); /* nothing changed */
    CHECK_INT(parley_scenario_set_uncertain(ctx, c, NULL), PARLEY_OK);
    CHECK_NEAR(parley_scenario_actor(c, 0)->batna, 0.2, 0);
    /* A simulator re-reads the scenario at each reset. */
    parley_sim_t *sim = NULL;
    CHECK_INT(parley_sim_create(ctx, c, NULL, &sim), PARLEY_OK);
    CHECK_INT(parley_sim_run(ctx, sim), PARLEY_OK);
    double before = parley_sim_result(sim)->batna[0];
    CHECK_INT(parley_scenario_set_uncertain(ctx, c, v), PARLEY_OK);
    CHECK_INT(parley_sim_run(ctx, sim), PARLEY_OK);
    CHECK(parley_sim_result(sim)->batna[0] != before);
    parley_sim_destroy(sim);
    parley_scenario_destroy(c);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

static void test_bad_distributions(void)
{
    static const struct {
        const char *batna, *msg;
    } CASES[] = {
        {"{dist: uniform, min: 0.5, max: 1.5}", "leaves the allowed range [0, 1]"},
        {"{dist: triangular, min: 0.1, mode: 0.5, max: 0.3}", "'mode' 0.5 is outside"},
        {"{dist: normal, mean: 0.5}", "needs 'sd'"},
        {"{dist: gamma, min: 0, max: 1}", "unknown distribution 'gamma'"},
        {"{dist: uniform, min: 0.1, max: 0.3, value: 0.5}", "outside the distribution's range"},
        {"{dist: beta, alpha: 0, beta: 2}", "must be > 0"},
    };
    for (size_t k = 0; k < sizeof CASES / sizeof *CASES; k++) {
        char text[1024];
        snprintf(text, sizeof text, BASE, CASES[k].batna, "0", "0", "0", "");
        parley_ctx_t *ctx = parley_ctx_create();
        parley_scenario_t *s = NULL;
        CHECK_INT(parley_scenario_load_buffer(ctx, "bad.yaml", text, strlen(text), &s),
                  PARLEY_EINPUT);
        CHECK_CONTAINS(parley_ctx_message(ctx), CASES[k].msg);
        CHECK_CONTAINS(parley_ctx_message(ctx), "bad.yaml:3:");
        parley_ctx_destroy(ctx);
    }
}

static void test_deterministic_and_allocation_failures(void)
{
    parley_scenario_t *s = load("0.1", "0.01", "0.2", "-0.01",
                                "  protocol: mediated\n  meeting: shuttle\n"
                                "  strategies: {A: boulware, B: tit-for-tat}\n");
    parley_sim_t *a = play(s, NULL), *b = play(s, NULL);
    CHECK_INT(parley_sim_result(a)->round, parley_sim_result(b)->round);
    CHECK_INT(parley_sim_move_count(a), parley_sim_move_count(b));
    parley_sim_destroy(a);
    parley_sim_destroy(b);
    parley_ctx_t *ctx = parley_ctx_create();
    for (long n = 0; n < 200; n++) { /* every allocation failure is reported, nothing leaks */
        parley_sim_options_t o;
        parley_sim_options_init(&o);
        o.trace = 1;
        parley_sim_t *sim = NULL;
        parley__alloc_fail_after(n);
        parley_status_t st = parley_sim_create(ctx, s, &o, &sim);
        if (!st)
            st = parley_sim_run(ctx, sim);
        parley__alloc_fail_after(-1);
        CHECK(st == PARLEY_OK || st == PARLEY_ENOMEM);
        parley_sim_destroy(sim);
        if (st == PARLEY_OK && n > 0)
            break;
    }
    parley_ctx_destroy(ctx);
    parley_scenario_destroy(s);
}

/* ---- Linkage: random small linked scenarios under every protocol. */

static unsigned lcg(unsigned long long *x)
{
    *x = *x * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)(*x >> 33);
}

/* A random scenario: two continuous issues and an ordered three-option
 * one, a constraint (of either form), a conditional red line of A, a term
 * of B (bonus or penalty); with three actors, C ratifies from outside the
 * room or mediates. */
static parley_scenario_t *random_linked(unsigned long long seed, int n_actors)
{
    static char text[8192];
    unsigned long long x = seed;
    int len = snprintf(text, sizeof text, "parley: 1\nactors:\n");
    const char *ids[3] = {"A", "B", "C"}, *opts[3] = {"o0", "o1", "o2"};
    for (int i = 0; i < n_actors; i++)
        len += snprintf(text + len, sizeof text - (size_t)len,
                        "  - {id: %s, capability: %u, batna: 0.%u}\n", ids[i], 1 + lcg(&x) % 3,
                        1 + lcg(&x) % 4);
    len += snprintf(text + len, sizeof text - (size_t)len,
                    "issues:\n  - {id: a, scale: {lo: 0, hi: 10}}\n"
                    "  - {id: b, scale: {lo: 0, hi: 10}}\n"
                    "  - {id: c, options: [o0, o1, o2], ordered: true}\nstances:\n");
    for (int i = 0; i < n_actors; i++)
        len += snprintf(text + len, sizeof text - (size_t)len,
                        "  %s: {a: {salience: 0.%u, ideal: %u}, b: {salience: 0.%u, ideal: %u}, "
                        "c: {salience: 0.%u, ideal: %s}}\n",
                        ids[i], 1 + lcg(&x) % 9, lcg(&x) % 11, 1 + lcg(&x) % 9, lcg(&x) % 11,
                        1 + lcg(&x) % 9, opts[lcg(&x) % 3]);
    if (lcg(&x) % 2)
        len += snprintf(text + len, sizeof text - (size_t)len,
                        "constraints:\n  - {id: k, if: {a: {above: %u}}, then: {b: {at_least: %u}}}\n",
                        lcg(&x) % 8, 2 + lcg(&x) % 7);
    else
        len += snprintf(text + len, sizeof text - (size_t)len,
                        "constraints:\n  - {id: k, forbid: {a: {at_least: %u}, c: [%s]}}\n",
                        1 + lcg(&x) % 9, opts[lcg(&x) % 3]);
    unsigned t0 = lcg(&x) % 3, t1 = (t0 + 1 + lcg(&x) % 2) % 3; /* two distinct options */
    len += snprintf(text + len, sizeof text - (size_t)len,
                    "red_lines:\n  - {id: r, actor: A, if: {c: [%s]}, then: {a: {at_most: %u}}}\n"
                    "terms:\n  - {id: t, actor: B, when: {b: {at_least: %u}, c: [%s, %s]}, "
                    "weight: 0.%u, effect: %s}\n"
                    "simulation:\n  horizon: 15\n  grid: 6\n%s",
                    opts[lcg(&x) % 3], 2 + lcg(&x) % 8, lcg(&x) % 10, opts[t0], opts[t1],
                    1 + lcg(&x) % 9, lcg(&x) % 2 ? "bonus" : "penalty",
                    /* with three actors: C outside the room (it ratifies), or C mediating */
                    n_actors < 3 ? "" : seed % 3 == 0 ? "  room: [A, B]\n"
                                      : seed % 3 == 1 ? "  mediator: C\n  self_weight: 0.5\n" : "");
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    if (parley_scenario_load_buffer(ctx, "linked.yaml", text, strlen(text), &s))
        fprintf(stderr, "  load: %s\n%s", parley_ctx_message(ctx), text);
    parley_ctx_destroy(ctx);
    return s;
}

/* Every move breaks no constraint; nobody accepts what its conditional red
 * line vetoes; a deal's utilities are the scenario's (terms included). */
static int check_linked_run(const parley_scenario_t *s, const parley_sim_t *sim)
{
    size_t na = parley_scenario_actor_count(s);
    int ok = 1;
    for (size_t k = 0; k < parley_sim_move_count(sim); k++) {
        const parley_sim_move_t *mv = parley_sim_move(sim, k);
        ok &= parley_broken_rule(s, (size_t)-1, mv->terms, 0) == (size_t)-1;
        for (size_t i = 0; i < na; i++)
            if (mv->answer[i] == PARLEY_ANSWER_ACCEPT && i != mv->by)
                ok &= parley_broken_rule(s, i, mv->terms, 0) == (size_t)-1;
    }
    const parley_sim_result_t *r = parley_sim_result(sim);
    if (r->end == PARLEY_SIM_AGREEMENT) {
        ok &= parley_broken_rule(s, (size_t)-1, r->terms, 0) == (size_t)-1;
        for (size_t i = 0; i < na; i++) {
            ok &= !r->signatory[i] || parley_broken_rule(s, i, r->terms, 0) == (size_t)-1;
            ok &= fabs(r->utility[i] - parley_utility(s, i, r->terms)) < 1e-9;
        }
    }
    return ok;
}

static void test_linked_random(void)
{
    int agreements = 0, runs = 0, bad = 0;
    for (unsigned long long seed = 1; seed <= 150; seed++) {
        parley_scenario_t *s = random_linked(seed, 2 + (int)(seed % 2));
        CHECK(s != NULL);
        if (!s)
            continue;
        for (int mode = 0; mode < 3; mode++) {
            parley_sim_options_t o;
            parley_sim_options_init(&o);
            o.trace = 1;
            o.protocol = mode ? PARLEY_PROTOCOL_MEDIATED : PARLEY_PROTOCOL_ALTERNATING;
            o.meeting = mode == 2 ? PARLEY_MEETING_SHUTTLE : PARLEY_MEETING_PLENARY;
            parley_sim_t *sim = play(s, &o);
            if (!sim)
                continue;
            runs++;
            agreements += parley_sim_result(sim)->end == PARLEY_SIM_AGREEMENT;
            if (!check_linked_run(s, sim) && bad++ < 3)
                fprintf(stderr, "  seed %llu mode %d breaks linkage\n", seed, mode);
            parley_sim_destroy(sim);
        }
        parley_scenario_destroy(s);
    }
    CHECK_INT(bad, 0);
    CHECK_INT(runs, 450);
    CHECK(agreements > runs / 4); /* the property is not met by never agreeing */
}

static void test_linked_allocation_failures(void)
{
    parley_scenario_t *s = random_linked(7, 3);
    parley_ctx_t *ctx = parley_ctx_create();
    for (long n = 0; s && n < 400; n++) {
        parley_sim_options_t o;
        parley_sim_options_init(&o);
        o.trace = 1;
        o.protocol = PARLEY_PROTOCOL_MEDIATED;
        parley_sim_t *sim = NULL;
        parley__alloc_fail_after(n);
        parley_status_t st = parley_sim_create(ctx, s, &o, &sim);
        if (!st)
            st = parley_sim_run(ctx, sim);
        parley__alloc_fail_after(-1);
        CHECK(st == PARLEY_OK || st == PARLEY_ENOMEM);
        parley_sim_destroy(sim);
        if (st == PARLEY_OK && n > 0)
            break;
    }
    parley_ctx_destroy(ctx);
    parley_scenario_destroy(s);
}

const test_case_t tests_sim[] = {
    {"sim/linked_random", test_linked_random},
    {"sim/linked_allocation_failures", test_linked_allocation_failures},
    {"sim/linear_agents", test_linear_agents},
    {"sim/boulware_agents", test_boulware_agents},
    {"sim/deadline", test_deadline_presses_then_fades},
    {"sim/walk_away", test_walk_away_moves_batnas},
    {"sim/leak", test_leak_hardens_red_lines},
    {"sim/hardline", test_hardline_waits_while_batna_rises},
    {"sim/tit_for_tat", test_tit_for_tat_mirrors},
    {"sim/durability", test_durability},
    {"sim/mediated", test_mediated_plenary_and_shuttle},
    {"sim/room", test_room_and_ratification},
    {"sim/uncertain", test_uncertain_inputs},
    {"sim/bad_distributions", test_bad_distributions},
    {"sim/deterministic", test_deterministic_and_allocation_failures},
    {NULL, NULL},
};
