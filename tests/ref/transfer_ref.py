#!/usr/bin/env python3
# transfer_ref.py PARLEY SEED TMPDIR — an exact reference for side payments
# (docs/agreement-space.md, "Transfers"). Writes a random small scenario
# (2-4 actors, discrete issues with tie-heavy decimal values, red lines,
# 1-4 transfer channels at decimal rates) to TMPDIR/transfer-SEED.yaml with
# every package as a proposal, computes from the docs alone, in rational
# arithmetic:
#   * per package, the cheapest transfer: the lexicographic minimum of
#     (sum cost_k t_k, sum t_k, -t_1, ..., -t_K) over the t with
#     0 <= t_k <= max_k and u_i + sum_in value t - sum_out cost t >= BATNA_i,
#     by enumerating the vertices of that polytope (K tight constraints at a
#     time, solved by Gauss-Jordan elimination over fractions);
#   * for the space: the Pareto frontier of the packages crossing no red
#     line whose utilities reach BATNA_i - sum_{k into i} value_k max_k,
#     how many of its points are acceptable with a transfer, and the
#     cheapest (least cost, then units; ties to the earlier point in
#     decreasing lexicographic order of utility vectors, its
#     lexicographically smallest package);
# then runs `parley eval` and `parley space` (JSON) and prints every
# difference (nothing when all agree). Shares nothing with the engine.
import itertools, json, random, subprocess, sys
from fractions import Fraction as F

PARLEY, SEED, TMP = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = random.Random(SEED)


def pick(xs):
    return rng.choice(xs)


n_act = rng.randint(2, 4)
n_iss = rng.randint(1, 3)
acts = [f"P{i}" for i in range(n_act)]
opts = [[f"o{k}" for k in range(rng.randint(2, 3))] for _ in range(n_iss)]
VAL = ["0", "0.25", "0.5", "0.75", "1", "0.1", "0.6"]
SAL = ["0.2", "0.5", "1", "0.25"]
BAT = ["0", "0.3", "0.5", "0.6", "0.7", "0.75", "0.9"]
val = [[[pick(VAL) for _ in opts[j]] for j in range(n_iss)] for _ in acts]
sal = [[pick(SAL) for _ in range(n_iss)] for _ in acts]
bat = [pick(BAT) for _ in acts]
red = [[[k for k in range(len(opts[j]) - 1) if rng.random() < 0.1] for j in range(n_iss)]
       for _ in acts]  # never every option: the loader refuses that
chans = []
for k in range(rng.randint(1, 4)):
    a, b = rng.sample(range(n_act), 2)
    chans.append(dict(id=f"c{k}", frm=a, to=b, max=pick(["1", "5", "10", "2.5", "20"]),
                      cost=pick(["0", "0.01", "0.02", "0.05", "0.1", "0.04"]),
                      value=pick(["0.01", "0.02", "0.05", "0.1", "0.2", "0"])))

lines = ["parley: 1", f"scenario: {{id: tr{SEED}}}", "actors:"]
for i, a in enumerate(acts):
    lines.append(f"  - {{id: {a}, capability: 1, batna: {bat[i]}}}")
lines.append("issues:")
for j in range(n_iss):
    lines.append(f"  - {{id: i{j}, options: [{', '.join(opts[j])}]}}")
lines.append("stances:")
for i, a in enumerate(acts):
    lines.append(f"  {a}:")
    for j in range(n_iss):
        vals = ", ".join(f"{o}: {v}" for o, v in zip(opts[j], val[i][j]))
        rl = ""
        if red[i][j]:
            rl = ", red_line: [" + ", ".join(opts[j][k] for k in red[i][j]) + "]"
        lines.append(f"    i{j}: {{values: {{{vals}}}, salience: {sal[i][j]}{rl}}}")
lines.append("transfers:")
for c in chans:
    lines.append(f"  - {{id: {c['id']}, from: {acts[c['frm']]}, to: {acts[c['to']]}, "
                 f"max: {c['max']}, cost: {c['cost']}, value: {c['value']}}}")
pkgs = list(itertools.product(*[range(len(o)) for o in opts]))
lines.append("proposals:")
for p in pkgs:
    pos = ", ".join(f"i{j}: {opts[j][p[j]]}" for j in range(n_iss))
    lines.append(f"  - {{id: p{'-'.join(map(str, p))}, positions: {{{pos}}}}}")
path = f"{TMP}/transfer-{SEED}.yaml"
open(path, "w").write("\n".join(lines) + "\n")

# ---- the reference
B = [F(b) for b in bat]
K = len(chans)
MX = [F(c["max"]) for c in chans]
CO = [F(c["cost"]) for c in chans]
VA = [F(c["value"]) for c in chans]


def util(i, p):
    S = sum(F(s) for s in sal[i])
    return sum(F(sal[i][j]) / S * F(val[i][j][p[j]]) for j in range(n_iss))


def vetoed(p):
    return any(p[j] in red[i][j] for i in range(n_act) for j in range(n_iss))


