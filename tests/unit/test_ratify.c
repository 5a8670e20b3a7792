/*
 * test_ratify.c — ratifying bodies (parley/ratify.h): a referendum's
 * acceptance share, a congress whose rejection only a two-thirds no vote
 * makes stand, a weighted majority, open issues, exact thresholds (300 of
 * 450 seats is two-thirds; 0.1 + 0.2 + 0.2 of the public is not more than
 * half), and --set / Monte Carlo on a segment's share. Every expected
 * number is worked out by hand in the comment next to it; the scenario is
 * tests/two-level/ratify.yaml.
 */
#include <math.h>
#include <string.h>
#include "parley/ratify.h"
#include "parley/sim.h"
#include "../test.h"

static const char TEXT[] =
    "parley: 1\n"
    "scenario: {id: ratify-test, name: Ratification test}\n"
    "actors:\n"
    "  - {id: A, capability: 1, batna: 0.3}\n"
    "  - {id: B, capability: 1, batna: 0.3}\n"
    "issues:\n"
    "  - {id: territory, options: [cede, freeze, keep]}\n"
    "  - {id: aid, scale: {lo: 0, hi: 100}}\n"
    "stances:\n"
    "  A:\n"
    "    territory: {salience: 0.7, values: {cede: 0, freeze: 0.6, keep: 1}}\n"
    "    aid: {salience: 0.3, ideal: 100}\n"
    "  B:\n"
    "    territory: {salience: 0.5, values: {cede: 1, freeze: 0.7, keep: 0.2}}\n"
    "    aid: {salience: 0.5, ideal: 0}\n"
    "proposals:\n"
    "  - {id: p1, positions: {territory: freeze, aid: 50}}\n"
    "  - {id: p2, positions: {territory: cede, aid: 50}}\n"
    "  - {id: p3, positions: {territory: null, aid: 50}}\n"
    "  - {id: p5, positions: {territory: freeze, aid: 90}}\n"
    "  - {id: p6, positions: {territory: cede, aid: 100}}\n"
    "  - {id: p7, positions: {territory: keep, aid: 0}}\n"
    "ratification:\n"
    "  - id: vote\n"
    "    name: Referendum on the territory\n"
    "    actor: A\n"
    "    rule: majority\n"
    "    issues: [territory]\n"
    "    population:\n"
    "      - id: hawks\n"
    "        share: 0.30\n"
    "        batna: 0.6\n"
    "        stances:\n"
    "          territory: {salience: 1, values: {cede: 0, freeze: 0.5, keep: 1}, red_line: [cede]}\n"
    "      - id: doves\n"
    "        share: 0.45\n"
    "        batna: 0.5\n"
    "        stances:\n"
    "          territory: {salience: 1, values: {cede: 0.4, freeze: 1, keep: 0.8}}\n"
    "      - id: undecided\n"
    "        share: 0.15\n"
    "        batna: 0.55\n"
    "        stances:\n"
    "          territory: {salience: 1, values: {cede: 0.2, freeze: 0.6, keep: 1}}\n"
    "  - id: congress\n"
    "    actor: B\n"
    "    rule: majority\n"
    "    override: {rule: two-thirds}\n"
    "    members:\n"
    "      - id: left\n"
    "        weight: 120\n"
    "        batna: 0.5\n"
    "        stances:\n"
    "          aid: {salience: 1, ideal: 100}\n"
    "      - id: right\n"
    "        weight: 80\n"
    "        batna: 0.6\n"
    "        stances:\n"
    "          aid: {salience: 1, ideal: 0}\n"
    "      - id: centre\n"
    "        weight: 50\n"
    "        batna: 0.7\n"
    "        stances:\n"
    "          aid: {salience: 0.8, ideal: 40}\n"
    "          territory: {salience: 0.2, values: {cede: 1, freeze: 0.5, keep: 0}}\n";

static parley_scenario_t *load_text(const char *text, const parley_override_t *ov, size_t n)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st =
        parley_scenario_load_buffer_with(ctx, "t.yaml", text, strlen(text), ov, n, &s);
    if (st != PARLEY_OK)
        fprintf(stderr, "%s\n", parley_ctx_message(ctx));
    parley_ctx_destroy(ctx);
    return s;
}

static const double *prop(const parley_scenario_t *s, const char *id)
{
    return parley_scenario_proposal(s, parley_scenario_find_proposal(s, id))->positions;
}

