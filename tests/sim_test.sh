#!/usr/bin/env bash
# sim_test.sh PARLEY ROOT — `parley simulate`'s contract: usage errors exit 2
# with nothing on stdout, the JSON has the documented keys and parses, the
# CSV has a row per move and actor, -o is atomic, what-if switches change
# what they should, and the same input gives the same bytes.
set -u
parley=$1 root=$2
ex=$root/examples/ukraine-2025.yaml two=$root/tests/data/sim/two-party.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
expect() {
  local want=$1 what=$2; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" -eq "$want" ]; then ok; else bad "$what: exit $rc, expected $want"; cat "$tmp/err"; fi
}
has() { if grep -qF -- "$2" "$tmp/$1"; then ok; else bad "$1 lacks '$2'"; cat "$tmp/$1"; fi; }
empty() { if [ -s "$tmp/$1" ]; then bad "$1 not empty"; else ok; fi; }

expect 2 "no file" -- "$parley" simulate; empty out
expect 2 "bad protocol" -- "$parley" simulate "$two" --protocol auction; has err "alternating or mediated"; empty out
expect 2 "bad horizon" -- "$parley" simulate "$two" --horizon 0; has err "--horizon"; empty out
expect 2 "bad meeting" -- "$parley" simulate "$two" --meeting town-hall; empty out
expect 2 "unknown tactic" -- "$parley" simulate "$ex" --without bluff; has err "no tactic 'bluff'"; empty out
expect 2 "unknown actor" -- "$parley" simulate "$ex" --leave NATO; has err "no actor 'NATO'"; empty out
expect 1 "bad scenario" -- "$parley" simulate "$root/tests/bad/sim-bad-protocol.yaml"; has err "sim-bad-protocol.yaml:13:13:"; empty out
expect 0 "help" -- "$parley" help simulate; has out "usage: parley simulate"

# JSON: header, parameters, outcome, trace; parses.
expect 0 "json" -- "$parley" simulate "$ex" --format json -o "$tmp/u.json"; empty out
if python3 - "$tmp/u.json" <<'PY' 2>"$tmp/err"; then ok; else bad "simulate JSON schema"; cat "$tmp/err"; fi
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
if cmp -s "$tmp/u.json" "$tmp/v.json"; then ok; else bad "two runs differ"; fi
# An error leaves an existing output file alone and no temporary file.
echo keep >"$tmp/keep.json"
expect 2 "error keeps file" -- "$parley" simulate "$ex" --format json --without bluff -o "$tmp/keep.json"
if [ "$(cat "$tmp/keep.json")" = keep ]; then ok; else bad "output file overwritten on error"; fi
if ls "$tmp" | grep -q '\.tmp'; then bad "temporary file left"; else ok; fi

# CSV: a header and one row per move and actor (2 actors).
expect 0 "csv" -- "$parley" simulate "$two" --format csv
moves=$(python3 -c 'import json,subprocess,sys; d=json.loads(subprocess.run([sys.argv[1],"simulate",sys.argv[2],"--format","json"],capture_output=True).stdout); print(sum(len(r["moves"]) for r in d["trace"]))' "$parley" "$two")
rows=$(($(wc -l <"$tmp/out") - 1))
if [ "$rows" -eq $((moves * 2)) ]; then ok; else bad "csv rows $rows, expected $((moves * 2))"; fi
has out "round,move,kind,by,actor,utility,answer,batna,reservation,target,x"

# What-if switches change what they say.
expect 0 "without walk-away" -- "$parley" simulate "$ex" --without walk-away --format json
if python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["outcome"]["walked_away"] == [] and d["parameters"]["without"] == "walk-away"' <"$tmp/out"; then ok; else bad "--without walk-away"; fi
expect 0 "EU joins" -- "$parley" simulate "$ex" --join EU --format json
if python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["trace"][0]["room"]["EU"] == "in"' <"$tmp/out"; then ok; else bad "--join EU"; fi
expect 0 "E3 leaves" -- "$parley" simulate "$ex" --leave E3 --format json
if python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["trace"][0]["room"]["E3"] == "out"' <"$tmp/out"; then ok; else bad "--leave E3"; fi
expect 0 "plenary" -- "$parley" simulate "$ex" --meeting plenary --detail; has out "mediated single text, plenary"
has out "terms: crimea-donbas-status="

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
