/*
 * test_eval.c — evaluation against a slow reference written from the
 * formulas in docs/scenario-format.md, on many random scenarios (the
 * reference works from the generator's parameters, not from the loaded
 * scenario), plus hand-checked cases.
 */
#include <stdint.h>
#include <stdlib.h>
#include "parley/parley.h"
#include "../test.h"

enum { MAXA = 5, MAXI = 6, MAXO = 5, MAXP = 4 };

typedef struct gstance {
    int form; /* 0 none, 1 ideal, 2 values (points or table) */
    double sal, ideal, gamma;
    int n_pts;
    double px[MAXP], pv[MAXP], table[MAXO];
    int red;
    double below, above; /* continuous red line, +-inf when absent */
    int red_opt[MAXO];
} gstance_t;

typedef struct gen {
    int na, ni;
    double batna[MAXA];
    int nopt[MAXI]; /* 0: continuous */
    double lo[MAXI], hi[MAXI];
    gstance_t st[MAXA][MAXI];
} gen_t;

static uint64_t rng = 88172645463325252ull;
static double urand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0;
}
static int irand(int n) { return (int)(urand() * n); }

static double ref_value(const gen_t *g, int i, int j, double x)
{
    const gstance_t *s = &g->st[i][j];
    if (s->form == 0)
        return 0.0;
    if (g->nopt[j]) {
        int k = (int)x, n = g->nopt[j];
        if (s->form == 2)
            return s->table[k];
        int ks = (int)s->ideal, far = ks > n - 1 - ks ? ks : n - 1 - ks;
        return 1.0 - fabs((double)(k - ks)) / far;
    }
    if (s->form == 1) {
        double reach = fmax(s->ideal - g->lo[j], g->hi[j] - s->ideal);
        return 1.0 - pow(fabs(x - s->ideal) / reach, s->gamma);
    }
    if (x <= s->px[0])
        return s->pv[0];
    for (int k = 1; k < s->n_pts; k++)
        if (x <= s->px[k])
            return s->pv[k - 1] + (s->pv[k] - s->pv[k - 1]) * (x - s->px[k - 1]) / (s->px[k] - s->px[k - 1]);
    return s->pv[s->n_pts - 1];
}

static int ref_red(const gen_t *g, int i, int j, double x)
{
    const gstance_t *s = &g->st[i][j];
    if (!s->red)
        return 0;
    return g->nopt[j] ? s->red_opt[(int)x] : (x < s->below || x > s->above);
}

static void gen_stance(gen_t *g, int i, int j)
{
    gstance_t *s = &g->st[i][j];
    s->below = -HUGE_VAL;
    s->above = HUGE_VAL;
    s->form = urand() < 0.15 ? 0 : urand() < 0.6 ? 1 : 2;
    s->sal = s->form ? (urand() < 0.1 ? 0.0 : urand()) : 0.0;
    if (!s->form)
        return;
    int n = g->nopt[j];
    double lo = g->lo[j], hi = g->hi[j];
    if (n) {
        s->ideal = irand(n);
        for (int k = 0; k < n; k++)
            s->table[k] = urand() < 0.2 ? 0.0 : urand();
        if (urand() < 0.3) {
            s->red = 1;
            for (int k = 0; k < n; k++)
                s->red_opt[k] = urand() < 0.3 && (s->form == 2 || k != (int)s->ideal);
            s->red_opt[s->form == 2 ? irand(n) : (int)s->ideal] = 0;
        }
    } else {
        s->ideal = lo + (hi - lo) * urand();
        s->gamma = urand() < 0.5 ? 1.0 : 0.5 + 2.5 * urand();
        s->n_pts = 2 + irand(MAXP - 1);
        for (int k = 0; k < s->n_pts; k++) {
            s->px[k] = lo + (hi - lo) * (k + urand() * 0.9) / s->n_pts;
            s->pv[k] = urand();
        }
        if (urand() < 0.3) {
            s->red = 1;
            double anchor = s->form == 1 ? s->ideal : s->px[0];
            if (urand() < 0.6)
                s->below = lo + (anchor - lo) * urand();
            if (urand() < 0.6 || s->below == -HUGE_VAL)
                s->above = anchor + (hi - anchor) * urand();
        }
    }
}

