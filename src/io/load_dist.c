/*
 * load_dist.c — numbers that may be written as distributions:
 * {dist: uniform|triangular|normal|beta, ...}. The scenario keeps the point
 * estimate (`value`, or the distribution's mode / mean) and records the
 * distribution as an uncertain input for Monte Carlo and sensitivity runs.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "loader.h"

typedef struct dist_spec {
    const char *name;
    parley_dist_kind_t kind;
    const char *const *keys;
} dist_spec_t;

static const char *const UNIFORM_KEYS[] = {"dist", "value", "source", "min", "max", NULL};
static const char *const TRI_KEYS[] = {"dist", "value", "source", "min", "mode", "max", NULL};
static const char *const NORMAL_KEYS[] = {"dist", "value", "source", "mean", "sd",
                                          "min", "max", NULL};
static const char *const BETA_KEYS[] = {"dist", "value", "source", "alpha", "beta",
                                        "min", "max", NULL};
static const dist_spec_t DISTS[] = {
    {"uniform", PARLEY_DIST_UNIFORM, UNIFORM_KEYS},
    {"triangular", PARLEY_DIST_TRIANGULAR, TRI_KEYS},
    {"normal", PARLEY_DIST_NORMAL, NORMAL_KEYS},
    {"beta", PARLEY_DIST_BETA, BETA_KEYS},
};

/* A required or optional number key of a distribution mapping. */
static parley_status_t dnum(loader_t *L, const yt_node_t *map, const char *key, const char *what,
                            int required, double dflt, double *out)
{
    const yt_node_t *n = parley__lget(map, key);
    if (!n) {
        if (required)
            return parley__lerr(L, map, "%s: this distribution needs '%s'", what, key);
        *out = dflt;
        return PARLEY_OK;
    }
    char w[600];
    snprintf(w, sizeof w, "%s: %s", what, key);
    parley_status_t st = parley__lnumber(L, n, w, out, NULL, NULL);
    if (st)
        return st;
    if (!isfinite(*out))
        return parley__lerr(L, n, "%s must be finite, got '%.60s'", w, n->str);
    return PARLEY_OK;
}

static const dist_spec_t *find_dist(const char *name)
{
    for (size_t k = 0; k < sizeof DISTS / sizeof DISTS[0]; k++)
        if (strcmp(DISTS[k].name, name) == 0)
            return &DISTS[k];
    return NULL;
}

