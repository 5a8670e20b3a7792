/*
 * static.c — the files `parley serve` hands out: the web application under
 * web/, the vega libraries from node_modules/ (by a fixed list of names,
 * never a path from the request) and the shipped examples. Paths from a
 * request are checked character by character and again after realpath, so
 * nothing outside web/ or examples/ can be reached.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "serve.h"

#define MAX_STATIC_FILE ((size_t)16 << 20)

static int error(parley_buf_t *body, const char **type, int status, const char *msg)
{
    serve_error_json(body, status, msg);
    *type = "application/json";
    return status;
}

static const char *type_of(const char *path)
{
    static const char *const T[][2] = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},          {".map", "application/json"},
        {".png", "image/png"},                  {".svg", "image/svg+xml"},
        {".ico", "image/x-icon"},               {".txt", "text/plain; charset=utf-8"},
        {".md", "text/plain; charset=utf-8"},   {".yaml", "application/yaml; charset=utf-8"},
        {".yml", "application/yaml; charset=utf-8"}};
    const char *dot = strrchr(path, '.');
    for (size_t k = 0; dot && k < sizeof T / sizeof T[0]; k++)
        if (strcmp(dot, T[k][0]) == 0)
            return T[k][1];
    return "application/octet-stream";
}

/* Reads a regular file whole; 0, or -1 when it is missing or not a file. */
static int read_whole(const char *path, parley_buf_t *body)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > MAX_STATIC_FILE)
        return -1;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        parley_buf_append(body, chunk, n);
    int bad = ferror(f);
    fclose(f);
    return bad || body->failed ? -1 : 0;
}

/* A request path is letters, digits, '.', '_', '-' and '/', no segment
 * starting with a dot, no empty segment. */
static int safe_path(const char *p)
{
    if (!*p || strlen(p) > 200)
        return 0;
    for (const char *c = p; *c; c++) {
        int ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                 (*c >= '0' && *c <= '9') || *c == '.' || *c == '_' || *c == '-' || *c == '/';
        if (!ok)
            return 0;
        int seg = c == p || c[-1] == '/';
        if (seg && (*c == '.' || *c == '/'))
            return 0;
    }
    return p[strlen(p) - 1] != '/';
}

/* path resolves to a file inside dir (both through realpath). */
static int inside(const char *dir, const char *path)
{
    char rd[PATH_MAX], rp[PATH_MAX];
    if (!realpath(dir, rd) || !realpath(path, rp))
        return 0;
    size_t n = strlen(rd);
    return strncmp(rd, rp, n) == 0 && rp[n] == '/';
}

static int vendor(const char *root, const char *name, parley_buf_t *body, const char **type)
{
    const char *file = app_vendor_file(name);
    if (!file)
        return error(body, type, 404, "no such file");
    char path[PATH_MAX], msg[PATH_MAX + 128];
    snprintf(path, sizeof path, "%s/%s", root, file);
    if (read_whole(path, body) == 0) {
        *type = "text/javascript; charset=utf-8";
        return 200;
    }
    snprintf(msg, sizeof msg, "%s is missing: run 'npm ci' in the server's root folder", file);
    return error(body, type, 404, msg);
}

int serve_static(const char *root, const char *url, parley_buf_t *body, const char **type)
{
    if (strncmp(url, "/vendor/", 8) == 0)
        return vendor(root, url + 8, body, type);
    const char *rel = strcmp(url, "/") == 0 ? "index.html" : *url ? url + 1 : "";
    if (!safe_path(rel))
        return error(body, type, 404, "no such file");
    char dir[PATH_MAX], path[PATH_MAX + 256];
    int n = snprintf(dir, sizeof dir, "%s/web", root);
    int m = snprintf(path, sizeof path, "%s/%s", dir, rel);
    if (n < 0 || (size_t)n >= sizeof dir || m < 0 || (size_t)m >= sizeof path ||
        !inside(dir, path) || read_whole(path, body) != 0) {
        parley_buf_free(body);
        return error(body, type, 404, "no such file");
    }
    *type = type_of(path);
    return 200;
}

/* ---- examples */

static int example_file(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && name[0] != '.' &&
           (!strcmp(name + n - 5, ".yaml") || !strcmp(name + n - 4, ".yml") ||
            !strcmp(name + n - 5, ".json"));
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void example_json(parley_json_t *j, const char *dir, const char *file)
{
    char path[PATH_MAX];
    int len = snprintf(path, sizeof path, "%s/%s", dir, file);
    if (len < 0 || (size_t)len >= sizeof path)
        return; /* a path too long to open is not offered */
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    if (!ctx || parley_scenario_load_file(ctx, path, &s) != PARLEY_OK) {
        parley_ctx_destroy(ctx);
        return; /* a file that does not load is not offered */
    }
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)strcspn(file, "."), file);
    parley_json_object_begin(j);
    parley_json_key(j, "name");
    parley_json_string(j, name);
    parley_json_key(j, "file");
    parley_json_string(j, file);
    parley_json_key(j, "id");
    parley_json_string(j, parley_scenario_id(s));
    parley_json_key(j, "title");
    parley_json_string(j, parley_scenario_name(s));
    parley_json_key(j, "description");
    parley_json_string(j, parley_scenario_description(s));
    parley_json_key(j, "actors");
    parley_json_int(j, (long long)parley_scenario_actor_count(s));
    parley_json_key(j, "issues");
    parley_json_int(j, (long long)parley_scenario_issue_count(s));
    parley_json_key(j, "proposals");
    parley_json_int(j, (long long)parley_scenario_proposal_count(s));
    parley_json_key(j, "hash");
    parley_json_string(j, parley_scenario_hash(s));
    parley_json_object_end(j);
    parley_scenario_destroy(s);
    parley_ctx_destroy(ctx);
}

int serve_examples_list(const char *root, parley_buf_t *body, const char **type)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/examples", root);
    DIR *d = opendir(dir);
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while (d && n < 256 && (e = readdir(d)))
        if (example_file(e->d_name) && (names[n] = strdup(e->d_name)))
            n++;
    if (d)
        closedir(d);
    qsort(names, n, sizeof *names, by_name);
    parley_json_t j;
    parley_json_init(&j, body, 1);
    parley_json_object_begin(&j);
    parley_json_key(&j, "examples");
    parley_json_array_begin(&j);
    for (size_t k = 0; k < n; k++) {
        example_json(&j, dir, names[k]);
        free(names[k]);
    }
    parley_json_array_end(&j);
    parley_json_object_end(&j);
    parley_buf_puts(body, "\n");
    *type = "application/json";
    return 200;
}

int serve_example(const char *root, const char *name, parley_buf_t *body, const char **type)
{
    static const char *const EXT[] = {"", ".yaml", ".yml", ".json"};
    if (!safe_path(name) || strchr(name, '/'))
        return error(body, type, 404, "no such example");
    char dir[PATH_MAX], path[PATH_MAX + 256];
    int n = snprintf(dir, sizeof dir, "%s/examples", root);
    for (size_t k = 0; n > 0 && (size_t)n < sizeof dir && k < 4; k++) {
        int m = snprintf(path, sizeof path, "%s/%s%s", dir, name, EXT[k]);
        if (m > 0 && (size_t)m < sizeof path && example_file(path + strlen(dir) + 1) &&
            inside(dir, path) &&
            read_whole(path, body) == 0) {
            *type = type_of(path);
            return 200;
        }
        parley_buf_free(body);
    }
    return error(body, type, 404, "no such example (GET /api/examples lists them)");
}