static void gen_yaml(gen_t *g, parley_buf_t *b)
{
    g->na = 1 + irand(MAXA);
    g->ni = 1 + irand(MAXI);
    parley_buf_puts(b, "parley: 1\nactors:\n");
    for (int i = 0; i < g->na; i++) {
        g->batna[i] = urand();
        parley_buf_printf(b, "  - {id: a%d, capability: %.17g, batna: %.17g}\n", i, 0.1 + urand(),
                          g->batna[i]);
    }
    parley_buf_puts(b, "issues:\n");
    for (int j = 0; j < g->ni; j++) {
        g->nopt[j] = urand() < 0.5 ? 0 : 2 + irand(MAXO - 1);
        if (g->nopt[j]) {
            g->lo[j] = 0;
            g->hi[j] = g->nopt[j] - 1;
            parley_buf_printf(b, "  - {id: i%d, options: [", j);
            for (int k = 0; k < g->nopt[j]; k++)
                parley_buf_printf(b, "%so%d", k ? ", " : "", k);
            parley_buf_puts(b, "]}\n");
        } else {
            g->lo[j] = -100 + 200 * urand();
            g->hi[j] = g->lo[j] + 0.5 + 1000 * urand();
            parley_buf_printf(b, "  - {id: i%d, scale: {lo: %.17g, hi: %.17g}}\n", j, g->lo[j],
                              g->hi[j]);
        }
    }
    parley_buf_puts(b, "stances:\n");
    for (int i = 0; i < g->na; i++) {
        parley_buf_printf(b, "  a%d:\n", i);
        double total = 0;
        for (int j = 0; j < g->ni; j++) {
            gen_stance(g, i, j);
            total += g->st[i][j].sal;
        }
        if (total <= 0) { /* the loader rejects an actor that cares about nothing */
            gstance_t *s = &g->st[i][0];
            if (!s->form) {
                s->form = 1;
                s->ideal = g->nopt[0] ? 0 : g->lo[0];
                s->gamma = 1;
                s->red = 0;
            }
            s->sal = 0.5;
        }
        for (int j = 0; j < g->ni; j++) {
            gstance_t *s = &g->st[i][j];
            if (!s->form)
                continue;
            parley_buf_printf(b, "    i%d: {salience: %.17g, ", j, s->sal);
            if (g->nopt[j] && s->form == 1)
                parley_buf_printf(b, "ideal: o%d", (int)s->ideal);
            else if (g->nopt[j]) {
                parley_buf_puts(b, "values: {");
                for (int k = 0; k < g->nopt[j]; k++)
                    parley_buf_printf(b, "%so%d: %.17g", k ? ", " : "", k, s->table[k]);
                parley_buf_puts(b, "}");
            } else if (s->form == 1)
                parley_buf_printf(b, "ideal: %.17g, exponent: %.17g", s->ideal, s->gamma);
            else {
                parley_buf_puts(b, "values: [");
                for (int k = 0; k < s->n_pts; k++)
                    parley_buf_printf(b, "%s[%.17g, %.17g]", k ? ", " : "", s->px[k], s->pv[k]);
                parley_buf_puts(b, "]");
            }
            if (s->red && g->nopt[j]) {
                parley_buf_puts(b, ", red_line: [");
                int first = 1;
                for (int k = 0; k < g->nopt[j]; k++)
                    if (s->red_opt[k]) {
                        parley_buf_printf(b, "%so%d", first ? "" : ", ", k);
                        first = 0;
                    }
                parley_buf_puts(b, "]");
            } else if (s->red) {
                parley_buf_puts(b, ", red_line: {");
                if (s->below != -HUGE_VAL)
                    parley_buf_printf(b, "below: %.17g%s", s->below, s->above != HUGE_VAL ? ", " : "");
                if (s->above != HUGE_VAL)
                    parley_buf_printf(b, "above: %.17g", s->above);
                parley_buf_puts(b, "}");
            }
            parley_buf_puts(b, "}\n");
        }
    }
}

