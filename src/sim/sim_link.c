/*
 * sim_link.c — linkage in the simulator: interaction terms, constraints and
 * conditional red lines compiled onto the option grid once per simulator
 * (one flag per option and condition), so a term or rule is a few table
 * reads; the change of one issue is measured on the links naming it only.
 * Repairs keep every offer and text a feasible package: a change that
 * breaks a rule is completed by one more change to an issue the rule names.
 * Workload: a few dozen links, evaluated millions of times per run.
 */
#include <math.h>
#include <string.h>
#include "simint.h"
#include "parley/utility.h"

/* ---- The grid's extra positions. */

static size_t link_count(const parley_scenario_t *s)
{
    return parley_scenario_term_count(s) + parley_scenario_rule_count(s);
}

/* The k-th combination of the scenario's links (terms' `when`, then each
 * rule's `when` and `then`): 3 slots per link, NULL when unused. */
static const parley_combination_t *combination(const parley_scenario_t *s, size_t k)
{
    size_t nt = parley_scenario_term_count(s), link = k / 3, slot = k % 3;
    if (link < nt)
        return slot == 0 ? &parley_scenario_term(s, link)->when : NULL;
    const parley_rule_t *r = parley_scenario_rule(s, link - nt);
    return slot == 0 ? &r->when : slot == 1 ? &r->then : NULL;
}

size_t parley__sim_link_bound_count(const parley_scenario_t *s, size_t j)
{
    return parley__sim_link_bounds(s, j, NULL);
}

/* A bound worth a grid point: finite and within the scale. */
static int usable(const parley_issue_t *is, double x)
{
    return isfinite(x) && x >= is->lo && x <= is->hi;
}

size_t parley__sim_link_bounds(const parley_scenario_t *s, size_t j, double *out)
{
    const parley_issue_t *is = parley_scenario_issue(s, j);
    size_t n = 0;
    if (is->kind == PARLEY_ISSUE_DISCRETE)
        return 0;
    for (size_t k = 0; k < 3 * link_count(s); k++) {
        const parley_combination_t *c = combination(s, k);
        for (size_t q = 0; c && q < c->n; q++) {
            if (c->c[q].issue != j)
                continue;
            if (usable(is, c->c[q].lo) && (!out || (out[n] = c->c[q].lo, 1)))
                n++;
            if (usable(is, c->c[q].hi) && (!out || (out[n] = c->c[q].hi, 1)))
                n++;
        }
    }
    return n;
}

/* ---- Compiling. */

static int compile_combo(parley_sim_t *sim, const parley_combination_t *src, sim_combo_t *dst)
{
    dst->n = src->n;
    dst->c = parley__arena_array(&sim->arena, src->n + 1, sizeof *dst->c);
    if (!dst->c)
        return 0;
    for (size_t q = 0; q < src->n; q++) {
        size_t j = src->c[q].issue;
        unsigned char *in = parley__arena_array(&sim->arena, sim->nopt[j] + 1, 1);
        if (!in)
            return 0;
        for (size_t o = 0; o < sim->nopt[j]; o++)
            in[o] = (unsigned char)(parley_condition_holds(sim->s, &src->c[q],
                                                            sim->pos[sim->opt0[j] + o]) == 1);
        dst->c[q] = (sim_cond_t){.j = j, .in = in};
    }
    return 1;
}

static int names_issue(const sim_link_t *L, size_t j)
{
    for (size_t q = 0; q < L->when.n; q++)
        if (L->when.c[q].j == j)
            return 1;
    for (size_t q = 0; q < L->then.n; q++)
        if (L->then.c[q].j == j)
            return 1;
    return 0;
}

/* Each issue's links, CSR: touch[touch0[j] .. touch0[j+1]). */
static int index_issues(parley_sim_t *sim)
{
    size_t m = sim->m, total = 0;
    sim->touch0 = parley__arena_array(&sim->arena, m + 2, sizeof *sim->touch0);
    if (!sim->touch0)
        return 0;
    for (size_t j = 0; j < m; j++)
        for (size_t k = 0; k < sim->n_links; k++)
            total += (size_t)names_issue(&sim->links[k], j);
    sim->touch = parley__arena_array(&sim->arena, total + 1, sizeof *sim->touch);
    if (!sim->touch)
        return 0;
    size_t at = 0;
    for (size_t j = 0; j < m; j++) {
        sim->touch0[j] = at;
        for (size_t k = 0; k < sim->n_links; k++)
            if (names_issue(&sim->links[k], j))
                sim->touch[at++] = k;
    }
    sim->touch0[m] = at;
    return 1;
}

