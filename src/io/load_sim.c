/*
 * load_sim.c — the optional `simulation:` section: protocol, mediator, room,
 * horizon, each actor's strategy, tactics (deadlines, walk-away threats,
 * leaks) and scheduled events. Every number may be a distribution. The
 * meaning of each setting is in docs/simulation.md.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "loader.h"

#define NOT_FOUND ((size_t)-1)
#define MAX_ROUNDS 100000u
#define MAX_TACTICS 256
#define MAX_EVENTS 1024

static parley_status_t nomem(loader_t *L)
{
    return parley__fail(L->ctx, PARLEY_ENOMEM, "%s: out of memory", L->name);
}

/* An unsigned integer in [lo, hi]. */
static parley_status_t luint(loader_t *L, const yt_node_t *n, const char *what, unsigned lo,
                             unsigned hi, unsigned *out)
{
    double v;
    const yt_node_t *at;
    parley_status_t st = parley__lnumber(L, n, what, &v, NULL, &at);
    if (st)
        return st;
    if (v != floor(v) || v < (double)lo || v > (double)hi)
        return parley__lerr(L, at, "%s must be a whole number in %u..%u, got %s", what, lo, hi,
                            at->str);
    *out = (unsigned)v;
    return PARLEY_OK;
}

static parley_status_t find_actor(loader_t *L, const yt_node_t *n, const char *what, size_t *i)
{
    parley_status_t st = parley__lexpect(L, n, YT_SCALAR, what);
    if (st)
        return st;
    *i = parley_scenario_find_actor(L->s, n->str);
    if (*i != NOT_FOUND)
        return PARLEY_OK;
    char w[640];
    snprintf(w, sizeof w, "%s: ", what);
    return parley__lunknown(L, n, w, 0);
}

static parley_status_t find_proposal(loader_t *L, const yt_node_t *n, const char *what,
                                     size_t *p)
{
    parley_status_t st = parley__lexpect(L, n, YT_SCALAR, what);
    if (st)
        return st;
    *p = parley_scenario_find_proposal(L->s, n->str);
    if (*p != NOT_FOUND)
        return PARLEY_OK;
    if (L->lost_proposals || parley__lonce(L, "proposal", "", n->str))
        return parley__lquiet(L); /* it may name a proposal whose error is reported */
    const parley_scenario_t *s = L->s;
    const char *ids[64];
    size_t m = s->n_proposals < 64 ? s->n_proposals : 64;
    for (size_t k = 0; k < m; k++)
        ids[k] = s->proposals[k].id;
    const char *hint = parley_suggest(n->str, ids, m);
    if (hint)
        return parley__lerr(L, n, "%s: unknown proposal '%.60s' (did you mean '%s'?)", what,
                            n->str, hint);
    return parley__lerr(L, n, "%s: unknown proposal '%.60s'", what, n->str);
}

/* {ACTOR: number, ...} into a fresh n_actors array filled with dflt. */
static parley_status_t actor_numbers(loader_t *L, const yt_node_t *map, const char *what,
                                     const char *path, double lo, double hi, double dflt,
                                     const double **out)
{
    parley_status_t st = parley__lexpect(L, map, YT_MAP, what);
    if (st)
        return st;
    size_t n = L->s->n_actors;
    double *v = parley__arena_array(&L->s->arena, n + 1, sizeof *v);
    if (!v)
        return nomem(L);
    for (size_t i = 0; i < n; i++)
        v[i] = dflt;
    for (size_t k = 0; k < map->n; k++) {
        size_t i;
        if ((st = find_actor(L, map->items[2 * k], what, &i)))
            return st;
        char w[400], p[400];
        snprintf(w, sizeof w, "%s: %s", what, L->s->actors[i].id);
        snprintf(p, sizeof p, "%s.%s", path, L->s->actors[i].id);
        const yt_node_t *at;
        if ((st = parley__lnumber_u(L, map->items[2 * k + 1], w, p, lo, hi, &v[i], NULL, &at)))
            return st;
        if (v[i] < lo || v[i] > hi)
            return parley__lerr(L, at, "%s must be in [%g, %g], got %s", w, lo, hi, at->str);
    }
    *out = v;
    return PARLEY_OK;
}

