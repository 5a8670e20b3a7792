/*
 * smp.c — KTAB's spatial model of politics (SMP) with KTAB's defaults:
 * all issues at once, distances weighted by saliences, risk attitudes from
 * a probabilistic Condorcet election, turns of challenges and bargains
 * (smp_bargain.c) until the positions settle. For tens to hundreds of
 * actors: O(n^3) time and O(n^2) memory per turn.
 */
#include <math.h>
#include <string.h>
#include "smpint.h"

double parley__smp_util(double d, double R)
{
    return smp_util(d, R);
}

double parley__smp_dist(size_t D, const double *s, const double *a, const double *b)
{
    double ds = 0.0, ss = 0.0;
    for (size_t k = 0; k < D; k++) {
        double t = (a[k] - b[k]) * s[k];
        ds += t * t;
        ss += s[k] * s[k];
    }
    return sqrt(ds / ss);
}

double parley__smp_vote(parley_smp_vote_t vr, double w, double ua, double ub)
{
    double du = ua - ub;
    if (vr == PARLEY_SMP_VOTE_PROPORTIONAL)
        return w * du; /* the default, on the hot path */
    double bin = du / 1e-8;
    bin = bin > 1.0 ? 1.0 : bin < -1.0 ? -1.0 : bin;
    switch (vr) {
    case PARLEY_SMP_VOTE_BINARY:
        return w * bin;
    case PARLEY_SMP_VOTE_PROP_BINARY:
        return w * (0.8 * du + 0.2 * bin);
    case PARLEY_SMP_VOTE_PROP_CUBIC:
        return w * (0.5 * du + 0.5 * du * du * du);
    case PARLEY_SMP_VOTE_CUBIC:
        return w * du * du * du;
    case PARLEY_SMP_VOTE_ASYM_PROSPECT:
        return du < 0.0 ? w * du : du > 0.0 ? 2.0 * w * du / 3.0 : 0.0;
    default:
        return w * du;
    }
}

double parley__smp_vprob(parley_smp_victory_t vp, double ca, double cb)
{
    double a = ca, b = cb;
    switch (vp) {
    case PARLEY_SMP_VP_SQUARE:
        a = ca * ca, b = cb * cb;
        break;
    case PARLEY_SMP_VP_QUARTIC:
        a = ca * ca * ca * ca, b = cb * cb * cb * cb;
        break;
    case PARLEY_SMP_VP_OCTIC:
        a = ca * ca * ca * ca, b = cb * cb * cb * cb;
        a *= a, b *= b;
        break;
    case PARLEY_SMP_VP_BINARY: /* a 10% edge wins outright; linear in between */
        if (ca >= 1.1 * cb)
            a = 1.0, b = 1e-6;
        else if (cb >= 1.1 * ca)
            a = 1e-6, b = 1.0;
        else
            a = (ca / (ca + cb) * 2.1 - 1.0) / 0.1, b = 1.0 - a;
        break;
    default:
        break;
    }
    return a / (a + b);
}

double parley__smp_radj(parley_smp_radj_t ra, double rh, double ri)
{
    switch (ra) {
    case PARLEY_SMP_RADJ_FULL:
        return ri;
    case PARLEY_SMP_RADJ_TWO_THIRDS:
        return (rh + 2.0 * ri) / 3.0;
    case PARLEY_SMP_RADJ_HALF:
        return (rh + ri) / 2.0;
    case PARLEY_SMP_RADJ_NONE:
        return rh;
    default:
        return (2.0 * rh + ri) / 3.0;
    }
}

/* Coalition strengths c(a:b) of no options (KTAB's Model::coalitions). */
static void coalitions(smp_t *s, size_t na, size_t no, const double *u, parley_smp_vote_t vr)
{
    double *c = s->c;
    for (size_t a = 0; a < no; a++) {
        for (size_t b = 0; b < a; b++) {
            double cab = 1e-8, cba = 1e-8;
            for (size_t k = 0; k < na; k++) {
                double v = smp_vote(vr, s->cap[k], u[k * no + a], u[k * no + b]);
                cab += v > 0.0 ? v : 0.0;
                cba -= v < 0.0 ? v : 0.0;
            }
            c[a * no + b] = cab;
            c[b * no + a] = cba;
        }
        c[a * no + a] = 1e-8;
    }
}

