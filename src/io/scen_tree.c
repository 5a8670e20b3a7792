/*
 * scen_tree.c — a scenario text (YAML or JSON) as the tree the loader reads,
 * written as JSON for the web page's scenario editor: every section, known
 * or not, with each scalar's exact text, whether it was quoted, and its
 * line. The editor changes the tree and writes it back as YAML, so what it
 * does not understand (linkage, ratification, sources ...) goes back as it
 * came (comments and anchors excepted: aliases are expanded).
 *   map     {"t": "m", "l": LINE, "r": [OFF, END], "i": [["key", NODE, [KOFF, KEND]], ...]}
 *   list    {"t": "l", "l": LINE, "r": [OFF, END], "i": [NODE, ...]}
 *   scalar  {"t": "s", "l": LINE, "r": [OFF, END], "v": "text", "q": true if quoted}
 * "r" is the node's byte range in the text, [OFF, END) (a scalar's with its
 * quotes; a block collection's from its first item to the end of its last;
 * a flow one's bracket to bracket), absent when unknown (an empty scalar);
 * a map item's third element is its key's range. The editor's minimal-edit
 * writer (web/yamledit.js) splices changes into the original text by them,
 * so comments and formatting outside the edited bytes survive.
 */
#include <stdlib.h>
#include <string.h>
#include "loader.h"
#include "parley/io.h"

static const yt_limits_t LIMITS = {
    .max_nodes = 1000000, .max_depth = 64, .max_string = 65536, .max_bytes = 16u * 1024u * 1024u};

static void range(parley_json_t *j, const yt_node_t *n)
{
    if (!n->end)
        return;
    parley_json_key(j, "r");
    parley_json_array_begin(j);
    parley_json_int(j, (long long)n->off);
    parley_json_int(j, (long long)n->end);
    parley_json_array_end(j);
}

static void node(parley_json_t *j, const yt_node_t *n)
{
    parley_json_object_begin(j);
    parley_json_key(j, "t");
    parley_json_string(j, n->kind == YT_MAP ? "m" : n->kind == YT_SEQ ? "l" : "s");
    parley_json_key(j, "l");
    parley_json_int(j, n->line);
    range(j, n);
    if (n->kind == YT_SCALAR) {
        parley_json_key(j, "v");
        parley_json_string(j, n->str ? n->str : "");
        parley_json_key(j, "q");
        parley_json_bool(j, !n->plain);
    } else {
        parley_json_key(j, "i");
        parley_json_array_begin(j);
        for (size_t k = 0; k < n->n; k++) {
            if (n->kind == YT_MAP) {
                const yt_node_t *key = n->items[2 * k];
                parley_json_array_begin(j);
                parley_json_string(j, key->str ? key->str : "");
                node(j, n->items[2 * k + 1]);
                if (key->end) {
                    parley_json_array_begin(j);
                    parley_json_int(j, (long long)key->off);
                    parley_json_int(j, (long long)key->end);
                    parley_json_array_end(j);
                }
                parley_json_array_end(j);
            } else {
                node(j, n->items[k]);
            }
        }
        parley_json_array_end(j);
    }
    parley_json_object_end(j);
}

parley_status_t parley_scenario_tree_json(parley_ctx_t *ctx, const char *name, const char *text,
                                          size_t len, parley_buf_t *out)
{
    if ((!text && len) || !out)
        return parley__fail(ctx, PARLEY_EARG, "parley_scenario_tree_json: invalid argument");
    parley__arena_t tree;
    parley__arena_init(&tree, 512u * 1024u * 1024u);
    yt_node_t *root = NULL;
    parley_status_t st = parley__yt_parse(ctx, &tree, name ? name : "scenario", text ? text : "",
                                          len, &LIMITS, &root);
    if (!st && !root)
        st = parley__fail(ctx, PARLEY_EINPUT, "%s: the scenario is empty", name ? name : "scenario");
    if (!st) {
        parley_json_t j;
        parley_json_init(&j, out, 0);
        node(&j, root);
        if (out->failed)
            st = parley__fail(ctx, PARLEY_ENOMEM, "out of memory writing the scenario's tree");
    }
    parley__arena_free(&tree);
    return st;
}
