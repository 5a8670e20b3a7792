/*
 * utf8.c — strict UTF-8 validation of input text. Scenario files and
 * tables must be UTF-8: rejecting anything else at the door gives the user
 * a located message and keeps malformed bytes away from the YAML parser
 * and out of files we write.
 */
#include "core.h"

/* Length of the sequence starting at p (1-4), or 0 when it is invalid. */
static size_t sequence(const unsigned char *p, size_t left)
{
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned min, cp;
    if ((c & 0xE0) == 0xC0) {
        n = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4, min = 0x10000, cp = c & 0x07;
    } else {
        return 0;
    }
    if (left < n)
        return 0;
    for (size_t k = 1; k < n; k++) {
        if ((p[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

int parley__utf8_valid(const char *buf, size_t len, int *line, int *col)
{
    const unsigned char *p = (const unsigned char *)buf;
    int ln = 1, cl = 1;
    for (size_t k = 0; k < len;) {
        size_t n = sequence(p + k, len - k);
        if (!n) {
            *line = ln;
            *col = cl;
            return 0;
        }
        if (p[k] == '\n') {
            ln++;
            cl = 1;
        } else {
            cl++;
        }
        k += n;
    }
    return 1;
}
