/*
 * bench_space.c — prints how fast the agreement space is computed: the
 * exact Pareto frontier on synthetic scenarios (independent uniform option
 * values and weights, BATNAs 0, no red lines: the hard case) for 2-4
 * parties and 10-30 issues of 5 options, the Ukraine example, and the ANAC
 * domain y2016-AgentHp2 merged vs brute-forced side by side. Each case runs
 * in its own process so its peak memory (max RSS) is its own. Figures only.
 *
 *   bench_space [SOURCE_DIR [DATA_DIR]] [--quick | --only AxI]
 *
 * 5 x 30 runs under a 4 GiB memory bound (it stops there with the
 * frontier's message); --only 5x20 runs one synthetic case alone. Cases of
 * 100 parties x issues or more show their progress on stderr, issue by
 * issue.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "parley/parley.h"
#include "bench.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static double urand(void)
{
    return bench_urand(&rng);
}

static double max_rss_mib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

static void synthetic(parley_buf_t *b, int na, int ni)
{
    parley_buf_puts(b, "parley: 1\nactors:\n");
    for (int i = 0; i < na; i++)
        parley_buf_printf(b, "  - {id: a%d, capability: 1, batna: 0}\n", i);
    parley_buf_puts(b, "issues:\n");
    for (int j = 0; j < ni; j++)
        parley_buf_printf(b, "  - {id: i%d, options: [o0, o1, o2, o3, o4]}\n", j);
    parley_buf_puts(b, "stances:\n");
    for (int i = 0; i < na; i++) {
        parley_buf_printf(b, "  a%d:\n", i);
        for (int j = 0; j < ni; j++)
            parley_buf_printf(b,
                              "    i%d: {salience: %.6f, values: {o0: %.6f, o1: %.6f, o2: %.6f, "
                              "o3: %.6f, o4: %.6f}}\n",
                              j, 0.01 + 0.99 * urand(), urand(), urand(), urand(), urand(), urand());
    }
}

typedef struct result {
    double secs;
    size_t points, peak_points;
    uint64_t packages;
    size_t nash;
    int status;
    size_t steps_done;
    char msg[256];
} result_t;

/* Progress of a long merge, on stderr: issues merged, points, seconds. */
typedef struct progress {
    double t0;
    int on;
} progress_t;

static void show_progress(void *arg, size_t step, size_t steps, size_t points)
{
    const progress_t *p = arg;
    if (p->on)
        fprintf(stderr, "    merged %zu of %zu issues: %zu points, %.1f s, max RSS %.0f MiB\n",
                step, steps, points, bench_now() - p->t0, max_rss_mib());
}

static result_t frontier(const parley_scenario_t *s, parley_frontier_method_t method,
                         size_t max_bytes, int verbose)
{
    result_t r;
    memset(&r, 0, sizeof r);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_space_t *sp = NULL;
    parley_frontier_t *f = NULL;
    parley_frontier_options_t fo;
    parley_frontier_options_init(&fo);
    fo.method = method;
    fo.brute_limit = 100000000;
    if (max_bytes)
        fo.max_bytes = max_bytes;
    double t0 = bench_now();
    r.status = parley_space_create(ctx, s, NULL, &sp);
    if (!r.status)
        r.status = parley_frontier_create(ctx, sp, NULL, &fo, &f);
    progress_t pr = {t0, verbose};
    if (!r.status)
        r.status = parley_frontier_run(ctx, f, show_progress, &pr);
    if (!r.status) {
        r.nash = parley_frontier_solve(f, PARLEY_NASH, NULL);
        r.points = parley_frontier_points(f);
        r.packages = parley_frontier_packages(f, NULL);
    }
    r.secs = bench_now() - t0;
    if (f) {
        r.peak_points = parley_frontier_peak_points(f);
        r.steps_done = parley_frontier_steps_done(f);
    }
    snprintf(r.msg, sizeof r.msg, "%s", parley_ctx_message(ctx));
    parley_frontier_destroy(f);
    parley_space_destroy(sp);
    parley_ctx_destroy(ctx);
    return r;
}

