/*
 * loader.h — helpers shared by the scenario loader's files: typed reads of
 * tree nodes that report "file:line:col: <what> must be ..., got ...".
 */
#ifndef PARLEY_LOADER_H
#define PARLEY_LOADER_H

#include "ytree.h"
#include "parley/io.h"

#define PARLEY_MAX_ACTORS 1024
#define PARLEY_MAX_ISSUES 4096
#define PARLEY_MAX_OPTIONS 64
#define PARLEY_MAX_PROPOSALS 4096
#define PARLEY_MAX_POINTS 256
/* A scale's ends lie within +-1e15: its span, grid and every position on it
 * stay finite and exact (docs/scenario-format.md, "Limits"). */
#define PARLEY_MAX_SCALE_END 1e15
/* Dense tables are bounded too, so a small file cannot demand a large one. */
#define PARLEY_MAX_STANCES (1 << 18)   /* actors x issues */
#define PARLEY_MAX_POSITIONS (1 << 20) /* proposals x issues */

typedef struct loader {
    parley_ctx_t *ctx;
    parley_scenario_t *s;
    const char *name;
    const parley_override_t *ov; /* the overrides applied to the tree (split) */
    size_t n_ov;
    /* Collect mode (parley_ctx_set_max_errors): the loader goes on after an
     * input error at the next item, key or section, and the flags below keep
     * it from reporting consequences of an error already reported. */
    int collect, halt;            /* halt: an error it cannot go past */
    int lost_actors, lost_issues, lost_proposals, lost_stances; /* some ids unknown */
    int unknown_row;              /* a row of 'stances' named an unknown actor */
    unsigned char *bad_actor;     /* per actor: an error in it or its stances */
    unsigned char *bad_issue;     /* per issue: its definition failed */
    struct loader_name *named;    /* unknown names reported (parley__lonce) */
} loader_t;

/* Records "name:line:col: message" and returns PARLEY_EINPUT. A node made
 * by override k is located as "name: set PATH=VALUE: message"; any other
 * message of a load with overrides says which ones changed the file. In
 * collect mode a scalar already reported (an alias repeats its anchor's
 * node) is not reported again. */
