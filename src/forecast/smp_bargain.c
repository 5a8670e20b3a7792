/*
 * smp_bargain.c — one SMP turn after the state is set up (smp.c): each
 * actor's best challenge from its own perspective, the bargain it offers,
 * and each actor's choice among its status quo and the bargains involving
 * it by a Condorcet election. O(n^3) per turn and O(n^2) memory: one
 * perspective's utility matrix is cached at a time, never all n.
 */
#include <math.h>
#include "smpint.h"

/* Caches perspective h's utility matrix A^h(a, b) = U(d_ab, r_ha),
 * transposed in s->u so that a third-party loop reads it contiguously. */
static void perspective(smp_t *s, size_t h)
{
    size_t n = s->n;
    for (size_t a = 0; a < n; a++)
        s->rh[a] = parley__smp_radj(s->o.risk_adjust, s->R[h], s->R[a]);
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++)
            s->u[b * n + a] = smp_util(s->d[a * n + b], s->rh[a]);
}

/* A^h(a, b): the utility to a of b's position, as the cached h sees it. */
static double au(const smp_t *s, size_t a, size_t b)
{
    return s->u[b * s->n + a];
}

/* Third party m's vote in i:j, given its chance pin that i wins with it. */
static double third_party(const smp_t *s, double w, double pin, double umi, double umj,
                          double umm)
{
    double pjn = 1.0 - pin, ua, ub;
    switch (s->o.commit) {
    case PARLEY_SMP_COMMIT_FULL:
        ua = pin * 3.0 * umi + pjn * 3.0 * umj;
        ub = pin * 3.0 * umi + pjn * 3.0 * umj;
        break;
    case PARLEY_SMP_COMMIT_NONE:
        ua = pin * (2.0 * umi + umm) + pjn * (2.0 * umj + umm);
        ub = pin * (2.0 * umi + umm) + pjn * (2.0 * umj + umm);
        break;
    default: /* semi: m joins the winner only if it is the side m joined */
        ua = pin * (umi + umi + umm) + pjn * (umj + umj + umj);
        ub = pin * (umi + umi + umi) + pjn * (umj + umj + umm);
        break;
    }
    return smp_vote(s->o.vote, w, ua, ub);
}

/* The strengths of the coalitions for i and for j in i:j, as s->rh sees them. */
static void contest_strength(const smp_t *s, size_t i, size_t j, double *cij, double *cji)
{
    parley_smp_vote_t vr = s->o.vote;
    double vi = smp_vote(vr, s->sig[i] * s->cap[i], au(s, i, i), au(s, i, j));
    double vj = smp_vote(vr, s->sig[j] * s->cap[j], au(s, j, i), au(s, j, j));
    double a = 1e-10, b = 1e-10;
    a += vi > 0.0 ? vi : 0.0;
    b -= vi < 0.0 ? vi : 0.0;
    a += vj > 0.0 ? vj : 0.0;
    b -= vj < 0.0 ? vj : 0.0;
    double ci = a, cj = b;
    const double *ui = s->u + i * s->n, *uj = s->u + j * s->n; /* A^h(., i), A^h(., j) */
    for (size_t m = 0; m < s->n; m++) {
        if (m == i || m == j)
            continue;
        double w = s->sig[m] * s->cap[m], umi = ui[m], umj = uj[m];
        double v0 = smp_vote(vr, w, umi, umj);
        double pa = v0 > 0.0 ? ci + v0 : ci, pb = v0 < 0.0 ? cj - v0 : cj;
        double vm = third_party(s, w, pa / (pa + pb), umi, umj, au(s, m, m));
        a = vm > 0.0 ? a + vm : a;
        b = vm < 0.0 ? b - vm : b;
    }
    *cij = a;
    *cji = b;
}

/* The expected gain to k of i challenging j and P[i beats j] (*pij). */
static double challenge(const smp_t *s, size_t k, size_t i, size_t j, double *pij)
{
    double cij, cji;
    contest_strength(s, i, j, &cij, &cji);
    double p = s->o.challenge_victory ? parley__smp_vprob(s->o.victory, cij, cji)
                                      : cij / (cij + cji);
    double sq = au(s, k, i) + au(s, k, j), win = au(s, k, i) + au(s, k, i);
    double lose = au(s, k, j) + au(s, k, j);
    double contest = p * win + (1.0 - p) * lose;
    double chlg = (1.0 - s->sig[j]) * win + s->sig[j] * contest;
    *pij = p;
    return chlg - sq;
}

static double round4(double x)
{
    return floor(0.5 + x * 10000.0) / 10000.0;
}

/* The bargain between i (at ti, chance pi) and j (tj, pj) on one dimension. */
static void interp(const smp_t *s, double ti, double si, double pi, double tj, double sj,
                   double pj, double *bi, double *bj)
{
    if (s->o.interp == PARLEY_SMP_INTERP_S2PMAX) {
        double di = pj > pi ? pj - pi : 0.0, dj = pi > pj ? pi - pj : 0.0;
        double dik = di * sj * sj / (di * sj * sj + 1e-6 + (1.0 - di) * si * si);
        double djk = dj * si * si / (dj * si * si + 1e-6 + (1.0 - dj) * sj * sj);
        *bi = ti + dik * (tj - ti);
        *bj = tj + djk * (ti - tj);
        return;
    }
    int e = s->o.interp == PARLEY_SMP_INTERP_S1P1 ? 1 : 2;
    double wi = e == 1 ? si * pi : si * si * pi * pi, wj = e == 1 ? sj * pj : sj * sj * pj * pj;
    *bi = round4(((wi + 1e-6) * ti + wj * tj) / (wi + 1e-6 + wj));
    *bj = round4((wi * ti + (1e-6 + wj) * tj) / (wi + 1e-6 + wj));
}

