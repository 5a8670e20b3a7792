/*
 * test_ktabxml.c — KTAB's XML scenarios and the scenario's `smp:` section:
 * a hand-made scenario imported and loaded back (actors, saliences, model
 * parameters, seed, the accommodation matrix over the identity), located
 * errors of both readers, and nothing written on failure.
 */
#include <stdlib.h>
#include "../../src/core/core.h"
#include "parley/ktab.h"
#include "parley/parley.h"
#include "../test.h"

static const char XML[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"              /* 1 */
    "<Scenario>\n"                                              /* 2 */
    "  <name>Budget</name>\n"                                   /* 3 */
    "  <desc>Three parties, two issues</desc>\n"                /* 4 */
    "  <prngSeed>0x10</prngSeed>\n"                             /* 5 */
    "  <ModelParameters>\n"                                     /* 6 */
    "    <VictoryProbModel>Square</VictoryProbModel>\n"         /* 7 */
    "    <VotingRule>PropCbc</VotingRule>\n"                    /* 8 */
    "    <StateTransitions>Stochastic</StateTransitions>\n"     /* 9 */
    "  </ModelParameters>\n"                                    /* 10 */
    "  <Dimensions><dName>Tax rate</dName><dName>Spending</dName></Dimensions>\n"
    "  <Actors>\n"                                              /* 12 */
    "    <Actor><name>North</name><description>first</description><capability>40</capability>\n"
    "      <Position><dCoord>10</dCoord><dCoord>80</dCoord></Position>\n"
    "      <Salience><dSal>60</dSal><dSal>30</dSal></Salience></Actor>\n"
    "    <Actor><name>South</name><capability>30</capability>\n" /* 16 */
    "      <Position><dCoord>70</dCoord><dCoord>20</dCoord></Position>\n"
    "      <Salience><dSal>50</dSal><dSal>50</dSal></Salience></Actor>\n"
    "    <Actor><name>East</name><capability>20</capability>\n" /* 19 */
    "      <Position><dCoord>50</dCoord><dCoord>50</dCoord></Position>\n"
    "      <Salience><dSal>40</dSal><dSal>40</dSal></Salience></Actor>\n"
    "  </Actors>\n"
    "  <IdealAdjustment>\n"
    "    <iaPair><adjustingIdeal>North</adjustingIdeal><referencePos>North</referencePos>"
    "<adjust>0.6</adjust></iaPair>\n"
    "    <iaPair><adjustingIdeal>North</adjustingIdeal><referencePos>East</referencePos>"
    "<adjust>0.2</adjust></iaPair>\n"
    "  </IdealAdjustment>\n"
    "</Scenario>\n";

static parley_scenario_t *import(const char *xml, parley_ktab_info_t *info)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_buf_t y;
    parley_buf_init(&y);
    parley_scenario_t *s = NULL;
    parley_status_t st = parley_ktab_xml_to_yaml(ctx, "t.xml", xml, strlen(xml), &y, info);
    CHECK_INT(st, PARLEY_OK);
    if (st == PARLEY_OK)
        CHECK_INT(parley_scenario_load_buffer(ctx, "t.yaml", y.data, y.len, &s), PARLEY_OK);
    if (!s)
        fprintf(stderr, "  %s\n", parley_ctx_message(ctx));
    parley_buf_free(&y);
    parley_ctx_destroy(ctx);
    return s;
}

static void import_example(void)
{
    CHECK(parley_ktab_is_xml(XML, strlen(XML)));
    CHECK(parley_ktab_is_xml("\xEF\xBB\xBF  \n<a/>", 9));
    CHECK(!parley_ktab_is_xml("Budget,x,3,2\n", 13));
    parley_ktab_info_t info;
    parley_scenario_t *s = import(XML, &info);
    if (!s)
        return;
    CHECK_INT(info.n_actors, 3);
    CHECK_INT(info.n_dims, 2);
    CHECK_INT(info.n_params, 3);
    CHECK_INT(info.n_adjust, 2);
    CHECK_STR(parley_scenario_name(s), "Budget");
    CHECK_STR(parley_scenario_actor(s, 2)->id, "East");
    CHECK_NEAR(parley_scenario_actor(s, 0)->capability, 40.0, 0);
    CHECK_STR(parley_scenario_issue(s, 0)->id, "tax-rate");
    CHECK_NEAR(parley_scenario_issue(s, 0)->hi, 100.0, 0);
    const parley_stance_t *st = parley_scenario_stance(s, 0, 1);
    CHECK_NEAR(st->ideal, 80.0, 0);
    CHECK_NEAR(st->salience, 0.3, 1e-15); /* 30 / 100 */
    const parley_smp_config_t *c = parley_scenario_smp(s);
    CHECK(c->present);
    CHECK_INT(c->params.victory, PARLEY_SMP_VP_SQUARE);
    CHECK_INT(c->params.vote, PARLEY_SMP_VOTE_PROP_CUBIC);
    CHECK_INT(c->params.stochastic, 1);
    CHECK_INT(c->params.pce, PARLEY_SMP_PCE_CONDITIONAL); /* not given: KTAB's default */
    CHECK_INT(c->params.seed, 16);                        /* 0x10 */
    CHECK_INT(c->n_adjust, 2);
    /* Over the identity: North keeps 0.6 of its own position and takes 0.2
     * of East's (its ideal lags by 0.2); the others follow their positions. */
    const double want[9] = {0.6, 0, 0.2, 0, 1, 0, 0, 0, 1};
    for (size_t k = 0; c->params.accommodation && k < 9; k++)
        CHECK_NEAR(c->params.accommodation[k], want[k], 0);
    CHECK(c->params.accommodation != NULL);
    parley_scenario_destroy(s);
}

