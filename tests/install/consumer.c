/*
 * consumer.c — a program outside the project that uses an installed
 * libparley through pkg-config: loads a scenario and evaluates one
 * proposal for one actor (tests/install_test.sh builds and runs it).
 */
#include <parley/parley.h>
#include <stdio.h>
int main(int argc, char **argv) {
    parley_ctx_t *ctx = parley_ctx_create();
    parley_scenario_t *s = NULL;
    if (parley_scenario_load_file(ctx, argv[1], &s)) { fprintf(stderr, "%s\n", parley_ctx_message(ctx)); return 1; }
    size_t p = parley_scenario_find_proposal(s, "us-28-point");
    parley_actor_eval_t e;
    parley_eval_actor(s, parley_scenario_find_actor(s, "UKR"), parley_scenario_proposal(s, p)->positions, &e, NULL);
    printf("parley %s: UKR utility %.3f verdict %s\n", parley_version(), e.utility, parley_verdict_name(e.verdict));
    parley_scenario_destroy(s); parley_ctx_destroy(ctx); return 0; }
