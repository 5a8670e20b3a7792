/*
 * loadutil.c — typed, located reads of scenario tree nodes. Every check a
 * user's file can fail ends here with a message naming the place, what was
 * expected and what was found; in collect mode (`parley check`) also the
 * bookkeeping that lets the loader go on without repeating itself.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "loader.h"
#include "../core/exact.h"

/* 1 when a message of this call already points at "name:line:col: ". */
static int reported_at(const loader_t *L, const yt_node_t *at)
{
    char pre[256];
    int n = snprintf(pre, sizeof pre, "%s:%d:%d: ", L->name, at->line, at->col);
    if (n < 0 || (size_t)n >= sizeof pre)
        return 0;
    for (size_t k = 0; k < parley_ctx_error_count(L->ctx); k++)
        if (strncmp(parley_ctx_error(L->ctx, k), pre, (size_t)n) == 0)
            return 1;
    return 0;
}

parley_status_t parley__lquiet(loader_t *L)
{
    (void)L;
    return PARLEY_EINPUT;
}

int parley__lstop(loader_t *L, parley_status_t st, parley_status_t *first)
{
    if (st == PARLEY_OK)
        return 0;
    if (*first == PARLEY_OK)
        *first = st;
    if (L->collect && !L->halt && st == PARLEY_EINPUT && parley__collecting(L->ctx))
        return 0;
    L->halt = 1;
    return 1;
}

struct loader_name {
    struct loader_name *next;
    const char *kind, *scope; /* static or scenario memory */
    char name[];
};

int parley__lonce(loader_t *L, const char *kind, const char *scope, const char *name)
{
    if (!L->collect)
        return 0;
    for (const struct loader_name *n = L->named; n; n = n->next)
        if (strcmp(n->kind, kind) == 0 && strcmp(n->scope, scope) == 0 &&
            strcmp(n->name, name) == 0)
            return 1;
    size_t len = strlen(name);
    struct loader_name *n = parley__arena_alloc(&L->s->arena, sizeof *n + len + 1);
    if (n) { /* out of memory: it may be reported again, nothing worse */
        n->kind = kind;
        n->scope = scope;
        memcpy(n->name, name, len + 1);
        n->next = L->named;
        L->named = n;
    }
    return 0;
}

void parley__lmark(unsigned char *flags, size_t i)
{
    if (flags)
        flags[i] = 1;
}

int parley__lbad(const unsigned char *flags, size_t i)
{
    return flags && flags[i];
}

parley_status_t parley__lerr(loader_t *L, const yt_node_t *at, const char *fmt, ...)
{
    if (L->collect && at && at->kind == YT_SCALAR && reported_at(L, at))
        return PARLEY_EINPUT;
    char what[1536];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (at && at->set) {
        const parley_override_t *o = &L->ov[at->set - 1];
        return parley__fail(L->ctx, PARLEY_EINPUT, "%s: set %.300s=%.200s: %s", L->name, o->path,
                            o->value, what);
    }
    char with[400] = "";
    if (L->n_ov) /* the file's own text is not what was checked: say what changed it */
        snprintf(with, sizeof with, " (in the file as changed by set %.200s=%.100s%s)",
                 L->ov[0].path, L->ov[0].value, L->n_ov > 1 ? " and other overrides" : "");
    if (at)
        return parley__fail(L->ctx, PARLEY_EINPUT, "%s:%d:%d: %s%s", L->name, at->line, at->col,
                            what, with);
    return parley__fail(L->ctx, PARLEY_EINPUT, "%s: %s%s", L->name, what, with);
}

static const char *kind_name(const yt_node_t *n)
{
    if (n->kind == YT_MAP)
        return "a mapping";
    if (n->kind == YT_SEQ)
        return "a list";
    return parley__yt_is_null(n) ? "nothing (null)" : "a scalar";
}

parley_status_t parley__lexpect(loader_t *L, const yt_node_t *n, yt_kind_t kind,
                                const char *what)
{
    if (n->kind == kind)
        return PARLEY_OK;
    const char *want = kind == YT_MAP ? "a mapping (key: value)"
                       : kind == YT_SEQ ? "a list"
                                        : "a scalar";
    if (n->kind == YT_SCALAR && !parley__yt_is_null(n))
        return parley__lerr(L, n, "%s must be %s, got '%.60s'", what, want, n->str);
    return parley__lerr(L, n, "%s must be %s, got %s", what, want, kind_name(n));
}

