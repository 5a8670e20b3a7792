#!/usr/bin/env bash
# genius_nonlinear_test.sh PARLEY ROOT — GENIUS's non-linear profiles
# (docs/import-genius.md, "Non-linear profiles"): the hand-written folder
# tests/data/genius/nonlinear, every bid of it, and the three ANAC 2014
# domains of ../shared/data/anac-nonlinear (imports compared with
# tests/golden/anac-nonlinear/, 3000 random bids and the edges of every
# rectangle, the reference frontier's scale), against tests/ref/
# genius_nonlinear.py, which computes GENIUS's utilities from the XML on its
# own in exact rationals; then a folder over the limit of terms, and `parley
# space DIR` on the small folder. The ANAC part is skipped when the data is absent;
# the reference check is skipped where the shared library cannot be loaded
# into python (a sanitizer build).
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
lib=$(dirname "$parley")/libparley.so
tmp=$T_TMP

# ref NAME FOLDER N: the reference check, on Parley's utilities from
# parley_utility() and on `parley eval`'s utilities and verdicts; exit 77
# from it (no shared library to load) is a skip.
ref() {
  local how
  for how in "$lib" eval; do
    # a sanitizer build's library cannot be loaded into python (ASan aborts)
    if [ "$how" = "$lib" ] && ldd "$lib" 2>/dev/null | grep -qE 'lib(asan|ubsan|tsan)'; then
      t_skip "$1 (${how##*/})" "$lib is built with a sanitizer"; continue
    fi
    # eval (a process per 2,000 bids, every proposal's full report) gets a third of the bids
    python3 "$root/tests/ref/genius_nonlinear.py" "$parley" "$how" "$2" \
      "$([ "$how" = eval ] && [ "$3" -gt 5000 ] && echo $(($3 / 3)) || echo "$3")" 7 >"$tmp/ref.log" 2>&1
    case $? in
      0) t_ok "$1 (${how##*/})"; echo "ok   ${how##*/}: $(tail -1 "$tmp/ref.log")" ;;
      77) t_skip "$1 (${how##*/})" "$(tail -1 "$tmp/ref.log")" ;;
      *) t_fail "$1 (${how##*/})"; sed 's/^/  | /' "$tmp/ref.log" | head -30 ;;
    esac
  done
}

small=$root/tests/data/genius/nonlinear
t_expect_rc 0 "import of the small folder" "$parley" import genius "$small" -o "$tmp/small.yaml"
t_expect_contains err "GENIUS utility of buyer.xml = min(1, (13.5 * U - 1.5) / 10)"
t_expect_contains err "its reservation value 0.4 is the BATNA 11/27"
t_expect_rc 0 "the small import checks" "$parley" check "$tmp/small.yaml"
ref "every bid of the small folder equals GENIUS's utility" "$small" 5000
t_expect_rc 0 "space reads the folder" "$parley" space "$small" --format json
t_check "space: the imported scenario" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["command"] == "space" and d["scenario"]["id"] == "supply", d["scenario"]' "$tmp/out"

# 4,097 rectangles that depend on the bid: more terms than a scenario holds.
mkdir -p "$tmp/many"
cp "$small/domain.xml" "$small/seller.xml" "$tmp/many/"
python3 - "$tmp/many/big.xml" <<'PY'
import sys
rects = "".join('<hyperRectangle utility="%d"><INCLUDES index="3" min="%d" max="%d"/></hyperRectangle>\n'
                % (k + 1, k % 90, k % 90 + 5) for k in range(4097))
open(sys.argv[1], "w").write('<utility_space type="nonlinear">\n<objective index="0" name="x">\n'
                             '<utility maxutility="1"><ufun aggregation="sum">\n' + rects +
                             '</ufun></utility></objective></utility_space>\n')
PY
t_expect_rc 1 "4,097 terms: refused" "$parley" import genius "$tmp/many" -o "$tmp/many.yaml"
t_expect_contains err "big.xml:1:1: the folder's non-linear profiles have more than 4096"
# 65,537 rectangles in one profile: over the reader's limit, located.
mkdir -p "$tmp/huge"
cp "$small/domain.xml" "$small/seller.xml" "$tmp/huge/"
python3 -c 'import sys; open(sys.argv[1], "w").write("<utility_space type=\"nonlinear\"><objective>"
  "<utility maxutility=\"1\"><ufun aggregation=\"sum\">" + "<hyperRectangle utility=\"1\"/>" * 65537 +
  "</ufun></utility></objective></utility_space>")' "$tmp/huge/b.xml"
t_expect_rc 1 "65,537 rectangles: refused" "$parley" import genius "$tmp/huge" -o "$tmp/huge.yaml"
t_expect_contains err "b.xml:1:1900636: more than 65536 hyper-rectangles"

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
  ref "$name: random bids equal GENIUS's utility" "$data/$name" 6000
done
t_done
