/*
 * ytree.c — builds a yt_node_t tree from libfyaml's event parser. We use
 * events rather than libfyaml's document API because events carry a mark
 * for every node (the document API of libfyaml 0.7 has none for mappings),
 * and because resolving aliases ourselves lets us bound their expansion.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfyaml.h>
#include "ytree.h"
#include "parley/io.h"

typedef struct anchor {
    char *name;
    yt_node_t *node;
} anchor_t;

typedef struct builder {
    parley_ctx_t *ctx;
    parley__arena_t *arena;
    const char *name;
    const char *buf;        /* the text, for the byte ranges of collections */
    size_t len;
    const yt_limits_t *lim;
    yt_node_t **stack;      /* open collections */
    char **stack_anchor;    /* their anchors, registered when they close */
    size_t depth;
    size_t nodes;           /* expanded node count */
    anchor_t *anchors;
    size_t n_anchors, cap_anchors;
    yt_node_t *root;
    size_t documents;
    int last_line, last_col; /* of the last event that had a mark */
    int syntax_line, syntax_col; /* where libfyaml put a syntax error; 0 for none */
    /* per open collection: children collected in a growable malloc array */
    yt_node_t ***kids;
    size_t *n_kids, *cap_kids;
} builder_t;

static parley_status_t fail_at(builder_t *b, int line, int col, parley_status_t st,
                               const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static parley_status_t fail_at(builder_t *b, int line, int col, parley_status_t st,
                               const char *fmt, ...)
{
    char what[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return parley__fail(b->ctx, st, "%s:%d:%d: %s", b->name, line, col, what);
}

static parley_status_t oom(builder_t *b)
{
    return parley__fail(b->ctx, PARLEY_ENOMEM, "%s: out of memory while reading", b->name);
}

static parley_status_t add_anchor(builder_t *b, const char *name, yt_node_t *node)
{
    /* A later anchor of the same name shadows an earlier one (YAML 1.2). */
    if (b->n_anchors == b->cap_anchors) {
        size_t cap = b->cap_anchors ? b->cap_anchors * 2 : 16;
        anchor_t *a = parley__realloc(b->anchors, cap * sizeof *a);
        if (!a)
            return oom(b);
        b->anchors = a;
        b->cap_anchors = cap;
    }
    b->anchors[b->n_anchors].name = (char *)name;
    b->anchors[b->n_anchors].node = node;
    b->n_anchors++;
    return PARLEY_OK;
}

static yt_node_t *find_anchor(builder_t *b, const char *name, size_t len)
{
    for (size_t k = b->n_anchors; k-- > 0;)
        if (strlen(b->anchors[k].name) == len && memcmp(b->anchors[k].name, name, len) == 0)
            return b->anchors[k].node;
    return NULL;
}

/* Attaches a finished node to the open collection (or makes it the root). */
static parley_status_t attach(builder_t *b, yt_node_t *node)
{
    if (b->depth == 0) {
        b->root = node;
        return PARLEY_OK;
    }
    size_t d = b->depth - 1;
    if (b->n_kids[d] == b->cap_kids[d]) {
        size_t cap = b->cap_kids[d] ? b->cap_kids[d] * 2 : 8;
        yt_node_t **k = parley__realloc(b->kids[d], cap * sizeof *k);
        if (!k)
            return oom(b);
        b->kids[d] = k;
        b->cap_kids[d] = cap;
    }
    b->kids[d][b->n_kids[d]++] = node;
    return PARLEY_OK;
}

static parley_status_t count(builder_t *b, size_t weight, int line, int col)
{
    if (weight > b->lim->max_nodes || b->nodes > b->lim->max_nodes - weight)
        return fail_at(b, line, col, PARLEY_ELIMIT,
                       "the document expands to more than %zu nodes (aliases included): "
                       "anchors and aliases must not multiply the input",
                       b->lim->max_nodes);
    b->nodes += weight;
    return PARLEY_OK;
}

/*
 * The text of a token, copied into the arena. We walk the token's chunks
 * ourselves: libfyaml 0.7's fy_token_get_text() leaks its chunk buffer on
 * scalars with many escapes (found by fuzz_scenario).
 */
static char *token_text(builder_t *b, struct fy_token *t, size_t *len)
{
    struct fy_token_iter *it = fy_token_iter_create(t);
    if (!it)
        return NULL;
    parley_buf_t acc;
    parley_buf_init(&acc);
    const struct fy_iter_chunk *c = NULL;
    int err = 0;
    while ((c = fy_token_iter_chunk_next(it, c, &err)) != NULL)
        parley_buf_append(&acc, c->str, c->len);
    fy_token_iter_destroy(it);
    char *s = NULL;
    if (!err && !acc.failed) {
        *len = acc.len;
        s = parley__arena_strndup(b->arena, acc.data ? acc.data : "", acc.len);
    }
    parley_buf_free(&acc);
    return s;
}

/*
 * A scalar's range as the text writes it: libfyaml's marks of a quoted
 * scalar exclude its quotes, and those of a block scalar (| or >) start at
 * its content and end past its last line break. The range holds the quotes,
 * and a block scalar's runs from its indicator to the end of its last line
 * of content (its line break excluded), so that replacing the range
 * replaces the scalar; without the indicator just before the content (a
 * comment after it) the range is left unknown.
 */
static void scalar_span(const builder_t *b, struct fy_event *e, enum fy_scalar_style style,
                        yt_node_t *node)
{
    const struct fy_mark *a = fy_event_start_mark(e), *z = fy_event_end_mark(e);
    if (!a || !z || z->input_pos < a->input_pos || z->input_pos > b->len)
        return;
    size_t off = a->input_pos, end = z->input_pos;
    char q = style == FYSS_SINGLE_QUOTED ? '\'' : style == FYSS_DOUBLE_QUOTED ? '"' : 0;
    if (q) {
        if (off == 0 || b->buf[off - 1] != q || end >= b->len || b->buf[end] != q)
            return;
        off--;
        end++;
    } else if (style == FYSS_LITERAL || style == FYSS_FOLDED) {
        size_t p = off;
        while (p > 0 && strchr(" \t\r\n", b->buf[p - 1]))
            p--;
        while (p > 0 && strchr("+-0123456789", b->buf[p - 1]))
            p--;
        if (p == 0 || (b->buf[p - 1] != '|' && b->buf[p - 1] != '>'))
            return;
        off = p - 1;
        while (end > off + 1 && (b->buf[end - 1] == '\n' || b->buf[end - 1] == '\r'))
            end--;
    } else if (end == off) {
        return;
    }
    node->off = off;
    node->end = end;
}

static parley_status_t on_scalar(builder_t *b, struct fy_event *e, int line, int col)
{
    parley_status_t st = count(b, 1, line, col);
    if (st)
        return st;
    yt_node_t *node = parley__arena_alloc(b->arena, sizeof *node);
    if (!node)
        return oom(b);
    node->kind = YT_SCALAR;
    node->line = line;
    node->col = col;
    node->weight = 1;
    node->str = token_text(b, e->scalar.value, &node->len);
    if (!node->str)
        return oom(b);
    if (node->len > b->lim->max_string)
        return fail_at(b, line, col, PARLEY_ELIMIT, "a string longer than %zu bytes", b->lim->max_string);
    /* A "\0" (or "\x00", "\u0000") escape: every string is a C string from
     * here on, and a NUL would silently cut a name or an id short. */
    if (memchr(node->str, '\0', node->len))
        return fail_at(b, line, col, PARLEY_EINPUT,
                       "a NUL character (an escape such as \\0) in a string: not allowed");
    enum fy_scalar_style style = fy_token_scalar_style(e->scalar.value);
    node->plain = style == FYSS_PLAIN;
    scalar_span(b, e, style, node);
    if (e->scalar.anchor) {
        size_t alen;
        char *a = token_text(b, e->scalar.anchor, &alen);
        if (!a || (st = add_anchor(b, a, node)))
            return a ? st : oom(b);
    }
    return attach(b, node);
}

static parley_status_t on_alias(builder_t *b, struct fy_event *e, int line, int col)
{
    size_t len = 0;
    const char *name = fy_token_get_text(e->alias.anchor, &len);
    yt_node_t *target = name ? find_anchor(b, name, len) : NULL;
    if (!target) {
        char nm[128];
        snprintf(nm, sizeof nm, "%.*s", (int)(len < 100 ? len : 100), name ? name : "");
        return fail_at(b, line, col, PARLEY_EINPUT,
                       "alias '*%s' refers to no anchor defined before it", nm);
    }
    parley_status_t st = count(b, target->weight, line, col);
    return st ? st : attach(b, target);
}

static parley_status_t on_open(builder_t *b, struct fy_event *e, int line, int col)
{
    if (b->depth >= b->lim->max_depth)
        return fail_at(b, line, col, PARLEY_ELIMIT, "nesting deeper than %zu levels", b->lim->max_depth);
    parley_status_t st = count(b, 1, line, col);
    if (st)
        return st;
    yt_node_t *node = parley__arena_alloc(b->arena, sizeof *node);
    if (!node)
        return oom(b);
    int is_map = e->type == FYET_MAPPING_START;
    node->kind = is_map ? YT_MAP : YT_SEQ;
    node->line = line;
    node->col = col;
    const struct fy_mark *m = fy_event_start_mark(e);
    if (m)
        node->off = m->input_pos;
    struct fy_token *anchor = is_map ? e->mapping_start.anchor : e->sequence_start.anchor;
    char *aname = NULL;
    if (anchor) {
        size_t alen;
        if (!(aname = token_text(b, anchor, &alen)))
            return oom(b);
    }
    size_t d = b->depth++;
    b->stack[d] = node;
    b->stack_anchor[d] = aname;
    b->kids[d] = NULL;
    b->n_kids[d] = b->cap_kids[d] = 0;
    return PARLEY_OK;
}

/* Orders mapping keys by text, then by position, for duplicate detection. */
static int key_order(const void *pa, const void *pb)
{
    const yt_node_t *a = *(const yt_node_t *const *)pa, *b = *(const yt_node_t *const *)pb;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    int c = memcmp(a->str, b->str, a->len);
    if (c)
        return c;
    return (a->line > b->line || (a->line == b->line && a->col > b->col)) -
           (a->line < b->line || (a->line == b->line && a->col < b->col));
}

/*
 * Checks a mapping's keys: scalars, no merge key, no duplicates. Sorting a
 * copy keeps this O(n log n): a mapping may hold up to a million keys.
 */
static parley_status_t check_keys(builder_t *b, const yt_node_t *node)
{
    yt_node_t **keys = parley__malloc((node->n ? node->n : 1) * sizeof *keys);
    if (!keys)
        return oom(b);
    parley_status_t st = PARLEY_OK;
    for (size_t k = 0; k < node->n && !st; k++) {
        yt_node_t *key = node->items[2 * k];
        keys[k] = key;
        if (key->kind != YT_SCALAR)
            st = fail_at(b, key->line, key->col, PARLEY_EINPUT,
                         "a mapping key must be a string, not a list or mapping");
        else if (key->len == 2 && memcmp(key->str, "<<", 2) == 0 && key->plain)
            st = fail_at(b, key->line, key->col, PARLEY_EINPUT,
                         "merge keys ('<<') are not supported: write the keys out");
    }
    if (!st) {
        qsort(keys, node->n, sizeof *keys, key_order);
        for (size_t k = 1; k < node->n && !st; k++)
            if (keys[k]->len == keys[k - 1]->len &&
                memcmp(keys[k]->str, keys[k - 1]->str, keys[k]->len) == 0)
                st = fail_at(b, keys[k]->line, keys[k]->col, PARLEY_EINPUT,
                             "duplicate key '%.60s' in this mapping", keys[k]->str);
    }
    parley__free(keys);
    return st;
}

static parley_status_t on_close(builder_t *b, struct fy_event *e)
{
    size_t d = --b->depth;
    yt_node_t *node = b->stack[d];
    /* A flow collection ends after its bracket (the end event's mark); a
     * block one where its last item ends: its end event sits at the next
     * token, past any comments and blank lines that follow. */
    const struct fy_mark *z = fy_event_end_mark(e);
    int flow = node->off < b->len && (b->buf[node->off] == '[' || b->buf[node->off] == '{');
    if (flow && z && z->input_pos > node->off)
        node->end = z->input_pos;
    for (size_t k = 0; !flow && k < b->n_kids[d]; k++)
        if (b->kids[d][k]->end > node->end)
            node->end = b->kids[d][k]->end;
    size_t nk = b->n_kids[d];
    node->items = parley__arena_array(b->arena, nk ? nk : 1, sizeof *node->items);
    if (!node->items) {
        parley__free(b->kids[d]);
        b->kids[d] = NULL; /* parse_events frees what is left */
        return oom(b);
    }
    if (nk)
        memcpy(node->items, b->kids[d], nk * sizeof *node->items);
    parley__free(b->kids[d]);
    b->kids[d] = NULL;
    node->n = node->kind == YT_MAP ? nk / 2 : nk;
    node->weight = 1;
    for (size_t k = 0; k < nk; k++)
        node->weight += node->items[k]->weight;
    if (node->kind == YT_MAP) {
        parley_status_t st = check_keys(b, node);
        if (st)
            return st;
    }
    if (b->stack_anchor[d]) {
        parley_status_t st = add_anchor(b, b->stack_anchor[d], node);
        if (st)
            return st;
    }
    return attach(b, node);
}

static parley_status_t parse_error(builder_t *b, struct fy_diag *diag)
{
    void *it = NULL;
    struct fy_diag_error *er = fy_diag_errors_iterate(diag, &it);
    b->syntax_line = er && er->line > 0 ? er->line : 1;
    b->syntax_col = er && er->column > 0 ? er->column : 1;
    if (er && er->msg)
        return parley__fail(b->ctx, PARLEY_EINPUT, "%s:%d:%d: YAML syntax error: %s", b->name,
                            er->line > 0 ? er->line : 1, er->column > 0 ? er->column : 1,
                            er->msg);
    return parley__fail(b->ctx, PARLEY_EINPUT, "%s: YAML syntax error", b->name);
}

static parley_status_t on_event(builder_t *b, struct fy_event *e)
{
    const struct fy_mark *m = fy_event_start_mark(e);
    /* An empty scalar ("key:" with nothing after it) has no mark of its own:
     * place it at the event before it, its key. */
    int line = m ? m->line + 1 : (b->last_line ? b->last_line : 1);
    int col = m ? m->column + 1 : (b->last_col ? b->last_col : 1);
    b->last_line = line;
    b->last_col = col;
    switch (e->type) {
    case FYET_DOCUMENT_START:
        if (++b->documents > 1)
            return fail_at(b, line, col, PARLEY_EINPUT,
                           "a second YAML document ('---'): a scenario file holds one");
        return PARLEY_OK;
    case FYET_SCALAR: return on_scalar(b, e, line, col);
    case FYET_ALIAS: return on_alias(b, e, line, col);
    case FYET_MAPPING_START:
    case FYET_SEQUENCE_START: return on_open(b, e, line, col);
    case FYET_MAPPING_END:
    case FYET_SEQUENCE_END: return on_close(b, e);
    default: return PARLEY_OK;
    }
}

static void discard(const char *buf, size_t len)
{
    (void)buf;
    (void)len;
}

static void diag_sink(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
    (void)diag;
    (void)user;
    discard(buf, len); /* errors are collected and read back; nothing printed */
}

/* Builds the tree of buf[0..len) from libfyaml's events; *syntax gets the
 * line and column of a YAML syntax error (0, 0 when there is none). */
static parley_status_t parse_events(parley_ctx_t *ctx, parley__arena_t *arena, const char *name,
                                    const char *buf, size_t len, const yt_limits_t *lim,
                                    yt_node_t **root, int syntax[2])
{
    builder_t b = {.ctx = ctx, .arena = arena, .name = name, .buf = buf, .len = len, .lim = lim};
    size_t md = lim->max_depth + 1;
    b.stack = parley__calloc(md, sizeof *b.stack);
    b.stack_anchor = parley__calloc(md, sizeof *b.stack_anchor);
    b.kids = parley__calloc(md, sizeof *b.kids);
    b.n_kids = parley__calloc(md, sizeof *b.n_kids);
    b.cap_kids = parley__calloc(md, sizeof *b.cap_kids);
    struct fy_diag_cfg dc;
    fy_diag_cfg_default(&dc);
    dc.fp = NULL;
    dc.output_fn = diag_sink;
    dc.colorize = false;
    struct fy_diag *diag = fy_diag_create(&dc);
    struct fy_parse_cfg cfg = {0};
    cfg.flags = FYPCF_QUIET | FYPCF_COLLECT_DIAG | FYPCF_DEFAULT_VERSION_1_2;
    cfg.diag = diag;
    struct fy_parser *p = diag ? fy_parser_create(&cfg) : NULL;
    parley_status_t st = PARLEY_OK;
    if (!b.stack || !b.stack_anchor || !b.kids || !b.n_kids || !b.cap_kids || !p) {
        st = oom(&b);
    } else if (diag) {
        fy_diag_set_collect_errors(diag, true);
        if (fy_parser_set_string(p, buf, len) != 0)
            st = oom(&b);
    }
    struct fy_event *e;
    while (st == PARLEY_OK && (e = fy_parser_parse(p)) != NULL) {
        st = on_event(&b, e);
        fy_parser_event_free(p, e);
    }
    if (st == PARLEY_OK && fy_parser_get_stream_error(p))
        st = parse_error(&b, diag);
    for (size_t d = 0; b.kids && d < md; d++)
        parley__free(b.kids[d]);
    if (p)
        fy_parser_destroy(p);
    if (diag)
        fy_diag_destroy(diag);
    parley__free(b.stack);
    parley__free(b.stack_anchor);
    parley__free(b.kids);
    parley__free(b.n_kids);
    parley__free(b.cap_kids);
    parley__free(b.anchors);
    syntax[0] = b.syntax_line;
    syntax[1] = b.syntax_col;
    if (st == PARLEY_OK)
        *root = b.root;
    return st;
}

/*
 * libfyaml emits no event inside a flow collection ([...] or {...}) until
 * the outermost one closes: it must first know whether the collection is a
 * mapping key. It holds every token of it meanwhile, about 350 bytes each,
 * so 16 MiB of '[' took 5.8 GB before the depth limit could see one event.
 * flow_cut reads the text first, as YAML's lexer would at the few places
 * that matter (comments, quoted and block scalars, where a node may begin),
 * and returns the offset just past the point where flow collections nest
 * deeper than max_depth or hold more than max_nodes nodes: 0 when they
 * never do. It only decides where to look: what is reported comes from
 * libfyaml and the builder on the text up to there (parley__yt_parse), so a
 * misreading here costs time, never a wrong verdict.
 */
typedef struct scan {
    const char *s;
    size_t len, i;
} scan_t;

static int sc_blank(const scan_t *c, size_t i)
{
    return i >= c->len || c->s[i] == ' ' || c->s[i] == '\t' || c->s[i] == '\n' ||
           c->s[i] == '\r';
}

static void sc_line_end(scan_t *c)
{
    while (c->i < c->len && c->s[c->i] != '\n')
        c->i++;
}

/* Past a quoted scalar opened at c->i; 0 when it never closes. */
static int sc_quoted(scan_t *c)
{
    char q = c->s[c->i++];
    while (c->i < c->len) {
        char ch = c->s[c->i++];
        if (q == '"' && ch == '\\')
            c->i++;
        else if (ch == q && !(q == '\'' && c->i < c->len && c->s[c->i] == '\''))
            return 1;
        else if (ch == q)
            c->i++; /* '' inside a single-quoted scalar */
    }
    return 0;
}

/* Past a block scalar (| or >) whose indicator is on a line indented by
 * indent: its lines are the blank ones and those indented further. */
static void sc_block_scalar(scan_t *c, size_t indent)
{
    sc_line_end(c);
    while (c->i < c->len) {
        size_t j = c->i + 1, sp = 0;
        while (j < c->len && c->s[j] == ' ')
            j++, sp++;
        if (j < c->len && c->s[j] != '\n' && c->s[j] != '\r' && sp <= indent)
            return; /* c->i is at the '\n' before the next node */
        c->i = j;
        sc_line_end(c);
    }
}

static size_t flow_cut(const char *buf, size_t len, const yt_limits_t *lim)
{
    scan_t c = {buf, len, 0};
    size_t depth = 0, nodes = 0, indent = 0;
    int node = 1, line_start = 1; /* a node may begin here; at the start of a line */
    while (c.i < c.len) {
        char ch = c.s[c.i];
        if (line_start && depth == 0) {
            indent = 0;
            while (c.i < c.len && c.s[c.i] == ' ')
                c.i++, indent++;
            line_start = 0;
            node = 1;
            if (c.i + 3 <= c.len && (memcmp(c.s + c.i, "---", 3) == 0 ||
                                     memcmp(c.s + c.i, "...", 3) == 0) && sc_blank(&c, c.i + 3))
                c.i += 3;
            else if (c.i < c.len && c.s[c.i] == '%')
                sc_line_end(&c);
            continue;
        }
        int after_blank = c.i == 0 || sc_blank(&c, c.i - 1);
        if (ch == '\n') {
            line_start = depth == 0; /* inside [...] lines do not matter */
            c.i++;
        } else if (ch == ' ' || ch == '\t' || ch == '\r') {
            c.i++;
        } else if (ch == '#' && after_blank) {
            sc_line_end(&c);
        } else if ((ch == '"' || ch == '\'') && node) {
            if (!sc_quoted(&c))
                return 0; /* libfyaml says where it is unterminated */
            node = 0;
        } else if ((ch == '[' || ch == '{') && (node || depth)) {
            c.i++;
            if (++depth > lim->max_depth || ++nodes > lim->max_nodes)
                return c.i;
            node = 1;
        } else if ((ch == ']' || ch == '}') && depth) {
            c.i++;
            depth--;
            node = 0;
        } else if (depth && (ch == ',' || ch == ':')) {
            c.i++;
            if (++nodes > lim->max_nodes)
                return c.i;
            node = 1;
        } else if (!depth && (ch == '-' || ch == '?' || ch == ':') && sc_blank(&c, c.i + 1)) {
            c.i++;
            node = 1;
        } else if (!depth && (ch == '|' || ch == '>') && node) {
            sc_block_scalar(&c, indent);
            node = 0;
        } else if ((ch == '&' || ch == '!') && node) {
            while (!sc_blank(&c, c.i) && !(depth && strchr(",[]{}", c.s[c.i])))
                c.i++; /* an anchor or tag: the node is still to come */
        } else {
            c.i++;
            node = 0;
        }
    }
    return 0;
}

parley_status_t parley__yt_parse(parley_ctx_t *ctx, parley__arena_t *arena, const char *name,
                                 const char *buf, size_t len, const yt_limits_t *lim,
                                 yt_node_t **root)
{
    if (len > lim->max_bytes)
        return parley__fail(ctx, PARLEY_ELIMIT, "%s: the file is %zu bytes, over the limit of %zu",
                            name, len, lim->max_bytes);
    const char *nul = memchr(buf, '\0', len);
    if (nul) {
        int line = 1, col = 1;
        for (const char *p = buf; p < nul; p++, col++)
            if (*p == '\n')
                line++, col = 0;
        return parley__fail(ctx, PARLEY_EINPUT, "%s:%d:%d: a NUL byte: not a text file", name, line,
                            col);
    }
    int bl, bc;
    if (!parley__utf8_valid(buf, len, &bl, &bc))
        return parley__fail(ctx, PARLEY_EINPUT,
                            "%s:%d:%d: invalid UTF-8: a scenario file must be UTF-8 text", name,
                            bl, bc);
    /* Flow collections past a limit: the text up to there shows it, in time
     * and memory proportional to that text (see flow_cut). What the builder
     * finds there holds for the whole text, and so does a syntax error
     * before its last character; one there may only be where it was cut. */
    size_t cut = flow_cut(buf, len, lim);
    if (cut) {
        int cut_line = 1, cut_col = 1, syntax[2] = {0, 0};
        for (size_t k = 0; k < cut; k++) {
            if (buf[k] == '\n')
                cut_line++, cut_col = 1;
            else
                cut_col += ((unsigned char)buf[k] & 0xC0) != 0x80; /* characters */
        }
        parley_ctx_t *pre = parley_ctx_create();
        parley__arena_t ar;
        parley__arena_init(&ar, 0);
        yt_node_t *ignored = NULL;
        parley_status_t st = pre ? parse_events(pre, &ar, name, buf, cut, lim, &ignored, syntax)
                                 : PARLEY_ENOMEM;
        int holds = st == PARLEY_ELIMIT ||
                    (st == PARLEY_EINPUT && (syntax[0] < cut_line ||
                                             (syntax[0] == cut_line && syntax[1] + 2 < cut_col)));
        if (holds)
            parley__fail(ctx, st, "%s", parley_ctx_message(pre));
        parley__arena_free(&ar);
        parley_ctx_destroy(pre);
        if (holds)
            return st;
    }
    int syntax[2];
    return parse_events(ctx, arena, name, buf, len, lim, root, syntax);
}

int parley__yt_is_null(const yt_node_t *n)
{
    return n->kind == YT_SCALAR && n->plain &&
           (n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
            strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0);
}
