/*
 * test_choice.c — choices (PARLEY_DIST_CHOICE): the inverse CDF, moments
 * and default estimate of a discrete distribution over words; setting a
 * choice changes the simulation settings; a Monte Carlo whose only
 * uncertainty is a strategy gives P(agreement) near the option's
 * probability and 1 / 0 given each option, and says the result hangs on
 * the label; the sensitivity sweep evaluates every option (the bar 0 -> 1);
 * a Monte Carlo with only a chance event runs. Every expected number is
 * worked out by hand in the comment beside it.
 */
#include <math.h>
#include "parley/mc.h"
#include "parley/sim.h"
#include "../test.h"
#include "unit.h"

/* A wants x = 10, B x = 0, both BATNA 0.3 on a linear scale. A linear A
 * meets a linear B at x = 5 (utility 0.5 each > 0.3 + drift): a deal in
 * round 9; a hardline A never concedes while its BATNA drifts up (0.01 a
 * round) and B never concedes below 0.3, so no deal by round 10. */
static const char TWO[] =
    "parley: 1\n"
    "actors:\n"
    "  - {id: A, capability: 1, batna: 0.3, batna_drift: 0.01}\n"
    "  - {id: B, capability: 1, batna: 0.3}\n"
    "issues:\n"
    "  - {id: x, scale: {lo: 0, hi: 10}}\n"
    "stances:\n"
    "  A: {x: {salience: 1, ideal: 10}}\n"
    "  B: {x: {salience: 1, ideal: 0}}\n"
    "simulation:\n"
    "  horizon: 10\n"
    "  strategies:\n"
    "    A: {dist: choice, options: [linear, hardline], p: [0.3, 0.7]}\n"
    "    B: linear\n";

/* P(agreement) of a simulate montecarlo of s: samples draws, seed 1. */
static double mc_share(parley_ctx_t *ctx, const parley_scenario_t *s, uint64_t samples,
                       unsigned threads)
{
    parley_mc_options_t o;
    parley_mc_options_init(&o);
    o.samples = samples;
    o.threads = threads;
    parley_mc_t *mc = NULL;
    CHECK_INT(parley_mc_create(ctx, s, &o, &mc), PARLEY_OK);
    if (!mc)
        return (double)NAN;
    CHECK_INT(parley_mc_run(ctx, mc, NULL, NULL), PARLEY_OK);
    double share = parley_mc_count(mc, parley_mc_find_stat(mc, "end"), 0) / (double)samples;
    parley_mc_destroy(mc);
    return share;
}

static void test_inverse_cdf(void)
{
    static const char *const names[] = {"a", "b", "c"};
    static const double p[] = {0.5, 0.3, 0.2};
    parley_uncertain_t u = {.dist = PARLEY_DIST_CHOICE, .a = 0, .b = 2, .n_options = 3,
                            .options = names, .p = p};
    /* cumulative 0.5, 0.8, 1: the first option whose cumulative exceeds q */
    CHECK_INT(parley_mc_quantile(&u, 0.0), 0);
    CHECK_INT(parley_mc_quantile(&u, 0.49), 0);
    CHECK_INT(parley_mc_quantile(&u, 0.5), 1);
    CHECK_INT(parley_mc_quantile(&u, 0.79), 1);
    CHECK_INT(parley_mc_quantile(&u, 0.8), 2);
    CHECK_INT(parley_mc_quantile(&u, 1.0), 2);
    double mean, var;
    parley_mc_moments(&u, &mean, &var);
    CHECK_NEAR(mean, 0.7, 1e-12);  /* 0 x 0.5 + 1 x 0.3 + 2 x 0.2 */
    CHECK_NEAR(var, 0.61, 1e-12);  /* (1 x 0.3 + 4 x 0.2) - 0.7^2 = 1.1 - 0.49 */
    CHECK_STR(parley_mc_dist_name(PARLEY_DIST_CHOICE), "choice");
    /* 100,000 draws: each share within 4 sd (sd <= sqrt(0.25 / 1e5) = 0.0016) */
    parley_mc_stream_t *r = parley_mc_stream_create();
    unsigned cnt[3] = {0, 0, 0};
    for (unsigned i = 0; i < 100000; i++) {
        parley_mc_stream_seek(r, 7, i);
        cnt[(size_t)parley_mc_draw(&u, r)]++;
    }
    for (int k = 0; k < 3; k++)
        CHECK_NEAR(cnt[k] / 1e5, p[k], 4 * 0.0016);
    parley_mc_stream_destroy(r);
    /* an option of probability 0 is never drawn, even at q = 1 */
    static const double p0[] = {0.5, 0.5, 0.0};
    u.p = p0;
    CHECK_INT(parley_mc_quantile(&u, 1.0), 1);
}

