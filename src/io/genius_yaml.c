/*
 * genius_yaml.c — writes a matched GENIUS / GeniusWeb import as a scenario
 * file (format 1): discrete issues keep their values as options, numeric
 * ones become options (at most 64 values) or a scale with piecewise-linear
 * points, so that every actor's utility is GENIUS's. Numbers are written
 * in their shortest exact form, so they read back bit for bit.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "genius.h"
#include "loader.h"
#include "../core/exact.h"

typedef struct wr {
    parley_buf_t *b;
    parley__arena_t *a;
    const gn_import_t *im;
    char **issue_ids, **actor_ids;
    char ***option_ids;
} wr_t;

/* "dir/laptop_buyer.xml" -> "laptop_buyer" (in the arena). */
static char *stem(parley__arena_t *a, const char *path)
{
    char *s = parley__arena_strdup(a, parley__base_name(path));
    char *dot = s ? strrchr(s, '.') : NULL;
    if (dot && dot != s)
        *dot = '\0';
    return s;
}

static int has_alnum(const char *s)
{
    for (; *s; s++)
        if (isalnum((unsigned char)*s))
            return 1;
    return 0;
}

/* An id for free text, or for "FALLBACK N" when the text has no letter or digit. */
static char *id_for(parley__arena_t *a, const char *text, const char *fallback, size_t k,
                    char **ids, int lower)
{
    char buf[48];
    if (!has_alnum(text)) {
        snprintf(buf, sizeof buf, "%s-%zu", fallback, k + 1);
        text = buf;
    }
    return parley__make_id(a, text, ids, k, lower);
}

/* The text of grid value k ("8", "12.5"). */
static char *grid_text(parley__arena_t *a, const gn_issue_t *is, size_t k)
{
    char tmp[32];
    parley_format_number(is->lo + (double)k * is->step, tmp);
    return parley__arena_strdup(a, tmp);
}

static int as_options(const gn_issue_t *is)
{
    return is->kind == GN_DISCRETE || (is->kind == GN_GRID && is->n_values <= GN_MAX_GRID);
}

static parley_status_t make_ids(wr_t *w)
{
    const gn_domain_t *d = w->im->dom;
    w->issue_ids = parley__arena_array(w->a, d->n_issues, sizeof *w->issue_ids);
    w->option_ids = parley__arena_array(w->a, d->n_issues, sizeof *w->option_ids);
    w->actor_ids = parley__arena_array(w->a, w->im->n_profiles, sizeof *w->actor_ids);
    if (!w->issue_ids || !w->option_ids || !w->actor_ids)
        return PARLEY_ENOMEM;
    for (size_t j = 0; j < d->n_issues; j++) {
        const gn_issue_t *is = &d->issues[j];
        if (!(w->issue_ids[j] = id_for(w->a, is->name, "issue", j, w->issue_ids, 1)))
            return PARLEY_ENOMEM;
        if (!as_options(is))
            continue;
        char **ids = w->option_ids[j] = parley__arena_array(w->a, is->n_values, sizeof *ids);
        for (size_t k = 0; ids && k < is->n_values; k++) {
            const char *text = is->kind == GN_DISCRETE ? is->values[k] : grid_text(w->a, is, k);
            char neg[48]; /* ids cannot start with '-': "-3" -> "minus-3" */
            if (text && text[0] == '-' && is->kind == GN_GRID) {
                snprintf(neg, sizeof neg, "minus%s", text);
                text = neg;
            }
            if (!text || !(ids[k] = id_for(w->a, text, "option", k, ids, 1)))
                return PARLEY_ENOMEM;
        }
        if (!ids)
            return PARLEY_ENOMEM;
    }
    for (size_t i = 0; i < w->im->n_profiles; i++) {
        const gn_profile_t *p = &w->im->profiles[i];
        const char *name = p->name ? p->name : stem(w->a, p->path);
        if (!name || !(w->actor_ids[i] = id_for(w->a, name, "party", i, w->actor_ids, 0)))
            return PARLEY_ENOMEM;
    }
    return PARLEY_OK;
}

