/*
 * server.c — the HTTP side of `parley serve` on libmicrohttpd, one thread
 * per connection: it turns each request into a serve_req_t for route.c and
 * sends back what route.c answers. Around that it keeps the server usable
 * under abuse: a guard thread closes connections that take too long to
 * send their headers or body (a client trickling a byte every few seconds
 * would otherwise hold a connection slot for minutes) and, when the slots
 * run short, those still sending headers after a second; a client address
 * other than loopback gets at most --max-per-client connections; SIGINT and
 * SIGTERM stop accepting, let the running requests finish, then exit 0.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "serve.h"

#define MAX_HEADERS 100       /* headers listed per request; more is a 431 */
#define SHED_AFTER 1.0        /* seconds: when slots run short, slower headers are dropped */
#define GUARD_TICK_MS 100

/* Where a connection is in its request, for the guard's deadlines. */
typedef enum phase { PH_HEADERS, PH_BODY, PH_BUSY } phase_t;

typedef struct conn {
    struct conn *prev, *next;
    int fd;
    phase_t phase;
    double since;         /* when the phase began (monotonic seconds) */
    char *raw_url;        /* the current request's target as sent */
    const char *raw_at;   /* where it lay in libmicrohttpd's buffer, and its length */
    size_t raw_len;
} conn_t;

typedef struct server {
    serve_ctx_t ctx;      /* what route.c reads */
    pthread_mutex_t mu;   /* conns, busy, stopping */
    pthread_cond_t idle;  /* busy fell to 0 */
    conn_t *conns;
    unsigned n_conns, busy, dropped;
    int stopping;
    pthread_t guard;
} server_t;

typedef struct request {
    int api;              /* an analysis whose body is arriving */
    serve_req_t req;
    parley_buf_t body;
    struct timespec start;
    char what[128];       /* "METHOD URL" for the log */
} request_t;

static double mono_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* ---- responses */

static enum MHD_Result send_resp(struct MHD_Connection *c, const serve_resp_t *out)
{
    const parley_buf_t *body = &out->body;
    struct MHD_Response *r = MHD_create_response_from_buffer(
        body->failed ? 0 : body->len, body->data ? body->data : (void *)"", MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    const char *type = out->type ? out->type : "application/json";
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    if (strncmp(type, "text/html", 9) == 0) /* vega compiles expressions: unsafe-eval */
        MHD_add_response_header(r, "Content-Security-Policy",
                                "default-src 'self'; script-src 'self' 'unsafe-eval'; "
                                "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                                "frame-ancestors 'none'");
    if (out->allow)
        MHD_add_response_header(r, "Allow", out->allow);
    if (out->status == 503)
        MHD_add_response_header(r, "Retry-After", "1");
    if (out->run > 0) {
        char id[32];
        snprintf(id, sizeof id, "%lld", out->run);
        MHD_add_response_header(r, "X-Parley-Run", id);
    }
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)out->status, r);
    MHD_destroy_response(r);
    return ret;
}

/* ---- connections and their deadlines */

static conn_t *conn_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static void set_phase(server_t *sv, struct MHD_Connection *c, phase_t ph)
{
    conn_t *cn = conn_of(c);
    pthread_mutex_lock(&sv->mu);
    if (cn) {
        cn->phase = ph;
        cn->since = mono_now();
    }
    if (ph == PH_BUSY || ph == PH_BODY)
        sv->busy++;
    pthread_mutex_unlock(&sv->mu);
}

static void notify_conn(void *cls, struct MHD_Connection *c, void **socket_context,
                        enum MHD_ConnectionNotificationCode toe)
{
    server_t *sv = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        conn_t *cn = calloc(1, sizeof *cn);
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (!cn || !ci) {
            free(cn);
            return; /* unguarded: MHD's own idle timeout still ends it */
        }
        cn->fd = ci->connect_fd;
        cn->since = mono_now();
        pthread_mutex_lock(&sv->mu);
        cn->next = sv->conns;
        if (sv->conns)
            sv->conns->prev = cn;
        sv->conns = cn;
        sv->n_conns++;
        pthread_mutex_unlock(&sv->mu);
        *socket_context = cn;
        return;
    }
    conn_t *cn = *socket_context;
    if (!cn)
        return;
    pthread_mutex_lock(&sv->mu); /* before MHD closes the fd: the guard never sees it reused */
    if (cn->prev)
        cn->prev->next = cn->next;
    else
        sv->conns = cn->next;
    if (cn->next)
        cn->next->prev = cn->prev;
    sv->n_conns--;
    pthread_mutex_unlock(&sv->mu);
    free(cn->raw_url);
    free(cn);
    *socket_context = NULL;
}

