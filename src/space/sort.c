/*
 * sort.c — a stable merge sort of index arrays with a context pointer for
 * the comparison (qsort has none in C11, and a static context would make
 * the space code unsafe to run from two threads at once).
 */
#include <string.h>
#include "spaceint.h"

static void merge_pass(size_t *src, size_t *dst, size_t n, size_t width, parley__idx_cmp cmp,
                       const void *ctx)
{
    for (size_t lo = 0; lo < n; lo += 2 * width) {
        size_t mid = lo + width < n ? lo + width : n;
        size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
        size_t a = lo, b = mid, k = lo;
        while (a < mid && b < hi)
            dst[k++] = cmp(ctx, src[b], src[a]) < 0 ? src[b++] : src[a++];
        while (a < mid)
            dst[k++] = src[a++];
        while (b < hi)
            dst[k++] = src[b++];
    }
}

int parley__sort_idx(size_t *idx, size_t n, parley__idx_cmp cmp, const void *ctx)
{
    size_t *tmp = parley__malloc((n + 1) * sizeof *tmp);
    if (!tmp)
        return -1;
    size_t *src = idx, *dst = tmp;
    for (size_t width = 1; width < n; width *= 2) {
        merge_pass(src, dst, n, width, cmp, ctx);
        size_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != idx)
        memcpy(idx, src, n * sizeof *idx);
    parley__free(tmp);
    return 0;
}