/* Brute-force best/worst non-vetoed value on an open issue, and whether a veto is possible:
 * every option, or a fine grid of the scale plus its exact kinks (ideal, points, red edges). */
static void ref_range(const gen_t *g, int i, int j, double *lo, double *hi, int *veto)
{
    const gstance_t *s = &g->st[i][j];
    double xs[20001 + 8];
    int n = 0;
    if (g->nopt[j]) {
        for (int k = 0; k < g->nopt[j]; k++)
            xs[n++] = k;
    } else {
        for (int k = 0; k <= 20000; k++)
            xs[n++] = g->lo[j] + (g->hi[j] - g->lo[j]) * k / 20000.0;
        if (s->form == 1)
            xs[n++] = s->ideal;
        for (int k = 0; s->form == 2 && k < s->n_pts; k++)
            xs[n++] = s->px[k];
        if (isfinite(s->below) && s->below >= g->lo[j])
            xs[n++] = s->below;
        if (isfinite(s->above) && s->above <= g->hi[j])
            xs[n++] = s->above;
    }
    double best = -1, worst = 2;
    *veto = 0;
    for (int k = 0; k < n; k++) {
        if (ref_red(g, i, j, xs[k])) {
            *veto = 1;
            continue;
        }
        double v = ref_value(g, i, j, xs[k]);
        best = fmax(best, v);
        worst = fmin(worst, v);
    }
    *lo = worst;
    *hi = best;
}

static void differential(void)
{
    int scenarios = 0, packages = 0;
    for (int round = 0; round < 400; round++) {
        gen_t g;
        memset(&g, 0, sizeof g);
        parley_buf_t b;
        parley_buf_init(&b);
        gen_yaml(&g, &b);
        parley_ctx_t *ctx = parley_ctx_create();
        parley_scenario_t *s = NULL;
        if (parley_scenario_load_buffer(ctx, "rand.yaml", b.data, b.len, &s) != PARLEY_OK) {
            fprintf(stderr, "  generated scenario rejected: %s\n%s\n", parley_ctx_message(ctx), b.data);
            test_failures++;
            parley_ctx_destroy(ctx);
            parley_buf_free(&b);
            return;
        }
        scenarios++;
        for (int trial = 0; trial < 25; trial++, packages++) {
            double pkg[MAXI];
            for (int j = 0; j < g.ni; j++) {
                if (urand() < 0.2)
                    pkg[j] = PARLEY_OPEN;
                else
                    pkg[j] = g.nopt[j] ? irand(g.nopt[j]) : g.lo[j] + (g.hi[j] - g.lo[j]) * urand();
            }
            for (int i = 0; i < g.na; i++) {
                double total = 0;
                for (int j = 0; j < g.ni; j++)
                    total += g.st[i][j].sal;
                double u = 0, umin = 0, umax = 0;
                int red = 0, open = 0, veto_possible = 0;
                parley_actor_eval_t e;
                parley_issue_eval_t ie[MAXI];
                parley_eval_actor(s, (size_t)i, pkg, &e, ie);
                for (int j = 0; j < g.ni; j++) {
                    double w = g.st[i][j].sal / total;
                    CHECK_NEAR(ie[j].weight, w, 1e-12);
                    if (parley_is_open(pkg[j])) {
                        double lo, hi;
                        int veto;
                        ref_range(&g, i, j, &lo, &hi, &veto);
                        if (hi < 0)
                            lo = hi = 0;
                        open++;
                        veto_possible |= veto;
                        umin += w * lo;
                        umax += w * hi;
                        CHECK(ie[j].open);
                        CHECK_NEAR(ie[j].value_min, lo, 1e-9);
                        CHECK_NEAR(ie[j].value_max, hi, 1e-9);
                        CHECK_INT(ie[j].red_line_possible, veto);
                    } else {
                        double v = ref_value(&g, i, j, pkg[j]);
                        u += w * v;
                        umin += w * v;
                        umax += w * v;
                        red += ref_red(&g, i, j, pkg[j]);
                        CHECK_NEAR(ie[j].value, v, 1e-12);
                        CHECK_NEAR(ie[j].contribution + ie[j].loss, w, 1e-12);
                        CHECK_INT(ie[j].red_line, ref_red(&g, i, j, pkg[j]));
                    }
                }
                CHECK_NEAR(e.utility_min, umin, 1e-9);
                CHECK_NEAR(e.utility_max, umax, 1e-9);
                CHECK_INT(e.red_lines_crossed, red);
                CHECK_INT(e.open_issues, open);
                if (!open) {
                    CHECK_NEAR(e.utility, u, 1e-12);
                    CHECK_NEAR(parley_utility(s, (size_t)i, pkg), u, 1e-12);
                } else {
                    CHECK(isnan(e.utility));
                }
                parley_verdict_t want = (red || umax < g.batna[i]) ? PARLEY_REJECT
                                        : (umin >= g.batna[i] && !veto_possible) ? PARLEY_ACCEPT
                                                                                 : PARLEY_OPEN_VERDICT;
                /* Skip verdicts decided by a rounding hair's breadth. */
                if (fabs(umax - g.batna[i]) > 1e-9 && fabs(umin - g.batna[i]) > 1e-9)
                    CHECK_INT(e.verdict, want);
            }
            if (test_failures > 20)
                break;
        }
        parley_scenario_destroy(s);
        parley_ctx_destroy(ctx);
        parley_buf_free(&b);
        if (test_failures > 20)
            break;
    }
    CHECK(scenarios == 400 && packages == 10000);
}

