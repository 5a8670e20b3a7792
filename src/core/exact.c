/*
 * exact.c — exact rationals in 128 bits (exact.h), the loader's record of
 * the numbers it read, and the exact value of a position to an actor: the
 * same formulas as utility.c (docs/scenario-format.md), without rounding.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "exact.h"
#include "parley/utility.h"

typedef parley__i128 i128;
typedef parley__u128 u128;
typedef parley__q_t q_t;

#define I128_MAX PARLEY__I128_MAX

static u128 uabs(i128 v)
{
    return v < 0 ? (u128)0 - (u128)v : (u128)v;
}

int parley__i128_mul(i128 a, i128 b, i128 *out)
{
    if (a == 0 || b == 0) {
        *out = 0;
        return 1;
    }
    u128 ua = uabs(a), ub = uabs(b);
    if (ua > (u128)I128_MAX / ub)
        return 0;
    u128 p = ua * ub;
    *out = ((a < 0) != (b < 0)) ? -(i128)p : (i128)p;
    return 1;
}

int parley__i128_add(i128 a, i128 b, i128 *out)
{
    if ((b > 0 && a > I128_MAX - b) || (b < 0 && a < -I128_MAX - b))
        return 0;
    *out = a + b;
    return 1;
}

parley__i128 parley__i128_gcd(i128 a, i128 b)
{
    u128 x = uabs(a), y = uabs(b);
    while (y) {
        u128 t = x % y;
        x = y;
        y = t;
    }
    return (i128)x;
}

/* a * b as 256 bits: *hi, *lo. */
static void mul256(u128 a, u128 b, u128 *hi, u128 *lo)
{
    const u128 M = (u128)UINT64_MAX;
    u128 a0 = a & M, a1 = a >> 64, b0 = b & M, b1 = b >> 64;
    u128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    u128 mid = (p00 >> 64) + (p01 & M) + (p10 & M);
    *lo = (p00 & M) | (mid << 64);
    *hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
}

int parley__i128_cmp_prod(i128 a, i128 b, i128 c, i128 d)
{
    int sl = (a == 0 || b == 0) ? 0 : ((a < 0) != (b < 0) ? -1 : 1);
    int sr = (c == 0 || d == 0) ? 0 : ((c < 0) != (d < 0) ? -1 : 1);
    if (sl != sr)
        return sl > sr ? 1 : -1;
    if (sl == 0)
        return 0;
    u128 h1, l1, h2, l2;
    mul256(uabs(a), uabs(b), &h1, &l1);
    mul256(uabs(c), uabs(d), &h2, &l2);
    int mag = h1 != h2 ? (h1 > h2 ? 1 : -1) : l1 != l2 ? (l1 > l2 ? 1 : -1) : 0;
    return sl > 0 ? mag : -mag;
}

