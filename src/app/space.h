/*
 * space.h — the agreement-space analyses of `parley space`, `amend`,
 * `trades` and the API: the option values (as strings, from the command
 * line or a request), loading a scenario file or a GENIUS folder, building
 * the discretised space (space_job.c), the zone and frontier analysis
 * (space.c) and its writers (space_out.c), and rendering packages.
 */
#ifndef PARLEY_APP_SPACE_H
#define PARLEY_APP_SPACE_H

#include <stdint.h>
#include "app.h"

struct app_args;
typedef struct space_args {
    const struct app_args *args; /* the declared options' values: --set (may be NULL) */
    const char *grid, *actors, *method, *max_memory, *limit, *seed, *budget, *samples;
    const char *fmt, *out, *color, *proposal, *max, *progress, *drop;
    const char *db;        /* --db FILE: the run archive */
} space_args_t;

/* Called while a frontier runs (step of steps merged, points so far), and
 * once with steps 0 when it is done. */
typedef void (*space_progress_fn)(void *arg, size_t step, size_t steps, size_t points);

typedef struct space_job {
    const char *cmd;
    parley_ctx_t *ctx;
    parley_scenario_t *s;
    parley_space_t *sp;
    parley_frontier_options_t fo;
    app_format_t fmt;
    app_style_t sty;
    size_t limit;        /* packages to list; 0: all */
    uint64_t seed, budget, samples;
    int progress;        /* --progress: show one (when on_progress is set) */
    space_progress_fn on_progress; /* the front end's (NULL: none) */
    void *progress_arg;
    const double *include; /* a package whose positions join the grids */
    unsigned grid;         /* points per continuous issue */
    size_t *actors, n_actors; /* --actors (scenario indices), or NULL: all */
    const char *drop;      /* --drop-red-lines as given */
    const char *file;      /* the scenario file when read from one (not a folder or a
                              buffer): the term diagnosis reads it again */
    unsigned char *red;    /* space actors x issues: 1 enforces that red line */
    parley_constraints_t cons; /* BATNAs and the red lines kept */
} space_job_t;

/* Parses the options, loads the scenario (a file, or a GENIUS folder) and
 * builds the space; 0, or a status with its message on j->ctx (PARLEY_EARG
 * for a bad option value; PARLEY_ENOMEM with j->ctx NULL when even the
 * context could not be made). space_job_close either way. */
parley_status_t space_job_open(space_job_t *j, const char *cmd, const space_args_t *a,
                               const char *path, size_t default_limit);
/* As space_job_open, the scenario read from buf (len bytes, YAML or JSON) and
 * named `name` in messages and in the JSON header. */
parley_status_t space_job_open_buffer(space_job_t *j, const char *cmd, const space_args_t *a,
                                      const char *name, const char *buf, size_t len,
                                      size_t default_limit);
/* Rebuilds the space with the positions of `include` on the grids. */
parley_status_t space_job_include(space_job_t *j, const double *include);
void space_job_close(space_job_t *j);

/* Runs a frontier under constraints c; NULL on failure (*rc set, message on j->ctx). */
parley_frontier_t *space_frontier(space_job_t *j, const parley_constraints_t *c,
                                  parley_status_t *rc);

/* The text of option k of issue j: option id, or number with unit. */
void space_option_text(const parley_space_t *sp, size_t j, uint32_t k, char *buf, size_t cap);
/* Space actor a's utility (or a difference of two) as a double. */
static inline double space_u(const parley_space_t *sp, size_t a, parley_util_t v)
{
    return parley_space_value(sp, a, v);
}

/* Space actor a's BATNA as written in the scenario. */
static inline double space_batna(const parley_space_t *sp, size_t a)
{
    return parley_scenario_actor(parley_space_scenario(sp), parley_space_actor(sp, a))->batna;
}

/* What the JSON "model" and the table's linkage note say about the space:
 * how linkage was honoured (NULL when the scenario has none here). */
const char *space_linkage_note(const parley_space_t *sp, char *buf, size_t cap);

/* JSON: {"positions": {...}, "utilities": {...}, "surplus": {...}} for package opt. */
void space_json_package(parley_json_t *js, const parley_space_t *sp, const uint32_t *opt);
/* JSON header: version, command, file, hash, parameters. */
void space_json_header(parley_json_t *js, const space_job_t *j);
/* The package of a proposal as options (UINT32_MAX where open); -1 when a
 * decided position is not on the grid (cannot happen after space_job_include). */
int space_proposal_options(const parley_space_t *sp, const double *positions, uint32_t *opt);
/* Finds a proposal by id; (size_t)-1 when absent, with PARLEY_EINPUT and a
 * did-you-mean message on ctx. */
size_t space_find_proposal(parley_ctx_t *ctx, const parley_scenario_t *s, const char *id);


/* ---- `parley space`: computed once (space.c), written as a table, JSON or CSV (space_out.c). */

typedef struct space_diag_actor {
    int deal;            /* a deal exists if this actor's BATNA is ignored */
    parley_util_t best;        /* then: the most this actor can get */
} space_diag_actor_t;

typedef struct space_red {
    size_t actor, issue; /* a red line whose removal alone makes a deal */
    size_t rule;         /* or a scenario rule (a constraint: actor (size_t)-1, or a
                            conditional red line); (size_t)-1 for an issue's red line */
    size_t term;         /* or an interaction term whose weight set to 0 makes a deal;
                            (size_t)-1 otherwise */
} space_red_t;

