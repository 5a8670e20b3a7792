/*
 * exact.h — exact rational numbers for the agreement space and the
 * verdicts: a number written in a scenario is the exact decimal (or
 * fraction p/q) it spells, and utilities, BATNAs and red lines compare
 * exactly (docs/agreement-space.md, "Exact arithmetic").
 *
 * A rational is a 128-bit numerator over a positive 128-bit denominator,
 * always in lowest terms. Every operation reports overflow instead of
 * wrapping; callers fall back to a documented rounding when it happens.
 */
#ifndef PARLEY_EXACT_H
#define PARLEY_EXACT_H

#include <stddef.h>
#include "core.h"

__extension__ typedef __int128 parley__i128;
__extension__ typedef unsigned __int128 parley__u128;

typedef struct parley__q {
    parley__i128 n, d; /* d > 0 */
} parley__q_t;

#define PARLEY__I128_MAX ((parley__i128)(((parley__u128)1 << 127) - 1))

static inline parley__q_t parley__q_int(long long v)
{
    parley__q_t q = {v, 1};
    return q;
}

/* The exact value of a number's text: a decimal ("-0.125", "1e-3",
 * "600_000") or a fraction "p/q" of whole numbers. 0 when the text is not
 * such a number or its value does not fit. */
int parley__q_parse(const char *s, parley__q_t *out);
/* The shortest decimal that reads back as v (parley_format_number), exactly;
 * 0 when v is not finite or that decimal does not fit. */
int parley__q_from_double(double v, parley__q_t *out);
/* The double nearest q (correctly rounded when both parts fit 2^53). */
double parley__q_double(parley__q_t q);

/* a op b into *out; 0 on overflow (or division by zero). */
int parley__q_add(parley__q_t a, parley__q_t b, parley__q_t *out);
int parley__q_sub(parley__q_t a, parley__q_t b, parley__q_t *out);
int parley__q_mul(parley__q_t a, parley__q_t b, parley__q_t *out);
int parley__q_div(parley__q_t a, parley__q_t b, parley__q_t *out);
/* Sign of a - b; never overflows. */
int parley__q_cmp(parley__q_t a, parley__q_t b);

/* Checked 128-bit integer helpers. */
int parley__i128_mul(parley__i128 a, parley__i128 b, parley__i128 *out);
int parley__i128_add(parley__i128 a, parley__i128 b, parley__i128 *out);
parley__i128 parley__i128_gcd(parley__i128 a, parley__i128 b);
/* Sign of a*b - c*d, computed in 256 bits. */
int parley__i128_cmp_prod(parley__i128 a, parley__i128 b, parley__i128 c, parley__i128 d);
/* Decimal text of v into buf (at least 42 bytes). */
void parley__i128_str(parley__i128 v, char *buf);

/* ---- The exact value the loader read for a number of the scenario.
 * The loader notes every number it parses into scenario memory with the
 * address it stored the double at; parley__exact_of then returns the exact
 * value while the double there is still the one read (a Monte Carlo draw
 * or an API change replaces it, and then the double's shortest decimal is
 * used). */
parley_status_t parley__exact_note(parley_scenario_t *s, const double *at, const char *text);
/* The exact value of the double at `at` (scenario memory or not); 0 when
 * it has none that fits (not finite, or too many digits). */
int parley__exact_of(const parley_scenario_t *s, const double *at, parley__q_t *out);
void parley__exact_free(parley_scenario_t *s);

/* ---- Exact utilities. A position is exact rational x (a discrete issue's
 * option index is a whole number). Each returns 0 when the value has no
 * exact form that fits (a non-integer exponent, too many digits). */
int parley__exact_value(const parley_scenario_t *s, size_t i, size_t j, parley__q_t x,
                        parley__q_t *v);
/* Whether x crosses actor i's red line on issue j, exactly. */
int parley__exact_crosses(const parley_scenario_t *s, size_t i, size_t j, parley__q_t x);
/* The same for any stance on issue j (a ratifying body's member's). */
int parley__exact_stance_value(const parley_scenario_t *s, size_t j, const parley_stance_t *st,
                               parley__q_t x, parley__q_t *v);
int parley__exact_stance_crosses(const parley_scenario_t *s, size_t j, const parley_stance_t *st,
                                 parley__q_t x);
/* Actor i's salience on issue j, the sum of its saliences and term
 * weights (what its weights divide by), its BATNA. */
int parley__exact_salience(const parley_scenario_t *s, size_t i, size_t j, parley__q_t *out);
int parley__exact_salience_sum(const parley_scenario_t *s, size_t i, parley__q_t *out);
/* Term k's weight, exactly (its share is that over the salience sum). */
int parley__exact_term_weight(const parley_scenario_t *s, size_t k, parley__q_t *out);
/* Whether position x of the condition's issue satisfies it, exactly. */
int parley__exact_condition(const parley_scenario_t *s, const parley_condition_t *c,
                            parley__q_t x);
int parley__exact_batna(const parley_scenario_t *s, size_t i, parley__q_t *out);
/* Actor i's utility of the fully decided package pkg (scenario positions;
 * issues and the actor's terms), exactly; 0 when some number has no exact
 * form that fits (src/space/eval.c). */
int parley__exact_utility(const parley_scenario_t *s, size_t i, const double *pkg,
                          parley__q_t *out);
/* Issue j's ends lo and hi. */
int parley__exact_scale(const parley_scenario_t *s, size_t j, parley__q_t *lo, parley__q_t *hi);

#endif
