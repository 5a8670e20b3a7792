/*
 * app.h — what the analyses of the application layer (src/app) share: the
 * output formats, terminal styling, the JSON header of a result and text
 * padding. Nothing in src/app prints or exits: a failure is a
 * parley_status_t with its message on the caller's parley_ctx_t (the CLI
 * prints it, the server returns it in a JSON error).
 */
#ifndef PARLEY_APP_H
#define PARLEY_APP_H

#include <stdint.h>
#include "parley/parley.h"

typedef enum { APP_FMT_TABLE, APP_FMT_JSON, APP_FMT_CSV } app_format_t;
/* "table"|"json"|"csv" (NULL: table); PARLEY_EARG with a message otherwise. */
parley_status_t app_format(parley_ctx_t *ctx, const char *s, app_format_t *out);

/* ---- terminal styling: empty strings unless colour is on. */
typedef struct app_style {
    const char *bold, *dim, *red, *green, *yellow, *reset;
} app_style_t;
/* when: "auto" (a tty and no NO_COLOR), "always", "never"; NULL is auto.
 * PARLEY_EARG with a message for anything else. */
parley_status_t app_style_init(parley_ctx_t *ctx, const char *when, int to_file, app_style_t *st);

/* The opening keys of every JSON result about a scenario: parley_version,
 * command, and scenario {file, hash, id} (docs/eval-json.md). */
void app_json_header(parley_json_t *j, const char *cmd, const parley_scenario_t *s);

/* Appends "  set PATH=VALUE, ...\n" (indented by indent) when the scenario
 * was loaded with --set overrides: the hash is the file's, so a text result
 * names the values it changed. Nothing otherwise. */
void app_text_set(parley_buf_t *b, const parley_scenario_t *s, const char *indent);
/* A line per setting written as a choice ({dist: choice}): its options, and
 * that this run takes the estimate (mc_choice.c); nothing without choices. */
void app_text_choices(parley_buf_t *b, const parley_scenario_t *s);

/* Appends s padded with spaces to `width` display columns (UTF-8 aware). */
/* Linkage in words (links.c): one condition ("centrifuges >= 1000",
 * "relief in [phased, at-implementation]"), a combination (conditions
 * joined by "and"), rule k ("never C" or "if C then D") and term k ("bonus
 * 0.125 when C", "penalty 0.125 when C": its share of the actor's utility,
 * gained or lost when C holds). */
void app_condition_text(parley_buf_t *b, const parley_scenario_t *s,
                        const parley_condition_t *c);
void app_combination_text(parley_buf_t *b, const parley_scenario_t *s,
                          const parley_combination_t *c);
void app_rule_text(parley_buf_t *b, const parley_scenario_t *s, size_t k);
void app_term_text(parley_buf_t *b, const parley_scenario_t *s, size_t k);
/* Figures out of a JSON result (jsonget.c, SQLite's JSON functions):
 * open, point at a JSON text (kept by the caller), read by path
 * ("$.zopa.count", "$.nash.utilities.\"RUS\""): a number (NAN when absent,
 * null or not a number) and, when text is not NULL, its text ("" when
 * absent or null; true and false read "1" and "0"); an array's length (0
 * when absent). NULL from open when out of memory. */
typedef struct app_jget app_jget_t;
app_jget_t *app_jget_open(void);
void app_jget_close(app_jget_t *r);
void app_jget_use(app_jget_t *r, const char *json);
double app_jget(app_jget_t *r, const char *path, char *text, size_t cap);
size_t app_jget_len(app_jget_t *r, const char *path);

/* Calls fn(arg, what, source) for every source the scenario gives
 * ("actor RUS batna", "proposal us-28 on nato", "term limits-for-relief"),
 * in a fixed order (sources.c). */
typedef void (*app_source_fn)(void *arg, const char *what, const char *source);
void app_sources(const parley_scenario_t *s, app_source_fn fn, void *arg);
void app_pad(parley_buf_t *b, const char *s, size_t width);
/* Display width of a UTF-8 string (one column a code point). */
size_t app_width(const char *s);

/*
 * Appends s[0..n) to b with every character a terminal would act on written
 * as \u00XX: the C0 controls but tab and newline (a CR only before LF), DEL
 * and the C1 controls U+0080..U+009F. Names and sources in a scenario are
 * free text; this keeps an ESC sequence in one from reaching the terminal
 * (and the form is also a valid JSON escape). The colour codes of sty pass
 * unchanged when it is on; sty may be NULL.
 */
void app_escape_controls(parley_buf_t *b, const char *s, size_t n, const app_style_t *sty);

/* Monotonic clock in seconds (progress and batch sizes). */
double app_now(void);

/* Finds the folder holding web/index.html: the executable's folder or one
 * of its three parents, then the working directory. Writes it to buf; 0, or
 * -1 when there is none (root.c). */
int app_find_root(char *buf, size_t cap);
/* The path under root of a vega library ("vega.min.js", "vega-lite.min.js",
 * "vega-embed.min.js"); 0 when the file is readable, else -1 (buf holds the
 * path either way when the name is known). */
int app_vendor_path(const char *root, const char *name, char *buf, size_t cap);
/* The relative path of a vega library in node_modules; NULL when unknown. */
const char *app_vendor_file(const char *name);

#endif
