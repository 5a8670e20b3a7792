#!/usr/bin/env python3
# linked_eval.py SEED OUT.yaml — writes a random scenario with linkage
# (constraints, conditional red lines, bonus and penalty terms over discrete
# and continuous issues, tie-prone weights and BATNAs equal to achievable
# utilities) and prints, as JSON, what `parley eval` must say of each
# proposal, computed here in exact rationals from docs/scenario-format.md
# ("Utility of a package", "Linkage"): each actor's utility and verdict,
# which conditional red lines and constraints are broken (true, false, or
# null when that depends on an open issue) and whether the package is
# feasible. Independent of the engine: the scenario is built here and never
# read back through Parley.
import json, random, sys
from fractions import Fraction as F

rng = random.Random(int(sys.argv[1]))
SAL = ["0", "0.1", "0.25", "0.5", "1"]
VAL = [F(0), F(1, 4), F(1, 2), F(3, 4), F(1)]


def num(q):
    return f"{q.numerator}/{q.denominator}" if q.denominator != 1 else str(q.numerator)


actors = ["A", "B", "C"][: rng.choice([2, 3])]
issues = []
for j in range(rng.randint(2, 4)):
    if rng.random() < 0.5:
        issues.append({"id": f"d{j}", "kind": "d", "n": rng.randint(2, 4)})
    else:
        issues.append({"id": f"c{j}", "kind": "c", "lo": F(0), "hi": F(10)})


def positions(i):
    if i["kind"] == "d":
        return list(range(i["n"]))
    return [F(k) for k in range(0, 11, 2)] + [F(5, 2)]


stances = {}
for a in actors:
    st = {}
    for i in issues:
        s = F(rng.choice(SAL))
        if i["kind"] == "d":
            st[i["id"]] = {"s": s, "values": [rng.choice(VAL) for _ in range(i["n"])]}
        else:
            st[i["id"]] = {"s": s, "ideal": F(rng.choice(range(0, 11)))}
    if all(v["s"] == 0 for v in st.values()):
        st[issues[0]["id"]]["s"] = F(1)
    stances[a] = st


def cond():
    i = rng.choice(issues)
    if i["kind"] == "d":
        opts = sorted(rng.sample(range(i["n"]), rng.randint(1, i["n"] - 1)))
        neg = rng.random() < 0.3
        return i, {"opts": opts, "neg": neg}
    lo = F(rng.choice([0, 2, 4, 5])) if rng.random() < 0.7 else None
    hi = F(rng.choice([6, 8, 10])) if (lo is None or rng.random() < 0.5) else None
    x = {"lo": lo, "hi": hi, "lo_open": rng.random() < 0.5 and lo is not None,
         "hi_open": rng.random() < 0.5 and hi is not None}
    everywhere = (lo is None or (lo == 0 and not x["lo_open"])) and \
                 (hi is None or (hi == 10 and not x["hi_open"]))
    x["neg"] = rng.random() < 0.2 and not everywhere  # a `not` that never holds is an error
    if x["lo"] == 10 and x["lo_open"]:
        x["lo_open"] = False
    return i, x


def combo():
    c = {}
    for _ in range(rng.randint(1, 2)):
        i, x = cond()
        c[i["id"]] = (i, x)
    return c


def cond_yaml(i, x):
    if i["kind"] == "d":
        body = "[" + ", ".join(f"o{k}" for k in x["opts"]) + "]"
    else:
        parts = []
        if x["lo"] is not None:
            parts.append(f"{'above' if x['lo_open'] else 'at_least'}: {num(x['lo'])}")
        if x["hi"] is not None:
            parts.append(f"{'below' if x['hi_open'] else 'at_most'}: {num(x['hi'])}")
        body = "{" + ", ".join(parts) + "}"
    return "{not: " + body + "}" if x["neg"] else body


def combo_yaml(c):
    return "{" + ", ".join(f"{k}: {cond_yaml(i, x)}" for k, (i, x) in c.items()) + "}"


def cond_holds(i, x, p):
    if i["kind"] == "d":
        inn = p in x["opts"]
    else:
        inn = True
        if x["lo"] is not None:
            inn &= p > x["lo"] if x["lo_open"] else p >= x["lo"]
        if x["hi"] is not None:
            inn &= p < x["hi"] if x["hi_open"] else p <= x["hi"]
    return inn != x["neg"]


def holds(c, pkg):
    undecided = False
    for k, (i, x) in c.items():
        if pkg[k] is None:
            undecided = True
        elif not cond_holds(i, x, pkg[k]):
            return 0
    return None if undecided else 1


def broken(rule, pkg):
    w = holds(rule["when"], pkg)
    if rule["kind"] == "forbid" or w == 0:
        return w
    t = holds(rule["then"], pkg)
    if t == 1:
        return 0
    return 1 if (w == 1 and t == 0) else None


