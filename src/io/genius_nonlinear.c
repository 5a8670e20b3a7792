/*
 * genius_nonlinear.c — GENIUS's non-linear profiles, <utility_space
 * type="nonlinear"> (the ANAC 2014 domains): a sum of hyper-rectangles on
 * integer issues, each worth a utility when a bid lies inside it (INCLUDES)
 * or outside it (EXCLUDES), divided by the profile's maxutility. Read the
 * way GENIUS's NonlinearUtilitySpace reads them (docs/import-genius.md,
 * "Non-linear profiles"), in exact rationals, and turned into Parley's
 * interaction terms: a bonus or penalty per rectangle, with weights that
 * make Parley's utility an exact affine image of GENIUS's raw sum.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "genius.h"

typedef struct nr {
    parley_ctx_t *ctx;
    parley__arena_t *a;
    const char *name;
    gn_profile_t *p;
    gn_nonlinear_t *nl;
    size_t cap; /* of nl->rects */
} nr_t;

#define ERR(r, node, ...) parley__gn_err((r)->ctx, (r)->name, (node)->line, (node)->col, __VA_ARGS__)
#define NOTE(r, node, fmt, ...)                                                                    \
    parley__gn_note((r)->ctx, (r)->a, (r)->p, "%s:%d:%d: " fmt, parley__gn_rel((r)->name),      \
                    (node)->line, (node)->col, __VA_ARGS__)

static parley_status_t nomem(const nr_t *r)
{
    return parley__fail(r->ctx, PARLEY_ENOMEM, "%s: out of memory", r->name);
}


/*
 * A number GENIUS reads with Double.parseDouble, as the exact rational its
 * decimal spells. Parley takes plain decimals only (no hex, NaN, Infinity
 * or Java's 'd'/'f' suffixes, which no GENIUS file uses).
 */
static parley_status_t q_attr(const nr_t *r, const xnode_t *n, const char *attr, const char *what,
                              parley__q_t *out)
{
    const char *v = parley__xml_attr(n, attr);
    double x;
    if (!v)
        return ERR(r, n, "<%s> has no '%s' attribute (GENIUS cannot read this profile either)",
                   n->name, attr);
    if (!parley__gn_number(v, &x))
        return ERR(r, n, "%s: '%s' must be a number, got '%.40s'", what, attr, v);
    char buf[128];
    size_t k = 0, len;
    while (v[k] == ' ' || v[k] == '\t' || v[k] == '\n' || v[k] == '\r')
        k++;
    len = strlen(v + k);
    while (len && (v[k + len - 1] == ' ' || v[k + len - 1] == '\t' || v[k + len - 1] == '\n' ||
                   v[k + len - 1] == '\r'))
        len--;
    if (len >= sizeof buf)
        return ERR(r, n, "%s: '%s' has too many digits for exact arithmetic", what, attr);
    memcpy(buf, v + k, len);
    buf[len] = '\0';
    if (!parley__q_parse(buf, out))
        return ERR(r, n, "%s: '%s' = %.40s has too many digits for exact arithmetic", what, attr,
                   buf);
    return PARLEY_OK;
}

/* Java's Integer.parseInt: an optional sign and decimal digits, within 32 bits. */
static parley_status_t int_attr(const nr_t *r, const xnode_t *n, const char *attr, long *out)
{
    const char *v = parley__xml_attr(n, attr), *p = v;
    if (!v)
        return ERR(r, n, "<%s> has no '%s' attribute (GENIUS cannot read this profile either)",
                   n->name, attr);
    int neg = *p == '-';
    p += *p == '-' || *p == '+';
    long x = 0;
    if (!*p)
        goto bad;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            goto bad;
        x = x * 10 + (*p - '0');
        if (x > (long)INT_MAX + neg)
            goto bad;
    }
    *out = neg ? -x : x;
    return PARLEY_OK;
bad:
    return ERR(r, n, "<%s>: '%s' must be a whole number (as GENIUS's Integer.parseInt reads it), "
                     "got '%.40s'", n->name, attr, v);
}

