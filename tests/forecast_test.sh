#!/usr/bin/env bash
# forecast_test.sh PARLEY ROOT — `parley forecast` beyond the golden files:
# each forecast checked against the actors (values worked out by hand in
# tests/data/forecast/checks.yaml), in text, JSON and CSV; convergence
# reported, and a cycle's forecast independent of --rounds; unordered
# options: no forecast moves when they are permuted.
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
t_expect_contains out "model,record,issue,actor,round,forecast,option,stop,period,utility,batna,surplus,verdict,red_lines_crossed,scenario_hash"
t_expect_contains out "compromise,issue,access,,0,0,closed,,,,,,,,sha256:"
t_expect_contains out "compromise,actor,,B,,,,,,0.2,0.1,0.1,reject,fee,sha256:"
t_expect_contains out "compromise,actor,,C,,,,,,0.6,0.9,-0.30000000000000004,reject,,sha256:"
# The median (A's 3 of 5 on fee: 100) leaves B at 0 with its red line crossed.
t_expect_rc 0 "checks: median" "$parley" forecast "$data/checks.yaml" --model median \
    --format json -o "$tmp/m.json"
t_check "checks: median JSON" python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))["models"][0]
b = [x for x in m["checks"] if x["actor"] == "B"][0]
assert b["utility"] == 0 and b["red_lines_crossed"] == ["fee"], b' "$tmp/m.json"
# --nearest: only fee 45..55 gives C its BATNA 0.9 and stays under B's red
# line (60); on the 11-point grid that is 50, one change from any forecast.
t_expect_rc 0 "nearest: text" "$parley" forecast "$data/checks.yaml" --nearest
t_expect_contains out "nearest acceptable package (amend's metric: fewest changed issues, then smallest utility shift), 1 change: fee: 70 -> 50"
t_expect_contains out "1 change: fee: 100 -> 50"
t_expect_rc 0 "nearest: JSON" "$parley" forecast "$data/checks.yaml" --nearest --model compromise --format json
t_check "nearest: JSON package and utilities" python3 -c '
import json, sys
n = json.load(sys.stdin)["models"][0]["nearest_acceptable"]
assert n["found"] and n["exact"] and n["changed"] == 1, n
assert n["positions"] == {"fee": 50, "access": "closed"}, n
assert n["utilities"] == {"A": 0.75, "B": 1 / 3, "C": 1}, n' <"$T_TMP/out"
t_expect_rc 0 "nearest: CSV" "$parley" forecast "$data/checks.yaml" --nearest --model compromise --format csv
t_expect_contains out "compromise,nearest,fee,,,50,,"
t_expect_rc 0 "no nearest without --nearest" "$parley" forecast "$data/checks.yaml" --model compromise --format json
t_expect_lacks out "nearest_acceptable"
sed 's/above: 60/above: 40/' "$data/checks.yaml" >"$tmp/none.yaml"  # C needs 45..55
t_expect_rc 0 "nearest: none exists" "$parley" forecast "$tmp/none.yaml" --nearest --model median
t_expect_contains out "nearest acceptable package: none exists on the grid"

# The HTML report lists each forecast's check (needs the vega files of 'npm ci').
if [ -f "$root/node_modules/vega/build/vega.min.js" ]; then
  t_expect_rc 0 "report: forecast checks" "$parley" report "$root/examples/ukraine-2025.yaml" \
      --root "$root" -o "$tmp/report.html"
  t_check "report: a check per model" grep -q "<li><b>median</b>: 2 of 5 actors accept; crosses a red line of UKR" "$tmp/report.html"
else
  t_skip "report: forecast checks" "no node_modules/vega in $root ('npm ci')"
fi

# Agreement: every check accepts when the forecast suits everyone.
sed -e 's/batna: 0.9/batna: 0.5/' -e 's/above: 60/above: 80/' "$data/checks.yaml" >"$tmp/ok.yaml"
t_expect_rc 0 "checks: acceptable" "$parley" forecast "$tmp/ok.yaml" --model compromise
t_expect_contains out "acceptable to every actor"
t_expect_lacks out "! "

# ---- Item: convergence reported.
cyc=$data/cycle.yaml
t_expect_rc 0 "cycle: text" "$parley" forecast "$cyc" --model eum --trace
t_expect_contains out "NOT CONVERGED on 1 issue"
t_expect_contains out "! x: cycles with period 2 after 2 rounds (20.0 -> 70.0); forecast = the mean over the cycle"
t_expect_contains out "rounds: 70.0 -> 20.0 -> 45.0"
for r in 2 3 50 99 100; do
  "$parley" forecast "$cyc" --model eum --rounds $r --format json >"$tmp/r$r.json"
