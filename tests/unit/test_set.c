/*
 * test_set.c — overrides (set PATH=VALUE): a value at every kind of path,
 * distributions replaced, every error and its wording, the result equal to
 * loading a copy of the file edited by hand, the same simulation as setting
 * an uncertain input, clones, aliases, and allocation failures.
 */
#include <stdlib.h>
#include "parley/parley.h"
#include "../../src/core/core.h"
#include "../test.h"

static const char BASE[] =
    "parley: 1\n"
    "scenario: {id: toy, name: Toy}\n"
    "actors:\n"
    "  - {id: A, capability: {value: 2, source: guess}, batna: {value: 0.25, dist: uniform, "
    "min: 0.2, max: 0.3, source: poll}}\n"
    "  - {id: B, capability: 1, batna: 0.5, batna_drift: {dist: triangular, min: -0.02, "
    "mode: 0, max: 0.01}}\n"
    "  - {id: x.y, capability: 1, batna: 0.1}\n"
    "issues:\n"
    "  - {id: army, scale: {lo: 400000, hi: 1000000, unit: troops}}\n"
    "  - {id: nato, options: [ban, consensus, open]}\n"
    "stances:\n"
    "  A:\n"
    "    army: {ideal: 1000000, salience: 0.5}\n"
    "    nato: {ideal: open, salience: 0.5}\n"
    "  B:\n"
    "    army: {values: [[400000, 1], [800000, 0.2], [1000000, 0]], salience: 1}\n"
    "  x.y:\n"
    "    nato: {ideal: ban, salience: 1}\n"
    "proposals:\n"
    "  - id: p\n"
    "    positions: {army: 600000, nato: {position: ban, source: point 7}}\n"
    "  - {id: q, positions: {army: 800000}}\n"
    "simulation:\n"
    "  horizon: 12\n"
    "  strategies: {A: boulware}\n"
    "  tactics:\n"
    "    - {kind: walk-away, actor: A, round: 3, credibility: 0.5, batna: {B: -0.1}}\n";

static parley_status_t load(const char *text, const parley_override_t *ov, size_t n,
                            parley_scenario_t **s, char *msg, size_t cap)
{
    parley_ctx_t *ctx = parley_ctx_create();
    *s = NULL;
    parley_status_t st = parley_scenario_load_buffer_with(ctx, "t.yaml", text, strlen(text), ov,
                                                          n, s);
    snprintf(msg, cap, "%s", parley_ctx_message(ctx));
    parley_ctx_destroy(ctx);
    return st;
}

/* Loads BASE with one "PATH=VALUE"; NULL (and the message printed) on failure. */
static parley_scenario_t *load1(const char *text, const char *set)
{
    parley_override_t o = {set, NULL};
    parley_scenario_t *s;
    char msg[2048];
    if (load(text, &o, 1, &s, msg, sizeof msg) != PARLEY_OK)
        fprintf(stderr, "  set %s: %s\n", set, msg);
    return s;
}

/* The message of a failing load of BASE with one override. */
static parley_status_t fail1(const char *set, char *msg, size_t cap)
{
    parley_override_t o = {set, NULL};
    parley_scenario_t *s;
    parley_status_t st = load(BASE, &o, 1, &s, msg, cap);
    CHECK(st != PARLEY_OK);
    parley_scenario_destroy(s);
    return st;
}