static double pv(const smp_t *s, size_t no, size_t a, size_t b)
{
    return a == b ? 0.5 : parley__smp_vprob(s->o.victory, s->c[a * no + b], s->c[b * no + a]);
}

/* One-step conditional election: p_a proportional to prod_b P[a>b]. */
static void cond_pce(smp_t *s, size_t no)
{
    double sum = 0.0;
    for (size_t a = 0; a < no; a++) {
        double pa = 1.0;
        for (size_t b = 0; b < no; b++)
            pa *= pv(s, no, a, b);
        s->p[a] = pa;
        sum += pa;
    }
    for (size_t a = 0; a < no; a++)
        s->p[a] /= sum;
}

/* Markov chain, challengers uniform (KTAB's markovUniformPCE). */
static void markov_uniform(smp_t *s, size_t no)
{
    double *p = s->p, *q = s->q, change = 1.0;
    for (size_t a = 0; a < no; a++)
        p[a] = 1.0 / (double)no;
    for (int it = 0; it < 1000 && change > 1e-6; it++) {
        change = 0.0;
        for (size_t a = 0; a < no; a++) {
            double t = 0.0;
            for (size_t b = 0; b < no; b++)
                t += pv(s, no, a, b) * (p[a] + p[b]);
            q[a] = t / (double)no;
            change = fmax(change, fabs(q[a] - p[a]));
        }
        for (size_t a = 0; a < no; a++)
            p[a] = (p[a] + q[a]) / 2.0;
    }
}

/* Challenge probability of a against the favourite b, from incentives. */
static double incentive(const smp_t *s, size_t no, size_t a, size_t b)
{
    double sum = 0.0, mine = 0.0;
    for (size_t k = 0; k < no; k++) {
        double t = s->c[k * no + b] * pv(s, no, k, b) + (k == b ? 1e-10 : 0.0);
        sum += t;
        mine = k == a ? t : mine;
    }
    return mine / sum;
}

/* Markov chain, challengers by incentive (KTAB's markovIncentivePCE). */
static void markov_incentive(smp_t *s, size_t no)
{
    double *p = s->p, *q = s->q, change = 1.0;
    for (size_t a = 0; a < no; a++)
        p[a] = 1.0 / (double)no;
    for (int it = 0; it < 1000 && change > 1e-8; it++) {
        change = 0.0;
        for (size_t a = 0; a < no; a++) {
            double t = 0.0;
            for (size_t b = 0; b < no; b++)
                t += pv(s, no, a, b) * (p[a] * incentive(s, no, b, a) +
                                        p[b] * incentive(s, no, a, b));
            q[a] = t;
            change = fmax(change, fabs(q[a] - p[a]));
        }
        for (size_t a = 0; a < no; a++)
            p[a] = (p[a] + q[a]) / 2.0;
    }
}

void parley__smp_pce(smp_t *s, size_t na, size_t no, const double *u, parley_smp_vote_t vr)
{
    coalitions(s, na, no, u, vr);
    if (s->o.pce == PARLEY_SMP_PCE_MARKOV_UNIFORM)
        markov_uniform(s, no);
    else if (s->o.pce == PARLEY_SMP_PCE_MARKOV_INCENTIVE)
        markov_incentive(s, no);
    else
        cond_pce(s, no);
}

/* R_i from the election among all positions at risk neutrality. */
static void risk_attitudes(smp_t *s)
{
    size_t n = s->n;
    for (size_t i = 0; i < n * n; i++)
        s->u[i] = parley__smp_util(s->d[i], 0.0);
    parley__smp_pce(s, n, n, s->u, s->o.vote);
    double mn = 1.0, mx = 0.0;
    for (size_t i = 0; i < n; i++) {
        mn = fmin(mn, s->p[i]);
        mx = fmax(mx, s->p[i]);
    }
    for (size_t i = 0; i < n; i++) {
        double p = s->p[i];
        if (!(mx > mn))
            s->R[i] = 0.0; /* every position equally likely: KTAB divides by zero */
        else if (s->o.risk_range == PARLEY_SMP_RRANGE_MIN)
            s->R[i] = (p - mn) / (mx - mn);
        else if (s->o.risk_range == PARLEY_SMP_RRANGE_MAX)
            s->R[i] = (2.0 * p - (mx + mn)) / (mx - mn);
        else
            s->R[i] = (3.0 * p - (mx + 2.0 * mn)) / (2.0 * (mx - mn));
    }
}