done
t_check "cycle: the same forecast whatever --rounds (mean over the cycle)" python3 - "$tmp"/r*.json <<'PY'
import json, sys
for f in sys.argv[1:]:
    m = json.load(open(f))["models"][0]
    i = m["issues"][0]
    assert m["converged"] is False and i["converged"] is False, f
    assert i["stop"] == "cycle" and i["cycle"] == {"period": 2, "forecasts": [20, 70]}, (f, i)
    assert i["forecast"] == 45 and i["iterations"] == 2, (f, i)
PY
t_expect_rc 0 "cycle: cut before it shows" "$parley" forecast "$cyc" --model eum --rounds 1 --format json
t_check "cycle: one round is max-rounds, not converged" python3 -c '
import json, sys
i = json.load(sys.stdin)["models"][0]["issues"][0]
assert i["stop"] == "max-rounds" and not i["converged"] and i["cycle"] is None and i["forecast"] == 20, i' <"$T_TMP/out"
t_expect_rc 0 "cycle: CSV" "$parley" forecast "$cyc" --model eum --format csv
t_expect_contains out "eum,issue,x,,2,45,,cycle,2,"
t_expect_rc 0 "converged: text" "$parley" forecast "$data/checks.yaml" --model condorcet
t_expect_contains out "; converged"
t_expect_lacks out "NOT CONVERGED"
t_expect_rc 0 "one-shot models say nothing of convergence" "$parley" forecast "$cyc" --model median --format json
t_check "one-shot JSON has no convergence keys" python3 -c '
import json, sys
m = json.load(sys.stdin)["models"][0]
assert "converged" not in m and "stop" not in m["issues"][0], m' <"$T_TMP/out"

# ---- The EUM's conventions as named options.
t_expect_rc 0 "eum-conflict none: nobody moves in the conflict region" "$parley" forecast "$cyc" \
    --model eum --eum-conflict none --format json
t_check "eum-conflict none: the starting median, converged" python3 -c '
import json, sys
d = json.load(sys.stdin)
p = d["parameters"]
assert (p["eum_conflict"], p["eum_security"], p["eum_tie_tol"]) == ("none", "all", 1e-9), p
i = d["models"][0]["issues"][0]
assert i["forecast"] == 70 and i["converged"] and i["iterations"] == 1, i' <"$T_TMP/out"
t_expect_rc 0 "eum conventions in the text label" "$parley" forecast "$cyc" --model eum --eum-security distinct --eum-tie-tol 0
t_expect_contains out "conflict yield, security distinct, ties 0"
t_expect_rc 2 "eum-conflict: a word" "$parley" forecast "$cyc" --eum-conflict maybe
t_expect_contains err "yield"
t_expect_rc 2 "eum-tie-tol: at most 0.001" "$parley" forecast "$cyc" --eum-tie-tol 0.5

# ---- Item: discrete issues are categories unless declared ordered.
un=$data/unordered.yaml
sed 's/options: \[north, east, south, west\]/options: [west, south, north, east]/' "$un" >"$tmp/p1.yaml"
sed -e 's/options: \[north, east, south, west\]/options: [east, west, north, south]/' \
    -e 's/options: \[red, blue\]/options: [blue, red]/' "$un" >"$tmp/p2.yaml"
for f in "$un" "$tmp/p1.yaml" "$tmp/p2.yaml"; do
  "$parley" forecast "$f" --format json >"$tmp/$(basename "$f").json"
done
t_check "unordered: permuting the options changes no model's forecast" python3 - "$tmp"/unordered.yaml.json "$tmp"/p1.yaml.json "$tmp"/p2.yaml.json <<'PY'
import json, sys
def picks(path):
    d = json.load(open(path))
    out = {}
    for m in d["models"]:
        for i in m["issues"]:
            out[(m["id"], i["id"])] = i["option"] if i["kind"] == "discrete" else i["forecast"]
            assert i["kind"] == "continuous" or i["ordered"] is False
            if i["kind"] == "discrete":
                assert i["forecast"] == int(i["forecast"]), i  # an option, not a point between
        out[(m["id"], "checks")] = [(c["actor"], c["utility"], c["verdict"]) for c in m["checks"]]
    return out