static void numbers_at_every_kind_of_path(void)
{
    parley_scenario_t *s;
    if ((s = load1(BASE, "actors.A.capability=3"))) {
        CHECK_NEAR(parley_scenario_actor(s, 0)->capability, 3.0, 0.0);
        CHECK_STR(parley_scenario_actor(s, 0)->capability_source, "guess"); /* {value:} kept */
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "actors.B.batna=0.4"))) {
        CHECK_NEAR(parley_scenario_actor(s, 1)->batna, 0.4, 0.0);
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "actors.A.batna_drift=0.01"))) { /* absent: added */
        CHECK_NEAR(parley_scenario_actor(s, 0)->batna_drift, 0.01, 0.0);
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "actors.x.y.discount=0.9"))) { /* an id holding '.' */
        CHECK_NEAR(parley_scenario_actor(s, 2)->discount, 0.9, 0.0);
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "stances.A.nato.salience=0.25"))) {
        CHECK_NEAR(parley_scenario_stance(s, 0, 1)->salience, 0.25, 0.0);
        CHECK_NEAR(parley_scenario_weight(s, 0, 1), 0.25 / 0.75, 1e-15);
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "stances.A.nato.ideal=ban"))) { /* an option id */
        CHECK_NEAR(parley_scenario_stance(s, 0, 1)->ideal, 0.0, 0.0);
        CHECK_NEAR(parley_scenario_stance(s, 0, 1)->table[2], 0.0, 0.0);
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "stances.A.army.ideal=700_000"))) {
        CHECK_NEAR(parley_scenario_stance(s, 0, 0)->ideal, 700000.0, 0.0);
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "stances.B.army.values[1]=0.5"))) { /* a point names its value */
        CHECK_NEAR(parley_scenario_stance(s, 1, 0)->pv[1], 0.5, 0.0);
        CHECK_NEAR(parley_scenario_stance(s, 1, 0)->px[1], 800000.0, 0.0);
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "stances.B.army.values[1][0]=700000"))) {
        CHECK_NEAR(parley_scenario_stance(s, 1, 0)->px[1], 700000.0, 0.0);
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "issues.army.scale.hi=1200000"))) {
        CHECK_NEAR(parley_scenario_issue(s, 0)->hi, 1200000.0, 0.0);
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "issues.army.scale.unit=soldiers"))) {
        CHECK_STR(parley_scenario_issue(s, 0)->unit, "soldiers");
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "proposals.p.positions.army=700000"))) {
        CHECK_NEAR(parley_scenario_proposal(s, 0)->positions[0], 700000.0, 0.0);
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "proposals.p.positions.nato=open"))) { /* {position:} kept its source */
        CHECK_NEAR(parley_scenario_proposal(s, 0)->positions[1], 2.0, 0.0);
        CHECK_STR(parley_scenario_proposal(s, 0)->position_sources[1], "point 7");
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "proposals.q.positions.nato=consensus"))) { /* added */
        CHECK_NEAR(parley_scenario_proposal(s, 1)->positions[1], 1.0, 0.0);
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "proposals.p.positions.army=null"))) { /* left open */
        CHECK(parley_is_open(parley_scenario_proposal(s, 0)->positions[0]));
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "simulation.horizon=30"))) {
        CHECK_INT(parley_scenario_simulation(s)->horizon, 30);
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "simulation.strategies.A=hardline"))) {
        CHECK_INT(parley_scenario_simulation(s)->strategies[0].kind, PARLEY_STRATEGY_HARDLINE);
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "simulation.tactics[0].credibility=0.75"))) {
        CHECK_NEAR(parley_scenario_simulation(s)->tactics[0].credibility, 0.75, 0.0);
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "simulation.tactics[0].batna.B=-0.2"))) {
        CHECK_NEAR(parley_scenario_simulation(s)->tactics[0].effect[1], -0.2, 0.0);
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "scenario.name=Changed name"))) {
        CHECK_STR(parley_scenario_name(s), "Changed name");
        parley_scenario_destroy(s);
    }
}

static void distributions_replaced(void)
{
    parley_scenario_t *s, *plain;
    char msg[2048];
    CHECK_INT(load(BASE, NULL, 0, &plain, msg, sizeof msg), PARLEY_OK);
    if (!plain)
        return;
    CHECK_INT(parley_scenario_uncertain_count(plain), 2);
    if ((s = load1(BASE, "actors.A.batna=0.3"))) { /* the input becomes certain */
        CHECK_NEAR(parley_scenario_actor(s, 0)->batna, 0.3, 0.0);
        CHECK_STR(parley_scenario_actor(s, 0)->batna_source, "poll");
        CHECK_INT(parley_scenario_uncertain_count(s), 1);
        CHECK_STR(parley_scenario_uncertain(s, 0)->path, "actors.B.batna_drift");
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "actors.B.batna_drift=-0.005"))) { /* no source */
        CHECK_NEAR(parley_scenario_actor(s, 1)->batna_drift, -0.005, 0.0);
        CHECK_INT(parley_scenario_uncertain_count(s), 1);
        parley_scenario_destroy(s);
    }
    /* Inside a distribution: its point estimate or a parameter. */
    if ((s = load1(BASE, "actors.A.batna.value=0.22"))) {
        CHECK_NEAR(parley_scenario_actor(s, 0)->batna, 0.22, 0.0);
        CHECK_INT(parley_scenario_uncertain_count(s), 2);
        parley_scenario_destroy(s);
    }
    if ((s = load1(BASE, "actors.A.batna.max=0.4"))) {
        CHECK_NEAR(parley_scenario_uncertain(s, 0)->b, 0.4, 0.0);
        parley_scenario_destroy(s);
    }
    /* Every uncertain-input path is a set path. */
    for (size_t k = 0; k < parley_scenario_uncertain_count(plain); k++) {
        const parley_uncertain_t *u = parley_scenario_uncertain(plain, k);
        char v[32];
        parley_format_number(u->a, v);
        parley_override_t o = {u->path, v};
        CHECK_INT(load(BASE, &o, 1, &s, msg, sizeof msg), PARLEY_OK);
        CHECK_INT(parley_scenario_uncertain_count(s), 1);
        parley_scenario_destroy(s);
    }
    parley_scenario_destroy(plain);
}

