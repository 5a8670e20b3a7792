/*
 * load_smp.c — the scenario's optional `smp:` section: default options for
 * KTAB's spatial model of politics (forecast --model smp) and its
 * accommodation matrix, written as sparse entries over the identity. At
 * most a few thousand entries, each checked and located.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "loader.h"

#define SMP_ROW_TOL 1e-10 /* KTAB's tolerance on an accommodation row's sum */

const parley_smp_config_t *parley_scenario_smp(const parley_scenario_t *s)
{
    return &s->smp;
}

/* An optional word option of map: *out keeps its value when the key is absent. */
static parley_status_t word(loader_t *L, const yt_node_t *map, const char *key,
                            const char *const *names, int *out)
{
    const yt_node_t *n = parley__lget(map, key);
    if (!n)
        return PARLEY_OK;
    char what[64];
    snprintf(what, sizeof what, "smp: %s", key);
    parley_status_t st = parley__lexpect(L, n, YT_SCALAR, what);
    if (st)
        return st;
    size_t k = 0;
    char list[256] = "";
    for (; names[k]; k++) {
        if (strcmp(n->str, names[k]) == 0) {
            *out = (int)k;
            return PARLEY_OK;
        }
        size_t at = strlen(list);
        snprintf(list + at, sizeof list - at, "%s%s", k ? ", " : "", names[k]);
    }
    const char *hint = parley_suggest(n->str, names, k);
    if (hint)
        return parley__lerr(L, n, "%s: unknown value '%.60s' (did you mean '%s'?)", what, n->str,
                            hint);
    return parley__lerr(L, n, "%s must be one of %s, got '%.60s'", what, list, n->str);
}

/* seed: a whole number 0..2^64-1, read exactly (not through a double). */
static parley_status_t seed(loader_t *L, const yt_node_t *map, uint64_t *out)
{
    const yt_node_t *n = parley__lget(map, "seed");
    if (!n)
        return PARLEY_OK;
    parley_status_t st = parley__lexpect(L, n, YT_SCALAR, "smp: seed");
    if (st)
        return st;
    int ok = n->plain && n->len > 0 && n->len <= 20;
    for (size_t k = 0; ok && k < n->len; k++)
        ok = n->str[k] >= '0' && n->str[k] <= '9';
    errno = 0;
    unsigned long long v = ok ? strtoull(n->str, NULL, 10) : 0;
    if (!ok || errno)
        return parley__lerr(L, n, "smp: seed must be a whole number from 0 to %llu, got '%.60s'",
                            (unsigned long long)UINT64_MAX, n->str);
    *out = (uint64_t)v;
    return PARLEY_OK;
}

static parley_status_t flag(loader_t *L, const yt_node_t *map, const char *key, int *out)
{
    const yt_node_t *n = parley__lget(map, key);
    if (!n)
        return PARLEY_OK;
    char what[64];
    snprintf(what, sizeof what, "smp: %s", key);
    parley_status_t st = parley__lexpect(L, n, YT_SCALAR, what);
    if (st)
        return st;
    if (n->plain && strcmp(n->str, "true") == 0)
        *out = 1;
    else if (n->plain && strcmp(n->str, "false") == 0)
        *out = 0;
    else
        return parley__lerr(L, n, "%s must be true or false, got '%.60s'", what, n->str);
    return PARLEY_OK;
}

/* An actor id of an accommodation entry, with a did-you-mean. */
static parley_status_t actor_ref(loader_t *L, const yt_node_t *e, const char *key, size_t k,
                                 size_t *out)
{
    const yt_node_t *n = parley__lget(e, key);
    char what[96];
    snprintf(what, sizeof what, "smp: accommodation #%zu: '%s'", k + 1, key);
    if (!n)
        return parley__lerr(L, e, "smp: accommodation #%zu has no '%s' (an actor id)", k + 1, key);
    parley_status_t st = parley__lexpect(L, n, YT_SCALAR, what);
    if (st)
        return st;
    const parley_scenario_t *s = L->s;
    *out = parley_scenario_find_actor(s, n->str);
    if (*out != (size_t)-1)
        return PARLEY_OK;
    if (L->lost_actors || parley__lonce(L, "actor", "", n->str))
        return parley__lquiet(L); /* it may be the actor whose id was in error */
    const char *ids[PARLEY_MAX_ACTORS];
    for (size_t i = 0; i < s->n_actors; i++)
        ids[i] = s->actors[i].id;
    const char *hint = parley_suggest(n->str, ids, s->n_actors);
    if (hint)
        return parley__lerr(L, n, "%s: unknown actor '%.60s' (did you mean '%s'?)", what, n->str,
                            hint);
    return parley__lerr(L, n, "%s: unknown actor '%.60s'", what, n->str);
}

static parley_status_t entry(loader_t *L, const yt_node_t *e, size_t k, parley_smp_adjust_t *a)
{
    static const char *const keys[] = {"actor", "reference", "adjust", "source", NULL};
    char what[64];
    snprintf(what, sizeof what, "smp: accommodation #%zu", k + 1);
    parley_status_t st;
    if ((st = parley__lexpect(L, e, YT_MAP, what)) || (st = parley__lkeys(L, e, keys, what)) ||
        (st = actor_ref(L, e, "actor", k, &a->actor)) ||
        (st = actor_ref(L, e, "reference", k, &a->reference)))
        return st;
    const yt_node_t *adj = parley__lget(e, "adjust"), *at;
    if (!adj)
        return parley__lerr(L, e, "%s has no 'adjust' (a share in [0,1])", what);
    snprintf(what, sizeof what, "smp: accommodation #%zu: adjust", k + 1);
    if ((st = parley__lnumber(L, adj, what, &a->adjust, NULL, &at)))
        return st;
    if (!(a->adjust >= 0.0 && a->adjust <= 1.0))
        return parley__lerr(L, at, "%s must be in [0,1], got %s", what, at->str);
    a->line = e->line;
    a->col = e->col;
    return PARLEY_OK;
}

