/*
 * space_cli.h — what `parley space`, `amend` and `trades` share: the
 * common options, loading a scenario file or a GENIUS folder, building the
 * discretised space, a progress line, and rendering packages.
 */
#ifndef PARLEY_SPACE_CLI_H
#define PARLEY_SPACE_CLI_H

#include <stdint.h>
#include "cli.h"

typedef struct space_args {
    const char *grid, *actors, *method, *max_memory, *limit, *seed, *budget, *samples;
    const char *fmt, *out, *color, *proposal, *max, *progress, *drop;
    const char *db;        /* --db FILE: the run archive */
} space_args_t;

/* The options every space command takes, appended to opts (NULL-terminated). */
size_t space_opts(space_args_t *a, cli_opt_t *opts, size_t at);

typedef struct space_job {
    const char *cmd;
    parley_ctx_t *ctx;
    parley_scenario_t *s;
    parley_space_t *sp;
    parley_frontier_options_t fo;
    cli_format_t fmt;
    cli_style_t sty;
    size_t limit;        /* packages to list; 0: all */
    uint64_t seed, budget, samples;
    int progress;        /* a progress line on stderr */
    const double *include; /* a package whose positions join the grids */
    unsigned grid;         /* points per continuous issue */
    size_t *actors, n_actors; /* --actors (scenario indices), or NULL: all */
    const char *drop;      /* --drop-red-lines as given */
    unsigned char *red;    /* space actors x issues: 1 enforces that red line */
    parley_constraints_t cons; /* BATNAs and the red lines kept */
    cli_archive_t arc;     /* --db: stores the run (archive.c) */
} space_job_t;

/* Parses the options, loads the scenario (a file, or a GENIUS folder) and
 * builds the space; EXIT_OK or an exit code (message printed). */
int space_job_open(space_job_t *j, const char *cmd, const space_args_t *a, const char *path,
                   size_t default_limit);
/* As space_job_open, the scenario read from buf (len bytes, YAML or JSON) and
 * named `name` in messages and in the JSON header. */
int space_job_open_buffer(space_job_t *j, const char *cmd, const space_args_t *a,
                          const char *name, const char *buf, size_t len, size_t default_limit);
/* Parses the options of a space command that also takes --proposal ID and
 * one FILE; on success *path is the file. Returns EXIT_OK, CLI_HELP (help
 * printed) or an exit code (message printed). */
int space_parse_proposal_cmd(const char *cmd, int argc, char **argv, space_args_t *a,
                             const char **path);
/* Rebuilds the space with the positions of `include` on the grids. */
int space_job_include(space_job_t *j, const double *include);
void space_job_close(space_job_t *j);

/* Runs a frontier under constraints c; NULL on failure (message printed, *rc set). */
parley_frontier_t *space_frontier(space_job_t *j, const parley_constraints_t *c, int *rc);

/* The text of option k of issue j: option id, or number with unit. */
void space_option_text(const parley_space_t *sp, size_t j, uint32_t k, char *buf, size_t cap);
/* A fixed-point utility as a double. */
static inline double space_u(int64_t v) { return (double)v / PARLEY_SPACE_SCALE; }

/* JSON: {"positions": {...}, "utilities": {...}, "surplus": {...}} for package opt. */
void space_json_package(parley_json_t *js, const parley_space_t *sp, const uint32_t *opt);
/* JSON header: version, command, file, hash, parameters. */
void space_json_header(parley_json_t *js, const space_job_t *j);
/* The package of a proposal as options (UINT32_MAX where open); -1 when a
 * decided position is not on the grid (cannot happen after space_job_include). */
int space_proposal_options(const parley_space_t *sp, const double *positions, uint32_t *opt);
/* Finds a proposal by id with a did-you-mean message; (size_t)-1 when absent. */
size_t space_find_proposal(const char *cmd, const parley_scenario_t *s, const char *id);

#endif
