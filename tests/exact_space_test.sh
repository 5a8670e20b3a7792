#!/usr/bin/env bash
# exact_space_test.sh PARLEY — the agreement space of every linear ANAC domain
# in ../shared/data/anac against an exact brute force in rational arithmetic
# written from GENIUS's definitions (tests/ref/exact_space.py): the ZOPA
# count, the frontier's points and packages, the frontier's utility vectors
# and each party's best and worst acceptable utility must agree. Then
# tie-heavy scenarios written here (tests/data/exact-*.yaml) against their
# hand-computed answers.
set -u
. "$(dirname "$0")/lib.sh"
parley=$1
root=$(cd "$(dirname "$0")/.." && pwd)
data=${PARLEY_DATA:-$root/../shared/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -d "$data/anac" ]; then
  t_skip "anac domains" "$data/anac is absent"
else
  # AgentHp2 (5.8 million packages) is left to bench/: a Python brute force takes minutes
  for dir in "$data"/anac/*/; do
    name=$(basename "$dir")
    [ "$name" = y2016-AgentHp2 ] && continue
    if ! "$parley" space "$dir" --format json --limit 0 >"$tmp/p.json" 2>"$tmp/err" ||
       ! "$parley" space "$dir" --format csv --limit 100000000 >"$tmp/p.csv" 2>>"$tmp/err"; then
      t_fail "$name: parley space runs" "$(cat "$tmp/err")"
      continue
    fi
    actors=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["zopa"]["worst"]))' "$tmp/p.json")
    [ -n "$actors" ] || actors=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["frontier"]["packages"][0]["utilities"]))' "$tmp/p.json" 2>/dev/null)
    python3 "$root/tests/ref/exact_space.py" "$dir" $actors >"$tmp/ref.json"
    diff=$(python3 "$root/tests/ref/compare_space.py" "$tmp/p.json" "$tmp/p.csv" "$tmp/ref.json")
    if [ -z "$diff" ]; then t_ok "$name: space equals the exact brute force"
    else t_fail "$name: space differs from the exact brute force" "$diff"; fi
  done
fi

# Random tie-heavy scenarios written by tests/ref/tie_space.py, which computes
# their exact answers itself: space (ZOPA, frontier, best and worst) and the
# verdicts of eval must equal them.
for seed in $(seq 1 ${TIE_SEEDS:-40}); do
  python3 "$root/tests/ref/tie_space.py" "$seed" "$tmp/tie.yaml" >"$tmp/ref.json"
  if ! "$parley" space "$tmp/tie.yaml" --format json --limit 0 >"$tmp/p.json" 2>"$tmp/err" ||
     ! "$parley" space "$tmp/tie.yaml" --format csv --limit 100000000 >"$tmp/p.csv" 2>>"$tmp/err" ||
     ! "$parley" eval "$tmp/tie.yaml" --all --format json >"$tmp/e.json" 2>>"$tmp/err"; then
    t_fail "tie seed $seed: parley runs" "$(cat "$tmp/err")"
    cp "$tmp/tie.yaml" "$tmp/../tie-$seed.yaml" 2>/dev/null
    continue
  fi
  diff=$(python3 "$root/tests/ref/compare_space.py" "$tmp/p.json" "$tmp/p.csv" "$tmp/ref.json" "$tmp/e.json")
  if [ -z "$diff" ]; then t_ok "tie seed $seed: space and eval equal the exact answers"
  else t_fail "tie seed $seed: differs from the exact answers" "$diff"; cp "$tmp/tie.yaml" "/tmp/tie-$seed.yaml"; fi
done

# A BATNA equal to an achievable utility (issue 13): eval, space and amend agree.
f=$root/tests/data/exact-batna-one.yaml
t_expect_rc 0 "batna-one: eval" "$parley" eval "$f" --format json
t_expect_contains out '"verdict": "accept"'
t_expect_rc 0 "batna-one: space" "$parley" space "$f" --format json
t_expect_contains out '"empty": false'
t_expect_contains out '"count": 1,'
t_expect_rc 0 "batna-one: amend" "$parley" amend "$f" --proposal a-ideal
t_expect_lacks out "none: no package"

# Grid points are exact decimals: the point 0.21 on 0..0.7 is not below 0.21.
f=$root/tests/data/exact-grid.yaml
t_expect_rc 0 "grid: space" "$parley" space "$f" --format csv --limit 1000
t_expect_contains out "0.21,"
# Where no exact fraction fits, the output says the utilities are rounded.
f=$root/tests/data/exact-rounded.yaml
t_expect_rc 0 "rounded: space" "$parley" space "$f"
t_expect_contains out "note: some utilities are rounded to 2^-100"
t_expect_rc 0 "rounded: space json" "$parley" space "$f" --format json
t_expect_contains out "rounded to 2^-100 where no exact fraction fits"
t_expect_rc 0 "exact: space json" "$parley" space "$root/tests/data/exact-batna-one.yaml" --format json
t_expect_contains out '"model": "additive utility, exact rationals'

# trades: a third party's red line, --all, --drop-red-lines, --budget.
f=$root/tests/data/trades-third.yaml
t_expect_rc 0 "trades: default" "$parley" trades "$f"
t_expect_contains out "Trades on base: 0 found"
t_expect_contains out "left out; --all lists them"
t_expect_rc 0 "trades: --all" "$parley" trades "$f" --all
t_expect_contains out "1. A gets x: x1 -> x2; B gets y: y0 -> y1"
t_expect_contains out "breaks: C (red line)"
t_expect_rc 0 "trades: --all json" "$parley" trades "$f" --all --format json
t_expect_contains out '"C": "red_line"'
t_expect_contains out '"complete": true'
t_expect_rc 0 "trades: C's red line dropped" "$parley" trades "$f" --drop-red-lines C:x
t_expect_contains out "Trades on base: 1 found"
t_expect_lacks out "breaks:"
t_expect_rc 0 "trades: budget" "$parley" trades "$f" --all --budget 1 --format json
t_expect_contains out '"complete": false'
t_done
