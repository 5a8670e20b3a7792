/*
 * load_stances.c — the scenario loader's second half: each actor's stance
 * on each issue (salience, ideal or values, red line) and the proposals.
 * Value tables of discrete issues are materialised here so evaluation is a
 * table look-up.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "loader.h"
#include "parley/utility.h"

#define NOT_FOUND ((size_t)-1)

static parley_status_t nomem(loader_t *L)
{
    return parley__fail(L->ctx, PARLEY_ENOMEM, "%s: out of memory", L->name);
}

/* "unknown X 'foo' (did you mean 'bar'?)" against the ids of a kind (in
 * scope: the issue of an option); once per name in collect mode. */
static parley_status_t unknown_id(loader_t *L, const yt_node_t *at, const char *what,
                                  const char *kind, const char *scope, const char *const *ids,
                                  size_t n)
{
    if (parley__lonce(L, kind, scope, at->str))
        return parley__lquiet(L);
    const char *hint = parley_suggest(at->str, ids, n);
    if (hint)
        return parley__lerr(L, at, "%sunknown %s '%.60s' (did you mean '%s'?)", what, kind, at->str,
                            hint);
    return parley__lerr(L, at, "%sunknown %s '%.60s'", what, kind, at->str);
}

/* unknown_id for actors (issues when `issues`), listing the ids only on this error path. */
parley_status_t parley__lunknown(loader_t *L, const yt_node_t *at, const char *what, int issues)
{
    if (issues ? L->lost_issues : L->lost_actors)
        return parley__lquiet(L); /* it may name the one whose id was in error */
    const parley_scenario_t *s = L->s;
    size_t n = issues ? s->n_issues : s->n_actors;
    const char **ids = parley__malloc((n ? n : 1) * sizeof *ids);
    if (!ids)
        return nomem(L);
    for (size_t k = 0; k < n; k++)
        ids[k] = issues ? s->issues[k].id : s->actors[k].id;
    parley_status_t st = unknown_id(L, at, what, issues ? "issue" : "actor", "", ids, n);
    parley__free(ids);
    return st;
}

parley_status_t parley__lfind_option(loader_t *L, const parley_issue_t *is, const yt_node_t *n,
                                     const char *what, size_t *k)
{
    parley_status_t st = parley__lexpect(L, n, YT_SCALAR, what);
    if (st)
        return st;
    if (parley__yt_is_null(n))
        return parley__lerr(L, n, "%s: an option id is needed here, got nothing", what);
    *k = parley_issue_find_option(is, n->str);
    if (*k != NOT_FOUND)
        return PARLEY_OK;
    const char *ids[PARLEY_MAX_OPTIONS];
    for (size_t m = 0; m < is->n_options; m++)
        ids[m] = is->options[m].id;
    char w[512];
    snprintf(w, sizeof w, "%s: ", what);
    return unknown_id(L, n, w, "option", is->id, ids, is->n_options);
}

/* ideal / values / exponent of a discrete issue: fills st->table. `prefix`
 * begins the paths of its uncertain inputs ("stances.ACTOR"). */
