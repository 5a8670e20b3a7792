#!/usr/bin/env bash
# data_genius_test.sh PARLEY ROOT — imports every ANAC folder in
# ../shared/data/anac with `parley import genius` and checks the result with
# `parley check`. Skips (77) when the data folder is absent.
set -u
parley=$1 root=$2
data=$root/../shared/data/anac
[ -d "$data" ] || { echo "skipped: $data not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
for d in "$data"/*/; do
  name=$(basename "$d")
  if "$parley" import genius "$d" -o "$tmp/$name.yaml" 2>"$tmp/err" &&
     "$parley" check "$tmp/$name.yaml" >/dev/null 2>>"$tmp/err"; then
    passed=$((passed + 1)); echo "ok   $name: $(tail -1 "$tmp/err")"
  else
    failed=$((failed + 1)); echo "FAIL $name:"; cat "$tmp/err"
  fi
done
[ "$passed" -ge 9 ] || { echo "expected at least 9 folders, imported $passed"; failed=$((failed + 1)); }
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
