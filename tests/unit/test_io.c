/*
 * test_io.c — the JSON writer, CSV reading and quoting, actor tables
 * (both layouts) and their YAML round trip, atomic writes and what they do to
 * links, devices and folders, the scenario change said in words.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../src/io/csv.h"
#include "parley/parley.h"
#include "../test.h"

static void json_writer(void)
{
    parley_buf_t b;
    parley_buf_init(&b);
    parley_json_t j;
    parley_json_init(&j, &b, 0);
    parley_json_object_begin(&j);
    parley_json_key(&j, "a");
    parley_json_array_begin(&j);
    parley_json_number(&j, 0.1);
    parley_json_number(&j, 1e300 * 1e300);
    parley_json_int(&j, -3);
    parley_json_bool(&j, 1);
    parley_json_string(&j, NULL);
    parley_json_array_end(&j);
    parley_json_key(&j, "s\"");
    parley_json_string(&j, "x\n\t\\\x01");
    parley_json_key(&j, "e");
    parley_json_object_begin(&j);
    parley_json_object_end(&j);
    parley_json_key(&j, "z");
    parley_json_number(&j, -0.0);
    parley_json_object_end(&j);
    CHECK_STR(b.data, "{\"a\":[0.1,null,-3,true,null],\"s\\\"\":\"x\\n\\t\\\\\\u0001\",\"e\":{},\"z\":0}");
    parley_buf_free(&b);
    char num[32];
    parley_format_number(1.0 / 3.0, num);
    CHECK(strtod(num, NULL) == 1.0 / 3.0);
    parley_format_number(600000, num);
    CHECK_STR(num, "600000");
}

static void csv_reader(void)
{
    const char *t = "a, b ,\"c,\"\"d\"\"\",\r\n\n x ,\"multi\nline\"\n";
    csv_table_t tab;
    CHECK_INT(parley__csv_parse(NULL, "t.csv", t, strlen(t), ',', &tab), PARLEY_OK);
    CHECK_INT(tab.n_rows, 2);
    if (tab.n_rows == 2) {
        CHECK_INT(tab.rows[0].n, 3);
        CHECK_STR(tab.rows[0].f[1].text, "b");
        CHECK_STR(tab.rows[0].f[2].text, "c,\"d\"");
        CHECK_INT(tab.rows[1].line, 3);
        CHECK_INT(tab.rows[1].f[0].col, 1);
        CHECK_STR(tab.rows[1].f[1].text, "multi\nline");
    }
    parley__csv_free(&tab);
    parley_ctx_t *ctx = parley_ctx_create();
    CHECK_INT(parley__csv_parse(ctx, "t.csv", "a,\"b", 4, ',', &tab), PARLEY_EINPUT);
    CHECK_CONTAINS(parley_ctx_message(ctx), "t.csv:1:3: a quoted field is never closed");
    parley_ctx_destroy(ctx);
    parley_buf_t b;
    parley_buf_init(&b);
    parley_csv_field(&b, "plain");
    parley_buf_puts(&b, ",");
    parley_csv_field(&b, "a,\"b\"");
    CHECK_STR(b.data, "plain,\"a,\"\"b\"\"\"");
    parley_buf_free(&b);
}

static parley_scenario_t *roundtrip(const char *csv, parley_actor_table_t **tp)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_actor_table_t *t = NULL;
    parley_scenario_t *s = NULL;
    parley_buf_t y;
    parley_buf_init(&y);
    if (parley_actor_table_parse(ctx, "t.csv", csv, strlen(csv), &t) != PARLEY_OK ||
        parley_actor_table_to_yaml(ctx, t, "dir/t.csv", &y) != PARLEY_OK ||
        parley_scenario_load_buffer(ctx, "t.yaml", y.data, y.len, &s) != PARLEY_OK) {
        fprintf(stderr, "  roundtrip failed: %s\n%s\n", parley_ctx_message(ctx), y.data ? y.data : "");
        test_failures++;
    }
    parley_buf_free(&y);
    parley_ctx_destroy(ctx);
    *tp = t;
    return s;
}

static void actor_table_ktab(void)
{
    const char *csv = "China Policy; scen 0,Scenario-000; reform, 3, 2, \n"
                      "Actor,Description,Influence,Policy Position,Policy Salience,Pstn2,Sal2, \n"
                      "XJ,Xi Jinping,100,30,30,20,10, \n"
                      "LK,\"Li, Keqiang\",65,45,65,10,5, \n"
                      "X J,Other,1.5,0,1,100,0, \n";
    parley_actor_table_t *t;
    parley_scenario_t *s = roundtrip(csv, &t);
    CHECK(t != NULL && s != NULL);
    if (t) {
        CHECK_STR(t->layout, "ktab");
        CHECK_INT(t->n_actors, 3);
        CHECK_INT(t->n_dims, 2);
        CHECK_STR(t->dim_names[0], "Policy");
        CHECK_STR(t->dim_names[1], "Dimension 2");
        CHECK_STR(t->actor_ids[2], "X-J");
        CHECK_STR(t->actor_names[1], "LK");
        CHECK_NEAR(t->salience[1 * 2 + 0], 0.65, 1e-15);
    }
    if (s) {
        CHECK_INT(parley_scenario_actor_count(s), 3);
        CHECK_STR(parley_scenario_issue(s, 0)->id, "policy");
        CHECK_STR(parley_scenario_issue(s, 1)->id, "dimension-2");
        CHECK_NEAR(parley_scenario_stance(s, 1, 0)->ideal, 45.0, 0);
        CHECK_NEAR(parley_scenario_stance(s, 1, 0)->salience, 0.65, 1e-15);
        CHECK_NEAR(parley_scenario_actor(s, 0)->capability, 100.0, 0);
        CHECK_STR(parley_scenario_actor(s, 1)->notes, "Li, Keqiang");
        CHECK_NEAR(parley_scenario_issue(s, 0)->hi, 100.0, 0);
    }
    parley_scenario_destroy(s);
    parley_actor_table_destroy(t);
}

static void actor_table_plain(void)
{
    const char *csv = "Actor,Capability,Position,Salience\n"
                      "US,100,-20,0.8\nEU,60,350,1\n";
    parley_actor_table_t *t;
    parley_scenario_t *s = roundtrip(csv, &t);
    if (t) {
        CHECK_STR(t->layout, "plain");
        CHECK_INT(t->salience_percent, 0);
        CHECK_STR(t->dim_names[0], "Dimension 1");
    }
    if (s) {
        /* Positions keep their own scale: outside 0-100, the data's range. */
        CHECK_NEAR(parley_scenario_issue(s, 0)->lo, -20.0, 0);
        CHECK_NEAR(parley_scenario_issue(s, 0)->hi, 350.0, 0);
        CHECK_NEAR(parley_scenario_stance(s, 0, 0)->salience, 0.8, 0);
    }
    parley_scenario_destroy(s);
    parley_actor_table_destroy(t);
}

