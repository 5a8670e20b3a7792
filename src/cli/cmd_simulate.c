/*
 * cmd_simulate.c — `parley simulate FILE`: plays the negotiation round by
 * round under the scenario's `simulation:` settings, with what-if switches
 * (a tactic left out, an actor let into or kept out of the room, another
 * protocol), and writes the outcome and trace (sim_out.c).
 */
#include <stdlib.h>
#include <string.h>
#include "sim_run.h"

static const char *const KINDS[] = {"deadline", "walk-away", "leak"};

/* Does `word` name tactic k: its kind, its name, or KIND:ACTOR? */
static int names_tactic(const parley_scenario_t *s, const parley_tactic_t *t, const char *word,
                        size_t len)
{
    const char *kind = KINDS[t->kind];
    if ((strlen(kind) == len && strncmp(word, kind, len) == 0) ||
        (t->name && strlen(t->name) == len && strncmp(word, t->name, len) == 0))
        return 1;
    size_t kl = strlen(kind);
    if (t->actor == (size_t)-1 || len <= kl + 1 || strncmp(word, kind, kl) != 0 || word[kl] != ':')
        return 0;
    const char *id = parley_scenario_actor(s, t->actor)->id;
    return strlen(id) == len - kl - 1 && strncmp(word + kl + 1, id, len - kl - 1) == 0;
}

static int parse_without(const char *cmd, const char *list, sim_run_t *r)
{
    const parley_sim_config_t *c = parley_scenario_simulation(r->s);
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, ",");
        int hit = 0;
        for (size_t k = 0; k < c->n_tactics; k++)
            if (names_tactic(r->s, &c->tactics[k], p, len)) {
                r->tactic_off[k] = 1;
                hit = 1;
            }
        if (!hit)
            return cli_error(cmd, EXIT_USAGE,
                             "--without: no tactic '%.*s' in the scenario (give a kind: deadline, "
                             "walk-away, leak; a tactic's name; or KIND:ACTOR)",
                             (int)len, p);
        p += len + (p[len] == ',');
    }
    return EXIT_OK;
}

static int parse_actors(const char *cmd, const char *opt, const char *list, signed char value,
                        sim_run_t *r)
{
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, ",");
        char id[128];
        if (len == 0 || len >= sizeof id)
            return cli_error(cmd, EXIT_USAGE, "%s needs actor ids separated by commas", opt);
        memcpy(id, p, len);
        id[len] = '\0';
        size_t i = parley_scenario_find_actor(r->s, id);
        if (i == (size_t)-1)
            return cli_error(cmd, EXIT_USAGE, "%s: no actor '%s' in the scenario", opt, id);
        r->room[i] = value;
        p += len + (p[len] == ',');
    }
    return EXIT_OK;
}

static int parse_uint(const char *cmd, const char *opt, const char *s, unsigned lo, unsigned hi,
                      unsigned *out)
{
    char *end;
    unsigned long v = s ? strtoul(s, &end, 10) : 0;
    if (!s)
        return EXIT_OK;
    if (!*s || *end || s[0] == '-' || v < lo || v > hi)
        return cli_error(cmd, EXIT_USAGE, "%s must be a whole number from %u to %u, got '%s'", opt,
                         lo, hi, s);
    *out = (unsigned)v;
    return EXIT_OK;
}

static int parse_choice(const char *cmd, const char *opt, const char *s, const char *a,
                        const char *b, int *out)
{
    if (!s)
        return EXIT_OK;
    if (strcmp(s, a) == 0 || strcmp(s, b) == 0) {
        *out = strcmp(s, b) == 0;
        return EXIT_OK;
    }
    return cli_error(cmd, EXIT_USAGE, "%s must be %s or %s, got '%s'", opt, a, b, s);
}

int sim_run_setup(const char *cmd, const sim_switches_t *w, sim_run_t *r)
{
    size_t nt = parley_scenario_simulation(r->s)->n_tactics;
    size_t na = parley_scenario_actor_count(r->s);
    parley_sim_options_init(&r->opt);
    r->tactic_off = calloc(nt + 1, 1);
    r->room = malloc(na + 1);
    if (!r->tactic_off || !r->room)
        return cli_error(cmd, EXIT_INTERNAL, "out of memory");
    memset(r->room, -1, na + 1);
    r->without = w->without;
    r->join = w->join;
    r->leave = w->leave;
    int rc;
    if ((rc = parse_without(cmd, w->without, r)) ||
        (rc = parse_actors(cmd, "--join", w->join, 1, r)) ||
        (rc = parse_actors(cmd, "--leave", w->leave, 0, r)) ||
        (rc = parse_choice(cmd, "--protocol", w->protocol, "alternating", "mediated",
                           &r->opt.protocol)) ||
        (rc = parse_choice(cmd, "--meeting", w->meeting, "plenary", "shuttle", &r->opt.meeting)) ||
        (rc = parse_uint(cmd, "--horizon", w->horizon, 1, 100000, &r->opt.horizon)) ||
        (rc = parse_uint(cmd, "--grid", w->grid, 2, 1001, &r->opt.grid)))
        return rc;
    if (w->seed) {
        char *end;
        unsigned long long v = strtoull(w->seed, &end, 10);
        if (!*w->seed || *end || w->seed[0] == '-' || v == 0)
            return cli_error(cmd, EXIT_USAGE, "--seed must be a whole number from 1, got '%s'",
                             w->seed);
        r->opt.seed = v;
    }
    r->opt.tactic_off = r->tactic_off;
    r->opt.room = r->room;
    r->opt.trace = 1;
    return EXIT_OK;
}

