#!/usr/bin/env bash
# run_bad.sh MODE PARLEY NAME.expect — one malformed input: exit 1, empty
# stdout, the expected line on stderr, and (import) no output file. MODE is
# check (the line must be the first of stderr: the error every command
# reports), check-all (stderr must be NAME.expect exactly, with --format
# table and json: every error `parley check` finds), import (an actor
# table) or genius (NAME is a folder, or a file).
set -u
mode=$1 exp=$3
parley=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
dir=$(dirname "$exp")
base=$(basename "$exp" .expect)
if [ -d "$dir/$base" ]; then input=$base  # genius: a folder per case
else input=$(cd "$dir" && ls "$base".* | grep -v '\.expect$' | head -1); fi
want=$(head -1 "$exp")
. "$(dirname "$0")/lib.sh"
out=$T_TMP
cd "$dir" || exit 1
if [ "$mode" = check ] || [ "$mode" = check-all ]; then
  t_expect_rc 1 "$base" "$parley" check "$input"
elif [ "$mode" = genius ]; then
  t_expect_rc 1 "$base" "$parley" import genius "$input" -o "$out/scenario.yaml"
else
  t_expect_rc 1 "$base" "$parley" import actors "$input" -o "$out/scenario.yaml"
fi
t_expect_empty out
if [ "$mode" = check-all ]; then
  t_expect_same "$base: stderr" "$base.expect" "$T_TMP/err"
  t_expect_rc 1 "$base --format json" "$parley" check --format json "$input"
  t_expect_empty out
  t_expect_same "$base --format json: stderr" "$base.expect" "$T_TMP/err"
elif [ "$mode" = check ]; then
  head -1 "$T_TMP/err" >"$T_TMP/first"
  t_expect_contains "$T_TMP/first" "$want"
else
  t_expect_contains err "$want"
fi
t_check "no output file left behind" test ! -e "$out/scenario.yaml"
t_expect_eq "no temporary file left behind" "$(ls "$out" | grep '\.tmp\.')" ""
t_done
