#!/usr/bin/env bash
# store_test.sh PARLEY ROOT — the run archive through the CLI: --db on the
# analysis commands, `parley runs list|show|diff|export|check` against
# expected output (PARLEY_TEST_NOW fixes the clock), the errors a bad --db
# gives, and kill -9 in the middle of a write: the archive stays sound and
# keeps every run committed before the kill.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
tmp=$T_TMP
loop=
t_on_exit '[ -n "$loop" ] && kill -9 -- "-$loop" 2>/dev/null'
cd "$root" || exit 1

ex=examples/ukraine-2025.yaml
db=$tmp/runs.db
short=$(sha256sum "$ex" | cut -c1-8)
export PARLEY_TEST_NOW=1764000000 # 2025-11-24 16:00:00 UTC
unset PARLEY_DB PARLEY_STORE_TEST_DELAY

# ---- two evaluations; --db leaves the output as it was
t_expect_rc 0 "eval --all" "$parley" eval "$ex" --all
cp "$tmp/out" "$tmp/plain"
t_expect_rc 0 "eval --all --db" "$parley" eval "$ex" --all --db "$db"
t_expect_same "--db leaves what eval prints" "$tmp/plain" "$tmp/out"
t_expect_rc 0 "eval --proposal us-28-point --format csv" "$parley" eval "$ex" --proposal us-28-point --db "$db" --format csv

t_expect_rc 0 "runs list" "$parley" runs list --db "$db"
cat >"$tmp/want" <<EOF
id  started (UTC)        command  scenario               seed  wall     status
1   2025-11-24 16:00:00  eval     ukraine-2025 $short  -     0.000 s  ok
2   2025-11-24 16:00:00  eval     ukraine-2025 $short  -     0.000 s  ok
EOF
t_expect_same "runs list" "$tmp/want" "$tmp/out"

t_expect_rc 0 "runs show 1" "$parley" runs show 1 --db "$db"
t_expect_contains out 'command      eval'
t_expect_contains out 'parameters   {"args":["examples/ukraine-2025.yaml","--all"]}'
t_expect_contains out "hash         sha256:$(sha256sum "$ex" | cut -c1-64)"
t_expect_contains out 'started      2025-11-24T16:00:00.000Z'
t_expect_contains out 'parley       '
t_expect_contains out '"command": "eval",'
t_expect_rc 0 "eval --all --format json" "$parley" eval "$ex" --all --format json
sed '1,/^result:$/d' <(NO_COLOR=1 "$parley" runs show 1 --db "$db") >"$tmp/stored"
t_expect_same "runs show: the stored result is what eval --format json prints" "$tmp/out" "$tmp/stored"
t_expect_rc 0 "runs show 2 --scenario" "$parley" runs show 2 --scenario --db "$db"
t_expect_same "runs show --scenario: the scenario's bytes" "$ex" "$tmp/out"
t_expect_rc 0 "runs diff 1 2" "$parley" runs diff 1 2 --db "$db"
t_expect_contains out 'runs 1 -> 2'
t_expect_contains out '~ args[1]  "--all" -> "--proposal"'
t_expect_contains out '+ args[2]  "us-28-point"'
t_expect_contains out '- proposals[1]  {"id":"e3-counter"'
t_expect_contains out 'differences in the result'
t_expect_rc 0 "runs diff 1 1" "$parley" runs diff 1 1 --db "$db"
t_expect_contains out 'the results are identical'

t_expect_lacks out 'scenario changes' # the same text
# A base scenario and a variant: the change said in the scenario's words first.
vdb=$tmp/variant.db
sed -e 's/batna: {value: 0.4, source: "Illustrative: walking away/batna: {value: 0.5, source: "Illustrative: walking away/' \
    -e '0,/options: \[open, no-consensus\]/s//options: [open]/' "$ex" >"$tmp/variant.yaml"
"$parley" eval "$ex" --db "$vdb" >/dev/null
"$parley" eval "$tmp/variant.yaml" --db "$vdb" >/dev/null
t_expect_rc 0 "runs diff of a base and a variant" "$parley" runs diff 1 2 --db "$vdb"
t_expect_contains out 'scenario changes (2):'
t_expect_contains out "  USA's BATNA 0.4 -> 0.5  (actors.USA.batna)"
t_expect_contains out "  RUS's red line on nato lost no-consensus  (stances.RUS.nato.red_line.options)"
t_check "the scenario change comes before the JSON paths" python3 -c 'import sys; t=open(sys.argv[1]).read(); assert t.index("scenario changes") < t.index("result:"), t[:400]' "$tmp/out"

