/*
 * cmd_import.c — `parley import actors TABLE.csv -o scenario.yaml` turns
 * a published actor table (or KTAB's XML scenario, told apart by content)
 * into a scenario file; `parley import genius DIR`
 * a GENIUS / GeniusWeb negotiation domain. The YAML written is loaded
 * back before it is saved, so an import never produces a file that
 * `parley check` would reject.
 */
#include <stdlib.h>
#include <string.h>
#include "../app/args.h"
#include "cli.h"
#include "parley/ktab.h"

#define MAX_TABLE_BYTES (16u * 1024u * 1024u)

static int import_actors(const char *path, const char *out)
{
    parley_ctx_t *ctx = parley_ctx_create();
    if (!ctx)
        return cli_error("import", EXIT_INTERNAL, "out of memory");
    char *buf = NULL;
    size_t len = 0;
    parley_actor_table_t *t = NULL;
    parley_scenario_t *s = NULL;
    parley_buf_t yaml;
    parley_buf_init(&yaml);
    parley_ktab_info_t kx = {0};
    parley_status_t st = parley_read_file(ctx, path, MAX_TABLE_BYTES, &buf, &len);
    int xml = st == PARLEY_OK && parley_ktab_is_xml(buf, len); /* KTAB's XML scenario */
    if (st == PARLEY_OK && xml)
        st = parley_ktab_xml_to_yaml(ctx, path, buf, len, &yaml, &kx);
    else if (st == PARLEY_OK)
        st = parley_actor_table_parse(ctx, path, buf, len, &t);
    if (st == PARLEY_OK && !xml)
        st = parley_actor_table_to_yaml(ctx, t, path, &yaml);
    int rc;
    if (st) {
        rc = cli_fail("import", ctx, st);
    } else if ((st = parley_scenario_load_buffer(ctx, out ? out : "(output)", yaml.data,
                                                 yaml.len, &s)) != PARLEY_OK) {
        /* The table parsed but the scenario does not hold together (e.g. an
         * actor with zero salience everywhere): say so in the table's terms. */
        rc = cli_error("import", EXIT_INPUT, "%s: the imported scenario is not valid: %s", path,
                       parley_ctx_message(ctx));
    } else {
        rc = cli_emit("import", ctx, &yaml, out);
        if (rc == EXIT_OK && out && strcmp(out, "-") != 0 && xml)
            fprintf(stderr, "parley import: wrote %s: %zu actors, %zu issues (KTAB XML; %zu model "
                            "parameter%s, %zu accommodation entr%s)\n", out, kx.n_actors,
                    kx.n_dims, kx.n_params, kx.n_params == 1 ? "" : "s", kx.n_adjust,
                    kx.n_adjust == 1 ? "y" : "ies");
        else if (rc == EXIT_OK && out && strcmp(out, "-") != 0)
            fprintf(stderr, "parley import: wrote %s: %zu actors, %zu issues (%s layout)\n", out,
                    t->n_actors, t->n_dims, t->layout);
    }
    parley_scenario_destroy(s);
    parley_buf_free(&yaml);
    parley_actor_table_destroy(t);
    free(buf);
    parley_ctx_destroy(ctx);
    return rc;
}

/* Lines of the import's comment header that start with `prefix`. */
static size_t count_lines(const parley_buf_t *yaml, const char *prefix)
{
    size_t n = 0, len = strlen(prefix);
    for (const char *p = yaml->data; p && *p == '#'; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        n += strncmp(p, prefix, len) == 0;
    return n;
}

/* The non-linear profiles' conversions back to GENIUS's scale (comment
 * lines "# GENIUS utility of ..."), repeated in the import's report. */
static void report_conversions(const parley_buf_t *yaml)
{
    static const char prefix[] = "# GENIUS utility of ";
    for (const char *p = yaml->data; p && *p == '#'; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        if (strncmp(p, prefix, sizeof prefix - 1) != 0)
            continue;
        const char *end = strchr(p, '\n');
        fprintf(stderr, "parley import: %.*s\n", (int)(end ? end - p - 2 : (long)strlen(p + 2)),
                p + 2);
    }
}

static int import_genius(const char *dir, const char *out, unsigned flags)
{
    parley_ctx_t *ctx = parley_ctx_create();
    if (!ctx)
        return cli_error("import", EXIT_INTERNAL, "out of memory");
    parley_scenario_t *s = NULL;
    parley_buf_t yaml;
    parley_buf_init(&yaml);
    parley_status_t st = parley_genius_to_yaml_ex(ctx, dir, flags, &yaml);
    int rc;
    if (st) {
        rc = cli_fail("import", ctx, st);
    } else if ((st = parley_scenario_load_buffer(ctx, out ? out : "(output)", yaml.data,
                                                 yaml.len, &s)) != PARLEY_OK) {
        rc = cli_error("import", EXIT_INPUT, "%s: the imported scenario is not valid: %s", dir,
                       parley_ctx_message(ctx));
    } else {
        rc = cli_emit("import", ctx, &yaml, out);
        size_t skipped = count_lines(&yaml, "# skipped ");
        if (rc == EXIT_OK && out && strcmp(out, "-") != 0)
            fprintf(stderr, "parley import: wrote %s: %zu actors, %zu issues (%s%s%zu file%s "
                            "skipped)\n", out, parley_scenario_actor_count(s),
                    parley_scenario_issue_count(s),
                    strstr(yaml.data, "(GeniusWeb JSON:") ? "GeniusWeb JSON" : "GENIUS XML", "; ",
                    skipped, skipped == 1 ? "" : "s");
        if (rc == EXIT_OK && out && strcmp(out, "-") != 0)
            report_conversions(&yaml);
    }
    parley_scenario_destroy(s);
    parley_buf_free(&yaml);
    parley_ctx_destroy(ctx);
    return rc;
}

int cmd_import(int argc, char **argv)
{
    app_args_t a;
    int rc = cli_args("import", argc, argv, &a);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    const char *out = app_arg(&a, APP_O_OUTPUT), *uncertain = app_arg(&a, APP_O_UNCERTAIN);
    const char *const *pos = a.pos;
    size_t npos = a.n_pos;
    if (npos < 1)
        return cli_error("import", EXIT_USAGE,
                         "needs a kind: 'parley import actors TABLE.csv' or 'parley import "
                         "genius DIR'");
    if (strcmp(pos[0], "genius") == 0) {
        if (npos != 2)
            return cli_error("import", EXIT_USAGE, "needs a folder: 'parley import genius DIR'");
        return import_genius(pos[1], out, uncertain ? PARLEY_GENIUS_UNCERTAIN : 0);
    }
    if (strcmp(pos[0], "actors") != 0) {
        const char *kinds[] = {"actors", "genius"};
        const char *hint = parley_suggest(pos[0], kinds, 2);
        return cli_error("import", EXIT_USAGE,
                         "unknown kind '%s'%s%s%s; this version imports 'actors' and 'genius'",
                         pos[0], hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
    }
    if (uncertain)
        return cli_error("import", EXIT_USAGE, "--uncertain applies to 'import genius' only");
    if (npos != 2)
        return cli_error("import", EXIT_USAGE, "needs a table: 'parley import actors TABLE.csv'");
    return import_actors(pos[1], out);
}
