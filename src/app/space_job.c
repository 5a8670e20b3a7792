/*
 * space_job.c — what `parley space`, `amend`, `trades` and the API's space
 * share: the option values, loading (a scenario file, or a folder of GENIUS
 * profiles), the discretised space, running a frontier with a progress
 * hook, and the JSON form of a package. The algorithms are in src/space.
 */
#include <stdio.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "args.h"
#include "space.h"

static parley_status_t parse_u64(parley_ctx_t *ctx, const char *opt, const char *s, uint64_t lo,
                                 uint64_t hi, uint64_t *out)
{
    uint64_t v = 0;
    if (!app_parse_whole(s, &v) || v < lo || v > hi)
        return parley_ctx_fail(ctx, PARLEY_EARG,
                               "%s wants a whole number from %llu to %llu, not '%s'", opt,
                               (unsigned long long)lo, (unsigned long long)hi, s);
    *out = v;
    return PARLEY_OK;
}

static parley_status_t parse_opts(space_job_t *j, const space_args_t *a, size_t default_limit)
{
    uint64_t v = 0;
    parley_status_t rc;
    j->grid = 11;
    if (a->grid) {
        if ((rc = parse_u64(j->ctx, "--grid", a->grid, 2, 1000, &v)))
            return rc;
        j->grid = (unsigned)v;
    }
    j->limit = default_limit;
    if (a->limit) {
        if ((rc = parse_u64(j->ctx, "--limit", a->limit, 0, 1000000000, &v)))
            return rc;
        j->limit = (size_t)v;
    }
    j->seed = 1;
    if (a->seed && (rc = parse_u64(j->ctx, "--seed", a->seed, 0, UINT64_MAX, &j->seed)))
        return rc;
    j->budget = 50000000;
    if (a->budget && (rc = parse_u64(j->ctx, "--budget", a->budget, 1, UINT64_MAX, &j->budget)))
        return rc;
    j->samples = 1000000;
    if (a->samples &&
        (rc = parse_u64(j->ctx, "--samples", a->samples, 100, 1000000000, &j->samples)))
        return rc;
    parley_frontier_options_init(&j->fo);
    if (a->budget) /* an anytime frontier's move evaluations too (its own default otherwise) */
        j->fo.anytime_evals = j->budget;
    if (a->seed)
        j->fo.seed = j->seed;
    if (a->method && strcmp(a->method, "brute") == 0)
        j->fo.method = PARLEY_FRONTIER_BRUTE;
    else if (a->method && strcmp(a->method, "merge") != 0)
        return parley_ctx_fail(j->ctx, PARLEY_EARG, "--method is merge or brute, not '%s'",
                               a->method);
    if (a->max_memory) {
        char *end;
        double g = strtod(a->max_memory, &end);
        if (end == a->max_memory || *end || !(g >= 0.01 && g <= 1e6))
            return parley_ctx_fail(j->ctx, PARLEY_EARG,
                                   "--max-memory wants GiB (0.01 to 1e6), not '%s'", a->max_memory);
        j->fo.max_bytes = (size_t)(g * (double)(1u << 30));
    }
    const char *p = a->progress ? a->progress : "auto";
    if (strcmp(p, "auto") == 0)
        j->progress = isatty(2) && !getenv("CI");
    else if (strcmp(p, "always") == 0 || strcmp(p, "never") == 0)
        j->progress = p[0] == 'a';
    else
        return parley_ctx_fail(j->ctx, PARLEY_EARG, "--progress is auto, always or never, not '%s'",
                               p);
    if ((rc = app_format(j->ctx, a->fmt, &j->fmt)))
        return rc;
    return app_style_init(j->ctx, a->color, a->out && strcmp(a->out, "-"), &j->sty);
}

static parley_status_t load(space_job_t *j, const space_args_t *a, const char *path)
{
    struct stat st;
    parley_status_t rc;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        parley_buf_t yaml;
        parley_buf_init(&yaml);
        rc = parley_genius_to_yaml(j->ctx, path, &yaml);
        if (!rc)
            rc = app_load_buffer(j->ctx, a->args, path, yaml.data, yaml.len, &j->s);
        parley_buf_free(&yaml);
    } else {
        rc = app_load_file(j->ctx, a->args, path, &j->s);
        j->file = path;
    }
    return rc;
}

