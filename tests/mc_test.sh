#!/usr/bin/env bash
# mc_test.sh PARLEY ROOT — `parley montecarlo` and `parley sensitivity` on
# the command line: usage errors (exit 2), a scenario without uncertain
# inputs (exit 1), atomic -o (no file on error), JSON and CSV that parse,
# the same bytes for any --threads, and the run archive (--db).
set -u
parley=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
small=tests/data/mc/small.yaml

# expect RC GREP ARGS...: exit code RC and GREP (may be empty) in stderr.
expect() {
  local want=$1 pat=$2
  shift 2
  "$parley" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" -ne "$want" ]; then
    echo "FAIL: parley $* exited $rc, expected $want"; cat "$tmp/err"; fail=1
  elif [ -n "$pat" ] && ! grep -q -- "$pat" "$tmp/err"; then
    echo "FAIL: parley $*: stderr lacks '$pat':"; cat "$tmp/err"; fail=1
  fi
}

expect 2 "-n must be a whole number" montecarlo $small -n 0
expect 2 "-n must be a whole number" montecarlo $small -n abc
expect 2 "-n must be a whole number" montecarlo $small -n 2e9
expect 2 "-n must be a whole number" montecarlo $small -n 1.5
expect 2 "--what must be simulate, forecast or space" montecarlo $small --what dance
expect 2 "--seed must be" montecarlo $small --seed -3
expect 2 "--threads must be" montecarlo $small --threads 999
expect 2 "--model is for --what forecast" montecarlo $small --model median
expect 2 "--format must be" montecarlo $small --format xml
expect 2 "needs a scenario FILE" montecarlo
expect 1 "no uncertain input" montecarlo tests/data/mc/none.yaml -n 10
expect 1 "" montecarlo tests/data/mc/missing.yaml -n 10
expect 2 "--metric must be" sensitivity $small --metric speed
expect 2 "no actor 'XX'" sensitivity $small --metric utility:XX
expect 2 "needs an id" sensitivity $small --metric terms
expect 2 "does not apply" sensitivity $small --what space --metric round -n 10
expect 1 "no uncertain input" sensitivity tests/data/mc/none.yaml

# -o: written whole, atomically; nothing left behind on an error, an
# existing file untouched.
expect 0 "" montecarlo $small -n 500 --format json -o "$tmp/r.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["command"]=="montecarlo"; assert d["samples"]["drawn"]==500; assert len(d["uncertain"])==5; assert 0<=d["agreement"]["share"]<=1' "$tmp/r.json" ||
  { echo "FAIL: montecarlo JSON"; fail=1; }
expect 1 "no uncertain input" montecarlo tests/data/mc/none.yaml -o "$tmp/none.json"
[ -e "$tmp/none.json" ] && { echo "FAIL: a file was left on error"; fail=1; }
cp "$tmp/r.json" "$tmp/keep.json"
expect 1 "no uncertain input" montecarlo tests/data/mc/none.yaml -o "$tmp/r.json"
cmp -s "$tmp/r.json" "$tmp/keep.json" || { echo "FAIL: the existing file changed on error"; fail=1; }
ls "$tmp" | grep -q '\.tmp' && { echo "FAIL: a temporary file was left"; fail=1; }

# CSV: the header and a row per statistic.
expect 0 "" montecarlo $small -n 300 --what space --format csv -o "$tmp/r.csv"
head -1 "$tmp/r.csv" | grep -qx 'section,subject,statistic,value' || { echo "FAIL: CSV header"; fail=1; }
grep -q '^zopa,,share,' "$tmp/r.csv" || { echo "FAIL: CSV zopa row"; fail=1; }

# The same bytes for any thread count; no progress bar when stderr is not a terminal.
for what in simulate forecast space; do
  "$parley" montecarlo $small -n 700 --what $what --threads 1 --format json >"$tmp/t1" 2>"$tmp/e1"
  "$parley" montecarlo $small -n 700 --what $what --threads 3 --format json >"$tmp/t3" 2>"$tmp/e3"
  cmp -s "$tmp/t1" "$tmp/t3" || { echo "FAIL: $what differs between 1 and 3 threads"; fail=1; }
  [ -s "$tmp/e1" ] || [ -s "$tmp/e3" ] && { echo "FAIL: $what wrote to stderr"; fail=1; }
done
"$parley" sensitivity $small -n 100 --threads 1 --format json >"$tmp/s1"
"$parley" sensitivity $small -n 100 --threads 2 --format json >"$tmp/s2"
cmp -s "$tmp/s1" "$tmp/s2" || { echo "FAIL: sensitivity differs between thread counts"; fail=1; }
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["inputs"])==5' "$tmp/s1" ||
  { echo "FAIL: sensitivity JSON"; fail=1; }

# The run archive.
if "$parley" help runs >/dev/null 2>&1; then
  expect 0 "" montecarlo $small -n 100 --quiet --db "$tmp/runs.db" --format json
  "$parley" runs list --db "$tmp/runs.db" >"$tmp/runs" 2>&1
  grep -q montecarlo "$tmp/runs" || { echo "FAIL: montecarlo run not archived"; cat "$tmp/runs"; fail=1; }
fi

[ "$fail" -eq 0 ] && echo "mc_test: ok"
exit $fail
