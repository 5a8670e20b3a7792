#!/usr/bin/env bash
# parse_limits.sh PARLEY — time and peak memory of `parley check` on hostile
# documents at the 16 MiB file limit (README "Limits"): nesting of '[', '{',
# '[' a line, block '- ' and '? ', a syntax error inside nesting, and flow
# collections holding a million nodes; a block list of a million nodes for
# comparison. Prints one line per case: seconds, peak KB, the message.
# Needs GNU time (/usr/bin/time).
set -u
parley=$1
[ -x /usr/bin/time ] || { echo "parse_limits: needs GNU time (apt-get install time)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import sys
d, n = sys.argv[1], 16 << 20
cases = {"brackets": "[" * n, "braces": "{" * n, "bracket-lines": "[\n" * (n // 2),
         "dashes": "- " * (n // 2), "keys": "? " * (n // 2),
         "error-in-nesting": 'a: [{"x": ' * (n // 10),
         "flow-1M-nodes": "x: [" + "1," * (1 << 20) + "1]\n",
         "nested-flow-1M-nodes": "[" * 60 + "1," * (1 << 20) + "1" + "]" * 60,
         "block-1M-nodes": "x:\n" + "  - 1\n" * 1100000}
for name, text in cases.items():
    open(f"{d}/{name}.yaml", "w").write(text)
PY
printf '%-22s %8s %10s  %s\n' case seconds "peak KB" message
for f in "$tmp"/*.yaml; do
  name=$(basename "$f" .yaml)
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$parley" check "$f" >/dev/null 2>"$tmp/err"
  read -r s kb < <(tail -1 "$tmp/time")
  printf '%-22s %8s %10s  %s\n' "$name" "$s" "$kb" "$(head -c 100 "$tmp/err" | sed "s|$tmp/||")"
done
