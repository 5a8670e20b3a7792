/*
 * actors_yaml.c — writes an imported actor table as a scenario file
 * (format 1), so the import can be read, edited and versioned like any
 * hand-written scenario. Strings are always double-quoted so that no name
 * can change type ("null", "yes", "1") when read back.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "loader.h"

static void header(parley_buf_t *b, const parley_actor_table_t *t, const char *origin,
                   parley__arena_t *a)
{
    const char *base = parley__base_name(origin);
    char stem[128];
    snprintf(stem, sizeof stem, "%s", base);
    char *dot = strrchr(stem, '.');
    if (dot)
        *dot = '\0';
    parley_buf_printf(b, "# Imported by parley %s from %s (%s layout).\n", parley_version(), base,
                      t->layout);
    parley_buf_puts(b, "# BATNAs are not part of such tables: every actor gets batna 0 "
                       "(any agreement\n# beats none). Edit them to model walking away.\n");
    parley_buf_puts(b, "parley: 1\nscenario:\n  id: ");
    parley__yaml_qstr(b, parley__make_id(a, stem, NULL, 0, 1));
    parley_buf_puts(b, "\n  name: ");
    parley__yaml_qstr(b, t->name && *t->name ? t->name : stem);
    if (t->description && *t->description) {
        parley_buf_puts(b, "\n  description: ");
        parley__yaml_qstr(b, t->description);
    }
    parley_buf_puts(b, "\n  source: ");
    char src[512];
    snprintf(src, sizeof src,
             "Imported from %s (%s actor table). Positions on the file's own scale; saliences "
             "%s.",
             base, t->layout, t->salience_percent ? "divided by 100" : "as given (0-1)");
    parley__yaml_qstr(b, src);
    parley_buf_puts(b, "\n");
}

static void scale_of(const parley_actor_table_t *t, size_t k, double *lo, double *hi)
{
    double mn = HUGE_VAL, mx = -HUGE_VAL;
    for (size_t i = 0; i < t->n_actors; i++) {
        mn = fmin(mn, t->position[i * t->n_dims + k]);
        mx = fmax(mx, t->position[i * t->n_dims + k]);
    }
    if (mn >= 0.0 && mx <= 100.0) {
        *lo = 0.0; /* the usual 0-100 scale of KTAB and BDM tables */
        *hi = 100.0;
    } else {
        *lo = mn;
        *hi = mx > mn ? mx : mn + fmax(1.0, fabs(mn)); /* one position: any positive span */
        if (*hi > PARLEY_MAX_SCALE_END) { /* ... on the side that keeps within the limit */
            *hi = mn;
            *lo = mn - fmax(1.0, fabs(mn));
        }
    }
}

parley_status_t parley_actor_table_to_yaml(parley_ctx_t *ctx, const parley_actor_table_t *t,
                                           const char *origin, parley_buf_t *out)
{
    parley__arena_t a;
    parley__arena_init(&a, 0);
    char **issue_ids = parley__arena_array(&a, t->n_dims, sizeof(char *));
    if (!issue_ids) {
        parley__arena_free(&a);
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < t->n_dims; k++)
        issue_ids[k] = parley__make_id(&a, t->dim_names[k], issue_ids, k, 1);
    header(out, t, origin, &a);
    parley_buf_puts(out, "actors:\n");
    for (size_t i = 0; i < t->n_actors; i++) {
        parley_buf_puts(out, "  - id: ");
        parley__yaml_qstr(out, t->actor_ids[i]);
        parley_buf_puts(out, "\n    name: ");
        parley__yaml_qstr(out, t->actor_names[i]);
        parley_buf_puts(out, "\n    capability: ");
        parley__yaml_num(out, t->capability[i]);
        parley_buf_puts(out, "\n    batna: 0\n");
        if (t->actor_desc[i]) {
            parley_buf_puts(out, "    notes: ");
            parley__yaml_qstr(out, t->actor_desc[i]);
            parley_buf_puts(out, "\n");
        }
    }
    parley_buf_puts(out, "issues:\n");
    for (size_t k = 0; k < t->n_dims; k++) {
        double lo, hi;
        scale_of(t, k, &lo, &hi);
        parley_buf_puts(out, "  - id: ");
        parley__yaml_qstr(out, issue_ids[k]);
        parley_buf_puts(out, "\n    name: ");
        parley__yaml_qstr(out, t->dim_names[k]);
        parley_buf_puts(out, "\n    scale: {lo: ");
        parley__yaml_num(out, lo);
        parley_buf_puts(out, ", hi: ");
        parley__yaml_num(out, hi);
        parley_buf_puts(out, "}\n");
    }
    parley_buf_puts(out, "stances:\n");
    for (size_t i = 0; i < t->n_actors; i++) {
        parley_buf_puts(out, "  ");
        parley__yaml_qstr(out, t->actor_ids[i]);
        parley_buf_puts(out, ":\n");
        for (size_t k = 0; k < t->n_dims; k++) {
            parley_buf_puts(out, "    ");
            parley__yaml_qstr(out, issue_ids[k]);
            parley_buf_puts(out, ": {ideal: ");
            parley__yaml_num(out, t->position[i * t->n_dims + k]);
            parley_buf_puts(out, ", salience: ");
            parley__yaml_num(out, t->salience[i * t->n_dims + k]);
            parley_buf_puts(out, "}\n");
        }
    }
    parley__arena_free(&a);
    if (out->failed)
        return parley__fail(ctx, PARLEY_ENOMEM, "out of memory while writing YAML");
    return PARLEY_OK;
}
