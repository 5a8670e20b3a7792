/*
 * load_links.c — the linkage sections of a scenario: `constraints:`,
 * `red_lines:` (conditional red lines, one actor each) and `terms:`
 * (interaction terms of an actor's utility). Each is a list of items built
 * from combinations: a mapping from issue ids to conditions
 * (docs/scenario-format.md, "Linkage"). Loaded after the stances, so an
 * actor whose only interest is its terms is judged once they are known.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "../core/core.h"
#include "../core/exact.h"
#include "loader.h"

#define NOT_FOUND ((size_t)-1)
#define MAX_LINKS 4096

static parley_status_t nomem(loader_t *L)
{
    return parley__fail(L->ctx, PARLEY_ENOMEM, "%s: out of memory", L->name);
}

static unsigned long long all_options(const parley_issue_t *is)
{
    return is->n_options >= 64 ? ~0ull : (1ull << is->n_options) - 1ull;
}

/* A bound on a discrete issue: an option id, as an index. */
static parley_status_t option_bound(loader_t *L, const parley_issue_t *is, const yt_node_t *n,
                                    const char *what, size_t *k)
{
    return parley__lfind_option(L, is, n, what, k);
}

/* A bound on a continuous issue: a number within the scale, noted exactly. */
static parley_status_t scale_bound(loader_t *L, const parley_issue_t *is, const yt_node_t *n,
                                   const char *what, double *out)
{
    const yt_node_t *at;
    parley_status_t st = parley__lnumber(L, n, what, out, NULL, &at);
    if (st)
        return st;
    if (*out < is->lo || *out > is->hi)
        return parley__lerr(L, at, "%s: %s lies outside the scale of issue '%s' (%g to %g)", what,
                            at->str, is->id, is->lo, is->hi);
    return PARLEY_OK;
}

/* {at_least, at_most, above, below} on either kind of issue. */
static parley_status_t bounds(loader_t *L, const yt_node_t *n, const parley_issue_t *is,
                              const char *what, parley_condition_t *c)
{
    const yt_node_t *ge = parley__lget(n, "at_least"), *gt = parley__lget(n, "above");
    const yt_node_t *le = parley__lget(n, "at_most"), *lt = parley__lget(n, "below");
    if (ge && gt)
        return parley__lerr(L, gt, "%s: give 'at_least' or 'above', not both", what);
    if (le && lt)
        return parley__lerr(L, lt, "%s: give 'at_most' or 'below', not both", what);
    if (!ge && !gt && !le && !lt)
        return parley__lerr(L, n, "%s: a condition needs a bound (at_least, at_most, above, "
                                  "below) or 'not'", what);
    const yt_node_t *lo = ge ? ge : gt, *hi = le ? le : lt;
    parley_status_t st;
    if (is->kind == PARLEY_ISSUE_DISCRETE) {
        size_t a = 0, b = is->n_options - 1, k;
        if (lo && (st = option_bound(L, is, lo, what, &k)))
            return st;
        if (lo)
            a = gt ? k + 1 : k;
        if (hi && (st = option_bound(L, is, hi, what, &k)))
            return st;
        if (hi) {
            if (lt && k == 0)
                return parley__lerr(L, lt, "%s: no option lies below '%s', the first", what,
                                    lt->str);
            b = lt ? k - 1 : k;
        }
        c->options = 0;
        for (size_t m = a; m <= b && m < is->n_options; m++)
            c->options |= 1ull << m;
        if (!c->options)
            return parley__lerr(L, n, "%s: no option of issue '%s' lies within these bounds",
                                what, is->id);
        return PARLEY_OK;
    }
    c->lo = -HUGE_VAL;
    c->hi = HUGE_VAL;
    if (lo && (st = scale_bound(L, is, lo, what, &c->lo)))
        return st;
    if (hi && (st = scale_bound(L, is, hi, what, &c->hi)))
        return st;
    c->lo_open = gt != NULL;
    c->hi_open = lt != NULL;
    if (lo && hi && (c->lo > c->hi || (c->lo == c->hi && (c->lo_open || c->hi_open))))
        return parley__lerr(L, n, "%s: no position lies within these bounds", what);
    if ((gt && c->lo >= is->hi) || (lt && c->hi <= is->lo))
        return parley__lerr(L, n, "%s: no position of the scale (%g to %g) lies within these "
                                  "bounds", what, is->lo, is->hi);
    return PARLEY_OK;
}

/* Whether the condition (before `not`) holds at every position: a `not:`
 * of it could never hold. */