static parley_status_t push_rect(nr_t *r, const xnode_t *n, gn_rect_t **out)
{
    gn_nonlinear_t *nl = r->nl;
    if (nl->n_rects == GN_MAX_RECTS)
        return parley__fail(r->ctx, PARLEY_ELIMIT, "%s:%d:%d: more than %d hyper-rectangles",
                            r->name, n->line, n->col, GN_MAX_RECTS);
    if (nl->n_rects == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        gn_rect_t *grown = parley__arena_array(r->a, cap, sizeof *grown);
        if (!grown)
            return nomem(r);
        if (nl->n_rects)
            memcpy(grown, nl->rects, nl->n_rects * sizeof *grown);
        nl->rects = grown;
        r->cap = cap;
    }
    *out = &nl->rects[nl->n_rects++];
    memset(*out, 0, sizeof **out);
    return PARLEY_OK;
}

/* Java's toLowerCase().equals() on ASCII words. */
static int same_word(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if ((*a >= 'A' && *a <= 'Z' ? *a + 32 : *a) != (*b >= 'A' && *b <= 'Z' ? *b + 32 : *b))
            return 0;
    return *a == *b;
}

static size_t count_children(const xnode_t *n, const char *name)
{
    size_t k = 0;
    for (const xnode_t *c = n->first; c; c = c->next)
        k += strcmp(c->name, name) == 0;
    return k;
}

/*
 * A <hyperRectangle> (NonlinearUtilitySpace.loadHyperRectangles): with
 * <EXCLUDES> children it is an ExclusiveHyperRectangle over those bounds
 * alone (its <INCLUDES>, if any, are then not used); with <INCLUDES> only,
 * an inclusive one; with neither, a rectangle that holds for every bid.
 * Its utility is required, its weight optional (default 1).
 */
static parley_status_t read_rect(nr_t *r, const xnode_t *n, parley__q_t mult)
{
    size_t ninc = count_children(n, "INCLUDES"), nexc = count_children(n, "EXCLUDES");
    const char *tag = nexc ? "EXCLUDES" : "INCLUDES";
    parley__q_t u, w = parley__q_int(1);
    parley_status_t st;
    if ((st = q_attr(r, n, "utility", "<hyperRectangle>", &u)))
        return st;
    if (parley__xml_attr(n, "weight") && (st = q_attr(r, n, "weight", "<hyperRectangle>", &w)))
        return st;
    if (!parley__q_mul(u, w, &u) || !parley__q_mul(u, mult, &u))
        return ERR(r, n, "<hyperRectangle>: utility x weight has too many digits for exact "
                         "arithmetic");
    gn_rect_t *h = NULL;
    if ((st = push_rect(r, n, &h)))
        return st;
    h->exclusive = nexc > 0;
    h->u = u;
    h->line = n->line;
    h->col = n->col;
    h->n_bounds = nexc ? nexc : ninc;
    if (ninc && nexc && NOTE(r, n, "a <hyperRectangle> with both <INCLUDES> and <EXCLUDES>: "
                                   "GENIUS uses its %zu <EXCLUDES> only", nexc))
        return nomem(r);
    if (h->n_bounds && !(h->bounds = parley__arena_array(r->a, h->n_bounds, sizeof *h->bounds)))
        return nomem(r);
    size_t k = 0;
    for (const xnode_t *c = n->first; c; c = c->next) {
        if (strcmp(c->name, "INCLUDES") != 0 && strcmp(c->name, "EXCLUDES") != 0) {
            if (NOTE(r, c, "ignored <%.40s> inside a <hyperRectangle>: GENIUS reads only "
                           "<INCLUDES> and <EXCLUDES> there", c->name))
                return nomem(r);
            continue;
        }
        if (strcmp(c->name, tag) != 0)
            continue;
        gn_bound_t *b = &h->bounds[k++];
        if ((st = int_attr(r, c, "index", &b->index)) || (st = int_attr(r, c, "min", &b->min)) ||
            (st = int_attr(r, c, "max", &b->max)))
            return st;
        b->line = c->line;
        b->col = c->col;
    }
    return PARLEY_OK;
}

