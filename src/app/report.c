/*
 * report.c — the self-contained HTML report: the scenario's header, a
 * table of every proposal's verdicts, and the Vega-Lite charts of the API
 * (the simulation's too when the scenario has one), with vega, vega-lite
 * and vega-embed copied in from node_modules, so the file opens anywhere,
 * offline. Built whole in memory; the caller writes it once.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "report.h"
#include "app.h"
#include "eval.h"
#include "forecast.h"
#include "mc.h"

static void html_text(parley_buf_t *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': parley_buf_puts(b, "&lt;"); break;
        case '>': parley_buf_puts(b, "&gt;"); break;
        case '&': parley_buf_puts(b, "&amp;"); break;
        case '"': parley_buf_puts(b, "&quot;"); break;
        default: parley_buf_append(b, s, 1);
        }
    }
}

/* Copies text into a <script> element: "</script" and "<!--" cannot end it early. */
static void script_text(parley_buf_t *b, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t k = 0; k + 1 < n; k++) {
        int close = s[k] == '<' && s[k + 1] == '/' && k + 8 <= n && !strncasecmp(s + k, "</script", 8);
        int open = s[k] == '<' && s[k + 1] == '!' && k + 4 <= n && !strncmp(s + k, "<!--", 4);
        if (close || open) {
            parley_buf_append(b, s + from, k + 1 - from);
            parley_buf_puts(b, "\\");
            from = k + 1;
        }
    }
    parley_buf_append(b, s + from, n - from);
}

static const char STYLE[] =
    "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;"
    "color:#222}h1{margin-bottom:.2em}.meta{color:#666;font-size:13px}section{margin:2.5em 0}"
    "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:4px 8px;"
    "text-align:right}th{background:#f4f4f4}td.p{text-align:left}.accept{background:#e3f4e6}"
    ".reject{background:#fbe3e3}.open{background:#eee}.note{color:#666;font-size:13px}"
    ".err{color:#a00}td.t,th.t{text-align:left}pre{font-size:12px;background:#f8f8f8;"
    "padding:8px;overflow-x:auto}"
    "@media print{body{max-width:none;margin:0;font-size:11pt;color:#000}"
    "section{margin:1.2em 0;break-inside:avoid-page}h2{break-after:avoid}"
    "table,pre,.chart{break-inside:avoid}a{color:#000;text-decoration:none}"
    ".accept,.reject,.open,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";


/* A row under a proposal that breaks a constraint: it is no package at all. */
static void infeasible_row(parley_buf_t *b, const parley_scenario_t *s,
                           const parley_proposal_t *pr, size_t na)
{
    for (size_t k = 0; k < parley_scenario_rule_count(s); k++) {
        if (parley_scenario_rule(s, k)->actor != (size_t)-1 ||
            parley_rule_broken(s, k, pr->positions) != 1)
            continue;
        parley_buf_printf(b, "<tr><td></td><td class=\"reject\" colspan=\"%zu\">not a feasible "
                             "package: it breaks the constraint ", na);
        html_text(b, parley_scenario_rule(s, k)->id);
        parley_buf_puts(b, " (");
        parley_buf_t t;
        parley_buf_init(&t);
        app_rule_text(&t, s, k);
        html_text(b, t.len ? t.data : "");
        parley_buf_free(&t);
        parley_buf_puts(b, ")</td></tr>\n");
    }
}

