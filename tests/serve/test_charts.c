/*
 * test_charts.c — the Vega-Lite specs of src/app/charts*.c as a unit: on
 * the Ukraine example and a small JSON scenario (and a Monte Carlo run of
 * tests/data/mc/small.yaml), each spec must parse as
 * strict JSON (libfyaml in JSON mode) and carry the v5 schema, inline data
 * with the expected number of rows, and its marks. Usage: chart_tests ROOT
 * [FILTER], with the runner of tests/test.h.
 */
#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/app/charts.h"
#include "../test.h"

/* Parses buf as strict JSON; NULL (and a failure) when it is not. */
static struct fy_document *parse(const parley_buf_t *b)
{
    struct fy_parse_cfg cfg = {.flags = FYPCF_JSON_FORCE | FYPCF_QUIET};
    struct fy_document *d = b->failed ? NULL : fy_document_build_from_string(&cfg, b->data, b->len);
    CHECK(d != NULL);
    return d;
}

static const char *scalar(struct fy_document *d, const char *path)
{
    struct fy_node *n = fy_node_by_path(fy_document_root(d), path, FY_NT, FYNWF_DONT_FOLLOW);
    return n && fy_node_is_scalar(n) ? fy_node_get_scalar0(n) : NULL;
}

static int count(struct fy_document *d, const char *path)
{
    struct fy_node *n = fy_node_by_path(fy_document_root(d), path, FY_NT, FYNWF_DONT_FOLLOW);
    return n && fy_node_is_sequence(n) ? fy_node_sequence_item_count(n) : -1;
}

static int has(struct fy_document *d, const char *path)
{
    return fy_node_by_path(fy_document_root(d), path, FY_NT, FYNWF_DONT_FOLLOW) != NULL;
}

static struct fy_document *common(parley_buf_t *b, const char *title)
{
    struct fy_document *d = parse(b);
    if (!d)
        return NULL;
    const char *schema = scalar(d, "/$schema"), *t = scalar(d, "/title/text");
    CHECK_STR(schema, CHARTS_SCHEMA);
    CHECK_STR(t, title);
    CHECK(scalar(d, "/usermeta/scenario_hash") != NULL);
    return d;
}

static size_t stances(const parley_scenario_t *s)
{
    size_t n = 0;
    for (size_t i = 0; i < parley_scenario_actor_count(s); i++)
        for (size_t k = 0; k < parley_scenario_issue_count(s); k++)
            n += parley_scenario_stance(s, i, k)->form != PARLEY_VALUE_NONE;
    return n;
}

static void test_eval_charts(const parley_scenario_t *s)
{
    parley_buf_t b;
    parley_json_t j;
    parley_buf_init(&b);
    parley_json_init(&j, &b, 0);
    charts_positions(&j, s);
    struct fy_document *d = common(&b, "Positions map");
    if (d) {
        CHECK_INT(count(d, "/data/values"), stances(s));
        CHECK_INT(count(d, "/layer"), 2);
        CHECK_STR(scalar(d, "/layer/0/mark"), "rect");
        CHECK_STR(scalar(d, "/encoding/x/field"), "actor");
        CHECK(scalar(d, "/data/values/0/salience") != NULL);
        CHECK(scalar(d, "/data/values/0/position") != NULL);
        fy_document_destroy(d);
    }
    parley_buf_free(&b);
    parley_json_init(&j, &b, 0);
    charts_proposals(&j, s);
    d = common(&b, "Reactions to the plans");
    if (d) {
        CHECK_INT(count(d, "/data/values"),
                  parley_scenario_proposal_count(s) * parley_scenario_actor_count(s));
        CHECK_STR(scalar(d, "/facet/column/field"), "actor");
        CHECK_INT(count(d, "/spec/layer"), 3);
        CHECK(has(d, "/data/values/0/batna") && has(d, "/data/values/0/verdict"));
        CHECK(has(d, "/data/values/0/red_lines_crossed"));
        fy_document_destroy(d);
    }
    parley_buf_free(&b);
}

