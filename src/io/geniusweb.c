/*
 * geniusweb.c — reads GeniusWeb JSON: a domain {"name", "issuesValues"} and
 * LinearAdditiveUtilitySpace profiles (issueUtilities with discrete or
 * number value-set utilities, issueWeights, the embedded domain and an
 * optional reservationBid). JSON is parsed by libfyaml through ytree.c, so
 * every node keeps its line and column and the loader's limits apply.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "genius.h"
#include "loader.h"

typedef struct jr {
    parley_ctx_t *ctx;
    parley__arena_t *a;
    const char *name;
} jr_t;

#define JERR(r, node, ...) parley__gn_err((r)->ctx, (r)->name, (node)->line, (node)->col, __VA_ARGS__)

static const yt_limits_t LIMITS = {
    .max_nodes = 1000000, .max_depth = 64, .max_string = 65536, .max_bytes = GN_MAX_FILE_BYTES};

static parley_status_t nomem(const jr_t *r)
{
    return parley__fail(r->ctx, PARLEY_ENOMEM, "%s: out of memory", r->name);
}

static parley_status_t want(const jr_t *r, const yt_node_t *n, yt_kind_t kind, const char *what)
{
    if (n->kind == kind)
        return PARLEY_OK;
    return JERR(r, n, "%s must be %s", what,
                kind == YT_MAP ? "an object {...}" : kind == YT_SEQ ? "a list [...]" : "a value");
}

static parley_status_t number(const jr_t *r, const yt_node_t *map, const char *key,
                              const char *what, double *out)
{
    const yt_node_t *n = parley__lget(map, key);
    if (!n)
        return JERR(r, map, "%s has no \"%s\"", what, key);
    if (n->kind != YT_SCALAR || !n->plain || !parley__gn_number(n->str, out))
        return JERR(r, n, "%s: \"%s\" must be a number, got '%.40s'", what, key,
                    n->kind == YT_SCALAR ? n->str : "(not a value)");
    return PARLEY_OK;
}

static parley_status_t unit_number(const jr_t *r, const yt_node_t *map, const char *key,
                                   const char *what, double *out)
{
    parley_status_t st = number(r, map, key, what, out);
    if (st == PARLEY_OK && (*out < 0.0 || *out > 1.0))
        return JERR(r, parley__lget(map, key), "%s: \"%s\" must be in [0,1], got %g", what, key,
                    *out);
    return st;
}

/* The number at key as the exact decimal it spells (it was read by number()). */
static int exact_text(const yt_node_t *map, const char *key, parley__q_t *out)
{
    const yt_node_t *n = parley__lget(map, key);
    return n && n->kind == YT_SCALAR && parley__q_parse(n->str, out);
}

/* {"values": [...]} */
static parley_status_t discrete_set(const jr_t *r, const yt_node_t *vals, gn_issue_t *is)
{
    parley_status_t st = want(r, vals, YT_SEQ, "\"values\"");
    if (st)
        return st;
    if (vals->n < 2 || vals->n > 64)
        return parley__fail(r->ctx, vals->n < 2 ? PARLEY_EINPUT : PARLEY_ELIMIT,
                            "%s:%d:%d: issue '%.60s': %zu values: an issue needs 2 to 64",
                            r->name, vals->line, vals->col, is->name, vals->n);
    if (!(is->values = parley__arena_array(r->a, vals->n, sizeof *is->values)))
        return nomem(r);
    for (size_t k = 0; k < vals->n; k++) {
        if (vals->items[k]->kind != YT_SCALAR)
            return JERR(r, vals->items[k], "issue '%.60s': a value must be a string", is->name);
        is->values[k] = vals->items[k]->str;
        for (size_t m = 0; m < k; m++)
            if (strcmp(is->values[m], is->values[k]) == 0)
                return JERR(r, vals->items[k], "issue '%.60s': duplicate value '%.60s'", is->name,
                            is->values[k]);
    }
    is->kind = GN_DISCRETE;
    is->n_values = vals->n;
    return PARLEY_OK;
}

