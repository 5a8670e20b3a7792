/*
 * opt.h — the declared options of every command: one table per command,
 * from which the CLI parser and its messages, the HTTP API's parameters and
 * their messages, `parley help CMD`, the option lists of docs/options.md and
 * the web page's controls (GET /api/options) are all made. Nothing else
 * lists an option. Values are checked here, once, by type and range.
 */
#ifndef PARLEY_APP_OPT_H
#define PARLEY_APP_OPT_H

#include <stddef.h>
#include <stdint.h>
#include "parley/common.h"
#include "parley/io.h"

/* Every option any command takes: the index of its value in app_args_t. */
typedef enum app_key {
    APP_O_FORMAT, APP_O_OUTPUT, APP_O_COLOR, APP_O_PROGRESS, APP_O_QUIET, APP_O_DB, APP_O_SET,
    APP_O_PROPOSAL, APP_O_ALL, APP_O_DETAIL, APP_O_SOURCES, APP_O_GRID, APP_O_ACTORS,
    APP_O_METHOD, APP_O_MAX_MEMORY, APP_O_LIMIT, APP_O_SEED, APP_O_BUDGET, APP_O_SAMPLES,
    APP_O_DROP, APP_O_X, APP_O_Y, APP_O_MODEL, APP_O_TRACE, APP_O_NEAREST, APP_O_Q, APP_O_NO_RISK,
    APP_O_OFFER, APP_O_EUM_CONFLICT, APP_O_EUM_SECURITY, APP_O_EUM_TIE_TOL, APP_O_ROUNDS, APP_O_TOL, APP_O_GAMMA, APP_O_NASH_SALIENCE, APP_O_SMP_VICTORY,
    APP_O_SMP_PCE, APP_O_SMP_VOTING, APP_O_SMP_RISK_ADJUST, APP_O_SMP_RISK_RANGE,
    APP_O_SMP_COMMIT, APP_O_SMP_INTERP, APP_O_SMP_BARGAIN, APP_O_SMP_MODE,
    APP_O_SMP_CHALLENGE_VICTORY, APP_O_SMP_SALIENCE, APP_O_SMP_GROUP_PROBABILITY, APP_O_WITHOUT, APP_O_JOIN, APP_O_LEAVE,
    APP_O_PROTOCOL, APP_O_MEETING, APP_O_HORIZON, APP_O_THREADS, APP_O_WHAT, APP_O_METRIC,
    APP_O_LOW, APP_O_HIGH, APP_O_DEU, APP_O_CAPABILITY, APP_O_RESAMPLES, APP_O_NO_INSTITUTIONS,
    APP_O_MISSING_SALIENCE, APP_O_PUBLISHED, APP_O_UNCERTAIN, APP_O_SCENARIO, APP_O_ROOT, APP_O_PORT,
    APP_O_BIND, APP_O_ALLOW_REMOTE, APP_O_MAX_BODY, APP_O_TIME_LIMIT, APP_O_MAX_JOBS,
    APP_O_QUEUE_WAIT, APP_O_MAX_SAMPLES, APP_O_MAX_THREADS,
    APP_O_MAX_PER_CLIENT, APP_O_HEADER_TIMEOUT, APP_O_BODY_TIMEOUT,
    APP_O_HELDOUT, APP_O_SPLIT_SEED, APP_O_SENSITIVITY,
    APP_O_COUNT
} app_key_t;

typedef enum app_type {
    APP_FLAG, /* no value; in the API 1, true, yes or empty set it, 0, false, no clear it */
    APP_TEXT, /* free text: ids, lists of ids, a path; checked by the analysis */
    APP_WORD, /* one of the option's words */
    APP_UINT, /* a whole number from lo to hi (1e6 is accepted) */
    APP_REAL, /* a number from lo to hi */
    APP_SEED, /* a whole number from 0 to 2^64-1, as digits: the one seed rule */
    APP_SET   /* PATH=VALUE[,PATH=VALUE...], repeatable */
} app_type_t;

/* Where an option applies. */
enum { APP_CLI = 1u, APP_API = 2u, APP_PAGE = 4u, APP_BOTH = 3u, APP_ALL = 7u };
/* Option flags. */
enum { APP_REQUIRED = 1u, APP_HIDDEN = 2u };

typedef struct app_opt {
    app_key_t key;
    const char *name;          /* the long name: --name on the CLI, name in the API */
    char letter;               /* a one-letter CLI name (-n, -o) and API synonym, or 0 */
    const char *alias;         /* another long name (--samples for -n), or NULL */
    app_type_t type;
    const char *metavar;       /* N, FILE, IDS ... (NULL for a flag) */
    double lo, hi;             /* APP_UINT, APP_REAL */
    const char *const *words;  /* APP_WORD: NULL-terminated */
    const char *def;           /* the default as shown and parsed, or NULL: none */
    unsigned where, flags;
    const char *help;          /* one sentence or two; wrapped by the help writer */
} app_opt_t;

/* A titled group of options, terminated by an entry whose name is NULL. */
typedef struct app_group {
    const char *title;         /* NULL: the command's own options */
    const app_opt_t *opts;
} app_group_t;