static void test_estimate_and_set(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = unit_load(ctx, TWO);
    CHECK_INT(parley_scenario_uncertain_count(s), 1);
    const parley_uncertain_t *u = parley_scenario_uncertain(s, 0);
    CHECK_STR(u->path, "simulation.strategies.A");
    CHECK_INT(u->dist, PARLEY_DIST_CHOICE);
    CHECK_INT(u->n_options, 2);
    CHECK_STR(u->options[1], "hardline");
    CHECK_INT(u->base, 1); /* the most likely option: hardline (0.7) */
    CHECK_STR(parley_scenario_simulation(s)->strategies[0].name, "hardline");
    double x = 0; /* option 0: linear */
    CHECK_INT(parley_scenario_set_uncertain(ctx, s, &x), PARLEY_OK);
    CHECK_STR(parley_scenario_simulation(s)->strategies[0].name, "linear");
    x = 0.5; /* not an option's index */
    CHECK_INT(parley_scenario_set_uncertain(ctx, s, &x), PARLEY_EARG);
    CHECK_INT(parley_scenario_set_uncertain(ctx, s, NULL), PARLEY_OK);
    CHECK_STR(parley_scenario_simulation(s)->strategies[0].name, "hardline");
    parley_scenario_destroy(s);
    /* equal p by default, the first on ties; value: picks another; a mapping option */
    static const char TIES[] =
        "parley: 1\nactors:\n  - {id: A, capability: 1, batna: 0.3}\n"
        "  - {id: B, capability: 1, batna: 0.3}\nissues:\n  - {id: x, options: [l, r]}\n"
        "stances:\n  A: {x: {salience: 1, ideal: l}}\n  B: {x: {salience: 1, ideal: r}}\n"
        "simulation:\n  protocol: {dist: choice, options: [alternating, mediated]}\n"
        "  mediator: {dist: choice, options: [neutral, B], value: B}\n"
        "  strategies: {A: {dist: choice, options: [linear, {kind: time, e: 3}], p: [0.4, 0.6]}}\n";
    s = unit_load(ctx, TIES);
    CHECK_INT(parley_scenario_uncertain_count(s), 3);
    CHECK_NEAR(parley_scenario_uncertain(s, 0)->p[1], 0.5, 0); /* 1 / 2 options */
    CHECK_INT(parley_scenario_uncertain(s, 0)->base, 0);       /* alternating: first on ties */
    CHECK_INT(parley_scenario_simulation(s)->mediator, 1);     /* value: B */
    CHECK_STR(parley_scenario_uncertain(s, 2)->options[1], "time e=3");
    CHECK_NEAR(parley_scenario_simulation(s)->strategies[0].e, 3.0, 0); /* 0.6 > 0.4 */
    double xs[3] = {1, 0, 0}; /* mediated, neutral, linear */
    CHECK_INT(parley_scenario_set_uncertain(ctx, s, xs), PARLEY_OK);
    CHECK_INT(parley_scenario_simulation(s)->protocol, PARLEY_PROTOCOL_MEDIATED);
    CHECK(parley_scenario_simulation(s)->mediator == (size_t)-1);
    CHECK_NEAR(parley_scenario_simulation(s)->strategies[0].e, 1.0, 0);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

static void test_montecarlo(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = unit_load(ctx, TWO);
    parley_mc_options_t o;
    parley_mc_options_init(&o);
    o.samples = 2000;
    o.threads = 2;
    parley_mc_t *mc = NULL;
    CHECK_INT(parley_mc_create(ctx, s, &o, &mc), PARLEY_OK);
    CHECK_INT(parley_mc_run(ctx, mc, NULL, NULL), PARLEY_OK);
    size_t end = parley_mc_find_stat(mc, "end");
    double share = parley_mc_count(mc, end, 0) / 2000.0;
    /* P(agreement) = P(A linear) = 0.3; sd sqrt(0.3 x 0.7 / 2000) = 0.0102, 4 sd */
    CHECK_NEAR(share, 0.3, 4 * 0.0102);
    uint64_t n0, y0, n1, y1;
    parley_mc_choice_count(mc, 0, 0, &n0, &y0);
    parley_mc_choice_count(mc, 0, 1, &n1, &y1);
    CHECK_INT(n0 + n1, 2000);
    CHECK_INT(y0, n0);                        /* linear: always a deal */
    CHECK_INT(y1, 0);                         /* hardline: never */
    CHECK_INT(y0, parley_mc_count(mc, end, 0));
    size_t lo = 9, hi = 9;
    CHECK_INT(parley_mc_choice_hangs(mc, 0, &lo, &hi), 1); /* 0% vs 100% */
    CHECK_INT(lo, 1);
    CHECK_INT(hi, 0);
    /* the same bytes with one thread: the counters are equal */
    size_t nc1, nc2;
    const uint64_t *c2 = parley_mc_counters(mc, &nc2);
    parley_mc_t *mc1 = NULL;
    o.threads = 1;
    CHECK_INT(parley_mc_create(ctx, s, &o, &mc1), PARLEY_OK);
    CHECK_INT(parley_mc_run(ctx, mc1, NULL, NULL), PARLEY_OK);
    const uint64_t *c1 = parley_mc_counters(mc1, &nc1);
    CHECK_INT(nc1, nc2);
    CHECK(nc1 == nc2 && memcmp(c1, c2, nc1 * sizeof *c1) == 0);
    parley_mc_destroy(mc1);
    parley_mc_destroy(mc);
    /* space and forecast do not read the simulation settings: refused */
    o.what = PARLEY_MC_SPACE;
    CHECK_INT(parley_mc_create(ctx, s, &o, &mc), PARLEY_EINPUT);
    CHECK_CONTAINS(parley_ctx_message(ctx), "no uncertain number");
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

static void test_sensitivity(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = unit_load(ctx, TWO);
    parley_sens_options_t o;
    parley_sens_options_init(&o);
    o.mc.samples = 200;
    o.mc.threads = 1;
    o.resamples = 0;
    parley_sens_t *se = NULL;
    CHECK_INT(parley_sens_create(ctx, s, &o, &se), PARLEY_OK);
    CHECK_INT(parley_sens_run(ctx, se), PARLEY_OK);
    size_t k;
    const parley_sens_input_t *in = parley_sens_inputs(se, &k);
    CHECK_INT(k, 1);
    CHECK_NEAR(parley_sens_base(se), 0.0, 0); /* the estimate, hardline: no deal */
    CHECK(in[0].y_option != NULL);
    CHECK_NEAR(in[0].y_option[0], 1.0, 0); /* linear: a deal */
    CHECK_NEAR(in[0].y_option[1], 0.0, 0); /* hardline: none */
    CHECK_INT(in[0].low, 1);               /* the bar from hardline (0) ... */
    CHECK_INT(in[0].high, 0);              /* ... to linear (1) */
    CHECK_NEAR(in[0].y_low, 0.0, 0);
    CHECK_NEAR(in[0].y_high, 1.0, 0);
    CHECK_NEAR(in[0].swing, 1.0, 0);
    /* the metric is a function of this input alone: S1 = ST = 1, estimated
     * from 200 rows; allow 0.25 of estimation noise */
    CHECK_NEAR(in[0].st, 1.0, 0.25);
    CHECK_NEAR(in[0].s1, 1.0, 0.25);
    parley_sens_destroy(se);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

/* No uncertain input, one chance event: a shock of probability 0.25 raises
 * A's BATNA to 0.8 in round 2, above anything B offers (a deal at x = 5
 * gives A 0.5), so P(agreement) = 1 - 0.25 = 0.75. */
static void test_chance_only(void)
{
    static const char CHANCE[] =
        "parley: 1\nactors:\n  - {id: A, capability: 1, batna: 0.3}\n"
        "  - {id: B, capability: 1, batna: 0.3}\nissues:\n  - {id: x, scale: {lo: 0, hi: 10}}\n"
        "stances:\n  A: {x: {salience: 1, ideal: 10}}\n  B: {x: {salience: 1, ideal: 0}}\n"
        "simulation:\n  horizon: 10\n"
        "  events:\n    - {round: 2, name: shock, batna: {A: 0.5}, probability: 0.25}\n";
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = unit_load(ctx, CHANCE);
    CHECK_NEAR(mc_share(ctx, s, 2000, 1), 0.75, 4 * 0.0097); /* sd sqrt(0.75 x 0.25 / 2000) */
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

/* A leak in round 2 (a text is on the table) used with probability 0.4: it
 * raises A's reservation by its audience cost 0.5 to 0.3 + 0.5 = 0.8, above the most B concedes (x = 7:
 * 0.7 to A, B keeping 0.3), so no deal when used; unused, both linear meet
 * at x = 5 (0.5 each). P(agreement) = 1 - 0.4 = 0.6. Unseeded, simulate
 * takes the likelier course: p = 0.4 < 0.5, not used, a deal; p = 0.6, used,
 * none. */
static void test_tactic_presence(void)
{
    static const char LEAK[] =
        "parley: 1\nactors:\n  - {id: A, capability: 1, batna: 0.3}\n"
        "  - {id: B, capability: 1, batna: 0.3}\nissues:\n  - {id: x, scale: {lo: 0, hi: 10}}\n"
        "stances:\n  A: {x: {salience: 1, ideal: 10}}\n  B: {x: {salience: 1, ideal: 0}}\n"
        "simulation:\n  horizon: 10\n  tactics:\n"
        "    - {kind: leak, round: 2, audience_cost: {A: 0.5}, probability: 0.4}\n";
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = unit_load(ctx, LEAK);
    parley_sim_t *sim = NULL;
    CHECK_INT(parley_sim_create(ctx, s, NULL, &sim), PARLEY_OK);
    CHECK_INT(parley_sim_run(ctx, sim), PARLEY_OK);
    CHECK_INT(parley_sim_result(sim)->end, PARLEY_SIM_AGREEMENT); /* 0.4 < 0.5: not used */
    parley_sim_destroy(sim);
    /* no uncertain input, a chance tactic: montecarlo runs */
    CHECK_NEAR(mc_share(ctx, s, 2000, 1), 0.6, 4 * 0.011); /* sd sqrt(0.6 x 0.4 / 2000) */
    parley_scenario_destroy(s);
    parley_override_t ov = {"simulation.tactics[0].probability", "0.6"};
    CHECK_INT(parley_scenario_load_buffer_with(ctx, "test", LEAK, strlen(LEAK), &ov, 1, &s),
              PARLEY_OK);
    CHECK_INT(parley_sim_create(ctx, s, NULL, &sim), PARLEY_OK);
    CHECK_INT(parley_sim_run(ctx, sim), PARLEY_OK);
    CHECK_INT(parley_sim_result(sim)->end, PARLEY_SIM_HORIZON); /* 0.6: used, no deal */
    parley_sim_destroy(sim);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

/* The agreement given each chance item, on a leak (probability 0.4) and a
 * shock (0.25) that each block the deal (tests/data/mc/chance.yaml derives
 * it): given the leak used 0, not used 0.75; given the shock 0, without it
 * 0.6; every deal holds. Threads 1 and 2 count alike. */
static void test_chance_given(void)
{
    static const char TEXT[] =
        "parley: 1\nactors:\n  - {id: A, capability: 1, batna: 0.3}\n"
        "  - {id: B, capability: 1, batna: 0.3}\nissues:\n  - {id: x, scale: {lo: 0, hi: 10}}\n"
        "stances:\n  A: {x: {salience: 1, ideal: 10}}\n  B: {x: {salience: 1, ideal: 0}}\n"
        "simulation:\n  horizon: 10\n  tactics:\n"
        "    - {kind: leak, round: 2, audience_cost: {A: 0.5}, probability: 0.4}\n"
        "    - {kind: walk-away, actor: B, round: 9, probability: 0.5}\n"
        "  events:\n    - {round: 2, name: shock, batna: {A: 0.5}, probability: 0.25}\n"
        "    - {round: 3, name: sure, batna: {B: 0.0}}\n";
    enum { N = 4000 };
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = unit_load(ctx, TEXT);
    uint64_t first[2][2][3] = {{{0}}};
    for (unsigned threads = 1; threads <= 2 && s; threads++) {
        parley_mc_options_t o;
        parley_mc_options_init(&o);
        o.samples = N;
        o.threads = threads;
        parley_mc_t *mc = NULL;
        CHECK_INT(parley_mc_create(ctx, s, &o, &mc), PARLEY_OK);
        if (!mc)
            break;
        CHECK_INT(parley_mc_run(ctx, mc, NULL, NULL), PARLEY_OK);
        uint64_t c[2][2][3]; /* [event][drawn]: runs, agreements, holding */
        for (int e = 0; e < 2; e++)
            for (int d = 0; d < 2; d++)
                CHECK_INT(parley_mc_chance_count(mc, e, 0, d, &c[e][d][0], &c[e][d][1],
                                                 &c[e][d][2]),
                          1);
        /* a walk-away's probability is not its presence; a sure event is no chance */
        uint64_t x, y;
        CHECK_INT(parley_mc_chance_count(mc, 0, 1, 1, &x, &y, NULL), 0);
        CHECK_INT(parley_mc_chance_count(mc, 1, 1, 1, &x, &y, NULL), 0);
        CHECK_INT(parley_mc_chance_count(mc, 0, 7, 1, &x, &y, NULL), 0);
        uint64_t agreed = parley_mc_count(mc, parley_mc_find_stat(mc, "end"), 0);
        for (int e = 0; e < 2; e++) {
            CHECK_INT(c[e][0][0] + c[e][1][0], N);
            CHECK_INT(c[e][1][1], 0);           /* drawn: never a deal */
            CHECK_INT(c[e][0][1], agreed);      /* every deal is among the undrawn */
            CHECK_INT(c[e][0][2], c[e][0][1]);  /* and holds */
        }
        /* binomial bounds, 4 standard deviations */
        double pl = (double)c[0][1][0] / N, ps = (double)c[1][1][0] / N;
        CHECK_NEAR(pl, 0.4, 4 * sqrt(0.4 * 0.6 / N));
        CHECK_NEAR(ps, 0.25, 4 * sqrt(0.25 * 0.75 / N));
        double al = (double)c[0][0][1] / (double)c[0][0][0];
        double as = (double)c[1][0][1] / (double)c[1][0][0];
        CHECK_NEAR(al, 0.75, 4 * sqrt(0.75 * 0.25 / (double)c[0][0][0]));
        CHECK_NEAR(as, 0.6, 4 * sqrt(0.6 * 0.4 / (double)c[1][0][0]));
        if (threads == 1)
            memcpy(first, c, sizeof c);
        else
            CHECK(memcmp(first, c, sizeof c) == 0); /* the same counts with two threads */
        parley_mc_destroy(mc);
    }
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

const test_case_t tests_choice[] = {
    {"choice/chance_given", test_chance_given},
    {"choice/tactic_presence", test_tactic_presence},
    {"choice/inverse_cdf", test_inverse_cdf},
    {"choice/estimate_and_set", test_estimate_and_set},
    {"choice/montecarlo", test_montecarlo},
    {"choice/sensitivity", test_sensitivity},
    {"choice/chance_only", test_chance_only},
    {NULL, NULL},
};
