#!/usr/bin/env bash
# report_test.sh PARLEY ROOT — what `parley report` writes for a reader:
# every plan's terms as text (checked against `parley eval --format json`),
# the space's answer in words, the Monte Carlo figure equal to `parley
# montecarlo` with the same draws and seed, the sensitivity table, a
# sources appendix with every source `parley check --sources` lists, and
# print styles. Skips (77) without node_modules ('npm ci').
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
ex=$root/examples/ukraine-2025.yaml tmp=$T_TMP
[ -f "$root/node_modules/vega/build/vega.min.js" ] || { t_skip report "no node_modules/vega in $root ('npm ci')"; t_done; }
t_expect_rc 0 "report with montecarlo and sensitivity" "$parley" report "$ex" --root "$root" \
    -o "$tmp/r.html" --montecarlo 300 --seed 7 --sensitivity
"$parley" eval "$ex" --format json > "$tmp/eval.json"
"$parley" montecarlo "$ex" -n 300 --seed 7 --format json > "$tmp/mc.json"
"$parley" check "$ex" --sources > "$tmp/check.txt"
t_check "report: terms, space, montecarlo, sensitivity, sources, print" python3 - "$tmp/r.html" "$tmp/eval.json" "$tmp/mc.json" "$tmp/check.txt" <<'PY'
import html, json, re, sys
t = open(sys.argv[1]).read()
body = re.sub(r"<script.*?</script>", "", t[t.index("<body>"):], flags=re.S)
ev = json.load(open(sys.argv[2]))
# The terms table: one row per issue, one column per proposal, the eval's positions.
sec = body[body.index("Terms of each plan"):]
sec = sec[: sec.index("</table>")]
rows = re.findall(r"<tr>(.*?)</tr>", sec, flags=re.S)
head = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<th[^>]*>(.*?)</th>", rows[0])]
assert head[1:] == [p["id"] for p in ev["proposals"]], head
for r, issue in zip(rows[1:], ev["proposals"][0]["positions"]):
    cells = [html.unescape(re.sub(r"<sup.*?</sup>|<[^>]+>", "", c)).strip()
             for c in re.findall(r"<td[^>]*>(.*?)</td>", r, flags=re.S)]
    for p, cell in zip(ev["proposals"], cells[1:]):
        pos = [x for x in p["positions"] if x["issue"] == issue["issue"]][0]["position"]
        want = "open" if pos is None else (pos if isinstance(pos, str) else None)
        if want is not None:
            assert cell == want, (issue["issue"], p["id"], cell, want)
        else:
            assert float(cell.split()[0]) == pos, (cell, pos)
assert len(rows) - 1 == len(ev["proposals"][0]["positions"])
# The space in words (no deal in this scenario: why).
import html as H
assert re.search(r"Dropping (any one of these alone would make one: [^<]*)?UKR's red line on nato",
                 H.unescape(body)), "why-no-deal"
# Monte Carlo: the same figure as parley montecarlo.
mc = json.load(open(sys.argv[3]))
want = "%.1f%%" % (100 * mc["agreement"]["share"])
assert ("Probability of agreement: <b>%s</b>" % want) in body, want
assert "seed 7" in body
assert "Which inputs move the outcome most" in body and "Sobol" in body
# Sources: every line of check --sources, in the appendix.
app = body[body.index("Appendix: sources"):]
srcs = [l for l in open(sys.argv[4]).read().split("\nsources\n", 1)[1].splitlines() if l.startswith("  ")]
n = len(re.findall(r"<tr><td class=\"t\">", app))
assert n == len(srcs), (n, len(srcs))
assert "@media print" in t
PY
# Why there is no deal, with linkage: conditional red lines and constraints by name.
t_expect_rc 0 "report: linked, no deal" "$parley" report "$root/tests/data/linked/no-deal.yaml" \
    --root "$root" -o "$tmp/nd.html"
t_check "report: why-no-deal names the rules" grep -q "Dropping any one of these alone would make one: A's conditional red line r; B's conditional red line r2; the constraint c" "$tmp/nd.html"
t_expect_rc 0 "report without the optional sections" "$parley" report "$ex" --root "$root" -o "$tmp/plain.html"
t_check "report: no Monte Carlo unless asked" sh -c "! grep -q 'Monte Carlo over' '$tmp/plain.html'"
t_expect_rc 2 "report --montecarlo below 100" "$parley" report "$ex" --root "$root" -o "$tmp/x.html" --montecarlo 5
t_check "report: no file on a usage error" test ! -e "$tmp/x.html"
t_done
