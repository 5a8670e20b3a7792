/*
 * parley/ktab.h — KTAB's XML scenarios for its spatial model of politics
 * (a <Scenario> with model parameters, dimensions, actors and ideal
 * adjustment), turned into a Parley scenario (docs/models.md, "Spatial
 * model of politics"). CSV actor tables are in parley/io.h.
 *
 * Ownership: the caller owns the input buffer and the output buffer;
 * nothing here keeps a pointer to either.
 */
#ifndef PARLEY_KTAB_H
#define PARLEY_KTAB_H

#include <stddef.h>
#include "common.h"
#include "io.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What an import found, for a summary line. */
typedef struct parley_ktab_info {
    size_t n_actors, n_dims;
    size_t n_params;  /* <ModelParameters> children read */
    size_t n_adjust;  /* <iaPair> entries */
} parley_ktab_info_t;

/* 1 when buf looks like XML (its first character other than white space
 * and a UTF-8 byte order mark is '<'), so a caller can tell a KTAB XML
 * scenario from a CSV table by content. */
PARLEY_API int parley_ktab_is_xml(const char *buf, size_t len);

/*
 * Reads a KTAB XML scenario from buf (len bytes; `name` is used in
 * messages) and appends the equivalent scenario (YAML, format 1) to out:
 * each <dName> a continuous issue on 0..100, each <Actor> an actor with its
 * capability and batna 0, its <dCoord> positions as ideals and its <dSal>
 * saliences divided by 100; <ModelParameters>, <prngSeed> and
 * <IdealAdjustment> go to the scenario's `smp:` section. On failure nothing
 * is appended and ctx holds "name:line:col: what" (PARLEY_EINPUT, PARLEY_ELIMIT
 * or PARLEY_ENOMEM). info may be NULL; it is written only on success.
 */
PARLEY_API parley_status_t parley_ktab_xml_to_yaml(parley_ctx_t *ctx, const char *name,
                                                   const char *buf, size_t len, parley_buf_t *out,
                                                   parley_ktab_info_t *info);

#ifdef __cplusplus
}
#endif
#endif