/* {"range": {"low", "high", "step"}}: the numbers low, low+step, ... up to high. */
static parley_status_t number_set(const jr_t *r, const yt_node_t *rng, gn_issue_t *is)
{
    char what[120];
    snprintf(what, sizeof what, "issue '%.60s': \"range\"", is->name);
    parley_status_t st = want(r, rng, YT_MAP, what);
    if (st || (st = number(r, rng, "low", what, &is->lo)) ||
        (st = number(r, rng, "high", what, &is->hi)) ||
        (st = number(r, rng, "step", what, &is->step)))
        return st;
    if (!(is->step > 0.0))
        return JERR(r, rng, "%s: \"step\" must be > 0, got %g", what, is->step);
    is->qok = exact_text(rng, "low", &is->qlo) && exact_text(rng, "high", &is->qhi) &&
              exact_text(rng, "step", &is->qstep);
    if (fabs(is->lo) > PARLEY_MAX_SCALE_END || fabs(is->hi) > PARLEY_MAX_SCALE_END)
        return JERR(r, rng, "%s: %g..%g: Parley's scales end within -1e15..1e15", what, is->lo,
                    is->hi);
    if (!(is->lo < is->hi))
        return JERR(r, rng, "%s: \"low\" must be below \"high\", got %g and %g", what, is->lo,
                    is->hi);
    double span = (is->hi - is->lo) / is->step;
    if (span < 1.0 - 1e-9 || span > 1e15)
        return JERR(r, rng, "%s: between 2 and 10^15 values needed", what);
    is->kind = GN_GRID;
    is->n_values = (size_t)floor(span + 1e-9) + 1;
    return PARLEY_OK;
}

static parley_status_t read_domain(const jr_t *r, const yt_node_t *n, gn_domain_t *d)
{
    parley_status_t st = want(r, n, YT_MAP, "the domain");
    if (st)
        return st;
    const yt_node_t *iv = parley__lget(n, "issuesValues"), *nm = parley__lget(n, "name");
    if (!iv)
        return JERR(r, n, "the domain has no \"issuesValues\"");
    if ((st = want(r, iv, YT_MAP, "\"issuesValues\"")))
        return st;
    if (iv->n == 0 || iv->n > 4096)
        return parley__fail(r->ctx, iv->n ? PARLEY_ELIMIT : PARLEY_EINPUT,
                            "%s:%d:%d: %zu issues: a domain needs 1 to 4096", r->name, iv->line,
                            iv->col, iv->n);
    if (!(d->issues = parley__arena_array(r->a, iv->n, sizeof *d->issues)))
        return nomem(r);
    for (size_t j = 0; j < iv->n; j++) {
        gn_issue_t *is = &d->issues[j];
        const yt_node_t *key = iv->items[2 * j], *vs = iv->items[2 * j + 1];
        is->name = key->str;
        is->index = (long)j + 1;
        is->line = key->line;
        is->col = key->col;
        if ((st = want(r, vs, YT_MAP, "an issue's value set")))
            return st;
        const yt_node_t *vals = parley__lget(vs, "values"), *rng = parley__lget(vs, "range");
        if (!vals && !rng)
            return JERR(r, vs, "issue '%.60s' needs \"values\" or \"range\"", is->name);
        if ((st = vals ? discrete_set(r, vals, is) : number_set(r, rng, is)))
            return st;
    }
    d->n_issues = iv->n;
    d->name = nm && nm->kind == YT_SCALAR ? nm->str : NULL;
    d->line = n->line;
    d->col = n->col;
    return PARLEY_OK;
}

static parley_status_t discrete_utils(const jr_t *r, const yt_node_t *u, const gn_issue_t *is,
                                      gn_eval_t *ev)
{
    const yt_node_t *vu = parley__lget(u, "valueUtilities");
    char what[120];
    snprintf(what, sizeof what, "issue '%.60s'", is->name);
    if (!vu || vu->kind != YT_MAP)
        return JERR(r, u, "%s: \"DiscreteValueSetUtilities\" needs \"valueUtilities\" {...}", what);
    if (is->kind != GN_DISCRETE)
        return JERR(r, u, "%s: discrete utilities for a number issue", what);
    if (!(ev->table = parley__arena_array(r->a, is->n_values, sizeof *ev->table)))
        return nomem(r);
    unsigned char seen[64] = {0};
    for (size_t p = 0; p < vu->n; p++) {
        size_t k = 0;
        while (k < is->n_values && strcmp(is->values[k], vu->items[2 * p]->str) != 0)
            k++;
        if (k == is->n_values)
            return JERR(r, vu->items[2 * p], "%s: '%.60s' is not one of its values", what,
                        vu->items[2 * p]->str);
        parley_status_t st = unit_number(r, vu, vu->items[2 * p]->str, what, &ev->table[k]);
        if (st)
            return st;
        seen[k] = 1;
    }
    for (size_t k = 0; k < is->n_values; k++)
        if (!seen[k])
            return JERR(r, vu, "%s: value '%.60s' has no utility", what, is->values[k]);
    ev->kind = GE_TABLE;
    return PARLEY_OK;
}

