/*
 * test_space.c — the agreement space against brute force: on many random
 * small scenarios (2-5 actors, red lines, BATNAs, tied values) the merged
 * frontier, the brute-force frontier and a reference written here from the
 * definitions must agree exactly: points, multiplicities, smallest
 * packages, the five solutions, the ZOPA count, worst packages, amendments.
 */
#include <stdlib.h>
#include "../test.h"
#include "parley/parley.h"
#include "../../src/space/spaceint.h"

static uint64_t rng_state = 12345;
static double urand(void)
{
    return (double)(parley__splitmix64(&rng_state) >> 11) / 9007199254740992.0;
}
static int irand(int n) { return (int)(urand() * n); }

/* ---- dominance filters against the pairwise reference */

static int cmp_rows_desc(const void *a, const void *b, size_t n)
{
    return -parley__ucmp(a, b, n);
}
static size_t sort_n;
static int cmp_rows(const void *a, const void *b) { return cmp_rows_desc(a, b, sort_n); }

static void dominance_filters(void)
{
    for (int round = 0; round < 600; round++) {
        size_t n = 1 + (size_t)irand(6), K = 1 + (size_t)irand(400);
        int levels = 2 + irand(round % 3 == 0 ? 4 : 1000);
        parley_util_t *u = malloc(K * n * sizeof *u);
        for (size_t k = 0; k < K * n; k++)
            u[k] = irand(levels);
        sort_n = n;
        qsort(u, K, n * sizeof *u, cmp_rows);
        size_t D = 0; /* distinct rows */
        for (size_t k = 0; k < K; k++)
            if (D == 0 || parley__ucmp(u + k * n, u + (D - 1) * n, n) != 0)
                memmove(u + (D++) * n, u + k * n, n * sizeof *u);
        unsigned char *a = calloc(D + 1, 1), *b = calloc(D + 1, 1);
        CHECK_INT(parley__pareto_mark(u, D, n, a), PARLEY_OK);
        parley__pareto_mark_naive(u, D, n, b);
        int same = memcmp(a, b, D) == 0;
        CHECK(same);
        if (!same)
            fprintf(stderr, "  n=%zu K=%zu\n", n, D);
        free(a);
        free(b);
        free(u);
        if (!same)
            return;
    }
}

/* ---- random scenarios */

static void gen_yaml(parley_buf_t *b, int *na_out)
{
    int na = 2 + irand(4), ni = 1 + irand(5);
    if (na >= 4 && ni > 4)
        ni = 4;
    int coarse = irand(2);
    parley_buf_puts(b, "parley: 1\nactors:\n");
    for (int a = 0; a < na; a++)
        parley_buf_printf(b, "  - {id: A%d, capability: %.3f, batna: %.3f}\n", a,
                          0.1 + urand(), irand(3) == 0 ? 0.0 : urand() * 0.7);
    parley_buf_puts(b, "issues:\n");
    int nopt[8];
    for (int j = 0; j < ni; j++) {
        nopt[j] = irand(5) == 0 ? 0 : 2 + irand(3);
        if (nopt[j] == 0) {
            parley_buf_printf(b, "  - {id: I%d, scale: {lo: 0, hi: 10}}\n", j);
            continue;
        }
        parley_buf_printf(b, "  - id: I%d\n    options: [", j);
        for (int k = 0; k < nopt[j]; k++)
            parley_buf_printf(b, "%so%d", k ? ", " : "", k);
        parley_buf_puts(b, "]\n");
    }
    parley_buf_puts(b, "stances:\n");
    for (int a = 0; a < na; a++) {
        parley_buf_printf(b, "  A%d:\n", a);
        for (int j = 0; j < ni; j++) {
            double sal = j == 0 ? 0.5 + 0.5 * urand() : coarse ? irand(3) * 0.5 : urand();
            if (sal == 0.0 && irand(2))
                continue;
            parley_buf_printf(b, "    I%d: {salience: %.3f, ", j, sal);
            if (nopt[j] == 0) {
                int ideal = irand(11);
                parley_buf_printf(b, "ideal: %d", ideal);
                if (irand(6) == 0) /* never over the actor's own ideal */
                    parley_buf_printf(b, ", red_line: {below: %d}", irand(ideal + 1));
            } else {
                double v[8];
                int top = 0;
                parley_buf_puts(b, "values: {");
                for (int k = 0; k < nopt[j]; k++) {
                    v[k] = coarse ? irand(5) * 0.25 : urand();
                    top = v[k] > v[top] ? k : top;
                    parley_buf_printf(b, "%so%d: %.3f", k ? ", " : "", k, v[k]);
                }
                parley_buf_puts(b, "}");
                int k = irand(nopt[j]);
                if (irand(7) == 0 && v[k] < v[top])
                    parley_buf_printf(b, ", red_line: [o%d]", k);
            }
            parley_buf_puts(b, "}\n");
        }
    }
    *na_out = na;
}

