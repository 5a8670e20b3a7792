/*
 * cmd_montecarlo.c — `parley montecarlo FILE -n N`: draws the scenario's
 * uncertain inputs N times and aggregates what the simulator, the
 * forecasting models or the agreement space make of each draw; threads
 * through OpenMP, processes through MPI (mc_mpi.c), a progress bar on a
 * terminal, and writers in mc_out.c.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "forecast_run.h"
#include "mc_cli.h"
#include "sim_run.h"

static const char CMD[] = "montecarlo";

int mc_cli_count(const char *cmd, const char *opt, const char *s, uint64_t lo, uint64_t hi,
                 uint64_t *out)
{
    char *end;
    errno = 0;
    double v = s ? strtod(s, &end) : 0;
    if (!s || !*s || *end || errno || !(v >= (double)lo && v <= (double)hi) || v != floor(v))
        return cli_error(cmd, EXIT_USAGE, "%s must be a whole number from %llu to %llu, got '%s'",
                         opt, (unsigned long long)lo, (unsigned long long)hi, s ? s : "");
    *out = (uint64_t)v;
    return EXIT_OK;
}

int mc_cli_seed(const char *cmd, const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = s ? strtoull(s, &end, 10) : 0;
    if (!s || !*s || *end || errno || s[0] == '-' || s[0] == '+')
        return cli_error(cmd, EXIT_USAGE, "--seed must be a whole number from 0 to 2^64-1, got '%s'",
                         s ? s : "");
    *out = (uint64_t)v;
    return EXIT_OK;
}

int mc_cli_what(const char *cmd, const char *s, parley_mc_what_t *out)
{
    if (!s) {
        *out = PARLEY_MC_SIMULATE;
        return EXIT_OK;
    }
    if (parley_mc_what_from_name(s, out) == PARLEY_OK)
        return EXIT_OK;
    return cli_error(cmd, EXIT_USAGE, "--what must be simulate, forecast or space, got '%s'", s);
}

double mc_cli_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* "1:05" or "2:03:04". */
static void clock_text(double s, char *buf, size_t cap)
{
    unsigned long t = s > 0 && s < 1e9 ? (unsigned long)(s + 0.5) : 0;
    if (t >= 3600)
        snprintf(buf, cap, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, cap, "%lu:%02lu", t / 60, t % 60);
}

void mc_progress_init(mc_progress_t *p, int enabled, const char *what)
{
    p->on = enabled && isatty(STDERR_FILENO);
    p->shown = 0;
    p->t0 = mc_cli_now();
    p->what = what;
}

void mc_progress_show(mc_progress_t *p, uint64_t done, uint64_t total)
{
    double el = mc_cli_now() - p->t0;
    if (!p->on || el < 1.0 || total == 0)
        return;
    double frac = (double)done / (double)total, rate = (double)done / el;
    char left[32], bar[41];
    clock_text(rate > 0 ? (double)(total - done) / rate : 0, left, sizeof left);
    size_t fill = (size_t)(frac * 40.0);
    for (size_t k = 0; k < 40; k++)
        bar[k] = k < fill ? '#' : '.';
    bar[40] = '\0';
    fprintf(stderr, "\r%s [%s] %3.0f%%  %.0f/s  %s left ", p->what, bar, 100.0 * frac, rate, left);
    fflush(stderr);
    p->shown = 1;
}

void mc_progress_end(mc_progress_t *p)
{
    if (p->shown)
        fprintf(stderr, "\r%*s\r", 78, "");
    p->shown = 0;
}

/* Keeps each step near 0.2 s so the bar moves and a cancel is quick. */
static unsigned next_batch(unsigned batch, double dt, unsigned threads)
{
    double want = dt > 0 ? (double)batch * 0.2 / dt : 2.0 * batch;
    double lo = 8.0 * threads, hi = 1 << 20;
    if (want > 2.0 * batch)
        want = 2.0 * batch;
    want = want < lo ? lo : want > hi ? hi : want;
    return (unsigned)want;
}

static int run_loop(parley_ctx_t *ctx, parley_mc_t *mc, int quiet, int rank)
{
    mc_progress_t p;
    mc_progress_init(&p, !quiet && rank == 0, CMD);
    unsigned batch = 64;
    int done = 0;
    while (!done) {
        parley_mc_set_batch(mc, batch);
        double t = mc_cli_now();
        parley_status_t st = parley_mc_step(ctx, mc, &done);
        if (st) {
            mc_progress_end(&p);
            return cli_fail(CMD, ctx, st);
        }
        batch = next_batch(batch, mc_cli_now() - t, parley_mc_threads(mc));
        mc_progress_show(&p, parley_mc_done(mc), parley_mc_total(mc));
    }
    mc_progress_end(&p);
    return EXIT_OK;
}

typedef struct mc_args {
    const char *n, *seed, *threads, *what, *fmt, *out, *quiet, *model, *db;
    sim_switches_t sw;
} mc_args_t;

