/*
 * report.h — `parley report`'s HTML: the API's results and charts about
 * one scenario, with the vega libraries inline (report.c).
 */
#ifndef PARLEY_SERVE_REPORT_H
#define PARLEY_SERVE_REPORT_H

#include "api.h"

/* vega, vega-lite and vega-embed, read from node_modules. */
typedef struct report_libs {
    parley_buf_t text[3];
} report_libs_t;

/* Reads the three libraries under root/node_modules; 0, or -1 with the
 * missing file's path in missing (cap bytes). report_libs_free either way. */
int report_libs_load(const char *root, report_libs_t *l, char *missing, size_t cap);
void report_libs_free(report_libs_t *l);

/* The results a report shows: eval, space, forecast, simulate. */
#define REPORT_RESULTS 4

/* Appends the whole report: res[0] eval, res[1] space, res[2] forecast,
 * res[3] simulate (a failed one is reported in its section; status 0: not
 * run, no section). 0, or -1 when memory ran out. */
int report_html(parley_buf_t *b, const parley_scenario_t *s,
                const api_result_t res[REPORT_RESULTS], const report_libs_t *libs);

#endif
