/*
 * actors.c — reads actor tables as KTAB and Bueno de Mesquita replications
 * publish them: one row per actor with capability (or influence, power),
 * then a position and a salience per dimension. Two layouts: KTAB's SMP
 * CSV (a scenario line, a header, rows) and a plain header-first table.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "csv.h"
#include "loader.h"

typedef struct table_impl {
    parley_actor_table_t pub;
    parley__arena_t arena;
} table_impl_t;

typedef struct cols {
    size_t actor, desc, cap; /* (size_t)-1 when absent */
    size_t n_dims;
    size_t pos[PARLEY_MAX_ISSUES], sal[PARLEY_MAX_ISSUES];
} cols_t;

#define NONE ((size_t)-1)

/* The first case-insensitive occurrence of word in s, or NULL. */
static char *find_ci(char *s, const char *word)
{
    size_t n = strlen(word);
    for (; *s; s++)
        if (strncasecmp(s, word, n) == 0)
            return s;
    return NULL;
}

static int ieq_prefix(const char *s, const char *word)
{
    size_t n = strlen(word);
    return strncasecmp(s, word, n) == 0;
}

static int contains_ci(const char *s, const char *word)
{
    return find_ci((char *)s, word) != NULL;
}

static int is_position(const char *h)
{
    return contains_ci(h, "position") || ieq_prefix(h, "pstn") || ieq_prefix(h, "pos");
}

static int is_salience(const char *h)
{
    return contains_ci(h, "salience") || ieq_prefix(h, "sal");
}

static int is_capability(const char *h)
{
    static const char *const words[] = {"capability", "influence", "power", "clout", "resources",
                                        "weight", NULL};
    for (size_t k = 0; words[k]; k++)
        if (contains_ci(h, words[k]))
            return 1;
    return 0;
}

/* Maps header names to columns; PARLEY_EINPUT with a message when unusable. */
static parley_status_t map_header(parley_ctx_t *ctx, const char *name, const csv_row_t *h,
                                  int ktab, cols_t *c)
{
    c->actor = c->desc = c->cap = NONE;
    c->n_dims = 0;
    size_t pending_pos = NONE;
    for (size_t k = 0; k < h->n; k++) {
        const char *t = h->f[k].text;
        if (ktab && k < 3) {
            /* KTAB fixes the first three columns: name, description, capability. */
            size_t *slot = k == 0 ? &c->actor : k == 1 ? &c->desc : &c->cap;
            *slot = k;
        } else if (is_position(t)) {
            if (pending_pos != NONE)
                return parley__fail(ctx, PARLEY_EINPUT,
                                    "%s:%d:%d: position column '%s' has no salience column "
                                    "after it",
                                    name, h->line, h->f[pending_pos].col, h->f[pending_pos].text);
            pending_pos = k;
        } else if (is_salience(t)) {
            if (pending_pos == NONE)
                return parley__fail(ctx, PARLEY_EINPUT,
                                    "%s:%d:%d: salience column '%s' does not follow a position "
                                    "column",
                                    name, h->line, h->f[k].col, t);
            if (c->n_dims == PARLEY_MAX_ISSUES)
                return parley__fail(ctx, PARLEY_ELIMIT, "%s:%d: more than %d dimensions", name,
                                    h->line, PARLEY_MAX_ISSUES);
            c->pos[c->n_dims] = pending_pos;
            c->sal[c->n_dims++] = k;
            pending_pos = NONE;
        } else if (c->actor == NONE && (strcasecmp(t, "actor") == 0 || strcasecmp(t, "name") == 0)) {
            c->actor = k;
        } else if (c->desc == NONE && ieq_prefix(t, "desc")) {
            c->desc = k;
        } else if (c->cap == NONE && is_capability(t)) {
            c->cap = k;
        }
    }
    if (pending_pos != NONE)
        return parley__fail(ctx, PARLEY_EINPUT,
                            "%s:%d:%d: position column '%s' has no salience column after it", name,
                            h->line, h->f[pending_pos].col, h->f[pending_pos].text);
    if (c->actor == NONE || c->cap == NONE || c->n_dims == 0)
        return parley__fail(ctx, PARLEY_EINPUT,
                            "%s:%d: the header must name an Actor column, a Capability (or "
                            "Influence, Power) column, and Position, Salience column pairs",
                            name, h->line);
    return PARLEY_OK;
}

