#!/usr/bin/env python3
# compare_space.py SPACE.json SPACE.csv REF.json [EVAL.json] — compares
# `parley space` (JSON and CSV of the frontier's packages) and, when given,
# `parley eval --all` (JSON) with an exact reference's answers (exact_space.py,
# tie_space.py or halves_space.py): ZOPA count, frontier points and packages,
# the frontier's utility vectors (and, from halves_space.py, the packages of
# each point and the Nash point), each actor's best and worst acceptable
# utility (in the CSV's actor order) and the proposals' verdicts. Prints the
# differences, nothing when they agree.
import csv, json, sys

p = json.load(open(sys.argv[1]))
r = json.load(open(sys.argv[3]))
lines = open(sys.argv[2])  # streamed (AgentHp2: 924,385 rows)
head = next(csv.reader([next(lines)]))
ucols = [k for k, h in enumerate(head) if h.startswith("u_")]
# the utilities are the last columns, plain numbers: read from the right
assert ucols == list(range(len(head) - len(ucols), len(head)))
names = [head[k][2:] for k in ucols]
bad = []
if p["zopa"]["count"] != r["zopa"]:
    bad.append(f"zopa {p['zopa']['count']} vs exact {r['zopa']}")
if p["frontier"]["points"] != r["points"]:
    bad.append(f"frontier points {p['frontier']['points']} vs exact {r['points']}")
# per frontier point (the CSV's first column): its utilities and packages
# (a point's rows are consecutive; utilities are read once per point)
per_point, last, nrows = {}, None, 0
for line in lines:
    nrows += 1
    point = line[:line.index(",")]
    if point != last:
        last = point
        per_point[last] = [tuple(float(x) for x in line.rstrip("\r\n").rsplit(",", len(ucols))[1:]), 0]
    per_point[last][1] += 1
if r["zopa"] and nrows != r["packages"]:
    bad.append(f"frontier packages {nrows} vs exact {r['packages']}")
mine = sorted({u for u, _ in per_point.values()})
ref = [tuple(u) for u in r["utilities"]]
if len(mine) != len(ref) or any(abs(a - b) > 1e-9 for x, y in zip(mine, ref) for a, b in zip(x, y)):
    bad.append("frontier utility vectors differ")
if "multiplicities" in r:  # packages per frontier point (halves_space.py)
    got = sorted(list(u) + [c] for u, c in per_point.values())
    if len(got) != len(r["multiplicities"]) or any(
            x[-1] != y[-1] or any(abs(a - b) > 1e-9 for a, b in zip(x[:-1], y[:-1]))
            for x, y in zip(got, r["multiplicities"])):
        bad.append("packages per frontier point differ")
if "nash" in r:  # the engine's Nash point must be an exact maximiser
    nash = [p["nash"]["utilities"][nm] for nm in names] if p.get("nash") else None
    if nash is None or not any(all(abs(a - b) <= 1e-9 for a, b in zip(nash, u)) for u in r["nash"]):
        bad.append(f"nash {nash} vs exact {r['nash']}")
for a, nm in enumerate(names):
    for key in ("best", "worst"):
        want = r[key][a]
        side = p["zopa"].get(key) or {}
        got = side[nm]["utilities"][nm] if side.get(nm) else None
        if (got is None) != (want is None) or (got is not None and abs(got - want) > 1e-9):
            bad.append(f"{key} for {nm}: {got} vs exact {want}")
if len(sys.argv) > 4:
    for prop in json.load(open(sys.argv[4]))["proposals"]:
        for act in prop["actors"]:
            want = r["verdicts"][prop["id"]][act["id"]]
            if act["verdict"] != want:
                bad.append(f"eval {prop['id']} {act['id']}: {act['verdict']} vs exact {want}")
print("; ".join(bad))
