/*
 * mc_cli.h — what `parley montecarlo` and `parley sensitivity` share on the
 * command line: the progress bar (cmd_montecarlo.c) and the MPI glue
 * (mc_mpi.c, stubs unless built with -DPARLEY_MPI=ON).
 */
#ifndef PARLEY_MC_CLI_H
#define PARLEY_MC_CLI_H

#include "../app/mc.h"
#include "cli.h"

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
