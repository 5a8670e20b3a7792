/*
 * eval_table.c — the terminal rendering of `parley eval`: per proposal, a
 * row per actor (utility, BATNA, surplus, verdict, red lines, the points
 * that cost it most), a one-line verdict summary, and on request the
 * issue-by-issue matrix of utility lost.
 */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include "eval.h"
#include "transfer_out.h"
#include "bloc_out.h"

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
    for (size_t k = 0; k < parley_scenario_rule_count(r->s) && at < cap; k++)
        if (parley_scenario_rule(r->s, k)->actor == i && eval_rule(r, p, k) == 1)
            at += (size_t)snprintf(buf + at, cap - at, "%s%s", at ? ", " : "",
                                   parley_scenario_rule(r->s, k)->id);
    if (!buf[0])
        snprintf(buf, cap, "-");
}

/* The loss of item q of actor i: an issue (q < ni) or term q - ni (0 for
 * another actor's term); NAN when open or undecided. */
static double item_loss(const eval_run_t *r, size_t p, size_t i, size_t q, const char **id)
{
    size_t ni = parley_scenario_issue_count(r->s);
    if (q < ni) {
        const parley_issue_eval_t *e = eval_issue(r, p, i, q);
        *id = parley_scenario_issue(r->s, q)->id;
        return e->open ? (double)NAN : e->loss;
    }
    const parley_term_t *t = parley_scenario_term(r->s, q - ni);
    *id = t->id;
    return t->actor == i ? eval_term(r, p, q - ni)->loss : 0.0;
}

/* The three decided issues or terms that cost actor i most, "nato 0.12, ...". */
static void hurts_text(const eval_run_t *r, size_t p, size_t i, char *buf, size_t cap)
{
    size_t nq = parley_scenario_issue_count(r->s) + parley_scenario_term_count(r->s), at = 0;
    unsigned char used[8192] = {0};
    const char *id, *best_id = NULL;
    buf[0] = '\0';
    for (int k = 0; k < 3; k++) {
        size_t best = (size_t)-1;
        double bl = 0.005; /* below half a point of utility is noise in a table */
        for (size_t q = 0; q < nq && q < 8192; q++) {
            double loss = item_loss(r, p, i, q, &id);
            if (!used[q] && loss > bl) {
                bl = loss;
                best = q;
                best_id = id;
            }
        }
        if (best == (size_t)-1)
            break;
        used[best] = 1;
        if (at < cap)
            at += (size_t)snprintf(buf + at, cap - at, "%s%s %.2f", at ? ", " : "", best_id, bl);
    }
    if (!buf[0])
        snprintf(buf, cap, "-");
}

static const char *verdict_colour(const app_style_t *sty, parley_verdict_t v)
{
    return v == PARLEY_ACCEPT ? sty->green : v == PARLEY_REJECT ? sty->red : sty->yellow;
}

static void actor_rows(parley_buf_t *b, const eval_run_t *r, size_t p, const app_style_t *sty)
{
    size_t na = parley_scenario_actor_count(r->s);
    /* Columns as wide as their widest cell, so long issue ids never collide. */
    size_t w_id = 5, w_u = 7, w_s = 7, w_red = 17;
    char u[32], sp[32], red[512], hurts[256];
    for (size_t i = 0; i < na; i++) {
        const parley_actor_eval_t *e = eval_actor(r, p, i);
        range_text(u, sizeof u, e->utility_min, e->utility_max, 0);
        range_text(sp, sizeof sp, e->surplus_min, e->surplus_max, 1);
        red_text(r, p, i, red, sizeof red);
        w_id = w_id > app_width(parley_scenario_actor(r->s, i)->id) ? w_id
                                                                  : app_width(parley_scenario_actor(r->s, i)->id);
        w_u = w_u > strlen(u) ? w_u : strlen(u);
        w_s = w_s > strlen(sp) ? w_s : strlen(sp);
        w_red = w_red > app_width(red) ? w_red : app_width(red);
    }
    parley_buf_printf(b, "  %s", sty->dim);
    app_pad(b, "actor", w_id + 2);
    app_pad(b, "utility", w_u + 2);
    app_pad(b, "BATNA", 7);
    app_pad(b, "surplus", w_s + 2);
    app_pad(b, "verdict", 9);
    app_pad(b, "red lines crossed", w_red + 2);
    parley_buf_printf(b, "costs most (utility lost)%s\n", sty->reset);
    for (size_t i = 0; i < na; i++) {
        const parley_actor_eval_t *e = eval_actor(r, p, i);
        range_text(u, sizeof u, e->utility_min, e->utility_max, 0);
        range_text(sp, sizeof sp, e->surplus_min, e->surplus_max, 1);
        red_text(r, p, i, red, sizeof red);
        hurts_text(r, p, i, hurts, sizeof hurts);
        char batna[16];
        snprintf(batna, sizeof batna, "%.3f", e->batna);
        parley_buf_puts(b, "  ");
        app_pad(b, parley_scenario_actor(r->s, i)->id, w_id + 2);
        app_pad(b, u, w_u + 2);
        app_pad(b, batna, 7);
        app_pad(b, sp, w_s + 2);
        parley_buf_puts(b, verdict_colour(sty, e->verdict));
        app_pad(b, e->verdict == PARLEY_REJECT ? "REJECT" : parley_verdict_name(e->verdict), 9);
        parley_buf_puts(b, sty->reset);
        parley_buf_puts(b, e->red_lines_crossed ? sty->red : "");
        app_pad(b, red, w_red + 2);
        parley_buf_printf(b, "%s%s\n", e->red_lines_crossed ? sty->reset : "", hurts);
    }
}

