/*
 * forecast_out.c — the renderings of `parley forecast`: a text table per
 * model (with the round-by-round trajectory under --trace), JSON with the
 * reproducibility context (version, file, scenario hash, parameters) and
 * CSV: per model a row per issue and round ("issue" records), then a row
 * per actor with its check of the final forecast ("actor" records).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "forecast.h"

static const char *const DESCRIPTION[PARLEY_MODEL_COUNT] = {
    "capability x salience weighted mean",
    "weighted median (capability x salience)",
    "asymmetric Nash bargaining solution",
    "Bueno de Mesquita's expected-utility model (Scholz et al. 2011)",
    "probabilistic Condorcet model (victory probabilities from weighted votes)",
    "Stokman's exchange model (equal-gain trades between issues)",
    "KTAB's spatial model of politics (all issues at once)"};

void fc_model_label(parley_buf_t *b, parley_model_t m, const parley_fc_params_t *p)
{
    parley_buf_puts(b, DESCRIPTION[m]);
    if (m == PARLEY_MODEL_EUM)
        parley_buf_printf(b, "; Q %g, risk %s, offer %s, conflict %s, security %s, ties %g",
                          p->q, p->risk ? "on" : "off",
                          p->offer == PARLEY_EUM_OFFER_LEAST ? "least" : "strongest",
                          p->conflict == PARLEY_EUM_CONFLICT_NONE ? "none" : "yield",
                          p->security == PARLEY_EUM_SECURITY_DISTINCT ? "distinct" : "all",
                          p->tie_tol);
    else if (m == PARLEY_MODEL_NASH)
        parley_buf_printf(b, "; gamma %g, power %s", p->gamma,
                          p->nash_salience ? "capability x salience" : "capability");
}

/* An SMP option's word for value k (null past the last). */
static void json_word(parley_json_t *j, const char *key, parley_smp_option_t opt, unsigned k)
{
    const char *const *words = parley_smp_option_words(opt);
    size_t n = 0;
    while (words[n])
        n++;
    parley_json_key(j, key);
    parley_json_string(j, k < n ? words[k] : NULL);
}
#define JSON_WORD(j, key, opt, v) json_word(j, key, PARLEY_SMP_OPT_##opt, (unsigned)(v))

/* The SMP's options, so that a run can be repeated: every option, the seed
 * (a number, or a decimal string past 2^53 where doubles lose digits) and
 * the accommodation entries of the scenario ("identity" when none). */
static void smp_params_json(parley_json_t *j, const parley_smp_params_t *o,
                            const parley_scenario_t *s)
{
    parley_json_object_begin(j);
    JSON_WORD(j, "victory", VICTORY, o->victory);
    JSON_WORD(j, "pce", PCE, o->pce);
    JSON_WORD(j, "voting", VOTING, o->vote);
    JSON_WORD(j, "risk_adjust", RISK_ADJUST, o->risk_adjust);
    JSON_WORD(j, "risk_range", RISK_RANGE, o->risk_range);
    JSON_WORD(j, "commit", COMMIT, o->commit);
    JSON_WORD(j, "interp", INTERP, o->interp);
    JSON_WORD(j, "bargain", BARGAIN, o->bargain);
    parley_json_key(j, "mode");
    parley_json_string(j, o->stochastic ? "stochastic" : "deterministic");
    parley_json_key(j, "seed");
    if (o->seed <= (1ull << 53)) {
        parley_json_int(j, (long long)o->seed);
    } else {
        char num[32];
        snprintf(num, sizeof num, "%llu", (unsigned long long)o->seed);
        parley_json_string(j, num);
    }
    parley_json_key(j, "challenge_victory");
    parley_json_bool(j, o->challenge_victory);
    parley_json_key(j, "probability");
    parley_json_string(j, o->group_probability ? "group" : "ktab");
    parley_json_key(j, "salience");
    parley_json_string(j, o->salience == PARLEY_SMP_SALIENCE_NORMALISE ? "normalise" : "strict");
    parley_json_key(j, "accommodation");
    const parley_smp_config_t *c = parley_scenario_smp(s);
    if (!o->accommodation || o->accommodation != c->params.accommodation) {
        parley_json_string(j, o->accommodation ? "custom" : "identity");
    } else {
        parley_json_array_begin(j);
        for (size_t k = 0; k < c->n_adjust; k++) {
            parley_json_object_begin(j);
            parley_json_key(j, "actor");
            parley_json_string(j, parley_scenario_actor(s, c->adjust[k].actor)->id);
            parley_json_key(j, "reference");
            parley_json_string(j, parley_scenario_actor(s, c->adjust[k].reference)->id);
            parley_json_key(j, "adjust");
            parley_json_number(j, c->adjust[k].adjust);
            parley_json_object_end(j);
        }
        parley_json_array_end(j);
    }
    parley_json_object_end(j);
}

