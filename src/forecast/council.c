/*
 * council.c — the capability options of the DEU backtest: Council votes
 * under the Treaty of Nice and population shares under the Treaty of
 * Lisbon, for the 28 member states DEU III covers (sources and conventions
 * in docs/validation.md), and the file's own GDP row.
 */
#include <math.h>
#include <string.h>
#include "fcint.h"

typedef struct state_weight {
    const char *id; /* DEU III's actor code */
    double nice;    /* votes in the Council, Treaty of Nice, EU-28 (total 352) */
    double lisbon;  /* % of the EU-28 population, Council Decision 2015/2393 (2016) */
} state_weight_t;

static const state_weight_t STATES[] = {
    {"at", 10, 1.69}, {"be", 12, 2.21}, {"bu", 10, 1.42},  {"cr", 7, 0.83},   {"cy", 4, 0.17},
    {"cz", 12, 2.05}, {"dk", 7, 1.11},  {"ee", 4, 0.26},   {"fi", 7, 1.08},   {"fr", 29, 13.04},
    {"de", 29, 15.93}, {"el", 12, 2.13}, {"hu", 12, 1.94}, {"ie", 7, 0.91},   {"it", 29, 12.07},
    {"lv", 4, 0.39},  {"lt", 7, 0.57},  {"lu", 4, 0.11},   {"mt", 3, 0.08},   {"nl", 13, 3.37},
    {"pl", 27, 7.47}, {"pt", 12, 2.04}, {"ro", 14, 3.90},  {"si", 4, 0.41},   {"sk", 7, 1.06},
    {"es", 27, 9.12}, {"se", 10, 1.92}, {"uk", 29, 12.73},
};

static const char *const CAP_NAMES[PARLEY_CAP_COUNT] = {"equal", "gdp", "council-nice",
                                                        "council-lisbon"};

const char *parley_capability_name(parley_capability_t c)
{
    return (unsigned)c < PARLEY_CAP_COUNT ? CAP_NAMES[c] : "?";
}

parley_status_t parley_capability_from_name(const char *name, parley_capability_t *out)
{
    for (int c = 0; c < PARLEY_CAP_COUNT; c++)
        if (name && strcmp(name, CAP_NAMES[c]) == 0) {
            *out = (parley_capability_t)c;
            return PARLEY_OK;
        }
    return PARLEY_ENOTFOUND;
}

double parley_deu_state_capability(parley_capability_t c, const char *id, const parley_deu_t *d)
{
    for (size_t k = 0; k < sizeof STATES / sizeof *STATES; k++) {
        if (strcmp(STATES[k].id, id) != 0)
            continue;
        switch (c) {
        case PARLEY_CAP_EQUAL: return 1.0;
        case PARLEY_CAP_NICE: return STATES[k].nice;
        case PARLEY_CAP_LISBON: return STATES[k].lisbon;
        case PARLEY_CAP_GDP:
            for (size_t a = 0; d && d->gdp && a < d->n_actors; a++)
                if (strcmp(d->actors[a], id) == 0)
                    return d->gdp[a] > 0.0 ? d->gdp[a] : (double)NAN;
            return (double)NAN;
        default: return (double)NAN;
        }
    }
    return (double)NAN;
}
