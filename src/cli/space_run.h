/*
 * space_run.h — the results of `parley space`, computed once (cmd_space.c)
 * and written as a table, JSON or CSV (space_out.c).
 */
#ifndef PARLEY_SPACE_RUN_H
#define PARLEY_SPACE_RUN_H

#include "space_cli.h"

typedef struct space_diag_actor {
    int deal;            /* a deal exists if this actor's BATNA is ignored */
    int64_t best;        /* then: the most this actor can get */
} space_diag_actor_t;

typedef struct space_red {
    size_t actor, issue; /* a red line whose removal alone makes a deal */
} space_red_t;

typedef struct space_run {
    space_job_t *job;
    parley_frontier_t *f;          /* the frontier of the acceptable packages */
    parley_zopa_count_t zopa;
    size_t sol[PARLEY_SOLUTION_COUNT];
    uint32_t *best, *worst;        /* n x m: per actor */
    int *worst_exact, *worst_found;
    /* when the zone is empty */
    size_t *vetoed_issues, n_vetoed; /* every option vetoed by red lines */
    space_diag_actor_t *diag;        /* n */
    space_red_t *reds;
    size_t n_reds, reds_tested;
    int uniform_known;
    int64_t uniform;                 /* max over packages of the min surplus (< 0) */
} space_run_t;

/* Computes everything `space` reports for r->job (r zeroed but for job);
 * EXIT_OK or an exit code (message given). space_run_free frees r either way. */
int space_run_analyse(space_run_t *r);
void space_run_free(space_run_t *r);

void space_render_table(parley_buf_t *b, const space_run_t *r);
void space_render_json(parley_buf_t *b, const space_run_t *r);
void space_render_csv(parley_buf_t *b, const space_run_t *r);

/* Writes the lexicographically smallest package of frontier point k into opt. */
void space_point_package(const parley_frontier_t *f, size_t k, uint32_t *opt);

#endif
