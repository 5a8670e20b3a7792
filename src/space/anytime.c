/*
 * anytime.c — the frontier of a space whose linked cluster is too big to
 * enumerate (GENIUS's non-linear ANAC 2014 domains: 10 to 50 issues of 10
 * values tied by hyper-rectangle terms, 10^10 to 10^50 packages). Weighted
 * sums Σ λ_a u_a over a fan of directions are each maximised by iterated
 * local search (single-issue moves evaluated incrementally through the
 * terms and rules that mention the issue, seeded from the best package
 * found so far for that direction, with random kicks); every acceptable
 * package met at a local optimum enters a Pareto archive of exact utility
 * vectors. For each direction a relaxation (every term paid, every issue
 * at its best for that direction) bounds what the search may have missed.
 * Deterministic for a seed and a budget of move evaluations.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "spaceint.h"
#include "parley/utility.h"

/* One condition of a term or rule: which options of its issue satisfy it. */
typedef struct cond {
    size_t issue;
    unsigned char *sat; /* inopt[issue] */
} cond_t;

/* A term's combination (kind 0), a rule's `when` (1) or `then` (2). */
typedef struct part {
    size_t first, n; /* its conditions: conds[first .. first + n) */
    size_t owner;    /* term or rule index */
    int kind;
} part_t;

typedef struct inc {
    size_t part, cond; /* a part and condition an issue takes part in */
} inc_t;

struct parley__anytime {
    const parley_space_t *sp;
    size_t n, mi, T, R;
    cond_t *conds;
    size_t nconds;
    part_t *parts;
    size_t nparts;
    inc_t *inc;          /* by issue: inc[ifirst[i] .. ifirst[i+1]) */
    size_t *ifirst;
    size_t *tpart, *wpart, *hpart; /* per term / rule: its parts ((size_t)-1: none) */
    size_t *tanchor;     /* per term: its anchor condition in the bound, or (size_t)-1 */
    unsigned char *rule_on;  /* per rule: enforced here */
    unsigned char *red_on;   /* n x mi: issue red line enforced */
    unsigned *stamp;         /* per rule: visit marks within one move */
    unsigned tick;
    /* the current package */
    uint32_t *cur;
    size_t *miss;        /* per part: conditions not met */
    parley_util_t *u;    /* n */
    long nbad;           /* constraints broken + vetoes (enforced) */
    parley_util_t *r;    /* n reservations */
    double *inv;         /* n: 1 / scale */
    /* the search */
    double *lam;         /* directions x n */
    size_t D;
    double *best;        /* per direction: best weighted sum found (acceptable) */
    double *ub;          /* per direction: the relaxation's bound */
    uint64_t evals, budget, rng;
    uint32_t *keep;      /* mi: the best package of the current climb */
    /* the archive */
    size_t P, cap;
    parley_util_t *au;
    uint32_t *apk;
    int failed;
};

/* ---- Evaluation. */

static int part_holds(const parley__anytime_t *w, size_t p)
{
    return p == (size_t)-1 || w->miss[p] == 0;
}

static int term_pays(const parley__anytime_t *w, size_t k)
{
    return part_holds(w, w->tpart[k]) != parley_scenario_term(w->sp->s, k)->penalty;
}

static int rule_broken_now(const parley__anytime_t *w, size_t r)
{
    if (!part_holds(w, w->wpart[r]))
        return 0;
    if (parley_scenario_rule(w->sp->s, r)->kind == PARLEY_RULE_FORBID)
        return 1;
    return w->hpart[r] != (size_t)-1 && !part_holds(w, w->hpart[r]);
}

static long issue_bad(const parley__anytime_t *w, size_t i, uint32_t o)
{
    const parley_space_t *sp = w->sp;
    long k = 0;
    for (size_t a = 0; a < w->n; a++)
        k += sp->iveto[(sp->istart[i] + o) * w->n + a] && w->red_on[a * w->mi + i];
    return k;
}

