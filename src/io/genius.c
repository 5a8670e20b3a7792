/*
 * genius.c — `parley import genius DIR`: reads a folder holding one GENIUS
 * or GeniusWeb domain and one profile per party, tells the files apart by
 * their content, matches every profile to the domain and hands the result
 * to the YAML writer. Folders hold a few files of at most a few MiB each.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "genius.h"

typedef struct scan {
    parley_ctx_t *ctx;
    parley__arena_t *a;
    const char *dir;
    unsigned flags;
    gn_file_t *files; /* one per readable file */
    size_t n_files;
    const char **notes;
    size_t n_notes;
    size_t n_uncertain;
    const gn_profile_t *first_uncertain;
} scan_t;

/* ---- shared helpers */

int parley__gn_number(const char *s, double *out)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    const char *p = *s == '-' || *s == '+' ? s + 1 : s;
    if (!((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9')))
        return 0; /* no hex, inf, nan */
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
        end++;
    if (*end || errno == ERANGE || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

parley_status_t parley__gn_err(parley_ctx_t *ctx, const char *name, int line, int col,
                               const char *fmt, ...)
{
    char what[1536];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return parley__fail(ctx, PARLEY_EINPUT, "%s:%d:%d: %s", name, line, col, what);
}

double parley__gn_linear(const gn_eval_t *ev, double x)
{
    double u = ev->offset + ev->slope * (x - ev->origin);
    return u < 0.0 || u != u ? 0.0 : u > 1.0 ? 1.0 : u; /* NaN only from overflowing input */
}

int parley__gn_linear_q(const gn_eval_t *ev, parley__q_t x, parley__q_t *out)
{
    parley__q_t d, u, zero = parley__q_int(0), one = parley__q_int(1);
    if (!ev->qok || !parley__q_sub(x, ev->qorigin, &d) || !parley__q_mul(ev->qslope, d, &d) ||
        !parley__q_add(ev->qoffset, d, &u))
        return 0;
    *out = parley__q_cmp(u, zero) < 0 ? zero : parley__q_cmp(u, one) > 0 ? one : u;
    return 1;
}

int parley__gn_grid_q(const gn_issue_t *is, size_t k, parley__q_t *out)
{
    parley__q_t x;
    return is->qok && parley__q_mul(is->qstep, parley__q_int((long long)k), &x) &&
           parley__q_add(is->qlo, x, out);
}

double parley__gn_eval_value(const gn_issue_t *is, const gn_eval_t *ev, size_t k)
{
    if (ev->kind == GE_LINEAR)
        return parley__gn_linear(ev, is->lo + (double)k * is->step);
    if (!ev->divide_by_max)
        return ev->table[k];
    double max = 0.0;
    for (size_t m = 0; m < is->n_values; m++)
        max = fmax(max, ev->table[m]);
    return max < 0.00001 ? 0.0 : ev->table[k] / max; /* EvaluatorDiscrete.normalize */
}

/* A file's name inside the folder, for the comment lines. */
const char *parley__gn_rel(const char *path)
{
    const char *s = strrchr(path, '/');
    return s && s[1] ? s + 1 : path;
}
#define rel parley__gn_rel

/* Appends line to notes[0..*n) in the arena; 0 on failure. */
static int push_line(parley__arena_t *a, const char ***notes, size_t *n, const char *line)
{
    const char **grown = parley__arena_array(a, *n + 1, sizeof *grown);
    if (!grown)
        return 0;
    if (*n)
        memcpy(grown, *notes, *n * sizeof *grown);
    if (!(grown[*n] = parley__arena_strdup(a, line)))
        return 0;
    *notes = grown;
    ++*n;
    return 1;
}

parley_status_t parley__gn_note(parley_ctx_t *ctx, parley__arena_t *a, gn_profile_t *p,
                                const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (!push_line(a, &p->notes, &p->n_notes, line))
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", p->path ? p->path : "GENIUS");
    return PARLEY_OK;
}

static parley_status_t nomem(const scan_t *s)
{
    return parley__fail(s->ctx, PARLEY_ENOMEM, "%s: out of memory", s->dir);
}

static parley_status_t note(scan_t *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static parley_status_t note(scan_t *s, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    return push_line(s->a, &s->notes, &s->n_notes, line) ? PARLEY_OK : nomem(s);
}

/* ---- reading the folder */

static int by_name(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The sorted names of the entries of dir (dot files left out). */
static parley_status_t list_dir(scan_t *s, char ***names, size_t *n)
{
    DIR *d = opendir(s->dir);
    if (!d)
        return parley__fail(s->ctx, errno == ENOTDIR ? PARLEY_EINPUT : PARLEY_EIO,
                            "%s: %s", s->dir,
                            errno == ENOTDIR ? "not a folder (give the folder that holds the "
                                               "domain and the profiles)"
                                             : strerror(errno));
    char **v = parley__arena_array(s->a, GN_MAX_FILES, sizeof *v);
    size_t k = 0;
    parley_status_t st = v ? PARLEY_OK : nomem(s);
    for (struct dirent *e; st == PARLEY_OK && (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        if (k == GN_MAX_FILES)
            st = parley__fail(s->ctx, PARLEY_ELIMIT, "%s: more than %d entries", s->dir,
                              GN_MAX_FILES);
        else if (!(v[k++] = parley__arena_strdup(s->a, e->d_name)))
            st = nomem(s);
    }
    closedir(d);
    if (st)
        return st;
    qsort(v, k, sizeof *v, by_name);
    *names = v;
    *n = k;
    return PARLEY_OK;
}

/* What the bytes look like: '<' XML, '{' JSON, 0 neither. */
static char sniff(const char *buf, size_t len)
{
    size_t k = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (k < len && (buf[k] == ' ' || buf[k] == '\t' || buf[k] == '\r' || buf[k] == '\n'))
        k++;
    return k < len && (buf[k] == '<' || buf[k] == '{') ? buf[k] : 0;
}

static parley_status_t read_one(scan_t *s, const char *path, gn_file_t *f)
{
    char *buf = NULL;
    size_t len = 0;
    parley_status_t st = parley_read_file(s->ctx, path, GN_MAX_FILE_BYTES, &buf, &len);
    if (st)
        return st;
    char kind = sniff(buf, len);
    memset(f, 0, sizeof *f);
    if (kind == '<')
        st = parley__genius_parse_xml_buffer(s->ctx, s->a, path, buf, len, f);
    else if (kind == '{')
        st = parley__geniusweb_parse_buffer(s->ctx, s->a, path, buf, len, f);
    else
        f->why = "neither XML nor JSON";
    f->path = path;
    parley__free(buf);
    return st;
}

static parley_status_t read_dir(scan_t *s)
{
    char **names = NULL;
    size_t n = 0;
    parley_status_t st = list_dir(s, &names, &n);
    if (st)
        return st;
    if (!(s->files = parley__arena_array(s->a, n ? n : 1, sizeof *s->files)))
        return nomem(s);
    for (size_t k = 0; k < n; k++) {
        size_t m = strlen(s->dir) + strlen(names[k]) + 2;
        char *path = parley__arena_alloc(s->a, m);
        if (!path)
            return nomem(s);
        snprintf(path, m, "%s%s%s", s->dir, s->dir[strlen(s->dir) - 1] == '/' ? "" : "/",
                 names[k]);
        struct stat sb;
        if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
            if ((st = note(s, "skipped %s: not a regular file", rel(path))))
                return st;
            continue;
        }
        gn_file_t *f = &s->files[s->n_files++];
        if ((st = read_one(s, path, f)))
            return st;
        if (f->kind == GF_OTHER && (st = note(s, "skipped %s: %s", rel(path), f->why)))
            return st;
    }
    return PARLEY_OK;
}

/* ---- matching profiles to the domain */

static const char *kind_name(const gn_issue_t *is)
{
    return is->kind == GN_DISCRETE ? "discrete" : is->kind == GN_GRID ? "numeric (integer)" : "real";
}

/* The profile's issue for domain issue want: by index the last one (GENIUS
 * keeps the later of two), by name (GeniusWeb) the only one; -1 if none. */
static size_t find_issue(const gn_domain_t *d, const gn_issue_t *want, int by_index)
{
    size_t found = (size_t)-1;
    for (size_t k = 0; k < d->n_issues; k++)
        if (by_index ? d->issues[k].index == want->index
                     : strcmp(d->issues[k].name, want->name) == 0)
            found = k;
    return found;
}

/*
 * A discrete issue's evaluations in the domain's value order. GENIUS XML
 * (lenient): EvaluatorDiscrete maps each of the profile's values, so values
 * the domain lacks are never evaluated but still count in the maximum that
 * every evaluation is divided by; GeniusWeb must fit exactly.
 */
static parley_status_t align_values(scan_t *s, gn_profile_t *p, const gn_issue_t *d,
                                    const gn_issue_t *pi, const gn_eval_t *pe, int lenient,
                                    gn_eval_t *out)
{
    *out = *pe;
    if (d->kind != GN_DISCRETE)
        return PARLEY_OK;
    size_t extra = 0;
    double max = 0.0;
    for (size_t m = 0; m < pi->n_values; m++) {
        size_t k = 0;
        while (k < d->n_values && strcmp(d->values[k], pi->values[m]) != 0)
            k++;
        max = fmax(max, pe->table[m]); /* fmax passes over NAN (no evaluation) */
        if (k < d->n_values)
            continue;
        if (!lenient)
            return parley__gn_err(s->ctx, p->path, pi->line, pi->col,
                                  "issue '%.60s': value '%.60s' is not in the domain", pi->name,
                                  pi->values[m]);
        extra++;
        int none = isnan(pe->table[m]);
        if (parley__gn_note(s->ctx, s->a, p, "%s:%d:%d: issue '%.60s': value '%.60s' is not in "
                            "the domain: %s, as in GENIUS", rel(p->path), pi->vpos[2 * m],
                            pi->vpos[2 * m + 1], pi->name, pi->values[m],
                            none ? "ignored (it has no evaluation either)"
                                 : "never evaluated, but its evaluation counts in the maximum"))
            return PARLEY_ENOMEM;
    }
    if (!(out->table = parley__arena_array(s->a, d->n_values, sizeof *out->table)))
        return nomem(s);
    for (size_t k = 0; k < d->n_values; k++) {
        size_t m = 0;
        while (m < pi->n_values && strcmp(d->values[k], pi->values[m]) != 0)
            m++;
        if (m == pi->n_values)
            return parley__gn_err(s->ctx, p->path, pi->line, pi->col,
                                  "issue '%.60s': the domain's value '%.60s' has no evaluation%s",
                                  pi->name, d->values[k],
                                  lenient ? " (GENIUS could not evaluate a bid with it either)"
                                          : "");
        if (isnan(pe->table[m]))
            return parley__gn_err(s->ctx, p->path, pi->vpos[2 * m], pi->vpos[2 * m + 1],
                                  "issue '%.60s': value '%.60s' has no 'evaluation' (GENIUS could "
                                  "not evaluate a bid with it either)", pi->name, d->values[k]);
        out->table[k] = pe->table[m];
        if (extra && pe->divide_by_max) /* the maximum includes values the domain lacks */
            out->table[k] = max < 0.00001 ? 0.0 : pe->table[m] / max;
    }
    if (extra)
        out->divide_by_max = 0;
    return PARLEY_OK;
}

/* GENIUS matches by index and never reads a profile's issue names or its
 * bounds of a numeric issue beyond the evaluator's origin. */
static parley_status_t match_issue(scan_t *s, gn_profile_t *p, const gn_issue_t *d,
                                   const gn_issue_t *pi, int lenient)
{
    if (pi->kind != d->kind)
        return parley__gn_err(s->ctx, p->path, pi->line, pi->col,
                              "issue '%.60s' (index %ld) is %s here but '%.60s' is %s in the "
                              "domain (a profile for a different domain?)",
                              pi->name, pi->index, kind_name(pi), d->name, kind_name(d));
    if (lenient && isnan(p->weight[pi - p->dom.issues]))
        return parley__gn_err(s->ctx, p->path, pi->line, pi->col,
                              "issue '%.60s' (index %ld) has no <weight> (GENIUS could not "
                              "evaluate a bid without it either)", pi->name, pi->index);
    if (strcmp(pi->name, d->name) != 0 &&
        (!lenient || parley__gn_note(s->ctx, s->a, p, "%s:%d:%d: issue index %ld is '%.60s' here "
                                     "but '%.60s' in the domain: matched by index, as in GENIUS",
                                     rel(p->path), pi->line, pi->col, pi->index, pi->name,
                                     d->name)))
        return lenient ? PARLEY_ENOMEM
                       : parley__gn_err(s->ctx, p->path, pi->line, pi->col,
                                        "issue '%.60s' is named '%.60s' in the domain", pi->name,
                                        d->name);
    if (d->kind != GN_DISCRETE && (pi->lo != d->lo || pi->hi != d->hi || pi->step != d->step) &&
        (!lenient || parley__gn_note(s->ctx, s->a, p, "%s:%d:%d: issue '%.60s': bounds %g..%g "
                                     "differ from the domain's %g..%g: the domain's values are "
                                     "evaluated with this profile's function, as in GENIUS",
                                     rel(p->path), pi->line, pi->col, pi->name, pi->lo, pi->hi,
                                     d->lo, d->hi)))
        return lenient ? PARLEY_ENOMEM
                       : parley__gn_err(s->ctx, p->path, pi->line, pi->col,
                                        "issue '%.60s': bounds %g..%g differ from the domain's "
                                        "%g..%g", pi->name, pi->lo, pi->hi, d->lo, d->hi);
    return PARLEY_OK;
}

/* Profile issues the domain does not have: GENIUS XML files their evaluator
 * under no issue (a null key), so they never count; GeniusWeb refuses them. */
static parley_status_t unmatched_issues(scan_t *s, const gn_domain_t *dom, int lenient,
                                        gn_profile_t *p)
{
    for (size_t m = 0; m < p->dom.n_issues; m++) {
        const gn_issue_t *pi = &p->dom.issues[m];
        if (find_issue(dom, pi, lenient) != (size_t)-1)
            continue;
        if (!lenient)
            return parley__gn_err(s->ctx, p->path, pi->line, pi->col,
                                  "issue '%.60s' is not in the domain (a profile for a different "
                                  "domain?)", pi->name);
        if (parley__gn_note(s->ctx, s->a, p, "%s:%d:%d: ignored issue '%.60s': the domain has no "
                            "issue with index %ld, so GENIUS never evaluates it either",
                            rel(p->path), pi->line, pi->col, pi->name, pi->index))
            return PARLEY_ENOMEM;
    }
    return PARLEY_OK;
}

/* Rewrites p so that its issue j is the domain's issue j. lenient: GENIUS
 * XML, matched by index and read as GENIUS reads it. */
static parley_status_t align(scan_t *s, const gn_domain_t *dom, int lenient, gn_profile_t *p)
{
    size_t n = dom->n_issues;
    gn_eval_t *ev = parley__arena_array(s->a, n, sizeof *ev);
    double *w = parley__arena_array(s->a, n, sizeof *w);
    const char **wt = parley__arena_array(s->a, n, sizeof *wt);
    const char **res = p->res_values ? parley__arena_array(s->a, n, sizeof *res) : NULL;
    if (!ev || !w || !wt || (p->res_values && !res))
        return nomem(s);
    parley_status_t st = unmatched_issues(s, dom, lenient, p);
    for (size_t j = 0; j < n && st == PARLEY_OK; j++) {
        size_t m = find_issue(&p->dom, &dom->issues[j], lenient);
        if (m == (size_t)-1)
            return parley__gn_err(s->ctx, p->path, p->line, p->col,
                                  "the domain's issue '%.60s'%s is not in this profile%s",
                                  dom->issues[j].name, lenient ? " (by index)" : "",
                                  lenient ? " (GENIUS could not evaluate a bid without it either)"
                                          : "");
        if ((st = match_issue(s, p, &dom->issues[j], &p->dom.issues[m], lenient)) ||
            (st = align_values(s, p, &dom->issues[j], &p->dom.issues[m], &p->ev[m], lenient,
                               &ev[j])))
            return st;
        w[j] = p->weight[m];
        wt[j] = p->weight_text ? p->weight_text[m] : NULL;
        if (res)
            res[j] = p->res_values[m];
    }
    if (st)
        return st;
    p->dom = *dom;
    p->ev = ev;
    p->weight = w;
    p->weight_text = wt;
    p->res_values = res;
    return PARLEY_OK;
}

/* GeniusWeb: the reservation is the utility of the reservation bid. A
 * partial bid is allowed there, and an issue it leaves out adds 0
 * (LinearAdditiveUtilitySpace's util of a missing value). */
static parley_status_t reservation_of_bid(scan_t *s, gn_profile_t *p)
{
    double u = 0.0;
    parley__q_t qu = parley__q_int(0), one = parley__q_int(1);
    int exact = 1; /* the same sum in rationals, each number as spelled */
    for (size_t j = 0; j < p->dom.n_issues; j++) {
        const gn_issue_t *is = &p->dom.issues[j];
        const char *v = p->res_values[j];
        double x, e = -1.0;
        parley__q_t qe, qw, qx;
        if (!v)
            continue;
        if (is->kind == GN_DISCRETE) {
            for (size_t k = 0; k < is->n_values; k++)
                if (strcmp(is->values[k], v) == 0) {
                    e = parley__gn_eval_value(is, &p->ev[j], k);
                    exact = exact && !p->ev[j].divide_by_max && parley__q_from_double(e, &qe);
                }
        } else if (parley__gn_number(v, &x) && x >= is->lo && x <= is->hi) {
            e = parley__gn_linear(&p->ev[j], x);
            exact = exact && parley__q_parse(v, &qx) && parley__gn_linear_q(&p->ev[j], qx, &qe);
        }
        if (e < 0.0)
            return parley__gn_err(s->ctx, p->path, p->line, p->col,
                                  "the reservationBid's value '%.60s' is not a value of issue "
                                  "'%.60s'", v, is->name);
        u += p->weight[j] * e;
        exact = exact && p->weight_text && p->weight_text[j] &&
                parley__q_parse(p->weight_text[j], &qw) && parley__q_mul(qw, qe, &qe) &&
                parley__q_add(qu, qe, &qu);
    }
    p->reservation = u > 1.0 ? 1.0 : u;
    p->qres = exact;
    p->qreservation = exact && parley__q_cmp(qu, one) > 0 ? one : qu;
    return PARLEY_OK;
}

static parley_status_t check_weights(scan_t *s, const gn_profile_t *p)
{
    double sum = 0.0;
    for (size_t j = 0; j < p->dom.n_issues; j++)
        sum += p->weight[j];
    if (!(sum > 0.0))
        return parley__gn_err(s->ctx, p->path, p->line, p->col,
                              "every issue weight is 0: the party cares about nothing");
    if (fabs(sum - 1.0) > 1e-9)
        return note(s, "weights of %s sum to %.17g, not 1: Parley divides them by their sum, "
                       "GENIUS would use them as written", rel(p->path), sum);
    return PARLEY_OK;
}

/* Names become YAML strings and ids: keep them well inside the loader's limits. */
static parley_status_t check_names(scan_t *s, const char *path, const gn_domain_t *d)
{
    enum { MAX_NAME = 1024 };
    for (size_t j = 0; j < d->n_issues; j++) {
        const gn_issue_t *is = &d->issues[j];
        int bad = strlen(is->name) > MAX_NAME;
        for (size_t k = 0; is->kind == GN_DISCRETE && k < is->n_values; k++)
            bad |= strlen(is->values[k]) > MAX_NAME;
        if (bad)
            return parley__fail(s->ctx, PARLEY_ELIMIT,
                                "%s:%d:%d: an issue or value name longer than %d bytes", path,
                                is->line, is->col, MAX_NAME);
    }
    return PARLEY_OK;
}

/* ---- putting it together */

static parley_status_t pick_domain(scan_t *s, const gn_file_t **dom)
{
    *dom = NULL;
    for (size_t k = 0; k < s->n_files; k++) {
        if (s->files[k].kind != GF_DOMAIN)
            continue;
        if (*dom)
            return parley__fail(s->ctx, PARLEY_EINPUT,
                                "%s: two domain files, %s and %s: a folder holds one domain",
                                s->dir, (*dom)->path, s->files[k].path);
        *dom = &s->files[k];
    }
    return PARLEY_OK;
}

static parley_status_t usable_profiles(scan_t *s, gn_import_t *im)
{
    im->profiles = parley__arena_array(s->a, s->n_files ? s->n_files : 1, sizeof *im->profiles);
    if (!im->profiles)
        return nomem(s);
    for (size_t k = 0; k < s->n_files; k++) {
        gn_profile_t *p = &s->files[k].profile;
        if (s->files[k].kind != GF_PROFILE)
            continue;
        if (p->uncertain && !(s->flags & PARLEY_GENIUS_UNCERTAIN)) {
            if (!s->n_uncertain++)
                s->first_uncertain = p;
            parley_status_t st = note(s, "skipped %s:%d:%d: a type=\"UNCERTAIN\" profile (the "
                                         "same party with partial preference information)",
                                      rel(p->path), p->line, p->col);
            if (st)
                return st;
            continue;
        }
        if (im->n_profiles == 1024)
            return parley__fail(s->ctx, PARLEY_ELIMIT, "%s: more than 1024 profiles", s->dir);
        im->profiles[im->n_profiles++] = *p;
    }
    if (im->n_profiles >= 2)
        return PARLEY_OK;
    char why[1200] = "";
    if (s->n_uncertain)
        snprintf(why, sizeof why, "; %zu type=\"UNCERTAIN\" profile(s) skipped, e.g. %s:%d:%d "
                 "(import them with --uncertain)", s->n_uncertain, s->first_uncertain->path,
                 s->first_uncertain->line, s->first_uncertain->col);
    return parley__fail(s->ctx, PARLEY_EINPUT,
                        "%s: %s profile%s: a negotiation needs at least 2 parties%s", s->dir,
                        im->n_profiles ? "only one" : "no", im->n_profiles ? "" : "s", why);
}

/* Without a domain file, GeniusWeb profiles bring their own (each carries it). */
static parley_status_t find_domain(scan_t *s, const gn_domain_t **dom, const char **fmt,
                                   const char **path)
{
    const gn_file_t *d;
    parley_status_t st = pick_domain(s, &d);
    if (st)
        return st;
    if (d) {
        *dom = &d->domain, *fmt = d->format, *path = d->path;
        return PARLEY_OK;
    }
    for (size_t k = 0; k < s->n_files; k++)
        if (s->files[k].kind == GF_PROFILE && s->files[k].profile.name) {
            *dom = &s->files[k].profile.dom, *fmt = s->files[k].format, *path = s->files[k].path;
            return PARLEY_OK;
        }
    size_t usable = 0;
    for (size_t k = 0; k < s->n_files; k++)
        usable += s->files[k].kind != GF_OTHER;
    if (usable)
        return parley__fail(s->ctx, PARLEY_EINPUT,
                            "%s: no domain file (a GENIUS <negotiation_template> or a GeniusWeb "
                            "domain with \"issuesValues\")", s->dir);
    return parley__fail(s->ctx, PARLEY_EINPUT, "%s: %s", s->dir,
                        s->n_files ? "no GENIUS or GeniusWeb file in the folder (every file was "
                                     "skipped: neither a domain nor a profile)"
                                   : "the folder is empty");
}

static parley_status_t import(scan_t *s, gn_import_t *im)
{
    parley_status_t st = read_dir(s);
    if (st || (st = find_domain(s, &im->dom, &im->format, &im->domain_path)) ||
        (st = usable_profiles(s, im)) || (st = check_names(s, im->domain_path, im->dom)))
        return st;
    size_t terms = 0;
    for (size_t i = 0; i < im->n_profiles; i++) {
        gn_profile_t *p = &im->profiles[i];
        int by_index = !p->name && strcmp(im->format, "GENIUS XML") == 0;
        if (p->name && strlen(p->name) > 1024)
            return parley__fail(s->ctx, PARLEY_ELIMIT, "%s:%d:%d: a profile name longer than "
                                "1024 bytes", p->path, p->line, p->col);
        if (p->nl) { /* NonlinearUtilitySpace never reads the profile's own issues */
            p->dom = *im->dom;
            st = parley__gn_nonlinear_resolve(s->ctx, s->a, im->dom, p);
            if (st == PARLEY_OK && (terms += p->nl->n_terms) > GN_MAX_TERMS)
                return parley__fail(s->ctx, PARLEY_ELIMIT,
                                    "%s:%d:%d: the folder's non-linear profiles have more than %d "
                                    "hyper-rectangles that depend on the bid: the limit of a "
                                    "scenario's terms", p->path, p->line, p->col, GN_MAX_TERMS);
        } else if ((st = align(s, im->dom, by_index, p)) == PARLEY_OK && p->res_values) {
            st = reservation_of_bid(s, p);
        }
        if (st)
            return st;
        for (size_t k = 0; k < p->n_notes; k++)
            if ((st = note(s, "%s", p->notes[k])))
                return st;
        if (!p->nl && (st = check_weights(s, p)))
            return st;
    }
    im->notes = s->notes;
    im->n_notes = s->n_notes;
    for (size_t k = 0; k < s->n_notes; k++)
        im->n_skipped += strncmp(s->notes[k], "skipped ", 8) == 0;
    return PARLEY_OK;
}

parley_status_t parley_genius_to_yaml_ex(parley_ctx_t *ctx, const char *dir, unsigned flags,
                                         parley_buf_t *out)
{
    if (!dir || !*dir || !out)
        return parley__fail(ctx, PARLEY_EARG, "parley_genius_to_yaml: invalid argument");
    parley__arena_t a;
    parley__arena_init(&a, 0);
    scan_t s = {.ctx = ctx, .a = &a, .dir = dir, .flags = flags};
    gn_import_t im = {.dir = dir};
    parley_buf_t yaml;
    parley_buf_init(&yaml);
    parley_status_t st = import(&s, &im);
    if (st == PARLEY_OK)
        st = parley__genius_write_yaml(ctx, &a, &im, &yaml);
    if (st == PARLEY_OK) {
        parley_buf_append(out, yaml.data, yaml.len);
        if (out->failed)
            st = parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", dir);
    }
    parley_buf_free(&yaml);
    parley__arena_free(&a);
    if (st == PARLEY_OK)
        parley__ok(ctx);
    return st;
}

parley_status_t parley_genius_to_yaml(parley_ctx_t *ctx, const char *dir, parley_buf_t *out)
{
    return parley_genius_to_yaml_ex(ctx, dir, 0, out);
}
