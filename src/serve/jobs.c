/*
 * jobs.c — runs each analysis of the API in a child process: a job that
 * overruns the time limit is killed outright, one that exhausts its memory
 * limit or crashes takes only itself down, and at most max_jobs run at once
 * (a request waits up to queue_wait seconds for a slot). Fork costs well
 * under a millisecond, small beside the analyses it isolates. A named job
 * is listed while it waits or runs: the child reports its progress on a
 * second pipe, and a cancel kills it. A Monte Carlo run whose progress
 * shows it cannot finish within the time limit is stopped after a second
 * or so rather than at the limit, and POST /api/montecarlo/estimate times
 * two short runs to say so before a run. A child dies with the server
 * (PR_SET_PDEATHSIG), even when the server is killed outright.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "serve.h"

/* ASan and TSan map their shadow memory into the address space (GCC names
 * them with __SANITIZE_*__, clang 14 only with __has_feature). */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZER_RESERVES_MEMORY 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SANITIZER_RESERVES_MEMORY 1
#endif
#endif

#define MAX_RESPONSE ((size_t)256 << 20) /* a result larger than this is refused */
#define MAX_NAMED 64                     /* named jobs listed at once (the connection limit) */
#define PROJECT_AFTER 1.0   /* seconds of progress before a run's end is projected */
#define PROJECT_MARGIN 1.25 /* a projection this far past the time limit stops the run */
#define CALIBRATE_SECONDS 0.5 /* the estimate's longer run */

typedef struct named_job {
    char id[65];              /* "" when the entry is free */
    app_kind_t kind;
    pid_t pid;                /* 0 while queued or once reaped */
    int cancelled;
    unsigned long long done, total;
    double started;
} named_job_t;

struct serve_jobs {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    unsigned running, max;
    double queue_wait, time_limit, max_memory_gib;
    named_job_t named[MAX_NAMED];
    pid_t *pids;              /* max entries: the children running (0: free) */
};

serve_jobs_t *serve_jobs_create(unsigned max_jobs, double queue_wait, double time_limit,
                                double max_memory_gib)
{
    serve_jobs_t *jb = calloc(1, sizeof *jb);
    if (!jb)
        return NULL;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&jb->mu, NULL);
    pthread_cond_init(&jb->cv, &ca);
    pthread_condattr_destroy(&ca);
    jb->max = max_jobs ? max_jobs : 1;
    jb->pids = calloc(jb->max, sizeof *jb->pids);
    if (!jb->pids) {
        free(jb);
        return NULL;
    }
    jb->queue_wait = queue_wait;
    jb->time_limit = time_limit;
    jb->max_memory_gib = max_memory_gib;
    return jb;
}

void serve_jobs_destroy(serve_jobs_t *jb)
{
    if (!jb)
        return;
    pthread_cond_destroy(&jb->cv);
    pthread_mutex_destroy(&jb->mu);
    free(jb->pids);
    free(jb);
}