static void evaluate(parley__anytime_t *w)
{
    const parley_space_t *sp = w->sp;
    for (size_t p = 0; p < w->nparts; p++) {
        w->miss[p] = 0;
        for (size_t q = 0; q < w->parts[p].n; q++) {
            const cond_t *c = &w->conds[w->parts[p].first + q];
            w->miss[p] += !c->sat[w->cur[c->issue]];
        }
    }
    w->nbad = 0;
    for (size_t a = 0; a < w->n; a++)
        w->u[a] = 0;
    for (size_t i = 0; i < w->mi; i++) {
        for (size_t a = 0; a < w->n; a++)
            w->u[a] += sp->icontrib[(sp->istart[i] + w->cur[i]) * w->n + a];
        w->nbad += issue_bad(w, i, w->cur[i]);
    }
    for (size_t k = 0; k < w->T; k++)
        if (sp->tactor[k] != (size_t)-1 && term_pays(w, k))
            w->u[sp->tactor[k]] += sp->tval[k];
    for (size_t r = 0; r < w->R; r++)
        w->nbad += w->rule_on[r] && rule_broken_now(w, r);
}

/* What the terms and rules issue i takes part in add (sign +1) or remove
 * (-1); a rule met twice (its `when` and `then`) counts once. */
static void touch(parley__anytime_t *w, size_t i, int sign)
{
    const parley_space_t *sp = w->sp;
    w->tick++;
    for (size_t q = w->ifirst[i]; q < w->ifirst[i + 1]; q++) {
        const part_t *p = &w->parts[w->inc[q].part];
        if (p->kind == 0) {
            size_t a = sp->tactor[p->owner];
            if (a != (size_t)-1 && term_pays(w, p->owner))
                w->u[a] += sign * sp->tval[p->owner];
        } else if (w->rule_on[p->owner] && w->stamp[p->owner] != w->tick) {
            w->stamp[p->owner] = w->tick;
            w->nbad += sign * rule_broken_now(w, p->owner);
        }
    }
}

/* Moves issue i to option o, updating utilities and breaks. */
static void move(parley__anytime_t *w, size_t i, uint32_t o)
{
    const parley_space_t *sp = w->sp;
    uint32_t old = w->cur[i];
    if (old == o)
        return;
    for (size_t a = 0; a < w->n; a++)
        w->u[a] += sp->icontrib[(sp->istart[i] + o) * w->n + a] -
                   sp->icontrib[(sp->istart[i] + old) * w->n + a];
    w->nbad += issue_bad(w, i, o) - issue_bad(w, i, old);
    touch(w, i, -1);
    w->cur[i] = o;
    for (size_t q = w->ifirst[i]; q < w->ifirst[i + 1]; q++) {
        const inc_t *x = &w->inc[q];
        const cond_t *c = &w->conds[x->cond];
        if (c->sat[o] && !c->sat[old])
            w->miss[x->part]--;
        else if (!c->sat[o] && c->sat[old])
            w->miss[x->part]++;
    }
    touch(w, i, +1);
    w->evals++;
}

/* The weighted sum, with penalties steering the search back to acceptable
 * packages (a break costs more than any utility gain). */
static double score(const parley__anytime_t *w, const double *lam)
{
    double s = 0;
    for (size_t a = 0; a < w->n; a++) {
        s += lam[a] * (double)w->u[a] * w->inv[a];
        if (w->r[a] != PARLEY_NO_RESERVATION && w->u[a] < w->r[a])
            s -= 2.0 + (double)(w->r[a] - w->u[a]) * w->inv[a];
    }
    return s - 4.0 * (double)w->nbad;
}

static int acceptable(const parley__anytime_t *w)
{
    if (w->nbad)
        return 0;
    for (size_t a = 0; a < w->n; a++)
        if (w->r[a] != PARLEY_NO_RESERVATION && w->u[a] < w->r[a])
            return 0;
    return 1;
}

