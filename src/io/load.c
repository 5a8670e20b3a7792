/*
 * load.c — reads a scenario file (YAML 1.2 or JSON) into a
 * parley_scenario_t: the top level, actors and issues. Stances and
 * proposals are in load_stances.c; parley_scenario_clone reads the same
 * bytes again. Inputs are at most a few MiB written by hand or by an
 * importer; everything is checked and located.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "loader.h"

#define MAX_FILE_BYTES (16u * 1024u * 1024u)

static const yt_limits_t LIMITS = {
    .max_nodes = 1000000, .max_depth = 64, .max_string = 65536, .max_bytes = MAX_FILE_BYTES};

/* The shared checks of the 'actors' and 'issues' lists: a non-empty list
 * within its limit. */
static parley_status_t check_list(loader_t *L, const yt_node_t *seq, const char *key,
                                  const char *kind, size_t max)
{
    char what[32];
    snprintf(what, sizeof what, "'%s'", key);
    parley_status_t st = parley__lexpect(L, seq, YT_SEQ, what);
    if (st)
        return st;
    if (seq->n == 0)
        return parley__lerr(L, seq, "%s is empty: a negotiation needs at least one %s", what, kind);
    if (seq->n > max)
        return parley__lerr(L, seq, "%zu %ss: the limit is %zu", seq->n, kind, max);
    return PARLEY_OK;
}

static parley_status_t load_actor(loader_t *L, const yt_node_t *n, parley_actor_t *a, size_t idx)
{
    static const char *const keys[] = {"id", "name", "capability", "batna", "batna_drift",
                                       "discount", "essential", "notes", "source", NULL};
    char what[160];
    snprintf(what, sizeof what, "actor #%zu", idx + 1);
    parley_litem_t h;
    parley_status_t st = parley__litem(L, n, "actor", "actor id", keys, &h, what, sizeof what);
    a->id = h.id;
    if (st)
        return st;
    a->name = h.name;
    a->notes = h.notes;
    a->source = h.source;
    const yt_node_t *cap = parley__lget(n, "capability"), *bat = parley__lget(n, "batna");
    if (!cap)
        return parley__lerr(L, n, "%s has no 'capability' (its clout, a number > 0)", what);
    if (!bat)
        return parley__lerr(L, n, "%s has no 'batna' (the utility of walking away, in [0,1])",
                            what);
    char w2[200], path[160];
    const yt_node_t *at;
    snprintf(w2, sizeof w2, "%s: capability", what);
    snprintf(path, sizeof path, "actors.%s.capability", a->id);
    if ((st = parley__lnumber_u(L, cap, w2, path, 1e-9, 1e12, &a->capability,
                                &a->capability_source, &at)))
        return st;
    if (!(a->capability > 0.0))
        return parley__lerr(L, at, "%s must be > 0, got %s", w2, at->str);
    snprintf(w2, sizeof w2, "%s: batna", what);
    snprintf(path, sizeof path, "actors.%s.batna", a->id);
    if ((st = parley__lnumber_u(L, bat, w2, path, 0.0, 1.0, &a->batna, &a->batna_source, &at)))
        return st;
    if (a->batna < 0.0 || a->batna > 1.0)
        return parley__lerr(L, at, "%s must be in [0,1], got %s", w2, at->str);
    const yt_node_t *dr = parley__lget(n, "batna_drift");
    if (dr) {
        snprintf(w2, sizeof w2, "%s: batna_drift", what);
        snprintf(path, sizeof path, "actors.%s.batna_drift", a->id);
        if ((st = parley__lnumber_u(L, dr, w2, path, -1.0, 1.0, &a->batna_drift, NULL, &at)))
            return st;
        if (a->batna_drift < -1.0 || a->batna_drift > 1.0)
            return parley__lerr(L, at, "%s must be in [-1,1] (utility per round), got %s", w2,
                                at->str);
    }
    a->discount = 1.0;
    const yt_node_t *dc = parley__lget(n, "discount");
    if (dc) {
        snprintf(w2, sizeof w2, "%s: discount", what);
        snprintf(path, sizeof path, "actors.%s.discount", a->id);
        if ((st = parley__lnumber_u(L, dc, w2, path, 1e-9, 1.0, &a->discount, NULL, &at)))
            return st;
        if (!(a->discount > 0.0 && a->discount <= 1.0))
            return parley__lerr(L, at, "%s must be in (0,1] (the factor per round), got %s", w2,
                                at->str);
    }
    return parley__load_essential(L, parley__lget(n, "essential"), a, what);
}

