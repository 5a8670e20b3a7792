/*
 * scen_diff.c — what changed between two scenario texts, said in the
 * scenario's own terms: both are read into trees (YAML or JSON, the
 * loader's reader and limits) and compared with lists of records matched
 * by their `id` ("actors.USA.batna 0.3 -> 0.4"), lists of words as sets
 * ("stances.IRN.sanctions-timing.red_line.options gained
 * on-iaea-verification") and `{value: ...}` wrappers looked through. A
 * run comparison calls it once; scenarios are a few hundred kB at most.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "loader.h"
#include "parley/io.h"

#define MAX_BYTES (16u * 1024u * 1024u)
#define SHOWN 60 /* a value is cut to about this many bytes */

static const yt_limits_t LIMITS = {
    .max_nodes = 1000000, .max_depth = 64, .max_string = 65536, .max_bytes = MAX_BYTES};

typedef struct differ {
    parley_scenario_change_fn fn;
    void *arg;
    size_t n;
    int stop;
    parley_buf_t path, what;
} differ_t;

/* A scalar as shown: its text, cut (never inside a UTF-8 sequence). */
static void shown(parley_buf_t *b, const yt_node_t *v)
{
    if (!v) {
        parley_buf_puts(b, "nothing");
        return;
    }
    if (v->kind != YT_SCALAR) {
        parley_buf_printf(b, v->kind == YT_MAP ? "a map of %zu" : "a list of %zu", v->n);
        return;
    }
    size_t n = v->len;
    if (n <= SHOWN) {
        parley_buf_append(b, v->str, n);
        return;
    }
    size_t cut = SHOWN - 3;
    while (cut > 0 && ((unsigned char)v->str[cut] & 0xC0) == 0x80)
        cut--;
    parley_buf_append(b, v->str, cut);
    parley_buf_puts(b, "...");
}

static void report(differ_t *d)
{
    if (d->stop)
        return;
    d->n++;
    parley_scenario_change_t c = {d->path.data ? d->path.data : "", d->what.data ? d->what.data
                                                                                 : ""};
    if (!d->path.failed && !d->what.failed && d->fn(d->arg, &c))
        d->stop = 1;
}

static void say(differ_t *d, const char *prefix, const yt_node_t *v, const char *suffix)
{
    d->what.len = 0;
    parley_buf_puts(&d->what, prefix);
    if (v)
        shown(&d->what, v);
    parley_buf_puts(&d->what, suffix);
    report(d);
}

/* Two scalars are the same text, or the same number written differently. */
static int same_scalar(const yt_node_t *a, const yt_node_t *b)
{
    if (a->len == b->len && memcmp(a->str, b->str, a->len) == 0)
        return 1;
    char *ea, *eb;
    double x = strtod(a->str, &ea), y = strtod(b->str, &eb);
    return a->plain && b->plain && a->len && b->len && !*ea && !*eb && x == y;
}

static const yt_node_t *map_get(const yt_node_t *m, const char *key)
{
    for (size_t k = 0; k < m->n; k++)
        if (m->items[2 * k]->kind == YT_SCALAR && !strcmp(m->items[2 * k]->str, key))
            return m->items[2 * k + 1];
    return NULL;
}

/* The id of a record in a list, or NULL. */
static const char *id_of(const yt_node_t *v)
{
    const yt_node_t *id = v->kind == YT_MAP ? map_get(v, "id") : NULL;
    return id && id->kind == YT_SCALAR && id->len ? id->str : NULL;
}

/* Every item of both lists is a record with an id, none twice. */
static int keyed(const yt_node_t *a, const yt_node_t *b)
{
    const yt_node_t *const lists[2] = {a, b};
    for (int l = 0; l < 2; l++)
        for (size_t k = 0; k < lists[l]->n; k++) {
            const char *id = id_of(lists[l]->items[k]);
            if (!id)
                return 0;
            for (size_t j = 0; j < k; j++)
                if (!strcmp(id, id_of(lists[l]->items[j])))
                    return 0;
        }
    return a->n + b->n > 0;
}

/* A list of words (not numbers: a list of numbers is a point, compared
 * position by position). */
static int all_words(const yt_node_t *s)
{
    for (size_t k = 0; k < s->n; k++) {
        const yt_node_t *v = s->items[k];
        char *end;
        if (v->kind != YT_SCALAR)
            return 0;
        strtod(v->str, &end);
        if (v->plain && v->len && !*end)
            return 0;
    }
    return 1;
}

static const yt_node_t *find_scalar(const yt_node_t *s, const yt_node_t *v)
{
    for (size_t k = 0; k < s->n; k++)
        if (same_scalar(s->items[k], v))
            return s->items[k];
    return NULL;
}

static const yt_node_t *find_id(const yt_node_t *s, const char *id)
{
    for (size_t k = 0; k < s->n; k++)
        if (!strcmp(id_of(s->items[k]), id))
            return s->items[k];
    return NULL;
}

static void node(differ_t *d, const yt_node_t *a, const yt_node_t *b);

/* Descends into path.key (a "value" key is looked through: the number it
 * wraps is what the path names), then restores the path. */
static void child(differ_t *d, const char *key, const yt_node_t *a, const yt_node_t *b)
{
    size_t keep = d->path.len;
    if (strcmp(key, "value") != 0) {
        if (keep)
            parley_buf_puts(&d->path, ".");
        parley_buf_puts(&d->path, key);
    }
    if (!a || !b)
        say(d, a ? "removed (was " : "added: ", a ? a : b, a ? ")" : "");
    else
        node(d, a, b);
    d->path.len = keep;
    if (d->path.data)
        d->path.data[keep] = '\0';
}