static void hand_checked(void)
{
    const char *t = "parley: 1\n"
                    "actors: [{id: A, capability: 1, batna: 0.5}]\n"
                    "issues: [{id: x, scale: {lo: 0, hi: 10}}, {id: y, options: [a, b, c, d]}]\n"
                    "stances: {A: {x: {ideal: 2, salience: 0.6, exponent: 2}, y: {ideal: b, salience: 0.2}}}\n";
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    CHECK_INT(parley_scenario_load_buffer(ctx, "h.yaml", t, strlen(t), &s), PARLEY_OK);
    if (!s) {
        parley_ctx_destroy(ctx);
        return;
    }
    /* x: reach = max(2, 8) = 8; at 6: 1 - (4/8)^2 = 0.75. y: ideal b (1), far = 2; d (3): 0. */
    CHECK_NEAR(parley_value(s, 0, 0, 6.0), 0.75, 1e-15);
    CHECK_NEAR(parley_value(s, 0, 0, 10.0), 0.0, 1e-15);
    CHECK_NEAR(parley_value(s, 0, 1, 3.0), 0.0, 1e-15);
    CHECK_NEAR(parley_value(s, 0, 1, 0.0), 0.5, 1e-15);
    double pkg[2] = {6.0, 0.0};
    parley_actor_eval_t e;
    parley_eval_actor(s, 0, pkg, &e, NULL);
    CHECK_NEAR(e.utility, 0.75 * 0.75 + 0.25 * 0.5, 1e-15); /* 0.6875 */
    CHECK_INT(e.verdict, PARLEY_ACCEPT);
    CHECK_STR(parley_verdict_name(e.verdict), "accept");
    pkg[0] = 10.0;
    parley_eval_actor(s, 0, pkg, &e, NULL);
    CHECK_NEAR(e.surplus, 0.125 - 0.5, 1e-15);
    CHECK_INT(e.verdict, PARLEY_REJECT);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

const test_case_t tests_eval[] = {
    {"eval/hand_checked", hand_checked},
    {"eval/differential_random", differential},
    {NULL, NULL},
};