/* Collect mode: one flag per item; NULL (no marks) otherwise. */
static parley_status_t item_flags(loader_t *L, size_t n, unsigned char **out)
{
    if (!L->collect)
        return PARLEY_OK;
    if (!(*out = parley__arena_alloc(&L->s->arena, n)))
        return parley__fail(L->ctx, PARLEY_ENOMEM, "%s: out of memory", L->name);
    return PARLEY_OK;
}

parley_status_t parley__load_actors(loader_t *L, const yt_node_t *seq)
{
    parley_status_t st = check_list(L, seq, "actors", "actor", PARLEY_MAX_ACTORS);
    if (st) {
        L->lost_actors = 1;
        return st;
    }
    parley_scenario_t *s = L->s;
    s->actors = parley__arena_array(&s->arena, seq->n, sizeof *s->actors);
    if (!s->actors)
        return parley__fail(L->ctx, PARLEY_ENOMEM, "%s: out of memory", L->name);
    if ((st = item_flags(L, seq->n, &L->bad_actor)))
        return st;
    parley_status_t first = PARLEY_OK;
    for (size_t i = 0; i < seq->n; i++) {
        parley_actor_t *a = &s->actors[i];
        parley_status_t rc = load_actor(L, seq->items[i], a, i);
        if (parley__lstop(L, rc, &first))
            return first;
        if (a->id && parley_scenario_find_actor(s, a->id) != (size_t)-1) { /* among 0..i-1 */
            rc = parley__lerr(L, parley__lget(seq->items[i], "id"), "duplicate actor id '%s'",
                              a->id);
            if (parley__lstop(L, rc, &first))
                return first;
            L->lost_actors = 1; /* likely a typo for an id now unknown */
        }
        if (rc) { /* collect mode: the actor stays, under an id no reference can name */
            parley__lmark(L->bad_actor, i);
            L->lost_actors |= !a->id;
            a->id = a->id ? a->id : "";
        }
        s->n_actors = i + 1;
    }
    return first;
}

static parley_status_t load_option(loader_t *L, const yt_node_t *n, parley_option_t *o,
                                   const char *what)
{
    parley_status_t st;
    if (n->kind == YT_SCALAR) {
        if ((st = parley__lid(L, n, what, &o->id)))
            return st;
        o->name = o->id;
        return PARLEY_OK;
    }
    static const char *const keys[] = {"id", "name", "source", NULL};
    if ((st = parley__lexpect(L, n, YT_MAP, what)))
        return st;
    const yt_node_t *idn = parley__lget(n, "id");
    if (!idn)
        return parley__lerr(L, n, "%s has no 'id'", what);
    if ((st = parley__lid(L, idn, what, &o->id)) || (st = parley__lkeys(L, n, keys, what)) ||
        (st = parley__lopt_string(L, n, "name", what, &o->name)) ||
        (st = parley__lopt_string(L, n, "source", what, &o->source)))
        return st;
    if (!o->name)
        o->name = o->id;
    return PARLEY_OK;
}

static parley_status_t load_options(loader_t *L, const yt_node_t *seq, parley_issue_t *is,
                                    const char *what)
{
    parley_status_t st = parley__lexpect(L, seq, YT_SEQ, "'options'");
    if (st)
        return st;
    if (seq->n < 2 || seq->n > PARLEY_MAX_OPTIONS)
        return parley__lerr(L, seq, "%s: an issue needs 2 to %d options, got %zu", what,
                            PARLEY_MAX_OPTIONS, seq->n);
    parley_option_t *opts = parley__arena_array(&L->s->arena, seq->n, sizeof *opts);
    if (!opts)
        return parley__fail(L->ctx, PARLEY_ENOMEM, "%s: out of memory", L->name);
    for (size_t k = 0; k < seq->n; k++) {
        char w[200];
        snprintf(w, sizeof w, "%s: option #%zu", what, k + 1);
        if ((st = load_option(L, seq->items[k], &opts[k], w)))
            return st;
        for (size_t m = 0; m < k; m++)
            if (strcmp(opts[m].id, opts[k].id) == 0)
                return parley__lerr(L, seq->items[k], "%s: duplicate option id '%s'", what,
                                    opts[k].id);
    }
    is->kind = PARLEY_ISSUE_DISCRETE;
    is->options = opts;
    is->n_options = seq->n;
    is->lo = 0.0;
    is->hi = (double)(seq->n - 1);
    return PARLEY_OK;
}

