#!/usr/bin/env python3
# exact_space.py DIR PROFILE... — an independent exact reference for the
# agreement space of a GENIUS domain with discrete (or integer) issues: reads GENIUS's
# linear additive utilities from the profile XML files themselves (weights
# normalised by their sum, each evaluation divided by the issue's largest,
# the reservation value as the BATNA; docs/import-genius.md), in exact
# rationals, enumerates every package and prints, as JSON: the number of
# packages every profile accepts (utility >= reservation), the Pareto
# frontier of those packages (distinct utility vectors and how many
# packages share each), each profile's best and worst acceptable utility,
# and every frontier package. Shares nothing with the engine: not its
# importer, loader, arithmetic or rounding.
import itertools, json, sys, xml.etree.ElementTree as ET
from fractions import Fraction as F
from math import lcm


def profile(path):
    """issue name -> (weight over the sum of weights, value -> evaluation),
    and the reservation value. Discrete issues: each evaluation over the
    issue's largest (EvaluatorDiscrete); integer issues: clip(offset + slope
    (v - lowerbound), 0, 1) for v = lowerbound..upperbound (EvaluatorInteger)."""
    root = ET.parse(path).getroot()
    obj = root.find("objective")
    weights = {}
    for w in root.iter("weight"):
        weights[w.get("index")] = F(w.get("value"))
    issues = []
    for iss in obj.iter("issue"):
        items = [(it.get("value"), F(it.get("evaluation"))) for it in iss.iter("item")]
        if items:
            top = max(e for _, e in items)
            vals = {v: (e / top if top > 0 else F(0)) for v, e in items}
        else:
            ev = iss.find("evaluator")
            lb, ub = int(iss.get("lowerbound")), int(iss.get("upperbound"))
            off = F(ev.get("offset")) if ev is not None else F(0)
            slope = F(ev.get("slope")) if ev is not None else F(0)
            vals = {str(v): min(F(1), max(F(0), off + slope * (v - lb))) for v in range(lb, ub + 1)}
        issues.append((iss.get("name"), iss.get("index"), vals))
    total = sum(weights[idx] for _, idx, _ in issues)
    res = root.find("reservation")
    batna = F(res.get("value")) if res is not None else F(0)
    return {name: (weights[idx] / total, vals) for name, idx, vals in issues}, batna


def main():
    folder, names = sys.argv[1], sys.argv[2:]
    profs = [profile(f"{folder}/{n}.xml") for n in names]
    n = len(profs)
    issue_names = list(profs[0][0].keys())
    values = [list(profs[0][0][name][1].keys()) for name in issue_names]
    # every profile's contributions as whole numbers over its own denominator
    dens = []
    tables = []
    for p, batna in profs:
        contrib = [[p[iss][0] * p[iss][1][v] for v in values[j]] for j, iss in enumerate(issue_names)]
        d = 1
        for row in contrib:
            for c in row:
                d = lcm(d, c.denominator)
        d = lcm(d, batna.denominator)
        dens.append(d)
        tables.append(([[int(c * d) for c in row] for row in contrib], int(batna * d)))
    acceptable = []
    for combo in itertools.product(*[range(len(v)) for v in values]):
        u = tuple(sum(tables[a][0][j][k] for j, k in enumerate(combo)) for a in range(n))
        if all(u[a] >= tables[a][1] for a in range(n)):
            acceptable.append((u, combo))
    best = [max((u[a] for u, _ in acceptable), default=None) for a in range(n)]
    worst = [min((u[a] for u, _ in acceptable), default=None) for a in range(n)]
    points = {}
    for u, combo in acceptable:
        points.setdefault(u, []).append(combo)
    front = []
    for u in sorted(points, reverse=True):
        if not any(all(f[a] >= u[a] for a in range(n)) for f in front):
            front.append(u)
    out = {
        "zopa": len(acceptable),
        "points": len(front),
        "packages": sum(len(points[u]) for u in front),
        "best": [None if b is None else float(F(b, dens[a])) for a, b in enumerate(best)],
        "worst": [None if w is None else float(F(w, dens[a])) for a, w in enumerate(worst)],
        "utilities": sorted([float(F(u[a], dens[a])) for a in range(n)] for u in front),
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
