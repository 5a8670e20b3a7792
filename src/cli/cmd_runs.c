/*
 * cmd_runs.c — `parley runs list|show|diff|export|check`: reads the run
 * archive the analysis commands write with --db (docs/archive.md). The
 * archive is named by --db FILE or the PARLEY_DB environment variable;
 * runs are few enough (thousands) to format in memory.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "../app/args.h"
#include "cli.h"

#define MAX_IDS 1000

typedef struct runs_args {
    const char *db, *fmt, *out, *limit, *scenario;
    int64_t ids[MAX_IDS];
    size_t n_ids;
} runs_args_t;

/* ---- list */

typedef struct list_row {
    char id[24], when[24], cmd[32], scen[104], seed[24], wall[24], status[16];
} list_row_t;

typedef struct list_rows {
    list_row_t *v;
    size_t n, cap;
    int failed;
} list_rows_t;

static void short_hash(const char *hash, char *buf, size_t cap)
{
    const char *h = hash ? strchr(hash, ':') : NULL;
    snprintf(buf, cap, "%.8s", h ? h + 1 : hash ? hash : "-");
}

/* "2025-11-20T10:00:00.123Z" as "2025-11-20 10:00:00". */
static void when_text(const char *iso, char *buf, size_t cap)
{
    snprintf(buf, cap, "%.19s", iso ? iso : "-");
    char *t = strchr(buf, 'T');
    if (t)
        *t = ' ';
}

static void seed_text(const parley_run_t *r, char *buf, size_t cap)
{
    if (r->has_seed)
        snprintf(buf, cap, "%" PRIu64, r->seed);
    else
        snprintf(buf, cap, "-");
}

static int add_row(void *arg, const parley_run_t *r)
{
    list_rows_t *rows = arg;
    if (rows->n == rows->cap) {
        size_t cap = rows->cap ? 2 * rows->cap : 64;
        list_row_t *v = realloc(rows->v, cap * sizeof *v);
        if (!v) {
            rows->failed = 1;
            return 1;
        }
        rows->v = v;
        rows->cap = cap;
    }
    list_row_t *w = &rows->v[rows->n++];
    char h[16];
    snprintf(w->id, sizeof w->id, "%" PRId64, r->id);
    when_text(r->started_at, w->when, sizeof w->when);
    snprintf(w->cmd, sizeof w->cmd, "%s", r->command ? r->command : "-");
    short_hash(r->scenario_hash, h, sizeof h);
    if (r->scenario_hash)
        snprintf(w->scen, sizeof w->scen, "%.80s %s", r->scenario_id ? r->scenario_id : "-", h);
    else
        snprintf(w->scen, sizeof w->scen, "-");
    seed_text(r, w->seed, sizeof w->seed);
    snprintf(w->wall, sizeof w->wall, "%.3f s", r->wall_seconds);
    if (r->exit_status)
        snprintf(w->status, sizeof w->status, "exit %d", r->exit_status);
    else
        snprintf(w->status, sizeof w->status, "ok");
    return 0;
}

static void list_table(parley_buf_t *b, const list_rows_t *rows)
{
    static const char *const head[] = {"id", "started (UTC)", "command", "scenario", "seed",
                                       "wall", "status"};
    size_t w[7];
    for (size_t c = 0; c < 7; c++)
        w[c] = strlen(head[c]);
    for (size_t k = 0; k < rows->n; k++) {
        const list_row_t *r = &rows->v[k];
        const char *cells[7] = {r->id, r->when, r->cmd, r->scen, r->seed, r->wall, r->status};
        for (size_t c = 0; c < 7; c++)
            w[c] = app_width(cells[c]) > w[c] ? app_width(cells[c]) : w[c];
    }
    for (size_t k = 0; k <= rows->n; k++) {
        const list_row_t *r = k ? &rows->v[k - 1] : NULL;
        const char *cells[7] = {head[0], head[1], head[2], head[3], head[4], head[5], head[6]};
        if (r) {
            const char *v[7] = {r->id, r->when, r->cmd, r->scen, r->seed, r->wall, r->status};
            memcpy(cells, v, sizeof cells);
        }
        for (size_t c = 0; c < 7; c++) {
            if (c < 6)
                app_pad(b, cells[c], w[c] + 2);
            else
                parley_buf_puts(b, cells[c]);
        }
        parley_buf_puts(b, "\n");
    }
}

