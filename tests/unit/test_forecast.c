/*
 * test_forecast.c — the forecasting models on hand-computed cases (the
 * arithmetic is in the comments), their invariants on many random
 * problems (a forecast lies within the positions; permuting actors or
 * scaling every capability changes nothing), the scenario mapping with a
 * status quo, the DEU reader and the backtest's arithmetic.
 */
#include <stdlib.h>
#include "../../src/core/rng.h"
#include "parley/parley.h"
#include "../test.h"

/* One issue on 0..100 from arrays; salience 1 when s is NULL. */
static parley_fc_problem_t one_issue(size_t n, const double *x, const double *c, const double *s,
                                     double sq)
{
    parley_fc_problem_t p;
    parley_fc_problem_init(NULL, &p, n, 1);
    p.hi[0] = 100.0;
    p.status_quo[0] = sq;
    for (size_t i = 0; i < n; i++) {
        p.position[i] = x[i];
        p.capability[i] = c[i];
        p.salience[i] = s ? s[i] : 1.0;
    }
    return p;
}

/* Runs model m on p with parameters prm (defaults when NULL); returns issue 0's forecast. */
static double run_model(const parley_fc_problem_t *p, parley_model_t m,
                        const parley_fc_params_t *prm, parley_forecast_t **keep)
{
    parley_fc_params_t d;
    parley_fc_params_init(&d);
    parley_forecast_t *f = NULL;
    if (parley_forecast_create(NULL, p, m, prm ? prm : &d, &f) != PARLEY_OK)
        return -1.0;
    parley_forecast_run(NULL, f);
    double v = parley_forecast_value(f, 0);
    if (keep)
        *keep = f;
    else
        parley_forecast_destroy(f);
    return v;
}

static void compromise_by_hand(void)
{
    /* w = c s = 2*0.5, 1*1, 1*0.25 = 1, 1, 0.25; mean = (0 + 60 + 25) / 2.25 = 37.777... */
    double x[] = {0, 60, 100}, c[] = {2, 1, 1}, s[] = {0.5, 1, 0.25};
    parley_fc_problem_t p = one_issue(3, x, c, s, NAN);
    CHECK_NEAR(run_model(&p, PARLEY_MODEL_COMPROMISE, NULL, NULL), 85.0 / 2.25, 1e-12);
    parley_fc_problem_free(&p);
}

static void median_by_hand(void)
{
    /* sorted 10, 20, 30, 40 with weights 1, 1, 1, 3: total 6, half 3, the
     * cumulative weight 1, 2, 3 reaches 3 at 30 (given out of order) */
    double x[] = {40, 20, 30, 10}, w[] = {3, 1, 1, 1};
    CHECK_NEAR(parley_fc_median(4, x, w), 30.0, 0);
    /* weights 1, 1, 1, 4: half 3.5 reached only at 40 */
    double w2[] = {4, 1, 1, 1};
    CHECK_NEAR(parley_fc_median(4, x, w2), 40.0, 0);
    double zero[] = {0, 0, 0, 0};
    CHECK(isnan(parley_fc_median(4, x, zero)));
    parley_fc_problem_t p = one_issue(4, x, w, NULL, NAN);
    CHECK_NEAR(run_model(&p, PARLEY_MODEL_MEDIAN, NULL, NULL), 30.0, 0);
    parley_fc_problem_free(&p);
}

static void nash_by_hand(void)
{
    /* No status quo, x = 0 and 100, capabilities 3 and 1: each actor's worst
     * point is 100 away, so maximise 3 log(100 - y) + log(y): 3/(100-y) = 1/y,
     * y = 25. */
    double x[] = {0, 100}, c[] = {3, 1};
    parley_fc_problem_t p = one_issue(2, x, c, NULL, NAN);
    CHECK_NEAR(run_model(&p, PARLEY_MODEL_NASH, NULL, NULL), 25.0, 1e-9);
    parley_fc_problem_free(&p);
    /* Status quo 20, x = 60 and 80, capabilities 1 and 2: on [60, 80] the
     * product is (40 - (y - 60)) (60 - (80 - y))^2 = (100 - y)(y - 20)^2,
     * whose derivative (y - 20)(220 - 3y) vanishes at y = 220/3. */
    double x2[] = {60, 80}, c2[] = {1, 2};
    p = one_issue(2, x2, c2, NULL, 20.0);
    CHECK_NEAR(run_model(&p, PARLEY_MODEL_NASH, NULL, NULL), 220.0 / 3.0, 1e-9);
    parley_fc_problem_free(&p);
    /* Status quo 50 between x = 20 and 80: no point is better than 50 for
     * both, so the disagreement point stands. */
    double x3[] = {20, 80}, c3[] = {1, 1};
    p = one_issue(2, x3, c3, NULL, 50.0);
    CHECK_NEAR(run_model(&p, PARLEY_MODEL_NASH, NULL, NULL), 50.0, 0);
    parley_fc_problem_free(&p);
}

