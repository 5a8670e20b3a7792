#!/usr/bin/env bash
# run_golden.sh PARLEY NAME.cmd — runs `parley $(cat NAME.cmd)` from the
# project root and compares stdout with NAME.out, stderr with NAME.err
# (empty when absent) and the exit code with NAME.rc (default 0).
# UPDATE=1 rewrites the expected files instead.
set -u
parley=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cmd=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
root=$(cd "$(dirname "$cmd")/../.." && pwd)
base=${cmd%.cmd}
cd "$root" || exit 1
read -r -a args <"$cmd"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
NO_COLOR=1 "$parley" "${args[@]}" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "${UPDATE:-0}" = 1 ]; then
  cp "$tmp/out" "$base.out"
  if [ -s "$tmp/err" ]; then cp "$tmp/err" "$base.err"; else rm -f "$base.err"; fi
  if [ "$rc" -ne 0 ]; then echo "$rc" >"$base.rc"; else rm -f "$base.rc"; fi
  echo "updated $(basename "$base")"
  exit 0
fi
want_rc=0
[ -f "$base.rc" ] && want_rc=$(cat "$base.rc")
fail=0
[ "$rc" -eq "$want_rc" ] || { echo "exit code $rc, expected $want_rc"; fail=1; }
diff -u "$base.out" "$tmp/out" || fail=1
if [ -f "$base.err" ]; then
  diff -u "$base.err" "$tmp/err" || fail=1
elif [ -s "$tmp/err" ]; then
  echo "unexpected stderr:"; cat "$tmp/err"; fail=1
fi
exit $fail