static void verdict_table(parley_buf_t *b, const parley_scenario_t *s)
{
    size_t na = parley_scenario_actor_count(s), ni = parley_scenario_issue_count(s);
    parley_issue_eval_t *ie = calloc(ni + 1, sizeof *ie);
    if (!ie)
        return;
    parley_buf_puts(b, "<table><tr><th>proposal</th>");
    for (size_t i = 0; i < na; i++) {
        parley_buf_puts(b, "<th>");
        html_text(b, parley_scenario_actor(s, i)->id);
        parley_buf_puts(b, "</th>");
    }
    parley_buf_puts(b, "</tr>\n");
    for (size_t p = 0; p < parley_scenario_proposal_count(s); p++) {
        const parley_proposal_t *pr = parley_scenario_proposal(s, p);
        parley_buf_puts(b, "<tr><td class=\"p\">");
        html_text(b, pr->name ? pr->name : pr->id);
        parley_buf_puts(b, "</td>");
        for (size_t i = 0; i < na; i++) {
            parley_actor_eval_t e;
            parley_eval_actor(s, i, pr->positions, &e, ie);
            const char *v = parley_verdict_name(e.verdict);
            parley_buf_printf(b, "<td class=\"%s\" title=\"BATNA %.3f", v, e.batna);
            for (size_t k = 0, first = 1; k < ni; k++)
                if (ie[k].red_line) {
                    parley_buf_puts(b, first ? "; red lines crossed: " : ", ");
                    html_text(b, parley_scenario_issue(s, k)->id);
                    first = 0;
                }
            for (size_t k = 0, first = 1; k < parley_scenario_rule_count(s); k++)
                if (parley_scenario_rule(s, k)->actor == i &&
                    parley_rule_broken(s, k, pr->positions) == 1) {
                    parley_buf_puts(b, first ? "; conditional red lines broken: " : ", ");
                    html_text(b, parley_scenario_rule(s, k)->id);
                    first = 0;
                }
            int crossed = e.red_lines_crossed || e.rules_broken;
            if (isnan(e.utility))
                parley_buf_printf(b, "\">%.3f..%.3f %s</td>", e.utility_min, e.utility_max, v);
            else
                parley_buf_printf(b, "\">%.3f %s%s</td>", e.utility, v, crossed ? " &#x2716;" : "");
        }
        parley_buf_puts(b, "</tr>\n");
        infeasible_row(b, s, pr, na);
    }
    parley_buf_puts(b, "</table>\n<p class=\"note\">utility (0 worst, 1 ideal) and verdict; "
                       "&#x2716; a red line crossed (hover for which and the BATNA).</p>\n");
    free(ie);
}

/* Every plan's terms as text: a row per issue, a column per proposal. */
static void terms_table(parley_buf_t *b, const parley_scenario_t *s)
{
    size_t ni = parley_scenario_issue_count(s), np = parley_scenario_proposal_count(s);
    char pos[128];
    parley_buf_puts(b, "<section><h2>Terms of each plan</h2>\n<table><tr><th class=\"t\">issue"
                       "</th>");
    for (size_t p = 0; p < np; p++) {
        parley_buf_puts(b, "<th class=\"t\">");
        html_text(b, parley_scenario_proposal(s, p)->id);
        parley_buf_puts(b, "</th>");
    }
    parley_buf_puts(b, "</tr>\n");
    for (size_t j = 0; j < ni; j++) {
        parley_buf_puts(b, "<tr><td class=\"t\">");
        html_text(b, parley_scenario_issue(s, j)->name);
        parley_buf_puts(b, "</td>");
        for (size_t p = 0; p < np; p++) {
            const parley_proposal_t *pr = parley_scenario_proposal(s, p);
            eval_position_text(s, j, pr->positions[j], pos, sizeof pos);
            parley_buf_puts(b, "<td class=\"t\">");
            html_text(b, pos);
            if (pr->position_sources[j]) {
                parley_buf_puts(b, "<sup title=\"");
                html_text(b, pr->position_sources[j]);
                parley_buf_puts(b, "\">s</sup>");
            }
            parley_buf_puts(b, "</td>");
        }
        parley_buf_puts(b, "</tr>\n");
    }
    parley_buf_puts(b, "</table>\n<p class=\"note\">open: the plan leaves the issue to later "
                       "talks; <sup>s</sup>: the position has a source (hover, or see the "
                       "appendix).</p></section>\n");
}

/* A package in a result's JSON ("$.nash.positions", "$.outcome.terms") as
 * a two-column table, issue by issue; nothing when it is null. */
static int package_table(parley_buf_t *b, const parley_scenario_t *s, app_jget_t *r,
                         const char *at)
{
    char path[400], text[256];
    size_t ni = parley_scenario_issue_count(s), shown = 0;
    for (size_t j = 0; j < ni; j++) {
        const parley_issue_t *is = parley_scenario_issue(s, j);
        snprintf(path, sizeof path, "%s.\"%s\"", at, is->id);
        double v = app_jget(r, path, text, sizeof text);
        if (!text[0])
            continue;
        if (!shown++)
            parley_buf_puts(b, "<table><tr><th class=\"t\">issue</th><th class=\"t\">terms"
                               "</th></tr>\n");
        parley_buf_puts(b, "<tr><td class=\"t\">");
        html_text(b, is->name);
        parley_buf_puts(b, "</td><td class=\"t\">");
        if (!isnan(v)) {
            char num[32];
            parley_format_number(v, num);
            html_text(b, num);
            if (is->unit) {
                parley_buf_puts(b, " ");
                html_text(b, is->unit);
            }
        } else {
            html_text(b, text);
        }
        parley_buf_puts(b, "</td></tr>\n");
    }
    if (shown)
        parley_buf_puts(b, "</table>\n");
    return shown > 0;
}

/* One removal that alone makes a deal ("UKR's red line on nato"), from
 * the space's diagnosis: a red line, a conditional red line, a constraint,
 * an interaction term (docs/space-json.md). */
