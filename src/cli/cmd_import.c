/*
 * cmd_import.c — `parley import actors TABLE.csv -o scenario.yaml`: turns
 * a published actor table into a scenario file. The YAML written is loaded
 * back before it is saved, so an import never produces a file that
 * `parley check` would reject.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

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
    parley_status_t st = parley_read_file(ctx, path, MAX_TABLE_BYTES, &buf, &len);
    if (st == PARLEY_OK)
        st = parley_actor_table_parse(ctx, path, buf, len, &t);
    if (st == PARLEY_OK)
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
        if (rc == EXIT_OK && out && strcmp(out, "-") != 0)
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

int cmd_import(int argc, char **argv)
{
    const char *out = NULL;
    const cli_opt_t opts[] = {{"-o", "FILE", &out}, {"--output", "FILE", &out}, {NULL, NULL, NULL}};
    const char *pos[2];
    int npos, rc = cli_parse("import", argc, argv, opts, pos, 2, &npos);
    if (rc)
        return rc == CLI_HELP ? EXIT_OK : rc;
    if (npos < 1)
        return cli_error("import", EXIT_USAGE, "needs a kind: 'parley import actors TABLE.csv'");
    if (strcmp(pos[0], "actors") != 0) {
        const char *kinds[] = {"actors"};
        const char *hint = parley_suggest(pos[0], kinds, 1);
        return cli_error("import", EXIT_USAGE, "unknown kind '%s'%s%s%s; this version imports 'actors'",
                         pos[0], hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
    }
    if (npos != 2)
        return cli_error("import", EXIT_USAGE, "needs a table: 'parley import actors TABLE.csv'");
    return import_actors(pos[1], out);
}
