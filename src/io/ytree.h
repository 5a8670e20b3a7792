/*
 * ytree.h — a YAML/JSON document as a small tree whose every node knows its
 * line and column, built from libfyaml's event stream with explicit limits
 * (nodes after alias expansion, depth, string length).
 */
#ifndef PARLEY_YTREE_H
#define PARLEY_YTREE_H

#include <stddef.h>
#include "../core/core.h"

typedef enum { YT_SCALAR, YT_MAP, YT_SEQ } yt_kind_t;

typedef struct yt_node yt_node_t;
struct yt_node {
    yt_kind_t kind;
    int line, col;          /* 1-based */
    const char *str;        /* scalar text, NUL-terminated */
    size_t len;
    int plain;              /* an unquoted scalar (may be a number or null) */
    size_t n;               /* seq: items; map: pairs */
    yt_node_t **items;      /* seq: n items; map: 2n (key, value, key, value...) */
    size_t weight;          /* nodes in this subtree, for the alias budget */
    size_t set;             /* 0: read from the file; k+1: made by override k (load_set.c) */
    size_t off, end;        /* its bytes in the text read, [off, end); end 0: unknown (an
                               empty scalar, a node made by an override). A scalar's range
                               holds its quotes; a block collection's ends where its last
                               item does, a flow one's after its ']' or '}' */
};

typedef struct yt_limits {
    size_t max_nodes;   /* after alias expansion */
    size_t max_depth;
    size_t max_string;
    size_t max_bytes;   /* input size */
} yt_limits_t;

/*
 * Parses buf into a tree allocated in arena. Returns PARLEY_OK and *root
 * (NULL for an empty document), or a status with "name:line:col: message"
 * on ctx. Only one document per stream is accepted; duplicate keys are
 * errors.
 */
parley_status_t parley__yt_parse(parley_ctx_t *ctx, parley__arena_t *arena, const char *name,
                                 const char *buf, size_t len, const yt_limits_t *lim,
                                 yt_node_t **root);

/* A plain scalar that YAML reads as null ("", "~", "null"). */
int parley__yt_is_null(const yt_node_t *n);

#endif
