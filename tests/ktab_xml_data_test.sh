#!/usr/bin/env bash
# ktab_xml_data_test.sh PARLEY ROOT — KTAB's XML scenario format on real
# data: each KTAB sample in ../shared/data/ktab (CSV) is rewritten as a
# KTAB XML <Scenario> (all nine <ModelParameters> at KTAB's defaults, a
# <prngSeed>, an identity <IdealAdjustment>), imported, and must give the
# SMP run of the CSV import exactly (turns, final positions, probabilities).
# A non-identity <IdealAdjustment> must import and change the run.
# Skips (77) when ../shared/data/ktab is absent.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
data=$root/../shared/data/ktab
[ -d "$data" ] || { t_skip ktab "$data not found"; t_done; }
tmp=$T_TMP
# to_xml CSV XML ADJUST: KTAB's CSV layout as a KTAB XML scenario; every
# actor's ideal adjusts to its own position by ADJUST (1: the identity).
to_xml() {
  python3 - "$1" "$2" "$3" <<'PY'
import csv, sys
from xml.sax.saxutils import escape as e
rows = [r for r in csv.reader(open(sys.argv[1], newline=""))]
name, desc, na, nd = rows[0][:4]
na, nd = int(na), int(nd)
hdr = rows[1]
out = ['<?xml version="1.0" encoding="UTF-8"?>', "<Scenario>",
       "  <name>%s</name>" % e(name), "  <desc>%s</desc>" % e(desc),
       "  <prngSeed>0x89B9E56731783372</prngSeed>", "  <ModelParameters>"]
for k, v in [("VictoryProbModel", "Linear"), ("PCEModel", "Conditional"),
             ("StateTransitions", "Deterministic"), ("VotingRule", "Prop"),
             ("BigRAdjust", "OneThird"), ("BigRRange", "Mid"),
             ("ThirdPartyCommit", "SemiCommit"), ("InterVecBrgn", "S2P2"),
             ("BargnModel", "InitOnlyInterp")]:
    out.append("    <%s>%s</%s>" % (k, v, k))
out += ["  </ModelParameters>", "  <Dimensions>"]
out += ["    <dName>%s</dName>" % e(hdr[3 + 2 * d]) for d in range(nd)]
out += ["  </Dimensions>", "  <Actors>"]
for r in rows[2:2 + na]:
    out += ["    <Actor>", "      <name>%s</name>" % e(r[0]),
            "      <description>%s</description>" % e(r[1]),
            "      <capability>%s</capability>" % r[2].strip(), "      <Position>"]
    out += ["        <dCoord>%s</dCoord>" % r[3 + 2 * d].strip() for d in range(nd)]
    out += ["      </Position>", "      <Salience>"]
    out += ["        <dSal>%s</dSal>" % r[4 + 2 * d].strip() for d in range(nd)]
    out += ["      </Salience>", "    </Actor>"]
out += ["  </Actors>", "  <IdealAdjustment>"]
for r in rows[2:2 + na]:
    out.append("    <iaPair><adjustingIdeal>%s</adjustingIdeal><referencePos>%s</referencePos>"
               "<adjust>%s</adjust></iaPair>" % (e(r[0]), e(r[0]), sys.argv[3]))
out += ["  </IdealAdjustment>", "</Scenario>", ""]
open(sys.argv[2], "w").write("\n".join(out))
PY
}
# same A.json B.json: the SMP runs agree exactly (1) or differ (0).
same() {
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
a, b = (json.load(open(f))["models"][0] for f in sys.argv[1:3])
key = lambda m: (m["turns"], [(x["final"], x["probability"]) for x in m["actors"]])
assert (key(a) == key(b)) == (sys.argv[3] == "1"), (a["turns"], b["turns"])
PY
}
for csv in "$data"/*.csv; do
  name=$(basename "$csv" .csv)
  if to_xml "$csv" "$tmp/$name.xml" 1 2>"$tmp/err" &&
     "$parley" import actors "$csv" -o "$tmp/$name.csv.yaml" 2>>"$tmp/err" &&
     "$parley" import actors "$tmp/$name.xml" -o "$tmp/$name.xml.yaml" 2>>"$tmp/err" &&
     grep -q 'seed: 9924215485261951858' "$tmp/$name.xml.yaml" &&
     "$parley" forecast "$tmp/$name.csv.yaml" --model smp --format json -o "$tmp/c.json" 2>>"$tmp/err" &&
     "$parley" forecast "$tmp/$name.xml.yaml" --model smp --format json -o "$tmp/x.json" 2>>"$tmp/err" &&
     same "$tmp/c.json" "$tmp/x.json" 1 2>>"$tmp/err"
  then t_ok "ktab xml $name"; else t_fail "ktab xml $name" "$(cat "$tmp/err")"; fi
done
# Ideals lagging half-way behind the positions: a different run.
if to_xml "$data/dummyData_3Dim.csv" "$tmp/lag.xml" 0.5 2>"$tmp/err" &&
   "$parley" import actors "$tmp/lag.xml" -o "$tmp/lag.yaml" 2>>"$tmp/err" &&
   "$parley" forecast "$tmp/lag.yaml" --model smp --format json -o "$tmp/l.json" 2>>"$tmp/err" &&
   "$parley" forecast "$tmp/dummyData_3Dim.xml.yaml" --model smp --format json -o "$tmp/x.json" 2>>"$tmp/err" &&
   same "$tmp/l.json" "$tmp/x.json" 0 2>>"$tmp/err"
then t_ok "ktab xml accommodation"; else t_fail "ktab xml accommodation" "$(cat "$tmp/err")"; fi
t_done