static parley_status_t discrete_values(loader_t *L, const yt_node_t *n, const parley_issue_t *is,
                                       parley_stance_t *st, const char *what, const char *prefix)
{
    parley_status_t rc;
    double *table = parley__arena_array(&L->s->arena, is->n_options, sizeof *table);
    if (!table)
        return nomem(L);
    const yt_node_t *ideal = parley__lget(n, "ideal"), *values = parley__lget(n, "values");
    if (parley__lget(n, "exponent"))
        return parley__lerr(L, parley__lget(n, "exponent"),
                            "%s: 'exponent' applies to continuous issues only", what);
    if (ideal) {
        size_t k;
        char w[512];
        snprintf(w, sizeof w, "%s: ideal", what);
        if ((rc = parley__lfind_option(L, is, ideal, w, &k)))
            return rc;
        size_t far = k > is->n_options - 1 - k ? k : is->n_options - 1 - k;
        for (size_t m = 0; m < is->n_options; m++)
            table[m] = 1.0 - (double)(m > k ? m - k : k - m) / (double)far;
        st->form = PARLEY_VALUE_IDEAL;
        st->ideal = (double)k;
    } else {
        char w[512];
        snprintf(w, sizeof w, "%s: 'values'", what);
        if ((rc = parley__lexpect(L, values, YT_MAP, w)))
            return rc;
        unsigned char seen[PARLEY_MAX_OPTIONS] = {0};
        for (size_t p = 0; p < values->n; p++) {
            size_t k;
            const yt_node_t *at;
            if ((rc = parley__lfind_option(L, is, values->items[2 * p], w, &k)))
                return rc;
            char wv[700];
            snprintf(wv, sizeof wv, "%s: value of option '%s'", what, is->options[k].id);
            char path[400];
            snprintf(path, sizeof path, "%s.%s.values.%s", prefix, is->id, is->options[k].id);
            if ((rc = parley__lnumber_u(L, values->items[2 * p + 1], wv, path, 0.0, 1.0, &table[k],
                                        NULL, &at)))
                return rc;
            if (table[k] < 0.0 || table[k] > 1.0)
                return parley__lerr(L, at, "%s must be in [0,1], got %s", wv, at->str);
            seen[k] = 1;
        }
        for (size_t k = 0; k < is->n_options; k++)
            if (!seen[k])
                return parley__lerr(L, values, "%s: no value for option '%s' (name every option)",
                                    w, is->options[k].id);
        st->form = PARLEY_VALUE_TABLE;
    }
    st->table = table;
    return PARLEY_OK;
}

static parley_status_t continuous_points(loader_t *L, const yt_node_t *values,
                                         const parley_issue_t *is, parley_stance_t *st,
                                         const char *what, const char *prefix)
{
    char w[512];
    snprintf(w, sizeof w, "%s: 'values'", what);
    parley_status_t rc = parley__lexpect(L, values, YT_SEQ, w);
    if (rc)
        return rc;
    if (values->n < 2 || values->n > PARLEY_MAX_POINTS)
        return parley__lerr(L, values, "%s needs 2 to %d [position, value] points, got %zu", w,
                            PARLEY_MAX_POINTS, values->n);
    double *px = parley__arena_array(&L->s->arena, values->n, sizeof *px);
    double *pv = parley__arena_array(&L->s->arena, values->n, sizeof *pv);
    if (!px || !pv)
        return nomem(L);
    for (size_t k = 0; k < values->n; k++) {
        const yt_node_t *pt = values->items[k], *at;
        if (pt->kind != YT_SEQ || pt->n != 2)
            return parley__lerr(L, pt, "%s: point #%zu must be a pair [position, value]", w, k + 1);
        if ((rc = parley__lnumber(L, pt->items[0], w, &px[k], NULL, &at)))
            return rc;
        if (px[k] < is->lo || px[k] > is->hi)
            return parley__lerr(L, at, "%s: position %s is outside the scale %g..%g", w, at->str,
                                is->lo, is->hi);
        if (k && !(px[k] > px[k - 1]))
            return parley__lerr(L, at, "%s: positions must increase, got %s after %g", w, at->str,
                                px[k - 1]);
        char path[400];
        snprintf(path, sizeof path, "%s.%s.values[%zu]", prefix, is->id, k);
        if ((rc = parley__lnumber_u(L, pt->items[1], w, path, 0.0, 1.0, &pv[k], NULL, &at)))
            return rc;
        if (pv[k] < 0.0 || pv[k] > 1.0)
            return parley__lerr(L, at, "%s: value must be in [0,1], got %s", w, at->str);
    }
    st->form = PARLEY_VALUE_POINTS;
    st->n_points = values->n;
    st->px = px;
    st->pv = pv;
    return PARLEY_OK;
}