typedef struct app_cmd {
    const char *name;          /* "space" */
    const char *brief;         /* its arguments in `parley help`: "FILE|DIR" */
    const char *summary;       /* the line in `parley help` */
    const char *usage;         /* after "parley NAME ": "FILE|DIR [options]" */
    const char *about;         /* paragraphs of `parley help NAME` */
    unsigned min_pos, max_pos; /* positional arguments (FILE ...) */
    const char *api;           /* its HTTP endpoint ("/api/space"), or NULL */
    const app_group_t *groups; /* terminated by a group whose opts is NULL */
    const char *notes;         /* text after the options, laid out by hand, or NULL */
} app_cmd_t;

/* The words of an APP_WORD option (the SMP's come from the library). */
const char *const *app_opt_words(const app_opt_t *o);

/* The commands, in the order `parley help` lists them; NULL-terminated. */
extern const app_cmd_t *const app_commands[];
/* The command named name, or NULL. */
const app_cmd_t *app_command(const char *name);
/* The option of cmd with this key, or NULL when cmd does not take it. */
const app_opt_t *app_cmd_opt(const app_cmd_t *cmd, app_key_t key);

#define APP_MAX_POS 1001 /* parley runs export ID... */
#define APP_MAX_SET 256

/* Who gave the values: names in messages follow it (--seed vs parameter 'seed'). */
typedef enum app_src { APP_SRC_CLI, APP_SRC_API } app_src_t;

typedef struct app_val {
    int given;           /* given by the user (else the default, if any) */
    const char *text;    /* as given, or the default; NULL when neither */
    double num;          /* APP_UINT, APP_REAL */
    uint64_t u;          /* APP_UINT, APP_SEED */
    int word;            /* APP_WORD: the index in words; APP_FLAG: 1 when set */
} app_val_t;

typedef struct app_args {
    const app_cmd_t *cmd;
    app_src_t src;
    app_val_t v[APP_O_COUNT];
    const char *pos[APP_MAX_POS];
    size_t n_pos;
    const char *set[APP_MAX_SET]; /* each --set as given, in order */
    size_t n_set;
} app_args_t;

/* The result of app_parse_argv when --help was given (the help is printed). */
#define APP_HELP ((parley_status_t)-1)

/*
 * Parses a command line (argv[1..]; argv[0] is the command's name) against
 * cmd's table into *a, defaults filled in. Strings point into argv. Returns
 * PARLEY_OK, APP_HELP (help written to stdout), or PARLEY_EARG with the
 * message on ctx ("--grid must be a whole number from 2 to 1000, got '1'").
 */
parley_status_t app_parse_argv(parley_ctx_t *ctx, const app_cmd_t *cmd, int argc, char **argv,
                               app_args_t *a);

/* One query parameter of an API request. */
typedef struct app_param {
    const char *key, *value;
} app_param_t;

/*
 * Parses API parameters against cmd's table (the options whose `where`
 * has APP_API); `_` and `-` are alike in keys; keys for which skip(key)
 * is true are the caller's (may be NULL). PARLEY_EARG with the message on
 * ctx naming the parameter ("parameter 'seed' must be ...").
 */
parley_status_t app_parse_params(parley_ctx_t *ctx, const app_cmd_t *cmd, const app_param_t *p,
                                 size_t n, int (*skip)(const char *key), app_args_t *a);

/* A whole number, as digits or as a number such as 1e6 that is whole (the
 * rule of every APP_UINT option); 0 when it is not one or is past 2^64-1. */
int app_parse_whole(const char *s, uint64_t *out);

/* Value helpers: the option's text, or NULL when neither given nor defaulted. */
static inline const char *app_text(const app_args_t *a, app_key_t k) { return a->v[k].text; }
static inline int app_given(const app_args_t *a, app_key_t k) { return a->v[k].given; }
static inline int app_flag(const app_args_t *a, app_key_t k) { return a->v[k].word; }
/* The text of option k as given, or NULL when not given (a flag: "1" when
 * set), for analyses that keep their own defaults. */
static inline const char *app_arg(const app_args_t *a, app_key_t k)
{
    return a && a->v[k].given ? a->v[k].text : NULL;
}

/* How the option is named to whoever gave it: "--grid" or "grid". */
const char *app_opt_label(const app_args_t *a, app_key_t k);

/* Records "NAME must be ..."-style failures naming option k as the source
 * spells it: app_fail_opt(ctx, a, APP_O_ACTORS, "no actor '%s'", id). */
parley_status_t app_fail_opt(parley_ctx_t *ctx, const app_args_t *a, app_key_t k,
                             const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* ---- made from the tables */

/* `parley help` (cmd NULL) or `parley help CMD`. */
void app_help(parley_buf_t *b, const app_cmd_t *cmd);
/* docs/options.md: every command's options as Markdown tables. */
void app_options_markdown(parley_buf_t *b);
/* GET /api/options: the API's parameters of every command with an endpoint. */
void app_options_json(parley_json_t *j);

#endif
