/*
 * load_choice.c — a discrete distribution over words:
 * {dist: choice, options: [...], p: [...], value: OPTION, source: "..."}
 * where the simulation section takes a strategy, the protocol, the meeting
 * format or the mediator (docs/scenario-format.md, "Distributions"). The
 * caller's reader parses each option as the plain setting would be parsed,
 * so an unknown word gets the same located message.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "loader.h"

#define MAX_OPTIONS 64

int parley__lis_choice(const yt_node_t *n)
{
    const yt_node_t *d = n && n->kind == YT_MAP ? parley__lget(n, "dist") : NULL;
    return d && d->kind == YT_SCALAR && strcmp(d->str, "choice") == 0;
}

/* The probabilities: p[k] in [0,1], as many as options, summing to 1 within 1e-9. */
static parley_status_t read_p(loader_t *L, const yt_node_t *pn, const char *what, size_t n,
                              double *p)
{
    if (!pn) {
        for (size_t k = 0; k < n; k++)
            p[k] = 1.0 / (double)n;
        return PARLEY_OK;
    }
    char w[700];
    snprintf(w, sizeof w, "%s: 'p'", what);
    parley_status_t st = parley__lexpect(L, pn, YT_SEQ, w);
    if (st)
        return st;
    if (pn->n != n)
        return parley__lerr(L, pn, "%s has %zu probabilities for %zu options: give one per "
                                   "option, in the same order", w, pn->n, n);
    double sum = 0.0;
    for (size_t k = 0; k < n; k++) {
        if ((st = parley__lnumber(L, pn->items[k], w, &p[k], NULL, NULL)))
            return st;
        if (!(p[k] >= 0.0 && p[k] <= 1.0))
            return parley__lerr(L, pn->items[k], "%s: each probability must be in [0,1], got %s",
                                w, pn->items[k]->str);
        sum += p[k];
    }
    if (!(fabs(sum - 1.0) <= 1e-9))
        return parley__lerr(L, pn, "%s sums to %.10g: the probabilities must sum to 1", w, sum);
    return PARLEY_OK;
}

parley_status_t parley__lchoice(loader_t *L, const yt_node_t *n, const char *what,
                                const char *path, parley__choice_what_t kind, size_t actor,
                                parley__choice_read_t read, void *arg, size_t *base)
{
    static const char *const keys[] = {"dist", "options", "p", "value", "source", NULL};
    char w[600];
    snprintf(w, sizeof w, "%s: choice", what);
    parley_status_t st = parley__lkeys(L, n, keys, w);
    if (st)
        return st;
    const yt_node_t *on = parley__lget(n, "options"), *vn = parley__lget(n, "value");
    if (!on || on->kind != YT_SEQ || on->n < 2)
        return parley__lerr(L, on ? on : n, "%s needs 'options': a list of at least two",
                            w);
    if (on->n > MAX_OPTIONS)
        return parley__lerr(L, on, "%s: %zu options: the limit is %d", w, on->n, MAX_OPTIONS);
    size_t m = on->n, before = L->s->n_unc;
    /* option m holds the `value`, read the same way and matched by name */
    parley__choice_t *c = parley__choice_new(L->s, kind, actor, m + 1);
    const char **names = parley__arena_array(&L->s->arena, m + 1, sizeof *names);
    double *p = parley__arena_array(&L->s->arena, m, sizeof *p);
    if (!c || !names || !p)
        return parley__fail(L->ctx, PARLEY_ENOMEM, "%s: out of memory", L->name);
    for (size_t k = 0; k < m; k++) {
        if ((st = read(L, on->items[k], c, k, &names[k], arg)))
            return st;
        if (L->s->n_unc != before)
            return parley__lerr(L, on->items[k], "%s: an option cannot hold a distribution "
                                                 "(write each variant as its own option)", w);
        for (size_t q = 0; q < k; q++)
            if (strcmp(names[q], names[k]) == 0)
                return parley__lerr(L, on->items[k], "%s: option '%.60s' is listed twice", w,
                                    names[k]);
    }
    const char *src;
    if ((st = read_p(L, parley__lget(n, "p"), w, m, p)) ||
        (st = parley__lopt_string(L, n, "source", w, &src)))
        return st;
    size_t at = 0;
    for (size_t k = 1; k < m; k++) /* the most likely option, the first on ties */
        if (p[k] > p[at])
            at = k;
    if (vn) {
        char wv[700];
        snprintf(wv, sizeof wv, "%s: 'value'", w);
        if ((st = read(L, vn, c, m, &names[m], arg)))
            return st;
        if (L->s->n_unc != before)
            return parley__lerr(L, vn, "%s cannot be a distribution", wv);
        for (at = 0; at < m && strcmp(names[at], names[m]) != 0; at++)
            ;
        if (at == m)
            return parley__lerr(L, vn, "%s '%.60s' is not one of the options", wv, names[m]);
    }
    c->n = m;
    parley_uncertain_t u = {.label = what, .path = path, .line = n->line, .col = n->col,
                            .a = 0.0, .b = (double)(m - 1), .base = (double)at,
                            .n_options = m, .options = names, .p = p};
    if ((st = parley__scenario_add_choice(L->ctx, L->s, &u, c)))
        return st;
    parley__choice_apply(L->s, c, at);
    *base = at;
    return PARLEY_OK;
}