/*
 * A <ufun> (NonlinearUtilitySpace.loadUtilityFunction, UtilityFunction.
 * getUtility): its hyper-rectangles and its nested <ufun>s, each of those
 * times its own weight, aggregated by 'aggregation'. Only a sum keeps the
 * utility a sum of rectangles; GENIUS falls back to a sum for a word that
 * is none of sum/min/max, and fails without the attribute.
 */
static parley_status_t read_ufun(nr_t *r, const xnode_t *n, parley__q_t mult, int top)
{
    const char *agg = parley__xml_attr(n, "aggregation");
    parley_status_t st;
    if (!agg)
        return ERR(r, n, "<ufun> has no 'aggregation' attribute (GENIUS cannot read this profile "
                         "either; write aggregation=\"sum\")");
    if (same_word(agg, "min") || same_word(agg, "max"))
        return ERR(r, n, "<ufun aggregation=\"%s\"> is not supported: Parley's utility is a sum of "
                         "terms, so only aggregation=\"sum\" can be imported exactly", agg);
    if (!same_word(agg, "sum") &&
        NOTE(r, n, "<ufun aggregation=\"%.40s\">: not sum, min or max, so GENIUS sums, and so "
                   "does Parley", agg))
        return nomem(r);
    if (top && parley__xml_attr(n, "weight")) {
        parley__q_t w;
        if ((st = q_attr(r, n, "weight", "<ufun>", &w)))
            return st;
        if (parley__q_cmp(w, parley__q_int(1)) != 0 &&
            NOTE(r, n, "the outermost <ufun>'s weight %.40s is ignored, as GENIUS ignores it "
                       "(only nested <ufun>s are weighed)", parley__xml_attr(n, "weight")))
            return nomem(r);
    }
    for (const xnode_t *c = n->first; c; c = c->next) {
        if (strcmp(c->name, "hyperRectangle") == 0) {
            if ((st = read_rect(r, c, mult)))
                return st;
        } else if (strcmp(c->name, "ufun") == 0) {
            parley__q_t w = parley__q_int(1), m;
            if (parley__xml_attr(c, "weight") && (st = q_attr(r, c, "weight", "<ufun>", &w)))
                return st;
            if (!parley__q_mul(mult, w, &m))
                return ERR(r, c, "<ufun>: the product of nested weights has too many digits for "
                                 "exact arithmetic");
            if ((st = read_ufun(r, c, m, 0)))
                return st;
        } else if (NOTE(r, c, "ignored <%.40s> inside a <ufun>: GENIUS reads only "
                              "<hyperRectangle>s and <ufun>s there", c->name)) {
            return nomem(r);
        }
    }
    return PARLEY_OK;
}

/* The first <tag value="..."/> directly under <utility_space>, as
 * NonlinearUtilitySpace.loadNonlinearSpace reads it; a value that is not a
 * number is skipped (GENIUS catches the parse error). */
static parley_status_t extra(nr_t *r, const xnode_t *us, const char *tag, const char **text,
                             const xnode_t **at)
{
    *text = NULL;
    *at = NULL;
    int first = 1;
    for (const xnode_t *c = us->first; c; c = c->next) {
        if (strcmp(c->name, tag) != 0)
            continue;
        if (!first) {
            if (NOTE(r, c, "ignored a second <%s>: GENIUS reads the first", tag))
                return nomem(r);
            continue;
        }
        first = 0;
        const char *v = parley__xml_attr(c, "value");
        double x;
        if (v && parley__gn_number(v, &x)) {
            *text = v, *at = c;
        } else if (NOTE(r, c, "ignored <%s>: its value '%.40s' is not a number (GENIUS skips it "
                              "too)", tag, v ? v : "(none)")) {
            return nomem(r);
        }
    }
    return PARLEY_OK;
}

