#!/usr/bin/env bash
# run_bad.sh MODE PARLEY NAME.expect — one malformed input: exit 1, empty
# stdout, the expected line on stderr, and (import) no output file. MODE is
# check, import (an actor table) or genius (NAME is a folder, or a file).
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
if [ "$mode" = check ]; then
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
grep -qF -- "$want" "$out/stderr" || { echo "stderr lacks: $want"; echo "stderr was:"; cat "$out/stderr"; fail=1; }
[ -e "$out/scenario.yaml" ] && { echo "an output file was left behind"; fail=1; }
ls "$out" | grep -q '\.tmp\.' && { echo "a temporary file was left behind"; fail=1; }
exit $fail