/* [ID, ...] of actors (issues == 0) or issues into one flag per actor or issue. */
static parley_status_t id_flags(loader_t *L, const yt_node_t *seq, const char *what, int issues,
                                const unsigned char **out)
{
    parley_status_t st = parley__lexpect(L, seq, YT_SEQ, what);
    if (st)
        return st;
    const parley_scenario_t *s = L->s;
    unsigned char *f = parley__arena_alloc(&L->s->arena, (issues ? s->n_issues : s->n_actors) + 1);
    if (!f)
        return nomem(L);
    for (size_t k = 0; k < seq->n; k++) {
        const yt_node_t *n = seq->items[k];
        if ((st = parley__lexpect(L, n, YT_SCALAR, what)))
            return st;
        size_t i = issues ? parley_scenario_find_issue(s, n->str)
                          : parley_scenario_find_actor(s, n->str);
        if (i == NOT_FOUND) {
            char w[640];
            snprintf(w, sizeof w, "%s: ", what);
            return parley__lunknown(L, n, w, issues);
        }
        f[i] = 1;
    }
    *out = f;
    return PARLEY_OK;
}

/* [ACTOR:ISSUE, ...] naming red lines the scenario has, into n_actors x n_issues flags. */
static parley_status_t red_line_pairs(loader_t *L, const yt_node_t *seq, const char *what,
                                      const unsigned char **out)
{
    parley_status_t st = parley__lexpect(L, seq, YT_SEQ, what);
    if (st)
        return st;
    const parley_scenario_t *s = L->s;
    unsigned char *f = parley__arena_alloc(&L->s->arena, s->n_actors * s->n_issues + 1);
    if (!f)
        return nomem(L);
    for (size_t k = 0; k < seq->n; k++) {
        const yt_node_t *n = seq->items[k];
        if ((st = parley__lexpect(L, n, YT_SCALAR, what)))
            return st;
        const char *colon = strchr(n->str, ':');
        char actor[80];
        size_t len = colon ? (size_t)(colon - n->str) : 0;
        if (!colon || len == 0 || len >= sizeof actor)
            return parley__lerr(L, n, "%s: '%.60s' must be ACTOR:ISSUE", what, n->str);
        memcpy(actor, n->str, len);
        actor[len] = '\0';
        size_t i = parley_scenario_find_actor(s, actor), j = parley_scenario_find_issue(s, colon + 1);
        if ((i == NOT_FOUND && (L->lost_actors || parley__lonce(L, "actor", "", actor))) ||
            (i != NOT_FOUND && j == NOT_FOUND &&
             (L->lost_issues || parley__lonce(L, "issue", "", colon + 1))))
            return parley__lquiet(L);
        if (i == NOT_FOUND || j == NOT_FOUND)
            return parley__lerr(L, n, "%s: no %s '%.60s'", what, i == NOT_FOUND ? "actor" : "issue",
                                i == NOT_FOUND ? actor : colon + 1);
        if (L->lost_stances || parley__lbad(L->bad_actor, i))
            return parley__lquiet(L); /* its stances had an error: the red line may be there */
        if (!s->stances[i * s->n_issues + j].has_red_line)
            return parley__lerr(L, n, "%s: %s has no red line on '%s'", what, actor, colon + 1);
        f[i * s->n_issues + j] = 1;
    }
    *out = f;
    return PARLEY_OK;
}

/* A number key of map that may be a distribution, checked against [lo, hi]. */
static parley_status_t opt_num(loader_t *L, const yt_node_t *map, const char *key,
                               const char *what, const char *path, double lo, double hi,
                               double *out)
{
    const yt_node_t *n = parley__lget(map, key), *at;
    if (!n)
        return PARLEY_OK;
    char w[400], p[400];
    snprintf(w, sizeof w, "%s: %s", what, key);
    snprintf(p, sizeof p, "%s.%s", path, key);
    parley_status_t st = parley__lnumber_u(L, n, w, p, lo, hi, out, NULL, &at);
    if (st)
        return st;
    if (*out < lo || *out > hi)
        return parley__lerr(L, at, "%s must be in [%g, %g], got %s", w, lo, hi, at->str);
    return PARLEY_OK;
}

typedef struct strategy_name {
    const char *name;
    parley_strategy_kind_t kind;
    double e;
} strategy_name_t;

static const strategy_name_t STRATEGIES[] = {
    {"boulware", PARLEY_STRATEGY_TIME, 0.2}, {"linear", PARLEY_STRATEGY_TIME, 1.0},
    {"conceder", PARLEY_STRATEGY_TIME, 5.0}, {"time", PARLEY_STRATEGY_TIME, 1.0},
    {"hardline", PARLEY_STRATEGY_HARDLINE, 1.0}, {"tit-for-tat", PARLEY_STRATEGY_TIT_FOR_TAT, 1.0},
};
#define N_STRATEGIES (sizeof STRATEGIES / sizeof STRATEGIES[0])

