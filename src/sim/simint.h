/*
 * simint.h — the simulator's layout, shared by src/sim's files. Packages are
 * option indices per issue (continuous issues on a grid); every actor's
 * salience-weighted value of every option is tabled once per reset, so a
 * utility is one add per issue.
 */
#ifndef PARLEY_SIMINT_H
#define PARLEY_SIMINT_H

#include "../core/core.h"
#include "parley/sim.h"

#define SIM_NONE ((size_t)-1)
#define SIM_EPS 1e-12

enum { ROOM_OUT = 0, ROOM_IN = 1, ROOM_WALKED = 2 };

/* Linkage compiled onto the option grid (sim_link.c): a condition is a flag
 * per option of its issue, so a combination holds when every flag at the
 * package's options is set. */
typedef struct sim_cond {
    size_t j;                /* the issue */
    unsigned char *in;       /* nopt[j] flags: the option satisfies the condition */
} sim_cond_t;

typedef struct sim_combo {
    size_t n;
    sim_cond_t *c;
} sim_combo_t;

enum { LINK_TERM = 0, LINK_FORBID, LINK_REQUIRE };

typedef struct sim_link {
    int kind;                /* LINK_* */
    size_t actor;            /* SIM_NONE: a constraint */
    size_t index;            /* the scenario's term or rule index */
    int penalty;             /* a term paid when its combination does not hold */
    sim_combo_t when, then;
} sim_link_t;

typedef struct sim_trace {
    parley_sim_round_t *rounds;
    size_t n_rounds, cap_rounds;
    parley_sim_move_t *moves;
    size_t n_moves, cap_moves;
    char **notes;
    size_t n_notes, cap_notes;
    parley__arena_t arena; /* the rounds' and moves' arrays, the notes' text */
    int failed;            /* an allocation failed: recording stopped */
} sim_trace_t;

struct parley_sim {
    const parley_scenario_t *s;
    const parley_sim_config_t *cfg;
    size_t n, m;                 /* actors, issues */
    unsigned horizon, grid;
    parley_protocol_t protocol;
    parley_meeting_t meeting;
    int trace_on;
    unsigned long long seed;     /* chance events: drawn from it when seeded */
    int seeded;                  /* 0: each chance event takes its likelier course */
    unsigned char *tactic_off;   /* n_tactics: not used in this run (sim_use.c) */
    unsigned char *tactic_user_off; /* n_tactics: switched off by the options */
    signed char *room_override;  /* n actors */

    /* Options: issue j's are opt0[j] .. opt0[j] + nopt[j] - 1 in the flat tables. */
    size_t *nopt, *opt0, total;
    double *pos;                 /* total: the position each option stands for */
    double *wval;                /* n x total: weight x value */
    unsigned char *veto;         /* n x total: red lines now (hardened by leaks) */
    double *umax;                /* n: the best a package can give, red lines respected */
    double *cap;                 /* n: capability */

    /* Linkage (sim_link.c): terms first, then constraints and conditional
     * red lines; each issue's links by index (touch0[j] .. touch0[j+1]). */
    int linked;
    sim_link_t *links;
    size_t n_links, n_terms;
    double *share;               /* n_terms: the term's share of its actor's utility */
    size_t *touch0, *touch;
    double *ldu;                 /* n: scratch of the link deltas */
    int *ldv;                    /* n */
    size_t *lpkg;                /* m: scratch package of the repairs */
    unsigned char *lstate;       /* n_links: the links' state at the package being changed */
    double *lgain;               /* n x total: each actor's others' gain per option (paths) */
    size_t *lend;                /* n x m: the package at the end of each linked path so far */
    unsigned char *ldone;        /* n: the linked path is complete */
    size_t *fill_o;              /* max nopt: scratch of a path's filled jump */
    double *fill_u, *fill_g;