static parley_status_t load_scale(loader_t *L, const yt_node_t *n, parley_issue_t *is,
                                  const char *what)
{
    static const char *const keys[] = {"lo", "hi", "unit", "source", NULL};
    char w[200];
    snprintf(w, sizeof w, "%s: scale", what);
    parley_status_t st;
    if ((st = parley__lexpect(L, n, YT_MAP, w)) || (st = parley__lkeys(L, n, keys, w)))
        return st;
    const yt_node_t *lo = parley__lget(n, "lo"), *hi = parley__lget(n, "hi"), *at;
    if (!lo || !hi)
        return parley__lerr(L, n, "%s needs 'lo' and 'hi'", w);
    char wl[220];
    const yt_node_t *lo_at;
    snprintf(wl, sizeof wl, "%s: lo", w);
    if ((st = parley__lnumber(L, lo, wl, &is->lo, NULL, &lo_at)))
        return st;
    if (fabs(is->lo) > PARLEY_MAX_SCALE_END)
        return parley__lerr(L, lo_at, "%s must lie within -1e15..1e15, got %s (a wider scale "
                                      "would overflow its span and grid)", wl, lo_at->str);
    snprintf(wl, sizeof wl, "%s: hi", w);
    if ((st = parley__lnumber(L, hi, wl, &is->hi, NULL, &at)))
        return st;
    if (fabs(is->hi) > PARLEY_MAX_SCALE_END)
        return parley__lerr(L, at, "%s must lie within -1e15..1e15, got %s (a wider scale "
                                   "would overflow its span and grid)", wl, at->str);
    if (!(is->lo < is->hi))
        return parley__lerr(L, at, "%s: 'hi' must be greater than 'lo', got lo %g, hi %g", w,
                            is->lo, is->hi);
    is->kind = PARLEY_ISSUE_CONTINUOUS;
    return parley__lopt_string(L, n, "unit", w, &is->unit);
}

/* The optional status quo: a position on the scale, or an option id. */
static parley_status_t load_status_quo(loader_t *L, const yt_node_t *n, parley_issue_t *is,
                                       const char *what)
{
    is->status_quo = PARLEY_OPEN;
    if (!n || parley__yt_is_null(n))
        return PARLEY_OK;
    char w[200];
    snprintf(w, sizeof w, "%s: status_quo", what);
    parley_status_t st;
    if (is->kind == PARLEY_ISSUE_DISCRETE) {
        if ((st = parley__lexpect(L, n, YT_SCALAR, w)))
            return st;
        size_t k = parley_issue_find_option(is, n->str);
        if (k != (size_t)-1) {
            is->status_quo = (double)k;
            return PARLEY_OK;
        }
        const char *ids[PARLEY_MAX_OPTIONS];
        for (size_t m = 0; m < is->n_options; m++)
            ids[m] = is->options[m].id;
        const char *hint = parley_suggest(n->str, ids, is->n_options);
        if (hint)
            return parley__lerr(L, n, "%s: unknown option '%.60s' (did you mean '%s'?)", w, n->str,
                                hint);
        return parley__lerr(L, n, "%s: unknown option '%.60s'", w, n->str);
    }
    const yt_node_t *at;
    double x;
    if ((st = parley__lnumber(L, n, w, &x, NULL, &at)))
        return st;
    if (x < is->lo || x > is->hi)
        return parley__lerr(L, at, "%s %s is outside the scale %g..%g", w, at->str, is->lo, is->hi);
    is->status_quo = x;
    return PARLEY_OK;
}

/* `ordered: true|false` (discrete issues only): whether the options' order
 * is a scale. Absent: categories. */