/* ---- the reference, from the definitions */

typedef struct ref {
    size_t n, m, N;      /* actors, issues, acceptable packages */
    parley_util_t *u;          /* N x n */
    uint32_t *pk;        /* N x m */
    unsigned char *front;/* N: on the frontier */
} ref_t;

static int meets(const parley_space_t *sp, const parley_util_t *r, const unsigned char *red,
                 const uint32_t *pk, const parley_util_t *u)
{
    size_t n = sp->n, m = sp->m;
    for (size_t a = 0; a < n; a++) {
        if (r[a] != PARLEY_NO_RESERVATION && u[a] < r[a])
            return 0;
        for (size_t j = 0; j < m; j++)
            if (red[a * m + j] && parley_space_vetoed(sp, j, pk[j], a))
                return 0;
    }
    return 1;
}

static void ref_build(const parley_space_t *sp, const parley_util_t *r, const unsigned char *red,
                      ref_t *R)
{
    size_t n = sp->n, m = sp->m, total = 1;
    for (size_t j = 0; j < m; j++)
        total *= sp->nopt[j];
    R->n = n;
    R->m = m;
    R->N = 0;
    R->u = malloc((total * n + 1) * sizeof *R->u);
    R->pk = malloc((total * m + 1) * sizeof *R->pk);
    R->front = calloc(total + 1, 1);
    uint32_t pk[16] = {0};
    for (size_t t = 0; t < total; t++) {
        size_t x = t;
        for (size_t j = m; j-- > 0;) {
            pk[j] = (uint32_t)(x % sp->nopt[j]);
            x /= sp->nopt[j];
        }
        parley_util_t u[8];
        parley_space_utilities(sp, pk, u);
        if (!meets(sp, r, red, pk, u))
            continue;
        memcpy(R->u + R->N * n, u, n * sizeof *u);
        memcpy(R->pk + R->N * m, pk, m * sizeof *pk);
        R->N++;
    }
    for (size_t p = 0; p < R->N; p++) {
        int dom = 0;
        for (size_t q = 0; q < R->N && !dom; q++) {
            size_t ge = 0, gt = 0;
            for (size_t a = 0; a < n; a++) {
                ge += R->u[q * n + a] >= R->u[p * n + a];
                gt += R->u[q * n + a] > R->u[p * n + a];
            }
            dom = ge == n && gt > 0;
        }
        R->front[p] = (unsigned char)!dom;
    }
}

static void ref_free(ref_t *R)
{
    free(R->u);
    free(R->pk);
    free(R->front);
}

static int lex_before(const uint32_t *x, const uint32_t *y, size_t m)
{
    for (size_t j = 0; j < m; j++)
        if (x[j] != y[j])
            return x[j] < y[j];
    return 0;
}