static void eum_compel_and_risk(void)
{
    /* x = 0, 0, 100, c = s = 1, Q = 1, R = 100. Median 0. A (or B) against C:
     * every voter backs the nearer side with weight 100: P_A = 200/300 = 2/3.
     * With r = 1: U_s = 2, U_f = -2, U_sq = 0; E^A(U_AC) = 2/3*2 - 1/3*2 = 2/3,
     * E^C(U_CA) = 1/3*2 - 2/3*2 = -2/3. |a| = |b|: not a compromise, so C is
     * compelled to 0; the median stays 0 and the run stops. */
    double x[] = {0, 0, 100}, c[] = {1, 1, 1};
    parley_fc_problem_t p = one_issue(3, x, c, NULL, NAN);
    parley_fc_params_t prm;
    parley_fc_params_init(&prm);
    prm.risk = 0;
    parley_forecast_t *f = NULL;
    CHECK_NEAR(run_model(&p, PARLEY_MODEL_EUM, &prm, &f), 0.0, 0);
    CHECK_NEAR(parley_forecast_positions(f, 0)[2], 0.0, 0);
    CHECK_INT(parley_forecast_rounds(f), 1);
    parley_forecast_destroy(f);
    /* With risk: Sec_A = Sec_B = E^C(U_CA) = -2/3, Sec_C = 2 * 2/3 = 4/3, so
     * R_A = (2(-2/3) - 4/3 + 2/3) / 2 = -1, r_A = (1 + 1/3)/(1 - 1/3) = 2 and
     * R_C = 1, r_C = 0.5. Then E^A(U_AC) = 2/3 - U_sq(r=2) = 2/3 - 1 = -1/3 and
     * E^C(U_CA) = -2/3 - (2 - 4 sqrt(0.5)) = 0.1618: C has the upper hand but
     * 0.1618 < 1/3, so A and B are compelled to C's 100: the median jumps. */
    prm.risk = 1;
    prm.max_rounds = 1;
    CHECK_NEAR(run_model(&p, PARLEY_MODEL_EUM, &prm, &f), 100.0, 0);
    CHECK_NEAR(parley_forecast_positions(f, 0)[0], 100.0, 0);
    CHECK_NEAR(parley_forecast_positions(f, 0)[1], 100.0, 0);
    parley_forecast_destroy(f);
    parley_fc_problem_free(&p);
}

static void eum_compromise(void)
{
    /* i at 0 (c 3, s 1), j at 100 (c 4, s 0.5): w = 3 and 2, P_i = 0.6.
     * r = 1, Q = 1: E^i(U_ij) = 2d[1 - 2 s_j (1 - P_i)] = 2(1 - 0.4) = 1.2,
     * E^j(U_ji) = 2d[1 - 2 s_i P_i] = 2(1 - 1.2) = -0.4: compromise, j moves
     * |b/a| = 1/3 of the way to i: 100 - 100/3. The median (weights 3, 2)
     * stays at 0. */
    double x[] = {0, 100}, c[] = {3, 4}, s[] = {1, 0.5};
    parley_fc_problem_t p = one_issue(2, x, c, s, NAN);
    parley_fc_params_t prm;
    parley_fc_params_init(&prm);
    prm.risk = 0;
    parley_forecast_t *f = NULL;
    CHECK_NEAR(run_model(&p, PARLEY_MODEL_EUM, &prm, &f), 0.0, 0);
    CHECK_NEAR(parley_forecast_positions(f, 0)[1], 200.0 / 3.0, 1e-9);
    parley_forecast_destroy(f);
    parley_fc_problem_free(&p);
}