/* The parameters' keys (the caller opens and closes the object). */
static void params_keys(parley_json_t *j, const parley_fc_params_t *p)
{
    parley_json_key(j, "q");
    parley_json_number(j, p->q);
    parley_json_key(j, "risk");
    parley_json_bool(j, p->risk);
    parley_json_key(j, "offer");
    parley_json_string(j, p->offer == PARLEY_EUM_OFFER_LEAST ? "least" : "strongest");
    parley_json_key(j, "eum_conflict");
    parley_json_string(j, p->conflict == PARLEY_EUM_CONFLICT_NONE ? "none" : "yield");
    parley_json_key(j, "eum_security");
    parley_json_string(j, p->security == PARLEY_EUM_SECURITY_DISTINCT ? "distinct" : "all");
    parley_json_key(j, "eum_tie_tol");
    parley_json_number(j, p->tie_tol);
    parley_json_key(j, "max_rounds");
    parley_json_int(j, p->max_rounds);
    parley_json_key(j, "tol");
    parley_json_number(j, p->tol);
    parley_json_key(j, "gamma");
    parley_json_number(j, p->gamma);
    parley_json_key(j, "nash_power");
    parley_json_string(j, p->nash_salience ? "capability x salience" : "capability");
}

void fc_params_json(parley_json_t *j, const parley_fc_params_t *p)
{
    parley_json_object_begin(j);
    params_keys(j, p);
    parley_json_object_end(j);
}

/* The option nearest a forecast on a discrete issue; NULL on a scale. */
static const char *nearest(const parley_issue_t *is, double v)
{
    if (is->kind != PARLEY_ISSUE_DISCRETE || isnan(v))
        return NULL;
    return is->options[(size_t)fc_package_position(is, v)].id;
}

/* A forecast with as many decimals as the issue's scale warrants. */
static void value_text(const parley_issue_t *is, double v, char *buf, size_t cap)
{
    if (isnan(v)) {
        snprintf(buf, cap, "-");
        return;
    }
    double span = is->hi - is->lo;
    int dec = 3 - (int)floor(log10(span > 0 ? span : 1));
    dec = dec < 0 ? 0 : dec > 6 ? 6 : dec;
    snprintf(buf, cap, "%.*f%s%s", dec, v + 0.0, is->unit ? " " : "", is->unit ? is->unit : "");
}

static size_t id_width(const parley_scenario_t *s)
{
    size_t w = 5;
    for (size_t j = 0; j < parley_scenario_issue_count(s); j++) {
        size_t k = app_width(parley_scenario_issue(s, j)->id);
        w = k > w ? k : w;
    }
    return w + 2;
}

static void trace_text(parley_buf_t *b, const fc_run_t *r, const fc_model_run_t *mr, size_t j)
{
    const parley_issue_t *is = parley_scenario_issue(r->s, j);
    size_t ni = parley_scenario_issue_count(r->s);
    parley_buf_puts(b, "      rounds:");
    for (unsigned k = 0; k <= mr->rounds; k++) {
        char v[96];
        value_text(&(parley_issue_t){.lo = is->lo, .hi = is->hi}, mr->traj[k * ni + j], v,
                   sizeof v);
        parley_buf_printf(b, "%s %s", k ? " ->" : "", v);
    }
    parley_buf_puts(b, "\n");
}