void parley__i128_str(i128 v, char *buf)
{
    char tmp[48];
    size_t n = 0;
    u128 u = uabs(v);
    do {
        tmp[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    size_t k = 0;
    if (v < 0)
        buf[k++] = '-';
    while (n)
        buf[k++] = tmp[--n];
    buf[k] = '\0';
}

static int q_make(i128 n, i128 d, q_t *out)
{
    if (d == 0)
        return 0;
    if (d < 0) {
        if (n == -I128_MAX - 1 || d == -I128_MAX - 1)
            return 0;
        n = -n;
        d = -d;
    }
    i128 g = parley__i128_gcd(n, d);
    if (g > 1) {
        n /= g;
        d /= g;
    }
    out->n = n;
    out->d = d;
    return 1;
}

int parley__q_mul(q_t a, q_t b, q_t *out)
{
    /* cross-reduce first so that products stay small */
    i128 g1 = parley__i128_gcd(a.n, b.d), g2 = parley__i128_gcd(b.n, a.d);
    if (g1 > 1) {
        a.n /= g1;
        b.d /= g1;
    }
    if (g2 > 1) {
        b.n /= g2;
        a.d /= g2;
    }
    i128 n, d;
    if (!parley__i128_mul(a.n, b.n, &n) || !parley__i128_mul(a.d, b.d, &d))
        return 0;
    return q_make(n, d, out);
}

int parley__q_div(q_t a, q_t b, q_t *out)
{
    if (b.n == 0)
        return 0;
    q_t inv;
    if (!q_make(b.d, b.n, &inv))
        return 0;
    return parley__q_mul(a, inv, out);
}

int parley__q_add(q_t a, q_t b, q_t *out)
{
    i128 g = parley__i128_gcd(a.d, b.d);
    i128 da = a.d / g, db = b.d / g;
    i128 x, y, n, d;
    if (!parley__i128_mul(a.n, db, &x) || !parley__i128_mul(b.n, da, &y) ||
        !parley__i128_add(x, y, &n) || !parley__i128_mul(a.d, db, &d))
        return 0;
    return q_make(n, d, out);
}

int parley__q_sub(q_t a, q_t b, q_t *out)
{
    if (b.n == -I128_MAX - 1)
        return 0;
    b.n = -b.n;
    return parley__q_add(a, b, out);
}

int parley__q_cmp(q_t a, q_t b)
{
    return parley__i128_cmp_prod(a.n, b.d, b.n, a.d);
}

double parley__q_double(q_t q)
{
    const i128 lim = (i128)1 << 53;
    if (q.n > -lim && q.n < lim && q.d < lim)
        return (double)q.n / (double)q.d;
    return (double)((long double)q.n / (long double)q.d);
}

/* 10^k for k <= 38. */
static int pow10_ok(int k, i128 *out)
{
    i128 p = 1;
    for (int i = 0; i < k; i++)
        if (!parley__i128_mul(p, 10, &p))
            return 0;
    *out = p;
    return 1;
}

static int whole(const char **ps, i128 *out)
{
    const char *p = *ps;
    i128 v = 0;
    int digits = 0;
    for (; (*p >= '0' && *p <= '9') || (*p == '_' && digits && p[1] >= '0' && p[1] <= '9'); p++) {
        if (*p == '_')
            continue;
        if (!parley__i128_mul(v, 10, &v) || !parley__i128_add(v, *p - '0', &v))
            return 0;
        digits++;
    }
    *ps = p;
    *out = v;
    return digits > 0;
}

int parley__q_parse(const char *s, q_t *out)
{
    const char *p = s;
    int neg = 0;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    const char *slash = strchr(p, '/');
    if (slash) { /* p/q */
        i128 a, b;
        if (!whole(&p, &a) || p != slash)
            return 0;
        p++;
        if (!whole(&p, &b) || *p || b == 0)
            return 0;
        return q_make(neg ? -a : a, b, out);
    }
    i128 v = 0;
    int digits = 0, frac = 0, dot = 0;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (v == 0 && *p == '0') { /* leading zeros add nothing */
                digits++;
                frac += dot;
                continue;
            }
            if (!parley__i128_mul(v, 10, &v) || !parley__i128_add(v, *p - '0', &v))
                return 0;
            digits++;
            frac += dot;
        } else if (*p == '_' && digits && !dot && p[1] >= '0' && p[1] <= '9') {
            continue;
        } else if (*p == '.' && !dot) {
            dot = 1;
        } else {
            break;
        }
    }
    if (!digits)
        return 0;
    long e = 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        int eneg = 0;
        if (*p == '+' || *p == '-')
            eneg = *p++ == '-';
        int ed = 0;
        for (; *p >= '0' && *p <= '9'; p++, ed++)
            if (e < 100000)
                e = e * 10 + (*p - '0');
        if (!ed)
            return 0;
        if (eneg)
            e = -e;
    }
    if (*p)
        return 0;
    e -= frac;
    if (v == 0)
        return q_make(0, 1, out);
    i128 scale;
    if (e > 38 || e < -38 || !pow10_ok((int)(e < 0 ? -e : e), &scale))
        return 0;
    if (e >= 0) {
        if (!parley__i128_mul(v, scale, &v))
            return 0;
        return q_make(neg ? -v : v, 1, out);
    }
    return q_make(neg ? -v : v, scale, out);
}

