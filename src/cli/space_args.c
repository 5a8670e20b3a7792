/*
 * space_args.c — the command-line side of `parley space`, `amend` and
 * `trades`: their declared options into the space request, and the progress
 * line a frontier shows on a terminal.
 */
#include <stdio.h>
#include <string.h>
#include "../app/args.h"
#include "../app/space.h"
#include "cli.h"

int space_cli_args(const char *cmd, int argc, char **argv, app_args_t *args, space_args_t *a)
{
    int rc = cli_args(cmd, argc, argv, args);
    if (rc)
        return rc;
    app_space_args(args, a);
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