/* Recorded, split, in order; the later of two for one PATH wins; the hash is the file's. */
static void recorded_and_hashed(void)
{
    parley_override_t ov[] = {{"actors.B.batna=0.4", NULL}, {"actors.B.batna", "0.45"}};
    parley_scenario_t *s, *plain;
    char msg[2048];
    CHECK_INT(load(BASE, ov, 2, &s, msg, sizeof msg), PARLEY_OK);
    CHECK_INT(load(BASE, NULL, 0, &plain, msg, sizeof msg), PARLEY_OK);
    if (!s || !plain)
        return;
    CHECK_NEAR(parley_scenario_actor(s, 1)->batna, 0.45, 0.0);
    CHECK_INT(parley_scenario_override_count(s), 2);
    CHECK_STR(parley_scenario_override(s, 0)->path, "actors.B.batna");
    CHECK_STR(parley_scenario_override(s, 0)->value, "0.4");
    CHECK_STR(parley_scenario_override(s, 1)->value, "0.45");
    CHECK(parley_scenario_override(s, 2) == NULL);
    CHECK_INT(parley_scenario_override_count(plain), 0);
    CHECK_STR(parley_scenario_hash(s), parley_scenario_hash(plain));
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *c = NULL;
    CHECK_INT(parley_scenario_clone(ctx, s, &c), PARLEY_OK);
    if (c) {
        CHECK_INT(parley_scenario_override_count(c), 2);
        CHECK_STR(parley_scenario_override(c, 1)->path, "actors.B.batna");
        CHECK_NEAR(parley_scenario_actor(c, 1)->batna, 0.45, 0.0);
        CHECK_STR(parley_scenario_hash(c), parley_scenario_hash(plain));
    }
    parley_scenario_destroy(c);
    parley_ctx_destroy(ctx);
    parley_scenario_destroy(s);
    parley_scenario_destroy(plain);
}

static void messages(void)
{
    char m[2048];
    CHECK_INT(fail1("actors.A.batnaa=0.3", m, sizeof m), PARLEY_EINPUT);
    CHECK_CONTAINS(m, "t.yaml: set actors.A.batnaa=0.3: actor 'A': unknown key 'batnaa' "
                      "(did you mean 'batna'?)");
    fail1("stances.A.natoo.salience=0.1", m, sizeof m);
    CHECK_STR(m, "t.yaml: set stances.A.natoo.salience=0.1: no key 'natoo' in stances.A "
                 "(did you mean 'nato'?)");
    fail1("simulation.hoizon=3", m, sizeof m);
    CHECK_CONTAINS(m, "t.yaml: set simulation.hoizon=3: 'simulation': unknown key 'hoizon' "
                      "(did you mean 'horizon'?)");
    CHECK_INT(fail1("actors.Bx.batna=0.3", m, sizeof m), PARLEY_EINPUT);
    CHECK_STR(m, "t.yaml: set actors.Bx.batna=0.3: no actor 'Bx' in actors (did you mean 'B'?)");
    fail1("issues.armyy.scale.hi=5", m, sizeof m);
    CHECK_CONTAINS(m, "no issue 'armyy' in issues (did you mean 'army'?)");
    fail1("stances.Z.army.salience=0.5", m, sizeof m); /* a new stance row: the loader judges it */
    CHECK_CONTAINS(m, "t.yaml: set stances.Z.army.salience=0.5: no key 'Z' in stances");
    fail1("stances.A.natp=1", m, sizeof m);
    CHECK_CONTAINS(m, "t.yaml: set stances.A.natp=1: ");
    CHECK_CONTAINS(m, "unknown issue 'natp' (did you mean 'nato'?)");
    fail1("actors.A.batna=abc", m, sizeof m);
    CHECK_STR(m, "t.yaml: set actors.A.batna=abc: actor 'A': batna must be a number, got 'abc'");
    CHECK_INT(fail1("actors.A.batna=1.7", m, sizeof m), PARLEY_EINPUT);
    CHECK_STR(m, "t.yaml: set actors.A.batna=1.7: actor 'A': batna must be in [0,1], got 1.7");
    fail1("stances.A.nato.ideal=opn", m, sizeof m);
    CHECK_CONTAINS(m, "t.yaml: set stances.A.nato.ideal=opn: ");
    CHECK_CONTAINS(m, "unknown option 'opn' (did you mean 'open'?)");
    fail1("simulation.horizon=2.5", m, sizeof m);
    CHECK_CONTAINS(m, "t.yaml: set simulation.horizon=2.5: simulation: horizon must be a whole "
                      "number");
    /* A check across values is located in the file and names the override. */
    fail1("issues.army.scale.lo=2000000", m, sizeof m);
    CHECK_CONTAINS(m, "t.yaml:8:");
    CHECK_CONTAINS(m, "(in the file as changed by set issues.army.scale.lo=2000000)");
    /* What PATH=VALUE cannot name. */
    fail1("actors.A=1", m, sizeof m);
    CHECK_STR(m, "t.yaml: set actors.A=1: actors.A is a mapping, not a value: set one of its "
                 "keys, actors.A.KEY (it has: id, capability, batna)");
    fail1("stances.B.army.values=1", m, sizeof m);
    CHECK_CONTAINS(m, "stances.B.army.values is a list: set one of its items");
    fail1("actors.B.capability.value=1", m, sizeof m);
    CHECK_CONTAINS(m, "set actors.B.capability.value=1: actors.B.capability is a value ('1')");
    fail1("simulation.tactics[3].credibility=1", m, sizeof m);
    CHECK_CONTAINS(m, "simulation.tactics has 1 items: no item [3]");
    fail1("simulation[0]=1", m, sizeof m);
    CHECK_CONTAINS(m, "simulation is not a list");
    fail1("simulation.tactics.walk.round=1", m, sizeof m);
    CHECK_CONTAINS(m, "simulation.tactics is a list without ids: address an item as "
                      "simulation.tactics[k]");
    fail1("smp.seed=3", m, sizeof m); /* a whole section cannot be added */
    CHECK_CONTAINS(m, "set smp.seed=3: no key 'smp' in the top level");
}

