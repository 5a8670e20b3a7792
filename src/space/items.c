/*
 * items.c — linkage in the agreement space: issues that an interaction
 * term, a constraint or a conditional red line ties together are grouped
 * (union-find) into one item whose options are their joint positions, so
 * every algorithm of src/space (the exact merge, the ZOPA count, amend,
 * trades) keeps working on a sum of independent parts. Built once per
 * space; a cluster may have at most PARLEY_SPACE_JOINT_LIMIT positions.
 */
#include <string.h>
#include "spaceint.h"
#include "parley/utility.h"

/* The most joint positions one cluster may have. Each costs n * 16 bytes of
 * contributions plus a test of every term and rule in the cluster, so 2^20
 * is at most 64 MiB and well under a second for four actors; past it the
 * exact searches, which branch over an item's options, would stall anyway. */
#define JOINT_LIMIT ((uint64_t)1 << 20)
/* All items' options together (memory: n * 16 bytes each). */
#define TOTAL_LIMIT ((uint64_t)1 << 22)

static size_t find(size_t *up, size_t i)
{
    while (up[i] != i)
        i = up[i] = up[up[i]];
    return i;
}

static void unite_combo(size_t *up, const parley_combination_t *c, size_t *first)
{
    for (size_t k = 0; k < c->n; k++) {
        size_t r = find(up, c->c[k].issue);
        if (*first == (size_t)-1)
            *first = r;
        else if (r != find(up, *first))
            up[r] = find(up, *first);
    }
}

/* Whether the rule binds this space: a constraint, or a red line of an actor taking part. */
static int rule_here(const parley_space_t *sp, size_t r)
{
    size_t actor = parley_scenario_rule(sp->s, r)->actor;
    if (actor == (size_t)-1)
        return 1;
    for (size_t a = 0; a < sp->n; a++)
        if (sp->actors[a] == actor)
            return 1;
    return 0;
}

/* The issue that places a combination in its cluster; one without
 * conditions (a constant) goes with issue 0. */
static size_t combo_issue(const parley_combination_t *c) { return c->n ? c->c[0].issue : 0; }

static uint32_t digit(const parley_space_t *sp, const size_t *radix, size_t i, uint32_t o)
{
    (void)radix;
    return parley__item_digit(sp, i, o);
}

static int cond_holds(const parley_space_t *sp, const size_t *radix, const parley_condition_t *c,
                      uint32_t o)
{
    size_t i = c->issue, at = sp->istart[i] + digit(sp, radix, i, o);
    if (sp->qok[i])
        return parley__exact_condition(sp->s, c, sp->qpos[at]);
    return parley_condition_holds(sp->s, c, sp->pos[at]);
}

static int combo_holds(const parley_space_t *sp, const size_t *radix,
                       const parley_combination_t *c, uint32_t o)
{
    for (size_t k = 0; k < c->n; k++)
        if (!cond_holds(sp, radix, &c->c[k], o))
            return 0;
    return 1;
}

static int broken(const parley_space_t *sp, const size_t *radix, size_t r, uint32_t o)
{
    const parley_rule_t *ru = parley_scenario_rule(sp->s, r);
    if (!combo_holds(sp, radix, &ru->when, o))
        return 0;
    return ru->kind == PARLEY_RULE_FORBID || !combo_holds(sp, radix, &ru->then, o);
}

#define RADIX(sp) PARLEY__RADIX(sp)

void parley__item_decode(const parley_space_t *sp, size_t j, uint32_t o, uint32_t *opt)
{
    if (!sp->linked) {
        opt[j] = o;
        return;
    }
    for (size_t k = sp->ifirst[j]; k < sp->ifirst[j + 1]; k++)
        opt[sp->iss[k]] = digit(sp, RADIX(sp), sp->iss[k], o);
}

uint32_t parley__item_encode(const parley_space_t *sp, size_t j, const uint32_t *opt)
{
    if (!sp->linked)
        return opt[j];
    size_t o = 0;
    for (size_t k = sp->ifirst[j]; k < sp->ifirst[j + 1]; k++) {
        size_t i = sp->iss[k];
        if (opt[i] == UINT32_MAX)
            return UINT32_MAX;
        o += opt[i] * RADIX(sp)[i];
    }
    return (uint32_t)o;
}

