#!/usr/bin/env python3
# linked_space.py PARLEY SEED TMPDIR — an exact brute-force reference for the
# agreement space with linkage. Writes a random small linked scenario
# (tie-heavy values, constraints, conditional red lines, bonus and penalty
# interaction terms, issue red lines, continuous issues on decimal scales)
# to TMPDIR/linked-SEED.yaml, enumerates every package in rational
# arithmetic from the formulas of docs/scenario-format.md ("Linkage": U_a =
# Σ s_a,i v_a,i / S_a + Σ t_a,k h_a,k / S_a, S_a = Σ saliences + Σ term
# weights), then runs `parley space`, `amend` and `trades` and prints every
# difference (nothing when all agree): outcomes, ZOPA count, the frontier's
# packages and utility vectors, the five solutions' scores, each actor's
# best and worst acceptable utility, the best amendments' (changes, shift),
# and the best trade of every (a, b, x, y) with its smaller gain. Shares
# nothing with the engine: not its loader, arithmetic or algorithms.
import itertools, json, math, os, random, subprocess, sys
from fractions import Fraction as F

PARLEY, SEED, TMP = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = random.Random(SEED)
GRID = rng.choice([3, 4, 5])
VALUES = [F(0), F(1, 4), F(1, 2), F(3, 4), F(1)]
SAL = ["0.1", "0.2", "0.25", "0.5", "1"]


def dec(q):
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


# ---- the scenario
n_act = rng.randint(2, 3)
n_iss = rng.randint(3, 5)
issues = []
for j in range(n_iss):
    if rng.random() < 0.3:
        lo = F(rng.choice(["0", "0.1", "-0.5"]))
        hi = lo + F(rng.choice(["0.6", "1.5", "3"]))
        pts = [lo + (hi - lo) * k / (GRID - 1) for k in range(GRID)]
        issues.append({"id": f"c{j}", "cont": True, "lo": lo, "hi": hi, "pos": pts})
    else:
        n = rng.randint(2, 3)
        issues.append({"id": f"d{j}", "cont": False, "opts": [f"o{k}" for k in range(n)],
                       "pos": list(range(n))})


def value_fn(iss):
    """A tie-heavy value per position: options get values from VALUES; a
    continuous issue is linear towards lo or hi (exact on the grid)."""
    if iss["cont"]:
        up = rng.random() < 0.5
        return {"kind": "lin", "up": up}, [((x - iss["lo"]) / (iss["hi"] - iss["lo"])) if up
                                            else ((iss["hi"] - x) / (iss["hi"] - iss["lo"]))
                                            for x in iss["pos"]]
    vals = [rng.choice(VALUES) for _ in iss["opts"]]
    return {"kind": "opt", "vals": vals}, vals


stances = []
for a in range(n_act):
    row = []
    for iss in issues:
        spec, vals = value_fn(iss)
        red = None
        if not iss["cont"] and rng.random() < 0.12:
            red = rng.randrange(len(iss["opts"]))  # this option crosses the red line
        row.append({"s": F(rng.choice(SAL)), "spec": spec, "v": vals, "red": red})
    stances.append(row)


def condition(iss):
    """(yaml text, test on position index)."""
    if iss["cont"]:
        k = rng.randrange(1, GRID)
        b = iss["pos"][k]
        form = rng.choice(["at_least", "at_most", "above", "below"])
        test = {"at_least": lambda x, b=b: x >= b, "at_most": lambda x, b=b: x <= b,
                "above": lambda x, b=b: x > b, "below": lambda x, b=b: x < b}[form]
        if form == "below" and b == iss["lo"] or form == "above" and b == iss["hi"]:
            form, test = "at_least", (lambda x, b=b: x >= b)
        return f"{{{form}: {dec(b)}}}", (lambda k2, t=test, p=iss["pos"]: t(p[k2]))
    n = len(iss["opts"])
    chosen = sorted(rng.sample(range(n), rng.randint(1, n - 1)))
    neg = rng.random() < 0.2
    text = "[" + ", ".join(iss["opts"][k] for k in chosen) + "]"
    if neg:
        return f"{{not: {text}}}", (lambda k2, c=chosen: k2 not in c)
    return text, (lambda k2, c=chosen: k2 in c)


def combination(k):
    js = sorted(rng.sample(range(n_iss), k))
    conds = [(j,) + condition(issues[j]) for j in js]
    text = "{" + ", ".join(f"{issues[j]['id']}: {t}" for j, t, _ in conds) + "}"
    combination.issues = js
    return text, (lambda pk, cs=conds: all(f(pk[j]) for j, _, f in cs))