static parley_status_t load_ordered(loader_t *L, const yt_node_t *n, parley_issue_t *is,
                                    const char *what)
{
    if (!n)
        return PARLEY_OK;
    if (is->kind != PARLEY_ISSUE_DISCRETE)
        return parley__lerr(L, n, "%s: 'ordered' is for an issue with options (a scale is "
                                  "ordered already)", what);
    parley_status_t st = parley__lexpect(L, n, YT_SCALAR, "'ordered'");
    if (st)
        return st;
    if (n->plain && strcmp(n->str, "true") == 0)
        is->ordered = 1;
    else if (!(n->plain && strcmp(n->str, "false") == 0))
        return parley__lerr(L, n, "%s: 'ordered' must be true or false, got '%.60s'", what,
                            n->str);
    return PARLEY_OK;
}

static parley_status_t load_issue(loader_t *L, const yt_node_t *n, parley_issue_t *is, size_t idx)
{
    static const char *const keys[] = {"id", "name", "scale", "options", "ordered",
                                       "status_quo", "source", NULL};
    char what[160];
    snprintf(what, sizeof what, "issue #%zu", idx + 1);
    parley_litem_t h;
    parley_status_t st = parley__litem(L, n, "issue", "issue id", keys, &h, what, sizeof what);
    is->id = h.id;
    if (st)
        return st;
    is->name = h.name;
    is->source = h.source;
    const yt_node_t *scale = parley__lget(n, "scale"), *opts = parley__lget(n, "options");
    if (scale && opts)
        return parley__lerr(L, opts, "%s has both 'scale' and 'options': give one", what);
    if (scale)
        st = load_scale(L, scale, is, what);
    else if (opts)
        st = load_options(L, opts, is, what);
    else
        return parley__lerr(L, n,
                            "%s needs either 'scale' {lo, hi, unit} (continuous) or 'options' "
                            "(a list of discrete options)",
                            what);
    if (!st)
        st = load_ordered(L, parley__lget(n, "ordered"), is, what);
    return st ? st : load_status_quo(L, parley__lget(n, "status_quo"), is, what);
}

parley_status_t parley__load_issues(loader_t *L, const yt_node_t *seq)
{
    parley_status_t st = check_list(L, seq, "issues", "issue", PARLEY_MAX_ISSUES);
    if (st) {
        L->lost_issues = 1;
        return st;
    }
    parley_scenario_t *s = L->s;
    s->issues = parley__arena_array(&s->arena, seq->n, sizeof *s->issues);
    if (!s->issues)
        return parley__fail(L->ctx, PARLEY_ENOMEM, "%s: out of memory", L->name);
    if ((st = item_flags(L, seq->n, &L->bad_issue)))
        return st;
    parley_status_t first = PARLEY_OK;
    for (size_t j = 0; j < seq->n; j++) {
        parley_issue_t *is = &s->issues[j];
        parley_status_t rc = load_issue(L, seq->items[j], is, j);
        if (parley__lstop(L, rc, &first))
            return first;
        if (is->id && parley_scenario_find_issue(s, is->id) != (size_t)-1) { /* among 0..j-1 */
            rc = parley__lerr(L, parley__lget(seq->items[j], "id"), "duplicate issue id '%s'",
                              is->id);
            if (parley__lstop(L, rc, &first))
                return first;
            L->lost_issues = 1; /* likely a typo for an id now unknown */
        }
        if (rc) { /* collect mode: stances and positions on it are skipped */
            parley__lmark(L->bad_issue, j);
            L->lost_issues |= !is->id;
            is->id = is->id ? is->id : "";
        }
        s->n_issues = j + 1;
    }
    return first;
}

static parley_status_t load_meta(loader_t *L, const yt_node_t *n)
{
    static const char *const keys[] = {"id", "name", "description", "source", NULL};
    parley_status_t st;
    if ((st = parley__lexpect(L, n, YT_MAP, "'scenario'")) ||
        (st = parley__lkeys(L, n, keys, "'scenario'")))
        return st;
    const yt_node_t *idn = parley__lget(n, "id");
    if (idn && (st = parley__lid(L, idn, "scenario id", &L->s->id)))
        return st;
    if ((st = parley__lopt_string(L, n, "name", "'scenario'", &L->s->name)) ||
        (st = parley__lopt_string(L, n, "description", "'scenario'", &L->s->description)))
        return st;
    return parley__lopt_string(L, n, "source", "'scenario'", &L->s->source);
}

