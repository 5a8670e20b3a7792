/*
 * smp_words.c — the words of the SMP's options, in the order of their
 * enums: one table for the loader's `smp:` section, the model's JSON
 * parameters and the command line's --smp-* options.
 */
#include "parley/forecast.h"

const char *const *parley_smp_option_words(parley_smp_option_t opt)
{
    static const char *const VICTORY[] = {"linear", "square", "quartic", "octic", "binary", NULL};
    static const char *const PCE[] = {"conditional", "markov-incentive", "markov-uniform", NULL};
    static const char *const VOTING[] = {"proportional", "binary", "prop-binary", "prop-cubic",
                                         "cubic", "asymmetric-prospect", NULL};
    static const char *const RISK_ADJUST[] = {"one-third", "none", "half", "two-thirds", "full",
                                              NULL};
    static const char *const RISK_RANGE[] = {"mid", "min", "max", NULL};
    static const char *const COMMIT[] = {"semi", "none", "full", NULL};
    static const char *const INTERP[] = {"s2p2", "s1p1", "s2pmax", NULL};
    static const char *const BARGAIN[] = {"initiator-only", "initiator-receiver",
                                          "pairwise-compromise", NULL};
    static const char *const MODE[] = {"deterministic", "stochastic", NULL};
    static const char *const SALIENCE[] = {"strict", "normalise", NULL};
    static const char *const *const ALL[PARLEY_SMP_OPT_COUNT] = {
        VICTORY, PCE, VOTING, RISK_ADJUST, RISK_RANGE, COMMIT, INTERP, BARGAIN, MODE, SALIENCE};
    return (unsigned)opt < PARLEY_SMP_OPT_COUNT ? ALL[opt] : NULL;
}
