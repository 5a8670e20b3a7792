/*
 * fuzz_genius_dir.c — libFuzzer target for the GENIUS / GeniusWeb folder
 * import (parley_genius_to_yaml), which reads a whole folder: the input is
 * split into files at lines "----", each part's first line naming its file
 * (letters, digits, '.', '_', '-'; anything else becomes fN), written to a
 * private temporary folder. An accepted folder's scenario must load back
 * (round trip of the writer), with one actor per party; a refusal must say
 * why and append nothing.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parley/parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_FILES 16
#define SEP "\n----\n"

static char dir[64];
static char written[MAX_FILES][160];
static size_t n_written;

static void clear_dir(void)
{
    for (size_t k = 0; k < n_written; k++)
        unlink(written[k]);
    n_written = 0;
}

/* A private folder for one input, removed after it (a run stopped by
 * -max_total_time does not call atexit handlers). */
static int make_dir(void)
{
    snprintf(dir, sizeof dir, "/dev/shm/parley-fuzz-genius-XXXXXX"); /* tmpfs when there is one */
    if (mkdtemp(dir))
        return 0;
    snprintf(dir, sizeof dir, "/tmp/parley-fuzz-genius-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

/* The file name of a part: its first line when it is a plain name, else fK. */
static void part_name(const char *p, size_t len, size_t k, char *out, size_t cap)
{
    size_t n = 0;
    while (n < len && p[n] != '\n')
        n++;
    int plain = n > 0 && n < 64 && p[0] != '.';
    for (size_t i = 0; plain && i < n; i++)
        plain = (p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
                (p[i] >= '0' && p[i] <= '9') || p[i] == '.' || p[i] == '_' || p[i] == '-';
    if (plain)
        snprintf(out, cap, "%.*s", (int)n, p);
    else
        snprintf(out, cap, "f%zu", k);
}

static void write_part(const char *p, size_t len, size_t k)
{
    char name[80];
    part_name(p, len, k, name, sizeof name);
    const char *nl = memchr(p, '\n', len);
    size_t skip = nl ? (size_t)(nl - p) + 1 : len;
    snprintf(written[n_written], sizeof written[n_written], "%s/%s", dir, name);
    FILE *f = fopen(written[n_written], "wb");
    if (!f)
        return;
    n_written++;
    fwrite(p + skip, 1, len - skip, f);
    fclose(f);
}

static const char *find(const char *hay, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return hay + i;
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536 || make_dir() != 0)
        return 0;
    const char *p = (const char *)data, *end = p + size;
    for (size_t k = 0; p <= end && n_written < MAX_FILES; k++) {
        const char *sep = find(p, (size_t)(end - p), SEP);
        size_t len = sep ? (size_t)(sep - p) : (size_t)(end - p);
        write_part(p, len, k);
        if (!sep)
            break;
        p = sep + strlen(SEP);
    }
    parley_ctx_t *ctx = parley_ctx_create();
    parley_buf_t y;
    parley_buf_init(&y);
    parley_status_t st = parley_genius_to_yaml_ex(ctx, dir, size && data[0] & 1 ? PARLEY_GENIUS_UNCERTAIN : 0,
                                                  &y);
    if (st != PARLEY_OK && (y.len != 0 || !*parley_ctx_message(ctx)))
        abort(); /* a refusal appends nothing and says why */
    if (st == PARLEY_OK) {
        parley_scenario_t *s = NULL;
        st = parley_scenario_load_buffer(ctx, "fuzz.yaml", y.data, y.len, &s);
        if (st != PARLEY_OK && st != PARLEY_ENOMEM) {
            fprintf(stderr, "%s\n", parley_ctx_message(ctx));
            abort(); /* the importer wrote a scenario its own loader rejects */
        }
        if (st == PARLEY_OK && parley_scenario_actor_count(s) < 2)
            abort(); /* an import has at least two parties */
        parley_scenario_destroy(s);
    }
    parley_buf_free(&y);
    parley_ctx_destroy(ctx);
    clear_dir();
    rmdir(dir);
    return 0;
}
