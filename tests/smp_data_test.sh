#!/usr/bin/env bash
# smp_data_test.sh PARLEY ROOT — the SMP (`forecast --model smp`) against
# KTAB's published reference runs (docs/models.md, issue 7): final
# positions and probabilities on dummyData_3Dim and SOE-Pol-Comp to the
# printed precision, and the number of turns on all eight KTAB samples;
# on all eight, every actor's probability recomputed from its final
# position by tests/ref/smp_prob.py (docs/models.md, steps 1, 2 and 9,
# KTAB's grouping and printing), independently of the engine, to 1e-9.
# Skips (77) when ../shared/data/ktab is absent.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
data=$root/../shared/data/ktab
[ -d "$data" ] || { t_skip ktab "$data not found"; t_done; }
tmp=$T_TMP
check() { # NAME PYTHON-CHECK
  local name=$1
  if "$parley" import actors "$data/$name.csv" -o "$tmp/$name.yaml" >/dev/null 2>"$tmp/err" &&
     "$parley" forecast "$tmp/$name.yaml" --model smp --format json -o "$tmp/$name.json" 2>>"$tmp/err" &&
     python3 - "$tmp/$name.json" "$2" <<'PY' 2>>"$tmp/err"
import json, sys
m = json.load(open(sys.argv[1]))["models"][0]
assert m["id"] == "smp"
A = {a["id"]: a for a in m["actors"]}
def near(ids, pos, prob, tol=0.051, ptol=0.0006):
    for i in ids.split():
        a = A[i]
        for x, y in zip(a["final"], pos):
            assert abs(x - y) <= tol, (i, a["final"], pos)
        assert abs(a["probability"] - prob) <= ptol, (i, a["probability"], prob)
exec(sys.argv[2])
PY
  then t_ok "smp $name"; else t_fail "smp $name" "$(cat "$tmp/err")"; fi
  if [ -s "$tmp/$name.json" ] && python3 "$root/tests/ref/smp_prob.py" "$data/$name.csv" "$tmp/$name.json" >"$tmp/ref" 2>&1
  then t_ok "smp $name probabilities: $(cat "$tmp/ref")"
  else t_fail "smp $name probabilities" "$(cat "$tmp/ref")"; fi
}
check dummyData_3Dim '
assert m["turns"] == 10, m["turns"]
near("SActor-00 SActor-01", (78.6, 31.8, 74.1), 0.334)
near("SActor-02", (82.5, 90.9, 0.1), 0.018)
near("SActor-03", (67.1, 50.1, 63.7), 0.096)
near("SActor-04 SActor-06", (78.6, 31.65, 74.1), 0.151, tol=0.06)
near("SActor-05", (79.9, 34.4, 75.2), 0.401)'
check SOE-Pol-Comp '
assert m["turns"] == 27, m["turns"]
near("XJ LK", (43.2, 43.3), 0.230)
near("ZG MK LH", (38.7, 28.8), 0.110, tol=0.14)
near("NEA MLR MEP", (38.7, 29.0), 0.206, tol=0.1)
near("XS", (38.6, 29.5), 0.220)
near("MOF SHX HLJ", (38.8, 30.7), 0.233, tol=0.1)
near("WY", (15, 60), 0.0002, ptol=0.00006)'
check SOE-Policy 'assert m["turns"] == 19, m["turns"]'
check dummyData_6Dim 'assert m["turns"] == 29, m["turns"]'
check SOE-Competitive 'assert m["turns"] == 35, m["turns"]'
check dummyData-a040 'assert m["turns"] == 20, m["turns"]'
check dummyData-a080 'assert m["turns"] == 17, m["turns"]'
check dummyData-a160 'assert m["turns"] == 13, m["turns"]'
t_done
