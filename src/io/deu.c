/*
 * deu.c — reads DEU III as re-published for model validation: TAB-separated,
 * a quoted header, p<actor>/s<actor> positions and saliences on 0-100, rp
 * and out, optionally a GDP row before the issues. A few hundred rows,
 * parsed whole by the located CSV reader, every cell checked.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csv.h"
#include "parley/forecast.h"
#include "parley/io.h"

#define MAX_ACTORS 64
#define MAX_BYTES (64u * 1024u * 1024u)

typedef struct layout {
    size_t n_cols, n_actors;
    size_t pcol[MAX_ACTORS], scol[MAX_ACTORS];
    size_t rp, out, prnr, isnr, proc, rule, intro; /* (size_t)-1 when absent */
} layout_t;

#define NONE ((size_t)-1)

static size_t column(const csv_row_t *h, const char *name)
{
    for (size_t c = 0; c < h->n; c++)
        if (strcmp(h->f[c].text, name) == 0)
            return c;
    return NONE;
}

static parley_status_t read_layout(parley_ctx_t *ctx, const char *name, const csv_row_t *h,
                                   layout_t *L)
{
    memset(L, 0, sizeof *L);
    L->n_cols = h->n;
    for (size_t c = 0; c < h->n; c++) {
        const char *t = h->f[c].text;
        if (t[0] != 'p' || t[1] == '\0')
            continue;
        char s_name[128];
        snprintf(s_name, sizeof s_name, "s%.120s", t + 1);
        size_t sc = column(h, s_name);
        if (sc == NONE)
            continue;
        if (L->n_actors == MAX_ACTORS)
            return parley__fail(ctx, PARLEY_ELIMIT, "%s:%d:%d: more than %d actors", name,
                                h->f[c].line, h->f[c].col, MAX_ACTORS);
        L->pcol[L->n_actors] = c;
        L->scol[L->n_actors++] = sc;
    }
    L->rp = column(h, "rp");
    L->out = column(h, "out");
    L->prnr = column(h, "prnr");
    L->isnr = column(h, "isnr");
    L->proc = column(h, "proc");
    L->rule = column(h, "counvte");
    L->intro = column(h, "intro");
    if (L->n_actors == 0 || L->out == NONE)
        return parley__fail(ctx, PARLEY_EINPUT,
                            "%s:%d:1: not a DEU table: the header needs p<actor> and s<actor> "
                            "column pairs and an 'out' column",
                            name, h->line);
    return PARLEY_OK;
}

static const char *cell(const csv_row_t *r, size_t c)
{
    return c != NONE && c < r->n ? r->f[c].text : "";
}

/* Reads cell c of row r as a number in [lo, hi] or blank (NaN). */
static parley_status_t number(parley_ctx_t *ctx, const char *name, const csv_row_t *r, size_t c,
                              const char *what, double lo, double hi, double *out)
{
    const char *t = cell(r, c);
    *out = (double)NAN;
    if (!*t)
        return PARLEY_OK;
    char *end;
    double v = strtod(t, &end);
    const csv_field_t *f = &r->f[c];
    if (*end || end == t || !isfinite(v) || isspace((unsigned char)t[0]))
        return parley__fail(ctx, PARLEY_EINPUT, "%s:%d:%d: %s must be a number, got '%.40s'", name,
                            f->line, f->col, what, t);
    if (v < lo || v > hi)
        return parley__fail(ctx, PARLEY_EINPUT, "%s:%d:%d: %s must be in [%g,%g], got %s", name,
                            f->line, f->col, what, lo, hi, t);
    *out = v;
    return PARLEY_OK;
}

static parley_status_t read_issue(parley_ctx_t *ctx, const char *name, const layout_t *L,
                                  const csv_row_t *r, parley__arena_t *a, parley_deu_t *d,
                                  parley_deu_issue_t *is)
{
    char what[96];
    parley_status_t st;
    is->line = r->line;
    is->position = parley__arena_array(a, L->n_actors, sizeof(double));
    is->salience = parley__arena_array(a, L->n_actors, sizeof(double));
    is->proposal = parley__arena_strdup(a, cell(r, L->prnr));
    is->id = parley__arena_strdup(a, cell(r, L->isnr));
    is->procedure = parley__arena_strdup(a, cell(r, L->proc));
    is->rule = parley__arena_strdup(a, cell(r, L->rule));
    is->intro = parley__arena_strdup(a, cell(r, L->intro));
    if (!is->position || !is->salience || !is->proposal || !is->id || !is->procedure ||
        !is->rule || !is->intro)
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", name);
    for (size_t k = 0; k < L->n_actors; k++) {
        snprintf(what, sizeof what, "the position of '%s'", d->actors[k]);
        if ((st = number(ctx, name, r, L->pcol[k], what, 0, 100, &is->position[k])))
            return st;
        snprintf(what, sizeof what, "the salience of '%s'", d->actors[k]);
        if ((st = number(ctx, name, r, L->scol[k], what, 0, 100, &is->salience[k])))
            return st;
    }
    if ((st = number(ctx, name, r, L->rp, "the reference point 'rp'", 0, 100, &is->reference)))
        return st;
    return number(ctx, name, r, L->out, "the outcome 'out'", 0, 100, &is->outcome);
}

