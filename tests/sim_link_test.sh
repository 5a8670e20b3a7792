#!/usr/bin/env bash
# sim_link_test.sh PARLEY ROOT — linkage in simulate, montecarlo,
# sensitivity and forecast. Every offer, text and deal of the simulator
# breaks no constraint, and no actor accepts what its conditional red line
# vetoes, under every protocol; the same scenario without its linkage
# reaches the infeasible deal (so the check can fail). The utilities at the
# deal are recomputed here from the file with docs/scenario-format.md's
# formulas (terms included), sharing nothing with the engine. A term
# weight's distribution moves P(agreement) as computed by hand and leads
# the sensitivity indices; forecasts that break a rule say so.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
cd "$root" || exit 1
linked=tests/data/sim/linked.yaml term=tests/data/mc/linked-term.yaml
fc=tests/data/forecast/linked.yaml
tmp=$T_TMP

# The scenario without its constraints, red_lines and terms sections.
awk '/^(constraints|red_lines|terms):/{skip=1; next} /^[a-z]/{skip=0} !skip' "$linked" >"$tmp/unlinked.yaml"
t_expect_rc 0 "unlinked copy loads" "$parley" check "$tmp/unlinked.yaml"
t_expect_lacks out "linkage ("

# An independent reading of the trace: the constraint on every move, USA's
# conditional red line on every move USA accepts, the utilities at the deal.
cat >"$tmp/check.py" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
linked = sys.argv[2] == "linked"
def feasible(t):
    return t["enrichment"] == 0 or t["centrifuges"] >= 1000
def usa_ok(t):
    return t["relief"] != "at-implementation" or t["sunset"] >= 10
o = d["outcome"]
assert o["agreement"], o
t = o["terms"]
if not linked:
    # issue by issue the deal trades enrichment for centrifuges
    assert not feasible(t), t
    sys.exit(0)
assert feasible(t) and usa_ok(t), t
assert o["linkage"]["rules_broken"] == [], o["linkage"]
moves = [m for r in d["trace"] for m in r["moves"]]
assert moves
for m in moves:
    assert feasible(m["terms"]), ("an infeasible move", m)
    if m["answers"].get("USA") == "accept":
        assert usa_ok(m["terms"]), ("USA accepted its veto", m)
# Utilities (docs/scenario-format.md): v = 1 - |x - ideal| / D on a scale,
# 1 - |k - k*| / max(k*, n-1-k*) on ordered options; S = saliences + terms.
rel = ["none", "phased", "at-implementation"]
def v_scale(x, ideal, lo, hi):
    return 1 - abs(x - ideal) / max(ideal - lo, hi - ideal)
def v_opt(k, ideal):
    return 1 - abs(k - ideal) / max(ideal, 2 - ideal)
k = rel.index(t["relief"])
irn = (0.6 * v_scale(t["enrichment"], 20, 0, 20) + 0.2 * v_scale(t["centrifuges"], 20000, 0, 20000)
       + 0.5 * v_opt(k, 2) + 0.1 * v_scale(t["sunset"], 5, 5, 25))
bonus = t["centrifuges"] >= 5000 and t["relief"] in ("phased", "at-implementation")
irn = (irn + (0.2 if bonus else 0)) / 1.6
usa = (0.2 * v_scale(t["enrichment"], 0, 0, 20) + 0.6 * v_scale(t["centrifuges"], 0, 0, 20000)
       + 0.3 * v_opt(k, 0) + 0.3 * v_scale(t["sunset"], 25, 5, 25)) / 1.4
assert abs(o["utility"]["IRN"] - irn) < 1e-9, (o["utility"], irn)
assert abs(o["utility"]["USA"] - usa) < 1e-9, (o["utility"], usa)
paid = o["linkage"]["terms_paid"]
assert (("relief-with-cascades" in paid) == bonus), paid
PY

for proto in "--protocol alternating" "--protocol mediated" "--protocol mediated --meeting shuttle"; do
  # shellcheck disable=SC2086
  t_expect_rc 0 "linked $proto" "$parley" simulate "$linked" $proto --format json -o "$tmp/l.json"
  t_check "linked $proto: every move feasible, vetoes kept, utilities right" \
      python3 "$tmp/check.py" "$tmp/l.json" linked
  # shellcheck disable=SC2086
  t_expect_rc 0 "unlinked $proto" "$parley" simulate "$tmp/unlinked.yaml" $proto --format json -o "$tmp/u.json"
  t_check "unlinked $proto: the deal breaks the constraint" python3 "$tmp/check.py" "$tmp/u.json" unlinked
done

# The text names the treatment; the trace says which conditional red line vetoed.
t_expect_rc 0 "linked text" "$parley" simulate "$linked"
t_expect_contains out "Linkage: every offer and text breaks no constraint"
t_expect_contains out "USA vetoes: the package breaks its conditional red line 'relief-needs-long-limits'"
t_expect_contains out "interaction terms paid: relief-with-cascades (IRN +0.125)"
# A scenario without linkage says nothing of it.
t_expect_rc 0 "unlinked text" "$parley" simulate "$tmp/unlinked.yaml"
t_expect_lacks out "Linkage"
t_expect_rc 0 "unlinked json" "$parley" simulate "$tmp/unlinked.yaml" --format json
t_expect_lacks out '"linkage"'

# No package at all (the constraints forbid both options of y): nobody
# offers, the mediator puts no text, no deal; the trace says why.
cat >"$tmp/none.yaml" <<'EOF'
parley: 1
actors:
  - {id: A, capability: 1, batna: 0.1}
  - {id: B, capability: 1, batna: 0.1}
issues:
  - {id: x, scale: {lo: 0, hi: 10}}
  - {id: y, options: [y0, y1]}