static void malformed(void)
{
    static const char *const bad[][2] = {
        {"actors.A.batna", "set actors.A.batna: expected PATH=VALUE"},
        {"=0.3", "set =0.3: expected PATH=VALUE, the PATH is empty"},
        {"actors.A.batna=", "the VALUE is empty"},
        {"actors..batna=1", "an empty element"},
        {"actors.A.=1", "cannot end with '.'"},
        {".actors=1", "starts with a key"},
        {"simulation.tactics[x].round=1", "a list index is written [k]"},
        {"simulation.tactics[0=1", "a list index is written [k]"},
        {"simulation.tactics.[0].round=1", "follows its list directly"},
        {"simulation.tactics[0]round=1", "must follow a list index"},
        {"actors.A.name=a\nb", "a control character"},
    };
    char m[2048];
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        CHECK_INT(fail1(bad[k][0], m, sizeof m), PARLEY_EARG);
        CHECK_CONTAINS(m, bad[k][1]);
    }
    /* Malformed overrides are reported before the file is read. */
    parley_override_t o = {"x", NULL};
    parley_scenario_t *s;
    CHECK_INT(load("parley: [", &o, 1, &s, m, sizeof m), PARLEY_EARG);
    /* Limits. */
    parley_override_t *many = calloc(PARLEY_MAX_OVERRIDES + 1, sizeof *many);
    if (!many)
        return;
    for (size_t k = 0; k <= PARLEY_MAX_OVERRIDES; k++)
        many[k].path = "actors.B.batna=0.4";
    CHECK_INT(load(BASE, many, PARLEY_MAX_OVERRIDES, &s, m, sizeof m), PARLEY_OK);
    parley_scenario_destroy(s);
    CHECK_INT(load(BASE, many, PARLEY_MAX_OVERRIDES + 1, &s, m, sizeof m), PARLEY_ELIMIT);
    CHECK_CONTAINS(m, "257 overrides (set): the limit is 256");
    free(many);
    char long_path[PARLEY_MAX_OVERRIDE_PATH + 8];
    memset(long_path, 'a', sizeof long_path - 3);
    memcpy(long_path + sizeof long_path - 3, "=1", 3);
    CHECK_INT(fail1(long_path, m, sizeof m), PARLEY_ELIMIT);
    CHECK_INT(load(BASE, NULL, 1, &s, m, sizeof m), PARLEY_EARG);
}

/* ---- Differential: the result equals loading a copy of the file edited by hand. */

/* text with its one occurrence of `from` replaced by `to` (malloc'd). */
static char *edited(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    CHECK(at && !strstr(at + 1, from));
    if (!at)
        return NULL;
    size_t n = strlen(text) - strlen(from) + strlen(to);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t head = (size_t)(at - text);
    memcpy(out, text, head);
    strcpy(out + head, to);
    strcat(out, at + strlen(from));
    return out;
}

/* Actors, weights, scales, every actor's evaluation of every proposal and
 * a simulation's outcome are equal in a and b (and, with unc, the number of
 * uncertain inputs). */
