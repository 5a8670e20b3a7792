#!/usr/bin/env bash
# space_test.sh PARLEY ROOT [data] — behaviour of `space`, `amend` and
# `trades` beyond the golden files: memory bound, atomic output, progress,
# and (with "data") the merged frontier against brute force on every ANAC
# domain in ../shared/data/anac (exit 77, skipped, when it is absent).
set -u
parley=$1
root=$2
cd "$root" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
pass=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

if [ "${3:-}" = data ]; then
  data=../shared/data/anac
  if [ ! -d "$data" ]; then echo "skipped: $data not found"; exit 77; fi
  for d in "$data"/*/; do
    name=$(basename "$d")
    "$parley" space "$d" --format csv --limit 0 >"$tmp/m.csv" 2>"$tmp/err" || { bad "$name merge: $(cat "$tmp/err")"; continue; }
    "$parley" space "$d" --format csv --limit 0 --method brute >"$tmp/b.csv" 2>"$tmp/err" || { bad "$name brute: $(cat "$tmp/err")"; continue; }
    if cmp -s "$tmp/m.csv" "$tmp/b.csv"; then ok; else bad "$name: merged frontier differs from brute force"; fi
    "$parley" space "$d" --format json >"$tmp/m.json" && "$parley" space "$d" --format json --method brute >"$tmp/b.json" || { bad "$name json"; continue; }
    if diff <(grep -v '"method"' "$tmp/m.json") <(grep -v '"method"' "$tmp/b.json") >/dev/null; then ok; else bad "$name: solutions differ"; fi
  done
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
  exit
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
"$parley" space "$tmp/big.yaml" --max-memory 0.01 -o "$tmp/out.json" --format json 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] && ok || bad "memory bound: exit $rc"
grep -q "over the bound of 0.0 GiB (--max-memory)" "$tmp/err" && ok || bad "memory bound message: $(cat "$tmp/err")"
grep -q "the frontier after [0-9]* of 16 issues holds" "$tmp/err" && ok || bad "how far it got: $(cat "$tmp/err")"
[ ! -e "$tmp/out.json" ] && ok || bad "partial output file written"

# the same run within bounds writes the file whole; a progress line only on request
"$parley" space "$tmp/big.yaml" --progress always -o "$tmp/out.json" --format json 2>"$tmp/err" && ok || bad "big run failed"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['frontier']['points'] > 1000" "$tmp/out.json" && ok || bad "big run json"
grep -q "issue 16 of 16 merged" "$tmp/err" && ok || bad "no progress line: $(cat "$tmp/err")"
"$parley" space "$tmp/big.yaml" --limit 1 >/dev/null 2>"$tmp/err" && [ ! -s "$tmp/err" ] && ok || bad "progress without a terminal"

# an unreadable scenario leaves an existing output file untouched
echo keep >"$tmp/keep.json"
"$parley" space "$tmp/missing.yaml" -o "$tmp/keep.json" 2>/dev/null
[ "$(cat "$tmp/keep.json")" = keep ] && ok || bad "existing output clobbered"

# usage errors exit 2 and name the option
"$parley" space examples/ukraine-2025.yaml --method fast 2>"$tmp/err"; [ $? -eq 2 ] && ok || bad "--method fast"
"$parley" space examples/ukraine-2025.yaml --max-memory lots 2>"$tmp/err"; [ $? -eq 2 ] && ok || bad "--max-memory lots"
"$parley" amend examples/ukraine-2025.yaml 2>"$tmp/err"; [ $? -eq 2 ] && ok || bad "amend without --proposal"
"$parley" trades examples/ukraine-2025.yaml --format csv 2>"$tmp/err"; [ $? -eq 2 ] && ok || bad "trades csv"
"$parley" space "$tmp/big.yaml" --method brute 2>"$tmp/err"; [ $? -eq 1 ] && grep -q "brute force enumerates at most" "$tmp/err" && ok || bad "brute limit: $(cat "$tmp/err")"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