/* ---- The Pareto archive. */

static int dominated_by(const parley_util_t *p, const parley_util_t *q, size_t n)
{
    int strict = 0;
    for (size_t a = 0; a < n; a++) {
        if (q[a] < p[a])
            return 0;
        strict |= q[a] > p[a];
    }
    return strict;
}

/* Adds the current package unless a point dominates or equals it. */
static void archive_add(parley__anytime_t *w)
{
    size_t n = w->n, mi = w->mi, keep = 0;
    const parley_util_t *u = w->u;
    w->evals += w->P / 8; /* a scan of the archive costs like that many moves */
    for (size_t k = 0; k < w->P; k++) {
        const parley_util_t *q = w->au + k * n;
        if (dominated_by(u, q, n) || !memcmp(q, u, n * sizeof *u))
            return;
    }
    for (size_t k = 0; k < w->P; k++)
        if (!dominated_by(w->au + k * n, u, n)) {
            if (keep != k) {
                memcpy(w->au + keep * n, w->au + k * n, n * sizeof *u);
                memcpy(w->apk + keep * mi, w->apk + k * mi, mi * sizeof *w->apk);
            }
            keep++;
        }
    w->P = keep;
    if (w->P == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 64;
        parley_util_t *nu = parley__realloc(w->au, (cap * n + 1) * sizeof *nu);
        if (nu)
            w->au = nu;
        uint32_t *np = nu ? parley__realloc(w->apk, (cap * mi + 1) * sizeof *np) : NULL;
        if (np)
            w->apk = np;
        if (!nu || !np) {
            w->failed = 1;
            return;
        }
        w->cap = cap;
    }
    memcpy(w->au + w->P * n, u, n * sizeof *u);
    memcpy(w->apk + w->P * mi, w->cur, mi * sizeof *w->cur);
    w->P++;
}

/* ---- The search. */

static uint32_t rnd(parley__anytime_t *w, uint64_t k)
{
    return (uint32_t)(parley__splitmix64(&w->rng) % k);
}

/* Steepest ascent over single-issue moves until no move improves. */
static double climb(parley__anytime_t *w, const double *lam)
{
    double s = score(w, lam);
    for (;;) {
        size_t bi = (size_t)-1;
        uint32_t bo = 0;
        double bs = s;
        for (size_t i = 0; i < w->mi && w->evals < w->budget; i++) {
            uint32_t old = w->cur[i];
            for (uint32_t o = 0; o < w->sp->inopt[i]; o++) {
                if (o == old)
                    continue;
                move(w, i, o);
                double t = score(w, lam);
                if (t > bs + 1e-15) {
                    bs = t;
                    bi = i;
                    bo = o;
                }
            }
            move(w, i, old);
        }
        if (bi == (size_t)-1)
            return s;
        move(w, bi, bo);
        s = bs;
        if (acceptable(w))
            archive_add(w);
    }
}

/* The anchor of a bonus term: its condition met by the fewest options (the
 * relaxation keeps that one condition and drops the others). */
static size_t anchor(const parley__anytime_t *w, size_t p)
{
    size_t best = w->parts[p].first, few = SIZE_MAX;
    for (size_t q = w->parts[p].first; q < w->parts[p].first + w->parts[p].n; q++) {
        size_t k = 0;
        for (size_t o = 0; o < w->sp->inopt[w->conds[q].issue]; o++)
            k += w->conds[q].sat[o];
        if (k < few) {
            few = k;
            best = q;
        }
    }
    return best;
}

/* The relaxation's bound for direction lam. A bonus pays at most when its
 * anchor condition holds, so Σ_a λ_a u_a is at most Σ over issues of the
 * best option's issue contributions plus the bonuses anchored there that
 * it meets; a penalty (or a term without conditions) is counted as paid. */