/* Frontier f against the reference: same vectors, multiplicities, packages. */
static int same_frontier(const parley_frontier_t *f, const ref_t *R)
{
    size_t n = R->n, m = R->m, P = parley_frontier_points(f), seen = 0;
    for (size_t k = 0; k < P; k++) {
        const parley_util_t *u = parley_frontier_utilities(f, k);
        if (k > 0 && parley__ucmp(parley_frontier_utilities(f, k - 1), u, n) <= 0)
            return 0; /* strictly decreasing order */
        uint64_t mult = parley_frontier_multiplicity(f, k);
        uint32_t *pk = malloc((mult * m + 1) * sizeof *pk);
        size_t got = parley_frontier_point_packages(f, k, pk, mult);
        int ok = got == mult;
        /* every package of the point is a frontier package of the reference with u */
        for (size_t x = 0; x < got && ok; x++) {
            int found = 0;
            for (size_t p = 0; p < R->N && !found; p++)
                found = R->front[p] && memcmp(R->pk + p * m, pk + x * m, m * sizeof *pk) == 0 &&
                        memcmp(R->u + p * n, u, n * sizeof *u) == 0;
            ok = found;
            if (x > 0) {
                for (size_t j = 0; j < m; j++) /* the first is the smallest */
                    if (pk[j] != pk[x * m + j]) {
                        ok = ok && pk[j] < pk[x * m + j];
                        break;
                    }
            }
        }
        /* strictly increasing, and a shorter request is a prefix */
        for (size_t x = 1; x < got && ok; x++)
            ok = memcmp(pk + (x - 1) * m, pk + x * m, m * sizeof *pk) != 0 &&
                 lex_before(pk + (x - 1) * m, pk + x * m, m);
        if (ok && got > 2) {
            uint32_t few[2 * 16];
            ok = parley_frontier_point_packages(f, k, few, 2) == 2 &&
                 memcmp(few, pk, 2 * m * sizeof *pk) == 0;
        }
        free(pk);
        if (!ok)
            return 0;
        seen += got;
    }
    size_t nf = 0;
    for (size_t p = 0; p < R->N; p++)
        nf += R->front[p];
    return seen == nf;
}

static long double ref_score(const parley_space_t *sp, parley_solution_t k, const parley_util_t *u,
                        const parley_util_t *r, const parley_util_t *best)
{
    size_t n = sp->n;
    long double v = 0, lo = 1e300, hi = -1e300, mn = 1e300, sum = 0;
    for (size_t a = 0; a < n; a++) {
        parley_util_t ra = r[a] == PARLEY_NO_RESERVATION ? 0 : r[a], g = u[a] - ra;
        double cap = parley_scenario_actor(sp->s, sp->actors[a])->capability;
        if ((k == PARLEY_NASH || k == PARLEY_NASH_WEIGHTED) && g <= 0)
            return -HUGE_VAL;
        long double gv = (long double)g / (long double)sp->scale[a];
        if (k == PARLEY_NASH)
            v += logl(gv);
        if (k == PARLEY_NASH_WEIGHTED)
            v += cap * logl(gv);
        long double x = best[a] - ra > 0 ? (long double)g / (long double)(best[a] - ra) : 1.0L;
        lo = x < lo ? x : lo;
        hi = x > hi ? x : hi;
        mn = gv < mn ? gv : mn;
        sum += (long double)u[a] / (long double)sp->scale[a];
    }
    if (k == PARLEY_KALAI_SMORODINSKY)
        return -(hi - lo);
    if (k == PARLEY_EGALITARIAN)
        return mn;
    if (k == PARLEY_UTILITARIAN)
        return sum;
    return v;
}

static void check_solutions(const parley_space_t *sp, const parley_frontier_t *f,
                            const parley_util_t *r)
{
    size_t n = sp->n, P = parley_frontier_points(f);
    parley_util_t best[8];
    for (size_t a = 0; a < n; a++) {
        best[a] = PARLEY_UTIL_MIN;
        for (size_t k = 0; k < P; k++)
            if (parley_frontier_utilities(f, k)[a] > best[a])
                best[a] = parley_frontier_utilities(f, k)[a];
    }
    for (int k = 0; k < PARLEY_SOLUTION_COUNT; k++) {
        size_t pick = 0;
        for (size_t p = 1; p < P; p++) {
            long double v = ref_score(sp, (parley_solution_t)k, parley_frontier_utilities(f, p),
                                      r, best),
                        top = ref_score(sp, (parley_solution_t)k,
                                        parley_frontier_utilities(f, pick), r, best);
            if (isinf(top) ? v > top : v > top + 1e-12L * fmaxl(1.0L, fabsl(top)))
                pick = p;
        }
        size_t got = parley_frontier_solve(f, (parley_solution_t)k, NULL);
        CHECK_INT(got, P ? pick : (size_t)-1);
    }
}

