#!/usr/bin/env python3
# compare_space.py SPACE.json SPACE.csv REF.json [EVAL.json] — compares
# `parley space` (JSON and CSV of the frontier's packages) and, when given,
# `parley eval --all` (JSON) with an exact reference's answers (exact_space.py
# or tie_space.py): ZOPA count, frontier points and packages, the frontier's
# utility vectors, each actor's best and worst acceptable utility (in the
# CSV's actor order) and the proposals' verdicts. Prints the differences,
# nothing when they agree.
import csv, json, sys

p = json.load(open(sys.argv[1]))
r = json.load(open(sys.argv[3]))
rows = list(csv.reader(open(sys.argv[2])))
head, rows = rows[0], rows[1:]
ucols = [k for k, h in enumerate(head) if h.startswith("u_")]
names = [head[k][2:] for k in ucols]
bad = []
if p["zopa"]["count"] != r["zopa"]:
    bad.append(f"zopa {p['zopa']['count']} vs exact {r['zopa']}")
if p["frontier"]["points"] != r["points"]:
    bad.append(f"frontier points {p['frontier']['points']} vs exact {r['points']}")
if r["zopa"] and len(rows) != r["packages"]:
    bad.append(f"frontier packages {len(rows)} vs exact {r['packages']}")
mine = sorted({tuple(float(row[k]) for k in ucols) for row in rows})
ref = [tuple(u) for u in r["utilities"]]
if len(mine) != len(ref) or any(abs(a - b) > 1e-9 for x, y in zip(mine, ref) for a, b in zip(x, y)):
    bad.append("frontier utility vectors differ")
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
