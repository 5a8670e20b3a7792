/*
 * opt.c — parses options against a command's declared table, from a
 * command line or from API parameters, with one set of value parsers (whole
 * numbers, numbers, seeds, words, --set) and one set of messages, named as
 * the source spells the option. The tables themselves are in opt_tables.c.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "opt.h"
#include "parley/forecast.h"
#include "parley/scenario.h"

const app_cmd_t *app_command(const char *name)
{
    for (const app_cmd_t *const *c = app_commands; name && *c; c++)
        if (strcmp((*c)->name, name) == 0)
            return *c;
    return NULL;
}

const char *const *app_opt_words(const app_opt_t *o)
{
    static const struct { app_key_t key; parley_smp_option_t opt; } SMP[] = {
        {APP_O_SMP_VICTORY, PARLEY_SMP_OPT_VICTORY}, {APP_O_SMP_PCE, PARLEY_SMP_OPT_PCE},
        {APP_O_SMP_VOTING, PARLEY_SMP_OPT_VOTING},
        {APP_O_SMP_RISK_ADJUST, PARLEY_SMP_OPT_RISK_ADJUST},
        {APP_O_SMP_RISK_RANGE, PARLEY_SMP_OPT_RISK_RANGE},
        {APP_O_SMP_COMMIT, PARLEY_SMP_OPT_COMMIT}, {APP_O_SMP_INTERP, PARLEY_SMP_OPT_INTERP},
        {APP_O_SMP_BARGAIN, PARLEY_SMP_OPT_BARGAIN}, {APP_O_SMP_MODE, PARLEY_SMP_OPT_MODE},
        {APP_O_SMP_SALIENCE, PARLEY_SMP_OPT_SALIENCE}};
    if (o->words)
        return o->words;
    for (size_t k = 0; k < sizeof SMP / sizeof *SMP; k++)
        if (SMP[k].key == o->key)
            return parley_smp_option_words(SMP[k].opt);
    return NULL;
}

const app_opt_t *app_cmd_opt(const app_cmd_t *cmd, app_key_t key)
{
    for (const app_group_t *g = cmd->groups; g->opts; g++)
        for (const app_opt_t *o = g->opts; o->name; o++)
            if (o->key == key)
                return o;
    return NULL;
}

const char *app_opt_label(const app_args_t *a, app_key_t k)
{
    static _Thread_local char label[96];
    const app_opt_t *o = a->cmd ? app_cmd_opt(a->cmd, k) : NULL;
    const char *name = o ? o->name : "?";
    if (a->src == APP_SRC_API)
        snprintf(label, sizeof label, "parameter '%s'", name);
    else if (o && o->letter && !o->alias)
        snprintf(label, sizeof label, "-%c", o->letter);
    else
        snprintf(label, sizeof label, "--%s", name);
    return label;
}

parley_status_t app_fail_opt(parley_ctx_t *ctx, const app_args_t *a, app_key_t k,
                             const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return parley_ctx_fail(ctx, PARLEY_EARG, "%s %s", app_opt_label(a, k), msg);
}

/* ---- value parsers: the one rule for each type */

/* "a, b or c" */
static void word_list(parley_buf_t *b, const char *const *w)
{
    size_t n = 0;
    while (w[n])
        n++;
    for (size_t k = 0; k < n; k++)
        parley_buf_printf(b, "%s%s", k == 0 ? "" : k + 1 == n ? " or " : ", ", w[k]);
}

static int parse_digits(const char *s, uint64_t *out)
{
    if (!*s || strspn(s, "0123456789") != strlen(s))
        return 0;
    errno = 0;
    unsigned long long v = strtoull(s, NULL, 10);
    if (errno)
        return 0; /* out of range: never clamped */
    *out = (uint64_t)v;
    return 1;
}

int app_parse_whole(const char *s, uint64_t *out)
{
    if (parse_digits(s, out))
        return 1;
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    if (!*s || *end || errno || !(d >= 0 && d < 18446744073709551616.0) || d != floor(d))
        return 0;
    *out = (uint64_t)d;
    return 1;
}