static parley_util_t iabs64(parley_util_t v) { return v < 0 ? -v : v; }

/* A filter for parley_space_amend_where: packages whose options sum to an
 * even number (arg: the number of issues). */
static int keep_even(void *arg, const uint32_t *opt)
{
    size_t m = *(const size_t *)arg, sum = 0;
    for (size_t j = 0; j < m; j++)
        sum += opt[j];
    return sum % 2 == 0;
}

/* Amendments from the definition: among acceptable packages (kept by keep,
 * when given), fewest changes, then shift, then the package. */
static void check_amend_with(const parley_space_t *sp, const parley_constraints_t *c,
                             const ref_t *R, const uint32_t *base, parley_amend_keep_fn keep)
{
    size_t n = sp->n, m = sp->m;
    parley_util_t ub[8];
    size_t bestc = (size_t)-1, bestp = 0;
    parley_util_t bests = 0;
    for (size_t p = 0; p < R->N; p++) {
        size_t ch = 0;
        parley_util_t shift = 0;
        if (keep && !keep(&m, R->pk + p * m))
            continue;
        for (size_t a = 0; a < n; a++)
            ub[a] = 0;
        for (size_t j = 0; j < m; j++) {
            if (base[j] == UINT32_MAX)
                continue;
            ch += R->pk[p * m + j] != base[j];
            for (size_t a = 0; a < n; a++)
                ub[a] += parley_space_contribution(sp, j, R->pk[p * m + j], a) -
                         parley_space_contribution(sp, j, base[j], a);
        }
        for (size_t a = 0; a < n; a++)
            shift += parley__common(sp, a, iabs64(ub[a]));
        if (bestc == (size_t)-1 || ch < bestc || (ch == bestc && shift < bests)) {
            bestc = ch;
            bests = shift;
            bestp = p; /* packages come in increasing order: ties keep the first */
        }
    }
    parley_amend_result_t res;
    CHECK_INT(parley_space_amend_where(NULL, sp, c, base, 3, 100000000, keep, &m, &res),
              PARLEY_OK);
    CHECK(res.exact);
    if (bestc == (size_t)-1) {
        CHECK_INT(res.n, 0);
    } else if (res.n == 0) {
        CHECK(res.n > 0);
    } else {
        CHECK_INT(res.items[0].changed, bestc);
        CHECK_INT(res.items[0].shift, bests);
        CHECK(memcmp(res.items[0].opt, R->pk + bestp * m, m * sizeof *base) == 0);
    }
    for (size_t k = 0; keep && k < res.n; k++)
        CHECK(keep(&m, res.items[k].opt));
    parley_amend_result_free(&res);
}

static void check_amend(const parley_space_t *sp, const parley_constraints_t *c, const ref_t *R)
{
    uint32_t base[16];
    for (size_t j = 0; j < sp->m; j++)
        base[j] = irand(6) == 0 ? UINT32_MAX : (uint32_t)irand((int)sp->nopt[j]);
    check_amend_with(sp, c, R, base, NULL);
    check_amend_with(sp, c, R, base, keep_even);
}

static void check_worst(const parley_space_t *sp, const parley_constraints_t *c, const ref_t *R)
{
    size_t n = sp->n, m = sp->m;
    for (size_t a = 0; a < n; a++) {
        size_t pick = (size_t)-1;
        for (size_t p = 0; p < R->N; p++)
            if (pick == (size_t)-1 || R->u[p * n + a] < R->u[pick * n + a])
                pick = p;
        uint32_t opt[16];
        int exact = 0;
        int found = parley_space_worst_for(sp, c, a, 100000000, opt, &exact);
        CHECK_INT(found, pick != (size_t)-1);
        CHECK(exact);
        if (found && pick != (size_t)-1)
            CHECK(memcmp(opt, R->pk + pick * m, m * sizeof *opt) == 0);
    }
}