    /* Round state. */
    unsigned round;
    parley_sim_end_t end;
    double *b, *b_prev, *drift, *aud, *resv, *tau, *tau_prev;
    double *seen_next, *seen, *seen_prev; /* tit-for-tat: the best utility offered to it
                                             this round, last round, the round before */
    unsigned *clock;             /* hard-line: rounds in which its BATNA did not rise */
    unsigned char *room;         /* ROOM_* */
    double *cred;                /* per tactic: current credibility */
    unsigned *due;               /* per tactic: the round it fires (0: no longer active) */
    size_t *text;                /* the package on the table (mediated: the single text) */
    int have_text;
    double *demand;              /* mediated: the demand each party last stated (NaN unknown) */
    unsigned char *accepted;     /* shuttle: accepted the current text since its last change */
    size_t *scratch, *scratch2;  /* m each */
    double *gain;                /* total: scratch of the paths */
    double *su, *su2;            /* n each: scratch of the mediator's revision */
    int *sv, *sv2;
    signed char *ans;            /* 2n: answers in the room, then of the ratifiers */

    /* Concession paths: from the actor's ideal, one move (issue, option) per step. */
    size_t *path_j, *path_o;     /* n x path_cap */
    double *path_u;              /* n x (path_cap + 1): utility after k moves */
    size_t *path_len, *ideal;    /* n; ideal is n x m */
    size_t path_cap;
    int paths_dirty;

    /* Result. */
    parley_sim_result_t res;
    double *r_terms, *r_util, *r_disc, *r_batna;
    unsigned char *r_sign, *r_walked;

    sim_trace_t tr;
    parley__arena_t arena;       /* everything above, sized at create */

    /* ---- Ratification and publics (sim_ratify.c) */
    size_t nb, nbm;              /* ratifying bodies; their members together */
    double *bw, *bw2;            /* nbm: each member's weight now; scratch of a projection */
    double *mval;                /* nbm x total: salience share x value of each option */
    unsigned char *mveto;        /* nbm x total: the option is on the member's red line */
    double *bshare;              /* nb: the yes share of each body's last vote (NaN: none) */
    signed char *r_rat;          /* nb: the result's `ratified` */
    double *r_rshare;            /* nb: the result's `ratify_share` */
    unsigned *r_void;            /* nb: the result's `voided` */
    size_t *r_pkg;               /* m: the agreed package (options) */
    int *wsv;                    /* n: scratch of the mediator's win-set counts */
    int anticipating;            /* some body's negotiator anticipates its win-set */
    /* ---- Walk-outs (sim_walkout.c) */
    unsigned *walk_round;        /* n: the round it walked away (0: it did not) */
    unsigned char *r_ended;      /* n: its walking out ended the talks */
    parley_sim_warning_t *warn;  /* n + n_tactics + 2: the set-up warnings of this run */
    size_t n_warn;
    int opt_protocol, opt_meeting; /* the options' (-1: the scenario's, read at each reset) */
    /* ---- Side payments (sim_transfer.c): the transfer the mediator
     * attaches to its text; answers count it. */
    double *xfer_net;            /* n: each actor's utility change under it */
    double *xfer_pkg;            /* m: scratch, the text's positions */
    unsigned char *xfer_in;      /* n: scratch, in the room */
    int xfer_on;                 /* a transfer is attached to the text */
    struct parley_transfer_plan *xfer_plan; /* the attached transfer */
    struct parley_transfer_plan *r_xfer;    /* the result's `transfer` */
    /* Blocs and governments (sim_gov.c). */
    double *gov_w;               /* total: a government's weighted values (scratch) */
    unsigned char *gov_v;        /* total: its red lines (scratch) */
    double *gov_u;               /* n: durability: each actor's utility from the deal now */
    unsigned char *gov_new;      /* n: durability: 1 for a government that changed this round */
    size_t *gov_pkg;             /* m: the deal as option indices */
    size_t *gov_event;           /* n: durability: the event of that change */
    size_t n_blocs;              /* (sim_bloc.c) */
    unsigned char *bloc_in;      /* n: 1 while the actor negotiates in its bloc */
    unsigned char *bloc_gone;    /* n: left its bloc in the current answer */
    size_t *bloc_lead;           /* n_blocs: its first member still in it; SIM_NONE: dissolved */
    double *bloc_w;              /* n_blocs x total: combined weighted values (or, swapped,
                                    the lead's own) */
    unsigned char *bloc_v;       /* n_blocs x total: any member's red line */
    double *bloc_tau, *bloc_resv, *bloc_umax; /* n_blocs: combined target, reservation, best */
    signed char *bloc_ans;       /* n_blocs: the bloc's answer to the package being asked */
    unsigned char *bloc_room;    /* n: a member's room while its lead stands for it */
    double *bloc_cap;            /* n_blocs: the lead's own capability meanwhile */
    int bloc_swapped;            /* the leads' rows hold their blocs' combined rows */
};

