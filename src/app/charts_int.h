/*
 * charts_int.h — the pieces of Vega-Lite JSON the chart writers share
 * (charts.c): keyed values, spec header and inline data, encoding
 * channels, layers, colours and position text. Not part of any API. Each
 * writes into the caller's writer; a *_begin leaves an object or array
 * open for the caller to fill and close as said.
 */
#ifndef PARLEY_SERVE_CHARTS_INT_H
#define PARLEY_SERVE_CHARTS_INT_H

#include <stdio.h>
#include "charts.h"

/* key: v — a NULL string writes null, a non-finite number null. */
void charts__key_string(parley_json_t *j, const char *key, const char *v);
void charts__key_number(parley_json_t *j, const char *key, double v);
void charts__key_int(parley_json_t *j, const char *key, long long v);
/* key: { — left open for the caller to fill and close. */
void charts__key_object(parley_json_t *j, const char *key);
/* key: [a, b]. */
void charts__key_pair(parley_json_t *j, const char *key, double a, double b);
/* key: the n strings v, as an array. */
void charts__key_strings(parley_json_t *j, const char *key, const char *const *v, size_t n);
/* key: the actors' (issues') ids, in scenario order. */
void charts__key_actors(parley_json_t *j, const char *key, const parley_scenario_t *s);
void charts__key_issues(parley_json_t *j, const char *key, const parley_scenario_t *s);

/* "$schema", "title" {text, subtitle} and "usermeta" (generator, scenario hash). */
void charts__head(parley_json_t *j, const parley_scenario_t *s, const char *title,
                  const char *subtitle);
/* "data": {"values": [ — the rows follow, then charts__data_end closes both. */
void charts__data_begin(parley_json_t *j);
void charts__data_end(parley_json_t *j);
/* "width": w, "height": h. */
void charts__size(parley_json_t *j, double width, double height);

/* channel: {"field": f, "type": t, "title": title (NULL: null) — left open
 * for a scale, axis or sort; the caller closes it. */
void charts__channel_begin(parley_json_t *j, const char *channel, const char *f, const char *t,
                           const char *title);
/* channel: {"field": f, "type": t[, "title": title]} — title may be NULL. */
void charts__field(parley_json_t *j, const char *channel, const char *f, const char *t,
                   const char *title);
/* "scale": {"domain": [lo, hi]}. */
void charts__domain(parley_json_t *j, double lo, double hi);
/* A quantitative channel on a utility's scale: domain [0, 1]. */
void charts__unit_axis(parley_json_t *j, const char *channel, const char *f, const char *title);
/* key: field f ("actor" or "issue"), nominal, no title, sorted in scenario
 * order — a facet or facet column. */
void charts__facet(parley_json_t *j, const char *key, const char *f, const parley_scenario_t *s);
/* "tooltip": the given fields (NULL-terminated). */
void charts__tooltip(parley_json_t *j, const char *const *fields);
/* "color" by "verdict": accept green, reject red, open grey. */
void charts__verdict_color(parley_json_t *j);

/* A layer, {"mark": {"type": mark — the mark's properties follow, then
 * charts__encoding_begin closes the mark and opens "encoding": {, and
 * charts__layer_end closes the encoding and the layer. charts__mark_begin
 * is the same without the layer's own brace (for a layer that starts with
 * a transform). */
void charts__layer_begin(parley_json_t *j, const char *mark);
void charts__mark_begin(parley_json_t *j, const char *mark);
void charts__encoding_begin(parley_json_t *j);
void charts__layer_end(parley_json_t *j);

/* A position as text: the nearest option's id, or the number with its unit. */
void charts__position_text(const parley_issue_t *is, double x, char *buf, size_t cap);

#endif
