/*
 * mc_mpi.c — `mpirun -np N parley montecarlo ...`: each rank draws a
 * contiguous share of the samples and rank 0 adds up the integer counters
 * (MPI_Reduce, MPI_SUM on MPI_UINT64_T), which is exact in any order. Built
 * only with -DPARLEY_MPI=ON; otherwise one process is rank 0 of 1.
 */
#include "mc_cli.h"
#ifdef PARLEY_MPI
#include <mpi.h>
#include <stdlib.h>

int mc_mpi_start(mc_mpi_t *m, int *argc, char ***argv)
{
    m->rank = 0;
    m->size = 1;
    m->started = 0;
    if (MPI_Init(argc, argv) != MPI_SUCCESS)
        return cli_error("montecarlo", EXIT_INTERNAL, "MPI_Init failed");
    m->started = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &m->rank);
    MPI_Comm_size(MPI_COMM_WORLD, &m->size);
    return EXIT_OK;
}

int mc_mpi_agree(const mc_mpi_t *m, int rc)
{
    int all = rc;
    if (m->size > 1)
        MPI_Allreduce(&rc, &all, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return all;
}

int mc_mpi_sum(const mc_mpi_t *m, parley_ctx_t *ctx, parley_mc_t *mc)
{
    if (m->size <= 1)
        return EXIT_OK;
    size_t n;
    const uint64_t *c = parley_mc_counters(mc, &n);
    uint64_t *sum = m->rank == 0 ? malloc(n * sizeof *sum) : NULL;
    int ok = m->rank != 0 || sum != NULL, all;
    MPI_Allreduce(&ok, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (!all) {
        free(sum);
        return cli_error("montecarlo", EXIT_INTERNAL, "out of memory");
    }
    if (n > (size_t)0x7fffffff ||
        MPI_Reduce(c, sum, (int)n, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD) != MPI_SUCCESS) {
        free(sum);
        return cli_error("montecarlo", EXIT_INTERNAL, "MPI_Reduce failed");
    }
    int rc = EXIT_OK;
    if (m->rank == 0) {
        parley_status_t st = parley_mc_set_counters(ctx, mc, sum, n);
        rc = st ? cli_fail("montecarlo", ctx, st) : EXIT_OK;
    }
    free(sum);
    return rc;
}

int mc_mpi_stop(mc_mpi_t *m, int rc)
{
    if (m->started)
        MPI_Finalize();
    m->started = 0;
    return rc;
}
#else
int mc_mpi_start(mc_mpi_t *m, int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    m->rank = 0;
    m->size = 1;
    m->started = 0;
    return EXIT_OK;
}

int mc_mpi_agree(const mc_mpi_t *m, int rc)
{
    (void)m;
    return rc;
}

int mc_mpi_sum(const mc_mpi_t *m, parley_ctx_t *ctx, parley_mc_t *mc)
{
    (void)m;
    (void)ctx;
    (void)mc;
    return EXIT_OK;
}

int mc_mpi_stop(mc_mpi_t *m, int rc)
{
    (void)m;
    return rc;
}
#endif
