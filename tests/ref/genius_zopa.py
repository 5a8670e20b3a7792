#!/usr/bin/env python3
# genius_zopa.py PROFILE.xml NUM DEN — an independent reference for the ZOPA
# of a GENIUS domain in which only this party has a reservation value: reads
# GENIUS's linear additive utility from the profile XML itself (weights
# normalised by their sum, each evaluation divided by the issue's largest, as
# docs/import-genius.md writes), in exact rationals, and prints the number
# of packages and how many give this party at least NUM/DEN. Shares nothing
# with the engine: not its importer, loader, arithmetic or rounding.
import itertools, sys, xml.etree.ElementTree as ET
from fractions import Fraction as F

root = ET.parse(sys.argv[1]).getroot()
weights = {w.get("index"): F(w.get("value")) for w in root.iter("weight")}
total = sum(weights.values())
issues = []
for iss in root.find("objective").iter("issue"):
    ev = [F(it.get("evaluation")) for it in iss.iter("item")]
    issues.append([weights[iss.get("index")] / total * e / max(ev) for e in ev])
bar = F(int(sys.argv[2]), int(sys.argv[3]))
packages = acceptable = 0
for combo in itertools.product(*issues):
    packages += 1
    acceptable += sum(combo) >= bar
print(packages, acceptable)