static void fmt_bound(char *buf, size_t cap, double v)
{
    if (v >= 18446744073709551615.0)
        snprintf(buf, cap, "2^64-1");
    else
        snprintf(buf, cap, "%.15g", v);
}

/* Checks text against o's type and range into *v; the message names label. */
static parley_status_t parse_value(parley_ctx_t *ctx, const app_opt_t *o, const char *label,
                                   const char *text, app_val_t *v)
{
    char lo[32], hi[32];
    fmt_bound(lo, sizeof lo, o->lo);
    fmt_bound(hi, sizeof hi, o->hi);
    v->text = text;
    switch (o->type) {
    case APP_FLAG:
        v->word = 1;
        return PARLEY_OK;
    case APP_TEXT:
    case APP_SET:
        if (!*text)
            return parley_ctx_fail(ctx, PARLEY_EARG, "%s needs a value (%s)", label, o->metavar);
        return PARLEY_OK;
    case APP_WORD: {
        const char *const *words = app_opt_words(o);
        const char *t = o->key == APP_O_FORMAT && strcmp(text, "text") == 0 ? "table" : text;
        for (int k = 0; words[k]; k++)
            if (strcmp(t, words[k]) == 0) {
                v->word = k;
                v->text = words[k]; /* the canonical word: text is table */
                return PARLEY_OK;
            }
        parley_buf_t b;
        parley_buf_init(&b);
        word_list(&b, words);
        size_t nw = 0;
        while (words[nw])
            nw++;
        const char *hint = parley_suggest(text, words, nw);
        parley_status_t st = parley_ctx_fail(ctx, PARLEY_EARG, "%s must be %s, got '%s'%s%s%s",
                                             label, b.data ? b.data : "", text,
                                             hint ? " (did you mean '" : "", hint ? hint : "",
                                             hint ? "'?)" : "");
        parley_buf_free(&b);
        return st;
    }
    case APP_UINT:
        if (!app_parse_whole(text, &v->u) || (double)v->u < o->lo || (double)v->u > o->hi)
            return parley_ctx_fail(ctx, PARLEY_EARG,
                                   "%s must be a whole number from %s to %s, got '%s'", label, lo,
                                   hi, text);
        v->num = (double)v->u;
        return PARLEY_OK;
    case APP_REAL: {
        char *end;
        errno = 0;
        double d = strtod(text, &end);
        if (!*text || *end || errno || !(d >= o->lo && d <= o->hi))
            return parley_ctx_fail(ctx, PARLEY_EARG, "%s must be a number from %s to %s, got '%s'",
                                   label, lo, hi, text);
        v->num = d;
        return PARLEY_OK;
    }
    case APP_SEED:
        if (!parse_digits(text, &v->u))
            return parley_ctx_fail(ctx, PARLEY_EARG,
                                   "%s must be a whole number from 0 to 2^64-1, got '%s'", label,
                                   text);
        v->num = (double)v->u;
        return PARLEY_OK;
    }
    return PARLEY_OK;
}

/* Every option's default, parsed as a value would be. */
static void defaults(const app_cmd_t *cmd, app_src_t src, app_args_t *a)
{
    memset(a, 0, sizeof *a);
    a->cmd = cmd;
    a->src = src;
    for (const app_group_t *g = cmd->groups; g->opts; g++)
        for (const app_opt_t *o = g->opts; o->name; o++)
            if (o->def && parse_value(NULL, o, o->name, o->def, &a->v[o->key]) != PARLEY_OK)
                a->v[o->key].text = o->def; /* a shown default such as "one per core" */
}

static parley_status_t add_set(parley_ctx_t *ctx, const char *label, const char *text,
                               app_args_t *a)
{
    if (a->n_set == APP_MAX_SET)
        return parley_ctx_fail(ctx, PARLEY_EARG, "%s: at most %d", label, APP_MAX_SET);
    a->set[a->n_set++] = text;
    return PARLEY_OK;
}

