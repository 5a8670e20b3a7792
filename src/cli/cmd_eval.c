/*
 * cmd_eval.c — `parley eval FILE`: what each proposal gives each actor.
 * Evaluates once (eval_run_init) and hands the result to one of three
 * writers: a terminal table (eval_table.c), JSON or CSV (eval_data.c).
 */
#include <stdlib.h>
#include <string.h>
#include "eval_run.h"

int eval_run_init(eval_run_t *r, const parley_scenario_t *s, const size_t *props, size_t n)
{
    size_t na = parley_scenario_actor_count(s), ni = parley_scenario_issue_count(s);
    r->s = s;
    r->n_props = n;
    r->props = malloc((n ? n : 1) * sizeof *r->props);
    r->ae = calloc(n * na + 1, sizeof *r->ae);
    r->ie = calloc(n * na * ni + 1, sizeof *r->ie);
    if (!r->props || !r->ae || !r->ie) {
        eval_run_free(r);
        return -1;
    }
    for (size_t p = 0; p < n; p++) {
        r->props[p] = props[p];
        const parley_proposal_t *pr = parley_scenario_proposal(s, props[p]);
        for (size_t i = 0; i < na; i++)
            parley_eval_actor(s, i, pr->positions, &r->ae[p * na + i],
                              &r->ie[(p * na + i) * ni]);
    }
    return 0;
}

void eval_run_free(eval_run_t *r)
{
    free(r->props);
    free(r->ae);
    free(r->ie);
    r->props = NULL;
    r->ae = NULL;
    r->ie = NULL;
}

void eval_position_text(const parley_scenario_t *s, size_t j, double x, char *buf, size_t cap)
{
    const parley_issue_t *is = parley_scenario_issue(s, j);
    if (parley_is_open(x)) {
        snprintf(buf, cap, "open");
    } else if (is->kind == PARLEY_ISSUE_DISCRETE) {
        snprintf(buf, cap, "%s", is->options[(size_t)x].id);
    } else {
        char num[32];
        parley_format_number(x, num);
        snprintf(buf, cap, "%s%s%s", num, is->unit ? " " : "", is->unit ? is->unit : "");
    }
}

static int unknown_proposal(const parley_scenario_t *s, const char *id)
{
    size_t np = parley_scenario_proposal_count(s);
    const char **ids = malloc((np ? np : 1) * sizeof *ids);
    if (!ids)
        return cli_error("eval", EXIT_INTERNAL, "out of memory");
    for (size_t p = 0; p < np; p++)
        ids[p] = parley_scenario_proposal(s, p)->id;
    const char *hint = parley_suggest(id, ids, np);
    int rc;
    if (hint)
        rc = cli_error("eval", EXIT_INPUT, "%s: no proposal '%s' (did you mean '%s'?)",
                       parley_scenario_origin(s), id, hint);
    else
        rc = cli_error("eval", EXIT_INPUT, "%s: no proposal '%s' (it has %zu proposals; "
                       "'parley check' lists them)", parley_scenario_origin(s), id, np);
    free(ids);
    return rc;
}

int eval_run_select(eval_run_t *r, const parley_scenario_t *s, const char *proposal)
{
    size_t np = parley_scenario_proposal_count(s), one, n = np;
    size_t *all = malloc((np ? np : 1) * sizeof *all);
    if (!all)
        return cli_error("eval", EXIT_INTERNAL, "out of memory");
    for (size_t p = 0; p < np; p++)
        all[p] = p;
    const size_t *sel = all;
    int rc = EXIT_OK;
    if (proposal) {
        one = parley_scenario_find_proposal(s, proposal);
        sel = &one;
        n = 1;
        if (one == (size_t)-1)
            rc = unknown_proposal(s, proposal);
    }
    if (!rc && n == 0)
        rc = cli_error("eval", EXIT_INPUT, "%s: the scenario has no proposals to evaluate",
                       parley_scenario_origin(s));
    if (!rc && eval_run_init(r, s, sel, n) != 0)
        rc = cli_error("eval", EXIT_INTERNAL, "out of memory");
    free(all);
    return rc;
}

static int run(parley_ctx_t *ctx, const parley_scenario_t *s, const char *proposal,
               cli_format_t f, int detail, const cli_style_t *sty, const char *out,
               cli_archive_t *arc)
{
    eval_run_t r;
    int rc = eval_run_select(&r, s, proposal);
    if (rc)
        return rc;
    if (proposal)
        detail = 1;
    parley_buf_t b;
    parley_buf_init(&b);
    if (f == FMT_JSON)
        eval_render_json(&b, &r);
    else if (f == FMT_CSV)
        eval_render_csv(&b, &r);
    else
        eval_render_table(&b, &r, detail, sty);
    rc = cli_emit("eval", ctx, &b, out);
    if (arc->store) { /* the archive keeps the JSON result whatever was shown */
        b.len = 0;
        eval_render_json(&b, &r);
        rc = cli_archive_save(arc, s, NULL, &b, rc);
    }
    parley_buf_free(&b);
    eval_run_free(&r);
    return rc;
}

int cmd_eval(int argc, char **argv)
{
    const char *fmt = NULL, *out = NULL, *color = NULL, *proposal = NULL, *all = NULL;
    const char *detail = NULL, *db = NULL;
    const cli_opt_t opts[] = {{"--db", "FILE", &db},{"--format", "FORMAT", &fmt},   {"-o", "FILE", &out},
                              {"--output", "FILE", &out},     {"--color", "WHEN", &color},
                              {"--proposal", "ID", &proposal}, {"--all", NULL, &all},
                              {"--detail", NULL, &detail},    {NULL, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("eval", argc, argv, opts, pos, 1, &npos);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    if (npos != 1)
        return cli_error("eval", EXIT_USAGE, "needs a scenario FILE; see 'parley help eval'");
    if (proposal && all)
        return cli_error("eval", EXIT_USAGE, "give --proposal ID or --all, not both");
    cli_format_t f;
    cli_style_t sty;
    if ((rc = cli_format("eval", fmt, &f)) ||
        (rc = cli_style_init("eval", color, out && strcmp(out, "-"), &sty)))
        return rc;
    cli_archive_t arc;
    if ((rc = cli_archive_open(&arc, "eval", db)))
        return rc;
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st = ctx ? parley_scenario_load_file(ctx, pos[0], &s) : PARLEY_ENOMEM;
    rc = st ? cli_fail("eval", ctx, st)
            : run(ctx, s, proposal, f, detail != NULL, &sty, out, &arc);
    cli_archive_close(&arc);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    return rc;
}