void parley__items_encode(const parley_space_t *sp, const uint32_t *issue_opt, uint32_t *item_opt)
{
    for (size_t j = 0; j < sp->m; j++)
        item_opt[j] = parley__item_encode(sp, j, issue_opt);
}

void parley__items_decode(const parley_space_t *sp, const uint32_t *item_opt, uint32_t *issue_opt)
{
    for (size_t j = 0; j < sp->m; j++)
        parley__item_decode(sp, j, item_opt[j], issue_opt);
}

int parley__item_blocked(const parley_space_t *sp, const parley_constraints_t *c, size_t j,
                         uint32_t o, size_t a)
{
    unsigned v = sp->veto[(sp->start[j] + o) * sp->n + a];
    if (!v)
        return 0;
    if (!sp->linked)
        return !c || !c->red || c->red[a * sp->mi + j];
    if (!c || (!c->red && !c->rules))
        return 1;
    for (size_t k = sp->ifirst[j]; (v & VETO_ISSUE) && k < sp->ifirst[j + 1]; k++) {
        size_t i = sp->iss[k], at = sp->istart[i] + digit(sp, RADIX(sp), i, o);
        if (sp->iveto[at * sp->n + a] && (!c->red || c->red[a * sp->mi + i]))
            return 1;
    }
    for (size_t k = sp->rfirst[j]; (v & VETO_RULE) && k < sp->rfirst[j + 1]; k++) {
        size_t r = sp->irule[k];
        if (parley_scenario_rule(sp->s, r)->actor == sp->actors[a] &&
            (!c->rules || c->rules[r]) && broken(sp, RADIX(sp), r, o))
            return 1;
    }
    return 0;
}

int parley__item_forbidden(const parley_space_t *sp, const parley_constraints_t *c, size_t j,
                           uint32_t o)
{
    if (!sp->linked || !sp->cbroken[sp->start[j] + o])
        return 0;
    if (!c || !c->rules)
        return 1;
    for (size_t k = sp->rfirst[j]; k < sp->rfirst[j + 1]; k++) {
        size_t r = sp->irule[k];
        if (parley_scenario_rule(sp->s, r)->actor == (size_t)-1 && c->rules[r] &&
            broken(sp, RADIX(sp), r, o))
            return 1;
    }
    return 0;
}

/* ---- Building. */

/* The clusters: item_of, ifirst, iss (items ordered by their first issue). */
static parley_status_t cluster(parley_space_t *sp, size_t *up)
{
    const parley_scenario_t *s = sp->s;
    size_t mi = sp->mi;
    for (size_t i = 0; i < mi; i++)
        up[i] = i;
    for (size_t r = 0; r < parley_scenario_rule_count(s); r++)
        if (rule_here(sp, r)) {
            size_t first = (size_t)-1;
            unite_combo(up, &parley_scenario_rule(s, r)->when, &first);
            unite_combo(up, &parley_scenario_rule(s, r)->then, &first);
        }
    for (size_t k = 0; k < parley_scenario_term_count(s); k++)
        if (sp->tactor[k] != (size_t)-1) {
            size_t first = (size_t)-1;
            unite_combo(up, &parley_scenario_term(s, k)->when, &first);
        }
    /* item numbers in order of each cluster's first issue */
    size_t m = 0;
    for (size_t i = 0; i < mi; i++)
        sp->item_of[i] = (size_t)-1;
    for (size_t i = 0; i < mi; i++) {
        size_t r = find(up, i);
        if (sp->item_of[r] == (size_t)-1)
            sp->item_of[r] = m++;
        sp->item_of[i] = sp->item_of[r];
    }
    sp->m = m;
    size_t *fill = parley__calloc(m + 1, sizeof *fill);
    if (!fill)
        return PARLEY_ENOMEM;
    for (size_t i = 0; i < mi; i++)
        sp->ifirst[sp->item_of[i] + 1]++;
    for (size_t j = 0; j < m; j++)
        sp->ifirst[j + 1] += sp->ifirst[j];
    for (size_t i = 0; i < mi; i++) {
        size_t j = sp->item_of[i];
        sp->iss[sp->ifirst[j] + fill[j]++] = i;
    }
    parley__free(fill);
    return PARLEY_OK;
}

