/*
 * test_genius.c — the GENIUS / GeniusWeb importer. The differential test
 * reads every profile of every ANAC folder (and our own fixture) with a
 * separate, deliberately plain expat reader, computes GENIUS's utility
 * U = sum_i w_i eval_i for random packages and corners, and compares it with
 * parley_utility on the imported scenario.
 */
#include <dirent.h>
#include <expat.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/io/genius.h"
#include "parley/parley.h"
#include "../test.h"

#define ANAC "../shared/data/anac"
#define MAXI 64   /* issues in a reference profile */
#define MAXV 64   /* values of a discrete issue */

/* ---- the reference: a GENIUS XML profile as plain arrays */
typedef struct ref_issue {
    char name[128], type[16];
    long index;
    int n;
    char value[MAXV][128];
    double eval[MAXV];
    double lb, slope, offset, p0, p1;
    int constant;
} ref_issue_t;

typedef struct ref {
    int n, uncertain;
    ref_issue_t is[MAXI];
    long windex[MAXI];
    double w[MAXI];
    int nw;
    ref_issue_t *cur;
} ref_t;

static const char *attr(const XML_Char **a, const char *k)
{
    for (; *a; a += 2)
        if (strcmp(a[0], k) == 0)
            return a[1];
    return NULL;
}

static double dattr(const XML_Char **a, const char *k)
{
    const char *v = attr(a, k);
    return v ? strtod(v, NULL) : 0.0;
}

static void XMLCALL ref_start(void *ud, const XML_Char *el, const XML_Char **a)
{
    ref_t *r = ud;
    if (strcmp(el, "utility_space") == 0 && attr(a, "type"))
        r->uncertain = strcmp(attr(a, "type"), "UNCERTAIN") == 0;
    if (strcmp(el, "issue") == 0 && r->n < MAXI) {
        r->cur = &r->is[r->n++];
        snprintf(r->cur->name, sizeof r->cur->name, "%s", attr(a, "name"));
        snprintf(r->cur->type, sizeof r->cur->type, "%s", attr(a, "type") ? attr(a, "type") : "discrete");
        r->cur->index = (long)dattr(a, "index");
        r->cur->lb = dattr(a, "lowerbound");
    } else if (strcmp(el, "item") == 0 && r->cur && r->cur->n < MAXV) {
        snprintf(r->cur->value[r->cur->n], 128, "%s", attr(a, "value"));
        r->cur->eval[r->cur->n++] = dattr(a, "evaluation");
    } else if (strcmp(el, "evaluator") == 0 && r->cur) {
        r->cur->slope = dattr(a, "slope");
        r->cur->offset = dattr(a, "offset");
        r->cur->p0 = dattr(a, "parameter0");
        r->cur->p1 = dattr(a, "parameter1");
        r->cur->constant = attr(a, "ftype") && strcmp(attr(a, "ftype"), "constant") == 0;
    } else if (strcmp(el, "weight") == 0 && r->nw < MAXI) {
        r->windex[r->nw] = (long)dattr(a, "index");
        r->w[r->nw++] = dattr(a, "value");
    }
}

static void XMLCALL ref_end(void *ud, const XML_Char *el)
{
    if (strcmp(el, "issue") == 0)
        ((ref_t *)ud)->cur = NULL;
}

static int ref_read(const char *path, ref_t *r)
{
    memset(r, 0, sizeof *r);
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    static char buf[1 << 20];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    XML_Parser p = XML_ParserCreate(NULL);
    XML_SetUserData(p, r);
    XML_SetElementHandler(p, ref_start, ref_end);
    int ok = XML_Parse(p, buf, (int)len, 1) == XML_STATUS_OK;
    XML_ParserFree(p);
    return ok && r->nw > 0;
}

static double clip(double u)
{
    return u < 0 ? 0 : u > 1 ? 1 : u;
}

/* GENIUS's evaluation of a value given as text (discrete) or number. */
static double ref_eval(const ref_issue_t *is, const char *text, double x)
{
    if (strcmp(is->type, "integer") == 0)
        return clip(is->offset + is->slope * (x - is->lb));
    if (strcmp(is->type, "real") == 0)
        return is->constant ? is->p0 : clip(is->p1 * x + is->p0);
    double max = 0, e = -1;
    for (int k = 0; k < is->n; k++) {
        max = fmax(max, is->eval[k]);
        if (strcmp(is->value[k], text) == 0)
            e = is->eval[k];
    }
    return max < 0.00001 ? 0.0 : e / max;
}

static double ref_weight(const ref_t *r, const ref_issue_t *is)
{
    for (int k = 0; k < r->nw; k++)
        if (r->windex[k] == is->index)
            return r->w[k];
    return NAN;
}