static const char *scenario_name(wr_t *w)
{
    const char *n = w->im->dom->name;
    if (n && *n && strcmp(n, "root") != 0)
        return n;
    return stem(w->a, w->im->domain_path);
}

static void comment(parley_buf_t *b, const char *text)
{
    parley_buf_puts(b, "# ");
    for (const char *p = text; *p; p++)
        parley_buf_append(b, *p == '\n' || *p == '\r' ? " " : p, 1);
    parley_buf_puts(b, "\n");
}

static void write_q(parley_buf_t *b, parley__q_t q);

/* How Parley's utility U of a non-linear profile's actor converts back to
 * GENIUS's: min(1, (S U - C) / maxutility); for the actor's notes and the
 * comment lines (the import's report prints them too). */
static void conversion(wr_t *w, const gn_profile_t *p, parley_buf_t *b)
{
    const gn_nonlinear_t *nl = p->nl;
    parley_buf_printf(b, "GENIUS utility of %s = min(1, (", parley__base_name(p->path));
    write_q(b, nl->S);
    parley_buf_puts(b, " * U");
    if (nl->C.n) {
        parley_buf_puts(b, nl->C.n > 0 ? " - " : " + ");
        parley__q_t c = nl->C;
        c.n = c.n < 0 ? -c.n : c.n;
        write_q(b, c);
    }
    parley_buf_puts(b, ") / ");
    write_q(b, nl->maxutil);
    parley_buf_puts(b, "), U its Parley utility (");
    parley_buf_printf(b, "%zu of %zu hyper-rectangles as terms", nl->n_terms, nl->n_rects);
    parley_buf_puts(b, "); its reservation value ");
    write_q(b, nl->rv);
    parley_buf_puts(b, " is the BATNA ");
    write_q(b, nl->batna);
    (void)w;
}

static void nonlinear_comment(wr_t *w, size_t i)
{
    parley_buf_t line;
    parley_buf_init(&line);
    conversion(w, &w->im->profiles[i], &line);
    if (!line.failed && line.data)
        comment(w->b, line.data);
    else
        w->b->failed = 1;
    parley_buf_free(&line);
}

static void header(wr_t *w)
{
    const gn_import_t *im = w->im;
    char line[1024];
    snprintf(line, sizeof line, "Imported by parley %s from %s (%s: domain %s, %zu profiles).",
             parley_version(), parley__base_name(im->dir), im->format, parley__base_name(im->domain_path),
             im->n_profiles);
    comment(w->b, line);
    size_t nonlinear = 0;
    for (size_t i = 0; i < im->n_profiles; i++)
        nonlinear += im->profiles[i].nl != NULL;
    if (nonlinear < im->n_profiles)
        comment(w->b, "Utility = sum over issues of weight * evaluation, as in GENIUS "
                      "(docs/import-genius.md).");
    if (nonlinear)
        comment(w->b, "Non-linear profiles: one term per hyper-rectangle (terms:), issue "
                      "saliences 0 (docs/import-genius.md, \"Non-linear profiles\").");
    for (size_t i = 0; i < im->n_profiles; i++)
        if (im->profiles[i].nl)
            nonlinear_comment(w, i);
    comment(w->b, "GENIUS has no capability: every actor gets capability 1.");
    for (size_t k = 0; k < im->n_notes; k++)
        comment(w->b, im->notes[k]);
    const char *name = scenario_name(w);
    parley_buf_puts(w->b, "parley: 1\nscenario:\n  id: ");
    parley__yaml_qstr(w->b, id_for(w->a, name ? name : "genius", "domain", 0, NULL, 1));
    parley_buf_puts(w->b, "\n  name: ");
    parley__yaml_qstr(w->b, name ? name : "genius");
    snprintf(line, sizeof line, "Imported from the %s domain %s and %zu profiles in %s.",
             im->format, parley__base_name(im->domain_path), im->n_profiles, parley__base_name(im->dir));
    parley_buf_puts(w->b, "\n  source: ");
    parley__yaml_qstr(w->b, line);
    parley_buf_puts(w->b, "\n");
}

