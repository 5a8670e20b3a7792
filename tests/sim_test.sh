#!/usr/bin/env bash
# sim_test.sh PARLEY ROOT — `parley simulate`'s contract: usage errors exit 2
# with nothing on stdout, the JSON has the documented keys and parses, the
# CSV has a row per move and actor, -o is atomic, what-if switches change
# what they should, and the same input gives the same bytes.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
ex=$root/examples/ukraine-2025.yaml two=$root/tests/data/sim/two-party.yaml
tmp=$T_TMP

t_expect_rc 2 "no file" "$parley" simulate
t_expect_empty out
t_expect_rc 2 "bad protocol" "$parley" simulate "$two" --protocol auction
t_expect_contains err "alternating or mediated"
t_expect_empty out
t_expect_rc 2 "bad horizon" "$parley" simulate "$two" --horizon 0
t_expect_contains err "--horizon"
t_expect_empty out
t_expect_rc 2 "bad meeting" "$parley" simulate "$two" --meeting town-hall
t_expect_empty out
t_expect_rc 1 "unknown tactic" "$parley" simulate "$ex" --without bluff
t_expect_contains err "no tactic 'bluff'"
t_expect_empty out
t_expect_rc 1 "unknown actor" "$parley" simulate "$ex" --leave NATO
t_expect_contains err "no actor 'NATO'"
t_expect_empty out
t_expect_rc 1 "bad scenario" "$parley" simulate "$root/tests/bad/sim-bad-protocol.yaml"
t_expect_contains err "sim-bad-protocol.yaml:13:13:"
t_expect_empty out
t_expect_rc 0 "help" "$parley" help simulate
t_expect_contains out "usage: parley simulate"

# JSON: header, parameters, outcome, trace; parses.
t_expect_rc 0 "json" "$parley" simulate "$ex" --format json -o "$tmp/u.json"
t_expect_empty out
t_check "simulate JSON schema" python3 - "$tmp/u.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["command"] == "simulate" and d["scenario"]["hash"].startswith("sha256:")
p = d["parameters"]
for k in ("protocol", "meeting", "mediator", "horizon", "grid", "strategies"):
    assert k in p, k
o = d["outcome"]
for k in ("agreement", "end", "round", "terms", "utility", "batna", "discounted", "walked_away", "durability"):
    assert k in o, k
r = d["trace"][0]
for k in ("round", "batna", "reservation", "target", "room", "notes", "moves"):
    assert k in r, k
m = r["moves"][0]
for k in ("kind", "by", "terms", "utility", "answers"):
    assert k in m, k
assert len(d["trace"]) == o["round"]
PY
# The same input gives the same bytes.
"$parley" simulate "$ex" --format json -o "$tmp/v.json"
t_expect_same "two runs give the same bytes" "$tmp/u.json" "$tmp/v.json"
# An error leaves an existing output file alone and no temporary file.
echo keep >"$tmp/keep.json"
t_expect_rc 1 "error keeps file" "$parley" simulate "$ex" --format json --without bluff -o "$tmp/keep.json"
t_expect_eq "output file untouched on error" "$(cat "$tmp/keep.json")" keep
t_expect_eq "no temporary file left" "$(ls "$tmp" | grep '\.tmp')" ""

# CSV: a header and one row per move and actor (2 actors).
t_expect_rc 0 "csv" "$parley" simulate "$two" --format csv
moves=$(python3 -c 'import json,subprocess,sys; d=json.loads(subprocess.run([sys.argv[1],"simulate",sys.argv[2],"--format","json"],capture_output=True).stdout); print(sum(len(r["moves"]) for r in d["trace"]))' "$parley" "$two")
rows=$(($(wc -l <"$tmp/out") - 1))
t_expect_eq "csv rows" "$rows" "$((moves * 2))"
t_expect_contains out "round,move,kind,by,actor,utility,answer,batna,reservation,target,x"

# What-if switches change what they say.
t_expect_rc 0 "without walk-away" "$parley" simulate "$ex" --without walk-away --format json
t_check "--without walk-away" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["outcome"]["walked_away"] == [] and d["parameters"]["without"] == "walk-away"' "$tmp/out"
t_expect_rc 0 "EU joins" "$parley" simulate "$ex" --join EU --format json
t_check "--join EU" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["trace"][0]["room"]["EU"] == "in"' "$tmp/out"
t_expect_rc 0 "E3 leaves" "$parley" simulate "$ex" --leave E3 --format json
t_check "--leave E3" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["trace"][0]["room"]["E3"] == "out"' "$tmp/out"
t_expect_rc 0 "plenary" "$parley" simulate "$ex" --meeting plenary --detail
t_expect_contains out "mediated single text, plenary"
t_expect_contains out "terms: crimea-donbas-status="

t_done
