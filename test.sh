#!/usr/bin/env bash
# ./test.sh — the whole test suite: installs what is missing, builds and
# runs every test in a Release build and again under AddressSanitizer +
# UndefinedBehaviorSanitizer, then runs each fuzz target for
# FUZZ_SECONDS (default 30). Ends with "TOTAL: N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
"$root/scripts/deps.sh" --test || exit 3
fuzz_seconds=${FUZZ_SECONDS:-30}
total_pass=0 total_fail=0

# Node packages pinned in package-lock.json (vega for `parley report` and the
# web application, playwright-core for the browser test); again only when
# the lock file changed.
if [ ! -f node_modules/.parley-npm-ci ] || [ package-lock.json -nt node_modules/.parley-npm-ci ]; then
  if npm ci --no-audit --no-fund --loglevel=error >&2; then touch node_modules/.parley-npm-ci
  else echo "npm ci failed"; total_fail=$((total_fail + 1)); fi
fi

run_ctest() { # DIR LABEL
  local log; log=$(mktemp)
  (cd "$1" && ctest --output-on-failure -j"$(nproc)") >"$log" 2>&1
  local rc=$?
  grep -E "tests passed|Test +#[0-9]+:.*(Failed|Not Run|Exception)|\*\*\*" "$log" | sed "s/^/[$2] /"
  [ $rc -ne 0 ] && sed -n '/The following tests FAILED/,$p;/Output from these tests/q' "$log" | head -60
  local line n_total n_fail
  line=$(grep -E "tests passed, [0-9]+ tests failed out of [0-9]+" "$log" | tail -1)
  n_fail=$(echo "$line" | sed -E 's/.* ([0-9]+) tests failed.*/\1/')
  n_total=$(echo "$line" | sed -E 's/.*out of ([0-9]+).*/\1/')
  if [ -z "$line" ]; then cat "$log"; n_fail=1; n_total=1; fi
  total_pass=$((total_pass + n_total - n_fail)); total_fail=$((total_fail + n_fail))
  rm -f "$log"
}

echo "== Release build (warnings are errors)"
if scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release -DPARLEY_WERROR=ON; then
  run_ctest build-release release
else total_fail=$((total_fail + 1)); fi

echo "== ASan + UBSan build"
if scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DPARLEY_SANITIZE=ON -DPARLEY_WERROR=ON; then
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_ctest build-asan asan+ubsan
else total_fail=$((total_fail + 1)); fi

echo "== MPI build: montecarlo on 2 ranks gives the 1-rank bytes"
if scripts/build.sh build-mpi -DCMAKE_BUILD_TYPE=Release -DPARLEY_MPI=ON -DPARLEY_TESTS=OFF -DPARLEY_WERROR=ON; then
  tests/mpi_test.sh build-mpi . >build-mpi/mpi_test.log 2>&1
  rc=$?
  if [ $rc -eq 0 ]; then echo "[mpi] $(tail -1 build-mpi/mpi_test.log)"; total_pass=$((total_pass + 1))
  elif [ $rc -eq 77 ]; then echo "[mpi] skipped: $(tail -1 build-mpi/mpi_test.log)"
  else echo "[mpi] FAILED"; tail -30 build-mpi/mpi_test.log; total_fail=$((total_fail + 1)); fi
else total_fail=$((total_fail + 1)); fi

echo "== fuzzing, ${fuzz_seconds}s per target"
if [ "$fuzz_seconds" -gt 0 ]; then
  if CC=clang scripts/build.sh build-fuzz -DCMAKE_BUILD_TYPE=Debug -DPARLEY_FUZZ=ON -DPARLEY_TESTS=OFF; then
    for t in fuzz_scenario fuzz_set fuzz_actors fuzz_genius fuzz_deu fuzz_ktabxml; do
      corpus=$(mktemp -d)
      # Seeds: our own, plus the example and the malformed-input corpus.
      case $t in
        fuzz_scenario) seeds="fuzz/seeds/scenario examples tests/bad" ;;
        fuzz_actors) seeds="fuzz/seeds/actors tests/bad-csv" ;;
        fuzz_ktabxml) seeds="fuzz/seeds/ktabxml tests/bad-ktab" ;;
        *) seeds="fuzz/seeds/${t#fuzz_}" ;;
      esac
      # shellcheck disable=SC2086
      if build-fuzz/fuzz/$t "$corpus" $seeds -max_total_time="$fuzz_seconds" -max_len=65536 \
           -timeout=10 -rss_limit_mb=2048 -artifact_prefix=build-fuzz/ -print_final_stats=1 >"build-fuzz/$t.log" 2>&1; then
        echo "[fuzz] $t: $(grep -E 'stat::number_of_executed_units' "build-fuzz/$t.log" | awk '{print $2}') runs, no finding"
        total_pass=$((total_pass + 1))
      else
        echo "[fuzz] $t: FINDING"; tail -40 "build-fuzz/$t.log"
        total_fail=$((total_fail + 1))
      fi
      rm -rf "$corpus"
    done
  else total_fail=$((total_fail + 1)); fi
fi

echo "TOTAL: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