static size_t stat_points, stat_nonempty, stat_packages, stat_actors[8];

static int one_scenario(int round)
{
    parley_buf_t b;
    parley_buf_init(&b);
    int na = 0;
    gen_yaml(&b, &na);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    if (parley_scenario_load_buffer(ctx, "rand.yaml", b.data, b.len, &s) != PARLEY_OK) {
        fprintf(stderr, "  generated scenario rejected: %s\n%s\n", parley_ctx_message(ctx),
                b.data);
        test_failures++;
        parley_ctx_destroy(ctx);
        parley_buf_free(&b);
        return 0;
    }
    parley_space_options_t so;
    parley_space_options_init(&so);
    so.grid = 3 + (unsigned)irand(3);
    parley_space_t *sp = NULL;
    CHECK_INT(parley_space_create(ctx, s, &so, &sp), PARLEY_OK);
    size_t n = sp->n, m = sp->m;
    parley_util_t r[8];
    unsigned char red[8 * 8];
    for (size_t a = 0; a < n; a++) /* BATNAs, or none, or an arbitrary reservation */
        r[a] = round % 4 == 1 ? PARLEY_NO_RESERVATION
               : irand(5) == 0 ? parley_space_at_least(sp, a, urand())
                               : parley_space_batna(sp, a);
    for (size_t k = 0; k < n * m; k++)
        red[k] = (unsigned char)(irand(5) != 0);
    parley_constraints_t c = {r, red, NULL};
    ref_t R;
    ref_build(sp, r, red, &R);
    int ok = 1;
    for (int method = 0; method < 2; method++) {
        parley_frontier_options_t fo;
        parley_frontier_options_init(&fo);
        fo.method = (parley_frontier_method_t)method;
        parley_frontier_t *f = NULL;
        CHECK_INT(parley_frontier_create(ctx, sp, &c, &fo, &f), PARLEY_OK);
        CHECK_INT(parley_frontier_run(ctx, f, NULL, NULL), PARLEY_OK);
        int same = same_frontier(f, &R);
        if (method == 0) {
            stat_points += parley_frontier_points(f);
            stat_nonempty += parley_frontier_points(f) > 0;
            stat_packages += R.N;
            stat_actors[n]++;
        }
        CHECK(same);
        if (!same) {
            fprintf(stderr, "  method %d round %d:\n%s\n", method, round, b.data);
            ok = 0;
        }
        check_solutions(sp, f, r);
        parley_frontier_destroy(f);
    }
    parley_zopa_count_t zc;
    CHECK_INT(parley_space_count(ctx, sp, &c, 100000000, 1000, 1, &zc), PARLEY_OK);
    CHECK(zc.exact);
    char want[32];
    snprintf(want, sizeof want, "%zu", R.N);
    CHECK_STR(zc.count, want);
    check_worst(sp, &c, &R);
    check_amend(sp, &c, &R);
    ref_free(&R);
    parley_space_destroy(sp);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    parley_buf_free(&b);
    return ok;
}

static void differential(void)
{
    for (int round = 0; round < 1200; round++)
        if (!one_scenario(round))
            return;
    printf("  1200 scenarios (2-5 actors: %zu %zu %zu %zu): %zu with a non-empty ZOPA, "
           "%zu acceptable packages, %zu frontier points\n",
           stat_actors[2], stat_actors[3], stat_actors[4], stat_actors[5], stat_nonempty,
           stat_packages, stat_points);
}

/* ---- degenerate inputs, by hand */

static parley_frontier_t *run_yaml(const char *yaml, parley_scenario_t **s, parley_space_t **sp)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_frontier_t *f = NULL;
    *s = NULL;
    *sp = NULL;
    if (parley_scenario_load_buffer(ctx, "d.yaml", yaml, strlen(yaml), s) ||
        parley_space_create(ctx, *s, NULL, sp) || parley_frontier_create(ctx, *sp, NULL, NULL, &f) ||
        parley_frontier_run(ctx, f, NULL, NULL)) {
        fprintf(stderr, "  %s\n", parley_ctx_message(ctx));
        test_failures++;
    }
    parley_ctx_destroy(ctx);
    return f;
}