static double bound(const parley__anytime_t *w, const double *lam)
{
    const parley_space_t *sp = w->sp;
    double b = 0;
    for (size_t i = 0; i < w->mi; i++) {
        double top = -HUGE_VAL;
        for (size_t o = 0; o < sp->inopt[i]; o++) {
            double v = 0;
            for (size_t a = 0; a < w->n; a++)
                v += lam[a] * (double)sp->icontrib[(sp->istart[i] + o) * w->n + a] * w->inv[a];
            for (size_t k = 0; k < w->T; k++) {
                size_t a = sp->tactor[k], q = w->tanchor[k];
                if (q != (size_t)-1 && w->conds[q].issue == i && w->conds[q].sat[o])
                    v += lam[a] * (double)sp->tval[k] * w->inv[a];
            }
            top = v > top ? v : top;
        }
        b += top;
    }
    for (size_t k = 0; k < w->T; k++) {
        size_t a = sp->tactor[k];
        if (a != (size_t)-1 && sp->tval[k] > 0 &&
            (w->tpart[k] == (size_t)-1 || parley_scenario_term(sp->s, k)->penalty))
            b += lam[a] * (double)sp->tval[k] * w->inv[a];
    }
    return b;
}

/* The best archived package for lam as the start (or the current one). */
static void seed_from_archive(parley__anytime_t *w, const double *lam)
{
    size_t pick = (size_t)-1;
    double top = -HUGE_VAL;
    for (size_t k = 0; k < w->P; k++) {
        double s = 0;
        for (size_t a = 0; a < w->n; a++)
            s += lam[a] * (double)w->au[k * w->n + a] * w->inv[a];
        if (s > top) {
            top = s;
            pick = k;
        }
    }
    if (pick != (size_t)-1) {
        memcpy(w->cur, w->apk + pick * w->mi, w->mi * sizeof *w->cur);
        evaluate(w);
    }
}

/* Iterated local search for direction d within `evals` move evaluations. */
void parley__anytime_direction(parley__anytime_t *w, size_t d, uint64_t evals)
{
    const double *lam = w->lam + d * w->n;
    uint64_t stop = w->evals + evals;
    if (stop > w->budget)
        stop = w->budget;
    uint64_t saved = w->budget;
    w->budget = stop;
    seed_from_archive(w, lam);
    double s = climb(w, lam);
    memcpy(w->keep, w->cur, w->mi * sizeof *w->cur);
    while (w->evals < stop && !w->failed) {
        size_t kick = 2 + rnd(w, 3);
        for (size_t k = 0; k < kick; k++) {
            size_t i = rnd(w, w->mi);
            move(w, i, rnd(w, w->sp->inopt[i]));
        }
        double t = climb(w, lam);
        if (t >= s) {
            s = t;
            memcpy(w->keep, w->cur, w->mi * sizeof *w->cur);
        } else {
            memcpy(w->cur, w->keep, w->mi * sizeof *w->cur);
            evaluate(w);
        }
    }
    w->budget = saved;
    /* the best acceptable weighted sum for this direction, from the archive */
    for (size_t k = 0; k < w->P; k++) {
        double v = 0;
        for (size_t a = 0; a < w->n; a++)
            v += lam[a] * (double)w->au[k * w->n + a] * w->inv[a];
        w->best[d] = v > w->best[d] ? v : w->best[d];
    }
}

/* Pareto local search: the single-issue neighbours of every archived
 * package join the archive when nothing there dominates them, round after
 * round until a round adds nothing or `evals` run out; then the same with
 * pairs of issues while evaluations remain. */
