#!/usr/bin/env bash
# genius_nonlinear_test.sh PARLEY ROOT — GENIUS's non-linear profiles
# (docs/import-genius.md, "Non-linear profiles"): the hand-written folder
# tests/data/genius/nonlinear, every bid of it, and the three ANAC 2014
# domains of ../shared/data/anac-nonlinear (imports compared with
# tests/golden/anac-nonlinear/, 3000 random bids and the edges of every
# rectangle, the reference frontier's scale), against tests/ref/
# genius_nonlinear.py, which computes GENIUS's utilities from the XML on its
# own in exact rationals. The ANAC part is skipped when the data is absent;
# the reference check is skipped where the shared library cannot be loaded
# into python (a sanitizer build).
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
lib=$(dirname "$parley")/libparley.so
tmp=$T_TMP

# ref NAME FOLDER N: the reference check; exit 77 from it is a skip.
ref() {
  python3 "$root/tests/ref/genius_nonlinear.py" "$parley" "$lib" "$2" "$3" 7 >"$tmp/ref.log" 2>&1
  case $? in
    0) t_ok "$1"; echo "ok   $(tail -1 "$tmp/ref.log")" ;;
    77) t_skip "$1" "$(tail -1 "$tmp/ref.log")" ;;
    *) t_fail "$1"; sed 's/^/  | /' "$tmp/ref.log" | head -30 ;;
  esac
}

small=$root/tests/data/genius/nonlinear
t_expect_rc 0 "import of the small folder" "$parley" import genius "$small" -o "$tmp/small.yaml"
t_expect_contains err "GENIUS utility of buyer.xml = min(1, (13.5 * U - 1.5) / 10)"
t_expect_contains err "its reservation value 0.4 is the BATNA 11/27"
t_expect_rc 0 "the small import checks" "$parley" check "$tmp/small.yaml"
ref "every bid of the small folder equals GENIUS's utility" "$small" 5000

data=$root/../shared/data/anac-nonlinear
if [ ! -d "$data" ]; then
  t_skip anac-nonlinear "$data not found"
  t_done
fi
for name in y2014-10issueswithRV y2014-30issues y2014-50issueswithRV; do
  t_expect_rc 0 "$name: import" "$parley" import genius "$data/$name" -o "$tmp/$name.yaml" &&
    t_expect_same "$name: as tests/golden/anac-nonlinear/$name.yaml" \
      "$root/tests/golden/anac-nonlinear/$name.yaml" "$tmp/$name.yaml"
  t_expect_rc 0 "$name: check" "$parley" check "$tmp/$name.yaml"
  ref "$name: random bids equal GENIUS's utility" "$data/$name" 3000
done
t_done
