#!/usr/bin/env bash
# ./test.sh — the whole test suite: installs what is missing, builds and
# runs every test in a Release build and again under AddressSanitizer +
# UndefinedBehaviorSanitizer, the threaded tests under ThreadSanitizer,
# then runs each fuzz target for FUZZ_SECONDS (default 30). Ends with
# "TOTAL: N passed, N failed, N skipped"; exits 1 only on a failure.
set -uo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
"$root/scripts/deps.sh" --test || exit 3
fuzz_seconds=${FUZZ_SECONDS:-30}
total_pass=0 total_fail=0 total_skip=0

# Node packages pinned in package-lock.json (vega for `parley report` and the
# web application, playwright-core for the browser test); again only when
# the lock file changed.
if [ ! -f node_modules/.parley-npm-ci ] || [ package-lock.json -nt node_modules/.parley-npm-ci ]; then
  if npm ci --no-audit --no-fund --loglevel=error >&2; then touch node_modules/.parley-npm-ci
  else echo "npm ci failed"; total_fail=$((total_fail + 1)); fi
fi

# run_ctest DIR LABEL [CTEST ARGS...]: adds the tests' counts to the totals.
# CTest counts a skipped test (SKIP_RETURN_CODE) among the passed ones in
# its "N% tests passed, N tests failed out of N" line and lists it under
# "The following tests did not run" as "(Skipped)" (or "(Disabled)", which
# the total leaves out): those are counted as skipped here.
run_ctest() {
  local dir=$1 label=$2 log; shift 2
  log=$(mktemp)
  (cd "$dir" && ctest --output-on-failure -j"$(nproc)" "$@") >"$log" 2>&1
  local rc=$?
  grep -E "Test +#[0-9]+:.*(Failed|Not Run|Exception|Timeout)|\*\*\*" "$log" | sed "s/^/[$label] /"
  [ $rc -ne 0 ] && sed -n '/The following tests FAILED/,$p;/Output from these tests/q' "$log" | head -60
  local line n_total n_fail n_skip n_off
  line=$(grep -E "tests passed, [0-9]+ tests failed out of [0-9]+" "$log" | tail -1)
  n_fail=$(echo "$line" | sed -E 's/.* ([0-9]+) tests failed.*/\1/')
  n_total=$(echo "$line" | sed -E 's/.*out of ([0-9]+).*/\1/')
  if [ -z "$line" ]; then cat "$log"; n_fail=1; n_total=1; fi
  n_skip=$(grep -cE '^[[:space:]]+[0-9]+ - .* \(Skipped\)$' "$log")
  n_off=$(grep -cE '^[[:space:]]+[0-9]+ - .* \(Disabled\)$' "$log")
  if [ $((n_skip + n_off)) -gt 0 ]; then
    sed -nE 's/^[[:space:]]+[0-9]+ - (.*) \((Skipped|Disabled)\)$/\1/p' "$log" | tr '\n' ' ' |
      sed "s/^/[$label] skipped: /;s/ \$/\n/"
  fi
  echo "[$label] $((n_total - n_fail - n_skip)) passed, $n_fail failed, $((n_skip + n_off)) skipped"
  total_pass=$((total_pass + n_total - n_fail - n_skip)); total_fail=$((total_fail + n_fail))
  total_skip=$((total_skip + n_skip + n_off))
  rm -f "$log"
}

echo "== Release build (warnings are errors)"
if scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release -DPARLEY_WERROR=ON; then
  run_ctest build-release release
else total_fail=$((total_fail + 1)); fi

echo "== ASan + UBSan build"
if scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DPARLEY_SANITIZE=ON -DPARLEY_WERROR=ON; then
  # The differential tests' Python references cost the same under ASan as in
  # the Release stage, which runs them in full: here a quarter of their random
  # cases, and the ANAC brute force only on domains up to 10^6 packages.
  PARLEY_SANITIZED=1 TIE_SEEDS=10 LINKED_SEEDS=10 TRANSFER_SEEDS=10 LINKED_EVAL_SEEDS=10 \
  RATIFY_SEEDS=8 ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 run_ctest build-asan asan+ubsan
else total_fail=$((total_fail + 1)); fi