void parley__anytime_polish(parley__anytime_t *w, uint64_t evals)
{
    uint64_t stop = w->evals + evals;
    uint32_t *base = parley__malloc((w->mi + 1) * sizeof *base);
    if (!base) {
        w->failed = 1;
        return;
    }
    for (int pairs = 0; pairs < 2; pairs++) {
        int changed = 1;
        while (changed && w->evals < stop && !w->failed) {
            changed = 0;
            for (size_t k = 0; k < w->P && w->evals < stop; k++) {
                size_t before = w->P;
                parley_util_t first = w->au[k * w->n];
                memcpy(base, w->apk + k * w->mi, w->mi * sizeof *base);
                memcpy(w->cur, base, w->mi * sizeof *base);
                evaluate(w);
                for (size_t i = 0; i < w->mi && w->evals < stop; i++)
                    for (uint32_t o = 0; o < w->sp->inopt[i]; o++) {
                        if (o == base[i])
                            continue;
                        move(w, i, o);
                        for (size_t i2 = pairs ? i + 1 : w->mi; i2 < w->mi; i2++)
                            for (uint32_t o2 = 0; o2 < w->sp->inopt[i2]; o2++) {
                                if (o2 == base[i2])
                                    continue;
                                move(w, i2, o2);
                                if (acceptable(w))
                                    archive_add(w);
                                move(w, i2, base[i2]);
                            }
                        if (!pairs && acceptable(w))
                            archive_add(w);
                        move(w, i, base[i]);
                    }
                /* the archive moved under k: start the round again */
                if (w->P != before || k >= w->P || w->au[k * w->n] != first) {
                    changed = 1;
                    break;
                }
            }
        }
    }
    parley__free(base);
}

/* ---- Setup. */

static int fill_cond(parley__anytime_t *w, const parley_condition_t *c)
{
    const parley_space_t *sp = w->sp;
    cond_t *out = &w->conds[w->nconds++];
    size_t i = c->issue;
    out->issue = i;
    out->sat = parley__malloc(sp->inopt[i] + 1);
    if (!out->sat)
        return 0;
    for (size_t o = 0; o < sp->inopt[i]; o++) {
        size_t at = sp->istart[i] + o;
        out->sat[o] = (unsigned char)(sp->qok[i] ? parley__exact_condition(sp->s, c, sp->qpos[at])
                                                 : parley_condition_holds(sp->s, c, sp->pos[at]));
    }
    return 1;
}

/* A part for combination cb; (size_t)-1 when it has no conditions. */
static size_t add_part(parley__anytime_t *w, const parley_combination_t *cb, size_t owner,
                       int kind)
{
    if (cb->n == 0)
        return (size_t)-1;
    part_t *p = &w->parts[w->nparts];
    p->first = w->nconds;
    p->n = cb->n;
    p->owner = owner;
    p->kind = kind;
    for (size_t q = 0; q < cb->n; q++)
        if (!fill_cond(w, &cb->c[q]))
            w->failed = 1;
    return w->nparts++;
}

static int index_issues(parley__anytime_t *w)
{
    w->ifirst = parley__calloc(w->mi + 2, sizeof *w->ifirst);
    w->inc = parley__calloc(w->nconds + 1, sizeof *w->inc);
    size_t *fill = parley__calloc(w->mi + 1, sizeof *fill);
    int ok = w->ifirst && w->inc && fill;
    for (size_t p = 0; ok && p < w->nparts; p++)
        for (size_t q = 0; q < w->parts[p].n; q++)
            w->ifirst[w->conds[w->parts[p].first + q].issue + 1]++;
    for (size_t i = 0; ok && i < w->mi; i++)
        w->ifirst[i + 1] += w->ifirst[i];
    for (size_t p = 0; ok && p < w->nparts; p++)
        for (size_t q = 0; q < w->parts[p].n; q++) {
            size_t i = w->conds[w->parts[p].first + q].issue;
            w->inc[w->ifirst[i] + fill[i]++] = (inc_t){p, w->parts[p].first + q};
        }
    parley__free(fill);
    return ok;
}

/* Directions: for two actors an even fan from one to the other; for more,
 * the unit vectors, the centre, then seeded random points of the simplex. */
