/*
 * space.c — discretises a scenario into a space of packages: the options
 * of each issue (a grid on continuous scales), their fixed-point
 * contribution to every actor's utility and the red lines they cross. Built
 * once per analysis; everything in src/space reads it in its inner loops.
 */
#include <assert.h>
#include <math.h>
#include <string.h>
#include "spaceint.h"
#include "../core/exact.h"
#include "parley/utility.h"

#define MAX_GRID 1000u

void parley_space_options_init(parley_space_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->grid = 11;
}

/* The positions of continuous issue j, exactly: the grid lo + (hi-lo)k/(g-1),
 * plus the included position. 0 when an end has no exact form. */
static int grid_exact(const parley_scenario_t *s, size_t j, unsigned grid, const double *extra,
                      parley__q_t *out, size_t *count)
{
    parley__q_t lo, hi, span, x, xe;
    int have_extra = extra && !isnan(*extra);
    if (!parley__exact_scale(s, j, &lo, &hi) || !parley__q_sub(hi, lo, &span) ||
        (have_extra && !parley__exact_of(s, extra, &xe)))
        return 0;
    size_t n = 0;
    for (unsigned k = 0; k < grid; k++) {
        parley__q_t t = {(parley__i128)k, (parley__i128)(grid - 1)};
        if (k + 1 == grid)
            x = hi;
        else if (!parley__q_mul(span, t, &x) || !parley__q_add(lo, x, &x))
            return 0;
        if (have_extra && parley__q_cmp(xe, x) < 0 &&
            (n == 0 || parley__q_cmp(out[n - 1], xe) < 0))
            out[n++] = xe;
        out[n++] = x;
    }
    *count = n;
    return 1;
}

/* The same in doubles, for a scale whose ends have no exact form. */
static size_t grid_points(const parley_issue_t *is, unsigned grid, double extra, double *out)
{
    size_t n = 0;
    for (unsigned k = 0; k < grid; k++) {
        double x = k + 1 == grid ? is->hi : is->lo + (is->hi - is->lo) * k / (grid - 1);
        if (!isnan(extra) && extra < x && (n == 0 || out[n - 1] < extra))
            out[n++] = extra;
        out[n++] = x;
    }
    return n;
}

static parley_status_t check_options(parley_ctx_t *ctx, const parley_scenario_t *s,
                                     const parley_space_options_t *o)
{
    if (o->joint_limit > ((uint64_t)1 << 20))
        return parley__fail(ctx, PARLEY_EARG, "the joint-position limit is at most 2^20");
    if (o->grid < 2 || o->grid > MAX_GRID)
        return parley__fail(ctx, PARLEY_EARG, "the grid must have 2 to %u points, not %u",
                            MAX_GRID, o->grid);
    if (o->actors) {
        if (o->n_actors == 0)
            return parley__fail(ctx, PARLEY_EARG, "no actors chosen");
        for (size_t a = 0; a < o->n_actors; a++) {
            if (o->actors[a] >= parley_scenario_actor_count(s))
                return parley__fail(ctx, PARLEY_EARG, "actor index %zu out of range",
                                    o->actors[a]);
            for (size_t b = 0; b < a; b++)
                if (o->actors[b] == o->actors[a])
                    return parley__fail(ctx, PARLEY_EARG, "actor '%s' chosen twice",
                                        parley_scenario_actor(s, o->actors[a])->id);
        }
    }
    return PARLEY_OK;
}