static parley_status_t continuous_values(loader_t *L, const yt_node_t *n, const parley_issue_t *is,
                                         parley_stance_t *st, const char *what, const char *prefix)
{
    const yt_node_t *ideal = parley__lget(n, "ideal"), *ex = parley__lget(n, "exponent"), *at;
    parley_status_t rc;
    char w[512];
    if (!ideal) {
        if (ex)
            return parley__lerr(L, ex, "%s: 'exponent' goes with 'ideal', not 'values'", what);
        return continuous_points(L, parley__lget(n, "values"), is, st, what, prefix);
    }
    snprintf(w, sizeof w, "%s: ideal", what);
    char path[400];
    snprintf(path, sizeof path, "%s.%s.ideal", prefix, is->id);
    if ((rc = parley__lnumber_u(L, ideal, w, path, is->lo, is->hi, &st->ideal, NULL, &at)))
        return rc;
    if (st->ideal < is->lo || st->ideal > is->hi)
        return parley__lerr(L, at, "%s %s is outside the scale %g..%g", w, at->str, is->lo, is->hi);
    st->exponent = 1.0;
    if (ex) {
        snprintf(w, sizeof w, "%s: exponent", what);
        if ((rc = parley__lnumber(L, ex, w, &st->exponent, NULL, &at)))
            return rc;
        if (!(st->exponent > 0.0 && st->exponent <= 100.0))
            return parley__lerr(L, at, "%s must be in (0,100], got %s", w, at->str);
    }
    st->form = PARLEY_VALUE_IDEAL;
    return PARLEY_OK;
}

static parley_status_t red_line_discrete(loader_t *L, const yt_node_t *n, const parley_issue_t *is,
                                         parley_stance_t *st, const char *what)
{
    const yt_node_t *list = n;
    parley_status_t rc;
    if (n->kind == YT_MAP) {
        static const char *const keys[] = {"options", "source", NULL};
        if ((rc = parley__lkeys(L, n, keys, what)) ||
            (rc = parley__lopt_string(L, n, "source", what, &st->red_line_source)))
            return rc;
        if (!(list = parley__lget(n, "options")))
            return parley__lerr(L, n, "%s needs 'options' (a list of vetoed option ids)", what);
    }
    if ((rc = parley__lexpect(L, list, YT_SEQ, what)))
        return rc;
    unsigned char *red = parley__arena_alloc(&L->s->arena, is->n_options);
    if (!red)
        return nomem(L);
    size_t count = 0;
    for (size_t p = 0; p < list->n; p++) {
        size_t k;
        char w[512];
        snprintf(w, sizeof w, "%s: item #%zu", what, p + 1);
        if ((rc = parley__lfind_option(L, is, list->items[p], w, &k)))
            return rc;
        count += !red[k];
        red[k] = 1;
    }
    if (count == is->n_options)
        return parley__lerr(L, list, "%s vetoes every option of the issue: no package could pass",
                            what);
    st->red_options = red;
    st->has_red_line = list->n > 0;
    return PARLEY_OK;
}

static parley_status_t red_line_continuous(loader_t *L, const yt_node_t *n,
                                           const parley_issue_t *is, parley_stance_t *st,
                                           const char *what)
{
    static const char *const keys[] = {"below", "above", "source", NULL};
    parley_status_t rc;
    if ((rc = parley__lexpect(L, n, YT_MAP, what)) || (rc = parley__lkeys(L, n, keys, what)) ||
        (rc = parley__lopt_string(L, n, "source", what, &st->red_line_source)))
        return rc;
    const yt_node_t *b = parley__lget(n, "below"), *a = parley__lget(n, "above"), *at = n;
    if (!b && !a)
        return parley__lerr(L, n, "%s needs 'below' and/or 'above'", what);
    if (b && (rc = parley__lnumber(L, b, what, &st->red_below, NULL, &at)))
        return rc;
    if (a && (rc = parley__lnumber(L, a, what, &st->red_above, NULL, &at)))
        return rc;
    if (st->red_below > is->hi || st->red_above < is->lo || st->red_below > st->red_above)
        return parley__lerr(L, at, "%s vetoes every position of the scale %g..%g", what, is->lo,
                            is->hi);
    st->has_red_line = 1;
    return PARLEY_OK;
}

