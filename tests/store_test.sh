#!/usr/bin/env bash
# store_test.sh PARLEY ROOT — the run archive through the CLI: --db on the
# analysis commands, `parley runs list|show|diff|export|check` against
# expected output (PARLEY_TEST_NOW fixes the clock), the errors a bad --db
# gives, and kill -9 in the middle of a write: the archive stays sound and
# keeps every run committed before the kill.
set -u
parley=$1 root=$2
tmp=$(mktemp -d)
loop=
cleanup() { [ -n "$loop" ] && kill -9 -- "-$loop" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
cd "$root" || exit 1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# expect RC CMD...: runs CMD, keeps stdout/stderr in $tmp/out, $tmp/err
expect() {
  local want=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  [ "$rc" -eq "$want" ] || fail "exit $rc (expected $want): $*; stderr: $(cat "$tmp/err")"
}
has() { grep -qF -- "$2" "$1" || fail "$1 lacks '$2'"; }

ex=examples/ukraine-2025.yaml
db=$tmp/runs.db
short=$(sha256sum "$ex" | cut -c1-8)
export PARLEY_TEST_NOW=1764000000 # 2025-11-24 16:00:00 UTC
unset PARLEY_DB PARLEY_STORE_TEST_DELAY

# ---- two evaluations; --db leaves the output as it was
expect 0 "$parley" eval "$ex" --all
cp "$tmp/out" "$tmp/plain"
expect 0 "$parley" eval "$ex" --all --db "$db"
cmp -s "$tmp/out" "$tmp/plain" || fail "--db changed what eval prints"
expect 0 "$parley" eval "$ex" --proposal us-28-point --db "$db" --format csv

expect 0 "$parley" runs list --db "$db"
cat >"$tmp/want" <<EOF
id  started (UTC)        command  scenario               seed  wall     status
1   2025-11-24 16:00:00  eval     ukraine-2025 $short  -     0.000 s  ok
2   2025-11-24 16:00:00  eval     ukraine-2025 $short  -     0.000 s  ok
EOF
diff -u "$tmp/want" "$tmp/out" || fail "runs list"

expect 0 "$parley" runs show 1 --db "$db"
has "$tmp/out" 'command      eval'
has "$tmp/out" 'parameters   {"args":["examples/ukraine-2025.yaml","--all"]}'
has "$tmp/out" "hash         sha256:$(sha256sum "$ex" | cut -c1-64)"
has "$tmp/out" 'started      2025-11-24T16:00:00.000Z'
has "$tmp/out" 'parley       '
has "$tmp/out" '"command": "eval",'
expect 0 "$parley" eval "$ex" --all --format json
sed '1,/^result:$/d' <(NO_COLOR=1 "$parley" runs show 1 --db "$db") | cmp -s - "$tmp/out" ||
  fail "runs show: the stored result is not what eval --format json prints"
expect 0 "$parley" runs show 2 --scenario --db "$db"
cmp -s "$tmp/out" "$ex" || fail "runs show --scenario: not the scenario's bytes"

expect 0 "$parley" runs diff 1 2 --db "$db"
has "$tmp/out" 'runs 1 -> 2'
has "$tmp/out" '~ args[1]  "--all" -> "--proposal"'
has "$tmp/out" '+ args[2]  "us-28-point"'
has "$tmp/out" '- proposals[1]  {"id":"e3-counter"'
has "$tmp/out" 'differences in the result'
expect 0 "$parley" runs diff 1 1 --db "$db"
has "$tmp/out" 'the results are identical'

expect 0 "$parley" runs export --db "$db"
[ "$(wc -l <"$tmp/out")" -eq 2 ] || fail "runs export: not two lines"
has "$tmp/out" '{"id":1,"command":"eval","parameters":{"args":["examples/ukraine-2025.yaml","--all"]}'
has "$tmp/out" '"started_at":"2025-11-24T16:00:00.000Z"'
has "$tmp/out" '"result":{"parley_version":'
expect 0 "$parley" runs export 2 --format json --db "$db"
[ "$(head -c1 "$tmp/out")" = "[" ] && [ "$(tail -n1 "$tmp/out")" = "]" ] || fail "export json: no array"
has "$tmp/out" '{"id":2,'
if command -v python3 >/dev/null; then
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[0]["result"]["proposals"][0]["id"]=="us-28-point"' \
    "$tmp/out" || fail "export json does not parse"
fi
expect 0 "$parley" runs export --format csv --db "$db"
has "$tmp/out" 'id,command,scenario_id,scenario_hash,scenario_file,parameters,seed,parley_version'
expect 0 "$parley" runs check --db "$db"
has "$tmp/out" 'ok, 2 runs, schema version 2'
PARLEY_DB=$db expect 0 "$parley" runs list
has "$tmp/out" '2   2025-11-24 16:00:00'

# ---- the other analyses archive too, with their seed where they draw one
expect 0 "$parley" space "$ex" --grid 5 --seed 7 --db "$db"
expect 0 "$parley" amend "$ex" --proposal us-28-point --db "$db"
expect 0 "$parley" trades "$ex" --proposal us-28-point --db "$db"
expect 0 "$parley" forecast "$ex" --model compromise --db "$db"
expect 0 "$parley" runs list --limit 4 --db "$db"
has "$tmp/out" "3   2025-11-24 16:00:00  space     ukraine-2025 $short  7"
has "$tmp/out" '4   2025-11-24 16:00:00  amend'
has "$tmp/out" '6   2025-11-24 16:00:00  forecast'
grep -q '^1 ' "$tmp/out" && fail "runs list --limit 4 shows run 1"
expect 0 "$parley" runs show 5 --db "$db"
has "$tmp/out" '"command": "trades",'

# ---- errors
expect 2 "$parley" runs list
has "$tmp/err" 'needs --db FILE (or PARLEY_DB)'
expect 1 "$parley" runs list --db "$tmp/absent.db"
has "$tmp/err" 'no run archive there'
[ -e "$tmp/absent.db" ] && fail "runs list created an archive"
expect 1 "$parley" runs show 99 --db "$db"
has "$tmp/err" 'no run 99'
expect 2 "$parley" runs diff 1 --db "$db"
expect 2 "$parley" runs show x --db "$db"
expect 2 "$parley" runs lst --db "$db"
has "$tmp/err" "did you mean 'list'"
expect 1 "$parley" eval "$ex" --db "$tmp/no/such/folder/runs.db"
has "$tmp/err" 'cannot open the run archive'
[ -s "$tmp/out" ] && fail "eval ran although its --db cannot be opened"
expect 1 "$parley" eval "$ex" --db "$tmp"
has "$tmp/err" 'is a folder, not a run archive'
printf 'notes, not a database; long enough to fill a header and then some more bytes\n%.0s' 1 2 >"$tmp/notes.txt"
cp "$tmp/notes.txt" "$tmp/notes.orig"
expect 1 "$parley" eval "$ex" --db "$tmp/notes.txt"
has "$tmp/err" 'not a run archive'
cmp -s "$tmp/notes.txt" "$tmp/notes.orig" || fail "--db changed a file that is not an archive"
expect 2 "$parley" eval "$ex" --db ""

# ---- kill -9 mid-write: each run sleeps 150 ms inside its transaction
kdb=$tmp/kill.db
expect 0 "$parley" eval "$ex" --db "$kdb"
: >"$tmp/done"
for round in 1 2 3; do
  before=$(wc -l <"$tmp/done")
  set -m # the loop gets a process group of its own: one kill ends it and its parley
  (
    for i in $(seq 1 100); do
      PARLEY_STORE_TEST_DELAY=150 "$parley" eval "$ex" --db "$kdb" >/dev/null || exit 1
      echo "$round.$i" >>"$tmp/done"
    done
  ) &
  loop=$!
  set +m
  for _ in $(seq 1 300); do # until two more runs are done (30 s at most)
    [ "$(wc -l <"$tmp/done")" -ge $((before + 2)) ] && break
    sleep 0.1
  done
  sleep "0.0$((round * 3))"
  kill -9 -- "-$loop"
  wait "$loop" 2>/dev/null
  loop=
  done_now=$(wc -l <"$tmp/done")
  [ "$done_now" -ge $((before + 2)) ] || fail "round $round: the writes did not start"
  expect 0 "$parley" runs check --db "$kdb"
  stored=$(sed -n 's/.*ok, \([0-9]*\) runs.*/\1/p' "$tmp/out")
  finished=$((done_now + 1)) # + the first run
  # every run whose command finished is there; at most one more (killed
  # after its COMMIT, before the loop noted it)
  if [ -z "$stored" ] || [ "$stored" -lt "$finished" ] || [ "$stored" -gt $((finished + 1)) ]; then
    fail "round $round: $finished runs finished before the kill, the archive has '${stored}'"
  fi
  echo "kill -9 round $round: $finished runs finished, $stored stored" \
    "($([ "${stored:-0}" -eq "$finished" ] && echo "killed mid-write" || echo "killed after a commit"))"
  if command -v sqlite3 >/dev/null; then
    [ "$(sqlite3 "$kdb" 'PRAGMA integrity_check')" = ok ] || fail "round $round: integrity_check"
    [ "$(sqlite3 "$kdb" 'SELECT count(*) = max(id) FROM runs')" = 1 ] ||
      fail "round $round: run ids have a gap"
  fi
  expect 0 "$parley" runs list --db "$kdb"
  [ "$(($(wc -l <"$tmp/out") - 1))" -eq "${stored:-0}" ] || fail "round $round: runs list"
done
expect 0 "$parley" eval "$ex" --db "$kdb" # and the archive takes new runs
expect 0 "$parley" runs check --db "$kdb"

if [ "$failures" -ne 0 ]; then
  echo "$failures failures"
  exit 1
fi
echo "store: all checks passed"
