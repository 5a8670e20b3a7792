/*
 * genius_model.c — reads a GENIUS XML element tree as a domain (a
 * <negotiation_template> or a bare <utility_space> whose issues carry no
 * evaluations) or a linear additive profile (weights, item evaluations,
 * linear evaluators), the way GENIUS's AdditiveUtilitySpace loads them:
 * what GENIUS ignores or overrides (stray or repeated weights, repeated item
 * values) is read the same way and noted; what GENIUS would fail on, or need
 * a nonlinear or hierarchical model for, is refused (docs/import-genius.md).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "genius.h"
#include "loader.h"

typedef struct rd {
    parley_ctx_t *ctx;
    parley__arena_t *a;
    const char *name;
    int profile; /* reading a profile: evaluations and weights are required */
    gn_profile_t *p; /* the profile being read, for notes */
} rd_t;

#define ERR(r, node, ...) parley__gn_err((r)->ctx, (r)->name, (node)->line, (node)->col, __VA_ARGS__)
/* A note "FILE:LINE:COL: ..." about node, for the output's comment lines. */
#define NOTE(r, node, fmt, ...)                                                                    \
    parley__gn_note((r)->ctx, (r)->a, (r)->p, "%s:%d:%d: " fmt, parley__gn_rel((r)->name),      \
                    (node)->line, (node)->col, __VA_ARGS__)

static parley_status_t nomem(const rd_t *r)
{
    return parley__fail(r->ctx, PARLEY_ENOMEM, "%s: out of memory", r->name);
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
    is->vpos = r->profile ? parley__arena_array(r->a, 2 * m, sizeof *is->vpos) : NULL;
    if (!is->values || !ev->table || (r->profile && !is->vpos))
        return nomem(r);
    size_t k = 0;
    for (const xnode_t *c = n->first; c; c = c->next) {
        if (strcmp(c->name, "item") != 0)
            continue;
        const char *v = parley__xml_attr(c, "value");
        if (!v)
            return ERR(r, c, "%s: <item> has no 'value' attribute", what);
        size_t at = 0;
        while (at < k && strcmp(is->values[at], v) != 0)
            at++;
        if (at < k && !r->profile)
            return ERR(r, c, "%s: duplicate value '%.60s'", what, v);
        const char *e = parley__xml_attr(c, "evaluation");
        double x = 0.0;
        if (e && strcmp(e, "null") == 0) /* EvaluatorDiscrete.loadFromXML: as if absent */
            e = NULL;
        if (r->profile && !e) /* fine unless the domain has the value (genius.c) */
            x = (double)NAN;
        if (e && !parley__gn_number(e, &x))
            return ERR(r, c, "%s: evaluation of '%.60s' must be a number, got '%.40s'", what, v, e);
        if (e && x < 0.0)
            return ERR(r, c, "%s: evaluation of '%.60s' must be >= 0, got %.40s", what, v, e);
        /* EvaluatorDiscrete keeps its evaluations in a map: a repeated value's last one
         * counts, and one without an evaluation puts nothing there. */
        if (at < k && !e) {
            if (NOTE(r, c, "%s: value '%.60s' is listed again without an evaluation: the earlier "
                           "one stays, as in GENIUS", what, v))
                return nomem(r);
            continue;
        }
        if (at < k && NOTE(r, c, "%s: value '%.60s' is listed again: its last evaluation (%.40s) "
                                 "counts, as in GENIUS", what, v, e))
            return nomem(r);
        is->values[at] = v;
        ev->table[at] = x;
        if (is->vpos)
            is->vpos[2 * at] = c->line, is->vpos[2 * at + 1] = c->col;
        k += at == k;
    }
    if (k < 2)
        return ERR(r, n, "%s: a discrete issue needs at least 2 different <item> values", what);
    is->kind = GN_DISCRETE;
    is->n_values = k;
    ev->kind = GE_TABLE;
    ev->divide_by_max = 1;
    return PARLEY_OK;
}

/* lowerbound / upperbound as attributes of the issue or of a <range> child. */
static parley_status_t read_bounds(const rd_t *r, const xnode_t *n, int integer, gn_issue_t *is,
                                   const char *what)
{
    const xnode_t *at = parley__xml_attr(n, "lowerbound") ? n : parley__xml_child(n, "range");
    if (!at)
        return ERR(r, n, "%s: a numeric issue needs 'lowerbound' and 'upperbound'", what);
    parley_status_t st;
    if ((st = (integer ? int_attr : num_attr)(r, at, "lowerbound", what, &is->lo)) ||
        (st = (integer ? int_attr : num_attr)(r, at, "upperbound", what, &is->hi)))
        return st;
    if (fabs(is->lo) > PARLEY_MAX_SCALE_END || fabs(is->hi) > PARLEY_MAX_SCALE_END)
        return ERR(r, at, "%s: bounds %g..%g: Parley's scales end within -1e15..1e15", what, is->lo,
                   is->hi);
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
    const xnode_t *e = parley__xml_child(n, "evaluator");
    if (!e && r->profile && is->kind == GN_GRID) {
        /* EvaluatorInteger.loadFromXML keeps slope = offset = 0 without one. */
        ev->kind = GE_LINEAR;
        ev->origin = is->lo;
        return NOTE(r, n, "%s: an integer issue without an <evaluator>: every value evaluates to "
                          "0, as in GENIUS", what) ? nomem(r) : PARLEY_OK;
    }
    if (!e)
        return r->profile ? ERR(r, n, "%s: a real issue needs an <evaluator> (GENIUS could not "
                                      "evaluate it either)", what)
                          : PARLEY_OK;
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
        if (parley__xml_child(c, "evaluator"))
            return 1;
        for (const xnode_t *i = c->first; i; i = i->next)
            if (strcmp(i->name, "item") == 0 && parley__xml_attr(i, "evaluation"))
                return 1;
    }
    return 0;
}

