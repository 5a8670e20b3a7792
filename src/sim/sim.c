/*
 * sim.c — the simulator's life cycle: the option grid (built once), the
 * tables re-read from the scenario at every reset (so one simulator serves
 * every Monte Carlo sample of a thread), the round loop and the trace.
 * Without a trace a run allocates nothing.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "simint.h"
#include "parley/utility.h"

void parley_sim_options_init(parley_sim_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->protocol = -1;
    o->meeting = -1;
}

size_t parley__sim_in_room(const parley_sim_t *sim)
{
    size_t k = 0;
    for (size_t i = 0; i < sim->n; i++)
        k += sim->room[i] == ROOM_IN;
    return k;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Continuous issue j: the grid, plus every proposal's position on it and
 * every bound a linkage condition sets on it (so "at least 1000" can be
 * offered exactly). */
static size_t grid_positions(const parley_sim_t *sim, size_t j, double *out)
{
    const parley_issue_t *is = &sim->s->issues[j];
    size_t n = parley__sim_link_bounds(sim->s, j, out);
    for (unsigned k = 0; k < sim->grid; k++)
        out[n++] = is->lo + (is->hi - is->lo) * (double)k / (double)(sim->grid - 1);
    for (size_t p = 0; p < sim->s->n_proposals; p++) {
        double x = sim->s->proposals[p].positions[j];
        if (!parley_is_open(x))
            out[n++] = x;
    }
    qsort(out, n, sizeof *out, cmp_double);
    size_t u = 0;
    double tol = 1e-12 * (is->hi - is->lo);
    for (size_t k = 0; k < n; k++)
        if (u == 0 || out[k] - out[u - 1] > tol)
            out[u++] = out[k];
    return u;
}

#define ALLOC(field, count) \
    ((sim->field = parley__arena_array(&sim->arena, (count) + 1, sizeof *sim->field)) != NULL)

static int alloc_tables(parley_sim_t *sim)
{
    size_t n = sim->n, m = sim->m, t = sim->total;
    size_t nt = sim->cfg->n_tactics, nb = sim->n_blocs = parley_scenario_bloc_count(sim->s);
    return ALLOC(wval, n * t) && ALLOC(veto, n * t) && ALLOC(umax, n) && ALLOC(cap, n) &&
           ALLOC(b, n) && ALLOC(b_prev, n) && ALLOC(drift, n) && ALLOC(aud, n) && ALLOC(resv, n) &&
           ALLOC(tau, n) && ALLOC(tau_prev, n) && ALLOC(seen_next, n) && ALLOC(seen, n) &&
           ALLOC(seen_prev, n) && ALLOC(clock, n) && ALLOC(room, n) && ALLOC(cred, nt) &&
           ALLOC(due, nt) && ALLOC(text, m) && ALLOC(demand, n) && ALLOC(accepted, n) &&
           ALLOC(scratch, m) && ALLOC(scratch2, m) && ALLOC(gain, t) && ALLOC(su, n) &&
           ALLOC(su2, n) && ALLOC(sv, n) && ALLOC(sv2, n) && ALLOC(ans, 2 * n) &&
           ALLOC(path_j, n * sim->path_cap) && ALLOC(path_o, n * sim->path_cap) &&
           ALLOC(path_u, n * (sim->path_cap + 1)) && ALLOC(path_len, n) && ALLOC(ideal, n * m) &&
           ALLOC(r_terms, m) && ALLOC(r_util, n) && ALLOC(r_disc, n) && ALLOC(r_batna, n) &&
           ALLOC(r_sign, n) && ALLOC(r_walked, n) && ALLOC(tactic_off, nt) && ALLOC(tactic_user_off, nt) &&
           ALLOC(room_override, n) && ALLOC(gov_w, t) && ALLOC(gov_v, t) && ALLOC(gov_u, n) &&
           ALLOC(gov_new, n) && ALLOC(gov_pkg, m) && ALLOC(gov_event, n) && ALLOC(bloc_in, n) &&
           ALLOC(bloc_gone, n) && ALLOC(bloc_lead, nb) && ALLOC(bloc_w, nb * t) &&
           ALLOC(bloc_v, nb * t) && ALLOC(bloc_tau, nb) && ALLOC(bloc_resv, nb) &&
           ALLOC(bloc_umax, nb) && ALLOC(bloc_ans, nb) && ALLOC(bloc_room, n) &&
           ALLOC(bloc_cap, nb) && ALLOC(walk_round, n) &&
           ALLOC(r_ended, n) && ALLOC(warn, n + nt + 2) &&
           parley__sim_transfer_alloc(sim);
}

