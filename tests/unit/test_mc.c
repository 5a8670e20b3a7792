/*
 * test_mc.c — Monte Carlo and sensitivity: each distribution's draws
 * (moments, support, quantiles), streams that depend only on (seed,
 * index), results bit-identical across thread counts, batch sizes and
 * splits, a probability with a known answer inside its interval, the
 * Sobol indices of a one-input case, and the Sobol estimators on functions
 * with known indices (linear far from 0, an input with no effect, an
 * interaction) inside their bootstrap intervals, with measured coverage.
 */
#include <math.h>
#include <stdlib.h>
#include "parley/mc.h"
#include "../../src/core/rng.h"
#include "../../src/mc/sobol.h"
#include "../test.h"
#include "unit.h"

/* A deal exists iff B's BATNA ~ U(0,1) is at most 0.3 (tests/data/mc/analytic.yaml). */
static const char ANALYTIC[] =
    "parley: 1\n"
    "actors:\n"
    "  - {id: A, capability: 1, batna: 0.7}\n"
    "  - {id: B, capability: 1, batna: {dist: uniform, min: 0, max: 1}}\n"
    "issues:\n"
    "  - {id: deal, options: [x, y]}\n"
    "stances:\n"
    "  A:\n"
    "    deal: {salience: 1, values: {x: 1, y: 0.6}}\n"
    "  B:\n"
    "    deal: {salience: 1, values: {x: 0.3, y: 1}}\n";

/* One input of each distribution (tests/data/mc/small.yaml). */
static const char SMALL[] =
    "parley: 1\n"
    "actors:\n"
    "  - {id: N, capability: {dist: beta, alpha: 2, beta: 3, min: 0.5, max: 1.5},"
    " batna: {dist: uniform, min: 0.3, max: 0.6}}\n"
    "  - {id: S, capability: 1, batna: {dist: triangular, min: 0.2, mode: 0.4, max: 0.6},"
    " batna_drift: 0.01}\n"
    "  - {id: M, capability: 0.5, batna: 0.3}\n"
    "issues:\n"
    "  - {id: border, options: [old, mixed, new]}\n"
    "  - {id: money, scale: {lo: 0, hi: 100}}\n"
    "stances:\n"
    "  N:\n"
    "    border: {salience: {dist: normal, mean: 0.6, sd: 0.2, min: 0.1, max: 1}, ideal: new}\n"
    "    money: {salience: 0.4, ideal: 0}\n"
    "  S:\n"
    "    border: {salience: 0.5, ideal: old}\n"
    "    money: {salience: 0.5, ideal: {dist: uniform, min: 60, max: 100}}\n"
    "  M:\n"
    "    border: {salience: 0.5, ideal: mixed}\n"
    "    money: {salience: 0.5, ideal: 50}\n";

/* Draws n values of u: sample mean and variance, all within the support. */
static void check_dist(const parley_uncertain_t *u)
{
    enum { N = 200000 };
    parley_mc_stream_t *r = parley_mc_stream_create();
    CHECK(r != NULL);
    if (!r)
        return;
    double sum = 0, sq = 0, q30 = parley_mc_quantile(u, 0.3);
    long below = 0, outside = 0;
    parley_mc_stream_seek(r, 42, 7);
    for (int k = 0; k < N; k++) {
        double x = parley_mc_draw(u, r);
        outside += !(x >= u->a && x <= u->b);
        below += x <= q30;
        sum += x;
        sq += x * x;
    }
    double mean, var, m = sum / N, v = sq / N - m * m;
    parley_mc_moments(u, &mean, &var);
    double sd = sqrt(var);
    CHECK_INT(outside, 0);
    CHECK_NEAR(m, mean, 5.0 * sd / sqrt((double)N));
    CHECK_NEAR(v, var, 0.02 * var);
    CHECK_NEAR((double)below / N, 0.3, 0.005); /* the quantile function matches the sampler */
    CHECK_NEAR(parley_mc_quantile(u, 0.0), u->a, 1e-9 * (u->b - u->a) + 1e-6 * sd);
    parley_mc_stream_destroy(r);
}

