/*
 * test_bloc.c — blocs and governments on small hand-checked cases: a change
 * of government breaking a deal in the round it takes office, one taking
 * office during the talks, a change that happens by chance (unseeded: the
 * likelier course; seeded: the documented draw), and bad input.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include "parley/parley.h"
#include "../test.h"

/* USA and IRN on one issue x with options a, b, c; linear strategies,
 * horizon 10. %s: the government event(s). */
static const char GOV[] =
    "parley: 1\n"
    "actors:\n"
    "  - {id: USA, capability: 1, batna: 0.3}\n"
    "  - {id: IRN, capability: 1, batna: 0.3}\n"
    "issues:\n"
    "  - {id: x, options: [{id: a}, {id: b}, {id: c}]}\n"
    "stances:\n"
    "  USA: {x: {salience: 1, values: {a: 1, b: 0.6, c: 0}}}\n"
    "  IRN: {x: {salience: 1, values: {a: 0, b: 0.6, c: 1}}}\n"
    "simulation:\n"
    "  horizon: 10\n"
    "  durability_horizon: 20\n"
    "  events:\n"
    "    - round: %u\n"
    "      name: election\n"
    "%s"
    "      government:\n"
    "        actor: USA\n"
    "        stances: {x: {salience: 1, values: {a: 1, b: %s, c: 0}}}\n"
    "        batna: 0.4\n";

static parley_scenario_t *load_gov(unsigned round, const char *prob, const char *b_value)
{
    static char text[4096];
    snprintf(text, sizeof text, GOV, round, prob, b_value);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st = parley_scenario_load_buffer(ctx, "gov.yaml", text, strlen(text), &s);
    if (st)
        fprintf(stderr, "  load: %s\n", parley_ctx_message(ctx));
    CHECK_INT(st, PARLEY_OK);
    parley_ctx_destroy(ctx);
    return s;
}

static parley_sim_t *play(const parley_scenario_t *s, unsigned long long seed)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_sim_t *sim = NULL;
    parley_sim_options_t o;
    parley_sim_options_init(&o);
    o.trace = 1;
    o.seed = seed;
    CHECK_INT(parley_sim_create(ctx, s, &o, &sim), PARLEY_OK);
    if (sim)
        CHECK_INT(parley_sim_run(ctx, sim), PARLEY_OK);
    parley_ctx_destroy(ctx);
    return sim;
}

/* Deal in round 7 on b: the linear target r + (1 - r)(1 - t), t = (k-1)/9,
 * r = 0.3: round 6 0.3 + 0.7 x 4/9 = 0.611 > 0.6, round 7 0.3 + 0.7 x 3/9 =
 * 0.533 <= 0.6 for both. The election in round 15 (8 rounds later) brings a
 * government valuing b at 0.2 with BATNA 0.4: 0.2 < 0.4, it breaks the
 * deal then, for the government's reason. */
static void gov_breaks_deal(void)
{
    parley_scenario_t *s = load_gov(15, "", "0.2");
    parley_sim_t *sim = play(s, 0);
    const parley_sim_result_t *r = parley_sim_result(sim);
    CHECK_INT(r->end, PARLEY_SIM_AGREEMENT);
    CHECK_INT(r->round, 7);
    CHECK_NEAR(r->terms[0], 1.0, 0.0); /* option b */
    CHECK_INT(r->holds, 0);
    CHECK_INT(r->durability, 8); /* 15 - 7 */
    CHECK_INT(r->breaker, 0);
    CHECK_INT(r->why, PARLEY_BREAK_GOVERNMENT);
    CHECK_NEAR(r->break_utility, 0.2, 1e-12);
    CHECK_NEAR(r->break_batna, 0.4, 1e-12);
    CHECK_INT(r->break_event, 0);
    CHECK(strcmp(parley_sim_break_name(r->why), "government") == 0);
    parley_sim_destroy(sim);
    parley_scenario_destroy(s);
    /* Valuing b at 0.45 > 0.4, the new government keeps the deal. */
    s = load_gov(15, "", "0.45");
    sim = play(s, 0);
    r = parley_sim_result(sim);
    CHECK_INT(r->round, 7);
    CHECK_INT(r->holds, 1);
    CHECK_INT(r->why, PARLEY_BREAK_NONE);
    parley_sim_destroy(sim);
    parley_scenario_destroy(s);
}

