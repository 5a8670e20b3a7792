# tests/lib.sh — the helpers every shell test sources: counts of passed,
# failed and skipped checks, typed assertions that say what they got and
# what they expected, a temporary folder removed on exit, and t_done, which
# prints "N passed, N failed, N skipped" and exits 0, 1, or 77 (CTest's
# skip code) when everything was skipped.
#
# Assertions return 0 when they pass and 1 when they fail, so a script can
# skip what depends on them. "out" and "err" name the standard output and
# error of the last t_run / t_expect_rc; any other FILE is a path.

T_PASSED=0 T_FAILED=0 T_SKIPPED=0
T_TMP=$(mktemp -d) || exit 1
T_LAST=  # the name of the last command run, for the messages of out/err checks
T_RC=0   # its exit code
T_CLEANUP=()

t__exit() {
  local c
  for c in "${T_CLEANUP[@]}"; do eval "$c"; done
  rm -rf "$T_TMP"
}
trap t__exit EXIT

# t_on_exit COMMAND: runs COMMAND (a string, evaluated then) before the
# temporary folder is removed.
t_on_exit() { T_CLEANUP+=("$1"); }

t_ok() { # NAME
  T_PASSED=$((T_PASSED + 1))
  [ "${T_VERBOSE:-0}" = 1 ] && echo "ok   ${1:-}"
  return 0
}
t_fail() { # NAME [MESSAGE]
  T_FAILED=$((T_FAILED + 1))
  echo "FAIL: $1${2:+: $2}"
  return 1
}
t_skip() { # NAME WHY
  T_SKIPPED=$((T_SKIPPED + 1))
  echo "skip: $1: $2"
  return 0
}

# t__file out|err|PATH: the file an assertion reads; t__what: how a message names it.
t__file() { case $1 in out | err) echo "$T_TMP/$1" ;; *) echo "$1" ;; esac; }
t__what() { case $1 in out | err) echo "$T_LAST: $1" ;; *) echo "${1#"$T_TMP"/}" ;; esac; }

# t_run COMMAND...: stdout in out, stderr in err, the exit code in T_RC.
t_run() {
  "$@" >"$T_TMP/out" 2>"$T_TMP/err"
  T_RC=$?
  return 0
}

# t_expect_rc WANT NAME COMMAND...: runs COMMAND (t_run); its exit code is WANT.
t_expect_rc() {
  local want=$1
  T_LAST=$2
  shift 2
  t_run "$@"
  if [ "$T_RC" -eq "$want" ]; then t_ok "$T_LAST"; return; fi
  t_fail "$T_LAST" "exit $T_RC, expected $want"
  echo "  command: $*"
  sed 's/^/  stderr: /' "$T_TMP/err" | head -20
  return 1
}

# t_expect_eq NAME GOT WANT
t_expect_eq() {
  if [ "$2" = "$3" ]; then t_ok "$1"; else t_fail "$1" "got '$2', expected '$3'"; fi
}

# t_expect_contains FILE TEXT: FILE holds TEXT (a fixed string).
t_expect_contains() {
  local f; f=$(t__file "$1")
  if grep -qF -- "$2" "$f" 2>/dev/null; then t_ok "$(t__what "$1") has '$2'"; return; fi
  t_fail "$(t__what "$1")" "lacks '$2'"
  head -c 2000 "$f" 2>/dev/null | sed 's/^/  | /'
  return 1
}

# t_expect_lacks FILE TEXT: FILE does not hold TEXT.
t_expect_lacks() {
  local f; f=$(t__file "$1")
  if ! grep -qF -- "$2" "$f" 2>/dev/null; then t_ok "$(t__what "$1") lacks '$2'"; return; fi
  t_fail "$(t__what "$1")" "holds '$2'"
  return 1
}

# t_expect_empty FILE: FILE is empty (or absent).
t_expect_empty() {
  local f; f=$(t__file "$1")
  if [ ! -s "$f" ]; then t_ok "$(t__what "$1") empty"; return; fi
  t_fail "$(t__what "$1")" "not empty"
  head -c 2000 "$f" | sed 's/^/  | /'
  return 1
}

# t_expect_same NAME WANT-FILE GOT-FILE: the two files hold the same bytes.
t_expect_same() {
  if cmp -s "$2" "$3"; then t_ok "$1"; return; fi
  t_fail "$1" "$3 differs from $2"
  diff -u "$2" "$3" 2>&1 | head -40 | sed "s/^/  /"
  return 1
}

# t_check NAME COMMAND...: COMMAND succeeds (a python3 assertion, a test
# expression); its output is shown only when it fails.
t_check() {
  local name=$1
  shift
  if "$@" >"$T_TMP/check.log" 2>&1; then t_ok "$name"; return; fi
  t_fail "$name"
  head -c 3000 "$T_TMP/check.log" | sed 's/^/  | /'
  return 1
}

# t_done: the closing line, and the exit code: 1 on a failure or when no
# check ran at all, 77 when every check was skipped, else 0.
t_done() {
  echo "$T_PASSED passed, $T_FAILED failed, $T_SKIPPED skipped"
  if [ "$T_FAILED" -ne 0 ]; then exit 1; fi
  if [ "$T_PASSED" -eq 0 ] && [ "$T_SKIPPED" -ne 0 ]; then exit 77; fi
  if [ "$T_PASSED" -eq 0 ]; then echo "no check ran"; exit 1; fi
  exit 0
}

# t_serve PARLEY ARGS...: starts `PARLEY serve --port 0 ARGS` in the
# background (standard output and error in $T_TMP/serve.out, serve.err),
# stopped on exit, and sets url to its address (http://HOST:PORT/); returns 1
# (url empty) when it has not said where it listens within 20 s.
t_serve() {
  local parley=$1; shift
  "$parley" serve --port 0 "$@" >"$T_TMP/serve.out" 2>"$T_TMP/serve.err" &
  T_SERVE_PID=$!
  t_on_exit "kill $T_SERVE_PID 2>/dev/null"
  url=
  for _ in $(seq 200); do
    url=$(sed -n 's|.*listening on \(http://[^ ]*/\) .*|\1|p' "$T_TMP/serve.out")
    [ -n "$url" ] && return 0
    sleep 0.1
  done
  return 1
}