const yt_node_t *parley__lget(const yt_node_t *map, const char *key)
{
    for (size_t k = 0; k < map->n; k++)
        if (strcmp(map->items[2 * k]->str, key) == 0)
            return map->items[2 * k + 1];
    return NULL;
}

/* PARLEY_OK when key k of map is allowed; else reports it. */
static parley_status_t unknown_key(loader_t *L, const yt_node_t *map, size_t k,
                                   const char *const *allowed, const char *what)
{
    const yt_node_t *key = map->items[2 * k];
    size_t a = 0;
    while (allowed[a] && strcmp(allowed[a], key->str) != 0)
        a++;
    if (allowed[a])
        return PARLEY_OK;
    const char *hint = parley_suggest(key->str, allowed, a);
    char list[512] = "";
    for (size_t m = 0; m < a; m++) {
        size_t at = strlen(list);
        snprintf(list + at, sizeof list - at, "%s%s", m ? ", " : "", allowed[m]);
    }
    if (hint)
        return parley__lerr(L, key, "%s: unknown key '%.60s' (did you mean '%s'?)", what,
                            key->str, hint);
    return parley__lerr(L, key, "%s: unknown key '%.60s' (expected one of: %s)", what, key->str,
                        list);
}

/* In collect mode every unknown key of the mapping is reported. */
parley_status_t parley__lkeys(loader_t *L, const yt_node_t *map, const char *const *allowed,
                              const char *what)
{
    parley_status_t first = PARLEY_OK;
    for (size_t k = 0; k < map->n; k++)
        if (parley__lstop(L, unknown_key(L, map, k, allowed, what), &first))
            break;
    return first;
}

parley_status_t parley__lstring(loader_t *L, const yt_node_t *n, const char *what,
                                const char **out)
{
    parley_status_t st = parley__lexpect(L, n, YT_SCALAR, what);
    if (st)
        return st;
    if (parley__yt_is_null(n)) {
        *out = NULL;
        return PARLEY_OK;
    }
    *out = parley__arena_strndup(&L->s->arena, n->str, n->len);
    return *out ? PARLEY_OK : parley__fail(L->ctx, PARLEY_ENOMEM, "%s: out of memory", L->name);
}

parley_status_t parley__lopt_string(loader_t *L, const yt_node_t *map, const char *key,
                                    const char *what, const char **out)
{
    const yt_node_t *n = parley__lget(map, key);
    *out = NULL;
    if (!n)
        return PARLEY_OK;
    char w[256];
    snprintf(w, sizeof w, "%s: '%s'", what, key);
    return parley__lstring(L, n, w, out);
}

parley_status_t parley__litem(loader_t *L, const yt_node_t *n, const char *label,
                              const char *idkind, const char *const *keys, parley_litem_t *out,
                              char *what, size_t cap)
{
    memset(out, 0, sizeof *out);
    parley_status_t st = parley__lexpect(L, n, YT_MAP, what);
    if (st)
        return st;
    const yt_node_t *idn = parley__lget(n, "id");
    if (!idn)
        return parley__lerr(L, n, "%s has no 'id'", what);
    if ((st = parley__lid(L, idn, idkind, &out->id)))
        return st;
    snprintf(what, cap, "%s '%s'", label, out->id);
    if ((st = parley__lkeys(L, n, keys, what)) ||
        (st = parley__lopt_string(L, n, "name", what, &out->name)) ||
        (st = parley__lopt_string(L, n, "source", what, &out->source)) ||
        (st = parley__lopt_string(L, n, "notes", what, &out->notes)))
        return st;
    if (!out->name)
        out->name = out->id;
    return PARLEY_OK;
}