static void check_same(const parley_scenario_t *a, const parley_scenario_t *b, int unc)
{
    size_t na = parley_scenario_actor_count(a), ni = parley_scenario_issue_count(a);
    CHECK_INT(parley_scenario_actor_count(b), na);
    CHECK_INT(parley_scenario_issue_count(b), ni);
    if (unc)
        CHECK_INT(parley_scenario_uncertain_count(b), parley_scenario_uncertain_count(a));
    if (na != parley_scenario_actor_count(b) || ni != parley_scenario_issue_count(b))
        return;
    for (size_t i = 0; i < na; i++) {
        const parley_actor_t *x = parley_scenario_actor(a, i), *y = parley_scenario_actor(b, i);
        CHECK(x->capability == y->capability && x->batna == y->batna &&
              x->batna_drift == y->batna_drift && x->discount == y->discount);
        for (size_t j = 0; j < ni; j++)
            CHECK(parley_scenario_weight(a, i, j) == parley_scenario_weight(b, i, j));
    }
    for (size_t j = 0; j < ni; j++)
        CHECK(parley_scenario_issue(a, j)->hi == parley_scenario_issue(b, j)->hi);
    double *pkg = calloc(ni, sizeof *pkg);
    for (size_t p = 0; pkg && p < parley_scenario_proposal_count(a); p++) {
        memcpy(pkg, parley_scenario_proposal(a, p)->positions, ni * sizeof *pkg);
        for (size_t j = 0; j < ni; j++) /* open issues at a fixed position, to compare values */
            if (parley_is_open(pkg[j]))
                pkg[j] = parley_scenario_issue(a, j)->lo;
        for (size_t i = 0; i < na; i++) {
            parley_actor_eval_t ea, eb;
            parley_eval_actor(a, i, pkg, &ea, NULL);
            parley_eval_actor(b, i, pkg, &eb, NULL);
            CHECK_NEAR(ea.utility, eb.utility, 0.0);
            CHECK_INT(ea.verdict, eb.verdict);
        }
    }
    free(pkg);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_sim_t *sa = NULL, *sb = NULL;
    parley_sim_options_t o;
    parley_sim_options_init(&o);
    CHECK_INT(parley_sim_create(ctx, a, &o, &sa), PARLEY_OK);
    CHECK_INT(parley_sim_create(ctx, b, &o, &sb), PARLEY_OK);
    if (sa && sb && parley_sim_run(ctx, sa) == PARLEY_OK && parley_sim_run(ctx, sb) == PARLEY_OK) {
        const parley_sim_result_t *ra = parley_sim_result(sa), *rb = parley_sim_result(sb);
        CHECK_INT(ra->end, rb->end);
        CHECK_INT(ra->round, rb->round);
        for (size_t i = 0; i < na; i++)
            CHECK(ra->batna[i] == rb->batna[i]);
    }
    parley_sim_destroy(sa);
    parley_sim_destroy(sb);
    parley_ctx_destroy(ctx);
}

