/*
 * category.c — the models on an issue whose options are unordered
 * categories (a discrete issue not declared `ordered`): each actor brings
 * its value of every option instead of a point on a scale, so nothing can
 * depend on the order the options are listed in. Compromise and exchange:
 * the option with the highest capability x salience weighted mean value;
 * median and EUM: the weighted Condorcet winner, or the minimax option when
 * there is none; Nash: the product of gains over the disagreement values;
 * Condorcet: the most probable option of a probabilistic Condorcet
 * election. At most 64 options, actors x options^2 work.
 */
#include <math.h>
#include "fcint.h"

typedef struct cat {
    size_t na, no;
    const double *V;     /* na x no values, row per actor */
    const double *w;     /* na weights (capability x salience) */
    const size_t *rank;  /* no: ties go to the lower rank */
} cat_t;

/* The option with the highest score; equal scores go to the lower rank. */
static size_t pick(const cat_t *c, const double *score)
{
    size_t best = 0;
    for (size_t k = 1; k < c->no; k++)
        if (score[k] > score[best] || (score[k] == score[best] && c->rank[k] < c->rank[best]))
            best = k;
    return best;
}

static void mean_values(const cat_t *c, double *score)
{
    for (size_t k = 0; k < c->no; k++) {
        score[k] = 0.0;
        for (size_t i = 0; i < c->na; i++)
            score[k] += c->w[i] * c->V[i * c->no + k];
    }
}

/* Weight of the actors preferring a to b minus of those preferring b to a. */
static double margin(const cat_t *c, size_t a, size_t b)
{
    double m = 0.0;
    for (size_t i = 0; i < c->na; i++) {
        double d = c->V[i * c->no + a] - c->V[i * c->no + b];
        m += d > 0.0 ? c->w[i] : d < 0.0 ? -c->w[i] : 0.0;
    }
    return m;
}

/* Minimax (Simpson-Kramer): the option whose worst defeat is smallest; the
 * Condorcet winner when there is one (it has no defeat). */
static void minimax(const cat_t *c, double *score)
{
    for (size_t a = 0; a < c->no; a++) {
        double worst = -HUGE_VAL;
        for (size_t b = 0; b < c->no; b++)
            if (b != a)
                worst = fmax(worst, margin(c, b, a));
        score[a] = -worst;
    }
}

/* log P(a wins) of a conditional probabilistic Condorcet election: P(a beats
 * b) is the share of the weighted value differences in a's favour. */
static void condorcet(const cat_t *c, double *score)
{
    for (size_t a = 0; a < c->no; a++) {
        score[a] = 0.0;
        for (size_t b = 0; b < c->no; b++) {
            if (b == a)
                continue;
            double up = 0.0, all = 0.0;
            for (size_t i = 0; i < c->na; i++) {
                double d = c->V[i * c->no + a] - c->V[i * c->no + b];
                up += d > 0.0 ? c->w[i] * d : 0.0;
                all += c->w[i] * fabs(d);
            }
            score[a] += log(all > 0.0 ? up / all : 0.5);
        }
    }
}

/* Nash: sum of e_i log(v_i(k) - d_i) over the actors who care, d_i the
 * status quo's value or, without one, the actor's worst value; -inf where
 * someone gains nothing. Returns 0 when no option is better for all. */
static int nash(const cat_t *c, const parley_forecast_t *f, size_t j, double sq, double *score)
{
    int any = 0;
    for (size_t k = 0; k < c->no; k++)
        score[k] = 0.0;
    for (size_t i = 0; i < c->na; i++) {
        const double *v = c->V + i * c->no;
        double lo = v[0], hi = v[0];
        for (size_t k = 1; k < c->no; k++) {
            lo = fmin(lo, v[k]);
            hi = fmax(hi, v[k]);
        }
        double s = f->sal[j * f->na + i];
        if (!(s > 0.0) || !(hi > lo))
            continue; /* indifferent: a constant factor */
        double d = isnan(sq) ? lo : v[(size_t)sq], e = f->prm.nash_salience ? c->w[i] : f->cap[i];
        for (size_t k = 0; k < c->no; k++)
            score[k] += v[k] > d ? e * log(v[k] - d) : -HUGE_VAL;
    }
    for (size_t k = 0; k < c->no; k++)
        any |= score[k] > -HUGE_VAL;
    return any;
}

double parley__fc_category(const parley_forecast_t *f, size_t j)
{
    size_t na = f->na, no = f->ncat[j];
    double w[PARLEY_FC_MAX_ACTORS_STACK], score[64], total = 0.0;
    double *W = na <= PARLEY_FC_MAX_ACTORS_STACK ? w : parley__malloc(na * sizeof *W);
    if (!W || no == 0 || no > 64)
        return (double)NAN;
    for (size_t i = 0; i < na; i++) {
        W[i] = f->cap[i] * f->sal[j * na + i];
        total += W[i];
    }
    cat_t c = {na, no, f->cval + f->cat_at[j] * na, W, f->crank + f->cat_at[j]};
    double out = (double)NAN;
    if (total > 0.0) {
        switch (f->model) {
        case PARLEY_MODEL_MEDIAN:
        case PARLEY_MODEL_EUM:
            minimax(&c, score);
            break;
        case PARLEY_MODEL_CONDORCET:
            condorcet(&c, score);
            break;
        case PARLEY_MODEL_NASH:
            if (!nash(&c, f, j, f->sq[j], score)) {
                if (!isnan(f->sq[j])) { /* nothing beats the disagreement point */
                    out = f->sq[j];
                    break;
                }
                mean_values(&c, score);
            }
            break;
        default:
            mean_values(&c, score);
        }
        if (isnan(out))
            out = (double)pick(&c, score);
    }
    if (W != w)
        parley__free(W);
    return out;
}
