/*
 * number.c — the shortest decimal form of a number that reads back
 * exactly: the one way every writer, report and archive prints a number
 * (parley/common.h, so that every layer can use it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parley/common.h"

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
