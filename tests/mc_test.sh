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

# Sobol indices with known values (tests/data/mc/sobol-linear.yaml): a linear
# forecast near 1035 with sd 2.2, where the uncentred estimator was useless.
# One seed, three sizes (the rows are shared); the intervals' coverage over
# many designs is measured in tests/unit/test_mc.c (mc/sobol_coverage).
lin=tests/data/mc/sobol-linear.yaml
for n in 300 1000 5000; do
  t_expect_rc 0 "sensitivity known indices, n $n" "$parley" sensitivity $lin --what forecast \
      --metric terms:x -n $n --seed 5 --format json -o "$tmp/lin$n.json"
  t_check "known indices inside their 95% intervals, n $n" python3 - "$tmp/lin$n.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
truth = {"stances.A.x.ideal": 0.2, "stances.B.x.ideal": 0.8, "actors.C.batna": 0.0}
assert d["sobol"]["resamples"] == 1000 and not d["sobol"]["barely_varies"], d["sobol"]
for i in d["inputs"]:
    t = truth[i["path"]]
    for k in ("s1", "st"):
        lo, hi = i[k + "_ci"]
        assert lo <= t <= hi, (i["path"], k, lo, i[k], hi)
        assert abs(i[k] - t) < 0.15, (i["path"], k, i[k])
    assert not i["s1_above_st"], i
PY
done
t_expect_rc 0 "sensitivity text intervals" "$parley" sensitivity $lin --what forecast --metric terms:x -n 300
t_expect_contains out "S1  95% CI                ST  95% CI"
t_expect_contains out "Saltelli et al. 2010, centred"
t_expect_lacks out "! "
t_expect_rc 2 "sensitivity --resamples too many" "$parley" sensitivity $lin --resamples 100001
# One bootstrap replicate: its interval is a point, and this tiny design's
# S1 exceeds ST beyond it (an estimate that cannot be right).
t_expect_rc 0 "sensitivity S1 > ST warned" "$parley" sensitivity $lin --what forecast --metric terms:x \
    -n 4 --seed 4 --resamples 1
t_expect_contains out "! stances.B.x.ideal: S1 1.307 exceeds ST 0.987 beyond their intervals"
# A deal in 0.3% of draws: 6 of 1000 rows vary.
sed 's/min: 0, max: 1}/min: 0.298, max: 1}/' tests/data/mc/analytic.yaml >"$tmp/rare.yaml"
t_expect_rc 0 "sensitivity barely varies" "$parley" sensitivity "$tmp/rare.yaml" --what space -n 1000
t_expect_contains out "! the output barely varies"
t_expect_rc 0 "sensitivity barely varies JSON" "$parley" sensitivity "$tmp/rare.yaml" --what space -n 1000 --format json
t_check "barely_varies in JSON" python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["sobol"]["barely_varies"] and d["sobol"]["varying_rows"] == 6, d["sobol"]' <"$T_TMP/out"

# The run archive.
if "$parley" help runs >/dev/null 2>&1; then
  t_expect_rc 0 "montecarlo --db" "$parley" montecarlo $small -n 100 --quiet --db "$tmp/runs.db" --format json
  t_expect_rc 0 "runs list" "$parley" runs list --db "$tmp/runs.db"
  t_expect_contains out montecarlo
fi

# A space searched by the anytime frontier is refused (a missed deal would
# count as no ZOPA); on the default grid the same file is exact and runs.
t_expect_rc 1 "montecarlo space, anytime refused" "$parley" montecarlo \
    tests/data/mc/linked-big-mc.yaml --what space --grid 200 -n 10
t_expect_contains err "anytime frontier, which may miss a deal"
t_expect_empty out
t_expect_rc 0 "montecarlo space, linked and exact" "$parley" montecarlo \
    tests/data/mc/linked-big-mc.yaml --what space -n 10

t_done
