#!/usr/bin/env bash
# zopa_estimate_test.sh PARLEY — the ZOPA estimate (docs/agreement-space.md,
# "The ZOPA's size") against exact counts: on scenarios small enough to
# count exactly, a budget of 100 nodes forces the estimate; over 40 seeds
# each, its 95% interval must hold the exact count at least 34 times (85%; about 92-100% measured), the
# mean of the estimates must lie within 3 standard errors of it, and the
# same seed must give the same estimate. The exact counts are checked by the
# exact space tests against brute force in exact rationals.
set -u
parley=$1
root=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# a second case with red lines and tight BATNAs, written here
cat >"$tmp/tight.yaml" <<'YAML'
parley: 1
actors:
  - {id: A, capability: 1, batna: 0.62}
  - {id: B, capability: 1, batna: 0.6}
  - {id: C, capability: 1, batna: 0.58}
issues:
  - {id: i0, options: [o0, o1, o2, o3], ordered: true}
  - {id: i1, options: [o0, o1, o2, o3], ordered: true}
  - {id: i2, options: [o0, o1, o2, o3], ordered: true}
  - {id: i3, options: [o0, o1, o2, o3], ordered: true}
  - {id: i4, options: [o0, o1, o2, o3], ordered: true}
  - {id: i5, options: [o0, o1, o2, o3], ordered: true}
  - {id: i6, options: [o0, o1, o2, o3], ordered: true}
  - {id: i7, options: [o0, o1, o2, o3], ordered: true}
  - {id: i8, options: [o0, o1, o2, o3], ordered: true}
  - {id: i9, options: [o0, o1, o2, o3], ordered: true}
stances:
  A: {i0: {salience: 0.9, ideal: o0}, i1: {salience: 0.4, ideal: o3}, i2: {salience: 0.7, ideal: o1},
      i3: {salience: 0.2, ideal: o2}, i4: {salience: 0.5, ideal: o0, red_line: [o3]},
      i5: {salience: 0.3, ideal: o3}, i6: {salience: 0.8, ideal: o2}, i7: {salience: 0.1, ideal: o0},
      i8: {salience: 0.6, ideal: o1}, i9: {salience: 0.35, ideal: o3}}
  B: {i0: {salience: 0.3, ideal: o3}, i1: {salience: 0.8, ideal: o0}, i2: {salience: 0.5, ideal: o2},
      i3: {salience: 0.9, ideal: o0}, i4: {salience: 0.2, ideal: o3}, i5: {salience: 0.6, ideal: o1},
      i6: {salience: 0.4, ideal: o0, red_line: [o3]}, i7: {salience: 0.7, ideal: o3},
      i8: {salience: 0.25, ideal: o2}, i9: {salience: 0.5, ideal: o0}}
  C: {i0: {salience: 0.5, ideal: o1}, i1: {salience: 0.5, ideal: o1}, i2: {salience: 0.9, ideal: o3},
      i3: {salience: 0.3, ideal: o3}, i4: {salience: 0.6, ideal: o1}, i5: {salience: 0.8, ideal: o0},
      i6: {salience: 0.2, ideal: o3}, i7: {salience: 0.4, ideal: o1}, i8: {salience: 0.9, ideal: o3},
      i9: {salience: 0.15, ideal: o2}}
YAML

zopa() { "$parley" space "$@" --limit 1 --format json |
  python3 -c 'import json,sys; z=json.load(sys.stdin)["zopa"]; print(z["count"], z["exact"], *(z.get("ci") or [0, 0]))'; }

for f in "$root/tests/data/space/estimate.yaml" "$tmp/tight.yaml"; do
  name=$(basename "$f")
  read -r exact isexact _ _ < <(zopa "$f")
  [ "$isexact" = True ] || { bad "$name: the default budget should count exactly"; continue; }
  for seed in $(seq 1 40); do
    "$parley" space "$f" --budget 100 --samples 20000 --seed "$seed" --limit 1 --format json \
      >"$tmp/seed$seed.json"
  done
  python3 - "$exact" "$name" "$tmp" <<'PY' && ok || bad "$name: coverage or bias (see above)"
import json, math, sys
exact = float(sys.argv[1]); rows = []
for seed in range(1, 41):
    z = json.load(open(f"{sys.argv[3]}/seed{seed}.json"))["zopa"]
    rows.append([z["count"], str(z["exact"]), *(z.get("ci") or [0, 0])])
est = [float(r[0]) for r in rows]
assert all(r[1] == "False" for r in rows), "the 100-node budget should force an estimate"
hit = sum(float(r[2]) <= exact <= float(r[3]) for r in rows)
mean = sum(est) / len(est)
sd = math.sqrt(sum((e - mean) ** 2 for e in est) / (len(est) - 1))
print(f"{sys.argv[2]}: exact {exact:.0f}, interval holds it {hit}/40, mean {mean:.1f}, sd {sd:.1f}")
assert hit >= 34, "coverage below 34/40"
assert abs(mean - exact) <= 3 * sd / math.sqrt(len(est)) + 1e-9, "mean of the estimates off"
PY
  a=$(zopa "$f" --budget 100 --samples 5000 --seed 7); b=$(zopa "$f" --budget 100 --samples 5000 --seed 7)
  [ "$a" = "$b" ] && ok || bad "$name: same seed, different estimates: $a / $b"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
