#!/usr/bin/env bash
# ratify_mc_test.sh PARLEY ROOT — ratification at home in `parley
# montecarlo` (docs/montecarlo.md, "Ratification at home") on
# tests/two-level/campaign-mc.yaml, whose file comment works out by hand
# that the public ratifies `freeze` with probability 1/2 (p > 0.4 for p
# uniform on [0.2, 0.6]). Three set-ups: anticipated (A refuses what its
# public would reject: signed = ratified), a later vote (every run signs,
# half the deals break), a vote at signature (half the signatures void).
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
tmp=$T_TMP
f=$root/tests/two-level/campaign-mc.yaml
N=4000
run() { # NAME CHECK [ARGS...]
  local name=$1 check=$2; shift 2
  if "$parley" montecarlo "$f" -n $N --seed 7 --format json "$@" >"$tmp/$name.json" 2>"$tmp/err" &&
     python3 - "$tmp/$name.json" "$check" <<'PY' 2>>"$tmp/err"
import json, sys
d = json.load(open(sys.argv[1]))
N = d["samples"]["valid"] if "valid" in d["samples"] else d["samples"]["drawn"]
agr = d["agreement"]["count"]
r = d["ratification"]
signed, voided, ratified = r["signed"]["count"], r["voided"]["count"], r["ratified"]["count"]
rej = r["rejected_by"]
rej = rej.get("referendum", {}).get("count", 0) if isinstance(rej, dict) else rej
half = lambda k: abs(k / N - 0.5) <= 0.032   # 4 binomial sd at N = 4000
exec(sys.argv[2])
PY
  then t_ok "$name"; else t_fail "$name" "$(cat "$tmp/err")"; fi
}
run anticipated 'assert signed == agr == ratified and voided == 0 and rej == 0 and half(ratified), r'
run later-vote 'assert agr == signed == N and voided == 0 and half(ratified) and ratified + rej == N, r
w = d["durability"]["why"]
assert w["ratification"]["count"] == N - ratified, w' --set ratification.referendum.anticipate=false
run at-signature 'assert signed == N and half(ratified) and voided + ratified == N and rej == voided and agr == ratified, r' \
  --set ratification.referendum.anticipate=false --set ratification.referendum.vote_after=0
# The table and the CSV say the same.
if "$parley" montecarlo "$f" -n 400 --seed 7 >"$tmp/t.txt" 2>"$tmp/err" &&
   grep -q "a deal every vote ratified (later votes included): " "$tmp/t.txt" &&
   "$parley" montecarlo "$f" -n 400 --seed 7 --format csv >"$tmp/t.csv" 2>>"$tmp/err" &&
   grep -q "^ratification,ratified," "$tmp/t.csv" && grep -q "^rejected_by," "$tmp/t.csv"
then t_ok "table and csv"; else t_fail "table and csv" "$(cat "$tmp/err" "$tmp/t.txt" "$tmp/t.csv" 2>/dev/null | head -40)"; fi
# A sweep of the campaign's pull on `pro`: at 0 (contra still falls to 0.5)
# yes needs p / (p + 0.5) > 1/2, p > 0.5: probability 1/4; at 0.02 it is 1/2.
if "$parley" sweep "$f" --what montecarlo -n 2000 --set "simulation.tactics[0].public.referendum.pro=0..0.02:0.02" \
     --format json >"$tmp/sw.json" 2>"$tmp/err" &&
   python3 - "$tmp/sw.json" <<'PY' 2>>"$tmp/err"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["points"]
assert abs(p[0]["P(ratified)"] - 0.25) <= 0.04 and abs(p[1]["P(ratified)"] - 0.5) <= 0.04, p
assert p[0]["P(voided)"] == 0 and p[0]["P(ratified)"] == p[0]["P(agreement)"], p
PY
then t_ok "sweep P(ratified)"; else t_fail "sweep P(ratified)" "$(cat "$tmp/err")"; fi
t_done