/* The entries over the identity; every row must sum to at most 1. */
static parley_status_t accommodation(loader_t *L, const yt_node_t *seq, parley_smp_config_t *c)
{
    parley_status_t st = parley__lexpect(L, seq, YT_SEQ, "smp: accommodation");
    if (st)
        return st;
    parley_scenario_t *s = L->s;
    size_t n = s->n_actors;
    if (seq->n > n * n)
        return parley__lerr(L, seq, "smp: accommodation has %zu entries, more than the %zu pairs "
                                    "of %zu actors", seq->n, n * n, n);
    if (seq->n == 0)
        return PARLEY_OK; /* the identity */
    parley_smp_adjust_t *adj = parley__arena_array(&s->arena, seq->n, sizeof *adj);
    double *A = parley__arena_array(&s->arena, n * n, sizeof *A);
    unsigned char *set = parley__calloc(n * n, 1);
    if (!adj || !A || !set) {
        parley__free(set);
        return parley__fail(L->ctx, PARLEY_ENOMEM, "%s: out of memory", L->name);
    }
    for (size_t i = 0; i < n; i++)
        A[i * n + i] = 1.0;
    for (size_t k = 0; k < seq->n && !st; k++) {
        parley_smp_adjust_t *a = &adj[k];
        if ((st = entry(L, seq->items[k], k, a)))
            break;
        size_t at = a->actor * n + a->reference;
        if (set[at])
            st = parley__lerr(L, seq->items[k], "smp: accommodation #%zu: a second entry for "
                              "actor '%s', reference '%s'", k + 1, s->actors[a->actor].id,
                              s->actors[a->reference].id);
        set[at] = 1;
        A[at] = a->adjust;
    }
    parley__free(set);
    for (size_t k = 0; k < seq->n && !st; k++) {
        size_t i = adj[k].actor;
        double sum = 0.0;
        for (size_t j = 0; j < n; j++)
            sum += A[i * n + j];
        if (sum > 1.0 + SMP_ROW_TOL)
            st = parley__lerr(L, seq->items[k],
                              "smp: accommodation: actor '%s' adjusts by %g in all (its own "
                              "entry is 1 unless given): a row must sum to at most 1",
                              s->actors[i].id, sum);
    }
    if (st)
        return st;
    c->n_adjust = seq->n;
    c->adjust = adj;
    c->params.accommodation = A;
    return PARLEY_OK;
}

parley_status_t parley__load_smp(loader_t *L, const yt_node_t *map)
{
    static const char *const keys[] = {"victory", "pce", "voting", "risk_adjust", "risk_range",
                                       "commit", "interp", "bargain", "mode", "seed",
                                       "challenge_victory", "salience", "accommodation",
                                       "source", NULL};
    parley_smp_config_t *c = &L->s->smp;
    memset(c, 0, sizeof *c); /* every enum's first value is KTAB's default */
    c->params.seed = 1;
    if (!map)
        return PARLEY_OK;
    parley_status_t st;
    if ((st = parley__lexpect(L, map, YT_MAP, "'smp'")) || (st = parley__lkeys(L, map, keys, "'smp'")))
        return st;
    int e[11] = {0};
    if ((st = word(L, map, "victory", parley_smp_option_words(PARLEY_SMP_OPT_VICTORY), &e[0])) || (st = word(L, map, "pce", parley_smp_option_words(PARLEY_SMP_OPT_PCE), &e[1])) ||
        (st = word(L, map, "voting", parley_smp_option_words(PARLEY_SMP_OPT_VOTING), &e[2])) ||
        (st = word(L, map, "risk_adjust", parley_smp_option_words(PARLEY_SMP_OPT_RISK_ADJUST), &e[3])) ||
        (st = word(L, map, "risk_range", parley_smp_option_words(PARLEY_SMP_OPT_RISK_RANGE), &e[4])) ||
        (st = word(L, map, "commit", parley_smp_option_words(PARLEY_SMP_OPT_COMMIT), &e[5])) || (st = word(L, map, "interp", parley_smp_option_words(PARLEY_SMP_OPT_INTERP), &e[6])) ||
        (st = word(L, map, "bargain", parley_smp_option_words(PARLEY_SMP_OPT_BARGAIN), &e[7])) || (st = word(L, map, "mode", parley_smp_option_words(PARLEY_SMP_OPT_MODE), &e[8])) ||
        (st = word(L, map, "salience", parley_smp_option_words(PARLEY_SMP_OPT_SALIENCE), &e[9])) ||
        (st = flag(L, map, "challenge_victory", &e[10])) || (st = seed(L, map, &c->params.seed)))
        return st;
    parley_smp_params_t *o = &c->params;
    o->victory = (parley_smp_victory_t)e[0];
    o->pce = (parley_smp_pce_t)e[1];
    o->vote = (parley_smp_vote_t)e[2];
    o->risk_adjust = (parley_smp_radj_t)e[3];
    o->risk_range = (parley_smp_rrange_t)e[4];
    o->commit = (parley_smp_commit_t)e[5];
    o->interp = (parley_smp_interp_t)e[6];
    o->bargain = (parley_smp_bargain_t)e[7];
    o->stochastic = e[8];
    o->salience = (parley_smp_salience_t)e[9];
    o->challenge_victory = e[10];
    const yt_node_t *acc = parley__lget(map, "accommodation");
    if (acc && !parley__yt_is_null(acc) && (st = accommodation(L, acc, c)))
        return st;
    c->present = 1;
    return PARLEY_OK;
}