static int do_list(parley_ctx_t *ctx, parley_store_t *st, const runs_args_t *a,
                   parley_buf_t *b)
{
    size_t limit = 0;
    if (a->limit) {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(a->limit, &end, 10);
        if (a->limit[0] == '-' || errno || end == a->limit || *end)
            return cli_error("runs", EXIT_USAGE, "--limit wants a whole number, not '%s'",
                             a->limit);
        limit = (size_t)v;
    }
    list_rows_t rows = {0};
    parley_status_t s = parley_store_runs(ctx, st, 0, limit, add_row, &rows);
    int rc = s ? cli_fail("runs", ctx, s) : EXIT_OK;
    if (!rc && rows.failed)
        rc = cli_error("runs", EXIT_INTERNAL, "out of memory");
    if (!rc && rows.n == 0)
        parley_buf_printf(b, "no runs in %s\n", a->db);
    else if (!rc)
        list_table(b, &rows);
    free(rows.v);
    return rc;
}

/* ---- show */

typedef struct show_ctx {
    parley_buf_t *b;
    int scenario_only;
} show_ctx_t;

static void field(parley_buf_t *b, const char *name, const char *value)
{
    app_pad(b, name, 13);
    parley_buf_puts(b, value ? value : "-");
    parley_buf_puts(b, "\n");
}

static int show_one(void *arg, const parley_run_t *r)
{
    show_ctx_t *c = arg;
    parley_buf_t *b = c->b;
    if (c->scenario_only) {
        if (r->scenario_text)
            parley_buf_append(b, r->scenario_text, r->scenario_len);
        return 0;
    }
    char num[64];
    snprintf(num, sizeof num, "%" PRId64, r->id);
    field(b, "run", num);
    field(b, "command", r->command);
    field(b, "parameters", r->parameters);
    field(b, "scenario", r->scenario_id);
    field(b, "hash", r->scenario_hash);
    field(b, "file", r->scenario_file);
    seed_text(r, num, sizeof num);
    field(b, "seed", num);
    field(b, "started", r->started_at);
    field(b, "finished", r->finished_at);
    snprintf(num, sizeof num, "%.3f s", r->wall_seconds);
    field(b, "wall time", num);
    snprintf(num, sizeof num, "%.3f s", r->cpu_seconds);
    field(b, "CPU time", num);
    snprintf(num, sizeof num, "%d", r->exit_status);
    field(b, "exit status", num);
    field(b, "parley", r->version);
    parley_buf_puts(b, "result:\n");
    if (r->result) {
        parley_buf_puts(b, r->result);
        if (r->result[0] && r->result[strlen(r->result) - 1] != '\n')
            parley_buf_puts(b, "\n");
    } else {
        parley_buf_puts(b, "(none)\n");
    }
    return 0;
}

static int do_show(parley_ctx_t *ctx, parley_store_t *st, const runs_args_t *a, parley_buf_t *b)
{
    show_ctx_t c = {b, a->scenario != NULL};
    unsigned flags = a->scenario ? PARLEY_RUN_SCENARIO : PARLEY_RUN_RESULT;
    parley_status_t s = parley_store_get(ctx, st, a->ids[0], flags, show_one, &c);
    return s ? cli_fail("runs", ctx, s) : EXIT_OK;
}

/* ---- diff */

typedef struct meta {
    char cmd[64], hash[80], scen[96], version[32], seed[24];
    parley_buf_t text; /* the scenario's text */
    int has_text;
} meta_t;

static int keep_meta(void *arg, const parley_run_t *r)
{
    meta_t *m = arg;
    m->has_text = r->scenario_text != NULL;
    if (r->scenario_text)
        parley_buf_append(&m->text, r->scenario_text, r->scenario_len);
    snprintf(m->cmd, sizeof m->cmd, "%s", r->command ? r->command : "-");
    snprintf(m->hash, sizeof m->hash, "%s", r->scenario_hash ? r->scenario_hash : "-");
    snprintf(m->scen, sizeof m->scen, "%s", r->scenario_id ? r->scenario_id : "-");
    snprintf(m->version, sizeof m->version, "%s", r->version ? r->version : "-");
    seed_text(r, m->seed, sizeof m->seed);
    return 0;
}

/* A JSON value, cut to about 60 columns. */
static void value_text(parley_buf_t *b, const char *v)
{
    size_t n = strlen(v);
    if (n <= 60) {
        parley_buf_puts(b, v);
        return;
    }
    size_t cut = 57;
    while (cut > 0 && ((unsigned char)v[cut] & 0xC0) == 0x80)
        cut--; /* never split a UTF-8 sequence */
    parley_buf_append(b, v, cut);
    parley_buf_puts(b, "...");
}