/* Every constraint or conditional red line the package breaks or may break. */
static void rules_text(parley_buf_t *b, const eval_run_t *r, size_t p, const app_style_t *sty)
{
    for (size_t k = 0; k < parley_scenario_rule_count(r->s); k++) {
        int v = eval_rule(r, p, k);
        if (v == 0)
            continue;
        const parley_rule_t *ru = parley_scenario_rule(r->s, k);
        parley_buf_printf(b, "  %s%s%s ", v == 1 ? sty->red : sty->yellow,
                          v == 1 ? "breaks" : "may break", sty->reset);
        if (ru->actor == (size_t)-1)
            parley_buf_printf(b, "constraint '%s': ", ru->id);
        else
            parley_buf_printf(b, "%s's red line '%s': ",
                              parley_scenario_actor(r->s, ru->actor)->id, ru->id);
        app_rule_text(b, r->s, k);
        parley_buf_puts(b, "\n");
    }
}

static void summary(parley_buf_t *b, const eval_run_t *r, size_t p, const app_style_t *sty)
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
    size_t broken, possible;
    eval_constraints(r, p, &broken, &possible);
    for (size_t i = 0; i < na; i++)
        all &= eval_actor(r, p, i)->verdict == PARLEY_ACCEPT;
    if (broken)
        parley_buf_printf(b, " — %snot a feasible package%s: it breaks %zu constraint%s\n",
                          sty->red, sty->reset, broken, broken == 1 ? "" : "s");
    else if (possible)
        parley_buf_printf(b, " — may break %zu constraint%s, depending on the open issues\n",
                          possible, possible == 1 ? "" : "s");
    else
        parley_buf_printf(b, "%s\n", all ? " — acceptable to every actor" : "");
    rules_text(b, r, p, sty);
    if (r->tp && !all) {
        double *before = malloc((na ? na : 1) * sizeof *before);
        if (before)
            for (size_t i = 0; i < na; i++)
                before[i] = eval_actor(r, p, i)->utility;
        parley_buf_puts(b, "  with transfers:\n");
        transfer_plan_text(b, r->s, &r->tp[p], before, "    ", sty);
        free(before);
    }
}

/* "majority (more than 1/2)", "two-thirds (at least 2/3)", "at least 0.55". */
static void threshold_text(char *buf, size_t cap, const parley_threshold_t *t)
{
    static const char *const frac[] = {"1/2", "2/3", "3/5", "all"};
    if (t->kind == PARLEY_THRESHOLD_SHARE) {
        char num[32];
        parley_format_number(t->share, num);
        snprintf(buf, cap, "at least %s", num);
    } else {
        snprintf(buf, cap, "%s (%s %s)", parley_threshold_name(t),
                 t->strict ? "more than" : "at least", frac[t->kind]);
    }
}

static void share_text(char *buf, size_t cap, double lo, double hi)
{
    if (fabs(hi - lo) < 5e-5)
        snprintf(buf, cap, "%.1f%%", 100.0 * lo);
    else
        snprintf(buf, cap, "%.1f..%.1f%%", 100.0 * lo, 100.0 * hi);
}

/* Each ratifying body's vote on proposal p, its members' votes, and a
 * signature the vote makes void. */