static void actors(wr_t *w)
{
    parley_buf_puts(w->b, "actors:\n");
    for (size_t i = 0; i < w->im->n_profiles; i++) {
        const gn_profile_t *p = &w->im->profiles[i];
        parley_buf_puts(w->b, "  - id: ");
        parley__yaml_qstr(w->b, w->actor_ids[i]);
        parley_buf_puts(w->b, "\n    name: ");
        parley__yaml_qstr(w->b, p->name ? p->name : stem(w->a, p->path));
        parley_buf_puts(w->b, "\n    capability: 1\n    batna: ");
        if (p->nl)
            write_q(w->b, p->nl->batna); /* exact: (rv * maxutility + C) / S */
        else if (p->qres)
            write_q(w->b, p->qreservation); /* exact: the reservation bid's utility */
        else
            parley__yaml_num(w->b, p->reservation);
        if (p->discount < 1.0) {
            parley_buf_puts(w->b, "\n    discount: ");
            parley__yaml_num(w->b, p->discount);
        }
        char src[600];
        snprintf(src, sizeof src, "%s %sprofile %s", w->im->format, p->nl ? "non-linear " : "",
                 parley__base_name(p->path));
        parley_buf_puts(w->b, "\n    source: ");
        parley__yaml_qstr(w->b, src);
        if (p->nl) {
            parley_buf_t note;
            parley_buf_init(&note);
            conversion(w, p, &note);
            parley_buf_puts(w->b, "\n    notes: ");
            if (!note.failed && note.data)
                parley__yaml_qstr(w->b, note.data);
            else
                w->b->failed = 1;
            parley_buf_free(&note);
        }
        parley_buf_puts(w->b, "\n");
    }
}

static void issues(wr_t *w)
{
    const gn_domain_t *d = w->im->dom;
    parley_buf_puts(w->b, "issues:\n");
    for (size_t j = 0; j < d->n_issues; j++) {
        const gn_issue_t *is = &d->issues[j];
        parley_buf_puts(w->b, "  - id: ");
        parley__yaml_qstr(w->b, w->issue_ids[j]);
        parley_buf_puts(w->b, "\n    name: ");
        parley__yaml_qstr(w->b, is->name);
        if (!as_options(is)) {
            parley_buf_puts(w->b, "\n    scale: {lo: ");
            parley__yaml_num(w->b, is->lo);
            parley_buf_puts(w->b, ", hi: ");
            parley__yaml_num(w->b, is->hi);
            parley_buf_puts(w->b, "}\n");
            continue;
        }
        parley_buf_puts(w->b, "\n    options:\n");
        for (size_t k = 0; k < is->n_values; k++) {
            parley_buf_puts(w->b, "      - {id: ");
            parley__yaml_qstr(w->b, w->option_ids[j][k]);
            parley_buf_puts(w->b, ", name: ");
            parley__yaml_qstr(w->b, is->kind == GN_DISCRETE ? is->values[k] : grid_text(w->a, is, k));
            parley_buf_puts(w->b, "}\n");
        }
    }
}

static void linear_value(parley_buf_t *b, const gn_eval_t *ev, double x);
static void write_q(parley_buf_t *b, parley__q_t q);

/* The same exactly (a GeniusWeb line over a range spelled in decimals);
 * 0 when some number does not fit. */