static void why_no_deal(parley_buf_t *b, app_jget_t *r)
{
    static const struct {
        const char *list, *key, *what;
    } KINDS[] = {{"red_lines_to_drop", "issue", "'s red line on "},
                 {"red_lines_to_drop", "conditional_red_line", "'s conditional red line "},
                 {"terms_to_drop", "term", "'s interaction term "},
                 {"constraints_to_drop", NULL, "the constraint "}};
    char path[256], actor[128], id[128];
    parley_buf_t list;
    parley_buf_init(&list);
    size_t shown = 0;
    for (size_t k = 0; k < sizeof KINDS / sizeof KINDS[0]; k++) {
        snprintf(path, sizeof path, "$.diagnosis.%s", KINDS[k].list);
        size_t n = app_jget_len(r, path);
        for (size_t q = 0; q < n; q++) {
            actor[0] = '\0';
            if (KINDS[k].key) {
                snprintf(path, sizeof path, "$.diagnosis.%s[%zu].%s", KINDS[k].list, q,
                         KINDS[k].key);
                app_jget(r, path, id, sizeof id);
                snprintf(path, sizeof path, "$.diagnosis.%s[%zu].actor", KINDS[k].list, q);
                app_jget(r, path, actor, sizeof actor);
            } else {
                snprintf(path, sizeof path, "$.diagnosis.%s[%zu]", KINDS[k].list, q);
                app_jget(r, path, id, sizeof id);
            }
            if (!id[0])
                continue;
            parley_buf_puts(&list, shown++ ? "; " : "");
            html_text(&list, actor);
            parley_buf_puts(&list, KINDS[k].what);
            html_text(&list, id);
        }
    }
    if (shown == 1)
        parley_buf_printf(b, " Dropping %s alone would make one.", list.data);
    else if (shown > 1)
        parley_buf_printf(b, " Dropping any one of these alone would make one: %s.", list.data);
    parley_buf_free(&list);
    double fall = app_jget(r, "$.diagnosis.uniform_batna_fall", NULL, 0);
    if (!isnan(fall))
        parley_buf_printf(b, " If every BATNA fell by %.3f together, a deal would exist.", fall);
}

/* The space's answer in words: the Nash deal's terms, or why there is none. */
static void space_text(parley_buf_t *b, const parley_scenario_t *s, const app_result_t *res)
{
    app_jget_t *r = app_jget_open();
    if (!r)
        return;
    app_jget_use(r, res->result.data);
    char text[256];
    app_jget(r, "$.zopa.count_decimal", text, sizeof text);
    parley_buf_puts(b, "<p>Packages every party prefers to walking away (the ZOPA): <b>");
    html_text(b, text[0] ? text : "?");
    parley_buf_puts(b, "</b>.</p>\n");
    parley_buf_puts(b, "<h3>The Nash bargaining deal</h3>\n");
    if (!package_table(b, s, r, "$.nash.positions")) {
        parley_buf_puts(b, "<p>None: no package beats every party's BATNA.");
        why_no_deal(b, r);
        parley_buf_puts(b, "</p>\n");
    } else {
        parley_buf_puts(b, "<p class=\"note\">the package that maximises the product of the "
                           "parties' gains over their BATNAs (docs/agreement-space.md).</p>\n");
    }
    app_jget_close(r);
}

/* Per choice input of the Monte Carlo whose agreement hangs on its label
 * (docs/montecarlo.md, "Choices"), a warning with the two ends. */
/* Field `field` (a path below the item) of item k of the result's array `list`. */
static double item_get(app_jget_t *r, const char *list, size_t k, const char *field, char *text,
                       size_t cap)
{
    char path[160];
    snprintf(path, sizeof path, "$.%s[%zu].%s", list, k, field);
    return app_jget(r, path, text, cap);
}

static void choice_warnings(parley_buf_t *b, app_jget_t *r)
{
    size_t n = app_jget_len(r, "$.choices");
    for (size_t k = 0; k < n; k++) {
        char text[512], lo[160], hi[160];
        if (!(item_get(r, "choices", k, "hangs", NULL, 0) == 1.0))
            continue;
        item_get(r, "choices", k, "path", text, sizeof text);
        item_get(r, "choices", k, "lowest", lo, sizeof lo);
        item_get(r, "choices", k, "highest", hi, sizeof hi);
        parley_buf_puts(b, "<p class=\"err\">Warning: the probability of agreement hangs on "
                           "the label <code>");
        html_text(b, text);
        parley_buf_puts(b, "</code>: lowest with ");
        html_text(b, lo);
        parley_buf_puts(b, ", highest with ");
        html_text(b, hi);
        parley_buf_puts(b, " (more than 20 points apart; see <code>parley montecarlo</code>'s "
                           "agreement given each option).</p>\n");
    }
}