/* The warning of an issue that did not converge: its cycle, or max_rounds. */
static void convergence_text(parley_buf_t *b, const fc_run_t *r, const fc_model_run_t *mr,
                             size_t j)
{
    const parley_issue_t *is = parley_scenario_issue(r->s, j);
    char v[96];
    if (mr->stop[j] == PARLEY_FC_CYCLE) {
        parley_buf_printf(b, "  ! %s: cycles with period %u after %u rounds (", is->id,
                          mr->period[j], mr->irounds[j]);
        for (unsigned q = 0; q < mr->period[j]; q++) {
            value_text(&(parley_issue_t){.lo = is->lo, .hi = is->hi},
                       mr->cycle[j * PARLEY_FC_CYCLE_MAX + q], v, sizeof v);
            parley_buf_printf(b, "%s%s", q ? " -> " : "", v);
        }
        parley_buf_puts(b, "); forecast = the mean over the cycle\n");
    } else if (mr->stop[j] == PARLEY_FC_MAX_ROUNDS) {
        parley_buf_printf(b, "  ! %s: still moving after %u %s (not converged); forecast = the "
                             "last %s\n",
                          is->id, mr->irounds[j], mr->model == PARLEY_MODEL_SMP ? "turns" : "rounds",
                          mr->model == PARLEY_MODEL_SMP ? "turn's" : "round's");
    }
}

/* One row per actor: its position on every issue and that position's chance. */
static void smp_rows(parley_buf_t *b, const fc_run_t *r, const fc_model_run_t *mr, unsigned t,
                     size_t w)
{
    size_t na = parley_scenario_actor_count(r->s), ni = parley_scenario_issue_count(r->s);
    for (size_t i = 0; i < na; i++) {
        parley_buf_puts(b, "  ");
        app_pad(b, parley_scenario_actor(r->s, i)->id, w);
        for (size_t j = 0; j < ni; j++)
            parley_buf_printf(b, " %8.3f", mr->pos[((size_t)t * na + i) * ni + j] + 0.0);
        parley_buf_printf(b, "  %.4f\n", mr->prob[(size_t)t * na + i] + 0.0);
    }
}

/* Turn t's challenges and the bargains taken (KTAB's log of a turn). */
static void smp_turn_text(parley_buf_t *b, const fc_run_t *r, const fc_model_run_t *mr,
                          unsigned t)
{
    size_t na = parley_scenario_actor_count(r->s), n = 0;
#define AID(k) parley_scenario_actor(r->s, (k))->id
    parley_buf_puts(b, "    challenges:");
    for (size_t i = 0; i < na; i++) {
        const size_t *x = mr->turn + ((size_t)t * na + i) * 3;
        if (x[0] != (size_t)-1)
            parley_buf_printf(b, "%s %s -> %s", n++ ? "," : "", AID(i), AID(x[0]));
    }
    parley_buf_puts(b, n ? "\n    bargains taken:" : " none\n    bargains taken:");
    for (size_t i = 0; i < na; i++) {
        const size_t *x = mr->turn + ((size_t)t * na + i) * 3;
        if (x[1] == (size_t)-1)
            parley_buf_printf(b, "%s %s: status quo", i ? "," : "", AID(i));
        else
            parley_buf_printf(b, "%s %s: %s-%s", i ? "," : "", AID(i), AID(x[1]), AID(x[2]));
    }
    parley_buf_puts(b, "\n");
#undef AID
}

/* The SMP's actors at the end, and with --trace at every turn. */
static void smp_text(parley_buf_t *b, const fc_run_t *r, const fc_model_run_t *mr)
{
    size_t na = parley_scenario_actor_count(r->s), w = 7;
    for (size_t i = 0; i < na; i++) {
        size_t k = app_width(parley_scenario_actor(r->s, i)->id) + 2;
        w = k > w ? k : w;
    }
    parley_buf_puts(b, "\n  ");
    app_pad(b, "actor", w);
    parley_buf_puts(b, " position on each issue (in order)  probability\n");
    parley_buf_printf(b, "  (the chance that the actor's position prevails, shared by the "
                         "actors at it: the column\n  can sum past 1; %s)\n",
                      r->prm.smp.group_probability
                          ? "an actor near two groups shows its own group's"
                          : "as KTAB prints, an actor within 1e-3 of two groups shows the "
                            "later one's");
    for (unsigned t = r->trace ? 0 : mr->rounds; t <= mr->rounds; t++) {
        if (r->trace)
            parley_buf_printf(b, "  turn %u\n", t);
        if (r->trace && t > 0)
            smp_turn_text(b, r, mr, t);
        smp_rows(b, r, mr, t, w);
    }
}