int parley__q_from_double(double v, q_t *out)
{
    if (!isfinite(v))
        return 0;
    char buf[32];
    parley_format_number(v, buf);
    return parley__q_parse(buf, out);
}

/* ---- The loader's record: an open-addressing table keyed by address. */
typedef struct xent {
    const double *at;
    double v;
    q_t q;
} xent_t;

struct parley__xmap {
    xent_t *e;
    size_t cap, n;
};

static size_t slot(const double *at, size_t cap)
{
    uint64_t h = (uint64_t)(uintptr_t)at * 0x9e3779b97f4a7c15ULL;
    return (size_t)(h >> 20) & (cap - 1);
}

static int xmap_grow(struct parley__xmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 256;
    xent_t *e = parley__calloc(cap, sizeof *e);
    if (!e)
        return 0;
    for (size_t k = 0; k < m->cap; k++) {
        if (!m->e[k].at)
            continue;
        size_t h = slot(m->e[k].at, cap);
        while (e[h].at)
            h = (h + 1) & (cap - 1);
        e[h] = m->e[k];
    }
    parley__free(m->e);
    m->e = e;
    m->cap = cap;
    return 1;
}

parley_status_t parley__exact_note(parley_scenario_t *s, const double *at, const char *text)
{
    q_t q;
    if (!parley__q_parse(text, &q))
        return PARLEY_OK; /* no exact form: the double's shortest decimal stands in */
    if (!s->xm && !(s->xm = parley__calloc(1, sizeof *s->xm)))
        return PARLEY_ENOMEM;
    struct parley__xmap *m = s->xm;
    if ((m->n + 1) * 2 > m->cap && !xmap_grow(m))
        return PARLEY_ENOMEM;
    size_t h = slot(at, m->cap);
    while (m->e[h].at && m->e[h].at != at)
        h = (h + 1) & (m->cap - 1);
    if (!m->e[h].at)
        m->n++;
    m->e[h].at = at;
    m->e[h].v = *at;
    m->e[h].q = q;
    return PARLEY_OK;
}

int parley__exact_of(const parley_scenario_t *s, const double *at, q_t *out)
{
    const struct parley__xmap *m = s ? s->xm : NULL;
    if (m && m->cap) {
        size_t h = slot(at, m->cap);
        for (; m->e[h].at; h = (h + 1) & (m->cap - 1))
            if (m->e[h].at == at) {
                if (m->e[h].v == *at) { /* still the number read */
                    *out = m->e[h].q;
                    return 1;
                }
                break;
            }
    }
    return parley__q_from_double(*at, out);
}

void parley__exact_free(parley_scenario_t *s)
{
    if (s->xm) {
        parley__free(s->xm->e);
        parley__free(s->xm);
        s->xm = NULL;
    }
}

/* ---- Exact values (utility.c's formulas). */
static const q_t Q0 = {0, 1}, Q1 = {1, 1};

static int q_abs(q_t a, q_t *out)
{
    if (a.n < 0) {
        if (a.n == -I128_MAX - 1)
            return 0;
        a.n = -a.n;
    }
    *out = a;
    return 1;
}

static int ideal_value(const parley_scenario_t *s, const parley_issue_t *is,
                       const parley_stance_t *st, q_t x, q_t *v)
{
    q_t lo, hi, id, a, b, reach, d;
    if (!parley__exact_of(s, &is->lo, &lo) || !parley__exact_of(s, &is->hi, &hi) ||
        !parley__exact_of(s, &st->ideal, &id) || !parley__q_sub(id, lo, &a) ||
        !parley__q_sub(hi, id, &b))
        return 0;
    reach = parley__q_cmp(a, b) >= 0 ? a : b;
    if (reach.n <= 0) {
        *v = Q1;
        return 1;
    }
    if (!parley__q_sub(x, id, &d) || !q_abs(d, &d) || !parley__q_div(d, reach, &d))
        return 0;
    double e = st->exponent;
    if (e != 1.0) { /* an exact power only for a small whole exponent */
        if (e != floor(e) || e < 1.0 || e > 16.0)
            return 0;
        q_t p = d;
        for (int k = 1; k < (int)e; k++)
            if (!parley__q_mul(p, d, &p))
                return 0;
        d = p;
    }
    if (!parley__q_sub(Q1, d, v))
        return 0;
    if (parley__q_cmp(*v, Q0) < 0)
        *v = Q0;
    return 1;
}