/* "Policy Position" -> "Policy"; "Pstn1" -> "Dimension 1"; "Position" -> "". */
static char *dim_name(parley__arena_t *a, const char *h, size_t idx)
{
    char buf[256];
    size_t cut = strlen(h);
    if (cut >= sizeof buf) { /* a long header: cut it between characters, not inside one */
        cut = sizeof buf - 1;
        while (cut > 0 && ((unsigned char)h[cut] & 0xC0) == 0x80)
            cut--;
    }
    memcpy(buf, h, cut);
    buf[cut] = '\0';
    char *p = buf;
    static const char *const words[] = {"position", "pstn", "pos", NULL};
    for (size_t k = 0; words[k]; k++) {
        char *w = find_ci(p, words[k]);
        if (w) {
            memmove(w, w + strlen(words[k]), strlen(w + strlen(words[k])) + 1);
            break;
        }
    }
    while (*p == ' ' || *p == '_' || *p == '-')
        p++;
    size_t n = strlen(p);
    while (n && (p[n - 1] == ' ' || p[n - 1] == '_' || p[n - 1] == '-'))
        p[--n] = '\0';
    int digits = n > 0;
    for (size_t k = 0; k < n; k++)
        digits &= isdigit((unsigned char)p[k]) != 0;
    char out[300];
    if (n == 0)
        snprintf(out, sizeof out, "Dimension %zu", idx + 1);
    else if (digits)
        snprintf(out, sizeof out, "Dimension %s", p);
    else
        snprintf(out, sizeof out, "%s", p);
    return parley__arena_strdup(a, out);
}

/* An id from a name: the id alphabet, other characters as '-', unique. */
char *parley__make_id(parley__arena_t *a, const char *name, char **ids, size_t n, int lower)
{
    char buf[80];
    size_t k = 0;
    for (const char *p = name; *p && k < 56; p++) {
        unsigned char c = (unsigned char)*p;
        if (isalnum(c) || c == '_' || c == '.' || c == '-')
            buf[k++] = lower ? (char)tolower(c) : (char)c;
        else if (k && buf[k - 1] != '-')
            buf[k++] = '-';
    }
    while (k && (buf[k - 1] == '-' || buf[k - 1] == '.'))
        k--;
    size_t start = 0;
    while (start < k && !isalnum((unsigned char)buf[start]))
        start++;
    buf[k] = '\0';
    char base[80];
    snprintf(base, sizeof base, "%s", start < k ? buf + start : "actor");
    char cand[96];
    snprintf(cand, sizeof cand, "%s", base);
    for (unsigned suffix = 2;; suffix++) {
        size_t m = 0;
        while (m < n && strcmp(ids[m], cand) != 0)
            m++;
        if (m == n)
            break;
        snprintf(cand, sizeof cand, "%s-%u", base, suffix);
    }
    return parley__arena_strdup(a, cand);
}

static parley_status_t number(parley_ctx_t *ctx, const char *name, const csv_row_t *row,
                              size_t col, const char *what, double *out)
{
    if (col >= row->n)
        return parley__fail(ctx, PARLEY_EINPUT, "%s:%d: the row ends before its %s column",
                            name, row->line, what);
    const csv_field_t *f = &row->f[col];
    if (!parley__parse_number(f->text, out))
        return parley__fail(ctx, PARLEY_EINPUT, "%s:%d:%d: %s must be a number, got '%.40s'", name,
                            f->line, f->col, what, f->text);
    return PARLEY_OK;
}

static int is_count(const char *s, size_t *out)
{
    double v;
    if (!parley__parse_number(s, &v) || v < 0 || v > 1e6 || v != (double)(size_t)v)
        return 0;
    *out = (size_t)v;
    return 1;
}