static int holds_everywhere(const parley_issue_t *is, const parley_condition_t *c)
{
    if (is->kind == PARLEY_ISSUE_DISCRETE)
        return c->options == all_options(is);
    return (c->lo < is->lo || (c->lo == is->lo && !c->lo_open)) &&
           (c->hi > is->hi || (c->hi == is->hi && !c->hi_open));
}

static parley_status_t condition(loader_t *L, const yt_node_t *n, const parley_issue_t *is,
                                 const char *what, int depth, parley_condition_t *c);

/* {not: C} */
static parley_status_t negation(loader_t *L, const yt_node_t *n, const parley_issue_t *is,
                                const char *what, int depth, parley_condition_t *c)
{
    static const char *const only_not[] = {"not", NULL};
    parley_status_t st = parley__lkeys(L, n, only_not, what);
    if (st)
        return st;
    if (depth > 0)
        return parley__lerr(L, n, "%s: 'not' of a 'not' (write the condition itself)", what);
    const yt_node_t *inner = parley__lget(n, "not");
    if ((st = condition(L, inner, is, what, depth + 1, c)))
        return st;
    if (holds_everywhere(is, c))
        return parley__lerr(L, inner, "%s: every position of issue '%s' satisfies this, so its "
                                      "'not' never holds", what, is->id);
    c->negate = 1;
    return PARLEY_OK;
}

static parley_status_t condition(loader_t *L, const yt_node_t *n, const parley_issue_t *is,
                                 const char *what, int depth, parley_condition_t *c)
{
    static const char *const keys[] = {"at_least", "at_most", "above", "below", "not", NULL};
    parley_status_t st;
    size_t k;
    if (n->kind == YT_MAP) {
        if (parley__lget(n, "not"))
            return negation(L, n, is, what, depth, c);
        if ((st = parley__lkeys(L, n, keys, what)))
            return st;
        return bounds(L, n, is, what, c);
    }
    if (n->kind == YT_SCALAR && parley__yt_is_null(n))
        return parley__lerr(L, n, "%s: a condition is needed here, got nothing", what);
    if (is->kind == PARLEY_ISSUE_CONTINUOUS) {
        if (n->kind == YT_SEQ)
            return parley__lerr(L, n, "%s: a continuous issue takes bounds (at_least, at_most, "
                                      "above, below) or a number, not a list", what);
        if ((st = scale_bound(L, is, n, what, &c->lo)))
            return st;
        c->hi = c->lo;
        parley_status_t nt = parley__exact_note(L->s, &c->hi, n->str);
        return nt ? nomem(L) : PARLEY_OK;
    }
    if (n->kind == YT_SCALAR) {
        if ((st = parley__lfind_option(L, is, n, what, &k)))
            return st;
        c->options = 1ull << k;
        return PARLEY_OK;
    }
    if (n->n == 0)
        return parley__lerr(L, n, "%s: an empty list of options never holds", what);
    for (size_t p = 0; p < n->n; p++) {
        if ((st = parley__lfind_option(L, is, n->items[p], what, &k)))
            return st;
        if (c->options & (1ull << k))
            return parley__lerr(L, n->items[p], "%s: option '%s' is listed twice", what,
                                n->items[p]->str);
        c->options |= 1ull << k;
    }
    return PARLEY_OK;
}

/* A combination: a non-empty mapping from issue ids to conditions. */
static parley_status_t combination(loader_t *L, const yt_node_t *n, const char *what,
                                   parley_combination_t *out)
{
    parley_status_t st = parley__lexpect(L, n, YT_MAP, what);
    if (st)
        return st;
    if (n->n == 0)
        return parley__lerr(L, n, "%s is empty: name at least one issue and where it lies", what);
    parley_condition_t *c = parley__arena_array(&L->s->arena, n->n, sizeof *c);
    if (!c)
        return nomem(L);
    for (size_t p = 0; p < n->n; p++) {
        const yt_node_t *key = n->items[2 * p];
        size_t j = parley_scenario_find_issue(L->s, key->str);
        char w[320];
        snprintf(w, sizeof w, "%s: ", what);
        if (j == NOT_FOUND)
            return parley__lunknown(L, key, w, 1);
        if (parley__lbad(L->bad_issue, j))
            return parley__lquiet(L);
        snprintf(w, sizeof w, "%s, issue '%s'", what, key->str);
        c[p].issue = j;
        if ((st = condition(L, n->items[2 * p + 1], &L->s->issues[j], w, 0, &c[p])))
            return st;
    }
    out->n = n->n;
    out->c = c;
    return PARLEY_OK;
}

