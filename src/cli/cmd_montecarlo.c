/*
 * cmd_montecarlo.c — `parley montecarlo FILE -n N`: draws the scenario's
 * uncertain inputs N times and aggregates what the simulator, the
 * forecasting models or the agreement space make of each draw; threads
 * through OpenMP, processes through MPI (mc_mpi.c) and a progress bar on a
 * terminal here; the setup, batch loop and writers are src/app's (mc.c).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "../app/args.h"
#include "mc_cli.h"

static const char CMD[] = "montecarlo";

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
    p->t0 = app_now();
    p->what = what;
}

void mc_progress_show(mc_progress_t *p, uint64_t done, uint64_t total)
{
    double el = app_now() - p->t0;
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

static void show(void *arg, uint64_t done, uint64_t total)
{
    mc_progress_show(arg, done, total);
}

typedef struct mc_args {
    mc_request_t rq;
    const char *fmt, *out, *quiet, *db;
} mc_args_t;

static int emit(parley_ctx_t *ctx, const parley_mc_t *mc, const mc_args_t *a,
                cli_archive_t *arc)
{
    app_format_t f;
    int rc = cli_format(CMD, a->fmt, &f);
    if (rc)
        return rc;
    parley_buf_t b;
    parley_buf_init(&b);
    if (f == APP_FMT_JSON)
        mc_render_json(&b, mc);
    else if (f == APP_FMT_CSV)
        mc_render_csv(&b, mc);
    else
        mc_render_text(&b, mc);
    rc = f == APP_FMT_TABLE ? cli_emit_text(CMD, ctx, &b, a->out, NULL) : cli_emit(CMD, ctx, &b, a->out);
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
    mc_limits_t lim;
    mc_limits_cli(&lim);
    parley_status_t st = mc_setup(ctx, &a->rq, &lim, s, &sr, &o);
    int rc = st ? cli_fail(CMD, ctx, st) : EXIT_OK;
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
        st = parley_mc_create(ctx, s, &o, &mc);
        if (!st && !empty) {
            mc_progress_t p;
            mc_progress_init(&p, a->quiet == NULL && mp->rank == 0, CMD);
            st = mc_run_batches(ctx, mc, 0.2, show, &p);
            mc_progress_end(&p);
        }
        rc = st ? cli_fail(CMD, ctx, st) : EXIT_OK;
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
    app_args_t args;
    int rc = cli_args(CMD, argc, argv, &args);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    app_mc_request(&args, &a.rq);
    a.fmt = app_text(&args, APP_O_FORMAT);
    a.out = app_arg(&args, APP_O_OUTPUT);
    a.quiet = app_arg(&args, APP_O_QUIET);
    a.db = app_arg(&args, APP_O_DB);
    mc_mpi_t mp;
    if ((rc = mc_mpi_start(&mp, &argc, &argv)))
        return rc;
    cli_archive_t arc;
    memset(&arc, 0, sizeof arc);
    if (mp.rank == 0 && (rc = cli_archive_open(&arc, CMD, a.db)))
        return mc_mpi_stop(&mp, rc);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    parley_status_t st = ctx ? app_load_file(ctx, &args, args.pos[0], &s) : PARLEY_ENOMEM;
    rc = st ? cli_fail(CMD, ctx, st) : run(ctx, s, &a, &mp, &arc);
    if (mp.rank == 0)
        cli_archive_close(&arc);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
    return mc_mpi_stop(&mp, rc);
}
