/*
 * cmd_check.c — `parley check FILE`: validates a scenario and summarises
 * it, so a user sees at once what Parley understood from the file. An
 * invalid file gets every error the loader can find (up to CHECK_MAX_ERRORS)
 * in one run, so three mistakes do not take three runs.
 */
#include <stdlib.h>
#include <string.h>
#include "../app/args.h"
#include "../app/bloc_out.h"
#include "../app/mc.h"
#include "../app/transfer_out.h"
#include "cli.h"

#define CHECK_MAX_ERRORS 20 /* documented in `parley help check` and docs/scenario-format.md */

typedef struct counts {
    size_t continuous, discrete, stances, red_lines;
} counts_t;

static counts_t count(const parley_scenario_t *s)
{
    counts_t c = {0};
    size_t na = parley_scenario_actor_count(s), ni = parley_scenario_issue_count(s);
    for (size_t j = 0; j < ni; j++) {
        if (parley_scenario_issue(s, j)->kind == PARLEY_ISSUE_CONTINUOUS)
            c.continuous++;
        else
            c.discrete++;
    }
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < ni; j++) {
            const parley_stance_t *st = parley_scenario_stance(s, i, j);
            c.stances += st->form != PARLEY_VALUE_NONE;
            c.red_lines += (size_t)st->has_red_line;
        }
    return c;
}

static size_t decided(const parley_scenario_t *s, const parley_proposal_t *p)
{
    size_t n = 0, ni = parley_scenario_issue_count(s);
    for (size_t j = 0; j < ni; j++)
        n += !parley_is_open(p->positions[j]);
    return n;
}

static void source_line(void *arg, const char *what, const char *src)
{
    parley_buf_printf((parley_buf_t *)arg, "  %-34s %s\n", what, src);
}

static void list_sources(parley_buf_t *b, const parley_scenario_t *s)
{
    parley_buf_puts(b, "\nsources\n");
    app_sources(s, source_line, b);
}

static void dynamics(parley_buf_t *b, const parley_scenario_t *s);
static void linkage(parley_buf_t *b, const parley_scenario_t *s);
static void ratification(parley_buf_t *b, const parley_scenario_t *s);
static void transfers(parley_buf_t *b, const parley_scenario_t *s);

static void table(parley_buf_t *b, const parley_scenario_t *s, const char *packages,
                  unsigned grid, const app_style_t *sty, int sources)
{
    counts_t c = count(s);
    size_t na = parley_scenario_actor_count(s), ni = parley_scenario_issue_count(s);
    size_t np = parley_scenario_proposal_count(s);
    parley_buf_printf(b, "%s%s: ok%s\n", sty->green, parley_scenario_origin(s), sty->reset);
    if (parley_scenario_name(s))
        parley_buf_printf(b, "scenario   %s%s%s\n", sty->bold, parley_scenario_name(s), sty->reset);
    parley_buf_printf(b, "hash       %s\n", parley_scenario_hash(s));
    parley_buf_printf(b, "packages   %s", packages);
    if (c.continuous)
        parley_buf_printf(b, " (continuous issues counted on a grid of %u points)", grid);
    parley_buf_printf(b, "\nstances    %zu of %zu given (%zu indifferent), %zu red lines\n",
                      c.stances, na * ni, na * ni - c.stances, c.red_lines);
    parley_buf_printf(b, "\nactors (%zu)\n", na);
    parley_buf_puts(b, "  id          capability   batna   drift  name\n");
    const parley_sim_config_t *sc = parley_scenario_simulation(s);
    for (size_t i = 0; i < na; i++) {
        const parley_actor_t *a = parley_scenario_actor(s, i);
        int med = sc->present && sc->protocol == PARLEY_PROTOCOL_MEDIATED && sc->mediator == i;
        parley_buf_puts(b, "  ");
        app_pad(b, a->id, 10);
        parley_buf_printf(b, " %11.4g %7.3f %+7.3f  %s%s\n", a->capability, a->batna,
                          a->batna_drift, a->name,
                          a->essential ? "  (essential)" : med ? "  (essential: the mediator)" : "");
    }
    parley_buf_printf(b, "\nissues (%zu: %zu continuous, %zu discrete)\n", ni, c.continuous,
                      c.discrete);
    for (size_t j = 0; j < ni; j++) {
        const parley_issue_t *is = parley_scenario_issue(s, j);
        parley_buf_puts(b, "  ");
        app_pad(b, is->id, 22);
        if (is->kind == PARLEY_ISSUE_CONTINUOUS) {
            parley_buf_printf(b, " %g..%g%s%s  %s\n", is->lo, is->hi, is->unit ? " " : "",
                              is->unit ? is->unit : "", is->name);
        } else {
            parley_buf_printf(b, " %zu options: ", is->n_options);
            for (size_t k = 0; k < is->n_options; k++)
                parley_buf_printf(b, "%s%s", k ? " < " : "", is->options[k].id);
            parley_buf_puts(b, "\n");
        }
    }
    parley_buf_printf(b, "\nproposals (%zu)\n", np);
    for (size_t p = 0; p < np; p++) {
        const parley_proposal_t *pr = parley_scenario_proposal(s, p);
        size_t d = decided(s, pr);
        parley_buf_puts(b, "  ");
        app_pad(b, pr->id, 22);
        parley_buf_printf(b, " %2zu of %zu issues decided  %s", d, ni, pr->name);
        if (pr->date)
            parley_buf_printf(b, " (%s)", pr->date);
        parley_buf_puts(b, "\n");
    }
    linkage(b, s);
    ratification(b, s);
    transfers(b, s);
    dynamics(b, s);
    if (sources)
        list_sources(b, s);
}

