/*
 * serve_cmd.c — `parley serve`: parses the options and hands them to the
 * server (server.c). Loopback only unless --allow-remote is given with a
 * --bind address; every limit has a default documented in docs/api.md.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "../app/front.h"
#include "serve.h"

int serve_main(int argc, char **argv)
{
    app_args_t a;
    int rc = cli_args("serve", argc, argv, &a);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    serve_config_t c;
    serve_config_init(&c);
    c.port = (unsigned)a.v[APP_O_PORT].u;
    c.max_body = (size_t)a.v[APP_O_MAX_BODY].u;
    c.max_jobs = (unsigned)a.v[APP_O_MAX_JOBS].u;
    c.max_samples = (unsigned long long)a.v[APP_O_MAX_SAMPLES].u;
    c.max_threads = (unsigned)a.v[APP_O_MAX_THREADS].u;
    c.time_limit = a.v[APP_O_TIME_LIMIT].num;
    c.queue_wait = a.v[APP_O_QUEUE_WAIT].num;
    c.max_memory_gib = a.v[APP_O_MAX_MEMORY].num;
    c.max_per_client = (unsigned)a.v[APP_O_MAX_PER_CLIENT].u;
    c.header_timeout = a.v[APP_O_HEADER_TIMEOUT].num;
    c.body_timeout = a.v[APP_O_BODY_TIMEOUT].num;
    c.bind = app_text(&a, APP_O_BIND);
    c.allow_remote = app_flag(&a, APP_O_ALLOW_REMOTE);
    c.root = app_arg(&a, APP_O_ROOT);
    c.quiet = app_flag(&a, APP_O_QUIET);
    c.db = app_arg(&a, APP_O_DB);
    return serve_run(&c) == 0 ? EXIT_OK : EXIT_INPUT;
}