/* Without <ModelParameters>, <prngSeed> or <IdealAdjustment> there is no `smp:`. */
static void import_plain(void)
{
    static const char xml[] =
        "<Scenario><Dimensions><dName>X</dName></Dimensions><Actors>"
        "<Actor><name>A</name><capability>1</capability><Position><dCoord>0</dCoord></Position>"
        "<Salience><dSal>100</dSal></Salience></Actor>"
        "<Actor><name>B</name><capability>2</capability><Position><dCoord>100</dCoord>"
        "</Position><Salience><dSal>50</dSal></Salience></Actor></Actors></Scenario>";
    parley_scenario_t *s = import(xml, NULL);
    if (!s)
        return;
    const parley_smp_config_t *c = parley_scenario_smp(s);
    CHECK(!c->present);
    CHECK(c->params.accommodation == NULL);
    CHECK_INT(c->params.seed, 1);
    parley_scenario_destroy(s);
}

/* Replaces the first `from` in XML by `to` and imports: must fail with msg. */
static void import_fails(const char *from, const char *to, const char *msg)
{
    const char *at = strstr(XML, from);
    CHECK(at != NULL);
    if (!at)
        return;
    char buf[sizeof XML + 256];
    snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - XML), XML, to, at + strlen(from));
    parley_ctx_t *ctx = parley_ctx_create();
    parley_buf_t y;
    parley_buf_init(&y);
    parley_buf_puts(&y, "kept");
    CHECK(parley_ktab_xml_to_yaml(ctx, "t.xml", buf, strlen(buf), &y, NULL) != PARLEY_OK);
    CHECK_STR(parley_ctx_message(ctx), msg);
    CHECK_STR(y.data, "kept"); /* nothing appended */
    parley_buf_free(&y);
    parley_ctx_destroy(ctx);
}

static void import_errors(void)
{
    import_fails("<dCoord>10</dCoord>", "<dCoord></dCoord>",
                 "t.xml:14:17: actor 'North': <dCoord> #1 is empty: expected a number in [0,100]");
    import_fails("<dCoord>70</dCoord><dCoord>20</dCoord>", "<dCoord>70</dCoord>",
                 "t.xml:17:7: actor 'South': <Position> has 1 <dCoord>, the scenario has 2 "
                 "dimensions");
    import_fails("<VotingRule>PropCbc", "<VotingRule>PropCbx",
                 "t.xml:8:5: <VotingRule>: unknown value 'PropCbx' (did you mean 'PropCbc'?)");
    import_fails("<adjust>0.6", "<adjust>0.9",
                 "t.xml:25:5: 'North' adjusts its ideal by 1.1 in all (its own <iaPair> is 1 "
                 "unless given): an actor's adjustments must sum to at most 1");
    import_fails("<referencePos>East", "<referencePos>Est",
                 "t.xml:25:51: <referencePos>: no actor is named 'Est' (did you mean 'East'?)");
    import_fails("</Scenario>", "</Scenari>", "t.xml:27:3: XML: mismatched tag");
    import_fails("<prngSeed>0x10", "<prngSeed>-1",
                 "t.xml:5:3: <prngSeed> must be a whole number from 0 to 18446744073709551615 "
                 "(decimal, or hexadecimal after 0x), got '-1'");
}

/* ---- The `smp:` section of a scenario. */
static const char YAML_HEAD[] =
    "parley: 1\n"
    "actors:\n"
    "  - {id: A, capability: 1, batna: 0}\n"
    "  - {id: B, capability: 2, batna: 0}\n"
    "issues:\n"
    "  - {id: x, scale: {lo: 0, hi: 100}}\n"
    "stances:\n"
    "  A: {x: {ideal: 0, salience: 1}}\n"
    "  B: {x: {ideal: 100, salience: 1}}\n";

static parley_status_t load_smp(const char *section, parley_ctx_t *ctx, parley_scenario_t **s)
{
    char buf[2048];
    snprintf(buf, sizeof buf, "%s%s", YAML_HEAD, section);
    return parley_scenario_load_buffer(ctx, "s.yaml", buf, strlen(buf), s);
}