static void synthetic_case(int na, int ni, size_t max_bytes)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid != 0) {
        int status = 0;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status))
            printf("  %d x %-3d failed (status %d)\n", na, ni, status);
        return;
    }
    rng = 0x9E3779B97F4A7C15ull ^ (uint64_t)(na * 1000 + ni);
    parley_buf_t b;
    parley_buf_init(&b);
    synthetic(&b, na, ni);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    if (parley_scenario_load_buffer(ctx, "synthetic", b.data, b.len, &s)) {
        printf("  load failed: %s\n", parley_ctx_message(ctx));
        fflush(stdout);
        _exit(1);
    }
    char outcomes[64];
    parley_scenario_package_count(s, 11, outcomes, sizeof outcomes);
    result_t r = frontier(s, PARLEY_FRONTIER_MERGE, max_bytes, na * ni >= 100);
    if (r.status)
        printf("  %d x %-3d %-22s stopped after %zu issues: %s\n", na, ni, outcomes,
               r.steps_done, r.msg);
    else
        printf("  %d x %-3d %-22s %10zu %10zu %9.3f %9.1f %12.3f\n", na, ni, outcomes, r.points,
               r.peak_points, r.secs, max_rss_mib(),
               r.points ? r.secs * 1e6 / ((double)r.peak_points * ni) : 0.0);
    fflush(stdout);
    _exit(0);
}

static parley_scenario_t *load_path(const char *path, int genius)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st;
    if (genius) {
        parley_buf_t y;
        parley_buf_init(&y);
        st = parley_genius_to_yaml(ctx, path, &y);
        if (!st)
            st = parley_scenario_load_buffer(ctx, path, y.data, y.len, &s);
        parley_buf_free(&y);
    } else {
        st = parley_scenario_load_file(ctx, path, &s);
    }
    if (st)
        printf("  %s: %s\n", path, parley_ctx_message(ctx));
    parley_ctx_destroy(ctx);
    return s;
}

static void ukraine(const char *src)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/ukraine-2025.yaml", src);
    parley_scenario_t *s = load_path(path, 0);
    if (!s)
        return;
    parley_ctx_t *ctx = parley_ctx_create();
    parley_space_t *sp = NULL;
    parley_space_create(ctx, s, NULL, &sp);
    /* the four parties of the README question, UKR's NATO red line dropped */
    const char *ids[] = {"RUS", "UKR", "USA", "EU"};
    size_t idx[4];
    for (int k = 0; k < 4; k++)
        idx[k] = parley_scenario_find_actor(s, ids[k]);
    parley_space_options_t so;
    parley_space_options_init(&so);
    so.actors = idx;
    so.n_actors = 4;
    parley_space_t *sp4 = NULL;
    parley_space_create(ctx, s, &so, &sp4);
    size_t m = parley_scenario_issue_count(s), ukr = 1, nato = parley_scenario_find_issue(s, "nato");
    unsigned char *red = malloc(4 * m);
    memset(red, 1, 4 * m);
    red[ukr * m + nato] = 0;
    parley_constraints_t c = {NULL, red, NULL};
    const char *label[] = {"all five parties (ZOPA empty)", "RUS UKR USA EU, UKR NATO line dropped"};
    for (int k = 0; k < 2; k++) {
        double t0 = bench_now();
        parley_frontier_t *f = NULL;
        parley_frontier_create(ctx, k ? sp4 : sp, k ? &c : NULL, NULL, &f);
        parley_frontier_run(ctx, f, NULL, NULL);
        parley_frontier_solve(f, PARLEY_NASH, NULL);
        parley_zopa_count_t z;
        parley_space_count(ctx, k ? sp4 : sp, k ? &c : NULL, 50000000, 1000000, 1, &z);
        double t = bench_now() - t0;
        printf("  %-40s frontier %5zu points, ZOPA %s (%s): %.4f s\n", label[k],
               parley_frontier_points(f), z.count, z.exact ? "exact" : "estimate", t);
        parley_frontier_destroy(f);
    }
    free(red);
    parley_space_destroy(sp);
    parley_space_destroy(sp4);
    parley_ctx_destroy(ctx);
    parley_scenario_destroy(s);
}

