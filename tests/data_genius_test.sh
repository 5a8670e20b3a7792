#!/usr/bin/env bash
# data_genius_test.sh PARLEY ROOT — imports every ANAC folder in
# ../shared/data/anac with `parley import genius` and checks the result with
# `parley check`. Skips (77) when the data folder is absent.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
data=$root/../shared/data/anac
[ -d "$data" ] || { t_skip anac "$data not found"; t_done; }
tmp=$T_TMP
for d in "$data"/*/; do
  name=$(basename "$d")
  if "$parley" import genius "$d" -o "$tmp/$name.yaml" 2>"$tmp/err" &&
     "$parley" check "$tmp/$name.yaml" >/dev/null 2>>"$tmp/err"; then
    t_ok "$name"; echo "ok   $name: $(tail -1 "$tmp/err")"
  else
    t_fail "$name" "$(cat "$tmp/err")"
  fi
done
t_check "at least 9 folders imported (imported $T_PASSED)" test "$T_PASSED" -ge 9
t_done
