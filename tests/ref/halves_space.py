#!/usr/bin/env python3
# halves_space.py DIR PROFILE... — the exact agreement space of a GENIUS
# domain too big to enumerate package by package in Python (y2016-AgentHp2:
# 3 profiles, 8 issues of 7 values, 5,764,801 packages), from the same
# definitions as exact_space.py (whose profile reader it uses): each
# profile's utility is a whole number over its own denominator, a sum of one
# term per issue.
#
# The issues are split in two halves. Utilities are additive, so a package
# (a, b) (a: its options on the first half, b: on the second) is on the
# Pareto frontier only if no other first half a' is at least as good as a
# for everyone and better for someone (else (a', b) dominates (a, b)), and
# likewise for b. Each half's packages are grouped by utility vector
# (with how many share it), each half's undominated vectors kept, every
# sum of one from each half formed (multiplicities multiply) and the
# undominated sums kept by a sort-and-sweep skyline. Prints, as JSON,
# exact_space.py's answers plus the multiplicity of every frontier point
# and the Nash point (the largest product of gains over the reservations,
# in exact fractions; every maximiser is listed). Shares nothing with the
# engine.
import itertools, json, os, sys
from bisect import bisect_left, bisect_right
from fractions import Fraction as F
from math import lcm, prod

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exact_space import profile  # noqa: E402


def skyline(vectors):
    """The vectors (distinct tuples) no other one dominates."""
    vs = sorted(vectors, reverse=True)
    n = len(vs[0]) if vs else 0
    if n != 3:
        out = []
        for v in vs:  # every dominator of v comes before it
            if not any(all(f[a] >= v[a] for a in range(n)) for f in out):
                out.append(v)
        return out
    # three actors: in decreasing order every earlier vector is >= in u0; a
    # staircase of the earlier ones' (u1, u2), u1 increasing and u2
    # decreasing, answers "is some earlier one >= in u1 and u2".
    s1, s2, out = [], [], []
    for v in vs:
        i = bisect_left(s1, v[1])
        if i < len(s1) and s2[i] >= v[2]:
            continue
        out.append(v)
        j = bisect_right(s1, v[1])
        k = j
        while k > 0 and s2[k - 1] <= v[2]:
            k -= 1
        s1[k:j] = [v[1]]
        s2[k:j] = [v[2]]
    return out


def half(tables, issues, n):
    """Utility vector -> number of partial packages over `issues`."""
    groups = {}
    for combo in itertools.product(*[range(len(tables[0][j])) for j in issues]):
        u = tuple(sum(tables[a][j][k] for j, k in zip(issues, combo)) for a in range(n))
        groups[u] = groups.get(u, 0) + 1
    return groups


def main():
    folder, names = sys.argv[1], sys.argv[2:]
    profs = [profile(f"{folder}/{nm}.xml") for nm in names]
    n = len(profs)
    issue_names = list(profs[0][0].keys())
    values = [list(profs[0][0][name][1].keys()) for name in issue_names]
    m = len(issue_names)
    dens, tables, res = [], [], []
    for p, batna in profs:
        contrib = [[p[iss][0] * p[iss][1][v] for v in values[j]] for j, iss in enumerate(issue_names)]
        d = lcm(batna.denominator, *[c.denominator for row in contrib for c in row])
        dens.append(d)
        tables.append([[int(c * d) for c in row] for row in contrib])
        res.append(int(batna * d))
    A = half(tables, range(m // 2), n)
    B = half(tables, range(m // 2, m), n)
    lo = [min(a[i] for a in A) + min(b[i] for b in B) for i in range(n)]
    hi = [max(a[i] for a in A) + max(b[i] for b in B) for i in range(n)]
    if all(res[i] <= lo[i] for i in range(n)):  # every package is acceptable
        zopa = prod(len(v) for v in values)
        best, worst = hi, lo
    else:  # every pair of half vectors
        zopa, best, worst = 0, [None] * n, [None] * n
        for a, ca in A.items():
            for b, cb in B.items():
                u = [a[i] + b[i] for i in range(n)]
                if all(u[i] >= res[i] for i in range(n)):
                    zopa += ca * cb
                    best = [u[i] if best[i] is None else max(best[i], u[i]) for i in range(n)]
                    worst = [u[i] if worst[i] is None else min(worst[i], u[i]) for i in range(n)]
    count = {}
    fa, fb = skyline(A), skyline(B)
    for a in fa:
        for b in fb:
            u = tuple(a[i] + b[i] for i in range(n))
            if all(u[i] >= res[i] for i in range(n)):
                count[u] = count.get(u, 0) + A[a] * B[b]
    front = skyline(count)
    util = {u: [F(u[i], dens[i]) for i in range(n)] for u in front}
    gains = {u: prod(util[u][i] - F(res[i], dens[i]) for i in range(n)) for u in front}
    top = max(gains.values(), default=None)
    out = {
        "zopa": zopa,
        "points": len(front),
        "packages": sum(count[u] for u in front),
        "best": [None if b is None else float(F(b, dens[a])) for a, b in enumerate(best)],
        "worst": [None if w is None else float(F(w, dens[a])) for a, w in enumerate(worst)],
        "utilities": sorted([float(x) for x in util[u]] for u in front),
        "multiplicities": sorted([float(x) for x in util[u]] + [count[u]] for u in front),
        "nash": sorted([float(x) for x in util[u]] for u in front if gains[u] == top),
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