static const char *const DIST[] = {"", "uniform", "triangular", "normal", "beta", "choice"};

/* Constraints, conditional red lines and terms, when there are any. */
static void linkage(parley_buf_t *b, const parley_scenario_t *s)
{
    size_t nr = parley_scenario_rule_count(s), nt = parley_scenario_term_count(s), nc = 0;
    if (!nr && !nt)
        return;
    for (size_t k = 0; k < nr; k++)
        nc += parley_scenario_rule(s, k)->actor == (size_t)-1;
    parley_buf_printf(b, "\nlinkage (%zu constraint%s, %zu conditional red line%s, %zu term%s)\n",
                      nc, nc == 1 ? "" : "s", nr - nc, nr - nc == 1 ? "" : "s", nt,
                      nt == 1 ? "" : "s");
    for (size_t k = 0; k < nr; k++) {
        const parley_rule_t *r = parley_scenario_rule(s, k);
        parley_buf_printf(b, "  %-10s %-6s ", r->actor == (size_t)-1 ? "constraint" : "red line",
                          r->actor == (size_t)-1 ? "all" : parley_scenario_actor(s, r->actor)->id);
        app_pad(b, r->id, 28);
        parley_buf_puts(b, " ");
        app_rule_text(b, s, k);
        parley_buf_puts(b, "\n");
    }
    for (size_t k = 0; k < nt; k++) {
        const parley_term_t *t = parley_scenario_term(s, k);
        parley_buf_printf(b, "  %-10s %-6s ", "term", parley_scenario_actor(s, t->actor)->id);
        app_pad(b, t->id, 28);
        parley_buf_puts(b, " ");
        app_term_text(b, s, k);
        parley_buf_puts(b, "\n");
    }
}

