/*
 * genius_xml.c — turns a GENIUS XML file into a small element tree (names,
 * attributes, line and column; character data is not needed and dropped)
 * with libexpat. Files are at most a few MiB; elements and depth are
 * bounded, and DTDs are refused so no entity can expand.
 */
#include <expat.h>
#include <string.h>
#include "genius.h"

typedef struct xbuild {
    XML_Parser p;
    parley_ctx_t *ctx;
    parley__arena_t *a;
    const char *name;
    xnode_t *root, *cur;
    size_t n_elements, depth;
    parley_status_t st;
} xbuild_t;

static void stop(xbuild_t *b, parley_status_t st, const char *what)
{
    if (b->st)
        return;
    int line = (int)XML_GetCurrentLineNumber(b->p), col = (int)XML_GetCurrentColumnNumber(b->p) + 1;
    b->st = st == PARLEY_ENOMEM ? parley__fail(b->ctx, st, "%s: out of memory", b->name)
                                : parley__fail(b->ctx, st, "%s:%d:%d: %s", b->name, line, col, what);
    XML_StopParser(b->p, XML_FALSE);
}

static const char **copy_attrs(parley__arena_t *a, const XML_Char **attrs)
{
    size_t n = 0;
    while (attrs[n])
        n++;
    const char **out = parley__arena_array(a, n + 1, sizeof *out);
    for (size_t k = 0; out && k < n; k++)
        if (!(out[k] = parley__arena_strdup(a, attrs[k])))
            return NULL;
    return out;
}

static void XMLCALL on_start(void *ud, const XML_Char *el, const XML_Char **attrs)
{
    xbuild_t *b = ud;
    if (++b->n_elements > GN_MAX_ELEMENTS)
        return stop(b, PARLEY_ELIMIT, "more than 1000000 XML elements");
    if (++b->depth > GN_MAX_DEPTH)
        return stop(b, PARLEY_ELIMIT, "XML elements nested deeper than 64");
    xnode_t *n = parley__arena_alloc(b->a, sizeof *n);
    if (!n || !(n->name = parley__arena_strdup(b->a, el)) || !(n->attrs = copy_attrs(b->a, attrs)))
        return stop(b, PARLEY_ENOMEM, NULL);
    n->line = (int)XML_GetCurrentLineNumber(b->p);
    n->col = (int)XML_GetCurrentColumnNumber(b->p) + 1;
    n->parent = b->cur;
    if (b->cur) {
        if (b->cur->last)
            b->cur->last->next = n;
        else
            b->cur->first = n;
        b->cur->last = n;
    } else {
        b->root = n;
    }
    b->cur = n;
}

static void XMLCALL on_end(void *ud, const XML_Char *el)
{
    xbuild_t *b = ud;
    (void)el;
    b->depth--;
    b->cur = b->cur->parent;
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sys,
                               const XML_Char *pub, int internal)
{
    (void)name, (void)sys, (void)pub, (void)internal;
    stop(ud, PARLEY_EINPUT, "XML: document type declarations (DTDs) are not supported");
}

parley_status_t parley__xml_tree(parley_ctx_t *ctx, parley__arena_t *a, const char *name,
                                 const char *buf, size_t len, xnode_t **root)
{
    if (len > GN_MAX_FILE_BYTES)
        return parley__fail(ctx, PARLEY_ELIMIT, "%s: larger than the limit of %u bytes", name,
                            GN_MAX_FILE_BYTES);
    /* expat allocates through ours, so the allocation-failure tests reach it too. */
    static const XML_Memory_Handling_Suite mm = {parley__malloc, parley__realloc, parley__free};
    XML_Parser p = XML_ParserCreate_MM(NULL, &mm, NULL);
    if (!p)
        return parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", name);
    xbuild_t b = {.p = p, .ctx = ctx, .a = a, .name = name};
    XML_SetUserData(p, &b);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    if (XML_Parse(p, buf, (int)len, XML_TRUE) == XML_STATUS_ERROR && !b.st &&
        XML_GetErrorCode(p) == XML_ERROR_NO_MEMORY)
        b.st = parley__fail(ctx, PARLEY_ENOMEM, "%s: out of memory", name);
    else if (!b.st && XML_GetErrorCode(p) != XML_ERROR_NONE)
        b.st = parley__fail(ctx, PARLEY_EINPUT, "%s:%d:%d: XML: %s", name,
                            (int)XML_GetCurrentLineNumber(p),
                            (int)XML_GetCurrentColumnNumber(p) + 1,
                            XML_ErrorString(XML_GetErrorCode(p)));
    XML_ParserFree(p);
    if (b.st)
        return b.st;
    *root = b.root;
    return PARLEY_OK;
}

const char *parley__xml_attr(const xnode_t *n, const char *attr)
{
    for (size_t k = 0; n->attrs[k]; k += 2)
        if (strcmp(n->attrs[k], attr) == 0)
            return n->attrs[k + 1];
    return NULL;
}

const xnode_t *parley__xml_child(const xnode_t *n, const char *name)
{
    for (const xnode_t *c = n->first; c; c = c->next)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}
