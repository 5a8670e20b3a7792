/*
 * smpint.h — internals of KTAB's spatial model of politics (smp.c: state,
 * utilities, risk attitudes, Condorcet elections, turns; smp_bargain.c:
 * challenges, bargains and their resolution). Actor-major arrays on
 * [0,1]^D; a turn costs O(n^3) time and O(n^2) memory.
 */
#ifndef PARLEY_SMPINT_H
#define PARLEY_SMPINT_H

#include "../core/rng.h"
#include "fcint.h"

#define SMP_MAX_ACTORS 1024
#define SMP_NONE ((size_t)-1)

typedef struct smp {
    parley_smp_params_t o;
    size_t n, D;
    double *cap, *sal, *sig; /* n, n*D, n: capability, saliences, their sum */
    double *x, *y, *nx;      /* n*D: positions, ideals, next positions */
    double *d;               /* n*n: d_ij, from i's ideal to j's position */
    double *ua;              /* n*n: U(d_ij, R_i), each actor's own utilities */
    double *R;               /* n: risk attitudes */
    double *prob;            /* n: chance of the actor's distinct position */
    double *rh;              /* n: scratch, r_ha for one perspective h */
    double *u;               /* n * (2n+1): utilities of actors for options */
    double *c;               /* (2n+1)^2: coalition strengths */
    double *p, *q;           /* 2n+1: election results, scratch */
    size_t *uniq;            /* n: first actor of each distinct position */
    size_t nu;
    /* this turn's bargains, in the order KTAB forms them */
    size_t nb, *bi, *bj;     /* 2n: initiator, receiver */
    double *bx;              /* 2n * 2D: the initiator's then the receiver's position */
    size_t *opt;             /* 2n+1: one actor's options (SMP_NONE: status quo) */
    double *acc;             /* n*n: the accommodation matrix; NULL: the identity */
    double d1, moved;        /* movement in turn 1 and in the last turn */
    /* the last turn's record (--trace): per actor whom it challenged (SMP_NONE:
     * nobody) and the bargain it took (initiator, receiver; SMP_NONE: its
     * status quo) */
    size_t *chal, *took_i, *took_j;
    unsigned turn;
    parley__rng_t rng;
} smp_t;

/* U(d, R) = (1 - d)(1 + dR) (KTAB's bsUtil, (1 - d)(1 + R) past d = 1). */
double parley__smp_util(double d, double R);
/* sqrt(sum s^2 (a - b)^2 / sum s^2) over D dimensions. */
double parley__smp_dist(size_t D, const double *s, const double *a, const double *b);
/* Actor's vote for a over b with weight w and utilities ua, ub. */
double parley__smp_vote(parley_smp_vote_t vr, double w, double ua, double ub);
/* P[a > b] from coalition strengths ca, cb under the victory law. */
double parley__smp_vprob(parley_smp_victory_t vp, double ca, double cb);
/* The election over no options by na capability-weighted actors, u: na x no
 * utilities (row stride no); the chances into s->p. */
void parley__smp_pce(smp_t *s, size_t na, size_t no, const double *u, parley_smp_vote_t vr);
/* h's estimate of actor a's risk attitude. */
double parley__smp_radj(parley_smp_radj_t ra, double rh, double ra_);

/* The option chosen among no with chances s->p: the first most likely, or
 * (stochastic mode) a sample. */
size_t parley__smp_choose(smp_t *s, size_t no);

/* The hot paths' inline forms of parley__smp_util and parley__smp_vote. */
static inline double smp_util(double d, double R)
{
    return d <= 1.0 ? (1.0 - d) * (1.0 + d * R) : (1.0 - d) * (1.0 + R);
}
static inline double smp_vote(parley_smp_vote_t vr, double w, double ua, double ub)
{
    return vr == PARLEY_SMP_VOTE_PROPORTIONAL ? w * (ua - ub) : parley__smp_vote(vr, w, ua, ub);
}

/* Challenges, bargains and resolution of one turn: fills s->nx (smp_bargain.c). */
void parley__smp_bargain_turn(smp_t *s);

#endif
