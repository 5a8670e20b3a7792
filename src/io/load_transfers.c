/*
 * load_transfers.c — the scenario's optional `transfers:` section: side
 * payments (money, aid, reconstruction funds, frozen assets) that one
 * actor can make to another at stated utility rates, read by `space`,
 * `eval`, `amend` and the mediator of `simulate` (docs/scenario-format.md,
 * "transfers"; the arithmetic in src/space/transfer.c).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "loader.h"

#define RATE_MAX 1e6 /* a rate is a utility per unit: at most this */

static parley_status_t actor_key(loader_t *L, const yt_node_t *n, const char *key,
                                 const char *what, const char *role, size_t *out)
{
    const yt_node_t *a = parley__lget(n, key);
    if (!a)
        return parley__lerr(L, n, "%s has no '%s' (the actor id of the %s)", what, key, role);
    char w[320];
    snprintf(w, sizeof w, "%s: '%s'", what, key);
    parley_status_t st = parley__lexpect(L, a, YT_SCALAR, w);
    if (st)
        return st;
    *out = parley_scenario_find_actor(L->s, a->str);
    if (*out != (size_t)-1)
        return PARLEY_OK;
    snprintf(w, sizeof w, "%s: '%s': ", what, key);
    return parley__lunknown(L, a, w, 0);
}

/* A required number of the channel in [lo, hi] (a distribution allowed);
 * `positive`: it must be > 0. */
static parley_status_t num_key(loader_t *L, const yt_node_t *n, const parley_transfer_t *t,
                               const char *key, const char *what, const char *meaning,
                               double hi, int positive, double *out)
{
    const yt_node_t *v = parley__lget(n, key), *at;
    if (!v)
        return parley__lerr(L, n, "%s has no '%s' (%s)", what, key, meaning);
    char w[320], path[200];
    snprintf(w, sizeof w, "%s: %s", what, key);
    snprintf(path, sizeof path, "transfers.%s.%s", t->id, key);
    parley_status_t st = parley__lnumber_u(L, v, w, path, 0.0, hi, out, NULL, &at);
    if (st)
        return st;
    if (!isfinite(*out) || *out < 0.0)
        return parley__lerr(L, at, "%s must be %s, got %s", w,
                            positive ? "a number > 0" : "a number >= 0 (a rate cannot be negative)",
                            at->str);
    if (positive && !(*out > 0.0))
        return parley__lerr(L, at, "%s must be > 0, got %s", w, at->str);
    if (*out > hi)
        return parley__lerr(L, at, "%s must be at most %g, got %s", w, hi, at->str);
    return PARLEY_OK;
}

static parley_status_t load_one(loader_t *L, const yt_node_t *seq, size_t idx, parley_transfer_t *t)
{
    static const char *const keys[] = {"id", "name", "source", "notes", "from", "to", "unit",
                                       "max", "cost", "value", NULL};
    const yt_node_t *n = seq->items[idx];
    char what[200];
    snprintf(what, sizeof what, "transfer #%zu", idx + 1);
    if (n->kind == YT_MAP) {
        t->line = n->line;
        t->col = n->col;
    }
    parley_litem_t h;
    parley_status_t st =
        parley__litem(L, n, "transfer", "transfer id", keys, &h, what, sizeof what);
    t->id = h.id;
    if (st)
        return st;
    const yt_node_t *idn = parley__lget(n, "id");
    for (size_t q = 0; q < idx; q++) {
        const yt_node_t *o = seq->items[q]->kind == YT_MAP ? parley__lget(seq->items[q], "id")
                                                            : NULL;
        if (o && o->kind == YT_SCALAR && strcmp(o->str, t->id) == 0)
            return parley__lerr(L, idn, "transfer id '%s' is used twice (first at line %d)",
                                t->id, o->line);
    }
    t->name = h.name;
    t->source = h.source;
    if ((st = parley__lopt_string(L, n, "unit", what, &t->unit)))
        return st;
    if (!t->unit)
        t->unit = "units";
    if ((st = actor_key(L, n, "from", what, "payer", &t->from)) ||
        (st = actor_key(L, n, "to", what, "receiver", &t->to)))
        return st;
    if (t->from == t->to)
        return parley__lerr(L, parley__lget(n, "to"),
                            "%s: 'from' and 'to' are the same actor '%s' (a transfer goes from one "
                            "actor to another)", what, L->s->actors[t->to].id);
    if ((st = num_key(L, n, t, "max", what, "the units available, a number > 0",
                      PARLEY_MAX_SCALE_END, 1, &t->max)) ||
        (st = num_key(L, n, t, "cost", what, "the utility the payer loses per unit, >= 0",
                      RATE_MAX, 0, &t->cost)) ||
        (st = num_key(L, n, t, "value", what, "the utility the receiver gains per unit, >= 0",
                      RATE_MAX, 0, &t->value)))
        return st;
    return PARLEY_OK;
}

parley_status_t parley__load_transfers(loader_t *L, const yt_node_t *seq)
{
    if (!seq)
        return PARLEY_OK;
    parley_status_t st = parley__lexpect(L, seq, YT_SEQ, "'transfers'");
    if (st)
        return st;
    if (seq->n > PARLEY_MAX_TRANSFERS)
        return parley__lerr(L, seq->items[PARLEY_MAX_TRANSFERS],
                            "'transfers' has %zu channels: the limit is %d (the exact linear "
                            "program behind every transfer is solved per package)",
                            seq->n, PARLEY_MAX_TRANSFERS);
    parley_scenario_t *s = L->s;
    s->transfers = parley__arena_array(&s->arena, seq->n + 1, sizeof *s->transfers);
    if (!s->transfers)
        return parley__fail(L->ctx, PARLEY_ENOMEM, "%s: out of memory", L->name);
    parley_status_t first = PARLEY_OK;
    for (size_t k = 0; k < seq->n; k++)
        if (parley__lstop(L, load_one(L, seq, k, &s->transfers[k]), &first))
            return first;
    if (first)
        return first;
    s->n_transfers = seq->n;
    return PARLEY_OK;
}