/* The last distinct position within 1e-3 of actor i: KTAB counts an actor
 * in the first such group but prints the chance of the last one it
 * matches (found by running KTAB's smpc on random actor tables), so an
 * actor between two groups shows the later group's chance. */
static size_t last_match(const smp_t *s, size_t i, size_t first)
{
    size_t last = first, D = s->D;
    for (size_t c = first + 1; c < s->nu; c++) {
        double e = 0.0;
        for (size_t k = 0; k < D; k++) {
            double t = s->x[i * D + k] - s->x[s->uniq[c] * D + k];
            e += t * t;
        }
        if (sqrt(e) < 1e-3)
            last = c;
    }
    return last;
}

/* The distinct positions (within 1e-3) and each one's chance, each actor
 * voting with its own utilities (KTAB's pDist(-1)). */
static void position_probabilities(smp_t *s)
{
    size_t n = s->n, D = s->D, *cls = (size_t *)s->opt;
    s->nu = 0;
    for (size_t i = 0; i < n; i++) {
        cls[i] = SMP_NONE;
        for (size_t c = 0; c < s->nu && cls[i] == SMP_NONE; c++) {
            double e = 0.0;
            for (size_t k = 0; k < D; k++) {
                double t = s->x[i * D + k] - s->x[s->uniq[c] * D + k];
                e += t * t;
            }
            cls[i] = sqrt(e) < 1e-3 ? c : SMP_NONE;
        }
        if (cls[i] == SMP_NONE)
            s->uniq[cls[i] = s->nu++] = i;
    }
    for (size_t a = 0; a < n; a++)
        for (size_t c = 0; c < s->nu; c++)
            s->u[a * s->nu + c] = parley__smp_util(s->d[a * n + s->uniq[c]], s->R[a]);
    parley__smp_pce(s, n, s->nu, s->u, PARLEY_SMP_VOTE_PROPORTIONAL);
    for (size_t i = 0; i < n; i++)
        s->prob[i] = s->p[s->o.group_probability ? cls[i] : last_match(s, i, cls[i])];
}

/* The state's distances, risk attitudes and position chances. */
static void setup(smp_t *s)
{
    size_t n = s->n, D = s->D;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            s->d[i * n + j] = parley__smp_dist(D, s->sal + i * D, s->y + i * D, s->x + j * D);
    risk_attitudes(s);
    for (size_t i = 0; i < n * n; i++)
        s->ua[i] = smp_util(s->d[i], s->R[i / n]);
    position_probabilities(s);
}

static smp_t *smp_alloc(size_t n, size_t D)
{
    smp_t *s = parley__calloc(1, sizeof *s);
    if (!s)
        return NULL;
    size_t m = 2 * n + 1, nd = n * D + 1;
    s->n = n;
    s->D = D;
    s->cap = parley__malloc((4 * n + 1) * sizeof(double)); /* cap, sig, R, prob */
    s->sal = parley__malloc(4 * nd * sizeof(double));      /* sal, x, y, nx */
    s->d = parley__malloc((2 * n * n + 1) * sizeof(double)); /* d, ua */
    s->rh = parley__malloc((n + 1) * sizeof(double));
    s->u = parley__malloc((n * m + 1) * sizeof(double));
    s->c = parley__malloc(m * m * sizeof(double));
    s->p = parley__malloc(2 * m * sizeof(double));
    s->uniq = parley__malloc((n + 1) * sizeof(size_t));
    s->bi = parley__malloc((5 * n + 2) * sizeof(size_t)); /* bi, bj, opt */
    s->bx = parley__malloc((4 * n * D + 1) * sizeof(double));
    s->chal = parley__malloc((3 * n + 1) * sizeof(size_t)); /* chal, took_i, took_j */
    if (!s->cap || !s->sal || !s->d || !s->rh || !s->u || !s->c || !s->p || !s->uniq || !s->bi ||
        !s->bx || !s->chal) {
        parley__smp_free(s);
        return NULL;
    }
    s->ua = s->d + n * n;
    s->sig = s->cap + n;
    s->R = s->sig + n;
    s->prob = s->R + n;
    s->x = s->sal + nd;
    s->y = s->x + nd;
    s->nx = s->y + nd;
    s->q = s->p + m;
    s->bj = s->bi + 2 * n;
    s->opt = s->bj + 2 * n;
    s->took_i = s->chal + n;
    s->took_j = s->took_i + n;
    for (size_t i = 0; i < 3 * n; i++)
        s->chal[i] = SMP_NONE; /* turn 0: nothing happened yet */
    return s;
}