static parley_status_t number_utils(const jr_t *r, const yt_node_t *u, const gn_issue_t *is,
                                    gn_eval_t *ev)
{
    char what[120];
    snprintf(what, sizeof what, "issue '%.60s'", is->name);
    double lv, hv, lu, hu;
    parley_status_t st;
    if (is->kind != GN_GRID)
        return JERR(r, u, "%s: number utilities for a discrete issue", what);
    if ((st = number(r, u, "lowValue", what, &lv)) || (st = number(r, u, "highValue", what, &hv)) ||
        (st = unit_number(r, u, "lowUtility", what, &lu)) ||
        (st = unit_number(r, u, "highUtility", what, &hu)))
        return st;
    if (lv != is->lo || hv != is->hi) /* as GeniusWeb's isFitting */
        return JERR(r, u, "%s: utilities given for %g..%g but the range is %g..%g", what, lv, hv,
                    is->lo, is->hi);
    ev->kind = GE_LINEAR;
    ev->origin = lv;
    ev->offset = lu;
    ev->slope = (hu - lu) / (hv - lv);
    /* exactly: slope (hu - lu) / (hv - lv) of the decimals as spelled */
    parley__q_t qhv, qhu, dv, du;
    ev->qok = exact_text(u, "lowValue", &ev->qorigin) && exact_text(u, "highValue", &qhv) &&
              exact_text(u, "lowUtility", &ev->qoffset) && exact_text(u, "highUtility", &qhu) &&
              parley__q_sub(qhv, ev->qorigin, &dv) && parley__q_sub(qhu, ev->qoffset, &du) &&
              parley__q_div(du, dv, &ev->qslope);
    return PARLEY_OK;
}

static parley_status_t issue_utils(const jr_t *r, const yt_node_t *iu, gn_profile_t *p)
{
    parley_status_t st = want(r, iu, YT_MAP, "\"issueUtilities\"");
    if (st)
        return st;
    for (size_t j = 0; j < p->dom.n_issues; j++) {
        const gn_issue_t *is = &p->dom.issues[j];
        const yt_node_t *u = parley__lget(iu, is->name);
        if (!u)
            return JERR(r, iu, "issue '%.60s' has no utilities", is->name);
        if ((st = want(r, u, YT_MAP, "issue utilities")))
            return st;
        const yt_node_t *d = parley__lget(u, "DiscreteValueSetUtilities");
        const yt_node_t *nu = parley__lget(u, "NumberValueSetUtilities");
        p->ev[j].line = u->line;
        p->ev[j].col = u->col;
        if (d)
            st = discrete_utils(r, d, is, &p->ev[j]);
        else if (nu)
            st = number_utils(r, nu, is, &p->ev[j]);
        else
            st = JERR(r, u, "issue '%.60s': '%.60s' utilities are not supported (discrete or "
                            "number value-set utilities)", is->name,
                      u->n ? u->items[0]->str : "");
        if (st)
            return st;
    }
    for (size_t k = 0; k < iu->n; k++) {
        size_t j = 0;
        while (j < p->dom.n_issues && strcmp(p->dom.issues[j].name, iu->items[2 * k]->str) != 0)
            j++;
        if (j == p->dom.n_issues)
            return JERR(r, iu->items[2 * k], "utilities for '%.60s', which is not an issue of "
                                             "the domain", iu->items[2 * k]->str);
    }
    return PARLEY_OK;
}

static parley_status_t weights(const jr_t *r, const yt_node_t *space, gn_profile_t *p)
{
    const yt_node_t *iw = parley__lget(space, "issueWeights");
    if (!iw || iw->kind != YT_MAP)
        return JERR(r, space, "the profile needs \"issueWeights\" {...}");
    for (size_t j = 0; j < p->dom.n_issues; j++) {
        if (!parley__lget(iw, p->dom.issues[j].name))
            return JERR(r, iw, "issue '%.60s' has no weight", p->dom.issues[j].name);
        parley_status_t st = unit_number(r, iw, p->dom.issues[j].name, "\"issueWeights\"",
                                         &p->weight[j]);
        if (st)
            return st;
        p->weight_text[j] = parley__lget(iw, p->dom.issues[j].name)->str; /* exact as spelled */
    }
    if (iw->n != p->dom.n_issues)
        return JERR(r, iw, "\"issueWeights\" names %zu issues, the domain has %zu", iw->n,
                    p->dom.n_issues);
    return PARLEY_OK;
}