/* ---- comparing one folder */
static unsigned long long rng_state = 88172645463325252ull;
static double rnd(void)
{
    rng_state ^= rng_state << 13, rng_state ^= rng_state >> 7, rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

/* A package: corner 0 = first values, 1 = last values, else random. */
static void package(const parley_scenario_t *s, const ref_t *r, int corner, double *pkg,
                    const char **text, double *x)
{
    for (size_t j = 0; j < parley_scenario_issue_count(s); j++) {
        const parley_issue_t *is = parley_scenario_issue(s, j);
        const ref_issue_t *ri = NULL;
        for (int k = 0; k < r->n; k++)
            if (strcmp(r->is[k].name, is->name) == 0)
                ri = &r->is[k];
        int integer = ri && strcmp(ri->type, "integer") == 0;
        double t = corner == 0 ? 0.0 : corner == 1 ? 1.0 : rnd();
        if (is->kind == PARLEY_ISSUE_DISCRETE) {
            size_t k = (size_t)(t * (double)(is->n_options - 1) + 0.5);
            pkg[j] = (double)k;
            text[j] = is->options[k].name;
            x[j] = strtod(text[j], NULL);
        } else {
            x[j] = is->lo + t * (is->hi - is->lo);
            if (integer)
                x[j] = floor(x[j] + 0.5);
            pkg[j] = x[j];
            text[j] = "";
        }
    }
}

static void compare_profile(const parley_scenario_t *s, size_t a, const ref_t *r, int *cases)
{
    size_t n = parley_scenario_issue_count(s);
    double pkg[MAXI], x[MAXI], wsum = 0;
    const char *text[MAXI];
    for (int k = 0; k < r->n; k++)
        wsum += ref_weight(r, &r->is[k]);
    CHECK_INT(n, r->n);
    for (int c = 0; c < 302 && n == (size_t)r->n; c++) {
        package(s, r, c, pkg, text, x);
        double u = 0;
        for (size_t j = 0; j < n; j++) {
            const parley_issue_t *is = parley_scenario_issue(s, j);
            for (int k = 0; k < r->n; k++)
                if (strcmp(r->is[k].name, is->name) == 0)
                    u += ref_weight(r, &r->is[k]) * ref_eval(&r->is[k], text[j], x[j]);
        }
        double got = parley_utility(s, a, pkg), genius = u > 1 ? 1 : u;
        CHECK_NEAR(got, u / wsum, 1e-12); /* GENIUS's utility with the weights normalised */
        CHECK_NEAR(got, genius, fmax(1e-12, fabs(wsum - 1.0))); /* exactly GENIUS's when they sum to 1 */
        ++*cases;
    }
}

static const char *file_stem(const char *name, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", name);
    char *dot = strrchr(buf, '.');
    if (dot)
        *dot = '\0';
    return buf;
}

/* Imports dir, then checks every non-UNCERTAIN XML profile in it against the reference. */
static int compare_folder(const char *dir)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_buf_t y;
    parley_buf_init(&y);
    parley_scenario_t *s = NULL;
    int cases = 0;
    CHECK_INT(parley_genius_to_yaml(ctx, dir, &y), PARLEY_OK);
    CHECK_INT(parley_scenario_load_buffer(ctx, dir, y.data, y.len, &s), PARLEY_OK);
    DIR *d = s ? opendir(dir) : NULL;
    static ref_t r;
    for (struct dirent *e; d && (e = readdir(d));) {
        char path[1024], stem[256];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (!strstr(e->d_name, ".xml") || !ref_read(path, &r) || r.uncertain)
            continue;
        size_t a = parley_scenario_find_actor(s, file_stem(e->d_name, stem, sizeof stem));
        CHECK(a != (size_t)-1);
        if (a != (size_t)-1)
            compare_profile(s, a, &r, &cases);
    }
    if (d)
        closedir(d);
    if (test_failures)
        fprintf(stderr, "  %s: %s\n", dir, parley_ctx_message(ctx));
    parley_scenario_destroy(s);
    parley_buf_free(&y);
    parley_ctx_destroy(ctx);
    return cases;
}

static void anac_utilities(void)
{
    DIR *d = opendir(ANAC);
    if (!d)
        TEST_SKIP(ANAC " not found");
    int folders = 0, cases = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        char dir[512];
        snprintf(dir, sizeof dir, "%s/%s", ANAC, e->d_name);
        cases += compare_folder(dir);
        folders++;
    }
    closedir(d);
    printf("     %d folders, %d package evaluations compared\n", folders, cases);
    CHECK(folders >= 9);
}