static void done_yaml(parley_frontier_t *f, parley_scenario_t *s, parley_space_t *sp)
{
    parley_frontier_destroy(f);
    parley_space_destroy(sp);
    parley_scenario_destroy(s);
}

static void degenerate(void)
{
    parley_scenario_t *s;
    parley_space_t *sp;
    parley_frontier_t *f;
    /* identical actors: the frontier is the best package for both, a single point */
    f = run_yaml("parley: 1\nactors: [{id: A, capability: 1, batna: 0}, {id: B, capability: 1, "
                 "batna: 0}]\nissues: [{id: x, options: [a, b, c]}, {id: y, options: [a, b]}]\n"
                 "stances:\n  A: {x: {salience: 1, ideal: b}, y: {salience: 0.5, ideal: a}}\n"
                 "  B: {x: {salience: 1, ideal: b}, y: {salience: 0.5, ideal: a}}\n",
                 &s, &sp);
    CHECK_INT(parley_frontier_points(f), 1);
    CHECK_INT(parley_frontier_multiplicity(f, 0), 1);
    CHECK_NEAR(parley_space_value(sp, 0, parley_frontier_utilities(f, 0)[0]), 1.0, 1e-12);
    for (int k = 0; k < PARLEY_SOLUTION_COUNT; k++)
        CHECK_INT(parley_frontier_solve(f, (parley_solution_t)k, NULL), 0);
    done_yaml(f, s, sp);
    /* one issue, opposed actors: every option is Pareto-optimal; nobody cares about z
     * (zero salience for both), so each point holds all three of its options */
    f = run_yaml("parley: 1\nactors: [{id: A, capability: 3, batna: 0}, {id: B, capability: 1, "
                 "batna: 0}]\nissues: [{id: x, options: [a, b, c, d]}, {id: z, options: [p, q, "
                 "r]}]\nstances:\n  A: {x: {salience: 1, values: {a: 1, b: 0.7, c: 0.4, d: 0}}, "
                 "z: {salience: 0, ideal: p}}\n  B: {x: {salience: 1, values: {a: 0, b: 0.4, c: "
                 "0.7, d: 1}}}\n",
                 &s, &sp);
    CHECK_INT(parley_frontier_points(f), 4);
    int exact = 0;
    CHECK_INT(parley_frontier_packages(f, &exact), 12);
    CHECK(exact);
    uint32_t pk[3 * 2];
    CHECK_INT(parley_frontier_point_packages(f, 1, pk, 3), 3);
    CHECK_INT(pk[0], 1); /* point 1 is option b (A 0.7, B 0.4) with z = p, q, r */
    CHECK_INT(pk[1], 0);
    CHECK_INT(pk[3], 1);
    CHECK_INT(pk[5], 2);
    /* Nash: max 0.7*0.4 = 0.4*0.7 ties b and c: the earlier point (b) wins; weighted by
     * capability 3:1, 0.7^3*0.4 > 0.4^3*0.7: b; utilitarian: all sums tie except a, d */
    CHECK_INT(parley_frontier_solve(f, PARLEY_NASH, NULL), 1);
    CHECK_INT(parley_frontier_solve(f, PARLEY_NASH_WEIGHTED, NULL), 1);
    CHECK_INT(parley_frontier_solve(f, PARLEY_EGALITARIAN, NULL), 1);
    CHECK_INT(parley_frontier_solve(f, PARLEY_UTILITARIAN, NULL), 1);
    done_yaml(f, s, sp);
    /* red lines leave a single option and BATNAs empty the zone */
    f = run_yaml("parley: 1\nactors: [{id: A, capability: 1, batna: 0.9}, {id: B, capability: "
                 "1, batna: 0}]\nissues: [{id: x, options: [a, b, c]}]\nstances:\n  A: {x: "
                 "{salience: 1, ideal: a, red_line: [c]}}\n  B: {x: {salience: 1, ideal: c, "
                 "red_line: [a]}}\n",
                 &s, &sp);
    CHECK_INT(parley_frontier_points(f), 0); /* only b is left and A wants 0.9 */
    CHECK_INT(parley_frontier_solve(f, PARLEY_NASH, NULL), (size_t)-1);
    parley_zopa_count_t z;
    CHECK_INT(parley_space_count(NULL, sp, NULL, 1000, 100, 1, &z), PARLEY_OK);
    CHECK_STR(z.count, "0");
    parley_util_t none[2] = {PARLEY_NO_RESERVATION, PARLEY_NO_RESERVATION};
    parley_constraints_t c = {none, NULL, NULL};
    parley_frontier_t *g = NULL;
    CHECK_INT(parley_frontier_create(NULL, sp, &c, NULL, &g), PARLEY_OK);
    CHECK_INT(parley_frontier_run(NULL, g, NULL, NULL), PARLEY_OK);
    CHECK_INT(parley_frontier_points(g), 1); /* b alone */
    parley_frontier_destroy(g);
    done_yaml(f, s, sp);
}

