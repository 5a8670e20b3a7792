/*
 * choice.c — Monte Carlo over choice inputs (a strategy, the protocol, the
 * meeting or the mediator written as {dist: choice, ...}): per option the
 * samples that drew it and the agreements among them, so the output can
 * give P(agreement | input = option) and say when the result hangs on one
 * label (docs/montecarlo.md, "Choices"). The same for chance tactics and
 * events (a deadline, leak or campaign used, an event happening, with a
 * `probability` below 1): P(agreement | drawn) and P(agreement | not drawn).
 */
#include <stdio.h>
#include <string.h>
#include "mcint.h"

int parley__mc_chance_tactic(const parley_tactic_t *t)
{
    return t->kind != PARLEY_TACTIC_WALK_AWAY && t->probability > 0.0 && t->probability < 1.0;
}

int parley__mc_chance_event(const parley_event_t *e)
{
    return e->probability > 0.0 && e->probability < 1.0;
}

int parley__mc_has_chance(const parley_scenario_t *s)
{
    const parley_sim_config_t *c = parley_scenario_simulation(s);
    for (size_t k = 0; k < c->n_events; k++)
        if (c->events[k].probability > 0.0 && c->events[k].probability < 1.0)
            return 1;
    for (size_t k = 0; k < c->n_tactics; k++)
        if (c->tactics[k].probability > 0.0 && c->tactics[k].probability < 1.0)
            return 1;
    return 0;
}

/* Adds a categories stat of group g under key; the group starts at its first. */
static parley_status_t add_stat(mc_layout_t *L, parley_mc_group_t g, const char *key, size_t n,
                                const char *const *names)
{
    parley_mc_stat_t p = {.group = g, .kind = PARLEY_MC_CATEGORIES, .actor = (size_t)-1,
                          .issue = (size_t)-1, .model = -1, .n_categories = n, .names = names};
    size_t at = parley__mc_add_stat(L, &p, key);
    if (at == (size_t)-1)
        return PARLEY_ENOMEM;
    if (L->at[g] == (size_t)-1)
        L->at[g] = at;
    return PARLEY_OK;
}

parley_status_t parley__mc_layout_choices(const parley_scenario_t *s, mc_layout_t *L)
{
    L->at[PARLEY_MCG_CHOICE] = (size_t)-1;
    for (size_t u = 0; u < parley_scenario_uncertain_count(s); u++) {
        const parley_uncertain_t *x = parley_scenario_uncertain(s, u);
        if (x->dist != PARLEY_DIST_CHOICE)
            continue;
        size_t m = x->n_options;
        const char **names = parley__calloc(2 * m, sizeof *names);
        if (!names || !parley__mc_keep(L, (void *)names))
            return PARLEY_ENOMEM;
        for (size_t k = 0; k < m; k++) {
            size_t len = strlen(x->options[k]) + sizeof "agreement:";
            char *a = parley__malloc(len);
            if (!a || !parley__mc_keep(L, a))
                return PARLEY_ENOMEM;
            snprintf(a, len, "agreement:%s", x->options[k]);
            names[k] = x->options[k];
            names[m + k] = a;
        }
        char key[PARLEY_MAX_OVERRIDE_PATH + 16];
        snprintf(key, sizeof key, "choice.%s", x->path);
        if (add_stat(L, PARLEY_MCG_CHOICE, key, 2 * m, names))
            return PARLEY_ENOMEM;
    }
    return PARLEY_OK;
}

void parley__mc_record_choices(const mc_layout_t *L, const parley_scenario_t *s,
                               const double *x, int agreement, uint64_t *cells)
{
    size_t stat = L->at[PARLEY_MCG_CHOICE];
    if (stat == (size_t)-1)
        return;
    for (size_t u = 0; u < parley_scenario_uncertain_count(s); u++) {
        const parley_uncertain_t *in = parley_scenario_uncertain(s, u);
        if (in->dist != PARLEY_DIST_CHOICE)
            continue;
        size_t k = (size_t)x[u];
        parley__mc_count(L, cells, stat, k);
        if (agreement)
            parley__mc_count(L, cells, stat, in->n_options + k);
        stat++;
    }
}

/* The stat of choice input `input`, or (size_t)-1. */
static size_t choice_stat(const parley_mc_t *mc, size_t input)
{
    const parley_uncertain_t *x = parley_scenario_uncertain(parley_mc_scenario(mc), input);
    if (!x || x->dist != PARLEY_DIST_CHOICE)
        return (size_t)-1;
    char key[PARLEY_MAX_OVERRIDE_PATH + 16];
    snprintf(key, sizeof key, "choice.%s", x->path);
    return parley_mc_find_stat(mc, key);
}