static void test_distributions(void)
{
    parley_uncertain_t u = {.dist = PARLEY_DIST_UNIFORM, .a = 2, .b = 5};
    check_dist(&u);
    u = (parley_uncertain_t){.dist = PARLEY_DIST_TRIANGULAR, .a = 0, .b = 1, .c = 0.2};
    check_dist(&u);
    u = (parley_uncertain_t){.dist = PARLEY_DIST_NORMAL, .a = 0, .b = 1, .c = 0.6, .d = 0.2};
    check_dist(&u); /* most mass kept: rejection */
    u = (parley_uncertain_t){.dist = PARLEY_DIST_NORMAL, .a = 0.9, .b = 1, .c = 0.3, .d = 0.1};
    check_dist(&u); /* a far tail: inverse CDF */
    u = (parley_uncertain_t){.dist = PARLEY_DIST_BETA, .a = 0.5, .b = 1.5, .c = 2, .d = 5};
    check_dist(&u);
    /* Moments from their formulas. */
    double mean, var;
    u = (parley_uncertain_t){.dist = PARLEY_DIST_NORMAL, .a = -1e9, .b = 1e9, .c = 3, .d = 2};
    parley_mc_moments(&u, &mean, &var);
    CHECK_NEAR(mean, 3, 1e-9);
    CHECK_NEAR(var, 4, 1e-9);
    u = (parley_uncertain_t){.dist = PARLEY_DIST_TRIANGULAR, .a = 0, .b = 3, .c = 0};
    parley_mc_moments(&u, &mean, &var);
    CHECK_NEAR(mean, 1, 1e-12);
    CHECK_NEAR(var, 0.5, 1e-12);
}

static void test_streams(void)
{
    parley_mc_stream_t *a = parley_mc_stream_create(), *b = parley_mc_stream_create();
    double x[4], y[4];
    /* The stream of (seed, i) does not depend on what was drawn before. */
    parley_mc_stream_seek(a, 9, 1000);
    for (int k = 0; k < 4; k++)
        x[k] = parley_mc_stream_uniform(a);
    parley_mc_stream_seek(b, 9, 3);
    for (int k = 0; k < 50; k++)
        parley_mc_stream_uniform(b);
    parley_mc_stream_seek(b, 9, 1000);
    for (int k = 0; k < 4; k++) {
        y[k] = parley_mc_stream_uniform(b);
        CHECK(x[k] == y[k]);
        CHECK(x[k] >= 0.0 && x[k] < 1.0);
    }
    /* Neighbouring indices and seeds give unrelated streams. */
    parley_mc_stream_seek(b, 9, 1001);
    CHECK(parley_mc_stream_uniform(b) != x[0]);
    parley_mc_stream_seek(b, 10, 1000);
    CHECK(parley_mc_stream_uniform(b) != x[0]);
    /* First draws of consecutive indices are uniform and uncorrelated. */
    double s = 0, prev = 0, cross = 0;
    enum { N = 100000 };
    for (uint64_t i = 0; i < N; i++) {
        parley_mc_stream_seek(a, 1, i);
        double u = parley_mc_stream_uniform(a);
        s += u;
        cross += (u - 0.5) * (prev - 0.5);
        prev = u;
    }
    CHECK_NEAR(s / N, 0.5, 0.005);
    CHECK_NEAR(cross / N / (1.0 / 12.0), 0.0, 0.02);
    parley_mc_stream_destroy(a);
    parley_mc_stream_destroy(b);
}

static void test_wilson(void)
{
    double lo, hi;
    parley_mc_wilson(5, 10, &lo, &hi);
    CHECK_NEAR(lo, 0.2365931, 1e-6);
    CHECK_NEAR(hi, 0.7634069, 1e-6);
    parley_mc_wilson(0, 20, &lo, &hi);
    CHECK_NEAR(lo, 0.0, 1e-12);
    CHECK_NEAR(hi, 0.1611251, 1e-6);
    parley_mc_wilson(0, 0, &lo, &hi);
    CHECK(lo == 0.0 && hi == 1.0);
}

/* Runs a Monte Carlo and returns a copy of its counters (free()). */
static uint64_t *run_counters(const parley_scenario_t *s, parley_mc_what_t what, uint64_t n,
                              unsigned threads, unsigned batch, uint64_t first, uint64_t count,
                              size_t *len)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_mc_options_t o;
    parley_mc_options_init(&o);
    o.what = what;
    o.samples = n;
    o.seed = 2024;
    o.threads = threads;
    o.batch = batch;
    o.first = first;
    o.count = count;
    parley_mc_t *mc = NULL;
    parley_status_t st = parley_mc_create(ctx, s, &o, &mc);
    CHECK_INT(st, PARLEY_OK);
    uint64_t *copy = NULL;
    if (!st && !(st = parley_mc_run(ctx, mc, NULL, NULL))) {
        const uint64_t *c = parley_mc_counters(mc, len);
        copy = malloc(*len * sizeof *copy);
        memcpy(copy, c, *len * sizeof *copy);
    }
    CHECK_INT(st, PARLEY_OK);
    if (st)
        fprintf(stderr, "  %s\n", parley_ctx_message(ctx));
    parley_mc_destroy(mc);
    parley_ctx_destroy(ctx);
    return copy;
}

