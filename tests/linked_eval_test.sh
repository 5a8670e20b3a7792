#!/usr/bin/env bash
# linked_eval_test.sh PARLEY [SEEDS] — `parley eval` on random scenarios with
# constraints, conditional red lines and interaction terms against
# tests/ref/linked_eval.py, which builds each scenario and computes every
# verdict in exact rationals from docs/scenario-format.md. Utilities must
# match to 1e-12, verdicts, broken rules and feasibility exactly.
set -u
. "$(dirname "$0")/lib.sh"
parley=$1 seeds=${LINKED_EVAL_SEEDS:-${2:-40}}
ref=$(dirname "$0")/ref/linked_eval.py
for seed in $(seq 1 "$seeds"); do
  y=$T_TMP/s$seed.yaml
  if ! python3 "$ref" "$seed" "$y" > "$T_TMP/want.json"; then
    t_fail "seed $seed" "the reference failed"; continue
  fi
  if ! "$parley" eval "$y" --format json > "$T_TMP/got.json" 2> "$T_TMP/err"; then
    t_fail "seed $seed" "parley eval failed: $(head -1 "$T_TMP/err")"; continue
  fi
  if msg=$(python3 - "$T_TMP/want.json" "$T_TMP/got.json" <<'PY'
import json, sys
from fractions import Fraction as F
want = json.load(open(sys.argv[1]))
got = {p["id"]: p for p in json.load(open(sys.argv[2]))["proposals"]}
bad = []
for w in want:
    g = got[w["id"]]
    if g.get("feasible") != w["feasible"]:
        bad.append(f"{w['id']}: feasible {g.get('feasible')} != {w['feasible']}")
    gc = {c["id"]: c["broken"] for c in g.get("constraints", [])}
    if gc != w["constraints"]:
        bad.append(f"{w['id']}: constraints {gc} != {w['constraints']}")
    ga = {a["id"]: a for a in g["actors"]}
    for a, e in w["actors"].items():
        rb = {r["id"]: r["broken"] for r in ga[a].get("red_line_rules", [])}
        if rb != e["red_line_rules"]:
            bad.append(f"{w['id']} {a}: red lines {rb} != {e['red_line_rules']}")
        if "utility" in e:
            u = F(*e["utility"])
            if abs(ga[a]["utility"] - float(u)) > 1e-12:
                bad.append(f"{w['id']} {a}: utility {ga[a]['utility']} != {u}")
            if ga[a]["verdict"] != e["verdict"]:
                bad.append(f"{w['id']} {a}: verdict {ga[a]['verdict']} != {e['verdict']} (u={u})")
print("; ".join(bad))
sys.exit(1 if bad else 0)
PY
  ); then t_ok "seed $seed"; else t_fail "seed $seed" "$msg"; fi
done
t_done