/* Is cn past its phase's deadline? When the connection slots run short,
 * one still sending its headers after SHED_AFTER seconds is dropped too:
 * a client on this machine sends them in microseconds. */
static int overdue(const server_t *sv, const conn_t *cn, double now, int short_of_slots)
{
    const serve_config_t *cfg = sv->ctx.cfg;
    double age = now - cn->since;
    if (cn->phase == PH_BUSY)
        return 0; /* an analysis: bounded by --time-limit */
    if (cn->phase == PH_BODY)
        return age > cfg->body_timeout;
    return sv->stopping || age > cfg->header_timeout || (short_of_slots && age > SHED_AFTER);
}

/* The guard thread: shuts down overdue connections (the connection's own
 * thread sees end-of-file and closes it, answering nothing). */
static void *guard(void *arg)
{
    server_t *sv = arg;
    pthread_mutex_lock(&sv->mu);
    while (!(sv->stopping && sv->n_conns == 0)) {
        pthread_mutex_unlock(&sv->mu);
        struct timespec tick = {0, GUARD_TICK_MS * 1000000L};
        nanosleep(&tick, NULL);
        pthread_mutex_lock(&sv->mu);
        double now = mono_now();
        int short_of_slots = sv->n_conns + sv->n_conns / 8 + 2 >= sv->ctx.cfg->max_connections;
        for (conn_t *cn = sv->conns; cn; cn = cn->next)
            if (cn->fd >= 0 && overdue(sv, cn, now, short_of_slots)) {
                shutdown(cn->fd, SHUT_RDWR);
                cn->fd = -1; /* once */
                sv->dropped++;
            }
        if (sv->stopping && sv->busy == 0)
            break;
    }
    pthread_mutex_unlock(&sv->mu);
    return NULL;
}

/* ---- requests */

/* The target as sent, before MHD decodes it: route.c looks for %00 there. */
static void *uri_log(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    conn_t *cn = conn_of(c);
    if (cn) {
        free(cn->raw_url);
        cn->raw_url = uri ? strdup(uri) : NULL;
        cn->raw_at = uri;
        cn->raw_len = uri ? strlen(uri) : 0;
    }
    return NULL;
}

/* libmicrohttpd parses the request line in place, "METHOD SP TARGET SP
 * VERSION", ending the target with a NUL where its space was: the version
 * follows the target's end directly unless a literal NUL cut the target
 * short (which the C strings libmicrohttpd hands on cannot show). */
static int target_cut(const conn_t *cn, const char *version)
{
    if (!cn || !cn->raw_at || !version || strncmp(version, "HTTP/", 5) != 0 ||
        version < cn->raw_at || version - cn->raw_at > 1 << 20)
        return 0; /* not laid out as expected: no claim */
    return (size_t)(version - cn->raw_at) != cn->raw_len + 1;
}

typedef struct pairs {
    app_param_t *items;
    size_t n, cap;
    int overflow;
} pairs_t;

static enum MHD_Result add_pair(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *value)
{
    (void)kind;
    pairs_t *p = cls;
    if (p->n == p->cap) {
        p->overflow = 1;
        return MHD_NO;
    }
    p->items[p->n++] = (app_param_t){key, value ? value : ""};
    return MHD_YES;
}

/* The request's headers and query parameters, listed once on the first call. */
static void fill_req(request_t *rq, struct MHD_Connection *c, const char *url,
                     const char *method, const char *version, app_param_t *headers,
                     app_param_t *args)
{
    pairs_t h = {headers, 0, MAX_HEADERS, 0}, a = {args, 0, APP_MAX_PARAMS, 0};
    MHD_get_connection_values(c, MHD_HEADER_KIND, add_pair, &h);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_pair, &a);
    conn_t *cn = conn_of(c);
    serve_req_t *r = &rq->req;
    r->method = method;
    r->url = url;
    r->raw_url = cn ? cn->raw_url : NULL;
    r->target_nul = target_cut(cn, version);
    r->headers = headers;
    r->n_headers = h.n;
    r->headers_overflow = h.overflow;
    r->args = args;
    r->n_args = a.n;
    r->args_overflow = a.overflow;
}

typedef struct request_lists {
    app_param_t headers[MAX_HEADERS], args[APP_MAX_PARAMS];
} request_lists_t;