rules = []  # (actor or None, text lines, broken(pk), issues)
for r in range(rng.randint(0, 2)):
    w, wf = combination(rng.randint(1, 2))
    ws = combination.issues
    if rng.random() < 0.5:
        rules.append((None, f"  - id: k{r}\n    forbid: {w}\n", lambda pk, wf=wf: wf(pk), ws))
    else:
        t, tf = combination(1)
        rules.append((None, f"  - id: k{r}\n    if: {w}\n    then: {t}\n",
                      lambda pk, wf=wf, tf=tf: wf(pk) and not tf(pk), ws + combination.issues))
reds = []
for r in range(rng.randint(0, 2)):
    a = rng.randrange(n_act)
    w, wf = combination(rng.randint(1, 2))
    ws = combination.issues
    t, tf = combination(1)
    reds.append((a, f"  - id: r{r}\n    actor: A{a}\n    if: {w}\n    then: {t}\n",
                 lambda pk, wf=wf, tf=tf: wf(pk) and not tf(pk), ws + combination.issues))
terms = []
for k in range(rng.randint(1, 3)):
    a = rng.randrange(n_act)
    w, wf = combination(rng.randint(2, 3))
    t = F(rng.choice(SAL))
    pen = rng.random() < 0.35
    terms.append((a, t, pen, wf,
                  f"  - id: t{k}\n    actor: A{a}\n    when: {w}\n    weight: {dec(t)}\n"
                  + ("    effect: penalty\n" if pen else ""), combination.issues))

S = [sum(st["s"] for st in stances[a]) + sum(t for b, t, _, _, _, _ in terms if b == a)
     for a in range(n_act)]


def utility(a, pk):
    u = sum(stances[a][j]["s"] * stances[a][j]["v"][pk[j]] for j in range(n_iss))
    for b, t, pen, wf, _, _ in terms:
        if b == a and wf(pk) != pen:
            u += t
    return u / S[a]


def vetoed(a, pk):
    if any(stances[a][j]["red"] == pk[j] for j in range(n_iss)):
        return True
    return any(b == a and br(pk) for b, _, br, _ in reds)


def feasible(pk):
    return not any(br(pk) for _, _, br, _ in rules)


packages = list(itertools.product(*[range(len(i["pos"])) for i in issues]))
U = {pk: tuple(utility(a, pk) for a in range(n_act)) for pk in packages}
# BATNAs: achievable utilities (ties with the BATNA are common), sometimes 0
batna = []
for a in range(n_act):
    pick = rng.choice(packages)
    batna.append(U[pick][a] * rng.choice([F(1, 2), F(3, 4), F(1)]) if rng.random() < 0.8 else F(0))

proposals = [rng.choice(packages) for _ in range(2)]


def pos_text(j, k):
    iss = issues[j]
    return dec(iss["pos"][k]) if iss["cont"] else iss["opts"][k]


def write_yaml(path):
    out = ["parley: 1", f"scenario: {{id: linked-{SEED}, name: Linked {SEED}}}", "actors:"]
    for a in range(n_act):
        out.append(f"  - {{id: A{a}, capability: {rng.choice(['1', '2', '0.5'])}, "
                   f"batna: {dec(batna[a])}}}")
    out.append("issues:")
    for iss in issues:
        if iss["cont"]:
            out.append(f"  - {{id: {iss['id']}, scale: {{lo: {dec(iss['lo'])}, hi: {dec(iss['hi'])}}}}}")
        else:
            out.append(f"  - {{id: {iss['id']}, options: [{', '.join(iss['opts'])}]}}")
    out.append("stances:")
    for a in range(n_act):
        out.append(f"  A{a}:")
        for j, iss in enumerate(issues):
            st = stances[a][j]
            parts = [f"salience: {dec(st['s'])}"]
            if iss["cont"]:
                parts.append(f"ideal: {dec(iss['hi'] if st['spec']['up'] else iss['lo'])}")
            else:
                parts.append("values: {" + ", ".join(f"{o}: {dec(v)}" for o, v in
                                                     zip(iss["opts"], st["v"])) + "}")
                if st["red"] is not None:
                    parts.append(f"red_line: [{iss['opts'][st['red']]}]")
            out.append(f"    {iss['id']}: {{{', '.join(parts)}}}")
    if rules:
        out.append("constraints:")
        out.extend(r[1].rstrip("\n") for r in rules)
    if reds:
        out.append("red_lines:")
        out.extend(r[1].rstrip("\n") for r in reds)
    out.append("terms:")
    out.extend(t[4].rstrip("\n") for t in terms)
    out.append("proposals:")
    for k, pk in enumerate(proposals):
        out.append(f"  - id: p{k}")
        out.append("    positions: {" + ", ".join(f"{issues[j]['id']}: {pos_text(j, pk[j])}"
                                                  for j in range(n_iss)) + "}")
    open(path, "w").write("\n".join(out) + "\n")


