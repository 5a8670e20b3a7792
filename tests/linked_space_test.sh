#!/usr/bin/env bash
# linked_space_test.sh PARLEY — the agreement space with linkage (constraints,
# conditional red lines, interaction terms) against an exact brute force in
# rational arithmetic written from docs/scenario-format.md
# (tests/ref/linked_space.py): outcomes, ZOPA count, the frontier's packages
# and utilities (merge and brute force), the five solutions, best and worst
# acceptable, amendments and trades, on LINKED_SEEDS random small scenarios.
set -u
. "$(dirname "$0")/lib.sh"
parley=$1
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for seed in $(seq 1 "${LINKED_SEEDS:-40}"); do
  diff=$(python3 "$root/tests/ref/linked_space.py" "$parley" "$seed" "$tmp")
  if [ -z "$diff" ]; then t_ok "linked seed $seed: space, amend and trades equal the exact answers"
  else t_fail "linked seed $seed: differs from the exact answers" "$diff"; cp "$tmp/linked-$seed.yaml" /tmp/ 2>/dev/null; fi
done

# a cluster past the exact limit: the anytime frontier, labelled, and the
# exact analyses refuse; with the exact limit asked for, a located refusal
f=$root/tests/data/space/linked-big.yaml
t_expect_rc 0 "linked: a cluster past the exact limit gets the anytime frontier" "$parley" space "$f" --grid 200
t_expect_contains out "ANYTIME frontier of the acceptable packages"
t_expect_contains out "honoured by an anytime weighted-sum search"
t_expect_rc 0 "linked: anytime in JSON" "$parley" space "$f" --grid 200 --format json --limit 1
t_expect_contains out '"anytime": true'
t_expect_contains out '"count": null'
t_expect_rc 1 "linked: amend refuses an anytime space" "$parley" amend "$f" --grid 200 --proposal middle
t_expect_rc 0 "linked: the same cluster on a coarser grid is exact" "$parley" space "$f" --grid 50
t_expect_contains out "honoured exactly: 1 cluster of linked issues, the largest with 125000 joint positions"
t_done