static void test_space_chart(const parley_scenario_t *s, int drop_red_lines)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_space_options_t so;
    parley_space_options_init(&so);
    parley_space_t *sp = NULL;
    CHECK(parley_space_create(ctx, s, &so, &sp) == PARLEY_OK);
    size_t n = parley_space_actor_count(sp), m = parley_space_issue_count(sp);
    unsigned char *red = calloc(n * m + 1, 1);
    parley_constraints_t c = {NULL, drop_red_lines ? red : NULL, NULL};
    parley_frontier_options_t fo;
    parley_frontier_options_init(&fo);
    parley_frontier_t *f = NULL;
    CHECK(parley_frontier_create(ctx, sp, &c, &fo, &f) == PARLEY_OK);
    CHECK(parley_frontier_run(ctx, f, NULL, NULL) == PARLEY_OK);
    size_t sol[PARLEY_SOLUTION_COUNT], pts = parley_frontier_points(f), nsol = 0;
    for (int k = 0; k < PARLEY_SOLUTION_COUNT; k++) {
        sol[k] = parley_frontier_solve(f, (parley_solution_t)k, NULL);
        nsol += sol[k] != (size_t)-1;
    }
    charts_space_in_t in = {sp, f, sol, 1, 0};
    parley_buf_t b;
    parley_json_t j;
    parley_buf_init(&b);
    parley_json_init(&j, &b, 0);
    charts_space(&j, &in);
    struct fy_document *d = common(&b, "Agreement space");
    if (d) {
        size_t stride = pts > CHARTS_MAX_POINTS ? (pts + CHARTS_MAX_POINTS - 1) / CHARTS_MAX_POINTS
                                                : 1;
        size_t shown = (pts + stride - 1) / stride;
        CHECK_INT(count(d, "/data/values"), 1 + shown + nsol + parley_scenario_proposal_count(s));
        CHECK_STR(scalar(d, "/params/0/name"), "x_actor");
        CHECK_STR(scalar(d, "/params/0/value"), parley_scenario_actor(s, 1)->id);
        CHECK_INT(count(d, "/params/1/bind/options"), n);
        CHECK_STR(scalar(d, "/data/values/0/kind"), "batna");
        CHECK_INT(count(d, "/layer"), 7);
        CHECK_STR(scalar(d, "/transform/0/calculate"), "datum.u[x_actor]");
        fy_document_destroy(d);
    }
    CHECK(drop_red_lines || pts == 0 || strcmp(parley_scenario_id(s), "ukraine-2025"));
    parley_buf_free(&b);
    free(red);
    parley_frontier_destroy(f);
    parley_space_destroy(sp);
    parley_ctx_destroy(ctx);
}

static void test_forecast_chart(const parley_scenario_t *s)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_fc_problem_t p;
    CHECK(parley_fc_problem_from_scenario(ctx, s, &p) == PARLEY_OK);
    parley_fc_params_t prm;
    parley_fc_params_init(&prm);
    charts_fc_series_t series[2];
    double *traj[2] = {NULL, NULL};
    size_t ni = parley_scenario_issue_count(s), rows = 0;
    const parley_model_t models[2] = {PARLEY_MODEL_COMPROMISE, PARLEY_MODEL_EUM};
    for (int q = 0; q < 2; q++) {
        parley_forecast_t *f = NULL;
        CHECK(parley_forecast_create(ctx, &p, models[q], &prm, &f) == PARLEY_OK);
        CHECK(parley_forecast_run(ctx, f) == PARLEY_OK);
        unsigned r = parley_forecast_rounds(f);
        traj[q] = calloc((size_t)(r + 1) * ni, sizeof *traj[q]);
        for (unsigned t = 0; t <= r; t++) /* the final forecast on every row is enough here */
            for (size_t k = 0; k < ni; k++)
                traj[q][t * ni + k] = parley_forecast_value(f, k);
        series[q] = (charts_fc_series_t){models[q], r, traj[q]};
        for (size_t k = 0; k < ni; k++)
            rows += (r + 1) * (parley_forecast_participants(f, k) > 0);
        parley_forecast_destroy(f);
    }
    parley_buf_t b;
    parley_json_t j;
    parley_buf_init(&b);
    parley_json_init(&j, &b, 0);
    charts_forecast(&j, s, series, 2);
    struct fy_document *d = common(&b, "Forecasts per model");
    if (d) {
        CHECK_INT(count(d, "/data/values"), rows);
        CHECK_STR(scalar(d, "/facet/field"), "issue");
        CHECK_INT(count(d, "/spec/layer"), 2);
        CHECK_STR(scalar(d, "/data/values/0/model"), "compromise");
        fy_document_destroy(d);
    }
    parley_buf_free(&b);
    free(traj[0]);
    free(traj[1]);
    parley_fc_problem_free(&p);
    parley_ctx_destroy(ctx);
}

