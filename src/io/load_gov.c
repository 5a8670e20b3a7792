/*
 * load_gov.c — a simulation event's `government:`: a change of government
 * of one actor (an election, a coup), with the new government's stances
 * (the `stances:` syntax, issue by issue), BATNA and drift. The simulator
 * switches the actor's utilities and red lines at the event's round, and
 * durability lets the new government break a deal it is worse off under
 * (docs/simulation.md, "Blocs and governments").
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "loader.h"

#define NOT_FOUND ((size_t)-1)

static parley_status_t nomem(loader_t *L)
{
    return parley__fail(L->ctx, PARLEY_ENOMEM, "%s: out of memory", L->name);
}

/* The government's stances: its own row, the actor's copied where unnamed. */
static parley_status_t gov_stances(loader_t *L, const yt_node_t *map, const char *what,
                                   const char *path, parley_government_t *g)
{
    parley_scenario_t *s = L->s;
    char w[400];
    snprintf(w, sizeof w, "%s: stances", what);
    parley_status_t st = parley__lexpect(L, map, YT_MAP, w);
    if (st)
        return st;
    parley_stance_t *row = parley__arena_array(&s->arena, s->n_issues + 1, sizeof *row);
    unsigned char *named = parley__arena_alloc(&s->arena, s->n_issues + 1);
    if (!row || !named)
        return nomem(L);
    if (L->lost_stances || !s->stances)
        return parley__lquiet(L); /* the stances' error is reported */
    memcpy(row, s->stances + g->actor * s->n_issues, s->n_issues * sizeof *row);
    char label[400], prefix[400];
    snprintf(label, sizeof label, "%s", w);
    snprintf(prefix, sizeof prefix, "%s.stances", path);
    for (size_t q = 0; q < map->n; q++) {
        const yt_node_t *ik = map->items[2 * q];
        size_t j = parley_scenario_find_issue(s, ik->str);
        if (j == NOT_FOUND) {
            char w2[440];
            snprintf(w2, sizeof w2, "%s: ", w);
            return parley__lunknown(L, ik, w2, 1);
        }
        if (parley__lbad(L->bad_issue, j))
            return parley__lquiet(L);
        parley_stance_t fresh;
        memset(&fresh, 0, sizeof fresh);
        fresh.red_below = -HUGE_VAL;
        fresh.red_above = HUGE_VAL;
        row[j] = fresh;
        named[j] = 1;
        if ((st = parley__load_stance(L, map->items[2 * q + 1], g->actor, j, &row[j], label,
                                      prefix)))
            return st;
    }
    double total = 0.0;
    for (size_t j = 0; j < s->n_issues; j++)
        total += row[j].salience;
    if (!(total > 0.0))
        return parley__lerr(L, map, "%s: salience 0 on every issue: the new government must care "
                                    "about something", w);
    g->stances = row;
    g->named = named;
    return PARLEY_OK;
}

/* An optional number in [0,1] (a distribution allowed), NaN when absent. */
static parley_status_t opt_unit(loader_t *L, const yt_node_t *map, const char *key,
                                const char *what, const char *path, double lo, double *out)
{
    const yt_node_t *x = parley__lget(map, key), *at;
    *out = (double)NAN;
    if (!x)
        return PARLEY_OK;
    char w[400], p[400];
    snprintf(w, sizeof w, "%s: %s", what, key);
    snprintf(p, sizeof p, "%s.%s", path, key);
    parley_status_t st = parley__lnumber_u(L, x, w, p, lo, 1.0, out, NULL, &at);
    if (st)
        return st;
    if (!(*out >= lo && *out <= 1.0))
        return parley__lerr(L, at, "%s must be in [%g,1], got %s", w, lo, at->str);
    return PARLEY_OK;
}

parley_status_t parley__load_government(loader_t *L, const yt_node_t *n, const char *evwhat,
                                        const char *evpath, const parley_government_t **out)
{
    static const char *const keys[] = {"actor", "name", "stances", "batna", "batna_drift",
                                       "source", NULL};
    char what[300], path[300];
    snprintf(what, sizeof what, "%s: government", evwhat);
    snprintf(path, sizeof path, "%s.government", evpath);
    parley_status_t st;
    parley_government_t *g = parley__arena_alloc(&L->s->arena, sizeof *g);
    if (!g)
        return nomem(L);
    if ((st = parley__lexpect(L, n, YT_MAP, what)) || (st = parley__lkeys(L, n, keys, what)) ||
        (st = parley__lopt_string(L, n, "name", what, &g->name)) ||
        (st = parley__lopt_string(L, n, "source", what, &g->source)))
        return st;
    const yt_node_t *a = parley__lget(n, "actor");
    if (!a)
        return parley__lerr(L, n, "%s needs 'actor' (whose government changes)", what);
    char w[400];
    snprintf(w, sizeof w, "%s: actor", what);
    if ((st = parley__lexpect(L, a, YT_SCALAR, w)))
        return st;
    g->actor = parley_scenario_find_actor(L->s, a->str);
    if (g->actor == NOT_FOUND) {
        snprintf(w, sizeof w, "%s: ", what);
        return parley__lunknown(L, a, w, 0);
    }
    const yt_node_t *x = parley__lget(n, "stances");
    if ((x && (st = gov_stances(L, x, what, path, g))) ||
        (st = opt_unit(L, n, "batna", what, path, 0.0, &g->batna)) ||
        (st = opt_unit(L, n, "batna_drift", what, path, -1.0, &g->drift)))
        return st;
    if (!x && isnan(g->batna) && isnan(g->drift))
        return parley__lerr(L, n, "%s changes nothing: give 'stances', 'batna' or 'batna_drift'",
                            what);
    if (!g->name) {
        char nm[200];
        snprintf(nm, sizeof nm, "new government of %s", L->s->actors[g->actor].id);
        if (!(g->name = parley__arena_strdup(&L->s->arena, nm)))
            return nomem(L);
    }
    *out = g;
    return PARLEY_OK;
}
