/*
 * parley/io.h — importers, writers and atomic output files.
 *
 * Ownership: parley_buf_t owns its bytes (free with parley_buf_free). An
 * actor table from parley_actor_table_parse is owned by the caller until
 * parley_actor_table_destroy. Nothing here keeps a pointer to its inputs.
 */
#ifndef PARLEY_IO_H
#define PARLEY_IO_H

#include <stddef.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A growable byte buffer, always NUL-terminated when len > 0 or after init. */
typedef struct parley_buf {
    char *data;
    size_t len, cap;
    int failed; /* an allocation failed: further appends are ignored */
} parley_buf_t;

/* Initialises an empty buffer; cannot fail. */
PARLEY_API void parley_buf_init(parley_buf_t *b);
PARLEY_API void parley_buf_free(parley_buf_t *b);
PARLEY_API void parley_buf_append(parley_buf_t *b, const char *bytes, size_t n);
PARLEY_API void parley_buf_puts(parley_buf_t *b, const char *s);
PARLEY_API void parley_buf_printf(parley_buf_t *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Writes len bytes to path atomically: a temporary file in the same folder,
 * fsync, rename. On failure no file is left at path (an existing file there
 * is untouched) and the message is on ctx. Only a regular file (or a new
 * one) is replaced, keeping its mode: a symbolic link is followed and the
 * file it leads to written the same way (one leading nowhere is refused); a
 * character device or a FIFO is written through, not replaced; a folder, a
 * block device or a socket is refused (PARLEY_EIO, nothing written).
 */
PARLEY_API parley_status_t parley_write_file_atomic(parley_ctx_t *ctx, const char *path,
                                                    const char *data, size_t len);

/*
 * Reads a whole file (at most max bytes) into *out (NUL-terminated, owned by
 * the caller: free()); *len gets its size.
 */
PARLEY_API parley_status_t parley_read_file(parley_ctx_t *ctx, const char *path, size_t max,
                                            char **out, size_t *len);

/* ---- JSON writer: streams into a parley_buf_t, tracks commas and nesting. */
typedef struct parley_json {
    parley_buf_t *out;
    int depth;
    int pretty;
    int after_key;           /* a key was just written: its value takes no comma */
    unsigned char first[64]; /* per depth: nothing written yet at this level */
} parley_json_t;

PARLEY_API void parley_json_init(parley_json_t *j, parley_buf_t *out, int pretty);
PARLEY_API void parley_json_object_begin(parley_json_t *j);
PARLEY_API void parley_json_object_end(parley_json_t *j);
PARLEY_API void parley_json_array_begin(parley_json_t *j);
PARLEY_API void parley_json_array_end(parley_json_t *j);
PARLEY_API void parley_json_key(parley_json_t *j, const char *key);
PARLEY_API void parley_json_string(parley_json_t *j, const char *s); /* NULL writes null */
/* Finite numbers with 17 significant digits trimmed; NaN/inf write null. */
PARLEY_API void parley_json_number(parley_json_t *j, double v);
PARLEY_API void parley_json_int(parley_json_t *j, long long v);
PARLEY_API void parley_json_bool(parley_json_t *j, int v);
PARLEY_API void parley_json_null(parley_json_t *j);

/* ---- CSV field quoting (RFC 4180): appends one field to b. */
PARLEY_API void parley_csv_field(parley_buf_t *b, const char *s);

/* ---- Actor tables (KTAB SMP CSV, BDM-style "Actor,Capability,Position,Salience"). */
typedef struct parley_actor_table {
    char *name;          /* scenario name (KTAB line 1), may be NULL */
    char *description;   /* may be NULL */
    size_t n_actors, n_dims;
    char **dim_names;    /* n_dims */
    char **actor_ids;    /* n_actors, sanitised to the id alphabet, unique */
    char **actor_names;  /* n_actors, as in the file */
    char **actor_desc;   /* n_actors, may be NULL entries */
    double *capability;  /* n_actors */
    double *position;    /* n_actors * n_dims, on the file's own scale */
    double *salience;    /* n_actors * n_dims, divided by 100 when the file used 0-100 */
    int salience_percent;/* the file's saliences were on 0-100 */
    char *layout;        /* "ktab" or "plain" */
} parley_actor_table_t;

/*
 * Parses an actor table from a CSV buffer; `name` is used in messages
 * (name:line:col). Recognises the KTAB SMP layout (line 1: scenario name,
 * description, actors, dimensions; line 2: header; then rows) and the plain
 * layout (a header row naming Actor, Capability or Influence or Power, then
 * Position and Salience columns, one pair per dimension).
 */
PARLEY_API parley_status_t parley_actor_table_parse(parley_ctx_t *ctx, const char *name,
                                                    const char *buf, size_t len,
                                                    parley_actor_table_t **out);
PARLEY_API void parley_actor_table_destroy(parley_actor_table_t *t);

/*
 * Writes the table as a scenario file (YAML, format 1) into out. Positions
 * keep the file's scale: each dimension becomes a continuous issue whose
 * scale is 0..100 when every position lies there, else the data's range.
 * BATNAs are not in such tables: they are written as 0 with a note.
 */
PARLEY_API parley_status_t parley_actor_table_to_yaml(parley_ctx_t *ctx,
                                                      const parley_actor_table_t *t,
                                                      const char *origin, parley_buf_t *out);

/* ---- GENIUS / GeniusWeb negotiation domains (docs/import-genius.md). */

/* Flag for parley_genius_to_yaml_ex: import type="UNCERTAIN" profiles as
 * ordinary parties (their utility function is complete) instead of skipping them. */
#define PARLEY_GENIUS_UNCERTAIN 1u

/*
 * Reads the folder `dir` holding one negotiation domain and one profile per
 * party and appends the equivalent scenario (YAML, format 1) to out. Files
 * are told apart by content, never by name: a GENIUS XML domain (a
 * <negotiation_template>, or a <utility_space> whose issues carry no
 * evaluations), GENIUS XML linear additive profiles (a <utility_space> with
 * weights and evaluations), GeniusWeb JSON profiles ("LinearAdditiveUtilitySpace")
 * and domains ("issuesValues"). Other files are skipped and named in a
 * "# skipped ..." comment line of the output; so are type="UNCERTAIN"
 * profiles. Every party gets capability 1 (GENIUS has none), its
 * reservation value as BATNA and its discount factor as `discount`; each
 * actor's utility equals GENIUS's U = sum_i w_i * eval_i (exactly when its
 * weights sum to 1). Needs one domain and at least two usable profiles.
 * On failure nothing is appended and ctx holds "path:line:col: what"; the
 * status is PARLEY_EINPUT, PARLEY_ELIMIT (a documented limit), PARLEY_EIO
 * or PARLEY_ENOMEM.
 */
PARLEY_API parley_status_t parley_genius_to_yaml(parley_ctx_t *ctx, const char *dir,
                                                 parley_buf_t *out);

/* As parley_genius_to_yaml, with flags (PARLEY_GENIUS_UNCERTAIN or 0). */
PARLEY_API parley_status_t parley_genius_to_yaml_ex(parley_ctx_t *ctx, const char *dir,
                                                    unsigned flags, parley_buf_t *out);

/* ---- What changed between two scenario texts, in the scenario's terms. */

typedef struct parley_scenario_change {
    const char *path; /* "actors.USA.batna", "stances.IRN.nato.red_line.options" */
    const char *what; /* "0.3 -> 0.4", "gained on-iaea-verification", "added", "removed" */
} parley_scenario_change_t;

/* Called once per change; a nonzero return stops the comparison. */
typedef int (*parley_scenario_change_fn)(void *arg, const parley_scenario_change_t *c);

/*
 * Compares two scenario texts (YAML or JSON, read as the loader reads them)
 * and calls fn on each change in document order: a value that differs
 * (numbers by value: 0.30 is 0.3; a {value: ...} wrapper is looked
 * through), a key or a record of an id-keyed list (actors, issues,
 * proposals, options) added or removed, a list of words that gained or lost
 * words. Long values are cut to about 60 bytes. *n (may be NULL) gets the
 * number of changes. PARLEY_EINPUT with "first scenario:line:col: ..." when
 * a text does not parse; the strings passed to fn live for the call only.
 */
PARLEY_API parley_status_t parley_scenario_diff(parley_ctx_t *ctx, const char *a, size_t len_a,
                                                const char *b, size_t len_b,
                                                parley_scenario_change_fn fn, void *arg,
                                                size_t *n);

/* Appends change c as a sentence: "IRN's red line on sanctions-timing
 * gained on-iaea-verification", "USA's BATNA 0.4 -> 0.5", "proposal p1's
 * position on nato a -> b"; a path of no known pattern is kept as it is
 * (docs/archive.md lists the rules). */
PARLEY_API void parley_scenario_change_words(const parley_scenario_change_t *c, parley_buf_t *b);

/* The scenario text (YAML or JSON) as the tree the loader reads, in JSON:
 * maps {"t":"m","l":LINE,"i":[["key",NODE],...]}, lists {"t":"l",...,"i":
 * [NODE,...]}, scalars {"t":"s","l":LINE,"v":"text","q":quoted}; every
 * section, known or not (the web page's scenario editor). PARLEY_EINPUT
 * with "name:line:col: ..." when the text does not parse. */
PARLEY_API parley_status_t parley_scenario_tree_json(parley_ctx_t *ctx, const char *name,
                                                     const char *text, size_t len,
                                                     parley_buf_t *out);

#ifdef __cplusplus
}
#endif
#endif