unsigned serve_jobs_running(serve_jobs_t *jb)
{
    pthread_mutex_lock(&jb->mu);
    unsigned n = jb->running;
    pthread_mutex_unlock(&jb->mu);
    return n;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int acquire(serve_jobs_t *jb)
{
    double until = now() + jb->queue_wait;
    struct timespec ts = {(time_t)until, (long)((until - (double)(time_t)until) * 1e9)};
    pthread_mutex_lock(&jb->mu);
    while (jb->running >= jb->max)
        if (pthread_cond_timedwait(&jb->cv, &jb->mu, &ts) == ETIMEDOUT)
            break;
    int ok = jb->running < jb->max;
    jb->running += ok ? 1u : 0u;
    pthread_mutex_unlock(&jb->mu);
    return ok;
}

static void release(serve_jobs_t *jb)
{
    pthread_mutex_lock(&jb->mu);
    jb->running--;
    pthread_cond_signal(&jb->cv);
    pthread_mutex_unlock(&jb->mu);
}

static void write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

/* In the child: "DONE TOTAL\n" on the progress pipe after each batch. */
static void child_progress(void *arg, uint64_t done, uint64_t total)
{
    char line[64];
    int n = snprintf(line, sizeof line, "%llu %llu\n", (unsigned long long)done,
                     (unsigned long long)total);
    write_all(*(const int *)arg, line, (size_t)n);
}

/* What a child computes: the response body and the result's length. */
typedef int (*child_fn)(const serve_jobs_t *jb, const app_request_t *rq, parley_buf_t *body,
                        size_t *result_len);

static int compute_analysis(const serve_jobs_t *jb, const app_request_t *rq, parley_buf_t *body,
                            size_t *result_len)
{
    (void)jb;
    app_result_t res;
    app_result_init(&res);
    app_compute(rq, &res);
    serve_response_json(&res, body);
    int status = body->failed ? 500 : res.status;
    *result_len = status == 200 ? res.result.len : 0;
    app_result_free(&res);
    return status;
}

/* In the child: limit itself, compute, write "STATUS RESULT_LEN\n" and the
 * body, and leave. It is killed when the server dies, however it dies. */
static void child(const serve_jobs_t *jb, const app_request_t *rq, int fd, int pfd,
                  pid_t server, child_fn fn)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != server)
        _exit(1); /* the server died before the line above */
    sigset_t none;
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, NULL);
#ifndef SANITIZER_RESERVES_MEMORY /* terabytes of address space: no limit fits */
    struct rlimit rl;
    rl.rlim_cur = rl.rlim_max = (rlim_t)(jb->max_memory_gib * 1.25 * 1073741824.0) + (64u << 20);
    setrlimit(RLIMIT_AS, &rl);
#endif
    app_request_t own = *rq;
    own.max_memory_gib = jb->max_memory_gib;
    own.progress = child_progress;
    own.progress_arg = &pfd;
    parley_buf_t body;
    parley_buf_init(&body);
    size_t result_len = 0;
    int status = fn(jb, &own, &body, &result_len);
    char head[48];
    snprintf(head, sizeof head, "%d %zu\n", status, result_len);
    write_all(fd, head, strlen(head));
    if (!body.failed)
        write_all(fd, body.data, body.len);
    parley_buf_free(&body);
    _exit(0);
}

/* Takes the last whole "DONE TOTAL" line of the progress pipe into *done,
 * *total and the named job, if any. */
static void take_progress(serve_jobs_t *jb, named_job_t *nj, const char *buf, size_t n,
                          unsigned long long *done, unsigned long long *total)
{
    const char *end = NULL, *start;
    for (size_t k = n; k-- > 0 && !end;)
        end = buf[k] == '\n' ? buf + k : NULL;
    if (!end)
        return;
    for (start = end; start > buf && start[-1] != '\n'; start--)
        ;
    unsigned long long d, t;
    if (sscanf(start, "%llu %llu", &d, &t) != 2)
        return;
    *done = d;
    *total = t;
    if (!nj)
        return;
    pthread_mutex_lock(&jb->mu);
    nj->done = d;
    nj->total = t;
    pthread_mutex_unlock(&jb->mu);
}

/* What collect saw. */
typedef struct seen {
    unsigned long long done, total;
    double elapsed;
} seen_t;

enum { GOT_EOF = 0, GOT_TOO_BIG = 1, GOT_TIMEOUT = -1, GOT_PROJECTED = -2 };

/* A run that has reported for PROJECT_AFTER seconds and, at its pace, would
 * end well past the deadline. */
static int hopeless(const seen_t *sn, double started, double until)
{
    double now_ = now(), elapsed = now_ - started;
    if (sn->done == 0 || sn->total <= sn->done || elapsed < PROJECT_AFTER)
        return 0;
    double left = elapsed * (double)(sn->total - sn->done) / (double)sn->done;
    return now_ + left > started + (until - started) * PROJECT_MARGIN;
}

/* Reads the child's answer until EOF or the deadline, and its progress
 * meanwhile: GOT_EOF, GOT_TIMEOUT, GOT_PROJECTED (its progress says it
 * cannot make the deadline) or GOT_TOO_BIG (past MAX_RESPONSE). */