static void atomic_write(void)
{
    char dir[] = "/tmp/parley-test-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[128];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    parley_ctx_t *ctx = parley_ctx_create();
    CHECK_INT(parley_write_file_atomic(ctx, path, "one", 3), PARLEY_OK);
    CHECK_INT(parley_write_file_atomic(ctx, path, "two!", 4), PARLEY_OK);
    char *buf = NULL;
    size_t len = 0;
    CHECK_INT(parley_read_file(ctx, path, 100, &buf, &len), PARLEY_OK);
    CHECK_STR(buf, "two!");
    free(buf);
    CHECK_INT(parley_read_file(ctx, path, 2, &buf, &len), PARLEY_ELIMIT);
    char bad[160];
    snprintf(bad, sizeof bad, "%s/missing/out.txt", dir);
    CHECK_INT(parley_write_file_atomic(ctx, bad, "x", 1), PARLEY_EIO);
    CHECK(access(bad, F_OK) != 0);
    unlink(path);
    rmdir(dir);
    parley_ctx_destroy(ctx);
}

static int add_change(void *arg, const parley_scenario_change_t *c)
{
    parley_buf_printf(arg, "%s | %s\n", c->path, c->what);
    return 0;
}

/* Each kind of change, in document order; a base and its variant written
 * once as YAML and once as JSON give the same words. */
static void scenario_diff(void)
{
    static const char *const base =
        "parley: 1\n"
        "actors:\n"
        "  - {id: USA, batna: {value: 0.3, source: a}, capability: 1}\n"
        "  - {id: IRN, batna: 0.2}\n"
        "stances:\n"
        "  IRN:\n"
        "    sanctions-timing: {red_line: {options: [upfront]}, salience: 0.50}\n"
        "values: [[1, 2], [3, 4]]\n"
        "order: [a, b, c]\n"
        "gone: x\n";
    static const char *const variant =
        "{\"parley\": 1, \"actors\": [{\"id\": \"IRN\", \"batna\": 0.2},"
        " {\"id\": \"USA\", \"batna\": {\"value\": 0.4, \"source\": \"a\"}, \"capability\": 1.0},"
        " {\"id\": \"ISR\"}],"
        " \"stances\": {\"IRN\": {\"sanctions-timing\": {\"red_line\": {\"options\":"
        " [\"upfront\", \"on-iaea-verification\"]}, \"salience\": 0.5}}},"
        " \"values\": [[1, 2], [3, 5], [6, 7]], \"order\": [\"c\", \"b\", \"a\"], \"new\": \"y\"}";
    parley_ctx_t *ctx = parley_ctx_create();
    parley_buf_t b;
    parley_buf_init(&b);
    size_t n = 0;
    CHECK_INT(parley_scenario_diff(ctx, base, strlen(base), variant, strlen(variant), add_change,
                                   &b, &n), PARLEY_OK);
    CHECK_INT(n, 8);
    CHECK_STR(b.data, "actors.USA.batna | 0.3 -> 0.4\n"
                      "actors.ISR | added\n"
                      "stances.IRN.sanctions-timing.red_line.options | gained on-iaea-verification\n"
                      "values[1][1] | 4 -> 5\n"
                      "values[2] | added: a list of 2\n"
                      "order | the same items in another order\n"
                      "gone | removed (was x)\n"
                      "new | added: y\n");
    b.len = 0;
    CHECK_INT(parley_scenario_diff(ctx, base, strlen(base), base, strlen(base), add_change, &b,
                                   &n), PARLEY_OK);
    CHECK_INT(n, 0);
    CHECK_INT(parley_scenario_diff(ctx, base, strlen(base), "a: [", 4, add_change, &b, &n),
              PARLEY_EINPUT);
    CHECK_CONTAINS(parley_ctx_message(ctx), "second scenario:");
    parley_buf_free(&b);
    parley_ctx_destroy(ctx);
}