static enum MHD_Result answer(struct MHD_Connection *c, serve_resp_t *out)
{
    enum MHD_Result r = send_resp(c, out);
    serve_resp_free(out);
    return r;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    server_t *sv = cls;
    request_t *rq = *con_cls;
    serve_resp_t out;
    if (!rq) {
        if (!(rq = calloc(1, sizeof *rq + sizeof(request_lists_t))))
            return MHD_NO;
        request_lists_t *lists = (request_lists_t *)(rq + 1);
        parley_buf_init(&rq->body);
        clock_gettime(CLOCK_MONOTONIC, &rq->start);
        snprintf(rq->what, sizeof rq->what, "%s %s", method, url);
        *con_cls = rq;
        fill_req(rq, c, url, method, version, lists->headers, lists->args);
        serve_resp_init(&out);
        int answered = serve_http_begin(&sv->ctx, &rq->req, &out);
        set_phase(sv, c, answered ? PH_BUSY : PH_BODY);
        if (answered)
            return answer(c, &out);
        serve_resp_free(&out);
        rq->api = 1;
        return MHD_YES; /* the body follows */
    }
    if (!rq->api)
        return MHD_YES; /* a body after an answer: ignored */
    if (*upload_size) {
        if (rq->body.len + *upload_size > sv->ctx.cfg->max_body)
            rq->req.too_big = 1;
        else
            parley_buf_append(&rq->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    rq->api = 0;
    conn_t *cn = conn_of(c);
    if (cn) { /* the body is in: the analysis has its own time limit */
        pthread_mutex_lock(&sv->mu);
        cn->phase = PH_BUSY;
        pthread_mutex_unlock(&sv->mu);
    }
    rq->req.body = rq->body.data;
    rq->req.len = rq->body.len;
    rq->req.body_failed = rq->body.failed;
    serve_resp_init(&out);
    serve_http_finish(&sv->ctx, &rq->req, &out);
    return answer(c, &out);
}

static double elapsed_ms(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) * 1e-6;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode code)
{
    server_t *sv = cls;
    request_t *rq = *con_cls;
    if (!rq)
        return;
    if (!sv->ctx.cfg->quiet) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_HTTP_STATUS);
        fprintf(stderr, "parley serve: %s %u %.1f ms%s\n", rq->what, ci ? ci->http_status : 0,
                elapsed_ms(&rq->start),
                code == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (not completed)");
    }
    conn_t *cn = conn_of(c);
    pthread_mutex_lock(&sv->mu);
    if (cn) { /* waiting for the next request on the connection */
        cn->phase = PH_HEADERS;
        cn->since = mono_now();
    }
    if (sv->busy && --sv->busy == 0)
        pthread_cond_broadcast(&sv->idle);
    pthread_mutex_unlock(&sv->mu);
    parley_buf_free(&rq->body);
    free(rq);
    *con_cls = NULL;
}

/* ---- the listening socket and the life of the server */

static int resolve(const serve_config_t *cfg, struct sockaddr_storage *ss, int *loopback)
{
    struct addrinfo hints = {.ai_flags = AI_NUMERICSERV | AI_PASSIVE, .ai_socktype = SOCK_STREAM};
    struct addrinfo *ai = NULL;
    char port[16];
    snprintf(port, sizeof port, "%u", cfg->port);
    int e = getaddrinfo(cfg->bind, port, &hints, &ai);
    if (e || !ai) {
        fprintf(stderr, "parley serve: --bind %s: %s\n", cfg->bind, gai_strerror(e));
        return -1;
    }
    memcpy(ss, ai->ai_addr, ai->ai_addrlen);
    freeaddrinfo(ai);
    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)ss;
        *loopback = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
    } else {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;
        *loopback = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
    }
    return 0;
}

static struct MHD_Daemon *start_daemon(server_t *sv, const struct sockaddr_storage *ss)
{
    const serve_config_t *cfg = sv->ctx.cfg;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                     MHD_USE_ITC | MHD_USE_ERROR_LOG |
                     (ss->ss_family == AF_INET6 ? MHD_USE_IPv6 : 0u);
    /* On loopback every client has the same address, the page's too: a
     * per-address cap would lock it out with the abuser (the guard's
     * deadlines protect it there). */
    unsigned per_ip = sv->ctx.loopback ? 0u : cfg->max_per_client;
    return MHD_start_daemon(flags, (uint16_t)cfg->port, NULL, NULL, handle, sv,
                            MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)ss,
                            MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections,
                            MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip,
                            MHD_OPTION_CONNECTION_TIMEOUT, 60u,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)256 * 1024,
                            MHD_OPTION_NOTIFY_CONNECTION, notify_conn, sv,
                            MHD_OPTION_URI_LOG_CALLBACK, uri_log, sv,
                            MHD_OPTION_NOTIFY_COMPLETED, completed, sv, MHD_OPTION_END);
}

