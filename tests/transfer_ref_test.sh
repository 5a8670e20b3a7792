#!/usr/bin/env bash
# transfer_ref_test.sh PARLEY — side payments against an exact reference in
# rational arithmetic written from docs/agreement-space.md ("Transfers"):
# tests/ref/transfer_ref.py checks every package's cheapest transfer
# (`eval`) and the space's frontier with transfers and its cheapest transfer
# (`space`) on TRANSFER_SEEDS random small scenarios.
set -u
. "$(dirname "$0")/lib.sh"
parley=$1
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for seed in $(seq 1 "${TRANSFER_SEEDS:-40}"); do
  diff=$(python3 "$root/tests/ref/transfer_ref.py" "$parley" "$seed" "$tmp")
  if [ -z "$diff" ]; then t_ok "transfer seed $seed: eval and space equal the exact answers"
  else t_fail "transfer seed $seed: differs from the exact answers" "$diff"; fi
done
t_done
