/*
 * test_core.c — SHA-256 vectors, the exact package count, suggestions,
 * the arena.
 */
#include <stdint.h>
#include <stdlib.h>
#include "../../src/core/core.h"
#include "parley/parley.h"
#include "../test.h"

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
    CHECK_INT(parley__edit_distance("nmae", "name", 10), 1);
    const char *k[] = {"name", "unit", "open"};
    CHECK_STR(parley_suggest("nmae", k, 3), "name");
    CHECK_STR(parley_suggest("opne", k, 3), "open");
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

/*
 * Makes the n-th allocation fail, for every n until the operation succeeds:
 * each failure must be reported as PARLEY_ENOMEM (never a crash, a wrong
 * status or, under ASan, a leak).
 */
static void alloc_failures(void)
{
    static const char text[] =
        "parley: 1\nscenario: {id: t, name: 'it''s', source: s}\n"
        "actors: [{id: A, capability: {value: 1, source: x}, batna: 0.2}, {id: B, capability: 2, batna: 0.1}]\n"
        "issues: [{id: x, scale: {lo: 0, hi: 10, unit: u}}, {id: y, options: [a, {id: b, name: B}, c]}]\n"
        "stances:\n  A: {x: {values: [[0, 1], [10, 0]], salience: 1, red_line: {above: 9}}, y: {ideal: a, salience: 0.5}}\n"
        "  B: {y: {values: {a: 0, b: 1, c: 0.5}, salience: 1, red_line: [a]}}\n"
        "proposals: [{id: p, positions: {x: 3, y: {position: b, source: z}}}, {id: q, positions: {}}]\n";
    parley_ctx_t *ctx = parley_ctx_create();
    int loaded = 0, failures = 0;
    for (long n = 0; n < 100000 && !loaded; n++) {
        parley_scenario_t *s = NULL;
        parley__alloc_fail_after(n);
        parley_status_t st = parley_scenario_load_buffer(ctx, "t.yaml", text, sizeof text - 1, &s);
        parley__alloc_fail_after(-1);
        if (st == PARLEY_OK) {
            loaded = 1;
            CHECK_INT(parley_scenario_proposal_count(s), 2);
            parley_scenario_destroy(s);
        } else {
            failures++;
            CHECK_INT(st, PARLEY_ENOMEM);
            CHECK(s == NULL);
            if (st != PARLEY_ENOMEM)
                fprintf(stderr, "  after %ld allocations: %s\n", n, parley_ctx_message(ctx));
        }
    }
    CHECK(loaded && failures > 10);
    static const char csv[] = "S,d,2,1,\nActor,Description,Influence,P Position,P Salience\n"
                              "A,a,1,10,20\nB,\"b, c\",2,50,60\n";
    int imported = 0;
    for (long n = 0; n < 100000 && !imported; n++) {
        parley_actor_table_t *t = NULL;
        parley_buf_t y;
        parley_buf_init(&y);
        parley__alloc_fail_after(n);
        parley_status_t st = parley_actor_table_parse(ctx, "t.csv", csv, sizeof csv - 1, &t);
        if (st == PARLEY_OK)
            st = parley_actor_table_to_yaml(ctx, t, "t.csv", &y);
        parley__alloc_fail_after(-1);
        if (st == PARLEY_OK)
            imported = 1;
        else
            CHECK_INT(st, PARLEY_ENOMEM);
        parley_actor_table_destroy(t);
        parley_buf_free(&y);
    }
    CHECK(imported);
    parley_ctx_destroy(ctx);
}

/* The error context's collect mode: the setter's range, messages kept in
 * order and once, the cap and its overflow flag; without it (or outside a
 * collecting call) a failure replaces the last one, as it always did. */