/* "the top level has no X"; quiet after an unknown top-level key, which is
 * likely X misspelt. */
static parley_status_t missing(loader_t *L, const yt_node_t *root, int typo, const char *what)
{
    if (typo)
        return parley__lquiet(L);
    return parley__lerr(L, root, "the top level has no %s", what);
}

/* The sections after the version, in order. In collect mode a section
 * whose errors were reported is passed over; a later one that needs it
 * whole (the stances need actors and issues) is skipped. */
static parley_status_t load_sections(loader_t *L, const yt_node_t *root, int typo)
{
    parley_status_t first = PARLEY_OK;
    parley_scenario_t *s = L->s;
    const yt_node_t *meta = parley__lget(root, "scenario");
    if (meta && parley__lstop(L, load_meta(L, meta), &first))
        return first;
    const yt_node_t *actors = parley__lget(root, "actors"), *issues = parley__lget(root, "issues");
    const yt_node_t *stances = parley__lget(root, "stances");
    const yt_node_t *props = parley__lget(root, "proposals");
    if (parley__lstop(L, actors ? parley__load_actors(L, actors)
                                : missing(L, root, typo, "'actors'"),
                      &first))
        return first;
    L->lost_actors |= !actors;
    if (parley__lstop(L, issues ? parley__load_issues(L, issues)
                                : missing(L, root, typo, "'issues'"),
                      &first))
        return first;
    L->lost_issues |= !issues;
    if (!stances &&
        parley__lstop(L, missing(L, root, typo, "'stances' (what each actor wants)"), &first))
        return first;
    L->lost_stances = !stances || !s->n_actors || !s->n_issues;
    if (!L->lost_stances && parley__lstop(L, parley__load_stances(L, stances), &first))
        return first;
    if (!L->lost_stances && !L->lost_issues && parley__lstop(L, parley__load_links(L, root), &first))
        return first;
    if (!L->lost_stances && parley__lstop(L, parley__check_cares(L, stances), &first))
        return first;
    L->lost_proposals = !s->n_issues;
    if (props && s->n_issues && parley__lstop(L, parley__load_proposals(L, props), &first))
        return first;
    const yt_node_t *rat = parley__lget(root, "ratification"); /* load_ratify.c */
    if (rat && !L->lost_stances && !L->lost_actors && !L->lost_issues &&
        parley__lstop(L, parley__load_ratification(L, rat), &first))
        return first;
    if (!s->n_actors) /* the actors' options and simulation name actors throughout */
        return first;
    if (parley__lstop(L, parley__load_transfers(L, parley__lget(root, "transfers")), &first))
        return first;
    if (parley__lstop(L, parley__load_smp(L, parley__lget(root, "smp")), &first) ||
        parley__lstop(L, parley__sim_defaults(L->ctx, L->s), &first))
        return first;
    const yt_node_t *sim = parley__lget(root, "simulation");
    if (sim && parley__lstop(L, parley__load_simulation(L, sim), &first))
        return first;
    const yt_node_t *blocs = parley__lget(root, "blocs");
    if (blocs && parley__lstop(L, parley__load_blocs(L, blocs), &first))
        return first;
    return first;
}