parley_status_t parley__lid(loader_t *L, const yt_node_t *n, const char *what, const char **out)
{
    parley_status_t st = parley__lexpect(L, n, YT_SCALAR, what);
    if (st)
        return st;
    if (parley__yt_is_null(n))
        return parley__lerr(L, n, "%s is missing (an id is required)", what);
    int ok = n->len >= 1 && n->len <= 64 &&
             (isalnum((unsigned char)n->str[0]) != 0);
    for (size_t k = 0; ok && k < n->len; k++) {
        unsigned char c = (unsigned char)n->str[k];
        ok = isalnum(c) || c == '_' || c == '-' || c == '.';
    }
    if (!ok)
        return parley__lerr(L, n,
                            "%s '%.80s' is not a valid id: use 1-64 letters, digits, '_', '-' "
                            "or '.', starting with a letter or digit",
                            what, n->str);
    return parley__lstring(L, n, what, out);
}

int parley__parse_number(const char *s, double *out)
{
    char buf[128];
    size_t n = 0;
    const char *p = s;
    if (*p == '+' || *p == '-')
        buf[n++] = *p++;
    int digits = 0, dot = 0;
    for (; *p && n < sizeof buf - 1; p++) {
        if (*p >= '0' && *p <= '9') {
            buf[n++] = *p;
            digits++;
        } else if (*p == '_' && digits && p[1] >= '0' && p[1] <= '9' && !dot) {
            continue; /* 600_000 */
        } else if (*p == '.' && !dot) {
            buf[n++] = *p;
            dot = 1;
        } else {
            break;
        }
    }
    if (!digits)
        return 0;
    if ((*p == 'e' || *p == 'E') && n < sizeof buf - 4) {
        buf[n++] = *p++;
        if (*p == '+' || *p == '-')
            buf[n++] = *p++;
        int ed = 0;
        while (*p >= '0' && *p <= '9' && n < sizeof buf - 1) {
            buf[n++] = *p++;
            ed++;
        }
        if (!ed)
            return 0;
    }
    if (*p)
        return 0;
    buf[n] = '\0';
    double v = strtod(buf, NULL);
    if (!isfinite(v))
        return 0;
    *out = v;
    return 1;
}

/* A fraction "p/q" of whole numbers (docs/scenario-format.md): exact where
 * a decimal cannot be, e.g. GENIUS's evaluation 1 of 3. */
static int fraction(const char *s, double *out)
{
    parley__q_t q;
    if (!strchr(s, '/') || !parley__q_parse(s, &q))
        return 0;
    *out = parley__q_double(q);
    return 1;
}

parley_status_t parley__lnumber(loader_t *L, const yt_node_t *n, const char *what, double *out,
                                const char **source, const yt_node_t **at)
{
    if (source)
        *source = NULL;
    if (n->kind == YT_MAP) {
        static const char *const keys[] = {"value", "source", NULL};
        parley_status_t st = parley__lkeys(L, n, keys, what);
        if (st)
            return st;
        const yt_node_t *v = parley__lget(n, "value");
        if (!v)
            return parley__lerr(L, n, "%s: a mapping here needs 'value' (and may have 'source')",
                                what);
        if (source && (st = parley__lopt_string(L, n, "source", what, source)))
            return st;
        n = v;
    }
    if (n->kind != YT_SCALAR || parley__yt_is_null(n))
        return parley__lerr(L, n, "%s must be a number, got %s", what, kind_name(n));
    if (!n->plain || !(parley__parse_number(n->str, out) || fraction(n->str, out)))
        return parley__lerr(L, n, "%s must be a number, got '%.60s'", what, n->str);
    if (parley__exact_note(L->s, out, n->str))
        return parley__fail(L->ctx, PARLEY_ENOMEM, "%s: out of memory", L->name);
    if (at)
        *at = n;
    return PARLEY_OK;
}

void parley__yaml_qstr(parley_buf_t *b, const char *s)
{
    parley_buf_puts(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            parley_buf_printf(b, "\\%c", *p);
        else if (*p == '\n')
            parley_buf_puts(b, "\\n");
        else if (*p < 0x20 || *p == 0x7f)
            parley_buf_printf(b, "\\x%02x", *p);
        else
            parley_buf_append(b, (const char *)p, 1);
    }
    parley_buf_puts(b, "\"");
}

void parley__yaml_num(parley_buf_t *b, double v)
{
    char tmp[32];
    parley_format_number(v, tmp);
    parley_buf_puts(b, tmp);
}

const char *parley__base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s && s[1] ? s + 1 : path;
}