/* Every allocation of a space analysis failing in turn: ENOMEM (or success),
 * never a crash or (under ASan) a leak. */
static void allocation_failures(void)
{
    const char *yaml = "parley: 1\nactors: [{id: A, capability: 1, batna: 0.2}, {id: B, "
                       "capability: 2, batna: 0.3}, {id: C, capability: 1, batna: 0.1}, {id: D, "
                       "capability: 1, batna: 0}]\nissues: [{id: x, options: [a, b, c]}, {id: y, "
                       "options: [a, b, c]}, {id: z, scale: {lo: 0, hi: 1}}]\nstances:\n"
                       "  A: {x: {salience: 1, ideal: a}, y: {salience: 0.5, ideal: c}, z: "
                       "{salience: 0.3, ideal: 0}}\n  B: {x: {salience: 0.4, ideal: c}, y: "
                       "{salience: 1, ideal: a}}\n  C: {z: {salience: 1, ideal: 1}}\n  D: {x: "
                       "{salience: 1, ideal: b, red_line: [c]}}\n";
    parley_scenario_t *s = NULL;
    CHECK_INT(parley_scenario_load_buffer(NULL, "a.yaml", yaml, strlen(yaml), &s), PARLEY_OK);
    int completed = 0;
    for (long n = 0; n < 400 && !completed; n++) {
        parley__alloc_fail_after(n);
        parley_space_t *sp = NULL;
        parley_frontier_t *f = NULL;
        parley_status_t st = parley_space_create(NULL, s, NULL, &sp);
        for (int method = 0; method < 2 && !st; method++) {
            parley_frontier_options_t fo;
            parley_frontier_options_init(&fo);
            fo.method = (parley_frontier_method_t)method;
            st = parley_frontier_create(NULL, sp, NULL, &fo, &f);
            if (!st)
                st = parley_frontier_run(NULL, f, NULL, NULL);
            parley_frontier_destroy(f);
            f = NULL;
        }
        parley_zopa_count_t z;
        if (!st)
            st = parley_space_count(NULL, sp, NULL, 1000000, 100, 1, &z);
        parley_amend_result_t am = {0};
        uint32_t base[3] = {0, 0, 0};
        if (!st)
            st = parley_space_amend(NULL, sp, NULL, base, 2, 1000000, &am);
        parley_amend_result_free(&am);
        parley_trade_t *t = NULL;
        size_t nt = 0;
        if (!st)
            st = parley_space_trades(NULL, sp, base, &t, &nt);
        free(t);
        parley_space_destroy(sp);
        CHECK(st == PARLEY_OK || st == PARLEY_ENOMEM);
        completed = st == PARLEY_OK;
    }
    parley__alloc_fail_after(-1);
    CHECK(completed);
    parley_scenario_destroy(s);
}

/* ---- the merge's dominance filter on wider frontiers: 4-5 actors, 5-7
 * issues of 2-6 options (now and then one of 18, past the copies' limit of
 * 16), tied values or not, BATNAs or none; the merged frontier must equal
 * the brute force's point by point (utilities and multiplicities). */
