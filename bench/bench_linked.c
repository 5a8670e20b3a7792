/*
 * bench_linked.c — prints how the agreement space copes with linkage:
 * random linked scenarios (3-4 parties x 20 issues of 5 options, 30
 * interaction terms over 2 issues each, 5 constraints), exact clusters or
 * the anytime frontier as the clusters fall; and GENIUS's non-linear ANAC
 * 2014 domains (10, 30, 50 issues of 10 values), whose anytime frontier
 * (every BATNA ignored, as GENIUS's reference is over all outcomes) is
 * compared with the shipped pareto.xml: how many of its points ours
 * dominates or equals, after rescaling ours to GENIUS's utility/maxutility.
 * Figures only.
 *
 *   bench_linked [DATA_DIR] [--evals N]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parley/parley.h"
#include "bench.h"

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static double urand(void) { return bench_urand(&rng); }
static int irand(int k) { return (int)(urand() * k); }

/* A condition on issue j: a random non-empty proper subset of its 5 options. */
static void subset(parley_buf_t *b, int j)
{
    int mask = 0;
    while (mask == 0 || mask == 31)
        mask = irand(32);
    parley_buf_printf(b, "i%d: [", j);
    for (int k = 0, first = 1; k < 5; k++)
        if (mask & (1 << k)) {
            parley_buf_printf(b, "%so%d", first ? "" : ", ", k);
            first = 0;
        }
    parley_buf_puts(b, "]");
}

/* Two issues: anywhere, or (blocked) within one block of 4 (issues 4k..4k+3). */
static int blocked;

static void pair(parley_buf_t *b)
{
    int x = irand(20), y = irand(19);
    y += y >= x;
    if (blocked) {
        y = (x / 4) * 4 + irand(3);
        y += y >= x;
    }
    parley_buf_puts(b, "{");
    subset(b, x);
    parley_buf_puts(b, ", ");
    subset(b, y);
    parley_buf_puts(b, "}");
}

static void linked(parley_buf_t *b, int na, int ni, int terms, int cons)
{
    parley_buf_puts(b, "parley: 1\nactors:\n");
    for (int i = 0; i < na; i++)
        parley_buf_printf(b, "  - {id: a%d, capability: 1, batna: 0.3}\n", i);
    parley_buf_puts(b, "issues:\n");
    for (int j = 0; j < ni; j++)
        parley_buf_printf(b, "  - {id: i%d, options: [o0, o1, o2, o3, o4]}\n", j);
    parley_buf_puts(b, "stances:\n");
    for (int i = 0; i < na; i++) {
        parley_buf_printf(b, "  a%d:\n", i);
        for (int j = 0; j < ni; j++)
            parley_buf_printf(b,
                              "    i%d: {salience: %.2f, values: {o0: %.2f, o1: %.2f, o2: %.2f, "
                              "o3: %.2f, o4: %.2f}}\n",
                              j, 0.05 + 0.95 * urand(), urand(), urand(), urand(), urand(),
                              urand());
    }
    parley_buf_puts(b, "constraints:\n");
    for (int k = 0; k < cons; k++) {
        parley_buf_printf(b, "  - id: c%d\n    forbid: ", k);
        pair(b);
        parley_buf_puts(b, "\n");
    }
    parley_buf_puts(b, "terms:\n");
    for (int k = 0; k < terms; k++) {
        parley_buf_printf(b, "  - id: t%d\n    actor: a%d\n    weight: %.2f\n    when: ", k,
                          irand(na), 0.05 + 0.45 * urand());
        pair(b);
        parley_buf_printf(b, "\n%s", urand() < 0.3 ? "    effect: penalty\n" : "");
    }
}

typedef struct run {
    double secs, cpu, gap;
    size_t points;
    int anytime, status;
    char model[200];
} run_t;

static run_t analyse(const parley_scenario_t *s, int ignore_batnas, uint64_t evals,
                     parley_frontier_t **keep, parley_space_t **keep_sp)
{
    run_t r;
    memset(&r, 0, sizeof r);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_space_t *sp = NULL;
    parley_frontier_t *f = NULL;
    parley_frontier_options_t fo;
    parley_frontier_options_init(&fo);
    if (evals)
        fo.anytime_evals = evals;
    double t0 = bench_now();
    clock_t c0 = clock();
    r.status = parley_space_create(ctx, s, NULL, &sp);
    parley_util_t none[8];
    for (size_t a = 0; a < 8; a++)
        none[a] = PARLEY_NO_RESERVATION;
    parley_constraints_t c = {none, NULL, NULL};
    if (!r.status)
        r.status = parley_frontier_create(ctx, sp, ignore_batnas ? &c : NULL, &fo, &f);
    if (!r.status)
        r.status = parley_frontier_run(ctx, f, NULL, NULL);
    if (!r.status) {
        r.points = parley_frontier_points(f);
        r.anytime = parley_frontier_anytime(f, &r.gap);
        (void)parley_frontier_solve(f, PARLEY_NASH, NULL);
    }
    r.secs = bench_now() - t0;
    r.cpu = (double)(clock() - c0) / CLOCKS_PER_SEC;
    if (r.status)
        snprintf(r.model, sizeof r.model, "%s", parley_ctx_message(ctx));
    else if (r.anytime)
        snprintf(r.model, sizeof r.model, "anytime, gap %.3f", r.gap);
    else
        snprintf(r.model, sizeof r.model, "exact, %zu items, largest %llu joint positions",
                 parley_space_item_count(sp),
                 (unsigned long long)parley_space_item_max_options(sp));
    if (keep && !r.status) {
        *keep = f;
        *keep_sp = sp;
    } else {
        parley_frontier_destroy(f);
        parley_space_destroy(sp);
    }
    parley_ctx_destroy(ctx);
    return r;
}