/* The agreement given each chance tactic's use or chance event's occurrence. */
static void chance_lines(parley_buf_t *b, app_jget_t *r)
{
    size_t n = app_jget_len(r, "$.chances");
    for (size_t k = 0; k < n; k++) {
        char kind[32], name[256], path[96];
        item_get(r, "chances", k, "kind", kind, sizeof kind);
        item_get(r, "chances", k, "name", name, sizeof name);
        item_get(r, "chances", k, "path", path, sizeof path);
        double p = item_get(r, "chances", k, "probability", NULL, 0);
        int event = strcmp(kind, "event") == 0;
        parley_buf_printf(b, "<p>Given the %s ", event ? "event" : "tactic");
        html_text(b, name);
        parley_buf_puts(b, " (<code>");
        html_text(b, path);
        parley_buf_printf(b, "</code>, probability %g)", p);
        for (int d = 1; d >= 0; d--) {
            char f[96];
            const char *key = d ? "drawn" : "not_drawn";
#define GIVEN(FIELD) (snprintf(f, sizeof f, "given.%s.%s", key, FIELD), \
                      item_get(r, "chances", k, f, NULL, 0))
            double of = GIVEN("agreement.of");
            parley_buf_printf(b, "%s %s: ", d ? "" : ";",
                              event ? (d ? "happens" : "does not happen")
                                    : (d ? "used" : "not used"));
            if (!(of > 0)) {
                parley_buf_puts(b, "never drawn");
                continue;
            }
            double sh = GIVEN("agreement.share"), lo = GIVEN("agreement.ci95[0]");
            double hi = GIVEN("agreement.ci95[1]"), held = GIVEN("holds.share");
#undef GIVEN
            parley_buf_printf(b, "agreement %.1f%% (%.1f%%&ndash;%.1f%%, %.0f runs)", 100.0 * sh,
                              100.0 * lo, 100.0 * hi, of);
            if (held == held) /* not NaN: some agreements */
                parley_buf_printf(b, ", of which %.1f%% hold", 100.0 * held);
        }
        parley_buf_puts(b, ".</p>\n");
    }
}

static void mc_section(parley_buf_t *b, const app_result_t *res)
{
    parley_buf_puts(b, "<section><h2>Monte Carlo over the uncertain inputs</h2>\n");
    if (res->status != 200) {
        parley_buf_puts(b, "<p class=\"err\">not computed: ");
        html_text(b, res->error.data ? res->error.data : "failed");
        parley_buf_puts(b, "</p></section>\n");
        return;
    }
    app_jget_t *r = app_jget_open();
    if (r) {
        app_jget_use(r, res->result.data);
        double share = app_jget(r, "$.agreement.share", NULL, 0);
        double lo = app_jget(r, "$.agreement.ci95[0]", NULL, 0);
        double hi = app_jget(r, "$.agreement.ci95[1]", NULL, 0);
        double n = app_jget(r, "$.agreement.of", NULL, 0);
        double seed = app_jget(r, "$.parameters.seed", NULL, 0);
        parley_buf_printf(b, "<p>Probability of agreement: <b>%.1f%%</b> (95%% interval "
                             "%.1f%%&ndash;%.1f%%, Wilson) over %.0f draws of the uncertain "
                             "inputs, seed %.0f (<code>parley montecarlo</code>).</p>\n",
                          100.0 * share, 100.0 * lo, 100.0 * hi, n, seed);
        choice_warnings(b, r); /* a result that hangs on a label says so */
        chance_lines(b, r);
        app_jget_close(r);
    }
    parley_buf_puts(b, "<div class=\"chart\" data-spec=\"spec-mc_outcome\"></div>\n"
                       "<div class=\"chart\" data-spec=\"spec-mc_terms\"></div>\n"
                       "<div class=\"chart\" data-spec=\"spec-mc_round\"></div></section>\n");
}

static void sens_section(parley_buf_t *b, const parley_buf_t *sens)
{
    parley_buf_puts(b, "<section><h2>Which inputs move the outcome most</h2>\n<pre>");
    html_text(b, sens->data ? sens->data : "");
    parley_buf_puts(b, "</pre>\n<p class=\"note\"><code>parley sensitivity</code> with its "
                       "defaults: one input at a time between its 5th and 95th percentiles, and "
                       "Sobol indices with bootstrap intervals (docs/montecarlo.md).</p>"
                       "</section>\n");
}

