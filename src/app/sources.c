/*
 * sources.c — every source a scenario gives, in one order (the scenario,
 * actors and their numbers, issues and options, stances and red lines,
 * proposals and their positions, the linkage), for `check --sources` and
 * the HTML report's appendix.
 */
#include <stdio.h>
#include "app.h"

static void one(app_source_fn fn, void *arg, const char *what, const char *src)
{
    if (src)
        fn(arg, what, src);
}

void app_sources(const parley_scenario_t *s, app_source_fn fn, void *arg)
{
    char w[256];
    size_t na = parley_scenario_actor_count(s), ni = parley_scenario_issue_count(s);
    one(fn, arg, "scenario", parley_scenario_source(s));
    for (size_t i = 0; i < na; i++) {
        const parley_actor_t *a = parley_scenario_actor(s, i);
        snprintf(w, sizeof w, "actor %s", a->id);
        one(fn, arg, w, a->source);
        snprintf(w, sizeof w, "actor %s capability", a->id);
        one(fn, arg, w, a->capability_source);
        snprintf(w, sizeof w, "actor %s batna", a->id);
        one(fn, arg, w, a->batna_source);
    }
    for (size_t j = 0; j < ni; j++) {
        const parley_issue_t *is = parley_scenario_issue(s, j);
        snprintf(w, sizeof w, "issue %s", is->id);
        one(fn, arg, w, is->source);
        for (size_t k = 0; k < is->n_options; k++) {
            snprintf(w, sizeof w, "issue %s option %s", is->id, is->options[k].id);
            one(fn, arg, w, is->options[k].source);
        }
    }
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < ni; j++) {
            const parley_stance_t *st = parley_scenario_stance(s, i, j);
            snprintf(w, sizeof w, "stance %s on %s", parley_scenario_actor(s, i)->id,
                     parley_scenario_issue(s, j)->id);
            one(fn, arg, w, st->source);
            snprintf(w, sizeof w, "red line %s on %s", parley_scenario_actor(s, i)->id,
                     parley_scenario_issue(s, j)->id);
            one(fn, arg, w, st->red_line_source);
        }
    for (size_t p = 0; p < parley_scenario_proposal_count(s); p++) {
        const parley_proposal_t *pr = parley_scenario_proposal(s, p);
        snprintf(w, sizeof w, "proposal %s", pr->id);
        one(fn, arg, w, pr->source);
        for (size_t j = 0; j < ni; j++) {
            snprintf(w, sizeof w, "proposal %s on %s", pr->id, parley_scenario_issue(s, j)->id);
            one(fn, arg, w, pr->position_sources[j]);
        }
    }
    for (size_t k = 0; k < parley_scenario_rule_count(s); k++) {
        const parley_rule_t *r = parley_scenario_rule(s, k);
        snprintf(w, sizeof w, "%s %s", r->actor == (size_t)-1 ? "constraint" : "red line rule",
                 r->id);
        one(fn, arg, w, r->source);
    }
    for (size_t k = 0; k < parley_scenario_term_count(s); k++) {
        snprintf(w, sizeof w, "term %s", parley_scenario_term(s, k)->id);
        one(fn, arg, w, parley_scenario_term(s, k)->source);
    }
    for (size_t k = 0; k < parley_scenario_transfer_count(s); k++) {
        snprintf(w, sizeof w, "transfer %s", parley_scenario_transfer(s, k)->id);
        one(fn, arg, w, parley_scenario_transfer(s, k)->source);
    }
}