static void ctx_collect(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    CHECK_INT(parley_ctx_error_count(ctx), 0);
    CHECK(parley_ctx_error(ctx, 0) == NULL);
    parley__fail(ctx, PARLEY_EINPUT, "a");
    parley__fail(ctx, PARLEY_EIO, "b");
    CHECK_INT(parley_ctx_error_count(ctx), 1);
    CHECK_STR(parley_ctx_error(ctx, 0), "b");
    CHECK_INT(parley_ctx_status(ctx), PARLEY_EIO);
    parley__collect_begin(ctx); /* the default: a no-op */
    CHECK(!parley__collecting(ctx));
    parley__fail(ctx, PARLEY_EINPUT, "c");
    parley__collect_end(ctx);
    CHECK_INT(parley_ctx_error_count(ctx), 1);
    CHECK_STR(parley_ctx_message(ctx), "c");

    CHECK_INT(parley_ctx_set_max_errors(ctx, 0), PARLEY_EARG);
    CHECK_INT(parley_ctx_set_max_errors(ctx, PARLEY_MAX_ERRORS + 1), PARLEY_EARG);
    CHECK_INT(parley_ctx_set_max_errors(NULL, 3), PARLEY_EARG);
    CHECK_INT(parley_ctx_set_max_errors(ctx, 3), PARLEY_OK);
    parley__fail(ctx, PARLEY_EINPUT, "stale");
    parley__collect_begin(ctx); /* a call's errors are its own */
    CHECK_INT(parley_ctx_error_count(ctx), 0);
    CHECK(parley__collecting(ctx));
    parley__fail(ctx, PARLEY_EINPUT, "x:1:1: %s", "one");
    parley__fail(ctx, PARLEY_ENOMEM, "x: %s", "two");
    parley__fail(ctx, PARLEY_EINPUT, "x:1:1: one"); /* the same message: kept once */
    CHECK_INT(parley_ctx_error_count(ctx), 2);
    CHECK_INT(parley_ctx_status(ctx), PARLEY_EINPUT); /* the first's */
    parley__fail(ctx, PARLEY_EINPUT, "x:3:1: three");
    CHECK(parley__collecting(ctx) && !parley_ctx_error_overflow(ctx));
    parley__fail(ctx, PARLEY_EINPUT, "x:4:1: four"); /* past the cap */
    CHECK(!parley__collecting(ctx) && parley_ctx_error_overflow(ctx));
    parley__collect_end(ctx);
    CHECK_INT(parley_ctx_error_count(ctx), 3);
    CHECK_STR(parley_ctx_error(ctx, 0), "x:1:1: one");
    CHECK_STR(parley_ctx_message(ctx), "x:1:1: one");
    CHECK_STR(parley_ctx_error(ctx, 1), "x: two");
    CHECK_STR(parley_ctx_error(ctx, 2), "x:3:1: three");
    CHECK(parley_ctx_error(ctx, 3) == NULL);
    parley__fail(ctx, PARLEY_EIO, "after"); /* outside the bracket: replaces */
    CHECK_INT(parley_ctx_error_count(ctx), 1);
    CHECK(!parley_ctx_error_overflow(ctx));
    parley__ok(ctx);
    CHECK_INT(parley_ctx_error_count(ctx), 0);
    CHECK(parley_ctx_error(ctx, 0) == NULL);

    parley__alloc_fail_after(0); /* no room for 50: the cap of 3 stays */
    CHECK_INT(parley_ctx_set_max_errors(ctx, 50), PARLEY_ENOMEM);
    parley__alloc_fail_after(-1);
    parley__collect_begin(ctx);
    for (int k = 0; k < 5; k++)
        parley__fail(ctx, PARLEY_EINPUT, "m%d", k);
    parley__collect_end(ctx);
    CHECK_INT(parley_ctx_error_count(ctx), 3);
    CHECK(parley_ctx_error_overflow(ctx));
    CHECK_INT(parley_ctx_set_max_errors(ctx, 1), PARLEY_OK); /* back to the default */
    parley__collect_begin(ctx);
    CHECK(!parley__collecting(ctx));
    parley__collect_end(ctx);
    CHECK_INT(parley_ctx_set_max_errors(ctx, PARLEY_MAX_ERRORS), PARLEY_OK);
    parley_ctx_destroy(ctx);
}

const test_case_t tests_core[] = {
    {"core/ctx_collect", ctx_collect},
    {"core/alloc_failures", alloc_failures},
    {"core/utf8", utf8_validation},
    {"core/sha256", sha256_vectors},
    {"core/package_count", package_count_exact},
    {"core/suggest", suggestions},
    {"core/arena", arena_limits},
    {"core/status", status_strings},
    {NULL, NULL},
};
