/*
 * scenario.c — the scenario object: lifetime, accessors, look-ups, the
 * exact size of the package space and "did you mean" suggestions. Scenarios
 * hold at most a few thousand actors and issues, so look-ups are linear.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core.h"
#include "exact.h"

#define NOT_FOUND ((size_t)-1)

int parley_is_open(double position)
{
    return isnan(position);
}

parley_scenario_t *parley__scenario_new(void)
{
    parley_scenario_t *s = parley__calloc(1, sizeof *s);
    if (s)
        parley__arena_init(&s->arena, 0);
    return s;
}

void parley_scenario_destroy(parley_scenario_t *s)
{
    if (!s)
        return;
    parley__exact_free(s);
    parley__arena_free(&s->arena);
    parley__free(s);
}

double parley__weight_total(const parley_scenario_t *s, size_t i)
{
    const parley_stance_t *row = s->stances + i * s->n_issues;
    double total = 0.0;
    for (size_t j = 0; j < s->n_issues; j++)
        total += row[j].salience;
    for (size_t k = 0; k < s->n_terms; k++)
        if (s->terms[k].actor == i)
            total += s->terms[k].weight;
    return total;
}

parley_status_t parley__scenario_finish(parley_ctx_t *ctx, parley_scenario_t *s)
{
    if (!s->weights)
        s->weights = parley__arena_array(&s->arena, s->n_actors * s->n_issues + 1, sizeof(double));
    if (!s->term_weights)
        s->term_weights = parley__arena_array(&s->arena, s->n_terms + 1, sizeof(double));
    if (!s->weights || !s->term_weights)
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", s->origin);
    for (size_t i = 0; i < s->n_actors; i++) {
        const parley_stance_t *row = s->stances + i * s->n_issues;
        double total = parley__weight_total(s, i);
        assert(total > 0.0); /* the loader rejects, with a location, actors that care about nothing */
        for (size_t j = 0; j < s->n_issues; j++)
            s->weights[i * s->n_issues + j] = row[j].salience / total;
        for (size_t k = 0; k < s->n_terms; k++)
            if (s->terms[k].actor == i)
                s->term_weights[k] = s->terms[k].weight / total;
    }
    return PARLEY_OK;
}

const char *parley_scenario_id(const parley_scenario_t *s) { return s->id; }
const char *parley_scenario_name(const parley_scenario_t *s) { return s->name; }
const char *parley_scenario_description(const parley_scenario_t *s) { return s->description; }
const char *parley_scenario_source(const parley_scenario_t *s) { return s->source; }
const char *parley_scenario_hash(const parley_scenario_t *s) { return s->hash; }
const char *parley_scenario_origin(const parley_scenario_t *s) { return s->origin; }
size_t parley_scenario_actor_count(const parley_scenario_t *s) { return s->n_actors; }
size_t parley_scenario_issue_count(const parley_scenario_t *s) { return s->n_issues; }
size_t parley_scenario_proposal_count(const parley_scenario_t *s) { return s->n_proposals; }

const parley_actor_t *parley_scenario_actor(const parley_scenario_t *s, size_t i)
{
    assert(i < s->n_actors);
    return &s->actors[i];
}

const parley_issue_t *parley_scenario_issue(const parley_scenario_t *s, size_t j)
{
    assert(j < s->n_issues);
    return &s->issues[j];
}

const parley_proposal_t *parley_scenario_proposal(const parley_scenario_t *s, size_t p)
{
    assert(p < s->n_proposals);
    return &s->proposals[p];
}

const parley_stance_t *parley_scenario_stance(const parley_scenario_t *s, size_t i, size_t j)
{
    assert(i < s->n_actors && j < s->n_issues);
    return &s->stances[i * s->n_issues + j];
}

double parley_scenario_weight(const parley_scenario_t *s, size_t i, size_t j)
{
    assert(i < s->n_actors && j < s->n_issues);
    return s->weights[i * s->n_issues + j];
}

size_t parley_scenario_rule_count(const parley_scenario_t *s) { return s->n_rules; }
size_t parley_scenario_term_count(const parley_scenario_t *s) { return s->n_terms; }

const parley_rule_t *parley_scenario_rule(const parley_scenario_t *s, size_t k)
{
    assert(k < s->n_rules);
    return &s->rules[k];
}