static parley_status_t load_strategy(loader_t *L, const yt_node_t *n, size_t i,
                                     parley_strategy_t *out)
{
    static const char *const keys[] = {"kind", "e", "k", "factor", "source", NULL};
    char what[200], path[200];
    snprintf(what, sizeof what, "simulation: strategy of '%s'", L->s->actors[i].id);
    snprintf(path, sizeof path, "simulation.strategies.%s", L->s->actors[i].id);
    const yt_node_t *kn = n;
    parley_status_t st;
    if (n->kind == YT_MAP) {
        if ((st = parley__lkeys(L, n, keys, what)))
            return st;
        if (!(kn = parley__lget(n, "kind")))
            return parley__lerr(L, n, "%s has no 'kind' (boulware, linear, conceder, time, "
                                      "hardline or tit-for-tat)", what);
    }
    if ((st = parley__lexpect(L, kn, YT_SCALAR, what)))
        return st;
    const strategy_name_t *sn = NULL;
    const char *names[N_STRATEGIES];
    for (size_t k = 0; k < N_STRATEGIES; k++) {
        names[k] = STRATEGIES[k].name;
        if (strcmp(kn->str, STRATEGIES[k].name) == 0)
            sn = &STRATEGIES[k];
    }
    if (!sn) {
        const char *hint = parley_suggest(kn->str, names, N_STRATEGIES);
        if (hint)
            return parley__lerr(L, kn, "%s: unknown strategy '%.60s' (did you mean '%s'?)", what,
                                kn->str, hint);
        return parley__lerr(L, kn, "%s: unknown strategy '%.60s' (boulware, linear, conceder, "
                                   "time, hardline or tit-for-tat)", what, kn->str);
    }
    parley_strategy_t s = {.kind = sn->kind, .name = sn->name, .e = sn->e, .factor = 1.0};
    *out = s; /* read the numbers in place: an uncertain one is rewritten there later */
    if (n->kind == YT_MAP) {
        if (sn->kind == PARLEY_STRATEGY_TIME && strcmp(sn->name, "time") == 0 &&
            !parley__lget(n, "e"))
            return parley__lerr(L, n, "%s: the 'time' strategy needs 'e' (its concession "
                                      "exponent; < 1 Boulware, 1 linear, > 1 conceder)", what);
        if ((st = opt_num(L, n, "e", what, path, 0.01, 100.0, &out->e)) ||
            (st = opt_num(L, n, "k", what, path, 0.0, 0.99, &out->k)) ||
            (st = opt_num(L, n, "factor", what, path, 0.0, 10.0, &out->factor)))
            return st;
    }
    return PARLEY_OK;
}

/* ---- Choices (load_choice.c): each option read as the plain setting. */
static parley_status_t read_strategy(loader_t *L, const yt_node_t *opt, parley__choice_t *c,
                                     size_t k, const char **name, void *arg)
{
    (void)arg;
    parley_strategy_t *st = &c->strategy[k];
    parley_status_t rc = load_strategy(L, opt, c->actor, st);
    if (rc)
        return rc;
    if (opt->kind != YT_MAP) {
        *name = opt->str;
        return PARLEY_OK;
    }
    char buf[160]; /* "time e=3", the numbers given */
    int len = snprintf(buf, sizeof buf, "%s", st->name);
    static const char *const NUM[] = {"e", "k", "factor"};
    double v[] = {st->e, st->k, st->factor};
    for (int q = 0; q < 3; q++)
        if (parley__lget(opt, NUM[q]) && len < (int)sizeof buf)
            len += snprintf(buf + len, sizeof buf - (size_t)len, " %s=%g", NUM[q], v[q]);
    return (*name = parley__arena_strdup(&L->s->arena, buf)) ? PARLEY_OK : nomem(L);
}

static parley_status_t strategy_choice(loader_t *L, const yt_node_t *n, size_t i)
{
    char what[200], path[200];
    snprintf(what, sizeof what, "simulation: strategy of '%s'", L->s->actors[i].id);
    snprintf(path, sizeof path, "simulation.strategies.%s", L->s->actors[i].id);
    size_t base;
    return parley__lchoice(L, n, what, path, PARLEY__CHOICE_STRATEGY, i, read_strategy, NULL,
                           &base);
}

