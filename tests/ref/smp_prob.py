#!/usr/bin/env python3
"""smp_prob.py CSV JSON — recomputes, independently of the engine, the
per-actor probabilities `parley forecast --model smp` prints after the last
turn, from docs/models.md ("smp", steps 1, 2 and 9) and the final positions
in the engine's JSON: distances and utilities (step 1), risk attitudes from
the capability-weighted conditional Condorcet election over the actors'
positions (step 2), the distinct positions grouped in actor order within
1e-3 (step 9), their election with each actor's own utilities, and each
actor shown the chance of the last group it matches (KTAB's printing).
The KTAB actor table (CSV) is read here, not through `parley import`.
Prints the largest absolute difference; exits 1 above 1e-9."""
import csv, json, math, sys

def read_table(path):
    rows = [r for r in csv.reader(open(path, newline=""))]
    head = rows[0]
    n, m = int(head[2]), int(head[3])
    actors = []
    for r in rows[2:2 + n]:
        r = [c.strip() for c in r]
        cap = float(r[2])
        pos = [float(r[3 + 2 * d]) / 100 for d in range(m)]
        sal = [float(r[4 + 2 * d]) / 100 for d in range(m)]
        actors.append((r[0], cap, pos, sal))
    return actors

def grid(v):
    """A position as the engine holds it: on the 1e-4 grid (step 5's round4)."""
    return round(v * 1e4) / 1e4

def dist(sal, y, x):
    num = sum(s * s * (a - b) ** 2 for s, a, b in zip(sal, y, x))
    den = sum(s * s for s in sal)
    return math.sqrt(num / den) if den > 0 else 0.0

def U(d, R):
    return (1 - d) * (1 + d * R) if d <= 1 else (1 - d) * (1 + R)

def election(util, cap):
    """util[k][a]: actor k's utility of option a; the conditional
    Condorcet probabilities with proportional votes (step 2)."""
    na = len(util[0])
    P = [[0.5] * na for _ in range(na)]
    for a in range(na):
        for b in range(na):
            if a == b:
                continue
            cab = 1e-8 + sum(max(0.0, c * (u[a] - u[b])) for u, c in zip(util, cap))
            cba = 1e-8 + sum(max(0.0, c * (u[b] - u[a])) for u, c in zip(util, cap))
            P[a][b] = cab / (cab + cba)
    p = [math.prod(P[a]) for a in range(na)]
    s = sum(p)
    return [v / s for v in p]

def main():
    actors = read_table(sys.argv[1])
    out = {a["id"]: a for a in json.load(open(sys.argv[2]))["models"][0]["actors"]}
    x = [[grid(v / 100) for v in out[a[0]]["final"]] for a in actors]
    cap = [a[1] for a in actors]
    sal = [a[3] for a in actors]
    n = len(actors)
    d = [[dist(sal[i], x[i], x[j]) for j in range(n)] for i in range(n)]
    p0 = election([[1 - d[k][a] for a in range(n)] for k in range(n)], cap)
    hi, lo = max(p0), min(p0)
    R = [0.0 if hi == lo else (3 * p - (hi + 2 * lo)) / (2 * (hi - lo)) for p in p0]
    groups = []                      # the first member of each distinct position
    for i in range(n):
        if not any(math.dist(x[i], x[g]) < 1e-3 for g in groups):
            groups.append(i)
    util = [[U(d[k][g], R[k]) for g in groups] for k in range(n)]
    pg = election(util, cap)
    worst = 0.0
    for i, a in enumerate(actors):
        last = max(k for k, g in enumerate(groups) if math.dist(x[i], x[g]) < 1e-3)
        worst = max(worst, abs(pg[last] - out[a[0]]["probability"]))
    print(f"{len(groups)} distinct positions, largest difference {worst:.3g}")
    sys.exit(0 if worst <= 1e-9 else 1)

main()