/* The simulation's two charts: a row per round, actor and measure; a row
 * per move and actor, with each answer the trace recorded. */
static void test_sim_charts(const parley_scenario_t *s)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_sim_options_t o;
    parley_sim_options_init(&o);
    o.trace = 1;
    parley_sim_t *sim = NULL;
    CHECK(parley_sim_create(ctx, s, &o, &sim) == PARLEY_OK);
    CHECK(sim && parley_sim_run(ctx, sim) == PARLEY_OK);
    if (!sim) {
        parley_ctx_destroy(ctx);
        return;
    }
    size_t na = parley_scenario_actor_count(s), nr = parley_sim_round_count(sim);
    size_t nm = parley_sim_move_count(sim), answered = 0;
    for (size_t m = 0; m < nm; m++)
        for (size_t i = 0; i < na; i++)
            answered += parley_sim_move(sim, m)->answer[i] >= 0;
    CHECK(nr > 0 && nm > 0 && answered > 0);
    parley_buf_t b;
    parley_json_t j;
    parley_buf_init(&b);
    parley_json_init(&j, &b, 0);
    charts_sim_trace(&j, s, sim);
    struct fy_document *d = common(&b, "Simulation: what each party holds out for");
    if (d) {
        CHECK_INT(count(d, "/data/values"), nr * na * 3);
        CHECK_STR(scalar(d, "/facet/field"), "actor");
        CHECK_STR(scalar(d, "/spec/mark/type"), "line");
        CHECK_INT(count(d, "/spec/encoding/color/scale/domain"), 3);
        CHECK_STR(scalar(d, "/data/values/0/measure"), "BATNA");
        fy_document_destroy(d);
    }
    b.len = 0;
    parley_json_init(&j, &b, 0);
    charts_sim_moves(&j, s, sim);
    d = common(&b, "Simulation: the offers and the answers");
    if (d) {
        CHECK_INT(count(d, "/data/values"), nm * na);
        CHECK_INT(count(d, "/layer"), 2);
        CHECK_STR(scalar(d, "/layer/1/encoding/shape/field"), "answer");
        size_t asked = 0;
        for (size_t r = 0; r < nm * na; r++) {
            char path[64];
            snprintf(path, sizeof path, "/data/values/%zu/answer", r);
            const char *a = scalar(d, path);
            asked += a && strcmp(a, "not asked") != 0;
        }
        CHECK_INT(asked, answered);
        fy_document_destroy(d);
    }
    parley_buf_free(&b);
    parley_sim_destroy(sim);
    parley_ctx_destroy(ctx);
}

/* The Monte Carlo charts on a scenario with uncertain inputs: the outcome
 * shares add up to one, each inside its interval. */