parley_status_t parley__sim_link_compile(parley_sim_t *sim)
{
    const parley_scenario_t *s = sim->s;
    size_t nt = parley_scenario_term_count(s), nr = parley_scenario_rule_count(s);
    sim->linked = parley_scenario_linked(s);
    sim->n_terms = nt;
    sim->n_links = nt + nr;
    sim->links = parley__arena_array(&sim->arena, sim->n_links + 1, sizeof *sim->links);
    sim->share = parley__arena_array(&sim->arena, nt + 1, sizeof *sim->share);
    sim->ldu = parley__arena_array(&sim->arena, sim->n + 1, sizeof *sim->ldu);
    sim->ldv = parley__arena_array(&sim->arena, sim->n + 1, sizeof *sim->ldv);
    sim->lpkg = parley__arena_array(&sim->arena, sim->m + 1, sizeof *sim->lpkg);
    size_t most = 1;
    for (size_t j = 0; j < sim->m; j++)
        most = sim->nopt[j] > most ? sim->nopt[j] : most;
    sim->lstate = parley__arena_array(&sim->arena, sim->n_links + 1, 1);
    sim->lgain = parley__arena_array(&sim->arena, sim->n * sim->total + 1, sizeof *sim->lgain);
    sim->lend = parley__arena_array(&sim->arena, sim->n * sim->m + 1, sizeof *sim->lend);
    sim->ldone = parley__arena_array(&sim->arena, sim->n + 1, 1);
    sim->fill_o = parley__arena_array(&sim->arena, most + 1, sizeof *sim->fill_o);
    sim->fill_u = parley__arena_array(&sim->arena, most + 1, sizeof *sim->fill_u);
    sim->fill_g = parley__arena_array(&sim->arena, most + 1, sizeof *sim->fill_g);
    if (!sim->links || !sim->share || !sim->ldu || !sim->ldv || !sim->lpkg || !sim->fill_o ||
        !sim->fill_u || !sim->fill_g || !sim->lstate || !sim->lgain || !sim->lend || !sim->ldone)
        return PARLEY_ENOMEM;
    for (size_t k = 0; k < nt; k++) {
        const parley_term_t *t = parley_scenario_term(s, k);
        sim_link_t *L = &sim->links[k];
        *L = (sim_link_t){.kind = LINK_TERM, .actor = t->actor, .index = k,
                          .penalty = t->penalty != 0};
        if (!compile_combo(sim, &t->when, &L->when))
            return PARLEY_ENOMEM;
    }
    for (size_t k = 0; k < nr; k++) {
        const parley_rule_t *r = parley_scenario_rule(s, k);
        sim_link_t *L = &sim->links[nt + k];
        *L = (sim_link_t){.kind = r->kind == PARLEY_RULE_FORBID ? LINK_FORBID : LINK_REQUIRE,
                          .actor = r->actor == (size_t)-1 ? SIM_NONE : r->actor, .index = k};
        if (!compile_combo(sim, &r->when, &L->when) || !compile_combo(sim, &r->then, &L->then))
            return PARLEY_ENOMEM;
    }
    return index_issues(sim) ? PARLEY_OK : PARLEY_ENOMEM;
}

void parley__sim_link_read(parley_sim_t *sim)
{
    for (size_t k = 0; k < sim->n_terms; k++)
        sim->share[k] = parley_scenario_term_weight(sim->s, k);
}

/* ---- Evaluating. */

static int combo_holds(const sim_combo_t *c, const size_t *pkg)
{
    for (size_t q = 0; q < c->n; q++)
        if (!c->c[q].in[pkg[c->c[q].j]])
            return 0;
    return 1;
}