static parley_status_t reservation(const jr_t *r, const yt_node_t *space, gn_profile_t *p)
{
    const yt_node_t *rb = parley__lget(space, "reservationBid");
    if (!rb || parley__yt_is_null(rb))
        return PARLEY_OK;
    const yt_node_t *iv = rb->kind == YT_MAP ? parley__lget(rb, "issuevalues") : NULL;
    if (!iv || iv->kind != YT_MAP)
        return JERR(r, rb, "\"reservationBid\" must be null or {\"issuevalues\": {...}}");
    if (!(p->res_values = parley__arena_array(r->a, p->dom.n_issues, sizeof *p->res_values)))
        return nomem(r);
    for (size_t j = 0; j < p->dom.n_issues; j++) {
        const yt_node_t *v = parley__lget(iv, p->dom.issues[j].name);
        if (v && v->kind != YT_SCALAR)
            return JERR(r, v, "\"reservationBid\": a value must be a string or a number");
        p->res_values[j] = v ? v->str : NULL; /* NULL: a partial bid leaves the issue out */
    }
    for (size_t k = 0; k < iv->n; k++) { /* GeniusWeb refuses a bid that does not fit the domain */
        size_t j = 0;
        while (j < p->dom.n_issues && strcmp(p->dom.issues[j].name, iv->items[2 * k]->str) != 0)
            j++;
        if (j == p->dom.n_issues)
            return JERR(r, iv->items[2 * k], "\"reservationBid\": '%.60s' is not an issue of "
                                             "the domain", iv->items[2 * k]->str);
    }
    p->reservation_bid = 1;
    return PARLEY_OK;
}

static parley_status_t read_profile(const jr_t *r, const yt_node_t *space, gn_profile_t *p)
{
    parley_status_t st = want(r, space, YT_MAP, "\"LinearAdditiveUtilitySpace\"");
    if (st)
        return st;
    const yt_node_t *dom = parley__lget(space, "domain"), *nm = parley__lget(space, "name");
    const yt_node_t *iu = parley__lget(space, "issueUtilities");
    if (!dom || !iu)
        return JERR(r, space, "the profile needs \"domain\" and \"issueUtilities\"");
    if (!nm || nm->kind != YT_SCALAR || !*nm->str)
        return JERR(r, space, "the profile needs a \"name\"");
    if ((st = read_domain(r, dom, &p->dom)))
        return st;
    p->ev = parley__arena_array(r->a, p->dom.n_issues, sizeof *p->ev);
    p->weight = parley__arena_array(r->a, p->dom.n_issues, sizeof *p->weight);
    p->weight_text = parley__arena_array(r->a, p->dom.n_issues, sizeof *p->weight_text);
    if (!p->ev || !p->weight || !p->weight_text)
        return nomem(r);
    p->name = nm->str;
    p->path = r->name;
    p->line = space->line;
    p->col = space->col;
    p->discount = 1.0;
    p->discount_raw = (double)NAN;
    if ((st = issue_utils(r, iu, p)) || (st = weights(r, space, p)))
        return st;
    return reservation(r, space, p);
}

static parley_status_t classify(const jr_t *r, const yt_node_t *root, gn_file_t *out)
{
    if (!root || root->kind != YT_MAP) {
        out->why = "JSON that is neither a GeniusWeb domain nor a profile";
        return PARLEY_OK;
    }
    const yt_node_t *las = parley__lget(root, "LinearAdditiveUtilitySpace");
    if (las) {
        out->kind = GF_PROFILE;
        return read_profile(r, las, &out->profile);
    }
    if (parley__lget(root, "issuesValues")) {
        out->kind = GF_DOMAIN;
        return read_domain(r, root, &out->domain);
    }
    if (root->n == 1 && (strstr(root->items[0]->str, "UtilitySpace") ||
                         strstr(root->items[0]->str, "Ordering")))
        return JERR(r, root->items[0], "a GeniusWeb '%.60s' profile is not supported: only "
                                       "LinearAdditiveUtilitySpace is", root->items[0]->str);
    out->why = "JSON that is neither a GeniusWeb domain nor a profile";
    return PARLEY_OK;
}

parley_status_t parley__geniusweb_parse_buffer(parley_ctx_t *ctx, parley__arena_t *a,
                                               const char *name, const char *buf, size_t len,
                                               gn_file_t *out)
{
    jr_t r = {.ctx = ctx, .a = a, .name = name};
    yt_node_t *root = NULL;
    const char *path = out->path;
    memset(out, 0, sizeof *out);
    out->path = path;
    out->format = "GeniusWeb JSON";
    parley_status_t st = parley__yt_parse(ctx, a, name, buf, len, &LIMITS, &root);
    return st ? st : classify(&r, root, out);
}
