/*
 * ktab_xml.c — KTAB's XML scenarios for its spatial model of politics: a
 * libexpat pass builds a small element tree that keeps each leaf's text
 * and its line and column, then a reader checks every element it knows
 * and refuses the rest with a located message (KTAB's own samples include
 * broken ones). Files are KiBs to a few MiB; counts and depth are bounded.
 */
#include <ctype.h>
#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parley/ktab.h"
#include "loader.h"

#define KX_MAX_BYTES (16u * 1024u * 1024u)
#define KX_MAX_ELEMENTS 1000000
#define KX_MAX_DEPTH 64
#define KX_MAX_TEXT 1024      /* KTAB's own limits are 512 (names) and 256 (descriptions) */
#define KX_MAX_CELLS 65536     /* actors x dimensions, and <iaPair> entries */

typedef struct kx_node kx_node_t;
struct kx_node {
    const char *name;
    const char *text;          /* a leaf's character data, trimmed; NULL for a parent */
    int line, col;
    kx_node_t *parent, *first, *last, *next;
};

typedef struct kx_build {
    XML_Parser p;
    parley_ctx_t *ctx;
    parley__arena_t *a;
    const char *name;
    kx_node_t *root, *cur;
    size_t n_elements, depth;
    parley_buf_t text;         /* the current element's character data */
    parley_status_t st;
} kx_build_t;

static void stop(kx_build_t *b, parley_status_t st, const char *what)
{
    if (b->st)
        return;
    int line = (int)XML_GetCurrentLineNumber(b->p), col = (int)XML_GetCurrentColumnNumber(b->p) + 1;
    b->st = st == PARLEY_ENOMEM ? parley__fail(b->ctx, st, "%s: out of memory", b->name)
                                : parley__fail(b->ctx, st, "%s:%d:%d: %s", b->name, line, col, what);
    XML_StopParser(b->p, XML_FALSE);
}

static void XMLCALL on_start(void *ud, const XML_Char *el, const XML_Char **attrs)
{
    kx_build_t *b = ud;
    (void)attrs; /* KTAB's scenarios carry nothing in attributes but a schema hint */
    if (++b->n_elements > KX_MAX_ELEMENTS)
        return stop(b, PARLEY_ELIMIT, "more than 1000000 XML elements");
    if (++b->depth > KX_MAX_DEPTH)
        return stop(b, PARLEY_ELIMIT, "XML elements nested deeper than 64");
    kx_node_t *n = parley__arena_alloc(b->a, sizeof *n);
    if (!n || !(n->name = parley__arena_strdup(b->a, el)))
        return stop(b, PARLEY_ENOMEM, NULL);
    n->line = (int)XML_GetCurrentLineNumber(b->p);
    n->col = (int)XML_GetCurrentColumnNumber(b->p) + 1;
    n->parent = b->cur;
    if (b->cur)
        *(b->cur->last ? &b->cur->last->next : &b->cur->first) = n;
    if (b->cur)
        b->cur->last = n;
    else
        b->root = n;
    b->cur = n;
    b->text.len = 0; /* a parent's own text (white space between children) is dropped */
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    kx_build_t *b = ud;
    if (!b->cur || b->cur->first)
        return;
    if (b->text.len + (size_t)len > KX_MAX_TEXT)
        return stop(b, PARLEY_ELIMIT, "an element's text is longer than 1024 bytes");
    parley_buf_append(&b->text, s, (size_t)len);
    if (b->text.failed)
        stop(b, PARLEY_ENOMEM, NULL);
}

static void XMLCALL on_end(void *ud, const XML_Char *el)
{
    kx_build_t *b = ud;
    (void)el;
    kx_node_t *n = b->cur;
    if (!n->first) {
        const char *s = b->text.len ? b->text.data : "";
        size_t len = b->text.len;
        while (len && isspace((unsigned char)*s))
            s++, len--;
        while (len && isspace((unsigned char)s[len - 1]))
            len--;
        if (!(n->text = parley__arena_strndup(b->a, s, len)))
            return stop(b, PARLEY_ENOMEM, NULL);
    }
    b->text.len = 0;
    b->depth--;
    b->cur = n->parent;
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sys,
                               const XML_Char *pub, int internal)
{
    (void)name, (void)sys, (void)pub, (void)internal;
    stop(ud, PARLEY_EINPUT, "XML: document type declarations (DTDs) are not supported");
}