static parley_status_t load_strategies(loader_t *L, const yt_node_t *map)
{
    parley_status_t st = parley__lexpect(L, map, YT_MAP, "simulation: 'strategies'");
    if (st)
        return st;
    parley_strategy_t *strat = (parley_strategy_t *)L->s->sim.strategies;
    parley_status_t first = PARLEY_OK;
    for (size_t k = 0; k < map->n; k++) {
        size_t i;
        if ((st = find_actor(L, map->items[2 * k], "simulation: 'strategies'", &i)) == PARLEY_OK)
            st = parley__lis_choice(map->items[2 * k + 1])
                     ? strategy_choice(L, map->items[2 * k + 1], i)
                     : load_strategy(L, map->items[2 * k + 1], i, &strat[i]);
        if (parley__lstop(L, st, &first))
            break;
    }
    return first;
}

static const char *const TACTIC_NAMES[] = {"deadline", "walk-away", "leak", "campaign", NULL};

static parley_status_t tactic_kind(loader_t *L, const yt_node_t *n, const char *what,
                                   parley_tactic_kind_t *kind)
{
    const yt_node_t *kn = parley__lget(n, "kind");
    if (!kn)
        return parley__lerr(L, n, "%s has no 'kind' (deadline, walk-away, leak or campaign)",
                            what);
    parley_status_t st = parley__lexpect(L, kn, YT_SCALAR, what);
    if (st)
        return st;
    for (size_t k = 0; TACTIC_NAMES[k]; k++)
        if (strcmp(kn->str, TACTIC_NAMES[k]) == 0) {
            *kind = (parley_tactic_kind_t)k;
            return PARLEY_OK;
        }
    const char *hint = parley_suggest(kn->str, TACTIC_NAMES, 4);
    if (hint)
        return parley__lerr(L, kn, "%s: unknown tactic '%.60s' (did you mean '%s'?)", what,
                            kn->str, hint);
    return parley__lerr(L, kn, "%s: unknown tactic '%.60s' (deadline, walk-away, leak or "
                               "campaign)", what, kn->str);
}

static parley_status_t tactic_fields(loader_t *L, const yt_node_t *n, parley_tactic_t *t,
                                     const char *what, const char *path)
{
    parley_status_t st;
    const yt_node_t *x;
    if ((x = parley__lget(n, "every")) &&
        (st = luint(L, x, "simulation: tactic: every", 0, MAX_ROUNDS, &t->every)))
        return st;
    if ((st = opt_num(L, n, "credibility", what, path, 0.0, 1.0, &t->credibility)) ||
        (st = opt_num(L, n, "probability", what, path, 0.0, 1.0, &t->probability)) ||
        (st = opt_num(L, n, "decay", what, path, 0.0, 1.0, &t->decay)))
        return st;
    if ((x = parley__lget(n, "then"))) {
        if ((st = parley__lexpect(L, x, YT_SCALAR, what)))
            return st;
        if (strcmp(x->str, "walk-away") != 0 && strcmp(x->str, "nothing") != 0)
            return parley__lerr(L, x, "%s: 'then' must be walk-away or nothing, got '%.60s'",
                                what, x->str);
        t->then_walk_away = x->str[0] == 'w';
    }
    char w[400], p[400];
    if ((x = parley__lget(n, "batna"))) {
        snprintf(w, sizeof w, "%s: batna", what);
        snprintf(p, sizeof p, "%s.batna", path);
        if ((st = actor_numbers(L, x, w, p, -1.0, 1.0, 0.0, &t->effect)))
            return st;
    }
    if ((x = parley__lget(n, "audience_cost"))) {
        snprintf(w, sizeof w, "%s: audience_cost", what);
        snprintf(p, sizeof p, "%s.audience_cost", path);
        if ((st = actor_numbers(L, x, w, p, 0.0, 1.0, 0.0, &t->effect)))
            return st;
    }
    if ((x = parley__lget(n, "drift"))) {
        snprintf(w, sizeof w, "%s: drift", what);
        snprintf(p, sizeof p, "%s.drift", path);
        if ((st = actor_numbers(L, x, w, p, -1.0, 1.0, (double)NAN, &t->drift)))
            return st;
    }
    if ((x = parley__lget(n, "harden"))) {
        snprintf(w, sizeof w, "%s: harden", what);
        if ((st = id_flags(L, x, w, 1, &t->harden)))
            return st;
    }
    if ((x = parley__lget(n, "proposal")) && !parley__yt_is_null(x) &&
        (st = find_proposal(L, x, what, &t->proposal)))
        return st;
    t->rounds = 1; /* publics (load_ratify.c) */
    if ((x = parley__lget(n, "rounds")) &&
        (st = luint(L, x, "simulation: tactic: rounds", 1, MAX_ROUNDS, &t->rounds)))
        return st;
    snprintf(w, sizeof w, "%s: public", what);
    snprintf(p, sizeof p, "%s.public", path);
    if ((x = parley__lget(n, "public")) && (st = parley__load_public(L, x, w, p, &t->public_shift)))
        return st;
    return PARLEY_OK;
}

