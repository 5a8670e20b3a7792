/*
 * number.c — the shortest decimal form of a number that reads back
 * exactly: the one way every writer and report prints a number (declared
 * with the writers in parley/io.h; here so that every layer can use it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parley/io.h"

void parley_format_number(double v, char buf[32])
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, 32, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
}