/* sim_path.c */
double parley__sim_utility(const parley_sim_t *sim, size_t i, const size_t *pkg);
/* Actor i vetoes pkg: an issue's red line or one of its conditional red lines. */
int parley__sim_vetoed(const parley_sim_t *sim, size_t i, const size_t *pkg);
void parley__sim_paths(parley_sim_t *sim);
/* Actor i's offer at target: the furthest point of its path still worth
 * the target (a linked path is extended as far as that needs). */
void parley__sim_offer(parley_sim_t *sim, size_t i, double target, size_t *pkg);

/* sim_link.c: linkage on the grid. */
/* Compiles the scenario's terms and rules (after the options are built);
 * PARLEY_ENOMEM is its only failure. */
parley_status_t parley__sim_link_compile(parley_sim_t *sim);
/* Re-reads the terms' shares (at every reset: Monte Carlo draws them). */
void parley__sim_link_read(parley_sim_t *sim);
/* Extra grid positions of continuous issue j: the bounds the linkage's
 * conditions set on it (within the scale), written to out (room for
 * parley__sim_link_bound_count(s, j)); returns how many. */
size_t parley__sim_link_bound_count(const parley_scenario_t *s, size_t j);
size_t parley__sim_link_bounds(const parley_scenario_t *s, size_t j, double *out);
/* Whether link L fires at pkg: a term pays, a rule is broken. */
int parley__sim_link_fires(const parley_sim_t *sim, const sim_link_t *L, const size_t *pkg);
/* Actor i's interaction terms at pkg (the shares of those that pay). */
double parley__sim_terms(const parley_sim_t *sim, size_t i, const size_t *pkg);
/* The first link (an index into sim->links) at pkg that is a constraint
 * (actor SIM_NONE) or one of actor's conditional red lines, broken; SIM_NONE
 * when none. */
size_t parley__sim_broken(const parley_sim_t *sim, size_t actor, const size_t *pkg);
/* pkg breaks no constraint and, unless who is SIM_NONE, crosses none of
 * who's red lines (issue or conditional). */
int parley__sim_fits(const parley_sim_t *sim, size_t who, const size_t *pkg);
/* Whether each link fires at pkg (n_links flags), so that the changes
 * measured from pkg need not evaluate it again. */
void parley__sim_link_state(const parley_sim_t *sim, const size_t *pkg, unsigned char *out);
/* The change of pkg[j] to option o, measured on the links naming issue j:
 * adds each actor's change of term utility to du and of broken conditional
 * red lines to dv (n each), and returns the change in broken constraints.
 * before: the links' state at pkg (parley__sim_link_state), or NULL. pkg
 * is restored. */
int parley__sim_link_delta(const parley_sim_t *sim, size_t *pkg, size_t j, size_t o, double *du,
                           int *dv, const unsigned char *before);