static void agenthp2(const char *data)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/anac/y2016-AgentHp2", data);
    if (access(path, R_OK) != 0) {
        printf("  skipped: %s not found\n", path);
        return;
    }
    parley_scenario_t *s = load_path(path, 1);
    if (!s)
        return;
    result_t m = frontier(s, PARLEY_FRONTIER_MERGE, 0, 0);
    result_t b = frontier(s, PARLEY_FRONTIER_BRUTE, 0, 0);
    printf("  merge: %zu points, %llu packages, %.4f s\n", m.points,
           (unsigned long long)m.packages, m.secs);
    printf("  brute: %zu points, %llu packages, %.4f s (%s)\n", b.points,
           (unsigned long long)b.packages, b.secs, b.status ? b.msg : "ok");
    printf("  same frontier and Nash point: %s; merge is %.0fx faster\n",
           m.points == b.points && m.packages == b.packages && m.nash == b.nash ? "yes" : "NO",
           b.secs / m.secs);
    parley_scenario_destroy(s);
}

/* bench_space [SRC [DATA]] [--quick] [--only AxI] [--max-memory GIB]
 * (--max-memory bounds the synthetic cases of 150 or more party-issues;
 * 4 GiB unless given). */
int main(int argc, char **argv)
{
    const char *pos[2] = {".", "../shared/data"};
    int npos = 0, quick = 0, only_a = 0, only_i = 0;
    double gib = 4;
    for (int k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--quick") == 0) {
            quick = 1;
        } else if (strcmp(argv[k], "--only") == 0 && k + 1 < argc &&
                   sscanf(argv[k + 1], "%dx%d", &only_a, &only_i) == 2 && only_a > 0 &&
                   only_i > 0) {
            k++;
        } else if (strcmp(argv[k], "--max-memory") == 0 && k + 1 < argc &&
                   sscanf(argv[k + 1], "%lf", &gib) == 1 && gib > 0 && gib < 1e6) {
            k++;
        } else if (argv[k][0] != '-' && npos < 2) {
            pos[npos++] = argv[k];
        } else {
            fprintf(stderr, "usage: bench_space [SRC [DATA]] [--quick] [--only AxI] "
                            "[--max-memory GIB]\n");
            return 2;
        }
    }
    const char *src = pos[0], *data = pos[1];
    size_t bound = (size_t)(gib * (double)(1u << 30));
    if (only_a) {
        printf("  A x I   packages               frontier  peak pts  seconds  max RSS MiB  "
               "us/peak pt/issue\n");
        synthetic_case(only_a, only_i, only_a * only_i >= 150 ? bound : 0);
        return 0;
    }
    printf("Agreement space (parley %s)\n\n", parley_version());
    printf("y2016-AgentHp2 (3 parties, 8 issues, 5,764,801 packages): frontier + Nash\n");
    agenthp2(data);
    printf("\nexamples/ukraine-2025.yaml: frontier + Nash + ZOPA count\n");
    ukraine(src);
    printf("\nSynthetic, 5 options per issue, uniform values and weights, BATNA 0, no red lines\n");
    printf("  A x I   packages               frontier  peak pts  seconds  max RSS MiB  "
           "us/peak pt/issue\n");
    int parties[] = {2, 3, 4, 5}, issues[] = {10, 20, 30};
    for (int a = 0; a < 4; a++)
        for (int i = 0; i < 3; i++) {
            if (quick && parties[a] * issues[i] > 60)
                continue;
            synthetic_case(parties[a], issues[i], parties[a] * issues[i] >= 150 ? bound : 0);
        }
    return 0;
}