parley_status_t parley__load_stance(loader_t *L, const yt_node_t *n, size_t i, size_t j,
                                   parley_stance_t *st, const char *label, const char *prefix)
{
    static const char *const keys[] = {"salience", "ideal", "exponent", "values", "red_line",
                                       "source", NULL};
    parley_scenario_t *s = L->s;
    const parley_issue_t *is = &s->issues[j];
    char what[400];
    snprintf(what, sizeof what, "%s: stance on issue '%s'", label, is->id);
    parley_status_t rc;
    if ((rc = parley__lexpect(L, n, YT_MAP, what)) || (rc = parley__lkeys(L, n, keys, what)) ||
        (rc = parley__lopt_string(L, n, "source", what, &st->source)))
        return rc;
    const yt_node_t *sal = parley__lget(n, "salience"), *at;
    if (!sal)
        return parley__lerr(L, n, "%s has no 'salience' (how much it cares, in [0,1])", what);
    char w[460];
    snprintf(w, sizeof w, "%s: salience for issue '%s'", label, is->id);
    char path[400];
    snprintf(path, sizeof path, "%s.%s.salience", prefix, is->id);
    if ((rc = parley__lnumber_u(L, sal, w, path, 0.0, 1.0, &st->salience, NULL, &at)))
        return rc;
    if (st->salience < 0.0 || st->salience > 1.0)
        return parley__lerr(L, at, "%s must be in [0,1], got %s", w, at->str);
    const yt_node_t *ideal = parley__lget(n, "ideal"), *values = parley__lget(n, "values");
    if (ideal && values)
        return parley__lerr(L, values, "%s has both 'ideal' and 'values': give one", what);
    if (!ideal && !values)
        return parley__lerr(L, n, "%s needs 'ideal' or 'values'", what);
    rc = is->kind == PARLEY_ISSUE_DISCRETE ? discrete_values(L, n, is, st, what, prefix)
                                           : continuous_values(L, n, is, st, what, prefix);
    if (rc)
        return rc;
    const yt_node_t *red = parley__lget(n, "red_line");
    if (!red)
        return PARLEY_OK;
    snprintf(w, sizeof w, "%s: red_line", what);
    rc = is->kind == PARLEY_ISSUE_DISCRETE ? red_line_discrete(L, red, is, st, w)
                                           : red_line_continuous(L, red, is, st, w);
    if (rc)
        return rc;
    /* i is (size_t)-1 for a ratifying body's member (load_ratify.c) */
    if (st->form == PARLEY_VALUE_IDEAL && parley__stance_red(is, st, st->ideal))
        return parley__lerr(L, red, "%s: the %s own ideal lies on its red line", what,
                            i == (size_t)-1 ? "member's" : "actor's");
    return PARLEY_OK;
}

/* Every actor must care about something, or its utility is undefined (0/0):
 * a salience or a term weight above 0 (called once the terms are loaded).
 * An actor with an error in it or its stances is not judged here, nor one
 * with no stances when a row named an unknown actor (likely it, misspelt). */
parley_status_t parley__check_cares(loader_t *L, const yt_node_t *map)
{
    const parley_scenario_t *s = L->s;
    parley_status_t first = PARLEY_OK;
    int unknown_row = L->unknown_row;
    for (size_t i = 0; i < s->n_actors; i++) {
        double total = parley__weight_total(s, i);
        const yt_node_t *at = parley__lget(map, s->actors[i].id);
        if (total > 0.0 || parley__lbad(L->bad_actor, i) || (!at && unknown_row))
            continue;
        parley_status_t rc = parley__lerr(L, at ? at : map,
                                          "actor '%s' has salience 0 on every issue%s: give it a "
                                          "stance with salience > 0 on at least one (or a term "
                                          "with weight > 0)",
                                          s->actors[i].id, at ? "" : " (it has no stances)");
        if (parley__lstop(L, rc, &first))
            break;
    }
    return first;
}

