#!/usr/bin/env bash
# cli_test.sh PARLEY ROOT — the command's contract: exit codes, nothing on
# stdout on error, did-you-mean hints, atomic -o files, colour only when
# asked or on a tty, JSON that parses and has the documented keys.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
ex=$root/examples/ukraine-2025.yaml
tmp=$T_TMP

t_expect_rc 0 "version" "$parley" --version
t_expect_contains out "parley 0."
t_expect_rc 2 "no command" "$parley"
t_expect_rc 2 "unknown command" "$parley" evl "$ex"
t_expect_contains err "did you mean 'eval'?"
t_expect_empty out
t_expect_rc 2 "unknown option" "$parley" eval "$ex" --formt json
t_expect_contains err "did you mean '--format'?"
t_expect_empty out
t_expect_rc 2 "bad format" "$parley" eval "$ex" --format xml
t_expect_empty out
t_expect_rc 2 "missing value" "$parley" eval "$ex" --proposal
t_expect_rc 0 "help" "$parley" help eval
t_expect_contains out "usage: parley eval"
t_expect_rc 0 "--help" "$parley" check --help
t_expect_contains out "usage: parley check"
t_expect_rc 2 "help of nothing" "$parley" help nothing
t_expect_rc 1 "missing file" "$parley" check "$tmp/none.yaml"
t_expect_contains err "none.yaml: cannot open"
t_expect_empty out
t_expect_rc 1 "unknown proposal" "$parley" eval "$ex" --proposal us-28-pont
t_expect_contains err "did you mean 'us-28-point'?"
t_expect_empty out
t_expect_rc 2 "both proposal and all" "$parley" eval "$ex" --proposal us-28-point --all

# Output files: written whole, never partial; an error leaves the old file.
t_expect_rc 0 "eval -o" "$parley" eval "$ex" --format json -o "$tmp/e.json"
t_expect_empty out
t_check "eval JSON schema" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); p=d["proposals"][0]; a=p["actors"][0]; [a[k] for k in ("id","utility","batna","surplus","acceptable","red_lines_crossed","issues")]; [a["issues"][0][k] for k in ("id","contribution")]' "$tmp/e.json"
echo keep >"$tmp/keep.yaml"
printf 'Actor,Capability,Position,Salience\nA,0,1,1\n' >"$tmp/bad.csv"
t_expect_rc 1 "bad import keeps the old file" "$parley" import actors "$tmp/bad.csv" -o "$tmp/keep.yaml"
t_expect_eq "existing file unchanged" "$(cat "$tmp/keep.yaml")" keep
t_expect_rc 1 "bad import leaves no file" "$parley" import actors "$tmp/bad.csv" -o "$tmp/new.yaml"
t_check "no partial output left" test ! -e "$tmp/new.yaml"
t_expect_eq "no temporary file left" "$(ls "$tmp" | grep '\.tmp\.')" ""
printf 'Actor,Capability,Position,Salience\nA,2,10,50\nB,1,90,100\n' >"$tmp/ok.csv"
t_expect_rc 0 "import" "$parley" import actors "$tmp/ok.csv" -o "$tmp/ok.yaml"
t_expect_contains err "wrote"
t_expect_empty out
t_expect_rc 0 "imported scenario checks" "$parley" check "$tmp/ok.yaml"
t_expect_rc 1 "eval without proposals" "$parley" eval "$tmp/ok.yaml"
t_expect_contains err "no proposals"
t_expect_rc 3 "-o into a missing folder" "$parley" eval "$ex" -o "$tmp/no/such/dir/x.txt"
t_expect_contains err "cannot create"

# Colour: never when piped unless asked.
t_expect_rc 0 "piped" "$parley" eval "$ex"
t_expect_lacks out $'\033'
t_expect_rc 0 "forced colour" "$parley" eval "$ex" --color always
t_expect_contains out $'\033['
t_expect_rc 0 "csv" "$parley" eval "$ex" --format csv
t_expect_contains out "proposal,actor,utility"
t_expect_rc 0 "check json" "$parley" check "$ex" --format json
t_expect_contains out '"packages"'
t_expect_rc 0 "check sources" "$parley" check "$ex" --sources
t_expect_contains out "sources"

t_done