static parley_status_t read_rows(parley_ctx_t *ctx, const char *name, const csv_table_t *t,
                                 size_t first, const cols_t *c, table_impl_t *ti)
{
    parley_actor_table_t *pt = &ti->pub;
    parley__arena_t *a = &ti->arena;
    size_t n = t->n_rows - first, d = c->n_dims;
    if (n == 0)
        return parley__fail(ctx, PARLEY_EINPUT, "%s: the table has a header but no actor rows",
                            name);
    if (n > PARLEY_MAX_ACTORS)
        return parley__fail(ctx, PARLEY_ELIMIT, "%s: %zu actors: the limit is %d", name, n,
                            PARLEY_MAX_ACTORS);
    pt->n_actors = n;
    pt->n_dims = d;
    pt->actor_ids = parley__arena_array(a, n, sizeof(char *));
    pt->actor_names = parley__arena_array(a, n, sizeof(char *));
    pt->actor_desc = parley__arena_array(a, n, sizeof(char *));
    pt->capability = parley__arena_array(a, n, sizeof(double));
    pt->position = parley__arena_array(a, n * d, sizeof(double));
    pt->salience = parley__arena_array(a, n * d, sizeof(double));
    if (!pt->actor_ids || !pt->actor_names || !pt->actor_desc || !pt->capability ||
        !pt->position || !pt->salience)
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", name);
    double max_sal = 0.0;
    for (size_t i = 0; i < n; i++) {
        const csv_row_t *row = &t->rows[first + i];
        if (c->actor >= row->n || row->f[c->actor].text[0] == '\0')
            return parley__fail(ctx, PARLEY_EINPUT, "%s:%d:%d: the row has no actor name", name,
                                row->line, c->actor < row->n ? row->f[c->actor].col : 1);
        pt->actor_names[i] = parley__arena_strdup(a, row->f[c->actor].text);
        pt->actor_desc[i] = c->desc != NONE && c->desc < row->n && row->f[c->desc].text[0]
                                ? parley__arena_strdup(a, row->f[c->desc].text)
                                : NULL;
        pt->actor_ids[i] = parley__make_id(a, row->f[c->actor].text, pt->actor_ids, i, 0);
        if (!pt->actor_names[i] || !pt->actor_ids[i])
            return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", name);
        parley_status_t st = number(ctx, name, row, c->cap, "capability", &pt->capability[i]);
        if (st)
            return st;
        if (!(pt->capability[i] > 0.0))
            return parley__fail(ctx, PARLEY_EINPUT, "%s:%d:%d: capability must be > 0, got %s",
                                name, row->f[c->cap].line, row->f[c->cap].col,
                                row->f[c->cap].text);
        double sal_sum = 0.0;
        for (size_t k = 0; k < d; k++) {
            double *pos = &pt->position[i * d + k], *sal = &pt->salience[i * d + k];
            if ((st = number(ctx, name, row, c->pos[k], "position", pos)) ||
                (st = number(ctx, name, row, c->sal[k], "salience", sal)))
                return st;
            const csv_field_t *fp = &row->f[c->pos[k]];
            if (fabs(*pos) > PARLEY_MAX_SCALE_END)
                return parley__fail(ctx, PARLEY_EINPUT,
                                    "%s:%d:%d: position must lie within -1e15..1e15 (a scenario's "
                                    "scale ends do), got %s",
                                    name, fp->line, fp->col, fp->text);
            const csv_field_t *f = &row->f[c->sal[k]];
            if (*sal < 0.0 || *sal > 100.0)
                return parley__fail(ctx, PARLEY_EINPUT,
                                    "%s:%d:%d: salience must be in [0,100] (or [0,1]), got %s",
                                    name, f->line, f->col, f->text);
            if (*sal > max_sal)
                max_sal = *sal;
            sal_sum += *sal;
        }
        if (!(sal_sum > 0.0))
            return parley__fail(ctx, PARLEY_EINPUT,
                                "%s:%d:%d: actor '%s' has salience 0 on every dimension: a "
                                "scenario needs each actor to care about something",
                                name, row->line, row->f[c->actor].col, pt->actor_names[i]);
    }
    /* KTAB always uses 0-100; a plain table on 0-1 is kept as it is. */
    pt->salience_percent = strcmp(pt->layout, "ktab") == 0 || max_sal > 1.0;
    if (pt->salience_percent)
        for (size_t k = 0; k < n * d; k++)
            pt->salience[k] /= 100.0;
    return PARLEY_OK;
}