static parley_status_t take(parley_ctx_t *ctx, const app_opt_t *o, const char *label,
                            const char *text, app_args_t *a)
{
    app_val_t v = {0};
    parley_status_t st = parse_value(ctx, o, label, text, &v);
    if (st)
        return st;
    if (o->type == APP_SET && (st = add_set(ctx, label, text, a)))
        return st;
    v.given = 1;
    a->v[o->key] = v;
    return PARLEY_OK;
}

/* ---- the command line */

static const app_opt_t *find_cli(const app_cmd_t *cmd, const char *arg, size_t len)
{
    for (const app_group_t *g = cmd->groups; g->opts; g++)
        for (const app_opt_t *o = g->opts; o->name; o++) {
            if (!(o->where & APP_CLI))
                continue;
            if (len == 2 && arg[0] == '-' && arg[1] == o->letter && o->letter)
                return o;
            if (len > 2 && arg[0] == '-' && arg[1] == '-' &&
                ((strlen(o->name) == len - 2 && !strncmp(o->name, arg + 2, len - 2)) ||
                 (o->alias && strlen(o->alias) == len - 2 && !strncmp(o->alias, arg + 2, len - 2))))
                return o;
        }
    return NULL;
}

static parley_status_t unknown_cli(parley_ctx_t *ctx, const app_cmd_t *cmd, const char *arg)
{
    const char *names[160];
    char buf[160][40];
    size_t n = 0;
    for (const app_group_t *g = cmd->groups; g->opts; g++)
        for (const app_opt_t *o = g->opts; o->name && n < 160; o++)
            if (o->where & APP_CLI) {
                snprintf(buf[n], sizeof buf[n], "--%s", o->name);
                names[n] = buf[n];
                n++;
            }
    char word[128];
    snprintf(word, sizeof word, "%.*s", (int)strcspn(arg, "="), arg);
    const char *hint = parley_suggest(word, names, n);
    if (hint)
        return parley_ctx_fail(ctx, PARLEY_EARG,
                               "unknown option '%s' (did you mean '%s'?); see 'parley help %s'",
                               word, hint, cmd->name);
    return parley_ctx_fail(ctx, PARLEY_EARG, "unknown option '%s'; see 'parley help %s'", word,
                           cmd->name);
}

parley_status_t app_parse_argv(parley_ctx_t *ctx, const app_cmd_t *cmd, int argc, char **argv,
                               app_args_t *a)
{
    defaults(cmd, APP_SRC_CLI, a);
    int only_pos = 0;
    for (int k = 1; k < argc; k++) {
        const char *arg = argv[k];
        if (only_pos || arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (a->n_pos >= cmd->max_pos || a->n_pos >= APP_MAX_POS)
                return parley_ctx_fail(ctx, PARLEY_EARG,
                                       "unexpected argument '%s'; see 'parley help %s'", arg,
                                       cmd->name);
            a->pos[a->n_pos++] = arg;
            continue;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            parley_buf_t b;
            parley_buf_init(&b);
            app_help(&b, cmd);
            if (b.data)
                fputs(b.data, stdout);
            parley_buf_free(&b);
            return APP_HELP;
        }
        if (strcmp(arg, "--") == 0) {
            only_pos = 1;
            continue;
        }
        const char *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
        const app_opt_t *o = find_cli(cmd, arg, len);
        if (!o)
            return unknown_cli(ctx, cmd, arg);
        char label[64];
        snprintf(label, sizeof label, "%.*s", (int)(len < 60 ? len : 60), arg);
        const char *text;
        if (o->type == APP_FLAG) {
            if (eq)
                return parley_ctx_fail(ctx, PARLEY_EARG, "option '%s' takes no value", label);
            text = "1";
        } else if (eq) {
            text = eq + 1;
        } else if (k + 1 < argc) {
            text = argv[++k];
        } else {
            return parley_ctx_fail(ctx, PARLEY_EARG, "option '%s' needs a value (%s)", label,
                                   o->metavar);
        }
        parley_status_t st = take(ctx, o, label, text, a);
        if (st)
            return st;
    }
    for (const app_group_t *g = cmd->groups; g->opts; g++)
        for (const app_opt_t *o = g->opts; o->name; o++)
            if ((o->flags & APP_REQUIRED) && !a->v[o->key].given)
                return parley_ctx_fail(ctx, PARLEY_EARG, "needs --%s %s; see 'parley help %s'",
                                       o->name, o->metavar, cmd->name);
    return PARLEY_OK;
}

