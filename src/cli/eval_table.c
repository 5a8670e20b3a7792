/*
 * eval_table.c — the terminal rendering of `parley eval`: per proposal, a
 * row per actor (utility, BATNA, surplus, verdict, red lines, the points
 * that cost it most), a one-line verdict summary, and on request the
 * issue-by-issue matrix of utility lost.
 */
#include <math.h>
#include <string.h>
#include "eval_run.h"

static void range_text(char *buf, size_t cap, double lo, double hi, int sign)
{
    if (fabs(hi - lo) < 5e-4)
        snprintf(buf, cap, sign ? "%+.3f" : "%.3f", lo);
    else
        snprintf(buf, cap, sign ? "%+.2f..%+.2f" : "%.2f..%.2f", lo, hi);
}

/* "territory, army-cap" for the issues whose red line actor i crosses. */
static void red_text(const eval_run_t *r, size_t p, size_t i, char *buf, size_t cap)
{
    size_t ni = parley_scenario_issue_count(r->s), at = 0;
    buf[0] = '\0';
    for (size_t j = 0; j < ni && at < cap; j++)
        if (eval_issue(r, p, i, j)->red_line)
            at += (size_t)snprintf(buf + at, cap - at, "%s%s", at ? ", " : "",
                                   parley_scenario_issue(r->s, j)->id);
    if (!buf[0])
        snprintf(buf, cap, "-");
}

/* The three decided issues that cost actor i most, "nato 0.12, ...". */
static void hurts_text(const eval_run_t *r, size_t p, size_t i, char *buf, size_t cap)
{
    size_t ni = parley_scenario_issue_count(r->s), at = 0;
    unsigned char used[4096] = {0};
    buf[0] = '\0';
    for (int k = 0; k < 3; k++) {
        size_t best = (size_t)-1;
        double bl = 0.005; /* below half a point of utility is noise in a table */
        for (size_t j = 0; j < ni && j < 4096; j++) {
            const parley_issue_eval_t *e = eval_issue(r, p, i, j);
            if (!used[j] && !e->open && e->loss > bl) {
                bl = e->loss;
                best = j;
            }
        }
        if (best == (size_t)-1)
            break;
        used[best] = 1;
        if (at < cap)
            at += (size_t)snprintf(buf + at, cap - at, "%s%s %.2f", at ? ", " : "",
                                   parley_scenario_issue(r->s, best)->id, bl);
    }
    if (!buf[0])
        snprintf(buf, cap, "-");
}

static const char *verdict_colour(const cli_style_t *sty, parley_verdict_t v)
{
    return v == PARLEY_ACCEPT ? sty->green : v == PARLEY_REJECT ? sty->red : sty->yellow;
}

static void actor_rows(parley_buf_t *b, const eval_run_t *r, size_t p, const cli_style_t *sty)
{
    size_t na = parley_scenario_actor_count(r->s);
    parley_buf_printf(b, "  %s%-8s %-11s %-6s %-13s %-8s %-24s %s%s\n", sty->dim, "actor",
                      "utility", "BATNA", "surplus", "verdict", "red lines crossed",
                      "costs most (utility lost)", sty->reset);
    for (size_t i = 0; i < na; i++) {
        const parley_actor_eval_t *e = eval_actor(r, p, i);
        char u[32], sp[32], red[256], hurts[256];
        range_text(u, sizeof u, e->utility_min, e->utility_max, 0);
        range_text(sp, sizeof sp, e->surplus_min, e->surplus_max, 1);
        red_text(r, p, i, red, sizeof red);
        hurts_text(r, p, i, hurts, sizeof hurts);
        parley_buf_puts(b, "  ");
        cli_pad(b, parley_scenario_actor(r->s, i)->id, 8);
        parley_buf_printf(b, " %-11s %-6.3f %-13s ", u, e->batna, sp);
        parley_buf_printf(b, "%s%-8s%s ", verdict_colour(sty, e->verdict),
                          e->verdict == PARLEY_REJECT ? "REJECT" : parley_verdict_name(e->verdict),
                          sty->reset);
        parley_buf_printf(b, "%s", e->red_lines_crossed ? sty->red : "");
        cli_pad(b, red, 24);
        parley_buf_printf(b, "%s %s\n", e->red_lines_crossed ? sty->reset : "", hurts);
    }
}