t_expect_rc 0 "runs export" "$parley" runs export --db "$db"
t_expect_eq "runs export: two lines" "$(wc -l <"$tmp/out")" 2
t_expect_contains out '{"id":1,"command":"eval","parameters":{"args":["examples/ukraine-2025.yaml","--all"]}'
t_expect_contains out '"started_at":"2025-11-24T16:00:00.000Z"'
t_expect_contains out '"result":{"parley_version":'
t_expect_rc 0 "runs export 2 --format json" "$parley" runs export 2 --format json --db "$db"
t_expect_eq "export json: an array" "$(head -c1 "$tmp/out")$(tail -n1 "$tmp/out")" "[]"
t_expect_contains out '{"id":2,'
if command -v python3 >/dev/null; then
  t_check "export json parses" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[0]["result"]["proposals"][0]["id"]=="us-28-point"' \
    "$tmp/out"
fi
t_expect_rc 0 "runs export --format csv" "$parley" runs export --format csv --db "$db"
t_expect_contains out 'id,command,scenario_id,scenario_hash,scenario_file,parameters,seed,parley_version'
t_expect_rc 0 "runs check" "$parley" runs check --db "$db"
t_expect_contains out 'ok, 2 runs, schema version 2'
PARLEY_DB=$db t_expect_rc 0 "PARLEY_DB runs list" "$parley" runs list
t_expect_contains out '2   2025-11-24 16:00:00'

# ---- the other analyses archive too, with their seed where they draw one
t_expect_rc 0 "space --grid 5 --seed 7" "$parley" space "$ex" --grid 5 --seed 7 --db "$db"
t_expect_rc 0 "amend --proposal us-28-point" "$parley" amend "$ex" --proposal us-28-point --db "$db"
t_expect_rc 0 "trades --proposal us-28-point" "$parley" trades "$ex" --proposal us-28-point --db "$db"
t_expect_rc 0 "forecast --model compromise" "$parley" forecast "$ex" --model compromise --db "$db"
t_expect_rc 0 "runs list --limit 4" "$parley" runs list --limit 4 --db "$db"
t_expect_contains out "3   2025-11-24 16:00:00  space     ukraine-2025 $short  7"
t_expect_contains out '4   2025-11-24 16:00:00  amend'
t_expect_contains out '6   2025-11-24 16:00:00  forecast'
t_check "runs list --limit 4 does not show run 1" test -z "$(grep '^1 ' "$tmp/out")"
t_expect_rc 0 "runs show 5" "$parley" runs show 5 --db "$db"
t_expect_contains out '"command": "trades",'

# ---- errors
t_expect_rc 2 "runs list without --db" "$parley" runs list
t_expect_contains err 'needs --db FILE (or PARLEY_DB)'
t_expect_rc 1 "runs list, no archive" "$parley" runs list --db "$tmp/absent.db"
t_expect_contains err 'no run archive there'
t_check "runs list created no archive" test ! -e "$tmp/absent.db"
t_expect_rc 1 "runs show 99" "$parley" runs show 99 --db "$db"
t_expect_contains err 'no run 99'
t_expect_rc 2 "runs diff 1" "$parley" runs diff 1 --db "$db"
t_expect_rc 2 "runs show x" "$parley" runs show x --db "$db"
t_expect_rc 2 "runs lst" "$parley" runs lst --db "$db"
t_expect_contains err "did you mean 'list'"
t_expect_rc 1 "eval --db in a missing folder" "$parley" eval "$ex" --db "$tmp/no/such/folder/runs.db"
t_expect_contains err 'cannot open the run archive'
t_expect_empty out # eval did not run: its --db cannot be opened
t_expect_rc 1 "eval --db a folder" "$parley" eval "$ex" --db "$tmp"
t_expect_contains err 'is a folder, not a run archive'
printf 'notes, not a database; long enough to fill a header and then some more bytes\n%.0s' 1 2 >"$tmp/notes.txt"
cp "$tmp/notes.txt" "$tmp/notes.orig"
t_expect_rc 1 "eval --db a text file" "$parley" eval "$ex" --db "$tmp/notes.txt"
t_expect_contains err 'not a run archive'
t_expect_same "--db leaves a file that is not an archive" "$tmp/notes.orig" "$tmp/notes.txt"
t_expect_rc 2 "eval --db ''" "$parley" eval "$ex" --db ""