static parley_status_t alloc_space(parley_space_t *sp, size_t total)
{
    size_t n = sp->n, m = sp->mi, T = parley_scenario_term_count(sp->s);
    sp->actors = parley__calloc(n, sizeof *sp->actors);
    sp->inopt = parley__calloc(m + 1, sizeof *sp->inopt);
    sp->istart = parley__calloc(m + 1, sizeof *sp->istart);
    sp->pos = parley__calloc(total + 1, sizeof *sp->pos);
    sp->qpos = parley__calloc(total + 1, sizeof *sp->qpos);
    sp->qok = parley__calloc(m + 1, 1);
    sp->icontrib = parley__calloc(total * n + 1, sizeof *sp->icontrib);
    sp->iveto = parley__calloc(total * n + 1, 1);
    sp->batna = parley__calloc(n, sizeof *sp->batna);
    sp->scale = parley__calloc(n, sizeof *sp->scale);
    sp->tactor = parley__calloc(T + 1, sizeof *sp->tactor);
    sp->tval = parley__calloc(T + 1, sizeof *sp->tval);
    if (!sp->actors || !sp->inopt || !sp->istart || !sp->pos || !sp->qpos || !sp->qok ||
        !sp->icontrib || !sp->iveto || !sp->batna || !sp->scale || !sp->tactor || !sp->tval)
        return PARLEY_ENOMEM;
    return PARLEY_OK;
}

/* Largest denominator an actor's utilities may have: its utility sums stay
 * below 2^110, so sums over actors and the products the solutions compare
 * (in 256 bits) cannot overflow. */
#define MAX_SCALE ((parley__i128)1 << 110)
/* The rounding used where no exact form fits (docs/agreement-space.md). */
#define ROUND_SCALE ((parley__i128)1 << 100)

static parley__i128 lcm_capped(parley__i128 a, parley__i128 b)
{
    parley__i128 g = parley__i128_gcd(a, b), r;
    if (!parley__i128_mul(a / g, b, &r) || r > MAX_SCALE)
        return 0;
    return r;
}

/* The smallest whole number >= q * D, for q >= 0: q.n D / q.d is split as
 * q.n (D / q.d) + q.n (D % q.d) / q.d so that no product overflows when q
 * is at most 1 (BATNAs, reservations) and q.d < 2^63. */
static int ceil_times(parley__q_t q, parley__i128 D, parley_util_t *out)
{
    if (q.n < 0)
        return 0;
    parley__i128 whole = D / q.d, rest = D % q.d, a, b;
    if (!parley__i128_mul(q.n, whole, &a) || !parley__i128_mul(q.n, rest, &b))
        return 0;
    parley__i128 f = a + b / q.d + (b % q.d != 0);
    *out = f;
    return 1;
}

/* Actor a's contributions, BATNA and red lines exactly: c = w v / S over the
 * actor's smallest common denominator. 0 when something has no exact form
 * that fits; the caller then rounds. cq is scratch (one per option). */
static int actor_exact(parley_space_t *sp, size_t a, parley__q_t *cq)
{
    const parley_scenario_t *s = sp->s;
    size_t i = sp->actors[a], n = sp->n;
    parley__q_t S, w, v, b;
    if (!parley__exact_salience_sum(s, i, &S) || S.n <= 0 || !parley__exact_batna(s, i, &b))
        return 0;
    parley__i128 D = 1;
    for (size_t j = 0; j < sp->mi; j++) {
        if (!sp->qok[j] || !parley__exact_salience(s, i, j, &w) || !parley__q_div(w, S, &w))
            return 0;
        for (size_t o = sp->istart[j]; o < sp->istart[j + 1]; o++) {
            if (!parley__exact_value(s, i, j, sp->qpos[o], &v) || !parley__q_mul(w, v, &cq[o]) ||
                !(D = lcm_capped(D, cq[o].d)))
                return 0;
            sp->iveto[o * n + a] = (unsigned char)parley__exact_crosses(s, i, j, sp->qpos[o]);
        }
    }
    /* a term's share t / S joins the denominator like a weight times a value */
    size_t T = parley_scenario_term_count(s);
    parley__q_t *tq = cq + sp->istart[sp->mi];
    for (size_t k = 0; k < T; k++)
        if (sp->tactor[k] == a && (!parley__exact_term_weight(s, k, &tq[k]) ||
                                   !parley__q_div(tq[k], S, &tq[k]) ||
                                   !(D = lcm_capped(D, tq[k].d))))
            return 0;
    for (size_t o = 0; o < sp->istart[sp->mi]; o++)
        sp->icontrib[o * n + a] = cq[o].n * (D / cq[o].d);
    for (size_t k = 0; k < T; k++)
        if (sp->tactor[k] == a)
            sp->tval[k] = tq[k].n * (D / tq[k].d);
    sp->scale[a] = D;
    return ceil_times(b, D, &sp->batna[a]);
}