static void source_row(void *arg, const char *what, const char *src)
{
    parley_buf_t *b = arg;
    parley_buf_puts(b, "<tr><td class=\"t\">");
    html_text(b, what);
    parley_buf_puts(b, "</td><td class=\"t\">");
    html_text(b, src);
    parley_buf_puts(b, "</td></tr>\n");
}

static void sources_appendix(parley_buf_t *b, const parley_scenario_t *s)
{
    parley_buf_t t;
    parley_buf_init(&t);
    app_sources(s, source_row, &t);
    parley_buf_puts(b, "<section><h2>Appendix: sources</h2>\n");
    if (t.len) {
        parley_buf_puts(b, "<table><tr><th class=\"t\">what</th><th class=\"t\">source</th>"
                           "</tr>\n");
        parley_buf_append(b, t.data, t.len);
        parley_buf_puts(b, "</table>\n");
    } else {
        parley_buf_puts(b, "<p>The scenario gives no sources.</p>\n");
    }
    parley_buf_puts(b, "</section>\n");
    parley_buf_free(&t);
}

static void chart_div(parley_buf_t *b, const char *title, const char *name, const char *note)
{
    parley_buf_printf(b, "<section><h2>%s</h2>\n", title);
    if (note)
        parley_buf_printf(b, "<p class=\"note\">%s</p>\n", note);
    parley_buf_printf(b, "<div class=\"chart\" data-spec=\"spec-%s\"></div></section>\n", name);
}

/* The charts object of a result, as one <script type="application/json">
 * per chart is not needed: the whole object goes in one element per result. */
static void data_block(parley_buf_t *b, const char *id, const parley_buf_t *json)
{
    parley_buf_printf(b, "<script type=\"application/json\" id=\"%s\">", id);
    script_text(b, json->data ? json->data : "null", json->len ? json->len : 4);
    parley_buf_puts(b, "</script>\n");
}

static const char BOOT[] =
    "<script>\n"
    "(function () {\n"
    "  var charts = {};\n"
    "  ['eval', 'space', 'forecast', 'simulate', 'montecarlo'].forEach(function (k) {\n"
    "    var el = document.getElementById('charts-' + k);\n"
    "    if (el) Object.assign(charts, JSON.parse(el.textContent));\n"
    "  });\n"
    "  document.querySelectorAll('.chart').forEach(function (div) {\n"
    "    var spec = charts[div.getAttribute('data-spec').slice(5)];\n"
    "    if (spec) vegaEmbed(div, spec, {actions: false, renderer: 'svg'});\n"
    "  });\n"
    "})();\n"
    "</script>\n";

static void header(parley_buf_t *b, const parley_scenario_t *s)
{
    const char *name = parley_scenario_name(s) ? parley_scenario_name(s) : parley_scenario_id(s);
    parley_buf_puts(b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                       "<meta name=\"generator\" content=\"parley " PARLEY_VERSION_STRING "\">\n"
                       "<title>Parley report: ");
    html_text(b, name);
    parley_buf_printf(b, "</title>\n<style>%s</style>\n", STYLE);
}

/* Durability after a deal: how long it holds, who breaks it and why. */
static void sim_durability_html(parley_buf_t *b, app_jget_t *j)
{
    char holds[16], who[256], why[64], event[256];
    double rounds = app_jget(j, "$.outcome.durability.rounds", NULL, 0);
    app_jget(j, "$.outcome.durability.holds", holds, sizeof holds);
    if (strcmp(holds, "1") == 0) {
        parley_buf_printf(b, "<p>Durability: the deal holds for at least %.0f rounds.</p>\n",
                          app_jget(j, "$.outcome.durability.looked_ahead", NULL, 0));
        return;
    }
    app_jget(j, "$.outcome.durability.breaker", who, sizeof who);
    app_jget(j, "$.outcome.durability.why", why, sizeof why);
    app_jget(j, "$.outcome.durability.event", event, sizeof event);
    if (!who[0] || isnan(rounds))
        return;
    parley_buf_printf(b, "<p>Durability: %.0f rounds, until <b>", rounds);
    html_text(b, who);
    parley_buf_puts(b, "</b> breaks it (");
    html_text(b, why);
    if (event[0]) {
        parley_buf_puts(b, ": ");
        html_text(b, event);
    }
    parley_buf_puts(b, ").</p>\n");
}

/* The outcome of a simulation in one sentence and, after a deal, its
 * terms, from its JSON result. */