static void summary(parley_buf_t *b, const eval_run_t *r, size_t p, const cli_style_t *sty)
{
    static const char *const label[3] = {"rejected by", "accepted by", "open for"};
    static const parley_verdict_t order[3] = {PARLEY_ACCEPT, PARLEY_REJECT, PARLEY_OPEN_VERDICT};
    size_t na = parley_scenario_actor_count(r->s);
    parley_buf_puts(b, "  ");
    int first_group = 1;
    for (int g = 0; g < 3; g++) {
        int any = 0;
        for (size_t i = 0; i < na; i++) {
            if (eval_actor(r, p, i)->verdict != order[g])
                continue;
            if (!any)
                parley_buf_printf(b, "%s%s%s%s ", first_group ? "" : "; ",
                                  verdict_colour(sty, order[g]), label[order[g]], sty->reset);
            parley_buf_printf(b, "%s%s", any ? ", " : "", parley_scenario_actor(r->s, i)->id);
            any = 1;
            first_group = 0;
        }
    }
    int all = 1;
    for (size_t i = 0; i < na; i++)
        all &= eval_actor(r, p, i)->verdict == PARLEY_ACCEPT;
    parley_buf_printf(b, "%s\n", all ? " — acceptable to every actor" : "");
}

static void matrix(parley_buf_t *b, const eval_run_t *r, size_t p, const cli_style_t *sty)
{
    const parley_scenario_t *s = r->s;
    size_t na = parley_scenario_actor_count(s), ni = parley_scenario_issue_count(s);
    const parley_proposal_t *pr = parley_scenario_proposal(s, r->props[p]);
    parley_buf_printf(b, "\n  %sutility lost on each point against the actor's ideal "
                         "(! = red line crossed, ? = open)%s\n  ", sty->dim, sty->reset);
    cli_pad(b, "issue", 20);
    cli_pad(b, "position", 22);
    for (size_t i = 0; i < na; i++) {
        char h[16];
        snprintf(h, sizeof h, "%8.8s", parley_scenario_actor(s, i)->id);
        parley_buf_puts(b, h);
    }
    parley_buf_puts(b, "\n");
    for (size_t j = 0; j < ni; j++) {
        char pos[64];
        eval_position_text(s, j, pr->positions[j], pos, sizeof pos);
        parley_buf_puts(b, "  ");
        cli_pad(b, parley_scenario_issue(s, j)->id, 20);
        cli_pad(b, pos, 22);
        for (size_t i = 0; i < na; i++) {
            const parley_issue_eval_t *e = eval_issue(r, p, i, j);
            if (e->open)
                parley_buf_printf(b, "%7s%s", "?", " ");
            else if (e->red_line)
                parley_buf_printf(b, "%s%7.3f!%s", sty->red, e->loss, sty->reset);
            else
                parley_buf_printf(b, "%7.3f ", e->loss);
        }
        parley_buf_puts(b, "\n");
    }
}

void eval_render_table(parley_buf_t *b, const eval_run_t *r, int detail, const cli_style_t *sty)
{
    const parley_scenario_t *s = r->s;
    size_t ni = parley_scenario_issue_count(s);
    for (size_t p = 0; p < r->n_props; p++) {
        const parley_proposal_t *pr = parley_scenario_proposal(s, r->props[p]);
        size_t open = 0;
        for (size_t j = 0; j < ni; j++)
            open += parley_is_open(pr->positions[j]) != 0;
        parley_buf_printf(b, "%s%s%s", sty->bold, pr->id, sty->reset);
        if (strcmp(pr->name, pr->id) != 0)
            parley_buf_printf(b, "  %s", pr->name);
        if (pr->date)
            parley_buf_printf(b, " (%s)", pr->date);
        parley_buf_printf(b, "\n  %zu of %zu issues decided", ni - open, ni);
        if (open)
            parley_buf_printf(b, "; %zu left open (shown as ranges)", open);
        parley_buf_puts(b, "\n\n");
        actor_rows(b, r, p, sty);
        parley_buf_puts(b, "\n");
        summary(b, r, p, sty);
        if (detail)
            matrix(b, r, p, sty);
        parley_buf_puts(b, "\n");
    }
    parley_buf_printf(b, "%sscenario %s %s | utility: salience-weighted additive, "
                         "docs/scenario-format.md | parley %s%s\n",
                      sty->dim, parley_scenario_origin(s), parley_scenario_hash(s),
                      parley_version(), sty->reset);
}
