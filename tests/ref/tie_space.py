#!/usr/bin/env python3
# tie_space.py SEED OUT.yaml — writes a random tie-heavy scenario (values
# like 0.25/0.5/0.75, saliences that make equal sums likely, BATNAs equal to
# achievable utilities written as fractions p/q, red lines on grid points,
# continuous issues on decimal scales) and prints, as JSON, its exact
# agreement space computed here in rational arithmetic from the formulas of
# docs/scenario-format.md: the ZOPA count, the frontier's points and
# packages, its utility vectors, each actor's best and worst acceptable
# utility, and each proposal's verdict per actor. Independent of the engine:
# the scenario is built here and never read back through Parley's loader.
import itertools, json, random, sys
from fractions import Fraction as F

rng = random.Random(int(sys.argv[1]))
GRID = 11
VALUES = [F(0), F(1, 4), F(1, 2), F(3, 4), F(1)]
SALIENCE = ["0.1", "0.2", "0.25", "0.3", "0.5", "1"]


def dec(q):
    """q as the YAML number that spells it: a decimal when finite, else p/q."""
    d = q.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d != 1:
        return f"{q.numerator}/{q.denominator}"
    s = f"{float(q):.12f}".rstrip("0").rstrip(".")
    assert F(s) == q
    return s


n_actors = rng.randint(2, 3)
n_issues = rng.randint(3, 4)
issues = []
for j in range(n_issues):
    if rng.random() < 0.35:
        lo = F(rng.choice(["0", "0.1", "-0.5"]))
        hi = lo + F(rng.choice(["0.7", "1.5", "3"]))
        pts = [lo + (hi - lo) * k / (GRID - 1) for k in range(GRID)]
        issues.append({"id": f"c{j}", "kind": "scale", "lo": lo, "hi": hi, "pos": pts})
    else:
        n = rng.randint(2, 4)
        issues.append({"id": f"d{j}", "kind": "options", "opts": [f"o{k}" for k in range(n)],
                       "pos": list(range(n))})

stances = []
for a in range(n_actors):
    row = []
    for j, iss in enumerate(issues):
        st = {"s": F(rng.choice(SALIENCE)), "red": None}
        st["s_text"] = dec(st["s"])
        if iss["kind"] == "options":
            if rng.random() < 0.5:
                k = rng.randrange(len(iss["opts"]))
                far = max(k, len(iss["opts"]) - 1 - k)
                st["v"] = [F(1) - F(abs(m - k), far) for m in range(len(iss["opts"]))]
                st["ideal"] = iss["opts"][k]
            else:
                st["v"] = [rng.choice(VALUES) for _ in iss["opts"]]
                st["v"][rng.randrange(len(st["v"]))] = F(1)
            if rng.random() < 0.3:
                best = max(range(len(st["v"])), key=lambda m: st["v"][m])
                bad = [m for m in range(len(st["v"])) if m != best]
                st["red"] = [rng.choice(bad)] if bad else None
        else:
            lo, hi = iss["lo"], iss["hi"]
            x = rng.choice(iss["pos"])
            st["ideal_x"] = x
            reach = max(x - lo, hi - x)
            st["v"] = [F(1) - abs(p - x) / reach for p in iss["pos"]]
            if rng.random() < 0.3:  # a red line on a grid point, never across the ideal
                cut = rng.choice(iss["pos"])
                st["red"] = ("below", cut) if cut <= x else ("above", cut)
        row.append(st)
    stances.append(row)


def crosses(a, j, k):
    st, iss = stances[a][j], issues[j]
    if st["red"] is None:
        return False
    if iss["kind"] == "options":
        return k in st["red"]
    side, cut = st["red"]
    p = iss["pos"][k]
    return p < cut if side == "below" else p > cut


def utility(a, pkg):
    S = sum(stances[a][j]["s"] for j in range(n_issues))
    return sum(stances[a][j]["s"] * stances[a][j]["v"][k] for j, k in enumerate(pkg)) / S


packages = list(itertools.product(*[range(len(iss["pos"])) for iss in issues]))
batna = []
for a in range(n_actors):  # an achievable utility, so that ties with it are common
    us = sorted({utility(a, p) for p in packages})
    batna.append(us[rng.randrange(len(us) // 2 + 1)])
proposals = [rng.choice(packages) for _ in range(3)]

# The scenario, written here.
out = ["parley: 1", "scenario: {id: tie-%s}" % sys.argv[1], "actors:"]
for a in range(n_actors):
    out.append(f"  - {{id: A{a}, capability: 1, batna: {dec(batna[a])}}}")
out.append("issues:")
for iss in issues:
    if iss["kind"] == "scale":
        out.append(f"  - {{id: {iss['id']}, scale: {{lo: {dec(iss['lo'])}, hi: {dec(iss['hi'])}}}}}")
    else:
        out.append(f"  - {{id: {iss['id']}, options: [{', '.join(iss['opts'])}]}}")
out.append("stances:")
for a in range(n_actors):
    out.append(f"  A{a}:")
    for j, iss in enumerate(issues):
        st = stances[a][j]
        parts = [f"salience: {st['s_text']}"]
        if iss["kind"] == "scale":
            parts.append(f"ideal: {dec(st['ideal_x'])}")
            if st["red"]:
                parts.append(f"red_line: {{{st['red'][0]}: {dec(st['red'][1])}}}")
        else:
            if "ideal" in st:
                parts.append(f"ideal: {st['ideal']}")
            else:
                parts.append("values: {" + ", ".join(f"{o}: {dec(v)}" for o, v in zip(iss["opts"], st["v"])) + "}")
            if st["red"]:
                parts.append("red_line: [" + ", ".join(iss["opts"][k] for k in st["red"]) + "]")
        out.append(f"    {iss['id']}: {{{', '.join(parts)}}}")
out.append("proposals:")
for q, p in enumerate(proposals):
    pos = ", ".join(f"{iss['id']}: {iss['opts'][k] if iss['kind'] == 'options' else dec(iss['pos'][k])}"
                    for iss, k in zip(issues, p))
    out.append(f"  - {{id: p{q}, positions: {{{pos}}}}}")
open(sys.argv[2], "w").write("\n".join(out) + "\n")

# The exact answers.
def accepts(a, p):
    return not any(crosses(a, j, k) for j, k in enumerate(p)) and utility(a, p) >= batna[a]

acceptable = [p for p in packages if all(accepts(a, p) for a in range(n_actors))]
points = {}
for p in acceptable:
    points.setdefault(tuple(utility(a, p) for a in range(n_actors)), []).append(p)
front = []
for u in sorted(points, reverse=True):
    if not any(all(f[a] >= u[a] for a in range(n_actors)) for f in front):
        front.append(u)
json.dump({
    "zopa": len(acceptable),
    "points": len(front),
    "packages": sum(len(points[u]) for u in front),
    "utilities": sorted([float(x) for x in u] for u in front),
    "best": [max((float(utility(a, p)) for p in acceptable), default=None) for a in range(n_actors)],
    "worst": [min((float(utility(a, p)) for p in acceptable), default=None) for a in range(n_actors)],
    "verdicts": {f"p{q}": {f"A{a}": "accept" if accepts(a, p) else "reject" for a in range(n_actors)}
                 for q, p in enumerate(proposals)},
}, sys.stdout)
