/*
 * fuzz_ktabxml.c — libFuzzer target for the KTAB XML scenario importer:
 * import, then load the YAML written back; the loader must accept
 * whatever the importer writes (only running out of memory may differ).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "parley/ktab.h"
#include "parley/parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_buf_t y;
    parley_buf_init(&y);
    if (parley_ktab_xml_to_yaml(ctx, "fuzz.xml", (const char *)data, size, &y, NULL) ==
        PARLEY_OK) {
        parley_scenario_t *s = NULL;
        parley_status_t st = parley_scenario_load_buffer(ctx, "fuzz.yaml", y.data, y.len, &s);
        if (st != PARLEY_OK && st != PARLEY_ENOMEM)
            abort(); /* the importer wrote a scenario its own loader rejects */
        parley_scenario_destroy(s);
    }
    parley_buf_free(&y);
    parley_ctx_destroy(ctx);
    return 0;
}
