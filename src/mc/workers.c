/*
 * workers.c — the per-thread workers and the loop that spreads a batch of
 * samples over them: OpenMP when the build has it (dynamic schedule, the
 * evaluations vary in cost), a plain loop otherwise. Which thread runs a
 * sample never changes what the sample gives.
 */
#include <stdio.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include "mcint.h"

unsigned parley__mc_thread_count(unsigned want)
{
#ifdef _OPENMP
    if (want == 0) {
        int n = omp_get_max_threads();
        want = n > 0 ? (unsigned)n : 1u;
    }
    return want > 256 ? 256u : want;
#else
    (void)want;
    return 1;
#endif
}

static void worker_close(const mc_mode_t *m, mc_worker_t *w)
{
    if (w->state && m)
        m->close(w);
    parley_scenario_destroy(w->s);
    parley_mc_stream_destroy(w->rng);
    parley__free(w->x);
    parley__free(w->cells);
    parley_ctx_destroy(w->ctx);
}

static parley_status_t worker_open(parley_ctx_t *ctx, const parley_scenario_t *s,
                                   const parley_mc_options_t *o, const mc_mode_t *m,
                                   size_t n_cells, mc_worker_t *w)
{
    size_t k = parley_scenario_uncertain_count(s);
    w->o = o;
    w->ctx = parley_ctx_create();
    w->rng = parley_mc_stream_create();
    w->x = parley__calloc(k ? k : 1, sizeof *w->x);
    w->cells = parley__calloc(n_cells ? n_cells : 1, sizeof *w->cells);
    if (!w->ctx || !w->rng || !w->x || !w->cells)
        return parley__fail(ctx, PARLEY_ENOMEM, "montecarlo: out of memory");
    parley_status_t st = parley_scenario_clone(ctx, s, &w->s);
    if (!st)
        st = m->open(w);
    if (st && !*parley_ctx_message(ctx))
        parley__fail(ctx, st, "%s", parley_ctx_message(w->ctx));
    return st;
}

parley_status_t parley__mc_workers_open(parley_ctx_t *ctx, const parley_scenario_t *s,
                                        const parley_mc_options_t *o, const mc_mode_t *m,
                                        size_t n_cells, mc_worker_t **out, unsigned *n)
{
    unsigned nt = parley__mc_thread_count(o->threads);
    mc_worker_t *w = parley__calloc(nt, sizeof *w);
    if (!w)
        return parley__fail(ctx, PARLEY_ENOMEM, "montecarlo: out of memory");
    parley__ok(ctx);
    for (unsigned t = 0; t < nt; t++) {
        parley_status_t st = worker_open(ctx, s, o, m, n_cells, &w[t]);
        if (st) {
            parley__mc_workers_close(m, w, t + 1);
            return st;
        }
    }
    *out = w;
    *n = nt;
    return PARLEY_OK;
}

void parley__mc_workers_close(const mc_mode_t *m, mc_worker_t *w, unsigned n)
{
    for (unsigned t = 0; w && t < n; t++)
        worker_close(m, &w[t]);
    parley__free(w);
}

parley_status_t parley__mc_eval_at(const mc_mode_t *m, mc_worker_t *w, const double *x,
                                   mc_outcome_t *out)
{
    memset(out, 0, sizeof *out);
    parley_status_t st = parley_scenario_set_uncertain(w->ctx, w->s, x);
    if (st == PARLEY_EARG)
        return PARLEY_OK; /* a draw the scenario refuses (every salience 0): not valid */
    if (st)
        return st;
    out->valid = 1;
    return m->eval(w, out);
}

void parley__mc_worker_fail(mc_worker_t *w, parley_status_t st, uint64_t index)
{
    if (w->st && w->fail_index <= index)
        return;
    w->st = st;
    w->fail_index = index;
    snprintf(w->msg, sizeof w->msg, "%s", parley_ctx_message(w->ctx));
}

parley_status_t parley__mc_collect_failure(parley_ctx_t *ctx, mc_worker_t *w, unsigned n)
{
    mc_worker_t *first = NULL;
    for (unsigned t = 0; t < n; t++)
        if (w[t].st && (!first || w[t].fail_index < first->fail_index))
            first = &w[t];
    if (!first)
        return PARLEY_OK;
    parley_status_t st = first->st;
    parley__fail(ctx, st, "sample %llu: %s", (unsigned long long)first->fail_index,
                 *first->msg ? first->msg : parley_strerror(st));
    for (unsigned t = 0; t < n; t++)
        w[t].st = PARLEY_OK;
    return st;
}

void parley__mc_parallel(mc_worker_t *w, unsigned n_workers, uint64_t begin, uint64_t end,
                         void (*fn)(mc_worker_t *w, uint64_t i, void *arg), void *arg)
{
#ifdef _OPENMP
    if (n_workers > 1 && end - begin > 1) {
#pragma omp parallel num_threads((int)n_workers)
        {
            mc_worker_t *me = &w[omp_get_thread_num()];
#pragma omp for schedule(dynamic, 8)
            for (uint64_t i = begin; i < end; i++)
                fn(me, i, arg);
        }
        return;
    }
#else
    (void)n_workers;
#endif
    for (uint64_t i = begin; i < end; i++)
        fn(&w[0], i, arg);
}

unsigned long long parley__mc_chance_seed(parley_mc_stream_t *r)
{
    return (unsigned long long)(parley_mc_stream_uniform(r) * 0x1.0p53) | 1ull;
}
