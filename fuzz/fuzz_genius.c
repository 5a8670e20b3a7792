/*
 * fuzz_genius.c — libFuzzer target for the GENIUS XML reader (and, for
 * inputs starting with '{', the GeniusWeb JSON reader): parse one file from
 * memory; when it is a profile, import it as two parties of its own domain
 * and load the scenario back, which must succeed whenever some weight is > 0
 * (a non-linear profile: whenever its rectangles resolve against a domain of
 * integer issues).
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "../src/io/genius.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void import_twice(parley_ctx_t *ctx, parley__arena_t *a, gn_profile_t *p)
{
    double sum = 0;
    for (size_t j = 0; j < p->dom.n_issues; j++)
        sum += p->weight[j];
    if (!(sum > 0) || p->res_values)
        return;
    for (size_t j = 0; j < p->dom.n_issues; j++) /* an item without evaluation: refused once */
        for (size_t k = 0; p->ev[j].kind == GE_TABLE && k < p->dom.issues[j].n_values; k++)
            if (isnan(p->ev[j].table[k])) /* matched to a domain that has its value */
                return;
    gn_profile_t two[2] = {*p, *p};
    gn_import_t im = {.dir = "fuzz", .format = "GENIUS XML", .domain_path = "fuzz.xml",
                      .dom = &p->dom, .n_profiles = 2, .profiles = two};
    parley_buf_t y;
    parley_buf_init(&y);
    if (parley__genius_write_yaml(ctx, a, &im, &y) == PARLEY_OK) {
        parley_scenario_t *s = NULL;
        parley_status_t st = parley_scenario_load_buffer(ctx, "fuzz.yaml", y.data, y.len, &s);
        if (st != PARLEY_OK && st != PARLEY_ENOMEM)
            abort(); /* the importer wrote a scenario its own loader rejects */
        parley_scenario_destroy(s);
    }
    parley_buf_free(&y);
}

/* A non-linear profile names issues only by the index of its bounds: give
 * it a domain of integer issues 0..9, one per index, resolve it against
 * that domain and import it as two parties. */
static void import_nonlinear(parley_ctx_t *ctx, parley__arena_t *a, gn_profile_t *p)
{
    enum { MAX_ISSUES = 64 };
    gn_issue_t is[MAX_ISSUES];
    size_t n = 0;
    for (size_t k = 0; k < p->nl->n_rects; k++)
        for (size_t b = 0; b < p->nl->rects[k].n_bounds; b++) {
            long idx = p->nl->rects[k].bounds[b].index;
            size_t j = 0;
            while (j < n && is[j].index != idx)
                j++;
            if (j < n)
                continue;
            if (n == MAX_ISSUES)
                return;
            char *name = parley__arena_alloc(a, 32);
            if (!name)
                return;
            snprintf(name, 32, "i%ld", idx);
            is[n++] = (gn_issue_t){.name = name, .kind = GN_GRID, .index = idx, .n_values = 10,
                                   .lo = 0, .hi = 9, .step = 1};
        }
    if (n == 0)
        is[n++] = (gn_issue_t){.name = "i1", .kind = GN_GRID, .index = 1, .n_values = 10,
                               .lo = 0, .hi = 9, .step = 1};
    gn_domain_t dom = {.name = "fuzz", .n_issues = n, .issues = is};
    if (parley__gn_nonlinear_resolve(ctx, a, &dom, p) != PARLEY_OK ||
        2 * p->nl->n_terms > GN_MAX_TERMS)
        return;
    p->dom = dom;
    gn_profile_t two[2] = {*p, *p};
    gn_import_t im = {.dir = "fuzz", .format = "GENIUS XML", .domain_path = "fuzz.xml",
                      .dom = &dom, .n_profiles = 2, .profiles = two};
    parley_buf_t y;
    parley_buf_init(&y);
    if (parley__genius_write_yaml(ctx, a, &im, &y) == PARLEY_OK) {
        parley_scenario_t *s = NULL;
        parley_status_t st = parley_scenario_load_buffer(ctx, "fuzz.yaml", y.data, y.len, &s);
        if (st != PARLEY_OK && st != PARLEY_ENOMEM)
            abort(); /* the importer wrote a scenario its own loader rejects */
        parley_scenario_destroy(s);
    }
    parley_buf_free(&y);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parley_ctx_t *ctx = parley_ctx_create();
    parley__arena_t a;
    parley__arena_init(&a, 0);
    gn_file_t f = {0};
    const char *buf = (const char *)data;
    parley_status_t st = size && buf[0] == '{'
                             ? parley__geniusweb_parse_buffer(ctx, &a, "fuzz.json", buf, size, &f)
                             : parley__genius_parse_xml_buffer(ctx, &a, "fuzz.xml", buf, size, &f);
    if (st == PARLEY_OK && f.kind == GF_PROFILE && f.profile.nl)
        import_nonlinear(ctx, &a, &f.profile);
    else if (st == PARLEY_OK && f.kind == GF_PROFILE)
        import_twice(ctx, &a, &f.profile);
    parley__arena_free(&a);
    parley_ctx_destroy(ctx);
    return 0;
}