static parley_status_t parse_tree(parley_ctx_t *ctx, parley__arena_t *a, const char *name,
                                  const char *buf, size_t len, kx_node_t **root)
{
    if (len > KX_MAX_BYTES)
        return parley__fail(ctx, PARLEY_ELIMIT, "%s: larger than the limit of %u bytes", name,
                            KX_MAX_BYTES);
    static const XML_Memory_Handling_Suite mm = {parley__malloc, parley__realloc, parley__free};
    XML_Parser p = XML_ParserCreate_MM(NULL, &mm, NULL);
    if (!p)
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", name);
    kx_build_t b = {.p = p, .ctx = ctx, .a = a, .name = name};
    parley_buf_init(&b.text);
    XML_SetUserData(p, &b);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    if (XML_Parse(p, buf, (int)len, XML_TRUE) == XML_STATUS_ERROR && !b.st &&
        XML_GetErrorCode(p) == XML_ERROR_NO_MEMORY)
        b.st = parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", name);
    else if (!b.st && XML_GetErrorCode(p) != XML_ERROR_NONE)
        b.st = parley__fail(ctx, PARLEY_EINPUT, "%s:%d:%d: XML: %s", name,
                            (int)XML_GetCurrentLineNumber(p), (int)XML_GetCurrentColumnNumber(p) + 1,
                            XML_ErrorString(XML_GetErrorCode(p)));
    XML_ParserFree(p);
    parley_buf_free(&b.text);
    if (b.st)
        return b.st;
    *root = b.root;
    return PARLEY_OK;
}

/* ---- Reading the scenario. */

/* KTAB's <ModelParameters>: the element, KTAB's words in the order of
 * Parley's enum, and the words of the `smp:` section (docs/models.md). */
typedef struct kx_param {
    const char *element, *key;
    const char *const ktab[7], *const parley[7];
} kx_param_t;

static const kx_param_t PARAMS[] = {
    {"VictoryProbModel", "victory", {"Linear", "Square", "Quartic", "Octic", "Binary"},
     {"linear", "square", "quartic", "octic", "binary"}},
    {"PCEModel", "pce", {"Conditional", "MarkovIncentive", "MarkovUniform"},
     {"conditional", "markov-incentive", "markov-uniform"}},
    {"StateTransitions", "mode", {"Deterministic", "Stochastic"}, {"deterministic", "stochastic"}},
    {"VotingRule", "voting", {"Prop", "Binary", "PropBin", "PropCbc", "Cubic", "ASymProsp"},
     {"proportional", "binary", "prop-binary", "prop-cubic", "cubic", "asymmetric-prospect"}},
    {"BigRAdjust", "risk_adjust", {"OneThird", "None", "Half", "TwoThirds", "Full"},
     {"one-third", "none", "half", "two-thirds", "full"}},
    {"BigRRange", "risk_range", {"Mid", "Min", "Max"}, {"mid", "min", "max"}},
    {"ThirdPartyCommit", "commit", {"SemiCommit", "NoCommit", "FullCommit"},
     {"semi", "none", "full"}},
    {"InterVecBrgn", "interp", {"S2P2", "S1P1", "S2PMax"}, {"s2p2", "s1p1", "s2pmax"}},
    {"BargnModel", "bargain", {"InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"},
     {"initiator-only", "initiator-receiver", "pairwise-compromise"}},
};
#define N_PARAMS (sizeof PARAMS / sizeof *PARAMS)

typedef struct kx_adjust {
    size_t actor, reference;
    double adjust;
} kx_adjust_t;

typedef struct kx {
    parley_ctx_t *ctx;
    const char *name;
    parley__arena_t *a;
    parley_actor_table_t t;
    const char *seed;              /* as written (decimal digits), NULL when absent */
    int param[N_PARAMS];           /* -1: not given */
    size_t n_params;
    size_t n_adjust;
    kx_adjust_t *adjust;
} kx_t;