static void same_as_edited_file(void)
{
    static const char *const cases[][3] = {
        {"actors.A.batna=0.3",
         "batna: {value: 0.25, dist: uniform, min: 0.2, max: 0.3, source: poll}",
         "batna: {value: 0.3, source: poll}"},
        {"actors.B.batna_drift=-0.01",
         "batna_drift: {dist: triangular, min: -0.02, mode: 0, max: 0.01}",
         "batna_drift: -0.01"},
        {"actors.x.y.batna_drift=0.02", "{id: x.y, capability: 1, batna: 0.1}",
         "{id: x.y, capability: 1, batna: 0.1, batna_drift: 0.02}"},
        {"stances.A.nato.salience=0.9", "nato: {ideal: open, salience: 0.5}",
         "nato: {ideal: open, salience: 0.9}"},
        {"stances.A.nato.ideal=consensus", "nato: {ideal: open, salience: 0.5}",
         "nato: {ideal: consensus, salience: 0.5}"},
        {"stances.B.army.values[2]=0.1", "[1000000, 0]]", "[1000000, 0.1]]"},
        {"issues.army.scale.hi=1200000", "hi: 1000000", "hi: 1200000"},
        {"proposals.q.positions.army=500000", "positions: {army: 800000}",
         "positions: {army: 500000}"},
        {"simulation.horizon=4", "horizon: 12", "horizon: 4"},
        {"simulation.tactics[0].batna.B=-0.3", "batna: {B: -0.1}", "batna: {B: -0.3}"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *text = edited(BASE, cases[k][1], cases[k][2]);
        parley_scenario_t *want = NULL, *got = load1(BASE, cases[k][0]);
        char msg[2048];
        if (text && load(text, NULL, 0, &want, msg, sizeof msg) != PARLEY_OK)
            fprintf(stderr, "  edited copy #%zu: %s\n", k, msg);
        CHECK(want && got);
        if (want && got)
            check_same(want, got, 1);
        parley_scenario_destroy(want);
        parley_scenario_destroy(got);
        free(text);
    }
}

/* A JSON scenario, and nodes shared through an alias: only the named one changes. */
static void json_and_aliases(void)
{
    static const char shared[] =
        "parley: 1\n"
        "actors: [{id: A, capability: 1, batna: 0.2}, {id: B, capability: 1, batna: 0.2}]\n"
        "issues: [{id: i, scale: {lo: 0, hi: 10}}, {id: j, scale: {lo: 0, hi: 10}}]\n"
        "stances:\n"
        "  A: &row {i: {ideal: 10, salience: 0.5}, j: {ideal: 0, salience: 0.5}}\n"
        "  B: *row\n";
    parley_scenario_t *s = load1(shared, "stances.A.i.salience=1");
    if (s) {
        CHECK_NEAR(parley_scenario_stance(s, 0, 0)->salience, 1.0, 0.0);
        CHECK_NEAR(parley_scenario_stance(s, 1, 0)->salience, 0.5, 0.0);
        parley_scenario_destroy(s);
    }
    static const char json[] =
        "{\"parley\": 1, \"actors\": [{\"id\": \"A\", \"capability\": 1, \"batna\": 0.2}],"
        " \"issues\": [{\"id\": \"i\", \"options\": [\"x\", \"y\"]}],"
        " \"stances\": {\"A\": {\"i\": {\"ideal\": \"x\", \"salience\": 1}}}}";
    if ((s = load1(json, "stances.A.i.ideal=y"))) {
        CHECK_NEAR(parley_scenario_stance(s, 0, 0)->ideal, 1.0, 0.0);
        parley_scenario_destroy(s);
    }
}

/* `simulate --set actors.RUS.batna_drift=-0.005` set the uncertain input on
 * a clone (parley_scenario_set_uncertain); the override must play the same. */
static void same_simulation_as_set_uncertain(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL, *c = NULL, *o = NULL;
    parley_override_t ov = {"actors.RUS.batna_drift", "-0.005"};
    CHECK_INT(parley_scenario_load_file(ctx, "examples/ukraine-2025.yaml", &s), PARLEY_OK);
    CHECK_INT(parley_scenario_load_file_with(ctx, "examples/ukraine-2025.yaml", &ov, 1, &o),
              PARLEY_OK);
    if (!s || !o || parley_scenario_clone(ctx, s, &c) != PARLEY_OK) {
        fprintf(stderr, "  %s\n", parley_ctx_message(ctx));
        test_failures++;
        goto done;
    }
    size_t n = parley_scenario_uncertain_count(c), hit = 0;
    double *v = calloc(n + 1, sizeof *v);
    for (size_t k = 0; v && k < n; k++) {
        const parley_uncertain_t *u = parley_scenario_uncertain(c, k);
        v[k] = u->base;
        if (strcmp(u->path, ov.path) == 0) {
            v[k] = -0.005;
            hit++;
        }
    }
    CHECK_INT(hit, 1);
    CHECK_INT(parley_scenario_set_uncertain(ctx, c, v), PARLEY_OK);
    free(v);
    CHECK_INT(parley_scenario_uncertain_count(o), n - 1);
    parley_sim_options_t opt;
    parley_sim_options_init(&opt);
    opt.trace = 1;
    parley_sim_t *sc = NULL, *so = NULL;
    CHECK_INT(parley_sim_create(ctx, c, &opt, &sc), PARLEY_OK);
    CHECK_INT(parley_sim_create(ctx, o, &opt, &so), PARLEY_OK);
    if (sc && so && parley_sim_run(ctx, sc) == PARLEY_OK && parley_sim_run(ctx, so) == PARLEY_OK) {
        const parley_sim_result_t *a = parley_sim_result(sc), *b = parley_sim_result(so);
        CHECK_INT(a->end, b->end);
        CHECK_INT(a->round, b->round);
        size_t na = parley_scenario_actor_count(c), ni = parley_scenario_issue_count(c);
        for (size_t i = 0; i < na; i++) {
            CHECK(a->batna[i] == b->batna[i]);
            CHECK((a->utility[i] == b->utility[i]) || (isnan(a->utility[i]) && isnan(b->utility[i])));
        }
        for (size_t j = 0; a->terms && b->terms && j < ni; j++)
            CHECK(a->terms[j] == b->terms[j]);
        CHECK_INT(parley_sim_move_count(sc), parley_sim_move_count(so));
        CHECK_INT(parley_sim_round_count(sc), parley_sim_round_count(so));
        /* The override is what changed the run. */
        CHECK(parley_scenario_actor(o, parley_scenario_find_actor(o, "RUS"))->batna_drift == -0.005);
    }
    parley_sim_destroy(sc);
    parley_sim_destroy(so);
done:
    parley_scenario_destroy(s);
    parley_scenario_destroy(c);
    parley_scenario_destroy(o);
    parley_ctx_destroy(ctx);
}

/* The numbers a simulation and an evaluation read, equal in a and b. */
static void check_same_numbers(const parley_scenario_t *a, const parley_scenario_t *b)
{
    size_t na = parley_scenario_actor_count(a), ni = parley_scenario_issue_count(a);
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < ni; j++) {
            const parley_stance_t *x = parley_scenario_stance(a, i, j);
            const parley_stance_t *y = parley_scenario_stance(b, i, j);
            CHECK(x->salience == y->salience && x->ideal == y->ideal);
            for (size_t k = 0; x->table && y->table && k < parley_scenario_issue(a, j)->n_options; k++)
                CHECK(x->table[k] == y->table[k]);
            for (size_t k = 0; x->pv && y->pv && k < x->n_points; k++)
                CHECK(x->pv[k] == y->pv[k]);
        }
    const parley_sim_config_t *p = parley_scenario_simulation(a), *q = parley_scenario_simulation(b);
    CHECK(p->self_weight == q->self_weight);
    for (size_t i = 0; i < na; i++) {
        CHECK(p->favour[i] == q->favour[i]);
        CHECK(p->strategies[i].e == q->strategies[i].e && p->strategies[i].k == q->strategies[i].k &&
              p->strategies[i].factor == q->strategies[i].factor);
    }
    for (size_t t = 0; t < p->n_tactics && t < q->n_tactics; t++) {
        const parley_tactic_t *x = &p->tactics[t], *y = &q->tactics[t];
        CHECK(x->credibility == y->credibility && x->decay == y->decay &&
              x->probability == y->probability);
        for (size_t i = 0; x->effect && y->effect && i < na; i++)
            CHECK(x->effect[i] == y->effect[i]);
        for (size_t i = 0; x->drift && y->drift && i < na; i++)
            CHECK(x->drift[i] == y->drift[i] || (isnan(x->drift[i]) && isnan(y->drift[i])));
    }
    for (size_t e = 0; e < p->n_events && e < q->n_events; e++) {
        const parley_event_t *x = &p->events[e], *y = &q->events[e];
        for (size_t i = 0; x->batna && y->batna && i < na; i++)
            CHECK(x->batna[i] == y->batna[i]);
        for (size_t i = 0; x->drift && y->drift && i < na; i++)
            CHECK(x->drift[i] == y->drift[i] || (isnan(x->drift[i]) && isnan(y->drift[i])));
    }
}