static void determinism(parley_mc_what_t what, uint64_t n)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = unit_load(ctx, SMALL);
    size_t n1 = 0, nt = 0;
    uint64_t *one = run_counters(s, what, n, 1, 4096, 0, 0, &n1);
    CHECK(one != NULL && one[0] == n);
    unsigned threads[] = {2, 4};
    for (int k = 0; k < 2 && one; k++) {
        uint64_t *c = run_counters(s, what, n, threads[k], 7, 0, 0, &nt);
        CHECK(c && nt == n1 && memcmp(c, one, n1 * sizeof *c) == 0);
        free(c);
    }
    /* Three shares (as three MPI ranks) add up to the whole. */
    uint64_t *sum = one ? calloc(n1, sizeof *sum) : NULL;
    uint64_t cut[4] = {0, n / 3, n / 2 + 5, n};
    for (int r = 0; sum && r < 3; r++) {
        uint64_t *c = run_counters(s, what, n, 2, 64, cut[r], cut[r + 1] - cut[r], &nt);
        for (size_t q = 0; c && q < n1; q++)
            sum[q] += c[q];
        free(c);
    }
    CHECK(sum && memcmp(sum, one, n1 * sizeof *sum) == 0);
    free(sum);
    free(one);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

static void test_determinism_simulate(void)
{
    determinism(PARLEY_MC_SIMULATE, 3000);
}

static void test_determinism_space(void)
{
    determinism(PARLEY_MC_SPACE, 1500);
}

static void test_determinism_forecast(void)
{
    determinism(PARLEY_MC_FORECAST, 500);
}

/* P(agreement) = 0.3 exactly: the estimate's Wilson interval must hold it. */
static void analytic(parley_mc_what_t what, const char *key)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = unit_load(ctx, ANALYTIC);
    parley_mc_options_t o;
    parley_mc_options_init(&o);
    o.what = what;
    o.samples = 20000;
    parley_mc_t *mc = NULL;
    CHECK_INT(parley_mc_create(ctx, s, &o, &mc), PARLEY_OK);
    CHECK_INT(parley_mc_run(ctx, mc, NULL, NULL), PARLEY_OK);
    size_t k = parley_mc_find_stat(mc, key);
    CHECK(k != (size_t)-1);
    uint64_t yes = parley_mc_count(mc, k, 0);
    double lo, hi;
    parley_mc_wilson(yes, parley_mc_samples(mc), &lo, &hi);
    CHECK_INT(parley_mc_samples(mc), 20000);
    CHECK(lo <= 0.3 && 0.3 <= hi);
    CHECK(hi - lo < 0.02);
    /* The deal is x, B's utility 0.3, its surplus uniform on [0, 0.3]. */
    size_t t = parley_mc_find_stat(mc, "terms.deal"), sp = parley_mc_find_stat(mc, "surplus.B");
    CHECK_INT(parley_mc_count(mc, t, 0), yes);
    parley_mc_summary_t sm;
    parley_mc_summary(mc, sp, &sm);
    CHECK_INT(sm.n, yes);
    CHECK_NEAR(sm.mean, 0.15, 0.005);
    CHECK_NEAR(sm.q[2], 0.15, 0.01);
    CHECK_NEAR(sm.q[4], 0.285, 0.01);
    parley_mc_destroy(mc);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

static void test_analytic_simulate(void)
{
    analytic(PARLEY_MC_SIMULATE, "end");
}

static void test_analytic_space(void)
{
    analytic(PARLEY_MC_SPACE, "zopa");
}