static const char *const *tactic_keys(parley_tactic_kind_t kind)
{
    static const char *const deadline[] = {"kind", "name", "actor", "round", "every",
                                           "credibility", "decay", "then", "probability",
                                           "source", NULL};
    static const char *const walk[] = {"kind", "name", "actor", "round", "credibility",
                                       "probability", "batna", "drift", "source", NULL};
    static const char *const leak[] = {"kind", "name", "actor", "round", "proposal",
                                       "audience_cost", "harden", "public", "probability",
                                       "source", NULL};
    static const char *const campaign[] = {"kind", "name", "actor", "round", "rounds", "public",
                                           "probability", "source", NULL};
    return kind == PARLEY_TACTIC_DEADLINE    ? deadline
           : kind == PARLEY_TACTIC_WALK_AWAY ? walk
           : kind == PARLEY_TACTIC_LEAK      ? leak
                                             : campaign;
}

static parley_status_t load_tactic(loader_t *L, const yt_node_t *n, size_t idx,
                                   parley_tactic_t *t)
{
    char what[200], path[200];
    snprintf(what, sizeof what, "simulation: tactic #%zu", idx + 1);
    snprintf(path, sizeof path, "simulation.tactics[%zu]", idx);
    parley_status_t st;
    if ((st = parley__lexpect(L, n, YT_MAP, what)) || (st = tactic_kind(L, n, what, &t->kind)) ||
        (st = parley__lkeys(L, n, tactic_keys(t->kind), what)) ||
        (st = parley__lopt_string(L, n, "name", what, &t->name)) ||
        (st = parley__lopt_string(L, n, "source", what, &t->source)))
        return st;
    t->actor = NOT_FOUND;
    t->proposal = NOT_FOUND;
    t->credibility = 1.0;
    t->decay = 0.5;
    t->probability = 1.0;
    const yt_node_t *an = parley__lget(n, "actor"), *rn = parley__lget(n, "round");
    if (an && (st = find_actor(L, an, what, &t->actor)))
        return st;
    if (!an && t->kind != PARLEY_TACTIC_LEAK)
        return parley__lerr(L, n, "%s: a %s needs 'actor' (who uses it)", what,
                            TACTIC_NAMES[t->kind]);
    if (!rn)
        return parley__lerr(L, n, "%s needs 'round' (when it happens, from 1)", what);
    char w[240];
    snprintf(w, sizeof w, "%s: round", what);
    if ((st = luint(L, rn, w, 1, L->s->sim.horizon, &t->round)) ||
        (st = tactic_fields(L, n, t, what, path)))
        return st;
    if (t->kind == PARLEY_TACTIC_LEAK && !t->effect && !t->harden && !t->public_shift)
        return parley__lerr(L, n, "%s: a leak needs 'audience_cost' {ACTOR: cost}, 'harden' "
                                  "[ISSUE, ...] and/or 'public' {BODY: {SEGMENT: shift}} (whom "
                                  "the leak exposes, and how)", what);
    if (t->kind == PARLEY_TACTIC_CAMPAIGN && !t->public_shift)
        return parley__lerr(L, n, "%s: a campaign needs 'public' {BODY: {SEGMENT: shift per "
                                  "round}} (whose shares it moves)", what);
    if (!t->name)
        t->name = TACTIC_NAMES[t->kind];
    return PARLEY_OK;
}

/* A deadline that ends in a walk-away needs that walk-away to exist. */
static parley_status_t check_tactics(loader_t *L, const yt_node_t *seq)
{
    const parley_sim_config_t *c = &L->s->sim;
    for (size_t k = 0; k < c->n_tactics; k++) {
        const parley_tactic_t *t = &c->tactics[k];
        if (t->kind != PARLEY_TACTIC_DEADLINE || !t->then_walk_away)
            continue;
        size_t m = 0;
        while (m < c->n_tactics && !(c->tactics[m].kind == PARLEY_TACTIC_WALK_AWAY &&
                                     c->tactics[m].actor == t->actor))
            m++;
        if (m == c->n_tactics)
            return parley__lerr(L, seq->items[k], "simulation: tactic #%zu: 'then: walk-away' "
                                "needs a walk-away tactic of '%s' (its effects)", k + 1,
                                L->s->actors[t->actor].id);
    }
    return PARLEY_OK;
}