static void model_text(parley_buf_t *b, const fc_run_t *r, const fc_model_run_t *mr)
{
    const parley_scenario_t *s = r->s;
    size_t ni = parley_scenario_issue_count(s), w = id_width(s);
    parley_buf_printf(b, "%s: ", parley_model_name(mr->model));
    fc_model_label(b, mr->model, &r->prm);
    size_t bad = fc_unconverged(mr, ni);
    if (mr->model == PARLEY_MODEL_EUM || mr->model == PARLEY_MODEL_CONDORCET ||
        mr->model == PARLEY_MODEL_EXCHANGE)
        parley_buf_printf(b, "; %u round%s", mr->rounds, mr->rounds == 1 ? "" : "s");
    else if (mr->model == PARLEY_MODEL_SMP)
        parley_buf_printf(b, "; %u turn%s; forecast = expected outcome", mr->rounds,
                          mr->rounds == 1 ? "" : "s");
    if (fc_iterative(mr->model) && bad)
        parley_buf_printf(b, "; NOT CONVERGED on %zu issue%s", bad, bad == 1 ? "" : "s");
    else if (fc_iterative(mr->model))
        parley_buf_puts(b, "; converged");
    parley_buf_puts(b, "\n  ");
    app_pad(b, "issue", w);
    parley_buf_puts(b, "actors  forecast\n");
    for (size_t j = 0; j < ni; j++) {
        const parley_issue_t *is = parley_scenario_issue(s, j);
        double v = mr->traj[mr->rounds * ni + j];
        char val[96];
        value_text(is, v, val, sizeof val);
        parley_buf_puts(b, "  ");
        app_pad(b, is->id, w);
        parley_buf_printf(b, "%-6zu  ", r->participants[j]);
        const char *opt = nearest(is, v);
        if (opt) {
            app_pad(b, val, 8);
            parley_buf_printf(b, "%s", opt);
        } else {
            parley_buf_puts(b, val);
        }
        parley_buf_puts(b, "\n");
        if (r->trace && mr->rounds > 0 && mr->model != PARLEY_MODEL_SMP)
            trace_text(b, r, mr, j);
    }
    for (size_t j = 0; j < ni; j++)
        convergence_text(b, r, mr, j);
    if (mr->model == PARLEY_MODEL_SMP)
        smp_text(b, r, mr);
    fc_check_text(b, s, mr);
    if (mr->near_state != FC_NEAR_NOT_ASKED)
        fc_nearest_text(b, s, mr);
    parley_buf_puts(b, "\n");
}

void fc_render_text(parley_buf_t *b, const fc_run_t *r)
{
    const parley_scenario_t *s = r->s;
    const char *name = parley_scenario_name(s);
    parley_buf_printf(b, "forecast  %s\n", name ? name : parley_scenario_origin(s));
    parley_buf_printf(b, "  %zu actors, %zu issues; an ordered discrete issue's forecast is on "
                         "its 0..n-1 option scale, with the nearest option;\n  an unordered "
                         "one's is the option the model picks (docs/models.md, \"Unordered "
                         "options\")\n\n",
                      parley_scenario_actor_count(s), parley_scenario_issue_count(s));
    for (size_t m = 0; m < r->n_models; m++)
        model_text(b, r, &r->models[m]);
    parley_buf_printf(b, "scenario %s %s; models: docs/models.md\n", parley_scenario_origin(s),
                      parley_scenario_hash(s));
    app_text_set(b, s, "");
}

/* "converged", "stop", "iterations" and "cycle" ({period, forecasts} or null). */
static void convergence_json(parley_json_t *j, const fc_model_run_t *mr, size_t k)
{
    parley_json_key(j, "converged");
    parley_json_bool(j, mr->stop[k] == PARLEY_FC_CONVERGED);
    parley_json_key(j, "stop");
    parley_json_string(j, parley_fc_stop_name(mr->stop[k]));
    parley_json_key(j, "iterations");
    parley_json_int(j, mr->irounds[k]);
    parley_json_key(j, "cycle");
    if (!mr->period[k]) {
        parley_json_null(j);
        return;
    }
    parley_json_object_begin(j);
    parley_json_key(j, "period");
    parley_json_int(j, mr->period[k]);
    parley_json_key(j, "forecasts");
    parley_json_array_begin(j);
    for (unsigned q = 0; q < mr->period[k]; q++)
        parley_json_number(j, mr->cycle[k * PARLEY_FC_CYCLE_MAX + q]);
    parley_json_array_end(j);
    parley_json_object_end(j);
}