static void ratify_text(parley_buf_t *b, const eval_run_t *r, size_t p, const app_style_t *sty)
{
    const parley_scenario_t *s = r->s;
    size_t nb = parley_scenario_ratifier_count(s);
    if (!nb)
        return;
    parley_buf_printf(b, "\n  %sratification (a member votes yes at its BATNA or above, off its red "
                         "lines)%s\n", sty->dim, sty->reset);
    for (size_t k = 0; k < nb; k++) {
        const parley_ratifier_t *bd = parley_scenario_ratifier(s, k);
        const parley_ratify_eval_t *e = eval_ratify(r, p, k);
        const parley_member_vote_t *mv = eval_votes(r, p, k);
        char rule[64], yes[48], no[48];
        threshold_text(rule, sizeof rule, &bd->rule);
        share_text(yes, sizeof yes, e->yes_share, e->yes_share_max);
        share_text(no, sizeof no, e->no_share, 1.0 - e->yes_share);
        parley_buf_printf(b, "  %s%s%s ratifies %s's signature", sty->bold, bd->id, sty->reset,
                          parley_scenario_actor(s, bd->actor)->id);
        if (bd->issues) {
            parley_buf_puts(b, ", votes on");
            int first = 1;
            for (size_t j = 0; j < parley_scenario_issue_count(s); j++)
                if (bd->issues[j]) {
                    parley_buf_printf(b, "%s %s", first ? "" : ",", parley_scenario_issue(s, j)->id);
                    first = 0;
                }
        }
        parley_buf_printf(b, "; rule %s of the %s\n", rule,
                          bd->population ? "public's shares" : "weight");
        parley_buf_printf(b, "    yes %s, no %s (of %s %g)", yes, no,
                          bd->population ? "shares" : "weight", e->total);
        if (bd->has_override) {
            char ov[64];
            threshold_text(ov, sizeof ov, &bd->override);
            parley_buf_printf(b, "; a rejection stands only if no reaches %s", ov);
        }
        parley_buf_printf(b, ": %s%s%s%s\n", verdict_colour(sty, e->verdict),
                          e->verdict == PARLEY_REJECT ? "REJECTED"
                                                      : parley_ratify_verdict_name(e->verdict),
                          sty->reset,
                          e->saved ? " (the rule is not met, but the no side falls short of the "
                                     "override: the rejection does not stand)"
                                   : "");
        parley_buf_puts(b, "    ");
        size_t col = 4;
        for (size_t i = 0; i < bd->n_members; i++) {
            char cell[200], u[32];
            range_text(u, sizeof u, mv[i].utility_min, mv[i].utility_max, 0);
            const parley_member_vote_t *v = &mv[i];
            const char *id = bd->members[i].id;
            if (v->vote == PARLEY_VOTE_NO && v->red_lines_crossed)
                snprintf(cell, sizeof cell, "%s %g no (red line)", id, v->weight);
            else
                snprintf(cell, sizeof cell, "%s %g %s (%s %s %.3f)", id, v->weight,
                         parley_vote_name(v->vote), u,
                         v->vote == PARLEY_VOTE_YES ? ">=" : v->vote == PARLEY_VOTE_NO ? "<" : "vs",
                         v->batna);
            if (i + 1 < bd->n_members)
                strncat(cell, ";", sizeof cell - strlen(cell) - 1);
            size_t w = app_width(cell);
            if (col > 4 && col + w + 1 > 100) {
                parley_buf_puts(b, "\n    ");
                col = 4;
            }
            parley_buf_printf(b, "%s%s", col > 4 ? " " : "", cell);
            col += w + (col > 4);
        }
        parley_buf_puts(b, "\n");
        if (!e->exact)
            parley_buf_printf(b, "    %swarning: a number here has no exact form that fits: votes "
                                 "and thresholds were compared in doubles%s\n", sty->yellow,
                              sty->reset);
    }
    if (eval_void_signature(r, p))
        parley_buf_printf(b, "  %ssigned but not ratified: void%s (every actor accepts it, but a "
                             "body rejects it)\n", sty->red, sty->reset);
}

/* The matrix's rows for interaction terms: the loss of its actor, "-" for
 * the others. */
static void term_rows(parley_buf_t *b, const eval_run_t *r, size_t p, size_t w_issue,
                      size_t w_pos, size_t w_act, const app_style_t *sty)
{
    size_t na = parley_scenario_actor_count(r->s);
    for (size_t k = 0; k < parley_scenario_term_count(r->s); k++) {
        const parley_term_t *t = parley_scenario_term(r->s, k);
        const parley_term_eval_t *e = eval_term(r, p, k);
        char id[300];
        snprintf(id, sizeof id, "term %s", t->id);
        parley_buf_puts(b, "  ");
        app_pad(b, id, w_issue + 2);
        app_pad(b, e->holds == 1 ? "holds" : e->holds == 0 ? "not" : "?", w_pos + 1);
        for (size_t i = 0; i < na; i++) {
            if (t->actor != i)
                parley_buf_printf(b, "%*s ", (int)w_act, "-");
            else if (e->holds == PARLEY_UNDECIDED)
                parley_buf_printf(b, "%*s ", (int)w_act, "?");
            else
                parley_buf_printf(b, "%*.3f ", (int)w_act, e->loss);
        }
        parley_buf_puts(b, "\n");
    }
    (void)sty;
}