int parley__sim_link_fires(const parley_sim_t *sim, const sim_link_t *L, const size_t *pkg)
{
    (void)sim;
    int w = combo_holds(&L->when, pkg);
    switch (L->kind) {
    case LINK_TERM: return w != L->penalty;
    case LINK_FORBID: return w;
    default: return w && !combo_holds(&L->then, pkg);
    }
}

double parley__sim_terms(const parley_sim_t *sim, size_t i, const size_t *pkg)
{
    double u = 0.0;
    for (size_t k = 0; k < sim->n_terms; k++)
        if (sim->links[k].actor == i && parley__sim_link_fires(sim, &sim->links[k], pkg))
            u += sim->share[k];
    return u;
}

size_t parley__sim_broken(const parley_sim_t *sim, size_t actor, const size_t *pkg)
{
    for (size_t k = sim->n_terms; k < sim->n_links; k++)
        if (sim->links[k].actor == actor && parley__sim_link_fires(sim, &sim->links[k], pkg))
            return k;
    return SIM_NONE;
}

static int issue_vetoed(const parley_sim_t *sim, size_t i, const size_t *pkg)
{
    const unsigned char *v = sim->veto + i * sim->total;
    for (size_t j = 0; j < sim->m; j++)
        if (v[sim->opt0[j] + pkg[j]])
            return 1;
    return 0;
}

int parley__sim_fits(const parley_sim_t *sim, size_t who, const size_t *pkg)
{
    if (parley__sim_broken(sim, SIM_NONE, pkg) != SIM_NONE)
        return 0;
    return who == SIM_NONE ||
           (!issue_vetoed(sim, who, pkg) && parley__sim_broken(sim, who, pkg) == SIM_NONE);
}

/* Broken constraints, plus who's vetoed issues and broken conditional red
 * lines: what a repair drives to zero. */
static size_t problems(const parley_sim_t *sim, size_t who, const size_t *pkg)
{
    size_t p = 0;
    for (size_t k = sim->n_terms; k < sim->n_links; k++) {
        size_t a = sim->links[k].actor;
        if ((a == SIM_NONE || a == who) && parley__sim_link_fires(sim, &sim->links[k], pkg))
            p++;
    }
    if (who != SIM_NONE) {
        const unsigned char *v = sim->veto + who * sim->total;
        for (size_t j = 0; j < sim->m; j++)
            p += v[sim->opt0[j] + pkg[j]];
    }
    return p;
}

void parley__sim_link_state(const parley_sim_t *sim, const size_t *pkg, unsigned char *out)
{
    for (size_t k = 0; k < sim->n_links; k++)
        out[k] = (unsigned char)parley__sim_link_fires(sim, &sim->links[k], pkg);
}

int parley__sim_link_delta(const parley_sim_t *sim, size_t *pkg, size_t j, size_t o, double *du,
                           int *dv, const unsigned char *state)
{
    size_t a = pkg[j];
    int dc = 0;
    for (size_t t = sim->touch0[j]; t < sim->touch0[j + 1]; t++) {
        const sim_link_t *L = &sim->links[sim->touch[t]];
        pkg[j] = a;
        int before = state ? state[sim->touch[t]] : parley__sim_link_fires(sim, L, pkg);
        pkg[j] = o;
        int d = parley__sim_link_fires(sim, L, pkg) - before;
        if (!d)
            continue;
        if (L->kind == LINK_TERM)
            du[L->actor] += (double)d * sim->share[sim->touch[t]];
        else if (L->actor == SIM_NONE)
            dc += d;
        else
            dv[L->actor] += d;
    }
    pkg[j] = a;
    return dc;
}

/* ---- Repairs. */

static void consider(parley_sim_t *sim, size_t who, size_t *pkg, size_t j2, sim_score_fn f,
                     void *arg, double *best, size_t *rj, size_t *ro)
{
    size_t a = pkg[j2];
    for (size_t o = 0; o < sim->nopt[j2]; o++) {
        if (o == a)
            continue;
        pkg[j2] = o;
        if (parley__sim_fits(sim, who, pkg)) {
            double sc = f(sim, pkg, arg);
            if (*rj == SIM_NONE || sc > *best + SIM_EPS) {
                *best = sc;
                *rj = j2;
                *ro = o;
            }
        }
    }
    pkg[j2] = a;
}