def solve_lin(A, b):
    """Gauss-Jordan over fractions; None when singular."""
    n = len(A)
    M = [row[:] + [b[r]] for r, row in enumerate(A)]
    for c in range(n):
        piv = next((r for r in range(c, n) if M[r][c] != 0), None)
        if piv is None:
            return None
        M[c], M[piv] = M[piv], M[c]
        pv = M[c][c]
        M[c] = [x / pv for x in M[c]]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c]
                M[r] = [x - f * y for x, y in zip(M[r], M[c])]
    return [M[r][n] for r in range(n)]


def cheapest(u):
    """The lexicographic minimum of (cost, units, -t_1..-t_K), or None."""
    # constraints g . t >= h
    rows = []
    for i in range(n_act):
        g = [VA[k] if chans[k]["to"] == i else (-CO[k] if chans[k]["frm"] == i else F(0))
             for k in range(K)]
        rows.append((g, B[i] - u[i]))
    for k in range(K):
        rows.append(([F(int(q == k)) for q in range(K)], F(0)))
        rows.append(([-F(int(q == k)) for q in range(K)], -MX[k]))
    best = None
    for sub in itertools.combinations(range(len(rows)), K):
        t = solve_lin([rows[r][0] for r in sub], [rows[r][1] for r in sub])
        if t is None:
            continue
        if any(sum(g[k] * t[k] for k in range(K)) < h for g, h in rows):
            continue
        key = (sum(CO[k] * t[k] for k in range(K)), sum(t), *[-x for x in t])
        if best is None or key < best[0]:
            best = (key, t)
    return best


def qs(q):
    q = F(q)
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


out = []


def run(*args):
    r = subprocess.run([PARLEY, *args], capture_output=True, text=True)
    if r.returncode != 0:
        out.append(f"parley {' '.join(args)}: exit {r.returncode}: {r.stderr.strip()}")
        return None
    return json.loads(r.stdout)


ev = run("eval", path, "--format", "json")
if ev:
    for pr in ev["proposals"]:
        p = tuple(int(x) for x in pr["id"][1:].split("-"))
        tr = pr["transfer"]
        if vetoed(p):
            want = "red-line"
        else:
            c = cheapest([util(i, p) for i in range(n_act)])
            want = "found" if c else "none"
        if tr["status"] != want:
            out.append(f"eval {pr['id']}: status {tr['status']}, reference {want}")
            continue
        if want != "found":
            continue
        key, t = c
        if tr["cost_exact"] != qs(key[0]) or tr["units_exact"] != qs(key[1]):
            out.append(f"eval {pr['id']}: cost {tr['cost_exact']} units {tr['units_exact']}, "
                       f"reference {qs(key[0])} {qs(key[1])}")
        got = {x["channel"]: x["units_exact"] for x in tr["payments"]}
        ref = {chans[k]["id"]: qs(t[k]) for k in range(K) if t[k] > 0}
        if got != ref:
            out.append(f"eval {pr['id']}: payments {got}, reference {ref}")

# the space
relax = [B[i] - sum(VA[k] * MX[k] for k in range(K) if chans[k]["to"] == i) for i in range(n_act)]
cand = [p for p in pkgs if not vetoed(p)
        and all(util(i, p) >= relax[i] for i in range(n_act))]
vecs = {}
for p in cand:
    vecs.setdefault(tuple(util(i, p) for i in range(n_act)), []).append(p)
front = [v for v in vecs if not any(all(w[i] >= v[i] for i in range(n_act)) and w != v
                                   for w in vecs)]
front.sort(reverse=True)
feas, best = 0, None
for v in front:
    c = cheapest(list(v))
    if c:
        feas += 1
        if best is None or c[0][:2] < best[0][:2]:
            best = (c[0], v)
zopa = any(all(util(i, p) >= B[i] for i in range(n_act)) for p in pkgs if not vetoed(p))
sp = run("space", path, "--format", "json")
if sp:
    T = sp["transfers"]
    if T["frontier_points"] != len(front):
        out.append(f"space: frontier points {T['frontier_points']}, reference {len(front)}")
    if T["acceptable_with_transfer"] != feas:
        out.append(f"space: acceptable {T['acceptable_with_transfer']}, reference {feas}")
    if T["deal_without"] != zopa:
        out.append(f"space: deal_without {T['deal_without']}, reference {zopa}")
    if T["deal_with"] != (best is not None):
        out.append(f"space: deal_with {T['deal_with']}, reference {best is not None}")
    if best and T["cheapest"]:
        tr = T["cheapest"]["transfer"]
        if tr["cost_exact"] != qs(best[0][0]) or tr["units_exact"] != qs(best[0][1]):
            out.append(f"space: cheapest cost {tr['cost_exact']} units {tr['units_exact']}, "
                       f"reference {qs(best[0][0])} {qs(best[0][1])}")
        p = min(vecs[best[1]])
        want = {f"i{j}": opts[j][p[j]] for j in range(n_iss)}
        if T["cheapest"]["package"]["positions"] != want:
            out.append(f"space: cheapest package {T['cheapest']['package']['positions']}, "
                       f"reference {want}")
print("\n".join(out))