/* The same changes as sentences (scen_words.c's rules, worked by hand). */
static void change_words(void)
{
    static const char *const cases[][3] = {
        {"actors.USA.batna", "0.3 -> 0.4", "USA's BATNA 0.3 -> 0.4"},
        {"actors.ISR", "added", "actor ISR added"},
        {"actors.RUS.batna_drift", "0 -> 0.1", "RUS's BATNA drift 0 -> 0.1"},
        {"stances.IRN.sanctions-timing.red_line.options", "gained on-iaea-verification",
         "IRN's red line on sanctions-timing gained on-iaea-verification"},
        {"stances.UKR.army-cap.red_line.below", "600000 -> 500000",
         "UKR's red line below on army-cap 600000 -> 500000"},
        {"stances.RUS.nato.values.open", "0.2 -> 0.3", "RUS's value of open on nato 0.2 -> 0.3"},
        {"stances.RUS.nato", "added", "RUS's stance on nato added"},
        {"issues.nato.options.open", "added", "issue nato's option open added"},
        {"issues.army-cap.hi", "1 -> 2", "issue army-cap's hi 1 -> 2"},
        {"proposals.p1.positions.nato", "open -> closed", "proposal p1's position on nato open -> closed"},
        {"proposals.p2", "removed", "proposal p2 removed"},
        {"values[1][1]", "4 -> 5", "values[1][1] 4 -> 5"},
        {"", "added", "the document added"}};
    parley_buf_t b;
    parley_buf_init(&b);
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        b.len = 0;
        parley_scenario_change_t c = {cases[k][0], cases[k][1]};
        parley_scenario_change_words(&c, &b);
        CHECK_STR(b.data, cases[k][2]);
    }
    parley_buf_free(&b);
}

/* The tree the editor edits: maps as key/node pairs in order, each scalar's
 * text, quoting, line and byte range (a map item's key's range after it);
 * an unknown section kept like any other. */
