/*
 * transfer.c — transfers on the agreement space's points (parley/transfer.h;
 * docs/agreement-space.md, "Transfers"): the shortfalls of a frontier
 * point's exact utilities, and each actor's reservation relaxed by the most
 * it could receive. The linear program is src/core/transfer.c's.
 */
#include <string.h>
#include "parley/transfer.h"
#include "../core/transfer_lp.h"
#include "spaceint.h"

typedef parley__q_t q_t;
static const q_t Q0 = {0, 1};

static int space_in(const parley_space_t *sp, size_t i)
{
    for (size_t a = 0; a < sp->n; a++)
        if (sp->actors[a] == i)
            return 1;
    return 0;
}

/* Space actor a's reservation as an exact utility: r[a] / scale, or its BATNA. */
static int space_res(const parley_space_t *sp, const parley_util_t *r, size_t a, q_t *out)
{
    if (!r)
        return parley__exact_batna(sp->s, sp->actors[a], out);
    q_t q = {r[a], 1}, sc = {sp->scale[a], 1};
    return parley__q_div(q, sc, out);
}

void parley_transfer_space(const parley_space_t *sp, const parley_util_t *u,
                           const parley_util_t *r, parley_transfer_plan_t *out)
{
    const parley_scenario_t *s = sp->s;
    size_t N = parley_scenario_actor_count(s);
    unsigned char *in = parley__malloc(N + 1);
    q_t *d = parley__malloc((N + 1) * sizeof *d);
    int ok = in && d;
    for (size_t i = 0; ok && i < N; i++) {
        in[i] = 0;
        d[i] = Q0;
    }
    for (size_t a = 0; ok && a < sp->n; a++) {
        size_t i = sp->actors[a];
        in[i] = 1;
        if (r && r[a] == PARLEY_NO_RESERVATION)
            continue;
        q_t res, ua, one = {u[a], 1}, sc = {sp->scale[a], 1};
        ok = space_res(sp, r, a, &res) && parley__q_div(one, sc, &ua) &&
             parley__q_sub(res, ua, &d[i]);
    }
    if (ok) {
        parley__transfer_solve(s, in, d, out);
    } else {
        memset(out, 0, sizeof *out);
        out->channels = parley_scenario_transfer_count(s);
        out->status = PARLEY_TRANSFER_INEXACT;
    }
    parley__free(in);
    parley__free(d);
}

int parley_transfer_relaxed(const parley_space_t *sp, parley_util_t *out)
{
    const parley_scenario_t *s = sp->s;
    int ok = 1;
    for (size_t a = 0; a < sp->n && ok; a++) {
        q_t b, in = Q0;
        ok = parley__exact_batna(s, sp->actors[a], &b);
        for (size_t k = 0; ok && k < parley_scenario_transfer_count(s); k++) {
            const parley_transfer_t *t = parley_scenario_transfer(s, k);
            q_t v, m;
            if (t->to != sp->actors[a] || !space_in(sp, t->from))
                continue;
            ok = parley__exact_of(s, &t->value, &v) && parley__exact_of(s, &t->max, &m) &&
                 parley__q_mul(v, m, &v) && parley__q_add(in, v, &in);
        }
        q_t need, sc = {sp->scale[a], 1};
        ok = ok && parley__q_sub(b, in, &need) && parley__q_mul(need, sc, &need);
        if (ok) { /* the ceiling of need */
            parley__i128 c = need.n / need.d;
            if (c * need.d < need.n)
                c++;
            out[a] = c;
        }
    }
    if (!ok)
        for (size_t a = 0; a < sp->n; a++)
            out[a] = PARLEY_NO_RESERVATION;
    return ok;
}
