/*
 * parley/sim.h — plays a negotiation round by round: protocols (stacked
 * alternating offers, a mediated single text in plenary or shuttle
 * meetings, who is in the room), strategies (time-dependent concession,
 * hard-line value extraction, tit-for-tat), tactics (deadlines, walk-away
 * threats, leaks), drifting BATNAs and scheduled events, and how long a
 * deal holds afterwards. With linkage (constraints, conditional red lines,
 * interaction terms) utilities include the terms, conditional red lines
 * veto, and every offer and text breaks no constraint. The rules are in
 * docs/simulation.md.
 *
 * Ownership: a parley_sim_t is created by parley_sim_create() and freed by
 * parley_sim_destroy(); it reads the scenario it was made from (which must
 * outlive it) afresh at every parley_sim_reset(), so a Monte Carlo worker
 * can change the scenario's uncertain numbers (parley_scenario_set_uncertain)
 * between runs and reuse one simulator. Results and trace pointers belong to
 * the simulator and stay valid until the next reset or destroy. A simulator
 * is used by one thread at a time; simulations are deterministic.
 */
#ifndef PARLEY_SIM_H
#define PARLEY_SIM_H

#include <stddef.h>
#include "common.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_sim parley_sim_t;

/* What-if switches over the scenario's `simulation:` settings. */
typedef struct parley_sim_options {
    unsigned horizon;            /* 0: the scenario's */
    unsigned grid;               /* 0: the scenario's */
    int protocol;                /* -1: the scenario's; else a parley_protocol_t */
    int meeting;                 /* -1: the scenario's; else a parley_meeting_t */
    int trace;                   /* record the round-by-round trace (off for Monte Carlo) */
    const unsigned char *tactic_off; /* n_tactics flags: 1 = this tactic is not used; may be NULL */
    const signed char *room;     /* n_actors: -1 as the scenario, 0 out of the room, 1 in; may be NULL */
    unsigned long long seed;     /* chance events are drawn from this seed when seeded is set
                                    or seed is not 0 (see parley_sim_set_seed) */
    int seeded;                  /* 1: draw from seed even when it is 0; 0 (and seed 0):
                                    each chance event takes its likelier course */
} parley_sim_options_t;

/* Fills *o with "as the scenario says", no trace. Cannot fail. */
PARLEY_API void parley_sim_options_init(parley_sim_options_t *o);

/* Compiles the scenario's packages and settings into a simulator. */
PARLEY_API parley_status_t parley_sim_create(parley_ctx_t *ctx, const parley_scenario_t *s,
                                             const parley_sim_options_t *o, parley_sim_t **out);
PARLEY_API void parley_sim_destroy(parley_sim_t *sim);

/* Sets the seed of the chance events (a walk-away threat carried out with
 * its `probability`) for the next runs: 0 makes each take its likelier
 * course (carried out when probability >= 0.5); any other seed draws each
 * event from (seed, tactic, round), so a run stays reproducible. */
PARLEY_API void parley_sim_set_seed(parley_sim_t *sim, unsigned long long seed);

/* 1 when tactic k is used in the current run: not switched off, and a
 * deadline, leak or campaign with `probability` below 1 drawn (or, unseeded,
 * taken as its likelier course: used when probability >= 0.5). */
PARLEY_API int parley_sim_tactic_used(const parley_sim_t *sim, size_t k);
/* 1 when event k happens in the current runs if the talks reach its round:
 * probability 1, or a chance event drawn (unseeded: its likelier course,
 * happens when probability >= 0.5). 0 for k out of range. */
PARLEY_API int parley_sim_event_drawn(const parley_sim_t *sim, size_t k);

/* Re-reads the scenario's numbers and goes back to before round 1. */
PARLEY_API parley_status_t parley_sim_reset(parley_ctx_t *ctx, parley_sim_t *sim);
/* Plays one round; returns 1 while the negotiation goes on, 0 once it has
 * ended (agreement or breakdown). */
PARLEY_API int parley_sim_step(parley_sim_t *sim);
/* Reset, then step until the end. */
PARLEY_API parley_status_t parley_sim_run(parley_ctx_t *ctx, parley_sim_t *sim);

typedef enum parley_sim_end {
    PARLEY_SIM_RUNNING = 0,
    PARLEY_SIM_AGREEMENT,
    PARLEY_SIM_HORIZON,  /* "no deal by the horizon" */
    PARLEY_SIM_WALKOUT,  /* "breakdown: fewer than two parties left" in the room */
    PARLEY_SIM_ESSENTIAL /* "breakdown: an essential party walked out" (an actor with
                            `essential: true`, or the mediator of mediated talks), or a
                            deal it did not sign, which does not count */
} parley_sim_end_t;