static void condorcet_by_hand(void)
{
    /* Ideals 0 (weight 3) and 100 (weight 1): P(0 beats 100) = 300/400 = 0.75.
     * The chain leaves 0 with 0.25/2 and 100 with 0.75/2, so p = (0.75, 0.25)
     * and the expected outcome is 25. Round 1: the actor at 0 beats 25 with
     * 75/(75+25) = 0.75 and moves 0.25 * 25 = 6.25; the one at 100 beats 25
     * with 75/(225+75) = 0.25 and moves 0.75 * 75 to 43.75. Again
     * P(6.25 beats 43.75) = 0.75, so the outcome is 0.75*6.25 + 0.25*43.75
     * = 15.625. */
    double x[] = {0, 100}, c[] = {3, 1};
    parley_fc_problem_t p = one_issue(2, x, c, NULL, NAN);
    parley_fc_params_t prm;
    parley_fc_params_init(&prm);
    prm.max_rounds = 1;
    parley_forecast_t *f = NULL;
    parley_forecast_create(NULL, &p, PARLEY_MODEL_CONDORCET, &prm, &f);
    CHECK_NEAR(parley_forecast_value(f, 0), 25.0, 1e-9);
    int done = 0;
    parley_forecast_step(NULL, f, &done);
    CHECK(done);
    CHECK_NEAR(parley_forecast_value(f, 0), 15.625, 1e-9);
    CHECK_NEAR(parley_forecast_positions(f, 0)[1], 43.75, 1e-9);
    parley_forecast_destroy(f);
    parley_fc_problem_free(&p);
}

static void exchange_by_hand(void)
{
    /* A at (100, 100) with saliences (0.8, 0.2), B at (0, 0) with (0.2, 0.8),
     * capabilities 1. Outcomes: issue 1 (0.8*100)/1 = 80, issue 2 20. They sit
     * on opposite sides of both and 0.8*0.8 > 0.2*0.2: A gains on 1, B on 2.
     * rho = (0.8+0.2)/(0.2+0.8) = 1; shifts are bounded by 100 - 80 = 20 and
     * 100 * 0.2 / 1 = 20 on issue 1, likewise on 2: both outcomes move 20,
     * gains 0.8*20 - 0.2*20 = 12 each. B moves to 100 on 1, A to 0 on 2. */
    parley_fc_problem_t p;
    parley_fc_problem_init(NULL, &p, 2, 2);
    double pos[] = {100, 100, 0, 0}, sal[] = {0.8, 0.2, 0.2, 0.8};
    for (int k = 0; k < 4; k++) {
        p.position[k] = pos[k];
        p.salience[k] = sal[k];
    }
    p.hi[0] = p.hi[1] = 100;
    parley_forecast_t *f = NULL;
    CHECK_NEAR(run_model(&p, PARLEY_MODEL_EXCHANGE, NULL, &f), 100.0, 1e-9);
    CHECK_NEAR(parley_forecast_value(f, 1), 0.0, 1e-9);
    parley_forecast_destroy(f);
    CHECK_NEAR(run_model(&p, PARLEY_MODEL_COMPROMISE, NULL, NULL), 80.0, 1e-9);
    parley_fc_problem_free(&p);
}

/* A random problem: n actors, k issues, some actors sitting out. */
static parley_fc_problem_t random_problem(parley__rng_t *g, size_t n, size_t k)
{
    parley_fc_problem_t p;
    parley_fc_problem_init(NULL, &p, n, k);
    for (size_t i = 0; i < n; i++)
        p.capability[i] = 0.1 + (double)parley__rng_below(g, 1000) / 100.0;
    for (size_t j = 0; j < k; j++) {
        p.lo[j] = -50.0;
        p.hi[j] = 150.0;
        p.status_quo[j] = parley__rng_below(g, 2) ? NAN : -50.0 + (double)parley__rng_below(g, 201);
        for (size_t i = 0; i < n; i++) {
            if (i >= 2 && parley__rng_below(g, 5) == 0)
                continue; /* takes no part */
            p.position[i * k + j] = -50.0 + (double)parley__rng_below(g, 20001) / 100.0;
            p.salience[i * k + j] = 0.05 + (double)parley__rng_below(g, 96) / 100.0;
        }
    }
    return p;
}