static void smp_section(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    CHECK_INT(load_smp("smp:\n  risk_range: max\n  salience: normalise\n  challenge_victory: true\n"
                       "  seed: 18446744073709551615\n  accommodation:\n"
                       "    - {actor: B, reference: A, adjust: 0.25}\n"
                       "    - {actor: B, reference: B, adjust: 0.5}\n", ctx, &s), PARLEY_OK);
    if (s) {
        const parley_smp_config_t *c = parley_scenario_smp(s);
        CHECK_INT(c->params.risk_range, PARLEY_SMP_RRANGE_MAX);
        CHECK_INT(c->params.salience, PARLEY_SMP_SALIENCE_NORMALISE);
        CHECK_INT(c->params.challenge_victory, 1);
        CHECK(c->params.seed == UINT64_MAX); /* read exactly, not through a double */
        CHECK_INT(c->n_adjust, 2);
        CHECK_INT(c->adjust[0].actor, 1);
        CHECK_INT(c->adjust[0].line, 16);
        const double want[4] = {1, 0, 0.25, 0.5}; /* A keeps the identity's row */
        for (size_t k = 0; c->params.accommodation && k < 4; k++)
            CHECK_NEAR(c->params.accommodation[k], want[k], 0);
        parley_scenario_destroy(s);
        s = NULL;
    }
    static const struct {
        const char *section, *msg;
    } bad[] = {
        {"smp:\n  victory: cubic\n",
         "s.yaml:11:12: smp: victory must be one of linear, square, quartic, octic, binary, got "
         "'cubic'"},
        {"smp:\n  pce: markov-uniforn\n",
         "s.yaml:11:8: smp: pce: unknown value 'markov-uniforn' (did you mean 'markov-uniform'?)"},
        {"smp:\n  victroy: square\n",
         "s.yaml:11:3: 'smp': unknown key 'victroy' (did you mean 'victory'?)"},
        {"smp:\n  seed: 18446744073709551616\n",
         "s.yaml:11:9: smp: seed must be a whole number from 0 to 18446744073709551615, got "
         "'18446744073709551616'"},
        {"smp:\n  challenge_victory: yes\n",
         "s.yaml:11:22: smp: challenge_victory must be true or false, got 'yes'"},
        {"smp:\n  accommodation:\n    - {actor: C, reference: A, adjust: 0.5}\n",
         "s.yaml:12:15: smp: accommodation #1: 'actor': unknown actor 'C' (did you mean 'A'?)"},
        {"smp:\n  accommodation:\n    - {actor: A, reference: B, adjust: 1.5}\n",
         "s.yaml:12:40: smp: accommodation #1: adjust must be in [0,1], got 1.5"},
        {"smp:\n  accommodation:\n    - {actor: A, reference: B, adjust: 0.5}\n",
         "s.yaml:12:7: smp: accommodation: actor 'A' adjusts by 1.5 in all (its own entry is 1 "
         "unless given): a row must sum to at most 1"},
        {"smp:\n  accommodation:\n    - {actor: A, reference: A, adjust: 0.5}\n"
         "    - {actor: A, reference: A, adjust: 0.4}\n",
         "s.yaml:13:7: smp: accommodation #2: a second entry for actor 'A', reference 'A'"},
        {"smp:\n  accommodation:\n    - {actor: A, adjust: 0.5}\n",
         "s.yaml:12:7: smp: accommodation #1 has no 'reference' (an actor id)"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        CHECK_INT(load_smp(bad[k].section, ctx, &s), PARLEY_EINPUT);
        CHECK_STR(parley_ctx_message(ctx), bad[k].msg);
        CHECK(s == NULL);
    }
    /* No section: KTAB's defaults, the identity. */
    CHECK_INT(load_smp("", ctx, &s), PARLEY_OK);
    if (s) {
        const parley_smp_config_t *c = parley_scenario_smp(s);
        CHECK(!c->present && !c->params.accommodation && c->params.seed == 1);
        parley_scenario_destroy(s);
    }
    parley_ctx_destroy(ctx);
}

/* Every allocation failure of the import and the load back is PARLEY_ENOMEM
 * and leaks nothing (the sanitizer build checks the leaks). */
static void alloc_failures(void)
{
    int ok = 0;
    for (long n = 0; n < 2000 && !ok; n++) {
        parley_ctx_t *ctx = parley_ctx_create();
        parley_buf_t y;
        parley_buf_init(&y);
        parley__alloc_fail_after(n);
        parley_status_t st = parley_ktab_xml_to_yaml(ctx, "t.xml", XML, strlen(XML), &y, NULL);
        parley_scenario_t *s = NULL;
        if (st == PARLEY_OK)
            st = parley_scenario_load_buffer(ctx, "t.yaml", y.data, y.len, &s);
        parley__alloc_fail_after(-1);
        CHECK(st == PARLEY_OK || st == PARLEY_ENOMEM);
        ok = st == PARLEY_OK;
        parley_scenario_destroy(s);
        parley_buf_free(&y);
        parley_ctx_destroy(ctx);
    }
    CHECK(ok);
}

const test_case_t tests_ktab[] = {
    {"ktab/alloc_failures", alloc_failures},
    {"ktab/import_example", import_example},
    {"ktab/import_plain", import_plain},
    {"ktab/import_errors", import_errors},
    {"ktab/smp_section", smp_section},
    {NULL, NULL},
};
