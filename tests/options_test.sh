#!/usr/bin/env bash
# options_test.sh PARLEY ROOT — the declared option tables are the one
# source: docs/options.md is what `parley help --markdown` makes of them (a
# drift fails here), every command's help lists every option it declares,
# and the shared rules hold on every analysis: --format text is table, one
# seed rule, --set PATH=VALUE typed by the loader, --db stores the run.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
ex=$root/examples/ukraine-2025.yaml
tmp=$T_TMP

# docs/options.md is generated (regenerate: parley help --markdown > docs/options.md).
t_expect_rc 0 "help --markdown" "$parley" help --markdown
t_expect_same "docs/options.md matches the option tables" "$root/docs/options.md" "$T_TMP/out"

# Each command's help names each option its table declares for the CLI.
cmds="check eval import space amend trades forecast backtest simulate montecarlo sensitivity runs serve report"
for c in $cmds; do
  t_expect_rc 0 "help $c" "$parley" help "$c"
  cp "$T_TMP/out" "$tmp/help-$c"
  for o in $(awk -v c="$c" '$0 == "## parley " c {on=1; next} /^## parley / {on=0}
                 on && /^\| `--/ {match($0, /`--[a-z0-9-]+`/); print substr($0, RSTART+1, RLENGTH-2)}' \
               "$root/docs/options.md"); do
    t_expect_contains "$tmp/help-$c" "$o"
  done
done

# One --format vocabulary: table|json|csv, and text is table, everywhere.
for c in eval space forecast simulate; do
  t_expect_rc 0 "$c --format text" "$parley" "$c" "$ex" --format text
  cp "$T_TMP/out" "$tmp/text"
  t_expect_rc 0 "$c --format table" "$parley" "$c" "$ex" --format table
  t_expect_same "$c: text is table" "$tmp/text" "$T_TMP/out"
done
t_expect_rc 0 "check --format text" "$parley" check "$ex" --format text
t_expect_rc 0 "amend --format text" "$parley" amend "$ex" --proposal us-28-point --format text
t_expect_rc 0 "montecarlo --format text" "$parley" montecarlo "$ex" -n 20 --quiet --format text
t_expect_rc 0 "sensitivity --format text" "$parley" sensitivity "$ex" -n 4 --quiet --format text
t_expect_rc 2 "amend has no csv" "$parley" amend "$ex" --proposal us-28-point --format csv
t_expect_contains err "--format must be table or json, got 'csv'"

# One seed rule: 0 to 2^64-1 in digits, nothing clamped, the same message.
for c in space forecast simulate montecarlo sensitivity; do
  extra=""; [ "$c" = montecarlo ] && extra="-n 10 --quiet"; [ "$c" = sensitivity ] && extra="-n 4 --quiet"
  # shellcheck disable=SC2086
  t_expect_rc 2 "$c --seed too big" "$parley" "$c" "$ex" --seed 99999999999999999999999 $extra
  t_expect_contains err "--seed must be a whole number from 0 to 2^64-1, got '99999999999999999999999'"
  # shellcheck disable=SC2086
  t_expect_rc 2 "$c --seed -1" "$parley" "$c" "$ex" --seed -1 $extra
  # shellcheck disable=SC2086
  t_expect_rc 0 "$c --seed 0" "$parley" "$c" "$ex" --seed 0 $extra
  # shellcheck disable=SC2086
  t_expect_rc 0 "$c --seed 2^64-1" "$parley" "$c" "$ex" --seed 18446744073709551615 $extra
done
t_expect_rc 0 "simulate --seed 0 draws" "$parley" simulate "$ex" --seed 0 --format json
t_check "simulate records seed 0" python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["parameters"]["seed"] == 0' "$T_TMP/out"

# --set on every analysis: the loader's checks, the values named in the result.
set1="actors.UKR.batna=0.2"
for c in eval space forecast simulate "amend --proposal us-28-point" "trades --proposal us-28-point" \
         "montecarlo -n 20 --quiet" "sensitivity -n 4 --quiet"; do
  name=${c%% *}
  # shellcheck disable=SC2086
  t_expect_rc 0 "$name --set" "$parley" $c "$ex" --set "$set1" --format json
  t_check "$name --set: scenario.set in the JSON" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = d["scenario"] if "scenario" in d else d["scenarios"][0]
assert s["set"] == ["actors.UKR.batna=0.2"], s' "$T_TMP/out"
  # shellcheck disable=SC2086
  t_expect_rc 1 "$name --set out of range" "$parley" $c "$ex" --set actors.UKR.batna=1.7
  t_expect_contains err "set actors.UKR.batna=1.7: actor 'UKR': batna must be in [0,1], got 1.7"
  t_expect_empty out
done
t_expect_rc 1 "--set unknown key" "$parley" eval "$ex" --set actors.UKR.batnaa=0.2
t_expect_contains err "did you mean 'batna'?"
t_expect_rc 0 "--set changes eval" "$parley" eval "$ex" --proposal us-28-point --set "$set1"
t_expect_contains out "UKR    0.220    0.200"
t_expect_contains out "set actors.UKR.batna=0.2"
t_expect_rc 0 "--set twice, and a comma list" "$parley" space "$ex" --set actors.UKR.batna=0.1 \
  --set actors.EU.batna=0.1,actors.E3.batna=0.1
t_expect_contains out "set actors.UKR.batna=0.1, actors.EU.batna=0.1, actors.E3.batna=0.1"

# --db on every analysis: each run is in the archive.
db=$tmp/runs.db
for c in eval space forecast simulate "amend --proposal us-28-point" "trades --proposal us-28-point" \
         "montecarlo -n 20 --quiet" "sensitivity -n 4 --quiet"; do
  # shellcheck disable=SC2086
  t_expect_rc 0 "${c%% *} --db" "$parley" $c "$ex" --db "$db"
done
t_expect_rc 0 "runs list" "$parley" runs list --db "$db"
for c in eval space forecast simulate amend trades montecarlo sensitivity; do
  t_expect_contains out "  $c "
done

# --set on a case nobody here wrote (ANAC's party domain, read as a GENIUS
# folder): raising one party's BATNA gives the ZOPA an independent exact
# reference counts from the profile XML (tests/ref/genius_zopa.py).
party=$root/../shared/data/anac/genius-partydomain
if [ -d "$party" ]; then
  for bar in "9 10" "3 4" "19 20"; do
    read -r num den <<<"$bar"
    batna=$(python3 -c "print($num / $den)")
    t_expect_rc 0 "space DIR --set batna=$batna" "$parley" space "$party" \
      --set "actors.party1_utility.batna=$batna" --format json
    got=$(python3 -c 'import json,sys; z=json.load(open(sys.argv[1]))["zopa"]; print(z["exact"], z["count"])' "$T_TMP/out")
    want=$(python3 "$root/tests/ref/genius_zopa.py" "$party/party1_utility.xml" "$num" "$den")
    t_expect_eq "party domain, party1 BATNA $batna: exact ZOPA = reference" "$got" "True ${want#* }"
  done
else
  t_skip "party domain --set" "../shared/data/anac is absent"
fi

# Typed values: ranges and words named as the user wrote the option.
t_expect_rc 2 "grid range" "$parley" simulate "$ex" --grid 1
t_expect_contains err "--grid must be a whole number from 2 to 1000, got '1'"
t_expect_rc 2 "-n range" "$parley" montecarlo "$ex" -n 0
t_expect_contains err "-n must be a whole number from 1 to 1000000000, got '0'"
t_expect_rc 0 "-n 1e2" "$parley" montecarlo "$ex" -n 1e2 --quiet
t_expect_rc 2 "word with a hint" "$parley" simulate "$ex" --protocol mediatd
t_expect_contains err "--protocol must be alternating or mediated, got 'mediatd' (did you mean 'mediated'?)"
t_done
