/*
 * load_walkout.c — an actor's `essential` flag (docs/scenario-format.md,
 * "actors"; its effect in docs/simulation.md, "Output and durability").
 */
#include <string.h>
#include "loader.h"

parley_status_t parley__load_essential(loader_t *L, const yt_node_t *n, parley_actor_t *a,
                                       const char *what)
{
    a->essential = 0;
    if (!n)
        return PARLEY_OK;
    parley_status_t st = parley__lexpect(L, n, YT_SCALAR, "'essential'");
    if (st)
        return st;
    if (n->plain && strcmp(n->str, "true") == 0)
        a->essential = 1;
    else if (!(n->plain && strcmp(n->str, "false") == 0))
        return parley__lerr(L, n, "%s: 'essential' must be true or false (whether the talks end "
                                  "without it), got '%.60s'", what, n->str);
    return PARLEY_OK;
}