static parley_status_t read_extras(nr_t *r, const xnode_t *us, const xnode_t *obj)
{
    const xnode_t *res, *df;
    const char *rt, *dt;
    parley_status_t st;
    gn_profile_t *p = r->p;
    p->discount = 1.0;
    p->discount_raw = (double)NAN;
    r->nl->rv = parley__q_int(0); /* AbstractUtilitySpace: no reservation value reads as 0 */
    r->nl->rv_line = us->line;
    r->nl->rv_col = us->col;
    if ((st = extra(r, us, "reservation", &rt, &res)) ||
        (st = extra(r, us, "discount_factor", &dt, &df)))
        return st;
    for (const char *const *t = (const char *const[]){"reservation", "discount_factor", NULL}; *t;
         t++) {
        const xnode_t *in = parley__xml_child(obj, *t);
        if (in && NOTE(r, in, "ignored <%s> inside the <objective>: GENIUS reads a non-linear "
                              "profile's only directly under <utility_space>", *t))
            return nomem(r);
    }
    if (res) {
        if ((st = q_attr(r, res, "value", "<reservation>", &r->nl->rv)))
            return st;
        if (parley__q_cmp(r->nl->rv, parley__q_int(1)) > 0)
            return ERR(r, res, "the reservation value %.40s is above 1: GENIUS's utility never "
                               "exceeds 1, so no bid could be accepted", rt);
        parley__gn_number(rt, &p->reservation);
        r->nl->rv_line = res->line;
        r->nl->rv_col = res->col;
    }
    /* GENIUS (validateDiscount) treats anything outside (0,1] as no discount. */
    if (df && parley__gn_number(dt, &p->discount_raw) && p->discount_raw > 0.0 &&
        p->discount_raw <= 1.0)
        p->discount = p->discount_raw;
    return PARLEY_OK;
}

parley_status_t parley__genius_read_nonlinear(parley_ctx_t *ctx, parley__arena_t *a,
                                              const char *name, const xnode_t *us,
                                              gn_profile_t *p)
{
    nr_t r = {.ctx = ctx, .a = a, .name = name, .p = p};
    parley_status_t st;
    if (!(r.nl = p->nl = parley__arena_alloc(a, sizeof *p->nl)))
        return nomem(&r);
    memset(r.nl, 0, sizeof *r.nl);
    p->path = name;
    p->line = us->line;
    p->col = us->col;
    /* loadNonlinearSpace takes the utility from the first element inside
     * <utility_space>, whatever it is: the <objective> must come first. */
    const xnode_t *obj = us->first;
    if (!obj)
        return ERR(&r, us, "a non-linear <utility_space> needs an <objective> holding its "
                           "<utility>");
    if (strcmp(obj->name, "objective") != 0)
        return ERR(&r, obj, "<%.40s> comes before the <objective>: GENIUS reads a non-linear "
                            "profile's <utility> from the first element inside <utility_space>, "
                            "so it cannot read this one (put the <objective> first)", obj->name);
    const xnode_t *util = parley__xml_child(obj, "utility");
    if (!util)
        return ERR(&r, obj, "a non-linear profile needs a <utility maxutility=\"...\"> inside its "
                            "<objective> (GENIUS cannot read this profile either)");
    for (const xnode_t *c = util->next; c; c = c->next)
        if (strcmp(c->name, "utility") == 0 &&
            NOTE(&r, c, "ignored a second <utility>: GENIUS reads the first%s", ""))
            return nomem(&r);
    if ((st = q_attr(&r, util, "maxutility", "<utility>", &r.nl->maxutil)))
        return st;
    if (parley__q_cmp(r.nl->maxutil, parley__q_int(0)) <= 0)
        return ERR(&r, util, "maxutility must be > 0, got %.40s (GENIUS divides every utility by "
                             "it)", parley__xml_attr(util, "maxutility"));
    const xnode_t *uf = parley__xml_child(util, "ufun");
    if (!uf)
        return ERR(&r, util, "<utility> has no <ufun> (GENIUS cannot read this profile either)");
    for (const xnode_t *c = util->first; c; c = c->next)
        if (c != uf && NOTE(&r, c, "ignored <%.40s> inside <utility>: GENIUS reads its first "
                                   "<ufun> only", c->name))
            return nomem(&r);
    if ((st = read_ufun(&r, uf, parley__q_int(1), 1)) || (st = read_extras(&r, us, obj)))
        return st;
    return PARLEY_OK;
}

