#!/usr/bin/env bash
# symbols.sh LIBPARLEY.SO INCLUDEDIR — the shared library exports exactly
# the functions and variables declared in INCLUDEDIR/*.h: nothing missing
# (a declaration without PARLEY_API) and nothing extra (an internal that
# leaked). Names the linker adds itself (_init, _edata, ...) start with "_".
set -eu
lib=$1 inc=$2
nm=${NM:-nm}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Declarations at file scope, comments, preprocessor lines and the C++
# guards left out: each statement that ends in ";" outside braces and is
# not a typedef declares a function (the name before its first "(") or a
# variable (the last name, before any "[...]").
for h in "$inc"/*.h; do
  awk -v file="${h##*/}" '
    /^[ \t]*#[ \t]*ifdef[ \t]+__cplusplus/ { skip = 1; next }
    skip { if ($0 ~ /^[ \t]*#[ \t]*endif/) skip = 0; next }
    { text = text $0 "\n" }
    END {
      gsub(/\/\/[^\n]*/, "", text)
      out = ""
      while ((i = index(text, "/*")) > 0) {
        out = out substr(text, 1, i - 1) " "
        text = substr(text, i + 2)
        j = index(text, "*/")
        text = j ? substr(text, j + 2) : ""
      }
      text = out text
      n = split(text, lines, "\n"); text = ""
      for (k = 1; k <= n; k++) if (lines[k] !~ /^[ \t]*#/) text = text lines[k] " "
      depth = 0; stmt = ""; body = 0
      for (k = 1; k <= length(text); k++) {
        c = substr(text, k, 1)
        if (c == "{") {
          if (depth == 0 && stmt ~ /\)[ \t]*$/) body = 1  # a function defined here
          depth++
        } else if (c == "}") {
          if (--depth == 0 && body) { stmt = ""; body = 0 }
        } else if (depth == 0 && c == ";") {
          if (stmt !~ /^[ \t]*(__extension__[ \t\n]*)?typedef[ \t]/ && stmt !~ /^[ \t]*$/) {
            if (match(stmt, /[A-Za-z_][A-Za-z0-9_]*[ \t]*\(/)) {
              name = substr(stmt, RSTART, RLENGTH); sub(/[ \t]*\($/, "", name)
            } else {
              s = stmt; sub(/=.*/, "", s); gsub(/\[[^]]*\]/, "", s)
              name = s; sub(/[ \t]+$/, "", name); sub(/.*[^A-Za-z0-9_]/, "", name)
            }
            if (name ~ /^parley_/) print name, file
          }
          stmt = ""
        } else if (depth == 0) stmt = stmt c
      }
    }' "$h"
done | LC_ALL=C sort -u >"$tmp/declared"
[ -s "$tmp/declared" ] || { echo "no declarations found in $inc" >&2; exit 2; }

"$nm" -D --defined-only "$lib" | awk 'NF >= 3 && $3 !~ /^_/ { print $3 }' | LC_ALL=C sort -u >"$tmp/exported"

pass=0 fail=0
while read -r name file; do
  if grep -qx "$name" "$tmp/exported"; then pass=$((pass + 1))
  else echo "not ok - missing: $name (declared in $file, not exported: PARLEY_API?)"; fail=$((fail + 1)); fi
done <"$tmp/declared"
awk '{ print $1 }' "$tmp/declared" >"$tmp/names"
while read -r name; do
  if ! grep -qx "$name" "$tmp/names"; then
    echo "not ok - extra: $name (exported, declared in no public header: static or hidden?)"
    fail=$((fail + 1))
  fi
done <"$tmp/exported"
echo "# ${lib##*/}: $(wc -l <"$tmp/exported") names exported, $(wc -l <"$tmp/names") declared"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
