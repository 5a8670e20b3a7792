/*
 * trades.c — what `parley trades` computes and writes: logrolling on each
 * proposal (or one), pairs of actors who should swap concessions — each
 * gives ground on the issue it weighs less, and both end better off —
 * with what the swap does to everyone else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "space.h"

static const char *aid(const space_job_t *j, size_t a)
{
    return parley_scenario_actor(j->s, parley_space_actor(j->sp, a))->id;
}

static parley_util_t effect(const space_job_t *j, const uint32_t *base, const parley_trade_t *t,
                      size_t c)
{
    return parley_space_trade_gain(j->sp, base, t, c); /* interaction terms included */
}

/* What a search found: the trades and how the search went. */
typedef struct found {
    parley_trade_t *t;
    size_t n;
    int complete, all;
} found_t;

/* How trade x breaks actor c: 0 not at all (or c is a party to it), 1 a red
 * line, 2 below its BATNA (parley_space_trade_breaks). */
static int breaks_of(const space_job_t *j, const uint32_t *base, const parley_trade_t *x, size_t c)
{
    return c == x->a || c == x->b ? 0 : parley_space_trade_breaks(j->sp, &j->cons, base, x, c);
}

/* "USA (red line), IRN (below BATNA)": the third parties trade x breaks. */
static void breaks_text(parley_buf_t *b, const space_job_t *j, const uint32_t *base,
                        const parley_trade_t *x)
{
    const char *sep = "";
    for (size_t c = 0; c < parley_space_actor_count(j->sp); c++) {
        int v = breaks_of(j, base, x, c);
        if (v) {
            parley_buf_printf(b, "%s%s (%s)", sep, aid(j, c), v == 1 ? "red line" : "below BATNA");
            sep = ", ";
        }
    }
}

static void table_one(parley_buf_t *b, const space_job_t *j, const parley_proposal_t *pr,
                      const uint32_t *base, const found_t *fd)
{
    const parley_trade_t *t = fd->t;
    size_t nt = fd->n, show = j->limit && j->limit < nt ? j->limit : nt;
    parley_buf_printf(b, "%sTrades on %s%s: %zu found%s\n", j->sty.bold, pr->id, j->sty.reset, nt,
                      show < nt ? " (the best shown; --limit N)" : "");
    if (!fd->complete)
        parley_buf_printf(b, "  %ssearch budget of %llu option pairs ran out: these are the "
                             "trades found so far (--budget N)%s\n",
                          j->sty.red, (unsigned long long)j->budget, j->sty.reset);
    if (!fd->all)
        parley_buf_puts(b, "  (trades that would make a third party who accepts the proposal "
                           "reject it are left out; --all lists them, flagged)\n");
    for (size_t k = 0; k < show; k++) {
        const parley_trade_t *x = &t[k];
        char f1[64], t1[64], f2[64], t2[64];
        space_option_text(j->sp, x->x, base[x->x], f1, sizeof f1);
        space_option_text(j->sp, x->x, x->ox, t1, sizeof t1);
        space_option_text(j->sp, x->y, base[x->y], f2, sizeof f2);
        space_option_text(j->sp, x->y, x->oy, t2, sizeof t2);
        parley_buf_printf(b, "  %zu. %s gets %s: %s -> %s; %s gets %s: %s -> %s\n", k + 1,
                          aid(j, x->a), parley_scenario_issue(j->s, x->x)->id, f1, t1,
                          aid(j, x->b), parley_scenario_issue(j->s, x->y)->id, f2, t2);
        parley_buf_printf(b, "     %s %+.3f, %s %+.3f", aid(j, x->a), space_u(j->sp, x->a, x->gain_a),
                          aid(j, x->b), space_u(j->sp, x->b, x->gain_b));
        for (size_t c = 0; c < parley_space_actor_count(j->sp); c++)
            if (c != x->a && c != x->b)
                parley_buf_printf(b, "; %s %+.3f", aid(j, c), space_u(j->sp, c, effect(j, base, x, c)));
        parley_buf_puts(b, "\n");
        if (x->breaks) {
            parley_buf_printf(b, "     %sbreaks: ", j->sty.red);
            breaks_text(b, j, base, x);
            parley_buf_printf(b, "%s\n", j->sty.reset);
        }
    }
    parley_buf_puts(b, "\n");
}

