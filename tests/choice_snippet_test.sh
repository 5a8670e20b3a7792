#!/usr/bin/env bash
# choice_snippet_test.sh PARLEY ROOT — docs/two-level-snippets/snippet-choice.yaml
# inserted into a copy of examples/jcpoa-2015.yaml: the US strategy drawn per
# run (docs/montecarlo.md, "Choices"); a tit-for-tat US mediator fails in
# some runs, linear never, so the result hangs on the label and says so.
set -u
parley=$1
cd "$2" || exit 1
. tests/lib.sh
tmp=$T_TMP
# the snippet's keys under the example's `simulation:` line
python3 -c '
import sys
ex = open(sys.argv[1]).read().split("\n")
sn = [l for l in open(sys.argv[2]).read().split("\n") if l.startswith("  ")]
at = ex.index("simulation:") + 1
open(sys.argv[3], "w").write("\n".join(ex[:at] + sn + ex[at:]))
' examples/jcpoa-2015.yaml docs/two-level-snippets/snippet-choice.yaml "$tmp/jcpoa.yaml"
t_expect_rc 0 "check lists the choice" "$parley" check "$tmp/jcpoa.yaml"
t_expect_contains out "simulation.strategies.USA"
t_expect_rc 0 "simulate plays the estimate" "$parley" simulate "$tmp/jcpoa.yaml"
t_expect_contains out "Uncertain label: simulation.strategies.USA is a choice"
t_expect_rc 0 "montecarlo -n 300" "$parley" montecarlo "$tmp/jcpoa.yaml" -n 300 --seed 1 --format json -o "$tmp/mc.json"
t_check "given linear 100%, tit-for-tat below 90%, and the warning" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
c = [x for x in d["choices"] if x["path"] == "simulation.strategies.USA"][0]
g = c["given"]
assert g["linear"]["agreement"]["share"] == 1, g
assert g["tit-for-tat"]["agreement"]["share"] < 0.9, g
assert sum(g[o]["drawn"] for o in g) == d["samples"]["drawn"]
assert c["hangs"] and c["lowest"] == "tit-for-tat", c
' "$tmp/mc.json"
t_done