/* Reads the parameters into u (support a..b, c, d) and the default base. */
static parley_status_t read_params(loader_t *L, const yt_node_t *n, const dist_spec_t *ds,
                                   const char *what, double lo, double hi,
                                   parley_uncertain_t *u, double *base)
{
    parley_status_t st;
    u->dist = ds->kind;
    const yt_node_t *at = n;
    switch (ds->kind) {
    case PARLEY_DIST_UNIFORM:
        if ((st = dnum(L, n, "min", what, 1, 0, &u->a)) || (st = dnum(L, n, "max", what, 1, 0, &u->b)))
            return st;
        *base = 0.5 * (u->a + u->b);
        break;
    case PARLEY_DIST_TRIANGULAR:
        if ((st = dnum(L, n, "min", what, 1, 0, &u->a)) ||
            (st = dnum(L, n, "mode", what, 1, 0, &u->c)) ||
            (st = dnum(L, n, "max", what, 1, 0, &u->b)))
            return st;
        if (u->c < u->a || u->c > u->b)
            return parley__lerr(L, parley__lget(n, "mode"), "%s: 'mode' %g is outside [min, max]",
                                what, u->c);
        *base = u->c;
        break;
    case PARLEY_DIST_NORMAL:
        if ((st = dnum(L, n, "mean", what, 1, 0, &u->c)) ||
            (st = dnum(L, n, "sd", what, 1, 0, &u->d)) ||
            (st = dnum(L, n, "min", what, 0, lo, &u->a)) ||
            (st = dnum(L, n, "max", what, 0, hi, &u->b)))
            return st;
        if (!(u->d > 0.0))
            return parley__lerr(L, parley__lget(n, "sd"), "%s: 'sd' must be > 0, got %g", what,
                                u->d);
        if (u->c < u->a || u->c > u->b)
            return parley__lerr(L, parley__lget(n, "mean"),
                                "%s: 'mean' %g is outside the truncation [%g, %g]", what, u->c,
                                u->a, u->b);
        *base = u->c;
        break;
    case PARLEY_DIST_BETA:
        if ((st = dnum(L, n, "alpha", what, 1, 0, &u->c)) ||
            (st = dnum(L, n, "beta", what, 1, 0, &u->d)) ||
            (st = dnum(L, n, "min", what, 0, lo, &u->a)) ||
            (st = dnum(L, n, "max", what, 0, hi, &u->b)))
            return st;
        if (!(u->c > 0.0) || !(u->d > 0.0))
            return parley__lerr(L, n, "%s: 'alpha' and 'beta' must be > 0", what);
        *base = u->a + (u->b - u->a) * u->c / (u->c + u->d);
        break;
    case PARLEY_DIST_CHOICE: /* words only: load_choice.c; refused before */
        break;
    }
    if (!isfinite(u->a) || !isfinite(u->b))
        return parley__lerr(L, n, "%s: give a finite 'min' and 'max' for this distribution", what);
    if (!(u->a < u->b))
        return parley__lerr(L, at, "%s: 'min' must be below 'max', got %g and %g", what, u->a, u->b);
    if (u->a < lo || u->b > hi)
        return parley__lerr(L, at, "%s: the distribution's range [%g, %g] leaves the allowed "
                                   "range [%g, %g]", what, u->a, u->b, lo, hi);
    return PARLEY_OK;
}

parley_status_t parley__lnumber_u(loader_t *L, const yt_node_t *n, const char *what,
                                  const char *path, double lo, double hi, double *out,
                                  const char **source, const yt_node_t **at)
{
    const yt_node_t *dn = n->kind == YT_MAP ? parley__lget(n, "dist") : NULL;
    if (!dn)
        return parley__lnumber(L, n, what, out, source, at);
    parley_status_t st;
    if ((st = parley__lexpect(L, dn, YT_SCALAR, "'dist'")))
        return st;
    const dist_spec_t *ds = find_dist(dn->str);
    if (!ds && strcmp(dn->str, "choice") == 0)
        return parley__lerr(L, dn, "%s: a choice is for words (a strategy, the protocol, the "
                                   "meeting, the mediator); a number takes uniform, triangular, "
                                   "normal or beta", what);
    if (!ds)
        return parley__lerr(L, dn, "%s: unknown distribution '%.60s' (uniform, triangular, "
                                   "normal or beta)", what, dn->str);
    char w[600];
    snprintf(w, sizeof w, "%s: %s distribution", what, ds->name);
    if ((st = parley__lkeys(L, n, ds->keys, w)))
        return st;
    parley_uncertain_t u = {.label = what, .path = path, .line = n->line, .col = n->col};
    double base;
    if ((st = read_params(L, n, ds, w, lo, hi, &u, &base)))
        return st;
    const yt_node_t *vn = parley__lget(n, "value");
    if (vn) {
        char wv[640];
        snprintf(wv, sizeof wv, "%s: value", w);
        if ((st = parley__lnumber(L, vn, wv, &base, NULL, NULL)))
            return st;
        if (base < u.a || base > u.b)
            return parley__lerr(L, vn, "%s %g is outside the distribution's range [%g, %g]", wv,
                                base, u.a, u.b);
    }
    if (source && (st = parley__lopt_string(L, n, "source", what, source)))
        return st;
    u.base = base;
    *out = base;
    if (at)
        *at = vn ? vn : dn;
    return parley__scenario_add_uncertain(L->ctx, L->s, &u, out);
}
