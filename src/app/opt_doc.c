/*
 * opt_doc.c — what is made from the option tables besides the parsers:
 * `parley help [CMD]`, docs/options.md (a test regenerates it and fails on
 * drift) and GET /api/options, from which the web page builds its controls.
 */
#include <stdio.h>
#include <string.h>
#include "opt.h"

static const char *const TYPE_NAMES[] = {"flag", "text", "word", "whole", "number", "seed",
                                         "set"};

/* "2 to 1000", "a, b, c", "0 to 2^64-1"; empty for flags and text. */
static void domain(parley_buf_t *b, const app_opt_t *o)
{
    char lo[32], hi[32];
    snprintf(lo, sizeof lo, "%.15g", o->lo);
    if (o->hi >= 18446744073709551615.0)
        snprintf(hi, sizeof hi, "2^64-1");
    else
        snprintf(hi, sizeof hi, "%.15g", o->hi);
    if (o->type == APP_UINT || o->type == APP_REAL)
        parley_buf_printf(b, "%s to %s", lo, hi);
    else if (o->type == APP_SEED)
        parley_buf_puts(b, "0 to 2^64-1");
    else if (o->type == APP_WORD)
        for (const char *const *w = app_opt_words(o); *w; w++)
            parley_buf_printf(b, "%s%s", w == app_opt_words(o) ? "" : ", ", *w);
}

/* Appends text wrapped at 79 columns; `col` is where the cursor is now and
 * continuation lines start at `indent`. */
static void wrap(parley_buf_t *b, const char *text, size_t col, size_t indent)
{
    const char *p = text;
    while (*p) {
        if (*p == '\n') {
            parley_buf_puts(b, "\n");
            for (col = 0; col < indent; col++)
                parley_buf_puts(b, " ");
            p++;
            continue;
        }
        size_t sp = strspn(p, " "), w = strcspn(p + sp, " \n");
        if (col + sp + w > 79 && col > indent) {
            parley_buf_puts(b, "\n");
            for (col = 0; col < indent; col++)
                parley_buf_puts(b, " ");
            p += sp;
            sp = 0;
        }
        parley_buf_append(b, p, sp + w);
        col += sp + w;
        p += sp + w;
    }
}

static void help_opt(parley_buf_t *b, const app_opt_t *o)
{
    parley_buf_t left, right;
    parley_buf_init(&left);
    parley_buf_init(&right);
    parley_buf_puts(&left, "  ");
    if (o->letter)
        parley_buf_printf(&left, "-%c, ", o->letter);
    parley_buf_printf(&left, "--%s", o->name);
    if (o->alias)
        parley_buf_printf(&left, ", --%s", o->alias);
    if (o->metavar)
        parley_buf_printf(&left, " %s", o->metavar);
    parley_buf_puts(&right, o->help);
    parley_buf_t d;
    parley_buf_init(&d);
    domain(&d, o);
    if (d.len && o->def)
        parley_buf_printf(&right, " (%s; default %s)", d.data, o->def);
    else if (d.len)
        parley_buf_printf(&right, " (%s)", d.data);
    else if (o->def)
        parley_buf_printf(&right, " (default %s)", o->def);
    if (o->flags & APP_REQUIRED)
        parley_buf_puts(&right, " (required)");
    parley_buf_free(&d);
    parley_buf_append(b, left.data, left.len);
    size_t col = left.len;
    if (col + 2 > 26) {
        parley_buf_puts(b, "\n");
        col = 0;
    }
    for (; col < 26; col++)
        parley_buf_puts(b, " ");
    wrap(b, right.data ? right.data : "", 26, 26);
    parley_buf_puts(b, "\n");
    parley_buf_free(&left);
    parley_buf_free(&right);
}

static void help_overview(parley_buf_t *b)
{
    parley_buf_puts(b, "usage: parley COMMAND [ARGS]\n\n"
                       "Parley analyses multi-party, multi-issue negotiations described in a\n"
                       "scenario file (docs/scenario-format.md).\n\ncommands:\n");
    for (const app_cmd_t *const *c = app_commands; *c; c++) {
        char left[64];
        snprintf(left, sizeof left, "  %s %s", (*c)->name, (*c)->brief);
        parley_buf_puts(b, left);
        size_t col = strlen(left);
        if (col + 2 > 26) {
            parley_buf_puts(b, "\n");
            col = 0;
        }
        for (; col < 26; col++)
            parley_buf_puts(b, " ");
        wrap(b, (*c)->summary, 26, 26);
        parley_buf_puts(b, "\n");
    }
    parley_buf_puts(b, "  --version               print the version\n\n"
                       "`parley help COMMAND` lists a command's options (docs/options.md has\n"
                       "them all, with their API names).\n"
                       "exit codes: 0 ok, 1 bad input, 2 usage, 3 internal error\n");
}

void app_help(parley_buf_t *b, const app_cmd_t *cmd)
{
    if (!cmd) {
        help_overview(b);
        return;
    }
    parley_buf_printf(b, "usage: parley %s %s\n", cmd->name, cmd->usage);
    if (cmd->about && *cmd->about) {
        parley_buf_puts(b, "\n");
        wrap(b, cmd->about, 0, 0);
        parley_buf_puts(b, "\n");
    }
    for (const app_group_t *g = cmd->groups; g->opts; g++) {
        int any = 0;
        for (const app_opt_t *o = g->opts; o->name; o++)
            any |= (o->where & APP_CLI) && !(o->flags & APP_HIDDEN);
        if (!any)
            continue;
        parley_buf_printf(b, "\n%s:\n", g->title ? g->title : "options");
        for (const app_opt_t *o = g->opts; o->name; o++)
            if ((o->where & APP_CLI) && !(o->flags & APP_HIDDEN))
                help_opt(b, o);
    }
    if (cmd->notes) /* laid out by hand */
        parley_buf_printf(b, "\n%s\n", cmd->notes);
}

