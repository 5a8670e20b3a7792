/*
 * test_loader.c — what the loader accepts and how it reads it: JSON,
 * numbers with provenance, '_' digit groups, aliases within budget, open
 * positions, sources; and the shape of its error messages.
 */
#include <stdlib.h>
#include "../../src/io/loader.h"
#include "parley/utility.h"
#include "../test.h"

static parley_status_t try_load(const char *text, parley_scenario_t **s, char *msg, size_t cap)
{
    parley_ctx_t *ctx = parley_ctx_create();
    *s = NULL;
    parley_status_t st = parley_scenario_load_buffer(ctx, "t.yaml", text, strlen(text), s);
    snprintf(msg, cap, "%s", parley_ctx_message(ctx));
    parley_ctx_destroy(ctx);
    return st;
}

static const char BASE[] =
    "parley: 1\n"
    "scenario: {id: toy, name: Toy, source: made up}\n"
    "actors:\n"
    "  - {id: A, capability: {value: 2, source: guess}, batna: 0.25, notes: n}\n"
    "  - {id: B, capability: 1, batna: 0.5, batna_drift: -0.02}\n"
    "issues:\n"
    "  - {id: army, name: Army cap, scale: {lo: 400_000, hi: 1_000_000, unit: troops}}\n"
    "  - id: nato\n"
    "    options: [ban, {id: consensus, name: By consensus, source: s}, open]\n"
    "stances:\n"
    "  A:\n"
    "    army: {ideal: 1000000, salience: 0.5, red_line: {below: 600000, source: vdL}}\n"
    "    nato: {ideal: open, salience: 0.5}\n"
    "  B:\n"
    "    army: {values: [[400000, 1], [800000, 0.2], [1000000, 0]], salience: 1}\n"
    "proposals:\n"
    "  - id: p\n"
    "    positions: {army: 600000, nato: {position: ban, source: point 7}}\n"
    "  - {id: q, positions: {army: ~}}\n";

static void loads_everything(void)
{
    parley_scenario_t *s;
    char msg[2048];
    CHECK_INT(try_load(BASE, &s, msg, sizeof msg), PARLEY_OK);
    if (!s) {
        fprintf(stderr, "  %s\n", msg);
        return;
    }
    CHECK_STR(parley_scenario_id(s), "toy");
    CHECK_STR(parley_scenario_source(s), "made up");
    CHECK_INT(parley_scenario_actor_count(s), 2);
    CHECK_INT(parley_scenario_issue_count(s), 2);
    const parley_actor_t *a = parley_scenario_actor(s, 0);
    CHECK_NEAR(a->capability, 2.0, 0.0);
    CHECK_STR(a->capability_source, "guess");
    CHECK_STR(a->name, "A");
    CHECK_NEAR(parley_scenario_actor(s, 1)->batna_drift, -0.02, 0.0);
    const parley_issue_t *army = parley_scenario_issue(s, 0);
    CHECK_NEAR(army->lo, 400000.0, 0.0);
    CHECK_STR(army->unit, "troops");
    const parley_issue_t *nato = parley_scenario_issue(s, 1);
    CHECK_INT(nato->n_options, 3);
    CHECK_STR(nato->options[1].name, "By consensus");
    CHECK_STR(nato->options[0].name, "ban");
    CHECK_STR(parley_scenario_stance(s, 0, 0)->red_line_source, "vdL");
    CHECK_INT(parley_scenario_stance(s, 1, 1)->form, PARLEY_VALUE_NONE);
    /* B has no stance on nato: all its weight is on army. */
    CHECK_NEAR(parley_scenario_weight(s, 1, 0), 1.0, 0.0);
    CHECK_NEAR(parley_scenario_weight(s, 0, 1), 0.5, 0.0);
    const parley_proposal_t *p = parley_scenario_proposal(s, 0);
    CHECK_NEAR(p->positions[0], 600000.0, 0.0);
    CHECK_NEAR(p->positions[1], 0.0, 0.0);
    CHECK_STR(p->position_sources[1], "point 7");
    const parley_proposal_t *q = parley_scenario_proposal(s, 1);
    CHECK(parley_is_open(q->positions[0]) && parley_is_open(q->positions[1]));
    CHECK_INT(parley_scenario_find_proposal(s, "q"), 1);
    CHECK(parley_scenario_find_actor(s, "Z") == (size_t)-1);
    CHECK_CONTAINS(parley_scenario_hash(s), "sha256:");
    CHECK_INT(strlen(parley_scenario_hash(s)), 71);
    parley_scenario_destroy(s);
}

