/*
 * load_set.c — overrides ("set PATH=VALUE"): a value of the scenario changed
 * at load time by rewriting the parsed tree before the scenario is built,
 * so the loader's own checks judge the new value. At most
 * PARLEY_MAX_OVERRIDES short paths, each walked once; a change copies the
 * nodes on its path (they may be shared through aliases), never the file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "loader.h"

#define NOT_FOUND ((size_t)-1)

/* "name: set PATH=VALUE: message" for override k (paths and values are
 * bounded, so the message fits the context). */
static parley_status_t set_fail(loader_t *L, parley_status_t st, const parley_override_t *o,
                                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static parley_status_t set_fail(loader_t *L, parley_status_t st, const parley_override_t *o,
                                const char *fmt, ...)
{
    char what[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return parley__fail(L->ctx, st, "%s: set %.300s=%.200s: %s", L->name, o->path,
                        o->value ? o->value : "", what);
}

static parley_status_t nomem(loader_t *L)
{
    return parley__fail(L->ctx, PARLEY_ENOMEM, "%s: out of memory", L->name);
}

/* The first control character of s[0..len), or NULL. */
static const char *control_char(const char *s, size_t len)
{
    for (size_t k = 0; k < len; k++)
        if ((unsigned char)s[k] < 0x20 || s[k] == 0x7f)
            return s + k;
    return NULL;
}

/* PATH: elements joined by '.', each a key or id, or a list index "[k]"
 * right after an element. Ids may hold '.', so the tree decides where an
 * element ends; here only the shape is checked. */
static const char *path_error(const char *p)
{
    if (*p == '.' || *p == '[')
        return "a PATH starts with a key (e.g. actors)";
    for (const char *c = p; *c; c++) {
        if (*c == '.' && (c[1] == '.' || c[1] == '\0'))
            return c[1] ? "an empty element ('..')" : "a PATH cannot end with '.'";
        if (*c == '.' && c[1] == '[')
            return "a list index follows its list directly: events[0], not events.[0]";
        if (*c == ']')
            return "a ']' without its '['";
        if (*c != '[')
            continue;
        const char *d = c + 1;
        while (*d >= '0' && *d <= '9')
            d++;
        if (d == c + 1 || *d != ']' || d - c > 8)
            return "a list index is written [k], k a whole number from 0";
        if (d[1] != '\0' && d[1] != '.' && d[1] != '[')
            return "'.' or '[' must follow a list index";
        if (d[1] == '.' && d[2] == '\0')
            return "a PATH cannot end with '.'";
        c = d;
    }
    return NULL;
}

/* Checks one override and splits it into *out (copies in the scenario). */
static parley_status_t take_one(loader_t *L, const parley_override_t *in, size_t k,
                                parley_override_t *out)
{
    parley_override_t o = *in;
    if (!o.path)
        return parley__fail(L->ctx, PARLEY_EARG, "%s: set #%zu: no PATH=VALUE", L->name, k + 1);
    size_t plen = strlen(o.path), vlen;
    if (!o.value) {
        const char *eq = strchr(o.path, '=');
        if (!eq)
            return parley__fail(L->ctx, PARLEY_EARG, "%s: set %.300s: expected PATH=VALUE",
                                L->name, o.path);
        o.value = eq + 1;
        plen = (size_t)(eq - o.path);
    }
    vlen = strlen(o.value);
    char path[PARLEY_MAX_OVERRIDE_PATH + 1];
    if (plen > PARLEY_MAX_OVERRIDE_PATH || vlen > PARLEY_MAX_OVERRIDE_VALUE)
        return parley__fail(L->ctx, PARLEY_ELIMIT,
                            "%s: set %.60s...: a PATH of at most %d bytes and a VALUE of at most "
                            "%d, got %zu and %zu",
                            L->name, o.path, PARLEY_MAX_OVERRIDE_PATH, PARLEY_MAX_OVERRIDE_VALUE,
                            plen, vlen);
    memcpy(path, o.path, plen);
    path[plen] = '\0';
    o.path = path;
    const char *bad;
    int line, col;
    if (plen == 0)
        return set_fail(L, PARLEY_EARG, &o, "expected PATH=VALUE, the PATH is empty");
    if (vlen == 0)
        return set_fail(L, PARLEY_EARG, &o, "expected PATH=VALUE, the VALUE is empty (write "
                                            "null for none)");
    if (control_char(path, plen) || control_char(o.value, vlen))
        return set_fail(L, PARLEY_EARG, &o, "a control character in the PATH or VALUE");
    if (!parley__utf8_valid(path, plen, &line, &col) ||
        !parley__utf8_valid(o.value, vlen, &line, &col))
        return set_fail(L, PARLEY_EARG, &o, "the PATH or VALUE is not valid UTF-8");
    if ((bad = path_error(path)))
        return set_fail(L, PARLEY_EARG, &o, "%s", bad);
    out->path = parley__arena_strndup(&L->s->arena, path, plen);
    out->value = parley__arena_strndup(&L->s->arena, o.value, vlen);
    return out->path && out->value ? PARLEY_OK : nomem(L);
}

parley_status_t parley__take_overrides(loader_t *L, const parley_override_t *ov, size_t n)
{
    if (n == 0)
        return PARLEY_OK;
    if (n > PARLEY_MAX_OVERRIDES)
        return parley__fail(L->ctx, PARLEY_ELIMIT, "%s: %zu overrides (set): the limit is %d",
                            L->name, n, PARLEY_MAX_OVERRIDES);
    parley_override_t *t = parley__arena_array(&L->s->arena, n, sizeof *t);
    if (!t)
        return nomem(L);
    for (size_t k = 0; k < n; k++) {
        parley_status_t st = take_one(L, &ov[k], k, &t[k]);
        if (st)
            return st;
    }
    L->s->ov = t;
    L->s->n_ov = n;
    L->ov = t;
    L->n_ov = n;
    return PARLEY_OK;
}

/* ---- Walking a PATH down the tree. */

typedef struct walk {
    loader_t *L;
    parley__arena_t *tree;
    const parley_override_t *o;
    size_t k;          /* the override's index */
    const char *path;  /* o->path */
} walk_t;

/* The path walked so far, for messages: "actors.RUS", or "the top level". */
static void walked(const walk_t *w, const char *p, char *buf, size_t cap)
{
    size_t n = (size_t)(p - w->path);
    if (n && w->path[n - 1] == '.')
        n--;
    if (n == 0)
        snprintf(buf, cap, "the top level");
    else
        snprintf(buf, cap, "%.*s", (int)(n < 300 ? n : 300), w->path);
}

/* The length of the element at p: up to the next '.' or '['. */
static size_t element_len(const char *p)
{
    return strcspn(p, ".[");
}

/* 1 when p (plen bytes) begins with the element s (followed by '.', '['
 * or the end). s may hold a NUL (a YAML escape): then it never matches. */
static int starts_with(const char *p, size_t plen, const char *s, size_t len)
{
    return len <= plen && memcmp(p, s, len) == 0 &&
           (p[len] == '\0' || p[len] == '.' || p[len] == '[');
}

static yt_node_t *copy_node(walk_t *w, const yt_node_t *n, size_t extra_items)
{
    yt_node_t *c = parley__arena_alloc(w->tree, sizeof *c);
    if (!c)
        return NULL;
    *c = *n;
    size_t items = (n->kind == YT_MAP ? 2 * n->n : n->n) + extra_items;
    if (n->kind != YT_SCALAR) {
        c->items = parley__arena_array(w->tree, items ? items : 1, sizeof *c->items);
        if (!c->items)
            return NULL;
        if (n->n)
            memcpy(c->items, n->items, (n->kind == YT_MAP ? 2 * n->n : n->n) * sizeof *c->items);
    }
    return c;
}

static yt_node_t *new_scalar(walk_t *w, const char *text, const yt_node_t *near)
{
    yt_node_t *c = parley__arena_alloc(w->tree, sizeof *c);
    if (!c)
        return NULL;
    c->kind = YT_SCALAR;
    c->line = near ? near->line : 0;
    c->col = near ? near->col : 0;
    c->str = text;
    c->len = strlen(text);
    c->plain = 1;
    c->weight = 1;
    c->set = w->k + 1;
    return c;
}

/* Up to 8 keys of a mapping, "a, b, c, ...", for messages. */
static void key_list(const yt_node_t *map, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (size_t k = 0; k < map->n && k < 8; k++) {
        size_t at = strlen(buf);
        snprintf(buf + at, cap - at, "%s%.40s", k ? ", " : "", map->items[2 * k]->str);
    }
    if (map->n > 8) {
        size_t at = strlen(buf);
        snprintf(buf + at, cap - at, ", ...");
    }
}

/* The longest key of map that begins p; NOT_FOUND when none. */
static size_t find_key(const yt_node_t *map, const char *p)
{
    size_t best = NOT_FOUND, best_len = 0, plen = strlen(p);
    for (size_t k = 0; k < map->n; k++) {
        const yt_node_t *key = map->items[2 * k];
        if (key->len >= best_len && key->len > 0 && starts_with(p, plen, key->str, key->len)) {
            best = k;
            best_len = key->len;
        }
    }
    return best;
}

/* The text of an item's `id`, when the item is a mapping with one. */
static const yt_node_t *item_id(const yt_node_t *item)
{
    if (item->kind != YT_MAP)
        return NULL;
    const yt_node_t *id = parley__lget(item, "id");
    return id && id->kind == YT_SCALAR && id->len > 0 ? id : NULL;
}

/* The item of seq whose id is the longest that begins p; NOT_FOUND when none. */
static size_t find_id(const yt_node_t *seq, const char *p, size_t *len)
{
    size_t best = NOT_FOUND, plen = strlen(p);
    *len = 0;
    for (size_t k = 0; k < seq->n; k++) {
        const yt_node_t *id = item_id(seq->items[k]);
        if (id && id->len >= *len && starts_with(p, plen, id->str, id->len)) {
            best = k;
            *len = id->len;
        }
    }
    return best;
}

/* "actor", "issue" or "proposal" for the lists of those; else "item". */
static const char *item_kind(const walk_t *w, const char *p)
{
    static const char *const lists[][2] = {
        {"actors", "actor"}, {"issues", "issue"}, {"proposals", "proposal"},
        {"constraints", "constraint"}, {"red_lines", "red line"}, {"terms", "term"},
        {"transfers", "transfer"}};
    size_t n = (size_t)(p - w->path);
    for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++)
        if (n == strlen(lists[k][0]) + 1 && strncmp(w->path, lists[k][0], n - 1) == 0)
            return lists[k][1];
    return "item";
}

/* "no such key" for a mapping on the way (not the last element). */
static parley_status_t no_key(walk_t *w, const yt_node_t *map, const char *p)
{
    char where[320], elem[80], keys[400];
    walked(w, p, where, sizeof where);
    size_t len = element_len(p);
    snprintf(elem, sizeof elem, "%.*s", (int)(len < 64 ? len : 64), p);
    const char **cand = parley__malloc((map->n ? map->n : 1) * sizeof *cand);
    if (!cand)
        return nomem(w->L);
    for (size_t k = 0; k < map->n; k++)
        cand[k] = map->items[2 * k]->str;
    const char *hint = parley_suggest(elem, cand, map->n);
    parley_status_t st;
    if (hint) {
        st = set_fail(w->L, PARLEY_EINPUT, w->o, "no key '%s' in %s (did you mean '%.64s'?)",
                      elem, where, hint);
    } else {
        key_list(map, keys, sizeof keys);
        st = set_fail(w->L, PARLEY_EINPUT, w->o,
                      "no key '%s' in %s (it has: %s; only the last key of a PATH may be new)",
                      elem, where, map->n ? keys : "nothing");
    }
    parley__free(cand);
    return st;
}

/* "no such id" in a list of items with ids. */
static parley_status_t no_id(walk_t *w, const yt_node_t *seq, const char *p)
{
    char where[320], elem[80];
    walked(w, p, where, sizeof where);
    size_t len = element_len(p);
    snprintf(elem, sizeof elem, "%.*s", (int)(len < 64 ? len : 64), p);
    const char **cand = parley__malloc((seq->n ? seq->n : 1) * sizeof *cand);
    if (!cand)
        return nomem(w->L);
    size_t m = 0;
    for (size_t k = 0; k < seq->n; k++)
        if (item_id(seq->items[k]))
            cand[m++] = item_id(seq->items[k])->str;
    const char *hint = parley_suggest(elem, cand, m);
    const char *kind = item_kind(w, p);
    parley_status_t st;
    if (m == 0)
        st = set_fail(w->L, PARLEY_EINPUT, w->o,
                      "%s is a list without ids: address an item as %s[k] (from 0)", where, where);
    else if (hint)
        st = set_fail(w->L, PARLEY_EINPUT, w->o, "no %s '%s' in %s (did you mean '%.64s'?)", kind,
                      elem, where, hint);
    else
        st = set_fail(w->L, PARLEY_EINPUT, w->o, "no %s '%s' in %s", kind, elem, where);
    parley__free(cand);
    return st;
}

/* Adds key (the rest of the PATH) to the copied mapping c; *slot gets its value slot. */
static parley_status_t add_key(walk_t *w, yt_node_t *c, const char *key, yt_node_t ***slot)
{
    yt_node_t *kn = new_scalar(w, key, c);
    if (!kn)
        return nomem(w->L);
    c->items[2 * c->n] = kn;
    c->items[2 * c->n + 1] = NULL;
    *slot = &c->items[2 * c->n + 1];
    c->n++;
    return PARLEY_OK;
}

/* One step down from the copied collection c at p: *slot and *p advance. */
static parley_status_t step(walk_t *w, yt_node_t *c, const char **p, yt_node_t ***slot)
{
    char where[320];
    if (**p == '[') {
        char *end;
        unsigned long i = strtoul(*p + 1, &end, 10);
        walked(w, *p, where, sizeof where);
        if (c->kind != YT_SEQ)
            return set_fail(w->L, PARLEY_EINPUT, w->o, "%s is not a list: [k] addresses the "
                                                       "items of a list", where);
        if (i >= c->n)
            return set_fail(w->L, PARLEY_EINPUT, w->o, "%s has %zu items: no item [%lu]", where,
                            c->n, i);
        *slot = &c->items[i];
        *p = end + 1;
        return PARLEY_OK;
    }
    if (c->kind == YT_MAP) {
        size_t k = find_key(c, *p);
        if (k == NOT_FOUND) {
            if ((*p)[element_len(*p)] != '\0')
                return no_key(w, c, *p);
            parley_status_t st = add_key(w, c, *p, slot); /* the loader checks the key */
            *p += strlen(*p);
            return st;
        }
        *slot = &c->items[2 * k + 1];
        *p += c->items[2 * k]->len;
        return PARLEY_OK;
    }
    size_t len;
    size_t i = find_id(c, *p, &len);
    if (i == NOT_FOUND)
        return no_id(w, c, *p);
    *slot = &c->items[i];
    *p += len;
    return PARLEY_OK;
}

/* A [position, value] point of a stance's curve: its path names the value. */
static int is_point(const walk_t *w, const yt_node_t *n)
{
    return n->kind == YT_SEQ && n->n == 2 && n->items[0]->kind == YT_SCALAR &&
           (strncmp(w->path, "stances.", 8) == 0 ||
            (strncmp(w->path, "ratification.", 13) == 0 && strstr(w->path, ".stances.")));
}

static parley_status_t replace(walk_t *w, yt_node_t **slot);

/* Puts the value in *slot: a scalar, the X of {value: X} or {position: X},
 * or a number for a whole distribution (its source kept). */
static parley_status_t replace(walk_t *w, yt_node_t **slot)
{
    yt_node_t *n = *slot, *v = new_scalar(w, w->o->value, n);
    if (!v)
        return nomem(w->L);
    if (!n || n->kind == YT_SCALAR) {
        *slot = v;
        return PARLEY_OK;
    }
    if (is_point(w, n)) { /* the value may itself be a distribution */
        yt_node_t *c = copy_node(w, n, 0);
        if (!c)
            return nomem(w->L);
        *slot = c;
        return replace(w, &c->items[1]);
    }
    if (n->kind == YT_SEQ)
        return set_fail(w->L, PARLEY_EINPUT, w->o, "%s is a list: set one of its items, "
                                                   "%s[k] (from 0)", w->path, w->path);
    const yt_node_t *src = parley__lget(n, "source");
    if (parley__lget(n, "dist")) {
        if (!src || parley__lis_choice(n)) { /* a word replaces a choice whole */
            *slot = v;
            return PARLEY_OK;
        }
        yt_node_t *c = copy_node(w, n, 0);
        if (!c)
            return nomem(w->L);
        c->n = 0;
        yt_node_t **vs, **ss;
        parley_status_t st;
        if ((st = add_key(w, c, "value", &vs)) || (st = add_key(w, c, "source", &ss)))
            return st;
        *vs = v;
        *ss = (yt_node_t *)src;
        *slot = c;
        return PARLEY_OK;
    }
    if (strncmp(w->path, "simulation.strategies.", 22) == 0 && !strchr(w->path + 22, '.') &&
        parley__lget(n, "kind")) { /* a strategy word replaces {kind: ..., e: ...} whole */
        *slot = v;
        return PARLEY_OK;
    }
    const char *inner = parley__lget(n, "value")      ? "value"
                        : parley__lget(n, "position") ? "position"
                                                      : NULL;
    if (!inner) {
        char keys[400];
        key_list(n, keys, sizeof keys);
        return set_fail(w->L, PARLEY_EINPUT, w->o,
                        "%s is a mapping, not a value: set one of its keys, %s.KEY (it has: %s)",
                        w->path, w->path, keys);
    }
    yt_node_t *c = copy_node(w, n, 0);
    if (!c)
        return nomem(w->L);
    c->items[2 * find_key(c, inner) + 1] = v;
    *slot = c;
    return PARLEY_OK;
}

/* Applies one override: copies each collection on its PATH, then replaces. */
static parley_status_t apply_one(walk_t *w, yt_node_t **root)
{
    yt_node_t **slot = root;
    const char *p = w->path;
    for (;;) {
        yt_node_t *n = *slot;
        if (*p == '\0')
            return replace(w, slot);
        if (!n || n->kind == YT_SCALAR) {
            char where[320];
            walked(w, p, where, sizeof where);
            if (!n)
                return set_fail(w->L, PARLEY_EINPUT, w->o, "%s is new: only the last key of a "
                                                           "PATH may be new", where);
            return set_fail(w->L, PARLEY_EINPUT, w->o, "%s is a value ('%.60s'), with nothing "
                                                       "under it", where, n->str);
        }
        yt_node_t *c = copy_node(w, n, n->kind == YT_MAP ? 2 : 0);
        if (!c)
            return nomem(w->L);
        *slot = c;
        parley_status_t st = step(w, c, &p, &slot);
        if (st)
            return st;
        if (*p == '.')
            p++;
    }
}

parley_status_t parley__apply_overrides(loader_t *L, parley__arena_t *tree, yt_node_t **root)
{
    for (size_t k = 0; k < L->n_ov && *root; k++) {
        walk_t w = {.L = L, .tree = tree, .o = &L->ov[k], .k = k, .path = L->ov[k].path};
        parley_status_t st = apply_one(&w, root);
        if (st)
            return st;
    }
    return PARLEY_OK;
}

size_t parley_scenario_override_count(const parley_scenario_t *s)
{
    return s ? s->n_ov : 0;
}

const parley_override_t *parley_scenario_override(const parley_scenario_t *s, size_t k)
{
    return s && k < s->n_ov ? &s->ov[k] : NULL;
}