/* The words of each end and of each actor's walk-out, for every output
 * (docs/simulation.md, "Output and durability"): a JSON key
 * ("agreement", "horizon", "breakdown-too-few", "breakdown-essential") and
 * a phrase ("agreement", "no deal by the horizon", ...). NULL for RUNNING. */
PARLEY_API const char *parley_sim_end_key(parley_sim_end_t end);
PARLEY_API const char *parley_sim_end_text(parley_sim_end_t end);

/* Why a deal stops holding after it was made (durability). */
typedef enum parley_sim_break {
    PARLEY_BREAK_NONE = 0,     /* it holds */
    PARLEY_BREAK_BATNA,        /* a signatory's BATNA, drifting, overtakes its utility */
    PARLEY_BREAK_GOVERNMENT,   /* a new government's stances or BATNA leave it worse off */
    PARLEY_BREAK_RATIFICATION  /* a ratifying body turns it down */
} parley_sim_break_t;

typedef struct parley_sim_result {
    parley_sim_end_t end;
    unsigned round;           /* the agreement round, or the last round played */
    unsigned horizon;         /* rounds available */
    const double *terms;      /* agreement: a package (n_issues); else NULL */
    const double *utility;    /* n_actors: utility of the terms (agreement), else NaN */
    const double *batna;      /* n_actors: BATNA when it ended */
    const double *discounted; /* n_actors: utility x discount^(round-1) (agreement), else NaN */
    const unsigned char *signatory; /* n_actors: 1 for a party to the deal */
    const unsigned char *walked;    /* n_actors: 1 for an actor who walked away */
    /* Durability (agreement only): the rounds after the deal until some
     * signatory's BATNA, drifting on with the scheduled events, exceeds its
     * utility from the deal (under its government then: a change of
     * government re-evaluates the deal); 0 if one already does. */
    int holds;                /* 1: nobody breaks it within durability_horizon */
    unsigned durability;      /* rounds (when !holds) */
    size_t breaker;           /* the first actor to break it (when !holds) */
    parley_sim_break_t why;   /* why it breaks (when !holds); PARLEY_BREAK_NONE while it holds */
    /* n_actors: 1 for an actor whose walking out ended the talks (it walked
     * away in the last round of a breakdown: an essential one for
     * PARLEY_SIM_ESSENTIAL, any for PARLEY_SIM_WALKOUT); an actor with
     * walked[i] and not ended[i] "left the talks (the others went on)". */
    const unsigned char *ended;
    size_t missing;           /* PARLEY_SIM_ESSENTIAL: the essential party that walked out or
                                 did not sign; (size_t)-1 otherwise */
    /* Blocs and governments: when !holds, the breaker's utility from the
     * deal and its BATNA in the round it breaks it (under its new government
     * when why is PARLEY_BREAK_GOVERNMENT; the utility is NaN when the deal
     * crosses one of that government's red lines), and the event that
     * changed its government (an index into the simulation's events), or
     * (size_t)-1. */
    double break_utility, break_batna;
    size_t break_event;
    /* Ratification (docs/simulation.md, "Ratification and publics"), one
     * entry per ratifying body (parley_scenario_ratifier); NULL without
     * bodies. Agreement only: PARLEY_RATIFY_RATIFIED or _REJECTED (a body
     * with vote_after votes later: a rejection then breaks the deal, why =
     * PARLEY_BREAK_RATIFICATION), PARLEY_RATIFY_NONE when its actor did not
     * sign or the body's later vote lies past the durability horizon. */
    const signed char *ratified;
    const double *ratify_share;  /* the yes share of each body's vote (NaN: no vote) */
    /* Per body: how many signatures it voided during the talks (a text the
     * room agreed that the body then rejected; the talks went on); NULL
     * without bodies. n_voided: their total over the run. */
    const unsigned *voided;
    unsigned n_voided;
    /* Side payments (docs/simulation.md, "Side payments"), agreement only:
     * the transfer the mediator attached to the agreed text (units per
     * channel, cost; parley/transfer.h), or NULL when the deal carries none. */
    const struct parley_transfer_plan *transfer;
} parley_sim_result_t;

enum { PARLEY_RATIFY_NONE = -1, PARLEY_RATIFY_REJECTED = 0, PARLEY_RATIFY_RATIFIED = 1 };

/* A reason's name for output: "batna-drift", "government", "ratification"
 * ("none" for PARLEY_BREAK_NONE, "other" past the known ones). */
PARLEY_API const char *parley_sim_break_name(parley_sim_break_t why);

/* The outcome so far (final once parley_sim_step has returned 0). */
PARLEY_API const parley_sim_result_t *parley_sim_result(const parley_sim_t *sim);