static int diff_line(void *arg, const parley_diff_t *d)
{
    parley_buf_t *b = arg;
    const char *path = strncmp(d->path, "$.", 2) == 0 ? d->path + 2 : d->path;
    static const char *const mark[] = {"", "  ~ ", "  + ", "  - "};
    parley_buf_puts(b, mark[d->kind]);
    parley_buf_puts(b, path);
    parley_buf_puts(b, "  ");
    if (d->kind == PARLEY_DIFF_CHANGED) {
        value_text(b, d->old_json ? d->old_json : "null");
        parley_buf_puts(b, " -> ");
        value_text(b, d->new_json ? d->new_json : "null");
        if (d->numeric)
            parley_buf_printf(b, "  (%+.6g)", d->new_number - d->old_number);
    } else {
        const char *v = d->kind == PARLEY_DIFF_ADDED ? d->new_json : d->old_json;
        value_text(b, v ? v : "null");
    }
    parley_buf_puts(b, "\n");
    return 0;
}

static void meta_line(parley_buf_t *b, const char *name, const char *x, const char *y)
{
    if (strcmp(x, y) == 0)
        return;
    parley_buf_printf(b, "%s: %s -> %s\n", name, x, y);
}

#define SCENARIO_LINES 200 /* changes printed; the count is complete */

typedef struct change_lines {
    parley_buf_t *b;
    size_t n;
} change_lines_t;

static int change_line(void *arg, const parley_scenario_change_t *c)
{
    change_lines_t *cl = arg;
    if (cl->n++ < SCENARIO_LINES) {
        parley_buf_puts(cl->b, "  ");
        parley_scenario_change_words(c, cl->b);
        parley_buf_printf(cl->b, "  (%s)\n", *c->path ? c->path : "the document");
    }
    return 0;
}

/* The scenario change in words, when the two runs read different texts. */
static void scenario_changes(parley_ctx_t *ctx, meta_t m[2], parley_buf_t *b)
{
    if (!m[0].has_text || !m[1].has_text || !strcmp(m[0].hash, m[1].hash))
        return;
    parley_buf_t part;
    parley_buf_init(&part);
    change_lines_t cl = {&part, 0};
    parley_status_t s = parley_scenario_diff(ctx, m[0].text.data, m[0].text.len, m[1].text.data,
                                             m[1].text.len, change_line, &cl, NULL);
    if (s) {
        parley_buf_printf(b, "scenario changes: cannot compare the texts: %s\n",
                          parley_ctx_message(ctx));
    } else if (cl.n) {
        parley_buf_printf(b, "scenario changes (%zu):\n", cl.n);
        parley_buf_append(b, part.data, part.len);
        if (cl.n > SCENARIO_LINES)
            parley_buf_printf(b, "  ... and %zu more\n", cl.n - SCENARIO_LINES);
    } else {
        parley_buf_puts(b, "scenario changes: none in content (layout, comments or quoting)\n");
    }
    parley_buf_free(&part);
}

static int do_diff(parley_ctx_t *ctx, parley_store_t *st, const runs_args_t *a, parley_buf_t *b)
{
    meta_t m[2];
    memset(m, 0, sizeof m);
    parley_buf_init(&m[0].text);
    parley_buf_init(&m[1].text);
    parley_status_t s = PARLEY_OK;
    for (int k = 0; k < 2 && !s; k++)
        s = parley_store_get(ctx, st, a->ids[k], PARLEY_RUN_SCENARIO, keep_meta, &m[k]);
    if (s) {
        parley_buf_free(&m[0].text);
        parley_buf_free(&m[1].text);
        return cli_fail("runs", ctx, s);
    }
    parley_buf_printf(b, "runs %" PRId64 " -> %" PRId64 "\n", a->ids[0], a->ids[1]);
    meta_line(b, "command", m[0].cmd, m[1].cmd);
    meta_line(b, "scenario", m[0].scen, m[1].scen);
    meta_line(b, "scenario hash", m[0].hash, m[1].hash);
    meta_line(b, "seed", m[0].seed, m[1].seed);
    meta_line(b, "parley", m[0].version, m[1].version);
    scenario_changes(ctx, m, b);
    parley_buf_free(&m[0].text);
    parley_buf_free(&m[1].text);
    size_t np = 0, nr = 0;
    parley_buf_t part;
    parley_buf_init(&part);
    s = parley_store_diff(ctx, st, a->ids[0], a->ids[1], PARLEY_DIFF_PARAMETERS, diff_line,
                          &part, &np);
    if (!s && np) {
        parley_buf_puts(b, "parameters:\n");
        parley_buf_append(b, part.data, part.len);
    }
    part.len = 0;
    if (!s)
        s = parley_store_diff(ctx, st, a->ids[0], a->ids[1], PARLEY_DIFF_RESULT, diff_line,
                              &part, &nr);
    if (!s && nr) {
        parley_buf_puts(b, "result:\n");
        parley_buf_append(b, part.data, part.len);
    }
    int failed = part.failed;
    parley_buf_free(&part);
    if (s)
        return cli_fail("runs", ctx, s);
    if (failed)
        return cli_error("runs", EXIT_INTERNAL, "out of memory");
    if (nr == 0)
        parley_buf_puts(b, "the results are identical\n");
    else
        parley_buf_printf(b, "%zu difference%s in the result\n", nr, nr == 1 ? "" : "s");
    return EXIT_OK;
}

