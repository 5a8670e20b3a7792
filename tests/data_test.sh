#!/usr/bin/env bash
# data_test.sh PARLEY ROOT — imports every KTAB sample in ../shared/data/ktab
# and checks the scenario loads with the actor and dimension counts its
# first line declares. Skips (77) when the data folder is absent.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
data=$root/../shared/data/ktab
[ -d "$data" ] || { t_skip ktab "$data not found"; t_done; }
tmp=$T_TMP
for f in "$data"/*.csv; do
  name=$(basename "$f" .csv)
  IFS=, read -r _ _ n_act n_dim _ <"$f"
  n_act=$(echo "$n_act" | tr -d ' ') n_dim=$(echo "$n_dim" | tr -d ' ')
  if "$parley" import actors "$f" -o "$tmp/$name.yaml" 2>"$tmp/err" &&
     "$parley" check "$tmp/$name.yaml" --format json >"$tmp/$name.json" 2>>"$tmp/err"; then
    got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["actors"]), len(d["issues"]))' "$tmp/$name.json")
    t_expect_eq "$name: actors and dimensions (line 1)" "$got" "$n_act $n_dim"
  else
    t_fail "$name" "$(cat "$tmp/err")"
  fi
done
t_done
