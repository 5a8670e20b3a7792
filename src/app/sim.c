/*
 * sim.c — the simulation of `parley simulate`, `montecarlo` and the API:
 * the what-if switches parsed from their strings (a tactic left out, an
 * actor let into or kept out of the room, another protocol), --set's values
 * for uncertain inputs, and the play with its trace (written by sim_out.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sim.h"

static const char *const KINDS[] = {"deadline", "walk-away", "leak", "campaign"};

/* Does `word` name tactic k: its kind, its name, or KIND:ACTOR? */
static int names_tactic(const parley_scenario_t *s, const parley_tactic_t *t, const char *word,
                        size_t len)
{
    const char *kind = KINDS[t->kind];
    if ((strlen(kind) == len && strncmp(word, kind, len) == 0) ||
        (t->name && strlen(t->name) == len && strncmp(word, t->name, len) == 0))
        return 1;
    size_t kl = strlen(kind);
    if (t->actor == (size_t)-1 || len <= kl + 1 || strncmp(word, kind, kl) != 0 || word[kl] != ':')
        return 0;
    const char *id = parley_scenario_actor(s, t->actor)->id;
    return strlen(id) == len - kl - 1 && strncmp(word + kl + 1, id, len - kl - 1) == 0;
}

static parley_status_t parse_without(parley_ctx_t *ctx, const char *list, sim_run_t *r)
{
    const parley_sim_config_t *c = parley_scenario_simulation(r->s);
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, ",");
        int hit = 0;
        for (size_t k = 0; k < c->n_tactics; k++)
            if (names_tactic(r->s, &c->tactics[k], p, len)) {
                r->tactic_off[k] = 1;
                hit = 1;
            }
        if (!hit)
            return parley_ctx_fail(ctx, PARLEY_EINPUT,
                                   "--without: no tactic '%.*s' in the scenario (give a kind: "
                                   "deadline, walk-away, leak; a tactic's name; or KIND:ACTOR)",
                                   (int)len, p);
        p += len + (p[len] == ',');
    }
    return PARLEY_OK;
}

static parley_status_t parse_actors(parley_ctx_t *ctx, const char *opt, const char *list,
                                    signed char value, sim_run_t *r)
{
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, ",");
        char id[128];
        if (len == 0 || len >= sizeof id)
            return parley_ctx_fail(ctx, PARLEY_EARG, "%s needs actor ids separated by commas", opt);
        memcpy(id, p, len);
        id[len] = '\0';
        size_t i = parley_scenario_find_actor(r->s, id);
        if (i == (size_t)-1)
            return parley_ctx_fail(ctx, PARLEY_EINPUT, "%s: no actor '%s' in the scenario", opt, id);
        r->room[i] = value;
        p += len + (p[len] == ',');
    }
    return PARLEY_OK;
}

static parley_status_t parse_uint(parley_ctx_t *ctx, const char *opt, const char *s, unsigned lo,
                                  unsigned hi, unsigned *out)
{
    char *end;
    unsigned long v = s ? strtoul(s, &end, 10) : 0;
    if (!s)
        return PARLEY_OK;
    if (!*s || *end || s[0] == '-' || v < lo || v > hi)
        return parley_ctx_fail(ctx, PARLEY_EARG,
                               "%s must be a whole number from %u to %u, got '%s'", opt, lo, hi, s);
    *out = (unsigned)v;
    return PARLEY_OK;
}

static parley_status_t parse_choice(parley_ctx_t *ctx, const char *opt, const char *s,
                                    const char *a, const char *b, int *out)
{
    if (!s)
        return PARLEY_OK;
    if (strcmp(s, a) == 0 || strcmp(s, b) == 0) {
        *out = strcmp(s, b) == 0;
        return PARLEY_OK;
    }
    return parley_ctx_fail(ctx, PARLEY_EARG, "%s must be %s or %s, got '%s'", opt, a, b, s);
}

parley_status_t sim_run_setup(parley_ctx_t *ctx, const sim_switches_t *w, sim_run_t *r)
{
    size_t nt = parley_scenario_simulation(r->s)->n_tactics;
    size_t na = parley_scenario_actor_count(r->s);
    parley_sim_options_init(&r->opt);
    r->tactic_off = calloc(nt + 1, 1);
    r->room = malloc(na + 1);
    if (!r->tactic_off || !r->room)
        return parley_ctx_fail(ctx, PARLEY_ENOMEM, "out of memory");
    memset(r->room, -1, na + 1);
    r->without = w->without;
    r->join = w->join;
    r->leave = w->leave;
    parley_status_t rc;
    if ((rc = parse_without(ctx, w->without, r)) ||
        (rc = parse_actors(ctx, "--join", w->join, 1, r)) ||
        (rc = parse_actors(ctx, "--leave", w->leave, 0, r)) ||
        (rc = parse_choice(ctx, "--protocol", w->protocol, "alternating", "mediated",
                           &r->opt.protocol)) ||
        (rc = parse_choice(ctx, "--meeting", w->meeting, "plenary", "shuttle", &r->opt.meeting)) ||
        (rc = parse_uint(ctx, "--horizon", w->horizon, 1, 100000, &r->opt.horizon)) ||
        (rc = parse_uint(ctx, "--grid", w->grid, 2, 1001, &r->opt.grid)))
        return rc;
    if (w->seed) {
        char *end;
        unsigned long long v = strtoull(w->seed, &end, 10);
        if (!*w->seed || *end || w->seed[0] == '-')
            return parley_ctx_fail(ctx, PARLEY_EARG,
                                   "--seed must be a whole number from 0 to 2^64-1, got '%s'", w->seed);
        r->opt.seed = v;
        r->opt.seeded = 1;
    }
    r->opt.tactic_off = r->tactic_off;
    r->opt.room = r->room;
    r->opt.trace = 1;
    return PARLEY_OK;
}

parley_status_t sim_run_play(parley_ctx_t *ctx, sim_run_t *r)
{
    parley_status_t st = parley_sim_create(ctx, r->s, &r->opt, &r->sim);
    if (!st)
        st = parley_sim_run(ctx, r->sim);
    return st;
}

void sim_run_free(sim_run_t *r)
{
    parley_sim_destroy(r->sim);
    free(r->tactic_off);
    free(r->room);
    r->sim = NULL;
    r->tactic_off = NULL;
    r->room = NULL;
}

