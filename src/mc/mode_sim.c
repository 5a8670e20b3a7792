/*
 * mode_sim.c — Monte Carlo over the negotiation simulator: one simulator
 * per worker, reset on each draw (it re-reads the clone's numbers), and the
 * outcome of each run counted: how it ended, who walked, the round, the
 * terms, each actor's utility and surplus, and whether the deal holds.
 */
#include "mcint.h"

static unsigned horizon_of(const parley_scenario_t *s, const parley_mc_options_t *o)
{
    return o->sim.horizon ? o->sim.horizon : parley_scenario_simulation(s)->horizon;
}

/* A worker's simulator, and which tactics and events its last run drew. */
typedef struct sim_state {
    parley_sim_t *sim;
    unsigned char *used, *drawn; /* n_tactics, n_events */
} sim_state_t;

static void sim_close(mc_worker_t *w)
{
    sim_state_t *ss = w->state;
    if (ss) {
        parley_sim_destroy(ss->sim);
        parley__free(ss->used);
        parley__free(ss->drawn);
        parley__free(ss);
    }
    w->state = NULL;
}

static parley_status_t sim_open(mc_worker_t *w)
{
    const parley_sim_config_t *c = parley_scenario_simulation(w->s);
    sim_state_t *ss = parley__calloc(1, sizeof *ss);
    w->state = ss;
    if (!ss || !(ss->used = parley__calloc(c->n_tactics + 1, 1)) ||
        !(ss->drawn = parley__calloc(c->n_events + 1, 1)))
        return parley__fail(w->ctx, PARLEY_ENOMEM, "montecarlo: out of memory");
    return parley_sim_create(w->ctx, w->s, &w->o->sim, &ss->sim);
}

static parley_status_t sim_eval(mc_worker_t *w, mc_outcome_t *out)
{
    sim_state_t *ss = w->state;
    parley_sim_t *sim = ss->sim;
    const parley_sim_config_t *c = parley_scenario_simulation(w->s);
    parley_sim_set_seed(sim, w->chance);
    parley_status_t st = parley_sim_run(w->ctx, sim);
    if (st)
        return st;
    for (size_t k = 0; k < c->n_tactics; k++)
        ss->used[k] = (unsigned char)parley_sim_tactic_used(sim, k);
    for (size_t k = 0; k < c->n_events; k++)
        ss->drawn[k] = (unsigned char)parley_sim_event_drawn(sim, k);
    out->tactic_used = ss->used;
    out->event_drawn = ss->drawn;
    const parley_sim_result_t *r = parley_sim_result(sim);
    out->end = (int)r->end;
    out->agreement = r->end == PARLEY_SIM_AGREEMENT;
    out->round = r->round;
    out->batna = r->batna;
    out->walked = r->walked;
    out->ended = r->ended;
    out->n_voided = r->n_voided;
    out->voided = r->voided;
    out->ratified = r->ratified;
    out->warnings = 0;
    for (size_t k = 0; k < parley_sim_warning_count(sim); k++)
        out->warnings |= 1u << parley_sim_warning(sim, k)->kind;
    if (out->agreement) {
        out->terms = r->terms;
        out->utility = r->utility;
        out->holds = r->holds;
        out->durability = r->durability;
        out->breaker = r->breaker;
        out->why = (int)r->why;
    }
    return PARLEY_OK;
}

static size_t add(mc_layout_t *L, parley_mc_group_t g, parley_mc_kind_t kind, size_t n,
                  const char *const *names, const char *key)
{
    parley_mc_stat_t p = {.group = g, .kind = kind, .actor = (size_t)-1, .issue = (size_t)-1,
                          .model = -1, .n_categories = n, .names = names};
    return L->at[g] = parley__mc_add_stat(L, &p, key);
}

