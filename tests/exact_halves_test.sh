#!/usr/bin/env bash
# exact_halves_test.sh PARLEY — exactness beyond exact_space_test.sh:
#  * y2016-AgentHp2 (3 parties, 8 integer issues, 5,764,801 packages), too big
#    for exact_space.py's package-by-package enumeration, against
#    tests/ref/halves_space.py (exact integers over each profile's
#    denominator, the issues in two halves; 589 points, 924,385 packages):
#    the ZOPA, every frontier point with its number of packages, best and
#    worst, and the Nash point. It tests exactness, not memory safety, so
#    the sanitizer build skips it (PARLEY_SKIP_SLOW_REF=1, set by CMake).
#  * A GeniusWeb linear evaluator given by two points, whose values tie
#    only in exact arithmetic (tests/data/geniusweb/ties).
set -u
. "$(dirname "$0")/lib.sh"
parley=$1
root=$(cd "$(dirname "$0")/.." && pwd)
data=${PARLEY_DATA:-$root/../shared/data}
dir=$data/anac/y2016-AgentHp2

if [ "${PARLEY_SKIP_SLOW_REF:-0}" = 1 ]; then
  t_skip "AgentHp2 against halves_space.py" "PARLEY_SKIP_SLOW_REF=1 (run in the Release build)"
elif [ ! -d "$dir" ]; then
  t_skip "AgentHp2 against halves_space.py" "$dir is absent"
elif "$parley" space "$dir" --format json --limit 1 >"$T_TMP/p.json" 2>"$T_TMP/err" &&
     "$parley" space "$dir" --format csv --limit 100000000 >"$T_TMP/p.csv" 2>>"$T_TMP/err"; then
  actors=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["zopa"]["worst"]))' "$T_TMP/p.json")
  python3 "$root/tests/ref/halves_space.py" "$dir" $actors >"$T_TMP/ref.json"
  t_expect_contains "$T_TMP/ref.json" '"points": 589, "packages": 924385'
  diff=$(python3 "$root/tests/ref/compare_space.py" "$T_TMP/p.json" "$T_TMP/p.csv" "$T_TMP/ref.json")
  if [ -z "$diff" ]; then t_ok "AgentHp2: space equals halves_space.py (points, packages per point, Nash)"
  else t_fail "AgentHp2: space differs from halves_space.py" "$diff"; fi
else
  t_fail "AgentHp2: parley space runs" "$(cat "$T_TMP/err")"
fi

# Two parties, x on 0.6..1 by 0.1 and d in {p, q}, weights 0.5 each:
#   a: x from (0.6, 0) to (1.0, 1): 0, 0.25, 0.5, 0.75, 1; p 0.25, q 0
#   b: x from (0.6, 0.9) to (1.0, 0.3): 0.9, 0.75, 0.6, 0.45, 0.3; p 0, q 0.15;
#      reservation bid (0.7, q): 0.5 * 0.75 + 0.5 * 0.15 = 0.45
# (0.6, p): a 0.5*0 + 0.5*0.25 = 0.125, b 0.5*0.9 + 0 = 0.45
# (0.7, q): a 0.5*0.25 + 0 = 0.125,    b 0.5*0.75 + 0.5*0.15 = 0.45 (a tie, at b's BATNA)
# (0.6, q): a 0, b 0.45 + 0.075 = 0.525; every other package gives b less than 0.45.
# So 3 acceptable packages, 2 frontier points, the first with 2 packages. In
# doubles 0.3 + 1.5 * (0.7 - 0.6) is 0.45000000000000002 and the tie breaks.
f=$T_TMP/ties.yaml
t_expect_rc 0 "geniusweb ties: import" "$parley" import genius "$root/tests/data/geniusweb/ties" -o "$f"
t_expect_contains "$f" '"x": {salience: 0.5, values: {"0.6": 0.9, "0.7": 0.75, "0.8": 0.6, "0.9": 0.45, "1": 0.3}}'
t_expect_contains "$f" "batna: 0.45"
t_expect_rc 0 "geniusweb ties: space" "$parley" space "$f" --format csv --limit 100
t_expect_eq "geniusweb ties: frontier" "$(cat "$T_TMP/out")" "point,x,d,u_a,u_b
1,0.6,p,0.125,0.45
1,0.7,q,0.125,0.45
2,0.6,q,0,0.525"
t_expect_rc 0 "geniusweb ties: space json" "$parley" space "$f" --format json
t_expect_contains out '"count": 3,'
t_done
