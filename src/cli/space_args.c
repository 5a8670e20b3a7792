/*
 * space_args.c — the command-line side of `parley space`, `amend` and
 * `trades`: the options they share, the parse of the two that also take
 * --proposal ID, and the progress line a frontier shows on a terminal.
 */
#include <stdio.h>
#include <string.h>
#include "../app/space.h"
#include "cli.h"

size_t space_opts(space_args_t *a, cli_opt_t *o, size_t k)
{
    const cli_opt_t add[] = {
        {"--grid", "N", &a->grid},           {"--actors", "IDS", &a->actors},
        {"--method", "merge|brute", &a->method}, {"--max-memory", "GIB", &a->max_memory},
        {"--limit", "N", &a->limit},         {"--seed", "S", &a->seed},
        {"--budget", "NODES", &a->budget},   {"--samples", "N", &a->samples},
        {"--format", "FORMAT", &a->fmt},     {"-o", "FILE", &a->out},
        {"--output", "FILE", &a->out},       {"--color", "WHEN", &a->color},
        {"--progress", "WHEN", &a->progress}, {"--drop-red-lines", "LIST", &a->drop},
        {"--db", "FILE", &a->db},
        {NULL, NULL, NULL}};
    for (size_t x = 0; add[x].name; x++)
        o[k++] = add[x];
    o[k] = (cli_opt_t){NULL, NULL, NULL};
    return k;
}

int space_parse_proposal_cmd(const char *cmd, int argc, char **argv, space_args_t *a,
                             const char **path)
{
    cli_opt_t opts[40];
    size_t k = space_opts(a, opts, 0);
    opts[k++] = (cli_opt_t){"--proposal", "ID", &a->proposal};
    opts[k] = (cli_opt_t){NULL, NULL, NULL};
    const char *pos[1];
    int npos, rc = cli_parse(cmd, argc, argv, opts, pos, 1, &npos);
    if (rc)
        return rc;
    if (npos != 1)
        return cli_error(cmd, EXIT_USAGE, "needs a scenario FILE; see 'parley help %s'", cmd);
    if (a->fmt && strcmp(a->fmt, "csv") == 0)
        return cli_error(cmd, EXIT_USAGE, "--format is table or json for %s", cmd);
    *path = pos[0];
    return EXIT_OK;
}

static void progress(void *arg, size_t step, size_t steps, size_t points)
{
    const space_job_t *j = arg;
    if (steps == 0)
        fprintf(stderr, "\r\033[K");
    else
        fprintf(stderr, "\rparley %s: issue %zu of %zu merged, %zu frontier points   ", j->cmd,
                step, steps, points);
}

void space_cli_progress(space_job_t *j)
{
    j->on_progress = progress;
    j->progress_arg = j;
}
