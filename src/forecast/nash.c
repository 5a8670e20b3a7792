/*
 * nash.c — the asymmetric Nash bargaining solution on one issue, from the
 * status quo or (without one) each actor's worst point of the scale. The
 * log of the product is concave, so bisection on the sign of its
 * derivative finds the maximum to machine precision; n actors per step.
 */
#include <math.h>
#include "fcint.h"

typedef struct nash_ctx {
    size_t n;
    const double *x, *e, *D; /* positions, exponents, |x_i - d|^gamma */
    double gamma;
} nash_ctx_t;

/* Sign of the derivative of sum e_i log(D_i - |x_i - y|^gamma) at y. */
static int slope_sign(const nash_ctx_t *c, double y)
{
    double d = 0.0;
    for (size_t i = 0; i < c->n; i++) {
        double dist = fabs(c->x[i] - y), g = c->D[i] - pow(dist, c->gamma);
        if (!(g > 0.0)) /* at the edge of the feasible set: push back inside */
            return c->x[i] > y ? 1 : -1;
        double pull = c->gamma == 1.0 ? 1.0 : c->gamma * pow(dist, c->gamma - 1.0);
        d += c->x[i] > y ? c->e[i] * pull / g : c->x[i] < y ? -c->e[i] * pull / g : 0.0;
    }
    return (d > 0.0) - (d < 0.0);
}

static double bisect(const nash_ctx_t *c, double a, double b)
{
    for (int it = 0; it < 200; it++) {
        double m = 0.5 * (a + b);
        if (m <= a || m >= b)
            break;
        int sg = slope_sign(c, m);
        if (sg == 0)
            return m;
        if (sg > 0)
            a = m;
        else
            b = m;
    }
    return 0.5 * (a + b);
}

double parley__nash(size_t n, const double *x, const double *c, const double *s, double lo,
                    double hi, double sq, const parley_fc_params_t *p)
{
    double xs[64], es[64], Ds[64];
    double *X = xs, *E = es, *D = Ds;
    if (n > 64) {
        X = parley__malloc(3 * n * sizeof *X);
        if (!X)
            return (double)NAN;
        E = X + n;
        D = E + n;
    }
    size_t m = 0;
    double a = lo, b = hi;
    for (size_t i = 0; i < n; i++) {
        if (!(s[i] > 0.0))
            continue; /* indifferent: its factor is constant */
        double r = isnan(sq) ? fmax(x[i] - lo, hi - x[i]) : fabs(x[i] - sq);
        X[m] = x[i];
        E[m] = p->nash_salience ? c[i] * s[i] : c[i];
        D[m] = pow(r, p->gamma);
        a = fmax(a, x[i] - r);
        b = fmin(b, x[i] + r);
        m++;
    }
    double y;
    if (m == 0)
        y = (double)NAN;
    else if (!isnan(sq) && !(a < b))
        y = sq; /* no position is better than the status quo for everyone */
    else
        y = bisect(&(nash_ctx_t){m, X, E, D, p->gamma}, a, b);
    if (X != xs)
        parley__free(X);
    return y;
}