/* ---- export */

typedef struct export_ctx {
    parley_buf_t *b;
    int array;
    size_t n;
} export_ctx_t;

static int export_json(void *arg, const char *json, size_t len)
{
    export_ctx_t *e = arg;
    if (e->array)
        parley_buf_puts(e->b, e->n ? ",\n" : "[\n");
    parley_buf_append(e->b, json, len);
    if (!e->array)
        parley_buf_puts(e->b, "\n");
    e->n++;
    return 0;
}

static int export_csv(void *arg, const parley_run_t *r)
{
    parley_buf_t *b = arg;
    char num[64];
    snprintf(num, sizeof num, "%" PRId64, r->id);
    parley_csv_field(b, num);
    const char *text[] = {r->command, r->scenario_id, r->scenario_hash, r->scenario_file,
                          r->parameters};
    for (size_t k = 0; k < 5; k++) {
        parley_buf_puts(b, ",");
        parley_csv_field(b, text[k] ? text[k] : "");
    }
    seed_text(r, num, sizeof num);
    parley_buf_puts(b, ",");
    parley_csv_field(b, r->has_seed ? num : "");
    const char *more[] = {r->version, r->started_at, r->finished_at};
    for (size_t k = 0; k < 3; k++) {
        parley_buf_puts(b, ",");
        parley_csv_field(b, more[k] ? more[k] : "");
    }
    parley_buf_printf(b, ",%.6f,%.6f,%d,", r->wall_seconds, r->cpu_seconds, r->exit_status);
    parley_csv_field(b, r->result ? r->result : "");
    parley_buf_puts(b, "\r\n");
    return 0;
}

static int do_export(parley_ctx_t *ctx, parley_store_t *st, const runs_args_t *a,
                     parley_buf_t *b)
{
    const char *f = a->fmt ? a->fmt : "jsonl";
    parley_status_t s = PARLEY_OK;
    if (strcmp(f, "csv") == 0) {
        parley_buf_puts(b, "id,command,scenario_id,scenario_hash,scenario_file,parameters,seed,"
                           "parley_version,started_at,finished_at,wall_seconds,cpu_seconds,"
                           "exit_status,result\r\n");
        if (a->n_ids == 0)
            s = parley_store_runs(ctx, st, PARLEY_RUN_RESULT, 0, export_csv, b);
        for (size_t k = 0; k < a->n_ids && !s; k++)
            s = parley_store_get(ctx, st, a->ids[k], PARLEY_RUN_RESULT, export_csv, b);
    } else if (strcmp(f, "json") == 0 || strcmp(f, "jsonl") == 0) {
        export_ctx_t e = {b, f[4] == '\0', 0};
        unsigned flags = a->scenario ? PARLEY_RUN_SCENARIO : 0;
        s = parley_store_export(ctx, st, a->ids, a->n_ids, flags, export_json, &e);
        if (!s && e.array)
            parley_buf_puts(b, e.n ? "\n]\n" : "[]\n");
    } else {
        return cli_error("runs", EXIT_USAGE, "--format is jsonl, json or csv for export, not '%s'",
                         f);
    }
    return s ? cli_fail("runs", ctx, s) : EXIT_OK;
}

/* ---- dispatch */

static int do_check(parley_ctx_t *ctx, parley_store_t *st, const runs_args_t *a,
                    parley_buf_t *b)
{
    int64_t n = 0;
    parley_status_t s = parley_store_check(ctx, st);
    if (!s)
        s = parley_store_count(ctx, st, &n);
    if (s)
        return cli_fail("runs", ctx, s);
    parley_buf_printf(b, "%s: ok, %" PRId64 " run%s, schema version %d\n", a->db, n,
                      n == 1 ? "" : "s", parley_store_schema_version(st));
    return EXIT_OK;
}

