#!/usr/bin/env bash
# exit_codes_test.sh PARLEY ROOT — every command's documented exit codes
# (README "Exit codes", docs/scenario-format.md): 0 success, 1 bad input (a
# file, a table, an id on the command line), 2 usage (an unknown command or
# option, a bad option value, -o naming an input), 3 internal error (a write
# that failed). One check per code per command, each provoked the simplest
# way; nothing on stdout whenever the code is not 0. A code a command cannot
# reach without data from ../shared/data or node_modules is counted skipped.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
ex=$root/examples/ukraine-2025.yaml
sim=$root/tests/data/sim/two-party.yaml
mc=$root/tests/data/mc/small.yaml
none=$root/tests/data/mc/none.yaml
bad=$root/tests/bad/actor-no-id.yaml
tmp=$T_TMP
nodir=$tmp/no/such/folder/out # a write that fails: its folder does not exist

# code NAME WANT COMMAND...: the exit code, and stdout empty on a failure.
code() {
  local name=$1 want=$2
  shift 2
  t_expect_rc "$want" "$name" "$@" || return 1
  [ "$want" = 0 ] || t_expect_empty out
}

code "--version" 0 "$parley" --version
code "no command" 2 "$parley"
code "unknown command" 2 "$parley" nonsense
code "help" 0 "$parley" help
code "help of an unknown command" 2 "$parley" help nonsense

# The analyses of one scenario file: 1 for a bad file and for an id the
# scenario does not have, 2 for a bad option, 3 when -o cannot be written.
for cmd in check eval forecast simulate; do
  f=$ex
  [ "$cmd" = simulate ] && f=$sim
  code "$cmd ok" 0 "$parley" "$cmd" "$f"
  code "$cmd bad file" 1 "$parley" "$cmd" "$bad"
  t_expect_contains err "actor-no-id.yaml:"
  code "$cmd missing file" 1 "$parley" "$cmd" "$tmp/none.yaml"
  code "$cmd unknown option" 2 "$parley" "$cmd" "$f" --nonsense
  code "$cmd -o input" 2 "$parley" "$cmd" "$f" -o "$f"
  code "$cmd failed write" 3 "$parley" "$cmd" "$f" -o "$nodir"
done
if [ -w /dev/full ]; then # standard output that cannot be written: 3 too
  for cmd in check eval forecast; do
    t_run sh -c "exec '$parley' $cmd '$ex' >/dev/full"
    t_expect_eq "$cmd >/dev/full: exit 3" "$T_RC" 3
  done
else
  t_skip ">/dev/full" "no /dev/full"
fi
code "eval unknown proposal" 1 "$parley" eval "$ex" --proposal nonsense
code "eval bad --format" 2 "$parley" eval "$ex" --format xml
code "forecast unknown model" 2 "$parley" forecast "$ex" --model nonsense
code "simulate unknown actor" 1 "$parley" simulate "$ex" --join NOPE
code "simulate unknown tactic" 1 "$parley" simulate "$ex" --without nonsense
code "simulate bad --horizon" 2 "$parley" simulate "$ex" --horizon 0
code "--set of an unknown actor" 1 "$parley" eval "$ex" --set actors.NOPE.batna=0.3
code "--set without =" 2 "$parley" eval "$ex" --set actors.UKR.batna

for cmd in space amend trades; do
  pr=()
  [ "$cmd" = space ] || pr=(--proposal us-28-point)
  args=(--actors RUS,UKR "${pr[@]}")
  code "$cmd ok" 0 "$parley" "$cmd" "$ex" "${args[@]}"
  code "$cmd bad file" 1 "$parley" "$cmd" "$bad" "${pr[@]}"
  code "$cmd unknown actor" 1 "$parley" "$cmd" "$ex" --actors RUS,NOPE "${pr[@]}"
  code "$cmd unknown red line actor" 1 "$parley" "$cmd" "$ex" --drop-red-lines NOPE:nato "${pr[@]}"
  code "$cmd unknown red line issue" 1 "$parley" "$cmd" "$ex" --drop-red-lines UKR:nonsense "${pr[@]}"
  code "$cmd malformed --drop-red-lines" 2 "$parley" "$cmd" "$ex" --drop-red-lines UKR "${pr[@]}"
  code "$cmd bad --grid" 2 "$parley" "$cmd" "$ex" --grid 1 "${pr[@]}"
  code "$cmd -o input" 2 "$parley" "$cmd" "$ex" "${args[@]}" -o "$ex"
  code "$cmd failed write" 3 "$parley" "$cmd" "$ex" "${args[@]}" -o "$nodir"
