/*
 * test_linked.c — the agreement space with linkage, where the shell tests
 * (tests/linked_space_test.sh, an exact Python reference) cannot reach:
 * the anytime frontier against the exact one on a space small enough for
 * both, its bound, the exact analyses refusing an anytime space, items
 * mapping back to issues, and allocation failures through every path.
 */
#include <stdlib.h>
#include <string.h>
#include "parley/parley.h"
#include "../test.h"
#include "../../src/space/spaceint.h"

static const char *yaml =
    "parley: 1\n"
    "actors: [{id: A, capability: 1, batna: 0.3}, {id: B, capability: 1, batna: 0.2},\n"
    "         {id: C, capability: 2, batna: 0.1}]\n"
    "issues: [{id: x, options: [a, b, c]}, {id: y, options: [a, b]},\n"
    "         {id: z, scale: {lo: 0, hi: 1}}, {id: w, options: [p, q]}]\n"
    "stances:\n"
    "  A: {x: {salience: 1, ideal: a}, y: {salience: 0.5, ideal: b}, z: {salience: 0.3, ideal: 0},\n"
    "      w: {salience: 0.2, ideal: p}}\n"
    "  B: {x: {salience: 0.4, ideal: c}, y: {salience: 1, ideal: a}, z: {salience: 0.5, ideal: 1}}\n"
    "  C: {z: {salience: 1, ideal: 0.5}, w: {salience: 1, ideal: q, red_line: [p]}}\n"
    "constraints:\n"
    "  - {id: k, if: {x: [c]}, then: {z: {at_least: 0.5}}}\n"
    "red_lines:\n"
    "  - {id: r, actor: B, if: {y: [b]}, then: {x: [b, c]}}\n"
    "terms:\n"
    "  - {id: t1, actor: A, when: {x: [a], y: [b]}, weight: 0.5}\n"
    "  - {id: t2, actor: C, when: {z: {at_most: 0.5}, x: [a, b]}, weight: 0.25, effect: penalty}\n";

static parley_frontier_t *frontier(parley_scenario_t *s, uint64_t limit, parley_space_t **sp)
{
    parley_space_options_t so;
    parley_space_options_init(&so);
    so.grid = 5;
    so.joint_limit = limit;
    parley_frontier_t *f = NULL;
    CHECK_INT(parley_space_create(NULL, s, &so, sp), PARLEY_OK);
    CHECK_INT(parley_frontier_create(NULL, *sp, NULL, NULL, &f), PARLEY_OK);
    CHECK_INT(parley_frontier_run(NULL, f, NULL, NULL), PARLEY_OK);
    return f;
}

/* On a space of 120 packages the anytime search must find the exact
 * frontier, and its bound must hold for the exact optimum of each
 * direction (checked here for the three unit directions). */
static void anytime_equals_exact(void)
{
    parley_scenario_t *s = NULL;
    CHECK_INT(parley_scenario_load_buffer(NULL, "l.yaml", yaml, strlen(yaml), &s), PARLEY_OK);
    parley_space_t *ex = NULL, *an = NULL;
    parley_frontier_t *fe = frontier(s, 0, &ex), *fa = frontier(s, 4, &an);
    CHECK(parley_space_linked(ex) && !parley_space_anytime(ex));
    CHECK(parley_space_anytime(an));
    double gap = -1;
    CHECK(!parley_frontier_anytime(fe, NULL));
    CHECK(parley_frontier_anytime(fa, &gap));
    CHECK(gap >= 0 && gap < 1);
    size_t P = parley_frontier_points(fe);
    CHECK(P > 0);
    CHECK_INT(parley_frontier_points(fa), P);
    for (size_t k = 0; k < P && k < parley_frontier_points(fa); k++)
        CHECK(!memcmp(parley_frontier_utilities(fe, k), parley_frontier_utilities(fa, k),
                      3 * sizeof(parley_util_t)));
    /* the packages the anytime frontier reports have those utilities */
    uint32_t opt[4];
    parley_util_t u[3];
    for (size_t k = 0; k < parley_frontier_points(fa); k++) {
        CHECK_INT(parley_frontier_point_packages(fa, k, opt, 1), 1);
        CHECK_INT(parley_space_utilities(an, opt, u), 0);
        CHECK(!memcmp(u, parley_frontier_utilities(fa, k), sizeof u));
        CHECK_INT(parley_space_broken_rule(an, (size_t)-1, opt, 0), (size_t)-1);
    }
    /* the exact analyses refuse an anytime space */
    parley_zopa_count_t z;
    CHECK_INT(parley_space_count(NULL, an, NULL, 1000, 10, 1, &z), PARLEY_ELIMIT);
    int exact = 1;
    CHECK_INT(parley_space_worst_for(an, NULL, 0, 1000, opt, &exact), 0);
    CHECK_INT(exact, 0);
    /* items map back to issues: x, y, z are tied (t1, t2, k, r); w is alone */
    CHECK_INT(parley_space_item_count(ex), 2);
    CHECK_INT(parley_space_item_issue_count(ex, 0), 3);
    CHECK_INT(parley_space_item_issue(ex, 0, 2), 2);
    CHECK_INT(parley_space_issue_item(ex, 3), 1);
    CHECK_INT(parley_space_item_max_options(ex), 30);
    parley_frontier_destroy(fe);
    parley_frontier_destroy(fa);
    parley_space_destroy(ex);
    parley_space_destroy(an);
    parley_scenario_destroy(s);
}

/* Every direction's bound is at least the exact optimum of its weighted
 * sum over the acceptable packages (the exact frontier's best), and the
 * search reaches that optimum on this small space. */
