#!/usr/bin/env python3
"""ratify_eval.py SEED OUT.yaml — a random scenario with ratifying bodies
(members or a public, every rule, overrides, referendums on some issues,
red lines, open positions) written to OUT.yaml, and on stdout the votes,
yes shares and verdicts every proposal should get, computed in exact
rationals from docs/scenario-format.md ("ratification"), independently of
the engine."""
import json
import random
import re
import sys
from fractions import Fraction as F

seed, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(seed)
OPTS = ["a", "b", "c"]
ISSUES = [("d1", "opts"), ("d2", "opts"), ("x", "scale")]  # x on 0..10
RULES = {"majority": (F(1, 2), True), "two-thirds": (F(2, 3), False),
         "three-fifths": (F(3, 5), False), "unanimity": (F(1), False)}


def dec(lo, hi, step):
    """A random decimal lo..hi on a grid of `step` hundredths, as text."""
    k = rnd.randint(lo, hi) * step
    return f"{k // 100}.{k % 100:02d}"


def stance(issue):
    kind = dict(ISSUES)[issue]
    st = {"salience": dec(0, 10, 10)}
    if kind == "opts":
        st["values"] = {o: dec(0, 10, 10) for o in OPTS}
        if rnd.random() < 0.25:
            st["red_line"] = [rnd.choice(OPTS)]
    else:
        st["ideal"] = str(rnd.randint(0, 10))
        if rnd.random() < 0.25:
            st["red_line"] = {"below": str(rnd.randint(0, 4))}
            st["ideal"] = str(rnd.randint(5, 10))
    return st


def value(issue, st, pos):
    if dict(ISSUES)[issue] == "opts":
        return F(st["values"][pos])
    ideal = F(st["ideal"])
    reach = max(ideal - 0, 10 - ideal)
    return F(1) if reach == 0 else 1 - abs(F(pos) - ideal) / reach


def crosses(issue, st, pos):
    rl = st.get("red_line")
    if rl is None:
        return False
    if dict(ISSUES)[issue] == "opts":
        return pos in rl
    return F(pos) < F(rl["below"])


bodies = []
for k in range(rnd.randint(1, 4)):
    pop = rnd.random() < 0.5
    judged = [i for i, _ in ISSUES if rnd.random() < 0.7] or ["d1"]
    rule = rnd.choice(list(RULES) + ["share"])
    body = {"id": f"b{k}", "actor": "A", "rule": rule if rule != "share" else {"share": dec(1, 20, 5)}}
    if len(judged) < 3 and rnd.random() < 0.7:
        body["issues"] = judged
    if rnd.random() < 0.4:
        body["override"] = {"rule": rnd.choice(list(RULES))}
    ms = []
    for m in range(rnd.randint(1, 5)):
        sts = {}
        for i in judged:
            if rnd.random() < 0.8:
                sts[i] = stance(i)
        if not sts or all(F(s["salience"]) == 0 for s in sts.values()):
            sts[judged[0]] = stance(judged[0])
            sts[judged[0]]["salience"] = "1"
        mem = {"id": f"m{m}", "batna": dec(0, 10, 10), "stances": sts}
        mem["share" if pop else "weight"] = dec(1, 100, 1) if pop else str(rnd.randint(1, 300))
        ms.append(mem)
    body["population" if pop else "members"] = ms
    bodies.append(body)

props = []
for p in range(6):
    pos = {}
    for i, kind in ISSUES:
        if rnd.random() < 0.15:
            continue  # left open
        pos[i] = rnd.choice(OPTS) if kind == "opts" else str(rnd.randint(0, 10))
    props.append({"id": f"p{p}", "positions": pos})

scen = {"parley": 1,
        "actors": [{"id": "A", "capability": 1, "batna": "0.2"}],
        "issues": [{"id": "d1", "options": OPTS}, {"id": "d2", "options": OPTS},
                   {"id": "x", "scale": {"lo": 0, "hi": 10}}],
        "stances": {"A": {"d1": {"salience": 1, "ideal": "a"}}},
        "proposals": props, "ratification": bodies}
with open(out, "w") as f:  # decimals written as JSON numbers, exactly as generated
    f.write(re.sub(r'"(-?[0-9]+(\.[0-9]+)?)"', r"\1", json.dumps(scen, indent=1)))


def met(rule, part, total):
    if isinstance(rule, dict):
        return part / total >= F(rule["share"])
    t, strict = RULES[rule]
    return part / total > t if strict else part / total >= t


def vote(mem, pos):
    """yes / no / open for a member, with open issues at every option."""
    sts = mem["stances"]
    S = sum(F(s["salience"]) for s in sts.values())
    choices = []
    for i, s in sts.items():
        if i in pos:
            choices.append([pos[i]])
        else:
            choices.append(OPTS if dict(ISSUES)[i] == "opts" else [str(v) for v in range(11)]
                           + ["0.5", "9.5"])
    names = list(sts)
    results = set()

    def rec(k, chosen):
        if k == len(names):
            red = any(crosses(i, sts[i], chosen[i]) for i in names)
            u = sum(F(sts[i]["salience"]) * value(i, sts[i], chosen[i]) for i in names) / S
            results.add("no" if red or u < F(mem["batna"]) else "yes")
            return
        for c in choices[k]:
            chosen[names[k]] = c
            rec(k + 1, chosen)
    rec(0, {})
    return results.pop() if len(results) == 1 else "open"


want = []
for p in props:
    for b in bodies:
        ms = b.get("members") or b.get("population")
        wkey = "weight" if "members" in b else "share"
        votes = [vote(m, p["positions"]) for m in ms]
        W = sum(F(m[wkey]) for m in ms)
        Y = sum(F(m[wkey]) for m, v in zip(ms, votes) if v == "yes")
        N = sum(F(m[wkey]) for m, v in zip(ms, votes) if v == "no")
        O = W - Y - N

        def ratified(y, n):
            if met(b["rule"], y, W):
                return True
            return "override" in b and not met(b["override"]["rule"], n, W)
        lo, hi = ratified(Y, N + O), ratified(Y + O, N)
        verdict = "ratified" if lo else "rejected" if not hi else "open"
        want.append({"proposal": p["id"], "body": b["id"], "votes": votes,
                     "yes_share": float(Y / W), "verdict": verdict})
json.dump(want, sys.stdout)