/* Stops accepting, waits for the running requests (at most as long as one
 * may take), then stops the daemon; jobs still running are killed. */
static void stop(server_t *sv, struct MHD_Daemon *d)
{
    const serve_config_t *cfg = sv->ctx.cfg;
    MHD_socket listen_fd = MHD_quiesce_daemon(d);
    pthread_mutex_lock(&sv->mu);
    sv->stopping = 1; /* the guard drops idle connections now */
    double until = mono_now() + cfg->queue_wait + cfg->time_limit + cfg->body_timeout + 5;
    struct timespec ts = {(time_t)until, (long)((until - (double)(time_t)until) * 1e9)};
    while (sv->busy > 0)
        if (pthread_cond_timedwait(&sv->idle, &sv->mu, &ts) == ETIMEDOUT)
            break;
    unsigned left = sv->busy;
    pthread_mutex_unlock(&sv->mu);
    if (left) {
        fprintf(stderr, "parley serve: %u request%s still running: stopped\n", left,
                left == 1 ? "" : "s");
        serve_jobs_kill_all(sv->ctx.jobs);
    }
    MHD_stop_daemon(d);
    if (listen_fd != MHD_INVALID_SOCKET)
        close(listen_fd);
    pthread_join(sv->guard, NULL);
}

int serve_run(const serve_config_t *cfg)
{
    static server_t sv; /* lives as long as the daemon's threads */
    memset(&sv, 0, sizeof sv);
    sv.ctx.cfg = cfg;
    if (cfg->root)
        snprintf(sv.ctx.root, sizeof sv.ctx.root, "%s", cfg->root);
    else if (app_find_root(sv.ctx.root, sizeof sv.ctx.root) != 0) {
        fprintf(stderr, "parley serve: cannot find web/index.html beside the executable or in "
                        "the working directory; give --root DIR (the repository)\n");
        return 1;
    }
    struct sockaddr_storage ss;
    if (resolve(cfg, &ss, &sv.ctx.loopback) != 0)
        return 1;
    if (!sv.ctx.loopback && !cfg->allow_remote) {
        fprintf(stderr, "parley serve: %s is not a loopback address; binding there lets other "
                        "machines run analyses: add --allow-remote to do it anyway\n", cfg->bind);
        return 1;
    }
    if (!sv.ctx.loopback)
        fprintf(stderr, "parley serve: WARNING: listening on %s, reachable from other machines; "
                        "there is no authentication\n", cfg->bind);
    sigset_t stopset, old;
    sigemptyset(&stopset);
    sigaddset(&stopset, SIGINT);
    sigaddset(&stopset, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopset, &old); /* every thread started from here on too */
    signal(SIGPIPE, SIG_IGN);
    if (cfg->db && !(sv.ctx.runs = serve_runs_open(cfg->db)))
        return 1;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC); /* stop()'s deadline */
    pthread_mutex_init(&sv.mu, NULL);
    pthread_cond_init(&sv.idle, &ca);
    pthread_condattr_destroy(&ca);
    sv.ctx.jobs = serve_jobs_create(cfg->max_jobs, cfg->queue_wait, cfg->time_limit,
                                    cfg->max_memory_gib);
    struct MHD_Daemon *d = sv.ctx.jobs ? start_daemon(&sv, &ss) : NULL;
    if (!d || pthread_create(&sv.guard, NULL, guard, &sv) != 0) {
        fprintf(stderr, "parley serve: cannot listen on %s port %u (in use?)\n", cfg->bind,
                cfg->port);
        if (d)
            MHD_stop_daemon(d);
        serve_jobs_destroy(sv.ctx.jobs);
        serve_runs_close(sv.ctx.runs);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        return 1;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = di ? di->port : cfg->port;
    int v6 = ss.ss_family == AF_INET6;
    printf("parley serve: listening on http://%s%s%s:%u/ (root %s)\n", v6 ? "[" : "", cfg->bind,
           v6 ? "]" : "", port, sv.ctx.root);
    fflush(stdout);
    int sig = 0;
    sigwait(&stopset, &sig);
    fprintf(stderr, "parley serve: %s: stopping (running requests finish)\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    stop(&sv, d);
    if (!cfg->quiet && sv.dropped)
        fprintf(stderr, "parley serve: %u slow connection%s closed\n", sv.dropped,
                sv.dropped == 1 ? "" : "s");
    serve_jobs_destroy(sv.ctx.jobs);
    serve_runs_close(sv.ctx.runs);
    pthread_cond_destroy(&sv.idle);
    pthread_mutex_destroy(&sv.mu);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return 0;
}