static void merge_wide(void)
{
    size_t big = 0, tested = 0;
    for (int round = 0; round < 40; round++) {
        int na = 4 + irand(2), ni = 5 + irand(3), coarse = irand(2);
        int nopt[8];
        double total = 1;
        parley_buf_t b;
        parley_buf_init(&b);
        parley_buf_puts(&b, "parley: 1\nactors:\n");
        for (int a = 0; a < na; a++)
            parley_buf_printf(&b, "  - {id: A%d, capability: 1, batna: %.2f}\n", a,
                              round % 3 == 0 ? 0.3 * urand() : 0.0);
        parley_buf_puts(&b, "issues:\n");
        for (int j = 0; j < ni; j++) {
            nopt[j] = j == 0 && round % 5 == 4 ? 18 : 2 + irand(5);
            if (total * nopt[j] > 200000)
                nopt[j] = 2;
            total *= nopt[j];
            parley_buf_printf(&b, "  - id: I%d\n    options: [", j);
            for (int k = 0; k < nopt[j]; k++)
                parley_buf_printf(&b, "%so%d", k ? ", " : "", k);
            parley_buf_puts(&b, "]\n");
        }
        parley_buf_puts(&b, "stances:\n");
        for (int a = 0; a < na; a++) {
            parley_buf_printf(&b, "  A%d:\n", a);
            for (int j = 0; j < ni; j++) {
                parley_buf_printf(&b, "    I%d: {salience: %.3f, values: {", j,
                                  coarse ? 0.5 + 0.5 * irand(2) : 0.05 + 0.95 * urand());
                for (int k = 0; k < nopt[j]; k++)
                    parley_buf_printf(&b, "%so%d: %.3f", k ? ", " : "", k,
                                      coarse ? 0.25 * irand(5) : urand());
                parley_buf_puts(&b, "}}\n");
            }
        }
        parley_scenario_t *s = NULL;
        parley_space_t *sp = NULL;
        parley_frontier_t *f[2] = {NULL, NULL};
        parley_ctx_t *ctx = parley_ctx_create();
        if (parley_scenario_load_buffer(ctx, "wide.yaml", b.data, b.len, &s))
            fprintf(stderr, "  %s\n", parley_ctx_message(ctx));
        parley_ctx_destroy(ctx);
        CHECK(s != NULL);
        if (s)
            CHECK_INT(parley_space_create(NULL, s, NULL, &sp), PARLEY_OK);
        for (int method = 0; method < 2 && sp; method++) {
            parley_frontier_options_t fo;
            parley_frontier_options_init(&fo);
            fo.method = (parley_frontier_method_t)method;
            CHECK_INT(parley_frontier_create(NULL, sp, NULL, &fo, &f[method]), PARLEY_OK);
            CHECK_INT(parley_frontier_run(NULL, f[method], NULL, NULL), PARLEY_OK);
        }
        if (f[0] && f[1]) {
            size_t P = parley_frontier_points(f[0]);
            int same = P == parley_frontier_points(f[1]);
            for (size_t k = 0; same && k < P; k++)
                same = parley__ucmp(parley_frontier_utilities(f[0], k),
                                    parley_frontier_utilities(f[1], k), sp->n) == 0 &&
                       parley_frontier_multiplicity(f[0], k) ==
                           parley_frontier_multiplicity(f[1], k);
            CHECK(same);
            if (!same)
                fprintf(stderr, "  round %d: %zu vs %zu points\n%s\n", round, P,
                        parley_frontier_points(f[1]), b.data);
            big += parley_frontier_peak_points(f[0]) > 100;
            tested++;
        }
        parley_frontier_destroy(f[0]);
        parley_frontier_destroy(f[1]);
        parley_space_destroy(sp);
        parley_scenario_destroy(s);
        parley_buf_free(&b);
    }
    printf("  %zu scenarios, %zu with over 100 points at some step\n", tested, big);
}

const test_case_t tests_space[] = {
    {"space/allocation_failures", allocation_failures},
    {"space/degenerate_inputs", degenerate},
    {"space/dominance_filters_match_pairwise", dominance_filters},
    {"space/differential_1200_random_scenarios", differential},
    {"space/merge_matches_brute_on_wide_frontiers", merge_wide},
    {NULL, NULL},
};