static void scenario_tree(void)
{
    static const char *const text = "a: 0.10\nzz-unknown:\n  - [x, \"y\"]\n  - {k: ~}\n";
    parley_ctx_t *ctx = parley_ctx_create();
    parley_buf_t b;
    parley_buf_init(&b);
    CHECK_INT(parley_scenario_tree_json(ctx, "t.yaml", text, strlen(text), &b), PARLEY_OK);
    /* Byte ranges [off, end), counted by hand on the text:
     *   "a: 0.10\n"          a 0-1, 0.10 3-7 ('\n' at 7)
     *   "zz-unknown:\n"      key 8-18 (':' at 18)
     *   "  - [x, \"y\"]\n"    the list from its dash 22; [ 24 .. ] 31, so 24-32;
     *                        x 25-26; "y" with its quotes 28-31
     *   "  - {k: ~}\n"        { 37 .. } 42, so 37-43; k 38-39; ~ 41-42
     * A block collection ends where its last item does: the list and the
     * root at 43. */
    CHECK_STR(b.data, "{\"t\":\"m\",\"l\":1,\"r\":[0,43],\"i\":[[\"a\",{\"t\":\"s\",\"l\":1,\"r\":[3,7],"
                      "\"v\":\"0.10\",\"q\":false},[0,1]],"
                      "[\"zz-unknown\",{\"t\":\"l\",\"l\":3,\"r\":[22,43],\"i\":[{\"t\":\"l\",\"l\":3,\"r\":[24,32],\"i\":["
                      "{\"t\":\"s\",\"l\":3,\"r\":[25,26],\"v\":\"x\",\"q\":false},"
                      "{\"t\":\"s\",\"l\":3,\"r\":[28,31],\"v\":\"y\",\"q\":true}]},"
                      "{\"t\":\"m\",\"l\":4,\"r\":[37,43],\"i\":[[\"k\",{\"t\":\"s\",\"l\":4,\"r\":[41,42],"
                      "\"v\":\"~\",\"q\":false},[38,39]]]}]},[8,18]]]}");
    /* a block scalar from its indicator to its last line's end; an empty
     * value has no bytes: no range */
    b.len = 0;
    static const char *const blk = "k: |\n  one\n  two\n\ne:\n";
    CHECK_INT(parley_scenario_tree_json(ctx, "t.yaml", blk, strlen(blk), &b), PARLEY_OK);
    /* "k: |\n" 0-4: '|' at 3; "  one\n" 5-10; "  two\n" 11-16, 'o' at 15: 3-16
     * (its line stays libfyaml's, that of its content: 2) */
    CHECK_CONTAINS(b.data, "{\"t\":\"s\",\"l\":2,\"r\":[3,16],\"v\":\"one\\ntwo\\n\",\"q\":true}");
    CHECK_CONTAINS(b.data, "[\"e\",{\"t\":\"s\",\"l\":5,\"v\":\"\",\"q\":false},[18,19]]");
    b.len = 0;
    CHECK_INT(parley_scenario_tree_json(ctx, "t.yaml", "a: [", 4, &b), PARLEY_EINPUT);
    CHECK_CONTAINS(parley_ctx_message(ctx), "t.yaml:2:1: YAML syntax error: flow sequence without");
    CHECK_INT(parley_scenario_tree_json(ctx, "t.yaml", "", 0, &b), PARLEY_EINPUT);
    CHECK_CONTAINS(parley_ctx_message(ctx), "the scenario is empty");
    parley_buf_free(&b);
    parley_ctx_destroy(ctx);
}

/* What the writer does to what is not a plain file: links followed and
 * kept, a device written through, a folder or a link to nowhere refused. */
static void atomic_write_kinds(void)
{
    char dir[] = "/tmp/parley-test-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char target[128], link[128], null_link[128], dangling[128];
    snprintf(target, sizeof target, "%s/target.txt", dir);
    snprintf(link, sizeof link, "%s/link.txt", dir);
    snprintf(null_link, sizeof null_link, "%s/null", dir);
    snprintf(dangling, sizeof dangling, "%s/dangling", dir);
    parley_ctx_t *ctx = parley_ctx_create();
    CHECK_INT(parley_write_file_atomic(ctx, target, "old", 3), PARLEY_OK);
    CHECK(chmod(target, 0600) == 0);
    CHECK(symlink("target.txt", link) == 0);
    CHECK_INT(parley_write_file_atomic(ctx, link, "new", 3), PARLEY_OK);
    struct stat sb;
    CHECK(lstat(link, &sb) == 0 && S_ISLNK(sb.st_mode));
    CHECK(stat(target, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    char *buf = NULL;
    size_t len = 0;
    CHECK_INT(parley_read_file(ctx, target, 100, &buf, &len), PARLEY_OK);
    CHECK_STR(buf, "new");
    free(buf);
    CHECK(symlink("/dev/null", null_link) == 0);
    CHECK_INT(parley_write_file_atomic(ctx, null_link, "x", 1), PARLEY_OK);
    CHECK(lstat(null_link, &sb) == 0 && S_ISLNK(sb.st_mode));
    CHECK(stat("/dev/null", &sb) == 0 && S_ISCHR(sb.st_mode));
    CHECK(symlink("nowhere/x", dangling) == 0);
    CHECK_INT(parley_write_file_atomic(ctx, dangling, "x", 1), PARLEY_EIO);
    CHECK_CONTAINS(parley_ctx_message(ctx), "leads to no file");
    CHECK_INT(parley_write_file_atomic(ctx, dir, "x", 1), PARLEY_EIO);
    CHECK_CONTAINS(parley_ctx_message(ctx), "a folder, not a file");
    unlink(dangling);
    unlink(null_link);
    unlink(link);
    unlink(target);
    CHECK(rmdir(dir) == 0); /* nothing else was left behind */
    parley_ctx_destroy(ctx);
}

const test_case_t tests_io[] = {
    {"io/scenario_diff", scenario_diff},
    {"io/change_words", change_words},
    {"io/scenario_tree", scenario_tree},
    {"io/json_writer", json_writer},
    {"io/csv_reader", csv_reader},
    {"io/actor_table_ktab", actor_table_ktab},
    {"io/actor_table_plain", actor_table_plain},
    {"io/atomic_write", atomic_write},
    {"io/atomic_write_kinds", atomic_write_kinds},
    {NULL, NULL},
};