/* ---- API parameters */

static int api_name_is(const app_opt_t *o, const char *key)
{
    return !strcmp(o->name, key) || (o->alias && !strcmp(o->alias, key)) ||
           (o->letter && key[0] == o->letter && !key[1]);
}

static parley_status_t unknown_api(parley_ctx_t *ctx, const app_cmd_t *cmd, const char *key)
{
    parley_buf_t list;
    parley_buf_init(&list);
    for (const app_group_t *g = cmd->groups; g->opts; g++)
        for (const app_opt_t *o = g->opts; o->name; o++)
            if (o->where & APP_API)
                parley_buf_printf(&list, "%s, ", o->name);
    parley_buf_puts(&list, "name");
    parley_status_t st = parley_ctx_fail(ctx, PARLEY_EARG,
                                         "unknown parameter '%s'; this endpoint takes %s", key,
                                         list.data ? list.data : "");
    parley_buf_free(&list);
    return st;
}

static parley_status_t api_flag(parley_ctx_t *ctx, const app_opt_t *o, const char *label,
                                const char *v, app_args_t *a)
{
    if (!*v || !strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "yes"))
        return take(ctx, o, label, "1", a);
    if (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "no")) {
        a->v[o->key].given = 1; /* explicitly off */
        return PARLEY_OK;
    }
    return parley_ctx_fail(ctx, PARLEY_EARG, "%s is a flag (1 or 0), not '%s'", label, v);
}

parley_status_t app_parse_params(parley_ctx_t *ctx, const app_cmd_t *cmd, const app_param_t *p,
                                 size_t n, int (*skip)(const char *key), app_args_t *a)
{
    defaults(cmd, APP_SRC_API, a);
    for (size_t k = 0; k < n; k++) {
        char key[64];
        snprintf(key, sizeof key, "%s", p[k].key ? p[k].key : "");
        for (char *c = key; *c; c++)
            *c = *c == '_' ? '-' : *c; /* drop_red_lines and drop-red-lines alike */
        const char *v = p[k].value ? p[k].value : "";
        if (skip && skip(key))
            continue;
        const app_opt_t *o = NULL;
        for (const app_group_t *g = cmd->groups; g->opts && !o; g++)
            for (const app_opt_t *x = g->opts; x->name && !o; x++)
                if ((x->where & APP_API) && api_name_is(x, key))
                    o = x;
        if (!o)
            return unknown_api(ctx, cmd, key);
        char label[96];
        snprintf(label, sizeof label, "parameter '%s'", key);
        if (a->v[o->key].given && o->type != APP_SET)
            return parley_ctx_fail(ctx, PARLEY_EARG, "%s given twice", label);
        parley_status_t st = o->type == APP_FLAG ? api_flag(ctx, o, label, v, a)
                                                 : take(ctx, o, label, v, a);
        if (st)
            return st;
    }
    for (const app_group_t *g = cmd->groups; g->opts; g++)
        for (const app_opt_t *o = g->opts; o->name; o++)
            if ((o->where & APP_API) && (o->flags & APP_REQUIRED) && !a->v[o->key].given)
                return parley_ctx_fail(ctx, PARLEY_EARG, "needs parameter '%s'", o->name);
    return PARLEY_OK;
}