static int points_value(const parley_scenario_t *s, const parley_stance_t *st, q_t x, q_t *v)
{
    size_t n = st->n_points;
    q_t x0, x1, v0, v1, t, dv;
    if (!parley__exact_of(s, &st->px[0], &x0) || !parley__exact_of(s, &st->px[n - 1], &x1))
        return 0;
    if (parley__q_cmp(x, x0) <= 0)
        return parley__exact_of(s, &st->pv[0], v);
    if (parley__q_cmp(x, x1) >= 0)
        return parley__exact_of(s, &st->pv[n - 1], v);
    size_t k = 1;
    for (;; k++) {
        if (!parley__exact_of(s, &st->px[k], &x1))
            return 0;
        if (parley__q_cmp(x1, x) >= 0)
            break;
    }
    if (!parley__exact_of(s, &st->px[k - 1], &x0) || !parley__exact_of(s, &st->pv[k - 1], &v0) ||
        !parley__exact_of(s, &st->pv[k], &v1))
        return 0;
    q_t num, den;
    return parley__q_sub(x, x0, &num) && parley__q_sub(x1, x0, &den) &&
           parley__q_div(num, den, &t) && parley__q_sub(v1, v0, &dv) &&
           parley__q_mul(t, dv, &dv) && parley__q_add(v0, dv, v);
}

int parley__exact_value(const parley_scenario_t *s, size_t i, size_t j, q_t x, q_t *v)
{
    return parley__exact_stance_value(s, j, parley_scenario_stance(s, i, j), x, v);
}

int parley__exact_stance_value(const parley_scenario_t *s, size_t j, const parley_stance_t *st,
                               q_t x, q_t *v)
{
    const parley_issue_t *is = parley_scenario_issue(s, j);
    if (st->form == PARLEY_VALUE_NONE) {
        *v = Q0;
        return 1;
    }
    if (is->kind == PARLEY_ISSUE_DISCRETE) {
        if (x.d != 1 || x.n < 0 || x.n >= (i128)is->n_options)
            return 0;
        size_t k = (size_t)x.n;
        if (st->form == PARLEY_VALUE_IDEAL) { /* 1 - |k - k*| / max(k*, n-1-k*) */
            size_t c = (size_t)st->ideal, n = is->n_options;
            size_t far = c > n - 1 - c ? c : n - 1 - c;
            if (far == 0) {
                *v = Q1;
                return 1;
            }
            q_t d = {(i128)(k > c ? k - c : c - k), (i128)far};
            return q_make(d.n, d.d, &d) && parley__q_sub(Q1, d, v);
        }
        return parley__exact_of(s, &st->table[k], v);
    }
    switch (st->form) {
    case PARLEY_VALUE_IDEAL: return ideal_value(s, is, st, x, v);
    case PARLEY_VALUE_POINTS: return points_value(s, st, x, v);
    default: *v = Q0; return 1;
    }
}

int parley__exact_crosses(const parley_scenario_t *s, size_t i, size_t j, q_t x)
{
    return parley__exact_stance_crosses(s, j, parley_scenario_stance(s, i, j), x);
}

int parley__exact_stance_crosses(const parley_scenario_t *s, size_t j, const parley_stance_t *st,
                                 q_t x)
{
    if (!st->has_red_line)
        return 0;
    if (parley_scenario_issue(s, j)->kind == PARLEY_ISSUE_DISCRETE)
        return x.d == 1 && x.n >= 0 && st->red_options[(size_t)x.n] != 0;
    q_t t;
    if (isfinite(st->red_below)) {
        if (!parley__exact_of(s, &st->red_below, &t))
            return parley__q_double(x) < st->red_below;
        if (parley__q_cmp(x, t) < 0)
            return 1;
    }
    if (isfinite(st->red_above)) {
        if (!parley__exact_of(s, &st->red_above, &t))
            return parley__q_double(x) > st->red_above;
        if (parley__q_cmp(x, t) > 0)
            return 1;
    }
    return 0;
}