static parley_status_t build_options(parley_sim_t *sim)
{
    const parley_scenario_t *s = sim->s;
    size_t m = s->n_issues, total = 0;
    if (!ALLOC(nopt, m) || !ALLOC(opt0, m))
        return PARLEY_ENOMEM;
    for (size_t j = 0; j < m; j++) {
        const parley_issue_t *is = &s->issues[j];
        sim->opt0[j] = total;
        sim->nopt[j] = is->kind == PARLEY_ISSUE_DISCRETE
                           ? is->n_options
                           : sim->grid + s->n_proposals + parley__sim_link_bound_count(s, j);
        total += sim->nopt[j];
    }
    if (!ALLOC(pos, total))
        return PARLEY_ENOMEM;
    size_t at = 0;
    for (size_t j = 0; j < m; j++) {
        sim->opt0[j] = at;
        if (s->issues[j].kind == PARLEY_ISSUE_DISCRETE) {
            for (size_t o = 0; o < s->issues[j].n_options; o++)
                sim->pos[at + o] = (double)o;
            sim->nopt[j] = s->issues[j].n_options;
        } else {
            sim->nopt[j] = grid_positions(sim, j, sim->pos + at);
        }
        at += sim->nopt[j];
    }
    sim->total = at;
    /* Without linkage each move lowers one issue's value, so a path has at
     * most at - m moves; a linked path may move an issue back and forth
     * (and a repaired move takes two entries): it is cut at 2 at. */
    sim->path_cap = parley_scenario_linked(s) ? 2 * at : at - m;
    return PARLEY_OK;
}

parley_status_t parley_sim_create(parley_ctx_t *ctx, const parley_scenario_t *s,
                                  const parley_sim_options_t *o, parley_sim_t **out)
{
    if (!s || !out)
        return parley__fail(ctx, PARLEY_EARG, "parley_sim_create: invalid argument");
    parley_sim_options_t dflt;
    parley_sim_options_init(&dflt);
    o = o ? o : &dflt;
    parley_sim_t *sim = parley__calloc(1, sizeof *sim);
    if (!sim)
        return parley__fail(ctx, PARLEY_ENOMEM, "simulate: out of memory");
    parley__arena_init(&sim->arena, 0);
    parley__arena_init(&sim->tr.arena, 0);
    sim->s = s;
    sim->cfg = parley_scenario_simulation(s);
    sim->n = s->n_actors;
    sim->m = s->n_issues;
    sim->horizon = o->horizon ? o->horizon : sim->cfg->horizon;
    sim->grid = o->grid ? o->grid : sim->cfg->grid;
    sim->protocol = o->protocol >= 0 ? (parley_protocol_t)o->protocol : sim->cfg->protocol;
    sim->meeting = o->meeting >= 0 ? (parley_meeting_t)o->meeting : sim->cfg->meeting;
    sim->opt_protocol = o->protocol;
    sim->opt_meeting = o->meeting;
    sim->trace_on = o->trace;
    sim->seed = o->seed;
    sim->seeded = o->seeded || o->seed != 0;
    if (sim->grid < 2) {
        parley_sim_destroy(sim);
        return parley__fail(ctx, PARLEY_EARG, "simulate: the grid needs at least 2 positions");
    }
    if (build_options(sim) || !alloc_tables(sim) || parley__sim_link_compile(sim) ||
        parley__sim_ratify_create(sim)) {
        parley_sim_destroy(sim);
        return parley__fail(ctx, PARLEY_ENOMEM, "simulate: out of memory");
    }
    for (size_t k = 0; k < sim->cfg->n_tactics; k++)
        sim->tactic_off[k] = sim->tactic_user_off[k] = o->tactic_off ? o->tactic_off[k] : 0;
    for (size_t i = 0; i < sim->n; i++)
        sim->room_override[i] = o->room ? o->room[i] : -1;
    parley_status_t st = parley_sim_reset(ctx, sim);
    if (st) {
        parley_sim_destroy(sim);
        return st;
    }
    *out = sim;
    return PARLEY_OK;
}

