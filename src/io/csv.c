/*
 * csv.c — reads comma- (or tab-) separated tables as published by KTAB,
 * BDM replications and DEU: quoted fields with doubled quotes, CRLF or LF,
 * blank lines and trailing separators tolerated. Tables are small (at most
 * thousands of rows), so rows are collected in growable arrays.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csv.h"

#define MAX_ROWS 100000
#define MAX_FIELDS 10000

typedef struct reader {
    parley_ctx_t *ctx;
    const char *name;
    csv_table_t *t;
    size_t cap_rows;
    csv_field_t *fields;
    size_t n_fields, cap_fields;
    char *text;
    size_t text_len, text_cap;
} reader_t;

static parley_status_t nomem(reader_t *r)
{
    return parley__fail(r->ctx, PARLEY_ENOMEM, "%s: out of memory", r->name);
}

static int push_char(reader_t *r, char c)
{
    if (r->text_len + 1 >= r->text_cap) {
        size_t cap = r->text_cap ? r->text_cap * 2 : 64;
        char *p = parley__realloc(r->text, cap);
        if (!p)
            return 0;
        r->text = p;
        r->text_cap = cap;
    }
    r->text[r->text_len++] = c;
    return 1;
}

static parley_status_t end_field(reader_t *r, int line, int col, int quoted)
{
    if (r->n_fields >= MAX_FIELDS)
        return parley__fail(r->ctx, PARLEY_ELIMIT, "%s:%d:%d: more than %d fields in a row",
                            r->name, line, col, MAX_FIELDS);
    if (r->n_fields == r->cap_fields) {
        size_t cap = r->cap_fields ? r->cap_fields * 2 : 16;
        csv_field_t *f = parley__realloc(r->fields, cap * sizeof *f);
        if (!f)
            return nomem(r);
        r->fields = f;
        r->cap_fields = cap;
    }
    size_t a = 0, b = r->text_len;
    if (!quoted) {
        while (a < b && (r->text[a] == ' ' || r->text[a] == '\t'))
            a++;
        while (b > a && (r->text[b - 1] == ' ' || r->text[b - 1] == '\t'))
            b--;
    }
    char *s = parley__arena_strndup(&r->t->arena, r->text ? r->text + a : "", b - a);
    if (!s)
        return nomem(r);
    r->fields[r->n_fields++] = (csv_field_t){.text = s, .line = line, .col = col, .quoted = quoted};
    r->text_len = 0;
    return PARLEY_OK;
}

static parley_status_t end_row(reader_t *r, int line)
{
    size_t n = r->n_fields;
    while (n > 0 && !r->fields[n - 1].quoted && r->fields[n - 1].text[0] == '\0')
        n--;
    r->n_fields = 0;
    if (n == 0)
        return PARLEY_OK; /* blank line */
    csv_table_t *t = r->t;
    if (t->n_rows >= MAX_ROWS)
        return parley__fail(r->ctx, PARLEY_ELIMIT, "%s:%d: more than %d rows", r->name, line,
                            MAX_ROWS);
    if (t->n_rows == r->cap_rows) {
        size_t cap = r->cap_rows ? r->cap_rows * 2 : 64;
        csv_row_t *rows = parley__realloc(t->rows, cap * sizeof *rows);
        if (!rows)
            return nomem(r);
        t->rows = rows;
        r->cap_rows = cap;
    }
    csv_field_t *f = parley__arena_array(&t->arena, n, sizeof *f);
    if (!f)
        return nomem(r);
    memcpy(f, r->fields, n * sizeof *f);
    t->rows[t->n_rows++] = (csv_row_t){.f = f, .n = n, .line = line};
    return PARLEY_OK;
}

parley_status_t parley__csv_parse(parley_ctx_t *ctx, const char *name, const char *buf,
                                  size_t len, char sep, csv_table_t *out)
{
    memset(out, 0, sizeof *out);
    parley__arena_init(&out->arena, 256u * 1024u * 1024u);
    int bl, bc;
    if (!parley__utf8_valid(buf, len, &bl, &bc))
        return parley__fail(ctx, PARLEY_EINPUT, "%s:%d:%d: invalid UTF-8: a table must be UTF-8 text",
                            name, bl, bc);
    reader_t r = {.ctx = ctx, .name = name, .t = out};
    parley_status_t st = PARLEY_OK;
    int line = 1, col = 1, fline = 1, fcol = 1, rline = 1, quoted = 0, inq = 0;
    size_t i = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        i = 3; /* UTF-8 byte-order mark */
    for (; i < len && st == PARLEY_OK; i++, col++) {
        char c = buf[i];
        if (c == '\0') {
            st = parley__fail(ctx, PARLEY_EINPUT, "%s:%d:%d: a NUL byte: not a text table", name,
                              line, col);
        } else if (inq) {
            if (c == '"' && i + 1 < len && buf[i + 1] == '"') {
                st = push_char(&r, '"') ? PARLEY_OK : nomem(&r);
                i++;
                col++;
            } else if (c == '"') {
                inq = 0;
            } else {
                if (c == '\n') {
                    line++;
                    col = 0;
                }
                st = push_char(&r, c) ? PARLEY_OK : nomem(&r);
            }
        } else if (c == '"' && r.text_len == 0 && !quoted) {
            inq = quoted = 1;
        } else if (c == '"' && !quoted) {
            /* a quote inside an unquoted field: keep it literally */
            st = push_char(&r, c) ? PARLEY_OK : nomem(&r);
        } else if (c == sep) {
            st = end_field(&r, fline, fcol, quoted);
            quoted = 0;
            fline = line;
            fcol = col + 1;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < len && buf[i + 1] == '\n')
                i++;
            st = end_field(&r, fline, fcol, quoted);
            if (st == PARLEY_OK)
                st = end_row(&r, rline);
            quoted = 0;
            line++;
            col = 0;
            fline = rline = line;
            fcol = 1;
        } else if (quoted) {
            if (c != ' ' && c != '\t')
                st = parley__fail(ctx, PARLEY_EINPUT,
                                  "%s:%d:%d: text after a closing quote (expected '%c' or the "
                                  "end of the line)",
                                  name, line, col, sep == '\t' ? ' ' : sep);
        } else {
            st = push_char(&r, c) ? PARLEY_OK : nomem(&r);
        }
    }
    if (st == PARLEY_OK && inq)
        st = parley__fail(ctx, PARLEY_EINPUT, "%s:%d:%d: a quoted field is never closed", name,
                          fline, fcol);
    if (st == PARLEY_OK && (r.text_len || r.n_fields || quoted)) {
        st = end_field(&r, fline, fcol, quoted);
        if (st == PARLEY_OK)
            st = end_row(&r, rline);
    }
    parley__free(r.fields);
    parley__free(r.text);
    if (st)
        parley__csv_free(out);
    return st;
}

void parley__csv_free(csv_table_t *t)
{
    parley__free(t->rows);
    t->rows = NULL;
    t->n_rows = 0;
    parley__arena_free(&t->arena);
}