static parley_status_t load_tactics(loader_t *L, const yt_node_t *seq)
{
    parley_status_t st = parley__lexpect(L, seq, YT_SEQ, "simulation: 'tactics'");
    if (st)
        return st;
    if (seq->n > MAX_TACTICS)
        return parley__lerr(L, seq, "simulation: %zu tactics: the limit is %d", seq->n,
                            MAX_TACTICS);
    parley_tactic_t *t = parley__arena_array(&L->s->arena, seq->n + 1, sizeof *t);
    if (!t)
        return nomem(L);
    L->s->sim.tactics = t;
    parley_status_t first = PARLEY_OK;
    for (size_t k = 0; k < seq->n; k++) {
        if (parley__lstop(L, load_tactic(L, seq->items[k], k, &t[k]), &first))
            return first;
        L->s->sim.n_tactics = k + 1;
    }
    return first ? first : check_tactics(L, seq); /* it needs every tactic whole */
}

static parley_status_t load_event(loader_t *L, const yt_node_t *n, size_t idx, parley_event_t *e)
{
    static const char *const keys[] = {"round", "name", "batna", "drift", "join", "leave",
                                       "drop_red_lines", "government", "probability", "public",
                                       "source", NULL};
    char what[200], path[200], w[240];
    snprintf(what, sizeof what, "simulation: event #%zu", idx + 1);
    snprintf(path, sizeof path, "simulation.events[%zu]", idx);
    parley_status_t st;
    if ((st = parley__lexpect(L, n, YT_MAP, what)) || (st = parley__lkeys(L, n, keys, what)) ||
        (st = parley__lopt_string(L, n, "name", what, &e->name)) ||
        (st = parley__lopt_string(L, n, "source", what, &e->source)))
        return st;
    const yt_node_t *x = parley__lget(n, "round");
    if (!x)
        return parley__lerr(L, n, "%s needs 'round' (when it happens, from 1)", what);
    snprintf(w, sizeof w, "%s: round", what);
    /* past the horizon an event can only matter to durability (a later election) */
    if ((st = luint(L, x, w, 1, L->s->sim.horizon + L->s->sim.durability_horizon, &e->round)))
        return st;
    char p[240];
    snprintf(w, sizeof w, "%s: batna", what);
    snprintf(p, sizeof p, "%s.batna", path);
    if ((x = parley__lget(n, "batna")) && (st = actor_numbers(L, x, w, p, -1.0, 1.0, 0.0, &e->batna)))
        return st;
    snprintf(w, sizeof w, "%s: drift", what);
    snprintf(p, sizeof p, "%s.drift", path);
    if ((x = parley__lget(n, "drift")) && (st = actor_numbers(L, x, w, p, -1.0, 1.0, (double)NAN, &e->drift)))
        return st;
    snprintf(w, sizeof w, "%s: join", what);
    if ((x = parley__lget(n, "join")) && (st = id_flags(L, x, w, 0, &e->join)))
        return st;
    snprintf(w, sizeof w, "%s: leave", what);
    if ((x = parley__lget(n, "leave")) && (st = id_flags(L, x, w, 0, &e->leave)))
        return st;
    snprintf(w, sizeof w, "%s: drop_red_lines", what);
    if ((x = parley__lget(n, "drop_red_lines")) && (st = red_line_pairs(L, x, w, &e->drop)))
        return st;
    snprintf(w, sizeof w, "%s: public", what);
    snprintf(p, sizeof p, "%s.public", path);
    if ((x = parley__lget(n, "public")) && (st = parley__load_public(L, x, w, p, &e->public_shift)))
        return st;
    if ((x = parley__lget(n, "government")) &&
        (st = parley__load_government(L, x, what, path, &e->government)))
        return st;
    e->probability = 1.0;
    snprintf(w, sizeof w, "%s: probability", what);
    snprintf(p, sizeof p, "%s.probability", path);
    const yt_node_t *at;
    if ((x = parley__lget(n, "probability")) &&
        ((st = parley__lnumber_u(L, x, w, p, 0.0, 1.0, &e->probability, NULL, &at)) ||
         (!(e->probability >= 0.0 && e->probability <= 1.0) &&
          (st = parley__lerr(L, at, "%s must be in [0,1], got %s", w, at->str)))))
        return st;
    if (!e->batna && !e->drift && !e->join && !e->leave && !e->drop && !e->government &&
        !e->public_shift)
        return parley__lerr(L, n, "%s changes nothing: give 'batna', 'drift', 'join', 'leave', "
                                  "'drop_red_lines', 'government' or 'public'", what);
    if (!e->name)
        e->name = "event";
    return PARLEY_OK;
}