void parley__smp_free(smp_t *s)
{
    if (!s)
        return;
    parley__free(s->cap);
    parley__free(s->sal);
    parley__free(s->d);
    parley__free(s->rh);
    parley__free(s->u);
    parley__free(s->c);
    parley__free(s->p);
    parley__free(s->uniq);
    parley__free(s->chal);
    parley__free(s->bi);
    parley__free(s->bx);
    parley__free(s->acc);
    parley__free(s);
}

/* "actor 'RUS'" or "actor #3", "issue 'nato'" or "issue #2", into a local buffer. */
#define AN(k, buf) parley__fc_name(f->aid, "actor", (k), (buf), sizeof(buf))
#define IN(k, buf) parley__fc_name(f->iid, "issue", (k), (buf), sizeof(buf))

/* Entries in [0,1], rows summing to at most 1 (KTAB's tolerance 1e-10). */
static parley_status_t accommodation_check(parley_ctx_t *ctx, const parley_forecast_t *f)
{
    const double *A = f->prm.smp.accommodation;
    size_t n = f->na;
    char b1[FC_NAME_CAP], b2[FC_NAME_CAP];
    for (size_t i = 0; A && i < n; i++) {
        double sum = 0.0;
        for (size_t j = 0; j < n; j++) {
            double a = A[i * n + j];
            if (!(a >= 0.0 && a <= 1.0))
                return parley__fail(ctx, PARLEY_EARG, "the SMP's accommodation of %s to %s "
                                    "must be in [0,1], got %g", AN(i, b1), AN(j, b2), a);
            sum += a;
        }
        if (sum > 1.0 + 1e-10)
            return parley__fail(ctx, PARLEY_EARG, "the SMP's accommodation row of %s "
                                "sums to %g: at most 1", AN(i, b1), sum);
    }
    return PARLEY_OK;
}

/* The SMP needs every actor on every issue, saliences summing to at most 1
 * (or normalised). */
static parley_status_t check(parley_ctx_t *ctx, const parley_forecast_t *f)
{
    size_t na = f->na, ni = f->ni;
    char b1[FC_NAME_CAP], b2[FC_NAME_CAP];
    if (na < 2 || ni < 1)
        return parley__fail(ctx, PARLEY_EINPUT, "the SMP needs at least 2 actors and 1 issue");
    if (na > SMP_MAX_ACTORS)
        return parley__fail(ctx, PARLEY_ELIMIT, "the SMP takes at most %d actors",
                            SMP_MAX_ACTORS);
    for (size_t i = 0; i < na; i++) {
        double sum = 0.0;
        for (size_t j = 0; j < ni; j++) {
            if (isnan(f->x[j * na + i]))
                return parley__fail(ctx, PARLEY_EINPUT,
                                    "the SMP needs every actor's position on every issue; "
                                    "%s has none on %s", AN(i, b1), IN(j, b2));
            sum += f->sal[j * na + i];
        }
        if (!(sum > 0.0))
            return parley__fail(ctx, PARLEY_EINPUT, "%s has salience 0 on every issue: "
                                "the SMP needs each actor to care about something", AN(i, b1));
        if (sum > 1.0 + 1e-9 && f->prm.smp.salience == PARLEY_SMP_SALIENCE_STRICT)
            return parley__fail(ctx, PARLEY_EINPUT,
                                "%s: the SMP needs saliences summing to at most 1 "
                                "(shares of the actor's attention, as in KTAB), got %g; the "
                                "salience option 'normalise' (--smp-salience normalise) divides "
                                "each actor's saliences by their sum",
                                AN(i, b1), sum);
    }
    return accommodation_check(ctx, f);
}

/* Copies the actors' positions and values back into the forecast object. */
static void sync(parley_forecast_t *f)
{
    smp_t *s = f->smp;
    size_t n = s->n, D = s->D;
    for (size_t j = 0; j < D; j++) {
        double span = f->hi[j] - f->lo[j], e = 0.0;
        for (size_t i = 0; i < n; i++)
            f->x[j * n + i] = f->lo[j] + s->x[i * D + j] * span;
        for (size_t c = 0; c < s->nu; c++)
            e += s->p[c] * s->x[s->uniq[c] * D + j];
        f->value[j] = f->lo[j] + e * span;
    }
}