/*
 * A domain's issues need distinct names and indexes (GENIUS keys a bid's
 * values by index). A profile's names are never read by GENIUS, and of two
 * issues with one index the later evaluator replaces the earlier
 * (AdditiveUtilitySpace.loadTreeRecursive puts both in one map).
 */
static parley_status_t check_repeats(const rd_t *r, const xnode_t *c, const gn_domain_t *d,
                                     size_t j)
{
    const gn_issue_t *is = &d->issues[j];
    for (size_t k = 0; k < j; k++) {
        if (!r->profile && strcmp(d->issues[k].name, is->name) == 0)
            return ERR(r, c, "duplicate issue name '%.60s'", is->name);
        if (d->issues[k].index != is->index)
            continue;
        if (!r->profile)
            return ERR(r, c, "issue '%.60s' has index %ld, as issue '%.60s' has (GENIUS tells "
                             "issues apart by index)", is->name, is->index, d->issues[k].name);
        if (NOTE(r, c, "issue '%.60s' has index %ld, as issue '%.60s' has: the later one "
                       "counts, as in GENIUS", is->name, is->index, d->issues[k].name))
            return nomem(r);
    }
    return PARLEY_OK;
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
        if ((st = check_repeats(r, c, d, j)))
            return st;
        j++;
    }
    d->n_issues = n;
    d->name = parley__xml_attr(obj, "name");
    d->line = obj->line;
    d->col = obj->col;
    return PARLEY_OK;
}

/*
 * GENIUS reads the <weight>s beside the issues into a map by index and
 * then looks up each issue's index (AdditiveUtilitySpace.loadTreeRecursive):
 * a weight whose index no issue has (often the objective's own) is never
 * used, and of two weights for one index the last counts. An issue without
 * a weight gets no evaluator: left NAN here, refused by the importer only if
 * the domain has that issue (GENIUS's getUtility would fail on it).
 */
static parley_status_t read_weights(const rd_t *r, const xnode_t *obj, gn_profile_t *p)
{
    size_t n = p->dom.n_issues;
    unsigned char *seen = parley__arena_alloc(r->a, n);
    if (!(p->weight = parley__arena_array(r->a, n, sizeof *p->weight)) || !seen ||
        !(p->weight_text = parley__arena_array(r->a, n, sizeof *p->weight_text)))
        return nomem(r);
    memset(seen, 0, n);
    for (size_t j = 0; j < n; j++)
        p->weight[j] = (double)NAN;
    for (const xnode_t *c = obj->first; c; c = c->next) {
        if (strcmp(c->name, "weight") != 0)
            continue;
        double idx, w;
        parley_status_t st;
        if (!parley__xml_attr(c, "index")) /* GENIUS's Integer.valueOf(null) throws */
            return ERR(r, c, "a <weight> without an 'index' attribute (GENIUS cannot read this "
                             "profile either)");
        if ((st = int_attr(r, c, "index", "<weight>", &idx)) ||
            (st = num_attr(r, c, "value", "<weight>", &w)))
            return st;
        int found = 0, again = 0;
        for (size_t j = 0; j < n; j++) {
            if (p->dom.issues[j].index != (long)idx)
                continue;
            if (w < 0.0)
                return ERR(r, c, "the weight of issue '%.60s' must be >= 0, got %g",
                           p->dom.issues[j].name, w);
            again |= seen[j];
            seen[j] = 1, found = 1;
            p->weight[j] = w;
            p->weight_text[j] = parley__xml_attr(c, "value"); /* exact: the decimal spelled */
        }
        if (!found && NOTE(r, c, "ignored <weight index=\"%.0f\">: no issue beside it has that "
                                 "index, so GENIUS never uses it either", idx))
            return nomem(r);
        if (again && NOTE(r, c, "a second <weight> for index %.0f: the last one (%g) counts, as in "
                                "GENIUS", idx, w))
            return nomem(r);
    }
    return PARLEY_OK;
}

