/*
 * app.c — what the analyses share: the output formats, terminal styling,
 * the JSON header of a result, padding by display width and a clock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "app.h"

parley_status_t app_format(parley_ctx_t *ctx, const char *s, app_format_t *out)
{
    if (!s || strcmp(s, "table") == 0)
        *out = APP_FMT_TABLE;
    else if (strcmp(s, "json") == 0)
        *out = APP_FMT_JSON;
    else if (strcmp(s, "csv") == 0)
        *out = APP_FMT_CSV;
    else
        return parley_ctx_fail(ctx, PARLEY_EARG, "--format must be table, json or csv, got '%s'",
                               s);
    return PARLEY_OK;
}

parley_status_t app_style_init(parley_ctx_t *ctx, const char *when, int to_file, app_style_t *st)
{
    int on;
    if (!when || strcmp(when, "auto") == 0) {
        const char *nc = getenv("NO_COLOR");
        on = !to_file && isatty(STDOUT_FILENO) && !(nc && *nc);
    } else if (strcmp(when, "always") == 0) {
        on = 1;
    } else if (strcmp(when, "never") == 0) {
        on = 0;
    } else {
        return parley_ctx_fail(ctx, PARLEY_EARG, "--color must be auto, always or never, got '%s'",
                               when);
    }
    if (on)
        *st = (app_style_t){"\033[1m", "\033[2m", "\033[31m", "\033[32m", "\033[33m", "\033[0m"};
    else
        *st = (app_style_t){"", "", "", "", "", ""};
    return PARLEY_OK;
}

size_t app_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        w += (*p & 0xC0) != 0x80;
    return w;
}

void app_pad(parley_buf_t *b, const char *s, size_t width)
{
    parley_buf_puts(b, s);
    for (size_t w = app_width(s); w < width; w++)
        parley_buf_puts(b, " ");
}

void app_json_header(parley_json_t *j, const char *cmd, const parley_scenario_t *s)
{
    parley_json_key(j, "parley_version");
    parley_json_string(j, parley_version());
    parley_json_key(j, "command");
    parley_json_string(j, cmd);
    parley_json_key(j, "scenario");
    parley_json_object_begin(j);
    parley_json_key(j, "file");
    parley_json_string(j, parley_scenario_origin(s));
    parley_json_key(j, "hash");
    parley_json_string(j, parley_scenario_hash(s));
    parley_json_key(j, "id");
    parley_json_string(j, parley_scenario_id(s));
    size_t n = parley_scenario_override_count(s);
    if (n) { /* the hash is the file's: the values changed by --set travel with it */
        parley_json_key(j, "set");
        parley_json_array_begin(j);
        for (size_t k = 0; k < n; k++) {
            const parley_override_t *o = parley_scenario_override(s, k);
            char pair[2048];
            snprintf(pair, sizeof pair, "%s=%s", o->path, o->value);
            parley_json_string(j, pair);
        }
        parley_json_array_end(j);
    }
    parley_json_object_end(j);
}

void app_text_set(parley_buf_t *b, const parley_scenario_t *s, const char *indent)
{
    size_t n = parley_scenario_override_count(s);
    for (size_t k = 0; k < n; k++) {
        const parley_override_t *o = parley_scenario_override(s, k);
        parley_buf_printf(b, "%s%s%s=%s%s", k ? "" : indent, k ? ", " : "set ", o->path, o->value,
                          k + 1 == n ? "\n" : "");
    }
}

double app_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* The length of the colour code of sty at p (colour on), else 0. */
static size_t style_code(const char *p, size_t left, const app_style_t *sty)
{
    const char *codes[6] = {sty->bold, sty->dim, sty->red, sty->green, sty->yellow, sty->reset};
    for (size_t k = 0; k < 6; k++) {
        size_t l = strlen(codes[k]);
        if (l && l <= left && memcmp(p, codes[k], l) == 0)
            return l;
    }
    return 0;
}

void app_escape_controls(parley_buf_t *b, const char *s, size_t n, const app_style_t *sty)
{
    size_t run = 0; /* start of the bytes not yet appended */
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t keep = c == 0x1b && sty ? style_code(s + i, n - i, sty) : 0, bad = 0;
        unsigned code = c;
        if (keep) {
            i += keep;
            continue;
        }
        if ((c < 0x20 && c != '\t' && c != '\n' && !(c == '\r' && i + 1 < n && s[i + 1] == '\n')) ||
                 c == 0x7f)
            bad = 1;
        else if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
                 (unsigned char)s[i + 1] <= 0x9f)
            bad = 2, code = (unsigned char)s[i + 1]; /* U+0080..U+009F in UTF-8 */
        if (!bad) {
            i++;
            continue;
        }
        parley_buf_append(b, s + run, i - run);
        parley_buf_printf(b, "\\u%04x", code);
        i += bad;
        run = i;
    }
    parley_buf_append(b, s + run, n - run);
}