static parley_status_t too_many(parley_ctx_t *ctx, const parley_space_t *sp, size_t j,
                                uint64_t joint)
{
    size_t k = sp->ifirst[j + 1] - sp->ifirst[j];
    const char *id = parley_scenario_issue(sp->s, sp->iss[sp->ifirst[j]])->id;
    if (joint)
        return parley__fail(ctx, PARLEY_ELIMIT,
                            "linkage ties %zu issues (from '%s') into one cluster of %llu joint "
                            "positions, over the exact limit of %llu; use fewer terms across "
                            "issues, a coarser --grid, or the anytime frontier",
                            k, id, (unsigned long long)joint, (unsigned long long)JOINT_LIMIT);
    return parley__fail(ctx, PARLEY_ELIMIT,
                        "linkage ties %zu issues (from '%s') into one cluster of more than "
                        "%llu joint positions; use fewer terms across issues, a coarser "
                        "--grid, or the anytime frontier",
                        k, id, (unsigned long long)JOINT_LIMIT);
}

/* Option counts, radices and starts; ELIMIT past the limits. */
static parley_status_t sizes(parley_ctx_t *ctx, parley_space_t *sp)
{
    uint64_t total = 0;
    sp->joint = 0;
    for (size_t j = 0; j < sp->m; j++) {
        uint64_t joint = 1;
        for (size_t k = sp->ifirst[j + 1]; k-- > sp->ifirst[j];) {
            size_t i = sp->iss[k];
            RADIX(sp)[i] = (size_t)joint;
            joint *= sp->inopt[i];
            if (joint > (sp->joint_limit ? sp->joint_limit : JOINT_LIMIT))
                return too_many(ctx, sp, j, 0);
        }
        sp->nopt[j] = (size_t)joint;
        sp->start[j + 1] = sp->start[j] + (size_t)joint;
        sp->joint = joint > sp->joint ? joint : sp->joint;
        total += joint;
        if (total > TOTAL_LIMIT)
            return parley__fail(ctx, PARLEY_ELIMIT,
                                "the linked clusters have more than %llu joint positions in all",
                                (unsigned long long)TOTAL_LIMIT);
    }
    return PARLEY_OK;
}

/* The rules of each item (a rule without conditions goes to item 0). */
static parley_status_t attach_rules(parley_space_t *sp)
{
    const parley_scenario_t *s = sp->s;
    size_t R = parley_scenario_rule_count(s), got = 0;
    sp->irule = parley__calloc(R + 1, sizeof *sp->irule);
    if (!sp->irule)
        return PARLEY_ENOMEM;
    for (size_t j = 0; j < sp->m; j++) {
        sp->rfirst[j] = got;
        for (size_t r = 0; r < R; r++) {
            const parley_rule_t *ru = parley_scenario_rule(s, r);
            size_t i = ru->when.n ? combo_issue(&ru->when) : combo_issue(&ru->then);
            if (rule_here(sp, r) && sp->item_of[i] == j)
                sp->irule[got++] = r;
        }
    }
    sp->rfirst[sp->m] = got;
    return PARLEY_OK;
}

static void fill_option(parley_space_t *sp, size_t j, uint32_t o)
{
    const parley_scenario_t *s = sp->s;
    size_t n = sp->n, at = sp->start[j] + o;
    parley_util_t *c = sp->contrib + at * n;
    unsigned char *v = sp->veto + at * n;
    for (size_t k = sp->ifirst[j]; k < sp->ifirst[j + 1]; k++) {
        size_t i = sp->iss[k], io = sp->istart[i] + digit(sp, RADIX(sp), i, o);
        for (size_t a = 0; a < n; a++) {
            c[a] += sp->icontrib[io * n + a];
            v[a] |= sp->iveto[io * n + a] ? VETO_ISSUE : 0u;
        }
    }
    for (size_t k = 0; k < parley_scenario_term_count(s); k++) {
        const parley_term_t *t = parley_scenario_term(s, k);
        if (sp->tactor[k] == (size_t)-1 || sp->item_of[combo_issue(&t->when)] != j)
            continue;
        if (combo_holds(sp, RADIX(sp), &t->when, o) != t->penalty)
            c[sp->tactor[k]] += sp->tval[k];
    }
    for (size_t k = sp->rfirst[j]; k < sp->rfirst[j + 1]; k++) {
        size_t r = sp->irule[k], actor = parley_scenario_rule(s, r)->actor;
        if (!broken(sp, RADIX(sp), r, o))
            continue;
        if (actor == (size_t)-1)
            sp->cbroken[at] = 1;
        for (size_t a = 0; a < n; a++)
            if (sp->actors[a] == actor)
                v[a] |= VETO_RULE;
    }
}

