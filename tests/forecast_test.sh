#!/usr/bin/env bash
# forecast_test.sh PARLEY ROOT — `parley forecast` beyond the golden files:
# each forecast checked against the actors (values worked out by hand in
# tests/data/forecast/checks.yaml), in text, JSON and CSV.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
data=$root/tests/data/forecast
tmp=$T_TMP

# ---- Item: every forecast checked against the actors.
t_expect_rc 0 "checks: text" "$parley" forecast "$data/checks.yaml" --model compromise
t_expect_contains out "1 of 3 actors accept"
t_expect_contains out "! crosses a red line of B: fee"
t_expect_contains out "! below the BATNA of C"
t_expect_lacks out "acceptable to every actor"
t_expect_rc 0 "checks: JSON" "$parley" forecast "$data/checks.yaml" --model compromise \
    --format json -o "$tmp/c.json"
t_check "checks: JSON values (by hand)" python3 - "$tmp/c.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["models"][0]
near = lambda a, b: abs(a - b) < 1e-12
assert [i["package"] for i in m["issues"]] == [70, 0], m["issues"]
c = {x["actor"]: x for x in m["checks"]}
assert near(c["A"]["utility"], 0.85) and near(c["A"]["surplus"], 0.65), c["A"]
assert c["A"]["verdict"] == "accept" and c["A"]["red_lines_crossed"] == []
assert near(c["B"]["utility"], 0.2) and c["B"]["verdict"] == "reject", c["B"]
assert c["B"]["red_lines_crossed"] == ["fee"] and not c["B"]["below_batna"]
assert near(c["C"]["surplus"], -0.3) and c["C"]["below_batna"], c["C"]
assert c["C"]["red_lines_crossed"] == [] and m["acceptable"] is False
PY
t_expect_rc 0 "checks: CSV" "$parley" forecast "$data/checks.yaml" --model compromise \
    --format csv
t_expect_contains out "model,record,issue,actor,round,forecast,option,utility,batna,surplus,verdict,red_lines_crossed,scenario_hash"
t_expect_contains out "compromise,issue,access,,0,0.2857142857142857,closed,,,,,,sha256:"
t_expect_contains out "compromise,actor,,B,,,,0.2,0.1,0.1,reject,fee,sha256:"
t_expect_contains out "compromise,actor,,C,,,,0.6,0.9,-0.30000000000000004,reject,,sha256:"
# The median (A's 3 of 5 on fee: 100) leaves B at 0 with its red line crossed.
t_expect_rc 0 "checks: median" "$parley" forecast "$data/checks.yaml" --model median \
    --format json -o "$tmp/m.json"
t_check "checks: median JSON" python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))["models"][0]
b = [x for x in m["checks"] if x["actor"] == "B"][0]
assert b["utility"] == 0 and b["red_lines_crossed"] == ["fee"], b' "$tmp/m.json"
# Agreement: every check accepts when the forecast suits everyone.
sed -e 's/batna: 0.9/batna: 0.5/' -e 's/above: 60/above: 80/' "$data/checks.yaml" >"$tmp/ok.yaml"
t_expect_rc 0 "checks: acceptable" "$parley" forecast "$tmp/ok.yaml" --model compromise
t_expect_contains out "acceptable to every actor"
t_expect_lacks out "! "

t_done