static parley_status_t xerr(kx_t *K, const kx_node_t *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static parley_status_t xerr(kx_t *K, const kx_node_t *at, const char *fmt, ...)
{
    char what[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return parley__fail(K->ctx, PARLEY_EINPUT, "%s:%d:%d: %s", K->name, at->line, at->col, what);
}

static parley_status_t nomem(kx_t *K)
{
    return parley__fail(K->ctx, PARLEY_ENOMEM, "%s: out of memory", K->name);
}

/* An element the reader does not know: a typo gets a suggestion. */
static parley_status_t unknown(kx_t *K, const kx_node_t *n, const char *in,
                               const char *const *known, size_t nk)
{
    const char *hint = parley_suggest(n->name, known, nk);
    char list[512] = "";
    for (size_t k = 0; k < nk; k++) {
        size_t at = strlen(list);
        snprintf(list + at, sizeof list - at, "%s<%s>", k ? ", " : "", known[k]);
    }
    if (hint)
        return xerr(K, n, "%s: unknown element <%.60s> (did you mean <%s>?)", in, n->name, hint);
    return xerr(K, n, "%s: unknown element <%.60s> (KTAB's are %s)", in, n->name, list);
}

/* The text of a leaf element; an element with children where text belongs is an error. */
static parley_status_t leaf(kx_t *K, const kx_node_t *n, const char *what, const char **out)
{
    if (!n->text)
        return xerr(K, n, "%s: <%s> must hold text, not other elements", what, n->name);
    *out = n->text;
    return PARLEY_OK;
}

/* A number in [lo,hi]; `what` names the owner, k > 0 numbers the element. */
static parley_status_t number(kx_t *K, const kx_node_t *n, const char *what, size_t k, double lo,
                              double hi, double *out)
{
    const char *s = NULL;
    parley_status_t st = leaf(K, n, what, &s);
    if (st)
        return st;
    char el[96];
    snprintf(el, sizeof el, k ? "<%s> #%zu" : "<%s>", n->name, k);
    if (!*s)
        return xerr(K, n, "%s: %s is empty: expected a number in [%g,%g]", what, el, lo, hi);
    if (!parley__parse_number(s, out))
        return xerr(K, n, "%s: %s must be a number, got '%.40s'", what, el, s);
    if (!(*out >= lo && *out <= hi))
        return xerr(K, n, "%s: %s must be in [%g,%g], got %s", what, el, lo, hi, s);
    return PARLEY_OK;
}

/* <prngSeed>: decimal (KTAB's) or 0x-prefixed hexadecimal, 0..2^64-1. */
static parley_status_t seed(kx_t *K, const kx_node_t *n)
{
    const char *s = NULL;
    parley_status_t st = leaf(K, n, "<Scenario>", &s);
    if (st)
        return st;
    int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    const char *d = hex ? s + 2 : s;
    int ok = *d != '\0';
    for (const char *p = d; ok && *p; p++)
        ok = hex ? isxdigit((unsigned char)*p) != 0 : (*p >= '0' && *p <= '9');
    errno = 0;
    unsigned long long v = ok ? strtoull(d, NULL, hex ? 16 : 10) : 0;
    if (!ok || errno)
        return xerr(K, n, "<prngSeed> must be a whole number from 0 to %llu (decimal, or "
                    "hexadecimal after 0x), got '%.40s'", (unsigned long long)UINT64_MAX, s);
    char buf[32];
    snprintf(buf, sizeof buf, "%llu", v);
    return (K->seed = parley__arena_strdup(K->a, buf)) ? PARLEY_OK : nomem(K);
}

static parley_status_t model_params(kx_t *K, const kx_node_t *mp)
{
    const char *names[N_PARAMS];
    for (size_t k = 0; k < N_PARAMS; k++)
        names[k] = PARAMS[k].element;
    for (const kx_node_t *c = mp->first; c; c = c->next) {
        size_t k = 0;
        while (k < N_PARAMS && strcmp(c->name, PARAMS[k].element) != 0)
            k++;
        if (k == N_PARAMS)
            return unknown(K, c, "<ModelParameters>", names, N_PARAMS);
        if (K->param[k] >= 0)
            return xerr(K, c, "<ModelParameters>: a second <%s>", c->name);
        const char *s = NULL;
        parley_status_t st = leaf(K, c, "<ModelParameters>", &s);
        if (st)
            return st;
        const kx_param_t *P = &PARAMS[k];
        size_t v = 0, nv = 0;
        while (nv < 7 && P->ktab[nv])
            nv++;
        while (v < nv && strcmp(s, P->ktab[v]) != 0)
            v++;
        if (v == nv) {
            char list[256] = "";
            for (size_t m = 0; m < nv; m++) {
                size_t at = strlen(list);
                snprintf(list + at, sizeof list - at, "%s%s", m ? ", " : "", P->ktab[m]);
            }
            const char *hint = *s ? parley_suggest(s, P->ktab, nv) : NULL;
            if (hint)
                return xerr(K, c, "<%s>: unknown value '%.60s' (did you mean '%s'?)", c->name, s,
                            hint);
            return xerr(K, c, "<%s> must be one of %s, got '%.60s'", c->name, list, s);
        }
        K->param[k] = (int)v;
        K->n_params++;
    }
    return PARLEY_OK;
}

static parley_status_t dimensions(kx_t *K, const kx_node_t *dims)
{
    size_t n = 0;
    for (const kx_node_t *c = dims->first; c; c = c->next) {
        if (strcmp(c->name, "dName") != 0) {
            static const char *const known[] = {"dName"};
            return unknown(K, c, "<Dimensions>", known, 1);
        }
        if (++n > PARLEY_MAX_ISSUES)
            return parley__fail(K->ctx, PARLEY_ELIMIT, "%s:%d:%d: more than %d dimensions",
                                K->name, c->line, c->col, PARLEY_MAX_ISSUES);
    }
    if (n == 0)
        return xerr(K, dims, "<Dimensions> has no <dName>: a scenario needs at least one");
    K->t.n_dims = n;
    if (!(K->t.dim_names = parley__arena_array(K->a, n, sizeof(char *))))
        return nomem(K);
    size_t k = 0;
    for (const kx_node_t *c = dims->first; c; c = c->next, k++) {
        const char *s = NULL;
        parley_status_t st = leaf(K, c, "<Dimensions>", &s);
        if (st)
            return st;
        if (!*s)
            return xerr(K, c, "<dName> #%zu is empty: a dimension needs a name", k + 1);
        if (!(K->t.dim_names[k] = parley__arena_strdup(K->a, s)))
            return nomem(K);
    }
    return PARLEY_OK;
}

/* <Position> or <Salience>: exactly one <tag> per dimension, each in [0,100]. */
static parley_status_t vector(kx_t *K, const kx_node_t *v, const char *tag, const char *actor,
                              double *out)
{
    size_t n = 0, D = K->t.n_dims;
    char what[160];
    snprintf(what, sizeof what, "actor '%.60s'", actor);
    for (const kx_node_t *c = v->first; c; c = c->next) {
        if (strcmp(c->name, tag) != 0) {
            const char *known[] = {tag};
            return unknown(K, c, v->name, known, 1);
        }
        if (n == D)
            return xerr(K, c, "%s: <%s> has more than %zu <%s>: the scenario has %zu dimension%s",
                        what, v->name, D, tag, D, D == 1 ? "" : "s");
        parley_status_t st = number(K, c, what, n + 1, 0.0, 100.0, &out[n]);
        n++;
        if (st)
            return st;
    }
    if (n < D)
        return xerr(K, v, "%s: <%s> has %zu <%s>, the scenario has %zu dimension%s", what, v->name,
                    n, tag, D, D == 1 ? "" : "s");
    return PARLEY_OK;
}

/* One <Actor>: name, description, capability, Position, Salience. */
static parley_status_t actor(kx_t *K, const kx_node_t *an, size_t i)
{
    static const char *const known[] = {"name", "description", "capability", "Position",
                                        "Salience"};
    const kx_node_t *el[5] = {NULL};
    char what[160];
    snprintf(what, sizeof what, "<Actor> #%zu", i + 1);
    for (const kx_node_t *c = an->first; c; c = c->next) {
        size_t k = 0;
        while (k < 5 && strcmp(c->name, known[k]) != 0)
            k++;
        if (k == 5)
            return unknown(K, c, what, known, 5);
        if (el[k])
            return xerr(K, c, "%s: a second <%s>", what, c->name);
        el[k] = c;
    }
    parley_actor_table_t *t = &K->t;
    const char *s = NULL;
    parley_status_t st;
    if (!el[0])
        return xerr(K, an, "%s has no <name>", what);
    if ((st = leaf(K, el[0], what, &s)))
        return st;
    if (!*s)
        return xerr(K, el[0], "%s: <name> is empty: an actor needs a name", what);
    if (!(t->actor_names[i] = parley__arena_strdup(K->a, s)) ||
        !(t->actor_ids[i] = parley__make_id(K->a, s, t->actor_ids, i, 0)))
        return nomem(K);
    snprintf(what, sizeof what, "actor '%.60s'", s);
    if (el[1]) {
        if ((st = leaf(K, el[1], what, &s)))
            return st;
        if (*s && !(t->actor_desc[i] = parley__arena_strdup(K->a, s)))
            return nomem(K);
    }
    if (!el[2] || !el[3] || !el[4])
        return xerr(K, an, "%s has no <%s>", what, !el[2] ? "capability" : !el[3] ? "Position"
                                                                                 : "Salience");
    if ((st = number(K, el[2], what, 0, 0.0, 1e12, &t->capability[i])))
        return st;
    if (!(t->capability[i] > 0.0))
        return xerr(K, el[2], "%s: <capability> must be > 0, got %s", what, el[2]->text);
    size_t D = t->n_dims;
    if ((st = vector(K, el[3], "dCoord", t->actor_names[i], t->position + i * D)) ||
        (st = vector(K, el[4], "dSal", t->actor_names[i], t->salience + i * D)))
        return st;
    double sum = 0.0;
    for (size_t k = 0; k < D; k++)
        sum += t->salience[i * D + k] /= 100.0;
    if (!(sum > 0.0))
        return xerr(K, el[4], "%s has salience 0 on every dimension: a scenario needs each actor "
                    "to care about something", what);
    return PARLEY_OK;
}

static parley_status_t actors(kx_t *K, const kx_node_t *as)
{
    size_t n = 0, D = K->t.n_dims;
    for (const kx_node_t *c = as->first; c; c = c->next) {
        if (strcmp(c->name, "Actor") != 0) {
            static const char *const known[] = {"Actor"};
            return unknown(K, c, "<Actors>", known, 1);
        }
        if (++n > PARLEY_MAX_ACTORS || n * D > KX_MAX_CELLS)
            return parley__fail(K->ctx, PARLEY_ELIMIT, "%s:%d:%d: more than %zu actors (at most "
                                "%d, and %d actor-dimension pairs)", K->name, c->line, c->col,
                                n - 1, PARLEY_MAX_ACTORS, KX_MAX_CELLS);
    }
    if (n == 0)
        return xerr(K, as, "<Actors> has no <Actor>: a scenario needs at least one");
    parley_actor_table_t *t = &K->t;
    t->n_actors = n;
    t->actor_ids = parley__arena_array(K->a, n, sizeof(char *));
    t->actor_names = parley__arena_array(K->a, n, sizeof(char *));
    t->actor_desc = parley__arena_array(K->a, n, sizeof(char *));
    t->capability = parley__arena_array(K->a, n, sizeof(double));
    t->position = parley__arena_array(K->a, n * D, sizeof(double));
    t->salience = parley__arena_array(K->a, n * D, sizeof(double));
    if (!t->actor_ids || !t->actor_names || !t->actor_desc || !t->capability || !t->position ||
        !t->salience)
        return nomem(K);
    size_t i = 0;
    for (const kx_node_t *c = as->first; c; c = c->next, i++) {
        parley_status_t st = actor(K, c, i);
        if (st)
            return st;
    }
    return PARLEY_OK;
}

/* The actor a name refers to (KTAB matches names exactly). */
static parley_status_t actor_named(kx_t *K, const kx_node_t *n, size_t *out)
{
    const char *s = NULL;
    parley_status_t st = leaf(K, n, "<iaPair>", &s);
    if (st)
        return st;
    size_t found = (size_t)-1, hits = 0;
    for (size_t i = 0; i < K->t.n_actors; i++)
        if (strcmp(K->t.actor_names[i], s) == 0)
            found = i, hits++;
    if (hits > 1)
        return xerr(K, n, "<%s>: %zu actors are named '%.60s': the pair is ambiguous", n->name,
                    hits, s);
    if (hits == 1) {
        *out = found;
        return PARLEY_OK;
    }
    const char *hint = parley_suggest(s, (const char *const *)K->t.actor_names, K->t.n_actors);
    if (hint)
        return xerr(K, n, "<%s>: no actor is named '%.60s' (did you mean '%s'?)", n->name, s, hint);
    return xerr(K, n, "<%s>: no actor is named '%.60s'", n->name, s);
}

static parley_status_t ia_pair(kx_t *K, const kx_node_t *pn, double *A)
{
    static const char *const known[] = {"adjustingIdeal", "referencePos", "adjust"};
    const kx_node_t *el[3] = {NULL};
    for (const kx_node_t *c = pn->first; c; c = c->next) {
        size_t k = 0;
        while (k < 3 && strcmp(c->name, known[k]) != 0)
            k++;
        if (k == 3)
            return unknown(K, c, "<iaPair>", known, 3);
        if (el[k])
            return xerr(K, c, "<iaPair>: a second <%s>", c->name);
        el[k] = c;
    }
    for (size_t k = 0; k < 3; k++)
        if (!el[k])
            return xerr(K, pn, "<iaPair> has no <%s>", known[k]);
    kx_adjust_t *e = &K->adjust[K->n_adjust];
    parley_status_t st;
    if ((st = actor_named(K, el[0], &e->actor)) || (st = actor_named(K, el[1], &e->reference)) ||
        (st = number(K, el[2], "<iaPair>", 0, 0.0, 1.0, &e->adjust)))
        return st;
    size_t n = K->t.n_actors;
    for (size_t k = 0; k < K->n_adjust; k++)
        if (K->adjust[k].actor == e->actor && K->adjust[k].reference == e->reference)
            return xerr(K, pn, "a second <iaPair> for '%s' adjusting to '%s'",
                        K->t.actor_names[e->actor], K->t.actor_names[e->reference]);
    A[e->actor * n + e->reference] = e->adjust;
    double sum = 0.0;
    for (size_t j = 0; j < n; j++)
        sum += A[e->actor * n + j];
    if (sum > 1.0 + 1e-10)
        return xerr(K, pn, "'%s' adjusts its ideal by %g in all (its own <iaPair> is 1 unless "
                    "given): an actor's adjustments must sum to at most 1",
                    K->t.actor_names[e->actor], sum);
    K->n_adjust++;
    return PARLEY_OK;
}

/* <IdealAdjustment>: entries over the identity matrix, as KTAB reads them. */
static parley_status_t ideal_adjustment(kx_t *K, const kx_node_t *ia)
{
    size_t n = K->t.n_actors, count = 0;
    for (const kx_node_t *c = ia->first; c; c = c->next) {
        if (strcmp(c->name, "iaPair") != 0) {
            static const char *const known[] = {"iaPair"};
            return unknown(K, c, "<IdealAdjustment>", known, 1);
        }
        if (++count > n * n || count > KX_MAX_CELLS)
            return xerr(K, c, "<IdealAdjustment> has more than %zu <iaPair> (%zu actors)",
                        n * n < KX_MAX_CELLS ? n * n : (size_t)KX_MAX_CELLS, n);
    }
    K->adjust = parley__arena_array(K->a, count + 1, sizeof *K->adjust);
    double *A = parley__calloc(n * n, sizeof *A);
    if (!K->adjust || !A)
        return parley__free(A), nomem(K);
    for (size_t i = 0; i < n; i++)
        A[i * n + i] = 1.0;
    parley_status_t st = PARLEY_OK;
    for (const kx_node_t *c = ia->first; c && !st; c = c->next)
        st = ia_pair(K, c, A);
    parley__free(A);
    return st;
}

static parley_status_t scenario(kx_t *K, const kx_node_t *root)
{
    static const char *const known[] = {"name", "desc", "prngSeed", "ModelParameters",
                                        "Dimensions", "Actors", "IdealAdjustment"};
    enum { NAME, DESC, SEED, PARAMS_, DIMS, ACTORS, IA, N_KNOWN };
    if (!root || strcmp(root->name, "Scenario") != 0)
        return root ? xerr(K, root, "expected a KTAB <Scenario>, found <%.60s>", root->name)
                    : parley__fail(K->ctx, PARLEY_EINPUT, "%s: no XML element", K->name);
    const kx_node_t *el[N_KNOWN] = {NULL};
    for (const kx_node_t *c = root->first; c; c = c->next) {
        size_t k = 0;
        while (k < N_KNOWN && strcmp(c->name, known[k]) != 0)
            k++;
        if (k == N_KNOWN)
            return unknown(K, c, "<Scenario>", known, N_KNOWN);
        if (el[k])
            return xerr(K, c, "<Scenario>: a second <%s>", c->name);
        el[k] = c;
    }
    parley_status_t st = PARLEY_OK;
    const char *s = NULL;
    if (el[NAME] && !(st = leaf(K, el[NAME], "<Scenario>", &s)) &&
        !(K->t.name = parley__arena_strdup(K->a, s)))
        return nomem(K);
    if (el[NAME] && st)
        return st;
    if (el[DESC] && !(st = leaf(K, el[DESC], "<Scenario>", &s)) &&
        !(K->t.description = parley__arena_strdup(K->a, s)))
        return nomem(K);
    if (el[DESC] && st)
        return st;
    if ((el[SEED] && (st = seed(K, el[SEED]))) ||
        (el[PARAMS_] && (st = model_params(K, el[PARAMS_]))))
        return st;
    if (!el[DIMS])
        return xerr(K, root, "<Scenario> has no <Dimensions> (the issues, one <dName> each)");
    if ((st = dimensions(K, el[DIMS])))
        return st;
    if (!el[ACTORS])
        return xerr(K, root, "<Scenario> has no <Actors>");
    if ((st = actors(K, el[ACTORS])))
        return st;
    return el[IA] ? ideal_adjustment(K, el[IA]) : PARLEY_OK;
}

/* ---- Writing. */

/* The `smp:` section: KTAB's model parameters, seed and ideal adjustment. */
static void smp_section(const kx_t *K, const char *origin, parley_buf_t *out)
{
    if (!K->seed && !K->n_params && !K->n_adjust)
        return;
    parley_buf_puts(out, "smp:\n  source: ");
    char src[300];
    snprintf(src, sizeof src, "KTAB's <ModelParameters>, <prngSeed> and <IdealAdjustment> in %s",
             parley__base_name(origin));
    parley__yaml_qstr(out, src);
    parley_buf_puts(out, "\n");
    for (size_t k = 0; k < N_PARAMS; k++)
        if (K->param[k] >= 0)
            parley_buf_printf(out, "  %s: %s\n", PARAMS[k].key, PARAMS[k].parley[K->param[k]]);
    if (K->seed)
        parley_buf_printf(out, "  seed: %s\n", K->seed);
    if (K->n_adjust)
        parley_buf_puts(out, "  accommodation:\n");
    for (size_t k = 0; k < K->n_adjust; k++) {
        parley_buf_puts(out, "    - {actor: ");
        parley__yaml_qstr(out, K->t.actor_ids[K->adjust[k].actor]);
        parley_buf_puts(out, ", reference: ");
        parley__yaml_qstr(out, K->t.actor_ids[K->adjust[k].reference]);
        parley_buf_puts(out, ", adjust: ");
        parley__yaml_num(out, K->adjust[k].adjust);
        parley_buf_puts(out, "}\n");
    }
}

int parley_ktab_is_xml(const char *buf, size_t len)
{
    size_t k = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (k < len && isspace((unsigned char)buf[k]))
        k++;
    return k < len && buf[k] == '<';
}

parley_status_t parley_ktab_xml_to_yaml(parley_ctx_t *ctx, const char *name, const char *buf,
                                        size_t len, parley_buf_t *out, parley_ktab_info_t *info)
{
    if (!name || (!buf && len) || !out)
        return parley__fail(ctx, PARLEY_EARG, "parley_ktab_xml_to_yaml: invalid argument");
    parley__arena_t a;
    parley__arena_init(&a, 0);
    kx_t K = {.ctx = ctx, .name = name, .a = &a};
    for (size_t k = 0; k < N_PARAMS; k++)
        K.param[k] = -1;
    K.t.layout = "ktab-xml";
    K.t.salience_percent = 1;
    kx_node_t *root = NULL;
    parley_status_t st = parse_tree(ctx, &a, name, buf ? buf : "", len, &root);
    if (!st)
        st = scenario(&K, root);
    parley_buf_t y;
    parley_buf_init(&y);
    if (!st && !(st = parley_actor_table_to_yaml(ctx, &K.t, name, &y))) {
        smp_section(&K, name, &y);
        if (y.failed)
            st = nomem(&K);
    }
    if (!st) {
        parley_buf_append(out, y.data, y.len);
        st = out->failed ? nomem(&K) : PARLEY_OK;
    }
    if (!st && info)
        *info = (parley_ktab_info_t){.n_actors = K.t.n_actors, .n_dims = K.t.n_dims,
                                     .n_params = K.n_params, .n_adjust = K.n_adjust};
    parley_buf_free(&y);
    parley__arena_free(&a);
    if (!st)
        parley__ok(ctx);
    return st;
}