int parley__sim_repair1(parley_sim_t *sim, size_t who, size_t *pkg, size_t moved, sim_score_fn f,
                        void *arg, size_t *rj, size_t *ro)
{
    size_t b = parley__sim_broken(sim, SIM_NONE, pkg);
    if (b == SIM_NONE && who != SIM_NONE)
        b = parley__sim_broken(sim, who, pkg);
    if (b == SIM_NONE)
        return 0; /* an issue's red line: no other issue can mend it */
    const sim_link_t *L = &sim->links[b];
    double best = -HUGE_VAL;
    size_t bj = SIM_NONE, bo = 0;
    for (int part = 0; part < 2; part++) {
        const sim_combo_t *c = part ? &L->then : &L->when;
        for (size_t q = 0; q < c->n; q++)
            if (c->c[q].j != moved)
                consider(sim, who, pkg, c->c[q].j, f, arg, &best, &bj, &bo);
    }
    if (bj == SIM_NONE)
        return 0;
    *rj = bj;
    *ro = bo;
    return 1;
}

/* No single repair: the change anywhere that leaves the fewest problems
 * (then the best score); 0 when none leaves fewer than now. */
static int reduce(parley_sim_t *sim, size_t who, size_t *pkg, sim_score_fn f, void *arg)
{
    size_t now = problems(sim, who, pkg), least = now, bj = SIM_NONE, bo = 0;
    double best = -HUGE_VAL;
    for (size_t j = 0; j < sim->m; j++) {
        size_t a = pkg[j];
        for (size_t o = 0; o < sim->nopt[j]; o++) {
            if (o == a)
                continue;
            pkg[j] = o;
            size_t p = problems(sim, who, pkg);
            if (p < least || (p == least && p < now && f(sim, pkg, arg) > best + SIM_EPS)) {
                best = f(sim, pkg, arg);
                least = p;
                bj = j;
                bo = o;
            }
        }
        pkg[j] = a;
    }
    if (bj == SIM_NONE)
        return 0;
    pkg[bj] = bo;
    return 1;
}

int parley__sim_make_fit(parley_sim_t *sim, size_t who, size_t *pkg, sim_score_fn f, void *arg)
{
    int changes = 0;
    for (size_t iter = 0; iter < 2 * sim->m + 2; iter++) {
        if (parley__sim_fits(sim, who, pkg))
            return changes;
        size_t rj, ro;
        if (parley__sim_repair1(sim, who, pkg, SIM_NONE, f, arg, &rj, &ro))
            pkg[rj] = ro;
        else if (!reduce(sim, who, pkg, f, arg))
            return -1;
        changes++;
    }
    return parley__sim_fits(sim, who, pkg) ? changes : -1;
}

void parley__sim_ascend(parley_sim_t *sim, size_t i, size_t *pkg)
{
    const double *w = sim->wval + i * sim->total;
    const unsigned char *v = sim->veto + i * sim->total;
    for (size_t pass = 0; pass < 4 * sim->total + 4; pass++) {
        double best = SIM_EPS;
        size_t bj = SIM_NONE, bo = 0;
        parley__sim_link_state(sim, pkg, sim->lstate);
        for (size_t j = 0; j < sim->m; j++) {
            size_t o0 = sim->opt0[j], at = pkg[j];
            for (size_t o = 0; o < sim->nopt[j]; o++) {
                if (o == at || v[o0 + o])
                    continue;
                memset(sim->ldu, 0, sim->n * sizeof *sim->ldu);
                memset(sim->ldv, 0, sim->n * sizeof *sim->ldv);
                int dc = parley__sim_link_delta(sim, pkg, j, o, sim->ldu, sim->ldv, sim->lstate);
                double gain = w[o0 + o] - w[o0 + at] + sim->ldu[i];
                if (dc > 0 || sim->ldv[i] > 0 || !(gain > best))
                    continue;
                best = gain;
                bj = j;
                bo = o;
            }
        }
        if (bj == SIM_NONE)
            return;
        pkg[bj] = bo;
    }
}
