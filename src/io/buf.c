/*
 * buf.c — a growable byte buffer, and the JSON and CSV writers on top of
 * it. Output is built in memory and written in one go (atomically for
 * files), so a failed run never leaves half a result behind.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../core/core.h"
#include "parley/io.h"

void parley_buf_init(parley_buf_t *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

void parley_buf_free(parley_buf_t *b)
{
    parley__free(b->data);
    parley_buf_init(b);
}

static int reserve(parley_buf_t *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (b->len + extra + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            b->failed = 1;
            return 0;
        }
        cap *= 2;
    }
    char *p = parley__realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return 0;
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

void parley_buf_append(parley_buf_t *b, const char *bytes, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void parley_buf_puts(parley_buf_t *b, const char *s)
{
    parley_buf_append(b, s, strlen(s));
}

void parley_buf_printf(parley_buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* ---- JSON */

void parley_json_init(parley_json_t *j, parley_buf_t *out, int pretty)
{
    j->out = out;
    j->depth = 0;
    j->pretty = pretty;
    j->after_key = 0;
    memset(j->first, 1, sizeof j->first);
}

static void newline(parley_json_t *j)
{
    if (!j->pretty)
        return;
    parley_buf_puts(j->out, "\n");
    for (int d = 0; d < j->depth; d++)
        parley_buf_puts(j->out, "  ");
}

/* Before a value: a comma and a newline, unless it is a key's value. */
static void before_value(parley_json_t *j)
{
    if (j->after_key) {
        j->after_key = 0;
        return;
    }
    if (j->depth > 0) {
        if (!j->first[j->depth])
            parley_buf_puts(j->out, ",");
        newline(j);
        j->first[j->depth] = 0;
    }
}

static void open_(parley_json_t *j, const char *c)
{
    before_value(j);
    parley_buf_puts(j->out, c);
    if (j->depth < 62)
        j->depth++;
    j->first[j->depth] = 1;
}

static void close_(parley_json_t *j, const char *c)
{
    int had = !j->first[j->depth];
    j->depth--;
    if (had)
        newline(j);
    parley_buf_puts(j->out, c);
}

void parley_json_object_begin(parley_json_t *j) { open_(j, "{"); }
void parley_json_object_end(parley_json_t *j) { close_(j, "}"); }
void parley_json_array_begin(parley_json_t *j) { open_(j, "["); }
void parley_json_array_end(parley_json_t *j) { close_(j, "]"); }

static void quoted(parley_buf_t *b, const char *s)
{
    parley_buf_puts(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': parley_buf_puts(b, "\\\""); break;
        case '\\': parley_buf_puts(b, "\\\\"); break;
        case '\n': parley_buf_puts(b, "\\n"); break;
        case '\r': parley_buf_puts(b, "\\r"); break;
        case '\t': parley_buf_puts(b, "\\t"); break;
        default:
            if (*p < 0x20)
                parley_buf_printf(b, "\\u%04x", *p);
            else
                parley_buf_append(b, (const char *)p, 1);
        }
    }
    parley_buf_puts(b, "\"");
}

void parley_json_key(parley_json_t *j, const char *key)
{
    before_value(j);
    quoted(j->out, key);
    parley_buf_puts(j->out, j->pretty ? ": " : ":");
    j->after_key = 1;
}

void parley_json_string(parley_json_t *j, const char *s)
{
    before_value(j);
    if (s)
        quoted(j->out, s);
    else
        parley_buf_puts(j->out, "null");
}

void parley_json_number(parley_json_t *j, double v)
{
    before_value(j);
    if (!isfinite(v)) {
        parley_buf_puts(j->out, "null");
        return;
    }
    char tmp[32];
    parley_format_number(v, tmp);
    parley_buf_puts(j->out, tmp);
}

void parley_json_int(parley_json_t *j, long long v)
{
    before_value(j);
    parley_buf_printf(j->out, "%lld", v);
}

void parley_json_bool(parley_json_t *j, int v)
{
    before_value(j);
    parley_buf_puts(j->out, v ? "true" : "false");
}

void parley_json_null(parley_json_t *j)
{
    before_value(j);
    parley_buf_puts(j->out, "null");
}

/* ---- CSV */

void parley_csv_field(parley_buf_t *b, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n") && s[0] != ' ' && (!*s || s[strlen(s) - 1] != ' ')) {
        parley_buf_puts(b, s);
        return;
    }
    parley_buf_puts(b, "\"");
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            parley_buf_puts(b, "\"");
        parley_buf_append(b, p, 1);
    }
    parley_buf_puts(b, "\"");
}