static int points_q(parley_buf_t *b, const gn_issue_t *is, const gn_eval_t *ev)
{
    parley__q_t xs[4] = {is->qlo, is->qhi}, zero = parley__q_int(0), x, y;
    size_t n = 2;
    if (!is->qok || !ev->qok)
        return 0;
    for (int level = 0; level <= 1 && parley__q_cmp(ev->qslope, zero) != 0; level++) {
        if (!parley__q_sub(parley__q_int(level), ev->qoffset, &x) ||
            !parley__q_div(x, ev->qslope, &x) || !parley__q_add(ev->qorigin, x, &x))
            return 0;
        if (parley__q_cmp(x, is->qlo) > 0 && parley__q_cmp(x, is->qhi) < 0)
            xs[n++] = x;
    }
    for (size_t p = 1; p < n; p++) /* insertion sort of at most 4 */
        for (size_t q = p; q > 0 && parley__q_cmp(xs[q], xs[q - 1]) < 0; q--) {
            parley__q_t t = xs[q];
            xs[q] = xs[q - 1];
            xs[q - 1] = t;
        }
    for (size_t p = 0; p < n; p++)
        if (!parley__gn_linear_q(ev, xs[p], &y))
            return 0;
    parley_buf_puts(b, "[");
    for (size_t p = 0; p < n; p++) {
        if (p && parley__q_cmp(xs[p], xs[p - 1]) == 0)
            continue;
        parley_buf_puts(b, p ? ", [" : "[");
        write_q(b, xs[p]);
        parley_buf_puts(b, ", ");
        parley__gn_linear_q(ev, xs[p], &y);
        write_q(b, y);
        parley_buf_puts(b, "]");
    }
    parley_buf_puts(b, "]");
    return 1;
}

/* The clipped line as points: the ends of the scale and where it meets 0 or 1 inside. */
static void points(parley_buf_t *b, const gn_issue_t *is, const gn_eval_t *ev)
{
    parley_buf_t qb;
    parley_buf_init(&qb);
    if (points_q(&qb, is, ev) && !qb.failed && qb.data) {
        parley_buf_puts(b, qb.data);
        parley_buf_free(&qb);
        return;
    }
    parley_buf_free(&qb);
    double xs[4] = {is->lo, is->hi, is->lo, is->lo};
    size_t n = 2;
    for (int level = 0; level <= 1 && ev->slope != 0.0; level++) {
        double x = ev->origin + ((double)level - ev->offset) / ev->slope;
        if (x > is->lo && x < is->hi)
            xs[n++] = x;
    }
    for (size_t p = 1; p < n; p++) /* insertion sort of at most 4 */
        for (size_t q = p; q > 0 && xs[q] < xs[q - 1]; q--) {
            double t = xs[q];
            xs[q] = xs[q - 1];
            xs[q - 1] = t;
        }
    parley_buf_puts(b, "[");
    for (size_t p = 0; p < n; p++) {
        if (p && !(xs[p] > xs[p - 1]))
            continue;
        parley_buf_puts(b, p ? ", [" : "[");
        parley__yaml_num(b, xs[p]);
        parley_buf_puts(b, ", ");
        linear_value(b, ev, xs[p]);
        parley_buf_puts(b, "]");
    }
    parley_buf_puts(b, "]");
}

/* q exactly: a decimal when its denominator divides a power of ten that
 * fits, else the fraction p/q (docs/scenario-format.md). */
static void write_q(parley_buf_t *b, parley__q_t q)
{
    char num[48], den[48];
    parley__i128 p10 = 1, N;
    int k = 0;
    while (p10 % q.d != 0 && k < 36) {
        p10 *= 10;
        k++;
    }
    if (p10 % q.d == 0 && parley__i128_mul(q.n, p10 / q.d, &N)) {
        parley__i128_str(N < 0 ? -N : N, num);
        size_t len = strlen(num);
        if (N < 0)
            parley_buf_puts(b, "-");
        if (k == 0) {
            parley_buf_puts(b, num);
            return;
        }
        if ((size_t)k >= len) { /* 0.000ddd */
            parley_buf_puts(b, "0.");
            for (size_t z = len; z < (size_t)k; z++)
                parley_buf_puts(b, "0");
            parley_buf_puts(b, num);
            return;
        }
        parley_buf_printf(b, "%.*s.%s", (int)(len - (size_t)k), num, num + len - (size_t)k);
        return;
    }
    parley__i128_str(q.n, num);
    parley__i128_str(q.d, den);
    parley_buf_printf(b, "%s/%s", num, den);
}

/* a / b written exactly (each read as its shortest decimal), or as a
 * double when that does not fit. */