static void sim_summary(parley_buf_t *b, const parley_scenario_t *s, const app_result_t *r)
{
    app_jget_t *j = app_jget_open();
    if (!j)
        return;
    app_jget_use(j, r->result.data);
    char end[96], agreed[16];
    double round = app_jget(j, "$.outcome.round", NULL, 0);
    app_jget(j, "$.outcome.end_text", end, sizeof end); /* docs/simulation.md's words */
    app_jget(j, "$.outcome.agreement", agreed, sizeof agreed);
    if (end[0] && !isnan(round)) {
        parley_buf_puts(b, "<p>Outcome: <b>");
        html_text(b, end);
        parley_buf_printf(b, "</b> in round %.0f (<code>parley simulate</code> with the "
                             "scenario's settings).</p>\n", round);
    }
    if (strcmp(agreed, "1") == 0) { /* the deal's terms */
        parley_buf_puts(b, "<h3>Terms agreed</h3>\n");
        package_table(b, s, j, "$.outcome.terms");
        sim_durability_html(b, j);
    }
    app_jget_close(j);
}

/* One item per model: whether every actor accepts its forecast as a
 * package, whose red lines it crosses, who is left below its BATNA
 * (forecast_check.c); run again here with the default model parameters, as
 * the report's forecast section is. */
static void forecast_checks(parley_buf_t *b, const parley_scenario_t *s)
{
    fc_run_t r = {.s = s};
    parley_fc_params_init(&r.prm);
    r.prm.smp = parley_scenario_smp(s)->params;
    parley_ctx_t *ctx = parley_ctx_create();
    r.n_models = PARLEY_MODEL_PER_ISSUE; /* "all", as the forecast section */
    for (size_t m = 0; m < r.n_models; m++)
        r.models[m].model = (parley_model_t)m;
    if (ctx && r.n_models && fc_run_compute(ctx, s, &r) == PARLEY_OK) {
        size_t na = parley_scenario_actor_count(s), ni = parley_scenario_issue_count(s);
        parley_buf_puts(b, "<p>Each forecast checked as a package against every actor's BATNA "
                           "and red lines:</p>\n<ul>\n");
        for (size_t m = 0; m < r.n_models; m++) {
            const fc_model_run_t *mr = &r.models[m];
            parley_buf_printf(b, "<li><b>%s</b>: %zu of %zu actors accept",
                              parley_model_name(mr->model), mr->accepted, na);
            for (size_t i = 0; i < na; i++) {
                if (!mr->checks[i].red_lines_crossed && !mr->checks[i].rules_broken)
                    continue;
                parley_buf_puts(b, "; crosses a red line of ");
                html_text(b, parley_scenario_actor(s, i)->id);
                parley_buf_t red;
                parley_buf_init(&red);
                fc_red_text(&red, s, mr, i, ", ");
                parley_buf_puts(b, " (");
                html_text(b, red.data ? red.data : "");
                parley_buf_puts(b, ")");
                parley_buf_free(&red);
            }
            for (size_t i = 0; i < na; i++)
                if (mr->checks[i].verdict == PARLEY_REJECT && !mr->checks[i].red_lines_crossed &&
                    !mr->checks[i].rules_broken) {
                    parley_buf_puts(b, "; below the BATNA of ");
                    html_text(b, parley_scenario_actor(s, i)->id);
                }
            for (size_t k = 0; k < parley_scenario_rule_count(s); k++)
                if (mr->rules[k] == 1 && parley_scenario_rule(s, k)->actor == (size_t)-1) {
                    parley_buf_puts(b, "; breaks the constraint ");
                    html_text(b, parley_scenario_rule(s, k)->id);
                }
            parley_buf_puts(b, fc_unconverged(mr, ni) ? "; did not converge</li>\n" : "</li>\n");
        }
        parley_buf_puts(b, "</ul>\n");
    }
    fc_run_free(&r);
    parley_ctx_destroy(ctx);
}

static void section(parley_buf_t *b, const parley_scenario_t *s, const app_result_t *r, int k)
{
    static const char *const titles[REPORT_RESULTS] = {"", "Agreement space",
                                                       "Forecasts per model", "Simulation",
                                                       "Monte Carlo"};
    static const char *const kinds[REPORT_RESULTS] = {"eval", "space", "forecast", "simulate",
                                                      "montecarlo"};
    if (r->status == 0)
        return;
    if (k == 4) {
        mc_section(b, r);
        return;
    }
    if (r->status != 200) {
        parley_buf_printf(b, "<section><h2>%s</h2><p class=\"err\">not computed: ", titles[k]);
        html_text(b, r->error.data ? r->error.data : "failed");
        parley_buf_puts(b, "</p></section>\n");
        return;
    }
    if (k == 3) {
        parley_buf_puts(b, "<section><h2>Simulation</h2>\n");
        sim_summary(b, s, r);
        parley_buf_puts(b, "<div class=\"chart\" data-spec=\"spec-sim_trace\"></div>\n"
                           "<div class=\"chart\" data-spec=\"spec-sim_moves\"></div></section>\n");
        return;
    }
    if (k == 2) {
        parley_buf_printf(b, "<section><h2>%s</h2>\n<div class=\"chart\" "
                             "data-spec=\"spec-forecast\"></div>\n", titles[k]);
        forecast_checks(b, s);
        parley_buf_puts(b, "</section>\n");
        return;
    }
    parley_buf_printf(b, "<section><h2>%s</h2>\n", titles[k]);
    space_text(b, s, r);
    parley_buf_printf(b, "<p class=\"note\">pick the two actors on the axes below the chart</p>\n"
                         "<div class=\"chart\" data-spec=\"spec-%s\"></div></section>\n", kinds[k]);
}