static parley_status_t load_events(loader_t *L, const yt_node_t *seq)
{
    parley_status_t st = parley__lexpect(L, seq, YT_SEQ, "simulation: 'events'");
    if (st)
        return st;
    if (seq->n > MAX_EVENTS)
        return parley__lerr(L, seq, "simulation: %zu events: the limit is %d", seq->n, MAX_EVENTS);
    parley_event_t *e = parley__arena_array(&L->s->arena, seq->n + 1, sizeof *e);
    if (!e)
        return nomem(L);
    L->s->sim.events = e;
    parley_status_t first = PARLEY_OK;
    for (size_t k = 0; k < seq->n; k++) {
        if (parley__lstop(L, load_event(L, seq->items[k], k, &e[k]), &first))
            return first;
        L->s->sim.n_events = k + 1;
    }
    return first;
}

static parley_status_t load_enum(loader_t *L, const yt_node_t *n, const char *what,
                                 const char *a, const char *b, int *out)
{
    parley_status_t st = parley__lexpect(L, n, YT_SCALAR, what);
    if (st)
        return st;
    if (strcmp(n->str, a) == 0 || strcmp(n->str, b) == 0) {
        *out = strcmp(n->str, b) == 0;
        return PARLEY_OK;
    }
    return parley__lerr(L, n, "%s must be %s or %s, got '%.60s'", what, a, b, n->str);
}

/* protocol and meeting: arg names the two words, as load_enum reads them */
static parley_status_t read_enum(loader_t *L, const yt_node_t *opt, parley__choice_t *c,
                                 size_t k, const char **name, void *arg)
{
    const char *const *w = arg;
    int v = 0;
    parley_status_t st = load_enum(L, opt, w[2], w[0], w[1], &v);
    if (st)
        return st;
    c->code[k] = (size_t)v;
    *name = opt->str;
    return PARLEY_OK;
}

static parley_status_t read_mediator(loader_t *L, const yt_node_t *opt, parley__choice_t *c,
                                     size_t k, const char **name, void *arg)
{
    (void)arg;
    if (opt->kind == YT_SCALAR && strcmp(opt->str, "neutral") == 0)
        c->code[k] = NOT_FOUND;
    else {
        parley_status_t st = find_actor(L, opt, "simulation: mediator", &c->code[k]);
        if (st)
            return st;
    }
    *name = opt->str;
    return PARLEY_OK;
}

/* A setting of load_setup written as {dist: choice, ...}. */
static parley_status_t setup_choice(loader_t *L, const yt_node_t *x, const char *key,
                                    parley__choice_what_t kind)
{
    static const char *const PROTOCOL[] = {"alternating", "mediated", "simulation: protocol"};
    static const char *const MEETING[] = {"plenary", "shuttle", "simulation: meeting"};
    char what[80], path[80];
    snprintf(what, sizeof what, "simulation: %s", key);
    snprintf(path, sizeof path, "simulation.%s", key);
    size_t base;
    return parley__lchoice(L, x, what, path, kind, NOT_FOUND,
                           kind == PARLEY__CHOICE_MEDIATOR ? read_mediator : read_enum,
                           (void *)(kind == PARLEY__CHOICE_PROTOCOL ? PROTOCOL : MEETING), &base);
}

/* The room: the actors who negotiate, at least one. */
static parley_status_t load_room(loader_t *L, const yt_node_t *x)
{
    parley_sim_config_t *c = &L->s->sim;
    parley_status_t st = id_flags(L, x, "simulation: room", 0, &c->in_room);
    if (st)
        return st;
    size_t n = 0;
    for (size_t i = 0; i < L->s->n_actors; i++)
        n += c->in_room[i];
    if (n == 0)
        return parley__lerr(L, x, "simulation: the room is empty: name the actors who negotiate");
    return PARLEY_OK;
}

/* protocol, meeting, mediator, start, the room and the numbers; in collect
 * mode each key is checked. *rounds_ok is 0 when the horizon is in error. */
