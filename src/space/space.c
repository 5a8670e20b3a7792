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
#include "parley/utility.h"

#define MAX_GRID 1000u

void parley_space_options_init(parley_space_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->grid = 11;
}

static int64_t to_fixed(double v)
{
    return (int64_t)llround(v * PARLEY_SPACE_SCALE);
}

/* The positions of continuous issue j: the grid, plus the included one. */
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
    size_t n = sp->n, m = sp->m;
    sp->actors = parley__calloc(n, sizeof *sp->actors);
    sp->nopt = parley__calloc(m + 1, sizeof *sp->nopt);
    sp->start = parley__calloc(m + 1, sizeof *sp->start);
    sp->pos = parley__calloc(total + 1, sizeof *sp->pos);
    sp->contrib = parley__calloc(total * n + 1, sizeof *sp->contrib);
    sp->veto = parley__calloc(total * n + 1, 1);
    sp->batna = parley__calloc(n, sizeof *sp->batna);
    if (!sp->actors || !sp->nopt || !sp->start || !sp->pos || !sp->contrib || !sp->veto ||
        !sp->batna)
        return PARLEY_ENOMEM;
    return PARLEY_OK;
}

static void fill_issue(parley_space_t *sp, size_t j, const double *xs, size_t k)
{
    const parley_scenario_t *s = sp->s;
    size_t at = sp->start[j];
    for (size_t o = 0; o < k; o++) {
        sp->pos[at + o] = xs[o];
        for (size_t a = 0; a < sp->n; a++) {
            size_t i = sp->actors[a];
            double v = parley_scenario_weight(s, i, j) * parley_value(s, i, j, xs[o]);
            sp->contrib[(at + o) * sp->n + a] = to_fixed(v);
            sp->veto[(at + o) * sp->n + a] =
                (unsigned char)parley_crosses_red_line(s, i, j, xs[o]);
        }
    }
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
    sp->n = o->actors ? o->n_actors : parley_scenario_actor_count(s);
    sp->m = parley_scenario_issue_count(s);
    size_t total = 0;
    for (size_t j = 0; j < sp->m; j++) {
        const parley_issue_t *is = parley_scenario_issue(s, j);
        total += is->kind == PARLEY_ISSUE_DISCRETE ? is->n_options : o->grid + 1u;
    }
    if (alloc_space(sp, total)) {
        parley_space_destroy(sp);
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    for (size_t a = 0; a < sp->n; a++) {
        sp->actors[a] = o->actors ? o->actors[a] : a;
        sp->batna[a] = to_fixed(parley_scenario_actor(s, sp->actors[a])->batna);
    }
    double xs[MAX_GRID + 1];
    for (size_t j = 0; j < sp->m; j++) {
        const parley_issue_t *is = parley_scenario_issue(s, j);
        size_t k;
        if (is->kind == PARLEY_ISSUE_DISCRETE) {
            k = is->n_options;
            for (size_t q = 0; q < k; q++)
                xs[q] = (double)q;
        } else {
            double extra = o->include ? o->include[j] : PARLEY_OPEN;
            k = grid_points(is, o->grid, extra, xs);
        }
        sp->nopt[j] = k;
        sp->start[j + 1] = sp->start[j] + k;
        fill_issue(sp, j, xs, k);
    }
    parley__ok(ctx);
    *out = sp;
    return PARLEY_OK;
}

void parley_space_destroy(parley_space_t *sp)
{
    if (!sp)
        return;
    parley__free(sp->actors);
    parley__free(sp->nopt);
    parley__free(sp->start);
    parley__free(sp->pos);
    parley__free(sp->contrib);
    parley__free(sp->veto);
    parley__free(sp->batna);
    parley__free(sp);
}

const parley_scenario_t *parley_space_scenario(const parley_space_t *sp) { return sp->s; }
size_t parley_space_actor_count(const parley_space_t *sp) { return sp->n; }
size_t parley_space_issue_count(const parley_space_t *sp) { return sp->m; }
int64_t parley_space_batna(const parley_space_t *sp, size_t a) { return sp->batna[a]; }

size_t parley_space_actor(const parley_space_t *sp, size_t a)
{
    assert(a < sp->n);
    return sp->actors[a];
}

size_t parley_space_option_count(const parley_space_t *sp, size_t j)
{
    assert(j < sp->m);
    return sp->nopt[j];
}

double parley_space_position(const parley_space_t *sp, size_t j, size_t k)
{
    assert(j < sp->m && k < sp->nopt[j]);
    return sp->pos[sp->start[j] + k];
}

size_t parley_space_find_option(const parley_space_t *sp, size_t j, double x)
{
    for (size_t k = 0; k < sp->nopt[j]; k++)
        if (sp->pos[sp->start[j] + k] == x)
            return k;
    return (size_t)-1;
}

int64_t parley_space_contribution(const parley_space_t *sp, size_t j, size_t k, size_t a)
{
    return parley__contrib(sp, j, k)[a];
}

int parley_space_vetoed(const parley_space_t *sp, size_t j, size_t k, size_t a)
{
    return sp->veto[(sp->start[j] + k) * sp->n + a];
}

size_t parley_space_utilities(const parley_space_t *sp, const uint32_t *opt, int64_t *u)
{
    size_t crossed = 0;
    for (size_t a = 0; a < sp->n; a++)
        u[a] = 0;
    for (size_t j = 0; j < sp->m; j++) {
        const int64_t *c = parley__contrib(sp, j, opt[j]);
        for (size_t a = 0; a < sp->n; a++) {
            u[a] += c[a];
            crossed += sp->veto[(sp->start[j] + opt[j]) * sp->n + a];
        }
    }
    return crossed;
}

parley_status_t parley_space_outcomes(const parley_space_t *sp, char *buf, size_t cap)
{
    parley__big_t b;
    parley__big_init(&b);
    parley__big_set(&b, 1);
    for (size_t j = 0; j < sp->m; j++)
        parley__big_mul_small(&b, (uint32_t)sp->nopt[j]);
    parley_status_t st = b.failed ? PARLEY_ENOMEM
                                  : parley__big_str(&b, buf, cap) ? PARLEY_OK : PARLEY_ELIMIT;
    parley__big_free(&b);
    return st;
}

/* ---- Constraints resolved against the space. */

static int enforced(const parley_space_t *sp, const parley_constraints_t *c, size_t a, size_t j)
{
    return !c || !c->red || c->red[a * sp->m + j];
}

static parley_status_t resolve_issue(const parley_space_t *sp, const parley_constraints_t *c,
                                     size_t j, parley__rules_t *r)
{
    size_t n = sp->n, k = 0;
    r->allowed[j] = parley__calloc(sp->nopt[j] + 1, sizeof(uint32_t));
    if (!r->allowed[j])
        return PARLEY_ENOMEM;
    for (size_t o = 0; o < sp->nopt[j]; o++) {
        int ok = 1;
        for (size_t a = 0; a < n && ok; a++)
            if (sp->veto[(sp->start[j] + o) * n + a] && enforced(sp, c, a, j))
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
            int64_t hi = INT64_MIN, lo = INT64_MAX;
            for (size_t q = 0; q < r->nallowed[j]; q++) {
                int64_t v = parley__contrib(sp, j, r->allowed[j][q])[a];
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