# The Monte Carlo threads (unit/mc, mc/cli) and the server's threads and
# forked jobs (serve/http) under ThreadSanitizer. Built with clang: its
# OpenMP runtime (libomp) loads LLVM's Archer tool under TSan, which tells
# TSan about OpenMP's barriers and worksharing, so a real race between
# Monte Carlo threads is reported and OpenMP's own synchronisation is not
# (GCC's libgomp is not instrumented: its barriers would look like races;
# building without OpenMP would leave Monte Carlo serial, with nothing to
# find). ignore_noninstrumented_modules: accesses inside the uninstrumented
# libraries (libomp, libmicrohttpd, GSL) are not reported. die_after_fork=0:
# a server job is a child forked from the threaded server, and a montecarlo
# job with threads=2 starts threads in it; TSan calls that unsupported and
# dies by default, but it takes its own locks around fork() and the child
# runs fine. halt_on_error: the first report fails the test (exit 66).
echo "== ThreadSanitizer build: Monte Carlo threads and the server"
if CC=clang BUILD_TARGETS="parley unit_tests" scripts/build.sh build-tsan \
     -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARLEY_TSAN=ON -DPARLEY_TESTS=ON -DPARLEY_WERROR=ON; then
  TSAN_OPTIONS="ignore_noninstrumented_modules=1 die_after_fork=0 halt_on_error=1 second_deadlock_stack=1" \
    run_ctest build-tsan tsan -R '^(unit/mc|mc/cli|serve/http)$'
else total_fail=$((total_fail + 1)); fi

echo "== MPI build: montecarlo on 2 ranks gives the 1-rank bytes"
if BUILD_TARGETS=parley scripts/build.sh build-mpi -DCMAKE_BUILD_TYPE=Release -DPARLEY_MPI=ON \
     -DPARLEY_TESTS=ON -DPARLEY_WERROR=ON; then
  run_ctest build-mpi mpi -R '^mpi/'
else total_fail=$((total_fail + 1)); fi

# Each fuzz target for fuzz_seconds, from its own seeds (fuzz/seeds/NAME,
# which hold every finding as a regression seed) plus the repository's
# examples and malformed inputs, with the dictionary of its format
# (fuzz/dict). Ten targets: FUZZ_SECONDS=30 is 5 minutes of fuzzing.
fuzz_targets="fuzz_scenario fuzz_set fuzz_actors fuzz_genius fuzz_genius_dir fuzz_deu fuzz_ktabxml
  fuzz_engines fuzz_opts fuzz_store fuzz_http"
echo "== fuzzing, ${fuzz_seconds}s per target"
if [ "$fuzz_seconds" -gt 0 ]; then
  if CC=clang scripts/build.sh build-fuzz -DCMAKE_BUILD_TYPE=Debug -DPARLEY_FUZZ=ON -DPARLEY_TESTS=OFF; then
    for t in $fuzz_targets; do
      corpus=$(mktemp -d)
      seeds="fuzz/seeds/${t#fuzz_}" dict=""
      case $t in
        fuzz_scenario) seeds="$seeds examples tests/bad tests/two-level" dict=scenario ;;
        fuzz_set) dict=scenario ;;
        fuzz_engines) seeds="$seeds fuzz/seeds/scenario tests/data/mc tests/data/sim examples tests/bad tests/two-level"
                      dict=scenario ;;
        fuzz_actors) seeds="$seeds tests/bad-csv" dict=csv ;;
        fuzz_ktabxml) seeds="$seeds tests/bad-ktab" dict=ktab ;;
        fuzz_genius|fuzz_genius_dir) dict=genius ;;
        fuzz_deu) dict=deu ;;
        fuzz_opts) dict=options ;;
        fuzz_store) dict=store ;;
      esac
      # -close_fd_mask=1: the targets' stdout (fuzz_opts prints --help) is not logged.
      # shellcheck disable=SC2086
      if build-fuzz/fuzz/$t "$corpus" $seeds ${dict:+-dict="fuzz/dict/$dict.dict"} -max_total_time="$fuzz_seconds" \
           -max_len=65536 -timeout=10 -rss_limit_mb=2048 -close_fd_mask=1 -artifact_prefix=build-fuzz/ \
           -print_final_stats=1 >"build-fuzz/$t.log" 2>&1; then
        echo "[fuzz] $t: $(grep -E 'stat::number_of_executed_units' "build-fuzz/$t.log" | awk '{print $2}') runs" \
          "($(grep -E 'stat::average_exec_per_sec' "build-fuzz/$t.log" | awk '{print $2}')/s," \
          "$(grep -E '^#[0-9]+[[:space:]]+DONE' "build-fuzz/$t.log" | grep -oE 'cov: [0-9]+ ft: [0-9]+')), no finding"
        total_pass=$((total_pass + 1))
      else
        echo "[fuzz] $t: FINDING"; tail -40 "build-fuzz/$t.log"
        total_fail=$((total_fail + 1))
      fi
      rm -rf "$corpus"
    done
  else total_fail=$((total_fail + 1)); fi
fi

echo "TOTAL: $total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" -eq 0 ]