/* A package scorer for the repairs. */
typedef double (*sim_score_fn)(parley_sim_t *sim, const size_t *pkg, void *arg);
/* pkg, which breaks a constraint or a red line of who after its issue
 * `moved` changed (SIM_NONE: none did), repaired by one more change to an
 * issue (not `moved`) named by the first broken rule: the change that makes
 * it fit for who with the best score. Returns 1 and writes the change to
 * *rj, *ro (not applied) when there is one, 0 otherwise. */
int parley__sim_repair1(parley_sim_t *sim, size_t who, size_t *pkg, size_t moved, sim_score_fn f,
                        void *arg, size_t *rj, size_t *ro);
/* Makes pkg fit for who by repeated repairs (each the best-scoring change
 * that fixes the first broken rule, or else that leaves fewer problems);
 * returns the number of changes made, or -1 when it could not. */
int parley__sim_make_fit(parley_sim_t *sim, size_t who, size_t *pkg, sim_score_fn f, void *arg);
/* Single changes that raise actor i's utility while pkg keeps fitting
 * i, until none does (coordinate ascent). */
void parley__sim_ascend(parley_sim_t *sim, size_t i, size_t *pkg);

/* sim_round.c: BATNAs, events, tactics, reservations and targets. */
void parley__sim_begin_round(parley_sim_t *sim);
void parley__sim_end_round(parley_sim_t *sim);
void parley__sim_leak(parley_sim_t *sim, const parley_tactic_t *t);
void parley__sim_durability(parley_sim_t *sim);

/* sim_protocol.c */
void parley__sim_alternating(parley_sim_t *sim);
void parley__sim_mediated(parley_sim_t *sim);
/* The text's answers from every actor in `who` (ROOM_IN or, for
 * ratification, ROOM_OUT), or from `only` of them (SIM_NONE: all);
 * returns 1 when all asked accept. `from` (or SIM_NONE) proposed it and
 * accepts it. ans: n answers (parley_sim_answer_t). */
int parley__sim_ask(parley_sim_t *sim, const size_t *pkg, int who, size_t only, size_t from,
                    int ratify, signed char *ans);
/* Records an agreement on pkg in this round. */
void parley__sim_agree(parley_sim_t *sim, const size_t *pkg);
/* Puts pkg to the ratifiers (outside the room); agreement when none vetoes. */
int parley__sim_ratify(parley_sim_t *sim, const size_t *pkg);

/* sim_ratify.c: ratifying bodies and publics. */
parley_status_t parley__sim_ratify_create(parley_sim_t *sim);
void parley__sim_ratify_read(parley_sim_t *sim);
/* The number of actor i's anticipated bodies that would reject pkg now. */
int parley__sim_winset_out(parley_sim_t *sim, size_t i, const size_t *pkg);
/* The same without a note in the trace (the mediator's scoring). */
int parley__sim_winset_quiet(const parley_sim_t *sim, size_t i, const size_t *pkg);
/* Shifts the publics with this round's events and campaigns. */
void parley__sim_publics_round(parley_sim_t *sim);
void parley__sim_publics_leak(parley_sim_t *sim, const parley_tactic_t *t);
/* The signatories' bodies that vote at signature vote on pkg (a RATIFY
 * move); 1 when none rejects it. */
int parley__sim_bodies_vote(parley_sim_t *sim, const size_t *pkg);
/* Durability: the bodies voting later (vote_after) vote on the deal with the
 * publics projected to then; the rounds after the deal of the first
 * rejection (*who its actor), or UINT_MAX when none rejects within the
 * durability horizon. */
unsigned parley__sim_late_votes(parley_sim_t *sim, size_t *who);
/* sim_walkout.c: essential parties and how talks end. */
/* Actor i is essential: `essential: true`, or the mediator of mediated talks. */
int parley__sim_essential(const parley_sim_t *sim, size_t i);
/* After the round's walk-aways: a breakdown when an essential party has
 * walked away or fewer than two parties are left, else the horizon. */
void parley__sim_decide_end(parley_sim_t *sim);
/* After an agreement is recorded: it does not count when an essential party
 * is not a signatory (the talks end in a breakdown). */