/* The government takes office in round 3, valuing b at 0.5, BATNA 0.4:
 * its target 0.4 + 0.6 (1 - t) reaches 0.5 when t >= 5/6, i.e. round 9
 * (t = 8/9: 0.467; round 8, t = 7/9: 0.533 > 0.5). IRN offers b from round
 * 7 (0.3 + 0.7 x 3/9 = 0.533 <= 0.6); USA accepts it in round 9, at utility
 * 0.5 under its new stances; nothing happens after: the deal holds. */
static void gov_during_talks(void)
{
    parley_scenario_t *s = load_gov(3, "", "0.5");
    parley_sim_t *sim = play(s, 0);
    const parley_sim_result_t *r = parley_sim_result(sim);
    CHECK_INT(r->end, PARLEY_SIM_AGREEMENT);
    CHECK_INT(r->round, 9);
    CHECK_NEAR(r->terms[0], 1.0, 0.0);
    CHECK_NEAR(r->utility[0], 0.5, 1e-12);
    CHECK_NEAR(r->utility[1], 0.6, 1e-12);
    CHECK_NEAR(r->batna[0], 0.4, 1e-12);
    CHECK_INT(r->holds, 1);
    int noted = 0;
    for (size_t k = 0; k < parley_sim_note_count(sim); k++)
        noted |= strstr(parley_sim_note(sim, k), "takes office in USA") != NULL;
    CHECK(noted);
    const parley_sim_round_t *r3 = parley_sim_round(sim, 2);
    CHECK_NEAR(r3->batna[0], 0.4, 1e-12); /* from round 3 */
    CHECK_NEAR(parley_sim_round(sim, 1)->batna[0], 0.3, 1e-12);
    parley_sim_destroy(sim);
    parley_scenario_destroy(s);
}

/* The documented draw: u = (splitmix64(seed + G (key x 65537 + round)) >> 11)
 * / 2^53 with G = 0x9e3779b97f4a7c15 and key = 0x100000 + the event's index;
 * the event happens when u < probability. Written here from the docs. */
static double draw(unsigned long long seed, uint64_t key, unsigned round)
{
    uint64_t g = 0x9e3779b97f4a7c15ull;
    uint64_t z = seed + g * (key * 65537ull + round) + g;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0;
}

static void gov_by_chance(void)
{
    /* Unseeded: the likelier course: 0.6 happens (breaks), 0.4 does not. */
    parley_scenario_t *s = load_gov(15, "      probability: 0.6\n", "0.2");
    parley_sim_t *sim = play(s, 0);
    CHECK_INT(parley_sim_result(sim)->why, PARLEY_BREAK_GOVERNMENT);
    parley_sim_destroy(sim);
    parley_scenario_destroy(s);
    s = load_gov(15, "      probability: 0.4\n", "0.2");
    sim = play(s, 0);
    CHECK_INT(parley_sim_result(sim)->holds, 1);
    parley_sim_destroy(sim);
    /* Seeded: breaks exactly when the draw falls below 0.4. */
    int broke = 0, held = 0;
    for (unsigned long long seed = 1; seed <= 40; seed++) {
        sim = play(s, seed);
        const parley_sim_result_t *r = parley_sim_result(sim);
        int happens = draw(seed, 0x100000u, 15) < 0.4;
        CHECK_INT(r->holds, !happens);
        CHECK_INT(r->why, happens ? PARLEY_BREAK_GOVERNMENT : PARLEY_BREAK_NONE);
        broke += happens;
        held += !happens;
        parley_sim_destroy(sim);
    }
    CHECK(broke > 0 && held > 0); /* both courses are exercised */
    parley_scenario_destroy(s);
}

