/*
 * test_smp.c — KTAB's spatial model of politics by hand: the utility,
 * distance, vote and victory formulas, and a two-actor run worked out in
 * the comments (risk attitudes at both ends of the "mid" range, one
 * challenge, an S2P2 bargain rounded to 4 decimals, the stopping rule),
 * ideals under an accommodation matrix, salience normalisation.
 */
#include <math.h>
#include "../../src/forecast/smpint.h"
#include "parley/parley.h"
#include "../test.h"

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

/* Ideals by hand: the two actors above meet at 90 in turn 1; then
 * y_i <- sum_j A_ij x_j + (1 - sum_j A_ij) y_i on the 0..1 scale. */
static void accommodation_by_hand(void)
{
    const double half[4] = {0.5, 0, 0, 1};    /* A keeps half of its old ideal */
    const double other[4] = {0, 0.25, 0, 1};  /* A moves a quarter toward B's position */
    const double *mats[3] = {half, other, NULL};
    const double want[3] = {0.45, 0.225, 0.9}; /* 0.5 x 0.9 + 0.5 x 0; 0.25 x 0.9 + 0.75 x 0 */
    for (int m = 0; m < 3; m++) {
        parley_fc_problem_t p = two_actors();
        parley_fc_params_t prm;
        parley_fc_params_init(&prm);
        prm.smp.accommodation = mats[m];
        parley_forecast_t *f = NULL;
        int done = 0;
        CHECK_INT(parley_forecast_create(NULL, &p, PARLEY_MODEL_SMP, &prm, &f), PARLEY_OK);
        if (!f) {
            parley_fc_problem_free(&p);
            continue;
        }
        CHECK_INT(parley_forecast_step(NULL, f, &done), PARLEY_OK);
        const smp_t *s = f->smp;
        CHECK_NEAR(s->x[0], 0.9, 1e-12);
        CHECK_NEAR(s->x[1], 0.9, 1e-12);
        CHECK_NEAR(s->y[0], want[m], 1e-12);
        CHECK_NEAR(s->y[1], 0.9, 1e-12); /* B's row is the identity's */
        /* both at one position: nobody challenges, turn 2 ends the run */
        CHECK_INT(parley_forecast_run(NULL, f), PARLEY_OK);
        CHECK_INT(parley_forecast_rounds(f), 2);
        parley_forecast_destroy(f);
        parley_fc_problem_free(&p);
    }
}

/* Three actors on two issues, saliences summing to s_sum each. */
static parley_fc_problem_t three_actors(double s_sum)
{
    static const double pos[3][2] = {{10, 80}, {70, 20}, {50, 50}}, cap[3] = {40, 30, 20};
    static const double share[3][2] = {{0.6, 0.4}, {0.5, 0.5}, {0.3, 0.7}};
    parley_fc_problem_t p;
    parley_fc_problem_init(NULL, &p, 3, 2);
    for (size_t i = 0; i < 3; i++) {
        p.capability[i] = cap[i];
        for (size_t j = 0; j < 2; j++) {
            p.hi[j] = 100.0;
            p.position[i * 2 + j] = pos[i][j];
            p.salience[i * 2 + j] = s_sum * share[i][j];
        }
    }
    return p;
}

/* Runs the SMP to the end; positions after the last turn into x (3 x 2). */
static unsigned run3(const parley_fc_problem_t *p, const parley_fc_params_t *prm, double *x,
                     double *prob)
{
    parley_forecast_t *f = NULL;
    CHECK_INT(parley_forecast_create(NULL, p, PARLEY_MODEL_SMP, prm, &f), PARLEY_OK);
    if (!f)
        return 0;
    CHECK_INT(parley_forecast_run(NULL, f), PARLEY_OK);
    for (size_t j = 0; j < 2; j++)
        for (size_t i = 0; i < 3; i++)
            x[i * 2 + j] = parley_forecast_positions(f, j)[i];
    for (size_t i = 0; i < 3; i++)
        prob[i] = parley_forecast_probability(f, i);
    unsigned r = parley_forecast_rounds(f);
    parley_forecast_destroy(f);
    return r;
}

/* 'normalise' divides each actor's saliences by their sum: saliences
 * 1.2 x shares run exactly as the shares themselves; 'strict' refuses them
 * and names the option. An explicit identity matrix is the default. */
static void salience_and_identity(void)
{
    parley_fc_problem_t over = three_actors(1.2), unit = three_actors(1.0);
    parley_fc_params_t prm;
    parley_fc_params_init(&prm);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_forecast_t *f = NULL;
    CHECK_INT(parley_forecast_create(ctx, &over, PARLEY_MODEL_SMP, &prm, &f), PARLEY_EINPUT);
    CHECK_CONTAINS(parley_ctx_message(ctx), "got 1.2; the salience option 'normalise' "
                                            "(--smp-salience normalise)");
    double x1[6], x2[6], p1[3], p2[3];
    unsigned r2 = run3(&unit, &prm, x2, p2);
    prm.smp.salience = PARLEY_SMP_SALIENCE_NORMALISE;
    unsigned r1 = run3(&over, &prm, x1, p1);
    CHECK_INT(r1, r2);
    CHECK(r1 > 1);
    for (size_t k = 0; k < 6; k++)
        CHECK_NEAR(x1[k], x2[k], 1e-12);
    for (size_t k = 0; k < 3; k++)
        CHECK_NEAR(p1[k], p2[k], 1e-12);
    const double eye[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    prm.smp.salience = PARLEY_SMP_SALIENCE_STRICT;
    prm.smp.accommodation = eye;
    CHECK_INT(run3(&unit, &prm, x1, p1), r2);
    for (size_t k = 0; k < 6; k++)
        CHECK_NEAR(x1[k], x2[k], 0);
    /* a matrix that is not one: an entry past 1, a row past 1 */
    const double big[9] = {1, 0, 0, 0, 1.5, 0, 0, 0, 1}, row[9] = {1, 0, 0, 0.5, 0.6, 0, 0, 0, 1};
    prm.smp.accommodation = big;
    CHECK_INT(parley_forecast_create(ctx, &unit, PARLEY_MODEL_SMP, &prm, &f), PARLEY_EARG);
    prm.smp.accommodation = row;
    CHECK_INT(parley_forecast_create(ctx, &unit, PARLEY_MODEL_SMP, &prm, &f), PARLEY_EARG);
    CHECK_CONTAINS(parley_ctx_message(ctx), "row of actor #2 sums to 1.1");
    CHECK(f == NULL);
    parley_ctx_destroy(ctx);
    parley_fc_problem_free(&over);
    parley_fc_problem_free(&unit);
}

const test_case_t tests_smp[] = {
    {"smp/accommodation_by_hand", accommodation_by_hand},
    {"smp/salience_and_identity", salience_and_identity},
    {"smp/formulas", formulas},
    {"smp/two_actors_by_hand", two_actors_by_hand},
    {"smp/rejects_bad_input", rejects_bad_input},
    {NULL, NULL},
};