static void fixture_utilities(void)
{
    CHECK_INT(compare_folder("tests/data/genius/laptop"), 2 * 302);
}

/* ---- GeniusWeb: utilities worked out by hand from the fixture */
static void geniusweb_jobs(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_buf_t y;
    parley_buf_init(&y);
    parley_scenario_t *s = NULL;
    CHECK_INT(parley_genius_to_yaml(ctx, "tests/data/geniusweb/jobs", &y), PARLEY_OK);
    CHECK_INT(parley_scenario_load_buffer(ctx, "jobs", y.data, y.len, &s), PARLEY_OK);
    if (!s) {
        fprintf(stderr, "  %s\n", parley_ctx_message(ctx));
        parley_buf_free(&y);
        parley_ctx_destroy(ctx);
        return;
    }
    size_t er = parley_scenario_find_actor(s, "employer"), ee = parley_scenario_find_actor(s, "employee");
    CHECK(er != (size_t)-1 && ee != (size_t)-1);
    CHECK_INT(parley_scenario_issue_count(s), 4);
    CHECK_INT(parley_scenario_issue(s, 2)->n_options, 5); /* fte 0.6..1.0 step 0.1 */
    CHECK_INT(parley_scenario_issue(s, 3)->kind, PARLEY_ISSUE_CONTINUOUS); /* 201 salaries */
    /* lease car: no, career: low, fte: 1.0, salary: 2000 */
    double p1[] = {1, 0, 4, 2000};
    CHECK_NEAR(parley_utility(s, er, p1), 0.1 * 1 + 0.2 * 1 + 0.3 * 0.9 + 0.4 * 1, 1e-12);
    CHECK_NEAR(parley_utility(s, ee, p1), 0.06 * 0 + 0.24 * 0 + 0.32 * 0.75 + 0.38 * 0, 1e-12);
    /* yes, medium, 0.7, 3500 */
    double p2[] = {0, 1, 1, 3500};
    CHECK_NEAR(parley_utility(s, er, p2), 0.1 * 0.2 + 0.2 * 0.6 + 0.3 * 0.45 + 0.4 * 0.25, 1e-12);
    CHECK_NEAR(parley_utility(s, ee, p2), 0.06 + 0.24 * 0.5 + 0.32 * 0.375 + 0.38 * 0.75, 1e-12);
    /* the reservation bid (yes, high, 0.8, 3000) */
    CHECK_NEAR(parley_scenario_actor(s, er)->batna, 0.1 * 0.2 + 0.2 * 0.1 + 0.3 * 0.6 + 0.4 * 0.5,
               1e-12);
    CHECK_NEAR(parley_scenario_actor(s, ee)->batna, 0.0, 0.0);
    parley_scenario_destroy(s);
    parley_buf_free(&y);
    parley_ctx_destroy(ctx);
}

/* ---- GENIUS XML read leniently, as GENIUS reads it: utilities worked out
 * by hand from tests/data/genius/lenient (docs/import-genius.md's table) */
static void lenient_utilities(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_buf_t y;
    parley_buf_init(&y);
    parley_scenario_t *s = NULL;
    CHECK_INT(parley_genius_to_yaml(ctx, "tests/data/genius/lenient", &y), PARLEY_OK);
    CHECK_INT(parley_scenario_load_buffer(ctx, "lenient", y.data, y.len, &s), PARLEY_OK);
    if (!s) {
        fprintf(stderr, "  %s\n", parley_ctx_message(ctx));
        parley_buf_free(&y);
        parley_ctx_destroy(ctx);
        return;
    }
    size_t coach = parley_scenario_find_actor(s, "coach");
    size_t runner = parley_scenario_find_actor(s, "runner");
    CHECK(coach != (size_t)-1 && runner != (size_t)-1);
    CHECK_INT(parley_scenario_issue_count(s), 3); /* the runner's Music (index 9) left out */
    /* coach: Sport swim 2, run 1, row 4 (its second evaluation), over the
     * maximum 8 of 'dance', which the domain lacks; Minutes has no
     * evaluator (0); weights 0.5, 0.25 (the second for index 3), 0.25. */
    double row_3_gym[] = {2, 2, 0}, run_5_park[] = {1, 4, 1};
    CHECK_NEAR(parley_utility(s, coach, row_3_gym), 0.5 * 4 / 8 + 0.25 * 0 + 0.25 * 1, 1e-12);
    CHECK_NEAR(parley_utility(s, coach, run_5_park), 0.5 * 1 / 8 + 0.25 * 0 + 0.25 * 0, 1e-12);
    /* runner: matched by index ('Activity' is the domain's Sport); Minutes
     * on its own line 0.1 * (v - 0) although the domain's range is 1..5. */
    CHECK_NEAR(parley_utility(s, runner, row_3_gym), 0.4 * 0 + 0.3 * 0.3 + 0.3 * 0, 1e-12);
    CHECK_NEAR(parley_utility(s, runner, run_5_park), 0.4 * 1 + 0.3 * 0.5 + 0.3 * 1, 1e-12);
    /* the runner's <reservation> inside its objective is read after the one beside it */
    CHECK_NEAR(parley_scenario_actor(s, runner)->batna, 0.3, 0.0);
    CHECK_NEAR(parley_scenario_actor(s, coach)->batna, 0.2, 0.0);
    CHECK(strstr(y.data, "ignored <weight index=\"1\">: no issue beside it") != NULL);
    parley_scenario_destroy(s);
    parley_buf_free(&y);
    parley_ctx_destroy(ctx);
}