int report_html(parley_buf_t *b, const parley_scenario_t *s,
                const app_result_t res[REPORT_RESULTS], const parley_buf_t *sens,
                const report_libs_t *libs)
{
    header(b, s);
    for (int k = 0; k < 3; k++) {
        parley_buf_puts(b, "<script>");
        script_text(b, libs->text[k].data ? libs->text[k].data : "", libs->text[k].len);
        parley_buf_puts(b, "</script>\n");
    }
    parley_buf_puts(b, "</head><body>\n<header><h1>");
    html_text(b, parley_scenario_name(s) ? parley_scenario_name(s) : parley_scenario_id(s));
    parley_buf_puts(b, "</h1>\n<p>");
    html_text(b, parley_scenario_description(s));
    parley_buf_puts(b, "</p>\n<p class=\"meta\">scenario ");
    html_text(b, parley_scenario_origin(s));
    parley_buf_printf(b, " &middot; %s &middot; parley %s &middot; written by "
                         "<code>parley report</code></p></header>\n",
                      parley_scenario_hash(s), parley_version());
    parley_buf_puts(b, "<section><h2>Reactions to the plans</h2>\n");
    verdict_table(b, s);
    parley_buf_puts(b, "</section>\n");
    terms_table(b, s);
    chart_div(b, "Each party's utility against its BATNA", "proposals", NULL);
    chart_div(b, "Positions map", "positions", NULL);
    for (int k = 1; k < REPORT_RESULTS; k++)
        section(b, s, &res[k], k);
    if (sens)
        sens_section(b, sens);
    sources_appendix(b, s);
    static const char *const kinds[REPORT_RESULTS] = {"eval", "space", "forecast", "simulate",
                                                      "montecarlo"};
    for (int k = 0; k < REPORT_RESULTS; k++) {
        char id[32];
        if (res[k].status != 200)
            continue;
        snprintf(id, sizeof id, "charts-%s", kinds[k]);
        data_block(b, id, &res[k].charts);
        snprintf(id, sizeof id, "result-%s", kinds[k]);
        data_block(b, id, &res[k].result);
    }
    parley_buf_puts(b, BOOT);
    parley_buf_puts(b, "</body></html>\n");
    return b->failed ? -1 : 0;
}

int report_libs_load(const char *root, report_libs_t *l, char *missing, size_t cap)
{
    static const char *const names[3] = {"vega", "vega-lite", "vega-embed"};
    for (int k = 0; k < 3; k++)
        parley_buf_init(&l->text[k]);
    for (int k = 0; k < 3; k++) {
        char path[4096];
        int found = app_vendor_path(root, names[k], path, sizeof path) == 0;
        char *data = NULL;
        size_t len = 0;
        parley_ctx_t *ctx = found ? parley_ctx_create() : NULL;
        if (ctx && parley_read_file(ctx, path, (size_t)64 << 20, &data, &len) == PARLEY_OK) {
            parley_buf_append(&l->text[k], data, len);
            free(data);
        } else {
            found = 0;
        }
        parley_ctx_destroy(ctx);
        if (!found) {
            snprintf(missing, cap, "%s", path);
            return -1;
        }
    }
    return 0;
}

void report_libs_free(report_libs_t *l)
{
    for (int k = 0; k < 3; k++)
        parley_buf_free(&l->text[k]);
}

/* Runs the analyses; the eval must succeed, the others may fail into the
 * report (a line in notes says so). The simulation runs only when the
 * scenario has a `simulation:`. */
