/*
 * fuzz_set.c — libFuzzer target for overrides (set PATH=VALUE): the input's
 * leading lines, up to an empty line, are overrides and the rest is a
 * scenario. Any input must load or fail with a message naming the file or
 * the override, never crash, leak or hang.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "parley/parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    parley_override_t ov[8];
    size_t n = 0;
    char *p = text;
    while (n < 8 && *p && *p != '\n') { /* a NUL in a line ends it: the line is shorter */
        char *eol = strchr(p, '\n');
        if (!eol)
            break;
        *eol = '\0';
        ov[n].path = p;
        ov[n].value = NULL;
        n++;
        p = eol + 1;
    }
    if (*p == '\n')
        p++;
    size_t len = size - (size_t)(p - text);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL, *c = NULL;
    if (parley_scenario_load_buffer_with(ctx, "fuzz.yaml", p, len, ov, n, &s) == PARLEY_OK) {
        if (parley_scenario_clone(ctx, s, &c) != PARLEY_OK ||
            parley_scenario_override_count(c) != n)
            abort(); /* a clone reads what the original read */
        parley_scenario_destroy(c);
        parley_scenario_destroy(s);
    }
    parley_ctx_destroy(ctx);
    free(text);
    return 0;
}