/* ---- the in-memory entry point and its messages */
static const char *xml_error(const char *xml)
{
    static char msg[2048];
    parley_ctx_t *ctx = parley_ctx_create();
    parley__arena_t a;
    parley__arena_init(&a, 0);
    gn_file_t f;
    parley_status_t st = parley__genius_parse_xml_buffer(ctx, &a, "t.xml", xml, strlen(xml), &f);
    snprintf(msg, sizeof msg, "%s", st ? parley_ctx_message(ctx) : "ok");
    parley__arena_free(&a);
    parley_ctx_destroy(ctx);
    return msg;
}

static void xml_messages(void)
{
    CHECK_CONTAINS(xml_error("<utility_space>\n  <objective>\n</utility_space>"),
                   "t.xml:3:3: XML: mismatched tag");
    CHECK_CONTAINS(xml_error("<!DOCTYPE x [<!ENTITY a \"b\">]><x/>"), "XML: document type declarations (DTDs) are not supported");
    CHECK_CONTAINS(xml_error("<utility_space><objective><issue name=\"a\" index=\"1\">"
                             "<item value=\"x\" evaluation=\"-1\"/><item value=\"y\" evaluation=\"1\"/>"
                             "</issue><weight index=\"1\" value=\"1\"/></objective></utility_space>"),
                   "evaluation of 'x' must be >= 0");
    CHECK_CONTAINS(xml_error("<utility_space><objective><issue name=\"a\" index=\"1\" type=\"integer\" "
                             "lowerbound=\"9\" upperbound=\"3\"/></objective></utility_space>"),
                   "bounds reversed");
    CHECK_STR(xml_error("<html><body/></html>"), "ok");
}

static void usage_errors(void)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley_buf_t y;
    parley_buf_init(&y);
    CHECK_INT(parley_genius_to_yaml(ctx, "tests/data/genius/laptop/buyer.xml", &y), PARLEY_EINPUT);
    CHECK_CONTAINS(parley_ctx_message(ctx), "not a folder");
    CHECK_INT(parley_genius_to_yaml(ctx, "tests/data/no-such-folder", &y), PARLEY_EIO);
    CHECK_INT(y.len, 0);
    parley_buf_free(&y);
    parley_ctx_destroy(ctx);
}

/* Every allocation failure while importing is reported as out-of-memory,
 * and leaks nothing (the lenient folder: while writing its notes too). */
static void alloc_failures_in(const char *dir)
{
    int ok = 0;
    for (long n = 0; n < 100000 && !ok; n++) {
        parley_ctx_t *ctx = parley_ctx_create();
        parley_buf_t y;
        parley_buf_init(&y);
        parley__alloc_fail_after(n);
        parley_status_t st = parley_genius_to_yaml(ctx, dir, &y);
        parley__alloc_fail_after(-1);
        if (st == PARLEY_OK)
            ok = 1;
        else if (st != PARLEY_ENOMEM) {
            CHECK_INT(st, PARLEY_ENOMEM);
            fprintf(stderr, "  at n=%ld: %s\n", n, parley_ctx_message(ctx));
            ok = -1;
        }
        parley_buf_free(&y);
        parley_ctx_destroy(ctx);
    }
    CHECK_INT(ok, 1);
}

static void genius_alloc_failures(void)
{
    alloc_failures_in("tests/data/genius/laptop");
    alloc_failures_in("tests/data/genius/lenient");
}

const test_case_t tests_genius[] = {
    {"genius/anac_utilities", anac_utilities},
    {"genius/fixture_utilities", fixture_utilities},
    {"genius/geniusweb_jobs", geniusweb_jobs},
    {"genius/lenient_utilities", lenient_utilities},
    {"genius/xml_messages", xml_messages},
    {"genius/usage_errors", usage_errors},
    {"genius/alloc_failures", genius_alloc_failures},
    {NULL, NULL},
};
