/*
 * test_smp.c — KTAB's spatial model of politics by hand: the utility,
 * distance, vote and victory formulas, and a two-actor run worked out in
 * the comments (risk attitudes at both ends of the "mid" range, one
 * challenge, an S2P2 bargain rounded to 4 decimals, the stopping rule).
 */
#include <math.h>
#include "../../src/forecast/smpint.h"
#include "parley/parley.h"
#include "test.h"

static void formulas(void)
{
    /* U(d, R) = (1 - d)(1 + dR); past d = 1, (1 - d)(1 + R) */
    CHECK_NEAR(parley__smp_util(0.5, 0.0), 0.5, 1e-15);
    CHECK_NEAR(parley__smp_util(0.5, 1.0), 0.75, 1e-15);
    CHECK_NEAR(parley__smp_util(0.5, -0.5), 0.375, 1e-15);
    CHECK_NEAR(parley__smp_util(1.2, 0.5), -0.3, 1e-15);
    /* saliences (0.3, 0.4): sqrt((0.09 + 0.16) / 0.25) = 1; sqrt(0.09 / 0.25) = 0.6 */
    const double s[2] = {0.3, 0.4}, o[2] = {0, 0}, a[2] = {1, 1}, b[2] = {1, 0};
    CHECK_NEAR(parley__smp_dist(2, s, o, a), 1.0, 1e-15);
    CHECK_NEAR(parley__smp_dist(2, s, o, b), 0.6, 1e-15);
    /* votes: w (ua - ub); binary: w sign; cubic: w du^3 */
    CHECK_NEAR(parley__smp_vote(PARLEY_SMP_VOTE_PROPORTIONAL, 2.0, 0.7, 0.2), 1.0, 1e-15);
    CHECK_NEAR(parley__smp_vote(PARLEY_SMP_VOTE_BINARY, 2.0, 0.7, 0.2), 2.0, 1e-15);
    CHECK_NEAR(parley__smp_vote(PARLEY_SMP_VOTE_CUBIC, 2.0, 0.7, 0.2), 0.25, 1e-15);
    CHECK_NEAR(parley__smp_vote(PARLEY_SMP_VOTE_ASYM_PROSPECT, 3.0, 0.7, 0.2), 1.0, 1e-15);
    /* victory: 3:1 linear 0.75, square 9/10; binary: a 10% edge wins */
    CHECK_NEAR(parley__smp_vprob(PARLEY_SMP_VP_LINEAR, 3, 1), 0.75, 1e-15);
    CHECK_NEAR(parley__smp_vprob(PARLEY_SMP_VP_SQUARE, 3, 1), 0.9, 1e-15);
    CHECK_NEAR(parley__smp_vprob(PARLEY_SMP_VP_BINARY, 1.2, 1), 1.0, 1e-6);
    CHECK_NEAR(parley__smp_vprob(PARLEY_SMP_VP_BINARY, 1, 1), 0.5, 1e-12);
    /* h's estimate of i's risk: one third (2 R_h + R_i) / 3 by default */
    CHECK_NEAR(parley__smp_radj(PARLEY_SMP_RADJ_ONE_THIRD, -0.5, 1.0), 0.0, 1e-15);
    CHECK_NEAR(parley__smp_radj(PARLEY_SMP_RADJ_FULL, -0.5, 1.0), 1.0, 1e-15);
}

/* A at 0 (capability 1), B at 100 (capability 3), one issue, salience 1. */
static parley_fc_problem_t two_actors(void)
{
    parley_fc_problem_t p;
    parley_fc_problem_init(NULL, &p, 2, 1);
    p.hi[0] = 100.0;
    p.position[0] = 0.0;
    p.position[1] = 100.0;
    p.capability[1] = 3.0;
    p.salience[0] = p.salience[1] = 1.0;
    return p;
}

static void two_actors_by_hand(void)
{
    parley_fc_problem_t p = two_actors();
    parley_fc_params_t prm;
    parley_fc_params_init(&prm);
    parley_forecast_t *f = NULL;
    CHECK_INT(parley_forecast_create(NULL, &p, PARLEY_MODEL_SMP, &prm, &f), PARLEY_OK);
    /* c(A:B) = 1, c(B:A) = 3: P = (0.25, 0.75); R = (3p - (pmax + 2 pmin)) / (2 (pmax - pmin))
     * gives A -0.5 and B 1, the two ends of the "mid" range; the outcome 0.75 x 100. */
    const smp_t *s = f->smp;
    CHECK_NEAR(s->R[0], -0.5, 1e-6);
    CHECK_NEAR(s->R[1], 1.0, 1e-6);
    CHECK_NEAR(parley_forecast_probability(f, 0), 0.25, 1e-6);
    CHECK_NEAR(parley_forecast_value(f, 0), 75.0, 1e-4);
    /* A challenging B: p 0.25, sigma_B = 1, gain 0.5 x 2 - 1 < 0. B challenging A:
     * p 0.75, gain 1.5 - 1 = 0.5. S2P2: w_B = 0.75^2, w_A = 0.25^2, both offered
     * round4(0.5625 / 0.625) = 0.9; both take it (B's vote 3 x 0.49 beats A's
     * 0.445). Turn 2 moves nothing: 0 / (1 + 1e-4) < 0.02 stops it. */
    CHECK_INT(parley_forecast_run(NULL, f), PARLEY_OK);
    CHECK_INT(parley_forecast_rounds(f), 2);
    CHECK_NEAR(parley_forecast_positions(f, 0)[0], 90.0, 1e-9);
    CHECK_NEAR(parley_forecast_positions(f, 0)[1], 90.0, 1e-9);
    CHECK_NEAR(parley_forecast_probability(f, 0), 1.0, 1e-12);
    CHECK_NEAR(parley_forecast_value(f, 0), 90.0, 1e-9);
    parley_forecast_destroy(f);
    parley_fc_problem_free(&p);
}

static void rejects_bad_input(void)
{
    parley_fc_problem_t p = two_actors();
    parley_fc_params_t prm;
    parley_fc_params_init(&prm);
    parley_forecast_t *f = NULL;
    p.position[1] = (double)NAN; /* every actor must take part everywhere */
    CHECK_INT(parley_forecast_create(NULL, &p, PARLEY_MODEL_SMP, &prm, &f), PARLEY_EINPUT);
    parley_fc_problem_free(&p);
    parley_fc_problem_init(NULL, &p, 2, 2);
    for (size_t k = 0; k < 4; k++) {
        p.position[k] = 0.5;
        p.salience[k] = 0.6; /* sums to 1.2 > 1 */
    }
    CHECK_INT(parley_forecast_create(NULL, &p, PARLEY_MODEL_SMP, &prm, &f), PARLEY_EINPUT);
    CHECK(f == NULL);
    prm.smp.bargain = (parley_smp_bargain_t)7;
    CHECK_INT(parley_fc_params_check(NULL, &prm), PARLEY_EARG);
    parley_fc_problem_free(&p);
}

const test_case_t tests_smp[] = {
    {"smp/formulas", formulas},
    {"smp/two_actors_by_hand", two_actors_by_hand},
    {"smp/rejects_bad_input", rejects_bad_input},
    {NULL, NULL},
};