static void issue_json(parley_json_t *j, const fc_run_t *r, const fc_model_run_t *mr, size_t k)
{
    const parley_issue_t *is = parley_scenario_issue(r->s, k);
    size_t ni = parley_scenario_issue_count(r->s);
    double v = mr->traj[mr->rounds * ni + k];
    parley_json_object_begin(j);
    parley_json_key(j, "id");
    parley_json_string(j, is->id);
    parley_json_key(j, "kind");
    parley_json_string(j, is->kind == PARLEY_ISSUE_DISCRETE ? "discrete" : "continuous");
    if (is->kind == PARLEY_ISSUE_DISCRETE) {
        parley_json_key(j, "ordered");
        parley_json_bool(j, is->ordered);
    }
    parley_json_key(j, "actors");
    parley_json_int(j, (long long)r->participants[k]);
    parley_json_key(j, "forecast");
    parley_json_number(j, v);
    parley_json_key(j, "option");
    parley_json_string(j, nearest(is, v));
    parley_json_key(j, "package");
    parley_json_number(j, mr->pkg[k]);
    if (fc_iterative(mr->model))
        convergence_json(j, mr, k);
    if (r->trace) {
        parley_json_key(j, "rounds");
        parley_json_array_begin(j);
        for (unsigned q = 0; q <= mr->rounds; q++)
            parley_json_number(j, mr->traj[q * ni + k]);
        parley_json_array_end(j);
    }
    parley_json_object_end(j);
}

/* Positions of actor i after turn t, on the issues' own scales. */
static void smp_point(parley_json_t *j, const fc_run_t *r, const fc_model_run_t *mr, unsigned t,
                      size_t i)
{
    size_t na = parley_scenario_actor_count(r->s), ni = parley_scenario_issue_count(r->s);
    parley_json_array_begin(j);
    for (size_t k = 0; k < ni; k++)
        parley_json_number(j, mr->pos[((size_t)t * na + i) * ni + k]);
    parley_json_array_end(j);
}

/* Per turn (turn 0 first, always null): whom actor i challenged and the
 * bargain it took ([initiator, receiver]), null for nobody / its status quo. */
static void smp_turns_json(parley_json_t *j, const fc_run_t *r, const fc_model_run_t *mr,
                           size_t i)
{
    size_t na = parley_scenario_actor_count(r->s);
    parley_json_key(j, "challenged");
    parley_json_array_begin(j);
    for (unsigned t = 0; t <= mr->rounds; t++) {
        size_t c = mr->turn[((size_t)t * na + i) * 3];
        parley_json_string(j, c == (size_t)-1 ? NULL : parley_scenario_actor(r->s, c)->id);
    }
    parley_json_array_end(j);
    parley_json_key(j, "bargains");
    parley_json_array_begin(j);
    for (unsigned t = 0; t <= mr->rounds; t++) {
        const size_t *x = mr->turn + ((size_t)t * na + i) * 3;
        if (x[1] == (size_t)-1) {
            parley_json_null(j);
            continue;
        }
        parley_json_array_begin(j);
        parley_json_string(j, parley_scenario_actor(r->s, x[1])->id);
        parley_json_string(j, parley_scenario_actor(r->s, x[2])->id);
        parley_json_array_end(j);
    }
    parley_json_array_end(j);
}

/* The SMP's "turns" and "actors" (with --trace, every turn's positions). */
static void smp_json(parley_json_t *j, const fc_run_t *r, const fc_model_run_t *mr)
{
    size_t na = parley_scenario_actor_count(r->s);
    parley_json_key(j, "turns");
    parley_json_int(j, mr->rounds);
    parley_json_key(j, "actors");
    parley_json_array_begin(j);
    for (size_t i = 0; i < na; i++) {
        parley_json_object_begin(j);
        parley_json_key(j, "id");
        parley_json_string(j, parley_scenario_actor(r->s, i)->id);
        parley_json_key(j, "final");
        smp_point(j, r, mr, mr->rounds, i);
        parley_json_key(j, "probability");
        parley_json_number(j, mr->prob[(size_t)mr->rounds * na + i]);
        if (r->trace) {
            parley_json_key(j, "history");
            parley_json_array_begin(j);
            for (unsigned t = 0; t <= mr->rounds; t++)
                smp_point(j, r, mr, t, i);
            parley_json_array_end(j);
            parley_json_key(j, "probabilities");
            parley_json_array_begin(j);
            for (unsigned t = 0; t <= mr->rounds; t++)
                parley_json_number(j, mr->prob[(size_t)t * na + i]);
            parley_json_array_end(j);
            smp_turns_json(j, r, mr, i);
        }
        parley_json_object_end(j);
    }
    parley_json_array_end(j);
}