static void bound_holds(void)
{
    parley_scenario_t *s = NULL;
    CHECK_INT(parley_scenario_load_buffer(NULL, "l.yaml", yaml, strlen(yaml), &s), PARLEY_OK);
    parley_space_t *ex = NULL, *an = NULL;
    parley_frontier_t *fe = frontier(s, 0, &ex), *fa = frontier(s, 4, &an);
    size_t n = parley_space_actor_count(ex);
    const parley__anytime_t *w = fa->any;
    CHECK(w != NULL);
    for (size_t d = 0; w && d < parley__anytime_directions(w); d++) {
        const double *lam;
        double best, ub, top = -1e300;
        parley__anytime_direction_info(w, d, &lam, &best, &ub);
        for (size_t k = 0; k < parley_frontier_points(fe); k++) {
            const parley_util_t *u = parley_frontier_utilities(fe, k);
            double v = 0;
            for (size_t a = 0; a < n; a++)
                v += lam[a] * parley_space_value(ex, a, u[a]);
            top = v > top ? v : top;
        }
        CHECK(ub >= top - 1e-12);
        CHECK(best <= top + 1e-12 && best >= top - 1e-12);
    }
    parley_frontier_destroy(fe);
    parley_frontier_destroy(fa);
    parley_space_destroy(ex);
    parley_space_destroy(an);
    parley_scenario_destroy(s);
}

static void allocation_failures(void)
{
    parley_scenario_t *s = NULL;
    CHECK_INT(parley_scenario_load_buffer(NULL, "l.yaml", yaml, strlen(yaml), &s), PARLEY_OK);
    for (uint64_t limit = 0; limit <= 4; limit += 4) {
        int completed = 0;
        for (long n = 0; n < 600 && !completed; n++) {
            parley__alloc_fail_after(n);
            parley_space_options_t so;
            parley_space_options_init(&so);
            so.grid = 3;
            so.joint_limit = limit;
            parley_space_t *sp = NULL;
            parley_frontier_t *f = NULL;
            parley_status_t st = parley_space_create(NULL, s, &so, &sp);
            parley_frontier_options_t fo;
            parley_frontier_options_init(&fo);
            fo.anytime_evals = 20000;
            if (!st)
                st = parley_frontier_create(NULL, sp, NULL, &fo, &f);
            if (!st)
                st = parley_frontier_run(NULL, f, NULL, NULL);
            uint32_t opt[4 * 4];
            if (!st && parley_frontier_points(f))
                (void)parley_frontier_point_packages(f, 0, opt, 4);
            parley_frontier_destroy(f);
            if (!st && !parley_space_anytime(sp)) {
                parley_zopa_count_t z;
                st = parley_space_count(NULL, sp, NULL, 100000, 100, 1, &z);
                parley_amend_result_t am = {0};
                uint32_t base[4] = {0, 0, 0, 0};
                if (!st)
                    st = parley_space_amend(NULL, sp, NULL, base, 2, 100000, &am);
                parley_amend_result_free(&am);
                parley_trade_t *t = NULL;
                size_t nt = 0;
                if (!st)
                    st = parley_space_trades(NULL, sp, base, &t, &nt);
                free(t);
            }
            parley_space_destroy(sp);
            CHECK(st == PARLEY_OK || st == PARLEY_ENOMEM);
            completed = st == PARLEY_OK;
        }
        parley__alloc_fail_after(-1);
        CHECK(completed);
    }
    parley_scenario_destroy(s);
}

/* amend's filter sees an option per scenario issue, not per item: asked
 * to keep only the last of the closest three packages, the filtered search
 * returns exactly that package, with its changes and shift. */
static int keep_target(void *arg, const uint32_t *opt)
{
    return memcmp(arg, opt, 4 * sizeof *opt) == 0;
}

static void amend_keep_sees_issues(void)
{
    parley_scenario_t *s = NULL;
    CHECK_INT(parley_scenario_load_buffer(NULL, "l.yaml", yaml, strlen(yaml), &s), PARLEY_OK);
    parley_space_t *sp = NULL;
    parley_frontier_destroy(frontier(s, 0, &sp));
    CHECK(parley_space_linked(sp) && !parley_space_anytime(sp));
    uint32_t base[4] = {0, UINT32_MAX, UINT32_MAX, UINT32_MAX}; /* x = a, the rest open */
    parley_amend_result_t all = {0}, one = {0};
    CHECK_INT(parley_space_amend(NULL, sp, NULL, base, 3, 1000000, &all), PARLEY_OK);
    CHECK(all.n >= 2);
    if (all.n >= 2) {
        uint32_t target[4];
        memcpy(target, all.items[all.n - 1].opt, sizeof target);
        CHECK_INT(parley_space_amend_where(NULL, sp, NULL, base, 3, 1000000, keep_target,
                                           target, &one),
                  PARLEY_OK);
        CHECK_INT(one.n, 1);
        if (one.n == 1) {
            CHECK(memcmp(one.items[0].opt, target, sizeof target) == 0);
            CHECK_INT(one.items[0].changed, all.items[all.n - 1].changed);
            CHECK(one.items[0].shift == all.items[all.n - 1].shift);
        }
    }
    parley_amend_result_free(&all);
    parley_amend_result_free(&one);
    parley_space_destroy(sp);
    parley_scenario_destroy(s);
}

const test_case_t tests_linked[] = {
    {"linked/amend_keep_sees_issues", amend_keep_sees_issues},
    {"linked/anytime_equals_exact", anytime_equals_exact},
    {"linked/bound_holds_per_direction", bound_holds},
    {"linked/allocation_failures", allocation_failures},
    {NULL, NULL},
};