static void write_ratio(parley_buf_t *b, double x, double y)
{
    parley__q_t qx, qy, r;
    if (parley__q_from_double(x, &qx) && parley__q_from_double(y, &qy) &&
        parley__q_div(qx, qy, &r))
        write_q(b, r);
    else
        parley__yaml_num(b, x / y);
}

/* GENIUS's linear evaluator at x, clip01(offset + slope (x - origin)),
 * written exactly (its numbers read as their shortest decimals). */
static void linear_value(parley_buf_t *b, const gn_eval_t *ev, double x)
{
    parley__q_t o, s, x0, q, u;
    if (parley__q_from_double(ev->offset, &o) && parley__q_from_double(ev->slope, &s) &&
        parley__q_from_double(ev->origin, &x0) && parley__q_from_double(x, &q) &&
        parley__q_sub(q, x0, &q) && parley__q_mul(s, q, &q) && parley__q_add(o, q, &u)) {
        parley__q_t zero = {0, 1}, one = {1, 1};
        write_q(b, parley__q_cmp(u, zero) < 0 ? zero : parley__q_cmp(u, one) > 0 ? one : u);
        return;
    }
    parley__yaml_num(b, parley__gn_linear(ev, x));
}

/* Value k of a GENIUS evaluator, exactly where it is a ratio of evaluations. */
static void eval_value(parley_buf_t *b, const gn_issue_t *is, const gn_eval_t *ev, size_t k)
{
    double max = 0.0;
    if (ev->kind == GE_LINEAR) {
        parley__q_t x, y;
        if (parley__gn_grid_q(is, k, &x) && parley__gn_linear_q(ev, x, &y))
            write_q(b, y); /* GeniusWeb: exactly, from the decimals as spelled */
        else
            linear_value(b, ev, is->lo + (double)k * is->step);
        return;
    }
    if (ev->kind != GE_LINEAR && ev->divide_by_max) {
        for (size_t m = 0; m < is->n_values; m++)
            max = fmax(max, ev->table[m]);
        if (!(max < 0.00001)) {
            write_ratio(b, ev->table[k], max);
            return;
        }
    }
    parley__yaml_num(b, parley__gn_eval_value(is, ev, k));
}

static void stance(wr_t *w, const gn_profile_t *p, size_t j, double scale)
{
    const gn_issue_t *is = &w->im->dom->issues[j];
    parley_buf_puts(w->b, "    ");
    parley__yaml_qstr(w->b, w->issue_ids[j]);
    parley_buf_puts(w->b, ": {salience: ");
    parley__q_t qw, qs, r;
    if (p->weight_text && p->weight_text[j] && parley__q_parse(p->weight_text[j], &qw) &&
        parley__q_from_double(scale, &qs) && parley__q_div(qw, qs, &r))
        write_q(w->b, r); /* the weight exactly as the profile spells it */
    else
        write_ratio(w->b, p->weight[j], scale);
    parley_buf_puts(w->b, ", values: ");
    if (!as_options(is)) {
        points(w->b, is, &p->ev[j]);
    } else {
        parley_buf_puts(w->b, "{");
        for (size_t k = 0; k < is->n_values; k++) {
            parley_buf_puts(w->b, k ? ", " : "");
            parley__yaml_qstr(w->b, w->option_ids[j][k]);
            parley_buf_puts(w->b, ": ");
            eval_value(w->b, is, &p->ev[j], k);
        }
        parley_buf_puts(w->b, "}");
    }
    parley_buf_puts(w->b, "}\n");
}

static void stances(wr_t *w)
{
    parley_buf_puts(w->b, "stances:\n");
    for (size_t i = 0; i < w->im->n_profiles; i++) {
        const gn_profile_t *p = &w->im->profiles[i];
        double max = 0.0; /* saliences must be in [0,1]: larger weights are scaled down */
        for (size_t j = 0; !p->nl && j < w->im->dom->n_issues; j++)
            max = fmax(max, p->weight[j]);
        parley_buf_puts(w->b, "  ");
        parley__yaml_qstr(w->b, w->actor_ids[i]);
        if (p->nl) { /* indifferent to every issue on its own: its terms carry it */
            parley_buf_puts(w->b, ": {}\n");
            continue;
        }
        parley_buf_puts(w->b, ":\n");
        for (size_t j = 0; j < w->im->dom->n_issues; j++)
            stance(w, p, j, max > 1.0 ? max : 1.0);
    }
}