int sim_run_play(const char *cmd, parley_ctx_t *ctx, sim_run_t *r)
{
    parley_status_t st = parley_sim_create(ctx, r->s, &r->opt, &r->sim);
    if (!st)
        st = parley_sim_run(ctx, r->sim);
    return st ? cli_fail(cmd, ctx, st) : EXIT_OK;
}

void sim_run_free(sim_run_t *r)
{
    parley_sim_destroy(r->sim);
    free(r->tactic_off);
    free(r->room);
    r->sim = NULL;
    r->tactic_off = NULL;
    r->room = NULL;
}

int sim_apply_set(const char *cmd, parley_ctx_t *ctx, parley_scenario_t *s, const char *list)
{
    size_t n = parley_scenario_uncertain_count(s);
    double *v = calloc(n + 1, sizeof *v);
    if (!v)
        return cli_error(cmd, EXIT_INTERNAL, "out of memory");
    for (size_t k = 0; k < n; k++)
        v[k] = parley_scenario_uncertain(s, k)->base;
    int rc = EXIT_OK;
    for (const char *p = list; p && *p && !rc;) {
        size_t len = strcspn(p, ","), eq = strcspn(p, "=");
        char *end;
        size_t k = 0;
        while (k < n && !(eq < len && strlen(parley_scenario_uncertain(s, k)->path) == eq &&
                          strncmp(parley_scenario_uncertain(s, k)->path, p, eq) == 0))
            k++;
        double x = eq < len ? strtod(p + eq + 1, &end) : 0.0;
        if (eq >= len)
            rc = cli_error(cmd, EXIT_USAGE, "--set needs PATH=VALUE, got '%.*s'", (int)len, p);
        else if (k == n)
            rc = cli_error(cmd, EXIT_USAGE, "--set: '%.*s' is not an uncertain input of the "
                           "scenario (only numbers written as distributions can be set; "
                           "'parley montecarlo' lists them)", (int)eq, p);
        else if (end != p + len || end == p + eq + 1)
            rc = cli_error(cmd, EXIT_USAGE, "--set: '%.*s' needs a number", (int)len, p);
        else
            v[k] = x;
        p += len + (p[len] == ',');
    }
    if (!rc) {
        parley_status_t st = parley_scenario_set_uncertain(ctx, s, v);
        if (st)
            rc = cli_error(cmd, EXIT_USAGE, "--set: %s", parley_ctx_message(ctx));
    }
    free(v);
    return rc;
}

static int run(parley_ctx_t *ctx, sim_run_t *r, const sim_switches_t *w, cli_format_t f,
               const cli_style_t *sty, const char *out, cli_archive_t *arc)
{
    int rc = sim_run_setup("simulate", w, r);
    if (rc || (rc = sim_run_play("simulate", ctx, r)))
        return rc;
    parley_buf_t b;
    parley_buf_init(&b);
    if (f == FMT_JSON)
        sim_render_json(&b, r);
    else if (f == FMT_CSV)
        sim_render_csv(&b, r);
    else
        sim_render_text(&b, r, sty);
    rc = cli_emit("simulate", ctx, &b, out);
    if (arc->store) {
        b.len = 0;
        sim_render_json(&b, r);
        rc = cli_archive_save(arc, r->s, NULL, &b, rc);
    }
    parley_buf_free(&b);
    return rc;
}

int cmd_simulate(int argc, char **argv)
{
    const char *fmt = NULL, *out = NULL, *color = NULL, *db = NULL, *detail = NULL, *set = NULL;
    sim_switches_t w = {0};
    const cli_opt_t opts[] = {
        {"--format", "FORMAT", &fmt},       {"-o", "FILE", &out},
        {"--output", "FILE", &out},         {"--color", "WHEN", &color},
        {"--db", "FILE", &db},              {"--detail", NULL, &detail},
        {"--without", "TACTICS", &w.without}, {"--join", "ACTORS", &w.join},
        {"--leave", "ACTORS", &w.leave},    {"--protocol", "P", &w.protocol},
        {"--meeting", "M", &w.meeting},     {"--horizon", "N", &w.horizon},
        {"--grid", "N", &w.grid},           {"--set", "PATH=VALUE", &set},
        {"--seed", "S", &w.seed},
        {NULL, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("simulate", argc, argv, opts, pos, 1, &npos);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    if (npos != 1)
        return cli_error("simulate", EXIT_USAGE, "needs a scenario FILE; see 'parley help simulate'");
    cli_format_t f;
    cli_style_t sty;
    if ((rc = cli_format("simulate", fmt, &f)) ||
        (rc = cli_style_init("simulate", color, out && strcmp(out, "-"), &sty)))
        return rc;
    cli_archive_t arc;
    if ((rc = cli_archive_open(&arc, "simulate", db)))
        return rc;
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st = ctx ? parley_scenario_load_file(ctx, pos[0], &s) : PARLEY_ENOMEM;
    sim_run_t r = {.s = s, .detail = detail != NULL, .set = set};
    rc = st    ? cli_fail("simulate", ctx, st)
         : set ? sim_apply_set("simulate", ctx, s, set)
               : EXIT_OK;
    if (!rc)
        rc = run(ctx, &r, &w, f, &sty, out, &arc);
    sim_run_free(&r);
    cli_archive_close(&arc);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    return rc;
}