/* The referendum on the territory: hawks 0.30, doves 0.45, undecided 0.15
 * (shares sum to 0.9, not 1: the acceptance share is yes / 0.9). */
static void referendum(void)
{
    parley_scenario_t *s = load_text(TEXT, NULL, 0);
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK_INT(parley_scenario_ratifier_count(s), 2);
    size_t k = parley_scenario_find_ratifier(s, "vote");
    CHECK_INT(k, 0);
    const parley_ratifier_t *b = parley_scenario_ratifier(s, k);
    CHECK(b->population && b->issues && b->issues[0] && !b->issues[1]);
    CHECK_INT(b->anticipate, 1);
    parley_ratify_eval_t e;
    parley_member_vote_t v[3];
    /* p1, territory freeze: hawks value 0.5 < BATNA 0.6: no; doves 1 >= 0.5:
     * yes; undecided 0.6 >= 0.55: yes. Yes share (0.45 + 0.15) / 0.9 = 2/3,
     * more than half: ratified. */
    parley_ratify_eval(s, k, prop(s, "p1"), &e, v);
    CHECK_INT(v[0].vote, PARLEY_VOTE_NO);
    CHECK_INT(v[1].vote, PARLEY_VOTE_YES);
    CHECK_INT(v[2].vote, PARLEY_VOTE_YES);
    CHECK_NEAR(v[0].utility, 0.5, 1e-15);
    CHECK_NEAR(e.total, 0.9, 1e-15);
    CHECK_NEAR(e.yes_share, 2.0 / 3.0, 1e-15);
    CHECK_NEAR(e.no_share, 1.0 / 3.0, 1e-15);
    CHECK_INT(e.verdict, PARLEY_ACCEPT);
    CHECK_INT(e.passes, 1);
    CHECK_INT(e.exact, 1);
    /* p2, cede: on the hawks' red line; doves 0.4 < 0.5; undecided 0.2 <
     * 0.55: yes share 0, rejected. */
    parley_ratify_eval(s, k, prop(s, "p2"), &e, v);
    CHECK_INT(v[0].vote, PARLEY_VOTE_NO);
    CHECK_INT(v[0].red_lines_crossed, 1);
    CHECK_NEAR(e.yes_share, 0.0, 0.0);
    CHECK_INT(e.verdict, PARLEY_REJECT);
    /* p3 leaves the territory open: every segment could go either way
     * (hawks 0.5..1 off their red line vs 0.6; doves 0.4..1 vs 0.5;
     * undecided 0.2..1 vs 0.55): yes share 0..1, open. */
    parley_ratify_eval(s, k, prop(s, "p3"), &e, v);
    CHECK_INT(v[0].vote, PARLEY_VOTE_OPEN);
    CHECK_NEAR(v[1].utility_min, 0.4, 1e-15);
    CHECK_NEAR(v[1].utility_max, 1.0, 1e-15);
    CHECK_NEAR(e.yes_share, 0.0, 0.0);
    CHECK_NEAR(e.yes_share_max, 1.0, 1e-15);
    CHECK_INT(e.verdict, PARLEY_OPEN_VERDICT);
    CHECK_INT(e.passes, PARLEY_UNDECIDED);
    parley_scenario_destroy(s);
}

/* The congress of B: left 120, right 80, centre 50 (250), majority, and a
 * rejection stands only if two-thirds vote no. */