/* Forecasts of every issue under model m (NAN on failure). */
static void forecasts(const parley_fc_problem_t *p, parley_model_t m, double *out)
{
    parley_fc_params_t prm;
    parley_fc_params_init(&prm);
    prm.max_rounds = 30;
    parley_forecast_t *f = NULL;
    if (parley_forecast_create(NULL, p, m, &prm, &f) != PARLEY_OK ||
        parley_forecast_run(NULL, f) != PARLEY_OK) {
        for (size_t j = 0; j < p->n_issues; j++)
            out[j] = NAN;
    } else {
        for (size_t j = 0; j < p->n_issues; j++)
            out[j] = parley_forecast_value(f, j);
    }
    parley_forecast_destroy(f);
}

/* The same problem with actors in reversed-rotated order and capabilities x 7.3. */
static parley_fc_problem_t transformed(const parley_fc_problem_t *p, int permute, double scale)
{
    size_t n = p->n_actors, k = p->n_issues;
    parley_fc_problem_t q;
    parley_fc_problem_init(NULL, &q, n, k);
    for (size_t j = 0; j < k; j++) {
        q.lo[j] = p->lo[j];
        q.hi[j] = p->hi[j];
        q.status_quo[j] = p->status_quo[j];
    }
    for (size_t i = 0; i < n; i++) {
        size_t from = permute ? (n - 1 - i + 2) % n : i;
        q.capability[i] = p->capability[from] * scale;
        for (size_t j = 0; j < k; j++) {
            q.position[i * k + j] = p->position[from * k + j];
            q.salience[i * k + j] = p->salience[from * k + j];
        }
    }
    return q;
}

static void invariants(void)
{
    parley__rng_t g;
    parley__rng_seed(&g, 42);
    int bad_hull = 0, bad_perm = 0, bad_scale = 0;
    for (int trial = 0; trial < 150; trial++) {
        size_t n = 3 + parley__rng_below(&g, 8), k = 1 + parley__rng_below(&g, 3);
        parley_fc_problem_t p = random_problem(&g, n, k);
        parley_fc_problem_t q = transformed(&p, 1, 1.0), r = transformed(&p, 0, 7.3);
        for (int m = 0; m < PARLEY_MODEL_PER_ISSUE; m++) {
            double a[3], b[3], c[3];
            forecasts(&p, (parley_model_t)m, a);
            forecasts(&q, (parley_model_t)m, b);
            forecasts(&r, (parley_model_t)m, c);
            for (size_t j = 0; j < k; j++) {
                double lo = INFINITY, hi = -INFINITY, sq = p.status_quo[j];
                for (size_t i = 0; i < n; i++) {
                    double x = p.position[i * k + j];
                    if (!isnan(x)) {
                        lo = fmin(lo, x);
                        hi = fmax(hi, x);
                    }
                }
                if (m == PARLEY_MODEL_NASH && !isnan(sq)) { /* the status quo may stand */
                    lo = fmin(lo, sq);
                    hi = fmax(hi, sq);
                }
                bad_hull += !(a[j] >= lo - 1e-9 && a[j] <= hi + 1e-9);
                bad_perm += !(fabs(a[j] - b[j]) <= 1e-6);
                bad_scale += !(fabs(a[j] - c[j]) <= 1e-6);
                if (!(a[j] >= lo - 1e-9 && a[j] <= hi + 1e-9) || !(fabs(a[j] - b[j]) <= 1e-6) ||
                    !(fabs(a[j] - c[j]) <= 1e-6))
                    fprintf(stderr, "  trial %d model %s issue %zu: %g [%g, %g] perm %g scale %g\n",
                            trial, parley_model_name((parley_model_t)m), j, a[j], lo, hi, b[j],
                            c[j]);
            }
        }
        parley_fc_problem_free(&p);
        parley_fc_problem_free(&q);
        parley_fc_problem_free(&r);
    }
    CHECK_INT(bad_hull, 0);
    CHECK_INT(bad_perm, 0);
    CHECK_INT(bad_scale, 0);
}

