/*
 * genius.h — the GENIUS / GeniusWeb importer's internal model: a domain
 * (issues and their values) and linear additive profiles (weights and one
 * evaluator per issue), read from GENIUS XML (genius_xml.c, genius_model.c)
 * or GeniusWeb JSON (geniusweb.c), matched and written as a scenario by
 * genius.c and genius_yaml.c. Everything lives in one arena.
 */
#ifndef PARLEY_GENIUS_H
#define PARLEY_GENIUS_H

#include "../core/core.h"
#include "../core/exact.h"
#include "parley/io.h"

#define GN_MAX_FILE_BYTES (16u * 1024u * 1024u)
#define GN_MAX_FILES 4096       /* entries read from one folder */
#define GN_MAX_ELEMENTS 1000000 /* XML elements in one file */
#define GN_MAX_DEPTH 64         /* XML element nesting */
#define GN_MAX_GRID 64          /* a numeric issue with at most this many values becomes discrete */
#define GN_MAX_RECTS 65536      /* hyper-rectangles in one non-linear profile */
#define GN_MAX_TERMS 4096       /* terms in one scenario (the loader's limit on a section) */

typedef enum gn_kind {
    GN_DISCRETE = 0, /* named values */
    GN_GRID,         /* numbers lo, lo+step, ..., <= hi (GENIUS integer, GeniusWeb number) */
    GN_REAL          /* any number in lo..hi */
} gn_kind_t;

typedef struct gn_issue {
    const char *name;
    gn_kind_t kind;
    long index;           /* GENIUS XML index attribute; position + 1 in JSON */
    size_t n_values;      /* DISCRETE: values; GRID: number of grid points */
    const char **values;  /* DISCRETE only */
    int *vpos;            /* DISCRETE, GENIUS XML profiles: line, col of each value's <item> */
    double lo, hi, step;  /* GRID and REAL */
    int qok;              /* GeniusWeb GRID: lo, hi and step exactly as spelled */
    parley__q_t qlo, qhi, qstep;
    int line, col;
} gn_issue_t;

typedef struct gn_domain {
    const char *name; /* may be NULL */
    size_t n_issues;
    gn_issue_t *issues;
    int line, col;
} gn_domain_t;

/* How a profile turns a value of one issue into an evaluation in [0,1]. */
typedef enum gn_eval_kind { GE_TABLE = 0, GE_LINEAR } gn_eval_kind_t;

typedef struct gn_eval {
    gn_eval_kind_t kind;
    double *table;     /* TABLE: per value of the profile's own issue (same order); NAN
                          where a GENIUS XML item has no evaluation (refused if the domain
                          has the value, see genius.c) */
    int divide_by_max; /* TABLE: GENIUS XML divides by the largest evaluation */
    /* LINEAR: clip01(offset + slope * (x - origin)) */
    double slope, offset, origin;
    /* LINEAR from GeniusWeb's two points: the same exactly, from the
     * decimals as spelled (qok; 0 where a number has no exact form) */
    int qok;
    parley__q_t qslope, qoffset, qorigin;
    int line, col;
} gn_eval_t;

/* ---- Non-linear profiles (GENIUS's NonlinearUtilitySpace, genius_nonlinear.c) */

/* One <INCLUDES>/<EXCLUDES index min max>: min <= value <= max on an integer issue. */
typedef struct gn_bound {
    long index, min, max;
    int line, col;
} gn_bound_t;

/* An interval of grid steps lo..hi of domain issue `issue` (0-based, inclusive). */
typedef struct gn_cond {
    size_t issue;
    long lo, hi;
} gn_cond_t;

/*
 * A hyper-rectangle. GENIUS's raw utility of it for a bid is u when every
 * bound holds (INCLUDES) or when some bound fails (EXCLUDES), else 0; u is
 * the rectangle's utility times its weight times the weights of the nested
 * <ufun>s around it, exactly as written.
 */
typedef struct gn_rect {
    int exclusive;
    size_t n_bounds; /* 0: no bounds, GENIUS's "all bids" rectangle */
    gn_bound_t *bounds;
    parley__q_t u;
    int line, col;
    /* Resolved against the domain (parley__gn_nonlinear_resolve): */
    int region;      /* 1: every bid lies inside, 0: none, -1: depends on conds */
    size_t n_conds;  /* the bounds intersected per issue, in domain order */
    gn_cond_t *conds;
    int term;        /* written as a term (region -1 and u != 0) */
    int penalty;     /* the term is a penalty (worth its weight outside the region) */
    parley__q_t weight; /* the term's weight |u| / S */
} gn_rect_t;

typedef struct gn_nonlinear {
    size_t n_rects;
    gn_rect_t *rects;
    parley__q_t maxutil;  /* <utility maxutility>, > 0 */
    parley__q_t rv;       /* reservation value as written; 0 when absent (GENIUS's default) */
    int rv_line, rv_col;  /* its <reservation>, or the <utility_space> */
    /* Parley's utility U = (F + C) / S of GENIUS's raw sum F (set by resolve): */
    parley__q_t S, C;
    parley__q_t batna;    /* max(0, (rv * maxutil + C) / S) */
    size_t n_terms;
} gn_nonlinear_t;