static void congress_override(void)
{
    parley_scenario_t *s = load_text(TEXT, NULL, 0);
    if (!s)
        return;
    size_t k = parley_scenario_find_ratifier(s, "congress");
    parley_ratify_eval_t e;
    parley_member_vote_t v[3];
    /* p1, aid 50, freeze. left: 1 - 50/100 = 0.5 >= 0.5 (exactly at its
     * BATNA): yes. right: 1 - 50/100 = 0.5 < 0.6: no. centre: D = max(40,
     * 60) = 60, aid value 1 - 10/60 = 5/6; U = (0.8 * 5/6 + 0.2 * 0.5) / 1 =
     * 23/30 = 0.7667 >= 0.7: yes. Yes 170 / 250 = 0.68 > 1/2: ratified by
     * the rule. */
    parley_ratify_eval(s, k, prop(s, "p1"), &e, v);
    CHECK_INT(v[0].vote, PARLEY_VOTE_YES);
    CHECK_INT(v[1].vote, PARLEY_VOTE_NO);
    CHECK_INT(v[2].vote, PARLEY_VOTE_YES);
    CHECK_NEAR(v[2].utility, 23.0 / 30.0, 1e-15);
    CHECK_NEAR(e.yes, 170.0, 0.0);
    CHECK_NEAR(e.yes_share, 0.68, 1e-15);
    CHECK_INT(e.verdict, PARLEY_ACCEPT);
    CHECK_INT(e.saved, 0);
    /* p5, aid 90: left 0.9 yes; right 0.1 no; centre: aid 1 - 50/60 = 1/6,
     * U = 0.8/6 + 0.1 = 0.2333 < 0.7: no. Yes 120/250 = 0.48, not more than
     * half; but no 130/250 = 0.52 < 2/3: the rejection does not stand. */
    parley_ratify_eval(s, k, prop(s, "p5"), &e, v);
    CHECK_NEAR(e.yes_share, 0.48, 1e-15);
    CHECK_NEAR(e.no_share, 0.52, 1e-15);
    CHECK_INT(e.passes, 0);
    CHECK_INT(e.saved, 1);
    CHECK_INT(e.verdict, PARLEY_ACCEPT);
    /* p7, aid 0, keep: left 0 no; right 1 yes; centre: aid 1 - 40/60 = 1/3,
     * U = 0.8/3 + 0.2 * 0 = 0.2667 no. No (120 + 50) / 250 = 0.68 >= 2/3:
     * the rejection stands. */
    parley_ratify_eval(s, k, prop(s, "p7"), &e, v);
    CHECK_NEAR(e.no_share, 0.68, 1e-15);
    CHECK_INT(e.saved, 0);
    CHECK_INT(e.verdict, PARLEY_REJECT);
    /* p3, territory open: centre 0.8 * 5/6 + 0.2 * [0, 1] = 0.667..0.867
     * vs 0.7: open. Pessimistic: yes 120 (0.48), no 130 < 2/3 * 250: the
     * rejection would not stand either way: ratified. */
    parley_ratify_eval(s, k, prop(s, "p3"), &e, v);
    CHECK_INT(v[2].vote, PARLEY_VOTE_OPEN);
    CHECK_INT(e.passes, PARLEY_UNDECIDED);
    CHECK_INT(e.verdict, PARLEY_ACCEPT);
    parley_scenario_destroy(s);
}

static const char RADA[] =
    "parley: 1\n"
    "actors: [{id: U, capability: 1, batna: 0.2}]\n"
    "issues: [{id: t, options: [cede, keep]}]\n"
    "stances: {U: {t: {salience: 1, ideal: keep}}}\n"
    "proposals: [{id: p, positions: {t: cede}}]\n"
    "ratification:\n"
    "  - id: rada\n"
    "    actor: U\n"
    "    rule: two-thirds\n"
    "    members:\n"
    "      - {id: gov, weight: 300, batna: 0, stances: {t: {salience: 1, ideal: cede}}}\n"
    "      - {id: opp, weight: 150, batna: 0.5, stances: {t: {salience: 1, ideal: keep}}}\n"
    "  - id: public\n"
    "    actor: U\n"
    "    rule: majority\n"
    "    population:\n"
    "      - {id: a, share: 0.1, batna: 0, stances: {t: {salience: 1, ideal: cede}}}\n"
    "      - {id: b, share: 0.2, batna: 0, stances: {t: {salience: 1, ideal: cede}}}\n"
    "      - {id: c, share: 0.2, batna: 0, stances: {t: {salience: 1, ideal: cede}}}\n"
    "      - id: d\n"
    "        share: {dist: uniform, min: 0.4, max: 0.6}\n"
    "        batna: 0.5\n"
    "        stances: {t: {salience: 1, ideal: keep}}\n";