static void json_input(void)
{
    const char *j = "{\"parley\": 1, \"actors\": [{\"id\": \"A\", \"capability\": 1, \"batna\": 0.1}],"
                    " \"issues\": [{\"id\": \"x\", \"options\": [\"a\", \"b\"]}],"
                    " \"stances\": {\"A\": {\"x\": {\"ideal\": \"b\", \"salience\": 1}}},"
                    " \"proposals\": [{\"id\": \"p\", \"positions\": {\"x\": \"a\"}}]}";
    parley_scenario_t *s;
    char msg[2048];
    CHECK_INT(try_load(j, &s, msg, sizeof msg), PARLEY_OK);
    if (s)
        CHECK_NEAR(parley_value(s, 0, 0, 0.0), 0.0, 0.0);
    parley_scenario_destroy(s);
}

static void same_input_same_hash(void)
{
    parley_scenario_t *a, *b;
    char msg[2048];
    try_load(BASE, &a, msg, sizeof msg);
    try_load(BASE, &b, msg, sizeof msg);
    CHECK(a && b);
    if (a && b)
        CHECK_STR(parley_scenario_hash(a), parley_scenario_hash(b));
    parley_scenario_destroy(a);
    parley_scenario_destroy(b);
}

static void aliases_within_budget(void)
{
    const char *t = "parley: 1\n"
                    "actors:\n"
                    "  - &act {id: A, capability: 1, batna: 0}\n"
                    "issues: [{id: x, options: &opts [a, b, c]}, {id: y, options: *opts}]\n"
                    "stances: {A: {x: &st {ideal: a, salience: 1}, y: *st}}\n";
    parley_scenario_t *s;
    char msg[2048];
    CHECK_INT(try_load(t, &s, msg, sizeof msg), PARLEY_OK);
    if (s)
        CHECK_INT(parley_scenario_issue(s, 1)->n_options, 3);
    parley_scenario_destroy(s);
}

static void alias_bomb_rejected(void)
{
    parley_buf_t b;
    parley_buf_init(&b);
    parley_buf_puts(&b, "parley: 1\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int k = 1; k < 10; k++) {
        parley_buf_printf(&b, "l%d: &l%d [", k, k);
        for (int m = 0; m < 10; m++)
            parley_buf_printf(&b, "%s*l%d", m ? ", " : "", k - 1);
        parley_buf_puts(&b, "]\n");
    }
    parley_scenario_t *s;
    char msg[2048];
    CHECK_INT(try_load(b.data, &s, msg, sizeof msg), PARLEY_ELIMIT);
    CHECK_CONTAINS(msg, "expands to more than 1000000 nodes");
    CHECK(s == NULL);
    parley_buf_free(&b);
}

/* Small files must not be able to demand huge dense tables. */
static void dense_limits(void)
{
    parley_buf_t b;
    parley_buf_init(&b);
    parley_buf_puts(&b, "parley: 1\nactors:\n");
    for (int i = 0; i < 600; i++)
        parley_buf_printf(&b, "  - {id: a%d, capability: 1, batna: 0}\n", i);
    parley_buf_puts(&b, "issues:\n");
    for (int j = 0; j < 500; j++)
        parley_buf_printf(&b, "  - {id: i%d, options: [x, y]}\n", j);
    parley_buf_puts(&b, "stances: {}\n");
    parley_scenario_t *s;
    char msg[2048];
    CHECK_INT(try_load(b.data, &s, msg, sizeof msg), PARLEY_EINPUT);
    CHECK_CONTAINS(msg, "600 actors x 500 issues: the limit is 262144 stances");
    parley_buf_free(&b);
    parley_buf_init(&b);
    parley_buf_puts(&b, "parley: 1\nactors: [{id: a, capability: 1, batna: 0}]\nissues:\n");
    for (int j = 0; j < 300; j++)
        parley_buf_printf(&b, "  - {id: i%d, options: [x, y]}\n", j);
    parley_buf_puts(&b, "stances: {a: {i0: {ideal: x, salience: 1}}}\nproposals:\n");
    for (int p = 0; p < 4000; p++)
        parley_buf_printf(&b, "  - {id: p%d, positions: {}}\n", p);
    CHECK_INT(try_load(b.data, &s, msg, sizeof msg), PARLEY_EINPUT);
    CHECK_CONTAINS(msg, "4000 proposals x 300 issues: the limit is 1048576 positions");
    parley_buf_free(&b);
}