/* Where no exact form fits: contributions rounded to 2^-100. */
static void actor_rounded(parley_space_t *sp, size_t a)
{
    const parley_scenario_t *s = sp->s;
    size_t i = sp->actors[a], n = sp->n;
    for (size_t j = 0; j < sp->mi; j++)
        for (size_t o = sp->istart[j]; o < sp->istart[j + 1]; o++) {
            long double v = (long double)parley_scenario_weight(s, i, j) *
                            (long double)parley_value(s, i, j, sp->pos[o]);
            sp->icontrib[o * n + a] = (parley_util_t)llroundl(v * 0x1p62L) * ((parley_util_t)1 << 38);
            sp->iveto[o * n + a] = (unsigned char)parley_crosses_red_line(s, i, j, sp->pos[o]);
        }
    for (size_t k = 0; k < parley_scenario_term_count(s); k++)
        if (sp->tactor[k] == a)
            sp->tval[k] = (parley_util_t)llroundl((long double)parley_scenario_term_weight(s, k) *
                                                  0x1p62L) * ((parley_util_t)1 << 38);
    sp->scale[a] = ROUND_SCALE;
    long double b = (long double)parley_scenario_actor(s, i)->batna;
    sp->batna[a] = (parley_util_t)ceill(b * 0x1p62L) * ((parley_util_t)1 << 38);
    sp->exact = 0;
}

/* Puts every actor on one denominator when it fits, so that utilities of
 * different actors add and compare as whole numbers. */
static void common_scale(parley_space_t *sp)
{
    parley__i128 Q = 1;
    for (size_t a = 0; a < sp->n && Q; a++)
        Q = lcm_capped(Q, sp->scale[a]);
    sp->common = sp->n == 1;
    if (!Q || !sp->exact || sp->n == 1)
        return;
    parley_util_t *batna = parley__calloc(sp->n, sizeof *batna);
    if (!batna)
        return; /* scales stay per actor: still exact */
    for (size_t a = 0; a < sp->n; a++) {
        parley__q_t b;
        if (!parley__exact_batna(sp->s, sp->actors[a], &b) || !ceil_times(b, Q, &batna[a])) {
            parley__free(batna);
            return;
        }
    }
    size_t total = sp->istart[sp->mi];
    for (size_t a = 0; a < sp->n; a++) {
        parley__i128 k = Q / sp->scale[a];
        for (size_t o = 0; o < total; o++)
            sp->icontrib[o * sp->n + a] *= k;
        for (size_t t = 0; t < parley_scenario_term_count(sp->s); t++)
            if (sp->tactor[t] == a)
                sp->tval[t] *= k;
        sp->batna[a] = batna[a];
        sp->scale[a] = Q;
    }
    parley__free(batna);
    sp->common = 1;
}

static void fill_positions(parley_space_t *sp, size_t j, const double *extra)
{
    const parley_scenario_t *s = sp->s;
    const parley_issue_t *is = parley_scenario_issue(s, j);
    size_t at = sp->istart[j], k = sp->inopt[j];
    if (is->kind == PARLEY_ISSUE_DISCRETE) {
        for (size_t q = 0; q < k; q++) {
            sp->pos[at + q] = (double)q;
            sp->qpos[at + q] = parley__q_int((long long)q);
        }
        sp->qok[j] = 1;
        return;
    }
    size_t got = 0;
    sp->qok[j] = (unsigned char)grid_exact(s, j, sp->grid, extra, sp->qpos + at, &got);
    if (sp->qok[j] && got == k) {
        for (size_t q = 0; q < k; q++)
            sp->pos[at + q] = parley__q_double(sp->qpos[at + q]);
        return;
    }
    sp->qok[j] = 0;
    double xs[MAX_GRID + 1];
    (void)grid_points(is, sp->grid, extra ? *extra : PARLEY_OPEN, xs);
    memcpy(sp->pos + at, xs, k * sizeof *xs);
}

/* The number of positions of issue j (the grid plus an included position
 * between grid points). */