static parley_status_t parse_table(parley_ctx_t *ctx, const char *name, const csv_table_t *t,
                                   table_impl_t *ti)
{
    parley_actor_table_t *pt = &ti->pub;
    if (t->n_rows == 0)
        return parley__fail(ctx, PARLEY_EINPUT, "%s: the table is empty", name);
    const csv_row_t *r0 = &t->rows[0];
    size_t n_act = 0, n_dim = 0;
    int ktab = r0->n >= 4 && is_count(r0->f[2].text, &n_act) && is_count(r0->f[3].text, &n_dim);
    size_t header = ktab ? 1 : 0;
    if (header >= t->n_rows)
        return parley__fail(ctx, PARLEY_EINPUT, "%s: a KTAB table needs a header on line 2",
                            name);
    pt->layout = parley__arena_strdup(&ti->arena, ktab ? "ktab" : "plain");
    if (ktab) {
        pt->name = parley__arena_strdup(&ti->arena, r0->f[0].text);
        pt->description = parley__arena_strdup(&ti->arena, r0->f[1].text);
    }
    cols_t *c = parley__malloc(sizeof *c);
    if (!c || !pt->layout)
        return parley__free(c), parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", name);
    parley_status_t st = map_header(ctx, name, &t->rows[header], ktab, c);
    if (st == PARLEY_OK && ktab && c->n_dims != n_dim)
        st = parley__fail(ctx, PARLEY_EINPUT,
                          "%s:%d:%d: line 1 says %zu dimensions, the header on line %d has %zu "
                          "position/salience pair(s)",
                          name, r0->line, r0->f[3].col, n_dim, t->rows[header].line, c->n_dims);
    if (st == PARLEY_OK && ktab && t->n_rows - header - 1 != n_act)
        st = parley__fail(ctx, PARLEY_EINPUT, "%s:%d:%d: line 1 says %zu actors, the table has %zu",
                          name, r0->line, r0->f[2].col, n_act, t->n_rows - header - 1);
    if (st == PARLEY_OK)
        st = read_rows(ctx, name, t, header + 1, c, ti);
    if (st == PARLEY_OK) {
        pt->dim_names = parley__arena_array(&ti->arena, c->n_dims, sizeof(char *));
        for (size_t k = 0; pt->dim_names && k < c->n_dims; k++)
            pt->dim_names[k] = dim_name(&ti->arena, t->rows[header].f[c->pos[k]].text, k);
        if (!pt->dim_names)
            st = parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", name);
    }
    parley__free(c);
    return st;
}

parley_status_t parley_actor_table_parse(parley_ctx_t *ctx, const char *name, const char *buf,
                                         size_t len, parley_actor_table_t **out)
{
    table_impl_t *ti = parley__calloc(1, sizeof *ti);
    if (!ti)
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", name);
    parley__arena_init(&ti->arena, 0);
    /* KTAB files are comma-separated; a table with tabs and no commas is TSV. */
    char sep = memchr(buf, ',', len) || !memchr(buf, '\t', len) ? ',' : '\t';
    csv_table_t t;
    parley_status_t st = parley__csv_parse(ctx, name, buf, len, sep, &t);
    if (st == PARLEY_OK) {
        st = parse_table(ctx, name, &t, ti);
        parley__csv_free(&t);
    }
    if (st) {
        parley_actor_table_destroy(&ti->pub);
        return st;
    }
    parley__ok(ctx);
    *out = &ti->pub;
    return PARLEY_OK;
}

void parley_actor_table_destroy(parley_actor_table_t *t)
{
    if (!t)
        return;
    table_impl_t *ti = (table_impl_t *)t; /* pub is the first member */
    parley__arena_free(&ti->arena);
    parley__free(ti);
}