void parley__sim_check_signatories(parley_sim_t *sim);
/* At the end of a run: who ended the talks by walking out. */
void parley__sim_walkout_finish(parley_sim_t *sim);
/* At reset: protocol and meeting (the options', else the scenario's as now),
 * then the set-up warnings. */
void parley__sim_walkout_reset(parley_sim_t *sim);
/* sim_gov.c: changes of government. */
/* Whether event k happens in this run (its `probability`, drawn from the
 * seed as a walk-away's is). */
int parley__sim_event_happens(const parley_sim_t *sim, size_t k);
/* The event's new government takes office now (during the talks). */
void parley__sim_gov_apply(parley_sim_t *sim, const parley_event_t *e);
/* Durability: the deal (r_terms) as option indices, into gov_pkg. */
void parley__sim_gov_deal(parley_sim_t *sim);
/* Durability: government g takes office after the deal: its BATNA and
 * drift into b[actor], d[actor], its utility from the deal into u[actor]
 * (NaN when the deal crosses one of its red lines). */
void parley__sim_gov_judge(parley_sim_t *sim, const parley_government_t *g, double *b, double *d,
                           double *u);
/* sim_bloc.c: blocs. */
void parley__sim_bloc_reset(parley_sim_t *sim);
/* The blocs' combined rows, targets and reservations for this round (after the targets). */
void parley__sim_bloc_round(parley_sim_t *sim);
/* on: each lead's rows hold its bloc's combined rows (for its path and offer); 0: its own. */
void parley__sim_bloc_swap(parley_sim_t *sim, int on);
/* A member of a bloc who is not its lead makes no offer. */
int parley__sim_bloc_silent(const parley_sim_t *sim, size_t i);
/* The target actor i offers at: its bloc's when it leads one, else its own. */
double parley__sim_bloc_target(const parley_sim_t *sim, size_t i);
/* Before the answers to pkg: each bloc's answer, and the members who split. */
void parley__sim_bloc_ask(parley_sim_t *sim, const size_t *pkg, int who, size_t from, int ratify);
/* Actor i's answer as its bloc's (1, into *a); 0: it answers alone (-1:
 * alone, and not as the proposer: it left the bloc over this package). */
int parley__sim_bloc_answer(const parley_sim_t *sim, size_t i, signed char *a);

/* sim_round.c: a uniform number in [0,1) from (seed, key, round). */
double parley__sim_chance(unsigned long long seed, size_t key, unsigned round);
/* sim.c: actor i's best package's utility, red lines respected (linkage included). */
double parley__sim_best(parley_sim_t *sim, size_t i);

/* sim.c: the trace. */
void parley__sim_note(parley_sim_t *sim, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void parley__sim_move(parley_sim_t *sim, parley_sim_move_kind_t kind, size_t by,
                      const size_t *pkg, const signed char *ans);
size_t parley__sim_in_room(const parley_sim_t *sim);

/* sim_transfer.c: side payments of a mediated protocol. Allocates the
 * fields (0 when out of memory); attaches to pkg the cheapest transfer
 * lifting every party in the room to its target (none when it needs none,
 * none exists, or a party vetoes pkg), with a trace note; actor k's
 * utility change under the attached transfer (0 without one). */
int parley__sim_transfer_alloc(parley_sim_t *sim);
void parley__sim_transfer_attach(parley_sim_t *sim, const size_t *pkg);
/* At an agreement: the attached transfer into the result (or none). */
void parley__sim_transfer_agreed(parley_sim_t *sim);
static inline double parley__sim_transfer_net(const parley_sim_t *sim, size_t k)
{
    return sim->xfer_on ? sim->xfer_net[k] : 0.0;
}

/* sim_use.c: which tactics this run uses (a `probability` below 1 on a
 * deadline, leak or campaign), from the options and the run's seed. */
void parley__sim_tactics_use(parley_sim_t *sim);

#endif
