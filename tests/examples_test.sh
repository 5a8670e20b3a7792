#!/usr/bin/env bash
# examples_test.sh PARLEY — the shipped examples load cleanly, and their
# linkage does what its sources say: the JCPOA as agreed is a feasible
# package that crosses no one's conditional red line, while variants made
# with --set break exactly the constraint or red line that forbids them
# (centrifuges without enrichment, enrichment without centrifuges, relief
# without a veto-proof snapback, the Additional Protocol with relief
# deferred); the Ukraine example's ties (assets and sanctions, NATO for
# guarantees, the guarantee and the army) likewise. Expected outcomes are
# read off the constraint texts by hand, not from a previous run.
set -u
. "$(dirname "$0")/lib.sh"
parley=$1
cd "$(dirname "$0")/.." || exit 1
J=examples/jcpoa-2015.yaml
U=examples/ukraine-2025.yaml

for f in "$J" "$U"; do
  t_expect_rc 0 "check $f" "$parley" check "$f" && t_expect_empty err
  t_expect_contains out "linkage ("
done

# facts FILE PROPOSAL [--set ...]: one line per fact of the proposal's JSON
# evaluation ("feasible true", "constraint ID broken", "ACTOR verdict V",
# "ACTOR rule ID broken", "ACTOR term ID holds"), for t_expect_contains.
facts() {
  local f=$1 p=$2
  shift 2
  "$parley" eval "$f" --proposal "$p" --format json "$@" > "$T_TMP/e.json" || return 1
  python3 - "$T_TMP/e.json" > "$T_TMP/facts" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))["proposals"][0]
print("feasible", str(p["feasible"]).lower())
for c in p.get("constraints", []):
    print("constraint", c["id"], "broken" if c["broken"] else "kept")
for a in p["actors"]:
    print(a["id"], "verdict", a["verdict"])
    for r in a.get("red_line_rules", []):
        print(a["id"], "rule", r["id"], "broken" if r["broken"] else "kept")
    for t in a.get("terms", []):
        print(a["id"], "term", t["id"], "holds" if t["holds"] else "fails")
PY
}

# The JCPOA as agreed: feasible, every constraint and conditional red line
# kept, every term of the four actors that have one paying, all accept.
if t_check "eval jcpoa" facts "$J" jcpoa; then
  for want in "feasible true" "constraint enrichment-needs-centrifuges kept" \
              "constraint centrifuges-mean-enrichment kept" \
              "constraint fordow-enrichment-needs-enrichment kept" \
              "IRN rule no-ap-without-relief kept" "USA rule relief-needs-verification kept" \
              "USA rule relief-needs-snapback kept" "USA rule one-year-breakout kept" \
              "E3EU rule relief-needs-verification-eu kept" \
              "IRN term relief-with-enrichment holds" "USA term long-limits-with-inspections holds" \
              "E3EU term verified-reversible-relief holds" "RUS term arms-with-relief holds" \
              "IRN verdict accept" "USA verdict accept" "E3EU verdict accept" \
              "RUS verdict accept" "CHN verdict accept"; do
    t_expect_contains "$T_TMP/facts" "$want"
  done
  t_expect_lacks "$T_TMP/facts" "broken"
fi

# 3.67% with no centrifuge: no package at all.
if t_check "jcpoa without centrifuges" facts "$J" jcpoa --set proposals.jcpoa.positions.centrifuges=0; then
  t_expect_contains "$T_TMP/facts" "feasible false"
  t_expect_contains "$T_TMP/facts" "constraint enrichment-needs-centrifuges broken"
  t_expect_contains "$T_TMP/facts" "constraint centrifuges-mean-enrichment kept"
fi
t_expect_rc 0 "eval jcpoa, no centrifuges (table)" "$parley" eval "$J" --proposal jcpoa \
  --set proposals.jcpoa.positions.centrifuges=0
t_expect_contains out "not a feasible package: it breaks 1 constraint"
t_expect_contains out "breaks constraint 'enrichment-needs-centrifuges'"