static void test_mc_charts(const char *root)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/mc/small.yaml", root);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    CHECK(parley_scenario_load_file(ctx, path, &s) == PARLEY_OK);
    parley_mc_options_t o;
    parley_mc_options_init(&o);
    o.samples = 300;
    o.threads = 1;
    parley_mc_t *mc = NULL;
    CHECK(s && parley_mc_create(ctx, s, &o, &mc) == PARLEY_OK);
    CHECK(mc && parley_mc_run(ctx, mc, NULL, NULL) == PARLEY_OK);
    if (!mc) {
        parley_scenario_destroy(s);
        parley_ctx_destroy(ctx);
        return;
    }
    parley_buf_t b;
    parley_json_t j;
    parley_buf_init(&b);
    parley_json_init(&j, &b, 0);
    charts_mc_outcome(&j, mc);
    struct fy_document *d = common(&b, "Monte Carlo: how the talks end");
    if (d) {
        /* agreement, horizon, breakdown-too-few, breakdown-essential */
        CHECK_INT(count(d, "/data/values"), 4);
        double total = 0;
        for (int k = 0; k < 4; k++) {
            char p1[64], p2[64], p3[64];
            snprintf(p1, sizeof p1, "/data/values/%d/share", k);
            snprintf(p2, sizeof p2, "/data/values/%d/ci95_low", k);
            snprintf(p3, sizeof p3, "/data/values/%d/ci95_high", k);
            double v = atof(scalar(d, p1)), lo = atof(scalar(d, p2)), hi = atof(scalar(d, p3));
            CHECK(lo <= v + 1e-12 && v <= hi + 1e-12); /* Wilson at 0: a bound of 1e-19 */
            total += v;
        }
        CHECK(total > 0.999 && total < 1.001);
        CHECK_INT(count(d, "/layer"), 2);
        fy_document_destroy(d);
    }
    b.len = 0;
    parley_json_init(&j, &b, 0);
    charts_mc_terms(&j, mc);
    d = common(&b, "Monte Carlo: the terms of the deals");
    if (d) {
        CHECK(count(d, "/data/values") >= (int)parley_scenario_issue_count(s));
        CHECK_STR(scalar(d, "/facet/field"), "issue");
        fy_document_destroy(d);
    }
    b.len = 0;
    parley_json_init(&j, &b, 0);
    charts_mc_round(&j, mc);
    d = common(&b, "Monte Carlo: the round of agreement");
    if (d) {
        CHECK(count(d, "/data/values") > 0);
        fy_document_destroy(d);
    }
    parley_buf_free(&b);
    parley_mc_destroy(mc);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

static const char *root = ".";
static const char *const files[2] = {"examples/ukraine-2025.yaml", "tests/golden-http/small.json"};
static parley_scenario_t *scenarios[2];

/* Runs fn on each scenario, naming the one a failure came from. */
static void each_scenario(void (*fn)(const parley_scenario_t *s))
{
    for (int k = 0; k < 2; k++) {
        int before = test_failures;
        fn(scenarios[k]);
        if (test_failures != before)
            fprintf(stderr, "  (on %s)\n", files[k]);
    }
}

static void space_keeping_red_lines(const parley_scenario_t *s)
{
    test_space_chart(s, 0);
}

static void space_dropping_red_lines(const parley_scenario_t *s)
{
    test_space_chart(s, 1);
}

static void eval_charts(void)
{
    each_scenario(test_eval_charts);
}

static void space_chart(void)
{
    each_scenario(space_keeping_red_lines);
}

static void space_chart_dropped(void)
{
    each_scenario(space_dropping_red_lines);
}

static void forecast_chart(void)
{
    each_scenario(test_forecast_chart);
}

static void sim_charts(void)
{
    each_scenario(test_sim_charts);
}

static void mc_charts(void)
{
    test_mc_charts(root);
}

static const test_case_t tests_charts[] = {
    {"charts/eval", eval_charts},
    {"charts/space", space_chart},
    {"charts/space_drop_red_lines", space_chart_dropped},
    {"charts/forecast", forecast_chart},
    {"charts/sim", sim_charts},
    {"charts/mc", mc_charts},
    {NULL, NULL},
};

int main(int argc, char **argv)
{
    root = argc > 1 ? argv[1] : ".";
    parley_ctx_t *ctx = parley_ctx_create();
    for (int k = 0; k < 2; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", root, files[k]);
        if (parley_scenario_load_file(ctx, path, &scenarios[k]) != PARLEY_OK) {
            fprintf(stderr, "%s\n", parley_ctx_message(ctx));
            parley_ctx_destroy(ctx);
            return 1;
        }
    }
    parley_ctx_destroy(ctx);
    const test_case_t *const suites[] = {tests_charts};
    int rc = test_run(suites, 1, argc > 2 ? argv[2] : NULL);
    for (int k = 0; k < 2; k++)
        parley_scenario_destroy(scenarios[k]);
    return rc;
}