static parley_status_t load_root(loader_t *L, const yt_node_t *root)
{
    static const char *const keys[] = {"parley", "scenario", "actors", "issues", "stances",
                                       "proposals", "simulation", "smp", "constraints",
                                       "red_lines", "terms", "blocs", "transfers", "ratification",
                                       NULL};
    if (!root)
        return parley__lerr(L, NULL, "the file is empty: expected a scenario "
                                     "(see docs/scenario-format.md)");
    parley_status_t st, first = PARLEY_OK;
    if ((st = parley__lexpect(L, root, YT_MAP, "the top level")))
        return st;
    if (parley__lstop(L, parley__lkeys(L, root, keys, "the top level"), &first))
        return first;
    int typo = first != PARLEY_OK;
    const yt_node_t *ver = parley__lget(root, "parley");
    double v;
    const yt_node_t *at;
    if (!ver)
        st = missing(L, root, typo, "'parley: 1' (the format version)");
    else if (!(st = parley__lnumber(L, ver, "'parley' (the format version)", &v, NULL, &at)) &&
             v != 1.0) { /* another format: whatever follows would only be noise */
        st = parley__lerr(L, at, "format version %s is not supported: this Parley reads 1",
                          at->str);
        return first ? first : st;
    }
    if (parley__lstop(L, st, &first) || parley__lstop(L, load_sections(L, root, typo), &first) ||
        first)
        return first;
    return parley__scenario_finish(L->ctx, L->s);
}

parley_status_t parley_scenario_load_buffer_with(parley_ctx_t *ctx, const char *name,
                                                 const char *buf, size_t len,
                                                 const parley_override_t *ov, size_t n,
                                                 parley_scenario_t **out)
{
    if (!name || (!buf && len) || !out || (n && !ov))
        return parley__fail(ctx, PARLEY_EARG, "parley_scenario_load_buffer: invalid argument");
    parley_scenario_t *s = parley__scenario_new();
    if (!s)
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", name);
    loader_t L = {.ctx = ctx, .s = s, .name = name};
    parley__collect_begin(ctx);
    L.collect = parley__collecting(ctx);
    parley__arena_t tree;
    parley__arena_init(&tree, 512u * 1024u * 1024u);
    yt_node_t *root = NULL;
    /* Malformed overrides are reported before the file is read. */
    parley_status_t st = parley__take_overrides(&L, ov, n);
    if (st == PARLEY_OK)
        st = parley__yt_parse(ctx, &tree, name, buf ? buf : "", len, &LIMITS, &root);
    if (st == PARLEY_OK)
        st = parley__apply_overrides(&L, &tree, &root);
    if (st == PARLEY_OK) {
        s->origin = parley__arena_strdup(&s->arena, name);
        char *text = parley__arena_alloc(&s->arena, len + 1);
        if (text && len)
            memcpy(text, buf, len);
        s->text = text;
        s->text_len = len;
        memcpy(s->hash, "sha256:", 7);
        parley__sha256_hex(buf ? buf : "", len, s->hash + 7);
        st = s->origin && text ? load_root(&L, root)
                       : parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", name);
    }
    parley__arena_free(&tree);
    parley__collect_end(ctx);
    if (st) {
        parley_scenario_destroy(s);
        return st;
    }
    parley__ok(ctx);
    *out = s;
    return PARLEY_OK;
}

parley_status_t parley_scenario_load_buffer(parley_ctx_t *ctx, const char *name,
                                            const char *buf, size_t len,
                                            parley_scenario_t **out)
{
    return parley_scenario_load_buffer_with(ctx, name, buf, len, NULL, 0, out);
}

parley_status_t parley_scenario_load_file_with(parley_ctx_t *ctx, const char *path,
                                               const parley_override_t *ov, size_t n,
                                               parley_scenario_t **out)
{
    char *buf = NULL;
    size_t len = 0;
    parley_status_t st = parley_read_file(ctx, path, MAX_FILE_BYTES, &buf, &len);
    if (st)
        return st;
    st = parley_scenario_load_buffer_with(ctx, path, buf, len, ov, n, out);
    parley__free(buf);
    return st;
}

parley_status_t parley_scenario_load_file(parley_ctx_t *ctx, const char *path,
                                          parley_scenario_t **out)
{
    return parley_scenario_load_file_with(ctx, path, NULL, 0, out);
}

/* A clone is the scenario read again from the bytes it was loaded from: the
 * loader is the one place that knows how to build every part of it. */
parley_status_t parley_scenario_clone(parley_ctx_t *ctx, const parley_scenario_t *s,
                                      parley_scenario_t **out)
{
    if (!s || !out || !s->text)
        return parley__fail(ctx, PARLEY_EARG, "parley_scenario_clone: invalid argument");
    return parley_scenario_load_buffer_with(ctx, s->origin, s->text, s->text_len, s->ov,
                                            s->n_ov, out);
}
