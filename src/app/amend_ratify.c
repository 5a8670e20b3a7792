/*
 * amend_ratify.c — `parley amend` with ratification at home
 * (docs/agreement-space.md, "Ratification in amend"): whether every body
 * ratifies each of the closest acceptable packages (the votes `eval` shows:
 * the weights as the file gives them, before any campaign), and the
 * closest packages that every actor accepts and every body ratifies.
 *
 * The second list is amend's own search with a filter at its leaves: the
 * packages are taken in amend's order (fewest changed issues, then least
 * total utility shift) and a package is kept when every body whose actor
 * takes part ratifies it, so the first three kept are the closest three.
 */
#include <stdlib.h>
#include <string.h>
#include "space.h"

typedef struct home {
    const parley_scenario_t *s;
    const parley_space_t *sp;
    const unsigned char *in; /* per body: its actor takes part */
    double *pkg;             /* scenario positions of the package asked about */
    size_t rejecter;         /* the first body rejecting it */
} home_t;

static int keep_ratified(void *arg, const uint32_t *opt)
{
    home_t *h = arg;
    size_t m = parley_space_issue_count(h->sp);
    for (size_t i = 0; i < m; i++)
        h->pkg[i] = parley_space_position(h->sp, i, opt[i]);
    for (size_t k = 0; k < parley_scenario_ratifier_count(h->s); k++) {
        parley_ratify_eval_t e;
        if (!h->in[k])
            continue;
        parley_ratify_eval(h->s, k, h->pkg, &e, NULL);
        if (e.verdict != PARLEY_ACCEPT) {
            h->rejecter = k;
            return 0;
        }
    }
    return 1;
}

parley_status_t amend_ratify_compute(amend_run_t *r)
{
    space_job_t *j = r->job;
    size_t nb = parley_scenario_ratifier_count(j->s), m = parley_space_issue_count(j->sp);
    unsigned char *in = calloc(nb + 1, 1);
    if (!in)
        return parley_ctx_fail(j->ctx, PARLEY_ENOMEM, "out of memory");
    for (size_t k = 0; k < nb; k++)
        for (size_t a = 0; a < parley_space_actor_count(j->sp); a++)
            if (parley_space_actor(j->sp, a) == parley_scenario_ratifier(j->s, k)->actor)
                in[k] = 1;
    for (size_t k = 0; k < nb; k++)
        r->rt_ran |= in[k];
    home_t h = {j->s, j->sp, in, malloc((m + 1) * sizeof(double)), 0};
    r->rt_rejecter = malloc((r->am.n + 1) * sizeof *r->rt_rejecter);
    parley_status_t st = PARLEY_OK;
    if (!h.pkg || !r->rt_rejecter)
        st = parley_ctx_fail(j->ctx, PARLEY_ENOMEM, "out of memory");
    int all = 1;
    for (size_t k = 0; !st && r->rt_ran && k < r->am.n; k++) {
        int ok = keep_ratified(&h, r->am.items[k].opt);
        r->rt_rejecter[k] = ok ? (size_t)-1 : h.rejecter;
        all &= ok;
    }
    if (!st && r->rt_ran && !all) { /* some acceptable package is rejected at home */
        r->rt_searched = 1;
        st = parley_space_amend_where(j->ctx, j->sp, &j->cons, r->base, 3, j->budget,
                                      keep_ratified, &h, &r->rt_am);
    }
    free(h.pkg);
    free(in);
    return st;
}

void amend_ratify_free(amend_run_t *r)
{
    parley_amend_result_free(&r->rt_am);
    free(r->rt_rejecter);
    r->rt_rejecter = NULL;
}
