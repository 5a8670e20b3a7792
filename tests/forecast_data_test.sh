#!/usr/bin/env bash
# forecast_data_test.sh PARLEY ROOT — the forecasting models on real data:
# every KTAB sample in ../shared/data/ktab is imported and forecast by every
# model (each issue must get a finite forecast inside the scale), and the
# DEU III backtest must reproduce tests/golden/backtest-deu.txt byte for
# byte. Skips (77) when the data folder is absent.
set -u
parley=$1 root=$2
data=$root/../shared/data
[ -d "$data/ktab" ] || [ -f "$data/deu3/deu3.tsv" ] || { echo "skipped: $data not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
for f in "$data"/ktab/*.csv; do
  [ -f "$f" ] || continue
  name=$(basename "$f" .csv)
  if "$parley" import actors "$f" -o "$tmp/$name.yaml" 2>"$tmp/err" &&
     "$parley" forecast "$tmp/$name.yaml" --format json -o "$tmp/$name.json" 2>>"$tmp/err" &&
     python3 - "$tmp/$name.json" <<'PY' 2>>"$tmp/err"
import json, math, sys
d = json.load(open(sys.argv[1]))
assert [m["id"] for m in d["models"]] == ["compromise", "median", "nash", "eum", "condorcet", "exchange"]
for m in d["models"]:
    for i in m["issues"]:
        v = i["forecast"]
        assert v is not None and math.isfinite(v), (m["id"], i["id"], v)
PY
  then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL ktab $name:"; cat "$tmp/err"; fi
done
deu=$data/deu3/deu3.tsv
if [ -f "$deu" ]; then
  cd "$root" || exit 1
  if "$parley" backtest --deu ../shared/data/deu3/deu3.tsv >"$tmp/bt.txt" 2>"$tmp/err" &&
     diff -u tests/golden/backtest-deu.txt "$tmp/bt.txt"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL deu backtest"; cat "$tmp/err"
  fi
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