static void trace_free(sim_trace_t *tr)
{
    parley__free(tr->rounds);
    parley__free(tr->moves);
    parley__free(tr->notes);
    parley__arena_free(&tr->arena);
}

void parley_sim_destroy(parley_sim_t *sim)
{
    if (!sim)
        return;
    trace_free(&sim->tr);
    parley__arena_free(&sim->arena);
    parley__free(sim);
}

static double own_utility(parley_sim_t *sim, const size_t *pkg, void *arg)
{
    return parley__sim_utility(sim, *(const size_t *)arg, pkg);
}

/* Actor i's best package with linkage: its best option on every issue,
 * repaired to break no constraint and none of its conditional red lines,
 * then improved one change at a time (interaction terms may make a worse
 * option on one issue pay). Its utility, or `plain` when no package fits. */
static double linked_best(parley_sim_t *sim, size_t i, double plain)
{
    size_t *pkg = sim->scratch;
    const double *w = sim->wval + i * sim->total;
    const unsigned char *v = sim->veto + i * sim->total;
    for (size_t j = 0; j < sim->m; j++) {
        size_t o0 = sim->opt0[j], best = 0;
        for (size_t o = 1; o < sim->nopt[j]; o++)
            if (!v[o0 + o] && (v[o0 + best] || w[o0 + o] > w[o0 + best] + SIM_EPS))
                best = o;
        pkg[j] = best;
    }
    if (parley__sim_make_fit(sim, i, pkg, own_utility, &i) < 0)
        return plain;
    parley__sim_ascend(sim, i, pkg);
    return parley__sim_utility(sim, i, pkg);
}

double parley__sim_best(parley_sim_t *sim, size_t i)
{
    const double *w = sim->wval + i * sim->total;
    const unsigned char *v = sim->veto + i * sim->total;
    double umax = 0.0;
    for (size_t j = 0; j < sim->m; j++) {
        double top = -HUGE_VAL;
        for (size_t o = 0; o < sim->nopt[j]; o++)
            if (!v[sim->opt0[j] + o] && w[sim->opt0[j] + o] > top)
                top = w[sim->opt0[j] + o];
        umax += top > -HUGE_VAL ? top : 0.0;
    }
    return sim->linked ? linked_best(sim, i, umax) : umax;
}

/* Weighted values and red lines of every option, from the scenario as it is now. */
static void read_tables(parley_sim_t *sim)
{
    const parley_scenario_t *s = sim->s;
    parley__sim_link_read(sim);
    for (size_t i = 0; i < sim->n; i++) {
        double umax = 0.0;
        for (size_t j = 0; j < sim->m; j++) {
            double w = parley_scenario_weight(s, i, j), top = -HUGE_VAL;
            for (size_t o = 0; o < sim->nopt[j]; o++) {
                size_t at = i * sim->total + sim->opt0[j] + o;
                double x = sim->pos[sim->opt0[j] + o];
                sim->wval[at] = w * parley_value(s, i, j, x);
                sim->veto[at] = (unsigned char)(parley_crosses_red_line(s, i, j, x) != 0);
                if (!sim->veto[at] && sim->wval[at] > top)
                    top = sim->wval[at];
            }
            umax += top > -HUGE_VAL ? top : 0.0;
        }
        sim->umax[i] = umax;
        sim->cap[i] = s->actors[i].capability;
    }
    for (size_t i = 0; sim->linked && i < sim->n; i++)
        sim->umax[i] = linked_best(sim, i, sim->umax[i]);
}