/* ---- docs/options.md */

static void md_cell(parley_buf_t *b, const char *s)
{
    for (; s && *s; s++)
        parley_buf_printf(b, "%s", *s == '|' ? "\\|" : *s == '\n' ? " " : (char[2]){*s, 0});
}

static void md_command(parley_buf_t *b, const app_cmd_t *cmd)
{
    parley_buf_printf(b, "## parley %s\n\n`parley %s %s`", cmd->name, cmd->name, cmd->usage);
    if (cmd->api)
        parley_buf_printf(b, " · `POST %s`", cmd->api);
    parley_buf_puts(b, "\n\n");
    md_cell(b, cmd->summary);
    parley_buf_puts(b, ".\n\n| option | API parameter | value | default | meaning |\n"
                       "|---|---|---|---|---|\n");
    for (const app_group_t *g = cmd->groups; g->opts; g++)
        for (const app_opt_t *o = g->opts; o->name; o++) {
            if (o->flags & APP_HIDDEN)
                continue;
            parley_buf_puts(b, "| ");
            if (o->where & APP_CLI) {
                if (o->letter)
                    parley_buf_printf(b, "`-%c`, ", o->letter);
                parley_buf_printf(b, "`--%s`", o->name);
                if (o->alias)
                    parley_buf_printf(b, ", `--%s`", o->alias);
            } else {
                parley_buf_puts(b, "-");
            }
            parley_buf_puts(b, " | ");
            if (cmd->api && (o->where & APP_API))
                parley_buf_printf(b, "`%s`%s", o->name, (o->where & APP_PAGE) ? " (page)" : "");
            else
                parley_buf_puts(b, "-");
            parley_buf_printf(b, " | %s", TYPE_NAMES[o->type]);
            parley_buf_t d;
            parley_buf_init(&d);
            domain(&d, o);
            if (d.len) {
                parley_buf_puts(b, ": ");
                md_cell(b, d.data);
            }
            parley_buf_free(&d);
            parley_buf_puts(b, " | ");
            md_cell(b, o->def ? o->def : "");
            parley_buf_puts(b, " | ");
            md_cell(b, o->help);
            if (o->flags & APP_REQUIRED)
                parley_buf_puts(b, " (required)");
            parley_buf_puts(b, " |\n");
        }
    parley_buf_puts(b, "\n");
}

void app_options_markdown(parley_buf_t *b)
{
    parley_buf_puts(b, "# Options of every command\n\n"
                       "Generated from the option tables (src/app/opt_tables.c) by\n"
                       "`parley help --markdown`; tests/options_test.sh fails when this file\n"
                       "and the tables differ. The same table drives the command line, the\n"
                       "JSON API's parameters (docs/api.md; `(page)`: the web page shows a\n"
                       "control for it) and `parley help COMMAND`. A flag's API value is 1,\n"
                       "true, yes or empty to set it and 0, false or no to clear it; `_` and\n"
                       "`-` are alike in parameter names.\n\n"
                       "Value types: *whole* a whole number (1e6 is accepted), *number* any\n"
                       "number, *seed* a whole number from 0 to 2^64-1 written in digits (the\n"
                       "one seed rule of every command), *word* one of the listed words\n"
                       "(`--format text` is accepted as `table`), *text* ids or a path,\n"
                       "*set* `PATH=VALUE` (repeatable; docs/scenario-format.md).\n\n");
    for (const app_cmd_t *const *c = app_commands; *c; c++)
        md_command(b, *c);
}

/* ---- GET /api/options */

static void json_opt(parley_json_t *j, const app_opt_t *o)
{
    parley_json_object_begin(j);
    parley_json_key(j, "name");
    parley_json_string(j, o->name);
    parley_json_key(j, "type");
    parley_json_string(j, TYPE_NAMES[o->type]);
    if (o->type == APP_UINT || o->type == APP_REAL) {
        parley_json_key(j, "min");
        parley_json_number(j, o->lo);
        parley_json_key(j, "max");
        parley_json_number(j, o->hi);
    }
    if (o->type == APP_WORD) {
        parley_json_key(j, "words");
        parley_json_array_begin(j);
        for (const char *const *w = app_opt_words(o); *w; w++)
            parley_json_string(j, *w);
        parley_json_array_end(j);
    }
    parley_json_key(j, "default");
    parley_json_string(j, o->def);
    parley_json_key(j, "page");
    parley_json_bool(j, (o->where & APP_PAGE) != 0);
    parley_json_key(j, "help");
    parley_json_string(j, o->help);
    parley_json_object_end(j);
}

void app_options_json(parley_json_t *j)
{
    parley_json_object_begin(j);
    parley_json_key(j, "commands");
    parley_json_object_begin(j);
    for (const app_cmd_t *const *c = app_commands; *c; c++) {
        if (!(*c)->api)
            continue;
        parley_json_key(j, (*c)->name);
        parley_json_object_begin(j);
        parley_json_key(j, "endpoint");
        parley_json_string(j, (*c)->api);
        parley_json_key(j, "parameters");
        parley_json_array_begin(j);
        for (const app_group_t *g = (*c)->groups; g->opts; g++)
            for (const app_opt_t *o = g->opts; o->name; o++)
                if ((o->where & APP_API) && !(o->flags & APP_HIDDEN))
                    json_opt(j, o);
        parley_json_array_end(j);
        parley_json_object_end(j);
    }
    parley_json_object_end(j);
    parley_json_object_end(j);
}
