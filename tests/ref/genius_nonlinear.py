#!/usr/bin/env python3
# genius_nonlinear.py PARLEY LIBPARLEY FOLDER N SEED — an independent check of the
# import of GENIUS non-linear profiles. Reads every <utility_space
# type="nonlinear"> profile of FOLDER itself (xml.etree) and computes
# GENIUS's utility of a bid in exact rationals the way GENIUS's
# NonlinearUtilitySpace does (docs/import-genius.md, "Non-linear profiles"):
# raw F = sum of the first <ufun>'s hyper-rectangles (INCLUDES: u when every
# bound holds; EXCLUDES: u when one fails; none: u) and nested sum <ufun>s
# times their weights, U_GENIUS = min(1, F / maxutility). Then imports FOLDER
# with `parley import genius`, computes Parley's utility of each bid with
# parley_utility() of the public API (LIBPARLEY, the shared library, through
# ctypes) or, with LIBPARLEY "eval", by evaluating the bids as proposals
# with `parley eval --format json`, and checks for every bid and non-linear
# actor:
#   - Parley's utility U equals (F + C) / S, S and C the documented
#     conversion computed here from the XML (S: the |u| of the rectangles
#     that depend on the bid, C: the |u| of the negative ones minus the
#     constant rectangles' F_k), so GENIUS's utility is min(1, (S U - C) / M);
#   - the conversion line the import writes names the same S, C and M;
#   - the BATNA written is exactly max(0, (rv M + C) / S), and the bid's
#     exact Parley utility reaches it exactly when GENIUS's utility is at
#     least rv (with `eval`: Parley's exact verdict says so too).
# Exit 77 (skipped) when LIBPARLEY cannot be loaded (a sanitizer build).
# FOLDER's bids: all of them when there are at most N, else N random ones
# (seeded) and, per rectangle, one bid just inside and one just outside it.
# Shares nothing with the engine: not its importer, loader or arithmetic.
import ctypes, json, os, random, re, subprocess, sys, tempfile
import xml.etree.ElementTree as ET
from fractions import Fraction as Q
from itertools import product

parley, lib, folder = sys.argv[1], sys.argv[2], sys.argv[3]
n_bids, seed = int(sys.argv[4]), int(sys.argv[5])
rng = random.Random(seed)


def xml_files():
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            head = f.read().lstrip()
        if head.startswith(b"<"):
            yield name, ET.parse(path).getroot()


domain, profiles = None, {}
for name, root in xml_files():
    if root.tag == "negotiation_template":
        domain = root.find("utility_space")[0]  # the objective
    elif root.tag == "utility_space" and root.get("type") == "nonlinear":
        profiles[name] = root
assert domain is not None and profiles, "a domain and non-linear profiles"

# The domain's integer issues: index -> (name, lo, hi); discrete: index -> values.
issues = {}
for iss in domain.iter("issue"):
    if iss.get("type") == "integer":
        issues[int(iss.get("index"))] = (iss.get("name"), int(iss.get("lowerbound")),
                                         int(iss.get("upperbound")))
    else:
        issues[int(iss.get("index"))] = (iss.get("name"), [i.get("value") for i in iss.iter("item")])


def values(ix):
    v = issues[ix]
    return list(range(v[1], v[2] + 1)) if len(v) == 3 else v[1]


def rects(ufun, mult):
    """(exclusive, bounds, u) per hyper-rectangle, nested sums flattened."""
    assert ufun.get("aggregation").lower() not in ("min", "max")
    for el in ufun:
        if el.tag == "hyperRectangle":
            inc, exc = el.findall("INCLUDES"), el.findall("EXCLUDES")
            bounds = [(int(b.get("index")), int(b.get("min")), int(b.get("max")))
                      for b in (exc or inc)]
            u = Q(el.get("utility")) * Q(el.get("weight", "1")) * mult
            yield bool(exc), bounds, u
        elif el.tag == "ufun":
            yield from rects(el, mult * Q(el.get("weight", "1")))


def genius_profile(root):
    util = root[0].find("utility")  # GENIUS: the first element's <utility>
    res = root.find("reservation")
    rv = Q(res.get("value").strip()) if res is not None else Q(0)
    return {"M": Q(util.get("maxutility")), "rv": rv,
            "rects": list(rects(util.find("ufun"), Q(1)))}


def inside(bounds, bid):
    return all(lo <= bid[ix] <= hi for ix, lo, hi in bounds)


def raw(p, bid):
    f = Q(0)
    for exclusive, bounds, u in p["rects"]:
        if not bounds:
            f += u
        elif inside(bounds, bid) != exclusive:
            f += u
    return f