/* Exact thresholds, --set on a weight, and a drawn share. */
static void exact_thresholds(void)
{
    parley_scenario_t *s = load_text(RADA, NULL, 0);
    CHECK(s != NULL);
    if (!s)
        return;
    parley_ratify_eval_t e;
    /* gov 300 yes (cede is its ideal), opp no (0 < 0.5): 300/450 = 2/3
     * exactly, at least two-thirds: ratified. */
    parley_ratify_eval(s, 0, prop(s, "p"), &e, NULL);
    CHECK_INT(e.verdict, PARLEY_ACCEPT);
    CHECK_INT(e.exact, 1);
    /* a + b + c = 0.1 + 0.2 + 0.2 = 1/2 yes of 0.1 + 0.2 + 0.2 + 0.5 = 1:
     * exactly half, not more than half: rejected (in doubles 0.1 + 0.2 + 0.2
     * is 0.5000000000000001). */
    parley_ratify_eval(s, 1, prop(s, "p"), &e, NULL);
    CHECK_INT(e.exact, 1);
    CHECK_INT(e.passes, 0);
    CHECK_INT(e.verdict, PARLEY_REJECT);
    /* d's share is an uncertain input: 0.4 makes yes 0.5 / 0.9 > 1/2. */
    CHECK_INT(parley_scenario_uncertain_count(s), 1);
    CHECK_STR(parley_scenario_uncertain(s, 0)->path, "ratification.public.population.d.share");
    parley_ctx_t *ctx = parley_ctx_create();
    double v = 0.4;
    CHECK_INT(parley_scenario_set_uncertain(ctx, s, &v), PARLEY_OK);
    parley_ratify_eval(s, 1, prop(s, "p"), &e, NULL);
    CHECK_NEAR(e.yes_share, 0.5 / 0.9, 1e-15);
    CHECK_INT(e.verdict, PARLEY_ACCEPT);
    parley_ctx_destroy(ctx);
    parley_scenario_destroy(s);
    /* 299 of 450 seats: 299/450 < 2/3: rejected. */
    parley_override_t ov[] = {{"ratification.rada.members.gov.weight=299", NULL}};
    s = load_text(RADA, ov, 1);
    CHECK(s != NULL);
    if (!s)
        return;
    parley_ratify_eval(s, 0, prop(s, "p"), &e, NULL);
    CHECK_NEAR(e.yes_share, 299.0 / 449.0, 1e-15);
    CHECK_INT(e.verdict, PARLEY_REJECT);
    parley_scenario_destroy(s);
}

static const char CAMPAIGN[] =
    "parley: 1\n"
    "scenario: {id: campaign-test}\n"
    "actors:\n"
    "  - {id: A, capability: 1, batna: 0.5}\n"
    "  - {id: B, capability: 1, batna: 0.5}\n"
    "issues:\n"
    "  - {id: territory, options: [cede, freeze, keep]}\n"
    "stances:\n"
    "  A: {territory: {salience: 1, values: {cede: 0, freeze: 0.6, keep: 1}}}\n"
    "  B: {territory: {salience: 1, values: {cede: 1, freeze: 0.7, keep: 0.3}}}\n"
    "ratification:\n"
    "  - id: referendum\n"
    "    actor: A\n"
    "    rule: majority\n"
    "    vote_after: 2\n"
    "    population:\n"
    "      - id: pro\n"
    "        share: 0.4\n"
    "        batna: 0.5\n"
    "        stances: {territory: {salience: 1, values: {cede: 0, freeze: 1, keep: 1}}}\n"
    "      - id: contra\n"
    "        share: 0.6\n"
    "        batna: 0.5\n"
    "        stances: {territory: {salience: 1, values: {cede: 0, freeze: 0.3, keep: 1}}}\n"
    "simulation:\n"
    "  horizon: 10\n"
    "  tactics:\n"
    "    - {kind: campaign, name: buy-in, actor: A, round: 1, rounds: 5,\n"
    "       public: {referendum: {pro: 0.05, contra: -0.05}}}\n";

/* Plays tests/two-level/campaign.yaml with the campaign on or off. */
static const parley_sim_result_t *play(parley_sim_t **sim, const parley_scenario_t *s,
                                       int campaign)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_sim_options_t o;
    parley_sim_options_init(&o);
    unsigned char off[1] = {(unsigned char)!campaign};
    o.tactic_off = off;
    *sim = NULL;
    parley_status_t st = parley_sim_create(ctx, s, &o, sim);
    if (st == PARLEY_OK)
        st = parley_sim_run(ctx, *sim);
    if (st != PARLEY_OK)
        fprintf(stderr, "%s\n", parley_ctx_message(ctx));
    parley_ctx_destroy(ctx);
    return st == PARLEY_OK ? parley_sim_result(*sim) : NULL;
}

/* Linear concession, horizon 10: target = 0.5 + 0.5 (1 - (r-1)/9). A
 * offers freeze (0.6) once its target is at most 0.6: (r-1)/9 >= 0.8, round
 * 9; B accepts it (0.7 >= 0.556). The referendum votes 2 rounds later. */