static void test_no_uncertain_input(void)
{
    static const char NONE[] = "parley: 1\n"
                               "actors:\n"
                               "  - {id: A, capability: 1, batna: 0.5}\n"
                               "issues:\n"
                               "  - {id: deal, options: [x, y]}\n"
                               "stances:\n"
                               "  A:\n"
                               "    deal: {salience: 1, ideal: x}\n";
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = unit_load(ctx, NONE);
    parley_mc_options_t o;
    parley_mc_options_init(&o);
    parley_mc_t *mc = NULL;
    CHECK_INT(parley_mc_create(ctx, s, &o, &mc), PARLEY_EINPUT);
    CHECK_CONTAINS(parley_ctx_message(ctx), "no uncertain input");
    CHECK(mc == NULL);
    parley_scenario_destroy(s);
    s = unit_load(ctx, ANALYTIC);
    o.samples = 0;
    CHECK_INT(parley_mc_create(ctx, s, &o, &mc), PARLEY_EARG);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

/* One input explains all the variance: S1 = ST = 1 (to sampling error);
 * the sweep puts the BATNA at 0.05 (deal) and 0.95 (none). */
static void test_sensitivity_one_input(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = unit_load(ctx, ANALYTIC);
    parley_sens_options_t o;
    parley_sens_options_init(&o);
    o.mc.what = PARLEY_MC_SPACE;
    o.mc.samples = 4000;
    parley_sens_t *se = NULL;
    CHECK_INT(parley_sens_create(ctx, s, &o, &se), PARLEY_OK);
    CHECK_INT(parley_sens_run(ctx, se), PARLEY_OK);
    size_t k;
    const parley_sens_input_t *in = parley_sens_inputs(se, &k);
    CHECK_INT(k, 1);
    CHECK_NEAR(in[0].low, 0.05, 1e-12);
    CHECK_NEAR(in[0].y_low, 1.0, 0);
    CHECK_NEAR(in[0].y_high, 0.0, 0);
    CHECK_NEAR(in[0].swing, 1.0, 0);
    CHECK_NEAR(in[0].s1, 1.0, 0.08);
    CHECK_NEAR(in[0].st, 1.0, 0.08);
    double mean, var;
    uint64_t n;
    parley_sens_moments(se, &mean, &var, &n);
    CHECK_NEAR(mean, 0.3, 0.02);
    CHECK_INT(parley_sens_total(se), 3 + 4000 * 3);
    parley_sens_destroy(se);
    /* A metric the evaluator cannot give. */
    o.metric.kind = PARLEY_METRIC_ROUND;
    CHECK_INT(parley_sens_create(ctx, s, &o, &se), PARLEY_EARG);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

/* The Sobol sums are the same for any thread count. */
static void test_sensitivity_threads(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = unit_load(ctx, SMALL);
    parley_sens_input_t first[8];
    for (unsigned t = 1; t <= 4; t *= 2) {
        parley_sens_options_t o;
        parley_sens_options_init(&o);
        o.mc.samples = 300;
        o.mc.threads = t;
        o.mc.batch = t == 1 ? 4096 : 50;
        o.metric.kind = PARLEY_METRIC_UTILITY;
        o.metric.index = 0;
        parley_sens_t *se = NULL;
        CHECK_INT(parley_sens_create(ctx, s, &o, &se), PARLEY_OK);
        CHECK_INT(parley_sens_run(ctx, se), PARLEY_OK);
        size_t k;
        const parley_sens_input_t *in = parley_sens_inputs(se, &k);
        CHECK_INT(k, 5);
        if (t == 1)
            memcpy(first, in, k * sizeof *in);
        else
            CHECK(memcmp(first, in, k * sizeof *in) == 0);
        parley_sens_destroy(se);
    }
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

/* ---- The Sobol estimators (src/mc/sobol.c) on functions with known
 * indices, inputs X1, X2, X3 independent U(0,1). */
typedef double (*sobol_fn)(const double *x);

/* 1000 + 2 X1 + X2: S1 = ST = 4/5, 1/5, and 0 for X3 (no effect). */
static double f_linear(const double *x) { return 1000.0 + 2.0 * x[0] + x[1]; }
/* X1 X2: V = 7/144, V1 = V2 = 1/48, so S1 = 3/7 and ST = 4/7 each; X3 0. */
static double f_product(const double *x) { return x[0] * x[1]; }
/* The same shifted by 10^6: centred estimators do not move. */
static double f_product_far(const double *x) { return 1e6 + x[0] * x[1]; }

static double unif(parley__rng_t *r) { return (double)(parley__rng_next(r) >> 11) * 0x1p-53; }

/* Runs the design of N rows of f through the estimators into ix[3]. */
static void sobol_design(sobol_fn f, uint64_t seed, unsigned N, unsigned B,
                         parley__sobol_index_t *ix, double *mean)
{
    parley__sobol_t s;
    CHECK_INT(parley__sobol_init(&s, 3, B, seed), PARLEY_OK);
    parley__rng_t r;
    parley__rng_seed(&r, seed);
    for (unsigned j = 0; j < N; j++) {
        double a[3], b[3], ab[3], fab[3];
        for (int i = 0; i < 3; i++) {
            a[i] = unif(&r);
            b[i] = unif(&r);
        }
        for (int i = 0; i < 3; i++) {
            for (int u = 0; u < 3; u++)
                ab[u] = u == i ? b[u] : a[u];
            fab[i] = f(ab);
        }
        parley__sobol_add(&s, j, f(a), f(b), fab);
    }
    CHECK_INT(parley__sobol_finish(&s, ix), PARLEY_OK);
    double var;
    uint64_t n;
    parley__sobol_moments(&s, mean, &var, &n);
    CHECK_INT(n, N);
    parley__sobol_free(&s);
}

static int inside(double v, double lo, double hi) { return v >= lo && v <= hi; }

static void test_sobol_known(void)
{
    parley__sobol_index_t ix[3];
    double mean;
    const double lin[3] = {0.8, 0.2, 0.0};
    sobol_design(f_linear, 7, 4000, 1000, ix, &mean);
    CHECK_NEAR(mean, 1001.5, 0.05);
    for (int i = 0; i < 3; i++) {
        CHECK_NEAR(ix[i].s1, lin[i], 0.05);
        CHECK_NEAR(ix[i].st, lin[i], 0.05);
        CHECK(inside(lin[i], ix[i].s1_lo, ix[i].s1_hi));
        CHECK(inside(lin[i], ix[i].st_lo, ix[i].st_hi));
        CHECK(ix[i].s1_lo <= ix[i].s1 && ix[i].s1 <= ix[i].s1_hi);
    }
    CHECK_NEAR(ix[2].s1, 0.0, 0); /* no effect: every pair's difference is 0 */
    CHECK_NEAR(ix[2].st_hi, 0.0, 0);
    const double s1[3] = {3.0 / 7, 3.0 / 7, 0.0}, st[3] = {4.0 / 7, 4.0 / 7, 0.0};
    parley__sobol_index_t far[3];
    sobol_design(f_product, 11, 4000, 1000, ix, &mean);
    sobol_design(f_product_far, 11, 4000, 1000, far, &mean);
    for (int i = 0; i < 3; i++) {
        CHECK(inside(s1[i], ix[i].s1_lo, ix[i].s1_hi));
        CHECK(inside(st[i], ix[i].st_lo, ix[i].st_hi));
        CHECK_NEAR(ix[i].s1, s1[i], 0.06);
        CHECK_NEAR(ix[i].st, st[i], 0.06);
        /* a shift of 10^6 (sd 0.22) leaves the centred estimates as they were */
        CHECK_NEAR(far[i].s1, ix[i].s1, 1e-6);
        CHECK_NEAR(far[i].st, ix[i].st, 1e-6);
        CHECK_NEAR(far[i].s1_hi, ix[i].s1_hi, 1e-6);
    }
    CHECK(ix[0].s1 < ix[0].st); /* the interaction shows as ST - S1 = 1/7 */
    CHECK(ix[0].s1_hi < ix[0].st_lo + 0.1);
}

/* The intervals' coverage over 200 independent designs of 400 rows: about
 * 95% (a binomial 200 x 0.95 falls below 178 with probability < 10^-3). */
static void test_sobol_coverage(void)
{
    unsigned hit_s1 = 0, hit_st = 0, hit_p = 0;
    for (uint64_t rep = 0; rep < 200; rep++) {
        parley__sobol_index_t ix[3];
        double mean;
        sobol_design(f_linear, 1000 + rep, 400, 300, ix, &mean);
        hit_s1 += inside(0.8, ix[0].s1_lo, ix[0].s1_hi);
        hit_st += inside(0.2, ix[1].st_lo, ix[1].st_hi);
        sobol_design(f_product, 5000 + rep, 400, 300, ix, &mean);
        hit_p += inside(3.0 / 7, ix[0].s1_lo, ix[0].s1_hi);
    }
    printf("    coverage of 95%% intervals over 200 designs: S1 linear %u, ST linear %u, "
           "S1 product %u\n", hit_s1, hit_st, hit_p);
    CHECK(hit_s1 >= 178 && hit_st >= 178 && hit_p >= 178);
    CHECK(hit_s1 < 200 && hit_st < 200); /* not trivially wide */
}

const test_case_t tests_mc[] = {
    {"mc/sobol_known", test_sobol_known},
    {"mc/sobol_coverage", test_sobol_coverage},
    {"mc/distributions", test_distributions},
    {"mc/streams", test_streams},
    {"mc/wilson", test_wilson},
    {"mc/determinism_simulate", test_determinism_simulate},
    {"mc/determinism_space", test_determinism_space},
    {"mc/determinism_forecast", test_determinism_forecast},
    {"mc/analytic_simulate", test_analytic_simulate},
    {"mc/analytic_space", test_analytic_space},
    {"mc/no_uncertain_input", test_no_uncertain_input},
    {"mc/sensitivity_one_input", test_sensitivity_one_input},
    {"mc/sensitivity_threads", test_sensitivity_threads},
    {NULL, NULL},
};
