/*
 * bench_smp.c — times the SMP (`forecast --model smp`) on KTAB's 40-, 80-
 * and 160-actor samples beside the figures KTAB itself takes on this kind
 * of machine (its -O2 build: 5.4 s, 52.8 s, 855 s), with the turns, time
 * per turn and peak memory. Figures only. Usage: bench_smp [KTAB-DIR]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "parley/parley.h"
#include "bench.h"

/* The table's problem on [0,100] (positions as given, saliences / 100). */
static int problem_of(parley_ctx_t *ctx, const char *path, parley_fc_problem_t *p)
{
    size_t len = 0;
    char *buf = NULL;
    FILE *fp = fopen(path, "rb");
    if (fp) {
        buf = malloc(1 << 20);
        len = buf ? fread(buf, 1, 1 << 20, fp) : 0;
        fclose(fp);
    }
    parley_actor_table_t *t = NULL;
    if (!buf || parley_actor_table_parse(ctx, path, buf, len, &t) != PARLEY_OK) {
        free(buf);
        return -1;
    }
    free(buf);
    parley_fc_problem_init(ctx, p, t->n_actors, t->n_dims);
    for (size_t j = 0; j < t->n_dims; j++)
        p->hi[j] = 100.0;
    memcpy(p->capability, t->capability, t->n_actors * sizeof(double));
    memcpy(p->position, t->position, t->n_actors * t->n_dims * sizeof(double));
    memcpy(p->salience, t->salience, t->n_actors * t->n_dims * sizeof(double));
    parley_actor_table_destroy(t);
    return 0;
}

static void one(const char *dir, const char *name, double ktab)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.csv", dir, name);
    parley_ctx_t *ctx = parley_ctx_create();
    parley_fc_problem_t p;
    if (problem_of(ctx, path, &p) != 0) {
        printf("| %s | skipped (%s) |\n", name, path);
        parley_ctx_destroy(ctx);
        return;
    }
    parley_fc_params_t prm;
    parley_fc_params_init(&prm);
    parley_forecast_t *f = NULL;
    double t0 = bench_now();
    if (parley_forecast_create(ctx, &p, PARLEY_MODEL_SMP, &prm, &f) == PARLEY_OK)
        parley_forecast_run(ctx, f);
    double dt = bench_now() - t0;
    unsigned turns = f ? parley_forecast_rounds(f) : 0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("| %s | %zu | %u | %.3f | %.1f | %.1f | %.0f× | %ld |\n", name, p.n_actors, turns, dt,
           dt * 1e3 / (turns ? turns : 1), ktab, ktab / dt, ru.ru_maxrss);
    parley_forecast_destroy(f);
    parley_fc_problem_free(&p);
    parley_ctx_destroy(ctx);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "../shared/data/ktab";
    printf("parley %s bench_smp\n\n", parley_version());
    printf("| sample | actors | turns | Parley s | ms per turn | KTAB s | speed-up | max RSS KB |\n");
    printf("|---|---|---|---|---|---|---|---|\n");
    one(dir, "dummyData-a040", 5.4);
    one(dir, "dummyData-a080", 52.8);
    one(dir, "dummyData-a160", 855.0);
    return 0;
}