static int relevant(const parley_space_t *sp)
{
    for (size_t r = 0; r < parley_scenario_rule_count(sp->s); r++)
        if (rule_here(sp, r))
            return 1;
    for (size_t k = 0; k < parley_scenario_term_count(sp->s); k++)
        if (sp->tactor[k] != (size_t)-1)
            return 1;
    return 0;
}

static void alias_issues(parley_space_t *sp)
{
    sp->linked = 0;
    sp->m = sp->mi;
    sp->nopt = sp->inopt;
    sp->start = sp->istart;
    sp->contrib = sp->icontrib;
    sp->veto = sp->iveto;
}

parley_status_t parley__items_build(parley_ctx_t *ctx, parley_space_t *sp)
{
    size_t mi = sp->mi, n = sp->n;
    alias_issues(sp);
    if (!relevant(sp) || mi == 0)
        return PARLEY_OK;
    size_t *up = parley__calloc(mi + 1, sizeof *up);
    sp->item_of = parley__calloc(mi + 1, sizeof *sp->item_of);
    sp->ifirst = parley__calloc(mi + 2, sizeof *sp->ifirst);
    sp->iss = parley__calloc(2 * mi + 1, sizeof *sp->iss); /* the issues, then RADIX */
    sp->nopt = parley__calloc(mi + 1, sizeof *sp->nopt);
    sp->start = parley__calloc(mi + 2, sizeof *sp->start);
    sp->rfirst = parley__calloc(mi + 2, sizeof *sp->rfirst);
    sp->contrib = NULL; /* items of their own from here on (freed by items_free) */
    sp->veto = NULL;
    sp->linked = 1;
    parley_status_t st = PARLEY_ENOMEM;
    if (up && sp->item_of && sp->ifirst && sp->iss && sp->nopt && sp->start && sp->rfirst)
        st = cluster(sp, up);
    parley__free(up);
    if (!st && (st = sizes(ctx, sp)) != PARLEY_OK) {
        if (st != PARLEY_ELIMIT || sp->exact_only)
            return st;
        /* too big to enumerate: the bare issues, for the anytime frontier */
        parley__items_free(sp);
        sp->big = 1;
        parley__ok(ctx);
        return PARLEY_OK;
    }
    if (!st)
        st = attach_rules(sp);
    size_t total = st ? 0 : sp->start[sp->m];
    if (!st) {
        sp->contrib = parley__calloc(total * n + 1, sizeof *sp->contrib);
        sp->veto = parley__calloc(total * n + 1, 1);
        sp->cbroken = parley__calloc(total + 1, 1);
        st = sp->contrib && sp->veto && sp->cbroken ? PARLEY_OK : PARLEY_ENOMEM;
    }
    if (st)
        return parley__fail(ctx, st, "out of memory");
    for (size_t j = 0; j < sp->m; j++)
        for (uint32_t o = 0; o < sp->nopt[j]; o++)
            fill_option(sp, j, o);
    return PARLEY_OK;
}

void parley__items_free(parley_space_t *sp)
{
    if (!sp->linked)
        return;
    parley__free(sp->item_of);
    parley__free(sp->ifirst);
    parley__free(sp->iss);
    parley__free(sp->nopt);
    parley__free(sp->start);
    parley__free(sp->rfirst);
    parley__free(sp->irule);
    parley__free(sp->contrib);
    parley__free(sp->veto);
    parley__free(sp->cbroken);
    alias_issues(sp);
}

/* ---- Public accessors. */

const char parley__big_message[] =
    "a linked cluster is past the exact limit of 2^20 joint positions: only the anytime "
    "frontier is available (a coarser --grid, or fewer terms across issues, makes it exact)";