def conversion(p):
    """S and C of the documented conversion, from the rectangles alone."""
    S = C = Q(0)
    for exclusive, bounds, u in p["rects"]:
        # the region's extent per issue: intersect the bounds with the values
        ext = {}
        for ix, lo, hi in bounds:
            vs = values(ix)
            a, b = ext.get(ix, (vs[0], vs[-1]))
            ext[ix] = (max(a, lo), min(b, hi))
        empty = any(a > b for a, b in ext.values())
        everything = all(ext[ix] == (values(ix)[0], values(ix)[-1]) for ix in ext)
        if not bounds or empty or everything:  # F_k is the same for every bid
            pays = True if not bounds else exclusive if empty else not exclusive
            C -= u if pays else 0
        elif u != 0:
            S += abs(u)
            C += abs(u) if u < 0 else 0
    return S, C


model = {name: genius_profile(root) for name, root in profiles.items()}
for p in model.values():
    p["S"], p["C"] = conversion(p)

# The bids.
order = sorted(issues)
space = 1
for ix in order:
    space *= len(values(ix))
if space <= n_bids:
    bids = [dict(zip(order, c)) for c in product(*(values(ix) for ix in order))]
else:
    bids = [{ix: rng.choice(values(ix)) for ix in order} for _ in range(n_bids)]
    for p in model.values():
        for exclusive, bounds, u in p["rects"]:
            if not bounds:
                continue
            b = {ix: rng.choice(values(ix)) for ix in order}
            for ix, lo, hi in bounds:
                vs = [v for v in values(ix) if lo <= v <= hi]
                if vs:
                    b[ix] = rng.choice([vs[0], vs[-1]])
            bids.append(dict(b))
            ix, lo, hi = rng.choice(bounds)  # one bound just missed
            out = [v for v in (lo - 1, hi + 1) if v in values(ix)]
            if out:
                b[ix] = rng.choice(out)
                bids.append(b)

# Import, add the bids as proposals, evaluate.
tmp = tempfile.mkdtemp()
scen = os.path.join(tmp, "scenario.yaml")
subprocess.run([parley, "import", "genius", folder, "-o", scen], check=True,
               stderr=subprocess.DEVNULL)
text = open(scen, encoding="utf-8").read()
issue_id, option_id = {}, {}
for m in re.finditer(r'^  - id: "([^"]*)"\n    name: "([^"]*)"\n((?:    .*\n|      .*\n)*)', 
                     text.split("\nissues:\n", 1)[1].split("\nstances:\n", 1)[0] + "\n", re.M):
    issue_id[m.group(2)] = m.group(1)
    option_id[m.group(2)] = {o.group(2): o.group(1)
                             for o in re.finditer(r'\{id: "([^"]*)", name: "([^"]*)"\}', m.group(3))}
actor_of, batna_text, conv_line = {}, {}, {}
for m in re.finditer(r'^  - id: "([^"]*)"\n(?:    .*\n)*?    batna: (\S+)\n(?:    .*\n)*?'
                     r'    source: "GENIUS XML non-linear profile ([^"]*)"', text, re.M):
    actor_of[m.group(3)], batna_text[m.group(3)] = m.group(1), m.group(2)
for m in re.finditer(r'^# GENIUS utility of (\S+) = min\(1, \((\S+) \* U(?: ([-+]) (\S+))?\) / (\S+)\)',
                     text, re.M):
    c = Q(m.group(4)) if m.group(4) else Q(0)
    conv_line[m.group(1)] = (Q(m.group(2)), -c if m.group(3) == "+" else c, Q(m.group(5)))
assert set(actor_of) == set(model), (actor_of, list(model))


def position(ix, v):
    name = issues[ix][0]
    ids = option_id[name]
    return '"%s"' % ids[str(v)] if ids else str(v)


def lib_utilities():
    """{actor id: [U per bid]} from parley_utility() on the imported scenario."""
    try:
        L = ctypes.CDLL(lib)
    except OSError as e:
        print("cannot load %s (%s): skipped" % (lib, e))
        sys.exit(77)
    vp, sz = ctypes.c_void_p, ctypes.c_size_t
    L.parley_ctx_create.restype = vp
    L.parley_scenario_load_file.argtypes = [vp, ctypes.c_char_p, ctypes.POINTER(vp)]
    L.parley_ctx_message.restype = ctypes.c_char_p
    L.parley_ctx_message.argtypes = [vp]
    for f in ("parley_scenario_find_actor", "parley_scenario_find_issue"):
        getattr(L, f).argtypes, getattr(L, f).restype = [vp, ctypes.c_char_p], sz
    L.parley_scenario_issue.argtypes, L.parley_scenario_issue.restype = [vp, sz], vp
    L.parley_issue_find_option.argtypes = [vp, ctypes.c_char_p]
    L.parley_issue_find_option.restype = sz
    L.parley_utility.argtypes = [vp, sz, ctypes.POINTER(ctypes.c_double)]
    L.parley_utility.restype = ctypes.c_double
    ctx, s = L.parley_ctx_create(), vp()
    if L.parley_scenario_load_file(ctx, scen.encode(), ctypes.byref(s)) != 0:
        sys.exit("load: %s" % L.parley_ctx_message(ctx).decode())
    col = {ix: L.parley_scenario_find_issue(s, issue_id[issues[ix][0]].encode()) for ix in issues}
    pkg = (ctypes.c_double * len(issues))()
    out = {aid: [] for aid in actor_of.values()}
    for bid in bids:
        for ix in order:
            j, name = col[ix], issues[ix][0]
            if option_id[name]:
                k = L.parley_issue_find_option(L.parley_scenario_issue(s, j),
                                               option_id[name][str(bid[ix])].encode())
                pkg[j] = float(k)
            else:
                pkg[j] = float(bid[ix])
        for aid in out:
            out[aid].append({"utility": L.parley_utility(s, L.parley_scenario_find_actor(
                s, aid.encode()), pkg), "acceptable": None})
    return out