/* One actor's row of stances; in collect mode each stance is checked. */
static parley_status_t load_row(loader_t *L, const yt_node_t *row, size_t i)
{
    parley_scenario_t *s = L->s;
    char w[160];
    snprintf(w, sizeof w, "stances of actor '%s'", s->actors[i].id);
    parley_status_t rc = parley__lexpect(L, row, YT_MAP, w), first = PARLEY_OK;
    if (rc)
        return rc;
    for (size_t q = 0; q < row->n; q++) {
        const yt_node_t *ik = row->items[2 * q];
        size_t j = parley_scenario_find_issue(s, ik->str);
        if (j == NOT_FOUND) {
            char w2[200];
            snprintf(w2, sizeof w2, "%s: ", w);
            rc = parley__lunknown(L, ik, w2, 1);
        } else if (parley__lbad(L->bad_issue, j)) {
            rc = parley__lquiet(L); /* its issue's error is reported */
        } else {
            char label[160], prefix[160];
            snprintf(label, sizeof label, "actor '%s'", s->actors[i].id);
            snprintf(prefix, sizeof prefix, "stances.%s", s->actors[i].id);
            rc = parley__load_stance(L, row->items[2 * q + 1], i, j,
                                     &s->stances[i * s->n_issues + j], label, prefix);
        }
        if (parley__lstop(L, rc, &first))
            break;
    }
    return first;
}

parley_status_t parley__load_stances(loader_t *L, const yt_node_t *map)
{
    parley_scenario_t *s = L->s;
    L->lost_stances = 1; /* until the table exists */
    parley_status_t rc = parley__lexpect(L, map, YT_MAP, "'stances'"), first = PARLEY_OK;
    if (rc)
        return rc;
    if (s->n_actors * s->n_issues > PARLEY_MAX_STANCES)
        return parley__lerr(L, map, "%zu actors x %zu issues: the limit is %d stances", s->n_actors,
                            s->n_issues, PARLEY_MAX_STANCES);
    s->stances = parley__arena_array(&s->arena, s->n_actors * s->n_issues, sizeof *s->stances);
    if (!s->stances)
        return nomem(L);
    L->lost_stances = 0;
    for (size_t k = 0; k < s->n_actors * s->n_issues; k++) {
        s->stances[k].red_below = -HUGE_VAL;
        s->stances[k].red_above = HUGE_VAL;
    }
    int unknown_row = 0;
    for (size_t p = 0; p < map->n; p++) {
        const yt_node_t *key = map->items[2 * p], *row = map->items[2 * p + 1];
        size_t i = parley_scenario_find_actor(s, key->str);
        unknown_row |= i == NOT_FOUND;
        rc = i == NOT_FOUND ? parley__lunknown(L, key, "'stances': ", 0) : load_row(L, row, i);
        if (rc && i != NOT_FOUND)
            parley__lmark(L->bad_actor, i); /* its total salience is unknown */
        if (parley__lstop(L, rc, &first))
            return first;
    }
    L->unknown_row = unknown_row;
    return first;
}

static parley_status_t load_position(loader_t *L, const yt_node_t *n, const parley_issue_t *is,
                                     double *pos, const char **source, const char *what)
{
    parley_status_t rc;
    if (n->kind == YT_MAP) {
        static const char *const keys[] = {"position", "source", NULL};
        if ((rc = parley__lkeys(L, n, keys, what)) ||
            (rc = parley__lopt_string(L, n, "source", what, source)))
            return rc;
        const yt_node_t *p = parley__lget(n, "position");
        if (!p)
            return parley__lerr(L, n, "%s: a mapping here needs 'position' (and may have 'source')",
                                what);
        n = p;
    }
    if (parley__yt_is_null(n)) {
        *pos = PARLEY_OPEN; /* explicitly left open */
        return PARLEY_OK;
    }
    if (is->kind == PARLEY_ISSUE_DISCRETE) {
        size_t k;
        if ((rc = parley__lfind_option(L, is, n, what, &k)))
            return rc;
        *pos = (double)k;
        return PARLEY_OK;
    }
    const yt_node_t *at;
    if ((rc = parley__lnumber(L, n, what, pos, NULL, &at)))
        return rc;
    if (*pos < is->lo || *pos > is->hi)
        return parley__lerr(L, at, "%s: %s is outside the scale %g..%g", what, at->str, is->lo,
                            is->hi);
    return PARLEY_OK;
}