static void anticipation(void)
{
    parley_scenario_t *s = load_text(CAMPAIGN, NULL, 0);
    CHECK(s != NULL);
    if (!s)
        return;
    parley_sim_t *sim;
    /* Anticipated, no campaign: freeze is outside the win-set (yes 0.4 of
     * 1, not more than half), so A answers it as a red line, B never takes
     * keep (0.3 < 0.5) nor A cede (0): no deal within 10 rounds. */
    const parley_sim_result_t *r = play(&sim, s, 0);
    CHECK(r != NULL);
    if (r)
        CHECK_INT(r->end, PARLEY_SIM_HORIZON);
    parley_sim_destroy(sim);
    /* The campaign moves 0.05 a round from contra to pro in rounds 1-5:
     * pro 0.40 -> 0.55 after round 3 (> 1/2), 0.65 after round 5. Freeze is
     * in the win-set by round 9: agreement in round 9, and the vote in round
     * 11 ratifies it with 65%: the deal holds. */
    r = play(&sim, s, 1);
    if (r) {
        CHECK_INT(r->end, PARLEY_SIM_AGREEMENT);
        CHECK_INT(r->round, 9);
        CHECK_NEAR(r->terms[0], 1.0, 0.0); /* freeze */
        CHECK(r->ratified != NULL);
        if (r->ratified) {
            CHECK_INT(r->ratified[0], PARLEY_RATIFY_RATIFIED);
            CHECK_NEAR(r->ratify_share[0], 0.65, 1e-12);
        }
        CHECK_INT(r->holds, 1);
    }
    parley_sim_destroy(sim);
    parley_scenario_destroy(s);
    /* Not anticipated, no campaign: A signs freeze in round 9; the vote two
     * rounds later has yes 0.4: rejected, so the deal breaks after 2 rounds
     * for a failed ratification, A's signature. */
    parley_override_t ov[] = {{"ratification.referendum.anticipate=false", NULL}};
    s = load_text(CAMPAIGN, ov, 1);
    CHECK(s != NULL);
    if (!s)
        return;
    r = play(&sim, s, 0);
    if (r) {
        CHECK_INT(r->end, PARLEY_SIM_AGREEMENT);
        CHECK_INT(r->round, 9);
        CHECK_INT(r->holds, 0);
        CHECK_INT(r->durability, 2);
        CHECK_INT(r->why, PARLEY_BREAK_RATIFICATION);
        CHECK_INT(r->breaker, 0);
        if (r->ratified) {
            CHECK_INT(r->ratified[0], PARLEY_RATIFY_REJECTED);
            CHECK_NEAR(r->ratify_share[0], 0.4, 1e-12);
        }
    }
    parley_sim_destroy(sim);
    parley_scenario_destroy(s);
}

/* A vote at the signature (vote_after 0), not anticipated: the room agrees
 * on freeze in round 9, the referendum rejects it (yes 0.4): void, and the
 * talks go on; the same in round 10: no deal. */
static void void_signature(void)
{
    parley_override_t ov[] = {{"ratification.referendum.anticipate=false", NULL},
                              {"ratification.referendum.vote_after=0", NULL}};
    parley_scenario_t *s = load_text(CAMPAIGN, ov, 2);
    CHECK(s != NULL);
    if (!s)
        return;
    parley_sim_t *sim;
    const parley_sim_result_t *r = play(&sim, s, 0);
    if (r)
        CHECK_INT(r->end, PARLEY_SIM_HORIZON);
    parley_sim_destroy(sim);
    /* With the campaign the same vote in round 9 has yes 0.65: ratified. */
    r = play(&sim, s, 1);
    if (r) {
        CHECK_INT(r->end, PARLEY_SIM_AGREEMENT);
        CHECK_INT(r->round, 9);
        if (r->ratified)
            CHECK_INT(r->ratified[0], PARLEY_RATIFY_RATIFIED);
    }
    parley_sim_destroy(sim);
    parley_scenario_destroy(s);
}

const test_case_t tests_ratify[] = {
    {"ratify/referendum", referendum},
    {"ratify/congress_override", congress_override},
    {"ratify/exact_thresholds", exact_thresholds},
    {"ratify/anticipation", anticipation},
    {"ratify/void_signature", void_signature},
    {NULL, NULL},
};