/* ---- against the domain */

static int q_is_zero(parley__q_t q)
{
    return q.n == 0;
}

static parley__q_t q_abs(parley__q_t q)
{
    if (q.n < 0)
        q.n = -q.n;
    return q;
}

static const char *issue_kind(const gn_issue_t *is)
{
    return is->kind == GN_DISCRETE ? "discrete" : is->kind == GN_REAL ? "real" : "numeric";
}

/*
 * The rectangle's region on the domain's grid: every bound names an
 * integer issue of the domain (GENIUS reads the bid's value there as a
 * ValueInteger), bounds on one issue intersect, and a bound that every
 * value meets drops out.
 */
static parley_status_t region(parley_ctx_t *ctx, parley__arena_t *a, const gn_domain_t *dom,
                              const gn_profile_t *p, gn_rect_t *h)
{
    h->region = 1;
    h->n_conds = 0;
    if (h->n_bounds && !(h->conds = parley__arena_array(a, h->n_bounds, sizeof *h->conds)))
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", p->path);
    for (size_t b = 0; b < h->n_bounds; b++) {
        const gn_bound_t *bd = &h->bounds[b];
        size_t j = 0;
        while (j < dom->n_issues && dom->issues[j].index != bd->index)
            j++;
        if (j == dom->n_issues)
            return parley__gn_err(ctx, p->path, bd->line, bd->col,
                                  "no issue of the domain has index %ld (GENIUS could not "
                                  "evaluate a bid with this bound either)", bd->index);
        const gn_issue_t *is = &dom->issues[j];
        if (is->kind != GN_GRID || is->step != 1.0)
            return parley__gn_err(ctx, p->path, bd->line, bd->col,
                                  "issue '%.60s' (index %ld) is %s: GENIUS's hyper-rectangles "
                                  "bound integer issues only", is->name, bd->index,
                                  issue_kind(is));
        /* grid step k is the value lo + k */
        double lo = (double)bd->min - is->lo, hi = (double)bd->max - is->lo;
        double last = (double)(is->n_values - 1);
        size_t c = 0;
        while (c < h->n_conds && h->conds[c].issue != j)
            c++;
        if (c == h->n_conds) {
            h->conds[c].issue = j;
            h->conds[c].lo = 0;
            h->conds[c].hi = (long)last;
            h->n_conds++;
        }
        if (lo > (double)h->conds[c].lo)
            h->conds[c].lo = lo > last ? (long)last + 1 : (long)lo;
        if (hi < (double)h->conds[c].hi)
            h->conds[c].hi = hi < 0 ? -1 : (long)hi;
    }
    size_t kept = 0;
    for (size_t c = 0; c < h->n_conds; c++) {
        gn_cond_t cd = h->conds[c];
        if (cd.lo > cd.hi) {
            h->region = 0;
            return PARLEY_OK;
        }
        if (cd.lo == 0 && cd.hi == (long)dom->issues[cd.issue].n_values - 1)
            continue; /* every value meets it */
        h->conds[kept++] = cd;
    }
    h->n_conds = kept;
    /* domain order, for a stable and readable `when:` */
    for (size_t x = 1; x < kept; x++)
        for (size_t y = x; y > 0 && h->conds[y].issue < h->conds[y - 1].issue; y--) {
            gn_cond_t t = h->conds[y];
            h->conds[y] = h->conds[y - 1];
            h->conds[y - 1] = t;
        }
    h->region = kept ? -1 : 1;
    return PARLEY_OK;
}

static parley_status_t too_big(parley_ctx_t *ctx, const gn_profile_t *p)
{
    return parley__gn_err(ctx, p->path, p->line, p->col,
                          "the sum of the hyper-rectangles' utilities has too many digits for "
                          "exact arithmetic");
}