/* One condition of a term's `when:`: grid steps lo..hi of issue j. */
static void condition(wr_t *w, const gn_cond_t *cd)
{
    const gn_issue_t *is = &w->im->dom->issues[cd->issue];
    long last = (long)is->n_values - 1;
    parley__yaml_qstr(w->b, w->issue_ids[cd->issue]);
    parley_buf_puts(w->b, ": ");
    int opts = as_options(is);
    if (cd->lo == cd->hi) {
        if (opts)
            parley__yaml_qstr(w->b, w->option_ids[cd->issue][cd->lo]);
        else
            parley__yaml_num(w->b, is->lo + (double)cd->lo);
        return;
    }
    const char *sep = "{";
    if (cd->lo > 0) {
        parley_buf_puts(w->b, "{at_least: ");
        if (opts)
            parley__yaml_qstr(w->b, w->option_ids[cd->issue][cd->lo]);
        else
            parley__yaml_num(w->b, is->lo + (double)cd->lo);
        sep = ", ";
    }
    if (cd->hi < last) {
        parley_buf_printf(w->b, "%sat_most: ", sep);
        if (opts)
            parley__yaml_qstr(w->b, w->option_ids[cd->issue][cd->hi]);
        else
            parley__yaml_num(w->b, is->lo + (double)cd->hi);
    }
    parley_buf_puts(w->b, "}");
}

/* Each hyper-rectangle that depends on the bid, as a bonus or penalty term
 * of its actor (parley__gn_nonlinear_resolve chose which and its weight). */
static void terms(wr_t *w)
{
    int any = 0;
    for (size_t i = 0; i < w->im->n_profiles; i++) {
        const gn_profile_t *p = &w->im->profiles[i];
        for (size_t k = 0; p->nl && k < p->nl->n_rects; k++) {
            const gn_rect_t *h = &p->nl->rects[k];
            if (!h->term)
                continue;
            if (!any++)
                parley_buf_puts(w->b, "terms:\n");
            char id[160], src[600];
            snprintf(id, sizeof id, "%s-r%zu", w->actor_ids[i], k + 1);
            parley_buf_puts(w->b, "  - id: ");
            parley__yaml_qstr(w->b, id);
            parley_buf_puts(w->b, "\n    actor: ");
            parley__yaml_qstr(w->b, w->actor_ids[i]);
            parley_buf_puts(w->b, "\n    when: {");
            for (size_t c = 0; c < h->n_conds; c++) {
                parley_buf_puts(w->b, c ? ", " : "");
                condition(w, &h->conds[c]);
            }
            parley_buf_puts(w->b, "}\n    weight: ");
            write_q(w->b, h->weight);
            if (h->penalty)
                parley_buf_puts(w->b, "\n    effect: penalty");
            snprintf(src, sizeof src, "%s:%d:%d: hyperRectangle %zu (%s)",
                     parley__base_name(p->path), h->line, h->col, k + 1,
                     h->exclusive ? "EXCLUDES" : "INCLUDES");
            parley_buf_puts(w->b, "\n    source: ");
            parley__yaml_qstr(w->b, src);
            parley_buf_puts(w->b, "\n");
        }
    }
}

parley_status_t parley__genius_write_yaml(parley_ctx_t *ctx, parley__arena_t *a,
                                          const gn_import_t *im, parley_buf_t *out)
{
    wr_t w = {.b = out, .a = a, .im = im};
    if (make_ids(&w) != PARLEY_OK)
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", im->dir);
    header(&w);
    actors(&w);
    issues(&w);
    stances(&w);
    terms(&w);
    if (out->failed)
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory while writing YAML", im->dir);
    return PARLEY_OK;
}
