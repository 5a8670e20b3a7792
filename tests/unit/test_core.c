/*
 * test_core.c — SHA-256 vectors, the exact package count, suggestions,
 * the arena.
 */
#include <stdint.h>
#include <stdlib.h>
#include "../../src/core/core.h"
#include "test.h"

static void sha256_vectors(void)
{
    char hex[65];
    parley__sha256_hex("", 0, hex);
    CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    parley__sha256_hex("abc", 3, hex);
    CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    parley__sha256_hex(m, strlen(m), hex);
    CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char *mil = malloc(1000000);
    memset(mil, 'a', 1000000);
    parley__sha256_hex(mil, 1000000, hex);
    CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(mil);
    /* 55, 56 and 64 bytes: the padding boundaries. */
    char b[64];
    memset(b, 'x', sizeof b);
    parley__sha256_hex(b, 55, hex);
    CHECK_INT(strlen(hex), 64);
}

static parley_scenario_t *load(const char *text)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st = parley_scenario_load_buffer(ctx, "t.yaml", text, strlen(text), &s);
    if (st)
        fprintf(stderr, "  load failed: %s\n", parley_ctx_message(ctx));
    parley_ctx_destroy(ctx);
    return s;
}

static void package_count_exact(void)
{
    /* 200 binary issues: 2^200, far beyond 2^64. */
    parley_buf_t b;
    parley_buf_init(&b);
    parley_buf_puts(&b, "parley: 1\nactors: [{id: a, capability: 1, batna: 0}]\nissues:\n");
    for (int k = 0; k < 200; k++)
        parley_buf_printf(&b, "  - {id: i%d, options: [x, y]}\n", k);
    parley_buf_puts(&b, "  - {id: c, scale: {lo: 0, hi: 1}}\nstances: {a: {i0: {ideal: x, salience: 1}}}\n");
    parley_scenario_t *s = load(b.data);
    CHECK(s != NULL);
    if (s) {
        char out[128];
        CHECK_INT(parley_scenario_package_count(s, 1, out, sizeof out), PARLEY_OK);
        CHECK_STR(out, "1606938044258990275541962092341162602522202993782792835301376");
        CHECK_INT(parley_scenario_package_count(s, 10, out, sizeof out), PARLEY_OK);
        CHECK_STR(out, "16069380442589902755419620923411626025222029937827928353013760");
        CHECK_INT(parley_scenario_package_count(s, 10, out, 10), PARLEY_ELIMIT);
    }
    parley_scenario_destroy(s);
    parley_buf_free(&b);
}

static void suggestions(void)
{
    const char *c[] = {"capability", "batna", "batna_drift", "salience"};
    CHECK_STR(parley_suggest("capabilty", c, 4), "capability");
    CHECK_STR(parley_suggest("salliance", c, 4), "salience");
    CHECK_STR(parley_suggest("batna-drift", c, 4), "batna_drift");
    CHECK(parley_suggest("zzz", c, 4) == NULL);
    CHECK_INT(parley__edit_distance("kitten", "sitting", 10), 3);
    CHECK_INT(parley__edit_distance("", "abc", 10), 3);
}

static void arena_limits(void)
{
    parley__arena_t a;
    parley__arena_init(&a, 1000);
    CHECK(parley__arena_alloc(&a, 500) != NULL);
    CHECK(parley__arena_alloc(&a, 600) == NULL); /* over the limit */
    CHECK(parley__arena_array(&a, (size_t)-1 / 2, 4) == NULL); /* overflow */
    char *s = parley__arena_strdup(&a, "hello");
    CHECK_STR(s, "hello");
    CHECK(((uintptr_t)parley__arena_alloc(&a, 3) & 15u) == 0);
    parley__arena_free(&a);
}

static void status_strings(void)
{
    for (int k = PARLEY_OK; k <= PARLEY_EINTERNAL; k++)
        CHECK(strlen(parley_strerror((parley_status_t)k)) > 0);
    CHECK_STR(parley_version(), PARLEY_VERSION_STRING);
    parley_ctx_t *ctx = parley_ctx_create();
    CHECK_STR(parley_ctx_message(ctx), "");
    CHECK_INT(parley_ctx_status(ctx), PARLEY_OK);
    parley_ctx_destroy(ctx);
}

static void utf8_validation(void)
{
    int line = 0, col = 0;
    CHECK(parley__utf8_valid("plain \xE2\x80\x94 dash \xF0\x9F\x98\x80", 15, &line, &col));
    CHECK(!parley__utf8_valid("ab\ncd\xFFx", 7, &line, &col));
    CHECK_INT(line, 2);
    CHECK_INT(col, 3);
    CHECK(!parley__utf8_valid("\xC0\xAF", 2, &line, &col));         /* overlong '/' */
    CHECK(!parley__utf8_valid("\xED\xA0\x80", 3, &line, &col));     /* surrogate */
    CHECK(!parley__utf8_valid("\xF4\x90\x80\x80", 4, &line, &col)); /* past U+10FFFF */
    CHECK(!parley__utf8_valid("\xE2\x80", 2, &line, &col));         /* truncated */
}

const test_case_t tests_core[] = {
    {"core/utf8", utf8_validation},
    {"core/sha256", sha256_vectors},
    {"core/package_count", package_count_exact},
    {"core/suggest", suggestions},
    {"core/arena", arena_limits},
    {"core/status", status_strings},
    {NULL, NULL},
};