/* The id of item #idx of a section, unique within it. */
static parley_status_t item_id(loader_t *L, const yt_node_t *n, const char *kind, size_t idx,
                               const yt_node_t *seq, const char **id)
{
    const yt_node_t *idn = parley__lget(n, "id");
    if (!idn)
        return parley__lerr(L, n, "%s #%zu has no 'id'", kind, idx + 1);
    parley_status_t st = parley__lid(L, idn, "id", id);
    if (st)
        return st;
    for (size_t q = 0; q < idx; q++) {
        const yt_node_t *o = seq->items[q]->kind == YT_MAP ? parley__lget(seq->items[q], "id")
                                                            : NULL;
        if (o && o->kind == YT_SCALAR && strcmp(o->str, *id) == 0)
            return parley__lerr(L, idn, "%s id '%s' is used twice (first at line %d)", kind, *id,
                                o->line);
    }
    return PARLEY_OK;
}

/* The actor an item belongs to. */
static parley_status_t item_actor(loader_t *L, const yt_node_t *n, const char *what,
                                  size_t *actor)
{
    const yt_node_t *a = parley__lget(n, "actor");
    if (!a)
        return parley__lerr(L, n, "%s has no 'actor' (whose it is)", what);
    parley_status_t st = parley__lexpect(L, a, YT_SCALAR, what);
    if (st)
        return st;
    *actor = parley_scenario_find_actor(L->s, a->str);
    if (*actor != NOT_FOUND)
        return PARLEY_OK;
    char w[320];
    snprintf(w, sizeof w, "%s: ", what);
    return parley__lunknown(L, a, w, 0);
}

static parley_status_t texts(loader_t *L, const yt_node_t *n, const char *what, const char *id,
                             const char **name, const char **source)
{
    const char *notes;
    parley_status_t st;
    if ((st = parley__lopt_string(L, n, "name", what, name)) ||
        (st = parley__lopt_string(L, n, "source", what, source)) ||
        (st = parley__lopt_string(L, n, "notes", what, &notes)))
        return st;
    if (!*name)
        *name = id;
    return PARLEY_OK;
}

static parley_status_t load_rule(loader_t *L, const yt_node_t *seq, size_t idx, int red,
                                 parley_rule_t *r)
{
    static const char *const ckeys[] = {"id", "name", "source", "notes", "forbid", "if", "then",
                                        NULL};
    static const char *const rkeys[] = {"id", "name", "source", "notes", "actor", "forbid",
                                        "if", "then", NULL};
    const char *kind = red ? "red line" : "constraint";
    const yt_node_t *n = seq->items[idx];
    char what[200];
    snprintf(what, sizeof what, "%s #%zu", kind, idx + 1);
    parley_status_t st = parley__lexpect(L, n, YT_MAP, what);
    if (st || (st = item_id(L, n, kind, idx, seq, &r->id)))
        return st;
    snprintf(what, sizeof what, "%s '%s'", kind, r->id);
    if ((st = parley__lkeys(L, n, red ? rkeys : ckeys, what)) ||
        (st = texts(L, n, what, r->id, &r->name, &r->source)))
        return st;
    r->actor = NOT_FOUND;
    if (red && (st = item_actor(L, n, what, &r->actor)))
        return st;
    const yt_node_t *fb = parley__lget(n, "forbid"), *i = parley__lget(n, "if");
    const yt_node_t *t = parley__lget(n, "then");
    char w[260];
    if (fb) {
        if (i || t)
            return parley__lerr(L, i ? i : t, "%s: give 'forbid', or 'if' with 'then', not both",
                                what);
        r->kind = PARLEY_RULE_FORBID;
        snprintf(w, sizeof w, "%s: 'forbid'", what);
        return combination(L, fb, w, &r->when);
    }
    if (!i || !t)
        return parley__lerr(L, i ? i : t ? t : n, "%s: give 'forbid: {...}' (a combination no "
                            "package may have), or 'if: {...}' with 'then: {...}'%s", what,
                            i ? " (it has 'if' but no 'then')" : t ? " (it has 'then' but no 'if')"
                                                                   : "");
    r->kind = PARLEY_RULE_REQUIRE;
    snprintf(w, sizeof w, "%s: 'if'", what);
    if ((st = combination(L, i, w, &r->when)))
        return st;
    snprintf(w, sizeof w, "%s: 'then'", what);
    return combination(L, t, w, &r->then);
}