parley_status_t parley_sim_reset(parley_ctx_t *ctx, parley_sim_t *sim)
{
    const parley_sim_config_t *c = sim->cfg;
    read_tables(sim);
    for (size_t i = 0; i < sim->n; i++) {
        const parley_actor_t *a = &sim->s->actors[i];
        sim->b[i] = a->batna;
        sim->drift[i] = a->batna_drift;
        sim->aud[i] = 0.0;
        sim->tau[i] = sim->umax[i];
        sim->seen_next[i] = sim->seen[i] = sim->seen_prev[i] = -HUGE_VAL;
        sim->clock[i] = 0;
        int in = sim->room_override[i] >= 0 ? sim->room_override[i] : c->in_room[i];
        sim->room[i] = in ? ROOM_IN : ROOM_OUT;
        sim->demand[i] = (double)NAN;
        sim->accepted[i] = 0;
        sim->r_util[i] = sim->r_disc[i] = (double)NAN;
        sim->r_sign[i] = sim->r_walked[i] = sim->r_ended[i] = 0;
        sim->walk_round[i] = 0;
    }
    sim->xfer_on = 0;
    for (size_t k = 0; k < c->n_tactics; k++) {
        sim->cred[k] = c->tactics[k].credibility;
        sim->due[k] = c->tactics[k].kind == PARLEY_TACTIC_LEAK ||
                              c->tactics[k].kind == PARLEY_TACTIC_CAMPAIGN
                          ? 0
                          : c->tactics[k].round;
    }
    sim->round = 0;
    sim->end = PARLEY_SIM_RUNNING;
    sim->have_text = 0;
    sim->paths_dirty = 1;
    memset(&sim->res, 0, sizeof sim->res);
    sim->res.horizon = sim->horizon;
    sim->res.utility = sim->r_util;
    sim->res.discounted = sim->r_disc;
    sim->res.batna = sim->r_batna;
    sim->res.signatory = sim->r_sign;
    sim->res.walked = sim->r_walked;
    sim->res.breaker = SIM_NONE;
    parley__sim_ratify_read(sim); /* bodies and publics (sim_ratify.c) */
    sim->res.ended = sim->r_ended;
    sim->res.missing = SIM_NONE;
    sim->res.break_event = SIM_NONE;
    parley__sim_bloc_reset(sim);
    trace_free(&sim->tr);
    memset(&sim->tr, 0, sizeof sim->tr);
    parley__arena_init(&sim->tr.arena, 0);
    parley__sim_tactics_use(sim);   /* tactics used with a probability (sim_use.c) */
    parley__sim_walkout_reset(sim); /* protocol, meeting, the set-up warnings */
    if (parley__sim_in_room(sim) < 1)
        return parley__fail(ctx, PARLEY_EARG, "simulate: nobody is in the room");
    parley__ok(ctx);
    return PARLEY_OK;
}

/* ---- Trace. A failed allocation stops recording and is reported by run. */

static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 1;
    size_t nc = *cap ? 2 * *cap : 32;
    void *p = parley__realloc(*arr, nc * size);
    if (!p)
        return 0;
    *arr = p;
    *cap = nc;
    return 1;
}

void parley__sim_note(parley_sim_t *sim, const char *fmt, ...)
{
    sim_trace_t *tr = &sim->tr;
    if (!sim->trace_on || tr->failed)
        return;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *copy = parley__arena_strdup(&tr->arena, buf);
    if (!copy || !grow((void **)&tr->notes, &tr->cap_notes, tr->n_notes, sizeof *tr->notes)) {
        tr->failed = 1;
        return;
    }
    tr->notes[tr->n_notes++] = copy;
}

static void *dup_array(sim_trace_t *tr, const void *src, size_t n, size_t size)
{
    void *p = parley__arena_array(&tr->arena, n + 1, size);
    if (p)
        memcpy(p, src, n * size);
    return p;
}

void parley__sim_move(parley_sim_t *sim, parley_sim_move_kind_t kind, size_t by,
                      const size_t *pkg, const signed char *ans)
{
    sim_trace_t *tr = &sim->tr;
    if (!sim->trace_on || tr->failed)
        return;
    double *terms = parley__arena_array(&tr->arena, sim->m + 1, sizeof *terms);
    double *u = parley__arena_array(&tr->arena, sim->n + 1, sizeof *u);
    signed char *a = dup_array(tr, ans, sim->n, 1);
    if (!terms || !u || !a ||
        !grow((void **)&tr->moves, &tr->cap_moves, tr->n_moves, sizeof *tr->moves)) {
        tr->failed = 1;
        return;
    }
    for (size_t j = 0; j < sim->m; j++)
        terms[j] = sim->pos[sim->opt0[j] + pkg[j]];
    for (size_t i = 0; i < sim->n; i++)
        u[i] = parley__sim_utility(sim, i, pkg);
    tr->moves[tr->n_moves++] = (parley_sim_move_t){
        .round = sim->round, .kind = kind, .by = by, .terms = terms, .utility = u, .answer = a};
}