static void directions(parley__anytime_t *w)
{
    size_t n = w->n, D = w->D;
    for (size_t d = 0; d < D; d++) {
        double *l = w->lam + d * n, sum = 0;
        if (n == 1) {
            l[0] = 1;
            continue;
        }
        if (n == 2) { /* the ends lean a little on the other, to break ties */
            double t = 0.001 + 0.998 * (double)d / (double)(D - 1);
            l[0] = 1 - t;
            l[1] = t;
            continue;
        }
        for (size_t a = 0; a < n; a++) {
            if (d < n)
                l[a] = a == d;
            else if (d == n)
                l[a] = 1;
            else
                l[a] = -log(((double)(parley__splitmix64(&w->rng) >> 11) + 1) * 0x1p-53);
            sum += l[a];
        }
        for (size_t a = 0; a < n; a++)
            l[a] /= sum;
    }
}

void parley__anytime_free(parley__anytime_t *w)
{
    if (!w)
        return;
    for (size_t q = 0; w->conds && q < w->nconds; q++)
        parley__free(w->conds[q].sat);
    parley__free(w->conds);
    parley__free(w->parts);
    parley__free(w->inc);
    parley__free(w->ifirst);
    parley__free(w->tpart);
    parley__free(w->tanchor);
    parley__free(w->wpart);
    parley__free(w->hpart);
    parley__free(w->rule_on);
    parley__free(w->red_on);
    parley__free(w->stamp);
    parley__free(w->cur);
    parley__free(w->miss);
    parley__free(w->u);
    parley__free(w->r);
    parley__free(w->inv);
    parley__free(w->lam);
    parley__free(w->best);
    parley__free(w->ub);
    parley__free(w->keep);
    parley__free(w->au);
    parley__free(w->apk);
    parley__free(w);
}

static size_t conditions_total(const parley_scenario_t *s)
{
    size_t k = 0;
    for (size_t t = 0; t < parley_scenario_term_count(s); t++)
        k += parley_scenario_term(s, t)->when.n;
    for (size_t r = 0; r < parley_scenario_rule_count(s); r++)
        k += parley_scenario_rule(s, r)->when.n + parley_scenario_rule(s, r)->then.n;
    return k;
}

static int rule_binds(const parley_space_t *sp, const parley_constraints_t *c, size_t r)
{
    size_t actor = parley_scenario_rule(sp->s, r)->actor;
    if (c && c->rules && !c->rules[r])
        return 0;
    if (actor == (size_t)-1)
        return 1;
    for (size_t a = 0; a < sp->n; a++)
        if (sp->actors[a] == actor)
            return 1;
    return 0;
}

