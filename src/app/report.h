/*
 * report.h — `parley report`'s HTML: the API's results and charts about
 * one scenario, with the vega libraries inline (report.c).
 */
#ifndef PARLEY_APP_REPORT_H
#define PARLEY_APP_REPORT_H

#include "analysis.h"

/* vega, vega-lite and vega-embed, read from node_modules. */
typedef struct report_libs {
    parley_buf_t text[3];
} report_libs_t;

/* Reads the three libraries under root/node_modules; 0, or -1 with the
 * missing file's path in missing (cap bytes). report_libs_free either way. */
int report_libs_load(const char *root, report_libs_t *l, char *missing, size_t cap);
void report_libs_free(report_libs_t *l);

/* The results a report shows: eval, space, forecast, simulate, montecarlo. */
#define REPORT_RESULTS 5

/* Appends the whole report: res[0] eval, res[1] space, res[2] forecast,
 * res[3] simulate, res[4] montecarlo (a failed one is reported in its
 * section; status 0: not run, no section); sens, when not NULL, is the
 * sensitivity table as text. 0, or -1 when memory ran out. */
int report_html(parley_buf_t *b, const parley_scenario_t *s,
                const app_result_t res[REPORT_RESULTS], const parley_buf_t *sens,
                const report_libs_t *libs);

/* What `parley report` takes besides the scenario (NULL: the default). */
typedef struct report_opts {
    const char *out, *x, *y, *drop, *grid;
    const char *root;   /* the folder holding node_modules/ (app_find_root) */
    const char *mc;     /* --montecarlo N: a Monte Carlo section of N draws (NULL: none) */
    const char *seed;   /* its seed (and the sensitivity's) */
    int sensitivity;    /* --sensitivity: a sensitivity section */
} report_opts_t;

/* The whole report on the scenario text (len bytes, named path) into html:
 * runs eval, space, forecast and (with a `simulation:` section) simulate
 * in-process, and Monte Carlo and sensitivity when asked. The eval must succeed; an analysis that fails is left out
 * with a line "KIND not in the report: why" appended to notes. 0, or a
 * status with its message on ctx (PARLEY_EINPUT when the vega libraries
 * are missing). */
parley_status_t report_build(parley_ctx_t *ctx, const char *path, const char *text, size_t len,
                             const report_opts_t *o, parley_buf_t *html, parley_buf_t *notes);

#endif