static parley_status_t load_proposal(loader_t *L, const yt_node_t *n, parley_proposal_t *pr,
                                     size_t idx)
{
    static const char *const keys[] = {"id", "name", "date", "source", "notes", "positions",
                                       NULL};
    parley_scenario_t *s = L->s;
    char what[160];
    snprintf(what, sizeof what, "proposal #%zu", idx + 1);
    parley_litem_t h;
    parley_status_t rc =
        parley__litem(L, n, "proposal", "proposal id", keys, &h, what, sizeof what);
    pr->id = h.id;
    if (rc || (rc = parley__lopt_string(L, n, "date", what, &pr->date)))
        return rc;
    pr->name = h.name;
    pr->source = h.source;
    pr->notes = h.notes;
    double *pos = parley__arena_array(&s->arena, s->n_issues, sizeof *pos);
    const char **src = parley__arena_array(&s->arena, s->n_issues, sizeof *src);
    if (!pos || !src)
        return nomem(L);
    for (size_t j = 0; j < s->n_issues; j++)
        pos[j] = PARLEY_OPEN;
    const yt_node_t *map = parley__lget(n, "positions");
    char w[200];
    snprintf(w, sizeof w, "%s: 'positions'", what);
    if (!map)
        return parley__lerr(L, n, "%s has no 'positions' (issue: position)", what);
    if ((rc = parley__lexpect(L, map, YT_MAP, w)))
        return rc;
    parley_status_t first = PARLEY_OK;
    for (size_t q = 0; q < map->n; q++) {
        const yt_node_t *ik = map->items[2 * q];
        size_t j = parley_scenario_find_issue(s, ik->str);
        if (j == NOT_FOUND) {
            char w2[260];
            snprintf(w2, sizeof w2, "%s: ", w);
            rc = parley__lunknown(L, ik, w2, 1);
        } else if (parley__lbad(L->bad_issue, j)) {
            rc = parley__lquiet(L);
        } else {
            char wp[300];
            snprintf(wp, sizeof wp, "%s: position on issue '%s'", what, s->issues[j].id);
            rc = load_position(L, map->items[2 * q + 1], &s->issues[j], &pos[j], &src[j], wp);
        }
        if (parley__lstop(L, rc, &first))
            return first;
    }
    pr->positions = pos;
    pr->position_sources = src;
    return first;
}

parley_status_t parley__load_proposals(loader_t *L, const yt_node_t *seq)
{
    parley_scenario_t *s = L->s;
    L->lost_proposals = 1; /* until the list is read */
    parley_status_t rc = parley__lexpect(L, seq, YT_SEQ, "'proposals'");
    if (rc)
        return rc;
    if (seq->n > PARLEY_MAX_PROPOSALS)
        return parley__lerr(L, seq, "%zu proposals: the limit is %d", seq->n, PARLEY_MAX_PROPOSALS);
    if (seq->n * s->n_issues > PARLEY_MAX_POSITIONS)
        return parley__lerr(L, seq, "%zu proposals x %zu issues: the limit is %d positions", seq->n,
                            s->n_issues, PARLEY_MAX_POSITIONS);
    s->proposals = parley__arena_array(&s->arena, seq->n ? seq->n : 1, sizeof *s->proposals);
    if (!s->proposals)
        return nomem(L);
    L->lost_proposals = 0;
    parley_status_t first = PARLEY_OK;
    for (size_t p = 0; p < seq->n; p++) {
        parley_proposal_t *pr = &s->proposals[p];
        rc = load_proposal(L, seq->items[p], pr, p);
        if (parley__lstop(L, rc, &first))
            return first;
        for (size_t q = 0; pr->id && q < p; q++)
            if (strcmp(s->proposals[q].id, pr->id) == 0) {
                rc = parley__lerr(L, parley__lget(seq->items[p], "id"),
                                  "duplicate proposal id '%s'", pr->id);
                if (parley__lstop(L, rc, &first))
                    return first;
                L->lost_proposals = 1; /* likely a typo for an id now unknown */
                break;
            }
        L->lost_proposals |= !pr->id;
        pr->id = pr->id ? pr->id : ""; /* collect mode: no reference can name it */
        s->n_proposals = p + 1;
    }
    return first;
}
