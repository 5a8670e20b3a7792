/*
 * load_ratify.c — the optional `ratification:` section: bodies outside the
 * room (a parliament, a congress, a public in a referendum) whose vote
 * decides whether an actor's signature holds (docs/scenario-format.md,
 * "ratification"). Each body is a threshold over weighted members or over
 * the shares of a public's segments; members and segments have stances in
 * the actors' syntax (load_stances.c reads them) and a BATNA.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "loader.h"
#include "../core/exact.h"

#define NOT_FOUND ((size_t)-1)
#define MAX_BODIES 256
#define MAX_MEMBERS 4096
#define MAX_VOTE_AFTER 100000

static parley_status_t nomem(loader_t *L)
{
    return parley__fail(L->ctx, PARLEY_ENOMEM, "%s: out of memory", L->name);
}

/* majority | two-thirds | three-fifths | unanimity | {share: X, source: ...} */
static parley_status_t load_threshold(loader_t *L, const yt_node_t *n, parley_threshold_t *t,
                                      const char *what)
{
    static const struct {
        const char *word, *exact;
        parley_threshold_kind_t kind;
        double share;
        int strict;
    } words[] = {{"majority", "1/2", PARLEY_THRESHOLD_MAJORITY, 0.5, 1},
                 {"two-thirds", "2/3", PARLEY_THRESHOLD_TWO_THIRDS, 2.0 / 3.0, 0},
                 {"three-fifths", "3/5", PARLEY_THRESHOLD_THREE_FIFTHS, 0.6, 0},
                 {"unanimity", "1", PARLEY_THRESHOLD_UNANIMITY, 1.0, 0}};
    parley_status_t st;
    if (n->kind == YT_MAP) {
        static const char *const keys[] = {"share", "source", NULL};
        const char *src;
        if ((st = parley__lkeys(L, n, keys, what)) ||
            (st = parley__lopt_string(L, n, "source", what, &src)))
            return st;
        const yt_node_t *sh = parley__lget(n, "share"), *at;
        if (!sh)
            return parley__lerr(L, n, "%s: a mapping here needs 'share' (at least this share of "
                                      "the weight votes yes)", what);
        char w[300];
        snprintf(w, sizeof w, "%s: share", what);
        if ((st = parley__lnumber(L, sh, w, &t->share, NULL, &at)))
            return st;
        if (!(t->share > 0.0 && t->share <= 1.0))
            return parley__lerr(L, at, "%s must be in (0,1], got %s", w, at->str);
        t->kind = PARLEY_THRESHOLD_SHARE;
        t->strict = 0;
        return PARLEY_OK;
    }
    if ((st = parley__lexpect(L, n, YT_SCALAR, what)))
        return st;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (strcmp(n->str, words[k].word) == 0) {
            t->kind = words[k].kind;
            t->share = words[k].share;
            t->strict = words[k].strict;
            return parley__exact_note(L->s, &t->share, words[k].exact) ? nomem(L) : PARLEY_OK;
        }
    const char *const cand[] = {"majority", "two-thirds", "three-fifths", "unanimity"};
    const char *hint = parley_suggest(n->str, cand, 4);
    if (hint)
        return parley__lerr(L, n, "%s: unknown rule '%.60s' (did you mean '%s'?)", what, n->str,
                            hint);
    return parley__lerr(L, n, "%s: unknown rule '%.60s' (majority, two-thirds, three-fifths, "
                              "unanimity, or {share: X})", what, n->str);
}