done
code "amend unknown proposal" 1 "$parley" amend "$ex" --proposal nonsense
code "trades unknown proposal" 1 "$parley" trades "$ex" --proposal nonsense

for cmd in montecarlo sensitivity; do
  code "$cmd ok" 0 "$parley" "$cmd" "$mc" -n 20
  code "$cmd no distribution" 1 "$parley" "$cmd" "$none" -n 20
  code "$cmd bad -n" 2 "$parley" "$cmd" "$mc" -n 0
  code "$cmd -o input" 2 "$parley" "$cmd" "$mc" -n 20 -o "$mc"
  code "$cmd failed write" 3 "$parley" "$cmd" "$mc" -n 20 -o "$nodir"
done
code "sensitivity unknown actor" 1 "$parley" sensitivity "$mc" -n 20 --metric surplus:NOPE
code "sensitivity bad --metric" 2 "$parley" sensitivity "$mc" -n 20 --metric nonsense

printf 'Actor,Capability,Position,Salience\nA,2,10,50\nB,1,90,100\n' >"$tmp/ok.csv"
printf 'Actor,Capability,Position,Salience\nA,0,1,1\n' >"$tmp/bad.csv"
code "import ok" 0 "$parley" import actors "$tmp/ok.csv" -o "$tmp/ok.yaml"
code "import bad table" 1 "$parley" import actors "$tmp/bad.csv" -o "$tmp/x.yaml"
code "import unknown kind" 2 "$parley" import nonsense "$tmp/ok.csv"
code "import -o input" 2 "$parley" import actors "$tmp/ok.csv" -o "$tmp/ok.csv"
code "import failed write" 3 "$parley" import actors "$tmp/ok.csv" -o "$nodir"
code "import genius -o a file of the folder" 2 "$parley" import genius \
  "$root/tests/data/genius/laptop" -o "$root/tests/data/genius/laptop/$(ls "$root/tests/data/genius/laptop" | head -1)"

db=$tmp/runs.db
code "eval --db" 0 "$parley" eval "$ex" --db "$db"
code "runs list" 0 "$parley" runs list --db "$db"
code "runs unknown id" 1 "$parley" runs show 999 --db "$db"
code "runs missing archive" 1 "$parley" runs list --db "$tmp/none.db"
code "runs unknown verb" 2 "$parley" runs nonsense --db "$db"
code "runs -o the archive" 2 "$parley" runs export --db "$db" -o "$db"
code "runs failed write" 3 "$parley" runs export --db "$db" -o "$nodir"
code "eval -o the archive" 2 "$parley" eval "$ex" --db "$db" -o "$db"

deu=$root/../shared/data/deu3/deu3.tsv
code "backtest missing table" 1 "$parley" backtest --deu "$tmp/none.tsv"
code "backtest without --deu" 2 "$parley" backtest
if [ -f "$deu" ]; then
  code "backtest ok" 0 "$parley" backtest --deu "$deu"
  code "backtest -o input" 2 "$parley" backtest --deu "$deu" -o "$deu"
  code "backtest failed write" 3 "$parley" backtest --deu "$deu" -o "$nodir"
else
  t_skip "backtest 0 and 3" "$deu not found"
fi

code "report bad file" 1 "$parley" report "$bad" -o "$tmp/r.html" --root "$root"
code "report without -o" 2 "$parley" report "$ex" --root "$root"
code "report -o input" 2 "$parley" report "$ex" -o "$ex" --root "$root"
if [ -f "$root/node_modules/vega/build/vega.min.js" ]; then
  code "report ok" 0 "$parley" report "$ex" -o "$tmp/r.html" --root "$root"
  code "report failed write" 3 "$parley" report "$ex" -o "$nodir" --root "$root"
else
  t_skip "report 0 and 3" "no node_modules (npm ci)"
fi

code "serve --help" 0 "$parley" serve --help
code "serve bad --port" 2 "$parley" serve --port 99999
code "serve unknown option" 2 "$parley" serve --nonsense
echo notes >"$tmp/notes.txt" # not an archive: refused before listening (timeout: never hang)
code "serve bad archive" 1 timeout 20 "$parley" serve --port 0 --db "$tmp/notes.txt"

t_done