/* The options: each evaluator's own, then the common ones. */
static int setup(const mc_args_t *a, const parley_scenario_t *s, sim_run_t *sr,
                 parley_mc_options_t *o)
{
    int rc;
    uint64_t threads = 0;
    parley_mc_options_init(o);
    if ((rc = mc_cli_what(CMD, a->what, &o->what)) ||
        (rc = mc_cli_count(CMD, "-n", a->n ? a->n : "10000", 1, PARLEY_MC_MAX_SAMPLES,
                           &o->samples)) ||
        (a->seed && (rc = mc_cli_seed(CMD, a->seed, &o->seed))) ||
        (a->threads && (rc = mc_cli_count(CMD, "--threads", a->threads, 0, 256, &threads))))
        return rc;
    o->threads = (unsigned)threads;
    if (a->model && o->what != PARLEY_MC_FORECAST)
        return cli_error(CMD, EXIT_USAGE, "--model is for --what forecast");
    if (o->what == PARLEY_MC_FORECAST) {
        if ((rc = fc_cli_models(CMD, a->model, o->models, &o->n_models)))
            return rc;
        o->fc.smp = parley_scenario_smp(s)->params;
    }
    if (o->what == PARLEY_MC_SPACE && a->sw.grid) {
        uint64_t g;
        if ((rc = mc_cli_count(CMD, "--grid", a->sw.grid, 2, 1000, &g)))
            return rc;
        o->grid = (unsigned)g;
    }
    sr->s = s;
    if ((rc = sim_run_setup(CMD, &a->sw, sr)))
        return rc;
    o->sim = sr->opt;
    return EXIT_OK;
}

static int emit(parley_ctx_t *ctx, const parley_mc_t *mc, const mc_args_t *a,
                cli_archive_t *arc)
{
    cli_format_t f;
    const char *fmt = a->fmt && strcmp(a->fmt, "text") == 0 ? "table" : a->fmt;
    int rc = cli_format(CMD, fmt, &f);
    if (rc)
        return rc;
    parley_buf_t b;
    parley_buf_init(&b);
    if (f == FMT_JSON)
        mc_render_json(&b, mc);
    else if (f == FMT_CSV)
        mc_render_csv(&b, mc);
    else
        mc_render_text(&b, mc);
    rc = cli_emit(CMD, ctx, &b, a->out);
    if (arc->store) { /* archived: the JSON result whatever was shown */
        b.len = 0;
        mc_render_json(&b, mc);
        rc = cli_archive_save(arc, parley_mc_scenario(mc), &parley_mc_options(mc)->seed, &b, rc);
    }
    parley_buf_free(&b);
    return rc;
}

static int run(parley_ctx_t *ctx, const parley_scenario_t *s, const mc_args_t *a,
               const mc_mpi_t *mp, cli_archive_t *arc)
{
    sim_run_t sr;
    memset(&sr, 0, sizeof sr);
    parley_mc_options_t o;
    int rc = setup(a, s, &sr, &o);
    if (!rc && mp->size > 1) { /* this rank's contiguous share of the samples */
        o.first = o.samples * (uint64_t)mp->rank / (uint64_t)mp->size;
        o.count = o.samples * (uint64_t)(mp->rank + 1) / (uint64_t)mp->size - o.first;
        if (o.count == 0) {
            o.first = 0; /* an empty share: create a run, draw nothing */
            o.count = 0;
        }
    }
    parley_mc_t *mc = NULL;
    if (!rc) {
        uint64_t keep = o.count;
        int empty = mp->size > 1 && keep == 0;
        parley_status_t st = parley_mc_create(ctx, s, &o, &mc);
        rc = st ? cli_fail(CMD, ctx, st) : EXIT_OK;
        if (!rc && !empty)
            rc = run_loop(ctx, mc, a->quiet != NULL, mp->rank);
    }
    rc = mc_mpi_agree(mp, rc);
    if (!rc && (rc = mc_mpi_sum(mp, ctx, mc)) == EXIT_OK && mp->rank == 0)
        rc = emit(ctx, mc, a, arc);
    parley_mc_destroy(mc);
    sim_run_free(&sr);
    return rc;
}

int cmd_montecarlo(int argc, char **argv)
{
    mc_args_t a;
    memset(&a, 0, sizeof a);
    const cli_opt_t opts[] = {
        {"-n", "N", &a.n},           {"--samples", "N", &a.n},      {"--seed", "S", &a.seed},
        {"--threads", "T", &a.threads}, {"--what", "WHAT", &a.what}, {"--format", "F", &a.fmt},
        {"-o", "FILE", &a.out},      {"--output", "FILE", &a.out},  {"--quiet", NULL, &a.quiet},
        {"--model", "ID", &a.model}, {"--db", "FILE", &a.db},
        {"--without", "TACTICS", &a.sw.without}, {"--join", "ACTORS", &a.sw.join},
        {"--leave", "ACTORS", &a.sw.leave},      {"--protocol", "P", &a.sw.protocol},
        {"--meeting", "M", &a.sw.meeting},       {"--horizon", "R", &a.sw.horizon},
        {"--grid", "N", &a.sw.grid},             {NULL, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse(CMD, argc, argv, opts, pos, 1, &npos);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    if (npos != 1)
        return cli_error(CMD, EXIT_USAGE, "needs a scenario FILE; see 'parley help montecarlo'");
    parley_mc_what_t w;
    cli_format_t f;
    uint64_t n;
    const char *fmt = a.fmt && strcmp(a.fmt, "text") == 0 ? "table" : a.fmt;
    if ((rc = mc_cli_what(CMD, a.what, &w)) || (rc = cli_format(CMD, fmt, &f)) ||
        (a.n && (rc = mc_cli_count(CMD, "-n", a.n, 1, PARLEY_MC_MAX_SAMPLES, &n))))
        return rc;
    mc_mpi_t mp;
    if ((rc = mc_mpi_start(&mp, &argc, &argv)))
        return rc;
    cli_archive_t arc;
    memset(&arc, 0, sizeof arc);
    if (mp.rank == 0 && (rc = cli_archive_open(&arc, CMD, a.db)))
        return mc_mpi_stop(&mp, rc);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st = ctx ? parley_scenario_load_file(ctx, pos[0], &s) : PARLEY_ENOMEM;
    rc = st ? cli_fail(CMD, ctx, st) : run(ctx, s, &a, &mp, &arc);
    if (mp.rank == 0)
        cli_archive_close(&arc);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    return mc_mpi_stop(&mp, rc);
}