typedef struct sub {
    const char *name;
    size_t min_ids, max_ids;
    int (*run)(parley_ctx_t *, parley_store_t *, const runs_args_t *, parley_buf_t *);
} sub_t;

static const sub_t SUBS[] = {
    {"list", 0, 0, do_list},   {"show", 1, 1, do_show},         {"diff", 2, 2, do_diff},
    {"export", 0, MAX_IDS, do_export}, {"check", 0, 0, do_check}, {NULL, 0, 0, NULL},
};

static int parse_ids(const sub_t *sub, const char **pos, int npos, runs_args_t *a)
{
    size_t n = (size_t)npos - 1;
    if (n < sub->min_ids || n > sub->max_ids) {
        static const char *const want[] = {"no run ids", "one run ID", "two run ids"};
        return cli_error("runs", EXIT_USAGE, "%s takes %s; see 'parley help runs'", sub->name,
                         sub->max_ids > 2 ? "at most 1000 run ids" : want[sub->max_ids]);
    }
    for (size_t k = 0; k < n; k++) {
        const char *s = pos[k + 1];
        char *end;
        errno = 0;
        long long v = strtoll(s, &end, 10);
        if (errno || end == s || *end || v < 1)
            return cli_error("runs", EXIT_USAGE, "a run ID is a whole number from 1, not '%s'",
                             s);
        a->ids[a->n_ids++] = v;
    }
    return EXIT_OK;
}

static const sub_t *find_sub(const char *name)
{
    for (const sub_t *s = SUBS; s->name; s++)
        if (strcmp(s->name, name) == 0)
            return s;
    const char *names[8];
    size_t n = 0;
    for (const sub_t *s = SUBS; s->name; s++)
        names[n++] = s->name;
    const char *hint = parley_suggest(name, names, n);
    if (hint)
        cli_error("runs", EXIT_USAGE, "no subcommand '%s' (did you mean '%s'?)", name, hint);
    else
        cli_error("runs", EXIT_USAGE, "no subcommand '%s': list, show, diff, export or check",
                  name);
    return NULL;
}

static int run_sub(const sub_t *sub, runs_args_t *a)
{
    parley_ctx_t *ctx = parley_ctx_create();
    if (!ctx)
        return cli_error("runs", EXIT_INTERNAL, "out of memory");
    parley_store_t *st = NULL;
    parley_status_t s = parley_store_open(ctx, a->db, NULL, &st);
    int rc = s ? cli_fail("runs", ctx, s) : EXIT_OK;
    parley_buf_t b;
    parley_buf_init(&b);
    if (!rc)
        rc = sub->run(ctx, st, a, &b);
    if (!rc)
        rc = sub->run == do_export ? cli_emit("runs", ctx, &b, a->out) /* data, as stored */
                                   : cli_emit_text("runs", ctx, &b, a->out, NULL);
    parley_buf_free(&b);
    parley_store_close(st);
    parley_ctx_destroy(ctx);
    return rc;
}

int cmd_runs(int argc, char **argv)
{
    runs_args_t *a = calloc(1, sizeof *a);
    if (!a)
        return cli_error("runs", EXIT_INTERNAL, "out of memory");
    static app_args_t args;
    int rc = cli_args("runs", argc, argv, &args);
    a->db = app_arg(&args, APP_O_DB);
    a->fmt = app_arg(&args, APP_O_FORMAT);
    a->out = app_arg(&args, APP_O_OUTPUT);
    a->limit = app_arg(&args, APP_O_LIMIT);
    a->scenario = app_arg(&args, APP_O_SCENARIO);
    const char **pos = args.pos;
    int npos = (int)args.n_pos;
    const sub_t *sub = NULL;
    if (rc == CLI_HELP)
        rc = EXIT_OK;
    else if (!rc && npos == 0)
        rc = cli_error("runs", EXIT_USAGE, "needs list, show, diff, export or check; "
                                           "see 'parley help runs'");
    else if (!rc && !(sub = find_sub(pos[0])))
        rc = EXIT_USAGE;
    else if (!rc)
        rc = parse_ids(sub, pos, npos, a);
    if (!rc && sub && !a->db) {
        const char *env = getenv("PARLEY_DB");
        a->db = env && *env ? env : NULL;
        if (!a->db)
            rc = cli_error("runs", EXIT_USAGE, "needs --db FILE (or PARLEY_DB) naming the archive");
    }
    if (!rc && sub && a->fmt && sub->run != do_export)
        rc = cli_error("runs", EXIT_USAGE, "--format is for 'runs export'");
    if (!rc && sub)
        rc = run_sub(sub, a);
    free(a);
    return rc;
}
