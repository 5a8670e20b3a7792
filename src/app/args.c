/*
 * args.c — hands the declared options' values to the analyses' requests
 * and loads scenarios with --set overrides. The values were checked by type
 * and range when parsed (opt.c); what is left to an analysis is what needs
 * the scenario (ids, paths).
 */
#include <stdlib.h>
#include <string.h>
#include "args.h"

parley_status_t app_overrides_init(parley_ctx_t *ctx, const app_args_t *a, app_overrides_t *o)
{
    memset(o, 0, sizeof *o);
    size_t total = 0;
    for (size_t k = 0; a && k < a->n_set; k++)
        total += strlen(a->set[k]) + 1;
    if (!total)
        return PARLEY_OK;
    if (!(o->text = malloc(total)))
        return parley_ctx_fail(ctx, PARLEY_ENOMEM, "out of memory");
    char *p = o->text;
    for (size_t k = 0; k < a->n_set; k++) {
        strcpy(p, a->set[k]);
        for (char *item = p; item;) {
            char *comma = strchr(item, ',');
            if (comma)
                *comma = '\0';
            if (*item && o->n == APP_MAX_SET) {
                app_overrides_free(o);
                return parley_ctx_fail(ctx, PARLEY_EARG, "%s: at most %d PATH=VALUE pairs",
                                       app_opt_label(a, APP_O_SET), APP_MAX_SET);
            }
            if (*item)
                o->ov[o->n++] = (parley_override_t){item, NULL};
            item = comma ? comma + 1 : NULL;
        }
        p += strlen(a->set[k]) + 1;
    }
    return PARLEY_OK;
}

void app_overrides_free(app_overrides_t *o)
{
    free(o->text);
    o->text = NULL;
    o->n = 0;
}

parley_status_t app_load_file(parley_ctx_t *ctx, const app_args_t *a, const char *path,
                              parley_scenario_t **out)
{
    app_overrides_t o;
    parley_status_t st = app_overrides_init(ctx, a, &o);
    if (!st)
        st = parley_scenario_load_file_with(ctx, path, o.ov, o.n, out);
    app_overrides_free(&o);
    return st;
}

parley_status_t app_load_buffer(parley_ctx_t *ctx, const app_args_t *a, const char *name,
                                const char *buf, size_t len, parley_scenario_t **out)
{
    app_overrides_t o;
    parley_status_t st = app_overrides_init(ctx, a, &o);
    if (!st)
        st = parley_scenario_load_buffer_with(ctx, name, buf, len, o.ov, o.n, out);
    app_overrides_free(&o);
    return st;
}

void app_set_list(const app_args_t *a, parley_buf_t *b)
{
    for (size_t k = 0; k < a->n_set; k++)
        parley_buf_printf(b, "%s%s", k ? "," : "", a->set[k]);
}

void app_space_args(const app_args_t *a, space_args_t *o)
{
    memset(o, 0, sizeof *o);
    o->grid = app_arg(a, APP_O_GRID);
    o->actors = app_arg(a, APP_O_ACTORS);
    o->method = app_arg(a, APP_O_METHOD);
    o->max_memory = app_arg(a, APP_O_MAX_MEMORY);
    o->limit = app_arg(a, APP_O_LIMIT);
    o->seed = app_arg(a, APP_O_SEED);
    o->budget = app_arg(a, APP_O_BUDGET);
    o->samples = app_arg(a, APP_O_SAMPLES);
    o->fmt = app_arg(a, APP_O_FORMAT);
    o->out = app_arg(a, APP_O_OUTPUT);
    o->color = app_arg(a, APP_O_COLOR);
    o->proposal = app_arg(a, APP_O_PROPOSAL);
    o->progress = app_arg(a, APP_O_PROGRESS);
    o->drop = app_arg(a, APP_O_DROP);
    o->db = app_arg(a, APP_O_DB);
    o->args = a;
}

void app_fc_values(const app_args_t *a, fc_opt_values_t *o)
{
    *o = (fc_opt_values_t){
        app_arg(a, APP_O_Q), app_arg(a, APP_O_NO_RISK), app_arg(a, APP_O_OFFER),
        app_arg(a, APP_O_ROUNDS), app_arg(a, APP_O_TOL), app_arg(a, APP_O_GAMMA),
        app_arg(a, APP_O_NASH_SALIENCE), app_arg(a, APP_O_SMP_VICTORY), app_arg(a, APP_O_SMP_PCE),
        app_arg(a, APP_O_SMP_VOTING), app_arg(a, APP_O_SMP_RISK_ADJUST),
        app_arg(a, APP_O_SMP_RISK_RANGE), app_arg(a, APP_O_SMP_COMMIT),
        app_arg(a, APP_O_SMP_INTERP), app_arg(a, APP_O_SMP_BARGAIN), app_arg(a, APP_O_SMP_MODE),
        app_arg(a, APP_O_SEED), app_arg(a, APP_O_SMP_CHALLENGE_VICTORY),
        app_arg(a, APP_O_EUM_CONFLICT), app_arg(a, APP_O_EUM_SECURITY),
        app_arg(a, APP_O_EUM_TIE_TOL), app_arg(a, APP_O_SMP_GROUP_PROBABILITY)};
}

void app_sim_switches(const app_args_t *a, sim_switches_t *o)
{
    *o = (sim_switches_t){app_arg(a, APP_O_WITHOUT),  app_arg(a, APP_O_JOIN),
                          app_arg(a, APP_O_LEAVE),    app_arg(a, APP_O_PROTOCOL),
                          app_arg(a, APP_O_MEETING),  app_arg(a, APP_O_HORIZON),
                          app_arg(a, APP_O_GRID),     app_arg(a, APP_O_SEED)};
}

void app_mc_request(const app_args_t *a, mc_request_t *o)
{
    memset(o, 0, sizeof *o);
    o->n = app_arg(a, APP_O_SAMPLES);
    o->seed = app_arg(a, APP_O_SEED);
    o->threads = app_arg(a, APP_O_THREADS);
    o->what = app_arg(a, APP_O_WHAT);
    o->model = app_arg(a, APP_O_MODEL);
    app_sim_switches(a, &o->sw);
    o->sw.seed = NULL; /* the draws' seed, not the chance events' */
}

void app_sens_request(const app_args_t *a, sens_request_t *o)
{
    *o = (sens_request_t){app_arg(a, APP_O_METRIC),  app_arg(a, APP_O_SAMPLES),
                          app_arg(a, APP_O_SEED),    app_arg(a, APP_O_THREADS),
                          app_arg(a, APP_O_WHAT),    app_arg(a, APP_O_MODEL),
                          app_arg(a, APP_O_LOW),     app_arg(a, APP_O_HIGH),
                          app_arg(a, APP_O_RESAMPLES)};
}