static parley_status_t sim_layout(const parley_scenario_t *s, const parley_mc_options_t *o,
                                  mc_layout_t *L)
{
    static const char *const END[] = {"agreement", "horizon", "breakdown-too-few",
                                      "breakdown-essential"};
    static const char *const HOLDS[] = {"holds", "breaks"};
    static const char *const WARN[] = {"mediator-never-concedes", "tactic-past-horizon",
                                       "mediator-outside-room", "essential-outside-room"};
    static const char *const WHY[] = {"batna-drift", "government", "ratification"};
    unsigned h = horizon_of(s, o), d = parley_scenario_simulation(s)->durability_horizon;
    if (add(L, PARLEY_MCG_END, PARLEY_MC_CATEGORIES, 4, END, "end") == (size_t)-1 ||
        (L->at[PARLEY_MCG_WALKED] = parley__mc_add_actor_stat(s, L, PARLEY_MCG_WALKED,
                                                             "left")) == (size_t)-1 ||
        (L->at[PARLEY_MCG_WALKED_OUT] = parley__mc_add_actor_stat(s, L, PARLEY_MCG_WALKED_OUT,
                                                                 "walked_out")) == (size_t)-1 ||
        add(L, PARLEY_MCG_WARNING, PARLEY_MC_CATEGORIES, PARLEY_SIM_WARN_KINDS, WARN,
            "warnings") == (size_t)-1 ||
        add(L, PARLEY_MCG_ROUND, PARLEY_MC_INTEGERS, (size_t)h + 2, NULL, "round") ==
            (size_t)-1 ||
        add(L, PARLEY_MCG_HOLDS, PARLEY_MC_CATEGORIES, 2, HOLDS, "holds") == (size_t)-1 ||
        add(L, PARLEY_MCG_DURABILITY, PARLEY_MC_INTEGERS, (size_t)d + 2, NULL, "durability") ==
            (size_t)-1 ||
        (L->at[PARLEY_MCG_BREAKER] = parley__mc_add_actor_stat(s, L, PARLEY_MCG_BREAKER,
                                                              "breaker")) == (size_t)-1 ||
        add(L, PARLEY_MCG_BREAK_WHY, PARLEY_MC_CATEGORIES, 3, WHY, "why") == (size_t)-1)
        return PARLEY_ENOMEM;
    size_t nb = parley_scenario_ratifier_count(s);
    if (nb) {
        static const char *const HOME[] = {"signed", "voided", "ratified"};
        const char **names = parley__calloc(nb, sizeof *names);
        if (!names || !parley__mc_keep(L, (void *)names))
            return PARLEY_ENOMEM;
        for (size_t k = 0; k < nb; k++)
            names[k] = parley_scenario_ratifier(s, k)->id;
        if (add(L, PARLEY_MCG_HOME, PARLEY_MC_CATEGORIES, 3, HOME, "home") == (size_t)-1 ||
            add(L, PARLEY_MCG_VOIDER, PARLEY_MC_CATEGORIES, nb, names, "rejected_by") ==
                (size_t)-1)
            return PARLEY_ENOMEM;
    }
    return parley__mc_layout_deal(s, L);
}

/* Ratification at home: signed / voided / ratified, and who rejected. */
static void home_record(const mc_layout_t *L, uint64_t *cells, const mc_outcome_t *r)
{
    if (L->at[PARLEY_MCG_HOME] == (size_t)-1 || !r->voided)
        return;
    size_t nb = L->stats[L->at[PARLEY_MCG_VOIDER]].n_categories;
    int ratified = r->agreement;
    for (size_t k = 0; k < nb; k++) {
        int late = r->agreement && r->ratified && r->ratified[k] == PARLEY_RATIFY_REJECTED;
        if (r->voided[k] || late)
            parley__mc_count(L, cells, L->at[PARLEY_MCG_VOIDER], k);
        ratified &= !late;
    }
    if (r->agreement || r->n_voided)
        parley__mc_count(L, cells, L->at[PARLEY_MCG_HOME], 0);
    if (r->n_voided)
        parley__mc_count(L, cells, L->at[PARLEY_MCG_HOME], 1);
    if (ratified)
        parley__mc_count(L, cells, L->at[PARLEY_MCG_HOME], 2);
}

static void sim_record(const mc_layout_t *L, const parley_mc_options_t *o, size_t ni, size_t na,
                       uint64_t *cells, const mc_outcome_t *r)
{
    (void)o;
    if (r->end >= PARLEY_SIM_AGREEMENT && r->end <= PARLEY_SIM_ESSENTIAL)
        parley__mc_count(L, cells, L->at[PARLEY_MCG_END], (size_t)(r->end - PARLEY_SIM_AGREEMENT));
    for (size_t i = 0; r->walked && i < na; i++)
        if (r->walked[i])
            parley__mc_count(L, cells, L->at[r->ended && r->ended[i] ? PARLEY_MCG_WALKED_OUT
                                                                     : PARLEY_MCG_WALKED], i);
    for (unsigned k = 0; k < PARLEY_SIM_WARN_KINDS; k++)
        if (r->warnings & (1u << k))
            parley__mc_count(L, cells, L->at[PARLEY_MCG_WARNING], k);
    home_record(L, cells, r);
    if (!r->agreement)
        return;
    parley__mc_count(L, cells, L->at[PARLEY_MCG_ROUND], r->round);
    parley__mc_record_deal(L, ni, na, cells, r);
    parley__mc_count(L, cells, L->at[PARLEY_MCG_HOLDS], r->holds ? 0 : 1);
    if (!r->holds) {
        parley__mc_count(L, cells, L->at[PARLEY_MCG_DURABILITY], r->durability);
        if (r->breaker < na)
            parley__mc_count(L, cells, L->at[PARLEY_MCG_BREAKER], r->breaker);
        if (r->why >= PARLEY_BREAK_BATNA && r->why <= PARLEY_BREAK_RATIFICATION)
            parley__mc_count(L, cells, L->at[PARLEY_MCG_BREAK_WHY],
                             (size_t)(r->why - PARLEY_BREAK_BATNA));
    }
}

const mc_mode_t parley__mc_mode_sim = {sim_open, sim_eval, sim_close, sim_layout, sim_record};