static void model_json(parley_json_t *j, const fc_run_t *r, const fc_model_run_t *mr)
{
    parley_buf_t label;
    parley_buf_init(&label);
    fc_model_label(&label, mr->model, &r->prm);
    parley_json_object_begin(j);
    parley_json_key(j, "id");
    parley_json_string(j, parley_model_name(mr->model));
    parley_json_key(j, "description");
    parley_json_string(j, label.data ? label.data : "");
    parley_json_key(j, "rounds");
    parley_json_int(j, mr->rounds);
    if (fc_iterative(mr->model)) {
        parley_json_key(j, "converged");
        parley_json_bool(j, fc_unconverged(mr, parley_scenario_issue_count(r->s)) == 0);
    }
    if (mr->model == PARLEY_MODEL_SMP)
        smp_json(j, r, mr);
    parley_json_key(j, "issues");
    parley_json_array_begin(j);
    for (size_t k = 0; k < parley_scenario_issue_count(r->s); k++)
        issue_json(j, r, mr, k);
    parley_json_array_end(j);
    fc_check_json(j, r->s, mr);
    if (mr->near_state != FC_NEAR_NOT_ASKED)
        fc_nearest_json(j, r->s, mr);
    parley_json_object_end(j);
    parley_buf_free(&label);
}

void fc_render_json(parley_buf_t *b, const fc_run_t *r)
{
    parley_json_t j;
    parley_json_init(&j, b, 1);
    parley_json_object_begin(&j);
    app_json_header(&j, "forecast", r->s);
    parley_json_key(&j, "definition");
    parley_json_string(&j, "docs/models.md");
    parley_json_key(&j, "parameters");
    parley_json_object_begin(&j);
    params_keys(&j, &r->prm);
    for (size_t m = 0; m < r->n_models; m++)
        if (r->models[m].model == PARLEY_MODEL_SMP) { /* only when the SMP ran */
            parley_json_key(&j, "smp");
            smp_params_json(&j, &r->prm.smp, r->s);
            break;
        }
    parley_json_object_end(&j);
    parley_json_key(&j, "models");
    parley_json_array_begin(&j);
    for (size_t m = 0; m < r->n_models; m++)
        model_json(&j, r, &r->models[m]);
    parley_json_array_end(&j);
    parley_json_object_end(&j);
    parley_buf_puts(b, "\n");
}

void fc_render_csv(parley_buf_t *b, const fc_run_t *r)
{
    size_t ni = parley_scenario_issue_count(r->s);
    parley_buf_puts(b, "model,record,issue,actor,round,forecast,option,stop,period,utility,batna,"
                       "surplus,verdict,red_lines_crossed,scenario_hash\n");
    for (size_t m = 0; m < r->n_models; m++) {
        const fc_model_run_t *mr = &r->models[m];
        for (size_t k = 0; k < ni; k++) {
            const parley_issue_t *is = parley_scenario_issue(r->s, k);
            for (unsigned q = r->trace ? 0 : mr->rounds; q <= mr->rounds; q++) {
                double v = mr->traj[q * ni + k];
                char num[32] = "";
                if (!isnan(v))
                    parley_format_number(v, num);
                const char *opt = nearest(is, v);
                parley_buf_printf(b, "%s,issue,", parley_model_name(mr->model));
                parley_csv_field(b, is->id);
                parley_buf_printf(b, ",,%u,%s,", q, num);
                parley_csv_field(b, opt ? opt : "");
                if (q == mr->rounds && fc_iterative(mr->model))
                    parley_buf_printf(b, ",%s,%u", parley_fc_stop_name(mr->stop[k]),
                                      mr->period[k]);
                else
                    parley_buf_puts(b, ",,");
                parley_buf_printf(b, ",,,,,,%s\n", parley_scenario_hash(r->s));
            }
        }
        fc_check_csv(b, r->s, mr);
        fc_nearest_csv(b, r->s, mr);
    }
}