static void json_linkage(parley_json_t *j, const parley_scenario_t *s)
{
    size_t nr = parley_scenario_rule_count(s), nt = parley_scenario_term_count(s);
    if (!nr && !nt)
        return;
    parley_buf_t t;
    parley_buf_init(&t);
    parley_json_key(j, "rules");
    parley_json_array_begin(j);
    for (size_t k = 0; k < nr; k++) {
        const parley_rule_t *r = parley_scenario_rule(s, k);
        parley_json_object_begin(j);
        parley_json_key(j, "id");
        parley_json_string(j, r->id);
        parley_json_key(j, "actor");
        if (r->actor == (size_t)-1)
            parley_json_null(j);
        else
            parley_json_string(j, parley_scenario_actor(s, r->actor)->id);
        parley_json_key(j, "kind");
        parley_json_string(j, r->actor == (size_t)-1 ? "constraint" : "red_line");
        parley_json_key(j, "text");
        t.len = 0;
        app_rule_text(&t, s, k);
        parley_json_string(j, t.len ? t.data : "");
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
    parley_json_key(j, "terms");
    parley_json_array_begin(j);
    for (size_t k = 0; k < nt; k++) {
        const parley_term_t *tm = parley_scenario_term(s, k);
        parley_json_object_begin(j);
        parley_json_key(j, "id");
        parley_json_string(j, tm->id);
        parley_json_key(j, "actor");
        parley_json_string(j, parley_scenario_actor(s, tm->actor)->id);
        parley_json_key(j, "effect");
        parley_json_string(j, tm->penalty ? "penalty" : "bonus");
        parley_json_key(j, "weight");
        parley_json_number(j, tm->weight);
        parley_json_key(j, "share");
        parley_json_number(j, parley_scenario_term_weight(s, k));
        parley_json_key(j, "when");
        t.len = 0;
        app_combination_text(&t, s, &tm->when);
        parley_json_string(j, t.len ? t.data : "");
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
    parley_buf_free(&t);
}

/* The uncertain inputs and the simulation settings, when there are any. */
static void dynamics(parley_buf_t *b, const parley_scenario_t *s)
{
    size_t nu = parley_scenario_uncertain_count(s);
    if (nu)
        parley_buf_printf(b, "\nuncertain inputs (%zu; parley montecarlo draws them)\n", nu);
    for (size_t k = 0; k < nu; k++) {
        const parley_uncertain_t *u = parley_scenario_uncertain(s, k);
        parley_buf_puts(b, "  ");
        app_pad(b, u->path, 40);
        if (u->dist == PARLEY_DIST_CHOICE) { /* "choice      linear 0.5, hardline 0.5; estimate linear" */
            parley_buf_printf(b, " %-10s", DIST[u->dist]);
            for (size_t q = 0; q < u->n_options; q++)
                parley_buf_printf(b, "%s%s %g", q ? ", " : " ", u->options[q], u->p[q]);
            parley_buf_printf(b, "; estimate %s\n", u->options[(size_t)u->base]);
            continue;
        }
        parley_buf_printf(b, " %-10s [%g, %g], estimate %g\n", DIST[u->dist], u->a, u->b, u->base);
    }
    bloc_check_text(b, s);
    const parley_sim_config_t *c = parley_scenario_simulation(s);
    if (!c->present)
        return;
    parley_buf_printf(b, "\nsimulation: %s", c->protocol == PARLEY_PROTOCOL_MEDIATED
                                                   ? "mediated single text" : "alternating offers");
    if (c->protocol == PARLEY_PROTOCOL_MEDIATED)
        parley_buf_printf(b, " (%s, mediator %s)",
                          c->meeting == PARLEY_MEETING_SHUTTLE ? "shuttle" : "plenary",
                          c->mediator == (size_t)-1 ? "neutral"
                                                    : parley_scenario_actor(s, c->mediator)->id);
    parley_buf_printf(b, ", %u rounds, %zu tactics, %zu events\n", c->horizon, c->n_tactics,
                      c->n_events);
}

static void json_dynamics(parley_json_t *j, const parley_scenario_t *s)
{
    parley_json_key(j, "uncertain");
    parley_json_array_begin(j);
    for (size_t k = 0; k < parley_scenario_uncertain_count(s); k++) {
        const parley_uncertain_t *u = parley_scenario_uncertain(s, k);
        parley_json_object_begin(j);
        parley_json_key(j, "path");
        parley_json_string(j, u->path);
        parley_json_key(j, "dist");
        parley_json_string(j, DIST[u->dist]);
        parley_json_key(j, "min");
        parley_json_number(j, u->a);
        parley_json_key(j, "max");
        parley_json_number(j, u->b);
        parley_json_key(j, "estimate");
        parley_json_number(j, u->base);
        if (u->dist == PARLEY_DIST_CHOICE)
            app_choice_json(j, u);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
    bloc_check_json(j, s);
    const parley_sim_config_t *c = parley_scenario_simulation(s);
    parley_json_key(j, "simulation");
    if (!c->present) {
        parley_json_null(j);
        return;
    }
    parley_json_object_begin(j);
    parley_json_key(j, "protocol");
    parley_json_string(j, c->protocol == PARLEY_PROTOCOL_MEDIATED ? "mediated" : "alternating");
    parley_json_key(j, "horizon");
    parley_json_int(j, c->horizon);
    parley_json_key(j, "tactics");
    parley_json_int(j, (long long)c->n_tactics);
    parley_json_key(j, "events");
    parley_json_int(j, (long long)c->n_events);
    parley_json_object_end(j);
}

/* ---- Ratifying bodies (docs/scenario-format.md, "ratification"). */
/* The side-payment channels, when there are any. */
static void transfers(parley_buf_t *b, const parley_scenario_t *s)
{
    size_t nt = parley_scenario_transfer_count(s);
    if (!nt)
        return;
    parley_buf_printf(b, "\ntransfers (%zu channel%s)\n", nt, nt == 1 ? "" : "s");
    for (size_t k = 0; k < nt; k++) {
        const parley_transfer_t *t = parley_scenario_transfer(s, k);
        parley_buf_puts(b, "  ");
        app_pad(b, t->id, 26);
        parley_buf_printf(b, " %s -> %s, up to %g %s; per unit the payer loses %g, the receiver "
                             "gains %g%s%s\n",
                          parley_scenario_actor(s, t->from)->id, parley_scenario_actor(s, t->to)->id,
                          t->max, t->unit ? t->unit : "units", t->cost, t->value,
                          t->name ? "  " : "", t->name ? t->name : "");
    }
}

static void ratification(parley_buf_t *b, const parley_scenario_t *s)
{
    size_t nb = parley_scenario_ratifier_count(s);
    if (!nb)
        return;
    parley_buf_printf(b, "\nratification (%zu bod%s)\n", nb, nb == 1 ? "y" : "ies");
    for (size_t k = 0; k < nb; k++) {
        const parley_ratifier_t *r = parley_scenario_ratifier(s, k);
        double total = 0.0;
        for (size_t i = 0; i < r->n_members; i++)
            total += r->members[i].weight;
        parley_buf_puts(b, "  ");
        app_pad(b, r->id, 14);
        parley_buf_printf(b, " of %-8s %s, %zu %s (%s %g)", parley_scenario_actor(s, r->actor)->id,
                          parley_threshold_name(&r->rule), r->n_members,
                          r->population ? "segments" : "members",
                          r->population ? "shares" : "weight", total);
        if (r->has_override)
            parley_buf_printf(b, ", override %s", parley_threshold_name(&r->override));
        if (r->issues) {
            parley_buf_puts(b, ", votes on");
            for (size_t j = 0, first = 1; j < parley_scenario_issue_count(s); j++)
                if (r->issues[j]) {
                    parley_buf_printf(b, "%s %s", first ? "" : ",", parley_scenario_issue(s, j)->id);
                    first = 0;
                }
        }
        if (!r->anticipate)
            parley_buf_puts(b, ", not anticipated");
        if (r->vote_after)
            parley_buf_printf(b, ", votes %u round%s after signature", r->vote_after,
                              r->vote_after == 1 ? "" : "s");
        parley_buf_printf(b, "  %s\n", r->name);
    }
}

static void json_transfers(parley_json_t *j, const parley_scenario_t *s)
{
    if (!parley_scenario_transfer_count(s))
        return;
    parley_json_key(j, "transfers");
    transfer_channels_json(j, s);
}

static void json_ratification(parley_json_t *j, const parley_scenario_t *s)
{
    size_t nb = parley_scenario_ratifier_count(s);
    if (!nb)
        return;
    parley_json_key(j, "ratification");
    parley_json_array_begin(j);
    for (size_t k = 0; k < nb; k++) {
        const parley_ratifier_t *r = parley_scenario_ratifier(s, k);
        parley_json_object_begin(j);
        parley_json_key(j, "id");
        parley_json_string(j, r->id);
        parley_json_key(j, "name");
        parley_json_string(j, r->name);
        parley_json_key(j, "actor");
        parley_json_string(j, parley_scenario_actor(s, r->actor)->id);
        parley_json_key(j, "kind");
        parley_json_string(j, r->population ? "population" : "members");
        parley_json_key(j, "rule");
        parley_json_string(j, parley_threshold_name(&r->rule));
        parley_json_key(j, "share");
        parley_json_number(j, r->rule.share);
        parley_json_key(j, "override");
        if (r->has_override)
            parley_json_string(j, parley_threshold_name(&r->override));
        else
            parley_json_null(j);
        parley_json_key(j, "anticipate");
        parley_json_bool(j, r->anticipate);
        parley_json_key(j, "vote_after");
        parley_json_int(j, (long long)r->vote_after);
        parley_json_key(j, "members");
        parley_json_array_begin(j);
        for (size_t i = 0; i < r->n_members; i++) {
            parley_json_object_begin(j);
            parley_json_key(j, "id");
            parley_json_string(j, r->members[i].id);
            parley_json_key(j, "weight");
            parley_json_number(j, r->members[i].weight);
            parley_json_key(j, "batna");
            parley_json_number(j, r->members[i].batna);
            parley_json_object_end(j);
        }
        parley_json_array_end(j);
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}

static void json(parley_buf_t *b, const parley_scenario_t *s, const char *packages, unsigned grid)
{
    parley_json_t j;
    parley_json_init(&j, b, 1);
    counts_t c = count(s);
    parley_json_object_begin(&j);
    parley_json_key(&j, "parley_version");
    parley_json_string(&j, parley_version());
    parley_json_key(&j, "scenario");
    parley_json_object_begin(&j);
    parley_json_key(&j, "file");
    parley_json_string(&j, parley_scenario_origin(s));
    parley_json_key(&j, "hash");
    parley_json_string(&j, parley_scenario_hash(s));
    parley_json_key(&j, "id");
    parley_json_string(&j, parley_scenario_id(s));
    parley_json_key(&j, "name");
    parley_json_string(&j, parley_scenario_name(s));
    parley_json_object_end(&j);
    parley_json_key(&j, "packages");
    parley_json_string(&j, packages);
    parley_json_key(&j, "grid");
    parley_json_int(&j, grid);
    parley_json_key(&j, "stances");
    parley_json_int(&j, (long long)c.stances);
    parley_json_key(&j, "red_lines");
    parley_json_int(&j, (long long)c.red_lines);
    parley_json_key(&j, "actors");
    parley_json_array_begin(&j);
    for (size_t i = 0; i < parley_scenario_actor_count(s); i++) {
        const parley_actor_t *a = parley_scenario_actor(s, i);
        parley_json_object_begin(&j);
        parley_json_key(&j, "id");
        parley_json_string(&j, a->id);
        parley_json_key(&j, "name");
        parley_json_string(&j, a->name);
        parley_json_key(&j, "capability");
        parley_json_number(&j, a->capability);
        parley_json_key(&j, "batna");
        parley_json_number(&j, a->batna);
        parley_json_key(&j, "batna_drift");
        parley_json_number(&j, a->batna_drift);
        parley_json_key(&j, "essential");
        parley_json_bool(&j, a->essential);
        parley_json_object_end(&j);
    }
    parley_json_array_end(&j);
    parley_json_key(&j, "issues");
    parley_json_array_begin(&j);
    for (size_t k = 0; k < parley_scenario_issue_count(s); k++) {
        const parley_issue_t *is = parley_scenario_issue(s, k);
        parley_json_object_begin(&j);
        parley_json_key(&j, "id");
        parley_json_string(&j, is->id);
        parley_json_key(&j, "name");
        parley_json_string(&j, is->name);
        parley_json_key(&j, "kind");
        parley_json_string(&j, is->kind == PARLEY_ISSUE_CONTINUOUS ? "continuous" : "discrete");
        if (is->kind == PARLEY_ISSUE_CONTINUOUS) {
            parley_json_key(&j, "lo");
            parley_json_number(&j, is->lo);
            parley_json_key(&j, "hi");
            parley_json_number(&j, is->hi);
            parley_json_key(&j, "unit");
            parley_json_string(&j, is->unit);
        } else {
            parley_json_key(&j, "options");
            parley_json_array_begin(&j);
            for (size_t o = 0; o < is->n_options; o++)
                parley_json_string(&j, is->options[o].id);
            parley_json_array_end(&j);
        }
        parley_json_object_end(&j);
    }
    parley_json_array_end(&j);
    parley_json_key(&j, "proposals");
    parley_json_array_begin(&j);
    for (size_t p = 0; p < parley_scenario_proposal_count(s); p++) {
        const parley_proposal_t *pr = parley_scenario_proposal(s, p);
        parley_json_object_begin(&j);
        parley_json_key(&j, "id");
        parley_json_string(&j, pr->id);
        parley_json_key(&j, "name");
        parley_json_string(&j, pr->name);
        parley_json_key(&j, "decided");
        parley_json_int(&j, (long long)decided(s, pr));
        parley_json_object_end(&j);
    }
    parley_json_array_end(&j);
    json_linkage(&j, s);
    json_ratification(&j, s);
    json_transfers(&j, s);
    json_dynamics(&j, s);
    parley_json_object_end(&j);
    parley_buf_puts(b, "\n");
}

/* Every message on stderr, one a line, the first as any command prints it;
 * the same for --format json (the output stays empty). */
static int report_errors(parley_ctx_t *ctx, parley_status_t st)
{
    int rc = cli_fail("check", ctx, st);
    for (size_t k = 1; k < parley_ctx_error_count(ctx); k++)
        cli_error("check", rc, "%s", parley_ctx_error(ctx, k));
    if (parley_ctx_error_overflow(ctx))
        cli_error("check", rc, "... and more errors not shown (at most %d are reported)",
                  CHECK_MAX_ERRORS);
    return rc;
}

int cmd_check(int argc, char **argv)
{
    app_args_t a;
    int rc = cli_args("check", argc, argv, &a);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    const char *out = app_arg(&a, APP_O_OUTPUT), *color = app_text(&a, APP_O_COLOR);
    app_format_t f = (app_format_t)a.v[APP_O_FORMAT].word;
    unsigned grid = (unsigned)a.v[APP_O_GRID].u;
    int sources = app_flag(&a, APP_O_SOURCES);
    app_style_t sty;
    if ((rc = cli_style_init("check", color, out && strcmp(out, "-"), &sty)))
        return rc;
    parley_ctx_t *ctx = parley_ctx_create();
    if (!ctx)
        return cli_error("check", EXIT_INTERNAL, "out of memory");
    parley_scenario_t *s = NULL;
    parley_status_t st = parley_ctx_set_max_errors(ctx, CHECK_MAX_ERRORS);
    if (st == PARLEY_OK)
        st = parley_scenario_load_file(ctx, a.pos[0], &s);
    if (st) {
        rc = report_errors(ctx, st);
        parley_ctx_destroy(ctx);
        return rc;
    }
    char packages[8192];
    if (parley_scenario_package_count(s, grid, packages, sizeof packages) != PARLEY_OK)
        snprintf(packages, sizeof packages, "more than 10^8000");
    parley_buf_t b;
    parley_buf_init(&b);
    if (f == APP_FMT_JSON)
        json(&b, s, packages, grid);
    else
        table(&b, s, packages, grid, &sty, sources);
    rc = f == APP_FMT_JSON ? cli_emit("check", ctx, &b, out)
                           : cli_emit_text("check", ctx, &b, out, &sty);
    parley_buf_free(&b);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    return rc;
}