/* "RUS,UKR" into scenario indices; did-you-mean on an unknown id. */
static parley_status_t parse_actors(space_job_t *j, const char *list, size_t *idx, size_t *n)
{
    size_t na = parley_scenario_actor_count(j->s);
    const char **ids = malloc(na * sizeof *ids);
    if (!ids)
        return parley_ctx_fail(j->ctx, PARLEY_ENOMEM, "out of memory");
    for (size_t i = 0; i < na; i++)
        ids[i] = parley_scenario_actor(j->s, i)->id;
    *n = 0;
    parley_status_t rc = PARLEY_OK;
    for (const char *p = list; *p && !rc;) {
        size_t len = strcspn(p, ",");
        char id[128];
        snprintf(id, sizeof id, "%.*s", (int)(len < 127 ? len : 127), p);
        size_t i = parley_scenario_find_actor(j->s, id);
        const char *hint = i == (size_t)-1 ? parley_suggest(id, ids, na) : NULL;
        if (i == (size_t)-1)
            rc = parley_ctx_fail(j->ctx, PARLEY_EINPUT, "--actors: no actor '%s'%s%s%s", id,
                                 hint ? " (did you mean '" : "", hint ? hint : "",
                                 hint ? "'?)" : "");
        else if (*n >= na)
            rc = parley_ctx_fail(j->ctx, PARLEY_EARG, "--actors: an actor is named twice");
        else
            idx[(*n)++] = i;
        p += len + (p[len] == ',');
    }
    free(ids);
    if (!rc && *n == 0)
        rc = parley_ctx_fail(j->ctx, PARLEY_EARG, "--actors: name at least one actor");
    return rc;
}