static void error_messages(void)
{
    static const struct {
        const char *text, *expect;
    } cases[] = {
        {"parley: 1\nactors: [{id: A, capabilty: 1, batna: 0}]\n",
         "t.yaml:2:18: actor 'A': unknown key 'capabilty' (did you mean 'capability'?)"},
        {"parley: 1\nactors: [{id: A, capability: 1, batna: 1.5}]\n",
         "t.yaml:2:40: actor 'A': batna must be in [0,1], got 1.5"},
        {"parley: 2\n", "t.yaml:1:9: format version 2 is not supported"},
        {"", "t.yaml: the file is empty"},
        {"parley: 1\nactors: [{id: A, capability: '1', batna: 0}]\n",
         "actor 'A': capability must be a number, got '1'"},
        {"parley: 1\nactors: [{id: A, capability: 1, batna: 0}]\nissues: [{id: x, options: [a, b]}]\n"
         "stances: {A: {x: {ideal: c, salience: 1}}}\n",
         "t.yaml:4:26: actor 'A': stance on issue 'x': ideal: unknown option 'c'"},
        {"a: [1, 2\n", "YAML syntax error"},
        {"parley: 1\nparley: 1\n", "t.yaml:2:1: duplicate key 'parley'"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        parley_scenario_t *s;
        char msg[2048];
        CHECK(try_load(cases[k].text, &s, msg, sizeof msg) != PARLEY_OK);
        CHECK(s == NULL);
        CHECK_CONTAINS(msg, cases[k].expect);
    }
}

static void load_file_errors(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    CHECK_INT(parley_scenario_load_file(ctx, "/nonexistent/x.yaml", &s), PARLEY_EIO);
    CHECK_CONTAINS(parley_ctx_message(ctx), "/nonexistent/x.yaml: cannot open");
    CHECK_INT(parley_scenario_load_file(ctx, "/", &s), PARLEY_EIO);
    CHECK(s == NULL);
    parley_ctx_destroy(ctx);
}

static void numbers(void)
{
    double v;
    CHECK(parley__parse_number("600_000", &v) && v == 600000.0);
    CHECK(parley__parse_number("-1.5e3", &v) && v == -1500.0);
    CHECK(parley__parse_number(".5", &v) == 0 || v == 0.5);
    CHECK(!parley__parse_number("inf", &v));
    CHECK(!parley__parse_number("nan", &v));
    CHECK(!parley__parse_number("0x10", &v));
    CHECK(!parley__parse_number("1e", &v));
    CHECK(!parley__parse_number("1e999", &v));
    CHECK(!parley__parse_number("_1", &v));
    CHECK(!parley__parse_number("", &v));
}

/* Three independent mistakes (actors, stances, proposals) and, around
 * them, things that name what is wrong: none of those is reported. */
static const char MULTI[] =
    "parley: 1\n"
    "actors:\n"
    "  - {id: A, capability: 1, batna: 1.5}\n"
    "  - {id: 'B C', capability: 1, batna: 0.5}\n"
    "issues:\n"
    "  - {id: x, scale: {lo: 0, hi: 10}}\n"
    "stances:\n"
    "  A: {x: {ideal: 5, salience: 2}}\n"
    "  B C: {x: {ideal: 5, salience: 1}}\n"
    "proposals:\n"
    "  - {id: p, positions: {x: 11}}\n";

static void collect_mode(void)
{
    static const char *const want[] = {
        "t.yaml:3:35: actor 'A': batna must be in [0,1], got 1.5",
        "t.yaml:4:11: actor id 'B C' is not a valid id: use 1-64 letters, digits, '_', '-' or "
        "'.', starting with a letter or digit",
        "t.yaml:8:31: actor 'A': salience for issue 'x' must be in [0,1], got 2",
        "t.yaml:11:28: proposal 'p': position on issue 'x': 11 is outside the scale 0..10"};
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    /* By default: the first error only. */
    CHECK_INT(parley_scenario_load_buffer(ctx, "t.yaml", MULTI, strlen(MULTI), &s), PARLEY_EINPUT);
    CHECK(s == NULL);
    CHECK_INT(parley_ctx_error_count(ctx), 1);
    CHECK_STR(parley_ctx_message(ctx), want[0]);
    /* Collecting: all four, the first the same. */
    CHECK_INT(parley_ctx_set_max_errors(ctx, 20), PARLEY_OK);
    CHECK_INT(parley_scenario_load_buffer(ctx, "t.yaml", MULTI, strlen(MULTI), &s), PARLEY_EINPUT);
    CHECK(s == NULL);
    CHECK_INT(parley_ctx_error_count(ctx), 4);
    for (size_t k = 0; k < 4; k++)
        CHECK_STR(parley_ctx_error(ctx, k), want[k]);
    CHECK(!parley_ctx_error_overflow(ctx));
    /* A cap of 2: two kept, the rest signalled. */
    CHECK_INT(parley_ctx_set_max_errors(ctx, 2), PARLEY_OK);
    CHECK_INT(parley_scenario_load_buffer(ctx, "t.yaml", MULTI, strlen(MULTI), &s), PARLEY_EINPUT);
    CHECK_INT(parley_ctx_error_count(ctx), 2);
    CHECK(parley_ctx_error_overflow(ctx));
    /* A valid file loads as ever and leaves no error behind. */
    CHECK_INT(parley_scenario_load_buffer(ctx, "t.yaml", BASE, strlen(BASE), &s), PARLEY_OK);
    CHECK_INT(parley_ctx_error_count(ctx), 0);
    CHECK(!parley_ctx_error_overflow(ctx));
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

/* Collecting while allocations fail: every run ends with the first error's
 * status or PARLEY_ENOMEM, no scenario and (under ASan) no leak. */
static void collect_alloc_failures(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    CHECK_INT(parley_ctx_set_max_errors(ctx, 20), PARLEY_OK);
    int complete = 0, failures = 0;
    for (long n = 0; n < 100000 && !complete; n++) {
        parley_scenario_t *s = NULL;
        parley__alloc_fail_after(n);
        parley_status_t st = parley_scenario_load_buffer(ctx, "t.yaml", MULTI, strlen(MULTI), &s);
        parley__alloc_fail_after(-1);
        CHECK(s == NULL);
        CHECK(st == PARLEY_EINPUT || st == PARLEY_ENOMEM);
        size_t count = parley_ctx_error_count(ctx);
        int oom = 0;
        for (size_t k = 0; k < count; k++)
            oom |= strstr(parley_ctx_error(ctx, k), "out of memory") != NULL;
        if (!oom && count == 4)
            complete = 1;
        else
            failures++;
    }
    CHECK(complete && failures > 3);
    parley_ctx_destroy(ctx);
}

const test_case_t tests_loader[] = {
    {"loader/collect", collect_mode},
    {"loader/collect_alloc_failures", collect_alloc_failures},
    {"loader/everything", loads_everything},
    {"loader/json", json_input},
    {"loader/hash_stable", same_input_same_hash},
    {"loader/aliases", aliases_within_budget},
    {"loader/alias_bomb", alias_bomb_rejected},
    {"loader/errors", error_messages},
    {"loader/dense_limits", dense_limits},
    {"loader/file_errors", load_file_errors},
    {"loader/numbers", numbers},
    {NULL, NULL},
};
