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
. tests/lib.sh
read -r -a args <"$cmd"
tmp=$T_TMP
NO_COLOR=1 t_run "$parley" "${args[@]}"
rc=$T_RC
if [ "${UPDATE:-0}" = 1 ]; then
  cp "$tmp/out" "$base.out"
  if [ -s "$tmp/err" ]; then cp "$tmp/err" "$base.err"; else rm -f "$base.err"; fi
  if [ "$rc" -ne 0 ]; then echo "$rc" >"$base.rc"; else rm -f "$base.rc"; fi
  echo "updated $(basename "$base")"
  exit 0
fi
want_rc=0
[ -f "$base.rc" ] && want_rc=$(cat "$base.rc")
T_LAST=$(basename "$base")
t_expect_eq "$T_LAST: exit code" "$rc" "$want_rc"
t_expect_same "$T_LAST: stdout" "$base.out" "$tmp/out"
if [ -f "$base.err" ]; then
  t_expect_same "$T_LAST: stderr" "$base.err" "$tmp/err"
else
  t_expect_empty err
fi
t_done