static parley_status_t unknown_issue(const space_job_t *j, const char *issue)
{
    const char *ids[4096];
    size_t m = parley_scenario_issue_count(j->s);
    for (size_t x = 0; x < m && x < 4096; x++)
        ids[x] = parley_scenario_issue(j->s, x)->id;
    const char *hint = parley_suggest(issue, ids, m < 4096 ? m : 4096);
    return parley_ctx_fail(j->ctx, PARLEY_EINPUT, "--drop-red-lines: no issue '%s'%s%s%s", issue,
                           hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
}

/* --drop-red-lines ACTOR:ISSUE,... or "all": the red lines the analysis ignores. */
static parley_status_t parse_drop(space_job_t *j)
{
    size_t n = parley_space_actor_count(j->sp), m = parley_space_issue_count(j->sp);
    free(j->red);
    j->red = malloc(n * m + 1);
    if (!j->red)
        return parley_ctx_fail(j->ctx, PARLEY_ENOMEM, "out of memory");
    memset(j->red, 1, n * m);
    j->cons.reservation = NULL;
    j->cons.red = j->red;
    if (!j->drop)
        return PARLEY_OK;
    if (strcmp(j->drop, "all") == 0) {
        memset(j->red, 0, n * m);
        return PARLEY_OK;
    }
    for (const char *p = j->drop; *p;) {
        size_t len = strcspn(p, ","), colon = strcspn(p, ":");
        char actor[128], issue[128];
        if (colon >= len || colon > 127 || len - colon - 1 > 127)
            return parley_ctx_fail(j->ctx, PARLEY_EARG,
                                   "--drop-red-lines wants ACTOR:ISSUE pairs or 'all', not '%.*s'",
                                   (int)len, p);
        snprintf(actor, sizeof actor, "%.*s", (int)colon, p);
        snprintf(issue, sizeof issue, "%.*s", (int)(len - colon - 1), p + colon + 1);
        size_t i = parley_scenario_find_actor(j->s, actor), x = parley_scenario_find_issue(j->s, issue);
        size_t a = n;
        for (size_t k = 0; k < n && i != (size_t)-1; k++)
            if (parley_space_actor(j->sp, k) == i)
                a = k;
        if (a == n)
            return parley_ctx_fail(j->ctx, PARLEY_EINPUT, "--drop-red-lines: no actor '%s'%s", actor,
                                   i != (size_t)-1 ? " among --actors" : "");
        if (x == (size_t)-1)
            return unknown_issue(j, issue);
        if (!parley_scenario_stance(j->s, i, x)->has_red_line)
            return parley_ctx_fail(j->ctx, PARLEY_EINPUT,
                                   "--drop-red-lines: %s has no red line on '%s'", actor, issue);
        j->red[a * m + x] = 0;
        p += len + (p[len] == ',');
    }
    return PARLEY_OK;
}

static parley_status_t build(space_job_t *j)
{
    parley_space_options_t so;
    parley_space_options_init(&so);
    so.grid = j->grid;
    so.actors = j->actors;
    so.n_actors = j->n_actors;
    so.include = j->include;
    parley_space_destroy(j->sp);
    j->sp = NULL;
    parley_status_t st = parley_space_create(j->ctx, j->s, &so, &j->sp);
    return st ? st : parse_drop(j);
}

/* The scenario comes from path, or from buf (len bytes, named path) when buf is set. */
static parley_status_t open_job(space_job_t *j, const char *cmd, const space_args_t *a,
                                const char *path, const char *buf, size_t len,
                                size_t default_limit)
{
    memset(j, 0, sizeof *j);
    j->cmd = cmd;
    j->drop = a->drop;
    if (!(j->ctx = parley_ctx_create()))
        return PARLEY_ENOMEM;
    parley_status_t rc = parse_opts(j, a, default_limit);
    if (rc)
        return rc;
    if (buf) {
        if ((rc = app_load_buffer(j->ctx, a->args, path, buf, len, &j->s)))
            return rc;
    } else if ((rc = load(j, a, path))) {
        return rc;
    }
    if (a->actors) {
        j->actors = malloc(parley_scenario_actor_count(j->s) * sizeof *j->actors);
        if (!j->actors)
            return parley_ctx_fail(j->ctx, PARLEY_ENOMEM, "out of memory");
        if ((rc = parse_actors(j, a->actors, j->actors, &j->n_actors)))
            return rc;
    }
    return build(j);
}

parley_status_t space_job_open(space_job_t *j, const char *cmd, const space_args_t *a,
                               const char *path, size_t default_limit)
{
    return open_job(j, cmd, a, path, NULL, 0, default_limit);
}

parley_status_t space_job_open_buffer(space_job_t *j, const char *cmd, const space_args_t *a,
                          const char *name, const char *buf, size_t len, size_t default_limit)
{
    return open_job(j, cmd, a, name, buf ? buf : "", len, default_limit);
}

parley_status_t space_job_include(space_job_t *j, const double *include)
{
    j->include = include;
    return build(j);
}

void space_job_close(space_job_t *j)
{
    parley_space_destroy(j->sp);
    parley_scenario_destroy(j->s);
    parley_ctx_destroy(j->ctx);
    free(j->actors);
    free(j->red);
    memset(j, 0, sizeof *j);
}

parley_frontier_t *space_frontier(space_job_t *j, const parley_constraints_t *c,
                                  parley_status_t *rc)
{
    parley_frontier_t *f = NULL;
    int show = j->progress && j->on_progress;
    parley_status_t st = parley_frontier_create(j->ctx, j->sp, c, &j->fo, &f);
    if (!st)
        st = parley_frontier_run(j->ctx, f, show ? j->on_progress : NULL, j->progress_arg);
    if (show)
        j->on_progress(j->progress_arg, 0, 0, 0); /* done: the line goes */
    if (st) {
        *rc = st;
        parley_frontier_destroy(f);
        return NULL;
    }
    return f;
}

void space_option_text(const parley_space_t *sp, size_t j, uint32_t k, char *buf, size_t cap)
{
    const parley_issue_t *is = parley_scenario_issue(parley_space_scenario(sp), j);
    if (k == UINT32_MAX) {
        snprintf(buf, cap, "open");
    } else if (is->kind == PARLEY_ISSUE_DISCRETE) {
        snprintf(buf, cap, "%s", is->options[k].id);
    } else {
        char num[32];
        parley_format_number(parley_space_position(sp, j, k), num);
        snprintf(buf, cap, "%s%s%s", num, is->unit ? " " : "", is->unit ? is->unit : "");
    }
}

void space_json_package(parley_json_t *js, const parley_space_t *sp, const uint32_t *opt)
{
    const parley_scenario_t *s = parley_space_scenario(sp);
    size_t n = parley_space_actor_count(sp), m = parley_space_issue_count(sp);
    parley_util_t u[1024];
    parley_space_utilities(sp, opt, u);
    parley_json_object_begin(js);
    parley_json_key(js, "positions");
    parley_json_object_begin(js);
    for (size_t j = 0; j < m; j++) {
        const parley_issue_t *is = parley_scenario_issue(s, j);
        parley_json_key(js, is->id);
        if (is->kind == PARLEY_ISSUE_DISCRETE)
            parley_json_string(js, is->options[opt[j]].id);
        else
            parley_json_number(js, parley_space_position(sp, j, opt[j]));
    }
    parley_json_object_end(js);
    for (int pass = 0; pass < 2; pass++) {
        parley_json_key(js, pass ? "surplus" : "utilities");
        parley_json_object_begin(js);
        for (size_t a = 0; a < n; a++) {
            parley_json_key(js, parley_scenario_actor(s, parley_space_actor(sp, a))->id);
            /* 12 decimals: the surplus subtracts a double BATNA */
            double v = space_u(sp, a, u[a]) -
                       (pass ? parley_scenario_actor(s, parley_space_actor(sp, a))->batna : 0.0);
            parley_json_number(js, round(v * 1e12) / 1e12);
        }
        parley_json_object_end(js);
    }
    parley_json_object_end(js);
}

const char *space_linkage_note(const parley_space_t *sp, char *buf, size_t cap)
{
    if (!parley_space_linked(sp))
        return NULL;
    if (parley_space_anytime(sp)) {
        snprintf(buf, cap, "terms, constraints and conditional red lines honoured by an anytime "
                           "weighted-sum search: a cluster is past the exact limit of 2^20 joint "
                           "positions");
        return buf;
    }
    size_t items = parley_space_item_count(sp), multi = 0;
    for (size_t k = 0; k < items; k++)
        multi += parley_space_item_issue_count(sp, k) > 1;
    snprintf(buf, cap,
             "terms, constraints and conditional red lines honoured exactly: %zu cluster%s of "
             "linked issues, the largest with %llu joint positions",
             multi, multi == 1 ? "" : "s",
             (unsigned long long)parley_space_item_max_options(sp));
    return buf;
}

void space_json_header(parley_json_t *js, const space_job_t *j)
{
    const parley_space_t *sp = j->sp;
    const parley_scenario_t *s = j->s;
    app_json_header(js, j->cmd, s);
    parley_json_key(js, "model");
    char note[256], model[512];
    if (space_linkage_note(sp, note, sizeof note)) {
        snprintf(model, sizeof model, "additive utility with linkage (%s), %s", note,
                 parley_space_exact(sp) ? "exact rationals (docs/agreement-space.md)"
                                        : "rounded to 2^-100 where no exact fraction fits "
                                          "(docs/agreement-space.md)");
        parley_json_string(js, model);
    } else {
        parley_json_string(js, parley_space_exact(sp)
                                   ? "additive utility, exact rationals (docs/agreement-space.md)"
                                   : "additive utility, rounded to 2^-100 where no exact "
                                     "fraction fits (docs/agreement-space.md)");
    }
    parley_json_key(js, "parameters");
    parley_json_object_begin(js);
    parley_json_key(js, "grid");
    parley_json_int(js, j->grid);
    parley_json_key(js, "method");
    parley_json_string(js, j->fo.method == PARLEY_FRONTIER_BRUTE ? "brute" : "merge");
    parley_json_key(js, "budget");
    parley_json_int(js, (long long)j->budget);
    parley_json_key(js, "samples");
    parley_json_int(js, (long long)j->samples);
    parley_json_key(js, "seed");
    parley_json_int(js, (long long)j->seed);
    parley_json_key(js, "drop_red_lines");
    parley_json_string(js, j->drop ? j->drop : "");
    parley_json_key(js, "actors");
    parley_json_array_begin(js);
    for (size_t a = 0; a < parley_space_actor_count(sp); a++)
        parley_json_string(js, parley_scenario_actor(s, parley_space_actor(sp, a))->id);
    parley_json_array_end(js);
    parley_json_object_end(js);
}

int space_proposal_options(const parley_space_t *sp, const double *positions, uint32_t *opt)
{
    for (size_t j = 0; j < parley_space_issue_count(sp); j++) {
        if (parley_is_open(positions[j])) {
            opt[j] = UINT32_MAX;
            continue;
        }
        size_t k = parley_space_find_option(sp, j, positions[j]);
        if (k == (size_t)-1)
            return -1;
        opt[j] = (uint32_t)k;
    }
    return 0;
}

size_t space_find_proposal(parley_ctx_t *ctx, const parley_scenario_t *s, const char *id)
{
    size_t p = parley_scenario_find_proposal(s, id), np = parley_scenario_proposal_count(s);
    if (p != (size_t)-1)
        return p;
    const char **ids = malloc((np ? np : 1) * sizeof *ids);
    for (size_t k = 0; ids && k < np; k++)
        ids[k] = parley_scenario_proposal(s, k)->id;
    const char *hint = ids ? parley_suggest(id, ids, np) : NULL;
    if (hint)
        parley_ctx_fail(ctx, PARLEY_EINPUT, "%s: no proposal '%s' (did you mean '%s'?)",
                        parley_scenario_origin(s), id, hint);
    else
        parley_ctx_fail(ctx, PARLEY_EINPUT,
                        "%s: no proposal '%s' (it has %zu; 'parley check' lists them)",
                        parley_scenario_origin(s), id, np);
    free(ids);
    return (size_t)-1;
}