static size_t position_count(const parley_scenario_t *s, size_t j, unsigned grid,
                             const double *extra)
{
    const parley_issue_t *is = parley_scenario_issue(s, j);
    if (is->kind == PARLEY_ISSUE_DISCRETE)
        return is->n_options;
    double xs[MAX_GRID + 1];
    parley__q_t qs[MAX_GRID + 1];
    size_t got;
    if (grid_exact(s, j, grid, extra, qs, &got))
        return got;
    return grid_points(is, grid, extra ? *extra : PARLEY_OPEN, xs);
}

parley_status_t parley_space_create(parley_ctx_t *ctx, const parley_scenario_t *s,
                                    const parley_space_options_t *o, parley_space_t **out)
{
    parley_space_options_t def;
    if (!o) {
        parley_space_options_init(&def);
        o = &def;
    }
    parley_status_t st = check_options(ctx, s, o);
    if (st)
        return st;
    parley_space_t *sp = parley__calloc(1, sizeof *sp);
    if (!sp)
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    sp->s = s;
    sp->grid = o->grid;
    sp->exact = 1;
    sp->exact_only = o->exact_only;
    sp->joint_limit = o->joint_limit;
    sp->n = o->actors ? o->n_actors : parley_scenario_actor_count(s);
    sp->mi = parley_scenario_issue_count(s);
    size_t total = 0, T = parley_scenario_term_count(s);
    for (size_t j = 0; j < sp->mi; j++)
        total += position_count(s, j, o->grid, o->include ? &o->include[j] : NULL);
    parley__q_t *cq = parley__calloc(total + T + 1, sizeof *cq);
    if (!cq || alloc_space(sp, total)) {
        parley__free(cq);
        parley_space_destroy(sp);
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    for (size_t j = 0; j < sp->mi; j++) {
        const double *extra = o->include ? &o->include[j] : NULL;
        sp->inopt[j] = position_count(s, j, o->grid, extra);
        sp->istart[j + 1] = sp->istart[j] + sp->inopt[j];
        fill_positions(sp, j, extra);
    }
    for (size_t a = 0; a < sp->n; a++)
        sp->actors[a] = o->actors ? o->actors[a] : a;
    for (size_t k = 0; k < T; k++) {
        sp->tactor[k] = (size_t)-1;
        for (size_t a = 0; a < sp->n; a++)
            if (sp->actors[a] == parley_scenario_term(s, k)->actor)
                sp->tactor[k] = a;
    }
    for (size_t a = 0; a < sp->n; a++)
        if (!actor_exact(sp, a, cq))
            actor_rounded(sp, a);
    parley__free(cq);
    common_scale(sp);
    st = parley__items_build(ctx, sp);
    if (st) {
        parley_space_destroy(sp);
        return st;
    }
    parley__ok(ctx);
    *out = sp;
    return PARLEY_OK;
}

void parley_space_destroy(parley_space_t *sp)
{
    if (!sp)
        return;
    parley__items_free(sp);
    parley__free(sp->actors);
    parley__free(sp->inopt);
    parley__free(sp->istart);
    parley__free(sp->pos);
    parley__free(sp->qpos);
    parley__free(sp->qok);
    parley__free(sp->icontrib);
    parley__free(sp->iveto);
    parley__free(sp->tactor);
    parley__free(sp->tval);
    parley__free(sp->batna);
    parley__free(sp->scale);
    parley__free(sp);
}

const parley_scenario_t *parley_space_scenario(const parley_space_t *sp) { return sp->s; }
size_t parley_space_actor_count(const parley_space_t *sp) { return sp->n; }
size_t parley_space_issue_count(const parley_space_t *sp) { return sp->mi; }
parley_util_t parley_space_batna(const parley_space_t *sp, size_t a) { return sp->batna[a]; }
parley_util_t parley_space_scale(const parley_space_t *sp, size_t a) { return sp->scale[a]; }
int parley_space_common_scale(const parley_space_t *sp) { return sp->common; }
int parley_space_exact(const parley_space_t *sp) { return sp->exact; }

double parley_space_value(const parley_space_t *sp, size_t a, parley_util_t u)
{
    parley__q_t q;
    parley__i128 g = parley__i128_gcd(u, sp->scale[a]);
    if (g == 0)
        return 0.0;
    q.n = u / g;
    q.d = sp->scale[a] / g;
    return parley__q_double(q);
}

double parley_space_common_value(const parley_space_t *sp, parley_util_t v)
{
    if (sp->common && sp->n)
        return parley_space_value(sp, 0, v);
    return (double)((long double)v * 0x1p-100L);
}

parley_util_t parley_space_at_least(const parley_space_t *sp, size_t a, double x)
{
    parley__q_t q;
    parley_util_t r;
    if (parley__q_from_double(x, &q) && ceil_times(q, sp->scale[a], &r))
        return r;
    return (parley_util_t)ceill((long double)x * (long double)sp->scale[a]);
}

parley_util_t parley__common(const parley_space_t *sp, size_t a, parley_util_t u)
{
    if (sp->common)
        return u;
    return (parley_util_t)((long double)u / (long double)sp->scale[a] * 0x1p100L);
}

size_t parley_space_actor(const parley_space_t *sp, size_t a)
{
    assert(a < sp->n);
    return sp->actors[a];
}

size_t parley_space_option_count(const parley_space_t *sp, size_t j)
{
    assert(j < sp->mi);
    return sp->inopt[j];
}

double parley_space_position(const parley_space_t *sp, size_t j, size_t k)
{
    assert(j < sp->mi && k < sp->inopt[j]);
    return sp->pos[sp->istart[j] + k];
}

size_t parley_space_find_option(const parley_space_t *sp, size_t j, double x)
{
    for (size_t k = 0; k < sp->inopt[j]; k++)
        if (sp->pos[sp->istart[j] + k] == x)
            return k;
    return (size_t)-1;
}

parley_util_t parley_space_contribution(const parley_space_t *sp, size_t j, size_t k, size_t a)
{
    return sp->icontrib[(sp->istart[j] + k) * sp->n + a];
}

int parley_space_vetoed(const parley_space_t *sp, size_t j, size_t k, size_t a)
{
    return sp->iveto[(sp->istart[j] + k) * sp->n + a];
}

size_t parley_space_utilities(const parley_space_t *sp, const uint32_t *opt, parley_util_t *u)
{
    if (sp->big)
        return parley__big_utilities(sp, opt, u);
    size_t crossed = 0;
    for (size_t a = 0; a < sp->n; a++)
        u[a] = 0;
    for (size_t j = 0; j < sp->m; j++) {
        uint32_t o = parley__item_encode(sp, j, opt);
        if (o == UINT32_MAX)
            continue;
        const parley_util_t *c = parley__contrib(sp, j, o);
        for (size_t a = 0; a < sp->n; a++) {
            u[a] += c[a];
            crossed += sp->veto[(sp->start[j] + o) * sp->n + a] != 0;
        }
    }
    return crossed;
}

size_t parley_space_crossed(const parley_space_t *sp, const uint32_t *opt, size_t a)
{
    size_t k = 0;
    for (size_t i = 0; i < sp->mi; i++)
        if (opt[i] != UINT32_MAX)
            k += sp->iveto[(sp->istart[i] + opt[i]) * sp->n + a];
    for (size_t r = 0; sp->linked && r < parley_scenario_rule_count(sp->s); r++) {
        size_t found = parley_space_broken_rule(sp, sp->actors[a], opt, r);
        if (found == (size_t)-1)
            break;
        k++;
        r = found;
    }
    return k;
}

parley_status_t parley_space_outcomes(const parley_space_t *sp, char *buf, size_t cap)
{
    parley__big_t b;
    parley__big_init(&b);
    parley__big_set(&b, 1);
    for (size_t j = 0; j < sp->m; j++) {
        size_t k = sp->nopt[j]; /* with linkage: the joint positions breaking no constraint */
        if (sp->linked)
            for (size_t o = sp->start[j]; o < sp->start[j + 1]; o++)
                k -= sp->cbroken[o];
        parley__big_mul_small(&b, (uint32_t)k);
    }
    parley_status_t st = b.failed ? PARLEY_ENOMEM
                                  : parley__big_str(&b, buf, cap) ? PARLEY_OK : PARLEY_ELIMIT;
    parley__big_free(&b);
    return st;
}

/* ---- Constraints resolved against the space. */

static parley_status_t resolve_issue(const parley_space_t *sp, const parley_constraints_t *c,
                                     size_t j, parley__rules_t *r)
{
    size_t n = sp->n, k = 0;
    r->allowed[j] = parley__calloc(sp->nopt[j] + 1, sizeof(uint32_t));
    if (!r->allowed[j])
        return PARLEY_ENOMEM;
    for (size_t o = 0; o < sp->nopt[j]; o++) {
        int ok = !parley__item_forbidden(sp, c, j, (uint32_t)o);
        for (size_t a = 0; a < n && ok; a++)
            if (parley__item_blocked(sp, c, j, (uint32_t)o, a))
                ok = 0;
        if (ok)
            r->allowed[j][k++] = (uint32_t)o;
    }
    r->nallowed[j] = k;
    return PARLEY_OK;
}

static void fill_ranges(const parley_space_t *sp, parley__rules_t *r)
{
    size_t n = sp->n;
    for (size_t j = 0; j < sp->m; j++)
        for (size_t a = 0; a < n; a++) {
            parley_util_t hi = PARLEY_UTIL_MIN, lo = PARLEY_UTIL_MAX;
            for (size_t q = 0; q < r->nallowed[j]; q++) {
                parley_util_t v = parley__contrib(sp, j, r->allowed[j][q])[a];
                hi = v > hi ? v : hi;
                lo = v < lo ? v : lo;
            }
            r->ihi[j * n + a] = r->nallowed[j] ? hi : 0;
            r->ilo[j * n + a] = r->nallowed[j] ? lo : 0;
        }
    for (size_t j = sp->m; j-- > 0;)
        for (size_t a = 0; a < n; a++) {
            r->maxrem[j * n + a] = r->maxrem[(j + 1) * n + a] + r->ihi[j * n + a];
            r->minrem[j * n + a] = r->minrem[(j + 1) * n + a] + r->ilo[j * n + a];
        }
}

parley_status_t parley__rules_init(parley_ctx_t *ctx, const parley_space_t *sp,
                                   const parley_constraints_t *c, parley__rules_t *out)
{
    size_t n = sp->n, m = sp->m;
    parley__rules_t r;
    memset(&r, 0, sizeof r);
    r.r = parley__calloc(n, sizeof *r.r);
    r.nallowed = parley__calloc(m + 1, sizeof *r.nallowed);
    r.allowed = parley__calloc(m + 1, sizeof *r.allowed);
    r.maxrem = parley__calloc((m + 1) * n, sizeof *r.maxrem);
    r.minrem = parley__calloc((m + 1) * n, sizeof *r.minrem);
    r.ihi = parley__calloc(m * n + 1, sizeof *r.ihi);
    r.ilo = parley__calloc(m * n + 1, sizeof *r.ilo);
    int bad = !r.r || !r.nallowed || !r.allowed || !r.maxrem || !r.minrem || !r.ihi || !r.ilo;
    for (size_t j = 0; j < m && !bad; j++)
        bad = resolve_issue(sp, c, j, &r) != PARLEY_OK;
    if (bad) {
        parley__rules_free(&r, m);
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    for (size_t a = 0; a < n; a++)
        r.r[a] = c && c->reservation ? c->reservation[a] : sp->batna[a];
    fill_ranges(sp, &r);
    *out = r;
    return PARLEY_OK;
}

void parley__rules_free(parley__rules_t *r, size_t m)
{
    if (r->allowed)
        for (size_t j = 0; j < m; j++)
            parley__free(r->allowed[j]);
    parley__free(r->allowed);
    parley__free(r->nallowed);
    parley__free(r->r);
    parley__free(r->maxrem);
    parley__free(r->minrem);
    parley__free(r->ihi);
    parley__free(r->ilo);
    memset(r, 0, sizeof *r);
}
