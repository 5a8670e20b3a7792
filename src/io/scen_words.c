/*
 * scen_words.c — one scenario change (scen_diff.c's path and what) as a
 * sentence: "stances.IRN.sanctions-timing.red_line.options gained
 * on-iaea-verification" reads "IRN's red line on sanctions-timing gained
 * on-iaea-verification". `parley runs diff` prints it and the server's
 * /api/runs/A/diff/B gives it as "words". The rules (docs/archive.md):
 *   actors.A.F         A's F            (a whole record: actor A)
 *   issues.I.F         issue I's F      (options.O: issue I's option O)
 *   stances.A.I.F      A's F on I       (a whole stance: A's stance on I)
 *   proposals.P.positions.I   proposal P's position on I
 *   proposals.P.F      proposal P's F   (a whole record: proposal P)
 * then the change ("0.4 -> 0.5", "gained X", "added"). F is the path's
 * rest with '_' and '.' as spaces, "batna" as BATNA, a trailing
 * "options" of a red line and "value" dropped, "values.O" as "value of O". Any other path is kept as
 * it is: "simulation.horizon 10 -> 12".
 */
#include <string.h>
#include "parley/io.h"

#define MAX_PARTS 12

/* The path split at '.' into parts[] (pointers into buf). */
static size_t split(char *buf, char **parts)
{
    size_t n = 0;
    for (char *p = buf; n < MAX_PARTS;) {
        parts[n++] = p;
        char *dot = strchr(p, '.');
        if (!dot)
            break;
        *dot = '\0';
        p = dot + 1;
    }
    return n;
}

/* The field parts[0..n) in words: "BATNA", "red line", "exponent". */
static void field(parley_buf_t *b, char **parts, size_t n)
{
    while (n > 0 && !strcmp(parts[n - 1], "value"))
        n--;
    if (n >= 2 && !strcmp(parts[n - 2], "red_line") && !strcmp(parts[n - 1], "options"))
        n--;
    if (n == 2 && !strcmp(parts[0], "values")) { /* a discrete stance's value of an option */
        parley_buf_printf(b, "value of %s", parts[1]);
        return;
    }
    for (size_t k = 0; k < n; k++) {
        if (k)
            parley_buf_puts(b, " ");
        for (const char *w = parts[k]; *w;) { /* word by word at '_' */
            size_t len = strcspn(w, "_");
            if (len == 5 && !strncmp(w, "batna", 5))
                parley_buf_puts(b, "BATNA");
            else
                parley_buf_append(b, w, len);
            w += len;
            if (*w) {
                parley_buf_puts(b, " ");
                w++;
            }
        }
    }
}

static int is(char **parts, size_t n, size_t k, const char *word)
{
    return k < n && !strcmp(parts[k], word);
}

/* The subject of the change in words; 0 when the path has no pattern. */
static int subject(parley_buf_t *b, char **p, size_t n)
{
    if (is(p, n, 0, "actors") && n >= 2) {
        if (n == 2)
            parley_buf_printf(b, "actor %s", p[1]);
        else {
            parley_buf_printf(b, "%s's ", p[1]);
            field(b, p + 2, n - 2);
        }
        return 1;
    }
    if (is(p, n, 0, "issues") && n >= 2) {
        parley_buf_printf(b, "issue %s", p[1]);
        if (is(p, n, 2, "options") && n >= 4) {
            parley_buf_printf(b, "'s option %s", p[3]);
            if (n > 4)
                parley_buf_puts(b, " ");
            field(b, p + 4, n - 4);
        } else if (n > 2) {
            parley_buf_puts(b, "'s ");
            field(b, p + 2, n - 2);
        }
        return 1;
    }
    if (is(p, n, 0, "stances") && n >= 2) {
        if (n == 2)
            parley_buf_printf(b, "%s's stances", p[1]);
        else if (n == 3)
            parley_buf_printf(b, "%s's stance on %s", p[1], p[2]);
        else {
            parley_buf_printf(b, "%s's ", p[1]);
            field(b, p + 3, n - 3);
            parley_buf_printf(b, " on %s", p[2]);
        }
        return 1;
    }
    if (is(p, n, 0, "proposals") && n >= 2) {
        parley_buf_printf(b, "proposal %s", p[1]);
        if (is(p, n, 2, "positions") && n == 4)
            parley_buf_printf(b, "'s position on %s", p[3]);
        else if (n > 2) {
            parley_buf_puts(b, "'s ");
            field(b, p + 2, n - 2);
        }
        return 1;
    }
    return 0;
}

void parley_scenario_change_words(const parley_scenario_change_t *c, parley_buf_t *b)
{
    const char *path = c->path ? c->path : "";
    char buf[1024];
    char *parts[MAX_PARTS];
    size_t n = 0;
    if (strlen(path) < sizeof buf) {
        memcpy(buf, path, strlen(path) + 1);
        n = *buf ? split(buf, parts) : 0;
    }
    if (n == 0 || n == MAX_PARTS || !subject(b, parts, n))
        parley_buf_puts(b, *path ? path : "the document");
    parley_buf_printf(b, " %s", c->what ? c->what : "");
}