# 5,060 machines enriching to nothing: the other direction.
if t_check "jcpoa without enrichment" facts "$J" jcpoa --set proposals.jcpoa.positions.enrichment=0; then
  t_expect_contains "$T_TMP/facts" "feasible false"
  t_expect_contains "$T_TMP/facts" "constraint centrifuges-mean-enrichment broken"
  t_expect_contains "$T_TMP/facts" "constraint enrichment-needs-centrifuges kept"
  t_expect_contains "$T_TMP/facts" "IRN term relief-with-enrichment fails"
fi

# Relief with a snapback open to a veto: the US vetoes, nobody else.
if t_check "jcpoa, vetoable snapback" facts "$J" jcpoa --set proposals.jcpoa.positions.snapback=new-resolution; then
  t_expect_contains "$T_TMP/facts" "feasible true"
  t_expect_contains "$T_TMP/facts" "USA rule relief-needs-snapback broken"
  t_expect_contains "$T_TMP/facts" "USA verdict reject"
  t_expect_contains "$T_TMP/facts" "E3EU term verified-reversible-relief fails"
  t_expect_contains "$T_TMP/facts" "IRN verdict accept"
fi

# The Additional Protocol with relief deferred for years: Iran vetoes.
if t_check "jcpoa, phased relief" facts "$J" jcpoa --set proposals.jcpoa.positions.relief=phased-over-years; then
  t_expect_contains "$T_TMP/facts" "IRN rule no-ap-without-relief broken"
  t_expect_contains "$T_TMP/facts" "IRN verdict reject"
  t_expect_contains "$T_TMP/facts" "USA rule relief-needs-snapback kept"
fi

# A larger stockpile with 5,060 machines: below a one-year breakout.
if t_check "jcpoa, 1,000 kg" facts "$J" jcpoa --set proposals.jcpoa.positions.stockpile=1000; then
  t_expect_contains "$T_TMP/facts" "USA rule one-year-breakout broken"
  t_expect_contains "$T_TMP/facts" "USA verdict reject"
fi

# Lausanne left the snapback open, so the US verdict is open on it.
t_expect_rc 0 "eval lausanne" "$parley" eval "$J" --proposal lausanne
t_expect_contains out "may break USA's red line 'relief-needs-snapback'"

# Ukraine: keeping every sanction while handing the reserves back is no package.
if t_check "us-28-point, assets back, sanctions kept" facts "$U" us-28-point \
     --set proposals.us-28-point.positions.frozen-assets=released-to-russia \
     --set proposals.us-28-point.positions.sanctions=maintained; then
  t_expect_contains "$T_TMP/facts" "feasible false"
  t_expect_contains "$T_TMP/facts" "constraint asset-release-lifts-a-sanction broken"
fi
if t_check "us-28-point as published" facts "$U" us-28-point; then
  t_expect_contains "$T_TMP/facts" "feasible true"
  t_expect_contains "$T_TMP/facts" "RUS term reintegration-package holds"
  t_expect_contains "$T_TMP/facts" "UKR term guarantee-with-army-UKR fails"   # 600,000 troops
fi

# NATO's door shut by a consensus that does not exist, for a paid US guarantee:
# Ukraine vetoes (Zelensky, 14 Dec 2025); with Article 5 it does not.
if t_check "e3-counter" facts "$U" e3-counter; then
  t_expect_contains "$T_TMP/facts" "UKR rule nato-for-guarantees kept"
  t_expect_contains "$T_TMP/facts" "UKR term guarantee-with-army-UKR holds"   # Article 5, 800,000
  t_expect_contains "$T_TMP/facts" "UKR term freeze-pending-talks-UKR holds"
fi
if t_check "e3-counter, paid guarantee" facts "$U" e3-counter \
     --set proposals.e3-counter.positions.security-guarantee=compensated-us; then
  t_expect_contains "$T_TMP/facts" "UKR rule nato-for-guarantees broken"
  t_expect_contains "$T_TMP/facts" "UKR verdict reject"
fi
# The guarantee beside a 600,000 army pays half: the term fails.
if t_check "e3-counter, 600,000" facts "$U" e3-counter --set proposals.e3-counter.positions.army-cap=600000; then
  t_expect_contains "$T_TMP/facts" "UKR term guarantee-with-army-UKR fails"
  t_expect_contains "$T_TMP/facts" "EU term guarantee-with-army-EU fails"
  t_expect_contains "$T_TMP/facts" "E3 term guarantee-with-army-E3 fails"
fi
t_done