/* A distribution on every kind of number that may carry one. */
static const char UNC[] =
    "parley: 1\n"
    "actors:\n"
    "  - {id: A, capability: {dist: uniform, min: 1, max: 3}, batna: {dist: uniform, min: 0.1, "
    "max: 0.3}, discount: {dist: uniform, min: 0.8, max: 1}}\n"
    "  - {id: B, capability: 1, batna: 0.3, batna_drift: {dist: normal, mean: 0, sd: 0.01, "
    "min: -0.05, max: 0.05}}\n"
    "issues:\n"
    "  - {id: i, scale: {lo: 0, hi: 10}}\n"
    "  - {id: j, options: [x, y, z]}\n"
    "stances:\n"
    "  A:\n"
    "    i: {ideal: {dist: triangular, min: 6, mode: 8, max: 10}, salience: {dist: beta, "
    "alpha: 2, beta: 2}}\n"
    "    j: {values: {x: {dist: uniform, min: 0, max: 0.2}, y: 0.5, z: 1}, salience: 0.5}\n"
    "  B:\n"
    "    i: {values: [[0, 1], [5, {dist: uniform, min: 0.3, max: 0.7}], [10, 0]], salience: 1}\n"
    "proposals:\n"
    "  - {id: p, positions: {i: 5, j: y}}\n"
    "  - {id: q, positions: {i: 8, j: z}}\n"
    "simulation:\n"
    "  protocol: mediated\n"
    "  horizon: 10\n"
    "  self_weight: {dist: uniform, min: 0, max: 1}\n"
    "  favour: {B: {dist: uniform, min: 1, max: 3}}\n"
    "  strategies: {A: {kind: time, e: {dist: uniform, min: 0.5, max: 2}}}\n"
    "  tactics:\n"
    "    - {kind: walk-away, actor: A, round: 4, credibility: {dist: uniform, min: 0.2, max: 0.8},\n"
    "       batna: {B: {dist: uniform, min: -0.2, max: 0}}}\n"
    "  events:\n"
    "    - {round: 2, drift: {A: {dist: uniform, min: -0.02, max: 0}}}\n";