/* A against the bloc {B, C} on one issue x with options p, q, r (values A
 * 1, 0.8, 0; B 0, 0.6, 1; C 0, 0.2, 1; BATNAs 0.2, 0.3, 0.4; capabilities
 * 1, so the shares are 0.5 each); linear strategies, horizon 12. */
static const char BLOC[] =
    "parley: 1\n"
    "actors:\n"
    "  - {id: A, capability: 1, batna: 0.2}\n"
    "  - {id: B, capability: %s, batna: 0.3}\n"
    "  - {id: C, capability: 1, batna: 0.4}\n"
    "issues:\n"
    "  - {id: x, options: [{id: p}, {id: q}, {id: r}]}\n"
    "stances:\n"
    "  A: {x: {salience: 1, values: {p: 1, q: 0.8, r: 0}}}\n"
    "  B: {x: {salience: 1, values: {p: 0, q: 0.6, r: 1}}}\n"
    "  C: {x: {salience: 1, values: {p: 0, q: 0.2, r: 1}}}\n"
    "blocs:\n"
    "  - {id: south, members: [B, C], weights: %s, split: %s}\n"
    "simulation:\n"
    "  horizon: 12\n";

static parley_scenario_t *load_bloc(const char *cap_b, const char *weights, const char *split)
{
    static char text[4096];
    snprintf(text, sizeof text, BLOC, cap_b, weights, split);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st = parley_scenario_load_buffer(ctx, "bloc.yaml", text, strlen(text), &s);
    if (st)
        fprintf(stderr, "  load: %s\n", parley_ctx_message(ctx));
    CHECK_INT(st, PARLEY_OK);
    parley_ctx_destroy(ctx);
    return s;
}

/* The combined utility of q: equal or capability shares 0.5 each give
 * 0.5 x 0.6 + 0.5 x 0.2 = 0.4; with B's capability 3, shares 3/4 and 1/4:
 * 0.75 x 0.6 + 0.25 x 0.2 = 0.5. */
static void bloc_combined_utility(void)
{
    parley_scenario_t *s = load_bloc("1", "capability", "true");
    CHECK_INT(parley_scenario_bloc_count(s), 1);
    const parley_bloc_t *b = parley_scenario_bloc(s, 0);
    CHECK_INT(b->n_members, 2);
    CHECK_INT(parley_scenario_bloc_of(s, 2), 0);
    CHECK_INT(parley_scenario_bloc_of(s, 0), (size_t)-1);
    double q[1] = {1.0};
    CHECK_NEAR(parley_bloc_utility(s, b, q), 0.4, 1e-12);
    parley_scenario_destroy(s);
    s = load_bloc("3", "capability", "true");
    b = parley_scenario_bloc(s, 0);
    CHECK_NEAR(parley_bloc_share(s, b, 0), 0.75, 1e-12);
    CHECK_NEAR(parley_bloc_utility(s, b, q), 0.5, 1e-12);
    parley_scenario_destroy(s);
    s = load_bloc("3", "equal", "true");
    b = parley_scenario_bloc(s, 0);
    CHECK_NEAR(parley_bloc_utility(s, b, q), 0.4, 1e-12);
    parley_scenario_destroy(s);
}