static void matrix(parley_buf_t *b, const eval_run_t *r, size_t p, const app_style_t *sty)
{
    const parley_scenario_t *s = r->s;
    size_t na = parley_scenario_actor_count(s), ni = parley_scenario_issue_count(s);
    const parley_proposal_t *pr = parley_scenario_proposal(s, r->props[p]);
    char pos[96];
    size_t w_issue = 5, w_pos = 8, w_act = 7;
    for (size_t j = 0; j < ni; j++) {
        eval_position_text(s, j, pr->positions[j], pos, sizeof pos);
        size_t wi = app_width(parley_scenario_issue(s, j)->id), wp = app_width(pos);
        w_issue = wi > w_issue ? wi : w_issue;
        w_pos = wp > w_pos ? wp : w_pos;
    }
    for (size_t k = 0; k < parley_scenario_term_count(s); k++) {
        size_t wi = app_width(parley_scenario_term(s, k)->id) + 5; /* "term " */
        w_issue = wi > w_issue ? wi : w_issue;
    }
    for (size_t i = 0; i < na; i++) {
        size_t wa = app_width(parley_scenario_actor(s, i)->id) + 1;
        w_act = wa > w_act ? wa : w_act;
    }
    parley_buf_printf(b, "\n  %sutility lost on each point against the actor's ideal "
                         "(! = red line crossed, ? = open)%s\n  ", sty->dim, sty->reset);
    app_pad(b, "issue", w_issue + 2);
    app_pad(b, "position", w_pos + 1);
    for (size_t i = 0; i < na; i++) {
        const char *id = parley_scenario_actor(s, i)->id;
        for (size_t k = app_width(id); k < w_act; k++)
            parley_buf_puts(b, " ");
        parley_buf_printf(b, "%s ", id);
    }
    parley_buf_puts(b, "\n");
    for (size_t j = 0; j < ni; j++) {
        eval_position_text(s, j, pr->positions[j], pos, sizeof pos);
        parley_buf_puts(b, "  ");
        app_pad(b, parley_scenario_issue(s, j)->id, w_issue + 2);
        app_pad(b, pos, w_pos + 1);
        for (size_t i = 0; i < na; i++) {
            const parley_issue_eval_t *e = eval_issue(r, p, i, j);
            if (e->open)
                parley_buf_printf(b, "%*s ", (int)w_act, "?");
            else if (e->red_line)
                parley_buf_printf(b, "%s%*.3f!%s", sty->red, (int)w_act, e->loss, sty->reset);
            else
                parley_buf_printf(b, "%*.3f ", (int)w_act, e->loss);
        }
        parley_buf_puts(b, "\n");
    }
    term_rows(b, r, p, w_issue, w_pos, w_act, sty);
    int any = 0;
    for (size_t j = 0; j < ni; j++) {
        const char *src = pr->position_sources[j];
        if (!src)
            continue;
        if (!any)
            parley_buf_printf(b, "\n  %ssources of the positions%s\n", sty->dim, sty->reset);
        any = 1;
        parley_buf_puts(b, "  ");
        app_pad(b, parley_scenario_issue(s, j)->id, w_issue + 2);
        parley_buf_printf(b, "%s\n", src);
    }
    if (pr->source)
        parley_buf_printf(b, "%s  %sproposal: %s%s\n", any ? "" : "\n", sty->dim, pr->source,
                          sty->reset);
}

void eval_render_table(parley_buf_t *b, const eval_run_t *r, int detail, const app_style_t *sty)
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
        ratify_text(b, r, p, sty);
        bloc_eval_text(b, r, p);
        if (detail)
            matrix(b, r, p, sty);
        parley_buf_puts(b, "\n");
    }
    size_t nt = parley_scenario_term_count(s);
    char terms[64] = "";
    if (nt)
        snprintf(terms, sizeof terms, " with %zu interaction term%s", nt, nt == 1 ? "" : "s");
    parley_buf_printf(b, "%sscenario %s %s | utility: salience-weighted additive%s, "
                         "docs/scenario-format.md | parley %s%s\n",
                      sty->dim, parley_scenario_origin(s), parley_scenario_hash(s), terms,
                      parley_version(), sty->reset);
    app_text_set(b, s, "");
}