static void json_one(parley_json_t *js, const space_job_t *j, const parley_proposal_t *pr,
                     const uint32_t *base, const found_t *fd)
{
    const parley_trade_t *t = fd->t;
    size_t nt = fd->n, show = j->limit && j->limit < nt ? j->limit : nt;
    parley_json_object_begin(js);
    parley_json_key(js, "proposal");
    parley_json_string(js, pr->id);
    parley_json_key(js, "count");
    parley_json_int(js, (long long)nt);
    parley_json_key(js, "complete");
    parley_json_bool(js, fd->complete);
    parley_json_key(js, "includes_breaking");
    parley_json_bool(js, fd->all);
    parley_json_key(js, "trades");
    parley_json_array_begin(js);
    for (size_t k = 0; k < show; k++) {
        const parley_trade_t *x = &t[k];
        char buf[64];
        parley_json_object_begin(js);
        for (int side = 0; side < 2; side++) {
            size_t who = side ? x->b : x->a, issue = side ? x->y : x->x;
            uint32_t to = side ? x->oy : x->ox;
            parley_json_key(js, side ? "b" : "a");
            parley_json_object_begin(js);
            parley_json_key(js, "actor");
            parley_json_string(js, aid(j, who));
            parley_json_key(js, "gains_on");
            parley_json_string(js, parley_scenario_issue(j->s, issue)->id);
            space_option_text(j->sp, issue, base[issue], buf, sizeof buf);
            parley_json_key(js, "from");
            parley_json_string(js, buf);
            space_option_text(j->sp, issue, to, buf, sizeof buf);
            parley_json_key(js, "to");
            parley_json_string(js, buf);
            parley_json_key(js, "gain");
            parley_json_number(js, side ? space_u(j->sp, x->b, x->gain_b) : space_u(j->sp, x->a, x->gain_a));
            parley_json_object_end(js);
        }
        parley_json_key(js, "others");
        parley_json_object_begin(js);
        for (size_t c = 0; c < parley_space_actor_count(j->sp); c++)
            if (c != x->a && c != x->b) {
                parley_json_key(js, aid(j, c));
                parley_json_number(js, space_u(j->sp, c, effect(j, base, x, c)));
            }
        parley_json_object_end(js);
        parley_json_key(js, "breaks");
        parley_json_object_begin(js);
        for (size_t c = 0; c < parley_space_actor_count(j->sp); c++) {
            int v = breaks_of(j, base, x, c);
            if (v) {
                parley_json_key(js, aid(j, c));
                parley_json_string(js, v == 1 ? "red_line" : "below_batna");
            }
        }
        parley_json_object_end(js);
        parley_json_object_end(js);
    }
    parley_json_array_end(js);
    parley_json_object_end(js);
}

static parley_status_t one(space_job_t *j, size_t p, int all, parley_buf_t *b,
                           parley_json_t *js)
{
    const parley_proposal_t *pr = parley_scenario_proposal(j->s, p);
    parley_status_t st = space_job_include(j, pr->positions);
    if (st)
        return st;
    size_t m = parley_space_issue_count(j->sp), nt = 0;
    uint32_t *base = malloc((m + 1) * sizeof *base);
    found_t fd = {NULL, 0, 1, all};
    if (!base)
        return parley_ctx_fail(j->ctx, PARLEY_ENOMEM, "out of memory");
    space_proposal_options(j->sp, pr->positions, base);
    parley_trades_options_t o = {&j->cons, all, j->budget};
    st = parley_space_trades_with(j->ctx, j->sp, base, &o, &fd.t, &nt, &fd.complete);
    if (st) {
        free(base);
        return st;
    }
    fd.n = nt;
    if (js)
        json_one(js, j, pr, base, &fd);
    if (b)
        table_one(b, j, pr, base, &fd);
    free(fd.t);
    free(base);
    return PARLEY_OK;
}

parley_status_t trades_run(space_job_t *j, const char *proposal, int all, parley_buf_t *table,
                           parley_buf_t *json)
{
    size_t np = parley_scenario_proposal_count(j->s), lo = 0, hi = np;
    if (proposal) {
        if ((lo = space_find_proposal(j->ctx, j->s, proposal)) == (size_t)-1)
            return PARLEY_EINPUT;
        hi = lo + 1;
    } else if (np == 0) {
        return parley_ctx_fail(j->ctx, PARLEY_EINPUT,
                               "%s: trades are found on a proposal, and the scenario has none",
                               parley_scenario_origin(j->s));
    }
    parley_json_t js;
    parley_status_t st = PARLEY_OK;
    if (json) {
        parley_json_init(&js, json, 1);
        parley_json_object_begin(&js);
        space_json_header(&js, j);
        parley_json_key(&js, "proposals");
        parley_json_array_begin(&js);
    }
    for (size_t p = lo; p < hi && !st; p++)
        st = one(j, p, all, table, json ? &js : NULL);
    if (json) {
        parley_json_array_end(&js);
        parley_json_object_end(&js);
        parley_buf_puts(json, "\n");
    }
    return st;
}