parley__anytime_t *parley__anytime_create(const parley_space_t *sp, const parley_constraints_t *c,
                                          const parley_util_t *reservation, size_t D,
                                          uint64_t budget, uint64_t seed)
{
    parley__anytime_t *w = parley__calloc(1, sizeof *w);
    if (!w)
        return NULL;
    const parley_scenario_t *s = sp->s;
    size_t n = sp->n, mi = sp->mi, nc = conditions_total(s);
    w->sp = sp;
    w->n = n;
    w->mi = mi;
    w->T = parley_scenario_term_count(s);
    w->R = parley_scenario_rule_count(s);
    w->D = D < 2 ? 2 : D;
    w->budget = budget;
    w->rng = seed;
    w->conds = parley__calloc(nc + 1, sizeof *w->conds);
    w->parts = parley__calloc(w->T + 2 * w->R + 1, sizeof *w->parts);
    w->tpart = parley__calloc(w->T + 1, sizeof *w->tpart);
    w->tanchor = parley__calloc(w->T + 1, sizeof *w->tanchor);
    w->wpart = parley__calloc(w->R + 1, sizeof *w->wpart);
    w->hpart = parley__calloc(w->R + 1, sizeof *w->hpart);
    w->rule_on = parley__calloc(w->R + 1, 1);
    w->red_on = parley__calloc(n * mi + 1, 1);
    w->stamp = parley__calloc(w->R + 1, sizeof *w->stamp);
    w->cur = parley__calloc(mi + 1, sizeof *w->cur);
    w->keep = parley__calloc(mi + 1, sizeof *w->keep);
    w->miss = parley__calloc(w->T + 2 * w->R + 1, sizeof *w->miss);
    w->u = parley__calloc(n + 1, sizeof *w->u);
    w->r = parley__calloc(n + 1, sizeof *w->r);
    w->inv = parley__calloc(n + 1, sizeof *w->inv);
    w->lam = parley__calloc(w->D * n + 1, sizeof *w->lam);
    w->best = parley__calloc(w->D + 1, sizeof *w->best);
    w->ub = parley__calloc(w->D + 1, sizeof *w->ub);
    if (!w->conds || !w->parts || !w->tpart || !w->tanchor || !w->wpart || !w->hpart || !w->rule_on ||
        !w->red_on || !w->stamp || !w->cur || !w->keep || !w->miss || !w->u || !w->r ||
        !w->inv || !w->lam || !w->best || !w->ub) {
        parley__anytime_free(w);
        return NULL;
    }
    for (size_t k = 0; k < w->T; k++)
        w->tpart[k] = add_part(w, &parley_scenario_term(s, k)->when, k, 0);
    for (size_t r = 0; r < w->R; r++) {
        w->rule_on[r] = (unsigned char)rule_binds(sp, c, r);
        w->wpart[r] = add_part(w, &parley_scenario_rule(s, r)->when, r, 1);
        w->hpart[r] = add_part(w, &parley_scenario_rule(s, r)->then, r, 2);
    }
    for (size_t a = 0; a < n; a++) {
        w->r[a] = reservation[a];
        w->inv[a] = 1.0 / (double)sp->scale[a];
        for (size_t i = 0; i < mi; i++)
            w->red_on[a * mi + i] = (unsigned char)(!c || !c->red || c->red[a * mi + i]);
        /* conditional red lines of actors whose red lines are all dropped */
    }
    if (w->failed || !index_issues(w)) {
        parley__anytime_free(w);
        return NULL;
    }
    for (size_t k = 0; k < w->T; k++) /* bonuses of actors taking part: anchored */
        w->tanchor[k] = sp->tactor[k] == (size_t)-1 || sp->tval[k] <= 0 ||
                                w->tpart[k] == (size_t)-1 || parley_scenario_term(s, k)->penalty
                            ? (size_t)-1
                            : anchor(w, w->tpart[k]);
    directions(w);
    for (size_t d = 0; d < w->D; d++) {
        w->ub[d] = bound(w, w->lam + d * n);
        w->best[d] = -HUGE_VAL;
    }
    evaluate(w);
    return w;
}

/* ---- Results. */

size_t parley__anytime_directions(const parley__anytime_t *w) { return w->D; }
int parley__anytime_failed(const parley__anytime_t *w) { return w->failed; }

size_t parley__anytime_points(const parley__anytime_t *w, const parley_util_t **u,
                              const uint32_t **pk)
{
    *u = w->au;
    *pk = w->apk;
    return w->P;
}

void parley__anytime_direction_info(const parley__anytime_t *w, size_t d, const double **lam,
                                    double *best, double *ub)
{
    *lam = w->lam + d * w->n;
    *best = w->best[d];
    *ub = w->ub[d];
}

/* The largest gap, over the directions, between the relaxation's bound and
 * the best acceptable weighted sum found (utilities in [0,1], weights
 * summing to 1); HUGE_VAL when some direction found no acceptable package. */
double parley__anytime_gap(const parley__anytime_t *w)
{
    double g = 0;
    for (size_t d = 0; d < w->D; d++) {
        if (w->best[d] == -HUGE_VAL)
            return HUGE_VAL;
        double x = w->ub[d] - w->best[d];
        g = x > g ? x : g;
    }
    return g;
}