static parley_status_t analyse(parley_ctx_t *ctx, const parley_scenario_t *s, const char *path,
                               const char *text, size_t len, const report_opts_t *o,
                               app_result_t res[REPORT_RESULTS], parley_buf_t *notes)
{
    app_param_t sp[4];
    size_t n = 0;
    const char *keys[4] = {"x", "y", "drop-red-lines", "grid"};
    const char *vals[4] = {o->x, o->y, o->drop, o->grid};
    for (int k = 0; k < 4; k++)
        if (vals[k])
            sp[n++] = (app_param_t){keys[k], vals[k]};
    app_param_t trace = {"trace", "1"};
    app_param_t mc[2] = {{"samples", o->mc}, {"seed", o->seed ? o->seed : "1"}};
    const app_kind_t kinds[REPORT_RESULTS] = {APP_EVAL, APP_SPACE, APP_FORECAST, APP_SIMULATE,
                                              APP_MONTECARLO};
    for (int k = 0; k < REPORT_RESULTS; k++) {
        if ((kinds[k] == APP_SIMULATE && !parley_scenario_simulation(s)->present) ||
            (kinds[k] == APP_MONTECARLO && !o->mc)) {
            res[k].status = 0; /* not asked for */
            continue;
        }
        app_request_t rq = {.kind = kinds[k], .name = path, .body = text, .len = len,
                            .max_memory_gib = 1.0};
        if (kinds[k] == APP_SPACE) {
            rq.params = sp;
            rq.n_params = n;
        } else if (kinds[k] == APP_FORECAST) {
            rq.params = &trace;
            rq.n_params = 1;
        } else if (kinds[k] == APP_MONTECARLO) {
            rq.params = mc;
            rq.n_params = 2;
            rq.max_samples = 10000000;
        }
        app_compute(&rq, &res[k]);
        if (res[k].status != 200 && k == 0)
            return parley_ctx_fail(ctx, res[k].status == 400 ? PARLEY_EINPUT : PARLEY_EINTERNAL,
                                   "%s", res[k].error.data ? res[k].error.data : "eval failed");
        if (res[k].status != 200)
            parley_buf_printf(notes, "%s not in the report: %s\n", app_kind_name(kinds[k]),
                              res[k].error.data ? res[k].error.data : "failed");
    }
    return PARLEY_OK;
}

/* `parley sensitivity` with its defaults (and the report's seed), as text. */
static parley_status_t sensitivity(parley_ctx_t *ctx, const parley_scenario_t *s,
                                   const report_opts_t *o, parley_buf_t *out)
{
    sens_request_t rq;
    memset(&rq, 0, sizeof rq);
    rq.seed = o->seed;
    parley_sens_options_t so;
    parley_sens_t *se = NULL;
    parley_status_t st = sens_setup(ctx, &rq, s, &so);
    if (!st)
        st = parley_sens_create(ctx, s, &so, &se);
    if (!st)
        st = sens_run(ctx, se, NULL, NULL);
    if (!st)
        st = sens_render(ctx, out, se, s, &so, 0);
    parley_sens_destroy(se);
    return st;
}

parley_status_t report_build(parley_ctx_t *ctx, const char *path, const char *text, size_t len,
                             const report_opts_t *o, parley_buf_t *html, parley_buf_t *notes)
{
    report_libs_t libs;
    char missing[4096 + 64];
    if (report_libs_load(o->root, &libs, missing, sizeof missing) != 0) {
        report_libs_free(&libs);
        return parley_ctx_fail(ctx, PARLEY_EINPUT, "%s is missing: run 'npm ci' in %s to install "
                               "the vega libraries the report embeds", missing, o->root);
    }
    parley_scenario_t *s = NULL;
    parley_status_t st = parley_scenario_load_buffer(ctx, path, text, len, &s);
    app_result_t res[REPORT_RESULTS];
    for (int k = 0; k < REPORT_RESULTS; k++)
        app_result_init(&res[k]);
    if (!st)
        st = analyse(ctx, s, path, text, len, o, res, notes);
    parley_buf_t sens;
    parley_buf_init(&sens);
    if (!st && o->sensitivity && sensitivity(ctx, s, o, &sens) != PARLEY_OK) {
        parley_buf_printf(notes, "sensitivity not in the report: %s\n", parley_ctx_message(ctx));
        sens.len = 0;
        parley_buf_puts(&sens, "not computed: ");
        parley_buf_puts(&sens, parley_ctx_message(ctx));
    }
    if (!st && report_html(html, s, res, o->sensitivity ? &sens : NULL, &libs) != 0)
        st = parley_ctx_fail(ctx, PARLEY_ENOMEM, "out of memory writing the report");
    for (int k = 0; k < REPORT_RESULTS; k++)
        app_result_free(&res[k]);
    parley_buf_free(&sens);
    parley_scenario_destroy(s);
    report_libs_free(&libs);
    return st;
}
