/*
 * links.c — linkage in words: a condition, a combination, a constraint or
 * conditional red line, a term, as one line of text ("centrifuges >= 1000",
 * "if relief in [phased, at-implementation] then sunset >= 10"), shared by
 * check, eval, space, forecast and simulate so every command says it alike.
 */
#include <math.h>
#include "app.h"
#include "parley/utility.h"

static void options_text(parley_buf_t *b, const parley_issue_t *is, unsigned long long set,
                         int negate)
{
    size_t n = 0, last = 0;
    for (size_t k = 0; k < is->n_options; k++)
        if ((set >> k) & 1ull) {
            n++;
            last = k;
        }
    if (n == 1) {
        parley_buf_printf(b, "%s %s %s", is->id, negate ? "!=" : "=", is->options[last].id);
        return;
    }
    parley_buf_printf(b, "%s %s [", is->id, negate ? "not in" : "in");
    for (size_t k = 0, m = 0; k < is->n_options; k++)
        if ((set >> k) & 1ull)
            parley_buf_printf(b, "%s%s", m++ ? ", " : "", is->options[k].id);
    parley_buf_puts(b, "]");
}

void app_condition_text(parley_buf_t *b, const parley_scenario_t *s, const parley_condition_t *c)
{
    const parley_issue_t *is = parley_scenario_issue(s, c->issue);
    if (is->kind == PARLEY_ISSUE_DISCRETE) {
        options_text(b, is, c->options, c->negate);
        return;
    }
    int lo = isfinite(c->lo), hi = isfinite(c->hi);
    char a[32], z[32];
    parley_format_number(c->lo, a);
    parley_format_number(c->hi, z);
    if (c->negate)
        parley_buf_puts(b, "not (");
    if (lo && hi && c->lo == c->hi)
        parley_buf_printf(b, "%s = %s", is->id, a);
    else if (lo && hi)
        parley_buf_printf(b, "%s %s %s %s %s", a, c->lo_open ? "<" : "<=", is->id,
                          c->hi_open ? "<" : "<=", z);
    else if (lo)
        parley_buf_printf(b, "%s %s %s", is->id, c->lo_open ? ">" : ">=", a);
    else
        parley_buf_printf(b, "%s %s %s", is->id, c->hi_open ? "<" : "<=", z);
    if (c->negate)
        parley_buf_puts(b, ")");
}

void app_combination_text(parley_buf_t *b, const parley_scenario_t *s,
                          const parley_combination_t *c)
{
    for (size_t k = 0; k < c->n; k++) {
        if (k)
            parley_buf_puts(b, " and ");
        app_condition_text(b, s, &c->c[k]);
    }
}

void app_rule_text(parley_buf_t *b, const parley_scenario_t *s, size_t k)
{
    const parley_rule_t *r = parley_scenario_rule(s, k);
    if (r->kind == PARLEY_RULE_FORBID) {
        parley_buf_puts(b, "never ");
        app_combination_text(b, s, &r->when);
        return;
    }
    parley_buf_puts(b, "if ");
    app_combination_text(b, s, &r->when);
    parley_buf_puts(b, " then ");
    app_combination_text(b, s, &r->then);
}

void app_term_text(parley_buf_t *b, const parley_scenario_t *s, size_t k)
{
    const parley_term_t *t = parley_scenario_term(s, k);
    parley_buf_printf(b, "%s %.3f when ", t->penalty ? "penalty" : "bonus",
                      parley_scenario_term_weight(s, k));
    app_combination_text(b, s, &t->when);
}