def eval_utilities():
    """{actor id: [{utility, acceptable} per bid]} from `parley eval --format json`."""
    out = {aid: [] for aid in actor_of.values()}
    for start in range(0, len(bids), 2000):  # eval takes at most 4096 proposals
        chunk = os.path.join(tmp, "chunk.yaml")
        with open(chunk, "w", encoding="utf-8") as f:
            f.write(text + "proposals:\n")
            for k, bid in enumerate(bids[start:start + 2000], start):
                f.write('  - id: "b%d"\n    positions: {%s}\n' % (k, ", ".join(
                    '"%s": %s' % (issue_id[issues[ix][0]], position(ix, bid[ix])) for ix in order)))
        ev = subprocess.run([parley, "eval", chunk, "--format", "json"], check=True,
                            capture_output=True, text=True)
        for prop in json.loads(ev.stdout)["proposals"]:
            for a in prop["actors"]:
                if a["id"] in out:
                    out[a["id"]].append(a)
    return out


got = eval_utilities() if lib == "eval" else lib_utilities()

bad = ties = 0


def report(msg):
    if bad < 10:
        print(msg)


for name, p in model.items():
    S, C, M, rv = p["S"], p["C"], p["M"], p["rv"]
    if conv_line.get(name) != (S, C, M):
        report("%s: conversion written %s, expected S=%s C=%s M=%s" % (name, conv_line.get(name), S, C, M))
        bad += 1
    want_batna = max(Q(0), (rv * M + C) / S)
    if Q(batna_text[name]) != want_batna:
        report("%s: BATNA written %s, expected %s" % (name, batna_text[name], want_batna))
        bad += 1
    aid = actor_of[name]
    assert len(got[aid]) == len(bids)
    for bid, a in zip(bids, got[aid]):
        F = raw(p, bid)
        want = (F + C) / S
        genius = min(Q(1), F / M)
        if abs(Q(a["utility"]) - want) > Q(1, 10**12):
            report("%s bid %s: Parley %r, expected (F + C)/S = %s = %.17g" % (
                name, bid, a["utility"], want, float(want)))
            bad += 1
        if min(Q(1), (S * want - C) / M) != genius:  # the conversion, exactly
            report("%s bid %s: the conversion does not give GENIUS's %s" % (name, bid, genius))
            bad += 1
        if genius == rv:
            ties += 1
        reached = want >= Q(batna_text[name])  # Parley's test, on the exact utility
        if reached != (genius >= rv) or a["acceptable"] not in (None, genius >= rv):
            report("%s bid %s: acceptable %s but GENIUS's utility %s vs rv %s" % (
                name, bid, a["acceptable"], genius, rv))
            bad += 1
# GENIUS's reference frontier (pareto.xml: one "u1, u2" line per point, the
# profiles in file-name order): each utility is some raw sum F over maxutility
# (F a whole number when the rectangles' utilities are), and its image on
# Parley's scale, (F + C) / S, lies within [0, 1].
pareto = os.path.join(folder, "pareto.xml")
points = 0
if os.path.isfile(pareto):
    names = sorted(model)
    for line in open(pareto, encoding="utf-8"):
        if not line.strip():
            continue
        points += 1
        for name, x in zip(names, (Q(v.strip()) for v in line.split(","))):
            p = model[name]
            F = x * p["M"]
            whole = all(u.denominator == 1 for _, _, u in p["rects"])
            if whole and abs(F - round(F)) > Q(1, 1000):
                report("pareto.xml %s: %s x maxutility %s = %s, not a whole raw sum" % (
                    name, x, p["M"], float(F)))
                bad += 1
            F = Q(round(F)) if whole else F
            if not Q(0) <= (F + p["C"]) / p["S"] <= Q(1):
                report("pareto.xml %s: %s is %s on Parley's scale" % (
                    name, x, (F + p["C"]) / p["S"]))
                bad += 1
print("%s: %d bids x %d non-linear profiles (%d at the reservation value exactly), %d "
      "pareto.xml points, %d mismatches" % (os.path.basename(os.path.normpath(folder)), len(bids),
                                           len(model), ties, points, bad))
sys.exit(1 if bad else 0)