/* ---- Transfers (space_transfer.c): the frontier of the packages that could
 * be acceptable with the most every actor could receive, and the cheapest
 * transfer on it (docs/agreement-space.md, "Transfers"). */
typedef struct space_transfers {
    int ran;                       /* the scenario has channels between actors taking part */
    parley_frontier_t *f;          /* frontier under the relaxed reservations */
    size_t points;                 /* its points, each examined */
    size_t feasible;               /* acceptable with some transfer within the limits */
    size_t inexact;                /* not decided (exact arithmetic did not fit) */
    size_t best;                   /* the point of the cheapest transfer; (size_t)-1: none */
    parley_transfer_plan_t plan;   /* that transfer */
    uint32_t *pkg;                 /* its package (lexicographically smallest) */
} space_transfers_t;

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
    double uniform;                 /* max over packages of the min surplus (< 0) */
    space_transfers_t tr;           /* side payments (space_transfer.c) */
} space_run_t;

/* Transfers (space_transfer.c): computes r->tr after the rest of the
 * analysis (nothing when the scenario has no channels); frees it; writes
 * its text section and its JSON key "transfers". */
parley_status_t space_transfers_analyse(space_run_t *r);
void space_transfers_free(space_run_t *r);
void space_transfers_text(parley_buf_t *b, const space_run_t *r);
void space_transfers_json(parley_json_t *js, const space_run_t *r);

/* Computes everything `space` reports for r->job (r zeroed but for job);
 * 0 or a status (message on r->job->ctx). space_run_free frees r either way. */
parley_status_t space_run_analyse(space_run_t *r);
void space_run_free(space_run_t *r);

void space_render_table(parley_buf_t *b, const space_run_t *r);
void space_render_json(parley_buf_t *b, const space_run_t *r);
void space_render_csv(parley_buf_t *b, const space_run_t *r);

/* Writes the lexicographically smallest package of frontier point k into opt. */
void space_point_package(const parley_frontier_t *f, size_t k, uint32_t *opt);

/* ---- `parley amend` (amend.c): the closest acceptable packages to a
 * proposal and the Pareto improvements on it. */

typedef struct amend_run {
    space_job_t *job;
    const parley_proposal_t *prop;
    uint32_t *base;              /* options; UINT32_MAX where open */
    size_t open;                 /* issues the proposal leaves open */
    parley_util_t *ub;                 /* utilities of the base (decided issues) */
    size_t *crossed;             /* red lines the base crosses, per actor */
    parley_amend_result_t am;
    parley_frontier_t *impr;     /* improvements frontier (NULL when open issues) */
    size_t *impr_pts, n_impr, pick; /* points that differ from the base; the pick */
    /* ---- Transfers (amend_transfer.c) */
    int tr_ran;                  /* the scenario has channels between actors taking part */
    parley_transfer_plan_t tr_base; /* the proposal as is */
    parley_amend_result_t tr_am; /* closest packages meeting the relaxed reservations */
    size_t tr_keep[3], tr_n;     /* the first of them acceptable with a transfer */
    parley_transfer_plan_t tr_plan[3]; /* and their transfers */
    int tr_complete;             /* the list holds every such package up to the third */
    /* ---- Ratification at home (amend_ratify.c) */
    int rt_ran;                  /* some ratifying body's actor takes part */
    size_t *rt_rejecter;         /* per item of am: the first body rejecting it, or -1 */
    int rt_searched;             /* some item of am is rejected at home: */
    parley_amend_result_t rt_am; /* the closest packages every body also ratifies */
} amend_run_t;

/* Computes r for r->job and r->prop (r zeroed but for those; the job's space
 * built with the proposal's positions, space_job_include); 0 or a status
 * (message on r->job->ctx). amend_run_free either way. */
parley_status_t amend_run_compute(amend_run_t *r);
void amend_run_free(amend_run_t *r);
void amend_render_table(parley_buf_t *b, const amend_run_t *r);
void amend_render_json(parley_buf_t *b, const amend_run_t *r);
/* The "issue: from -> to" lines of opt against the base (amend.c). */
void amend_change_lines(parley_buf_t *b, const amend_run_t *r, const uint32_t *opt);
/* Side payments (amend_transfer.c): computed after the rest (nothing
 * without channels); freed; the text section and the JSON key "transfers". */
parley_status_t amend_transfers_compute(amend_run_t *r);
void amend_transfers_free(amend_run_t *r);
void amend_transfers_text(parley_buf_t *b, const amend_run_t *r);
void amend_transfers_json(parley_json_t *js, const amend_run_t *r);
/* Ratification at home (amend_ratify.c): computed after the closest
 * packages (nothing without a body whose actor takes part); freed. The text
 * and JSON are amend.c's. */
parley_status_t amend_ratify_compute(amend_run_t *r);
void amend_ratify_free(amend_run_t *r);

/* ---- `parley trades` (trades.c): logrolling on each proposal, or on the
 * one named `proposal` (NULL: all). Writes the table into table and the
 * JSON result into json (either may be NULL). 0 or a status (message on
 * j->ctx; PARLEY_EINPUT for an unknown proposal or none at all). */
parley_status_t trades_run(space_job_t *j, const char *proposal, int all, parley_buf_t *table,
                           parley_buf_t *json);

#endif