parley_status_t parley__lerr(loader_t *L, const yt_node_t *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* PARLEY_EINPUT without a message: a consequence of an error already
 * reported (collect mode only). */
parley_status_t parley__lquiet(loader_t *L);
/* Folds a step's status into *first (the status to return: the first
 * error's). Returns 0 when loading may go on: st is PARLEY_OK, or an input
 * error and the context collects; else 1 (and the loader halts for good). */
int parley__lstop(loader_t *L, parley_status_t st, parley_status_t *first);
/* Collect mode: 1 when the unknown `name` of `kind` (an option of the issue
 * `scope`, an actor, ...) was reported already; else remembers it and
 * returns 0. A name misspelt in its definition is unknown wherever it is
 * used: that is one mistake, reported once. Always 0 without collect mode. */
int parley__lonce(loader_t *L, const char *kind, const char *scope, const char *name);
/* Per-item marks for collect mode (no-ops without it). */
void parley__lmark(unsigned char *flags, size_t i);
int parley__lbad(const unsigned char *flags, size_t i);
parley_status_t parley__lexpect(loader_t *L, const yt_node_t *n, yt_kind_t kind,
                                const char *what);
/* Every key of map must be in allowed (NULL-terminated); else an error with
 * a did-you-mean suggestion and the list of allowed keys. */
parley_status_t parley__lkeys(loader_t *L, const yt_node_t *map, const char *const *allowed,
                              const char *what);
const yt_node_t *parley__lget(const yt_node_t *map, const char *key);
/* A scalar copied into the scenario; null scalars give NULL when optional. */
parley_status_t parley__lstring(loader_t *L, const yt_node_t *n, const char *what,
                                const char **out);
/* An optional string key of map (absent or null: *out = NULL). */
parley_status_t parley__lopt_string(loader_t *L, const yt_node_t *map, const char *key,
                                    const char *what, const char **out);
parley_status_t parley__lid(loader_t *L, const yt_node_t *n, const char *what, const char **out);
/* The head every id-keyed list item shares: n must be a mapping with an
 * 'id' (checked as idkind, e.g. "actor id"), its keys among keys, and
 * optional 'name' (default: the id), 'source' and 'notes' (notes may be
 * NULL when the item keeps none; the key must then still be allowed to be
 * read). On entry what (cap bytes) names the item by its place, "actor
 * #3"; on success it names it by its id, "actor 'RUS'" (label + 'id'). */
typedef struct parley_litem {
    const char *id, *name, *source, *notes;
} parley_litem_t;
parley_status_t parley__litem(loader_t *L, const yt_node_t *n, const char *label,
                              const char *idkind, const char *const *keys, parley_litem_t *out,
                              char *what, size_t cap);
/* A number written plain or as {value: X, source: "..."}; *at gets the node
 * of the number itself (for later range errors); source may be NULL. */
parley_status_t parley__lnumber(loader_t *L, const yt_node_t *n, const char *what, double *out,
                                const char **source, const yt_node_t **at);
/* As parley__lnumber, and the number may also be written as a distribution
 * {dist: uniform|triangular|normal|beta, ...} whose range must lie in
 * [lo, hi]: then *out gets its point estimate and the scenario records an
 * uncertain input labelled `what`, keyed `path`, living at out (which must
 * be scenario memory). load_dist.c. */
parley_status_t parley__lnumber_u(loader_t *L, const yt_node_t *n, const char *what,
                                  const char *path, double lo, double hi, double *out,
                                  const char **source, const yt_node_t **at);
/* "unknown actor 'X'" (issues == 0) or "unknown issue 'X'", with a
 * did-you-mean suggestion, located at `at`; `what` prefixes the message. */
parley_status_t parley__lunknown(loader_t *L, const yt_node_t *at, const char *what, int issues);
/* Parses a YAML/JSON decimal number (digits may be grouped with '_'). */
int parley__parse_number(const char *s, double *out);

/* An id made from free text: the id alphabet, other characters as '-',
 * made unique against ids[0..n-1] with a "-2", "-3" suffix. */
char *parley__make_id(parley__arena_t *a, const char *name, char **ids, size_t n, int lower);

/* ---- Writing scenario YAML (the importers): a double-quoted string with
 * escapes, the shortest exact number, the last component of a path. */
void parley__yaml_qstr(parley_buf_t *b, const char *s);
void parley__yaml_num(parley_buf_t *b, double v);
const char *parley__base_name(const char *path);

/* ---- Overrides (load_set.c). parley__take_overrides checks ov[0..n-1]
 * (syntax and limits) and copies them, split into path and value, into the
 * scenario (L->s->ov, L->ov). parley__apply_overrides then applies L->ov to
 * the tree at *root, copying every node it changes (nodes may be shared
 * through aliases) into `tree`. Errors name the override: "name: set
 * PATH=VALUE: message". */
parley_status_t parley__take_overrides(loader_t *L, const parley_override_t *ov, size_t n);
parley_status_t parley__apply_overrides(loader_t *L, parley__arena_t *tree, yt_node_t **root);

/* The sections, in load order. */
parley_status_t parley__load_actors(loader_t *L, const yt_node_t *seq);
parley_status_t parley__load_issues(loader_t *L, const yt_node_t *seq);
parley_status_t parley__load_stances(loader_t *L, const yt_node_t *map);
parley_status_t parley__load_proposals(loader_t *L, const yt_node_t *seq);
/* The optional `ratification:` section, after the proposals (load_ratify.c). */
parley_status_t parley__load_ratification(loader_t *L, const yt_node_t *seq);
/* `public: {BODY: {SEGMENT: shift}}` of an event or a tactic (load_ratify.c):
 * *out gets the shifts, flat over every body's members. */
parley_status_t parley__load_public(loader_t *L, const yt_node_t *map, const char *what,
                                    const char *path, const double **out);
/* `constraints:`, `red_lines:` and `terms:` of the root (each optional;
 * load_links.c), after the stances. */
parley_status_t parley__load_links(loader_t *L, const yt_node_t *root);
/* Every actor cares about something (a salience or a term weight > 0);
 * after the links. `map` is the 'stances' section. */
parley_status_t parley__check_cares(loader_t *L, const yt_node_t *map);
/* An option id of issue `is`, with did-you-mean when unknown. */
parley_status_t parley__lfind_option(loader_t *L, const parley_issue_t *is, const yt_node_t *n,
                                     const char *what, size_t *k);
parley_status_t parley__load_simulation(loader_t *L, const yt_node_t *map);
/* load_choice.c: {dist: choice, options, p, value, source}. The reader
 * fills option k of c from node opt (as the plain setting is read) and
 * gives its name as written; parley__lchoice records the uncertain input,
 * sets the point estimate's option in the settings and gives its index. */
typedef parley_status_t (*parley__choice_read_t)(loader_t *L, const yt_node_t *opt,
                                                 parley__choice_t *c, size_t k,
                                                 const char **name, void *arg);
int parley__lis_choice(const yt_node_t *n);
parley_status_t parley__lchoice(loader_t *L, const yt_node_t *n, const char *what,
                                const char *path, parley__choice_what_t kind, size_t actor,
                                parley__choice_read_t read, void *arg, size_t *base);
/* ---- Walk-outs and structural uncertainty (load_walkout.c). */
/* An actor's `essential: true|false` (n may be NULL: false). */
parley_status_t parley__load_essential(loader_t *L, const yt_node_t *n, parley_actor_t *a,
                                       const char *what);
/* One stance of actor i on issue j from node n into *st (the scenario's
 * table, or a new government's row; i = (size_t)-1 for a ratifying body's
 * member, load_ratify.c); red_below/red_above preset to -HUGE_VAL/HUGE_VAL;
 * `label` begins its messages ("actor 'USA'"), `prefix` the paths of its
 * uncertain inputs ("stances.USA", "ratification.B.members.M.stances"). */
parley_status_t parley__load_stance(loader_t *L, const yt_node_t *n, size_t i, size_t j,
                                   parley_stance_t *st, const char *label, const char *prefix);
/* The optional `blocs:` section (load_blocs.c), after the actors. */
parley_status_t parley__load_blocs(loader_t *L, const yt_node_t *seq);
/* Blocs and governments (load_gov.c): an event's `government:` into *out. */
parley_status_t parley__load_government(loader_t *L, const yt_node_t *n, const char *what,
                                        const char *path, const parley_government_t **out);
/* The optional `smp:` section (NULL: defaults), after the actors (load_smp.c). */
parley_status_t parley__load_smp(loader_t *L, const yt_node_t *map);
/* The optional `transfers:` section (NULL: none), after the actors (load_transfers.c). */
parley_status_t parley__load_transfers(loader_t *L, const yt_node_t *seq);

#endif
