#!/usr/bin/env bash
# space_test.sh PARLEY ROOT [data] — behaviour of `space`, `amend` and
# `trades` beyond the golden files: memory bound, atomic output, progress,
# and (with "data") the merged frontier against brute force on every ANAC
# domain in ../shared/data/anac (exit 77, skipped, when it is absent).
set -u
parley=$1
root=$2
cd "$root" || exit 1
. tests/lib.sh
tmp=$T_TMP

if [ "${3:-}" = data ]; then
  data=../shared/data/anac
  if [ ! -d "$data" ]; then t_skip "anac" "$data not found"; t_done; fi
  for d in "$data"/*/; do
    name=$(basename "$d")
    # Under the sanitizers (test.sh sets PARLEY_SANITIZED) the brute force
    # of a domain over 10^6 packages takes minutes; the Release stage runs it.
    if [ -n "${PARLEY_SANITIZED:-}" ] &&
       [ "$("$parley" space "$d" --format json --limit 0 2>/dev/null |
            python3 -c 'import json,sys; print(int(json.load(sys.stdin)["outcomes"]) > 10**6)' 2>/dev/null)" = True ]; then
      t_skip "$name brute" "over 10^6 packages under the sanitizers (run in the Release stage)"
      continue
    fi
    t_expect_rc 0 "$name merge" "$parley" space "$d" --format csv --limit 0 || continue
    mv "$T_TMP/out" "$tmp/m.csv"
    t_expect_rc 0 "$name brute" "$parley" space "$d" --format csv --limit 0 --method brute || continue
    mv "$T_TMP/out" "$tmp/b.csv"
    t_expect_same "$name: the merged frontier is brute force's" "$tmp/b.csv" "$tmp/m.csv"
    "$parley" space "$d" --format json >"$tmp/m.json" && "$parley" space "$d" --format json --method brute >"$tmp/b.json" || { t_fail "$name json"; continue; }
    grep -v '"method"' "$tmp/m.json" >"$tmp/m.sol"
    grep -v '"method"' "$tmp/b.json" >"$tmp/b.sol"
    t_expect_same "$name: the same solutions" "$tmp/b.sol" "$tmp/m.sol"
  done
  t_done
fi

# a memory bound too small for a 4-party frontier: a clear message, exit 1, no output file
python3 - >"$tmp/big.yaml" <<'PY'
import random
random.seed(5)
print("parley: 1\nactors:")
for i in range(4): print(f"  - {{id: a{i}, capability: 1, batna: 0}}")
print("issues:")
for j in range(16): print(f"  - {{id: i{j}, options: [o0, o1, o2, o3, o4]}}")
print("stances:")
for i in range(4):
    print(f"  a{i}:")
    for j in range(16):
        v = ", ".join(f"o{k}: {random.random():.4f}" for k in range(5))
        print(f"    i{j}: {{salience: {0.05 + 0.9 * random.random():.4f}, values: {{{v}}}}}")
PY
t_expect_rc 1 "memory bound" "$parley" space "$tmp/big.yaml" --max-memory 0.01 -o "$tmp/out.json" --format json
t_expect_contains err "over the bound of 0.0 GiB (--max-memory)"
t_check "how far it got: $(cat "$tmp/err")" grep -q "the frontier after [0-9]* of 16 issues holds" "$tmp/err"
t_check "no partial output file" test ! -e "$tmp/out.json"

# the same run within bounds writes the file whole; a progress line only on request
t_expect_rc 0 "big run" "$parley" space "$tmp/big.yaml" --progress always -o "$tmp/out.json" --format json
t_check "big run json" python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['frontier']['points'] > 1000" "$tmp/out.json"
t_expect_contains err "issue 16 of 16 merged"
t_expect_rc 0 "big run, no terminal" "$parley" space "$tmp/big.yaml" --limit 1
t_expect_empty err # no progress without a terminal

# an unreadable scenario leaves an existing output file untouched
echo keep >"$tmp/keep.json"
"$parley" space "$tmp/missing.yaml" -o "$tmp/keep.json" 2>/dev/null
t_expect_eq "existing output untouched" "$(cat "$tmp/keep.json")" keep

# usage errors exit 2 and name the option
t_expect_rc 2 "--method fast" "$parley" space examples/ukraine-2025.yaml --method fast
t_expect_rc 2 "--max-memory lots" "$parley" space examples/ukraine-2025.yaml --max-memory lots
t_expect_rc 2 "amend without --proposal" "$parley" amend examples/ukraine-2025.yaml
t_expect_rc 2 "trades csv" "$parley" trades examples/ukraine-2025.yaml --format csv
t_expect_rc 1 "brute limit" "$parley" space "$tmp/big.yaml" --method brute
t_expect_contains err "brute force enumerates at most"

t_done