/*
 * The value of the first <tag value="..."/> under us and then under obj,
 * the later found counting: GENIUS's loadTreeRecursive reads both at every
 * level it descends through, the objective after the utility space (older
 * profiles keep <reservation> inside the objective). A value that is not a
 * number is ignored, as GENIUS catches its parse error and goes on.
 */
static parley_status_t extra_value(const rd_t *r, const xnode_t *us, const xnode_t *obj,
                                   const char *tag, double *out, const xnode_t **at)
{
    const xnode_t *levels[2] = {us, obj};
    *at = NULL;
    for (int k = 0; k < 2; k++) {
        const xnode_t *n = parley__xml_child(levels[k], tag);
        if (!n)
            continue;
        const char *v = parley__xml_attr(n, "value");
        double x;
        if (v && parley__gn_number(v, &x)) {
            *out = x, *at = n;
        } else if (NOTE(r, n, "ignored <%s>: its value '%.40s' is not a number (GENIUS skips it "
                              "too)", tag, v ? v : "(none)")) {
            return nomem(r);
        }
    }
    return PARLEY_OK;
}

/* reservation and discount_factor, each <X value="..."/>. */
static parley_status_t read_extras(const rd_t *r, const xnode_t *us, const xnode_t *obj,
                                   gn_profile_t *p)
{
    const xnode_t *res, *df;
    parley_status_t st;
    p->discount = 1.0;
    p->discount_raw = (double)NAN;
    if ((st = extra_value(r, us, obj, "reservation", &p->reservation, &res)) ||
        (st = extra_value(r, us, obj, "discount_factor", &p->discount_raw, &df)))
        return st;
    if (res && (p->reservation < 0.0 || p->reservation > 1.0))
        return ERR(r, res, "the reservation value must be in [0,1], got %g", p->reservation);
    /* GENIUS (validateDiscount) treats anything outside (0,1] as no discount. */
    if (df && p->discount_raw > 0.0 && p->discount_raw <= 1.0)
        p->discount = p->discount_raw;
    return PARLEY_OK;
}

/*
 * GENIUS's first example files put the issues (and a profile's weights)
 * straight into <utility_space>; since objective trees, GENIUS's
 * Domain.loadTreeFromXML takes the first <objective> and fails without one.
 */
static parley_status_t old_layout(const rd_t *r, const xnode_t *us)
{
    const xnode_t *is = parley__xml_child(us, "issue");
    if (!is || parley__xml_child(us, "objective"))
        return PARLEY_OK;
    return ERR(r, is, "this looks like an old GENIUS layout (<issue>s directly under "
                      "<utility_space>, with no <objective> around them), which GENIUS itself no "
                      "longer reads: put the issues%s inside <objective index=\"0\" name=\"root\" "
                      "type=\"objective\" etype=\"objective\">...</objective> (any index no issue "
                      "uses) and import again",
               parley__xml_child(us, "weight") ? " and their <weight>s" : "");
}

static parley_status_t check_children(const rd_t *r, const xnode_t *us)
{
    static const char *const known[] = {"objective", "reservation", "discount_factor",
                                        "comparisons", "errors", "experimental", "fixed_seed",
                                        "elicitation_cost", NULL};
    parley_status_t st = old_layout(r, us);
    if (st)
        return st;
    for (const xnode_t *c = us->first; c; c = c->next) {
        /* Weights at this level could only weigh the root objective, which has no utility. */
        if (strcmp(c->name, "weight") == 0) {
            if (NOTE(r, c, "ignored <weight index=\"%.20s\"> directly under <utility_space>: "
                           "GENIUS never uses it either", parley__xml_attr(c, "index")
                                                              ? parley__xml_attr(c, "index")
                                                              : "?"))
                return nomem(r);
            continue;
        }
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
    /* UTILITYSPACETYPE.getUtilitySpaceType: exactly "nonlinear" */
    if (!template_ && type && strcmp(type, "nonlinear") == 0) {
        out->kind = GF_PROFILE;
        return parley__genius_read_nonlinear(r->ctx, r->a, r->name, us, &out->profile);
    }
    if (type && !uncertain && strcmp(type, "linear") != 0 && strcmp(type, "LINEAR") != 0)
        return ERR(r, us, "utility_space type '%.40s' is not supported: only linear additive and "
                          "non-linear (type=\"nonlinear\", hyper-rectangle) profiles are", type);
    parley_status_t st = check_children(r, us);
    if (st)
        return st;
    const xnode_t *obj = parley__xml_child(us, "objective");
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
    return read_extras(r, us, obj, p);
}

parley_status_t parley__genius_from_tree(parley_ctx_t *ctx, parley__arena_t *a, const char *name,
                                         const xnode_t *root, gn_file_t *out)
{
    rd_t r = {.ctx = ctx, .a = a, .name = name, .p = &out->profile};
    out->format = "GENIUS XML";
    if (strcmp(root->name, "negotiation_template") == 0) {
        const xnode_t *us = parley__xml_child(root, "utility_space");
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
