/*
 * mc_cli.h — what `parley montecarlo` and `parley sensitivity` share: the
 * writers of a Monte Carlo result (mc_out.c) and the MPI glue (mc_mpi.c,
 * stubs unless built with -DPARLEY_MPI=ON).
 */
#ifndef PARLEY_MC_CLI_H
#define PARLEY_MC_CLI_H

#include "cli.h"
#include "parley/mc.h"

/* Option values shared by montecarlo and sensitivity; EXIT_USAGE with a
 * message when one does not parse. -n accepts 1e6. */
int mc_cli_count(const char *cmd, const char *opt, const char *s, uint64_t lo, uint64_t hi,
                 uint64_t *out);
int mc_cli_seed(const char *cmd, const char *s, uint64_t *out);
int mc_cli_what(const char *cmd, const char *s, parley_mc_what_t *out);
double mc_cli_now(void);

/* A progress line on stderr once a run has taken a second: a bar, the rate
 * and the time left; only on a terminal, never with --quiet. */
typedef struct mc_progress {
    int on, shown;
    double t0;
    const char *what;
} mc_progress_t;
void mc_progress_init(mc_progress_t *p, int enabled, const char *what);
void mc_progress_show(mc_progress_t *p, uint64_t done, uint64_t total);
void mc_progress_end(mc_progress_t *p);

/* The writers (mc_out.c). JSON and CSV hold nothing that depends on the
 * threads, ranks or time taken: the same seed gives the same bytes. */
void mc_render_text(parley_buf_t *b, const parley_mc_t *mc);
void mc_render_json(parley_buf_t *b, const parley_mc_t *mc);
void mc_render_csv(parley_buf_t *b, const parley_mc_t *mc);
/* The uncertain inputs as a JSON array (montecarlo and sensitivity). */
void mc_uncertain_json(parley_json_t *j, const parley_scenario_t *s);

/* MPI (mc_mpi.c): one process (rank 0 of 1) unless built with PARLEY_MPI. */
typedef struct mc_mpi {
    int rank, size, started;
} mc_mpi_t;
/* Initialises MPI; EXIT_OK or EXIT_INTERNAL (message printed). */
int mc_mpi_start(mc_mpi_t *m, int *argc, char ***argv);
/* The largest exit code of all ranks (so all stop together on an error). */
int mc_mpi_agree(const mc_mpi_t *m, int rc);
/* Adds every rank's counters into rank 0's run. */
int mc_mpi_sum(const mc_mpi_t *m, parley_ctx_t *ctx, parley_mc_t *mc);
/* Finalises MPI; returns rc. */
int mc_mpi_stop(mc_mpi_t *m, int rc);

#endif