int parley_space_linked(const parley_space_t *sp) { return sp->linked || sp->big; }
int parley_space_anytime(const parley_space_t *sp) { return sp->big; }

/* ---- Packages of a big space, condition by condition. */

static int holds_at(const parley_space_t *sp, const parley_combination_t *cb, const uint32_t *opt,
                    int *open)
{
    for (size_t k = 0; k < cb->n; k++) {
        size_t i = cb->c[k].issue, at;
        if (opt[i] == UINT32_MAX) {
            *open = 1;
            continue;
        }
        at = sp->istart[i] + opt[i];
        if (!(sp->qok[i] ? parley__exact_condition(sp->s, &cb->c[k], sp->qpos[at])
                         : parley_condition_holds(sp->s, &cb->c[k], sp->pos[at])))
            return 0;
    }
    return 1;
}

int parley__rule_broken_at(const parley_space_t *sp, size_t r, const uint32_t *opt)
{
    const parley_rule_t *ru = parley_scenario_rule(sp->s, r);
    int open = 0;
    if (!holds_at(sp, &ru->when, opt, &open) || open)
        return 0;
    if (ru->kind == PARLEY_RULE_FORBID)
        return 1;
    return !holds_at(sp, &ru->then, opt, &open) && !open;
}

size_t parley__big_utilities(const parley_space_t *sp, const uint32_t *opt, parley_util_t *u)
{
    size_t n = sp->n, crossed = 0;
    for (size_t a = 0; a < n; a++)
        u[a] = 0;
    for (size_t i = 0; i < sp->mi; i++)
        for (size_t a = 0; a < n && opt[i] != UINT32_MAX; a++) {
            u[a] += sp->icontrib[(sp->istart[i] + opt[i]) * n + a];
            crossed += sp->iveto[(sp->istart[i] + opt[i]) * n + a];
        }
    for (size_t k = 0; k < parley_scenario_term_count(sp->s); k++) {
        const parley_term_t *t = parley_scenario_term(sp->s, k);
        int open = 0, h = holds_at(sp, &t->when, opt, &open);
        if (sp->tactor[k] != (size_t)-1 && !open && h != t->penalty)
            u[sp->tactor[k]] += sp->tval[k];
    }
    for (size_t r = 0; r < parley_scenario_rule_count(sp->s); r++)
        crossed += parley_scenario_rule(sp->s, r)->actor != (size_t)-1 && rule_here(sp, r) &&
                   parley__rule_broken_at(sp, r, opt);
    return crossed;
}
size_t parley_space_item_count(const parley_space_t *sp) { return sp->m; }

size_t parley_space_item_issue_count(const parley_space_t *sp, size_t j)
{
    return sp->linked ? sp->ifirst[j + 1] - sp->ifirst[j] : 1;
}

size_t parley_space_item_issue(const parley_space_t *sp, size_t j, size_t k)
{
    return sp->linked ? sp->iss[sp->ifirst[j] + k] : j;
}

size_t parley_space_issue_item(const parley_space_t *sp, size_t i)
{
    return sp->linked ? sp->item_of[i] : i;
}

uint64_t parley_space_item_max_options(const parley_space_t *sp)
{
    uint64_t k = 1;
    for (size_t j = 0; j < sp->m; j++)
        k = sp->nopt[j] > k ? sp->nopt[j] : k;
    return k;
}

size_t parley_space_broken_rule(const parley_space_t *sp, size_t actor, const uint32_t *opt,
                                size_t from)
{
    const parley_scenario_t *s = sp->s;
    for (size_t r = from; r < parley_scenario_rule_count(s); r++) {
        const parley_rule_t *ru = parley_scenario_rule(s, r);
        if (ru->actor != actor)
            continue;
        if (sp->big && rule_here(sp, r) && parley__rule_broken_at(sp, r, opt))
            return r;
        if (!sp->linked || !rule_here(sp, r))
            continue;
        size_t i = ru->when.n ? combo_issue(&ru->when) : combo_issue(&ru->then);
        uint32_t o = parley__item_encode(sp, sp->item_of[i], opt);
        if (o != UINT32_MAX && broken(sp, RADIX(sp), r, o))
            return r; /* an open issue in the item: undecided, not broken */
    }
    return (size_t)-1;
}