static int collect(serve_jobs_t *jb, named_job_t *nj, int fd, int pfd, double until,
                   parley_buf_t *raw, seen_t *sn)
{
    char chunk[65536];
    size_t kept = 0; /* progress bytes after the last line */
    double started = now();
    for (;;) {
        double left = until - now();
        sn->elapsed = now() - started;
        if (left <= 0)
            return GOT_TIMEOUT;
        if (hopeless(sn, started, until))
            return GOT_PROJECTED;
        struct pollfd p[2] = {{fd, POLLIN, 0}, {pfd, POLLIN, 0}};
        int r = poll(p, 2, (int)(left * 1000) + 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0)
            continue; /* the deadline check above decides */
        if (pfd >= 0 && p[1].revents) {
            ssize_t n = read(pfd, chunk + kept, 4096 - kept);
            if (n <= 0 && !(n < 0 && errno == EINTR)) {
                pfd = -1; /* closed: poll ignores a negative fd */
            } else if (n > 0) {
                take_progress(jb, nj, chunk, kept + (size_t)n, &sn->done, &sn->total);
                kept = 0; /* a line cut in two is dropped: the next one follows soon */
            }
            continue;
        }
        if (!p[0].revents)
            continue;
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return GOT_EOF;
        if (raw->len + (size_t)n > MAX_RESPONSE)
            return GOT_TOO_BIG;
        parley_buf_append(raw, chunk, (size_t)n);
    }
}

/* The 503 of a run stopped early: how long it would have taken and how
 * many samples fit. */
static void projected_error(const serve_jobs_t *jb, const seen_t *sn, parley_buf_t *out)
{
    double rate = (double)sn->done / (sn->elapsed > 0 ? sn->elapsed : 1);
    double need = (double)sn->total / (rate > 0 ? rate : 1);
    char msg[320];
    snprintf(msg, sizeof msg, "%llu samples would take about %.0f s at the pace of the first "
             "%llu (%.0f a second), past this server's time limit of %g s: at most about %.0f "
             "fit (POST /api/montecarlo/estimate says before a run)", sn->total, need, sn->done,
             rate, jb->time_limit, rate * jb->time_limit * 0.9);
    serve_error_json(out, 503, msg);
}

/* Lists a running child (mu held), so that a stopping server can kill it. */
static void track(serve_jobs_t *jb, pid_t pid, pid_t was)
{
    for (unsigned k = 0; k < jb->max; k++)
        if (jb->pids[k] == was) {
            jb->pids[k] = pid;
            return;
        }
}