static parley_status_t load_bool(loader_t *L, const yt_node_t *n, int *out, const char *what)
{
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

/* `issues: [ids]`: the issues put to the vote. */
static parley_status_t load_issues(loader_t *L, const yt_node_t *n, parley_ratifier_t *b,
                                   const char *what)
{
    parley_scenario_t *s = L->s;
    char w[300];
    snprintf(w, sizeof w, "%s: 'issues'", what);
    parley_status_t st = parley__lexpect(L, n, YT_SEQ, w);
    if (st)
        return st;
    if (n->n == 0)
        return parley__lerr(L, n, "%s is empty: name the issues put to the vote (or leave "
                                  "'issues' out: the whole package)", w);
    unsigned char *f = parley__arena_alloc(&s->arena, s->n_issues + 1);
    if (!f)
        return nomem(L);
    for (size_t k = 0; k < n->n; k++) {
        const yt_node_t *it = n->items[k];
        if ((st = parley__lexpect(L, it, YT_SCALAR, w)))
            return st;
        size_t j = parley_scenario_find_issue(s, it->str);
        if (j == NOT_FOUND) {
            char w2[320];
            snprintf(w2, sizeof w2, "%s: ", w);
            return parley__lunknown(L, it, w2, 1);
        }
        if (f[j])
            return parley__lerr(L, it, "%s names issue '%s' twice", w, it->str);
        f[j] = 1;
    }
    b->issues = f;
    return PARLEY_OK;
}

/* A member's (segment's) stances: issue id -> stance, on the body's issues only. */
static parley_status_t load_member_stances(loader_t *L, const yt_node_t *map,
                                           const parley_ratifier_t *b, parley_ratify_member_t *m,
                                           const char *who, const char *owner)
{
    parley_scenario_t *s = L->s;
    char w[400];
    snprintf(w, sizeof w, "%s: 'stances'", who);
    parley_status_t st = parley__lexpect(L, map, YT_MAP, w);
    if (st)
        return st;
    parley_stance_t *sts = parley__arena_array(&s->arena, s->n_issues + 1, sizeof *sts);
    if (!sts)
        return nomem(L);
    for (size_t j = 0; j < s->n_issues; j++) {
        sts[j].red_below = -HUGE_VAL;
        sts[j].red_above = HUGE_VAL;
    }
    double total = 0.0;
    for (size_t q = 0; q < map->n; q++) {
        const yt_node_t *ik = map->items[2 * q];
        size_t j = parley_scenario_find_issue(s, ik->str);
        if (j == NOT_FOUND) {
            char w2[420];
            snprintf(w2, sizeof w2, "%s: ", w);
            return parley__lunknown(L, ik, w2, 1);
        }
        if (parley__lbad(L->bad_issue, j))
            return parley__lquiet(L);
        if (b->issues && !b->issues[j])
            return parley__lerr(L, ik, "%s: a stance on issue '%s', which is not put to the vote "
                                       "(body '%s' votes on its 'issues' only: remove the stance "
                                       "or add the issue there)", who, ik->str, b->id);
        if ((st = parley__load_stance(L, map->items[2 * q + 1], (size_t)-1, j, &sts[j], who,
                                      owner)))
            return st;
        total += sts[j].salience;
    }
    if (!(total > 0.0))
        return parley__lerr(L, map, "%s has salience 0 on every issue it votes on: give it a "
                                    "stance with salience > 0 on at least one", who);
    m->stances = sts;
    return PARLEY_OK;
}

static parley_status_t load_member(loader_t *L, const yt_node_t *n, parley_ratifier_t *b,
                                   parley_ratify_member_t *m, size_t idx, double *low)
{
    static const char *const mkeys[] = {"id", "name", "source", "notes", "weight", "batna",
                                        "stances", NULL};
    static const char *const pkeys[] = {"id", "name", "source", "notes", "share", "batna",
                                        "stances", NULL};
    const char *kind = b->population ? "segment" : "member";
    const char *wkey = b->population ? "share" : "weight";
    char what[200], label[120];
    snprintf(what, sizeof what, "body '%s': %s #%zu", b->id, kind, idx + 1);
    snprintf(label, sizeof label, "body '%s': %s", b->id, kind);
    parley_litem_t h;
    parley_status_t st =
        parley__litem(L, n, label, "id", b->population ? pkeys : mkeys, &h, what, sizeof what);
    m->id = h.id;
    if (st)
        return st;
    m->name = h.name;
    m->source = h.source;
    const char *list = b->population ? "population" : "members";
    const yt_node_t *wn = parley__lget(n, wkey), *bn = parley__lget(n, "batna"), *at;
    if (!wn)
        return parley__lerr(L, n, b->population ? "%s has no 'share' (its share of the public, "
                                                  "in [0,1])"
                                                : "%s has no 'weight' (its seats or votes, > 0)",
                            what);
    char w[300], path[400];
    snprintf(w, sizeof w, "%s: %s", what, wkey);
    snprintf(path, sizeof path, "ratification.%s.%s.%s.%s", b->id, list, m->id, wkey);
    size_t n_unc = L->s->n_unc;
    double hi = b->population ? 1.0 : 1e12;
    if ((st = parley__lnumber_u(L, wn, w, path, 0.0, hi, &m->weight, &m->weight_source, &at)))
        return st;
    if (b->population ? !(m->weight >= 0.0 && m->weight <= 1.0)
                      : !(m->weight > 0.0 && m->weight <= 1e12))
        return parley__lerr(L, at, b->population ? "%s must be in [0,1], got %s"
                                                 : "%s must be in (0,1e12], got %s", w, at->str);
    /* the least the weight can be: a distribution's lower end */
    *low = L->s->n_unc > n_unc ? L->s->unc[L->s->n_unc - 1].a : m->weight;
    if (!bn)
        return parley__lerr(L, n, "%s has no 'batna' (the utility at which it votes yes, in "
                                  "[0,1])", what);
    snprintf(w, sizeof w, "%s: batna", what);
    snprintf(path, sizeof path, "ratification.%s.%s.%s.batna", b->id, list, m->id);
    if ((st = parley__lnumber_u(L, bn, w, path, 0.0, 1.0, &m->batna, &m->batna_source, &at)))
        return st;
    if (!(m->batna >= 0.0 && m->batna <= 1.0))
        return parley__lerr(L, at, "%s must be in [0,1], got %s", w, at->str);
    const yt_node_t *sn = parley__lget(n, "stances");
    if (!sn)
        return parley__lerr(L, n, "%s has no 'stances' (issue: {salience, ideal or values, "
                                  "red_line}, as an actor's)", what);
    char owner[400];
    snprintf(owner, sizeof owner, "ratification.%s.%s.%s.stances", b->id, list, m->id);
    return load_member_stances(L, sn, b, m, what, owner);
}

static parley_status_t load_members(loader_t *L, const yt_node_t *seq, parley_ratifier_t *b,
                                    const char *what)
{
    char w[300];
    snprintf(w, sizeof w, "%s: '%s'", what, b->population ? "population" : "members");
    parley_status_t st = parley__lexpect(L, seq, YT_SEQ, w);
    if (st)
        return st;
    if (seq->n == 0)
        return parley__lerr(L, seq, "%s is empty: a body needs at least one %s", w,
                            b->population ? "segment" : "member");
    if (seq->n > MAX_MEMBERS)
        return parley__lerr(L, seq, "%s has %zu items: the limit is %d", w, seq->n, MAX_MEMBERS);
    parley_ratify_member_t *ms = parley__arena_array(&L->s->arena, seq->n, sizeof *ms);
    if (!ms)
        return nomem(L);
    double low = 0.0;
    for (size_t k = 0; k < seq->n; k++) {
        double lk = 0.0;
        if ((st = load_member(L, seq->items[k], b, &ms[k], k, &lk)))
            return st;
        for (size_t q = 0; q < k; q++)
            if (strcmp(ms[q].id, ms[k].id) == 0)
                return parley__lerr(L, parley__lget(seq->items[k], "id"),
                                    "%s: duplicate id '%s'", w, ms[k].id);
        low += lk;
    }
    if (!(low > 0.0))
        return parley__lerr(L, seq, "%s: the shares could all be 0 (give at least one segment a "
                                    "share, or a distribution, above 0): a vote needs a public",
                            w);
    b->members = ms;
    b->n_members = seq->n;
    return PARLEY_OK;
}

static parley_status_t load_body(loader_t *L, const yt_node_t *n, parley_ratifier_t *b, size_t idx)
{
    static const char *const keys[] = {"id", "name", "source", "notes", "actor", "rule",
                                       "members", "population", "issues", "override",
                                       "anticipate", "vote_after", NULL};
    parley_scenario_t *s = L->s;
    char what[160];
    snprintf(what, sizeof what, "ratification body #%zu", idx + 1);
    parley_litem_t h;
    parley_status_t st =
        parley__litem(L, n, "body", "ratification body id", keys, &h, what, sizeof what);
    b->id = h.id;
    if (st)
        return st;
    b->name = h.name;
    b->source = h.source;
    b->notes = h.notes;
    const yt_node_t *an = parley__lget(n, "actor");
    if (!an)
        return parley__lerr(L, n, "%s has no 'actor' (the actor whose signature it ratifies)",
                            what);
    if ((st = parley__lexpect(L, an, YT_SCALAR, "'actor'")))
        return st;
    b->actor = parley_scenario_find_actor(s, an->str);
    if (b->actor == NOT_FOUND) {
        char w[200];
        snprintf(w, sizeof w, "%s: 'actor': ", what);
        return parley__lunknown(L, an, w, 0);
    }
    const yt_node_t *rn = parley__lget(n, "rule");
    if (!rn)
        return parley__lerr(L, n, "%s has no 'rule' (majority, two-thirds, three-fifths, "
                                  "unanimity, or {share: X})", what);
    char w[220];
    snprintf(w, sizeof w, "%s: rule", what);
    if ((st = load_threshold(L, rn, &b->rule, w)))
        return st;
    const yt_node_t *iss = parley__lget(n, "issues");
    if (iss && (st = load_issues(L, iss, b, what)))
        return st;
    const yt_node_t *ov = parley__lget(n, "override");
    if (ov) {
        static const char *const okeys[] = {"rule", "source", NULL};
        const char *src;
        snprintf(w, sizeof w, "%s: override", what);
        if ((st = parley__lexpect(L, ov, YT_MAP, w)) || (st = parley__lkeys(L, ov, okeys, w)) ||
            (st = parley__lopt_string(L, ov, "source", w, &src)))
            return st;
        const yt_node_t *orule = parley__lget(ov, "rule");
        if (!orule)
            return parley__lerr(L, ov, "%s needs 'rule' (the share of the weight voting no that "
                                       "makes a rejection stand, e.g. two-thirds)", w);
        snprintf(w, sizeof w, "%s: override: rule", what);
        if ((st = load_threshold(L, orule, &b->override, w)))
            return st;
        b->has_override = 1;
    }
    b->anticipate = 1;
    const yt_node_t *antn = parley__lget(n, "anticipate");
    snprintf(w, sizeof w, "%s: anticipate", what);
    if (antn && (st = load_bool(L, antn, &b->anticipate, w)))
        return st;
    const yt_node_t *va = parley__lget(n, "vote_after");
    if (va) {
        double v;
        const yt_node_t *at;
        snprintf(w, sizeof w, "%s: vote_after", what);
        if ((st = parley__lnumber(L, va, w, &v, NULL, &at)))
            return st;
        if (!(v >= 0.0 && v <= MAX_VOTE_AFTER && v == floor(v)))
            return parley__lerr(L, at, "%s must be a whole number of rounds from 0 to %d, got %s",
                                w, MAX_VOTE_AFTER, at->str);
        b->vote_after = (unsigned)v;
    }
    const yt_node_t *mem = parley__lget(n, "members"), *pop = parley__lget(n, "population");
    if (mem && pop)
        return parley__lerr(L, pop, "%s has both 'members' and 'population': give one", what);
    if (!mem && !pop)
        return parley__lerr(L, n, "%s needs 'members' (voting blocs with a weight) or "
                                  "'population' (segments of a public with a share)", what);
    b->population = pop != NULL;
    return load_members(L, mem ? mem : pop, b, what);
}

parley_status_t parley__load_ratification(loader_t *L, const yt_node_t *seq)
{
    parley_scenario_t *s = L->s;
    parley_status_t st = parley__lexpect(L, seq, YT_SEQ, "'ratification'"), first = PARLEY_OK;
    if (st)
        return st;
    if (seq->n > MAX_BODIES)
        return parley__lerr(L, seq, "%zu ratification bodies: the limit is %d", seq->n,
                            MAX_BODIES);
    s->ratifiers = parley__arena_array(&s->arena, seq->n + 1, sizeof *s->ratifiers);
    if (!s->ratifiers)
        return nomem(L);
    for (size_t k = 0; k < seq->n; k++) {
        parley_ratifier_t *b = &s->ratifiers[k];
        parley_status_t rc = load_body(L, seq->items[k], b, k);
        if (!rc && parley_scenario_find_ratifier(s, b->id) != NOT_FOUND) /* among 0..k-1 */
            rc = parley__lerr(L, parley__lget(seq->items[k], "id"),
                              "duplicate ratification body id '%s'", b->id);
        if (parley__lstop(L, rc, &first))
            return first;
        if (rc)
            return first; /* collect mode: later bodies are not judged against a broken one */
        b->first = k ? s->ratifiers[k - 1].first + s->ratifiers[k - 1].n_members : 0;
        s->n_ratifiers = k + 1;
    }
    return first;
}

/* `public: {BODY: {SEGMENT: shift, ...}, ...}` (simulation events and
 * tactics): shifts of a public's segment shares, flat over every body's
 * members (parley_ratifier_t.first), 0 where none is given. */
parley_status_t parley__load_public(loader_t *L, const yt_node_t *map, const char *what,
                                    const char *path, const double **out)
{
    parley_scenario_t *s = L->s;
    parley_status_t st = parley__lexpect(L, map, YT_MAP, what);
    if (st)
        return st;
    size_t n = parley_scenario_ratify_member_count(s);
    double *v = parley__arena_array(&s->arena, n + 1, sizeof *v);
    if (!v)
        return nomem(L);
    for (size_t q = 0; q < map->n; q++) {
        const yt_node_t *bk = map->items[2 * q], *segs = map->items[2 * q + 1];
        size_t k = parley_scenario_find_ratifier(s, bk->str);
        if (k == NOT_FOUND) {
            const char *ids[MAX_BODIES];
            for (size_t m = 0; m < s->n_ratifiers; m++)
                ids[m] = s->ratifiers[m].id;
            const char *hint = parley_suggest(bk->str, ids, s->n_ratifiers);
            if (hint)
                return parley__lerr(L, bk, "%s: unknown ratification body '%.60s' (did you mean "
                                           "'%s'?)", what, bk->str, hint);
            return parley__lerr(L, bk, "%s: unknown ratification body '%.60s' (the "
                                       "'ratification' section has %zu)", what, bk->str,
                                s->n_ratifiers);
        }
        const parley_ratifier_t *b = &s->ratifiers[k];
        if (!b->population)
            return parley__lerr(L, bk, "%s: body '%s' has 'members', not a 'population': only a "
                                       "public's segment shares move", what, b->id);
        char w[400];
        snprintf(w, sizeof w, "%s: %s", what, b->id);
        if ((st = parley__lexpect(L, segs, YT_MAP, w)))
            return st;
        for (size_t r = 0; r < segs->n; r++) {
            const yt_node_t *sk = segs->items[2 * r], *at;
            size_t i = 0;
            while (i < b->n_members && strcmp(b->members[i].id, sk->str) != 0)
                i++;
            if (i == b->n_members) {
                const char *ids[MAX_MEMBERS];
                for (size_t m = 0; m < b->n_members; m++)
                    ids[m] = b->members[m].id;
                const char *hint = parley_suggest(sk->str, ids, b->n_members);
                if (hint)
                    return parley__lerr(L, sk, "%s: unknown segment '%.60s' (did you mean "
                                               "'%s'?)", w, sk->str, hint);
                return parley__lerr(L, sk, "%s: unknown segment '%.60s'", w, sk->str);
            }
            char w2[500], p2[500];
            snprintf(w2, sizeof w2, "%s: %s", w, sk->str);
            snprintf(p2, sizeof p2, "%s.%s.%s", path, b->id, sk->str);
            double *x = &v[b->first + i];
            if ((st = parley__lnumber_u(L, segs->items[2 * r + 1], w2, p2, -1.0, 1.0, x, NULL,
                                        &at)))
                return st;
            if (!(*x >= -1.0 && *x <= 1.0))
                return parley__lerr(L, at, "%s must be in [-1,1] (a change of its share), got %s",
                                    w2, at->str);
        }
    }
    *out = v;
    return PARLEY_OK;
}