/*
 * GENIUS's raw utility is F = sum_k F_k with F_k = u_k [x in R_k]
 * (INCLUDES) or u_k [x not in R_k] (EXCLUDES). Each rectangle that depends
 * on the bid becomes one term of weight |u_k| / S (S the sum of those
 * |u_k|): a bonus where its F_k is u_k [in R_k] with u_k > 0 or
 * |u_k| [in R_k] - |u_k| (EXCLUDES, u_k < 0); a penalty (worth its weight
 * where R_k does not hold) otherwise. Then Parley's raw sum is F + C, C the
 * |u_k| of the negative rectangles minus the constant ones' F_k, and
 * Parley's utility is U = (F + C) / S: GENIUS's utility min(1, F / M) is
 * min(1, (S U - C) / M), and GENIUS's reservation value rv (accept when
 * F >= rv M) is the BATNA (rv M + C) / S on Parley's scale.
 */
parley_status_t parley__gn_nonlinear_resolve(parley_ctx_t *ctx, parley__arena_t *a,
                                             const gn_domain_t *dom, gn_profile_t *p)
{
    gn_nonlinear_t *nl = p->nl;
    parley__q_t S = parley__q_int(0), C = parley__q_int(0);
    parley_status_t st;
    nl->n_terms = 0;
    for (size_t k = 0; k < nl->n_rects; k++) {
        gn_rect_t *h = &nl->rects[k];
        if ((st = region(ctx, a, dom, p, h)))
            return st;
        int neg = h->u.n < 0;
        h->term = h->region == -1 && !q_is_zero(h->u);
        if (h->term) {
            h->penalty = h->exclusive != neg;
            if (!parley__q_add(S, q_abs(h->u), &S) ||
                (neg && !parley__q_add(C, q_abs(h->u), &C)))
                return too_big(ctx, p);
            nl->n_terms++;
            continue;
        }
        /* A constant F_k: u where the rectangle pays for every bid. */
        int pays = h->region == (h->exclusive ? 0 : 1);
        if (pays && !q_is_zero(h->u) && !parley__q_sub(C, h->u, &C))
            return too_big(ctx, p);
        if (parley__gn_note(ctx, a, p, "%s:%d:%d: a <hyperRectangle> that %s: it adds %s for "
                            "every bid, a constant (part of C in the conversion above)",
                            parley__gn_rel(p->path), h->line, h->col,
                            h->region == -1 ? "is worth 0"
                            : h->region == 1 ? "every bid lies inside"
                                             : "no bid lies inside",
                            pays && !q_is_zero(h->u) ? "its utility" : "0"))
            return PARLEY_ENOMEM;
    }
    if (nl->n_terms == 0)
        return parley__gn_err(ctx, p->path, p->line, p->col,
                              "no hyper-rectangle of this profile depends on the bid: every bid "
                              "has the same utility");
    nl->S = S;
    nl->C = C;
    for (size_t k = 0; k < nl->n_rects; k++)
        if (nl->rects[k].term && !parley__q_div(q_abs(nl->rects[k].u), S, &nl->rects[k].weight))
            return too_big(ctx, p);
    parley__q_t b;
    if (!parley__q_mul(nl->rv, nl->maxutil, &b) || !parley__q_add(b, C, &b) ||
        !parley__q_div(b, S, &b))
        return too_big(ctx, p);
    if (parley__q_cmp(b, parley__q_int(1)) > 0)
        return parley__gn_err(ctx, p->path, nl->rv_line, nl->rv_col,
                              "the reservation value times maxutility is above the largest raw "
                              "utility any bid could reach (the sum of the rectangles that can "
                              "pay): no bid could be accepted");
    if (b.n < 0) /* GENIUS accepts every bid, as Parley does with BATNA 0 */
        b = parley__q_int(0);
    nl->batna = b;
    p->reservation = parley__q_double(b);
    return PARLEY_OK;
}