int parley__exact_salience(const parley_scenario_t *s, size_t i, size_t j, q_t *out)
{
    return parley__exact_of(s, &parley_scenario_stance(s, i, j)->salience, out);
}

int parley__exact_salience_sum(const parley_scenario_t *s, size_t i, q_t *out)
{
    q_t t = Q0, x;
    for (size_t j = 0; j < parley_scenario_issue_count(s); j++)
        if (!parley__exact_salience(s, i, j, &x) || !parley__q_add(t, x, &t))
            return 0;
    for (size_t k = 0; k < parley_scenario_term_count(s); k++)
        if (parley_scenario_term(s, k)->actor == i &&
            (!parley__exact_term_weight(s, k, &x) || !parley__q_add(t, x, &t)))
            return 0;
    *out = t;
    return 1;
}

int parley__exact_term_weight(const parley_scenario_t *s, size_t k, q_t *out)
{
    return parley__exact_of(s, &parley_scenario_term(s, k)->weight, out);
}

/* Whether x lies beyond the bound at `at` (below it when lower, above it
 * when not), the bound itself counting as inside unless `open`. */
static int beyond(const parley_scenario_t *s, const double *at, int open, int lower, q_t x)
{
    q_t b;
    int c;
    if (!isfinite(*at))
        return 0;
    if (parley__exact_of(s, at, &b))
        c = parley__q_cmp(x, b);
    else {
        double d = parley__q_double(x);
        c = d < *at ? -1 : d > *at ? 1 : 0;
    }
    return lower ? (open ? c <= 0 : c < 0) : (open ? c >= 0 : c > 0);
}

int parley__exact_condition(const parley_scenario_t *s, const parley_condition_t *c, q_t x)
{
    int in;
    if (parley_scenario_issue(s, c->issue)->kind == PARLEY_ISSUE_DISCRETE)
        in = x.d == 1 && x.n >= 0 && x.n < 64 && ((c->options >> (unsigned)x.n) & 1ull) != 0;
    else
        in = !beyond(s, &c->lo, c->lo_open, 1, x) && !beyond(s, &c->hi, c->hi_open, 0, x);
    return c->negate ? !in : in;
}

int parley__exact_batna(const parley_scenario_t *s, size_t i, q_t *out)
{
    return parley__exact_of(s, &parley_scenario_actor(s, i)->batna, out);
}

int parley__exact_scale(const parley_scenario_t *s, size_t j, q_t *lo, q_t *hi)
{
    const parley_issue_t *is = parley_scenario_issue(s, j);
    return parley__exact_of(s, &is->lo, lo) && parley__exact_of(s, &is->hi, hi);
}

int parley__exact_utility(const parley_scenario_t *s, size_t i, const double *pkg,
                          parley__q_t *out)
{
    parley__q_t S, u = {0, 1}, w, v, x;
    if (!parley__exact_salience_sum(s, i, &S) || S.n <= 0)
        return 0;
    for (size_t j = 0; j < parley_scenario_issue_count(s); j++) {
        if (parley_scenario_stance(s, i, j)->form == PARLEY_VALUE_NONE)
            continue;
        if (!parley__exact_of(s, &pkg[j], &x) || !parley__exact_salience(s, i, j, &w) ||
            !parley__exact_value(s, i, j, x, &v) || !parley__q_mul(w, v, &v) ||
            !parley__q_add(u, v, &u))
            return 0;
    }
    for (size_t k = 0; k < parley_scenario_term_count(s); k++) {
        const parley_term_t *t = parley_scenario_term(s, k);
        if (t->actor != i)
            continue;
        int h = parley_combination_holds(s, &t->when, pkg);
        if ((h == 1) == (t->penalty != 0))
            continue; /* it does not pay */
        if (!parley__exact_term_weight(s, k, &w) || !parley__q_add(u, w, &u))
            return 0;
    }
    return parley__q_div(u, S, out);
}
