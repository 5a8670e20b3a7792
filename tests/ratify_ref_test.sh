#!/usr/bin/env bash
# ratify_ref_test.sh PARLEY [SEEDS] — `parley eval` on random scenarios with
# ratifying bodies against tests/ref/ratify_eval.py, which computes every
# member's vote, each body's yes share and verdict in exact rationals from
# docs/scenario-format.md ("ratification"). Votes and verdicts must match
# exactly, yes shares to 1e-12.
set -u
. "$(dirname "$0")/lib.sh"
parley=$1 seeds=${RATIFY_SEEDS:-${2:-30}}
ref=$(dirname "$0")/ref/ratify_eval.py
for seed in $(seq 1 "$seeds"); do
  y=$T_TMP/s$seed.json
  if ! python3 "$ref" "$seed" "$y" > "$T_TMP/want.json"; then
    t_fail "seed $seed" "the reference failed"; continue
  fi
  if ! "$parley" eval "$y" --format json > "$T_TMP/got.json" 2> "$T_TMP/err"; then
    t_fail "seed $seed" "parley eval failed: $(head -1 "$T_TMP/err")"; continue
  fi
  if msg=$(python3 - "$T_TMP/want.json" "$T_TMP/got.json" <<'PY'
import json, sys
want = json.load(open(sys.argv[1]))
got = {}
for p in json.load(open(sys.argv[2]))["proposals"]:
    for b in p["ratification"]:
        got[(p["id"], b["id"])] = b
bad = []
for w in want:
    g = got[(w["proposal"], w["body"])]
    votes = [m["vote"] for m in g["members"]]
    if votes != w["votes"]:
        bad.append(f"{w['proposal']}/{w['body']}: votes {votes} != {w['votes']}")
    if g["verdict"] != w["verdict"]:
        bad.append(f"{w['proposal']}/{w['body']}: verdict {g['verdict']} != {w['verdict']}")
    if abs(g["yes_share"] - w["yes_share"]) > 1e-12:
        bad.append(f"{w['proposal']}/{w['body']}: yes share {g['yes_share']} != {w['yes_share']}")
    if not g["exact"]:
        bad.append(f"{w['proposal']}/{w['body']}: not decided exactly")
print("; ".join(bad[:3]))
sys.exit(1 if bad else 0)
PY
  ); then t_ok "seed $seed"; else t_fail "seed $seed" "$msg"; fi
done
t_done
