/*
 * jsonget.c — reading figures out of an analysis's JSON result with
 * SQLite's JSON functions (the archive's library), for the sweep and the
 * HTML report: they depend on the documented JSON, not on the analyses'
 * structures.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "app.h"

struct app_jget {
    sqlite3 *db;
    sqlite3_stmt *get, *len;
    const char *json;
};

app_jget_t *app_jget_open(void)
{
    app_jget_t *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    if (sqlite3_open(":memory:", &r->db) != SQLITE_OK ||
        sqlite3_prepare_v2(r->db, "SELECT json_extract(?1, ?2)", -1, &r->get, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(r->db, "SELECT json_array_length(?1, ?2)", -1, &r->len, NULL) !=
            SQLITE_OK) {
        app_jget_close(r);
        return NULL;
    }
    return r;
}

void app_jget_close(app_jget_t *r)
{
    if (!r)
        return;
    sqlite3_finalize(r->get);
    sqlite3_finalize(r->len);
    sqlite3_close(r->db);
    free(r);
}

void app_jget_use(app_jget_t *r, const char *json)
{
    r->json = json ? json : "null";
}

double app_jget(app_jget_t *r, const char *path, char *text, size_t cap)
{
    double v = (double)NAN;
    if (text && cap)
        text[0] = '\0';
    sqlite3_reset(r->get);
    sqlite3_bind_text(r->get, 1, r->json, -1, SQLITE_STATIC);
    sqlite3_bind_text(r->get, 2, path, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(r->get) == SQLITE_ROW) {
        int t = sqlite3_column_type(r->get, 0);
        if (t == SQLITE_INTEGER || t == SQLITE_FLOAT)
            v = sqlite3_column_double(r->get, 0);
        if (text && cap && t != SQLITE_NULL)
            snprintf(text, cap, "%s", (const char *)sqlite3_column_text(r->get, 0));
    }
    return v;
}

size_t app_jget_len(app_jget_t *r, const char *path)
{
    size_t n = 0;
    sqlite3_reset(r->len);
    sqlite3_bind_text(r->len, 1, r->json, -1, SQLITE_STATIC);
    sqlite3_bind_text(r->len, 2, path, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(r->len) == SQLITE_ROW && sqlite3_column_type(r->len, 0) != SQLITE_NULL)
        n = (size_t)sqlite3_column_int64(r->len, 0);
    return n;
}
