#!/usr/bin/env bash
# mc_test.sh PARLEY ROOT — `parley montecarlo` and `parley sensitivity` on
# the command line: usage errors (exit 2), a scenario without uncertain
# inputs (exit 1), atomic -o (no file on error), JSON and CSV that parse,
# the same bytes for any --threads, and the run archive (--db).
set -u
parley=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2" || exit 1
. tests/lib.sh
tmp=$T_TMP
small=tests/data/mc/small.yaml

t_expect_rc 2 "montecarlo -n 0" "$parley" montecarlo $small -n 0
t_expect_contains err "-n must be a whole number"
t_expect_rc 2 "montecarlo -n abc" "$parley" montecarlo $small -n abc
t_expect_contains err "-n must be a whole number"
t_expect_rc 2 "montecarlo -n 2e9" "$parley" montecarlo $small -n 2e9
t_expect_contains err "-n must be a whole number"
t_expect_rc 2 "montecarlo -n 1.5" "$parley" montecarlo $small -n 1.5
t_expect_contains err "-n must be a whole number"
t_expect_rc 2 "montecarlo --what dance" "$parley" montecarlo $small --what dance
t_expect_contains err "--what must be simulate, forecast or space"
t_expect_rc 2 "montecarlo --seed -3" "$parley" montecarlo $small --seed -3
t_expect_contains err "--seed must be"
t_expect_rc 2 "montecarlo --threads 999" "$parley" montecarlo $small --threads 999
t_expect_contains err "--threads must be"
t_expect_rc 2 "montecarlo --model median" "$parley" montecarlo $small --model median
t_expect_contains err "--model is for --what forecast"
t_expect_rc 2 "montecarlo --format xml" "$parley" montecarlo $small --format xml
t_expect_contains err "--format must be"
t_expect_rc 2 "montecarlo" "$parley" montecarlo
t_expect_contains err "needs a scenario FILE"
t_expect_rc 1 "montecarlo none.yaml" "$parley" montecarlo tests/data/mc/none.yaml -n 10
t_expect_contains err "no uncertain input"
t_expect_rc 1 "montecarlo missing.yaml" "$parley" montecarlo tests/data/mc/missing.yaml -n 10
t_expect_rc 2 "sensitivity --metric speed" "$parley" sensitivity $small --metric speed
t_expect_contains err "--metric must be"
t_expect_rc 1 "sensitivity --metric utility:XX" "$parley" sensitivity $small --metric utility:XX
t_expect_contains err "no actor 'XX'"
t_expect_rc 2 "sensitivity --metric terms" "$parley" sensitivity $small --metric terms
t_expect_contains err "needs an id"
t_expect_rc 2 "sensitivity --what space --metric round" "$parley" sensitivity $small --what space --metric round -n 10
t_expect_contains err "does not apply"
t_expect_rc 1 "sensitivity none.yaml" "$parley" sensitivity tests/data/mc/none.yaml
t_expect_contains err "no uncertain input"

# -o: written whole, atomically; nothing left behind on an error, an
# existing file untouched.
t_expect_rc 0 "montecarlo -o r.json" "$parley" montecarlo $small -n 500 --format json -o "$tmp/r.json"
t_check "montecarlo JSON" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["command"]=="montecarlo"; assert d["samples"]["drawn"]==500; assert len(d["uncertain"])==5; assert 0<=d["agreement"]["share"]<=1' "$tmp/r.json"
t_expect_rc 1 "montecarlo none.yaml -o" "$parley" montecarlo tests/data/mc/none.yaml -o "$tmp/none.json"
t_expect_contains err "no uncertain input"
t_check "no file left on error" test ! -e "$tmp/none.json"
cp "$tmp/r.json" "$tmp/keep.json"
t_expect_rc 1 "montecarlo none.yaml -o an existing file" "$parley" montecarlo tests/data/mc/none.yaml -o "$tmp/r.json"
t_expect_contains err "no uncertain input"
t_expect_same "the existing file unchanged on error" "$tmp/keep.json" "$tmp/r.json"
t_expect_eq "no temporary file left" "$(ls "$tmp" | grep '\.tmp')" ""

# CSV: the header and a row per statistic.
t_expect_rc 0 "montecarlo csv" "$parley" montecarlo $small -n 300 --what space --format csv -o "$tmp/r.csv"
t_expect_eq "CSV header" "$(head -1 "$tmp/r.csv")" 'section,subject,statistic,value'
t_check "CSV zopa row" grep -q '^zopa,,share,' "$tmp/r.csv"

# The same bytes for any thread count; no progress bar when stderr is not a terminal.
for what in simulate forecast space; do
  "$parley" montecarlo $small -n 700 --what $what --threads 1 --format json >"$tmp/t1" 2>"$tmp/e1"
  "$parley" montecarlo $small -n 700 --what $what --threads 3 --format json >"$tmp/t3" 2>"$tmp/e3"
  t_expect_same "$what: the same on 1 and 3 threads" "$tmp/t1" "$tmp/t3"
  t_expect_empty "$tmp/e1"
  t_expect_empty "$tmp/e3"
done
"$parley" sensitivity $small -n 100 --threads 1 --format json >"$tmp/s1"
"$parley" sensitivity $small -n 100 --threads 2 --format json >"$tmp/s2"
t_expect_same "sensitivity: the same on 1 and 2 threads" "$tmp/s1" "$tmp/s2"
t_check "sensitivity JSON" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["inputs"])==5' "$tmp/s1"

# The run archive.
if "$parley" help runs >/dev/null 2>&1; then
  t_expect_rc 0 "montecarlo --db" "$parley" montecarlo $small -n 100 --quiet --db "$tmp/runs.db" --format json
  t_expect_rc 0 "runs list" "$parley" runs list --db "$tmp/runs.db"
  t_expect_contains out montecarlo
fi

t_done
