#!/usr/bin/env bash
# sweep_test.sh PARLEY ROOT — `parley sweep`: a point is exactly the analysis
# run with that --set (checked against `parley eval` and `space` at each
# point), the range syntax's errors, a failing point named in the message,
# nothing on standard output on error, and the archive.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
cd "$root" || exit 1
ex=examples/ukraine-2025.yaml toy=tests/data/linked/toy.yaml

# Each point equals the analysis with that override.
t_expect_rc 0 "sweep eval json" "$parley" sweep "$ex" --set actors.UKR.batna=0.2..0.4:0.1 \
    --proposal us-28-point --format json
cp "$T_TMP/out" "$T_TMP/sweep.json"
for v in 0.2 0.3 0.4; do
  "$parley" eval "$ex" --set actors.UKR.batna=$v --proposal us-28-point --format json > "$T_TMP/e$v.json"
done
t_check "sweep eval: every point as eval --set" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert [p["values"][0] for p in d["points"]] == [0.2, 0.3, 0.4], d["points"]
for p in d["points"]:
    e = json.load(open(sys.argv[2] + "/e%s.json" % p["values"][0]))["proposals"][0]["actors"]
    for a in e:
        assert p[a["id"] + " utility"] == a["utility"], (p, a)
        assert p[a["id"] + " verdict"] == a["verdict"], (p, a)' "$T_TMP/sweep.json" "$T_TMP"
t_expect_rc 0 "sweep space json" "$parley" sweep "$toy" --set actors.USA.batna=0.3..0.5:0.1 \
    --what space --format json
cp "$T_TMP/out" "$T_TMP/space.json"
for v in 0.3 0.4 0.5; do
  "$parley" space "$toy" --set actors.USA.batna=$v --format json > "$T_TMP/s$v.json"
done
t_check "sweep space: every point as space --set" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for p in d["points"]:
    s = json.load(open(sys.argv[2] + "/s%s.json" % p["values"][0]))
    assert p["zopa packages"] == s["zopa"]["count_decimal"], (p, s["zopa"])
    assert p["frontier points"] == s["frontier"]["points"], p
    for a, u in s["nash"]["utilities"].items():
        assert p["nash " + a] == u, (p, a, u)' "$T_TMP/space.json" "$T_TMP"

# Ranges and their errors (exit 2, usage), a failing point (exit 1, named).
t_expect_rc 2 "no range" "$parley" sweep "$ex" --set actors.UKR.batna=0.3
t_expect_contains err "nothing to sweep"
t_expect_rc 2 "step 0" "$parley" sweep "$ex" --set actors.UKR.batna=0.1..0.3:0
t_expect_contains err "the STEP must be above 0"
t_expect_rc 2 "to below from" "$parley" sweep "$ex" --set actors.UKR.batna=0.3..0.1:0.1
t_expect_contains err "TO must not be below FROM"
t_expect_rc 2 "too many points" "$parley" sweep "$ex" --set actors.UKR.batna=0..1:0.0001
t_expect_contains err "the limit is 1000 per input"
t_expect_rc 2 "three axes" "$parley" sweep "$ex" --set actors.UKR.batna=0..1:0.5 \
    --set actors.RUS.batna=0..1:0.5 --set actors.USA.batna=0..1:0.5
t_expect_contains err "at most two inputs"
t_expect_rc 2 "same axis twice" "$parley" sweep "$ex" --set actors.UKR.batna=0..1:0.5 \
    --set actors.UKR.batna=0..1:0.25
t_expect_contains err "swept twice"
t_expect_rc 2 "proposal without eval" "$parley" sweep "$ex" --set actors.UKR.batna=0..1:0.5 \
    --what space --proposal us-28-point
t_expect_rc 1 "a failing point" "$parley" sweep "$ex" --set actors.UKR.batna=0.5..1.5:0.5
t_expect_contains err "at actors.UKR.batna=1.5"
t_expect_empty out
t_expect_rc 1 "an unknown path" "$parley" sweep "$ex" --set actors.UKR.batn=0..1:0.5
t_expect_contains err "did you mean 'batna'"
t_expect_rc 1 "a bad fixed override" "$parley" sweep "$ex" --set actors.UKR.batna=0..1:0.5 \
    --set actors.RUS.batna=2
t_expect_empty out

# The archive keeps the sweep.
t_expect_rc 0 "sweep --db" "$parley" sweep "$ex" --set actors.UKR.batna=0.2..0.3:0.1 --db "$T_TMP/runs.db"
t_expect_rc 0 "runs list" "$parley" runs list --db "$T_TMP/runs.db"
t_expect_contains out "sweep"
t_done
