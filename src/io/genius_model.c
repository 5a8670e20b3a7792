/*
 * genius_model.c — reads a GENIUS XML element tree as a domain (a
 * <negotiation_template> or a bare <utility_space> whose issues carry no
 * evaluations) or a linear additive profile (weights, item evaluations,
 * linear evaluators), the way GENIUS's AdditiveUtilitySpace loads them.
 * Anything GENIUS would need a nonlinear or hierarchical model for is refused.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "genius.h"

typedef struct rd {
    parley_ctx_t *ctx;
    parley__arena_t *a;
    const char *name;
    int profile; /* reading a profile: evaluations and weights are required */
} rd_t;

#define ERR(r, node, ...) parley__gn_err((r)->ctx, (r)->name, (node)->line, (node)->col, __VA_ARGS__)

static parley_status_t nomem(const rd_t *r)
{
    return parley__fail(r->ctx, PARLEY_ENOMEM, "%s: out of memory", r->name);
}

static const xnode_t *child(const xnode_t *n, const char *name)
{
    for (const xnode_t *c = n->first; c; c = c->next)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static size_t count_children(const xnode_t *n, const char *name)
{
    size_t k = 0;
    for (const xnode_t *c = n->first; c; c = c->next)
        k += strcmp(c->name, name) == 0;
    return k;
}

/* A required numeric attribute. */
static parley_status_t num_attr(const rd_t *r, const xnode_t *n, const char *attr, const char *what,
                                double *out)
{
    const char *v = parley__xml_attr(n, attr);
    if (!v)
        return ERR(r, n, "%s: <%s> has no '%s' attribute", what, n->name, attr);
    if (!parley__gn_number(v, out))
        return ERR(r, n, "%s: '%s' must be a number, got '%.40s'", what, attr, v);
    return PARLEY_OK;
}

/* An integer-valued attribute (issue index, integer bounds). */
static parley_status_t int_attr(const rd_t *r, const xnode_t *n, const char *attr, const char *what,
                                double *out)
{
    parley_status_t st = num_attr(r, n, attr, what, out);
    if (st == PARLEY_OK && (*out != floor(*out) || fabs(*out) > 1e15))
        return ERR(r, n, "%s: '%s' must be an integer, got '%.40s'", what, attr,
                   parley__xml_attr(n, attr));
    return st;
}

static const char *issue_type(const xnode_t *n)
{
    const char *t = parley__xml_attr(n, "type");
    if (!t)
        t = parley__xml_attr(n, "etype");
    if (!t)
        t = parley__xml_attr(n, "vtype");
    return t ? t : "discrete";
}

static parley_status_t read_items(const rd_t *r, const xnode_t *n, gn_issue_t *is, gn_eval_t *ev,
                                  const char *what)
{
    size_t m = count_children(n, "item");
    if (m < 2)
        return ERR(r, n, "%s: a discrete issue needs at least 2 <item> values, got %zu", what, m);
    if (m > 64)
        return parley__fail(r->ctx, PARLEY_ELIMIT,
                            "%s:%d:%d: %s: %zu values: the limit is 64 per discrete issue",
                            r->name, n->line, n->col, what, m);
    is->values = parley__arena_array(r->a, m, sizeof *is->values);
    ev->table = parley__arena_array(r->a, m, sizeof *ev->table);
    if (!is->values || !ev->table)
        return nomem(r);
    size_t k = 0;
    for (const xnode_t *c = n->first; c; c = c->next) {
        if (strcmp(c->name, "item") != 0)
            continue;
        const char *v = parley__xml_attr(c, "value");
        if (!v)
            return ERR(r, c, "%s: <item> has no 'value' attribute", what);
        for (size_t p = 0; p < k; p++)
            if (strcmp(is->values[p], v) == 0)
                return ERR(r, c, "%s: duplicate value '%.60s'", what, v);
        is->values[k] = v;
        const char *e = parley__xml_attr(c, "evaluation");
        if (r->profile && !e)
            return ERR(r, c, "%s: value '%.60s' has no 'evaluation'", what, v);
        if (e && !parley__gn_number(e, &ev->table[k]))
            return ERR(r, c, "%s: evaluation of '%.60s' must be a number, got '%.40s'", what, v, e);
        if (e && ev->table[k] < 0.0)
            return ERR(r, c, "%s: evaluation of '%.60s' must be >= 0, got %.40s", what, v, e);
        k++;
    }
    is->kind = GN_DISCRETE;
    is->n_values = m;
    ev->kind = GE_TABLE;
    ev->divide_by_max = 1;
    return PARLEY_OK;
}

/* lowerbound / upperbound as attributes of the issue or of a <range> child. */
static parley_status_t read_bounds(const rd_t *r, const xnode_t *n, int integer, gn_issue_t *is,
                                   const char *what)
{
    const xnode_t *at = parley__xml_attr(n, "lowerbound") ? n : child(n, "range");
    if (!at)
        return ERR(r, n, "%s: a numeric issue needs 'lowerbound' and 'upperbound'", what);
    parley_status_t st;
    if ((st = (integer ? int_attr : num_attr)(r, at, "lowerbound", what, &is->lo)) ||
        (st = (integer ? int_attr : num_attr)(r, at, "upperbound", what, &is->hi)))
        return st;
    if (is->lo > is->hi)
        return ERR(r, at, "%s: bounds reversed: lowerbound %g > upperbound %g", what, is->lo, is->hi);
    if (is->lo == is->hi)
        return ERR(r, at, "%s: lowerbound = upperbound = %g: an issue needs at least 2 values",
                   what, is->lo);
    is->kind = integer ? GN_GRID : GN_REAL;
    is->step = 1.0;
    is->n_values = integer ? (size_t)(is->hi - is->lo) + 1 : 0;
    return PARLEY_OK;
}

static parley_status_t read_evaluator(const rd_t *r, const xnode_t *n, const gn_issue_t *is,
                                      gn_eval_t *ev, const char *what)
{
    const xnode_t *e = child(n, "evaluator");
    if (!e)
        return r->profile ? ERR(r, n, "%s: a numeric issue needs an <evaluator>", what) : PARLEY_OK;
    const char *ft = parley__xml_attr(e, "ftype");
    parley_status_t st;
    ev->kind = GE_LINEAR;
    ev->line = e->line;
    ev->col = e->col;
    if (is->kind == GN_GRID) { /* EvaluatorInteger: offset + slope * (v - lowerbound) */
        if (ft && strcmp(ft, "linear") != 0)
            return ERR(r, e, "%s: evaluator ftype '%.40s' is not supported (integer issues: linear)",
                       what, ft);
        ev->origin = is->lo;
        if ((st = num_attr(r, e, "slope", what, &ev->slope)) ||
            (st = num_attr(r, e, "offset", what, &ev->offset)))
            return st;
        return PARLEY_OK;
    }
    if (ft && strcmp(ft, "linear") == 0) /* EvaluatorReal: parameter1 * x + parameter0 */
        return (st = num_attr(r, e, "parameter1", what, &ev->slope))
                   ? st
                   : num_attr(r, e, "parameter0", what, &ev->offset);
    if (ft && strcmp(ft, "constant") == 0) {
        if ((st = num_attr(r, e, "parameter0", what, &ev->offset)))
            return st;
        if (ev->offset < 0.0 || ev->offset > 1.0)
            return ERR(r, e, "%s: a constant evaluation must be in [0,1], got %g", what, ev->offset);
        return PARLEY_OK;
    }
    return ERR(r, e, "%s: evaluator ftype '%.40s' is not supported (real issues: linear, constant)",
               what, ft ? ft : "(none)");
}

static parley_status_t read_issue(const rd_t *r, const xnode_t *n, gn_issue_t *is, gn_eval_t *ev)
{
    const char *nm = parley__xml_attr(n, "name");
    if (!nm || !*nm)
        return ERR(r, n, "<issue> has no 'name' attribute");
    char what[160];
    snprintf(what, sizeof what, "issue '%.60s'", nm);
    double idx;
    parley_status_t st = int_attr(r, n, "index", what, &idx);
    if (st)
        return st;
    is->name = nm;
    is->index = (long)idx;
    is->line = n->line;
    is->col = n->col;
    ev->line = n->line;
    ev->col = n->col;
    const char *t = issue_type(n);
    if (strcmp(t, "discrete") == 0)
        return read_items(r, n, is, ev, what);
    int integer = strcmp(t, "integer") == 0;
    if (!integer && strcmp(t, "real") != 0)
        return ERR(r, n, "%s: issue type '%.40s' is not supported (discrete, integer, real)", what,
                   t);
    if ((st = read_bounds(r, n, integer, is, what)))
        return st;
    return read_evaluator(r, n, is, ev, what);
}

/* Is this utility space a profile (anything beyond the issues and their values)? */
static int looks_like_profile(const xnode_t *obj)
{
    for (const xnode_t *c = obj->first; c; c = c->next) {
        if (strcmp(c->name, "weight") == 0)
            return 1;
        if (strcmp(c->name, "issue") != 0)
            continue;
        if (child(c, "evaluator"))
            return 1;
        for (const xnode_t *i = c->first; i; i = i->next)
            if (strcmp(i->name, "item") == 0 && parley__xml_attr(i, "evaluation"))
                return 1;
    }
    return 0;
}

static parley_status_t read_issues(const rd_t *r, const xnode_t *obj, gn_domain_t *d,
                                   gn_eval_t **evs)
{
    size_t n = count_children(obj, "issue");
    if (n == 0)
        return ERR(r, obj, "the objective has no <issue>");
    if (n > 4096)
        return parley__fail(r->ctx, PARLEY_ELIMIT, "%s:%d:%d: %zu issues: the limit is 4096",
                            r->name, obj->line, obj->col, n);
    d->issues = parley__arena_array(r->a, n, sizeof *d->issues);
    *evs = parley__arena_array(r->a, n, sizeof **evs);
    if (!d->issues || !*evs)
        return nomem(r);
    size_t j = 0;
    for (const xnode_t *c = obj->first; c; c = c->next) {
        if (strcmp(c->name, "objective") == 0)
            return ERR(r, c, "nested objectives (a hierarchical utility space) are not supported");
        if (strcmp(c->name, "issue") != 0)
            continue;
        parley_status_t st = read_issue(r, c, &d->issues[j], &(*evs)[j]);
        if (st)
            return st;
        for (size_t k = 0; k < j; k++) {
            if (strcmp(d->issues[k].name, d->issues[j].name) == 0)
                return ERR(r, c, "duplicate issue name '%.60s'", d->issues[j].name);
            if (d->issues[k].index == d->issues[j].index)
                return ERR(r, c, "issue '%.60s' has index %ld, as issue '%.60s' has",
                           d->issues[j].name, d->issues[j].index, d->issues[k].name);
        }
        j++;
    }
    d->n_issues = n;
    d->name = parley__xml_attr(obj, "name");
    d->line = obj->line;
    d->col = obj->col;
    return PARLEY_OK;
}

static parley_status_t read_weights(const rd_t *r, const xnode_t *obj, gn_profile_t *p)
{
    size_t n = p->dom.n_issues;
    unsigned char *seen = parley__arena_alloc(r->a, n);
    if (!(p->weight = parley__arena_array(r->a, n, sizeof *p->weight)) || !seen)
        return nomem(r);
    for (const xnode_t *c = obj->first; c; c = c->next) {
        if (strcmp(c->name, "weight") != 0)
            continue;
        double idx, w;
        parley_status_t st;
        if ((st = int_attr(r, c, "index", "<weight>", &idx)) ||
            (st = num_attr(r, c, "value", "<weight>", &w)))
            return st;
        size_t j = 0;
        while (j < n && p->dom.issues[j].index != (long)idx)
            j++;
        if (j == n)
            return ERR(r, c, "<weight> for index %.0f, which no issue has", idx);
        if (seen[j]++)
            return ERR(r, c, "a second <weight> for issue '%.60s'", p->dom.issues[j].name);
        if (w < 0.0)
            return ERR(r, c, "the weight of issue '%.60s' must be >= 0, got %g",
                       p->dom.issues[j].name, w);
        p->weight[j] = w;
    }
    for (size_t j = 0; j < n; j++)
        if (!seen[j])
            return ERR(r, obj, "issue '%.60s' (index %ld) has no <weight>", p->dom.issues[j].name,
                       p->dom.issues[j].index);
    return PARLEY_OK;
}

/* reservation and discount_factor, each <X value="..."/>. */
static parley_status_t read_extras(const rd_t *r, const xnode_t *us, gn_profile_t *p)
{
    const xnode_t *res = child(us, "reservation"), *df = child(us, "discount_factor");
    parley_status_t st;
    p->discount = 1.0;
    p->discount_raw = (double)NAN;
    if (res) {
        if ((st = num_attr(r, res, "value", "<reservation>", &p->reservation)))
            return st;
        if (p->reservation < 0.0 || p->reservation > 1.0)
            return ERR(r, res, "the reservation value must be in [0,1], got %g", p->reservation);
    }
    if (df) {
        if ((st = num_attr(r, df, "value", "<discount_factor>", &p->discount_raw)))
            return st;
        /* GENIUS (validateDiscount) treats anything outside (0,1] as no discount. */
        if (p->discount_raw > 0.0 && p->discount_raw <= 1.0)
            p->discount = p->discount_raw;
    }
    return PARLEY_OK;
}

static parley_status_t check_children(const rd_t *r, const xnode_t *us)
{
    static const char *const known[] = {"objective", "reservation", "discount_factor",
                                        "comparisons", "errors", "experimental", "fixed_seed",
                                        "elicitation_cost", NULL};
    for (const xnode_t *c = us->first; c; c = c->next) {
        size_t k = 0;
        while (known[k] && strcmp(known[k], c->name) != 0)
            k++;
        if (!known[k])
            return ERR(r, c, "<%.40s> is not supported: only linear additive utility spaces are",
                       c->name);
    }
    if (count_children(us, "objective") != 1)
        return ERR(r, us, "a <utility_space> needs exactly one <objective>, got %zu",
                   count_children(us, "objective"));
    return PARLEY_OK;
}

static parley_status_t read_space(rd_t *r, const xnode_t *us, int template_, gn_file_t *out)
{
    const char *type = parley__xml_attr(us, "type");
    int uncertain = type && strcmp(type, "UNCERTAIN") == 0;
    if (type && !uncertain && strcmp(type, "linear") != 0 && strcmp(type, "LINEAR") != 0)
        return ERR(r, us, "utility_space type '%.40s' is not supported: only linear additive "
                          "profiles are", type);
    parley_status_t st = check_children(r, us);
    if (st)
        return st;
    const xnode_t *obj = child(us, "objective");
    r->profile = !template_ && (uncertain || looks_like_profile(obj));
    gn_eval_t *evs = NULL;
    gn_domain_t *d = r->profile ? &out->profile.dom : &out->domain;
    if ((st = read_issues(r, obj, d, &evs)))
        return st;
    out->kind = r->profile ? GF_PROFILE : GF_DOMAIN;
    if (!r->profile)
        return PARLEY_OK;
    gn_profile_t *p = &out->profile;
    p->ev = evs;
    p->uncertain = uncertain;
    p->path = r->name;
    p->line = us->line;
    p->col = us->col;
    if ((st = read_weights(r, obj, p)))
        return st;
    return read_extras(r, us, p);
}

parley_status_t parley__genius_from_tree(parley_ctx_t *ctx, parley__arena_t *a, const char *name,
                                         const xnode_t *root, gn_file_t *out)
{
    rd_t r = {.ctx = ctx, .a = a, .name = name};
    out->format = "GENIUS XML";
    if (strcmp(root->name, "negotiation_template") == 0) {
        const xnode_t *us = child(root, "utility_space");
        if (!us) {
            out->why = "a <negotiation_template> without a <utility_space>";
            return PARLEY_OK;
        }
        return read_space(&r, us, 1, out);
    }
    if (strcmp(root->name, "utility_space") == 0)
        return read_space(&r, root, 0, out);
    out->why = "an XML file that is neither a GENIUS domain nor a profile";
    return PARLEY_OK;
}

parley_status_t parley__genius_parse_xml_buffer(parley_ctx_t *ctx, parley__arena_t *a,
                                                const char *name, const char *buf, size_t len,
                                                gn_file_t *out)
{
    xnode_t *root = NULL;
    memset(out, 0, sizeof *out);
    parley_status_t st = parley__xml_tree(ctx, a, name, buf, len, &root);
    if (st == PARLEY_OK)
        st = parley__genius_from_tree(ctx, a, name, root, out);
    return st;
}
