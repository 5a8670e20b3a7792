#!/usr/bin/env bash
# forecast_data_test.sh PARLEY ROOT — the forecasting models on real data:
# every KTAB sample in ../shared/data/ktab is imported and forecast by every
# model (each issue must get a finite forecast inside the scale), and the
# DEU III backtest must reproduce tests/golden/backtest-deu.txt byte for
# byte. Skips (77) when the data folder is absent.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
data=$root/../shared/data
[ -d "$data/ktab" ] || [ -f "$data/deu3/deu3.tsv" ] || { t_skip data "$data not found"; t_done; }
tmp=$T_TMP
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
  then t_ok "ktab $name"; else t_fail "ktab $name" "$(cat "$tmp/err")"; fi
done
deu=$data/deu3/deu3.tsv
if [ -f "$deu" ]; then
  cd "$root" || exit 1
  t_expect_rc 0 "deu backtest" "$parley" backtest --deu ../shared/data/deu3/deu3.tsv
  t_expect_same "deu backtest: tests/golden/backtest-deu.txt" tests/golden/backtest-deu.txt "$T_TMP/out"
  # The published figures' EUM conflict rule alone: 27.98 against their 27.94.
  t_expect_rc 0 "deu backtest, eum-conflict none" "$parley" backtest --deu "$deu" \
      --capability council-nice --model eum --eum-conflict none --resamples 10
  t_expect_contains out "eum         council-nice     351  27.98"
  t_expect_rc 0 "deu backtest --published" "$parley" backtest --deu "$deu" \
      --capability council-nice --published --format json --resamples 10
  t_check "deu backtest --published: both tables" python3 -c '
import json, sys
d = json.load(sys.stdin)
ours = {m["id"]: round(m["mae"], 2) for m in d["models"]}
pub = {m["id"]: round(m["mae"], 2) for m in d["published_conventions"]["models"]}
assert ours["eum"] == 28.83 and ours["compromise"] == 22.94 and ours["median"] == 28.58, ours
assert pub["eum"] == 28.19 and pub["compromise"] == 23.06 and pub["median"] == 28.67, pub' <"$T_TMP/out"
  # The pre-registered held-out evaluation: its table, and the temporal split
  # and compromise test MAE against tests/ref/heldout_ref.py (from the docs).
  t_expect_rc 0 "deu backtest --heldout both" "$parley" backtest --deu ../shared/data/deu3/deu3.tsv --heldout both
  t_expect_same "deu backtest --heldout: tests/golden/backtest-heldout.txt" tests/golden/backtest-heldout.txt "$T_TMP/out"
  t_expect_rc 0 "deu backtest --heldout temporal json" "$parley" backtest --deu "$deu" \
      --heldout temporal --format json --resamples 10
  python3 "$root/tests/ref/heldout_ref.py" "$deu" > "$T_TMP/ref.json"
  t_check "deu backtest --heldout temporal: split and compromise MAE as the reference" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["splits"][0]
r = json.load(open(sys.argv[2]))
assert (d["train_proposals"], d["test_proposals"], d["undated"], d["test_first"], d["test_issues"]) == \
       (r["train"], r["test"], r["undated"], r["test_first"], r["test_issues"]), (d, r)
c = [x for x in d["candidates"] if x["id"] == "compromise"][0]
assert abs(c["mae"] - r["mae"]) < 1e-9, (c["mae"], r["mae"])
assert len(d["candidates"]) == 10' "$T_TMP/out" "$T_TMP/ref.json"
fi
t_done