typedef struct gn_profile {
    const char *path;     /* the file, for messages and comments */
    const char *name;     /* GeniusWeb "name"; NULL for XML (the file stem is used) */
    gn_domain_t dom;      /* the issues as the profile writes them */
    gn_eval_t *ev;        /* per issue of dom */
    double *weight;       /* per issue of dom */
    const char **weight_text; /* per issue of dom: the weight as spelled (XML), or NULL */
    double reservation;   /* 0 when absent */
    int qres;             /* GeniusWeb bid: the reservation exactly in qreservation */
    parley__q_t qreservation;
    double discount;      /* in (0,1]; 1 when absent or when GENIUS would discard it */
    double discount_raw;  /* as written; NAN when absent */
    int reservation_bid;  /* GeniusWeb: reservation is the utility of a bid (resolved later) */
    const char **res_values; /* GeniusWeb reservation bid: value text per issue of dom */
    int uncertain;        /* type="UNCERTAIN" */
    gn_nonlinear_t *nl;   /* type="nonlinear": hyper-rectangles instead of weights */
    int line, col;        /* the root element */
    const char **notes;   /* what was read leniently, as GENIUS does (comment lines) */
    size_t n_notes;
} gn_profile_t;

/* What one file turned out to be. */
typedef enum gn_file_kind { GF_OTHER = 0, GF_DOMAIN, GF_PROFILE } gn_file_kind_t;

typedef struct gn_file {
    gn_file_kind_t kind;
    const char *path;
    const char *format;   /* "GENIUS XML" or "GeniusWeb JSON" */
    const char *why;      /* GF_OTHER: why it was skipped */
    gn_domain_t domain;   /* GF_DOMAIN */
    gn_profile_t profile; /* GF_PROFILE */
} gn_file_t;

/* ---- XML element tree (genius_xml.c) */
typedef struct xnode xnode_t;
struct xnode {
    const char *name;
    const char **attrs; /* name, value, ..., NULL */
    int line, col;
    xnode_t *parent, *first, *last, *next;
};

/* Parses buf into an element tree in arena; "name:line:col: XML: ..." on failure. */
parley_status_t parley__xml_tree(parley_ctx_t *ctx, parley__arena_t *a, const char *name,
                                 const char *buf, size_t len, xnode_t **root);
/* The attribute's value, or NULL. */
const char *parley__xml_attr(const xnode_t *n, const char *attr);
/* n's first child element called name, or NULL. */
const xnode_t *parley__xml_child(const xnode_t *n, const char *name);

/*
 * Reads one GENIUS XML file (domain or profile) from memory into *out
 * (allocated in arena). Files that are neither come back as GF_OTHER with
 * a reason; malformed or unsupported content is an error "name:line:col:
 * what". The fuzz target's entry point.
 */
parley_status_t parley__genius_parse_xml_buffer(parley_ctx_t *ctx, parley__arena_t *a,
                                                const char *name, const char *buf, size_t len,
                                                gn_file_t *out);
/* Interprets an XML element tree (genius_model.c). */
parley_status_t parley__genius_from_tree(parley_ctx_t *ctx, parley__arena_t *a, const char *name,
                                         const xnode_t *root, gn_file_t *out);
/* As parley__genius_parse_xml_buffer, for GeniusWeb JSON (geniusweb.c). */
parley_status_t parley__geniusweb_parse_buffer(parley_ctx_t *ctx, parley__arena_t *a,
                                               const char *name, const char *buf, size_t len,
                                               gn_file_t *out);

/* Reads a <utility_space type="nonlinear"> profile (genius_nonlinear.c). */
parley_status_t parley__genius_read_nonlinear(parley_ctx_t *ctx, parley__arena_t *a,
                                              const char *name, const xnode_t *us,
                                              gn_profile_t *p);
/* Checks p's rectangles against the domain and turns them into terms. */
parley_status_t parley__gn_nonlinear_resolve(parley_ctx_t *ctx, parley__arena_t *a,
                                             const gn_domain_t *dom, gn_profile_t *p);

/* The file name of path (after the last '/'), for notes. */
const char *parley__gn_rel(const char *path);
/* Appends "fmt..." to p's notes (in arena); PARLEY_ENOMEM on failure. */
parley_status_t parley__gn_note(parley_ctx_t *ctx, parley__arena_t *a, gn_profile_t *p,
                                const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A strict decimal number (surrounding blanks allowed); 0 when s is not one. */
int parley__gn_number(const char *s, double *out);
/* Records "name:line:col: message" and returns PARLEY_EINPUT. */
parley_status_t parley__gn_err(parley_ctx_t *ctx, const char *name, int line, int col,
                               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The evaluation in [0,1] of value k of a DISCRETE or GRID issue under ev, the GENIUS way. */
double parley__gn_eval_value(const gn_issue_t *is, const gn_eval_t *ev, size_t k);
/* LINEAR: clip01(offset + slope * (x - origin)). */
double parley__gn_linear(const gn_eval_t *ev, double x);
/* The same exactly (ev->qok): 0 when it does not fit 128-bit rationals. */
int parley__gn_linear_q(const gn_eval_t *ev, parley__q_t x, parley__q_t *out);
/* Grid value k of a GRID issue exactly, qlo + k * qstep (is->qok); 0 when it does not fit. */
int parley__gn_grid_q(const gn_issue_t *is, size_t k, parley__q_t *out);

/* The matched import: every profile aligned to the domain (issue j of each
 * profile is issue j of the domain, TABLE entries in the domain's value order). */
typedef struct gn_import {
    const char *dir;
    const char *format;       /* of the domain */
    const char *domain_path;
    const gn_domain_t *dom;
    size_t n_profiles;
    gn_profile_t *profiles;
    size_t n_notes;
    const char **notes;       /* comment lines (skipped files, adjustments) */
    size_t n_skipped;         /* files skipped (UNCERTAIN profiles, non-GENIUS files) */
} gn_import_t;

/* Writes the import as a scenario (genius_yaml.c). */
parley_status_t parley__genius_write_yaml(parley_ctx_t *ctx, parley__arena_t *a,
                                          const gn_import_t *im, parley_buf_t *out);

#endif