static parley_status_t load_term(loader_t *L, const yt_node_t *seq, size_t idx, parley_term_t *t)
{
    static const char *const keys[] = {"id", "name", "source", "notes", "actor", "when",
                                       "weight", "effect", NULL};
    const yt_node_t *n = seq->items[idx];
    char what[200];
    snprintf(what, sizeof what, "term #%zu", idx + 1);
    parley_status_t st = parley__lexpect(L, n, YT_MAP, what);
    if (st || (st = item_id(L, n, "term", idx, seq, &t->id)))
        return st;
    snprintf(what, sizeof what, "term '%s'", t->id);
    if ((st = parley__lkeys(L, n, keys, what)) ||
        (st = texts(L, n, what, t->id, &t->name, &t->source)) ||
        (st = item_actor(L, n, what, &t->actor)))
        return st;
    const yt_node_t *when = parley__lget(n, "when"), *w = parley__lget(n, "weight");
    const yt_node_t *eff = parley__lget(n, "effect"), *at;
    if (!when)
        return parley__lerr(L, n, "%s has no 'when' (the combination it is about)", what);
    if (!w)
        return parley__lerr(L, n, "%s has no 'weight' (a salience in [0,1])", what);
    char ww[260], path[320];
    snprintf(ww, sizeof ww, "%s: 'when'", what);
    if ((st = combination(L, when, ww, &t->when)))
        return st;
    snprintf(ww, sizeof ww, "%s: weight", what);
    snprintf(path, sizeof path, "terms.%s.weight", t->id);
    if ((st = parley__lnumber_u(L, w, ww, path, 0.0, 1.0, &t->weight, NULL, &at)))
        return st;
    if (!(t->weight >= 0.0 && t->weight <= 1.0))
        return parley__lerr(L, at, "%s must be in [0,1] (a salience), got %s", ww, at->str);
    if (eff) {
        if ((st = parley__lexpect(L, eff, YT_SCALAR, what)))
            return st;
        if (strcmp(eff->str, "bonus") != 0 && strcmp(eff->str, "penalty") != 0)
            return parley__lerr(L, eff, "%s: 'effect' must be bonus or penalty, got '%.60s'",
                                what, eff->str);
        t->penalty = strcmp(eff->str, "penalty") == 0;
    }
    return PARLEY_OK;
}

static parley_status_t check_section(loader_t *L, const yt_node_t *seq, const char *key)
{
    char what[40];
    snprintf(what, sizeof what, "'%s'", key);
    parley_status_t st = parley__lexpect(L, seq, YT_SEQ, what);
    if (st)
        return st;
    if (seq->n > MAX_LINKS)
        return parley__lerr(L, seq, "%s has %zu items: the limit is %d", what, seq->n, MAX_LINKS);
    return PARLEY_OK;
}

static size_t count(const yt_node_t *seq)
{
    return seq && seq->kind == YT_SEQ ? seq->n : 0;
}

parley_status_t parley__load_links(loader_t *L, const yt_node_t *root)
{
    parley_scenario_t *s = L->s;
    const yt_node_t *cs = parley__lget(root, "constraints"), *rl = parley__lget(root, "red_lines");
    const yt_node_t *ts = parley__lget(root, "terms");
    parley_status_t first = PARLEY_OK;
    if (cs && parley__lstop(L, check_section(L, cs, "constraints"), &first))
        return first;
    if (rl && parley__lstop(L, check_section(L, rl, "red_lines"), &first))
        return first;
    if (ts && parley__lstop(L, check_section(L, ts, "terms"), &first))
        return first;
    size_t nc = count(cs), nr = count(rl), nt = count(ts);
    s->rules = parley__arena_array(&s->arena, nc + nr + 1, sizeof *s->rules);
    s->terms = parley__arena_array(&s->arena, nt + 1, sizeof *s->terms);
    if (!s->rules || !s->terms)
        return nomem(L);
    for (size_t k = 0; k < nc + nr; k++) {
        int red = k >= nc;
        parley_status_t st = load_rule(L, red ? rl : cs, red ? k - nc : k, red, &s->rules[k]);
        if (parley__lstop(L, st, &first))
            return first;
    }
    for (size_t k = 0; k < nt; k++)
        if (parley__lstop(L, load_term(L, ts, k, &s->terms[k]), &first))
            return first;
    if (first)
        return first;
    s->n_rules = nc + nr;
    s->n_terms = nt;
    return PARLEY_OK;
}
