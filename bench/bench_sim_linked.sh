#!/usr/bin/env bash
# bench_sim_linked.sh BUILD [N] — what linkage costs the simulator: runs
# bench_mc (1 and 2 threads) on two linked scenarios and on the same
# scenarios with their constraints, red_lines and terms sections removed:
# tests/data/sim/linked.yaml (2 parties, 4 issues, 1 constraint, 1
# conditional red line, 1 term) with USA's BATNA made uncertain, and a
# random 4-party, 20-issue scenario with 30 interaction terms and 5
# constraints (the issue's size; generated here from a fixed seed).
set -eu
build=$1
n=${2:-2000}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed 's/{id: USA, capability: 1, batna: 0.2}/{id: USA, capability: 1, batna: {dist: uniform, min: 0.1, max: 0.3}}/' \
  "$root/tests/data/sim/linked.yaml" >"$tmp/small.yaml"
python3 - "$tmp/big.yaml" <<'PY'
import random, sys
random.seed(3)
actors, n = ["A", "B", "C", "D"], 20
out = ["parley: 1", "actors:"]
for a in actors:
    out.append(f"  - {{id: {a}, capability: {random.randint(1, 3)}, batna: {{dist: uniform, min: 0.1, max: 0.3}}}}")
out.append("issues:")
for j in range(n):
    out.append(f"  - {{id: i{j}, scale: {{lo: 0, hi: 10}}}}" if j % 2 else
               f"  - {{id: i{j}, options: [o0, o1, o2, o3], ordered: true}}")
out.append("stances:")
for a in actors:
    out.append(f"  {a}:")
    for j in range(n):
        ideal = random.randint(0, 10) if j % 2 else f"o{random.randint(0, 3)}"
        out.append(f"    i{j}: {{salience: {random.randint(1, 9) / 10}, ideal: {ideal}}}")
def cond(j):
    return f"i{j}: {{at_least: {random.randint(1, 9)}}}" if j % 2 else f"i{j}: [o{random.randint(0, 3)}]"
out.append("constraints:")
for k in range(5):
    a, b = random.sample(range(n), 2)
    out.append(f"  - {{id: c{k}, if: {{{cond(a)}}}, then: {{{cond(b)}}}}}")
out.append("terms:")
for k in range(30):
    a, b = random.sample(range(n), 2)
    out.append(f"  - {{id: t{k}, actor: {random.choice(actors)}, when: {{{cond(a)}, {cond(b)}}}, "
               f"weight: {random.randint(1, 5) / 10}}}")
out.append("simulation:\n  horizon: 20")
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY
for f in small big; do
  awk '/^(constraints|red_lines|terms):/{skip=1; next} /^[a-z]/{skip=0} !skip' "$tmp/$f.yaml" >"$tmp/$f-unlinked.yaml"
  for v in "$f" "$f-unlinked"; do
    echo "== $v"
    "$build/bench/bench_mc" "$tmp/$v.yaml" "$n" | sed 1d
  done
done
