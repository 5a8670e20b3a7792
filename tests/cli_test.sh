#!/usr/bin/env bash
# cli_test.sh PARLEY ROOT — the command's contract: exit codes, nothing on
# stdout on error, did-you-mean hints, atomic -o files, colour only when
# asked or on a tty, JSON that parses and has the documented keys.
set -u
parley=$1 root=$2
ex=$root/examples/ukraine-2025.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
# expect RC DESCRIPTION -- command...
expect() {
  local want=$1 what=$2; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" -eq "$want" ]; then ok; else bad "$what: exit $rc, expected $want"; cat "$tmp/err"; fi
}
has() { if grep -qF -- "$2" "$tmp/$1"; then ok; else bad "$1 lacks '$2'"; cat "$tmp/$1"; fi; }
empty() { if [ -s "$tmp/$1" ]; then bad "$1 not empty"; else ok; fi; }

expect 0 version -- "$parley" --version; has out "parley 0."
expect 2 "no command" -- "$parley"
expect 2 "unknown command" -- "$parley" evl "$ex"; has err "did you mean 'eval'?"; empty out
expect 2 "unknown option" -- "$parley" eval "$ex" --formt json; has err "did you mean '--format'?"; empty out
expect 2 "bad format" -- "$parley" eval "$ex" --format xml; empty out
expect 2 "missing value" -- "$parley" eval "$ex" --proposal
expect 0 "help" -- "$parley" help eval; has out "usage: parley eval"
expect 0 "--help" -- "$parley" check --help; has out "usage: parley check"
expect 2 "help of nothing" -- "$parley" help nothing
expect 1 "missing file" -- "$parley" check "$tmp/none.yaml"; has err "none.yaml: cannot open"; empty out
expect 1 "unknown proposal" -- "$parley" eval "$ex" --proposal us-28-pont; has err "did you mean 'us-28-point'?"; empty out
expect 2 "both proposal and all" -- "$parley" eval "$ex" --proposal us-28-point --all

# Output files: written whole, never partial; an error leaves the old file.
expect 0 "eval -o" -- "$parley" eval "$ex" --format json -o "$tmp/e.json"; empty out
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); p=d["proposals"][0]; a=p["actors"][0]; [a[k] for k in ("id","utility","batna","surplus","acceptable","red_lines_crossed","issues")]; [a["issues"][0][k] for k in ("id","contribution")]' "$tmp/e.json" 2>"$tmp/err"; then ok; else bad "eval JSON schema"; cat "$tmp/err"; fi
echo keep >"$tmp/keep.yaml"
printf 'Actor,Capability,Position,Salience\nA,0,1,1\n' >"$tmp/bad.csv"
expect 1 "bad import keeps the old file" -- "$parley" import actors "$tmp/bad.csv" -o "$tmp/keep.yaml"
if [ "$(cat "$tmp/keep.yaml")" = keep ]; then ok; else bad "existing file was changed"; fi
expect 1 "bad import leaves no file" -- "$parley" import actors "$tmp/bad.csv" -o "$tmp/new.yaml"
if [ -e "$tmp/new.yaml" ]; then bad "partial output left"; else ok; fi
if ls "$tmp" | grep -q '\.tmp\.'; then bad "temporary file left"; else ok; fi
printf 'Actor,Capability,Position,Salience\nA,2,10,50\nB,1,90,100\n' >"$tmp/ok.csv"
expect 0 "import" -- "$parley" import actors "$tmp/ok.csv" -o "$tmp/ok.yaml"; has err "wrote"; empty out
expect 0 "imported scenario checks" -- "$parley" check "$tmp/ok.yaml"
expect 1 "eval without proposals" -- "$parley" eval "$tmp/ok.yaml"; has err "no proposals"
expect 1 "-o into a missing folder" -- "$parley" eval "$ex" -o "$tmp/no/such/dir/x.txt"; has err "cannot create"

# Colour: never when piped unless asked.
expect 0 "piped" -- "$parley" eval "$ex"
if grep -q $'\033' "$tmp/out"; then bad "escape codes on a pipe"; else ok; fi
expect 0 "forced colour" -- "$parley" eval "$ex" --color always
if grep -q $'\033\[' "$tmp/out"; then ok; else bad "no colour with --color always"; fi
expect 0 "csv" -- "$parley" eval "$ex" --format csv; has out "proposal,actor,utility"
expect 0 "check json" -- "$parley" check "$ex" --format json; has out '"packages"'
expect 0 "check sources" -- "$parley" check "$ex" --sources; has out "sources"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