base = picks(sys.argv[1])
for other in sys.argv[2:]:
    assert picks(other) == base, (other, {k: (v, picks(other)[k]) for k, v in base.items() if picks(other)[k] != v})
# Worked by hand (weights A 2.7, B 1, C 1.4, D 1): weighted mean values
# north 3.62, east 2.10, south 3.92, west 1.10; north beats every option
# pairwise (by 1.3, 1.3, 2.1): the Condorcet winner; no option beats the
# status quo west for D and the rest at once, so Nash stays there.
want = {"compromise": "south", "median": "north", "eum": "north", "nash": "west",
        "condorcet": "south", "exchange": "south"}
for m, o in want.items():
    assert base[(m, "route")] == o, (m, base[(m, "route")], o)
    assert base[(m, "colour")] == "blue", (m, base[(m, "colour")])
PY
sed 's/options: \[north, east, south, west\], /options: [north, east, south, west], ordered: true, /' "$un" >"$tmp/ord.yaml"
t_expect_rc 0 "ordered: true makes the options a scale" "$parley" forecast "$tmp/ord.yaml" --model compromise --format json
t_check "ordered: the compromise is a point on the 0..3 scale" python3 -c '
import json, sys
i = json.load(sys.stdin)["models"][0]["issues"][0]
assert i["ordered"] is True and abs(i["forecast"] - 6.8 / 6.1) < 1e-12 and i["option"] == "east", i' <"$T_TMP/out"
t_expect_rc 0 "unordered: text says how the forecast reads" "$parley" forecast "$un" --model median
t_expect_contains out "an unordered"

# ---- The SMP's per-actor probabilities: KTAB's print rule, or the group's.
sg=$data/smp-groups.yaml
"$parley" forecast "$sg" --model smp --rounds 0 --format json >"$tmp/ktab.json"
"$parley" forecast "$sg" --model smp --rounds 0 --smp-group-probability --format json >"$tmp/group.json"
t_check "smp: C between two groups shows the later (KTAB) or its own group's chance" python3 - "$tmp/ktab.json" "$tmp/group.json" <<'PY'
import json, sys
k, g = (json.load(open(f)) for f in sys.argv[1:])
assert k["parameters"]["smp"]["probability"] == "ktab" and g["parameters"]["smp"]["probability"] == "group"
pk = {a["id"]: a["probability"] for a in k["models"][0]["actors"]}
pg = {a["id"]: a["probability"] for a in g["models"][0]["actors"]}
assert pk["C"] == pk["B"] != pk["A"], pk
assert pg["C"] == pg["A"] != pg["B"], pg
assert {x: pk[x] for x in "ABD"} == {x: pg[x] for x in "ABD"}  # the election itself is the same
assert abs(pg["A"] + pg["B"] + pg["D"] - 1) < 1e-12, pg  # the groups' chances sum to 1
PY
t_expect_rc 0 "smp: the text explains the column" "$parley" forecast "$sg" --model smp --rounds 0
t_expect_contains out "as KTAB prints, an actor within 1e-3 of two groups shows the later one's"
t_expect_rc 0 "smp --trace: each turn's challenges and bargains" "$parley" forecast "$sg" --model smp --trace --format json
t_check "smp --trace: the log agrees with the positions" python3 -c '
import json, sys
m = json.load(sys.stdin)["models"][0]
acts = {a["id"]: a for a in m["actors"]}
assert m["turns"] >= 1
for t in range(m["turns"] + 1):
    for i, a in acts.items():
        c, b = a["challenged"][t], a["bargains"][t]
        if t == 0:
            assert c is None and b is None, (i, c, b)
            continue
        assert c != i and (c is None or c in acts), (t, i, c)
        if b is None:  # its status quo: it stays where it was
            assert a["history"][t] == a["history"][t - 1], (t, i)
        else:  # a bargain it is a party to
            assert i in b and b[0] in acts and b[1] in acts, (t, i, b)
assert any(a["challenged"][1] for a in acts.values())' <"$T_TMP/out"
t_expect_rc 0 "smp --trace: text log" "$parley" forecast "$sg" --model smp --trace
t_expect_contains out "    challenges: A -> D, B -> A, D -> C"
t_expect_contains out "    bargains taken: A: A-D, B: B-A, C: status quo, D: A-D"
t_expect_rc 1 "smp: an error names the actor by its id" "$parley" forecast "$un" --model smp
t_expect_contains err "actor 'A': the SMP needs saliences summing to at most 1"
t_expect_empty out

t_done
