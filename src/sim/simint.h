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
    unsigned char *tactic_off;   /* n_tactics */
    signed char *room_override;  /* n actors */

    /* Options: issue j's are opt0[j] .. opt0[j] + nopt[j] - 1 in the flat tables. */
    size_t *nopt, *opt0, total;
    double *pos;                 /* total: the position each option stands for */
    double *wval;                /* n x total: weight x value */
    unsigned char *veto;         /* n x total: red lines now (hardened by leaks) */
    double *umax;                /* n: the best a package can give, red lines respected */
    double *cap;                 /* n: capability */

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
};

/* sim_path.c */
double parley__sim_utility(const parley_sim_t *sim, size_t i, const size_t *pkg);
int parley__sim_vetoed(const parley_sim_t *sim, size_t i, const size_t *pkg);
void parley__sim_paths(parley_sim_t *sim);
void parley__sim_offer(parley_sim_t *sim, size_t i, double target, size_t *pkg);

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

/* sim.c: the trace. */
void parley__sim_note(parley_sim_t *sim, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void parley__sim_move(parley_sim_t *sim, parley_sim_move_kind_t kind, size_t by,
                      const size_t *pkg, const signed char *ans);
size_t parley__sim_in_room(const parley_sim_t *sim);

#endif