def mkrule(actor):
    if rng.random() < 0.5:
        return {"kind": "forbid", "when": combo(), "actor": actor}
    return {"kind": "if", "when": combo(), "then": combo(), "actor": actor}


constraints = [mkrule(None) for _ in range(rng.randint(0, 2))]
redlines = [mkrule(rng.choice(actors)) for _ in range(rng.randint(0, 2))]
terms = [{"actor": rng.choice(actors), "when": combo(), "w": F(rng.choice(["0.1", "0.25", "0.5", "1"])),
          "pen": rng.random() < 0.4} for _ in range(rng.randint(1, 4))]


def value(a, i, p):
    st = stances[a][i["id"]]
    if i["kind"] == "d":
        return st["values"][p]
    reach = max(st["ideal"] - i["lo"], i["hi"] - st["ideal"])
    return 1 - abs(p - st["ideal"]) / reach


def utility(a, pkg):
    S = sum(stances[a][i["id"]]["s"] for i in issues) + sum(t["w"] for t in terms if t["actor"] == a)
    u = sum(stances[a][i["id"]]["s"] * value(a, i, pkg[i["id"]]) for i in issues)
    for t in terms:
        if t["actor"] == a and (holds(t["when"], pkg) == 1) != t["pen"]:
            u += t["w"]
    return u / S


def rand_pkg(open_ok):
    pkg = {}
    for i in issues:
        pkg[i["id"]] = None if (open_ok and rng.random() < 0.3) else rng.choice(positions(i))
    return pkg


props = [rand_pkg(False) for _ in range(6)] + [rand_pkg(True) for _ in range(3)]
batna = {a: utility(a, rng.choice(props[:6])) if rng.random() < 0.6 else F(rng.choice(["0.2", "0.5"]))
         for a in actors}

y = ["parley: 1", "scenario: {id: linked-eval}", "actors:"]
y += [f"  - {{id: {a}, capability: 1, batna: {num(batna[a])}}}" for a in actors]
y.append("issues:")
for i in issues:
    if i["kind"] == "d":
        y.append(f"  - {{id: {i['id']}, options: [" + ", ".join(f"o{k}" for k in range(i["n"])) + "]}")
    else:
        y.append(f"  - {{id: {i['id']}, scale: {{lo: 0, hi: 10}}}}")
y.append("stances:")
for a in actors:
    y.append(f"  {a}:")
    for i in issues:
        st = stances[a][i["id"]]
        if i["kind"] == "d":
            vals = ", ".join(f"o{k}: {num(v)}" for k, v in enumerate(st["values"]))
            y.append(f"    {i['id']}: {{salience: {num(st['s'])}, values: {{{vals}}}}}")
        else:
            y.append(f"    {i['id']}: {{salience: {num(st['s'])}, ideal: {num(st['ideal'])}}}")


def rule_yaml(k, r, prefix):
    head = f"  - {{id: {prefix}{k}" + (f", actor: {r['actor']}" if r["actor"] else "")
    if r["kind"] == "forbid":
        return head + f", forbid: {combo_yaml(r['when'])}}}"
    return head + f", if: {combo_yaml(r['when'])}, then: {combo_yaml(r['then'])}}}"


if constraints:
    y.append("constraints:")
    y += [rule_yaml(k, r, "c") for k, r in enumerate(constraints)]
if redlines:
    y.append("red_lines:")
    y += [rule_yaml(k, r, "r") for k, r in enumerate(redlines)]
y.append("terms:")
for k, t in enumerate(terms):
    y.append(f"  - {{id: t{k}, actor: {t['actor']}, when: {combo_yaml(t['when'])}, weight: {num(t['w'])}, "
             f"effect: {'penalty' if t['pen'] else 'bonus'}}}")
y.append("proposals:")
for n, p in enumerate(props):
    pos = ", ".join(f"{k}: {('o' + str(v)) if isinstance(v, int) else num(v)}" for k, v in p.items() if v is not None)
    y.append(f"  - {{id: p{n}, positions: {{{pos}}}}}")
open(sys.argv[2], "w").write("\n".join(y) + "\n")

out = []
for n, p in enumerate(props):
    cs = [broken(r, p) for r in constraints]
    feasible = False if 1 in cs else (None if None in cs else True)
    acts = {}
    for a in actors:
        rb = {f"r{k}": broken(r, p) for k, r in enumerate(redlines) if r["actor"] == a}
        e = {"red_line_rules": rb}
        if all(v is not None for v in p.values()):
            u = utility(a, p)
            e["utility"] = [u.numerator, u.denominator]
            e["verdict"] = "reject" if (1 in rb.values() or u < batna[a]) else (
                "open" if None in rb.values() else "accept")
        acts[a] = e
    out.append({"id": f"p{n}", "feasible": feasible,
                "constraints": {f"c{k}": v for k, v in enumerate(cs)}, "actors": acts})
print(json.dumps(out))