/* Every uncertain input, set by its path to the low end of its range,
 * reads the same numbers as parley_scenario_set_uncertain on a clone (what
 * simulate --set did). text NULL: the file `name`. */
static void uncertain_paths_in(const char *name, const char *text, size_t at_least)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    if (text)
        CHECK_INT(parley_scenario_load_buffer(ctx, name, text, strlen(text), &s), PARLEY_OK);
    else
        CHECK_INT(parley_scenario_load_file(ctx, name, &s), PARLEY_OK);
    if (!s)
        fprintf(stderr, "  %s\n", parley_ctx_message(ctx));
    size_t n = s ? parley_scenario_uncertain_count(s) : 0;
    CHECK(n >= at_least);
    double *v = calloc(n + 1, sizeof *v);
    for (size_t k = 0; v && k < n; k++) {
        parley_scenario_t *c = NULL, *o = NULL;
        const parley_uncertain_t *u = parley_scenario_uncertain(s, k);
        for (size_t m = 0; m < n; m++)
            v[m] = parley_scenario_uncertain(s, m)->base;
        v[k] = u->a;
        char num[32];
        parley_format_number(u->a, num);
        parley_override_t ov = {u->path, num};
        CHECK_INT(parley_scenario_clone(ctx, s, &c), PARLEY_OK);
        CHECK_INT(c ? parley_scenario_set_uncertain(ctx, c, v) : PARLEY_EARG, PARLEY_OK);
        parley_status_t st =
            text ? parley_scenario_load_buffer_with(ctx, name, text, strlen(text), &ov, 1, &o)
                 : parley_scenario_load_file_with(ctx, name, &ov, 1, &o);
        if (st) {
            fprintf(stderr, "  %s: %s\n", u->path, parley_ctx_message(ctx));
            test_failures++;
        }
        if (c && o) {
            CHECK_INT(parley_scenario_uncertain_count(o), n - 1);
            check_same(c, o, 0);
            check_same_numbers(c, o);
        }
        parley_scenario_destroy(c);
        parley_scenario_destroy(o);
    }
    free(v);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

static void every_uncertain_path(void)
{
    uncertain_paths_in("u.yaml", UNC, 14);
    uncertain_paths_in("examples/ukraine-2025.yaml", NULL, 3);
}

/* Every allocation failure is reported as out-of-memory and leaks nothing (ASan). */
static void alloc_failures(void)
{
    parley_override_t ov[] = {{"actors.A.batna=0.3", NULL},
                              {"actors.A.batna_drift=0.01", NULL},
                              {"stances.B.army.values[1]=0.5", NULL},
                              {"proposals.p.positions.nato=open", NULL},
                              {"simulation.tactics[0].credibility=0.7", NULL}};
    int ok = 0;
    for (long n = 0; n < 100000 && !ok; n++) {
        parley_ctx_t *ctx = parley_ctx_create();
        parley_scenario_t *s = NULL, *c = NULL;
        parley__alloc_fail_after(n);
        parley_status_t st = parley_scenario_load_buffer_with(ctx, "t.yaml", BASE, strlen(BASE),
                                                              ov, 5, &s);
        if (st == PARLEY_OK)
            st = parley_scenario_clone(ctx, s, &c);
        parley__alloc_fail_after(-1);
        if (st == PARLEY_OK) {
            ok = 1;
            CHECK_INT(parley_scenario_override_count(c), 5);
        } else if (st != PARLEY_ENOMEM) {
            CHECK_INT(st, PARLEY_ENOMEM);
            fprintf(stderr, "  at n=%ld: %s\n", n, parley_ctx_message(ctx));
            ok = -1;
        }
        parley_scenario_destroy(s);
        parley_scenario_destroy(c);
        parley_ctx_destroy(ctx);
    }
    CHECK_INT(ok, 1);
}

const test_case_t tests_set[] = {
    {"set/numbers_at_every_kind_of_path", numbers_at_every_kind_of_path},
    {"set/distributions_replaced", distributions_replaced},
    {"set/recorded_and_hashed", recorded_and_hashed},
    {"set/messages", messages},
    {"set/malformed", malformed},
    {"set/same_as_edited_file", same_as_edited_file},
    {"set/json_and_aliases", json_and_aliases},
    {"set/same_simulation_as_set_uncertain", same_simulation_as_set_uncertain},
    {"set/every_uncertain_path", every_uncertain_path},
    {"set/alloc_failures", alloc_failures},
    {NULL, NULL},
};
