/*
 * arena.c — a bump allocator for a scenario's many small strings and
 * arrays, freed at once with the scenario. Chunks grow geometrically; an
 * optional byte limit bounds what one input can make us allocate.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core.h"

struct parley__chunk {
    parley__chunk_t *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

void parley__arena_init(parley__arena_t *a, size_t limit)
{
    a->head = NULL;
    a->used_total = 0;
    a->limit = limit;
}

void parley__arena_free(parley__arena_t *a)
{
    parley__chunk_t *c = a->head;
    while (c) {
        parley__chunk_t *next = c->next;
        parley__free(c);
        c = next;
    }
    a->head = NULL;
    a->used_total = 0;
}

void *parley__arena_alloc(parley__arena_t *a, size_t size)
{
    size_t need = (size + 15u) & ~(size_t)15u;
    if (need < size)
        return NULL;
    if (a->limit && (need > a->limit || a->used_total > a->limit - need))
        return NULL;
    parley__chunk_t *c = a->head;
    if (!c || c->size - c->used < need) {
        size_t sz = c ? c->size * 2 : 4096;
        if (sz < need)
            sz = need;
        if (sz > SIZE_MAX - sizeof *c)
            return NULL;
        c = parley__malloc(sizeof *c + sz);
        if (!c)
            return NULL;
        c->next = a->head;
        c->size = sz;
        c->used = 0;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += need;
    a->used_total += need;
    memset(p, 0, size);
    return p;
}

void *parley__arena_array(parley__arena_t *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return parley__arena_alloc(a, (n * size) != 0 ? n * size : 1);
}

char *parley__arena_strndup(parley__arena_t *a, const char *s, size_t n)
{
    char *p = parley__arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *parley__arena_strdup(parley__arena_t *a, const char *s)
{
    return s ? parley__arena_strndup(a, s, strlen(s)) : NULL;
}