def acceptable(pk):
    return feasible(pk) and not any(vetoed(a, pk) for a in range(n_act)) and \
        all(U[pk][a] >= batna[a] for a in range(n_act))


# ---- the exact answers
zopa = [pk for pk in packages if acceptable(pk)]
points = {}
for pk in zopa:
    points.setdefault(U[pk], []).append(pk)
front = [u for u in points if not any(all(v[a] >= u[a] for a in range(n_act)) and v != u
                                      for v in points)]
cap = None  # capabilities are read back from the YAML written (they are random)


def close(x, y):
    return abs(float(x) - float(y)) <= 1e-9


bad = []
path = os.path.join(TMP, f"linked-{SEED}.yaml")
write_yaml(path)
caps = []
for line in open(path):
    if line.startswith("  - {id: A"):
        caps.append(F(line.split("capability: ")[1].split(",")[0]))


def run(*args):
    p = subprocess.run([PARLEY, *args, "--grid", str(GRID)], capture_output=True, text=True)
    if p.returncode != 0:
        bad.append(f"parley {' '.join(args[:1])} failed: {p.stderr.strip()}")
        return None
    return p.stdout


js = run("space", path, "--format", "json", "--limit", "1")
csv_text = run("space", path, "--format", "csv", "--limit", "100000000")
if js is None or csv_text is None:
    print("; ".join(bad))
    sys.exit(0)
d = json.loads(js)
names = [f"A{a}" for a in range(n_act)]
if int(d["outcomes"]) != sum(1 for pk in packages if feasible(pk)):
    bad.append(f"outcomes {d['outcomes']} vs exact {sum(1 for pk in packages if feasible(pk))}")
if d["zopa"]["count"] != len(zopa):
    bad.append(f"zopa {d['zopa']['count']} vs exact {len(zopa)}")
if d["frontier"]["points"] != len(front):
    bad.append(f"frontier points {d['frontier']['points']} vs exact {len(front)}")


def parse_pos(j, text):
    iss = issues[j]
    if iss["cont"]:
        return min(range(len(iss["pos"])), key=lambda k: abs(float(iss["pos"][k]) - float(text)))
    return iss["opts"].index(text)


rows = [r.split(",") for r in csv_text.strip().split("\n")]
ref_pk = sorted(pk for u in front for pk in points[u])
brute = run("space", path, "--format", "csv", "--limit", "100000000", "--method", "brute") or ""
for label, text in (("merge", csv_text), ("brute", brute)):
    rws = [r.split(",") for r in text.strip().split("\n")][1:]
    mine = sorted(tuple(parse_pos(j, r[1 + j]) for j in range(n_iss)) for r in rws)
    if mine != ref_pk:
        bad.append(f"{label}: frontier packages differ ({len(mine)} vs exact {len(ref_pk)})")
for r in rows[1:]:
    pk = tuple(parse_pos(j, r[1 + j]) for j in range(n_iss))
    if pk in U and not all(close(U[pk][a], r[1 + n_iss + a]) for a in range(n_act)):
        bad.append(f"utilities of {pk} differ")
        break
# best and worst acceptable
for a, nm in enumerate(names):
    for key, fn in (("best", max), ("worst", min)):
        want = fn((U[pk][a] for pk in zopa), default=None)
        side = d["zopa"].get(key) or {}
        got = side[nm]["utilities"][nm] if side.get(nm) else None
        if (got is None) != (want is None) or (got is not None and not close(got, want)):
            bad.append(f"{key} for {nm}: {got} vs exact {want}")


# the five solutions: the engine's pick must reach the exact optimum score
def scores(u):
    g = [u[a] - batna[a] for a in range(n_act)]
    best = [max(v[a] for v in front) for a in range(n_act)]
    nash = -math.inf if any(x <= 0 for x in g) else sum(math.log(x) for x in g)
    wn = -math.inf if any(x <= 0 for x in g) else sum(float(caps[a]) * math.log(g[a]) for a in range(n_act))
    ratios = [g[a] / (best[a] - batna[a]) if best[a] != batna[a] else F(0) for a in range(n_act)]
    return {"nash": nash, "nash_weighted": wn, "kalai_smorodinsky": -(max(ratios) - min(ratios)),
            "egalitarian": min(g), "utilitarian": sum(u)}