static void random_cases(uint64_t evals, int block)
{
    blocked = block;
    printf("Random linked scenarios: parties x 20 issues of 5 options, 30 terms over 2 issues%s, "
           "5 constraints\n", block ? " within blocks of 4" : "");
    for (int na = 3; na <= 4; na++)
        for (int rep = 0; rep < 3; rep++) {
            rng = 0x2545F4914F6CDD1Dull ^ (uint64_t)(na * 100 + rep);
            parley_buf_t b;
            parley_buf_init(&b);
            linked(&b, na, 20, 30, 5);
            parley_ctx_t *ctx = parley_ctx_create();
            parley_scenario_t *s = NULL;
            if (parley_scenario_load_buffer(ctx, "linked", b.data, b.len,
                                            &s)) {
                printf("  %d x 20 #%d: %s\n", na, rep, parley_ctx_message(ctx));
            } else {
                run_t r = analyse(s, 0, evals, NULL, NULL);
                printf("  %d x 20 #%d: %6.2f s (cpu %5.2f s)  %5zu points  %s\n", na, rep, r.secs,
                       r.cpu, r.points, r.model);
            }
            parley_scenario_destroy(s);
            parley_ctx_destroy(ctx);
            parley_buf_free(&b);
        }
}

/* GENIUS's maxutility and the sum of the rectangles' utilities of a profile:
 * Parley's utility is raw / sum, GENIUS's raw / maxutility. */
static int genius_scale(const char *path, double *ratio)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return 0;
    char line[512];
    double sum = 0, max = 0;
    while (fgets(line, sizeof line, fp)) {
        const char *p;
        if ((p = strstr(line, "maxutility=\"")))
            max = atof(p + 12);
        else if (strstr(line, "<hyperRectangle") && (p = strstr(line, "utility=\"")))
            sum += atof(p + 9);
    }
    fclose(fp);
    *ratio = max > 0 ? sum / max : 0;
    return max > 0;
}

static void anac_case(const char *data, const char *name, uint64_t evals)
{
    char dir[1024], path[1100];
    snprintf(dir, sizeof dir, "%s/anac-nonlinear/%s", data, name);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_buf_t y;
    parley_buf_init(&y);
    parley_scenario_t *s = NULL;
    double k1 = 0, k2 = 0;
    snprintf(path, sizeof path, "%s/profile-1.xml", dir);
    int ok = genius_scale(path, &k1);
    snprintf(path, sizeof path, "%s/profile-2.xml", dir);
    ok = ok && genius_scale(path, &k2);
    if (!ok || parley_genius_to_yaml(ctx, dir, &y) ||
        parley_scenario_load_buffer(ctx, name, y.data, y.len, &s)) {
        printf("  %-22s skipped: %s\n", name, ok ? parley_ctx_message(ctx) : "no profiles");
        parley_buf_free(&y);
        parley_ctx_destroy(ctx);
        return;
    }
    parley_frontier_t *f = NULL;
    parley_space_t *sp = NULL;
    run_t r = analyse(s, 1, evals, &f, &sp);
    size_t total = 0, covered = 0, better = 0;
    snprintf(path, sizeof path, "%s/pareto.xml", dir);
    FILE *fp = fopen(path, "r");
    char line[256];
    while (f && fp && fgets(line, sizeof line, fp)) {
        double g1, g2;
        if (sscanf(line, " %lf , %lf", &g1, &g2) != 2)
            continue;
        total++;
        int cov = 0, strict = 0;
        for (size_t k = 0; k < parley_frontier_points(f) && !cov; k++) {
            const parley_util_t *u = parley_frontier_utilities(f, k);
            double p1 = parley_space_value(sp, 0, u[0]) * k1, p2 = parley_space_value(sp, 1, u[1]) * k2;
            if (p1 >= g1 - 1e-6 && p2 >= g2 - 1e-6) {
                cov = 1;
                strict = p1 > g1 + 1e-6 || p2 > g2 + 1e-6;
            }
        }
        covered += (size_t)cov;
        better += (size_t)strict;
        if (!cov && getenv("BENCH_VERBOSE"))
            printf("    not covered: %.6f, %.6f\n", g1, g2);
    }
    if (fp)
        fclose(fp);
    for (size_t k = 0; f && getenv("BENCH_VERBOSE") && k < parley_frontier_points(f); k++) {
        const parley_util_t *u = parley_frontier_utilities(f, k);
        printf("    ours: %.6f, %.6f\n", parley_space_value(sp, 0, u[0]) * k1,
               parley_space_value(sp, 1, u[1]) * k2);
    }
    printf("  %-22s %6.2f s (cpu %5.2f s)  %4zu points  pareto.xml: %zu/%zu dominated or equal "
           "(%zu strictly)  %s\n",
           name, r.secs, r.cpu, r.points, covered, total, better, r.model);
    parley_frontier_destroy(f);
    parley_space_destroy(sp);
    parley_scenario_destroy(s);
    parley_buf_free(&y);
    parley_ctx_destroy(ctx);
}

int main(int argc, char **argv)
{
    const char *data = "../shared/data";
    uint64_t evals = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--evals") && i + 1 < argc)
            evals = strtoull(argv[++i], NULL, 10);
        else
            data = argv[i];
    }
    random_cases(evals, 0);
    random_cases(evals, 1);
    printf("GENIUS non-linear ANAC 2014 (anytime frontier, BATNAs ignored, vs pareto.xml)\n");
    anac_case(data, "y2014-10issueswithRV", evals);
    anac_case(data, "y2014-30issues", evals);
    anac_case(data, "y2014-50issueswithRV", evals);
    return 0;
}