void parley_mc_choice_count(const parley_mc_t *mc, size_t input, size_t k, uint64_t *drawn,
                            uint64_t *agreed)
{
    size_t st = choice_stat(mc, input);
    const parley_uncertain_t *x = parley_scenario_uncertain(parley_mc_scenario(mc), input);
    *drawn = *agreed = 0;
    if (st == (size_t)-1 || k >= x->n_options)
        return;
    *drawn = parley_mc_count(mc, st, k);
    *agreed = parley_mc_count(mc, st, x->n_options + k);
}

int parley_mc_choice_hangs(const parley_mc_t *mc, size_t input, size_t *lo, size_t *hi)
{
    const parley_uncertain_t *x = parley_scenario_uncertain(parley_mc_scenario(mc), input);
    if (choice_stat(mc, input) == (size_t)-1)
        return 0;
    size_t a = (size_t)-1, b = (size_t)-1;
    double pa = 0.0, pb = 0.0;
    for (size_t k = 0; k < x->n_options; k++) {
        uint64_t n, y;
        parley_mc_choice_count(mc, input, k, &n, &y);
        if (!n)
            continue;
        double p = (double)y / (double)n;
        if (a == (size_t)-1 || p < pa) {
            a = k;
            pa = p;
        }
        if (b == (size_t)-1 || p > pb) {
            b = k;
            pb = p;
        }
    }
    if (a == (size_t)-1 || !(pb - pa > PARLEY_MC_HANGS))
        return 0;
    uint64_t na, ya, nb, yb;
    double alo, ahi, blo, bhi;
    parley_mc_choice_count(mc, input, a, &na, &ya);
    parley_mc_choice_count(mc, input, b, &nb, &yb);
    parley_mc_wilson(ya, na, &alo, &ahi);
    parley_mc_wilson(yb, nb, &blo, &bhi);
    if (ahi >= blo)
        return 0; /* the intervals overlap: the difference may be noise */
    *lo = a;
    *hi = b;
    return 1;
}

/* ---- chance tactics and events */

static const char *const CHANCE_NAMES[] = {"not-drawn",           "drawn",
                                           "agreement:not-drawn", "agreement:drawn",
                                           "holds:not-drawn",     "holds:drawn"};

/* Whether tactic k (event k when `event`) is a chance item. */
static int is_chance(const parley_sim_config_t *c, int event, size_t k)
{
    return event ? parley__mc_chance_event(&c->events[k])
                 : parley__mc_chance_tactic(&c->tactics[k]);
}

static void chance_key(char *key, size_t size, int event, size_t k)
{
    snprintf(key, size, "chance.simulation.%s[%zu]", event ? "events" : "tactics", k);
}

parley_status_t parley__mc_layout_chances(const parley_scenario_t *s, mc_layout_t *L)
{
    const parley_sim_config_t *c = parley_scenario_simulation(s);
    L->at[PARLEY_MCG_CHANCE] = (size_t)-1;
    for (int event = 0; event < 2; event++)
        for (size_t k = 0; k < (event ? c->n_events : c->n_tactics); k++) {
            char key[64];
            if (!is_chance(c, event, k))
                continue;
            chance_key(key, sizeof key, event, k);
            if (add_stat(L, PARLEY_MCG_CHANCE, key, 6, CHANCE_NAMES))
                return PARLEY_ENOMEM;
        }
    return PARLEY_OK;
}

void parley__mc_record_chances(const mc_layout_t *L, const parley_scenario_t *s,
                               const mc_outcome_t *r, uint64_t *cells)
{
    size_t stat = L->at[PARLEY_MCG_CHANCE];
    const parley_sim_config_t *c = parley_scenario_simulation(s);
    if (stat == (size_t)-1 || !r->tactic_used || !r->event_drawn)
        return;
    for (int event = 0; event < 2; event++)
        for (size_t k = 0; k < (event ? c->n_events : c->n_tactics); k++) {
            if (!is_chance(c, event, k))
                continue;
            size_t d = (event ? r->event_drawn[k] : r->tactic_used[k]) ? 1 : 0;
            parley__mc_count(L, cells, stat, d);
            if (r->agreement)
                parley__mc_count(L, cells, stat, 2 + d);
            if (r->agreement && r->holds)
                parley__mc_count(L, cells, stat, 4 + d);
            stat++;
        }
}

int parley_mc_chance_count(const parley_mc_t *mc, int event, size_t k, int drawn,
                           uint64_t *runs, uint64_t *agreed, uint64_t *held)
{
    char key[64];
    uint64_t spare;
    if (!held)
        held = &spare;
    *runs = *agreed = *held = 0;
    if (parley_mc_options(mc)->what != PARLEY_MC_SIMULATE)
        return 0;
    chance_key(key, sizeof key, event, k);
    size_t st = parley_mc_find_stat(mc, key);
    if (st == (size_t)-1)
        return 0;
    *runs = parley_mc_count(mc, st, drawn ? 1 : 0);
    *agreed = parley_mc_count(mc, st, drawn ? 3 : 2);
    *held = parley_mc_count(mc, st, drawn ? 5 : 4);
    return 1;
}