static const char SCENARIO[] =
    "parley: 1\n"
    "actors:\n"
    "  - {id: A, capability: 2, batna: 0.1}\n"
    "  - {id: B, capability: 1, batna: 0.1}\n"
    "  - {id: C, capability: 1, batna: 0.1}\n"
    "issues:\n"
    "  - {id: cap, scale: {lo: 0, hi: 100}, status_quo: 30}\n"
    "  - {id: opt, options: [a, b, c], status_quo: b}\n"
    "  - {id: free, scale: {lo: 0, hi: 10}}\n"
    "stances:\n"
    "  A: {cap: {ideal: 80, salience: 0.5}, opt: {values: {a: 0.2, b: 1, c: 1}, salience: 1}}\n"
    "  B: {cap: {values: [[0, 0], [40, 1], [100, 0]], salience: 1}, opt: {ideal: c, salience: 0.5}}\n"
    "  C: {free: {ideal: 5, salience: 1}}\n";

static void from_scenario(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    CHECK_INT(parley_scenario_load_buffer(ctx, "sq.yaml", SCENARIO, sizeof SCENARIO - 1, &s),
              PARLEY_OK);
    if (!s) {
        fprintf(stderr, "  %s\n", parley_ctx_message(ctx));
        parley_ctx_destroy(ctx);
        test_failures++;
        return;
    }
    CHECK_NEAR(parley_scenario_issue(s, 0)->status_quo, 30.0, 0);
    CHECK_NEAR(parley_scenario_issue(s, 1)->status_quo, 1.0, 0);
    CHECK(isnan(parley_scenario_issue(s, 2)->status_quo));
    parley_fc_problem_t p;
    CHECK_INT(parley_fc_problem_from_scenario(ctx, s, &p), PARLEY_OK);
    CHECK_NEAR(p.position[0 * 3 + 0], 80.0, 0);  /* IDEAL */
    CHECK_NEAR(p.position[1 * 3 + 0], 40.0, 0);  /* POINTS: the peak */
    CHECK_NEAR(p.position[0 * 3 + 1], 1.0, 0);   /* TABLE: the first best option, b */
    CHECK_NEAR(p.position[1 * 3 + 1], 2.0, 0);   /* IDEAL option c */
    CHECK(isnan(p.position[2 * 3 + 1]));         /* C takes no part */
    CHECK_NEAR(p.salience[1 * 3 + 1], 0.5, 0);
    CHECK_NEAR(p.status_quo[0], 30.0, 0);
    CHECK_NEAR(p.capability[0], 2.0, 0);
    /* compromise on cap: (2*0.5*80 + 1*1*40) / (1 + 1) = 60 */
    CHECK_NEAR(run_model(&p, PARLEY_MODEL_COMPROMISE, NULL, NULL), 60.0, 1e-12);
    parley_fc_problem_free(&p);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

static const char DEU[] =
    "\"prnr\"\t\"isnr\"\t\"pcom\"\t\"pde\"\t\"pfr\"\t\"pmt\"\t\"scom\"\t\"sde\"\t\"sfr\"\t\"smt\"\t\"rp\"\t\"out\"\n"
    "\t\t\"4.1\"\t\"4.1\"\t\"2.8\"\t\"0.02\"\t\t\t\t\t\t\n"
    "p1\tp1i1\t100\t0\t50\t\t80\t50\t50\t\t0\t40\n"
    "p1\tp1i2\t0\t100\t100\t100\t50\t50\t\t50\t\t100\n"
    "p2\tp2i1\t10\t\t\t\t50\t\t\t\t\t\n"
    "p3\tp3i1\t0\t100\t20\t60\t50\t50\t50\t50\t\t30\n";

static void deu_reader(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_deu_t *d = NULL;
    CHECK_INT(parley_deu_parse(ctx, "t.tsv", DEU, sizeof DEU - 1, &d), PARLEY_OK);
    if (!d) {
        fprintf(stderr, "  %s\n", parley_ctx_message(ctx));
        parley_ctx_destroy(ctx);
        test_failures++;
        return;
    }
    CHECK_INT(d->n_actors, 4);
    CHECK_STR(d->actors[3], "mt");
    CHECK_INT(d->n_issues, 4);
    CHECK(d->gdp && fabs(d->gdp[3] - 0.02) < 1e-15);
    CHECK_STR(d->issues[1].id, "p1i2");
    CHECK_INT(d->issues[1].line, 4);
    CHECK(isnan(d->issues[1].salience[2]));
    CHECK(isnan(d->issues[2].outcome));
    CHECK_NEAR(d->issues[0].reference, 0.0, 0);
    /* Nice votes: de 29, fr 29, mt 3; com gets the largest, 29. Issue p1i1:
     * com 100 (29*0.8), de 0 (29*0.5), fr 50 (29*0.5): mean = (2320 + 725) /
     * (23.2 + 14.5 + 14.5) = 58.333; outcome 40, error 18.333. Issue p1i2:
     * 0 (29*.5), 100 (29*.5), 100 (fr: blank salience -> 50: 29*.5), 100 (3*.5):
     * mean = 3050 / 45 = 67.778, error 32.222. p2i1 has no outcome; p3i1:
     * 0, 100, 20, 60 with weights 14.5, 14.5, 14.5, 1.5: 1830 / 45 = 40.667,
     * error 10.667. MAE = (18.333 + 32.222 + 10.667) / 3 = 20.407. */
    parley_backtest_options_t o;
    parley_backtest_options_init(&o);
    o.resamples = 200;
    parley_model_t models[] = {PARLEY_MODEL_COMPROMISE, PARLEY_MODEL_MEDIAN};
    parley_capability_t caps[] = {PARLEY_CAP_NICE};
    parley_backtest_row_t rows[2];
    CHECK_INT(parley_backtest_run(ctx, d, models, 2, caps, 1, &o, rows), PARLEY_OK);
    double e1 = fabs((2320.0 + 725.0) / 52.2 - 40), e2 = fabs(3050.0 / 45.0 - 100),
           e3 = fabs(1830.0 / 45.0 - 30);
    CHECK_INT(rows[0].n, 3);
    CHECK_NEAR(rows[0].mae, (e1 + e2 + e3) / 3, 1e-9);
    CHECK_NEAR(rows[0].diff, 0.0, 0);
    CHECK_NEAR(rows[0].diff_lo, 0.0, 0);
    CHECK(rows[0].mae_lo <= rows[0].mae && rows[0].mae <= rows[0].mae_hi);
    /* medians: p1i1 weights 23.2 (100), 14.5 (0), 14.5 (50): sorted 0, 50, 100,
     * cumulative 14.5, 29 >= 26.1 -> 50, error 10; p1i2: 0 (14.5), 100 ... -> 100,
     * error 0; p3i1: 0, 20, 60, 100 with 14.5, 14.5, 1.5, 14.5: half 22.5 -> 20,
     * error 10. */
    CHECK_NEAR(rows[1].mae, 20.0 / 3.0, 1e-9);
    CHECK_NEAR(rows[1].median_ae, 10.0, 0);
    /* Blank saliences dropped (the published backtest's convention): fr
     * leaves p1i2, whose mean becomes (100*14.5 + 100*1.5) / 30.5. */
    o.drop_blank_salience = 1;
    CHECK_INT(parley_backtest_run(ctx, d, models, 2, caps, 1, &o, rows), PARLEY_OK);
    CHECK_NEAR(rows[0].mae, (e1 + fabs(1600.0 / 30.5 - 100) + e3) / 3, 1e-9);
    parley_deu_destroy(d);
    /* a non-numeric position, located */
    static const char BAD[] = "\"isnr\"\t\"pde\"\t\"sde\"\t\"out\"\nx1\t4O\t50\t20\n";
    CHECK_INT(parley_deu_parse(ctx, "b.tsv", BAD, sizeof BAD - 1, &d), PARLEY_EINPUT);
    CHECK_STR(parley_ctx_message(ctx), "b.tsv:2:4: the position of 'de' must be a number, got '4O'");
    static const char WIDE[] = "\"isnr\"\t\"pde\"\t\"sde\"\t\"out\"\nx1\t40\t50\t20\t7\n";
    CHECK_INT(parley_deu_parse(ctx, "w.tsv", WIDE, sizeof WIDE - 1, &d), PARLEY_EINPUT);
    CHECK_STR(parley_ctx_message(ctx), "w.tsv:2:13: 5 fields, the header has 4");
    parley_ctx_destroy(ctx);
}

static void rng_reproducible(void)
{
    parley__rng_t a, b, c;
    parley__rng_seed(&a, 7);
    parley__rng_seed(&b, 7);
    parley__rng_seed(&c, 0);
    int same = 1, in_range = 1;
    for (int k = 0; k < 1000; k++) {
        same &= parley__rng_next(&a) == parley__rng_next(&b);
        in_range &= parley__rng_below(&c, 13) < 13;
    }
    CHECK(same);
    CHECK(in_range);
    parley__rng_seed(&b, 8);
    CHECK(parley__rng_next(&a) != parley__rng_next(&b));
}

static void params_checked(void)
{
    parley_fc_params_t p;
    parley_fc_params_init(&p);
    CHECK_INT(parley_fc_params_check(NULL, &p), PARLEY_OK);
    p.q = 1.5;
    CHECK_INT(parley_fc_params_check(NULL, &p), PARLEY_EARG);
    parley_model_t m;
    CHECK_INT(parley_model_from_name("eum", &m), PARLEY_OK);
    CHECK_INT(m, PARLEY_MODEL_EUM);
    CHECK_INT(parley_model_from_name("bdm", &m), PARLEY_ENOTFOUND);
    /* a position outside its scale is refused */
    double x[] = {0, 120}, c[] = {1, 1};
    parley_fc_problem_t pr = one_issue(2, x, c, NULL, NAN);
    parley_fc_params_init(&p);
    parley_forecast_t *f = NULL;
    CHECK_INT(parley_forecast_create(NULL, &pr, PARLEY_MODEL_MEDIAN, &p, &f), PARLEY_EINPUT);
    CHECK(f == NULL);
    parley_fc_problem_free(&pr);
}

/* Issue 0's positions after one EUM round under prm. */
static void eum_one_round(const parley_fc_problem_t *p, const parley_fc_params_t *prm,
                          double *out)
{
    parley_forecast_t *f = NULL;
    CHECK_INT(parley_forecast_create(NULL, p, PARLEY_MODEL_EUM, prm, &f), PARLEY_OK);
    int done;
    CHECK_INT(parley_forecast_step(NULL, f, &done), PARLEY_OK);
    const double *x = parley_forecast_positions(f, 0);
    for (size_t i = 0; i < p->n_actors; i++)
        out[i] = x[i];
    parley_forecast_destroy(f);
}

/* The EUM's conventions (docs/models.md, "EUM conventions"). */
static void eum_conventions(void)
{
    /* Conflict: in tests/data/forecast/cycle.yaml both sides of a pair
     * expect to gain; 'yield' moves the weaker side, 'none' nobody. */
    const double x[] = {20, 60, 70}, c[] = {5, 2, 4}, s[] = {0.2, 0.4, 0.6};
    parley_fc_problem_t p = one_issue(3, x, c, s, NAN);
    parley_fc_params_t prm;
    parley_fc_params_init(&prm);
    CHECK_INT(prm.conflict, PARLEY_EUM_CONFLICT_YIELD);
    CHECK_INT(prm.security, PARLEY_EUM_SECURITY_ALL);
    CHECK_NEAR(prm.tie_tol, 1e-9, 0);
    double a[5], b[5];
    eum_one_round(&p, &prm, a);
    prm.conflict = PARLEY_EUM_CONFLICT_NONE;
    eum_one_round(&p, &prm, b);
    CHECK(a[0] != 20.0 || a[1] != 60.0 || a[2] != 70.0);
    CHECK_NEAR(b[0], 20.0, 0);
    CHECK_NEAR(b[1], 60.0, 0);
    CHECK_NEAR(b[2], 70.0, 0);
    parley_fc_problem_free(&p);
    /* Security level: actors 0 and 1 share a position; at Q < 1 their
     * challenges of each other are not 0, so leaving them out moves actor
     * 4's risk exponent and its offer; at Q = 1 they are 0 and change
     * nothing. */
    const double x2[] = {10, 10, 50, 90, 40}, c2[] = {2, 2, 1, 3, 3},
                 s2[] = {0.3, 0.3, 0.9, 0.6, 0.8};
    p = one_issue(5, x2, c2, s2, NAN);
    for (int q = 0; q < 2; q++) {
        parley_fc_params_init(&prm);
        prm.q = q ? 1.0 : 0.5;
        eum_one_round(&p, &prm, a);
        prm.security = PARLEY_EUM_SECURITY_DISTINCT;
        eum_one_round(&p, &prm, b);
        if (q)
            CHECK(memcmp(a, b, sizeof a) == 0);
        else
            CHECK(fabs(a[4] - b[4]) > 0.01);
    }
    parley_fc_problem_free(&p);
    /* Ties: in a configuration symmetric about 50 the two sides' expected
     * utilities are equal up to rounding; a 1e-12 nudge of the positions
     * (far below the tie tolerance) must not change the forecast. */
    const double x3[] = {0, 30, 50, 70, 100}, c3[] = {2, 1, 3, 1, 2}, s3[] = {0.9, 0.4, 0.5, 0.4, 0.9};
    const double x4[] = {1e-12, 30, 50, 70 - 1e-12, 100}, x5[] = {0, 30 + 1e-12, 50, 70, 100};
    p = one_issue(5, x3, c3, s3, NAN);
    double v3 = run_model(&p, PARLEY_MODEL_EUM, NULL, NULL);
    parley_fc_problem_free(&p);
    p = one_issue(5, x4, c3, s3, NAN);
    CHECK_NEAR(run_model(&p, PARLEY_MODEL_EUM, NULL, NULL), v3, 1e-6);
    parley_fc_problem_free(&p);
    p = one_issue(5, x5, c3, s3, NAN);
    CHECK_NEAR(run_model(&p, PARLEY_MODEL_EUM, NULL, NULL), v3, 1e-6);
    parley_fc_problem_free(&p);
    /* Out of range. */
    parley_fc_params_init(&prm);
    prm.tie_tol = 0.01;
    CHECK_INT(parley_fc_params_check(NULL, &prm), PARLEY_EARG);
}

/* The introduction dates of DEU by the rules of docs/validation.md. */
static void intro_dates(void)
{
    CHECK_INT(parley_deu_intro_date("26-01-00"), 20000126);
    CHECK_INT(parley_deu_intro_date("07-02-96"), 19960207);
    CHECK_INT(parley_deu_intro_date("20-07-2016"), 20160720);
    CHECK_INT(parley_deu_intro_date("2014-07-04"), 20040714); /* a misread 14-07-04 */
    CHECK_INT(parley_deu_intro_date("1930-05-05"), 20050530);
    CHECK_INT(parley_deu_intro_date("2017-04-18"), 20170418); /* a real yyyy-mm-dd */
    CHECK_INT(parley_deu_intro_date("45-01-50"), 0);          /* day and year out of range */
    CHECK_INT(parley_deu_intro_date("01-13-99"), 0);
    CHECK_INT(parley_deu_intro_date(""), 0);
    CHECK_INT(parley_deu_intro_date("999"), 0);
    CHECK_INT(parley_deu_intro_date(NULL), 0);
}

const test_case_t tests_forecast[] = {
    {"forecast/eum_conventions", eum_conventions},
    {"forecast/compromise_by_hand", compromise_by_hand},
    {"forecast/median_by_hand", median_by_hand},
    {"forecast/nash_by_hand", nash_by_hand},
    {"forecast/eum_compel_and_risk", eum_compel_and_risk},
    {"forecast/eum_compromise", eum_compromise},
    {"forecast/condorcet_by_hand", condorcet_by_hand},
    {"forecast/exchange_by_hand", exchange_by_hand},
    {"forecast/invariants", invariants},
    {"forecast/from_scenario", from_scenario},
    {"forecast/deu_reader_and_backtest", deu_reader},
    {"forecast/rng_reproducible", rng_reproducible},
    {"forecast/params_checked", params_checked},
    {"forecast/intro_dates", intro_dates},
    {NULL, NULL},
};