const parley_term_t *parley_scenario_term(const parley_scenario_t *s, size_t k)
{
    assert(k < s->n_terms);
    return &s->terms[k];
}

double parley_scenario_term_weight(const parley_scenario_t *s, size_t k)
{
    assert(k < s->n_terms);
    return s->term_weights[k];
}

int parley_scenario_linked(const parley_scenario_t *s)
{
    return s->n_rules > 0 || s->n_terms > 0;
}

size_t parley_scenario_find_actor(const parley_scenario_t *s, const char *id)
{
    for (size_t i = 0; i < s->n_actors; i++)
        if (strcmp(s->actors[i].id, id) == 0)
            return i;
    return NOT_FOUND;
}

size_t parley_scenario_find_issue(const parley_scenario_t *s, const char *id)
{
    for (size_t j = 0; j < s->n_issues; j++)
        if (strcmp(s->issues[j].id, id) == 0)
            return j;
    return NOT_FOUND;
}

size_t parley_scenario_find_proposal(const parley_scenario_t *s, const char *id)
{
    for (size_t p = 0; p < s->n_proposals; p++)
        if (strcmp(s->proposals[p].id, id) == 0)
            return p;
    return NOT_FOUND;
}

size_t parley_issue_find_option(const parley_issue_t *issue, const char *id)
{
    for (size_t k = 0; k < issue->n_options; k++)
        if (strcmp(issue->options[k].id, id) == 0)
            return k;
    return NOT_FOUND;
}

/* Multiplies a little-endian base-1e9 big number by m; returns the new length. */
static size_t bignum_mul(unsigned *digits, size_t n, size_t cap, unsigned m)
{
    unsigned long long carry = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned long long v = (unsigned long long)digits[k] * m + carry;
        digits[k] = (unsigned)(v % 1000000000ull);
        carry = v / 1000000000ull;
    }
    while (carry && n < cap) {
        digits[n++] = (unsigned)(carry % 1000000000ull);
        carry /= 1000000000ull;
    }
    return carry ? 0 : n;
}

parley_status_t parley_scenario_package_count(const parley_scenario_t *s, unsigned grid,
                                              char *buf, size_t cap)
{
    /* 4096 issues of at most 64 options: < 10^7400, i.e. < 823 base-1e9 digits. */
    enum { MAXD = 1024 };
    unsigned *d = parley__calloc(MAXD, sizeof *d);
    if (!d)
        return PARLEY_ENOMEM;
    size_t n = 1;
    d[0] = 1;
    for (size_t j = 0; j < s->n_issues && n; j++) {
        const parley_issue_t *is = &s->issues[j];
        unsigned m = is->kind == PARLEY_ISSUE_DISCRETE ? (unsigned)is->n_options : grid;
        n = bignum_mul(d, n, MAXD, m);
    }
    if (!n) {
        parley__free(d);
        return PARLEY_ELIMIT;
    }
    char tmp[16];
    size_t at = 0;
    int w = snprintf(tmp, sizeof tmp, "%u", d[n - 1]);
    parley_status_t st = PARLEY_OK;
    if ((size_t)w + 9 * (n - 1) + 1 > cap) {
        st = PARLEY_ELIMIT;
    } else {
        memcpy(buf, tmp, (size_t)w);
        at = (size_t)w;
        for (size_t k = n - 1; k-- > 0;) {
            snprintf(buf + at, 10, "%09u", d[k]);
            at += 9;
        }
        buf[at] = '\0';
    }
    parley__free(d);
    return st;
}

size_t parley__edit_distance(const char *a, const char *b, size_t cap)
{
    /* Optimal string alignment: insertions, deletions, substitutions and
     * swaps of two neighbours ("nmae" for "name") each cost one. */
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return cap + 1;
    size_t d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

const char *parley_suggest(const char *word, const char *const *candidates, size_t n)
{
    size_t len = strlen(word);
    size_t cap = len / 3 > 1 ? len / 3 : 1;
    const char *best = NULL;
    size_t best_d = cap + 1;
    for (size_t k = 0; k < n; k++) {
        size_t d = parley__edit_distance(word, candidates[k], cap);
        if (d < best_d) {
            best_d = d;
            best = candidates[k];
        }
    }
    return best;
}