static void maps(differ_t *d, const yt_node_t *a, const yt_node_t *b)
{
    for (size_t k = 0; k < a->n && !d->stop; k++) {
        const char *key = a->items[2 * k]->str;
        child(d, key, a->items[2 * k + 1], map_get(b, key));
    }
    for (size_t k = 0; k < b->n && !d->stop; k++) {
        const char *key = b->items[2 * k]->str;
        if (!map_get(a, key))
            child(d, key, NULL, b->items[2 * k + 1]);
    }
}

/* Lists of words: what was gained and lost, or that only the order changed. */
static void word_sets(differ_t *d, const yt_node_t *a, const yt_node_t *b)
{
    d->what.len = 0;
    const yt_node_t *const from[2] = {b, a}, *const in[2] = {a, b};
    static const char *const verb[2] = {"gained ", "lost "};
    for (int s = 0; s < 2; s++) {
        size_t shown_n = 0;
        for (size_t k = 0; k < from[s]->n; k++)
            if (!find_scalar(in[s], from[s]->items[k])) {
                parley_buf_puts(&d->what, shown_n++ ? ", " : d->what.len ? "; " : "");
                if (shown_n == 1)
                    parley_buf_puts(&d->what, verb[s]);
                shown(&d->what, from[s]->items[k]);
            }
    }
    if (!d->what.len) {
        for (size_t k = 0; k < a->n && k < b->n; k++)
            if (!same_scalar(a->items[k], b->items[k])) {
                parley_buf_puts(&d->what, "the same items in another order");
                break;
            }
    }
    if (d->what.len)
        report(d);
}

static void records(differ_t *d, const yt_node_t *a, const yt_node_t *b)
{
    for (size_t k = 0; k < a->n && !d->stop; k++) {
        const char *id = id_of(a->items[k]);
        const yt_node_t *other = find_id(b, id);
        size_t keep = d->path.len;
        parley_buf_printf(&d->path, "%s%s", keep ? "." : "", id);
        if (other)
            node(d, a->items[k], other);
        else
            say(d, "removed", NULL, "");
        d->path.len = keep;
        if (d->path.data)
            d->path.data[keep] = '\0';
    }
    for (size_t k = 0; k < b->n && !d->stop; k++) {
        const char *id = id_of(b->items[k]);
        if (find_id(a, id))
            continue;
        size_t keep = d->path.len;
        parley_buf_printf(&d->path, "%s%s", keep ? "." : "", id);
        say(d, "added", NULL, "");
        d->path.len = keep;
        if (d->path.data)
            d->path.data[keep] = '\0';
    }
}

/* Other lists, item by item. */
static void positions(differ_t *d, const yt_node_t *a, const yt_node_t *b)
{
    size_t n = a->n > b->n ? a->n : b->n;
    for (size_t k = 0; k < n && !d->stop; k++) {
        size_t keep = d->path.len;
        parley_buf_printf(&d->path, "[%zu]", k);
        const yt_node_t *x = k < a->n ? a->items[k] : NULL, *y = k < b->n ? b->items[k] : NULL;
        if (x && y)
            node(d, x, y);
        else
            say(d, x ? "removed (was " : "added: ", x ? x : y, x ? ")" : "");
        d->path.len = keep;
        if (d->path.data)
            d->path.data[keep] = '\0';
    }
}

static void node(differ_t *d, const yt_node_t *a, const yt_node_t *b)
{
    if (d->stop)
        return;
    if (a->kind == YT_MAP && b->kind == YT_MAP) {
        maps(d, a, b);
    } else if (a->kind == YT_SEQ && b->kind == YT_SEQ) {
        if (keyed(a, b))
            records(d, a, b);
        else if (all_words(a) && all_words(b))
            word_sets(d, a, b);
        else
            positions(d, a, b);
    } else if (a->kind != YT_SCALAR || b->kind != YT_SCALAR || !same_scalar(a, b)) {
        d->what.len = 0;
        shown(&d->what, a);
        parley_buf_puts(&d->what, " -> ");
        shown(&d->what, b);
        report(d);
    }
}

parley_status_t parley_scenario_diff(parley_ctx_t *ctx, const char *a, size_t len_a,
                                     const char *b, size_t len_b, parley_scenario_change_fn fn,
                                     void *arg, size_t *n)
{
    if (!fn || (!a && len_a) || (!b && len_b))
        return parley__fail(ctx, PARLEY_EARG, "parley_scenario_diff: invalid argument");
    parley__arena_t tree;
    parley__arena_init(&tree, 512u * 1024u * 1024u);
    yt_node_t *ra = NULL, *rb = NULL;
    parley_status_t st = parley__yt_parse(ctx, &tree, "first scenario", a ? a : "", len_a,
                                          &LIMITS, &ra);
    if (!st)
        st = parley__yt_parse(ctx, &tree, "second scenario", b ? b : "", len_b, &LIMITS, &rb);
    differ_t d = {fn, arg, 0, 0, {0}, {0}};
    parley_buf_init(&d.path);
    parley_buf_init(&d.what);
    if (!st && ra && rb)
        node(&d, ra, rb);
    else if (!st && (ra || rb))
        say(&d, ra ? "the second scenario is empty" : "the first scenario is empty", NULL, "");
    if (!st && (d.path.failed || d.what.failed))
        st = parley__fail(ctx, PARLEY_ENOMEM, "out of memory comparing the scenarios");
    parley_buf_free(&d.path);
    parley_buf_free(&d.what);
    parley__arena_free(&tree);
    if (st)
        return st;
    parley__ok(ctx);
    if (n)
        *n = d.n;
    return PARLEY_OK;
}
