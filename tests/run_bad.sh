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
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$dir" || exit 1
if [ "$mode" = check ] || [ "$mode" = check-all ]; then
  "$parley" check "$input" >"$out/stdout" 2>"$out/stderr"
elif [ "$mode" = genius ]; then
  "$parley" import genius "$input" -o "$out/scenario.yaml" >"$out/stdout" 2>"$out/stderr"
else
  "$parley" import actors "$input" -o "$out/scenario.yaml" >"$out/stdout" 2>"$out/stderr"
fi
rc=$?
fail=0
[ "$rc" -eq 1 ] || { echo "exit code $rc, expected 1"; fail=1; }
[ -s "$out/stdout" ] && { echo "stdout not empty:"; cat "$out/stdout"; fail=1; }
if [ "$mode" = check-all ]; then
  diff -u "$base.expect" "$out/stderr" || { echo "stderr differs from $base.expect"; fail=1; }
  "$parley" check --format json "$input" >"$out/stdout" 2>"$out/stderr"
  [ $? -eq 1 ] || { echo "--format json: exit code not 1"; fail=1; }
  [ -s "$out/stdout" ] && { echo "--format json: stdout not empty"; fail=1; }
  diff -u "$base.expect" "$out/stderr" || { echo "--format json: stderr differs"; fail=1; }
elif [ "$mode" = check ]; then
  head -1 "$out/stderr" | grep -qF -- "$want" ||
    { echo "the first line of stderr lacks: $want"; echo "stderr was:"; cat "$out/stderr"; fail=1; }
else
  grep -qF -- "$want" "$out/stderr" || { echo "stderr lacks: $want"; echo "stderr was:"; cat "$out/stderr"; fail=1; }
fi
[ -e "$out/scenario.yaml" ] && { echo "an output file was left behind"; fail=1; }
ls "$out" | grep -q '\.tmp\.' && { echo "a temporary file was left behind"; fail=1; }
exit $fail
