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

# a cluster past the exact limit is refused with a message naming it
f=$root/tests/data/space/linked-big.yaml
t_expect_rc 1 "linked: a cluster past the exact limit" "$parley" space "$f" --grid 200
t_expect_contains err "ties 3 issues (from 'x') into one cluster"
t_expect_rc 0 "linked: the same cluster on a coarser grid" "$parley" space "$f" --grid 50
t_done