/* Appends the bargain i:j interpolated with chance p that i wins; returns its index. */
static size_t add_bargain(smp_t *s, size_t i, size_t j, double p)
{
    size_t b = s->nb++, D = s->D;
    double *bx = s->bx + b * 2 * D;
    s->bi[b] = i;
    s->bj[b] = j;
    for (size_t k = 0; k < D; k++)
        interp(s, s->x[i * D + k], s->sal[i * D + k], p, s->x[j * D + k], s->sal[j * D + k],
               1.0 - p, &bx[k], &bx[D + k]);
    return b;
}

/* The compromise of bargains b1 (i's view) and b2 (j's view), weighted as
 * KTAB does: c_i s_i for i's, c_i s_j for j's (KTAB takes the capability
 * of bargain b2's initiator, i). */
static void pairwise(smp_t *s, size_t b1, size_t b2)
{
    size_t i = s->bi[b1], j = s->bj[b1], D = s->D;
    double wi = s->cap[i] * s->sig[i], wj = s->cap[i] * s->sig[j];
    double *x1 = s->bx + b1 * 2 * D, *x2 = s->bx + b2 * 2 * D;
    for (size_t k = 0; k < 2 * D; k++)
        x1[k] = (wi * x1[k] + wj * x2[k]) / (wi + wj);
    s->nb--; /* drop b2 */
}

/* Actor i's best challenge and the bargain(s) it leads to. */
static void challenges_of(smp_t *s, size_t i)
{
    size_t n = s->n, best = SMP_NONE;
    double best_eu = -1.0, pbest = 0.0;
    perspective(s, i);
    for (size_t j = 0; j < n; j++) {
        double p, eu = j == i ? 0.0 : challenge(s, i, i, j, &p);
        if (j != i && 1e-5 < eu && best_eu < eu) {
            best = j;
            best_eu = eu;
            pbest = p;
        }
    }
    s->chal[i] = best;
    if (best == SMP_NONE)
        return;
    size_t b1 = add_bargain(s, i, best, pbest);
    if (s->o.bargain == PARLEY_SMP_BARGAIN_INITIATOR)
        return;
    double ignored;
    perspective(s, best);
    /* KTAB's "j's estimate of the probability that i defeats j" is in fact the
     * second value of its estimate: the expected gain to i. */
    double pj = challenge(s, i, i, best, &ignored);
    size_t b2 = add_bargain(s, i, best, pj);
    if (s->o.bargain == PARLEY_SMP_BARGAIN_PAIRWISE)
        pairwise(s, b1, b2);
}

/* Actor k's options in KTAB's queue order: the bargains offered to k by
 * earlier actors, its status quo (SMP_NONE), then the later bargains. */
static size_t options_of(smp_t *s, size_t k)
{
    size_t no = 0;
    int sq = 0;
    for (size_t b = 0; b < s->nb; b++) {
        if (!sq && s->bi[b] >= k) {
            s->opt[no++] = SMP_NONE;
            sq = 1;
        }
        if (s->bi[b] == k || s->bj[b] == k)
            s->opt[no++] = b;
    }
    if (!sq)
        s->opt[no++] = SMP_NONE;
    return no;
}

/* Mean utility to a of every position, with bargain b's two replaced. */
static double option_value(const smp_t *s, size_t a, size_t b)
{
    size_t n = s->n, D = s->D, i = b == SMP_NONE ? n : s->bi[b], j = b == SMP_NONE ? n : s->bj[b];
    double ra = s->R[a], sum = 0.0;
    if (b != SMP_NONE) {
        const double *sa = s->sal + a * D, *xa = s->x + a * D, *bx = s->bx + b * 2 * D;
        sum += parley__smp_util(parley__smp_dist(D, sa, xa, bx), ra);
        sum += parley__smp_util(parley__smp_dist(D, sa, xa, bx + D), ra);
    }
    const double *ua = s->ua + a * n;
    for (size_t m = 0; m < n; m++)
        if (m != i && m != j)
            sum += ua[m];
    return sum / (double)n;
}

/* Actor k's next position: its side of the bargain the election picks. */
static void resolve(smp_t *s, size_t k)
{
    size_t n = s->n, D = s->D, no = options_of(s, k);
    for (size_t a = 0; a < n; a++)
        for (size_t m = 0; m < no; m++)
            s->u[a * no + m] = option_value(s, a, s->opt[m]);
    parley__smp_pce(s, n, no, s->u, s->o.vote);
    size_t b = s->opt[parley__smp_choose(s, no)];
    s->took_i[k] = b == SMP_NONE ? SMP_NONE : s->bi[b];
    s->took_j[k] = b == SMP_NONE ? SMP_NONE : s->bj[b];
    const double *to = b == SMP_NONE ? s->x + k * D
                                     : s->bx + b * 2 * D + (s->bi[b] == k ? 0 : D);
    for (size_t d = 0; d < D; d++)
        s->nx[k * D + d] = to[d];
}

void parley__smp_bargain_turn(smp_t *s)
{
    s->nb = 0;
    for (size_t i = 0; i < s->n; i++)
        challenges_of(s, i);
    for (size_t k = 0; k < s->n; k++)
        resolve(s, k);
}