if front:
    allsc = [scores(u) for u in front]
    for key in ("nash", "nash_weighted", "kalai_smorodinsky", "egalitarian", "utilitarian"):
        sol = d.get(key)
        if not sol:
            bad.append(f"{key} missing")
            continue
        got = tuple(sol["utilities"][nm] for nm in names)
        match = [u for u in front if all(close(u[a], got[a]) for a in range(n_act))]
        top = max(sc[key] for sc in allsc)
        if all(sc == -math.inf for sc in (s[key] for s in allsc)):
            continue  # no point gives everyone a gain: the first point is reported
        if not match or not any(abs(float(scores(u)[key]) - float(top)) <= 1e-9 * max(1, abs(float(top)))
                                for u in match):
            bad.append(f"{key}: {got} does not reach the exact optimum")


# ---- amend: fewest changed issues, then the least Σ|Δu| (common scale: all
# denominators are small, so the engine's sums are exact)
def amend_ref(base):
    cands = [(sum(1 for j in range(n_iss) if pk[j] != base[j]),
              sum(abs(U[pk][a] - U[base][a]) for a in range(n_act))) for pk in zopa]
    cands.sort()
    return [c for c in cands if c[0] == cands[0][0]][:3] if cands else []


for k, base in enumerate(proposals):
    out = run("amend", path, "--proposal", f"p{k}", "--format", "json")
    if out is None:
        continue
    am = json.loads(out)["amendments"]
    want = amend_ref(base)
    got = [(x["changed"], x["shift"]) for x in am]
    if len(got) != len(want) or any(g[0] != w[0] or not close(g[1], w[1]) for g, w in zip(got, want)):
        bad.append(f"amend p{k}: {got} vs exact {[(c, float(s)) for c, s in want]}")


# ---- trades (--all): per (a, b, x, y) the largest smaller gain. A change
# is refused when, on the clusters of issues it touches (issues tied by a
# term, constraint or conditional red line), the new package crosses a red
# line of a or b or breaks a constraint.
up = list(range(n_iss))


def find(i):
    while up[i] != i:
        i = up[i]
    return i


def tie(js_):
    for j in js_[1:]:
        up[find(j)] = find(js_[0])


for js_ in [r[3] for r in rules] + [r[3] for r in reds] + [t[5] for t in terms]:
    tie(js_)
cluster = [find(i) for i in range(n_iss)]


def refused_on(pk, clus, a):
    for j in range(n_iss):
        if cluster[j] in clus and stances[a][j]["red"] == pk[j]:
            return True
    return False


def rules_on(pk, clus, actor):
    lst = rules if actor is None else [r for r in reds if r[0] == actor]
    for r in lst:
        if cluster[r[3][0]] in clus and r[2](pk):
            return True
    return False


def blocked(pk, clus, a, b):
    return any(refused_on(pk, clus, c) or rules_on(pk, clus, c) for c in (a, b)) or \
        rules_on(pk, clus, None)


for k, base in enumerate(proposals):
    out = run("trades", path, "--proposal", f"p{k}", "--all", "--format", "json")
    if out is None:
        continue
    got = {}
    for t in json.loads(out)["proposals"][0]["trades"]:
        key = (t["a"]["actor"], t["b"]["actor"], t["a"]["gains_on"], t["b"]["gains_on"])
        got[key] = min(t["a"]["gain"], t["b"]["gain"])
    want = {}
    for a, b in itertools.combinations(range(n_act), 2):
        for x, y in itertools.permutations(range(n_iss), 2):
            best = None
            for ox in range(len(issues[x]["pos"])):
                px = list(base)
                px[x] = ox
                px = tuple(px)
                ax, bx = U[px][a] - U[base][a], U[px][b] - U[base][b]
                if ax <= 0 or bx >= 0:
                    continue
                if cluster[x] != cluster[y] and blocked(px, {cluster[x]}, a, b):
                    continue
                for oy in range(len(issues[y]["pos"])):
                    py = list(base)
                    py[y] = oy
                    py = tuple(py)
                    ay, by = U[py][a] - U[base][a], U[py][b] - U[base][b]
                    if ay >= 0 or by <= 0:
                        continue
                    pb = list(base)
                    pb[x], pb[y] = ox, oy
                    pb = tuple(pb)
                    if blocked(pb, {cluster[y]}, a, b):
                        continue
                    ga, gb = U[pb][a] - U[base][a], U[pb][b] - U[base][b]
                    if ga <= 0 or gb <= 0:
                        continue
                    lo = min(ga, gb)
                    best = lo if best is None or lo > best else best
            if best is not None:
                want[(f"A{a}", f"A{b}", issues[x]["id"], issues[y]["id"])] = best
    if set(got) != set(want):
        bad.append(f"trades p{k}: {sorted(set(got) ^ set(want))} differ")
    else:
        for key in want:
            if not close(got[key], want[key]):
                bad.append(f"trades p{k} {key}: {got[key]} vs exact {float(want[key])}")
print("; ".join(bad))
