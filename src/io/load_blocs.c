/*
 * load_blocs.c — the optional `blocs:` section: actors who coordinate as
 * one party in `simulate` (a European bloc, a coalition government), with
 * the rule that combines their utilities and whether a member may split.
 * Each actor belongs to one bloc at most. Rules: docs/simulation.md,
 * "Blocs and governments".
 */
#include <stdio.h>
#include <string.h>
#include "loader.h"

#define NOT_FOUND ((size_t)-1)

static parley_status_t nomem(loader_t *L)
{
    return parley__fail(L->ctx, PARLEY_ENOMEM, "%s: out of memory", L->name);
}

static parley_status_t load_members(loader_t *L, const yt_node_t *seq, const char *what,
                                    size_t k, parley_bloc_t *b)
{
    parley_scenario_t *s = L->s;
    char w[300];
    snprintf(w, sizeof w, "%s: members", what);
    parley_status_t st = parley__lexpect(L, seq, YT_SEQ, w);
    if (st)
        return st;
    if (seq->n < 2)
        return parley__lerr(L, seq, "%s needs at least 2 actors, got %zu", w, seq->n);
    if (seq->n > s->n_actors)
        return parley__lerr(L, seq, "%s: %zu members, more than the %zu actors", w, seq->n,
                            s->n_actors);
    size_t *m = parley__arena_array(&s->arena, seq->n, sizeof *m);
    if (!m)
        return nomem(L);
    for (size_t q = 0; q < seq->n; q++) {
        const yt_node_t *x = seq->items[q];
        if ((st = parley__lexpect(L, x, YT_SCALAR, w)))
            return st;
        size_t i = parley_scenario_find_actor(s, x->str);
        if (i == NOT_FOUND) {
            char w2[320];
            snprintf(w2, sizeof w2, "%s: ", w);
            return parley__lunknown(L, x, w2, 0);
        }
        if (s->bloc_of[i] == k)
            return parley__lerr(L, x, "%s: '%s' is listed twice", w, x->str);
        if (s->bloc_of[i] != NOT_FOUND)
            return parley__lerr(L, x, "%s: '%s' is already a member of bloc '%s' (an actor "
                                      "belongs to one bloc at most)", w, x->str,
                                s->blocs[s->bloc_of[i]].id);
        s->bloc_of[i] = k;
        m[q] = i;
    }
    b->members = m;
    b->n_members = seq->n;
    return PARLEY_OK;
}

static parley_status_t load_weights(loader_t *L, const yt_node_t *n, const char *what,
                                    parley_bloc_t *b)
{
    char w[300];
    snprintf(w, sizeof w, "%s: weights", what);
    parley_status_t st = parley__lexpect(L, n, YT_SCALAR, w);
    if (st)
        return st;
    if (strcmp(n->str, "capability") == 0)
        b->weights = PARLEY_BLOC_CAPABILITY;
    else if (strcmp(n->str, "equal") == 0)
        b->weights = PARLEY_BLOC_EQUAL;
    else
        return parley__lerr(L, n, "%s must be capability or equal, got '%.60s'", w, n->str);
    return PARLEY_OK;
}

static parley_status_t load_split(loader_t *L, const yt_node_t *n, const char *what,
                                  parley_bloc_t *b)
{
    char w[300];
    snprintf(w, sizeof w, "%s: split", what);
    parley_status_t st = parley__lexpect(L, n, YT_SCALAR, w);
    if (st)
        return st;
    if (n->plain && strcmp(n->str, "true") == 0)
        b->split = 1;
    else if (n->plain && strcmp(n->str, "false") == 0)
        b->split = 0;
    else
        return parley__lerr(L, n, "%s must be true or false, got '%.60s'", w, n->str);
    return PARLEY_OK;
}

static parley_status_t load_bloc(loader_t *L, const yt_node_t *n, size_t k, parley_bloc_t *b)
{
    static const char *const keys[] = {"id", "name", "members", "weights", "split", "source",
                                       NULL};
    parley_scenario_t *s = L->s;
    char what[200];
    snprintf(what, sizeof what, "bloc #%zu", k + 1);
    parley_litem_t h;
    parley_status_t st = parley__litem(L, n, "bloc", what, keys, &h, what, sizeof what);
    b->id = h.id;
    if (st)
        return st;
    const yt_node_t *id = parley__lget(n, "id");
    if (parley_scenario_find_actor(s, b->id) != NOT_FOUND)
        return parley__lerr(L, id, "%s: the id is an actor's: give the bloc its own", what);
    for (size_t q = 0; q < k; q++)
        if (strcmp(s->blocs[q].id, b->id) == 0)
            return parley__lerr(L, id, "duplicate bloc id '%s'", b->id);
    b->name = h.name;
    b->source = h.source;
    b->split = 1;
    const yt_node_t *x = parley__lget(n, "members");
    if (!x)
        return parley__lerr(L, n, "%s has no 'members' (a list of at least 2 actor ids)", what);
    if ((st = load_members(L, x, what, k, b)))
        return st;
    if ((x = parley__lget(n, "weights")) && (st = load_weights(L, x, what, b)))
        return st;
    if ((x = parley__lget(n, "split")) && (st = load_split(L, x, what, b)))
        return st;
    return PARLEY_OK;
}

parley_status_t parley__load_blocs(loader_t *L, const yt_node_t *seq)
{
    parley_scenario_t *s = L->s;
    parley_status_t st = parley__lexpect(L, seq, YT_SEQ, "'blocs'");
    if (st)
        return st;
    if (L->lost_actors)
        return parley__lquiet(L); /* members may name an actor whose error is reported */
    if (seq->n > s->n_actors / 2)
        return parley__lerr(L, seq, "'blocs': %zu blocs of at least 2 members each, for %zu "
                                    "actors", seq->n, s->n_actors);
    s->blocs = parley__arena_array(&s->arena, seq->n + 1, sizeof *s->blocs);
    s->bloc_of = parley__arena_array(&s->arena, s->n_actors + 1, sizeof *s->bloc_of);
    if (!s->blocs || !s->bloc_of)
        return nomem(L);
    for (size_t i = 0; i < s->n_actors; i++)
        s->bloc_of[i] = NOT_FOUND;
    for (size_t k = 0; k < seq->n; k++) {
        if ((st = load_bloc(L, seq->items[k], k, &s->blocs[k])))
            return st;
        s->n_blocs = k + 1;
    }
    return PARLEY_OK;
}