/* The added GDP row: no issue id, a weight >= 0 for every actor. */
static parley_status_t read_gdp(parley_ctx_t *ctx, const char *name, const layout_t *L,
                                const csv_row_t *r, parley__arena_t *a, parley_deu_t *d)
{
    d->gdp = parley__arena_array(a, L->n_actors, sizeof(double));
    if (!d->gdp)
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", name);
    for (size_t k = 0; k < L->n_actors; k++) {
        char what[96];
        snprintf(what, sizeof what, "the GDP weight of '%s'", d->actors[k]);
        parley_status_t st = number(ctx, name, r, L->pcol[k], what, 0, 1e12, &d->gdp[k]);
        if (st)
            return st;
        if (isnan(d->gdp[k]))
            return parley__fail(ctx, PARLEY_EINPUT, "%s:%d: the GDP row has no weight for '%s'",
                                name, r->line, d->actors[k]);
    }
    return PARLEY_OK;
}

static parley_status_t read_rows(parley_ctx_t *ctx, const char *name, const csv_table_t *t,
                                 const layout_t *L, parley__arena_t *a, parley_deu_t *d)
{
    d->issues = parley__arena_array(a, t->n_rows, sizeof *d->issues);
    if (!d->issues)
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", name);
    for (size_t q = 1; q < t->n_rows; q++) {
        const csv_row_t *r = &t->rows[q];
        if (r->n > L->n_cols)
            return parley__fail(ctx, PARLEY_EINPUT, "%s:%d:%d: %zu fields, the header has %zu", name,
                                r->f[L->n_cols].line, r->f[L->n_cols].col, r->n, L->n_cols);
        parley_status_t st;
        if (q == 1 && L->isnr != NONE && !*cell(r, L->isnr) && !*cell(r, L->out))
            st = read_gdp(ctx, name, L, r, a, d);
        else
            st = read_issue(ctx, name, L, r, a, d, &d->issues[d->n_issues++]);
        if (st)
            return st;
    }
    if (d->n_issues == 0)
        return parley__fail(ctx, PARLEY_EINPUT, "%s: the table has no issues", name);
    return PARLEY_OK;
}

static parley_status_t build(parley_ctx_t *ctx, const char *name, const csv_table_t *t,
                             parley__arena_t *a, parley_deu_t *d)
{
    if (t->n_rows == 0)
        return parley__fail(ctx, PARLEY_EINPUT, "%s: empty: a DEU table needs a header", name);
    layout_t L;
    parley_status_t st = read_layout(ctx, name, &t->rows[0], &L);
    if (st)
        return st;
    d->n_actors = L.n_actors;
    d->actors = parley__arena_array(a, L.n_actors, sizeof *d->actors);
    if (!d->actors)
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", name);
    for (size_t k = 0; k < L.n_actors; k++)
        if (!(d->actors[k] = parley__arena_strdup(a, t->rows[0].f[L.pcol[k]].text + 1)))
            return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", name);
    return read_rows(ctx, name, t, &L, a, d);
}

parley_status_t parley_deu_parse(parley_ctx_t *ctx, const char *name, const char *buf,
                                 size_t len, parley_deu_t **out)
{
    csv_table_t t;
    parley_status_t st = parley__csv_parse(ctx, name, buf, len, '\t', &t);
    if (st)
        return st;
    parley_deu_t *d = parley__calloc(1, sizeof *d);
    parley__arena_t *a = parley__malloc(sizeof *a);
    if (!d || !a) {
        parley__free(d);
        parley__free(a);
        parley__csv_free(&t);
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", name);
    }
    parley__arena_init(a, 0);
    d->arena_ = a;
    st = build(ctx, name, &t, a, d);
    parley__csv_free(&t);
    if (st) {
        parley_deu_destroy(d);
        return st;
    }
    char hex[65];
    parley__sha256_hex(buf, len, hex);
    snprintf(d->hash, sizeof d->hash, "sha256:%s", hex);
    *out = d;
    parley__ok(ctx);
    return PARLEY_OK;
}

parley_status_t parley_deu_load_file(parley_ctx_t *ctx, const char *path, parley_deu_t **out)
{
    char *buf;
    size_t len;
    parley_status_t st = parley_read_file(ctx, path, MAX_BYTES, &buf, &len);
    if (st)
        return st;
    st = parley_deu_parse(ctx, path, buf, len, out);
    parley__free(buf);
    return st;
}

void parley_deu_destroy(parley_deu_t *d)
{
    if (!d)
        return;
    if (d->arena_) {
        parley__arena_free(d->arena_);
        parley__free(d->arena_);
    }
    parley__free(d);
}
