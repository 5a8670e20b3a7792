/*
 * csv.h — a small RFC 4180 reader that remembers where every field
 * started, for located errors. Used by the actor-table importer (and later
 * the DEU reader).
 */
#ifndef PARLEY_CSV_H
#define PARLEY_CSV_H

#include <stddef.h>
#include "../core/core.h"

typedef struct csv_field {
    char *text;  /* unquoted, surrounding blanks of unquoted fields trimmed */
    int line, col;
    int quoted;
} csv_field_t;

typedef struct csv_row {
    csv_field_t *f;
    size_t n;   /* trailing empty unquoted fields dropped */
    int line;
} csv_row_t;

typedef struct csv_table {
    csv_row_t *rows;
    size_t n_rows; /* blank lines skipped */
    parley__arena_t arena;
} csv_table_t;

/* Parses buf (delimiter `sep`); limits: 100,000 rows, 10,000 fields a row. */
parley_status_t parley__csv_parse(parley_ctx_t *ctx, const char *name, const char *buf,
                                  size_t len, char sep, csv_table_t *out);
void parley__csv_free(csv_table_t *t);

#endif
