#!/usr/bin/env bash
# web_package_test.sh PARLEY ROOT — the page's "save as proposal"
# (web/package.js) round trip without a browser: tests/web/package_test.mjs
# appends a package to scenarios of every layout, then each file must pass
# `parley check` and `parley eval --proposal ID` must give the package's
# positions back. Exits 77 (skipped) only when node is absent.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
if ! command -v node >/dev/null; then t_skip package "no node (apt-get install nodejs)"; t_done; fi
cd "$root" || exit 1
out=$T_TMP
if node --no-warnings tests/web/package_test.mjs "$out"; then t_ok "package.js"; else t_fail "package.js"; fi
for want in "$out"/*.want; do
  name=$(basename "$want" .want)
  file=$(ls "$out/$name".yaml "$out/$name".json 2>/dev/null | head -1)
  t_expect_rc 0 "$name: parley check" "$parley" check "$file"
  id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$want")
  "$parley" eval "$file" --proposal "$id" --format json >"$out/$name.eval" 2>"$out/$name.err"
  t_check "$name: the proposal loads back with its positions" python3 - "$want" "$out/$name.eval" <<'PY'
import json, sys
want = json.load(open(sys.argv[1]))
got = json.load(open(sys.argv[2]))["proposals"][0]
assert got["id"] == want["id"], got["id"]
if want.get("name"):
    assert got["name"] == want["name"], got["name"]
pos = {p["issue"]: p["position"] for p in got["positions"]}
for k, v in want["positions"].items():
    assert pos[k] == v, (k, pos[k], v)
assert all(v is None for k, v in pos.items() if k not in want["positions"]), pos
PY
done
t_done