# ---- a row changed behind Parley's back (the sqlite3 CLI): reported, never over-read
if command -v sqlite3 >/dev/null; then
  cdb=$tmp/corrupt.db
  "$parley" eval "$ex" --db "$cdb" >/dev/null
  cp "$cdb" "$tmp/sound.db"
  sqlite3 "$cdb" 'UPDATE scenarios SET size = size + 50000'
  t_expect_rc 1 "runs show --scenario, size column too large" "$parley" runs show 1 --scenario --db "$cdb"
  t_expect_contains err 'run 1 is damaged: its scenario text is'
  t_expect_contains err 'but the archive records'
  t_expect_empty out
  t_expect_rc 1 "runs export --scenario, size column too large" "$parley" runs export --scenario --db "$cdb"
  t_expect_contains err 'run 1 is damaged'
  cp "$tmp/sound.db" "$cdb"
  sqlite3 "$cdb" "UPDATE scenarios SET text = substr(text, 1, 100)"
  t_expect_rc 1 "runs show --scenario, text shorter than its size" "$parley" runs show 1 --scenario --db "$cdb"
  t_expect_contains err 'its scenario text is 100 bytes but the archive records'
  cp "$tmp/sound.db" "$cdb"
  sqlite3 "$cdb" "UPDATE scenarios SET text = replace(text, 'UKR', 'UKX')"
  t_expect_rc 1 "runs show --scenario, text edited" "$parley" runs show 1 --scenario --db "$cdb"
  t_expect_contains err 'does not match its recorded hash'
  cp "$tmp/sound.db" "$cdb"
  sqlite3 "$cdb" "PRAGMA ignore_check_constraints = 1; UPDATE runs SET result = substr(result, 1, 500)"
  t_expect_rc 1 "runs show, result cut short" "$parley" runs show 1 --db "$cdb"
  t_expect_contains err 'its result is not valid JSON'
  t_expect_rc 1 "runs diff, result cut short" "$parley" runs diff 1 1 --db "$cdb"
  t_expect_contains err 'run 1 is damaged: its result is not valid JSON'
  t_expect_rc 1 "runs export, result cut short" "$parley" runs export --db "$cdb"
  t_expect_contains err 'run 1 is damaged'
  t_expect_rc 0 "runs list, result cut short (not read)" "$parley" runs list --db "$cdb"
else
  t_skip "corrupted rows" "needs the sqlite3 CLI"
fi

# ---- kill -9 mid-write: each run sleeps 150 ms inside its transaction
kdb=$tmp/kill.db
t_expect_rc 0 "eval" "$parley" eval "$ex" --db "$kdb"
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
  t_check "round $round: the writes started" test "$done_now" -ge $((before + 2))
  t_expect_rc 0 "runs check" "$parley" runs check --db "$kdb"
  stored=$(sed -n 's/.*ok, \([0-9]*\) runs.*/\1/p' "$tmp/out")
  finished=$((done_now + 1)) # + the first run
  # every run whose command finished is there; at most one more (killed
  # after its COMMIT, before the loop noted it)
  if [ -z "$stored" ] || [ "$stored" -lt "$finished" ] || [ "$stored" -gt $((finished + 1)) ]; then
    t_fail "round $round" "$finished runs finished before the kill, the archive has '${stored}'"
  else t_ok "round $round: the archive has every finished run"; fi
  echo "kill -9 round $round: $finished runs finished, $stored stored" \
    "($([ "${stored:-0}" -eq "$finished" ] && echo "killed mid-write" || echo "killed after a commit"))"
  if command -v sqlite3 >/dev/null; then
    t_expect_eq "round $round: integrity_check" "$(sqlite3 "$kdb" 'PRAGMA integrity_check')" ok
    t_expect_eq "round $round: run ids without a gap" "$(sqlite3 "$kdb" 'SELECT count(*) = max(id) FROM runs')" 1
  fi
  t_expect_rc 0 "runs list" "$parley" runs list --db "$kdb"
  t_expect_eq "round $round: runs list" "$(($(wc -l <"$tmp/out") - 1))" "${stored:-0}"
done
t_expect_rc 0 "eval" "$parley" eval "$ex" --db "$kdb" # and the archive takes new runs
t_expect_rc 0 "runs check" "$parley" runs check --db "$kdb"

t_done
