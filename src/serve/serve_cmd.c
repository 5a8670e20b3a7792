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

static int number(const char *name, const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (!*s || *end || errno || !(v >= lo && v <= hi))
        return cli_error("serve", EXIT_USAGE, "%s must be a number from %g to %g, got '%s'", name,
                         lo, hi, s);
    *out = v;
    return EXIT_OK;
}

static int whole(const char *name, const char *s, double lo, double hi, double *out)
{
    int rc = number(name, s, lo, hi, out);
    if (!rc && *out != (double)(long long)*out)
        rc = cli_error("serve", EXIT_USAGE, "%s must be a whole number, got '%s'", name, s);
    return rc;
}

int serve_main(int argc, char **argv)
{
    const char *port = NULL, *bind = NULL, *remote = NULL, *db = NULL, *root = NULL;
    const char *body = NULL, *tl = NULL, *jobs = NULL, *wait = NULL, *mem = NULL, *quiet = NULL;
    const char *samples = NULL, *threads = NULL;
    const cli_opt_t opts[] = {
        {"--port", "P", &port},         {"--bind", "ADDR", &bind},
        {"--allow-remote", NULL, &remote}, {"--db", "FILE", &db},
        {"--root", "DIR", &root},       {"--max-body", "BYTES", &body},
        {"--time-limit", "S", &tl},     {"--max-jobs", "N", &jobs},
        {"--queue-wait", "S", &wait},   {"--max-memory", "GIB", &mem},
        {"--max-samples", "N", &samples}, {"--max-threads", "T", &threads},
        {"--quiet", NULL, &quiet},      {NULL, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("serve", argc, argv, opts, pos, 0, &npos);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    serve_config_t c;
    serve_config_init(&c);
    double v = 0;
    if (port) {
        if ((rc = whole("--port", port, 0, 65535, &v)))
            return rc;
        c.port = (unsigned)v;
    }
    if (body) {
        if ((rc = whole("--max-body", body, 1024, 1 << 30, &v)))
            return rc;
        c.max_body = (size_t)v;
    }
    if (jobs) {
        if ((rc = whole("--max-jobs", jobs, 1, 256, &v)))
            return rc;
        c.max_jobs = (unsigned)v;
    }
    if (samples) {
        if ((rc = whole("--max-samples", samples, 1, 1e9, &v)))
            return rc;
        c.max_samples = (unsigned long long)v;
    }
    if (threads) {
        if ((rc = whole("--max-threads", threads, 1, 256, &v)))
            return rc;
        c.max_threads = (unsigned)v;
    }
    if ((tl && (rc = number("--time-limit", tl, 0.1, 86400, &c.time_limit))) ||
        (wait && (rc = number("--queue-wait", wait, 0, 3600, &c.queue_wait))) ||
        (mem && (rc = number("--max-memory", mem, 0.05, 1024, &c.max_memory_gib))))
        return rc;
    if (bind)
        c.bind = bind;
    c.allow_remote = remote != NULL;
    c.root = root;
    c.quiet = quiet != NULL;
    if (db && !*db)
        return cli_error("serve", EXIT_USAGE, "--db needs a file name");
    c.db = db;
    return serve_run(&c) == 0 ? EXIT_OK : EXIT_INPUT;
}