static void record_round(parley_sim_t *sim, size_t move0, size_t note0)
{
    sim_trace_t *tr = &sim->tr;
    if (!sim->trace_on || tr->failed)
        return;
    double *b = dup_array(tr, sim->b, sim->n, sizeof *b);
    double *r = dup_array(tr, sim->resv, sim->n, sizeof *r);
    double *t = dup_array(tr, sim->tau, sim->n, sizeof *t);
    unsigned char *room = dup_array(tr, sim->room, sim->n, 1);
    if (!b || !r || !t || !room ||
        !grow((void **)&tr->rounds, &tr->cap_rounds, tr->n_rounds, sizeof *tr->rounds)) {
        tr->failed = 1;
        return;
    }
    tr->rounds[tr->n_rounds++] = (parley_sim_round_t){
        .round = sim->round, .batna = b, .reservation = r, .target = t, .room = room,
        .first_move = move0, .n_moves = tr->n_moves - move0, .first_note = note0,
        .n_notes = tr->n_notes - note0};
}

/* ---- The loop. */

static void finish(parley_sim_t *sim)
{
    parley_sim_result_t *r = &sim->res;
    r->end = sim->end;
    r->round = sim->round;
    for (size_t i = 0; i < sim->n; i++) {
        sim->r_batna[i] = sim->b[i];
        sim->r_walked[i] = sim->room[i] == ROOM_WALKED;
    }
    parley__sim_walkout_finish(sim);
}

int parley_sim_step(parley_sim_t *sim)
{
    if (sim->end != PARLEY_SIM_RUNNING)
        return 0;
    size_t move0 = sim->tr.n_moves, note0 = sim->tr.n_notes;
    parley__sim_begin_round(sim);
    if (sim->protocol == PARLEY_PROTOCOL_MEDIATED)
        parley__sim_mediated(sim);
    else
        parley__sim_alternating(sim);
    if (sim->end == PARLEY_SIM_RUNNING)
        parley__sim_end_round(sim);
    record_round(sim, move0, note0);
    if (sim->end != PARLEY_SIM_RUNNING)
        finish(sim);
    return sim->end == PARLEY_SIM_RUNNING;
}

parley_status_t parley_sim_run(parley_ctx_t *ctx, parley_sim_t *sim)
{
    parley_status_t st = parley_sim_reset(ctx, sim);
    if (st)
        return st;
    while (parley_sim_step(sim))
        ;
    if (sim->tr.failed)
        return parley__fail(ctx, PARLEY_ENOMEM, "simulate: out of memory recording the trace");
    return PARLEY_OK;
}

void parley_sim_set_seed(parley_sim_t *sim, unsigned long long seed)
{
    sim->seed = seed;
    sim->seeded = seed != 0;
}

const parley_sim_result_t *parley_sim_result(const parley_sim_t *sim)
{
    return &sim->res;
}

size_t parley_sim_round_count(const parley_sim_t *sim) { return sim->tr.n_rounds; }
size_t parley_sim_move_count(const parley_sim_t *sim) { return sim->tr.n_moves; }
size_t parley_sim_note_count(const parley_sim_t *sim) { return sim->tr.n_notes; }
unsigned parley_sim_grid(const parley_sim_t *sim) { return sim->grid; }

const parley_sim_round_t *parley_sim_round(const parley_sim_t *sim, size_t k)
{
    return k < sim->tr.n_rounds ? &sim->tr.rounds[k] : NULL;
}

const parley_sim_move_t *parley_sim_move(const parley_sim_t *sim, size_t k)
{
    return k < sim->tr.n_moves ? &sim->tr.moves[k] : NULL;
}

const char *parley_sim_note(const parley_sim_t *sim, size_t k)
{
    return k < sim->tr.n_notes ? sim->tr.notes[k] : NULL;
}
