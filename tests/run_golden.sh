#!/usr/bin/env bash
# run_golden.sh PARLEY NAME.cmd — runs `parley $(cat NAME.cmd)` from the
# project root and compares stdout with NAME.out and the exit code with
# NAME.rc (default 0). UPDATE=1 rewrites the expected files instead.
set -u
parley=$1 cmd=$2
root=$(cd "$(dirname "$cmd")/../.." && pwd)
base=${cmd%.cmd}
cd "$root" || exit 1
read -r -a args <"$cmd"
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
NO_COLOR=1 "$parley" "${args[@]}" >"$actual" 2>/dev/null
rc=$?
if [ "${UPDATE:-0}" = 1 ]; then
  cp "$actual" "$base.out"
  if [ "$rc" -ne 0 ]; then echo "$rc" >"$base.rc"; else rm -f "$base.rc"; fi
  echo "updated $(basename "$base")"
  exit 0
fi
want_rc=0
[ -f "$base.rc" ] && want_rc=$(cat "$base.rc")
fail=0
[ "$rc" -eq "$want_rc" ] || { echo "exit code $rc, expected $want_rc"; fail=1; }
diff -u "$base.out" "$actual" || fail=1
exit $fail