stances:
  A: {x: {salience: 1, ideal: 10}, y: {salience: 0.5, ideal: y0}}
  B: {x: {salience: 1, ideal: 0}, y: {salience: 0.5, ideal: y1}}
constraints:
  - {id: no-y0, forbid: {y: [y0]}}
  - {id: no-y1, forbid: {y: [y1]}}
simulation:
  horizon: 4
EOF
t_expect_rc 0 "no package: alternating" "$parley" simulate "$tmp/none.yaml"
t_expect_contains out "Outcome: NO DEAL by the horizon"
t_expect_contains out "A has no package that breaks no constraint and crosses none of its red lines: it makes no offer"
t_expect_lacks out "offer by"
t_expect_rc 0 "no package: mediated" "$parley" simulate "$tmp/none.yaml" --protocol mediated
t_expect_contains out "Outcome: NO DEAL by the horizon"
t_expect_contains out "the first text breaks the constraint 'no-y0' and no change found mends it"
t_expect_contains out "the mediator has no text that breaks no constraint: it puts none"
t_expect_lacks out "text by"

# A term weight as an uncertain input: B accepts x = 5 iff w <= 0.25.
for w in 0 0.25; do
  t_expect_rc 0 "term weight $w" "$parley" simulate "$term" --set terms.b-bonus.weight=$w
  t_expect_contains out "Outcome: AGREEMENT"
done
for w in 0.3 1; do
  t_expect_rc 0 "term weight $w" "$parley" simulate "$term" --set terms.b-bonus.weight=$w
  t_expect_contains out "Outcome: NO DEAL by the horizon"
done
t_expect_rc 0 "montecarlo with a term weight" "$parley" montecarlo "$term" -n 2000 --format json -o "$tmp/mc.json"
t_check "P(agreement) near P(w <= 0.25) = 0.25" python3 - "$tmp/mc.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
paths = [u["path"] for u in d["uncertain"]]
assert "terms.b-bonus.weight" in paths, paths
p = d["agreement"]["share"]
assert 0.21 <= p <= 0.29, p
PY
t_expect_rc 0 "montecarlo with the term weight fixed at 0" "$parley" montecarlo "$term" -n 300 \
    --set terms.b-bonus.weight=0 --format json -o "$tmp/mc0.json"
t_check "P(agreement) 1 at w = 0" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["agreement"]["share"] == 1, d["agreement"]' "$tmp/mc0.json"
t_expect_rc 0 "sensitivity with a term weight" "$parley" sensitivity "$term" -n 1000 --format json -o "$tmp/s.json"
t_check "the term weight leads the indices" python3 - "$tmp/s.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ins = {i["path"]: i for i in d["inputs"]}
w, b = ins["terms.b-bonus.weight"], ins["actors.A.batna"]
assert w["st"] > 0.8 and w["s1"] > 0.8, w
assert b["st"] < 0.1, b
assert w["at_low"] == 1 and w["at_high"] == 0, w
PY

# montecarlo --what forecast counts how often each model's forecast breaks a
# constraint. With IRN's centrifuge salience s uniform on [0.1, 1], the
# median forecasts 20000 centrifuges iff s > 0.9 (P = 1/9) and otherwise
# none with 20% enrichment: the constraint is kept in about 11% of draws.
t_expect_rc 0 "montecarlo forecast with constraints" "$parley" montecarlo "$fc" \
    --what forecast -n 3000 --format json -o "$tmp/mcf.json"
t_check "the median keeps the constraint in about 1/9 of draws" python3 - "$tmp/mcf.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = d["forecast_constraints"]
assert set(c) == {"compromise", "median", "nash", "eum", "condorcet", "exchange"}, c
kept = c["median"]["kept"]["share"]
assert 0.09 <= kept <= 0.135, kept
assert c["compromise"]["kept"]["share"] == 1, c["compromise"]
PY
t_expect_rc 0 "montecarlo forecast with constraints, text" "$parley" montecarlo "$fc" \
    --what forecast -n 100 --model median
t_expect_contains out "as a package, the constraints: broken"
t_expect_rc 0 "montecarlo forecast without constraints" "$parley" montecarlo "$term" --what forecast -n 50 --format json
t_expect_lacks out "forecast_constraints"

# Forecasts: the models ignore the linkage, the check applies it.
t_expect_rc 0 "forecast linked" "$parley" forecast "$fc" --model median
t_expect_contains out "linkage: the model works issue by issue and ignores interaction terms"
t_expect_contains out "! breaks the constraint 'enrichment-needs-centrifuges': it is no package at all"
t_expect_contains out "! crosses a red line of USA: conditional 'relief-needs-long-limits'"
t_expect_rc 0 "forecast linked json" "$parley" forecast "$fc" --format json -o "$tmp/f.json"
t_check "forecast JSON: every model's rules checked here too" python3 - "$tmp/f.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
opts = ["none", "phased", "at-implementation"]
for m in d["models"]:
    pk = {i["id"]: i["package"] for i in m["issues"]}
    broken = pk["enrichment"] > 0 and pk["centrifuges"] < 1000
    assert m["constraints_broken"] == (["enrichment-needs-centrifuges"] if broken else []), m["id"]
    assert m["feasible"] == (not broken) and "linkage" in m
    usa = [c for c in m["checks"] if c["actor"] == "USA"][0]
    veto = pk["relief"] == 2 and pk["sunset"] < 10
    assert usa["conditional_red_lines_broken"] == (["relief-needs-long-limits"] if veto else []), m["id"]
    if veto:
        assert usa["verdict"] == "reject"
    if broken or veto:
        assert not m["acceptable"], m["id"]
PY
t_expect_rc 0 "forecast unlinked json" "$parley" forecast "$tmp/unlinked.yaml" --format json
t_expect_lacks out '"linkage"'
t_done