static parley_status_t load_setup(loader_t *L, const yt_node_t *map, int *rounds_ok)
{
    parley_sim_config_t *c = &L->s->sim;
    parley_status_t st = PARLEY_OK, first = PARLEY_OK;
    const yt_node_t *x;
    int v = 0;
    static const char *const CHOSEN[] = {"protocol", "meeting", "mediator"};
    for (int q = 0; q < 3; q++) /* written as {dist: choice, ...}: load_choice.c */
        if ((x = parley__lget(map, CHOSEN[q])) && parley__lis_choice(x) &&
            parley__lstop(L, setup_choice(L, x, CHOSEN[q], (parley__choice_what_t)(q + 1)),
                          &first))
            return first;
    if ((x = parley__lget(map, "protocol")) && !parley__lis_choice(x)) {
        if (!(st = load_enum(L, x, "simulation: protocol", "alternating", "mediated", &v)))
            c->protocol = v ? PARLEY_PROTOCOL_MEDIATED : PARLEY_PROTOCOL_ALTERNATING;
        if (parley__lstop(L, st, &first))
            return first;
    }
    if ((x = parley__lget(map, "meeting")) && !parley__lis_choice(x)) {
        if (!(st = load_enum(L, x, "simulation: meeting", "plenary", "shuttle", &v)))
            c->meeting = v ? PARLEY_MEETING_SHUTTLE : PARLEY_MEETING_PLENARY;
        if (parley__lstop(L, st, &first))
            return first;
    }
    if ((x = parley__lget(map, "mediator")) && !parley__lis_choice(x) && !(x->kind == YT_SCALAR && strcmp(x->str, "neutral") == 0) &&
        parley__lstop(L, find_actor(L, x, "simulation: mediator", &c->mediator), &first))
        return first;
    if ((x = parley__lget(map, "start")) &&
        parley__lstop(L, find_proposal(L, x, "simulation: start", &c->start), &first))
        return first;
    if ((x = parley__lget(map, "horizon")) &&
        (st = luint(L, x, "simulation: horizon", 1, MAX_ROUNDS, &c->horizon))) {
        *rounds_ok = 0;
        if (parley__lstop(L, st, &first))
            return first;
    }
    if ((x = parley__lget(map, "grid")) &&
        parley__lstop(L, luint(L, x, "simulation: grid", 2, 1001, &c->grid), &first))
        return first;
    if ((x = parley__lget(map, "durability_horizon")) &&
        parley__lstop(L, luint(L, x, "simulation: durability_horizon", 1, MAX_ROUNDS,
                               &c->durability_horizon), &first))
        return first;
    if ((x = parley__lget(map, "changes")) &&
        parley__lstop(L, luint(L, x, "simulation: changes", 1, 1000, &c->changes), &first))
        return first;
    if ((x = parley__lget(map, "room")) && parley__lstop(L, load_room(L, x), &first))
        return first;
    if ((x = parley__lget(map, "favour")) &&
        parley__lstop(L, actor_numbers(L, x, "simulation: favour", "simulation.favour", 0.0,
                                       100.0, 1.0, &c->favour), &first))
        return first;
    parley__lstop(L, opt_num(L, map, "self_weight", "simulation", "simulation", 0.0, 100.0,
                             &c->self_weight), &first);
    return first;
}

parley_status_t parley__load_simulation(loader_t *L, const yt_node_t *map)
{
    static const char *const keys[] = {"protocol", "meeting", "mediator", "favour",
                                       "self_weight", "changes", "start", "horizon", "grid",
                                       "durability_horizon", "room", "strategies", "tactics",
                                       "events", "source", NULL};
    parley_status_t st, first = PARLEY_OK;
    if ((st = parley__lexpect(L, map, YT_MAP, "'simulation'")))
        return st;
    int rounds_ok = 1; /* the tactics' and events' rounds are checked against the horizon */
    if (parley__lstop(L, parley__lkeys(L, map, keys, "'simulation'"), &first) ||
        parley__lstop(L, load_setup(L, map, &rounds_ok), &first))
        return first;
    L->s->sim.present = 1;
    const yt_node_t *x;
    if ((x = parley__lget(map, "strategies")) && parley__lstop(L, load_strategies(L, x), &first))
        return first;
    if (!rounds_ok)
        return first;
    if ((x = parley__lget(map, "tactics")) && parley__lstop(L, load_tactics(L, x), &first))
        return first;
    if ((x = parley__lget(map, "events")) && parley__lstop(L, load_events(L, x), &first))
        return first;
    return first;
}