static int finish(pid_t pid, int got, const seen_t *sn, serve_jobs_t *jb, named_job_t *nj,
                  parley_buf_t *raw, parley_buf_t *out, serve_job_info_t *info)
{
    int ws = 0, timed_out = got == GOT_TIMEOUT, cancelled = 0;
    if (got != 0)
        kill(pid, SIGKILL);
    pthread_mutex_lock(&jb->mu); /* no cancel may signal a pid about to be reaped */
    if (nj) {
        nj->pid = 0;
        cancelled = nj->cancelled;
    }
    track(jb, 0, pid);
    pthread_mutex_unlock(&jb->mu);
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    while (wait4(pid, &ws, 0, &ru) < 0 && errno == EINTR)
        ;
    info->cpu_seconds = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
                        (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
    char msg[160];
    if (cancelled) {
        serve_error_json(out, 409, "the analysis was cancelled (DELETE /api/jobs/ID)");
        return 409;
    }
    if (got == GOT_PROJECTED) {
        projected_error(jb, sn, out);
        return 503;
    }
    if (timed_out) {
        snprintf(msg, sizeof msg, "the analysis ran past the time limit (%g s) and was stopped",
                 jb->time_limit);
        serve_error_json(out, 503, msg);
        return 503;
    }
    if (got == GOT_TOO_BIG) {
        snprintf(msg, sizeof msg, "the result is larger than %zu MiB; ask for less (limit)",
                 MAX_RESPONSE >> 20);
        serve_error_json(out, 500, msg);
        return 500;
    }
    char *nl = raw->data ? memchr(raw->data, '\n', raw->len) : NULL;
    if (!nl || raw->failed || !WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
        if (WIFSIGNALED(ws))
            snprintf(msg, sizeof msg, "the analysis failed (signal %d; memory limit %g GiB)",
                     WTERMSIG(ws), jb->max_memory_gib);
        else
            snprintf(msg, sizeof msg, "the analysis failed (no complete result)");
        serve_error_json(out, 500, msg);
        return 500;
    }
    int status = atoi(raw->data);
    const char *sp = memchr(raw->data, ' ', (size_t)(nl - raw->data));
    size_t off = (size_t)(nl + 1 - raw->data);
    parley_buf_append(out, raw->data + off, raw->len - off);
    if (status == 200 && sp) {
        info->result_len = (size_t)strtoull(sp + 1, NULL, 10);
        info->result_off = 11; /* after {"result": (serve_response_json) */
        if (info->result_off + info->result_len > out->len)
            info->result_len = 0;
    }
    return status >= 200 && status < 600 ? status : 500;
}

/* ---- named jobs */

int serve_job_id_ok(const char *id)
{
    size_t n = 0;
    for (; id && id[n]; n++)
        if (!(id[n] == '-' || id[n] == '_' || (id[n] >= '0' && id[n] <= '9') ||
              (id[n] >= 'a' && id[n] <= 'z') || (id[n] >= 'A' && id[n] <= 'Z')))
            return 0;
    return n >= 1 && n <= 64;
}

static named_job_t *find_named(serve_jobs_t *jb, const char *id)
{
    for (size_t k = 0; k < MAX_NAMED; k++)
        if (jb->named[k].id[0] && !strcmp(jb->named[k].id, id))
            return &jb->named[k];
    return NULL;
}

/* Lists a job under its id; 0, 409 (id in use) or 503 (table full). */
static int add_named(serve_jobs_t *jb, const char *id, app_kind_t kind, named_job_t **out)
{
    pthread_mutex_lock(&jb->mu);
    int status = find_named(jb, id) ? 409 : 503;
    for (size_t k = 0; k < MAX_NAMED && status == 503; k++)
        if (!jb->named[k].id[0]) {
            jb->named[k] = (named_job_t){.kind = kind, .started = now()};
            snprintf(jb->named[k].id, sizeof jb->named[k].id, "%s", id);
            *out = &jb->named[k];
            status = 0;
        }
    pthread_mutex_unlock(&jb->mu);
    return status;
}

static void drop_named(serve_jobs_t *jb, named_job_t *nj)
{
    if (!nj)
        return;
    pthread_mutex_lock(&jb->mu);
    nj->id[0] = '\0';
    pthread_mutex_unlock(&jb->mu);
}

int serve_jobs_progress(serve_jobs_t *jb, const char *job, parley_buf_t *out)
{
    pthread_mutex_lock(&jb->mu);
    named_job_t *nj = find_named(jb, job);
    if (nj)
        parley_buf_printf(out, "{\"job\": \"%s\", \"kind\": \"%s\", \"state\": \"%s\", "
                               "\"done\": %llu, \"total\": %llu, \"elapsed\": %.3f}\n",
                          nj->id, app_kind_name(nj->kind), nj->pid ? "running" : "queued",
                          nj->done, nj->total, now() - nj->started);
    pthread_mutex_unlock(&jb->mu);
    if (!nj)
        serve_error_json(out, 404, "no such job queued or running (it may have finished)");
    return nj ? 200 : 404;
}

int serve_jobs_cancel(serve_jobs_t *jb, const char *job, parley_buf_t *out)
{
    pthread_mutex_lock(&jb->mu);
    named_job_t *nj = find_named(jb, job);
    if (nj) {
        nj->cancelled = 1;
        if (nj->pid > 0)
            kill(nj->pid, SIGKILL);
        parley_buf_printf(out, "{\"job\": \"%s\", \"cancelled\": true}\n", nj->id);
    }
    pthread_cond_broadcast(&jb->cv); /* a queued job stops waiting */
    pthread_mutex_unlock(&jb->mu);
    if (!nj)
        serve_error_json(out, 404, "no such job queued or running (it may have finished)");
    return nj ? 200 : 404;
}

/* Forks the child and collects its answer; the slot is held by the caller. */
void serve_jobs_kill_all(serve_jobs_t *jb)
{
    pthread_mutex_lock(&jb->mu);
    for (unsigned k = 0; k < jb->max; k++)
        if (jb->pids[k] > 0)
            kill(jb->pids[k], SIGKILL);
    pthread_mutex_unlock(&jb->mu);
}

static int run_child(serve_jobs_t *jb, const app_request_t *rq, named_job_t *nj, child_fn fn,
                     parley_buf_t *out, serve_job_info_t *info)
{
    int fds[2], pfds[2];
    if (pipe(fds) != 0)
        return (serve_error_json(out, 500, "cannot create a pipe for the job"), 500);
    if (pipe(pfds) != 0) {
        close(fds[0]);
        close(fds[1]);
        return (serve_error_json(out, 500, "cannot create a pipe for the job"), 500);
    }
    double start = now();
    pid_t server = getpid();
    pthread_mutex_lock(&jb->mu); /* pid is published before a cancel can look */
    int cancelled = nj && nj->cancelled;
    pid_t pid = cancelled ? -1 : fork();
    if (pid == 0) {
        close(fds[0]);
        close(pfds[0]);
        child(jb, rq, fds[1], pfds[1], server, fn);
    }
    if (nj && pid > 0)
        nj->pid = pid;
    if (pid > 0)
        track(jb, pid, 0);
    pthread_mutex_unlock(&jb->mu);
    close(fds[1]);
    close(pfds[1]);
    if (pid < 0) {
        close(fds[0]);
        close(pfds[0]);
        if (cancelled)
            return (serve_error_json(out, 409, "the analysis was cancelled (DELETE /api/jobs/ID)"), 409);
        return (serve_error_json(out, 503, "cannot start a job (fork failed); try again"), 503);
    }
    info->ran = 1;
    parley_buf_t raw;
    parley_buf_init(&raw);
    seen_t sn = {0, 0, 0};
    int got = collect(jb, nj, fds[0], pfds[0], start + jb->time_limit, &raw, &sn);
    close(fds[0]);
    close(pfds[0]);
    int status = finish(pid, got, &sn, jb, nj, &raw, out, info);
    parley_buf_free(&raw);
    return status;
}

int serve_jobs_run(serve_jobs_t *jb, const app_request_t *rq, const char *job,
                   parley_buf_t *out, serve_job_info_t *info)
{
    memset(info, 0, sizeof *info);
    named_job_t *nj = NULL;
    int status = job ? add_named(jb, job, rq->kind, &nj) : 0;
    if (status) {
        serve_error_json(out, status, status == 409 ? "a job with this id is already queued or running"
                                                  : "too many named jobs at once; try again");
        return status;
    }
    if (!acquire(jb)) {
        drop_named(jb, nj);
        serve_error_json(out, 503, "the server is busy: every job slot stayed taken; try again");
        return 503;
    }
    status = run_child(jb, rq, nj, compute_analysis, out, info);
    release(jb);
    drop_named(jb, nj);
    return status;
}

/* ---- the estimate of a Monte Carlo run */

/* The samples rq asks for (its montecarlo default when it names none);
 * 0 when the value is not a whole number (the analysis says why). */
static unsigned long long samples_of(const app_request_t *rq)
{
    unsigned long long n = 10000;
    for (size_t k = 0; k < rq->n_params; k++)
        if (rq->params[k].key && (!strcmp(rq->params[k].key, "samples") ||
                                  !strcmp(rq->params[k].key, "n"))) {
            const char *v = rq->params[k].value ? rq->params[k].value : "";
            char *end;
            double x = strtod(v, &end); /* "1e6" is a whole number too */
            if (!*v || *end || !(x >= 1 && x <= 1e12) || x != (double)(unsigned long long)x)
                return 0;
            n = (unsigned long long)x;
        }
    return n;
}

/* Times the analysis of rq with n samples; the status, and the body on failure. */
static int timed_run(const app_request_t *rq, unsigned long long n, double *seconds,
                     parley_buf_t *body)
{
    app_param_t params[APP_MAX_PARAMS + 1];
    char value[24];
    size_t m = 0;
    for (size_t k = 0; k < rq->n_params && m < APP_MAX_PARAMS; k++)
        if (!rq->params[k].key || (strcmp(rq->params[k].key, "samples") &&
                                   strcmp(rq->params[k].key, "n")))
            params[m++] = rq->params[k];
    snprintf(value, sizeof value, "%llu", n);
    params[m++] = (app_param_t){"samples", value};
    app_request_t own = *rq;
    own.params = params;
    own.n_params = m;
    own.progress = NULL;
    double t0 = now();
    app_result_t res;
    app_result_init(&res);
    int status = app_compute(&own, &res);
    *seconds = now() - t0;
    if (status != 200)
        serve_response_json(&res, body);
    app_result_free(&res);
    return status;
}

/* In the child: a run of n0 samples and a longer one of n1, fit
 * seconds = a + b n through the two. */
static int compute_estimate(const serve_jobs_t *jb, const app_request_t *rq, parley_buf_t *body,
                            size_t *result_len)
{
    *result_len = 0;
    unsigned long long want = samples_of(rq), n0, n1;
    if (want == 0) { /* not a number: the analysis words the error at once */
        app_result_t res;
        app_result_init(&res);
        int status = app_compute(rq, &res);
        serve_response_json(&res, body);
        app_result_free(&res);
        return status == 200 ? 500 : status;
    }
    double t0 = 0, t1 = 0;
    n0 = n1 = want < 20 ? want : 20;
    int status = timed_run(rq, n0, &t0, body);
    if (status != 200)
        return status;
    t1 = t0;
    /* Grow the second run until it takes CALIBRATE_SECONDS (the fixed
     * cost of loading and rendering makes short runs misleading), at most
     * four runs and never past the samples asked for. */
    for (int round = 0; round < 3 && t1 < CALIBRATE_SECONDS && n1 < want; round++) {
        double rate = n1 > n0 && t1 > t0 ? (t1 - t0) / (double)(n1 - n0) : t1 / (double)n1;
        double next = (double)n1 + (CALIBRATE_SECONDS - t1) / (rate > 1e-9 ? rate : 1e-9);
        next = next < 2.0 * (double)n1 ? 2.0 * (double)n1 : next;
        n1 = next > (double)want ? want : (unsigned long long)next;
        if ((status = timed_run(rq, n1, &t1, body)) != 200)
            return status;
    }
    double per = t0 / (double)n0;
    double b = n1 > n0 ? (t1 - t0) / (double)(n1 - n0) : per, a = t0 - b * (double)n0;
    if (b <= 0) { /* timer noise on a fast scenario: all of it per sample */
        b = (n1 > n0 ? t1 / (double)n1 : per);
        a = 0;
    }
    a = a < 0 ? 0 : a;
    double seconds = a + b * (double)want, room = jb->time_limit * 0.9 - a;
    double fit = room > 0 ? room / b : 0, cap = rq->max_samples ? (double)rq->max_samples : 1e6;
    fit = fit > cap ? cap : fit;
    parley_buf_printf(body, "{\"samples\": %llu, \"seconds\": %.3g, \"time_limit\": %g, "
                            "\"fits\": %s, \"max_samples\": %.0f, \"calibration\": "
                            "{\"samples\": [%llu, %llu], \"seconds\": [%.4f, %.4f]}}\n",
                      want, seconds, jb->time_limit, seconds <= jb->time_limit ? "true" : "false",
                      fit, n0, n1 > n0 ? n1 : n0, t0, n1 > n0 ? t1 : t0);
    return body->failed ? 500 : 200;
}

int serve_jobs_estimate(serve_jobs_t *jb, const app_request_t *rq, parley_buf_t *out,
                        serve_job_info_t *info)
{
    memset(info, 0, sizeof *info);
    if (!acquire(jb)) {
        serve_error_json(out, 503, "the server is busy: every job slot stayed taken; try again");
        return 503;
    }
    int status = run_child(jb, rq, NULL, compute_estimate, out, info);
    release(jb);
    return status;
}
