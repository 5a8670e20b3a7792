/*
 * root.c — where the files beside the program are: the repository folder
 * holding web/ and node_modules/ (found from the executable's path), and the
 * vega libraries' builds inside it, by a fixed list of names (never a path
 * from a request). Used by `parley serve` and the HTML report.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "app.h"

static const struct vendor {
    const char *name, *path;
} VENDOR[] = {
    {"vega.min.js", "node_modules/vega/build/vega.min.js"},
    {"vega-lite.min.js", "node_modules/vega-lite/build/vega-lite.min.js"},
    {"vega-embed.min.js", "node_modules/vega-embed/build/vega-embed.min.js"},
    {NULL, NULL}};

const char *app_vendor_file(const char *name)
{
    for (const struct vendor *v = VENDOR; v->name; v++)
        if (strcmp(v->name, name) == 0)
            return v->path;
    return NULL;
}

int app_vendor_path(const char *root, const char *name, char *buf, size_t cap)
{
    for (const struct vendor *v = VENDOR; v->name; v++)
        if (strncmp(v->name, name, strlen(name)) == 0 && v->name[strlen(name)] == '.') {
            snprintf(buf, cap, "%s/%s", root, v->path);
            return access(buf, R_OK) == 0 ? 0 : -1;
        }
    return -1;
}


static int has_web(const char *dir)
{
    char p[PATH_MAX];
    int len = snprintf(p, sizeof p, "%s/web/index.html", dir);
    return len > 0 && (size_t)len < sizeof p && access(p, R_OK) == 0;
}

int app_find_root(char *buf, size_t cap)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        for (int up = 0; up < 4; up++) {
            char *slash = strrchr(exe, '/');
            if (!slash || slash == exe)
                break;
            *slash = '\0';
            if (has_web(exe)) {
                snprintf(buf, cap, "%s", exe);
                return 0;
            }
            /* An installed parley: PREFIX/bin/parley, the page and the chart
             * libraries in PREFIX/share/parley (CMakeLists.txt installs them). */
            char shared[PATH_MAX];
            int len = snprintf(shared, sizeof shared, "%s/share/parley", exe);
            if (len > 0 && (size_t)len < sizeof shared && has_web(shared)) {
                snprintf(buf, cap, "%s", shared);
                return 0;
            }
        }
    }
    if (getcwd(exe, sizeof exe) && has_web(exe)) {
        snprintf(buf, cap, "%s", exe);
        return 0;
    }
    return -1;
}
