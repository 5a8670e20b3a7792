/*
 * help.c — `parley help [COMMAND]`: the overview and each command's usage,
 * made from the declared option tables (src/app/opt_tables.c), so help,
 * parser and docs cannot disagree. `parley help --markdown` writes
 * docs/options.md, which tests/options_test.sh keeps in step.
 */
#include <string.h>
#include "cli.h"

int cli_help_for(const char *cmd, FILE *f)
{
    const app_cmd_t *c = cmd ? app_command(cmd) : NULL;
    if (cmd && !c)
        return -1;
    parley_buf_t b;
    parley_buf_init(&b);
    app_help(&b, c);
    if (b.data)
        fputs(b.data, f);
    parley_buf_free(&b);
    return 0;
}

int cmd_help(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--markdown") == 0) {
        parley_buf_t b;
        parley_buf_init(&b);
        app_options_markdown(&b);
        if (b.data)
            fputs(b.data, stdout);
        parley_buf_free(&b);
        return EXIT_OK;
    }
    if (argc < 2) {
        cli_help_for(NULL, stdout);
        return EXIT_OK;
    }
    if (cli_help_for(argv[1], stdout) != 0)
        return cli_error("help", EXIT_USAGE, "no command '%s'; see 'parley help'", argv[1]);
    return EXIT_OK;
}