parley_status_t parley__smp_create(parley_ctx_t *ctx, parley_forecast_t *f)
{
    parley_status_t st = check(ctx, f);
    if (st)
        return st;
    size_t n = f->na, D = f->ni;
    smp_t *s = smp_alloc(n, D);
    if (!s)
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    s->o = f->prm.smp;
    parley__rng_seed(&s->rng, s->o.seed);
    for (size_t i = 0; i < n; i++) {
        s->cap[i] = f->cap[i];
        s->sig[i] = 0.0;
        for (size_t j = 0; j < D; j++) {
            s->sal[i * D + j] = f->sal[j * n + i];
            s->sig[i] += f->sal[j * n + i];
            s->x[i * D + j] = (f->x[j * n + i] - f->lo[j]) / (f->hi[j] - f->lo[j]);
        }
        if (s->o.salience == PARLEY_SMP_SALIENCE_NORMALISE) {
            for (size_t j = 0; j < D; j++)
                s->sal[i * D + j] /= s->sig[i];
            s->sig[i] = 1.0;
        }
    }
    if (s->o.accommodation && !(s->acc = parley__malloc(n * n * sizeof(double)))) {
        parley__smp_free(s);
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    if (s->acc)
        memcpy(s->acc, s->o.accommodation, n * n * sizeof(double));
    s->o.accommodation = NULL; /* the caller's; s->acc is the copy */
    memcpy(s->y, s->x, n * D * sizeof(double)); /* ideals start at the positions */
    f->smp = s;
    setup(s);
    sync(f);
    return PARLEY_OK;
}

/* A uniform double in [0, 1). */
static double uniform(parley__rng_t *r)
{
    return (double)(parley__rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

size_t parley__smp_choose(smp_t *s, size_t no)
{
    size_t best = 0;
    if (s->o.stochastic) {
        double r = uniform(&s->rng), acc = 0.0;
        for (best = 0; best + 1 < no; best++)
            if ((acc += s->p[best]) > r)
                break;
        return best;
    }
    for (size_t m = 1; m < no; m++)
        if (s->p[m] > s->p[best])
            best = m;
    return best;
}

/* y_i <- sum_j A_ij x_j + (1 - sum_j A_ij) y_i on the new positions; with
 * the identity (no matrix) ideals simply follow the positions. */
static void accommodate(smp_t *s)
{
    size_t n = s->n, D = s->D;
    if (!s->acc) {
        memcpy(s->y, s->x, n * D * sizeof(double));
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const double *a = s->acc + i * n;
        double sum = 0.0, *y = s->y + i * D;
        for (size_t j = 0; j < n; j++)
            sum += a[j];
        double lag = sum < 1.0 ? 1.0 - sum : 0.0; /* a row a hair above 1 counts as 1 */
        for (size_t k = 0; k < D; k++) {
            double v = 0.0;
            for (size_t j = 0; j < n; j++)
                v += a[j] * s->x[j * D + k];
            y[k] = v + lag * y[k];
        }
    }
}

int parley__smp_step(parley_forecast_t *f)
{
    smp_t *s = f->smp;
    size_t n = s->n, D = s->D;
    parley__smp_bargain_turn(s);
    double moved = 0.0;
    for (size_t i = 0; i < n; i++) {
        double e = 0.0;
        for (size_t k = 0; k < D; k++) {
            double t = s->nx[i * D + k] - s->x[i * D + k];
            e += t * t;
        }
        moved += sqrt(e);
    }
    memcpy(s->x, s->nx, n * D * sizeof(double));
    accommodate(s);
    s->turn++;
    s->moved = moved;
    if (s->turn == 1)
        s->d1 = moved;
    setup(s);
    sync(f);
    if (s->turn >= 2 && moved / (s->d1 + 1e-4) < 0.02)
        return 1;
    return s->turn >= f->prm.max_rounds ? 2 : 0;
}

double parley__smp_probability(const smp_t *s, size_t i)
{
    return i < s->n ? s->prob[i] : (double)NAN;
}

int parley__smp_record(const smp_t *s, size_t i, size_t *challenged, size_t *initiator,
                       size_t *receiver)
{
    if (i >= s->n)
        return 0;
    *challenged = s->chal[i];
    *initiator = s->took_i[i];
    *receiver = s->took_j[i];
    return 1;
}