/* Targets, t = (k - 1)/11. The bloc is one party (lead B, capability 1 + 1
 * = 2, combined values p 0, q 0.4, r 1). A's path goes p -> q (the bloc
 * gains 2 x 0.4 = 0.8 for A's 0.2: 4 per unit, against 2 x 1 / 1 = 2 for r)
 * -> r; its target 0.2 + 0.8 (1 - t) is 0.855 in round 3, 0.782 in round 4:
 * it offers q from round 4. The bloc's target 0.5 (0.3 + 0.7 (1 - t)) +
 * 0.5 (0.4 + 0.6 (1 - t)) = 0.35 + 0.65 (1 - t) is 0.409 in round 11 > U(q)
 * = 0.5 x 0.6 + 0.5 x 0.2 = 0.4 and 0.35 in round 12: the bloc accepts A's
 * q in round 12; before, it offers r (its ideal; A rejects: 0 < 0.2).
 * Without splitting that is the deal (C gets 0.2, below its BATNA 0.4).
 * With splitting C leaves (0.2 < its reservation 0.4), the bloc dissolves
 * and C rejects q; then B, alone (its own path: moving off r helps A as
 * much as it hurts C, so it stays at r), offers r, and C (target 0.4: r 1,
 * q 0.2) offers r; A rejects both: no deal by the horizon. */
static void bloc_splits(void)
{
    parley_scenario_t *s = load_bloc("1", "capability", "false");
    parley_sim_t *sim = play(s, 0);
    const parley_sim_result_t *r = parley_sim_result(sim);
    CHECK_INT(r->end, PARLEY_SIM_AGREEMENT);
    CHECK_INT(r->round, 12);
    CHECK_NEAR(r->terms[0], 1.0, 0.0); /* q */
    CHECK_NEAR(r->utility[2], 0.2, 1e-12);
    /* one offer per round from the bloc: rounds 1-11 have two moves (A, B) */
    CHECK_INT(parley_sim_round(sim, 0)->n_moves, 2);
    CHECK_INT(parley_sim_move(sim, 1)->by, 1);
    parley_sim_destroy(sim);
    parley_scenario_destroy(s);

    s = load_bloc("1", "capability", "true");
    sim = play(s, 0);
    r = parley_sim_result(sim);
    CHECK_INT(r->end, PARLEY_SIM_HORIZON);
    CHECK_INT(r->round, 12);
    const parley_sim_round_t *last = parley_sim_round(sim, 11);
    CHECK_INT(last->n_moves, 3); /* A's q, B's r alone, C's r */
    const parley_sim_move_t *m0 = parley_sim_move(sim, last->first_move);
    CHECK_INT(m0->answer[1], PARLEY_ANSWER_ACCEPT);
    CHECK_INT(m0->answer[2], PARLEY_ANSWER_REJECT);
    CHECK_NEAR(m0->terms[0], 1.0, 0.0);
    CHECK_NEAR(parley_sim_move(sim, last->first_move + 1)->terms[0], 2.0, 0.0);
    CHECK_NEAR(parley_sim_move(sim, last->first_move + 2)->terms[0], 2.0, 0.0);
    CHECK_NEAR(parley_sim_move(sim, parley_sim_round(sim, 3)->first_move)->terms[0], 1.0, 0.0);
    CHECK_NEAR(parley_sim_move(sim, parley_sim_round(sim, 2)->first_move)->terms[0], 0.0, 0.0);
    int split = 0, dissolved = 0;
    for (size_t k = 0; k < parley_sim_note_count(sim); k++) {
        const char *n = parley_sim_note(sim, k);
        split |= strstr(n, "bloc 'south' splits: C leaves it: the text the bloc accepts (its "
                           "combined utility 0.400) gives C 0.200 < its reservation 0.400") != NULL;
        dissolved |= strstr(n, "bloc 'south' dissolves") != NULL;
    }
    CHECK(split);
    CHECK(dissolved);
    /* rounds before the split: B offers for the bloc (r), C makes no offer */
    CHECK_INT(parley_sim_round(sim, 10)->n_moves, 2);
    parley_sim_destroy(sim);
    parley_scenario_destroy(s);
}

const test_case_t tests_bloc[] = {
    {"bloc/combined_utility", bloc_combined_utility},
    {"bloc/splits", bloc_splits},
    {"bloc/gov_breaks_deal", gov_breaks_deal},
    {"bloc/gov_during_talks", gov_during_talks},
    {"bloc/gov_by_chance", gov_by_chance},
    {NULL, NULL},
};