/* ---- Set-up warnings: what in the run's set-up (after any structural
 * draw) keeps it from ending in a deal or makes it read oddly; computed at
 * every reset (docs/simulation.md, "Output and durability"). */
typedef enum parley_sim_warning_kind {
    PARLEY_SIM_WARN_FIRM_MEDIATOR = 0, /* mediated talks whose mediator, in the room, plays
                                          tit-for-tat (it answers its own texts and, moving
                                          nothing towards itself, never lowers its target),
                                          or hardline while its BATNA drifts up */
    PARLEY_SIM_WARN_PAST_HORIZON,      /* a deadline or walk-away due after the last round */
    PARLEY_SIM_WARN_MEDIATOR_OUT,      /* the mediator is outside the room in round 1 */
    PARLEY_SIM_WARN_ESSENTIAL_OUT,     /* an essential party is outside the room for the whole
                                          run (no event brings it in): it only ratifies */
    PARLEY_SIM_WARN_KINDS
} parley_sim_warning_kind_t;

typedef struct parley_sim_warning {
    parley_sim_warning_kind_t kind;
    size_t actor;             /* the actor concerned, or (size_t)-1 */
    size_t tactic;            /* PAST_HORIZON: the tactic; else (size_t)-1 */
} parley_sim_warning_t;

/* "mediator-never-concedes", "tactic-past-horizon", "mediator-outside-room",
 * "essential-outside-room"; NULL for an unknown kind. */
PARLEY_API const char *parley_sim_warning_key(parley_sim_warning_kind_t kind);
PARLEY_API size_t parley_sim_warning_count(const parley_sim_t *sim);
PARLEY_API const parley_sim_warning_t *parley_sim_warning(const parley_sim_t *sim, size_t k);
/* Warning k as a sentence, written to buf (cap bytes, truncated, NUL-ended). */
PARLEY_API void parley_sim_warning_text(const parley_sim_t *sim, size_t k, char *buf, size_t cap);

/* ---- The trace (recorded when options.trace was set). */
typedef enum parley_sim_answer {
    PARLEY_ANSWER_NONE = -1, /* not asked */
    PARLEY_ANSWER_REJECT = 0,
    PARLEY_ANSWER_ACCEPT = 1,
    PARLEY_ANSWER_RED_LINE = 2 /* rejected: the text crosses one of its red lines */
} parley_sim_answer_t;

typedef enum parley_sim_move_kind {
    PARLEY_MOVE_OFFER = 0, /* an actor's offer (alternating offers) */
    PARLEY_MOVE_TEXT,      /* the mediator's single text put to the parties */
    PARLEY_MOVE_RATIFY     /* a text agreed in the room, put to those outside it */
} parley_sim_move_kind_t;

typedef struct parley_sim_move {
    unsigned round;
    parley_sim_move_kind_t kind;
    size_t by;                 /* the proposer; (size_t)-1 for a neutral mediator */
    const double *terms;       /* n_issues */
    const double *utility;     /* n_actors */
    const signed char *answer; /* n_actors: parley_sim_answer_t */
    const double *shares;      /* RATIFY with ratifying bodies: each body's yes share (NaN:
                                  it did not vote); NULL otherwise */
} parley_sim_move_t;

typedef struct parley_sim_round {
    unsigned round;
    const double *batna;       /* n_actors, after drift and events */
    const double *reservation; /* n_actors: the least it accepts (BATNA, audience costs, threats) */
    const double *target;      /* n_actors: what its strategy asks for this round */
    const unsigned char *room; /* n_actors: 0 outside, 1 in the room, 2 walked away */
    size_t first_move, n_moves;
    size_t first_note, n_notes;
} parley_sim_round_t;

PARLEY_API size_t parley_sim_round_count(const parley_sim_t *sim);
PARLEY_API const parley_sim_round_t *parley_sim_round(const parley_sim_t *sim, size_t k);
PARLEY_API size_t parley_sim_move_count(const parley_sim_t *sim);
PARLEY_API const parley_sim_move_t *parley_sim_move(const parley_sim_t *sim, size_t k);
/* Notes: what happened besides offers ("deadline of 'USA' passed without
 * consequence: credibility 0.8 -> 0.4", "EU joins the room", ...). */
PARLEY_API size_t parley_sim_note_count(const parley_sim_t *sim);
PARLEY_API const char *parley_sim_note(const parley_sim_t *sim, size_t k);

/* The positions each continuous issue's offers are drawn from (grid
 * points); discrete issues use their options. */
PARLEY_API unsigned parley_sim_grid(const parley_sim_t *sim);

#ifdef __cplusplus
}
#endif
#endif
